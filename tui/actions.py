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
    section: str
    """The help screen's heading for the action."""


ACTIONS: tuple[Action, ...] = (
    Action("line_down", "j,down", "Scroll down one line", "Reading"),
    Action("line_up", "k,up", "Scroll up one line", "Reading"),
    Action("page_down", "pagedown,space", "Scroll down one page", "Reading"),
    Action("page_up", "pageup", "Scroll up one page", "Reading"),
    Action("top", "g,home", "Go to the first row", "Reading"),
    Action("bottom", "G,end", "Go to the last row", "Reading"),
    Action("other_pane", "tab", "Focus the other pane", "Panes"),
    Action("toggle_sync", "s", "Lock or unlock synchronised scrolling", "Panes"),
    Action("toggle_mode", "v", "Switch between paragraph rows and sentence rows", "Panes"),
    Action("next_difference", "n,right_square_bracket", "Next difference", "Differences"),
    Action("previous_difference", "N,left_square_bracket", "Previous difference", "Differences"),
    Action("next_conflict", "c", "Next factual conflict", "Differences"),
    Action("previous_conflict", "C", "Previous factual conflict", "Differences"),
    Action("cycle_highlight", "d", "Highlight words, characters, or nothing", "Differences"),
    Action("toggle_ignore_case", "I", "Ignore or show letter-case changes", "Diff options"),
    Action("toggle_ignore_punctuation", "P", "Ignore or show punctuation changes", "Diff options"),
    Action("toggle_whitespace", "W", "Show or hide whitespace changes", "Diff options"),
    Action("toggle_quote_style", "O", "Show or hide quote and dash style changes", "Diff options"),
    Action("toggle_sidebar", "e", "Show or hide the entity sidebar", "Entities"),
    Action("focus_sidebar", "E", "Go to the entity list (filter, choose)", "Entities"),
    Action("next_mention", "enter,period", "Next mention of the selected entity", "Entities"),
    Action(
        "previous_mention",
        "shift+enter,comma",
        "Previous mention of the selected entity",
        "Entities",
    ),
    Action("open_search", "slash", "Search both texts (ctrl+f in the bar: fuzzy)", "Search"),
    Action("next_match", "greater_than_sign", "Next search match", "Search"),
    Action("previous_match", "less_than_sign", "Previous search match", "Search"),
    Action("add_bookmark", "m", "Bookmark the current row (with an optional note)", "Search"),
    Action("bookmarks", "apostrophe", "List this pair's bookmarks and jump to one", "Search"),
    Action("help", "question_mark", "Show the help screen", "Other"),
    Action("quit", "q", "Quit Diptych", "Other"),
)

ACTION_IDS: tuple[str, ...] = tuple(action.id for action in ACTIONS)
"""Every binding id a ``[keys]`` table may name, in the order of ``READER_BINDINGS``."""

DEFAULT_KEYS: Mapping[str, str] = MappingProxyType({action.id: action.keys for action in ACTIONS})
"""Binding id -> default keys, for filling in what the config leaves unset."""

# -- Entities ---------------------------------------------------------------------------------

SIDEBAR_ACTIONS: tuple[Action, ...] = (
    Action("sidebar_sort", "o", "Sort entities by mention count or by name", "Entities"),
    Action("sidebar_one_side", "1", "Show only entities that one text alone mentions", "Entities"),
    Action("sidebar_filter", "slash", "Type to filter the entity list", "Entities"),
    Action("sidebar_clear", "escape", "Clear the selected entity", "Entities"),
)
"""Keys of the entity sidebar, bound on the sidebar itself rather than on the reader.

They only act while the sidebar has focus, so they may reuse keys the reader binds, and
they are kept out of :data:`ACTIONS`, which must mirror ``READER_BINDINGS`` exactly. The
config's ``[keys]`` table accepts their ids all the same.
"""

SIDEBAR_ACTION_IDS: tuple[str, ...] = tuple(action.id for action in SIDEBAR_ACTIONS)

SIDEBAR_DEFAULT_KEYS: Mapping[str, str] = MappingProxyType(
    {action.id: action.keys for action in SIDEBAR_ACTIONS}
)
