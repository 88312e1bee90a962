"""Entity extraction on hard-wrapped and legal text: capitals that are not names.

Licences, terms and manuals capitalise for other reasons than naming: sentence starts at
line starts, list items, numbered headings, paragraphs and phrases in capitals for stress,
and terms the text defines for itself. The texts here are written for the tests.
"""

from __future__ import annotations

from tui.core import entity_lexicon, value_lexicon
from tui.core.document import document_from_text
from tui.core.entities import Entity, extract_entities


def entities(left: str, right: str = "") -> list[Entity]:
    return extract_entities(document_from_text(left), document_from_text(right))


def names(found: list[Entity]) -> set[str]:
    return {e.name for e in found}


def aliases(found: list[Entity]) -> set[str]:
    return {alias for e in found for alias in e.aliases}


PARCEL_TERMS = """\
The parcel service is run by the Harbour Parcel Trust and the Northern
Courier Guild of Lanark.  Such parcels are insured under this Charter.
You may send a parcel to the office at 12 Quay Street, Lanark, Scotland
Everyone is welcome to write to the Harbour Parcel
Trust about it.

The Harbour Parcel Trust keeps a register of every sender, and the
register is open to members of the Guild on request at any office.
"""


def test_names_broken_over_lines_are_shown_with_single_spaces() -> None:
    found = entities(PARCEL_TERMS)
    assert "Harbour Parcel Trust" in names(found)
    assert "Northern Courier Guild" in names(found)  # "Northern\nCourier Guild"
    assert not any(any(c in alias for c in "\n\t") or "  " in alias for alias in aliases(found))


def test_capitalised_function_words_start_no_name() -> None:
    # "Such" after a name and a full stop, "Everyone" at the start of a wrapped line.
    found = names(entities(PARCEL_TERMS))
    assert not {"Such", "You", "Everyone"} & found
    assert not any("Everyone" in name for name in found)
    assert "Scotland" in found


def test_first_words_of_list_items_are_sentence_starts() -> None:
    text = (
        "You may ship the goods in one of these ways:\n\n"
        "    a) Accompany them with a signed receipt from the sender.\n\n"
        "    b) Accompany them with a written offer to collect them.\n\n"
        "    c) Deliver them to the Harbour Parcel Trust in person.\n"
    )
    found = names(entities(text))
    assert not {"Accompany", "Deliver"} & found
    assert "Harbour Parcel Trust" in found


def test_numbered_headings_are_not_names() -> None:
    text = (
        "  2. Basic Permissions.\n\n"
        "  All rights granted under these terms are granted by the Lanark Parcel Guild.\n\n"
        "  7. Disclaimer of Warranty. Unless required by law, the Guild gives no warranty.\n\n"
        "  8. Limitation of Liability. In no event will the Lanark Parcel Guild be liable.\n"
    )
    found = names(entities(text))
    assert not {"Basic Permissions", "Permissions", "Warranty", "Liability"} & found
    assert "Lanark Parcel Guild" in found


def test_paragraphs_in_capitals_keep_only_names_known_from_running_text() -> None:
    text = (
        "The ACME toolkit is free software from the Lanark Parcel Guild.\n\n"
        "THE ACME TOOLKIT IS PROVIDED AS IS, WITHOUT WARRANTY OF ANY KIND. IN NO EVENT\n"
        "SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, WHO EVER MADE IT.\n"
    )
    found = entities(text)
    assert names(found) == {"ACME", "Lanark Parcel Guild"}
    acme = next(e for e in found if e.name == "ACME")
    assert len(acme.left_mentions) == 2  # running text and the paragraph in capitals


def test_phrases_in_capitals_within_running_text_are_stress_not_names() -> None:
    text = (
        "The toolkit is shared in the hope that it helps, but WITHOUT ANY WARRANTY; without\n"
        "even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n"
        "Ask NATO, UNESCO and the BBC for help.\n"
    )
    found = names(entities(text))
    assert not {"WITHOUT ANY WARRANTY", "MERCHANTABILITY", "PARTICULAR PURPOSE"} & found
    assert {"NATO", "UNESCO", "BBC"} <= found


def test_terms_the_text_defines_are_vocabulary_not_names() -> None:
    text = (
        '"Parcel Office" means any office of the Lanark Parcel Guild.\n\n'
        'A "Combined Parcel" is a parcel made of two or more parcels.\n\n'
        '"This Charter" refers to these terms. The particular form used is also called the\n'
        '"Linked Form".\n\n'
        "Every Parcel Office takes a Combined Parcel under this Charter in its Linked Form,\n"
        "as the Lanark Parcel Guild decided.\n"
    )
    found = names(entities(text))
    assert not {"Parcel Office", "Combined Parcel", "Charter", "Linked Form"} & found
    assert "Lanark Parcel Guild" in found


def test_a_quoted_alias_defined_for_a_name_stays_a_name() -> None:
    text = (
        'In these terms "the ACME GPL" refers to the ACME General Public License, which the\n'
        "Lanark Parcel Guild publishes. The ACME GPL is short.\n"
    )
    assert "ACME GPL" in names(entities(text))


def test_month_names_come_from_the_value_lexicon() -> None:
    assert entity_lexicon.MONTHS is value_lexicon.MONTHS
