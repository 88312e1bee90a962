"""The overview bar: the whole pair in miniature beside the panes, like a diff tool's map.

Each cell row stands for a slice of the document's screen lines and is coloured by the
most important kind of row in that slice (conflict, then one-sided or moved, then
changed). The slice on screen is marked, and clicking the bar jumps there.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.layout import PairLayout
from tui.ui.widgets.component_styles import ComponentStyles

# Block categories, least to most important; the bar shows the most important in a slice.
CATEGORIES = ("equal", "changed", "one-sided", "moved", "conflict")


class OverviewBar(ComponentStyles, Widget):
    """A one-column map of all rows, with the visible region marked."""

    COMPONENT_CLASSES = {*(f"overview--{name}" for name in CATEGORIES), "overview--viewport"}

    viewport: reactive[tuple[int, int]] = reactive((0, 0))
    """First and last-plus-one document line on screen."""

    class Jump(Message):
        """The user clicked the bar: show document line ``y``."""

        def __init__(self, y: int) -> None:
            super().__init__()
            self.y = y

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.layout_map: PairLayout | None = None
        self.categories: Sequence[int] = ()
        self._cell_categories: list[int] | None = None
        self._strips: dict[tuple[int, int, bool], Strip] = {}

    def set_rows(self, layout: PairLayout | None, categories: Sequence[int]) -> None:
        """Show ``layout``; ``categories[b]`` indexes CATEGORIES for block ``b``."""
        self.layout_map = layout
        self.categories = categories
        self._cell_categories = None
        self.refresh()

    def _slice(self, y: int) -> tuple[int, int]:
        layout = self.layout_map
        total = layout.total_lines if layout else 0
        height = max(1, self.size.height)
        return y * total // height, max(y * total // height + 1, (y + 1) * total // height)

    def _categories_by_cell(self) -> list[int]:
        """The category each cell row shows, worked out once per layout and height.

        A cell of a book-length pair stands for a thousand rows; recomputing them for
        every frame would cost milliseconds per page-down.
        """
        height = self.size.height
        cached = self._cell_categories
        if cached is not None and len(cached) == height:
            return cached
        layout = self.layout_map
        cells = []
        for y in range(height):
            start, end = self._slice(y)
            first = layout.block_at(start) if layout else 0
            last = layout.block_at(max(start, end - 1)) if layout else -1
            cells.append(max((self.categories[b] for b in range(first, last + 1)), default=0))
        self._cell_categories = cells
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = self.layout_map
        if layout is None or not layout.blocks or y >= self.size.height:
            return Strip.blank(width, self._style("base"))
        start, end = self._slice(y)
        top, bottom = self.viewport
        return self._strip(width, self._categories_by_cell()[y], start < bottom and end > top)

    def _strip(self, width: int, category: int, visible: bool) -> Strip:
        key = (width, category, visible)
        strip = self._strips.get(key)
        if strip is None:
            style = self._style(f"overview--{CATEGORIES[category]}")
            if visible:
                style = style + Style(color=self._style("overview--viewport").color)
            strip = Strip([Segment(("▌" if visible else " ") * width, style)], width)
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def watch_viewport(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        start, end = self._slice(event.y)
        self.post_message(self.Jump((start + end) // 2))
