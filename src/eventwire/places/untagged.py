"""Places the tagger missed or only refers to: towns after a locative preposition or
before "town", "the town" told before, a city's quarters ("the Gulzarnagar area") and
capitals told without their names ("the Senegalese capital")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..actors.names import actor_keys
from ..gazetteer import Candidate, Gazetteer, key
from ..nlp import dateline_end, deed_verbs
from ..records import Parsed, Place, Token
from .build import _town_place
from .candidates import _admissible, _vouched, lookup
from .story import Scene, _towns_in
from .toponym import _admin1, resolve_name
from .words import (
    BIG_CITY,
    NOT_PLACES,
    PLACE_LABELS,
    POSSESSIVE,
    _community_forms,
    _context_words,
    _overlaps,
    _table,
    area_after,
    town_nouns,
)


def _the_town(
    parsed: Parsed, places: list[Place], missing: tuple[tuple[int, int, str], ...], filed: int
) -> list[Place]:
    """ "in the town", "over the village": the place told last before it as a town (or a
    village: the same word) when that is a place we know ("the Tunisian town of Kef ...
    police opened fire on demonstrators in the town"), else the town named last; never the
    dateline's, nor any when the one meant is a place we could not resolve ("the village of
    Ntombi ... the health centre in the village"). Only a bare "the town" refers back: one
    with a name ("the town of Kebili"), a kind ("the border town") or a role ("the town
    hall") does not. "This town" is the dateline's: where a local paper files from."""
    toks = parsed.tokens
    towns = [p for p in places if p.kind == "city" and p.precision == 1 and p.start >= filed]
    home = [p for p in places if p.kind == "city" and p.end <= filed]

    def known(j: int) -> Place | None:
        return next((p for p in towns if p.start <= toks[j].start < p.end), None)

    told: list[tuple[int, Place | None, str]] = [(p.end, p, "") for p in towns]
    told += [(end, None, "") for _, end, _ in missing]
    for t in toks:  # "the village of Ntombi", "Ntombi village": a place told as a village
        if t.lemma not in town_nouns():
            continue
        name = _of_what(parsed, t.i)
        if name is None and toks[t.i - 1].pos == "PROPN" and toks[t.i - 1].dep == "compound":
            name = t.i - 1
        if name is not None:
            told.append((max(t.end, toks[name].end), known(name), t.lemma))
    told.sort(key=lambda n: n[0])
    out = []
    for t in toks:
        if t.lemma not in town_nouns() or t.tag != "NN" or t.dep == "compound" or t.ent:
            continue
        kids = parsed.children(t.i)
        det = kids[0] if len(kids) == 1 and toks[kids[0]].dep == "det" else None
        named_before = any(p.start < t.start for p in towns)
        if det is not None and toks[det].lemma == "this" and det == t.i - 1 and home and not named_before:
            # "in a mountain village of this town": a local paper's own town, its dateline's
            # (after another town was named, that town: "a second blast hit a market in this town")
            start = toks[det].start
            out.append(replace(home[0], start=start, end=t.end, text=parsed.article.text[start : t.end]))
            continue
        if det is None or toks[det].lemma not in ("the", "this") or det != t.i - 1:
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


def _quarters(
    parsed: Parsed, gaz: Gazetteer, found: list[Place]
) -> tuple[list[Place], list[tuple[int, int]]]:
    """A part of a city the gazetteer does not know, told as one ("the Gulzarnagar area",
    "the mainly Shiite district of Almarat"): ACLED's "City - Quarter" at the city's
    point, precision 1, when a city of 100,000 or more was placed before it in its paragraph
    (for "district", in its sentence: elsewhere a district is a second-level area) or is
    the one it is told of ("the Gulzarnagar area of Karachi"); not a speaker's city ("Police
    in Lagos said ... in the Oworo area"), nor a name of an area ("the Ogun area"). The span runs from the
    quarter's noun, which the event's clause reaches first. Also the spans of names told as
    a quarter of "the city" when the text leaves open which city that is: no place at all
    (not a town elsewhere of the quarter's name)."""
    toks = parsed.tokens
    cities = [p for p in found if p.kind == "city" and p.precision == 1 and p.population >= BIG_CITY]
    taken = [(p.start, p.end) for p in found]
    out, unplaced = [], []
    # (for "the city's X district": the story's country and the dateline's city)
    home = Counter(p.country_code for p in found).most_common(1)[0][0] if found else ""
    filed = [c for c in cities if c.end <= dateline_end(parsed.article.text)]
    for t in toks:
        if t.lemma not in _context_words()["quarters"] or t.pos != "NOUN":
            continue
        pobj = _of_what(parsed, t.i)
        # "the Gulzarnagar area of Karachi": the city the quarter is told of
        owner = next((c for c in cities if pobj is not None and c.start <= toks[pobj].start < c.end), None)
        # "the city's Kyivskyi district": a quarter of the city told before, whatever town
        # elsewhere has its name
        citys = any(toks[c].dep == "poss" and toks[c].lemma in town_nouns() for c in parsed.children(t.i))
        if owner is None and pobj is not None and toks[pobj].pos == "PROPN":
            first, last = pobj, pobj  # "the district of Almarat"
            while first > 0 and toks[first - 1].pos == "PROPN" and toks[first - 1].head == pobj:
                first -= 1
        elif (
            (t.lemma != "district" or citys)
            and t.i > 0
            and toks[t.i - 1].pos == "PROPN"
            and toks[t.i - 1].head == t.i
        ):
            first, last = t.i - 1, t.i - 1  # "the Gulzarnagar area", "the Sabon Gari district"
            while first > 0 and toks[first - 1].pos == "PROPN" and first <= toks[first - 1].head <= t.i:
                first -= 1
        else:
            continue
        if _overlaps(taken, toks[first].start, toks[last].end) and not citys:
            continue
        sent = parsed.sent_of(t.i)
        near = [
            c
            for c in cities
            if c.end <= toks[first].start
            and (
                sent.paragraph - parsed.sent_of(parsed.token_at(c.start)).paragraph in (0, 1)
                if citys
                else sent.start <= c.start
                if t.lemma == "district"
                else parsed.sent_of(parsed.token_at(c.start)).paragraph == sent.paragraph
            )
            # "Police in Maiduguri said ... in the Sambisa area": where the speaker is
            and not _in_subject(parsed, parsed.token_at(c.start))
        ]
        quarter = parsed.article.text[toks[first].start : toks[last].end]
        if gaz.admin1_named(quarter, None, exact=True):
            continue  # "the Ogun area": a state, not a part of the city (a city's districts may be admin2)
        if citys and owner is None:
            # "the city's Kyivskyi district": the one city of the story's country named in
            # its paragraph or the one before, the dateline's too (not Istanbul, where talks
            # were held; with Kyiv and Kharkiv both named, no city)
            named = {c.geonameid: c for c in [*filed, *near] if c.country_code == home}
            if len(named) != 1:
                unplaced.append((toks[first].start, toks[last].end))
                continue
            near = list(named.values())
        if owner is not None:
            city = owner
        elif not near or (
            not citys and any(_told_as_place(parsed, j) for j in range(parsed.token_at(near[-1].end), first))
        ):
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
    return out, unplaced


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
            elif k.dep == "poss" and k.lemma.lower() in ("country", "nation") and focus:
                cc, first = focus, min(first, c)  # "the country's capital": the story's country
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
    actor_names = actor_keys()
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
            or (head.text.lower() == "of" and toks[head.head].text.lower() in cues["locative_preps"])
        )  # ("outside of Garissa")
        # "Russian missiles struck Kharkiv", "the RSF shelled El Fasher", "a strike on
        # Bilozerka", "the shelling of Avdiivka": only a town of the story's country, of some
        # size (a person can be attacked too)
        struck = (at.dep == "dobj" and head.lemma in cues["place_verbs"]) or (
            at.dep == "pobj"
            and head.text.lower() in cues["struck_preps"]
            and bool(deed_verbs(toks[head.head].lemma) & cues["place_verbs"])
        )
        division = after in _table()[1]  # "Chin state", "Cabo Delgado province"
        area_named = bool(area_after().match(text, t.end))  # "in Igabi and Giwa local government areas"
        settled = area_named or after in cues["settlements"]
        community = after in cues["community_words"]  # "the Bilozerska community"
        placed = locative or struck or division or settled  # a place whatever its name
        if not placed and not community:
            continue
        first = t.i
        while first > 0 and (
            (toks[first - 1].dep == "compound" and toks[first - 1].pos == "PROPN")
            or _hyphened(toks, first)  # "Kaga-Bandoro": one name the tokenizer cut at its hyphen
        ):
            first -= 2 if _hyphened(toks, first) else 1
        start, end = toks[first].start, t.end
        name = text[start:end]
        if any(s < end and start < e for s, e in taken) or name.lower() in actor_names:
            continue
        if gaz.country(name) or len(name) < 3 or name.islower():  # "canton" tagged PROPN
            continue
        if name.lower() in cues["of_place"]:
            continue  # "at the University of Machakos": the noun of the place, not a town "University"
        # (the area's word may be the name's last word: "in Donetsk Oblast", which is
        # Ukraine's province, not Russia's town of Donetsk in a story Russia's army tells)
        stem, _, word = name.rpartition(" ")
        if division or (stem and word.lower() in _table()[1]):
            area = _admin1(gaz, name if division else stem, start, end, seen)
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
        found, floor = lookup(gaz, name, seen, start, end)
        found = [c for c in found if _admissible(gaz, seen, c, name)]
        home = [c for c in found if c.country_code == focus]
        if len(name) < 4 and not named_town and not any(c.population >= 50_000 for c in home):
            continue  # ("in Gao", a city of the story's country, is Gao)
        # (or a big city of a country beside it under its own name: "Russian missiles hit
        # Kyiv" in a story the attacker's country names)
        beside = gaz.countries[focus].neighbours if focus in gaz.countries else ()
        abroad = [
            c
            for c in found
            if c.country_code in beside and c.population >= BIG_CITY and key(c.name) == key(name)
        ]
        if struck and not locative and not any(c.population >= 5_000 for c in home) and not abroad:
            continue
        if home:
            best = max(home, key=lambda c: c.population)
        elif found and max(c.population for c in found) >= (1000 if focus else 5000):
            best = max(found, key=lambda c: c.population)
            # (or under another spelling in a country the text names: "Zaporizhzhia" for
            # Zaporizhzhya in a story Russia's strikes lead, Ukraine named)
            if focus and (
                best.population < BIG_CITY
                or (key(best.name) != key(name) and best.country_code not in seen.named)
            ):
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


def _modifiers(parsed: Parsed, gaz: Gazetteer, seen: Scene, found_so_far: list[Place]) -> list[Place]:
    """A town's or area's name that qualifies the people who do the deed ("Mombasa residents
    protested") or the site it hits ("burned down the Garissa market", "the Mandera County
    Assembly"), which the tagger often takes for a nationality or leaves untagged: a town of
    the story's country by that name, or an area told with its word (in a text that names no
    country, only a city of 100,000 or more). Not the home of a deed's victims ("killed five
    Mombasa traders"), nor an institution's name ("Columbia University"), nor a people's
    name that is also a region's ("Amhara villagers")."""
    toks = parsed.tokens
    text = parsed.article.text
    taken = [(p.start, p.end) for p in found_so_far]
    cues = _context_words()
    actor_names = actor_keys()
    home = seen.home_countries()
    out: list[Place] = []
    i = 0
    while i < len(toks):
        if not _plain_name(toks[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and _plain_name(toks[j + 1]) and toks[j + 1].dep == "compound":
            j += 1
        for last in range(j, i - 1, -1):
            held = _qualifies(parsed, last, cues)
            if not held or (held == "people" and any(t.ent == "PERSON" for t in toks[i : last + 1])):
                continue  # (a name taken for a person's may still name a site: "the Garissa market")
            start, end = toks[i].start, toks[last].end
            name = text[start:end]
            if (
                _overlaps(taken, start, end)
                or len(name) < 4
                or name.lower() in actor_names
                or gaz.country(name)
            ):
                continue
            place = resolve_name(gaz, seen, name, start, end, given=False, near_spellings=False)
            if place is None or place.kind not in ("city", "admin1", "admin2"):
                continue
            if place.kind != "city" and toks[last].text.lower() not in _table()[1]:
                continue  # (an area only with its word: "Mandera County", not "Amhara villagers")
            if home and place.country_code not in home:
                continue
            if not home and place.kind == "city" and place.population < BIG_CITY:
                continue  # (with no country named: a city known abroad)
            out.append(place)
            taken.append((start, end))
            break
        i = j + 1
    return out


def _plain_name(tok: Token) -> bool:
    """A proper noun the tagger calls no date or number."""
    return tok.pos == "PROPN" and tok.ent not in NOT_PLACES


def _qualifies(parsed: Parsed, last: int, cues: dict[str, frozenset[str]]) -> str:
    """What the name ending at token ``last`` qualifies right after it: "people" who do the
    deed (the subject: "Mombasa residents protested"), a "site" (hit, or where it happened:
    "burned down the Garissa market", "in the Mandera County Assembly"), else ""."""
    toks = parsed.tokens
    if last + 1 >= len(toks):
        return ""
    noun = toks[last + 1]
    if noun.lemma.lower() in cues["held_people"] or noun.text.lower() in cues["held_people"]:
        return "people" if noun.dep in ("nsubj", "nsubjpass") else ""
    if noun.lemma.lower() in cues["held_sites"]:
        return "site" if noun.dep in ("dobj", "pobj", "nsubj", "nsubjpass") else ""
    return ""


def _hyphened(toks: tuple[Token, ...], i: int) -> bool:
    """Token ``i`` is joined with no space by a hyphen to a proper noun before it."""
    return (
        i > 1
        and toks[i - 1].text == "-"
        and toks[i - 2].pos == "PROPN"
        and toks[i - 2].end == toks[i - 1].start
        and toks[i - 1].end == toks[i].start
    )


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
