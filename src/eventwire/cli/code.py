"""``code``, ``dates`` and ``places``: a stage's output for articles, on stdout."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from .. import dates, errors, export, gazetteer, ingest, pipeline, vocab
from ..records import Event
from .app import _emit, _note_index_build, _output_format, _Rows, _say, main
from .options import _article_options, _country_level_option, _format_option, _published, _raw_option


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_article_options
@_format_option(*export.NAMES)
@click.option("--all", "show_all", is_flag=True, help="Also print denied, planned and hypothetical events.")
@_country_level_option
@_raw_option
def code(
    inputs: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    country: str | None,
    fmt: str | None,
    show_all: bool,
    country_level: bool,
    raw: bool,
    max_bytes: int,
    workers: int,
) -> None:
    """Code INPUTS (.txt, .html, .json, .jsonl files, folders, or - for stdin) into events."""
    fmt = _output_format(fmt)
    opts = ingest.Options(published=published, source=source, max_bytes=max_bytes, country=country)
    _note_index_build()
    counts = Counter[str]()

    def selected() -> Iterator[Event]:
        # A generator, so that JSONL and CSV stream article by article.
        for result in pipeline.run(ingest.read(inputs, opts), workers=workers):
            status = result.status
            if status.status == "failed":
                counts["failed"] += 1
                _say(f"{status.origin}: {status.reason}")
                continue
            counts["coded"] += 1
            for warning in result.article.warnings if result.article else ():
                _say(f"{status.origin}: warning: {warning}")
            for event in result.events:
                if not show_all and event.modality not in vocab.FACTUAL:
                    counts["hidden"] += 1
                else:
                    counts["chosen"] += 1
                    yield event

    counts.update(_emit(fmt, selected(), Path("-"), raw, country_level=country_level))
    sys.stdout.flush()
    printed = counts["chosen"] - counts["undated"] - counts["country"]
    summary = (
        f"coded {counts['coded']} of {counts['coded'] + counts['failed']} inputs: {printed} events printed"
    )
    if counts["hidden"]:
        summary += f"; {counts['hidden']} denied/planned/hypothetical not shown (--all shows them)"
    if export.left_out(counts):
        summary += f"; {export.left_out(counts)}"
    _say(summary)
    if counts["coded"] == 0:
        sys.exit(1)


@main.command("dates")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--dct",
    callback=_published,
    metavar="YYYY-MM-DD",
    help="Document creation time (default: the publication date in metadata, else inferred).",
)
@_format_option("jsonl", "table")
def dates_command(inputs: tuple[str, ...], dct: dt.date | None, fmt: str | None) -> None:
    """Every temporal expression in INPUTS, normalised to a TIMEX3 value."""
    fmt = _output_format(fmt)
    opts = ingest.Options(published=dct, min_words=1)
    counts = Counter[str]()
    out = _Rows(fmt, ("input", "start", "end", "text", "type", "value", "rule"))
    for item in ingest.read(inputs, opts):
        if isinstance(item, errors.InputError):
            counts["failed"] += 1
            _say(str(item))
            continue
        counts["read"] += 1
        article = pipeline.prepare(item)
        if article.published is None:
            _say(f"{article.origin}: warning: no DCT (give --dct); relative dates stay unresolved (XXXX)")
        found = dates.extract(article.text, article.published)
        if not found:
            _say(f"{article.origin}: no temporal expressions found")
        for timex in found:
            counts["found"] += 1
            out.add({"input": article.origin, **timex.to_dict()})
    out.close()
    _say(
        f"{counts['found']} temporal expressions in {counts['read']} of "
        f"{counts['read'] + counts['failed']} inputs"
    )
    if counts["read"] == 0:
        sys.exit(1)


@main.command("places")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--mentions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL of spans ({start, end}, optionally input) to resolve instead of finding toponyms.",
)
@click.option("--explain", is_flag=True, help="Say for each toponym why it reads as it does.")
@_format_option("jsonl", "table")
def places_command(inputs: tuple[str, ...], mentions: Path | None, explain: bool, fmt: str | None) -> None:
    """Every toponym in INPUTS, resolved to GeoNames (or the given --mentions only)."""
    from .. import nlp, places

    fmt = _output_format(fmt)
    spans = _mention_spans(mentions) if mentions else None
    _note_index_build()
    gaz = gazetteer.open_gazetteer()
    counts = Counter[str]()
    columns = ("start", "end", "text", "name", "kind", "country", "admin1", "latitude", "longitude")
    out = _Rows(fmt, (*columns, "why") if explain else columns)
    good = []
    for item in ingest.read(inputs, ingest.Options(min_words=1)):
        if isinstance(item, errors.InputError):
            counts["failed"] += 1
            _say(str(item))
        elif len(item.text) > nlp.max_chars():
            counts["failed"] += 1
            _say(f"{item.origin}: {errors.E_TOO_LONG.format(chars=len(item.text), limit=nlp.max_chars())}")
        else:
            good.append(item)
    for parsed in nlp.parse(good):
        origin = parsed.article.origin
        counts["read"] += 1
        mine = None if spans is None else [(s, e) for o, s, e in spans if o in ("", origin)]
        if mine and any(e > len(parsed.article.text) for _, e in mine):
            _say(f"{origin}: warning: mentions beyond the end of the text are left out")
            mine = [(s, e) for s, e in mine if e <= len(parsed.article.text)]
        found = places.records(parsed, gaz, mine, why=explain)
        if not found:
            _say(f"{origin}: no toponyms found")
        for row in found:
            counts["unresolved" if not row["resolved"] else "resolved"] += 1
            out.add({"input": origin, **row})
    out.close()
    _say(
        f"{counts['resolved']} toponyms resolved, {counts['unresolved']} unresolved, in "
        f"{counts['read']} of {counts['read'] + counts['failed']} inputs"
    )
    if counts["read"] == 0:
        sys.exit(1)


def _mention_spans(path: Path) -> list[tuple[str, int, int]]:
    """(input or "", start, end) of every line of a --mentions file; a bad line stops the run."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            start, end = int(obj["start"]), int(obj["end"])
            if not 0 <= start < end:
                raise ValueError("start must be below end")
        except (ValueError, KeyError, TypeError) as err:
            raise click.BadParameter(f"{path}:{n}: {errors.E_JSON.format(detail=err)}") from err
        out.append((str(obj.get("input", "")), start, end))
    return out
