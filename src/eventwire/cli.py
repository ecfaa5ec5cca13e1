"""Command line: thin click commands over the library."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import click

from . import errors, export, gazetteer, ingest, pipeline
from .records import Event

FACTUAL = ("asserted", "claimed")


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = ingest.parse_date(value)
    if parsed is None or len(value.strip()) != 10:
        raise click.BadParameter(errors.E_DATE.format(value=value))
    return parsed


@click.group()
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: news articles in, ACLED-compatible event records out."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published",
    callback=_published,
    metavar="YYYY-MM-DD",
    help="Publication date for every input (else metadata, else inferred from the text).",
)
@click.option("--source", default=None, help="Outlet name for every input.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(export.WRITERS)),
    default=None,
    help="Output format (default: table on a terminal, jsonl otherwise).",
)
@click.option("--all", "show_all", is_flag=True, help="Also print denied, planned and hypothetical events.")
@click.option(
    "--country-level",
    is_flag=True,
    help="With --format csv: keep events located only to a country (geo_precision 4).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=ingest.MAX_BYTES,
    show_default=True,
    help="Largest article accepted, in bytes (per line of a .jsonl feed).",
)
def code(
    inputs: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    fmt: str | None,
    show_all: bool,
    country_level: bool,
    max_bytes: int,
) -> None:
    """Code INPUTS (.txt, .html, .json, .jsonl files, folders, or - for stdin) into events."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    opts = ingest.Options(published=published, source=source, max_bytes=max_bytes)
    if not gazetteer.index_path().exists():
        _say("building the gazetteer index (first run only, about 20 s)")
    counts = Counter[str]()

    def selected() -> Iterator[Event]:
        # A generator, so that JSONL and CSV stream article by article.
        for result in pipeline.run(ingest.read(inputs, opts)):
            status = result.status
            if status.status == "failed":
                counts["failed"] += 1
                _say(f"{status.origin}: {status.reason}")
                continue
            counts["coded"] += 1
            for warning in result.article.warnings if result.article else ():
                _say(f"{status.origin}: warning: {warning}")
            for event in result.events:
                if not show_all and event.modality not in FACTUAL:
                    counts["hidden"] += 1
                elif fmt == "csv" and not country_level and event.geo_precision == 4:
                    counts["dropped"] += 1
                else:
                    counts["printed"] += 1
                    yield event

    export.WRITERS[fmt](selected(), sys.stdout)
    sys.stdout.flush()
    summary = (
        f"coded {counts['coded']} of {counts['coded'] + counts['failed']} inputs: "
        f"{counts['printed']} events printed"
    )
    if counts["hidden"]:
        summary += f"; {counts['hidden']} denied/planned/hypothetical not shown (--all shows them)"
    if counts["dropped"]:
        summary += f"; {counts['dropped']} located only to a country left out of the CSV (--country-level)"
    _say(summary)
    if counts["coded"] == 0:
        sys.exit(1)


def _say(message: str) -> None:
    click.echo(f"eventwire: {message}", err=True)


def run() -> Any:
    """Entry point that turns any escaped error into one line on stderr, never a traceback."""
    try:
        return main(standalone_mode=True)
    except errors.EventwireError as err:
        _say(str(err))
        sys.exit(2)
    except Exception as err:  # pragma: no cover - last line of defence
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        _say(f"internal error: {err!r} (set EVENTWIRE_DEBUG=1 for a traceback)")
        sys.exit(3)
