"""Stage 4, places: toponym recognition and resolution to GeoNames.

Reads: ``Parsed`` (entities GPE/LOC/FAC, plus demonyms for the country focus).
Writes: ``Toponyms`` — resolved ``Place`` records in text order and the article's focus
country. Facilities resolve to the town they name; "near X" and "80 km north of X" give
geo_precision 2; a first-level division ("Borno state") precision 3; a country 4.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

from . import tables
from .errors import TableError
from .gazetteer import Candidate, Gazetteer, acled_admin1_names, distance_km, key, loose, open_gazetteer
from .nlp import dateline, dateline_end, deed_verbs
from .records import Parsed, Place, PlaceKind, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")


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


@cache
def _table() -> tuple[dict[str, int], frozenset[str], re.Pattern[str]]:
    data = tables.load_yaml("places/places.yaml", ("facility_heads", "admin_words", "relative_cues"))
    heads = {str(k).lower(): int(v) for k, v in data["facility_heads"].items()}
    try:
        relative = re.compile(data["relative_cues"], re.IGNORECASE)
    except re.error as err:
        raise TableError("places/places.yaml", "relative_cues", f"bad pattern: {err}") from err
    return heads, frozenset(data["admin_words"]), relative


@tables.table
def _context_words() -> dict[str, frozenset[str]]:
    keys = (
        "locative_preps",
        "settlements",
        "of_place",
        "place_verbs",
        "border_words",
        "away_preps",
        "community_words",
        "struck_preps",
        "named_things",
        "quarters",
    )
    data = tables.load_yaml("places/places.yaml", keys)
    for k in keys:
        if not isinstance(data[k], list) or not all(isinstance(w, str) for w in data[k]):
            # (YAML reads a bare on, off, yes or no as true or false)
            raise TableError("places/places.yaml", k, "needs a list of words (quote on, off, yes, no)")
    return {k: frozenset(data[k]) for k in keys}


BIG_CITY = 100_000  # a city this big is known abroad and under its other names ("Katmandu")


def acled_admin1(cc: str, name: str) -> str:
    """The first-level area as ACLED's admin1 column names it ("Nairobi" for GeoNames'
    "Nairobi County"); records print it, and the index knows the area by it too."""
    return acled_admin1_names().get((cc, name), name)


def settlement_words() -> frozenset[str]:
    """Nouns that name a settlement ("village", "town"): "two villages" are two places."""
    return _context_words()["settlements"]


def unit_word(lemma: str) -> bool:
    """Whether a noun names a kind of place ("township", "district", "state"): a phrase it
    heads is a place, never an actor."""
    return lemma in _context_words()["settlements"] or lemma in _table()[1]


@dataclass
class Scene:
    """What the article says about where it is, before any one name is resolved."""

    text: str
    focus: str  # the country mentioned most, weighted by how ("in Iraq" more than "Iraqi")
    mentions: dict[str, float]  # every country mentioned, with its weight
    areas: dict[tuple[str, str], frozenset[str]]  # (country, admin1 code) named -> by which names
    dateline: int
    # (name, lat, lon, country, admin1 code) of the towns a first reading placed
    anchors: tuple[tuple[str, float, float, str, str], ...] = ()
    # countries that a first reading placed towns in -> the names of those towns
    towns_in: dict[str, frozenset[str]] = field(default_factory=dict)
    # the countries a place may lie in: those the text names or implies (by a demonym, an
    # actor of the dictionary, "the Myanmar Army") and their neighbours; empty: no clue
    allowed: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()  # the countries named as such, not by a demonym
    soft: bool = False  # the gate is closed only by national forces the text names

    def home_countries(self) -> frozenset[str]:
        """The countries the story is about: named as such, or its focus."""
        return (self.named | {self.focus}) - {""}

    def allows(self, cc: str) -> bool:
        """Whether a place in country ``cc`` may be a place of this story: a namesake in a
        country the text neither names nor implies is a misreading, not a place abroad."""
        return not self.allowed or cc in self.allowed

    def area_named(self, cc: str, code: str, own: str = "") -> bool:
        """Whether the area is named, or holds a place, other than the name being resolved
        (so that a first reading does not vouch for itself)."""
        return bool(self.areas.get((cc, code), frozenset()) - {own})


def scene(parsed: Parsed, gaz: Gazetteer) -> Scene:
    """Countries and first-level areas the article names, and its focus country."""
    text = parsed.article.text
    mentions: defaultdict[str, float] = defaultdict(float)
    opening = dateline_end(text)
    named = [
        (ent, found)
        for ent in parsed.ents
        if (ent.label in ("GPE", "NORP", "LOC") or _after_a_town(text, ent.start))
        and ent.start >= opening
        and (found := gaz.country(_region(_strip(ent.text))[0]))
        and (ent.label in ("GPE", "NORP", "LOC") or found[1] == "name")
    ]
    formal = _formal_names([(_region(_strip(ent.text))[0], found[0]) for ent, found in named])
    said: set[str] = set()
    for ent, found in named:
        cc = formal.get(key(_region(_strip(ent.text))[0]), found[0])
        weight = _weight(parsed, ent.last)
        mentions[cc] += weight
        # (a country that only says whose the troops are, "a convoy of U.S. marines",
        # is not named as a place: it widens the gate but never closes it)
        if (
            found[1] == "name"
            and weight > 0.5
            and not _away(parsed, ent.last)
            and not _also_elsewhere(gaz, ent.text, cc)
        ):
            said.add(cc)
    # demonyms the tagger left unlabelled ("the Nigerien air force") or read as part of an
    # organisation ("Burkinabe soldiers")
    for t in parsed.tokens:
        if t.ent in ("", "ORG") and t.text[:1].isupper() and t.tag in ("JJ", "NNP", "NNPS"):
            found = gaz.country(t.text)
            if found and found[1] == "demonym":
                mentions[found[0]] += 0.5
    filed = dateline(text)
    if filed and filed[2]:  # "TRIPOLI, Lebanon —", "JENIN, West Bank —": the country it names
        region = _strip(filed[2])
        country = gaz.country(region)
        holders = {cc for cc, _ in gaz.admin1_named(region, None)}
        if country:
            mentions[country[0]] += 2.0
            said.add(country[0])
        elif len(holders) == 1:
            cc = holders.pop()
            mentions[cc] += 1.0
            said.add(cc)
    elif filed:  # "GOMA —": a big city a story is filed from says its country as its name does
        raw = filed[1].strip()
        towns = [c for c in gaz.places(raw.title() if raw.isupper() else raw) if key(c.name) == key(raw)]
        biggest = max(towns, key=lambda c: c.population, default=None)
        if biggest is not None and biggest.population >= BIG_CITY:
            mentions[biggest.country_code] += 1.0
            said.add(biggest.country_code)
    if parsed.article.country:  # the feed's own country, as if the text had named it once
        mentions[parsed.article.country] += 1.0
        said.add(parsed.article.country)
    # A province name that only one country has says which country as much as its name does.
    areas_named: list[tuple[str, str]] = []
    loose: list[tuple[str, str]] = []
    for ent in parsed.ents:
        if ent.label in ("GPE", "LOC", "ORG", "PERSON", "NORP") and not gaz.country(_strip(ent.text)):
            if _ends_a_town(gaz, text, ent.start, ent.end) or _names_a_thing(parsed, ent.start, ent.end):
                continue  # "Mocimboa da Praia" names no Praia of Cape Verde
            name = _strip(ent.text)
            words = name.split()
            # "Rakhine State", "Yangon Region": the area's own word says it is no town, inside
            # the entity or right after it ("Kachin" tagged alone before "state")
            follows = re.match(r"\s+(\w+)", text[ent.end : ent.end + 20])
            inside = len(words) > 1 and words[-1].lower() in _table()[1]
            worded = inside or bool(follows and follows[1].lower() in _table()[1])
            stem = " ".join(words[:-1]) if inside else name
            owners, exact = _owners(gaz, name)
            if not owners and worded:
                owners, exact = _owners(gaz, stem)
            if not exact:
                # a loose spelling ("Susee" ~ Sousse) names an area only of a country the
                # text names otherwise, and names no country by itself
                loose.extend(owners)
                continue
            written = [o for o in exact if key(o[1]) in (key(name), key(stem))]
            owners = written or exact  # "Lamu" is Kenya's Lamu, not the Maldives' Laamu
            if _near_elsewhere(gaz, text, ent.end, {cc for cc, _ in owners}):
                continue  # a village near a town names no area away from it
            areas_named.extend(owners)
            towns = [] if worded else gaz.places(name)
            big_town = any(c.population >= 50_000 and c.country_code != o[0] for c in towns for o in owners)
            # "its Northeast and East operational zones" name no country's areas
            if len({cc for cc, _ in owners}) == 1 and not big_town and (worded or not _compass(name)):
                mentions[owners[0][0]] += 1.0
                # "Grad rockets": a name that only qualifies a noun names no (Slovenian) area
                if (
                    worded
                    or ent.label in ("GPE", "LOC")
                    or parsed.tokens[ent.last].dep not in ("compound", "amod")
                ):
                    said.add(owners[0][0])
    for m in STATE_AFTER_TOWN.finditer(text):  # "Alexandria, La."
        areas_named.extend(gaz.admin1_named(m[1], "US"))
    parts = containers(text)
    for n, (_, _, part) in enumerate(parts):  # "Palma (Palma, Cabo Delgado)"
        country = gaz.country(part)
        if country is not None and country[1] == "name":
            # "(Dan Issa, Niger)": the country, unless the part before it in the same
            # brackets lies in the state of that name and nowhere in the country ("(Rafi,
            # Niger)": Nigeria's Niger State; "(Gaya, Niger)": Niger's Gaya)
            same = n and re.fullmatch(r",\s*", text[parts[n - 1][1] : parts[n][0]])
            before = parts[n - 1][2] if same else ""
            states = {(cc, gaz.admin1_code(cc, a)) for cc, a in gaz.admin1_named(part, None, exact=True)}
            held = {(c.country_code, c.admin1_code) for c in gaz.places(before)} | {
                (c.country_code, c.admin1_code) for c in gaz.counties(before)
            }
            home = any(cc == country[0] for cc, _ in held)
            if not before or home or not {s for s in states if s[0] != country[0]} & held:
                mentions[country[0]] += 1.0
                said.add(country[0])
                continue
        owners, exact = _owners(gaz, part)
        if not exact:
            loose.extend(owners)  # "(Susee)" is no Sousse of Tunisia
            continue
        areas_named.extend(owners)
        if len({cc for cc, _ in owners}) == 1:
            mentions[owners[0][0]] += 1.0
            said.add(owners[0][0])
    areas_named.extend(o for o in loose if o[0] in mentions)
    focus = max(mentions, key=lambda cc: mentions[cc]) if mentions else ""
    if not focus:
        # a text that names no country or place of one ("Clashes were reported between the
        # TNLA and government troops") is in the one country its named armed groups fight in
        # (not a country inside an organisation's name, which _implied reads for the gate)
        homes = _operating_in(parsed)
        focus = homes.pop() if len(homes) == 1 else ""
    areas: dict[tuple[str, str], frozenset[str]] = {}
    for cc, name in areas_named:
        code = gaz.admin1_code(cc, name)
        if code and (cc in mentions or cc == focus or not mentions):
            areas[(cc, code)] = frozenset({""})
    # Demonyms widen the gate but never close it alone: "the American market" says nothing
    # of where a protest in Yangon was.
    # A national force ("US troops", "the Myanmar Army") closes it too, but softly: forces
    # fight abroad, so a big city elsewhere under its own name stays open to them (Mosul).
    local = said | _implied_by(parsed, None, _actor_countries(states=False))
    strong = local | _implied(parsed, gaz)
    clues = strong | set(mentions) if strong else set()
    allowed = clues | {n for cc in clues if cc in gaz.countries for n in gaz.countries[cc].neighbours}
    return Scene(
        text,
        focus,
        dict(mentions),
        areas,
        opening,
        allowed=frozenset(allowed),
        named=frozenset(said),
        soft=bool(strong) and not local,
    )


def _owners(gaz: Gazetteer, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The first-level areas called ``name`` under any spelling, and those under one of
    their own names (a loose spelling alone, "Susee" ~ Sousse, names no country)."""
    return gaz.admin1_named(name, None), gaz.admin1_named(name, None, exact=True)


LEAD_WORDS = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,2}(?:(?:da|de|do|dos|das|del|al|el|la)\s+)?)$")


def _ends_a_town(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """The name at [start, end) is the end of a town's name that the tagger cut short
    ("Mocimboa da" before "Praia", "Ponta do" before "Ouro")."""
    m = LEAD_WORDS.search(text[max(0, start - 40) : start])
    if m is None:
        return False
    words = m[1].split()
    for n in range(1, len(words) + 1):
        name = " ".join([*words[-n:], text[start:end]])
        if any(key(c.name) == key(name) for c in gaz.places(name)):
            return True
    return False


def _names_a_thing(parsed: Parsed, start: int, end: int) -> bool:
    """The name at [start, end) only qualifies a thing named after a place ("Grad rockets",
    "Scud missiles"): it says where nothing happened."""
    tok = next(reversed(list(_tokens_in(parsed, start, end))), None)
    if tok is None:
        return False
    head = parsed.tokens[tok.head]
    return tok.dep in ("compound", "amod", "nmod") and head.lemma.lower() in _context_words()["named_things"]


def _implied(parsed: Parsed, gaz: Gazetteer) -> set[str]:
    """Countries the text implies without naming them as places: the home countries of
    the dictionary's actors it names ("the KIA", "ASWJ militants") and countries, or their
    people, inside an organisation's name ("the Myanmar Army", "the Nigerien army")."""
    return _implied_by(parsed, gaz, _actor_countries())


def _operating_in(parsed: Parsed) -> set[str]:
    """The countries the dictionary's actors the text names fight in (``active_in``, else
    their own; none for a local alias, which names them only where they are): "the TNLA" is
    Myanmar's alone, "ISWAP" fights in four."""
    return _implied_by(parsed, None, _actor_countries(local=False))


def _implied_by(parsed: Parsed, gaz: Gazetteer | None, homes: dict[str, frozenset[str]]) -> set[str]:
    out: set[str] = set()
    for ent in parsed.ents:
        if ent.label in NOT_PLACES:
            continue
        words = _strip(ent.text).split()
        for n in range(len(words)):  # "presumed ISWAP militants": any run of its words
            for m in range(n + 1, min(len(words), n + 6) + 1):
                phrase = " ".join(words[n:m])
                out.update(homes.get(phrase) or homes.get(phrase.lower()) or ())
                if gaz is not None and ent.label == "ORG" and (found := gaz.country(phrase)):
                    out.add(found[0])
    return out


@cache
def _admin_words() -> str:
    """The area words of the table (``admin_words``) as one alternation."""
    return "|".join(map(re.escape, sorted(_table()[1])))


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
    r"(?:\s+(?:area|town|village|city))?"
    r"(?:\s+in\s+the\s+(?:[\w-]+\s+){0,2}(?:province|governorate|state|region)\s+of\s+"
    r"|,\s+|\s+in\s+(?:the\s+)?|\s+(?:district|county|township|area|region)\s+of\s+(?:the\s+)?)"
    r"(?:(?:northern|southern|eastern|western|central)\s+)?"
    r"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3})"
    r"(?!\s*,?\s*(?:and|or)\b|,\s*[A-Z])"  # "the Diffa, Tillaberi, and Tahoua regions": a list
)


def held_in(gaz: Gazetteer, text: str, end: int) -> set[tuple[str, str]]:
    """(country, admin1 code) of the first-level area the text puts the place ending at
    ``end`` in, right after naming it: the last area of its brackets ("Rafah (Rafah, North
    Sinai)"), or one after a comma, "in" or "district of"; empty when it names none."""
    m = CONTAINER.match(text, end)
    if m is not None:
        parts = [name for _, _, name in reversed(_parts(m))]
    else:
        after = HELD_AFTER.match(text, end)
        parts = [after[1]] if after else []
    for name in parts:
        words = name.split()
        stem = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in _table()[1] else name
        if stem == name and gaz.country(name):
            continue  # "Diffa, Niger" names the country, not Nigeria's Niger State
        pairs = {(cc, gaz.admin1_code(cc, area) or "") for cc, area in gaz.admin1_named(stem, None)}
        if found := {(cc, code) for cc, code in pairs if code}:
            return found
    return set()


def containers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each area named in brackets after a place."""
    return [part for m in CONTAINER.finditer(text) for part in _parts(m)]


def _parts(m: re.Match[str]) -> list[tuple[int, int, str]]:
    names = [
        (m.start(1) + p.start() + len(p[0]) - len(p[0].lstrip()), p[0].strip())
        for p in re.finditer(r"[^,]+", m[1])
    ]
    if not all(AREA_PART.fullmatch(n) for _, n in names):
        return []
    return [(start, start + len(n), n) for start, n in names]


def find(parsed: Parsed, gaz: Gazetteer | None = None) -> Toponyms:
    """Recognise and resolve the toponyms of an article.

    parsed (Parsed): the nlp stage's output. gaz (Gazetteer): defaults to the cached index.
    RETURNS (Toponyms): places in text order, focus country, dateline end.
    """
    gaz = (gaz or open_gazetteer()).reading(parsed.article.text)
    named = seen = scene(parsed, gaz)
    actor_names = _actor_keys()
    spans = [
        (e.start, e.end)
        for e in parsed.ents
        if e.label in PLACE_LABELS
        and _strip(e.text).lower() not in actor_names
        and not e.text.islower()  # "the canton of Delbian": a common noun, not Canton
    ]
    spans = [s for s in _joined(gaz, seen.text, spans) if not _names_a_thing(parsed, *s)]
    first = [p for p in _pass(gaz, seen, spans, given=False) if p is not None]
    seen = settle(gaz, seen, first)
    second = _pass(gaz, seen, spans, given=False)
    out = [p for p in second if p is not None]
    out.extend(_names_elsewhere(parsed, gaz, seen, out, actor_names))
    out.extend(_dateline(gaz, seen, out))
    out.extend(_unlabelled(parsed, gaz, seen, out, _table()[2]))
    out.extend(_contained(gaz, seen, [(p.start, p.end) for p in out]))
    out = [p for p in out if not _outranked(gaz, seen.text, p)]
    out.extend(_capitals(parsed, gaz, seen.focus, [(p.start, p.end) for p in out]))
    out = [p for p in out if not _names_a_thing(parsed, p.start, p.end)]
    out = _seats(seen.text, _one_sense(gaz, seen, _longer(gaz, seen, out)))
    out.extend(_same_name(seen.text, out))
    taken = [(p.start, p.end) for p in out]
    missing = tuple(
        (s, e, seen.text[s:e])
        for (s, e), p in zip(spans, second, strict=True)
        if p is None and not _overlaps(taken, s, e)
    )
    out.sort(key=lambda p: p.start)
    out = _short_names(out)
    out = _name_admin1(gaz, out)
    quarters = _quarters(parsed, gaz, out)
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
    )


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


def _formal_names(named: list[tuple[str, str]]) -> dict[str, str]:
    """Short country names that stand for a country the article names by its formal name
    ("Congo" beside "the Democratic Republic of Congo"), by key, with that country's code; a
    neighbour sharing the word ("Sudan" beside "South Sudan") is not one."""
    out: dict[str, str] = {}
    for short, cc in named:
        words = key(short).split()
        for full, full_cc in named:
            long = key(full).split()
            if (
                full_cc != cc
                and len(long) > len(words)
                and long[-len(words) :] == words
                and "republic" in long[: -len(words)]
            ):
                out[key(short)] = full_cc
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


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _tokens_in(parsed: Parsed, start: int, end: int) -> Iterator[Token]:
    """The tokens that start inside [start, end)."""
    j = parsed.token_at(start)
    while j < len(parsed.tokens) and parsed.tokens[j].start < end:
        if parsed.tokens[j].start >= start:
            yield parsed.tokens[j]
        j += 1


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


def _towns_in(found: list[Place]) -> dict[str, frozenset[str]]:
    """The countries ``found`` places towns or areas in -> the names of those places."""
    out: dict[str, frozenset[str]] = {}
    for p in found:
        if p.kind in ("city", "facility", "admin2", "admin1") and p.country_code:
            out[p.country_code] = out.get(p.country_code, frozenset()) | {key(p.text)}
    return out


def settle(gaz: Gazetteer, seen: Scene, first: list[Place]) -> Scene:
    """The scene once a first reading has placed the names: the towns' countries weigh in on
    the focus (a local paper seldom names its own country), their first-level areas count
    as named, and their points anchor the second reading of ambiguous names."""
    mentions = defaultdict(float, seen.mentions)
    areas = dict(seen.areas)
    towns_in = _towns_in(first)
    for cc, names in towns_in.items():
        mentions[cc] += 2.0 * len(names)  # each town once: ten mentions are one place
    anchors = []
    for p in first:
        if p.kind in ("city", "facility", "admin2", "admin1") and p.country_code:
            own = key(p.text)
            code = gaz.admin1_code(p.country_code, p.admin1) if p.admin1 else None
            if code:
                areas[(p.country_code, code)] = areas.get((p.country_code, code), frozenset()) | {own}
            spot = point(p, gaz)
            if spot is not None and p.kind != "admin1":
                anchors.append((key(p.text), spot[0], spot[1], p.country_code, code or ""))
    focus = max(mentions, key=lambda cc: mentions[cc]) if mentions else seen.focus
    return replace(
        seen,
        focus=focus,
        mentions=dict(mentions),
        areas=areas,
        anchors=tuple(anchors),
        towns_in=towns_in,
    )


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
        if name.lower() in actor_names or ent.label == "NORP":
            continue
        # (only a country or an area counts here: no town of a near spelling is looked for)
        place = resolve_name(gaz, seen, ent.text, ent.start, ent.end, given=False, near_spellings=False)
        if place is not None and (
            place.kind in ("country", "admin1", "admin2") and key(place.text).startswith(key(name))
        ):
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


def _held_by(gaz: Gazetteer, text: str, start: int, end: int) -> set[str]:
    """The countries of the areas named in brackets with a place: after it ("Palma (Palma,
    Cabo Delgado)" lies in Mozambique, not in Majorca) or beside it inside them; empty when
    there are none."""
    m = CONTAINER.match(text, end)
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


@cache
def _place_run() -> re.Pattern[str]:
    """A run of place names and the words that join them ("), Minbya Township, Rakhine
    State"): names, the table's settlement and area words, "in", "of", "the"."""
    words = "|".join(map(re.escape, sorted(settlement_words() | _table()[1] | {"in", "of", "the"})))
    return re.compile(rf"(?:[\s,()]+|[A-Z][\w'’-]*|(?i:{words})\b)*")


@cache
def _area_worded() -> re.Pattern[str]:
    """A name and its area word ("Rakhine State", "Cabo Delgado province")."""
    return re.compile(rf"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){{0,3}})\s+(?i:{_admin_words()})\b")


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


def _district_like(name: str) -> bool:
    """A bracketed name that may be a district: not a group's short name ("Boko Haram (JAS)")."""
    return not name.isupper() and len(name) >= 4


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


CONTINUED = re.compile(r"\s+(?:(?:do|da|de|dos|das|del|di|du|la|el|al)\s+)?[A-Z][\w'’-]+")


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


@cache
def _where_words() -> frozenset[str]:
    """Prepositions that tell where something is or goes (the table's ``locative_preps`` and
    ``away_preps``)."""
    words = _context_words()
    return words["locative_preps"] | words["away_preps"]


@cache
def _town_or_where() -> re.Pattern[str]:
    """ "the town of ", "in ", "near " ending a text: the name after it says whereabouts."""
    preps = "|".join(map(re.escape, sorted(_where_words())))
    towns = "|".join(sorted(TOWN_NOUNS))
    return re.compile(rf"\b(?:(?:{towns})\s+of|{preps})\s+$", re.IGNORECASE)


TOWN_AFTER = re.compile(r"\s*(?:town|city\b|,\s+(?:the\s+)?(?:\w+\s+)?capital)", re.IGNORECASE)


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


def _same_name(text: str, found: list[Place]) -> list[Place]:
    """One sense per article: a name placed once is the same place wherever else it stands,
    whatever the tagger called it there."""
    taken = [(p.start, p.end) for p in found]
    out = []
    names = {p.text: p for p in found if p.kind != "country" and len(p.text) > 3}
    for name, like in names.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not _overlaps(taken, m.start(), m.end()):
                out.append(replace(like, start=m.start(), end=m.end(), text=name))
                taken.append((m.start(), m.end()))
    return out


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
        called = (ahead and ahead[1].lower() in TOWN_NOUNS) or (follow and follow[1] in TOWN_NOUNS)
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


def _code(gaz: Gazetteer, place: Place) -> str:
    found = gaz.by_id(place.geonameid) if place.geonameid else None
    return found.admin1_code if found else ""


NOT_PLACES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")


TOWN_NOUNS = frozenset({"town", "city", "village"})


def _the_town(
    parsed: Parsed, places: list[Place], missing: tuple[tuple[int, int, str], ...], filed: int
) -> list[Place]:
    """ "in the town", "over the village": the place told last before it as a town (or a
    village: the same word) when that is a place we know ("the Tunisian town of Kef ...
    police opened fire on demonstrators in the town"), else the town named last; never the
    dateline's, nor any when the one meant is a place we could not resolve ("the village of
    Ntombi ... the health centre in the village"). Only a bare "the town" refers back: one
    with a name ("the town of Kebili"), a kind ("the border town") or a role ("the town
    hall") does not."""
    toks = parsed.tokens
    towns = [p for p in places if p.kind == "city" and p.precision == 1 and p.start >= filed]

    def known(j: int) -> Place | None:
        return next((p for p in towns if p.start <= toks[j].start < p.end), None)

    told: list[tuple[int, Place | None, str]] = [(p.end, p, "") for p in towns]
    told += [(end, None, "") for _, end, _ in missing]
    for t in toks:  # "the village of Ntombi", "Ntombi village": a place told as a village
        if t.lemma not in TOWN_NOUNS:
            continue
        name = _of_what(parsed, t.i)
        if name is None and toks[t.i - 1].pos == "PROPN" and toks[t.i - 1].dep == "compound":
            name = t.i - 1
        if name is not None:
            told.append((max(t.end, toks[name].end), known(name), t.lemma))
    told.sort(key=lambda n: n[0])
    out = []
    for t in toks:
        if t.lemma not in TOWN_NOUNS or t.tag != "NN" or t.dep == "compound" or t.ent:
            continue
        kids = parsed.children(t.i)
        det = kids[0] if len(kids) == 1 and toks[kids[0]].dep == "det" else None
        if det is None or toks[det].lemma != "the" or det != t.i - 1:
            continue
        start = toks[det].start
        before = [(p, noun) for end, p, noun in told if end <= start]
        same = [p for p, noun in before if noun == t.lemma]
        meant = same[-1] if same else (before[-1][0] if before else None)
        if meant is not None:
            out.append(replace(meant, start=start, end=t.end, text=parsed.article.text[start : t.end]))
    return out


def _of_what(parsed: Parsed, i: int) -> int | None:
    """The noun an "of" after token ``i`` names ("the village of Kalimbo": Kalimbo)."""
    of = next((c for c in parsed.children(i) if parsed.tokens[c].lemma == "of"), None)
    return (
        next((c for c in parsed.children(of) if parsed.tokens[c].dep == "pobj"), None)
        if of is not None
        else None
    )


def told_near(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, right before a toponym, puts something near it by one of
    ``relative_cues`` ("village near ", ", about 30 km north of ")."""
    m = _table()[2].search(text[start:end])
    return m is not None and FILLER.fullmatch(text[start : start + m.start()]) is not None


# what may stand between a name and the cue that ties it to a town ("Kalimbo village, near")
FILLER = re.compile(
    r"(?:\s+(?:village|hamlet))?\s*,?\s*(?:(?:located|situated)\s+)?(?:(?:about|some|around|nearly)\s+)?"
)


def is_quarter(location: str) -> bool:
    """Whether ``location`` names a quarter of a city ("Kabul - Shar-e Naw")."""
    return " - " in location


def quarter_of(location: str, city: str) -> bool:
    """Whether ``location`` names a quarter of ``city`` ("Kabul - Shar-e Naw")."""
    return location.startswith(f"{city} - ")


def _in_subject(parsed: Parsed, j: int) -> bool:
    """Whether token ``j`` is inside the subject of its clause ("Police in Maiduguri")."""
    toks = parsed.tokens
    while True:
        if toks[j].dep in ("nsubj", "nsubjpass"):
            return True
        if toks[j].pos in ("VERB", "AUX") or toks[j].head == j:
            return False
        j = toks[j].head


def _quarters(parsed: Parsed, gaz: Gazetteer, found: list[Place]) -> list[Place]:
    """A part of a city the gazetteer does not know, told as one ("the Gulzarnagar area",
    "the mainly Shiite district of Almarat"): ACLED's "City - Quarter" at the city's
    point, precision 1, when a city of 100,000 or more was placed before it in its paragraph
    (for "district", in its sentence: elsewhere a district is a second-level area) or is
    the one it is told of ("the Gulzarnagar area of Karachi"); not a speaker's city ("Police
    in Lagos said ... in the Oworo area"), nor a name of an area ("the Ogun area"). The span runs from the
    quarter's noun, which the event's clause reaches first."""
    toks = parsed.tokens
    cities = [p for p in found if p.kind == "city" and p.precision == 1 and p.population >= BIG_CITY]
    taken = [(p.start, p.end) for p in found]
    out = []
    for t in toks:
        if t.lemma not in _context_words()["quarters"] or t.pos != "NOUN":
            continue
        pobj = _of_what(parsed, t.i)
        # "the Gulzarnagar area of Karachi": the city the quarter is told of
        owner = next((c for c in cities if pobj is not None and c.start <= toks[pobj].start < c.end), None)
        if owner is None and pobj is not None and toks[pobj].pos == "PROPN":
            first, last = pobj, pobj  # "the district of Almarat"
            while first > 0 and toks[first - 1].pos == "PROPN" and toks[first - 1].head == pobj:
                first -= 1
        elif t.lemma != "district" and t.i > 0 and toks[t.i - 1].pos == "PROPN" and toks[t.i - 1].head == t.i:
            first, last = t.i - 1, t.i - 1  # "the Gulzarnagar area"
            while first > 0 and toks[first - 1].pos == "PROPN" and toks[first - 1].head == t.i:
                first -= 1
        else:
            continue
        if _overlaps(taken, toks[first].start, toks[last].end):
            continue
        sent = parsed.sent_of(t.i)
        near = [
            c
            for c in cities
            if c.end <= toks[first].start
            and (
                sent.start <= c.start
                if t.lemma == "district"
                else parsed.sent_of(parsed.token_at(c.start)).paragraph == sent.paragraph
            )
            # "Police in Maiduguri said ... in the Sambisa area": where the speaker is
            and not _in_subject(parsed, parsed.token_at(c.start))
        ]
        quarter = parsed.article.text[toks[first].start : toks[last].end]
        if gaz.admin1_named(quarter, None, exact=True):
            continue  # "the Ogun area": a state, not a part of the city (a city's districts may be admin2)
        if owner is not None:
            city = owner
        elif not near or any(_told_as_place(parsed, j) for j in range(parsed.token_at(near[-1].end), first)):
            continue  # (another place told since the city: the quarter may be that place's)
        else:
            city = near[-1]
        start, end = min(t.start, toks[first].start), max(t.end, toks[last].end)
        out.append(
            replace(
                city,
                start=start,
                end=end,
                text=parsed.article.text[start:end],
                name=f"{city.name} - {quarter}",
            )
        )
        taken.append((start, end))
    for city in cities:  # "Nairobi's Eastleigh"
        m = OWNED.match(parsed.article.text, city.end)
        if m is None or _overlaps(taken, m.start(1), m.end(1)):
            continue
        tail = parsed.tokens[parsed.token_at(m.end(1) - 1)]
        head = parsed.tokens[tail.head]
        words = _context_words()
        # "in Nairobi's Eastleigh", "police raided Nairobi's Eastleigh"
        where = (tail.dep == "pobj" and head.lemma in words["locative_preps"]) or (
            tail.dep == "dobj" and head.lemma in words["place_verbs"]
        )
        # (the tagger may call the quarter an organisation: where it is told as a place)
        if tail.ent not in ("", "ORG", *PLACE_LABELS) or not (where or head.lemma in words["quarters"]):
            continue  # "the office of Nairobi's Governor", "Karachi's Sindh Rangers said"
        out.append(replace(city, start=m.start(1), end=m.end(1), text=m[1], name=f"{city.name} - {m[1]}"))
        taken.append((m.start(1), m.end(1)))
    return out


OWNED = re.compile(r"['’]s\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _told_as_place(parsed: Parsed, j: int) -> bool:
    """Whether token ``j`` names a place: tagged as one, or a proper noun after a locative
    preposition ("for Qaryat Zubayda")."""
    tok = parsed.tokens[j]
    if tok.ent in PLACE_LABELS:
        return True
    words = _context_words()
    head = parsed.tokens[tok.head]
    prep = head if tok.dep == "pobj" else parsed.tokens[head.head] if tok.dep == "compound" else None
    return (
        tok.pos == "PROPN"
        and prep is not None
        and prep.lemma in words["locative_preps"] | words["away_preps"] | {"for"}
    )


def _capitals(parsed: Parsed, gaz: Gazetteer, focus: str, taken: list[tuple[int, int]]) -> list[Place]:
    """A country's capital told without its name: "the Senegalese capital", "Iraq's capital",
    "the capital of Mali", or "the capital" in a story about one country; not "the state
    capital", "the economic capital" or "the capital, Kabul" (where the name is the place)."""
    out = []
    toks = parsed.tokens
    for t in toks:
        if t.lemma != "capital" or t.pos != "NOUN" or _overlaps(taken, t.start, t.end):
            continue
        nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
        if nxt is not None and nxt.text == ",":
            nxt = toks[t.i + 2] if t.i + 2 < len(toks) else None
        if nxt is not None and (nxt.pos == "PROPN" or nxt.lemma == "city"):
            continue  # the name follows ("the capital, Kabul"), or "capital" only modifies "city"
        cc, first, definite = "", t.i, False
        for c in parsed.children(t.i):
            k = toks[c]
            if k.dep == "det" and k.lemma == "the":
                definite, first = True, min(first, c)
            elif k.dep in ("amod", "compound", "poss", "nmod"):
                found = gaz.country(POSSESSIVE.sub("", k.text))
                if not found:
                    break  # "the state capital", "the economic capital"
                cc, first = found[0], min(first, c)
            elif k.dep == "prep" and k.lemma == "of":
                obj = next((o for o in parsed.children(c) if toks[o].dep == "pobj"), None)
                found = gaz.country(toks[obj].text) if obj is not None else None
                if not found:
                    break
                cc = found[0]
        else:
            cc = cc or (focus if definite else "")
            country = gaz.countries.get(cc)
            town = gaz.by_id(country.capital) if country is not None and country.capital is not None else None
            if town is not None:
                start = toks[first].start
                told = parsed.article.text[start : t.end]
                out.append(_town_place(gaz, town, start, t.end, told, "city", 1))
    return out


def _unlabelled(
    parsed: Parsed, gaz: Gazetteer, seen: Scene, found_so_far: list[Place], relative: re.Pattern[str]
) -> list[Place]:
    """Towns the tagger missed or mislabelled ("in Garissa" as a person, "Thika town" as a
    nationality): a proper-noun phrase after a locative preposition, or before "town" or
    "village", that the gazetteer knows. In the article's country any town will do; abroad,
    or when the country is unknown, only the most populous namesake of 1,000 or more. In a
    text that names no country, a town told by another name needs a town of its country
    found under its own ("Arbinda" beside Djibo)."""
    out: list[Place] = []
    doubtful: list[tuple[Place, Candidate, list[Candidate]]] = []
    taken = [(p.start, p.end) for p in found_so_far]
    text = parsed.article.text
    toks = parsed.tokens
    actor_names = _actor_keys()
    cues = _context_words()
    focus = seen.focus
    for t in toks:
        if t.pos != "PROPN" or t.ent in NOT_PLACES:
            continue
        if t.i + 1 < len(toks) and toks[t.i + 1].pos == "PROPN" and toks[t.i + 1].dep == "compound":
            continue  # not the last word of the name
        head = toks[t.head]
        after = toks[t.i + 1].lemma if t.i + 1 < len(toks) else ""
        at = t
        while at.dep == "conj" and toks[at.head].pos == "PROPN" and at.head != at.i:  # "in Gao and Timbuktu"
            at = toks[at.head]
            head = toks[at.head]
        if at.dep == "appos" and toks[at.head].lemma in cues["of_place"] | cues["settlements"]:
            at = toks[at.head]  # "in NASA's stronghold Kisii", "in the town, Kisii"
            head = toks[at.head]
        locative = at.dep == "pobj" and (
            head.text.lower() in cues["locative_preps"]
            or (head.text.lower() == "of" and toks[head.head].lemma in cues["of_place"])
        )
        # "Russian missiles struck Kharkiv", "the RSF shelled El Fasher", "a strike on
        # Bilozerka", "the shelling of Avdiivka": only a town of the story's country, of some
        # size (a person can be attacked too)
        struck = (at.dep == "dobj" and head.lemma in cues["place_verbs"]) or (
            at.dep == "pobj"
            and head.text.lower() in cues["struck_preps"]
            and bool(deed_verbs(toks[head.head].lemma) & cues["place_verbs"])
        )
        division = after in _table()[1]  # "Chin state", "Cabo Delgado province"
        area_named = bool(AREA_AFTER.match(text, t.end))  # "in Igabi and Giwa local government areas"
        settled = area_named or after in cues["settlements"]
        community = after in cues["community_words"]  # "the Bilozerska community"
        placed = locative or struck or division or settled  # a place whatever its name
        if not placed and not community:
            continue
        first = t.i
        while first > 0 and toks[first - 1].dep == "compound" and toks[first - 1].pos == "PROPN":
            first -= 1
        start, end = toks[first].start, t.end
        name = text[start:end]
        if any(s < end and start < e for s, e in taken) or name.lower() in actor_names:
            continue
        if gaz.country(name) or len(name) < 3 or name.islower():  # "canton" tagged PROPN
            continue
        if name.lower() in cues["of_place"]:
            continue  # "at the University of Machakos": the noun of the place, not a town "University"
        if division:
            area = _admin1(gaz, name, start, end, seen)
            if area is not None:
                out.append(area)
                taken.append((start, end))
                continue
        if community:
            town = _community_town(gaz, name, focus)
            if town is not None:  # the community is the town and the villages around it
                out.append(_town_place(gaz, town, start, end, name, "city", 2))
                taken.append((start, end))
                continue
            if not placed:
                continue
        # a short name only where the text calls it a town ("the town of Kef", "Kef town")
        named_town = after in cues["settlements"] or (
            locative and head.text.lower() == "of" and toks[head.head].lemma in cues["settlements"]
        )
        found, floor = lookup(gaz, name, text, start, end, seen)
        found = [c for c in found if _admissible(gaz, seen, c, name)]
        home = [c for c in found if c.country_code == focus]
        if len(name) < 4 and not named_town and not any(c.population >= 50_000 for c in home):
            continue  # ("in Gao", a city of the story's country, is Gao)
        if struck and not locative and not any(c.population >= 5_000 for c in home):
            continue
        if home:
            best = max(home, key=lambda c: c.population)
        elif found and max(c.population for c in found) >= (1000 if focus else 5000):
            best = max(found, key=lambda c: c.population)
            if focus and (best.population < BIG_CITY or key(best.name) != key(name)):
                continue  # a namesake abroad: only a big city under its own name
        else:
            continue
        near = bool(relative.search(text[max(0, start - 60) : start]))
        place = _town_place(gaz, best, start, end, name, "city", 2 if near else floor)
        if _vouched(seen, best, name, found):
            out.append(place)
        else:
            doubtful.append((place, best, found))
        taken.append((start, end))
    told = replace(seen, towns_in=_towns_in([*found_so_far, *out]))
    out.extend(p for p, town, rivals in doubtful if _vouched(told, town, p.text, rivals))
    return sorted(out, key=lambda p: p.start)


def _community_town(gaz: Gazetteer, name: str, country: str) -> Candidate | None:
    """The town a community is named after by its adjective ("Bilozerska" -> Bilozerka), in
    the story's country: each of the table's endings replaced in turn, the first that names a
    town winning (the most populous of its namesakes)."""
    if not country:
        return None
    for ending, town_ending in _community_forms():
        if not name.lower().endswith(ending) or len(name) <= len(ending) + 2:
            continue
        found = [c for c in gaz.places(name[: -len(ending)] + town_ending) if c.country_code == country]
        if found:
            return max(found, key=lambda c: c.population)
    return None


@tables.table
def _community_forms() -> tuple[tuple[str, str], ...]:
    pairs = tables.load_yaml("places/places.yaml", ("community_forms",))["community_forms"]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list)
        and len(p) == 2
        and isinstance(p[0], str)
        and p[0]
        and isinstance(p[1], (str, type(None)))
        for p in pairs
    ):
        raise TableError("places/places.yaml", "community_forms", "needs [ending, town ending] pairs")
    return tuple((str(a).lower(), str(b or "")) for a, b in pairs)


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


def _compass(name: str) -> bool:
    """Whether the name is only a direction ("South", "North-East"), as several countries
    name areas."""
    bare = name.strip(" ,.;:")  # the tagger may take the comma of a list ("North,")
    m = DIRECTION.match(bare + " ")
    return m is not None and m.end() == len(bare) + 1


DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central)(?:[- ]?(?:east|west))?(?:ern)?|"
    r"(?:north|south)(?:east|west)ern)\s+",
    re.IGNORECASE,
)


def _weight(parsed: Parsed, last: int) -> float:
    """How much a country mention says about where the story is: "in Iraq" a lot, "US troops"
    or "Iraqi" little (they say whose, not where)."""
    tok = parsed.tokens[last]
    if tok.dep == "amod" and parsed.tokens[tok.head].lemma in _context_words()["border_words"]:
        return 0.0  # "fled towards the Malian border": the way out of the story's country
    if tok.dep == "pobj" and parsed.tokens[tok.head].lemma in (
        "in",
        "inside",
        "across",
        "throughout",
        "within",
    ):
        return 3.0
    if tok.dep in ("compound", "amod", "nmod") or tok.ent == "NORP":
        return 0.5
    return 1.0


def _also_elsewhere(gaz: Gazetteer, name: str, cc: str) -> bool:
    """A country's name that is also a state or a city of another country ("Georgia"
    beside Atlanta): it widens the countries a place may lie in but never closes them."""
    name = _region(_strip(name))[0]
    return any(o != cc for o, a in gaz.admin1_named(name, None) if key(a) == key(name)) or any(
        c.country_code != cc and c.population >= BIG_CITY and key(c.name) == key(name)
        for c in gaz.places(name)
    )


def _away(parsed: Parsed, last: int) -> bool:
    """A country named as the way in or out ("refugees from Sudan", "the border with
    Tanzania"), not as where things happen."""
    tok = parsed.tokens[last]
    if tok.dep != "pobj":
        return False
    prep = parsed.tokens[tok.head]
    words = _context_words()
    return prep.lemma in words["away_preps"] or parsed.tokens[prep.head].lemma in words["border_words"]


THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s$")


def _strip(name: str) -> str:
    return POSSESSIVE.sub("", THE.sub("", name.strip()))


def _region(name: str) -> tuple[str, bool]:
    """("Nigeria", True) for "north-east Nigeria": a part of a country."""
    stripped = DIRECTION.sub("", name)
    return stripped, stripped != name


@cache
def _actor_keys() -> frozenset[str]:
    data = tables.load_yaml("actors/actors.yaml", ("actors",))
    return frozenset(n.lower() for a in data["actors"] for n in [a["name"], *a.get("aliases", [])])


@cache
def _actor_countries(local: bool = True, states: bool = True) -> dict[str, frozenset[str]]:
    """The countries the dictionary's actors belong to, by each name and alias (with
    ``local``, local ones too: "ASWJ" is Mozambique's insurgents or a Somali militia), in
    lowercase; acronyms as written. Without ``local``, the countries each fights in; without
    ``states``, no state's forces ("US troops" fight abroad too)."""
    data = tables.load_yaml("actors/actors.yaml", ("actors",))
    out: defaultdict[str, set[str]] = defaultdict(set)
    for a in data["actors"]:
        if not states and a.get("inter") == 1:
            continue
        home = [a["country"]] if a.get("country") else []
        if not local:
            # where a group fights; a foreign force (inter 8: Wagner, a UN mission's troops)
            # fights away from its own country
            home = a.get("active_in") or (home if a.get("inter") != 8 else [])
        named = [(n, home) for n in [a["name"], *a.get("aliases", [])]]
        if local:
            named += [(n, a.get("local_in") or home) for n in a.get("local_aliases", [])]
        for n, where in named:
            # an acronym only in its own case: "LeT" is Lashkar-e-Taiba, "Let" a word
            out[n if _acronym(n) else n.lower()].update(where)
    return {k: frozenset(v) for k, v in out.items()}


def _acronym(name: str) -> bool:
    return any(c.isupper() for c in name[1:]) and " " not in name


def _with(place: Place, **changes: object) -> Place:
    return replace(place, **changes)  # type: ignore[arg-type]


def _country(gaz: Gazetteer, name: str, start: int, end: int, demonym: bool = False) -> Place | None:
    found = gaz.country(name)
    if not found or (found[1] != "name" and not demonym):
        return None
    c = gaz.countries[found[0]]
    return Place(start, end, name, c.name, "country", c.name, c.code, c.iso, "", c.geonameid, None, None, 4)


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
    options.sort(key=lambda o: (o[0] != focus, -mentions.get(o[0], 0.0), key(o[1]) != key(name), o))
    if not options:
        return None
    cc, admin = options[0]
    if (
        focus
        and cc != focus
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


def _named_region(gaz: Gazetteer, name: str, start: int, end: int) -> Place | None:
    """A continent or a region of the table ("Darfur", "the Middle East")."""
    found = gaz.region(name)
    if found is None:
        return None
    region, cc, lat, lon = found
    return _in(gaz, cc, start, end, name, region, "region", "", None, lat, lon, 4)


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
    best = 0.0
    for name, lat, lon, _, _ in seen.anchors:
        if name != own:
            best = max(best, math.exp(-distance_km(lat0, lon0, lat, lon) / 100.0))
    return best


AREA_WORDS = r"(county|parish|borough|district|lga|local\s+government(?:\s+area)?)"
COUNTY = re.compile(rf"(.+?)\s+{AREA_WORDS}$", re.IGNORECASE)
COUNTY_WORD = re.compile(rf"\s*{AREA_WORDS}\b", re.IGNORECASE)
# "Igabi and Giwa local government areas", "Kutru district": the names of areas called after
# their seats, which ACLED codes to the seat at geo_precision 2, not as the town itself
AREA_AFTER = re.compile(
    r"(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)*"
    r"\s+(?i:(?:county|counties|district|lga|local\s+government\s+area|township|sub-?county|area)s?)\b"
)


def _county(
    gaz: Gazetteer, seen: Scene, name: str, start: int, end: int, after: str, bare: bool = False
) -> Place | None:
    """A second-level area: a US county ("Rapides Parish", "Orange County"), a district or
    LGA ("Gwoza LGA"), in a state the article names if it names one of the candidates'
    states. ``bare``: the name has no such word ("Cambridgeshire"), so only an area in a
    country of the story will do."""
    word = COUNTY_WORD.match(after)
    if not (COUNTY.match(name) or word or bare):
        return None
    stem = COUNTY.match(name)
    found = gaz.counties(name) or gaz.counties(stem[1] if stem else f"{name} county")
    found = [f for f in found if seen.allows(f.country_code)]
    homes = {cc for cc, _ in gaz.admin1_named(stem[1] if stem else name, None)} & (seen.named | {seen.focus})
    if homes and not any(f.country_code in homes for f in found):
        return None  # "Meru County": a first-level area of Kenya, not Tanzania's Meru district
    own = key(name)
    if bare:
        if re.match(r"\s*(?:village|town|hamlet|settlement)\b", after):
            return None  # "Njaba village" is no district, whatever district bears its name
        found = [
            f
            for f in found
            if (f.country_code in seen.mentions or f.country_code == seen.focus)
            # where the story names areas of that country, one of them holds the district
            and (
                not any(cc == f.country_code for cc, _ in seen.areas)
                or seen.area_named(f.country_code, f.admin1_code, own)
            )
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
    if not best.at_town and nearby:  # a county of the story's towns lies among them
        lat, lon = sum(p[0] for p in nearby) / len(nearby), sum(p[1] for p in nearby) / len(nearby)
    if word and not COUNTY.match(name):  # "Rapides" tagged alone: the toponym is "Rapides Parish"
        end += word.end()
        name = seen.text[start:end]
    admin1 = gaz.admin1_name(best.country_code, best.admin1_code)
    # ACLED codes a district to its town, or the middle of its towns, at precision 2; a US
    # county with no town of its name lies at the middle of its state's towns (the index
    # knows no county's own towns) and says no more than the state
    told = 3 if best.country_code == "US" and not (best.at_town or nearby) else 2
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
    near = seen if near_spellings else None  # towns one edit away, in the story's country
    candidates, floor = lookup(gaz, town, seen.text, start, end, near) if town else ([], 1)
    if not given:
        # a loose spelling ("Phyu" ~ Phayu) only in the story's own countries: a
        # neighbour's namesake is a misreading
        candidates = [c for c in candidates if _admissible(gaz, seen, c, town)]
    precision = max(precision, floor)
    if not candidates:
        return None
    focus, mentions = seen.focus, seen.mentions
    best = max(candidates, key=lambda c: _score(c, seen, key(town)))
    # An obscure namesake abroad is likelier a misread word than a place of the story; the
    # first reading of this very name does not vouch for its country.
    cc = best.country_code
    support = mentions.get(cc, 0.0) - (2.0 if key(town) in seen.towns_in.get(cc, frozenset()) else 0.0)
    # A big city abroad counts only under its own name, not a nickname ("Kaakong", Shaoguan).
    own_name = key(best.name) == key(town)
    if not given and focus and cc != focus and support <= 0 and (best.population < BIG_CITY or not own_name):
        return None
    if not given and not _vouched(seen, best, town, candidates):
        return None
    return _town_place(gaz, best, start, end, name, kind, precision)


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
    suffix = SUFFIX.match(name)  # "Isiolo South" is Isiolo's constituency
    if key(town.name) in (key(name), key(suffix[1]) if suffix else None):
        return unrivalled
    return town.exact and town.population >= BIG_CITY and unrivalled


SUFFIX = re.compile(
    r"(.+?)\s+(central|north|south|east|west|town|city|county|township|district|sub-?county|constituency|municipality|commune)$",
    re.IGNORECASE,
)


def lookup(
    gaz: Gazetteer, name: str, text: str, start: int, end: int, seen: Scene | None = None
) -> tuple[list[Candidate], int]:
    """Towns called ``name``, else (for "Kisumu Central", "Thika Town") the town the name
    starts with, else a town of the story's focus country spelt within an edit of it
    ("Machokos"; in the areas the story names, where it names some), in the countries of
    the areas bracketed with it if there are any; the int is the least geo_precision such
    a match allows."""
    found, floor = gaz.places(name), 1
    if len(name) <= 3:  # "San" is a town's own name, not San Diego's nickname
        found = [c for c in found if loose(c.name) == loose(name)]  # "Kef" is El Kef
    suffix = SUFFIX.match(name)
    if not found and suffix:
        found, floor = gaz.places(suffix[1]), 1 if suffix[2].lower() in ("town", "city") else 2
    village = re.match(r"\s+(?:village|hamlet)\b", text[end : end + 12], re.IGNORECASE)
    if AREA_AFTER.match(text, end):
        floor = max(floor, 2)
    spelt = suffix[1] if suffix else name
    if not found and seen is not None and not village and _misspelt(gaz, spelt):
        # a village is its own place, not a town spelt like it ("Pang Oong" is no Panglong)
        found = _near_spellings(gaz, seen, spelt)
    held = _held_by(gaz, text, start, end)
    found = [c for c in found if not held or c.country_code in held]
    found = _near_its_town(gaz, text, end, found)
    owner = _owner(gaz, text, start)
    inside = [c for c in found if (c.country_code, c.admin1_code) in owner or (c.country_code, "") in owner]
    area = held_in(gaz, text, end)
    if area:  # "Rafah (Rafah, North Sinai)": a town of that area, else at least of its country
        within = [c for c in inside or found if (c.country_code, c.admin1_code) in area]
        return within or [c for c in inside or found if c.country_code in {cc for cc, _ in area}], floor
    return inside or found, floor


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


OWNER = re.compile(r"([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})['’]s\s+$")


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


def story_province(gaz: Gazetteer, topo: Toponyms) -> Place | None:
    """The first-level area that every place of the story lies in, when they all lie in one:
    an event the text places nowhere happened there at least (ACLED then codes the province,
    at precision 3); None when the story's places span areas or countries."""
    placed = [
        p
        for p in topo.places
        if p.kind in ("city", "facility", "admin2", "admin1")
        and p.admin1
        and p not in topo.references
        and p.start >= topo.dateline_end  # "TRIPOLI, Lebanon —": where the story was filed
    ]
    if len({(p.country_code, p.admin1) for p in placed}) != 1 or (
        topo.home and placed[0].country_code != topo.home
    ):
        return None
    first = placed[0]
    return replace(first, precision=3) if first.kind == "admin1" else province_place(gaz, first)


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
    suffix = SUFFIX.match(name)
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
    owner = _owner(gaz, seen.text, start)
    if owner:
        parts.append("owned by " + ", ".join(gaz.admin1_name(cc, code) or cc for cc, code in sorted(owner)))
    town = row.get("kind") in ("city", "facility") or not row.get("resolved")
    own = key(name)
    kept = sorted((c for c in towns if seen.allows(c.country_code)), key=lambda c: -_score(c, seen, own))
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
    elif abroad:
        parts.append("unresolved: no reading in the story's countries")
    else:
        parts.append("unresolved: no place of this name in the gazetteer")
    return "; ".join(parts)
