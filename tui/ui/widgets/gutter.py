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
        self._strips: dict[tuple[int, bool, str, str], Strip] = {}

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
            return Strip.blank(width, self._style("base"))
        symbol, category = self.markers[line.block] if self.markers else (" ", "equal")
        first = layout.tops[line.block] == line_y
        return self._strip(
            width, line.block == self.current_block, symbol if first else " ", category
        )

    def _strip(self, width: int, current: bool, symbol: str, category: str) -> Strip:
        """One line of the gutter; there are only a few distinct ones, so they are kept."""
        key = (width, current, symbol, category)
        strip = self._strips.get(key)
        if strip is None:
            base = self._style("base")
            segments = [
                Segment(
                    "┃" if current else " ", self._style("gutter--current") if current else base
                ),
                Segment(symbol, self._style(f"gutter--{category}")),
            ]
            strip = Strip(segments).adjust_cell_length(width, base)
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
