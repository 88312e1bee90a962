"""The narrow column between the panes that marks each row.

It follows the scroll offset of the pane being read (both, when sync is locked) and marks
the first line of each block with a symbol the screen chooses: ``~`` changed, ``-`` left
only, ``+`` right only, ``⇄`` moved, ``!`` a factual conflict. A bar marks the current row.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.layout import LineKind, PairLayout
from tui.ui.widgets.component_styles import ComponentStyles

GUTTER_CATEGORIES = ("equal", "changed", "left-only", "right-only", "moved", "conflict")


class Gutter(ComponentStyles, Widget):
    """Row markers for the visible lines, drawn with the Line API."""

    COMPONENT_CLASSES = {*(f"gutter--{name}" for name in GUTTER_CATEGORIES), "gutter--current"}

    offset_y: reactive[int] = reactive(0)
    """The first document line shown (the scroll offset of the pane being read)."""
    current_block: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.layout_map: PairLayout | None = None
        self.markers: Sequence[tuple[str, str]] = ()

    def set_rows(self, layout: PairLayout | None, markers: Sequence[tuple[str, str]]) -> None:
        """Show ``layout``; ``markers[b]`` is (symbol, category) for block ``b``."""
        self.layout_map = layout
        self.markers = markers
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = self.layout_map
        line_y = y + self.offset_y
        line = layout.line("left", line_y) if layout else None
        if layout is None or line is None or line.kind is LineKind.GAP:
            return Strip.blank(width, self.rich_style)
        symbol, category = self.markers[line.block] if self.markers else (" ", "equal")
        first = layout.tops[line.block] == line_y
        current = line.block == self.current_block
        segments = [
            Segment(
                "┃" if current else " ",
                self._style("gutter--current") if current else self.rich_style,
            ),
            Segment(symbol if first else " ", self._style(f"gutter--{category}")),
        ]
        return Strip(segments).adjust_cell_length(width, self.rich_style)
