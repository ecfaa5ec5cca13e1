"""POST /api/articles: a request's JSON read item by item (a bad item fails alone), coded by
the pipeline and stored as ``ingest`` stores them, one request at a time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse

from .. import errors, ingest, pipeline, store
from ..errors import InputError, StoreError
from ..records import Article
from .settings import Settings
from .spec import IngestReply, NotAllStored, Outcome


def _public(err: StoreError) -> str:
    """A store's error for a client: the database by its file name, not where it lives."""
    return f"{Path(err.path).name}: {str(err).removeprefix(f'{err.path}: ')}"


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
