"""The core must stay importable without a terminal toolkit (scripts, export, tests)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.core

FORBIDDEN = ("textual", "rich")
CORE_DIR = Path(tui.core.__file__).parent


def test_core_sources_import_no_ui_toolkit() -> None:
    offenders = []
    for path in sorted(CORE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN
            ]
    assert offenders == []


def test_importing_every_core_module_loads_no_ui_toolkit() -> None:
    modules = [f"tui.core.{info.name}" for info in pkgutil.iter_modules([str(CORE_DIR)])]
    assert "tui.core.layout" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
