"""The server under hostile and heavy use: real uvicorn servers on loopback, real SQLite
stores, raw sockets where the behaviour is about what the server reads and when."""

from __future__ import annotations

import json
import random
import select
import socket
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import Live
from tests.test_store_hardening import coded, fill, made

from eventwire import serve, store
from eventwire.bench import serving

TOKEN = "test-token-0123456789"
NO_ANSWER = 0
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _exchange(port: int, head: str, body: bytes = b"", wait: float = 5.0) -> tuple[bytes, float]:
    """Send a request's head (and ``body``, maybe only part of it) on a fresh connection;
    what the server answered before it closed the connection (or ``wait`` passed), and
    how long that took."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        start = time.monotonic()
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        got = b""
        try:
            while chunk := sock.recv(65536):
                got += chunk
        except TimeoutError:
            pass
        return got, time.monotonic() - start


def _closed(sock: socket.socket, trickle: bytes, within: float) -> float:
    """Send ``trickle`` every 0.2 s until the server closes the connection: when it did."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            sock.sendall(trickle)
            if select.select([sock], [], [], 0)[0] and sock.recv(1) == b"":
                return time.monotonic()
        except OSError:  # reset: closed with bytes unread
            return time.monotonic()
    raise AssertionError(f"the connection was still open after {within} s")


def _head(method: str, port: int, *headers: str) -> str:
    return "\n".join([f"{method} /api/articles HTTP/1.1", f"Host: 127.0.0.1:{port}", *headers, ""])


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[Live]:
    """A server with a token and short limits: 1 s for a body, 2 requests at once, 0.3 s
    of waiting for a turn, and one more allowed host."""
    limits = serve.Limits(
        body_timeout=1.0,
        concurrency=2,
        queue_timeout=0.3,
        allowed_hosts=(*serve.Limits().allowed_hosts, "events.example.org"),
    )
    server = Live(serve.app_for(tmp_path / "g.db", TOKEN, limits))
    yield server
    server.stop()


@pytest.mark.parametrize(("token", "status"), [(TOKEN, 401), (None, 403)])
def test_serve_a_write_without_the_token_is_refused_before_its_body_is_read(
    tmp_path: Path, token: str | None, status: int
) -> None:
    server = Live(serve.app_for(tmp_path / "t.db", token))  # the default 5 MB body limit
    try:
        # 4 MB announced, not one byte of it sent: the answer comes all the same, at once
        head = _head("POST", server.port, "Content-Type: application/json", "Content-Length: 4000000")
        got, took = _exchange(server.port, head)
    finally:
        server.stop()
    assert got.startswith(f"HTTP/1.1 {status} ".encode()), got[:200]
    assert b"connection: close" in got.lower() and took < 2  # and the server closed it: nothing read


def test_serve_a_body_sent_too_slowly_is_cut_off(guarded: Live) -> None:
    head = _head("POST", guarded.port, f"Authorization: Bearer {TOKEN}", "Content-Length: 1000")
    got, took = _exchange(guarded.port, head, b'[{"text": ')  # and then nothing
    assert got.startswith(b"HTTP/1.1 408 "), got[:200]
    assert 0.9 < took < 3 and b"not received within 1 s" in got


def test_serve_more_requests_than_the_limit_get_503_with_retry_after_and_none_hang(guarded: Live) -> None:
    head = _head(
        "POST", guarded.port, f"Authorization: Bearer {TOKEN}", "Content-Length: 2", "Connection: close"
    )
    answers: list[tuple[bytes, float]] = []

    def post() -> None:
        # each request holds its turn while its body comes: half of it, then the rest 0.6 s later
        with socket.create_connection(("127.0.0.1", guarded.port), timeout=5) as sock:
            start = time.monotonic()
            sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n[")
            if not select.select([sock], [], [], 0.6)[0]:  # not answered yet: its turn came
                sock.sendall(b"]")
            got = sock.recv(65536)
            answers.append((got, time.monotonic() - start))

    posts = [threading.Thread(target=post) for _ in range(6)]
    for t in posts:
        t.start()
    for t in posts:
        t.join(10)
    assert len(answers) == 6  # none hung
    statuses = Counter(got[9:12] for got, _ in answers)
    assert statuses == {b"400": 2, b"503": 4}, answers  # two had their turn (an empty list: 400)
    for got, took in answers:
        if got.startswith(b"HTTP/1.1 503 "):  # told to come back once it waited 0.3 s, not kept waiting
            assert b"retry-after: 1\r\n" in got.lower() and took < 2  # well before a slot freed up


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("evil.example", 400),
        ("evil.example:{port}", 400),
        ("127.0.0.1.evil.example", 400),
        ("127.0.0.1:{port}", 200),
        ("localhost:{port}", 200),
        ("[::1]:{port}", 200),
        ("events.example.org", 200),
        ("EVENTS.example.org.:{port}", 200),
    ],
)
def test_serve_answers_only_requests_for_its_own_host(guarded: Live, host: str, status: int) -> None:
    reply = httpx.get(f"{guarded.url}/api/stats", headers={"Host": host.format(port=guarded.port)})
    assert reply.status_code == status, reply.text
    if status == 400:
        assert "not served here" in reply.json()["detail"]


def test_serve_slow_or_endless_headers_are_cut_off(tmp_path: Path) -> None:
    with serving(tmp_path / "h.db", "--header-timeout", "1") as url:
        port = int(url.rsplit(":", 1)[1])
        # a header line now and then (slowloris): closed about a second after connecting
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            start = time.monotonic()
            sock.sendall(f"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            assert _closed(sock, b"X-Slow: 1\r\n", within=6) - start < 3
        # a connection that sends nothing: closed too
        got, took = _exchange(port, "", wait=5)
        assert got == b"" and took < 3
        # headers without end: 431 once they pass 64 kB
        head = f"GET /api/stats HTTP/1.1\nHost: 127.0.0.1:{port}\n" + "X-Big: " + "b" * 70_000
        got, _ = _exchange(port, head)
        assert got.startswith(b"HTTP/1.1 431 "), got[:100]
        # a client that is not slow is served, on one connection, request after request
        with httpx.Client(base_url=url) as client:
            for _ in range(3):
                assert client.get("/api/stats").status_code == 200
                time.sleep(0.5)


def test_serve_10000_reads_during_an_ingest_get_no_server_error(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    fill(db, range(200))
    writes = 0
    done = threading.Event()

    def ingest() -> None:
        # new articles, and new texts of stored ones (which replaces their events and groups)
        nonlocal writes
        conn = store.open_store(db)
        run = store.start_run(conn, ["writer"])
        rng = random.Random(1)
        while not done.is_set():
            n = rng.randrange(200) if writes % 2 else 1000 + writes
            article, found = made(n, f"w{writes}")
            store.save(conn, run, coded(article, found), article, found)
            writes += 1
            if writes % 50 == 0:
                store.regroup(conn, run)
        conn.close()

    with serving(db) as url:
        ids = [e["event_id"] for e in httpx.get(f"{url}/api/events", params={"limit": 500}).json()["events"]]
        paths = [
            "/api/events?limit=20&offset={offset}",
            "/api/events?limit=20&offset={offset}&order=oldest",
            "/api/events?limit=5&country=kenya&q=farmers&offset={offset}",
            "/api/points?limit=50",
            "/api/stats?period=week",
            "/api/articles?limit=20&offset={offset}",
            "/api/events/{event}",
        ]
        statuses: Counter[int] = Counter()
        lock = threading.Lock()

        def read(seed: int) -> None:
            rng = random.Random(seed)
            seen: Counter[int] = Counter()
            with httpx.Client(base_url=url, timeout=30) as client:
                for _ in range(1250):
                    path = rng.choice(paths).format(offset=rng.randrange(400), event=rng.choice(ids))
                    try:
                        seen[client.get(path).status_code] += 1
                    except httpx.TransportError:  # the server failed so badly it dropped the connection
                        seen[NO_ANSWER] += 1
            with lock:
                statuses.update(seen)

        writer = threading.Thread(target=ingest)
        writer.start()
        readers = [threading.Thread(target=read, args=(k,)) for k in range(8)]
        for t in readers:
            t.start()
        for t in readers:
            t.join()
        done.set()
        writer.join()
    assert sum(statuses.values()) == 10_000
    assert not [s for s in statuses if s >= 500 or s == NO_ANSWER], statuses
    assert writes > 100, writes  # the reads did run during an ingest


# ---- bodies that are not articles, and a store that fills up ----------------------------


@pytest.fixture
def writable(tmp_path: Path, nlp_loaded: Any) -> Iterator[Live]:
    db = tmp_path / "events.db"
    fill(db, range(3))
    server = Live(serve.app_for(db, TOKEN))
    yield server
    server.stop()


GOOD = "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said."
OTHER = "On 4 March 2021, students protested peacefully in Nairobi, Kenya, over school fees."


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"text": "\xff\xfe"}', "not UTF-8"),
        (b'{"text": ', "malformed JSON"),
    ],
)
def test_serve_a_body_that_cannot_be_parsed_is_a_clear_400(writable: Live, body: bytes, said: str) -> None:
    reply = httpx.post(f"{writable.url}/api/articles", content=body, headers=AUTH)
    assert reply.status_code == 400 and said in reply.json()["detail"], reply.text


def test_serve_a_bad_item_of_a_list_fails_alone(writable: Live) -> None:
    long_id = "1" + "0" * 4999
    body = (
        "["
        + json.dumps({"id": "good", "text": GOOD, "published": "2021-03-05"})
        + ","
        + json.dumps({"text": "On 3 March 2021, gunmen killed \ud800 two farmers near Garissa."})
        + ","
        + f'{{"text": {json.dumps(OTHER)}, "id": {long_id}}}'
        + ","
        + "[" * 50
        + json.dumps({"text": OTHER})
        + "]" * 50
        + ","
        + json.dumps({"id": "other", "text": OTHER, "published": "2021-03-05"})
        + "]"
    )
    assert "\\ud800" in body  # a lone surrogate, as a JSON escape
    reply = httpx.post(f"{writable.url}/api/articles", content=body.encode(), headers=AUTH, timeout=60)
    assert reply.status_code == 200, reply.text
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["coded", "failed", "failed", "failed", "coded"]
    assert "surrogate" in results[1]["reason"] and "5,000 digits" in results[2]["reason"]
    for n, result in enumerate(results):
        assert result["origin"] == f"POST item {n}"
        assert result["status"] == "coded" or result["reason"].startswith("E1"), result
    stored = httpx.get(f"{writable.url}/api/articles", params={"status": "coded"}).json()["articles"]
    assert {"good", "other"} <= {a["id"] for a in stored}
    # one object alone with a number too long to read: its item fails, the request does not
    alone = httpx.post(
        f"{writable.url}/api/articles", content=f'{{"text": "x", "id": {long_id}}}', headers=AUTH
    )
    assert alone.status_code == 200 and "5,000 digits" in alone.json()["results"][0]["reason"]


def test_serve_a_full_disk_answers_which_items_were_stored_without_the_path(
    writable: Live, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = store.open_store

    def full(path: Path, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = opened(path, *args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 8}")  # the disk fills up now
        return conn

    monkeypatch.setattr(store, "open_store", full)
    items = [
        {"id": "small", "text": GOOD, "published": "2021-03-05"},
        {"id": "big", "text": OTHER, "title": "long " * 40_000},
        {"id": "after", "text": OTHER.replace("4 March", "5 March")},
    ]
    reply = httpx.post(f"{writable.url}/api/articles", json=items, headers=AUTH, timeout=60)
    assert reply.status_code == 503, reply.text
    said = reply.json()
    assert [(r["article_id"], r["status"]) for r in said["results"]] == [
        ("small", "coded"),
        ("big", "not_stored"),
        ("after", "not_stored"),
    ]
    assert said["coded"] == 1 and said["detail"].startswith("events.db: E123")
    assert str(tmp_path) not in reply.text and reply.headers["retry-after"]
    listed = httpx.get(f"{writable.url}/api/articles").json()["articles"]
    assert {"small"} <= {a["id"] for a in listed} and not {"big", "after"} & {a["id"] for a in listed}
