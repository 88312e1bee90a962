"""Config file: where it is read from, validation, and one-line errors."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path

import pytest

from tui.actions import ACTION_IDS, DEFAULT_KEYS
from tui.config import (
    DEFAULT_MAX_INPUT_BYTES,
    ROW_MODES,
    AlignSettings,
    Config,
    ConfigError,
    DiffSettings,
    SidebarSettings,
    config_path,
    load_config,
    tomllib,
)


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


# -- the full schema (issue 5) ---------------------------------------------------------------

FULL = """
theme = "textual-light"
rows = "sentence"
max_input_bytes = 2048

[diff]
ignore_case = false
show_quote_style = true

[sidebar]
shown = false
width = 44

[align]
min_pair_score = 0.45
merge_margin = 0   # an integer where a number is expected is fine
max_dp_cells = 5000

[keys]
toggle_sync = "S, ctrl+s"
quit = ["Q", "ctrl+q"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str) -> Config:
    return load_config(str(write(tmp_path, text)), {})


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_nested_tables_are_read(tmp_path: Path) -> None:
    config = load_text(tmp_path, FULL)
    assert config.warnings == ()
    assert (config.theme, config.rows, config.max_input_bytes) == (
        "textual-light",
        "sentence",
        2048,
    )
    assert config.diff == DiffSettings(ignore_case=False, show_quote_style=True)
    assert config.sidebar == SidebarSettings(shown=False, width=44)
    assert config.align.min_pair_score == 0.45
    assert config.align.merge_margin == 0.0 and isinstance(config.align.merge_margin, float)
    assert config.align.max_dp_cells == 5000
    assert config.align.band == AlignSettings().band  # unset keys keep their defaults
    keys = dict(config.keys)
    assert keys["toggle_sync"] == "S,ctrl+s"  # spaces dropped: Textual splits on "," only
    assert keys["quit"] == "Q,ctrl+q"
    assert keys["line_down"] == DEFAULT_KEYS["line_down"]
    assert config.keymap() == {"toggle_sync": "S,ctrl+s", "quit": "Q,ctrl+q"}


def test_options_for_the_core_are_built_from_the_config(tmp_path: Path) -> None:
    from tui.core.align import AlignOptions
    from tui.core.tokens import DiffOptions

    config = load_text(tmp_path, FULL)
    align = config.align_options()
    assert isinstance(align, AlignOptions)
    assert (align.min_pair_score, align.merge_margin, align.max_dp_cells) == (0.45, 0.0, 5000)
    diff = config.diff_options()
    assert isinstance(diff, DiffOptions)
    assert (diff.ignore_case, diff.show_quote_style, diff.ignore_punctuation) == (
        False,
        True,
        False,
    )
    assert Config().align_options() == AlignOptions()
    assert Config().diff_options() == DiffOptions()


def test_defaults_match_the_core_option_classes() -> None:
    """[align] and [diff] mirror AlignOptions and DiffOptions: same names, same defaults."""
    from tui.core.align import AlignOptions
    from tui.core.tokens import DiffOptions

    for ours, theirs in ((AlignSettings, AlignOptions), (DiffSettings, DiffOptions)):
        assert [f.name for f in fields(ours)] == [f.name for f in fields(theirs)]
        assert asdict(ours()) == asdict(theirs())


def test_every_allowed_align_value_is_accepted_by_align_options() -> None:
    """The config's ranges sit inside AlignOptions' own checks: no valid config can crash it."""
    from tui.core.align import AlignOptions

    for item in fields(AlignSettings):
        rule = item.metadata["rule"]
        for bound in (rule.low, rule.high):
            AlignOptions(**{item.name: rule.kind(bound)})


def test_row_modes_match_the_layout() -> None:
    from tui.core.layout import RowMode

    assert set(ROW_MODES) == {mode.value for mode in RowMode}


@pytest.mark.parametrize(
    ("text", "shown", "allowed"),
    [
        ('theme = ""', 'theme = ""', "theme name"),
        ("theme = 3", "theme = 3", "theme name"),
        ('rows = "lines"', 'rows = "lines"', '"paragraph" or "sentence"'),
        ('[diff]\nignore_case = "yes"', 'diff.ignore_case = "yes"', "true or false"),
        ("[diff]\nshow_quote_style = 1", "diff.show_quote_style = 1", "true or false"),
        ("[sidebar]\nshown = 0", "sidebar.shown = 0", "true or false"),
        ("[sidebar]\nwidth = 19", "sidebar.width = 19", "a whole number from 20 to 80"),
        ("[sidebar]\nwidth = 81", "sidebar.width = 81", "a whole number from 20 to 80"),
        ("[sidebar]\nwidth = 30.5", "sidebar.width = 30.5", "a whole number from 20 to 80"),
        ("[sidebar]\nwidth = true", "sidebar.width = true", "a whole number from 20 to 80"),
        ("[align]\nmin_pair_score = 1.5", "align.min_pair_score = 1.5", "a number from 0 to 1"),
        ("[align]\nmerge_margin = -0.1", "align.merge_margin = -0.1", "a number from 0 to 1"),
        ("[align]\nmerge_margin = nan", "align.merge_margin = nan", "a number from 0 to 1"),
        ('[align]\nband = "8"', 'align.band = "8"', "a whole number from 1 to 1000"),
        ("[align]\nshingle_size = 0", "align.shingle_size = 0", "a whole number from 1 to 10"),
        ("[keys]\nquit = 5", "keys.quit = 5", "key names separated by commas"),
        ('[keys]\nquit = ""', 'keys.quit = ""', "key names separated by commas"),
        ('[keys]\nquit = "ctrl q"', 'keys.quit = "ctrl q"', "key names separated by commas"),
        ('[keys]\nquit = "q,,x"', 'keys.quit = "q,,x"', "key names separated by commas"),
        ('[keys]\nquit = ["q", 1]', 'keys.quit = ["q", 1]', "key names separated by commas"),
        ("sidebar = true", "sidebar = true", "a table: a [sidebar] header"),
        ('keys = "q"', 'keys = "q"', "a table: a [keys] header"),
    ],
)
def test_wrong_type_or_range_per_section(
    tmp_path: Path, text: str, shown: str, allowed: str
) -> None:
    message = error_for(tmp_path, text + "\n")
    path = str(tmp_path / "config.toml")
    assert message.startswith(f"{path}: {shown} is not allowed; expected ")
    assert allowed in message


def test_invalid_toml_at_end_of_document_still_has_a_position(tmp_path: Path) -> None:
    message = error_for(tmp_path, 'theme = "x"\n[sidebar]\nwidth = "unterminated')
    assert "invalid TOML at line 3, column" in message
    assert message.startswith(str(tmp_path / "config.toml"))


def test_invalid_toml_reports_the_parsers_reason(tmp_path: Path) -> None:
    message = error_for(tmp_path, "[sidebar]\nwidth = 30\nwidth = 40\n")
    assert re.search(r"invalid TOML at line 3, column \d+: ", message)
    assert message.endswith("Cannot overwrite a value")  # the parser's own words


@pytest.mark.parametrize(
    ("text", "unknown", "suggestion"),
    [
        ('themes = "x"', "themes", "theme"),
        ("row = 'sentence'", "row", "rows"),
        ("width = 40", "width", "sidebar.width"),
        ("[sidebar]\nwidht = 40", "sidebar.widht", "sidebar.width"),
        ("[align]\nmin_pair_scor = 0.5", "align.min_pair_scor", "align.min_pair_score"),
        ("[diff]\nignore_cases = true", "diff.ignore_cases", "diff.ignore_case"),
        ('[keys]\ntoggle_synk = "x"', "keys.toggle_synk", "keys.toggle_sync"),
    ],
)
def test_unknown_keys_warn_with_a_suggestion(
    tmp_path: Path, text: str, unknown: str, suggestion: str
) -> None:
    config = load_text(tmp_path, text + "\n")
    assert config == Config()  # nothing applied, nothing refused
    assert len(config.warnings) == 1
    assert f"unknown setting {unknown!r}" in config.warnings[0]
    assert config.warnings[0].endswith(f"did you mean {suggestion!r}?")


def test_unknown_key_without_a_near_name_gets_no_guess(tmp_path: Path) -> None:
    config = load_text(tmp_path, "[colours]\nred = 1\n")
    assert len(config.warnings) == 1 and "'colours'" in config.warnings[0]
    assert "did you mean" not in config.warnings[0]


def test_every_unknown_key_is_named(tmp_path: Path) -> None:
    config = load_text(tmp_path, 'themes = "x"\n[sidebar]\nwidht = 40\nshown = false\n')
    assert len(config.warnings) == 2
    assert config.sidebar.shown is False


def test_a_key_given_to_two_actions_warns(tmp_path: Path) -> None:
    config = load_text(tmp_path, '[keys]\ntoggle_sync = "j"\n')
    assert dict(config.keys)["toggle_sync"] == "j"
    assert len(config.warnings) == 1
    assert "'j'" in config.warnings[0] and "'line_down'" in config.warnings[0]


def test_flag_environment_and_default_file_precedence(tmp_path: Path) -> None:
    default = tmp_path / "xdg_config_home" / "diptych" / "config.toml"
    default.parent.mkdir(parents=True)
    default.write_text('theme = "from-default"\n', encoding="utf-8")
    env_file = tmp_path / "env.toml"
    env_file.write_text('theme = "from-env"\n', encoding="utf-8")
    flag_file = tmp_path / "flag.toml"
    flag_file.write_text('theme = "from-flag"\n', encoding="utf-8")
    env = {"DIPTYCH_CONFIG": str(env_file)}

    assert load_config(None, {}).theme == "from-default"
    assert load_config(None, env).theme == "from-env"
    assert load_config(str(flag_file), env).theme == "from-flag"
    assert load_config(None, env).source == str(env_file)


def test_missing_file_named_by_environment_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(None, {"DIPTYCH_CONFIG": str(tmp_path / "gone.toml")})


def test_to_toml_round_trips_to_an_equal_config(tmp_path: Path) -> None:
    config = load_text(tmp_path, FULL)
    config = replace(config, theme='odd "name" \\ with\nnewline\tand é ✓ \x01')
    data = tomllib.loads(config.to_toml())
    assert Config.from_mapping(data) == config
    written = tmp_path / "written.toml"
    written.write_text(config.to_toml(), encoding="utf-8")
    assert load_config(str(written), {}) == config


def test_to_toml_includes_every_default() -> None:
    data = tomllib.loads(Config().to_toml())
    assert data["max_input_bytes"] == DEFAULT_MAX_INPUT_BYTES
    assert data["theme"] == "textual-dark" and data["rows"] == "paragraph"
    assert data["diff"] == asdict(DiffSettings())
    assert data["sidebar"] == asdict(SidebarSettings())
    assert data["align"] == asdict(AlignSettings())
    assert data["keys"] == dict(DEFAULT_KEYS)
    assert Config.from_mapping(data) == Config()


def test_action_ids_mirror_the_reader_bindings() -> None:
    """tui/actions.py is what the config validates against; it must match the real bindings."""
    from tui.ui.bindings import READER_BINDINGS

    assert tuple(binding.id for binding in READER_BINDINGS) == ACTION_IDS
    assert dict(DEFAULT_KEYS) == {binding.id: binding.key for binding in READER_BINDINGS}


def test_reading_the_config_loads_no_ui_toolkit() -> None:
    code = "import sys, tui.config, tui.state; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
