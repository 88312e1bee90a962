"""Word diffs of aligned groups, their cleanup, character refinement and moved paragraphs."""

from __future__ import annotations

import random
import time
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.core.diff as diff_module
from tui.core.diff import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    Move,
    Op,
    diff_group,
    diff_row,
    find_moves,
    group_extent,
    refine_chars,
)
from tui.core.model import Document, DocumentInfo, Row, RowKind, Span
from tui.core.tokens import DiffOptions, is_significant, tokenize

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "putin-wang-yi-2024"


DEFAULT = DiffOptions()


def _diff(a: str, b: str, options: DiffOptions = DEFAULT) -> list[Op]:
    return diff_group(a, [(0, len(a))], b, [(0, len(b))], options)


def _pieces(a: str, b: str, ops: list[Op]) -> list[tuple[str, str, str]]:
    return [(op.op, a[op.left[0] : op.left[1]], b[op.right[0] : op.right[1]]) for op in ops]


def _changes(a: str, b: str, options: DiffOptions = DEFAULT) -> list[tuple[str, str, str]]:
    return [p for p in _pieces(a, b, _diff(a, b, options)) if p[0] != EQUAL]


def _sig_keys(text: str, span: Span, options: DiffOptions) -> list[str]:
    return [t.key for t in tokenize(text, *span, options=options) if is_significant(t, options)]


def _assert_tiles(ops: list[Op], left: Span, right: Span) -> None:
    """Each side's spans follow one another without gap or overlap over the whole range."""
    lpos, rpos = left[0], right[0]
    for op in ops:
        assert op.op in (EQUAL, DELETE, INSERT, REPLACE)
        assert op.left[0] == lpos and op.left[1] >= op.left[0]
        assert op.right[0] == rpos and op.right[1] >= op.right[0]
        lpos, rpos = op.left[1], op.right[1]
        if op.op == INSERT:
            assert op.left[0] == op.left[1] and op.right[1] > op.right[0]
        if op.op == DELETE:
            assert op.right[0] == op.right[1] and op.left[1] > op.left[0]
        if op.op == REPLACE:
            assert op.left[1] > op.left[0] and op.right[1] > op.right[0]
    assert (lpos, rpos) == (left[1], right[1])


_ALPHABET = st.sampled_from(
    [*"ab cd.,;-'\n\t", "\u00a0", "é", "e\u0301", "’", "“", "—", "中", "1", "0", "A", "the "]
)
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


@settings(max_examples=250, deadline=None)
@given(
    _TEXT,
    _TEXT,
    st.builds(DiffOptions, st.booleans(), st.booleans(), st.booleans(), st.booleans()),
)
def test_ops_reproduce_both_texts_exactly(a: str, b: str, options: DiffOptions) -> None:
    ops = _diff(a, b, options)
    _assert_tiles(ops, (0, len(a)), (0, len(b)))
    assert "".join(a[op.left[0] : op.left[1]] for op in ops) == a
    assert "".join(b[op.right[0] : op.right[1]] for op in ops) == b
    for op in ops:
        if op.op == EQUAL:
            # Equal text differs at most in what the options ignore.
            assert _sig_keys(a, op.left, options) == _sig_keys(b, op.right, options)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_the_coarse_fallback_also_tiles(a: str, b: str) -> None:
    with patch.object(diff_module, "MAX_CELLS", 6):
        ops = _diff(f"{a}. {b}. {a}", f"{b}. {a}. {a}")
    _assert_tiles(ops, (0, len(a) * 2 + len(b) + 4), (0, len(a) * 2 + len(b) + 4))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_ops_reproduce_arbitrary_unicode(a: str, b: str) -> None:
    ops = _diff(a, b)
    _assert_tiles(ops, (0, len(a)), (0, len(b)))


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=3), st.lists(_TEXT, min_size=1, max_size=3))
def test_multi_paragraph_groups_cover_the_text_between_paragraphs(
    lefts: list[str], rights: list[str]
) -> None:
    def build(parts: list[str]) -> tuple[str, list[Span]]:
        text, spans = "PRE\n\n", []
        for part in parts:
            spans.append((len(text), len(text) + len(part)))
            text += part + "\n\n"
        return text + "POST", spans

    a, aspans = build(lefts)
    b, bspans = build(rights)
    ops = diff_group(a, aspans, b, bspans)
    _assert_tiles(ops, group_extent(aspans), group_extent(bspans))


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_changes_do_not_start_or_end_with_whitespace_inside_a_group(a: str, b: str) -> None:
    a, b = f"x {a} y", f"x {b} y"
    ops = _diff(a, b)
    for op in ops[1:-1]:
        if op.op == EQUAL:
            continue
        for text, (start, end) in ((a, op.left), (b, op.right)):
            if start < end:
                assert not text[start].isspace() and not text[end - 1].isspace()


def test_identical_and_empty_groups() -> None:
    assert _diff("", "") == []
    assert _pieces("Same text.", "Same text.", _diff("Same text.", "Same text.")) == [
        (EQUAL, "Same text.", "Same text.")
    ]
    assert _pieces("", "New.", _diff("", "New.")) == [(INSERT, "", "New.")]
    assert _pieces("Old.", "", _diff("Old.", "")) == [(DELETE, "Old.", "")]
    assert _pieces("  ", "x", _diff("  ", "x")) == [(INSERT, "", "x"), (EQUAL, "  ", "")]


def test_typographic_case_and_spacing_differences_stay_equal() -> None:
    a = "“Don’t go,” he said — in the U.S.\u00a0capital."
    b = '"don\'t go," He said -- in the U.S.  Capital.'
    assert [p[0] for p in _pieces(a, b, _diff(a, b))] == [EQUAL]


def test_options_reveal_what_they_name() -> None:
    assert _changes("He said", "he said", DiffOptions(ignore_case=False)) == [(REPLACE, "He", "he")]
    assert _changes("“quoted words” y", '"quoted words" y', DiffOptions(show_quote_style=True)) == [
        (REPLACE, "“", '"'),
        (REPLACE, "”", '"'),
    ]
    assert _changes("a  b", "a b", DiffOptions(show_whitespace_changes=True)) == [
        (REPLACE, "  ", " ")
    ]
    assert _changes("Yes, he said.", "Yes he said", DiffOptions(ignore_punctuation=True)) == []


def test_a_rewritten_clause_is_one_change_not_confetti() -> None:
    a = "Putin made the remarks while meeting with Wang Yi in St. Petersburg."
    b = "Putin made the remarks during talks with Wang Yi in St. Petersburg."
    assert _changes(a, b) == [(REPLACE, "while meeting", "during talks")]
    a = "The cat sat on the mat and then the dog ate the food."
    b = "A bird flew over the house and then a fish swam in the sea."
    assert len(_changes(a, b)) == 1


def test_short_equal_islands_between_changes_are_folded() -> None:
    # "met" (3 letters) between two replaced names: one change, not three pieces.
    assert _changes("Putin met Xi in Beijing.", "Lavrov met Wang in Beijing.") == [
        (REPLACE, "Putin met Xi", "Lavrov met Wang")
    ]
    # Punctuation-only islands always go.
    assert _changes("alpha, beta", "gamma, delta") == [(REPLACE, "alpha, beta", "gamma, delta")]


def test_a_long_shared_phrase_between_small_edits_stays_visible() -> None:
    a = "Kenya signed the largest joint energy project in East Africa on Tuesday."
    b = "Uganda signed the largest joint energy project in East Africa on Monday."
    assert _changes(a, b) == [(REPLACE, "Kenya", "Uganda"), (REPLACE, "Tuesday", "Monday")]


def test_insertions_slide_to_sentence_boundaries() -> None:
    a = "He said. He left."
    b = "He said. He came. He left."
    assert _changes(a, b) == [(INSERT, "", "He came.")]
    ops = _diff(a, b)
    assert _pieces(a, b, ops) == [
        (EQUAL, "He said. ", "He said. "),
        (INSERT, "", "He came."),
        (EQUAL, "He left.", " He left."),
    ]


def test_insert_position_is_where_the_change_belongs() -> None:
    a, b = "a member of the Bureau", "a member of the Political Bureau"
    ops = _diff(a, b)
    (insert,) = [op for op in ops if op.op != EQUAL]
    assert b[insert.right[0] : insert.right[1]] == "Political"
    assert insert.left == (a.index("Bureau"), a.index("Bureau"))


def test_sample_first_paragraph_shows_the_cut_name_and_date_as_one_change() -> None:
    left = (SAMPLE / "kuna-2024-09-13.txt").read_text(encoding="utf-8")
    right = (SAMPLE / "xinhua-2024-09-12.txt").read_text(encoding="utf-8")
    lspan = (0, left.index("\n"))
    rstart = right.index("St. Petersburg")
    rspan = (rstart, right.index("\n", rstart))
    ops = diff_group(left, [lspan], right, [rspan])
    _assert_tiles(ops, lspan, rspan)
    changes = [(o.op, left[slice(*o.left)], right[slice(*o.right)]) for o in ops if o.op != EQUAL]
    assert (REPLACE, "Friday", "Putin on Thursday [Sept.\u00a012]") in changes
    assert all("willingness" not in c[1] for c in changes)


@pytest.mark.parametrize(
    "cells",
    [
        2000,  # sentences matched directly (40 x 40 of them)
        200,  # too many sentences too: unique ones anchor, the gaps are matched directly
    ],
)
def test_huge_groups_fall_back_to_sentences_then_words(
    monkeypatch: pytest.MonkeyPatch, cells: int
) -> None:
    monkeypatch.setattr(diff_module, "MAX_CELLS", cells)
    sentences = [f"Sentence number {i} talks about topic {i * 7}." for i in range(40)]
    a = " ".join(sentences)
    changed = list(sentences)
    changed[10] = "Sentence number 10 talks about another topic entirely."
    del changed[20]
    changed.insert(30, "A brand new sentence appears here.")
    b = " ".join(changed)
    ops = _diff(a, b)
    _assert_tiles(ops, (0, len(a)), (0, len(b)))
    changes = [p for p in _pieces(a, b, ops) if p[0] != EQUAL]
    assert (REPLACE, "topic 70", "another topic entirely") in changes
    assert (DELETE, sentences[20], "") in changes
    assert (INSERT, "", "A brand new sentence appears here.") in changes
    assert len(changes) == 3


def test_unrelated_texts_are_one_replacement() -> None:
    assert _changes("Alpha beta gamma.", "Delta epsilon zeta!") == [
        (REPLACE, "Alpha beta gamma.", "Delta epsilon zeta!")
    ]


def _long_pair(words: int) -> tuple[str, str]:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(800)] + ["the", "of", "and", "to", "a", "in"] * 50
    tokens = []
    for i in range(words):
        tokens.append(rng.choice(vocab) + ("." if i % 17 == 16 else ""))
    edited = []
    for token in tokens:
        roll = rng.random()
        if roll < 0.03:
            continue
        edited.append(rng.choice(vocab) if roll < 0.06 else token)
        if roll > 0.98:
            edited.append(rng.choice(vocab))
    return " ".join(tokens), " ".join(edited)


def test_a_5000_word_paragraph_pair_diffs_quickly() -> None:
    a, b = _long_pair(5000)
    started = time.perf_counter()
    ops = _diff(a, b)
    elapsed = time.perf_counter() - started
    _assert_tiles(ops, (0, len(a)), (0, len(b)))
    assert elapsed < 1.0  # ~0.05 s on a laptop; generous for slow CI


# --- character refinement -------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_refine_chars_tiles_both_strings(a: str, b: str, loff: int, roff: int) -> None:
    ops = refine_chars(a, b, left_offset=loff, right_offset=roff)
    lpos, rpos = loff, roff
    for op in ops:
        assert op.left[0] == lpos and op.right[0] == rpos
        lpos, rpos = op.left[1], op.right[1]
    assert (lpos, rpos) == (loff + len(a), roff + len(b))


def test_refine_chars_marks_the_changed_letters() -> None:
    assert [(o.op, o.left, o.right) for o in refine_chars("Putin", "Puttin")] == [
        (EQUAL, (0, 3), (0, 3)),
        (INSERT, (3, 3), (3, 4)),
        (EQUAL, (3, 5), (4, 6)),
    ]
    assert [o.op for o in refine_chars("Colour", "colour")] == [EQUAL]
    # A lone shared letter between two changes is not shown as equal.
    assert [o.op for o in refine_chars("Putin", "Lavrov") if o.op == EQUAL] == []
    ops = refine_chars("12", "13", left_offset=100, right_offset=200)
    assert ops[-1] == Op(REPLACE, (101, 102), (201, 202))


# --- moves ----------------------------------------------------------------------------


def _document(paragraphs: list[str]) -> Document:
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for paragraph in paragraphs:
        spans.append((pos, pos + len(paragraph)))
        pos += len(paragraph) + 2
    return Document(
        path="x.txt",
        text=text,
        encoding="utf-8",
        info=DocumentInfo(title="x"),
        paragraphs=tuple(spans),
    )


MOVED = "The two sides also exchanged views on the Ukraine issue and the war in the region."
OTHER = "Donations can be made through the website or directly to the Red Cross."


def test_find_moves_pairs_a_paragraph_that_moved() -> None:
    left = _document(["Intro paragraph here.", MOVED, "Shared ending paragraph."])
    right = _document(
        [
            "Intro paragraph here.",
            "Shared ending paragraph.",
            MOVED.replace("the war", "fighting"),
            OTHER,
        ]
    )
    rows = [
        Row((0,), (0,), RowKind.EQUAL, 1.0),
        Row((1,), (), RowKind.LEFT_ONLY, 0.0),
        Row((2,), (1,), RowKind.EQUAL, 1.0),
        Row((), (2,), RowKind.RIGHT_ONLY, 0.0),
        Row((), (3,), RowKind.RIGHT_ONLY, 0.0),
    ]
    moves = find_moves(rows, left, right)
    assert len(moves) == 1
    assert (moves[0].left_row, moves[0].right_row) == (1, 3)
    assert 0.8 < moves[0].score < 1.0


def test_find_moves_ignores_unrelated_and_tiny_paragraphs() -> None:
    left = _document([MOVED, "(end)"])
    right = _document([OTHER, "(end)"])
    rows = [
        Row((0,), (), RowKind.LEFT_ONLY, 0.0),
        Row((1,), (), RowKind.LEFT_ONLY, 0.0),
        Row((), (0,), RowKind.RIGHT_ONLY, 0.0),
        Row((), (1,), RowKind.RIGHT_ONLY, 0.0),
    ]
    assert find_moves(rows, left, right) == []


def test_each_row_is_in_at_most_one_move() -> None:
    left = _document([MOVED, MOVED])
    right = _document([MOVED])
    rows = [
        Row((0,), (), RowKind.LEFT_ONLY, 0.0),
        Row((1,), (), RowKind.LEFT_ONLY, 0.0),
        Row((), (0,), RowKind.RIGHT_ONLY, 0.0),
    ]
    assert find_moves(rows, left, right) == [Move(0, 2, 1.0)]


def test_find_moves_stays_fast_with_many_one_sided_rows() -> None:
    rng = random.Random(3)
    paragraphs = [
        " ".join(f"p{i}w{rng.randrange(40)}" for _ in range(30)) + "." for i in range(400)
    ]
    left = _document(paragraphs)
    right = _document(list(reversed(paragraphs)))
    rows = [Row((i,), (), RowKind.LEFT_ONLY, 0.0) for i in range(400)]
    rows += [Row((), (i,), RowKind.RIGHT_ONLY, 0.0) for i in range(400)]
    started = time.perf_counter()
    moves = find_moves(rows, left, right)
    assert time.perf_counter() - started < 3.0
    assert len(moves) == 400
    assert all(m.right_row == 400 + (399 - m.left_row) for m in moves)


def test_diff_row_uses_the_rows_paragraphs() -> None:
    left = _document(["One two three.", "Four five."])
    right = _document(["One two three.", "Four six."])
    ops = diff_row(Row((0, 1), (0, 1), RowKind.CHANGED, 0.9), left, right)
    assert _pieces(left.text, right.text, [o for o in ops if o.op != EQUAL]) == [
        (REPLACE, "five", "six")
    ]
    _assert_tiles(ops, (0, len(left.text)), (0, len(right.text)))
