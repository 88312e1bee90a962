"""The Textual application: built with its documents and settings, no globals.

Tests construct ``DiptychApp`` directly with documents and a config of their own, and
hand the instance to ``snap_compare`` or ``run_test``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.actions import ACTIONS
from tui.config import Config
from tui.core.document import LoadedDocument
from tui.core.layout import RowMode
from tui.core.model import Document
from tui.ui.screens.reader import ReaderScreen
from tui.ui.session import ReadingSession


class DiptychApp(App[None]):
    """Read two documents side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "Diptych"

    def __init__(
        self,
        left: Document | LoadedDocument,
        right: Document | LoadedDocument,
        *,
        config: Config | None = None,
        session: ReadingSession | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.left_doc = left
        self.right_doc = right
        self.config = config or Config()
        self._theme_warning: str | None = None
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            self._theme_warning = (
                f"Unknown theme {self.config.theme!r} in the config; using {self.theme!r}."
            )
        self.set_keymap(self.config.keymap())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every reader action in the command palette (ctrl+p), named as in the help."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for action in ACTIONS:
                if action.id == "quit":
                    continue  # Textual's own "Quit the application" is already listed
                yield SystemCommand(
                    action.description,
                    f"{action.section} · key: {action.keys.split(',')[0]}",
                    partial(screen.run_action, action.id),
                )

    def on_mount(self) -> None:
        for message in (*self.config.warnings, self._theme_warning):
            if message:
                self.notify(message, severity="warning", timeout=8)
        for document in (self.left_doc, self.right_doc):
            if document.notice:
                self.notify(document.notice, title=document.info.title, timeout=8)
        self.push_screen(
            ReaderScreen(
                self.left_doc,
                self.right_doc,
                config=self.config,
                mode=RowMode(self.config.rows),
                session=self.session,
                sidebar_shown=self.config.sidebar.shown,
                sidebar_width=self.config.sidebar.width,
            )
        )
