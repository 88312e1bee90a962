"""Everything the reader and the export show about a pair, computed in one place.

``analyze`` runs the pipeline after loading: align paragraphs and sentences, pair moved
paragraphs, diff every row (a moved row against its partner), and find factual conflicts.
The reader runs it in a worker thread and the ``export`` command prints it, so both show
exactly the same results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tui.core.align import AlignOptions, align_documents
from tui.core.conflicts import Conflict, find_conflicts
from tui.core.diff import DELETE, EQUAL, INSERT, Op, diff_group, find_moves
from tui.core.entities import Entity, extract_entities
from tui.core.model import Alignment, Document, Row, RowKind
from tui.core.tokens import DiffOptions

Progress = Callable[[float], None]

ALIGN_SHARE = 0.5
"""Fraction of the progress bar given to alignment."""
DIFF_SHARE = 0.3
"""Fraction given to diffing and conflicts; the rest is entity extraction."""


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

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.alignment.rows

    def row_kind(self, index: int) -> str:
        """The row's kind as shown and exported: ``moved`` for a paired one-sided row."""
        if self.partners[index] is not None:
            return "moved"
        return self.rows[index].kind.value

    def conflicts_in_row(self, index: int) -> list[Conflict]:
        return [conflict for conflict in self.conflicts if conflict.row == index]


def analyze(
    left: Document,
    right: Document,
    *,
    align_options: AlignOptions | None = None,
    diff_options: DiffOptions | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Align, diff and check a pair; ``progress`` receives fractions from 0 to 1."""
    report = progress or (lambda fraction: None)
    alignment = align_documents(
        left,
        right,
        options=align_options or AlignOptions(),
        progress=lambda fraction: report(fraction * ALIGN_SHARE),
    )
    analysis = diff_alignment(
        left,
        right,
        alignment,
        diff_options=diff_options,
        progress=lambda fraction: report(ALIGN_SHARE + DIFF_SHARE * fraction),
    )
    entities = tuple(extract_entities(left, right))
    report(1.0)
    return replace(analysis, entities=entities)


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
