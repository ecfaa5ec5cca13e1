"""The pipeline on a Dask cluster gives the records a single process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

from eventwire import cluster, ingest, pipeline

TEXTS = [
    "Gunmen killed {n} villagers near Garissa, Kenya, on 3 May 2024, officials said.",
    "Police fired tear gas at {n} hundred protesters in Nairobi, Kenya, on 4 May 2024.",
    "An air strike hit a market in Maiduguri, Nigeria, on 5 May 2024, killing {n} people.",
]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(9):
        (folder / f"{n}.txt").write_text(TEXTS[n % 3].format(n=n + 2), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_cluster_local_cluster_codes_record_for_record_as_one_process(inbox: Path) -> None:
    from distributed import Client, LocalCluster

    items = list(ingest.read([str(inbox)]))
    alone = list(pipeline.run(items, batch_size=2))
    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as lc,
        Client(lc) as client,
    ):
        spread = list(cluster.run(client, items, batch_size=2))
        # each worker process loaded the model itself, once (no model or Doc is shipped)
        loads = client.run(lambda: __import__("eventwire.nlp", fromlist=["load"]).load.cache_info())
        assert len(loads) == 2 and all(info.currsize == 1 and info.misses == 1 for info in loads.values())
    assert [r.status for r in spread] == [r.status for r in alone]
    assert [[e.to_dict() for e in r.events] for r in spread] == [
        [e.to_dict() for e in r.events] for r in alone
    ]
    assert sum(len(r.events) for r in spread) >= 6
    assert [r.status.status for r in spread].count("failed") == 1  # the empty file


def test_cluster_ingest_on_a_local_cluster_stores_what_a_plain_ingest_stores(
    inbox: Path, tmp_path: Path
) -> None:
    on_cluster, plain = tmp_path / "cluster.db", tmp_path / "plain.db"
    done = run_cli("ingest", str(inbox), "--db", str(on_cluster), "--local-cluster", "2")
    assert done.returncode == 0, done.stderr
    assert "9 coded" in done.stderr and "1 failed" in done.stderr
    assert "Scheduler" not in done.stderr  # Dask's own chatter stays out of the ingest's lines
    assert run_cli("ingest", str(inbox), "--db", str(plain)).returncode == 0
    exports = [run_cli("export", "--db", str(db), "--all").stdout for db in (on_cluster, plain)]
    assert exports[0] == exports[1] and exports[0]
    statuses = [run_cli("status", "--db", str(db), "--format", "jsonl").stdout for db in (on_cluster, plain)]
    assert [s.count('"failed"') for s in statuses] == [1, 1]


def test_cluster_an_unreachable_scheduler_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0].format(n=2), encoding="utf-8")
    db = tmp_path / "events.db"
    done = run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(db), "--cluster", "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert "tcp://127.0.0.1:9: E125" in done.stderr and "Traceback" not in done.stderr
    assert not db.exists()
