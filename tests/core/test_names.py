"""Name runs in a text and when two of them name the same person or place."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.names import (
    NameRun,
    _Document,
    _line_words,
    _Vocabulary,
    compare_names,
    name_runs,
)
from tui.core.tokens import WORD, tokenize


def _cores(text: str, other: str = "") -> list[str]:
    return [text[r.core_start : r.core_end] for r in name_runs(text, other)]


def test_runs_leave_titles_out_of_the_name() -> None:
    text = "Russian President Vladimir Putin met Wang Yi in St. Petersburg."
    assert _cores(text) == ["Vladimir Putin", "Wang Yi", "St. Petersburg"]


def test_a_capitalised_sentence_start_is_a_name_only_if_used_as_one() -> None:
    assert _cores("Officials said the talks went well.") == []
    # "Wang" opens the second sentence, but the text uses it as a name mid-sentence too.
    assert _cores("Officials met Wang on Monday. Wang said yes.") == ["Wang", "Wang"]


def _run(key: str) -> NameRun:
    words = tuple(key.split())
    return NameRun(0, len(key), 0, len(key), words)


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("vladimir putin", "vladimir putin", None),
        ("putin", "vladimir putin", None),  # the usual short form: the surname
        ("zelenskyy", "zelensky", None),  # a transliteration variant
        ("eac", "east african community", None),  # an acronym
        ("vladimir", "vladimir putin", "cut"),  # a lone first name
        ("martin hale", "martin hall", "different"),
        ("putin", "lavrov", "different"),
    ],
)
def test_compare_names(a: str, b: str, verdict: str | None) -> None:
    left, right = _run(a), _run(b)
    assert compare_names(left, right, [left], [right], {left.key}, {right.key}) == verdict


# --- the line and word readers agree with the tokenizer -----------------------------------

_LINE_TEXT = st.lists(
    st.sampled_from(
        [*"aZ9 .,-'()\t", "U.S.", "Mr.", "van", "O'Neil", "1,000", "’", "é", "中", "\u00a0", "..."]
    ),
    max_size=50,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_LINE_TEXT, st.text().map(lambda t: t.replace("\n", " "))))
def test_line_words_are_the_tokenizers_words(line: str) -> None:
    texts, starts = _line_words(line)
    words = [t for t in tokenize(line) if t.kind == WORD]
    assert texts == [t.text for t in words]
    assert starts == [t.start for t in words]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Ab c", "x", "\n", "\n\n", " ", "Dé"]), max_size=20).map("".join))
def test_documents_are_cut_into_their_lines(text: str) -> None:
    document = _Document(text, _Vocabulary())
    lines = list(re.finditer(r"[^\n]+", text))
    assert document.starts == [m.start() for m in lines]
    assert document.ends == [m.end() for m in lines]
    assert [document.line_text(i) for i in range(len(lines))] == [m.group() for m in lines]


def test_a_book_long_line_reads_piece_by_piece() -> None:
    line = "Ab c. U.S. " * 1500 + "é Zed" + " Mr. Van Dam x" * 300
    texts, starts = _line_words(line)
    words = [t for t in tokenize(line) if t.kind == WORD]
    assert (texts, starts) == ([t.text for t in words], [t.start for t in words])
