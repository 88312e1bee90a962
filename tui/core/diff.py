"""Word diffs of aligned rows, character refinement, and moved paragraphs.

The reader shows a changed row as two texts with their differences marked. Readers judge a
diff by whether each marked change is one *edit* a person made, so a raw longest common
subsequence is not enough: it scatters matches on "the", "," and "of" through a rewritten
clause and shows confetti. After matching we therefore clean up, the way good diff tools
do: changes slide to word and sentence boundaries, and tiny equal islands between two
changes are folded into one replacement.

Every op carries a span on *both* sides (empty on the side where nothing stands, placed
where the change would go), and the ops of a group tile each side's range exactly, so the
display can draw the original text straight from the ops and never loses a character.
"""

from __future__ import annotations

import heapq
import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, chain, repeat
from operator import itemgetter

from rapidfuzz.distance import Indel

from tui.core.anchors import exact_pairs
from tui.core.model import Document, Row, RowKind, Span
from tui.core.tokens import (
    DEFAULT_OPTIONS,
    PUNCT,
    SPACE,
    WORD,
    DiffOptions,
    KeyInterner,
    Token,
    chunks,
    significant_tokens,
    token_key,
    tokenize,
)

EQUAL = "equal"
DELETE = "delete"
INSERT = "insert"
REPLACE = "replace"

MAX_CELLS = 150_000_000
"""Largest token-count product matched directly (~19 MB of bit matrix, ~0.1 s).

Bigger groups are matched sentence by sentence first, then word by word inside the
sentences that differ.
"""

_SENTENCE_END = frozenset({".", "!", "?", "...", "。", "！", "？"})


@dataclass(frozen=True, slots=True)
class Op:
    """One diff op. ``left``/``right`` are spans into each side's text.

    The side a change does not touch gets an empty span ``(p, p)`` at the place the change
    belongs, never ``None``, so a caret or gap marker can be drawn there.
    """

    op: str
    left: Span
    right: Span


@dataclass(frozen=True, slots=True)
class Move:
    """A one-sided row whose text reappears, out of order, as a one-sided row opposite."""

    left_row: int
    right_row: int
    score: float


_KEY = itemgetter(4)
"""A token's ``key`` (a ``Token`` is a tuple), for C-level ``map``."""

# A code is (is_equal, i1, i2, j1, j2) in *significant-token* index space.
_Code = tuple[bool, int, int, int, int]


def group_extent(spans: Sequence[Span]) -> Span:
    """From the first span's start to the last span's end; ``(0, 0)`` for no spans.

    The text between paragraphs of one side ("\\n\\n") belongs to the group, so the diff
    tiles it too.
    """
    if not spans:
        return (0, 0)
    return (spans[0][0], spans[-1][1])


def diff_group(
    left_text: str,
    left_spans: Sequence[Span],
    right_text: str,
    right_spans: Sequence[Span],
    options: DiffOptions = DEFAULT_OPTIONS,
) -> list[Op]:
    """Word diff of one aligned group of paragraphs.

    The left spans of the returned ops, concatenated, are exactly ``group_extent(left_spans)``
    (likewise on the right). Differences ``options`` ignores (case, quote style, whitespace)
    stay inside ``equal`` ops.
    """
    left_range = group_extent(left_spans)
    right_range = group_extent(right_spans)
    left_sig = significant_tokens(left_text, *left_range, options)
    right_sig = significant_tokens(right_text, *right_range, options)
    interner = KeyInterner()
    left_keys = interner.ids(map(_KEY, left_sig))
    right_keys = interner.ids(map(_KEY, right_sig))
    codes = _match(left_keys, right_keys, left_sig, right_sig, left_text, right_text)
    codes = _slide(codes, left_sig, right_sig, left_keys, right_keys, left_text, right_text)
    codes = _dissolve_islands(codes, left_sig, right_sig)
    return _to_ops(codes, left_sig, right_sig, left_range, right_range, left_text, right_text)


def diff_row(
    row: Row,
    left_doc: Document,
    right_doc: Document,
    options: DiffOptions = DEFAULT_OPTIONS,
) -> list[Op]:
    """:func:`diff_group` for an aligned paragraph row."""
    return diff_group(
        left_doc.text,
        [left_doc.paragraphs[i] for i in row.left],
        right_doc.text,
        [right_doc.paragraphs[i] for i in row.right],
        options,
    )


# --- tokens ---------------------------------------------------------------------------

_ASCII_WORDS = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z0-9])"
    r"|[A-Za-z0-9]+(?:(?:['\-.]|(?<=\d),(?=\d))[A-Za-z0-9]+)*"
)
"""``tokens.tokenize``'s word tokens in ASCII text (which has no marks or ideographs)."""


def _word_keys(text: str, start: int, end: int, options: DiffOptions) -> list[str]:
    """Keys of the word tokens of ``text[start:end]``."""
    keys: list[str] = []
    for offset, chunk, ascii_only in chunks(text, start, end):
        if not ascii_only:
            end_of_chunk = offset + len(chunk)
            keys += [t.key for t in tokenize(text, offset, end_of_chunk, options) if t.kind == WORD]
        elif options.ignore_case:
            keys += map(str.lower, _ASCII_WORDS.findall(chunk))
        else:
            keys += _ASCII_WORDS.findall(chunk)
    return keys


# --- matching -------------------------------------------------------------------------


def _match(
    lk: list[int],
    rk: list[int],
    lsig: list[Token],
    rsig: list[Token],
    ltext: str,
    rtext: str,
) -> list[_Code]:
    codes: list[_Code] = []
    _match_range(lk, rk, 0, len(lk), 0, len(rk), lsig, rsig, ltext, rtext, codes, coarse=True)
    return _merge_runs(codes)


def _match_range(
    lk: list[int],
    rk: list[int],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    lsig: list[Token],
    rsig: list[Token],
    ltext: str,
    rtext: str,
    out: list[_Code],
    *,
    coarse: bool,
) -> None:
    """Append codes matching ``lk[a0:a1]`` against ``rk[b0:b1]``."""
    # Common prefix and suffix first: cheap, and it keeps the size cap about the part that
    # actually differs.
    prefix = 0
    limit = min(a1 - a0, b1 - b0)
    while prefix < limit and lk[a0 + prefix] == rk[b0 + prefix]:
        prefix += 1
    suffix = 0
    limit -= prefix
    while suffix < limit and lk[a1 - 1 - suffix] == rk[b1 - 1 - suffix]:
        suffix += 1
    ma0, ma1, mb0, mb1 = a0 + prefix, a1 - suffix, b0 + prefix, b1 - suffix
    too_big = (ma1 - ma0) * (mb1 - mb0) > MAX_CELLS
    if too_big and coarse:
        # Sentences are cut from the untrimmed range, so they are whole sentences on both
        # sides and the shared ones compare equal.
        _match_sentences(lk, rk, a0, a1, b0, b1, lsig, rsig, ltext, rtext, out)
        return
    if prefix:
        out.append((True, a0, ma0, b0, mb0))
    if ma0 == ma1 or mb0 == mb1 or too_big:
        out.append((False, ma0, ma1, mb0, mb1))
    else:
        for code in Indel.opcodes(lk[ma0:ma1], rk[mb0:mb1]):
            out.append(
                (
                    code.tag == EQUAL,
                    ma0 + code.src_start,
                    ma0 + code.src_end,
                    mb0 + code.dest_start,
                    mb0 + code.dest_end,
                )
            )
    if suffix:
        out.append((True, ma1, a1, mb1, b1))


def _sentence_chunks(sig: list[Token], a0: int, a1: int, text: str) -> list[Span]:
    """Token ranges of the sentences (or lines) in ``sig[a0:a1]``."""
    chunks: list[Span] = []
    start = a0
    for i in range(a0, a1 - 1):
        token = sig[i]
        gap = text[token.end : sig[i + 1].start]
        if (token.key in _SENTENCE_END and gap) or "\n" in gap:
            chunks.append((start, i + 1))
            start = i + 1
    chunks.append((start, a1))
    return chunks


def _match_sentences(
    lk: list[int],
    rk: list[int],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    lsig: list[Token],
    rsig: list[Token],
    ltext: str,
    rtext: str,
    out: list[_Code],
) -> None:
    """Coarse fallback for huge groups: match whole sentences, then words inside changes."""
    left_chunks = _sentence_chunks(lsig, a0, a1, ltext)
    right_chunks = _sentence_chunks(rsig, b0, b1, rtext)
    interner = KeyInterner()
    left_ids = interner.ids(tuple(lk[s:e]) for s, e in left_chunks)
    right_ids = interner.ids(tuple(rk[s:e]) for s, e in right_chunks)
    left_bounds = [start for start, _ in left_chunks] + [a1]
    right_bounds = [start for start, _ in right_chunks] + [b1]
    # Neighbouring deleted and inserted sentences form one region, matched word by word.
    for eq, i1, i2, j1, j2 in _merge_runs(_sentence_codes(left_ids, right_ids)):
        la, lb, ra, rb = left_bounds[i1], left_bounds[i2], right_bounds[j1], right_bounds[j2]
        if eq:
            out.append((True, la, lb, ra, rb))
        else:
            _match_range(lk, rk, la, lb, ra, rb, lsig, rsig, ltext, rtext, out, coarse=False)


def _sentence_codes(left: list[int], right: list[int]) -> list[_Code]:
    """Codes matching two sequences of sentence ids, also when there are too many to match
    directly.

    Up to ``MAX_CELLS`` the longest common subsequence decides. Beyond it (a book printed
    as one line has tens of thousands of sentences a side) sentences that are identical
    and unique on both sides anchor the match, as in patience diff, and only the gaps
    between anchors are matched directly; a gap still too large is one replacement.
    """
    n, m = len(left), len(right)
    anchors = exact_pairs(left, right) if n * m > MAX_CELLS else []
    codes: list[_Code] = []
    i = j = 0
    for ai, aj in [*anchors, (n, m)]:
        if (ai - i) * (aj - j) <= MAX_CELLS:
            codes += [
                (c.tag == EQUAL, i + c.src_start, i + c.src_end, j + c.dest_start, j + c.dest_end)
                for c in Indel.opcodes(left[i:ai], right[j:aj])
            ]
        else:
            codes.append((False, i, ai, j, aj))
        codes.append((True, ai, ai + 1, aj, aj + 1))
        i, j = ai + 1, aj + 1
    codes.pop()  # the sentinel after the last anchor
    return codes


def _merge_runs(codes: list[_Code]) -> list[_Code]:
    """Join neighbouring codes of the same kind and drop empty ones."""
    merged: list[_Code] = []
    for code in codes:
        eq, i1, i2, j1, j2 = code
        if i1 == i2 and j1 == j2:
            continue
        if merged and merged[-1][0] == eq:
            prev = merged[-1]
            merged[-1] = (eq, prev[1], i2, prev[3], j2)
        else:
            merged.append(code)
    return merged


# --- cleanup --------------------------------------------------------------------------


def _edge_score(sig: list[Token], i: int, text: str) -> int:
    """How natural a change boundary is before ``sig[i]`` (higher is better).

    Paragraph break > line break > sentence end > after other punctuation > between words >
    inside a word-punctuation cluster (e.g. between "said" and ",").
    """
    if i <= 0 or i >= len(sig):
        return 6
    before, after = sig[i - 1], sig[i]
    gap = text[before.end : after.start]
    if before.kind == SPACE:
        gap = before.text + gap
    if after.kind == SPACE:
        gap += after.text
    if "\n" in gap:
        return 5 if gap.count("\n") > 1 else 4
    if not gap:
        return 0
    if before.key in _SENTENCE_END:
        return 3
    if before.kind == PUNCT or after.kind == PUNCT:
        return 2
    return 1


def _slide(
    codes: list[_Code],
    lsig: list[Token],
    rsig: list[Token],
    lk: list[int],
    rk: list[int],
    ltext: str,
    rtext: str,
) -> list[_Code]:
    """Shift pure insertions/deletions to the most natural position among equivalent ones.

    "He said. He came. He left." vs "He said. He left." can be drawn as a deleted
    "He came." or as a deleted "came. He"; both are correct, only the first reads well.
    """
    codes = list(codes)
    for k in range(1, len(codes) - 1):
        eq, i1, i2, j1, j2 = codes[k]
        prev, nxt = codes[k - 1], codes[k + 1]
        if eq or not prev[0] or not nxt[0] or ((i1 == i2) == (j1 == j2)):
            continue
        if i1 < i2:
            sig, keys, text, c0, c1, lo, hi = lsig, lk, ltext, i1, i2, prev[1], nxt[2]
        else:
            sig, keys, text, c0, c1, lo, hi = rsig, rk, rtext, j1, j2, prev[3], nxt[4]
        back = 0
        while c0 - back - 1 >= lo and keys[c0 - back - 1] == keys[c1 - back - 1]:
            back += 1
        ahead = 0
        while c1 + ahead < hi and keys[c0 + ahead] == keys[c1 + ahead]:
            ahead += 1
        if not back and not ahead:
            continue
        best, best_score = 0, None
        for shift in range(-back, ahead + 1):
            s0, s1 = c0 + shift, c1 + shift
            score = _edge_score(sig, s0, text) + _edge_score(sig, s1, text)
            score -= 2 * (sig[s0].kind == SPACE) + 2 * (sig[s1 - 1].kind == SPACE)
            if best_score is None or score > best_score or (score == best_score and shift == 0):
                best, best_score = shift, score
        if best:
            codes[k - 1] = (True, prev[1], prev[2] + best, prev[3], prev[4] + best)
            codes[k] = (False, i1 + best, i2 + best, j1 + best, j2 + best)
            codes[k + 1] = (True, nxt[1] + best, nxt[2], nxt[3] + best, nxt[4])
    return _merge_runs(codes)


def _prefix_sums(sig: list[Token], kind: str | None = None) -> list[int]:
    """Running totals of token lengths (or of tokens of ``kind``), for O(1) range sums."""
    if kind is None:
        counts = map(operator.sub, map(_END, sig), map(_START, sig))
    else:
        counts = map(operator.eq, map(_KIND, sig), repeat(kind))
    return list(accumulate(counts, initial=0))


_START, _END, _KIND = itemgetter(1), itemgetter(2), itemgetter(3)


class _Sizes:
    """Character and word counts of token ranges on both sides, summed when first asked
    for (most rows have no island to weigh)."""

    def __init__(self, lsig: list[Token], rsig: list[Token]) -> None:
        self._sig = (lsig, rsig)

    @cached_property
    def lchars(self) -> list[int]:
        return _prefix_sums(self._sig[0])

    @cached_property
    def rchars(self) -> list[int]:
        return _prefix_sums(self._sig[1])

    @cached_property
    def lwords(self) -> list[int]:
        return _prefix_sums(self._sig[0], WORD)

    def change(self, code: _Code) -> int:
        return max(
            self.lchars[code[2]] - self.lchars[code[1]],
            self.rchars[code[4]] - self.rchars[code[3]],
        )


def _should_dissolve(island: _Code, before: _Code, after: _Code, sizes: _Sizes) -> bool:
    """Whether an equal island between two changes is too slight to show on its own.

    Islands of punctuation only, or a single short word, always go; an island of one or
    two words goes when it is no longer than either neighbouring change (the
    diff-match-patch rule), so a rewritten clause reads as one change, while a shared
    phrase between two small edits stays visible.
    """
    _, i1, i2, _, _ = island
    words = sizes.lwords[i2] - sizes.lwords[i1]
    if words == 0:
        return True
    chars = sizes.lchars[i2] - sizes.lchars[i1]
    if words == 1 and chars <= 3:
        return True
    if words > 2:
        return False
    return chars <= min(sizes.change(before), sizes.change(after))


def _dissolve_islands(codes: list[_Code], lsig: list[Token], rsig: list[Token]) -> list[_Code]:
    """Fold slight equal islands into the surrounding changes, repeatedly.

    A stack makes this one pass: after each merge the new, larger change is re-tested
    against the island before it.
    """
    sizes = _Sizes(lsig, rsig)
    stack: list[_Code] = []
    for code in codes:
        stack.append(code)
        while (
            len(stack) >= 3
            and not stack[-1][0]
            and stack[-2][0]
            and not stack[-3][0]
            and _should_dissolve(stack[-2], stack[-3], stack[-1], sizes)
        ):
            after = stack.pop()
            stack.pop()
            before = stack.pop()
            stack.append((False, before[1], after[2], before[3], after[4]))
    return stack


# --- spans ----------------------------------------------------------------------------


def _side_bounds(codes: list[_Code], sig: list[Token], side: int, lo: int, hi: int) -> list[int]:
    """Char offsets cutting ``[lo, hi)`` into one span per code on one side.

    Text between significant tokens (whitespace, ignored punctuation) joins a neighbouring
    *equal* code where there is one, so changes start and end on a word.
    """
    n = len(codes)
    a, b = (1, 2) if side == 0 else (3, 4)
    nonempty = [code[b] > code[a] for code in codes]
    prev_ne = [-1] * n
    last = -1
    for k in range(n):
        prev_ne[k] = last
        if nonempty[k]:
            last = k
    next_ne = [n] * n
    nxt = n
    for k in range(n - 1, -1, -1):
        if nonempty[k]:
            nxt = k
        next_ne[k] = nxt
    bounds = [lo]
    for k in range(1, n):
        idx = codes[k][a]
        gap_start = sig[idx - 1].end if idx > 0 else lo
        gap_end = sig[idx].start if idx < len(sig) else hi
        p, q = prev_ne[k], next_ne[k]
        if p < 0 or (q < n and codes[q][0] and not codes[p][0]):
            bounds.append(gap_start)
        else:
            bounds.append(gap_end)
    bounds.append(hi)
    return bounds


def _to_ops(
    codes: list[_Code],
    lsig: list[Token],
    rsig: list[Token],
    left_range: Span,
    right_range: Span,
    ltext: str,
    rtext: str,
) -> list[Op]:
    if not codes:
        if left_range[0] == left_range[1] and right_range[0] == right_range[1]:
            return []
        return [Op(EQUAL, left_range, right_range)]
    lb = _side_bounds(codes, lsig, 0, *left_range)
    rb = _side_bounds(codes, rsig, 1, *right_range)
    ops: list[Op] = []
    for k, (eq, i1, i2, j1, j2) in enumerate(codes):
        left = (lb[k], lb[k + 1])
        right = (rb[k], rb[k + 1])
        if eq:
            ops.append(Op(EQUAL, left, right))
        elif i1 < i2 and j1 < j2:
            ops.append(Op(REPLACE, left, right))
        elif i1 < i2:
            # A side with no significant tokens at all keeps its whitespace in an equal op.
            ops.append(Op(DELETE, left, (right[0], right[0])))
            if right[1] > right[0]:
                ops.append(Op(EQUAL, (left[1], left[1]), right))
        else:
            ops.append(Op(INSERT, (left[0], left[0]), right))
            if left[1] > left[0]:
                ops.append(Op(EQUAL, left, (right[1], right[1])))
    return ops


# --- character refinement -------------------------------------------------------------


def refine_chars(
    left: str,
    right: str,
    options: DiffOptions = DEFAULT_OPTIONS,
    *,
    left_offset: int = 0,
    right_offset: int = 0,
) -> list[Op]:
    """Character diff of two short strings (a replaced word or phrase), spans offset.

    Single equal characters between two changes are folded in (a changed "Putin" ->
    "Lavrov" should not show a matching "v" in the middle), following the same
    island rule as word diffs.
    """
    keys = KeyInterner()
    lk = keys.ids(_char_key(c, options) for c in left)
    rk = keys.ids(_char_key(c, options) for c in right)
    codes = _merge_runs(
        [
            (c.tag == EQUAL, c.src_start, c.src_end, c.dest_start, c.dest_end)
            for c in Indel.opcodes(lk, rk)
        ]
    )
    stack: list[_Code] = []
    for code in codes:
        stack.append(code)
        while len(stack) >= 3 and not stack[-1][0] and stack[-2][0] and not stack[-3][0]:
            island, before, after = stack[-2], stack[-3], stack[-1]
            size = island[2] - island[1]
            before_size = max(before[2] - before[1], before[4] - before[3])
            after_size = max(after[2] - after[1], after[4] - after[3])
            if size > 1 and size > min(before_size, after_size):
                break
            del stack[-3:]
            stack.append((False, before[1], after[2], before[3], after[4]))
    ops: list[Op] = []
    for eq, i1, i2, j1, j2 in stack:
        tag = EQUAL if eq else REPLACE if i1 < i2 and j1 < j2 else DELETE if i1 < i2 else INSERT
        ops.append(
            Op(tag, (left_offset + i1, left_offset + i2), (right_offset + j1, right_offset + j2))
        )
    return ops


def _char_key(char: str, options: DiffOptions) -> str:
    kind = SPACE if char.isspace() else WORD if char.isalnum() else PUNCT
    return token_key(char, kind, options)


# --- moved paragraphs -----------------------------------------------------------------


def find_moves(
    rows: Sequence[Row],
    left_doc: Document,
    right_doc: Document,
    *,
    threshold: float = 0.6,
    min_chars: int = 12,
    max_candidates: int = 20,
    options: DiffOptions = DEFAULT_OPTIONS,
) -> list[Move]:
    """Pair one-sided rows whose text reappears on the other side out of order.

    Scores are token-level Indel similarities (0..1). Each row is in at most one move;
    pairs are taken best first. Candidates are cut down before any full comparison: a
    length bound (similarity can't exceed ``2*min/(n+m)``) and, when there are many
    one-sided rows, shared rare words, so the cost stays near-linear.
    """
    interner = KeyInterner()

    def row_keys(doc: Document, indices: tuple[int, ...]) -> list[int] | None:
        start, end = group_extent([doc.paragraphs[i] for i in indices])
        if end - start < min_chars:
            return None
        return interner.ids(_word_keys(doc.text, start, end, options))

    lefts: list[tuple[int, list[int]]] = []
    rights: list[tuple[int, list[int]]] = []
    for index, row in enumerate(rows):
        if row.kind == RowKind.LEFT_ONLY:
            keys = row_keys(left_doc, row.left)
            if keys:
                lefts.append((index, keys))
        elif row.kind == RowKind.RIGHT_ONLY:
            keys = row_keys(right_doc, row.right)
            if keys:
                rights.append((index, keys))
    if not lefts or not rights:
        return []

    candidates = _move_candidates(lefts, rights, max_candidates)
    scored: list[tuple[float, int, int]] = []
    for li, ri in candidates:
        a, b = lefts[li][1], rights[ri][1]
        if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
            continue
        score = Indel.normalized_similarity(a, b, score_cutoff=threshold)
        if score >= threshold:
            scored.append((score, li, ri))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    moves: list[Move] = []
    for score, li, ri in scored:
        if li in used_left or ri in used_right:
            continue
        used_left.add(li)
        used_right.add(ri)
        moves.append(Move(lefts[li][0], rights[ri][0], round(score, 4)))
    moves.sort(key=lambda move: move.left_row)
    return moves


_MAX_CANDIDATE_HITS = 20_000_000
"""Most (left row, right row) pairs the shared-word count of move candidates may visit.

Realistic pairs stay far below (two 10 MB editions: about two million); two unrelated
books, all of whose rows are one-sided, would need billions, so they count only their
rarer shared words (see ``_candidate_cutoff``).
"""


def _move_candidates(
    lefts: list[tuple[int, list[int]]],
    rights: list[tuple[int, list[int]]],
    max_candidates: int,
) -> list[tuple[int, int]]:
    """(left, right) positions worth scoring: all pairs when few, else by shared words."""
    if len(lefts) * len(rights) <= max_candidates * max(len(lefts), len(rights)):
        return [(li, ri) for li in range(len(lefts)) for ri in range(len(rights))]
    # Inverted index over the right rows' words; words in many rows carry no signal.
    index: dict[int, list[int]] = {}
    for ri, (_, keys) in enumerate(rights):
        for key in set(keys):
            index.setdefault(key, []).append(ri)
    left_sets = [set(keys) for _, keys in lefts]
    common = _candidate_cutoff(index, left_sets, max(3, len(rights) // 10))
    pairs: list[tuple[int, int]] = []
    by_count = itemgetter(1)
    for li, words in enumerate(left_sets):
        hits = (index.get(key, ()) for key in words)
        counts = Counter(chain.from_iterable(h for h in hits if len(h) <= common))
        # The most shared words first, ties in order of first hit (``sorted`` is stable).
        best = heapq.nlargest(max_candidates, counts.items(), key=by_count)
        pairs.extend((li, ri) for ri, _ in best)
    return pairs


def _candidate_cutoff(index: dict[int, list[int]], left_sets: list[set[int]], common: int) -> int:
    """``common``, or less if counting the words in up to ``common`` right rows would visit
    more than ``_MAX_CANDIDATE_HITS`` pairs: then the largest cutoff that stays within."""
    in_left: Counter[int] = Counter()
    for words in left_sets:
        in_left.update(words)
    cost: Counter[int] = Counter()  # visits, by how many right rows a word is in
    for key, rows in index.items():
        if len(rows) <= common and key in in_left:
            cost[len(rows)] += len(rows) * in_left[key]
    if cost.total() <= _MAX_CANDIDATE_HITS:
        return common
    total, cutoff = 0, 0
    for size in sorted(cost):
        total += cost[size]
        if total > _MAX_CANDIDATE_HITS:
            break
        cutoff = size
    return cutoff
