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
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

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
_OPENING_BRACKET = re.compile("[" + re.escape("".join(_BRACKETS.values())) + "]")
_SPACED = f"[{re.escape(_WHITESPACE_TERMINATORS)}]"
_SPACELESS = f"[{re.escape(_CJK_TERMINATORS)}]"
_ANY_END = f"[{re.escape(_WHITESPACE_TERMINATORS + _CJK_TERMINATORS)}]"
_CLOSER = f"[{re.escape(_CLOSERS)}]"
_START = rf"(?:[^\W_]|[{re.escape(_STARTERS)}])"
_SENTENCE_END = re.compile(
    # One terminator first: the regex engine then skips ahead to candidates quickly.
    f"{_ANY_END}(?:"
    # a run holding a CJK full stop, which ends a sentence without whitespace after it
    f"(?<={_SPACELESS}){_ANY_END}*|{_SPACED}*{_SPACELESS}{_ANY_END}*"
    # any other run, when whitespace and a possible sentence start (group 1) follow
    rf"|{_SPACED}*(?={_CLOSER}*\s+({_START})))"
    f"{_CLOSER}*"
)
"""A terminator run and its closers that may end a sentence (see ``_ends_sentence``).

It finds the same runs as ``[terminators]+[closers]*``, but only those followed by what
``_ends_sentence`` would accept anyway, so the run at the end of every paragraph, and
every "3.5" or "..." before a lowercase-free continuation, costs no Python at all. Group
1 is the character that would start the next sentence.
"""
_NON_SPACE = re.compile(r"\S")
_WORD = re.compile(r"[^\W_]+")
_DOTTED = re.compile(r"[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})+")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:\s|$)")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_MARKUP_STARTS = frozenset("#-*+`~0123456789")
"""First characters (after up to three spaces or tabs) of every heading, item and fence."""
_MARKUP_LINE = re.compile(r"\n[ \t]{0,3}[-#*+`~0-9]")
"""The start of a line (after the first) that may be a heading, an item or a fence."""


def segment(
    text: str,
) -> tuple[tuple[Span, ...], tuple[Span, ...], tuple[tuple[int, int], ...]]:
    """``(paragraphs, sentences, paragraph_sentences)`` of ``text``, all at once."""
    paragraphs = tuple(split_paragraphs(text))
    return (paragraphs, *sentence_index(text, paragraphs))


def sentence_index(
    text: str, paragraphs: Sequence[Span]
) -> tuple[tuple[Span, ...], tuple[tuple[int, int], ...]]:
    """``(sentences, paragraph_sentences)`` of ``paragraphs`` as ``model.Document`` has them.

    ``paragraph_sentences[i]`` is the range of sentence indices of paragraph ``i``.
    """
    sentences: list[Span] = []
    ranges: list[tuple[int, int]] = []
    for start, end in paragraphs:
        first = len(sentences)
        sentences += _sentence_spans(text, start, end)
        ranges.append((first, len(sentences)))
    return tuple(sentences), tuple(ranges)


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans of ``text``, in order, each trimmed of surrounding whitespace."""
    return _Lines(text).paragraphs()


def split_sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside ``span``: in order, trimmed, covering all its non-whitespace."""
    start, end = _trimmed(text, *span)
    return _sentence_spans(text, start, end) if start < end else []


class _Lines:
    """The lines of a text and the paragraph rules of the module docstring.

    Lines are kept as parallel lists, not objects, and only lines that begin like a
    heading, a list item or a fence (``marked``) are looked at closely: in prose they are
    rare, so a long text costs a few operations per line.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.lines[:-1])]
        self.blank = [not line or line.isspace() for line in self.lines]
        first = self.lines[0]
        self.marked = [0] if first[:4].lstrip(" \t")[:1] in _MARKUP_STARTS else []
        starts = self.starts
        self.marked += [
            bisect_right(starts, found.start()) for found in _MARKUP_LINE.finditer(text)
        ]
        self._marked_set = frozenset(self.marked)
        self._fences = [index for index in self.marked if self._match(_FENCE, index)]

    def paragraphs(self) -> list[Span]:
        """Trimmed spans of the paragraphs: groups of lines, as the module docstring says."""
        lines, starts = self.lines, self.starts
        spans: list[Span] = []
        for first, last in self._groups():
            line = lines[first]
            start = starts[first]
            if line[0].isspace():
                start += len(line) - len(line.lstrip())
            line = lines[last]
            end = starts[last] + (len(line.rstrip()) if line[-1].isspace() else len(line))
            spans.append((start, end))
        return spans

    def _groups(self) -> list[tuple[int, int]]:
        """``(first, last)`` line of each paragraph; the first and last are never blank."""
        blank, marked = self.blank, self._marked_set
        one_per_line = not self._has_blank_separator()
        groups: list[tuple[int, int]] = []
        first = -1  # first line of the paragraph the next line may continue, -1 if none
        has_item = False  # whether that paragraph holds a list item
        index, count = 0, len(blank)
        while index < count:
            if blank[index]:
                first, index = -1, index + 1
                continue
            heading = item = False
            if index in marked:
                fence_end = self._fence_end(index)
                if fence_end is not None:
                    groups.append((index, fence_end))
                    first, index = -1, fence_end + 1
                    continue
                heading = self._match(_HEADING, index)
                item = self._match(_LIST_ITEM, index)
            if (
                first < 0
                or one_per_line
                or heading
                or (item and self._starts_list(index, has_item))
            ):
                groups.append((index, index))
                first, has_item = index, item
            else:
                groups[-1] = (first, index)
                has_item = has_item or item
            if heading:
                first = -1
            index += 1
        return groups

    def _match(self, pattern: re.Pattern[str], index: int) -> bool:
        start = self.starts[index]
        return pattern.match(self.text, start, start + len(self.lines[index])) is not None

    def _has_blank_separator(self) -> bool:
        """True if some blank line lies between two non-blank lines."""
        blank = self.blank
        if False not in blank:
            return False
        first = blank.index(False)
        last = len(blank) - 1 - blank[::-1].index(False)
        return True in blank[first:last]

    def _starts_list(self, index: int, has_item: bool) -> bool:
        """A list item after non-item text, in a block holding 2+ items from here on."""
        if has_item:
            return False
        try:
            block_end = self.blank.index(True, index)
        except ValueError:
            block_end = len(self.blank)
        marked = self.marked
        for later in marked[bisect_right(marked, index) : bisect_left(marked, block_end)]:
            if self._match(_LIST_ITEM, later):
                return True
        return False

    def _fence_end(self, index: int) -> int | None:
        """Index of the line closing a fence opened on line ``index``, else None.

        A closing fence also looks like an opening one, so only those lines are tried.
        """
        start = self.starts[index]
        opening = _FENCE.match(self.text, start, start + len(self.lines[index]))
        if opening is None:
            return None
        marker = opening.group(1)
        closing = re.compile(
            r"[ \t]{0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$"
        )
        for later in self._fences[bisect_right(self._fences, index) :]:
            if closing.match(self.lines[later]):
                return later
        return None


def _trimmed(text: str, start: int, end: int) -> Span:
    """``(start, end)`` shrunk past whitespace at both ends (empty if all whitespace)."""
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def _sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """``split_sentences`` of a non-empty span that has no whitespace at either end.

    Every sentence ends right after its terminator run (never whitespace), and the next
    one starts at the first non-whitespace after it, so no piece needs trimming.
    """
    spans: list[Span] = []
    sentence_start = start
    protected: list[tuple[int, int]] | None = None  # bracket pairs, found on first need
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        if cut >= end or not _ends_sentence(text, match, sentence_start, end):
            continue
        if protected is None:
            protected = _bracketed(text, start, end)
        if _inside(cut, protected):
            continue
        spans.append((sentence_start, cut))
        following = match.start(1)
        sentence_start = following if following >= 0 else _next_start(text, cut, end)
    spans.append((sentence_start, end))
    return spans


def _next_start(text: str, cut: int, end: int) -> int:
    """The first non-whitespace position at or after ``cut`` (there is one before ``end``)."""
    if not text[cut].isspace():
        return cut
    found = _NON_SPACE.search(text, cut, end)
    return found.start() if found is not None else end


def _bracketed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost matched bracket pairs in ``text[start:end]`` as sorted ``(open, close)``.

    Unmatched brackets are ignored, so a stray ``)`` after a list number changes nothing.
    """
    if _OPENING_BRACKET.search(text, start, end) is None:
        return []
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


def _ends_sentence(text: str, match: re.Match[str], sentence_start: int, end: int) -> bool:
    """Whether a ``_SENTENCE_END`` run ends a sentence, brackets aside (module docstring).

    The pattern already checked what follows the run; what is left is the lowercase test
    and, for a lone period, the abbreviation rules.
    """
    following = match.group(1)
    if following is None:  # a CJK full stop
        return True
    if following.islower():
        return False
    if match.group() != ".":
        return True
    return not _is_abbreviation(text, match.start(), sentence_start, match.start(1), end)


def _is_abbreviation(text: str, dot: int, sentence_start: int, next_start: int, end: int) -> bool:
    """True if the period at ``dot`` closes an abbreviation rather than a sentence."""
    word_start = _word_start(text, dot, sentence_start)
    word = text[word_start:dot].lstrip(_OPENERS)
    if not word:
        return False
    lowered = word.lower()
    if lowered in NEVER_FINAL:
        return True
    if lowered in NUMBER_PREFIXES and text[next_start].isdigit():
        return True
    if _is_enumeration(text, word, word_start, sentence_start):
        return True
    if _may_be_final(text, word, lowered, word_start, sentence_start):
        return _next_word(text, next_start, end) not in SENTENCE_OPENERS
    return False


def _word_start(text: str, dot: int, sentence_start: int) -> int:
    """Start of the non-whitespace run that ends at ``dot``, at most back to ``sentence_start``.

    Looks back through a window that doubles until it holds whitespace, so a long word
    costs a few slices and an ordinary one a single short one.
    """
    if dot <= sentence_start or text[dot - 1].isspace():
        return dot
    width = 32
    while True:
        window_start = max(sentence_start, dot - width)
        word = text[window_start:dot].rsplit(None, 1)[-1]
        if len(word) < dot - window_start or window_start == sentence_start:
            return dot - len(word)
        width *= 2


def _may_be_final(text: str, word: str, lowered: str, word_start: int, sentence_start: int) -> bool:
    """Abbreviations that end a sentence only before a typical sentence opener."""
    if lowered in MAY_BE_FINAL or ("." in word and _DOTTED.fullmatch(word)):
        return True
    if len(word) == 1 and word.isupper():  # an initial, as in "George W. Bush"
        return True
    return lowered == "al" and text[sentence_start:word_start].lower().endswith("et ")


def _is_enumeration(text: str, word: str, word_start: int, sentence_start: int) -> bool:
    """ "1." or "a." opening a sentence is a list marker, not a sentence."""
    if not (word.isdigit() or (len(word) == 1 and word.isalpha())):
        return False
    return not text[sentence_start:word_start].strip()


def _next_word(text: str, start: int, end: int) -> str:
    """The lowercased word starting at ``start``, after any opening quotes/brackets."""
    match = _WORD.match(text, _skip(text, start, end, _OPENERS), end)
    return match.group().lower() if match else ""


def _skip(text: str, start: int, end: int, chars: str) -> int:
    while start < end and text[start] in chars:
        start += 1
    return start
