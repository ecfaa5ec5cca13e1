"""Stage 8, export: event records → JSONL, ACLED CSV, or a terminal table.

Reads: ``Event`` records. Writes: text to a stream (Parquet: bytes). One registry of
formats (``FORMATS``: writer, media type, extension) serves ``code``, ``query``, ``export``
and the API: a new format is one entry here.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from . import errors, tables
from .records import Event

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = (
    "article_ids",
    "review_status",
    "modality",
    "background",
    "confidence",
    "plover_type",
    "plover_mode",
    "plover_context",
    "geonameid",
    "date_basis",
    "published",
    "published_basis",
    "source_url",
    "evidence",
)

OUTLETS = "export/outlets.tsv"
SCALES = ("Local partner", "Subnational", "National", "Regional", "International", "New media", "Other")


@tables.table
def source_scales() -> dict[str, str]:
    """ACLED's source_scale of the outlets ``export/outlets.tsv`` knows, by lower-case name."""
    rows = tables.load_tsv(OUTLETS, ("outlet", "source_scale"))
    allowed = {*SCALES, *(f"{a}-{b}" for a in SCALES for b in SCALES if a != b)}
    tables.check_values(OUTLETS, rows, "source_scale", allowed)
    return {r["outlet"].lower(): r["source_scale"] for r in rows if r["outlet"]}


# Why an ACLED CSV leaves a record out: ACLED's event_date and year are required.
UNDATED = "undated (neither the article nor its metadata fixes the day)"


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    """One schema record per line."""
    for e in events:
        out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        out.flush()


def acled_kept(events: Iterable[Event], counts: Counter[str], country_level: bool = False) -> Iterator[Event]:
    """The records ACLED's form holds: an undated one (event_date null; ACLED needs the date)
    is left out and counted in ``counts["undated"]``, and, unless ``country_level``, one
    located only to a country in ``counts["country"]``, for the caller to say how many
    (``left_out``)."""
    for e in events:
        if e.event_date is None:
            counts["undated"] += 1
        elif not country_level and e.geo_precision >= 4:
            counts["country"] += 1
        else:
            yield e


def left_out(counts: Counter[str]) -> str:
    """What ``acled_kept`` left out, for the user ("" when nothing)."""
    parts = []
    if counts["undated"]:
        parts.append(f"{counts['undated']} {UNDATED}")
    if counts["country"]:
        parts.append(f"{counts['country']} located only to a country (--country-level keeps them)")
    return f"left out of ACLED's form: {'; '.join(parts)}" if parts else ""


def acled_row(e: Event, stamp: int) -> dict[str, object]:
    """ACLED's columns (then ours) for one record; values ACLED leaves blank stay blank."""
    d = e.to_dict()
    row: dict[str, object] = {c: d.get(c, "") for c in ACLED_COLUMNS}
    row.update(
        event_id_cnty=e.event_id,
        event_date=e.event_date or "",
        year=e.event_date[:4] if e.event_date else "",
        iso="" if e.iso is None else e.iso,
        region=e.region,
        admin3="",
        source_scale=source_scales().get(e.source.strip().lower(), ""),
        tags="",
        timestamp=stamp,
        # ACLED's four decimals (about 11 m): more would claim a precision no text gives
        latitude="" if e.latitude is None else round(e.latitude, 4),
        longitude="" if e.longitude is None else round(e.longitude, 4),
    )
    row.update(
        article_ids=";".join(e.article_ids),
        review_status=e.review_status,
        modality=e.modality,
        background="true" if e.background else "false",
        confidence=e.confidence,
        plover_type=e.plover_type,
        plover_mode=e.plover_mode or "",
        plover_context=";".join(e.plover_context),
        geonameid="" if e.geonameid is None else e.geonameid,
        date_basis=e.date_basis,
        published=e.published,
        published_basis=e.published_basis,
        source_url=e.source_url,
        evidence=json.dumps(d["evidence"], ensure_ascii=False),
    )
    return row


# A cell a spreadsheet would run as a formula (OWASP, "CSV injection"): text from an article
# such as "=HYPERLINK(...)" or "@SUM(...)" in an actor's name or the notes.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def write_csv(events: Iterable[Event], out: TextIO, raw: bool = False) -> None:
    """ACLED's column names in ACLED's order, then eventwire's own columns. Undated records
    are never written (ACLED needs the date): callers pass the events through ``acled_kept``
    to count them. Text cells that a spreadsheet would read as a formula get a leading ``'``
    unless ``raw`` (numbers, such as a negative longitude, are written as they are)."""
    writer = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS], lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    for e in events:
        if e.event_date is not None:
            row = acled_row(e, stamp)
            writer.writerow(row if raw else {k: _inert(v) for k, v in row.items()})


def _inert(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


def shown(value: object) -> Any:
    """``value`` as a terminal table shows it safely: characters that are not printable (a
    newline or an escape sequence in a file name, which could redraw the screen) as Python
    escapes, and brackets as text, never rich markup."""
    from rich.text import Text

    text = str(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return Text(text)


def write_geojson(events: Iterable[Event], out: TextIO) -> None:
    """One GeoJSON FeatureCollection: a point per event (null geometry where none is known),
    the whole record as its properties; written feature by feature."""
    out.write('{"type": "FeatureCollection", "features": [')
    for n, e in enumerate(events):
        point = None
        if e.latitude is not None and e.longitude is not None:
            point = {"type": "Point", "coordinates": [e.longitude, e.latitude]}  # GeoJSON: lon, lat
        feature = {"type": "Feature", "id": e.event_id, "geometry": point, "properties": e.to_dict()}
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
    out.write("\n]}\n")
    out.flush()


def write_table(events: Iterable[Event], out: TextIO) -> None:
    """A table for reading on a terminal: one row per event, evidence abridged."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True)
    for name in ("id", "date", "event", "actors", "where", "dead", "modality", "evidence"):
        table.add_column(name, overflow="fold")
    for e in events:
        when = (
            "undated"
            if e.event_date is None
            else e.event_date + {1: "", 2: " ~wk", 3: " ~mo"}[e.time_precision]
        )
        if e.background:
            when += "\n(background)"  # an earlier event the article recalls
        actors = _line(e.actor1) + (f"\n→ {_line(e.actor2)}" if e.actor2 else "")
        where = f"{e.location or e.country or '?'}"
        if e.admin1 and e.admin1 != e.location:
            where += f", {e.admin1}"
        where = _line(where) + f" (p{e.geo_precision})"
        first = " ".join(e.evidence[0][0].split())  # a sentence may span lines of the article
        snippet = first if len(first) <= 160 else first[:157] + "..."
        more = f" (+{len(e.evidence) - 1})" if len(e.evidence) > 1 else ""
        status = f"\n{e.review_status}" if e.review_status not in ("", "unreviewed") else ""
        cells = (
            e.event_id + status,
            when,
            f"{e.event_type}\n{e.sub_event_type}",
            actors,
            where,
            str(e.fatalities),
            e.modality,
        )
        table.add_row(*(Text(c) for c in cells), shown(snippet + more))
    console = Console(file=out, width=max(120, Console().width), highlight=False)
    console.print(table)


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    """Plain records as a terminal table, one row each."""
    from rich.console import Console
    from rich.table import Table

    table = Table(expand=True)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(shown(row.get(c, "")) for c in columns))
    Console(file=out, width=max(100, Console().width), highlight=False).print(table)


def _line(text: str) -> str:
    """``text`` on one line of a table cell, with no character that is not printable."""
    return str(shown(" ".join(text.split())))


def parquet_schema() -> Any:
    """ACLED's columns, then eventwire's, with their types: dates as dates, codes and counts
    as integers, coordinates as floats, lists as lists (evidence as structs)."""
    import pyarrow as pa

    types: dict[str, Any] = {c: pa.string() for c in (*ACLED_COLUMNS, *EXTRA_COLUMNS)}
    types.update(
        event_date=pa.date32(),
        year=pa.int16(),
        time_precision=pa.int8(),
        iso=pa.int16(),
        inter1=pa.int8(),
        inter2=pa.int8(),
        interaction=pa.int16(),
        latitude=pa.float64(),
        longitude=pa.float64(),
        geo_precision=pa.int8(),
        fatalities=pa.int32(),
        timestamp=pa.int64(),
        article_ids=pa.list_(pa.string()),
        background=pa.bool_(),
        confidence=pa.float32(),
        plover_context=pa.list_(pa.string()),
        geonameid=pa.int64(),
        published=pa.date32(),
        evidence=pa.list_(
            pa.struct(
                [
                    ("text", pa.string()),
                    ("start", pa.int32()),
                    ("end", pa.int32()),
                    ("article_id", pa.string()),
                ]
            )
        ),
    )
    return pa.schema([(name, types[name]) for name in (*ACLED_COLUMNS, *EXTRA_COLUMNS)])


def parquet_row(e: Event, stamp: int) -> dict[str, object]:
    """``acled_row`` with typed values: None where ACLED leaves a cell blank."""
    row = acled_row(e, stamp)
    d = e.to_dict()
    row.update(
        event_date=dt.date.fromisoformat(e.event_date) if e.event_date else None,
        year=int(e.event_date[:4]) if e.event_date else None,
        background=e.background,
        latitude=e.latitude,
        longitude=e.longitude,
        iso=e.iso,
        article_ids=list(e.article_ids),
        plover_context=list(e.plover_context),
        geonameid=e.geonameid,
        published=dt.date.fromisoformat(e.published) if e.published else None,
        evidence=d["evidence"],
    )
    return {k: (None if v == "" else v) for k, v in row.items()}


def write_parquet(events: Iterable[Event], out: Any, batch: int = 10_000) -> None:
    """One Parquet file (``out``: a path or a binary stream), written in row groups of
    ``batch`` records so that memory stays flat however many events there are."""
    errors.needs("Parquet", "parquet", "pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    stamp = int(time.time())
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[dict[str, object]] = []
        written = 0
        for e in events:
            rows.append(parquet_row(e, stamp))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                written, rows = written + len(rows), []
        if rows or not written:  # no events at all still make a file with the columns
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


@dataclass(frozen=True)
class Format:
    """One output format: its writer (events and a text stream; a binary stream or a path
    when ``binary``), media type and file extension; ``acled``: ACLED's form, which leaves
    out undated and country-only records (``acled_kept``); ``download``: served by the API."""

    name: str
    label: str  # what a person reads: the dashboard's download link
    write: Callable[..., None]
    media: str
    extension: str
    binary: bool = False
    acled: bool = False
    download: bool = True


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("acled-csv", "ACLED CSV", write_csv, "text/csv", "csv", acled=True),
        Format("jsonl", "JSONL", write_jsonl, "application/x-ndjson", "jsonl"),
        Format("geojson", "GeoJSON", write_geojson, "application/geo+json", "geojson"),
        Format("parquet", "Parquet", write_parquet, "application/vnd.apache.parquet", "parquet", binary=True),
        Format("table", "table", write_table, "text/plain", "txt", download=False),
    )
}
ALIASES = {"csv": "acled-csv"}  # the name ACLED's CSV had before
NAMES = (*FORMATS, *ALIASES)


def format_named(name: str) -> Format:
    """The format of a name or alias (a name of ``NAMES``)."""
    return FORMATS[ALIASES.get(name, name)]


def writer(name: str, raw: bool = False) -> Callable[..., None]:
    """The writer of format ``name``; ``raw``: ACLED's CSV without formula escaping."""
    found = format_named(name)
    return functools.partial(write_csv, raw=True) if raw and found.name == "acled-csv" else found.write
