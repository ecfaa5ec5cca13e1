"""The embedded store: ingest, status, query and export on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import code_text, keep_in_store, run_cli

from eventwire import store
from eventwire.errors import StoreError
from eventwire.records import Status

STORY = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
    "students protested in Nairobi, Kenya, over school fees."
)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    (d / "b.json").write_text(
        json.dumps(
            {"text": "On 5 March 2021, soldiers shot a trader in Mandera, Kenya.", "url": "http://x/b"}
        ),
        encoding="utf-8",
    )
    (d / "bad.txt").write_bytes(b"\x00\x01binary")
    return d


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_store_ingest_twice_changes_nothing(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    first = run_cli("ingest", str(inbox), "--db", str(db), "--published", "2021-03-06")
    assert first.returncode == 0, first.stderr
    events, articles = _count(db, "events"), _count(db, "articles")
    assert events >= 3 and articles == 2 and _count(db, "failures") == 1
    again = run_cli("ingest", str(inbox), "--db", str(db), "--published", "2021-03-06")
    assert "0 coded" in again.stderr and "2 stored already" in again.stderr
    assert (_count(db, "events"), _count(db, "articles")) == (events, articles)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


def test_store_a_new_text_at_a_known_url_replaces_its_events(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    run_cli("ingest", str(inbox / "b.json"), "--db", str(db))
    (inbox / "b.json").write_text(
        json.dumps(
            {"text": "On 6 March 2021, police arrested ten traders in Mandera, Kenya.", "url": "http://x/b"}
        ),
        encoding="utf-8",
    )
    done = run_cli("ingest", str(inbox / "b.json"), "--db", str(db))
    assert "1 replacing an older text" in done.stderr
    with sqlite3.connect(db) as conn:
        kinds = [r[0] for r in conn.execute("SELECT sub_event_type FROM events")]
    assert kinds == ["Arrests"] and _count(db, "articles") == 1


def test_store_status_query_and_export(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    run_cli("ingest", str(inbox), "--db", str(db), "--published", "2021-03-06")
    status = run_cli("status", "--db", str(db), "--format", "jsonl")
    rows = [json.loads(line) for line in status.stdout.splitlines()]
    assert rows[0]["status"] == "failed" and "E102" in rows[0]["reason"]  # failed inputs first
    assert {r["status"] for r in rows[1:]} == {"coded"}
    out = tmp_path / "events.csv"
    run_cli("export", "--db", str(db), "--format", "acled-csv", "--since", "2021-03-04", "--out", str(out))
    exported = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert exported and all(r["event_date"] >= "2021-03-04" for r in exported)
    assert list(exported[0])[:3] == ["event_id_cnty", "event_date", "year"]
    protests = run_cli("export", "--db", str(db), "--type", "Protests", "--country", "kenya")
    assert [json.loads(x)["event_type"] for x in protests.stdout.splitlines()] == ["Protests"]
    table = run_cli("query", "--db", str(db), "--type", "Peaceful protest")
    assert "Protesters" in table.stdout


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.write_text("just some notes, not a database\n", encoding="utf-8"), "E120"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE photos (id INTEGER)").connection.commit(),
            "E120",
        ),
        (lambda p: sqlite3.connect(p).execute("PRAGMA user_version = 99").connection.commit(), "E121"),
    ],
)
def test_store_refuses_a_database_it_cannot_own_and_leaves_it_untouched(
    make: object, code: str, tmp_path: Path, inbox: Path
) -> None:
    db = tmp_path / "other.db"
    make(db)  # type: ignore[operator]
    before = db.read_bytes()
    done = run_cli("ingest", str(inbox / "a.txt"), "--db", str(db))
    assert done.returncode == 2 and code in done.stderr and str(db) in done.stderr
    assert "Traceback" not in done.stderr and db.read_bytes() == before


def test_store_a_reader_sees_what_another_process_writes_after_the_store_is_opened_again(
    tmp_path: Path,
) -> None:
    # as in a server's worker: a reader kept open, the store opened again in the same process
    # (a POST), then another process writes and closes its last connection
    import subprocess
    import sys

    db = tmp_path / "shared.db"
    store.open_store(db).close()
    reader = sqlite3.connect(f"{db.resolve().as_uri()}?mode=rw", uri=True)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    store.open_store(db, check=False).close()
    write = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "c.execute('INSERT INTO articles (id, content_hash, origin, text, status, stored_at)"
        " VALUES (?, ?, ?, ?, ?, ?)', (sys.argv[2], 'h', 'o', 't', 'coded', '')); c.commit(); c.close()"
    )
    for n, name in enumerate(["a", "b"], start=1):  # each a process of its own, as POSTs are
        subprocess.run([sys.executable, "-c", write, str(db), name], check=True)
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == n


def test_store_missing_database_for_reading_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        store.open_store(tmp_path / "none.db", create=False)
    done = run_cli("status", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 2 and "E122" in done.stderr


def test_store_db_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "env.db"))
    assert store.db_path(None) == tmp_path / "env.db"
    assert store.db_path("given.db") == Path("given.db")


def test_store_a_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    inbox = tmp_path / "many"
    inbox.mkdir()
    for n in range(120):
        (inbox / f"{n:03}.txt").write_text(
            f"On {n % 27 + 1} March 2021, gunmen killed {n % 9 + 2} farmers near Garissa, Kenya.",
            encoding="utf-8",
        )
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    exe = str(Path(sys.executable).parent / "eventwire")
    proc = subprocess.Popen([exe, "ingest", str(inbox), "--db", str(killed)], stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:  # wait until some, not all, articles are committed
        if killed.exists():
            try:
                if 0 < _count(killed, "articles") < 120:
                    break
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(killed, "articles")
    assert 0 < partial < 120
    assert run_cli("ingest", str(inbox), "--db", str(killed)).returncode == 0
    assert run_cli("ingest", str(inbox), "--db", str(clean)).returncode == 0
    for table in ("articles", "events", "evidence"):
        assert _count(killed, table) == _count(clean, table), table
    # and the same records, merged the same way
    exports = [run_cli("export", "--db", str(db)).stdout for db in (killed, clean)]
    assert exports[0] == exports[1] and exports[0]


def test_store_export_geojson_points_lon_lat(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    run_cli("ingest", str(inbox / "a.txt"), "--db", str(db), "--published", "2021-03-06")
    done = run_cli("export", "--db", str(db), "--format", "geojson")
    collection = json.loads(done.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    garissa = next(f for f in collection["features"] if f["properties"]["location"] == "Garissa")
    lon, lat = garissa["geometry"]["coordinates"]
    assert 39 < lon < 40.5 and -1 < lat < 0  # Garissa, Kenya: longitude first


REPORT_A = "On 3 March 2021, gunmen killed four farmers in Garissa, Kenya, police said."
REPORT_B = (
    "Al Shabaab militants attacked farmers near Garissa, Kenya, on 3 March 2021, "
    "killing at least six people, residents said."
)
OTHER_TARGET = (
    "On 3 March 2021, a bomb exploded at a police station in Garissa, Kenya, wounding two officers."
)


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "b", "a")])
def test_store_reports_of_one_event_merge_across_articles(order: tuple[str, ...], tmp_path: Path) -> None:
    texts = {"a": REPORT_A, "b": REPORT_B, "c": OTHER_TARGET}
    db = tmp_path / "events.db"
    for name in order:  # one article per run, in either order
        (tmp_path / f"{name}.txt").write_text(texts[name], encoding="utf-8")
        assert run_cli("ingest", str(tmp_path / f"{name}.txt"), "--db", str(db)).returncode == 0
    records = [json.loads(x) for x in run_cli("export", "--db", str(db)).stdout.splitlines()]
    attacks = [r for r in records if r["sub_event_type"] == "Attack"]
    assert len(attacks) == 1, records
    attack = attacks[0]
    assert len(attack["article_ids"]) == 2
    assert {e["article_id"] for e in attack["evidence"]} == set(attack["article_ids"])
    assert attack["actor1"] == "Al Shabaab"  # the named report over the unidentified gunmen
    assert attack["fatalities"] == 4  # the lowest figure reported
    # the bombing of a police station that day in the same town is another event
    assert any(r["sub_event_type"] != "Attack" and r["event_date"] == "2021-03-03" for r in records)


def test_store_ingest_summary_counts_events_merged_with_other_reports(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    (tmp_path / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT_B, encoding="utf-8")
    first = run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(db))
    assert "0 of them merged" in first.stderr, first.stderr
    second = run_cli("ingest", str(tmp_path / "b.txt"), "--db", str(db))
    assert "1 of them merged with reports from other articles" in second.stderr, second.stderr


def test_store_an_updated_article_leaves_the_group_it_was_in(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    for name, text in (("a", REPORT_A), ("b", REPORT_B)):
        (tmp_path / f"{name}.json").write_text(json.dumps({"text": text, "url": f"http://x/{name}"}))
        assert run_cli("ingest", str(tmp_path / f"{name}.json"), "--db", str(db)).returncode == 0
    # the second outlet corrects its story: the attack was in another province and month
    moved = "Gunmen attacked a church in Kano, Nigeria, on 9 May 2021, killing three worshippers."
    (tmp_path / "b.json").write_text(json.dumps({"text": moved, "url": "http://x/b"}))
    assert run_cli("ingest", str(tmp_path / "b.json"), "--db", str(db)).returncode == 0
    records = [json.loads(x) for x in run_cli("export", "--db", str(db)).stdout.splitlines()]
    assert sorted(len(r["article_ids"]) for r in records) == [1, 1], records
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events WHERE cluster IS NULL").fetchone()[0] == 0


def test_store_export_parquet_keeps_acled_columns_with_types(inbox: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.export import ACLED_COLUMNS

    db = tmp_path / "events.db"
    assert run_cli("ingest", str(inbox), "--db", str(db), "--published", "2021-03-06").returncode == 0
    out = tmp_path / "events.parquet"
    done = run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.column_names[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    schema = table.schema
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities").type == pa.int32()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("iso").type == pa.int16()
    jsonl = [json.loads(x) for x in run_cli("export", "--db", str(db)).stdout.splitlines()]
    rows = table.to_pylist()
    assert len(rows) == len(jsonl) == 3
    by_id = {r["event_id_cnty"]: r for r in rows}
    for record in jsonl:
        row = by_id[record["event_id"]]
        assert row["event_date"].isoformat() == record["event_date"]
        assert row["fatalities"] == record["fatalities"]
        assert row["evidence"][0]["text"] == record["evidence"][0]["text"]
        assert row["article_ids"] == record["article_ids"]
        assert row["iso"] == record["iso"] == 404  # ACLED's numeric code, as a number
        assert row["review_status"] == record["review_status"] == "unreviewed"


def test_store_opens_a_version_1_database_and_migrates_it_keeping_its_rows(
    inbox: Path, tmp_path: Path
) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(store.MIGRATIONS[1] + "; PRAGMA user_version = 1;")
        conn.execute(
            "INSERT INTO articles (id, content_hash, origin, text, status, source, stored_at) "
            "VALUES ('old', 'h', 'old.txt', 'x', 'coded', 'Daily Nation', '2021-01-01')"
        )
    assert run_cli("ingest", str(inbox / "a.txt"), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert conn.execute("SELECT origin FROM articles WHERE id = 'old'").fetchone() == ("old.txt",)
        assert conn.execute("SELECT name FROM sources").fetchall() == [("Daily Nation",)]


def test_store_a_full_disk_stores_nothing_of_the_article_and_keeps_the_rest(tmp_path: Path) -> None:
    from eventwire import ingest, pipeline

    db = tmp_path / "events.db"
    conn = store.open_store(db)
    run = store.start_run(conn, ["test"])
    small, big = (
        ingest.make_article(name, text, {}, ingest.Options())
        for name, text in (("small.txt", STORY), ("big.txt", (STORY + " ") * 400))
    )
    for result in pipeline.run([small]):
        store.save(conn, run, result.status, result.article, result.events)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk fills up now
    result = next(pipeline.run([big]))
    with pytest.raises(StoreError, match="E123 the disk is full") as caught:
        store.save(conn, run, result.status, result.article, result.events)
    assert str(db) in str(caught.value)
    conn.close()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("SELECT origin FROM articles").fetchall() == [("small.txt",)]
        assert check.execute("SELECT count(*) FROM events").fetchone()[0] == 2


@pytest.fixture
def read_only(tmp_path: Path, inbox: Path) -> Iterator[Path]:
    """A folder holding a database (ex.db) that nobody may write to: by its mode, or for
    root (whom modes do not stop) by the immutable attribute."""
    import os
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    assert run_cli("ingest", str(inbox), "--db", str(folder / "ex.db")).returncode == 0
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root where chattr +i is not allowed: cannot make a read-only folder")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_store_a_read_only_folder_is_refused_clearly_and_read_from(
    read_only: Path, inbox: Path, tmp_path: Path
) -> None:
    new = run_cli("ingest", str(inbox / "a.txt"), "--db", str(read_only / "new.db"))
    assert new.returncode == 2 and "E124" in new.stderr and str(read_only / "new.db") in new.stderr
    assert not (read_only / "new.db").exists()
    assert "Traceback" not in new.stderr
    db = read_only / "ex.db"
    before = db.read_bytes()
    (tmp_path / "more.txt").write_text(REPORT_B, encoding="utf-8")
    more = run_cli("ingest", str(tmp_path / "more.txt"), "--db", str(db))
    assert more.returncode == 2 and "E124" in more.stderr and db.read_bytes() == before
    # what is stored there can still be read
    shown = run_cli("export", "--db", str(db))
    assert shown.returncode == 0 and len(shown.stdout.splitlines()) == 3, shown.stderr
    assert "bad.txt" in run_cli("status", "--db", str(db)).stdout


def test_store_the_same_text_twice_in_one_run_is_counted_once(tmp_path: Path) -> None:
    for name in ("a.txt", "copy-of-a.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    db = tmp_path / "events.db"
    done = run_cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "copy-of-a.txt"), "--db", str(db))
    assert "1 coded" in done.stderr and "1 stored already" in done.stderr, done.stderr
    assert f"{_count(db, 'events')} events stored" in done.stderr


@pytest.fixture(scope="module")
def undated_store(nlp_loaded: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of STORY's two records: the attack undated and told as background, the
    protest on 4 March 2021."""
    db = tmp_path_factory.mktemp("undated") / "events.db"
    article, found = code_text(STORY, "story", "2021-03-06")
    changed = tuple(
        replace(e, event_date=None, date_basis="unknown", background=True)
        if e.sub_event_type == "Attack"
        else e
        for e in found
    )
    assert sorted(e.event_date or "undated" for e in changed) == ["2021-03-04", "undated"]
    keep_in_store(db, article, changed)
    return db


def test_store_keeps_undated_records_last_and_out_of_date_filters(undated_store: Path) -> None:
    conn = store.open_store(undated_store)
    every = list(store.events(conn))
    assert [e.event_date for e in every] == ["2021-03-04", None]  # undated last
    undated = every[1]
    assert (undated.sub_event_type, undated.date_basis, undated.background) == ("Attack", "unknown", True)
    assert every[0].background is False
    for order in ("newest", "oldest"):
        total, page = store.records(conn, store.Filters(), 10, order=order)
        assert total == 2 and [json.loads(r)["event_date"] for r in page] == ["2021-03-04", None]
    for dates in (store.Filters(since="2021-01-01"), store.Filters(until="2030-01-01")):
        assert [e.event_date for e in store.events(conn, dates)] == ["2021-03-04"]
    assert [p[0] for p in store.points(conn, store.Filters(), 10)[1]] == [e.event_id for e in every]
    conn.close()


@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
def test_store_stats_count_undated_events_apart(undated_store: Path, period: str) -> None:
    conn = store.open_store(undated_store)
    stats = store.stats(conn, store.Filters(), period)
    conn.close()
    assert [c["events"] for c in stats["by_period"]] == [1]
    assert all(c["key"] for c in stats["by_period"])  # never a period without a date
    assert stats["undated"] == {"events": 1, "fatalities": 2}
    assert sum(c["events"] for c in stats["by_type"]) == 2  # by type and country: every event
    assert stats["by_country"] == [{"key": "Kenya", "events": 2, "fatalities": 2}]


def test_store_two_undated_reports_of_one_place_stay_two(nlp_loaded: Any, tmp_path: Path) -> None:
    from eventwire import dedup

    db = tmp_path / "events.db"
    reports = []
    for name, text in (("a", REPORT_A), ("b", REPORT_B)):
        article, found = code_text(text, name, "2021-03-04")
        [attack] = [e for e in found if e.sub_event_type == "Attack"]
        reports.append(attack)
        keep_in_store(db, article, (replace(attack, event_date=None, date_basis="unknown"),))
    assert len(dedup.clusters(reports)) == 1  # dated, the two reports are one event
    records = [json.loads(x) for x in run_cli("export", "--db", str(db)).stdout.splitlines()]
    assert sorted(r["article_ids"] for r in records) == [["a"], ["b"]]
    assert [r["event_date"] for r in records] == [None, None]
    # one dated and one undated report: two events, listed with the undated one last
    mixed = [reports[0], replace(reports[1], event_date=None, date_basis="unknown")]
    assert [e.event_date for e in dedup.across(mixed[::-1])] == ["2021-03-03", None]


def _old_store(db: Path, article: Any, found: tuple[Any, ...], version: int = 4) -> None:
    """A store as eventwire's schema ``version`` (4 or 6) held an article and its records
    (each shown alone), written with that version's statements."""
    conn = sqlite3.connect(db, isolation_level=None)
    for number in range(1, version + 1):
        conn.executescript(store.MIGRATIONS[number])
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO articles VALUES (?, ?, ?, '', '', '', ?, ?, 'coded', '', ?, NULL, '2021-03-05')",
        (
            article.id,
            store.content_hash(article.text),
            article.origin,
            "2021-03-04",
            article.text,
            len(found),
        ),
    )
    for e in found:
        record = json.dumps(e.to_dict())
        shown = json.dumps({**e.to_dict(), "review_status": "unreviewed"}) if version >= 6 else record
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.event_id,
                article.id,
                e.event_date,
                e.country,
                e.event_type,
                e.sub_event_type,
                e.modality,
                record,
                e.event_id,
            ),
        )
        for text, start, end in e.evidence:
            conn.execute(
                "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)", (e.event_id, article.id, start, end, text)
            )
        row = (
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
            *(("unreviewed", e.confidence) if version >= 6 else ()),
        )
        cur = conn.execute(f"INSERT INTO merged VALUES ({', '.join('?' * len(row))})", row)
        conn.execute("INSERT INTO merged_records VALUES (?, ?)", (cur.lastrowid, shown))
        words = "\n".join([e.notes, e.location, *(t for t, _, _ in e.evidence)])
        conn.execute(
            "INSERT INTO merged_text (rowid, actors, text) VALUES (?, ?, ?)", (cur.lastrowid, e.actor1, words)
        )
    conn.close()


def test_store_migrates_a_version_4_store_in_place_keeping_its_rows(nlp_loaded: Any, tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    article, found = code_text(REPORT_A, "old", "2021-03-04")
    _old_store(db, article, found)
    with sqlite3.connect(db) as old:
        before = {t: _count(db, t) for t in ("events", "evidence", "merged", "merged_records", "merged_text")}
        assert old.execute(
            "SELECT \"notnull\" FROM pragma_table_info('events') WHERE name = 'event_date'"
        ).fetchone() == (1,)
    assert before["evidence"] >= 1 and before["merged"] >= 1
    conn = store.open_store(db)  # migrated here
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == 7
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in ("events", "merged"):
        info = conn.execute(f"SELECT \"notnull\" FROM pragma_table_info('{table}') WHERE name = 'event_date'")
        assert info.fetchone() == (0,), table
    assert {t: _count(db, t) for t in before} == before  # evidence was not deleted with the old table
    # the words index still points at the right rows, and the old records read back as before
    words = store.Filters(text="farmers Garissa")
    assert [e.event_id for e in store.events(conn, words)] == [e.event_id for e in found]
    assert store.stats(conn, store.Filters(), "month")["undated"] == {"events": 0, "fatalities": 0}
    # version 6: the old records are unreviewed, with their confidence where the queue sorts
    [(status, confidence)] = conn.execute("SELECT review_status, confidence FROM merged").fetchall()
    assert (status, confidence) == ("unreviewed", found[0].confidence) and confidence > 0
    total, [shown] = store.records(conn, store.Filters(), 10)
    assert json.loads(shown)["review_status"] == "unreviewed"
    reviewed = store.add_review(conn, found[0].event_id, "corrected", {"fatalities": 5}, "ana")
    assert reviewed is not None and json.loads(reviewed)["fatalities"] == 5
    # an undated record can now be kept
    later, more = code_text(REPORT_B, "new")
    run = store.start_run(conn, ["v6"])
    store.save(
        conn, run, Status(later.origin, "coded", "", 1, later.id), later, (replace(more[0], event_date=None),)
    )
    store.regroup(conn)
    assert [e.event_date for e in store.events(conn)] == ["2021-03-03", None]
    # deleting an article still takes its events and evidence with it (foreign keys kept)
    conn.execute("DELETE FROM articles WHERE id = 'new'")
    assert conn.execute("SELECT count(*) FROM evidence WHERE article_id = 'new'").fetchone() == (0,)
    conn.close()


def test_store_migrates_a_version_6_store_to_the_columns_the_table_sorts_by(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    db = tmp_path / "v6.db"
    article, found = code_text(REPORT_A, "old", "2021-03-04")
    [attack] = [replace(e, actor2="", source="", source_url="https://news.example/old") for e in found]
    _old_store(db, article, (attack,), version=6)
    conn = store.open_store(db)  # migrated here
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == 7
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # the new columns are read from the records: an outlet's URL where it has no name
    row = conn.execute("SELECT actor1, actor2, source, reports, review_status FROM merged").fetchone()
    assert row == (attack.actor1, "", "https://news.example/old", 1, "unreviewed") and attack.actor1
    # records stored from now on fill them too: two reports of one event, an outlet named
    later, more = code_text(REPORT_B, "new", "2021-03-04")
    run = store.start_run(conn, ["v7"])
    told = tuple(replace(e, source="Daily Nation") for e in more)
    store.save(conn, run, Status(later.origin, "coded", "", len(told), later.id), later, told)
    store.regroup(conn)
    [(reports, source)] = conn.execute("SELECT reports, source FROM merged").fetchall()
    assert reports == 2 and source in ("Daily Nation", "https://news.example/old")
    for order in ("actor1", "-actor2", "source", "-reports", "modality", "review"):
        assert store.records(conn, store.Filters(), 10, 0, order)[0] == 1
    conn.close()
