"""Make realistic aligned text pairs, with their true paragraph alignment, for benchmarks.

The prose is real English found on this machine: man pages rendered with groff, topped up
with the licence texts in /usr/share/common-licenses and READMEs under /usr/share/doc. It
is reflowed into paragraphs (the rendered line breaks are not the author's) and only
prose-like blocks are kept. The right side is then edited the way real revisions are:
paragraphs dropped, inserted, split, merged and moved; words changed in about a third of
the paragraphs; numbers and dates changed in a few.

Every run with the same seed on the same machine writes the same files:

    benchmarks/out/<size>-left.txt, <size>-right.txt  (paragraphs separated by blank lines)
    benchmarks/out/<size>-truth.json  ({"groups": [{"left": [...], "right": [...],
                                                    "moved": bool}, ...]})

Usage: python benchmarks/generate_pairs.py [--sizes 10k,100k,1m,10m] [--seed 7]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
CORPUS_TARGET = 14_000_000  # enough unique prose for the 10 MB pair and its insertions

# Edit rates per left paragraph (the rest are kept, possibly with word edits).
P_DROP = 0.04
P_INSERT = 0.04
P_SPLIT = 0.04
P_MERGE = 0.04
P_MOVE = 0.02
P_WORD_EDIT = 0.33
P_NUMBER_EDIT = 0.05

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_NUMBER = re.compile(r"\d+")


# --------------------------------------------------------------------------------------------
# Corpus


def _render_man(path: Path) -> str:
    """A man page as plain text: no hyphenation, no bold/underline, long lines."""
    try:
        source = gzip.decompress(path.read_bytes())
        result = subprocess.run(
            ["groff", "-k", "-Tutf8", "-man", "-P-cbou", "-rHY=0", "-rLL=300n"],
            input=source,
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, EOFError, gzip.BadGzipFile):
        return ""
    return result.stdout.decode("utf-8", "replace")


def _read_doc(path: Path) -> str:
    try:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        return ""


def prose_paragraphs(text: str) -> Iterator[str]:
    """Blank-line separated blocks reflowed to one line, keeping only prose-like ones."""
    for block in re.split(r"\n\s*\n", text):
        words = block.split()
        if len(words) < 12:
            continue
        flat = " ".join(words)
        letters = sum(c.isalpha() or c == " " for c in flat)
        if letters / len(flat) < 0.85 or not flat.endswith((".", "!", "?", '."', ".)")):
            continue
        if flat[0].isalpha() and flat[0].islower() and flat.split()[0].endswith(":"):
            continue
        yield flat


def _varied_man_pages(lang: str = "") -> list[Path]:
    """All man pages, round-robin over command families ("git", "gcloud", "perf"...).

    One family can dominate a system (thousands of near-identical ``gcloud-*`` pages), so
    every family gives one page per round: small corpora stay varied, and templated
    families only fill the tail of the largest one.
    """
    families: dict[str, list[Path]] = {}
    root = Path("/usr/share/man") / lang
    for section in "18253764":
        for page in sorted((root / f"man{section}").glob("*.gz")):
            family = re.split(r"[-_.:]", page.name, maxsplit=1)[0]
            families.setdefault(family, []).append(page)
    queues = [families[name] for name in sorted(families)]
    ordered: list[Path] = []
    for depth in range(max(map(len, queues), default=0)):
        ordered += [queue[depth] for queue in queues if depth < len(queue)]
    return ordered


def build_corpus(target: int = CORPUS_TARGET, lang: str = "") -> list[str]:
    """Unique prose paragraphs from this machine, cached in ``benchmarks/out/corpus*.txt``.

    With ``lang`` (a folder of /usr/share/man such as ``fr``) only the man pages
    translated into that language are used: real accented prose, as much as there is.
    """
    cache = OUT / (f"corpus-{lang}.txt" if lang else "corpus-v3.txt")
    if cache.exists() and (lang or cache.stat().st_size >= target):
        return cache.read_text(encoding="utf-8").split("\n")
    corpus: list[str] = []
    seen: set[str] = set()
    size = 0

    def add(text: str) -> None:
        nonlocal size
        for para in prose_paragraphs(text):
            if para not in seen:
                seen.add(para)
                corpus.append(para)
                size += len(para) + 2

    # Man pages first, varied. Licences and READMEs only top up (they repeat a lot).
    pages = _varied_man_pages(lang)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for start in range(0, len(pages), 64):
            if size >= target:
                break
            for text in pool.map(_render_man, pages[start : start + 64]):
                add(text)
    extra = [] if lang else sorted(Path("/usr/share/common-licenses").glob("*"))
    extra += [] if lang else sorted(Path("/usr/share/doc").glob("*/README*"))
    for path in extra:
        if size >= target:
            break
        if path.is_file():
            add(_read_doc(path))
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_text("\n".join(corpus), encoding="utf-8")
    return corpus


# --------------------------------------------------------------------------------------------
# Edits


@dataclass
class _Item:
    """One right-side paragraph and the left paragraphs it came from."""

    text: str
    group: int
    moved: bool = False


@dataclass
class _Pair:
    left: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    groups: list[list[int]] = field(default_factory=list)  # left indices per group


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text)


def edit_words(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """Replace, delete or insert 5-20% of the words, as a copy editor would."""
    words = text.split()
    count = max(1, round(len(words) * rng.uniform(0.05, 0.2)))
    for _ in range(count):
        k = rng.randrange(len(words))
        op = rng.random()
        if op < 0.6:
            words[k] = rng.choice(vocabulary)
        elif op < 0.8 and len(words) > 3:
            del words[k]
        else:
            words.insert(k, rng.choice(vocabulary))
    return " ".join(words)


def edit_numbers(text: str, rng: random.Random) -> str:
    """Change the numbers (counts, years, dates) in a paragraph, or add a date."""
    if not _NUMBER.search(text):
        return text.rstrip(".") + f", as of {rng.randint(1, 28)} March {rng.randint(1990, 2024)}."
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), text)


def _take(corpus: list[str], rng: random.Random, size: int) -> tuple[list[str], int]:
    """Consecutive corpus paragraphs from a random start, about ``size`` bytes."""
    start = rng.randrange(max(1, len(corpus) // 4))
    texts: list[str] = []
    total = 0
    k = start
    while total < size and k < len(corpus):
        texts.append(corpus[k])
        total += len(corpus[k].encode("utf-8")) + 2
        k += 1
    return texts, k


def make_pair(corpus: list[str], size: int, seed: int) -> tuple[list[str], list[str], list[dict]]:
    """Left paragraphs, edited right paragraphs, and the true groups between them."""
    rng = random.Random(seed * 1_000_003 + size)
    left, used = _take(corpus, rng, size)
    spare = corpus[used:] or corpus
    vocabulary = sorted({w for text in left[:2000] for w in text.split() if w.isalpha()})
    pair = _Pair(left=left)
    k = 0
    while k < len(left):
        if rng.random() < P_INSERT:
            pair.groups.append([])
            pair.items.append(_Item(rng.choice(spare), len(pair.groups) - 1))
        op = rng.random()
        text = left[k]
        if op < P_DROP:
            pair.groups.append([k])
        elif op < P_DROP + P_MERGE and k + 1 < len(left):
            pair.groups.append([k, k + 1])
            pair.items.append(_Item(text + " " + left[k + 1], len(pair.groups) - 1))
            k += 1
        elif op < P_DROP + P_MERGE + P_SPLIT and len(_sentences(text)) > 1:
            parts = _sentences(text)
            cut = rng.randrange(1, len(parts))
            pair.groups.append([k])
            for half in (parts[:cut], parts[cut:]):
                pair.items.append(_Item(" ".join(half), len(pair.groups) - 1))
        else:
            pair.groups.append([k])
            pair.items.append(_Item(text, len(pair.groups) - 1))
        k += 1
    _move(pair, rng)
    for item in pair.items:
        if rng.random() < P_WORD_EDIT:
            item.text = edit_words(item.text, rng, vocabulary)
        if rng.random() < P_NUMBER_EDIT:
            item.text = edit_numbers(item.text, rng)
    return pair.left, [item.text for item in pair.items], _truth(pair)


def _move(pair: _Pair, rng: random.Random) -> None:
    """Move some single right paragraphs 3-30 places away (out of order)."""
    for _ in range(round(len(pair.items) * P_MOVE)):
        if len(pair.items) < 10:
            return
        source = rng.randrange(len(pair.items))
        item = pair.items.pop(source)
        item.moved = True
        target = min(len(pair.items), max(0, source + rng.choice([-1, 1]) * rng.randint(3, 30)))
        pair.items.insert(target, item)


def _truth(pair: _Pair) -> list[dict]:
    """One group per left paragraph (or insertion); ``moved`` marks out-of-order ones."""
    right: list[list[int]] = [[] for _ in pair.groups]
    moved = [False] * len(pair.groups)
    for index, item in enumerate(pair.items):
        right[item.group].append(index)
        moved[item.group] |= item.moved
    return [
        {"left": left, "right": r, "moved": m}
        for left, r, m in zip(pair.groups, right, moved, strict=True)
    ]


def write_pair(name: str, left: list[str], right: list[str], groups: list[dict]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}-left.txt").write_text("\n\n".join(left) + "\n", encoding="utf-8")
    (OUT / f"{name}-right.txt").write_text("\n\n".join(right) + "\n", encoding="utf-8")
    (OUT / f"{name}-truth.json").write_text(json.dumps({"groups": groups}), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m,10m", help="comma-separated: 10k,...")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--lang",
        default="",
        help="use only the man pages translated into this language (e.g. fr); the pairs "
        "are named <lang>-<size>",
    )
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    largest = max(SIZES[name] for name in sizes)
    corpus = build_corpus(min(CORPUS_TARGET, largest + largest // 3 + 500_000), args.lang)
    print(f"corpus: {len(corpus)} paragraphs, {sum(map(len, corpus)) / 1e6:.1f} MB")
    for name in sizes:
        left, right, groups = make_pair(corpus, SIZES[name], args.seed)
        write_pair(f"{args.lang}-{name}" if args.lang else name, left, right, groups)
        print(f"{name}: {len(left)} / {len(right)} paragraphs")


if __name__ == "__main__":
    main()
