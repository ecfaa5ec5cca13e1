"""What ``watch`` follows and has seen: the feeds and their items."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from .db import _now, _rollback
from .write import Taken


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
