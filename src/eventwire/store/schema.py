"""The store's file: its schema version, the migrations to it, and opening a database (checked,
created or migrated)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .. import errors
from ..errors import StoreError
from .db import _unwritable, failure
from .merged import regroup

SCHEMA_VERSION = 7
DEFAULT_NAME = "eventwire.db"
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
    3: """
    -- one row per event as users see it: a group's merged record (or a record alone), with
    -- the columns the API filters on, so a query reads rows instead of merging records
    CREATE TABLE merged (
        id TEXT PRIMARY KEY,          -- the group's id (its smallest event id)
        event_date TEXT NOT NULL,
        country TEXT NOT NULL,
        admin1 TEXT NOT NULL,
        location TEXT NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        modality TEXT NOT NULL,
        fatalities INTEGER NOT NULL,
        latitude REAL,
        longitude REAL
    );
    CREATE INDEX merged_date ON merged(event_date);
    CREATE INDEX merged_modality ON merged(modality, event_date);
    CREATE INDEX merged_country ON merged(country COLLATE NOCASE, event_date);
    CREATE INDEX merged_type ON merged(event_type COLLATE NOCASE, event_date);
    CREATE INDEX merged_point ON merged(latitude, longitude);
    -- the records apart from the columns filtered on, so that a scan of those stays small
    CREATE TABLE merged_records (rowid INTEGER PRIMARY KEY, record TEXT NOT NULL);
    -- words of the actors' names, and of the notes, places and evidence (rowid = merged.rowid)
    CREATE VIRTUAL TABLE merged_text USING fts5(actors, text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER merged_gone AFTER DELETE ON merged BEGIN
        DELETE FROM merged_records WHERE rowid = old.rowid;
        DELETE FROM merged_text WHERE rowid = old.rowid;
    END;
    -- an article's events and evidence found without reading every row (replacing an
    -- article, and deletes that cascade, stay fast in a large store)
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX evidence_event ON evidence(event_id);
    CREATE INDEX evidence_article ON evidence(article_id);
    UPDATE events SET cluster = NULL;  -- every group is rebuilt into the new table
    """,
    4: """
    -- what ``watch`` follows and has seen, so that a restart neither refetches nor misses
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,         -- a feed, or a list of URLs (web address or local file)
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        checked_at TEXT,
        status TEXT NOT NULL DEFAULT 'new',  -- new, ok, unchanged, failed
        reason TEXT NOT NULL DEFAULT '',
        failures INTEGER NOT NULL DEFAULT 0  -- in a row: each one doubles the wait
    );
    CREATE TABLE items (
        url TEXT PRIMARY KEY,
        feed TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        published TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'stored', 'failed')),
        reason TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        article_id TEXT,
        seen_at TEXT NOT NULL,
        done_at TEXT
    );
    CREATE INDEX items_pending ON items(status) WHERE status = 'pending';
    """,
    5: """
    -- an event nothing dates is kept with a NULL event_date (the column was NOT NULL): the two
    -- tables that hold it are rebuilt as they were but for that, keeping every row (merged
    -- keeps its rowids, which merged_records and merged_text share), with their indexes
    CREATE TABLE events_new (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_date TEXT,              -- NULL: undated
        country TEXT NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        modality TEXT NOT NULL,
        record TEXT NOT NULL,         -- the schema record as JSON
        cluster TEXT                  -- the smallest event id of its group (NULL: not grouped yet)
    );
    INSERT INTO events_new
        SELECT id, article_id, event_date, country, event_type, sub_event_type, modality, record, cluster
        FROM events;
    DROP TABLE events;                -- evidence rows stay: foreign keys are off while migrating
    ALTER TABLE events_new RENAME TO events;
    CREATE INDEX events_date ON events(event_date);
    CREATE INDEX events_cluster ON events(cluster);
    CREATE INDEX events_block ON events(event_type, country);
    CREATE INDEX events_article ON events(article_id);
    DROP TRIGGER merged_gone;
    CREATE TABLE merged_new (
        id TEXT PRIMARY KEY,
        event_date TEXT,              -- NULL: undated
        country TEXT NOT NULL,
        admin1 TEXT NOT NULL,
        location TEXT NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        modality TEXT NOT NULL,
        fatalities INTEGER NOT NULL,
        latitude REAL,
        longitude REAL
    );
    INSERT INTO merged_new (rowid, id, event_date, country, admin1, location, event_type, sub_event_type,
                            modality, fatalities, latitude, longitude)
        SELECT rowid, id, event_date, country, admin1, location, event_type, sub_event_type,
               modality, fatalities, latitude, longitude
        FROM merged;
    DROP TABLE merged;
    ALTER TABLE merged_new RENAME TO merged;
    CREATE INDEX merged_date ON merged(event_date);
    CREATE INDEX merged_modality ON merged(modality, event_date);
    CREATE INDEX merged_country ON merged(country COLLATE NOCASE, event_date);
    CREATE INDEX merged_type ON merged(event_type COLLATE NOCASE, event_date);
    CREATE INDEX merged_point ON merged(latitude, longitude);
    CREATE TRIGGER merged_gone AFTER DELETE ON merged BEGIN
        DELETE FROM merged_records WHERE rowid = old.rowid;
        DELETE FROM merged_text WHERE rowid = old.rowid;
    END;
    """,
    6: """
    -- an analyst's verdicts: a layer over the coded records, which stay as coded. Every review
    -- is kept with who and when; an event is shown under the latest review of its group. Not
    -- a foreign key: a review outlives its record when a re-coding changes the record (then
    -- it is stale: ``stale_reviews``)
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'corrected', 'rejected')),
        changes TEXT NOT NULL DEFAULT '{}',  -- JSON: the fields a correction sets
        reviewer TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        reviewed_at TEXT NOT NULL
    );
    CREATE INDEX reviews_event ON reviews(event_id);
    CREATE INDEX reviews_article ON reviews(article_id);
    -- what the review queue filters and sorts on
    ALTER TABLE merged ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed';
    ALTER TABLE merged ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
    UPDATE merged SET confidence = COALESCE(
        (SELECT json_extract(record, '$.confidence') FROM merged_records r WHERE r.rowid = merged.rowid), 0
    );
    CREATE INDEX merged_review ON merged(review_status, event_date);
    CREATE INDEX articles_source ON articles(source COLLATE NOCASE);
    UPDATE merged_records SET record = json_set(record, '$.review_status', 'unreviewed');
    """,
    7: """
    -- the other columns the dashboard's table sorts every page by, as the table shows them:
    -- sorting on json_extract of the records instead reads every record the filter keeps
    -- (7 times slower on 20,000 events: 50 ms a page against 7 ms)
    ALTER TABLE merged ADD COLUMN actor1 TEXT NOT NULL DEFAULT '';
    ALTER TABLE merged ADD COLUMN actor2 TEXT NOT NULL DEFAULT '';
    ALTER TABLE merged ADD COLUMN source TEXT NOT NULL DEFAULT '';  -- the outlet, else its URL
    ALTER TABLE merged ADD COLUMN reports INTEGER NOT NULL DEFAULT 1;  -- the articles that report it
    UPDATE merged SET (actor1, actor2, source, reports) = (
        SELECT COALESCE(json_extract(record, '$.actor1'), ''),
               COALESCE(json_extract(record, '$.actor2'), ''),
               COALESCE(NULLIF(json_extract(record, '$.source'), ''),
                        json_extract(record, '$.source_url'), ''),
               COALESCE(json_array_length(record, '$.article_ids'), 1)
        FROM merged_records r WHERE r.rowid = merged.rowid
    );
    """,
}


def db_path(option: str | None) -> Path:
    """The database: ``--db``, else ``EVENTWIRE_DB``, else eventwire.db in this folder."""
    return Path(option or os.environ.get("EVENTWIRE_DB") or DEFAULT_NAME)


def open_store(path: Path, create: bool = True, check: bool = True) -> sqlite3.Connection:
    """The database at ``path``, migrated to this version; refuses (E120-E122) a file that
    is not ours, a damaged one (``check``: SQLite's quick_check, which reads every page),
    one from a newer eventwire, or one it cannot read or write, untouched."""
    # A file that is not SQLite's is refused by SQLite itself (SQLITE_NOTADB, before any
    # write), not by reading its head here: closing a descriptor of the file would drop every
    # lock SQLite holds on it in this process (POSIX locks are the process's), and another
    # process could then checkpoint and delete the write-ahead log under a server's readers,
    # which would never see a later write.
    if not path.exists() and not create:
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
        return _read_only(path, refusal, check)
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(str(path), errors.E_NEWER_STORE.format(found=version, known=SCHEMA_VERSION))
    if version == 0 and tables:
        conn.close()
        detail = f"it holds other tables: {', '.join(sorted(tables)[:5])}"
        raise StoreError(str(path), errors.E_NOT_STORE.format(detail=detail))
    if check:
        _check(conn, path)  # before the first write: a damaged file is left as it was
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        # a migration may rebuild a table that others refer to: with foreign keys on, dropping
        # the old one would delete the rows that refer to it (as SQLite's recipe says)
        conn.execute("PRAGMA foreign_keys = OFF")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            # one script, one transaction: a migration and its version number land together
            conn.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[number]}; PRAGMA user_version = {number}; COMMIT;"
            )
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as err:
        conn.close()
        raise failure(str(path), err) from err
    if version < 3 and conn.execute("SELECT 1 FROM events LIMIT 1").fetchone():
        regroup(conn)  # the table of merged events is filled from the stored records
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse (E120, closing ``conn``) a database whose pages SQLite finds damaged."""
    try:
        # read through a memory map, which the kernel reads ahead: on 330 MB, 0.2 s from the
        # system's cache and 0.6 s from disk, against 0.25 s and 6 s a page at a time
        conn.execute("PRAGMA mmap_size = 1073741824")
        found = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
        conn.execute("PRAGMA mmap_size = 0")
    except sqlite3.Error as err:
        conn.close()
        raise failure(str(path), err) from err
    if found != ["ok"]:
        conn.close()
        detail = f"damaged: SQLite's quick_check says {'; '.join(found)}"
        raise StoreError(str(path), errors.E_NOT_STORE.format(detail=detail))


def _read_only(path: Path, refusal: StoreError, check: bool) -> sqlite3.Connection:
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
    if check:
        _check(conn, path)
    return conn
