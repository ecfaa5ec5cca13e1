"""Shared fixtures: the real spaCy model and the real gazetteer index, loaded once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import uvicorn

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads((resources.files("eventwire") / "data" / "event.schema.json").read_text())


@pytest.fixture(scope="session")
def gaz() -> Any:
    from eventwire.gazetteer import open_gazetteer

    return open_gazetteer()


@pytest.fixture(scope="session")
def nlp_loaded() -> Any:
    from eventwire import nlp

    return nlp.load()


@pytest.fixture()
def fixture_text() -> str:
    return (FIXTURES / "base-attacks.txt").read_text(encoding="utf-8")


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console command as a user would."""
    exe = Path(sys.executable).parent / "eventwire"
    return subprocess.run(
        [str(exe), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


class Live:
    """A real server for ``app`` on a free loopback port, run in a thread."""

    def __init__(self, app: Any) -> None:
        from eventwire.bench import free_port

        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def code_text(text: str, article_id: str, published: str | None = None) -> tuple[Any, tuple[Any, ...]]:
    """The article and the records the pipeline codes from a composed ``text``."""
    from eventwire import ingest, pipeline

    meta = {"id": article_id, **({"published": published} if published else {})}
    article = ingest.make_article(f"{article_id}.txt", text, meta, ingest.Options())
    [result] = pipeline.run([article])
    assert result.article is not None and result.events, result.status
    return result.article, result.events


def keep_in_store(db: Path, article: Any, records: tuple[Any, ...]) -> None:
    """Store one article's records as ingest does (one run, then grouped across articles)."""
    from eventwire import store
    from eventwire.records import Status

    conn = store.open_store(db)
    run = store.start_run(conn, ["test"])
    store.save(conn, run, Status(article.origin, "coded", "", len(records), article.id), article, records)
    store.regroup(conn, run)
    store.finish_run(conn, run)
    conn.close()


# A militia's attack near Garissa, made into many events that differ in every column the
# dashboard's table sorts by (see ``many_events``).
MANY_TEXT = "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said."
MANY_ACTORS = ["Zulu Militia", "Alpha Militia", "militia of Bravo", "Kilo Militia", "Echo Militia"]
MANY_PLACES = ["Garissa", "Dadaab", "Ijara"]


def many_events(db: Path, count: int) -> list[str]:
    """A store of ``count`` events from one coded attack: each its own article and day (three
    days apart, so that none joins another), with types, actors, places, outlets, modalities
    and dead that vary (some actor 2s and outlets empty), the oldest one first in every alphabet; every
    tenth is told by a second article too (two reports). Returns their ids, oldest first."""
    import datetime as dt
    from dataclasses import replace

    article, [attack] = code_text(MANY_TEXT, "many", "2021-03-05")
    ids = []
    for n in range(count):
        day = (dt.date(2019, 1, 1) + dt.timedelta(days=3 * n)).isoformat()
        event = replace(
            attack,
            event_date=day,
            actor1="Aardvark Brigade" if n == 0 else f"{MANY_ACTORS[n % 5]} {n:02d}",
            actor2=""
            if n % 4 == 3
            else ("Aardvark Civilians" if n == 0 else f"Civilians {(7 * n) % count:02d}"),
            source="" if n % 6 == 5 else ("Aardvark Times" if n == 0 else f"Paper {(11 * n) % count:02d}"),
            source_url="" if n % 6 == 5 else f"https://news.example/{n}",
            modality="claimed" if n % 3 == 0 else "asserted",
            fatalities=n % 7,
            location=MANY_PLACES[n % 3],
        )
        if n % 5 == 2:
            event = replace(event, event_type="Battles", sub_event_type="Armed clash")
        for copy in ("", "b") if n % 10 == 9 else ("",):
            name = f"many{n:03d}{copy}"
            told = replace(event, event_id=f"EW-many{n:03d}{copy}", article_ids=(name,))
            keep_in_store(db, replace(article, id=name, text=f"{article.text} [{name}]"), (told,))
        ids.append(f"EW-many{n:03d}")
    return ids
