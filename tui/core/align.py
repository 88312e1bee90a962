"""Monotonic alignment of two sequences of text units (paragraphs, then sentences).

The reader shows two versions of a text side by side, so it needs to know which paragraphs
correspond. Real versions differ by edits, dropped and added paragraphs, and paragraphs that
were split or merged, so the alignment allows 1:1, 1:0, 0:1, 2:1 and 1:2 groups and keeps
both sides in document order (moved paragraphs are left one-sided here; pairing them is a
separate, later step).

How it works, and why:

1. **Exact anchors.** Units whose comparison string is identical and unique on both sides
   (within the current range) are certain matches. The longest increasing subsequence of
   them keeps the order monotonic, and the ranges between anchors are searched again, as in
   patience diff, so repeated boilerplate becomes unique inside smaller ranges. Unchanged
   text therefore costs only hashing.
2. **Dynamic programming in the gaps.** Between anchors the groups are chosen by a DP that
   maximises the total gain ``score - min_score`` of the pairs it makes (one-sided units gain
   nothing), so a pair below ``min_score`` is never made and weak pairs lose to strong ones.
   A 2:1 / 1:2 group is scored on the concatenation of the merged side and pays
   ``merge_margin`` more, so it wins only when it clearly beats the 1:1 + one-sided
   alternative: a short neighbour that merely shares a few words is not swallowed. A
   merge whose upper bound cannot beat one of its own 1:1 parts is not even scored.
3. **Scale.** A gap too large for a full DP is first anchored again on fuzzy evidence: word
   shingles that occur in exactly one unit on each side vote for a pair, mutual best pairs
   in increasing order become soft anchors, and the DP runs only in a corridor of rectangles
   between them (a diagonal band where they are far apart). The work stays near-linear.

The similarity is a weighted Dice coefficient over word multisets. Each word is repeated by
an integer information weight (rarer words weigh more, so shared function words and shared
openings count little) and the two sorted sequences are compared with rapidfuzz's Indel
similarity: the longest common subsequence of two sorted sequences is their multiset
intersection, so ``Indel.normalized_similarity`` of them *is* the weighted Dice
``2·|A∩B| / (|A|+|B|)``, computed in C. Dice ignores word order (agencies reorder clauses)
and cannot be high for a short unit against a long one, which is the length-ratio penalty
alignment needs; it has no prefix bias, unlike ``partial_ratio``.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

from rapidfuzz.distance import Indel

from tui.core.anchors import exact_pairs, longest_increasing
from tui.core.model import Alignment, Document, Row, RowKind, SentenceRow
from tui.core.normalize import comparison_text

Progress = Callable[[float], None]

PARAGRAPH_SHARE = 0.7
"""Fraction of an alignment's progress given to the paragraphs; the rest is sentences."""

__all__ = [
    "AlignOptions",
    "align_documents",
    "align_in_stages",
    "align_paragraphs",
    "align_sentences",
]


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds of the aligner; a config file may override any of them.

    The defaults are chosen by reasoning about the weighted Dice score, not by fitting one
    pair of texts: unrelated prose in one language scores about 0.05-0.2 once common words
    are down-weighted, lightly edited paragraphs 0.7-1.0, and heavily rewritten reports of
    the same facts 0.4-0.7.
    """

    min_pair_score: float = 0.3
    """Paragraphs scoring below this are never paired; they become one-sided rows."""
    min_sentence_score: float = 0.3
    """The same floor for sentences inside a paragraph row."""
    merge_margin: float = 0.05
    """How much more a 2:1 / 1:2 group must score than the best 1:1 it replaces.

    Merged, a true split gains about ``q/3`` over its larger half for an even split and
    ``q/9`` for a 4:1 split, where ``q`` is how well the texts match (0.4-1). A neighbour
    adds ``(2β - s)/3``, where ``s`` is the 1:1 score and ``β`` the share of its words found
    in the unmatched rest of the other side: negative unless it shares that rest's content.
    """
    max_dp_cells: int = 20_000
    """A gap with more DP cells than this is first anchored on shared rare shingles."""
    band: int = 8
    """Width of the DP corridor in large gaps: between fuzzy anchors up to ``4 * band``
    apart every cell is searched, farther apart a diagonal band of half-width ``band``."""
    shingle_size: int = 3
    """Words per shingle used to find fuzzy anchors in large gaps."""
    min_shingle_votes: int = 2
    """Unique shared shingles needed before a pair can act as a fuzzy anchor."""
    max_word_weight: int = 8
    """Cap on a word's information weight (its repeat count in the scored sequence)."""

    def __post_init__(self) -> None:
        for name in ("min_pair_score", "min_sentence_score", "merge_margin"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"AlignOptions.{name} must be in [0, 1], got {value!r}")
        for name in ("max_dp_cells", "band", "shingle_size", "min_shingle_votes"):
            if getattr(self, name) < 1:
                raise ValueError(f"AlignOptions.{name} must be at least 1")
        if self.max_word_weight < 1:
            raise ValueError("AlignOptions.max_word_weight must be at least 1")


DEFAULT_OPTIONS = AlignOptions()

# Scripts written without spaces are compared character by character; everything else by
# runs of word characters and the combining marks inside them (``\w`` misses marks, e.g.
# Devanagari vowel signs). Text with no word characters at all falls back to its symbols.
_SPACELESS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SYMBOL = re.compile(r"\S")


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    """The word regex; built on first use because listing the marks takes about 20 ms."""
    marks: list[str] = []
    code = 0x300
    while code < 0x10000:
        if unicodedata.category(chr(code)).startswith("M"):
            end = code
            while end + 1 < 0x10000 and unicodedata.category(chr(end + 1)).startswith("M"):
                end += 1
            marks.append(f"\\u{code:04x}-\\u{end:04x}")
            code = end
        code += 1
    word = rf"[^\W{_SPACELESS}]"
    mark = f"[{''.join(marks)}]"
    return re.compile(rf"[{_SPACELESS}]|{word}+(?:{mark}+{word}*)*|{mark}+{word}*")


_Group = tuple[tuple[int, ...], tuple[int, ...], RowKind, float]
"""A row's fields as a tuple: ``Row(*group)``."""

# Transitions of the DP, as (left units consumed, right units consumed).
_MOVES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))
_NEG = -math.inf
# Rows/columns allowed beyond a fuzzy anchor, so a split or merge across it stays possible.
_ANCHOR_SLACK = 2
# About this many units per side (besides those in gaps) are sampled to fit word weights.
_WEIGHT_SAMPLE = 1000


# --------------------------------------------------------------------------------------------
# Words, weights and similarity


Bag = str | tuple[int, ...]
"""A weighted bag: sorted word ids, each repeated by its weight.

Normally a ``str`` whose characters are the ids: rapidfuzz reads a string's buffer
directly, about twice as fast as it converts a tuple of ints, and a sorted string is as
good a multiset as a sorted tuple. A tuple only once a pair has more distinct words than
Unicode has code points.
"""

_MAX_CHAR_WORDS = sys.maxunicode + 1
"""Word ids below this are stored as characters of a ``str`` bag."""

UnitKey = str | tuple[str, str]
"""A unit's comparison string, or the two of a merged pair of consecutive units."""


class _Vocabulary:
    """Word ids, information weights and per-text caches shared by one alignment.

    Weights come from how many units of one side contain a word (the larger of the two
    sides' counts), so a word that occurs once per side in a true pair still counts as rare.

    Everything is cached by comparison string, not by position: a sentence that is a
    whole paragraph, or a paragraph repeated on both sides, is tokenised, weighed and
    scored once for the paragraphs and every sentence alignment of the pair.
    """

    def __init__(self, max_weight: int) -> None:
        self._ids: defaultdict[str, int] = defaultdict()
        self._ids.default_factory = self._ids.__len__
        self._weights: list[int] = []
        """Per word id, its weight (filled by ``fit``; later words get the maximum)."""
        self._pieces: list[str] = []
        """Per word id, its character repeated by its weight."""
        self._repeats: list[tuple[int, ...]] = []
        """Per word id, the id repeated by its weight (only for tuple bags)."""
        self._max_weight = max_weight
        self._fitted = False
        self._tokens: dict[str, list[int]] = {}
        self._bags: dict[UnitKey, Bag] = {}
        self.scores: dict[tuple[UnitKey, UnitKey], float] = {}
        """Similarity of two units by their keys (see ``_Aligner.score``)."""

    def forget_bags(self) -> None:
        """Drop the weighted bags made so far (20 MB for the paragraphs of a book). The
        scores made from them stay: a sentence that is a whole paragraph, scored again
        against its partner, finds its score without a bag."""
        self._bags.clear()

    def tokens(self, text: str) -> list[int]:
        """Word ids of ``text``, registering new words (unseen after ``fit``: rarest)."""
        tokens = self._tokens.get(text)
        if tokens is None:
            words = _words(text)
            tokens = self._tokens[text] = list(map(self._ids.__getitem__, words))
        return tokens

    def fit(self, left: Sequence[Sequence[int]], right: Sequence[Sequence[int]]) -> None:
        """Set each word's weight to ``round(log2(1 + units / document frequency))``."""
        units = max(len(left), len(right), 1)
        df_left = _document_frequency(left)
        df_right = _document_frequency(right)
        weights = [self._max_weight] * len(self._ids)
        for word in set(df_left) | set(df_right):
            df = max(df_left.get(word, 0), df_right.get(word, 0))
            weight = round(math.log2(1 + units / df))
            weights[word] = min(self._max_weight, max(1, weight))
        self._weights = weights
        self._pieces = []
        self._repeats = []
        self._fitted = True

    @property
    def fitted(self) -> bool:
        return self._fitted

    def score(self, left: UnitKey, right: UnitKey) -> float:
        """Weighted Dice similarity of two units (cached)."""
        key = (left, right)
        value = self.scores.get(key)
        if value is None:
            value = self.scores[key] = _dice(self.bag(left), self.bag(right))
        return value

    def bag(self, key: UnitKey) -> Bag:
        """The weighted bag of a unit, or of two merged units (cached by ``key``)."""
        bag = self._bags.get(key)
        if bag is None:
            if isinstance(key, str):
                tokens = self.tokens(key)
            else:
                tokens = self.tokens(key[0]) + self.tokens(key[1])
            bag = self._bags[key] = self._bag(tokens)
        return bag

    def _bag(self, tokens: list[int]) -> Bag:
        """The sorted multiset of ``tokens``, each repeated by its weight.

        Sorting before expanding sorts a few hundred ids instead of a few thousand.
        """
        count = len(self._ids)
        if len(self._weights) < count:  # words first seen after ``fit``: the rarest
            self._weights += [self._max_weight] * (count - len(self._weights))
        if count > _MAX_CHAR_WORDS:
            if len(self._repeats) < count:
                self._repeats = [(word,) * weight for word, weight in enumerate(self._weights)]
            return tuple(chain.from_iterable(map(self._repeats.__getitem__, sorted(tokens))))
        if len(self._pieces) < count:
            weights = self._weights
            self._pieces += [chr(word) * weights[word] for word in range(len(self._pieces), count)]
        return "".join(map(self._pieces.__getitem__, sorted(tokens)))


_ASCII_NON_WORD = bytes(
    code if code < 128 and (chr(code).isalnum() or code == 0x5F) else 0x20 for code in range(256)
)
"""Byte table turning every ASCII character that ``\\w`` does not match into a space."""


def _words(text: str) -> list[str]:
    """The words of a comparison string, or its symbols when it has no word characters.

    ASCII text has neither combining marks nor spaceless scripts, so its words are the
    runs of ``\\w``: blanking everything else with a byte table and splitting costs a
    third of ``findall``, which makes a string object per match in the regex engine.
    """
    if text.isascii():
        words = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
    else:
        words = _word_pattern().findall(text)
    return words or _SYMBOL.findall(text)


def _document_frequency(units: Sequence[Sequence[int]]) -> Counter[int]:
    return Counter(chain.from_iterable(map(set, units)))


_COUNTED_DICE = 16_000_000
"""Beyond this product of bag sizes the multiset intersection is counted instead.

Indel's longest common subsequence costs time proportional to the product (a paragraph of
a whole book as one line made it take minutes); counting costs the sum. Both give the same
number, and it is turned into a score exactly as Indel does (``1 - distance / total``).
"""


def _dice(a: Bag, b: Bag) -> float:
    """Weighted Dice of two weight-expanded sorted bags (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if type(a) is not type(b):  # the vocabulary outgrew characters between the two
        a, b = _as_ids(a), _as_ids(b)
    if len(a) * len(b) <= _COUNTED_DICE:
        return Indel.normalized_similarity(a, b)
    common = (Counter(a) & Counter(b)).total()
    total = len(a) + len(b)
    return 1.0 - (total - 2 * common) / total


def _as_ids(bag: Bag) -> tuple[int, ...]:
    return tuple(map(ord, bag)) if isinstance(bag, str) else bag


# --------------------------------------------------------------------------------------------
# Exact anchors


# --------------------------------------------------------------------------------------------
# Fuzzy anchors and the DP corridor for large gaps


def _shingles(tokens: Sequence[int], size: int) -> set[tuple[int, ...]]:
    return set(zip(*(tokens[k:] for k in range(size)), strict=False))


def _unique_owners(shingle_sets: list[set[tuple[int, ...]]]) -> dict[tuple[int, ...], int]:
    """Shingle -> index of the only unit containing it (shingles in several are dropped)."""
    owner: dict[tuple[int, ...], int] = {}
    for index, shingles in enumerate(shingle_sets):
        for shingle in shingles:
            owner[shingle] = -1 if shingle in owner else index
    return {shingle: index for shingle, index in owner.items() if index >= 0}


def _fuzzy_anchors(
    left_tokens: Sequence[Sequence[int]],
    right_tokens: Sequence[Sequence[int]],
    options: AlignOptions,
) -> list[tuple[int, int]]:
    """Mutually best pairs by shared rare shingles, kept in increasing order (local indices)."""
    size = options.shingle_size
    left_owner = _unique_owners([_shingles(t, size) for t in left_tokens])
    right_owner = _unique_owners([_shingles(t, size) for t in right_tokens])
    votes: Counter[tuple[int, int]] = Counter()
    for shingle, j in right_owner.items():
        i = left_owner.get(shingle)
        if i is not None:
            votes[i, j] += 1
    best_left: dict[int, tuple[int, int]] = {}
    best_right: dict[int, tuple[int, int]] = {}
    for (i, j), count in votes.items():
        if count > best_left.get(i, (0, 0))[0]:
            best_left[i] = (count, j)
        if count > best_right.get(j, (0, 0))[0]:
            best_right[j] = (count, i)
    mutual = sorted(
        (i, j)
        for i, (count, j) in best_left.items()
        if count >= options.min_shingle_votes and best_right[j][1] == i
    )
    return longest_increasing(mutual)


def _corridor(
    n: int, m: int, anchors: list[tuple[int, int]], options: AlignOptions
) -> tuple[list[int], list[int]]:
    """Per DP row ``i`` the allowed columns ``lo[i]..hi[i]`` around the anchor path.

    Between consecutive anchors the whole rectangle (plus a little slack) is allowed when it
    is small (up to ``(4 * band)²`` cells), so splits and merges next to an anchor stay
    possible; a larger one gets a band along its diagonal instead, which bounds the work
    per unit by about ``4 * band`` cells however the anchors are spaced. The result is made
    monotone and connected so that a path from ``(0, 0)`` to ``(n, m)`` always exists.
    """
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    points = [(0, 0)]
    for i, j in anchors:
        points += [(i, j), (i + 1, j + 1)]
    points.append((n, m))
    slack = _ANCHOR_SLACK
    for (i0, j0), (i1, j1) in pairwise(points):
        ia, ib = max(0, i0 - slack), min(n, i1 + slack)
        ja, jb = max(0, j0 - slack), min(m, j1 + slack)
        if (ib - ia + 1) * (jb - ja + 1) <= (4 * options.band) ** 2:
            for i in range(ia, ib + 1):
                lo[i], hi[i] = min(lo[i], ja), max(hi[i], jb)
        else:
            _add_band(lo, hi, (i0, j0), (i1, j1), options.band, m)
    lo[0], hi[n] = 0, m
    for i in range(n - 1, -1, -1):
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
        lo[i] = min(lo[i], hi[i - 1])
    return lo, hi


def _add_band(
    lo: list[int],
    hi: list[int],
    start: tuple[int, int],
    end: tuple[int, int],
    width: int,
    m: int,
) -> None:
    """Allow cells within ``width`` of the straight line from ``start`` to ``end``."""
    (i0, j0), (i1, j1) = start, end
    slope = (j1 - j0) / (i1 - i0) if i1 > i0 else 0.0
    for i in range(max(0, i0 - width), min(len(lo) - 1, i1 + width) + 1):
        k = min(max(i - i0, 0), i1 - i0)
        first = j0 + math.floor(max(k - 1, 0) * slope)
        last = j1 if i >= i1 else j0 + math.ceil((k + 1) * slope)
        lo[i] = min(lo[i], max(0, first - width))
        hi[i] = max(hi[i], min(m, last + width))


# --------------------------------------------------------------------------------------------
# The aligner


class _Side:
    """One side's units; their words and bags come from the shared vocabulary's caches."""

    def __init__(self, texts: Sequence[str], vocabulary: _Vocabulary) -> None:
        self.texts = texts
        self._vocabulary = vocabulary

    def __len__(self) -> int:
        return len(self.texts)

    def tokens(self, index: int) -> list[int]:
        return self._vocabulary.tokens(self.texts[index])

    def key(self, start: int, count: int) -> UnitKey:
        """Cache key of ``count`` (1 or 2) consecutive units joined."""
        texts = self.texts
        return texts[start] if count == 1 else (texts[start], texts[start + 1])

    def sample(self, needed: Iterable[int]) -> list[list[int]]:
        """Token lists of ``needed`` units plus an even sample of the rest, for word weights.

        Only units inside gaps are ever scored, so only they (and a bounded sample that
        tells common words from rare ones) are tokenised: unchanged text costs nothing.
        """
        step = max(1, len(self.texts) // _WEIGHT_SAMPLE)
        chosen = set(needed) | set(range(0, len(self.texts), step))
        return [self.tokens(k) for k in sorted(chosen)]


class _Aligner:
    """Aligns two sequences of comparison strings; one instance per alignment."""

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        *,
        min_score: float,
        options: AlignOptions,
        vocabulary: _Vocabulary | None = None,
    ) -> None:
        self.vocabulary = vocabulary or _Vocabulary(options.max_word_weight)
        self.left = _Side(left, self.vocabulary)
        self.right = _Side(right, self.vocabulary)
        self.min_score = min_score
        self.options = options
        self._scores = self.vocabulary.scores
        self._reporter = _SILENT

    # -- similarity ---------------------------------------------------------------------

    def fit(self, gaps: Sequence[tuple[int, int, int, int]] = ()) -> None:
        """Fit the word weights (unless a shared vocabulary already is) on these gaps."""
        if self.vocabulary.fitted:
            return
        needed_left = [k for l0, l1, _, _ in gaps for k in range(l0, l1)]
        needed_right = [k for _, _, r0, r1 in gaps for k in range(r0, r1)]
        self.vocabulary.fit(self.left.sample(needed_left), self.right.sample(needed_right))

    def score(self, i: int, di: int, j: int, dj: int) -> float:
        """Similarity of ``left[i:i+di]`` and ``right[j:j+dj]`` as concatenations."""
        return self.vocabulary.score(self.left.key(i, di), self.right.key(j, dj))

    def _score_row(self, i: int, start: int, stop: int) -> list[float]:
        """Scores of ``left[i]`` against each of ``right[start:stop]``, in order."""
        left_key = self.left.texts[i]
        scores, bag = self._scores, self.vocabulary.bag
        row: list[float] = []
        for right_key in self.right.texts[start:stop]:
            key = (left_key, right_key)
            value = scores.get(key)
            if value is None:
                value = scores[key] = _dice(bag(left_key), bag(right_key))
            row.append(value)
        return row

    def gain(self, i: int, j: int) -> float | None:
        """DP gain of pairing ``left[i]`` with ``right[j]``, None if never worth it."""
        value = self.score(i, 1, j, 1)
        return value - self.min_score if value > self.min_score else None

    # -- driver ---------------------------------------------------------------------------

    def run(self, progress: Progress | None = None) -> list[Row]:
        """All rows, in order, covering every unit of both sides exactly once."""
        return [Row(*group) for group in self.groups(progress)]

    def groups(self, progress: Progress | None = None) -> list[_Group]:
        """``run`` as plain tuples, which sentence rows are made from without a ``Row``."""
        n, m = len(self.left), len(self.right)
        anchors = [*exact_pairs(self.left.texts, self.right.texts), (n, m)]
        gaps: list[tuple[int, int, int, int]] = []
        i = j = 0
        for ai, aj in anchors:
            gaps.append((i, ai, j, aj))
            i, j = ai + 1, aj + 1
        if not self.vocabulary.fitted:
            self.fit([gap for gap in gaps if gap[0] < gap[1] and gap[2] < gap[3]])
        reporter = self._reporter = _SILENT if progress is None else _Reporter(progress, n + m)
        rows: list[_Group] = []
        for (l0, l1, r0, r1), (ai, aj) in zip(gaps, anchors, strict=True):
            if l0 < l1 or r0 < r1 or reporter is not _SILENT:
                rows += self._gap(l0, l1, r0, r1)
            if ai < n:
                rows.append(((ai,), (aj,), RowKind.EQUAL, 1.0))
                reporter.advance(2)
        reporter.finish()
        return _left_first(rows)

    def _gap(self, l0: int, l1: int, r0: int, r1: int) -> list[_Group]:
        """Rows for ``left[l0:l1]`` against ``right[r0:r1]``, which share no exact anchor."""
        n, m = l1 - l0, r1 - r0
        if not n or not m or n == m == 1:
            self._reporter.advance(n + m)
        if not n or not m:
            return _one_sided(range(l0, l1), range(r0, r1))
        if n == m == 1:  # the commonest gap: one edited paragraph
            if self.gain(l0, r0) is None:
                return _one_sided((l0,), (r0,))
            return [self._pair_row((l0,), (r0,))]
        if (n + 1) * (m + 1) > self.options.max_dp_cells:
            anchors = _fuzzy_anchors(
                [self.left.tokens(k) for k in range(l0, l1)],
                [self.right.tokens(k) for k in range(r0, r1)],
                self.options,
            )
            lo, hi = _corridor(n, m, anchors, self.options)
            full = False
        else:
            lo, hi = [0] * (n + 1), [m] * (n + 1)
            full = True
        dp = _GapDP(self, l0, r0, lo, hi, prune=full)
        return self._rows_from_moves(l0, r0, dp.best_path())

    def _rows_from_moves(self, l0: int, r0: int, moves: list[tuple[int, int]]) -> list[_Group]:
        rows: list[_Group] = []
        i, j = l0, r0
        for di, dj in moves:
            left, right = tuple(range(i, i + di)), tuple(range(j, j + dj))
            if di and dj:
                rows.append(self._pair_row(left, right))
            else:
                kind = RowKind.LEFT_ONLY if di else RowKind.RIGHT_ONLY
                rows.append((left, right, kind, 0.0))
            i, j = i + di, j + dj
        return rows

    def _pair_row(self, left: tuple[int, ...], right: tuple[int, ...]) -> _Group:
        """A paired row; ``score`` is 1.0 only when the comparison strings are identical."""
        left_key = self.left.key(left[0], len(left))
        right_key = self.right.key(right[0], len(right))
        return _pair_group(left, right, left_key, right_key, self.vocabulary)


def _pair_group(
    left: tuple[int, ...],
    right: tuple[int, ...],
    left_key: UnitKey,
    right_key: UnitKey,
    vocabulary: _Vocabulary,
) -> _Group:
    """The paired row of two units; ``score`` is 1.0 only when their texts are identical."""
    if _joined(left_key) == _joined(right_key):
        return (left, right, RowKind.EQUAL, 1.0)
    value = vocabulary.score(left_key, right_key)
    return (left, right, RowKind.CHANGED, round(min(value, 0.999), 4))


def _joined(key: UnitKey) -> str:
    return key if isinstance(key, str) else " ".join(key)


_PRUNE_EPSILON = 1e-9
"""Margin by which a merge's best possible gain must trail a part's gain to be skipped.

Far above the rounding error of the bound and of the DP's sums (gains are at most 1 per
unit), so a skipped merge is certainly worse than a path the DP has anyway."""


class _GapDP:
    """The DP of one gap: best-gain path from ``(0, 0)`` to ``(n, m)`` inside a corridor.

    Row ``i`` of the table holds the best gains after ``i`` left units, for the columns
    ``lo[i]..hi[i]``. Every cell of the corridor is reachable by one-sided moves, so no
    cell stays at minus infinity. Ties prefer pairs, then merges, then one-sided moves.

    With ``prune`` (the full rectangle, where every move exists) a merge whose upper
    bound cannot beat the better of its two 1:1 parts is never scored: the part's pair
    followed (or preceded) by a one-sided move reaches the same cell with a strictly
    larger gain, so the merge could not be chosen. Scoring merges is most of the cost of
    a gap, and most merges next to a good pair fail this test.
    """

    def __init__(
        self, aligner: _Aligner, l0: int, r0: int, lo: list[int], hi: list[int], *, prune: bool
    ) -> None:
        self._aligner = aligner
        self._l0, self._r0 = l0, r0
        self._lo, self._hi = lo, hi
        self._prune = prune
        n, m = len(lo) - 1, hi[-1]
        self._left_sizes, self._right_sizes = self._sizes(
            aligner.left.texts[l0 : l0 + n], aligner.right.texts[r0 : r0 + m]
        )
        self._min_score = aligner.min_score
        self._merge_floor = aligner.min_score + aligner.options.merge_margin

    def _sizes(self, left: Sequence[str], right: Sequence[str]) -> tuple[list[int], list[int]]:
        """Weighted word counts of the gap's units, bagged in the order the DP reads them.

        New words get the next free ids, and ids decide the iteration order of the
        shingle sets behind fuzzy anchors, so the order is kept fixed: the first left
        unit, every right unit, then the other left units (row by row).
        """
        bag = self._aligner.vocabulary.bag
        first = len(bag(left[0]))
        right_sizes = [len(bag(text)) for text in right]
        return [first, *(len(bag(text)) for text in left[1:])], right_sizes

    def best_path(self) -> list[tuple[int, int]]:
        """The moves ``(left units, right units)`` of the best path, in order."""
        lo, hi = self._lo, self._hi
        n, m = len(lo) - 1, hi[-1]
        advance = self._aligner._reporter.advance
        units_per_row = (n + m) / n
        gains: list[list[float]] = []
        moves: list[list[int]] = []
        above: list[float] = []  # 1:1 scores of the previous left unit, from ``above_start``
        scores: list[float] = []  # 1:1 scores of the current left unit, from ``start``
        above_start = start = 0
        for i in range(n + 1):
            a, b = lo[i], hi[i]
            if i:
                above, above_start = scores, start
                start = max(0, a - 2)
                scores = self._aligner._score_row(
                    self._l0 + i - 1, self._r0 + start, self._r0 + min(m, b + 1)
                )
            row, move = self._row(i, gains, (scores, start), (above, above_start))
            gains.append(row)
            moves.append(move)
            if i:
                advance(units_per_row)
        path: list[tuple[int, int]] = []
        i, j = n, m
        while i or j:
            di, dj = _MOVES[moves[i][j - lo[i]]]
            path.append((di, dj))
            i, j = i - di, j - dj
        path.reverse()
        return path

    def _row(
        self,
        i: int,
        gains: list[list[float]],
        scores: tuple[list[float], int],
        above: tuple[list[float], int],
    ) -> tuple[list[float], list[int]]:
        """Best gains and moves of DP row ``i``; ``scores``/``above``: 1:1 rows + offsets."""
        lo, hi = self._lo, self._hi
        a, b = lo[i], hi[i]
        row = [_NEG] * (b - a + 1)
        move = [0] * (b - a + 1)
        if i == 0:
            row[0] = 0.0
            for j in range(max(a, 1), b + 1):
                row[j - a], move[j - a] = row[j - 1 - a], 4
            return row, move
        floor = self._min_score
        merge = self._merge_gain
        current, start = scores
        upper, upper_start = above
        prev, pa, pb = gains[i - 1], lo[i - 1], hi[i - 1]
        prev2, qa, qb = (gains[i - 2], lo[i - 2], hi[i - 2]) if i > 1 else (prev, 1, -2)
        for j in range(a, b + 1):
            best, how = _NEG, 0
            if pa < j <= pb + 1:  # 1:1 from (i-1, j-1)
                value = current[j - 1 - start]
                if value > floor and prev[j - 1 - pa] + (value - floor) > best:
                    best, how = prev[j - 1 - pa] + (value - floor), 0
            if qa < j <= qb + 1:  # 2:1 from (i-2, j-1)
                first, second = upper[j - 1 - upper_start], current[j - 1 - start]
                extra = merge(i - 2, 2, j - 1, 1, first, second)
                if extra is not None and prev2[j - 1 - qa] + extra > best:
                    best, how = prev2[j - 1 - qa] + extra, 1
            if pa + 1 < j <= pb + 2:  # 1:2 from (i-1, j-2)
                first, second = current[j - 2 - start], current[j - 1 - start]
                extra = merge(i - 1, 1, j - 2, 2, first, second)
                if extra is not None and prev[j - 2 - pa] + extra > best:
                    best, how = prev[j - 2 - pa] + extra, 2
            if pa <= j <= pb and prev[j - pa] > best:  # 1:0 from (i-1, j)
                best, how = prev[j - pa], 3
            if j > a and row[j - 1 - a] > best:  # 0:1 from (i, j-1)
                best, how = row[j - 1 - a], 4
            row[j - a] = best
            move[j - a] = how
        return row, move

    def _merge_gain(
        self, i: int, di: int, j: int, dj: int, first: float, second: float
    ) -> float | None:
        """DP gain of the 2:1 / 1:2 group at gap-local ``i``, ``j``; None if never worth it.

        ``first`` and ``second`` are the scores of its 1:1 parts: ``(i, j)`` and then
        ``(i + 1, j)`` or ``(i, j + 1)``. The merged intersection is at most the sum of
        the parts' intersections, and each part's intersection is ``score * (its size +
        the single side's size) / 2``, which bounds the merged score cheaply.
        """
        floor = self._merge_floor
        left, right = self._left_sizes, self._right_sizes
        if di == 2:
            total = left[i] + right[j] + left[i + 1]
            second_size = left[i + 1] + right[j]
        else:
            total = left[i] + right[j] + right[j + 1]
            second_size = left[i] + right[j + 1]
        bound = 0.0
        if total:
            bound = (first * (left[i] + right[j]) + second * second_size) / total
        if bound <= floor:
            return None
        best_part = max(first, second)
        if (
            self._prune
            and best_part > self._min_score
            and bound - floor + _PRUNE_EPSILON <= best_part - self._min_score
        ):
            return None
        value = self._aligner.score(self._l0 + i, di, self._r0 + j, dj)
        return value - floor if value >= self._min_score and value > floor else None


def _one_sided(left: Iterable[int], right: Iterable[int]) -> list[_Group]:
    rows: list[_Group] = [((i,), (), RowKind.LEFT_ONLY, 0.0) for i in left]
    return rows + [((), (j,), RowKind.RIGHT_ONLY, 0.0) for j in right]


def _left_first(rows: list[_Group]) -> list[_Group]:
    """Within each run of one-sided rows, put the left-only rows first.

    The DP is indifferent to how unpaired units interleave; a fixed order makes the output
    deterministic and reads as "this was removed, this was added".
    """
    result: list[_Group] = []
    run: list[_Group] = []
    for row in rows:
        if row[0] and row[1]:
            if run:
                result += sorted(run, key=_right_only)
                run = []
            result.append(row)
        else:
            run.append(row)
    return result + sorted(run, key=_right_only)


def _right_only(group: _Group) -> bool:
    return not group[0]


class _Reporter:
    """Calls ``progress`` with a rising fraction, at most about a hundred times."""

    def __init__(
        self, progress: Progress | None, total: int, start: float = 0.0, span: float = 1.0
    ) -> None:
        self._progress = progress
        self._total = max(total, 1)
        self._done = 0.0
        self._start = start
        self._span = span
        self._last = -1.0

    def advance(self, units: float) -> None:
        if self._progress is None:
            return
        self._done += units
        fraction = self._start + self._span * min(self._done / self._total, 1.0)
        if fraction - self._last >= 0.01:
            self._last = fraction
            self._progress(fraction)

    def finish(self) -> None:
        if self._progress is not None and self._last < self._start + self._span:
            self._last = self._start + self._span
            self._progress(self._last)


_SILENT = _Reporter(None, 1)
"""The reporter of an alignment nobody watches (it keeps no state)."""


# --------------------------------------------------------------------------------------------
# Public API


def align_paragraphs(
    left: Sequence[str],
    right: Sequence[str],
    *,
    options: AlignOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> list[Row]:
    """Align two lists of paragraph comparison strings into monotonic rows.

    Every index of each side appears in exactly one row, rows are in order on both sides,
    and pairs scoring below ``options.min_pair_score`` are never made.
    """
    aligner = _Aligner(left, right, min_score=options.min_pair_score, options=options)
    return aligner.run(progress)


def align_sentences(
    left: Sequence[str],
    right: Sequence[str],
    *,
    parent: int = 0,
    left_start: int = 0,
    right_start: int = 0,
    options: AlignOptions = DEFAULT_OPTIONS,
) -> list[SentenceRow]:
    """Align two lists of sentence comparison strings with the paragraph machinery.

    Indices in the result are offset by ``left_start`` / ``right_start`` (global sentence
    indices) and every row carries ``parent``, the paragraph row the sentences belong to.
    """
    aligner = _Aligner(left, right, min_score=options.min_sentence_score, options=options)
    return _sentence_rows(aligner.groups(), parent, left_start, right_start)


def _sentence_rows(groups: list[_Group], parent: int, left: int, right: int) -> list[SentenceRow]:
    return [
        SentenceRow(
            parent,
            tuple(map(left.__add__, group_left)),
            tuple(map(right.__add__, group_right)),
            kind,
            score,
        )
        for group_left, group_right, kind, score in groups
    ]


def align_documents(
    left: Document,
    right: Document,
    *,
    options: AlignOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> Alignment:
    """Align two documents' paragraphs, then the sentences inside each paragraph row.

    Word weights are fitted once on the paragraphs and reused for the sentences, where a
    single sentence is too little text to tell common words from rare ones.
    """
    *_, alignment = align_in_stages(left, right, options=options, progress=progress)
    return alignment


def align_in_stages(
    left: Document,
    right: Document,
    *,
    options: AlignOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> Iterator[Alignment]:
    """:func:`align_documents` in two steps: the paragraph rows alone, then with sentences.

    Yields an ``Alignment`` without sentence rows as soon as the paragraphs are aligned
    (on a book about half the time), then the complete one with the same ``rows``: a
    reader can lay out and show paragraph rows while the sentences are still aligned.
    """
    compare = _comparison_cache()
    paragraphs = _Aligner(
        [compare(left.text[start:end]) for start, end in left.paragraphs],
        [compare(right.text[start:end]) for start, end in right.paragraphs],
        min_score=options.min_pair_score,
        options=options,
    )
    rows = tuple(
        paragraphs.run(None if progress is None else lambda f: progress(PARAGRAPH_SHARE * f))
    )
    # What the sentences need of the paragraphs is the word weights (fitted here if no
    # paragraph gap needed them): the raw paragraph texts the comparison cache is keyed by
    # (a copy of both books) can go.
    paragraphs.fit()
    paragraphs.vocabulary.forget_bags()
    compare = _comparison_cache()
    yield Alignment(rows)
    reporter = _Reporter(
        progress,
        len(left.sentences) + len(right.sentences),
        PARAGRAPH_SHARE,
        1 - PARAGRAPH_SHARE,
    )
    sentence_rows: list[SentenceRow] = []
    for index, row in enumerate(rows):
        left_range = _sentence_range(left, row.left)
        right_range = _sentence_range(right, row.right)
        found = _trivial_sentence_rows(index, row, (left, right), (left_range, right_range))
        if found is None:
            groups = _sentence_groups(
                [compare(left.sentence_text(k)) for k in left_range],
                [compare(right.sentence_text(k)) for k in right_range],
                options,
                paragraphs.vocabulary,
            )
            found = _sentence_rows(groups, index, left_range.start, right_range.start)
        sentence_rows += found
        reporter.advance(len(left_range) + len(right_range))
    reporter.finish()
    # A caller may keep this generator until it is exhausted: the word caches and folded
    # texts (hundreds of megabytes on a book) must not live as long as it does.
    del compare, paragraphs
    yield Alignment(rows, tuple(sentence_rows))


def _sentence_groups(
    left: list[str], right: list[str], options: AlignOptions, vocabulary: _Vocabulary
) -> list[_Group]:
    """``align_sentences`` of one paragraph row, as groups of row-local indices.

    A row of one sentence against one sentence, the commonest, is decided directly, as
    the aligner would decide it (an exact anchor, or a 1:1 gap) but without building one.
    """
    if len(left) == len(right) == 1:
        if left[0] == right[0]:
            return [((0,), (0,), RowKind.EQUAL, 1.0)]
        if vocabulary.score(left[0], right[0]) > options.min_sentence_score:
            return [_pair_group((0,), (0,), left[0], right[0], vocabulary)]
        return _one_sided((0,), (0,))
    aligner = _Aligner(
        left, right, min_score=options.min_sentence_score, options=options, vocabulary=vocabulary
    )
    return aligner.groups()


def _comparison_cache() -> Callable[[str], str]:
    """``comparison_text`` remembering its results for the duration of one alignment.

    Unchanged paragraphs occur on both sides, and a one-sentence paragraph is also its
    own sentence: each distinct text is folded once, and equal texts share one string
    object, which makes comparing and hashing them again nearly free.
    """
    cache: dict[str, str] = {}

    def compare(text: str) -> str:
        folded = cache.get(text)
        if folded is None:
            folded = cache[text] = comparison_text(text)
        return folded

    return compare


def _sentence_range(document: Document, paragraphs: tuple[int, ...]) -> range:
    """Global indices of the sentences of consecutive ``paragraphs``."""
    if not paragraphs:
        return range(0)
    spans = document.paragraph_sentences
    return range(spans[paragraphs[0]][0], spans[paragraphs[-1]][1])


def _trivial_sentence_rows(
    parent: int,
    row: Row,
    documents: tuple[Document, Document],
    ranges: tuple[range, range],
) -> list[SentenceRow] | None:
    """Sentence rows that need no alignment, or None when the DP has to decide.

    One-sided paragraph rows give one-sided sentence rows, and an equal row whose sentences
    are identical one by one gives equal sentence rows without normalising any text: the
    common case of unchanged paragraphs stays cheap.
    """
    left_range, right_range = ranges
    if not left_range or not right_range:
        rows = _one_sided(range(len(left_range)), range(len(right_range)))
        return _sentence_rows(rows, parent, left_range.start, right_range.start)
    if row.kind is not RowKind.EQUAL or len(left_range) != len(right_range):
        return None
    pairs = list(zip(left_range, right_range, strict=True))
    if not _same_sentences(row, documents, pairs):
        return None
    return [SentenceRow(parent, (i,), (j,), RowKind.EQUAL, 1.0) for i, j in pairs]


def _same_sentences(
    row: Row,
    documents: tuple[Document, Document],
    pairs: list[tuple[int, int]],
) -> bool:
    """Whether the sentences ``pairs`` of an equal row have identical texts, pair by pair.

    When the row is one paragraph on each side with identical text, it is enough that
    the sentences sit at the same offsets inside the two paragraphs: no text is compared.
    """
    left, right = documents
    if len(row.left) == len(row.right) == 1:
        (p0, p1), (q0, q1) = left.paragraphs[row.left[0]], right.paragraphs[row.right[0]]
        if p1 - p0 == q1 - q0 and left.text[p0:p1] == right.text[q0:q1]:
            shift = q0 - p0
            left_spans, right_spans = left.sentences, right.sentences
            if all(
                left_spans[a][0] + shift == right_spans[b][0]
                and left_spans[a][1] + shift == right_spans[b][1]
                for a, b in pairs
            ):
                return True
    left_text, right_text = left.text, right.text
    left_spans, right_spans = left.sentences, right.sentences
    for a, b in pairs:
        (la, lb), (ra, rb) = left_spans[a], right_spans[b]
        if left_text[la:lb] != right_text[ra:rb]:
            return False
    return True
