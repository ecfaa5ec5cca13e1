"""Serve: the stored events over HTTP (a JSON API with its OpenAPI spec) and the dashboard.

Reads: the SQLite store (``store.records``, ``store.stats``, ``store.record``), each request
in one snapshot of it. Writes: new articles, coded by the pipeline and stored as ``ingest``
stores them, when the operator set a token. Every query is parameterised SQL; the dashboard
renders every stored string as text. The server fetches no URL: an article's ``url`` is
metadata only.

In front of the application (``app_for``), plain ASGI layers answer what needs no database:
a Host that is not this server's (400: DNS rebinding), a write without the token (401/403,
before a byte of its body is read), more requests than ``Limits.concurrency`` at once (503
with Retry-After once one has waited ``Limits.queue_timeout``), a body over the limit (413)
or slower than ``Limits.body_timeout`` (408). ``TimedHeaders`` bounds the time a connection
may take to send a request's headers, which uvicorn alone does not.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hmac
import io
import json
import os
import sqlite3
import sys
import tempfile
import threading
import urllib.parse
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from . import errors, events, export, ingest, pipeline, review, store, vocab
from .errors import InputError, StoreError
from .gazetteer import open_gazetteer
from .records import Article
from .vocab import Modality

MAX_BODY = 5_000_000  # bytes of one request body: a batch of long articles
MAX_HEADERS = 65_536  # bytes of one request's line and headers (httptools itself sets no limit)
MAX_PAGE = 500
MAX_POINTS = 20_000
NUMBER = r"-?\d{1,3}(?:\.\d+)?"
BOX = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
ReviewStatus = Literal["unreviewed", "accepted", "corrected", "rejected"]
Order = Literal[
    "newest", "oldest", "queue", "fatalities", "-fatalities", "type", "-type", "location", "-location"
]
DownloadFormat = Literal["acled-csv", "csv", "jsonl", "geojson", "parquet"]  # export.FORMATS' downloads
# The page loads only its own files; styles may be set by the map library's code.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


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


class EventsPage(BaseModel):
    """One page of events (each a record of the event schema, event.schema.json)."""

    events: list[dict[str, Any]]
    total: int = Field(description="events that match the filters, on every page")
    limit: int
    offset: int


class Points(BaseModel):
    """The most recent events with a place: [id, latitude, longitude, fatalities, sub-event type]."""

    points: list[list[str | float]]
    total: int = Field(description="events with a place that match the filters")


class Span(BaseModel):
    article_id: str
    start: int
    end: int
    text: str


class ArticleText(BaseModel):
    id: str
    title: str
    url: str
    source: str
    published: str | None
    text: str


class EventDetail(BaseModel):
    event: dict[str, Any]
    evidence: list[Span]
    articles: list[ArticleText]


class Count(BaseModel):
    key: str
    events: int
    fatalities: int


class ReviewBody(BaseModel):
    """A reviewer's verdict: ``changes`` (for ``corrected`` only) sets fields of the record;
    the fields that follow from them (event type, interaction, ISO code) follow."""

    verdict: Literal["accepted", "corrected", "rejected"]
    changes: dict[str, Any] = Field(default_factory=dict, description=f"fields: {', '.join(review.EDITABLE)}")
    note: str = Field(default="", max_length=review.MAX_NOTE)


class Reviewed(BaseModel):
    event: dict[str, Any] = Field(description="the event as it is now shown, with its review_status")


class ReviewRecord(BaseModel):
    event_id: str
    verdict: str
    changes: dict[str, Any]
    reviewer: str
    note: str
    reviewed_at: str


class StaleReview(ReviewRecord):
    article_id: str


class Conflict(BaseModel):
    event_id: str
    reviews: list[ReviewRecord] = Field(description="the latest review of each report, oldest first")


class Vocabulary(BaseModel):
    sub_event_types: dict[str, list[str]] = Field(description="sub-event type: [event type, disorder type]")
    modalities: list[str]
    review_statuses: list[str]
    editable: list[str] = Field(description="the fields a correction may set")


class TypeCount(Count):
    event_type: str


class Tally(BaseModel):
    events: int
    fatalities: int


class Stats(BaseModel):
    period: str
    total: int = Field(description="every event that matches, undated ones included")
    fatalities: int
    by_period: list[Count] = Field(description="dated events only: an undated one is in no period")
    by_type: list[Count]
    by_country: list[Count]
    by_period_type: list[TypeCount] = Field(description="dated events by period and event type")
    undated: Tally = Field(description="the events nothing dates (event_date null), counted apart")


class ArticleStatus(BaseModel):
    id: str | None = Field(description="null for an input that never became an article")
    origin: str
    title: str
    url: str
    source: str
    published: str | None
    status: str
    reason: str
    events: int
    stored_at: str


class ArticlesPage(BaseModel):
    articles: list[ArticleStatus]
    total: int
    limit: int
    offset: int


class Outcome(BaseModel):
    origin: str
    status: str = Field(
        description="coded, failed, skipped (the same text is stored already), or not_stored "
        "(the store could not take it: send it again later)"
    )
    reason: str
    events: int
    article_id: str


class IngestReply(BaseModel):
    results: list[Outcome]
    coded: int
    skipped: int
    failed: int
    events: int
    merged: int = Field(description="of the new events, those grouped with other articles' reports")


class NotAllStored(IngestReply):
    """The store failed part way: ``results`` says of each item whether it was stored."""

    detail: str = Field(description="why: the store's error (the database named by its file name)")


async def filters(
    since: Annotated[dt.date | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Annotated[str | None, Query(max_length=100)] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="event or sub-event type")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="words of an actor's name")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words in the notes or evidence")] = None,
    bbox: Annotated[
        str | None,
        Query(
            pattern=BOX,
            description="west,south,east,north in degrees; west > east: a box across 180°; "
            "south > north: an empty box",
        ),
    ] = None,
    modality: Annotated[
        list[Modality] | None, Query(description="these modalities (default: asserted and claimed)")
    ] = None,
    review_status: Annotated[
        list[ReviewStatus] | None,
        Query(description="these review statuses (default: all but rejected)"),
    ] = None,
    min_fatalities: Annotated[int, Query(ge=0, le=1_000_000, description="at least this many dead")] = 0,
    source: Annotated[str | None, Query(max_length=200, description="an outlet a report came from")] = None,
) -> store.Filters:
    return store.Filters(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        country=_country(country) if country else None,
        admin1=admin1 or None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        text=q or None,
        bbox=_box(bbox) if bbox else None,
        modality=tuple(modality or ()),
        review=tuple(review_status or ()),
        min_fatalities=min_fatalities,
        source=source or None,
    )


def _country(value: str) -> str:
    """The name records give the country ``value`` names (a name, ISO2 or ISO3 code); 422
    for one that names none (an unknown country is an error, not an empty page)."""
    name = open_gazetteer().country_named(value)
    if name is None:
        raise _invalid(("query", "country"), errors.E_COUNTRY.format(value=value))
    return name


def _invalid(where: tuple[str, ...], why: str) -> RequestValidationError:
    """A 422 in FastAPI's own form (what the spec's HTTPValidationError describes)."""
    return RequestValidationError([{"loc": where, "msg": why, "type": "value_error"}])


def _country_values() -> list[str]:
    """What ``country`` takes, as the spec lists it: each country's name as records give it
    and its ISO 3166 codes (case aside; demonyms and other names are taken too)."""
    import pycountry

    gaz = open_gazetteer()
    names = [c.name for c in gaz.countries.values()]
    codes = [code for c in pycountry.countries for code in (c.alpha_2, c.alpha_3) if gaz.country_named(code)]
    return sorted({*names, *codes})


def _box(value: str) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in value.split(","))  # the pattern made sure
    return west, south, east, north


Filtered = Annotated[store.Filters, Depends(filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


REFUSED: dict[int | str, dict[str, Any]] = {  # a write's answers before its body is read
    401: {"description": "no token, or a wrong one (answered before the body is read)"},
    403: {"description": "writes are disabled: no token is configured"},
}
BUSY: dict[int | str, dict[str, Any]] = {
    503: {
        "description": "too many requests at once (try again after Retry-After seconds), or the "
        "store cannot be read"
    }
}


def create_app(settings: Settings) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # one thread per request handled at once (anyio's default is 40): each holds one
        # reader connection, and threads past the cores only add memory and switching
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.limits.concurrency
        yield

    app = FastAPI(
        title="eventwire",
        summary="Conflict and political events coded from news articles, with their evidence.",
        version="1",
        docs_url=None,  # FastAPI's docs pages load their scripts from a CDN: not offline
        redoc_url=None,
        lifespan=lifespan,
        responses=BUSY,
    )
    static = resources.files("eventwire") / "static"

    @app.exception_handler(errors.MissingExtra)
    async def not_installed(request: Request, err: errors.MissingExtra) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=501)  # a format this install left out

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, err: StoreError) -> JSONResponse:
        return JSONResponse({"detail": _public(err)}, status_code=503)

    @app.get("/api/events", response_model=EventsPage)
    def list_events(
        f: Filtered,
        limit: Limit = 100,
        offset: Offset = 0,
        order: Order = "newest",
    ) -> Response:
        """Events that match every filter given, a page at a time: newest first, oldest first,
        as the review queue takes them (lowest confidence, then most fatalities, first), or
        by fatalities, type or location (``-``: the other way; ties newest first)."""
        with settings.reading() as r:
            total, rows = store.records(r.conn, f, limit, offset, order, r.counts)
        # the stored records are JSON already: sent as they are, not parsed and written again
        body = f'{{"events":[{",".join(rows)}],"total":{total},"limit":{limit},"offset":{offset}}}'
        return Response(body, media_type="application/json")

    @app.get("/api/points", response_model=Points)
    def map_points(f: Filtered, limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = 5000) -> Response:
        """What the map draws: the most recent events with a place that match the filters."""
        with settings.reading() as r:
            total, rows = store.points(r.conn, f, limit)
        return Response(json.dumps({"points": rows, "total": total}), media_type="application/json")

    @app.get(
        "/api/events/{event_id}",
        response_model=EventDetail,
        responses={404: {"description": "no such event"}},
    )
    def one_event(event_id: str) -> EventDetail:
        """One event with its evidence spans and the full text of every article that tells it."""
        with settings.reading() as r:  # the event and its articles as they were together
            found = store.record(r.conn, event_id)
            if found is None:
                raise HTTPException(404, f"no event {event_id!r}")
            event = json.loads(found)
            texts = store.article_texts(r.conn, event["article_ids"])
        spans = [Span.model_validate(s) for s in event["evidence"]]  # each span names its article
        articles = [ArticleText.model_validate(a) for a in texts]
        return EventDetail(event=event, evidence=spans, articles=articles)

    @app.post(
        "/api/events/{event_id}/review",
        response_model=Reviewed,
        responses={**REFUSED, 404: {"description": "no such event"}},
    )
    def review_event(event_id: str, body: ReviewBody, request: Request) -> Reviewed:
        """Accept, reject or correct an event (its id, or the id of any report merged into
        it). The coded records stay as they are: the review is kept beside them with who
        and when, and the event is shown as its latest review leaves it. A verdict or a
        change that cannot be taken is a 422 whose message names the field. The reviewer is
        the name the token file gives the token, else the X-Reviewer header. Needs
        ``Authorization: Bearer <token>``."""
        name = _reviewer(settings.tokens or {}, request.headers)
        with settings.write_lock:
            conn = store.open_store(settings.db, check=False)
            try:
                found = store.add_review(conn, event_id, body.verdict, body.changes, name, body.note)
            except review.ReviewError as err:
                raise _invalid(("body", "changes"), str(err)) from err
            finally:
                conn.close()
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return Reviewed(event=json.loads(found))

    @app.get(
        "/api/events/{event_id}/reviews",
        response_model=list[ReviewRecord],
        responses={404: {"description": "no such event"}},
    )
    def event_reviews(event_id: str) -> list[ReviewRecord]:
        """Every review of an event (of any report merged into it), oldest first."""
        with settings.reading() as r:
            if store.record(r.conn, event_id) is None:
                raise HTTPException(404, f"no event {event_id!r}")
            rows = store.review_history(r.conn, event_id)
        return [ReviewRecord.model_validate(x) for x in rows]

    @app.get("/api/reviews/conflicts", response_model=list[Conflict])
    def conflicts() -> list[Conflict]:
        """Events whose reports were reviewed apart and disagree (joined later by a regroup,
        which shows the latest review): for a reviewer to settle with a new review."""
        with settings.reading() as r:
            rows = store.review_conflicts(r.conn)
        return [Conflict.model_validate(x) for x in rows]

    @app.get("/api/vocabulary", response_model=Vocabulary)
    def vocabulary() -> Vocabulary:
        """What a reviewer may choose from: ACLED's sub-event types (each with its event and
        disorder type), the modalities, the review statuses and the fields a correction sets."""
        return Vocabulary(
            sub_event_types={sub: list(pair) for sub, pair in events.acled_types().items()},
            modalities=list(vocab.MODALITIES),
            review_statuses=list(review.STATUSES),
            editable=list(review.EDITABLE),
        )

    @app.get("/api/reviews/stale", response_model=list[StaleReview])
    def stale() -> list[StaleReview]:
        """The reviews of records that changed when their article was coded again: the new
        records are unreviewed, and each of these verdicts is for a reviewer to look at again."""
        with settings.reading() as r:
            rows = store.stale_reviews(r.conn)
        return [StaleReview.model_validate(x) for x in rows]

    @app.get("/api/stats", response_model=Stats)
    def stats(f: Filtered, period: Literal["day", "week", "month", "year"] = "month") -> Stats:
        """Events and fatalities by day, week (from its Monday), month or year, by event type
        and by country, for the events that match the filters; undated events count by type
        and country and apart (``undated``), never in a period."""
        with settings.reading() as r:
            parts = store.stats(r.conn, f, period)
        by_type = [Count.model_validate(c) for c in parts["by_type"]]
        return Stats(
            period=period,
            total=sum(c.events for c in by_type),
            fatalities=sum(c.fatalities for c in by_type),
            by_period=[Count.model_validate(c) for c in parts["by_period"]],
            by_type=by_type,
            by_country=[Count.model_validate(c) for c in parts["by_country"]],
            by_period_type=[TypeCount.model_validate(c) for c in parts["by_period_type"]],
            undated=Tally.model_validate(parts["undated"]),
        )

    @app.get("/api/articles", response_model=ArticlesPage)
    def articles(
        status: Literal["coded", "failed"] | None = None, limit: Limit = 100, offset: Offset = 0
    ) -> ArticlesPage:
        """Every stored input with how it ended (an input that never became an article, such
        as an unreadable file, has no id), most recent first."""
        with settings.reading() as r:
            total, rows = store.article_page(r.conn, status, limit, offset)
        return ArticlesPage(
            articles=[ArticleStatus.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
        )

    @app.get(
        "/api/export",
        response_class=StreamingResponse,
        responses={
            200: {
                "description": "the file, as an attachment (ACLED's CSV leaves undated and, unless "
                "country_level, country-only events out: the headers X-Undated-Left-Out and "
                "X-Country-Level-Left-Out say how many)",
                "content": {
                    f.media: {"schema": _file_schema(f)} for f in export.FORMATS.values() if f.download
                },
            }
        },
    )
    def download(
        f: Filtered, format: DownloadFormat = "acled-csv", country_level: bool = False
    ) -> StreamingResponse:
        """The events that match the filters as a file: ACLED's CSV (``csv`` is its other
        name), JSONL, GeoJSON or Parquet. ACLED's CSV leaves out the undated events (ACLED needs
        the date) and, unless ``country_level``, those located only to a country, and says
        how many in its headers; the other formats keep them."""
        kind = export.format_named(format)
        # written to a spooled file first: a client reading slowly holds no database read open
        spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed when the response is sent)
            max_size=8_000_000, mode="w+b"
        )
        text = (
            None if kind.binary else io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
        )
        counts = Counter[str]()
        with settings.reading() as r:
            records: Iterable[Any] = store.events(r.conn, f)
            if kind.acled:
                records = export.acled_kept(records, counts, country_level)
            kind.write(records, spool if text is None else text)
        if text is not None:
            text.detach()  # the spool stays open for the response
        spool.seek(0)
        headers = {"Content-Disposition": f'attachment; filename="eventwire-events.{kind.extension}"'}
        if kind.acled:
            headers["X-Undated-Left-Out"] = str(counts["undated"])
            headers["X-Country-Level-Left-Out"] = str(counts["country"])
        return StreamingResponse(
            iter(lambda: spool.read(65536), b""),
            media_type=kind.media,
            headers=headers,
            background=BackgroundTask(spool.close),
        )

    @app.post(
        "/api/articles",
        response_model=IngestReply,
        responses={
            400: {"description": "the body is not JSON (malformed, nested too deeply), or an empty list"},
            **REFUSED,
            408: {"description": "the body did not arrive within the server's body timeout"},
            413: {"description": "the body is larger than the limit"},
            503: {
                "model": NotAllStored,
                "description": "the store failed part way (a full disk, a store another process "
                "holds): `results` says of each item whether it was stored (`not_stored`: send "
                "it again after Retry-After seconds); or, with `detail` alone, too many requests "
                "at once (nothing was read)",
            },
        },
    )
    async def add_articles(request: Request) -> Any:
        """Code and store one article in the input JSON format (an object with ``text`` and
        optional ``id``, ``url``, ``title``, ``source``, ``published``), or a list of them:
        an item that cannot be read fails alone. Needs ``Authorization: Bearer <token>``."""
        body = await request.body()  # BodyLimit read it, within its size and time limits
        return await run_in_threadpool(_code_and_store, settings, body)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.openapi = lambda: _typed_spec(app)  # type: ignore[method-assign]
    return app


ARTICLE_IN = {
    "type": "object",
    "description": "an article in eventwire's input JSON format",
    "required": ["text"],
    "properties": {
        "text": {"type": "string"},
        **{k: {"type": ["string", "null"]} for k in ingest.META},
    },
}


def _typed_spec(app: FastAPI) -> dict[str, Any]:
    """FastAPI's spec with what its models leave loose typed: the event record (the schema
    of ``event.schema.json``) wherever one is answered, the body of POST /api/articles, and
    the bearer token that writes need."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    record = json.loads((resources.files("eventwire") / "data" / "event.schema.json").read_text())
    record = {k: v for k, v in record.items() if not k.startswith("$")}
    schemas = spec["components"]["schemas"]
    schemas["EventRecord"] = record
    schemas["ArticleIn"] = ARTICLE_IN
    ref = {"$ref": "#/components/schemas/EventRecord"}
    schemas["EventsPage"]["properties"]["events"]["items"] = ref
    for model in ("EventDetail", "Reviewed"):
        schemas[model]["properties"]["event"] = {
            **ref,
            "description": schemas[model]["properties"]["event"].get("description", ""),
        }
    article = {"$ref": "#/components/schemas/ArticleIn"}
    spec["paths"]["/api/articles"]["post"]["requestBody"] = {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"oneOf": [article, {"type": "array", "items": article, "minItems": 1}]}
            }
        },
    }
    spec["components"]["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "the write token (serve --token-file)"}
    }
    countries = _country_values()
    for operations in spec["paths"].values():
        for method, operation in operations.items():
            if method not in ("get", "head", "options"):
                operation["security"] = [{"bearer": []}]
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "country":  # any other value is refused (422)
                    parameter["schema"] = {"anyOf": [{"type": "string", "enum": countries}, {"type": "null"}]}
    app.openapi_schema = spec
    return spec


def _file_schema(f: export.Format) -> dict[str, str]:
    """What the spec says a downloaded file is: a JSON document (GeoJSON), bytes, or text."""
    if f.media.endswith(("/json", "+json")):
        return {"type": "object"}
    return {"type": "string", "format": "binary"} if f.binary else {"type": "string"}


def _public(err: StoreError) -> str:
    """A store's error for a client: the database by its file name, not where it lives."""
    return f"{Path(err.path).name}: {str(err).removeprefix(f'{err.path}: ')}"


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


class _Long:
    """A JSON integer too long for Python to read (sys.get_int_max_str_digits)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _parse(body: bytes) -> tuple[Any, bool]:
    """The request's JSON, and whether it holds an integer too long to read (kept as a
    ``_Long``, so that only its item fails); 400 for a body that cannot be parsed at all."""
    longs: list[_Long] = []

    def number(text: str) -> int | _Long:
        digits = len(text.lstrip("-"))
        if digits <= sys.get_int_max_str_digits():
            return int(text)
        longs.append(_Long(digits))
        return longs[-1]

    try:
        return json.loads(body, parse_int=number), bool(longs)
    except RecursionError as err:
        raise HTTPException(400, "request body: malformed JSON: nested too deeply") from err
    except UnicodeDecodeError as err:
        raise HTTPException(400, f"request body: not UTF-8 text (byte {err.start})") from err
    except ValueError as err:  # json.JSONDecodeError
        raise HTTPException(400, f"request body: malformed JSON: {err}") from err


def _long_number(obj: Any) -> _Long | None:
    """The first too-long integer inside ``obj``."""
    todo = [obj]  # a loop, not recursion: the body may nest as deep as the parser allowed
    while todo:
        value = todo.pop()
        if isinstance(value, _Long):
            return value
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return None


def _read(origin: str, obj: Any, longs: bool) -> Article | InputError:
    """One item of a request as an article, or why it cannot be one."""
    try:
        found = _long_number(obj) if longs else None
        if found is not None:
            limit = sys.get_int_max_str_digits()
            detail = f"a number of {found.digits:,} digits (at most {limit:,} are read)"
            return InputError(origin, errors.E_JSON.format(detail=detail))
        return ingest.from_object(origin, obj, ingest.Options())
    except InputError as err:
        return err
    except Exception as err:  # a value the reader did not foresee fails its item, not the request
        return ingest.bug(origin, err)


def _code_and_store(settings: Settings, body: bytes) -> IngestReply | JSONResponse:
    """Code the articles of one request and store them, one request at a time."""
    data, longs = _parse(body)
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(400, "request body: an empty list")
    read = [_read(f"POST item {n}", obj, longs) for n, obj in enumerate(items)]
    with settings.write_lock:
        try:
            # checked when the server started: not read through again at every request
            conn = store.open_store(settings.db, check=False)
        except StoreError as err:
            return _not_stored(store.Interrupted(err, [store.unstored(i) for i in read], store.Summary()))
        try:
            taken, summary = store.take(conn, read, pipeline.run, f"POST /api/articles ({len(items)} items)")
        except store.Interrupted as err:
            return _not_stored(err)
        finally:
            conn.close()
    return _reply(taken, summary)


def _reply(taken: list[store.Taken], summary: store.Summary) -> IngestReply:
    return IngestReply(
        results=[
            Outcome(
                origin=t.origin, status=t.outcome, reason=t.reason, events=t.events, article_id=t.article_id
            )
            for t in taken
        ],
        coded=summary.coded,
        skipped=summary.skipped,
        failed=summary.failed,
        events=summary.events,
        merged=summary.merged,
    )


def _not_stored(err: store.Interrupted) -> JSONResponse:
    """503 for a store that failed part way, saying of each item whether it was stored."""
    reply = NotAllStored(**_reply(err.taken, err.summary).model_dump(), detail=_public(err))
    return JSONResponse(reply.model_dump(), status_code=503, headers={"Retry-After": "30"})


class Secured:
    """Adds the security headers to every response (plain ASGI: no per-request task, unlike
    Starlette's BaseHTTPMiddleware)."""

    RAW = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.RAW if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, with_headers)


SAFE = ("GET", "HEAD", "OPTIONS")


async def _answer(
    send: Any, status: int, detail: str, headers: dict[str, str] | None = None, close: bool = False
) -> None:
    """A JSON error answered from an ASGI layer; ``close``: the request's body was not read,
    so the connection is closed rather than read on to find the next request."""
    extra = {**(headers or {}), **({"Connection": "close"} if close else {})}
    response = JSONResponse({"detail": detail}, status_code=status, headers=extra)
    await response({"type": "http"}, _nothing, send)


async def _nothing() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


def host_name(value: str) -> str:
    """The host of a Host header or of an address (``[::1]:8000`` -> ``::1``), lower case."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 address and maybe a port
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:  # a name or IPv4 address with a port
        value = value.split(":")[0]
    return value.rstrip(".")


class Hosts:
    """Serves only requests whose Host header names this server (400 otherwise): a page
    elsewhere whose name an attacker points at this address (DNS rebinding) cannot read
    the API from a browser. ``*`` among ``allowed`` allows every name."""

    def __init__(self, app: Any, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {host_name(a) for a in allowed}

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                detail = f"the host {host!r} is not served here (serve --allowed-host names it)"
                await _answer(send, 400, detail, close=True)
                return
        await self.app(scope, receive, send)


class Authorize:
    """Refuses a write (any method but GET, HEAD and OPTIONS) without the token before a
    byte of its body is read: 403 when writes are disabled, 401 for a missing or wrong
    token."""

    def __init__(self, app: Any, tokens: Tokens | None) -> None:
        self.app, self.tokens = app, tokens

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE:
            header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            refusal = _refusal(self.tokens, header)
            if refusal is not None:
                status, detail = refusal
                challenge = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
                await _answer(send, status, detail, challenge, close=True)
                return
        await self.app(scope, receive, send)


class Admission:
    """At most ``limit`` requests handled at once: another waits for its turn up to ``wait``
    seconds, then gets 503 with Retry-After. Under overload latency stays bounded (a
    request either starts within ``wait`` or is told to come back) instead of every request
    queueing for a thread."""

    def __init__(self, app: Any, limit: int, wait: float) -> None:
        self.app, self.limit, self.wait = app, limit, wait
        self.slots: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.limit)
        try:
            async with asyncio.timeout(self.wait):
                await self.slots.acquire()
        except TimeoutError:
            detail = f"busy: {self.limit} requests are being answered; try again shortly"
            await _answer(send, 503, detail, {"Retry-After": "1"}, close=scope["method"] not in SAFE)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()


class BodyLimit:
    """Reads a write's body before the app sees it, within bounds: over ``limit`` bytes it
    is refused (413), by its Content-Length or, when it comes in chunks, as soon as the
    bytes read pass the limit; not all there within ``timeout`` seconds, it is refused too
    (408), so a client sending slowly holds no memory or connection for long."""

    def __init__(self, app: Any, limit: int, timeout: float) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE:
            await self.app(scope, receive, send)
            return
        too_big = f"request body larger than {self.limit} bytes"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _answer(send, 413, too_big, close=True)
            return
        body = bytearray()
        deadline = asyncio.get_running_loop().time() + self.timeout
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                await _answer(send, 408, f"request body not received within {self.timeout:g} s", close=True)
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _answer(send, 413, too_big, close=True)
                return
            if not message.get("more_body", False):
                break
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                later: dict[str, Any] = await receive()  # the app waits for a disconnect
                return later
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


class TimedHeaders(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol, with a deadline for a request's headers. uvicorn's
    keep-alive timer runs from the end of an answer only until the next byte arrives, so a
    client sending its headers a byte at a time (slowloris) holds a connection forever, and
    httptools takes headers of any size. Here the same timer (``timeout_keep_alive``, the
    header timeout) runs from the connection's opening and from each answer until a
    request's headers are complete, and headers over MAX_HEADERS bytes get 431."""

    header_bytes = 0  # of the request whose headers are awaited
    feeding = False  # in uvicorn's data_received

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def _await_headers(self) -> None:
        self.header_bytes = 0
        HttpToolsProtocol._unset_keepalive_if_required(self)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def _unset_keepalive_if_required(self) -> None:
        if not self.feeding:  # the bytes that arrive do not stop the clock: complete headers do
            super()._unset_keepalive_if_required()

    def data_received(self, data: bytes) -> None:
        waiting = self.timeout_keep_alive_task is not None
        self.feeding = True
        try:
            super().data_received(data)
        finally:
            self.feeding = False
        if waiting and self.timeout_keep_alive_task is not None:  # the headers are not complete yet
            self.header_bytes += len(data)
            if self.header_bytes > MAX_HEADERS and not self.transport.is_closing():
                self.transport.write(
                    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                    b"content-length: 0\r\nconnection: close\r\n\r\n"
                )
                self.transport.close()

    def on_headers_complete(self) -> None:
        HttpToolsProtocol._unset_keepalive_if_required(self)
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.timeout_keep_alive_task is not None:  # uvicorn armed it: this answer ended idle
            self._await_headers()


def uvicorn_options(limits: Limits) -> dict[str, Any]:
    """uvicorn's settings for ``limits`` (with TimedHeaders as its HTTP protocol)."""
    return {"http": TimedHeaders, "timeout_keep_alive": limits.header_timeout}


def app_for(db: Path, token: str | Tokens | None, limits: Limits | None = None) -> Any:
    """The ASGI application: the API and page for the store at ``db``, behind the layers
    that answer what needs no database (see the module's docstring). ``token``: the write
    token, or several, each with the reviewer it names; None: writes are disabled."""
    limits = limits or Limits()
    tokens = {token: ""} if isinstance(token, str) else token
    conn = store.open_store(db)  # checked, created or migrated, and what a stopped ingest left grouped
    try:
        store.regroup(conn)
    finally:
        conn.close()
    app = create_app(Settings(db=db, tokens=tokens, limits=limits))
    admitted = Admission(
        BodyLimit(app, limits.max_body, limits.body_timeout), limits.concurrency, limits.queue_timeout
    )
    return Secured(Hosts(Authorize(admitted, tokens), limits.allowed_hosts))


def from_env() -> Any:
    """The application as ``app_for`` makes it, from the environment that ``eventwire serve``
    sets for its worker processes (uvicorn starts each one from this factory)."""
    file = os.environ.get("EVENTWIRE_SERVE_TOKEN_FILE")
    return app_for(
        Path(os.environ["EVENTWIRE_SERVE_DB"]),
        token_from(Path(file) if file else None, os.environ.get("EVENTWIRE_TOKEN")),
        Limits.from_env(os.environ["EVENTWIRE_SERVE_LIMITS"]),
    )


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
