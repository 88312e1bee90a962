"""Marks: flattening by priority, lookup by line, and marks derived from a pair's diff."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tui.core.analysis import analyze
from tui.core.document import document_from_text
from tui.core.highlights import (
    HighlightMode,
    Mark,
    MarkIndex,
    MarkKind,
    diff_marks,
    flatten,
)
from tui.core.model import Side


def test_flatten_lets_conflicts_win_and_merges_neighbours() -> None:
    marks = [
        Mark(0, 10, MarkKind.CHANGE),
        Mark(3, 5, MarkKind.CONFLICT),
        Mark(10, 12, MarkKind.CHANGE),
    ]
    assert flatten(marks) == [
        Mark(0, 3, MarkKind.CHANGE),
        Mark(3, 5, MarkKind.CONFLICT),
        Mark(5, 12, MarkKind.CHANGE),
    ]


mark_lists = st.lists(
    st.builds(
        lambda a, n, kind: Mark(a, a + n, kind),
        st.integers(0, 60),
        st.integers(0, 15),
        st.sampled_from(list(MarkKind)),
    ),
    max_size=12,
)


@given(mark_lists)
def test_flatten_is_sorted_disjoint_and_covers_the_same_characters(marks: list[Mark]) -> None:
    flat = flatten(marks)
    for first, second in itertools.pairwise(flat):
        assert first.end <= second.start
    covered = {i for mark in marks for i in range(mark.start, mark.end)}
    assert {i for mark in flat for i in range(mark.start, mark.end)} == covered


@given(mark_lists, st.integers(0, 70), st.integers(0, 20))
def test_overlapping_returns_exactly_the_clipped_marks(marks, start, length) -> None:
    flat = flatten(marks)
    index = MarkIndex(flat)
    end = start + length
    expected = [
        Mark(max(m.start, start), min(m.end, end), m.kind)
        for m in flat
        if m.start < end and m.end > start
    ]
    assert index.overlapping((start, end)) == expected


def test_diff_marks_show_deleted_inserted_and_changed_words() -> None:
    left = document_from_text("The minister met the delegates on Monday.\n\nOnly here.")
    right = document_from_text("The minister greeted the delegates on Monday at noon.")
    analysis = analyze(left, right)
    left_marks = diff_marks(analysis, Side.LEFT).marks
    right_marks = diff_marks(analysis, Side.RIGHT).marks
    shown_left = {(left.text[m.start : m.end], m.kind) for m in left_marks}
    shown_right = {(right.text[m.start : m.end], m.kind) for m in right_marks}
    assert ("met", MarkKind.CHANGE) in shown_left
    assert ("greeted", MarkKind.CHANGE) in shown_right
    assert any(kind is MarkKind.INSERT and "noon" in text for text, kind in shown_right)
    assert ("Only here.", MarkKind.DELETE) in shown_left
    assert not any("delegates" in text for text, _ in shown_left | shown_right)


def test_character_mode_marks_the_letters_that_differ() -> None:
    left = document_from_text("They signed the agreement in Vienna.")
    right = document_from_text("They signed the agreements in Vienna.")
    analysis = analyze(left, right)
    right_marks = diff_marks(analysis, Side.RIGHT, characters=True).marks
    chars = [right.text[m.start : m.end] for m in right_marks if m.kind is MarkKind.CHANGE_CHAR]
    assert chars == ["s"]


def test_highlight_mode_cycles_through_all_modes() -> None:
    mode = HighlightMode.WORDS
    seen = [mode]
    for _ in range(3):
        mode = mode.next()
        seen.append(mode)
    assert seen == [
        HighlightMode.WORDS,
        HighlightMode.CHARACTERS,
        HighlightMode.OFF,
        HighlightMode.WORDS,
    ]
