"""What to mark in each pane: diff ops and conflicts turned into styled spans per side.

The panes draw text line by line; for a line they need the marked ranges that overlap it,
quickly. This module flattens a row's ops and conflicts into sorted, non-overlapping
``Mark`` lists per side (conflicts win over ordinary changes) and answers "which marks
overlap ``[a, b)``" by bisection. It knows nothing about colours: the UI maps each kind to
a theme-derived style.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import TYPE_CHECKING

from tui.core.model import Side, Span

if TYPE_CHECKING:  # the diff machinery loads with the analysis, not at start-up
    from tui.core.analysis import Analysis
    from tui.core.diff import Op


class MarkKind(str, Enum):
    """Why a range of text is marked; the order is the drawing priority (last wins)."""

    DELETE = "delete"  # only the left side has it
    INSERT = "insert"  # only the right side has it
    CHANGE = "change"  # replaced by different text on the other side
    CHANGE_CHAR = "change-char"  # the characters that differ inside a changed word
    ENTITY = "entity"  # a mention of the selected entity
    MATCH = "match"  # a search match
    CONFLICT = "conflict"  # a fact that disagrees with the other side


PRIORITY = {kind: index for index, kind in enumerate(MarkKind)}


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked range ``[start, end)`` of one document's text."""

    start: int
    end: int
    kind: MarkKind


def flatten(marks: Iterable[Mark]) -> list[Mark]:
    """Sorted, non-overlapping marks; where marks overlap, the higher priority wins.

    Rows hold a few dozen marks at most, so a boundary sweep is simple and fast enough.
    """
    marks = [mark for mark in marks if mark.end > mark.start]
    if not marks:
        return []
    points = sorted({p for mark in marks for p in (mark.start, mark.end)})
    result: list[Mark] = []
    for a, b in pairwise(points):
        covering = [mark for mark in marks if mark.start <= a and mark.end >= b]
        if not covering:
            continue
        kind = max(covering, key=lambda mark: PRIORITY[mark.kind]).kind
        if result and result[-1].kind is kind and result[-1].end == a:
            result[-1] = Mark(result[-1].start, b, kind)
        else:
            result.append(Mark(a, b, kind))
    return result


_KINDS = list(MarkKind)
_KIND_NUMBER = {kind: number for number, kind in enumerate(_KINDS)}


class MarkIndex:
    """Sorted marks of one side with fast lookup of those overlapping a line.

    A book's diff has a hundred thousand marks a side; they are kept as machine integers
    (starts, ends, kind numbers) and made into ``Mark`` objects only for the lines drawn.
    """

    def __init__(self, marks: Sequence[Mark]) -> None:
        self._starts = array("q", [mark.start for mark in marks])
        self._ends = array("q", [mark.end for mark in marks])
        self._kinds = bytes(_KIND_NUMBER[mark.kind] for mark in marks)

    @property
    def marks(self) -> list[Mark]:
        """Every mark, in order."""
        kinds = _KINDS
        return [
            Mark(start, end, kinds[kind])
            for start, end, kind in zip(self._starts, self._ends, self._kinds, strict=True)
        ]

    def overlapping(self, span: Span) -> list[Mark]:
        """The marks that overlap ``span``, clipped to it, in order."""
        start, end = span
        starts, ends, kinds = self._starts, self._ends, self._kinds
        index = bisect_right(ends, start)
        found: list[Mark] = []
        while index < len(starts) and starts[index] < end:
            found.append(
                Mark(max(starts[index], start), min(ends[index], end), _KINDS[kinds[index]])
            )
            index += 1
        return found

    def __len__(self) -> int:
        return len(self._starts)


def diff_marks(analysis: Analysis, side: Side, *, characters: bool = False) -> MarkIndex:
    """Marks of one side for the whole document: changes and conflicts, row by row.

    Each row is flattened on its own (rows hold few marks), and rows follow each other in
    document order on both sides, so the concatenation is sorted. A moved row's ops also
    cover its partner's text; only the side the row itself owns is marked from it.
    """
    marks: list[Mark] = []
    for index, row in enumerate(analysis.rows):
        owned = row.left if side is Side.LEFT else row.right
        if not owned:
            continue
        row_marks = list(_op_marks(analysis.ops[index], side, analysis, characters))
        for conflict in analysis.conflicts_in_row(index):
            span = conflict.left_span if side is Side.LEFT else conflict.right_span
            row_marks.append(Mark(span[0], span[1], MarkKind.CONFLICT))
        marks.extend(flatten(row_marks))
    return MarkIndex(marks)


def _op_marks(
    ops: Sequence[Op], side: Side, analysis: Analysis, characters: bool
) -> Iterable[Mark]:
    from tui.core.diff import EQUAL, REPLACE

    for op in ops:
        span = op.left if side is Side.LEFT else op.right
        if op.op == EQUAL or span[1] <= span[0]:
            continue
        if op.op != REPLACE:
            yield Mark(span[0], span[1], MarkKind.DELETE if side is Side.LEFT else MarkKind.INSERT)
            continue
        yield Mark(span[0], span[1], MarkKind.CHANGE)
        if characters:
            yield from _character_marks(op, side, analysis)


def _character_marks(op: Op, side: Side, analysis: Analysis) -> Iterable[Mark]:
    """The characters that differ inside a replaced stretch (short stretches only)."""
    from tui.core.diff import EQUAL, refine_chars

    (la, lb), (ra, rb) = op.left, op.right
    if lb - la > MAX_REFINE_CHARS or rb - ra > MAX_REFINE_CHARS:
        return
    sub_ops = refine_chars(
        analysis.left.text[la:lb], analysis.right.text[ra:rb], left_offset=la, right_offset=ra
    )
    for sub in sub_ops:
        span = sub.left if side is Side.LEFT else sub.right
        if sub.op != EQUAL and span[1] > span[0]:
            yield Mark(span[0], span[1], MarkKind.CHANGE_CHAR)


MAX_REFINE_CHARS = 400
"""Longer replaced stretches are rewrites; character detail there is only noise."""


class HighlightMode(str, Enum):
    """How much of the diff the panes show (cycled with ``d``)."""

    WORDS = "words"
    CHARACTERS = "characters"
    OFF = "off"

    def next(self) -> HighlightMode:
        modes = list(HighlightMode)
        return modes[(modes.index(self) + 1) % len(modes)]
