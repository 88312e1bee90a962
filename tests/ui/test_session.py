"""Reading sessions through Pilot: quitting and reopening a pair resumes the place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import SAMPLE
from tests.ui.helpers import SIZE, aligned, sample_app
from tui.core.layout import RowMode


async def _read_somewhere(state: Path) -> tuple[int, int]:
    app = sample_app(state=state)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("pagedown", "j", "j", "s", "v")
        await pilot.pause()
        place = (round(screen.left_pane.scroll_y), screen.current_block)
    return place


async def test_reopening_resumes_place_mode_and_sync(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    scroll, _ = await _read_somewhere(state)
    assert scroll > 0
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert len(saved["pairs"]) == 1
    app = sample_app(state=state)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert screen.mode is RowMode.SENTENCE
        assert not screen.sync_locked
        assert round(screen.left_pane.scroll_y) == scroll


async def test_renamed_files_still_resume_but_fresh_does_not(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    scroll, _ = await _read_somewhere(state)
    renamed = tmp_path / "copy"
    shutil.copytree(SAMPLE, renamed)
    async with sample_app(renamed, state=state).run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert round(screen.left_pane.scroll_y) == scroll
    async with sample_app(renamed, state=state, fresh=True).run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert round(screen.left_pane.scroll_y) == 0
        assert screen.mode is RowMode.PARAGRAPH


async def test_an_edited_text_does_not_restore_a_wrong_place(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    await _read_somewhere(state)
    edited = tmp_path / "edited"
    shutil.copytree(SAMPLE, edited)
    kuna = edited / "kuna-2024-09-13.txt"
    kuna.write_text(kuna.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    async with sample_app(edited, state=state).run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert round(screen.left_pane.scroll_y) == 0


async def test_a_corrupt_state_file_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("{not json", encoding="utf-8")
    app = sample_app(state=state)
    async with app.run_test(size=SIZE) as pilot:
        await aligned(pilot)
        messages = [n.message for n in app._notifications]
        assert any("state" in message for message in messages)
    assert list(tmp_path.glob("state.json.corrupt-*"))


async def test_search_marks_both_panes_and_steps_through_matches() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("slash", *"brics", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        result = screen.search_result
        assert result is not None
        assert len(result.left) == screen.left_doc.text.count("BRICS")
        assert len(result.right) == screen.right_doc.text.count("BRICS")
        assert len(result) == len(result.left) + len(result.right) > 2
        for start, end in result.left:
            assert screen.left_doc.text[start:end] == "BRICS"
        assert "search" in screen.left_pane._layers and "search" in screen.right_pane._layers
        assert screen.match_cursor == 0
        block, _, _ = result.order[0]
        assert screen.current_block == block
        await pilot.press("greater_than_sign", "greater_than_sign", "less_than_sign")
        assert screen.match_cursor == 1
        assert f"match 2/{len(result)}" in str(screen.query_one("#status").render())
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert screen.search_result is None and "search" not in screen.left_pane._layers


async def test_fuzzy_search_finds_spelling_variants() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        # enter sends the whole query at once (typing alone is debounced and may be caught
        # halfway on a slow machine).
        await pilot.press("slash", *"petersberg", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.search_result is not None and screen.search_result.query == "petersberg"
        assert len(screen.search_result) == 0
        await pilot.press("slash", "ctrl+f", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.search_result is not None and len(screen.search_result) >= 3


async def test_bookmarks_are_added_listed_jumped_to_and_remembered(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    app = sample_app(state=state)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("n", "n", "n", "m", *"key quote", "enter")
        await pilot.pause()
        assert [(b.row, b.note) for b in screen.bookmarks] == [(3, "key quote")]
        await pilot.press("G", "apostrophe")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen._blocks[screen.current_block].row == 3
    app = sample_app(state=state)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert [(b.row, b.note) for b in screen.bookmarks] == [(3, "key quote")]
        await pilot.press("apostrophe", "d", "escape")
        await pilot.pause()
        assert screen.bookmarks == []
