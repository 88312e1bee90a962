"""The bookmark note prompt and bookmark list, pushed over a tiny app."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from tui.state import Bookmark
from tui.ui.screens.bookmarks import (
    BookmarkChoice,
    BookmarkListScreen,
    BookmarkNoteScreen,
    one_line,
    relative_age,
)

NOW = 1_726_000_000.0


class Host(App[None]):
    """Pushes one dialog at start and records what it is dismissed with."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


# -- the note prompt -------------------------------------------------------------------------


async def test_note_prompt_returns_the_note() -> None:
    app = Host(BookmarkNoteScreen(12))
    async with app.run_test() as pilot:
        prompt = app.screen.query_one("#bookmark-note-prompt", Static)
        assert str(prompt.render()) == "Bookmark row 13 — note (optional):"
        assert isinstance(app.focused, Input)
        await pilot.press(*"turning  point", "enter")
        await pilot.pause()
        assert app.results == ["turning point"]
        assert not isinstance(app.screen, BookmarkNoteScreen)


async def test_note_prompt_allows_no_note_and_escape_cancels() -> None:
    app = Host(BookmarkNoteScreen(0, unit="sentence"))
    async with app.run_test() as pilot:
        prompt = app.screen.query_one("#bookmark-note-prompt", Static)
        assert str(prompt.render()) == "Bookmark sentence 1 — note (optional):"
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [""]
    app = Host(BookmarkNoteScreen(3, "old note"))
    async with app.run_test() as pilot:
        assert app.screen.query_one(Input).value == "old note"
        await pilot.press("x", "escape")
        await pilot.pause()
        assert app.results == [None]


async def test_note_is_never_markup() -> None:
    app = Host(BookmarkNoteScreen(1))
    async with app.run_test() as pilot:
        await pilot.press(*"[b]bold?[/b]", "enter")
        await pilot.pause()
        assert app.results == ["[b]bold?[/b]"]


# -- the list --------------------------------------------------------------------------------

MARKS = [
    Bookmark(4, "opening", NOW - 3 * 86400),
    Bookmark(40, "", NOW - 125),
    Bookmark(17, "the quote", NOW - 2 * 3600),
]
EXCERPTS = {
    4: "Wang Yi met Putin\nin St Petersburg.",
    17: "“We are ready,” he said.",
    40: "A very long row " * 10,
}


def prompts(app: App[Any]) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


async def test_list_shows_most_recent_first_with_age_note_and_excerpt() -> None:
    app = Host(BookmarkListScreen(MARKS, EXCERPTS, now=NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = prompts(app)
        assert [line.split("\n")[0] for line in shown] == [
            "Row 41  · 2 min ago",
            "Row 18  the quote  · 2 hours ago",
            "Row 5  opening  · 3 days ago",
        ]
        assert shown[2].split("\n")[1] == "  Wang Yi met Putin in St Petersburg."
        assert shown[0].split("\n")[1].endswith("…")
        assert isinstance(app.focused, OptionList)
        assert not app.screen.query_one("#bookmark-empty", Static).display


async def test_enter_returns_the_highlighted_row() -> None:
    app = Host(BookmarkListScreen(MARKS, EXCERPTS, now=NOW))
    async with app.run_test() as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == [BookmarkChoice(17, ())]


async def test_deleting_reports_what_was_deleted() -> None:
    app = Host(BookmarkListScreen(MARKS, EXCERPTS, now=NOW))
    async with app.run_test() as pilot:
        await pilot.press("d")  # the most recent (row 40)
        await pilot.pause()
        assert [p.split("\n")[0][:6] for p in prompts(app)] == ["Row 18", "Row 5 "]
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [BookmarkChoice(17, (MARKS[1],))]


async def test_deleting_all_shows_the_empty_state_and_escape_keeps_deletions() -> None:
    app = Host(BookmarkListScreen(MARKS, EXCERPTS, now=NOW))
    async with app.run_test() as pilot:
        await pilot.press("delete", "d", "d", "d")  # one press more than there are marks
        await pilot.pause()
        empty = app.screen.query_one("#bookmark-empty", Static)
        assert empty.display and not app.screen.query_one(OptionList).display
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [BookmarkChoice(None, (MARKS[1], MARKS[2], MARKS[0]))]


async def test_empty_list_says_how_to_add_one() -> None:
    app = Host(BookmarkListScreen([], now=NOW, add_key="b"))
    async with app.run_test() as pilot:
        empty = app.screen.query_one("#bookmark-empty", Static)
        assert empty.display
        assert str(empty.render()) == "No bookmarks yet — press b on a row to add one."
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.results == [BookmarkChoice(None, ())]


async def test_list_text_is_never_markup_nor_raw_control_characters() -> None:
    marks = [Bookmark(0, "[red]boom[/red]", NOW - 30)]
    excerpts = {0: "evil \x1b[31mred\x07 [link=x]y[/link]"}
    app = Host(BookmarkListScreen(marks, excerpts, now=NOW))
    async with app.run_test() as pilot:
        await pilot.pause()
        (shown,) = prompts(app)
        assert shown == "Row 1  [red]boom[/red]  · just now\n  evil ␛[31mred␇ [link=x]y[/link]"
        assert "\x1b" not in shown and "\x07" not in shown


# -- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (0, "just now"),
        (59, "just now"),
        (-30, "just now"),  # a clock that went backwards
        (60, "1 min ago"),
        (125, "2 min ago"),
        (3599, "59 min ago"),
        (3600, "1 hour ago"),
        (5 * 3600, "5 hours ago"),
        (86400, "yesterday"),
        (3 * 86400, "3 days ago"),
        (20 * 86400, "2 weeks ago"),
        (90 * 86400, "3 months ago"),
        (365 * 86400, "1 year ago"),
        (800 * 86400, "2 years ago"),
    ],
)
def test_relative_age(ago: float, expected: str) -> None:
    assert relative_age(NOW - ago, NOW) == expected


def test_relative_age_of_an_unknown_time_is_blank() -> None:
    assert relative_age(0.0, NOW) == ""


def test_one_line_flattens_cuts_and_makes_safe() -> None:
    assert one_line("a\n\n b\tc ", 10) == "a b c"
    assert one_line("abcdefghij", 10) == "abcdefghij"
    assert one_line("abcdefghijk", 10) == "abcdefghi…"
    assert one_line("漢字漢字漢字", 7) == "漢字漢…"
    assert one_line("x\x1by", 10) == "x␛y"
