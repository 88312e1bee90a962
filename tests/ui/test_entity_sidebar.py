"""The entity sidebar in a tiny app: grouping, counts, filters, sorting, selection, safety."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

import tui.ui
from tui.config import Config
from tui.core.document import document_from_text
from tui.core.entities import Entity, EntityType, Presence, extract_entities
from tui.ui.widgets.entity_sidebar import IN_ROW_GLYPH, EntityList, EntitySidebar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def entity(name: str, type_: EntityType, left: int, right: int, *aliases: str) -> Entity:
    """An entity with ``left`` and ``right`` mentions at made-up offsets."""
    return Entity(
        name,
        type_,
        (name, *aliases),
        tuple((i * 10, i * 10 + 3) for i in range(left)),
        tuple((i * 10, i * 10 + 3) for i in range(right)),
    )


XI = entity("Xi Jinping", EntityType.PERSON, 3, 2, "Xi")
PUTIN = entity("Vladimir Putin", EntityType.PERSON, 1, 0, "Putin")
ALBANESE = entity("Anthony Albanese", EntityType.PERSON, 0, 4)
XINHUA = entity("Xinhua News Agency", EntityType.ORG, 2, 2, "Xinhua")
BEIJING = entity("Beijing", EntityType.PLACE, 5, 6)
MONDAY = entity("Monday", EntityType.DATE, 0, 1)
ENTITIES = [XI, PUTIN, ALBANESE, XINHUA, BEIJING, MONDAY]


class SidebarApp(App[None]):
    """The sidebar beside a stand-in pane, recording what it posts."""

    CSS_PATH = Path(tui.ui.__file__).parent / "app.tcss"
    CSS = "#pane { width: 1fr; }"

    def __init__(self, entities: list[Entity]) -> None:
        super().__init__()
        self.entities = entities
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Static("pane", id="pane")
            yield EntitySidebar(id="sidebar")

    def on_mount(self) -> None:
        self.sidebar.set_entities(self.entities)
        self.sidebar.focus()

    @property
    def sidebar(self) -> EntitySidebar:
        return self.query_one(EntitySidebar)

    @on(EntitySidebar.Selected)
    @on(EntitySidebar.Cleared)
    def _record(self, message: Message) -> None:
        self.posted.append(message)


def lines(sidebar: EntitySidebar) -> list[str]:
    """The list's visible lines as plain text."""
    entity_list = sidebar.entity_list
    height = entity_list.scrollable_content_region.height
    return [entity_list.render_line(y).text.rstrip() for y in range(height)]


def names(sidebar: EntitySidebar) -> list[str]:
    return [e.name for e in sidebar.shown]


def header(sidebar: EntitySidebar) -> str:
    return str(sidebar.query_one("#entity-header", Static).render())


async def test_groups_by_type_with_markers_and_counts() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = lines(app.sidebar)
        headings = [line.split()[0] for line in shown if line.startswith(" ") and "L" in line]
        assert headings == ["PERSON", "ORG", "PLACE", "DATE"]  # empty types are left out
        assert shown[0].split() == ["PERSON", "3", "L", "R"]
        # Most mentioned first within a type; marker, name, left count, right count.
        assert shown[1].split() == ["●", "Xi", "Jinping", "3", "2"]
        assert shown[2].split() == ["▶", "Anthony", "Albanese", "·", "4"]
        assert shown[3].split() == ["◀", "Vladimir", "Putin", "1", "·"]
        # Counts sit in right-aligned columns whatever the name's length.
        assert len({len(line) for line in shown[1:4]}) == 1
        assert shown[1].endswith(" 3 2")
        assert header(app.sidebar).startswith("Entities 6")
        assert app.sidebar.entity_list.highlighted is XI


async def test_typing_in_the_filter_narrows_by_name_or_alias() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert app.sidebar.filter_input.has_focus
        await pilot.press(*"xi")
        await pilot.pause()
        assert names(app.sidebar) == ["Xi Jinping", "Xinhua News Agency"]
        assert "2 of 6" in header(app.sidebar)
        app.sidebar.filter_input.value = "PUTIN"  # case-insensitive
        await pilot.pause()
        assert names(app.sidebar) == ["Vladimir Putin"]
        app.sidebar.filter_input.value = "zzz"
        await pilot.pause()
        assert names(app.sidebar) == []
        assert lines(app.sidebar)[0].strip() == "No entity matches."
        assert "0 of 6" in header(app.sidebar)


async def test_only_one_side_filter() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.sidebar.only_one_side
        assert {e.presence for e in app.sidebar.shown} == {Presence.LEFT, Presence.RIGHT}
        assert names(app.sidebar) == ["Anthony Albanese", "Vladimir Putin", "Monday"]
        assert "3 of 6" in header(app.sidebar)
        await pilot.press("1")
        await pilot.pause()
        assert len(app.sidebar.shown) == 6


async def test_sort_toggles_between_count_and_name() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        people = names(app.sidebar)[:3]
        assert people == ["Xi Jinping", "Anthony Albanese", "Vladimir Putin"]
        await pilot.press("o")
        await pilot.pause()
        assert app.sidebar.sort_by == "name"
        assert names(app.sidebar)[:3] == ["Anthony Albanese", "Vladimir Putin", "Xi Jinping"]
        assert "by name" in header(app.sidebar)
        await pilot.press("o")
        await pilot.pause()
        assert names(app.sidebar)[:3] == people


async def test_enter_posts_selected_and_escape_posts_cleared() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        (message,) = app.posted
        assert isinstance(message, EntitySidebar.Selected)
        assert message.entity is PUTIN and not message.again
        assert app.sidebar.selected is PUTIN
        # The selection stays marked while the highlight moves on.
        await pilot.press("down")
        await pilot.pause()
        assert app.sidebar.entity_list.highlighted is XINHUA  # skipped the ORG heading
        selected_line = app.sidebar.entity_list.render_line(3)
        plain_line = app.sidebar.entity_list.render_line(1)
        assert "Vladimir Putin" in selected_line.text
        selected_bg = {seg.style.bgcolor for seg in selected_line if seg.style}
        plain_bg = {seg.style.bgcolor for seg in plain_line if seg.style}
        assert selected_bg != plain_bg
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.posted[-1], EntitySidebar.Cleared)
        assert app.sidebar.selected is None


async def test_choosing_the_selected_entity_again_says_so_and_clicks_select() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert [m.again for m in app.posted] == [False, True]  # type: ignore[attr-defined]
        entity_list = app.sidebar.entity_list
        await pilot.click(EntityList, offset=(5, 7))  # the PLACE group's Beijing
        await pilot.pause()
        assert app.posted[-1].entity is BEIJING  # type: ignore[attr-defined]
        assert entity_list.highlighted is BEIJING


async def test_filter_box_hands_over_to_the_list() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"bei", "enter")
        await pilot.pause()
        assert app.sidebar.entity_list.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert app.posted[-1].entity is BEIJING  # type: ignore[attr-defined]
        # escape from the filter box clears and returns to the list, so keys act again.
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert app.sidebar.entity_list.has_focus
        assert isinstance(app.posted[-1], EntitySidebar.Cleared)


async def test_mark_row_entities_styles_entries_without_moving_the_highlight() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entity_list = app.sidebar.entity_list
        before = entity_list.render_line(7)
        assert "Beijing" in before.text and not before.text.startswith(IN_ROW_GLYPH)
        app.sidebar.mark_row_entities({"Beijing", "Monday"})
        await pilot.pause()
        after = entity_list.render_line(7)
        assert after.text.startswith(IN_ROW_GLYPH)
        accent = entity_list.get_component_rich_style("entity-list--in-row").color
        name = next(seg for seg in after if "Beijing" in seg.text)
        assert name.style.bold and name.style.color == accent
        assert entity_list.render_line(9).text.startswith(IN_ROW_GLYPH)  # Monday
        assert not entity_list.render_line(1).text.startswith(IN_ROW_GLYPH)  # Xi
        assert entity_list.highlighted is XI


async def test_names_are_shown_literally_and_safely() -> None:
    hostile = entity("[bold]x[/] \x1b[31mred\x1b[0m", EntityType.OTHER, 1, 1)
    app = SidebarApp([hostile])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.sidebar.entity_list.render_line(1)
        assert "● [bold]x[/] ␛[31mred␛" in line.text
        assert not any("\x1b" in segment.text for segment in line)
        assert not any(segment.style and segment.style.link for segment in line)
        assert "\x1b" not in app.export_screenshot()


async def test_long_names_are_truncated_to_fit_the_width() -> None:
    long = entity("Office of the Central Commission for Foreign Affairs", EntityType.ORG, 12, 3)
    app = SidebarApp([long])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entity_list = app.sidebar.entity_list
        width = entity_list.scrollable_content_region.width
        line = entity_list.render_line(1)
        assert line.cell_length == width
        assert "…" in line.text and line.text.rstrip().endswith("12  3")


async def test_width_is_clamped_and_overlay_class_docks_over_the_panes() -> None:
    app = SidebarApp(ENTITIES)
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.sidebar
        sidebar.panel_width = 200
        await pilot.pause()
        assert sidebar.panel_width == 80
        sidebar.panel_width = 24
        await pilot.pause()
        assert sidebar.region.width == 24
        pane = app.query_one("#pane")
        assert pane.size.width == 80 - 24
        sidebar.add_class("-overlay")
        await pilot.pause()
        assert pane.size.width == 80  # the pane keeps its room; the sidebar floats over it
        assert sidebar.region.right == 80 and sidebar.region.width == 24
        widget, _ = app.screen.get_widget_at(70, 5)
        assert widget is sidebar or sidebar in widget.ancestors


async def test_selection_survives_new_entities_and_empty_states() -> None:
    app = SidebarApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert lines(app.sidebar)[0].strip() == "No entities found."
        app.sidebar.set_entities(ENTITIES)
        app.sidebar.selected = BEIJING
        await pilot.pause()
        copy = entity("Beijing", EntityType.PLACE, 5, 7)
        app.sidebar.set_entities([XI, copy])
        await pilot.pause()
        assert app.sidebar.selected is copy
        app.sidebar.set_entities([XI])
        assert app.sidebar.selected is None


async def test_with_extracted_entities() -> None:
    left = document_from_text("President Xi Jinping met Vladimir Putin in Moscow on Monday.")
    right = document_from_text("Xi met Putin in Moscow. Xi praised Russia.")
    found = extract_entities(left, right)
    app = SidebarApp(found)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {e.name: e for e in app.sidebar.shown}
        assert "Xi Jinping" in shown and shown["Xi Jinping"].presence is Presence.BOTH
        text = "\n".join(lines(app.sidebar))
        assert "Xi Jinping" in text and "PERSON" in text


async def test_sidebar_keys_can_be_remapped_in_the_config() -> None:
    config = Config.from_mapping({"keys": {"sidebar_sort": "S", "sidebar_one_side": "1"}})
    assert config.keymap() == {"sidebar_sort": "S"}
    assert Config.from_mapping(tomllib.loads(config.to_toml())) == config
    assert "sidebar_sort" not in dict(Config().keys)  # unchanged sidebar keys stay out
    app = SidebarApp(ENTITIES)
    app.set_keymap(config.keymap())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.sidebar.sort_by == "count"
        await pilot.press("S")
        await pilot.pause()
        assert app.sidebar.sort_by == "name"
