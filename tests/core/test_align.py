"""Paragraph and sentence alignment: structural invariants, edit cases, the sample pair."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import align as align_module
from tui.core.align import (
    _SYMBOL,
    PARAGRAPH_SHARE,
    AlignOptions,
    _Aligner,
    _dice,
    _GapDP,
    _sentence_groups,
    _Vocabulary,
    _word_pattern,
    _words,
    align_documents,
    align_in_stages,
    align_paragraphs,
    align_sentences,
)
from tui.core.document import document_from_text
from tui.core.model import Row, RowKind, SentenceRow
from tui.core.normalize import comparison_text

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "putin-wang-yi-2024"

# A few hundred made-up words: random paragraphs drawn from them share about as many words
# as unrelated prose does once function words are discounted.
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "de", "pa", "gu", "ho"]
WORDS = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("n", "r", "s", "")})


def paragraph(rng: random.Random, words: int = 30) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def paragraphs(seed: int, count: int, words: int = 30) -> list[str]:
    rng = random.Random(seed)
    return [paragraph(rng, words) for _ in range(count)]


def edit_words(text: str, rng: random.Random, share: float = 0.2) -> str:
    words = text.split()
    for k in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[k] = rng.choice(WORDS)
    return " ".join(words)


def cmp(texts: list[str]) -> list[str]:
    return [comparison_text(t) for t in texts]


def check_rows(rows: list[Row] | list[SentenceRow], left: int, right: int) -> None:
    """The structural contract: a monotonic partition of both sides into valid groups."""
    seen_left = [k for row in rows for k in row.left]
    seen_right = [k for row in rows for k in row.right]
    assert seen_left == list(range(left))
    assert seen_right == list(range(right))
    for row in rows:
        assert row.left or row.right
        assert len(row.left) <= 2 and len(row.right) <= 2
        assert not (len(row.left) == 2 and len(row.right) == 2)
        assert 0.0 <= row.score <= 1.0
        if not row.right:
            assert row.kind is RowKind.LEFT_ONLY and row.score == 0.0
        elif not row.left:
            assert row.kind is RowKind.RIGHT_ONLY and row.score == 0.0
        else:
            assert row.kind in (RowKind.EQUAL, RowKind.CHANGED)
            assert (row.score == 1.0) == (row.kind is RowKind.EQUAL)


def shape(rows: list[Row]) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(row.left, row.right, row.kind.value) for row in rows]


# --------------------------------------------------------------------------------------------
# Properties


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """A paragraph list, a version of it with the edits real revisions have, and the
    (left, right) index of every paragraph kept unchanged in place (none if any moved)."""
    seed = draw(st.integers(0, 10**6))
    rng = random.Random(seed + 1)
    left = paragraphs(seed, draw(st.integers(0, 14)), words=rng.randint(3, 30))
    right: list[tuple[str, int | None]] = []  # text, index of the left paragraph it keeps
    moved = False
    for k, text in enumerate(left):
        op = draw(st.sampled_from(["keep", "keep", "edit", "drop", "insert", "split", "swap"]))
        if op == "keep":
            right.append((text, k))
        elif op == "edit":
            right.append((edit_words(text, rng), None))
        elif op == "insert":
            right += [(paragraph(rng), None), (text, k)]
        elif op == "split":
            words = text.split()
            cut = len(words) // 2
            right += [(" ".join(words[:cut]), None), (" ".join(words[cut:]), None)]
        elif op == "swap" and right:
            right.insert(len(right) - 1, (text, None))
            moved = True
    right = [(text, k) for text, k in right if text]
    texts = [text for text, _ in right]
    kept = [
        (k, j)
        for j, (text, k) in enumerate(right)
        if k is not None and not moved and texts.count(text) == left.count(text) == 1
    ]
    return left, texts, kept


@given(edited_pair())
@settings(max_examples=150, deadline=None)
def test_rows_partition_both_sides_in_order(
    pair: tuple[list[str], list[str], list[tuple[int, int]]],
) -> None:
    left, right, kept = pair
    rows = align_paragraphs(cmp(left), cmp(right))
    check_rows(rows, len(left), len(right))
    equal = {(row.left, row.right) for row in rows if row.kind is RowKind.EQUAL}
    assert all(((k,), (j,)) in equal for k, j in kept)


@given(edited_pair(), st.integers(1, 6))
@settings(max_examples=60, deadline=None)
def test_pairs_respect_the_score_floor_and_kinds(
    pair: tuple[list[str], list[str], list[tuple[int, int]]], band: int
) -> None:
    left, right = cmp(pair[0]), cmp(pair[1])
    options = AlignOptions(min_pair_score=0.5, max_dp_cells=4, band=band)
    for row in align_paragraphs(left, right, options=options):
        if row.left and row.right:
            assert row.score >= 0.5 or row.kind is RowKind.EQUAL
            joined = " ".join(left[k] for k in row.left), " ".join(right[k] for k in row.right)
            assert (joined[0] == joined[1]) == (row.kind is RowKind.EQUAL)


@given(st.lists(st.sampled_from(["a b c", "d e f", "a b c", "x", ""]), max_size=8))
@settings(max_examples=100, deadline=None)
def test_repeated_and_degenerate_paragraphs(texts: list[str]) -> None:
    other = list(reversed(texts))
    rows = align_paragraphs(texts, other)
    check_rows(rows, len(texts), len(other))


@given(st.integers(0, 10**6), st.integers(1, 12))
@settings(max_examples=40, deadline=None)
def test_identical_inputs_give_equal_one_to_one_rows(seed: int, count: int) -> None:
    texts = cmp(paragraphs(seed, count))
    rows = align_paragraphs(texts, list(texts))
    assert shape(rows) == [((k,), (k,), "equal") for k in range(count)]


@given(st.integers(0, 10**6), st.integers(1, 8), st.data())
@settings(max_examples=60, deadline=None)
def test_a_split_paragraph_is_one_1_to_2_row(seed: int, count: int, data: st.DataObject) -> None:
    texts = paragraphs(seed, count)
    k = data.draw(st.integers(0, count - 1))
    words = texts[k].split()
    cut = data.draw(st.integers(len(words) * 3 // 10, len(words) * 7 // 10))
    split = [*texts[:k], " ".join(words[:cut]), " ".join(words[cut:]), *texts[k + 1 :]]
    rows = align_paragraphs(cmp(texts), cmp(split))
    assert ((k,), (k, k + 1), "equal") in shape(rows)
    assert len(rows) == count
    # ... and the other way round it is a merge.
    rows = align_paragraphs(cmp(split), cmp(texts))
    assert ((k, k + 1), (k,), "equal") in shape(rows)


@given(st.integers(0, 10**6), st.integers(2, 30))
@settings(max_examples=30, deadline=None)
def test_corridor_dp_matches_full_dp_on_realistic_edits(seed: int, count: int) -> None:
    rng = random.Random(seed)
    left = paragraphs(seed, count)
    right = [edit_words(text, rng) for text in left if rng.random() > 0.1]
    right.insert(rng.randint(0, len(right)), paragraph(rng))
    full = align_paragraphs(cmp(left), cmp(right))
    banded = align_paragraphs(cmp(left), cmp(right), options=AlignOptions(max_dp_cells=1))
    assert shape(banded) == shape(full)


# --------------------------------------------------------------------------------------------
# Edit cases


def test_one_sided_paragraphs() -> None:
    texts = cmp(paragraphs(1, 4))
    extra = cmp(paragraphs(2, 1))[0]
    rows = align_paragraphs(texts, [*texts[:2], extra, *texts[2:]])
    assert shape(rows)[2] == ((), (2,), "right_only")
    rows = align_paragraphs([*texts[:1], extra, *texts[1:]], texts)
    assert shape(rows)[1] == ((1,), (), "left_only")


def test_edited_paragraph_is_changed_with_its_similarity() -> None:
    rng = random.Random(3)
    texts = paragraphs(3, 3)
    edited = [texts[0], edit_words(texts[1], rng), texts[2]]
    rows = align_paragraphs(cmp(texts), cmp(edited))
    assert shape(rows) == [((0,), (0,), "equal"), ((1,), (1,), "changed"), ((2,), (2,), "equal")]
    assert 0.6 < rows[1].score < 1.0


OPENING = "The minister told reporters in the capital on Tuesday that "


def test_paragraphs_sharing_only_their_opening_are_not_paired() -> None:
    rng = random.Random(5)
    left = [OPENING + paragraph(rng)]
    right = [OPENING + paragraph(rng)]
    assert shape(align_paragraphs(cmp(left), cmp(right))) == [
        ((0,), (), "left_only"),
        ((), (0,), "right_only"),
    ]


@pytest.mark.parametrize("decoy_first", [True, False])
def test_the_better_match_wins_over_a_shared_opening(decoy_first: bool) -> None:
    rng = random.Random(7)
    text = paragraph(rng)
    decoy = OPENING + paragraph(rng)
    left = [OPENING + text]
    revised = "Speaking on Tuesday, the minister said " + edit_words(text, rng, 0.3)
    right = [decoy, revised] if decoy_first else [revised, decoy]
    rows = align_paragraphs(cmp(left), cmp(right))
    paired = [row for row in rows if row.left and row.right]
    assert [(row.left, row.right) for row in paired] == [((0,), (right.index(revised),))]


def test_a_short_neighbour_sharing_a_few_words_is_not_merged() -> None:
    rng = random.Random(11)
    text = paragraph(rng, 40)
    left = ["For his part, the minister said " + text]
    right = ["For his part, the minister sent greetings to the king.", edit_words(text, rng, 0.1)]
    assert shape(align_paragraphs(cmp(left), cmp(right))) == [
        ((), (0,), "right_only"),
        ((0,), (1,), "changed"),
    ]


def test_reordered_paragraphs_keep_the_longest_order() -> None:
    texts = cmp(paragraphs(13, 6))
    moved = [texts[k] for k in (0, 4, 1, 2, 3, 5)]
    rows = align_paragraphs(texts, moved)
    check_rows(rows, 6, 6)
    equal = [(row.left, row.right) for row in rows if row.kind is RowKind.EQUAL]
    assert equal == [((0,), (0,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,)), ((5,), (5,))]


def test_empty_sides() -> None:
    texts = cmp(paragraphs(17, 3))
    assert align_paragraphs([], []) == []
    assert shape(align_paragraphs(texts, [])) == [((k,), (), "left_only") for k in range(3)]
    assert shape(align_paragraphs([], texts)) == [((), (k,), "right_only") for k in range(3)]


def test_unpaired_runs_list_the_left_side_first() -> None:
    left, right = cmp(paragraphs(19, 2)), cmp(paragraphs(23, 2))
    assert [row.kind for row in align_paragraphs(left, right)] == [
        RowKind.LEFT_ONLY,
        RowKind.LEFT_ONLY,
        RowKind.RIGHT_ONLY,
        RowKind.RIGHT_ONLY,
    ]


def test_text_without_spaces_is_compared_by_character() -> None:
    left = ["今天北京天气很好，我们去公园散步吧。", "明天会下雨，记得带伞。"]
    right = ["今天北京天气不错，我们去公园散步吧。", "明天会下雨，记得带伞。"]
    assert shape(align_paragraphs(left, right)) == [
        ((0,), (0,), "changed"),
        ((1,), (1,), "equal"),
    ]


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="min_pair_score"):
        AlignOptions(min_pair_score=1.5)
    with pytest.raises(ValueError, match="band"):
        AlignOptions(band=0)


@pytest.mark.parametrize("edited_share", [0.3, 1.0])
def test_progress_rises_to_one(edited_share: float) -> None:
    """Also inside one huge gap (every paragraph edited), not only between anchors."""
    rng = random.Random(29)
    left = paragraphs(29, 300)
    right = [edit_words(t, rng) if rng.random() < edited_share else t for t in left]
    seen: list[float] = []
    align_paragraphs(cmp(left), cmp(right), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and 20 <= len(seen) <= 102


def test_document_progress_and_empty_documents() -> None:
    seen: list[float] = []
    text = "\n\n".join(paragraphs(37, 5))
    alignment = align_documents(
        document_from_text(text), document_from_text(""), progress=seen.append
    )
    assert [row.kind for row in alignment.rows] == [RowKind.LEFT_ONLY] * 5
    assert all(s.kind is RowKind.LEFT_ONLY for s in alignment.sentence_rows)
    assert seen == sorted(seen) and seen[-1] == 1.0
    empty = align_documents(document_from_text(""), document_from_text(""))
    assert empty.rows == () and empty.sentence_rows == ()


def test_large_inputs_without_anchors_stay_accurate() -> None:
    """3000 paragraphs per side, every one edited, so no exact anchor helps.

    Speed is measured in benchmarks/bench_align.py, not asserted here.
    """
    rng = random.Random(31)
    left = paragraphs(31, 3000, words=40)
    right: list[str] = []
    truth: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for k, text in enumerate(left):
        if rng.random() < 0.05:
            continue  # dropped
        if rng.random() < 0.05:
            right.append(paragraph(rng))  # inserted
        truth.append(((k,), (len(right),)))
        right.append(edit_words(text, rng))
    rows = align_paragraphs(cmp(left), cmp(right))
    check_rows(rows, len(left), len(right))
    assert [(r.left, r.right) for r in rows if r.left and r.right] == truth


# --------------------------------------------------------------------------------------------
# Sentences and documents


def test_align_sentences_offsets_and_parent() -> None:
    left = cmp(["The sky is blue today.", "Rain is expected tomorrow, said the forecaster."])
    right = cmp(["The sky is blue today.", "Rain is expected tomorrow.", "Said the forecaster."])
    rows = align_sentences(left, right, parent=4, left_start=10, right_start=20)
    assert [(r.parent, r.left, r.right, r.kind.value) for r in rows] == [
        (4, (10,), (20,), "equal"),
        (4, (11,), (21, 22), "changed"),
    ]


def test_align_documents_nests_sentence_rows_in_paragraph_rows() -> None:
    left = document_from_text(
        "Alpha one two three four five six. Beta seven eight nine ten.\n\n"
        "Gamma paragraph that only the left side has, about rivers and lakes.\n\n"
        "Delta eleven twelve thirteen fourteen. Epsilon fifteen sixteen seventeen."
    )
    right = document_from_text(
        "Alpha one two three four five six. Beta seven eight nine ten!\n\n"
        "Delta eleven twelve thirteen fourteen. Epsilon fifteen sixteen seventeen.\n\n"
        "Zeta paragraph that only the right side has, about mountains."
    )
    alignment = align_documents(left, right)
    assert shape(list(alignment.rows)) == [
        ((0,), (0,), "changed"),
        ((1,), (), "left_only"),
        ((2,), (1,), "equal"),
        ((), (2,), "right_only"),
    ]
    got = [(s.parent, s.left, s.right, s.kind.value) for s in alignment.sentence_rows]
    assert got == [
        (0, (0,), (0,), "equal"),
        (0, (1,), (1,), "changed"),
        (1, (2,), (), "left_only"),
        (2, (3,), (2,), "equal"),
        (2, (4,), (3,), "equal"),
        (3, (), (4,), "right_only"),
    ]
    check_rows(list(alignment.sentence_rows), len(left.sentences), len(right.sentences))


@given(edited_pair())
@settings(max_examples=40, deadline=None)
def test_document_sentence_rows_partition_sentences(
    pair: tuple[list[str], list[str], list[tuple[int, int]]],
) -> None:
    left = document_from_text("\n\n".join(pair[0]))
    right = document_from_text("\n\n".join(pair[1]))
    alignment = align_documents(left, right)
    check_rows(list(alignment.rows), len(left.paragraphs), len(right.paragraphs))
    check_rows(list(alignment.sentence_rows), len(left.sentences), len(right.sentences))
    for s in alignment.sentence_rows:
        row = alignment.rows[s.parent]
        for side, doc, paras in (("left", left, row.left), ("right", right, row.right)):
            ranges = [doc.paragraph_sentences[p] for p in paras]
            assert all(any(a <= k < b for a, b in ranges) for k in getattr(s, side))


# --------------------------------------------------------------------------------------------
# The sample pair: what a careful reader pairs


def test_sample_pair_alignment() -> None:
    """KUNA (left) against Xinhua (right), row by row.

    Xinhua opens with a source line KUNA does not have, and adds the greetings, the
    diplomacy praise, Wang conveying Xi's greetings, and the whole Ukraine / closing part.
    KUNA splits Xinhua's "The two sides have strengthened ... adding that China is willing"
    paragraph into two.
    """
    left = document_from_text((SAMPLE / "kuna-2024-09-13.txt").read_text(encoding="utf-8"))
    right = document_from_text((SAMPLE / "xinhua-2024-09-12.txt").read_text(encoding="utf-8"))
    alignment = align_documents(left, right)
    assert [(row.left, row.right) for row in alignment.rows] == [
        ((), (0,)),  # "From Xinhua News Agency ... Complete text:"
        ((0,), (1,)),  # Putin voiced willingness to work together with China
        ((1,), (2,)),  # Putin made the remarks while meeting with Wang Yi
        ((), (3,)),  # Putin asked Wang to convey his sincere greetings
        ((2,), (4,)),  # Russia and China, acting on the principles of equality
        ((3,), (5,)),  # the 75th anniversary of diplomatic relations
        ((4,), (6,)),  # thanks for support as the rotating chair of BRICS
        ((), (7,)),  # the Russian president applauded China's diplomacy
        ((), (8,)),  # For his part, Wang conveyed Xi's warm greetings
        ((5,), (9,)),  # solid mutual trust and a profound friendship
        ((6, 7), (10,)),  # strengthened strategic cooperation + China is willing
        ((8,), (11,)),  # BRICS Plus cooperation has got off to a good start
        ((9,), (12,)),  # the upcoming Kazan Summit
        ((), (13,)),  # China is ready to work with BRICS partners
        ((), (14,)),  # views on the Ukraine issue
        ((), (15,)),  # the "six-point consensus"
        ((), (16,)),  # a political solution to the crisis
        ((), (17,)),  # Putin met with the heads of delegations
    ]
    assert all(row.kind is RowKind.CHANGED for row in alignment.rows if row.left and row.right)
    check_rows(list(alignment.sentence_rows), len(left.sentences), len(right.sentences))


# --------------------------------------------------------------------------------------------
# Fast paths give what the general path gives


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_words_of_ascii_text_equal_the_general_pattern(text: str) -> None:
    assert _words(text) == (_word_pattern().findall(text) or _SYMBOL.findall(text))


ids = st.one_of(st.integers(0, 300), st.integers(0xD7F0, 0xE010), st.integers(0, 0x10FFFF))


@given(st.lists(ids, max_size=60).map(sorted), st.lists(ids, max_size=60).map(sorted))
def test_string_bags_score_like_tuple_bags(a: list[int], b: list[int]) -> None:
    as_text = "".join(map(chr, a)), "".join(map(chr, b))
    expected = _dice(tuple(a), tuple(b))
    assert _dice(*as_text) == expected
    assert _dice(as_text[0], tuple(b)) == expected  # a vocabulary that outgrew characters


def split_and_merge(texts: list[str], rng: random.Random) -> list[str]:
    """A revision with edits, drops, inserts, splits and merges, so merges are in play."""
    out: list[str] = []
    k = 0
    while k < len(texts):
        roll = rng.random()
        if roll < 0.15:  # split in two
            words = texts[k].split()
            cut = rng.randrange(1, len(words))
            out += [" ".join(words[:cut]), " ".join(words[cut:])]
        elif roll < 0.3 and k + 1 < len(texts):  # merge with the next one
            out.append(texts[k] + " " + texts[k + 1])
            k += 1
        elif roll < 0.4:
            out.append(paragraph(rng, 12))
        elif roll < 0.5:
            pass  # dropped
        else:
            out.append(edit_words(texts[k], rng, rng.choice((0.1, 0.4, 0.7))))
        k += 1
    return out


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 14))
def test_skipping_hopeless_merges_changes_no_path(seed: int, count: int) -> None:
    rng = random.Random(seed)
    left = cmp(paragraphs(seed, count, words=rng.choice((4, 12, 30))))
    right = cmp(split_and_merge(left, rng))
    if not right:
        return
    aligner = _Aligner(left, right, min_score=0.3, options=AlignOptions())
    aligner.fit([(0, len(left), 0, len(right))])
    lo, hi = [0] * (len(left) + 1), [len(right)] * (len(left) + 1)
    pruned = _GapDP(aligner, 0, 0, lo, hi, prune=True).best_path()
    assert pruned == _GapDP(aligner, 0, 0, lo, hi, prune=False).best_path()


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from((0.0, 0.2, 0.5, 0.9, 1.0)))
def test_one_sentence_rows_are_decided_like_the_aligner(seed: int, share: float) -> None:
    rng = random.Random(seed)
    left = paragraph(rng, rng.choice((3, 10, 25)))
    right = edit_words(left, rng, share) if share else left
    options = AlignOptions()
    vocabulary = _Vocabulary(options.max_word_weight)
    vocabulary.fit([], [])
    expected = _Aligner(
        cmp([left]), cmp([right]), min_score=0.3, options=options, vocabulary=vocabulary
    ).groups()
    assert _sentence_groups(cmp([left]), cmp([right]), options, vocabulary) == expected


def test_align_in_stages_gives_the_paragraph_rows_before_the_sentences() -> None:
    rng = random.Random(11)
    left_text = "\n\n".join(paragraphs(3, 30, words=20))
    right_text = "\n\n".join(split_and_merge(left_text.split("\n\n"), rng))
    left, right = document_from_text(left_text), document_from_text(right_text)
    reported: list[float] = []
    stages = align_in_stages(left, right, progress=reported.append)
    first = next(stages)
    assert first.sentence_rows == () and first.rows
    assert max(reported) <= PARAGRAPH_SHARE  # no sentence was aligned yet
    # nor even found: that is most of segmenting, and the paragraph rows do not need it
    assert "_sentence_index" not in vars(left) and "_sentence_index" not in vars(right)
    second = next(stages)
    assert next(stages, None) is None
    assert second.rows is first.rows  # the same rows object: a layout of them stays valid
    assert second == align_documents(left, right)
    assert reported == sorted(reported) and reported[-1] == 1.0


def test_tuple_bags_once_words_outnumber_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    left_text = "\n\n".join(paragraphs(5, 40, words=15))
    right_text = "\n\n".join(split_and_merge(left_text.split("\n\n"), rng))
    left, right = document_from_text(left_text), document_from_text(right_text)
    expected = align_documents(left, right)
    monkeypatch.setattr(align_module, "_MAX_CHAR_WORDS", 50)
    assert align_documents(left, right) == expected


def test_merged_and_repeated_texts_are_scored_once() -> None:
    texts = cmp(paragraphs(8, 3, words=10))
    vocabulary = _Vocabulary(8)
    aligner = _Aligner(
        texts, texts[::-1], min_score=0.3, options=AlignOptions(), vocabulary=vocabulary
    )
    aligner.fit([(0, 3, 0, 3)])
    first = aligner.score(0, 2, 2, 1)
    assert vocabulary.scores[(texts[0], texts[1]), texts[0]] == first
    assert aligner.score(2, 1, 0, 1) == vocabulary.score(texts[2], texts[2]) == 1.0
