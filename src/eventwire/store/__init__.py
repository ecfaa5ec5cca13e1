"""Stage 8, store: one SQLite file that keeps every input's status and every event record.

Reads: ``pipeline.Result`` items. Writes: rows of a SQLite database (WAL, foreign keys, a
schema version with migrations). One transaction per article, so an interrupted ingest
loses nothing that was committed and a re-run skips it: an article is known by the hash of
its text, and re-ingesting it changes nothing; a new text under a known URL replaces that
article's events. ``regroup`` stores which records from different articles report one event
(``dedup.clusters``); ``events`` reads each group back as one merged record. Submodules:
``schema`` (migrations, opening), ``write`` (``take``, the one ingest flow), ``merged`` (the
table of events as users see them, ``regroup``), ``query`` (filters, orders, counts),
``reviews`` and ``feeds`` (what ``watch`` follows), over ``db`` (errors, transactions). The
package owns every table and statement.
"""

from __future__ import annotations

from .db import failure, snapshot
from .feeds import feed_states, items_done, note_feed, pending_items, remember_items, retry_later
from .merged import regroup
from .query import (
    ORDERS,
    Filters,
    article_page,
    article_texts,
    events,
    points,
    record,
    records,
    stats,
    statuses,
)
from .reviews import (
    ReviewedArticle,
    add_review,
    review_conflicts,
    review_history,
    reviewed_articles,
    stale_reviews,
)
from .schema import DEFAULT_NAME, MIGRATIONS, SCHEMA_VERSION, db_path, open_store
from .write import (
    Interrupted,
    Summary,
    Taken,
    content_hash,
    finish_run,
    keep,
    known,
    save,
    start_run,
    take,
    unstored,
)

__all__ = [
    "DEFAULT_NAME",
    "MIGRATIONS",
    "ORDERS",
    "SCHEMA_VERSION",
    "Filters",
    "Interrupted",
    "ReviewedArticle",
    "Summary",
    "Taken",
    "add_review",
    "article_page",
    "article_texts",
    "content_hash",
    "db_path",
    "events",
    "failure",
    "feed_states",
    "finish_run",
    "items_done",
    "keep",
    "known",
    "note_feed",
    "open_store",
    "pending_items",
    "points",
    "record",
    "records",
    "regroup",
    "remember_items",
    "retry_later",
    "review_conflicts",
    "review_history",
    "reviewed_articles",
    "save",
    "snapshot",
    "stale_reviews",
    "start_run",
    "stats",
    "statuses",
    "take",
    "unstored",
]
