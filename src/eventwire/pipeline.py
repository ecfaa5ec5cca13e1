"""Runs the stages in order and gives every input a status.

ingest → nlp → dates → places → events → actors → article (→ dedup across articles, in the
store). One bad article never stops the batch: its error becomes its status and the rest go on.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from . import dates, errors, events, nlp
from .article import records
from .errors import EventwireError, InputError
from .gazetteer import Gazetteer, open_gazetteer
from .records import Article, Event, Parsed, Status

log = logging.getLogger("eventwire")


@dataclass(frozen=True)
class Result:
    status: Status
    article: Article | None
    events: tuple[Event, ...]


def prepare(article: Article) -> Article:
    """Fill a missing publication date from the text (and say so), before any dating."""
    if article.published is not None:
        return article
    inferred = dates.infer_published(article.text)
    if inferred is not None:
        return replace(article, published=inferred, published_basis="inferred")
    note = (
        "publication date unknown and not inferable from the text; events the text does "
        "not date are undated (event_date null, date_basis 'unknown')"
    )
    return replace(article, warnings=(*article.warnings, note))


def run(items: Iterable[Article | InputError], batch_size: int = 16, workers: int = 1) -> Iterator[Result]:
    """Code every article; yields one Result per input item, in order. With ``workers`` > 1
    the batches are coded by that many processes, each loading the model once."""
    if workers > 1:
        yield from _run_pool(items, batch_size, workers)
        return
    gaz = open_gazetteer()
    for batch in batches(items, batch_size):
        yield from _run_batch(batch, gaz)


def batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_pool(items: Iterable[Article | InputError], batch_size: int, workers: int) -> Iterator[Result]:
    """The batches coded in worker processes (started fresh: nothing of the parent's model is
    shipped), at most two per worker in flight."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_worker) as pool:
        yield from in_order(lambda b: pool.apply_async(code_batch, (b,)).get, items, batch_size, 2 * workers)


def in_order(
    submit: Callable[[list[Article | InputError]], Callable[[], list[Result]]],
    items: Iterable[Article | InputError],
    batch_size: int,
    in_flight: int,
) -> Iterator[Result]:
    """Every item's result, in input order, from batches handed to ``submit`` (which returns
    a call that waits for the batch's results), with at most ``in_flight`` batches waiting,
    so a feed of any length streams through a process pool or a cluster."""
    pending: collections.deque[Callable[[], list[Result]]] = collections.deque()
    for batch in batches(items, batch_size):
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from pending.popleft()()
    while pending:
        yield from pending.popleft()()


def _warm() -> None:
    """Load the model and the gazetteer once, before the first batch."""
    nlp.load()
    open_gazetteer()


def _worker() -> None:
    """A worker process: one BLAS thread, then the model and the gazetteer."""
    nlp.one_blas_thread()
    _warm()


def code_batch(batch: list[Article | InputError]) -> list[Result]:
    """One batch's results (what a worker process sends back: plain picklable records)."""
    return list(_run_batch(batch, open_gazetteer()))


def _run_batch(batch: list[Article | InputError], gaz: Gazetteer) -> Iterator[Result]:
    limit = nlp.max_chars()
    batch = [
        InputError(a.origin, errors.E_TOO_LONG.format(chars=len(a.text), limit=limit))
        if isinstance(a, Article) and len(a.text) > limit
        else a
        for a in batch
    ]
    articles = [prepare(a) for a in batch if isinstance(a, Article)]
    parsed = iter(nlp.parse(articles, cues=events.cue_lemmas()))
    for item in batch:
        if isinstance(item, InputError):
            yield Result(Status(item.origin, "failed", item.reason), None, ())
            continue
        p = next(parsed)
        try:
            found = code_parsed(p, gaz)
        except EventwireError:
            raise  # a broken data table stops the run: every article would fail the same way
        except Exception as err:  # a bug on one article must not lose the batch
            log.debug("coding failed for %s", p.article.origin, exc_info=True)
            yield Result(
                Status(p.article.origin, "failed", f"E199 internal error: {err!r}", 0, p.article.id),
                p.article,
                (),
            )
            continue
        yield Result(Status(p.article.origin, "coded", "", len(found), p.article.id), p.article, tuple(found))


def code_parsed(parsed: Parsed, gaz: Gazetteer) -> list[Event]:
    """All event records of one parsed article (every modality; callers filter)."""
    return [e for e, _ in records(parsed, gaz)]


def mentions(parsed: Parsed, gaz: Gazetteer) -> list[tuple[Event, tuple[int, ...]]]:
    """Each event record of one parsed article with the character offsets of the trigger
    words that mention it (what coreference scoring aligns to gold mentions)."""
    return records(parsed, gaz)
