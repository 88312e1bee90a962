"""The main screen: two aligned panes, the gutter between them, and the status line.

The screen owns the reading state (layout, current row, sync lock, row mode) and hands it
down to the panes and the gutter as attributes; the panes report scrolling and clicks up as
messages. Alignment runs in a worker thread so a large pair shows progress instead of a
frozen terminal.
"""

from __future__ import annotations

import gc
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from tui.config import Config
from tui.core.cells import display_line
from tui.core.document import LoadedDocument
from tui.core.highlights import HighlightMode, Mark, MarkIndex, MarkKind, diff_marks
from tui.core.layout import Block, PairLayout, RowMode, build_blocks
from tui.core.model import Alignment, Document, Side
from tui.core.navigation import (
    GUTTER_SYMBOLS,
    block_categories,
    conflict_block,
    first_conflict_after,
    next_conflict,
    next_difference,
)
from tui.state import Bookmark, PairState
from tui.ui.bindings import READER_BINDINGS
from tui.ui.idle_collector import IdleCollector
from tui.ui.screens.bookmarks import BookmarkChoice, BookmarkListScreen, BookmarkNoteScreen
from tui.ui.session import ReadingSession
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.gutter import Gutter
from tui.ui.widgets.overview import CATEGORIES, OverviewBar
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_line import StatusLine
from tui.ui.widgets.text_pane import TextPane

if TYPE_CHECKING:  # the analysis modules load in the worker, after the first frame
    from tui.core.align import AlignOptions
    from tui.core.analysis import Analysis
    from tui.core.entities import Entity, EntityIndex
    from tui.core.search import SearchResult
    from tui.core.tokens import DiffOptions

MIN_WIDTH, MIN_HEIGHT = 40, 12
"""Below this size a notice replaces the layout instead of a garbled screen."""
NARROW_WIDTH = 100
"""Below this many columns the entity sidebar overlays the panes (shown on demand)."""
BACKGROUND_LAYOUT_CHARS = 2_000_000
"""From this many characters (both texts) a resize re-wraps in a worker thread: above it
wrapping takes longer than a frame; below it, doing it at once keeps the screen exact."""


PROGRESS_INTERVAL = 0.2
"""Seconds between two progress updates: each repaints the screen, and the time it takes
is taken from the analysis (one interpreter lock): a repaint at every percent, each waited
for, made a book's paragraph alignment take half as long again."""


def _stages() -> list[tuple[float, str, str]]:
    """``(fraction done when it starts, Analysis.pending name, label)`` of each stage."""
    from tui.core.align import PARAGRAPH_SHARE
    from tui.core.analysis import (
        ALIGN_SHARE,
        DIFF_SHARE,
        STAGE_DIFF,
        STAGE_ENTITIES,
        STAGE_SENTENCES,
    )

    return [
        (0.0, "", "Aligning paragraphs…"),
        (ALIGN_SHARE * PARAGRAPH_SHARE, STAGE_SENTENCES, "Aligning sentences…"),
        (ALIGN_SHARE, STAGE_DIFF, "Comparing words and checking facts…"),
        (ALIGN_SHARE + DIFF_SHARE, STAGE_ENTITIES, "Finding people, places and dates…"),
    ]


def progress_stage(fraction: float) -> str:
    """What the analysis worker is doing at ``fraction`` of its progress."""
    return [label for start, _, label in _stages() if fraction >= start][-1]


def stage_start(stage: str) -> int:
    """Percent of the analysis done when ``stage`` (an ``Analysis.pending`` name) begins.

    A stage's result is shown as soon as it exists, but the progress reported since may be
    a fraction of a second old (``PROGRESS_INTERVAL``): the status line must not name a
    stage whose result is already on screen.
    """
    (fraction,) = [start for start, name, _ in _stages() if name == stage]
    return math.ceil(round(fraction * 100, 6))


def one_line(text: str) -> str:
    """Document text for a one-line label: spacing collapsed, control characters made safe."""
    flat = " ".join(text.split())
    return display_line(flat, 0, len(flat))[0]


@dataclass(frozen=True)
class Prepared:
    """A stage's derived data, computed in the worker (see ``ReaderScreen._prepare``)."""

    layout: tuple[RowMode, PairLayout] | None = None
    """The first layout of a new alignment, with the row mode it was built for."""
    marks: tuple[HighlightMode, dict[Side, MarkIndex]] | None = None
    """New diff marks, with the highlight mode they were made for."""
    entity_index: EntityIndex | None = None


def segmented(source: Document | LoadedDocument) -> Document:
    return source if isinstance(source, Document) else source.segmented()


def pane_heading(document: Document | LoadedDocument) -> Content:
    """Two lines above a pane: the title, then outlet and date (plain text, never markup)."""
    info = document.info
    details = " · ".join(part for part in (info.outlet, info.date) if part)
    return Content.assemble((info.title, "bold"), "\n", (details or document.path, "dim"))


class ReaderScreen(Screen[None]):
    """Read two documents side by side, aligned and scrolling in step."""

    BINDINGS = READER_BINDINGS

    class Progressed(Message):
        """The analysis worker's percent done.

        Posted, not called with ``call_from_thread``: that waits until the screen has run
        the call, and a worker that waited for the screen at every percent spent a third
        of a book's paragraph alignment (0.9 of 2.8 s) waiting.
        """

        def __init__(self, percent: int) -> None:
            super().__init__()
            self.percent = percent

    # ``var``, not ``reactive``: a reactive repaints its owner, here the whole screen (every
    # widget, sidebar included) whenever the current row changes. The watchers hand each
    # change to the widgets that show it, and only those repaint.
    sync_locked: var[bool] = var(True)
    mode: var[RowMode] = var(RowMode.PARAGRAPH)
    current_block: var[int] = var(0)
    highlight: var[HighlightMode] = var(HighlightMode.WORDS)

    def __init__(
        self,
        left: Document | LoadedDocument,
        right: Document | LoadedDocument,
        *,
        align_options: AlignOptions | None = None,
        diff_options: DiffOptions | None = None,
        mode: RowMode = RowMode.PARAGRAPH,
        session: ReadingSession | None = None,
        sidebar_shown: bool = True,
        sidebar_width: int = 30,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.sidebar_shown = sidebar_shown
        self.sidebar_width = sidebar_width
        self.entity_index: EntityIndex | None = None
        self.selected_entity: Entity | None = None
        self._mentions: list[tuple[int, Side, tuple[int, int]]] = []
        """The selected entity's mentions as (block, side, span), in reading order."""
        self.mention_cursor: int | None = None
        self.search_result: SearchResult | None = None
        self.match_cursor: int | None = None
        self.bookmarks: list[Bookmark] = []
        self.clock: Callable[[], float] = time.time
        """Time source for bookmarks and their ages (tests fix it)."""
        self.session = session
        self._saved: PairState | None = session.saved() if session else None
        if self._saved is not None and self._saved.row_mode in {m.value for m in RowMode}:
            mode = RowMode(self._saved.row_mode)
        if self._saved is not None and self._saved.sidebar_shown is not None:
            self.sidebar_shown = self._saved.sidebar_shown
        if self._saved is not None:
            self.bookmarks = list(self._saved.bookmarks)
        self.set_reactive(ReaderScreen.mode, mode)
        self.left_source, self.right_source = left, right
        """What the screen was given; a ``LoadedDocument`` is segmented in the worker."""
        if isinstance(left, Document) and isinstance(right, Document):
            self.left_doc, self.right_doc = left, right
        # else left_doc and right_doc are set by the worker, before any analysis exists.
        self.align_options = align_options
        self.diff_options = diff_options
        self.analysis: Analysis | None = None
        self.layout_map: PairLayout | None = None
        self._blocks: list[Block] = []
        self._categories: list[str] = []
        self._save_timer: Timer | None = None
        self._pending_state: PairState | None = None
        self._mode_pending: RowMode | None = None
        """The row mode a worker is wrapping blocks for (long pairs), if any."""
        self.conflict_cursor: int | None = None
        """Index into ``analysis.conflicts`` of the conflict last jumped to."""
        self._kind_counts: Counter[str] = Counter()
        """How many rows of each kind (as ``Analysis.row_kind`` names them)."""
        self._progress = 0
        """Percent done of the running analysis, shown while stages are pending."""
        self._progress_label = ""
        """What the progress box says the analysis is doing."""
        self._collector = IdleCollector(self)

    def compose(self) -> ComposeResult:
        yield Static(self._title_text(), id="titlebar", markup=False)
        with Horizontal(id="panes"):
            with Vertical(classes="column", id="left-column"):
                yield Static(pane_heading(self.left_source), classes="pane-heading", markup=False)
                yield TextPane("left", self.left_source.text, id="left")
            with Vertical(id="gutter-column"):
                yield Static("", classes="pane-heading")
                yield Gutter(id="gutter")
            with Vertical(classes="column", id="right-column"):
                yield Static(pane_heading(self.right_source), classes="pane-heading", markup=False)
                yield TextPane("right", self.right_source.text, id="right")
            with Vertical(id="overview-column"):
                yield Static("", classes="pane-heading")
                yield OverviewBar(id="overview")
            yield EntitySidebar(width=self.sidebar_width, id="sidebar")
        with Vertical(id="progress"):
            yield Static("Aligning the two texts…", id="progress-label", markup=False)
            yield ProgressBar(total=100, show_eta=False, id="progress-bar")
        yield SearchBar(id="search")
        yield StatusLine(id="status")
        yield Static(
            f"Terminal too small for two panes: please make it at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            id="too-small",
            markup=False,
        )
        yield Footer()

    def _title_text(self) -> str:
        def short(document: Document | LoadedDocument) -> str:
            info = document.info
            return " ".join(part for part in (info.outlet or info.title, info.date) if part)

        return f"Diptych  {short(self.left_source)}  ⟷  {short(self.right_source)}"

    @property
    def left_pane(self) -> TextPane:
        return self.query_one("#left", TextPane)

    @property
    def right_pane(self) -> TextPane:
        return self.query_one("#right", TextPane)

    @property
    def row_gutter(self) -> Gutter:
        return self.query_one("#gutter", Gutter)

    @property
    def overview(self) -> OverviewBar:
        return self.query_one("#overview", OverviewBar)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.query_one("#sidebar", EntitySidebar)

    @property
    def alignment(self) -> Alignment | None:
        return self.analysis.alignment if self.analysis else None

    def on_mount(self) -> None:
        self.query_one("#search", SearchBar).display = False
        self.left_pane.focus()
        if self.size.width < NARROW_WIDTH and (
            self._saved is None or not self._saved.sidebar_shown
        ):
            # In a narrow terminal the sidebar would cover the right pane: start hidden.
            self.sidebar_shown = False
        self.sidebar.display = self.sidebar_shown
        self._fit_sidebar()
        self._align()

    def on_resize(self) -> None:
        self._fit_sidebar()
        self.set_class(self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT, "-too-small")

    def _fit_sidebar(self) -> None:
        """In narrow terminals the sidebar overlays the panes instead of squeezing them."""
        self.sidebar.set_class(self.size.width < NARROW_WIDTH, "-overlay")

    # -- alignment -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis")
    def _align(self, realign: bool = True) -> None:
        """Analyse the pair (or only re-diff it when just diff options changed).

        Each stage is shown as soon as it exists: the aligned rows (laid out here, off the
        UI thread, at the panes' widths of that moment), then the diffs and conflicts,
        then the entities. A pair analysed before comes complete from the on-disk cache.
        """
        from tui.core.analysis import diff_alignment
        from tui.core.cache import cached_analyze_in_stages

        worker = get_current_worker()
        last, shown = [-1], [-PROGRESS_INTERVAL]
        # Resolved here, not at start-up: building the options loads the analysis modules.
        self.align_options = self.align_options or self.config.align_options()
        self.diff_options = self.diff_options or self.config.diff_options()

        def progress(fraction: float) -> None:
            percent = int(fraction * 100)
            now = time.monotonic()
            if percent != last[0] and now >= shown[0] + PROGRESS_INTERVAL:
                last[0], shown[0] = percent, now
                if not worker.is_cancelled:
                    self.post_message(self.Progressed(percent))

        if not hasattr(self, "left_doc"):
            self.app.call_from_thread(self._show_stage, "Finding paragraphs…")
            self.left_doc = segmented(self.left_source)
            self.right_doc = segmented(self.right_source)
        previous = self.analysis
        if realign or previous is None or previous.pending:
            stages = cached_analyze_in_stages(
                self.left_doc,
                self.right_doc,
                align_options=self.align_options,
                diff_options=self.diff_options,
                progress=progress,
            )
        else:
            stages = iter(
                [
                    diff_alignment(
                        self.left_doc,
                        self.right_doc,
                        previous.alignment,
                        diff_options=self.diff_options,
                        progress=progress,
                        entities=previous.entities,
                    )
                ]
            )
        try:
            for analysis in stages:
                if worker.is_cancelled:
                    break
                if not self._can_show(analysis):
                    continue  # sentence mode waits for the sentence rows
                prepared = self._prepare(analysis, previous)
                if worker.is_cancelled:
                    break
                self.app.call_from_thread(self._analysis_ready, analysis, prepared)
                previous = analysis
        finally:
            close = getattr(stages, "close", None)
            if close is not None:
                close()  # stops the entity process of an abandoned analysis

    def _can_show(self, analysis: Analysis) -> bool:
        """Whether the rows of the current mode exist in ``analysis`` yet."""
        from tui.core.analysis import STAGE_SENTENCES

        return self.mode is RowMode.PARAGRAPH or STAGE_SENTENCES not in analysis.pending

    def _prepare(self, analysis: Analysis, previous: Analysis | None) -> Prepared:
        """What the UI thread needs for a new stage, built here in the worker.

        At 10 MB each of these takes from half a second to two: done on the UI thread
        they would freeze scrolling while the later stages arrive.
        """
        from tui.core.analysis import STAGE_DIFF, STAGE_ENTITIES
        from tui.core.collector import gc_paused
        from tui.core.entities import EntityIndex

        # Paused for the same reason as the analysis: the first layout of a book alone
        # took twice as long with the collector walking the new spans again and again.
        with gc_paused():
            layout = None
            if previous is None or self._shown_rows(analysis) is not self._shown_rows(previous):
                layout = self._layout_off_thread(analysis.alignment)
            marks = None
            highlight = self.highlight
            diffed = STAGE_DIFF not in analysis.pending
            if diffed and (previous is None or analysis.ops is not previous.ops):
                marks = (highlight, self._diff_marks(analysis, highlight))
            entity_index = None
            if STAGE_ENTITIES not in analysis.pending and self.entity_index is None:
                entity_index = EntityIndex(analysis.entities)
        # Each stage's results live as long as the pair is open. Moved out of the
        # collector's generations they are not walked again by every full collection,
        # which on a long pair would stall the UI thread for up to a second each time.
        gc.freeze()
        return Prepared(layout, marks, entity_index)

    def _shown_rows(self, analysis: Analysis) -> tuple[object, ...]:
        """The rows the blocks of the current mode are made of: a later stage that keeps
        them (the same tuple) needs no new layout."""
        alignment = analysis.alignment
        return alignment.rows if self.mode is RowMode.PARAGRAPH else alignment.sentence_rows

    def _layout_off_thread(self, alignment: Alignment) -> tuple[RowMode, PairLayout] | None:
        """Blocks and wrapped lines of a new alignment, computed in the calling worker.

        Wrapping a book-length pair takes a second; done here the UI thread only swaps it
        in. None when the panes have no width yet (the UI thread lays out on resize).
        """
        left_width, right_width = self.app.call_from_thread(self._pane_widths)
        if left_width <= 0 or right_width <= 0:
            return None
        mode = self.mode
        blocks = build_blocks(alignment, self.left_doc, self.right_doc, mode)
        return mode, self._wrap_blocks(blocks, (left_width, right_width))

    def _wrap_blocks(
        self,
        blocks: list[Block],
        widths: tuple[int, int],
        stop: Callable[[], bool] | None = None,
    ) -> PairLayout:
        """The layout of ``blocks`` at ``widths``, the collector paused as for the analysis
        (see :class:`PairLayout` for ``stop``)."""
        from tui.core.collector import gc_paused

        with gc_paused():
            return PairLayout(blocks, self.left_doc.text, self.right_doc.text, *widths, stop=stop)

    def _pane_widths(self) -> tuple[int, int]:
        return (
            self.left_pane.scrollable_content_region.width,
            self.right_pane.scrollable_content_region.width,
        )

    def _show_stage(self, label: str) -> None:
        self._progress_label = label
        self.query_one("#progress-label", Static).update(label)

    @on(Progressed)
    def _show_progress(self, message: Progressed) -> None:
        # Posted before the stage now shown, it may arrive after it: not a step back.
        percent = self._progress = max(message.percent, self._progress_floor())
        self.query_one("#progress-bar", ProgressBar).update(progress=percent)
        label = progress_stage(percent / 100)
        if label != self._progress_label:  # the label changes four times, the bar 100
            self._show_stage(label)
        if self.analysis is not None:
            self._update_status()  # the rows are shown: the status line tells the stage

    def _progress_floor(self) -> int:
        """The percent at which the stage still pending after the shown results begins."""
        pending = self.analysis.pending if self.analysis is not None else ()
        return stage_start(pending[0]) if pending else 0

    def _analysis_ready(self, analysis: Analysis, prepared: Prepared | None = None) -> None:
        prepared = prepared or Prepared()
        first = self.analysis is None
        previous_ops = self.analysis.ops if self.analysis is not None else None
        self.analysis = analysis
        self._progress = max(self._progress, self._progress_floor())
        self._kind_counts = Counter(analysis.row_kind(i) for i in range(len(analysis.rows)))
        self.query_one("#progress").display = False
        self.conflict_cursor = None
        if first:
            self._install_first_layout(prepared.layout)
            self._restore_place()
        else:
            self._refresh_rows()
        if self.entity_index is None and prepared.entity_index is not None:
            self.entity_index = prepared.entity_index
            self.sidebar.set_entities(analysis.entities)
            self._restore_entity()
            self._mark_row_entities()
        if prepared.marks is not None and prepared.marks[0] is self.highlight:
            for pane, side in ((self.left_pane, Side.LEFT), (self.right_pane, Side.RIGHT)):
                pane.set_marks("diff", prepared.marks[1].get(side))
        elif analysis.ops is not previous_ops:
            self._apply_marks()
        self._update_status()
        if not analysis.pending:
            self._collector.start()

    def _install_first_layout(self, prepared: tuple[RowMode, PairLayout] | None) -> None:
        """Use the worker's layout if it fits the panes and mode of now, else lay out here."""
        if prepared is not None:
            mode, layout = prepared
            if mode is self.mode and (layout.left_width, layout.right_width) == self._pane_widths():
                self._blocks = layout.blocks
                self._install_layout(layout, anchor=None)
                return
        self._rebuild_blocks()
        self._relayout()

    # -- reading state -----------------------------------------------------------------

    def _restore_place(self) -> None:
        """Go back to where the reader was in this pair (same texts, any file names)."""
        saved = self._saved
        if self.session and self.session.warning:
            self.notify(self.session.warning, severity="warning", timeout=8)
        if saved is None or self.layout_map is None or not self._blocks:
            return
        self.sync_locked = saved.sync_locked
        block = min(saved.row, len(self._blocks) - 1)
        offset = min(saved.line_offset, self.layout_map.heights[block])
        self.current_block = block
        self._scroll_all(self.layout_map.tops[block] + offset)

    def _restore_entity(self) -> None:
        saved = self._saved
        if saved is None or not saved.selected_entity or self.analysis is None:
            return
        entity = next((e for e in self.analysis.entities if e.name == saved.selected_entity), None)
        if entity is not None:
            self._select_entity(entity)

    def current_state(self) -> PairState:
        """The reading state to persist: top row and line, sync, mode, bookmarks."""
        block, offset = self._top_anchor() or (0, 0)
        base = self._saved or PairState()
        return replace(
            base,
            row=block,
            line_offset=offset,
            sync_locked=self.sync_locked,
            row_mode=self.mode.value,
            sidebar_shown=self.sidebar_shown,
            selected_entity=self.selected_entity.name if self.selected_entity else None,
            bookmarks=tuple(self.bookmarks),
        )

    def _schedule_save(self) -> None:
        """Note the place now; write it once it settles (half a second without movement).

        The state is captured here, while the panes exist, so it can still be written when
        the screen is being torn down on quit.
        """
        if self.session is None or self.analysis is None or self.layout_map is None:
            return
        self._pending_state = self.current_state()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.save_state)

    def save_state(self) -> None:
        if self.session is not None and self._pending_state is not None:
            self.session.save(self._pending_state)

    def on_unmount(self) -> None:
        self._collector.stop()
        self.save_state()

    def _apply_marks(self) -> None:
        """Give both panes the diff marks for the current highlight mode."""
        analysis = self.analysis
        marks = self._diff_marks(analysis, self.highlight) if analysis is not None else {}
        for pane, side in ((self.left_pane, Side.LEFT), (self.right_pane, Side.RIGHT)):
            pane.set_marks("diff", marks.get(side))

    @staticmethod
    def _diff_marks(analysis: Analysis, highlight: HighlightMode) -> dict[Side, MarkIndex]:
        """Both sides' diff marks for a highlight mode (none when it is off, or before the
        diff stage: walking a book's rows for no marks took the UI thread 0.6 s)."""
        from tui.core.analysis import STAGE_DIFF  # loaded by now: an analysis exists

        if highlight is HighlightMode.OFF or STAGE_DIFF in analysis.pending:
            return {}
        characters = highlight is HighlightMode.CHARACTERS
        return {side: diff_marks(analysis, side, characters=characters) for side in Side}

    def watch_highlight(self) -> None:
        if self.is_mounted:
            self._apply_marks()
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
        widths = self._pane_widths()
        if min(widths) <= 0:
            return
        self._install_layout(self._wrap_blocks(self._blocks, widths), anchor)

    def _install_layout(self, layout: PairLayout, anchor: tuple[int, int] | None) -> None:
        """Hand a layout of the current blocks to the panes and scroll back to ``anchor``."""
        if anchor is None:
            anchor = self._top_anchor()
        self.layout_map = layout
        for pane in (self.left_pane, self.right_pane):
            pane.set_layout(layout)
        self._refresh_rows()
        self.current_block = min(self.current_block, max(0, len(self._blocks) - 1))
        if anchor is not None:
            block, offset = anchor
            block = min(block, len(self._blocks) - 1)
            if block >= 0:
                self._scroll_all(layout.tops[block] + min(offset, layout.heights[block]))

    def _refresh_rows(self) -> None:
        """Row categories drive the gutter symbols, the overview colours and moved labels."""
        analysis = self.analysis
        if analysis is None:
            return
        self._categories = block_categories(analysis, self._blocks)
        markers = [(GUTTER_SYMBOLS[category], category) for category in self._categories]
        self.row_gutter.set_rows(self.layout_map, markers)
        overview = [
            CATEGORIES.index({"left-only": "one-sided", "right-only": "one-sided"}.get(c, c))
            for c in self._categories
        ]
        self.overview.set_rows(self.layout_map, overview)
        labels: dict[str, dict[int, str]] = {"left": {}, "right": {}}
        seen: set[int] = set()
        for index, block in enumerate(self._blocks):
            partner = analysis.partners[block.row]
            if partner is None or block.row in seen:
                continue
            seen.add(block.row)
            opposite = "right" if block.left else "left"
            labels[opposite][index] = f"moved: see row {partner + 1}"
        self.left_pane.filler_labels = labels["left"]
        self.right_pane.filler_labels = labels["right"]
        self._update_viewport()

    def _update_viewport(self) -> None:
        pane = self._reading_pane()
        top = round(pane.scroll_y)
        self.overview.viewport = (top, top + pane.scrollable_content_region.height)

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
        widths = self._pane_widths()
        if layout is not None and (layout.left_width, layout.right_width) == widths:
            return
        if self._mode_pending is not None:
            self._switch_mode_in_worker(self._mode_pending, widths)  # at the new widths
        elif layout is not None and self._large_pair():
            # Re-wrapping a book takes a second: do it in a worker and keep showing the
            # old layout (cropped or padded to the new width) until the new one is ready.
            self._relayout_in_worker(widths)
        else:
            self._relayout()

    def _large_pair(self) -> bool:
        return len(self.left_source.text) + len(self.right_source.text) >= BACKGROUND_LAYOUT_CHARS

    @work(thread=True, exclusive=True, group="layout")
    def _relayout_in_worker(self, widths: tuple[int, int]) -> None:
        from tui.core.layout import LayoutCancelled

        worker = get_current_worker()
        blocks = self._blocks
        try:
            layout = self._wrap_blocks(blocks, widths, stop=lambda: worker.is_cancelled)
        except LayoutCancelled:
            return  # a later resize started its own layout
        if not worker.is_cancelled:
            self.app.call_from_thread(self._background_layout_ready, blocks, layout)

    def _background_layout_ready(self, blocks: list[Block], layout: PairLayout) -> None:
        """Install a worker's layout unless the blocks or the widths changed meanwhile."""
        widths = (layout.left_width, layout.right_width)
        if blocks is self._blocks and widths == self._pane_widths():
            self._install_layout(layout, anchor=None)

    # -- scrolling and sync ----------------------------------------------------------

    def _reading_pane(self) -> TextPane:
        """The pane the reader is in: the focused one, else the left."""
        focused = self.focused
        return focused if isinstance(focused, TextPane) else self.left_pane

    def _other_pane(self, pane: TextPane) -> TextPane:
        return self.right_pane if pane is self.left_pane else self.left_pane

    def _scroll_all(self, y: int) -> None:
        """Scroll the reading pane (and, when locked, its partner) to line ``y``."""
        reading = self._reading_pane()
        panes = [self.left_pane, self.right_pane] if self.sync_locked else [reading]
        for pane in panes:
            pane.scroll_to(y=y, animate=False, immediate=True)
        # Follow at once rather than when the panes' Scrolled messages arrive: the key's
        # one frame then shows both panes, the gutter and the current row in step.
        self._follow_scroll(reading)

    @on(TextPane.Scrolled)
    def _pane_scrolled(self, event: TextPane.Scrolled) -> None:
        if self.sync_locked:
            other = self._other_pane(event.pane)
            if round(other.scroll_y) != event.y:
                other.scroll_to(y=event.y, animate=False, immediate=True)
        followed = self.row_gutter.offset_y == event.y  # by _scroll_all, in the same key
        if (event.pane is self._reading_pane() or self.sync_locked) and not followed:
            self._follow_scroll(event.pane)

    def _follow_scroll(self, pane: TextPane) -> None:
        """Gutter, current row, overview and saved place follow the pane being read."""
        self.row_gutter.offset_y = round(pane.scroll_y)
        self._keep_current_visible(pane)
        self._update_viewport()
        self._schedule_save()
        self._collector.poke()

    @on(OverviewBar.Jump)
    def _overview_jump(self, event: OverviewBar.Jump) -> None:
        height = self._reading_pane().scrollable_content_region.height
        self._scroll_all(max(0, event.y - height // 2))

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
        self._mark_row_entities()

    def watch_sync_locked(self, locked: bool) -> None:
        if not self.is_mounted:
            return
        self._schedule_save()
        if locked:
            reading = self._reading_pane()
            other = self._other_pane(reading)
            other.scroll_to(y=round(reading.scroll_y), animate=False, immediate=True)
        self._update_status()

    # -- entities ----------------------------------------------------------------------

    def _mark_row_entities(self) -> None:
        """The sidebar flags the entities mentioned in the current row."""
        index = self.entity_index
        if index is None or not self._blocks:
            return
        block = self._blocks[min(self.current_block, len(self._blocks) - 1)]
        names: set[str] = set()
        for side, spans in ((Side.LEFT, block.left), (Side.RIGHT, block.right)):
            for start, end in spans:
                names.update(entity.name for _, entity in index.mentions_in(side, start, end))
        self.sidebar.mark_row_entities(names)

    @on(EntitySidebar.Selected)
    def _entity_selected(self, event: EntitySidebar.Selected) -> None:
        if event.again and self.selected_entity == event.entity:
            self._step_mention(1)
            return
        self._select_entity(event.entity)
        self._step_mention(1)

    @on(EntitySidebar.Cleared)
    def _entity_cleared(self) -> None:
        self.selected_entity = None
        self._mentions = []
        self.mention_cursor = None
        for pane in (self.left_pane, self.right_pane):
            pane.set_marks("entity", None)
        self._update_status()
        self._schedule_save()

    def _select_entity(self, entity: Entity) -> None:
        """Highlight every mention of ``entity`` in both panes and list them in order."""
        self.selected_entity = entity
        self.sidebar.selected = entity
        for pane, side in ((self.left_pane, Side.LEFT), (self.right_pane, Side.RIGHT)):
            marks = [Mark(a, b, MarkKind.ENTITY) for a, b in sorted(entity.mentions(side))]
            pane.set_marks("entity", MarkIndex(marks))
        self._index_mentions()
        self.mention_cursor = None
        if self.search_result is not None:
            self._search(self.search_result.query, self.search_result.fuzzy)
        self._update_status()
        self._schedule_save()

    def _index_mentions(self) -> None:
        """Order the selected entity's mentions by the block that shows them."""
        entity = self.selected_entity
        self._mentions = []
        if entity is None:
            return
        for side in (Side.LEFT, Side.RIGHT):
            for span in entity.mentions(side):
                block = self._block_of(side, span[0])
                if block is not None:
                    self._mentions.append((block, side, span))
        self._mentions.sort(key=lambda item: (item[0], item[1] is Side.RIGHT, item[2]))

    def _block_of(self, side: Side, offset: int) -> int | None:
        for index, block in enumerate(self._blocks):
            spans = block.left if side is Side.LEFT else block.right
            if any(a <= offset < b for a, b in spans):
                return index
        return None

    def _step_mention(self, step: int) -> None:
        if not self._mentions:
            return
        if self.mention_cursor is None:
            after = [i for i, m in enumerate(self._mentions) if m[0] >= self.current_block]
            target = (after[0] if after else 0) if step > 0 else len(self._mentions) - 1
        else:
            target = (self.mention_cursor + step) % len(self._mentions)
        self.mention_cursor = target
        block, side, span = self._mentions[target]
        self._jump_to_block(block, self._line_of(block, span[0], side))
        self._update_status()

    def action_next_mention(self) -> None:
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        self._step_mention(-1)

    def action_toggle_sidebar(self) -> None:
        self.sidebar_shown = not self.sidebar_shown
        self.sidebar.display = self.sidebar_shown
        if self.sidebar_shown:
            self.sidebar.focus()
        else:
            self.left_pane.focus()
        self._schedule_save()

    def action_focus_sidebar(self) -> None:
        if not self.sidebar_shown:
            self.action_toggle_sidebar()
        else:
            self.sidebar.focus()

    # -- search ------------------------------------------------------------------------

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search", SearchBar)

    def action_open_search(self) -> None:
        self.search_bar.display = True
        self.search_bar.focus_input()

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self._search(event.query, event.fuzzy)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        self._search(event.query, event.fuzzy, then_step=True)

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.search_bar.display = False
        self.search_result = None
        self.match_cursor = None
        for pane in (self.left_pane, self.right_pane):
            pane.set_marks("search", None)
        self._reading_pane().focus()
        self._update_status()

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, fuzzy: bool, then_step: bool = False) -> None:
        """Search both texts off the UI thread (fuzzy search of a large text takes a moment)."""
        from tui.core.search import search_pair

        result = None
        if query.strip() and self._blocks:  # no blocks yet: the texts may not be segmented
            result = search_pair(
                self.left_doc.text,
                self.right_doc.text,
                self._blocks,
                query,
                fuzzy=fuzzy,
                left_spans=self.left_doc.paragraphs,
                right_spans=self.right_doc.paragraphs,
            )
        self.app.call_from_thread(self._show_search, result, then_step)

    def _show_search(self, result: SearchResult | None, then_step: bool) -> None:
        self.search_result = result
        self.match_cursor = None
        for pane, side in ((self.left_pane, Side.LEFT), (self.right_pane, Side.RIGHT)):
            pane.set_marks("search", result.marks(side) if result else None)
        total = len(result) if result else 0
        self.search_bar.show_count(None, total, capped=bool(result and result.truncated))
        if then_step and total:
            self._step_match(1)
            self._reading_pane().focus()

    def _step_match(self, step: int) -> None:
        result = self.search_result
        if result is None or not len(result):
            self.notify("No search matches: press / to search.", timeout=2)
            return
        if self.match_cursor is None:
            target = result.step_from(self.current_block, step)
        else:
            target = (self.match_cursor + step) % len(result)
        if target is None:
            return
        self.match_cursor = target
        block, side, span = result.order[target]
        self._jump_to_block(block, self._line_of(block, span[0], side))
        self.search_bar.show_count(target, len(result), capped=result.truncated)
        self._update_status()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    # -- bookmarks -------------------------------------------------------------------

    def action_add_bookmark(self) -> None:
        """Bookmark the paragraph row of the current block (rows survive mode switches)."""
        if not self._blocks:
            return
        row = self._blocks[self.current_block].row
        existing = next((b.note for b in self.bookmarks if b.row == row), "")

        def added(note: str | None) -> None:
            if note is None:
                return
            self.bookmarks = [b for b in self.bookmarks if b.row != row]
            self.bookmarks.append(Bookmark(row, note, self.clock()))
            self.notify(f"Bookmarked row {row + 1}.", timeout=2)
            self._schedule_save()

        self.app.push_screen(BookmarkNoteScreen(row, existing), added)

    def action_bookmarks(self) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        excerpts = {b.row: self._row_excerpt(b.row) for b in self.bookmarks}

        def chosen(choice: BookmarkChoice | None) -> None:
            if choice is None:
                return
            if choice.deleted:
                gone = set(choice.deleted)
                self.bookmarks = [b for b in self.bookmarks if b not in gone]
                self._schedule_save()
            if choice.row is not None:
                block = next((i for i, b in enumerate(self._blocks) if b.row == choice.row), None)
                if block is not None:
                    self._jump_to_block(block)

        self.app.push_screen(BookmarkListScreen(self.bookmarks, excerpts, now=self.clock()), chosen)

    def _row_excerpt(self, row: int) -> str:
        analysis = self.analysis
        if analysis is None or row >= len(analysis.rows):
            return ""
        paragraphs = analysis.rows[row]
        if paragraphs.left:
            return self.left_doc.paragraph_text(paragraphs.left[0])
        return self.right_doc.paragraph_text(paragraphs.right[0])

    # -- status ----------------------------------------------------------------------

    def _update_status(self) -> None:
        analysis = self.analysis
        if analysis is None or not self._blocks:
            return
        block = self._blocks[min(self.current_block, len(self._blocks) - 1)]
        rows = analysis.rows
        if self.mode is RowMode.SENTENCE:
            where = f"sentence {self.current_block + 1}/{len(self._blocks)} (row {block.row + 1})"
        else:
            where = f"row {self.current_block + 1}/{len(rows)}"
        from tui.core.analysis import STAGE_DIFF  # loaded by now: an analysis exists

        kinds = self._kind_counts
        parts = [where]
        if self._mode_pending is not None:
            parts.append(f"wrapping {self._mode_pending.value} rows…")
        if analysis.pending:
            parts.append(f"{progress_stage(self._progress / 100)} {self._progress}%")
        if STAGE_DIFF not in analysis.pending:
            parts.append(f"similarity {round(analysis.similarity * 100)}%")
        parts += [
            f"{kinds['equal']} equal",
            f"{kinds['changed']} changed",
            f"{kinds['left_only'] + kinds['right_only']} one-sided",
        ]
        if STAGE_DIFF not in analysis.pending:
            parts += [f"{kinds['moved']} moved", f"{len(analysis.conflicts)} conflicts"]
        flags = ["sync" if self.sync_locked else "SYNC OFF"]
        if self.highlight is not HighlightMode.WORDS:
            flags.append(f"highlight {self.highlight.value}")
        flags += [label for flag, label in self._option_flags() if flag]
        parts.append(" ".join(flags))
        status = " · ".join(parts)
        if self.conflict_cursor is not None and self.conflict_cursor < len(analysis.conflicts):
            conflict = analysis.conflicts[self.conflict_cursor]
            status = (
                f"conflict {self.conflict_cursor + 1}/{len(analysis.conflicts)}: "
                f"{conflict.kind} “{one_line(conflict.left_text)}” ≠ "
                f"“{one_line(conflict.right_text)}” · {status}"
            )
        result = self.search_result
        if result is not None and self.match_cursor is not None:
            status = f"match {self.match_cursor + 1}/{len(result)} · {status}"
        entity = self.selected_entity
        if entity is not None:
            where = ""
            if self.mention_cursor is not None and self._mentions:
                side = self._mentions[self.mention_cursor][1].value
                where = f" {self.mention_cursor + 1}/{len(self._mentions)} ({side})"
            status = f"{entity.name}: mention{where} · {status}"
        self.query_one("#status", StatusLine).set_text(status)

    def _option_flags(self) -> list[tuple[bool, str]]:
        options = self.diff_options
        if options is None:
            return []
        return [
            (not options.ignore_case, "case"),
            (options.ignore_punctuation, "no-punct"),
            (options.show_whitespace_changes, "spaces"),
            (options.show_quote_style, "quotes"),
        ]

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
        """Switch row mode, keeping the current row and its place on screen.

        A long pair's new blocks are wrapped in a worker (a second on a book), as after a
        resize; the switch shows when they are ready, and pressing ``v`` again meanwhile
        switches back instead.
        """
        if self.analysis is None or self.layout_map is None:
            return
        from tui.core.analysis import STAGE_SENTENCES  # loaded by now: an analysis exists

        if STAGE_SENTENCES in self.analysis.pending:
            self.notify("Sentences are still being aligned; try again in a moment.")
            return
        current = self._mode_pending or self.mode
        mode = RowMode.SENTENCE if current is RowMode.PARAGRAPH else RowMode.PARAGRAPH
        if self._large_pair():
            self.workers.cancel_group(self, "layout")
            self._mode_pending = None if mode is self.mode else mode
            if self._mode_pending is not None:
                self._switch_mode_in_worker(mode, self._pane_widths())
            self._update_status()
            return
        self._apply_mode(mode, build_blocks(self.alignment, self.left_doc, self.right_doc, mode))

    @work(thread=True, exclusive=True, group="layout")
    def _switch_mode_in_worker(self, mode: RowMode, widths: tuple[int, int]) -> None:
        from tui.core.layout import LayoutCancelled

        worker = get_current_worker()
        alignment = self.alignment
        if alignment is None:
            return
        blocks = build_blocks(alignment, self.left_doc, self.right_doc, mode)
        try:
            layout = self._wrap_blocks(blocks, widths, stop=lambda: worker.is_cancelled)
        except LayoutCancelled:
            return  # switched back, or resized: a later worker or nothing takes over
        if not worker.is_cancelled:
            self.app.call_from_thread(self._mode_ready, mode, alignment, blocks, layout)

    def _mode_ready(
        self, mode: RowMode, alignment: Alignment, blocks: list[Block], layout: PairLayout
    ) -> None:
        if mode is not self._mode_pending or alignment is not self.alignment:
            return
        self._mode_pending = None
        fits = (layout.left_width, layout.right_width) == self._pane_widths()
        self._apply_mode(mode, blocks, layout if fits else None)

    def _apply_mode(
        self, mode: RowMode, blocks: list[Block], layout: PairLayout | None = None
    ) -> None:
        """Show ``blocks`` of ``mode`` (with their ``layout`` if it was made already),
        keeping the current row where it was on screen."""
        old = self._blocks[self.current_block] if self._blocks else None
        before = self.layout_map
        screen_offset = 0
        if before is not None and self._blocks:
            screen_offset = before.tops[self.current_block] - round(self._reading_pane().scroll_y)
        self.mode = mode
        self._blocks = blocks
        target = 0
        if old is not None:
            target = next(
                (index for index, block in enumerate(self._blocks) if block.row == old.row), 0
            )
        self.current_block = target
        if layout is not None:
            self._install_layout(layout, anchor=(target, 0))
        else:
            self._relayout(anchor=(target, 0))
        self._index_mentions()
        self.mention_cursor = None
        if self.search_result is not None:
            self._search(self.search_result.query, self.search_result.fuzzy)
        if self.layout_map is not None and self._blocks:
            y = max(0, self.layout_map.tops[target] - max(0, screen_offset))
            self._scroll_all(y)
        self._update_status()
        self._schedule_save()

    def _jump_to_block(self, block: int, line_in_block: int = 0) -> None:
        """Make ``block`` current and scroll both panes so it (and that line) is in view."""
        layout = self.layout_map
        if layout is None or not 0 <= block < len(layout.blocks):
            return
        self.current_block = block
        height = max(1, self._reading_pane().scrollable_content_region.height)
        top = layout.tops[block]
        y = max(0, top - 1)
        if line_in_block >= height - 2:
            y = top + line_in_block - height // 3
        self._scroll_all(y)

    def _step_difference(self, step: int) -> None:
        target = next_difference(self._categories, self.current_block, step)
        if target is None:
            self.notify("No more differences this way.", timeout=2)
            self.app.bell()
            return
        self._jump_to_block(target)

    def action_next_difference(self) -> None:
        self._step_difference(1)

    def action_previous_difference(self) -> None:
        self._step_difference(-1)

    def _step_conflict(self, step: int) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        conflicts = analysis.conflicts
        if not conflicts:
            self.notify("No factual conflicts found between the two texts.", timeout=3)
            return
        if self.conflict_cursor is None and step > 0 and self._blocks:
            target = first_conflict_after(conflicts, self._blocks[self.current_block].row)
        else:
            target = next_conflict(conflicts, self.conflict_cursor, step)
        if target is None:
            self.notify("No more conflicts this way.", timeout=2)
            self.app.bell()
            return
        self.conflict_cursor = target
        conflict = conflicts[target]
        block = conflict_block(conflict, self._blocks)
        self._jump_to_block(block, self._line_of(block, conflict.left_span[0]))
        self._update_status()

    def _line_of(self, block: int, offset: int, side: Side = Side.LEFT) -> int:
        """The line within ``block`` of one pane that shows text offset ``offset``."""
        if self.layout_map is None:
            return 0
        lines = self.layout_map.side_lines(side.value, block)
        for index, span in enumerate(lines):
            if span is not None and span[0] <= offset <= span[1]:
                return index
        return 0

    def action_next_conflict(self) -> None:
        self._step_conflict(1)

    def action_previous_conflict(self) -> None:
        self._step_conflict(-1)

    def action_cycle_highlight(self) -> None:
        self.highlight = self.highlight.next()

    def _set_diff_option(self, **change: bool) -> None:
        if self.diff_options is None:
            return  # the first analysis has not started yet
        self.diff_options = replace(self.diff_options, **change)
        self._update_status()
        self._align(realign=False)

    def _toggle_diff_option(self, name: str) -> None:
        if self.diff_options is not None:
            self._set_diff_option(**{name: not getattr(self.diff_options, name)})

    def action_toggle_ignore_case(self) -> None:
        self._toggle_diff_option("ignore_case")

    def action_toggle_ignore_punctuation(self) -> None:
        self._toggle_diff_option("ignore_punctuation")

    def action_toggle_whitespace(self) -> None:
        self._toggle_diff_option("show_whitespace_changes")

    def action_toggle_quote_style(self) -> None:
        self._toggle_diff_option("show_quote_style")

    def action_quit(self) -> None:
        """Save the place now (not after the settle delay) and leave."""
        self.save_state()
        self.app.exit()

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
