"""Certain matches between two sequences: items that are identical and unique on both sides.

Patience diff's idea, shared by the paragraph alignment (comparison strings) and the word
diff of huge paragraphs (sentence ids): an item that occurs exactly once in each of two
ranges is almost surely the same unit, the longest increasing run of such pairs keeps them
in order, and the ranges between them are searched again, where repeated items may have
become unique. It costs hashing, so it goes first and the costly matching runs only in the
gaps.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``pairs`` (sorted by first item) increasing in the second."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        previous[k] = tail_index[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    chain.reverse()
    return chain


def _unique_common(
    left: Sequence[Hashable], right: Sequence[Hashable], l0: int, l1: int, r0: int, r1: int
) -> list[tuple[int, int]]:
    """Pairs of identical items that occur once in ``left[l0:l1]`` and ``right[r0:r1]``."""
    left_count = Counter(left[l0:l1])
    right_seen: dict[Hashable, int] = {}
    for j in range(r0, r1):
        key = right[j]
        if left_count.get(key) == 1:
            right_seen[key] = -1 if key in right_seen else j
    where = {left[i]: i for i in range(l0, l1) if right_seen.get(left[i], -1) >= 0}
    return sorted((i, right_seen[key]) for key, i in where.items())


def exact_pairs(left: Sequence[Hashable], right: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Certain 1:1 matches, in increasing order on both sides (patience-diff recursion)."""
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(left), 0, len(right))]
    while stack:
        l0, l1, r0, r1 = stack.pop()
        while l0 < l1 and r0 < r1 and left[l0] == right[r0]:
            pairs.append((l0, r0))
            l0, r0 = l0 + 1, r0 + 1
        while l0 < l1 and r0 < r1 and left[l1 - 1] == right[r1 - 1]:
            l1, r1 = l1 - 1, r1 - 1
            pairs.append((l1, r1))
        if l0 == l1 or r0 == r1 or l1 - l0 == r1 - r0 == 1:  # 1:1 left: two different units
            continue
        anchors = longest_increasing(_unique_common(left, right, l0, l1, r0, r1))
        for i, j in anchors:
            pairs.append((i, j))
            stack.append((l0, i, r0, j))
            l0, r0 = i + 1, j + 1
        if anchors:
            stack.append((l0, l1, r0, r1))
    pairs.sort()
    return pairs
