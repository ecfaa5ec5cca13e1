"""Reading the store: the events as users see them, filtered (``Filters``), in an order
of ``ORDERS``, paged, as map points and as counts; the stored inputs and their texts."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import review, vocab
from ..records import Event
from .db import _abandon, _guarded, snapshot


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # YYYY-MM-DD: events on or after this day
    until: str | None = None  # YYYY-MM-DD: events on or before this day
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None  # an event type or a sub-event type
    sub_event_type: str | None = None
    actor: str | None = None  # words that all stand in the names of its actors
    text: str | None = None  # words that all stand in the notes, actors, places or evidence
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (degrees)
    modality: tuple[str, ...] = ()  # these modalities; none given: asserted and claimed
    every_modality: bool = False  # also denied, planned and hypothetical events
    review: tuple[str, ...] = ()  # these review statuses; none given: all but rejected
    min_fatalities: int = 0
    source: str | None = None  # an outlet one of its reports came from


def _where(f: Filters) -> tuple[str, list[object]]:
    """The SQL condition on ``merged`` for ``f`` and its parameters (never text in the SQL)."""
    clauses: list[str] = []
    args: list[object] = []

    def add(clause: str, *values: object) -> None:
        clauses.append(clause)
        args.extend(values)

    if f.since:  # an undated event (NULL) is on no side of a day: a date filter leaves it out
        add("event_date >= ?", f.since)
    if f.until:
        add("event_date <= ?", f.until)
    if f.country:
        add("country = ? COLLATE NOCASE", f.country)
    if f.admin1:
        add("admin1 = ? COLLATE NOCASE", f.admin1)
    if f.event_type:
        add(
            "(event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE)", f.event_type, f.event_type
        )
    if f.sub_event_type:
        add("sub_event_type = ? COLLATE NOCASE", f.sub_event_type)
    words = "merged.rowid IN (SELECT rowid FROM merged_text WHERE merged_text MATCH ?)"
    if f.actor and _phrases(f.actor):
        add(words, f"actors : ({_phrases(f.actor)})")
    if f.text and _phrases(f.text):
        add(words, _phrases(f.text))
    if f.bbox:
        west, south, east, north = f.bbox
        add("latitude BETWEEN ? AND ?", south, north)
        if west <= east:
            add("longitude BETWEEN ? AND ?", west, east)
        else:  # a box across the antimeridian
            add("(longitude >= ? OR longitude <= ?)", west, east)
    shown = f.modality or (() if f.every_modality else vocab.FACTUAL)
    if shown:
        add(f"modality IN ({', '.join('?' * len(shown))})", *shown)
    statuses = f.review or review.SHOWN
    if set(statuses) != set(review.STATUSES):
        add(f"review_status IN ({', '.join('?' * len(statuses))})", *statuses)
    if f.min_fatalities > 0:
        add("fatalities >= ?", f.min_fatalities)
    if f.source:
        add(
            "merged.id IN (SELECT COALESCE(e.cluster, e.id) FROM articles a JOIN events e "
            "ON e.article_id = a.id WHERE a.source = ? COLLATE NOCASE)",
            f.source,
        )
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


RECORDS = " JOIN merged_records ON merged_records.rowid = merged.rowid"
# Undated events (event_date NULL) come after the dated ones in either order: SQLite sorts
# NULL lowest, so newest first puts them last as it is, and oldest first says so.
OLDEST = "event_date IS NULL, event_date, id"
NEWEST = "event_date DESC, id DESC"


def _column(name: str, *keys: str, blank: str = "") -> dict[str, str]:
    """The orders ``name`` (``keys`` ascending) and ``-name`` (descending) of a table's
    column, ties newest first; ``blank``: a column whose empty values come last either way."""
    last = f"{blank} = '', " if blank else ""
    up = ", ".join(keys)
    down = ", ".join(f"{k} DESC" for k in keys)
    return {name: f"{last}{up}, {NEWEST}", f"-{name}": f"{last}{down}, {NEWEST}"}


def _nocase(column: str) -> str:
    return f"{column} COLLATE NOCASE"


ORDERS = {
    "oldest": OLDEST,
    "newest": NEWEST,
    # the review queue: what the coder was least sure of, then what killed most, first
    "queue": "confidence, fatalities DESC, " + NEWEST,
    # the dashboard table's columns, each way, over every page
    **_column("type", _nocase("event_type"), _nocase("sub_event_type")),
    **_column("actor1", _nocase("actor1"), blank="actor1"),
    **_column("actor2", _nocase("actor2"), blank="actor2"),
    **_column("location", _nocase("country"), _nocase("admin1"), _nocase("location")),
    **_column("fatalities", "fatalities"),
    **_column("modality", "modality"),
    **_column("source", _nocase("source"), blank="source"),
    **_column("reports", "reports"),
    **_column("review", "review_status"),
}


def _phrases(text: str) -> str:
    """A user's words as an FTS5 query that needs every word: each one quoted, so that no
    character of theirs is query syntax."""
    words = re.sub(r"[\x00-\x1f\x7f]", " ", text).split()  # FTS5 ends a query at a NUL
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def events(
    conn: sqlite3.Connection, filters: Filters = Filters(), limit: int | None = None, offset: int = 0
) -> Iterator[Event]:
    """Stored events as users see them: the reports of one event from different articles
    merged into one record (the groups ``regroup`` stored), in date order (undated ones
    last), filtered."""
    where, args = _where(filters)
    sql = f"SELECT record FROM merged{RECORDS}{where} ORDER BY {OLDEST}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, offset]
    try:
        for (record,) in conn.execute(sql, args):  # one statement: one state of the store
            yield Event.from_dict(json.loads(record))
    except sqlite3.Error as err:
        raise _abandon(conn, err) from err


@_guarded
def records(
    conn: sqlite3.Connection,
    filters: Filters,
    limit: int,
    offset: int = 0,
    order: str = "oldest",
    counts: dict[tuple[object, ...], int] | None = None,
) -> tuple[int, list[str]]:
    """How many events match and one page of them as JSON text (as stored: not parsed), in
    an order of ``ORDERS``: oldest or newest first (undated ones last either way), as the
    review queue takes them, or by a column of the dashboard's table. ``counts``: totals of
    filters counted before on this unchanged store (kept up to date by the caller), so that
    paging through a filter counts it once. The count and the page are read in one snapshot, so
    a write in between cannot take away a row of the page."""
    with snapshot(conn):
        return _records(conn, filters, limit, offset, ORDERS[order], counts)


def _records(
    conn: sqlite3.Connection,
    filters: Filters,
    limit: int,
    offset: int,
    order: str,
    counts: dict[tuple[object, ...], int] | None,
) -> tuple[int, list[str]]:
    where, args = _where(filters)
    key = (where, *args)
    total = counts.get(key) if counts is not None else None
    if total is None:
        total = conn.execute(f"SELECT COUNT(*) FROM merged{where}", args).fetchone()[0]
        if counts is not None:
            if len(counts) > 4096:
                counts.clear()
            counts[key] = total
    # the page's rows first, from the small table (a join would make SQLite fetch records
    # it then sorts away), then their records
    ids = [
        r
        for (r,) in conn.execute(
            f"SELECT rowid FROM merged{where} ORDER BY {order} LIMIT ? OFFSET ?", [*args, limit, offset]
        )
    ]
    found = dict(
        conn.execute(
            f"SELECT rowid, record FROM merged_records WHERE rowid IN ({', '.join('?' * len(ids))})", ids
        )
    )
    return int(total), [found[r] for r in ids]


@_guarded
def points(conn: sqlite3.Connection, filters: Filters, limit: int) -> tuple[int, list[tuple[object, ...]]]:
    """The events with a place that match: how many, and the most recent ``limit`` of them
    (undated ones last) as (id, latitude, longitude, fatalities, sub-event type), what a map
    draws."""
    where, args = _where(filters)
    where += (" AND " if where else " WHERE ") + "latitude IS NOT NULL AND longitude IS NOT NULL"
    with snapshot(conn):  # the total and the points of one state of the store
        total = conn.execute(f"SELECT COUNT(*) FROM merged{where}", args).fetchone()[0]
        rows = conn.execute(
            f"SELECT id, latitude, longitude, fatalities, sub_event_type FROM merged{where} "
            f"ORDER BY {NEWEST} LIMIT ?",
            [*args, limit],
        ).fetchall()
    return int(total), rows


@_guarded
def record(conn: sqlite3.Connection, event_id: str) -> str | None:
    """One event as users see it, by its id or the id of any report merged into it."""
    row = conn.execute(
        f"SELECT record FROM merged{RECORDS} "
        "WHERE id = COALESCE((SELECT cluster FROM events WHERE id = ?), ?)",
        (event_id, event_id),
    ).fetchone()
    return str(row[0]) if row else None


PERIODS = {
    "day": "event_date",
    "week": "date(event_date, '-6 days', 'weekday 1')",  # the Monday of its ISO week
    "month": "substr(event_date, 1, 7)",
    "year": "substr(event_date, 1, 4)",
}


@_guarded
def stats(conn: sqlite3.Connection, filters: Filters, period: str) -> dict[str, Any]:
    """Events and fatalities by period (day, week from its Monday, month or year), by event
    type and by country, for the events that match ``filters``: lists of {key, events,
    fatalities} under ``by_period``, ``by_type`` and ``by_country``, and by period and type
    under ``by_period_type`` (each with its ``event_type``). Undated events count
    by type and country, never in a period: ``undated`` holds their own {events, fatalities}."""
    with snapshot(conn):  # every count of one state of the store
        return _stats(conn, filters, period)


def _stats(conn: sqlite3.Connection, filters: Filters, period: str) -> dict[str, Any]:
    where, args = _where(filters)
    out: dict[str, Any] = {}
    for name, column in (
        ("by_period", PERIODS[period]),
        ("by_type", "event_type"),
        ("by_country", "country"),
    ):
        order = "1" if name == "by_period" else "2 DESC, 1"
        only = ""
        if name == "by_period":
            only = (" AND " if where else " WHERE ") + "event_date IS NOT NULL"
        sql = (
            f"SELECT {column}, COUNT(*), SUM(fatalities) FROM merged{where}{only} GROUP BY 1 ORDER BY {order}"
        )
        rows = conn.execute(sql, args)
        out[name] = [{"key": k, "events": n, "fatalities": int(dead or 0)} for k, n, dead in rows]
    dated = (" AND " if where else " WHERE ") + "event_date IS NOT NULL"
    rows = conn.execute(
        f"SELECT {PERIODS[period]}, event_type, COUNT(*), SUM(fatalities) FROM merged{where}{dated} "
        "GROUP BY 1, 2 ORDER BY 1, 2",
        args,
    )
    out["by_period_type"] = [
        {"key": k, "event_type": t, "events": n, "fatalities": int(dead or 0)} for k, t, n, dead in rows
    ]
    undated = (" AND " if where else " WHERE ") + "event_date IS NULL"
    n, dead = conn.execute(f"SELECT COUNT(*), SUM(fatalities) FROM merged{where}{undated}", args).fetchone()
    out["undated"] = {"events": int(n), "fatalities": int(dead or 0)}
    return out


# every stored input: the articles, and what never became one (with no id)
INPUTS = (
    "SELECT id, origin, title, url, source, published, status, reason, events, stored_at FROM articles "
    "UNION ALL SELECT NULL, origin, '', '', '', NULL, 'failed', reason, 0, stored_at FROM failures"
)


@_guarded
def article_texts(conn: sqlite3.Connection, ids: list[str]) -> list[dict[str, object]]:
    """The stored articles of ``ids`` with their metadata and full text, by id."""
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, title, url, source, published, text FROM articles WHERE id IN ({marks}) ORDER BY id", ids
    )
    names = ("id", "title", "url", "source", "published", "text")
    return [dict(zip(names, r, strict=True)) for r in rows]


@_guarded
def article_page(
    conn: sqlite3.Connection, status: str | None, limit: int, offset: int = 0
) -> tuple[int, list[dict[str, object]]]:
    """Stored inputs, most recent first, with how each ended (``status``: only coded or
    only failed ones); an input that never became an article (unreadable) has no id."""
    sql = f"SELECT * FROM ({INPUTS})"
    args: list[object] = []
    if status:
        sql += " WHERE status = ?"
        args.append(status)
    with snapshot(conn):  # the total and the page of one state of the store
        total = conn.execute(f"SELECT COUNT(*) FROM ({sql})", args).fetchone()[0]
        rows = conn.execute(
            f"{sql} ORDER BY stored_at DESC, origin LIMIT ? OFFSET ?", [*args, limit, offset]
        ).fetchall()
    names = ("id", "origin", "title", "url", "source", "published", "status", "reason", "events", "stored_at")
    return int(total), [dict(zip(names, r, strict=True)) for r in rows]


@_guarded
def statuses(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Every stored input with how it ended, failed ones first."""
    rows = conn.execute(
        f"SELECT origin, status, reason, events, stored_at FROM ({INPUTS}) ORDER BY status DESC, origin"
    ).fetchall()
    names = ("origin", "status", "reason", "events", "stored_at")
    return [dict(zip(names, r, strict=True)) for r in rows]
