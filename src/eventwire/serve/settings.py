"""What one server process is given: its ``Limits``, its ``Settings`` (the store, read through
a pool of read-only connections each in one snapshot) and its write tokens (``token_from``:
a token file's ``token<TAB>name`` lines), with who holds the token of a request.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import json
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import review, store

MAX_BODY = 5_000_000  # bytes of one request body: a batch of long articles


def _cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Limits:
    """What one server process accepts: the defaults suit a dashboard on this machine."""

    max_body: int = MAX_BODY  # bytes of a request body (413 beyond)
    body_timeout: float = 60.0  # seconds for a whole body to arrive (408 beyond): 5 MB at 85 kB/s
    # seconds for a request's headers, from the connection's opening or the previous answer on
    # it (the connection is closed beyond: a client dripping bytes holds nothing for long)
    header_timeout: int = 10
    # requests handled at once: twice the cores, as the work is SQLite's on the cores (more
    # threads only wait on each other, and each holds a connection with its cache and map)
    concurrency: int = field(default_factory=lambda: max(4, 2 * _cores()))
    queue_timeout: float = 1.0  # seconds a request waits for its turn (then 503 with Retry-After)
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")  # names the Host header may give

    def to_env(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_env(cls, text: str) -> Limits:
        found = json.loads(text)
        return cls(**{**found, "allowed_hosts": tuple(found["allowed_hosts"])})


@dataclass
class Reader:
    """A read-only connection, and the totals of filters counted on the store's state
    ``version`` (SQLite's data_version: it changes when another connection writes)."""

    conn: sqlite3.Connection
    version: int = -1
    counts: dict[tuple[object, ...], int] = field(default_factory=dict)


Tokens = Mapping[str, str]  # a write token -> the reviewer it names ("": none)


@dataclass
class Settings:
    db: Path
    tokens: Tokens | None = None  # None: writes are disabled
    limits: Limits = field(default_factory=Limits)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    # idle read-only connections: at most one per request handled at once (each holds one),
    # so their number, and their caches, are bounded by Limits.concurrency
    idle: list[Reader] = field(default_factory=list)
    pool_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Reader]:
        """A read-only connection (SQLite in WAL mode: readers never wait) inside one
        snapshot of the store: what a request reads in several statements (a total and
        its page, an event and its articles) agrees, whatever is written meanwhile."""
        with self.pool_lock:
            reader = self.idle.pop() if self.idle else None
        try:
            if reader is None:
                reader = Reader(self._connect())
            with store.snapshot(reader.conn):
                # read inside the snapshot: the totals kept are those of the state read
                version = reader.conn.execute("PRAGMA data_version").fetchone()[0]
                if version != reader.version:
                    reader.version = version
                    reader.counts.clear()
                yield reader
        except sqlite3.Error as err:
            raise store.failure(str(self.db), err) from err
        finally:
            if reader is not None:
                with self.pool_lock:
                    self.idle.append(reader)

    def _connect(self) -> sqlite3.Connection:
        # Opened for writing at the file level, as the writers are, though no statement may
        # write (query_only): a read-only connection opened while no write-ahead log exists
        # (the last connection closed, as at a worker's start) reads the file as it was and
        # never sees a later write of another process. Read-only only on a read-only disk.
        uri = self.db.resolve().as_uri()
        try:
            conn = sqlite3.connect(f"{uri}?mode=rw", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.OperationalError:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
        # pages read through a memory map: no copy, no system call; the pages mapped are the
        # system's file cache, shared, though each connection's count in the process's RSS
        conn.execute("PRAGMA mmap_size = 1073741824")
        return conn


def _refusal(tokens: Tokens | None, header: str) -> tuple[int, str] | None:
    """Why a write with this Authorization header is refused, if it is."""
    if tokens is None:
        return 403, "writes are disabled: start serve with EVENTWIRE_TOKEN set or --token-file"
    if _holder(tokens, header) is None:
        return 401, "a valid 'Authorization: Bearer <token>' header is needed"
    return None


def _holder(tokens: Tokens, header: str) -> str | None:
    """The token of an Authorization header, if it is one of ``tokens``. Every token is
    compared, in constant time each, so the time taken tells nothing of which came close."""
    given = (header[7:] if header[:7].lower() == "bearer " else "").strip().encode()
    found = None
    for token in tokens:
        if hmac.compare_digest(given, token.encode()) and given:
            found = token
    return found


REVIEWER = "x-reviewer"  # the header that names the reviewer when the token names none


def _reviewer(tokens: Tokens, headers: Mapping[str, str]) -> str:
    """Who reviews: the name the token file gives the request's token, else the X-Reviewer
    header (percent-encoded UTF-8, as a browser must send a name outside Latin-1), else
    "api"."""
    token = _holder(tokens, headers.get("authorization", ""))
    named = tokens.get(token, "") if token else ""
    return named or urllib.parse.unquote(headers.get(REVIEWER, "")) or "api"


def token_from(file: Path | None, env: str | None) -> Tokens | None:
    """The write tokens: each line of ``file`` is a token (spaces and all), and after a tab
    the name of the reviewer who holds it (blank lines and lines starting with # aside);
    else the environment's token, which names no one. None when there is none."""
    if file is not None:
        tokens: dict[str, str] = {}
        for line in file.read_text(encoding="utf-8").splitlines():
            token, _, name = line.partition("\t")
            if token.strip() and not token.lstrip().startswith("#"):
                tokens[token.strip()] = review.who(name, "")[0] if name.strip() else ""
        return tokens or None
    return {env.strip(): ""} if env and env.strip() else None
