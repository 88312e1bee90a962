"""Time to first frame of Diptych on the sample pair against a minimal two-pane Textual app.

Each start-up is a fresh Python process (``startup_driver.py``) running headless at
120x40, so the times include the interpreter, imports, CSS, composing and the first
composited frame turned into terminal output, which is what a user waits for. The two
apps alternate run by run, after one unmeasured warm-up each (bytecode and disk caches),
so a busy shared machine slows both alike; the ratio is the number to watch.

Measured from just before the process is spawned:

* minimal: the first frame of two ``Static`` panes side by side showing the sample texts;
* Diptych, first frame: the reader screen's first frame (panes and "Aligning…" progress);
* Diptych, rows shown: the first frame with the aligned rows laid out in both panes
  (``ReaderScreen.layout_map`` set), diffs and entities possibly still to come;
* for the generated 1 MB and 10 MB pairs (5 runs each): first frame, rows shown, the first
  frame with the complete analysis, the peak RSS of the largest process (``os.wait4``:
  the reader, or the entity process it starts for pairs of 1 MB and more) and the peak
  of their sum, sampled every 20 ms.

Every run gets empty config/state/cache folders, so no remembered place or user setting
changes the work. Usage: python benchmarks/bench_startup.py [--runs 7] [--pairs 1m,10m]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procmem import TreeMemory

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "startup_driver.py"


def start_once(kind: str, paths: list[str] | None = None) -> dict[str, float]:
    """One start-up of ``kind``: seconds from spawn to each mark, and peak RSS in MB."""
    with tempfile.TemporaryDirectory(prefix="diptych-bench-") as folder:
        env = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            env[name] = str(Path(folder) / name.lower())
        env.pop("DIPTYCH_CONFIG", None)
        # The warm-up run must leave compiled bytecode behind, as any first start does
        # for a user; with this set (some shells and containers set it) every start
        # would compile Diptych from source while Textual's bytecode came with pip.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        out = Path(folder) / "marks.json"
        spawned = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, str(DRIVER), kind, str(out), *(paths or [])],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        finished = time.monotonic()
        sampler.stop()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"bench_startup: the {kind} driver failed on {paths}")
        marks = json.loads(out.read_text(encoding="utf-8"))
    times = {name: value - spawned for name, value in marks.items()}
    times["process"] = finished - spawned
    # wait4's maximum is that of the largest single process (the reader or the entity
    # process it started), not of both together: the sampled sum says what they need.
    times["rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    times["tree_rss_mb"] = sampler.peak_kb / 1024
    return times


def summary(values: list[float], scale: float = 1000) -> str:
    """Median and range (milliseconds by default)."""
    scaled = [value * scale for value in values]
    return f"{statistics.median(scaled):.0f} ({min(scaled):.0f}–{max(scaled):.0f})"


PAIRS = {
    "1m": ("1 MB", [str(HERE / "out" / "1m-left.txt"), str(HERE / "out" / "1m-right.txt")]),
    "10m": ("10 MB", [str(HERE / "out" / "10m-left.txt"), str(HERE / "out" / "10m-right.txt")]),
    "fr-1m": (
        "French, 0.8 MB",
        [str(HERE / "out" / "fr-1m-left.txt"), str(HERE / "out" / "fr-1m-right.txt")],
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per app (>= 5)")
    parser.add_argument("--pairs", default="1m,10m", help="generated pairs to open too")
    args = parser.parse_args()
    runs = max(5, args.runs)
    pairs = [name for name in args.pairs.split(",") if name]

    for kind in ("minimal", "diptych"):
        start_once(kind)  # warm-up: compiled bytecode and file caches, not measured
    results: dict[str, list[dict[str, float]]] = {"minimal": [], "diptych": []}
    for _ in range(runs):
        for kind in ("minimal", "diptych"):
            results[kind].append(start_once(kind))
    opened = {name: [start_once("diptych", PAIRS[name][1]) for _ in range(5)] for name in pairs}

    def column(runs_: list[dict[str, float]], mark: str) -> list[float]:
        return [run[mark] for run in runs_]

    base = statistics.median(column(results["minimal"], "first_frame"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load:.1f}; headless 120x40, empty "
        f"config/state/cache folders; sample: {runs} runs each, alternating.\n"
    )
    print("| start-up | ms from spawn, median (min–max) | ÷ minimal first frame |")
    print("|---|---|---|")
    rows = [
        ("minimal two-pane app: first frame", column(results["minimal"], "first_frame")),
        ("Diptych, sample: first frame", column(results["diptych"], "first_frame")),
        ("Diptych, sample: rows shown", column(results["diptych"], "ready")),
    ]
    for label, values in rows:
        print(f"| {label} | {summary(values)} | {statistics.median(values) / base:.2f}× |")
    if opened:
        print(
            "\n| pair (5 runs) | first frame ms | rows aligned and scrollable ms "
            "| complete (diffs, entities) ms | peak RSS MB, largest process "
            "| peak RSS MB, all processes (sampled) |"
        )
        print("|---|---|---|---|---|---|")
        for name, runs_ in opened.items():
            print(
                f"| {PAIRS[name][0]} | {summary(column(runs_, 'first_frame'))} "
                f"| {summary(column(runs_, 'ready'))} | {summary(column(runs_, 'complete'))} "
                f"| {summary(column(runs_, 'rss_mb'), scale=1)} "
                f"| {summary(column(runs_, 'tree_rss_mb'), scale=1)} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
