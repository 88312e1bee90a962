"""Names in a text: capitalised runs, their titles, and when two names are one.

A *name run* is a run of capitalised words ("Russian President Vladimir Putin"); its
*core* leaves out the titles before the name ("Vladimir Putin"). Telling a name from a
capitalised sentence start needs the rest of the text (and the other version), so runs are
computed per document. ``compare_names`` says whether two runs name the same person or
place, one is cut short ("Vladimir" for "Vladimir Putin"), or they differ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from tui.core.model import Span
from tui.core.tokens import PUNCT, SPACE, WORD, Token, tokenize
from tui.core.value_lexicon import MONTHS, WEEKDAYS

# --- word lists ---------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


FUNCTION_WORDS = _wordset(
    """a an the this that these those some any each every either neither all both no none
    i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs who whom whose which what whatever whoever where when why how whether if then than
    and or nor but yet so for of in on at by to from into onto upon with within without about
    above below under over after before since until till during through throughout across
    against among amid around behind beside besides between beyond despite except inside
    outside near off out up down via per toward towards is are was were be been being am do
    does did done have has had having will would shall should can could may might must not
    also too very just only even still already again ever never always often sometimes
    here there now today yesterday tomorrow tonight however meanwhile moreover furthermore
    nevertheless nonetheless therefore thus hence instead otherwise although though because
    while whereas unless once as like unlike such other another more most many much few
    several less least own same according earlier later last next first finally further
    indeed perhaps maybe yes no oh please thanks thank let lets mr mrs ms dr"""
)
_TITLES = _wordset(
    """president vice prime minister premier chancellor secretary general king queen prince
    princess crown emir sheikh sultan pope cardinal archbishop bishop reverend rev father
    mr mrs ms miss mx dr prof professor sir dame lord lady senator sen representative rep
    congressman congresswoman governor gov mayor ambassador envoy spokesman spokeswoman
    spokesperson director chairman chairwoman chair chief ceo judge justice commissioner
    councillor councilor gen lieutenant lt colonel col major maj captain capt sergeant sgt
    admiral adm commander marshal officer deputy acting foreign defence defense interior
    finance"""
)
_PARTICLES = _wordset(
    "de da di du del della der den van von la le bin ibn bint al el ben dos das y"
)
_ABBREVIATIONS = _wordset("st mt ft dr mr mrs ms jr sr gen sen gov rep lt col capt prof rev no vs")
_SENTENCE_PUNCT = frozenset({".", "!", "?", ":", "-", "\u2013", "\u2014", "--", "..."})
_OPENERS = frozenset({'"', "'", "(", "[", "\u201c", "\u2018", "\u00ab"})


# --- name runs ----------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _name_key(word: str) -> str:
    """Comparison form of a name word: no accents, case, possessive or dots."""
    word = re.sub(r"['\u2019]s?$", "", word)
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    return word.casefold().replace(".", "").replace("\u2019", "'")


@dataclass(frozen=True)
class NameRun:
    """A capitalised run ("Russian President Vladimir Putin") and its name part."""

    start: int
    end: int
    core_start: int
    core_end: int
    key: tuple[str, ...]


@dataclass(frozen=True)
class _WordFacts:
    tokens: tuple[Token, ...]
    words: tuple[int, ...]
    initial: tuple[bool, ...]
    headline: tuple[bool, ...]
    capitalised_mid: frozenset[str]
    lowercase: frozenset[str]


@lru_cache(maxsize=16)
def _word_facts(text: str) -> _WordFacts:
    """Per word: sentence-initial? in a Title Case line? And the document's vocabulary."""
    tokens = tuple(tokenize(text))
    words = tuple(i for i, t in enumerate(tokens) if t.kind == WORD)
    initial: list[bool] = []
    for i in words:
        initial.append(_is_initial(tokens, i))
    headline_lines = _headline_lines(text)
    headline = tuple(_in_ranges(tokens[i].start, headline_lines) for i in words)
    cap_mid: set[str] = set()
    lower: set[str] = set()
    for n, i in enumerate(words):
        word = tokens[i].text
        if word[0].isupper():
            if not initial[n] and not headline[n]:
                cap_mid.add(_name_key(word))
        elif word[0].islower():
            lower.add(_name_key(word))
    return _WordFacts(tokens, words, tuple(initial), headline, frozenset(cap_mid), frozenset(lower))


def _is_initial(tokens: Sequence[Token], i: int) -> bool:
    """Whether word ``tokens[i]`` starts a sentence, line or dateline clause."""
    j = i - 1
    while j >= 0:
        token = tokens[j]
        if token.kind == SPACE:
            if "\n" in token.text:
                return True
        elif token.kind == PUNCT and token.key in _OPENERS:
            pass
        else:
            break
        j -= 1
    if j < 0:
        return True
    token = tokens[j]
    if token.kind != PUNCT or token.key not in _SENTENCE_PUNCT:
        return False
    if token.key == ".":
        before = tokens[j - 1] if j > 0 else None
        if before is not None and before.kind == WORD:
            word = before.text.casefold()
            if word in _ABBREVIATIONS or (len(word) == 1 and before.text.isupper()):
                return False
    return True


def _headline_lines(text: str) -> list[Span]:
    """Lines set in Title Case, where capitals say nothing about names.

    A line counts when most of its longer content words are capitalised and it does not end
    like a sentence (headlines carry no full stop).
    """
    spans: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().rstrip().endswith((".", '."', ".\u201d", ".)")):
            continue  # a sentence, not a headline
        words = re.findall(r"[^\W\d_][\w'’-]{3,}", m.group())
        content = [w for w in words if w.casefold() not in FUNCTION_WORDS]
        if len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.75 * len(content):
            spans.append(m.span())
    return spans


def _in_ranges(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


@lru_cache(maxsize=16)
def name_runs(text: str, other: str) -> tuple[NameRun, ...]:
    """Capitalised name runs of ``text``; ``other`` helps tell names from sentence starts.

    A capitalised word starting a sentence is a name only if the pair's texts also use it
    capitalised mid-sentence and never in lower case, or if another capitalised word
    follows it.
    """
    facts = _word_facts(text)
    other_facts = _word_facts(other)
    cap_mid = facts.capitalised_mid | other_facts.capitalised_mid
    lower = facts.lowercase | other_facts.lowercase
    tokens, words = facts.tokens, facts.words

    def known(n: int) -> bool:
        key = _name_key(tokens[words[n]].text)
        return key in cap_mid and key not in lower

    def capital(n: int, inside: bool) -> bool:
        word = tokens[words[n]].text
        if not word[0].isupper() or any(c.isdigit() for c in word):
            return False
        key = _name_key(word)
        if (key in FUNCTION_WORDS and key not in _TITLES) or key in WEEKDAYS:
            return False
        if key in MONTHS and not inside:
            return False
        return not facts.headline[n] or known(n)

    def joined(a: int, b: int) -> bool:
        gap = text[tokens[words[a]].end : tokens[words[b]].start]
        if gap and gap.isspace() and "\n" not in gap and len(gap) <= 2:
            return True
        if gap.startswith(".") and ((gap[1:].isspace() and "\n" not in gap) or gap == "."):
            word = tokens[words[a]].text
            return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        return False

    runs: list[NameRun] = []
    n = 0
    while n < len(words):
        if not capital(n, inside=False):
            n += 1
            continue
        members = [n]
        while True:
            last = members[-1]
            nxt = last + 1
            if nxt < len(words) and joined(last, nxt):
                if capital(nxt, inside=True):
                    members.append(nxt)
                    continue
                particle = tokens[words[nxt]].text
                if (
                    particle in _PARTICLES
                    and nxt + 1 < len(words)
                    and joined(nxt, nxt + 1)
                    and capital(nxt + 1, inside=True)
                ):
                    members.extend((nxt, nxt + 1))
                    continue
            break
        n = members[-1] + 1
        if facts.initial[members[0]] and len(members) == 1 and not known(members[0]):
            continue
        titled = [k for k, m in enumerate(members) if _name_key(tokens[words[m]].text) in _TITLES]
        core = members[titled[-1] + 1 :] if titled else members
        if not core:
            continue
        first, last_token = tokens[words[core[0]]], tokens[words[core[-1]]]
        core_end = last_token.end
        possessive = re.search(r"['\u2019]s?$", last_token.text)
        if possessive:
            core_end = last_token.start + possessive.start()
        key = tuple(
            _name_key(tokens[words[m]].text)
            for m in core
            if tokens[words[m]].text not in _PARTICLES
        )
        runs.append(
            NameRun(tokens[words[members[0]]].start, last_token.end, first.start, core_end, key)
        )
    return tuple(runs)


# --- comparing names ----------------------------------------------------------------------

_VOWELS = str.maketrans("", "", "aeiouy")


def _skeleton(word: str) -> str:
    """Consonants with doubles collapsed: "mohammed" and "muhammad" both give "mhmd"."""
    consonants = word.translate(_VOWELS)
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


def _word_equal(a: str, b: str) -> bool:
    """Same name word, allowing transliteration variants of long words.

    "Zelenskyy" / "Zelensky" and "Mohammed" / "Muhammad" are one name; short words must
    match exactly, or "Hale" and "Hall" would be too.
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 6:
        return False
    return Indel.normalized_similarity(a, b) >= 0.8 or _skeleton(a) == _skeleton(b)


def _is_prefix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and all(map(_word_equal, short, long))


def _is_suffix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and all(map(_word_equal, short, long[len(long) - len(short) :]))


def _is_acronym(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if len(short) != 1 or len(long) < 2:
        return False
    initials = "".join(w[0] for w in long if w not in ("of", "and", "the", "for"))
    return short[0] == initials


def compare_names(
    lrun: NameRun,
    rrun: NameRun,
    lruns_all: Sequence[NameRun],
    rruns_all: Sequence[NameRun],
    lkeys: set[tuple[str, ...]],
    rkeys: set[tuple[str, ...]],
) -> str | None:
    """``None`` (same name), ``"cut"`` (one cut short) or ``"different"``.

    ``lruns_all``/``rruns_all`` are all runs of each document (a lone first word is a usual
    short form if used alone elsewhere); ``lkeys``/``rkeys`` the names near the change.
    """
    a, b = lrun.key, rrun.key
    if len(a) == len(b) and all(map(_word_equal, a, b)):
        return None
    if _is_suffix(a, b) or _is_suffix(b, a) or _is_acronym(a, b) or _is_acronym(b, a):
        return None  # "Putin" for "Vladimir Putin"; "EAC" for "East African Community"
    if _is_prefix(a, b) or _is_prefix(b, a):
        short = lrun if len(a) < len(b) else rrun
        if len(short.key) > 1:
            return None  # "Arbor Capital" for "Arbor Capital Partners": a usual short form
        # A lone first word ("Vladimir" for "Vladimir Putin") is cut short, unless the
        # texts use it alone elsewhere, as with "Wang" for "Wang Yi".
        for run in (*lruns_all, *rruns_all):
            if run.key == short.key and run is not short:
                return None
        return "cut"
    if a in rkeys or b in lkeys:
        return None  # both names are on both sides: reordered, not replaced
    return "different"
