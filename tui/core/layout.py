"""The shared row map of both panes: wrapping at a width and padding to equal heights.

Each aligned group (a *block*) gets ``max(left lines, right lines)`` screen lines in both
panes, the shorter side padded with filler, and one blank gap line between blocks. Both
panes therefore have exactly the same height and every block starts on the same screen
line, so keeping the panes in sync is a matter of copying the vertical scroll offset.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from tui.core.cells import CharacterClass, advance, char_width, is_regional_indicator
from tui.core.model import Alignment, Document, RowKind, Span

GAP_LINES = 1
"""Blank lines between two blocks."""

BREAK_SPACES = " \t\n\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
"""Where lines may break: space, tab, newline and the breaking Unicode spaces.

Not the no-break spaces (U+00A0, U+2007, U+202F), and not the other characters Python
calls whitespace (vertical tab, form feed, the information separators, NEL, U+2028/2029):
those are shown as placeholders and must not disappear at a line break.
"""
_BREAKS = frozenset(BREAK_SPACES)
_TOKEN = re.compile(f"[{BREAK_SPACES}]+|[^{BREAK_SPACES}]+")


class RowMode(str, Enum):
    """Whether a block is a paragraph group or a sentence group."""

    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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

    Lines break only at :data:`BREAK_SPACES` (so control characters and line separators
    stay visible as placeholders instead of vanishing at a break). Newlines inside the
    span are reflowed like spaces (hard-wrapped paragraphs read as one), whitespace at
    line breaks is dropped, and a word wider than the line is broken between characters,
    never inside a base+marks cluster or a flag. Returns the spans of the lines, in order,
    with only break whitespace between and around them; each line's width, measured as
    :func:`display_line` renders it (tabs to stops from the line start), is at most
    ``width`` unless one cluster alone is wider (a wide character in a 1-cell pane).
    """
    width = max(1, width)
    start, end = span
    piece = text[start:end]
    if not piece:
        return []
    if (
        len(piece) <= width
        and piece.isascii()
        and piece.isprintable()
        and piece[0] != " "
        and piece[-1] != " "
    ):
        return [span]
    if width >= 2 and one_cell_text(piece):
        return _wrap_plain(piece, start, width)
    return _wrap_general(text, start, end, width)


def _one_cell_char(ch: str) -> bool:
    """One cell wide and no line may break at it (space and newline aside)."""
    return ch in " \n" or (
        char_width(ch) == 1 and ch not in _BREAKS and not is_regional_indicator(ch)
    )


_ONE_CELL = CharacterClass(_one_cell_char)


def one_cell_text(piece: str) -> bool:
    """Whether every character of ``piece`` is one cell wide and no line may break at it,
    apart from space and newline.

    For such text, cells are characters and the regex wrap of :func:`_wrap_plain` gives
    the general loop's lines: printable ASCII, but also accented Latin, Greek, Cyrillic,
    typographic quotes and dashes, and no-break spaces. Any other character (wide, zero
    width, tab, another break space, a flag letter) needs the general loop. Without the
    per-character memory of :class:`CharacterClass` a text with a curly quote in every
    paragraph took eight times as long to lay out as plain ASCII.
    """
    if piece.isascii():
        return piece.replace("\n", " ").isprintable()
    return _ONE_CELL.all_in(piece)


def _wrap_plain(piece: str, start: int, width: int) -> list[Span]:
    """:func:`wrap` of :func:`one_cell_text`, done by the regex engine.

    The pattern takes, at each line start, the longest run that ends on a non-space right
    before a space or the end (greedy word wrap), else a line-sized piece of an overlong
    word; it gives exactly the lines of the general loop (a property test checks) about
    five times faster, which matters for book-length documents.
    """
    return [
        (start + m.start(), start + m.end()) for m in _plain_line_pattern(width).finditer(piece)
    ]


@lru_cache(maxsize=64)
def _plain_line_pattern(width: int) -> re.Pattern[str]:
    return re.compile(_plain_line_regex(width), re.DOTALL)


def _plain_line_regex(width: int) -> str:
    return rf"[^ \n](?:.{{0,{width - 2}}}[^ \n])?(?=[ \n]|\Z)|[^ \n]{{{width}}}"


def _wrap_general(text: str, start: int, end: int, width: int) -> list[Span]:
    """The general greedy wrap: any characters, measured in cells (see :func:`wrap`)."""
    piece = text[start:end]
    plain = piece.isascii() and "\t" not in piece
    lines: list[Span] = []
    line_start = -1
    line_end = -1
    column = 0
    gap_start = gap_end = start
    for match in _TOKEN.finditer(piece):
        a, b = start + match.start(), start + match.end()
        if piece[match.start()] in _BREAKS:
            gap_start, gap_end = a, b
            continue
        if line_start >= 0:
            # The gap's tabs depend on the column they start at; the word after it has no
            # tabs and starts past column 0, so its width does not depend on the column.
            if plain:
                after = column + gap_end - gap_start
                token_end = after + b - a
            else:
                after = advance(text, gap_start, gap_end, column)
                token_end = advance(text, a, b, after)
            if token_end <= width:
                line_end, column = b, token_end
                continue
            lines.append((line_start, line_end))
        token_width = b - a if plain else advance(text, a, b, 0)
        if token_width <= width:
            line_start, line_end, column = a, b, token_width
            continue
        # A word longer than the whole line: break it into line-sized chunks.
        chunks = _break_word(text, a, b, width, plain)
        lines.extend(chunks[:-1])
        line_start, line_end = chunks[-1]
        column = line_end - line_start if plain else advance(text, line_start, line_end, 0)
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


def _break_word(text: str, start: int, end: int, width: int, plain: bool) -> list[Span]:
    """Cut one overlong word into pieces of at most ``width`` cells.

    The word is cut between clusters: a character with the zero-width marks after it, or
    the two regional indicators of a flag. A cluster wider than the line gets a line of its
    own (the only overflow).
    """
    if plain:
        return [(a, min(a + width, end)) for a in range(start, end, width)]
    chunks: list[Span] = []
    chunk_start = start
    column = 0
    index = start
    while index < end:
        cluster_end = index + 1
        if (
            cluster_end < end
            and is_regional_indicator(text[index])
            and is_regional_indicator(text[cluster_end])
        ):
            cluster_end += 1
        while cluster_end < end and char_width(text[cluster_end]) == 0:
            cluster_end += 1
        reached = advance(text, index, cluster_end, column)
        if reached > width and index > chunk_start:
            chunks.append((chunk_start, index))
            chunk_start = index
            reached = advance(text, index, cluster_end, 0)
        column = reached
        index = cluster_end
    chunks.append((chunk_start, end))
    return chunks


STOP_CHECK_BLOCKS = 256
"""How many blocks a cancellable layout wraps between asking whether to stop."""


class LayoutCancelled(Exception):
    """A :class:`PairLayout` was abandoned half-way because its ``stop`` said so."""


class PairLayout:
    """Both panes' screen lines for one set of blocks at given pane widths.

    Laying out happens once per width change; looking up the line at a screen row is a
    bisection over block tops, so drawing is independent of document size.

    Only the number of lines of each block is computed up front: that fixes every block's
    top, which is all the scrolling and syncing need. A block's lines themselves are
    wrapped when something asks for them (drawing, search, mentions), a few screens at a
    time, and kept in a bounded cache. For text whose characters are all one cell wide
    (see :func:`one_cell_text`) counting is one regex call per piece that makes no
    strings; a book lays out in a fifth of the time it took to wrap it whole.
    """

    def __init__(
        self,
        blocks: Sequence[Block],
        left_text: str,
        right_text: str,
        left_width: int,
        right_width: int,
        *,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        """Measure every block; ``stop`` is asked now and then whether to give up, and if
        it answers True, :class:`LayoutCancelled` is raised (a resize made this one stale)."""
        self.blocks = list(blocks)
        self.left_width = left_width
        self.right_width = right_width
        self._left = _SideLines(left_text, left_width)
        self._right = _SideLines(right_text, right_width)
        self.tops: list[int] = []
        self.heights: list[int] = []
        top = 0
        for index, block in enumerate(self.blocks):
            if stop is not None and index % STOP_CHECK_BLOCKS == 0 and stop():
                raise LayoutCancelled
            left_count = self._left.add_block(block.left)
            right_count = self._right.add_block(block.right)
            height = max(left_count, right_count, 1)
            self.tops.append(top)
            self.heights.append(height)
            top += height + GAP_LINES
        self._left.close()
        self._right.close()
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
        lines = self._left if side == "left" else self._right
        if offset >= lines.count(block):
            return PaneLine(LineKind.FILLER, block)
        span = lines.lines(block)[offset]
        if span is None:
            return PaneLine(LineKind.BLANK, block)
        return PaneLine(LineKind.TEXT, block, span)

    def side_lines(self, side: str, block: int) -> list[Span | None]:
        """The wrapped lines of one side of a block (``None`` marks a blank line)."""
        lines = self._left if side == "left" else self._right
        return list(lines.lines(block))


BLOCK_CACHE = 4096
"""Blocks whose wrapped lines a side keeps; many screens' worth, a tiny part of a book."""


class _SideLines:
    """One side's line counts per block, and its blocks' lines wrapped when asked for."""

    def __init__(self, text: str, width: int) -> None:
        self._text = text
        self._width = width
        self._pieces: list[Sequence[Span]] = []
        self._first = array("q")
        """Index of each block's first line, and one past the last block's lines."""
        self._total = 0
        self._cache: dict[int, list[Span | None]] = {}
        self._counter = _line_counter(max(width, 2))
        self._odd = _odd_positions(text) if width >= 2 else None
        """Where the one-cell count cannot be used (None: nowhere, as below two columns)."""

    def add_block(self, pieces: Sequence[Span]) -> int:
        """Measure one side of the next block; returns its number of lines."""
        self._first.append(self._total)
        self._pieces.append(pieces)
        counter, odd, text, width = self._counter, self._odd, self._text, self._width
        count = max(0, len(pieces) - 1)  # the blank lines between pieces
        for start, end in pieces:
            at = 0 if odd is None else bisect_left(odd, start)
            if odd is None or (at < len(odd) and odd[at] < end):
                count += len(wrap(text, (start, end), width))  # not only one-cell characters
            elif 0 < end - start <= width and text[start] > " " and text[end - 1] > " ":
                count += 1  # one-cell characters that fit, with no edge to trim
            else:
                count += len(counter(text, start, end))
        self._total += count
        return count

    def close(self) -> None:
        self._first.append(self._total)

    def count(self, block: int) -> int:
        return self._first[block + 1] - self._first[block]

    def lines(self, block: int) -> list[Span | None]:
        """The block's wrapped lines on this side, ``None`` for a blank between pieces."""
        found = self._cache.get(block)
        if found is None:
            found = []
            for index, piece in enumerate(self._pieces[block]):
                if index:
                    found.append(None)
                found.extend(wrap(self._text, piece, self._width))
            if len(self._cache) >= BLOCK_CACHE:
                self._cache.clear()
            self._cache[block] = found
        return found


_UNUSUAL = re.compile(r"[^\n -~]")
"""Any character but a newline and printable ASCII, which :func:`_one_cell_char` accepts
(a test checks it)."""

ODD_SHARE = 100
"""A text with more than one character in this many that needs the general wrap (a CJK
text) is wrapped piece by piece, without a list of where those characters are."""


@lru_cache(maxsize=4)
def _odd_positions(text: str) -> list[int] | None:
    """Sorted positions of the characters :func:`one_cell_text` refuses (wide, zero
    width, tabs, other break spaces), or None when there are too many to list.

    A piece between them can be counted by the regex; a book with one emoji must not
    lose that for all its paragraphs.
    """
    # Printable ASCII and newlines are the bulk of most texts and all one cell wide:
    # only the other characters are collected and judged (``set(text)`` of a book hashes
    # ten million characters for the same answer).
    odd = [ch for ch in set(_UNUSUAL.findall(text)) if not _one_cell_char(ch)]
    if not odd:
        return []
    pattern = re.compile("[" + "".join(map(re.escape, odd)) + "]")
    limit = len(text) // ODD_SHARE
    positions: list[int] = []
    for match in pattern.finditer(text):
        positions.append(match.start())
        if len(positions) > limit:
            return None
    return positions


@lru_cache(maxsize=64)
def _line_counter(width: int) -> Callable[[str, int, int], list[str]]:
    """``findall`` of :func:`_plain_line_regex` with an empty group after it: one empty
    string per line, so counting the lines copies no text."""
    return re.compile(f"(?:{_plain_line_regex(width)})()", re.DOTALL).findall
