"""The reader through Pilot: sync scrolling, unlocking, row modes, focus, help, resize."""

from __future__ import annotations

from tests.ui.helpers import SIZE, aligned, sample_app
from tui.config import Config
from tui.core.layout import LineKind, RowMode
from tui.ui.screens.help import HelpScreen


async def test_both_panes_have_one_row_map_and_start_level() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        left, right = screen.left_pane, screen.right_pane
        assert left.virtual_size.height == right.virtual_size.height > 40
        layout = screen.layout_map
        for top in layout.tops:
            assert layout.line("left", top).kind is not LineKind.GAP
            assert layout.line("right", top).kind is not LineKind.GAP


async def test_scrolling_either_pane_moves_both() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press(*["j"] * 7)
        assert round(screen.left_pane.scroll_y) == 7
        assert round(screen.right_pane.scroll_y) == 7
        await pilot.press("tab", "pagedown")
        await pilot.pause()
        assert screen.focused is screen.right_pane
        assert round(screen.left_pane.scroll_y) == round(screen.right_pane.scroll_y) > 7
        # Scrolling by other means (wheel, scrollbar) goes through scroll_y too.
        screen.right_pane.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        assert round(screen.left_pane.scroll_y) == 3


async def test_unlocked_panes_scroll_alone_and_relocking_realigns() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("s", "j", "j", "j", "j")
        await pilot.pause()
        assert not screen.sync_locked
        assert round(screen.left_pane.scroll_y) == 4
        assert round(screen.right_pane.scroll_y) == 0
        await pilot.press("s")
        await pilot.pause()
        assert round(screen.right_pane.scroll_y) == 4


async def test_sentence_mode_keeps_the_current_row() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        paragraph_row = screen._blocks[screen.current_block].row
        await pilot.press("v")
        await pilot.pause()
        assert screen.mode is RowMode.SENTENCE
        assert len(screen._blocks) > len(screen.alignment.rows)
        assert screen._blocks[screen.current_block].row == paragraph_row
        top = screen.layout_map.tops[screen.current_block]
        assert round(screen.left_pane.scroll_y) <= top < round(screen.left_pane.scroll_y) + 30
        await pilot.press("v")
        await pilot.pause()
        assert screen.mode is RowMode.PARAGRAPH
        assert screen.current_block == paragraph_row


async def test_end_and_home() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert round(screen.left_pane.scroll_y) == round(screen.left_pane.max_scroll_y) > 0
        assert screen.current_block == len(screen._blocks) - 1
        await pilot.press("g")
        await pilot.pause()
        assert round(screen.right_pane.scroll_y) == 0
        assert screen.current_block == 0


async def test_clicking_a_line_makes_its_row_current() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        layout = screen.layout_map
        await pilot.click("#right", offset=(5, layout.tops[2]))
        await pilot.pause()
        assert screen.current_block == 2


async def test_help_lists_every_key_and_closes() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await aligned(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-body").render())
        for words in ("Lock or unlock", "sentence rows", "Quit", "pgdn"):
            assert words in body
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_resizing_rewraps_and_keeps_the_panes_level() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press(*["j"] * 10)
        block_before = screen.layout_map.block_at(round(screen.left_pane.scroll_y))
        for size in ((70, 24), (200, 60), (45, 15), SIZE):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            layout = screen.layout_map
            assert layout.left_width == screen.left_pane.scrollable_content_region.width
            assert screen.left_pane.virtual_size.height == layout.total_lines
            assert round(screen.left_pane.scroll_y) == round(screen.right_pane.scroll_y)
        assert screen.layout_map.block_at(round(screen.left_pane.scroll_y)) == block_before


async def test_a_rebound_key_works_and_shows_in_help() -> None:
    config = Config.from_mapping({"keys": {"toggle_sync": "x"}})
    app = sample_app(config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("s")
        assert screen.sync_locked
        await pilot.press("x")
        assert not screen.sync_locked
        await pilot.press("question_mark")
        await pilot.pause()
        body = str(app.screen.query_one("#help-body").render())
        line = next(line for line in body.splitlines() if "synchronised" in line)
        assert line.split()[0] == "x"


async def test_config_chooses_theme_and_starting_row_mode() -> None:
    config = Config.from_mapping({"theme": "textual-light", "rows": "sentence"})
    app = sample_app(config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert app.theme == "textual-light"
        assert screen.mode is RowMode.SENTENCE


async def test_conflict_keys_visit_every_conflict_and_show_it() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        conflicts = screen.analysis.conflicts
        assert len(conflicts) >= 2
        kinds = set()
        for expected in range(len(conflicts)):
            await pilot.press("c")
            await pilot.pause()
            assert screen.conflict_cursor == expected
            conflict = conflicts[expected]
            kinds.add(conflict.kind)
            assert screen._blocks[screen.current_block].row == conflict.row
            status = str(screen.query_one("#status").render())
            assert f"conflict {expected + 1}/{len(conflicts)}" in status
        assert {"weekday", "name"} <= kinds
        await pilot.press("C")
        await pilot.pause()
        assert screen.conflict_cursor == len(conflicts) - 2


async def test_difference_keys_move_the_current_row_and_scroll_both_panes() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        for _ in range(6):
            await pilot.press("n")
        await pilot.pause()
        assert screen.current_block == 6
        top = screen.layout_map.tops[6]
        assert round(screen.left_pane.scroll_y) == round(screen.right_pane.scroll_y) == top - 1
        await pilot.press("N", "left_square_bracket")
        await pilot.pause()
        assert screen.current_block == 4


async def test_highlighting_cycles_and_marks_reach_the_panes() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        assert "diff" in screen.left_pane._layers
        await pilot.press("d")
        assert screen.highlight.value == "characters"
        await pilot.press("d")
        assert screen.highlight.value == "off"
        assert "diff" not in screen.left_pane._layers
        await pilot.press("d")
        assert "diff" in screen.right_pane._layers


async def test_case_toggle_rediffs_without_realigning() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        alignment = screen.analysis.alignment
        await pilot.press("I")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.diff_options.ignore_case
        assert screen.analysis.alignment is alignment
        assert "case" in str(screen.query_one("#status").render())


async def test_clicking_the_overview_bar_jumps_there() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        bar = screen.overview
        await pilot.click("#overview", offset=(0, bar.size.height - 1))
        await pilot.pause()
        assert round(screen.left_pane.scroll_y) == round(screen.left_pane.max_scroll_y)
        assert screen.overview.viewport[1] >= screen.layout_map.total_lines


async def test_choosing_an_entity_highlights_and_steps_through_its_mentions() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        putin = next(e for e in screen.analysis.entities if e.name == "Vladimir Putin")
        await pilot.press("E")
        await pilot.pause()
        assert screen.focused is screen.sidebar.entity_list
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected_entity == putin
        marks = screen.right_pane._layers["entity"].marks
        assert [(m.start, m.end) for m in marks] == sorted(putin.right_mentions)
        total = len(putin.left_mentions) + len(putin.right_mentions)
        assert len(screen._mentions) == total
        first = screen.mention_cursor
        await pilot.press("tab")
        await pilot.press("period")
        await pilot.pause()
        assert screen.mention_cursor == (first + 1) % total
        block = screen._mentions[screen.mention_cursor][0]
        assert screen.current_block == block
        await pilot.press("comma")
        assert screen.mention_cursor == first
        assert "Vladimir Putin: mention" in str(screen.query_one("#status").render())


async def test_the_current_row_marks_its_entities_in_the_sidebar() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        assert screen.current_block == 2
        assert "Wang Yi" in screen.sidebar.entity_list.marked
        assert "Ukraine" not in screen.sidebar.entity_list.marked


async def test_sidebar_toggles_and_overlays_in_a_narrow_terminal() -> None:
    app = sample_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await aligned(pilot)
        assert not screen.sidebar.display
        await pilot.press("e")
        await pilot.pause()
        assert screen.sidebar.display and screen.sidebar.has_class("-overlay")
        assert screen.left_pane.size.width > 30
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not screen.sidebar.has_class("-overlay")


async def test_too_small_terminal_shows_a_notice_then_recovers() -> None:
    app = sample_app()
    async with app.run_test(size=(35, 10)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-too-small")
        assert screen.query_one("#too-small").display
        assert not screen.query_one("#panes").display
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not screen.has_class("-too-small")
        assert screen.layout_map is not None
        assert screen.left_pane.virtual_size.height == screen.layout_map.total_lines


async def test_resizes_while_the_worker_runs_leave_a_consistent_layout() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        for size in ((300, 100), (40, 12), (90, 30), (41, 13), (160, 50)):
            await pilot.resize_terminal(*size)
        screen = await aligned(pilot)
        await pilot.pause()
        layout = screen.layout_map
        assert layout.left_width == screen.left_pane.scrollable_content_region.width
        assert layout.right_width == screen.right_pane.scrollable_content_region.width
        assert screen.right_pane.virtual_size.height == layout.total_lines


async def test_every_reader_action_is_in_the_command_palette() -> None:
    from tui.actions import ACTIONS

    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        for action in ACTIONS:
            if action.id != "quit":
                assert action.description in titles
        assert any("theme" in title.lower() for title in titles)


async def test_every_scroll_key_is_the_screens_so_both_panes_move_in_one_frame() -> None:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await aligned(pilot)
        for pane in (screen.left_pane, screen.right_pane):
            pane.focus()
            await pilot.pause()
            for key in ("up", "down", "pageup", "pagedown", "home", "end"):
                assert app.active_bindings[key].node is screen, key


def test_each_pending_stage_starts_where_the_progress_names_it() -> None:
    from tui.core.analysis import STAGE_DIFF, STAGE_ENTITIES, STAGE_SENTENCES
    from tui.ui.screens.reader import progress_stage, stage_start

    starts = [stage_start(stage) for stage in (STAGE_SENTENCES, STAGE_DIFF, STAGE_ENTITIES)]
    assert starts == sorted(starts) and starts[0] > 0 and starts[-1] < 100
    names = [progress_stage(percent / 100) for percent in starts]
    assert names == [
        "Aligning sentences…",
        "Comparing words and checking facts…",
        "Finding people, places and dates…",
    ]
    # one percent earlier is still the stage before
    assert [progress_stage((percent - 1) / 100) for percent in starts] == [
        "Aligning paragraphs…",
        *names[:-1],
    ]
