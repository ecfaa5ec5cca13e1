"""The table of events as users see them (``merged``): each group of reports shown as one
record under the group's latest review, with its words indexed; ``regroup`` finds the groups."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from .. import dedup, review
from ..article import joined
from ..records import Event
from .db import _abandon, _guarded, _unwritable, failure

REVIEW_COLUMNS = "event_id, verdict, changes, reviewer, note, reviewed_at"
MERGED_COLUMNS = (
    "id, event_date, country, admin1, location, event_type, sub_event_type, modality, fatalities, "
    "latitude, longitude, review_status, confidence, actor1, actor2, source, reports"
)
# by name: a migration adds its columns at the table's end, where a bare VALUES would misplace them
SHOW = f"INSERT INTO merged ({MERGED_COLUMNS}) VALUES ({', '.join('?' * len(MERGED_COLUMNS.split(',')))})"


def _review(row: Sequence[Any]) -> review.Review:
    event_id, verdict, changes, reviewer, note, at = row
    return review.Review(event_id, verdict, tuple(json.loads(changes).items()), reviewer, note, at)


def latest_review(conn: sqlite3.Connection, event_ids: Sequence[str]) -> review.Review | None:
    """The latest review of any of ``event_ids`` (the reports of one event)."""
    marks = ", ".join("?" * len(event_ids))
    row = conn.execute(
        f"SELECT {REVIEW_COLUMNS} FROM reviews WHERE event_id IN ({marks}) ORDER BY id DESC LIMIT 1",
        list(event_ids),
    ).fetchone()
    return _review(row) if row else None


def _leave_groups(conn: sqlite3.Connection, article_id: str) -> None:
    """Before an article's events go: the groups they were in are taken apart, and the
    other articles' records in them shown alone until ``regroup`` runs."""
    groups = [
        g
        for (g,) in conn.execute(
            "SELECT DISTINCT COALESCE(cluster, id) FROM events WHERE article_id = ?", (article_id,)
        )
    ]
    for group in groups:
        conn.execute("DELETE FROM merged WHERE id = ?", (group,))
        others = conn.execute(
            "SELECT record FROM events WHERE (cluster = ? OR id = ?) AND article_id != ?",
            (group, group, article_id),
        ).fetchall()
        conn.execute("UPDATE events SET cluster = NULL WHERE cluster = ?", (group,))
        for (record,) in others:
            _show(conn, Event.from_dict(json.loads(record)))


def _show(conn: sqlite3.Connection, coded: Event, members: Sequence[str] = ()) -> None:
    """Put ``coded`` (a merged record of the reports ``members``, or one alone) in the table
    the queries read, as its group's latest review leaves it."""
    found = latest_review(conn, members or (coded.event_id,))
    record = review.reviewed(coded.to_dict(), found)
    e = Event.from_dict(record)
    actors = "\n".join(a for a in (e.actor1, e.assoc_actor_1, e.actor2, e.assoc_actor_2) if a)
    conn.execute("DELETE FROM merged WHERE id = ?", (e.event_id,))  # its words go too (trigger)
    cur = conn.execute(
        SHOW,
        (
            e.event_id,
            e.event_date,
            e.country,
            e.admin1,
            e.location,
            e.event_type,
            e.sub_event_type,
            e.modality,
            e.fatalities,
            e.latitude,
            e.longitude,
            e.review_status,
            e.confidence,
            e.actor1,
            e.actor2,
            e.source or e.source_url,  # as the dashboard's table shows it
            len(e.article_ids),
        ),
    )
    conn.execute(
        "INSERT INTO merged_records VALUES (?, ?)", (cur.lastrowid, json.dumps(record, ensure_ascii=False))
    )
    words = [e.notes, e.location, e.admin1, e.admin2, e.country, *(t for t, _, _ in e.evidence)]
    conn.execute(
        "INSERT INTO merged_text (rowid, actors, text) VALUES (?, ?, ?)",
        (cur.lastrowid, actors, "\n".join(words)),
    )


@_guarded
def regroup(conn: sqlite3.Connection, run: int | None = None) -> int:
    """Group the records not grouped yet with the other reports of their event (see
    ``dedup.clusters``), one event type and country at a time, each in one transaction.
    Returns how many records of ``run`` now share a group with another article's."""
    blocks = conn.execute("SELECT DISTINCT event_type, country FROM events WHERE cluster IS NULL").fetchall()
    for event_type, country in blocks:
        rows = conn.execute(
            "SELECT record FROM events WHERE event_type = ? AND country = ?", (event_type, country)
        ).fetchall()
        groups = dedup.clusters([Event.from_dict(json.loads(record)) for (record,) in rows])
        try:
            conn.execute("BEGIN IMMEDIATE")
            # the rows shown for the block's groups as they were: by their ids, since a review
            # may show a group under another type or country than its reports were coded with
            conn.execute(
                "DELETE FROM merged WHERE id IN "
                "(SELECT COALESCE(cluster, id) FROM events WHERE event_type = ? AND country = ?)",
                (event_type, country),
            )
            conn.executemany(
                "UPDATE events SET cluster = ? WHERE id = ?",
                [(group[0].event_id, e.event_id) for group in groups for e in group],
            )
            for group in groups:
                _show(conn, joined(group), [e.event_id for e in group])
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            raise _abandon(conn, err) from err
    if blocks or not _analyzed(conn):
        try:
            # the planner's statistics: without them it may sort a whole table to find one page
            conn.execute("ANALYZE merged")
        except sqlite3.Error as err:
            if not _unwritable(err):  # a read-only store is read without fresh statistics
                raise failure(conn.execute("PRAGMA database_list").fetchone()[2], err) from err
    if run is None:
        return 0
    row = conn.execute(
        "SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.run = ? "
        "AND EXISTS (SELECT 1 FROM events o WHERE o.cluster = e.cluster AND o.article_id != e.article_id)",
        (run,),
    ).fetchone()
    return int(row[0])


def _analyzed(conn: sqlite3.Connection) -> bool:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return False
    return conn.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'merged' LIMIT 1").fetchone() is not None
