"""The analysis of a pair, kept on disk so that reopening a large pair is instant.

Aligning and diffing two editions of a book takes seconds; reading the result back takes a
fraction of one. :func:`cached_analyze` is :func:`tui.core.analysis.analyze` with a cache in
``platformdirs.user_cache_dir("diptych")`` (``DIPTYCH_CACHE_DIR`` overrides the folder,
``DIPTYCH_NO_CACHE=1`` turns the cache off, e.g. for benchmarks).

An entry is keyed by everything the result depends on: the sha256 of both texts, the
program version (any change to the rules changes it) and the options that change results
(:class:`AlignOptions`, :class:`DiffOptions`). It stores the results, not the documents:
those are the caller's, and their texts are what the key hashed.

A cache is a convenience, so it must never cost the user a crash or a wrong result:

- Entries are pickles of our own data in our own folder. One that cannot be read, is not
  what it claims to be (a different key, version or shape), or does not fit the documents
  is ignored and rebuilt; a failed read never raises.
- Writes go to a temporary file in the same folder, renamed over the entry (``os.replace``),
  so a reader sees a whole entry or none.
- The folder is bounded (``max_bytes``, 200 MB by default): after each write the least
  recently used entries (by modification time, refreshed on every hit) are removed.
- A folder that cannot be created or written means no cache, silently: the analysis is
  computed as if there were none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import fields
from itertools import chain
from pathlib import Path
from typing import IO, Any

import platformdirs

from tui import __version__
from tui.core.align import AlignOptions
from tui.core.analysis import Analysis, analyze_in_stages
from tui.core.model import Alignment, Document, Row, SentenceRow
from tui.core.tokens import DiffOptions

Progress = Callable[[float], None]

APP_NAME = "diptych"
ENV_DIR = "DIPTYCH_CACHE_DIR"
"""Folder to keep entries in instead of the platform's user cache folder."""
ENV_DISABLE = "DIPTYCH_NO_CACHE"
"""Set to anything but "" or "0" to compute every analysis afresh."""
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
FORMAT = 2
"""Version of the entry layout; bump it when :class:`Analysis` or what it holds changes."""
_SUFFIX = ".analysis"
_MAGIC = b"diptych-analysis\n"


def default_cache_dir() -> Path:
    """Where entries live unless a caller or ``DIPTYCH_CACHE_DIR`` says otherwise."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "analysis"


def cache_disabled() -> bool:
    return os.environ.get(ENV_DISABLE, "") not in ("", "0")


def _options_text(options: object) -> str:
    """Every field of an options dataclass, by name: a new field changes the key."""
    return repr([(f.name, getattr(options, f.name)) for f in fields(options)])  # type: ignore[arg-type]


def cache_key(
    left: Document, right: Document, align_options: AlignOptions, diff_options: DiffOptions
) -> str:
    """The entry name for this pair, program version and options (a sha256, in hex)."""
    digest = hashlib.sha256()
    for part in (
        f"{APP_NAME}/{FORMAT}/{__version__}",
        _options_text(align_options),
        _options_text(diff_options),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for document in (left, right):
        text = hashlib.sha256(document.text.encode("utf-8", "surrogatepass"))
        digest.update(text.digest())
    return digest.hexdigest()


class AnalysisCache:
    """A folder of analyses; every method tolerates a missing, unreadable or full folder."""

    def __init__(self, folder: Path | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self.max_bytes = max_bytes

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def load(self, key: str, left: Document, right: Document) -> Analysis | None:
        """The stored analysis of ``key`` for these documents, or None (missing or bad)."""
        path = self._path(key)
        try:
            with path.open("rb") as stream:
                if stream.read(len(_MAGIC)) != _MAGIC:
                    raise ValueError("not an analysis entry")
                entry = _read_entry(stream)  # our own data in our own folder
            analysis = _from_entry(entry, key, left, right)
        except Exception:  # any unreadable entry is rebuilt, never fatal
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used
        return analysis

    def store(self, key: str, analysis: Analysis) -> bool:
        """Write the entry atomically and keep the folder within bounds; False if not."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=_SUFFIX)
            try:
                # Pickled straight into the file: a book's entry is tens of megabytes,
                # which as one bytes object would add to the reader's peak memory.
                with os.fdopen(handle, "wb") as stream:
                    stream.write(_MAGIC)
                    _write_entry(stream, _to_entry(key, analysis))
                    size = stream.tell()
                if size > self.max_bytes:
                    os.unlink(temporary)
                    return False
                os.replace(temporary, self._path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, pickle.PicklingError, RecursionError):
            return False
        self.prune(keep=key)
        return True

    def prune(self, keep: str | None = None) -> None:
        """Remove the least recently used entries until the folder fits ``max_bytes``."""
        entries: list[tuple[float, int, Path]] = []
        try:
            for path in self.folder.iterdir():
                if not path.name.endswith(_SUFFIX):
                    continue
                with contextlib.suppress(OSError):
                    stat = path.stat()
                    entries.append((stat.st_mtime, stat.st_size, path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        keep_name = None if keep is None else self._path(keep).name
        for _, size, path in sorted(entries, key=lambda entry: entry[0]):
            if total <= self.max_bytes:
                break
            if path.name == keep_name:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size


_SEQUENCES = ("rows", "sentence_rows", "ops", "partners", "conflicts", "entities")
"""The entry's long tuples, pickled in chunks (see :func:`_write_entry`)."""
CHUNK_ITEMS = 2048
"""Items of one sequence per pickled chunk."""


def _write_entry(stream: IO[bytes], entry: dict[str, Any]) -> None:
    """Pickle ``entry`` as a head (its short fields and the sequences' lengths), then each
    sequence in chunks.

    One pickle of a whole book's analysis keeps a memo entry for each of its millions of
    objects: over 100 MB beside the reader's data, its peak memory. Each chunk is a pickle
    of its own, with a memo of its own objects only. (An object shared by two chunks, the
    one diff of a moved pair, is stored twice and read back as two equal copies.)
    """
    head = {name: value for name, value in entry.items() if name not in _SEQUENCES}
    head["sizes"] = {name: len(entry[name]) for name in _SEQUENCES}
    pickle.dump(head, stream, pickle.HIGHEST_PROTOCOL)
    for name in _SEQUENCES:
        items = entry[name]
        for start in range(0, len(items), CHUNK_ITEMS):
            pickle.dump(tuple(items[start : start + CHUNK_ITEMS]), stream, pickle.HIGHEST_PROTOCOL)


def _read_entry(stream: IO[bytes]) -> dict[str, Any]:
    """What :func:`_write_entry` wrote; ValueError (or any unpickling error) if damaged."""
    entry = pickle.load(stream)
    if not isinstance(entry, dict) or not isinstance(entry.get("sizes"), dict):
        raise ValueError("not an entry")
    sizes = entry.pop("sizes")
    for name in _SEQUENCES:
        size = sizes.get(name)
        if not isinstance(size, int):
            raise ValueError("a damaged entry")
        chunks: list[tuple[Any, ...]] = []
        count = 0
        while count < size:
            chunk = pickle.load(stream)
            if not isinstance(chunk, tuple) or not chunk:
                raise ValueError("a damaged entry")
            chunks.append(chunk)
            count += len(chunk)
        if count != size:
            raise ValueError("a damaged entry")
        entry[name] = tuple(chain.from_iterable(chunks))
    return entry


def _to_entry(key: str, analysis: Analysis) -> dict[str, Any]:
    """What is stored: the results, not the documents (the key covers their texts)."""
    return {
        "key": key,
        "format": FORMAT,
        "version": __version__,
        "lengths": (len(analysis.left.text), len(analysis.right.text)),
        "paragraphs": (len(analysis.left.paragraphs), len(analysis.right.paragraphs)),
        "rows": analysis.alignment.rows,
        "sentence_rows": analysis.alignment.sentence_rows,
        "ops": analysis.ops,
        "partners": analysis.partners,
        "conflicts": analysis.conflicts,
        "similarity": analysis.similarity,
        "entities": analysis.entities,
    }


def _from_entry(entry: object, key: str, left: Document, right: Document) -> Analysis:
    """The analysis an entry holds, for ``left`` and ``right``; ValueError if it is not
    an entry for exactly them."""
    if not isinstance(entry, dict):
        raise ValueError("not an entry")
    if (entry.get("key"), entry.get("format"), entry.get("version")) != (key, FORMAT, __version__):
        raise ValueError("an entry for another pair or version")
    if entry.get("lengths") != (len(left.text), len(right.text)) or entry.get("paragraphs") != (
        len(left.paragraphs),
        len(right.paragraphs),
    ):
        raise ValueError("an entry for other documents")
    rows, sentence_rows = entry["rows"], entry["sentence_rows"]
    if not all(isinstance(row, Row) for row in rows) or not all(
        isinstance(row, SentenceRow) for row in sentence_rows
    ):
        raise ValueError("a damaged entry")
    alignment = Alignment(rows, sentence_rows)
    ops, partners = entry["ops"], entry["partners"]
    if not isinstance(ops, tuple):
        raise ValueError("a damaged entry")
    if not isinstance(partners, tuple) or not len(ops) == len(partners) == len(alignment.rows):
        raise ValueError("a damaged entry")
    similarity = entry["similarity"]
    if not isinstance(similarity, float):
        raise ValueError("a damaged entry")
    return Analysis(
        left=left,
        right=right,
        alignment=alignment,
        ops=ops,
        partners=partners,
        conflicts=tuple(entry["conflicts"]),
        similarity=similarity,
        entities=tuple(entry["entities"]),
    )


def cached_analyze(
    left: Document,
    right: Document,
    *,
    align_options: AlignOptions | None = None,
    diff_options: DiffOptions | None = None,
    progress: Progress | None = None,
    cache_dir: Path | str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Analysis:
    """:func:`analyze`, read from the cache when this pair was analysed before.

    ``cache_dir`` defaults to :func:`default_cache_dir`; the cache is skipped entirely when
    ``DIPTYCH_NO_CACHE`` is set. ``progress`` gets 1.0 at once on a hit.
    """
    *_, analysis = cached_analyze_in_stages(
        left,
        right,
        align_options=align_options,
        diff_options=diff_options,
        progress=progress,
        cache_dir=cache_dir,
        max_bytes=max_bytes,
    )
    return analysis


def cached_analyze_in_stages(
    left: Document,
    right: Document,
    *,
    align_options: AlignOptions | None = None,
    diff_options: DiffOptions | None = None,
    progress: Progress | None = None,
    cache_dir: Path | str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Analysis]:
    """:func:`analyze_in_stages` with the cache: a hit is one complete analysis at once.

    The complete analysis of a miss is stored when the last stage is reached, so a reader
    that closes the pair half-way stores nothing.
    """
    align_options = align_options or AlignOptions()
    diff_options = diff_options or DiffOptions()
    stages = analyze_in_stages(
        left, right, align_options=align_options, diff_options=diff_options, progress=progress
    )
    if cache_disabled():
        yield from stages
        return
    cache = AnalysisCache(None if cache_dir is None else Path(cache_dir), max_bytes=max_bytes)
    key = cache_key(left, right, align_options, diff_options)
    analysis = cache.load(key, left, right)
    if analysis is not None:
        if progress is not None:
            progress(1.0)
        yield analysis
        return
    for analysis in stages:
        if not analysis.pending:
            cache.store(key, analysis)
        yield analysis


__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENV_DIR",
    "ENV_DISABLE",
    "AnalysisCache",
    "cache_disabled",
    "cache_key",
    "cached_analyze",
    "cached_analyze_in_stages",
    "default_cache_dir",
]
