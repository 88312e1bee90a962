"""Settings from ``config.toml``: read, validated, never written by the app.

The file lives in ``platformdirs.user_config_dir("diptych")``; ``DIPTYCH_CONFIG`` and the
``--config`` flag name another one. Every problem is reported as one line that names the
file (and the key, or the line and column) so a broken config explains itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

APP_NAME = "diptych"
ENV_VAR = "DIPTYCH_CONFIG"
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024


class ConfigError(Exception):
    """The config file cannot be used; the message is one line for stderr."""


@dataclass(frozen=True)
class Config:
    """Effective settings: defaults overlaid with the user's file."""

    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    theme: str = "textual-dark"
    source: str | None = None
    """The file the settings were read from, or None when only defaults apply."""
    warnings: tuple[str, ...] = field(default=())


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


_VALIDATORS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "max_input_bytes": (_positive_int, "a whole number of bytes greater than 0"),
    "theme": (lambda value: isinstance(value, str) and bool(value), "a theme name"),
}


def default_path() -> Path:
    """Where the config is read from when neither flag nor environment names a file."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def config_path(flag: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The file to read: ``--config`` beats ``DIPTYCH_CONFIG`` beats the default."""
    environ = os.environ if environ is None else environ
    if flag:
        return Path(flag)
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR])
    return default_path()


def load_config(flag: str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate the config; a missing default file simply means defaults."""
    path = config_path(flag, environ)
    explicit = bool(flag) or bool((os.environ if environ is None else environ).get(ENV_VAR))
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: config file not found; check the path or unset it")
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config ({error.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    return _from_mapping(data, str(path))


def _from_mapping(data: Mapping[str, Any], source: str) -> Config:
    known = {f.name for f in fields(Config)} - {"source", "warnings"}
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in data.items():
        if key not in known:
            warnings.append(f"{source}: unknown setting {key!r} ignored")
            continue
        check, allowed = _VALIDATORS[key]
        if not check(value):
            raise ConfigError(f"{source}: {key} = {value!r} is not allowed; expected {allowed}")
        values[key] = value
    return Config(**values, source=source, warnings=tuple(warnings))
