"""Review: an analyst accepts, corrects or rejects stored records; the coded records stay as
they were, queries and exports give the reviewed version, re-coding keeps the reviews of
records that did not change, and reviewed articles become gold that `eval articles` reads."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from tests.conftest import SCHEMA, Live, code_text, keep_in_store, run_cli

from eventwire import serve, store
from eventwire.review import ReviewError

STORY = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
    "students protested in Nairobi, Kenya, over school fees."
)
RIOT = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
    "students rioted in Nairobi, Kenya, and burned a police post."
)


def _by_type(conn: sqlite3.Connection, **filters: Any) -> dict[str, dict[str, Any]]:
    _, rows = store.records(conn, store.Filters(**filters), 50)
    return {json.loads(r)["sub_event_type"]: json.loads(r) for r in rows}


@pytest.fixture
def story_db(nlp_loaded: Any, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A store of STORY's two records; their ids by sub-event type."""
    db = tmp_path / "events.db"
    article, found = code_text(STORY, "story", "2021-03-05")
    keep_in_store(db, article, found)
    ids = {e.sub_event_type: e.event_id for e in found}
    assert set(ids) == {"Attack", "Peaceful protest"}
    return db, ids


def test_review_a_correction_is_a_layer_over_the_coded_record(story_db: tuple[Path, dict[str, str]]) -> None:
    db, ids = story_db
    conn = store.open_store(db)
    coded = conn.execute("SELECT record FROM events WHERE id = ?", (ids["Attack"],)).fetchone()[0]
    changes = {
        "fatalities": 3,
        "actor1": "Al Shabaab",
        "inter1": 2,
        "sub_event_type": "Armed clash",
        "country": "KEN",
    }
    shown = json.loads(store.add_review(conn, ids["Attack"], "corrected", changes, "ana", "three dead") or "")
    # the fields that follow from the corrected ones follow
    assert (shown["event_type"], shown["disorder_type"]) == ("Battles", "Political violence")
    assert (shown["inter1"], shown["inter2"], shown["interaction"]) == (2, 7, 27)
    assert (shown["country"], shown["iso"], shown["fatalities"]) == ("Kenya", 404, 3)
    assert shown["review_status"] == "corrected"
    jsonschema.validate(shown, SCHEMA)
    # the coded record is untouched; queries and filters see the reviewed one
    assert conn.execute("SELECT record FROM events WHERE id = ?", (ids["Attack"],)).fetchone()[0] == coded
    assert _by_type(conn, event_type="Battles")["Armed clash"]["actor1"] == "Al Shabaab"
    assert _by_type(conn, event_type="Violence against civilians") == {}
    assert list(_by_type(conn, min_fatalities=3)) == ["Armed clash"]
    history = store.review_history(conn, ids["Attack"])
    assert [(h["reviewer"], h["verdict"], h["note"]) for h in history] == [("ana", "corrected", "three dead")]
    assert history[0]["changes"]["country"] == "Kenya"  # kept as records name it
    conn.close()


def test_review_rejected_records_leave_queries_unless_asked(story_db: tuple[Path, dict[str, str]]) -> None:
    db, ids = story_db
    conn = store.open_store(db)
    store.add_review(conn, ids["Peaceful protest"], "rejected", None, "ana")
    assert list(_by_type(conn)) == ["Attack"]
    assert [e.review_status for e in store.events(conn)] == ["unreviewed"]
    assert list(_by_type(conn, review=("rejected",))) == ["Peaceful protest"]
    assert _by_type(conn, review=("accepted", "corrected")) == {}
    store.add_review(conn, ids["Attack"], "accepted", {}, "ben")
    assert list(_by_type(conn, review=("accepted", "corrected"))) == ["Attack"]
    # a later verdict replaces the earlier one in what is shown, and both are kept
    store.add_review(conn, ids["Peaceful protest"], "accepted", None, "ben")
    assert sorted(_by_type(conn)) == ["Attack", "Peaceful protest"]
    assert [h["verdict"] for h in store.review_history(conn, ids["Peaceful protest"])] == [
        "rejected",
        "accepted",
    ]
    conn.close()


@pytest.mark.parametrize(
    ("verdict", "changes", "says"),
    [
        ("approved", {}, "verdict: 'approved'"),
        ("accepted", {"fatalities": 3}, "changes no field"),
        ("corrected", {}, "at least one field"),
        ("corrected", {"fatality": 3}, "fatality: cannot be corrected (no such field)"),
        ("corrected", {"interaction": 12}, "interaction: cannot be corrected (it follows"),
        ("corrected", {"fatalities": -1}, "fatalities: a whole number"),
        ("corrected", {"fatalities": True}, "fatalities: a whole number"),
        ("corrected", {"event_date": "5 March"}, "event_date: '5 March' is not a day"),
        ("corrected", {"sub_event_type": "Massacre"}, "sub_event_type: 'Massacre' is not one of"),
        ("corrected", {"latitude": 1.0}, "latitude and longitude are corrected together"),
        ("corrected", {"latitude": 91.0, "longitude": 1.0}, "latitude: 91.0 is beyond"),
        ("corrected", {"country": "Narnia"}, "country: 'Narnia' is not a country"),
        ("corrected", {"actor1": "  "}, "actor1: it cannot be empty"),
        ("corrected", {"modality": "rumoured"}, "modality: 'rumoured' is not one of"),
    ],
)
def test_review_a_change_that_cannot_be_taken_is_refused_naming_the_field(
    story_db: tuple[Path, dict[str, str]], verdict: str, changes: dict[str, Any], says: str
) -> None:
    db, ids = story_db
    conn = store.open_store(db)
    with pytest.raises(ReviewError, match=says.replace("(", r"\(").replace(")", r"\)")):
        store.add_review(conn, ids["Attack"], verdict, changes, "ana")
    assert conn.execute("SELECT count(*) FROM reviews").fetchone() == (0,)
    assert store.add_review(conn, "EW-000000000000", "accepted", None, "ana") is None
    conn.close()


def test_review_recoding_keeps_reviews_of_unchanged_records_and_flags_the_others(
    story_db: tuple[Path, dict[str, str]],
) -> None:
    db, ids = story_db
    conn = store.open_store(db)
    store.add_review(conn, ids["Attack"], "corrected", {"fatalities": 3}, "ana")
    store.add_review(conn, ids["Peaceful protest"], "accepted", None, "ana")
    conn.close()
    article, found = code_text(RIOT, "story", "2021-03-05")  # the same article, its text updated
    keep_in_store(db, article, found)
    conn = store.open_store(db)
    shown = _by_type(conn)
    assert shown["Attack"]["event_id"] == ids["Attack"]  # the same record: its review stands
    assert (shown["Attack"]["review_status"], shown["Attack"]["fatalities"]) == ("corrected", 3)
    riot = shown["Violent demonstration"]
    assert riot["review_status"] == "unreviewed"
    [stale] = store.stale_reviews(conn)
    assert (stale["event_id"], stale["article_id"], stale["verdict"]) == (
        ids["Peaceful protest"],
        "story",
        "accepted",
    )
    conn.close()


def test_review_cli_review_query_and_gold_export_round_trip(nlp_loaded: Any, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kenya.json").write_text(json.dumps({"id": "kenya", "published": "2021-03-05", "text": STORY}))
    (inbox / "nairobi.json").write_text(
        json.dumps(
            {
                "id": "nairobi",
                "published": "2021-03-08",
                "text": "Police arrested 12 traders in Nairobi, Kenya, on 7 March 2021.",
            }
        )
    )
    db = str(tmp_path / "events.db")
    assert run_cli("ingest", str(inbox), "--db", db).returncode == 0
    records = [json.loads(x) for x in run_cli("query", "--db", db, "--format", "jsonl").stdout.splitlines()]
    ids = {r["sub_event_type"]: r["event_id"] for r in records}
    assert set(ids) == {"Attack", "Peaceful protest", "Arrests"}
    # the table shows each event's id, and --country takes a code
    table = run_cli("query", "--db", db, "--country", "KEN", "--format", "table").stdout
    assert all(i in table for i in ids.values())
    done = run_cli("query", "--db", db, "--country", "Narnia")
    assert done.returncode == 2 and "E117 unknown country 'Narnia'" in done.stderr
    done = run_cli(
        "review",
        "correct",
        ids["Attack"],
        "fatalities=3",
        "actor1=Al Shabaab",
        "inter1=2",
        "--db",
        db,
        "--reviewer",
        "ana",
    )
    assert done.returncode == 0 and "corrected by ana" in done.stderr, done.stderr
    assert run_cli("review", "reject", ids["Peaceful protest"], "--db", db).returncode == 0
    done = run_cli("review", "correct", ids["Arrests"], "fatality=1", "--db", db)
    assert done.returncode == 2 and "fatality: cannot be corrected" in done.stderr
    done = run_cli("review", "accept", "EW-000000000000", "--db", db)
    assert done.returncode == 1 and "no such event: EW-000000000000" in done.stderr
    reviewed = run_cli("export", "--db", db, "--reviewed-only").stdout.splitlines()
    assert [(json.loads(x)["actor1"], json.loads(x)["review_status"]) for x in reviewed] == [
        ("Al Shabaab", "corrected")
    ]
    csv_text = run_cli("export", "--db", db, "--format", "acled-csv").stdout
    assert ids["Peaceful protest"] not in csv_text and ids["Arrests"] in csv_text
    assert "review_status" in csv_text.splitlines()[0]
    # only the article whose every record was reviewed becomes gold
    gold = tmp_path / "gold"
    done = run_cli("gold", "export", str(gold), "--db", db)
    assert (
        done.returncode == 0
        and "1 reviewed articles written; left out: 1 with records not reviewed" in done.stderr
    )
    [written] = json.loads((gold / "kenya.gold.json").read_text())
    assert (written["sub_event_type"], written["fatalities"], written["actor1"]) == (
        "Attack",
        3,
        "Al Shabaab",
    )
    assert sorted(p.name for p in gold.iterdir()) == ["kenya.gold.json", "kenya.json"]
    # the coder measured against its reviewed output: the rejected protest is an extra record,
    # the corrected toll a field it got wrong
    scores = json.loads(run_cli("eval", "articles", str(gold), "--json").stdout)["gold"]
    assert (scores["gold_events"], scores["our_events"], scores["matched"]) == (1, 2, 1)
    assert scores["field_accuracy"]["actor1"]["accuracy"] == 0.0
    assert scores["field_accuracy"]["fatalities"]["accuracy"] == 0.0
    # an unidentified group blames no one, and 2 dead against 3 is no count off by half
    assert scores["misleading_by_reason"] == {}


TOKENS = "token-of-ana Ana Lopez\n# a comment line\ntoken-unnamed\n"


@pytest.fixture
def live(story_db: tuple[Path, dict[str, str]], tmp_path: Path) -> Any:
    tokens = tmp_path / "tokens.txt"
    tokens.write_text(TOKENS)
    server = Live(serve.app_for(story_db[0], serve.token_from(tokens, None)))
    yield server, story_db[1]
    server.stop()


def test_review_api_needs_the_token_and_names_the_reviewer(live: Any) -> None:
    server, ids = live
    url = f"{server.url}/api/events/{ids['Attack']}/review"
    body = {"verdict": "corrected", "changes": {"fatalities": 4}, "note": "four"}
    assert httpx.post(url, json=body).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    reply = httpx.post(
        url, json=body, headers={"Authorization": "Bearer token-of-ana", "X-Reviewer": "mallory"}
    )
    assert reply.status_code == 200, reply.text
    assert (reply.json()["event"]["fatalities"], reply.json()["event"]["review_status"]) == (4, "corrected")
    unnamed = {"Authorization": "Bearer token-unnamed", "X-Reviewer": "Ben"}
    reply = httpx.post(
        f"{server.url}/api/events/{ids['Peaceful protest']}/review",
        json={"verdict": "rejected"},
        headers=unnamed,
    )
    assert reply.status_code == 200
    history = httpx.get(f"{server.url}/api/events/{ids['Attack']}/reviews").json()
    assert [(h["reviewer"], h["note"]) for h in history] == [("Ana Lopez", "four")]  # the token's name wins
    assert (
        httpx.get(f"{server.url}/api/events/{ids['Peaceful protest']}/reviews").json()[0]["reviewer"] == "Ben"
    )
    # what cannot be taken
    bad = httpx.post(url, json={"verdict": "corrected", "changes": {"fatalities": -1}}, headers=unnamed)
    assert bad.status_code == 422 and "fatalities: a whole number" in bad.json()["detail"][0]["msg"]
    assert (
        httpx.post(
            f"{server.url}/api/events/EW-0/review", json={"verdict": "accepted"}, headers=unnamed
        ).status_code
        == 404
    )
    assert httpx.get(f"{server.url}/api/events/EW-0/reviews").status_code == 404
    # the list gives the reviewed version, leaves the rejected out unless asked
    events = httpx.get(f"{server.url}/api/events").json()["events"]
    assert [(e["sub_event_type"], e["review_status"], e["fatalities"]) for e in events] == [
        ("Attack", "corrected", 4)
    ]
    rejected = httpx.get(f"{server.url}/api/events", params={"review_status": "rejected"}).json()["events"]
    assert [e["sub_event_type"] for e in rejected] == ["Peaceful protest"]
    assert httpx.get(f"{server.url}/api/events", params={"review_status": "approved"}).status_code == 422
    assert httpx.get(f"{server.url}/api/reviews/stale").json() == []
    # what the dashboard's correction form offers
    words = httpx.get(f"{server.url}/api/vocabulary").json()
    assert words["sub_event_types"]["Armed clash"] == ["Battles", "Political violence"]
    assert "fatalities" in words["editable"] and "interaction" not in words["editable"]
    assert words["review_statuses"] == ["unreviewed", "accepted", "corrected", "rejected"]


def test_review_api_queue_takes_the_least_sure_then_the_deadliest_first(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    db = tmp_path / "queue.db"
    article, found = code_text(STORY, "story", "2021-03-05")
    from dataclasses import replace

    sure = replace(found[0], confidence=0.9)
    unsure = replace(found[1], confidence=0.3)
    keep_in_store(db, article, (sure, unsure))
    server = Live(serve.app_for(db, "t"))
    try:
        queue = httpx.get(
            f"{server.url}/api/events", params={"order": "queue", "review_status": "unreviewed"}
        ).json()
        assert [e["event_id"] for e in queue["events"]] == [unsure.event_id, sure.event_id]
        httpx.post(
            f"{server.url}/api/events/{unsure.event_id}/review",
            json={"verdict": "accepted"},
            headers={"Authorization": "Bearer t"},
        )
        queue = httpx.get(
            f"{server.url}/api/events", params={"order": "queue", "review_status": "unreviewed"}
        ).json()
        assert [e["event_id"] for e in queue["events"]] == [sure.event_id]
    finally:
        server.stop()
