"""Stage 8, store: one SQLite file that keeps every input's status and every event record.

Reads: ``pipeline.Result`` items. Writes: rows of a SQLite database (WAL, foreign keys, a
schema version with migrations). One transaction per article, so an interrupted ingest
loses nothing that was committed and a re-run skips it: an article is known by the hash of
its text, and re-ingesting it changes nothing; a new text under a known URL replaces that
article's events. ``regroup`` stores which records from different articles report one event
(``dedup.clusters``); ``events`` reads each group back as one merged record.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

from .. import dedup, errors, review, vocab
from ..errors import InputError, StoreError
from ..records import Article, Event, Status

if TYPE_CHECKING:
    from ..pipeline import Result

SCHEMA_VERSION = 6
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
}


def failure(path: str, err: sqlite3.Error) -> StoreError:
    """The user's message for an SQLite error: a full disk, a place that cannot be written,
    a file that is not a database, or the error itself."""
    name = getattr(err, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return StoreError(path, errors.E_STORE_FULL)
    if _unwritable(err):
        return StoreError(path, errors.E_STORE_READONLY.format(detail=err))
    if name.startswith("SQLITE_NOTADB"):
        return StoreError(path, errors.E_NOT_STORE.format(detail=err))
    if name.startswith("SQLITE_CORRUPT"):
        return StoreError(path, errors.E_NOT_STORE.format(detail=f"damaged: {err}"))
    if str(err).startswith("Could not decode to UTF-8"):  # bytes in a text column that are not text
        detail = f"damaged: a stored text is not UTF-8 ({str(err)[:120]})"
        return StoreError(path, errors.E_NOT_STORE.format(detail=detail))
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


P = ParamSpec("P")
T = TypeVar("T")


def _guarded(
    fn: Callable[Concatenate[sqlite3.Connection, P], T],
) -> Callable[Concatenate[sqlite3.Connection, P], T]:
    """``fn`` with its SQLite errors (a damaged page met while reading, a full disk) turned
    into the StoreError that names the database: a command ends with that line, never with
    an uncaught exception, and the server answers it rather than a 500."""

    @functools.wraps(fn)
    def guarded(conn: sqlite3.Connection, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(conn, *args, **kwargs)
        except sqlite3.Error as err:
            raise _abandon(conn, err) from err

    return guarded


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The reads inside see one state of the store, whatever is written meanwhile (a read
    transaction: in WAL mode it holds its snapshot and blocks no writer). Inside another
    transaction it adds nothing."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:  # an error's handler may have ended it already
            conn.execute("COMMIT")  # nothing was written: this only lets go of the snapshot


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

    def add(self, other: Summary) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@_guarded
def start_run(conn: sqlite3.Connection, inputs: list[str]) -> int:
    cur = conn.execute("INSERT INTO runs (started_at, inputs) VALUES (?, ?)", (_now(), json.dumps(inputs)))
    return int(cur.lastrowid or 0)


@_guarded
def finish_run(conn: sqlite3.Connection, run: int) -> None:
    conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (_now(), run))


@_guarded
def known(conn: sqlite3.Connection, article: Article) -> bool:
    """Whether this very text is stored and coded already (a re-run skips it)."""
    row = conn.execute(
        "SELECT 1 FROM articles WHERE content_hash = ? AND status = 'coded' LIMIT 1",
        (content_hash(article.text),),
    ).fetchone()
    return row is not None


def keep(
    conn: sqlite3.Connection, run: int, results: Iterable[Result], summary: Summary
) -> Iterator[tuple[Status, str]]:
    """Store every result, counted in ``summary``; yields each input's status and what became
    of it: "coded", "failed", or "skipped" (its very text is stored already: by this batch,
    or by another process after the caller checked, as ``save`` finds it)."""
    for result in results:
        status = result.status
        done = save(conn, run, status, result.article, result.events)
        if done == "known":
            summary.skipped += 1
            yield status, "skipped"
        elif status.status == "failed":
            summary.failed += 1
            yield status, "failed"
        else:
            summary.coded += 1
            summary.replaced += done == "replaced"
            summary.events += len(result.events)
            yield status, "coded"


STORED_ALREADY = "the same text is stored already"
NOT_STORED = "not_stored"


@dataclass(frozen=True)
class Taken:
    """What became of one input given to ``take``."""

    origin: str
    outcome: str  # coded, failed, skipped (the same text is stored already), or not_stored
    reason: str
    events: int
    article_id: str


class Interrupted(StoreError):
    """The store failed part way through ``take`` (a full disk, a lock held too long):
    ``taken`` says what became of every item, those the store could not take being
    ``not_stored``, and ``summary`` counts what was stored; ``reason`` is the failure's."""

    def __init__(self, err: StoreError, taken: list[Taken], summary: Summary) -> None:
        self.reason = str(err).removeprefix(f"{err.path}: ")
        super().__init__(err.path, self.reason)
        self.taken, self.summary = taken, summary


def take(
    conn: sqlite3.Connection,
    items: Iterable[Article | InputError],
    code: Callable[[Iterable[Article | InputError]], Iterable[Result]],
    label: str | Sequence[str],
    tell: Callable[[Taken, Summary], None] | None = None,
    summary: Summary | None = None,
) -> tuple[list[Taken], Summary]:
    """The one ingest flow (the CLI's, the API's and the watcher's): code the items whose text
    is not stored yet, as they come, and store every outcome in one run recorded under
    ``label`` (the inputs), then regroup. Returns what happened to each item, in the items'
    order, and the counts (kept in ``summary`` as they change, so that a caller who stops
    early knows them); ``tell`` hears of each item as it ends. Raises Interrupted when the
    store fails part way (an item not coded by then is not coded at all)."""
    summary = summary if summary is not None else Summary()
    done: dict[int, Taken] = {}
    read: list[Article | InputError] = []
    coding: collections.deque[int] = collections.deque()  # items handed to the coder, in order

    def ended(n: int, taken: Taken) -> None:
        done[n] = taken
        if tell is not None:
            tell(taken, summary)

    def fresh() -> Iterator[Article | InputError]:
        for n, item in enumerate(items):
            read.append(item)
            if isinstance(item, Article) and known(conn, item):
                summary.skipped += 1
                ended(n, Taken(item.origin, "skipped", STORED_ALREADY, 0, item.id))
            else:
                coding.append(n)
                yield item

    try:
        run = start_run(conn, [label] if isinstance(label, str) else list(label))
        for status, outcome in keep(conn, run, code(fresh()), summary):  # the coder keeps the order
            skipped = outcome == "skipped"
            reason, events = (STORED_ALREADY, 0) if skipped else (status.reason, status.events)
            ended(coding.popleft(), Taken(status.origin, outcome, reason, events, status.article_id))
        summary.merged = regroup(conn, run)  # stored, but not grouped, if this fails
        finish_run(conn, run)
    except StoreError as err:
        rest = items[len(read) :] if isinstance(items, Sequence) else []
        taken = [done.get(n) or unstored(item) for n, item in enumerate([*read, *rest])]
        raise Interrupted(err, taken, summary) from err
    return [done[n] for n in sorted(done)], summary


def unstored(item: Article | InputError) -> Taken:
    """An item ``take`` did not get to: an article not stored, or a refused input (which
    would be refused again)."""
    if isinstance(item, InputError):
        return Taken(item.origin, "failed", item.reason, 0, "")
    return Taken(item.origin, NOT_STORED, "the store failed before this article was stored", 0, item.id)


Saved = Literal["new", "replaced", "known"]


def save(
    conn: sqlite3.Connection, run: int, status: Status, article: Article | None, found: tuple[Event, ...]
) -> Saved:
    """Store one input's outcome in one transaction: "new", or "replaced" when it replaced
    an older text of the same article (same id or URL), or "known" (nothing written) when
    this very text is stored and coded already, as another process may have done since the
    caller checked: the write lock makes the check and the write one step."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        if article is None:
            conn.execute(
                "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
                (status.origin, status.reason, run, _now()),
            )
            conn.execute("COMMIT")
            return "new"
        if known(conn, article):
            conn.execute("ROLLBACK")
            return "known"
        digest = content_hash(article.text)
        stale = conn.execute(
            "SELECT id FROM articles WHERE (id = ? OR (url != '' AND url = ?)) AND content_hash != ?",
            (article.id, article.url, digest),
        ).fetchall()
        gone = (article.id, *(old for (old,) in stale))
        for old in gone:
            _leave_groups(conn, old)
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
            record = json.dumps(e.to_dict(), ensure_ascii=False)
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
                    record,
                ),
            )
            conn.executemany(
                "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                [(e.event_id, article.id, start, end, text) for text, start, end in e.evidence],
            )
            _show(conn, e)  # alone until ``regroup`` finds its group
        conn.execute("COMMIT")
        return "replaced" if stale else "new"
    except sqlite3.Error as err:
        raise _abandon(conn, err) from err
    except BaseException:  # a value SQLite cannot take, an interrupt: nothing half-written stays
        _rollback(conn)
        raise


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
        "INSERT INTO merged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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


def _abandon(conn: sqlite3.Connection, err: sqlite3.Error) -> StoreError:
    """Roll back the open transaction (nothing half-written stays) and name the database."""
    _rollback(conn)
    return failure(conn.execute("PRAGMA database_list").fetchone()[2], err)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the error being handled is the one to tell
            conn.execute("ROLLBACK")


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
                _show(conn, dedup.merged(group), [e.event_id for e in group])
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


# ---- what ``watch`` follows: feeds and their items --------------------------------------


def feed_states(conn: sqlite3.Connection) -> dict[str, tuple[str, str, int, str]]:
    """Every followed feed's validators and state: url -> (etag, last modified, failures in a
    row, checked at)."""
    rows = conn.execute("SELECT url, etag, last_modified, failures, checked_at FROM feeds")
    return {url: (etag, modified, failures, checked) for url, etag, modified, failures, checked in rows}


def note_feed(
    conn: sqlite3.Connection, url: str, error: str, unchanged: bool, etag: str, modified: str, reason: str
) -> None:
    """What the last check of a feed found: an ``error`` (the feed is also a stored failure
    until it answers again), ``unchanged`` (304), or a read with its validators."""
    now = _now()
    conn.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?)", (url,))
    if error:
        conn.execute(
            "UPDATE feeds SET checked_at = ?, status = 'failed', reason = ?, failures = failures + 1 "
            "WHERE url = ?",
            (now, error, url),
        )
        conn.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, NULL, ?)", (url, f"feed: {error}", now))
        return
    if unchanged:
        conn.execute(
            "UPDATE feeds SET checked_at = ?, status = 'unchanged', reason = '', failures = 0 WHERE url = ?",
            (now, url),
        )
    else:
        conn.execute(
            "UPDATE feeds SET checked_at = ?, status = 'ok', reason = ?, failures = 0, etag = ?, "
            "last_modified = ? WHERE url = ?",
            (now, reason, etag, modified, url),
        )
    conn.execute("DELETE FROM failures WHERE origin = ?", (url,))


def remember_items(
    conn: sqlite3.Connection, feed: str, found: Sequence[tuple[str, str, str | None]], most: int
) -> tuple[int, int]:
    """Keep the items (url, title, published) of a feed not seen before as pending, at most
    ``most`` of them, in one transaction: how many were new, and how many new ones are left."""
    now, new, left = _now(), 0, 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for url, title, published in found:
            if new < most:
                new += conn.execute(
                    "INSERT OR IGNORE INTO items (url, feed, title, published, status, seen_at) "
                    "VALUES (?, ?, ?, ?, 'pending', ?)",
                    (url, feed, title, published, now),
                ).rowcount
            else:
                left += not conn.execute("SELECT 1 FROM items WHERE url = ?", (url,)).fetchone()
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return new, left


def pending_items(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, int]]:
    """The items still to fetch, oldest seen first: (url, title, published, attempts)."""
    return conn.execute(
        "SELECT url, title, published, attempts FROM items WHERE status = 'pending' ORDER BY seen_at, url"
    ).fetchall()


def retry_later(conn: sqlite3.Connection, url: str, reason: str) -> None:
    """An item a passing error kept from being fetched: one attempt more, still pending."""
    conn.execute("UPDATE items SET attempts = attempts + 1, reason = ? WHERE url = ?", (reason, url))


def items_done(conn: sqlite3.Connection, taken: Sequence[Taken]) -> None:
    """The items ``take`` stored or refused, by their URL (their origin)."""
    now = _now()
    conn.executemany(
        "UPDATE items SET status = ?, reason = ?, article_id = ?, attempts = attempts + 1, done_at = ? "
        "WHERE url = ?",
        [
            ("failed" if t.outcome == "failed" else "stored", t.reason, t.article_id or None, now, t.origin)
            for t in taken
        ],
    )


# ---- reviews: an analyst's layer over the coded records -----------------------------------
REVIEW_COLUMNS = "event_id, verdict, changes, reviewer, note, reviewed_at"


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
        coded = dedup.merged(group)
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
    reviewer's to look at again. Each with its article's id."""
    rows = conn.execute(
        f"SELECT {REVIEW_COLUMNS}, article_id FROM reviews WHERE id IN "
        "(SELECT MAX(id) FROM reviews GROUP BY event_id) "
        "AND event_id NOT IN (SELECT id FROM events) ORDER BY article_id, id"
    )
    return [{**_review(r[:6]).to_dict(), "article_id": r[6]} for r in rows]


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
# the review queue: what the coder was least sure of, then what killed most, first
ORDERS = {
    "oldest": OLDEST,
    "newest": NEWEST,
    "queue": "confidence, fatalities DESC, " + NEWEST,
    # a table's columns, each way; ties newest first
    "fatalities": "fatalities, " + NEWEST,
    "-fatalities": "fatalities DESC, " + NEWEST,
    "type": "event_type COLLATE NOCASE, sub_event_type COLLATE NOCASE, " + NEWEST,
    "-type": "event_type COLLATE NOCASE DESC, sub_event_type COLLATE NOCASE DESC, " + NEWEST,
    "location": "country COLLATE NOCASE, admin1 COLLATE NOCASE, location COLLATE NOCASE, " + NEWEST,
    "-location": "country COLLATE NOCASE DESC, admin1 COLLATE NOCASE DESC, location COLLATE NOCASE DESC, "
    + NEWEST,
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
    an order of ``ORDERS``: oldest or newest first (undated ones last either way), or as
    the review queue takes them. ``counts``: totals of filters
    counted before on this unchanged store (kept up to date by the caller), so that paging
    through a filter counts it once. The count and the page are read in one snapshot, so
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
