"""Time to first frame of Diptych on the sample pair against a minimal two-pane Textual app.

Each start-up is a fresh Python process (``startup_driver.py``) running headless at
120x40, so the times include the interpreter, imports, CSS, composing and the first
composited frame turned into terminal output, which is what a user waits for. The two
apps alternate run by run, after one unmeasured warm-up each (bytecode and disk caches),
so a busy shared machine slows both alike; the ratio is the number to watch.

Measured from just before the process is spawned:

* minimal: the first frame of two ``Static`` panes side by side showing the sample texts;
* Diptych, first frame: the reader screen's first frame (panes and "Aligning…" progress);
* Diptych, aligned: the first frame after the alignment worker finished and both panes
  were laid out (``ReaderScreen.layout_map`` set).

Every run gets empty config/state/cache folders, so no remembered place or user setting
changes the work. Usage: python benchmarks/bench_startup.py [--runs 7]
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

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "startup_driver.py"


def start_once(kind: str) -> dict[str, float]:
    """One start-up of ``kind``: seconds from spawn to each mark the driver recorded."""
    with tempfile.TemporaryDirectory(prefix="diptych-bench-") as folder:
        env = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            env[name] = str(Path(folder) / name.lower())
        env.pop("DIPTYCH_CONFIG", None)
        out = Path(folder) / "marks.json"
        spawned = time.monotonic()
        subprocess.run(
            [sys.executable, str(DRIVER), kind, str(out)],
            env=env,
            check=True,
            timeout=120,
            stdout=subprocess.DEVNULL,
        )
        finished = time.monotonic()
        marks = json.loads(out.read_text(encoding="utf-8"))
    times = {name: value - spawned for name, value in marks.items()}
    times["process"] = finished - spawned
    return times


def summary(values: list[float]) -> str:
    """Median and range in milliseconds."""
    ms = [value * 1000 for value in values]
    return f"{statistics.median(ms):.0f} ({min(ms):.0f}–{max(ms):.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per app (>= 5)")
    args = parser.parse_args()
    runs = max(5, args.runs)

    for kind in ("minimal", "diptych"):
        start_once(kind)  # warm-up: compiled bytecode and file caches, not measured
    results: dict[str, list[dict[str, float]]] = {"minimal": [], "diptych": []}
    for _ in range(runs):
        for kind in ("minimal", "diptych"):
            results[kind].append(start_once(kind))

    def column(kind: str, mark: str) -> list[float]:
        return [run[mark] for run in results[kind]]

    base = statistics.median(column("minimal", "first_frame"))
    rows = [
        ("minimal two-pane app: first frame", column("minimal", "first_frame")),
        ("Diptych: first frame", column("diptych", "first_frame")),
        ("Diptych: aligned and laid out", column("diptych", "ready")),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load:.1f}; {runs} runs each, "
        "alternating, headless 120x40.\n"
    )
    print("| start-up | ms from spawn, median (min–max) | ÷ minimal first frame |")
    print("|---|---|---|")
    for label, values in rows:
        print(f"| {label} | {summary(values)} | {statistics.median(values) / base:.2f}× |")
    started = [run["started"] for kind in results for run in results[kind]]
    print(f"\nInterpreter start to the driver's first line: {summary(started)} ms (both apps).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
