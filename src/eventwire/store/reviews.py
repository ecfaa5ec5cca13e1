"""Reviews: an analyst's verdicts kept over the coded records, their history, the stale and
conflicting ones, and the articles as their reviews leave them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from .. import review, vocab
from ..article import joined
from ..records import Event
from .db import _abandon, _guarded, _now, _rollback, snapshot
from .merged import REVIEW_COLUMNS, _review, _show
from .query import record


def _group(conn: sqlite3.Connection, event_id: str) -> list[Event]:
    """The stored reports of the event that ``event_id`` (a report's id or its group's) is
    one of, smallest id first (the group's id); none for an unknown id."""
    row = conn.execute("SELECT COALESCE(cluster, id) FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return []
    rows = conn.execute("SELECT record FROM events WHERE cluster = ? OR id = ? ORDER BY id", (row[0], row[0]))
    return [Event.from_dict(json.loads(record)) for (record,) in rows]


@_guarded
def add_review(
    conn: sqlite3.Connection,
    event_id: str,
    verdict: object,
    changes: dict[str, object] | None,
    reviewer: str,
    note: str = "",
) -> str | None:
    """Keep a reviewer's verdict on the event ``event_id`` (a report's id or its group's) and
    show the event under it: its record as users now see it (JSON), or None for an unknown
    id. ReviewError (nothing kept) for a verdict or change that cannot be taken; the coded
    records stay as they are."""
    sure, fields_set = review.checked(verdict, changes)
    reviewer, note = review.who(reviewer, note)
    try:
        conn.execute("BEGIN IMMEDIATE")
        group = _group(conn, event_id)
        if not group:
            conn.execute("ROLLBACK")
            return None
        coded = joined(group)
        taken = review.Review(coded.event_id, sure, tuple(fields_set.items()))
        review.consistent(review.reviewed(coded.to_dict(), taken), fields_set)
        # a review of the event is one of each report in it: a later split keeps it on each,
        # and a review of the whole settles what its reports' reviews said apart
        at, told = _now(), json.dumps(fields_set, ensure_ascii=False)
        conn.executemany(
            f"INSERT INTO reviews ({REVIEW_COLUMNS}, article_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(e.event_id, sure, told, reviewer, note, at, e.article_ids[0]) for e in group],
        )
        _show(conn, coded, [e.event_id for e in group])
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        raise _abandon(conn, err) from err
    except BaseException:
        _rollback(conn)
        raise
    return record(conn, group[0].event_id)


@_guarded
def review_history(conn: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]:
    """Every review of the event ``event_id`` is one of (any of its reports), oldest first."""
    ids = [e.event_id for e in _group(conn, event_id)] or [event_id]
    marks = ", ".join("?" * len(ids))
    # one review of several reports is one row a report: told once
    rows = conn.execute(
        f"SELECT MIN(event_id), verdict, changes, reviewer, note, reviewed_at FROM reviews "
        f"WHERE event_id IN ({marks}) GROUP BY verdict, changes, reviewer, note, reviewed_at "
        "ORDER BY MIN(id)",
        ids,
    )
    return [_review(r).to_dict() for r in rows]


@_guarded
def stale_reviews(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The latest review of each record that is gone: its article was coded again and the
    record changed (or went), so the new records are unreviewed and this verdict is the
    reviewer's to look at again. Each with its article's id and ``events``: the ids of the
    events its article's records are now shown in (where a reviewer looks again)."""
    with snapshot(conn):  # the reviews and the events of one state of the store
        rows = conn.execute(
            f"SELECT {REVIEW_COLUMNS}, article_id FROM reviews WHERE id IN "
            "(SELECT MAX(id) FROM reviews GROUP BY event_id) "
            "AND event_id NOT IN (SELECT id FROM events) ORDER BY article_id, id"
        ).fetchall()
        shown = {
            article: [
                g
                for (g,) in conn.execute(
                    "SELECT DISTINCT COALESCE(cluster, id) FROM events WHERE article_id = ? ORDER BY 1",
                    (article,),
                )
            ]
            for article in {r[6] for r in rows}
        }
    return [{**_review(r[:6]).to_dict(), "article_id": r[6], "events": shown[r[6]]} for r in rows]


@_guarded
def review_conflicts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Events whose reports were reviewed apart and disagree (one rejected, another
    corrected; two corrections that set different values): a regroup that joined them shows
    the latest review, and these are for a reviewer to settle. Each is the event's id and
    the latest review of each report, oldest first."""
    rows = conn.execute(
        f"SELECT COALESCE(e.cluster, e.id), r.{REVIEW_COLUMNS.replace(', ', ', r.')} FROM reviews r "
        "JOIN events e ON e.id = r.event_id "
        "WHERE r.id IN (SELECT MAX(id) FROM reviews GROUP BY event_id) ORDER BY 1, r.id"
    ).fetchall()
    groups: dict[str, list[review.Review]] = {}
    for group, *row in rows:
        groups.setdefault(group, []).append(_review(row))
    return [
        {"event_id": group, "reviews": [r.to_dict() for r in found]}
        for group, found in groups.items()
        if len({(r.verdict, tuple(sorted(r.changes))) for r in found}) > 1
    ]


@dataclass(frozen=True)
class ReviewedArticle:
    """A stored article with its records as its reviews leave them (rejected ones gone);
    ``complete``: every record it gave was reviewed (through the event it reports)."""

    article: dict[str, Any]  # id, title, url, source, published, text
    records: list[dict[str, Any]]
    complete: bool


@_guarded
def reviewed_articles(conn: sqlite3.Connection) -> list[ReviewedArticle]:
    """Every coded article with records, by id, with its records under their groups' latest
    reviews: what a team's reviews make of the coder's output, article by article. An
    article is complete when a reviewer saw it: at least one record and every record shown
    as having happened were reviewed (a planned or denied one counts only when reviewed)."""
    with snapshot(conn):
        latest = dict(
            conn.execute(
                "SELECT COALESCE(e.cluster, e.id), MAX(r.id) FROM reviews r "
                "JOIN events e ON e.id = r.event_id GROUP BY 1"
            ).fetchall()
        )
        verdicts = {
            row[0]: _review(row[1:]) for row in conn.execute(f"SELECT id, {REVIEW_COLUMNS} FROM reviews")
        }
        rows = conn.execute(
            "SELECT a.id, a.title, a.url, a.source, a.published, a.text, e.record, COALESCE(e.cluster, e.id) "
            "FROM articles a JOIN events e ON e.article_id = a.id "
            "WHERE a.status = 'coded' ORDER BY a.id, e.id"
        ).fetchall()
    names = ("id", "title", "url", "source", "published", "text")
    out: list[ReviewedArticle] = []
    seen: dict[str, tuple[int, bool]] = {}  # article -> records reviewed, one not reviewed
    for *meta, text, group in rows:
        if not out or out[-1].article["id"] != meta[0]:
            out.append(ReviewedArticle(dict(zip(names, meta, strict=True)), [], False))
        reviewed, missing = seen.get(meta[0], (0, False))
        found = verdicts.get(latest.get(group, -1))
        record = json.loads(text)
        if found is None:
            missing = missing or record["modality"] in vocab.FACTUAL
        else:
            reviewed += 1
            if found.verdict != "rejected":
                out[-1].records.append(review.reviewed(record, found))
        seen[meta[0]] = (reviewed, missing)
    return [replace(a, complete=seen[a.article["id"]][0] > 0 and not seen[a.article["id"]][1]) for a in out]
