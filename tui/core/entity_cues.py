"""Type evidence for name candidates: the votes that say PERSON, ORG, PLACE or OTHER.

Evidence comes from the name itself (gazetteer, head noun such as "Agency" or "Summit",
acronym shape, a number at its end), from where it stands (dateline, "City, Country", quotes)
and from the words around it ("president X", "supplier X", "in X", "X said", "X's shares",
"X, a member of"). Strengths: 3 = certain, 2 = strong shape, 1 = context cue, below 1 =
default guess. :class:`TypeCues` is the half of the paragraph extractor that collects them;
``entity_extract`` holds the half that finds the names.
"""

from __future__ import annotations

import re

from .entity_lexicon import (
    ACRONYM_STOPLIST,
    ALL_HEADS,
    COMPASS_WORDS,
    CONNECTORS,
    FACILITY_OR_ORG,
    NAME_PARTICLES,
    ORG_DESCRIPTORS,
    ORG_MARKERS,
    ORG_POSSESSED,
    OTHER_DESCRIPTORS,
    OTHER_HEADS,
    PERSON_TITLES,
    PLACE_DESCRIPTORS,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
)
from .entity_mentions import Mention, ParagraphMentions, best_type
from .entity_scan import PairContext, ScannedParagraph
from .entity_tokens import Token, joined
from .gazetteer import Gazetteer, name_key

_APPOSITIVE_ROLES = PERSON_TITLES | {"member", "partner", "official", "leader", "founder"}
_LIST_GAPS = frozenset({", ", " and ", ", and ", " or ", ", or "})
_PREV_WORD = re.compile(r"(?<![\w'’])([a-z]+)[ \t]+$")
_NEXT_WORD = re.compile(r",?[ \t]+([a-z]+)\b")
_PLACE_OF = re.compile(r"\b(?:" + "|".join(sorted(PLACE_DESCRIPTORS)) + r")[ \t]+of[ \t]+$")
_POSSESSED = re.compile(r"(?:[ \t]+[a-z][a-z-]*){1,3}")
_NOT_OPENING = re.compile(r"[^ \t\"“‘'(\[]")
"""Anything but spaces and opening quotes or brackets (what may precede a dateline)."""
_APPOSITIVE = re.compile(r",[ \t]+([^,.;:!?()\"“”\n]{1,50})")
_PREPOSITIONS = frozenset(
    "at in from to by with for of on near into onto about against between".split()
)


def _has_digit(word: str) -> bool:
    """Whether ``word`` has a digit (an all-letter word, the usual case, is ruled out in C)."""
    return not word.isalpha() and any(c.isdigit() for c in word)


class Cand:
    """A name candidate being typed."""

    def __init__(self, seg: list[Token], surface: str) -> None:
        self.seg = seg
        self.start = seg[0].start
        self.end = seg[-1].end
        self.surface = surface
        self.names = [t for t in seg if t.cap]
        self.key: tuple = ("name", name_key(surface))
        self.votes: list[tuple[str, float]] = []
        self.gazetteer = False
        self.acronym = False
        self.headed = False
        self.after_the = False

    def mention(self) -> Mention:
        return Mention(
            (self.start, self.end),
            self.surface,
            self.key,
            tuple(self.votes),
            self.gazetteer,
            self.acronym,
        )


class TypeCues:
    """Evidence collection over one paragraph (mixed into the extractor)."""

    text: str
    para: ScannedParagraph
    tokens: list[Token]
    context: PairContext
    gaz: Gazetteer
    out: ParagraphMentions
    cands: list[Cand]

    def known(self, tok: Token) -> bool:
        if tok.acronym and tok.text not in ACRONYM_STOPLIST:
            return True
        if self.gaz.lookup(tok.text) is not None:
            return True
        return name_key(tok.text) in self.context.mid_caps

    def starts_names(self, tok: Token) -> bool:
        """Known to begin a name by itself (so a capital before it may be a sentence start)."""
        if self.gaz.lookup(tok.text) is not None:
            return True
        return name_key(tok.text) in self.context.run_starts

    def prev_word(self, tok: Token) -> str | None:
        """The lower-case word right before ``tok`` (only spaces between), else ``None``.

        What ``_PREV_WORD.search`` finds in the 40 characters before ``tok``, found by
        walking back from ``tok``: the pattern is anchored at the end, but a search would
        try it at each of those 40 positions, and this runs for every candidate.
        """
        text = self.text
        low = max(self.para.start, tok.start - 40)
        end = tok.start
        if end > low and text[end - 1] == "\n":
            end -= 1  # ``$`` also matches before a final newline
        j = end
        while j > low and text[j - 1] in " \t":
            j -= 1
        k = j
        while k > low and "a" <= text[k - 1] <= "z":
            k -= 1
        if j == end or k == j:
            return None  # no space, or no lower-case word before it
        before = text[k - 1 : k]  # the pattern's look-behind may read before ``low``
        if before and (before.isalnum() or before in "_'’"):
            return None
        return text[k:j]

    def prev_token(self, tok: Token) -> Token | None:
        """The capitalised token right before ``tok`` (only spaces between), else ``None``."""
        if tok.index <= 0:
            return None
        prev = self.tokens[tok.index - 1]
        gap = self.text[prev.end : tok.start]
        return prev if gap.isspace() else None

    def next_word(self, tok: Token) -> str | None:
        """The lower-case word right after ``tok`` (only spaces between), else ``None``."""
        m = _NEXT_WORD.match(self.text, tok.end, self.para.end)
        return m.group(1) if m else None

    # ---- main
    def _dateline(self, seg: list[Token]) -> bool:
        """'BEIJING, Sept 13 (KUNA) --', 'Arusha, Tanzania —', 'Geneva/Santiago, 9 Oct'."""
        after = self.text[seg[-1].end : seg[-1].end + 4]
        all_caps = all(t.caps or t.lower in CONNECTORS for t in seg)
        if all_caps and (after.startswith((",", " (", " --", " —", " –"))):
            return True
        if _NOT_OPENING.search(self.text, self.para.start, seg[0].start):
            return False
        if after.startswith(("/", " --", " —", " –", "--")):
            return True
        if after.startswith(","):
            return self._followed_by_place_or_date(seg[-1])
        return False

    def _followed_by_place_or_date(self, tok: Token) -> bool:
        rest = self.text[tok.end : tok.end + 40]
        stripped = rest[1:].lstrip()
        offset = tok.end + len(rest) - len(stripped)
        if offset in self.para.date_starts:
            return True
        nxt = self.tokens[tok.index + 1] if tok.index + 1 < len(self.tokens) else None
        if nxt is None or nxt.start != offset or nxt.possessive:
            return False
        hit = self.gaz.place_or_org(nxt.text)
        if hit is None:
            two = self.tokens[nxt.index + 1] if nxt.index + 1 < len(self.tokens) else None
            if two is not None and joined(self.text, nxt, two):
                hit = self.gaz.place_or_org(self.text[nxt.start : two.end])
        return (
            hit is not None
            and hit.type == "PLACE"
            and hit.kind in ("country", "territory", "state", "region")
        )

    def _surface(self, seg: list[Token]) -> str:
        return self.text[seg[0].start : seg[-1].end]

    # ---- candidates and their type evidence
    def _candidate(
        self,
        seg: list[Token],
        extra: tuple[tuple[str, float], ...] = (),
        context_token: Token | None = None,
        quoted: bool = False,
    ) -> None:
        surface = self._surface(seg)
        names = [t for t in seg if t.cap]
        if not names:
            return
        if self.next_word(seg[-1]) == "time" and len(names) == 1:
            return  # "Pacific time", "local time": a time zone
        if len(names) == 1 and names[0].lower.rstrip(".") in ALL_HEADS and not names[0].caps:
            return  # a bare "Agency" or "Summit" refers back; it is not a new entity
        cand = Cand(seg, surface)
        edge = context_token or seg[0]
        last = context_token or seg[-1]
        hit = self.gaz.place_or_org(surface)
        if hit is not None:
            cand.key = ("gaz", hit.canonical)
            cand.gazetteer = True
            cand.votes.append((hit.type, 3.0))
        cand.votes.extend(extra)
        if quoted and hit is None:
            cand.votes.append(("OTHER", 2.0))
        if hit is None and _has_digit(names[-1].text) and not names[-1].caps:
            cand.votes.append(("OTHER", 1.0))  # "Falcon 9", "Tianwen-1", "Article 5"
        if not extra and hit is None:
            self._head_votes(cand, seg)
            dateline = self._dateline(seg)
            if len(names) == 1 and names[0].acronym and names[0].text not in ACRONYM_STOPLIST:
                cand.acronym = True
                if not dateline:
                    cand.votes.append(("ORG", 2.0))
            if dateline or self._city_country(last):
                cand.votes.append(("PLACE", 2.0))
            self._context_votes(cand, seg, edge, last)
            self._default_votes(cand, seg, names, edge)
        self.cands.append(cand)

    def _head_votes(self, cand: Cand, seg: list[Token]) -> None:
        """Type from the head noun: the last word, or the word before "of"/"for"/"on"."""
        head = seg[-1]
        for i, tok in enumerate(seg):
            if tok.lower in ("of", "for", "on") and not tok.cap and i > 0:
                head = seg[i - 1]
                break
        word = head.lower.rstrip(".")
        if head.cap and (word in ALL_HEADS or word in FACILITY_OR_ORG):
            if word in FACILITY_OR_ORG:
                pos = seg.index(head)
                is_org = pos + 1 < len(seg) and seg[pos + 1].lower in ("for", "of")
                cand.votes.append(("ORG" if is_org else "PLACE", 3.0))
            elif word in OTHER_HEADS:
                cand.votes.append(("OTHER", 3.0))
            elif word in PLACE_HEADS:
                cand.votes.append(("PLACE", 3.0))
            else:
                cand.votes.append(("ORG", 3.0))
            cand.headed = True
        elif len(seg) > 1 and any(t.lower in ORG_MARKERS for t in seg):
            cand.votes.append(("ORG", 2.0))
            cand.headed = True

    def _city_country(self, last: Token) -> bool:
        """'Cambridge, England': a name followed by a comma and a country is a place."""
        if self.text[last.end : last.end + 2] != ", ":
            return False
        return self._followed_by_place_or_date(last) and (
            last.end + 2 not in self.para.pattern_starts
        )

    def _context_votes(self, cand: Cand, seg: list[Token], edge: Token, last: Token) -> None:
        word = self.prev_word(edge)
        single = len([t for t in seg if t.cap]) == 1
        if word is not None:
            if word in PERSON_TITLES:
                cand.votes.append(("PERSON", 3.0))
            elif word in ORG_DESCRIPTORS:
                cand.votes.append(("ORG", 1.0))
            elif (
                word in PLACE_DESCRIPTORS
                or (word in PLACE_PREPOSITIONS and single)
                or (
                    word == "of"
                    and _PLACE_OF.search(
                        self.text, max(self.para.start, edge.start - 30), edge.start
                    )
                )
            ):
                cand.votes.append(("PLACE", 1.0))
            elif word in SPEECH_VERBS:
                cand.votes.append(("PERSON", 1.0))
            elif word in OTHER_DESCRIPTORS:
                cand.votes.append(("OTHER", 1.0))
            cand.after_the = word == "the"
        else:
            prev = self.prev_token(edge)
            if prev is not None and prev.possessive and self.gaz.place_or_org(prev.text):
                cand.votes.append(("ORG", 0.75))
        if last.based:
            cand.votes.append(("PLACE", 1.0))
        nxt = self.next_word(last)
        if nxt is not None:
            if nxt in PLACE_DESCRIPTORS:
                cand.votes.append(("PLACE", 1.0))
            elif nxt in OTHER_DESCRIPTORS:
                cand.votes.append(("OTHER", 1.0))
            elif nxt in SPEECH_VERBS and not cand.after_the and word not in _PREPOSITIONS:
                cand.votes.append(("PERSON", 1.0))
        if last.possessive:
            m = _POSSESSED.match(self.text, last.end, self.para.end)
            if m and any(w in ORG_POSSESSED for w in m.group(0).split()):
                cand.votes.append(("ORG", 1.0))
        if self._appositive_role(last):
            cand.votes.append(("PERSON", 1.0))

    def _appositive_role(self, last: Token) -> bool:
        """'Wang Yi, a member of ...', 'Martin Hale, Kestrel's chairman, ...'."""
        m = _APPOSITIVE.match(self.text, last.end, min(self.para.end, last.end + 60))
        if m is None:
            return False
        words = re.findall(r"(?<![\w'’])[a-z][a-z-]*", m.group(1))
        return any(w in _APPOSITIVE_ROLES for w in words[:4])

    def _default_votes(self, cand: Cand, seg: list[Token], names: list[Token], edge: Token) -> None:
        if cand.headed or cand.acronym:
            return
        if len(names) == 1:
            if names[0].lower in COMPASS_WORDS:
                cand.votes.append(("PLACE", 1.0))
            else:
                cand.votes.append(("ORG", 0.25))
            return
        person_shaped = (
            2 <= len(names) <= 4
            and len(names) == len(seg) - sum(1 for t in seg if t.lower in NAME_PARTICLES)
            and all(
                t.text[:1].isupper()
                and not t.caps
                and t.text.replace("-", "").replace("'", "").replace("’", "").isalpha()
                for t in names
            )
            and not any(self.gaz.lookup(t.text) is not None for t in names)
            and not any(t.lower in self.context.lower_words for t in names)
            and not cand.after_the
        )
        if person_shaped:
            cand.votes.append(("PERSON", 0.5))
        else:
            # "the Chilean Red Cross": people's names rarely take an article.
            cand.votes.append(("ORG", 0.75 if cand.after_the else 0.25))

    def _propagate_lists(self) -> None:
        """Items of one list ("in Cambridge, Leeds and Stuttgart") share a weak type.

        A chain of names separated by commas counts as a list only if it closes with "and"
        or "or": "Americas, Paulina Ortega-Blanco, said" is an apposition, not a list.
        """
        chain: list[Cand] = []
        closed = False
        for i, cand in enumerate(self.cands):
            if chain:
                gap = self.text[chain[-1].end : cand.start]
                if gap in _LIST_GAPS:
                    chain.append(cand)
                    closed = closed or gap != ", "
                    if i + 1 < len(self.cands):
                        continue
                else:
                    self._share_type(chain, closed)
                    chain, closed = [cand], False
                    continue
            else:
                chain = [cand]
                continue
        if chain:
            self._share_type(chain, closed)

    @staticmethod
    @staticmethod
    def _share_type(chain: list[Cand], closed: bool) -> None:
        if len(chain) < 2 or not closed:
            return
        evidence = [v for c in chain for v in c.votes if v[1] >= 1.0]
        t = best_type(evidence)
        if t is None:
            return
        for cand in chain:
            if best_type([v for v in cand.votes if v[1] >= 1.0]) is None:
                cand.votes.append((t, 0.75))

    def _definitions(self) -> None:
        cands = self.cands
        for i in range(1, len(cands)):
            long, short = cands[i - 1], cands[i]
            if (
                self.text[long.end : short.start] not in (" (", "(")
                or self.text[short.end : short.end + 1] != ")"
            ):
                continue
            if len(long.names) < 2 or len(short.names) != 1 or short.gazetteer:
                continue
            self.out.definitions.append((long.key, short.key))
