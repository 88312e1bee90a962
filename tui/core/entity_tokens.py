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
from functools import lru_cache

from .entity_lexicon import ABBREVIATIONS, CONNECTORS, PREFIX_ABBREVIATIONS, STOP_CAPITALISED
from .entity_patterns import PatternMatch

# Only capitalised words (and dotted acronyms) become tokens: a 1 MB text has ~170k words,
# ~80% lower-case, and no rule needs those as objects. Lower-case connectors inside a name
# are recovered from the text between two capitalised words (``connectors_between``), and
# the words around a candidate are read from the text when it is typed.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-ЯЁ"
_PARTICLES = ("al", "el", "bin", "ibn", "d", "l")
_PARTICLE_GROUP = f"(?:{'|'.join(_PARTICLES)})"
_PARTICLE_LETTERS = "".join(sorted({p[0] for p in _PARTICLES}))
_TOKEN = re.compile(
    # Two lookaheads first, as in ``entity_patterns``: a cheap one on the first character,
    # then the exact opening, so the engine skips lower-case words without trying more.
    rf"(?=[{_UPPER}{_PARTICLE_LETTERS}])(?=[{_UPPER}]|{_PARTICLE_GROUP}['’\-][A-Z])"
    r"(?:(?<![\w.])(?:[A-Z]\.){2,}"  # dotted acronyms: U.S., C.M.A.
    rf"|(?<![\w'’\-])(?:{_PARTICLE_GROUP}['’\-](?=[A-Z]))?[{_UPPER}]\w*(?:['’\-]\w+)*)"
)
_ELISION = re.compile(
    r"(?i:c|d|j|l|m|n|s|t|qu|lorsqu|puisqu|jusqu|quoiqu|presqu|quelqu"
    r"|un|dell|dall|nell|sull|all|coll|quell|quest|nessun)['’]"
)
"""Elided articles, pronouns and conjunctions of French and Italian, with the apostrophe."""
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
_PHRASE_GAP = re.compile(r"\s*,?\s+(?:(?:and|or)\s+)?")
_SECTION_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[A-Za-z0-9]{1,3}\))[ \t]+")
"""A section or item number opening a line: "2. ", "4.1 ", "(b) ", "iv) "."""
_SECTION_MARK = re.compile(r"[ \t*#>|]*(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[A-Za-z0-9]{1,3}\))[ \t]+")
"""A section number at the start of a line, perhaps inside a box of asterisks."""
_TITLE = re.compile(r"(?P<title>[^.!?\n]{1,80}?)(?:\.[ \t]+(?=\S)|[ \t.*|]*(?:\n|\Z))")
"""A heading's title: to a period followed by more text, or to the end of its line."""
_ITEM_MARK = re.compile(r"[ \t]*(?:\(?(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})[.)]|[-*•–])[ \t]+")
"""What may precede the first word of a list item on its line: "a) ", "(2) ", "- "."""
_CONNECTOR_WORD = re.compile(r"\S+")
_PARTICLE = re.compile(rf"{_PARTICLE_GROUP}['’\-][A-Z]")


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


_WordFacts = tuple[str, str, int, bool, bool, bool, bool, bool, bool, bool, bool, bool]


def tokenize(text: str, start: int, end: int, patterns: list[PatternMatch]) -> list[Token]:
    """Capitalised tokens of ``text[start:end]`` that do not overlap a date or number."""
    tokens: list[Token] = []
    spans = [(p.start, p.end) for p in patterns]
    spans.append((end + 1, end + 1))  # a sentinel past every word: no bounds checks below
    k = 0  # next pattern not yet passed
    prev: Token | None = None
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        word = m.group()
        if word[0].islower() and word[1:2] not in ("'", "’", "-"):
            continue  # a lower-case letter from the Latin Extended range
        if ("'" in word or "’" in word) and _elided_common_word(word):
            continue
        while spans[k][1] <= s:
            k += 1
        if spans[k][0] < e:
            continue  # inside a date or number
        facts = _word_facts(word, text[e : e + 2], e < end)
        token = Token(s, s + facts[2], facts[0], facts[1], len(tokens), *facts[3:])
        token.initial = _starts_sentence(text, start, s, prev)
        if token.initial and text[s - 1 : s] == "(" and text[token.end : token.end + 1] == ")":
            token.initial = False  # "(Sedre)", "(KUNA)": an alias or source, not a sentence
        tokens.append(token)
        prev = token
    return tokens


def _elided_common_word(word: str) -> bool:
    """Whether ``word`` is an elided article or pronoun before a lower-case word, written
    with a capital only because a sentence or item starts there: "L'option", "D'autres",
    "Qu'il", "Dell'anno". Before a capital the whole may be a name ("L'Oréal")."""
    found = _ELISION.match(word)
    return found is not None and word[found.end() : found.end() + 1].islower()


def _starts_sentence(text: str, start: int, s: int, prev: Token | None) -> bool:
    """Whether the word at ``s`` opens a sentence, quote, parenthesis or dateline body,
    judged on the punctuation between it and the preceding word."""
    if s - 1 > start and text[s - 1] == " " and (text[s - 2].isalnum() or text[s - 2] == "_"):
        return False  # one space after a word, the commonest case: no punctuation between
    i = s
    while i > start and not (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    if i == start:
        return True
    if prev is not None and prev.end > i:
        i = prev.end  # the period of "St." belongs to the word, it ends no sentence
    return bool(_SENTENCE_GAP.search(text, i, s)) or _opens_item(text, start, s)


def _opens_item(text: str, start: int, s: int) -> bool:
    """Whether the word at ``s`` is the first of a list item ("a) Accompany it with ..."):
    only an item mark stands between it and the start of its line."""
    line = _near_line_start(text, start, s)
    return line is not None and _ITEM_MARK.fullmatch(text, line, s) is not None


MARK_WINDOW = 80
"""Characters before a word searched for its line start by the item and heading tests: a
mark ("a) ", "7. ") is a few characters, so a line start further back cannot precede one."""


def _near_line_start(text: str, start: int, s: int) -> int | None:
    """Where the line holding ``s`` starts (not before ``start``), or None when that is
    more than ``MARK_WINDOW`` characters back. Unbounded, the search made a paragraph of
    one long line (a book without line breaks) quadratic in its length."""
    window = max(start, s - MARK_WINDOW)
    found = text.rfind("\n", window, s)
    if found >= 0:
        return found + 1
    return start if window == start else None


@lru_cache(maxsize=1 << 16)
def _word_facts(word: str, after: str, inside: bool) -> _WordFacts:
    """What a token matched as ``word`` is, from the word and the two characters ``after``
    it (``inside``: whether the first of them is still in the paragraph).

    Nothing else of the text is read, so the answer is cached: a long text repeats the same
    few thousand capitalised words. Returns the token's text, its ``casefold``, its length
    and its flags in ``Token`` field order from ``cap`` on (``initial`` always false).
    """
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
    # Unless cut or possessive, the word is the whole match and ``after`` follows it.
    if not cut and not possessive and inside and after[:1] in ("'", "’"):
        possessive = word.endswith("s") and word[:1].isupper() and not after[1:2].isalnum()
    lower = word.casefold()
    prefix_abbrev = False
    if not cut and not possessive and after[:1] == "." and lower in ABBREVIATIONS:
        prefix_abbrev = lower in PREFIX_ABBREVIATIONS
        word, lower = word + ".", lower + "."
    cap, caps, acronym = _shape(word)
    stop = cap and not caps and lower in STOP_CAPITALISED
    return (
        word,
        lower,
        len(word),
        cap,
        caps,
        acronym,
        stop,
        False,
        possessive,
        cut,
        based,
        prefix_abbrev,
    )


def _shape(word: str) -> tuple[bool, bool, bool]:
    """``cap``, ``caps`` and ``acronym`` of a token's text (see ``Token``)."""
    cap = word[0].isupper() or bool(_PARTICLE.match(word))
    letters = sum(map(str.isalpha, word))
    uppers = sum(map(str.isupper, word))
    caps = letters >= 2 and uppers == letters
    acronym = uppers >= 2 and uppers * 2 >= letters and "-" not in word
    return cap, caps, acronym


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
    """A title-case line ("Putin Meets Wang in St. Petersburg"): capitals carry no signal.

    A numbered line in title case ("2. Basic Permissions.", "4.1 Scope") is a section
    heading even when short or closed by a period: the number says so, where an unnumbered
    short line could as well be a list of names.
    """
    if end - start > 250:
        return False
    body = text[start:end].strip()
    numbered = _SECTION_NUMBER.match(body)
    if numbered:
        title = body[numbered.end() :].removesuffix(".")
        if title[:1].isupper() and _title_case(title):
            return True
    if not body or body[-1] in ".!?\"”'’)" or not body.lstrip("\"“‘'(")[:1].isupper():
        return False
    long_words = _LONG_WORD.findall(body)
    if len(long_words) < 4:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised * 10 >= 6 * len(long_words)


def is_shouting(text: str, start: int, end: int, tokens: list[Token], caps: int) -> bool:
    """A paragraph written in capitals ("THE PROGRAM IS PROVIDED AS IS, WITHOUT WARRANTY"):
    like a headline, its capitals carry no signal.

    Most of its words are all-capital tokens (``caps`` of them, two to one against every
    other word); the lower-case words are counted only for the rare paragraph that passes
    on tokens alone.
    """
    if caps < 3 or caps < 2 * (len(tokens) - caps):
        return False
    others = len(tokens) - caps + len(_LOWER_WORD.findall(text, start, end))
    return caps >= 2 * others


def emphasis(text: str, tokens: list[Token]) -> frozenset[int]:
    """Indices of the tokens of capitalised *phrases* ("WITHOUT ANY WARRANTY", "FITNESS FOR
    A PARTICULAR PURPOSE"): runs of two or more all-capital words, one of them a function
    word. Such capitals stress prose; a name in capitals ("BRICS", "US FDA") has no "any".
    """
    found: list[int] = []
    run: list[Token] = []
    for tok in tokens:
        if tok.caps or tok.text in ("A", "I"):
            if run and not _phrase_gap(text, run[-1], tok):
                found.extend(_stressed(run))
                run = []
            run.append(tok)
        elif run:
            found.extend(_stressed(run))
            run = []
    found.extend(_stressed(run))
    return frozenset(found)


def _stressed(run: list[Token]) -> list[int]:
    """Indices of ``run`` if it is a capitalised phrase (two all-capital words or more,
    one of them a function word, all of letters), else none. "A" and "I" only link its
    words: "I/O" after a name in capitals is no phrase; identifiers with digits are names."""
    caps = [t for t in run if t.caps]
    if (
        len(caps) >= 2
        and any(t.lower in STOP_CAPITALISED for t in caps)
        and all(t.text.replace("-", "").isalpha() for t in caps)  # not "SO or LS1"
    ):
        return [t.index for t in run]
    return []


def _phrase_gap(text: str, left: Token, right: Token) -> bool:
    """Whether two capitalised words belong to one stressed phrase: spaces, a comma or an
    "and"/"or" between them ("TITLE, MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE")."""
    return _PHRASE_GAP.fullmatch(text, left.end, right.start) is not None


def mark_headings(text: str, start: int, end: int, tokens: list[Token]) -> None:
    """Treat the words of numbered headings inside a paragraph as sentence starts: like a
    headline's, their capitals carry no signal. A heading is a title-case phrase after a
    section number at the start of a line, ending the line or closed by a period with text
    after it ("7. Disclaimer of Warranty. Unless required ...")."""
    title_end = -1
    for tok in tokens:
        if tok.start < title_end:
            tok.initial = True
            continue
        if not tok.initial:
            continue
        line = _near_line_start(text, start, tok.start)
        if line is None or _SECTION_MARK.fullmatch(text, line, tok.start) is None:
            continue
        m = _TITLE.match(text, tok.start, end)
        if m is None:
            continue
        if _title_case(m["title"]):
            title_end = m.end("title")


def _title_case(title: str) -> bool:
    """Whether every long word of ``title`` is capitalised or a function word ("Object Code
    Incorporating Material from Library Header Files")."""
    long_words = _LONG_WORD.findall(title)
    return bool(long_words) and all(
        w[0].isupper() or w in STOP_CAPITALISED or w in CONNECTORS for w in long_words
    )


def lower_words(text: str, start: int, end: int) -> list[str]:
    """Every lower-case word of ``text[start:end]`` (the pair's vocabulary of prose)."""
    return _LOWER_WORD.findall(text, start, end)
