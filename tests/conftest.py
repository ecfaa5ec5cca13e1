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
