"""One document pane, drawn with the Line API from the shared :class:`PairLayout`.

The pane never owns text layout: the reader screen computes one ``PairLayout`` for both
panes and hands it down, so the two panes always have the same number of lines and every
aligned block starts on the same line in both.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.cells import display_line
from tui.core.highlights import Mark, MarkIndex, MarkKind, flatten
from tui.core.layout import LineKind, PairLayout
from tui.core.model import RowKind
from tui.ui.widgets.component_styles import ComponentStyles

FILLER_CHAR = "╱"


class TextPane(ComponentStyles, ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable view of one side of the pair.

    It has no keys of its own (``inherit_bindings=False`` drops ScrollView's arrows and
    page keys): the screen's actions scroll both panes in the same frame and follow the
    user's ``[keys]`` remapping, where the pane's own would scroll it alone first.
    """

    COMPONENT_CLASSES = {
        "text-pane--filler",
        "text-pane--current",
        "text-pane--one-sided",
        "text-pane--moved",
        *(f"text-pane--{kind.value}" for kind in MarkKind),
    }

    current_block: reactive[int] = reactive(0)

    class Scrolled(Message):
        """The pane's vertical scroll offset changed (by keys, wheel or scrollbar)."""

        def __init__(self, pane: TextPane, y: int) -> None:
            super().__init__()
            self.pane = pane
            self.y = y

    class Clicked(Message):
        """A screen line of the pane was clicked."""

        def __init__(self, pane: TextPane, y: int) -> None:
            super().__init__()
            self.pane = pane
            self.y = y

    class Resized(Message):
        """The pane's size changed: the screen re-wraps both panes at the new widths."""

    def __init__(self, side: str, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side = side
        self.text = text
        self.layout_map: PairLayout | None = None
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._layers: dict[str, MarkIndex] = {}
        self.filler_labels: dict[int, str] = {}
        """Text shown on the first filler line of a block (e.g. where a moved row went)."""

    def set_marks(self, layer: str, marks: MarkIndex | None) -> None:
        """Replace one layer of marks (diff, entity, search); layers overlay by priority."""
        if marks is None or not len(marks):
            self._layers.pop(layer, None)
        else:
            self._layers[layer] = marks
        self._strips.clear()
        self.refresh()

    def _marks_for(self, span: tuple[int, int]) -> list[Mark]:
        layers = [layer.overlapping(span) for layer in self._layers.values()]
        found = [mark for layer in layers for mark in layer]
        return found if len(layers) < 2 else flatten(found)

    def set_layout(self, layout: PairLayout | None) -> None:
        """Show ``layout`` (computed by the screen for this pane's width)."""
        self.layout_map = layout
        self._strips.clear()
        width = self.scrollable_content_region.width
        height = layout.total_lines if layout else 0
        self.virtual_size = Size(width, height)
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: styles and every cached line must be rebuilt."""
        super().notify_style_update()
        self._strips.clear()

    def watch_current_block(self, old: int, new: int) -> None:
        self._strips.clear()
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self, round(new_value)))

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def on_click(self, event) -> None:  # type: ignore[no-untyped-def]
        """Clicking a line makes its block the current row."""
        self.post_message(self.Clicked(self, event.y + round(self.scroll_y)))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_y = y + round(self.scroll_y)
        key = (line_y, width)
        strip = self._strips.get(key)
        if strip is None:
            # Kept with its offsets (for clicks) applied: that makes a new strip too.
            strip = self._build_strip(line_y, width).apply_offsets(0, line_y)
            self._strips[key] = strip
        return strip

    def _build_strip(self, line_y: int, width: int) -> Strip:
        base = self._style("base")
        layout = self.layout_map
        line = layout.line(self.side, line_y) if layout else None
        if line is None or line.kind is LineKind.GAP:
            return Strip.blank(width, base)
        block = layout.blocks[line.block] if layout else None
        style = base
        one_sided = block is not None and block.kind in (RowKind.LEFT_ONLY, RowKind.RIGHT_ONLY)
        if one_sided and line.kind is not LineKind.FILLER:
            style = self._style("text-pane--one-sided")
        if line.block == self.current_block:
            style = self._style("text-pane--current")
        if line.kind is LineKind.FILLER:
            return self._filler_strip(line_y, line.block, style, width)
        if line.kind is LineKind.BLANK or line.span is None:
            return Strip.blank(width, style)
        segments = self._text_segments(line.span, style)
        return Strip(segments).adjust_cell_length(width, style)

    def _filler_strip(self, line_y: int, block: int, style: Style, width: int) -> Strip:
        """Hatching opposite text the other side has, with an optional label on top."""
        filler = style + Style(color=self._style("text-pane--filler").color)
        label = self.filler_labels.get(block)
        layout = self.layout_map
        if label and layout is not None and layout.tops[block] == line_y and width > 8:
            text = f" {label} "[: width - 4]
            segments = [
                Segment(FILLER_CHAR * 2, filler),
                Segment(text, self._style("text-pane--moved")),
                Segment(FILLER_CHAR * (width - 2 - len(text)), filler),
            ]
            return Strip(segments).adjust_cell_length(width, filler)
        return Strip([Segment(FILLER_CHAR * width, filler)], width)

    def _text_segments(self, span: tuple[int, int], style: Style) -> list[Segment]:
        """The safe display text of ``span``, split where marks start and end."""
        shown, positions = display_line(self.text, *span)
        marks = self._marks_for(span) if self._layers else []
        if not marks:
            return [Segment(shown, style)]
        start = span[0]

        def column(offset: int) -> int:
            return offset - start if positions is None else positions[offset - start]

        segments: list[Segment] = []
        cursor = 0
        for mark in marks:
            a, b = column(mark.start), column(mark.end)
            if a > cursor:
                segments.append(Segment(shown[cursor:a], style))
            segments.append(
                Segment(shown[a:b], style + self._style(f"text-pane--{mark.kind.value}"))
            )
            cursor = b
        if cursor < len(shown):
            segments.append(Segment(shown[cursor:], style))
        return segments
