"""The reader's key bindings, built from the action list in :mod:`tui.actions`.

Each binding's id is its action id, so a ``[keys]`` table in the config can remap any
action (``App.set_keymap``); the help screen is generated from the live bindings, so a
rebound key shows up there too. Only what is purely about display lives here.
"""

from __future__ import annotations

from textual.binding import Binding

from tui.actions import ACTIONS

FOOTER_LABELS: dict[str, str] = {
    "next_difference": "Next diff",
    "next_conflict": "Conflict",
    "cycle_highlight": "Highlight",
    "toggle_sidebar": "Entities",
    "open_search": "Search",
    "toggle_sync": "Sync",
    "toggle_mode": "Sentences",
    "help": "Help",
    "quit": "Quit",
}
"""Actions shown in the footer, with their short labels."""

_KEY_DISPLAY = {
    "help": "?",
    "open_search": "/",
    "next_match": ">",
    "previous_match": "<",
    "bookmarks": "'",
}
_PRIORITY = {"other_pane"}  # tab would otherwise move focus before the screen sees it

READER_BINDINGS: list[Binding] = [
    Binding(
        action.keys,
        action.id,
        FOOTER_LABELS.get(action.id, action.description),
        show=action.id in FOOTER_LABELS,
        key_display=_KEY_DISPLAY.get(action.id),
        priority=action.id in _PRIORITY,
        id=action.id,
    )
    for action in ACTIONS
]
