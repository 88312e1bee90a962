"""Conflicting facts between aligned texts: dates, weekdays, numbers, amounts, names.

Two agencies' copies of one story mostly differ in wording, which the diff shows. What a
reader must not miss is a *fact* that differs while standing in the same place: "Sept 13"
against "Sept. 12", "Friday" against "Thursday", "$5 million" against "$6 million", or a
name that one copy cut short ("Vladimir voiced ..." against "Vladimir Putin on Thursday").

Values and names are found by ``tui.core.values`` (normalised to sets of readings, so
"Sept. 12" / "12 September", "1,000" / "1000" or "5 percent" / "5%" always agree) and
``tui.core.names``; this module decides which of them stand in the same place. The diff
says where that is, so detection is driven by its ops, in three passes:

1. values of one class inside one change on both sides, paired where they stand alike
   (at the change's edges, between the same words, or in a short change);
2. dates and weekdays across changes, in rows that are mostly the same text (a rewritten
   dateline against a rewritten first clause): in the same order when both sides have as
   many, or, when the sides agree on no day at all, nearest first;
3. names at the edges of changes: replaced, or cut short.

A value present on one side only is an addition, not a conflict.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.diff import DELETE, EQUAL, INSERT, REPLACE, Op
from tui.core.model import Span
from tui.core.names import FUNCTION_WORDS, NameRun, compare_names, forget_pairs, name_index
from tui.core.segment import split_sentences
from tui.core.tokens import WORD, tokenize
from tui.core.values import (
    SAME,
    VALUE_CLASS,
    Value,
    compare_values,
    extract_values,
    is_conflict,
)

__all__ = [
    "KINDS",
    "Conflict",
    "Value",
    "extract_values",
    "find_conflicts",
    "forget_pair_caches",
]

KINDS = ("date", "weekday", "month", "year", "number", "amount", "percent", "name")


def forget_pair_caches() -> None:
    """Free what ``find_conflicts`` keeps per pair (its name indexes) once a pass over a
    pair's rows is done; a later pass rebuilds them."""
    forget_pairs()


@dataclass(frozen=True)
class Conflict:
    """A value that differs between the sides of one aligned row, with both spans."""

    kind: str
    left_text: str
    left_span: Span
    right_text: str
    right_span: Span
    row: int = -1


def find_conflicts(
    left_text: str, right_text: str, ops: Sequence[Op], *, row_index: int = -1
) -> list[Conflict]:
    """Conflicting values in one aligned group, given its diff ops (from ``diff_group``).

    ``left_text``/``right_text`` are the whole documents (the ops' spans index into them);
    the rest of each document helps tell a name from a capitalised sentence start, and
    whether a shortened name is the document's usual short form.
    """
    if not ops:
        return []
    lrange = (ops[0].left[0], ops[-1].left[1])
    rrange = (ops[0].right[0], ops[-1].right[1])
    if lrange[0] == lrange[1] or rrange[0] == rrange[1]:
        return []  # a one-sided row: nothing stands opposite
    lvalues = extract_values(left_text, *lrange)
    rvalues = extract_values(right_text, *rrange)
    found: dict[tuple[Span, Span], Conflict] = {}
    compared: set[tuple[Span, Span]] = set()

    def report(kind: str, a: Span, b: Span) -> None:
        if (a, b) not in found:
            text_a, text_b = left_text[a[0] : a[1]], right_text[b[0] : b[1]]
            found[(a, b)] = Conflict(kind, text_a, a, text_b, b, row_index)

    # 1. Values inside one change.
    changes = _changes(ops)
    lindex, rindex = _SpanIndex(lvalues), _SpanIndex(rvalues)
    changed_left, changed_right = _SpanIndex([]), _SpanIndex([])
    for op in changes:
        changed_left.add(op.left)
        changed_right.add(op.right)
        left_in = lindex.overlapping(op.left)
        right_in = rindex.overlapping(op.right)
        if not left_in or not right_in:
            continue
        for cls in ("time", "weekday", "quantity", "ordinal", "clock"):
            lc = [v for v in left_in if VALUE_CLASS[v.kind] == cls]
            rc = [v for v in right_in if VALUE_CLASS[v.kind] == cls]
            for a, b in _pair_values(lc, rc, op.left, op.right, left_text, right_text):
                compared.add((a.span, b.span))
                relation = compare_values(a, b)
                if is_conflict(relation):
                    report(relation, a.span, b.span)

    # 2. Dates and weekdays across changes, where the row is mostly the same text: in a
    # loosely matched row, two dates need not be about the same thing.
    if _equal_share(ops, lrange, rrange) >= _MOSTLY_EQUAL:
        places = _Places(ops, changes, left_text, right_text)
        changed = (changed_left, changed_right)
        for kind, a, b in _dates_across_changes(
            lvalues, rvalues, places, changed, compared, set(found)
        ):
            report(kind, a.span, b.span)

    # 3. Names at change edges.
    for lspan, rspan in _name_conflicts(left_text, right_text, ops, lrange, rrange, lindex, rindex):
        if (lspan, rspan) not in found:
            report("name", lspan, rspan)
    return sorted(found.values(), key=lambda c: (c.left_span, c.right_span))


# --- pairing values inside changes -------------------------------------------------------


class _SpanIndex:
    """Sorted, non-overlapping spans (or values) searchable by overlap in O(log n)."""

    def __init__(self, values: Sequence[Value]) -> None:
        self.values = list(values)
        self.starts = [v.span[0] for v in values]
        self.ends = [v.span[1] for v in values]

    def add(self, span: Span) -> None:
        """Append a span (callers add in text order); stored as a bare span."""
        if span[0] < span[1]:
            self.starts.append(span[0])
            self.ends.append(span[1])

    def overlapping(self, span: Span) -> list[Value]:
        lo = bisect_right(self.ends, span[0])
        hi = bisect_left(self.starts, span[1])
        return self.values[lo:hi] if span[0] < span[1] else []

    def any_overlap(self, span: Span) -> bool:
        lo = bisect_right(self.ends, span[0])
        return lo < len(self.starts) and self.starts[lo] < span[1]


def _at_start(value: Value, span: Span, text: str) -> bool:
    return value.span[0] <= span[0] or not re.search(r"\w", text[span[0] : value.span[0]])


def _at_end(value: Value, span: Span, text: str) -> bool:
    return value.span[1] >= span[1] or not re.search(r"\w", text[value.span[1] : span[1]])


_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*(\w+)")


def _context(value: Value, text: str) -> tuple[str | None, str | None]:
    """The words right before and after a value ("at least [14] people")."""
    before = _WORD_BEFORE.search(text[max(0, value.span[0] - 40) : value.span[0]])
    after = _WORD_AFTER.search(text[value.span[1] : value.span[1] + 40])
    return (
        before.group(1).casefold() if before else None,
        after.group(1).casefold() if after else None,
    )


def _same_place(
    a: Value, b: Value, lspan: Span, rspan: Span, ltext: str, rtext: str, small: bool
) -> bool:
    """Whether two values inside one change stand in the same place.

    True in a short change; when both open or both close the change (the unchanged text
    around it is the same); or when the words on both sides of them are the same, or one
    of them is and is a content word ("14 *people*"), not just "on" or "in".
    """
    if small:
        return True
    if _at_start(a, lspan, ltext) and _at_start(b, rspan, rtext):
        return True
    if _at_end(a, lspan, ltext) and _at_end(b, rspan, rtext):
        return True
    (lb, la), (rb, ra) = _context(a, ltext), _context(b, rtext)
    same_before = lb is not None and lb == rb
    same_after = la is not None and la == ra
    if same_before and same_after:
        return True
    return (same_before and lb not in FUNCTION_WORDS) or (same_after and la not in FUNCTION_WORDS)


_SMALL_CHANGE_WORDS = 6


def _pair_values(
    left: list[Value], right: list[Value], lspan: Span, rspan: Span, ltext: str, rtext: str
) -> list[tuple[Value, Value]]:
    """Pairs of values of one class standing in the same place inside one change.

    Values that agree with one on the other side are set aside first (they are the same
    fact, perhaps formatted differently); the rest pair up in order when both sides have
    as many, else only at the change's edges.
    """
    rest_right = list(right)
    rest_left: list[Value] = []
    for value in left:
        match = next((r for r in rest_right if compare_values(value, r) == SAME), None)
        if match is not None:
            rest_right.remove(match)
        else:
            rest_left.append(value)
    if not rest_left or not rest_right:
        return []
    if len(rest_left) == len(rest_right):
        candidates = list(zip(rest_left, rest_right, strict=True))
    else:
        candidates = [(rest_left[0], rest_right[0]), (rest_left[-1], rest_right[-1])]
    small = (
        len(re.findall(r"\w+", ltext[lspan[0] : lspan[1]])) <= _SMALL_CHANGE_WORDS
        and len(re.findall(r"\w+", rtext[rspan[0] : rspan[1]])) <= _SMALL_CHANGE_WORDS
    )
    pairs: list[tuple[Value, Value]] = []
    for a, b in candidates:
        if (a, b) not in pairs and _same_place(a, b, lspan, rspan, ltext, rtext, small):
            pairs.append((a, b))
    return pairs


def _equal_share(ops: Sequence[Op], lrange: Span, rrange: Span) -> float:
    """The share of both sides' text that the diff found equal."""
    total = (lrange[1] - lrange[0]) + (rrange[1] - rrange[0])
    equal = sum(
        (op.left[1] - op.left[0]) + (op.right[1] - op.right[0]) for op in ops if op.op == EQUAL
    )
    return equal / total if total else 1.0


def _changes(ops: Sequence[Op]) -> list[Op]:
    """The changes of a diff, neighbouring ones joined: a deletion right before an
    insertion is one replacement, whichever differ produced the ops."""
    changes: list[Op] = []
    previous_equal = True
    for op in ops:
        if op.op == EQUAL:
            previous_equal = True
            continue
        if not previous_equal and changes:
            last = changes.pop()
            left, right = (last.left[0], op.left[1]), (last.right[0], op.right[1])
        else:
            left, right = op.left, op.right
        kind = (
            REPLACE
            if left[0] < left[1] and right[0] < right[1]
            else DELETE
            if left[0] < left[1]
            else INSERT
        )
        changes.append(Op(kind, left, right))
        previous_equal = False
    return changes


# --- dates and weekdays across changes ----------------------------------------------------

_MOSTLY_EQUAL = 0.5
"""Share of equal text from which a row's two sides are taken to tell the same story."""

_MAX_DAYS = 8
"""More days than this on a side is a timeline or a list, not one event told twice: such
rows are not paired by position."""

_FAR = 2 / 3
"""Values this far apart or more (as a share of the paragraph, measured through the diff)
stand in different places, unless the words beside them say otherwise."""


def _dates_across_changes(
    lvalues: Sequence[Value],
    rvalues: Sequence[Value],
    places: _Places,
    changed: tuple[_SpanIndex, _SpanIndex],
    compared: set[tuple[Span, Span]],
    reported: set[tuple[Span, Span]],
) -> list[tuple[str, Value, Value]]:
    """Dates and weekdays that disagree although the diff put them in different changes.

    A rewritten dateline against a rewritten first clause ("BEIJING, Sept 13 (KUNA) --"
    against "... Putin on Thursday [Sept. 12] voiced ...") is the usual case. Only for rows
    that are mostly the same text (the caller checks): in a loosely matched row two dates
    need not be about the same thing. Per class (dates, months and years; weekdays):

    - as many on both sides: the n-th on one side against the n-th on the other;
    - any counts, but no day agreed on at all: see ``_pair_days``.

    Either way a value must stand in a change (``changed``: the changes' spans per side),
    and a pair in the same place by ``_Places``. Pairs ``compared`` in one change are not
    compared again, and values already ``reported`` in a conflict are not paired again.
    """
    changed_left, changed_right = changed
    out: list[tuple[str, Value, Value]] = []
    for cls in ("time", "weekday"):
        left = [v for v in lvalues if VALUE_CLASS[v.kind] == cls]
        right = [v for v in rvalues if VALUE_CLASS[v.kind] == cls]
        if not left or not right:
            continue
        done = {a for a, _ in reported}, {b for _, b in reported}
        if len(left) == len(right):
            for a, b in zip(left, right, strict=True):
                if (a.span, b.span) in compared or not (
                    changed_left.any_overlap(a.span) or changed_right.any_overlap(b.span)
                ):
                    continue
                relation = compare_values(a, b)
                if is_conflict(relation) and places.closeness(a, b) is not None:
                    out.append((relation, a, b))
                    done[0].add(a.span)
                    done[1].add(b.span)
        for a, b, relation in _pair_days(left, right, places, done):
            out.append((relation, a, b))
    return out


def _names_day(value: Value) -> bool:
    """Whether a value pins one day: a date with its day, or a weekday."""
    return value.kind == "weekday" or any(r[2] is not None for r in value.readings)


def _pair_days(
    left: Sequence[Value],
    right: Sequence[Value],
    places: _Places,
    done: tuple[set[Span], set[Span]],
) -> list[tuple[Value, Value, str]]:
    """Days (dates with a day, or weekdays) that disagree wherever they stand, paired by
    place.

    A news paragraph gives the day of its event once or twice, and two versions may put it
    in different places (a dateline, "on Thursday [Sept. 12]") or give it a different
    number of times (a metadata date and a dateline against one date in the text). So when
    *no* day named on one side agrees with any value on the other (a year or month alone
    agreeing with a full date opposite counts as agreement), the versions disagree about
    the day: their days pair one to one, closest first by ``_Places.closeness``. Surplus
    values stay unpaired: they restate a day already paired, or add one, and one
    disagreement is reported once.

    Any agreement rules this out: a second, different date is then most likely another
    event, told in a clause one version added. Bare years and months are not paired here:
    they are background ("since 1998", "in March") more often than the day of the event,
    and are compared only in the same place or in the same order. Values ``done``
    (already in a conflict: left spans, right spans) are left out.
    """
    if sum(map(_names_day, left)) > _MAX_DAYS or sum(map(_names_day, right)) > _MAX_DAYS:
        return []
    for a in left:
        for b in right:
            if (_names_day(a) or _names_day(b)) and compare_values(a, b) == SAME:
                return []
    candidates: list[tuple[tuple[int, float], Span, Span, str]] = []
    for a in left:
        for b in right:
            if a.span in done[0] or b.span in done[1]:
                continue
            relation = compare_values(a, b)
            if relation in ("date", "weekday"):
                closeness = places.closeness(a, b)
                if closeness is not None:
                    candidates.append((closeness, a.span, b.span, relation))
    candidates.sort()
    by_span = {v.span: v for v in (*left, *right)}
    used_left: set[Span] = set()
    used_right: set[Span] = set()
    pairs: list[tuple[Value, Value, str]] = []
    for _, lspan, rspan, relation in candidates:
        if lspan not in used_left and rspan not in used_right:
            used_left.add(lspan)
            used_right.add(rspan)
            pairs.append((by_span[lspan], by_span[rspan], relation))
    return pairs


class _Places:
    """Whether a left and a right value of one row stand in the same place, and how close
    they are, for pairs that one change does not hold together.

    A value in a sentence that one side adds or drops whole ("It follows a similar move on
    19 March.") stands nowhere opposite: the sentence is new, and so is its fact.
    Otherwise three signs count. Their positions: where a position on one side falls on
    the other, going through the ops (equal text maps one to one; a change maps its extent
    linearly onto the other side's, a deletion onto the point where it would stand), so
    text added on one side does not push two values apart. Their neighbours: a content
    word beside both ("officials *said* on [Monday]" / "officials *said* on [Tuesday]")
    keeps them together when a clause moved from the start of a sentence to its end. And
    the opening change: text before anything both sides share (a dateline, "GENEVA, Dec.
    13 (AFP) --", or a metadata stamp) dates the whole paragraph, so a value there stands
    opposite any value on the other side.
    """

    def __init__(
        self, ops: Sequence[Op], changes: Sequence[Op], left_text: str, right_text: str
    ) -> None:
        self._ops = list(ops)
        self._ranges = (ops[0].left[0], ops[-1].left[1]), (ops[0].right[0], ops[-1].right[1])
        first = changes[0] if changes else None
        self._opening = (
            first.left if first and first.left[0] == self._ranges[0][0] else (0, 0),
            first.right if first and first.right[0] == self._ranges[1][0] else (0, 0),
        )
        self._one_sided = (
            [op.left for op in changes if op.op == DELETE],
            [op.right for op in changes if op.op == INSERT],
        )
        self._sentences: list[list[Span] | None] = [None, None]
        self._texts = (left_text, right_text)
        self._left_starts = [op.left[0] for op in ops]
        self._right_starts = [op.right[0] for op in ops]
        self._left_size = max(1, ops[-1].left[1] - ops[0].left[0])
        self._right_size = max(1, ops[-1].right[1] - ops[0].right[0])

    def closeness(self, a: Value, b: Value) -> tuple[int, float] | None:
        """``None`` for values in different places, else a sort key (closest first): the
        number of content words they share beside them, negated, then their distance."""
        if self._in_new_sentence(a, 0) or self._in_new_sentence(b, 1):
            return None
        shared = len(_neighbours(a, self._texts[0]) & _neighbours(b, self._texts[1]))
        distance = self.distance(a.span, b.span)
        opening = _within(a.span, self._opening[0]) or _within(b.span, self._opening[1])
        return (-shared, distance) if shared or opening or distance < _FAR else None

    def _in_new_sentence(self, value: Value, side: int) -> bool:
        """Whether ``value`` is in a sentence wholly inside one insertion or deletion (not
        the opening change): its last word included, its final stop perhaps not."""
        if _within(value.span, self._opening[side]):
            return False
        changes = self._one_sided[side]
        i = bisect_right(changes, (value.span[0], _INFINITY)) - 1
        if i < 0 or not _within(value.span, changes[i]):
            return False
        sentences = self._sentences[side]
        if sentences is None:
            sentences = split_sentences(self._texts[side], self._ranges[side])
            self._sentences[side] = sentences
        j = bisect_right(sentences, (value.span[0], _INFINITY)) - 1
        if j < 0:
            return False
        start, end = sentences[j]
        words = _LAST_WORD.search(self._texts[side], start, end)
        return words is not None and _within((start, words.end()), changes[i])

    def distance(self, left: Span, right: Span) -> float:
        """How far apart a left and a right span stand, as a share of the paragraph
        (0 to 1): the mean of the distances seen on either side."""
        lmid, rmid = (left[0] + left[1]) / 2, (right[0] + right[1]) / 2
        on_right = abs(self._map(lmid, True) - rmid) / self._right_size
        on_left = abs(self._map(rmid, False) - lmid) / self._left_size
        return (on_right + on_left) / 2

    def _map(self, pos: float, to_right: bool) -> float:
        starts = self._left_starts if to_right else self._right_starts
        op = self._ops[max(0, bisect_right(starts, pos) - 1)]
        source, target = (op.left, op.right) if to_right else (op.right, op.left)
        if source[1] <= source[0]:
            return (target[0] + target[1]) / 2
        share = min(1.0, max(0.0, (pos - source[0]) / (source[1] - source[0])))
        return target[0] + share * (target[1] - target[0])


_INFINITY = 1 << 62
_LAST_WORD = re.compile(r"\w(?=\W*$)")


def _within(span: Span, outer: Span) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _neighbours(value: Value, text: str) -> frozenset[str]:
    """The content words among the two words before a value and the one after it."""
    before = re.findall(r"\w+", text[max(0, value.span[0] - 60) : value.span[0]])[-2:]
    after = re.findall(r"\w+", text[value.span[1] : value.span[1] + 40])[:1]
    words = (w.casefold() for w in (*before, *after))
    return frozenset(w for w in words if w not in FUNCTION_WORDS and not w.isdigit())


# --- names at change edges ----------------------------------------------------------------


def _edge_status(
    runs: Sequence[NameRun], starts: Sequence[int], span: Span, text: str, at_start: bool
) -> tuple[str, NameRun] | None:
    """How a name run meets one edge of a change on one side.

    ``cross``: the run goes across the edge (part equal, part changed); ``inner``: the run
    begins (start edge) or ends (end edge) exactly at the edge, inside the change; ``touch``:
    the run ends just before (start edge) or begins just after (end edge) the change.
    """
    pos = span[0] if at_start else span[1]
    nonempty = span[0] < span[1]
    # Runs never overlap and are sorted, so only the few around ``pos`` can qualify.
    i = bisect_right(starts, pos)
    for run in runs[max(0, i - 3) : i + 2]:
        if run.core_start < pos < run.core_end:
            return ("cross", run)
        if at_start:
            if nonempty and run.core_start == pos:
                return ("inner", run)
            gap = text[run.core_end : pos]
            if run.end <= pos and (not gap or (gap.isspace() and "\n" not in gap)):
                return ("touch", run)
        else:
            if nonempty and pos in (run.core_end, run.end):
                return ("inner", run)
            gap = text[pos : run.core_start]
            if run.core_start >= pos and (not gap or (gap.isspace() and "\n" not in gap)):
                return ("touch", run)
    return None


def _content_words(
    text: str, span: Span, runs: Sequence[NameRun], ends: Sequence[int], values: _SpanIndex
) -> list[str]:
    """The words of a change other than names and values: equal on both sides when the
    change only swaps names (and perhaps the dates or numbers beside them).

    ``runs`` are in text order and do not overlap, so their ``ends`` are sorted too: only
    the runs inside the change are looked at, not every run of a long paragraph.
    """
    a, b = span
    near = runs[bisect_right(ends, a) : bisect_left(ends, b) + 1]
    return [
        t.key
        for t in tokenize(text, a, b)
        if t.kind == WORD
        and not any(r.start <= t.start < r.end for r in near)
        and not values.overlapping((t.start, t.end))
    ]


def _name_conflicts(
    left_text: str,
    right_text: str,
    changes: Sequence[Op],
    lrange: Span,
    rrange: Span,
    lvalues: _SpanIndex,
    rvalues: _SpanIndex,
) -> list[tuple[Span, Span]]:
    lindex = name_index(left_text, right_text)
    rindex = name_index(right_text, left_text)
    lruns = lindex.runs_between(lrange[0] - 1, lrange[1] + 1)
    rruns = rindex.runs_between(rrange[0] - 1, rrange[1] + 1)

    def elsewhere(run: NameRun) -> bool:
        return lindex.has_run(run.key, run) or rindex.has_run(run.key, run)

    lkeys = {r.key for r in lruns}
    rkeys = {r.key for r in rruns}
    lstarts = [r.start for r in lruns]
    rstarts = [r.start for r in rruns]
    lends = [r.end for r in lruns]
    rends = [r.end for r in rruns]
    out: list[tuple[Span, Span]] = []
    for op in changes:
        for at_start in (True, False):
            ls = _edge_status(lruns, lstarts, op.left, left_text, at_start)
            if ls is None:
                continue  # the right side's status would not matter
            rs = _edge_status(rruns, rstarts, op.right, right_text, at_start)
            if rs is None:
                continue
            statuses = {ls[0], rs[0]}
            if op.op == REPLACE:
                if "touch" in statuses and "cross" not in statuses:
                    continue
            elif "cross" not in statuses:
                continue  # an added or removed name next to another name, not a change of name
            lrun, rrun = ls[1], rs[1]
            verdict = compare_names(lrun, rrun, (), (), lkeys, rkeys, elsewhere=elsewhere)
            if verdict == "different" and _content_words(
                left_text, op.left, lruns, lends, lvalues
            ) != _content_words(right_text, op.right, rruns, rends, rvalues):
                continue  # the names differ inside a rewritten passage, not in one place
            if verdict is not None:
                out.append(((lrun.core_start, lrun.core_end), (rrun.core_start, rrun.core_end)))
    return out
