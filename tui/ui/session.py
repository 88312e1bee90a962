"""The link between one open pair and the persisted reading state.

The reader asks it for the saved state once (unless the user asked for a fresh start) and
hands it the current state whenever the place settles; writes are skipped when nothing
changed, so scrolling costs no I/O until the reader stops.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tui.state import PairState, StateStore


@dataclass
class ReadingSession:
    """Where one pair's state is kept, and whether to restore it."""

    store: StateStore | None
    key: str
    restore: bool = True
    _last: PairState | None = field(default=None, init=False)

    def saved(self) -> PairState | None:
        """The state to restore, or None for a fresh start."""
        if self.store is None or not self.restore:
            return None
        state = self.store.load(self.key)
        self._last = state
        return state

    def save(self, state: PairState) -> None:
        """Persist ``state`` unless it equals what was last saved or loaded."""
        if self.store is None:
            return
        if self._last is not None and replace(self._last, last_used=0.0) == replace(
            state, last_used=0.0
        ):
            return
        self.store.save(self.key, state)
        self._last = state

    @property
    def warning(self) -> str | None:
        return self.store.warning if self.store else None
