"""Stage 7, dedup: the same real event reported by several articles becomes one record.

Reads: the records of many articles (each article's mentions of one event are one record
already: ``article.coref``). Writes: groups of records that report one event, and the one
record each group shows, with every article and evidence span.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence

from . import tables
from .article import joined
from .article.drafts import known
from .gazetteer import distance_km
from .records import Event
from .vocab import FACTUAL

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
    if a.event_date is None or b.event_date is None:
        return False  # undated: nothing says two reports are of one day
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
    return x == y or not known(x) or not known(y)


def across(events: Sequence[Event]) -> list[Event]:
    """Records of one event from different articles merged into one that lists every
    article and evidence span, in order of date (undated ones last)."""
    records = (joined(group) for group in clusters(events))
    return sorted(records, key=lambda e: (e.event_date is None, e.event_date or "", e.event_id))


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
    dated = [n for n, e in enumerate(ordered) if e.event_date is not None]  # an undated one joins none
    for n in sorted(dated, key=lambda n: (ordered[n].event_date or "", n)):
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
    return _words_of(*(text for text, _, _ in e.evidence)) - stop_words()


CELL = 1.5  # degrees of latitude per grid cell: more than the widest reach (150 km)


def _candidates(ordered: Sequence[Event], block: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs of one block (records in date order) close enough in time to be one event
    and, when both have a point, close enough in space: a record with a point meets only the
    records of its own and the neighbouring grid cells, and those without one; a record
    without one meets all. Each pair comes once, so the work grows with the records near
    each other, not with the square of the block. Undated records meet none."""
    block = [n for n in block if ordered[n].event_date is not None]
    days = [dt.date.fromisoformat(d).toordinal() for n in block if (d := ordered[n].event_date) is not None]
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


TABLE = "dedup/en.yaml"
PLACE_WORDS = ("place_prepositions", "place_kinds", "place_kinds_alone")


@tables.table
def place_named() -> re.Pattern[str]:
    """Where a report says it was ("in Wibora", "near the village of Muaja", "at Ponnagyun
    Township"): the name, from the words of ``data/dedup/en.yaml``."""
    data = {k: tables.words(TABLE, k, lower=True) for k in PLACE_WORDS}
    preps = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in data["place_prepositions"])
    kinds, alone = ("|".join(map(re.escape, data[k])) for k in ("place_kinds", "place_kinds_alone"))
    return re.compile(
        rf"\b(?:(?:{preps})\s+(?:the\s+)?(?:(?:{kinds})\s+of\s+)?"
        rf"|(?:{alone})\s+of\s+)"
        r"([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)"
    )


@tables.table
def stop_words() -> frozenset[str]:
    """Words that say nothing about which event a report tells ("said", "village", "monday")."""
    return frozenset(tables.words(TABLE, "stop_words", lower=True))


def _places_named(e: Event) -> tuple[frozenset[str], ...]:
    """The places a report names after "in", "near", "at" (each as its set of words)."""
    stop = stop_words()
    found = (_words_of(m[1]) - stop for text, _, _ in e.evidence for m in place_named().finditer(text))
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
    score += sum(known(x) and x == y for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)))
    return score + (a.fatalities > 0 and a.fatalities == b.fatalities)
