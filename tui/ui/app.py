"""The Textual application: built with its documents and settings, no globals.

Tests construct ``DiptychApp`` directly with documents and a config of their own, and
hand the instance to ``snap_compare`` or ``run_test``.
"""

from __future__ import annotations

from textual.app import App

from tui.core.align import AlignOptions
from tui.core.model import Document
from tui.ui.screens.reader import ReaderScreen


class DiptychApp(App[None]):
    """Read two documents side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "Diptych"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        left: Document,
        right: Document,
        *,
        align_options: AlignOptions | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.left_doc = left
        self.right_doc = right
        self.align_options = align_options
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        for document in (self.left_doc, self.right_doc):
            if document.notice:
                self.notify(document.notice, title=document.info.title, timeout=8)
        self.push_screen(
            ReaderScreen(self.left_doc, self.right_doc, align_options=self.align_options)
        )
