"""The main screen: two aligned panes, the gutter between them, and the status line.

The screen owns the reading state (layout, current row, sync lock, row mode) and hands it
down to the panes and the gutter as attributes; the panes report scrolling and clicks up as
messages. Alignment runs in a worker thread so a large pair shows progress instead of a
frozen terminal.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from tui.core.align import AlignOptions, align_documents
from tui.core.layout import Block, PairLayout, RowMode, build_blocks
from tui.core.model import Alignment, Document, RowKind
from tui.ui.bindings import READER_BINDINGS
from tui.ui.widgets.gutter import Gutter
from tui.ui.widgets.text_pane import TextPane


def pane_heading(document: Document) -> Content:
    """Two lines above a pane: the title, then outlet and date (plain text, never markup)."""
    info = document.info
    details = " · ".join(part for part in (info.outlet, info.date) if part)
    return Content.assemble((info.title, "bold"), "\n", (details or document.path, "dim"))


class ReaderScreen(Screen[None]):
    """Read two documents side by side, aligned and scrolling in step."""

    BINDINGS = READER_BINDINGS

    sync_locked: reactive[bool] = reactive(True)
    mode: reactive[RowMode] = reactive(RowMode.PARAGRAPH)
    current_block: reactive[int] = reactive(0)

    def __init__(
        self,
        left: Document,
        right: Document,
        *,
        align_options: AlignOptions | None = None,
        mode: RowMode = RowMode.PARAGRAPH,
    ) -> None:
        super().__init__()
        self.set_reactive(ReaderScreen.mode, mode)
        self.left_doc = left
        self.right_doc = right
        self.align_options = align_options or AlignOptions()
        self.alignment: Alignment | None = None
        self.layout_map: PairLayout | None = None
        self._blocks: list[Block] = []

    def compose(self) -> ComposeResult:
        yield Static(self._title_text(), id="titlebar", markup=False)
        with Horizontal(id="panes"):
            with Vertical(classes="column", id="left-column"):
                yield Static(pane_heading(self.left_doc), classes="pane-heading", markup=False)
                yield TextPane("left", self.left_doc.text, id="left")
            with Vertical(id="gutter-column"):
                yield Static("", classes="pane-heading")
                yield Gutter(id="gutter")
            with Vertical(classes="column", id="right-column"):
                yield Static(pane_heading(self.right_doc), classes="pane-heading", markup=False)
                yield TextPane("right", self.right_doc.text, id="right")
        with Vertical(id="progress"):
            yield Static("Aligning the two texts…", id="progress-label", markup=False)
            yield ProgressBar(total=100, show_eta=False, id="progress-bar")
        yield Static("", id="status", markup=False)
        yield Footer()

    def _title_text(self) -> str:
        def short(document: Document) -> str:
            info = document.info
            return " ".join(part for part in (info.outlet or info.title, info.date) if part)

        return f"Diptych  {short(self.left_doc)}  ⟷  {short(self.right_doc)}"

    @property
    def left_pane(self) -> TextPane:
        return self.query_one("#left", TextPane)

    @property
    def right_pane(self) -> TextPane:
        return self.query_one("#right", TextPane)

    @property
    def row_gutter(self) -> Gutter:
        return self.query_one("#gutter", Gutter)

    def on_mount(self) -> None:
        self.left_pane.focus()
        self._align()

    # -- alignment -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="align")
    def _align(self) -> None:
        worker = get_current_worker()
        last = [-1]

        def progress(fraction: float) -> None:
            percent = int(fraction * 100)
            if percent != last[0] and not worker.is_cancelled:
                last[0] = percent
                self.app.call_from_thread(self._show_progress, percent)

        alignment = align_documents(
            self.left_doc, self.right_doc, options=self.align_options, progress=progress
        )
        if not worker.is_cancelled:
            self.app.call_from_thread(self._alignment_ready, alignment)

    def _show_progress(self, percent: int) -> None:
        self.query_one("#progress-bar", ProgressBar).update(progress=percent)

    def _alignment_ready(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self.query_one("#progress").display = False
        self._rebuild_blocks()
        self._relayout()
        self._update_status()

    # -- layout ----------------------------------------------------------------------

    def _rebuild_blocks(self) -> None:
        if self.alignment is None:
            return
        self._blocks = build_blocks(self.alignment, self.left_doc, self.right_doc, self.mode)

    def _relayout(self, anchor: tuple[int, int] | None = None) -> None:
        """Wrap both sides at the panes' widths, keeping the reading position.

        ``anchor`` is (block, line offset within it) to keep at the top of the view; by
        default it is taken from the current top line.
        """
        if self.alignment is None:
            return
        left, right = self.left_pane, self.right_pane
        left_width = left.scrollable_content_region.width
        right_width = right.scrollable_content_region.width
        if left_width <= 0 or right_width <= 0:
            return
        if anchor is None:
            anchor = self._top_anchor()
        self.layout_map = PairLayout(
            self._blocks, self.left_doc.text, self.right_doc.text, left_width, right_width
        )
        for pane in (left, right):
            pane.set_layout(self.layout_map)
        self.row_gutter.set_layout(self.layout_map)
        self.current_block = min(self.current_block, max(0, len(self._blocks) - 1))
        if anchor is not None:
            block, offset = anchor
            block = min(block, len(self._blocks) - 1)
            if block >= 0:
                y = self.layout_map.tops[block] + min(offset, self.layout_map.heights[block])
                self._scroll_all(y)

    def _top_anchor(self) -> tuple[int, int] | None:
        layout = self.layout_map
        if layout is None:
            return None
        y = round(self._reading_pane().scroll_y)
        block = layout.block_at(y)
        return (block, y - layout.tops[block]) if block >= 0 else None

    @on(TextPane.Resized)
    def _pane_resized(self) -> None:
        layout = self.layout_map
        widths = (
            self.left_pane.scrollable_content_region.width,
            self.right_pane.scrollable_content_region.width,
        )
        if layout is None or (layout.left_width, layout.right_width) != widths:
            self._relayout()

    # -- scrolling and sync ----------------------------------------------------------

    def _reading_pane(self) -> TextPane:
        """The pane the reader is in: the focused one, else the left."""
        focused = self.focused
        return focused if isinstance(focused, TextPane) else self.left_pane

    def _other_pane(self, pane: TextPane) -> TextPane:
        return self.right_pane if pane is self.left_pane else self.left_pane

    def _scroll_all(self, y: int) -> None:
        """Scroll the reading pane (and, when locked, its partner) to line ``y``."""
        panes = [self.left_pane, self.right_pane] if self.sync_locked else [self._reading_pane()]
        for pane in panes:
            pane.scroll_to(y=y, animate=False, immediate=True)

    @on(TextPane.Scrolled)
    def _pane_scrolled(self, event: TextPane.Scrolled) -> None:
        if self.sync_locked:
            other = self._other_pane(event.pane)
            if round(other.scroll_y) != event.y:
                other.scroll_to(y=event.y, animate=False, immediate=True)
        if event.pane is self._reading_pane() or self.sync_locked:
            self.row_gutter.offset_y = event.y
            self._keep_current_visible(event.pane)

    def _keep_current_visible(self, pane: TextPane) -> None:
        """Scrolling past the current row moves it to the nearest visible row."""
        layout = self.layout_map
        if layout is None or not layout.blocks:
            return
        top = round(pane.scroll_y)
        bottom = top + max(1, pane.scrollable_content_region.height) - 1
        block = self.current_block
        start = layout.tops[block]
        end = start + layout.heights[block] - 1
        if end < top:
            first = layout.block_at(top)
            if layout.tops[first] < top and first + 1 < len(layout.blocks):
                first += 1 if layout.tops[first + 1] <= bottom else 0
            self.current_block = first
        elif start > bottom:
            self.current_block = layout.block_at(bottom)

    @on(TextPane.Clicked)
    def _pane_clicked(self, event: TextPane.Clicked) -> None:
        if self.layout_map is not None and 0 <= event.y < self.layout_map.total_lines:
            self.current_block = self.layout_map.block_at(event.y)

    def watch_current_block(self, block: int) -> None:
        if not self.is_mounted:
            return
        for pane in (self.left_pane, self.right_pane):
            pane.current_block = block
        self.row_gutter.current_block = block
        self._update_status()

    def watch_sync_locked(self, locked: bool) -> None:
        if not self.is_mounted:
            return
        if locked:
            reading = self._reading_pane()
            other = self._other_pane(reading)
            other.scroll_to(y=round(reading.scroll_y), animate=False, immediate=True)
        self._update_status()

    # -- status ----------------------------------------------------------------------

    def _update_status(self) -> None:
        if self.alignment is None:
            return
        rows = self.alignment.rows
        counts = {kind: 0 for kind in RowKind}
        for row in rows:
            counts[row.kind] += 1
        parts = [
            f"row {self.current_block + 1}/{len(self._blocks)}",
            "sync on" if self.sync_locked else "sync OFF",
            "sentences" if self.mode is RowMode.SENTENCE else "paragraphs",
        ]
        labels = {
            RowKind.CHANGED: "changed",
            RowKind.LEFT_ONLY: "left only",
            RowKind.RIGHT_ONLY: "right only",
            RowKind.EQUAL: "equal",
        }
        parts += [f"{counts[kind]} {label}" for kind, label in labels.items() if counts[kind]]
        self.query_one("#status", Static).update(" · ".join(parts))

    # -- actions ---------------------------------------------------------------------

    def _scroll_by(self, lines: int) -> None:
        pane = self._reading_pane()
        self._scroll_all(max(0, round(pane.scroll_y) + lines))

    def action_line_down(self) -> None:
        self._scroll_by(1)

    def action_line_up(self) -> None:
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        self._scroll_by(max(1, self._reading_pane().scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._scroll_by(-max(1, self._reading_pane().scrollable_content_region.height - 1))

    def action_top(self) -> None:
        self._scroll_all(0)
        self.current_block = 0

    def action_bottom(self) -> None:
        pane = self._reading_pane()
        self._scroll_all(round(pane.max_scroll_y))
        if self._blocks:
            self.current_block = len(self._blocks) - 1

    def action_other_pane(self) -> None:
        pane = self._other_pane(self._reading_pane())
        pane.focus()
        self.row_gutter.offset_y = round(pane.scroll_y)

    def action_toggle_sync(self) -> None:
        self.sync_locked = not self.sync_locked

    def action_toggle_mode(self) -> None:
        """Switch row mode, keeping the current row and its place on screen."""
        if self.alignment is None or self.layout_map is None:
            return
        layout = self.layout_map
        old = self._blocks[self.current_block] if self._blocks else None
        screen_offset = layout.tops[self.current_block] - round(self._reading_pane().scroll_y)
        self.mode = RowMode.SENTENCE if self.mode is RowMode.PARAGRAPH else RowMode.PARAGRAPH
        self._rebuild_blocks()
        target = 0
        if old is not None:
            target = next(
                (index for index, block in enumerate(self._blocks) if block.row == old.row), 0
            )
        self.current_block = target
        self._relayout(anchor=(target, 0))
        if self.layout_map is not None and self._blocks:
            y = max(0, self.layout_map.tops[target] - max(0, screen_offset))
            self._scroll_all(y)
        self._update_status()

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
