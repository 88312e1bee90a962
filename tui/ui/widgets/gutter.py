"""The narrow column between the panes that marks each row's kind.

It follows the scroll offset of the pane being read (both, when sync is locked) and
marks the first line of each block: ``~`` changed, ``-`` left only, ``+`` right only.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.layout import LineKind, PairLayout
from tui.core.model import RowKind

MARKERS: dict[RowKind, str] = {
    RowKind.EQUAL: " ",
    RowKind.CHANGED: "~",
    RowKind.LEFT_ONLY: "-",
    RowKind.RIGHT_ONLY: "+",
}
COMPONENTS: dict[RowKind, str] = {
    RowKind.EQUAL: "gutter--equal",
    RowKind.CHANGED: "gutter--changed",
    RowKind.LEFT_ONLY: "gutter--left-only",
    RowKind.RIGHT_ONLY: "gutter--right-only",
}


class Gutter(Widget):
    """Row-kind markers for the visible lines, drawn with the Line API."""

    COMPONENT_CLASSES = {*COMPONENTS.values(), "gutter--current"}

    offset_y: reactive[int] = reactive(0)
    """The first document line shown (the scroll offset of the pane being read)."""
    current_block: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.layout_map: PairLayout | None = None
        self._styles: dict[str, Style] = {}

    def set_layout(self, layout: PairLayout | None) -> None:
        self.layout_map = layout
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style + self.get_component_rich_style(name, partial=True)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = self.layout_map
        line_y = y + self.offset_y
        line = layout.line("left", line_y) if layout else None
        if layout is None or line is None or line.kind is LineKind.GAP:
            return Strip.blank(width, self.rich_style)
        block = layout.blocks[line.block]
        first = layout.tops[line.block] == line_y
        marker = MARKERS[block.kind] if first else " "
        segments = [Segment(marker.center(max(1, width - 1)), self._style(COMPONENTS[block.kind]))]
        if line.block == self.current_block:
            segments.insert(0, Segment("┃", self._style("gutter--current")))
        else:
            segments.insert(0, Segment(" ", self.rich_style))
        return Strip(segments).adjust_cell_length(width, self.rich_style)
