"""Config file: where it is read from, validation, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.config import DEFAULT_MAX_INPUT_BYTES, ConfigError, config_path, load_config


def test_flag_beats_environment_beats_default(tmp_path: Path) -> None:
    env = {"DIPTYCH_CONFIG": str(tmp_path / "env.toml")}
    assert config_path("flag.toml", env) == Path("flag.toml")
    assert config_path(None, env) == tmp_path / "env.toml"
    assert config_path(None, {}).name == "config.toml"


def test_missing_default_file_means_defaults(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config = load_config(None, {})
    assert config.max_input_bytes == DEFAULT_MAX_INPUT_BYTES
    assert config.source is None


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('max_input_bytes = 1000\ntheme = "textual-light"\n', encoding="utf-8")
    config = load_config(str(path), {})
    assert (config.max_input_bytes, config.theme, config.source) == (
        1000,
        "textual-light",
        str(path),
    )


def test_invalid_toml_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('theme = "x"\nmax_input_bytes = = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(str(path), {})
    message = str(caught.value)
    assert str(path) in message and "line 2" in message and "column" in message
    assert "\n" not in message


@pytest.mark.parametrize("value", ["0", "-5", '"big"', "true", "1.5"])
def test_wrong_type_or_range_names_key_value_and_what_is_allowed(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f"max_input_bytes = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"max_input_bytes = .* expected a whole number"):
        load_config(str(path), {})


def test_unknown_keys_warn_but_load(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('themes = "x"\n', encoding="utf-8")
    config = load_config(str(path), {})
    assert config.warnings and "themes" in config.warnings[0]


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(str(tmp_path / "nope.toml"), {})
