"""Python's cyclic garbage collector, run while the reader is idle instead of mid-frame.

Drawing a frame allocates tens of thousands of small objects (strips, segments, caches),
so the collector runs some twenty times per page-down; every hundredth run is a full
collection, which takes about a hundred milliseconds in a process holding a book-length
analysis even with that analysis frozen (``gc.freeze``). Those are the slowest frames.
Once the analysis is complete the reader switches automatic collection off and collects
after a second without scrolling. Reference counting frees almost everything anyway; the
collector is only there for cycles, and they can wait a second.
"""

from __future__ import annotations

import gc

from textual.timer import Timer
from textual.widget import Widget

IDLE_SECONDS = 1.0


class IdleCollector:
    """Owns the collector's on/off state for one screen (``start`` ... ``stop``)."""

    def __init__(self, owner: Widget, idle: float = IDLE_SECONDS) -> None:
        self._owner = owner
        self._idle = idle
        self._timer: Timer | None = None
        self._was_enabled: bool | None = None

    @property
    def active(self) -> bool:
        return self._was_enabled is not None

    def start(self) -> None:
        """Collect only when idle from now on."""
        if not self.active:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self.poke()

    def poke(self) -> None:
        """The user did something: put the next collection a quiet moment away."""
        if not self.active:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(self._idle, self._collect)

    def stop(self) -> None:
        """Back to automatic collection (as it was before ``start``)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def _collect(self) -> None:
        self._timer = None
        gc.collect()
