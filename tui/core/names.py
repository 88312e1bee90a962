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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from rapidfuzz.distance import Indel

from tui.core.tokens import _TOKEN_RE, PUNCT, token_key
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


@lru_cache(maxsize=1 << 16)
def _name_key(word: str) -> str:
    """Comparison form of a name word: no accents, case, possessive or dots."""
    if word.isascii():  # the same steps, minus those that cannot change ASCII
        if "'" in word:
            word = _POSSESSIVE_END.sub("", word)
        return word.casefold().replace(".", "")
    word = _POSSESSIVE_END.sub("", word)
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


# Tokens of one line as ``(space, word, punctuation)`` strings, one of them non-empty. The
# ASCII patterns are ``tokens.tokenize``'s, specialised to ASCII (no marks, no CJK), which
# they match token for token several times faster; other lines use the full pattern.
_ASCII_WORD = (
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z0-9])"
    r"|[A-Za-z0-9]+(?:(?:['\-.]|(?<=\d),(?=\d))[A-Za-z0-9]+)*"
)
_ASCII_TOKENS = re.compile(rf"(\s+)|({_ASCII_WORD})|(\.\.\.|--+|\S)")
_ASCII_WORDS = re.compile(_ASCII_WORD)
"""Only the word tokens: in ASCII text no other token can hold a letter or digit."""

_LINE = re.compile(r"[^\n]+")
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")


def _pieces(line: str) -> list[tuple[int, int, bool]]:
    """``line`` cut at whitespace into pieces of a few thousand characters, each with
    whether it is ASCII. No token but whitespace crosses a whitespace character, so the
    pieces tokenise as the whole line does (a whitespace run may come in two tokens, which
    nothing here can tell apart); one non-ASCII character in a book-long line then costs
    the full pattern only its own piece."""
    if len(line) <= _PIECE:
        return [(0, len(line), line.isascii())]
    pieces: list[tuple[int, int, bool]] = []
    start = 0
    while start < len(line):
        found = _WHITESPACE.search(line, start + _PIECE)
        cut = found.start() if found else len(line)
        pieces.append((start, cut, line[start:cut].isascii()))
        start = cut
    return pieces


_PIECE = 4096
_WHITESPACE = re.compile(r"\s")
_WORD_GROUPS = ("abbr", "cjk", "word")


def _line_tokens(line: str) -> list[tuple[str, str, str]]:
    """``(space, word, punctuation)`` per token of ``line``, exactly as ``tokenize`` cuts."""
    tokens: list[tuple[str, str, str]] = []
    for start, end, ascii_only in _pieces(line):
        if ascii_only:
            tokens += _ASCII_TOKENS.findall(line, start, end)
        else:
            tokens += [
                (space, abbr or cjk or word, multi or punct)
                for space, abbr, cjk, word, multi, punct in _TOKEN_RE.findall(line, start, end)
            ]
    return tokens


def _line_words(line: str) -> tuple[list[str], list[int]]:
    """The word tokens of ``line`` and their offsets."""
    texts: list[str] = []
    starts: list[int] = []
    for start, end, ascii_only in _pieces(line):
        if ascii_only:
            matches = list(_ASCII_WORDS.finditer(line, start, end))
        else:
            found = _TOKEN_RE.finditer(line, start, end)
            matches = [m for m in found if m.lastgroup in _WORD_GROUPS]
        texts += map(re.Match.group, matches)
        starts += map(re.Match.start, matches)
    return texts, starts


def _word_texts(line: str) -> list[str]:
    words: list[str] = []
    for start, end, ascii_only in _pieces(line):
        if ascii_only:
            words += _ASCII_WORDS.findall(line, start, end)
        else:
            found = _TOKEN_RE.findall(line, start, end)
            words += [
                abbr or cjk or word for _, abbr, cjk, word, _, _ in found if abbr or cjk or word
            ]
    return words


def _initial(tokens: Sequence[tuple[str, str, str]], i: int) -> bool:
    """Whether word ``tokens[i]`` starts a sentence, line or dateline clause."""
    j = i - 1
    while j >= 0:
        space, word, punct = tokens[j]
        if space:
            if "\n" in space:
                return True
        elif not (punct and token_key(punct, PUNCT) in _OPENERS):
            break
        j -= 1
    if j < 0:
        return True
    punct = tokens[j][2]
    if not punct:
        return False
    key = token_key(punct, PUNCT)
    if key not in _SENTENCE_PUNCT:
        return False
    if key == "." and j > 0:
        before = tokens[j - 1][1]
        if before:
            word = before.casefold()
            if word in _ABBREVIATIONS or (len(word) == 1 and before.isupper()):
                return False
    return True


def _is_headline(line: str) -> bool:
    """A line set in Title Case, where capitals say nothing about names.

    A line counts when most of its longer content words are capitalised and it does not end
    like a sentence (headlines carry no full stop).
    """
    if line.rstrip().endswith((".", '."', ".\u201d", ".)")):
        return False  # a sentence, not a headline
    words = _HEADLINE_WORD.findall(line)
    content = [w for w in words if w.casefold() not in FUNCTION_WORDS]
    return len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.75 * len(content)


class _Vocabulary:
    """The words of a pair's texts: every word, and capitalised ones seen mid-sentence.

    Collected as raw words, each distinct line once (most lines of two versions are the
    same), and keyed only at the end, once per distinct word.
    """

    def __init__(self) -> None:
        self.capitals: dict[str, tuple[str, ...]] = {}  # per distinct line
        self.words: set[str] = set()
        self.mid: set[str] = set()  # raw capitalised words seen not sentence-initial

    def add_line(self, line: str) -> tuple[str, ...]:
        """Read ``line`` (unless already read); its distinct capitalised words.

        A tuple, not a frozenset: a book has a line of these per paragraph, and as sets
        they took 45 MB for two 10 MB texts, as tuples a fifth of that.
        """
        capitals = self.capitals.get(line)
        if capitals is not None:
            return capitals
        words = _word_texts(line)
        self.words.update(words)
        capitals = self.capitals[line] = tuple(dict.fromkeys(_capitalised(words)))
        mid = self.mid
        if not capitals or mid.issuperset(capitals) or _is_headline(line):
            return capitals  # nothing this line can add to ``mid``
        tokens = _line_tokens(line)
        texts = list(map(_WORD_OF_TOKEN, tokens))
        for i in compress(range(len(texts)), map(str.isupper, map(_FIRST, texts))):
            word = texts[i]
            if word not in mid and not _initial(tokens, i):
                mid.add(word)
        return capitals

    def keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """Name keys of the capitalised words seen mid-sentence, and of the lower-case ones."""
        words = self.words
        lower = frozenset(map(_name_key, compress(words, map(str.islower, map(_FIRST, words)))))
        return frozenset(map(_name_key, self.mid)), lower


_FIRST = itemgetter(slice(0, 1))
"""A string's first character ("" for ""), for C-level ``map``."""
_WORD_OF_TOKEN = itemgetter(1)


def _capitalised(words: Sequence[str]) -> Iterator[str]:
    """The words that begin with a capital (``word[0].isupper()``), in one C-level pass."""
    return compress(words, map(str.isupper, map(_FIRST, words)))


class _Document:
    """One text cut into lines: a name never crosses a line."""

    def __init__(self, text: str, vocabulary: _Vocabulary) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        # One copy of each line and its offsets, in one pass (pieces with their line
        # breaks, then the lines stripped of them, were two copies of a book at once).
        lines: list[str] = []
        for match in _LINE.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())
            lines.append(match.group())
        self.capitals = list(map(vocabulary.add_line, lines))

    def line_text(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]


@lru_cache(maxsize=4)
def _vocabulary(
    text: str, other: str
) -> tuple[_Document, _Document, frozenset[str], frozenset[str]]:
    """Both documents of a pair, and the pair's words seen capitalised mid-sentence and in
    lower case."""
    vocabulary = _Vocabulary()
    first = _Document(text, vocabulary)
    second = _Document(other, vocabulary)
    cap_mid, lower = vocabulary.keys()
    return first, second, cap_mid, lower


class NameIndex:
    """Name runs of one text of a pair, found line by line when asked for.

    Runs never cross a line, and whether a line's capitalised word is a name depends only on
    the line and the pair's vocabulary, so a diff that asks about a few changed rows of a
    book never finds the runs of the rest.
    """

    def __init__(self, text: str, other: str) -> None:
        first, second, self._cap_mid, self._lower = _vocabulary(*_ordered(text, other))
        self._doc = first if first.text is text else second
        if self._doc.text is not text:  # equal texts passed as different objects
            self._doc = first
        self._runs: dict[int, tuple[NameRun, ...]] = {}
        self._by_key: dict[str, list[int]] | None = None

    def _runs_of_line(self, index: int) -> tuple[NameRun, ...]:
        runs = self._runs.get(index)
        if runs is None:
            doc = self._doc
            runs = _line_runs(doc.line_text(index), doc.starts[index], self._cap_mid, self._lower)
            self._runs[index] = runs
        return runs

    def runs_between(self, start: int, end: int) -> list[NameRun]:
        """Runs that end after ``start`` and begin before ``end``, in text order."""
        doc = self._doc
        first = bisect_right(doc.ends, start)  # lines ending after ``start``
        last = bisect_left(doc.starts, end)  # lines starting before ``end``
        return [
            run
            for index in range(first, last)
            for run in self._runs_of_line(index)
            if run.end > start and run.start < end
        ]

    def all_runs(self) -> tuple[NameRun, ...]:
        return tuple(
            run for index in range(len(self._doc.starts)) for run in self._runs_of_line(index)
        )

    def has_run(self, key: tuple[str, ...], besides: NameRun | None = None) -> bool:
        """Whether some run other than ``besides`` has ``key``.

        Only lines holding a capitalised word with the key's first word are looked at.
        """
        if self._by_key is None:
            by_key: dict[str, list[int]] = {}
            for index, capitals in enumerate(self._doc.capitals):
                for word in {_name_key(w) for w in capitals}:
                    by_key.setdefault(word, []).append(index)
            self._by_key = by_key
        lines = self._by_key.get(key[0], ()) if key else range(len(self._doc.starts))
        for index in lines:
            for run in self._runs_of_line(index):
                if run.key == key and run is not besides:
                    return True
        return False


def _ordered(text: str, other: str) -> tuple[str, str]:
    return (text, other) if text <= other else (other, text)


@lru_cache(maxsize=4)
def name_index(text: str, other: str) -> NameIndex:
    """The (lazily filled) name runs of ``text``; ``other`` is the pair's other text."""
    return NameIndex(text, other)


def forget_pairs() -> None:
    """Drop the name indexes of the pairs seen so far.

    An index keeps every line's words and capitals of both texts: a third of what an
    analysis leaves in memory (about 100 MB for two 10 MB texts). It serves the
    ``find_conflicts`` calls of one pass over a pair's rows; after that it only holds
    memory that later stages could use.
    """
    name_index.cache_clear()
    _vocabulary.cache_clear()


def name_runs(text: str, other: str) -> tuple[NameRun, ...]:
    """Capitalised name runs of ``text``; ``other`` helps tell names from sentence starts.

    A capitalised word starting a sentence is a name only if the pair's texts also use it
    capitalised mid-sentence and never in lower case, or if another capitalised word
    follows it.
    """
    return name_index(text, other).all_runs()


def _line_runs(
    line: str, offset: int, cap_mid: frozenset[str], lower: frozenset[str]
) -> tuple[NameRun, ...]:
    """The name runs of one line starting at ``offset`` of its text."""
    texts, starts = _line_words(line)
    count = len(texts)
    # Only a capitalised word can open a run; most words are not.
    openers = list(compress(range(count), map(str.isupper, map(_FIRST, texts))))
    if not openers:
        return ()
    headline: bool | None = None
    tokens: list[tuple[str, str, str]] | None = None
    token_of_word: list[int] = []

    def known(n: int) -> bool:
        key = _name_key(texts[n])
        return key in cap_mid and key not in lower

    def capital(n: int, inside: bool) -> bool:
        nonlocal headline
        word = texts[n]
        if not word[0].isupper() or any(map(str.isdigit, word)):
            return False
        key = _name_key(word)
        if (key in FUNCTION_WORDS and key not in _TITLES) or key in WEEKDAYS:
            return False
        if key in MONTHS and not inside:
            return False
        if headline is None:
            headline = _is_headline(line)
        return not headline or known(n)

    def initial(n: int) -> bool:
        nonlocal tokens
        if tokens is None:
            tokens = _line_tokens(line)
            token_of_word.extend(compress(range(len(tokens)), map(_WORD_OF_TOKEN, tokens)))
        return _initial(tokens, token_of_word[n])

    def joined(a: int, b: int) -> bool:
        gap = line[starts[a] + len(texts[a]) : starts[b]]
        if gap and gap.isspace() and "\n" not in gap and len(gap) <= 2:
            return True
        if gap.startswith(".") and ((gap[1:].isspace() and "\n" not in gap) or gap == "."):
            word = texts[a]
            return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        return False

    runs: list[NameRun] = []
    n = 0
    for opener in openers:
        if opener < n or not capital(opener, inside=False):
            continue  # inside the previous run, or not a name word
        members = [opener]
        while True:
            last = members[-1]
            nxt = last + 1
            if nxt < count and joined(last, nxt):
                if capital(nxt, inside=True):
                    members.append(nxt)
                    continue
                particle = texts[nxt]
                if (
                    particle in _PARTICLES
                    and nxt + 1 < count
                    and joined(nxt, nxt + 1)
                    and capital(nxt + 1, inside=True)
                ):
                    members.extend((nxt, nxt + 1))
                    continue
            break
        n = members[-1] + 1
        if len(members) == 1 and not known(members[0]) and initial(members[0]):
            continue
        titled = [k for k, m in enumerate(members) if _name_key(texts[m]) in _TITLES]
        core = members[titled[-1] + 1 :] if titled else members
        if not core:
            continue
        first, last_word = core[0], core[-1]
        last_end = starts[last_word] + len(texts[last_word])
        core_end = last_end
        possessive = _POSSESSIVE_END.search(texts[last_word])
        if possessive:
            core_end = starts[last_word] + possessive.start()
        key = tuple(_name_key(texts[m]) for m in core if texts[m] not in _PARTICLES)
        runs.append(
            NameRun(
                offset + starts[members[0]],
                offset + last_end,
                offset + starts[first],
                offset + core_end,
                key,
            )
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
    *,
    elsewhere: Callable[[NameRun], bool] | None = None,
) -> str | None:
    """``None`` (same name), ``"cut"`` (one cut short) or ``"different"``.

    ``lruns_all``/``rruns_all`` are all runs of each document (a lone first word is a usual
    short form if used alone elsewhere); ``lkeys``/``rkeys`` the names near the change.
    ``elsewhere(run)``, when given, answers "does another run have this run's key?" in
    place of a walk through all runs (``NameIndex.has_run``).
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
        if elsewhere is not None:
            return None if elsewhere(short) else "cut"
        for run in (*lruns_all, *rruns_all):
            if run.key == short.key and run is not short:
                return None
        return "cut"
    if a in rkeys or b in lkeys:
        return None  # both names are on both sides: reordered, not replaced
    return "different"
