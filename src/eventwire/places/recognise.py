"""Every toponym of an article (``find``) or of given spans (``resolve``): two readings of
the tagged names, then the names the tagger missed, one sense per name, and the areas and
countries the places are told in."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import replace

from ..actors.names import actor_keys
from ..gazetteer import Gazetteer, key, open_gazetteer
from ..nlp import dateline, round_up_items
from ..records import Entity, Parsed, Place
from .build import Toponyms, _code, _country, _town_place
from .context import (
    CONTINUED,
    TOWN_AFTER,
    _area_worded,
    _district_like,
    _place_run,
    _town_or_where,
    containers,
    held_in,
)
from .story import Scene, _formal_names, _names_a_thing, scene, settle, whole_town
from .toponym import _admin1, _facility_or_town, resolve_name, towns_abroad
from .untagged import _capitals, _modifiers, _quarters, _the_town, _unlabelled
from .words import BIG_CITY, PLACE_LABELS, _context_words, _overlaps, _strip, _table, _tokens_in, _with


def find(parsed: Parsed, gaz: Gazetteer | None = None) -> Toponyms:
    """Recognise and resolve the toponyms of an article.

    parsed (Parsed): the nlp stage's output. gaz (Gazetteer): defaults to the cached index.
    RETURNS (Toponyms): places in text order, focus country, dateline end.
    """
    gaz = (gaz or open_gazetteer()).reading(parsed.article.text)
    named = seen = scene(parsed, gaz)
    actor_names = actor_keys()
    spans = [
        (e.start, e.end)
        for e in parsed.ents
        if e.label in PLACE_LABELS
        and _strip(e.text).lower() not in actor_names
        and not e.text.islower()  # "the canton of Delbian": a common noun, not Canton
    ]
    spans = [whole_town(gaz, seen.text, s) for s in spans]
    spans = [s for s in _joined(gaz, seen.text, spans) if not _names_a_thing(parsed, *s)]
    read = _pass(gaz, seen, spans, given=False)
    first = [p for p in read if p is not None]
    votes = towns_abroad(gaz, seen, [s for s, p in zip(spans, read, strict=True) if p is None])
    named = _counted(seen, votes)
    seen = _counted(settle(gaz, seen, first), votes)
    second = _pass(gaz, seen, spans, given=False)
    out = [p for p in second if p is not None]
    out.extend(_names_elsewhere(parsed, gaz, seen, out, actor_names))
    out.extend(_dateline(gaz, seen, out))
    out.extend(_item_labels(gaz, seen, out))
    out.extend(_unlabelled(parsed, gaz, seen, out, _table()[2]))
    out.extend(_modifiers(parsed, gaz, seen, out))
    out.extend(_contained(gaz, seen, [(p.start, p.end) for p in out]))
    out = [p for p in out if not _outranked(gaz, seen.text, p)]
    out.extend(_capitals(parsed, gaz, seen.focus, [(p.start, p.end) for p in out]))
    out = [p for p in out if not _names_a_thing(parsed, p.start, p.end)]
    out = _seats(seen.text, _one_sense(gaz, seen, _longer(gaz, seen, out)))
    # (not inside an actor's name: "the Tigray Army" after "in Tigray")
    named_actors = [(e.start, e.end) for e in parsed.ents if _strip(e.text).lower() in actor_names]
    out.extend(_same_name(seen.text, out, named_actors))
    out = _outside_the_area_told(parsed, out)
    # (a place left out so is unresolved: its event takes the places the text does give)
    home = _one_country(gaz, seen.dateline, out) if not seen.allowed else frozenset()
    abroad = [p for p in out if home and p.kind != "country" and p.country_code not in home]
    out = [p for p in out if p not in abroad]
    out = [_town_area(seen.text, p) for p in out]
    taken = [(p.start, p.end) for p in out]
    missing = tuple(
        (s, e, seen.text[s:e])
        for (s, e), p in zip(spans, second, strict=True)
        if p is None and not _overlaps(taken, s, e)
    ) + tuple((p.start, p.end, p.text) for p in abroad)
    out.sort(key=lambda p: p.start)
    out = _short_names(out)
    out = _name_admin1(gaz, out)
    quarters, unplaced = _quarters(parsed, gaz, out)
    # ("the city's Kyivskyi district" is the city's, not a town elsewhere of its name)
    told = [(q.start, q.end) for q in quarters] + unplaced
    out = [p for p in out if not _overlaps(told, p.start, p.end)]
    # ("the city" after "Nairobi's Eastleigh" is Nairobi, not the quarter)
    references = _the_town(parsed, out, missing, seen.dateline)
    out = sorted([*out, *quarters], key=lambda p: p.start)
    out = sorted([*out, *references], key=lambda p: p.start)
    # Where the towns are says more about the story's country than who is named.
    final = settle(gaz, named, out)
    return Toponyms(
        tuple(out),
        final.focus,
        seen.dateline,
        tuple(final.mentions),
        _demonyms(parsed, gaz, out),
        missing,
        tuple(references),
        final.focus if final.focus in final.named or final.towns_in.get(final.focus) else "",
        frozenset(m.start(g) for m in round_up_items(seen.text).values() for g in (1, 2) if m[g]),
    )


def _counted(seen: Scene, votes: dict[str, frozenset[str]]) -> Scene:
    """``seen`` with the towns ``votes`` puts in each country counted as placed there."""
    if not votes:
        return seen
    mentions = dict(seen.mentions)
    towns_in = dict(seen.towns_in)
    for cc, names in votes.items():
        mentions[cc] = mentions.get(cc, 0.0) + len(names)
        towns_in[cc] = towns_in.get(cc, frozenset()) | names
    focus = max(mentions, key=lambda cc: mentions[cc])
    return replace(seen, mentions=mentions, towns_in=towns_in, focus=focus)


def _joined(gaz: Gazetteer, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two names joined by "and" that are one area's name ("Jammu and Kashmir", "Bosnia and
    Herzegovina", "Trinidad and Tobago"), which the model tags as two, as one span: Jammu
    alone is a city, and a toll told there is not split between two places."""
    out: list[tuple[int, int]] = []
    for span in spans:
        # (the model may also tag "Bosnia and" and "Herzegovina")
        if out and re.fullmatch(r"\s*(?:(?:and|&)\s+)?", text[out[-1][1] : span[0]]):
            name = text[out[-1][0] : span[1]]
            if gaz.country(name) or gaz.admin1_named(name, None):
                out[-1] = (out[-1][0], span[1])
                continue
        out.append(span)
    return out


def _short_names(out: list[Place]) -> list[Place]:
    """Country toponyms read as the formal name the article gives (``_formal_names``)."""
    countries = [p for p in out if p.kind == "country"]
    formal = _formal_names([(p.text, p.country_code) for p in countries])
    by_code = {p.country_code: p for p in countries}
    return [
        replace(by_code[formal[key(p.text)]], start=p.start, end=p.end, text=p.text)
        if p.kind == "country" and key(p.text) in formal
        else p
        for p in out
    ]


def _demonyms(parsed: Parsed, gaz: Gazetteer, found: list[Place]) -> tuple[Place, ...]:
    """Country adjectives and nouns ("Iraqi", "Sudanese", "Americans") as country mentions."""
    out = []
    covered = {t.i for p in found for t in _tokens_in(parsed, p.start, p.end)}
    for t in parsed.tokens:
        if not t.text[:1].isupper() or t.i in covered:
            continue
        if t.ent in ("NORP", "GPE") or t.tag in ("JJ", "NNP", "NNPS"):
            name = re.sub(r"s$", "", t.text) if not gaz.country(t.text) else t.text
            hit = gaz.country(name)
            if hit and hit[1] == "demonym":
                place = _country(gaz, name, t.start, t.start + len(name), demonym=True)
                if place is not None:
                    out.append(_with(place, text=t.text, end=t.end))
    return tuple(out)


def resolve(parsed: Parsed, spans: list[tuple[int, int]], gaz: Gazetteer | None = None) -> list[Place | None]:
    """Resolve given toponym spans (from a user or a gold file) without recognising any.

    RETURNS: one Place per span, in the order given; None where nothing matches the name.
    """
    gaz = (gaz or open_gazetteer()).reading(parsed.article.text)
    # a span given as a place is one wherever it lies: no country gate
    seen = replace(scene(parsed, gaz), allowed=frozenset())
    first = _pass(gaz, seen, spans, given=True)
    seen = settle(gaz, seen, [p for p in first if p is not None])
    return _pass(gaz, seen, spans, given=True)


def _pass(gaz: Gazetteer, seen: Scene, spans: list[tuple[int, int]], given: bool) -> list[Place | None]:
    return [resolve_name(gaz, seen, seen.text[s:e], s, e, given) for s, e in spans]


AREA_TOLD = re.compile(
    r"(?:\b(?:in|inside|within)(?:\s+(?:the|(?:north|south)?(?:-?(?:east|west))?ern|northern|southern|central))*"
    r"|\b(?:state|province|region|governorate|oblast|department)\s+of)\s*$",
    re.IGNORECASE,
)


def _one_country(gaz: Gazetteer, opening: int, found: list[Place]) -> frozenset[str]:
    """For a text that names and implies no country, the countries its places may lie in:
    the one that holds most of them (of as many, the bigger towns) and its neighbours (none
    when it places nothing). Each name was read alone, so one that fits a namesake abroad
    only by its size is no second country of the story ("villagers in Karma, south of
    Abeche": Chad's, not India's)."""
    sizes: defaultdict[str, dict[str, float]] = defaultdict(dict)
    for p in found:
        if p.kind != "country" and p.country_code and p.start >= opening:
            sizes[p.country_code][key(p.text)] = math.log10(p.population + 10)
    if not sizes:
        return frozenset()
    home = max(sizes, key=lambda cc: (len(sizes[cc]), sum(sizes[cc].values())))
    return frozenset({home, *(gaz.countries[home].neighbours if home in gaz.countries else ())})


def _outside_the_area_told(parsed: Parsed, found: list[Place]) -> list[Place]:
    """A town that lies outside every first-level area of its country its sentence names is
    a namesake, not the place told ("In Sagaing Region, militiamen raided Nyaung Pin Thar
    village": not the Nyaung Pin Thar of Yangon, the one village of that name the gazetteer
    has); the area says where, the town is dropped. A big city is never a namesake so."""
    text = parsed.article.text
    # (an area told as where: "In Sagaing Region", "Butig, Lanao del Sur", "the state of
    # Kaduna"; not "labourers from Punjab" nor "near the border with North Kordofan")
    areas = [p for p in found if p.kind == "admin1" and AREA_TOLD.search(text, max(0, p.start - 40), p.start)]
    if not areas:
        return found
    starts = [s.start for s in parsed.sents]

    def sentence(p: Place) -> int:
        return bisect_right(starts, p.start) - 1

    def clause(p: Place) -> int:  # the verb of the clause the place is told in
        i = parsed.token_at(p.start)
        return next((a for a in parsed.ancestors(i) if parsed.tokens[a].pos in ("VERB", "AUX")), i)

    out = []
    for p in found:
        # (of the town's own clause: "In Sagaing Region, militiamen killed five villagers in a
        # raid on Nyaung Pin Thar", not "bombed a monastery in Hpakant as fighting raged in
        # Sagaing Region")
        told = {
            a.admin1
            for a in areas
            if a.country_code == p.country_code and sentence(a) == sentence(p) and clause(a) == clause(p)
        }
        if p.kind == "city" and p.population < BIG_CITY and told and p.admin1 not in told:
            continue
        out.append(p)
    return out


def _names_elsewhere(
    parsed: Parsed, gaz: Gazetteer, seen: Scene, found: list[Place], actor_names: frozenset[str]
) -> list[Place]:
    """An entity the gazetteer knows as a country, first-level area or county is a place
    whatever its label ("Georgia" as ORG, "Madison County" as ORG)."""
    taken = [(p.start, p.end) for p in found]
    out: list[Place] = []
    for ent in parsed.ents:
        if ent.label not in ("ORG", "PERSON", "NORP", "PRODUCT") or _overlaps(taken, ent.start, ent.end):
            continue
        name = _strip(ent.text)
        # (a people's name is no place, unless told where: "Sirens sounded in Sderot"; a
        # country's people never are: "skirmishes between Chadian soldiers" names no Chadian
        # of China)
        if name.lower() in actor_names or (ent.label == "NORP" and not _told_where(parsed, ent)):
            continue
        if (people := gaz.country(name)) is not None and people[1] == "demonym":
            continue
        # (only a country or an area counts here: no town of a near spelling is looked for)
        place = resolve_name(gaz, seen, ent.text, ent.start, ent.end, given=False, near_spellings=False)
        kinds = (
            ("country", "admin1", "admin2", "city")
            if _told_where(parsed, ent)
            else ("country", "admin1", "admin2")
        )
        if place is not None and place.kind in kinds and key(place.text).startswith(key(name)):
            out.append(place)
            taken.append((place.start, place.end))
            continue
        # "U.S. Army", "Georgia Power": a country or state that opens an organisation's name
        words = list(re.finditer(r"\S+", ent.text))
        for n in range(min(3, len(words) - 1), 0, -1):
            stop = ent.start + words[n - 1].end()
            head = seen.text[ent.start : stop]
            country = gaz.country(head)
            # (a person's name opens with an area only in a text that names its country:
            # "Borno Governor Babagana Zulum", not "Michael Kulundu" of the Isle of Man)
            unsure = ent.label == "PERSON" and not seen.allowed
            area = not unsure and bool(gaz.admin1_named(head, seen.focus or None))
            if (country and country[1] == "name") or area:
                place = resolve_name(gaz, seen, head, ent.start, stop, given=False, near_spellings=False)
                if place is not None and place.kind in ("country", "admin1"):
                    out.append(place)
                    taken.append((place.start, place.end))
                break
    return out


def _town_area(text: str, p: Place) -> Place:
    """A town told as the area around it ("in Uvira territory", "in Bokkos local government
    area"): somewhere in it, at geo_precision 2."""
    if p.kind != "city" or p.precision != 1:
        return p
    after = re.match(r"\s+(?:local\s+government\s+)?([\w-]+)", text[p.end : p.end + 40])
    if after is None or after[1].lower() not in _context_words()["town_areas"]:
        return p
    return replace(p, precision=2)


def _told_where(parsed: Parsed, ent: Entity) -> bool:
    """A name the tagger took for an organisation, told as where something happened or
    was hit ("missile strikes on Dnipro", "fighting in Bakhmut"): a town it names by its
    own name may be the place (one word, the object of a preposition of place); or for a
    person, between a preposition of place and the area that holds it ("killed three people
    in Khan Younis, Gaza")."""
    toks = parsed.tokens
    if ent.label == "PERSON" and ent.last - ent.first < 3 and ent.first > 0:
        at = toks[ent.first - 1].text.lower() in _context_words()["locative_preps"]
        held = re.match(r",\s+(?-i:[A-Z])", parsed.article.text[ent.end : ent.end + 4]) is not None
        return at and held
    if ent.label not in ("ORG", "NORP") or ent.last != ent.first:
        return False
    tok = toks[ent.first]
    cues = _context_words()
    head = toks[tok.head]
    if tok.dep == "pobj" and head.text.lower() == "of":
        return toks[head.head].lemma in cues["of_place"]  # "through the streets of Mokolo"
    if tok.dep == "compound":
        return head.lemma in cues["settlements"]  # "in the Mokolo subdivision"
    preps = cues["locative_preps"] | {"on"}
    # (or right after one, however the parser hung it: "on the road between Nabatieh and ...";
    # not a word that qualifies the noun after it: "clashes between Arab herders and ...")
    before = toks[ent.first - 1].text.lower() if ent.first > 0 else ""
    return (tok.dep == "pobj" and head.text.lower() in preps) or (before in preps and tok.dep != "amod")


def _contained(gaz: Gazetteer, seen: Scene, taken: list[tuple[int, int]]) -> list[Place]:
    """The first-level areas and countries in brackets after a place, which the tagger
    mostly leaves untagged ("(Lac, Mamdi)"), and the towns whose districts are named there
    ("Nacutuco (Macomia)": ACLED's district, named after its seat), at geo_precision 2: the
    place is in the district, not at its seat. Other names there may be anything."""
    out = []
    for start, end, name in containers(seen.text):
        if _overlaps(taken, start, end):
            continue
        place = (
            _admin1(gaz, name, start, end, seen)
            or _country(gaz, name, start, end)
            or _seat(gaz, seen, start, end)
        )
        if place is not None and _outranked(gaz, seen.text, place):
            continue
        if place is not None:
            out.append(place)
            taken.append((start, end))
    return out


def _outranked(gaz: Gazetteer, text: str, area: Place) -> bool:
    """A first-level area's name that names a people: after "ethnic", or bare in brackets
    after a place when the names listed right after the brackets give another area of that
    country with its area word ("Hpar Hpyo (Chin), Minbya Township, Rakhine State" is a
    village of Chin people in Rakhine State)."""
    bracketed = text[area.start - 1 : area.start] == "(" and text[area.end : area.end + 1] == ")"
    if area.kind == "admin1" and re.search(r"\bethnic\s+$", text[max(0, area.start - 10) : area.start], re.I):
        return True  # "an ethnic Kachin man": a people, not their state
    if area.kind != "admin1" or not bracketed:
        return False
    # the run of place names right after the brackets (up to the first word of prose)
    listed = _place_run().match(text, area.end + 1)
    rest = listed[0] if listed else ""
    for m in _area_worded().finditer(rest):
        if any(a != area.name for _, a in gaz.admin1_named(m[1], area.country_code, exact=True)):
            return True
    return False


def _seat(gaz: Gazetteer, seen: Scene, start: int, end: int) -> Place | None:
    """The town a bracketed district is named after ("(Macomia, Cabo Delgado)"), in the
    first-level area the brackets end with where they name one, else in the one country
    with a town of that name; at geo_precision 2."""
    name = seen.text[start:end]
    if not _district_like(name):
        return None
    towns = [c for c in gaz.places(name) if c.exact and seen.allows(c.country_code)]
    area = held_in(gaz, seen.text, end)
    if area:
        towns = [c for c in towns if (c.country_code, c.admin1_code) in area]
    elif len({c.country_code for c in towns}) != 1:
        return None
    if not towns:
        return None
    return _town_place(gaz, max(towns, key=lambda c: c.population), start, end, name, "city", 2)


def _seats(text: str, found: list[Place]) -> list[Place]:
    """A town named in brackets after another place names its district ("Koko (Mocimboa Da
    Praia)"): geo_precision 2 at best, however it was resolved."""
    inside = {(s, e) for s, e, _ in containers(text)}
    return [
        replace(p, precision=max(p.precision, 2)) if p.kind == "city" and (p.start, p.end) in inside else p
        for p in found
    ]


def _dateline(gaz: Gazetteer, seen: Scene, found: list[Place]) -> list[Place]:
    """The place of a dateline ("BEIRUT (AP) --", "TORRINGTON —"), which the tagger often
    misses in capitals."""
    m = dateline(seen.text)
    if not m or _overlaps([(p.start, p.end) for p in found], m.start(1), m.end(1)):
        return []
    raw = m[1].strip()
    start = m.start(1) + m[1].find(raw)
    name = raw.title() if raw.isupper() else raw
    place = resolve_name(gaz, seen, name, start, start + len(raw), given=False)
    return [replace(place, text=raw)] if place is not None else []


def _item_labels(gaz: Gazetteer, seen: Scene, found: list[Place]) -> list[Place]:
    """The places a round-up's items open on ("DIYALA – Security forces arrested ...",
    "ERBIL – A Turkish drone ..."): datelines of their paragraphs, which the tagger misses in
    capitals."""
    taken = [(p.start, p.end) for p in found]
    out = []
    for m in round_up_items(seen.text).values():
        # (and the area in brackets after a country: "MALI (Ségou region) -")
        for group in (1, 2):
            raw = (m[group] or "").strip()
            if not raw or _overlaps(taken, m.start(group), m.start(group) + len(raw)):
                continue
            name = raw.title() if raw.isupper() else raw
            place = resolve_name(gaz, seen, name, m.start(group), m.start(group) + len(raw), given=False)
            if place is not None and place.kind != "country":
                out.append(replace(place, text=raw))
    return out


def _longer(gaz: Gazetteer, seen: Scene, found: list[Place]) -> list[Place]:
    """A name the tagger cut short is the longer area or town it starts ("Mato Grosso" of
    "Mato Grosso do Sul", whose "Sul" alone is an area of Guinea-Bissau; "Maine" of "Maine
    Soroa")."""
    out = list(found)
    for p in found:
        m = CONTINUED.match(seen.text, p.end)
        if m is None or p.kind not in ("admin1", "city", "country") or p not in out:
            continue
        if m[0].split()[-1].lower() in _table()[1]:
            continue  # "Rakhine State": the area's own word, read where the area is resolved
        longer = seen.text[p.start : m.end()]
        area = _admin1(gaz, longer, p.start, m.end(), seen)
        if area is None or key(area.name) != key(area.text):
            # or a town ("Maine Soroa", whose "Maine" alone is a state of the US)
            area = _facility_or_town(gaz, longer, p.start, m.end(), seen, {}, False, near_spellings=False)
            if area is None or key(area.name) != key(longer):
                continue
        out = [q for q in out if not (q.start < m.end() and p.start < q.end)]
        out.append(area)
    return out


def _one_sense(gaz: Gazetteer, seen: Scene, found: list[Place]) -> list[Place]:
    """One sense per article: a town name read as two places is the reading in an area the
    article names, else its first ("Bijapur District Hospital" does not move the Bijapur of
    Chhattisgarh, named in the lead, to Karnataka); and a name the article told as a
    first-level area stays that area where it names no one's whereabouts."""
    readings: dict[str, list[Place]] = defaultdict(list)
    for p in sorted(found, key=lambda p: p.start):
        if p.kind == "city":
            readings[key(p.text)].append(p)
    best = {
        name: max(ps, key=lambda p: (seen.area_named(p.country_code, _code(gaz, p), name), -p.start))
        for name, ps in readings.items()
        if len({p.geonameid for p in ps}) > 1
    }
    # a bare name that is no one's whereabouts, after the article told it as an area ("the
    # northern state of Kaduna ... Kaduna would no longer be a safe haven"), is that area;
    # "in Kano", "Kano town", "Kano, the state capital" stay the town
    areas = {}
    for p in sorted(found, key=lambda p: p.start):
        if p.kind == "admin1" and key(p.text) not in areas and key(p.text) == key(p.name):
            areas[key(p.text)] = p
    out = []
    for p in found:
        area = areas.get(key(p.text)) if p.kind == "city" else None
        before, after = seen.text[max(0, p.start - 30) : p.start], seen.text[p.end : p.end + 30]
        town = _town_or_where().search(before) or TOWN_AFTER.match(after)
        if area is not None and area.start < p.start and area.country_code == p.country_code and not town:
            out.append(replace(area, start=p.start, end=p.end, text=p.text))
        elif p.kind == "city" and key(p.text) in best:
            out.append(replace(best[key(p.text)], start=p.start, end=p.end, text=p.text))
        else:
            out.append(p)
    return out


def _same_name(text: str, found: list[Place], actors: list[tuple[int, int]]) -> list[Place]:
    """One sense per article: a name placed once is the same place wherever else it stands,
    whatever the tagger called it there, but in an actor's name (``actors``: their spans)."""
    # the characters taken by a place or an actor's name, one byte each: a long report names
    # thousands
    taken = bytearray(len(text))
    for start, end in [*((p.start, p.end) for p in found), *actors]:
        taken[start:end] = b"\x01" * (end - start)
    out = []
    names = {p.text: p for p in found if p.kind != "country" and len(p.text) > 3}
    for name, like in names.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if taken.find(1, m.start(), m.end()) < 0:
                out.append(replace(like, start=m.start(), end=m.end(), text=name))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return out


def _name_admin1(gaz: Gazetteer, found: list[Place]) -> list[Place]:
    """Give a named division with no known seat ("Borno state") the unnamed admin1 code that
    the article's towns in that country share, and those towns its name."""
    out = list(found)
    for n, p in enumerate(out):
        if p.kind != "admin1" or p.geonameid is not None:
            continue
        codes = Counter(
            gaz.by_id(t.geonameid).admin1_code  # type: ignore[union-attr]
            for t in out
            if t.kind in ("city", "facility")
            and t.geonameid
            and t.country_code == p.country_code
            and not t.admin1
        )
        if not codes:
            continue
        code = codes.most_common(1)[0][0]
        seat = gaz.seat_of_code(p.country_code, code)
        if seat is None:
            continue
        out[n] = _with(
            p,
            geonameid=seat.geonameid,
            latitude=seat.latitude,
            longitude=seat.longitude,
            population=seat.population,
        )
        for m, t in enumerate(out):
            if (
                t.kind in ("city", "facility")
                and t.country_code == p.country_code
                and not t.admin1
                and _code(gaz, t) == code
            ):
                out[m] = _with(t, admin1=p.admin1)
    return out
