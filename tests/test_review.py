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
        ("corrected", {"actor1": "Evil\x1b[2J"}, "actor1: it holds a character that is not printable"),
        ("corrected", {"geo_precision": 5}, "geo_precision: a whole number from 1 to 4"),
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
    # where a reviewer looks again: the events the article's records are now shown in
    assert stale["events"] == sorted([ids["Attack"], riot["event_id"]])
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
    done = run_cli("review", "history", "EW-000000000000", "--db", db)
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
    # a text field takes what looks like a number as text
    assert run_cli("review", "correct", ids["Arrests"], "location=1984", "--db", db).returncode == 0
    corrected = run_cli("query", "--db", db, "--format", "jsonl", "--review", "corrected").stdout
    assert "1984" in {json.loads(x)["location"] for x in corrected.splitlines()}


TOKENS = "token of ana\tAna Lopez\n# a comment line\ntoken-unnamed\n"  # a token may hold spaces


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
    assert httpx.post(url, json=body, headers={"Authorization": "Bearer token"}).status_code == 401
    reply = httpx.post(
        url, json=body, headers={"Authorization": "Bearer token of ana", "X-Reviewer": "mallory"}
    )
    assert reply.status_code == 200, reply.text
    assert (reply.json()["event"]["fatalities"], reply.json()["event"]["review_status"]) == (4, "corrected")
    unnamed = {"Authorization": "Bearer token-unnamed", "X-Reviewer": "B%C3%A9n"}  # percent-encoded UTF-8
    reply = httpx.post(
        f"{server.url}/api/events/{ids['Peaceful protest']}/review",
        json={"verdict": "rejected"},
        headers=unnamed,
    )
    assert reply.status_code == 200
    history = httpx.get(f"{server.url}/api/events/{ids['Attack']}/reviews").json()
    assert [(h["reviewer"], h["note"]) for h in history] == [("Ana Lopez", "four")]  # the token's name wins
    assert (
        httpx.get(f"{server.url}/api/events/{ids['Peaceful protest']}/reviews").json()[0]["reviewer"] == "Bén"
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
    assert httpx.get(f"{server.url}/api/reviews/conflicts").json() == []
    # what the dashboard's correction form offers
    words = httpx.get(f"{server.url}/api/vocabulary").json()
    assert words["sub_event_types"]["Armed clash"] == ["Battles", "Political violence"]
    assert "fatalities" in words["editable"] and "interaction" not in words["editable"]
    assert words["review_statuses"] == ["unreviewed", "accepted", "corrected", "rejected"]


def test_review_api_queue_takes_the_least_sure_then_the_deadliest_first(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    from dataclasses import replace

    db = tmp_path / "queue.db"
    article, found = code_text(STORY, "story", "2021-03-05")
    attack, protest = sorted(found, key=lambda e: e.event_date or "")  # 3 March (2 dead), 4 March
    other, [later] = code_text(
        "On 5 March 2021, students protested in Kisumu, Kenya, over fees.", "later", "2021-03-06"
    )
    # the least sure first, though the newest; of two as sure, the deadlier, though older
    keep_in_store(db, article, (replace(attack, confidence=0.5), replace(protest, confidence=0.5)))
    keep_in_store(db, other, (replace(later, confidence=0.3),))
    server = Live(serve.app_for(db, "t"))

    def listed(**params: str) -> list[str]:
        return [e["event_id"] for e in httpx.get(f"{server.url}/api/events", params=params).json()["events"]]

    try:
        assert protest.fatalities == later.fatalities == 0 < attack.fatalities
        assert listed() == [later.event_id, protest.event_id, attack.event_id]  # newest first
        assert listed(order="queue") == [later.event_id, attack.event_id, protest.event_id]
        headers = {"Authorization": "Bearer t"}
        httpx.post(
            f"{server.url}/api/events/{later.event_id}/review", json={"verdict": "accepted"}, headers=headers
        )
        assert listed(order="queue", review_status="unreviewed") == [attack.event_id, protest.event_id]
    finally:
        server.stop()


def test_review_a_corrected_event_outlives_the_regrouping_of_its_old_type_and_country(
    story_db: tuple[Path, dict[str, str]],
) -> None:
    from dataclasses import replace

    db, ids = story_db
    conn = store.open_store(db)
    store.add_review(conn, ids["Attack"], "corrected", {"sub_event_type": "Peaceful protest"}, "ana")
    conn.close()
    # a new Kenyan protest regroups the protests of Kenya, which the attack now shows as
    later, found = code_text(
        "On 20 June 2021, teachers protested in Mombasa, Kenya, over pay.", "later", "2021-06-21"
    )
    keep_in_store(db, later, found)
    # and a second report of the protest, grouped with it under a smaller id
    again, more = code_text(
        "Students protested in Nairobi, Kenya, over school fees on 4 March 2021, witnesses said.",
        "again",
        "2021-03-06",
    )
    conn = store.open_store(db)
    store.add_review(conn, ids["Peaceful protest"], "corrected", {"country": "Somalia"}, "ana")
    conn.close()
    keep_in_store(db, again, tuple(replace(e, event_id="EW-000000000001") for e in more))
    conn = store.open_store(db)
    _, rows = store.records(conn, store.Filters(), 50)
    shown = sorted(json.loads(r)["event_id"] for r in rows)
    assert shown == sorted(["EW-000000000001", ids["Attack"], *(e.event_id for e in found)])  # each once
    assert json.loads(store.record(conn, ids["Attack"]) or "")["event_type"] == "Protests"
    assert json.loads(store.record(conn, "EW-000000000001") or "")["country"] == "Somalia"
    conn.close()


def test_review_a_correction_keeps_the_record_consistent_with_itself(
    story_db: tuple[Path, dict[str, str]],
) -> None:
    db, ids = story_db
    conn = store.open_store(db)
    protest = json.loads(store.record(conn, ids["Peaceful protest"]) or "")
    assert protest["actor2"] == "" and protest["inter2"] == 0
    with pytest.raises(ReviewError, match="inter2: give the inter code of actor2"):
        store.add_review(
            conn, ids["Peaceful protest"], "corrected", {"actor2": "Police Forces of Kenya"}, "ana"
        )
    with pytest.raises(ReviewError, match="inter2: there is no actor2"):
        store.add_review(conn, ids["Peaceful protest"], "corrected", {"inter2": 1}, "ana")
    both = {"actor2": "Police Forces of Kenya", "inter2": 1}
    shown = json.loads(store.add_review(conn, ids["Peaceful protest"], "corrected", both, "ana") or "")
    assert shown["interaction"] == 16  # protesters (6) against state forces (1)
    # a moved place is no longer the coder's GeoNames place; the country brings its codes
    moved = {"country": "Vatican City", "location": "Vatican City", "geo_precision": 4}
    shown = json.loads(store.add_review(conn, ids["Attack"], "corrected", moved, "ana") or "")
    assert (shown["country"], shown["iso"], shown["region"], shown["geonameid"]) == (
        "Vatican City",
        336,
        "Europe",
        None,
    )
    assert shown["geo_precision"] == 4
    jsonschema.validate(shown, SCHEMA)
    conn.close()


def test_review_gold_names_are_safe_file_names_no_gold_file_is_mistaken_for() -> None:
    from eventwire.review import gold_name

    taken: set[str] = set()
    assert gold_name("https://x.org/a b?c", taken) == "https-x.org-a-b-c"
    assert gold_name("https://x.org/a b?c", taken) == "https-x.org-a-b-c-2"
    assert gold_name("report.gold", taken) == "report.gold-article"
    assert gold_name("...", taken) == "article"


def test_review_the_apis_choices_are_the_stores_and_the_reviews() -> None:
    from eventwire import review, vocab
    from eventwire.serve import query, spec

    assert set(query.Order.__args__) == set(store.ORDERS)  # type: ignore[attr-defined]
    assert query.ReviewStatus.__args__ == review.STATUSES  # type: ignore[attr-defined]
    assert query.Modality.__args__ == vocab.MODALITIES  # type: ignore[attr-defined]
    verdict = spec.ReviewBody.model_fields["verdict"].annotation
    assert verdict.__args__ == review.VERDICTS  # type: ignore[union-attr]


def test_review_of_a_merged_event_is_one_of_each_report_and_settles_their_conflicts(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    db = tmp_path / "merged.db"
    for name, text in (
        ("a", "On 3 March 2021, gunmen killed four farmers in Garissa, Kenya, police said."),
        (
            "b",
            "Suspected militants attacked farmers near Garissa, Kenya, on 3 March 2021, killing four people.",
        ),
    ):
        article, found = code_text(text, name, "2021-03-04")
        keep_in_store(db, article, found)
    conn = store.open_store(db)
    [(group, members)] = conn.execute(
        "SELECT cluster, COUNT(*) FROM events GROUP BY cluster HAVING COUNT(*) > 1"
    ).fetchall()
    assert members == 2  # the two reports are one event
    store.add_review(conn, group, "rejected", None, "ana")
    # one review, told once, kept on each report (so that a later split keeps it on each)
    assert [h["verdict"] for h in store.review_history(conn, group)] == ["rejected"]
    assert conn.execute("SELECT COUNT(DISTINCT event_id) FROM reviews").fetchone() == (2,)
    assert store.review_conflicts(conn) == []
    # reviews of the reports told apart, before a regroup joined them, that disagree
    other = conn.execute("SELECT id, article_id FROM events WHERE id != ?", (group,)).fetchone()
    conn.execute(
        "INSERT INTO reviews (event_id, article_id, verdict, changes, reviewer, reviewed_at) "
        "VALUES (?, ?, 'corrected', '{\"fatalities\": 5}', 'ben', '2021-03-05T00:00:00+00:00')",
        other,
    )
    [conflict] = store.review_conflicts(conn)
    assert conflict["event_id"] == group
    assert sorted(r["verdict"] for r in conflict["reviews"]) == ["corrected", "rejected"]
    listed = run_cli("review", "conflicts", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    assert sorted(json.loads(x)["reviewer"] for x in listed) == ["ana", "ben"]
    # a review of the event settles it
    store.add_review(conn, group, "corrected", {"fatalities": 4}, "cleo")
    assert store.review_conflicts(conn) == []
    conn.close()
