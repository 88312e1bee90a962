"""Name runs in a text and when two of them name the same person or place."""

from __future__ import annotations

import pytest

from tui.core.names import NameRun, compare_names, name_runs


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
