"""The reader's actions by binding id, without importing Textual.

The config file's ``[keys]`` table is validated against these ids, and ``diptych config
show`` prints every action's effective keys. Both must work without loading the terminal
toolkit, so the ids and default keys live here as plain data. ``tui/ui/bindings.py`` is the
source the app actually binds; a test checks the two agree so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Action:
    """One bindable action: its stable id, default keys (Textual syntax) and what it does."""

    id: str
    keys: str
    """Comma-separated Textual key names, exactly as in the action's ``Binding``."""
    description: str


ACTIONS: tuple[Action, ...] = (
    Action("line_down", "j,down", "Scroll down one line"),
    Action("line_up", "k,up", "Scroll up one line"),
    Action("page_down", "pagedown,space", "Scroll down one page"),
    Action("page_up", "pageup", "Scroll up one page"),
    Action("top", "g,home", "Go to the first row"),
    Action("bottom", "G,end", "Go to the last row"),
    Action("other_pane", "tab", "Focus the other pane"),
    Action("toggle_sync", "s", "Lock or unlock synchronised scrolling"),
    Action("toggle_mode", "v", "Switch between paragraph rows and sentence rows"),
    Action("help", "question_mark", "Show the help screen"),
    Action("quit", "q", "Quit Diptych"),
)

ACTION_IDS: tuple[str, ...] = tuple(action.id for action in ACTIONS)
"""Every binding id a ``[keys]`` table may name, in the order of ``READER_BINDINGS``."""

DEFAULT_KEYS: Mapping[str, str] = MappingProxyType({action.id: action.keys for action in ACTIONS})
"""Binding id -> default keys, for filling in what the config leaves unset."""
