"""``eval ...``: a stage scored against third-party gold data."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from .. import errors
from .app import _say, main
from .options import _part


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
        from ..article.confidence import gate

        calibrate.write(weights_to, calibrate.fit(s.rated), about, gate())
        _say(f"{weights_to}: confidence weights fitted on {about}")
