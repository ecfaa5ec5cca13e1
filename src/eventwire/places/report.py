"""What a user reads of each toponym (``records``) and why it reads so (``explain``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..gazetteer import Candidate, Gazetteer, key
from ..records import Parsed, Place
from .build import acled_admin1, point
from .candidates import _admissible, _near_spellings, _score, _score_parts
from .context import NEAR_AFTER, NEAR_KM, _near_its_town, _owner, _town_after, held_in, town_holder
from .recognise import find, resolve
from .story import Scene, scene, settle
from .toponym import unsupported_abroad
from .untagged import is_quarter
from .words import _strip, name_suffix

FEATURES = {
    "city": "PPL",
    "facility": "PPL",
    "admin1": "ADM1",
    "admin2": "ADM2",
    "country": "PCLI",
    "region": "RGN",
}


def record(
    place: Place | None, gaz: Gazetteer, span: tuple[int, int, str], mention: str = "place"
) -> dict[str, object]:
    """What a user reads of one toponym: the span, what it resolved to and where that is;
    an unresolved span keeps its offsets and text with ``resolved: false``."""
    start, end, text = span
    out: dict[str, object] = {"start": start, "end": end, "text": text, "mention": mention}
    if place is None:
        return {**out, "resolved": False}
    spot = point(place, gaz)
    return {
        **out,
        "resolved": True,
        "name": place.name,
        "kind": place.kind,
        "geonameid": place.geonameid if place.kind in ("city", "facility") else None,
        "latitude": round(spot[0], 5) if spot else None,
        "longitude": round(spot[1], 5) if spot else None,
        "country": place.country_code,
        "admin1": acled_admin1(place.country_code, place.admin1),
        "feature_code": FEATURES[place.kind] if place.name not in CONTINENTS else "CONT",
        "geo_precision": place.precision,
    }


CONTINENTS = ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica")


def records(
    parsed: Parsed, gaz: Gazetteer, spans: list[tuple[int, int]] | None = None, why: bool = False
) -> list[dict[str, object]]:
    """Every toponym of an article (places, demonyms, unresolved place names) in text order,
    or, given ``spans``, those spans resolved; with ``why``, each with the reasons its
    reading was chosen (``explain``)."""
    text = parsed.article.text
    gaz = gaz.reading(text)
    if spans is not None:
        found = resolve(parsed, spans, gaz)
        placed = [p for p in found if p is not None]
        out = [record(p, gaz, (s, e, text[s:e])) for (s, e), p in zip(spans, found, strict=True)]
    else:
        topo = find(parsed, gaz)
        placed = list(topo.places)
        out = [
            record(p, gaz, (p.start, p.end, p.text), "reference" if p in topo.references else "place")
            for p in topo.places
        ]
        out += [record(p, gaz, (p.start, p.end, p.text), "demonym") for p in topo.demonyms]
        out += [record(None, gaz, span) for span in topo.unresolved]
    if why:  # the scene the second reading saw, rebuilt only for the reasons
        seen = settle(gaz, scene(parsed, gaz), placed)
        seen = replace(seen, allowed=frozenset()) if spans is not None else seen
        out = [{**r, "why": explain(gaz, seen, r, given=spans is not None)} for r in out]
    return sorted(out, key=lambda r: (int(str(r["start"])), int(str(r["end"]))))


def _listed(towns: Sequence[Candidate]) -> str:
    return ", ".join(f"{c.name} ({c.country_code})" for c in towns[:5])


def explain(gaz: Gazetteer, seen: Scene, row: dict[str, object], given: bool = False) -> str:
    """Why a toponym reads as it does, for a user fixing a wrong place: the story's countries
    and the gate they set, how the name matched, the namesakes the gate or a containing
    area left out, and how the towns of the name scored (population, focus country, named
    country, named area, nearness to the story's other places). ``given``: the span was
    given as a place, which no gate holds."""
    start, end = int(str(row["start"])), int(str(row["end"]))
    name = _strip(str(row["text"]))
    said = ", ".join(sorted(seen.named)) or "none"
    gate = ", ".join(sorted(seen.allowed)) if seen.allowed else "open (no country named or implied)"
    if given:
        gate = "none (a span given as a place)"
    parts = [f"focus {seen.focus or 'none'}; named {said}; gate {gate}"]
    towns, how = gaz.places(name), "its name"
    suffix = name_suffix().match(name)
    if not towns and suffix:
        towns, how = gaz.places(suffix[1]), f"its name without '{suffix[2]}'"
    if not towns and seen.home_countries():
        towns, how = _near_spellings(gaz, seen, suffix[1] if suffix else name), "one edit from its name"
    if towns:
        parts.append(f"towns by {how}: {len(towns)}")
    abroad = [c for c in towns if not seen.allows(c.country_code)]
    if abroad:
        parts.append("left out by the gate: " + ", ".join(f"{c.name} ({c.country_code})" for c in abroad[:5]))
    loosely = [c for c in towns if seen.allows(c.country_code) and not _admissible(gaz, seen, c, name)]
    if loosely and not given:
        parts.append("spelt so only outside the story's countries: " + _listed(loosely))
    if (m := NEAR_AFTER.match(seen.text, end)) and _town_after(gaz, seen.text, end):
        far = [c for c in towns if c not in _near_its_town(gaz, seen.text, end, towns)]
        parts.append(
            f"told near {m[1]}" + (f"; over {NEAR_KM:.0f} km from it: {_listed(far)}" if far else "")
        )
    if not row.get("resolved") and not seen.allowed and not given:
        rivals = [c for c in towns if key(c.name) == key(name)]
        if len({c.country_code for c in rivals}) > 1:
            parts.append("namesakes in several countries, and the text names none: " + _listed(rivals))
    if is_quarter(str(row.get("name", ""))):
        parts.append(f"a part of {str(row['name']).split(' - ')[0]} the gazetteer does not know")
    area = held_in(gaz, seen.text, end)
    if area:
        held = [f"{gaz.admin1_name(cc, code)} ({cc})" for cc, code in sorted(area)]
        parts.append("held in " + ", ".join(held))
    holders = town_holder(gaz, seen.text, end, seen.places)
    if holders:
        parts.append("put in a town of " + ", ".join(sorted(holders)))
    owner = _owner(gaz, seen.text, start)
    if owner:
        parts.append("owned by " + ", ".join(gaz.admin1_name(cc, code) or cc for cc, code in sorted(owner)))
    town = row.get("kind") in ("city", "facility") or not row.get("resolved")
    own = key(name)
    kept = sorted(
        (c for c in towns if seen.allows(c.country_code) and (not holders or c.country_code in holders)),
        key=lambda c: -_score(c, seen, own),
    )
    kept = kept if town else []  # a country's or an area's reading: no town was in the running
    for c in kept[:3]:
        score = _score_parts(c, seen, own)
        terms = " + ".join(f"{k} {v:.1f}" for k, v in score.items())
        where = gaz.admin1_name(c.country_code, c.admin1_code) or "?"
        parts.append(f"{c.name} ({c.country_code}, {where}) score {sum(score.values()):.1f} = {terms}")
    if row.get("resolved"):
        parts.append(
            f"read as {row['kind']} {row['name']} ({row['country']}), precision {row['geo_precision']}"
        )
    elif holders and towns and not kept:
        parts.append("unresolved: none of its towns lies in the country of the town that holds it")
    elif abroad and not kept:
        parts.append("unresolved: no reading in the story's countries")
    elif kept and unsupported_abroad(seen, kept[0], name):
        parts.append(
            f"unresolved: its likeliest town lies in {kept[0].country_code}, outside the story's focus "
            f"{seen.focus}, and nothing else in the text places the story there"
        )
    elif towns:
        parts.append("unresolved: none of its towns fits the story")
    else:
        parts.append("unresolved: no place of this name in the gazetteer")
    return "; ".join(parts)
