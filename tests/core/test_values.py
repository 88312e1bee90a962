"""Values found in a text: dates, weekdays, times, numbers, amounts, percentages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.values import (
    INCOMPARABLE,
    SAME,
    Value,
    _alternation,
    compare_values,
    extract_values,
)


def _values(text: str) -> list[tuple[str, str]]:
    return [(v.kind, v.text) for v in extract_values(text)]


def test_extract_values_kinds_and_spans() -> None:
    text = (
        "On Thursday, Sept. 12, 2024, at 9:42 p.m., 1,500 people paid $2.3 billion, "
        "up 12 percent, for the 75th time in March, since 2019."
    )
    assert _values(text) == [
        ("weekday", "Thursday"),
        ("date", "Sept. 12, 2024"),
        ("time", "9:42 p.m."),
        ("number", "1,500"),
        ("amount", "$2.3 billion"),
        ("percent", "12 percent"),
        ("ordinal", "75th"),
        ("month", "March"),
        ("year", "2019"),
    ]
    for value in extract_values(text):
        assert text[slice(*value.span)] == value.text


def test_extract_values_reads_ambiguous_forms_both_ways() -> None:
    (slash,) = extract_values("on 9/12/2024")
    assert slash.readings == {(2024, 9, 12), (2024, 12, 9)}
    (dotted,) = extract_values("on 1.000 units")
    assert dotted.readings == {Decimal(1), Decimal(1000)}
    (metres,) = extract_values("a 5m wall")
    assert Decimal(5) in metres.readings and Decimal(5_000_000) in metres.readings


@pytest.mark.parametrize(
    "text",
    [
        "You may go.",  # modal verb, not a month
        "Theresa May said so.",
        "The G20 met.",
        "COVID-19 cases rose.",
        "An A320 landed.",
    ],
)
def test_words_that_only_look_like_values_are_not_values(text: str) -> None:
    assert [v for v in extract_values(text) if v.kind in ("month", "date", "number")] == []


def test_values_in_a_subrange_have_absolute_spans() -> None:
    text = "xx On Monday, 5 people. yy 7 more."
    values = extract_values(text, 3, 23)
    assert [(v.kind, v.span) for v in values] == [("weekday", (6, 12)), ("number", (14, 15))]


def _one(text: str) -> Value:
    (value,) = extract_values(text)
    return value


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("on Sept. 12", "on 12 September 2024", SAME),
        ("in 2024", "on Sept. 12, 2024", SAME),  # a year agreeing with a full date
        ("in 2023", "on Sept. 12, 2024", "year"),
        ("on Sept 13", "on 2024-09-12", "date"),
        ("in September 2025", "on Oct. 3, 2025", "month"),
        ("in 2023", "on Sept. 12", INCOMPARABLE),  # no field in common
        ("on Monday", "on Mon.", SAME),
        ("on Monday", "on Tuesday", "weekday"),
        ("$5 million", "5 million dollars", SAME),
        ("£4.2bn", "$5.3 billion", INCOMPARABLE),  # a conversion, not a contradiction
        ("14 people", "$14", INCOMPARABLE),
    ],
)
def test_compare_values(a: str, b: str, relation: str) -> None:
    assert compare_values(_one(a), _one(b)) == relation


# --- factored alternations match what the plain ones match --------------------------------

_WORD_LISTS = st.lists(st.text("abnoty", min_size=1, max_size=6), min_size=1, max_size=12)
_PROSE = st.lists(st.sampled_from(["a", "b", "n", "o", "t", "y", "T", "N", " ", "-", "."]))


@settings(max_examples=300, deadline=None)
@given(_WORD_LISTS, _PROSE.map("".join))
def test_a_factored_alternation_matches_as_the_plain_one(words: list[str], text: str) -> None:
    """Followed by ``\\b`` (as every use is), the prefix-factored alternation finds the same
    matches as ``a|b|c`` in the order given, whatever the words share."""
    plain = re.compile(rf"\b(?i:{'|'.join(map(re.escape, words))})\b")
    factored = re.compile(rf"\b(?i:{_alternation(words)})\b")
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_number_words_and_month_names_still_read() -> None:
    text = "In May, twenty-five thousand and twelve people paid 40 USD; forty-fifth on Sunday."
    assert _values(text) == [
        ("month", "May"),
        ("number", "twenty-five thousand and twelve"),
        ("amount", "40 USD"),
        ("ordinal", "forty-fifth"),
        ("weekday", "Sunday"),
    ]
