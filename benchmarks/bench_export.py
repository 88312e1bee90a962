"""Time ``diptych export`` beside ``git diff --word-diff`` and a difflib peer; stress it.

Three parts, each printing a Markdown section (paste into RESULTS.md):

1. **Export** per size (the pairs of ``generate_pairs.py``): wall time and peak RSS of
   ``diptych export LEFT RIGHT`` run as a subprocess with the analysis cache off, beside
   ``git diff --no-index --word-diff=porcelain LEFT RIGHT`` and a plain
   ``difflib.SequenceMatcher`` paragraph alignment script on the same pair. The three run
   one after the other in every round, so a busy machine slows all of them alike; the
   table gives median (min-max) over the rounds, the ratio ours/git of the medians, and
   the growth of each median per 10x size. One more export with the cache on (after a
   first run has filled it) shows the cost of reopening a pair.
2. **Pathological inputs**, generated here into ``benchmarks/out/patho-*``: one 5 MB line,
   100,000 one-word paragraphs, two unrelated 10 MB texts (the 10 MB left text against
   10 MB of Debian changelogs), two identical 10 MB texts. Each export runs once, with a
   time limit; a failure must be a clear message, never a hang.
3. **Stage profile** of ``analyze`` in this process at 1 MB and 10 MB: the stages called
   the way ``tui.core.analysis`` calls them, timed with ``perf_counter``, then cProfile's
   top functions of the slowest stages.

Peak RSS comes from ``os.wait4`` on each child (``ru_maxrss``), so it is that process's own.

Usage: python benchmarks/generate_pairs.py && python benchmarks/bench_export.py
       [--sizes 10k,100k,1m,10m] [--runs 5] [--runs-10m 3] [--parts export,patho,profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import IO

from procmem import TreeMemory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.align import align_documents  # noqa: E402
from tui.core.analysis import _row_ops  # noqa: E402
from tui.core.collector import gc_paused  # noqa: E402
from tui.core.conflicts import find_conflicts  # noqa: E402
from tui.core.diff import find_moves  # noqa: E402
from tui.core.document import document_from_text  # noqa: E402
from tui.core.entities import extract_entities  # noqa: E402
from tui.core.model import Document, RowKind  # noqa: E402
from tui.core.tokens import DiffOptions  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SIZES = ("10k", "100k", "1m", "10m")
LABEL = {
    "10k": "10 KB",
    "100k": "100 KB",
    "1m": "1 MB",
    "10m": "10 MB",
    "fr-1m": "French, 0.8 MB",
}
PATHOLOGICAL_LIMIT = 600.0
"""Seconds a pathological export may take before it counts as a hang."""

DIFFLIB_PEER = r"""
import difflib, re, sys
def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    return [" ".join(p.split()).casefold() for p in re.split(r"\n\s*\n", text) if p.strip()]
left, right = paragraphs(sys.argv[1]), paragraphs(sys.argv[2])
matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
print(sum(1 for tag, *_ in matcher.get_opcodes() if tag != "equal"))
"""


# --------------------------------------------------------------------------------------------
# Running a child


@dataclass
class Run:
    seconds: float
    rss_mb: float
    status: int
    stderr: str


def run_child(
    command: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    limit: float = 0,
    stdout: IO[bytes] | None = None,
) -> Run:
    """Run ``command``; wall time and peak RSS (see ``procmem``). Its output goes to
    ``stdout`` if given, else nowhere."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            list(command),
            stdout=subprocess.DEVNULL if stdout is None else stdout,
            stderr=errors,
            env=env,
            cwd=ROOT,
        )
        deadline = start + limit if limit else None
        sampler = TreeMemory(child.pid)
        sampler.start()
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                status = -9
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status) if status != -9 else -9
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace").strip()
    # The sampled sum of the child and the processes it started (the entity process of a
    # long pair), or wait4's peak of the largest one if that is higher (a short peak
    # between two samples).
    rss_mb = max(usage.ru_maxrss, sampler.peak_kb) / 1024
    return Run(seconds, rss_mb, child.returncode, text)


def _environment(cache: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DIPTYCH_CONFIG", None)
    if cache is None:
        env["DIPTYCH_NO_CACHE"] = "1"
    else:
        env.pop("DIPTYCH_NO_CACHE", None)
        env["DIPTYCH_CACHE_DIR"] = str(cache)
    return env


def ours(left: Path, right: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "export", str(left), str(right)]


def git(left: Path, right: Path) -> list[str]:
    return ["git", "diff", "--no-index", "--word-diff=porcelain", str(left), str(right)]


def difflib_peer(left: Path, right: Path) -> list[str]:
    return [sys.executable, "-c", DIFFLIB_PEER, str(left), str(right)]


def _cell(values: list[float], digits: int = 2) -> str:
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


# --------------------------------------------------------------------------------------------
# 1. Export beside git and difflib


def bench_exports(sizes: list[str], runs: int, runs_10m: int) -> None:
    print("### Export beside git diff and difflib\n")
    print(
        "| pair (per side) | rounds | `diptych export` s | RSS MB, all processes "
        "| reopen (cache) s | `git diff --word-diff` s | git RSS MB | difflib s | ours/git "
        "| ours/difflib |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    medians: dict[str, tuple[float, float, float]] = {}
    for name in sizes:
        left, right = OUT / f"{name}-left.txt", OUT / f"{name}-right.txt"
        count = runs_10m if name == "10m" else runs
        times: dict[str, list[float]] = {"ours": [], "git": [], "difflib": []}
        rss: dict[str, list[float]] = {"ours": [], "git": [], "difflib": []}
        for _ in range(count):
            for label, command, env in (
                ("ours", ours(left, right), _environment(None)),
                ("git", git(left, right), None),
                ("difflib", difflib_peer(left, right), None),
            ):
                run = run_child(command, env=env)
                if run.status not in (0, 1):  # git diff exits 1 when the files differ
                    raise SystemExit(f"{command[:3]} failed ({run.status}): {run.stderr}")
                times[label].append(run.seconds)
                rss[label].append(run.rss_mb)
        with tempfile.TemporaryDirectory() as cache:
            run_child(ours(left, right), env=_environment(Path(cache)))  # fills the cache
            reopen = run_child(ours(left, right), env=_environment(Path(cache))).seconds
        m = {label: statistics.median(values) for label, values in times.items()}
        medians[name] = (m["ours"], m["git"], m["difflib"])
        print(
            f"| {LABEL[name]} | {count} | {_cell(times['ours'])} "
            f"| {statistics.median(rss['ours']):.0f} "
            f"| {reopen:.2f} | {_cell(times['git'], 3)} | {statistics.median(rss['git']):.0f} "
            f"| {_cell(times['difflib'], 3)} | {m['ours'] / m['git']:.1f}x "
            f"| {m['ours'] / m['difflib']:.1f}x |",
            flush=True,
        )
    steps = list(pairwise(sizes))
    if steps:
        print("\nGrowth of the median per 10x size step:\n")
        print("| step | diptych export | git diff | difflib |")
        print("|---|---|---|---|")
        for a, b in steps:
            (oa, ga, da), (ob, gb, db) = medians[a], medians[b]
            print(
                f"| {LABEL[a]} -> {LABEL[b]} | {ob / oa:.1f}x | {gb / ga:.1f}x | {db / da:.1f}x |"
            )
    print()


# --------------------------------------------------------------------------------------------
# 2. Pathological inputs


def _corpus_words(text: str, count: int) -> list[str]:
    words = text.split()
    return [words[k % len(words)] for k in range(count)]


def _edit_words(words: list[str], rng: random.Random, rate: float) -> list[str]:
    edited = list(words)
    for k in range(len(edited)):
        if rng.random() < rate:
            edited[k] = rng.choice(words)
    return edited


def _changelogs(size: int) -> str:
    """About ``size`` characters of Debian changelogs: prose unrelated to man pages."""
    parts: list[str] = []
    total = 0
    for path in sorted(Path("/usr/share/doc").glob("*/changelog*.gz")):
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
            continue
        parts.append(text)
        total += len(text)
        if total >= size:
            break
    return "".join(parts)[:size]


def make_pathological() -> dict[str, tuple[Path, Path]]:
    """The pathological pairs (written once, reused), by name."""
    rng = random.Random(7)
    base = (OUT / "10m-left.txt").read_text(encoding="utf-8")
    pairs: dict[str, tuple[Path, Path]] = {}

    def write(name: str, left: str, right: str) -> None:
        paths = (OUT / f"patho-{name}-left.txt", OUT / f"patho-{name}-right.txt")
        if not all(path.exists() for path in paths):
            paths[0].write_text(left, encoding="utf-8")
            paths[1].write_text(right, encoding="utf-8")
        pairs[name] = paths

    line = " ".join(base[:5_200_000].split())[:5_000_000]
    words = line.split(" ")
    write("one-5mb-line", line + "\n", " ".join(_edit_words(words, rng, 0.01)) + "\n")
    one_word = _corpus_words(base, 100_000)
    kept = [w for w in _edit_words(one_word, rng, 0.02) if rng.random() > 0.02]
    write("100k-one-word-paragraphs", "\n\n".join(one_word) + "\n", "\n\n".join(kept) + "\n")
    unrelated = _changelogs(10_000_000)
    if len(unrelated) >= 5_000_000:
        write("unrelated-10mb", base, unrelated)
    write("identical-10mb", base, base)
    return pairs


def bench_pathological() -> None:
    print("### Pathological inputs\n")
    print(
        f"One export each, cache off, limit {PATHOLOGICAL_LIMIT:.0f} s; `git diff --word-diff` "
        "on the same pair for scale.\n"
    )
    print(
        "| input | sizes L/R MB | diptych export s | RSS MB, all processes | outcome "
        "| similarity | git diff s |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (left, right) in make_pathological().items():
        with tempfile.TemporaryFile() as output:
            run = run_child(
                ours(left, right), env=_environment(None), limit=PATHOLOGICAL_LIMIT, stdout=output
            )
            similarity = _exported_similarity(output) if run.status == 0 else "-"
        peer = run_child(git(left, right), limit=PATHOLOGICAL_LIMIT)
        if run.status == 0:
            outcome = "ok"
        elif run.status == -9:
            outcome = f"killed after {PATHOLOGICAL_LIMIT:.0f} s"
        else:
            outcome = f"exit {run.status}: {run.stderr.splitlines()[-1] if run.stderr else ''}"
        sizes = f"{left.stat().st_size / 1e6:.1f}/{right.stat().st_size / 1e6:.1f}"
        print(
            f"| {name} | {sizes} | {run.seconds:.2f} | {run.rss_mb:.0f} | {outcome} "
            f"| {similarity} | {peer.seconds:.2f} |",
            flush=True,
        )
    print()


def _exported_similarity(output: IO[bytes]) -> str:
    """The ``similarity`` of an export, read from its own line: a book's export is tens of
    megabytes, and this is all the table needs of it."""
    output.seek(0)
    for line in output:
        if line.startswith(b' "similarity":'):
            value = float(line.split(b":")[1].strip(b" ,\n"))
            return f"{value:.0%}"
    return "?"


# --------------------------------------------------------------------------------------------
# 3. Stage profile


def stages(left: Document, right: Document) -> dict[str, Callable[[], object]]:
    """The stages of ``analyze``, called as ``tui.core.analysis`` calls them, in order."""
    options = DiffOptions()
    state: dict[str, object] = {}

    def align() -> object:
        state["rows"] = align_documents(left, right).rows
        return state["rows"]

    def moves() -> object:
        rows = state["rows"]
        partners: list[int | None] = [None] * len(rows)  # type: ignore[arg-type]
        for move in find_moves(rows, left, right, options=options):  # type: ignore[arg-type]
            partners[move.left_row] = move.right_row
            partners[move.right_row] = move.left_row
        state["partners"] = partners
        return partners

    def diff() -> object:
        rows, partners = state["rows"], state["partners"]
        ops: list[tuple] = []
        for index, row in enumerate(rows):  # type: ignore[arg-type]
            partner = partners[index]  # type: ignore[index]
            if partner is not None and partner < index:
                ops.append(ops[partner])
            else:
                ops.append(tuple(_row_ops(index, row, rows, partners, left, right, options)))  # type: ignore[arg-type]
        state["ops"] = ops
        return ops

    def conflicts() -> object:
        found = []
        for index, row in enumerate(state["rows"]):  # type: ignore[arg-type]
            if row.kind is RowKind.CHANGED:
                found += find_conflicts(left.text, right.text, state["ops"][index], row_index=index)  # type: ignore[index]
        return found

    def entities() -> object:
        return extract_entities(left, right)

    return {
        "align": align,
        "moves": moves,
        "diff": diff,
        "conflicts": conflicts,
        "entities": entities,
    }


def _fresh_caches() -> None:
    """Forget what an earlier pass computed (per-document caches), so stages start cold."""
    from tui.core import names, values

    names.name_index.cache_clear()
    names._vocabulary.cache_clear()
    values._document_values.cache_clear()


def bench_profile(sizes: list[str], top: int = 12) -> None:
    print("### Stages of `analyze`\n")
    print("Seconds per stage (one run, garbage collector paused as `analyze` pauses it).\n")
    print("| pair | align | moves | diff | conflicts | entities | total |")
    print("|---|---|---|---|---|---|---|")
    profiles: list[str] = []
    for name in sizes:
        left = document_from_text((OUT / f"{name}-left.txt").read_text(encoding="utf-8"))
        right = document_from_text((OUT / f"{name}-right.txt").read_text(encoding="utf-8"))
        _fresh_caches()
        seconds: dict[str, float] = {}
        with gc_paused():
            for stage, function in stages(left, right).items():
                start = time.perf_counter()
                function()
                seconds[stage] = time.perf_counter() - start
        cells = " | ".join(f"{seconds[s]:.2f}" for s in seconds)
        print(f"| {LABEL[name]} | {cells} | {sum(seconds.values()):.2f} |", flush=True)
        slowest = sorted(seconds, key=seconds.get, reverse=True)[:2]  # type: ignore[arg-type]
        _fresh_caches()
        with gc_paused():
            for stage, function in stages(left, right).items():
                if stage not in slowest:
                    function()
                    continue
                profiler = cProfile.Profile()
                profiler.enable()
                function()
                profiler.disable()
                stream = io.StringIO()
                pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
                lines = [
                    line.replace(str(ROOT) + "/", "")
                    for line in stream.getvalue().splitlines()
                    if line.strip()
                ]
                body = lines[next(k for k, text in enumerate(lines) if "ncalls" in text) :]
                profiles.append(
                    f"cProfile, {LABEL[name]}, stage `{stage}` (top {top} by own time):\n\n"
                    "```\n" + "\n".join(body) + "\n```\n"
                )
    print()
    print("\n".join(profiles))


# --------------------------------------------------------------------------------------------


def _versions() -> str:
    import rapidfuzz

    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"rapidfuzz {rapidfuzz.__version__}, {git_version.strip()}, "
        f"load average {os.getloadavg()[0]:.1f} at start, {time.strftime('%Y-%m-%d')}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--runs-10m", type=int, default=3)
    parser.add_argument("--parts", default="export,patho,profile")
    parser.add_argument("--profile-sizes", default="1m,10m")
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        raise SystemExit("git is needed as the peer")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    missing = [s for s in sizes if not (OUT / f"{s}-left.txt").exists()]
    if missing:
        raise SystemExit(f"missing pairs {missing}: run benchmarks/generate_pairs.py first")
    parts = {p.strip() for p in args.parts.split(",")}
    print(f"Machine: {_versions()}.\n", flush=True)
    if "export" in parts:
        bench_exports(sizes, args.runs, args.runs_10m)
    if "patho" in parts:
        bench_pathological()
    if "profile" in parts:
        bench_profile([s.strip() for s in args.profile_sizes.split(",") if s.strip()])


if __name__ == "__main__":
    main()
