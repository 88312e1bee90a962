"""Diptych: a keyboard-driven terminal reader for parallel texts."""

__version__ = "0.1.0"
