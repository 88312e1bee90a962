"""Scoring entity extraction against the hand-annotated gold pairs in ``tests/core/gold``.

Shared by ``test_entities_gold.py`` and ``benchmarks/entities_eval.py``.

A gold entity lists its name, type, the surface forms a reader would accept for it
(``aliases``) and which side mentions it. A predicted entity *matches* a gold one when the
types are equal and one of its names or aliases equals one of the gold's (compared without
case, accents and, for names, periods). Matching is one-to-one, so linking errors cost: two
predicted entities for one gold entity leave one unmatched (precision), one predicted entity
for two gold entities leaves one gold unmatched (recall).

Presence is scored on (entity, side) items: a predicted side counts as correct when the
predicted entity is matched and the gold entity is mentioned on that side too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tui.core.document import document_from_text
from tui.core.entities import Entity, extract_entities
from tui.core.gazetteer import name_key

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = Path(__file__).resolve().parent / "gold"
_SIDES = {"both": {"left", "right"}, "left": {"left"}, "right": {"right"}}


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    presence: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GoldPair:
    name: str
    left: Path
    right: Path
    entities: tuple[GoldEntity, ...]


@dataclass(frozen=True)
class Score:
    """Counts and ratios of one pair (or a sum of pairs)."""

    gold: int
    predicted: int
    matched: int
    untyped_matched: int
    gold_sides: int
    predicted_sides: int
    matched_sides: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        return self._ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return self._ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def untyped_f1(self) -> float:
        p = self._ratio(self.untyped_matched, self.predicted)
        r = self._ratio(self.untyped_matched, self.gold)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def presence_precision(self) -> float:
        return self._ratio(self.matched_sides, self.predicted_sides)

    @property
    def presence_recall(self) -> float:
        return self._ratio(self.matched_sides, self.gold_sides)

    def __add__(self, other: Score) -> Score:
        return Score(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.untyped_matched + other.untyped_matched,
            self.gold_sides + other.gold_sides,
            self.predicted_sides + other.predicted_sides,
            self.matched_sides + other.matched_sides,
        )


def load_gold(path: Path) -> GoldPair:
    data = json.loads(path.read_text(encoding="utf-8"))
    entities = tuple(
        GoldEntity(e["name"], e["type"], e["presence"], tuple(e["aliases"]))
        for e in data["entities"]
    )
    return GoldPair(data["pair"], ROOT / data["left"], ROOT / data["right"], entities)


def gold_pairs() -> list[GoldPair]:
    return [load_gold(p) for p in sorted(GOLD_DIR.glob("*.json"))]


def predict(pair: GoldPair) -> list[Entity]:
    left = document_from_text(pair.left.read_text(encoding="utf-8"), path=str(pair.left))
    right = document_from_text(pair.right.read_text(encoding="utf-8"), path=str(pair.right))
    return extract_entities(left, right)


def _keys(type_: str, forms: tuple[str, ...]) -> set[str]:
    if type_ in ("DATE", "NUMBER"):
        return {" ".join(f.casefold().split()).rstrip(".") for f in forms}
    return {name_key(f) for f in forms}


def _match(
    gold: tuple[GoldEntity, ...], predicted: list[Entity], typed: bool
) -> list[tuple[int, int]]:
    gold_keys = [_keys(g.type, (g.name, *g.aliases)) for g in gold]
    pred_keys = [_keys(p.type.value, (p.name, *p.aliases)) for p in predicted]
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if typed and g.type != p.type.value:
                continue
            overlap = len(gold_keys[i] & pred_keys[j])
            if overlap:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score(pair: GoldPair, predicted: list[Entity]) -> Score:
    pairs = _match(pair.entities, predicted, typed=True)
    untyped = _match(pair.entities, predicted, typed=False)
    matched_sides = sum(
        len(_SIDES[pair.entities[i].presence] & _SIDES[predicted[j].presence.value])
        for i, j in pairs
    )
    gold_hit = {i for i, _ in pairs}
    pred_hit = {j for _, j in pairs}
    return Score(
        gold=len(pair.entities),
        predicted=len(predicted),
        matched=len(pairs),
        untyped_matched=len(untyped),
        gold_sides=sum(len(_SIDES[g.presence]) for g in pair.entities),
        predicted_sides=sum(len(_SIDES[p.presence.value]) for p in predicted),
        matched_sides=matched_sides,
        missed=tuple(
            f"{g.type} {g.name} [{g.presence}]"
            for i, g in enumerate(pair.entities)
            if i not in gold_hit
        ),
        spurious=tuple(
            f"{p.type.value} {p.name} [{p.presence.value}] {p.aliases}"
            for j, p in enumerate(predicted)
            if j not in pred_hit
        ),
    )
