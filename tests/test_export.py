"""Exports of undated records (event_date null) and background ones: JSONL, ACLED CSV,
GeoJSON, Parquet and the terminal table, from `code` and from the store."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.conftest import SCHEMA, code_text, keep_in_store, run_cli

from eventwire import export
from eventwire.records import Event

STORY = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
    "students protested in Nairobi, Kenya, over school fees."
)


@pytest.fixture(scope="module")
def records(nlp_loaded: Any) -> tuple[Any, list[Event]]:
    """The story's article and its two records: the attack undated and told as background,
    the protest dated."""
    article, found = code_text(STORY, "story", "2021-03-06")
    attack = next(e for e in found if e.sub_event_type == "Attack")
    protest = next(e for e in found if e.event_type == "Protests")
    return article, [replace(attack, event_date=None, date_basis="unknown", background=True), protest]


@pytest.fixture(scope="module")
def db(records: tuple[Any, list[Event]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "events.db"
    article, found = records
    keep_in_store(path, article, tuple(found))
    return path


def test_export_jsonl_keeps_an_undated_record_with_a_null_date(records: tuple[Any, list[Event]]) -> None:
    out = io.StringIO()
    export.write_jsonl(records[1], out)
    undated, dated = (json.loads(line) for line in out.getvalue().splitlines())
    assert (undated["event_date"], undated["date_basis"], undated["background"]) == (None, "unknown", True)
    assert dated["event_date"] == "2021-03-04" and dated["background"] is False
    for record in (undated, dated):
        jsonschema.validate(record, SCHEMA)


def test_export_acled_csv_leaves_undated_records_out_and_says_how_many(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    done = run_cli("export", "--db", str(db), "--format", "acled-csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["event_date"], r["year"], r["event_type"]) for r in rows] == [
        ("2021-03-04", "2021", "Protests")
    ]
    assert (
        "left out of ACLED's form: 1 undated (neither the article nor its metadata fixes the day)"
        in done.stderr
    )
    # background is one of our columns, after ACLED's
    header = list(rows[0])
    assert header.index("background") > header.index("timestamp") and rows[0]["background"] == "false"
    # nothing left out, nothing said
    plain = run_cli("export", "--db", str(db), "--format", "jsonl")
    assert "left out" not in plain.stderr and len(plain.stdout.splitlines()) == 2


def test_export_query_in_acled_form_leaves_out_what_export_does(db: Path) -> None:
    done = run_cli("query", "--db", str(db), "--format", "acled-csv")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 2  # the header and the protest
    assert "left out of ACLED's form: 1 undated" in done.stderr


def test_export_code_csv_counts_the_undated_events_it_leaves_out(nlp_loaded: Any, tmp_path: Path) -> None:
    # no date in the text nor in its metadata: the pipeline leaves the event undated
    (tmp_path / "a.txt").write_text("Gunmen killed two farmers near Garissa, Kenya, police said.")
    done = run_cli("code", str(tmp_path / "a.txt"), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1  # the header only
    assert "0 events printed; left out of ACLED's form: 1 undated (neither the article" in done.stderr
    jsonl = run_cli("code", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert json.loads(jsonl.stdout)["event_date"] is None and "left out" not in jsonl.stderr


def test_export_geojson_keeps_an_undated_point(db: Path) -> None:
    done = run_cli("export", "--db", str(db), "--format", "geojson")
    features = {f["properties"]["event_type"]: f for f in json.loads(done.stdout)["features"]}
    attack = features["Violence against civilians"]
    assert attack["properties"]["event_date"] is None and attack["properties"]["background"] is True
    lon, lat = attack["geometry"]["coordinates"]
    assert 39 < lon < 40.5 and -1 < lat < 0  # Garissa


def test_export_parquet_keeps_an_undated_record_with_a_null_date(db: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(out)).returncode == 0
    table = pq.read_table(out)
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("background").type == pa.bool_()
    rows = {r["event_type"]: r for r in table.to_pylist()}
    attack = rows["Violence against civilians"]
    assert (attack["event_date"], attack["year"], attack["background"]) == (None, None, True)
    assert rows["Protests"]["event_date"].isoformat() == "2021-03-04"
    assert rows["Protests"]["background"] is False


def test_export_table_shows_undated_and_background_events(db: Path) -> None:
    shown = run_cli("query", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "undated" in shown.stdout and "(background)" in shown.stdout and "2021-03-04" in shown.stdout


def test_export_acled_csv_escapes_cells_a_spreadsheet_would_run_unless_raw(
    records: tuple[Any, list[Event]], tmp_path: Path
) -> None:
    article, found = records
    hostile = replace(
        found[1],
        actor1='=HYPERLINK("http://example.org/x","click")',
        notes="+cmd|' /C calc'!A0",
        location="@SUM(1+1)",
        longitude=-1.5,
    )
    db = tmp_path / "h.db"
    keep_in_store(db, article, (hostile,))
    escaped = run_cli("export", "--db", str(db), "--format", "acled-csv")
    raw = run_cli("export", "--db", str(db), "--format", "acled-csv", "--raw")
    [row] = list(csv.DictReader(io.StringIO(escaped.stdout)))
    assert row["actor1"] == "'" + hostile.actor1 and row["notes"] == "'" + hostile.notes
    assert row["location"] == "'@SUM(1+1)" and row["longitude"] == "-1.5"  # a number stays a number
    [plain] = list(csv.DictReader(io.StringIO(raw.stdout)))
    assert (plain["actor1"], plain["notes"], plain["location"]) == (
        hostile.actor1,
        hostile.notes,
        "@SUM(1+1)",
    )


def test_status_table_shows_control_characters_in_file_names_escaped(tmp_path: Path) -> None:
    name = tmp_path / "bad\x1b[2Jname\nx.txt"  # an escape sequence that would clear the screen
    name.write_text("Too short.", encoding="utf-8")
    db = str(tmp_path / "s.db")
    ingested = run_cli("ingest", str(name), "--db", db)
    table = run_cli("status", "--db", db, "--format", "table")
    for said in (ingested.stderr, table.stdout):
        assert "\x1b" not in said and "\\x1b[2Jname\\nx.txt" in said.replace("\n", "").replace("│", "")
    assert "E112" in table.stdout


def test_export_acled_form_keeps_country_level_rows_only_when_asked_and_writes_for_excel(
    records: tuple[Any, list[Event]], tmp_path: Path
) -> None:
    article, [_, protest] = records
    precise = replace(protest, latitude=-1.2833333333, longitude=36.8166666667)
    vague = replace(
        protest, event_id="EW-country0001", geo_precision=4, location="Kenya", event_date="2021-01-04"
    )
    db = tmp_path / "events.db"
    keep_in_store(db, article, (precise, vague))
    out = tmp_path / "events.csv"
    done = run_cli("export", "--db", str(db), "--format", "csv", "--out", str(out), "--excel")
    assert done.returncode == 0, done.stderr
    assert "1 located only to a country (--country-level keeps them)" in done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs for UTF-8
    [row] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (row["event_id_cnty"], row["latitude"], row["longitude"]) == (
        precise.event_id,
        "-1.2833",
        "36.8167",
    )
    assert row["source_scale"] == ""  # an outlet the table does not know
    kept = run_cli("export", "--db", str(db), "--format", "acled-csv", "--country-level")
    assert sorted(r["geo_precision"] for r in csv.DictReader(io.StringIO(kept.stdout))) == ["1", "4"]
    assert "left out" not in kept.stderr and not kept.stdout.startswith("\ufeff")


def test_export_acled_source_scale_comes_from_the_outlets_table(records: tuple[Any, list[Event]]) -> None:
    _, [_, protest] = records
    out = io.StringIO()
    export.write_csv([replace(protest, source="Reuters"), replace(protest, source="dawn")], out)
    assert [r["source_scale"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == [
        "International",
        "National",
    ]
