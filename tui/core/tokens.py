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
from itertools import accumulate, compress, repeat
from operator import eq, itemgetter, sub
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

# The token alternatives, tried in this order; whitespace runs are tokens of their own.
# Dotted abbreviations keep their final dot: "U.S.", "e.g.", "a.m.".
_ABBREVIATION = rf"(?:{_LETTER}{_MARK}*\.){{2,}}(?!{_ALNUM})"
_IDEOGRAPH = rf"[{_CJK}]{_MARK}*"
_WORD = rf"{_WORD_PART}(?:{_JOINER}{_WORD_PART})*"
_MULTI = r"\.\.\.|--+"
_PUNCT = rf"\S{_MARK}*"

_TOKEN_RE = re.compile(
    rf"(?P<space>\s+)|(?P<abbr>{_ABBREVIATION})|(?P<cjk>{_IDEOGRAPH})|(?P<word>{_WORD})"
    rf"|(?P<multi>{_MULTI})|(?P<punct>{_PUNCT})"
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


# --- significant tokens, built a chunk at a time ----------------------------------------

# One token that is not whitespace, with the whitespace before it: ``findall`` returns these
# pieces as plain strings, and their lengths give every token's offsets, so a chunk's tokens
# are built from whole lists by C-level ``map`` and ``accumulate`` instead of one Python
# step per match. The alternatives are ``_TOKEN_RE``'s in its order (for ASCII text,
# where there are no marks or ideographs, a faster equivalent), so the tokens are the same.
_ASCII_WORD = (
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z0-9])"
    r"|[A-Za-z0-9]+(?:(?:['\-.]|(?<=\d),(?=\d))[A-Za-z0-9]+)*"
)
_ASCII_PIECE = re.compile(rf"\s*(?:{_ASCII_WORD}|\.\.\.|--+|\S)")
_PIECE = re.compile(rf"\s*(?:{_ABBREVIATION}|{_IDEOGRAPH}|{_WORD}|{_MULTI}|{_PUNCT})")
_WORD_START = re.compile(rf"[^\W_]|[{_CJK}]")
"""Matches the first character of every word token and of no punctuation token."""
_ASCII_KIND = {chr(c): WORD if chr(c).isalnum() else PUNCT for c in range(128)}
_KIND_OF_MATCH = {True: WORD, False: PUNCT}
_new_token = tuple.__new__
"""``Token(...)`` without the named tuple's argument handling: a diff makes millions."""

_CHUNK = 4096
_WHITESPACE = re.compile(r"\s")


def chunks(text: str, start: int, end: int) -> list[tuple[int, str, bool]]:
    """``text[start:end]`` cut at whitespace into pieces of a few thousand characters: each
    piece's offset, its text, and whether it is ASCII.

    No token but whitespace crosses a whitespace character (and no pattern looks past one),
    so the pieces tokenise exactly as the whole; a stray non-ASCII character in a book then
    costs the slower pattern only its own piece.
    """
    pieces: list[tuple[int, str, bool]] = []
    while start < end:
        cut = end
        if end - start > _CHUNK:
            found = _WHITESPACE.search(text, start + _CHUNK, end)
            cut = found.start() if found else end
        piece = text[start:cut]
        pieces.append((start, piece, piece.isascii()))
        start = cut
    return pieces


def significant_tokens(
    text: str, start: int = 0, end: int | None = None, options: DiffOptions = DEFAULT_OPTIONS
) -> list[Token]:
    """The tokens of ``text[start:end]`` that a diff aligns on: ``tokenize``'s tokens for
    which ``is_significant`` holds, with the same offsets and keys, made several times
    faster."""
    if end is None:
        end = len(text)
    if options.show_whitespace_changes:
        return [t for t in tokenize(text, start, end, options) if is_significant(t, options)]
    tokens: list[Token] = []
    for offset, chunk, ascii_only in chunks(text, start, end):
        tokens += _chunk_tokens(chunk, offset, ascii_only, options)
    return tokens


def _chunk_tokens(chunk: str, offset: int, ascii_only: bool, options: DiffOptions) -> list[Token]:
    """The word and punctuation tokens of one chunk (not whitespace) that starts at
    ``offset``.

    Trailing whitespace is cut off first: then every piece's whitespace is followed by a
    token, and the pattern never backtracks over a long run of spaces.
    """
    pieces = (_ASCII_PIECE if ascii_only else _PIECE).findall(chunk.rstrip())
    if not pieces:
        return []
    texts = list(map(str.lstrip, pieces))
    ends = list(accumulate(map(len, pieces), initial=offset))
    del ends[0]
    starts = map(sub, ends, map(len, texts))
    first_chars = map(itemgetter(0), texts)
    if ascii_only:
        kinds = list(map(_ASCII_KIND.__getitem__, first_chars))
        keys = _ascii_keys(chunk, texts, options)
    else:
        kinds = list(map(_KIND_OF_MATCH.__getitem__, map(bool, map(_WORD_START.match, texts))))
        fold = not options.show_quote_style
        keys = list(map(_text_key, texts, repeat(options.ignore_case), repeat(fold)))
    fields = zip(texts, starts, ends, kinds, keys, strict=True)
    tokens = list(map(_new_token, repeat(Token), fields))
    if options.ignore_punctuation:
        return list(compress(tokens, map(eq, kinds, repeat(WORD))))
    return tokens


def _ascii_keys(chunk: str, texts: list[str], options: DiffOptions) -> list[str]:
    """``_text_key`` of ASCII tokens: case folding is ``lower``, and style folding only
    turns a backtick into a quote and a run of hyphens into one."""
    keys = list(map(str.lower, texts)) if options.ignore_case else texts
    if not options.show_quote_style and ("`" in chunk or "--" in chunk):
        keys = ["'" if key == "`" else "-" if key[:2] == "--" else key for key in keys]
    return keys


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
        """Ints for many keys, in order.

        One C-level ``map``: ``setdefault`` gets, for each key, the count of keys seen so
        far (taken just before the call), which is the next free int.
        """
        ids = self._ids
        return list(map(ids.setdefault, keys, map(len, repeat(ids))))
