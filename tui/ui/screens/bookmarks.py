"""Bookmark dialogs: a note prompt when adding one, and the list to jump back to one.

The screens never touch the saved state themselves. The note prompt returns the note; the
list returns a :class:`BookmarkChoice` with the row to go to *and* the bookmarks deleted
while it was open, so the caller (the reader) owns persistence in one place.

Row numbers are shown 1-based, like the status line, while ``Bookmark.row`` stays the
0-based index the reader stores. Notes and excerpts are text from the user's files and
state file: they are shown as plain ``Content`` with display-safe characters, never as
markup.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.cells import char_width, display_char
from tui.state import Bookmark

NOTE_MAX = 120
"""Longest note accepted: it is a label for a list line, not a document."""
EXCERPT_WIDTH = 64
"""Cells of row text shown under each bookmark: enough to recognise the place."""


@dataclass(frozen=True)
class BookmarkChoice:
    """What the bookmark list was closed with.

    ``row`` is the bookmark row to jump to (None when closed with escape); ``deleted``
    holds every bookmark removed while the list was open, in the order removed, to be
    dropped from the saved state whether or not a row was chosen.
    """

    row: int | None
    deleted: tuple[Bookmark, ...] = ()


def relative_age(created: float, now: float) -> str:
    """How long ago ``created`` was, in words ("just now", "2 min ago", "3 days ago").

    ``now`` is passed in so the list reads the same in a test as on screen; an unknown
    time (0, from an old state file) gives "".
    """
    if created <= 0:
        return ""
    seconds = max(0.0, now - created)
    minutes = int(seconds // 60)
    hours = int(seconds // 3600)
    days = int(seconds // 86400)
    if seconds < 60:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if hours < 24:
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    if days < 2:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 365:
        return f"{days // 30} months ago"
    years = days // 365
    return "1 year ago" if years == 1 else f"{years} years ago"


def one_line(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` cells, display-safe, with "…" if cut.

    Whitespace runs (newlines included) become one space, and every character is replaced
    by its safe display form, so a control character in a file cannot reach the terminal.
    """
    flat = " ".join(text.split())
    widths = [char_width(char) for char in flat]
    if sum(widths) <= width:
        return "".join(map(display_char, flat))
    shown: list[str] = []
    used = 0
    for char, cells in zip(flat, widths, strict=True):
        if used + cells > width - 1:
            break
        shown.append(display_char(char))
        used += cells
    return "".join(shown).rstrip() + "…"


class BookmarkNoteScreen(ModalScreen[str | None]):
    """Ask for an optional note for a new bookmark: enter keeps it ('' is fine), escape
    cancels the bookmark (None)."""

    DEFAULT_CSS = """
    BookmarkNoteScreen {
        align: center middle;
    }
    #bookmark-note-box {
        width: 64;
        max-width: 95%;
        height: auto;
        background: $panel;
        border: round $accent;
        padding: 1 2;
    }
    #bookmark-note-prompt {
        margin-bottom: 1;
    }
    #bookmark-note-input {
        background: $boost;
    }
    #bookmark-note-hint {
        margin-top: 1;
        color: $foreground-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="bookmark_note_cancel")]

    def __init__(self, row: int, note: str = "", *, unit: str = "row") -> None:
        """``row`` is the 0-based row being bookmarked; ``unit`` names it ("row",
        "sentence"); ``note`` pre-fills the input (editing an existing bookmark)."""
        super().__init__()
        self.row = row
        self.note = note
        self.unit = unit

    @property
    def prompt(self) -> str:
        return f"Bookmark {self.unit} {self.row + 1} — note (optional):"

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmark-note-box"):
            yield Static(self.prompt, id="bookmark-note-prompt", markup=False)
            yield Input(
                one_line(self.note, NOTE_MAX),
                placeholder="a few words to recognise it by",
                max_length=NOTE_MAX,
                id="bookmark-note-input",
                compact=True,
            )
            yield Static(
                "enter: add bookmark · escape: cancel", id="bookmark-note-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#bookmark-note-input", Input).focus()

    @on(Input.Submitted, "#bookmark-note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(event.value.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class BookmarkListScreen(ModalScreen[BookmarkChoice]):
    """The pair's bookmarks, most recent first: choose one to jump to, or delete some."""

    DEFAULT_CSS = """
    BookmarkListScreen {
        align: center middle;
    }
    #bookmark-box {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        background: $panel;
        border: round $accent;
        padding: 1 2;
    }
    #bookmark-title {
        text-style: bold;
        color: $accent;
        margin-bottom: 1;
    }
    #bookmark-list {
        height: auto;
        max-height: 24;
        background: $panel;
    }
    #bookmark-empty {
        color: $foreground-muted;
        text-style: italic;
    }
    #bookmark-hint {
        margin-top: 1;
        color: $foreground-muted;
    }
    """

    BINDINGS = [
        Binding("d,delete", "delete", "Delete bookmark", id="bookmark_delete"),
        Binding("escape,q", "close", "Close", id="bookmark_close"),
    ]

    def __init__(
        self,
        bookmarks: Sequence[Bookmark],
        excerpts: Mapping[int, str] | None = None,
        *,
        now: float | None = None,
        add_key: str = "m",
        unit: str = "row",
    ) -> None:
        """``excerpts`` maps a bookmark's row to plain text of that row (the caller picks
        the left or right side); ``now`` fixes the clock for the ages shown; ``add_key``
        is the key named in the empty list's hint (the user may have rebound it)."""
        super().__init__()
        self.bookmarks = sorted(bookmarks, key=lambda mark: (-mark.created, mark.row))
        self.excerpts = dict(excerpts or {})
        self.now = time.time() if now is None else now
        self.add_key = add_key
        self.unit = unit
        self.deleted: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmark-box"):
            yield Static("Bookmarks", id="bookmark-title", markup=False)
            yield OptionList(
                *(self._option(index, mark) for index, mark in enumerate(self.bookmarks)),
                id="bookmark-list",
            )
            yield Static(self.empty_text, id="bookmark-empty", markup=False)
            yield Static(
                "enter: go to · d: delete · escape: close", id="bookmark-hint", markup=False
            )

    @property
    def empty_text(self) -> str:
        return f"No bookmarks yet — press {self.add_key} on a {self.unit} to add one."

    def on_mount(self) -> None:
        self._show_empty_state()
        options = self.query_one("#bookmark-list", OptionList)
        if options.option_count:
            options.highlighted = 0
            options.focus()

    def _option(self, index: int, mark: Bookmark) -> Option:
        """Two lines: row, note and age; then the row's excerpt (all plain text)."""
        age = relative_age(mark.created, self.now)
        first: list[str | tuple[str, str]] = [(f"{self.unit.capitalize()} {mark.row + 1}", "bold")]
        if mark.note:
            first += ["  ", one_line(mark.note, NOTE_MAX)]
        if age:
            first += [("  · " + age, "dim")]
        lines: list[str | tuple[str, str]] = [*first]
        excerpt = self.excerpts.get(mark.row, "")
        if excerpt.strip():
            lines += ["\n", ("  " + one_line(excerpt, EXCERPT_WIDTH), "dim")]
        return Option(Content.assemble(*lines), id=f"bookmark-{index}")

    def _show_empty_state(self) -> None:
        options = self.query_one("#bookmark-list", OptionList)
        empty = options.option_count == 0
        options.display = not empty
        self.query_one("#bookmark-empty", Static).display = empty

    def _bookmark(self, option_id: str) -> Bookmark:
        return self.bookmarks[int(option_id.removeprefix("bookmark-"))]

    @on(OptionList.OptionSelected, "#bookmark-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            mark = self._bookmark(event.option.id)
            self.dismiss(BookmarkChoice(mark.row, tuple(self.deleted)))

    def action_delete(self) -> None:
        options = self.query_one("#bookmark-list", OptionList)
        option = options.highlighted_option
        if option is None or option.id is None:
            return
        self.deleted.append(self._bookmark(option.id))
        options.remove_option(option.id)
        self._show_empty_state()

    def action_close(self) -> None:
        self.dismiss(BookmarkChoice(None, tuple(self.deleted)))
