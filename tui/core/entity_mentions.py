"""The records entity extraction produces, before linking.

Kept apart from the extraction rules so that linking (``entity_link``) and the public API
(``entities``) depend only on these small types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Span


class Mention(NamedTuple):
    """One occurrence of a (candidate) entity in a document.

    A named tuple rather than a frozen dataclass: a long pair makes hundreds of thousands,
    and a frozen dataclass costs several times as much to construct.
    """

    span: Span
    text: str
    key: tuple
    """Identity before linking: ``("gaz", canonical)``, ``("name", key)`` or a date/number key."""
    votes: tuple[tuple[str, float], ...]
    """Type evidence, ``(type, strength)`` pairs (see the module docstring)."""
    gazetteer: bool = False
    acronym: bool = False

    @property
    def type(self) -> str | None:
        """The best-supported type, or ``None`` when there is no evidence at all."""
        return best_type(self.votes)


class DemonymMention(NamedTuple):
    """A demonym ("Russian") that counts toward a place without being a mention of it."""

    span: Span
    text: str
    place: str


@dataclass
class ParagraphMentions:
    """Everything extracted from one paragraph."""

    mentions: list[Mention] = field(default_factory=list)
    demonyms: list[DemonymMention] = field(default_factory=list)
    definitions: list[tuple[tuple, tuple]] = field(default_factory=list)
    """``(long_key, short_key)`` of "Kuwait News Agency (KUNA)" style definitions."""
    terms: list[tuple] = field(default_factory=list)
    """Keys of terms the text defines for itself ('"Combined Work" means ...'): words of
    its vocabulary, not names, wherever they appear."""


def best_type(votes: Iterable[tuple[str, float]]) -> str | None:
    """The type with most support: evidence (weight >= 1) adds up over mentions, while
    guesses (weight < 1) count once per type, since repeating a guess proves nothing."""
    totals: dict[str, float] = {}
    guesses: dict[str, float] = {}
    for type_, weight in votes:
        if weight >= 1.0:
            totals[type_] = totals.get(type_, 0.0) + weight
        else:
            guesses[type_] = max(guesses.get(type_, 0.0), weight)
    for type_, weight in guesses.items():
        totals[type_] = totals.get(type_, 0.0) + weight
    if not totals:
        return None
    order = ("PERSON", "ORG", "PLACE", "DATE", "NUMBER", "OTHER")
    return max(totals, key=lambda t: (totals[t], -order.index(t)))
