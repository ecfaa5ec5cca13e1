"""Score the whole pipeline on ACLED rows (an ACLED export with its ``notes`` column).

Each row's notes are coded as an article published two days after the row's event date,
so the date has to come from the text, as in real reporting. The row is compared with our
first factual (asserted or claimed) event in text order: a note reports one event first,
and picking the event that best fits the row would flatter the scores. A row with no
factual event counts as a miss on every field ("NONE" in the confusion tables).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import dates, dedup, ingest, pipeline
from ..errors import E_GOLD, InputError
from ..gazetteer import distance_km
from ..records import Event
from ..vocab import FACTUAL
from . import RECORD_FIELDS, in_part

FIELDS = ("event_type", "sub_event_type", *RECORD_FIELDS, "location_25km")
TABLED = ("event_type", "sub_event_type", "fatalities", "inter1", "inter2")  # confusion tables
NEEDED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "notes", "fatalities")
SUFFIX = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")  # "Police Forces of Myanmar (2016-) Border Guard Police"
REPORTING_DELAY = dt.timedelta(days=2)


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    date: dt.date
    gold: dict[str, str]  # the compared fields, normalised
    latitude: float | None
    longitude: float | None
    country: str = ""  # ACLED's country name


@dataclass
class Score:
    rows: int = 0
    dated: int = 0  # rows whose notes name a calendar day: the only ones whose date is knowable
    dated_hits: int = 0  # of those, rows with the right event_date
    no_event: int = 0
    failed: int = 0  # rows whose notes were refused (not English, empty): misses too
    hits: Counter[str] = field(default_factory=Counter)
    confusion: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    errors: list[tuple[str, ...]] = field(default_factory=list)
    seconds: float = 0.0
    records: int = 0  # factual records of all rows
    abroad: int = 0  # of those, records placed in a country other than the row's
    unplaced: int = 0  # of those, records with no country at all
    merged: int = 0  # of those, records the cross-article dedup groups with another row's

    def accuracy(self, name: str) -> float:
        return self.hits[name] / self.rows if self.rows else 0.0

    def add(self, other: Score) -> None:
        self.rows += other.rows
        self.dated += other.dated
        self.dated_hits += other.dated_hits
        self.no_event += other.no_event
        self.failed += other.failed
        self.records += other.records
        self.abroad += other.abroad
        self.unplaced += other.unplaced
        self.merged += other.merged
        self.hits.update(other.hits)
        for name, table in other.confusion.items():
            self.confusion.setdefault(name, Counter()).update(table)
        self.seconds += other.seconds

    def summary(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "no_factual_event": self.no_event,
            "failed": self.failed,
            "accuracy": {name: round(self.accuracy(name), 4) for name in FIELDS},
            "dated_rows": self.dated,
            "event_date_on_dated_rows": round(self.dated_hits / self.dated, 4) if self.dated else None,
            "rows_per_second": round(self.rows / self.seconds, 1) if self.seconds else None,
            "factual_records": self.records,
            "records_in_another_country": self.abroad,
            "records_with_no_country": self.unplaced,
            "records_merged_across_rows": self.merged,
            "confusion": {
                name: [[want, got, n] for (want, got), n in self.confusion.get(name, Counter()).most_common()]
                for name in TABLED
            },
        }


def actor_name(name: str) -> str:
    """An ACLED actor without its validity dates: "Military Forces of Iraq (2018-)" →
    "Military Forces of Iraq"."""
    return " ".join(SUFFIX.sub("", name).split())


def associates(names: str) -> str:
    """ACLED's "; "-separated associated actors, without dates, in a fixed order."""
    return "; ".join(sorted({actor_name(n) for n in names.split(";") if n.strip()}))


def _date(value: str) -> dt.date:
    for form in ("%Y%m%d", "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not a date")


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def read(path: Path) -> list[Row]:
    """The rows of an ACLED CSV export; a file without ACLED's columns, or with a row whose
    date or fatalities do not parse, is refused whole with the line named (E115)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in NEEDED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(str(path), E_GOLD.format(detail=f"no column {', '.join(missing)}"))
            rows = []
            for line, r in enumerate(reader, 2):
                try:
                    rows.append(_row(r))
                except ValueError as err:
                    raise InputError(f"{path}:{line}", E_GOLD.format(detail=err)) from err
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(str(path), E_GOLD.format(detail=err)) from err
    return rows


def _row(r: dict[str, str]) -> Row:
    gold = {
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "event_date": _date(r["event_date"]).isoformat(),
        "fatalities": str(int(r["fatalities"] or 0)),
        "actor1": actor_name(r.get("actor1", "")),
        "actor2": actor_name(r.get("actor2", "")),
        "assoc_actor_1": associates(r.get("assoc_actor_1", "")),
        "assoc_actor_2": associates(r.get("assoc_actor_2", "")),
        "inter1": str(int(r.get("inter1") or 0)),
        "inter2": str(int(r.get("inter2") or 0)),
        "admin1": r.get("admin1", ""),
    }
    return Row(
        r["event_id_cnty"],
        SIZE_NOTE.sub("", r["notes"]),
        _date(r["event_date"]),
        gold,
        _float(r.get("latitude", "")),
        _float(r.get("longitude", "")),
        r.get("country", ""),
    )


# ACLED's crowd size, appended to a protest's notes ("...in NDjamena.[size=no report]"):
# the coder's field, not the report's words (glued to the last word, it hides the town)
SIZE_NOTE = re.compile(r"\s*\[size=[^\]]*\]")


def ours(e: Event | None, row: Row) -> dict[str, str]:
    """Our values for the compared fields ("NONE" without an event)."""
    if e is None:
        return dict.fromkeys(FIELDS, "NONE")
    near = (
        e.latitude is not None
        and e.longitude is not None
        and row.latitude is not None
        and row.longitude is not None
        and distance_km(e.latitude, e.longitude, row.latitude, row.longitude) <= 25
    )
    return {
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "event_date": e.event_date or "undated",  # matches no gold date
        "fatalities": str(e.fatalities),
        "actor1": actor_name(e.actor1),
        "actor2": actor_name(e.actor2),
        "assoc_actor_1": associates(e.assoc_actor_1),
        "assoc_actor_2": associates(e.assoc_actor_2),
        "inter1": str(e.inter1),
        "inter2": str(e.inter2),
        "admin1": e.admin1,
        "location_25km": "yes" if near else "no",
    }


def _bucket(name: str, value: str) -> str:
    """Confusion-table labels: fatalities by size, locations hit or missed, else the value."""
    if name != "fatalities" or not value.isdigit():
        return value
    n = int(value)
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def names_a_day(row: Row) -> bool:
    """Whether the notes name the event's calendar day (a date, or a weekday the reporting
    delay makes resolvable); many older notes give none, and no coder could date them."""
    published = row.date + REPORTING_DELAY
    return any(t.precision == "day" and t.date == row.date for t in dates.extract(row.text, published))


def first_factual(events: Iterable[Event]) -> Event | None:
    factual = [e for e in events if e.modality in FACTUAL]
    return min(factual, key=lambda e: min(start for _, start, _ in e.evidence)) if factual else None


def score(rows: list[Row], country_hint: bool = False) -> Score:
    """Code the rows' notes (with ``country_hint``, each as from a paper of its country) and
    compare field by field."""
    s = Score(confusion={name: Counter() for name in FIELDS})
    began = time.perf_counter()
    factual: list[Event] = []
    for row, result in zip(rows, pipeline.run(_articles(rows, country_hint)), strict=True):
        s.rows += 1
        mine = [e for e in result.events if e.modality in FACTUAL]
        factual += mine
        if row.country:
            abroad = [e for e in mine if e.country and e.country != row.country]
            s.abroad += len(abroad)
            # (listed with the field misses: a misleading record, whichever is the row's)
            s.errors += [(row.id, "country", row.country, f"{e.country}: {e.location}") for e in abroad]
            s.unplaced += sum(1 for e in mine if not e.country)
        if result.status.status != "coded":
            s.failed += 1
        event = first_factual(result.events)
        s.no_event += event is None
        got = ours(event, row)
        if names_a_day(row):
            s.dated += 1
            s.dated_hits += got["event_date"] == row.gold["event_date"]
        for name in FIELDS:
            want = "yes" if name == "location_25km" else row.gold[name]
            s.hits[name] += got[name] == want if name != "admin1" else got[name].lower() == want.lower()
            s.confusion[name][(_bucket(name, want), _bucket(name, got[name]))] += 1
            if got[name] != want:
                s.errors.append((row.id, name, want, got[name]))
    # Each ACLED row is its own event: records of two rows that the cross-article dedup
    # groups are over-merged (unless the rows share their notes).
    s.records = len(factual)
    s.merged = sum(len(group) for group in dedup.clusters(factual) if len(group) > 1)
    s.seconds = time.perf_counter() - began
    return s


def _articles(rows: list[Row], country_hint: bool) -> Iterator[Any]:
    for row in rows:
        meta = {"published": (row.date + REPORTING_DELAY).isoformat()}
        if country_hint and row.country:
            meta["country"] = row.country
        try:
            yield ingest.make_article(row.id, row.text, meta, ingest.Options())
        except InputError as err:
            yield err


def select(rows: list[Row], part: tuple[int, int] | None, limit: int | None) -> list[Row]:
    """The rows of one part of the fixed split by event id; with ``limit``, the first rows
    in the order of their ids' hash (a sample that does not depend on the file's order)."""
    chosen = [r for r in rows if part is None or in_part(r.id, part)]
    if limit is not None:
        chosen = sorted(chosen, key=lambda r: _digest(r.id))[:limit]
    return chosen


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()


def evaluate(
    paths: list[Path],
    part: tuple[int, int] | None = None,
    limit: int | None = None,
    country_hint: bool = False,
) -> dict[str, Score]:
    """One score per file, then "all" when there are several."""
    out: dict[str, Score] = {}
    for path in paths:
        out[path.name] = score(select(read(path), part, limit), country_hint)
    if len(out) > 1:
        total = Score(confusion={name: Counter() for name in FIELDS})
        for s in out.values():
            total.add(s)
        out["all"] = total
    return out


def report(name: str, s: Score, top: int = 6) -> list[str]:
    lines = [
        f"{name}: {s.rows} rows, {s.no_event} with no factual event, {s.failed} refused, "
        f"{s.rows / s.seconds if s.seconds else 0:.0f} rows/s"
    ]
    for field_name in FIELDS:
        lines.append(f"  {field_name:15s} {s.accuracy(field_name):.3f}")
    if s.dated:
        share = s.dated_hits / s.dated
        lines.append(f"  event_date on the {s.dated} rows whose notes name the day: {share:.3f}")
    if s.records:
        lines.append(
            f"  country: {s.abroad} of {s.records} factual records placed in a country other than the row's "
            f"(misleading), {s.unplaced} with no country"
        )
        lines.append(
            f"  dedup across rows: {s.merged} of {s.records} factual records ({s.merged / s.records:.3f}) "
            "grouped with another row's (each row is its own event: over-merges, unless notes repeat)"
        )
    for field_name in TABLED:
        wrong = [(k, n) for k, n in s.confusion.get(field_name, Counter()).most_common() if k[0] != k[1]]
        if wrong:
            lines.append(f"  {field_name} confusions (gold -> ours):")
            lines.extend(f"    {n:4d}  {want} -> {got}" for (want, got), n in wrong[:top])
    return lines
