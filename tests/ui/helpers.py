"""Building the app the way the CLI does, for Pilot and snapshot tests."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import SAMPLE
from tui.config import Config
from tui.core.document import load_document
from tui.core.sources import resolve_pair
from tui.state import StateStore, pair_key
from tui.ui.app import DiptychApp
from tui.ui.screens.reader import ReaderScreen
from tui.ui.session import ReadingSession

SIZE = (120, 40)


def sample_app(
    folder: Path = SAMPLE,
    config: Config | None = None,
    state: Path | None = None,
    fresh: bool = False,
) -> DiptychApp:
    """The app on a folder, with the default config (dark theme) snapshots are reviewed in.

    With ``state``, reading state is kept in that file, as the CLI does in the user's
    state directory; without it nothing is remembered, so tests do not affect each other.
    """
    pair = resolve_pair([str(folder)])
    left = load_document(pair.left_path, max_bytes=10**8, info=pair.left_info)
    right = load_document(pair.right_path, max_bytes=10**8, info=pair.right_info)
    session = None
    if state is not None:
        session = ReadingSession(StateStore(state), pair_key(left.text, right.text), not fresh)
    return DiptychApp(left, right, config=config or Config(), session=session)


async def aligned(pilot: Pilot) -> ReaderScreen:
    """Wait until the alignment worker is done and the panes are laid out."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    # The first layout may be redone once the sidebar and bars settle; wait for the panes'
    # final widths so keys pressed next act on the layout that will be captured.
    for _ in range(20):
        layout = screen.layout_map
        widths = (
            screen.left_pane.scrollable_content_region.width,
            screen.right_pane.scrollable_content_region.width,
        )
        if layout is not None and (layout.left_width, layout.right_width) == widths:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    assert screen.layout_map is not None
    return screen
