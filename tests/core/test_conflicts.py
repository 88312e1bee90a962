"""Conflicting values and names between aligned texts (values: test_values.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui.core.analysis import analyze
from tui.core.conflicts import KINDS, Conflict, find_conflicts
from tui.core.diff import DELETE, EQUAL, INSERT, Op, diff_group
from tui.core.document import document_from_text

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "putin-wang-yi-2024"


def _conflicts(a: str, b: str) -> list[Conflict]:
    ops = diff_group(a, [(0, len(a))], b, [(0, len(b))])
    return find_conflicts(a, b, ops, row_index=3)


def _summary(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.left_text, c.right_text) for c in _conflicts(a, b)]


# (kind, left, right, left value, right value)
POSITIVE = [
    (
        "date",
        "The talks were held on Sept. 12 in Geneva.",
        "The talks were held on Sept. 14 in Geneva.",
        "Sept. 12",
        "Sept. 14",
    ),
    (
        "date",
        "It was signed on 12 September 2024 in Rome.",
        "It was signed on 13 September 2024 in Rome.",
        "12 September 2024",
        "13 September 2024",
    ),
    (
        "date",
        "It opened on September 12, 2024, officials said.",
        "It opened on September 12, 2023, officials said.",
        "September 12, 2024",
        "September 12, 2023",
    ),
    (
        "date",
        "Filed on 2024-09-13 by the court.",
        "Filed on 2024-09-12 by the court.",
        "2024-09-13",
        "2024-09-12",
    ),
    (
        "date",
        "It happened on 9/12/2024 at dawn.",
        "It happened on October 9, 2024 at dawn.",
        "9/12/2024",
        "October 9, 2024",
    ),
    (
        "date",
        "It happened on 13.09.2024 at dawn.",
        "It happened on 14 September 2024 at dawn.",
        "13.09.2024",
        "14 September 2024",
    ),
    (
        "date",
        "BEIJING, Sept 13 (KUNA) -- Talks began.",
        "BEIJING, Sept. 12 (KUNA) -- Talks began.",
        "Sept 13",
        "Sept. 12",
    ),
    (
        "date",
        "The vote is due on the 3rd of March.",
        "The vote is due on March 5.",
        "3rd of March",
        "March 5",
    ),
    (
        "weekday",
        "They met on Monday in Paris.",
        "They met on Tuesday in Paris.",
        "Monday",
        "Tuesday",
    ),
    (
        "weekday",
        "Results came on Thurs. evening.",
        "Results came on Friday evening.",
        "Thurs.",
        "Friday",
    ),
    (
        "month",
        "The plant opened in March after delays.",
        "The plant opened in May after delays.",
        "March",
        "May",
    ),
    (
        "month",
        "Work starts in September 2025 at the site.",
        "Work starts in October 2025 at the site.",
        "September 2025",
        "October 2025",
    ),
    (
        "year",
        "The plant opened in 2019 after delays.",
        "The plant opened in 2020 after delays.",
        "2019",
        "2020",
    ),
    (
        "year",
        "They have been allies since 1998, he said.",
        "They have been allies since 1989, he said.",
        "1998",
        "1989",
    ),
    (
        "number",
        "At least 14 people died in the fire.",
        "At least 15 people died in the fire.",
        "14",
        "15",
    ),
    (
        "number",
        "At least three people died in the fire.",
        "At least four people died in the fire.",
        "three",
        "four",
    ),
    (
        "number",
        "It employs 1,200 people in Britain.",
        "It employs 1,300 people in Britain.",
        "1,200",
        "1,300",
    ),
    ("number", "A magnitude 6.8 quake struck.", "A magnitude 6.9 quake struck.", "6.8", "6.9"),
    ("number", "A dozen soldiers were hurt.", "Twenty soldiers were hurt.", "A dozen", "Twenty"),
    (
        "number",
        "The quake hit at 9:42 p.m. local time.",
        "The quake hit at 9:45 p.m. local time.",
        "9:42 p.m.",
        "9:45 p.m.",
    ),
    (
        "number",
        "They marked the 75th anniversary of ties.",
        "They marked the 76th anniversary of ties.",
        "75th",
        "76th",
    ),
    (
        "number",
        "It was the first meeting of the panel.",
        "It was the second meeting of the panel.",
        "first",
        "second",
    ),
    (
        "number",
        "It was the seventy-fifth anniversary.",
        "It was the 70th anniversary.",
        "seventy-fifth",
        "70th",
    ),
    (
        "amount",
        "The deal is worth $5 million, he said.",
        "The deal is worth $6 million, he said.",
        "$5 million",
        "$6 million",
    ),
    (
        "amount",
        "They signed a deal worth 2.3 billion dollars.",
        "They signed a deal worth $2.5 billion.",
        "2.3 billion dollars",
        "$2.5 billion",
    ),
    ("amount", "Sales reached €3bn last year.", "Sales reached €4bn last year.", "€3bn", "€4bn"),
    (
        "amount",
        "The offer is 640p a share.",
        "The offer is 650 pence a share.",
        "640p",
        "650 pence",
    ),
    (
        "amount",
        "It released 350,000 Swiss francs for aid.",
        "It released CHF 400,000 for aid.",
        "350,000 Swiss francs",
        "CHF 400,000",
    ),
    ("percent", "Prices rose 5% in May.", "Prices rose 6 per cent in May.", "5%", "6 per cent"),
    (
        "percent",
        "Bills could fall by five per cent.",
        "Bills could fall by 7%.",
        "five per cent",
        "7%",
    ),
    (
        "percent",
        "Shares jumped 23 percent on Monday.",
        "Shares jumped 32% on Monday.",
        "23 percent",
        "32%",
    ),
    (
        "name",
        "The meeting was chaired by Putin on Monday.",
        "The meeting was chaired by Lavrov on Monday.",
        "Putin",
        "Lavrov",
    ),
    ("name", "He visited Moscow last week.", "He visited Beijing last week.", "Moscow", "Beijing"),
    (
        "name",
        "Talks with President Emmanuel Macron ended.",
        "Talks with President Emmanuel Lenoir ended.",
        "Emmanuel Macron",
        "Emmanuel Lenoir",
    ),
    (
        "name",
        "The chairman, Martin Hale, said no.",
        "The chairman, Martin Hall, said no.",
        "Martin Hale",
        "Martin Hall",
    ),
    (
        "name",
        "Russian President Vladimir voiced support.",
        "Russian President Vladimir Putin voiced support.",
        "Vladimir",
        "Vladimir Putin",
    ),
    (
        "name",
        "The report was written by Grace Wanjiru and sent.",
        "The report was written by Amina Odhiambo and sent.",
        "Grace Wanjiru",
        "Amina Odhiambo",
    ),
]


@pytest.mark.parametrize(("kind", "left", "right", "left_value", "right_value"), POSITIVE)
def test_conflicting_values_are_found(
    kind: str, left: str, right: str, left_value: str, right_value: str
) -> None:
    conflicts = _conflicts(left, right)
    assert [(c.kind, c.left_text, c.right_text) for c in conflicts] == [
        (kind, left_value, right_value)
    ]
    (conflict,) = conflicts
    assert left[slice(*conflict.left_span)] == conflict.left_text
    assert right[slice(*conflict.right_span)] == conflict.right_text
    assert conflict.row == 3 and conflict.kind in KINDS


NEGATIVE = [
    # The same value, formatted differently.
    (
        "The talks were held on Sept. 12 in Geneva.",
        "The talks were held on September 12 in Geneva.",
    ),
    ("The talks were held on 12 Sept in Geneva.", "The talks were held on Sept 12 in Geneva."),
    (
        "The talks were held on Sept. 12 in Geneva.",
        "The talks were held on September 12, 2024 in Geneva.",
    ),
    ("It happened on 2024-09-13 at dawn.", "It happened on 13.09.2024 at dawn."),
    ("It happened on 9/12/2024 at dawn.", "It happened on September 12, 2024 at dawn."),
    ("It happened on 9/12/2024 at dawn.", "It happened on December 9, 2024 at dawn."),
    ("It happened on the 12th of September.", "It happened on Sept. 12."),
    ("They met on Monday in Paris.", "They met on Mon. in Paris."),
    ("At least 1,000 people died.", "At least 1000 people died."),
    ("At least three people died.", "At least 3 people died."),
    ("A dozen people died.", "12 people died."),
    ("Three hundred and twelve people voted.", "312 people voted."),
    ("The deal is worth $5 million.", "The deal is worth US$5m."),
    ("The deal is worth $5 million.", "The deal is worth 5 million dollars."),
    ("The deal is worth $2.3 billion.", "The deal is worth USD 2,300 million."),
    ("The offer is 640p a share.", "The offer is 640 pence a share."),
    ("The offer is £6.40 a share.", "The offer is 640p a share."),
    ("Prices rose 5%.", "Prices rose 5 percent."),
    ("Prices rose 5%.", "Prices rose five per cent."),
    ("the 75th anniversary", "the seventy-fifth anniversary"),
    ("The quake hit at 9:42 p.m. local time.", "The quake hit at 21:42 local time."),
    ("The line is 400 km long.", "The line is 400 kilometres long."),
    # A value added on one side only.
    ("About 500 people attended.", "About 500 people attended, including 20 children."),
    ("The quake struck on Sunday.", "The quake struck on Sunday, killing 14."),
    # A conversion between currencies is not a contradiction.
    ("The deal is worth £4.2bn.", "The deal is worth $5.3 billion."),
    # Unrelated numbers in a rewritten sentence.
    (
        "The quake, which killed 14 people in three regions, hit on Sunday.",
        "The strong quake hit on Sunday and damaged roads in 2 provinces, rescuers said "
        "after counting 15 dead.",
    ),
    # Names: pronouns, common words, short forms, spellings, reordering, removals.
    ("Officials met Putin. Putin made the remarks.", "Officials met Putin. He made the remarks."),
    ("The talks went well.", "The meeting went well."),
    ("Officials said the talks went well.", "Analysts said the talks went well."),
    ("President Vladimir Putin said it was time.", "President Putin said it was time."),
    ("Officials met Wang Yi. Wang said yes.", "Officials met Wang. Wang said yes."),
    ("Aid came from Zelenskyy on Monday.", "Aid came from Zelensky on Monday."),
    ("Talks between Putin and Xi began.", "Talks between Xi and Putin began."),
    ("Sergei Lavrov and Wang Yi met in Moscow.", "Wang Yi met in Moscow."),
    ("He also thanked Beijing for its support.", "Putin thanks China for its support."),
    ("It was announced by the East African Community.", "It was announced by the EAC."),
    ("Letters from Mohammed Salah arrived.", "Letters from Muhammad Salah arrived."),
    ("The buyer, Arbor Capital Partners, agreed.", "The buyer, Arbor Capital, agreed."),
    ("The board praised Mr. Hale on Monday.", "The board praised Martin Hale on Monday."),
    ("a member of the Bureau of the party", "a member of the Political Bureau of the party"),
]


@pytest.mark.parametrize(("left", "right"), NEGATIVE)
def test_format_changes_additions_and_rewordings_are_not_conflicts(left: str, right: str) -> None:
    assert _summary(left, right) == []


def test_identical_texts_have_no_conflicts() -> None:
    text = "On Sept. 12, Putin met Wang Yi and signed a $5 million deal, up 5%."
    assert _summary(text, text) == []


def test_several_values_in_one_place_are_each_reported() -> None:
    assert _summary(
        "They met on Thursday, Sept. 12, in Moscow.", "They met on Friday, Sept. 13, in Moscow."
    ) == [("weekday", "Thursday", "Friday"), ("date", "Sept. 12", "Sept. 13")]


def test_a_deletion_next_to_an_insertion_counts_as_one_replacement() -> None:
    left, right = "Talks began on Monday in Rome.", "Talks began on Friday in Rome."
    at = left.index("Monday")
    ops = [
        Op(EQUAL, (0, at), (0, at)),
        Op(DELETE, (at, at + 6), (at, at)),
        Op(INSERT, (at + 6, at + 6), (at, at + 6)),
        Op(EQUAL, (at + 6, len(left)), (at + 6, len(right))),
    ]
    summary = [(c.kind, c.left_text, c.right_text) for c in find_conflicts(left, right, ops)]
    assert summary == [("weekday", "Monday", "Friday")]


def test_a_dateline_and_a_first_clause_rewritten_together_still_compare_dates() -> None:
    rest = " the deal was done and that both governments would sign it within a month."
    left = "MOSCOW, March 4 (AFP) -- The minister said on Tuesday" + rest
    right = "From our correspondent, March 3, 2025. Full text: The minister said on Monday" + rest
    summary = _summary(left, right)
    assert ("date", "March 4", "March 3, 2025") in summary
    assert ("weekday", "Tuesday", "Monday") in summary


def test_sample_first_paragraphs_report_date_weekday_and_cut_name() -> None:
    left = (SAMPLE / "kuna-2024-09-13.txt").read_text(encoding="utf-8")
    right = (SAMPLE / "xinhua-2024-09-12.txt").read_text(encoding="utf-8")
    lspan = (0, left.index("\n"))
    rspans = [(0, right.index("\n")), (right.index("St. Petersburg"), 0)]
    rspans[1] = (rspans[1][0], right.index("\n", rspans[1][0]))
    ops = diff_group(left, [lspan], right, rspans)
    conflicts = find_conflicts(left, right, ops, row_index=0)
    summary = {(c.kind, c.left_text, c.right_text.replace("\u00a0", " ")) for c in conflicts}
    assert ("date", "Sept 13", "Sept. 12") in summary
    assert ("weekday", "Friday", "Thursday") in summary
    assert ("name", "Vladimir", "Vladimir Putin") in summary
    assert {c.kind for c in conflicts} <= {"date", "weekday", "name"}
    for c in conflicts:
        assert left[slice(*c.left_span)] == c.left_text
        assert right[slice(*c.right_span)] == c.right_text


def test_sample_later_paragraphs_report_nothing() -> None:
    left = (SAMPLE / "kuna-2024-09-13.txt").read_text(encoding="utf-8")
    right = (SAMPLE / "xinhua-2024-09-12.txt").read_text(encoding="utf-8")

    def span(text: str, start: str) -> tuple[int, int]:
        a = text.index(start)
        return (a, text.index("\n", a))

    pairs = [
        ("Putin made the remarks", "Putin made the remarks"),
        ("He said that Russia", "Russia and China, acting"),
        ("The Russian president voiced", "Russia is willing"),
        ("He also thanked", "Putin thanks China"),
        ("For his part, Wang said", "China and Russia have"),
        ("Wang underlined", "He said that with"),
    ]
    for lstart, rstart in pairs:
        ops = diff_group(left, [span(left, lstart)], right, [span(right, rstart)])
        assert find_conflicts(left, right, ops) == [], lstart


# --- dates and weekdays across changes ----------------------------------------------------


def _sample_texts() -> tuple[str, str]:
    return (
        (SAMPLE / "kuna-2024-09-13.txt").read_text(encoding="utf-8"),
        (SAMPLE / "xinhua-2024-09-12.txt").read_text(encoding="utf-8"),
    )


def test_sample_row_1_reports_the_dateline_against_the_date_in_the_text() -> None:
    """KUNA's first paragraph against Xinhua's second, as the aligner pairs them.

    KUNA gives the day twice (a "2024-09-13" metadata stamp and the "Sept 13" dateline),
    Xinhua once ("[Sept. 12]"), and no day agrees: the nearest pair is reported, and the
    stamp, which only restates the dateline's day, stays unpaired, so the one disagreement
    is reported once.
    """
    left, right = _sample_texts()
    lspan = (0, left.index("\n"))
    start = right.index("St. Petersburg")
    rspan = (start, right.index("\n", start))
    ops = diff_group(left, [lspan], right, [rspan])
    conflicts = find_conflicts(left, right, ops, row_index=1)
    assert [(c.kind, c.left_text, c.right_text.replace("\u00a0", " ")) for c in conflicts] == [
        ("date", "Sept 13", "Sept. 12"),
        ("name", "Vladimir", "Vladimir Putin"),
        ("weekday", "Friday", "Thursday"),
    ]
    for c in conflicts:
        assert left[slice(*c.left_span)] == c.left_text
        assert right[slice(*c.right_span)] == c.right_text
        assert c.row == 1


def test_the_sample_analysis_lists_the_date_the_weekday_and_the_cut_name() -> None:
    left, right = _sample_texts()
    analysis = analyze(document_from_text(left), document_from_text(right))
    summary = {
        (c.kind, c.left_text, c.right_text.replace("\u00a0", " ")) for c in analysis.conflicts
    }
    assert ("date", "Sept 13", "Sept. 12") in summary
    assert ("weekday", "Friday", "Thursday") in summary
    assert ("name", "Vladimir", "Vladimir Putin") in summary
    assert not any(c.left_text == "2024-09-13" for c in analysis.conflicts)


# (left, right, expected conflicts): dates and weekdays the diff put in different changes.
ACROSS_CHANGES = [
    # A metadata stamp and a dateline against one bracketed date in the text.
    (
        "Posted 2025-03-04. KYIV, March 4 (Reuters) - Ukraine's foreign minister said on "
        "Tuesday that talks would resume next week in Geneva.",
        "Ukraine's foreign minister said on Monday [March 3] that talks would resume next "
        "week in Geneva.",
        [("date", "March 4", "March 3"), ("weekday", "Tuesday", "Monday")],
    ),
    # A dateline against a date at the far end of the sentence.
    (
        "GENEVA, Dec. 13 (AFP) -- On Sunday, rescuers pulled 12 survivors from the rubble "
        "of a collapsed building, the fire service said.",
        "Rescuers pulled 12 survivors from the rubble of a collapsed building on Sunday "
        "[Dec. 12], the fire service said.",
        [("date", "Dec. 13", "Dec. 12")],
    ),
    # Other formats on each side, and a surplus stamp.
    (
        "Published 2024-09-12. GENEVA, Sept. 12 (Reuters) - The talks ended without a deal "
        "on Thursday, diplomats said.",
        "The talks ended without a deal on Wednesday, 11 September, diplomats said.",
        [("date", "Sept. 12", "11 September"), ("weekday", "Thursday", "Wednesday")],
    ),
    (
        "NAIROBI, June 3 (Reuters) - Kenya's parliament approved the finance bill late on "
        "Tuesday after a heated debate, the speaker said.",
        "Kenya's parliament approved the finance bill on June 4 after a heated debate, the "
        "speaker said on Wednesday.",
        [("date", "June 3", "June 4"), ("weekday", "Tuesday", "Wednesday")],
    ),
    # A sentence reordered: the month moved with the words around it.
    (
        "Sales at its European stores fell sharply in March, the company said on Tuesday.",
        "The company said on Tuesday that sales at its European stores fell sharply in April.",
        [("month", "March", "April")],
    ),
    # A year against a full date in another year.
    (
        "The accord was signed in 2023 and covers trade, energy and transport, the ministry "
        "said on Monday.",
        "The accord, signed on Sept. 12, 2024, covers trade, energy and transport, the "
        "ministry said on Monday.",
        [("year", "2023", "Sept. 12, 2024")],
    ),
]


@pytest.mark.parametrize(("left", "right", "expected"), ACROSS_CHANGES)
def test_dates_and_weekdays_disagreeing_across_changes_are_found(
    left: str, right: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _summary(left, right) == expected


def test_days_pair_by_the_words_beside_them_when_a_clause_moved() -> None:
    left = (
        "Officials said on Monday that the border crossing, closed since Monday morning, "
        "would reopen to trucks."
    )
    right = "The border crossing would reopen to trucks, officials said on Tuesday."
    (conflict,) = _conflicts(left, right)
    assert (conflict.kind, conflict.left_text, conflict.right_text) == (
        "weekday",
        "Monday",
        "Tuesday",
    )
    assert conflict.left_span[0] == left.index("Monday")  # "said on Monday", not "since"


NOT_ACROSS_CHANGES = [
    # The day agrees; one side adds another date in an added clause.
    (
        "The talks were held in Geneva on Sept. 12, officials said.",
        "The talks were held in Geneva on Sept. 12, a week after a first round on Sept. 5, "
        "officials said.",
    ),
    # The same day in a dateline and in the text, in other formats and numbers.
    (
        "BEIJING, Sept. 12 (Xinhua) -- Chinese and Russian officials met on Thursday in Beijing.",
        "Chinese and Russian officials met on Thursday, 12 September, in Beijing.",
    ),
    (
        "Published 2024-09-12. GENEVA, Sept. 12 (Reuters) - The talks ended without a deal.",
        "The talks ended without a deal on 12 September.",
    ),
    # A year agreeing with a full date is agreement, and rules out pairing the rest.
    (
        "In 2024 the accord was signed, covering trade and energy, the ministry said.",
        "The accord was signed on Sept. 12, 2024, covering trade and energy, a week after "
        "talks on Sept. 5, the ministry said.",
    ),
    # The weekday agrees; an added clause names another.
    (
        "The ministers met on Monday in Brussels and agreed on new sanctions.",
        "The ministers met on Monday in Brussels and agreed on new sanctions, which take "
        "effect on Friday.",
    ),
    (
        "The strike began on Monday and ended on Wednesday, the union said.",
        "The strike, which began on Monday, ended on Wednesday, the union said in a "
        "statement on Thursday.",
    ),
    # Each side dates another event, at opposite ends of the paragraph.
    (
        "The talks, first held in Vienna on March 3, resumed in Geneva with delegations from "
        "both countries.",
        "The talks resumed in Geneva with delegations from both countries, and a further "
        "round is planned for April 10.",
    ),
    # A date in a sentence only one side has is a new fact.
    (
        "After a first meeting on Feb. 10, rescuers pulled 12 survivors from the rubble of a "
        "collapsed building, the fire service said.",
        "Rescuers pulled 12 survivors from the rubble of a collapsed building, the fire "
        "service said. It follows a similar move on 19 March.",
    ),
    # Background years are not paired by position.
    (
        "The two countries, allies since 1998, signed the deal on Sept. 12.",
        "The two countries signed the deal on Sept. 12, renewing a 2019 pact.",
    ),
    (
        "The bridge, built in 1998, was closed after inspectors found cracks, the ministry said.",
        "The bridge was closed after inspectors found cracks, the ministry said, citing a "
        "2019 report.",
    ),
    (
        "Voters go to the polls on Sunday, Nov. 5, in the first election since the war.",
        "Voters go to the polls on Nov. 5 in the first election since the war, which ended "
        "on Sunday, Oct. 1.",
    ),
    # A loosely matched row: the dates need not be about the same thing.
    (
        "Officials said on March 3 that the new bridge would open to traffic soon.",
        "The government announced on March 9 a plan to widen the coastal road by next year.",
    ),
]


@pytest.mark.parametrize(("left", "right"), NOT_ACROSS_CHANGES)
def test_added_dated_clauses_and_format_changes_across_changes_are_not_conflicts(
    left: str, right: str
) -> None:
    assert _summary(left, right) == []


# --- properties ---------------------------------------------------------------------------

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_ABBR = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]


def _formats(day: datetime.date) -> list[str]:
    """Ways agencies write one full date (slashes left out: they are ambiguous)."""
    name, abbr = _MONTH_NAMES[day.month - 1], _MONTH_ABBR[day.month - 1]
    return [
        f"{name} {day.day}, {day.year}",
        f"{abbr} {day.day}, {day.year}",
        f"{day.day} {name} {day.year}",
        f"{day.day}th of {name} {day.year}"
        if day.day in (4, 5, 6, 7, 8, 9)
        else f"{day.day} {abbr} {day.year}",
        day.isoformat(),
        f"{day.day:02d}.{day.month:02d}.{day.year}",
    ]


_DATES = st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))
_TEMPLATE = "The ministers met on {} in Geneva to discuss trade."


@settings(max_examples=150, deadline=None)
@given(_DATES, st.integers(0, 5), st.integers(0, 5))
def test_the_same_date_in_any_two_formats_is_no_conflict(
    day: datetime.date, i: int, j: int
) -> None:
    a, b = _TEMPLATE.format(_formats(day)[i]), _TEMPLATE.format(_formats(day)[j])
    assert _summary(a, b) == []


@settings(max_examples=150, deadline=None)
@given(_DATES, _DATES, st.integers(0, 5), st.integers(0, 5))
def test_two_different_dates_in_any_formats_conflict(
    d1: datetime.date, d2: datetime.date, i: int, j: int
) -> None:
    assume(d1 != d2)
    a, b = _TEMPLATE.format(_formats(d1)[i]), _TEMPLATE.format(_formats(d2)[j])
    assert [c[0] for c in _summary(a, b)] == ["date"]


_SMALL_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
]


def _number_formats(n: int) -> list[str]:
    forms = [str(n), f"{n:,}"]
    if n <= 10:
        forms.append(_SMALL_WORDS[n])
    return forms


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 5_000_000), st.integers(0, 5_000_000), st.integers(0, 2), st.integers(0, 2))
def test_numbers_conflict_exactly_when_their_values_differ(m: int, n: int, i: int, j: int) -> None:
    assume(not (1600 <= m <= 2199 or 1600 <= n <= 2199))  # those read as years
    fa, fb = _number_formats(m), _number_formats(n)
    a = f"Officials said {fa[i % len(fa)]} people were hurt."
    b = f"Officials said {fb[j % len(fb)]} people were hurt."
    kinds = [c[0] for c in _summary(a, b)]
    assert kinds == ([] if m == n else ["number"])


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 100), st.integers(0, 100), st.sampled_from(["%", " percent", " per cent"]))
def test_percentages_conflict_exactly_when_their_values_differ(m: int, n: int, sign: str) -> None:
    a = f"Turnout rose {m}% in the city."
    b = f"Turnout rose {n}{sign} in the city."
    assert [c[0] for c in _summary(a, b)] == ([] if m == n else ["percent"])


_VOCAB = st.sampled_from(
    [
        "Putin",
        "He",
        "said",
        "on",
        "Sept.",
        "12",
        "13",
        "Friday",
        "Thursday",
        "$5",
        "million",
        "5%",
        "percent",
        "the",
        "75th",
        "three",
        "Wang",
        "Yi",
        "Vladimir",
        "2024",
        "March",
        "May",
        ",",
        ".",
        "\n\n",
        "in",
        "Moscow",
        "Beijing",
        "1,000",
        "a",
        "dozen",
        "9:42",
        "p.m.",
    ]
)
_SENTENCE = st.lists(_VOCAB, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_SENTENCE, _SENTENCE)
def test_conflicts_are_well_formed_on_arbitrary_text(a: str, b: str) -> None:
    conflicts = _conflicts(a, b)
    for c in conflicts:
        assert c.kind in KINDS
        assert a[slice(*c.left_span)] == c.left_text and c.left_text
        assert b[slice(*c.right_span)] == c.right_text and c.right_text
    assert _conflicts(a, a) == []


NAME_CASES = [case for case in POSITIVE if case[0] == "name"]


@pytest.mark.parametrize(("kind", "left", "right", "left_value", "right_value"), NAME_CASES)
def test_a_changed_name_is_found_among_many_names_on_one_long_line(
    kind: str, left: str, right: str, left_value: str, right_value: str
) -> None:
    # Conflicts look only at the name runs inside each change: the hundreds of unchanged
    # names around it, on the same line, must neither hide it nor add to it.
    around = " ".join(
        f"Director Ann Lee{i} met Mayor Bo Chan{i} in Springfield." for i in range(300)
    )
    summary = _summary(f"{around} {left} {around}", f"{around} {right} {around}")
    assert summary == [(kind, left_value, right_value)]
