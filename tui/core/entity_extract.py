"""Rule-based extraction of entity mentions from one paragraph, with offsets.

The pipeline per paragraph: dates and numbers by pattern (``entity_patterns``); capitalised
tokens (``entity_tokens``); *runs* of them, joined by spaces or by lower-case connectors
("Office of the Central Commission for Foreign Affairs"); runs split where a connector joins
two names rather than building one ("Russia and China"); titles peeled off person names;
hyphenated pairs split ("China-Russia"); sentence-initial and headline words kept only with
evidence; then type evidence for each candidate (``entity_cues``).

Text that capitalises for other reasons than naming is read as such: in a headline, a
numbered heading or a paragraph written in capitals only words known from running text are
names; capitalised phrases in running text ("WITHOUT ANY WARRANTY") are stress; and terms
the text defines for itself ('"Combined Work" means ...') are vocabulary wherever used.

What is *known* across the pair (words seen capitalised mid-sentence, words seen in lower
case) comes from a ``PairContext`` (``entity_scan``), built once from both documents: it is
what lets "Putin" at the start of a sentence count as a name because the other text has
"Vladimir Putin" mid-sentence, while "Complete text:" stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .entity_cues import Cand, TypeCues
from .entity_lexicon import (
    ACRONYM_STOPLIST,
    ALL_HEADS,
    CONNECTORS,
    FACILITY_OR_ORG,
    NAME_PARTICLES,
    NON_ENTITY_ADJECTIVES,
    ORG_HEADS,
    OTHER_HEADS,
    PERSON_TITLES,
    PORTFOLIO_WORDS,
    SPEECH_VERBS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from .entity_mentions import DemonymMention, Mention, ParagraphMentions, best_type
from .entity_scan import DocumentScanner, PairContext, ScannedParagraph, build_context
from .entity_tokens import Token, connectors_between, joined
from .gazetteer import Gazetteer, load_gazetteer, name_key

MIN_SHOUTED_WORD = 5
"""All-capital words shorter than this are taken for acronyms, never for shouted words."""
_OPEN_QUOTE = re.compile(r"[“\"‘](?:(?:The|A|An)[ \t]+)?$")
_CLOSE_QUOTE = re.compile(r"[,.!?]?[”\"’]")
_DEFINITION = re.compile(
    r"(?:(?P<named>\b(?:called|termed|referred\s+to\s+as|hereinafter)\s+(?:the\s+|an?\s+)?)"
    r"|(?P<article>\b(?:[Aa]n?|The)\s+))?"
    r"[“\"](?P<term>[^“”\"]{1,80}?)[”\"]"
    r"(?:(?P<between>\s+[a-z]+|,?\s+(?:for|of|in)\s+[^.;:\"”]{1,40}?,?)?"
    r"\s+(?:also\s+)?(?P<verb>means|mean|shall\s+mean|refers?\s+to|is\s+defined|includes?"
    r"|has\s+the\s+meaning|is|are)\b)?"
)
"""A quoted term and what makes it a definition: a naming verb before it ('is also called
the "Linked Version"'), or a defining verb after it, perhaps after a word or a qualifying
phrase ('"Contributor" means', '"Source" form shall mean', 'The "Corresponding Source" for a
work in object code form means'); "is" only after an article ('A "Combined Work" is')."""
_MEANING_VERBS = frozenset(
    {
        "means",
        "mean",
        "shall mean",
        "refers to",
        "refer to",
        "has the meaning",
        "include",
        "includes",
    }
)
_PERSON_TITLE_WORDS = TITLE_WORDS & PERSON_TITLES
"""The words that make ``_Extractor._titled`` peel a title off a name."""
_CORE_FUNCTION = frozenset(
    "the a an in on at for by from to with as but and or of he she it they we i his her its "
    "their our this that if when while".split()
)


class _Extractor(TypeCues):
    """Extraction state for one paragraph: finds the names (``TypeCues`` types them)."""

    def __init__(self, text: str, para: ScannedParagraph, context: PairContext, gaz: Gazetteer):
        self.text = text
        self.para = para
        self.tokens = para.tokens
        self.context = context
        self.gaz = gaz
        self.out = ParagraphMentions()
        self.cands: list[Cand] = []
        self._terms: list[tuple[int, int]] | None = None

    def run(self) -> ParagraphMentions:
        for p in self.para.patterns:
            if p.type != "SKIP":
                surface = self.text[p.start : p.end]
                self.out.mentions.append(
                    Mention((p.start, p.end), surface, p.key, ((p.type, 3.0),))
                )
        for run in self._runs():
            for segment in self._split_run(run):
                self._segment(segment)
        self._propagate_lists()
        self._definitions()
        for cand in self.cands:
            self.out.mentions.append(cand.mention())
        self.out.mentions.sort(key=lambda m: m.span)
        return self.out

    def _runs(self) -> list[list[Token]]:
        """Maximal sequences of capitalised tokens joined by spaces or connectors.

        A capitalised function word ("Such", "You", "Everyone") may continue a name on its
        line but never starts one, nor continues one across a line break: in hard-wrapped
        text a line ending "Boston, MA USA" and the next opening "Everyone is permitted"
        hold two sentences. Capitalised phrases (``ScannedParagraph.emphasis``) are prose.
        """
        runs: list[list[Token]] = []
        current: list[Token] = []
        emphasis = self.para.emphasis
        for tok in self.tokens:
            if tok.index in emphasis:
                if current:
                    runs.append(current)
                current = []
                continue
            if current and not (tok.stop and tok.lower in _CORE_FUNCTION):
                prev = current[-1]
                if joined(self.text, prev, tok) and not (
                    tok.stop and "\n" in self.text[prev.end : tok.start]
                ):
                    current.append(tok)
                    continue
                connectors = connectors_between(self.text, prev, tok)
                if connectors is not None:
                    current.extend(connectors)
                    current.append(tok)
                    continue
            if current:
                runs.append(current)
            current = [] if tok.stop else [tok]
        if current:
            runs.append(current)
        return runs

    def _split_run(self, run: list[Token]) -> list[list[Token]]:
        segments: list[list[Token]] = []
        seg = [run[0]]
        complement = False
        i = 1
        while i < len(run):
            tok = run[i]
            if tok.lower not in CONNECTORS or tok.cap:
                seg.append(tok)
                i += 1
                continue
            j = i
            while j < len(run) and run[j].lower in CONNECTORS and not run[j].cap:
                j += 1
            k = j
            while k < len(run) and not (run[k].lower in CONNECTORS and not run[k].cap):
                k += 1
            conns = [t.lower for t in run[i:j]]
            keep, complement = self._keep(seg, conns, run[j:k], complement)
            if keep:
                seg.extend(run[i:j])
            else:
                segments.append(seg)
                seg = []
                complement = False
            i = j
        segments.append(seg)
        return [s for s in segments if s]

    def _keep(
        self,
        seg: list[Token],
        conns: list[str],
        after: list[Token],
        complement: bool,
    ) -> tuple[bool, bool]:
        """Whether connectors ``conns`` between ``seg`` and ``after`` stay inside one name."""
        if not after or len(conns) > 2:
            return False, complement
        if all(c in NAME_PARTICLES for c in conns):
            return True, complement
        whole = self.text[seg[0].start : after[-1].end]
        if self.gaz.place_or_org(whole) is not None:
            return True, complement
        last = seg[-1].lower.rstrip(".")
        first = conns[0]
        rest = conns[1:]
        if first in ("of", "for", "on") and rest in ([], ["the"]):
            heads = ALL_HEADS | TITLE_WORDS if first == "of" else ALL_HEADS | PERSON_TITLES
            if first == "on":
                heads = ORG_HEADS | OTHER_HEADS
            if last in heads or last in FACILITY_OR_ORG:
                return True, True
            return False, complement
        if first in ("and", "&") and not rest:
            if first == "&":
                return True, complement
            after_last = after[-1].lower
            if complement and (
                after_last in ALL_HEADS or all(t.lower in PORTFOLIO_WORDS for t in after)
            ):
                return True, complement
            seg_has_head = any(t.lower in ALL_HEADS for t in seg)
            if not seg_has_head and len(after) <= 2 and after_last in ALL_HEADS:
                return True, complement
        return False, complement

    # ---- segments
    def _segment(self, seg: list[Token]) -> None:
        if self.para.shouting:
            for part in self._known_only(seg, self._known_in_capitals):
                self._emit(part)
            return
        if len(seg) == 1 and "-" in seg[0].text and self._hyphen_pair(seg[0]):
            return
        if self._titled(seg):
            return
        if self._defined_term(seg):
            return
        if self._quoted(seg):
            self._candidate(seg, quoted=True)
            return
        for part in self._filter_initial(seg):
            self._emit(part)

    def _emit(self, part: list[Token]) -> None:
        names = [t for t in part if t.cap]
        if len(names) > 1 and self._demonym_prefix(part, 0) == len(part):
            surface = self._surface(part)
            place = self.gaz.demonym(surface) or ""
            span = (part[0].start, part[-1].end)
            self.out.demonyms.append(DemonymMention(span, surface, place))
            return
        if len(names) == 1:
            tok = names[0]
            place = self.gaz.demonym(tok.text)
            if place is not None:
                self.out.demonyms.append(DemonymMention((tok.start, tok.end), tok.text, place))
                return
            if tok.lower in NON_ENTITY_ADJECTIVES or tok.lower in PERSON_TITLES:
                return
            if tok.lower in TITLE_MODIFIERS and not (tok.possessive or self.starts_names(tok)):
                return
            if tok.caps and tok.text in ACRONYM_STOPLIST:
                return
            if len(part) == 1 and self._capitalised_word(tok):
                return
        self._candidate(part)

    def _capitalised_word(self, tok: Token) -> bool:
        """Whether a lone capitalised word is an everyday word the texts mostly write in
        lower case (``PairContext.mostly_lower``), capitalised here by its place: a list
        item, an option's description, a heading run into the text.

        Spellings a person chose stay names: inner capitals ("DBus", "CPack") and short
        all-capital words, which are acronyms ("US", "IT") far more often than shouting;
        and so do any name the gazetteer knows and a speaker ("Will said").
        """
        word = tok.text
        if tok.caps:
            if len(word) < MIN_SHOUTED_WORD:
                return False
        elif any(c.isupper() for c in word[1:]):
            return False
        if not self.context.mostly_lower(word) or self.gaz.lookup(word) is not None:
            return False
        # A speaker is a name however common the word: "Will said", "asked Hope".
        return self.next_word(tok) not in SPEECH_VERBS and self.prev_word(tok) not in SPEECH_VERBS

    def _hyphen_pair(self, tok: Token) -> bool:
        """'China-Russia': two mentions with their own offsets when a part is a known name."""
        if self.gaz.lookup(tok.text) is not None or tok.lower in TITLE_WORDS:
            return False
        parts = tok.text.split("-")
        if not any(self.gaz.place_or_org(p) is not None for p in parts):
            return False
        offset = tok.start
        for part in parts:
            sub = Token(
                offset,
                offset + len(part),
                part,
                part.casefold(),
                tok.index,
                cap=True,
                caps=part.isupper() and len(part) > 1,
                acronym=part.isupper() and len(part) > 1,
                initial=False,
                possessive=tok.possessive,
                cut=tok.cut,
                based=tok.based,
            )
            offset += len(part) + 1
            if self.gaz.demonym(part) is not None:
                continue
            self._candidate([sub], context_token=tok)
        return True

    def _titled(self, seg: list[Token]) -> bool:
        """Peel titles off a person's name ("Russian President Vladimir Putin")."""
        if not any(t.cap and t.lower in _PERSON_TITLE_WORDS for t in seg):
            return False  # no person's title anywhere: the rest would find none either
        n = len(seg)
        k = 0
        prefix: list[list[Token]] = []
        while k < n:
            size = self._demonym_prefix(seg, k)
            if (
                size == 0
                and self.gaz.place_or_org(seg[k].text) is not None
                and (k + 1 < n and seg[k + 1].lower in TITLE_WORDS)
            ):
                size = 1
            if size == 0:
                break
            prefix.append(seg[k : k + size])
            k += size
        has_title = False
        while k < n and seg[k].lower in TITLE_WORDS and seg[k].cap:
            has_title = has_title or seg[k].lower in PERSON_TITLES
            k += 1
        if not has_title:
            return False
        complement: list[Token] = []
        if k < n and seg[k].lower in ("of", "for"):
            m = k + 1
            if m < n and seg[m].lower == "the":
                m += 1
            while m < n and (seg[m].lower in PORTFOLIO_WORDS or self.gaz.place_or_org(seg[m].text)):
                complement.append(seg[m])
                m += 1
            k = m
        name = seg[k:]
        while name and name[0].lower in CONNECTORS and not name[0].cap:
            name = name[1:]
        if any(t.lower in ALL_HEADS for t in name):
            return False
        for part in prefix + [[t] for t in complement]:
            surface = self._surface(part)
            place = self.gaz.demonym(surface)
            if place is not None:
                span = (part[0].start, part[-1].end)
                self.out.demonyms.append(DemonymMention(span, surface, place))
            elif self.gaz.place_or_org(surface) is not None:
                self._candidate(part)
        if name:
            self._candidate(name, extra=(("PERSON", 3.0),))
        return True

    def _demonym_prefix(self, seg: list[Token], k: int) -> int:
        """Length of a demonym starting at ``seg[k]`` ("South Korean" is 2), else 0."""
        capitalised = 0  # how many capitalised words follow from ``k``, up to three
        while capitalised < 3 and k + capitalised < len(seg) and seg[k + capitalised].cap:
            capitalised += 1
        start = seg[k].start
        for size in range(capitalised, 0, -1):
            if self.gaz.demonym(self.text[start : seg[k + size - 1].end]) is not None:
                return size
        return 0

    def _defined_term(self, seg: list[Token]) -> bool:
        """Whether ``seg`` lies in a term the text defines ('"Combined Work" means ...'); if
        so it is recorded, so that none of its uses counts as a name (legal text
        capitalises its vocabulary). A name defined as an alias ('"GNU GPL" refers to ...')
        is not a term: acronyms are names.
        """
        spans = self._term_spans()
        if not spans or any(t.acronym for t in seg):
            return False
        start, end = seg[0].start, seg[-1].end
        if not any(a <= start and end <= b for a, b in spans):
            return False
        key = name_key(self._surface(seg))
        # Its plural or singular too: '"Contribution" shall mean ...', "Contributions".
        other = key[:-1] if key.endswith("s") else key + "s"
        self.out.terms.extend((("name", key), ("name", other)))
        return True

    def _term_spans(self) -> list[tuple[int, int]]:
        """Spans of the terms this paragraph defines (see ``_DEFINITION``), found once."""
        if self._terms is None:
            self._terms = []
            start, end = self.para.start, self.para.end
            if self.text.find('"', start, end) >= 0 or self.text.find("“", start, end) >= 0:
                for m in _DEFINITION.finditer(self.text, start, end):
                    if m["named"] or _defines(m):
                        self._terms.append(m.span("term"))
        return self._terms

    def _quoted(self, seg: list[Token]) -> bool:
        """A title-case phrase that fills a pair of quotes: a work's title ("Night Ferry")."""
        if not _CLOSE_QUOTE.match(self.text, seg[-1].end, seg[-1].end + 2):
            return False  # the cheaper test first: most names are not followed by a quote
        before = self.text[max(self.para.start, seg[0].start - 6) : seg[0].start]
        return bool(_OPEN_QUOTE.search(before)) and all(t.cap or t.lower in CONNECTORS for t in seg)

    def _filter_initial(self, seg: list[Token]) -> list[list[Token]]:
        """Drop capitalised words that are capitalised only because of their position."""
        if self.para.headline:
            return self._headline_filter(seg)
        first = seg[0]
        if not first.initial or self._dateline(seg):
            return [seg]
        if self.gaz.place_or_org(self._surface(seg)) is not None or self.known(first):
            return [seg]
        names = [t for t in seg if t.cap]
        if len(names) == 1:
            return [seg] if first.possessive else []
        second = seg[1]
        known_second = second.cap and self.gaz.lookup(second.text) is not None
        if first.lower in self.context.lower_words or known_second:
            rest = _trim(seg[1:])
            if rest:
                # The rest now opens the sentence in its turn when it opens with another
                # word of the text's prose ("Disclaimer of Warranty. Unless ..."), not with
                # a name or title ("Former President Obama").
                prose = rest[0].lower in self.context.lower_words and not (
                    rest[0].lower in TITLE_WORDS or self.known(rest[0])
                )
                rest[0] = replace(rest[0], initial=prose)
                return self._filter_initial(rest)
            return []
        return [seg]

    def _headline_filter(self, seg: list[Token]) -> list[list[Token]]:
        """In a title-case line only words known from running text count as names."""
        return self._known_only(seg, self.known)

    def _known_in_capitals(self, tok: Token) -> bool:
        """In a paragraph written in capitals, an all-capital word is a name only as a place
        or organisation of the gazetteer or if running text writes it so too ("GNU")."""
        if not tok.caps:
            return self.known(tok)
        return tok.text in self.context.caps_words or self.gaz.lookup_any_case(tok.text) is not None

    def _known_only(self, seg: list[Token], known: Callable[[Token], bool]) -> list[list[Token]]:
        """The parts of ``seg`` between capitalised words that are not ``known`` (a whole
        gazetteer name is kept as it is)."""
        if self.gaz.place_or_org(self._surface(seg)) is not None:
            return [seg]
        parts: list[list[Token]] = []
        current: list[Token] = []
        for tok in seg:
            if tok.cap and not known(tok):
                parts.append(_trim(current))
                current = []
            elif tok.cap or current:
                current.append(tok)
        parts.append(_trim(current))
        return [p for p in parts if p]


def _defines(m: re.Match[str]) -> bool:
    """Whether a ``_DEFINITION`` match without a naming verb defines its term.

    A verb of meaning ("means", "refers to", "includes") may follow a word or a qualifying
    phrase ('"Source" form shall mean'); any other verb must follow the quote ('the "E3"
    capability is defined' defines no "E3"), and "is" or "are" need an article before the
    quote as well ('A "Combined Work" is').
    """
    verb = m["verb"]
    if verb is None:
        return False
    verb = " ".join(verb.split())
    if verb in _MEANING_VERBS:
        return True
    if m["between"]:
        return False
    return verb not in ("is", "are") or m["article"] is not None


def _trim(seg: list[Token]) -> list[Token]:
    """``seg`` without lower-case connectors at either edge."""
    start, end = 0, len(seg)
    while start < end and not seg[start].cap:
        start += 1
    while end > start and not seg[end - 1].cap:
        end -= 1
    return seg[start:end]


def extract_paragraph(
    scanner: DocumentScanner, index: int, context: PairContext | None = None
) -> ParagraphMentions:
    """Entity mentions of paragraph ``index`` of ``scanner``'s document.

    Without a ``context`` the paragraph is judged on its own document only (still correct
    for everything but sentence-initial names first seen mid-sentence in the other text).
    """
    if context is None:
        context = build_context([scanner])
    para = scanner.paragraph(index)
    return _Extractor(scanner.doc.text, para, context, load_gazetteer()).run()


def extract_document(scanner: DocumentScanner, context: PairContext) -> list[ParagraphMentions]:
    """Mentions of every paragraph of ``scanner``'s document, in order."""
    return [extract_paragraph(scanner, i, context) for i in range(len(scanner))]


__all__ = [
    "DemonymMention",
    "DocumentScanner",
    "Mention",
    "PairContext",
    "ParagraphMentions",
    "best_type",
    "build_context",
    "extract_document",
    "extract_paragraph",
]
