"""Writing what ingest gives: ``take`` (the one ingest flow), each input kept in one
transaction (``save``), the runs and the inputs that never became an article."""

from __future__ import annotations

import collections
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Literal

from ..errors import InputError, StoreError
from ..records import Article, Event, Status
from .db import _abandon, _guarded, _now, _rollback
from .merged import _leave_groups, _show, regroup

if TYPE_CHECKING:
    from ..pipeline import Result


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
