"""The data every layer shares: documents, their segments, and aligned rows.

All offsets are half-open ``(start, end)`` character offsets into ``Document.text``, the
decoded, newline-normalised text. That text is what the reader displays, so every span the
core computes (paragraphs, sentences, diff ops, entity mentions) can be drawn without
re-mapping. Everything here is immutable so results can be cached and shared across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

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
    """One loaded and segmented text.

    ``paragraph_sentences[i]`` is the half-open range of sentence indices that belong to
    paragraph ``i``; every sentence lies inside exactly one paragraph.
    """

    path: str
    text: str
    encoding: str
    info: DocumentInfo
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    paragraph_sentences: tuple[tuple[int, int], ...]
    notice: str | None = None
    """A message the user should see about how the file was read (e.g. a legacy encoding)."""

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
