"""``eventwire bench watch``: following feeds. Generated articles are served as pages and RSS
feeds on loopback addresses of their own (``LocalSite``, which the tests use too), then
fetched and coded twice: once all new, once unchanged."""

from __future__ import annotations

import email.utils
import hashlib
import http.server
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .parse import corpus


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

    from .. import store, watch

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
