"""Row categories and jumps: which block is a difference, where each conflict lives.

Pure functions over the analysis and the displayed blocks, so the reader's ``n``/``N`` and
``c``/``C`` keys, the gutter symbols and the overview colours are unit-testable.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.core.layout import Block
from tui.core.model import RowKind

if TYPE_CHECKING:  # types only: the reader imports this before the analysis is loaded
    from tui.core.analysis import Analysis
    from tui.core.conflicts import Conflict

GUTTER_SYMBOLS = {
    "equal": " ",
    "changed": "~",
    "left-only": "-",
    "right-only": "+",
    "moved": "⇄",
    "conflict": "!",
}


def block_category(analysis: Analysis, block: Block, conflict_rows: frozenset[int]) -> str:
    """What a block is, most important first: conflict, moved, one-sided, changed, equal."""
    if block.row in conflict_rows and _block_has_conflict(analysis, block):
        return "conflict"
    if analysis.partners[block.row] is not None:
        return "moved"
    if block.kind is RowKind.LEFT_ONLY:
        return "left-only"
    if block.kind is RowKind.RIGHT_ONLY:
        return "right-only"
    return "changed" if block.kind is RowKind.CHANGED else "equal"


def _block_has_conflict(analysis: Analysis, block: Block) -> bool:
    """In sentence mode only the blocks that hold a conflict's text count."""
    if block.sentence_row is None:
        return True
    return any(
        _conflict_in_block(conflict, block) for conflict in analysis.conflicts_in_row(block.row)
    )


def _conflict_in_block(conflict: Conflict, block: Block) -> bool:
    start = conflict.left_span[0]
    return any(a <= start < b or start == b == a for a, b in block.left) or any(
        a <= conflict.right_span[0] < b for a, b in block.right
    )


def block_categories(analysis: Analysis, blocks: Sequence[Block]) -> list[str]:
    conflict_rows = frozenset(conflict.row for conflict in analysis.conflicts)
    return [block_category(analysis, block, conflict_rows) for block in blocks]


def next_difference(categories: Sequence[str], current: int, step: int) -> int | None:
    """The next (``step`` 1) or previous (-1) block that is not equal, if any."""
    index = current + step
    while 0 <= index < len(categories):
        if categories[index] != "equal":
            return index
        index += step
    return None


def conflict_block(conflict: Conflict, blocks: Sequence[Block]) -> int:
    """The block that shows a conflict (the first block of its row if none holds it)."""
    candidates = [index for index, block in enumerate(blocks) if block.row == conflict.row]
    for index in candidates:
        if _conflict_in_block(conflict, blocks[index]):
            return index
    return candidates[0] if candidates else 0


def next_conflict(conflicts: Sequence[Conflict], current: int | None, step: int) -> int | None:
    """Index of the next/previous conflict from ``current`` (None: from the start/end)."""
    if not conflicts:
        return None
    if current is None:
        return 0 if step > 0 else len(conflicts) - 1
    index = current + step
    return index if 0 <= index < len(conflicts) else None


def first_conflict_after(conflicts: Sequence[Conflict], row: int) -> int | None:
    """The first conflict in ``row`` or later, for jumping from where the reader is."""
    rows = [conflict.row for conflict in conflicts]
    index = bisect_right(rows, row - 1)
    return index if index < len(conflicts) else None
