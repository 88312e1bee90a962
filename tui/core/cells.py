"""Terminal cell widths and safe display forms of untrusted document text.

Document text must never reach the terminal raw: a stray ESC or BEL in a file could move
the cursor or ring the bell, and bidirectional overrides could reorder what is shown. Every
character is therefore mapped to a display form of the *same length* (one character for
one), so offsets into the document stay valid for highlighting. Only tabs expand, and they
do so in :func:`display_line`, which returns the column of every character.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

TAB_SIZE = 4

_C1_PLACEHOLDER = "\ufffd"
_FORMAT_PLACEHOLDER = "\u00b7"
_DANGEROUS_FORMAT = frozenset(
    # Bidirectional embeddings, overrides and isolates: they reorder the terminal's output.
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
)


@lru_cache(maxsize=4096)
def display_char(ch: str) -> str:
    """The single character shown in place of ``ch`` (``ch`` itself when it is safe)."""
    code = ord(ch)
    if code < 0x20 and ch != "\t":
        # Newlines inside a paragraph are reflowed: shown as spaces.
        return " " if ch == "\n" else chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0:
        return _C1_PLACEHOLDER
    if ch in _DANGEROUS_FORMAT:
        return _FORMAT_PLACEHOLDER
    category = unicodedata.category(ch)
    if category in ("Cs", "Co", "Cn"):
        return _C1_PLACEHOLDER
    return ch


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Cells taken by the display form of ``ch`` (tabs are measured by :func:`display_line`)."""
    shown = display_char(ch)
    code = ord(shown)
    if 0x20 <= code < 0x7F:
        return 1
    if unicodedata.combining(shown) or unicodedata.category(shown) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(shown) in ("W", "F"):
        return 2
    return 1


def _is_plain(text: str) -> bool:
    """True when every character is printable ASCII, so width equals length."""
    return text.isascii() and text.isprintable()


def text_width(text: str) -> int:
    """Cells taken by ``text`` shown on one line (no tabs expected)."""
    if _is_plain(text):
        return len(text)
    return sum(char_width(ch) for ch in text)


def display_line(text: str, start: int, end: int) -> tuple[str, list[int] | None]:
    """The safe, tab-expanded display string of ``text[start:end]``.

    Returns the string and, when it is not one character per source character (tabs were
    expanded), the display index at which each source character starts, plus one final
    entry for the end. ``None`` means the mapping is the identity.
    """
    piece = text[start:end]
    if _is_plain(piece):
        return piece, None
    out: list[str] = []
    positions: list[int] | None = None
    column = 0
    length = 0
    for index, ch in enumerate(piece):
        if ch == "\t":
            if positions is None:
                positions = list(range(index))
            positions.append(length)
            spaces = TAB_SIZE - column % TAB_SIZE
            out.append(" " * spaces)
            column += spaces
            length += spaces
            continue
        if positions is not None:
            positions.append(length)
        shown = display_char(ch)
        out.append(shown)
        column += char_width(ch)
        length += 1
    if positions is not None:
        positions.append(length)
    return "".join(out), positions
