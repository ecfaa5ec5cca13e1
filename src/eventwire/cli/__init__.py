"""Command line: thin click commands over the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import os
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from .. import dates, errors, export, gazetteer, ingest, pipeline, review, store, vocab
from ..records import Event


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = ingest.parse_date(value)
    if parsed is None:
        raise click.BadParameter(errors.E_DATE.format(value=value))
    return parsed


def _country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    code = ingest.country_code(value)
    if code is None:
        raise click.BadParameter(errors.E_COUNTRY.format(value=value))
    return code


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


@click.group()
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: news articles in, ACLED-compatible event records out."""
    logging.basicConfig(format="eventwire: %(message)s", level=logging.WARNING)


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
        metavar="CODE",
        help="Country of every input (a local paper's: KE, Kenya), weighed as if the text "
        "named it once; a JSON input's own 'country' field does the same for one article.",
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


def _emit(
    fmt: str,
    records: Iterable[Event],
    out: Path,
    raw: bool = False,
    excel: bool = False,
    country_level: bool = False,
) -> Counter[str]:
    """Write ``records`` in format ``fmt`` to ``out`` ("-": stdout): in ACLED's form, without
    the undated and (unless ``country_level``) country-only ones, whose numbers it returns
    (``export.acled_kept``); ``excel``: text with a UTF-8 byte order mark, which Excel needs
    to read UTF-8."""
    found = export.format_named(fmt)
    left_out = Counter[str]()
    if found.acled:
        records = export.acled_kept(records, left_out, country_level)
    _write(found, records, out, raw, excel)
    return left_out


def _write(found: export.Format, records: Iterable[Event], out: Path, raw: bool, excel: bool) -> None:
    stdout = str(out) == "-"
    if found.binary:
        if stdout and sys.stdout.isatty():
            raise click.BadParameter(
                f"{found.name} is binary: give --out FILE or redirect stdout", param_hint="--out"
            )
        found.write(records, sys.stdout.buffer if stdout else out)
        return
    write = export.writer(found.name, raw)
    if stdout:
        if excel:
            sys.stdout.write("\ufeff")
        write(records, sys.stdout)
        return
    with out.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        write(records, handle)


def _output_format(fmt: str | None) -> str:
    """The format asked for, else a table on a terminal and JSONL when piped."""
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


def _note_index_build() -> None:
    # one of the user's gazetteer files gone or changed stops the run here, before any worker
    added = gazetteer.check_sources()
    if not gazetteer.index_path(added).exists():
        own = f" with your {len(added)} gazetteer file(s) (a large one takes minutes)" if added else ""
        _say(f"building the gazetteer index{own or ' (first run only, about 20 s)'}")


class _Rows:
    """Rows streamed as JSONL as they come, or collected and printed as one table."""

    def __init__(self, fmt: str, columns: tuple[str, ...]) -> None:
        self.fmt, self.columns = fmt, columns
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            self.rows.append(row)

    def close(self) -> None:
        if self.fmt == "table":
            export.write_rows(self.rows, self.columns, sys.stdout)


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


@main.group("eval")
def evaluate() -> None:
    """Score a stage against third-party gold data."""


def _eval_options(misses: str, split: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--errors, --json and --part, which every eval command takes."""

    def wrap(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--part",
            callback=_part,
            metavar="K/N",
            help=f"Score only part K (0..N-1) of a fixed N-way split {split}.",
        )(command)
        command = click.option(
            "--json", "as_json", is_flag=True, help="Print the scores as one JSON object."
        )(command)
        return click.option(
            "--errors", "errors_to", type=click.File("w"), help=f"Write {misses} to this TSV file."
        )(command)

    return wrap


def _show(scores: dict[str, Any], as_json: bool, report: Callable[[str, Any], list[str]]) -> None:
    if as_json:
        click.echo(json.dumps({name: s.summary() for name, s in scores.items()}, indent=2))
    else:
        for name, s in scores.items():
            click.echo("\n".join(report(name, s)))


@evaluate.command("timex")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@_eval_options("every error", "of the files by name")
def eval_timex(gold: Path, errors_to: TextIO | None, as_json: bool, part: tuple[int, int]) -> None:
    """TempEval-3 scores of the dates stage on TimeML (.tml) files under GOLD.

    Each sub-folder holding .tml files (TimeBank, AQUAINT) is scored on its own, then all.
    """
    from ..evaluate import timex

    scores = timex.evaluate_folders(gold, part)
    _show(scores, as_json, timex.report)
    if errors_to is not None:
        for score in list(scores.values())[-1:]:
            for row in score.errors:
                errors_to.write("\t".join(row) + "\n")


@evaluate.command("places")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_eval_options("every resolution miss", "of the articles")
@click.option("--explain", is_flag=True, help="Give each miss in --errors the reasons for our reading.")
def eval_places(
    gold: Path, errors_to: TextIO | None, as_json: bool, part: tuple[int, int], explain: bool
) -> None:
    """Recognition and resolution scores of the places stage on LGL/GeoVirus-style XML GOLD."""
    from ..evaluate import places as score_places

    if explain and errors_to is None:
        raise click.UsageError("--explain writes its reasons into the --errors file: give one")
    s = score_places.evaluate(gold, part=part, explain=explain)
    _show({gold.name: s}, as_json, score_places.report)
    if errors_to is not None:
        for row in s.misses:
            errors_to.write("\t".join(map(str, row)) + "\n")


@evaluate.command("acled")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_eval_options("every field miss", "of the rows by event id")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Score at most this many rows per file (a fixed sample: the first by a hash of the id).",
)
@click.option(
    "--country-hint",
    is_flag=True,
    help="Give each row's country as the article's country (as --country does for a local feed).",
)
def eval_acled(
    gold: tuple[Path, ...],
    errors_to: TextIO | None,
    as_json: bool,
    part: tuple[int, int],
    limit: int | None,
    country_hint: bool,
) -> None:
    """Per-field accuracy of the whole pipeline on ACLED CSV exports with notes (GOLD...).

    Each row's notes are coded as an article published two days after its event date and
    compared with our first factual event: event and sub-event type, date, fatalities,
    actors (without ACLED's date suffixes), inter codes, admin1 and location within 25 km.
    """
    from ..evaluate import acled

    scores = acled.evaluate(list(gold), part, limit, country_hint)
    _show(scores, as_json, acled.report)
    if errors_to is not None:
        for name, s in scores.items():
            for row in s.errors:
                errors_to.write("\t".join((name, *row)) + "\n")


@evaluate.command("dedup")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_eval_options("each aligned gold mention with its gold chain and our cluster", "of the topics")
def eval_dedup(gold: Path, errors_to: TextIO | None, as_json: bool, part: tuple[int, int]) -> None:
    """MUC, B3, CEAF-e and CoNLL F1 of event coreference on ECB+ files under GOLD.

    GOLD holds NAME_text.txt and NAME_event_gold_mentions.json. Every document is coded and
    the records of all of them are grouped by the cross-article dedup (no topics given); a
    trigger word inside a gold mention stands for it.
    """
    errors.needs("eval dedup", "eval", "scipy")
    from ..evaluate import coref

    s = coref.evaluate(gold, part)
    _show({gold.name: s}, as_json, coref.report)
    if errors_to is not None:
        for row in s.errors:
            errors_to.write("\t".join(row) + "\n")


@evaluate.command("articles")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_eval_options("every missed, extra and wrong event", "of the articles by name")
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the articles (default: beside each NAME.gold.json).",
)
@click.option(
    "--calibrate",
    "weights_to",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fit the confidence model on these articles and write its weights here (a copy of "
    "article/confidence.yaml: put it under $EVENTWIRE_DATA to use it).",
)
def eval_articles(
    gold: Path,
    errors_to: TextIO | None,
    as_json: bool,
    part: tuple[int, int],
    articles_dir: Path | None,
    weights_to: Path | None,
) -> None:
    """Event P/R/F1 and field accuracy on article-level gold under GOLD.

    Each NAME.gold.json is a JSON list of event records (schema field names) for the article
    NAME.txt/.html/.json. A gold event matches one of ours with the same event_type, a date
    within one day and a location within 50 km; fields are compared on matched events.
    """
    from ..evaluate import articles

    s = articles.score(articles.find(gold, articles_dir), part)
    _show({gold.name: s}, as_json, articles.report)
    if errors_to is not None:
        for row in s.errors:
            errors_to.write("\t".join(row) + "\n")
    if s.articles == 0:
        _say("no article could be scored")
        sys.exit(1)
    if weights_to is not None:
        from ..evaluate import calibrate

        if len({ok for _, ok in s.rated}) < 2:
            _say(f"{weights_to}: not written: calibrating needs records of ours both right and wrong")
            sys.exit(1)

        split = f" --part {part[0]}/{part[1]}" if part != (0, 1) else ""
        about = f"{len(s.rated)} records of {s.articles} articles: eval articles {gold.name}{split}"
        calibrate.write(weights_to, calibrate.fit(s.rated), about)
        _say(f"{weights_to}: confidence weights fitted on {about}")


def _db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        metavar="PATH",
        default=None,
        help=f"The SQLite database (else $EVENTWIRE_DB, else ./{store.DEFAULT_NAME}).",
    )(command)


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@_article_options
@_db_option
@click.option(
    "--cluster",
    metavar="tcp://HOST:8786",
    is_flag=False,
    flag_value="",
    default=None,
    help="Code on the Dask cluster of this scheduler (--cluster alone: $DASK_SCHEDULER_ADDRESS).",
)
@click.option(
    "--local-cluster",
    type=click.IntRange(1),
    metavar="K",
    help="Code on a Dask cluster of K worker processes started on this machine.",
)
def ingest_command(
    inputs: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    country: str | None,
    max_bytes: int,
    workers: int,
    db: str | None,
    cluster: str | None,
    local_cluster: int | None,
) -> None:
    """Code INPUTS and keep their events in the database; an article stored already is skipped."""
    if (cluster is not None or local_cluster) and workers > 1:
        raise click.BadParameter("on a cluster its workers code: leave --workers out", param_hint="--workers")
    with contextlib.ExitStack() as stack:
        coder: Callable[[Iterable[Any]], Iterator[pipeline.Result]]
        if cluster is not None or local_cluster:
            errors.needs("ingest on a Dask cluster", "cluster", "distributed")
            from .. import cluster as dask_cluster

            client = stack.enter_context(dask_cluster.connect(cluster or None, local_cluster))
            coder = functools.partial(dask_cluster.run, client)
        else:
            coder = functools.partial(pipeline.run, workers=workers)
        _ingest(inputs, published, source, country, max_bytes, db, coder)


def _ingest(
    inputs: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    country: str | None,
    max_bytes: int,
    db: str | None,
    coder: Callable[[Iterable[Any]], Iterator[pipeline.Result]],
) -> None:
    opts = ingest.Options(published=published, source=source, max_bytes=max_bytes, country=country)
    path = store.db_path(db)
    conn = store.open_store(path)
    summary = store.Summary()
    stale = len(store.stale_reviews(conn))
    _note_index_build()
    progress = _Progress(ingest.count(inputs)) if sys.stderr.isatty() else None

    def tell(taken: store.Taken, summary: store.Summary) -> None:
        if taken.outcome == "skipped":
            _tell(progress, f"{taken.origin}: stored already, skipped", summary)
        elif taken.outcome == "failed":
            _say(f"{taken.origin}: {taken.reason}")  # failures stay on screen
            _tell(progress, "", summary)
        else:
            _tell(progress, f"{taken.origin}: {taken.events} events stored", summary)

    try:
        store.take(conn, ingest.read(inputs, opts), coder, list(inputs), tell, summary)
        stale = len(store.stale_reviews(conn)) - stale
    except KeyboardInterrupt:
        if progress is not None:
            progress.stop()
        _say(
            f"{path}: interrupted; {summary.coded} articles coded and stored ({summary.events} events), "
            f"{summary.skipped} stored already, {summary.failed} failed: all kept. The same command "
            "again goes on from there (what is stored is skipped)"
        )
        sys.exit(130)
    finally:
        if progress is not None:
            progress.stop()
        conn.close()
    if stale > 0:
        _say(
            f"{stale} reviewed records changed when their articles were coded again: the new records "
            "are unreviewed, the old reviews are kept (`eventwire review stale` lists them)"
        )
    _say(
        f"{path}: {summary.coded} coded ({summary.replaced} replacing an older text), "
        f"{summary.skipped} stored already, {summary.failed} failed; {summary.events} events stored, "
        f"{summary.merged} of them merged with reports from other articles"
    )
    if summary.coded + summary.skipped == 0:
        sys.exit(1)


class _Progress:
    """A rich progress bar on stderr for an ingest on a terminal."""

    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[counts]}"),
            console=Console(stderr=True),
            transient=True,
        )
        # the first article waits for the language model to load in every worker
        self.task = self.bar.add_task("loading the model", total=total, counts="", rate="")
        self.bar.start()

    def advance(self, counts: str) -> None:
        self.bar.update(self.task, advance=1, counts=counts, description="ingest")
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:.1f}/s" if speed else "")

    def stop(self) -> None:
        self.bar.stop()


def _tell(progress: _Progress | None, message: str, summary: store.Summary) -> None:
    """One step of an ingest: the bar moves on a terminal, a log line is written otherwise."""
    if progress is None:
        if message:
            _say(message)
        return
    progress.advance(f"{summary.coded} coded, {summary.skipped} skipped, {summary.failed} failed")


def _every(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    from .. import watch

    if value is None:
        return None
    try:
        return watch.every(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give a duration such as 90s, 10m or 2h") from None


def _can_listen(host: str, port: int) -> None:
    """Fail before starting when the address cannot be listened on (in use, not ours)."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


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


def _watching(path: Path, sources: Sequence[str], policy: Any, interval: float) -> None:
    """``serve --watch``: passes in a thread of the server's process, each reported on stderr."""
    from .. import watch

    conn = store.open_store(path)
    watcher = watch.Watcher(conn, sources, policy)
    while True:
        try:
            done = watcher.run_pass()
            _say(_pass_line(path, done))
        except Exception as err:  # the server goes on; the next pass tries again
            _say(f"watch pass failed: {err!r}")
            done = None
        time.sleep(max(0.0, interval - (done.seconds if done else 0.0)))


def _pass_line(path: Path, done: Any) -> str:
    s = done.summary
    left = f" ({done.left_in_feeds} more left in the feeds for the next passes)" if done.left_in_feeds else ""
    return (
        f"{path}: {done.feeds} feeds checked ({done.unchanged} unchanged, "
        f"{done.feed_failures} failed), {done.new_items} new items{left}; "
        f"{s.coded} articles coded, {s.skipped} stored already, "
        f"{s.failed} failed, {done.retry_later} left for the next pass; {s.events} events stored; "
        f"{done.requests} requests ({done.conditional} conditional) in {done.seconds:.1f} s"
    )


@main.command("watch")
@click.argument("sources", nargs=-1, required=True, metavar="FEED_OR_LIST...")
@_db_option
@_every_option("Time between the starts of two passes (90s, 10m, 2h).")
@click.option("--once", is_flag=True, help="One pass, then exit (for cron).")
@_host_delay_option
def watch_command(
    sources: tuple[str, ...], db: str | None, interval: float, once: bool, host_delay: float
) -> None:
    """Follow RSS/Atom feeds and lists of URLs (web addresses or files): fetch each new
    article, code it and store it as ingest does; a restart goes on where it stopped."""
    errors.needs("eventwire watch", "watch", "feedparser", "trafilatura", "httpx")
    from .. import watch

    path = store.db_path(db)
    conn = store.open_store(path)
    watcher = watch.Watcher(conn, sources, watch.Policy(host_delay=host_delay))
    _note_index_build()
    try:
        while True:
            done = watcher.run_pass()
            _say(_pass_line(path, done))
            if once:
                break
            time.sleep(max(0.0, interval - done.seconds))
    except KeyboardInterrupt:
        _say("stopped; what was stored stays, the rest is fetched on the next start")
    finally:
        watcher.close()
        conn.close()


@main.group("bench", invoke_without_command=True)
@click.option(
    "--articles", "count", type=click.IntRange(1), default=200, show_default=True, help="Articles to code."
)
@click.option(
    "--workers", type=click.IntRange(1), default=2, show_default=True, help="Processes for the parallel run."
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Code the articles of this folder (repeated as needed) instead of generated ones.",
)
@_json_figures
@click.pass_context
def bench_command(ctx: click.Context, count: int, workers: int, corpus: Path | None, as_json: bool) -> None:
    """Articles/s, words/s and peak memory of eventwire against a plain spaCy parse.

    The plain parse (nlp.pipe with every component of the same model, as its package builds
    it and again on eventwire's faster BLAS) and eventwire run on the same texts, each in
    fresh processes, timed after loading; then eventwire again on --workers processes.
    `bench serve` measures the HTTP API instead.
    """
    if ctx.invoked_subcommand is not None:
        return
    from .. import bench

    _note_index_build()
    try:
        texts = bench.folder_corpus(corpus, count) if corpus else bench.corpus(count)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--corpus") from err
    try:
        result = bench.run(texts, workers)
    except RuntimeError as err:  # a worker that failed or died: its reason, not a traceback
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(result, indent=2) if as_json else "\n".join(bench.report(result)))


@bench_command.command("serve")
@click.option(
    "--events",
    type=click.IntRange(1),
    default=50_000,
    show_default=True,
    help="Events in the synthetic store.",
)
@click.option("--queries", type=click.IntRange(1), default=2000, show_default=True, help="Queries to send.")
@click.option("--clients", type=click.IntRange(1), default=20, show_default=True, help="Concurrent clients.")
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Server processes (serve --workers).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Serve this store (built with --events synthetic events first if it does not exist).",
)
@_json_figures
def bench_serve(
    events: int, queries: int, clients: int, workers: int, db: Path | None, as_json: bool
) -> None:
    """Latency and errors of GET /api/events under concurrent load, and the dashboard's
    first render, with the server in its own process on loopback."""
    import tempfile

    errors.needs("bench serve", "serve", "fastapi", "uvicorn", "httpx")
    from .. import bench

    _note_index_build()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            result = bench.serve_run(db or Path(tmp) / "bench.db", events, queries, clients, workers)
        except RuntimeError as err:
            raise click.ClickException(str(err)) from err
    click.echo(json.dumps(result, indent=2) if as_json else "\n".join(bench.serve_report(result)))


@bench_command.command("watch")
@click.option(
    "--feeds", type=click.IntRange(1, 250), default=50, show_default=True, help="Feeds, one host each."
)
@click.option("--items", type=click.IntRange(1), default=20, show_default=True, help="Items per feed.")
@_host_delay_option
@_json_figures
def bench_watch(feeds: int, items: int, host_delay: float, as_json: bool) -> None:
    """Local feeds of generated articles, each on its own loopback address: a first pass
    that fetches and codes them, then a pass over the unchanged feeds."""
    errors.needs("bench watch", "watch", "feedparser", "trafilatura", "httpx")
    from .. import bench

    _note_index_build()
    result = bench.watch_run(feeds, items, host_delay)
    click.echo(json.dumps(result, indent=2) if as_json else "\n".join(bench.watch_report(result)))


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Your own gazetteer files, added to the index: GeoNames dumps you downloaded (IQ.zip,
    allCountries.zip, or the .txt inside) and CSV lists of places (name, latitude,
    longitude, country, admin1[, admin2, alternate_names, population]). Nothing is downloaded."""


def _progress() -> Callable[[str], None] | None:
    return _say if sys.stderr.isatty() else None


def _index_line() -> str:
    path = gazetteer.index_path()
    if not path.exists():
        return f"index: {path} (not built yet: it is built on first use)"
    return f"index: {path} ({path.stat().st_size / 1e6:,.0f} MB)"


@gazetteer_group.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def gazetteer_add(files: tuple[Path, ...]) -> None:
    """Add FILES to the gazetteer and rebuild its index. Every file is read in full first: one
    that cannot be read or has a malformed line is refused with the line, and nothing
    changes. A file added before is read again if it changed."""
    started = time.monotonic()
    for source, loaded in gazetteer.add(files, _progress()):
        if loaded is None:
            _say(f"{source.path}: added already and unchanged ({source.places:,} places)")
            continue
        _say(f"{source.path}: added ({source.format}): {loaded.places:,} places, {loaded.names:,} names")
        for note in loaded.notes:
            _say(f"{source.path}: warning: {note}")
    _say(f"{_index_line()}, in {time.monotonic() - started:.1f} s")


@gazetteer_group.command("list")
@_format_option("jsonl", "table")
def gazetteer_list(fmt: str | None) -> None:
    """Your gazetteer files (path, format, places, names, when added, and whether each is
    still as it was added) and the index built from them."""
    fmt = _output_format(fmt)
    added = gazetteer.sources()
    out = _Rows(fmt, ("path", "format", "places", "names", "added", "state"))
    for s in added:
        state = gazetteer.drift(s)
        row = {"path": s.path, "format": s.format, "places": s.places, "names": s.names, "added": s.added}
        out.add({**row, "state": "as added" if state is None else state})
    if fmt == "jsonl":  # the rows alone on stdout
        _say(_index_line())
        return
    if added:
        out.close()
    else:
        click.echo("no gazetteer files of your own: `eventwire gazetteer add FILE` adds one")
    click.echo(_index_line())


@gazetteer_group.command("remove")
@click.argument("files", nargs=-1, required=True)
def gazetteer_remove(files: tuple[str, ...]) -> None:
    """Remove FILES (as added, or by file name alone) from the gazetteer and rebuild its
    index without them. A file that is gone can be removed too."""
    for source in gazetteer.remove(files, _progress()):
        _say(f"{source.path}: removed ({source.places:,} places)")
    _say(_index_line())


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File whose first line is the token that POST /api/articles needs (else $EVENTWIRE_TOKEN; "
    "with neither, writes are disabled).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=5_000_000,
    show_default=True,
    metavar="BYTES",
    help="Largest request body accepted (413 beyond it).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Server processes (one per core answers more queries at once).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header names this (repeatable; * for any); the listen "
    "address, localhost, 127.0.0.1 and ::1 are always allowed, others get 400.",
)
@click.option(
    "--header-timeout",
    type=click.IntRange(1),
    metavar="SECONDS",
    help="Time a connection has to send a request's headers, from its opening or the previous "
    "answer (default 10); then it is closed.",
)
@click.option(
    "--body-timeout",
    type=click.FloatRange(0, min_open=True),
    metavar="SECONDS",
    help="Time a request's whole body has to arrive (default 60; 408 beyond it).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1),
    metavar="N",
    help="Requests each server process answers at once (default twice the cores, at least 4).",
)
@click.option(
    "--queue-timeout",
    type=click.FloatRange(0, min_open=True),
    metavar="SECONDS",
    help="How long a request past --concurrency waits for its turn before a 503 with Retry-After "
    "(default 1).",
)
@click.option(
    "--watch",
    "sources",
    multiple=True,
    metavar="FEED_OR_LIST",
    help="Also follow this feed or list of URLs, as `eventwire watch` does (repeatable); the server "
    "never fetches from loopback, private or link-local addresses.",
)
@_every_option("With --watch: time between the starts of two passes.")
def serve_command(
    db: str | None,
    host: str,
    port: int,
    token_file: Path | None,
    max_body: int,
    workers: int,
    allowed_hosts: tuple[str, ...],
    header_timeout: int | None,
    body_timeout: float | None,
    concurrency: int | None,
    queue_timeout: float | None,
    sources: tuple[str, ...],
    interval: float,
) -> None:
    """The HTTP API (OpenAPI spec at /openapi.json) and the dashboard (at /) for the database."""
    errors.needs("eventwire serve", "serve", "fastapi", "uvicorn", "httptools")
    if sources:
        errors.needs("serve --watch", "watch", "feedparser", "trafilatura", "httpx")
    import uvicorn

    from .. import serve

    token = serve.token_from(token_file, os.environ.get("EVENTWIRE_TOKEN"))
    path = store.db_path(db)
    given = {
        "header_timeout": header_timeout,
        "body_timeout": body_timeout,
        "concurrency": concurrency,
        "queue_timeout": queue_timeout,
    }
    limits = serve.Limits(
        max_body=max_body,
        allowed_hosts=(*serve.Limits().allowed_hosts, host, *allowed_hosts),
        **{k: v for k, v in given.items() if v is not None},  # type: ignore[arg-type]
    )
    app = serve.app_for(path, token, limits)  # checks, creates or migrates the store, once
    if sources:
        from .. import watch

        policy = watch.Policy(private_ok=False)
        threading.Thread(target=_watching, args=(path, sources, policy, interval), daemon=True).start()
    _can_listen(host, port)
    writes = "read only (no token set)"
    if token:
        named = sum(bool(name) for name in token.values())
        writes = f"writes need a token: {len(token)} given, {named} naming their reviewer"
    procs = "1 process" if workers == 1 else f"{workers} processes"
    _say(f"serving {path} on http://{host}:{port}/ ({writes}, {procs}); Ctrl-C stops")
    if serve.host_name(host) in ("0.0.0.0", "::") and not allowed_hosts:
        _say("other machines reach it by a name or address: give each with --allowed-host (else 400)")
    options = {"host": host, "port": port, "log_level": "warning", **serve.uvicorn_options(limits)}
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # each worker process builds the same app from these
    os.environ.update(EVENTWIRE_SERVE_DB=str(path.resolve()), EVENTWIRE_SERVE_LIMITS=limits.to_env())
    if token_file is not None:
        os.environ["EVENTWIRE_SERVE_TOKEN_FILE"] = str(token_file.resolve())
    uvicorn.run("eventwire.serve:from_env", factory=True, workers=workers, **options)


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


def _stored_country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The name records give the country ``value`` names (a name, ISO2 or ISO3 code)."""
    if value is None:
        return None
    name = gazetteer.open_gazetteer().country_named(value)
    if name is None:
        raise click.BadParameter(errors.E_COUNTRY.format(value=value))
    return name


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
        metavar="NAME",
        help="Events in this country (a name, or an ISO 3166 code: KE, KEN).",
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
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=Path("-"),
    help="Write here (default: stdout).",
)
@_country_level_option
@click.option("--excel", is_flag=True, help="Text formats: start with a UTF-8 byte order mark, for Excel.")
@_raw_option
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
    help="Output format (default: table).",
)
def query_command(fmt: str, **given: Any) -> None:
    """The stored events, filtered: a table (each event with its id), or --format."""
    left_out = export.left_out(_emit(fmt, _stored(given), Path("-")))
    if left_out:
        _say(left_out)


@main.group("review")
def review_group() -> None:
    """Accept, reject or correct stored events. The coded records stay as they are: each
    review is kept beside them with who and when, and the events are shown, queried and
    exported as their latest review leaves them."""


_review_options = _options(
    _db_option,
    click.option(
        "--reviewer",
        metavar="NAME",
        default=None,
        help="Who reviews (default: $EVENTWIRE_REVIEWER, else the login name).",
    ),
    click.option("--note", default="", help="Why, for the record."),
)


def _review(
    db: str | None, event_ids: Sequence[str], verdict: str, changes: dict[str, Any], **who: Any
) -> None:
    import getpass

    name = who["reviewer"] or os.environ.get("EVENTWIRE_REVIEWER") or getpass.getuser()
    conn = store.open_store(store.db_path(db), create=False)
    missing = []
    try:
        for event_id in event_ids:
            try:
                found = store.add_review(conn, event_id, verdict, changes, name, who["note"])
            except review.ReviewError as err:
                raise click.BadParameter(str(err), param_hint=event_id) from err
            if found is None:
                missing.append(event_id)
                continue
            shown = json.loads(found)
            _say(f"{event_id}: {shown['review_status']} by {name}")
    finally:
        conn.close()
    if missing:
        _say(f"no such event: {', '.join(missing)} (`eventwire query` shows each event's id)")
        sys.exit(1)


@review_group.command("accept")
@click.argument("event_ids", nargs=-1, required=True)
@_review_options
def review_accept(event_ids: tuple[str, ...], db: str | None, **who: Any) -> None:
    """Accept these events as coded."""
    _review(db, event_ids, "accepted", {}, **who)


@review_group.command("reject")
@click.argument("event_ids", nargs=-1, required=True)
@_review_options
def review_reject(event_ids: tuple[str, ...], db: str | None, **who: Any) -> None:
    """Reject these events: queries and exports leave them out unless asked (--review rejected)."""
    _review(db, event_ids, "rejected", {}, **who)


def _changes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, Any]:
    """FIELD=VALUE pairs; a value of a field that is not text is read as JSON when it is JSON
    (3, 2.5, null, true), else as text, which the check then refuses."""
    out: dict[str, Any] = {}
    for pair in values:
        name, sign, text = pair.partition("=")
        name = name.strip()
        if not sign or not name:
            raise click.BadParameter(f"{pair!r}: give FIELD=VALUE, such as fatalities=3")
        out[name] = text
        if name not in review.TEXT_FIELDS:
            with contextlib.suppress(ValueError):
                out[name] = json.loads(text)
    return out


@review_group.command("correct")
@click.argument("event_id")
@click.argument("changes", nargs=-1, required=True, callback=_changes, metavar="FIELD=VALUE...")
@_review_options
def review_correct(event_id: str, changes: dict[str, Any], db: str | None, **who: Any) -> None:
    """Correct fields of an event, such as fatalities=3 "actor1=Al Shabaab" event_date=2021-03-04
    (fields: event_date, time_precision, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
    assoc_actor_2, inter2, country, admin1, admin2, location, latitude, longitude,
    geo_precision, fatalities, modality, background, notes); the event type, interaction
    and ISO code follow from them."""
    _review(db, (event_id,), "corrected", changes, **who)


def _flat(row: dict[str, Any], fmt: str) -> dict[str, Any]:
    """A review for a table: its changes as JSON text (JSONL keeps them an object)."""
    return {**row, "changes": json.dumps(row["changes"], ensure_ascii=False)} if fmt == "table" else row


@review_group.command("history")
@click.argument("event_id")
@_db_option
@_format_option("jsonl", "table")
def review_history(event_id: str, db: str | None, fmt: str | None) -> None:
    """Every review of an event (of any report merged into it), oldest first."""
    conn = store.open_store(store.db_path(db), create=False)
    if store.record(conn, event_id) is None:
        conn.close()
        _say(f"no such event: {event_id} (`eventwire query` shows each event's id)")
        sys.exit(1)
    out = _Rows(_output_format(fmt), ("reviewed_at", "reviewer", "verdict", "changes", "note", "event_id"))
    for row in store.review_history(conn, event_id):
        out.add(_flat(row, out.fmt))
    out.close()
    conn.close()


@review_group.command("stale")
@_db_option
@_format_option("jsonl", "table")
def review_stale(db: str | None, fmt: str | None) -> None:
    """Reviews of records that changed when their article was coded again: the new records
    are unreviewed; each of these verdicts is for a reviewer to look at again."""
    conn = store.open_store(store.db_path(db), create=False)
    columns = ("article_id", "event_id", "verdict", "changes", "reviewer", "reviewed_at")
    out = _Rows(_output_format(fmt), columns)
    for row in store.stale_reviews(conn):
        out.add(_flat(row, out.fmt))
    out.close()
    conn.close()


@review_group.command("conflicts")
@_db_option
@_format_option("jsonl", "table")
def review_conflicts(db: str | None, fmt: str | None) -> None:
    """Events whose reports were reviewed apart and disagree (a regroup joined them and shows
    the latest review): a new review of the event settles it."""
    conn = store.open_store(store.db_path(db), create=False)
    columns = ("event_id", "reviewed_at", "reviewer", "verdict", "changes")
    out = _Rows(_output_format(fmt), columns)
    for found in store.review_conflicts(conn):
        for row in found["reviews"]:
            out.add(_flat({**row, "event_id": found["event_id"]}, out.fmt))
    out.close()
    conn.close()


@main.group("gold")
def gold_group() -> None:
    """Reviewed articles as gold data, for measuring the coder on a team's own articles."""


@gold_group.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_db_option
def gold_export(folder: Path, db: str | None) -> None:
    """Write every article whose records were all reviewed, with the records as reviewed
    (rejected ones left out), as NAME.json and NAME.gold.json: the layout `eventwire eval
    articles FOLDER` reads."""
    conn = store.open_store(store.db_path(db), create=False)
    folder.mkdir(parents=True, exist_ok=True)
    written, partial, undated = 0, 0, 0
    taken: set[str] = set()
    try:
        for found in store.reviewed_articles(conn):
            if not found.complete:
                partial += 1
            elif any(r["event_date"] is None for r in found.records):
                undated += 1
            else:
                review.write_gold(folder, found.article, found.records, taken)
                written += 1
    finally:
        conn.close()
    _say(
        f"{folder}: {written} reviewed articles written; left out: {partial} with records not "
        f"reviewed yet, {undated} with an accepted record that has no date (correct its event_date)"
    )
    if not written:
        sys.exit(1)


def _say(message: str) -> None:
    """One line on stderr; a character that is not printable (a newline or an escape
    sequence in a file name) is shown escaped, never sent to the terminal."""
    click.echo(f"eventwire: {export.shown(message)}", err=True)


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
