"""Stage 8, store: one SQLite file that keeps every input's status and every event record.

Reads: ``pipeline.Result`` items. Writes: rows of a SQLite database (WAL, foreign keys, a
schema version with migrations). One transaction per article, so an interrupted ingest
loses nothing that was committed and a re-run skips it: an article is known by the hash of
its text, and re-ingesting it changes nothing; a new text under a known URL replaces that
article's events. ``regroup`` stores which records from different articles report one event
(``dedup.clusters``); ``events`` reads each group back as one merged record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import dedup, errors
from .errors import StoreError
from .records import Article, Event, Status

SCHEMA_VERSION = 2
DEFAULT_NAME = "eventwire.db"
SQLITE_HEADER = b"SQLite format 3\x00"
# Each migration takes the database from the version before it to its own number.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,          -- metadata id, else the hash of the text
        content_hash TEXT NOT NULL,
        origin TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        published TEXT,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('coded', 'failed')),
        reason TEXT NOT NULL DEFAULT '',
        events INTEGER NOT NULL DEFAULT 0,
        run INTEGER REFERENCES runs(id),
        stored_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_url ON articles(url) WHERE url != '';
    CREATE TABLE failures (           -- inputs that never became an article
        origin TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        run INTEGER REFERENCES runs(id),
        stored_at TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_date TEXT NOT NULL,
        country TEXT NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        modality TEXT NOT NULL,
        record TEXT NOT NULL          -- the schema record as JSON
    );
    CREATE INDEX events_date ON events(event_date);
    CREATE TABLE evidence (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs TEXT NOT NULL
    );
    """,
    2: """
    -- which reports tell one event: the smallest event id of the group (NULL: not grouped yet)
    ALTER TABLE events ADD COLUMN cluster TEXT;
    CREATE INDEX events_cluster ON events(cluster);
    CREATE INDEX events_block ON events(event_type, country);
    CREATE TABLE sources (
        name TEXT PRIMARY KEY,
        first_stored_at TEXT NOT NULL
    );
    INSERT INTO sources SELECT source, MIN(stored_at) FROM articles WHERE source != '' GROUP BY source;
    """,
}
OUR_TABLES = {"articles", "failures", "events", "evidence", "runs", "sources"}


def failure(path: str, err: sqlite3.Error) -> StoreError:
    """The user's message for an SQLite error: a full disk, a place that cannot be written,
    a file that is not a database, or the error itself."""
    name = getattr(err, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return StoreError(path, errors.E_STORE_FULL)
    if _unwritable(err):
        return StoreError(path, errors.E_STORE_READONLY.format(detail=err))
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return StoreError(path, errors.E_NOT_STORE.format(detail=err))
    return StoreError(path, errors.E_STORE_IO.format(detail=err))


def _unwritable(err: sqlite3.Error) -> bool:
    """The database or its folder cannot be written (or the file not even created)."""
    name = getattr(err, "sqlite_errorname", "")
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"))


def db_path(option: str | None) -> Path:
    """The database: ``--db``, else ``EVENTWIRE_DB``, else eventwire.db in this folder."""
    return Path(option or os.environ.get("EVENTWIRE_DB") or DEFAULT_NAME)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def open_store(path: Path, create: bool = True) -> sqlite3.Connection:
    """The database at ``path``, migrated to this version; refuses (E120-E122) a file that
    is not ours, one from a newer eventwire, or one it cannot read or write, untouched."""
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as err:
            raise StoreError(str(path), errors.E_STORE_IO.format(detail=err)) from err
        if head and head != SQLITE_HEADER:
            raise StoreError(str(path), errors.E_NOT_STORE.format(detail="not an SQLite file"))
    elif not create:
        raise StoreError(str(path), errors.E_STORE_IO.format(detail="no such database"))
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as err:
        refusal = failure(str(path), err)
        if create or not _unwritable(err):
            raise refusal from err
        return _read_only(path, refusal)
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(str(path), errors.E_NEWER_STORE.format(found=version, known=SCHEMA_VERSION))
    if version == 0 and tables:
        conn.close()
        detail = f"it holds other tables: {', '.join(sorted(tables)[:5])}"
        raise StoreError(str(path), errors.E_NOT_STORE.format(detail=detail))
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            # one script, one transaction: a migration and its version number land together
            conn.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[number]}; PRAGMA user_version = {number}; COMMIT;"
            )
    except sqlite3.Error as err:
        conn.close()
        raise failure(str(path), err) from err
    return conn


def _read_only(path: Path, refusal: StoreError) -> sqlite3.Connection:
    """A database in a place that cannot be written (a read-only disk or folder), opened for
    reading only, when nothing waits in its write-ahead log (which could then not be read)."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise refusal
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as err:
        raise failure(str(path), err) from err
    if version != SCHEMA_VERSION:
        conn.close()
        raise refusal
    return conn


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Summary:
    coded: int = 0
    skipped: int = 0
    failed: int = 0
    replaced: int = 0
    events: int = 0
    merged: int = 0  # of the new events, those grouped with another article's report


def start_run(conn: sqlite3.Connection, inputs: list[str]) -> int:
    cur = conn.execute("INSERT INTO runs (started_at, inputs) VALUES (?, ?)", (_now(), json.dumps(inputs)))
    return int(cur.lastrowid or 0)


def finish_run(conn: sqlite3.Connection, run: int) -> None:
    conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run))


def known(conn: sqlite3.Connection, article: Article) -> bool:
    """Whether this very text is stored and coded already (a re-run skips it)."""
    row = conn.execute(
        "SELECT 1 FROM articles WHERE content_hash = ? AND status = 'coded' LIMIT 1",
        (content_hash(article.text),),
    ).fetchone()
    return row is not None


def save(
    conn: sqlite3.Connection, run: int, status: Status, article: Article | None, found: tuple[Event, ...]
) -> bool:
    """Store one input's outcome in one transaction; True when it replaced an older text of
    the same article (same id or URL)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        if article is None:
            conn.execute(
                "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                (status.origin, status.reason, run, _now()),
            )
            conn.execute("COMMIT")
            return False
        digest = content_hash(article.text)
        stale = conn.execute(
            "SELECT id FROM articles WHERE (id = ? OR (url != '' AND url = ?)) AND content_hash != ?",
            (article.id, article.url, digest),
        ).fetchall()
        for old in (article.id, *(old for (old,) in stale)):
            # the groups its old events were in are regrouped without them
            conn.execute(
                "UPDATE events SET cluster = NULL WHERE cluster IN "
                "(SELECT cluster FROM events WHERE article_id = ? AND cluster IS NOT NULL)",
                (old,),
            )
        for (old,) in stale:
            conn.execute("DELETE FROM articles WHERE id = ?", (old,))
        if article.source:
            conn.execute("INSERT OR IGNORE INTO sources VALUES (?, ?)", (article.source, _now()))
        conn.execute("DELETE FROM failures WHERE origin = ?", (article.origin,))
        conn.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                digest,
                article.origin,
                article.url,
                article.title,
                article.source,
                article.published.isoformat() if article.published else None,
                article.text,
                "failed" if status.status == "failed" else "coded",
                status.reason,
                len(found),
                run,
                _now(),
            ),
        )
        conn.execute("DELETE FROM events WHERE article_id = ?", (article.id,))
        for e in found:
            conn.execute(
                "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    e.event_id,
                    article.id,
                    e.event_date,
                    e.country,
                    e.event_type,
                    e.sub_event_type,
                    e.modality,
                    json.dumps(e.to_dict(), ensure_ascii=False),
                ),
            )
            conn.executemany(
                "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                [(e.event_id, article.id, start, end, text) for text, start, end in e.evidence],
            )
        conn.execute("COMMIT")
        return bool(stale)
    except sqlite3.Error as err:
        raise _abandon(conn, err) from err


def _abandon(conn: sqlite3.Connection, err: sqlite3.Error) -> StoreError:
    """Roll back the open transaction (nothing half-written stays) and name the database."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    return failure(conn.execute("PRAGMA database_list").fetchone()[2], err)


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
            conn.executemany(
                "UPDATE events SET cluster = ? WHERE id = ?",
                [(group[0].event_id, e.event_id) for group in groups for e in group],
            )
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            raise _abandon(conn, err) from err
    if run is None:
        return 0
    row = conn.execute(
        "SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.run = ? "
        "AND EXISTS (SELECT 1 FROM events o WHERE o.cluster = e.cluster AND o.article_id != e.article_id)",
        (run,),
    ).fetchone()
    return int(row[0])


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # YYYY-MM-DD: events on or after this day
    country: str | None = None
    event_type: str | None = None
    every_modality: bool = False  # also denied, planned and hypothetical events


def events(conn: sqlite3.Connection, filters: Filters = Filters()) -> Iterator[Event]:
    """Stored events, the reports of one event from different articles merged into one
    record (the groups ``regroup`` stored), in date order; the filters apply to the merged
    records. Records not grouped yet (an ingest that was stopped) stand alone."""
    sql = "SELECT record, COALESCE(cluster, id) FROM events"
    if not filters.every_modality:
        sql += " WHERE modality IN ('asserted', 'claimed')"
    groups: dict[str, list[Event]] = {}
    for record, cluster in conn.execute(sql + " ORDER BY 2, id"):
        groups.setdefault(cluster, []).append(Event.from_dict(json.loads(record)))
    merged = sorted((dedup.merged(g) for g in groups.values()), key=lambda e: (e.event_date, e.event_id))
    for e in merged:
        if filters.since and e.event_date < filters.since:
            continue
        if filters.country and e.country.lower() != filters.country.lower():
            continue
        if filters.event_type and filters.event_type.lower() not in (
            e.event_type.lower(),
            e.sub_event_type.lower(),
        ):
            continue
        yield e


def statuses(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Every stored input with how it ended, failed ones first."""
    rows = conn.execute(
        "SELECT origin, status, reason, events, stored_at FROM articles "
        "UNION ALL SELECT origin, 'failed', reason, 0, stored_at FROM failures "
        "ORDER BY 2 DESC, 1"
    ).fetchall()
    names = ("origin", "status", "reason", "events", "stored_at")
    return [dict(zip(names, r, strict=True)) for r in rows]
