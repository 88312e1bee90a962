"""The comparison form: what it folds, and that its offsets map back exactly."""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.normalize import (
    WHITESPACE,
    OffsetMap,
    _collapse_spaces,
    comparison_text,
    fold_char,
    normalize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Hello,\tWORLD \n\n foo  ", "hello, world foo"),
        ("‘single’ ‚low‛ 5′", "'single' 'low' 5'"),
        ("“double” „low‟ 5″ «guillemets»", '"double" "low" 5" "guillemets"'),
        ("a‐b‑c‒d–e—f―g−h", "a-b-c-d-e-f-g-h"),
        ("no\u00a0break thin\u2009space wide\u3000space", "no break thin space wide space"),
        ("Straße", "strasse"),
        ("ﬁne ﬂow", "fine flow"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "full width"),
        ("wait…", "wait..."),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("e\u0301te\u0301", "été"),  # decomposed accents compose
        ("ΣΊΣΥΦΟΣ", "σίσυφοσ"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_comparison_form(text: str, expected: str) -> None:
    assert normalize(text).text == expected
    assert comparison_text(text) == expected


def test_expanding_fold_maps_every_piece_to_its_source() -> None:
    result = normalize("Maß…")
    assert result.text == "mass..."
    assert list(result.offsets) == [0, 1, 2, 2, 3, 3, 3, 4]
    assert result.span_to_original(2, 4) == (2, 3)  # "ss" is the ß
    assert result.span_to_original(3, 4) == (2, 3)  # half of it still highlights ß


def test_collapsed_whitespace_maps_to_the_first_space_and_spans_skip_it() -> None:
    text = "  one \n\n two  "
    result = normalize(text)
    assert result.text == "one two"
    assert list(result.offsets) == [2, 3, 4, 5, 9, 10, 11, 14]
    assert result.span_to_original(0, 3) == (2, 5)
    assert result.span_to_original(0, 4) == (2, 6)  # the space itself, not the run
    assert result.span_to_original(4, 7) == (9, 12)
    assert result.to_original(7) == len(text)


def test_composed_cluster_spans_both_original_characters() -> None:
    text = "cafe\u0301 ok"
    result = normalize(text)
    assert result.text == "café ok"
    assert result.span_to_original(3, 4) == (3, 5)
    assert text[slice(*result.span_to_original(0, 4))] == "cafe\u0301"


def test_sub_range_offsets_index_the_whole_text() -> None:
    text = "skip THIS “part” please"
    result = normalize(text, 5, 16)
    assert result.text == 'this "part"'
    assert result.to_original(0) == 5
    assert result.to_original(len(result.text)) == 16
    assert text[slice(*result.span_to_original(5, 11))] == "“part”"


def test_bad_ranges_are_rejected() -> None:
    with pytest.raises(ValueError):
        normalize("abc", 2, 1)
    with pytest.raises(ValueError):
        normalize("abc", 0, 4)
    result = normalize("abc")
    with pytest.raises(IndexError):
        result.to_original(4)
    with pytest.raises(IndexError):
        result.span_to_original(2, 1)


def test_whitespace_list_matches_str_isspace() -> None:
    every_space = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert every_space == WHITESPACE


def test_ascii_fast_path_agrees_with_per_character_fold() -> None:
    ascii_chars = "".join(chr(c) for c in range(128))
    expected = "".join(fold_char(c) for c in ascii_chars)
    assert normalize("x" + ascii_chars + "x").text == "x" + " ".join(expected.split()) + "x"


def test_offset_map_behaves_like_a_sequence() -> None:
    values = [3, 4, 5, 5, 9, 10, 12]
    offsets = OffsetMap.from_values(values)
    assert list(offsets) == values and len(offsets) == 7
    assert offsets[-1] == 12 and offsets[1:4] == [4, 5, 5]
    assert offsets == values and offsets == OffsetMap.from_values(values)
    assert hash(offsets) == hash(OffsetMap.from_values(values))
    with pytest.raises(IndexError):
        offsets[7]


def test_large_plain_text_is_fast_and_compact() -> None:
    paragraph = "The “quick” brown fox — it jumps over the lazy dog. " * 40 + "\n\n"
    text = paragraph * 500  # about 1 MB
    began = time.perf_counter()
    result = normalize(text)
    elapsed = time.perf_counter() - began
    assert result.to_original(len(result.text)) == len(text)
    assert elapsed < 2.0
    assert len(result.offsets._positions) < len(text) // 20  # anchors, not one per char


# --- properties ------------------------------------------------------------------------

text_strategy = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            " \n\t\u00a0\u3000AbcßÆﬁ…‘’“”–—\u00ad\u200be\u0301\u0323İǰ¨ΣＡ가\u1100\u1161"
        ),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
)


def check_offsets(text: str, start: int, end: int) -> None:
    result = normalize(text, start, end)
    offsets = list(result.offsets)
    assert len(offsets) == len(result.text) + 1
    assert offsets[-1] == end
    assert all(start <= value <= end for value in offsets)
    assert offsets == sorted(offsets)
    for index, char in enumerate(result.text):
        origin = offsets[index]
        assert origin < end
        if char == " ":
            assert text[origin].isspace()
            continue
        following = next((v for v in offsets[index:] if v > origin), end)
        assert char in normalize(text, origin, following).text
        low, high = result.span_to_original(index, index + 1)
        assert start <= low == origin < high <= following


@settings(max_examples=300, deadline=None)
@given(text_strategy, st.data())
@example("Maß  ﬁ…", None)
@example("e\u200b\u0301", None)
@example("\u1100\u1161\u11a8", None)
@example("00\xad\r0", None)  # a soft hyphen before a line break: the space maps to the break
def test_offsets_are_exact(text: str, data: st.DataObject | None) -> None:
    if data is None:
        check_offsets(text, 0, len(text))
        return
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    check_offsets(text, start, end)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
@example("e\u200b\u0301")
@example("ß\u0301 x")
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once
    assert "  " not in once and once == once.strip()


@given(text_strategy)
def test_comparison_text_equals_normalize(text: str) -> None:
    assert comparison_text(text) == normalize(text).text


@given(st.characters(exclude_categories=("Cs",)))
def test_fold_char_is_stable(char: str) -> None:
    folded = fold_char(char)
    assert "".join(fold_char(c) for c in folded) == folded


def test_isprintable_is_false_for_every_whitespace_but_the_space() -> None:
    # comparison_text skips splitting text that is printable and has no double space.
    assert [char for char in WHITESPACE if char.isprintable()] == [" "]


@settings(max_examples=500, deadline=None)
@given(text_strategy)
def test_collapse_spaces_equals_split_and_join(text: str) -> None:
    assert _collapse_spaces(text) == " ".join(text.split())


@settings(max_examples=500, deadline=None)
@given(text_strategy)
def test_comparison_text_equals_folding_each_character(text: str) -> None:
    folded = " ".join("".join(map(fold_char, text)).split())
    if unicodedata.is_normalized("NFC", folded):
        assert comparison_text(text) == folded
