"""Search: plain hits forgive typography, fuzzy hits forgive spelling, spans are exact."""

from __future__ import annotations

import re
import time
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.highlights import MarkKind
from tui.core.layout import Block
from tui.core.model import RowKind, Side
from tui.core.normalize import comparison_text
from tui.core.search import (
    FUZZY_WORD_CUTOFF,
    SearchResult,
    find_matches,
    order_matches,
    search_pair,
)


def found(text: str, query: str, **options: object) -> list[str]:
    return [text[a:b] for a, b in find_matches(text, query, **options)]  # type: ignore[arg-type]


# -- plain -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("China’s envoy and CHINA'S envoy", "China's", ["China’s", "CHINA'S"]),
        ('“quoted” and "quoted"', '"quoted"', ["“quoted”", '"quoted"']),
        ("a well–known and a well-known", "well-known", ["well–known", "well-known"]),
        (
            "prime\nminister, prime  minister",
            "prime minister",
            ["prime\nminister", "prime  minister"],
        ),
        ("no\u00a0break", "no break", ["no\u00a0break"]),
        ("Straße and STRASSE", "strasse", ["Straße", "STRASSE"]),
        ("ﬁne print", "fine", ["ﬁne"]),
        ("cafe\u0301 here", "café", ["cafe\u0301"]),
        ("soft\u00adly", "softly", ["soft\u00adly"]),
        ("aaaa", "aa", ["aa", "aa"]),  # left to right, never overlapping
    ],
)
def test_plain_search_forgives_typography(text: str, query: str, expected: list[str]) -> None:
    assert found(text, query) == expected


def test_spans_are_exact_original_offsets() -> None:
    text = "Say  “Hello,\n  World”  twice"
    (span,) = find_matches(text, '"hello, world"')
    assert span == (text.index("“"), text.index("”") + 1)


def test_query_of_only_spaces_or_nothing_finds_nothing() -> None:
    assert find_matches("a b c", "") == []
    assert find_matches("a b c", "  \n") == []


def test_a_hit_never_splits_a_character() -> None:
    assert found("Maß", "s") == []
    assert found("Maß", "ss") == ["ß"]
    assert found("ﬁ", "f") == []


def test_case_sensitive_requires_the_same_letters() -> None:
    text = "China’s CHINA'S china's"
    assert found(text, "China's", case_sensitive=True) == ["China’s"]
    assert found(text, "china's", case_sensitive=True) == ["china's"]
    assert found(text, "china's") == ["China’s", "CHINA'S", "china's"]


def test_paragraph_spans_stop_hits_across_paragraphs() -> None:
    text = "the end\n\nbegins here. The end begins"
    paragraphs = [(0, 7), (9, len(text))]
    assert found(text, "end begins") == ["end\n\nbegins", "end begins"]
    assert found(text, "end begins", spans=paragraphs) == ["end begins"]


def test_limit_caps_the_hits() -> None:
    assert len(find_matches("a" * 100, "a", limit=7)) == 7
    assert find_matches("aaa", "a", limit=0) == []
    assert len(find_matches("a" * 100, "a", limit=None)) == 100


# -- fuzzy -----------------------------------------------------------------------------------


def test_fuzzy_finds_spelling_variants_of_a_name() -> None:
    text = "Zelenskyy met Zelenskiy; later ZELENSKY and Selensky spoke, not Zelda."
    assert found(text, "Zelensky") == ["Zelensky", "ZELENSKY"]  # plain: a substring too
    assert found(text, "Zelensky", fuzzy=True) == ["Zelenskyy", "Zelenskiy", "ZELENSKY", "Selensky"]


def test_fuzzy_ignores_accents_and_keeps_plain_hits() -> None:
    text = "Zelenśkyj and Zelenskyj; the word blue"
    assert found(text, "zelenskyj", fuzzy=True) == ["Zelenśkyj", "Zelenskyj"]
    # A plain substring hit (not a whole word) is still found in fuzzy mode.
    assert found(text, "lue", fuzzy=True) == ["lue"]


def test_fuzzy_short_words_match_only_exactly() -> None:
    text = "cat hat cats of off"
    assert found(text, "cat", fuzzy=True) == ["cat", "cat"]  # plain substring of "cats"
    assert found(text, "of", fuzzy=True) == ["of", "of"]  # "off" contains "of" plainly


def test_fuzzy_multi_word_query_matches_a_window_of_words() -> None:
    text = "President Volodymyr Zelenskyy said. Then president\nZelenskiy left. Zelensky alone."
    hits = found(text, "President Zelensky", fuzzy=True)
    assert hits == ["president\nZelenskiy"]
    hits = found(text, "Volodymyr Zelensky", fuzzy=True)
    assert hits == ["Volodymyr Zelenskyy"]


def test_fuzzy_windows_stay_inside_paragraphs() -> None:
    text = "said President\n\nZelenskyy later"
    assert found(text, "president zelensky", fuzzy=True) == ["President\n\nZelenskyy"]
    assert found(text, "president zelensky", fuzzy=True, spans=[(0, 14), (16, len(text))]) == []


def test_fuzzy_cutoff_is_documented_value() -> None:
    assert 70 <= FUZZY_WORD_CUTOFF <= 90


def test_a_megabyte_is_fast() -> None:
    paragraph = "President Zelenskyy’s “peace formula” — discussed in Kyiv and Kiev. " * 30
    text = (paragraph + "\n\n") * 500  # about 1 MB
    began = time.perf_counter()
    plain = find_matches(text, "zelenskyy's \"peace", limit=None)
    fuzzy = find_matches(text, "Zelensky's peace", fuzzy=True, limit=None)
    again = find_matches(text, "Kyiv", fuzzy=True, limit=None)
    elapsed = time.perf_counter() - began
    assert len(plain) == len(fuzzy) == 500 * 30
    assert len(again) == 500 * 30  # "Kiev" is no variant of "Kyiv" at the cutoff
    assert {text[a:b] for a, b in fuzzy} == {"Zelenskyy’s “peace"}
    assert elapsed < 3.0


# -- properties ------------------------------------------------------------------------------

text_strategy = st.text(
    alphabet=st.sampled_from(" \n\t\u00a0abAB’'‘-–—ßsSﬁfi\u00ade\u0301é.İ"),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(text_strategy, st.data())
@example("Maß ss", None)
@example("e\u0301e", None)
@example("ﬁ fi", None)
def test_every_hit_matches_the_query_when_normalised(text: str, data: st.DataObject | None) -> None:
    if data is None:
        queries = ["ss", "e", "fi", "s"]
    else:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 6)))
        queries = [text[start:end], data.draw(text_strategy)]
    for query in queries:
        needle = comparison_text(query)
        spans = find_matches(text, query)
        assert spans == sorted(spans)
        assert all(a < b <= c for (a, b), (c, _) in pairwise(spans))
        for a, b in spans:
            assert 0 <= a < b <= len(text)
            assert comparison_text(text[a:b]) == needle


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abAB", max_size=30), st.text(alphabet="abAB", min_size=1, max_size=4))
def test_plain_hits_are_all_the_case_insensitive_substrings(text: str, query: str) -> None:
    expected = [m.span() for m in re.finditer(re.escape(query), text, re.IGNORECASE)]
    assert find_matches(text, query, limit=None) == expected
    exact = [m.span() for m in re.finditer(re.escape(query), text)]
    assert find_matches(text, query, case_sensitive=True, limit=None) == exact


# -- reading order ---------------------------------------------------------------------------


def block(left: tuple[tuple[int, int], ...], right: tuple[tuple[int, int], ...]) -> Block:
    return Block(0, None, RowKind.CHANGED, left, right)


BLOCKS = [
    block(((0, 10),), ((0, 12),)),
    block(((12, 20), (22, 30)), ()),
    block((), ((14, 40),)),
    block(((32, 50),), ((42, 60),)),
]


def test_order_is_block_then_left_then_offset() -> None:
    left = [(24, 26), (2, 4), (35, 37), (13, 15)]
    right = [(50, 52), (1, 3), (20, 22)]
    assert order_matches(BLOCKS, left, right) == [
        (0, Side.LEFT, (2, 4)),
        (0, Side.RIGHT, (1, 3)),
        (1, Side.LEFT, (13, 15)),
        (1, Side.LEFT, (24, 26)),
        (2, Side.RIGHT, (20, 22)),
        (3, Side.LEFT, (35, 37)),
        (3, Side.RIGHT, (50, 52)),
    ]


def test_a_hit_between_pieces_goes_to_the_piece_before() -> None:
    assert order_matches(BLOCKS, [(20, 22), (10, 11)], []) == [
        (0, Side.LEFT, (10, 11)),
        (1, Side.LEFT, (20, 22)),
    ]
    assert order_matches([], [(0, 1)], [(0, 1)]) == []


def test_search_pair_marks_counts_and_steps() -> None:
    left = "Wang Yi met Putin.\n\nPutin spoke."
    right = "Putin met Wang Yi.\n\nWang spoke."
    blocks = [
        Block(0, None, RowKind.CHANGED, ((0, 18),), ((0, 18),)),
        Block(1, None, RowKind.CHANGED, ((20, 32),), ((20, 31),)),
    ]
    result = search_pair(left, right, blocks, "putin")
    assert isinstance(result, SearchResult)
    assert result.left == ((12, 17), (20, 25)) and result.right == ((0, 5),)
    assert len(result) == 3 and not result.truncated
    assert [(b, s) for b, s, _ in result.order] == [(0, Side.LEFT), (0, Side.RIGHT), (1, Side.LEFT)]
    marks = result.marks(Side.LEFT).marks
    assert [(m.start, m.end, m.kind) for m in marks] == [
        (12, 17, MarkKind.MATCH),
        (20, 25, MarkKind.MATCH),
    ]
    assert result.step_from(0, 1) == 0
    assert result.step_from(1, 1) == 2
    assert result.step_from(2, 1) == 0  # wraps
    assert result.step_from(1, -1) == 1
    assert result.step_from(0, -1) == 2  # wraps
    capped = search_pair(left, right, blocks, "putin", limit=1)
    assert capped.truncated and capped.left == ((12, 17),) and len(capped) == 2
    assert search_pair(left, right, blocks, "nobody").step_from(0, 1) is None
