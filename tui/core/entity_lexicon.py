"""Closed word lists that drive the rule-based entity extractor.

These are *function* vocabularies of English news prose (titles, organisation head nouns,
capitalised function words), not lists of entities: an entity the lists do not know is still
found by its shape and context. Keeping them in one module makes the rules auditable and lets
tests check each list's effect in isolation. Everything is lower-case for case-free lookups.
"""

from __future__ import annotations

from .value_lexicon import MONTHS as VALUE_MONTHS
from .value_lexicon import WEEKDAYS as VALUE_WEEKDAYS

PERSON_TITLES: frozenset[str] = frozenset(
    """
    president vice-president premier prime minister ministers secretary secretary-general
    undersecretary under-secretary chancellor director director-general chairman chairwoman
    chairperson chair chief ambassador envoy senator sen. governor gov. mayor king queen prince
    princess sheikh sheikha emir sultan pope cardinal archbishop bishop rev. reverend pastor
    imam rabbi father sister brother general gen. admiral colonel col. major maj. captain capt.
    lieutenant lt. sergeant sgt. commander commissioner councillor councilor spokesman
    spokeswoman spokesperson mr. mrs. ms. miss mr mrs ms dr. dr prof. prof professor doctor
    sir dame lord lady justice judge speaker lawmaker legislator congressman congresswoman
    rep. representative deputy vice head founder ceo chief-executive dean rector provost
    president-elect mp mep diplomat counsellor counselor attorney coach
    """.split()
)
"""Words that introduce a person's name ("President Xi", "Ms. Wanjiru"); never part of it."""

TITLE_MODIFIERS: frozenset[str] = frozenset(
    """
    foreign defence defense finance interior home health trade economy economic energy
    education justice culture transport labour labor agriculture environment state foreign-affairs
    executive managing acting former first second deputy vice chief senior junior general
    assistant associate supreme high federal national regional provincial municipal
    shadow opposition interim caretaker outgoing incoming presidential prime grand crown royal
    attorney solicitor auditor inspector surgeon commerce industry security intelligence
    information communications science technology sports tourism housing water mines mining
    petroleum oil planning development treasury police army navy air force military
    """.split()
)
"""Capitalised words that can precede a title inside a role ("Foreign Minister")."""

PORTFOLIO_WORDS: frozenset[str] = TITLE_MODIFIERS | frozenset(
    """affairs state defence defense energy health""".split()
)
"""Words of a title's ``of``-complement ("Minister of Foreign Affairs Sergey Lavrov")."""

ORG_HEADS: frozenset[str] = frozenset(
    """
    agency party committee commission office council ministry bank university bureau
    organization organisation union association court parliament assembly department company
    corporation corp corp. inc inc. ltd ltd. llc plc co co. gmbh ag sa news times post
    institute institution foundation federation authority board service services fund
    society societies league alliance coalition movement front army navy force forces police
    guard command group holdings partners capital systems technologies technology dynamics
    industries motors airlines airways pharmaceuticals labs laboratories solutions networks
    media communications electronics optics robotics software entertainment studios pictures
    records brands foods resources petroleum mining steel insurance investments ventures
    securities finance financial logistics shipping telecom automotive aerospace semiconductor
    semiconductors chemicals therapeutics enterprises trust exchange reserve secretariat
    directorate administration cabinet government senate congress tribunal academy college
    school hospital clinic church mission embassy consulate delegation team club network
    broadcasting radio television tv press herald tribune gazette journal daily monitor
    chronicle telegraph observer review magazine laboratory
    """.split()
)
"""Nouns that make a capitalised phrase an organisation ("Bank of England", "Xinhua News").

A head counts in head position only: the last word, or the last before "of"/"for"/"on"
("Park" in "Park Ji-won" is a surname, not a park)."""

ORG_MARKERS: frozenset[str] = frozenset(
    "radio television tv news daily broadcasting airlines airways".split()
)
"""Organisation words that count in any position ("Radio Cooperativa", "Daily Monitor")."""

OTHER_HEADS: frozenset[str] = frozenset(
    """
    summit conference forum games olympics olympic cup championship championships
    tournament festival expo exhibition war treaty accord accords agreement pact declaration
    convention charter protocol act bill law constitution resolution initiative plan programme
    program strategy doctrine award prize medal prizes report index campaign operation
    revolution crisis pandemic election elections referendum talks dialogue process
    partnership project orbiter rover probe telescope satellite spacecraft rocket
    """.split()
)

OTHER_DESCRIPTORS: frozenset[str] = frozenset(
    """
    probe spacecraft orbiter rover satellite rocket telescope ship vessel tanker aircraft jet
    plane drone missile vaccine drug film movie documentary album song novel book series
    show opera play painting app brand model phone mission
    """.split()
)
"""Lower-case nouns next to a name that make it a vehicle, product or work (OTHER):
"the Juniper orbiter", "the film Night Ferry"."""
"""Nouns that make a capitalised phrase an event, document or programme (OTHER)."""

PLACE_HEADS: frozenset[str] = frozenset(
    """
    river lake sea ocean gulf bay mountain mountains mount mt. mt island islands isle valley
    desert province state region district county city town village strait peninsula coast
    canal basin plateau square street avenue road boulevard bridge tower palace hall airport
    station port harbour harbor stadium arena park dam castle cathedral mosque temple
    building centre center plaza highway motorway border territory territories oblast
    prefecture governorate republic kingdom emirate
    """.split()
)
"""Nouns that make a capitalised phrase a geographic feature or facility (PLACE)."""

FACILITY_OR_ORG = frozenset({"centre", "center"})
"""Heads that name an organisation when followed by ``for``/``of`` ("Centre for X")."""

CONNECTORS: frozenset[str] = frozenset(
    {
        "of",
        "the",
        "for",
        "and",
        "&",
        "on",
        "de",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "dos",
        "das",
        "do",
    }
)
"""Lower-case words that may sit *inside* a name ("Bank of England"), never at its edges."""

NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "de",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "dos",
        "das",
        "do",
    }
)
"""Connectors that belong to personal or place names rather than to organisation names."""

STOP_CAPITALISED: frozenset[str] = frozenset(
    """
    a an the he she it they we i you his her its their our my your this that these those
    there here in on at for by from to with as but and or if when while after before during
    under over according meanwhile however also yet so since although though because what who
    whom whose which where why how some many most all both each every other another such no
    not only even still just now then today tonight yesterday tomorrow last next first second
    third finally later earlier once again further furthermore moreover instead thus
    therefore indeed nevertheless nonetheless besides despite among between about against
    until unless whether do does did is are was were be been has have had will would can
    could should may might must shall let please thank thanks yes well oh dear hello mr mrs
    one two three four five six seven eight nine ten several few more less much any none
    nothing everything everyone everybody someone somebody anyone nobody people said says
    asked told added noted according into onto upon via per within without throughout
    towards toward around across along beyond near off out up down above below behind
    """.split()
)
"""Capitalised function words that are never names on their own (sentence starts, headlines)."""

SPEECH_VERBS: frozenset[str] = frozenset(
    """
    said says say told added noted stressed urged insisted argued warned explained
    announced declared claimed wrote asked replied underlined underscored emphasised
    emphasized acknowledged admitted recalled
    """.split()
)
"""Verbs whose subject is usually a person ("Wang said"); a weak PERSON cue."""

ORG_DESCRIPTORS: frozenset[str] = frozenset(
    """
    company firm group supplier maker manufacturer carmaker automaker carrier airline bank
    lender insurer retailer broadcaster newspaper paper agency operator developer giant rival
    startup start-up conglomerate subsidiary unit regulator network outlet publisher
    organisation organization charity party union broker fund investor
    """.split()
)
"""Lower-case nouns that, right before a name, say it is an organisation ("supplier X")."""

PLACE_DESCRIPTORS: frozenset[str] = frozenset(
    """
    city town village province state region country capital port island district county
    municipality suburb neighbourhood neighborhood area
    """.split()
)
"""Lower-case nouns that, right before a name (or before ``of`` + name), say it is a place."""

PLACE_PREPOSITIONS: frozenset[str] = frozenset({"in", "near", "outside", "across", "inside"})
"""Prepositions that make a following single unknown word likely a place ("in Arusha")."""

ORG_POSSESSED: frozenset[str] = frozenset(
    """
    shares stock board chairman chairwoman headquarters staff employees revenue revenues
    profit profits spokesman spokeswoman spokesperson ceo executives shareholders founder
    subsidiary members leadership leader secretary management
    """.split()
)
"""Nouns after ``X's`` that mark X as an organisation ("Kestrel's shares")."""

NON_ENTITY_ADJECTIVES: frozenset[str] = frozenset(
    """
    muslim muslims christian christians jewish jews islamic catholic catholics buddhist hindu
    sunni shia shiite protestant orthodox western eastern northern southern arab arabs
    arabic latino hispanic communist socialist democrat democrats republican republicans
    conservative conservatives liberal liberals english
    """.split()
)
"""Capitalised adjectives and group nouns that are not entity mentions by our policy."""

COMPASS_WORDS: frozenset[str] = frozenset({"north", "south", "east", "west"})
"""A capitalised compass word on its own names a region ("the South"): a weak PLACE cue."""

ACRONYM_STOPLIST: frozenset[str] = frozenset(
    """
    I A OK TV AI CEO CFO COO CTO GDP GNP PM AM ID DNA RNA IT PC USB GMT UTC FAQ PDF HTML URL
    VAT IPO ATM SMS GPS LED LCD FM BC AD CE BCE ET EST EDT PST BST CET NB PS RIP VIP ASAP DIY
    HQ II III IV VI VII VIII IX XI XII XX AND THE OF FOR NOT NO YES NEW UPDATE UPDATED PHOTO
    VIDEO END BREAKING EXCLUSIVE ANALYSIS OPINION CORRECTED REFILE
    """.split()
)
"""All-capital words that are not organisation acronyms (exact case)."""

MONTHS: dict[str, int] = VALUE_MONTHS
"""Month names and abbreviations -> month number: the one table, from ``value_lexicon``."""
WEEKDAYS: dict[str, int] = {
    name: day for name, day in VALUE_WEEKDAYS.items() if name.endswith("day")
}
"""Full weekday names -> weekday (Monday 0), from the same table without abbreviations."""

ABBREVIATIONS: frozenset[str] = frozenset(
    """
    st mr mrs ms dr prof gen sen rep gov lt col capt sgt maj rev mt ft jr sr co corp inc ltd
    bros no jan feb mar apr jun jul aug sep sept oct nov dec messrs adm cmdr supt insp
    """.split()
)
"""Words whose following period is part of the word ("St.", "Mr."), not a sentence end."""

PREFIX_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "st",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "rev",
        "mt",
        "ft",
        "messrs",
        "adm",
        "cmdr",
        "supt",
        "insp",
    }
)
"""Abbreviations that always precede another word, so their period never ends a sentence."""

ALL_HEADS: frozenset[str] = ORG_HEADS | OTHER_HEADS | PLACE_HEADS
TITLE_WORDS: frozenset[str] = PERSON_TITLES | TITLE_MODIFIERS
