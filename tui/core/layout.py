"""The shared row map of both panes: wrapping at a width and padding to equal heights.

Each aligned group (a *block*) gets ``max(left lines, right lines)`` screen lines in both
panes, the shorter side padded with filler, and one blank gap line between blocks. Both
panes therefore have exactly the same height and every block starts on the same screen
line, so keeping the panes in sync is a matter of copying the vertical scroll offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tui.core.cells import TAB_SIZE, text_width
from tui.core.model import Alignment, Document, RowKind, Span

GAP_LINES = 1
"""Blank lines between two blocks."""

_TOKEN = re.compile(r"\S+|\s+")


class RowMode(str, Enum):
    """Whether a block is a paragraph group or a sentence group."""

    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


@dataclass(frozen=True)
class Block:
    """One aligned group as displayed: the text pieces shown on each side.

    ``row`` is the paragraph row in ``Alignment.rows``; ``sentence_row`` the index in
    ``Alignment.sentence_rows`` when blocks are sentence groups.
    """

    row: int
    sentence_row: int | None
    kind: RowKind
    left: tuple[Span, ...]
    right: tuple[Span, ...]


class LineKind(str, Enum):
    """What one screen line of a pane shows."""

    TEXT = "text"
    BLANK = "blank"  # between two pieces of the same side of a block
    FILLER = "filler"  # padding opposite text the other side has
    GAP = "gap"  # between blocks


@dataclass(frozen=True)
class PaneLine:
    """One screen line of one pane: its kind, block, and the text span it shows."""

    kind: LineKind
    block: int
    span: Span | None = None


def build_blocks(
    alignment: Alignment, left: Document, right: Document, mode: RowMode
) -> list[Block]:
    """The blocks of a pair in paragraph or sentence mode, in reading order."""
    if mode is RowMode.PARAGRAPH:
        return [
            Block(
                index,
                None,
                row.kind,
                tuple(left.paragraphs[i] for i in row.left),
                tuple(right.paragraphs[i] for i in row.right),
            )
            for index, row in enumerate(alignment.rows)
        ]
    return [
        Block(
            srow.parent,
            index,
            srow.kind,
            _merge_adjacent([left.sentences[i] for i in srow.left]),
            _merge_adjacent([right.sentences[i] for i in srow.right]),
        )
        for index, srow in enumerate(alignment.sentence_rows)
    ]


def _merge_adjacent(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Consecutive sentences of one group read as one run of text, not separate pieces."""
    if not spans:
        return ()
    return ((spans[0][0], spans[-1][1]),)


def wrap(text: str, span: Span, width: int) -> list[Span]:
    """Greedy word wrap of ``text[span]`` to ``width`` cells.

    Newlines inside the span are reflowed like spaces (hard-wrapped paragraphs read as one),
    whitespace at line breaks is dropped, and a word wider than the line is broken. Returns
    the spans of the lines; each line's display width is at most ``width``.
    """
    width = max(1, width)
    start, end = span
    piece = text[start:end]
    if piece.isascii() and piece.isprintable() and len(piece) <= width:
        return [span] if piece else []
    plain = piece.isascii() and "\t" not in piece
    lines: list[Span] = []
    line_start = -1
    line_end = -1
    column = 0
    for match in _TOKEN.finditer(piece):
        token = match.group()
        a, b = start + match.start(), start + match.end()
        if token[0].isspace():
            if line_start >= 0:
                column += TAB_SIZE * token.count("\t") + len(token) - token.count("\t")
            continue
        token_width = len(token) if plain else text_width(token)
        if line_start >= 0 and column + token_width <= width:
            line_end = b
            column += token_width
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        if token_width <= width:
            line_start, line_end, column = a, b, token_width
            continue
        # A word longer than the whole line: break it into line-sized chunks.
        for chunk in _break_word(text, a, b, width, plain):
            lines.append(chunk)
        line_start, line_end = lines.pop()
        column = text_width(text[line_start:line_end])
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


def _break_word(text: str, start: int, end: int, width: int, plain: bool) -> list[Span]:
    """Cut one overlong word into pieces of at most ``width`` cells (at least one char)."""
    if plain:
        return [(a, min(a + width, end)) for a in range(start, end, width)]
    chunks: list[Span] = []
    chunk_start = start
    column = 0
    for index in range(start, end):
        cells = text_width(text[index])
        if column + cells > width and index > chunk_start:
            chunks.append((chunk_start, index))
            chunk_start, column = index, 0
        column += cells
    chunks.append((chunk_start, end))
    return chunks


class PairLayout:
    """Both panes' screen lines for one set of blocks at given pane widths.

    Wrapping happens once per width change; looking up the line at a screen row is a
    bisection over block tops, so drawing is independent of document size.
    """

    def __init__(
        self,
        blocks: Sequence[Block],
        left_text: str,
        right_text: str,
        left_width: int,
        right_width: int,
    ) -> None:
        self.blocks = list(blocks)
        self.left_width = left_width
        self.right_width = right_width
        self._left: list[list[Span | None]] = []
        self._right: list[list[Span | None]] = []
        self.tops: list[int] = []
        self.heights: list[int] = []
        top = 0
        for block in self.blocks:
            left_lines = _wrap_pieces(left_text, block.left, left_width)
            right_lines = _wrap_pieces(right_text, block.right, right_width)
            height = max(len(left_lines), len(right_lines), 1)
            self._left.append(left_lines)
            self._right.append(right_lines)
            self.tops.append(top)
            self.heights.append(height)
            top += height + GAP_LINES
        self.total_lines = max(0, top - GAP_LINES)

    def block_at(self, y: int) -> int:
        """Index of the block at screen line ``y`` (a gap line belongs to the block above)."""
        if not self.tops:
            return -1
        return max(0, bisect_right(self.tops, y) - 1)

    def line(self, side: str, y: int) -> PaneLine | None:
        """What ``side`` (``"left"`` or ``"right"``) shows at screen line ``y``."""
        if y < 0 or y >= self.total_lines:
            return None
        block = self.block_at(y)
        offset = y - self.tops[block]
        if offset >= self.heights[block]:
            return PaneLine(LineKind.GAP, block)
        lines = self._left[block] if side == "left" else self._right[block]
        if offset >= len(lines):
            return PaneLine(LineKind.FILLER, block)
        span = lines[offset]
        if span is None:
            return PaneLine(LineKind.BLANK, block)
        return PaneLine(LineKind.TEXT, block, span)

    def side_lines(self, side: str, block: int) -> list[Span | None]:
        """The wrapped lines of one side of a block (``None`` marks a blank line)."""
        return self._left[block] if side == "left" else self._right[block]


def _wrap_pieces(text: str, pieces: Sequence[Span], width: int) -> list[Span | None]:
    """Wrap each piece of one side of a block, with a blank line between pieces."""
    lines: list[Span | None] = []
    for index, piece in enumerate(pieces):
        if index:
            lines.append(None)
        lines.extend(wrap(text, piece, width))
    return lines
