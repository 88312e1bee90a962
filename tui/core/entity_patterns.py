"""Dates and numbers found by pattern, each with a normalised identity key.

One precompiled alternation scans a paragraph once (left to right, first alternative that
matches wins), so the cost is linear in the text and independent of how many formats we know.
The key is what makes two mentions the *same* entity across the pair: "12 percent" and "12%"
are one NUMBER, "17 June 2024" and "June 17" one DATE (a yearless date is later linked to the
unique full date with the same month and day, see ``entity_link``).

Policy (documented in ``tests/core/gold/README.md``): times of day are consumed but are not
entities; spelled-out numbers count only with a magnitude or percent ("two million"), since
"the two sides" or "the first meeting" are not facts a reader compares; a number glued to a
name ("G20", "COVID-19") is part of that name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .entity_lexicon import MONTHS, WEEKDAYS


class PatternMatch(NamedTuple):
    """One date or number in a paragraph (offsets into the scanned string).

    A named tuple: as cheap to make as a tuple, and immutable like the frozen dataclass it was.
    """

    start: int
    end: int
    type: str
    """``DATE``, ``NUMBER`` or ``SKIP`` (consumed, but not an entity: times of day)."""
    key: tuple


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
_MONTH_NAMES = tuple(
    max((name for name, number in MONTHS.items() if number == month), key=len).capitalize()
    for month in range(1, 13)
)
"""Full month names, from the one calendar table (``value_lexicon``)."""
_WEEKDAY_NAMES = tuple(name.capitalize() for name in WEEKDAYS)
_FULL_MONTH = f"(?:{'|'.join(_MONTH_NAMES)})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|2100)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MAG_WORD = r"(?i:thousand|million|billion|trillion)"
_CUR_WORD = (
    r"(?i:(?:US\s)?dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|renminbi|rubles?"
    r"|roubles?|rupees?|pesos?|(?:Swiss\s+)?francs?|dinars?|riyals?|dirhams?|lira|shillings?"
    r"|naira|rand|pence|cents?|baht|ringgit|rupiah)"
)
_CUR_SYM = r"(?:US\$|A\$|C\$|HK\$|\$|€|£|¥|₹)"
_UNIT = (
    r"(?:km|kilomet(?:re|er)s?|miles?|metres?|meters?|cm|mm|kg|kilograms?|kilos?|tonnes?"
    r"|tons?|MW|megawatts?|GW|gigawatts?|kW|kilowatts?|kWh|MWh|GWh|TWh|barrels?|bpd"
    r"|hectares?|acres?|sq\.?\s?km|square\s+(?:kilomet(?:re|er)s?|miles?|metres?|meters?)"
    r"|litres?|liters?|gallons?|degrees?|°C|°F|feet|ft|mph|km/h|knots)"
)
_SPELLED = (
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_PERCENT = r"(?:%|\s?(?i:percent|per\s+cent|pct)\b)"
_ATTACHED = r"(?:bn|mn|tn|m|k|b|p)"

_CURRENCY_OPENINGS = ("US$", "A$", "C$", "HK$", "$", "€", "£", "¥", "₹")
_OPENINGS = sorted({name[:3] for name in _MONTH_NAMES + _WEEKDAY_NAMES} | set(_CURRENCY_OPENINGS))
_OPENING_LETTERS = "".join(sorted({opening[0] for opening in _OPENINGS}))
_LOOKAHEAD = (
    rf"(?=[\d{re.escape(_OPENING_LETTERS)}])"
    rf"(?=\d|{'|'.join(re.escape(opening) for opening in _OPENINGS)})"
)
"""Every alternative starts with a digit, a month or weekday name (whose first three letters
are enough) or a currency sign. Two lookaheads let the engine skip all other positions
without trying the alternatives: one on the first character, which is cheap and rejects
most words, and one on the opening, which rejects capitals such as "The" or "Minister"."""

_PATTERN = re.compile(
    _LOOKAHEAD
    + "(?:"
    + "|".join(
        [
            rf"(?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>3[01]|[12]\d|0[1-9])\b)",
            rf"(?P<mdy>\b(?P<a_m>{_MONTH})\s+(?P<a_d>{_DAY})\b(?:,?\s+(?P<a_y>{_YEAR})\b)?)",
            rf"(?P<dmy>\b(?P<b_d>{_DAY})\s+(?:of\s+)?(?P<b_m>{_MONTH})(?:,?\s+(?P<b_y>{_YEAR})\b)?)",
            rf"(?P<my>\b(?P<c_m>{_MONTH}),?\s+(?P<c_y>{_YEAR})\b)",
            rf"(?P<weekday>\b(?:{'|'.join(_WEEKDAY_NAMES)})\b)",
            rf"(?P<month>\b{_FULL_MONTH}\b)",
            r"(?P<decade>\b(?:1\d|20)\d0s\b)",
            r"(?P<time>\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\.)",
            rf"(?P<money>(?P<cs>{_CUR_SYM})\s?(?P<cn>{_NUM})(?:\s+(?P<cmw>{_MAG_WORD})\b"
            rf"|(?P<cma>{_ATTACHED})\b)?|\b(?P<wn>{_NUM})(?:\s+(?P<wmw>{_MAG_WORD}))?"
            rf"\s+(?P<wc>{_CUR_WORD})\b)",
            rf"(?P<percent>\b(?P<pn>{_NUM}){_PERCENT})",
            rf"(?P<unit>\b(?P<un>{_NUM})(?:\s+(?P<umw>{_MAG_WORD}))?(?:\s?|-)(?P<uu>{_UNIT})\b)",
            rf"(?P<mag>\b(?P<mn>{_NUM})\s+(?P<mw>{_MAG_WORD})\b)",
            r"(?P<ordinal>\b(?P<on>\d+)(?:st|nd|rd|th)\b)",
            rf"(?P<year>\b{_YEAR}\b)",
            rf"(?P<plain>\b(?P<nn>{_NUM})(?P<na>{_ATTACHED})?\b)",
        ]
    )
    + ")"
)
_SPELLED_HINT = re.compile(r"(?i:illion|thousand|per\s*cent|pct)")
_SPELLED_PATTERN = re.compile(
    rf"(?P<spelled>\b(?P<sn>{_SPELLED})(?:\s+(?P<smw>{_MAG_WORD})\b(?:\s+(?P<sc>{_CUR_WORD})\b)?"
    rf"|{_PERCENT}))"
)

_STANDALONE_MONTHS = frozenset(
    {"January", "February", "September", "October", "November", "December"}
)
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|during|early|late|last|next|this|of|mid)"
    r"[\s-]+)$",
    re.IGNORECASE,
)
_MAGNITUDES = {
    "thousand": 3,
    "k": 3,
    "million": 6,
    "m": 6,
    "mn": 6,
    "billion": 9,
    "bn": 9,
    "b": 9,
    "trillion": 12,
    "tn": 12,
}
_SPELLED_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_CURRENCY_WORDS = {
    "dollar": "$",
    "euro": "€",
    "pound": "£",
    "pound sterling": "£",
    "yen": "¥",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ruble": "RUB",
    "rouble": "RUB",
    "rupee": "INR",
    "peso": "peso",
    "franc": "franc",
    "swiss franc": "CHF",
    "dinar": "dinar",
    "riyal": "riyal",
    "dirham": "dirham",
    "lira": "lira",
    "shilling": "shilling",
    "naira": "NGN",
    "rand": "ZAR",
    "pence": "p",
    "cent": "c",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
}
_CURRENCY_SYMBOLS = {
    "US$": "$",
    "$": "$",
    "€": "€",
    "£": "£",
    "¥": "¥",
    "₹": "INR",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
}
_UNITS = [
    (re.compile(r"km|kilomet", re.I), "km"),
    (re.compile(r"sq|square", re.I), "area"),
    (re.compile(r"mile", re.I), "mi"),
    (re.compile(r"metre|meter", re.I), "m"),
    (re.compile(r"kg|kilo", re.I), "kg"),
    (re.compile(r"tonne|ton", re.I), "t"),
    (re.compile(r"MWh"), "MWh"),
    (re.compile(r"GWh"), "GWh"),
    (re.compile(r"TWh"), "TWh"),
    (re.compile(r"kWh"), "kWh"),
    (re.compile(r"MW|megawatt", re.I), "MW"),
    (re.compile(r"GW|gigawatt", re.I), "GW"),
    (re.compile(r"kW|kilowatt", re.I), "kW"),
    (re.compile(r"barrel|bpd", re.I), "bbl"),
    (re.compile(r"hectare", re.I), "ha"),
    (re.compile(r"acre", re.I), "acre"),
    (re.compile(r"litre|liter", re.I), "l"),
    (re.compile(r"gallon", re.I), "gal"),
    (re.compile(r"°C|degree", re.I), "deg"),
    (re.compile(r"°F"), "degF"),
    (re.compile(r"feet|ft", re.I), "ft"),
    (re.compile(r"mph|km/h|knot", re.I), "speed"),
    (re.compile(r"cm"), "cm"),
    (re.compile(r"mm"), "mm"),
]


def _value(number: str, magnitude: str | None = None) -> str:
    """Canonical decimal string of ``number`` times its magnitude word or suffix."""
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return number
    if magnitude:
        value = value.scaleb(_MAGNITUDES[magnitude.lower()])
    text = format(value.normalize(), "f")
    return text


def _currency_word(word: str) -> str:
    word = " ".join(word.lower().split())
    word = word.removeprefix("us ")
    if word.endswith("s") and word not in ("naira", "baht", "rand"):
        word = word[:-1]
    return _CURRENCY_WORDS.get(word, word)


def _unit(word: str) -> str:
    for pattern, name in _UNITS:
        if pattern.match(word):
            return name
    return word.lower()


def _month(token: str) -> int:
    name = token.rstrip(".").lower()
    return MONTHS.get(name) or MONTHS[name[:3]]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


def _month_context(text: str, start: int, month: int) -> bool:
    """Whether a word that makes a month a date ("in", "since", "early") stands right before
    ``month``, in ``text[start:month]``.

    The match must end at ``month``, so the word ends where the spaces and hyphens before
    the month begin: searching from a few characters before that point finds exactly what a
    search of the whole range would, in time independent of the range's length.
    """
    k = month
    while k > start and (text[k - 1].isspace() or text[k - 1] == "-"):
        k -= 1
    return _MONTH_CONTEXT.search(text, max(start, k - 12), month) is not None


def _glued_to_word(text: str, start: int) -> bool:
    """True for the digits of "COVID-19" or "F-16": a number hyphenated onto a word."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


def _key(m: re.Match[str], text: str, start: int = 0) -> tuple[str, tuple] | None:
    kind = m.lastgroup
    g = m.group
    if kind == "iso":
        return "DATE", ("date", int(g("iy")), int(g("im")), int(g("id")))
    if kind == "mdy":
        year = int(g("a_y")) if g("a_y") else None
        return "DATE", ("date", year, _month(g("a_m")), _day(g("a_d")))
    if kind == "dmy":
        year = int(g("b_y")) if g("b_y") else None
        return "DATE", ("date", year, _month(g("b_m")), _day(g("b_d")))
    if kind == "my":
        return "DATE", ("date", int(g("c_y")), _month(g("c_m")), None)
    if kind == "weekday":
        return "DATE", ("weekday", WEEKDAYS[g(kind).lower()])
    if kind == "month":
        word = g(kind)
        if word not in _STANDALONE_MONTHS and not _month_context(text, start, m.start()):
            return None
        return "DATE", ("date", None, _month(word), None)
    if kind == "decade":
        return "DATE", ("decade", int(g(kind)[:4]))
    if kind == "time":
        return "SKIP", ("time",)
    if _glued_to_word(text, m.start()):
        return None
    if kind == "money":
        if g("cs"):
            currency = _CURRENCY_SYMBOLS[g("cs")]
            mag = g("cmw") or g("cma")
            if mag and mag.lower() == "p":
                currency, mag = "p", None
            return "NUMBER", ("num", currency, _value(g("cn"), mag), "")
        return "NUMBER", ("num", _currency_word(g("wc")), _value(g("wn"), g("wmw")), "")
    if kind == "percent":
        return "NUMBER", ("num", "", _value(g("pn")), "%")
    if kind == "unit":
        return "NUMBER", ("num", "", _value(g("un"), g("umw")), _unit(g("uu")))
    if kind == "mag":
        return "NUMBER", ("num", "", _value(g("mn"), g("mw")), "")
    if kind == "spelled":
        value = str(_SPELLED_VALUES[g("sn").lower()])
        if g("smw"):
            currency = _currency_word(g("sc")) if g("sc") else ""
            return "NUMBER", ("num", currency, _value(value, g("smw")), "")
        return "NUMBER", ("num", "", value, "%")
    if kind == "ordinal":
        return "NUMBER", ("ord", int(g("on")))
    if kind == "year":
        return "DATE", ("date", int(g(kind)), None, None)
    suffix = g("na")
    if suffix == "p":
        return "NUMBER", ("num", "p", _value(g("nn")), "")
    return "NUMBER", ("num", "", _value(g("nn"), suffix), "")


def _may_spell_numbers(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]`` may hold a spelled-out magnitude or percent.

    Most paragraphs have none, and a case-insensitive regex search costs as much as all
    the other scanning; plain substring tests on the lower-cased text find a superset of
    ``_SPELLED_HINT``'s matches. Only dotless "ı" and long "ſ" also match "i" and "s"
    case-insensitively without lower-casing to them, so text with those takes the regex.
    """
    piece = text[start:stop]
    if not piece.isascii() and ("ı" in piece or "ſ" in piece):
        return _SPELLED_HINT.search(piece) is not None
    low = piece.lower()
    return "illion" in low or "thousand" in low or "cent" in low or "pct" in low


def find_patterns(text: str, start: int = 0, end: int | None = None) -> list[PatternMatch]:
    """All dates, numbers and skipped times in ``text[start:end]``, in order.

    Offsets are into ``text`` (so a caller can scan one paragraph of a whole document).
    """
    found: list[PatternMatch] = []
    stop = len(text) if end is None else end
    for m in _PATTERN.finditer(text, start, stop):
        result = _key(m, text, start)
        if result is None:
            continue
        type_, key = result
        found.append(PatternMatch(m.start(), m.end(), type_, key))
    if not _may_spell_numbers(text, start, stop):
        return found
    spelled = [
        PatternMatch(m.start(), m.end(), *result)  # type: ignore[misc]
        for m in _SPELLED_PATTERN.finditer(text, start, stop)
        if (result := _key(m, text, start)) is not None
    ]
    if spelled:
        # ``found`` is sorted and without overlaps, so its ends rise too: a spelled match
        # overlaps one only if the last found starting before its end reaches past its start.
        starts = [f.start for f in found]
        kept = []
        for s in spelled:
            i = bisect_left(starts, s.end)
            if not (i and found[i - 1].end > s.start):
                kept.append(s)
        found.extend(kept)
        found.sort(key=lambda p: p.start)
    return found
