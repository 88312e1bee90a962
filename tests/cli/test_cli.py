"""The command line through a real subprocess: bad input, help, version, export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, SAMPLE_LEFT, SAMPLE_RIGHT


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_version_and_help() -> None:
    from tui import __version__

    version = run("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    help_ = run("--help")
    assert help_.returncode == 0 and "export" in help_.stdout and "PATH" in help_.stdout


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert_one_line_error(run(str(missing), str(SAMPLE_RIGHT)), str(missing), "no such file")


def test_folder_without_two_documents(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text("one text\n", encoding="utf-8")
    assert_one_line_error(run(str(tmp_path)), str(tmp_path))


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    assert_one_line_error(run(str(tmp_path), str(SAMPLE_RIGHT)), str(tmp_path), "folder")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_one_line_error(run(str(SAMPLE_LEFT), str(empty)), str(empty), "empty")


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert_one_line_error(run(str(binary), str(SAMPLE_RIGHT)), str(binary), "binary")


def test_undecodable_bytes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe" + "text".encode("utf-16-le") + b"\x00")
    assert_one_line_error(run(str(broken), str(SAMPLE_RIGHT)), str(broken))


def test_file_larger_than_the_configured_limit(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_input_bytes = 1000\n", encoding="utf-8")
    result = run("--config", str(config), str(SAMPLE_LEFT), str(SAMPLE_RIGHT))
    assert_one_line_error(result, str(SAMPLE_LEFT), "max_input_bytes")


def test_broken_config_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_input_bytes = [\n", encoding="utf-8")
    assert_one_line_error(run("--config", str(config), "export", str(SAMPLE)), str(config))


@pytest.mark.parametrize("args", [(str(SAMPLE_LEFT), str(SAMPLE_RIGHT)), (str(SAMPLE),)])
def test_export_of_the_sample(args: tuple[str, ...]) -> None:
    result = run("export", *args)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["version"] == 1
    left, right = data["documents"]["left"], data["documents"]["right"]
    assert left["path"].endswith("kuna-2024-09-13.txt")
    text = SAMPLE_LEFT.read_text(encoding="utf-8")
    assert [text[a:b] for a, b in left["paragraphs"]][1].startswith("Putin made the remarks")
    assert len(right["paragraphs"]) == 18
    rows = data["rows"]
    assert sorted(i for row in rows for i in row["left"]) == list(range(len(left["paragraphs"])))
    assert sorted(i for row in rows for i in row["right"]) == list(range(18))
    assert {row["kind"] for row in rows} <= {"equal", "changed", "left_only", "right_only"}
    assert all(0.0 <= row["score"] <= 1.0 for row in rows)
    # The opening paragraphs of both reports are one row.
    assert rows[0]["kind"] == "right_only" and rows[1]["left"] == [0] and rows[1]["right"] == [1]


def test_export_does_not_modify_inputs(tmp_path: Path) -> None:
    before = (SAMPLE_LEFT.read_bytes(), SAMPLE_RIGHT.read_bytes())
    run("export", str(SAMPLE_LEFT), str(SAMPLE_RIGHT))
    assert (SAMPLE_LEFT.read_bytes(), SAMPLE_RIGHT.read_bytes()) == before


def test_export_into_a_pipe_closed_early_ends_without_a_traceback(tmp_path: Path) -> None:
    # Enough paragraphs that the JSON overflows the pipe's buffer before anyone reads it.
    text = SAMPLE_LEFT.read_text(encoding="utf-8")
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    left.write_text(text * 40, encoding="utf-8")
    right.write_text(text.replace("Putin", "Putin's") * 40, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", str(left), str(right)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DIPTYCH_NO_CACHE": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b'{\n "versio'
    process.stdout.close()  # like `| head -c 10`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert stderr == ""
