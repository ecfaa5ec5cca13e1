"""One mention told of several places: one event per place (ACLED's unit is a place and a day).

"Bombs in Gao and Timbuktu killed five and three people": two events, five dead in Gao and
three in Timbuktu; so is "killed five people in Gao and three in Timbuktu", the verb left
out of the second. "Gunmen killed 12 people in Bama and Gwoza": two events of six each, the
toll shared evenly as ACLED codes it (the record's notes say so). Only towns the mention's
own phrase coordinates ("in A and B") are split; an area or a country never is, nor the
ends of a stretch ("between A and B": one event, near A) - except places in different
countries ("sites in western Iraq and two in eastern Syria"): an event is in one country.
"""

from __future__ import annotations

from dataclasses import replace

from ..events import Found
from ..events.anchors import head_of
from ..events.fatalities import number
from ..places import Toponyms
from ..records import Parsed, Place

FIGURE_PREPS = ("in", "over", "near")  # a figure placed: "five in Gao", "three over Kursk", "two near Bama"


def by_place(parsed: Parsed, f: Found, topo: Toponyms) -> list[Found]:
    """``f`` as one mention per coordinated place, each with its own or its share of the toll."""
    if f.place is None:
        return [f]
    gapped = _gapped(parsed, f, topo)
    if gapped:
        # (figures of a deed that killed no one count something else: "12 drones ... three")
        return [replace(f, place=p, fatalities=t if f.fatalities else 0) for p, t in gapped]
    places = _countries(parsed, f, topo) if f.place.precision >= 4 else _coordinated(parsed, f.place, topo)
    if len(places) < 2 and f.place.precision >= 4 and _two_countries(parsed, f.place, topo):
        # ("neutralised 13 militants in northern Iraq and Syria, without giving locations": one
        # figure for two countries, which no record can place)
        return []
    if len(places) < 2:
        return [f]
    tolls = _own_tolls(parsed, f, len(places))
    shared = 0
    if tolls is None:
        share, extra = divmod(f.fatalities, len(places))
        tolls = [share + (extra if n == 0 else 0) for n in range(len(places))]
        shared = f.fatalities
    return [replace(f, place=p, fatalities=t, shared=shared) for p, t in zip(places, tolls, strict=True)]


def _coordinated(parsed: Parsed, place: Place, topo: Toponyms) -> list[Place]:
    """The place and those joined to it by "and" in the same phrase, in text order, each
    once, all below the country."""
    toks = parsed.tokens
    head = head_of(parsed, place.start, place.end)
    root = head
    while toks[root].dep == "conj" and toks[root].head != root:
        root = toks[root].head
    if toks[root].dep == "pobj" and toks[toks[root].head].lemma == "between":
        return []  # "on the road between Gao and Ansongo": one event, near the first
    chain = [root]
    for j in chain:
        chain.extend(c for c in parsed.children(j) if toks[c].dep == "conj" and toks[c].pos == "PROPN")
    if not any(toks[c].dep == "cc" and toks[c].lemma == "and" for j in chain for c in parsed.children(j)):
        return []  # "Gwoza, Borno State, Nigeria": one place and what holds it, not a list
    out: list[Place] = []
    for j in sorted(chain):
        found = next((p for p in topo.places if p.start <= toks[j].start < p.end), None)
        if found is None or found.precision >= 4:
            continue
        if any(p.name == found.name and p.country_code == found.country_code for p in out):
            continue
        out.append(found)
    if any(p.precision > 2 for p in out):
        return []  # an area may hold the town beside it, and areas are only where, roughly
    return out if any(p.start == place.start for p in out) else []


def _two_countries(parsed: Parsed, place: Place, topo: Toponyms) -> bool:
    """The place phrase joins two countries by "and" ("in northern Iraq and Syria")."""
    toks = parsed.tokens
    head = head_of(parsed, place.start, place.end)
    joined = [head, *(c for c in parsed.children(head) if toks[c].dep == "conj")]
    if toks[head].dep == "conj":
        joined.append(toks[head].head)
    countries = {
        p.country_code
        for j in joined
        for p in topo.places
        if p.start <= toks[j].start < p.end and p.kind == "country"
    }
    return len(countries) >= 2


def _countries(parsed: Parsed, f: Found, topo: Toponyms) -> list[Place]:
    """The places of the deed's coordinated objects when each is in another country ("struck
    three sites in western Iraq and two in eastern Syria"): ACLED codes an event per country."""
    toks = parsed.tokens
    chain = [c for c in parsed.children(f.trigger) if toks[c].dep in ("dobj", "nsubjpass")]
    for j in chain:
        chain.extend(c for c in parsed.children(j) if toks[c].dep == "conj")
    out: list[Place] = []
    for j in chain:
        preps = [c for c in parsed.children(j) if toks[c].dep == "prep" and toks[c].lemma in FIGURE_PREPS]
        for obj in (c for p in preps for c in parsed.children(p) if toks[c].dep == "pobj"):
            found = next((p for p in topo.places if p.start <= toks[obj].start < p.end), None)
            if found is not None:
                out.append(found)
    countries = {p.country_code for p in out}
    if len(out) < 2 or len(countries) < len(out) or f.place is None or f.place.country_code not in countries:
        return []
    return out


def _own_tolls(parsed: Parsed, f: Found, n: int) -> list[int] | None:
    """ "killed five and three people": one figure per place, in the order the places are told."""
    toks = parsed.tokens
    for v in f.victims:
        first = next((c for c in parsed.children(v) if toks[c].dep == "nummod"), None)
        if first is None:
            continue
        figures = [first, *(c for c in parsed.children(first) if toks[c].dep == "conj")]
        values = [number(toks[c].text) for c in figures]
        if len(values) == n and all(x is not None for x in values):
            return [x for x in values if x is not None]
    return None


def _gapped(parsed: Parsed, f: Found, topo: Toponyms) -> list[tuple[Place, int]]:
    """ "five people were killed in Nairobi, two in Nakuru and one in Kisumu": each place with
    the figure told beside it, the deed's verb left out after the first; the deed's own place
    and toll first unless it is an area the figures divide ("eight killed in Kenya: five in
    Nairobi ..."). Only places in the deed's country, below it; [] when the sentence tells no such list."""
    toks = parsed.tokens
    sent = parsed.sent_of(f.trigger)
    assert f.place is not None
    # the deed's verb, or the one its dead are told with ("five civilians died in Homs, three
    # in Hama ... when jets bombed markets")
    deeds = {f.trigger, *(toks[v].head for v in f.victims)}
    told: list[tuple[Place, int]] = []
    counted = 0  # of the figures, those the deed's toll already adds ("four people in Kosti and two")
    for j in range(sent.first, sent.last + 1):
        tok = toks[j]
        # (a figure in the list: joined to the one before, not the subject of a verb of its own,
        # "30 in Mombasa were wounded", nor a comparison, "up from two in Nakuru")
        listed = tok.dep in ("conj", "appos", "npadvmod", "dobj")
        n = number(tok.text) if tok.pos == "NUM" and listed else None
        if n is None or not any(_hangs_on(parsed, j, d) for d in deeds):
            continue
        if any(toks[k].ent in ("DATE", "TIME") for k in parsed.subtree(j)):
            return []  # "three in Timbuktu on Tuesday": a day of its own, not the deed's
        preps = [c for c in parsed.children(j) if toks[c].dep == "prep" and toks[c].lemma in FIGURE_PREPS]
        # (the object or a name before it: "the Kursk region")
        objs = [
            k
            for p in preps
            for c in parsed.children(p)
            if toks[c].dep == "pobj"
            for k in [c, *(m for m in parsed.children(c) if toks[m].dep == "compound")]
        ]
        place = next(
            (p for o in objs for p in topo.places if p.start <= toks[o].start < p.end and p.precision <= 3),
            None,
        )
        if place is None or place.country_code != f.place.country_code:
            return []  # a figure of something else ("two in hospital"): no list of places
        told.append((place, n))
        counted += n if tok.dep == "conj" and tok.head in f.victims else 0
    if not told:
        return []
    if _first_unknown(parsed, deeds | set(f.victims), told[0][0].start, topo):
        # "killing eight people in Mbau and five in Oicha", Mbau in no gazetteer: the eight
        # are not Oicha's, and where they died we cannot say
        return told
    total = sum(n for _, n in told)
    if (
        f.place.precision >= 4
        or any(p.start == f.place.start for p, _ in told)
        or (f.place.precision == 3 and f.fatalities and total == f.fatalities)
    ):
        # the figures divide the deed's toll ("killed eight: five in Gao, two in Timbuktu ...")
        divides = len(told) > 1 and total <= (f.fatalities or total)
        return told if divides else []
    # (the deed's own place first: "killed five in Borno state and three in Yobe", "destroyed 12
    # drones over the Belgorod region and three over the Kursk region")
    own = f.fatalities - counted if 0 < counted < f.fatalities else f.fatalities
    return [(f.place, own), *told]


def _first_unknown(parsed: Parsed, deeds: set[int], before: int, topo: Toponyms) -> bool:
    """Whether the deed's own place phrase, before the figures told place by place, names a
    place no gazetteer knows (a proper noun in no toponym found; "in Barmal district": the
    name before the area word)."""
    toks = parsed.tokens
    return any(
        toks[n].pos == "PROPN"
        and toks[n].start < before
        and not any(p.start <= toks[n].start < p.end for p in topo.places)
        for d in deeds
        for prep in parsed.children(d)
        if toks[prep].dep == "prep" and toks[prep].lemma == "in"
        for o in parsed.children(prep)
        if toks[o].dep == "pobj"
        for n in [o, *(c for c in parsed.children(o) if toks[c].dep == "compound")]
    )


def _hangs_on(parsed: Parsed, j: int, verb: int) -> bool:
    """Whether token ``j`` is told with ``verb``, through words that are no verb of their own."""
    toks = parsed.tokens
    while j != verb:
        if toks[j].head == j or toks[j].pos in ("VERB", "AUX"):
            return False
        j = toks[j].head
    return True
