"""Run every benchmark and write ``benchmarks/RESULTS.md``: the one command for all numbers.

    .venv/bin/python benchmarks/run_all.py

Steps, each a script of this folder run as a child process (so one cannot warm the next):
the generated pairs (``generate_pairs.py``, skipped when ``out/`` has them), alignment
quality and speed (``bench_align.py``), ``diptych export`` beside ``git diff --word-diff``
and difflib with peak RSS, the pathological inputs and a per-stage profile
(``bench_export.py``), start-up and opening the 1 MB / 10 MB pairs (``bench_startup.py``),
scrolling and resizing the 10 MB pair (``bench_scroll.py``), and entity quality
(``entities_eval.py``). A pair of real accented prose (the French man pages of this
machine, ``generate_pairs.py --lang fr``) goes through alignment, export, opening and
scrolling too, so text that is not ASCII is measured beside text that is. The tables
are written under a header naming the machine, Python and library versions and the date;
the hand-written findings in ``FINDINGS.md`` (what was profiled, what was fixed, which
targets are missed and why) follow them.

Options: ``--quick`` (fewer runs, no 10 MB pair) for trying the pipeline out;
``--findings-only`` re-reads FINDINGS.md into RESULTS.md without measuring again.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
FINDINGS = HERE / "FINDINGS.md"
FRENCH = "fr-1m"
"""The pair of real accented prose (translated man pages), beside the English ones."""
FINDINGS_HEADING = "## Findings"
"""FINDINGS.md starts with this heading; ``--findings-only`` splits RESULTS.md there."""


def run(script: str, *args: str) -> str:
    """Run one benchmark script and return what it printed (its Markdown)."""
    print(f"run_all: {script} {' '.join(args)}", file=sys.stderr, flush=True)
    result = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DIPTYCH_NO_CACHE": "1"},
    )
    return result.stdout.strip()


def header() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        "# Benchmark results\n\n"
        "Written by `.venv/bin/python benchmarks/run_all.py`: the tables are generated "
        "(rerun it to reproduce them), the findings at the end come from FINDINGS.md. "
        "Times are wall-clock medians with "
        "min–max; every ratio compares two programs measured in the same run, because the "
        "machine is shared.\n\n"
        f"- Date: {datetime.date.today().isoformat()}\n"
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, load average {load:.1f} at start\n"
        f"- Python {platform.python_version()}; textual {version('textual')}, rapidfuzz "
        f"{version('rapidfuzz')}, platformdirs {version('platformdirs')}; {git}\n"
        "- Findings, misses and their causes: see the end of this file.\n"
    )


def scroll_table(results: list[dict[str, object]]) -> str:
    lines = [
        "| pair | page-downs | median ms | p99 ms | max ms | minimal two-pane app: median "
        "/ p99 ms | median ÷ minimal | resize: first frame ms | resize: re-wrapped ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        left = Path(str(result["pair"][0])).name  # type: ignore[index]
        lines.append(
            f"| {left.replace('-left.txt', '')} | {result['presses']} "
            f"| {result['page_down_median']} | {result['page_down_p99']} "
            f"| {result['page_down_max']} | {result['peer_page_down_median']} / "
            f"{result['peer_page_down_p99']} "
            f"| {float(result['page_down_median']) / float(result['peer_page_down_median']):.1f}× "  # type: ignore[arg-type]
            f"| {result['resize_first_frame_median']} "
            f"| {result['resize_rewrapped_median']} |"
        )
    return "\n".join(lines)


def save(sections: list[str]) -> None:
    """Write what exists so far: a failing step still leaves the earlier tables."""
    RESULTS.write_text("\n\n".join(sections) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 10 MB pair")
    parser.add_argument(
        "--findings-only",
        action="store_true",
        help="keep the measured tables of RESULTS.md and only put in FINDINGS.md again",
    )
    args = parser.parse_args()
    if args.findings_only:
        measured = RESULTS.read_text(encoding="utf-8").split(FINDINGS_HEADING)[0].strip()
        save([measured, FINDINGS.read_text(encoding="utf-8").strip()])
        return 0
    sizes = "10k,100k,1m" if args.quick else "10k,100k,1m,10m"
    runs = "3" if args.quick else "5"

    if not all((OUT / f"{size}-left.txt").exists() for size in sizes.split(",")):
        run("generate_pairs.py", "--sizes", "10k,100k,1m,10m")
    if not (OUT / f"{FRENCH}-left.txt").exists():
        run("generate_pairs.py", "--sizes", "1m", "--lang", "fr")
    sections = [header()]
    sections.append(
        "## Alignment (`bench_align.py`)\n\n"
        + run("bench_align.py", "--sizes", f"{sizes},{FRENCH}", "--runs", runs)
    )
    save(sections)
    export_parts = "export,profile" if args.quick else "export,patho,profile"
    sections.append(
        "## Export, pathological inputs, stage profile (`bench_export.py`)\n\n"
        + run(
            "bench_export.py",
            "--sizes",
            sizes,
            "--runs",
            runs,
            "--runs-10m",
            runs,
            "--parts",
            export_parts,
            "--profile-sizes",
            "1m" if args.quick else "1m,10m",
        )
    )
    save(sections)
    sections.append(
        "## Real non-English prose (`bench_export.py`; the French man pages of this machine, "
        "the same edits)\n\n"
        + run("bench_export.py", "--sizes", FRENCH, "--runs", runs, "--parts", "export")
    )
    save(sections)
    sections.append(
        "## Start-up and opening large pairs (`bench_startup.py`)\n\n"
        + run(
            "bench_startup.py",
            "--runs",
            "7" if not args.quick else "5",
            "--pairs",
            f"1m,{FRENCH}" if args.quick else f"1m,10m,{FRENCH}",
        )
    )
    save(sections)
    scroll_pairs = ["1m", FRENCH] if args.quick else ["1m", "10m", FRENCH]
    scrolls = []
    for name in scroll_pairs:
        left, right = OUT / f"{name}-left.txt", OUT / f"{name}-right.txt"
        scrolls.append(json.loads(run("bench_scroll.py", str(left), str(right))))
    sections.append(
        "## Scrolling and resizing (`bench_scroll.py`, headless 160x50, 200 page-downs)\n\n"
        + scroll_table(scrolls)
    )
    save(sections)
    sections.append("## Entities (`entities_eval.py`)\n\n" + run("entities_eval.py"))
    if FINDINGS.exists():
        sections.append(FINDINGS.read_text(encoding="utf-8").strip())
    save(sections)
    print(f"run_all: wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
