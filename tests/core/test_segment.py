"""Paragraph and sentence splitting: real-style cases and coverage properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.segment import segment, split_paragraphs, split_sentences


def paragraphs(text: str) -> list[str]:
    return [text[a:b] for a, b in split_paragraphs(text)]


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, (0, len(text)))]


# --- paragraphs --------------------------------------------------------------------------


def test_blank_lines_separate_and_wrapped_lines_stay_together() -> None:
    text = "  First line\nwrapped here.  \n\n \t \nSecond one.\n\n\n"
    assert paragraphs(text) == ["First line\nwrapped here.", "Second one."]


def test_no_blank_line_means_one_paragraph_per_line() -> None:
    assert paragraphs("One.\nTwo.\n  Three.\n") == ["One.", "Two.", "Three."]


def test_blank_lines_only_at_the_edges_still_mean_one_per_line() -> None:
    assert paragraphs("\n\nOne.\nTwo.\n\n") == ["One.", "Two."]


def test_whitespace_only_text_has_no_paragraphs() -> None:
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\t\n\u3000") == []


def test_markdown_heading_is_its_own_paragraph() -> None:
    text = "# Title\nBody text\ngoes on.\n\n## Part two\nMore."
    assert paragraphs(text) == ["# Title", "Body text\ngoes on.", "## Part two", "More."]


def test_hash_without_space_is_not_a_heading() -> None:
    text = "We rank\n#1 in sales.\n\nNext."
    assert paragraphs(text) == ["We rank\n#1 in sales.", "Next."]


def test_list_after_text_starts_a_paragraph() -> None:
    text = "Items:\n- apples\n- pears\n  still pears\n1. one\n\nEnd."
    assert paragraphs(text) == ["Items:", "- apples\n- pears\n  still pears\n1. one", "End."]


def test_single_dash_line_in_wrapped_prose_is_not_a_list() -> None:
    text = "He paused for a while\n- and then he spoke.\n\nNext."
    assert paragraphs(text) == ["He paused for a while\n- and then he spoke.", "Next."]


def test_fenced_code_block_is_one_paragraph_even_across_blank_lines() -> None:
    text = "Intro:\n```python\nx = 1\n\ny = 2\n```\nAfter.\n\nEnd."
    assert paragraphs(text) == ["Intro:", "```python\nx = 1\n\ny = 2\n```", "After.", "End."]


def test_unclosed_fence_is_ordinary_text() -> None:
    text = "Use ``` marks.\n```\nno close\n\nEnd."
    assert paragraphs(text) == ["Use ``` marks.\n```\nno close", "End."]


# --- sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Mrs. Jones and Dr. Who. Prof. Lee came too.",
            ["Mr. Smith met Mrs. Jones and Dr. Who.", "Prof. Lee came too."],
        ),
        (
            "Putin met Wang Yi in St. Petersburg. They talked.",
            ["Putin met Wang Yi in St. Petersburg.", "They talked."],
        ),
        (
            "From the agency, Sept. 12, 2024. Complete text:",
            ["From the agency, Sept. 12, 2024.", "Complete text:"],
        ),
        (
            "Putin on Thursday [Sept. 12] voiced willingness. Wang agreed.",
            ["Putin on Thursday [Sept. 12] voiced willingness.", "Wang agreed."],
        ),
        (
            "Gen. Smith and Sen. Brown spoke on Jan. 5 and Oct. 9. Lt. Col. Day left.",
            ["Gen. Smith and Sen. Brown spoke on Jan. 5 and Oct. 9.", "Lt. Col. Day left."],
        ),
        (
            "J. R. R. Tolkien wrote it. George W. Bush read it.",
            ["J. R. R. Tolkien wrote it.", "George W. Bush read it."],
        ),
        (
            "It rose 3.5 percent to 1.000.000 units. Then fell.",
            ["It rose 3.5 percent to 1.000.000 units.", "Then fell."],
        ),
        (
            "Wait... what? Yes… It ended!! Really?! OK.",
            ["Wait... what?", "Yes…", "It ended!!", "Really?!", "OK."],
        ),
        ("The meeting... went on. She left.", ["The meeting... went on.", "She left."]),
        (
            '"We are done." He said it. Then "go!" she yelled.',
            ['"We are done."', "He said it.", 'Then "go!" she yelled.'],
        ),
        ("He said: “It is over.” Nobody agreed.", ["He said: “It is over.”", "Nobody agreed."]),
        ("(He left. She stayed.) They met.", ["(He left. She stayed.)", "They met."]),
        (
            "See e.g. Chapter 4 and i.e. Part 2. Done.",
            ["See e.g. Chapter 4 and i.e. Part 2.", "Done."],
        ),
        ("Ask for No. 5 now. No. It is late.", ["Ask for No. 5 now.", "No.", "It is late."]),
        ("See p. 12 and Fig. 3. Done.", ["See p. 12 and Fig. 3.", "Done."]),
        (
            "She moved to the U.S. The move was hard.",
            ["She moved to the U.S.", "The move was hard."],
        ),
        (
            "The U.S. President spoke at 9 a.m. Monday.",
            ["The U.S. President spoke at 9 a.m. Monday."],
        ),
        ("Apples, pears, etc. The end.", ["Apples, pears, etc.", "The end."]),
        ("Apples, pears, etc. are fruit.", ["Apples, pears, etc. are fruit."]),
        (
            "Apple Inc. Chief Tim Cook spoke. He works at Apple Inc. The firm grew.",
            ["Apple Inc. Chief Tim Cook spoke.", "He works at Apple Inc.", "The firm grew."],
        ),
        (
            "Smith et al. Found it. Smith et al. The team.",
            ["Smith et al. Found it.", "Smith et al.", "The team."],
        ),
        ("World War I. The end.", ["World War I.", "The end."]),
        (
            "1. First point is this. Second point.",
            ["1. First point is this.", "Second point."],
        ),
        ("It is 2024. The year ends.", ["It is 2024.", "The year ends."]),
        ("Profits fell. $5 million was lost.", ["Profits fell.", "$5 million was lost."]),
        ("It ended. (Or so we thought.)", ["It ended.", "(Or so we thought.)"]),
        (
            "Hard-wrapped line ends here.\nNext line starts a sentence.",
            ["Hard-wrapped line ends here.", "Next line starts a sentence."],
        ),
        ("no caps after. this stays one", ["no caps after. this stays one"]),
        ("End of text.", ["End of text."]),
        ("  \n ", []),
        ("", []),
    ],
)
def test_sentence_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_cjk_terminators_split_without_spaces() -> None:
    text = "你好。他说：“好的。”然后走了！对吗？"
    assert sentences(text) == ["你好。", "他说：“好的。”", "然后走了！", "对吗？"]


def test_other_scripts_without_case_split_after_spaces() -> None:
    text = "Это первое. Это второе? مرحبا. 你好. Ελληνικά. τέλος"
    assert sentences(text) == ["Это первое.", "Это второе?", "مرحبا.", "你好.", "Ελληνικά. τέλος"]


def test_sentences_stay_inside_the_given_span() -> None:
    text = "Before. Inside one. Inside two. After."
    start, end = text.index("Inside"), text.index(" After")
    assert split_sentences(text, (start, end)) == [(8, 19), (20, 31)]


def test_segment_matches_document_fields() -> None:
    text = "A one. A two.\n\nB one.\n\n  \n\nC one. C two. C three."
    paras, sents, ranges = segment(text)
    assert [text[a:b] for a, b in paras] == ["A one. A two.", "B one.", "C one. C two. C three."]
    assert ranges == ((0, 2), (2, 3), (3, 6))
    assert [text[a:b] for a, b in sents][3:] == ["C one.", "C two.", "C three."]


# --- properties --------------------------------------------------------------------------

PIECES = [*" \n\n\t.!?…。\"'“”()[]#-*`~1AaZz", "Mr.", "U.S.", "```", "- ", "\n# ", "\n1. "]
prose = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(exclude_categories=("Cs",))),
    max_size=60,
).map("".join)


def non_space_positions(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if not text[i].isspace()}


def assert_tiling(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    covered: set[int] = set()
    previous_end = start
    for a, b in spans:
        assert previous_end <= a < b <= end
        assert not text[a].isspace() and not text[b - 1].isspace()
        covered |= set(range(a, b))
        previous_end = b
    assert non_space_positions(text, start, end) <= covered


@settings(max_examples=300, deadline=None)
@given(prose)
def test_paragraphs_tile_the_text(text: str) -> None:
    spans = split_paragraphs(text)
    assert_tiling(text, spans, 0, len(text))
    for a, b in spans:
        body = text[a:b]
        if not body.lstrip(" \t").startswith(("```", "~~~")):
            assert all(line.strip() for line in body.split("\n"))


@settings(max_examples=300, deadline=None)
@given(prose, st.data())
def test_sentences_tile_any_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert_tiling(text, split_sentences(text, (start, end)), start, end)


@settings(max_examples=200, deadline=None)
@given(prose)
def test_segment_nests_sentences_in_paragraphs(text: str) -> None:
    paras, sents, ranges = segment(text)
    assert len(ranges) == len(paras)
    expected_first = 0
    for (a, b), (first, last) in zip(paras, ranges, strict=True):
        assert first == expected_first and first < last
        assert all(a <= s <= e <= b for s, e in sents[first:last])
        expected_first = last
    assert expected_first == len(sents)
