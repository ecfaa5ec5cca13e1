"""Undated records (event_date null) where the bench and the evaluations read dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import code_text

from eventwire import store

STORY = "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said."


def test_undated_bench_store_copies_keep_undated_records_undated(
    nlp_loaded: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire import bench, pipeline

    coded = pipeline.run

    def every_other_undated(items: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for n, result in enumerate(coded(items, *args, **kwargs)):
            if n % 2:
                undated = tuple(replace(e, event_date=None, date_basis="unknown") for e in result.events)
                result = replace(result, events=undated)
            yield result

    monkeypatch.setattr(pipeline, "run", every_other_undated)
    stored = bench.synthetic_store(tmp_path / "bench.db", 40, seed_articles=6)
    conn = store.open_store(tmp_path / "bench.db")
    dates = [e.event_date for e in store.events(conn, store.Filters(every_modality=True))]
    conn.close()
    assert len(dates) == stored >= 40
    assert None in dates and any(dates)  # copies of undated records stay undated, the rest moved back


def test_undated_acled_eval_an_undated_record_matches_no_gold_date(nlp_loaded: Any) -> None:
    import datetime as dt

    from eventwire.evaluate import acled

    _, found = code_text(STORY, "row", "2021-03-05")
    [attack] = found
    row = acled.Row("KEN1", STORY, dt.date(2021, 3, 3), {"event_date": "2021-03-03"}, -0.45, 39.65, "Kenya")
    assert acled.ours(attack, row)["event_date"] == "2021-03-03"
    undated = acled.ours(replace(attack, event_date=None, date_basis="unknown"), row)
    assert undated["event_date"] != row.gold["event_date"]
    assert undated["location_25km"] == "yes"  # the other fields are compared as before
