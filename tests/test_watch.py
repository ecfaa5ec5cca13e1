"""The watcher against real feeds and article pages served by a local HTTP server."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

from eventwire import ingest, store, watch
from eventwire.bench import LocalSite as Site
from eventwire.bench import article_page, rss_feed
from eventwire.records import Article

STORIES = {
    "garissa": "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said.",
    "kano": "Gunmen attacked a church in Kano, Nigeria, on 9 May 2021, killing three worshippers.",
    "nairobi": "On 4 March 2021, students protested peacefully in Nairobi, Kenya, over school fees.",
    "mandera": "On 5 March 2021, soldiers shot a trader in Mandera, Kenya, witnesses said.",
    "maiduguri": "On 6 March 2021, a bomb killed four people at a market in Maiduguri, Nigeria.",
}
FILLER = (
    "Residents said the area had been tense for several weeks. Local officials said they "
    "would give more details later in the day."
)
QUICK = watch.Policy(host_delay=0.0, timeout=1.0, attempts=3)


def page(title: str, text: str) -> bytes:
    return article_page(title, [text, FILLER])


def rss(base: str, names: list[str]) -> bytes:
    return rss_feed(base, [(f"{n} story", f"{base}/a/{n}.html") for n in names])


def atom(base: str, names: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>{n}</title><link href="{base}/a/{n}.html"/><id>urn:{n}</id>'
        "<updated>2021-03-05T10:00:00Z</updated></entry>"
        for n in names
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Composed Atom</title><id>urn:feed</id>"
        f"<updated>2021-03-05T10:00:00Z</updated>{entries}</feed>"
    ).encode()


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    s.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    for name, text in STORIES.items():
        s.add(f"/a/{name}.html", page(f"{name} story", text))
    yield s
    s.stop()


def _pass(db: Path, sources: list[str], policy: watch.Policy = QUICK) -> watch.Pass:
    conn = store.open_store(db)
    watcher = watch.Watcher(conn, sources, policy)
    try:
        return watcher.run_pass()
    finally:
        watcher.close()
        conn.close()


def _articles(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT url, events FROM articles"))


def test_watch_stores_new_items_and_unchanged_feeds_cost_one_304(
    site: Site, tmp_path: Path, nlp_loaded: Any
) -> None:
    site.add("/rss.xml", rss(site.base, ["garissa", "kano"]), "application/rss+xml")
    site.add("/atom.xml", atom(site.base, ["nairobi", "kano"]), "application/atom+xml")
    site.add("/list.txt", f"# our picks\n{site.base}/a/mandera.html\n".encode(), "text/plain")
    db = tmp_path / "w.db"
    feeds = [f"{site.base}/rss.xml", f"{site.base}/atom.xml", f"{site.base}/list.txt"]
    first = _pass(db, feeds)
    assert first.new_items == 4 and first.summary.coded == 4 and first.summary.events >= 4
    stored = _articles(db)
    assert set(stored) == {f"{site.base}/a/{n}.html" for n in ("garissa", "kano", "nairobi", "mandera")}
    assert all(count >= 1 for count in stored.values())
    with sqlite3.connect(db) as conn:
        title, source, published = conn.execute(
            "SELECT title, source, published FROM articles WHERE url LIKE '%garissa%'"
        ).fetchone()
    assert (title, source, published) == ("garissa story", "Composed Daily", "2021-03-05")
    site.log.clear()
    second = _pass(db, feeds)
    assert second.unchanged == 3 and second.new_items == 0 and second.requests == second.conditional == 3
    assert [p for p, _ in site.log] == [] or all(
        p in ("/rss.xml", "/atom.xml", "/list.txt") for p, _ in site.log
    )
    assert all(len(site.requests(p)) == 1 for p in ("/rss.xml", "/atom.xml", "/list.txt"))
    assert site.requests("/rss.xml")[0]["If-None-Match"].startswith('"')
    assert _articles(db) == stored


def test_watch_a_new_item_after_a_restart_is_the_only_page_fetched(
    site: Site, tmp_path: Path, nlp_loaded: Any
) -> None:
    db = tmp_path / "w.db"
    feed = f"{site.base}/rss.xml"
    site.add("/rss.xml", rss(site.base, ["garissa", "kano"]), "application/rss+xml")
    _pass(db, [feed])
    site.add("/rss.xml", rss(site.base, ["maiduguri", "garissa", "kano"]), "application/rss+xml")
    site.log.clear()
    later = _pass(db, [feed])  # a new watcher: as after a restart
    assert later.new_items == 1 and later.summary.coded == 1
    pages = [p for p, _ in site.log if p.startswith("/a/")]
    assert pages == ["/a/maiduguri.html"]
    assert len(_articles(db)) == 3


def test_watch_failures_are_stored_with_their_reason_and_the_rest_goes_on(
    site: Site, tmp_path: Path, nlp_loaded: Any
) -> None:
    latin = page("Latin story", STORIES["mandera"] + " Café owners closed early.").replace(
        b"<head>", b'<head><meta charset="iso-8859-1">'
    )
    site.add("/a/latin.html", latin.decode().encode("iso-8859-1"))
    site.add("/a/paywall.html", b"<html><body><div class='paywall'>Subscribe to read</div></body></html>")
    french = (
        "Des hommes armés ont tué deux agriculteurs près de Garissa, au Kenya, a indiqué la police "
        "dans un communiqué publié jeudi soir par les autorités locales de la région."
    )
    site.add(
        "/a/french.html",
        f"<html><body><article><p>{french}</p><p>{french}</p></article></body></html>".encode(),
    )
    site.add("/private/secret.html", page("secret", STORIES["garissa"]))
    site.add("/not-a-feed.xml", b"<html><body>hello</body></html>", "text/html")
    names = ["garissa", "paywall", "french", "gone", "latin"]
    site.add("/rss.xml", rss(site.base, names), "application/rss+xml")
    site.add("/list.txt", f"{site.base}/private/secret.html\n".encode(), "text/plain")
    db = tmp_path / "w.db"
    sources = [
        f"{site.base}/rss.xml",
        f"{site.base}/list.txt",
        f"{site.base}/down.xml",
        f"{site.base}/not-a-feed.xml",
    ]
    done = _pass(db, sources)
    assert done.summary.coded == 2 and done.feed_failures == 2  # a page in Latin-1 is read too
    with sqlite3.connect(db) as conn:
        (text,) = conn.execute("SELECT text FROM articles WHERE url LIKE '%latin%'").fetchone()
    assert "Café owners" in text
    rows = {r["origin"]: r["reason"] for r in (dict(x) for x in _statuses(db)) if r["status"] == "failed"}
    assert rows[f"{site.base}/a/paywall.html"].startswith(("E112", "E133"))
    assert rows[f"{site.base}/a/french.html"].startswith("E108")
    assert rows[f"{site.base}/a/gone.html"].startswith("E131") and "404" in rows[f"{site.base}/a/gone.html"]
    assert rows[f"{site.base}/private/secret.html"].startswith("E132")
    assert rows[f"{site.base}/down.xml"].startswith("feed: E131")
    assert rows[f"{site.base}/not-a-feed.xml"].startswith("feed: E130")
    assert site.requests("/private/secret.html") == []  # robots.txt is obeyed
    # status shows them too
    shown = run_cli("status", "--db", str(db), "--format", "jsonl")
    assert "E132" in shown.stdout and "feed: E131" in shown.stdout
    # a feed that answers again is no longer a failure
    site.add("/down.xml", rss(site.base, ["kano"]), "application/rss+xml")
    with sqlite3.connect(db) as conn:  # as if its wait after the failure were over
        conn.execute("UPDATE feeds SET checked_at = '2000-01-01T00:00:00+00:00'")
    _pass(db, sources)
    assert f"{site.base}/down.xml" not in {r["origin"] for r in _statuses(db) if r["status"] == "failed"}


def _statuses(db: Path) -> list[dict[str, object]]:
    conn = store.open_store(db, create=False)
    try:
        return store.statuses(conn)
    finally:
        conn.close()


def test_watch_a_flaky_server_loses_nothing_and_duplicates_nothing(
    site: Site, tmp_path: Path, nlp_loaded: Any
) -> None:
    names = ["garissa", "kano", "nairobi", "mandera"]
    site.add("/rss.xml", rss(site.base, names), "application/rss+xml")
    site.flaky.update(
        {
            "/a/garissa.html": ("500", 1),
            "/a/kano.html": ("cut", 1),
            "/a/nairobi.html": ("slow", 1),
            "/rss.xml": ("500", 1),
        }
    )
    db = tmp_path / "w.db"
    feed = [f"{site.base}/rss.xml"]
    first = _pass(db, feed)
    assert first.feed_failures == 1 and first.summary.coded == 0
    with sqlite3.connect(db) as conn:  # the feed's wait after its error is over
        conn.execute("UPDATE feeds SET checked_at = '2000-01-01T00:00:00+00:00'")
    second = _pass(db, feed)
    assert second.new_items == 4
    assert second.summary.coded == 1 and second.retry_later == 3  # mandera; the others failed once
    third = _pass(db, feed)
    assert third.summary.coded == 3 and third.retry_later == 0
    assert set(_articles(db)) == {f"{site.base}/a/{n}.html" for n in names}
    fourth = _pass(db, feed)  # nothing left: no page fetched again
    assert fourth.summary.coded == fourth.summary.skipped == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4
        assert conn.execute("SELECT COUNT(*) FROM items WHERE status = 'stored'").fetchone()[0] == 4


def test_watch_gives_up_on_an_item_that_keeps_failing(site: Site, tmp_path: Path, nlp_loaded: Any) -> None:
    site.add("/rss.xml", rss(site.base, ["garissa"]), "application/rss+xml")
    site.flaky["/a/garissa.html"] = ("500", 99)
    db = tmp_path / "w.db"
    for _ in range(QUICK.attempts):
        _pass(db, [f"{site.base}/rss.xml"])
    failed = {r["origin"]: r["reason"] for r in _statuses(db) if r["status"] == "failed"}
    assert str(failed[f"{site.base}/a/garissa.html"]).startswith("E136 gave up after 3 attempts")


def test_watch_local_feed_files_and_the_command(site: Site, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(site.base, ["garissa"]))
    db = tmp_path / "w.db"
    first = run_cli("watch", str(feed), "--db", str(db), "--once", "--host-delay", "0")
    assert first.returncode == 0, first.stderr
    assert "1 new items; 1 articles coded" in first.stderr
    again = run_cli("watch", str(feed), "--db", str(db), "--once", "--host-delay", "0")
    assert "(1 unchanged, 0 failed), 0 new items" in again.stderr, again.stderr
    bad = run_cli("watch", str(feed), "--db", str(db), "--every", "soon")
    assert bad.returncode == 2 and "90s, 10m or 2h" in bad.stderr


def test_watch_refuses_private_addresses_when_told_to(site: Site, tmp_path: Path) -> None:
    site.add("/rss.xml", rss(site.base, ["garissa"]), "application/rss+xml")
    public_only = watch.Policy(host_delay=0.0, private_ok=False)
    done = _pass(tmp_path / "w.db", [f"{site.base}/rss.xml"], public_only)
    assert done.feed_failures == 1 and site.log == []
    failed = {r["origin"]: r["reason"] for r in _statuses(tmp_path / "w.db") if r["status"] == "failed"}
    assert "E135" in str(failed[f"{site.base}/rss.xml"])


def test_serve_watch_follows_feeds_in_the_server_but_never_private_addresses(
    site: Site, tmp_path: Path
) -> None:
    import httpx

    from eventwire.bench import serving

    site.add("/rss.xml", rss(site.base, ["garissa"]), "application/rss+xml")
    feed = f"{site.base}/rss.xml"
    with serving(tmp_path / "s.db", "--watch", feed, "--every", "1s") as url:
        deadline = time.monotonic() + 30
        while True:
            rows = httpx.get(f"{url}/api/articles", params={"status": "failed"}).json()["articles"]
            if rows or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert [(r["origin"], r["reason"][:10]) for r in rows] == [(feed, "feed: E135")]
    assert site.log == []  # the loopback feed was never asked


def test_bench_watch_unchanged_feeds_cost_one_conditional_request_each() -> None:
    import json

    result = run_cli("bench", "watch", "--feeds", "3", "--items", "2", "--host-delay", "0", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    first, again = figures["first_pass"], figures["unchanged_pass"]
    assert first["articles_coded"] == 6 and first["failed"] == 0
    assert again["requests"] == again["conditional_requests"] == again["unchanged_feeds"] == 3
    assert again["articles_coded"] == 0


def test_watch_a_redirect_cannot_lead_a_public_only_watcher_inside(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.watch import Fetcher, _private

    assert _private("127.0.0.1") and _private("10.1.2.3") and _private("169.254.169.254")
    assert not _private("8.8.8.8")
    inside = Site("127.0.0.9")  # stands for an address inside the network
    inside.add("/admin", b"secret")
    site.moved["/a/go.html"] = f"{inside.base}/admin"
    # the test site stands for a public one; only 127.0.0.9 counts as inside
    monkeypatch.setattr(watch, "_private", lambda host: host == "127.0.0.9")
    fetcher = Fetcher(watch.Policy(private_ok=False))
    try:
        got = fetcher.get(f"{site.base}/a/go.html")
    finally:
        fetcher.close()
        inside.stop()
    assert got.error.startswith("E135") and "127.0.0.9" in got.error
    assert [p for p, _ in site.log] == ["/robots.txt", "/a/go.html"] and inside.log == []


def test_watch_stores_as_it_goes_so_a_stop_loses_only_the_batch_in_hand(
    site: Site, tmp_path: Path, nlp_loaded: Any
) -> None:
    from dataclasses import replace

    from eventwire import pipeline

    names = ["garissa", "kano", "nairobi", "mandera"]
    site.add("/rss.xml", rss(site.base, names), "application/rss+xml")
    db = tmp_path / "w.db"
    calls = 0

    def stopped_on_the_second_batch(items: list[Any]) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return pipeline.run(items)

    conn = store.open_store(db)
    watcher = watch.Watcher(conn, [f"{site.base}/rss.xml"], replace(QUICK, batch=2))
    with pytest.raises(KeyboardInterrupt):
        watcher.run_pass(stopped_on_the_second_batch)
    watcher.close()
    conn.close()
    assert len(_articles(db)) == 2  # the first batch is stored
    site.log.clear()
    again = _pass(db, [f"{site.base}/rss.xml"])
    assert again.summary.coded == 2 and len(_articles(db)) == 4
    assert len([p for p, _ in site.log if p.startswith("/a/")]) == 2  # only the two not stored


def _failed(db: Path) -> dict[str, str]:
    return {str(r["origin"]): str(r["reason"]) for r in _statuses(db) if r["status"] == "failed"}


@pytest.mark.parametrize("private_ok", [True, False], ids=["any-address", "public-only"])
def test_watch_a_feed_item_never_leads_to_a_local_file(
    private_ok: bool, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    secret = tmp_path / "secret.txt"
    secret.write_text(STORIES["garissa"] + " " + FILLER, encoding="utf-8")
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)  # opened, it would wait for a writer forever
    links = [
        f"file:{secret}",
        f"file://{secret}",
        f"file://localhost{secret}",
        f"file://anyhost{secret}",
        f"file://{fifo}",
        "file:///dev/zero",  # read, it would grow memory until the server fails
        "ftp://example.org/x.html",
    ]
    items = "".join(f"<item><title>{n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    site.add("/rss.xml", feed.encode(), "application/rss+xml")
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")  # a local feed the user named
    monkeypatch.setattr(watch, "_private", lambda host: False)  # the test site stands for a public one
    db = tmp_path / "w.db"
    policy = watch.Policy(host_delay=0.0, timeout=2.0, private_ok=private_ok)
    done = _pass(db, [f"{site.base}/rss.xml", str(tmp_path / "feed.xml")], policy)
    failed = _failed(db)
    assert done.summary.coded == 0 and done.new_items == len(failed) >= len(links)
    assert {reason[:4] for reason in failed.values()} == {"E138"}  # feedparser rewrites "file:///x" links
    assert _articles(db) == {}


def test_watch_a_local_feed_that_is_a_fifo_or_a_device_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "feed.xml")
    db = tmp_path / "w.db"
    done = _pass(db, [str(tmp_path / "feed.xml"), "/dev/zero"])
    assert done.feed_failures == 2
    failed = _failed(db)
    assert (
        failed[str(tmp_path / "feed.xml")].startswith("feed: E127")
        and "FIFO" in failed[str(tmp_path / "feed.xml")]
    )
    assert failed["/dev/zero"].startswith("feed: E127")


class Drip:
    """A server on loopback that answers every request one byte at a time, ``pause`` apart,
    forever: its headers (``part`` "headers") or, after whole headers, its body ("body")."""

    def __init__(self, part: str, pause: float = 0.2) -> None:
        import socket
        import threading

        self.part, self.pause, self.stopped = part, pause, threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        import threading

        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: Any) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"
        with conn:
            conn.recv(65536)
            if self.part == "body":
                conn.sendall(head)
            data = head if self.part == "headers" else b"<" * 100_000
            for byte in data:
                if self.stopped.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(self.pause)

    def stop(self) -> None:
        self.stopped.set()
        self.listener.close()


@pytest.mark.parametrize("part", ["headers", "body"])
def test_watch_a_server_that_drips_is_cut_off_at_the_deadline(part: str, tmp_path: Path) -> None:
    drip = Drip(part)
    fetcher = watch.Fetcher(watch.Policy(host_delay=0.0, timeout=5.0, deadline=1.5))
    try:
        got = fetcher.get(f"{drip.base}/rss.xml", check_robots=False)
    finally:
        fetcher.close()
        drip.stop()
    # each byte came within the read timeout (5 s): only the deadline can have cut it off
    assert got.error.startswith("E139") and got.passing


def test_watch_takes_at_most_max_new_items_of_a_feed_in_one_pass(site: Site, tmp_path: Path) -> None:
    names = [f"n{n:02d}" for n in range(25)]  # pages that do not exist: each fails fast (404)
    site.add("/rss.xml", rss(site.base, names), "application/rss+xml")
    db = tmp_path / "w.db"
    policy = watch.Policy(host_delay=0.0, max_new=10)
    passes = [_pass(db, [f"{site.base}/rss.xml"], policy) for _ in range(4)]
    assert [(p.new_items, p.left_in_feeds) for p in passes] == [(10, 15), (10, 5), (5, 0), (0, 0)]
    conditional = [h for p, h in site.log if p == "/rss.xml" and "if-none-match" in {k.lower() for k in h}]
    assert len(conditional) == 1  # the feed is read whole again while items are left in it
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 25


def test_watch_public_only_refuses_every_address_that_is_not_global() -> None:
    from eventwire.watch import _private

    inside = ["127.0.0.1", "10.0.0.1", "100.64.0.1", "169.254.169.254", "224.0.0.1", "0.0.0.0"]
    inside += ["::1", "fc00::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]
    assert [a for a in inside if not _private(a)] == []
    assert not _private("8.8.8.8") and not _private("2001:4860:4860::8888")


def test_watch_public_only_checks_the_address_it_connected_to(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that passed the check may resolve elsewhere when httpx connects (DNS
    rebinding): the address of the connection itself is refused."""
    site.add("/rss.xml", rss(site.base, ["garissa"]), "application/rss+xml")
    monkeypatch.setattr(watch, "_private", lambda host: host != "localhost")  # the name looks public
    fetcher = watch.Fetcher(watch.Policy(host_delay=0.0, private_ok=False))
    try:
        got = fetcher.get(f"{site.base.replace('127.0.0.1', 'localhost')}/rss.xml", check_robots=False)
    finally:
        fetcher.close()
    assert got.error.startswith("E135") and "127.0.0.1" in got.error
    assert site.log == []


def test_watch_a_page_the_extractor_chokes_on_fails_alone_and_the_pass_goes_on(
    site: Site, tmp_path: Path, nlp_loaded: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    site.add("/rss.xml", rss(site.base, ["garissa", "kano"]), "application/rss+xml")
    real = trafilatura.bare_extraction

    def choke(tree: Any, **kwargs: Any) -> Any:  # ingest.read_page gives it the parsed page
        if "Garissa" in tree.text_content():
            raise RecursionError("maximum recursion depth exceeded")
        return real(tree, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", choke)
    done = _pass(tmp_path / "w.db", [f"{site.base}/rss.xml"])
    assert done.summary.coded == 1 and done.summary.failed == 1
    assert _failed(tmp_path / "w.db")[f"{site.base}/a/garissa.html"].startswith("E129")


def test_watch_reads_a_page_as_ingest_reads_the_same_html_file(tmp_path: Path) -> None:
    # one extraction for both: the same page gives the same text, title, outlet and date
    url = "https://news.example.org/a/garissa.html"
    body = article_page("Garissa story", [STORIES["garissa"], FILLER]).replace(
        b"</head>", b"<meta property='article:published_time' content='2021-03-04T08:00:00Z'></head>"
    )
    (tmp_path / "garissa.html").write_bytes(body)
    [from_file] = ingest.read([str(tmp_path / "garissa.html")])
    fetched = watch.article_from_page(watch.Entry(url), watch.Fetched(url, 200, body))
    assert isinstance(from_file, Article), from_file
    assert from_file.text == fetched.text and "Home" not in fetched.text and "All rights" not in fetched.text
    assert STORIES["garissa"] + "\n\n" + FILLER in fetched.text  # a blank line between paragraphs
    assert (from_file.title, from_file.source, from_file.published) == (
        fetched.title,
        fetched.source,
        fetched.published,
    )
    assert (fetched.title, fetched.source, str(fetched.published)) == (
        "Garissa story",
        "Composed Daily",
        "2021-03-04",
    )
