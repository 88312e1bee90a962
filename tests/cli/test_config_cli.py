"""`diptych config path|show` through a real subprocess (XDG dirs point into tmp_path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import assert_one_line_error
from tui.config import Config, tomllib


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def default_file(tmp_path: Path) -> Path:
    return tmp_path / "xdg_config_home" / "diptych" / "config.toml"


def test_path_reports_the_default_file_and_whether_it_exists(tmp_path: Path) -> None:
    missing = run("path")
    assert missing.returncode == 0, missing.stderr
    first, second = missing.stdout.splitlines()
    assert first == str(default_file(tmp_path))
    assert "does not exist" in second and "defaults apply" in second

    default_file(tmp_path).parent.mkdir(parents=True)
    default_file(tmp_path).write_text('theme = "x"\n', encoding="utf-8")
    present = run("path")
    assert present.stdout.splitlines() == [
        str(default_file(tmp_path)),
        "exists (the default location)",
    ]


def test_path_honours_flag_over_environment(tmp_path: Path) -> None:
    env_file, flag_file = tmp_path / "env.toml", tmp_path / "flag.toml"
    env_file.write_text("", encoding="utf-8")
    env = {"DIPTYCH_CONFIG": str(env_file)}

    from_env = run("path", env=env)
    assert from_env.stdout.splitlines() == [str(env_file), "exists (named by DIPTYCH_CONFIG)"]
    from_flag = run("path", "--config", str(flag_file), env=env)
    assert from_flag.returncode == 0
    first, second = from_flag.stdout.splitlines()
    assert first == str(flag_file)
    assert second.startswith("does not exist (named by --config)")


def test_show_prints_every_default_as_toml() -> None:
    result = run("show")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert Config.from_mapping(tomllib.loads(result.stdout)) == Config()
    assert "[keys]" in result.stdout and "[align]" in result.stdout


def test_show_reflects_the_file_and_warns_about_unknown_keys(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('themes = "x"\n[sidebar]\nwidth = 50\n[keys]\nquit = "Q"\n', encoding="utf-8")
    result = run("show", env={"DIPTYCH_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr
    data = tomllib.loads(result.stdout)
    assert data["sidebar"]["width"] == 50 and data["keys"]["quit"] == "Q"
    assert data["theme"] == "textual-dark"
    assert result.stderr.strip() == (
        f"diptych: warning: {config}: unknown setting 'themes' ignored; did you mean 'theme'?"
    )


def test_show_with_broken_toml_is_one_line_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[sidebar]\nwidth = = 3\n", encoding="utf-8")
    result = run("show", "--config", str(config))
    assert_one_line_error(result, str(config), "invalid TOML at line 2, column")


def test_show_with_a_bad_value_is_one_line_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[sidebar]\nwidth = 200\n", encoding="utf-8")
    result = run("show", "--config", str(config))
    assert_one_line_error(result, "sidebar.width = 200", "from 20 to 80")


def test_show_with_a_missing_named_file_is_exit_2(tmp_path: Path) -> None:
    assert_one_line_error(run("show", "--config", str(tmp_path / "nope.toml")), "not found")


def test_missing_or_unknown_action_is_a_usage_error() -> None:
    for args in ((), ("frob",)):
        result = run(*args)
        assert result.returncode == 2
        assert result.stdout == "" and "Traceback" not in result.stderr
        assert "path" in result.stderr and "show" in result.stderr
