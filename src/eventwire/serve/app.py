"""The FastAPI application of one store (``create_app``: its routes) and the ASGI application
served, behind its layers (``app_for``; ``from_env`` in uvicorn's worker processes).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from .. import errors, events, export, review, store, vocab
from ..errors import StoreError
from .intake import _code_and_store, _public
from .layers import Admission, Authorize, BodyLimit, Hosts, Secured
from .query import MAX_POINTS, DownloadFormat, Filtered, Limit, Offset, Order, _invalid
from .settings import Limits, Settings, Tokens, _reviewer, token_from
from .spec import (
    ArticlesPage,
    ArticleStatus,
    ArticleText,
    Conflict,
    Count,
    Download,
    EventDetail,
    EventsPage,
    IngestReply,
    NotAllStored,
    Points,
    ReviewBody,
    Reviewed,
    ReviewRecord,
    Span,
    StaleReview,
    Stats,
    Tally,
    TypeCount,
    Vocabulary,
    _file_schema,
    _typed_spec,
)

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
        by a column of the dashboard's table: type, actor1, actor2, location, fatalities,
        modality, source, reports or review (``-``: the other way; empty actors and sources
        last either way; ties newest first)."""
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
        disorder type), the modalities, the review statuses, the fields a correction sets and
        the formats a download may take."""
        return Vocabulary(
            sub_event_types={sub: list(pair) for sub, pair in events.acled_types().items()},
            modalities=list(vocab.MODALITIES),
            review_statuses=list(review.STATUSES),
            editable=list(review.EDITABLE),
            downloads=[
                Download(format=f.name, label=f.label, acled=f.acled)
                for f in export.FORMATS.values()
                if f.download
            ],
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


def app_for(db: Path, token: str | Tokens | None, limits: Limits | None = None) -> Any:
    """The ASGI application: the API and page for the store at ``db``, behind the layers
    that answer what needs no database (see the package's docstring). ``token``: the write
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
