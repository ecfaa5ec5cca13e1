"""Gazetteer look-ups and toponym resolution."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import eventwire
from eventwire import ingest, nlp, places
from eventwire.gazetteer import key, loose
from eventwire.records import Place


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


@pytest.mark.parametrize(
    ("text", "town", "precision"),
    [
        ("Soldiers killed a teenager near the West Bank city of Jenin on Tuesday.", "Jenin", 2),
        ("A bomb exploded near the northern oil city of Kirkuk, Iraq on Sunday.", "Kirkuk", 2),
        ("A bomb exploded in the northern oil city of Kirkuk, Iraq on Sunday.", "Kirkuk", 1),
        # "near" reaches no further than the words that describe the city
        ("Gunmen fired near the market in the city of Maiduguri on Monday.", "Maiduguri", 1),
    ],
)
def test_places_near_a_city_told_with_its_region_is_precision_2(
    gaz: Any, text: str, town: str, precision: int
) -> None:
    topo = _places(text, gaz)
    assert [p.precision for p in topo.places if p.text == town] == [precision]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Five militants were killed in Pulwama, Jammu and Kashmir.", "Jammu and Kashmir", "admin1"),
        ("Protesters marched in Sarajevo, Bosnia and Herzegovina.", "Bosnia and Herzegovina", "country"),
    ],
)
def test_places_two_names_joined_by_and_that_name_one_area_are_one_place(
    gaz: Any, text: str, name: str, kind: str
) -> None:
    # the model tags "Jammu" and "Kashmir" apart, and Jammu alone is a city
    topo = _places(text, gaz)
    assert [(p.text, p.kind) for p in topo.places][1:] == [(name, kind)]


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        # a text that names no place is in the country its one named armed group fights in
        ("Clashes were reported between the TNLA and government troops.", "MM"),
        # not so for a group that fights in four countries, nor for a foreign force
        ("ISWAP militants attacked an army position, killing four soldiers.", ""),
        ("Wagner fighters killed 20 herders near a well on Monday.", ""),
        # a town's name the tagger cut short ("Praia" alone is an area of Cape Verde)
        ("On Monday, a military base in Mocimboa da Praia was attacked by insurgents.", "MZ"),
    ],
)
def test_places_a_story_that_names_no_place_is_where_its_one_armed_group_fights(
    gaz: Any, text: str, focus: str
) -> None:
    assert _places(text, gaz).focus == focus


def test_places_first_level_division_is_precision_3(gaz: Any) -> None:
    topo = _places("Police arrested 56 suspects in the northern state of Kaduna in Nigeria.", gaz)
    kaduna = [p for p in topo.places if p.text == "Kaduna"]
    assert kaduna and kaduna[0].kind == "admin1" and kaduna[0].precision == 3


def test_places_untagged_division_before_state(gaz: Any) -> None:
    topo = _places("Air strikes hit a village near the border of Myanmar in Chin state on Thursday.", gaz)
    chin = [p for p in topo.places if p.kind == "admin1"]
    assert chin and chin[0].admin1 == "Chin" and chin[0].country_code == "MM"


def _resolve(text: str, names: list[str], gaz: Any) -> list[Place | None]:
    article = ingest.make_article("t", text, {}, ingest.Options(min_words=1))
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return places.resolve(next(nlp.parse([article])), spans, gaz)


def test_places_state_after_town_and_county_settle_the_town(gaz: Any) -> None:
    text = (
        "Deputies in Alexandria, La., arrested a man. The Rapides Parish sheriff said "
        "Louisiana troopers helped."
    )
    town, parish, state = _resolve(text, ["Alexandria", "Rapides Parish", "Louisiana"], gaz)
    assert town is not None and (town.country_code, town.admin1) == ("US", "Louisiana")
    assert parish is not None and (parish.kind, parish.admin1) == ("admin2", "Louisiana")
    assert state is not None and state.kind == "admin1"
    # An area is drawn at the middle of its towns, not at the seat ACLED codes it to.
    lat, lon = places.point(state, gaz)  # type: ignore[misc]
    assert 29 < lat < 33 and -94 < lon < -89


def test_places_second_reading_follows_the_towns_of_the_story(gaz: Any) -> None:
    text = (
        "The council in Dublin met on Monday; residents of Columbus and Worthington, Ohio, "
        "came to Dublin too."
    )
    dublin, columbus, _ = _resolve(text, ["Dublin", "Columbus", "Worthington"], gaz)
    assert dublin is not None and (dublin.country_code, dublin.admin1) == ("US", "Ohio")
    assert columbus is not None and columbus.admin1 == "Ohio"


def test_places_georgia_is_the_state_in_a_us_story_and_the_country_abroad(gaz: Any) -> None:
    def georgia(text: str) -> tuple[str, str]:
        found = [p for p in _places(text, gaz).places if p.text == "Georgia"]
        return (found[0].kind, found[0].country_code) if found else ("", "")

    assert georgia("Police in Atlanta and Savannah said roads in Georgia were closed.") == ("admin1", "US")
    assert georgia("Russian troops moved from Tskhinvali deeper into Georgia, Tbilisi said.") == (
        "country",
        "GE",
    )


def test_places_regions_continents_and_demonyms_given_as_spans(gaz: Any) -> None:
    text = "Aid reached Darfur and the Middle East, officials in Asia said, and Sudanese doctors agreed."
    darfur, east, asia, sudanese = _resolve(text, ["Darfur", "Middle East", "Asia", "Sudanese"], gaz)
    assert darfur is not None and (darfur.kind, darfur.country_code) == ("region", "SD")
    assert east is not None and east.kind == "region" and east.country_code == ""
    assert asia is not None and places.point(asia, gaz) is not None
    assert sudanese is not None and (sudanese.kind, sudanese.country_code) == ("country", "SD")


def test_places_find_reports_demonyms_and_unresolved_names(gaz: Any) -> None:
    topo = _places(
        "Iraqi officials said a convoy was attacked near Kirkuk. Fighting also spread to Zzyxqville.", gaz
    )
    assert [p.text for p in topo.demonyms] == ["Iraqi"]
    assert "Iraqi" not in [p.text for p in topo.places]
    assert "Kirkuk" in [p.name for p in topo.places]
    assert [text for _, _, text in topo.unresolved] == ["Zzyxqville"]


def test_places_one_name_one_place_in_an_article(gaz: Any) -> None:
    topo = _places("Gunmen attacked Marka in Somalia. Residents of Marka said Marka was calm later.", gaz)
    markas = [p for p in topo.places if p.text == "Marka"]
    assert len(markas) == 3 and len({p.geonameid for p in markas}) == 1


def test_places_damaged_index_is_rebuilt(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import gazetteer

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    path = gazetteer.index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database")
    gazetteer.open_gazetteer.cache_clear()
    try:
        rebuilt = gazetteer.open_gazetteer()
        assert rebuilt.places("Kirkuk")
    finally:
        gazetteer.open_gazetteer.cache_clear()


def test_places_own_tables_get_their_own_index(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import gazetteer, tables

    shipped = gazetteer.index_path()
    (tmp_path / "places").mkdir()
    table = tables.path_of("places/countries.tsv").read_text(encoding="utf-8")
    (tmp_path / "places" / "countries.tsv").write_text(table.replace("Britain;", "Britain;Blighty;"))
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path))
    assert gazetteer.index_path() != shipped


def test_places_continent_is_not_the_north_of_a_country(gaz: Any) -> None:
    [north] = _resolve("Flu spread across North America this winter.", ["North America"], gaz)
    assert north is not None and (north.kind, north.name, north.country_code) == (
        "region",
        "North America",
        "",
    )


def test_places_provinces_carry_geonames_names(gaz: Any) -> None:
    # Canada's and Nigeria's admin1 codes are numbers that ISO codes do not match
    assert gaz.admin1_named("Ontario", None) == [("CA", "Ontario")]
    assert gaz.admin1_code("CA", "Ontario") == "08"
    assert gaz.admin1_named("Borno State", "NG") == [("NG", "Borno")]  # written as ACLED does
    maputo = {name for _, name in gaz.admin1_named("Maputo", "MZ")}
    assert maputo == {"Maputo City", "Maputo Province"}  # two codes, two names


def test_places_bracketed_areas_hold_the_place(gaz: Any) -> None:
    topo = _places(
        "On 5 October 2020, soldiers opened fire on two men in Palma (Palma, Cabo Delgado). "
        "Militants attacked a boat near Ngouboua (Lac, Mamdi).",
        gaz,
    )
    got = {p.text: p for p in topo.places}
    assert (got["Cabo Delgado"].kind, got["Cabo Delgado"].country_code) == ("admin1", "MZ")
    assert (got["Lac"].kind, got["Lac"].country_code) == ("admin1", "TD")
    # not Palma de Mallorca: the brackets say Mozambique, where cities500 has no Palma
    assert all(p.country_code != "ES" for p in topo.places)


def test_places_districts_outside_the_us(gaz: Any) -> None:
    topo = _places("Gunmen killed four farmers in Gwoza LGA of Borno State, Nigeria, on Monday.", gaz)
    gwoza = [p for p in topo.places if p.text.startswith("Gwoza")]
    assert gwoza and (gwoza[0].kind, gwoza[0].country_code, gwoza[0].admin1) == ("admin2", "NG", "Borno")
    # (a district at its town or its towns' middle: ACLED's precision 2, a US county too)
    assert gwoza[0].precision == 2
    cook = _places("Deputies in Cook County, Illinois, arrested a man.", gaz).places
    assert [(p.name, p.precision) for p in cook if p.kind == "admin2"] == [("Cook County", 2)]
    uk = _places("Flooding closed roads across Cambridgeshire, England, police in Cambridge said.", gaz)
    cambs = [p for p in uk.places if p.text == "Cambridgeshire"]
    assert cambs and (cambs[0].kind, cambs[0].country_code) == ("admin2", "GB")


def test_places_a_district_with_a_namesake_follows_the_story_not_its_own_first_reading(gaz: Any) -> None:
    # Bijapur district is Chhattisgarh's (beside Sukma and Narayanpur), not Karnataka's big
    # Bijapur: a first reading of "Bijapur district" must not vouch for itself
    topo = _places(
        "Maoists killed two policemen in Sukma district of India on Friday. "
        "In Narayanpur district, troops seized explosives. "
        "In Bijapur district, Maoists shot dead a villager on Saturday night.",
        gaz,
    )
    bijapur = [p for p in topo.places if p.text.startswith("Bijapur")]
    assert bijapur and {p.admin1 for p in bijapur} == {"Chhattisgarh"}


def test_places_a_demonym_opens_its_country_not_its_neighbours(gaz: Any) -> None:
    # "the French energy group" in a story of Mozambique: Palma is not Spain's (Mozambique's
    # Palma is missing from cities500: better no place than Mallorca)
    topo = _places(
        "In Mozambique, insurgents overran the town of Palma in March 2021, forcing the French "
        "energy group TotalEnergies to suspend a gas project.",
        gaz,
    )
    assert "ES" not in {p.country_code for p in topo.places}


def test_places_news_spellings_of_a_first_level_area(gaz: Any) -> None:
    # "Salahuddin province" is Salah ad Din, "Deir al-Zour" Deir ez-Zor (places.yaml admin1_variants)
    topo = _places("Iraqi jets struck a hideout in Salahuddin province, Iraq, on Sunday.", gaz)
    assert [p.admin1 for p in topo.places if p.text.startswith("Salahuddin")] == ["Salah ad Din"]
    syria = _places("Gunmen killed two shepherds in Deir al-Zour province, Syria, on Monday.", gaz)
    assert [(p.country_code, p.admin1) for p in syria.places if p.text.startswith("Deir")] == [
        ("SY", "Deir ez-Zor")
    ]


def test_places_south_sudan_named_is_no_mention_of_sudan(gaz: Any) -> None:
    # "South Sudan" is a country's whole name, not the south of Sudan: Bor is Jonglei's
    topo = _places("Raiders attacked cattle camps near Bor in South Sudan on Tuesday.", gaz)
    assert topo.focus == "SS"
    assert [(p.text, p.country_code, p.admin1) for p in topo.places if p.text == "Bor"] == [
        ("Bor", "SS", "Jonglei")
    ]


def test_places_no_namesake_abroad_vouches_for_itself(gaz: Any) -> None:
    # "Muse district": Myanmar's Muse is not in cities500; the small Muse of Pennsylvania its
    # own first reading put in the story must not stand in for it
    topo = _places(
        "On 2 July 2019, in Kutkai township, Muse district, Shan state, Myanmar army troops "
        "shelled a village.",
        gaz,
    )
    assert {p.country_code for p in topo.places} == {"MM"}
    # "Kan" opens a Burmese village name: Kansas only as "Kan." after a town
    village = _places("On 2 July 2019, soldiers entered Kan Paing Chaung village in Rakhine State.", gaz)
    assert all(p.country_code != "US" for p in village.places)
    kansas = _places("Two people were shot in Wichita, Kan., on Friday.", gaz)
    assert [(p.text, p.kind) for p in kansas.places][-1] == ("Kan.", "admin1")


def test_places_bracket_after_a_bracket_names_areas(gaz: Any) -> None:
    topo = _places("On 19 July 2020, women were abducted in Mussemuku (Mussemuco) (Ibo, Cabo Delgado).", gaz)
    assert "MZ" in {p.country_code for p in topo.places}


def test_places_a_short_country_name_is_the_country_named_in_full(gaz: Any, nlp_loaded: Any) -> None:
    text = (
        "Rebels killed 12 civilians in the east of the Democratic Republic of Congo on Monday. "
        "The group moved to Congo from Uganda. South Sudan and Sudan closed their border."
    )
    article = ingest.make_article("t", text, {}, ingest.Options())
    found = places.find(next(nlp.parse([article])), gaz)
    codes = {p.text: p.country_code for p in found.places if p.kind == "country"}
    assert codes["Congo"] == codes["Democratic Republic of Congo"] == "CD"
    assert codes["Sudan"] == "SD" and codes["South Sudan"] == "SS"


def test_places_a_possessive_area_holds_the_town_everywhere_in_the_article(gaz: Any) -> None:
    # Bijapur is also the old name of Vijayapura in Karnataka, a far bigger town.
    topo = _places(
        "Two policemen were injured in an IED blast in Chhattisgarh's Bijapur on Sunday. "
        "The injured are being treated at Bijapur District Hospital, police said. "
        "Officials in Bijapur said the road was closed.",
        gaz,
    )
    bijapur = [p for p in topo.places if p.text == "Bijapur"]
    assert len(bijapur) >= 2
    assert {(p.admin1, p.geonameid) for p in bijapur} == {("Chhattisgarh", bijapur[0].geonameid)}


def test_places_an_area_cut_short_by_the_tagger_is_the_whole_area(gaz: Any) -> None:
    topo = _places(
        "Gunmen raided the Tekoha Guaiviry village in Mato Grosso do Sul state in Brazil, officials said.",
        gaz,
    )
    areas = [(p.text, p.country_code) for p in topo.places if p.kind == "admin1"]
    assert areas == [("Mato Grosso do Sul", "BR")]
    assert all(p.country_code == "BR" for p in topo.places)


def test_places_a_short_name_the_text_calls_a_town_is_found(gaz: Any) -> None:
    # "Kef" alone is too short to trust; "the town of Kef" says it is a town (El Kef)
    topo = _places("Protesters set the police headquarters in the Tunisian town of Kef on fire.", gaz)
    assert [(p.name, p.country_code) for p in topo.places if p.kind == "city"] == [("El Kef", "TN")]


def test_places_a_possessive_owner_opening_the_sentence_still_holds_the_town(gaz: Any) -> None:
    topo = _places("In Chhattisgarh's Bijapur, two policemen were injured in an IED blast.", gaz)
    assert [(p.name, p.admin1) for p in topo.places if p.kind == "city"] == [("Bījāpur", "Chhattisgarh")]


def test_places_a_town_named_like_its_merged_area_is_the_town(gaz: Any) -> None:
    # GeoNames merges the West Bank's governorates into one first-level area that carries
    # their names; "Jenin" alone is the town, not the whole West Bank
    topo = _places("Soldiers killed a teenager near the West Bank city of Jenin on Tuesday.", gaz)
    jenin = [p for p in topo.places if p.text == "Jenin"]
    assert [(p.kind, p.country_code, p.precision < 3) for p in jenin] == [("city", "PS", True)]


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Police fired tear gas at a mosque in the Senegalese capital on Sunday.", "Dakar"),
        ("A car bomb exploded in Iraq's capital on Sunday.", "Baghdad"),
        ("Gunmen attacked a hotel in the capital of Mali on Sunday.", "Bamako"),
    ],
)
def test_places_a_capital_told_without_its_name_is_the_capital(gaz: Any, text: str, capital: str) -> None:
    topo = _places(text, gaz)
    assert capital in [p.name for p in topo.places if p.precision == 1]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked Maiduguri, the Borno state capital, on Sunday.",
        "Traders in Lagos, the economic capital of Nigeria, went on strike on Sunday.",
    ],
)
def test_places_a_state_or_economic_capital_is_not_the_countrys(gaz: Any, text: str) -> None:
    assert "Abuja" not in [p.name for p in _places(text, gaz).places]


def test_nlp_an_irregular_past_read_as_a_present_is_a_past() -> None:
    # the small model tags "oversaw" as a present (VBP) and keeps it as its own lemma
    article = ingest.make_article(
        "t", 'Officials "in Kachin State, where they oversaw air strikes", were listed.', {}, ingest.Options()
    )
    verb = next(t for t in next(nlp.parse([article])).tokens if t.text == "oversaw")
    assert (verb.tag, verb.lemma) == ("VBD", "oversee")


def test_places_the_town_is_the_town_told_before_it_and_never_a_guess(nlp_loaded: Any) -> None:
    import eventwire

    kef = eventwire.code(
        "Young protesters set the police headquarters in the Tunisian town of Kef on fire on "
        "Sunday, trade unionists said.\n\n"
        "The riot erupted the day after police shot dead four demonstrators in the town.",
        published="2011-02-07",
    )
    shooting = next(e for e in kef if e.fatalities == 4)
    assert (shooting.location, shooting.geo_precision) == ("El Kef", 1)
    # the village meant is one no gazetteer knows: neither the dateline's town nor the
    # district named after it stands in for it
    village = eventwire.code(
        "OUAGADOUGOU - Gunmen killed 15 civilians in northern Burkina Faso on Saturday, a "
        "security source said.\n\n"
        "Armed men attacked the village of Kwatambalo near Djibo on Saturday night and looted "
        "the health centre in the village, a local source said.",
        published="2019-10-28",
    )
    assert "Ouagadougou" not in {e.location for e in village}


def test_places_the_town_is_listed_as_a_reference_not_a_toponym(nlp_loaded: Any, gaz: Any) -> None:
    from eventwire import ingest, nlp, places

    text = (
        "Protesters burned the police station in the Tunisian town of Kef. Police fired on them in the town."
    )
    article = ingest.make_article("kef.txt", text, {}, ingest.Options(min_words=1))
    rows = places.records(next(iter(nlp.parse([article]))), gaz)
    assert [(r["text"], r["mention"], r["name"]) for r in rows if r["text"] in ("Kef", "the town")] == [
        ("Kef", "place", "El Kef"),
        ("the town", "reference", "El Kef"),
    ]


def test_places_no_town_outside_the_countries_the_text_names_or_implies(gaz: Any) -> None:
    # the Myanmar Army and the KIA say Myanmar: "Mansi" is no alternate name of Muncie, Indiana
    mansi = _places("On July 18, 2016, the Myanmar Army clashed with the KIA in Mansi.", gaz)
    assert all(p.country_code in ("MM", "") for p in mansi.places)
    # ASWJ's insurgents are Mozambique's (or Somalia's): Palma is not Majorca's
    palma = _places("On Jan 17th, suspected ASWJ assailants attacked a peasant couple in Palma.", gaz)
    assert all(p.country_code != "ES" for p in palma.places)
    # with no country in the text at all, a town still resolves
    free = _places("On 12 June, gunmen attacked a bus near Maiduguri, killing three.", gaz)
    assert [p.country_code for p in free.places if p.name == "Maiduguri"] == ["NG"]


def test_places_a_demonym_alone_neither_gates_nor_homes_the_story(gaz: Any) -> None:
    # "the American market" says nothing of where a protest in Yangon was
    yangon = _places(
        "In Hlaingthayar Township, in Yangon Region, 50 workers staged a protest. The factory "
        "exports dolls to the American market.",
        gaz,
    )
    assert [(p.name, p.country_code) for p in yangon.places if p.kind == "admin1"] == [("Yangon", "MM")]
    # a country told only by its people is no place of the story
    malawian = _places("A Malawian man died when a mob set him ablaze in Thom village.", gaz)
    assert malawian.focus == "MW" and malawian.home == ""
    # a country named as the way in or out is not where things happen
    refugees = _places("Refugees from Sudan clashed with residents, leaving five dead.", gaz)
    assert refugees.home == ""
    assert _places("Five people were killed in clashes in Sudan.", gaz).home == "SD"


def test_places_a_county_of_the_storys_country_is_its_first_level_area(gaz: Any) -> None:
    topo = _places(
        "In Kenya, a vigilante group lynched a suspected murderer at Nthangarine, in Meru County.", gaz
    )
    meru = [p for p in topo.places if p.text == "Meru County"]
    assert meru and (meru[0].kind, meru[0].country_code, meru[0].admin1) == ("admin1", "KE", "Meru")
    # an area spelt as written before a looser namesake: Kenya's Lamu, not the Maldives' Laamu
    lamu = _places("Two members of an environmental group were arrested at a protest in Lamu.", gaz)
    assert [(p.name, p.country_code) for p in lamu.places] == [("Lamu", "KE")]


def test_places_misspelt_towns_and_areas_of_the_storys_country_are_found(gaz: Any) -> None:
    # one edit from a town or area of the country the story is about
    topo = _places("In Kenya, students demonstrated at the University of Machokos in Machokos town.", gaz)
    assert {(p.name, p.country_code) for p in topo.places if p.kind == "city"} == {("Machakos", "KE")}
    zambezia = _places(
        "Two teenagers died when a mine exploded in Morrumbala (Morrumbala, Zambesia), Mozambique.", gaz
    )
    assert ("Zambezia", "admin1") in {(p.name, p.kind) for p in zambezia.places}
    # never abroad, never a village's near-namesake: "Pang Oong village" is not Panglong
    village = _places("On 28 April, in Myanmar, troops shelled Pang Oong village in Shan State.", gaz)
    assert all(p.kind != "city" for p in village.places)
    # a township is coded to its town, at precision 2
    township = _places(
        "On 25 February 2019, in Mrauk-U Township, in Rakhine State, Myanmar troops clashed.", gaz
    )
    assert [(p.name, p.precision) for p in township.places if p.kind == "city"] == [("Mrauk U", 2)]


def test_places_countries_carry_acleds_names(gaz: Any) -> None:
    assert (gaz.countries["PS"].name, gaz.countries["CD"].name) == (
        "Palestine",
        "Democratic Republic of Congo",
    )
    assert gaz.country("Palestinian Territory") == ("PS", "name")  # GeoNames' name still reads


def test_places_the_area_named_after_a_place_holds_it(gaz: Any) -> None:
    # the last area of the brackets holds the town: Egypt's Rafah, not the Gaza Strip's
    rafah = _places("Militants attacked the town of Rafah (Rafah, North Sinai) in Egypt on Friday.", gaz)
    assert {(p.text, p.country_code, p.kind) for p in rafah.places if p.text == "Rafah"} == {
        ("Rafah", "EG", "city")
    }
    # so does a province told after "in the (restive) province of"
    told = _places("Militants attacked the town of Rafah in the restive province of North Sinai.", gaz)
    assert [p.country_code for p in told.places if p.text == "Rafah"] == ["EG"]
    # a village named like a province of the country is not that province
    manica = _places("On 30 July 2020, militants raided Manica (Macomia, Cabo Delgado), Mozambique.", gaz)
    assert [p.name for p in manica.places if p.kind == "admin1"] == ["Cabo Delgado"]
    # a list of areas is no containment
    regions = _places(
        "Niger extended the state of emergency in the Diffa, Tillaberi, and Tahoua regions.", gaz
    )
    assert {"Diffa", "Tillaberi"} <= {p.name for p in regions.places if p.kind == "admin1"}


def test_places_a_town_the_text_puts_in_an_area_is_no_namesake_elsewhere(gaz: Any) -> None:
    # "Zigon Town, in Bago Region": the Zigon of Bago, not the bigger one of Yangon
    zigon = _places("On 4 June 2019, in Zigon Town, in Bago Region, hundreds of people protested.", gaz)
    assert [(p.name, p.admin1) for p in zigon.places if p.kind == "city"] == [("Zigon", "Bago")]
    # no Mbale in Taita Taveta: not the Mbale of Vihiga, 600 km away, but the bracket's seat
    mbale = _places(
        "On 19 February 2020, assailants destroyed a church in Mbale Town (Wundanyi/Mbale, Taita Taveta).",
        gaz,
    )
    assert {p.admin1 for p in mbale.places} == {"Taita Taveta"}
    # a writer's loose area may hold a town just past its edge (Byblos, 35 km from Beirut)
    jbeil = _places(
        "Vandals desecrated graves in the coastal city of Jbeil, northern Beirut, police said.", gaz
    )
    assert [(p.text, p.name) for p in jbeil.places][0] == ("Jbeil", "Byblos")


def test_places_a_town_put_in_a_town_lies_in_that_town_s_country(gaz: Any) -> None:
    # Malawi's Salima is no village of Kenya's Laisamis
    topo = _places(
        "Two people were killed after armed men raided Salima village in Laisamis sub county.", gaz
    )
    assert [(p.text, p.country_code) for p in topo.places] == [("Laisamis", "KE")]
    # "in May" is no town holding Kabul
    kabul = _places("Gunmen killed two people in Kabul in May.", gaz)
    assert [(p.text, p.country_code) for p in kabul.places] == [("Kabul", "AF")]


def test_places_an_untagged_acronym_of_a_group_closes_the_gate(gaz: Any) -> None:
    # the tagger left "ASWJ" untagged; Mozambique's (or Somalia's) insurgents are not in Spain
    topo = _places("On June 3, two ASWJ militants were killed by police in the district of Palma.", gaz)
    assert all(p.country_code != "ES" for p in topo.places)


def test_places_syllables_written_apart_or_together_are_one_name(gaz: Any) -> None:
    assert loose("Mu-se") == loose("Muse") and loose("Kyauk-phyu") == loose("Kyaukphyu")
    assert loose("Al-Fallujah") == loose("Falluja")  # an article stays apart
    # in a Myanmar story "Muse" is Mu-se, though towns of Pennsylvania and Yemen bear it exactly
    muse = _places("On 5 May 2021, troops clashed with the KIA near Muse, Shan State, Myanmar.", gaz)
    assert [(p.name, p.country_code) for p in muse.places if p.kind == "city"] == [("Mu-se", "MM")]
    usa = _places("A fire destroyed a barn in Muse, Pennsylvania, on Friday.", gaz)
    assert [(p.name, p.country_code) for p in usa.places if p.kind == "city"] == [("Muse", "US")]


def test_places_a_us_county_lies_among_its_own_towns(gaz: Any) -> None:
    topo = _places("The burn ban issued for Walker County, Texas, was lifted on Friday, officials said.", gaz)
    [county] = [p for p in topo.places if p.kind == "admin2"]
    # Walker County of Texas, around Huntsville; not the middle of Texas, and so precision 2
    assert county.admin1 == "Texas" and county.precision == 2
    assert county.latitude == pytest.approx(30.75, abs=0.4)
    assert county.longitude == pytest.approx(-95.5, abs=0.4)
    # and stays there: a town of the story elsewhere in its state does not draw it away
    story = _places(
        "Crews worked in Evansville, Indiana, on Monday. Flooding also closed roads in Boone County.", gaz
    )
    [boone] = [p for p in story.places if p.kind == "admin2"]
    assert boone.admin1 == "Indiana" and boone.latitude == pytest.approx(40.08, abs=0.3)


def test_places_a_list_of_states_holds_none_of_them(gaz: Any) -> None:
    # ", Tennessee, Texas" lists states: no item is the container of the one before it, not
    # even a word of it cut short ("Tennesse" spelt like Tennessee)
    topo = _places(
        "Peanut butter was recalled in Ohio, Oregon, South Carolina, Tennessee, Texas, Utah and Wisconsin.",
        gaz,
    )
    assert [(p.name, p.kind) for p in topo.places] == [
        (state, "admin1")
        for state in ("Ohio", "Oregon", "South Carolina", "Tennessee", "Texas", "Utah", "Wisconsin")
    ]


def test_places_a_town_in_apposition_to_a_place_noun_is_a_place(gaz: Any) -> None:
    # the tagger took it for an organisation; "stronghold" says it is a place
    found = _places("Second day of peaceful protests in NASA's stronghold Kisii over the remarks.", gaz)
    assert [(p.text, p.country_code) for p in found.places if p.kind == "city"] == [("Kisii", "KE")]


def test_places_the_town_a_strike_hit_and_a_community_named_after_its_town(gaz: Any) -> None:
    # the tagger took the town for a person: what a strike fell on, or a shelling hit, is a place
    for text in (
        "One person was killed in a Russian strike on Bilozerka in Kherson region, Ukraine.",
        "One person was killed by Russian shelling of Bilozerka in Kherson region, Ukraine.",
    ):
        assert [(p.text, p.country_code) for p in _places(text, gaz).places if p.kind == "city"] == [
            ("Bilozerka", "UA")
        ]
    # a hromada is told by its town's adjective: the town, at the community's precision
    community = _places("A man was killed in a Russian strike on the Bilozerska community, Ukraine.", gaz)
    assert [(p.name, p.precision) for p in community.places if p.kind == "city"] == [("Bilozerka", 2)]
    # a people's community is no town's
    people = _places("Leaders of the Kikuyu community met in Nyeri, Kenya, on Monday.", gaz)
    assert "Kikuyu" not in {p.text for p in people.places}


def test_places_a_country_after_the_comma_is_the_country_not_a_namesake_area(gaz: Any) -> None:
    # Nigeria has a Niger State: "Diffa, Niger" still names the country Diffa lies in
    topo = _places("Gunmen attacked soldiers in Diffa, Niger, on Monday.", gaz)
    assert [(p.name, p.country_code) for p in topo.places if p.text == "Diffa"] == [("Diffa", "NE")]
    # and the state, named as one, still holds its town
    minna = _places("Gunmen killed two people in Minna, Niger state, on Monday.", gaz)
    assert [(p.country_code, p.admin1) for p in minna.places if p.text == "Minna"] == [("NG", "Niger")]


def test_places_a_text_naming_no_country_takes_towns_only_under_names_it_can_trust(gaz: Any) -> None:
    # no country named or implied: a small town's other name or a near spelling is no place
    saria = _places("Four men were shot by unidentified armed group in Saria, Cheptais sub-county.", gaz)
    assert all(p.country_code != "ES" for p in saria.places)
    # a big city's other name and a town's constituency are kept
    katmandu = _places("Police fired tear gas at protesters in central Katmandu on Saturday.", gaz)
    assert [(p.name, p.country_code) for p in katmandu.places] == [("Kathmandu", "NP")]
    isiolo = _places("On Sept 17th 2019, in Isiolo South, four herdsmen were killed by a militia.", gaz)
    assert [(p.name, p.country_code) for p in isiolo.places] == [("Isiolo", "KE")]
    # a state named by its word after the tagger's entity ("Kachin" tagged alone) names its
    # country, and the country's towns may be read under their other names
    hpakant = _places("On 28-April-2018, in Hpakant township, Kachin state, about 60 people protested.", gaz)
    assert {(p.kind, p.country_code) for p in hpakant.places} == {("city", "MM"), ("admin1", "MM")}


def test_places_a_name_cut_short_or_a_persons_first_name_is_no_area(gaz: Any) -> None:
    # a man's first name is no Manx parish; a bare "South" no one country's area
    person = _places("Managing Director Michael Kulundu was kidnapped in Kanduyi on Monday.", gaz)
    assert all(p.country_code != "IM" for p in person.places)
    south = _places("Youth in Imenti South rioted and destroyed ballot boxes on Monday.", gaz)
    assert all(p.text != "South" for p in south.places)
    # "Maine" is the start of a Nigerien town's name, not the American state
    soroa = _places("On April 15, locals in Maine Soroa began barricading roads.", gaz)
    assert [(p.name, p.country_code) for p in soroa.places] == [("Maïné Soroa", "NE")]


def test_places_the_noun_of_an_institution_is_no_town(gaz: Any) -> None:
    # "University" is a town in Florida; "at the University of Machakos" names Machakos only
    found = _places("Students demonstrated at the University of Machakos on Monday.", gaz)
    assert [(p.text, p.country_code) for p in found.places] == [("Machakos", "KE")]


def test_places_a_name_that_only_qualifies_a_weapon_is_no_place(gaz: Any) -> None:
    topo = _places("Insurgents fired Grad rockets at a military camp in Diffa on Tuesday.", gaz)
    assert [(p.text, p.country_code) for p in topo.places] == [("Diffa", "NE")]
    assert _places("Rebels fired a salvo of Grad rockets at the airport on Tuesday.", gaz).places == ()


def test_places_compass_names_alone_name_no_country(gaz: Any) -> None:
    # Iceland's regions are called "Northeast" and "East": an army's zones are not Iceland
    topo = _places("The army halted its operations in the Northeast and East operational zones.", gaz)
    assert topo.places == () and topo.focus == ""


def test_places_a_country_in_brackets_is_the_country_unless_its_state_holds_the_town(gaz: Any) -> None:
    topo = _places("Kidnappers seized a farmer in Dan Issa village (Madarounfa, Niger) on Monday.", gaz)
    assert {p.country_code for p in topo.places} == {"NE"}
    assert [p.kind for p in topo.places if p.text == "Niger"] == ["country"]
    # Rafi is a district of Nigeria's Niger State: the bracket names the state
    state = _places("Gunmen abducted twenty pupils from a school in Kagara (Rafi, Niger) on Monday.", gaz)
    assert [(p.kind, p.country_code) for p in state.places if p.text == "Niger"] == [("admin1", "NG")]


def test_places_a_loose_spelling_is_read_only_in_the_story_s_country(gaz: Any) -> None:
    # "Susee" spelt loosely is Sousse of Tunisia: a story of Myanmar does not name it
    topo = _places(
        "Troops clashed with the TNLA near Nam Hpat (Susee) village in Kutkai Township, Shan State.", gaz
    )
    assert {p.country_code for p in topo.places} == {"MM"}
    # "Phyu" spelt loosely is Phayu of Thailand, a neighbour: not a place of this story
    bago = _places(
        "On 2 May, in Kyaukpon Town, in Phyu Township, in Taungoo District, in Bago Region, teachers met.",
        gaz,
    )
    assert all(p.country_code == "MM" for p in bago.places)


def test_places_a_name_with_a_tab_in_it_is_read_not_a_crash(gaz: Any) -> None:
    # a tab inside a name (text pasted from a table) once split the lookup's own key apart
    assert gaz.similar_admin1("Zambe\tsia", ["MZ"]) == []
    assert gaz.similar_admin1("Zambesia", ["MZ"]) == [("MZ", "Zambezia")]
    assert isinstance(gaz.similar("Gar\tissa town", ["KE"]), list)


def test_places_a_place_near_a_town_is_near_that_town(gaz: Any) -> None:
    # a village called Geneva by Garissa; a Lucerne beside it: no Swiss city nor canton
    topo = _places("Traders said a mine exploded at Geneva, a hamlet near Garissa, on Sunday.", gaz)
    assert {p.country_code for p in topo.places} == {"KE"}
    canton = _places("Herders clashed with farmers at Lucerne, near Garissa, on Sunday.", gaz)
    assert {p.country_code for p in canton.places} == {"KE"}
    # an area beside the town, or holding it, is that area
    region = _places("Gunmen attacked a school in Tillaberi near Niamey on Monday.", gaz)
    assert [(p.kind, p.country_code) for p in region.places if p.text == "Tillaberi"] == [("admin1", "NE")]


def test_places_an_area_word_after_the_name_beats_another_name_of_a_foreign_town(gaz: Any) -> None:
    topo = _places("Three traders went missing near Muse, Shan state, on their way back from China.", gaz)
    shan = [p for p in topo.places if p.text == "Shan"]
    assert shan and (shan[0].kind, shan[0].country_code) == ("admin1", "MM")


def test_places_a_text_naming_no_country_keeps_its_places_in_one_country(gaz: Any) -> None:
    # Karma read alone is India's, Abeche Chad's: told together, they are one story's, and
    # the namesake only its size chose is left unplaced
    topo = _places("Villagers in Karma, south of Abeche, handed over eleven rifles on Sunday.", gaz)
    assert {p.country_code for p in topo.places} == {"TD"}
    assert "Karma" in {text for _, _, text in topo.unresolved}


def test_places_an_area_with_its_own_word_after_a_township_of_names_its_country(gaz: Any) -> None:
    # "township of Shan State" calls Muse a township, not Shan a settlement: Myanmar is named,
    # and Muse is its Mu-se, not Pennsylvania's
    topo = _places("On Monday, in Muse town, in Muse township of Shan State, gunmen shot a driver.", gaz)
    assert {(p.text, p.country_code) for p in topo.places} == {("Muse", "MM"), ("Shan State", "MM")}


def test_places_a_country_only_whose_forces_are_named_vetoes_no_town(gaz: Any) -> None:
    # "U.S. special forces" say whose the convoy was: Ouallam, under its own name, is Niger's
    topo = _places(
        "Students staged a protest on a road south of the town of Ouallam on Monday and blocked "
        "a convoy of U.S. special forces.",
        gaz,
    )
    assert [(p.text, p.country_code) for p in topo.places if p.kind == "city"] == [("Ouallam", "NE")]
    [event] = eventwire.code(
        "Students staged a protest on a road south of the town of Ouallam on Monday and blocked "
        "a convoy of U.S. special forces.",
        published="2020-01-08",
    )
    assert (event.country, event.admin1) == ("Niger", "Tillaberi")
    # nor is a country's people, told where, a town of another country (China's Chadian)
    chadian = _places("Clashes between Chadian soldiers and local fighters were reported in Zouar.", gaz)
    assert {p.country_code for p in chadian.places} <= {"TD"}


def test_places_a_place_in_what_protesters_ask_for_is_not_where_they_protested(gaz: Any) -> None:
    # the pilgrimage's Mecca lies down two clauses from "demonstrated": the region its
    # opening names is where they were
    [event] = eventwire.code(
        "On Friday, in front of Yangon City Hall, Bahan township, Yangon region, about twenty Muslims "
        "demonstrated, calling on the government to form a committee to help them on their Haj to Mecca.",
        published="2020-01-08",
    )
    assert (event.country, event.admin1) == ("Myanmar", "Yangon")


def test_places_a_people_before_their_noun_is_no_town_and_a_town_keeps_its_first_word(gaz: Any) -> None:
    # "between Arab pastoralists": a people qualifying a noun after a preposition of place is
    # no town of Alabama; the tagger's "Beida" of "Goz Beida" is Chad's town, not Libya's
    arab = _places(
        "On August 7, eight people were killed amidst intercommunal violence between Arab pastoralists "
        "and Ouaddaian farmers near a village.",
        gaz,
    )
    assert arab.places == ()
    goz = _places(
        "Eight people were killed in clashes between herders and farmers in the area of Goz Beida.", gaz
    )
    assert [(p.text, p.country_code) for p in goz.places] == [("Goz Beida", "TD")]


def test_places_namesakes_of_like_size_leave_a_text_that_names_no_country_unplaced(gaz: Any) -> None:
    # Eastleigh of England, of South Africa (and another name of Orkney there); Banga of the
    # Philippines and of Chad: a text that names no country cannot choose
    assert _places("A crowd beat a suspected burglar to death in Eastleigh on Friday.", gaz).places == ()
    banga = _places("Herders and farmers clashed in Banga on Sunday.", gaz)
    assert all(p.text != "Banga" for p in banga.places)
    # a namesake under another name is no rival: Alexandria is Egypt's
    alexandria = _places("Police fired tear gas at hundreds of protesters in Alexandria on Friday.", gaz)
    assert [(p.text, p.country_code) for p in alexandria.places] == [("Alexandria", "EG")]


def test_places_state_forces_fight_abroad(gaz: Any) -> None:
    # "US troops" say whose the soldiers are, not where the fight was: Mosul is Iraq's
    topo = _places("US troops killed five militants in Mosul on Friday, officials said.", gaz)
    assert [(p.text, p.country_code) for p in topo.places] == [("Mosul", "IQ")]
    # but a name with many namesakes stays in the forces' own countries
    victoria = _places("The Myanmar military shelled villages near Victoria on Monday.", gaz)
    assert all(p.country_code != "HK" for p in victoria.places)


def test_places_a_country_that_only_qualifies_troops_names_no_place(gaz: Any) -> None:
    topo = _places(
        "U.S. marines guarding a fuel convoy were stopped by students at a roadblock on Monday.",
        gaz,
    )
    assert topo.home != "US"


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("The raid took place in a village about 40 kilometres from Tillia on Monday.", "Tillia"),
        ("Troops were attacked in a village 12 miles from Tillia on Monday.", "Tillia"),
        ("Soldiers were ambushed in the Tillia area, in the Tahoua region, on Sunday.", "Tillia"),
    ],
)
def test_places_a_place_told_near_a_town_is_the_town_at_precision_2(gaz: Any, text: str, town: str) -> None:
    got = [p for p in _places(text, gaz).places if p.text == town]
    assert got and (got[0].kind, got[0].precision) == ("city", 2)


def _quarters(topo: places.Toponyms) -> list[str]:
    return [p.name for p in topo.places if " - " in p.name]


def test_places_a_part_of_a_city_is_the_city_s_quarter(gaz: Any) -> None:
    # ACLED names a part of a city "City - Quarter"; the gazetteer knows neither quarter
    baghdad = _places(
        "In the capital Baghdad, gunmen shot dead a shopkeeper in the mainly Shiite district of Almarat.", gaz
    )
    assert _quarters(baghdad) == ["Baghdad - Almarat"]
    karachi = _places("A bomb went off in Karachi on Monday, in the Gulzarnagar area.", gaz)
    assert _quarters(karachi) == ["Karachi - Gulzarnagar"]
    owned = _places("Youths and police fought running battles in Nairobi's Eastleigh on Friday.", gaz)
    assert _quarters(owned) == ["Nairobi - Eastleigh"]
    raided = _places("Soldiers raided Nairobi's Eastleigh overnight, residents said.", gaz)
    assert _quarters(raided) == ["Nairobi - Eastleigh"]


@pytest.mark.parametrize(
    "text",
    [
        # a district told apart from the city's sentence is a second-level area
        "Police raided homes in Lahore on Monday. In the district of Almarat, troops made arrests.",
        # a place told since the city, which we could not find, may hold the quarter
        "Troops left Baghdad for Qaryat Zubayda, where a bomb went off in the Almarat area.",
        # the city where the speaker is, not where the event was
        "Police in Maiduguri said on Monday that insurgents had killed ten farmers in the Kawuri area.",
        # an area of its own
        "A bomb went off in Lagos on Monday, and another in the Ogun area.",
        # a city's officials, not its quarters
        "Youths marched to the office of Nairobi's Governor on Monday.",
    ],
)
def test_places_no_quarter_without_its_city(gaz: Any, text: str) -> None:
    assert _quarters(_places(text, gaz)) == []


def test_places_the_city_after_its_quarter_is_the_city(gaz: Any) -> None:
    topo = _places(
        "Youths and police fought running battles in Nairobi's Eastleigh on Friday. On Saturday, "
        "thousands of traders protested across the city.",
        gaz,
    )
    assert [p.name for p in topo.places if p.text == "the city"] == ["Nairobi"]


def test_places_the_record_of_an_event_in_a_quarter_names_it() -> None:
    from conftest import code_text

    _, records = code_text(
        "KARACHI, May 5 - A grenade thrown at a tea stall in the Gulzarnagar area of Karachi on Sunday "
        "killed two men, police said.",
        "quarter",
        "2024-05-06",
    )
    assert [(e.location, e.geo_precision, e.country) for e in records] == [
        ("Karachi - Gulzarnagar", 1, "Pakistan")
    ]


def test_places_a_village_no_gazetteer_knows_is_coded_near_the_town_its_sentence_names() -> None:
    from conftest import code_text

    # ACLED codes an unknown village at the nearest town it is told with, geo_precision 2,
    # under the village's own name
    _, records = code_text(
        "GOMA, May 5 - ADF rebels killed 12 people early Monday in Kalimbo village near Beni, "
        "in North Kivu province, a local official said.",
        "village",
        "2024-05-06",
    )
    assert [(e.location, e.geo_precision, e.admin1) for e in records] == [("Kalimbo", 2, "Nord-Kivu")]


@pytest.mark.parametrize(
    ("text", "cc"),
    [
        # wire copy's bare "Congo" is the Democratic Republic ...
        ("Rebels killed 12 villagers in eastern Congo on Sunday.", "CD"),
        ("Congolese troops clashed with rebels near Goma on Sunday.", "CD"),
        # ... unless the text's other names point to the Republic
        ("Police in Brazzaville, Congo, arrested 20 opposition supporters.", "CG"),
        ("Congolese police arrested 20 opposition supporters in Pointe-Noire on Sunday.", "CG"),
    ],
)
def test_places_a_name_two_countries_bear_is_the_one_the_text_points_to(gaz: Any, text: str, cc: str) -> None:
    topo = _places(text, gaz)
    assert topo.focus == cc
    assert all(p.country_code == cc for p in topo.places)


def test_places_every_name_several_countries_bear_says_which_it_names(gaz: Any) -> None:
    shared = gaz.db.execute(
        "SELECT key FROM country_names GROUP BY key HAVING count(DISTINCT cc) > 1"
    ).fetchall()
    assert {"congo", "congolese"} <= {k for (k,) in shared}
    assert gaz.country("Congo") == ("CD", "name") and gaz.country("Congolese") == ("CD", "demonym")


@pytest.mark.parametrize(
    ("name", "cc", "admin1"),
    [
        ("North Kivu", "CD", "Nord Kivu"),  # a French compass word, in English
        ("Uruzgan", "AF", "Oruzgan"),  # as ACLED writes it
        ("Timbuktu", "ML", "Tombouctou"),
    ],
)
def test_places_an_area_is_known_by_its_english_and_acled_names(
    gaz: Any, name: str, cc: str, admin1: str
) -> None:
    assert (cc, admin1) in gaz.admin1_named(name, cc, exact=True)


def test_places_a_province_iso_knows_and_gazetteers_do_not_is_its_region(gaz: Any) -> None:
    # Burkina Faso's provinces are in no gazetteer we ship; ISO 3166-2 says which region
    # holds each, and the country after "Soum province," is the story's (whatever the tagger
    # calls it), so Senegal's village of Soum is no reading
    topo = _places("Gunmen attacked a village in Soum province, Burkina Faso, on Saturday.", gaz)
    assert [(p.name, p.kind, p.country_code, p.precision) for p in topo.places] == [
        ("Sahel", "admin1", "BF", 3),
        ("Burkina Faso", "country", "BF", 4),
    ]
    # ("In Soum province" too; but "Homa Bay county" is no "Bay county" of Somalia, nor is a
    # bare "(Ga)" Georgia)
    opening = _places("In Soum province, Burkina Faso, gunmen burned a school.", gaz)
    assert ("Sahel", "BF") in [(p.name, p.country_code) for p in opening.places]
    kenya = _places("Traders in Kendu Bay, Homa Bay county, Kenya protested on Monday.", gaz)
    assert all(p.country_code == "KE" for p in kenya.places)
    ward = _places("A rally was held in Thit Sar (Ga) Ward of Yangon, Myanmar.", gaz)
    assert all(p.country_code == "MM" for p in ward.places)
    ph = _places("NPA rebels clashed with troops in Camarines Sur province, Philippines.", gaz)
    assert [(p.name, p.precision) for p in ph.places if p.country_code == "PH"][0] == ("Bicol Region", 3)


def test_places_a_part_of_an_area_spanned_with_its_compass_word_is_the_area(gaz: Any) -> None:
    topo = _places("Troops shelled a hamlet of Loikaw township in Eastern Kayah State on Friday.", gaz)
    assert ("Kayah", "admin1", 3) in [(p.name, p.kind, p.precision) for p in topo.places]
    # (an area whose own name begins so stays itself)
    cape = _places("Protests were held in the Western Cape, South Africa.", gaz)
    assert ("Western Cape", "admin1") in [(p.name, p.kind) for p in cape.places]


def test_places_the_capital_named_after_its_title_is_a_town(gaz: Any) -> None:
    topo = _places(
        "The raid took place in Somalia's Lower Shabelle province, on the outskirts of the "
        "regional capital Marka.",
        gaz,
    )
    marka = [p for p in topo.places if p.text == "Marka"]
    # (near it: "on the outskirts of")
    assert marka and (marka[0].country_code, marka[0].precision) == ("SO", 2)


def test_places_a_bare_name_after_its_area_is_the_area_unless_called_a_town(gaz: Any) -> None:
    topo = _places(
        "Police said they had arrested 56 suspected criminals terrorizing the northern state of "
        "Kaduna, Nigeria. He warned that Kaduna would no longer be a safe haven. In Kaduna city, "
        "traders protested.",
        gaz,
    )
    kaduna = [(p.kind, p.precision) for p in topo.places if p.text.startswith("Kaduna")]
    assert kaduna == [("admin1", 3), ("admin1", 3), ("city", 1)]


def test_places_a_peoples_name_in_brackets_yields_to_the_area_told_after_it(gaz: Any) -> None:
    # "(Karen)": a village of Karen people, in the Bago Region the list after it names
    topo = _places(
        "Troops burned houses in Mae Ta Le (Karen) village, Kyaukkyi Township, Bago Region, on Friday.",
        gaz,
    )
    assert [(p.name, p.kind) for p in topo.places if p.kind == "admin1"] == [("Bago", "admin1")]
    ethnic = _places("In Myitkyina, Kachin State, soldiers beat an ethnic Shan farmer.", gaz)
    assert "Shan" not in [p.name for p in ethnic.places]
    # (alone, the brackets name the area that holds the place; and an area told later in the
    # sentence, after prose, does not take their place)
    lac = _places("Raiders burned Bol (Lac) on Monday and then looted villages in Kanem Province, Chad.", gaz)
    assert ("Lac", "admin1") in [(p.name, p.kind) for p in lac.places]


def test_places_a_name_the_text_calls_a_town_is_the_town_not_its_province(gaz: Any) -> None:
    topo = _places("Shops were looted overnight in the northern town of Jendouba, Tunisia.", gaz)
    jendouba = [(p.kind, p.precision) for p in topo.places if p.text == "Jendouba"]
    assert jendouba == [("city", 1)]


def test_places_a_compass_area_a_country_spells_otherwise_names_no_other_country() -> None:
    # "Cameroon's Northwest region" is Cameroon's North-West, not Iceland's Northwest
    [event] = eventwire.code(
        "A 12-year-old girl and her 45-year-old father were killed when gunmen opened fire on their car "
        "near the town of Bamenda in Cameroon's Northwest region on Sunday, local officials said.",
        published="2023-05-22",
    )
    assert (event.country, event.location, event.admin1) == ("Cameroon", "Bamenda", "Northwest")


def test_places_towns_of_one_country_outweigh_a_demonym_of_a_thing(gaz: Any) -> None:
    # the only country word is whose the money was: the towns say the story is in India
    topo = _places(
        "Handwara: Three militants were killed in a gunfight with troops near Kupwara on "
        "Tuesday, police said. Pakistani currency and two rifles were recovered.\n\n"
        "On Monday, a grenade was thrown at a police post in Sopore.",
        gaz,
    )
    assert topo.focus == "IN"
    assert {(p.text, p.country_code) for p in topo.places if p.kind == "city"} >= {
        ("Kupwara", "IN"),
        ("Sopore", "IN"),
    }
    # one town alone does not outweigh it (nothing vouches for the namesake's country)
    topo = _places("Pakistani currency was recovered after a gunfight near Kupwara on Tuesday.", gaz)
    assert topo.focus == "PK" and not [p for p in topo.places if p.kind == "city"]


def test_places_a_village_that_shares_an_areas_name_abroad_names_no_country(gaz: Any) -> None:
    # Trinidad's Arima borough is no country of a story about Syria
    topo = _places(
        "Two fighters were killed in clashes near the village of Arima, west of Manbij in "
        "northern Syria, a war monitor said.",
        gaz,
    )
    assert "TT" not in topo.countries
    assert all(p.country_code == "SY" for p in topo.places if p.kind == "city")


def test_places_this_town_of_a_local_paper_is_its_dateline_town(gaz: Any) -> None:
    topo = _places(
        "CATARMAN, Northern Samar — Police arrested a suspected rebel in this town on Sunday.", gaz
    )
    refs = [p for p in topo.places if p.text == "this town"]
    assert [(p.name, p.country_code) for p in refs] == [("Catarman", "PH")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the tagger reads the town as a nationality, or leaves it untagged
        ("Mombasa residents protested against the demolition of houses in Kenya on Monday.", "Mombasa"),
        ("Dozens of Kisumu residents protested in Kenya over the sale of a mall.", "Kisumu"),
        ("Opposition supporters in Kenya burned down the Garissa market on Monday.", "Garissa"),
        ("Lawmakers in the Mandera County Assembly clashed over a bill.", "Mandera"),
    ],
)
def test_places_a_town_that_qualifies_its_people_or_places(text: str, place: str, gaz: Any) -> None:
    topo = _places(text, gaz)
    assert [(p.name, p.country_code) for p in topo.places if p.kind != "country"] == [(place, "KE")]


@pytest.mark.parametrize(
    "text",
    [
        # the victims' home, an institution's name, a people's name that is also a region's
        "Al-Shabaab militants ambushed a bus in Kenya on Tuesday and killed five Mombasa traders.",
        "Columbia University students occupied a campus building on Tuesday.",
        "Masinde Muliro University students protested exam fees.",
        "Gunmen killed at least 30 Amhara villagers in Ethiopia on Saturday, residents said.",
    ],
)
def test_places_a_name_before_a_noun_that_says_no_place(text: str, gaz: Any) -> None:
    topo = _places(text, gaz)
    assert [p.name for p in topo.places if p.kind != "country"] == []


def test_places_an_area_told_with_its_word_says_the_country_of_a_village(gaz: Any) -> None:
    # "Kakamega county" (untagged, or tagged as a person) names Kenya: Irobo is no town of
    # Ivory Coast, and "county" after it is an area's word, not a settlement's
    topo = _places(
        "On 15 Sept 2018, a man shot dead his neighbour in Irobo village, Shinyalu, Kakamega county "
        "following a land dispute.",
        gaz,
    )
    assert topo.focus == "KE"
    assert [(p.name, p.kind, p.country_code) for p in topo.places] == [("Kakamega", "admin1", "KE")]


def test_places_a_myanmar_division_is_its_region(gaz: Any) -> None:
    topo = _places("More than 100 people protested in Patheingyi Township, Mandalay division.", gaz)
    assert ("Mandalay", "admin1") in [(p.name, p.kind) for p in topo.places]


def test_places_a_country_only_beyond_a_border_is_no_focus(gaz: Any) -> None:
    topo = _places(
        "Insurgents burned two vehicles on the road between Mocimboa da Praia and the Rovuma river, "
        "which borders Tanzania.",
        gaz,
    )
    assert topo.focus == "MZ"


def test_places_outside_of_a_town_is_near_it(gaz: Any) -> None:
    topo = _places("Al Shabaab attacked Haluqa, outside of Garissa, in Kenya.", gaz)
    assert [(p.name, p.precision) for p in topo.places if p.kind == "city"] == [("Garissa", 2)]


def _fed(text: str, country: str, gaz: Any) -> places.Toponyms:
    """A report of a local feed of ``country`` (``--country``)."""
    opts = ingest.Options(published=dt.date(2020, 1, 5), country=country)
    return places.find(next(nlp.parse([ingest.make_article("t", text, {}, opts)])), gaz)


def test_places_a_local_feed_outweighs_a_country_its_people_were_taken_to(gaz: Any) -> None:
    # a Chadian feed: "taken to Sudanese territory", "travelled to Sudan" say where people went
    topo = _fed(
        "Janjaweed militiamen abducted members of an anti-smuggling unit, who were taken to Sudanese "
        "territory; a prefect travelled to Sudan three days later.",
        "TD",
        gaz,
    )
    assert topo.focus == "TD"


def test_places_a_village_is_no_neighbours_town_of_its_name(gaz: Any) -> None:
    # in a report from Niger, "the village of Kaya" is no Kaya of Burkina Faso (a town of
    # 60,000); a village the gazetteer does not know stays unresolved
    topo = _fed("Presumed ISWAP militants attacked the village of Kaya and killed one civilian.", "NE", gaz)
    assert [p.name for p in topo.places if p.kind == "city"] == []
    told = _fed("Gunmen attacked the village of Kaya in Burkina Faso.", "NE", gaz)
    assert [p.country_code for p in told.places if p.name == "Kaya"] == ["BF"]


def test_places_a_country_the_text_names_outweighs_a_local_feeds_as_much(gaz: Any) -> None:
    # a Kenyan feed's story of Somalia: named as much as the feed's, the text's country wins
    topo = _fed("Somalia's army said al-Shabaab fighters attacked a base on Tuesday.", "KE", gaz)
    assert topo.focus == "SO"
    # a village of the country whose people the text names, not only the feed's
    kutum = _fed("RSF fighters attacked the village of Kutum, killing 20 Sudanese civilians.", "KE", gaz)
    assert [p.country_code for p in kutum.places if p.name == "Kutum"] == ["SD"]


def test_places_a_port_the_tagger_took_for_a_person_is_a_town(gaz: Any) -> None:
    # "the Black Sea port of Tuapse", tagged as a person: a port is a town
    topo = _places(
        "In Russia, Ukrainian drones struck the oil refinery in the Black Sea port of Tuapse overnight.", gaz
    )
    assert [(p.name, p.kind) for p in topo.places if p.country_code == "RU" and p.kind == "city"] == [
        ("Tuapse", "city")
    ]


def test_places_an_area_told_with_its_word_in_a_named_country_is_no_town_of_the_focus(gaz: Any) -> None:
    # "Donetsk Oblast" in a story Russia's ministry tells: Ukraine's province, not the
    # Russian town of Donetsk
    topo = _places(
        "Russia's Defense Ministry claimed on Sunday that its troops had liberated the village of "
        "Shakhove in Donetsk Oblast.",
        gaz,
    )
    donetsk = [p for p in topo.places if p.text.startswith("Donetsk")]
    assert [(p.kind, p.country_code) for p in donetsk] == [("admin1", "UA")]


def test_places_a_big_city_abroad_under_another_spelling_in_a_named_country(gaz: Any) -> None:
    # "Zaporizhzhia" (GeoNames' Zaporizhzhya), tagged as a person, in a story that names
    # Russia more often than Ukraine: the Ukrainian city, Ukraine being named
    topo = _places(
        "Russian guided aerial bombs struck an industrial area of Zaporizhzhia on Sunday afternoon, "
        "killing three people. Russia launched 138 drones at Ukraine overnight, Russia's Defense "
        "Ministry said, and Russia claimed a village.",
        gaz,
    )
    assert [(p.kind, p.country_code, p.admin1) for p in topo.places if p.start < 80] == [
        ("city", "UA", "Zaporizhzhia")
    ]


def test_places_a_village_outside_the_area_its_sentence_names_is_a_namesake(gaz: Any) -> None:
    # the one Nyaung Pin Thar the gazetteer has is in Yangon; the raid was in Sagaing Region
    topo = _places(
        "In Sagaing Region, members of a militia killed five villagers in a raid on Nyaung Pin Thar "
        "village on Friday.",
        gaz,
    )
    assert [(p.kind, p.admin1) for p in topo.places] == [("admin1", "Sagaing")]
    # an area that is only the victims' home says nothing of where: the town stays
    topo = _places(
        "Gunmen killed seven labourers from Punjab at a construction site near Surab on Monday.", gaz
    )
    assert "Surab" in [p.name for p in topo.places if p.kind == "city"]
    # nor does an area told in another clause: the town stays
    topo = _places(
        "Junta jets bombed a monastery in Hpakant on Sunday as fighting raged in Sagaing Region.", gaz
    )
    assert [(p.kind, p.admin1) for p in topo.places] == [("city", "Kachin"), ("admin1", "Sagaing")]


def test_places_an_area_under_another_of_its_names_and_a_town_a_neighbourhood_is_of(gaz: Any) -> None:
    # "South Kordofan" is GeoNames' Southern Kordofan: placed, not left for want of a code;
    # "a neighbourhood of Dilling" names the town
    topo = _places(
        "Shelling struck a crowded neighbourhood of Dilling in South Kordofan, killing seven.", gaz
    )
    assert [(p.name, p.kind) for p in topo.places] == [("Dilling", "city"), ("Southern Kordofan", "admin1")]


def test_places_a_town_the_tagger_took_for_a_name_is_placed_where_the_text_says_where(gaz: Any) -> None:
    # tagged as organisations or peoples, told as places: after "of" of a place word, before a
    # settlement word, right after a preposition of place however the parser hung them
    topo = _places(
        "Police fired tear gas at students in the streets of Mokolo, in Cameroon's Far North, "
        "on Monday. Sirens sounded in Sderot and nearby communities in Israel.",
        gaz,
    )
    named = {(p.name, p.country_code) for p in topo.places}
    assert ("Mokolo", "CM") in named and ("Sderot", "IL") in named


def test_places_a_town_told_as_its_area_is_somewhere_in_it(gaz: Any) -> None:
    topo = _places("Gunmen killed two farmers in Uvira territory, South Kivu, DR Congo, on Monday.", gaz)
    uvira = [p for p in topo.places if p.name == "Uvira"]
    assert uvira and uvira[0].precision == 2  # somewhere in the territory, not the town


def test_places_a_hyphened_area_the_tagger_split_is_the_whole_area(gaz: Any) -> None:
    topo = _places("Clashes broke out near Bozoum, in Ouham-Pendé prefecture, Central African Republic.", gaz)
    assert [p.name for p in topo.places if p.kind == "admin1"] == ["Ouham-Pende"]


def test_places_a_name_placed_once_is_no_place_inside_an_actor_name(gaz: Any) -> None:
    topo = _places(
        "Fighting broke out in Tigray, Ethiopia, on Sunday between the Tigray Army and a rival faction.",
        gaz,
    )
    assert [p.start for p in topo.places if p.name == "Tigray"] == [22]


def test_places_a_district_lies_in_an_area_the_story_names(gaz: Any) -> None:
    # the index knows only Kogi's Bassa district; the story is about Plateau State
    topo = _places(
        "JOS, Nigeria - Gunmen killed 11 people in Kimakpa, a village in Bassa LGA, on Tuesday, "
        "police in Plateau State said.",
        gaz,
    )
    bassa = [p for p in topo.places if p.text.startswith("Bassa")]
    assert bassa and {(p.country_code, p.admin1) for p in bassa} == {("NG", "Plateau")}


def test_places_a_compass_zone_names_no_province_abroad(gaz: Any) -> None:
    # Nigeria's North-Central zone, not Sri Lanka's North Central Province
    topo = _places(
        "Gunmen killed 11 people in Jos, Plateau State, on Tuesday. A security summit of "
        "North-Central governors is scheduled for Thursday in Makurdi.",
        gaz,
    )
    assert "LK" not in {p.country_code for p in topo.places}
