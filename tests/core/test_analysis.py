"""The analysis pipeline: rows, moved pairs, shared diffs, similarity, and the export."""

from __future__ import annotations

import itertools
import json

from tests.conftest import SAMPLE_LEFT, SAMPLE_RIGHT
from tui.core.analysis import (
    STAGE_DIFF,
    STAGE_ENTITIES,
    STAGE_SENTENCES,
    analyze,
    analyze_in_stages,
    diff_alignment,
)
from tui.core.document import document_from_text, load_document
from tui.core.export import export_analysis
from tui.core.layout import RowMode, build_blocks
from tui.core.navigation import block_categories, next_difference
from tui.core.tokens import DiffOptions

MOVED = "The central bank kept its main interest rate unchanged at four percent on Thursday."


def _pair():
    left = document_from_text(
        "Opening paragraph about the summit in Geneva.\n\n"
        f"{MOVED}\n\n"
        "Delegates from forty countries attended the closing session.\n\n"
        "Ministers will meet again in the spring."
    )
    right = document_from_text(
        "Opening paragraph about the summit in Geneva.\n\n"
        "Delegates from forty countries attended the closing session.\n\n"
        "Ministers will meet again in the spring.\n\n"
        f"{MOVED.replace('Thursday', 'Wednesday')}"
    )
    return left, right


def test_a_paragraph_that_moved_is_paired_with_its_partner_and_diffed_against_it() -> None:
    left, right = _pair()
    analysis = analyze(left, right)
    kinds = [analysis.row_kind(i) for i in range(len(analysis.rows))]
    assert kinds.count("moved") == 2
    first, second = (i for i, kind in enumerate(kinds) if kind == "moved")
    assert analysis.partners[first] == second and analysis.partners[second] == first
    ops = analysis.ops[first]
    assert analysis.ops[second] is ops
    changed = [
        (left.text[slice(*op.left)], right.text[slice(*op.right)])
        for op in ops
        if op.op == "replace"
    ]
    assert changed == [("Thursday", "Wednesday")]


def test_identical_texts_are_all_equal_with_full_similarity() -> None:
    text = "One paragraph.\n\nAnother paragraph, quite different."
    analysis = analyze(document_from_text(text), document_from_text(text))
    assert {analysis.row_kind(i) for i in range(len(analysis.rows))} == {"equal"}
    assert analysis.similarity == 1.0
    assert analysis.conflicts == ()


def test_rediffing_keeps_the_alignment_and_applies_new_options() -> None:
    left = document_from_text("The Minister spoke.")
    right = document_from_text("The minister spoke.")
    analysis = analyze(left, right)
    assert [op.op for op in analysis.ops[0]] == ["equal"]
    strict = diff_alignment(
        left, right, analysis.alignment, diff_options=DiffOptions(ignore_case=False)
    )
    assert strict.alignment is analysis.alignment
    assert "replace" in [op.op for op in strict.ops[0]]


def test_navigation_steps_over_equal_rows() -> None:
    left, right = _pair()
    analysis = analyze(left, right)
    blocks = build_blocks(analysis.alignment, left, right, RowMode.PARAGRAPH)
    categories = block_categories(analysis, blocks)
    assert categories[0] == "equal"
    first = next_difference(categories, 0, 1)
    assert first is not None and categories[first] != "equal"
    assert next_difference(categories, first, -1) is None


def test_export_of_the_sample_lists_ops_that_tile_each_row_and_the_conflicts() -> None:
    left = load_document(str(SAMPLE_LEFT), max_bytes=10**7)
    right = load_document(str(SAMPLE_RIGHT), max_bytes=10**7)
    data = json.loads(json.dumps(export_analysis(analyze(left, right))))
    paragraphs = {side: data["documents"][side]["paragraphs"] for side in ("left", "right")}
    for row in data["rows"]:
        for side in ("left", "right"):
            if not row[side] or row["kind"] == "moved":
                continue
            spans = [op[side] for op in row["ops"] if op[side] is not None]
            start = paragraphs[side][row[side][0]][0]
            end = paragraphs[side][row[side][-1]][1]
            assert spans[0][0] == start and spans[-1][1] == end
            assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    found = {(c["kind"], c["left"]["text"], c["right"]["text"]) for c in data["conflicts"]}
    assert ("weekday", "Friday", "Thursday") in found
    assert ("name", "Vladimir", "Vladimir Putin") in found
    for conflict in data["conflicts"]:
        text = left.text[conflict["left"]["start"] : conflict["left"]["end"]]
        assert text == conflict["left"]["text"]
    assert 0.5 < data["similarity"] < 0.9


def test_export_lists_entities_with_mentions_and_presence() -> None:
    left = load_document(str(SAMPLE_LEFT), max_bytes=10**7)
    right = load_document(str(SAMPLE_RIGHT), max_bytes=10**7)
    data = json.loads(json.dumps(export_analysis(analyze(left, right))))
    entities = {entity["name"]: entity for entity in data["entities"]}
    xi = entities["Xi Jinping"]
    assert xi["type"] == "PERSON" and xi["presence"] == "right"
    assert xi["mentions"]["left"] == []
    for start, end in xi["mentions"]["right"]:
        assert right.text[start:end] in xi["aliases"]
    assert entities["Vladimir Putin"]["presence"] == "both"


def test_stages_hand_out_the_rows_first_then_sentences_diffs_and_entities() -> None:
    left, right = _pair()
    paragraphs, aligned, diffed, complete = analyze_in_stages(left, right)
    assert paragraphs.pending == (STAGE_SENTENCES, STAGE_DIFF, STAGE_ENTITIES)
    assert aligned.pending == (STAGE_DIFF, STAGE_ENTITIES)
    assert diffed.pending == (STAGE_ENTITIES,)
    assert complete.pending == ()
    full = analyze(left, right)
    # Each stage already has the final rows; later stages only fill in what was pending.
    assert paragraphs.rows == aligned.rows == diffed.rows == complete.rows == full.rows
    assert paragraphs.alignment.rows is aligned.alignment.rows  # a reader keeps its layout
    assert not paragraphs.alignment.sentence_rows
    assert aligned.alignment == full.alignment
    assert aligned.ops == ((),) * len(full.rows) and not aligned.conflicts
    assert diffed.ops == full.ops and diffed.partners == full.partners and not diffed.entities
    assert export_analysis(complete) == export_analysis(full)


def test_a_diff_pass_leaves_no_name_index_behind_and_a_second_pass_agrees() -> None:
    from tui.core.names import name_index

    left = load_document(str(SAMPLE_LEFT), max_bytes=10**7)
    right = load_document(str(SAMPLE_RIGHT), max_bytes=10**7)
    first = analyze(left, right)
    assert "name" in {conflict.kind for conflict in first.conflicts}  # names were indexed
    assert name_index.cache_info().currsize == 0  # ... and the indexes freed after
    again = diff_alignment(left, right, first.alignment, entities=first.entities)
    assert again.conflicts == first.conflicts and again.ops == first.ops
