"""``eventwire bench serve``: the HTTP API under load. A synthetic store is served from a
separate process and queried by many clients at once; the latency of each endpoint, the
server's memory before, during and after, and the dashboard's first render are measured."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import ingest, vocab
from .parse import corpus


def synthetic_store(db: Path, events: int, seed_articles: int = 150) -> int:
    """A store of about ``events`` events for load tests: generated articles coded by the
    pipeline, then their records repeated with dates moved back a week at a time and points
    moved up to half a degree, each copy under a new article and event id, each its own event.
    Returns the number of events stored."""
    from dataclasses import replace

    from .. import pipeline, store
    from ..records import Status

    items = [
        ingest.make_article(name, text, {"published": "2024-05-06", "id": name}, ingest.Options())
        for name, text in corpus(min(seed_articles, events), seed=7)
    ]
    seeds = [r for r in pipeline.run(items) if r.article is not None and r.events]
    per_copy = sum(len(r.events) for r in seeds)
    if not per_copy:
        raise RuntimeError("the generated articles gave no events to copy")
    rng = random.Random(7)
    conn = store.open_store(db)
    conn.execute("PRAGMA synchronous = OFF")  # data for a measurement: no need to survive a power cut
    stored = 0
    run = store.start_run(conn, ["bench: synthetic store"])
    copy = 0
    while stored < events:
        for r in seeds:
            assert r.article is not None
            article = replace(
                r.article, id=f"{r.article.id}-c{copy}", text=f"{r.article.text}\n\n[copy {copy}]"
            )
            copies = []
            for n, e in enumerate(r.events):
                back = dt.timedelta(days=7 * copy + rng.randrange(7))
                day = e.event_date and (dt.date.fromisoformat(e.event_date) - back).isoformat()
                moved = {}
                if e.latitude is not None and e.longitude is not None:
                    lat = max(-90.0, min(90.0, e.latitude + rng.uniform(-0.5, 0.5)))
                    moved = {
                        "latitude": round(lat, 5),
                        "longitude": round(e.longitude + rng.uniform(-0.5, 0.5), 5),
                    }
                copies.append(
                    replace(
                        e,
                        event_id=f"EW-c{copy:05d}{stored + n:07d}",
                        article_ids=(article.id,),
                        event_date=day,  # an undated record stays undated
                        **moved,  # type: ignore[arg-type]
                    )
                )
            status = Status(article.origin, "coded", "", len(copies), article.id)
            store.save(conn, run, status, article, tuple(copies))
            stored += len(copies)
            if stored >= events:
                break
        copy += 1
    conn.execute("UPDATE events SET cluster = id")  # every copy is an event of its own
    store.finish_run(conn, run)
    conn.close()
    return stored


QUERY_KINDS = ("recent", "country", "type", "dates", "words", "box", "actor", "page")
# what the dashboard asks for, weighted as it asks: a change of filter loads a page of
# events, the map's points and the timeline's stats; a click opens one event
ENDPOINTS = {"events": 4, "points": 2, "stats": 2, "articles": 1, "event": 1}


def load(url: str, queries: int = 2000, clients: int = 20, seed: int = 1) -> dict[str, Any]:
    """``queries`` GET requests on the API's read endpoints (``ENDPOINTS``: pages of events,
    map points, stats, the articles list, one event) with varied filters, from ``clients``
    threads, each with its own kept-alive connection. Counts errors (a 503 with Retry-After
    is the server shedding load as designed: counted apart) and latency percentiles, in all
    and per endpoint."""
    import http.client
    import urllib.parse

    import httpx

    stats = httpx.get(f"{url}/api/stats", params={"period": "month"}, timeout=60).json()
    countries = [c["key"] for c in stats["by_country"][:20]] or ["Kenya"]
    types = [c["key"] for c in stats["by_type"]] or ["Battles"]
    months = [c["key"] for c in stats["by_period"]] or ["2024-01"]
    page = httpx.get(f"{url}/api/events", params={"limit": 500}, timeout=60).json()["events"]
    ids = [e["event_id"] for e in page] or ["EW-none"]
    rng = random.Random(seed)

    def filtered() -> dict[str, Any]:
        kind = rng.choice(QUERY_KINDS)
        month = rng.choice(months)
        lon, lat = rng.uniform(-20, 100), rng.uniform(-30, 50)
        return {
            "recent": {},
            "country": {"country": rng.choice(countries)},
            "type": {"event_type": rng.choice(types), "country": rng.choice(countries)},
            "dates": {"since": f"{month}-01", "until": f"{month}-28"},
            "words": {"q": rng.choice(["killed", "protest", "soldiers", "village", "police"])},
            "box": {"bbox": f"{lon:.2f},{lat:.2f},{lon + 10:.2f},{lat + 10:.2f}"},
            "actor": {"actor": rng.choice(["police", "military", "unidentified armed", "protesters"])},
            "page": {"offset": rng.randrange(0, 2000), "limit": 100},
        }[kind]

    def plan() -> tuple[str, str]:
        [endpoint] = rng.choices(list(ENDPOINTS), weights=list(ENDPOINTS.values()))
        params = filtered()
        if endpoint == "event":
            return endpoint, f"/api/events/{rng.choice(ids)}"
        if endpoint == "articles":
            params = {"offset": rng.randrange(0, 500), "limit": 100}
        elif endpoint == "stats":
            params = {**params, "period": rng.choice(["day", "week", "month", "year"])}
        elif endpoint == "points":
            params.pop("offset", None)
            params.pop("limit", None)
        path = "/api/articles" if endpoint == "articles" else f"/api/{endpoint}"
        return endpoint, f"{path}?{urllib.parse.urlencode(params, doseq=True)}"

    plans = [plan() for _ in range(queries)]
    latencies: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
    failures: list[str] = []
    shed = 0
    lock = threading.Lock()

    host, port = urllib.parse.urlsplit(url).hostname or "127.0.0.1", urllib.parse.urlsplit(url).port

    def client(share: list[tuple[str, str]]) -> None:
        nonlocal shed
        # the standard library's client, one kept-alive connection per client: a light load
        # generator, so that the latency measured is the server's, not the client's
        conn = http.client.HTTPConnection(host, port, timeout=30)
        for endpoint, path in share:
            start = time.perf_counter()
            refused = False
            try:
                conn.request("GET", path)
                reply = conn.getresponse()
                reply.read()
                refused = reply.status == 503 and reply.getheader("Retry-After") is not None
                bad = "" if reply.status == 200 or refused else f"{reply.status} for {path}"
                if reply.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException) as err:
                conn.close()
                bad = f"{err!r} for {path}"
            if bad or refused:
                conn = http.client.HTTPConnection(host, port, timeout=30)
            took = time.perf_counter() - start
            with lock:
                latencies[endpoint].append(took)
                shed += refused
                if bad:
                    failures.append(bad)
        conn.close()

    threads = [threading.Thread(target=client, args=(plans[k::clients],)) for k in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    every = [x for taken in latencies.values() for x in taken]
    return {
        "queries": len(every),
        "clients": clients,
        "errors": len(failures),
        "shed": shed,
        "first_errors": failures[:3],
        "seconds": round(seconds, 2),
        "queries_per_second": round(len(every) / seconds, 1) if seconds else 0.0,
        **_percentiles(every),
        "p95_ms_by_endpoint": {name: _percentiles(taken)["p95_ms"] for name, taken in latencies.items()},
    }


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0

    return {"p50_ms": round(at(0.50), 1), "p95_ms": round(at(0.95), 1), "max_ms": round(at(1.0), 1)}


def server_memory(pid: int) -> dict[str, float]:
    """Memory of a server process and its children (uvicorn's worker processes), in MB,
    summed: ``peak`` (each one's high-water mark), ``rss`` now, and ``anon``, the part of it
    that is not file pages (the store's pages read through SQLite's memory map count in RSS,
    but are the page cache's, shared and given back when memory is short)."""
    out = {"peak": 0.0, "rss": 0.0, "anon": 0.0}
    for proc in _family(pid):
        try:
            status = Path(f"/proc/{proc}/status").read_text()
        except OSError:  # gone, or not Linux
            continue
        found = dict(re.findall(r"^(VmHWM|VmRSS|RssAnon):\s+(\d+) kB", status, re.MULTILINE))
        for key, name in (("peak", "VmHWM"), ("rss", "VmRSS"), ("anon", "RssAnon")):
            out[key] += int(found.get(name, 0)) / 1024
    return {k: round(v) for k, v in out.items()}


def _family(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux's /proc: empty elsewhere)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the parent's id is the second field after the name, which is in brackets
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo.extend(parents.get(found[-1], []))
    return found


def first_render(url: str) -> float | None:
    """Seconds from opening the dashboard to its first table row and map, in headless
    Chromium (None when Playwright or /usr/bin/chromium is not installed)."""
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("#events tbody tr")
            page.wait_for_selector(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg")
            return time.perf_counter() - start
        finally:
            browser.close()


CHROMIUM = "/usr/bin/chromium"
# what a closed network needs: no background connections, no first-run, no sandbox as root
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A loopback port no one listens on now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(db: Path, *options: str) -> Iterator[str]:
    """``eventwire serve`` for ``db`` (with ``options``) in its own process on a free
    loopback port; yields its URL once it answers, and stops it afterwards."""
    with _server(db, *options) as (url, _):
        yield url


@contextlib.contextmanager
def _server(db: Path, *options: str) -> Iterator[tuple[str, int]]:
    """``serving``, yielding the server's URL and process id."""
    import subprocess
    import sys

    import httpx

    port = free_port()
    command = [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port), *options]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{url}/api/stats", timeout=5)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    said = server.stderr.read().decode() if server.stderr else ""
                    raise RuntimeError(f"the server did not start: {said[-500:]}") from None
                time.sleep(0.2)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(20)


def serve_run(db: Path, events: int, queries: int, clients: int, workers: int = 2) -> dict[str, Any]:
    """Build (or reuse) a store of ``events`` events, serve it from a separate process, and
    load it with ``queries`` queries from ``clients`` clients; the server's memory before,
    during and after; plus the page's first render."""
    import httpx

    built = None
    if not db.exists():
        start = time.perf_counter()
        synthetic_store(db, events)
        built = round(time.perf_counter() - start, 1)
    with _server(db, "--workers", str(workers)) as (url, pid):
        every = list(vocab.MODALITIES)
        stored = httpx.get(f"{url}/api/events", params={"limit": 1, "modality": every}).json()["total"]
        idle = server_memory(pid)
        out = {
            "events": stored,
            "store_built_seconds": built,
            "server_workers": workers,
            **load(url, queries, clients),
        }
        time.sleep(1)  # what the server keeps, once the requests are answered
        after = server_memory(pid)
        out["server_mb"] = {
            "idle_rss": idle["rss"],
            "peak_rss": after["peak"],
            "after_rss": after["rss"],
            "after_anon": after["anon"],
        }
        render = first_render(url)
        out["first_render_seconds"] = round(render, 2) if render is not None else None
        return out


def serve_report(result: dict[str, Any]) -> list[str]:
    render = result["first_render_seconds"]
    memory = result["server_mb"]
    by_endpoint = ", ".join(f"{k} {v} ms" for k, v in result["p95_ms_by_endpoint"].items())
    lines = [
        f"{result['events']:,} events in the store"
        + (f" (built in {result['store_built_seconds']} s)" if result["store_built_seconds"] else ""),
        f"  {result['queries']} GET requests (mixed endpoints) from {result['clients']} clients to "
        f"{result['server_workers']} server processes in {result['seconds']} s "
        f"({result['queries_per_second']} queries/s): {result['errors']} errors, "
        f"{result['shed']} shed (503 with Retry-After)",
        f"  latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms",
        f"  p95 by endpoint: {by_endpoint}",
        f"  server memory (all its processes): {memory['idle_rss']} MB idle, peak {memory['peak_rss']} MB, "
        f"{memory['after_rss']} MB after the load ({memory['after_anon']} MB of it not file pages)",
        "  dashboard first render: "
        + (f"{render} s" if render is not None else "not measured (Playwright or Chromium missing)"),
    ]
    lines.extend(f"  error: {e}" for e in result["first_errors"])
    return lines
