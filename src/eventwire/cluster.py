"""The same pipeline on a Dask cluster (``eventwire ingest --cluster`` / ``--local-cluster``).

Batches of articles (plain records) go to the workers; each worker process codes them with
its own model, loaded once on its first batch (``pipeline.code_batch``: the spaCy objects
never leave a worker), and sends back plain results. The caller stores them in input order
and deduplicates as after any ingest, so the store ends the same as after a run on one
machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from . import pipeline
from .errors import E_CLUSTER, ClusterError, InputError
from .records import Article

ADDRESS_VARIABLE = "DASK_SCHEDULER_ADDRESS"


@contextmanager
def connect(address: str | None, local_workers: int | None) -> Iterator[Any]:
    """A Dask client: of a local cluster of ``local_workers`` processes, else of the scheduler
    at ``address`` (else ``$DASK_SCHEDULER_ADDRESS``)."""
    from distributed import Client, LocalCluster

    # Dask's own progress chatter would drown the ingest's lines; its warnings still show.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if local_workers:
        with (
            LocalCluster(
                n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as c,
            Client(c) as client,
        ):
            yield client
        return
    target = address or os.environ.get(ADDRESS_VARIABLE)
    if not target:
        detail = f"no scheduler address: give --cluster tcp://HOST:8786 or set {ADDRESS_VARIABLE}"
        raise ClusterError("--cluster", E_CLUSTER.format(detail=detail))
    try:
        client = Client(target, timeout="5s")
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(target, E_CLUSTER.format(detail=f"no scheduler answers ({err})")) from err
    with client:
        if not client.scheduler_info().get("workers"):
            detail = f"the scheduler has no workers: start `dask worker {target}` on each machine"
            raise ClusterError(target, E_CLUSTER.format(detail=detail))
        yield client


def run(
    client: Any, items: Iterable[Article | InputError], batch_size: int = 16
) -> Iterator[pipeline.Result]:
    """Every item's result, in input order, coded by the cluster's workers; at most four
    batches per worker wait, so a feed of any length streams."""
    limit = 4 * max(1, len(client.scheduler_info().get("workers", {})))

    def submit(batch: list[Article | InputError]) -> Any:
        return client.submit(pipeline.code_batch, batch, pure=False).result

    yield from pipeline.in_order(submit, items, batch_size, limit)
