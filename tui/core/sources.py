"""What the user named on the command line, resolved to the two files to compare.

Accepted forms:

* ``diptych LEFT RIGHT``: two files, left and right in that order.
* ``diptych FOLDER``: a folder holding a ``manifest.toml`` (below), or else exactly two
  ``.txt``/``.md`` files, taken in name order (left first).

Manifest schema (``FOLDER/manifest.toml``)::

    [left]
    file = "kuna-2024-09-13.txt"   # required; relative to the folder (or absolute)
    title = "Putin meets Wang Yi"  # optional; default: the file name without extension
    outlet = "Kuwait News Agency"  # optional
    date = "2024-09-13"            # optional; a string or a TOML date
    language = "en"                # optional

    [right]
    file = "xinhua-2024-09-12.txt"
    # ... the same keys

Both tables are required, and no other keys are accepted, so a typo such as ``titel`` is
reported instead of silently ignored.
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.document import default_info
from tui.core.errors import InputError
from tui.core.model import DocumentInfo

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

MANIFEST_NAME = "manifest.toml"
TEXT_SUFFIXES = (".txt", ".md")
_SIDES = ("left", "right")
_KEYS = ("file", "title", "outlet", "date", "language")
_USAGE_HINT = "run `diptych LEFT RIGHT` with two text files, or `diptych FOLDER`"


@dataclass(frozen=True)
class PairSource:
    """The two files to open and the header facts for each."""

    left_path: str
    right_path: str
    left_info: DocumentInfo
    right_info: DocumentInfo


def resolve_pair(args: list[str]) -> PairSource:
    """Resolve the command-line paths into a pair, or raise ``InputError`` saying why not.

    The files themselves are not opened here; ``loading.read_text`` reports problems with
    their content.
    """
    if len(args) == 2:
        left, right = args
        return PairSource(left, right, default_info(left), default_info(right))
    if len(args) != 1:
        named = "no paths" if not args else f"{len(args)} paths"
        raise InputError("diptych", f"{named} given, need two files or one folder", _USAGE_HINT)
    return _resolve_single(args[0])


def _resolve_single(arg: str) -> PairSource:
    path = Path(arg)
    if path.is_dir():
        manifest = path / MANIFEST_NAME
        if manifest.exists():
            return read_manifest(str(manifest))
        return _pair_from_listing(path)
    if path.exists():
        raise InputError(
            arg,
            "is a single file, but Diptych compares two",
            "name a second file after it, or pass a folder holding both",
        )
    raise InputError(arg, "no such file or folder", "check the path and its spelling")


def _pair_from_listing(folder: Path) -> PairSource:
    """The two text files of a folder without a manifest, in name order."""
    files = sorted(
        entry
        for entry in folder.iterdir()
        if entry.suffix.lower() in TEXT_SUFFIXES
        and not entry.name.startswith(".")
        and entry.is_file()
    )
    if len(files) != 2:
        count = f"{len(files)} text file" + ("" if len(files) == 1 else "s")
        raise InputError(
            str(folder),
            f"holds {count} (.txt or .md), not the 2 Diptych needs",
            f"leave exactly two there, or add a {MANIFEST_NAME} naming the left and right "
            "file, or run `diptych LEFT RIGHT`",
        )
    left, right = (str(entry) for entry in files)
    return PairSource(left, right, default_info(left), default_info(right))


def read_manifest(manifest_path: str) -> PairSource:
    """Parse and check a manifest (schema in the module docstring)."""
    data = _load_toml(manifest_path)
    folder = Path(manifest_path).parent
    unknown = sorted(set(data) - set(_SIDES))
    if unknown:
        raise _manifest_error(manifest_path, f"has unknown table or key '{unknown[0]}'")
    left_path, left_info = _side(manifest_path, folder, data, "left")
    right_path, right_info = _side(manifest_path, folder, data, "right")
    return PairSource(left_path, right_path, left_info, right_info)


def _load_toml(manifest_path: str) -> dict[str, Any]:
    try:
        with open(manifest_path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        # The message ends with "(at line L, column C)".
        raise _manifest_error(manifest_path, f"is not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise _manifest_error(manifest_path, "is not UTF-8 text") from None
    except OSError as error:
        raise InputError(manifest_path, f"cannot be read ({error.strerror})") from None


def _side(
    manifest_path: str, folder: Path, data: dict[str, Any], side: str
) -> tuple[str, DocumentInfo]:
    """The path and info of one ``[left]``/``[right]`` table."""
    table = data.get(side)
    if not isinstance(table, dict):
        reason = f"has no [{side}] table" if table is None else f"'{side}' is not a table"
        raise _manifest_error(manifest_path, reason)
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise _manifest_error(
            manifest_path,
            f"[{side}] has unknown key '{unknown[0]}' (allowed: {', '.join(_KEYS)})",
        )
    values = {key: _string(manifest_path, side, key, table.get(key, "")) for key in _KEYS}
    if not values["file"]:
        raise _manifest_error(manifest_path, f'[{side}] has no file = "..." key')
    path = folder / values["file"]
    if not path.is_file():
        raise _manifest_error(
            manifest_path, f"[{side}] file '{values['file']}' does not exist in {folder}"
        )
    info = DocumentInfo(
        title=values["title"] or default_info(str(path)).title,
        outlet=values["outlet"],
        date=values["date"],
        language=values["language"],
    )
    return str(path), info


def _string(manifest_path: str, side: str, key: str, value: object) -> str:
    """A manifest value as a stripped string; dates may be TOML dates."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise _manifest_error(manifest_path, f"[{side}] {key} must be a string")
    return value.strip()


def _manifest_error(manifest_path: str, reason: str) -> InputError:
    return InputError(
        manifest_path, reason, f"fix the manifest (schema: {MANIFEST_NAME} with [left] and [right])"
    )
