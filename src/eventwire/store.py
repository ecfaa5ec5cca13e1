"""Stage 8, store: one SQLite file that keeps every input's status and every event record.

Reads: ``pipeline.Result`` items. Writes: rows of a SQLite database (WAL, foreign keys, a
schema version with migrations). One transaction per article, so an interrupted ingest
loses nothing that was committed and a re-run skips it: an article is known by the hash of
its text, and re-ingesting it changes nothing; a new text under a known URL replaces that
article's events.
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

SCHEMA_VERSION = 1
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
}
OUR_TABLES = {"articles", "failures", "events", "evidence", "runs"}


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
    except sqlite3.DatabaseError as err:
        raise StoreError(str(path), errors.E_NOT_STORE.format(detail=err)) from err
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
        raise StoreError(str(path), errors.E_STORE_IO.format(detail=err)) from err
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
        for (old,) in stale:
            conn.execute("DELETE FROM articles WHERE id = ?", (old,))
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
                "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        raise StoreError(path, errors.E_STORE_IO.format(detail=err)) from err


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # YYYY-MM-DD: events on or after this day
    country: str | None = None
    event_type: str | None = None
    every_modality: bool = False  # also denied, planned and hypothetical events


def events(conn: sqlite3.Connection, filters: Filters = Filters()) -> Iterator[Event]:
    """Stored events, reports of one event from different articles merged into one (see
    ``dedup.across``), in date order; the filters apply to the merged records."""
    sql = "SELECT record FROM events"
    if not filters.every_modality:
        sql += " WHERE modality IN ('asserted', 'claimed')"
    records = [Event.from_dict(json.loads(record)) for (record,) in conn.execute(sql)]
    for e in dedup.across(records):
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
