"""What the API's documents are: the models of its answers and bodies, and the OpenAPI spec
with what those models leave loose typed (``EventRecord``, ``ArticleIn``, the bearer
scheme, the countries ``country`` takes).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field

from .. import export, ingest, review
from .query import _country_values


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
    events: list[str] = Field(description="the events its article's records are now shown in")


class Conflict(BaseModel):
    event_id: str
    reviews: list[ReviewRecord] = Field(description="the latest review of each report, oldest first")


class Download(BaseModel):
    format: str
    label: str
    acled: bool = Field(description="ACLED's form: leaves out undated and country-only events")


class Vocabulary(BaseModel):
    sub_event_types: dict[str, list[str]] = Field(description="sub-event type: [event type, disorder type]")
    modalities: list[str]
    review_statuses: list[str]
    editable: list[str] = Field(description="the fields a correction may set")
    downloads: list[Download] = Field(description="the formats /api/export serves")


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
