"""Tokens for word diffs: exact tiling of the text, whole words, and comparison keys."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.core.tokens as tokens_module
from tui.core.tokens import (
    PUNCT,
    SPACE,
    WORD,
    DiffOptions,
    KeyInterner,
    Token,
    chunks,
    is_significant,
    significant_tokens,
    token_key,
    tokenize,
)


def _texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


DEFAULT = DiffOptions()


def _keys(text: str, options: DiffOptions = DEFAULT) -> list[str]:
    return [t.key for t in tokenize(text, options=options) if is_significant(t, options)]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.data())
def test_tokens_tile_any_text_exactly(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    tokens = tokenize(text, start, end)
    assert "".join(t.text for t in tokens) == text[start:end]
    position = start
    for token in tokens:
        assert token.start == position and token.end > token.start
        assert text[token.start : token.end] == token.text
        assert token.kind in (WORD, PUNCT, SPACE)
        assert (token.kind == SPACE) == token.text.isspace()
        position = token.end
    assert position == end


@pytest.mark.parametrize(
    "word",
    [
        "U.S.",
        "e.g.",
        "3.5",
        "75th",
        "don't",
        "don’t",
        "Russia-China",
        "1,000",
        "2,800,000",
        "2024-09-13",
        "China's",
        "Valparaíso",
        "café",  # decomposed accent: a combining mark inside the word
        "नमस्ते",  # Devanagari vowel signs are combining marks
        "Zelenskyy",
        "3.5bn",
    ],
)
def test_words_stay_whole(word: str) -> None:
    assert _texts(f"({word}) x") == ["(", word, ")", " ", "x"]
    assert tokenize(word)[0].kind == WORD


def test_punctuation_is_one_token_per_mark_and_whitespace_runs_are_one() -> None:
    assert _texts('He said: "No!"  Then—nothing…') == [
        "He",
        " ",
        "said",
        ":",
        " ",
        '"',
        "No",
        "!",
        '"',
        "  ",
        "Then",
        "—",
        "nothing",
        "…",
    ]


def test_trailing_and_leading_joiners_are_not_part_of_words() -> None:
    assert _texts("end. 'quoted' well-") == ["end", ".", " ", "'", "quoted", "'", " ", "well", "-"]
    assert _texts("St. Petersburg") == ["St", ".", " ", "Petersburg"]


def test_chinese_and_japanese_characters_are_separate_tokens() -> None:
    assert _texts("中国人 カタ") == ["中", "国", "人", " ", "カ", "タ"]


def test_offsets_are_absolute_in_a_subrange() -> None:
    text = "xx Hello, world yy"
    tokens = tokenize(text, 3, 15)
    assert [(t.text, t.start) for t in tokens] == [
        ("Hello", 3),
        (",", 8),
        (" ", 9),
        ("world", 10),
    ]


def test_default_keys_ignore_typography_case_and_whitespace() -> None:
    assert _keys("“Don’t” — said U.S. officials") == _keys('"don\'t" - SAID u.s. Officials')
    assert _keys("a\u00a0b") == _keys("a b") == _keys("a \n\t b")
    assert _keys("a -- b") == _keys("a – b") == _keys("a — b")
    assert _keys("wait…") == _keys("wait...")
    assert _keys("ﬁne") == _keys("fine")  # NFKC: ligature
    assert _keys("cafe\u0301") == _keys("café")  # composed vs decomposed


def test_real_differences_keep_different_keys() -> None:
    assert _keys("Putin") != _keys("Putina")
    assert _keys("3.5") != _keys("3,5")
    assert _keys("a, b") != _keys("a; b")


def test_options_make_ignored_differences_visible() -> None:
    assert _keys("Word", DiffOptions(ignore_case=False)) != _keys(
        "word", DiffOptions(ignore_case=False)
    )
    styled = DiffOptions(show_quote_style=True)
    assert _keys("“x”", styled) != _keys('"x"', styled)
    assert _keys("don’t", styled) != _keys("don't", styled)
    assert _keys("a – b", styled) != _keys("a - b", styled)
    spaced = DiffOptions(show_whitespace_changes=True)
    assert _keys("a  b", spaced) != _keys("a b", spaced)
    assert _keys("a\u00a0b", spaced) != _keys("a b", spaced)


def test_ignore_punctuation_drops_punctuation_from_comparison() -> None:
    options = DiffOptions(ignore_punctuation=True)
    assert _keys("Yes, he said.", options) == _keys("Yes he said", options)
    assert not is_significant(tokenize(",")[0], options)
    assert is_significant(tokenize(",")[0])


def test_whitespace_is_only_significant_when_shown() -> None:
    space = tokenize(" ")[0]
    assert not is_significant(space)
    assert is_significant(space, DiffOptions(show_whitespace_changes=True))
    assert token_key("\u00a0", SPACE) == " "


def test_interner_maps_equal_keys_to_equal_ints() -> None:
    interner = KeyInterner()
    assert interner.ids(["a", "b", "a"]) == [0, 1, 0]
    assert interner.id("b") == 1 and interner.id("c") == 2


# --- the fast builders agree with the general tokenizer -----------------------------------

_OPTIONS = st.builds(DiffOptions, st.booleans(), st.booleans(), st.booleans(), st.booleans())
_TRICKY = st.lists(
    st.sampled_from(
        [
            *"ab Z9.,;-'`\n\t\x1c",
            *("...", "--", "---", "U.S.", "e.g.", "1,000", "3.5", "don't"),
            *("\u00a0", "é", "e\u0301", "’", "“", "—", "…", "中", "・", "ſ", "  ", "_", "²"),
        ]
    ),
    max_size=60,
).map("".join)


def _reference(text: str, start: int, end: int, options: DiffOptions) -> list[Token]:
    return [t for t in tokenize(text, start, end, options) if is_significant(t, options)]


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TRICKY, st.text()), _OPTIONS, st.data())
def test_significant_tokens_are_the_tokenizers(
    text: str, options: DiffOptions, data: st.DataObject
) -> None:
    """The column-built tokens (ASCII and Unicode chunks alike) equal ``tokenize``'s."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert significant_tokens(text, start, end, options) == _reference(text, start, end, options)


@settings(max_examples=100, deadline=None)
@given(st.lists(_TRICKY, min_size=1, max_size=8).map(" ".join), _OPTIONS)
def test_chunking_changes_no_token(text: str, options: DiffOptions) -> None:
    """Cut into many small chunks (at whitespace), a text still gives the same tokens."""
    with patch.object(tokens_module, "_CHUNK", 3):
        small = significant_tokens(text, 0, len(text), options)
        pieces = chunks(text, 0, len(text))
    assert small == _reference(text, 0, len(text), options)
    assert "".join(piece for _, piece, _ in pieces) == text


def test_a_long_run_of_spaces_stays_fast() -> None:
    text = "a" + " " * 300_000 + "b   "
    assert [t.text for t in significant_tokens(text)] == ["a", "b"]


@given(st.lists(st.sampled_from(["a", "b", "c", ("a",), 1]), max_size=30))
def test_interner_ids_are_first_seen_order(keys: list[object]) -> None:
    expected: dict[object, int] = {}
    for key in keys:
        expected.setdefault(key, len(expected))
    assert KeyInterner().ids(keys) == [expected[key] for key in keys]
