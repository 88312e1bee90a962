"""The data every layer shares: documents, their segments, and aligned rows.

All offsets are half-open ``(start, end)`` character offsets into ``Document.text``, the
decoded, newline-normalised text. That text is what the reader displays, so every span the
core computes (paragraphs, sentences, diff ops, entity mentions) can be drawn without
re-mapping. Everything here is immutable so results can be cached and shared across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

Span = tuple[int, int]
"""Half-open character range ``(start, end)`` into ``Document.text``."""


class RowKind(str, Enum):
    """How the two sides of an aligned row relate."""

    EQUAL = "equal"
    CHANGED = "changed"
    LEFT_ONLY = "left_only"
    RIGHT_ONLY = "right_only"


class Side(str, Enum):
    """Which of the two documents."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class DocumentInfo:
    """Bibliographic facts shown in a pane's header (from a manifest, or derived)."""

    title: str
    outlet: str = ""
    date: str = ""
    language: str = ""


@dataclass(frozen=True)
class Document:
    """One loaded text and its paragraphs; its sentences are found when first asked for.

    ``paragraph_sentences[i]`` is the half-open range of sentence indices that belong to
    paragraph ``i``; every sentence lies inside exactly one paragraph.

    Sentences are derived from ``text`` and ``paragraphs`` alone, so they are computed on
    first use and remembered, not passed in: finding them is three quarters of segmenting
    a book, and its paragraph rows can be aligned and shown before any sentence is needed.
    """

    path: str
    text: str
    encoding: str
    info: DocumentInfo
    paragraphs: tuple[Span, ...]
    notice: str | None = None
    """A message the user should see about how the file was read (e.g. a legacy encoding)."""

    @property
    def sentences(self) -> tuple[Span, ...]:
        return self._sentence_index[0]

    @property
    def paragraph_sentences(self) -> tuple[tuple[int, int], ...]:
        return self._sentence_index[1]

    @cached_property
    def _sentence_index(self) -> tuple[tuple[Span, ...], tuple[tuple[int, int], ...]]:
        # Imported here: segmentation builds on this module's types, not the reverse.
        from tui.core.segment import sentence_index

        return sentence_index(self.text, self.paragraphs)

    def paragraph_text(self, index: int) -> str:
        start, end = self.paragraphs[index]
        return self.text[start:end]

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned group of paragraphs: either side may be empty, never both.

    Slotted, as are sentence rows and blocks: a book has a hundred thousand of them, and
    a ``__dict__`` each cost about 10 MB more than the fields themselves.

    Paragraph indices on each side are consecutive and ascending, and rows are in document
    order on both sides (the alignment is monotonic).
    """

    left: tuple[int, ...]
    right: tuple[int, ...]
    kind: RowKind
    score: float


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One aligned group of sentences inside paragraph row ``parent``."""

    parent: int
    left: tuple[int, ...]
    right: tuple[int, ...]
    kind: RowKind
    score: float


@dataclass(frozen=True)
class Alignment:
    """The paragraph rows of a pair and, nested in them, the sentence rows."""

    rows: tuple[Row, ...]
    sentence_rows: tuple[SentenceRow, ...] = field(default=())
