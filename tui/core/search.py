"""Finding a query in the two texts: plain (forgiving of typography) or fuzzy (of spelling).

A reader searching for ``China's`` means the text's ``China’s`` too, and ``prime minister``
should find the words even when the paragraph wraps between them. Plain search therefore
runs on the comparison form of :mod:`tui.core.normalize` (quotes, dashes, whitespace runs,
letter case, ligatures and width variants folded), and maps each hit back to an exact
original span through the form's offset map, so what is highlighted is exactly the text
that matched. A hit must start and end on whole original characters: searching ``s`` does
not find half of ``ß``.

Fuzzy search adds spelling variants of whole words, the way names drift between
transliterations (``Zelensky`` / ``Zelenskyy`` / ``Zelenskiy``). Each word of the text is
folded once (comparison form, accents stripped) and cached per text, so a query costs one
``rapidfuzz`` scan over the distinct words in C plus a check of the few candidate places.
Fuzzy results always include the plain ones, so switching to fuzzy never loses a hit.

Everything here is plain Python on strings and offsets (no Textual), so the reader can
run it in a worker thread.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz, process

from tui.core.highlights import Mark, MarkIndex, MarkKind
from tui.core.layout import Block
from tui.core.model import Side, Span
from tui.core.normalize import Normalized, comparison_text, normalize

FUZZY_WORD_CUTOFF = 80.0
"""Least ``fuzz.ratio`` (0-100, normalised Indel similarity) for a word to be a variant.

80 accepts one inserted or dropped letter in a word of four or more letters
(``Zelensky``/``Zelenskyy`` 94, ``colour``/``color`` 91) and one changed letter from five
letters on (``Selensky``/``Zelensky`` 88), and rejects unrelated short words
(``cat``/``hat`` 67). Multi-word queries use the same cutoff on the joined window.
"""

FUZZY_MIN_WORD = 4
"""Query words shorter than this only match exactly (after folding): at two or three
letters every edit makes another common word (``of``/``off``, ``the``/``she``)."""

MAX_MATCHES = 10_000
"""Default cap on hits per text: a one-letter query on a long text would otherwise cost
the reader hundreds of thousands of marks for nothing anyone would step through."""

_WORD = re.compile(r"(\w+)")
"""A word: a run of letters and digits. An apostrophe splits (``Zelenskyy’s`` is
``Zelenskyy`` and ``s``), so a name is found as itself in its possessive form too."""


def find_matches(
    text: str,
    query: str,
    *,
    fuzzy: bool = False,
    case_sensitive: bool = False,
    spans: Sequence[Span] | None = None,
    limit: int | None = MAX_MATCHES,
) -> list[Span]:
    """The spans of ``text`` that match ``query``, sorted and non-overlapping.

    Plain mode compares comparison forms (see the module docstring); ``case_sensitive``
    additionally requires the letters to match exactly. Fuzzy mode returns the plain hits
    plus whole-word spelling variants (always ignoring case). With ``spans`` (a document's
    paragraphs), a hit must lie inside one of them, so a query never matches across a
    paragraph break. At most ``limit`` spans are returned (the first ones in the text).
    """
    if limit is not None and limit <= 0:
        return []
    inside = _Regions(spans) if spans is not None else None
    found = _plain_matches(text, query, case_sensitive, inside, limit)
    if not fuzzy:
        return found
    variants = _fuzzy_matches(text, query, inside)
    merged = _without_overlaps(sorted({*found, *variants}))
    return merged if limit is None else merged[:limit]


# -- plain ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _normalized(text: str) -> Normalized:
    """The comparison form of a whole document, kept while the user types query after query.

    Keyed by the text itself: a str caches its hash, and the cache's equality check hits
    the identity shortcut for the same document object.
    """
    return normalize(text)


def _plain_matches(
    text: str, query: str, case_sensitive: bool, inside: _Regions | None, limit: int | None
) -> list[Span]:
    needle = comparison_text(query)
    if not needle:
        return []
    form = _normalized(text)
    haystack, offsets = form.text, form.offsets
    letters = _letters(query) if case_sensitive else ""
    found: list[Span] = []
    size = len(needle)
    index = haystack.find(needle)
    while index >= 0:
        end = index + size
        whole = (index == 0 or offsets[index - 1] != offsets[index]) and (
            offsets[end] != offsets[end - 1]
        )
        if whole:
            span = form.span_to_original(index, end)
            if (inside is None or inside.contains(span)) and (
                not case_sensitive or _letters(text[span[0] : span[1]]) == letters
            ):
                found.append(span)
                if limit is not None and len(found) >= limit:
                    break
                index = haystack.find(needle, end)
                continue
        index = haystack.find(needle, index + 1)
    return found


def _letters(text: str) -> str:
    """The letters and digits of ``text`` as written (compatibility-composed, case kept).

    A case-insensitive hit already agrees on quotes, dashes and spacing; comparing only
    these characters adds exactly the case requirement.
    """
    return "".join(char for char in unicodedata.normalize("NFKC", text) if char.isalnum())


# -- fuzzy ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """The words of one text: where each is and which distinct folded form it has."""

    starts: array[int]
    ends: array[int]
    ids: array[int]
    """Index into ``keys`` of each word's folded form."""
    keys: list[str]


@lru_cache(maxsize=4)
def _words(text: str) -> _Words:
    """Split ``text`` into words with C-level tools only (split, accumulate, map).

    Splitting with a capturing pattern interleaves gaps and words, so the running sum of
    their lengths gives every word's offsets without a Python loop over matches. Offsets
    are kept in arrays (8 bytes each, not a list's boxed ints): a 1 MB text has some
    150,000 words and stays cached while the user searches.
    """
    parts = _WORD.split(text)
    bounds = array("q", accumulate(map(len, parts)))
    words = parts[1::2]
    starts = bounds[0::2][: len(words)]
    ends = bounds[1::2]
    vocabulary = dict.fromkeys(words, 0)
    keys: dict[str, int] = {}
    for word in vocabulary:
        vocabulary[word] = keys.setdefault(_fuzzy_key(word), len(keys))
    ids = array("q", map(vocabulary.__getitem__, words))
    return _Words(starts, ends, ids, list(keys))


def _fuzzy_key(word: str) -> str:
    """A word as compared in fuzzy mode: comparison form without accents."""
    decomposed = unicodedata.normalize("NFKD", comparison_text(word))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _variants(key: str, keys: list[str]) -> set[int]:
    """Indices of the distinct words that are spelling variants of ``key``."""
    if len(key) < FUZZY_MIN_WORD:
        return {index for index, other in enumerate(keys) if other == key}
    hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF, limit=None)
    return {index for _, _, index in hits}


def _fuzzy_matches(text: str, query: str, inside: _Regions | None) -> list[Span]:
    """Windows of as many words as the query whose folded form is close to the query's.

    The query's longest word anchors the search: a window is only considered where that
    word has a variant, which keeps the check to a handful of places even in a long text.
    The whole window (words joined by one space) must then score the cutoff too.
    """
    query_keys = [_fuzzy_key(word) for word in _WORD.findall(query)]
    query_keys = [key for key in query_keys if key]
    if not query_keys:
        return []
    words = _words(text)
    anchor = max(range(len(query_keys)), key=lambda index: len(query_keys[index]))
    wanted = _variants(query_keys[anchor], words.keys)
    if not wanted:
        return []
    count = len(query_keys)
    joined_query = " ".join(query_keys)
    found: list[Span] = []
    for position, word_id in enumerate(words.ids):
        if word_id not in wanted:
            continue
        first = position - anchor
        last = first + count - 1
        if first < 0 or last >= len(words.ids):
            continue
        span = (words.starts[first], words.ends[last])
        if inside is not None and not inside.contains(span):
            continue
        if count > 1:
            window = " ".join(words.keys[words.ids[i]] for i in range(first, last + 1))
            if fuzz.ratio(window, joined_query, score_cutoff=FUZZY_WORD_CUTOFF) == 0:
                continue
        found.append(span)
    return found


def _without_overlaps(spans: Sequence[Span]) -> list[Span]:
    """Drop spans that overlap an earlier kept one (input sorted by start, then end).

    Of two hits starting at the same place the longer wins: a fuzzy ``Zelenskyy`` says more
    than the plain ``Zelensky`` inside it.
    """
    kept: list[Span] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            if span[0] == kept[-1][0] and span[1] > kept[-1][1]:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


class _Regions:
    """Sorted, disjoint spans with a fast "is this span inside one of them" check."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def contains(self, span: Span) -> bool:
        index = bisect_right(self.starts, span[0]) - 1
        return index >= 0 and span[1] <= self.spans[index][1]


# -- both texts, in reading order ----------------------------------------------------------


def order_matches(
    blocks: Sequence[Block], left_spans: Sequence[Span], right_spans: Sequence[Span]
) -> list[tuple[int, Side, Span]]:
    """Every hit as ``(block index, side, span)``: by block, left before right, by offset.

    This is the order the reader steps through. A hit belongs to the block whose piece
    contains its start; one that starts between pieces (it cannot with paragraph-limited
    search, but sentence pieces leave the spaces between sentences out) goes to the
    nearest piece before it, so the count shown always equals what can be stepped through.
    """
    if not blocks:
        return []
    ordered: list[tuple[int, Side, Span]] = []
    for side, spans in ((Side.LEFT, left_spans), (Side.RIGHT, right_spans)):
        pieces = sorted(
            (piece[0], index)
            for index, block in enumerate(blocks)
            for piece in (block.left if side is Side.LEFT else block.right)
        )
        if not pieces:
            continue
        starts = [start for start, _ in pieces]
        for span in spans:
            at = max(0, bisect_right(starts, span[0]) - 1)
            ordered.append((pieces[at][1], side, span))
    ordered.sort(key=lambda item: (item[0], item[1] is Side.RIGHT, item[2]))
    return ordered


@dataclass(frozen=True)
class SearchResult:
    """One query's hits in both texts, per side for marking and in reading order for steps."""

    query: str
    fuzzy: bool
    left: tuple[Span, ...]
    right: tuple[Span, ...]
    order: tuple[tuple[int, Side, Span], ...]
    """``(block index, side, span)`` for every hit, as :func:`order_matches` sorts them."""
    truncated: bool = False
    """A side had more than the limit of hits; the count should read as "N+"."""

    def __len__(self) -> int:
        return len(self.order)

    def spans(self, side: Side) -> tuple[Span, ...]:
        return self.left if side is Side.LEFT else self.right

    def marks(self, side: Side) -> MarkIndex:
        """The side's hits as search marks, for ``TextPane.set_marks("search", ...)``."""
        return MarkIndex([Mark(start, end, MarkKind.MATCH) for start, end in self.spans(side)])

    def step_from(self, block: int, step: int) -> int | None:
        """The index in ``order`` to go to first from ``block``, with no current hit yet.

        Forward: the first hit in ``block`` or after it (wrapping to the first hit).
        Backward: the last hit before ``block`` (wrapping to the last hit).
        """
        if not self.order:
            return None
        blocks = [item[0] for item in self.order]
        if step > 0:
            index = bisect_left(blocks, block)
            return index if index < len(blocks) else 0
        index = bisect_left(blocks, block) - 1
        return index if index >= 0 else len(blocks) - 1


def search_pair(
    left_text: str,
    right_text: str,
    blocks: Sequence[Block],
    query: str,
    *,
    fuzzy: bool = False,
    case_sensitive: bool = False,
    left_spans: Sequence[Span] | None = None,
    right_spans: Sequence[Span] | None = None,
    limit: int = MAX_MATCHES,
) -> SearchResult:
    """Search both texts and order the hits by the blocks shown (see :func:`find_matches`)."""
    found: list[list[Span]] = []
    for text, spans in ((left_text, left_spans), (right_text, right_spans)):
        hits = find_matches(
            text, query, fuzzy=fuzzy, case_sensitive=case_sensitive, spans=spans, limit=limit + 1
        )
        found.append(hits)
    truncated = any(len(hits) > limit for hits in found)
    left, right = (tuple(hits[:limit]) for hits in found)
    order = tuple(order_matches(blocks, left, right))
    return SearchResult(query, fuzzy, left, right, order, truncated)
