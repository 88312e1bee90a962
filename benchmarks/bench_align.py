"""Time ``align_documents`` on the generated pairs and score it against the true alignment.

For each size: 5 runs (median, min-max) of ``align_documents`` on pre-built documents, the
precision / recall / F1 of its paragraph links (a 2:1 row is two links) against the truth,
the recall on links of paragraphs that were not moved (a monotonic alignment cannot get
moved ones; pairing them is a later step),
and in the same run a peer baseline: ``difflib.SequenceMatcher`` over the two lists of
paragraph comparison strings, its equal and replace blocks read as links (replace blocks
paired position by position, which is what a plain diff viewer shows side by side).

Usage: python benchmarks/generate_pairs.py && python benchmarks/bench_align.py [--sizes ...]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core.align import align_documents
from tui.core.document import document_from_text
from tui.core.model import Alignment, Document
from tui.core.normalize import comparison_text

OUT = Path(__file__).resolve().parent / "out"
Links = set[tuple[int, int]]


def timed(function: Callable[[], object], runs: int) -> tuple[list[float], object]:
    times: list[float] = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def truth_links(name: str) -> tuple[Links, Links]:
    """All true links, and those of groups that kept their place (not moved)."""
    groups = json.loads((OUT / f"{name}-truth.json").read_text(encoding="utf-8"))["groups"]
    links = {(i, j) for group in groups for i in group["left"] for j in group["right"]}
    in_order = {
        (i, j)
        for group in groups
        if not group.get("moved")
        for i in group["left"]
        for j in group["right"]
    }
    return links, in_order


def our_links(alignment: Alignment) -> Links:
    return {(i, j) for row in alignment.rows for i in row.left for j in row.right}


def difflib_links(left: list[str], right: list[str]) -> Links:
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    links: Links = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            links.update(zip(range(i1, i2), range(j1, j2), strict=False))
    return links


def f1(found: Links, truth: Links) -> tuple[float, float, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def paragraph_strings(document: Document) -> list[str]:
    return [comparison_text(document.paragraph_text(k)) for k in range(len(document.paragraphs))]


def bench(name: str, runs: int) -> str:
    left = document_from_text((OUT / f"{name}-left.txt").read_text(encoding="utf-8"))
    right = document_from_text((OUT / f"{name}-right.txt").read_text(encoding="utf-8"))
    truth, in_order = truth_links(name)
    ours_times, alignment = timed(lambda: align_documents(left, right), runs)
    assert isinstance(alignment, Alignment)
    left_strings, right_strings = paragraph_strings(left), paragraph_strings(right)
    diff_times, diff_found = timed(lambda: difflib_links(left_strings, right_strings), runs)
    assert isinstance(diff_found, set)
    ours = our_links(alignment)
    ours_p, ours_r, ours_f = f1(ours, truth)
    in_order_recall = len(ours & in_order) / len(in_order) if in_order else 1.0
    diff_p, diff_r, diff_f = f1(diff_found, truth)
    median = statistics.median(ours_times)
    diff_median = statistics.median(diff_times)
    size = len(left.text.encode("utf-8")) / 1e6
    return (
        f"| {name} | {size:.2f} | {len(left.paragraphs)}/{len(right.paragraphs)} "
        f"| {median:.3f} ({min(ours_times):.3f}-{max(ours_times):.3f}) "
        f"| {ours_p:.3f} / {ours_r:.3f} / **{ours_f:.3f}** | {in_order_recall:.3f} "
        f"| {diff_median:.3f} | {diff_p:.3f} / {diff_r:.3f} / {diff_f:.3f} "
        f"| {median / diff_median if diff_median else float('inf'):.1f}x |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(
        f"machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, {args.runs} runs each\n"
    )
    print(
        "| pair | MB/side | paragraphs L/R | align_documents s: median (min-max) "
        "| P / R / F1 | R not moved | difflib s | difflib P / R / F1 | time ours/difflib |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in (s.strip() for s in args.sizes.split(",") if s.strip()):
        print(bench(name, args.runs), flush=True)


if __name__ == "__main__":
    main()
