"""Named entities of a pair of texts: who, what, where, when and how much each side mentions.

The public face of the entity pipeline (``entity_patterns`` -> ``entity_tokens`` ->
``entity_extract`` -> ``entity_link``). :func:`extract_entities` returns one
:class:`Entity` per distinct real-world thing, with its mentions on each side, so the reader
can show what one agency names and the other leaves out. :class:`EntityIndex` answers "which
entities are in these paragraphs" for a row of the aligned view.

Policy choices (also in ``tests/core/gold/README.md``, which the evaluation follows):

* PLACE covers countries, cities, regions including geopolitical ones ("Global South",
  "Middle East"), geographic features and named facilities or venues.
* Metonymy is not resolved: "Beijing" meaning China's government stays the PLACE Beijing.
* Demonyms ("Russian") are not mentions. They are attached to their place's entity as
  ``left_demonyms``/``right_demonyms`` when that place is named somewhere in the pair, and
  they do not change ``presence``.
* OTHER is for named events, documents, laws, programmes and formats ("Kazan Summit",
  "National Security and Investment Act").
* DATE: absolute dates, month-and-year, years, decades and weekdays; relative expressions
  ("next month") are not entities. NUMBER: numerals with their %, currency, magnitude or
  unit ("$2.3 billion" is one NUMBER, equal to "2.3 billion dollars"), and ordinals in
  digits ("75th"); spelled-out numbers only with a magnitude or percent.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice

from .collector import gc_paused
from .entity_extract import (
    DemonymMention,
    DocumentScanner,
    Mention,
    PairContext,
    ParagraphMentions,
    best_type,
    build_context,
    extract_paragraph,
)
from .entity_link import Group, group_mentions, link
from .entity_model import Entity, EntityType, Presence
from .gazetteer import name_key
from .model import Document, Side, Span

_TYPE_ORDER = {t: i for i, t in enumerate(EntityType)}


def extract_entities(left: Document, right: Document, *, keep_scans: bool = True) -> list[Entity]:
    """Distinct entities of the pair, sorted by type, then by first mention.

    A paragraph's mentions depend only on its text and the pair-wide context, so each
    distinct paragraph text is read once: the copies (most of a lightly edited pair, and
    repeated boilerplate) take its results moved to their own offsets. ``keep_scans=False``
    trades time for memory, with the same result (see ``DocumentScanner``).
    """
    with gc_paused():
        return _extract(left, right, keep_scans)


def _extract(left: Document, right: Document, keep_scans: bool = True) -> list[Entity]:
    docs = (left, right)
    scanners = (DocumentScanner(left, keep=keep_scans), DocumentScanner(right, keep=keep_scans))
    first: dict[str, tuple[int, int]] = {}  # paragraph text -> (side, index) first seen
    origins: list[list[tuple[int, int]]] = []
    for side, doc in enumerate(docs):
        text = doc.text
        origins.append(
            [first.setdefault(text[a:b], (side, i)) for i, (a, b) in enumerate(doc.paragraphs)]
        )
    context = PairContext()
    for side, index in first.values():
        context.add(scanners[side].paragraph(index), docs[side].text)
    mentions, demonyms, definitions, terms = _collect(docs, scanners, origins, context)
    if terms:
        mentions = [(side, m) for side, m in mentions if m.key not in terms]
    groups = group_mentions(mentions)
    clusters = link(groups, definitions)
    by_place: dict[str, list[tuple[int, DemonymMention]]] = defaultdict(list)
    for side, demonym in demonyms:
        by_place[demonym.place].append((side, demonym))
    entities = [_entity(cluster, by_place) for cluster in clusters]
    entities.sort(key=_sort_key)
    return entities


def _collect(
    docs: tuple[Document, Document],
    scanners: tuple[DocumentScanner, DocumentScanner],
    origins: list[list[tuple[int, int]]],
    context: PairContext,
) -> tuple[
    list[tuple[int, Mention]], list[tuple[int, DemonymMention]], list[tuple[tuple, tuple]], set
]:
    """Every paragraph's mentions, demonyms and definitions, each tagged with its side, and
    the keys of the terms the texts define.

    A paragraph is extracted at its first copy (``origins``); later copies reuse that, moved
    to their own offsets, and copies of a paragraph with nothing in it cost nothing more.
    """
    mentions: list[tuple[int, Mention]] = []
    demonyms: list[tuple[int, DemonymMention]] = []
    definitions: list[tuple[tuple, tuple]] = []
    terms: set[tuple] = set()
    extracted: dict[tuple[int, int], ParagraphMentions | None] = {}
    for side, doc in enumerate(docs):
        for index, origin in enumerate(origins[side]):
            if origin == (side, index):
                paragraph: ParagraphMentions | None = extract_paragraph(
                    scanners[side], index, context
                )
                terms.update(paragraph.terms)
                if not (paragraph.mentions or paragraph.demonyms or paragraph.definitions):
                    paragraph = None
                extracted[origin] = paragraph
            else:
                paragraph = extracted[origin]
                if paragraph is None:
                    continue
                shift = doc.paragraphs[index][0] - docs[origin[0]].paragraphs[origin[1]][0]
                paragraph = _shifted(paragraph, shift)
            if paragraph is None:
                continue
            mentions.extend((side, m) for m in paragraph.mentions)
            demonyms.extend((side, d) for d in paragraph.demonyms)
            definitions.extend(paragraph.definitions)
    return mentions, demonyms, definitions, terms


def _shifted(paragraph: ParagraphMentions, shift: int) -> ParagraphMentions:
    """The same mentions ``shift`` characters further on (a copy of the paragraph)."""
    if not shift:
        return paragraph
    return ParagraphMentions(
        [Mention((a + shift, b + shift), *rest) for (a, b), *rest in paragraph.mentions],
        [DemonymMention((a + shift, b + shift), *rest) for (a, b), *rest in paragraph.demonyms],
        paragraph.definitions,
    )


def _entity(cluster: list[Group], by_place: dict[str, list]) -> Entity:
    if len(cluster) == 1:
        # One group's mentions were collected in text order, left side first: sorted.
        occurrences = cluster[0].mentions
    else:
        occurrences = sorted(
            ((side, m) for g in cluster for side, m in g.mentions),
            key=lambda x: (x[0], x[1].span),
        )
    surfaces = dict.fromkeys(mention.text for _, mention in occurrences)
    # A name broken over lines in hard-wrapped text ("Free Software\n    Foundation") is
    # shown, and counted as an alias, with single spaces.
    aliases = list(dict.fromkeys(" ".join(surface.split()) for surface in surfaces))
    name = max(aliases, key=lambda a: (len(a), not a.isupper(), -aliases.index(a)))
    canonical = next((g.key[1] for g in cluster if g.gazetteer), None)
    if name.isupper() and canonical is not None and name_key(canonical) == name_key(name):
        name = canonical  # a dateline's "BEIJING" is shown as "Beijing"
    votes = [v for _, m in occurrences for v in m.votes]
    type_ = EntityType(best_type(votes) or "OTHER")
    left = tuple(m.span for side, m in occurrences if side == 0)
    right = tuple(m.span for side, m in occurrences if side == 1)
    demonym_spans: list[tuple[int, Span]] = []
    for group in cluster:
        if group.gazetteer:
            demonym_spans.extend((s, d.span) for s, d in by_place.get(group.key[1], ()))
    left_dem = tuple(sorted(span for side, span in demonym_spans if side == 0))
    right_dem = tuple(sorted(span for side, span in demonym_spans if side == 1))
    return Entity(name, type_, tuple(aliases), left, right, left_dem, right_dem)


def _sort_key(entity: Entity) -> tuple:
    left = entity.left_mentions[0][0] if entity.left_mentions else math.inf
    right = entity.right_mentions[0][0] if entity.right_mentions else math.inf
    return (_TYPE_ORDER[entity.type], left, right, entity.name)


class EntityIndex:
    """Lookup of entities by position, for drawing a row or a paragraph of the reader."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = tuple(entities)
        self._starts: dict[Side, list[int]] = {}
        self._items: dict[Side, list[tuple[Span, int]]] = {}
        for side in Side:
            items = sorted(
                (span, i) for i, e in enumerate(self.entities) for span in e.mentions(side)
            )
            self._items[side] = items
            self._starts[side] = [span[0] for span, _ in items]

    def mentions_in(self, side: Side, start: int, end: int) -> list[tuple[Span, Entity]]:
        """Mentions lying inside ``[start, end)`` on ``side``, in text order."""
        items = self._items[side]
        found = []
        # islice, not items[lo:]: a slice would copy the rest of a book's mentions per call.
        for span, i in islice(items, bisect.bisect_left(self._starts[side], start), None):
            if span[0] >= end:
                break
            if span[1] <= end:
                found.append((span, self.entities[i]))
        return found

    def in_paragraphs(
        self, side: Side, doc: Document, paragraphs: Iterable[int]
    ) -> tuple[Entity, ...]:
        """Distinct entities mentioned in the given paragraphs of ``doc``, in list order."""
        seen: set[int] = set()
        for index in paragraphs:
            start, end = doc.paragraphs[index]
            for _, entity in self.mentions_in(side, start, end):
                seen.add(id(entity))
        return tuple(e for e in self.entities if id(e) in seen)


def paragraph_mentions(
    doc: Document, index: int, context_docs: Iterable[Document] = ()
) -> list[Mention]:
    """Raw (unlinked) mentions of one paragraph, judged against ``doc`` and ``context_docs``.

    For the reader, prefer :class:`EntityIndex` over :func:`extract_entities`' result: it has
    the pair-wide links and types. This is the building block and a debugging aid.
    """
    scanner = DocumentScanner(doc)
    context: PairContext = build_context([scanner, *(DocumentScanner(d) for d in context_docs)])
    return extract_paragraph(scanner, index, context).mentions


__all__ = [
    "Entity",
    "EntityIndex",
    "EntityType",
    "Presence",
    "extract_entities",
    "paragraph_mentions",
]
