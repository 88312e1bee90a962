"""Reading a user's file into clean text, or failing with a message they can act on.

The reader is pointed at files people saved from browsers, word processors and old
archives, so decoding is forgiving but never silent: anything other than plain UTF-8 is
reported through ``LoadedText.notice``, and anything that is not text at all is refused
with an ``InputError`` instead of being shown as garbage.

Decoding rules, in order (``decode_bytes``):

1. A byte-order mark decides: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE. The BOM is stripped. If
   the bytes after it are not valid in that encoding (odd length for UTF-16, unpaired
   surrogates, a truncated last character...) the file is refused as "cannot be decoded":
   a BOM is an explicit claim, and guessing past a broken claim would show nonsense.
2. Without a BOM, a file whose NUL bytes all sit at odd (or all at even) positions and that
   decodes cleanly as UTF-16 is read as BOM-less UTF-16 (with a notice). Any other NUL
   byte means binary.
3. Valid UTF-8 is UTF-8.
4. Bytes that are *mostly* UTF-8 (more valid multi-byte sequences than invalid bytes) are
   a damaged UTF-8 file: invalid bytes become U+FFFD and the notice says how many.
5. Otherwise the file is in a legacy single-byte encoding: Windows-1252 when every byte is
   defined there, else Latin-1 (which defines all 256 bytes). The notice names the guess.

After decoding, text with U+0000 or with more than ``_MAX_CONTROL_RATIO`` of other control
characters is refused as binary, CRLF and lone CR become LF, and text that is empty or only
whitespace is refused. The file's extension is never consulted: content decides.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass

from tui.core.errors import InputError

_MAX_CONTROL_RATIO = 0.05
"""Share of control characters above which decoded "text" is treated as binary.

Real prose has essentially none (tabs, newlines and form feeds are not counted); images,
archives and executables decoded as Latin-1 have far more than this.
"""

_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
"""C0 controls that prose never contains: all but tab, LF, VT, FF, CR and ESC (ESC starts
terminal colour codes, which logs saved as text do contain)."""

_BINARY_CONTROL_BYTES = (
    bytes(range(0x09)) + bytes(range(0x0E, 0x1B)) + bytes(range(0x1C, 0x20)) + b"\x7f"
)
"""The characters of ``_BINARY_CONTROLS`` as bytes."""

_BYTE_FOR_BYTE_CONTROLS = frozenset({"utf-8", "cp1252", "latin-1"})
"""Codecs that decode each of those bytes, and nothing else, to the same control character
(a UTF-8 byte-order mark holds none), so counting them in the bytes counts them in the
text; in UTF-16 and UTF-32 they are not single bytes."""

_UTF16_NUL_SHARE = 0.1
"""Least share of UTF-16 units holding a NUL byte (Latin text: ~100%, Cyrillic: ~15%)."""

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_SIZE_HINT = "raise max_input_bytes in config.toml or pass a smaller file"


@dataclass(frozen=True)
class LoadedText:
    """Decoded, newline-normalised text and how it was obtained."""

    text: str
    encoding: str
    """Python codec name actually used, e.g. ``utf-8``, ``utf-16-le``, ``cp1252``."""
    notice: str | None = None
    """A sentence for the user when the encoding was guessed or bytes were replaced."""


def read_text(path: str, *, max_bytes: int) -> LoadedText:
    """Read and decode the file at ``path``; never writes to it.

    Raises ``InputError`` for anything that stops the file from being shown: missing, a
    folder, unreadable, larger than ``max_bytes``, empty, binary or undecodable.
    """
    info = _stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise InputError(
            path,
            "is a folder, not a text file",
            "pass a text file, or run `diptych FOLDER` to open the pair a folder holds",
        )
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file", "pass a text file")
    if info.st_size > max_bytes:
        raise _too_large(path, info.st_size, max_bytes)
    data = _read_bytes(path, max_bytes)
    return decode_bytes(data, path)


def decode_bytes(data: bytes, path: str) -> LoadedText:
    """Decode ``data`` (the content of ``path``) following the module's rules.

    ``path`` is used only in error messages, so this is testable without files.
    """
    if not data:
        raise InputError(path, "is empty", "pass a file that contains text")
    text, encoding, notice = _decode(data, path)
    _reject_binary_text(text, path, data if encoding in _BYTE_FOR_BYTE_CONTROLS else None)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        raise InputError(path, "is empty", "pass a file that contains text")
    if text.isspace():
        raise InputError(path, "contains only whitespace", "pass a file that contains text")
    return LoadedText(text=text, encoding=encoding, notice=notice)


def format_size(size: int) -> str:
    """``size`` bytes in binary units with one decimal, e.g. ``10 MiB``, ``1.5 KiB``."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            break
        value /= 1024
    if unit == "bytes":
        return f"{size} bytes"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _stat(path: str) -> os.stat_result:
    """``os.stat`` with the failures a user can cause turned into ``InputError``."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(path, "no such file", "check the path and its spelling") from None
    except PermissionError:
        raise InputError(
            path, "cannot be read (permission denied)", "check the file's permissions"
        ) from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes so a file that grew since ``stat`` is caught."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(
            path, "cannot be read (permission denied)", "check the file's permissions"
        ) from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    return data


def _too_large(path: str, size: int, limit: int) -> InputError:
    size_text, limit_text = format_size(size), format_size(limit)
    if size_text == limit_text:  # e.g. one byte over: show the exact counts
        size_text, limit_text = f"{size} bytes", f"{limit} bytes"
    return InputError(path, f"is {size_text}, over the {limit_text} limit", _SIZE_HINT)


def _decode(data: bytes, path: str) -> tuple[str, str, str | None]:
    """Return ``(text, codec, notice)`` for ``data``; see the module docstring."""
    for bom, codec, family in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], codec, family, path), codec, None
    if b"\x00" in data:
        return _decode_bomless_utf16(data, path)
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    damaged = _decode_damaged_utf8(data)
    if damaged is not None:
        return damaged
    return _decode_legacy(data)


def _decode_strict(data: bytes, codec: str, family: str, path: str) -> str:
    """Decode bytes whose encoding a BOM declared, refusing anything invalid in it."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(
            path,
            f"cannot be decoded as {family} (it starts with a {family} byte-order mark, "
            f"but byte {error.start + _bom_length(codec)} is invalid: {error.reason})",
            "the file is damaged; re-save it as UTF-8",
        ) from None


def _bom_length(codec: str) -> int:
    return {"utf-8": 3, "utf-16-le": 2, "utf-16-be": 2}.get(codec, 4)


def _decode_bomless_utf16(data: bytes, path: str) -> tuple[str, str, str | None]:
    """Read UTF-16 without a BOM when the NUL pattern says so; otherwise it is binary.

    ASCII-range text in UTF-16 has a NUL in every other byte, always on the same side;
    binary data has NULs on both sides. A clean strict decode confirms the guess.
    """
    codec = _utf16_byte_order(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_ratio(text) <= _MAX_CONTROL_RATIO:
            order = "little-endian" if codec.endswith("le") else "big-endian"
            notice = f"This file has no byte-order mark; it was read as UTF-16 ({order})."
            return text, codec, notice
    raise _binary(path)


def _utf16_byte_order(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` if NULs fill one side of the 16-bit units and not the other.

    Requiring NULs in at least ``_UTF16_NUL_SHARE`` of the units keeps a stray NUL in an
    8-bit file from passing for UTF-16.
    """
    if len(data) % 2:
        return None
    units = len(data) // 2
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    if odd_nuls >= units * _UTF16_NUL_SHARE and not even_nuls:
        return "utf-16-le"
    if even_nuls >= units * _UTF16_NUL_SHARE and not odd_nuls:
        return "utf-16-be"
    return None


def _decode_damaged_utf8(data: bytes) -> tuple[str, str, str | None] | None:
    """Decode as UTF-8 with replacements when valid multi-byte sequences outnumber errors.

    Legacy 8-bit text almost never contains valid UTF-8 multi-byte sequences by accident,
    so many of them next to a few bad bytes means a UTF-8 file that was truncated or
    spliced; reading it as cp1252 would garble every correct non-ASCII character.
    """
    text = data.decode("utf-8", errors="replace")
    genuine_replacements = data.count("\ufffd".encode())
    bad = text.count("\ufffd") - genuine_replacements
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    good = non_ascii - text.count("\ufffd")
    if good <= bad:
        return None
    noun = "sequence" if bad == 1 else "sequences"
    notice = f"This file is UTF-8 with {bad} invalid byte {noun}; they are shown as \ufffd."
    return text, "utf-8", notice


def _decode_legacy(data: bytes) -> tuple[str, str, str | None]:
    """Windows-1252 if every byte is defined there, else Latin-1 (defines all bytes)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        notice = "This file is not UTF-8; it was read as Latin-1 (ISO-8859-1)."
        return data.decode("latin-1"), "latin-1", notice
    notice = "This file is not UTF-8; it was read as Windows-1252 (cp1252)."
    return text, "cp1252", notice


def _control_ratio(text: str, data: bytes | None = None) -> float:
    """Share of characters in ``text`` that are control characters not used in prose.

    ``data``, when given, is what ``text`` was decoded from with a codec in
    ``_BYTE_FOR_BYTE_CONTROLS``: its control bytes are then counted instead, which is
    several times faster than scanning the text with a regex.
    """
    if data is None:
        count = len(_BINARY_CONTROLS.findall(text))
    else:
        count = len(data) - len(data.translate(None, _BINARY_CONTROL_BYTES))
    return count / max(len(text), 1)


def _reject_binary_text(text: str, path: str, data: bytes | None = None) -> None:
    if "\x00" in text or _control_ratio(text, data) > _MAX_CONTROL_RATIO:
        raise _binary(path)


def _binary(path: str) -> InputError:
    return InputError(path, "looks like a binary file, not text", "pass a plain-text file")
