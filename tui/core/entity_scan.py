"""Per-document scanning (patterns and tokens, computed once) and the pair-wide context.

Extraction needs two passes over a pair: one to learn which words the texts treat as names
(capitalised mid-sentence) or as prose (lower case), one to judge each paragraph with that
knowledge. :class:`DocumentScanner` caches the tokenised paragraphs so both passes share the
work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .entity_patterns import PatternMatch, find_patterns
from .entity_tokens import (
    Token,
    emphasis,
    is_headline,
    is_shouting,
    joined,
    lower_words,
    mark_headings,
    tokenize,
)
from .gazetteer import name_key
from .model import Document


@dataclass
class ScannedParagraph:
    start: int
    end: int
    patterns: list[PatternMatch]
    tokens: list[Token]
    headline: bool
    shouting: bool = False
    """Written in capitals (see ``is_shouting``): only words known elsewhere are names."""
    emphasis: frozenset[int] = frozenset()
    """Indices of tokens in capitalised phrases (see ``entity_tokens.emphasis``): prose."""
    pattern_starts: frozenset[int] = field(init=False)
    """Where the patterns start (all, and dates only): looked up for every candidate."""
    date_starts: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        self.pattern_starts = frozenset(p.start for p in self.patterns)
        self.date_starts = frozenset(p.start for p in self.patterns if p.type == "DATE")


MOSTLY_LOWER_MIN = 3
"""Lower-case uses below this prove nothing about a capitalised word."""
MOSTLY_LOWER_RATIO = 4
"""How many times more often than capitalised mid-sentence a word must be written in lower
case to be taken for prose (see ``PairContext.mostly_lower``)."""


@dataclass
class PairContext:
    """What both texts of a pair say about words, used to judge sentence-initial words."""

    mid_caps: Counter[str] = field(default_factory=Counter)
    """``name_key`` of words seen capitalised *not* at a sentence start or in a headline,
    with how often."""
    lower_words: Counter[str] = field(default_factory=Counter)
    """Words seen in lower case, with how often: a capitalised one of these at a sentence
    start is prose, and so is one the texts write in lower case far more often than
    capitalised (see ``mostly_lower``)."""
    run_starts: set[str] = field(default_factory=set)
    """``name_key`` of words seen *starting* a name mid-sentence ("... with Argentina")."""
    caps_words: set[str] = field(default_factory=set)
    """All-capital words ("GNU", "USA") as written in running text, where capitals mean
    something: what may count as a name in a paragraph written all in capitals."""

    def mostly_lower(self, word: str) -> bool:
        """Whether the texts write ``word`` (a capitalised word) in lower case far more often
        than capitalised mid-sentence: "Set", "Open", "Normally" opening a list item or run
        into a heading are words capitalised by their place, not names. A name that is
        also a common word ("Rose said", "rose 3%") keeps its capitalised uses in the
        count, so it stays a name unless lower case outnumbers them several times."""
        lower = self.lower_words.get(word.casefold(), 0)
        return lower >= MOSTLY_LOWER_MIN and lower >= MOSTLY_LOWER_RATIO * self.mid_caps.get(
            name_key(word), 0
        )

    def add(self, paragraph: ScannedParagraph, text: str) -> None:
        if paragraph.headline or paragraph.shouting:
            return
        previous: Token | None = None
        for tok in paragraph.tokens:
            if tok.index in paragraph.emphasis:
                previous = tok
                continue
            if tok.caps:
                self.caps_words.add(tok.text)
            if tok.cap and not tok.initial and not tok.stop:
                for part in tok.text.split("-"):
                    self.mid_caps[name_key(part)] += 1
                if previous is None or not joined(text, previous, tok):
                    self.run_starts.add(name_key(tok.text))
            previous = tok
        self.lower_words.update(lower_words(text, paragraph.start, paragraph.end))


class DocumentScanner:
    """Tokenised paragraphs of one document, computed once and reused by every pass.

    With ``keep=False`` nothing is kept and every pass tokenises again: about half as
    slow again, but a book's tokens (a quarter of a gigabyte for two 10 MB texts) never
    sit in memory all at once. The entity process of a long pair works that way, since
    its time is hidden behind the diff stage while its memory adds to the reader's.
    """

    def __init__(self, doc: Document, *, keep: bool = True) -> None:
        self.doc = doc
        self._keep = keep
        self._paragraphs: list[ScannedParagraph | None] = [None] * len(doc.paragraphs)

    def paragraph(self, index: int) -> ScannedParagraph:
        cached = self._paragraphs[index]
        if cached is None:
            start, end = self.doc.paragraphs[index]
            text = self.doc.text
            patterns = find_patterns(text, start, end)
            tokens = tokenize(text, start, end, patterns)
            mark_headings(text, start, end, tokens)
            patterns = _numbered_names(text, tokens, patterns)
            caps = sum(1 for t in tokens if t.caps)  # most paragraphs have none
            shouting = is_shouting(text, start, end, tokens, caps)
            stressed = emphasis(text, tokens) if caps >= 2 and not shouting else frozenset()
            cached = ScannedParagraph(
                start, end, patterns, tokens, is_headline(text, start, end), shouting, stressed
            )
            if self._keep:
                self._paragraphs[index] = cached
        return cached

    def __len__(self) -> int:
        return len(self.doc.paragraphs)


def _numbered_names(
    text: str, tokens: list[Token], patterns: list[PatternMatch]
) -> list[PatternMatch]:
    """Fold a small bare number into the name before it ("Falcon 9", "Boeing 737",
    "Article 5"): it is part of the name, not a quantity."""
    if not tokens or not patterns:
        return patterns
    by_end = {t.end: t for t in tokens}
    kept = []
    for p in patterns:
        tok = by_end.get(p.start - 1)
        digits = text[p.start : p.end]
        if (
            tok is not None
            and text[p.start - 1] == " "
            and p.type == "NUMBER"
            and digits.isdigit()
            and len(digits) <= 4
            and not tok.stop
            and not tok.possessive
            and not text[p.end : p.end + 1].isalnum()
        ):
            tok.end = p.end
            tok.text = text[tok.start : p.end]
            continue
        kept.append(p)
    return kept


def build_context(scanners: Iterable[DocumentScanner]) -> PairContext:
    context = PairContext()
    for scanner in scanners:
        for i in range(len(scanner)):
            context.add(scanner.paragraph(i), scanner.doc.text)
    return context
