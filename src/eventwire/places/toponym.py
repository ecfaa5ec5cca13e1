"""One toponym read: a country, a part of one, a first-level area, a county or district,
a facility or a town (``resolve_name``)."""

from __future__ import annotations

import re
from typing import Literal

from ..gazetteer import Candidate, Gazetteer, key, loose
from ..records import Place
from .build import _country, _in, _named_region, _town_place
from .candidates import _admissible, _closeness, _known_abroad, _nearby_town, _score, _vouched, lookup
from .context import _near_elsewhere, held_in
from .story import Scene
from .words import (
    BIG_CITY,
    _compass,
    _region,
    _strip,
    _table,
    _where_words,
    _with,
    county_name,
    county_word,
    town_nouns,
)


def resolve_name(
    gaz: Gazetteer, seen: Scene, raw: str, start: int, end: int, given: bool, near_spellings: bool = True
) -> Place | None:
    """One toponym: a country, a part of one ("northern Iraq"), a first-level area, a US
    county, a facility or a town. ``given``: the span is known to name a place (a user's or
    a gold span), so a demonym stands for its country and an obscure namesake is accepted."""
    heads, admin_words, relative = _table()
    text = seen.text
    name = _strip(raw)
    start += raw.find(name) if name in raw else 0
    end = start + len(name)
    before = text[max(0, start - 60) : start]
    after = text[end : end + 20].lower()
    place = _country(gaz, name, start, end, demonym=given)
    if place is not None and not seen.towns_in.get(place.country_code):
        # A country no placed town lies in may be a namesake: "Georgia" where Atlanta has
        # been placed in the state of Georgia, "Jordan" among towns of Minnesota.
        own = key(name)
        state = next(
            (
                (cc, n)
                for cc, n in gaz.admin1_named(name, None)
                if cc != place.country_code and seen.area_named(cc, gaz.admin1_code(cc, n) or "", own)
            ),
            None,
        )
        if state is not None:
            place = _admin1(gaz, name, start, end, state[0], worded=True, only=state[0]) or place
        elif seen.focus and place.country_code != seen.focus:
            place = _nearby_town(gaz, seen, name, start, end) or place
    if place is None:  # before "North America" can read as the north of "America"
        place = _named_region(gaz, name, start, end)
    if place is None and _region(name)[1]:
        place = _country(gaz, _region(name)[0], start, end)
    if place is None:
        place = _county(gaz, seen, name, start, end, after)
    if place is None:
        follow = re.match(r"\s*(\w+)", after)
        ahead = re.search(r"\b(\w+)\s+of\s+$", before)
        worded = (follow and follow[1] in admin_words) or (ahead and ahead[1].lower() in admin_words)
        # "the southern town of Kebili", "Kebili town": the town, not the governorate
        called = (ahead and ahead[1].lower() in town_nouns()) or (follow and follow[1] in town_nouns())
        place = None if called and not worded else _admin1(gaz, name, start, end, seen, worded=bool(worded))
        bare, _, word = name.rpartition(" ")
        # "Soum province" as one name (not "Bay county" of "Homa Bay county"; "In Soum
        # province", "Burkina Faso's Soum province" are)
        prior = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, start - 30) : start])
        opening = prior is not None and prior[1].lower() in _where_words() | {"the"}
        lone = prior is None or prior[1].endswith(("'s", "’s")) or opening
        if place is None and bare and word.lower() in admin_words and lone:
            place = _admin1(gaz, bare, start, end, seen, worded=True, spelt=True)
        part, told = _region(name)
        if place is None and told and part.rpartition(" ")[2].lower() in admin_words:
            # "Southern Shan State": a part of the area, as the tagger spans it
            place = _admin1(gaz, part, start, end, seen, worded=True)
    if (
        place is not None
        and place.kind in ("country", "admin1", "admin2")
        and _near_elsewhere(gaz, text, end, {place.country_code})
    ):
        place = None  # "Lucerne near Wajir" is a hamlet by Wajir, not a Swiss canton
    if place is None:
        place = _facility_or_town(gaz, name, start, end, seen, heads, given, near_spellings)
    if place is None:
        place = _county(gaz, seen, name, start, end, after, bare=True)
    if place is not None and relative.search(before) and place.precision < 2:
        place = _with(place, precision=2)
    if place is not None and not given and place.kind != "country" and not seen.allows(place.country_code):
        town = gaz.by_id(place.geonameid) if place.kind == "city" and place.geonameid else None
        if town is None or not _known_abroad(gaz, seen, town, name):
            return None
    return place


def unsupported_abroad(seen: Scene, best: Candidate, town: str) -> bool:
    """Whether ``best``, the likeliest town called ``town``, lies outside the story's focus
    country with nothing else in the text for its country: an obscure namesake abroad is
    likelier a misread word than a place of the story, and the first reading of this very
    name does not vouch for its country. A big city abroad counts only under its own name,
    not a nickname ("Kaakong", Shaoguan)."""
    cc = best.country_code
    support = seen.mentions.get(cc, 0.0) - (2.0 if key(town) in seen.towns_in.get(cc, frozenset()) else 0.0)
    # (its name as transliterated either way is its own: "Raqqa", Ar Raqqah)
    own_name = loose(best.name) == loose(town)
    # (a focus the text only says whose things are, "a convoy of U.S. special forces", is
    # no place of the story: it vetoes no town named in its own name, "south of Ouallam";
    # one its local groups imply, "the Jubilee party", is)
    placed = (
        seen.focus in seen.named
        or bool(seen.towns_in.get(seen.focus))
        or seen.mentions.get(seen.focus, 0.0) >= 1.0
        or (bool(seen.allowed) and not seen.soft)
    )
    return (
        bool(seen.focus)
        and (placed or not own_name)
        and cc != seen.focus
        and support <= 0
        and (best.population < BIG_CITY or not own_name)
    )


def towns_abroad(gaz: Gazetteer, seen: Scene, names: list[tuple[int, int]]) -> dict[str, frozenset[str]]:
    """Countries where two or more of the unplaced ``names`` (spans) have their likeliest
    town -> those names, when the story's focus rests only on whose things
    are named ("Pakistani currency" recovered in Kupwara): the towns say where the story
    is better than a demonym does. A focus the text names as a place keeps its veto."""
    if seen.named or max(seen.mentions.values(), default=0.0) >= 1.0:
        return {}
    votes: dict[str, set[str]] = {}
    for start, end in names:
        town = seen.text[start:end]
        candidates = [c for c in lookup(gaz, town, seen, start, end, False)[0] if seen.allows(c.country_code)]
        if candidates:
            best = max(candidates, key=lambda c: _score(c, seen, key(town)))
            if best.country_code != seen.focus:
                votes.setdefault(best.country_code, set()).add(key(town))
    return {cc: frozenset(towns) for cc, towns in votes.items() if len(towns) >= 2}


def _admin1(
    gaz: Gazetteer,
    name: str,
    start: int,
    end: int,
    seen: Scene | str,
    worded: bool = True,
    only: str = "",
    spelt: bool = False,
) -> Place | None:
    """A first-level area: with an admin word ("Borno state", "the province of Kirkuk")
    whenever the name is one; bare ("Louisiana") only in a country the article is about and
    when no town of 100,000 or more there bears the name ("Kirkuk" is the city). ``spelt``:
    the name was written with its area word in one span ("Soum province"), so a short one
    is no abbreviation."""
    focus = seen.focus if isinstance(seen, Scene) else seen
    mentions = seen.mentions if isinstance(seen, Scene) else {}
    options = gaz.admin1_named(name, only or None)
    if isinstance(seen, Scene):
        options = [o for o in options if seen.allows(o[0])]
        if area := held_in(gaz, seen.text, end):  # "Rafah (Rafah, North Sinai)": no area of Gaza
            options = [o for o in options if (o[0], gaz.admin1_code(o[0], o[1])) in area]
        if not options and worded:  # "Zambesia", "Shane State": an area of the story's country
            options = gaz.similar_admin1(name, [only] if only else seen.home_countries())
    # the story's country first, then a name as written before a looser match ("Lamu" of
    # Kenya, not "Laamu" of the Maldives)
    # (of one country's names, the index's own first: "South Kordofan" is its Southern Kordofan)
    options.sort(
        key=lambda o: (
            o[0] != focus,
            -mentions.get(o[0], 0.0),
            gaz.admin1_code(o[0], o[1]) is None,
            key(o[1]) != key(name),
            o,
        )
    )
    if not options:
        return None
    cc, admin = options[0]
    if (
        focus
        and cc != focus
        # (unless the text names the area's country: "Shakhove in Donetsk Oblast" in a story
        # Russia's army tells is Ukraine's province, not Russia's town of Donetsk)
        and not (worded and isinstance(seen, Scene) and cc in seen.named)
        and any(c.country_code == focus and key(c.name) == key(name) for c in gaz.places(name))
    ):
        return None  # "Beni territory" in a story from Goma: the Congolese town's, not Bolivia's Beni
    dotted = name.endswith(".") or (isinstance(seen, Scene) and seen.text[end : end + 1] == ".")
    short = len(name.rstrip(".")) <= 4 and key(name) != key(admin) and not dotted
    if short and not (spelt and (cc, admin) in gaz.admin1_named(name, cc, exact=True)):
        return None  # "Kan Paing Chaung village": an abbreviation ("Kan.") only with its dot
    if not worded:
        if mentions and cc not in mentions and cc != focus:
            return None
        if isinstance(seen, Scene) and not seen.allowed and _compass(name):
            return None  # a text that names no country: "South" ("Imenti South") is no area
        if any(c.country_code == cc and c.population >= BIG_CITY for c in gaz.places(name)) or not (
            gaz.admin1_code(cc, admin) or gaz.places(admin)
        ):
            return None  # "Jerusalem" is the city; an area we cannot place is left to the towns
        code = gaz.admin1_code(cc, admin)
        if key(name) != key(admin) and any(
            c.country_code == cc and c.admin1_code == code for c in gaz.places(name)
        ):
            return None  # "Jenin", one of the names of a merged area ("West Bank"), and a town of it
    seat = gaz.admin1_seat(cc, admin)
    return _in(
        gaz,
        cc,
        start,
        end,
        name,
        admin,
        "admin1",
        admin,
        seat.geonameid if seat else None,
        seat.latitude if seat else None,
        seat.longitude if seat else None,
        3,
        seat.population if seat else 0,
    )


def _county(
    gaz: Gazetteer, seen: Scene, name: str, start: int, end: int, after: str, bare: bool = False
) -> Place | None:
    """A second-level area: a US county ("Rapides Parish", "Orange County"), a district or
    LGA ("Gwoza LGA"), in a state the article names if it names one of the candidates'
    states. ``bare``: the name has no such word ("Cambridgeshire"), so only an area in a
    country of the story will do."""
    word = county_word().match(after)
    if not (county_name().match(name) or word or bare):
        return None
    stem = county_name().match(name)
    found = gaz.counties(name) or gaz.counties(stem[1] if stem else f"{name} county")
    found = [f for f in found if seen.allows(f.country_code)]
    homes = {cc for cc, _ in gaz.admin1_named(stem[1] if stem else name, None)} & (seen.named | {seen.focus})
    if homes and not any(f.country_code in homes for f in found):
        return None  # "Meru County": a first-level area of Kenya, not Tanzania's Meru district
    # (the first reading is stored under the whole span, "Bijapur district": it must not
    # vouch for itself in the second)
    own = key(seen.text[start : end + word.end()] if word and not county_name().match(name) else name)
    if bare:
        if re.match(r"\s*(?:village|town|hamlet|settlement)\b", after):
            return None  # "Njaba village" is no district, whatever district bears its name
        # (a story that names no country at all may name a district that only one has:
        # "an operation in North Waziristan"; a short name is too likely a word or a person)
        alone = (
            not seen.mentions
            and not seen.focus
            and len(name) >= 6
            and len({f.country_code for f in found}) == 1
        )
        found = [f for f in found if alone or f.country_code in seen.mentions or f.country_code == seen.focus]
    # where the story names areas of that country (other than the district's own, read
    # first), one of them holds the district: "youths from Bassa LGA" in a story of Plateau
    # State is not Kogi's Bassa, the one the index knows
    found = [
        f
        for f in found
        if not any(cc == f.country_code and seen.area_named(cc, code, own) for cc, code in seen.areas)
        or seen.area_named(f.country_code, f.admin1_code, own)
    ]
    if not found:
        return None
    best = max(
        found,
        key=lambda f: (
            3.0 * seen.area_named(f.country_code, f.admin1_code, own)
            + 3.0 * _closeness((f.latitude, f.longitude), seen, own)
            + 2.0 * (f.country_code == seen.focus)
        ),
    )
    lat, lon = best.latitude, best.longitude
    nearby = [
        (a[1], a[2]) for a in seen.anchors if a[3:] == (best.country_code, best.admin1_code) and a[0] != own
    ]
    # a county placed only at its state's middle lies among the story's towns of that state
    if not best.own and nearby:
        lat, lon = sum(p[0] for p in nearby) / len(nearby), sum(p[1] for p in nearby) / len(nearby)
    if word and not county_name().match(name):  # "Rapides" tagged alone: the toponym is "Rapides Parish"
        end += word.end()
        name = seen.text[start:end]
    admin1 = gaz.admin1_name(best.country_code, best.admin1_code)
    # ACLED codes a district to its town, or the middle of its towns, at precision 2; a US
    # county whose towns the index does not know lies at the middle of its state's towns
    # and says no more than the state
    told = 3 if not (best.own or nearby) else 2
    return _in(gaz, best.country_code, start, end, name, best.name, "admin2", admin1, None, lat, lon, told)


def _facility_or_town(
    gaz: Gazetteer,
    name: str,
    start: int,
    end: int,
    seen: Scene,
    heads: dict[str, int],
    given: bool,
    near_spellings: bool = True,
) -> Place | None:
    precision, town = 1, name
    kind: Literal["city", "facility"] = "city"
    lowered = name.lower()
    for head, prec in sorted(heads.items(), key=lambda h: -len(h[0])):
        if lowered.endswith(" " + head) or lowered.startswith(head + " "):
            town = (
                name[: len(name) - len(head)].strip() if lowered.endswith(head) else name[len(head) :].strip()
            )
            precision, kind = prec, "facility"
            break
    # (towns one edit away, in the story's country, only with near_spellings)
    candidates, floor = lookup(gaz, town, seen, start, end, near_spellings) if town else ([], 1)
    if not given:
        # a loose spelling ("Phyu" ~ Phayu) only in the story's own countries: a
        # neighbour's namesake is a misreading
        candidates = [c for c in candidates if _admissible(gaz, seen, c, town)]
    precision = max(precision, floor)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: _score(c, seen, key(town)))
    if not given and unsupported_abroad(seen, best, town):
        return None
    if not given and not _vouched(seen, best, town, candidates):
        return None
    return _town_place(gaz, best, start, end, name, kind, precision)
