"""One timed start-up of Diptych or of a minimal two-pane Textual app (run by bench_startup).

Usage: python benchmarks/startup_driver.py {diptych,minimal} OUT.json [LEFT RIGHT]

The app runs headless and exits by itself. It records, on the shared monotonic clock (so
the parent can subtract its own spawn time), when the driver started running Python code,
when the app's screen of interest was first composited into a frame ("first frame"), and
for Diptych when a frame first showed the aligned and laid-out rows ("ready") and when one
showed the complete analysis, diffs and entities included ("complete"). Headless Textual
composites every frame but skips turning it into terminal output; the driver does that
step too (and throws the text away) so the frame costs what it would in a terminal.

Diptych is built as ``tui/cli.py`` builds it (config, the sample pair or LEFT RIGHT,
reading session); the app itself is not modified, only subclassed to observe its frames.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

STARTED = time.monotonic()

REPO = Path(__file__).resolve().parents[1]
SIZE = (120, 40)

from textual._compositor import CompositorUpdate  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402


class FrameClock:
    """Mixin for an ``App``: note frame times of one screen and exit when it is ready."""

    marks: dict[str, float]

    def target(self, screen: Screen[object]) -> bool:
        """Whether frames of ``screen`` count (the app's real screen, not a blank default)."""
        raise NotImplementedError

    def ready(self, screen: Screen[object]) -> bool:
        """Whether this frame shows what the user waits for first (the rows)."""
        return True

    def complete(self, screen: Screen[object]) -> bool:
        """Whether this frame shows everything; the app exits after it."""
        return True

    def _display(self, screen: Screen[object], renderable: object) -> None:
        app: App[object] = self  # type: ignore[assignment]
        super()._display(screen, renderable)  # type: ignore[misc]
        if renderable is None or app._batch_count or not self.target(screen):
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)  # what a real terminal would be sent
        now = time.monotonic()
        self.marks.setdefault("first_frame", now)
        if "ready" not in self.marks and self.ready(screen):
            self.marks["ready"] = now
        if "ready" in self.marks and self.complete(screen):
            self.marks["complete"] = now
            app.exit()


def minimal_app() -> App[None]:
    """Two ``Static`` panes side by side showing the sample texts, nothing else."""
    from textual.app import ComposeResult
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Static

    folder = REPO / "sample_data" / "putin-wang-yi-2024"
    texts = [
        (folder / name).read_text(encoding="utf-8")
        for name in ("kuna-2024-09-13.txt", "xinhua-2024-09-12.txt")
    ]

    class Minimal(FrameClock, App[None]):
        CSS = "VerticalScroll { width: 1fr; border: solid $primary; }"

        def __init__(self) -> None:
            super().__init__()
            self.marks = {}

        def compose(self) -> ComposeResult:
            with Horizontal():
                for text in texts:
                    with VerticalScroll():
                        yield Static(text, markup=False)

        def target(self, screen: Screen[object]) -> bool:
            return bool(screen.query(Static))

    return Minimal()


def diptych_app(paths: list[str]) -> App[None]:
    """The real app, set up the way ``diptych [LEFT RIGHT]`` sets it up."""
    sys.path.insert(0, str(REPO))
    from tui.cli import build_reader
    from tui.config import load_config
    from tui.ui.app import DiptychApp
    from tui.ui.screens.reader import ReaderScreen

    config = load_config(None)
    left, right, session = build_reader(paths, config, fresh=False)

    class TimedDiptych(FrameClock, DiptychApp):
        # A relative CSS_PATH is resolved beside the subclass; keep the app's own file.
        CSS_PATH = str(Path(sys.modules[DiptychApp.__module__].__file__ or "").parent / "app.tcss")

        def __init__(self) -> None:
            super().__init__(left, right, config=config, session=session)
            self.marks = {}

        def target(self, screen: Screen[object]) -> bool:
            return isinstance(screen, ReaderScreen)

        def ready(self, screen: Screen[object]) -> bool:
            assert isinstance(screen, ReaderScreen)
            return screen.analysis is not None and screen.layout_map is not None

        def complete(self, screen: Screen[object]) -> bool:
            assert isinstance(screen, ReaderScreen)
            return screen.analysis is not None and not screen.analysis.pending

    return TimedDiptych()


def main() -> int:
    kind, out, paths = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    app = diptych_app(paths) if kind == "diptych" else minimal_app()
    app.run(headless=True, size=SIZE)
    marks = {"started": STARTED, **app.marks, "exited": time.monotonic()}  # type: ignore[attr-defined]
    out.write_text(json.dumps(marks), encoding="utf-8")
    return 0 if "complete" in marks else 1


if __name__ == "__main__":
    sys.exit(main())
