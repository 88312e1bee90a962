"""Shared fixtures: settings that keep every run deterministic and off the user's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before Textual is imported anywhere: no animation makes snapshots and Pilot runs repeatable.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data" / "putin-wang-yi-2024"
SAMPLE_LEFT = SAMPLE / "kuna-2024-09-13.txt"
SAMPLE_RIGHT = SAMPLE / "xinhua-2024-09-12.txt"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Config, state and cache go to a temporary folder, never the developer's own."""
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("DIPTYCH_CONFIG", raising=False)
