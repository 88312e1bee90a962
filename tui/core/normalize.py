"""The comparison form of text, with an exact map back to the original characters.

Two versions of a text differ in ways a reader does not care about: curly versus straight
quotes, en dash versus hyphen, a no-break space, a line wrapped differently, a ligature, a
capital letter. Matching runs on a *comparison form* that erases those differences, and
every character of that form remembers which original character it came from, so a match
found in comparison space can be highlighted in the displayed text.

The comparison form of a text is built in three stages:

1. Each character is folded on its own (``fold_char``): whitespace becomes one space,
   invisible format characters (category Cf: soft hyphen, zero-width space, bidi marks,
   BOM) vanish, quote/prime/dash variants become ``'`` ``"`` ``-``, and everything else
   gets Unicode NFKC_Casefold (compatibility folding of ligatures, fullwidth forms and
   ``…``, then case folding). A fold may change length (``ß`` → ``ss``, ``ﬁ`` → ``fi``,
   ``…`` → ``...``); spacing accents such as ``¨`` keep their form instead of turning
   into a space plus a combining mark.
2. Only if the result is not in NFC (decomposed accents, e.g. text from macOS), each base
   character and the combining characters after it are composed as a unit.
3. Runs of spaces collapse to one, and leading/trailing spaces are dropped.

Offsets: ``Normalized.offsets[i]`` is the index in the original text of the character that
produced comparison character ``i`` (all characters of one fold point at the same
original character; a collapsed whitespace run points at its first whitespace character),
and the last entry is the end of the normalised range. Offsets are stored as the few
points where the map stops advancing by one, so a 10 MB text with ordinary spacing costs
almost no memory and no per-character Python work.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import overload

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
"""Every character for which ``str.isspace()`` is true (a test checks the list)."""

_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›ʼ", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
"""Quote, prime and dash variants that should compare equal to their ASCII forms."""

_ASCII_TABLE = str.maketrans(
    {
        **{chr(code): chr(code + 32) for code in range(ord("A"), ord("Z") + 1)},
        **dict.fromkeys(WHITESPACE[:10], " "),
    }
)
"""Stage 1 for pure-ASCII text: lowercase and whitespace to space, one-to-one."""

_HANGUL_VOWELS_AND_FINALS = (range(0x1161, 0x1176), range(0x11A8, 0x11C3))
"""Conjoining jamo that compose with the preceding character although their class is 0."""


@dataclass(frozen=True)
class Normalized:
    """The comparison form of ``source[start:end]`` and its map back into ``source``."""

    text: str
    offsets: OffsetMap
    """``len(text) + 1`` original indices; see the module docstring."""
    source: str = field(repr=False, compare=False)
    """The full original text the offsets index into."""

    def to_original(self, index: int) -> int:
        """Original index of comparison character ``index`` (``len(text)`` → range end)."""
        if not 0 <= index <= len(self.text):
            raise IndexError(f"index {index} outside 0..{len(self.text)}")
        return self.offsets[index]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Smallest original span producing comparison characters ``start:end``.

        The end extends over every original character folded into ``end - 1`` (the second
        half of ``ß``, a composed accent) but not over whitespace or invisible characters
        that were collapsed after it, so the span can be highlighted as is.
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside 0..{len(self.text)}")
        first = self.offsets[start]
        if start == end:
            return first, first
        last = self.offsets[end - 1]
        after = end
        while self.offsets[after] == last:  # the rest of a one-to-many fold
            after += 1
        stop = self.offsets[after]
        while stop - 1 > last and _vanishes(self.source[stop - 1]):
            stop -= 1
        return first, stop


class OffsetMap(Sequence[int]):
    """A read-only sequence of monotonic ints stored as the points where it jumps.

    Between two anchors the value grows by exactly one per index; this is true of almost
    every character of real text, so lookups are a binary search over few anchors.
    """

    __slots__ = ("_length", "_origins", "_positions")

    def __init__(self, positions: array[int], origins: array[int], length: int) -> None:
        self._positions = positions
        self._origins = origins
        self._length = length

    @classmethod
    def from_values(cls, values: Sequence[int]) -> OffsetMap:
        """Build from explicit values (used only on the rare composition path)."""
        builder = _AnchorBuilder()
        for index, value in enumerate(values):
            builder.point(index, value)
        return builder.build(len(values))

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self._value(i) for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        return self._value(index)

    def __iter__(self) -> Iterator[int]:
        bounds = [*self._positions[1:], self._length]
        for position, origin, stop in zip(self._positions, self._origins, bounds, strict=True):
            yield from range(origin, origin + stop - position)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._length, self._positions, self._origins) == (
                other._length,
                other._positions,
                other._origins,
            )
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._length, self._positions.tobytes(), self._origins.tobytes()))

    def __repr__(self) -> str:
        return f"OffsetMap({list(self)!r})" if self._length <= 20 else "OffsetMap(...)"

    def _value(self, index: int) -> int:
        anchor = bisect_right(self._positions, index) - 1
        return self._origins[anchor] + index - self._positions[anchor]


class _AnchorBuilder:
    """Collects ``(index, value)`` points, keeping only those that break the +1 step."""

    def __init__(self) -> None:
        self._positions: array[int] = array("q")
        self._origins: array[int] = array("q")

    def point(self, index: int, value: int) -> None:
        positions, origins = self._positions, self._origins
        if positions and positions[-1] == index:
            positions.pop()
            origins.pop()
        if positions and origins[-1] + index - positions[-1] == value:
            return
        positions.append(index)
        origins.append(value)

    def build(self, length: int) -> OffsetMap:
        if not self._positions:
            self.point(0, 0)
        return OffsetMap(self._positions, self._origins, length)


def normalize(text: str, start: int = 0, end: int | None = None) -> Normalized:
    """The comparison form of ``text[start:end]``, with offsets into the whole ``text``."""
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range {start}:{end} outside 0..{len(text)}")
    folded, offsets = _fold_range(text, start, end)
    if not folded.isascii() and not unicodedata.is_normalized("NFC", folded):
        folded, offsets = _compose(folded, offsets)
    return Normalized(text=folded, offsets=offsets, source=text)


def comparison_text(text: str) -> str:
    """Return the form of ``text`` used for matching: exactly ``normalize(text).text``.

    Aligners call this on every paragraph and sentence, so it skips the offset map and
    does the whole fold with one ``str.lower`` (ASCII) or ``str.translate``, and collapses
    whitespace only when the text has any to collapse.
    """
    if text.isascii():
        return _collapse_spaces(text.lower())
    folded = _collapse_spaces(text.translate(_COMPARISON_FOLDS))
    if folded.isascii() or unicodedata.is_normalized("NFC", folded):
        return folded
    return normalize(text).text


def _collapse_spaces(text: str) -> str:
    """``" ".join(text.split())``, without splitting text whose spacing is already tidy.

    Most paragraphs hold no whitespace but single spaces; splitting them into words and
    joining them again is the most expensive part of folding them. ``isprintable`` is
    false for every whitespace character except the space (a test checks this).
    """
    if text.isprintable() and "  " not in text:
        return text.strip(" ")
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """Stage 1 for one character: see the module docstring. Idempotent on its output."""
    if char.isspace():
        return " "
    folded = char
    for _ in range(4):  # NFKC_Casefold reaches a fixed point in one or two rounds
        refolded = _fold_piece(folded)
        if refolded == folded:
            break
        folded = refolded
    return folded


def _fold_piece(piece: str) -> str:
    """One round of punctuation unification, NFKC_Casefold and Cf removal on ``piece``."""
    piece = piece.translate(_PUNCTUATION)
    decompose, compose = "NFKD", "NFKC"
    if any(char.isspace() for char in unicodedata.normalize("NFKD", piece)):
        decompose, compose = "NFD", "NFC"  # a spacing accent such as ¨ or ´
    decomposed = unicodedata.normalize(decompose, piece)
    folded = unicodedata.normalize(compose, decomposed.casefold()).translate(_PUNCTUATION)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf")


def _vanishes(char: str) -> bool:
    """True for characters that leave no trace of their own in the comparison form."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def _fold_range(text: str, start: int, end: int) -> tuple[str, OffsetMap]:
    """Stages 1 and 3: fold every character, collapse and trim spaces."""
    piece = text[start:end]
    if piece.isascii():
        table, irregular, vanishing = _ASCII_TABLE, "", ""
    else:
        table, irregular, vanishing = _tables_for(piece)
    mapped = piece.translate(table)
    strip_chars = " " + vanishing
    lead = len(mapped) - len(mapped.lstrip(strip_chars))
    stop = len(mapped.rstrip(strip_chars))
    pattern = _irregular_pattern(vanishing, irregular)
    parts: list[str] = []
    builder = _AnchorBuilder()
    builder.point(0, start + lead)
    done, length = lead, 0
    for match in pattern.finditer(mapped, lead, max(lead, stop)):
        run_start, run_end = match.span()
        parts.append(mapped[done:run_start])
        length += run_start - done
        run = match.group()
        replacement = _replacement(run)
        # A collapsed run's space points at the run's first space, not at a vanishing
        # character before it (a soft hyphen at a line end): it maps to whitespace.
        origin = start + run_start + (max(run.find(" "), 0) if replacement == " " else 0)
        for extra in range(len(replacement)):
            builder.point(length + extra, origin)
        parts.append(replacement)
        length += len(replacement)
        builder.point(length, start + run_end)
        done = run_end
    if done < stop:
        parts.append(mapped[done:stop])
        length += stop - done
    builder.point(length, end)
    return "".join(parts), builder.build(length + 1)


def _replacement(run: str) -> str:
    """What an irregular run becomes: one space, nothing, or a multi-character fold."""
    if len(run) == 1 and run != " ":
        return fold_char(run)
    return " " if " " in run else ""


@lru_cache(maxsize=256)
def _irregular_pattern(vanishing: str, irregular: str) -> re.Pattern[str]:
    """Runs that do not map one-to-one: 2+ spaces/vanishing chars, or one odd char."""
    runs = "[ " + re.escape(vanishing) + "]{2,}"
    singles = vanishing + irregular
    if singles:
        return re.compile(runs + "|[" + re.escape(singles) + "]")
    return re.compile(runs)


_ONE_TO_ONE: dict[int, str] = dict(_ASCII_TABLE)
"""Translate table of every character seen so far that folds to one other character."""


class _FoldTable(dict[int, str]):
    """Stage 1 as a ``str.translate`` table that learns each character on first sight.

    It also holds the characters that fold to themselves: a lookup that misses costs
    ``str.translate`` a raised and cleared ``KeyError``, several times the cost of a hit.
    Entries are only ever added, and always with the same value.
    """

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_COMPARISON_FOLDS = _FoldTable({code: chr(code) for code in range(128)} | _ASCII_TABLE)
"""Translate table used by ``comparison_text``: every character seen so far."""
_IRREGULAR: set[str] = set()
"""Characters seen so far that fold to two or more characters."""
_VANISHING: set[str] = set()
"""Characters seen so far that fold to nothing."""
_LEARNED: set[str] = set()


def _learn(chars: set[str]) -> None:
    """Add the folds of new non-ASCII characters to the shared tables.

    The tables only grow (bounded by the characters Unicode has), so concurrent readers
    never see an entry change.
    """
    for char in chars - _LEARNED:
        if char.isascii():
            continue
        folded = fold_char(char)
        if not folded:
            _VANISHING.add(char)
        elif len(folded) > 1:
            _IRREGULAR.add(char)
        elif folded != char:
            _ONE_TO_ONE[ord(char)] = folded
        _LEARNED.add(char)


def _tables_for(piece: str) -> tuple[dict[int, str], str, str]:
    """Translate table for one-to-one folds, plus the chars that fold to 2+ or 0 chars."""
    chars = set(piece)
    _learn(chars)
    irregular = "".join(sorted(chars & _IRREGULAR))
    vanishing = "".join(sorted(chars & _VANISHING))
    return _ONE_TO_ONE, irregular, vanishing


def _compose(folded: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
    """Stage 2: fold each base character together with its combining characters.

    Every character a cluster produces points at the cluster's first character.
    """
    values = list(offsets)
    parts: list[str] = []
    new_values: list[int] = []
    done = 0
    for match in _cluster_pattern().finditer(folded):
        cluster_start, cluster_end = match.span()
        parts.append(folded[done:cluster_start])
        new_values.extend(values[done:cluster_start])
        keep = 1 if folded[cluster_start] == " " else 0  # never merge marks into a space
        parts.append(folded[cluster_start : cluster_start + keep])
        new_values.extend(values[cluster_start : cluster_start + keep])
        composed = _fold_cluster(folded[cluster_start + keep : cluster_end])
        parts.append(composed)
        new_values.extend([values[cluster_start + keep]] * len(composed))
        done = cluster_end
    parts.append(folded[done:])
    new_values.extend(values[done:])
    return "".join(parts), OffsetMap.from_values(new_values)


def _fold_cluster(cluster: str) -> str:
    """NFKC_Casefold of a whole cluster, iterated to a fixed point like ``fold_char``."""
    for _ in range(4):
        refolded = unicodedata.normalize("NFC", _fold_piece(cluster))
        if refolded == cluster:
            break
        cluster = refolded
    return cluster


@lru_cache(maxsize=1)
def _cluster_pattern() -> re.Pattern[str]:
    """A character followed by characters that may compose with it under NFC.

    Built on first use (about a third of a second) because only text that is not already
    NFC needs it.
    """
    attaching: set[int] = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.combining(char):
            attaching.add(code)
            continue
        decomposition = unicodedata.decomposition(char).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            attaching.add(int(decomposition[1], 16))
    for block in _HANGUL_VOWELS_AND_FINALS:
        attaching.update(block)
    return re.compile(".[" + _char_class(sorted(attaching)) + "]+", re.DOTALL)


def _char_class(codes: list[int]) -> str:
    """A regex character-class body for sorted code points, as compact ranges."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
