"""What the article says about where it is before any one name is resolved (``Scene``):
the countries it names and implies, the first-level areas it names, its focus country; and
the scene again once a first reading has placed the names (``settle``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

from .. import tables
from ..actors.names import actor_countries
from ..gazetteer import Gazetteer, key
from ..nlp import dateline, dateline_end
from ..records import Parsed, Place
from .build import point
from .context import STATE_AFTER_TOWN, _after_a_town, _near_elsewhere, containers
from .words import (
    BIG_CITY,
    NOT_PLACES,
    PLACE_LABELS,
    _compass,
    _context_words,
    _overlaps,
    _region,
    _strip,
    _table,
    _tokens_in,
    settlement_words,
    within_preps,
)


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
    places: frozenset[int] = frozenset()  # where the names the tagger calls places start

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
        and (found := gaz.country(_country_words(gaz, ent.text)))
        and (ent.label in ("GPE", "NORP", "LOC") or found[1] == "name")
    ]
    formal = _formal_names([(_country_words(gaz, ent.text), found[0]) for ent, found in named])
    said: set[str] = set()
    for ent, found in named:
        cc = formal.get(key(_country_words(gaz, ent.text)), found[0])
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
        # (or taken for a person where it qualifies a noun: "the Nigerien army")
        qualifies = (
            t.ent == "PERSON" and t.dep in ("compound", "amod") and parsed.tokens[t.head].pos == "NOUN"
        )
        if (t.ent in ("", "ORG") or qualifies) and t.text[:1].isupper() and t.tag in ("JJ", "NNP", "NNPS"):
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
        mentions[parsed.article.country] += 1.0  # (named: after the focus is chosen)
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
            # (a name some country spells otherwise names no one country: "Cameroon's Northwest
            # region" is its North-West, not Iceland's Northwest)
            spellings = {cc for cc, _ in owners}
            written = [o for o in exact if key(o[1]) in (key(name), key(stem))]
            owners = written or exact  # "Lamu" is Kenya's Lamu, not the Maldives' Laamu
            if _near_elsewhere(gaz, text, ent.end, {cc for cc, _ in owners}):
                continue  # a village near a town names no area away from it
            areas_named.extend(owners)
            towns = [] if worded else gaz.places(name)
            big_town = any(c.population >= 50_000 and c.country_code != o[0] for c in towns for o in owners)
            # "its Northeast and East operational zones" name no country's areas
            one = len({cc for cc, _ in owners}) == 1 and (len(spellings) == 1 or not _compass(name))
            # (a name the text calls a settlement, "the village of Arima", names by its area
            # no country the text does not name otherwise: not Trinidad by its Arima borough)
            # (but "Muse township of Shan State" calls the town before it one: the area's own
            # word says what it is)
            town_said = (
                not worded and _called_a_settlement(text, ent.start, ent.end) and owners[0][0] not in mentions
            )
            if one and not big_town and not town_said and (worded or not _compass(name)):
                mentions[owners[0][0]] += 1.0
                # "Grad rockets": a name that only qualifies a noun names no (Slovenian) area
                if (
                    worded
                    or ent.label in ("GPE", "LOC")
                    or parsed.tokens[ent.last].dep not in ("compound", "amod")
                ):
                    said.add(owners[0][0])
    # "in Irobo village, Shinyalu, Kakamega county": an area the tagger left untagged, told
    # with its own word, names its country as a tagged one does
    tagged = [(e.start, e.end) for e in parsed.ents]
    for m in _untagged_areas().finditer(text, opening):
        if _overlaps(tagged, m.start(1), m.end(1)):
            continue
        owners = [o for o in gaz.admin1_named(m[1], None, exact=True) if key(o[1]) == key(m[1])]
        if len({cc for cc, _ in owners}) != 1 or _near_elsewhere(gaz, text, m.end(), {owners[0][0]}):
            continue
        areas_named.extend(owners)
        mentions[owners[0][0]] += 1.0
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
    acronyms = _untagged_acronyms(parsed)
    # (a country named only as beyond a border is no focus: "the river, which borders Tanzania")
    # (of two as weighty, a country the text names as such, then the feed's: "Somalia's army
    # said ..." in a Kenyan feed is Somalia's story; "taken to Sudanese territory" in a Chadian
    # feed is Chad's)
    feed = parsed.article.country
    focus = (
        max(mentions, key=lambda cc: (mentions[cc], cc in said, cc == feed)) if any(mentions.values()) else ""
    )
    if feed:
        said.add(feed)
    if not focus:
        # a text that names no country or place of one ("Clashes were reported between the
        # TNLA and government troops") is in the one country its named armed groups fight in
        # (not a country inside an organisation's name, which _implied reads for the gate)
        homes = _operating_in(parsed, acronyms)
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
    local = said | _implied_by(parsed, None, actor_countries(states=False), acronyms)
    strong = local | _implied(parsed, gaz, acronyms)
    clues = strong | set(mentions) if strong else set()
    # (the neighbours of the countries the text names or implies, not of one it only has a
    # demonym of: "the French energy group TotalEnergies" opens France, not Spain's Palma)
    allowed = clues | {n for cc in strong if cc in gaz.countries for n in gaz.countries[cc].neighbours}
    return Scene(
        text,
        focus,
        dict(mentions),
        areas,
        opening,
        allowed=frozenset(allowed),
        named=frozenset(said),
        soft=bool(strong) and not local,
        places=frozenset(e.start for e in parsed.ents if e.label in PLACE_LABELS),
    )


def _owners(gaz: Gazetteer, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The first-level areas called ``name`` under any spelling, and those under one of
    their own names (a loose spelling alone, "Susee" ~ Sousse, names no country)."""
    return gaz.admin1_named(name, None), gaz.admin1_named(name, None, exact=True)


LEAD_WORDS = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,2}(?:(?:da|de|do|dos|das|del|al|el|la)\s+)?)$")


def _ends_a_town(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """The name at [start, end) is the end of a town's name that the tagger cut short
    ("Mocimboa da" before "Praia", "Ponta do" before "Ouro")."""
    return whole_town(gaz, text, (start, end))[0] != start


def whole_town(gaz: Gazetteer, text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span with the capitalised words before it that the tagger left out of a town's
    name ("Goz" of "Goz Beida": Beida alone is Libya's Al Bayda), when the whole is a town's
    own name, the longest such name first."""
    start, end = span
    m = LEAD_WORDS.search(text[max(0, start - 40) : start])
    if m is None:
        return span
    lead = start - len(m[1])
    for word in re.finditer(r"\S+", m[1]):
        name = text[lead + word.start() : end]
        if any(key(c.name) == key(name) for c in gaz.places(name)):
            return lead + word.start(), end
    return span


def _called_a_settlement(text: str, start: int, end: int) -> bool:
    """The text calls the name a settlement ("the village of Arima", "Arima town"): it names
    no first-level area (Trinidad's Arima borough); "Kakamega county" is an area's own word."""
    words = settlement_words() - _table()[1]
    before = re.search(r"(\w+)\s+of\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+(\w+)(?!\s+of\b)", text[end : end + 24])  # (not "the West Bank city of")
    return bool(before and before[1].lower() in words) or bool(after and after[1].lower() in words)


def _names_a_thing(parsed: Parsed, start: int, end: int) -> bool:
    """The name at [start, end) only qualifies a thing named after a place ("Grad rockets",
    "Scud missiles"): it says where nothing happened."""
    tok = next(reversed(list(_tokens_in(parsed, start, end))), None)
    if tok is None:
        return False
    head = parsed.tokens[tok.head]
    return tok.dep in ("compound", "amod", "nmod") and head.lemma.lower() in _context_words()["named_things"]


def _implied(parsed: Parsed, gaz: Gazetteer, acronyms: list[str]) -> set[str]:
    """Countries the text implies without naming them as places: the home countries of
    the dictionary's actors it names ("the KIA", "ASWJ militants") and countries, or their
    people, inside an organisation's name ("the Myanmar Army", "the Nigerien army")."""
    return _implied_by(parsed, gaz, actor_countries(), acronyms)


def _operating_in(parsed: Parsed, acronyms: list[str]) -> set[str]:
    """The countries the dictionary's actors the text names fight in (``active_in``, else
    their own; none for a local alias, which names them only where they are): "the TNLA" is
    Myanmar's alone, "ISWAP" fights in four."""
    return _implied_by(parsed, None, actor_countries(local=False), acronyms)


def _implied_by(
    parsed: Parsed, gaz: Gazetteer | None, homes: dict[str, frozenset[str]], acronyms: list[str]
) -> set[str]:
    """The countries of ``homes`` that the text's entities and ``acronyms`` name."""
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
    for phrase in acronyms:
        out.update(homes.get(phrase) or ())
    return out


def _untagged_acronyms(parsed: Parsed) -> list[str]:
    """The dictionary's acronyms that the tagger left outside any entity ("2 ASWJ militants
    were killed"): a name in capitals is the group's wherever it stands, while a run of
    common words ("Islamist militants") says nothing of a country unless tagged."""
    text = parsed.article.text
    known = _acronyms()
    starts = sorted((e.start, e.end) for e in parsed.ents)
    out = []
    for m in CAPITALS.finditer(text):
        if m[0] not in known:
            continue
        n = bisect_right(starts, (m.start(), len(text))) - 1
        if n < 0 or starts[n][1] <= m.start():
            out.append(m[0])
    return out


CAPITALS = re.compile(r"\b[A-Z0-9]*[A-Z][A-Z0-9]*\b")  # a word in capitals ("ASWJ", "M23")


@tables.made_from_tables
@cache
def _acronyms() -> frozenset[str]:
    """The actor dictionary's names of one word of three or more capitals ("ASWJ", "ISWAP")."""
    return frozenset(n for n in actor_countries() if " " not in n and n.isupper() and len(n) >= 3)


def _formal_names(named: list[tuple[str, str]]) -> dict[str, str]:
    """Short country names that stand for a country the article names by its formal name
    ("Congo" beside "the Democratic Republic of Congo"), by key, with that country's code; a
    neighbour sharing the word ("Sudan" beside "South Sudan") is not one."""
    out: dict[str, str] = {}
    # each name once, in the order of its last mention (so the last match still wins)
    named = list(reversed(dict.fromkeys(reversed(named))))
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


@cache
def _untagged_areas() -> re.Pattern[str]:
    """One or two capitalised words before an area word of the table ("Kakamega county")."""
    words = "|".join(map(re.escape, sorted(_table()[1])))
    return re.compile(rf"\b([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)\s+(?i:{words})\b")


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
    # (the dateline's town is where the reporter files from, weighed once already: "BANGKOK
    # (AP) — A Myanmar military air strike ... in Magway region" is a story of Myanmar)
    towns_in = _towns_in([p for p in first if p.start >= seen.dateline])
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
    # (a tie keeps the focus the text gave before)
    focus = (
        max(mentions, key=lambda cc: (mentions[cc], cc == seen.focus))
        if any(mentions.values())
        else seen.focus
    )
    return replace(
        seen,
        focus=focus,
        mentions=dict(mentions),
        areas=areas,
        anchors=tuple(anchors),
        towns_in=towns_in,
    )


def _weight(parsed: Parsed, last: int) -> float:
    """How much a country mention says about where the story is: "in Iraq" a lot, "US troops"
    or "Iraqi" little (they say whose, not where)."""
    tok = parsed.tokens[last]
    head = parsed.tokens[tok.head]
    borders = _context_words()["border_words"]
    if tok.dep == "amod" and head.lemma in borders:
        return 0.0  # "fled towards the Malian border": the way out of the story's country
    if (tok.dep == "pobj" and head.lemma == "with" and parsed.tokens[head.head].lemma in borders) or (
        tok.dep == "dobj" and head.lemma in borders
    ):
        return 0.0  # "at the border with Tanzania", "the river, which borders Tanzania": beyond it
    if tok.dep == "pobj" and parsed.tokens[tok.head].lemma in within_preps():
        return 3.0
    if _away(parsed, last):
        return 0.5  # "taken to Sudan", "refugees from Mali": where people went or came from
    if tok.dep in ("compound", "amod", "nmod") or tok.ent == "NORP":
        return 0.5
    return 1.0


def _country_words(gaz: Gazetteer, text: str) -> str:
    """The words of a tagged name that may name a country: the whole name when it is one
    ("South Sudan", not the south of Sudan), else the name without its compass word ("north-east
    Nigeria")."""
    name = _strip(text)
    return name if gaz.country(name) else _region(name)[0]


def _also_elsewhere(gaz: Gazetteer, name: str, cc: str) -> bool:
    """A country's name that is also a state or a city of another country ("Georgia"
    beside Atlanta): it widens the countries a place may lie in but never closes them."""
    name = _country_words(gaz, name)
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
