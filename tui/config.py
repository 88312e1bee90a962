"""Settings from ``config.toml``: read, validated, never written by the app.

The file lives in ``platformdirs.user_config_dir("diptych")``; ``DIPTYCH_CONFIG`` and the
``--config`` flag name another one. Every problem is reported as one line that names the
file (and the key, or the line and column) so a broken config explains itself. Unknown keys
only warn (with a typo suggestion): a setting from a newer Diptych, or a typo, must not stop
the reader from opening.

The schema is the dataclasses below: each setting carries a :class:`Rule` (type, range,
what to tell the user) and a one-line doc in its field metadata, so validation, error
messages and ``diptych config show`` all come from one place. This module imports neither
Textual nor the core's aligner; the ``[align]`` and ``[diff]`` sections mirror
``AlignOptions`` and ``DiffOptions`` field for field (a test checks) and are turned into them
only when the reader asks.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import Field, asdict, dataclass, field, fields
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import platformdirs

from tui.actions import (
    ACTION_IDS,
    ACTIONS,
    DEFAULT_KEYS,
    SIDEBAR_ACTION_IDS,
    SIDEBAR_ACTIONS,
    SIDEBAR_DEFAULT_KEYS,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    from tui.core.align import AlignOptions
    from tui.core.tokens import DiffOptions

APP_NAME = "diptych"
ENV_VAR = "DIPTYCH_CONFIG"
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024
ROW_MODES: tuple[str, ...] = ("paragraph", "sentence")
"""Values of ``rows``; the same strings as ``tui.core.layout.RowMode``."""

RowsSetting = Literal["paragraph", "sentence"]


class ConfigError(Exception):
    """The config file cannot be used; the message is one line for stderr."""


# -- the schema ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """What one setting accepts, and how to say so in an error message."""

    kind: type
    """``bool``, ``int``, ``float`` (ints accepted) or ``str``."""
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    describe: str = ""
    """Overrides the generated description of what is allowed."""

    def accept(self, value: Any) -> tuple[bool, Any]:
        """``(True, normalised value)`` if the value is allowed, else ``(False, None)``."""
        if self.kind is bool:
            return (True, value) if isinstance(value, bool) else (False, None)
        if isinstance(value, bool):  # TOML booleans are Python ints; never numbers here
            return False, None
        if self.kind is int:
            ok = isinstance(value, int) and self._in_range(value)
            return (True, value) if ok else (False, None)
        if self.kind is float:
            ok = isinstance(value, (int, float)) and not math.isnan(value)
            return (True, float(value)) if ok and self._in_range(value) else (False, None)
        if not isinstance(value, str) or not value.strip():
            return False, None
        if self.choices and value not in self.choices:
            return False, None
        return True, value

    def _in_range(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def allowed(self) -> str:
        """Plain words for the error message: "a whole number from 20 to 80"."""
        if self.describe:
            return self.describe
        if self.kind is bool:
            return "true or false"
        if self.choices:
            return " or ".join(_toml_value(choice) for choice in self.choices)
        if self.kind is str:
            return "a non-empty string"
        noun = "a whole number" if self.kind is int else "a number"
        if self.low is not None and self.high is not None:
            return f"{noun} from {_number(self.low)} to {_number(self.high)}"
        if self.low is not None:
            return f"{noun} of at least {_number(self.low)}"
        return noun


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


BOOL = Rule(bool)
SCORE = Rule(float, 0.0, 1.0)


def about(rule: Rule, doc: str) -> dict[str, Any]:
    """Field metadata that makes a dataclass field a user setting: its rule and one-line doc."""
    return {"rule": rule, "doc": doc}


def about_table(cls: type, doc: str) -> dict[str, Any]:
    """Field metadata for a nested ``[table]`` of settings, described by dataclass ``cls``."""
    return {"table": cls, "doc": doc}


@dataclass(frozen=True)
class DiffSettings:
    """``[diff]``: the diff options the reader starts with (mirrors ``DiffOptions``)."""

    ignore_case: bool = field(
        default=True, metadata=about(BOOL, "words differing only in case compare equal")
    )
    ignore_punctuation: bool = field(
        default=False, metadata=about(BOOL, "punctuation-only changes compare equal")
    )
    show_whitespace_changes: bool = field(
        default=False, metadata=about(BOOL, "mark changes in spacing")
    )
    show_quote_style: bool = field(
        default=False,
        metadata=about(BOOL, "mark typographic changes: quote shapes, dash variants, ... vs …"),
    )


@dataclass(frozen=True)
class SidebarSettings:
    """``[sidebar]``: the side panel listing the pair's entities."""

    shown: bool = field(default=True, metadata=about(BOOL, "show the sidebar when a pair opens"))
    width: int = field(
        default=30, metadata=about(Rule(int, 20, 80), "its width in terminal columns")
    )


@dataclass(frozen=True)
class AlignSettings:
    """``[align]``: aligner thresholds (mirrors ``AlignOptions``; see its docs for the why).

    Upper bounds that ``AlignOptions`` itself does not impose keep a config from making the
    aligner run for minutes (``max_dp_cells``) or stop finding anchors (shingle sizes).
    """

    min_pair_score: float = field(
        default=0.3, metadata=about(SCORE, "paragraphs scoring below this are not paired")
    )
    min_sentence_score: float = field(
        default=0.3, metadata=about(SCORE, "the same floor for sentences")
    )
    merge_margin: float = field(
        default=0.05,
        metadata=about(SCORE, "how much better a 2:1 or 1:2 group must score than a 1:1 pair"),
    )
    max_dp_cells: int = field(
        default=20_000,
        metadata=about(
            Rule(int, 1, 10_000_000), "larger gaps are first anchored on shared phrases"
        ),
    )
    band: int = field(
        default=8, metadata=about(Rule(int, 1, 1000), "slack around fuzzy anchors in large gaps")
    )
    shingle_size: int = field(
        default=3, metadata=about(Rule(int, 1, 10), "words per phrase used as a fuzzy anchor")
    )
    min_shingle_votes: int = field(
        default=2,
        metadata=about(Rule(int, 1, 100), "shared rare phrases needed for a fuzzy anchor"),
    )
    max_word_weight: int = field(
        default=8, metadata=about(Rule(int, 1, 100), "cap on a rare word's weight")
    )


@dataclass(frozen=True)
class Config:
    """Effective settings: defaults overlaid with the user's file.

    ``source`` and ``warnings`` say where the settings came from, not what they are, so
    they take no part in equality: a config written out by :meth:`to_toml` and read back
    equals the original.
    """

    max_input_bytes: int = field(
        default=DEFAULT_MAX_INPUT_BYTES,
        metadata=about(
            Rule(int, 1, describe="a whole number of bytes greater than 0"),
            "larger input files are refused with a message",
        ),
    )
    theme: str = field(
        default="textual-dark",
        metadata=about(
            Rule(str, describe='a Textual theme name such as "textual-light"'),
            "any Textual theme name",
        ),
    )
    rows: RowsSetting = field(
        default="paragraph",
        metadata=about(Rule(str, choices=ROW_MODES), "rows the reader starts with"),
    )
    diff: DiffSettings = field(
        default_factory=DiffSettings,
        metadata=about_table(DiffSettings, "Differences shown when a pair opens."),
    )
    sidebar: SidebarSettings = field(
        default_factory=SidebarSettings,
        metadata=about_table(SidebarSettings, "The entity sidebar."),
    )
    align: AlignSettings = field(
        default_factory=AlignSettings, metadata=about_table(AlignSettings, "Alignment thresholds.")
    )
    keys: tuple[tuple[str, str], ...] = field(
        default=tuple(DEFAULT_KEYS.items()),
        metadata={"doc": 'Keys per action, comma-separated Textual key names ("S,ctrl+s").'},
    )
    """Every action id with its effective keys, in ``ACTION_IDS`` order.

    Then any sidebar action (``SIDEBAR_ACTION_IDS``) whose keys differ from its default:
    those stay out when unchanged so the reader's list mirrors its bindings exactly.
    """
    source: str | None = field(default=None, compare=False)
    """The file the settings were read from, or None when only defaults apply."""
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str | None = None) -> Config:
        """Validate parsed TOML; raises :class:`ConfigError`, collects unknown-key warnings."""
        return _from_mapping(data, source)

    def keymap(self) -> dict[str, str]:
        """Only the rebound actions, for ``App.set_keymap``.

        Re-applying default keys would make Textual report clashes between an action the
        user rebound and one that merely kept its default.
        """
        return {action: keys for action, keys in self.keys if keys != _ALL_DEFAULT_KEYS[action]}

    def align_options(self) -> AlignOptions:
        """The aligner's options; imported here so reading the config stays light."""
        from tui.core.align import AlignOptions

        return AlignOptions(**asdict(self.align))

    def diff_options(self) -> DiffOptions:
        """The diff options the reader starts with."""
        from tui.core.tokens import DiffOptions

        return DiffOptions(**asdict(self.diff))

    def to_toml(self) -> str:
        """The effective settings as a TOML document, defaults included, with comments."""
        source = (self.source or "").replace("\n", "\\n")  # a comment must stay one line
        origin = f"read from {source}" if source else "no config file, all defaults"
        lines = [f"# Diptych settings in effect ({origin})."]
        tables: list[Field[Any]] = []
        for item in _setting_fields(type(self)):
            if "table" in item.metadata or item.name == "keys":
                tables.append(item)
                continue
            lines += [
                f"# {item.metadata['doc']}",
                f"{item.name} = {_toml_value(getattr(self, item.name))}",
            ]
        for item in tables:
            lines += ["", f"# {item.metadata['doc']}", f"[{item.name}]"]
            if item.name == "keys":
                descriptions = {
                    action.id: action.description for action in (*ACTIONS, *SIDEBAR_ACTIONS)
                }
                for action, keys in self.keys:
                    lines += [f"# {descriptions[action]}", f"{action} = {_toml_value(keys)}"]
                continue
            table = getattr(self, item.name)
            for entry in fields(table):
                value = _toml_value(getattr(table, entry.name))
                lines += [f"# {entry.metadata['doc']}", f"{entry.name} = {value}"]
        return "\n".join(lines) + "\n"


def _setting_fields(cls: type) -> list[Field[Any]]:
    return [item for item in fields(cls) if item.metadata]


# -- where the file is -----------------------------------------------------------------------


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


def config_origin(flag: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Why :func:`config_path` chose its file, in words for ``diptych config path``."""
    environ = os.environ if environ is None else environ
    if flag:
        return "named by --config"
    if environ.get(ENV_VAR):
        return f"named by {ENV_VAR}"
    return "the default location"


# -- reading ---------------------------------------------------------------------------------


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
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text; save it as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {_describe_toml_error(error, text)}") from None
    return _from_mapping(data, str(path))


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")


def _describe_toml_error(error: tomllib.TOMLDecodeError, text: str) -> str:
    """ "invalid TOML at line L, column C: reason", whatever the parser's message style.

    Python 3.14's tomllib (and recent tomli) carry ``lineno``/``colno``; older ones only
    put the position at the end of the message, or say "at end of document".
    """
    message = str(getattr(error, "msg", None) or error)
    line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
    if match := _POSITION.search(message):
        message = message[: match.start()]
        line, column = line or int(match[1]), column or int(match[2])
    elif match := _END.search(message):
        message = message[: match.start()]
        if line is None:
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
    reason = " ".join(message.split()) or "syntax error"
    if line is None:
        return f"invalid TOML: {reason}"
    return f"invalid TOML at line {line}, column {column}: {reason}"


def _from_mapping(data: Mapping[str, Any], source: str | None) -> Config:
    where = source or "config"
    known = {item.name: item for item in _setting_fields(Config)}
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in data.items():
        item = known.get(key)
        if item is None:
            warnings.append(_unknown(where, key, _top_level_names()))
        elif item.name == "keys":
            values[key] = _keys(where, _table(where, key, value), warnings)
        elif "table" in item.metadata:
            values[key] = _section(where, key, item.metadata["table"], value, warnings)
        else:
            values[key] = _check(where, key, item.metadata["rule"], value)
    return Config(**values, source=source, warnings=tuple(warnings))


def _check(where: str, dotted: str, rule: Rule, value: Any) -> Any:
    ok, normalised = rule.accept(value)
    if not ok:
        raise ConfigError(
            f"{where}: {dotted} = {_shown(value)} is not allowed; expected {rule.allowed()}"
        )
    return normalised


def _table(where: str, name: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: {name} = {_shown(value)} is not allowed; "
            f"expected a table: a [{name}] header followed by its settings"
        )
    return value


def _section(where: str, name: str, cls: type, value: Any, warnings: list[str]) -> Any:
    table = _table(where, name, value)
    known = {item.name: item for item in fields(cls)}
    values: dict[str, Any] = {}
    for key, entry in table.items():
        dotted = f"{name}.{key}"
        if key not in known:
            warnings.append(_unknown(where, dotted, {k: f"{name}.{k}" for k in known}))
            continue
        values[key] = _check(where, dotted, known[key].metadata["rule"], entry)
    return cls(**values)


_KEY_NAME = re.compile(r"^[^\s,]+$")
_ALL_DEFAULT_KEYS: Mapping[str, str] = {**DEFAULT_KEYS, **SIDEBAR_DEFAULT_KEYS}
_KEY_SCOPES = (ACTION_IDS, SIDEBAR_ACTION_IDS)
"""Actions bound on the same widget; a key can only clash within one scope (the sidebar's
keys act only while it has focus, and there they win over the reader's)."""
_KEYS_ALLOWED = 'key names separated by commas, such as "S,ctrl+s"'


def _keys(where: str, table: Mapping[str, Any], warnings: list[str]) -> tuple[tuple[str, str], ...]:
    """``[keys]``: action id -> keys; unknown ids warn, malformed keys are errors."""
    effective = dict(_ALL_DEFAULT_KEYS)
    rebound: set[str] = set()
    for action, value in table.items():
        dotted = f"keys.{action}"
        if action not in effective:
            warnings.append(_unknown(where, dotted, {a: f"keys.{a}" for a in effective}))
            continue
        keys = _parse_keys(value)
        if keys is None:
            raise ConfigError(
                f"{where}: {dotted} = {_shown(value)} is not allowed; expected {_KEYS_ALLOWED}"
            )
        effective[action] = keys
        rebound.add(action)
    for scope in _KEY_SCOPES:
        holders: dict[str, list[str]] = {}
        for action in scope:
            for key in effective[action].split(","):
                holders.setdefault(key, []).append(action)
        for key, actions in holders.items():
            if len(actions) > 1 and rebound.intersection(actions):
                names = " and ".join(repr(action) for action in actions)
                warnings.append(
                    f"{where}: key {key!r} is bound to both {names}; "
                    "it can only do one thing, so give one of them a different key"
                )
    changed = [a for a in SIDEBAR_ACTION_IDS if effective[a] != SIDEBAR_DEFAULT_KEYS[a]]
    return tuple((action, effective[action]) for action in (*ACTION_IDS, *changed))


def _parse_keys(value: Any) -> str | None:
    """Normalise ``"S, ctrl+s"`` or ``["S", "ctrl+s"]`` to ``"S,ctrl+s"`` (None if invalid).

    Textual splits a keymap entry on commas without stripping, so spaces are removed here.
    """
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        parts = value
    else:
        return None
    keys = [part.strip() for part in parts]
    if not all(_KEY_NAME.match(key) for key in keys):
        return None
    return ",".join(dict.fromkeys(keys))


def _top_level_names() -> dict[str, str]:
    """Suggestion candidates for an unknown top-level key, section fields included.

    ``width = 40`` at the top level most likely meant ``sidebar.width``.
    """
    names: dict[str, str] = {}
    for item in _setting_fields(Config):
        if "table" in item.metadata:
            for entry in fields(item.metadata["table"]):
                names.setdefault(entry.name, f"{item.name}.{entry.name}")
        names[item.name] = item.name
    return names


def _unknown(where: str, dotted: str, candidates: Mapping[str, str]) -> str:
    """The warning for an unknown key, with the closest known name if one is close."""
    from rapidfuzz import fuzz, process  # only for a mistyped key: keep it off start-up

    last = dotted.rsplit(".", 1)[-1]
    best = process.extractOne(last, list(candidates), scorer=fuzz.ratio, score_cutoff=70)
    hint = f"; did you mean {candidates[best[0]]!r}?" if best else ""
    return f"{where}: unknown setting {dotted!r} ignored{hint}"


# -- writing TOML (for `diptych config show` and error messages) -----------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    """One value in TOML syntax; only the types a config can hold (and tomllib returns)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # shortest round-trip form; "1e-05" is valid TOML too
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _shown(value: Any, limit: int = 60) -> str:
    """A user's value as they would have written it, cut short for a one-line message."""
    text = _toml_value(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
