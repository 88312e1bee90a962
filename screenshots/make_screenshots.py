"""Regenerate the README's screenshots from the sample pair, headlessly.

Run from the repository root: ``.venv/bin/python screenshots/make_screenshots.py``. It
drives the app exactly as the snapshot tests do (fixed size, default dark theme, no
animation, nothing remembered), so the pictures match what a user sees. PNG copies are
made when ``rsvg-convert`` is installed (Debian: ``librsvg2-bin``; ``fonts-firacode``
gives the font the SVGs name, so letters line up exactly).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.ui.helpers import aligned, sample_app  # noqa: E402

SIZE = (140, 40)
SHOTS: dict[str, Sequence[str]] = {
    "main-view": (),
    "diff-highlighting": ("c",),
    "entity-selected": ("E", "down", "enter"),
    "search": ("slash", *"russia", "enter"),
    "help": ("question_mark",),
}
"""Screenshot name -> keys pressed after the pair is aligned."""


async def shoot(name: str, keys: Sequence[str]) -> Path:
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await aligned(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    return path


def to_png(svg: Path) -> Path | None:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        return None
    png = svg.with_suffix(".png")
    subprocess.run([converter, "-w", "1400", str(svg), "-o", str(png)], check=True)
    return png


def main() -> None:
    for name, keys in SHOTS.items():
        svg = asyncio.run(shoot(name, keys))
        png = to_png(svg)
        print(svg.name, png.name if png else "(no rsvg-convert: SVG only)")


if __name__ == "__main__":
    main()
