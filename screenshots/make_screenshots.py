"""Regenerate the README's screenshots from the sample pair, headlessly.

Run from the repository root: ``.venv/bin/python screenshots/make_screenshots.py``. It
drives the app exactly as the snapshot tests do (fixed size and theme, no animation), so
the pictures match what a user sees on opening the sample.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.ui.helpers import aligned, sample_app  # noqa: E402

SHOTS: dict[str, tuple[tuple[int, int], Sequence[str]]] = {
    "main-view": ((120, 40), ()),
    "help": ((120, 40), ("question_mark",)),
}


async def shoot(name: str, size: tuple[int, int], keys: Sequence[str]) -> Path:
    app = sample_app()
    async with app.run_test(size=size) as pilot:
        await aligned(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    return path


def main() -> None:
    for name, (size, keys) in SHOTS.items():
        print(asyncio.run(shoot(name, size, keys)))


if __name__ == "__main__":
    main()
