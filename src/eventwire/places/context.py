"""What the words around a name say of where it lies: the areas in brackets after it
("Palma (Palma, Cabo Delgado)"), the area after a comma or "in", a town it is put near
("Lucerne near Wajir"), a possessive owner ("Chhattisgarh's Bijapur"), a relative cue."""

from __future__ import annotations

import re
from functools import cache

from .. import tables
from ..gazetteer import Candidate, Gazetteer, distance_km
from .words import _admin_words, _table, _where_words, settlement_words, town_nouns


@cache
def _town_comma() -> re.Pattern[str]:
    """A name, with or without an area word ("Soum province"), and a comma, ending a text."""
    return re.compile(rf"[A-Z][\w'’-]+(?:\s+(?:{_admin_words()}))?,\s+$")


def _after_a_town(text: str, start: int) -> bool:
    """A name after "Gao, " or "Soum province, " is the country that holds the place,
    whatever the tagger calls it ("in Gao, Mali" with Mali as a person)."""
    return bool(_town_comma().search(text[max(0, start - 40) : start]))


STATE_AFTER_TOWN = re.compile(r"[A-Z][a-z]+,\s+((?:[A-Z]\.){2}|[A-Z][a-z]{1,4}\.)")


# "Ngouboua (Lac, Mamdi)", "Palma (Palma, Cabo Delgado)": a place and, in brackets, the
# areas that hold it, as ACLED's notes and many agency reports write them
CONTAINER = re.compile(r"(?<=[A-Za-z.)])\s\(([A-Z][^()\d\n]{1,80}?)\)")


AREA_PART = re.compile(r"[A-Z][\w'’.-]*(?:[ -](?:(?:de|da|do|du|el|al|la)[ -])?[A-Z][\w'’.-]*){0,4}")


# ", Shan State", " in Diyala province", " district of Tete province", " area in the
# government-controlled province of Dhale": the area named right after a place holds it
HELD_AFTER = re.compile(
    r"(?:\s+(?i:area|town|village|city))?"
    r"(?:\s+in\s+the\s+(?:[\w-]+\s+){0,2}(?:province|governorate|state|region)\s+of\s+"
    r"|,\s+|\s+in\s+(?:the\s+)?|\s+(?:district|county|township|area|region)\s+of\s+(?:the\s+)?)"
    r"(?:(?:northern|southern|eastern|western|central)\s+)?"
    # (atomic: a list item is no container, not even a word of it cut short, "Tennesse")
    r"((?>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}))"
    r"(?!\s*,?\s*(?:and|or)\b|,\s*[A-Z])"  # "the Diffa, Tillaberi, and Tahoua regions": a list
)


def held_in(gaz: Gazetteer, text: str, end: int) -> set[tuple[str, str]]:
    """(country, admin1 code) of the first-level area the text puts the place ending at
    ``end`` in, right after naming it: the last area of its brackets ("Rafah (Rafah, North
    Sinai)", "Mbale Town (Wundanyi/Mbale, Taita Taveta)"), or one after a comma, "in" or
    "district of", or after it inside the brackets that hold it ("Mbale" of "(Wundanyi/
    Mbale, Taita Taveta)"); empty when it names none."""
    word = SETTLEMENT_WORD.match(text, end)
    m = CONTAINER.match(text, word.end() if word else end)
    holding = [
        b for b in CONTAINER.finditer(text, max(0, end - 100), end + 100) if b.start(1) < end <= b.end(1)
    ]
    if m is not None:
        parts = [name for _, _, name in reversed(_parts(m))]
    elif holding:
        parts = [name for start, _, name in reversed(_parts(holding[0])) if start > end]
    else:
        after = HELD_AFTER.match(text, end) or _comma_in(text, end)
        parts = [after[1]] if after else []
    for name in parts:
        if found := _area_named(gaz, name):
            return found
    return set()


def _area_named(gaz: Gazetteer, name: str) -> set[tuple[str, str]]:
    """(country, admin1 code) of the first-level areas ``name`` names, with or without its
    area word ("Shan State", "Diffa"); empty for a country's name ("Diffa, Niger" names the
    country, not Nigeria's Niger State)."""
    words = name.split()
    stem = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in _table()[1] else name
    if stem == name and gaz.country(name):
        return set()
    pairs = {(cc, gaz.admin1_code(cc, area) or "") for cc, area in gaz.admin1_named(stem, None)}
    return {(cc, code) for cc, code in pairs if code}


# " Town, in Bago Region": an area after a comma and "in", when its area word says it is one
# ("in Kirkuk, in Mosul, in Basra" lists towns)
COMMA_IN = re.compile(
    r"(?:\s+(?i:area|town|village|city))?,\s+in\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central)\s+)?"
    r"((?>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}))(?:\s+(\w+))?"
)


def _comma_in(text: str, end: int) -> re.Match[str] | None:
    """The area told after the place ending at ``end`` by ", in", if it has its area word."""
    m = COMMA_IN.match(text, end)
    if m is None:
        return None
    last = m[1].split()[-1].lower()
    return m if last in _table()[1] or (m[2] or "").lower() in _table()[1] else None


SETTLEMENT_WORD = re.compile(r"\s+(?i:town|village|city|area)\b")  # "Mbale Town (...)"


# "Salima village in Laisamis sub county", "Kibera in Nairobi": the town named right after
# a place and "in" holds it (not after a comma, which also lists towns: "Nairobi, Mombasa")
IN_TOWN = re.compile(
    r"(?:\s+(?i:area|town|village|hamlet|locality|neighbou?rhood|estate))?\s+in\s+(?:the\s+)?"
    r"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3})"
)


def town_holder(gaz: Gazetteer, text: str, end: int, places: frozenset[int]) -> set[str]:
    """The countries of the town the text puts the place ending at ``end`` in ("Salima
    village in Laisamis sub county" lies in Kenya, not in Malawi); empty when the name after
    "in" is tagged no place (``places``: where the tagged places start; "in May"), is no
    town, or is a country or a first-level area (which ``held_in`` reads)."""
    m = IN_TOWN.match(text, end)
    if m is None or m.start(1) not in places:
        return set()
    name = m[1]
    if gaz.country(name) or gaz.admin1_named(name, None):
        return set()
    return {c.country_code for c in gaz.places(name) if c.exact}


def told_in(text: str, end: int, town: int) -> bool:
    """Whether the text puts the name ending at ``end`` in the place starting at ``town``
    ("Salima village in Laisamis")."""
    m = IN_TOWN.match(text, end)
    return m is not None and m.start(1) == town


def containers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each area named in brackets after a place."""
    return [part for m in CONTAINER.finditer(text) for part in _parts(m)]


def _parts(m: re.Match[str]) -> list[tuple[int, int, str]]:
    # ("(Wundanyi/Mbale, Taita Taveta)": a slash joins two names of one level, as a comma
    # does names of the levels above)
    names = [
        (m.start(1) + p.start() + len(p[0]) - len(p[0].lstrip()), p[0].strip())
        for p in re.finditer(r"[^,/]+", m[1])
    ]
    if not all(AREA_PART.fullmatch(n) for _, n in names):
        return []
    return [(start, start + len(n), n) for start, n in names]


def _held_by(gaz: Gazetteer, text: str, start: int, end: int) -> set[str]:
    """The countries of the areas named in brackets with a place: after it ("Palma (Palma,
    Cabo Delgado)" lies in Mozambique, not in Majorca) or beside it inside them; empty when
    there are none."""
    word = SETTLEMENT_WORD.match(text, end)
    m = CONTAINER.match(text, word.end() if word else end)
    inside = [
        b for b in CONTAINER.finditer(text, max(0, start - 100), end + 100) if b.start(1) <= start < b.end(1)
    ]
    found = m or (inside[0] if inside else None)
    if found is None:
        return set()
    held: set[str] = set()
    seats: set[str] = set()
    for a, _, name in _parts(found):
        if a != start:
            country = gaz.country(name)
            held.update([country[0]] if country else [cc for cc, _ in gaz.admin1_named(name, None)])
            if _district_like(name):
                seats.update(c.country_code for c in gaz.places(name) if c.exact)
    # with no area, a district named after its seat, as ACLED writes it: "Koko (Mocimboa Da
    # Praia)" is in the seat's country when only one country has a town of that name
    return held or (seats if len(seats) == 1 else set())


@cache
def _place_run() -> re.Pattern[str]:
    """A run of place names and the words that join them ("), Minbya Township, Rakhine
    State"): names, the table's settlement and area words, "in", "of", "the"."""
    words = "|".join(map(re.escape, sorted(settlement_words() | _table()[1] | {"in", "of", "the"})))
    return re.compile(rf"(?:[\s,()]+|[A-Z][\w'’-]*|(?i:{words})\b)*")


def told_inside(text: str, end: int, area: int) -> bool:
    """Whether only place names and the words that join them stand between the place
    ending at ``end`` and the area starting at ``area``: the area holds it ("Kutkai
    township, Shan State", "Meiktila town (Meiktila Township, Mandalay Region)")."""
    return end <= area and _place_run().fullmatch(text, end, area) is not None


@cache
def _area_worded() -> re.Pattern[str]:
    """A name and its area word ("Rakhine State", "Cabo Delgado province")."""
    return re.compile(rf"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){{0,3}})\s+(?i:{_admin_words()})\b")


def _district_like(name: str) -> bool:
    """A bracketed name that may be a district: not a group's short name ("Boko Haram (JAS)")."""
    return not name.isupper() and len(name) >= 4


# (or joined by a hyphen the tagger split at: "Ouham-Pendé")
CONTINUED = re.compile(r"(?:\s+(?:(?:do|da|de|dos|das|del|di|du|la|el|al)\s+)?|-)[A-Z][\w'’-]+")


@tables.made_from_tables
@cache
def _town_or_where() -> re.Pattern[str]:
    """ "the town of ", "in ", "near " ending a text: the name after it says whereabouts."""
    preps = "|".join(map(re.escape, sorted(_where_words())))
    towns = "|".join(map(re.escape, sorted(town_nouns())))
    return re.compile(rf"\b(?:(?:{towns})\s+of|{preps})\s+$", re.IGNORECASE)


TOWN_AFTER = re.compile(r"\s*(?:town|city\b|,\s+(?:the\s+)?(?:\w+\s+)?capital)", re.IGNORECASE)


def told_near(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, right before a toponym, puts something near it by one of
    ``relative_cues`` ("village near ", ", about 30 km north of ")."""
    m = _table()[2].search(text[start:end])
    return m is not None and FILLER.fullmatch(text[start : start + m.start()]) is not None


# what may stand between a name and the cue that ties it to a town ("Kalimbo village, near")
FILLER = re.compile(
    r"(?:\s+(?:village|hamlet))?\s*,?\s*(?:(?:located|situated)\s+)?(?:(?:about|some|around|nearly)\s+)?"
)


NEAR_AFTER = re.compile(
    # ("Geneva village near Garissa", "Geneva, a hamlet near Garissa")
    r"(?:\s+(?:village|hamlet)|\s*,\s*(?:a|the)\s+(?:\w+\s+)?(?:village|hamlet|settlement))?"
    r"\s*,?\s+(?:near|outside|close\s+to)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\b(?!\s+(?:border|frontier|state|province|region))"
)


NEAR_KM = 100.0  # "X near Y": a namesake of X farther from every Y is another place


def _town_after(gaz: Gazetteer, text: str, end: int) -> list[Candidate]:
    """The towns called by the name the text puts the place ending at ``end`` near."""
    m = NEAR_AFTER.match(text, end)
    return gaz.places(m[1]) if m else []


def _near_elsewhere(gaz: Gazetteer, text: str, end: int, countries: set[str]) -> bool:
    """Whether the text puts the name ending at ``end`` near a town that lies in none of
    ``countries``: "Lucerne near Wajir" is no canton of Switzerland (an area is another
    country's only then: "Tillaberi near Niamey" is the region beside the capital)."""
    towns = _town_after(gaz, text, end)
    return bool(towns) and not any(t.country_code in countries for t in towns)


def _near_its_town(gaz: Gazetteer, text: str, end: int, found: list[Candidate]) -> list[Candidate]:
    """The towns of ``found`` near the town the text puts the name near ("Lucerne near
    Wajir" is a hamlet by Wajir, not Switzerland's Lucerne); all of them when the text
    names no such town or the gazetteer knows none by its name."""
    towns = _town_after(gaz, text, end)
    if not towns:
        return found
    return [
        c
        for c in found
        if any(distance_km(c.latitude, c.longitude, t.latitude, t.longitude) <= NEAR_KM for t in towns)
    ]


OWNER = re.compile(r"([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})['’]s\s+$")


# "In Sagaing Region, militiamen raided Nyaung Pin Thar village": the area a sentence opens on
OPENING_AREA = re.compile(
    r"(?:^|[.!?]\s+|\n)In\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),"
)


def opening_area(gaz: Gazetteer, text: str, start: int) -> set[tuple[str, str]]:
    """The first-level area the sentence of the name starting at ``start`` opens on ("In
    Sagaing Region, ..."), as (country, admin1 code) pairs; empty when it opens on none."""
    # (from the stop or line break that ends the sentence before, else from the text's start)
    m = OPENING_AREA.match(text, max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), 0))
    return set() if m is None or m.end() > start else _area_named(gaz, m[1])


def _owner(gaz: Gazetteer, text: str, start: int) -> set[tuple[str, str]]:
    """The areas a possessive before the name puts it in ("Chhattisgarh's Bijapur" is not
    the Bijapur of Karnataka), as (country, admin1 code) pairs; code "" for a country."""
    m = OWNER.search(text, max(0, start - 50), start)
    if m is None:
        return set()
    words = m[1].split()
    for n in range(len(words) - 1, -1, -1):  # "In Chhattisgarh's": the owner ends the phrase
        name = " ".join(words[n:])
        country = gaz.country(name)
        if country is not None and country[1] == "name":
            return {(country[0], "")}
        pairs = {(cc, gaz.admin1_code(cc, a)) for cc, a in gaz.admin1_named(name, None)}
        if found := {(cc, code) for cc, code in pairs if code}:
            return found
    return set()
