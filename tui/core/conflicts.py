"""Conflicting facts between aligned texts: dates, weekdays, numbers, amounts, names.

Two agencies' copies of one story mostly differ in wording, which the diff shows. What a
reader must not miss is a *fact* that differs while standing in the same place: "Sept 13"
against "Sept. 12", "Friday" against "Thursday", "$5 million" against "$6 million", or a
name that one copy cut short ("Vladimir voiced ..." against "Vladimir Putin on Thursday").

The diff says where the two texts stand in the same place, so detection is driven by its
ops: values found inside one change on both sides are paired and compared. Values are
normalised first (to *sets of readings*, because "9/12/2024" may be 12 September or 9
December), and two values conflict only when no reading of one agrees with any reading of
the other, so formatting differences ("Sept. 12" / "12 September", "1,000" / "1000",
"5 percent" / "5%") never count. A value present on one side only is an addition, not a
conflict.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rapidfuzz.distance import Indel

from tui.core.diff import DELETE, EQUAL, INSERT, REPLACE, Op
from tui.core.model import Span
from tui.core.tokens import PUNCT, SPACE, WORD, Token, tokenize

KINDS = ("date", "weekday", "month", "year", "number", "amount", "percent", "name")


@dataclass(frozen=True)
class Conflict:
    """A value that differs between the sides of one aligned row, with both spans."""

    kind: str
    left_text: str
    left_span: Span
    right_text: str
    right_span: Span
    row: int = -1


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

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_FULL_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# A full month name never takes the dot after it (that ends the sentence); "Sept." does.
_MON = (
    rf"(?P<mon>(?i:(?:{_FULL_MONTHS})\b|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?))"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b)?"
_YEAR = r"(?P<year>(?:1[6-9]|20|21)\d\d)\b"

_ISO_DATE = re.compile(
    r"\b(?P<year>(?:1[6-9]|20|21)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)\b"
)
_NUMERIC_DATE = re.compile(
    r"\b(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:1[6-9]|20|21)\d\d|\d\d)\b"
)
_MONTH_DAY = re.compile(rf"\b{_MON}\s*{_DAY}{_DAY2}(?:,?\s*{_YEAR})?")
_DAY_MONTH = re.compile(rf"\b{_DAY}{_DAY2}\s+(?:of\s+)?{_MON}(?:,?\s*{_YEAR})?")
_MONTH_YEAR = re.compile(rf"\b{_MON},?\s*{_YEAR}")
# A month named alone is a date only after a word that makes it one: "in May", not
# "Theresa May" or "you may".
_MONTH_ALONE = re.compile(
    r"\b(?i:in|on|since|until|till|by|from|of|last|next|this|early|mid|late|end|before|after|"
    r"during|through|throughout|between|and|to|or|each|every)\s+(?:(?i:early|mid|late)[\s-]+)?"
    rf"(?P<mon>(?i:{_FULL_MONTHS}))\b"
)
_WEEKDAY = re.compile(
    r"\b(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
    r"|\b(?P<abbr>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\."
)
# Clock times: "9:42 p.m.", "21:42", "9 am". Compared as minutes after midnight; a time
# without am/pm may be either half of the day.
_TIME = re.compile(
    r"\b(?P<h>[012]?\d)(?::(?P<m>[0-5]\d)(?::[0-5]\d)?"
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

_UNITS = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "millionth": 1_000_000,
}
_SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_SCALES = {
    **_SCALE_WORDS,
    "k": 1000,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "tn": 10**12,
    "trn": 10**12,
    "crore": 10**7,
    "lakh": 10**5,
}
_NUMBER_WORD = "|".join(
    sorted([*_UNITS, *_ORDINAL_WORDS, *_SCALE_WORDS, "dozen"], key=len, reverse=True)
)
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
_CURRENCY_PREFIX = (
    r"(?P<pre>(?:US|U\.S\.|C|CA|A|AU|HK|NZ|S|R)\$|[$€£¥₹₽₩₺₦₱]"
    rf"|(?:{_CURRENCY_CODES})\s?|Rs\.?\s?)"
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
_QUANTITY = re.compile(
    rf"(?<![\w$€£¥]){_CURRENCY_PREFIX}?"
    rf"(?P<num>{_DIGITS}|{_WORD_NUMBER})"
    r"(?:(?P<scale>\s?(?i:thousand|million|billion|trillion|mln|mn|bn|tn|trn|crore|lakh)\b)"
    r"|(?P<short>(?<=\d)(?:m|b|k|p)\b))?"
    r"(?:(?P<percent>\s?%|\s?(?i:per\s?cent|percent|pct|percentage\s+points?)\b)"
    rf"|\s(?P<qual>{_QUALIFIER})?(?P<curword>{_CURRENCY_WORD})\b"
    rf"|\s?(?P<code>{_CURRENCY_CODES})\b)?"
    r"(?!\w)"
)
_DIGIT_ORDINAL = re.compile(r"(?<![\w.,])(?P<num>\d+)(?:st|nd|rd|th)\b")

_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD"})
_PREFIX_CURRENCY = {
    "$": _DOLLARS,
    "us$": frozenset({"USD"}),
    "u.s.$": frozenset({"USD"}),
    "c$": frozenset({"CAD"}),
    "ca$": frozenset({"CAD"}),
    "a$": frozenset({"AUD"}),
    "au$": frozenset({"AUD"}),
    "hk$": frozenset({"HKD"}),
    "nz$": frozenset({"NZD"}),
    "s$": frozenset({"SGD"}),
    "r$": frozenset({"BRL"}),
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "¥": frozenset({"JPY", "CNY"}),
    "₹": frozenset({"INR"}),
    "₽": frozenset({"RUB"}),
    "₩": frozenset({"KRW"}),
    "₺": frozenset({"TRY"}),
    "₦": frozenset({"NGN"}),
    "₱": frozenset({"PHP"}),
    "rs": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "rmb": frozenset({"CNY"}),
}
_WORD_CURRENCY = {
    "dollar": _DOLLARS,
    "euro": frozenset({"EUR"}),
    "pound": frozenset({"GBP", "EGP"}),
    "sterling": frozenset({"GBP"}),
    "pence": frozenset({"GBP"}),
    "cent": _DOLLARS | {"EUR"},
    "yuan": frozenset({"CNY"}),
    "renminbi": frozenset({"CNY"}),
    "yen": frozenset({"JPY"}),
    "rupee": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "rouble": frozenset({"RUB"}),
    "ruble": frozenset({"RUB"}),
    "dinar": frozenset({"KWD", "IQD", "JOD", "BHD", "LYD", "TND", "DZD", "RSD"}),
    "dirham": frozenset({"AED", "MAD"}),
    "riyal": frozenset({"SAR", "QAR", "OMR", "YER"}),
    "franc": frozenset({"CHF", "XOF", "XAF"}),
    "peso": frozenset({"MXN", "ARS", "CLP", "COP", "PHP", "UYU", "DOP"}),
    "real": frozenset({"BRL"}),
    "lira": frozenset({"TRY"}),
    "shilling": frozenset({"KES", "TZS", "UGX", "SOS"}),
    "rand": frozenset({"ZAR"}),
    "naira": frozenset({"NGN"}),
}
_QUALIFIED_CURRENCY = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "canadian": "CAD",
    "australian": "AUD",
    "hong kong": "HKD",
    "new zealand": "NZD",
    "singapore": "SGD",
    "swiss": "CHF",
    "indian": "INR",
    "pakistani": "PKR",
    "egyptian": "EGP",
    "kuwaiti": "KWD",
    "mexican": "MXN",
    "chilean": "CLP",
    "argentine": "ARS",
    "philippine": "PHP",
    "kenyan": "KES",
    "tanzanian": "TZS",
    "ugandan": "UGX",
    "south african": "ZAR",
    "turkish": "TRY",
}


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
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _ORDINAL_WORDS:
            value = _ORDINAL_WORDS[word]
            if value >= 100:
                current = (current or 1) * value
            else:
                current += value
            ordinal = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALE_WORDS:
            total += (current or 1) * _SCALE_WORDS[word]
            current = 0
        else:
            return None
    return Decimal(total + current), ordinal


# --- extraction ---------------------------------------------------------------------------


class _Claims:
    """Character positions already taken by a value (earlier patterns win)."""

    def __init__(self, length: int) -> None:
        self._taken = bytearray(length)

    def free(self, start: int, end: int) -> bool:
        return not any(self._taken[start:end])

    def take(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)


def extract_values(text: str, start: int = 0, end: int | None = None) -> list[Value]:
    """All dates, weekdays, months, years, numbers, ordinals, amounts and percentages in
    ``text[start:end]``, in text order, with absolute spans."""
    if end is None:
        end = len(text)
    return [v for v in _document_values(text) if v.span[0] >= start and v.span[1] <= end]


@lru_cache(maxsize=16)
def _document_values(text: str) -> tuple[Value, ...]:
    claims = _Claims(len(text))
    values: list[Value] = []

    def add(
        kind: str, span: Span, readings: frozenset, currency: frozenset[str] = frozenset()
    ) -> None:
        if readings and claims.free(*span):
            claims.take(*span)
            values.append(Value(kind, span, text[span[0] : span[1]], readings, currency))

    for m in _ISO_DATE.finditer(text):
        month, day = int(m["m"]), int(m["d"])
        if 1 <= month <= 12 and _valid_day(day):
            add("date", m.span(), frozenset({(int(m["year"]), month, day)}))
    for m in _NUMERIC_DATE.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), _expand_year(m["year"])
        orders = [(a, b)] if m["sep"] == "." else [(a, b), (b, a)]  # (day, month)
        readings = frozenset(
            (year, month, day) for day, month in orders if 1 <= month <= 12 and _valid_day(day)
        )
        add("date", m.span(), readings)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
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
                _date_readings(year, _MONTHS[m["mon"].rstrip(".").casefold()], days),
            )
    for m in _MONTH_YEAR.finditer(text):
        if m["mon"][0].isupper():
            month = _MONTHS[m["mon"].rstrip(".").casefold()]
            add("date", m.span(), frozenset({(int(m["year"]), month, None)}))
    for m in _TIME.finditer(text):
        add("time", m.span(), _time_readings(m))
    for m in _WEEKDAY.finditer(text):
        name = (m["wd"] or m["abbr"]).casefold()
        span = m.span("wd") if m["wd"] else m.span()
        add("weekday", span, frozenset({_WEEKDAYS[name]}))
    for m in _MONTH_ALONE.finditer(text):
        if m["mon"][0].isupper():
            add(
                "month",
                m.span("mon"),
                frozenset({(None, _MONTHS[m["mon"].rstrip(".").casefold()], None)}),
            )
    for m in _DIGIT_ORDINAL.finditer(text):
        add("ordinal", m.span(), frozenset({Decimal(int(m["num"]))}))
    for m in _QUANTITY.finditer(text):
        _add_quantity(m, add)
    values.sort(key=lambda v: v.span)
    return tuple(values)


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
        currency = _PREFIX_CURRENCY.get(m["pre"].strip().rstrip(".").casefold(), frozenset())
        if not currency:
            currency = frozenset({m["pre"].strip().upper()})
    elif m["curword"]:
        word = m["curword"].casefold().split()[0]
        word = {"reais": "real", "pounds": "pound", "liras": "lira"}.get(word, word)
        word = word[:-1] if word.endswith("s") and word[:-1] in _WORD_CURRENCY else word
        currency = _WORD_CURRENCY.get(word, frozenset())
        if m["qual"]:
            qualifier = " ".join(m["qual"].casefold().split())
            code = _QUALIFIED_CURRENCY.get(qualifier)
            if code and word in ("dollar", "franc", "pound", "rupee", "peso", "shilling", "rand"):
                currency = frozenset({code})
        if word in ("pence", "cent"):
            readings = frozenset(r / 100 for r in readings)
    elif m["code"]:
        currency = _PREFIX_CURRENCY.get(m["code"].casefold(), frozenset({m["code"]}))
    if scale_text == "p":
        if not currency:
            currency = frozenset({"GBP"})
            readings = frozenset(r / 100 for r in readings)
        scale_text = ""
    if scale_text:
        factor = _SCALES[scale_text]
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


# --- names --------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUNCTION_WORDS = _wordset(
    """a an the this that these those some any each every either neither all both no none
    i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs who whom whose which what whatever whoever where when why how whether if then than
    and or nor but yet so for of in on at by to from into onto upon with within without about
    above below under over after before since until till during through throughout across
    against among amid around behind beside besides between beyond despite except inside
    outside near off out up down via per toward towards is are was were be been being am do
    does did done have has had having will would shall should can could may might must not
    also too very just only even still already again ever never always often sometimes
    here there now today yesterday tomorrow tonight however meanwhile moreover furthermore
    nevertheless nonetheless therefore thus hence instead otherwise although though because
    while whereas unless once as like unlike such other another more most many much few
    several less least own same according earlier later last next first finally further
    indeed perhaps maybe yes no oh please thanks thank let lets mr mrs ms dr"""
)
_TITLES = _wordset(
    """president vice prime minister premier chancellor secretary general king queen prince
    princess crown emir sheikh sultan pope cardinal archbishop bishop reverend rev father
    mr mrs ms miss mx dr prof professor sir dame lord lady senator sen representative rep
    congressman congresswoman governor gov mayor ambassador envoy spokesman spokeswoman
    spokesperson director chairman chairwoman chair chief ceo judge justice commissioner
    councillor councilor gen lieutenant lt colonel col major maj captain capt sergeant sgt
    admiral adm commander marshal officer deputy acting foreign defence defense interior
    finance"""
)
_PARTICLES = _wordset(
    "de da di du del della der den van von la le bin ibn bint al el ben dos das y"
)
_ABBREVIATIONS = _wordset("st mt ft dr mr mrs ms jr sr gen sen gov rep lt col capt prof rev no vs")
_SENTENCE_PUNCT = frozenset({".", "!", "?", ":", "-", "\u2013", "\u2014", "--", "..."})
_OPENERS = frozenset({'"', "'", "(", "[", "\u201c", "\u2018", "\u00ab"})


@lru_cache(maxsize=16384)
def _name_key(word: str) -> str:
    """Comparison form of a name word: no accents, case, possessive or dots."""
    word = re.sub(r"['\u2019]s?$", "", word)
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    return word.casefold().replace(".", "").replace("\u2019", "'")


@dataclass(frozen=True)
class _NameRun:
    """A capitalised run ("Russian President Vladimir Putin") and its name part."""

    start: int
    end: int
    core_start: int
    core_end: int
    key: tuple[str, ...]


@dataclass(frozen=True)
class _WordFacts:
    tokens: tuple[Token, ...]
    words: tuple[int, ...]
    initial: tuple[bool, ...]
    headline: tuple[bool, ...]
    capitalised_mid: frozenset[str]
    lowercase: frozenset[str]


@lru_cache(maxsize=16)
def _word_facts(text: str) -> _WordFacts:
    """Per word: sentence-initial? in a Title Case line? And the document's vocabulary."""
    tokens = tuple(tokenize(text))
    words = tuple(i for i, t in enumerate(tokens) if t.kind == WORD)
    initial: list[bool] = []
    for i in words:
        initial.append(_is_initial(tokens, i))
    headline_lines = _headline_lines(text)
    headline = tuple(_in_ranges(tokens[i].start, headline_lines) for i in words)
    cap_mid: set[str] = set()
    lower: set[str] = set()
    for n, i in enumerate(words):
        word = tokens[i].text
        if word[0].isupper():
            if not initial[n] and not headline[n]:
                cap_mid.add(_name_key(word))
        elif word[0].islower():
            lower.add(_name_key(word))
    return _WordFacts(tokens, words, tuple(initial), headline, frozenset(cap_mid), frozenset(lower))


def _is_initial(tokens: Sequence[Token], i: int) -> bool:
    """Whether word ``tokens[i]`` starts a sentence, line or dateline clause."""
    j = i - 1
    while j >= 0:
        token = tokens[j]
        if token.kind == SPACE:
            if "\n" in token.text:
                return True
        elif token.kind == PUNCT and token.key in _OPENERS:
            pass
        else:
            break
        j -= 1
    if j < 0:
        return True
    token = tokens[j]
    if token.kind != PUNCT or token.key not in _SENTENCE_PUNCT:
        return False
    if token.key == ".":
        before = tokens[j - 1] if j > 0 else None
        if before is not None and before.kind == WORD:
            word = before.text.casefold()
            if word in _ABBREVIATIONS or (len(word) == 1 and before.text.isupper()):
                return False
    return True


def _headline_lines(text: str) -> list[Span]:
    """Lines set in Title Case, where capitals say nothing about names.

    A line counts when most of its longer content words are capitalised and it does not end
    like a sentence (headlines carry no full stop).
    """
    spans: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().rstrip().endswith((".", '."', ".\u201d", ".)")):
            continue  # a sentence, not a headline
        words = re.findall(r"[^\W\d_][\w'’-]{3,}", m.group())
        content = [w for w in words if w.casefold() not in _FUNCTION_WORDS]
        if len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.75 * len(content):
            spans.append(m.span())
    return spans


def _in_ranges(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


@lru_cache(maxsize=16)
def _name_runs(text: str, other: str) -> tuple[_NameRun, ...]:
    """Capitalised name runs of ``text``; ``other`` helps tell names from sentence starts.

    A capitalised word starting a sentence is a name only if the pair's texts also use it
    capitalised mid-sentence and never in lower case, or if another capitalised word
    follows it.
    """
    facts = _word_facts(text)
    other_facts = _word_facts(other)
    cap_mid = facts.capitalised_mid | other_facts.capitalised_mid
    lower = facts.lowercase | other_facts.lowercase
    tokens, words = facts.tokens, facts.words

    def known(n: int) -> bool:
        key = _name_key(tokens[words[n]].text)
        return key in cap_mid and key not in lower

    def capital(n: int, inside: bool) -> bool:
        word = tokens[words[n]].text
        if not word[0].isupper() or any(c.isdigit() for c in word):
            return False
        key = _name_key(word)
        if (key in _FUNCTION_WORDS and key not in _TITLES) or key in _WEEKDAYS:
            return False
        if key in _MONTHS and not inside:
            return False
        return not facts.headline[n] or known(n)

    def joined(a: int, b: int) -> bool:
        gap = text[tokens[words[a]].end : tokens[words[b]].start]
        if gap and gap.isspace() and "\n" not in gap and len(gap) <= 2:
            return True
        if gap.startswith(".") and ((gap[1:].isspace() and "\n" not in gap) or gap == "."):
            word = tokens[words[a]].text
            return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        return False

    runs: list[_NameRun] = []
    n = 0
    while n < len(words):
        if not capital(n, inside=False):
            n += 1
            continue
        members = [n]
        while True:
            last = members[-1]
            nxt = last + 1
            if nxt < len(words) and joined(last, nxt):
                if capital(nxt, inside=True):
                    members.append(nxt)
                    continue
                particle = tokens[words[nxt]].text
                if (
                    particle in _PARTICLES
                    and nxt + 1 < len(words)
                    and joined(nxt, nxt + 1)
                    and capital(nxt + 1, inside=True)
                ):
                    members.extend((nxt, nxt + 1))
                    continue
            break
        n = members[-1] + 1
        if facts.initial[members[0]] and len(members) == 1 and not known(members[0]):
            continue
        titled = [k for k, m in enumerate(members) if _name_key(tokens[words[m]].text) in _TITLES]
        core = members[titled[-1] + 1 :] if titled else members
        if not core:
            continue
        first, last_token = tokens[words[core[0]]], tokens[words[core[-1]]]
        core_end = last_token.end
        possessive = re.search(r"['\u2019]s?$", last_token.text)
        if possessive:
            core_end = last_token.start + possessive.start()
        key = tuple(
            _name_key(tokens[words[m]].text)
            for m in core
            if tokens[words[m]].text not in _PARTICLES
        )
        runs.append(
            _NameRun(tokens[words[members[0]]].start, last_token.end, first.start, core_end, key)
        )
    return tuple(runs)


_VOWELS = str.maketrans("", "", "aeiouy")


def _skeleton(word: str) -> str:
    """Consonants with doubles collapsed: "mohammed" and "muhammad" both give "mhmd"."""
    consonants = word.translate(_VOWELS)
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


def _word_equal(a: str, b: str) -> bool:
    """Same name word, allowing transliteration variants of long words.

    "Zelenskyy" / "Zelensky" and "Mohammed" / "Muhammad" are one name; short words must
    match exactly, or "Hale" and "Hall" would be too.
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 6:
        return False
    return Indel.normalized_similarity(a, b) >= 0.8 or _skeleton(a) == _skeleton(b)


def _is_prefix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and all(map(_word_equal, short, long))


def _is_suffix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and all(map(_word_equal, short, long[len(long) - len(short) :]))


def _is_acronym(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if len(short) != 1 or len(long) < 2:
        return False
    initials = "".join(w[0] for w in long if w not in ("of", "and", "the", "for"))
    return short[0] == initials


# --- pairing ------------------------------------------------------------------------------

_CLASS = {
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


def _relation(a: Value, b: Value) -> str:
    """``"same"``, ``"incomparable"``, or the kind of conflict between ``a`` and ``b``.

    Values agree when some reading of one is consistent with some reading of the other;
    fields one side leaves open (the year of "Sept 12") never disagree.
    """
    cls = _CLASS[a.kind]
    if cls != _CLASS[b.kind]:
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
    # Ordinals and clock times have no kind of their own in ``KINDS``: they are numbers.
    return "weekday" if cls == "weekday" else "number"


def _is_conflict(relation: str) -> bool:
    return relation not in (SAME, INCOMPARABLE)


class _SpanIndex:
    """Sorted, non-overlapping spans (or values) searchable by overlap in O(log n)."""

    def __init__(self, values: Sequence[Value]) -> None:
        self.values = list(values)
        self.starts = [v.span[0] for v in values]
        self.ends = [v.span[1] for v in values]

    def add(self, span: Span) -> None:
        """Append a span (callers add in text order); stored as a bare span."""
        if span[0] < span[1]:
            self.starts.append(span[0])
            self.ends.append(span[1])

    def overlapping(self, span: Span) -> list[Value]:
        lo = bisect_right(self.ends, span[0])
        hi = bisect_left(self.starts, span[1])
        return self.values[lo:hi] if span[0] < span[1] else []

    def any_overlap(self, span: Span) -> bool:
        lo = bisect_right(self.ends, span[0])
        return lo < len(self.starts) and self.starts[lo] < span[1]


def _at_start(value: Value, span: Span, text: str) -> bool:
    return value.span[0] <= span[0] or not re.search(r"\w", text[span[0] : value.span[0]])


def _at_end(value: Value, span: Span, text: str) -> bool:
    return value.span[1] >= span[1] or not re.search(r"\w", text[value.span[1] : span[1]])


_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*(\w+)")


def _context(value: Value, text: str) -> tuple[str | None, str | None]:
    """The words right before and after a value ("at least [14] people")."""
    before = _WORD_BEFORE.search(text[max(0, value.span[0] - 40) : value.span[0]])
    after = _WORD_AFTER.search(text[value.span[1] : value.span[1] + 40])
    return (
        before.group(1).casefold() if before else None,
        after.group(1).casefold() if after else None,
    )


def _same_place(
    a: Value, b: Value, lspan: Span, rspan: Span, ltext: str, rtext: str, small: bool
) -> bool:
    """Whether two values inside one change stand in the same place.

    True in a short change; when both open or both close the change (the unchanged text
    around it is the same); or when the words on both sides of them are the same, or one
    of them is and is a content word ("14 *people*"), not just "on" or "in".
    """
    if small:
        return True
    if _at_start(a, lspan, ltext) and _at_start(b, rspan, rtext):
        return True
    if _at_end(a, lspan, ltext) and _at_end(b, rspan, rtext):
        return True
    (lb, la), (rb, ra) = _context(a, ltext), _context(b, rtext)
    same_before = lb is not None and lb == rb
    same_after = la is not None and la == ra
    if same_before and same_after:
        return True
    return (same_before and lb not in _FUNCTION_WORDS) or (same_after and la not in _FUNCTION_WORDS)


_SMALL_CHANGE_WORDS = 6


def _pair_values(
    left: list[Value], right: list[Value], lspan: Span, rspan: Span, ltext: str, rtext: str
) -> list[tuple[Value, Value]]:
    """Pairs of values of one class standing in the same place inside one change.

    Values that agree with one on the other side are set aside first (they are the same
    fact, perhaps formatted differently); the rest pair up in order when both sides have
    as many, else only at the change's edges.
    """
    rest_right = list(right)
    rest_left: list[Value] = []
    for value in left:
        match = next((r for r in rest_right if _relation(value, r) == SAME), None)
        if match is not None:
            rest_right.remove(match)
        else:
            rest_left.append(value)
    if not rest_left or not rest_right:
        return []
    if len(rest_left) == len(rest_right):
        candidates = list(zip(rest_left, rest_right, strict=True))
    else:
        candidates = [(rest_left[0], rest_right[0]), (rest_left[-1], rest_right[-1])]
    small = (
        len(re.findall(r"\w+", ltext[lspan[0] : lspan[1]])) <= _SMALL_CHANGE_WORDS
        and len(re.findall(r"\w+", rtext[rspan[0] : rspan[1]])) <= _SMALL_CHANGE_WORDS
    )
    pairs: list[tuple[Value, Value]] = []
    for a, b in candidates:
        if (a, b) not in pairs and _same_place(a, b, lspan, rspan, ltext, rtext, small):
            pairs.append((a, b))
    return pairs


def _equal_share(ops: Sequence[Op], lrange: Span, rrange: Span) -> float:
    """The share of both sides' text that the diff found equal."""
    total = (lrange[1] - lrange[0]) + (rrange[1] - rrange[0])
    equal = sum(
        (op.left[1] - op.left[0]) + (op.right[1] - op.right[0]) for op in ops if op.op == EQUAL
    )
    return equal / total if total else 1.0


def _changes(ops: Sequence[Op]) -> list[Op]:
    """The changes of a diff, neighbouring ones joined: a deletion right before an
    insertion is one replacement, whichever differ produced the ops."""
    changes: list[Op] = []
    previous_equal = True
    for op in ops:
        if op.op == EQUAL:
            previous_equal = True
            continue
        if not previous_equal and changes:
            last = changes.pop()
            left, right = (last.left[0], op.left[1]), (last.right[0], op.right[1])
        else:
            left, right = op.left, op.right
        kind = (
            REPLACE
            if left[0] < left[1] and right[0] < right[1]
            else DELETE
            if left[0] < left[1]
            else INSERT
        )
        changes.append(Op(kind, left, right))
        previous_equal = False
    return changes


def find_conflicts(
    left_text: str, right_text: str, ops: Sequence[Op], *, row_index: int = -1
) -> list[Conflict]:
    """Conflicting values in one aligned group, given its diff ops (from ``diff_group``).

    ``left_text``/``right_text`` are the whole documents (the ops' spans index into them);
    the rest of each document helps tell a name from a capitalised sentence start, and
    whether a shortened name is the document's usual short form.
    """
    if not ops:
        return []
    lrange = (ops[0].left[0], ops[-1].left[1])
    rrange = (ops[0].right[0], ops[-1].right[1])
    if lrange[0] == lrange[1] or rrange[0] == rrange[1]:
        return []  # a one-sided row: nothing stands opposite
    lvalues = extract_values(left_text, *lrange)
    rvalues = extract_values(right_text, *rrange)
    found: dict[tuple[Span, Span], Conflict] = {}
    compared: set[tuple[Span, Span]] = set()

    def report(kind: str, lspan: Span, rspan: Span) -> None:
        if (lspan, rspan) not in found:
            found[(lspan, rspan)] = Conflict(
                kind,
                left_text[lspan[0] : lspan[1]],
                lspan,
                right_text[rspan[0] : rspan[1]],
                rspan,
                row_index,
            )

    changes = _changes(ops)
    lindex, rindex = _SpanIndex(lvalues), _SpanIndex(rvalues)
    changed_left, changed_right = _SpanIndex([]), _SpanIndex([])
    for op in changes:
        changed_left.add(op.left)
        changed_right.add(op.right)
        left_in = lindex.overlapping(op.left)
        right_in = rindex.overlapping(op.right)
        if not left_in or not right_in:
            continue
        for cls in ("time", "weekday", "quantity", "ordinal", "clock"):
            lc = [v for v in left_in if _CLASS[v.kind] == cls]
            rc = [v for v in right_in if _CLASS[v.kind] == cls]
            for a, b in _pair_values(lc, rc, op.left, op.right, left_text, right_text):
                compared.add((a.span, b.span))
                relation = _relation(a, b)
                if _is_conflict(relation):
                    report(relation, a.span, b.span)

    # Dates and weekdays in the same order on both sides are compared even when the diff
    # put them in different changes (a rewritten dateline and a rewritten first clause),
    # provided the two sides are mostly the same text: in a loosely matched row, two
    # dates need not be about the same thing.
    for cls in ("time", "weekday") if _equal_share(ops, lrange, rrange) >= 0.5 else ():
        lc = [v for v in lvalues if _CLASS[v.kind] == cls]
        rc = [v for v in rvalues if _CLASS[v.kind] == cls]
        if len(lc) != len(rc):
            continue
        for a, b in zip(lc, rc, strict=True):
            if (a.span, b.span) in compared:
                continue
            in_change = changed_left.any_overlap(a.span) or changed_right.any_overlap(b.span)
            relation = _relation(a, b) if in_change else SAME
            if _is_conflict(relation):
                report(relation, a.span, b.span)

    for lspan, rspan in _name_conflicts(left_text, right_text, ops, lrange, rrange, lindex, rindex):
        if (lspan, rspan) not in found:
            report("name", lspan, rspan)
    return sorted(found.values(), key=lambda c: (c.left_span, c.right_span))


# --- names at change edges ----------------------------------------------------------------


def _edge_status(
    runs: Sequence[_NameRun], starts: Sequence[int], span: Span, text: str, at_start: bool
) -> tuple[str, _NameRun] | None:
    """How a name run meets one edge of a change on one side.

    ``cross``: the run goes across the edge (part equal, part changed); ``inner``: the run
    begins (start edge) or ends (end edge) exactly at the edge, inside the change; ``touch``:
    the run ends just before (start edge) or begins just after (end edge) the change.
    """
    pos = span[0] if at_start else span[1]
    nonempty = span[0] < span[1]
    # Runs never overlap and are sorted, so only the few around ``pos`` can qualify.
    i = bisect_right(starts, pos)
    for run in runs[max(0, i - 3) : i + 2]:
        if run.core_start < pos < run.core_end:
            return ("cross", run)
        if at_start:
            if nonempty and run.core_start == pos:
                return ("inner", run)
            gap = text[run.core_end : pos]
            if run.end <= pos and (not gap or (gap.isspace() and "\n" not in gap)):
                return ("touch", run)
        else:
            if nonempty and pos in (run.core_end, run.end):
                return ("inner", run)
            gap = text[pos : run.core_start]
            if run.core_start >= pos and (not gap or (gap.isspace() and "\n" not in gap)):
                return ("touch", run)
    return None


def _content_words(
    text: str, span: Span, runs: Sequence[_NameRun], values: _SpanIndex
) -> list[str]:
    """The words of a change other than names and values: equal on both sides when the
    change only swaps names (and perhaps the dates or numbers beside them)."""
    return [
        t.key
        for t in tokenize(text, *span)
        if t.kind == WORD
        and not any(r.start <= t.start < r.end for r in runs)
        and not values.overlapping((t.start, t.end))
    ]


def _name_conflicts(
    left_text: str,
    right_text: str,
    changes: Sequence[Op],
    lrange: Span,
    rrange: Span,
    lvalues: _SpanIndex,
    rvalues: _SpanIndex,
) -> list[tuple[Span, Span]]:
    lruns_all = _name_runs(left_text, right_text)
    rruns_all = _name_runs(right_text, left_text)
    lruns = [r for r in lruns_all if r.end > lrange[0] - 1 and r.start < lrange[1] + 1]
    rruns = [r for r in rruns_all if r.end > rrange[0] - 1 and r.start < rrange[1] + 1]
    lkeys = {r.key for r in lruns}
    rkeys = {r.key for r in rruns}
    lstarts = [r.start for r in lruns]
    rstarts = [r.start for r in rruns]
    out: list[tuple[Span, Span]] = []
    for op in changes:
        for at_start in (True, False):
            ls = _edge_status(lruns, lstarts, op.left, left_text, at_start)
            rs = _edge_status(rruns, rstarts, op.right, right_text, at_start)
            if ls is None or rs is None:
                continue
            statuses = {ls[0], rs[0]}
            if op.op == REPLACE:
                if "touch" in statuses and "cross" not in statuses:
                    continue
            elif "cross" not in statuses:
                continue  # an added or removed name next to another name, not a change of name
            lrun, rrun = ls[1], rs[1]
            verdict = _compare_names(
                lrun, rrun, left_text, right_text, lruns_all, rruns_all, lkeys, rkeys
            )
            if verdict == "different" and _content_words(
                left_text, op.left, lruns, lvalues
            ) != _content_words(right_text, op.right, rruns, rvalues):
                continue  # the names differ inside a rewritten passage, not in one place
            if verdict is not None:
                out.append(((lrun.core_start, lrun.core_end), (rrun.core_start, rrun.core_end)))
    return out


def _compare_names(
    lrun: _NameRun,
    rrun: _NameRun,
    left_text: str,
    right_text: str,
    lruns_all: Sequence[_NameRun],
    rruns_all: Sequence[_NameRun],
    lkeys: set[tuple[str, ...]],
    rkeys: set[tuple[str, ...]],
) -> str | None:
    """``None`` (same name), ``"cut"`` (one cut short) or ``"different"``."""
    a, b = lrun.key, rrun.key
    if len(a) == len(b) and all(map(_word_equal, a, b)):
        return None
    if _is_suffix(a, b) or _is_suffix(b, a) or _is_acronym(a, b) or _is_acronym(b, a):
        return None  # "Putin" for "Vladimir Putin"; "EAC" for "East African Community"
    if _is_prefix(a, b) or _is_prefix(b, a):
        short = lrun if len(a) < len(b) else rrun
        if len(short.key) > 1:
            return None  # "Arbor Capital" for "Arbor Capital Partners": a usual short form
        # A lone first word ("Vladimir" for "Vladimir Putin") is cut short, unless the
        # texts use it alone elsewhere, as with "Wang" for "Wang Yi".
        for run in (*lruns_all, *rruns_all):
            if run.key == short.key and run is not short:
                return None
        return "cut"
    if a in rkeys or b in lkeys:
        return None  # both names are on both sides: reordered, not replaced
    return "different"
