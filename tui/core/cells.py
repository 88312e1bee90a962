"""Terminal cell widths and safe display forms of untrusted document text.

Document text must never reach the terminal raw: a stray ESC or BEL in a file could move
the cursor or ring the bell, and bidirectional overrides could reorder what is shown. Every
character is therefore mapped to a display form of the *same length* (one character for
one), so offsets into the document stay valid for highlighting. Only tabs expand, and they
do so in :func:`display_line`, which returns the column of every character.

Placeholders (all one cell wide, in Rich and in terminals):

* C0 controls and DEL show as their Control Pictures (``␛`` for ESC, ``␀`` for NUL…); a
  newline inside a paragraph is reflowed and shows as a space; tabs expand to stops.
* C1 controls, lone surrogates, private-use, noncharacters and code points unassigned in
  this Python's Unicode database show as ``�``.
* Every ``Bidi_Control`` character (the LRM/RLM/ALM marks as well as the embeddings,
  overrides and isolates) shows as ``⇄``. The marks cannot reorder across lines, but a
  terminal that runs the bidi algorithm treats the whole screen row as one paragraph, so
  even a mark could pull the border or the other pane into an RTL run; and a reader
  comparing versions should see that the character is there.
* U+2028 LINE SEPARATOR shows as ``␤`` and U+2029 PARAGRAPH SEPARATOR as ``¶``: some
  terminals start a new line on them, which would tear the row map.
* Other invisible format characters (U+FEFF, tag characters, the Arabic number signs,
  invisible math operators, interlinear annotation marks, the Hangul fillers U+3164 and
  U+FFA0…) show as ``␦``: Rich and terminals disagree on their widths, and tag characters
  can smuggle hidden text.

Width policy. The cell widths here equal ``rich.cells.cell_len`` of what we emit (that is
what Textual uses to build and pad every line), and the tests check it code point by code
point. Rich measures a string as the sum of its characters' widths *except* around ZWJ
(U+200D) and VS16 (U+FE0F): it skips the character after a ZWJ (so a Devanagari conjunct
with a ZWJ loses a cell) and widens a narrow character followed by VS16. Terminals disagree
with Rich and with each other on exactly those sequences (a ZWJ family is 2 cells in
kitty/WezTerm, 6 in xterm/VTE; ``❤️`` is 1 or 2), and a sum that depends on neighbours breaks
when the pane splits a line into styled segments. So we never emit them:

* ZWJ, VS15, VS16, the emoji skin-tone modifiers U+1F3FB–1F3FF (Rich says 0 cells, older
  terminals 2) and the soft hyphen (Rich 1, terminals 0 or 1) become U+200C ZERO WIDTH
  NON-JOINER, which everybody measures as 0 and which joins nothing: 👨‍👩‍👧 shows as the
  three people (6 cells), ``❤️`` as a text-style ``❤`` (1 cell), 👍🏽 as 👍 (2 cells).
* Regional indicators are kept: each is 1 cell in Rich and in wcwidth-style terminals, and
  terminals that draw a pair as one flag draw it 2 cells wide, so a flag (🇫🇷) is 2 either
  way. Wrapping never separates the two letters of a flag. (A lone indicator may still be
  drawn 2 cells wide by a few emoji-aware terminals.)
* Combining marks (Mn, Me and, as Rich has it, Mc) and conjoining Hangul vowels/finals
  take 0 cells and stay on their base character. A mark with no base on its screen line
  (at the start of a line) shows as ``◌`` (1 cell) instead of landing on the pane border.
* Wide (W) and fullwidth (F) characters take 2 cells, plus the Yijing symbols Unicode 16
  made wide (Rich follows the newest tables; terminals with older tables draw them 1 wide).
* Ambiguous-width characters (EAW "A") take 1 cell, as in Rich and in terminals' default
  setting; a terminal set to "ambiguous is wide" cannot be matched by any TUI.
* Right-to-left text (Hebrew, Arabic) is shown in logical order, one cell per letter, and
  contains no bidi controls after mapping, so it cannot reorder anything by itself. A
  terminal with implicit bidi (VTE/GNOME Terminal, Konsole, mlterm) may still mirror an
  RTL run on screen; the cell count of the row does not change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

TAB_SIZE = 4

UNKNOWN_PLACEHOLDER = "\ufffd"
"""Shown for C1 controls, surrogates, private-use, noncharacters and unassigned code points."""
BIDI_PLACEHOLDER = "\u21c4"
"""Shown for every bidi control character."""
FORMAT_PLACEHOLDER = "\u2426"
"""Shown for invisible format characters whose width terminals disagree on."""
ORPHAN_MARK_PLACEHOLDER = "\u25cc"
"""Shown for a zero-width mark that starts a screen line (it has nothing to sit on)."""
ZERO_WIDTH = "\u200c"
"""What width-changing joiners, selectors and modifiers become: 0 cells everywhere."""

_INVISIBLE = frozenset("\u200b\u200c\u2060")
"""Zero-width format characters we let through: no width disagreement, nothing hidden."""

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)
_TO_ZERO_WIDTH = frozenset(
    "\u00ad\u200d\ufe0e\ufe0f" + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))
)
_SPECIAL = {
    "\n": " ",
    "\u007f": "\u2421",
    "\u2028": "\u2424",
    "\u2029": "\u00b6",
    "\u3164": FORMAT_PLACEHOLDER,
    "\uffa0": FORMAT_PLACEHOLDER,
}

_WIDE_SINCE_UNICODE_16 = (
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x4DC0, 0x4DFF),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
)
"""Symbols Unicode 16 made wide; Rich's newest table (which Textual uses) has them at 2."""

_ZERO_WIDTH_LETTERS = ((0x1160, 0x11FF), (0xD7B0, 0xD7FF))
"""Conjoining Hangul vowels and finals: they join the syllable before them (0 cells)."""


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@lru_cache(maxsize=8192)
def display_char(ch: str) -> str:
    """The single character shown in place of ``ch`` (``ch`` itself when it is safe).

    Tabs come back unchanged: only :func:`display_line` knows their column.
    """
    code = ord(ch)
    if 0x20 <= code < 0x7F or ch == "\t":
        return ch
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    if code < 0x20:
        return chr(0x2400 + code)
    if 0x80 <= code < 0xA0:
        return UNKNOWN_PLACEHOLDER
    if ch in _BIDI_CONTROLS:
        return BIDI_PLACEHOLDER
    if ch in _TO_ZERO_WIDTH:
        return ZERO_WIDTH
    category = unicodedata.category(ch)
    if category in ("Cs", "Co", "Cn"):
        return UNKNOWN_PLACEHOLDER
    if category in ("Cf", "Zl", "Zp") and ch not in _INVISIBLE:
        return FORMAT_PLACEHOLDER
    return ch


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Cells taken by the display form of ``ch``, as Rich measures it.

    Tabs are measured by :func:`display_line` and :func:`advance`; here they count 1.
    """
    shown = display_char(ch)
    code = ord(shown)
    if 0x20 <= code < 0x7F or shown == "\t":
        return 1
    category = unicodedata.category(shown)
    if category[0] == "M" or category == "Cf" or _in(code, _ZERO_WIDTH_LETTERS):
        return 0
    if unicodedata.east_asian_width(shown) in ("W", "F") or _in(code, _WIDE_SINCE_UNICODE_16):
        return 2
    return 1


@lru_cache(maxsize=4096)
def _needs_base(ch: str) -> bool:
    """True for a zero-width mark that must sit on a character (not an invisible format)."""
    return char_width(ch) == 0 and display_char(ch) not in _INVISIBLE


def is_regional_indicator(ch: str) -> bool:
    """One letter of a flag: two in a row are drawn as one flag and must not be split."""
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


class CharacterClass:
    """A yes/no property of single characters, decided once per character by ``rule``.

    Asking whether *every* character of a text has it costs a ``set(text)`` and two set
    operations at C speed once the text's characters have been seen: line drawing and
    wrapping ask this of every line and paragraph, and a per-character Python loop there
    made accented text several times slower than ASCII.
    """

    def __init__(self, rule: Callable[[str], bool], known: Iterable[str] = ()) -> None:
        self.rule = rule
        self._yes: set[str] = set(known)
        self._no: set[str] = set()

    def all_in(self, text: str) -> bool:
        unknown = set(text).difference(self._yes)
        if not unknown:
            return True
        if not self._no.isdisjoint(unknown):
            return False
        for ch in unknown:
            if self.rule(ch):
                self._yes.add(ch)
            else:
                self._no.add(ch)
                return False
        return True


_SHOWN_AS_IS = CharacterClass(
    lambda ch: not ch.isascii() and display_char(ch) == ch and char_width(ch) == 1,
    known=(chr(code) for code in range(0x20, 0x7F)),
)
"""Characters shown as themselves in one cell (printable ASCII known from the start)."""


def _is_plain(text: str) -> bool:
    """True when every character is shown as itself in one cell, so width equals length.

    Printable ASCII is checked by two C calls, other text by :class:`CharacterClass`, so
    accented letters, Cyrillic or curly quotes do not send every line of a page through
    the character-by-character loop.
    """
    if text.isascii():
        return text.isprintable()
    return _SHOWN_AS_IS.all_in(text)


def advance(text: str, start: int, end: int, column: int = 0) -> int:
    """The column reached by showing ``text[start:end]`` from ``column`` of a screen line.

    This is the measuring twin of :func:`display_line`: tabs go to the next multiple of
    :data:`TAB_SIZE` counted from the line start, and a mark at column 0 takes the one cell
    of its ``◌`` stand-in. Wrapping must measure with it, or tabbed lines overflow.
    """
    piece = text[start:end]
    if _is_plain(piece):
        return column + len(piece)
    for ch in piece:
        if ch == "\t":
            column += TAB_SIZE - column % TAB_SIZE
        elif column == 0 and _needs_base(ch):
            column = 1
        else:
            column += char_width(ch)
    return column


def line_width(text: str, start: int, end: int) -> int:
    """Cells taken by ``text[start:end]`` shown as one screen line (see :func:`display_line`)."""
    return advance(text, start, end, 0)


def text_width(text: str) -> int:
    """Cells taken by ``text`` shown as one screen line (tabs expanded from column 0)."""
    if _is_plain(text):
        return len(text)
    return advance(text, 0, len(text), 0)


def display_line(text: str, start: int, end: int) -> tuple[str, list[int] | None]:
    """The safe, tab-expanded display string of ``text[start:end]`` as one screen line.

    Returns the string and, when it is not one character per source character (tabs were
    expanded), the display index at which each source character starts, plus one final
    entry for the end. ``None`` means the mapping is the identity. Its cell width as Rich
    measures it is :func:`line_width` of the same span.
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
        if column == 0 and _needs_base(ch):
            out.append(ORPHAN_MARK_PLACEHOLDER)
            column = 1
        else:
            out.append(display_char(ch))
            column += char_width(ch)
        length += 1
    if positions is not None:
        positions.append(length)
    return "".join(out), positions
