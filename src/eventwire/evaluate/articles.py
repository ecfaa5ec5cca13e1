"""Score the whole pipeline on article-level gold: a folder of articles, each with the list
of events a coder wrote for it.

Layout: ``NAME.gold.json`` holds a JSON list of event records (the schema's field names) for
the article ``NAME.txt``, ``NAME.html`` or ``NAME.json`` beside it (or in ``--articles``); a
JSON article's ``outlet`` is its source. Only events that happened are scored: gold records
whose ``modality`` is denied, planned or hypothetical are left out, and so are ours.

A gold event matches one of ours with the same event_type, a date within the gold's
``time_precision`` (one day for 1, seven for 2, the same month for 3) and the same admin1 or
a point within 50 km (when the gold has no coordinates, the same country); each event
matches at most once, closest first. An undated record of ours (its article and text give no
date) matches by type and place alone, after every dated one has matched: it is that event
told without its day, and its event_date counts as wrong. A gold event whose ``event_date``
is null (the text gives no day) matches by type and place alone, an undated record of ours
first, and only an undated one has its date right. Gold events marked ``background``
or ``optional`` are neither required nor penalised: ours that match one count neither way,
and one we miss is not a miss. Fields are compared on the pairs matched with required gold events; a location
is right under another spelling of its name ("Baqubah" for "Baquba") or at a point within
5 km of the gold's.

A record of ours is *misleading* for the first of these reasons (each record once):
``today`` (dated to the day of coding), ``toll`` (matches no gold event and reports deaths),
``blame`` (matched, actor 1 a named actor other than the gold's: an "Unidentified ..." actor
never counts), ``count`` (matched, fatalities off by more than 2x, or deaths where the gold
says none).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import ingest, pipeline
from ..errors import E_GOLD, E_GOLD_EMPTY, InputError
from ..events import acled_types
from ..gazetteer import distance_km, loose, open_gazetteer
from ..records import Article, Event
from ..vocab import FACTUAL
from . import RECORD_FIELDS, Extraction, in_part
from .acled import actor_name
from .calibrate import reliability

SURE = 0.8  # the confidence from which at least this share of records should be right

SUFFIX = ".gold.json"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
MATCH_DAYS = {1: 1, 2: 7}  # by the gold's time_precision; 3: the same month
MATCH_KM = 50.0
UNDATED = 10**6  # the days an undated record is from any gold day: it matches after all dated ones
UNIDENTIFIED = "unidentified"
FIELDS = (
    "sub_event_type",
    "time_precision",
    *RECORD_FIELDS,
    "location",
    "geo_precision",
    "civilian_targeting",
    "plover_type",
    "modality",
)
NUMBERS = ("time_precision", "fatalities", "inter1", "inter2", "geo_precision")


@dataclass(frozen=True)
class Gold:
    """One gold event: its record as written, with the match keys parsed."""

    index: int
    record: dict[str, Any]
    date: dt.date | None  # None: the text gives the event no day (the coder's null)
    latitude: float | None
    longitude: float | None

    @property
    def factual(self) -> bool:
        return self.record.get("modality", "asserted") in FACTUAL

    @property
    def required(self) -> bool:
        """Neither background nor optional: an event a system must find."""
        return not (self.record.get("background") or self.record.get("optional"))


@dataclass(frozen=True)
class Case:
    """One article and its gold, or why it cannot be scored."""

    name: str
    article: Path | None
    gold: tuple[Gold, ...]
    problem: str = ""


@dataclass
class Score:
    events: Extraction = field(default_factory=Extraction)
    articles: int = 0
    left_out: int = 0  # gold events that did not happen (planned, denied, ...)
    unscored: int = 0  # background and optional gold events
    neutral: int = 0  # records of ours matching a background or optional gold event
    misleading: Counter[str] = field(default_factory=Counter)
    abroad: int = 0  # printed records in a country none of the article's gold events lies in
    undated: int = 0  # printed records with no date (of articles with no date)
    undated_matched: int = 0  # of them, matched with a gold event by type and place alone
    undated_misleading: int = 0
    per_article: list[tuple[str, int, int, int]] = field(default_factory=list)  # gold, ours, matched
    failed: list[tuple[str, str]] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    compared: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, ...]] = field(default_factory=list)
    seconds: float = 0.0
    # each scored record of ours (none that matched only a background or optional event)
    # and whether it matched a gold event: what confidence is calibrated and judged on
    rated: list[tuple[Event, bool]] = field(default_factory=list)

    @property
    def printed(self) -> int:
        """Every factual record of ours, the ones that count neither way included."""
        return self.events.system + self.neutral

    @property
    def misleading_share(self) -> float:
        return sum(self.misleading.values()) / self.printed if self.printed else 0.0

    def summary(self) -> dict[str, Any]:
        p, r, f = self.events.f1(self.events.strict)
        return {
            "articles": self.articles,
            "failed": [{"article": name, "reason": why} for name, why in self.failed],
            "gold_events": self.events.gold,
            "our_events": self.events.system,
            "matched": self.events.strict,
            "gold_left_out": self.left_out,
            "gold_background_or_optional": self.unscored,
            "ours_matching_background_or_optional": self.neutral,
            "printed": self.printed,
            "misleading": sum(self.misleading.values()),
            "misleading_share": round(self.misleading_share, 4),
            "misleading_by_reason": dict(self.misleading),
            "records_in_another_country": self.abroad,
            "undated": self.undated,
            "undated_matched": self.undated_matched,
            "undated_misleading": self.undated_misleading,
            "per_article": [
                {"article": name, "gold": g, "ours": o, "matched": m} for name, g, o, m in self.per_article
            ],
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "reliability": reliability(self.rated),
            "field_accuracy": {
                name: {"accuracy": round(self.hits[name] / n, 4), "compared": n}
                for name in FIELDS
                if (n := self.compared[name])
            },
        }


def find(gold_dir: Path, articles: Path | None = None) -> list[Case]:
    """Every ``*.gold.json`` under ``gold_dir`` with its article; a gold file that cannot be
    read, or has no article, becomes a Case with its problem (the rest are still scored)."""
    files = sorted(gold_dir.rglob(f"*{SUFFIX}"))
    if not files:
        raise InputError(str(gold_dir), E_GOLD_EMPTY.format(pattern=f"*{SUFFIX}"))
    cases = []
    for path in files:
        name = path.name[: -len(SUFFIX)]
        home = articles or path.parent
        article = next((p for s in ARTICLE_SUFFIXES if (p := home / f"{name}{s}").is_file()), None)
        try:
            gold = read_gold(path)
        except InputError as err:
            cases.append(Case(name, article, (), str(err)))
            continue
        if article is None:
            wanted = ", ".join(f"{name}{s}" for s in ARTICLE_SUFFIXES)
            cases.append(
                Case(name, None, gold, f"{path}: {E_GOLD.format(detail=f'no article ({wanted}) in {home}')}")
            )
        else:
            cases.append(Case(name, article, gold))
    return cases


def read_gold(path: Path) -> tuple[Gold, ...]:
    """The events of one gold file, each checked for the fields a match needs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(path), E_GOLD.format(detail=err)) from err
    if not isinstance(data, list):
        raise InputError(str(path), E_GOLD.format(detail="not a JSON list of event records"))
    return tuple(_gold(path, n, record) for n, record in enumerate(data))


def _gold(path: Path, n: int, record: Any) -> Gold:
    where = f"{path}: record {n}"
    if not isinstance(record, dict):
        raise InputError(where, E_GOLD.format(detail="not a JSON object"))
    types = {event_type for event_type, _ in acled_types().values()}
    if record.get("event_type") not in types:
        raise InputError(
            where, E_GOLD.format(detail=f"event_type {record.get('event_type')!r} is not ACLED's")
        )
    sub = record.get("sub_event_type")
    if sub is not None and acled_types().get(sub, ("",))[0] != record["event_type"]:
        raise InputError(
            where, E_GOLD.format(detail=f"sub_event_type {sub!r} is not a {record['event_type']} type")
        )
    undated = "event_date" in record and record["event_date"] is None
    if record.get("time_precision", 1) not in (1, 2, 3) and not (
        undated and record["time_precision"] is None
    ):
        raise InputError(
            where, E_GOLD.format(detail=f"time_precision {record.get('time_precision')!r} is not 1, 2 or 3")
        )
    try:
        date = None if undated else dt.date.fromisoformat(str(record.get("event_date")))
    except ValueError as err:
        raise InputError(
            where,
            E_GOLD.format(
                detail=f"event_date {record.get('event_date')!r} is not YYYY-MM-DD (or null: no day)"
            ),
        ) from err
    lat, lon = record.get("latitude"), record.get("longitude")
    if (lat is None) != (lon is None) or not all(
        isinstance(v, int | float) for v in (lat, lon) if v is not None
    ):
        raise InputError(
            where, E_GOLD.format(detail="latitude and longitude must both be numbers, or both absent")
        )
    return Gold(n, record, date, lat, lon)


def score(cases: list[Case], part: tuple[int, int] = (0, 1)) -> Score:
    """Code each article of ``part`` and compare its factual events with its gold."""
    s = Score()
    began = time.perf_counter()
    today = dt.date.today()
    chosen = [c for c in cases if in_part(c.name, part)]
    ready: list[tuple[Case, Article]] = []
    for case in chosen:
        if case.problem or case.article is None:
            s.failed.append((case.name, case.problem))
            continue
        items = list(ingest.read([str(case.article)]))
        if len(items) != 1:
            s.failed.append(
                (case.name, f"{case.article}: {E_GOLD.format(detail='holds more than one article')}")
            )
        elif isinstance(items[0], InputError):
            s.failed.append((case.name, str(items[0])))
        else:
            ready.append((case, items[0]))
    for (case, _), result in zip(ready, pipeline.run(a for _, a in ready), strict=True):
        if result.status.status != "coded":
            s.failed.append((case.name, f"{result.status.origin}: {result.status.reason}"))
            continue
        s.articles += 1
        compare(case, [e for e in result.events if e.modality in FACTUAL], s, today)
    s.seconds = time.perf_counter() - began
    return s


def compare(case: Case, ours: list[Event], s: Score, today: dt.date | None = None) -> None:
    """Match one article's gold events with ours, count events and fields, and find the
    records of ours that would mislead."""
    gold = [g for g in case.gold if g.factual]
    s.left_out += len(case.gold) - len(gold)
    required = sum(g.required for g in gold)
    s.unscored += len(gold) - required
    pairs = sorted(
        (cost, not g.required, gi, oi)
        for gi, g in enumerate(gold)
        for oi, e in enumerate(ours)
        if (cost := _cost(g, e)) is not None
    )
    match: dict[int, int] = {}  # ours -> gold
    gold_used: set[int] = set()
    for _, _, gi, oi in pairs:
        if gi in gold_used or oi in match:
            continue
        gold_used.add(gi)
        match[oi] = gi
    hits = sum(gold[gi].required for gi in match.values())
    neutral = len(match) - hits
    s.events.gold += required
    s.events.system += len(ours) - neutral
    s.events.strict += hits
    s.neutral += neutral
    s.per_article.append((case.name, required, len(ours) - neutral, hits))
    for oi, gi in sorted(match.items()):
        if gold[gi].required:
            _fields(case.name, gold[gi], ours[oi], s)
    for gi, g in enumerate(gold):
        if gi not in gold_used and g.required:
            s.errors.append(
                ("missed", case.name, str(g.index), g.record["event_type"], str(g.date), _where(g.record))
            )
    lands = {_key(g.record.get("country")) for g in case.gold if g.record.get("country")}
    s.rated.extend(
        (e, oi in match) for oi, e in enumerate(ours) if oi not in match or gold[match[oi]].required
    )
    for oi, e in enumerate(ours):
        if oi not in match:
            s.errors.append(
                ("extra", case.name, "", e.event_type, e.event_date or "", e.location or e.country)
            )
        if lands and e.country and _key(e.country) not in lands:
            s.abroad += 1
            s.errors.append(("abroad", case.name, e.country, e.event_type, e.event_date or "", e.location))
        why = misleading(e, gold[match[oi]] if oi in match else None, today or dt.date.today())
        s.undated += e.event_date is None
        s.undated_matched += e.event_date is None and oi in match
        if why:
            s.misleading[why] += 1
            s.undated_misleading += e.event_date is None
            s.errors.append(
                (
                    "misleading",
                    case.name,
                    why,
                    e.sub_event_type,
                    e.event_date or "",
                    e.location or e.country,
                    e.actor1,
                    str(e.fatalities),
                    " ".join(e.evidence[0][0].split())[:160],
                )
            )


def misleading(e: Event, g: Gold | None, today: dt.date) -> str:
    """Why a record of ours would mislead an analyst (the first reason that holds), or ""."""
    if e.event_date == today.isoformat():
        return "today"
    if g is None:
        return "toll" if e.fatalities > 0 else ""
    want = str(g.record.get("actor1", ""))
    if want and not same_actor(want, e.actor1) and not e.actor1.lower().startswith(UNIDENTIFIED):
        return "blame"
    dead = g.record.get("fatalities")
    if isinstance(dead, int):
        if dead == 0 and e.fatalities > 0:
            return "count"
        if dead > 0 and (e.fatalities > 2 * dead or 2 * e.fatalities < dead):
            return "count"
    return ""


def same_actor(gold: str, ours: str) -> bool:
    """One actor under either spelling: ACLED's names compared without their dates, case and
    punctuation ("ELN: National Liberation Army", "ELN - National Liberation Army"), by the
    short name before a long form where both give one ("Boko Haram - Jamaatu ..."); a joint
    actor of ours ("A and/or B") is right when either is the gold's, and so is a joint short name
    ("ULA/AA") either of whose parts is the gold's ("AA"); a bracketed other name in
    the gold's ("Houthi Movement (Ansar Allah)") may be left out by a name of ours that has no
    bracket (a country in brackets is never left out: "Civilians (Yemen)" has one)."""
    bare = ALSO_CALLED.sub("", actor_name(gold))
    return any(
        _actor_keys(gold) & _actor_keys(part)
        or ("(" not in part and _actor_keys(bare) & _actor_keys(part))
        or _actor_key(gold) in _wings(part)
        for part in ours.split(" and/or ")
    )


def _wings(name: str) -> set[str]:
    """The parts of a joint short name ("ULA/AA": the league and its army): the gold may
    name the army alone ("AA: Arakan Army")."""
    short = re.split(r"\s+-\s+|:\s+", actor_name(name), maxsplit=1)[0]
    parts = short.split("/")
    return {_key(p) for p in parts} if len(parts) > 1 else set()


ALSO_CALLED = re.compile(r"\s*\([^()]*\)$")


def _actor_key(name: str) -> str:
    short = re.split(r"\s+-\s+|:\s+", actor_name(name), maxsplit=1)[0]
    return _key(short)


def _actor_keys(name: str) -> set[str]:
    """The keys one actor goes by: its short name and, when that is an abbreviation, its long
    form, each without "the" ("SNA: Syrian National Army" is also "Syrian National Army";
    "Military Forces of the Democratic Republic of Congo" is "... of Democratic Republic of
    Congo"; "Military Forces of Somalia - Puntland" is no "Police Forces of Somalia - Puntland")."""
    forms = re.split(r"\s+-\s+|:\s+", actor_name(name), maxsplit=1)
    if not ABBREVIATION.fullmatch(forms[0]):
        forms = forms[:1]
    return {_key(THE.sub(" ", f)) for f in forms} - {""}


ABBREVIATION = re.compile(r"[A-Z0-9][A-Z0-9/&.()' -]*")


THE = re.compile(r"\bthe\b", re.IGNORECASE)


def _cost(g: Gold, e: Event) -> tuple[int, bool, float] | None:
    """How far apart a gold event and ours are (days, another sub-event type, km), or None
    when they cannot be the same event."""
    if e.event_type != g.record["event_type"]:
        return None
    day = dt.date.fromisoformat(e.event_date) if e.event_date else None
    # (a gold with no day: any record of ours may tell it, an undated one first)
    days = UNDATED if (day is None) != (g.date is None) else abs((day - g.date).days) if day and g.date else 0
    precision = g.record.get("time_precision", 1)
    if day is None or g.date is None:
        pass  # (no day to compare: it says less, not something else)
    elif precision == 3:
        if (day.year, day.month) != (g.date.year, g.date.month):
            return None
    elif days > MATCH_DAYS[precision]:
        return None
    other = g.record.get("sub_event_type", e.sub_event_type) != e.sub_event_type
    admin1 = str(g.record.get("admin1") or "")
    same_admin1 = (
        bool(admin1)
        and _key(g.record.get("country")) == _key(e.country)
        and (_key(admin1) == _key(e.admin1) or _part_of(admin1, e.admin1) or _one_area(admin1, e))
    )
    if g.latitude is not None and g.longitude is not None:
        if e.latitude is not None and e.longitude is not None:
            km = distance_km(g.latitude, g.longitude, e.latitude, e.longitude)
            if km <= MATCH_KM:
                return days, other, km
        return (days, other, MATCH_KM) if same_admin1 else None
    country = str(g.record.get("country", ""))
    return (days, other, 0.0) if not country or _key(country) == _key(e.country) else None


def _one_area(gold: str, e: Event) -> bool:
    """The gold's first-level area under another of its names ("Far North", "Extreme-Nord"):
    both read as one area of the record's country by the gazetteer."""
    if not e.admin1 or not e.country:
        return False
    gaz = open_gazetteer()
    found = gaz.country(e.country)
    if not found:
        return False
    cc = found[0]
    theirs = {a for c, a in gaz.admin1_named(gold, cc) if c == cc}
    return bool(theirs) and theirs == {a for c, a in gaz.admin1_named(e.admin1, cc) if c == cc}


def _part_of(acled: str, ours: str) -> bool:
    """ACLED's part of a first-level area ("Shan-North", "Bago-East") that ours names whole
    ("Shan"): said less, not something else."""
    whole, _, part = acled.rpartition("-")
    return bool(whole) and part.lower() in ("north", "south", "east", "west") and _key(whole) == _key(ours)


def _key(name: object) -> str:
    """A place name compared without case, accents, apostrophes or hyphens ("Dar'a", "Daraa")."""
    text = unicodedata.normalize("NFKD", str(name or "")).lower()
    return "".join(c for c in text if c.isalnum())


def _fields(name: str, g: Gold, e: Event, s: Score) -> None:
    ours = e.to_dict()
    for key in FIELDS:
        if key not in g.record:
            continue
        want, got = _norm(key, g.record[key]), _norm(key, ours.get(key))
        s.compared[key] += 1
        if (
            want == got
            or (key in ("actor1", "actor2") and same_actor(str(g.record[key]), str(ours[key])))
            or (key == "location" and _same_location(g.record, e))
        ):
            s.hits[key] += 1
        else:
            s.errors.append(("field", name, str(g.index), key, want, got))


SAME_SPOT_KM = 5.0  # two spellings of one town ("Baquba", "Baqubah") are one location


def _same_location(gold: dict[str, Any], e: Event) -> bool:
    """The gold's location spelt otherwise: the same loose key, or a point within
    ``SAME_SPOT_KM`` of the gold's."""
    if loose(str(gold.get("location") or "")) == loose(e.location or "") != "":
        return True
    lat, lon = gold.get("latitude"), gold.get("longitude")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return False
    if e.latitude is None or e.longitude is None:
        return False
    return distance_km(float(lat), float(lon), e.latitude, e.longitude) <= SAME_SPOT_KM


def _norm(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in NUMBERS:
        try:
            return str(int(value))
        except (TypeError, ValueError):
            return str(value)
    text = str(value).strip()
    return _actor_key(text) if key.startswith("actor") else text.lower()


def _where(record: dict[str, Any]) -> str:
    return str(record.get("location") or record.get("admin1") or record.get("country") or "")


def report(name: str, s: Score) -> list[str]:
    p, r, f = s.events.f1(s.events.strict)
    lines = [
        f"{name}: {s.articles} articles scored, {len(s.failed)} failed; "
        f"{s.events.gold} gold events ({s.left_out} not factual, left out), {s.events.system} ours, "
        f"{s.events.strict} matched",
        f"  events          P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
        f"({s.unscored} background/optional gold events: {s.neutral} of ours match one, counted neither way)",
        f"  misleading      {sum(s.misleading.values())} of {s.printed} printed records "
        f"({s.misleading_share:.1%})"
        + (": " + ", ".join(f"{why} {n}" for why, n in s.misleading.most_common()) if s.misleading else ""),
        f"  country         {s.abroad} of {s.printed} printed records in a country none of the article's "
        "gold events lies in",
        f"  undated         {s.undated} of {s.printed} printed records have no date (their article and text "
        f"give none); {s.undated_matched} match a gold event by type and place alone (their date counted "
        f"wrong unless the gold has none either); {s.undated_misleading} of the misleading are among them",
    ]
    if s.compared:
        lines.append("  field accuracy on matched events:")
        lines.extend(
            f"    {key:18s} {s.hits[key] / n:.3f}  ({s.hits[key]}/{n})"
            for key in FIELDS
            if (n := s.compared[key])
        )
    table = reliability(s.rated)
    if table:
        sure = [ok for e, ok in s.rated if e.confidence >= SURE]
        lines.append(
            f"  confidence      {sum(sure)} of {len(sure)} records of confidence >= {SURE} match gold"
            + (f" ({sum(sure) / len(sure):.1%})" if sure else "")
        )
        lines.append("    from   records  matched")
        lines.extend(
            f"    {t['from']:.1f}    {t['records']:7d}  {t['matched']:7d}  ({t['share']:.0%})" for t in table
        )
    lines.extend(f"  failed: {why}" for _, why in s.failed)
    return lines
