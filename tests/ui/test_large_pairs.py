"""What keeps a book-length pair responsive: rows shown before the diffs and entities are
ready, and re-wrapping after a resize done in a worker (forced here on the sample)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.ui.helpers import SIZE, aligned, sample_app
from tui.config import Config
from tui.core import cache as cache_module
from tui.core.analysis import STAGE_DIFF, Analysis
from tui.core.layout import RowMode
from tui.ui.screens import reader as reader_module
from tui.ui.screens.reader import ReaderScreen


async def test_rows_are_readable_while_diffs_and_entities_are_still_computed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    released = threading.Event()
    real = cache_module.cached_analyze_in_stages

    def held_after_the_rows(*args: object, **kwargs: object) -> Iterator[Analysis]:
        stages = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(stages)
        assert released.wait(30)
        yield from stages

    monkeypatch.setattr(cache_module, "cached_analyze_in_stages", held_after_the_rows)
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        for _ in range(600):  # the rows come first; then nothing more until released
            await pilot.pause(0.05)
            layout = screen.layout_map
            if layout is not None and (layout.left_width, layout.right_width) == (
                screen._pane_widths()
            ):
                break
        assert screen.analysis is not None and STAGE_DIFF in screen.analysis.pending
        assert not screen.query_one("#progress").display  # the rows replace the progress box
        status = str(screen.query_one("#status").render())
        assert (
            "Aligning sentences" in status
            and "conflicts" not in status
            and "similarity" not in status
        )
        assert screen.sidebar.entity_list.empty_text == "Finding entities…"
        screen.post_message(ReaderScreen.Progressed(1))  # posted before the rows, late
        await pilot.pause()
        assert "Aligning sentences" in str(screen.query_one("#status").render())
        await pilot.press("pagedown")  # scrolling works meanwhile
        assert round(screen.left_pane.scroll_y) > 0
        await pilot.press("v")  # no sentence rows yet: the mode stays, a notice says why
        await pilot.pause()
        assert screen.mode is RowMode.PARAGRAPH
        assert any("still being aligned" in n.message for n in app._notifications)
        released.set()
        screen = await aligned(pilot)
        assert screen.analysis is not None and not screen.analysis.pending
        status = str(screen.query_one("#status").render())
        assert "similarity" in status and "3 conflicts" in status
        assert screen.sidebar.shown and screen.entity_index is not None
        assert round(screen.left_pane.scroll_y) > 0  # the place survived the later stages


async def test_sentence_mode_waits_for_the_sentence_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked_again, released = threading.Event(), threading.Event()
    real = cache_module.cached_analyze_in_stages

    def held_after_the_paragraphs(*args: object, **kwargs: object) -> Iterator[Analysis]:
        stages = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(stages)
        asked_again.set()  # the reader has dealt with the paragraph rows
        assert released.wait(30)
        yield from stages

    monkeypatch.setattr(cache_module, "cached_analyze_in_stages", held_after_the_paragraphs)
    app = sample_app(config=Config(rows="sentence"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        for _ in range(600):
            if asked_again.is_set():
                break
            await pilot.pause(0.05)
        await pilot.pause()
        # The paragraph rows exist, but this reader shows sentences: it keeps waiting.
        assert screen.analysis is None and screen.layout_map is None
        assert screen.query_one("#progress").display
        released.set()
        screen = await aligned(pilot)
        assert screen.mode is RowMode.SENTENCE and screen.analysis is not None
        assert len(screen.layout_map.blocks) == len(screen.analysis.alignment.sentence_rows)
        assert all(block.sentence_row is not None for block in screen.layout_map.blocks)


async def test_a_resize_of_a_large_pair_rewraps_in_a_worker_and_keeps_the_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader_module, "BACKGROUND_LAYOUT_CHARS", 0)
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        block = screen._top_anchor()[0]
        before = screen.layout_map
        for size in ((100, 30), (150, 45), (90, 35)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        screen = await aligned(pilot)
        layout = screen.layout_map
        assert layout is not before
        assert (layout.left_width, layout.right_width) == screen._pane_widths()
        assert screen.left_pane.virtual_size.height == layout.total_lines
        assert screen._top_anchor()[0] == block


async def test_files_read_but_not_segmented_open_like_documents() -> None:
    """The CLI hands over unsegmented texts; the worker segments them after the first frame."""
    from tests.conftest import SAMPLE_LEFT, SAMPLE_RIGHT
    from tui.config import Config
    from tui.core.document import load_document, read_document
    from tui.ui.app import DiptychApp

    loaded = [read_document(str(path), max_bytes=10**7) for path in (SAMPLE_LEFT, SAMPLE_RIGHT)]
    app = DiptychApp(*loaded, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("slash", *"russia", "enter")  # before segmentation: must not fail
        screen = await aligned(pilot)
        for side, path in (("left", SAMPLE_LEFT), ("right", SAMPLE_RIGHT)):
            document = getattr(screen, f"{side}_doc")
            expected = load_document(str(path), max_bytes=10**7)
            assert document.paragraphs == expected.paragraphs
            assert document.sentences == expected.sentences
        assert len(screen.analysis.rows) == 18


async def test_the_collector_runs_when_idle_while_reading_and_is_restored_after() -> None:
    import gc

    assert gc.isenabled()
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await aligned(pilot)
        assert not gc.isenabled()  # no full collection in the middle of a frame
        before = gc.get_stats()[2]["collections"]
        await pilot.press("pagedown")
        await pilot.pause(1.5)  # a quiet second and a half
        assert gc.get_stats()[2]["collections"] > before
    assert gc.isenabled()


async def test_a_long_pairs_row_mode_is_wrapped_in_a_worker_and_v_again_cancels_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader_module, "BACKGROUND_LAYOUT_CHARS", 0)
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        gate = threading.Event()
        real_layout = reader_module.PairLayout

        def held(*args: object, **kwargs: object) -> object:
            assert gate.wait(30)
            return real_layout(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(reader_module, "PairLayout", held)
        await pilot.press("pagedown")
        await pilot.pause()
        row = screen._blocks[screen.current_block].row
        await pilot.press("v")
        await pilot.pause()
        # Still the paragraph rows, readable, while the sentence rows are wrapped.
        assert screen.mode is RowMode.PARAGRAPH and screen._mode_pending is RowMode.SENTENCE
        assert "wrapping sentence rows" in str(screen.query_one("#status").render())
        await pilot.press("j")
        await pilot.pause()
        row = screen._blocks[screen.current_block].row
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.mode is RowMode.SENTENCE and screen._mode_pending is None
        assert screen._blocks[screen.current_block].row == row
        assert screen.left_pane.virtual_size.height == screen.layout_map.total_lines
        # Pressed twice before the worker is done: the mode stays as it was.
        gate.clear()
        await pilot.press("v", "v")
        await pilot.pause()
        assert screen._mode_pending is None
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.mode is RowMode.SENTENCE
