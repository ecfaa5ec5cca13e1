"""Extending the vocabulary without Python: a new sub-event type is rows of the data tables
(and the record schema's enum, the contract); the code reads it from them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from conftest import code_text
from eventwire import events, tables, vocab

SAID = "Unknown men defaced a church in Garissa, Kenya, on 3 March 2021, police said."


def test_a_new_sub_event_type_is_data_rows(
    nlp_loaded: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Vandalism" not in events.acled_types()
    # the record contract names the new type (what editing data/event.schema.json does)
    schema = copy.deepcopy(vocab.schema())
    schema["properties"]["sub_event_type"]["enum"].append("Vandalism")
    monkeypatch.setattr(vocab, "schema", lambda: schema)
    mine = tmp_path / "events"
    mine.mkdir()
    acled = (tables.DATA / "events" / "acled.yaml").read_text(encoding="utf-8")
    (mine / "acled.yaml").write_text(
        acled + "  Vandalism: [Strategic developments, Strategic developments]\n", encoding="utf-8"
    )
    triggers = (tables.DATA / "events" / "triggers.tsv").read_text(encoding="utf-8")
    row = "\t".join(["deface", "VERB", "", "", "Vandalism", "ASSAULT", "destroy", "event", "5"])
    (mine / "triggers.tsv").write_text(triggers.rstrip("\n") + "\n" + row + "\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path))
    tables.clear()
    try:
        assert events.acled_types()["Vandalism"] == ("Strategic developments", "Strategic developments")
        _, found = code_text(SAID, "vandal-after")
        [e] = [e for e in found if e.sub_event_type == "Vandalism"]
        assert (e.event_type, e.country, e.event_date) == ("Strategic developments", "Kenya", "2021-03-03")
        assert "defaced" in e.evidence[0][0]
    finally:
        monkeypatch.delenv("EVENTWIRE_DATA")
        tables.clear()
