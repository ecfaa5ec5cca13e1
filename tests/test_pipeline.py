"""End to end through the library: the seed-like behaviours on a text we wrote ourselves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
import pytest
from tests.conftest import SCHEMA

import eventwire
from eventwire import ingest, pipeline


@pytest.fixture(scope="module")
def coded(fixture_text_module: str) -> list[dict[str, Any]]:
    return [e.to_dict() for e in eventwire.code(fixture_text_module)]


@pytest.fixture(scope="module")
def fixture_text_module() -> str:
    from tests.conftest import FIXTURES

    return (FIXTURES / "base-attacks.txt").read_text(encoding="utf-8")


def _find(events: list[dict[str, Any]], **want: Any) -> list[dict[str, Any]]:
    return [e for e in events if all(e[k] == v for k, v in want.items())]


def test_pipeline_infers_publication_date_from_weekday_and_month_day(fixture_text: str) -> None:
    article = ingest.make_article("t", fixture_text, {}, ingest.Options())
    assert pipeline.prepare(article).published == dt.date(2020, 1, 5)
    assert pipeline.prepare(article).published_basis == "inferred"


def test_pipeline_every_record_matches_schema(coded: list[dict[str, Any]]) -> None:
    assert coded
    for record in coded:
        jsonschema.validate(record, SCHEMA)
        # The record says where its publication date came from.
        assert (record["published"], record["published_basis"]) == ("2020-01-05", "inferred")


def test_pipeline_evidence_offsets_point_at_article_text(
    coded: list[dict[str, Any]], fixture_text: str
) -> None:
    for record in coded:
        for ev in record["evidence"]:
            assert fixture_text[ev["start"] : ev["end"]] == ev["text"]
            assert ev["text"] == ev["text"].strip()


def test_pipeline_resolves_relative_dates(coded: list[dict[str, Any]]) -> None:
    strikes = _find(coded, sub_event_type="Air/drone strike")
    assert {e["event_date"] for e in strikes} == {"2020-01-03", "2019-12-29"}
    k1 = [e for e in coded if e["location"] == "Kirkuk"]
    assert [e["event_date"] for e in k1] == ["2019-12-27"]  # "two days earlier" than December 29
    assert k1[0]["modality"] == "claimed"  # "allegedly"
    assert k1[0]["fatalities"] == 1  # "killing an American contractor"
    assert k1[0]["geo_precision"] == 2  # "near Kirkuk"


def test_pipeline_locates_facilities_to_their_towns(coded: list[dict[str, Any]]) -> None:
    jan4 = _find(coded, event_date="2020-01-04")
    places = {e["location"]: e for e in jan4}
    assert set(places) == {"Baghdad", "Balad"}
    assert places["Balad"]["geo_precision"] == 2
    assert places["Baghdad"]["latitude"] == pytest.approx(33.34, abs=0.1)
    assert all(e["sub_event_type"] == "Shelling/artillery/missile attack" for e in jan4)


def test_pipeline_actors_and_inter_codes(coded: list[dict[str, Any]]) -> None:
    jan3 = _find(coded, event_date="2020-01-03")[0]
    assert jan3["actor1"] == "Military Forces of the United States"
    assert jan3["inter1"] == 8  # foreign state forces acting in Iraq
    assert jan3["actor2"] == "Kataib Hezbollah"
    assert jan3["interaction"] == 38


def test_pipeline_vote_is_an_asserted_event(coded: list[dict[str, Any]]) -> None:
    votes = [e for e in coded if "voted" in e["evidence"][0]["text"] and e["modality"] == "asserted"]
    assert votes and votes[0]["event_date"] == "2020-01-05"
    assert votes[0]["actor1"] == "Government of Iraq"


def test_pipeline_expected_and_possible_events_are_not_asserted(coded: list[dict[str, Any]]) -> None:
    tail = [e for e in coded if "expected to be deployed" in e["evidence"][0]["text"]]
    assert {e["modality"] for e in tail} >= {"planned", "hypothetical"}
    assert all(e["modality"] not in ("asserted", "claimed") for e in tail if e["sub_event_type"] != "Other")


def test_pipeline_without_any_date_marks_low_precision_not_invented() -> None:
    events = eventwire.code(
        "Gunmen attacked a village in Kaduna state and killed five farmers, residents said."
    )
    assert events
    assert all(e.time_precision == 3 and e.date_basis == "unknown" for e in events)


def test_pipeline_a_report_that_places_its_events_names_who_or_where_of_each() -> None:
    text = (
        "Gunmen killed five farmers in Gwoza, Borno State, Nigeria on Monday, police said.\n\n"
        "A roadside bomb killed two soldiers in Nigeria on Saturday, the army said.\n\n"
        "Boko Haram fighters also killed a trader in Nigeria on Sunday."
    )
    events = eventwire.code(text, published="2019-05-28")
    # the bomb by no one named, nowhere below the country, is no record; the others stand
    assert sorted((e.fatalities, e.location) for e in events) == [(1, "Nigeria"), (5, "Gwoza")]


def test_pipeline_a_one_paragraph_note_keeps_its_event_at_the_country() -> None:
    [event] = eventwire.code("Gunmen killed five farmers in Nigeria on Monday.", published="2019-05-28")
    assert event.geo_precision == 4 and event.fatalities == 5


def test_pipeline_given_publication_date_wins() -> None:
    events = eventwire.code(
        "Gunmen killed five farmers in Kaduna state on Monday, police said.", published="2019-05-28"
    )
    assert events[0].event_date == "2019-05-27"
    assert events[0].fatalities == 5
    assert events[0].actor2.startswith("Civilians")
    assert events[0].civilian_targeting == "Civilian targeting"


def test_pipeline_offsets_index_the_text_as_given_even_with_crlf() -> None:
    text = (
        "Gunmen killed five farmers in Kaduna state, Nigeria, on Monday.\r\n\r\n"
        "Police arrested two suspects in Kaduna on Tuesday.\r\n"
    )
    events = eventwire.code(text, published="2019-05-28")
    assert len(events) == 2
    for event in events:
        for snippet, start, end in event.evidence:
            assert text[start:end] == snippet


@pytest.mark.parametrize(
    ("when", "date", "precision", "basis"),
    [
        ("on Friday", "2020-06-05", 1, "clause"),
        ("late on Saturday night", "2020-06-06", 1, "clause"),
        ("last week", "2020-06-03", 2, "clause"),
        ("in March", "2020-03-15", 3, "clause"),
        ("in the second quarter", "2020-05-15", 3, "clause"),
        ("", "2020-06-10", 2, "published"),
    ],
)
def test_pipeline_time_precision_follows_the_governing_expression(
    when: str, date: str, precision: int, basis: str
) -> None:
    text = f"Gunmen killed three farmers in Maiduguri, Nigeria {when}, police said."
    [event] = eventwire.code(text.replace(" ,", ","), published="2020-06-10")
    assert (event.event_date, event.time_precision, event.date_basis) == (date, precision, basis)


def test_pipeline_relative_day_counts_from_the_event_told_before() -> None:
    text = (
        "Gunmen attacked an army post in Maiduguri, Nigeria on Friday. Two days later, "
        "soldiers clashed with the gunmen near Maiduguri."
    )
    dates = sorted(e.event_date for e in eventwire.code(text, published="2020-06-10"))
    assert dates == ["2020-06-05", "2020-06-07"]


@pytest.mark.parametrize(
    ("text", "filed"),
    [
        ("PESHAWAR, Oct 19 (PTI) Local tribesmen shot dead two militants.", "PESHAWAR"),
        ("Imphal/Guwahati, Apr 28 (IANS) The police said a gunfight broke out.", "Imphal"),
        ("BAGHDAD, Jan 5 (Reuters) - Rockets hit the Green Zone.", "BAGHDAD"),
        # a bracket with no month and day before it is no agency's dateline
        ("Peshawar (Pakistan) Local men said they fled.", None),
        ("Police, Unit 5 (CID) Officers said five people were arrested.", None),
    ],
)
def test_pipeline_datelines_of_the_agencies(text: str, filed: str | None) -> None:
    from eventwire.nlp import dateline

    found = dateline(text)
    assert (found.group(1) if found else None) == filed
