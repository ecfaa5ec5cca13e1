"""The stage's records: ``Toponyms``, ``Place`` records built from gazetteer rows, where a
place is on the map, and the places an event falls back to (its country, capital or
province)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Literal

from ..gazetteer import Candidate, Gazetteer, acled_admin1_names, distance_km
from ..nlp import dateline
from ..records import Place, PlaceKind


@dataclass(frozen=True)
class Toponyms:
    places: tuple[Place, ...]
    focus: str  # ISO alpha-2 of the country the article is mostly about, or ""
    dateline_end: int  # offset where the dateline ("BAGHDAD (Reuters) -") ends; 0 if none
    countries: tuple[str, ...]  # every country mentioned (names and demonyms)
    demonyms: tuple[Place, ...] = ()  # "Iraqi": a country named, not a place of an event
    unresolved: tuple[tuple[int, int, str], ...] = ()  # tagged as places, found in no gazetteer
    references: tuple[Place, ...] = ()  # "in the town": of ``places``, those that name no place
    # the focus when the text names it, is filed from it or places a town in it; a country
    # told only by its people ("a Malawian driver", "a Chinese company") is no place of the
    # story: "" then
    home: str = ""
    # where the items of a round-up open ("ERBIL – A Turkish drone ..."): each item's area,
    # like a dateline, not the spot of what it tells
    labels: frozenset[int] = frozenset()

    def starting(self, lo: int, hi: int) -> list[Place]:
        """The places that start in [lo, hi), in the order of ``places``: a bisection, not a
        scan (a long report names thousands of places, each sentence asks)."""
        order, starts = self._by_start
        picked = order[bisect_left(starts, lo) : bisect_left(starts, hi)]
        return [self.places[n] for n in sorted(picked)]

    @cached_property
    def _by_start(self) -> tuple[list[int], list[int]]:
        order = sorted(range(len(self.places)), key=lambda n: self.places[n].start)
        return order, [self.places[n].start for n in order]


def acled_admin1(cc: str, name: str) -> str:
    """The first-level area as ACLED's admin1 column names it ("Nairobi" for GeoNames'
    "Nairobi County"); records print it, and the index knows the area by it too."""
    return acled_admin1_names().get((cc, name), name)


def _code(gaz: Gazetteer, place: Place) -> str:
    found = gaz.by_id(place.geonameid) if place.geonameid else None
    return found.admin1_code if found else ""


def _country(gaz: Gazetteer, name: str, start: int, end: int, demonym: bool = False) -> Place | None:
    found = gaz.country(name)
    if not found or (found[1] != "name" and not demonym):
        return None
    c = gaz.countries[found[0]]
    return Place(start, end, name, c.name, "country", c.name, c.code, c.iso, "", c.geonameid, None, None, 4)


def _named_region(gaz: Gazetteer, name: str, start: int, end: int) -> Place | None:
    """A continent or a region of the table ("Darfur", "the Middle East")."""
    found = gaz.region(name)
    if found is None:
        return None
    region, cc, lat, lon = found
    return _in(gaz, cc, start, end, name, region, "region", "", None, lat, lon, 4)


def point(place: Place, gaz: Gazetteer) -> tuple[float, float] | None:
    """Where a toponym is on the map: a town's coordinates, or the middle of an area (a
    Place for an area carries the coordinates of its seat, where ACLED codes events)."""
    if place.kind == "country":
        c = gaz.countries.get(place.country_code)
        return (c.latitude, c.longitude) if c and c.latitude is not None and c.longitude is not None else None
    if place.kind == "admin1":
        code = gaz.admin1_code(place.country_code, place.admin1)
        lat, lon = gaz.points.get((place.country_code, code or ""), (None, None))
        if lat is not None and lon is not None:
            return lat, lon
        # An area named after its seat ("Jenin governorate"): the town of its name.
        towns = [c for c in gaz.places(place.admin1) if c.country_code == place.country_code]
        if towns:
            town = max(towns, key=lambda c: c.population)
            return town.latitude, town.longitude
    if place.latitude is None or place.longitude is None:
        return None
    return place.latitude, place.longitude


def _town_place(
    gaz: Gazetteer,
    c: Candidate,
    start: int,
    end: int,
    text: str,
    kind: Literal["city", "facility"],
    precision: int,
) -> Place:
    admin1 = gaz.admin1_name(c.country_code, c.admin1_code)
    return _in(
        gaz,
        c.country_code,
        start,
        end,
        text,
        c.name,
        kind,
        admin1,
        c.geonameid,
        c.latitude,
        c.longitude,
        precision,
        c.population,
    )


def _in(
    gaz: Gazetteer,
    cc: str,
    start: int,
    end: int,
    text: str,
    name: str,
    kind: PlaceKind,
    admin1: str,
    geonameid: int | None,
    lat: float | None,
    lon: float | None,
    precision: int,
    population: int = 0,
) -> Place:
    """A Place in country ``cc``, with the country's name and ISO number filled in."""
    c = gaz.countries.get(cc)
    return Place(
        start,
        end,
        text,
        name,
        kind,
        c.name if c else "",
        cc,
        c.iso if c else None,
        admin1,
        geonameid,
        lat,
        lon,
        precision,
        population,
    )


def country_place(gaz: Gazetteer, cc: str) -> Place | None:
    """A country-level place (precision 4) for events with no closer location."""
    c = gaz.countries.get(cc)
    if c is None:
        return None
    return Place(-1, -1, "", c.name, "country", c.name, cc, c.iso, "", c.geonameid, None, None, 4)


def capital_place(gaz: Gazetteer, cc: str) -> Place | None:
    """The capital of a country (precision 2: the text names no town), where its national
    government's decisions are made, as ACLED places them."""
    c = gaz.countries.get(cc)
    town = gaz.by_id(c.capital) if c is not None and c.capital is not None else None
    return _town_place(gaz, town, -1, -1, "", "city", 2) if town is not None else None


def province_place(gaz: Gazetteer, place: Place) -> Place | None:
    """The first-level area holding a town (precision 3, at its seat), for an event told only
    as some way off the town ("about 87 km south of Maiduguri")."""
    if not place.admin1 or place.precision >= 3:
        return None
    seat = gaz.admin1_seat(place.country_code, place.admin1)
    return _in(
        gaz,
        place.country_code,
        place.start,
        place.end,
        place.text,
        place.admin1,
        "admin1",
        place.admin1,
        seat.geonameid if seat else None,
        seat.latitude if seat else None,
        seat.longitude if seat else None,
        3,
        seat.population if seat else 0,
    )


def story_province(gaz: Gazetteer, topo: Toponyms, lo: int = 0, hi: int | None = None) -> Place | None:
    """The first-level area that every place of the story (or of its text from ``lo`` to
    ``hi``: a paragraph) lies in, when they all lie in one: an event the text places nowhere
    happened there at least (ACLED then codes the province, at precision 3); None when the
    places span areas or countries."""
    placed = _one_province(topo, lo, hi)
    if not placed:
        return None
    first = placed[0]
    return replace(first, precision=3) if first.kind == "admin1" else province_place(gaz, first)


TOWN_KM = 25.0  # places of a story this close are one town under its names ("Meiktila Township")


def story_town(topo: Toponyms) -> Place | None:
    """The one town that every place of the story is, or holds ("in Mrauk-U township,
    Rakhine state ... they stepped on a landmine"): an event the text places nowhere
    happened in or near it (ACLED's geo_precision 2); None when the story names no town, or
    several."""
    towns = [p for p in _one_province(topo) if p.kind != "admin1"]
    if not towns or towns[0].latitude is None or towns[0].longitude is None:
        return None
    lat, lon = towns[0].latitude, towns[0].longitude
    for p in towns[1:]:
        if p.latitude is None or p.longitude is None:
            return None
        if distance_km(lat, lon, p.latitude, p.longitude) > TOWN_KM:
            return None
    # (Omdurman beside Khartoum: the town told most often, else the bigger)
    told = Counter(p.name for p in towns)
    town = max(towns, key=lambda p: (p.kind != "admin2", told[p.name], p.population))
    return replace(town, precision=max(town.precision, 2))


def filed_town(topo: Toponyms, text: str, gaz: Gazetteer) -> Place | None:
    """A local paper's own town ("MOMBASA — Police fired teargas to disperse hundreds of
    residents ..."): its dateline names no agency and the story names no other place below
    its country, so an event the text places nowhere happened in or near it (precision 2).
    A wire's dateline ("BEIRUT (AFP) -", "Raipur, Jan 30 (PTI)", "TRIPOLI, Lebanon —") is
    its bureau's; so is a capital's, where wires file from even when a feed strips the
    agency ("MOGADISHU — Al-Shabaab attacked a base in southern Somalia"); neither places
    an event."""
    filed = dateline(text)
    if filed is None or "(" in filed.group(0) or filed.group(2):
        return None
    own = [p for p in topo.places if p.start < topo.dateline_end and p.kind == "city"]
    rest = [
        p
        for p in topo.places
        if p.start >= topo.dateline_end and p.kind != "country" and p not in topo.references
    ]
    if len(own) != 1 or rest or (topo.home and own[0].country_code != topo.home):
        return None
    home = gaz.countries.get(own[0].country_code)
    if home is None or own[0].geonameid == home.capital:
        return None
    return replace(own[0], precision=max(own[0].precision, 2))


def _one_province(topo: Toponyms, lo: int = 0, hi: int | None = None) -> list[Place]:
    """The story's towns and areas (or those from ``lo`` to ``hi``), when they all lie in one
    first-level area (of the story's home country, for the whole story); empty otherwise."""
    placed = [
        p
        for p in (topo.places if hi is None else topo.starting(lo, hi))
        if p.kind in ("city", "facility", "admin2", "admin1")
        and p.admin1
        and p not in topo.references
        and p.start >= topo.dateline_end  # "TRIPOLI, Lebanon —": where the story was filed
    ]
    if len({(p.country_code, p.admin1) for p in placed}) != 1 or (
        hi is None and topo.home and placed[0].country_code != topo.home
    ):
        return []
    return placed


NEAR_ENOUGH_KM = 50  # a place told this far from a known town is still placed by it (ACLED's "near")
_MEASURE = (
    r"(?:(?:about|some|around|roughly|nearly|approximately)\s+)?"
    r"(\d+(?:\.\d+)?)\s*(km|kilomet(?:er|re)s?|miles?)\b"
)


@lru_cache(maxsize=4096)
def _measures(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two ways a text measures ``name`` from a town (compiled once per name: a long
    report asks for each of its records)."""
    spelled = r"\s*-\s*".join(re.escape(w) for w in re.split(r"\s*-\s*|\s+", name) if w)
    # the town, an aside between commas, the measure, then the place: "Djibo, the capital of
    # the Soum province, is 25 kilometres (15 miles) from Pobe-Mengao", "Djibo, which is ..."
    after = re.compile(
        rf"(?:,[^.;,]{{0,80}},|,\s+which)?\s+(?:is|lies|sits)\s+{_MEASURE}[^.;]{{0,30}}?\b(?:from|of)\s+{spelled}\b",
        re.IGNORECASE,
    )
    # the place, the measure, then the town: "Kaya, some 20 km north of Djibo"
    before = re.compile(
        rf"\b{spelled},?\s+{_MEASURE}\s+(?:\w+\s+){{0,2}}(?:from|of)\s+(?:the\s+(?:town|city)\s+of\s+)?$",
        re.IGNORECASE,
    )
    return after, before


def measured_from(text: str, topo: Toponyms, name: str) -> tuple[Place, float] | None:
    """The known town a place is told as so far from ("Djibo, the capital of the Soum
    province, is 25 kilometres from Pobe-Mengao"; "Kaya, 20 km from Djibo"), as a point near
    it (precision 2), and the distance told, when that is 50 km or less; else None."""
    if not name:
        return None
    after, before = _measures(name)
    for town in topo.places:
        if town.kind != "city" or town.precision > 2:
            continue
        m = after.match(text, town.end) or before.search(text[max(0, town.start - 120) : town.start])
        if m is None:
            continue
        km = float(m[1]) * (1.609 if m[2].lower().startswith("mile") else 1.0)
        if km <= NEAR_ENOUGH_KM:
            return replace(town, precision=2), km
    return None
