"""Dates, weekdays, times, numbers, amounts and percentages found in a text, as readings.

A value is normalised to a *set of readings*, because a text may allow several:
"9/12/2024" may be 12 September or 9 December, "1.000" one or a thousand, "5m" five million
or five metres. Two values agree when some reading of one is consistent with some reading
of the other (``compare_values``), so formatting differences ("Sept. 12" / "12 September",
"1,000" / "1000", "5 percent" / "5%") never count as disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from tui.core.model import Span
from tui.core.value_lexicon import (
    MONTHS,
    ORDINAL_WORDS,
    PREFIX_CURRENCY,
    QUALIFIED_CURRENCY,
    SCALE_WORDS,
    SCALES,
    UNITS,
    WEEKDAYS,
    WORD_CURRENCY,
)


@dataclass(frozen=True)
class Value:
    """A date, number, amount... found in a text, with every reading it allows.

    ``kind`` is one of ``date``, ``month``, ``year``, ``weekday``, ``time``, ``number``,
    ``ordinal``, ``amount``, ``percent``. Readings are ``(year, month, day)`` tuples
    (``None`` where the text doesn't say) for dates, months and years; weekday numbers
    (Monday = 0); minutes after midnight for times; or ``Decimal`` quantities.
    ``currency`` holds the ISO codes an amount may be in.
    """

    kind: str
    span: Span
    text: str
    readings: frozenset
    currency: frozenset[str] = frozenset()


# --- dates --------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """``words`` as one regex alternation, factored by common prefixes ("t(?:en|wo)").

    A plain ``a|b|c`` is tried one alternative after another at every position the pattern
    gets to, which for dozens of number words costs more than all the rest of a scan. The
    factored form matches the same words; callers follow it with ``\\b`` or ``\\s`` so
    that only a whole word can match, hence at most one alternative ever does, and the
    order in which they are tried cannot change a match.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    """The alternation of the words below one node of the prefix tree."""
    options = [re.escape(char) + _branches(node[char]) for char in sorted(node) if char]
    if not options:
        return ""
    if len(options) == 1:
        body = options[0]
        return f"(?:{body})?" if "" in node else body
    body = "(?:" + "|".join(options) + ")"
    return body + "?" if "" in node else body  # "?": a word may also end here


_FULL_MONTHS = _alternation(
    "january february march april may june july august september october november december".split()
)
_MONTH_ABBREVIATIONS = _alternation("jan feb mar apr jun jul aug sept sep oct nov dec".split())
# A full month name never takes the dot after it (that ends the sentence); "Sept." does.
_MON = rf"(?P<mon>(?i:(?:{_FULL_MONTHS})\b|(?:{_MONTH_ABBREVIATIONS})\b\.?))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b)?"
_YEAR = r"(?P<year>(?:1[6-9]|20|21)\d\d)\b"

# Every pattern opens with a lookahead on its first character (implied by the pattern, so
# it changes no match): the engine then rejects most positions of a text at once.
_DIGIT_FIRST = r"(?=\d)"
_MONTH_FIRST = r"(?=(?i:[adfjmnos]))"

_ISO_DATE = re.compile(
    r"(?=[12])\b(?P<year>(?:1[6-9]|20|21)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)\b"
)
_NUMERIC_DATE = re.compile(
    r"(?=\d)\b(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
    r"(?P<year>(?:1[6-9]|20|21)\d\d|\d\d)\b"
)
_MONTH_DAY = re.compile(rf"{_MONTH_FIRST}\b{_MON}\s*{_DAY}{_DAY2}(?:,?\s*{_YEAR})?")
_DAY_MONTH = re.compile(rf"{_DIGIT_FIRST}\b{_DAY}{_DAY2}\s+(?:of\s+)?{_MON}(?:,?\s*{_YEAR})?")
_MONTH_YEAR = re.compile(rf"{_MONTH_FIRST}\b{_MON},?\s*{_YEAR}")
# A month named alone is a date only after a word that makes it one: "in May", not
# "Theresa May" or "you may".
_MONTH_ALONE = re.compile(
    r"(?=(?i:[abdefilmnostuw]))\b(?i:"
    + _alternation(
        "in on since until till by from of last next this early mid late end before after "
        "during through throughout between and to or each every".split()
    )
    + r")\s+(?:(?i:early|mid|late)[\s-]+)?"
    rf"(?P<mon>(?i:{_FULL_MONTHS}))\b"
)
_WEEKDAY = re.compile(
    r"(?=(?i:[fmstw]))(?:\b(?P<wd>(?i:"
    + _alternation("monday tuesday wednesday thursday friday saturday sunday".split())
    + r"))\b"
    r"|\b(?P<abbr>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)"
)
# Clock times: "9:42 p.m.", "21:42", "9 am". Compared as minutes after midnight; a time
# without am/pm may be either half of the day.
_TIME = re.compile(
    r"(?=\d)\b(?P<h>[012]?\d)(?::(?P<m>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b))|\s*(?i:gmt|utc)\b)?"
    r"|(?:\.(?P<m2>[0-5]\d))?\s*(?P<ampm2>(?i:a\.m\.|p\.m\.|am\b|pm\b)))"
)


def _time_readings(m: re.Match[str]) -> frozenset[int]:
    hour = int(m["h"])
    minute = int(m["m"] or m["m2"] or 0)
    ampm = (m["ampm"] or m["ampm2"] or "").casefold().replace(".", "")
    if hour > 23 or (ampm and not 1 <= hour <= 12):
        return frozenset()
    if ampm:
        hours = {hour % 12 + (12 if ampm == "pm" else 0)}
    elif hour <= 12:
        hours = {hour % 12, hour % 12 + 12}
    else:
        hours = {hour}
    return frozenset(h * 60 + minute for h in hours)


def _date_readings(year: int | None, month: int, days: Iterable[int | None]) -> frozenset:
    return frozenset((year, month, day) for day in days)


def _expand_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _valid_day(day: int) -> bool:
    return 1 <= day <= 31


# --- quantities ---------------------------------------------------------------------------

_NUMBER_WORD = _alternation([*UNITS, *ORDINAL_WORDS, *SCALE_WORDS, "dozen"])
_WORD_NUMBER = (
    rf"(?<![\w-])(?i:(?:a\s+(?=(?:dozen|hundred|thousand|million|billion|trillion)\b))?"
    rf"(?:{_NUMBER_WORD})\b"
    rf"(?:(?:\s+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+)"
    rf"(?:{_NUMBER_WORD})\b)*)"
)
_DIGITS = (
    r"(?<![\w.,])(?<![^\W\d_]-)"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)
_CURRENCY_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|NZD|HKD|SGD|INR|RUB|KWD|AED|SAR|QAR|ZAR|KES|TZS|"
    "UGX|NGN|EGP|TRY|BRL|MXN|KRW|SEK|NOK|DKK|PLN|IDR|PKR|ILS|THB|MYR|PHP|VND|ARS|CLP|COP"
)
_CODE = f"(?:{_alternation(_CURRENCY_CODES.split('|'))})"
"""The codes as one factored alternation: all are three letters, so at most one matches."""
_CURRENCY_PREFIX = (
    r"(?P<pre>(?:US|U\.S\.|C|CA|A|AU|HK|NZ|S|R)\$|[$€£¥₹₽₩₺₦₱]"
    rf"|{_CODE}\s?|Rs\.?\s?)"
)
_CURRENCY_WORD = (
    r"(?i:dollars?|euros?|pounds?\s+sterling|pounds|sterling|yuan|renminbi|yen|rupees?|"
    r"roubles?|rubles?|dinars?|dirhams?|riyals?|francs?|pesos?|reais|liras?|shillings?|rand|"
    r"naira|pence|cents?)"
)
_QUALIFIER = (
    r"(?i:US|U\.S\.|American|Canadian|Australian|Hong\s+Kong|New\s+Zealand|Singapore|Swiss|"
    r"Indian|Pakistani|Egyptian|Kuwaiti|Mexican|Chilean|Argentine|Philippine|Kenyan|"
    r"Tanzanian|Ugandan|South\s+African|Turkish)\s+"
)
_PREFIX_LETTERS = "".join(sorted({c[0] for c in _CURRENCY_CODES.split("|")} | set("USCAHNRS")))
_NUMBER_LETTERS = "".join(
    sorted({w[0] for w in (*UNITS, *ORDINAL_WORDS, *SCALE_WORDS, "dozen", "a")})
)
_QUANTITY_FIRST = rf"(?=[\d$€£¥₹₽₩₺₦₱{_PREFIX_LETTERS}]|(?i:[{_NUMBER_LETTERS}]))"
_QUANTITY = re.compile(
    # The cheaper test first: most positions are inside a word.
    rf"(?<![\w$€£¥]){_QUANTITY_FIRST}{_CURRENCY_PREFIX}?"
    rf"(?P<num>{_DIGITS}|{_WORD_NUMBER})"
    r"(?:(?P<scale>\s?(?i:thousand|million|billion|trillion|mln|mn|bn|tn|trn|crore|lakh)\b)"
    r"|(?P<short>(?<=\d)(?:m|b|k|p)\b))?"
    r"(?:(?P<percent>\s?%|\s?(?i:per\s?cent|percent|pct|percentage\s+points?)\b)"
    rf"|\s(?P<qual>{_QUALIFIER})?(?P<curword>{_CURRENCY_WORD})\b"
    rf"|\s?(?P<code>{_CODE})\b)?"
    r"(?!\w)"
)
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_ORDINAL = re.compile(r"(?=\d)(?<![\w.,])(?P<num>\d+)(?:st|nd|rd|th)\b")


def _digit_readings(text: str) -> frozenset[Decimal]:
    """Readings of a digit string; "1.000" may be one or a thousand, "1,000" a thousand."""
    text = re.sub(r"[\u00a0\u202f\u2009]", "", text)
    try:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
            return frozenset({Decimal(text.replace(",", ""))})
        if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", text):
            return frozenset({Decimal(text.replace(".", "").replace(",", "."))})
        if re.fullmatch(r"\d{1,3}\.\d{3}", text):
            return frozenset({Decimal(text), Decimal(text.replace(".", ""))})
        return frozenset({Decimal(text.replace(",", "."))})
    except InvalidOperation:
        return frozenset()


def _word_number(text: str) -> tuple[Decimal, bool] | None:
    """Value of "three hundred and twelve", "seventy-fifth", "a dozen"; and if ordinal."""
    total = 0
    current = 0
    ordinal = False
    for word in re.split(r"[\s-]+", text.casefold()):
        if word in ("a", "and", ""):
            if word == "a":
                current = 1
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in ORDINAL_WORDS:
            value = ORDINAL_WORDS[word]
            if value >= 100:
                current = (current or 1) * value
            else:
                current += value
            ordinal = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
        else:
            return None
    return Decimal(total + current), ordinal


# --- extraction ---------------------------------------------------------------------------


class _Claims:
    """Character positions of ``[offset, end)`` already taken by a value (earlier patterns
    win)."""

    def __init__(self, offset: int, end: int) -> None:
        self._offset = offset
        self._taken = bytearray(end - offset)

    def free(self, start: int, end: int) -> bool:
        return not any(self._taken[start - self._offset : end - self._offset])

    def take(self, start: int, end: int) -> None:
        self._taken[start - self._offset : end - self._offset] = b"\x01" * (end - start)


def extract_values(text: str, start: int = 0, end: int | None = None) -> list[Value]:
    """All dates, weekdays, months, years, numbers, ordinals, amounts and percentages in
    ``text[start:end]``, in text order, with absolute spans.

    The patterns are matched inside the range (a paragraph group of an aligned row), so a
    value never reaches across into the text around it, and a long document is read only
    where it is asked about.
    """
    if end is None:
        end = len(text)
    if start == 0 and end == len(text):
        return list(_document_values(text))
    return _scan(text, start, end)


@lru_cache(maxsize=16)
def _document_values(text: str) -> tuple[Value, ...]:
    return tuple(_scan(text, 0, len(text)))


def _scan(text: str, start: int, end: int) -> list[Value]:
    claims = _Claims(start, end)
    values: list[Value] = []

    def add(
        kind: str, span: Span, readings: frozenset, currency: frozenset[str] = frozenset()
    ) -> None:
        if readings and claims.free(*span):
            claims.take(*span)
            values.append(Value(kind, span, text[span[0] : span[1]], readings, currency))

    # Most patterns need a digit; prose without one skips them.
    digits = _ANY_DIGIT.search(text, start, end) is not None
    for m in _ISO_DATE.finditer(text, start, end) if digits else ():
        month, day = int(m["m"]), int(m["d"])
        if 1 <= month <= 12 and _valid_day(day):
            add("date", m.span(), frozenset({(int(m["year"]), month, day)}))
    for m in _NUMERIC_DATE.finditer(text, start, end) if digits else ():
        a, b, year = int(m["a"]), int(m["b"]), _expand_year(m["year"])
        orders = [(a, b)] if m["sep"] == "." else [(a, b), (b, a)]  # (day, month)
        readings = frozenset(
            (year, month, day) for day, month in orders if 1 <= month <= 12 and _valid_day(day)
        )
        add("date", m.span(), readings)
    for pattern in (_MONTH_DAY, _DAY_MONTH) if digits else ():
        for m in pattern.finditer(text, start, end):
            if not m["mon"][0].isupper():
                continue
            day = int(m["day"])
            days = [day]
            if m["day2"]:
                day2 = int(m["day2"])
                days = list(range(day, day2 + 1)) if day < day2 <= 31 else [day]
            if not all(_valid_day(d) for d in days):
                continue
            year = int(m["year"]) if m["year"] else None
            add(
                "date",
                m.span(),
                _date_readings(year, MONTHS[m["mon"].rstrip(".").casefold()], days),
            )
    for m in _MONTH_YEAR.finditer(text, start, end) if digits else ():
        if m["mon"][0].isupper():
            month = MONTHS[m["mon"].rstrip(".").casefold()]
            add("date", m.span(), frozenset({(int(m["year"]), month, None)}))
    for m in _TIME.finditer(text, start, end) if digits else ():
        add("time", m.span(), _time_readings(m))
    for m in _WEEKDAY.finditer(text, start, end):
        name = (m["wd"] or m["abbr"]).casefold()
        span = m.span("wd") if m["wd"] else m.span()
        add("weekday", span, frozenset({WEEKDAYS[name]}))
    for m in _MONTH_ALONE.finditer(text, start, end):
        if m["mon"][0].isupper():
            add(
                "month",
                m.span("mon"),
                frozenset({(None, MONTHS[m["mon"].rstrip(".").casefold()], None)}),
            )
    for m in _DIGIT_ORDINAL.finditer(text, start, end) if digits else ():
        add("ordinal", m.span(), frozenset({Decimal(int(m["num"]))}))
    for m in _QUANTITY.finditer(text, start, end):
        _add_quantity(m, add)
    values.sort(key=lambda v: v.span)
    return values


def _add_quantity(m: re.Match[str], add: Callable[..., None]) -> None:
    """Read one ``_QUANTITY`` match: a number, ordinal, year, amount or percentage."""
    number = m["num"]
    kind = "number"
    if number[0].isdigit():
        readings = _digit_readings(number)
    else:
        parsed = _word_number(number)
        if parsed is None:
            return
        value, ordinal = parsed
        if ordinal:
            if not (m["scale"] or m["percent"] or m["pre"] or m["curword"] or m["code"]):
                add("ordinal", m.span("num"), frozenset({value}))
            return
        readings = frozenset({value})
    scale_text = (m["scale"] or m["short"] or "").strip().casefold()
    currency: frozenset[str] = frozenset()
    if m["pre"]:
        currency = PREFIX_CURRENCY.get(m["pre"].strip().rstrip(".").casefold(), frozenset())
        if not currency:
            currency = frozenset({m["pre"].strip().upper()})
    elif m["curword"]:
        word = m["curword"].casefold().split()[0]
        word = {"reais": "real", "pounds": "pound", "liras": "lira"}.get(word, word)
        word = word[:-1] if word.endswith("s") and word[:-1] in WORD_CURRENCY else word
        currency = WORD_CURRENCY.get(word, frozenset())
        if m["qual"]:
            qualifier = " ".join(m["qual"].casefold().split())
            code = QUALIFIED_CURRENCY.get(qualifier)
            if code and word in ("dollar", "franc", "pound", "rupee", "peso", "shilling", "rand"):
                currency = frozenset({code})
        if word in ("pence", "cent"):
            readings = frozenset(r / 100 for r in readings)
    elif m["code"]:
        currency = PREFIX_CURRENCY.get(m["code"].casefold(), frozenset({m["code"]}))
    if scale_text == "p":
        if not currency:
            currency = frozenset({"GBP"})
            readings = frozenset(r / 100 for r in readings)
        scale_text = ""
    if scale_text:
        factor = SCALES[scale_text]
        scaled = frozenset(r * factor for r in readings)
        # "5m" without a currency may be five metres: keep both readings.
        readings = scaled | readings if scale_text == "m" and not currency else scaled
    if currency:
        kind = "amount"
    elif m["percent"]:
        kind = "percent"
    elif number.isdigit() and len(number) == 4 and 1600 <= int(number) <= 2199 and not scale_text:
        add("year", m.span("num"), frozenset({(int(number), None, None)}))
        return
    add(kind, m.span(), frozenset(r.normalize() for r in readings), currency)


# --- comparing ----------------------------------------------------------------------------

# Values of one class can be compared: a date with a month or a year ("time"), a number
# with an amount or a percentage ("quantity"), but never a weekday with a date.
VALUE_CLASS = {
    "date": "time",
    "month": "time",
    "year": "time",
    "weekday": "weekday",
    "number": "quantity",
    "amount": "quantity",
    "percent": "quantity",
    "ordinal": "ordinal",
    "time": "clock",
}


SAME = "same"
INCOMPARABLE = "incomparable"


def compare_values(a: Value, b: Value) -> str:
    """``"same"``, ``"incomparable"``, or the kind of conflict between ``a`` and ``b``.

    Values agree when some reading of one is consistent with some reading of the other;
    fields one side leaves open (the year of "Sept 12") never disagree.
    """
    cls = VALUE_CLASS[a.kind]
    if cls != VALUE_CLASS[b.kind]:
        return INCOMPARABLE
    if cls == "time":
        shared: list[int] = []
        for ra in a.readings:
            for rb in b.readings:
                fields = [k for k in range(3) if ra[k] is not None and rb[k] is not None]
                if not fields:
                    return INCOMPARABLE
                if all(ra[k] == rb[k] for k in fields):
                    return SAME
                shared = fields
        return "date" if 2 in shared else "month" if 1 in shared else "year"
    if cls == "quantity":
        if a.kind != b.kind:
            return INCOMPARABLE  # "2,800" people and "$5.3 billion" measure different things
        if a.currency and b.currency and not a.currency & b.currency:
            return INCOMPARABLE  # different currencies: likely a conversion, not a contradiction
        if a.readings & b.readings:
            return SAME
        return a.kind
    if a.readings & b.readings:
        return SAME
    # Ordinals and clock times have no conflict kind of their own: they are numbers.
    return "weekday" if cls == "weekday" else "number"


def is_conflict(relation: str) -> bool:
    """Whether a ``compare_values`` result is a conflict (names its kind)."""
    return relation not in (SAME, INCOMPARABLE)
