"""Errors about the user's input, phrased for a one-line message on stderr."""

from __future__ import annotations


class InputError(Exception):
    """A file or folder the user named cannot be used.

    The CLI prints ``str(error)`` as one line and exits with status 2, so the message must
    name the file, say what is wrong, and say what to do about it.
    """

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        message = f"{self.path}: {self.reason}"
        if self.hint:
            message += f"; {self.hint}"
        return message
