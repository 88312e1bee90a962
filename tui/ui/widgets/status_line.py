"""The one-line status bar under the panes.

A ``Static`` would do, but ``Static.update`` asks for a layout pass of the whole screen
(its size might change); the status changes on every page-down, and on a large pair that
pass re-rendered every widget, sidebar included, for each key. This line never changes
size, so a new text only repaints the line.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class StatusLine(Widget):
    """Plain text (never markup), cut with an ellipsis by the stylesheet when too long."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Content:
        return Content(self._text)
