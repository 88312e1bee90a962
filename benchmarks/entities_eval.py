"""Precision / recall of entity extraction on the hand-annotated gold pairs, and its speed.

Prints, per gold pair: distinct (name, type) entity precision, recall and F1, the F1 when
the type is ignored, and precision / recall of presence ((entity, side) items); then the
errors with ``--errors``; then the time of ``extract_entities`` on a synthetic pair of about
``--mb`` megabytes per side, built by repeating the gold texts (wall and CPU time: on a
shared machine the CPU time is the stable figure).

Usage: python benchmarks/entities_eval.py [--errors] [--mb 1.0]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.core.entity_gold import Score, gold_pairs, predict, score
from tui.core.document import document_from_text
from tui.core.entities import extract_entities


def _row(name: str, s: Score) -> str:
    return (
        f"{name:22} {s.gold:5} {s.predicted:5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
        f" {s.untyped_f1:8.3f} {s.presence_precision:7.3f} {s.presence_recall:7.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list missed and spurious")
    parser.add_argument("--mb", type=float, default=1.0, help="size per side for timing")
    args = parser.parse_args()

    header = f"{'pair':22} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"
    print(header + f" {'F1 any':>8} {'pres P':>7} {'pres R':>7}")
    total: Score | None = None
    reports = []
    for pair in gold_pairs():
        result = score(pair, predict(pair))
        total = result if total is None else total + result
        print(_row(pair.name, result))
        reports.append((pair.name, result))
    if total is not None:
        print(_row("ALL (micro)", total))
    if args.errors:
        for name, result in reports:
            print(f"\n## {name}")
            for line in result.missed:
                print(f"  missed   {line}")
            for line in result.spurious:
                print(f"  spurious {line}")

    pairs = gold_pairs()
    left_seed = "\n\n".join(p.left.read_text(encoding="utf-8") for p in pairs)
    right_seed = "\n\n".join(p.right.read_text(encoding="utf-8") for p in pairs)
    target = int(args.mb * 1_000_000)
    left = document_from_text((left_seed + "\n\n") * (target // len(left_seed) + 1))
    right = document_from_text((right_seed + "\n\n") * (target // len(right_seed) + 1))
    times, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        entities = extract_entities(left, right)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(
        f"\nspeed: {len(left.text) / 1e6:.2f} MB + {len(right.text) / 1e6:.2f} MB,"
        f" {len(entities)} entities; wall median {statistics.median(times):.2f} s"
        f" (min {min(times):.2f}, max {max(times):.2f}), CPU median"
        f" {statistics.median(cpu):.2f} s, over 3 runs"
    )


if __name__ == "__main__":
    main()
