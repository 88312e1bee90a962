"""The export's JSON text: parses back to the same value, and is laid out for reading."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui.core.export import json_pieces

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=30,
)


def text_of(value: Any) -> str:
    return "".join(json_pieces(value))


@given(values)
def test_the_text_parses_back_to_the_value(value: Any) -> None:
    assert json.loads(text_of(value)) == value


def test_rows_are_one_per_line_and_spans_stay_on_one_line() -> None:
    value = {
        "version": 1,
        "documents": {"left": {"path": "a.txt", "paragraphs": [[0, 5], [7, 9]]}},
        "rows": [{"left": [0], "ops": [{"op": "equal"}]}, {"left": [1], "ops": []}],
        "conflicts": [],
    }
    lines = text_of(value).splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert '   "paragraphs": [[0, 5], [7, 9]]' in lines
    assert '  {"left": [0], "ops": [{"op": "equal"}]},' in lines
    assert '  {"left": [1], "ops": []}' in lines
    assert ' "conflicts": []' in lines


def test_text_is_written_as_is_not_escaped_to_ascii() -> None:
    assert text_of({"name": "Wang Yi 王毅"}) == '{\n "name": "Wang Yi 王毅"\n}'
