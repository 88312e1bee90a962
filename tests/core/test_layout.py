"""Wrapping in terminal cells and the shared row map of both panes."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.cells import char_width, display_line, text_width
from tui.core.layout import GAP_LINES, Block, LayoutCancelled, LineKind, PairLayout, wrap
from tui.core.model import RowKind


def _words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return " ".join(text[a:b] for a, b in spans).split()


def test_wrap_breaks_at_word_edges_and_reflows_newlines() -> None:
    text = "one two three\nfour five six seven"
    lines = wrap(text, (0, len(text)), 10)
    shown = [text[a:b] for a, b in lines]
    assert shown == ["one two", "three\nfour", "five six", "seven"]
    assert all(text_width(display_line(text, a, b)[0]) <= 10 for a, b in lines)


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    text = "a " + "x" * 25 + " b"
    lines = wrap(text, (0, len(text)), 10)
    assert [text[a:b] for a, b in lines] == ["a", "x" * 10, "x" * 10, "x" * 5 + " b"]


def test_wrap_measures_wide_characters_in_cells() -> None:
    text = "漢字漢字漢字 漢字"
    lines = wrap(text, (0, len(text)), 9)
    assert [text[a:b] for a, b in lines] == ["漢字漢字", "漢字 漢字"]


def test_wrap_of_a_span_uses_absolute_offsets() -> None:
    text = "skip this. keep these words"
    lines = wrap(text, (11, len(text)), 10)
    assert [text[a:b] for a, b in lines] == ["keep these", "words"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=1, max_value=40))
@example("\u2e80\U00011a8a", 1)  # a wide character and its combining mark: one cluster
def test_wrap_keeps_every_word_in_order_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, (0, len(text)), width)
    assert "".join(_words(text, lines)) == "".join(text.split())
    ends = [offset for span in lines for offset in span]
    assert ends == sorted(ends)
    for a, b in lines:
        shown, _ = display_line(text, a, b)
        # A single character wider than the line, with the zero-width marks that belong
        # to it, is the only allowed overflow.
        assert text_width(shown) <= width or sum(char_width(c) > 0 for c in text[a:b]) == 1


@given(st.text(max_size=200))
def test_display_line_lets_no_control_character_through(text: str) -> None:
    shown, _ = display_line(text, 0, len(text))
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in shown)


def test_display_line_shows_escape_sequences_as_visible_placeholders() -> None:
    text = "bell\x07 esc\x1b[31m nul\x00"
    shown, positions = display_line(text, 0, len(text))
    assert positions is None
    assert shown == "bell\u2407 esc\u241b[31m nul\u2400"


def test_display_line_expands_tabs_and_maps_positions() -> None:
    shown, positions = display_line("a\tbc", 0, 4)
    assert shown == "a   bc"
    assert positions == [0, 1, 4, 5, 6]


def _layout(left_text: str, right_text: str, blocks: list[Block], width: int) -> PairLayout:
    return PairLayout(blocks, left_text, right_text, width, width)


def test_blocks_start_on_the_same_line_and_short_sides_are_padded() -> None:
    left = "short\n\nanother paragraph that is long enough to wrap twice"
    right = "a much longer paragraph on the right that wraps\n\nx"
    blocks = [
        Block(0, None, RowKind.CHANGED, ((0, 5),), ((0, 47),)),
        Block(1, None, RowKind.CHANGED, ((7, len(left)),), ((49, 50),)),
        Block(2, None, RowKind.LEFT_ONLY, ((0, 5),), ()),
    ]
    layout = _layout(left, right, blocks, 20)
    assert layout.heights == [3, 3, 1]
    assert layout.tops == [0, 3 + GAP_LINES, 6 + 2 * GAP_LINES]
    kinds = [layout.line("left", y).kind for y in range(layout.total_lines)]
    assert kinds[:4] == [LineKind.TEXT, LineKind.FILLER, LineKind.FILLER, LineKind.GAP]
    right_kinds = [layout.line("right", y).kind for y in range(layout.total_lines)]
    assert right_kinds[-1] == LineKind.FILLER
    assert layout.line("left", layout.total_lines) is None


def test_two_paragraphs_on_one_side_are_separated_by_a_blank_line() -> None:
    text = "first\n\nsecond"
    blocks = [Block(0, None, RowKind.CHANGED, ((0, 5), (7, 13)), ((0, 5),))]
    layout = _layout(text, text, blocks, 20)
    kinds = [layout.line("left", y).kind for y in range(layout.total_lines)]
    assert kinds == [LineKind.TEXT, LineKind.BLANK, LineKind.TEXT]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 120), st.integers(0, 120)), min_size=1, max_size=20),
    st.integers(min_value=5, max_value=50),
)
def test_every_block_starts_on_the_same_line_in_both_panes(
    lengths: list[tuple[int, int]], width: int
) -> None:
    left_text = " ".join("w" * (1 + i % 7) for i in range(400))
    right_text = left_text
    blocks = []
    for index, (a, b) in enumerate(lengths):
        kind = RowKind.CHANGED
        left = ((0, a),) if a else ()
        right = ((0, b),) if b else ()
        if not a and not b:
            left = ((0, 1),)
        blocks.append(Block(index, None, kind, left, right))
    layout = _layout(left_text, right_text, blocks, width)
    for index, top in enumerate(layout.tops):
        assert layout.line("left", top).block == index
        assert layout.line("right", top).block == index
        assert layout.line("left", top).kind is not LineKind.GAP
    for y in range(layout.total_lines):
        assert (layout.line("left", y).kind is LineKind.GAP) == (
            layout.line("right", y).kind is LineKind.GAP
        )


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cd\nxyz.,-'"), max_size=200),
    st.integers(min_value=2, max_value=30),
)
def test_plain_ascii_fast_path_wraps_exactly_like_the_general_loop(text, width) -> None:
    from tui.core.layout import _wrap_general, _wrap_plain

    assert _wrap_plain(text, 0, width) == _wrap_general(text, 0, len(text), width)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab \n’“”—é\u00a0Жλ\x1b\u2009\t中\u0301\U0001f1eb"), max_size=200
    ),
    st.integers(min_value=2, max_value=30),
)
def test_one_cell_text_wraps_exactly_like_the_general_loop(text, width) -> None:
    from tui.core.layout import _wrap_general, _wrap_plain, one_cell_text

    if one_cell_text(text):
        assert _wrap_plain(text, 0, width) == _wrap_general(text, 0, len(text), width)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n’“”—é\u00a0Жλ«"), max_size=200),
    st.integers(min_value=2, max_value=30),
)
def test_accented_and_typographic_text_takes_the_fast_path(text, width) -> None:
    from tui.core.layout import _wrap_general, _wrap_plain, one_cell_text

    assert one_cell_text(text)
    assert _wrap_plain(text, 0, width) == _wrap_general(text, 0, len(text), width)


def test_one_cell_text_takes_accents_and_quotes_but_not_wide_marks_tabs_or_breaks() -> None:
    from tui.core.layout import one_cell_text

    assert one_cell_text("L’été — « déjà » Жизнь\u00a0: λόγος\nplain ascii")
    for odd in ("中", "e\u0301", "a\tb", "a\u2009b", "\U0001f1eb\U0001f1f7", "\u200b"):
        assert not one_cell_text(f"café {odd}"), odd
        assert not one_cell_text(f"café {odd}"), odd  # the same answer once it is known


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab \n’é—Ж\x1b"), max_size=120),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["", "中", "\t"]),
    st.integers(min_value=1, max_value=25),
)
@example(["ab", ""], "", 5)  # an empty piece at the end of the text
def test_counted_lines_match_the_lines_wrapped_on_demand(
    pieces: list[str], odd: str, width: int
) -> None:
    text = odd.join(pieces)  # "" keeps the fast count; a wide char or tab turns it off
    spans, start = [], 0
    for piece in pieces:
        spans.append((start, start + len(piece)))
        start += len(piece) + len(odd)
    blocks = [Block(0, None, RowKind.CHANGED, tuple(spans[:2]), tuple(spans[1:]))]
    blocks += [Block(i, None, RowKind.CHANGED, (span,), ()) for i, span in enumerate(spans)]
    layout = PairLayout(blocks, text, text, width, width + 3)
    for index, block in enumerate(blocks):
        for side, pieces_, w in (("left", block.left, width), ("right", block.right, width + 3)):
            expected: list = []
            for k, piece in enumerate(pieces_):
                expected += ([None] if k else []) + wrap(text, piece, w)
            assert layout.side_lines(side, index) == expected
            top = layout.tops[index]
            kinds = [layout.line(side, top + k).kind for k in range(layout.heights[index])]
            assert kinds.count(LineKind.FILLER) == layout.heights[index] - len(expected)
        assert layout.heights[index] == max(
            len(layout.side_lines("left", index)), len(layout.side_lines("right", index)), 1
        )


def test_a_layout_asked_to_stop_gives_up_and_one_never_asked_is_unchanged() -> None:
    text = "\n\n".join(f"paragraph number {n} with a few words in it" for n in range(1000))
    spans, start = [], 0
    for piece in text.split("\n\n"):
        spans.append((start, start + len(piece)))
        start += len(piece) + 2
    blocks = [Block(n, None, RowKind.EQUAL, (span,), (span,)) for n, span in enumerate(spans)]
    asked: list[int] = []

    def stop_on_second_question() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(LayoutCancelled):
        PairLayout(blocks, text, text, 20, 30, stop=stop_on_second_question)
    assert len(asked) == 2  # asked every STOP_CHECK_BLOCKS blocks, not per block
    kept = PairLayout(blocks, text, text, 20, 30, stop=lambda: False)
    plain = PairLayout(blocks, text, text, 20, 30)
    assert (kept.tops, kept.heights) == (plain.tops, plain.heights)


def test_the_characters_the_odd_position_scan_skips_are_one_cell() -> None:
    from tui.core.layout import _UNUSUAL, _one_cell_char

    skipped = [chr(code) for code in range(0x110000) if not _UNUSUAL.match(chr(code))]
    assert skipped and all(_one_cell_char(ch) for ch in skipped)
