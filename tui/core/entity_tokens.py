"""Tokens of a paragraph, with the positional facts the name rules need.

A capitalised word means little by itself in English: it starts sentences, quotes and
headlines. What makes it a name is *where* it is, so every token records whether it starts a
sentence, whether it carries a possessive, whether a lower-case hyphen part ("-based") was cut
off it, and so on. Dates and numbers found first by ``entity_patterns`` are not tokens: they
break capitalised runs ("President Vladimir Friday") and never become names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entity_lexicon import ABBREVIATIONS, CONNECTORS, PREFIX_ABBREVIATIONS, STOP_CAPITALISED
from .entity_patterns import PatternMatch

# Only capitalised words (and dotted acronyms) become tokens: a 1 MB text has ~170k words,
# ~80% lower-case, and no rule needs those as objects. Lower-case connectors inside a name
# are recovered from the text between two capitalised words (``connectors_between``), and
# the words around a candidate are read from the text when it is typed.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-ЯЁ"
_TOKEN = re.compile(
    r"(?<![\w.])(?:[A-Z]\.){2,}"  # dotted acronyms: U.S., C.M.A.
    rf"|(?<![\w'’\-])(?:(?:al|el|bin|ibn|d|l)['’\-](?=[A-Z]))?[{_UPPER}]\w*(?:['’\-]\w+)*"
)
_SENTENCE_GAP = re.compile(r"[.!?:;“\"‘(\[…]|--|–|—")
_POSSESSIVE = re.compile(r"['’]s$")
_BASED_SUFFIXES = frozenset({"based", "born", "headquartered"})
COMPOUND_SUFFIXES = frozenset(
    "led run era bloc wide old made held owned like only free type day year area zone "
    "born style level sized".split()
)
"""Short lower-case second halves of compound adjectives ("Saudi-led", "UK-made"); any
longer lower-case part ("-based", "-listed") is assumed to be one too. Shorter parts not
listed stay in the word: they are usually syllables of a name ("Ji-won", "Jong-un")."""
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
_CONNECTOR_GAP = re.compile(
    r"[ \t]+(?:(?:" + "|".join(sorted(CONNECTORS, key=len, reverse=True)) + r")[ \t]+){1,2}"
)
_CONNECTOR_WORD = re.compile(r"\S+")
_PARTICLE = re.compile(r"(?:al|el|bin|ibn|d|l)['’\-][A-Z]")


@dataclass(slots=True)
class Token:
    """One word of a paragraph; ``start``/``end`` are offsets into the document text."""

    start: int
    end: int
    text: str
    """The word without a possessive ending (and without a cut-off "-based" part)."""
    lower: str
    index: int
    cap: bool = False
    """Starts with a capital (after a lower-case particle such as "al-")."""
    caps: bool = False
    """Written in capitals, at least two letters ("BRICS", "U.S.")."""
    acronym: bool = False
    """Shaped like an acronym: mostly capitals, no spaces ("KUNA", "AfDB", "C.M.A.")."""
    stop: bool = False
    initial: bool = False
    """First word of a sentence, quote, parenthesis or dateline body."""
    possessive: bool = False
    cut: bool = False
    """A lower-case hyphen part followed the word ("Nairobi-based"): a name ends here."""
    based: bool = False
    """The cut part was "-based"/"-born": a weak place cue."""
    prefix_abbrev: bool = False


def _shape(token: Token) -> None:
    word = token.text
    token.cap = word[0].isupper() or bool(_PARTICLE.match(word))
    letters = sum(map(str.isalpha, word))
    uppers = sum(map(str.isupper, word))
    token.caps = letters >= 2 and uppers == letters
    token.acronym = uppers >= 2 and uppers * 2 >= letters and "-" not in word
    token.stop = token.cap and not token.caps and token.lower in STOP_CAPITALISED


def tokenize(text: str, start: int, end: int, patterns: list[PatternMatch]) -> list[Token]:
    """Capitalised tokens of ``text[start:end]`` that do not overlap a date or number."""
    tokens: list[Token] = []
    spans = [(p.start, p.end) for p in patterns]
    k = 0  # next pattern not yet passed
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        word = m.group()
        if word[0].islower() and word[1:2] not in ("'", "’", "-"):
            continue  # a lower-case letter from the Latin Extended range
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] < e:
            continue  # inside a date or number
        token = _make_token(text, word, s, end, len(tokens))
        token.initial = _starts_sentence(text, start, s, tokens[-1] if tokens else None)
        if token.initial and text[s - 1 : s] == "(" and text[token.end : token.end + 1] == ")":
            token.initial = False  # "(Sedre)", "(KUNA)": an alias or source, not a sentence
        tokens.append(token)
    return tokens


def _starts_sentence(text: str, start: int, s: int, prev: Token | None) -> bool:
    """Whether the word at ``s`` opens a sentence, quote, parenthesis or dateline body,
    judged on the punctuation between it and the preceding word."""
    i = s
    while i > start and not (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    if i == start:
        return True
    if prev is not None and prev.end > i:
        i = prev.end  # the period of "St." belongs to the word, it ends no sentence
    return bool(_SENTENCE_GAP.search(text, i, s))


def _make_token(text: str, word: str, s: int, end: int, index: int) -> Token:
    cut = based = possessive = False
    if "-" in word and not word.startswith(("al-", "el-", "bin-", "ibn-")):
        parts = word.split("-")
        keep = [parts[0]]
        for part in parts[1:]:
            if part[:1].islower() and (len(part) >= 5 or part in COMPOUND_SUFFIXES):
                cut = True
                based = part in _BASED_SUFFIXES
                break
            keep.append(part)  # "Guinea-Bissau", "Tianwen-1", "Park Ji-won"
        word = "-".join(keep)
    if not cut and len(word) > 2 and _POSSESSIVE.search(word):
        word, possessive = word[:-2], True
    e = s + len(word)
    if not cut and not possessive and e < end and text[e] in "'’":
        possessive = word.endswith("s") and word[:1].isupper() and not text[e + 1 : e + 2].isalnum()
    lower = word.casefold()
    prefix_abbrev = False
    if not cut and not possessive and text[e : e + 1] == "." and lower in ABBREVIATIONS:
        prefix_abbrev = lower in PREFIX_ABBREVIATIONS
        word, lower, e = word + ".", lower + ".", e + 1
    token = Token(
        s,
        e,
        word,
        lower,
        index,
        possessive=possessive,
        cut=cut,
        based=based,
        prefix_abbrev=prefix_abbrev,
    )
    _shape(token)
    return token


def joined(text: str, left: Token, right: Token) -> bool:
    """True when only spaces separate two tokens and nothing (possessive, "-based") ends
    ``left``'s name: the condition for both to belong to one name."""
    if left.possessive or left.cut:
        return False
    gap = text[left.end : right.start]
    return gap.isspace() and gap.count("\n") <= 1 if gap else False


def connectors_between(text: str, left: Token, right: Token) -> list[Token] | None:
    """The lower-case connector words between two tokens ("of the", "and", "&"), as tokens,
    when nothing else separates them; ``None`` otherwise."""
    if left.possessive or left.cut:
        return None
    m = _CONNECTOR_GAP.fullmatch(text, left.end, right.start)
    if m is None:
        return None
    return [
        Token(w.start(), w.end(), w.group(), w.group(), -1)
        for w in _CONNECTOR_WORD.finditer(text, left.end, right.start)
    ]


def is_headline(text: str, start: int, end: int) -> bool:
    """A title-case line ("Putin Meets Wang in St. Petersburg"): capitals carry no signal."""
    if end - start > 250:
        return False
    body = text[start:end].strip()
    if not body or body[-1] in ".!?\"”'’)" or not body.lstrip("\"“‘'(")[:1].isupper():
        return False
    long_words = _LONG_WORD.findall(body)
    if len(long_words) < 4:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised * 10 >= 6 * len(long_words)


def lower_words(text: str, start: int, end: int) -> list[str]:
    """Every lower-case word of ``text[start:end]`` (the pair's vocabulary of prose)."""
    return _LOWER_WORD.findall(text, start, end)
