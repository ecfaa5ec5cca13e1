"""What a read request's query string may say: the filters every list, map, stats and export
route takes (``filters``, ``Filtered``), a page's bounds and order, and the download formats
(the registry's, ``export.FORMATS``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from .. import errors, export, store
from ..gazetteer import open_gazetteer
from ..vocab import Modality

MAX_PAGE = 500
MAX_POINTS = 20_000
NUMBER = r"-?\d{1,3}(?:\.\d+)?"
BOX = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
ReviewStatus = Literal["unreviewed", "accepted", "corrected", "rejected"]
# /api/export offers the registry's downloads and no list of its own: each name followed by
# its aliases (the order of the spec's enum); mypy sees a str, FastAPI the Literal
DOWNLOADS = tuple(
    name
    for f in export.FORMATS.values()
    if f.download
    for name in (f.name, *(alias for alias, to in export.ALIASES.items() if to == f.name))
)
# a page's order: one of the store's (``store.ORDERS``), whose list the spec's enum is
if TYPE_CHECKING:
    DownloadFormat = str
    Order = str
else:
    DownloadFormat = Literal[DOWNLOADS]
    Order = Literal[tuple(store.ORDERS)]


async def filters(
    since: Annotated[dt.date | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="last day, YYYY-MM-DD")] = None,
    country: Annotated[
        str | None,
        Query(
            max_length=100,
            description="a name or ISO 3166 code in any case (Kenya, KE, KEN, DR Congo); bare "
            "'Congo' is the Democratic Republic of Congo, the Republic of Congo is CG",
        ),
    ] = None,
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
    alpha3 = [c.alpha_3 for c in pycountry.countries if gaz.country_code(c.alpha_3)]
    return sorted({*names, *gaz.countries, *alpha3})


def _box(value: str) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in value.split(","))  # the pattern made sure
    return west, south, east, north


Filtered = Annotated[store.Filters, Depends(filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
