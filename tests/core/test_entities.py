"""Unit tests of entity extraction and linking: one behaviour (rule) per test."""

from __future__ import annotations

import dataclasses
import time
from importlib import resources

import pytest

from tui.core.document import document_from_text
from tui.core.entities import Entity, EntityIndex, EntityType, Presence, extract_entities
from tui.core.entity_link import initials_match
from tui.core.entity_patterns import find_patterns
from tui.core.gazetteer import load_gazetteer, name_key
from tui.core.model import Side


def entities(left: str, right: str = "") -> list[Entity]:
    return extract_entities(document_from_text(left), document_from_text(right))


def by_name(found: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in found}


def names(found: list[Entity], type_: EntityType | None = None) -> set[str]:
    return {e.name for e in found if type_ is None or e.type is type_}


# ------------------------------------------------------------------ capitalised chunks


def test_lowercase_connectors_stay_inside_organisation_names() -> None:
    found = entities(
        "Officials of the Bank of England met the University of Oxford and the Office of "
        "the Central Commission for Foreign Affairs."
    )
    assert names(found, EntityType.ORG) == {
        "Bank of England",
        "University of Oxford",
        "Office of the Central Commission for Foreign Affairs",
    }


def test_and_between_two_known_names_splits_them() -> None:
    found = entities("Talks between Russia and China continued in Beijing and Moscow.")
    assert names(found, EntityType.PLACE) == {"Russia", "China", "Beijing", "Moscow"}


def test_and_inside_an_organisation_name_is_kept() -> None:
    found = entities("The deal was cleared by the Competition and Markets Authority on Monday.")
    assert "Competition and Markets Authority" in names(found, EntityType.ORG)


def test_organisation_head_nouns_type_unknown_names() -> None:
    found = by_name(entities("He spoke to the Xinhua News Agency and the Kazan Summit."))
    assert found["Xinhua News Agency"].type is EntityType.ORG
    assert found["Kazan Summit"].type is EntityType.OTHER


def test_head_noun_counts_only_in_head_position() -> None:
    found = by_name(entities("The prize went to filmmaker Park Ji-won, who thanked the jury."))
    assert found["Park Ji-won"].type is EntityType.PERSON


# ------------------------------------------------------------------ datelines and acronyms


def test_dateline_gives_place_agency_and_date() -> None:
    found = by_name(entities("BEIJING, Sept 13 (KUNA) -- The talks went well, NATO said."))
    assert found["Beijing"].type is EntityType.PLACE
    assert found["Beijing"].aliases == ("BEIJING",)
    assert found["KUNA"].type is EntityType.ORG
    assert found["NATO"].type is EntityType.ORG
    assert found["Sept 13"].type is EntityType.DATE


def test_title_case_dateline_of_an_unknown_town_is_a_place() -> None:
    found = by_name(entities("Arusha, Tanzania — Officials met on Monday."))
    assert found["Arusha"].type is EntityType.PLACE


def test_capitals_gazetteer_forms_need_capitals() -> None:
    (us,) = entities("Tell us what the US and the U.S. decided.")
    assert us.aliases == ("US", "U.S.") and len(us.left_mentions) == 2


# ------------------------------------------------------------------ people and titles


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Russian President Vladimir Putin spoke.", "Vladimir Putin"),
        ("They met Prime Minister Narendra Modi today.", "Narendra Modi"),
        ("They met Secretary-General António Guterres today.", "António Guterres"),
        ("According to Ms. Wanjiru, it worked.", "Wanjiru"),
        ("Sir Martin Hale, the chairman, agreed.", "Martin Hale"),
        ("It was said by Chinese president Xi Jinping.", "Xi Jinping"),
    ],
)
def test_titles_mark_a_person_and_are_not_part_of_the_name(text: str, person: str) -> None:
    found = by_name(entities(text))
    assert found[person].type is EntityType.PERSON


def test_title_alone_is_no_entity() -> None:
    assert entities("The President said the Minister would come.") == []


def test_weekday_after_a_name_ends_it() -> None:
    found = by_name(entities("Russian President Vladimir Friday voiced support."))
    assert found["Vladimir"].type is EntityType.PERSON
    assert found["Friday"].type is EntityType.DATE


# ------------------------------------------------------------------ possessives, hyphens


def test_possessives_are_stripped_for_both_apostrophes() -> None:
    found = entities("Xi's aides and Xi’s guards met President Xi Jinping.")
    xi = by_name(found)["Xi Jinping"]
    text = "Xi's aides and Xi’s guards met President Xi Jinping."
    assert [text[s:e] for s, e in xi.left_mentions] == ["Xi", "Xi", "Xi Jinping"]


def test_hyphenated_pair_gives_two_mentions_with_their_own_offsets() -> None:
    text = "The China-Russia partnership grew."
    found = by_name(entities(text))
    assert found["China"].left_mentions == ((4, 9),)
    assert found["Russia"].left_mentions == ((10, 16),)


def test_lowercase_hyphen_part_is_cut_off() -> None:
    found = by_name(entities("Critics at the Nairobi-based Centre for Energy Justice objected."))
    assert found["Nairobi"].type is EntityType.PLACE
    assert found["Centre for Energy Justice"].type is EntityType.ORG


def test_unknown_hyphenated_name_is_not_split() -> None:
    assert "Paulina Ortega-Blanco" in names(entities("She met Paulina Ortega-Blanco there."))


# ------------------------------------------------------------------ sentence starts


def test_sentence_initial_function_words_and_prose_are_dropped() -> None:
    text = "He said so. Complete text: Interactions at all levels remain. For his part, he left."
    assert entities(text) == []


def test_sentence_initial_name_is_kept_when_seen_mid_sentence_in_the_other_text() -> None:
    found = by_name(entities("Putin made the remarks.", "They met Vladimir Putin."))
    putin = found["Vladimir Putin"]
    assert putin.presence is Presence.BOTH
    assert putin.left_mentions == ((0, 5),)


def test_sentence_initial_unknown_single_word_without_evidence_is_dropped() -> None:
    assert entities("Putin made the remarks.") == []


OPTIONS = """-v Verbose output.

-s Set the block size.

-o Open the file read-only.

The size is set once, the set value is kept, and a size set twice is set again. Files
open in order, open files stay open, and the open count grows. A verbose log is verbose,
verbose mode is verbose about everything."""


def test_everyday_words_capitalised_by_their_place_are_no_names() -> None:
    # "Verbose", "Set" and "Open" follow an option, not a sentence end, so they look like
    # capitalised words mid-sentence; the texts use each far more often in lower case.
    found = names(entities(OPTIONS))
    assert not found & {"Verbose", "Set", "Open"}


def test_a_name_that_is_also_a_common_word_stays_a_name() -> None:
    text = (
        "Rose said the index rose again. Prices rose, Rose said, and rose once more.\n\n"
        "Analysts asked Rose about it, set up by DBus: the dbus service of dbus."
    )
    found = names(entities(text))
    assert "Rose" in found  # lower case is not several times as frequent as the name
    assert "DBus" in found  # inner capitals are a spelling someone chose


def test_a_speaker_named_by_a_common_word_stays_a_name() -> None:
    text = (
        "We hope so, they hope not, and all hope fades; hope is cheap and hope is "
        "free, so we hope. Later Hope said the hope was gone.\n\n"
        "Nobody knew, asked Hope again, where the hope had gone."
    )
    assert "Hope" in names(entities(text))  # "hope" is mostly lower case, but Hope speaks
