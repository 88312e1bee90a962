"""The one-line search bar: a query, a plain/fuzzy switch, and the match count.

The bar only collects what to search for and shows how many hits there are; the reader
owns the search itself (:mod:`tui.core.search`) and the highlighting. It talks to the
reader through three messages:

- :class:`SearchBar.Changed` while typing, debounced (``DEBOUNCE`` seconds after the last
  keystroke) so a long text is searched once per pause rather than once per letter; also
  sent at once when the mode is switched.
- :class:`SearchBar.Submitted` on enter. A pending ``Changed`` is sent first, so the
  reader has always searched the latest query by the time it is asked to go to a hit.
- :class:`SearchBar.Closed` on escape.

Keys inside the bar: ``ctrl+f`` switches plain/fuzzy (an ``Input`` leaves it unbound, and
``tab`` is the reader's priority key for the other pane, so it cannot be used here);
``enter`` submits; ``escape`` closes. Clicking the mode label switches too.

Everything shown is plain text: the query is whatever the user typed and is never
interpreted as markup.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

DEBOUNCE = 0.15
"""Seconds of quiet typing before a ``Changed`` is sent."""

PLACEHOLDER = "search both texts · enter: go to matches · ctrl+f: plain/fuzzy · esc: close"


def count_text(query: str, current: int | None, total: int, capped: bool = False) -> str:
    """What the count label says: nothing for no query, "no matches", "12 matches", "3 of 12".

    ``current`` is the 0-based index of the current match (shown 1-based); ``capped``
    means the search stopped at its limit, so the total is a lower bound.
    """
    if not query.strip():
        return ""
    if total <= 0:
        return "no matches"
    shown = f"{total}+" if capped else str(total)
    if current is None or not 0 <= current < total:
        return f"{shown} match" if total == 1 and not capped else f"{shown} matches"
    return f"{current + 1} of {shown}"


class SearchBar(Horizontal):
    """A prompt, the query ``Input``, the mode label and the count label, on one line."""

    BINDINGS = [
        Binding("ctrl+f", "toggle_fuzzy", "Plain/fuzzy", key_display="^f", id="search_fuzzy"),
        Binding("escape", "close", "Close search", id="search_close"),
    ]

    DEBOUNCE: float = DEBOUNCE
    """Seconds of quiet typing before ``Changed`` (a class attribute so tests can widen it)."""

    fuzzy: reactive[bool] = reactive(False, init=False)
    """Fuzzy mode (spelling variants) rather than plain (typography-forgiving) search."""

    class Changed(Message):
        """The query or the mode changed (debounced while typing)."""

        def __init__(self, bar: SearchBar, query: str, fuzzy: bool) -> None:
            super().__init__()
            self.bar = bar
            self.query = query
            self.fuzzy = fuzzy

        @property
        def control(self) -> SearchBar:
            return self.bar

    class Submitted(Message):
        """Enter was pressed: go to the matches of ``query``."""

        def __init__(self, bar: SearchBar, query: str, fuzzy: bool) -> None:
            super().__init__()
            self.bar = bar
            self.query = query
            self.fuzzy = fuzzy

        @property
        def control(self) -> SearchBar:
            return self.bar

    class Closed(Message):
        """Escape was pressed: the reader should hide the bar and give focus back."""

        def __init__(self, bar: SearchBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> SearchBar:
            return self.bar

    def __init__(
        self,
        *,
        fuzzy: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(SearchBar.fuzzy, fuzzy)
        self._pending: Timer | None = None
        self.count_label = ""
        """The count as last shown (for tests and the reader's status line)."""

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt", markup=False)
        yield Input(placeholder=PLACEHOLDER, id="search-input", compact=True)
        yield Static(self._mode_text(), id="search-mode", markup=False)
        yield Static("", id="search-count", markup=False)

    def on_mount(self) -> None:
        self.query_one("#search-mode", Static).set_class(self.fuzzy, "-fuzzy")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        """The query as typed."""
        return self.input.value

    def focus_input(self, *, select: bool = True) -> None:
        """Put the cursor in the query; with ``select`` the old query is selected so typing
        replaces it (as in most search boxes) while enter searches it again."""
        self.input.focus()
        if select and self.input.value:
            self.input.select_all()

    def set_query(self, query: str) -> None:
        """Replace the query without sending ``Changed`` (e.g. restoring a previous search)."""
        with self.input.prevent(Input.Changed):
            self.input.value = query
        self._cancel_pending()

    def show_count(self, current: int | None, total: int, *, capped: bool = False) -> None:
        """Show "3 of 12" (``current`` is the 0-based index of the current match), "12
        matches" when there is no current match yet, or "no matches"."""
        self.count_label = count_text(self.value, current, total, capped)
        label = self.query_one("#search-count", Static)
        label.update(self.count_label)
        label.set_class(bool(self.count_label) and total <= 0, "-none")

    # -- typing --------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._cancel_pending()
        self._pending = self.set_timer(self.DEBOUNCE, self._send_changed)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._pending is not None:
            self._send_changed()
        self.post_message(self.Submitted(self, self.value, self.fuzzy))

    def _send_changed(self) -> None:
        self._cancel_pending()
        self.post_message(self.Changed(self, self.value, self.fuzzy))

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None

    # -- mode ----------------------------------------------------------------------------

    def _mode_text(self) -> Content:
        return Content.assemble(("fuzzy" if self.fuzzy else "plain", "bold"), (" ^f", "dim"))

    def watch_fuzzy(self, fuzzy: bool) -> None:
        mode = self.query_one("#search-mode", Static)
        mode.update(self._mode_text())
        mode.set_class(fuzzy, "-fuzzy")
        self._send_changed()

    def action_toggle_fuzzy(self) -> None:
        self.fuzzy = not self.fuzzy

    @on(events.Click, "#search-mode")
    def _mode_clicked(self) -> None:
        self.action_toggle_fuzzy()

    def action_close(self) -> None:
        self._cancel_pending()
        self.post_message(self.Closed(self))
