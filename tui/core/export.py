"""The JSON document that ``diptych export`` prints: the core's results for scripts.

The schema is versioned and documented in README.md; later fields are added, never
renamed, so scripts written against version 1 keep working.
"""

from __future__ import annotations

from typing import Any

from tui.core.model import Alignment, Document

SCHEMA_VERSION = 1


def document_json(document: Document) -> dict[str, Any]:
    """One document's identity and segmentation, as character offsets into its text."""
    info = document.info
    return {
        "path": document.path,
        "title": info.title,
        "outlet": info.outlet,
        "date": info.date,
        "language": info.language,
        "encoding": document.encoding,
        "length": len(document.text),
        "paragraphs": [list(span) for span in document.paragraphs],
        "sentences": [list(span) for span in document.sentences],
    }


def export_pair(left: Document, right: Document, alignment: Alignment) -> dict[str, Any]:
    """The whole export: both documents and the aligned rows."""
    return {
        "version": SCHEMA_VERSION,
        "documents": {"left": document_json(left), "right": document_json(right)},
        "rows": [
            {
                "left": list(row.left),
                "right": list(row.right),
                "kind": row.kind.value,
                "score": round(row.score, 4),
            }
            for row in alignment.rows
        ],
    }
