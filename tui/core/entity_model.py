"""What an extracted entity is: its type, which texts mention it, and where.

Kept apart from the extraction rules (``tui.core.entities``) so the reader's sidebar can
show entities without loading those rules at start-up; extraction runs in a worker later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tui.core.model import Side, Span


class EntityType(str, Enum):
    """Kinds of entity, in the order entity lists are sorted."""

    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    DATE = "DATE"
    NUMBER = "NUMBER"
    OTHER = "OTHER"


class Presence(str, Enum):
    """Which texts of the pair mention an entity."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Entity:
    """One distinct entity of a pair and where each side mentions it."""

    name: str
    """Canonical name: the longest form used in the pair."""
    type: EntityType
    aliases: tuple[str, ...]
    """Every distinct surface form, in order of first appearance (left text first)."""
    left_mentions: tuple[Span, ...]
    right_mentions: tuple[Span, ...]
    left_demonyms: tuple[Span, ...] = ()
    right_demonyms: tuple[Span, ...] = ()

    @property
    def presence(self) -> Presence:
        if self.left_mentions and self.right_mentions:
            return Presence.BOTH
        return Presence.LEFT if self.left_mentions else Presence.RIGHT

    def mentions(self, side: Side) -> tuple[Span, ...]:
        return self.left_mentions if side is Side.LEFT else self.right_mentions
