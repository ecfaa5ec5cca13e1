"""``bench ...``: speed and memory of coding, the API and ``watch``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import errors
from .app import _note_index_build, main
from .options import _host_delay_option, _json_figures


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
    errors.needs("bench watch", "watch", "feedparser", "httpx")
    from .. import bench

    _note_index_build()
    result = bench.watch_run(feeds, items, host_delay)
    click.echo(json.dumps(result, indent=2) if as_json else "\n".join(bench.watch_report(result)))
