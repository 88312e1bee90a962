"""Persisted reading state: round-trip, keys, damage control, bounds, concurrent writers."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

from tests.conftest import REPO
from tui.state import (
    DEFAULT_MAX_PAIRS,
    Bookmark,
    PairState,
    StateStore,
    default_state_path,
    pair_key,
)

KEY = pair_key("left text", "right text")
SOME_STATE = PairState(
    row=42,
    line_offset=3,
    sync_locked=False,
    row_mode="sentence",
    sidebar_shown=False,
    selected_entity="Wang Yi",
    bookmarks=(Bookmark(7, "the handshake", 1_700_000_000.5), Bookmark(12)),
)


class Clock:
    """A clock the test moves by hand, so "least recently used" is deterministic."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def without_time(state: PairState) -> PairState:
    return replace(state, last_used=0.0)


def test_default_location_is_the_user_state_dir(tmp_path: Path) -> None:
    # conftest points XDG_STATE_HOME into tmp_path
    assert default_state_path() == tmp_path / "xdg_state_home" / "diptych" / "state.json"
    store = StateStore()
    store.save(KEY, SOME_STATE)
    assert default_state_path().is_file()
    assert store.warning is None


def test_round_trip_between_stores(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    StateStore(path, clock=lambda: 1234.5).save(KEY, SOME_STATE)
    loaded = StateStore(path).load(KEY)
    assert without_time(loaded) == SOME_STATE
    assert loaded.last_used == 1234.5


def test_unknown_pair_gets_defaults(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    assert store.load(KEY) == PairState()
    store.save(pair_key("x", "y"), SOME_STATE)
    assert store.load(KEY) == PairState()
    assert PairState().row_mode is None and PairState().sidebar_shown is None


def test_saving_again_replaces_the_pairs_entry(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    store.save(KEY, SOME_STATE)
    store.save(KEY, PairState(row=5))
    assert without_time(store.load(KEY)) == PairState(row=5)
    data = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and list(data["pairs"]) == [KEY]


def test_key_depends_on_content_and_order_only(tmp_path: Path) -> None:
    assert pair_key("a", "b") == pair_key("a", "b")
    assert pair_key("a", "b") != pair_key("b", "a")
    assert pair_key("a", "b") != pair_key("a", "b.")
    # the separator cannot be imitated by moving text across the boundary
    assert pair_key("ab", "c") != pair_key("a", "bc")
    assert pair_key("a\x00", "b") != pair_key("a", "\x00b")

    # paths play no part: a renamed copy of the same texts finds the same state
    first, moved = tmp_path / "one", tmp_path / "elsewhere" / "renamed"
    for folder in (first, moved):
        folder.mkdir(parents=True)
        (folder / "l.txt").write_text("left text", encoding="utf-8")
        (folder / "r.txt").write_text("right text", encoding="utf-8")
    keys = {
        pair_key((folder / "l.txt").read_text("utf-8"), (folder / "r.txt").read_text("utf-8"))
        for folder in (first, moved)
    }
    assert keys == {KEY}


def test_corrupt_file_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b'{"version": 1, "pairs": {"abc": ')
    store = StateStore(path)
    assert store.load(KEY) == PairState()
    assert store.warning and "not valid JSON" in store.warning and "moved it to" in store.warning
    aside = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == b'{"version": 1, "pairs": {"abc": '  # kept, not deleted
    assert not path.exists()

    store.save(KEY, SOME_STATE)  # and life goes on
    assert without_time(StateStore(path).load(KEY)) == SOME_STATE


def test_second_corrupt_file_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for content in (b"\xff\xfe not text", b"[1, 2, 3]"):
        path.write_bytes(content)
        StateStore(path).load(KEY)
    assert sorted(p.read_bytes() for p in tmp_path.glob("state.json.corrupt-*")) == [
        b"[1, 2, 3]",
        b"\xff\xfe not text",
    ]


def test_wrong_shape_found_while_saving_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path)
    path.write_text('{"version": 1, "pairs": []}', encoding="utf-8")
    store.save(KEY, SOME_STATE)
    assert store.warning and "'pairs'" in store.warning
    assert len(list(tmp_path.glob("state.json.corrupt-*"))) == 1
    assert without_time(store.load(KEY)) == SOME_STATE


def test_file_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    newer = '{"version": 99, "pairs": {}}'
    path.write_text(newer, encoding="utf-8")
    store = StateStore(path)
    assert store.load(KEY) == PairState()
    store.save(KEY, SOME_STATE)
    assert store.warning and "newer" in store.warning
    assert path.read_text(encoding="utf-8") == newer
    assert not list(tmp_path.glob("state.json.corrupt-*"))


def test_bad_fields_cost_only_themselves(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    entry = {
        "row": -4,
        "line_offset": "two",
        "sync_locked": False,
        "row_mode": "chapters",
        "selected_entity": "Putin",
        "bookmarks": [{"row": 3, "note": "ok", "created": 5}, {"row": "x"}, "junk"],
    }
    path.write_text(json.dumps({"version": 1, "pairs": {KEY: entry}}), encoding="utf-8")
    state = StateStore(path).load(KEY)
    assert state == PairState(
        sync_locked=False, selected_entity="Putin", bookmarks=(Bookmark(3, "ok", 5.0),)
    )


def test_state_dir_under_a_regular_file_means_no_persistence(tmp_path: Path) -> None:
    """A folder that can never exist (its parent is a file) works the same even as root."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file", encoding="utf-8")
    for path in (blocker / "state.json", blocker / "deeper" / "state.json"):
        store = StateStore(path)
        assert not store.writable
        assert store.warning and str(path.parent.parent) in store.warning
        assert "will not be remembered" in store.warning
        store.save(KEY, SOME_STATE)  # silently nothing, never an exception
        assert store.load(KEY) == PairState()
    assert blocker.read_text(encoding="utf-8") == "I am a file"


def test_size_bound_drops_the_least_recently_used(tmp_path: Path) -> None:
    assert DEFAULT_MAX_PAIRS == 200
    store = StateStore(tmp_path / "state.json", max_pairs=3, clock=Clock())
    keys = [pair_key(f"left {n}", "right") for n in range(5)]
    for n, key in enumerate(keys[:3]):
        store.save(key, PairState(row=n))
    store.save(keys[0], PairState(row=100))  # pair 0 is now the most recent
    store.save(keys[3], PairState(row=3))  # drops pair 1, the oldest
    store.save(keys[4], PairState(row=4))  # drops pair 2
    data = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert set(data["pairs"]) == {keys[0], keys[3], keys[4]}
    assert store.load(keys[0]).row == 100
    assert store.load(keys[1]) == PairState()


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    for row in range(20):
        store.save(KEY, PairState(row=row))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json", "state.json.lock"]


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tui.state import PairState, StateStore, pair_key

    path, name, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    store = StateStore(path)
    key = pair_key(name, "shared right text")
    Path(str(go) + "." + name).touch()  # ready
    while not go.exists():
        time.sleep(0.001)
    for row in range(50):
        store.save(key, PairState(row=row, selected_entity=name))
    print(store.warning or "ok")
    """
)


def test_two_processes_writing_different_pairs_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    go = tmp_path / "go"
    names = ["alpha", "beta"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(go)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    deadline = time.monotonic() + 30
    while not all(Path(f"{go}.{name}").exists() for name in names):
        assert time.monotonic() < deadline, "writers did not start"
        assert all(proc.poll() is None for proc in procs), procs[0].stderr
        time.sleep(0.005)
    go.touch()  # both start writing at once
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"

    data = json.loads(path.read_text(encoding="utf-8"))  # still valid JSON
    assert data["version"] == 1
    store = StateStore(path)
    for name in names:
        state = store.load(pair_key(name, "shared right text"))
        # the last write of each process survived: no update was lost to the other
        assert (state.row, state.selected_entity) == (49, name)
    assert store.warning is None
