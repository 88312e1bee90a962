"""Where the reader was in each pair of texts, remembered between sessions.

One JSON file, ``state.json`` in ``platformdirs.user_state_dir("diptych")``, holds an entry
per document pair. Pairs are keyed by the *content* of both texts, not their paths, so a
renamed or moved file still finds its place and an edited one does not restore a place
that no longer means the same thing.

Persistence is a convenience, so it must never cost the user a crash or their other pairs:

- Writes go to a temporary file in the same folder and are renamed over the old file
  (``os.replace``), so a reader of the file sees the old or the new version, never half.
- Each write re-reads the file and merges into it under an exclusive lock on a sidecar
  ``state.json.lock``: two Diptych windows on different pairs keep each other's entries.
- The file is bounded: past ``max_pairs`` the least recently used pairs are dropped.
- A corrupt or unreadable file is renamed aside (``state.json.corrupt-<time>``, never
  deleted: it may be worth recovering) and reading starts fresh, with a warning.
- A state folder that cannot be created or written means no persistence and a warning.

Nothing here raises for a bad file or folder; callers read :attr:`StateStore.warning`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import platformdirs

from tui.config import APP_NAME, ROW_MODES

fcntl: ModuleType | None
msvcrt: ModuleType | None
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
try:
    import msvcrt
except ImportError:
    msvcrt = None

STATE_VERSION = 1
"""Format version; a file with a higher version is left untouched (a newer Diptych's)."""
DEFAULT_MAX_PAIRS = 200
_SEPARATOR = b"\xff"  # never occurs in UTF-8, so (left, right) -> bytes is unambiguous


def default_state_path() -> Path:
    """The state file in the platform's per-user state folder."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / "state.json"


def pair_key(left_text: str, right_text: str) -> str:
    """The pair's identity: sha256 of both decoded texts, left first (order matters).

    Hashing the decoded text rather than the bytes means a re-encoded copy (UTF-16 vs
    UTF-8, CRLF vs LF) still matches, since loading normalises those away.
    """
    digest = hashlib.sha256()
    digest.update(left_text.encode("utf-8", "surrogatepass"))
    digest.update(_SEPARATOR)
    digest.update(right_text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Bookmark:
    """A remembered row with an optional note."""

    row: int
    note: str = ""
    created: float = 0.0
    """Unix timestamp; the bookmark list shows the most recent first."""


@dataclass(frozen=True)
class PairState:
    """Everything restored when a pair is reopened.

    ``row_mode`` and ``sidebar_shown`` are None until the reader records them, so a pair
    never seen before follows the config's ``rows`` and ``sidebar.shown``. ``row`` counts
    rows of ``row_mode``, which is why the reader should always save both together.
    """

    row: int = 0
    line_offset: int = 0
    """Lines into ``row`` that the top of the reading pane was showing."""
    sync_locked: bool = True
    row_mode: str | None = None
    sidebar_shown: bool | None = None
    selected_entity: str | None = None
    bookmarks: tuple[Bookmark, ...] = field(default=())
    last_used: float = 0.0
    """Unix timestamp of the last save; the least recent pairs are dropped first."""

    def to_json(self) -> dict[str, Any]:
        """The entry as stored in ``state.json``."""
        data = asdict(self)
        data["bookmarks"] = [asdict(bookmark) for bookmark in self.bookmarks]
        return data

    @classmethod
    def from_json(cls, data: object) -> PairState:
        """Read an entry field by field; a bad field gets its default, not a failure.

        One odd value (hand edits, a bug in an older version) should cost that value, not
        the whole entry or the whole file.
        """
        if not isinstance(data, Mapping):
            return cls()
        default = cls()
        marks = data.get("bookmarks")
        return cls(
            row=_count(data.get("row"), default.row),
            line_offset=_count(data.get("line_offset"), default.line_offset),
            sync_locked=_bool(data.get("sync_locked"), default.sync_locked),
            row_mode=data.get("row_mode") if data.get("row_mode") in ROW_MODES else None,
            sidebar_shown=_bool(data.get("sidebar_shown"), None),
            selected_entity=_string(data.get("selected_entity")),
            bookmarks=tuple(
                bookmark
                for bookmark in map(_bookmark, marks if isinstance(marks, list) else [])
                if bookmark is not None
            ),
            last_used=_time(data.get("last_used")),
        )


def _count(value: object, default: int) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return value if ok else default  # type: ignore[return-value]


def _bool(value: object, default: bool | None) -> Any:
    return value if isinstance(value, bool) else default


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _time(value: object) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return float(value) if ok and math.isfinite(value) else 0.0  # type: ignore[arg-type]


def _bookmark(value: object) -> Bookmark | None:
    if not isinstance(value, Mapping) or _count(value.get("row"), -1) < 0:
        return None
    return Bookmark(value["row"], _string(value.get("note")) or "", _time(value.get("created")))


class _Unusable(Exception):
    """The state file cannot be read as ours; ``set_aside`` says whether to rename it."""

    def __init__(self, reason: str, set_aside: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.set_aside = set_aside


class StateStore:
    """Load and save :class:`PairState` entries in one JSON file shared by all windows.

    ``warning`` is set (once, to the first problem) when the file or its folder is not
    usable; the reader shows it and carries on. After a write failure ``save`` does
    nothing, so a full disk costs one warning, not one per scroll.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        max_pairs: int = DEFAULT_MAX_PAIRS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path if path is not None else default_state_path()
        self.max_pairs = max(1, max_pairs)
        self.warning: str | None = None
        self._clock = clock
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._writable = self._probe_folder()

    @property
    def writable(self) -> bool:
        """Whether ``save`` will persist anything."""
        return self._writable

    def load(self, key: str) -> PairState:
        """The saved state of a pair, or the defaults if there is none or no usable file."""
        try:
            pairs = self._read_pairs()
        except _Unusable as problem:
            pairs = self._recover(problem)
        return PairState.from_json(pairs.get(key))

    def save(self, key: str, state: PairState) -> None:
        """Record a pair's state (stamped with the current time), keeping other pairs.

        Cheap enough to call on every settled scroll: one small read and one small write.
        """
        if not self._writable:
            return
        stamped = replace(state, last_used=self._clock())
        try:
            with self._locked():
                try:
                    pairs = self._read_pairs()
                except _Unusable as problem:
                    pairs = self._recover(problem, locked=True)
                    if not self._writable:
                        return
                pairs[key] = stamped.to_json()
                self._write(_document(self._bounded(pairs)))
        except OSError as error:
            self._disable(f"cannot write {self.path} ({_reason(error)})")

    # -- reading -------------------------------------------------------------------------

    def _read_pairs(self) -> dict[str, Any]:
        """The ``pairs`` object of the file ({} when there is no file yet)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise _Unusable(f"cannot read it ({_reason(error)})") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _Unusable("it is not valid JSON") from None
        version = data.get("version") if isinstance(data, dict) else None
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise _Unusable("it has no valid format version")
        if version > STATE_VERSION:
            raise _Unusable(f"it is format version {version}, from a newer Diptych", False)
        pairs = data.get("pairs")
        if not isinstance(pairs, dict):
            raise _Unusable("it has no valid 'pairs' object")
        return pairs

    def _recover(self, problem: _Unusable, locked: bool = False) -> dict[str, Any]:
        """Deal with an unusable file and return the pairs to continue with (none).

        The file is checked again under the lock before it is renamed: another window may
        have replaced it with a good one since we read it.
        """
        if not problem.set_aside or not self._writable:
            self._disable(f"{self.path}: {problem.reason}; leaving it as it is")
            return {}
        if not locked:
            try:
                with self._locked():
                    try:
                        return self._read_pairs()
                    except _Unusable as again:
                        return self._recover(again, locked=True)
            except OSError as error:
                self._disable(f"cannot lock {self._lock_path} ({_reason(error)})")
                return {}
        target = self._aside_name()
        try:
            os.replace(self.path, target)
        except OSError as error:
            self._disable(
                f"{self.path}: {problem.reason}, and it cannot be moved aside ({_reason(error)})"
            )
            return {}
        self._warn(f"{self.path}: {problem.reason}; moved it to {target.name} and started fresh")
        return {}

    def _aside_name(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{number}")
        return target

    # -- writing -------------------------------------------------------------------------

    def _probe_folder(self) -> bool:
        """Create the folder and try a file in it, so a problem is reported at start."""
        folder = self.path.parent
        if folder.exists() and not folder.is_dir():
            self._warn(f"cannot use {folder} for reading state (it is not a folder){_NOT_SAVED}")
            return False
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, probe = tempfile.mkstemp(dir=folder, prefix=".probe-", suffix=".tmp")
            os.close(handle)
            os.unlink(probe)
        except OSError as error:
            self._warn(f"cannot use {folder} for reading state ({_reason(error)}){_NOT_SAVED}")
            return False
        return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the sidecar lock file exclusively (blocking) for a read-merge-write.

        Without ``fcntl`` (Windows) ``msvcrt.locking`` is tried; if no lock can be had the
        write still happens: atomic replace keeps the file valid, only a concurrent
        window's latest entry could be lost.
        """
        handle = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        locked_with_msvcrt = False
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            elif msvcrt is not None:  # pragma: no cover - Windows
                with contextlib.suppress(OSError):
                    msvcrt.locking(handle, msvcrt.LK_LOCK, 1)
                    locked_with_msvcrt = True
            yield
        finally:
            if locked_with_msvcrt:  # pragma: no cover - Windows
                with contextlib.suppress(OSError):
                    os.lseek(handle, 0, os.SEEK_SET)
                    msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)  # type: ignore[union-attr]
            os.close(handle)  # also releases flock

    def _write(self, text: str) -> None:
        """Replace the file atomically: temporary file in the same folder, fsync, rename."""
        handle, temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def _bounded(self, pairs: dict[str, Any]) -> dict[str, Any]:
        """Keep the ``max_pairs`` most recently used entries, dropping the oldest."""
        if len(pairs) <= self.max_pairs:
            return pairs
        by_age = sorted(pairs, key=lambda key: _last_used(pairs[key]), reverse=True)
        keep = set(by_age[: self.max_pairs])
        return {key: value for key, value in pairs.items() if key in keep}

    # -- warnings ------------------------------------------------------------------------

    def _warn(self, message: str) -> None:
        if self.warning is None:
            self.warning = message

    def _disable(self, message: str) -> None:
        self._writable = False
        self._warn(message + _NOT_SAVED)


_NOT_SAVED = "; your place will not be remembered"


def _document(pairs: Mapping[str, Any]) -> str:
    """The file's text: compact JSON, one pair per line (small to write, readable by eye)."""
    entries = ",\n".join(f"{_compact(key)}:{_compact(entry)}" for key, entry in pairs.items())
    return f'{{"version":{STATE_VERSION},"pairs":{{\n{entries}\n}}}}\n'


def _compact(value: Any) -> str:
    # ASCII escapes keep a stray lone surrogate (from an odd decoder) from failing a write.
    return json.dumps(value, separators=(",", ":"))


def _last_used(entry: object) -> float:
    return _time(entry.get("last_used")) if isinstance(entry, Mapping) else 0.0


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
