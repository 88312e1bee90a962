"""Everything the reader and the export show about a pair, computed in one place.

``analyze`` runs the pipeline after loading: align paragraphs and sentences, pair moved
paragraphs, diff every row (a moved row against its partner), and find factual conflicts.
The reader runs it in a worker thread and the ``export`` command prints it, so both show
exactly the same results.

For long texts two things keep it fast without changing any result: the cyclic garbage
collector is paused while it runs (``gc_paused``), and entities are found in a second
process while this one aligns and diffs (``_EntityWorker``; ``DIPTYCH_SERIAL=1`` keeps
everything in one process). ``tui.core.cache.cached_analyze`` adds an on-disk cache.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from tui.core.align import AlignOptions, align_in_stages
from tui.core.collector import gc_paused
from tui.core.conflicts import Conflict, find_conflicts, forget_pair_caches
from tui.core.diff import DELETE, EQUAL, INSERT, Op, diff_group, find_moves, group_extent
from tui.core.entities import Entity, extract_entities
from tui.core.model import Alignment, Document, Row, RowKind
from tui.core.tokens import DiffOptions

Progress = Callable[[float], None]

ALIGN_SHARE = 0.5
"""Fraction of the progress bar given to alignment."""
DIFF_SHARE = 0.3
"""Fraction given to diffing and conflicts; the rest is entity extraction."""
STAGE_SENTENCES = "sentences"
STAGE_DIFF = "diff"
STAGE_ENTITIES = "entities"


@dataclass(frozen=True)
class Analysis:
    """The aligned rows of a pair with their diffs, moves and conflicts.

    ``ops[i]`` are the diff ops of row ``i``; for a moved row they compare it with its
    partner (``partners[i]``), so one side's spans point into the partner row's text.
    """

    left: Document
    right: Document
    alignment: Alignment
    ops: tuple[tuple[Op, ...], ...]
    partners: tuple[int | None, ...]
    conflicts: tuple[Conflict, ...]
    similarity: float
    entities: tuple[Entity, ...] = ()
    pending: tuple[str, ...] = ()
    """Stages not computed yet (``STAGE_SENTENCES``, ``STAGE_DIFF``, ``STAGE_ENTITIES``):
    their fields are empty, not wrong. Only :func:`analyze_in_stages` hands out such
    partial analyses."""

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.alignment.rows

    def row_kind(self, index: int) -> str:
        """The row's kind as shown and exported: ``moved`` for a paired one-sided row."""
        if self.partners[index] is not None:
            return "moved"
        return self.rows[index].kind.value

    def conflicts_in_row(self, index: int) -> list[Conflict]:
        return list(self._conflicts_by_row.get(index, ()))

    @cached_property
    def _conflicts_by_row(self) -> dict[int, list[Conflict]]:
        """Conflicts grouped by row, built once: callers ask row by row for every row."""
        by_row: dict[int, list[Conflict]] = {}
        for conflict in self.conflicts:
            by_row.setdefault(conflict.row, []).append(conflict)
        return by_row


def analyze(
    left: Document,
    right: Document,
    *,
    align_options: AlignOptions | None = None,
    diff_options: DiffOptions | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Align, diff and check a pair; ``progress`` receives fractions from 0 to 1."""
    stages = analyze_in_stages(
        left, right, align_options=align_options, diff_options=diff_options, progress=progress
    )
    *_, analysis = stages
    return analysis


def analyze_in_stages(
    left: Document,
    right: Document,
    *,
    align_options: AlignOptions | None = None,
    diff_options: DiffOptions | None = None,
    progress: Progress | None = None,
) -> Iterator[Analysis]:
    """:func:`analyze`, handing out each stage's result as soon as it exists.

    Yields four analyses, each more complete (see ``Analysis.pending``): the paragraph
    rows alone, then with their sentence rows, then with diffs, moves and conflicts, then
    with entities. A reader shows the rows of a long pair while the rest is still being
    computed. Closing the generator early stops the entity process.

    The entity process starts once the paragraph rows are out: started earlier it would
    compete with the alignment for the CPU and memory bandwidth that the first rows on
    screen wait for, and the diff stage after them takes longer than entities anyway.
    """
    report = progress or (lambda fraction: None)
    alignments = align_in_stages(
        left,
        right,
        options=align_options or AlignOptions(),
        progress=lambda fraction: report(fraction * ALIGN_SHARE),
    )
    with gc_paused():
        paragraphs = next(alignments)
    yield aligned_only(left, right, paragraphs, (STAGE_SENTENCES, STAGE_DIFF, STAGE_ENTITIES))
    worker = _EntityWorker.start(left, right)
    try:
        with gc_paused():
            alignment = next(alignments)
            alignments.close()
        yield aligned_only(left, right, alignment, (STAGE_DIFF, STAGE_ENTITIES))
        with gc_paused():
            analysis = diff_alignment(
                left,
                right,
                alignment,
                diff_options=diff_options,
                progress=lambda fraction: report(ALIGN_SHARE + DIFF_SHARE * fraction),
            )
        yield replace(analysis, pending=(STAGE_ENTITIES,))
        with gc_paused():
            entities = worker.result() if worker is not None else None
            if entities is None:
                entities = tuple(extract_entities(left, right))
    finally:
        if worker is not None:
            worker.stop()
    report(1.0)
    yield replace(analysis, entities=entities)


def aligned_only(
    left: Document,
    right: Document,
    alignment: Alignment,
    pending: tuple[str, ...] = (STAGE_DIFF, STAGE_ENTITIES),
) -> Analysis:
    """An analysis of the rows alone: no diffs, moves, conflicts or entities yet."""
    rows = alignment.rows
    return Analysis(
        left=left,
        right=right,
        alignment=alignment,
        ops=((),) * len(rows),
        partners=(None,) * len(rows),
        conflicts=(),
        similarity=0.0,
        pending=pending,
    )


PARALLEL_MIN_CHARS = 1_000_000
"""From this many characters (both texts together) entities are found in a second process
while this one aligns and diffs: on two cores that hides the longest stage."""
ENV_SERIAL = "DIPTYCH_SERIAL"
"""Set to anything but "" or "0" to find entities in this process, always."""

_WORKER = """
import gc, pickle, sys
gc.disable()
from tui.core.entities import extract_entities
left, right = pickle.load(sys.stdin.buffer)
pickle.dump(tuple(extract_entities(left, right, keep_scans=False)), sys.stdout.buffer, -1)
"""


class _EntityWorker:
    """``extract_entities`` of a pair in a child Python process.

    The child gets the documents on stdin and returns the entities on stdout, both
    pickled; it runs this same ``tui`` package. The results are those of the in-process
    call; if anything goes wrong (no process can be started, it fails, its answer cannot
    be read) :meth:`result` returns None and the caller extracts in-process.
    """

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    @classmethod
    def start(cls, left: Document, right: Document) -> _EntityWorker | None:
        if len(left.text) + len(right.text) < PARALLEL_MIN_CHARS:
            return None
        if os.environ.get(ENV_SERIAL, "") not in ("", "0") or (os.cpu_count() or 1) < 2:
            return None
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (package_root, env.get("PYTHONPATH", "")) if part
        )
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _WORKER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except (OSError, ValueError):
            return None
        worker = cls(process)
        try:
            assert process.stdin is not None
            # Entities are found paragraph by paragraph: copies without the sentence spans
            # found so far (a third of a segmented book's objects) spare the child memory
            # and the pipe time.
            texts = tuple(replace(d) for d in (left, right))
            process.stdin.write(pickle.dumps(texts, pickle.HIGHEST_PROTOCOL))
            process.stdin.close()
        except (OSError, ValueError, pickle.PicklingError):
            worker.stop()
            return None
        return worker

    def result(self) -> tuple[Entity, ...] | None:
        """The child's entities (waiting for them), or None if it failed."""
        try:
            assert self._process.stdout is not None
            # Unpickled straight from the pipe: the pickled bytes of a book's entities
            # (tens of megabytes) never sit in memory beside the objects made of them.
            entities = pickle.load(self._process.stdout)
            if self._process.wait() != 0:
                return None
        except Exception:  # any failure of the child means extracting here instead
            return None
        if not isinstance(entities, tuple) or not all(isinstance(e, Entity) for e in entities):
            return None
        return entities

    def stop(self) -> None:
        """End the child if it still runs (an interrupted analysis must not leave it)."""
        if self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.kill()
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self._process.wait(timeout=5)
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def diff_alignment(
    left: Document,
    right: Document,
    alignment: Alignment,
    *,
    diff_options: DiffOptions | None = None,
    progress: Progress | None = None,
    entities: tuple[Entity, ...] = (),
) -> Analysis:
    """Diff every row of an existing alignment (changing diff options needs no realign).

    ``entities`` are carried over as they are: they do not depend on diff options.
    """
    report = progress or (lambda fraction: None)
    options = diff_options or DiffOptions()
    rows = alignment.rows
    partners: list[int | None] = [None] * len(rows)
    for move in find_moves(rows, left, right, options=options):
        partners[move.left_row] = move.right_row
        partners[move.right_row] = move.left_row

    ops: list[tuple[Op, ...]] = []
    conflicts: list[Conflict] = []
    step = max(1, len(rows) // 100)
    for index, row in enumerate(rows):
        partner = partners[index]
        if partner is not None and partner < index:
            row_ops = ops[partner]  # a moved pair shares one diff
        else:
            row_ops = tuple(_row_ops(index, row, rows, partners, left, right, options))
        ops.append(row_ops)
        if row.kind is RowKind.CHANGED:
            conflicts.extend(find_conflicts(left.text, right.text, row_ops, row_index=index))
        if index % step == 0:
            report(index / max(1, len(rows)))
    forget_pair_caches()
    report(1.0)
    return Analysis(
        left=left,
        right=right,
        alignment=alignment,
        ops=tuple(ops),
        partners=tuple(partners),
        conflicts=tuple(conflicts),
        similarity=_similarity(ops, partners, left, right),
        entities=entities,
    )


def _row_ops(
    index: int,
    row: Row,
    rows: tuple[Row, ...],
    partners: list[int | None],
    left: Document,
    right: Document,
    options: DiffOptions,
) -> list[Op]:
    """Diff ops of one row; a moved one-sided row is diffed against its partner."""
    left_spans = [left.paragraphs[i] for i in row.left]
    right_spans = [right.paragraphs[i] for i in row.right]
    partner = partners[index]
    if partner is not None:
        other = rows[partner]
        if row.kind is RowKind.LEFT_ONLY:
            right_spans = [right.paragraphs[i] for i in other.right]
        else:
            left_spans = [left.paragraphs[i] for i in other.left]
    if not left_spans or not right_spans:
        start, end = (left_spans or right_spans)[0][0], (left_spans or right_spans)[-1][1]
        if left_spans:
            return [Op(DELETE, (start, end), (0, 0))]
        return [Op(INSERT, (0, 0), (start, end))]
    (a, b), (c, d) = group_extent(left_spans), group_extent(right_spans)
    if b - a == d - c and left.text[a:b] == right.text[c:d]:
        # Identical text: the diff would be this one equal op, so skip tokenising it.
        return [Op(EQUAL, (a, b), (c, d))]
    return diff_group(left.text, left_spans, right.text, right_spans, options)


def _similarity(
    ops: list[tuple[Op, ...]], partners: list[int | None], left: Document, right: Document
) -> float:
    """Share of both texts' characters that stand in equal ops (moved text counts once)."""
    total = sum(b - a for a, b in left.paragraphs) + sum(b - a for a, b in right.paragraphs)
    if total == 0:
        return 1.0
    equal = 0
    for index, row_ops in enumerate(ops):
        partner = partners[index]
        if partner is not None and partner < index:
            continue  # the pair was counted at its first row
        for op in row_ops:
            if op.op == EQUAL:
                equal += (op.left[1] - op.left[0]) + (op.right[1] - op.right[0])
    return min(1.0, equal / total)
