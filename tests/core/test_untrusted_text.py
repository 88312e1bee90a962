"""Untrusted text through the pure layout code: widths as Rich measures them, no controls.

Textual builds and pads every pane line with ``rich.cells.cell_len``, so that is the
yardstick here: a line our layout thinks is ``w`` cells wide must be ``w`` cells to Rich
too, or the pane's right edge (and the other pane after it) would shift.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.core.cells import (
    BIDI_PLACEHOLDER,
    FORMAT_PLACEHOLDER,
    ORPHAN_MARK_PLACEHOLDER,
    UNKNOWN_PLACEHOLDER,
    char_width,
    display_char,
    display_line,
    is_regional_indicator,
    line_width,
    text_width,
)
from tui.core.layout import BREAK_SPACES, GAP_LINES, Block, LineKind, PairLayout, wrap
from tui.core.model import RowKind

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
RICH_CONTEXT_CHARS = frozenset("\u200d\ufe0f")
"""Rich measures these by their neighbours: they must never be emitted."""

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
FLAG_FR = "\U0001f1eb\U0001f1f7"
FLAG_DE = "\U0001f1e9\U0001f1ea"
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"
HEART_EMOJI = "\u2764\ufe0f"
ACUTE = "\u0301"

TRICKY = [
    "\x1b",
    "\x07",
    "\x08",
    "\r",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x7f",
    "\x85",
    "\x9b",
    "\t",
    "\n",
    " ",
    "\u00a0",
    "\u3000",
    "\u2003",
    "\u00ad",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\ufe0e",
    "\ufe0f",
    "\U000e0067",
    "\U000e007f",
    "\u3164",
    "\uffa0",
    "\u1160",
    "\u0600",
    *BIDI_CONTROLS,
    ACUTE,
    "\u0308",
    "\u093e",
    "e",
    "x",
    "\u6f22",
    "\uff21",
    "\U0001f600",
    "\U0001f468",
    "\U0001f3fb",
    "\U0001f1eb",
    "\U0001f1f7",
    "\u2764",
    "\u05e9",
    "\u05dc",
    "\u0627",
    "\u064e",
    "\u4dc0",
    "\ue000",
    FAMILY,
    FLAG_FR,
    THUMBS_MEDIUM,
    HEART_EMOJI,
    "[bold]",
    "[/]",
    "\x1b[31m",
]
"""Characters and sequences that break naive terminal layout, mixed into generated text."""

untrusted_text = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.text(max_size=6), st.just("w" * 17)),
    max_size=30,
).map("".join)


def is_safe(ch: str) -> bool:
    """True when ``ch`` may reach the terminal: no control, no bidi, no context width."""
    category = unicodedata.category(ch)
    return (
        category not in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")
        and ch not in BIDI_CONTROLS
        and ch not in RICH_CONTEXT_CHARS
    )


def rendered(text: str, span: tuple[int, int], width: int) -> str:
    """One pane line as the pane draws it: the display string padded to the pane width."""
    shown, _ = display_line(text, *span)
    return shown + " " * (width - line_width(text, *span))


def is_one_cluster(text: str) -> bool:
    """A wide character or a flag, with only zero-width characters after it."""
    head = 2 if len(text) > 1 and is_regional_indicator(text[0]) else 1
    return all(char_width(ch) == 0 for ch in text[head:])


def assert_recoverable(text: str, piece: tuple[int, int], lines: list[tuple[int, int]]) -> None:
    """The lines plus the break whitespace around them are exactly the piece, in order."""
    cursor = piece[0]
    rebuilt = []
    for a, b in lines:
        assert piece[0] <= cursor <= a < b <= piece[1]
        gap = text[cursor:a]
        assert all(ch in BREAK_SPACES for ch in gap), repr(gap)
        rebuilt += [gap, text[a:b]]
        cursor = b
    tail = text[cursor : piece[1]]
    assert all(ch in BREAK_SPACES for ch in tail), repr(tail)
    assert "".join(rebuilt) + tail == text[piece[0] : piece[1]]


# -- one character at a time ----------------------------------------------------------------


def _code_points() -> list[int]:
    """Planes 0, 1 and 14 in full; a stride through the rest (mostly CJK, unassigned, PUA)."""
    points = [*range(0x20000), *range(0xE0000, 0xE1000)]
    points += range(0x20000, 0x110000, 61)
    return [c for c in points if not 0xD800 <= c < 0xE000]


def test_every_display_char_is_safe_and_as_wide_as_rich_measures_it() -> None:
    chars = [chr(c) for c in _code_points() if c != 0x09]
    for index in range(0, len(chars), 256):
        batch = chars[index : index + 256]
        shown = "".join(display_char(ch) for ch in batch)
        assert all(len(display_char(ch)) == 1 for ch in batch)
        assert all(is_safe(ch) for ch in shown)
        # Summed over a batch, so Rich would also catch widths that depend on neighbours.
        if cell_len(shown) != sum(char_width(ch) for ch in batch):
            wrong = [ch for ch in batch if cell_len(display_char(ch)) != char_width(ch)]
            pytest.fail(f"widths disagree with Rich for {[hex(ord(ch)) for ch in wrong]}")


def test_the_fast_path_takes_exactly_the_characters_shown_as_themselves_in_one_cell() -> None:
    from tui.core.cells import _is_plain

    for code in _code_points():
        ch = chr(code)
        as_is = ch != "\t" and display_char(ch) == ch and char_width(ch) == 1
        for text in (f"é{ch}x", f"é{ch}x"):  # the second answer comes from the sets
            assert _is_plain(text) is as_is, hex(code)
            if as_is:
                assert display_line(text, 0, 3) == (text, None)
                assert line_width(text, 0, 3) == 3 == cell_len(text)


@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_lone_surrogates_show_as_replacement_characters(surrogate: str) -> None:
    text = f"ab{surrogate}cd {surrogate}"
    shown, positions = display_line(text, 0, len(text))
    assert shown == f"ab{UNKNOWN_PLACEHOLDER}cd {UNKNOWN_PLACEHOLDER}"
    assert positions is None
    assert shown.encode("utf-8")  # a lone surrogate would not even encode
    assert [text[a:b] for a, b in wrap(text, (0, len(text)), 5)] == [
        f"ab{surrogate}cd",
        surrogate,
    ]


# -- generated text through the whole pair layout ------------------------------------------


@st.composite
def pairs(draw: st.DrawFn) -> tuple[str, str, list[Block]]:
    """Two texts of paragraphs and the blocks pairing them (0-2 pieces a side)."""
    texts: dict[str, list[str]] = {"left": [], "right": []}
    spans: dict[str, list[tuple[int, int]]] = {"left": [], "right": []}
    shape = draw(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=5))
    blocks_spans = []
    for left_count, right_count in shape:
        counts = {"left": left_count, "right": right_count or (0 if left_count else 1)}
        block: dict[str, tuple[tuple[int, int], ...]] = {}
        for side, count in counts.items():
            pieces = []
            for _ in range(count):
                paragraph = draw(untrusted_text)
                offset = sum(len(t) + 2 for t in texts[side])
                texts[side].append(paragraph)
                pieces.append((offset, offset + len(paragraph)))
                spans[side].append(pieces[-1])
            block[side] = tuple(pieces)
        blocks_spans.append(block)
    blocks = [
        Block(index, None, RowKind.CHANGED, block["left"], block["right"])
        for index, block in enumerate(blocks_spans)
    ]
    return "\n\n".join(texts["left"]), "\n\n".join(texts["right"]), blocks


@settings(max_examples=120, deadline=None)
@given(pairs(), st.integers(min_value=2, max_value=30), st.integers(min_value=2, max_value=30))
def test_every_pane_line_is_exactly_the_pane_width_and_safe(
    pair: tuple[str, str, list[Block]], left_width: int, right_width: int
) -> None:
    left_text, right_text, blocks = pair
    layout = PairLayout(blocks, left_text, right_text, left_width, right_width)
    sides = {"left": (left_text, left_width), "right": (right_text, right_width)}
    for index, top in enumerate(layout.tops):
        assert layout.line("left", top).block == index
        assert layout.line("right", top).block == index
    assert layout.total_lines == sum(layout.heights) + GAP_LINES * (len(blocks) - 1)
    for y in range(layout.total_lines):
        left_line, right_line = layout.line("left", y), layout.line("right", y)
        assert left_line.block == right_line.block
        assert (left_line.kind is LineKind.GAP) == (right_line.kind is LineKind.GAP)
        for side, line in (("left", left_line), ("right", right_line)):
            if line.kind is not LineKind.TEXT:
                continue
            text, width = sides[side]
            shown = rendered(text, line.span, width)
            assert cell_len(shown) == width, (shown, width)
            # The pane splits a line into styled segments; widths must add up.
            assert sum(cell_len(ch) for ch in shown) == width
            assert all(is_safe(ch) for ch in shown), shown


@settings(max_examples=120, deadline=None)
@given(pairs(), st.integers(min_value=1, max_value=30))
def test_the_original_text_is_recoverable_from_the_wrap(
    pair: tuple[str, str, list[Block]], width: int
) -> None:
    left_text, right_text, blocks = pair
    layout = PairLayout(blocks, left_text, right_text, width, width)
    for index, block in enumerate(blocks):
        for side, text, pieces in (
            ("left", left_text, block.left),
            ("right", right_text, block.right),
        ):
            lines = layout.side_lines(side, index)
            groups: list[list[tuple[int, int]]] = [[]]
            for span in lines:
                if span is None:
                    groups.append([])
                else:
                    groups[-1].append(span)
            if not pieces:
                assert groups == [[]]
                continue
            for piece, piece_lines in zip(pieces, groups, strict=True):
                assert_recoverable(text, piece, piece_lines)
                for a, b in piece_lines:
                    # Only a single cluster (a wide character in a 1-cell pane) may overflow.
                    if line_width(text, a, b) > width:
                        assert width == 1 and line_width(text, a, b) == 2
                        assert is_one_cluster(text[a:b]), text[a:b]


# -- examples ------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", ["[bold]x[/]", "[link=http://x]y[/link]", "[red]a[/red] [/]"])
def test_markup_lookalikes_stay_literal(markup: str) -> None:
    assert display_line(markup, 0, len(markup)) == (markup, None)
    assert cell_len(markup) == line_width(markup, 0, len(markup))


def test_escape_sequences_become_visible_placeholders() -> None:
    text = "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 a\x08b c\rd \x00"
    shown, positions = display_line(text, 0, len(text))
    assert positions is None
    assert shown == "␛[31mred␛[0m ␛]8;;http://x␇link␛]8;;␇ a␈b c␍d ␀"
    assert cell_len(shown) == line_width(text, 0, len(text)) == len(text)


def test_c1_controls_and_line_separators_are_placeholders_not_breaks() -> None:
    text = "a\x9b31mb c\u2028d e\u2029f g\x85h"
    shown, _ = display_line(text, 0, len(text))
    assert shown == f"a{UNKNOWN_PLACEHOLDER}31mb c␤d e¶f g{UNKNOWN_PLACEHOLDER}h"
    # The separators are not break points: they stay visible inside their word.
    assert [text[a:b] for a, b in wrap(text, (0, len(text)), 3)] == [
        "a\x9b3",
        "1mb",
        "c\u2028d",
        "e\u2029f",
        "g\x85h",
    ]


def test_bidi_controls_and_invisible_format_characters_are_visible() -> None:
    text = "x\u202eevil\u202c \u2067y\u2069 \u200fz \ufeffw \U000e0041"
    shown, _ = display_line(text, 0, len(text))
    b, f = BIDI_PLACEHOLDER, FORMAT_PLACEHOLDER
    assert shown == f"x{b}evil{b} {b}y{b} {b}z {f}w {f}"
    assert cell_len(shown) == line_width(text, 0, len(text)) == len(text)


def test_right_to_left_text_stays_in_logical_order_one_cell_a_letter() -> None:
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"  # shalom olam
    arabic = "\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627"  # marhaban, vowelled
    for text, cells in ((hebrew, 9), (arabic, 5)):
        shown, positions = display_line(text, 0, len(text))
        assert (shown, positions) == (text, None)
        assert cell_len(shown) == line_width(text, 0, len(text)) == cells
    assert [hebrew[a:b] for a, b in wrap(hebrew, (0, len(hebrew)), 5)] == [
        "\u05e9\u05dc\u05d5\u05dd",
        "\u05e2\u05d5\u05dc\u05dd",
    ]


def test_cjk_wraps_in_cells_and_never_splits_a_character() -> None:
    text = "漢字漢字漢字 漢字ＡＢ"
    lines = wrap(text, (0, len(text)), 7)
    assert [text[a:b] for a, b in lines] == ["漢字漢", "字漢字", "漢字Ａ", "Ｂ"]
    for a, b in lines:
        assert cell_len(rendered(text, (a, b), 7)) == 7


def test_a_wide_word_longer_than_the_pane_is_broken() -> None:
    text = "a " + "漢" * 10 + " b"
    lines = wrap(text, (0, len(text)), 5)
    assert [text[a:b] for a, b in lines] == ["a", *["漢漢"] * 5, "b"]


def test_emoji_sequences_have_one_width_for_rich_and_terminals() -> None:
    cases = {
        FAMILY: ("\U0001f468\u200c\U0001f469\u200c\U0001f467", 6),
        FLAG_FR: (FLAG_FR, 2),
        THUMBS_MEDIUM: ("\U0001f44d\u200c", 2),
        HEART_EMOJI: ("\u2764\u200c", 1),
        "\U0001f600": ("\U0001f600", 2),
    }
    for text, (expected, cells) in cases.items():
        shown, positions = display_line(text, 0, len(text))
        assert (shown, positions) == (expected, None)
        assert line_width(text, 0, len(text)) == cell_len(shown) == cells
        assert sum(cell_len(ch) for ch in shown) == cells


def test_flags_are_not_split_when_a_word_is_broken() -> None:
    text = FLAG_FR + FLAG_DE + FLAG_FR
    lines = wrap(text, (0, len(text)), 3)
    assert [text[a:b] for a, b in lines] == [FLAG_FR, FLAG_DE, FLAG_FR]


def test_combining_accents_take_no_cell_and_stay_on_their_letter() -> None:
    text = "cafe" + ACUTE + "s"
    shown, positions = display_line(text, 0, len(text))
    assert (shown, positions) == (text, None)
    assert cell_len(shown) == line_width(text, 0, len(text)) == 5
    assert line_width(text, 0, 5) == line_width(text, 0, 4) == 4  # the accent adds nothing
    word = ("e" + ACUTE) * 5
    lines = wrap(word, (0, len(word)), 2)
    assert [word[a:b] for a, b in lines] == ["e" + ACUTE + "e" + ACUTE] * 2 + ["e" + ACUTE]


def test_a_mark_at_the_start_of_a_line_gets_a_dotted_circle_to_sit_on() -> None:
    text = ACUTE + "a b " + ACUTE + ACUTE
    shown, _ = display_line(text, 0, len(text))
    assert shown == ORPHAN_MARK_PLACEHOLDER + "a b " + ACUTE + ACUTE
    assert line_width(text, 0, len(text)) == cell_len(shown) == 5
    # Mid-line the marks sit on the space before them, as Unicode shows a lone mark.
    assert [text[a:b] for a, b in wrap(text, (0, len(text)), 3)] == [ACUTE + "a", "b " + ACUTE * 2]
    lines = wrap(text, (0, len(text)), 1)
    assert [text[a:b] for a, b in lines] == [ACUTE, "a", "b", ACUTE + ACUTE]
    shown = [display_line(text, a, b)[0] for a, b in lines]
    assert shown == [ORPHAN_MARK_PLACEHOLDER, "a", "b", ORPHAN_MARK_PLACEHOLDER + ACUTE]


def test_tabs_are_measured_from_the_line_start_as_they_are_shown() -> None:
    text = "abc\tdef\tgh ij\tk"
    lines = wrap(text, (0, len(text)), 7)
    # "abc\tdef" is shown "abc def": the tab at column 3 is one space, so it fits in 7;
    # the tab after "gh ij" starts at column 5 and reaches 8, so "k" must go.
    assert [text[a:b] for a, b in lines] == ["abc\tdef", "gh ij", "k"]
    lines = wrap(text, (0, len(text)), 9)
    assert [text[a:b] for a, b in lines] == ["abc\tdef", "gh ij\tk"]
    shown = [display_line(text, a, b)[0] for a, b in lines]
    assert shown == ["abc def", "gh ij   k"]
    for a, b in lines:
        assert line_width(text, a, b) == cell_len(display_line(text, a, b)[0])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(["\t", " ", "ab", "漢", "x" * 9, "\t\t", "e" + ACUTE]), max_size=40),
    st.integers(min_value=2, max_value=20),
)
def test_lines_with_tabs_never_exceed_the_width(parts: list[str], width: int) -> None:
    text = "".join(parts)
    for a, b in wrap(text, (0, len(text)), width):
        shown, positions = display_line(text, a, b)
        assert cell_len(shown) == line_width(text, a, b) <= width
        if positions is not None:
            assert len(positions) == b - a + 1 and positions[-1] == len(shown)


def test_text_width_matches_the_displayed_line() -> None:
    for text in ("plain", "\tx", "x\ty", "漢\tx", FAMILY, ACUTE + "x", "\x1b[0m"):
        assert text_width(text) == cell_len(display_line(text, 0, len(text))[0])
