"""The entity sidebar: who and what each text mentions, and what only one of them does.

:class:`EntitySidebar` is a header, a filter box, an :class:`EntityList` and a legend. The
reader hands entities down (:meth:`EntitySidebar.set_entities`,
:meth:`EntitySidebar.mark_row_entities`, ``panel_width``) and hears back through
:class:`EntitySidebar.Selected` and :class:`EntitySidebar.Cleared`; the sidebar never
touches the panes.

The list is drawn with the Line API rather than an ``OptionList`` so each entry can put its
counts in right-aligned columns at whatever width the sidebar has, and so entity names,
which come from the untrusted documents, only ever reach the terminal as plain segments of
safe display characters: never parsed as markup, never carrying a raw escape sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Static

from tui.actions import SIDEBAR_ACTIONS
from tui.core.cells import display_char
from tui.core.entity_model import Entity, EntityType, Presence
from tui.ui.widgets.component_styles import ComponentStyles

SortOrder = Literal["count", "name"]
SORT_ORDERS: tuple[SortOrder, ...] = ("count", "name")

MIN_WIDTH = 20
MAX_WIDTH = 80
"""The range of ``[sidebar] width`` in the config; narrower would leave no room for names."""

PRESENCE_GLYPHS: dict[Presence, str] = {
    Presence.BOTH: "●",
    Presence.LEFT: "◀",
    Presence.RIGHT: "▶",
}
"""Arrows point at the pane whose text alone mentions the entity; a dot means both do."""

LEGEND = "● both  ◀ left  ▶ right"
LEGEND_TOOLTIP = (
    "● mentioned in both texts\n"
    "◀ mentioned only in the left text\n"
    "▶ mentioned only in the right text\n"
    "L and R: number of mentions in the left and the right text\n"
    "▌ the entity is mentioned in the row under the cursor"
)
IN_ROW_GLYPH = "▌"
ELLIPSIS = "…"


def safe_name(name: str) -> str:
    """``name`` as one line of harmless characters, for drawing.

    Control characters (ESC above all), bidi overrides and the like are swapped for visible
    placeholders by :func:`display_char`; tabs and line breaks become spaces so an entry
    stays one line.
    """
    return "".join(" " if ch in "\t\n\r" else display_char(ch) for ch in name)


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, ending in an ellipsis when it was cut."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    out: list[str] = []
    used = 0
    for ch in text:
        size = cell_len(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + ELLIPSIS


def total_mentions(entity: Entity) -> int:
    return len(entity.left_mentions) + len(entity.right_mentions)


def entity_key(entity: Entity) -> tuple[EntityType, str]:
    """What identifies an entity across re-extractions (new objects, maybe new spans)."""
    return entity.type, entity.name


def matches(entity: Entity, needle: str) -> bool:
    """Case-insensitive substring match against the name and every alias."""
    return not needle or any(needle in form.casefold() for form in (entity.name, *entity.aliases))


def sort_key(order: SortOrder) -> Callable[[Entity], tuple[object, ...]]:
    """Key for entities within one type group: most mentioned first, or alphabetical."""
    if order == "name":
        return lambda e: (e.name.casefold(), -total_mentions(e), e.name)
    return lambda e: (-total_mentions(e), e.name.casefold(), e.name)


@dataclass(frozen=True)
class Heading:
    """A group heading row of the list: an entity type and how many entries it shows."""

    type: EntityType
    count: int


Row = Heading | Entity


def group_rows(entities: Iterable[Entity], order: SortOrder) -> list[Row]:
    """Headings and entries in display order: types in ``EntityType`` order, empty ones left out."""
    groups: dict[EntityType, list[Entity]] = {type_: [] for type_ in EntityType}
    for entity in entities:
        groups[entity.type].append(entity)
    rows: list[Row] = []
    for type_, members in groups.items():
        if members:
            rows.append(Heading(type_, len(members)))
            rows.extend(sorted(members, key=sort_key(order)))
    return rows


class EntityList(ComponentStyles, ScrollView, can_focus=True, inherit_bindings=False):
    """The scrollable list of headings and entities, with a cursor (the highlight).

    The cursor only rests on entities. ``enter`` or a click posts :class:`Chosen`; the
    sidebar decides what choosing means.
    """

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "choose", "Select", show=False),
    ]

    COMPONENT_CLASSES = {
        "entity-list--heading",
        "entity-list--both",
        "entity-list--left",
        "entity-list--right",
        "entity-list--count",
        "entity-list--zero",
        "entity-list--cursor",
        "entity-list--cursor-blurred",
        "entity-list--selected",
        "entity-list--in-row",
        "entity-list--empty",
    }

    class Chosen(Message):
        """The entry under the cursor was chosen (``enter`` or a click)."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.cursor: int | None = None
        """Index into ``rows`` of the highlighted entity, None when the list is empty."""
        self.selected: Entity | None = None
        self.marked: frozenset[str] = frozenset()
        """Names of the entities in the reader's current row."""
        self.empty_text = ""
        self.count_width = 1
        self._rows_named: dict[str, list[int]] = {}
        """Indexes into ``rows`` of the entities with each name (marking looks them up)."""
        self._strips: dict[tuple[int, int], Strip] = {}

    # -- state set by the sidebar -----------------------------------------------------

    def show(self, rows: list[Row], empty_text: str, count_width: int) -> None:
        """Replace the rows, keeping the cursor on the same entity when it is still listed."""
        previous = self.highlighted
        self.rows = rows
        self._rows_named = {}
        for index, row in enumerate(rows):
            if isinstance(row, Entity):
                self._rows_named.setdefault(row.name, []).append(index)
        self.empty_text = empty_text
        self.count_width = max(1, count_width)
        entries = [i for i, row in enumerate(rows) if isinstance(row, Entity)]
        self.cursor = entries[0] if entries else None
        if previous is not None:
            key = entity_key(previous)
            for i in entries:
                if entity_key(rows[i]) == key:  # type: ignore[arg-type]
                    self.cursor = i
                    break
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(rows)))
        self._changed()
        if self.cursor is not None:
            self._scroll_to_cursor()

    def set_selected(self, entity: Entity | None) -> None:
        self.selected = entity
        self._changed()

    def set_marked(self, names: Iterable[str]) -> None:
        """Flag these entities; only the lines whose flag changed are redrawn.

        The current row changes with every page-down, so this must not repaint the list.
        """
        marked = frozenset(names)
        changed = marked ^ self.marked
        if not changed:
            return
        self.marked = marked
        top = round(self.scroll_y)
        for name in changed:
            for index in self._rows_named.get(name, ()):
                for key in [key for key in self._strips if key[0] == index]:
                    del self._strips[key]
                if top <= index < top + self.scrollable_content_region.height:
                    self.refresh(Region(0, index - top, self.size.width, 1))

    @property
    def highlighted(self) -> Entity | None:
        """The entity under the cursor."""
        if self.cursor is None or self.cursor >= len(self.rows):
            return None
        row = self.rows[self.cursor]
        return row if isinstance(row, Entity) else None

    @property
    def entities(self) -> list[Entity]:
        """The entities listed, in display order."""
        return [row for row in self.rows if isinstance(row, Entity)]

    def _changed(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- cursor -----------------------------------------------------------------------

    def _entries(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if isinstance(row, Entity)]

    def _move_to(self, index: int | None) -> None:
        if index is None or index == self.cursor:
            return
        self.cursor = index
        self._changed()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        """Bring the cursor into view, with its group heading when that is just above it."""
        if self.cursor is None:
            return
        top = self.cursor
        if top > 0 and isinstance(self.rows[top - 1], Heading):
            top -= 1
        height = max(1, self.scrollable_content_region.height)
        y = round(self.scroll_y)
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif self.cursor >= y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _step(self, steps: int) -> None:
        entries = self._entries()
        if not entries:
            return
        if self.cursor not in entries:
            self._move_to(entries[0])
            return
        position = entries.index(self.cursor)  # type: ignore[arg-type]
        self._move_to(entries[max(0, min(len(entries) - 1, position + steps))])

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 2))

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height - 2))

    def action_first(self) -> None:
        entries = self._entries()
        if entries:
            self._move_to(entries[0])
            self.scroll_to(y=0, animate=False, immediate=True)

    def action_last(self) -> None:
        entries = self._entries()
        if entries:
            self._move_to(entries[-1])

    def action_choose(self) -> None:
        entity = self.highlighted
        if entity is not None:
            self.post_message(self.Chosen(entity))

    def on_click(self, event: events.Click) -> None:
        index = event.y + round(self.scroll_y)
        if 0 <= index < len(self.rows) and isinstance(self.rows[index], Entity):
            self._move_to(index)
            self.action_choose()

    def on_focus(self) -> None:
        self._changed()

    def on_blur(self) -> None:
        self._changed()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self.rows)))
        self._changed()

    # -- drawing ----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Theme or CSS changed: styles and every cached line must be rebuilt."""
        super().notify_style_update()
        self._strips.clear()

    def _fg(self, name: str) -> Style:
        """Only a component's colour and text attributes, to lay over a row's background."""
        style = self._style(name)
        return Style(
            color=style.color, bold=style.bold, italic=style.italic, underline=style.underline
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(index, width)
            self._strips[key] = strip
        return strip.apply_offsets(0, index)

    def _build(self, index: int, width: int) -> Strip:
        base = self._style("base")
        if not self.rows:
            if index == 0 and self.empty_text:
                text = fit(" " + self.empty_text, width)
                return Strip(
                    [Segment(text, base + self._fg("entity-list--empty"))]
                ).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if isinstance(row, Heading):
            return self._heading(row, width)
        return self._entry(row, index, width)

    def _counts(
        self, left: str, right: str, style: Style, left_style: Style, right_style: Style
    ) -> list[Segment]:
        """The two right-aligned count columns (or their "L" and "R" labels)."""
        cw = self.count_width
        return [
            Segment(" ", style),
            Segment(left.rjust(cw), left_style),
            Segment(" ", style),
            Segment(right.rjust(cw), right_style),
        ]

    def _heading(self, heading: Heading, width: int) -> Strip:
        style = self._style("base") + self._style("entity-list--heading")
        counts = self._counts("L", "R", style, style, style)
        room = width - sum(segment.cell_length for segment in counts)
        label = fit(f" {heading.type.value} {heading.count}", room).ljust(room)
        return Strip([Segment(label, style), *counts]).adjust_cell_length(width, style)

    def _entry(self, entity: Entity, index: int, width: int) -> Strip:
        style = self._style("base")
        if self.selected is not None and entity_key(entity) == entity_key(self.selected):
            style += self._style("entity-list--selected")
        if index == self.cursor:
            focused = self.has_focus
            style += self._style(
                "entity-list--cursor" if focused else "entity-list--cursor-blurred"
            )
        in_row = entity.name in self.marked
        bar = Segment(IN_ROW_GLYPH if in_row else " ", style + self._fg("entity-list--in-row"))
        presence = entity.presence
        glyph = Segment(
            PRESENCE_GLYPHS[presence], style + self._fg(f"entity-list--{presence.value}")
        )
        count_style = style + self._fg("entity-list--count")
        zero_style = style + self._fg("entity-list--zero")
        left, right = len(entity.left_mentions), len(entity.right_mentions)
        counts = self._counts(
            str(left) if left else "·",
            str(right) if right else "·",
            style,
            count_style if left else zero_style,
            count_style if right else zero_style,
        )
        room = width - 3 - sum(segment.cell_length for segment in counts)
        name = fit(safe_name(entity.name), room)
        name_style = style + self._fg("entity-list--in-row") if in_row else style
        segments = [
            bar,
            glyph,
            Segment(" ", style),
            Segment(name, name_style),
            Segment(" " * max(0, room - cell_len(name)), style),
            *counts,
        ]
        return Strip(segments).adjust_cell_length(width, style)


class EntitySidebar(Vertical):
    """Entities of the pair grouped by type, filterable, sortable and selectable.

    The reader owns what a selection does; the sidebar only reports it (``Selected`` each
    time an entity is chosen, even the same one again, so the reader can step through its
    mentions; ``Cleared`` on ``escape``) and keeps the chosen entity marked.
    """

    BINDINGS = [
        Binding(
            action.keys,
            action.id,
            {
                "sidebar_sort": "Sort",
                "sidebar_one_side": "One side",
                "sidebar_filter": "Filter",
            }.get(action.id, action.description),
            show=action.id != "sidebar_clear",
            key_display={"sidebar_filter": "/"}.get(action.id),
            id=action.id,
        )
        for action in SIDEBAR_ACTIONS
    ] + [Binding("down", "focus_list", "To the list", show=False)]
    """Ids from ``tui.actions.SIDEBAR_ACTIONS`` so ``[keys]`` in the config can remap them.
    ``down`` only reaches this binding from the filter box: the list handles its own."""

    sort_by: reactive[SortOrder] = reactive("count")
    only_one_side: reactive[bool] = reactive(False)
    filter_text: reactive[str] = reactive("")
    panel_width: reactive[int] = reactive(30)
    """Columns, as ``[sidebar] width`` in the config; clamped to 20..80."""
    selected: reactive[Entity | None] = reactive(None)
    """The chosen entity, kept marked in the list. Setting it posts no message."""

    class Selected(Message):
        """An entity was chosen with ``enter`` or a click."""

        def __init__(self, sidebar: EntitySidebar, entity: Entity, again: bool) -> None:
            super().__init__()
            self.sidebar = sidebar
            self.entity = entity
            self.again = again
            """True when it was already the selected entity (e.g. to step to its next mention)."""

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    class Cleared(Message):
        """The selection was cleared with ``escape``."""

        def __init__(self, sidebar: EntitySidebar) -> None:
            super().__init__()
            self.sidebar = sidebar

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    def __init__(
        self, *, width: int = 30, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._entities: tuple[Entity, ...] | None = None
        """None until the reader hands the entities over (extraction runs in a worker)."""
        self._marked: frozenset[str] = frozenset()
        self.set_reactive(EntitySidebar.panel_width, self.validate_panel_width(width))

    def compose(self) -> ComposeResult:
        yield Static("", id="entity-header", markup=False)
        yield Input(placeholder="filter…", id="entity-filter", compact=True)
        entity_list = EntityList(id="entity-list")
        entity_list.tooltip = LEGEND_TOOLTIP
        yield entity_list
        legend = Static(LEGEND, id="entity-legend", markup=False)
        legend.tooltip = LEGEND_TOOLTIP
        yield legend

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#entity-filter", Input)

    @property
    def shown(self) -> list[Entity]:
        """The entities listed after filtering, in display order."""
        return self.entity_list.entities

    def on_mount(self) -> None:
        self.styles.width = self.panel_width
        # While its own Mount runs the sidebar does not count as mounted yet, so the list
        # (saying "Finding entities…" until the reader hands them over) fills just after.
        self.call_after_refresh(self._refresh_list)

    def focus(self, scroll_visible: bool = True) -> EntitySidebar:
        """Focusing the sidebar focuses its list, where its keys act."""
        self.entity_list.focus(scroll_visible)
        return self

    # -- what the reader hands down ---------------------------------------------------

    def set_entities(self, entities: Sequence[Entity]) -> None:
        """Show these entities; a selection survives if its entity is still there."""
        self._entities = tuple(entities)
        if self.selected is not None:
            key = entity_key(self.selected)
            self.selected = next((e for e in self._entities if entity_key(e) == key), None)
        self._refresh_list()

    def mark_row_entities(self, names: set[str] | frozenset[str]) -> None:
        """Mark the entities (by name) mentioned in the reader's current row."""
        self._marked = frozenset(names)
        if self.is_mounted:
            self.entity_list.set_marked(self._marked)

    # -- reactives --------------------------------------------------------------------

    def validate_panel_width(self, width: int) -> int:
        return max(MIN_WIDTH, min(MAX_WIDTH, width))

    def watch_panel_width(self, width: int) -> None:
        self.styles.width = width

    def validate_sort_by(self, order: str) -> SortOrder:
        return "name" if order == "name" else "count"

    def watch_sort_by(self) -> None:
        self._refresh_list()

    def watch_only_one_side(self) -> None:
        self._refresh_list()

    def watch_filter_text(self, text: str) -> None:
        if self.is_mounted and self.filter_input.value != text:
            self.filter_input.value = text
        self._refresh_list()

    def watch_selected(self, entity: Entity | None) -> None:
        if self.is_mounted:
            self.entity_list.set_selected(entity)

    def _refresh_list(self) -> None:
        if not self.is_mounted:
            return
        entities = self._entities or ()
        needle = self.filter_text.strip().casefold()
        shown = [
            entity
            for entity in entities
            if matches(entity, needle)
            and not (self.only_one_side and entity.presence is Presence.BOTH)
        ]
        if self._entities is None:
            empty = "Finding entities…"
        elif not entities:
            empty = "No entities found."
        else:
            empty = "No entity matches."
        count_width = max(
            (len(str(max(len(e.left_mentions), len(e.right_mentions)))) for e in entities),
            default=1,
        )
        self.entity_list.show(group_rows(shown, self.sort_by), empty, count_width)
        self.entity_list.set_selected(self.selected)
        self.entity_list.set_marked(self._marked)
        self.query_one("#entity-header", Static).update(self._header(len(shown), len(entities)))

    def _header(self, shown: int, total: int) -> Content:
        filtered = bool(self.filter_text.strip()) or self.only_one_side
        counts = f"{shown} of {total}" if filtered else str(total)
        details = [f"by {self.sort_by}"]
        if self.only_one_side:
            details.append("one text only")
        return Content.assemble(
            ("Entities", "bold"), " ", counts, (" · " + " · ".join(details), "dim")
        )

    # -- events and actions -----------------------------------------------------------

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

    @on(Input.Submitted, "#entity-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.entity_list.focus()

    @on(EntityList.Chosen)
    def _chosen(self, event: EntityList.Chosen) -> None:
        event.stop()
        again = self.selected is not None and entity_key(self.selected) == entity_key(event.entity)
        self.selected = event.entity
        self.post_message(self.Selected(self, event.entity, again))

    def action_sidebar_sort(self) -> None:
        self.sort_by = "name" if self.sort_by == "count" else "count"

    def action_sidebar_one_side(self) -> None:
        self.only_one_side = not self.only_one_side

    def action_sidebar_filter(self) -> None:
        self.filter_input.focus()

    def action_sidebar_clear(self) -> None:
        """Clear the selection; from the filter box, also hand the keys back to the list."""
        if self.filter_input.has_focus:
            self.entity_list.focus()
        self.selected = None
        self.post_message(self.Cleared(self))

    def action_focus_list(self) -> None:
        self.entity_list.focus()
