"""Comparison form of text (placeholder until the real implementation lands)."""

from __future__ import annotations


def comparison_text(text: str) -> str:
    """Return the form of ``text`` used for matching."""
    return " ".join(text.casefold().split())
