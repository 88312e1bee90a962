"""The search bar in a tiny app: debounced changes, submit, close, mode, count, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Input, Static

import tui.ui
from tui.ui.widgets.search_bar import SearchBar, count_text


class SearchApp(App[None]):
    """Content, the bar and a footer stacked as the reader does, recording what it posts."""

    CSS_PATH = Path(tui.ui.__file__).parent / "app.tcss"
    CSS = "#content { height: 1fr; }"
    BINDINGS = [Binding("n", "bump", "Next")]

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[Message] = []
        self.bumps = 0

    def compose(self) -> ComposeResult:
        yield Static("content", id="content")
        yield SearchBar(id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchBar).focus_input()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.posted.append(message)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        self.posted.append(message)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.posted.append(message)

    def action_bump(self) -> None:
        self.bumps += 1

    def summary(self) -> list[tuple[str, ...]]:
        """The posted messages as (kind, query, mode) tuples, easy to compare."""
        out: list[tuple[str, ...]] = []
        for message in self.posted:
            if isinstance(message, SearchBar.Closed):
                out.append(("closed",))
            else:
                kind = "changed" if isinstance(message, SearchBar.Changed) else "submitted"
                mode = "fuzzy" if message.fuzzy else "plain"
                out.append((kind, message.query, mode))
        return out


@pytest.fixture
def slow_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide debounce window so typing five keys is always inside it, even on a busy CI."""
    monkeypatch.setattr(SearchBar, "DEBOUNCE", 0.5)


async def test_typing_sends_one_debounced_change(slow_debounce: None) -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        await pilot.press(*"putin")
        assert app.summary() == []  # still inside the debounce window
        await pilot.pause(0.7)
        assert app.summary() == [("changed", "putin", "plain")]
        assert app.bumps == 0  # "n" went into the query, not to the app's binding


async def test_enter_flushes_the_pending_change_then_submits(slow_debounce: None) -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        await pilot.press("x", "i", "enter")
        assert app.summary() == [("changed", "xi", "plain"), ("submitted", "xi", "plain")]
        await pilot.pause(0.7)
        assert len(app.posted) == 2  # the cancelled timer does not fire later
        await pilot.press("enter")
        assert app.summary()[-1] == ("submitted", "xi", "plain")
        assert len(app.posted) == 3  # nothing pending, so no second change


async def test_ctrl_f_switches_mode_and_searches_at_once() -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        bar = app.query_one(SearchBar)
        mode = app.query_one("#search-mode", Static)
        assert str(mode.render()).startswith("plain")
        await pilot.press("ctrl+f")
        assert bar.fuzzy
        assert str(mode.render()).startswith("fuzzy") and mode.has_class("-fuzzy")
        assert app.summary() == [("changed", "", "fuzzy")]
        assert isinstance(app.focused, Input)  # still typing
        await pilot.click("#search-mode")
        assert not bar.fuzzy
        assert app.summary()[-1] == ("changed", "", "plain")


async def test_starting_in_fuzzy_mode() -> None:
    class FuzzyApp(SearchApp):
        def compose(self) -> ComposeResult:
            yield SearchBar(fuzzy=True)

    app = FuzzyApp()
    async with app.run_test() as pilot:
        mode = app.query_one("#search-mode", Static)
        assert str(mode.render()).startswith("fuzzy") and mode.has_class("-fuzzy")
        await pilot.press("x", "enter")
        assert app.summary() == [("changed", "x", "fuzzy"), ("submitted", "x", "fuzzy")]


async def test_escape_closes(slow_debounce: None) -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        await pilot.press("a", "escape")
        await pilot.pause(0.7)
        assert app.summary() == [("closed",)]  # the pending change was dropped


async def test_count_label() -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        bar = app.query_one(SearchBar)
        count = app.query_one("#search-count", Static)
        bar.show_count(None, 0)
        assert bar.count_label == ""  # no query yet: say nothing
        await pilot.press(*"xi")
        bar.show_count(None, 0)
        assert bar.count_label == "no matches" and count.has_class("-none")
        bar.show_count(None, 12)
        assert bar.count_label == "12 matches" and not count.has_class("-none")
        bar.show_count(2, 12)
        await pilot.pause()
        assert bar.count_label == "3 of 12"
        assert str(count.render()) == "3 of 12"


@pytest.mark.parametrize(
    ("query", "current", "total", "capped", "expected"),
    [
        ("", None, 5, False, ""),
        ("  ", 0, 5, False, ""),
        ("a", None, 0, False, "no matches"),
        ("a", None, 1, False, "1 match"),
        ("a", None, 7, False, "7 matches"),
        ("a", 0, 7, False, "1 of 7"),
        ("a", 6, 7, False, "7 of 7"),
        ("a", 9, 7, False, "7 matches"),  # a stale cursor is not shown
        ("a", 4, 10000, True, "5 of 10000+"),
        ("a", None, 10000, True, "10000+ matches"),
    ],
)
def test_count_text(
    query: str, current: int | None, total: int, capped: bool, expected: str
) -> None:
    assert count_text(query, current, total, capped) == expected


async def test_query_is_never_markup(slow_debounce: None) -> None:
    app = SearchApp()
    async with app.run_test() as pilot:
        bar = app.query_one(SearchBar)
        await pilot.press(*"[b]x[/b]", "enter")
        assert app.summary()[-1] == ("submitted", "[b]x[/b]", "plain")
        assert bar.value == "[b]x[/b]"
        bar.set_query("[red]y")
        await pilot.pause(0.7)
        assert bar.value == "[red]y"
        assert app.summary()[-1] == ("submitted", "[b]x[/b]", "plain")  # no change sent


async def test_bar_is_one_line_just_above_the_footer() -> None:
    app = SearchApp()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        bar = app.query_one(SearchBar)
        footer = app.query_one(Footer)
        assert bar.region.height == 1 and bar.region.width == 80
        assert bar.region.bottom == footer.region.y
        field = app.query_one("#search-input", Input)
        assert field.region.height == 1 and field.region.width > 40
