"""The options that several commands share, and their callbacks that check a value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from .. import errors, gazetteer, ingest, store
from .app import _note_index_build


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = ingest.parse_date(value)
    if parsed is None:
        raise click.BadParameter(errors.E_DATE.format(value=value))
    return parsed


def _country_code(value: str) -> str:
    """The ISO alpha-2 code of the country ``value`` names, read as every command, the API
    and a JSON article's field read it (``ingest.country_code``); E117 naming it if none."""
    _note_index_build()  # the gazetteer reads it: on a first run, say why this takes a while
    code = ingest.country_code(value)
    if code is None:
        raise click.BadParameter(errors.E_COUNTRY.format(value=value))
    return code


def _country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--country`` of ``code`` and ``ingest``: the feed's country, as its ISO alpha-2 code."""
    return None if value is None else _country_code(value)


def _stored_country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--country`` of ``query`` and ``export``: the country as stored records name it."""
    if value is None:
        return None
    return gazetteer.open_gazetteer().countries[_country_code(value)].name


# what --country takes, in every command's help
COUNTRY_FORMS = (
    "a name or ISO 3166 code in any case: Kenya, KE, KEN, Russia, DR Congo; bare 'Congo' is the "
    "Democratic Republic of Congo, the Republic of Congo is CG or 'Republic of Congo'"
)


def _part(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int]:
    if value is None:
        return (0, 1)
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and int(k) < int(n)):
        raise click.BadParameter(f"{value!r}: give K/N with 0 <= K < N, such as 1/2")
    return int(k), int(n)


def _format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(sorted(choices)),
        default=None,
        help="Output format (default: table on a terminal, jsonl otherwise).",
    )


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _options(*options: Decorator) -> Decorator:
    """Several click options as one decorator, listed in the order --help shows them."""

    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


_article_options = _options(  # how to read articles: shared by `code` and `ingest`
    click.option(
        "--published",
        callback=_published,
        metavar="DATE",
        help="Publication date for every input: 2020-01-05, '5 January 2020', 'January 5, 2020' or "
        "RFC 2822 (else metadata, else inferred from the text).",
    ),
    click.option("--source", default=None, help="Outlet name for every input."),
    click.option(
        "--country",
        callback=_country,
        metavar="COUNTRY",
        help="Country of every input (a local paper's), weighed as if the text named it once; a "
        f"JSON input's own 'country' field does the same for one article. Takes {COUNTRY_FORMS}.",
    ),
    click.option(
        "--max-bytes",
        type=click.IntRange(1),
        default=ingest.MAX_BYTES,
        show_default=True,
        help="Largest article accepted, in bytes (per line of a .jsonl feed).",
    ),
    click.option(
        "--workers",
        type=click.IntRange(1),
        default=1,
        show_default=True,
        help="Processes coding in parallel (each loads the model once; output order is kept).",
    ),
)


_raw_option = click.option(
    "--raw",
    is_flag=True,
    help="CSV: write text cells as they are; by default a cell that starts with = + - @ gets a "
    "leading ' so that a spreadsheet never runs an article's text as a formula.",
)


_country_level_option = click.option(
    "--country-level",
    is_flag=True,
    help="With --format acled-csv: keep events located only to a country (geo_precision 4).",
)


def _db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        metavar="PATH",
        default=None,
        help=f"The SQLite database (else $EVENTWIRE_DB, else ./{store.DEFAULT_NAME}).",
    )(command)


def _every(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    from .. import watch

    if value is None:
        return None
    try:
        return watch.every(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give a duration such as 90s, 10m or 2h") from None


_json_figures = click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")


def _every_option(text: str) -> Decorator:
    return click.option(
        "--every",
        "interval",
        default="10m",
        show_default=True,
        callback=_every,
        metavar="DURATION",
        help=text,
    )


_host_delay_option = click.option(
    "--host-delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    metavar="SECONDS",
    help="Pause between two requests to one host.",
)
