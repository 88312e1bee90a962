"""Linking mentions into entities, within a text and across the pair.

Mentions with the same identity key (same gazetteer canonical, same normalised name, same
date or value) start in one group. Groups are then merged, most reliable evidence first:

1. explicit definitions, "Kuwait News Agency (KUNA)";
2. acronyms whose letters are the initials (or word prefixes) of a longer name, "KUNA" ->
   "Kuwait News Agency", "C.M.A." -> "Competition and Markets Authority";
3. yearless dates to the one full date with the same month and day, "Sept 13" ->
   "2024-09-13";
4. partial names to the one longer name that contains them, longest first so that "Arbor"
   -> "Arbor Capital" -> "Arbor Capital Partners" chain: any part of a person's name
   ("Putin", "Wang", "Vladimir"); a brand name before organisation nouns ("Xinhua" ->
   "Xinhua News Agency", not "BRICS" -> "BRICS Plus"); a name minus its pre-modifiers
   ("Bureau of ..." -> "Political Bureau of ...", "South" -> "Global South");
5. spelling variants by rapidfuzz ratio (high threshold), never between two gazetteer
   entries, which are distinct by construction ("Niger"/"Nigeria").

"Unique" is the safety rule throughout: an ambiguous short form stays its own entity rather
than being attached to the wrong one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from .entity_lexicon import CONNECTORS, ORG_HEADS
from .entity_mentions import Mention, best_type
from .gazetteer import name_key

_FUZZY_CUTOFF = 90.0
_FUZZY_MIN_LENGTH = 6


@dataclass(eq=False)
class Group:
    """All mentions sharing one identity key, on both sides."""

    key: tuple
    mentions: list[tuple[int, Mention]] = field(default_factory=list)
    """``(side, mention)`` with side 0 = left, 1 = right."""

    @cached_property
    def words(self) -> tuple[str, ...]:
        """``name_key`` of each word of the longest form, connectors included."""
        longest = max((m.text for _, m in self.mentions), key=len)
        return tuple(k for k in (name_key(w) for w in longest.split()) if k)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The name words (connectors dropped)."""
        return tuple(w for w in self.words if w not in CONNECTORS)

    @property
    def gazetteer(self) -> bool:
        return self.key[0] == "gaz"

    @cached_property
    def acronym(self) -> bool:
        """Some mention is shaped like an acronym (asked by every linking pass, so cached:
        ``mentions`` is complete before linking starts)."""
        return any(m.acronym for _, m in self.mentions)

    @property
    def is_name(self) -> bool:
        return self.key[0] in ("gaz", "name")

    def votes(self) -> list[tuple[str, float]]:
        return [v for _, m in self.mentions for v in m.votes]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, key: tuple) -> tuple:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            root = self.find(parent)
            self.parent[key] = root
            return root
        return key

    def union(self, a: tuple, b: tuple) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def group_mentions(mentions: list[tuple[int, Mention]]) -> dict[tuple, Group]:
    groups: dict[tuple, Group] = {}
    for side, mention in mentions:
        group = groups.get(mention.key)
        if group is None:
            group = groups[mention.key] = Group(mention.key)
        group.mentions.append((side, mention))
    return groups


def link(groups: dict[tuple, Group], definitions: list[tuple[tuple, tuple]]) -> list[list[Group]]:
    """Clusters of groups that name one entity."""
    uf = _UnionFind()
    for key in groups:
        uf.find(key)
    for long_key, short_key in definitions:
        if long_key in groups and short_key in groups:
            uf.union(short_key, long_key)
    names = [g for g in groups.values() if g.is_name]
    _link_acronyms(names, uf)
    _link_dates(groups, uf)
    types = {key: best_type(g.votes()) for key, g in groups.items()}
    _link_partial_names(names, uf, types)
    _link_fuzzy(names, uf, types)
    clusters: dict[tuple, list[Group]] = defaultdict(list)
    for key, group in groups.items():
        clusters[uf.find(key)].append(group)
    return list(clusters.values())


# ---------------------------------------------------------------- acronyms


def initials_match(acronym: str, words: tuple[str, ...]) -> bool:
    """True if ``acronym`` spells ``words`` by word prefixes, connectors optional.

    "kuna" ~ (kuwait, news, agency) as KU+N+A; "afdb" ~ (african, development, bank).
    """
    letters = acronym.replace(".", "").casefold()
    content = [w for w in words if w not in CONNECTORS]
    if len(content) < 2 or not letters:
        return False
    # The letter positions reachable after each word: a word takes a prefix of itself
    # (at least one letter), or nothing if it is a connector.
    reachable = {0}
    total = len(letters)
    for word in (w.replace(" ", "") for w in words):
        after: set[int] = set()
        skippable = word in CONNECTORS
        for i in reachable:
            if skippable:
                after.add(i)
            for k in range(1, min(len(word), total - i) + 1):
                if letters[i : i + k] != word[:k]:
                    break
                after.add(i + k)
        if not after:
            return False
        reachable = after
    return total in reachable


def _subsequence_of(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def _openings(words: tuple[str, ...]) -> set[str]:
    """The two letters a name opening with a name word can spell first.

    Either the first word gives both (its first two letters), or only its first letter and
    the second comes from the next word that takes any: a connector, or at the latest the
    next name word.
    """
    first = words[0]
    found = {first[:2]} if len(first) >= 2 else set()
    for word in words[1:]:
        found.add(first[0] + word[0])
        if word not in CONNECTORS:
            break
    return found


def _link_acronyms(names: list[Group], uf: _UnionFind) -> None:
    """Attach each acronym to the one longer name it spells (see ``initials_match``).

    Only names that could fit are checked: a name opening with a name word must spell the
    acronym's first two letters (``_openings``), have initials that follow its letters in
    order (each name word takes at least its first letter), and have at least its letters
    (man pages are full of capitalised identifiers such as "SECCOMP_FILTER_FLAG_TSYNC").
    Names opening with a connector ("for the ...") need only begin with its first letter.
    """
    longs = [g for g in names if len(g.names) >= 2]
    # By opening, then by second initial: that initial must be among the acronym's letters
    # after its first, so only those few lists are read ("" holds any name without one).
    by_opening: dict[str, dict[str, list[tuple[str, int, frozenset[str], Group]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    # Names opening with connectors, by the letters their first taking word may begin with.
    by_first: dict[str, list[tuple[int, frozenset[str], Group]]] = defaultdict(list)
    for group in longs:
        # As ``initials_match`` reads them: "D-Bus" is one word, "dbus".
        flat = tuple(w.replace(" ", "") for w in group.words)
        spelled = "".join(flat)
        if flat[0] in CONNECTORS:
            firsts = set()
            for word in flat:
                firsts.add(word[0])
                if word not in CONNECTORS:
                    break
            for letter in firsts:
                by_first[letter].append((len(spelled), frozenset(spelled), group))
            continue
        initials = "".join(w[0] for w in flat if w not in CONNECTORS)
        entry = (initials, len(spelled), frozenset(spelled), group)
        for opening in _openings(flat):
            by_opening[opening][initials[1:2]].append(entry)
    for group in names:
        if not group.acronym or group.gazetteer:
            continue
        acronym = group.mentions[0][1].text
        letters = acronym.replace(".", "").casefold()
        if len(letters) < 2:
            continue  # a name has two words or more, each spelling a letter at least
        rest, size, needed = letters[1:], len(letters), frozenset(letters)
        by_second = by_opening.get(letters[:2], {})
        candidates = [
            g
            for second in ("", *dict.fromkeys(rest))
            for initials, length, chars, g in by_second.get(second, ())
            if length >= size and needed <= chars and _subsequence_of(initials[1:], rest)
        ]
        candidates += [
            g
            for length, chars, g in by_first.get(letters[0], ())
            if length >= size and needed <= chars
        ]
        roots = {uf.find(g.key) for g in candidates if initials_match(acronym, g.words)}
        if len(roots) == 1:
            uf.union(group.key, roots.pop())


# ---------------------------------------------------------------- dates


def _link_dates(groups: dict[tuple, Group], uf: _UnionFind) -> None:
    full = [k for k in groups if k[0] == "date" and k[1] is not None]
    for key in groups:
        if key[0] != "date" or key[1] is not None or key[2] is None:
            continue
        _, _, month, day = key
        candidates = {uf.find(k) for k in full if k[2] == month and k[3] == day}
        if len(candidates) == 1:
            uf.union(key, candidates.pop())


# ---------------------------------------------------------------- partial names


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> int:
    """Position of ``short`` as a contiguous word sequence in ``long``, or -1."""
    n, m = len(long), len(short)
    for i in range(n - m + 1):
        if long[i : i + m] == short:
            return i
    return -1


def _subsequence(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """``short`` is ``long`` with some middle words left out, same first and last word
    ("Venice Film Festival" in "Venice International Film Festival")."""
    if len(short) < 2 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(word in it for word in short)


def _partial_allowed(long: Group, long_type: str | None, short: Group, at: int) -> bool:
    words = long.words
    size = len(short.words)
    before, after = words[:at], words[at + size :]
    if long_type == "PERSON":
        return True
    modifiers_only = bool(before) and not after and not any(w in CONNECTORS for w in before)
    if long_type == "ORG":
        if not before and after and all(w in ORG_HEADS for w in after):
            return True
        return modifiers_only and not any(w in ORG_HEADS for w in before)
    return modifiers_only


def _person_evidence(group: Group) -> float:
    """PERSON support beyond the default guess for two capitalised words."""
    return sum(w for t, w in group.votes() if t == "PERSON" and w >= 1.0)


def _link_partial_names(names: list[Group], uf: _UnionFind, types: dict[tuple, str | None]) -> None:
    multi = [g for g in names if len(g.names) >= 2 and not g.acronym]
    by_word: dict[str, list[Group]] = defaultdict(list)
    for group in multi:
        for word in set(group.names):
            by_word[word].append(group)
    for short in sorted(names, key=lambda g: -len(g.words)):
        if short.gazetteer or short.acronym or not short.names:
            continue
        short_type = types[short.key]
        strength = max((w for t, w in short.votes() if t == short_type), default=0.0)
        short_person = _person_evidence(short) > 0
        roots = set()
        for long in by_word.get(short.names[0], ()):
            if len(long.words) <= len(short.words):
                continue
            long_type = types[long.key]
            if strength >= 2.0 and short_type != long_type:
                continue
            if long_type == "PERSON" and not short_person and _person_evidence(long) == 0:
                long_type = "ORG"  # a bare two-word guess is no licence to absorb names
            at = _contains(long.words, short.words)
            if at >= 0:
                if _partial_allowed(long, long_type, short, at):
                    roots.add(uf.find(long.key))
            elif long_type in ("ORG", "OTHER", "PLACE") and _subsequence(long.words, short.words):
                roots.add(uf.find(long.key))
        if len(roots) == 1:
            uf.union(short.key, roots.pop())


# ---------------------------------------------------------------- spelling variants


def _link_fuzzy(names: list[Group], uf: _UnionFind, types: dict[tuple, str | None]) -> None:
    buckets: dict[str, list[Group]] = defaultdict(list)
    for group in names:
        label = " ".join(group.names)
        if len(label) >= _FUZZY_MIN_LENGTH and not group.acronym:
            buckets[label[:1]].append(group)
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        labels = [" ".join(g.names) for g in bucket]
        for i, label in enumerate(labels):
            hits = process.extract(
                label,
                labels[i + 1 :],
                scorer=fuzz.ratio,
                score_cutoff=_FUZZY_CUTOFF,
                limit=None,
            )
            for _, _, offset in hits:
                a, b = bucket[i], bucket[i + 1 + offset]
                if a.gazetteer and b.gazetteer:
                    continue
                ta, tb = types[a.key], types[b.key]
                if ta != tb and ta is not None and tb is not None:
                    continue
                uf.union(a.key, b.key)
