"""``ingest`` and ``watch``: articles from files or feeds, coded into the store."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import errors, ingest, pipeline, store
from .app import _note_index_build, _say, main
from .options import _article_options, _db_option, _every_option, _host_delay_option

if TYPE_CHECKING:
    from rich.console import Console


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
    """A rich progress bar on stderr for an ingest on a terminal (``console``: another one,
    such as a test's; ``clock``: the seconds the rate and time left are measured in)."""

    def __init__(
        self, total: int | None, console: Console | None = None, clock: Callable[[], float] | None = None
    ) -> None:
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
            console=console or Console(stderr=True),
            transient=True,
            get_time=clock,
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
    errors.needs("eventwire watch", "watch", "feedparser", "httpx")
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
        s = watcher.stored
        _say(
            f"{path}: interrupted; {s.coded} articles coded and stored ({s.events} events), {s.skipped} "
            f"stored already, {s.failed} failed: all kept. The same command again goes on from there "
            "(what is stored is not fetched again)"
        )
        sys.exit(130)  # as a shell reports a command Ctrl-C stopped, and as ingest does
    finally:
        watcher.close()
        conn.close()
