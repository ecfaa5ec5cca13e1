"""The towns a name may be (``lookup``: as written, without a suffix, one edit away) and
how each is scored and admitted for the story (population, focus, named areas, nearness)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from ..gazetteer import Candidate, Gazetteer, distance_km, key, loose
from ..records import Place
from .build import _town_place
from .context import NEAR_KM, _held_by, _near_its_town, _owner, held_in, opening_area, town_holder
from .story import Scene
from .words import BIG_CITY, area_after, name_suffix


def _nearby_town(gaz: Gazetteer, seen: Scene, name: str, start: int, end: int) -> Place | None:
    """A town of the name in the focus country within 100 km of another place of the story."""
    near = [
        c
        for c in gaz.places(name)
        if c.country_code == seen.focus and _closeness(c, seen, key(name)) > math.exp(-1)
    ]
    if not near:
        return None
    return _town_place(gaz, max(near, key=lambda c: c.population), start, end, name, "city", 1)


def _closeness(c: Candidate | tuple[float, float], seen: Scene, own: str) -> float:
    """exp(-d / 100 km) to the nearest other place already placed (0 with none)."""
    lat0, lon0 = (c.latitude, c.longitude) if isinstance(c, Candidate) else c
    nearest = min(
        (distance_km(lat0, lon0, lat, lon) for name, lat, lon in _spots(seen.anchors) if name != own),
        default=math.inf,
    )
    return math.exp(-nearest / 100.0)


@lru_cache(maxsize=8)
def _spots(anchors: tuple[tuple[str, float, float, str, str], ...]) -> tuple[tuple[str, float, float], ...]:
    """Each placed name at each of its points once: a long report places the same towns
    hundreds of times."""
    return tuple(dict.fromkeys(a[:3] for a in anchors))


def _admissible(gaz: Gazetteer, seen: Scene, c: Candidate, name: str) -> bool:
    """Whether the story may put ``name`` at town ``c``: in a country the gate allows (or a
    big city the state forces it names fight in), and under a loose spelling ("Phyu" ~
    Phayu of Thailand) only in the story's own countries, not a neighbour's."""
    home = seen.home_countries()
    loose_ok = c.country_code in home if home else not seen.allowed
    return (seen.allows(c.country_code) or _known_abroad(gaz, seen, c, name)) and (c.exact or loose_ok)


def _known_abroad(gaz: Gazetteer, seen: Scene, town: Candidate, name: str) -> bool:
    """A big city under its own name, the one town of note so called, may lie outside the
    countries of the state forces a text names, where it names no country or local group:
    "US troops" fight in Mosul (but "Victoria" has too many namesakes to leave the gate)."""
    if not seen.soft or key(town.name) != key(name) or town.population < BIG_CITY:
        return False
    return not any(
        c.geonameid != town.geonameid and key(c.name) == key(name) and c.population >= 50_000
        for c in gaz.places(name)
    )


def _vouched(seen: Scene, town: Candidate, name: str, rivals: Sequence[Candidate] = ()) -> bool:
    """Whether a text that names no country may put ``name`` at ``town``: under the town's
    own name, as another name of a big city or of a town in a country where the text places
    other towns ("Arbinda" beside Djibo); never by a near spelling or a small town's other
    name that nothing in the text holds to a country ("Eastleigh" of Nairobi is no Orkney of
    South Africa, "Saria" no Sarria of Spain), nor where ``rivals`` abroad of the name are
    as likely (a fifth of its size or more: "Banga" of Chad or of the Philippines)."""
    if seen.allowed or seen.towns_in.get(town.country_code, frozenset()) - {key(name)}:
        return True
    # (a rival under its own name: "Alexandria" is only another name of Mashhad)
    unrivalled = not any(
        r.country_code != town.country_code
        and key(r.name) == key(name)
        and 5 * r.population >= town.population
        for r in rivals
    )
    suffix = name_suffix().match(name)  # "Isiolo South" is Isiolo's constituency
    if key(town.name) in (key(name), key(suffix[1]) if suffix else None):
        return unrivalled
    return town.exact and town.population >= BIG_CITY and unrivalled


def lookup(
    gaz: Gazetteer, name: str, seen: Scene, start: int, end: int, spell: bool = True
) -> tuple[list[Candidate], int]:
    """Towns called ``name``, else (for "Kisumu Central", "Thika Town") the town the name
    starts with, else a town of the story's focus country spelt within an edit of it
    ("Machokos"; in the areas the story names, where it names some; only with ``spell``),
    in the countries of the areas bracketed with it or of the town it is put in, and in
    the first-level area named right after it, if there are any; the int is the least
    geo_precision such a match allows."""
    text = seen.text
    found, floor = gaz.places(name), 1
    home = seen.home_countries()
    if found and home:
        # a town of the story's own country under another spelling of a name that
        # namesakes abroad bear exactly ("Muse" is Myanmar's Mu-se)
        ids = {c.geonameid for c in found}
        found += [c for c in gaz.spelt_like(name) if c.country_code in home and c.geonameid not in ids]
    if len(name) <= 3:  # "San" is a town's own name, not San Diego's nickname
        found = [c for c in found if loose(c.name) == loose(name)]  # "Kef" is El Kef
    suffix = name_suffix().match(name)
    if not found and suffix:
        found, floor = gaz.places(suffix[1]), 1 if suffix[2].lower() in ("town", "city") else 2
    village = re.match(r"\s+(?:village|hamlet)\b", text[end : end + 12], re.IGNORECASE)
    if home and (
        village or re.search(r"\b(?:village|hamlet)\s+of\s+$", text[max(0, start - 20) : start], re.I)
    ):
        # a village is local: not a neighbour's town of its name ("attacked the village of
        # Kaya" in a report from Niger is no Kaya of Burkina Faso) unless the text names that
        # country or its people ("the village of Kutum ... Sudanese civilians")
        found = [c for c in found if c.country_code in home | set(seen.mentions)]
    if area_after().match(text, end):
        floor = max(floor, 2)
    spelt = suffix[1] if suffix else name
    if not found and spell and not village and _misspelt(gaz, spelt):
        # a village is its own place, not a town spelt like it ("Pang Oong" is no Panglong)
        found = _near_spellings(gaz, seen, spelt)
    if village and (opened := opening_area(gaz, text, start)):
        # a village of a sentence that opens on its area lies in it, or is one we cannot find
        # ("In Sagaing Region, ... Nyaung Pin Thar village": not Yangon's of that name)
        found = [c for c in found if (c.country_code, c.admin1_code) in opened]
    held = _held_by(gaz, text, start, end) or town_holder(gaz, text, end, seen.places)
    found = [c for c in found if not held or c.country_code in held]
    found = _near_its_town(gaz, text, end, found)
    owner = _owner(gaz, text, start)
    inside = [c for c in found if (c.country_code, c.admin1_code) in owner or (c.country_code, "") in owner]
    area = held_in(gaz, text, end)
    if area:
        # "Manica (Macomia, Cabo Delgado)": a town of that area, or none (the event then
        # takes the area), never a namesake across the country; but a writer's loose area
        # ("Jbeil, northern Beirut") may hold a town just past its edge
        within = [c for c in inside or found if (c.country_code, c.admin1_code) in area]
        return within or [c for c in inside or found if _by_main_town(gaz, c, area)], floor
    return inside or found, floor


def _by_main_town(gaz: Gazetteer, c: Candidate, areas: set[tuple[str, str]]) -> bool:
    """Whether town ``c`` lies within NEAR_KM of the most populous town of one of
    ``areas`` (country, admin1 code)."""
    for cc, code in areas:
        main = gaz.seat_of_code(cc, code) if cc == c.country_code else None
        if main and distance_km(c.latitude, c.longitude, main.latitude, main.longitude) <= NEAR_KM:
            return True
    return False


# a town spelt one edit off near a town the story places (_closeness of exp(-1): within
# 100 km) may lie outside the areas it names
NEAR_ANCHOR = math.exp(-1.0)


def _near_spellings(gaz: Gazetteer, seen: Scene, spelt: str) -> list[Candidate]:
    """Towns of the story's focus country (else of the countries it names) spelt within an
    edit of ``spelt``, with as many words, in the areas the story names where it names some
    (or near a town it places)."""
    if not seen.home_countries():
        return []
    return [
        c
        for c in gaz.similar(spelt, [seen.focus] if seen.focus else seen.home_countries())
        # (as many words, but for an article: "Fallhjah" is "Al Fallujah")
        if len(loose(c.name).split()) == len(loose(spelt).split())
        and (
            seen.area_named(c.country_code, c.admin1_code)
            or not any(cc == c.country_code for cc, _ in seen.areas)
            or _closeness(c, seen, key(spelt)) >= NEAR_ANCHOR  # "Fallhjah city, 50 km west of Baghdad"
        )
    ]


SPELT = re.compile(r"[A-Z][A-Za-z'’-]*(?: [A-Z][A-Za-z'’-]*){0,2}")


def _misspelt(gaz: Gazetteer, name: str) -> bool:
    """Whether a name no gazetteer row matches may be a place's misspelling worth a near
    match: one to three capitalised words, none a country or its people's ("Syrian
    Observatory" is not, nor a sentence's end run into the next)."""
    return bool(SPELT.fullmatch(name)) and not any(gaz.country(w) for w in name.split())


def _score(c: Candidate, seen: Scene, own: str = "") -> float:
    """Population, then the story's countries and areas, then closeness to its other places."""
    return sum(_score_parts(c, seen, own).values())


def _score_parts(c: Candidate, seen: Scene, own: str = "") -> dict[str, float]:
    return {
        "population": math.log10(c.population + 10),
        "focus": 4.0 * (c.country_code == seen.focus),
        "country named": 2.0 * _country_named(seen, c.country_code, own),
        "area named": 3.0 * seen.area_named(c.country_code, c.admin1_code, own),
        "near": 3.0 * _closeness(c, seen, own),
        "name as written": 0.5 * c.exact,
    }


def _country_named(seen: Scene, cc: str, own: str) -> bool:
    """The country is named in the text, or holds a place of the story other than ``own``."""
    if cc not in seen.mentions:
        return False
    towns = seen.towns_in.get(cc, frozenset())
    return bool(towns - {own}) or seen.mentions[cc] > 2.0 * len(towns)
