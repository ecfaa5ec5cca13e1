"""The HTTP API against a real uvicorn server on loopback and a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from tests.conftest import Live, code_text, keep_in_store, many_events, run_cli

from eventwire import serve, store

TOKEN = "test-token-0123456789"
ARTICLES = [
    {
        "id": "garissa",
        "title": "Gunmen kill two farmers near Garissa",
        "source": "Composed Wire",
        "published": "2021-03-05",
        "text": "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said.",
    },
    {
        "id": "nairobi",
        "published": "2021-03-05",
        "text": "On 4 March 2021, students protested peacefully in Nairobi, Kenya, over school fees.",
    },
    {
        "id": "kano",
        "published": "2021-05-10",
        "text": "Gunmen attacked a church in Kano, Nigeria, on 9 May 2021, killing three worshippers.",
    },
    {
        "id": "planned",
        "published": "2021-05-10",
        "text": "Teachers in Lagos, Nigeria, said on 9 May 2021 that they plan to protest next week.",
    },
]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, nlp_loaded: Any) -> Iterator[Live]:
    db = tmp_path_factory.mktemp("serve") / "events.db"
    server = Live(serve.app_for(db, TOKEN, serve.Limits(max_body=200_000)))
    reply = httpx.post(
        f"{server.url}/api/articles", json=ARTICLES, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["coded"] == len(ARTICLES)
    yield server
    server.stop()


def _events(live: Live, **params: Any) -> dict[str, Any]:
    reply = httpx.get(f"{live.url}/api/events", params=params)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def test_serve_events_filters(live: Live) -> None:
    everything = _events(live)
    assert everything["total"] == len(everything["events"]) >= 3
    assert {e["country"] for e in everything["events"]} == {"Kenya", "Nigeria"}
    # newest first by default
    dates = [e["event_date"] for e in everything["events"]]
    assert dates == sorted(dates, reverse=True)
    kenya = _events(live, country="kenya")  # names match whatever the case
    assert kenya["total"] >= 2 and all(e["country"] == "Kenya" for e in kenya["events"])
    protests = _events(live, event_type="Protests")
    assert [e["sub_event_type"] for e in protests["events"]] == ["Peaceful protest"]
    assert _events(live, sub_event_type="Peaceful protest")["total"] == 1
    assert _events(live, since="2021-05-01")["total"] == _events(live, country="Nigeria")["total"]
    assert all(e["event_date"] <= "2021-03-03" for e in _events(live, until="2021-03-03")["events"])
    words = _events(live, q="worshippers church")
    assert [e["article_ids"] for e in words["events"]] == [["kano"]]
    assert _events(live, q="worshippers farmers")["total"] == 0  # every word must stand in it
    # a box around Kenya
    boxed = _events(live, bbox="33.9,-4.7,41.9,5.0")
    assert boxed["total"] >= 2 and {e["country"] for e in boxed["events"]} == {"Kenya"}
    students = _events(live, actor="protesters (kenya)")
    assert students["total"] == 1
    assert _events(live, bbox="33.9,5.0,41.9,-4.7")["total"] == 0  # south above north: nothing


def test_serve_events_pages_and_modality(live: Live) -> None:
    total = _events(live)["total"]
    first, second = _events(live, limit=1), _events(live, limit=1, offset=1)
    assert first["total"] == second["total"] == total
    assert first["events"][0]["event_id"] != second["events"][0]["event_id"]
    # the planned protest is only shown when asked for
    planned = _events(live, modality="planned")
    assert [e["modality"] for e in planned["events"]] == ["planned"]
    every = _events(live, modality=["asserted", "claimed", "planned"])
    assert every["total"] == total + 1


@pytest.mark.parametrize(
    "params",
    [
        {"since": "March 3"},
        {"bbox": "1,2,3"},
        {"bbox": "west,south,east,north"},
        {"until": "2021-02-30"},
        {"limit": 0},
        {"limit": 100000},
        {"modality": "rumoured"},
    ],
)
def test_serve_bad_query_is_a_clear_422(live: Live, params: dict[str, Any]) -> None:
    reply = httpx.get(f"{live.url}/api/events", params=params)
    assert reply.status_code == 422
    [problem] = reply.json()["detail"]
    assert set(problem["loc"]) & set(params) and problem["msg"]  # names the parameter


@pytest.mark.parametrize(
    "params",
    [
        {"admin1": "Kenya' OR '1'='1"},
        {"source": "x' OR '1'='1"},
        {"actor": "%"},
        {"q": 'farmers" OR *'},
        {"q": "NEAR(a b) AND -"},
        {"q": 'farmers\x00" OR'},
        {"event_type": "x); DROP TABLE merged; --"},
    ],
)
def test_serve_hostile_filters_are_values_not_sql(live: Live, params: dict[str, Any]) -> None:
    reply = httpx.get(f"{live.url}/api/events", params=params)
    assert reply.status_code == 200, reply.text
    assert reply.json()["total"] == 0
    assert _events(live)["total"] >= 3  # nothing was dropped


def test_serve_event_with_its_evidence_and_article(live: Live) -> None:
    kano = _events(live, q="worshippers")["events"][0]
    reply = httpx.get(f"{live.url}/api/events/{kano['event_id']}")
    assert reply.status_code == 200
    detail = reply.json()
    assert detail["event"]["event_id"] == kano["event_id"]
    [article] = detail["articles"]
    assert article["id"] == "kano" and "worshippers" in article["text"]
    for span in detail["evidence"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]
    missing = httpx.get(f"{live.url}/api/events/EW-nothing")
    assert missing.status_code == 404 and "EW-nothing" in missing.json()["detail"]


def test_serve_stats_by_period_type_and_country(live: Live) -> None:
    stats = httpx.get(f"{live.url}/api/stats", params={"period": "week"}).json()
    assert stats["total"] == _events(live)["total"]
    assert sum(c["events"] for c in stats["by_period"]) == stats["total"]
    assert stats["undated"] == {"events": 0, "fatalities": 0}
    assert stats["fatalities"] == sum(e["fatalities"] for e in _events(live)["events"])
    # weeks are keyed by their Monday: 3 and 4 March 2021 fall in the week of 1 March
    assert "2021-03-01" in {c["key"] for c in stats["by_period"]}
    countries = {c["key"]: c["events"] for c in stats["by_country"]}
    assert countries["Kenya"] == _events(live, country="Kenya")["total"]
    month = httpx.get(f"{live.url}/api/stats", params={"period": "month", "country": "Nigeria"}).json()
    assert [c["key"] for c in month["by_period"]] == ["2021-05"]


def test_serve_articles_with_statuses(live: Live) -> None:
    page = httpx.get(f"{live.url}/api/articles").json()
    assert {a["id"] for a in page["articles"]} >= {"garissa", "nairobi", "kano", "planned"}
    garissa = next(a for a in page["articles"] if a["id"] == "garissa")
    assert garissa["status"] == "coded" and garissa["events"] >= 1 and garissa["source"] == "Composed Wire"


def test_serve_exports_for_the_current_filter(live: Live) -> None:
    csv_reply = httpx.get(f"{live.url}/api/export", params={"format": "acled-csv", "country": "Kenya"})
    assert csv_reply.status_code == 200
    assert "attachment" in csv_reply.headers["content-disposition"]
    lines = csv_reply.text.splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,time_precision,disorder_type")
    assert len(lines) - 1 == _events(live, country="Kenya")["total"]
    geo = httpx.get(f"{live.url}/api/export", params={"format": "geojson", "q": "worshippers"}).json()
    [feature] = geo["features"]
    assert feature["properties"]["country"] == "Nigeria"
    lon, lat = feature["geometry"]["coordinates"]
    assert 2 < lon < 15 and 4 < lat < 14  # Nigeria, longitude first


def test_serve_exports_every_format_under_one_name_each(live: Live, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from eventwire import export

    kenya = _events(live, country="KE")  # a code names the country as its name does
    assert kenya["total"] == _events(live, country="Kenya")["total"] >= 2
    jsonl = httpx.get(f"{live.url}/api/export", params={"format": "jsonl", "country": "KEN"})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert sorted(json.loads(x)["event_id"] for x in jsonl.text.splitlines()) == sorted(
        e["event_id"] for e in kenya["events"]
    )
    parquet = httpx.get(f"{live.url}/api/export", params={"format": "parquet", "country": "Kenya"})
    assert (
        parquet.status_code == 200
        and 'filename="eventwire-events.parquet"' in parquet.headers["content-disposition"]
    )
    (tmp_path / "e.parquet").write_bytes(parquet.content)
    assert pq.read_table(tmp_path / "e.parquet").num_rows == kenya["total"]
    alias = httpx.get(f"{live.url}/api/export", params={"format": "csv", "country": "Kenya"})
    named = httpx.get(f"{live.url}/api/export", params={"format": "acled-csv", "country": "Kenya"})

    def rows(reply: httpx.Response) -> list[dict[str, str]]:  # the timestamp is the second written
        return [
            {k: v for k, v in r.items() if k != "timestamp"} for r in csv.DictReader(io.StringIO(reply.text))
        ]

    assert rows(alias) == rows(named) and len(rows(named)) == kenya["total"]
    assert alias.headers["x-undated-left-out"] == alias.headers["x-country-level-left-out"] == "0"
    # every format the dashboard offers for download, the export serves as what it says it is
    offered = httpx.get(f"{live.url}/api/vocabulary").json()["downloads"]
    # ACLED's CSV among them, the one in ACLED's form (it leaves undated events out)
    assert [d["format"] for d in offered if d["acled"]] == ["acled-csv"] and len(offered) > 1
    for d in offered:
        reply = httpx.get(f"{live.url}/api/export", params={"format": d["format"], "country": "Kenya"})
        assert reply.status_code == 200 and reply.content
        assert reply.headers["content-type"].split(";")[0] == export.format_named(d["format"]).media
    # an unknown country is an error that names it, not an empty page
    unknown = httpx.get(f"{live.url}/api/events", params={"country": "Narnia"})
    assert (
        unknown.status_code == 422 and "E117 unknown country 'Narnia'" in unknown.json()["detail"][0]["msg"]
    )
    # the outlet a report came from
    assert [e["article_ids"] for e in _events(live, source="composed wire")["events"]] == [["garissa"]]


def test_serve_spec_types_the_record_the_body_and_the_token(live: Live) -> None:
    spec = httpx.get(f"{live.url}/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert (
        "fatalities" in schemas["EventRecord"]["properties"]
        and "event_id" in schemas["EventRecord"]["required"]
    )
    assert schemas["EventsPage"]["properties"]["events"]["items"] == {
        "$ref": "#/components/schemas/EventRecord"
    }
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/ArticleIn"} in body["oneOf"] and schemas["ArticleIn"][
        "required"
    ] == ["text"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert spec["paths"]["/api/events/{event_id}/review"]["post"]["security"] == [{"bearer": []}]
    assert "security" not in spec["paths"]["/api/events"]["get"]


def test_serve_writes_need_the_token(live: Live, tmp_path: Path) -> None:
    url = f"{live.url}/api/articles"
    body = {"text": "On 2 June 2021, soldiers shot a trader in Mandera, Kenya."}
    assert httpx.post(url, json=body).status_code == 401
    wrong = httpx.post(url, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    # no token configured: writes are disabled altogether
    closed = Live(serve.app_for(tmp_path / "closed.db", None))
    try:
        reply = httpx.post(f"{closed.url}/api/articles", json=body, headers={"Authorization": "Bearer x"})
        assert reply.status_code == 403 and "disabled" in reply.json()["detail"]
    finally:
        closed.stop()


def test_serve_post_reports_every_item_and_skips_what_is_stored(live: Live) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    items = [ARTICLES[0], {"title": "no text"}, "not an object"]
    reply = httpx.post(f"{live.url}/api/articles", json=items, headers=headers, timeout=60)
    assert reply.status_code == 200
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["skipped", "failed", "failed"]
    assert "E107" in results[1]["reason"] and "E106" in results[2]["reason"]
    bad = httpx.post(f"{live.url}/api/articles", content=b"{not json", headers=headers)
    assert bad.status_code == 400 and "malformed JSON" in bad.json()["detail"]


def test_serve_refuses_a_body_over_the_limit(live: Live) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = json.dumps({"text": "word " * 60_000}).encode()
    reply = httpx.post(f"{live.url}/api/articles", content=big, headers=headers)
    assert reply.status_code == 413
    # sent in chunks, with no length given: refused once the bytes read pass the limit
    chunks = (big[i : i + 16_384] for i in range(0, len(big), 16_384))
    chunked = httpx.post(f"{live.url}/api/articles", content=chunks, headers=headers)
    assert chunked.status_code == 413


def test_serve_closed_to_other_origins_and_to_framing(live: Live) -> None:
    reply = httpx.get(f"{live.url}/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in reply.headers
    preflight = httpx.options(
        f"{live.url}/api/articles",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    page = httpx.get(f"{live.url}/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_serve_opens_a_version_2_store_and_serves_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as old:  # a store as version 2 made it, before the merged table
        for number in (1, 2):
            old.executescript(store.MIGRATIONS[number])
        old.execute("PRAGMA user_version = 2")
    server = Live(serve.app_for(db, None))
    try:
        assert httpx.get(f"{server.url}/api/events").json()["total"] == 0
    finally:
        server.stop()
    with sqlite3.connect(db) as conn2:
        assert conn2.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


def test_serve_bounded_load_has_no_errors(live: Live) -> None:
    from eventwire.bench import load

    result = load(live.url, queries=200, clients=10)
    print(f"\n200 queries, 10 clients: {result['errors']} errors, p95 {result['p95_ms']:.1f} ms")
    assert result["errors"] == 0 and result["queries"] == 200


def test_serve_conforms_to_its_openapi_spec(live: Live) -> None:
    """Requests generated from the spec: no server error, every answer as the spec says
    (status, content type, body schema), every valid request accepted. Writes without a
    token are refused (401) before any coding, as the spec says."""
    from hypothesis import HealthCheck, given, settings

    spec = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    operations = [result.ok() for result in spec.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "GET /api/events",
        "GET /api/events/{event_id}",
        "GET /api/stats",
        "GET /api/articles",
        "POST /api/articles",
        "GET /api/export",
    }
    for operation in operations:

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(base_url=live.url)

        check()


def test_serve_command_with_worker_processes_and_a_token_file(tmp_path: Path) -> None:
    from eventwire.bench import serving

    token = tmp_path / "token.txt"
    token.write_text("file-token\n")
    with serving(tmp_path / "w.db", "--workers", "2", "--token-file", str(token)) as url:
        body = {"id": "w1", "text": ARTICLES[0]["text"], "published": "2021-03-05"}
        assert httpx.post(f"{url}/api/articles", json=body).status_code == 401
        reply = httpx.post(
            f"{url}/api/articles", json=body, headers={"Authorization": "Bearer file-token"}, timeout=120
        )
        assert reply.status_code == 200 and reply.json()["coded"] == 1
        # every process reads what one of them stored
        for _ in range(6):
            assert httpx.get(f"{url}/api/events").json()["total"] >= 1


def test_bench_serve_reports_errors_latency_and_render(tmp_path: Path) -> None:
    result = run_cli(
        "bench",
        "serve",
        "--events",
        "60",
        "--queries",
        "40",
        "--clients",
        "4",
        "--workers",
        "1",
        "--db",
        str(tmp_path / "b.db"),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["events"] >= 60 and figures["queries"] == 40 and figures["errors"] == 0
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]
    if Path("/usr/bin/chromium").exists():
        assert figures["first_render_seconds"] > 0


def test_serve_a_store_that_cannot_take_the_articles_is_a_clear_503(tmp_path: Path) -> None:
    db = tmp_path / "held.db"
    server = Live(serve.app_for(db, TOKEN))
    try:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with sqlite3.connect(db) as conn:
            conn.execute("BEGIN IMMEDIATE")  # another process holds the store for writing
            reply = httpx.post(f"{server.url}/api/articles", json=ARTICLES[0], headers=headers, timeout=60)
            conn.execute("ROLLBACK")
        assert reply.status_code == 503, reply.text
        said = reply.json()
        # the store by its file name, never where it lives; the item named as not stored
        assert said["detail"].startswith("held.db: ") and "locked" in said["detail"]
        assert str(tmp_path) not in reply.text
        assert [r["status"] for r in said["results"]] == ["not_stored"] and said["coded"] == 0
        assert reply.headers["retry-after"]
    finally:
        server.stop()


def test_serve_on_a_port_in_use_says_so_before_starting(tmp_path: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = run_cli("serve", "--db", str(tmp_path / "p.db"), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "serving" not in result.stderr


def test_serve_a_merged_event_marks_each_span_in_its_own_article(tmp_path: Path, nlp_loaded: Any) -> None:
    reports = [
        {
            "id": "a",
            "published": "2021-03-04",
            "text": "On 3 March 2021, gunmen killed four farmers in Garissa, Kenya, police said.",
        },
        {
            "id": "b",
            "published": "2021-03-04",
            "text": "Suspected Al Shabaab militants attacked farmers near Garissa, Kenya, on 3 March 2021, "
            "killing at least six people, residents said.",
        },
    ]
    server = Live(serve.app_for(tmp_path / "m.db", TOKEN))
    try:
        reply = httpx.post(
            f"{server.url}/api/articles",
            json=reports,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=60,
        )
        assert reply.json()["merged"] >= 1, reply.text
        [merged] = [e for e in _events(server, q="farmers")["events"] if len(e["article_ids"]) == 2]
        detail = httpx.get(f"{server.url}/api/events/{merged['event_id']}").json()
        texts = {a["id"]: a["text"] for a in detail["articles"]}
        assert {s["article_id"] for s in detail["evidence"]} == {"a", "b"}
        for span in detail["evidence"]:
            assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]
    finally:
        server.stop()


def test_serve_undated_events_are_listed_last_and_counted_apart(tmp_path: Path, nlp_loaded: Any) -> None:
    db = tmp_path / "undated.db"
    story = (
        "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
        "students protested in Nairobi, Kenya, over school fees."
    )
    article, found = code_text(story, "story", "2021-03-06")
    undated = replace(
        next(e for e in found if e.sub_event_type == "Attack"),
        event_date=None,
        date_basis="unknown",
        background=True,
    )
    keep_in_store(db, article, tuple(undated if e.event_id == undated.event_id else e for e in found))
    server = Live(serve.app_for(db, None))
    try:
        for order in ("newest", "oldest"):  # undated last in either order
            page = _events(server, order=order)
            assert [(e["event_date"], e["background"]) for e in page["events"]] == [
                ("2021-03-04", False),
                (None, True),
            ]
        assert (
            _events(server, since="2021-01-01")["total"] == _events(server, until="2030-12-31")["total"] == 1
        )
        detail = httpx.get(f"{server.url}/api/events/{undated.event_id}").json()
        assert detail["event"]["event_date"] is None and detail["event"]["date_basis"] == "unknown"
        for period in ("day", "week", "month", "year"):
            stats = httpx.get(f"{server.url}/api/stats", params={"period": period}).json()
            assert stats["total"] == 2 and stats["fatalities"] == 2
            assert [c["events"] for c in stats["by_period"]] == [1]  # the dated protest alone
            assert stats["undated"] == {"events": 1, "fatalities": 2}
        assert httpx.get(f"{server.url}/api/points").json()["total"] == 2
        csv_reply = httpx.get(f"{server.url}/api/export", params={"format": "acled-csv"})
        assert len(csv_reply.text.splitlines()) == 2 and ",2021-03-04,2021," in csv_reply.text
        assert csv_reply.headers["x-undated-left-out"] == "1"
        geo = httpx.get(f"{server.url}/api/export", params={"format": "geojson"}).json()
        dates = sorted(str(f["properties"]["event_date"]) for f in geo["features"])
        assert dates == ["2021-03-04", "None"]
    finally:
        server.stop()


def test_serve_orders_every_page_by_a_column_and_counts_periods_by_type(live: Live) -> None:
    dead = [e["fatalities"] for e in _events(live, order="-fatalities")["events"]]
    assert dead == sorted(dead, reverse=True) and dead[0] >= 2
    assert [e["fatalities"] for e in _events(live, order="fatalities")["events"]] == sorted(dead)
    types = [e["event_type"] for e in _events(live, order="type")["events"]]
    assert types == sorted(types, key=str.lower)
    places = [(e["country"], e["admin1"]) for e in _events(live, order="location")["events"]]
    assert places == sorted(places, key=lambda p: (p[0].lower(), p[1].lower()))
    assert places != [(e["country"], e["admin1"]) for e in _events(live)["events"]]  # not the date's order
    backwards = [(e["country"], e["admin1"]) for e in _events(live, order="-location")["events"]]
    assert backwards == places[::-1]
    stats = httpx.get(f"{live.url}/api/stats", params={"period": "month"}).json()
    by_period: dict[str, int] = {}
    for cell in stats["by_period_type"]:
        by_period[cell["key"]] = by_period.get(cell["key"], 0) + cell["events"]
    assert by_period == {c["key"]: c["events"] for c in stats["by_period"]}
    assert {c["event_type"] for c in stats["by_period_type"]} == {c["key"] for c in stats["by_type"]}


# what each column of the dashboard's table sorts by, as a key of one record (None: a blank,
# last either way)
COLUMN_KEYS = {
    "type": lambda e: (e["event_type"].lower(), e["sub_event_type"].lower()),
    "actor1": lambda e: e["actor1"].lower() or None,
    "actor2": lambda e: e["actor2"].lower() or None,
    "location": lambda e: (e["country"].lower(), e["admin1"].lower(), e["location"].lower()),
    "fatalities": lambda e: e["fatalities"],
    "modality": lambda e: e["modality"],
    "source": lambda e: (e["source"] or e["source_url"]).lower() or None,
    "reports": lambda e: len(e["article_ids"]),
    "review": lambda e: e["review_status"],
}


def test_serve_every_table_column_orders_across_every_page(nlp_loaded: Any, tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    ids = many_events(db, 60)
    conn = store.open_store(db)
    store.add_review(conn, ids[30], "accepted", None, "ana")
    store.add_review(conn, ids[40], "corrected", {"fatalities": 9}, "ana")
    conn.close()
    server = Live(serve.app_for(db, None))
    try:
        for name, key in COLUMN_KEYS.items():
            for order in (name, f"-{name}"):
                shown = []
                for offset in (0, 25, 50):  # three pages
                    page = _events(server, order=order, limit=25, offset=offset)
                    assert page["total"] == 60
                    shown += page["events"]
                assert sorted(e["event_id"] for e in shown) == sorted(ids), order  # each once
                keys = [key(e) for e in shown]
                given = [k for k in keys if k is not None]
                assert keys == given + [None] * (len(keys) - len(given)), order  # blanks last
                assert given == sorted(given, reverse=order.startswith("-")), order
                assert len(set(given)) > 1, order  # the column has something to sort
            # the first page starts with what the date's order puts last: the order is the
            # store's, not the page's
        first = _events(server, order="actor1", limit=25)["events"][0]
        assert first["event_id"] == ids[0] and first["actor1"] == "Aardvark Brigade"
        assert _events(server, limit=25, offset=50)["events"][-1]["event_id"] == ids[0]
        assert _events(server, order="-reports", limit=25)["events"][0]["article_ids"][1:]
    finally:
        server.stop()
