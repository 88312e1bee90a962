"""Snapshot tests of the reader at fixed sizes (SVGs in __snapshots__, reviewed by eye)."""

from __future__ import annotations

from tests.ui.helpers import SIZE, aligned, sample_app
from tui.config import Config


def test_opening(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=aligned)


def test_after_scrolling_15_lines(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["j"] * 15, terminal_size=SIZE, run_before=aligned)


def test_sync_unlocked_left_scrolled(snap_compare) -> None:
    press = ["s", *["j"] * 12]
    assert snap_compare(sample_app(), press=press, terminal_size=SIZE, run_before=aligned)


def test_sentence_rows(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["v"], terminal_size=SIZE, run_before=aligned)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(
        sample_app(), press=["question_mark"], terminal_size=SIZE, run_before=aligned
    )


def test_narrow_terminal(snap_compare) -> None:
    assert snap_compare(sample_app(), terminal_size=(70, 24), run_before=aligned)


def test_first_conflict(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["c"], terminal_size=SIZE, run_before=aligned)


def test_overview_with_viewport_in_the_middle(snap_compare) -> None:
    async def to_the_middle(pilot) -> None:
        screen = await aligned(pilot)
        screen._scroll_all(screen.layout_map.total_lines // 2 - 17)
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=to_the_middle)


def test_highlighting_off(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["d", "d"], terminal_size=SIZE, run_before=aligned)


def test_character_highlighting(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["d"], terminal_size=SIZE, run_before=aligned)


def test_entity_selected_with_mentions_highlighted(snap_compare) -> None:
    press = ["E", "down", "enter"]
    assert snap_compare(sample_app(), press=press, terminal_size=SIZE, run_before=aligned)


def test_entities_only_in_one_text(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["E", "1"], terminal_size=SIZE, run_before=aligned)


def test_sidebar_at_80_columns(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["e"], terminal_size=(80, 24), run_before=aligned)


def test_sidebar_hidden(snap_compare) -> None:
    assert snap_compare(sample_app(), press=["e"], terminal_size=SIZE, run_before=aligned)


def test_light_theme(snap_compare) -> None:
    config = Config.from_mapping({"theme": "textual-light"})
    assert snap_compare(sample_app(config=config), terminal_size=SIZE, run_before=aligned)


def test_help_lists_a_rebound_key(snap_compare) -> None:
    config = Config.from_mapping({"keys": {"toggle_sync": "S,ctrl+s"}})
    app = sample_app(config=config)
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=aligned)


def test_search_results_highlighted(snap_compare) -> None:
    async def search(pilot) -> None:
        await aligned(pilot)
        await pilot.press("slash", *"russia", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=search)


def test_bookmark_list(snap_compare) -> None:
    async def bookmark(pilot) -> None:
        screen = await aligned(pilot)
        # A fixed clock: the list shows ages, which must not depend on when tests run.
        screen.clock = lambda: 1_000_000.0
        await pilot.press("n", "m", *"dates differ", "enter", "n", "n", "m", "enter")
        await pilot.pause()
        pilot.app.clear_notifications()  # toasts expire on a clock; keep the capture stable

    app = sample_app()
    assert snap_compare(app, press=["apostrophe"], terminal_size=SIZE, run_before=bookmark)
