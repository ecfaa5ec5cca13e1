"""The issue's model input, read in place from ../shared (never copied into the project)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import eventwire
from eventwire import ingest, pipeline

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/examples is not beside this checkout")


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[dict[str, Any]]]:
    text = SEED.read_text(encoding="utf-8")
    return text, [e.to_dict() for e in eventwire.code(text)]


def test_examples_seed_publication_date_is_inferred(seed: tuple[str, list[dict[str, Any]]]) -> None:
    article = pipeline.prepare(ingest.make_article("seed", seed[0], {}, ingest.Options()))
    assert article.published == dt.date(2020, 1, 5)


def test_examples_seed_events_and_dates(seed: tuple[str, list[dict[str, Any]]]) -> None:
    factual = [e for e in seed[1] if e["modality"] in ("asserted", "claimed")]
    found = {(e["event_date"], e["sub_event_type"], e["location"]) for e in factual}
    assert ("2020-01-04", "Shelling/artillery/missile attack", "Baghdad") in found  # Saturday
    assert ("2020-01-04", "Shelling/artillery/missile attack", "Balad") in found  # five minutes later
    assert ("2020-01-03", "Air/drone strike", "Iraq") in found  # "on Friday"
    # "The Pentagon ... was responsible for the strike, as well as the December 29 strikes
    # against Kataib Hezbollah": theirs, in Iraq (the K1 base near Kirkuk is the other event's)
    strikes = [e for e in factual if e["sub_event_type"] == "Air/drone strike"]
    dec29 = [e for e in strikes if e["event_date"] == "2019-12-29"]
    assert [(e["actor1"], e["actor2"], e["location"]) for e in dec29] == [
        ("Military Forces of the United States", "Kataib Hezbollah", "Iraq")
    ]
    friday = [e for e in factual if e["event_date"] == "2020-01-03"]
    assert [e["actor1"] for e in friday] == ["Military Forces of the United States"]
    k1 = [e for e in factual if e["event_date"] == "2019-12-27"]  # "two days earlier"
    assert k1 and k1[0]["location"] == "Kirkuk" and k1[0]["modality"] == "claimed"
    assert any(e["event_date"] == "2020-01-05" and "voted" in e["evidence"][0]["text"] for e in factual)
    assert any(
        e["sub_event_type"] == "Change to group/activity" and e["event_date"] == "2020-01-05" for e in factual
    )  # the suspension


def test_examples_seed_puts_no_act_on_an_actor_the_text_does_not_give_it_to(
    seed: tuple[str, list[dict[str, Any]]],
) -> None:
    factual = [e for e in seed[1] if e["modality"] in ("asserted", "claimed")]
    embassy = [e for e in factual if e["event_date"] == "2020-01-01"]
    assert embassy and all("United States" not in e["actor1"] for e in embassy)  # New Year's attack
    green_zone = [e for e in factual if e["location"] == "Baghdad" and e["event_date"] == "2020-01-04"]
    assert green_zone and all("Islamic State" not in e["actor1"] for e in green_zone)


def test_examples_seed_places_have_coordinates(seed: tuple[str, list[dict[str, Any]]]) -> None:
    located = {e["location"]: e for e in seed[1] if e["latitude"] is not None}
    assert {"Baghdad", "Balad", "Kirkuk"} <= set(located)
    assert located["Balad"]["geo_precision"] == 2 and located["Kirkuk"]["geo_precision"] == 2


def test_examples_seed_expected_and_possible_are_not_factual(seed: tuple[str, list[dict[str, Any]]]) -> None:
    text, events = seed
    for phrase in ("expected to be deployed", "promised to expel", "could force"):
        at = text.index(phrase)
        covering = [e for e in events if any(ev["start"] <= at < ev["end"] for ev in e["evidence"])]
        planned = [e for e in covering if e["modality"] in ("planned", "hypothetical")]
        assert planned, phrase
