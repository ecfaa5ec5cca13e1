"""``status``, ``export`` and ``query``: what the store holds, filtered as the API filters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .. import errors, export, review, store
from ..records import Event
from .app import _emit, _output_format, _Rows, _say, main
from .options import (
    COUNTRY_FORMS,
    _country_level_option,
    _db_option,
    _format_option,
    _options,
    _published,
    _raw_option,
    _stored_country,
)


@main.command("status")
@_db_option
@_format_option("jsonl", "table")
def status_command(db: str | None, fmt: str | None) -> None:
    """Every input the database has seen and how it ended (failed ones first, with the reason)."""
    conn = store.open_store(store.db_path(db), create=False)
    out = _Rows(_output_format(fmt), ("origin", "status", "reason", "events", "stored_at"))
    for row in store.statuses(conn):
        out.add(row)
    out.close()


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r}: give west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise click.BadParameter(f"{value!r}: longitudes within ±180, latitudes within ±90")
    return west, south, east, north


_store_filters = _options(  # which stored events: shared by `export` and `query`, as the API's filters
    click.option("--since", callback=_published, metavar="YYYY-MM-DD", help="Events on or after this day."),
    click.option("--until", callback=_published, metavar="YYYY-MM-DD", help="Events on or before this day."),
    click.option(
        "--country",
        "country_name",
        callback=_stored_country,
        metavar="COUNTRY",
        help=f"Events in this country ({COUNTRY_FORMS}).",
    ),
    click.option("--admin1", metavar="NAME", help="Events in this first-level area."),
    click.option("--source", metavar="OUTLET", help="Events an article of this outlet reported."),
    click.option("--type", "event_type", metavar="TYPE", help="Events of this event or sub-event type."),
    click.option("--actor", metavar="WORDS", help="Events an actor of which is named with all these words."),
    click.option(
        "--words", metavar="WORDS", help="Events whose notes, places or evidence hold all these words."
    ),
    click.option(
        "--bbox",
        callback=_bbox,
        metavar="W,S,E,N",
        help="Events inside this box (degrees; W > E: across 180°).",
    ),
    click.option(
        "--min-fatalities", type=click.IntRange(0), default=0, help="Events with at least this many dead."
    ),
    click.option("--all", "show_all", is_flag=True, help="Also denied, planned and hypothetical events."),
    click.option(
        "--review",
        "statuses",
        multiple=True,
        type=click.Choice(review.STATUSES),
        help="Events with this review status (repeatable; default: all but rejected).",
    ),
    click.option("--reviewed-only", is_flag=True, help="Only events a reviewer accepted or corrected."),
    click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events."),
    _db_option,
)


def _stored(given: dict[str, Any]) -> Iterator[Event]:
    """The stored events that the options of ``_store_filters`` in ``given`` pick."""
    if given["reviewed_only"] and given["statuses"]:
        raise click.BadParameter("give --review or --reviewed-only, not both", param_hint="--reviewed-only")
    conn = store.open_store(store.db_path(given["db"]), create=False)
    try:
        store.regroup(conn)  # what a stopped ingest left ungrouped
    except errors.StoreError as err:
        _say(f"{err}; the records of an unfinished ingest are shown without merging")

    def day(key: str) -> str | None:
        return given[key].isoformat() if given[key] else None

    filters = store.Filters(
        since=day("since"),
        until=day("until"),
        country=given["country_name"],
        admin1=given["admin1"],
        source=given["source"],
        event_type=given["event_type"],
        actor=given["actor"],
        text=given["words"],
        bbox=given["bbox"],
        min_fatalities=given["min_fatalities"],
        every_modality=given["show_all"],
        review=review.REVIEWED if given["reviewed_only"] else given["statuses"],
    )
    return _closing(conn, store.events(conn, filters, given["limit"]))


def _closing(conn: sqlite3.Connection, records: Iterator[Event]) -> Iterator[Event]:
    yield from records
    conn.close()


# where and how `export` and `query` write: one set of options, the same in both
_output_options = _options(
    click.option(
        "--out",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        default=Path("-"),
        help="Write here (default: stdout).",
    ),
    _country_level_option,
    click.option(
        "--excel", is_flag=True, help="Text formats: start with a UTF-8 byte order mark, for Excel."
    ),
    _raw_option,
)


@main.command("export")
@_store_filters
@click.option(
    "--format",
    "fmt",
    type=click.Choice([n for n in export.NAMES if n != "table"]),
    default="jsonl",
    show_default=True,
    help="acled-csv (or csv): ACLED's columns in ACLED's order, then eventwire's; geojson: points "
    "with the records as properties; jsonl: schema records; parquet: the CSV's columns with their types.",
)
@_output_options
def export_command(fmt: str, out: Path, country_level: bool, excel: bool, raw: bool, **given: Any) -> None:
    """The stored events, filtered, as ACLED CSV, GeoJSON, JSONL or Parquet (each with its
    review status; rejected events only when --review rejected asks for them)."""
    left_out = export.left_out(_emit(fmt, _stored(given), out, raw, excel, country_level))
    if left_out:
        _say(left_out)


@main.command("query")
@_store_filters
@click.option(
    "--format",
    "fmt",
    type=click.Choice(export.NAMES),
    default="table",
    help="Output format (default: table; the others as `export` writes them).",
)
@_output_options
def query_command(fmt: str, out: Path, country_level: bool, excel: bool, raw: bool, **given: Any) -> None:
    """The stored events, filtered: a table (each event with its id), or --format."""
    left_out = export.left_out(_emit(fmt, _stored(given), out, raw, excel, country_level))
    if left_out:
        _say(left_out)
