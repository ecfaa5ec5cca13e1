"""The store against damage, failures part way and a second writer, on real SQLite files.

Records are made by hand (``made``), not coded, so that these tests need no model and run in
a second or two; the serve tests import ``made`` and ``fill`` too."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

from eventwire import store
from eventwire.errors import InputError, StoreError
from eventwire.pipeline import Result
from eventwire.records import Article, Event, Status

TEXT = "On 3 March 2021, gunmen killed {n} farmers near Garissa, Kenya, police said. [{tag}]"


def made(n: int, tag: str = "", events: int = 2) -> tuple[Article, tuple[Event, ...]]:
    """Article ``n`` (id a{n}) and its ``events`` records, as the pipeline would code them."""
    text = TEXT.format(n=n, tag=tag or n)
    article = Article(id=f"a{n}", text=text, origin=f"a{n}.txt", title=f"Story {n}", source="Composed Wire")
    found = tuple(
        Event(
            event_id=f"EW-{n}-{tag}-{k}",
            article_ids=(article.id,),
            event_date=f"2021-03-{1 + (n + k) % 28:02d}",
            time_precision=1,
            disorder_type="Political violence",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            actor1="Unidentified Armed Group (Kenya)",
            assoc_actor_1="",
            inter1=3,
            actor2="Civilians (Kenya)",
            assoc_actor_2="Farmers (Kenya)",
            inter2=7,
            interaction=37,
            civilian_targeting="Civilian targeting",
            country="Kenya",
            iso=404,
            admin1="Garissa",
            admin2="",
            location="Garissa",
            latitude=-0.45 + n * 0.001,  # each one apart, so that none are grouped
            longitude=39.65 + k * 0.5,
            geo_precision=1,
            geonameid=None,
            fatalities=n % 5,
            notes=f"gunmen killed farmers near Garissa ({n}, {k})",
            source="Composed Wire",
            source_url="",
            plover_type="ASSAULT",
            plover_mode=None,
            plover_context=(),
            modality="asserted",
            evidence=((text[:40], 0, 40),),
            confidence=0.9,
        )
        for k in range(events)
    )
    return article, found


def coded(article: Article, found: tuple[Event, ...]) -> Status:
    return Status(article.origin, "coded", "", len(found), article.id)


def fill(db: Path, articles: Iterable[int], tag: str = "") -> None:
    """Store the articles numbered ``articles`` in one run, then group them."""
    conn = store.open_store(db)
    run = store.start_run(conn, ["test"])
    for n in articles:
        article, found = made(n, tag)
        store.save(conn, run, coded(article, found), article, found)
    store.regroup(conn, run)
    store.finish_run(conn, run)
    conn.close()


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A store of 60 articles, with no free pages (every page holds rows or an index)."""
    db = tmp_path / "events.db"
    fill(db, range(60))
    with sqlite3.connect(db) as conn:
        conn.execute("VACUUM")
    return db


def _damage(db: Path, page: int) -> None:
    """Random bytes over page ``page`` (numbered from 1, as SQLite does) of ``db``."""
    size = 4096
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == size
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(random.Random(page).randbytes(size))


def _root(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])


def test_store_a_damaged_database_is_refused_before_any_write_and_left_unchanged(
    filled: Path, tmp_path: Path
) -> None:
    pages = filled.stat().st_size // 4096
    assert pages > 20
    _damage(filled, pages // 2)  # the header and page 1 intact: SQLite opens it
    before = filled.read_bytes()
    with pytest.raises(StoreError, match="E120 .*damaged") as caught:
        store.open_store(filled)
    assert str(filled) in str(caught.value)
    assert filled.read_bytes() == before
    # and so for ingest, which would have written into it: refused with E120, nothing written
    (tmp_path / "new.txt").write_text(TEXT.format(n=999, tag="new"), encoding="utf-8")
    done = run_cli("ingest", str(tmp_path / "new.txt"), "--db", str(filled))
    assert done.returncode == 2 and "E120" in done.stderr and "internal error" not in done.stderr
    assert filled.read_bytes() == before


READS: dict[str, Callable[[sqlite3.Connection], Any]] = {
    "events": lambda conn: list(store.events(conn)),
    "records": lambda conn: store.records(conn, store.Filters(), 10),
    "points": lambda conn: store.points(conn, store.Filters(), 10),
    "stats": lambda conn: store.stats(conn, store.Filters(), "month"),
    "record": lambda conn: store.record(conn, "EW-1--0"),
    "statuses": store.statuses,
    "article_page": lambda conn: store.article_page(conn, None, 10),
    "article_texts": lambda conn: store.article_texts(conn, ["a1"]),
}
TABLE = {"statuses": "articles", "article_page": "articles", "article_texts": "articles"}
TABLE |= {"events": "merged_records", "record": "merged_records"}


@pytest.mark.parametrize("read", READS)
def test_store_a_damaged_page_met_while_reading_is_a_store_error(filled: Path, read: str) -> None:
    # the page damaged only once the store is open (as when an unchecked one is read)
    conn = store.open_store(filled, check=False)
    _damage(filled, _root(filled, TABLE.get(read, "merged")))
    with pytest.raises(StoreError, match="E120") as caught:
        READS[read](conn)
    assert str(filled) in str(caught.value) and not conn.in_transaction
    conn.close()


def test_store_status_query_and_export_of_a_damaged_database_name_it(filled: Path) -> None:
    _damage(filled, _root(filled, "merged"))
    for command in ("status", "query", "export"):
        done = run_cli(command, "--db", str(filled))
        assert done.returncode == 2, (command, done.stderr)
        assert "E120" in done.stderr and str(filled) in done.stderr and "internal error" not in done.stderr


def test_store_quick_check_passes_a_sound_store_and_keeps_it_writable(filled: Path) -> None:
    conn = store.open_store(filled)
    assert conn.execute("PRAGMA mmap_size").fetchone()[0] == 0  # the check's memory map is let go
    fill(filled, [100])
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 61
    conn.close()


def test_store_an_article_another_writer_stored_meanwhile_counts_as_skipped(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    ours, other = store.open_store(db), store.open_store(db)
    article, found = made(7)
    run = store.start_run(ours, ["ours"])
    assert not store.known(ours, article)  # checked before coding: not stored yet
    stored = False

    def meanwhile(sql: str) -> None:
        # the other process stores the same text just before ours takes the write lock
        nonlocal stored
        if sql.startswith("BEGIN IMMEDIATE") and not stored:
            stored = True
            store.save(other, store.start_run(other, ["other"]), coded(article, found), article, found)

    ours.set_trace_callback(meanwhile)
    summary = store.Summary()
    outcomes = list(store.keep(ours, run, [Result(coded(article, found), article, found)], summary))
    ours.set_trace_callback(None)
    assert stored and [o for _, o in outcomes] == ["skipped"]
    assert (summary.coded, summary.skipped, summary.events) == (0, 1, 0)
    assert ours.execute("SELECT count(*), min(run) FROM articles").fetchone() == (1, 2)  # the other's
    assert ours.execute("SELECT count(*) FROM events").fetchone()[0] == len(found)
    ours.close()
    other.close()


def _coder(items: list[Article | InputError]) -> Iterable[Result]:
    """The pipeline's outcome for each item, from ``made``'s records."""
    for item in items:
        if isinstance(item, InputError):
            yield Result(Status(item.origin, "failed", item.reason), None, ())
        else:
            found = made(int(item.id[1:]))[1]
            yield Result(coded(item, found), item, found)


def test_store_a_full_disk_part_way_says_which_items_were_stored(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    fill(db, [1])
    conn = store.open_store(db)
    small = made(2)[0]
    big = Article(id="a3", text=TEXT.format(n=3, tag="x" * 60_000), origin="a3.txt")
    refused = InputError("item 3", "E107 JSON article has no non-empty 'text' field")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 6}")  # room for the small article only
    items: list[Article | InputError] = [made(1)[0], small, big, refused, made(4)[0]]
    with pytest.raises(store.Interrupted, match="E123") as caught:
        store.take(conn, items, _coder, "test")
    taken = caught.value.taken
    assert [t.outcome for t in taken] == ["skipped", "coded", "not_stored", "failed", "not_stored"]
    assert [t.article_id for t in taken] == ["a1", "a2", "a3", "", "a4"]
    assert caught.value.summary.coded == 1 and caught.value.reason.startswith("E123")
    conn.close()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("SELECT id FROM articles ORDER BY id").fetchall() == [("a1",), ("a2",)]
