"""Time from a key to the frame that shows its result, in the reader on a large pair.

Runs the real app headless (``App.run_test``) at 160x50 on one pair, the way the CLI
builds it, waits until the analysis is complete, then:

* presses ``pagedown`` 200 times (from the top) and, for each, takes the time from just
  before the key is sent to the end of the first frame composited after it, including
  turning the frame into terminal output as a real terminal would get it;
* resizes the terminal five times (160x50 and 150x50 alternating) and takes the time to
  the first frame after the resize and to the frame that shows the re-wrapped layout (a
  large pair re-wraps in a worker and shows the old lines cropped meanwhile).

In the same run, the floor: a minimal app of two bare Line-API panes (``peer_app``) is
paged through the same texts the same way, so the ratio to it is what Diptych adds.

Config, state and cache go to a temporary folder. Prints one JSON object on stdout; the
numbers are milliseconds. Usage: python benchmarks/bench_scroll.py LEFT RIGHT [--presses 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SIZE = (160, 50)
PEER_WIDTH = 78
FRAME_TIMEOUT = 5.0
"""Seconds to wait for a key's frame; none means the view could not move (the end)."""


def peer_app(left_path: str, right_path: str):  # type: ignore[no-untyped-def]
    """The floor: two bare Line-API panes of the same texts scrolled together, nothing else.

    Lines are the texts' own lines cut to the pane width (no wrapping, diff, gutter,
    sidebar or status), so a frame costs what Textual itself needs to draw two panes.
    """
    from rich.segment import Segment
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    class Pane(ScrollView, inherit_bindings=False):
        def __init__(self, path: str) -> None:
            super().__init__()
            # Cut at the width Diptych's panes have at 160 columns, so there are as many
            # screen lines to page through (a book's lines are whole paragraphs).
            self.lines = [
                line[start : start + PEER_WIDTH]
                for line in Path(path).read_text(encoding="utf-8").splitlines()
                for start in range(0, max(1, len(line)), PEER_WIDTH)
            ]

        def on_mount(self) -> None:
            self.virtual_size = Size(self.size.width, len(self.lines))

        def render_line(self, y: int) -> Strip:
            index = y + round(self.scroll_y)
            text = self.lines[index] if index < len(self.lines) else ""
            width = self.scrollable_content_region.width
            return Strip([Segment(text[:width].ljust(width))], width)

    class Peer(App[None]):
        CSS = "Pane { width: 1fr; }"
        BINDINGS = [("pagedown", "page", "")]
        frames: list[float]

        def compose(self) -> ComposeResult:
            with Horizontal():
                yield Pane(left_path)
                yield Pane(right_path)

        def action_page(self) -> None:
            for pane in self.query(Pane):
                pane.scroll_to(y=pane.scroll_y + 49, animate=False, immediate=True)

        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            from textual._compositor import CompositorUpdate

            super()._display(screen, renderable)
            if renderable is None:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)
            self.frames.append(time.perf_counter())

    app = Peer()
    app.frames = []
    return app


async def measure_peer(left_path: str, right_path: str, presses: int) -> dict[str, object]:
    app = peer_app(left_path, right_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        times = []
        for _ in range(presses):
            app.frames.clear()
            sent = time.perf_counter()
            await pilot.press("pagedown")
            while not app.frames:
                if time.perf_counter() - sent > FRAME_TIMEOUT:
                    raise SystemExit("bench_scroll: no frame after a key in the minimal app")
                await pilot.pause(0)
            times.append((app.frames[0] - sent) * 1000)
    return {
        "peer_page_down_median": round(statistics.median(times), 2),
        "peer_page_down_p99": round(percentile(times, 0.99), 2),
    }


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def measure(left_path: str, right_path: str, presses: int) -> dict[str, object]:
    sys.path.insert(0, str(REPO))
    from textual._compositor import CompositorUpdate

    from tui.cli import _load_pair
    from tui.config import load_config
    from tui.ui.app import DiptychApp
    from tui.ui.screens.reader import ReaderScreen

    config = load_config(None)
    left, right = _load_pair([left_path, right_path], config)

    class FramedApp(DiptychApp):
        CSS_PATH = str(Path(sys.modules[DiptychApp.__module__].__file__ or "").parent / "app.tcss")
        frames: list[float]

        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            super()._display(screen, renderable)
            if renderable is None or not isinstance(screen, ReaderScreen):
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)
            self.frames.append(time.perf_counter())

    app = FramedApp(left, right, config=config)
    app.frames = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        started = time.perf_counter()
        while screen.analysis is None or screen.analysis.pending or screen.layout_map is None:
            await pilot.pause(0.05)
        analysed = time.perf_counter() - started
        await pilot.pause(0.2)

        async def key_to_frame(key: str) -> float:
            app.frames.clear()
            sent = time.perf_counter()
            await pilot.press(key)
            while not app.frames:
                if time.perf_counter() - sent > FRAME_TIMEOUT:
                    raise SystemExit("bench_scroll: no frame after a key (end of the pair?)")
                await pilot.pause(0)
            return (app.frames[0] - sent) * 1000

        page_downs = [await key_to_frame("pagedown") for _ in range(presses)]
        lines = round(screen.left_pane.scroll_y)

        first_frames, rewrapped = [], []
        for size in [(150, 50), SIZE] * 3:
            app.frames.clear()
            sent = time.perf_counter()
            await pilot.resize_terminal(*size)
            while True:
                await pilot.pause(0)
                layout = screen.layout_map
                if (
                    app.frames
                    and layout is not None
                    and (layout.left_width, layout.right_width) == screen._pane_widths()
                ):
                    break
            first_frames.append((app.frames[0] - sent) * 1000)
            rewrapped.append((app.frames[-1] - sent) * 1000)
        total_lines = screen.layout_map.total_lines if screen.layout_map else 0
    return {
        "pair": [left_path, right_path],
        "size": list(SIZE),
        "presses": presses,
        "scrolled_lines": lines,
        "total_lines": total_lines,
        "seconds_until_complete": round(analysed, 2),
        "page_down_median": round(statistics.median(page_downs), 2),
        "page_down_p99": round(percentile(page_downs, 0.99), 2),
        "page_down_max": round(max(page_downs), 2),
        "resize_first_frame_median": round(statistics.median(first_frames), 1),
        "resize_rewrapped_median": round(statistics.median(rewrapped), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("left")
    parser.add_argument("right")
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="diptych-bench-") as folder:
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            os.environ[name] = str(Path(folder) / name.lower())
        os.environ.pop("DIPTYCH_CONFIG", None)
        os.environ["TEXTUAL_ANIMATIONS"] = "none"
        result = asyncio.run(measure(args.left, args.right, args.presses))
        result.update(asyncio.run(measure_peer(args.left, args.right, args.presses)))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
