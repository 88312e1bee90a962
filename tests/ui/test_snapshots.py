"""Snapshot tests of the reader at fixed sizes (SVGs in __snapshots__, reviewed by eye)."""

from __future__ import annotations

from tests.ui.helpers import SIZE, aligned, sample_app


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
