"""Stage 7, dedup: mentions of one real event become one record.

Reads: ``Draft`` records (one per mention). Writes: merged drafts, each with every evidence
span. Within an article ACLED's unit holds: one record per actor pair, place and day. Two
mentions merge when they are the same kind of event (any two acts of political violence by
the same actors count as one), on the same or an unstated day, at the same or a containing
place. A summary ("attacks in recent weeks which killed a contractor") joins the event it
summarises when one matches, else stands alone; a follow-up ("14 officers were injured")
joins the nearest event before it, else is dropped. Drafts are visited in text order, so the
result does not depend on anything but the article.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from .actors import interaction
from .events import refine_table
from .gazetteer import distance_km
from .records import Event

UNKNOWN_ACTOR = "Unidentified Armed Group"
ARMED = (1, 2, 3, 4, 8)
FACTUAL = ("asserted", "claimed")  # inter codes of sides that can fight back
AREA_FIELDS = (
    "country",
    "iso",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "region",
)


@dataclass(frozen=True)
class Draft:
    """An event record plus what merging needs to know about how it was found."""

    event: Event
    date_basis: str  # clause | discourse | vague | published | unknown
    fatality_kind: str  # explicit | enumerated | vague | none
    generic: bool  # the trigger row was a default ("attack"), not a specific cue
    family: str  # violence | the ACLED event type for others
    headline: bool = False  # from a headline, which restates the lead in other words
    dependent: bool = False  # only adds to an event told elsewhere
    priority: int = 0  # the trigger row's priority: the more specific type wins
    paragraph: int = 0
    definite: bool = False  # "the strike": refers back to an event told before
    indefinite: bool = False  # "an attack", "another attack": a new event
    lemma: str = ""  # the trigger's lemma
    mutual: bool = False  # a fight between two sides ("clashed", "fighting broke out")
    triggers: tuple[int, ...] = ()  # character offsets of the words that found it


def merge(drafts: Sequence[Draft]) -> list[Draft]:
    """Merge drafts of the same event; the result is in text order of first mention."""
    groups: list[Draft] = []
    for d in drafts:
        if _second(d):
            continue
        fits = [n for n, g in enumerate(groups) if compatible(g, d)]
        if d.definite:  # "the gun battle": the event of that kind told before, else any
            fits += [n for n, g in enumerate(groups) if _refers_back(g, d)]
        if fits:
            groups[fits[0]] = absorb(groups[fits[0]], d)
        else:
            groups.append(d)
    for d in drafts:
        if not _second(d):
            continue
        options = [
            n for n, g in enumerate(groups) if _same_kind(g, d) and _same_area(g, d) and _same_modality(g, d)
        ]
        before = [n for n, g in enumerate(groups) if g.event.evidence[0][1] < d.event.evidence[0][1]]
        if d.dependent:
            earlier = [n for n in options if n in before]
            options = earlier[-1:] or options[:1]
        fitting = [
            n for n in options if d.event.fatalities and groups[n].event.fatalities == d.event.fatalities
        ]
        chosen = fitting or options
        if chosen:
            groups[chosen[0]] = absorb(groups[chosen[0]], d)
        elif (d.headline and d.date_basis != "vague") or (d.dependent and (d.event.fatalities or not before)):
            # the only report of this event ("two people died in clashes", "an armed group
            # shot and injured a woman" where the parse missed the shooting)
            groups.append(d)
        # else: a summary or follow-up that matches nothing is not an event of its own
    return groups


def _second(d: Draft) -> bool:
    """Drafts that only add to events found elsewhere: merged after all the others."""
    return d.date_basis == "vague" or d.dependent or d.headline


MERGE_APART = ("Abduction/forced disappearance", "Sexual violence")
PART_OF_ATTACK = ("Looting/property destruction", "Arrests")


def _refers_back(g: Draft, d: Draft) -> bool:
    """A definite mention of political violence ("the gun battle") joins the violent event
    before it in the same or the previous paragraph, whatever its weapons."""
    return (
        g.family == d.family == "violence"
        and d.paragraph - g.paragraph in (0, 1)
        and _same_day(g, d)
        and g.event.sub_event_type not in MERGE_APART
        and _same_area(g, d)
        and _same_modality(g, d)
        and _same_actors(g, d)
    )


def _same_kind(a: Draft, b: Draft) -> bool:
    subs = {a.event.sub_event_type, b.event.sub_event_type}
    if subs & set(PART_OF_ATTACK) and {a.family, b.family} == {"violence", "Strategic developments"}:
        # Homes burnt, goods looted or people seized and tortured in an attack are part of it
        # (same attackers); so is harm told after an arrest with nobody else named as doing
        # it ("... arrested a family of five. Three of those arrested were later found dead").
        if a.event.actor1 == b.event.actor1 and _known(a.event.actor1):
            return True
        later = b if b.event.evidence[0][1] > a.event.evidence[0][1] else a
        first = a if later is b else b
        harm = later.dependent or later.event.fatalities > 0 or later.lemma in refine_table()["abuse_words"]
        return (
            first.event.sub_event_type == "Arrests"
            and later.family == "violence"
            and harm
            and not _known(later.event.actor1)
            and later.paragraph == first.paragraph
        )
    if a.family != b.family:
        return False
    if a.family == "Protests" and "crowd-control" in (a.event.plover_mode, b.event.plover_mode):
        return True  # police dispersing the crowd act on the protest told with them
    if subs & set(MERGE_APART) and len(subs) > 1:
        # the killings and the abductions of one raid are two ACLED events; the torture of
        # the people abducted is part of their abduction
        return bool({a.lemma, b.lemma} & refine_table()["abuse_words"])
    if a.family == "violence":
        # One record per actor pair, place and day, whatever the weapons.
        return (
            a.event.sub_event_type == b.event.sub_event_type
            or a.generic
            or b.generic
            or a.mutual
            or b.mutual
            or _same_known_pair(a.event, b.event)
        )
    if a.event.plover_type != b.event.plover_type and a.lemma != b.lemma:
        return False  # a boycott of a vote is not the vote
    return a.event.sub_event_type == b.event.sub_event_type or a.generic or b.generic


def _same_area(a: Draft, b: Draft) -> bool:
    ea, eb = a.event, b.event
    if ea.geonameid is not None and ea.geonameid == eb.geonameid:
        return True
    if 4 in (ea.geo_precision, eb.geo_precision) or not ea.location or not eb.location:
        return not ea.country or not eb.country or ea.country == eb.country
    return False


def _same_day(a: Draft, b: Draft) -> bool:
    if a.event.event_date == b.event.event_date and a.event.time_precision == b.event.time_precision == 1:
        return True
    # A mention with no date of its own is an event already dated: the one it refers back to
    # ("the drone strike"), or one told in the same or the previous paragraph.
    loose = ("discourse", "published", "unknown")
    if a.date_basis not in loose and b.date_basis not in loose:
        return False
    later = b if b.paragraph >= a.paragraph else a
    if later.indefinite and (later.fatality_kind == "explicit" or later.event.geo_precision <= 2):
        return False  # "an attack on a beach hotel near Sousse killed 38": another event
    return later.definite or abs(a.paragraph - b.paragraph) <= 1


def _same_modality(a: Draft, b: Draft) -> bool:
    return (a.event.modality in FACTUAL) == (b.event.modality in FACTUAL)


def _known(name: str) -> bool:
    return bool(name) and not name.startswith(UNKNOWN_ACTOR)


def _same_known_pair(a: Event, b: Event) -> bool:
    pair_a = {a.actor1, a.actor2}
    return all(_known(x) for x in pair_a) and pair_a == {b.actor1, b.actor2}


def _same_actors(a: Draft, b: Draft) -> bool:
    """The same acting side (either side of a clash); an unidentified actor fits any. Victims
    are not compared: reports of one event name different ones."""
    if a.headline or b.headline:
        return True
    ea, eb = a.event, b.event
    if not _known(ea.actor1) or not _known(eb.actor1):
        return True
    # Reports of a clash name either side first ("our troops killed 13 militants").
    return ea.actor1 in (eb.actor1, eb.actor2) or eb.actor1 == ea.actor2


def compatible(a: Draft, b: Draft) -> bool:
    return (
        _same_kind(a, b)
        and _same_area(a, b)
        and _same_day(a, b)
        and _same_modality(a, b)
        and _same_actors(a, b)
    )


def absorb(g: Draft, d: Draft) -> Draft:
    """``g`` with ``d``'s evidence and whichever of each field is more specific."""
    a, b = g.event, d.event
    fields: dict[str, object] = {}
    stronger = (d.priority > g.priority and not d.generic) or (g.generic and not d.generic)
    stronger = (stronger and d.family == g.family) or (g.family != "violence" and d.family == "violence")
    if d.family == g.family and g.mutual != d.mutual:
        # Shells or air strikes in a clash are part of the clash: ACLED codes one armed clash.
        stronger = d.mutual
    if stronger:
        fields.update(
            disorder_type=b.disorder_type,
            event_type=b.event_type,
            sub_event_type=b.sub_event_type,
            plover_type=b.plover_type,
            plover_mode=b.plover_mode,
        )
    if b.geo_precision < a.geo_precision:
        fields.update({k: getattr(b, k) for k in AREA_FIELDS})
    date_basis = g.date_basis
    if g.date_basis != "clause" and d.date_basis == "clause":
        fields.update(event_date=b.event_date, time_precision=b.time_precision, date_basis="clause")
        date_basis = "clause"
    # The attacked side fought back, or the armed side is named later: "police intervened,
    # shooting dead two of the assailants"; "they exchanged gunfire with the security
    # forces"; "... attack Fino. Four police and one reservist killed". The other side of the
    # fight is the armed one, not the people or the place first attacked.
    fought_back = b.actor2 == a.actor1 and b.actor1 not in ("", a.actor1) and b.inter1 in ARMED
    joined = d.mutual and b.actor1 == a.actor1
    dead = b.fatalities > 0 and (b.actor1 == a.actor1 or not _known(b.actor1))
    armed_target = b.inter2 in ARMED and (joined or dead)
    if (fought_back or armed_target) and a.inter2 not in ARMED:
        side = (b.actor1, b.inter1) if fought_back else (b.actor2, b.inter2)
        fields.update(actor2=side[0], inter2=side[1])
    elif (not _known(a.actor1) or g.headline) and _known(b.actor1) and b.actor1 != a.actor2:
        fields.update(actor1=b.actor1, inter1=b.inter1)
    if not a.actor2 and b.actor2 and b.actor2 != fields.get("actor1", a.actor1):
        fields.update(actor2=b.actor2, inter2=b.inter2)
    fat, kind = a.fatalities, g.fatality_kind
    summary = d.date_basis == "vague"
    perpetrator_claim = b.modality == "claimed" and a.modality == "asserted" and kind == "explicit"
    if not summary and not perpetrator_claim:  # summaries and claims never set the toll
        fat, kind = fatalities((a.fatalities, g.fatality_kind), (b.fatalities, d.fatality_kind))
    fields.update(fatalities=fat)
    if not summary and not d.dependent and "claimed" in (a.modality, b.modality):
        fields.update(modality="asserted" if "asserted" in (a.modality, b.modality) else "claimed")
    evidence = tuple(sorted(set(a.evidence) | set(b.evidence), key=lambda e: e[1]))
    fields.update(evidence=evidence, confidence=max(a.confidence, b.confidence))
    merged = replace(a, **fields)  # type: ignore[arg-type]
    family = "violence" if "violence" in (g.family, d.family) else g.family
    return replace(
        g,
        event=merged,
        date_basis=date_basis,
        fatality_kind=kind,
        generic=g.generic and d.generic,
        family=family,
        headline=g.headline and d.headline,
        dependent=False,
        priority=max(g.priority, d.priority),
        paragraph=max(g.paragraph, d.paragraph),
        mutual=g.mutual or d.mutual,
        triggers=tuple(sorted({*g.triggers, *d.triggers})),
    )


def fatalities(a: tuple[int, str], b: tuple[int, str]) -> tuple[int, str]:
    """Combine two mentions' tallies. Within one report ACLED takes the lowest figure (the
    events stage does that); across mentions of one event later ones are fuller tallies:
    explicit figures beat vaguer ones, and named victims add up to a floor (Muhandis, then
    "Muhandis and Soleimani": 2)."""
    rank = {"explicit": 3, "enumerated": 2, "vague": 1, "none": 0}
    if rank[a[1]] != rank[b[1]]:
        best = max(a, b, key=lambda x: rank[x[1]])
        other = min(a, b, key=lambda x: rank[x[1]])
        if best[1] == "explicit" and other[1] == "enumerated":
            return max(best[0], other[0]), "explicit"
        return best
    return max(a[0], b[0]), a[1]


# Across articles: how far apart two reports of one event may put it.
DAYS_APART = {1: 1, 2: 7, 3: 31}  # by the coarser time_precision of the two
KM_APART = {1: 25.0, 2: 50.0, 3: 150.0}  # by the coarser geo_precision (4: same country only)
# The share of distinctive evidence words two reports must have in common when one of them
# places the event only in a province (3) or a country (4): there the place says little, and
# many events of one type happen in one province in a week.
MIN_SHARED = {1: 0.0, 2: 0.0, 3: 0.3, 4: 0.1}


def _same_event(a: Event, b: Event) -> bool:
    """Whether two records from different articles report one event: same event type and
    country, dates within the reports' precision, places within the precision's reach, and
    no clash of actors (two named actors that differ, on either side: "a police post" and
    "a market" bombed the same day in one city stay two events)."""
    if a.event_type != b.event_type or a.country != b.country or not a.country:
        return False  # with no country known, nothing says two reports are of one place
    if (a.modality in FACTUAL) != (b.modality in FACTUAL):
        return False  # a strike that happened is not the one only threatened
    days = abs((dt.date.fromisoformat(a.event_date) - dt.date.fromisoformat(b.event_date)).days)
    if days > DAYS_APART[max(a.time_precision, b.time_precision)]:
        return False
    if days and a.date_basis == b.date_basis == "clause" and a.time_precision == b.time_precision == 1:
        return False  # both reports name the day: ACLED's one event per day
    coarse = max(a.geo_precision, b.geo_precision)
    if coarse < 4:
        if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
            return False
        if distance_km(a.latitude, a.longitude, b.latitude, b.longitude) > KM_APART[coarse]:
            return False
    return _compatible(a.actor1, b.actor1) and _compatible(a.actor2, b.actor2)


def _compatible(x: str, y: str) -> bool:
    """Two names of one side: equal, or one of them unknown or unidentified."""
    return x == y or not x or not y or x.startswith(UNKNOWN_ACTOR) or y.startswith(UNKNOWN_ACTOR)


def across(events: Sequence[Event]) -> list[Event]:
    """Records of one event from different articles merged into one that lists every
    article and evidence span, in order of date."""
    records = (merged(group) for group in clusters(events))
    return sorted(records, key=lambda e: (e.event_date, e.event_id))


def clusters(events: Sequence[Event]) -> list[list[Event]]:
    """The records grouped by the real event they report.

    Only records of one event type and country, a few weeks apart at most, are compared.
    Pairs that may be one event are joined most alike first (same place, same day, same
    named actors, same figure of dead, shared words in the evidence), so that when an
    article's two records could each join one record of another article, each joins the
    one it fits best; one article's two records never join, not even through a third report.
    The grouping depends only on the records, not on the order the articles came in.
    """
    ordered = sorted(events, key=lambda e: e.event_id)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple[str, str], list[int]] = {}
    for n in sorted(range(len(ordered)), key=lambda n: (ordered[n].event_date, n)):
        blocks.setdefault((ordered[n].event_type, ordered[n].country), []).append(n)
    words = [_words(e) for e in ordered]
    names = [_places_named(e) for e in ordered]
    weight = _weights(words)
    pairs: list[tuple[float, int, int]] = []
    for block in blocks.values():
        for i, j in _candidates(ordered, block):
            x, y = ordered[i], ordered[j]
            if set(x.article_ids) & set(y.article_ids) or not _same_event(x, y):
                continue
            place = _words_of(x.admin1, x.country, y.admin1, y.country)  # compared already
            if max(x.geo_precision, y.geo_precision) >= 3 and _elsewhere(names[i], names[j], place):
                continue
            shared = _shared(words[i] - place, words[j] - place, weight)
            if shared >= MIN_SHARED[max(x.geo_precision, y.geo_precision)]:
                pairs.append((-_likeness(x, y, shared), min(i, j), max(i, j)))
    sources = [frozenset(e.article_ids) for e in ordered]
    for _, i, j in sorted(pairs):
        a, b = root(i), root(j)
        if a != b and not sources[a] & sources[b]:
            parent[max(a, b)] = min(a, b)
            sources[min(a, b)] = sources[a] | sources[b]
    groups: dict[int, list[Event]] = {}
    for n, e in enumerate(ordered):
        groups.setdefault(root(n), []).append(e)
    return list(groups.values())


def _words(e: Event) -> frozenset[str]:
    return _words_of(*(text for text, _, _ in e.evidence)) - refine_table()["dedup_stop_words"]


CELL = 1.5  # degrees of latitude per grid cell: more than the widest reach (150 km)


def _candidates(ordered: Sequence[Event], block: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs of one block (records in date order) close enough in time to be one event
    and, when both have a point, close enough in space: a record with a point meets only the
    records of its own and the neighbouring grid cells, and those without one; a record
    without one meets all. Each pair comes once, so the work grows with the records near
    each other, not with the square of the block."""
    days = [dt.date.fromisoformat(ordered[n].event_date).toordinal() for n in block]
    widest = max(DAYS_APART.values())
    cells: dict[tuple[int, int], list[int]] = {}
    loose: list[int] = []  # positions of records placed only in a country, or without a point
    for pos, n in enumerate(block):
        cell = _cell(ordered[n])
        if cell is None:
            loose.append(pos)
        else:
            cells.setdefault(cell, []).append(pos)
    for pos, n in enumerate(block):
        end = bisect.bisect_right(days, days[pos] + widest)
        e = ordered[n]
        cell = _cell(e)
        if cell is None:
            later: Iterable[int] = range(pos + 1, end)
        else:
            assert e.latitude is not None
            band = math.cos(math.radians(min(89.0, abs(e.latitude) + CELL)))
            span = math.ceil(max(KM_APART.values()) / (111.32 * band) / CELL)
            near = [loose] + [
                cells.get((cell[0] + dy, cell[1] + dx), [])
                for dy in (-1, 0, 1)
                for dx in range(-span, span + 1)
            ]
            later = sorted(
                p for ps in near for p in ps[bisect.bisect_right(ps, pos) : bisect.bisect_left(ps, end)]
            )
        for other in later:
            yield n, block[other]


def _cell(e: Event) -> tuple[int, int] | None:
    if e.geo_precision >= 4 or e.latitude is None or e.longitude is None:
        return None
    return math.floor(e.latitude / CELL), math.floor(e.longitude / CELL)


# "in Wibora", "near the village of Muaja", "at Ponnagyun Township": where a report says it was
PLACE_NAMED = re.compile(
    r"\b(?:(?:[Ii]n|[Nn]ear|[Aa]t|[Oo]utside)\s+(?:the\s+)?(?:(?:village|town|city|township|district)\s+of\s+)?"
    r"|(?:village|town|city)\s+of\s+)"
    r"([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)"
)


def _places_named(e: Event) -> tuple[frozenset[str], ...]:
    """The places a report names after "in", "near", "at" (each as its set of words)."""
    stop = refine_table()["dedup_stop_words"]
    found = (_words_of(m[1]) - stop for text, _, _ in e.evidence for m in PLACE_NAMED.finditer(text))
    return tuple(ws for ws in found if ws)


def _elsewhere(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...], area: frozenset[str]) -> bool:
    """Both reports name places below the province they share, and none the same ("in Wibora
    (Tera, Tillaberi)" and "in Amarsingue (Tera, Tillaberi)"): two events the gazetteer could
    place only in the province."""
    local_a = [ws for ws in a if not ws <= area]
    local_b = [ws for ws in b if not ws <= area]
    return bool(local_a and local_b) and not any(x & y for x in local_a for y in local_b)


def _words_of(*names: str) -> frozenset[str]:
    return frozenset(w for name in names for w in re.findall(r"[a-z]{4,}", name.lower()))


def _weights(words: Sequence[frozenset[str]]) -> dict[str, float]:
    """How distinctive each word is among the records compared (a smoothed inverse document
    frequency): a village's name weighs more than "killed"."""
    counts: dict[str, int] = {}
    for ws in words:
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    n = len(words)
    return {w: math.log((1 + n) / (1 + c)) + 1 for w, c in counts.items()}


def _shared(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """The weighted share of two reports' evidence words that both use (0 to 1)."""
    union = sum(weight[w] for w in a | b)
    return sum(weight[w] for w in a & b) / union if union else 0.0


def _likeness(a: Event, b: Event, shared: float) -> float:
    """How alike two reports that may tell one event are (about 0 to 8)."""
    score = 2 * shared
    if a.geonameid is not None and a.geonameid == b.geonameid:
        score += 2
    elif max(a.geo_precision, b.geo_precision) < 4 and None not in (
        a.latitude,
        a.longitude,
        b.latitude,
        b.longitude,
    ):
        km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        score += 2 * max(0.0, 1 - km / KM_APART[max(a.geo_precision, b.geo_precision)])
    score += a.event_date == b.event_date
    score += a.sub_event_type == b.sub_event_type
    score += sum(_known(x) and x == y for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)))
    return score + (a.fatalities > 0 and a.fatalities == b.fatalities)


def merged(group: list[Event]) -> Event:
    """One record for the reports of one event: the most precise report's fields, named
    actors over unidentified ones, every article and span, and the lowest figure of dead a
    report gives (ACLED's conservative count; a report that gives none is not a zero)."""
    if len(group) == 1:
        return group[0]
    best = min(group, key=lambda e: (e.time_precision, e.geo_precision, e.event_id))
    named = [e for e in group if not e.actor1.startswith(UNKNOWN_ACTOR)] or [best]
    side = min(named, key=lambda e: e.event_id)
    figures = [e.fatalities for e in group if e.fatalities > 0]
    spans = [
        (span, article) for e in group for span, article in zip(e.evidence, e.span_articles(), strict=True)
    ]
    return replace(
        best,
        event_id=group[0].event_id,
        article_ids=tuple(sorted({a for e in group for a in e.article_ids})),
        actor1=side.actor1,
        assoc_actor_1=side.assoc_actor_1,
        inter1=side.inter1,
        interaction=interaction(side.inter1, best.inter2),
        fatalities=min(figures) if figures else 0,
        evidence=tuple(span for span, _ in spans),
        evidence_articles=tuple(article for _, article in spans),
    )
