"""Serve: the stored events over HTTP (a JSON API with its OpenAPI spec) and the dashboard.

Reads: the SQLite store (``store.records``, ``store.stats``, ``store.record``). Writes: new
articles, coded by the pipeline and stored as ``ingest`` stores them, when the operator set a
token. Every query is parameterised SQL; the dashboard renders every stored string as text.
The server fetches no URL: an article's ``url`` is metadata only.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import sqlite3
import tempfile
import threading
from collections import Counter
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from . import export, ingest, pipeline, store
from .errors import InputError, StoreError
from .records import Article

MAX_BODY = 5_000_000  # bytes of one request body: a batch of long articles
MAX_PAGE = 500
MAX_POINTS = 20_000
NUMBER = r"-?\d{1,3}(?:\.\d+)?"
BOX = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
Modality = Literal["asserted", "claimed", "denied", "planned", "hypothetical"]
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


@dataclass
class Settings:
    db: Path
    token: str | None = None  # None: writes are disabled
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    local: threading.local = field(default_factory=threading.local)

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (SQLite in WAL mode: readers never wait)."""
        conn: sqlite3.Connection | None = getattr(self.local, "conn", None)
        if conn is not None:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self.local.version:  # someone wrote: what was counted may have changed
                self.local.version = version
                self.local.counts.clear()
        else:
            conn = sqlite3.connect(f"{self.db.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            # pages read through a memory map (shared by every connection): no copy, no system call
            conn.execute("PRAGMA mmap_size = 1073741824")
            self.local.conn = conn
            self.local.version = conn.execute("PRAGMA data_version").fetchone()[0]
            self.local.counts = {}
        return conn

    def counts(self) -> dict[tuple[object, ...], int]:
        """This thread's totals of filters on the store as it is now."""
        self.reader()  # opens the connection, or forgets the totals if the store changed
        found: dict[tuple[object, ...], int] = self.local.counts
        return found


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
    status: str = Field(description="coded, failed, or skipped (the same text is stored already)")
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


def filters(
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
) -> store.Filters:
    return store.Filters(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        country=country or None,
        admin1=admin1 or None,
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        actor=actor or None,
        text=q or None,
        bbox=_box(bbox) if bbox else None,
        modality=tuple(modality or ()),
    )


def _box(value: str) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in value.split(","))  # the pattern made sure
    return west, south, east, north


Filtered = Annotated[store.Filters, Depends(filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="eventwire",
        summary="Conflict and political events coded from news articles, with their evidence.",
        version="1",
        docs_url=None,  # FastAPI's docs pages load their scripts from a CDN: not offline
        redoc_url=None,
    )
    static = resources.files("eventwire") / "static"

    @app.get("/api/events", response_model=EventsPage)
    def list_events(
        f: Filtered, limit: Limit = 100, offset: Offset = 0, order: Literal["newest", "oldest"] = "newest"
    ) -> Response:
        """Events that match every filter given, newest first (or oldest), a page at a time."""
        counts = settings.counts()
        total, rows = store.records(settings.reader(), f, limit, offset, order == "newest", counts)
        # the stored records are JSON already: sent as they are, not parsed and written again
        body = f'{{"events":[{",".join(rows)}],"total":{total},"limit":{limit},"offset":{offset}}}'
        return Response(body, media_type="application/json")

    @app.get("/api/points", response_model=Points)
    def map_points(f: Filtered, limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = 5000) -> Response:
        """What the map draws: the most recent events with a place that match the filters."""
        total, rows = store.points(settings.reader(), f, limit)
        return Response(json.dumps({"points": rows, "total": total}), media_type="application/json")

    @app.get(
        "/api/events/{event_id}",
        response_model=EventDetail,
        responses={404: {"description": "no such event"}},
    )
    def one_event(event_id: str) -> EventDetail:
        """One event with its evidence spans and the full text of every article that tells it."""
        conn = settings.reader()
        found = store.record(conn, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        event = json.loads(found)
        spans = [Span.model_validate(s) for s in event["evidence"]]  # each span names its article
        articles = [ArticleText.model_validate(a) for a in store.article_texts(conn, event["article_ids"])]
        return EventDetail(event=event, evidence=spans, articles=articles)

    @app.get("/api/stats", response_model=Stats)
    def stats(f: Filtered, period: Literal["day", "week", "month", "year"] = "month") -> Stats:
        """Events and fatalities by day, week (from its Monday), month or year, by event type
        and by country, for the events that match the filters; undated events count by type
        and country and apart (``undated``), never in a period."""
        parts = store.stats(settings.reader(), f, period)
        by_type = [Count.model_validate(c) for c in parts["by_type"]]
        return Stats(
            period=period,
            total=sum(c.events for c in by_type),
            fatalities=sum(c.fatalities for c in by_type),
            by_period=[Count.model_validate(c) for c in parts["by_period"]],
            by_type=by_type,
            by_country=[Count.model_validate(c) for c in parts["by_country"]],
            undated=Tally.model_validate(parts["undated"]),
        )

    @app.get("/api/articles", response_model=ArticlesPage)
    def articles(
        status: Literal["coded", "failed"] | None = None, limit: Limit = 100, offset: Offset = 0
    ) -> ArticlesPage:
        """Every stored input with how it ended (an input that never became an article, such
        as an unreadable file, has no id), most recent first."""
        total, rows = store.article_page(settings.reader(), status, limit, offset)
        return ArticlesPage(
            articles=[ArticleStatus.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
        )

    @app.get(
        "/api/export",
        response_class=StreamingResponse,
        responses={
            200: {
                "description": "the file, as an attachment (an ACLED CSV leaves undated events out: "
                "ACLED needs the date; the header X-Undated-Left-Out says how many)",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/geo+json": {"schema": {"type": "object"}},
                },
            }
        },
    )
    def download(f: Filtered, format: Literal["acled-csv", "geojson"] = "acled-csv") -> StreamingResponse:
        """The events that match the filters as an ACLED CSV or a GeoJSON file. The CSV leaves
        out the undated events (ACLED needs the date) and says how many in the header
        X-Undated-Left-Out; GeoJSON keeps them, with a null event_date."""
        kind, media = {"acled-csv": ("csv", "text/csv"), "geojson": ("geojson", "application/geo+json")}[
            format
        ]
        # written to a spooled file first: a client reading slowly holds no database read open
        spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed when the response is sent)
            max_size=8_000_000, mode="w+", encoding="utf-8", newline=""
        )
        records = store.events(settings.reader(), f)
        left_out = Counter[str]()
        if kind == "csv":
            records = export.dated(records, left_out)
        export.WRITERS[kind](records, spool)  # type: ignore[arg-type]
        spool.seek(0)
        headers = {"Content-Disposition": f'attachment; filename="eventwire-events.{kind}"'}
        if kind == "csv":
            headers["X-Undated-Left-Out"] = str(left_out["undated"])
        return StreamingResponse(
            iter(lambda: spool.read(65536), ""),
            media_type=media,
            headers=headers,
            background=BackgroundTask(spool.close),
        )

    @app.post(
        "/api/articles",
        response_model=IngestReply,
        responses={
            400: {"description": "the body is not an article or a list of them"},
            401: {"description": "no token, or a wrong one"},
            403: {"description": "writes are disabled: no token is configured"},
            413: {"description": "the body is larger than the limit"},
            503: {"description": "the store cannot be written now (full disk, held by another process)"},
        },
    )
    async def add_articles(request: Request) -> IngestReply:
        """Code and store one article in the input JSON format (an object with ``text`` and
        optional ``id``, ``url``, ``title``, ``source``, ``published``), or a list of them.
        Needs ``Authorization: Bearer <token>``."""
        _authorize(settings, request.headers.get("authorization", ""))
        body = await request.body()
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise HTTPException(400, f"request body: malformed JSON: {err}") from err
        items = data if isinstance(data, list) else [data]
        if not items:
            raise HTTPException(400, "request body: an empty list")
        return await run_in_threadpool(_code_and_store, settings, items)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _authorize(settings: Settings, header: str) -> None:
    if settings.token is None:
        raise HTTPException(403, "writes are disabled: start serve with EVENTWIRE_TOKEN set or --token-file")
    given = header[7:] if header[:7].lower() == "bearer " else ""
    if not given or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(
            401, "a valid 'Authorization: Bearer <token>' header is needed", {"WWW-Authenticate": "Bearer"}
        )


def _code_and_store(settings: Settings, items: list[Any]) -> IngestReply:
    """Code the articles of one request and store them, one request at a time."""
    opts = ingest.Options()
    read: list[Article | InputError] = []
    for n, obj in enumerate(items):
        try:
            read.append(ingest.from_object(f"POST item {n}", obj, opts))
        except InputError as err:
            read.append(err)
    with settings.write_lock:
        try:
            conn = store.open_store(settings.db)
        except StoreError as err:
            raise HTTPException(503, str(err)) from err
        try:
            taken, summary = store.take(conn, read, pipeline.run, f"POST /api/articles ({len(items)} items)")
        except (StoreError, sqlite3.Error) as err:
            # a full disk, a store another process holds: what was stored stays, the rest is named
            named = err if isinstance(err, StoreError) else store.failure(str(settings.db), err)
            raise HTTPException(503, f"{named}; articles stored before it are kept") from err
        finally:
            conn.close()
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


class BodyLimit:
    """Refuses a request body over ``limit`` bytes (413): by its Content-Length, or, when it
    comes in chunks, as soon as the bytes read pass the limit (the body is read up to the
    limit before the app sees it)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _refuse(send, self.limit)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _refuse(send, self.limit)
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


async def _refuse(send: Any, limit: int) -> None:
    await JSONResponse({"detail": f"request body larger than {limit} bytes"}, status_code=413)(
        {"type": "http"}, _nothing, send
    )


async def _nothing() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


def app_for(db: Path, token: str | None, max_body: int = MAX_BODY) -> Any:
    """The ASGI application: the API and page for the store at ``db``, with the body limit."""
    conn = store.open_store(db)  # created or migrated, and what a stopped ingest left grouped
    try:
        store.regroup(conn)
    finally:
        conn.close()
    return Secured(BodyLimit(create_app(Settings(db=db, token=token)), max_body))


def from_env() -> Any:
    """The application as ``app_for`` makes it, from the environment that ``eventwire serve``
    sets for its worker processes (uvicorn starts each one from this factory)."""
    file = os.environ.get("EVENTWIRE_SERVE_TOKEN_FILE")
    return app_for(
        Path(os.environ["EVENTWIRE_SERVE_DB"]),
        token_from(Path(file) if file else None, os.environ.get("EVENTWIRE_TOKEN")),
        int(os.environ.get("EVENTWIRE_SERVE_MAX_BODY", MAX_BODY)),
    )


def token_from(file: Path | None, env: str | None) -> str | None:
    """The write token: the first line of ``file``, else the environment's; blank is none."""
    if file is not None:
        text = file.read_text(encoding="utf-8").strip()
        return text.splitlines()[0].strip() if text else None
    return env.strip() if env and env.strip() else None
