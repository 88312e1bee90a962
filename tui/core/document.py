"""Turning a file (or a string) into a segmented ``model.Document``.

This is the one place that joins reading (``loading``) and segmentation (``segment``), so
every caller gets documents whose spans index the exact text the reader displays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from tui.core.collector import gc_paused
from tui.core.loading import read_text
from tui.core.model import Document, DocumentInfo
from tui.core.segment import split_paragraphs


def load_document(path: str, *, max_bytes: int, info: DocumentInfo | None = None) -> Document:
    """Read, decode and segment the file at ``path``.

    Raises ``InputError`` (see ``loading.read_text``). Without ``info`` the title is the
    file name without its extension, which is what the user typed and will recognise.
    """
    return read_document(path, max_bytes=max_bytes, info=info).segmented()


def document_from_text(
    text: str, *, path: str = "<text>", info: DocumentInfo | None = None
) -> Document:
    """A document from an in-memory string (tests, pasted text, other tools).

    Newlines are normalised like a file's so spans mean the same thing; empty text is
    allowed and yields a document without paragraphs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _build(path, text, "utf-8", info, None)


TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
"""Extensions dropped from a title; any other dot is part of the name ("LGPL-2.1")."""


def default_info(path: str) -> DocumentInfo:
    """Header facts when nothing better is known: the file name without a text extension."""
    name = PurePath(path)
    title = name.stem if name.suffix.lower() in TEXT_SUFFIXES else name.name
    return DocumentInfo(title=title or path)


def _build(
    path: str, text: str, encoding: str, info: DocumentInfo | None, notice: str | None
) -> Document:
    with gc_paused():
        paragraphs = tuple(split_paragraphs(text))
    return Document(
        path=path,
        text=text,
        encoding=encoding,
        info=info if info is not None else default_info(path),
        paragraphs=paragraphs,
        notice=notice,
    )


@dataclass(frozen=True)
class LoadedDocument:
    """A file read and decoded but not segmented yet: enough to show it at once.

    Segmenting a book takes a second; the reader draws its first frame from this and
    segments in its worker (:meth:`segmented`), so opening a large pair is not a wait on a
    blank terminal. Every input error was already raised by :func:`read_document`.
    """

    path: str
    text: str
    encoding: str
    info: DocumentInfo
    notice: str | None = None

    def segmented(self) -> Document:
        return _build(self.path, self.text, self.encoding, self.info, self.notice)


def read_document(path: str, *, max_bytes: int, info: DocumentInfo | None = None) -> LoadedDocument:
    """:func:`load_document` without the segmentation (raises ``InputError`` the same)."""
    loaded = read_text(path, max_bytes=max_bytes)
    return LoadedDocument(
        path=path,
        text=loaded.text,
        encoding=loaded.encoding,
        info=info if info is not None else default_info(path),
        notice=loaded.notice,
    )
