"""Splitting a text into paragraphs and sentences, as spans into the text.

Paragraphs (``split_paragraphs``) are separated by blank lines (lines with only
whitespace). Lines inside a paragraph stay together: hard-wrapped prose is one paragraph,
and the display reflows it. Two exceptions:

* A text with several lines but no blank line between any two of them is taken to put one
  paragraph on each line (the usual shape of text copied from a web page).
* A little Markdown is honoured without a blank line: an ATX heading (``# Title``) is a
  paragraph of its own; a list (``-``, ``*``, ``+``, ``1.``, ``1)`` items) starts a new
  paragraph when it follows other text, but only in a block with at least two items (so
  a wrapped line that happens to begin with "- " is not taken for a list); and a fenced
  code block (a line starting with three or more backticks or tildes, up to its closing
  fence) is one paragraph even across blank lines. An unclosed fence is ordinary text.

Sentences (``split_sentences``) end after a run of ``. ! ? …`` (and similar marks of other
scripts), plus any closing quotes or brackets right after it, when whitespace and then a
possible sentence start follow: a character that is not a lowercase letter and is a
letter, digit, opening quote/bracket or currency sign. CJK full stops ``。！？`` end a
sentence without whitespace. A candidate end is *not* taken:

* inside a matched pair of brackets (``[Sept. 12]``, ``(see p. 4. Then)``);
* after a word in ``NEVER_FINAL`` (titles before names, short month names, ``e.g.``...);
* after a word in ``NUMBER_PREFIXES`` (``No.``, ``p.``, ``Fig.``) when a digit follows;
* after a word that can end a sentence but usually does not (``MAY_BE_FINAL``: ``Inc.``,
  ``Jr.``, dotted initialisms such as ``U.S.`` or ``a.m.``, single capital initials as in
  ``George W. Bush``): these end a sentence only when the next word is one of the common
  sentence openers in ``SENTENCE_OPENERS`` ("in the U.S. The ..." splits, "U.S. President"
  does not);
* after an enumeration marker that opens the sentence (``1. First``).

``etc.`` is an ordinary word: it ends a sentence whenever a capitalised word follows,
since mid-sentence it is nearly always followed by lowercase text or punctuation.
The word lists are English; everything else is script-neutral.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from tui.core.model import Span

NEVER_FINAL = frozenset(
    {
        # titles and ranks, which precede a name
        "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "st", "mt", "ft",
        "gen", "sen", "rep", "gov", "lt", "col", "capt", "cpt", "sgt", "cpl", "pvt",
        "maj", "adm", "cmdr", "cdr", "rev", "hon", "pres", "supt", "insp", "fr",
        # short month names, which precede a day
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        # Latin and other connectives that never close a sentence
        "e.g", "i.e", "cf", "vs", "viz", "approx",
    }
)  # fmt: skip
"""Lowercased words (without the final period) after which a sentence never ends."""

NUMBER_PREFIXES = frozenset(
    {"no", "nos", "nr", "art", "sec", "ch", "fig", "figs", "vol", "p", "pp", "para", "op", "ca"}
)
"""Lowercased words that abbreviate before a number ("No. 5", "p. 12", "ca. 1900")."""

MAY_BE_FINAL = frozenset(
    {"inc", "ltd", "co", "corp", "jr", "sr", "bros", "plc", "ave", "blvd", "rd", "dept"}
)
"""Lowercased abbreviations that often, but not usually, end a sentence."""

SENTENCE_OPENERS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she",
        "they", "we", "i", "you", "his", "her", "their", "our", "my", "there", "but",
        "and", "or", "so", "yet", "however", "meanwhile", "in", "on", "at", "for", "as",
        "if", "when", "while", "after", "before", "since", "although", "though", "also",
        "then", "what", "who", "how", "why", "where", "one", "some", "many", "most",
        "all", "both", "each", "no", "not", "such", "thus", "still", "later", "today",
    }
)  # fmt: skip
"""Lowercased words that typically open an English sentence."""

_WHITESPACE_TERMINATORS = ".!?…‼⁇⁈⁉؟۔।॥"
"""Sentence-final marks that need whitespace after them to end a sentence."""

_CJK_TERMINATORS = "。！？｡"
"""Sentence-final marks of scripts written without spaces: they end a sentence alone."""

_CLOSERS = "\"'”’»›)]}」』）】〉》〕］｝"
_OPENERS = "\"'“‘«‹([{「『（【〈《〔［｛¿¡"
_STARTERS = _OPENERS + "$€£¥₹#@*_"
"""Non-alphanumeric characters that can begin a sentence ("$5 million was lost.")."""
_BRACKETS = {
    ")": "(",
    "]": "[",
    "}": "{",
    "）": "（",
    "］": "［",
    "｝": "｛",
    "】": "【",
    "〕": "〔",
}

_BRACKET_CHAR = re.compile("[" + re.escape("".join(_BRACKETS) + "".join(_BRACKETS.values())) + "]")
_END_RUN = re.compile(
    "[" + re.escape(_WHITESPACE_TERMINATORS + _CJK_TERMINATORS) + "]+[" + re.escape(_CLOSERS) + "]*"
)
_SPACE_RUN = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
_DOTTED = re.compile(r"[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})+")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:\s|$)")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    blank: bool


def segment(
    text: str,
) -> tuple[tuple[Span, ...], tuple[Span, ...], tuple[tuple[int, int], ...]]:
    """``(paragraphs, sentences, paragraph_sentences)`` as ``model.Document`` wants them."""
    paragraphs = split_paragraphs(text)
    sentences: list[Span] = []
    ranges: list[tuple[int, int]] = []
    for paragraph in paragraphs:
        first = len(sentences)
        sentences.extend(split_sentences(text, paragraph))
        ranges.append((first, len(sentences)))
    return tuple(paragraphs), tuple(sentences), tuple(ranges)


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans of ``text``, in order, each trimmed of surrounding whitespace."""
    lines = _lines(text)
    one_per_line = not _has_blank_separator(lines)
    groups: list[list[_Line]] = []
    current: list[_Line] | None = None  # the paragraph the next line may continue
    index = 0
    while index < len(lines):
        fence_end = _fence_end(text, lines, index)
        if fence_end is not None:
            groups.append(lines[index : fence_end + 1])
            current, index = None, fence_end + 1
            continue
        line = lines[index]
        if line.blank:
            current = None
        else:
            heading = _HEADING.match(text, line.start, line.end) is not None
            if (
                current is None
                or one_per_line
                or heading
                or _starts_list(text, lines, index, current)
            ):
                current = [line]
                groups.append(current)
            else:
                current.append(line)
            if heading:
                current = None
        index += 1
    return [_trimmed(text, group[0].start, group[-1].end) for group in groups]


def split_sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside ``span``: in order, trimmed, covering all its non-whitespace."""
    start, end = span
    protected = _bracketed(text, start, end)
    cuts = [start]
    for match in _END_RUN.finditer(text, start, end):
        if _ends_sentence(text, match, cuts[-1], end, protected):
            cuts.append(match.end())
    cuts.append(end)
    spans = (_trimmed(text, a, b) for a, b in pairwise(cuts))
    return [(a, b) for a, b in spans if a < b]


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        lines.append(_Line(start, end, not text[start:end].strip()))
        start = end + 1
    return lines


def _has_blank_separator(lines: list[_Line]) -> bool:
    """True if some blank line lies between two non-blank lines."""
    seen_text = pending_blank = False
    for line in lines:
        if line.blank:
            pending_blank = seen_text
        elif pending_blank:
            return True
        else:
            seen_text = True
    return False


def _starts_list(text: str, lines: list[_Line], index: int, current: list[_Line]) -> bool:
    """A list item after non-item text, in a block holding 2+ items from here on."""
    line = lines[index]
    if not _is_item(text, line) or any(_is_item(text, earlier) for earlier in current):
        return False
    items = 0
    for later in lines[index:]:
        if later.blank or items >= 2:
            break
        items += _is_item(text, later)
    return items >= 2


def _is_item(text: str, line: _Line) -> bool:
    return _LIST_ITEM.match(text, line.start, line.end) is not None


def _fence_end(text: str, lines: list[_Line], index: int) -> int | None:
    """Index of the line closing a fence opened on line ``index``, else None."""
    line = lines[index]
    opening = _FENCE.match(text, line.start, line.end)
    if opening is None:
        return None
    marker = opening.group(1)
    closing = re.compile(r"[ \t]{0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$")
    for later in range(index + 1, len(lines)):
        candidate = lines[later]
        if closing.match(text[candidate.start : candidate.end]):
            return later
    return None


def _trimmed(text: str, start: int, end: int) -> Span:
    """``(start, end)`` shrunk past whitespace at both ends (empty if all whitespace)."""
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def _bracketed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost matched bracket pairs in ``text[start:end]`` as sorted ``(open, close)``.

    Unmatched brackets are ignored, so a stray ``)`` after a list number changes nothing.
    """
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for match in _BRACKET_CHAR.finditer(text, start, end):
        char, index = match.group(), match.start()
        if char not in _BRACKETS:
            stack.append((char, index))
        elif stack and stack[-1][0] == _BRACKETS[char]:
            pairs.append((stack.pop()[1], index))
    outermost: list[tuple[int, int]] = []
    for pair in sorted(pairs):
        if not outermost or pair[0] > outermost[-1][1]:
            outermost.append(pair)
    return outermost


def _inside(position: int, pairs: list[tuple[int, int]]) -> bool:
    """True if a cut before ``position`` would fall inside a bracket pair."""
    slot = bisect_left(pairs, (position, -1)) - 1
    return slot >= 0 and pairs[slot][0] < position <= pairs[slot][1]


def _ends_sentence(
    text: str,
    match: re.Match[str],
    sentence_start: int,
    end: int,
    protected: list[tuple[int, int]],
) -> bool:
    """Decide whether the terminator run ``match`` ends a sentence (module docstring)."""
    cut = match.end()
    if cut >= end or _inside(cut, protected):
        return False
    run = match.group()
    if any(char in _CJK_TERMINATORS for char in run):
        return True
    gap = _SPACE_RUN.match(text, cut, end)
    if gap is None or gap.end() >= end:
        return False
    following = text[gap.end()]
    if following.islower() or not (following.isalnum() or following in _STARTERS):
        return False
    if run != ".":
        return True
    return not _is_abbreviation(text, match.start(), sentence_start, gap.end(), end)


def _is_abbreviation(text: str, dot: int, sentence_start: int, next_start: int, end: int) -> bool:
    """True if the period at ``dot`` closes an abbreviation rather than a sentence."""
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip(_OPENERS)
    lowered = word.lower()
    next_word = _next_word(text, next_start, end)
    if not word:
        return False
    if lowered in NEVER_FINAL:
        return True
    if lowered in NUMBER_PREFIXES and text[next_start].isdigit():
        return True
    if _is_enumeration(text, word, word_start, sentence_start):
        return True
    if _may_be_final(text, word, lowered, word_start, sentence_start):
        return next_word not in SENTENCE_OPENERS
    return False


def _may_be_final(text: str, word: str, lowered: str, word_start: int, sentence_start: int) -> bool:
    """Abbreviations that end a sentence only before a typical sentence opener."""
    if lowered in MAY_BE_FINAL or _DOTTED.fullmatch(word):
        return True
    if len(word) == 1 and word.isupper():  # an initial, as in "George W. Bush"
        return True
    return lowered == "al" and text[sentence_start:word_start].lower().endswith("et ")


def _is_enumeration(text: str, word: str, word_start: int, sentence_start: int) -> bool:
    """ "1." or "a." opening a sentence is a list marker, not a sentence."""
    opens_sentence = not text[sentence_start:word_start].strip()
    return opens_sentence and (word.isdigit() or (len(word) == 1 and word.isalpha()))


def _next_word(text: str, start: int, end: int) -> str:
    """The lowercased word starting at ``start``, after any opening quotes/brackets."""
    match = _WORD.match(text, _skip(text, start, end, _OPENERS), end)
    return match.group().lower() if match else ""


def _skip(text: str, start: int, end: int, chars: str) -> int:
    while start < end and text[start] in chars:
        start += 1
    return start
