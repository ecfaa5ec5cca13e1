"""Gazetteer look-ups and toponym resolution."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire import ingest, nlp, places
from eventwire.gazetteer import key, loose


@pytest.mark.parametrize("name", ["Fallujah", "Falluja", "Al Fallujah", "al-Fallūjah", "FALLUJAH"])
def test_places_transliteration_variants_find_one_town(gaz: Any, name: str) -> None:
    found = gaz.places(name)
    assert {c.geonameid for c in found} == {99454}


def test_places_keys_fold_accents_and_articles() -> None:
    assert key("Kirkūk") == "kirkuk"
    assert loose("Al-Fallujah") == loose("Falluja")


def test_places_country_and_demonym(gaz: Any) -> None:
    assert gaz.country("Iraqi") == ("IQ", "demonym")
    assert gaz.country("United States") == ("US", "name")
    assert gaz.country("Baghdad") is None  # a city, not a country


def _places(text: str, gaz: Any) -> places.Toponyms:
    article = ingest.make_article("t", text, {}, ingest.Options(published=dt.date(2020, 1, 5)))
    return places.find(next(nlp.parse([article])), gaz)


def test_places_facility_resolves_to_its_town(gaz: Any) -> None:
    topo = _places("Rockets landed near Balad Air Base in Iraq on Saturday, officials said.", gaz)
    balad = [p for p in topo.places if p.name == "Balad"]
    assert balad and balad[0].precision == 2 and balad[0].country_code == "IQ"
    assert topo.focus == "IQ"


def test_places_country_is_precision_4_and_demonym_is_not_a_place(gaz: Any) -> None:
    topo = _places("Iraqi officials said the attack in Iraq killed two people.", gaz)
    assert [(p.text, p.precision) for p in topo.places] == [("Iraq", 4)]


def test_places_relative_distance_gives_precision_2(gaz: Any) -> None:
    topo = _places("Fighters attacked a village about 87 km south of Maiduguri in Nigeria on Tuesday.", gaz)
    maiduguri = [p for p in topo.places if p.name == "Maiduguri"]
    assert maiduguri and maiduguri[0].precision == 2
    assert maiduguri[0].latitude == pytest.approx(11.85, abs=0.05)


def test_places_first_level_division_is_precision_3(gaz: Any) -> None:
    topo = _places("Police arrested 56 suspects in the northern state of Kaduna in Nigeria.", gaz)
    kaduna = [p for p in topo.places if p.text == "Kaduna"]
    assert kaduna and kaduna[0].kind == "admin1" and kaduna[0].precision == 3


def test_places_untagged_division_before_state(gaz: Any) -> None:
    topo = _places("Air strikes hit a village near the border of Myanmar in Chin state on Thursday.", gaz)
    chin = [p for p in topo.places if p.kind == "admin1"]
    assert chin and chin[0].admin1 == "Chin" and chin[0].country_code == "MM"
