"""Every key binding of the reader, in one place, each with a stable id.

The ids let a ``[keys]`` table in the config remap any action (``App.set_keymap``), and
the help screen is generated from the live bindings, so a rebound key shows up there too.
"""

from __future__ import annotations

from textual.binding import Binding

READER_BINDINGS: list[Binding] = [
    Binding("j,down", "line_down", "Down", show=False, id="line_down"),
    Binding("k,up", "line_up", "Up", show=False, id="line_up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
    Binding("g,home", "top", "Top", show=False, id="top"),
    Binding("G,end", "bottom", "Bottom", show=False, id="bottom"),
    Binding("tab", "other_pane", "Other pane", show=False, id="other_pane", priority=True),
    Binding("s", "toggle_sync", "Sync", id="toggle_sync"),
    Binding("v", "toggle_mode", "Sentences", id="toggle_mode"),
    Binding("question_mark", "help", "Help", key_display="?", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]

SECTIONS: list[tuple[str, list[str]]] = [
    ("Reading", ["line_down", "line_up", "page_down", "page_up", "top", "bottom"]),
    ("Panes", ["other_pane", "toggle_sync", "toggle_mode"]),
    ("Other", ["help", "quit"]),
]
"""How the help screen groups the actions, by binding id."""

DESCRIPTIONS: dict[str, str] = {
    "line_down": "Scroll down one line",
    "line_up": "Scroll up one line",
    "page_down": "Scroll down one page",
    "page_up": "Scroll up one page",
    "top": "Go to the first row",
    "bottom": "Go to the last row",
    "other_pane": "Focus the other pane",
    "toggle_sync": "Lock or unlock synchronised scrolling",
    "toggle_mode": "Switch between paragraph rows and sentence rows",
    "help": "Show this help",
    "quit": "Quit Diptych",
}
