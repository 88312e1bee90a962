"""The packaged gazetteer: known places, demonyms and a few intergovernmental organisations.

It is a plain TSV (``tui/core/data/gazetteer.tsv``: surface, canonical, type, kind) so that it
can be reviewed and extended without touching code. It is loaded once, lazily, because most
commands never need it and the reader should start instantly.

Lookups are by a *key* that ignores case, accents, periods, hyphens and a leading "the", so
"U.S.", "US" and "the U.S." meet, as do "Bogotá"/"Bogota" and "St. Petersburg"/"St
Petersburg". Entries written in capitals ("US", "UK", "WHO") only match text written in
capitals, so the pronoun "us" and the word "who" never become entities.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_DATA_FILE = "gazetteer.tsv"


@dataclass(frozen=True)
class GazetteerEntry:
    """What the gazetteer knows about one surface form."""

    canonical: str
    type: str
    """``PLACE``, ``ORG`` or ``DEMONYM``."""
    kind: str
    """country, capital, city, region, state, territory, org or demonym."""


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Comparison key of a name: case-, accent-, period- and hyphen-insensitive.

    Cached: the same few thousand surface forms recur throughout a long text.
    """
    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = text.casefold().replace(".", "").replace("-", " ").replace(",", " ")
    words = stripped.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _is_caps_form(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Gazetteer:
    """Surface-form index over the gazetteer entries."""

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        self._any_case: dict[str, GazetteerEntry] = {}
        self._caps_only: dict[str, GazetteerEntry] = {}
        self._memo: dict[str, GazetteerEntry | None] = {}
        for surface, canonical, type_, kind in rows:
            entry = GazetteerEntry(canonical, type_, kind)
            table = self._caps_only if _is_caps_form(surface) else self._any_case
            table.setdefault(name_key(surface), entry)

    def __len__(self) -> int:
        return len(self._any_case) + len(self._caps_only)

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry for ``surface`` as written in a text, or ``None``."""
        try:
            return self._memo[surface]
        except KeyError:
            pass
        key = name_key(surface)
        hit = self._caps_only.get(key) if _is_caps_form(surface) else None
        if hit is None:
            hit = self._any_case.get(key)
        if len(self._memo) < 1 << 16:
            self._memo[surface] = hit
        return hit

    def lookup_any_case(self, surface: str) -> GazetteerEntry | None:
        """Like :meth:`lookup` but without the entries that match only in capitals ("US",
        "WHO"): for text written all in capitals, where those are as likely words."""
        return self._any_case.get(name_key(surface))

    def place_or_org(self, surface: str) -> GazetteerEntry | None:
        """Like :meth:`lookup` but ignoring demonyms."""
        hit = self.lookup(surface)
        return hit if hit is not None and hit.type != "DEMONYM" else None

    def demonym(self, surface: str) -> str | None:
        """Canonical place of a demonym ("Russian" -> "Russia"), else ``None``."""
        hit = self.lookup(surface)
        return hit.canonical if hit is not None and hit.type == "DEMONYM" else None


def parse_rows(text: str) -> list[tuple[str, str, str, str]]:
    """Rows of a gazetteer TSV; ``#`` lines are comments."""
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, canonical, type_, kind = line.split("\t")
        rows.append((surface, canonical, type_, kind))
    return rows


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read on first use and cached for the process."""
    resource = resources.files("tui.core").joinpath("data").joinpath(_DATA_FILE)
    text = resource.read_text(encoding="utf-8")
    return Gazetteer(parse_rows(text))
