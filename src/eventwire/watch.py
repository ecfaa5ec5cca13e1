"""Watch: follow news feeds and lists of URLs, fetch each new article politely, and code and
store it as ``ingest`` does.

Reads: RSS 0.9x/1.0/2.0 and Atom feeds (feedparser) and plain lists of URLs, from the web
or local files; article pages (httpx), their main text and metadata extracted as those of
an ``.html`` input are (``ingest.read_page``, trafilatura). Writes, all through ``store``
(which owns every table and statement): articles, events and statuses (``store.take``, the
one ingest flow), and what it follows and has seen (``feeds`` and ``items``): an item is
marked done only once its article is stored, so a stopped watcher neither loses nor
repeats one.

Politeness: a clear user agent; robots.txt honoured; conditional requests for feeds
(ETag, Last-Modified), so an unchanged feed costs one 304; one request at a time per host
with a pause between them, and a longer one after each error from that host; timeouts,
capped redirects and a size cap on every body.
"""

from __future__ import annotations

import calendar
import concurrent.futures
import contextlib
import datetime as dt
import ipaddress
import itertools
import socket
import sqlite3
import threading
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any

from . import errors, ingest, pipeline, store
from .errors import InputError
from .records import Article

USER_AGENT = "eventwire/0.1 (news event coding for research; +https://pypi.org/project/eventwire/)"


@dataclass(frozen=True)
class Policy:
    timeout: float = 15.0  # seconds to connect, and between two reads of a body
    deadline: float = 60.0  # seconds a whole request may take, however slowly it drips
    host_delay: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 5_000_000  # of one feed or page
    max_redirects: int = 5
    attempts: int = 5  # passes an item that keeps failing for a passing reason is tried
    threads: int = 32  # requests at once (to different hosts: each host gets one at a time)
    batch: int = 64  # fetched articles coded and stored together
    max_new: int = 500  # new items taken from one feed in one pass; the rest in the next ones
    private_ok: bool = True  # False: only public addresses, checked on every connection made


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int = 0  # 200, 304; 0 when it failed
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""
    passing: bool = False  # the error may go away (server error, timeout, cut-off body)


@dataclass(frozen=True)
class Entry:
    url: str
    title: str = ""
    published: str | None = None  # YYYY-MM-DD


@dataclass
class Pass:
    """What one pass did."""

    feeds: int = 0
    unchanged: int = 0  # answered 304, or a local file not modified
    feed_failures: int = 0
    new_items: int = 0
    left_in_feeds: int = 0  # new items over ``max_new``, taken in the next passes
    requests: int = 0
    conditional: int = 0  # requests sent with If-None-Match or If-Modified-Since
    retry_later: int = 0  # items left pending for the next pass
    summary: store.Summary = field(default_factory=store.Summary)
    seconds: float = 0.0


class Hosts:
    """One request at a time per host, ``delay`` apart, and after an error from a host a
    pause that doubles with each error in a row (at most five minutes)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.guard = threading.Lock()
        self.locks: dict[str, threading.Lock] = {}
        self.next_at: dict[str, float] = {}
        self.errors: dict[str, int] = {}

    def slot(self, host: str) -> threading.Lock:
        with self.guard:
            return self.locks.setdefault(host, threading.Lock())

    def wait(self, host: str) -> None:
        pause = self.next_at.get(host, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def done(self, host: str, failed: bool) -> None:
        self.errors[host] = self.errors.get(host, 0) + 1 if failed else 0
        backoff = min(300.0, self.delay * 2 ** self.errors[host]) if failed else self.delay
        self.next_at[host] = time.monotonic() + backoff


class Fetcher:
    """GET with the policy: robots.txt, host pacing, timeouts, redirects and size capped."""

    def __init__(self, policy: Policy) -> None:
        import httpx

        self.policy = policy
        self.hosts = Hosts(policy.host_delay)
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=True,
            max_redirects=policy.max_redirects,
            # every request, redirects included: a public page must not lead the server inside
            event_hooks={"request": [] if policy.private_ok else [_refuse_private]},
            # a connection per request, so that each one's address is checked and its socket
            # can be cut at the deadline (one host gets one request a second at most anyway)
            limits=httpx.Limits(max_keepalive_connections=0),
            # a proxy from the environment would reach inside for us: not under public-only
            trust_env=policy.private_ok,
        )
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.requests = 0
        self.conditional = 0
        self.count = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        check_robots: bool = True,
        local_ok: bool = False,
    ) -> Fetched:
        """``url`` fetched under the policy; a local file only when ``local_ok`` (a feed the
        user named), never a link found in a feed. Every failure is a ``Fetched`` error."""
        try:
            parts = urllib.parse.urlsplit(url)
            host = parts.hostname or ""
        except ValueError as err:  # a port that is not a number, a broken IPv6 address
            return Fetched(url, error=errors.E_FETCH.format(detail=err))
        if parts.scheme not in ("http", "https"):
            if local_ok and _is_local(url):
                return _read_local(url, headers or {}, self.policy.max_bytes)
            return Fetched(url, error=errors.E_NOT_WEB.format(link=url[:200]))
        if not self.policy.private_ok and _private(host):
            return Fetched(url, error=errors.E_PRIVATE.format(host=host))
        with self.hosts.slot(host):
            if check_robots:
                refusal = self._robots(url, host)
                if refusal is not None:
                    return refusal
            return self._get(url, host, headers or {})

    def _get(self, url: str, host: str, headers: dict[str, str]) -> Fetched:
        import httpx

        self.hosts.wait(host)
        with self.count:
            self.requests += 1
            self.conditional += bool(headers)
        deadline = Deadline(self.policy.deadline, not self.policy.private_ok)
        try:
            with (
                deadline,
                self.client.stream("GET", url, headers=headers, extensions=deadline.hooks) as reply,
            ):
                if reply.status_code == 304:
                    self.hosts.done(host, False)
                    return Fetched(url, 304, headers=dict(reply.headers))
                body = bytearray()
                for chunk in reply.iter_bytes():
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        self.hosts.done(host, False)
                        return Fetched(url, error=errors.E_PAGE_TOO_BIG.format(limit=self.policy.max_bytes))
                if deadline.passed:  # cut off: a body without a length ends there, unfinished
                    raise httpx.ReadTimeout("deadline")
                passing = reply.status_code >= 500 or reply.status_code in (408, 429)
                self.hosts.done(host, passing)
                if reply.status_code != 200:
                    return Fetched(url, error=errors.E_HTTP.format(status=reply.status_code), passing=passing)
                return Fetched(str(reply.url), 200, bytes(body), dict(reply.headers))
        except Refused as err:
            self.hosts.done(host, False)
            return Fetched(url, error=errors.E_PRIVATE.format(host=err.host))
        except httpx.TooManyRedirects:
            self.hosts.done(host, False)
            return Fetched(
                url, error=errors.E_FETCH.format(detail=f"more than {self.policy.max_redirects} redirects")
            )
        except httpx.HTTPError as err:  # timeouts, refused connections, bodies cut short
            self.hosts.done(host, True)
            detail = errors.E_FETCH.format(detail=f"{type(err).__name__}: {err}")
            if deadline.passed:
                detail = errors.E_DEADLINE.format(seconds=self.policy.deadline)
            return Fetched(url, error=detail, passing=True)
        except (httpx.InvalidURL, ValueError) as err:  # what the URL's parse let through
            self.hosts.done(host, False)
            return Fetched(url, error=errors.E_FETCH.format(detail=err))

    def _robots(self, url: str, host: str) -> Fetched | None:
        """None when robots.txt lets us fetch ``url``; else the refusal (passing when the
        robots.txt itself could not be read: a server error, a timeout)."""
        parts = urllib.parse.urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.robots:
            got = self._get(f"{site}/robots.txt", host, {})
            if got.status == 200:
                parsed = urllib.robotparser.RobotFileParser()
                parsed.parse(got.body.decode("utf-8", "replace").splitlines())
                self.robots[site] = parsed
            elif got.passing:
                return Fetched(url, error=f"robots.txt: {got.error}", passing=True)
            else:
                self.robots[site] = None  # none (404) or refused: every page may be fetched
        rules = self.robots[site]
        if rules is not None and not rules.can_fetch(USER_AGENT, url):
            return Fetched(url, error=errors.E_ROBOTS.format(host=host))
        return None


class Refused(Exception):
    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


class Deadline:
    """One request's watch: after ``seconds`` its sockets are shut, however slowly the server
    drips headers or body (httpx's timeouts are per read); with ``public_only``, the address
    each connection really reached is checked (a name checked before may resolve elsewhere
    by the time httpx connects: DNS rebinding)."""

    CONNECTED = ("connection.connect_tcp.complete", "connection.start_tls.complete")

    def __init__(self, seconds: float, public_only: bool) -> None:
        self.public_only = public_only
        self.passed = False
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True
        self.hooks = {"trace": self._trace}  # httpcore calls it at each step of a request

    def __enter__(self) -> Deadline:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in self.CONNECTED:
            return
        stream = info["return_value"]
        if self.public_only and event == self.CONNECTED[0]:
            address = str(stream.get_extra_info("server_addr")[0])
            if _private(address):
                stream.close()
                raise Refused(address)
        sock = stream.get_extra_info("socket")
        with self.lock:
            self.sockets.append(sock)
            late = self.passed
        if late:
            _shut(sock)

    def _expire(self) -> None:
        with self.lock:
            self.passed = True
            sockets = list(self.sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut ``sock`` from another thread: a read blocked on it returns at once (the plain
    socket's shutdown, also under TLS, which would try to talk to the peer first)."""
    with contextlib.suppress(OSError):  # closed already
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _refuse_private(request: Any) -> None:
    if _private(request.url.host):
        raise Refused(request.url.host)


def _is_local(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme in ("", "file")


def _read_local(url: str, headers: dict[str, str], limit: int) -> Fetched:
    """A feed file the user named: a regular file only (a FIFO or device is refused, never
    waited on), read up to ``limit`` bytes as counted while reading."""
    path = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith("file:") else url)
    try:
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        if headers.get("If-Modified-Since") == modified:
            return Fetched(url, 304)
        return Fetched(url, 200, ingest.read_capped(path, limit), {"last-modified": modified})
    except OSError as err:
        return Fetched(url, error=errors.E_FETCH.format(detail=err.strerror or err))
    except InputError as err:
        return Fetched(url, error=err.reason)


def _private(host: str) -> bool:
    """Whether ``host`` is, or resolves to, an address this server must not be sent to:
    any that is not a global unicast one (loopback, private, link-local, shared 100.64/10,
    multicast, reserved)."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False  # unknown: the request fails on its own
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
        if not ip.is_global or ip.is_multicast:
            return True
    return False


def entries(source: str, body: bytes) -> list[Entry]:
    """The items of a feed, or of a list of URLs (one per line, # comments); InputError
    (E130) for anything else."""
    text = body.decode("utf-8", "replace")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if lines and all(urllib.parse.urlsplit(ln).scheme in ("http", "https") and " " not in ln for ln in lines):
        return [Entry(ln) for ln in dict.fromkeys(lines)]
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and not parsed.get("version"):  # feedparser names the kinds of feed it knows
        detail = str(parsed.get("bozo_exception", "")) or "no items"
        raise InputError(source, errors.E_FEED.format(detail=detail))
    found: dict[str, Entry] = {}
    for item in parsed.entries:
        link = item.get("link") or (item.get("id") if str(item.get("id", "")).startswith("http") else "")
        if not link:
            continue
        link = urllib.parse.urljoin(source, link) if not _is_local(source) else link
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        day = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date().isoformat() if stamp else None
        found.setdefault(link, Entry(link, str(item.get("title", "")), day))
    return list(found.values())


def article_from_page(item: Entry, page: Fetched) -> Article:
    """The article of a fetched page: its main text and metadata (``ingest.read_page``, as
    for an ``.html`` input), through the checks every input gets (language, length);
    InputError otherwise."""
    found = ingest.read_page(page.body, page.url)
    if found.problem:
        raise InputError(item.url, errors.E_NO_ARTICLE_READ.format(why=found.problem))
    if not found.text.strip():
        raise InputError(item.url, errors.E_NO_TEXT)
    meta: dict[str, Any] = {
        "url": item.url,
        "title": found.title or item.title,
        "source": found.source or urllib.parse.urlsplit(item.url).hostname or "",
    }
    published = item.published or found.published  # the feed's date first
    if published:
        meta["published"] = published
    return ingest.make_article(item.url, found.text, meta, ingest.Options())


class Watcher:
    """Passes over the sources. The store connection is used from the calling thread only;
    worker threads fetch."""

    def __init__(self, conn: sqlite3.Connection, sources: Sequence[str], policy: Policy = Policy()) -> None:
        self.conn = conn
        self.sources = list(dict.fromkeys(sources))
        self.policy = policy
        self.fetcher = Fetcher(policy)
        self.stored = store.Summary()  # every batch stored since it started, a pass cut short's too

    def close(self) -> None:
        self.fetcher.close()

    def run_pass(
        self, code: Callable[[Iterable[Article | InputError]], Iterable[pipeline.Result]] = pipeline.run
    ) -> Pass:
        """Check every feed that is due, remember its new items, fetch every item not stored
        yet (new ones, and those a passing error left for later), code and store them."""
        began = time.monotonic()
        self.fetcher.robots.clear()  # read again each pass: a site may change its rules
        before = (self.fetcher.requests, self.fetcher.conditional)
        done = Pass()
        known = store.feed_states(self.conn)
        due = [s for s in self.sources if _due(known.get(s))]
        for source, (got, found) in self._in_parallel(lambda s: self._check(s, known.get(s)), due):
            done.feeds += 1
            left = 0
            if got.status == 304:
                done.unchanged += 1
            elif found is None:
                done.feed_failures += 1
            else:
                new, left = self._remember(source, found)
                done.new_items += new
                done.left_in_feeds += left
            self._note_feed(source, got, left)
        pending = store.pending_items(self.conn)
        items = {url: (Entry(url, title, published), attempts) for url, title, published, attempts in pending}
        ready: list[Article | InputError] = []
        with concurrent.futures.ThreadPoolExecutor(self.policy.threads) as pool:
            urls = _interleaved(list(items))
            for url, page in zip(urls, pool.map(self.fetcher.get, urls), strict=True):
                item, attempts = items[url]
                if page.error and page.passing and attempts + 1 < self.policy.attempts:
                    store.retry_later(self.conn, url, page.error)
                    done.retry_later += 1
                elif page.error:
                    gave_up = errors.E_GAVE_UP.format(attempts=attempts + 1, detail=page.error)
                    ready.append(InputError(url, gave_up if page.passing else page.error))
                else:
                    try:
                        ready.append(article_from_page(item, page))
                    except InputError as err:
                        ready.append(err)
                    except Exception as err:  # a page no extractor foresaw fails alone, not each pass
                        ready.append(ingest.bug(url, err))
                if len(ready) >= self.policy.batch:  # stored as they come: a stop loses little
                    done.summary.add(self._store(ready, code))
                    ready = []
        if ready:
            done.summary.add(self._store(ready, code))
        done.requests = self.fetcher.requests - before[0]
        done.conditional = self.fetcher.conditional - before[1]
        done.seconds = time.monotonic() - began
        return done

    def _store(
        self,
        ready: list[Article | InputError],
        code: Callable[[Iterable[Article | InputError]], Iterable[pipeline.Result]],
    ) -> store.Summary:
        """Code and store a batch of fetched items, then mark each item done."""
        taken, summary = store.take(self.conn, ready, code, f"watch ({len(ready)} items)")
        store.items_done(self.conn, taken)
        self.stored.add(summary)
        return summary

    def _in_parallel(self, work: Callable[[str], Any], keys: list[str]) -> list[tuple[str, Any]]:
        """``work`` on every key, several at a time (each host still one request at a time)."""
        if not keys:
            return []
        with concurrent.futures.ThreadPoolExecutor(self.policy.threads) as pool:
            return list(zip(keys, pool.map(work, keys), strict=True))

    def _check(
        self, source: str, row: tuple[str, str, int, str] | None
    ) -> tuple[Fetched, list[Entry] | None]:
        """A conditional GET of a feed (a feed is asked for by name: no robots.txt) and its
        items; None when it is unchanged (304) or failed."""
        headers = {}
        if row and row[0]:
            headers["If-None-Match"] = row[0]
        if row and row[1]:
            headers["If-Modified-Since"] = row[1]
        got = self.fetcher.get(source, headers, check_robots=False, local_ok=True)
        if got.status != 200:
            return got, None
        try:
            return got, entries(source, got.body)
        except InputError as err:
            return Fetched(source, error=err.reason), None

    def _note_feed(self, source: str, got: Fetched, left: int = 0) -> None:
        """The feed's validators and state; a failing feed is also a stored failure (shown by
        ``status`` and the dashboard) until it answers again. A feed with ``left`` new items
        not taken yet keeps no validators: the next pass reads it whole again."""
        lower = {k.lower(): v for k, v in got.headers.items()}
        etag, modified = ("", "") if left else (lower.get("etag", ""), lower.get("last-modified", ""))
        reason = f"{left} new items left for the next passes ({self.policy.max_new} a pass)" if left else ""
        store.note_feed(self.conn, source, got.error, got.status == 304, etag, modified, reason)

    def _remember(self, source: str, found: list[Entry]) -> tuple[int, int]:
        """Store the items not seen before as pending, at most ``max_new`` of them (a feed of
        100,000 items must not fill one pass): how many were new, and how many new ones
        are left for the next passes."""
        found_items = [(e.url, e.title, e.published) for e in found]
        return store.remember_items(self.conn, source, found_items, self.policy.max_new)


def _interleaved(urls: list[str]) -> list[str]:
    """``urls`` taking each host in turn, so that the fetching threads wait on different
    hosts, not all on the pause of one."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urllib.parse.urlsplit(url).netloc, []).append(url)
    rounds = itertools.zip_longest(*by_host.values())
    return [url for batch in rounds for url in batch if url is not None]


def _due(row: tuple[str, str, int, str] | None) -> bool:
    """A feed that failed ``n`` times in a row waits 2**n minutes (at most six hours) after
    its last check before it is asked again; any other feed is due at every pass."""
    if row is None or not row[2] or not row[3]:
        return True
    wait = dt.timedelta(minutes=min(360, 2 ** row[2]))
    return dt.datetime.now(dt.UTC) >= dt.datetime.fromisoformat(row[3]) + wait


def every(value: str) -> float:
    """Seconds in "90s", "10m", "2h" or a plain number of seconds; ValueError otherwise."""
    unit = {"s": 1, "m": 60, "h": 3600}.get(value[-1:].lower())
    number = float(value[:-1] if unit else value)
    if number <= 0:
        raise ValueError(value)
    return number * (unit or 1)
