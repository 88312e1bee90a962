"""Tokens for word-level diffs: words, punctuation and whitespace, each with a comparison key.

A word diff is only as readable as its tokens. Splitting "U.S." or "3.5" or "don't" into
pieces makes a one-word edit look like three, so words keep their inner apostrophes,
hyphens, dots and digit-group commas. Every character of the text belongs to exactly one
token (whitespace runs are tokens too), so the tokens of a span concatenate back to it and
every diff op can be drawn straight from original offsets.

Tokens are compared by *key*, not by text: two agencies' copies of one story differ in
typography (curly vs straight quotes, en dash vs hyphen, no-break spaces, capitalisation of
headline words) far more often than in wording, and those differences must not drown the
real edits. :class:`DiffOptions` says which differences count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

WORD = "word"
PUNCT = "punct"
SPACE = "space"


@dataclass(frozen=True)
class DiffOptions:
    """Which differences a diff shows; everything else compares equal.

    ``show_quote_style`` covers typographic style in general: quote and apostrophe shapes,
    dash variants and "…" vs "...".
    """

    ignore_case: bool = True
    ignore_punctuation: bool = False
    show_whitespace_changes: bool = False
    show_quote_style: bool = False


DEFAULT_OPTIONS = DiffOptions()


class Token(NamedTuple):
    """One token: ``text == source[start:end]``; ``key`` is what the diff compares.

    A named tuple rather than a frozen dataclass: a long paragraph has tens of thousands
    of tokens, and tuples are several times cheaper to create.
    """

    text: str
    start: int
    end: int
    kind: str
    key: str


def _combining_marks() -> str:
    """Regex class body of the BMP's combining marks.

    Python's ``\\w`` does not match combining marks, so without them Devanagari vowel signs
    or decomposed accents would split words. Built once at import (~10 ms) rather than
    hard-coded so it follows the interpreter's Unicode version.
    """
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


# Scripts written without spaces between words: each ideograph or kana is its own token,
# otherwise a whole Chinese sentence would be one "word" and every edit would replace it.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_MARK = f"[{_combining_marks()}]"
_LETTER_OR_DIGIT = rf"[^\W_{_CJK}]"
_LETTER = rf"[^\W\d_{_CJK}]"
_ALNUM = rf"(?:{_LETTER_OR_DIGIT}|{_MARK})"
_WORD_PART = rf"{_LETTER_OR_DIGIT}{_ALNUM}*"
# Joiners that keep one word whole: "don't", "Russia-China", "3.5", "1,000".
_JOINER = r"(?:['\u2019\u02bc\-\u2010\u2011.]|(?<=\d),(?=\d))"

_TOKEN_RE = re.compile(
    rf"(?P<space>\s+)"
    # Dotted abbreviations keep their final dot: "U.S.", "e.g.", "a.m.".
    rf"|(?P<abbr>(?:{_LETTER}{_MARK}*\.){{2,}}(?!{_ALNUM}))"
    rf"|(?P<cjk>[{_CJK}]{_MARK}*)"
    rf"|(?P<word>{_WORD_PART}(?:{_JOINER}{_WORD_PART})*)"
    r"|(?P<multi>\.\.\.|--+)"
    rf"|(?P<punct>\S{_MARK}*)"
)

_KIND_OF_GROUP = {
    "space": SPACE,
    "abbr": WORD,
    "cjk": WORD,
    "word": WORD,
    "multi": PUNCT,
    "punct": PUNCT,
}

# Typographic variants folded together unless ``show_quote_style``.
_STYLE_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2039": "'",
        "\u203a": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u2026": "...",
    }
)


@lru_cache(maxsize=65536)
def _text_key(text: str, ignore_case: bool, fold_style: bool) -> str:
    """Comparison form of a word or punctuation token (cached: vocabularies repeat)."""
    if fold_style:
        text = text.translate(_STYLE_FOLD)
    if not text.isascii():
        # NFKC: composed vs decomposed accents, ligatures, full-width forms compare equal.
        text = unicodedata.normalize("NFKC", text)
        if fold_style:
            text = text.translate(_STYLE_FOLD)
    if fold_style and len(text) > 1 and not text.strip("-"):
        text = "-"  # "--" typed for a dash
    if ignore_case:
        text = text.casefold()
    return text


def token_key(text: str, kind: str, options: DiffOptions = DEFAULT_OPTIONS) -> str:
    """The key two tokens must share to count as equal under ``options``."""
    if kind == SPACE:
        # Any whitespace run (no-break, tab, newline) is "a space" unless asked otherwise.
        return text if options.show_whitespace_changes else " "
    return _text_key(text, options.ignore_case, not options.show_quote_style)


def tokenize(
    text: str,
    start: int = 0,
    end: int | None = None,
    options: DiffOptions = DEFAULT_OPTIONS,
) -> list[Token]:
    """Split ``text[start:end]`` into tokens whose offsets are absolute in ``text``.

    The tokens tile the range exactly: ``"".join(t.text for t in tokens) == text[start:end]``.
    """
    if end is None:
        end = len(text)
    ignore_case = options.ignore_case
    fold_style = not options.show_quote_style
    show_space = options.show_whitespace_changes
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN_RE.finditer(text, start, end):
        kind = _KIND_OF_GROUP[match.lastgroup or "punct"]
        piece = match.group()
        if kind == SPACE:
            key = piece if show_space else " "
        else:
            key = _text_key(piece, ignore_case, fold_style)
        append(Token(piece, match.start(), match.end(), kind, key))
    return tokens


def is_significant(token: Token, options: DiffOptions = DEFAULT_OPTIONS) -> bool:
    """Whether the diff aligns on this token; the others only fill the gaps between."""
    if token.kind == SPACE:
        return options.show_whitespace_changes
    if token.kind == PUNCT:
        return not options.ignore_punctuation
    return True


class KeyInterner:
    """Maps token keys to small ints so sequence matching compares ints, not strings.

    One interner must be shared by both sides of a comparison (equal keys, equal ints).
    """

    def __init__(self) -> None:
        self._ids: dict[object, int] = {}

    def id(self, key: object) -> int:
        """The int for ``key`` (new keys get the next free int)."""
        ids = self._ids
        value = ids.get(key)
        if value is None:
            value = ids[key] = len(ids)
        return value

    def ids(self, keys: Iterable[object]) -> list[int]:
        """Ints for many keys, in order."""
        ids = self._ids
        out: list[int] = []
        for key in keys:
            value = ids.get(key)
            if value is None:
                value = ids[key] = len(ids)
            out.append(value)
        return out
