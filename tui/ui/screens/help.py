"""The help screen: every key of the reader, generated from the live bindings.

Because it reads the bindings the screen actually has (after any keymap from the config),
a rebound key is shown as it really is.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.style import Style
from textual.widgets import Static

from tui.actions import ACTIONS


def keys_by_action(screen: Screen[object]) -> dict[str, list[str]]:
    """The keys currently bound to each binding id of ``screen``, in display form."""
    keys: dict[str, list[str]] = {}
    # Textual applies the app's keymap to a copy of the bindings when it looks keys up.
    bindings_map = screen._bindings.copy()
    bindings_map.apply_keymap(getattr(screen.app, "_keymap", {}))
    for key, bindings in bindings_map.key_to_bindings.items():
        for binding in bindings:
            if binding.id:
                display = binding.key_display or screen.app.get_key_display(
                    Binding(key, binding.action)
                )
                keys.setdefault(binding.id, []).append(display)
    return keys


LEGEND: list[tuple[str, str, str]] = [
    ("text-pane--delete", "dropped", "only the left text has these words"),
    ("text-pane--insert", "added", "only the right text has these words"),
    ("text-pane--change", "changed", "worded differently on the two sides"),
    ("text-pane--change-char", "letters", "the characters that differ (highlight: characters)"),
    ("text-pane--conflict", "conflict", "a fact that disagrees: date, weekday, number, name"),
]
GUTTER_LEGEND = "gutter:  ~ changed  - left only  + right only  ⇄ moved  ! conflict"


def legend(screen: Screen[object]) -> Content:
    """Samples of each diff style, taken from the live pane so they match the theme."""
    from tui.ui.widgets.text_pane import TextPane

    panes = list(screen.query(TextPane))
    parts: list[Content | str | tuple[str, str | Style]] = [("Legend\n", "bold")]
    for component, sample, meaning in LEGEND:
        style: str | Style = "reverse"
        if panes:
            style = Style.from_rich_style(panes[0].get_component_rich_style(component))
        parts += ["  ", (f" {sample} ", style), " " * (11 - len(sample)), f"{meaning}\n"]
    parts.append(f"  {GUTTER_LEGEND}\n")
    parts.append("          ┃ marks the current row\n")
    parts.append("  ╱╱╱ stands opposite text that only the other side has\n\n")
    return Content.assemble(*parts)


def help_text(screen: Screen[object]) -> Content:
    """The help page as plain text content (no markup is interpreted)."""
    keys = keys_by_action(screen)
    parts: list[Content | str | tuple[str, str]] = [legend(screen)]
    sections = dict.fromkeys(action.section for action in ACTIONS)
    for title in sections:
        parts.append((f"{title}\n", "bold"))
        for action in ACTIONS:
            if action.section == title:
                shown = ", ".join(keys.get(action.id, ["(unbound)"]))
                parts.append(f"  {shown:<18} {action.description}\n")
        parts.append("\n")
    parts.append(("Press escape, q or ? to close.", "dim"))
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """A modal list of every key, grouped by what it does."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close_help"),
    ]

    def __init__(self, reader: Screen[object]) -> None:
        super().__init__()
        self.reader = reader

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content("Diptych keys"), id="help-title")
            yield Static(help_text(self.reader), id="help-body")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
