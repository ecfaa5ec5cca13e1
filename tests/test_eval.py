"""Scoring against third-party gold formats: readers, metrics and the `eval` commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, run_cli

from eventwire.errors import InputError
from eventwire.evaluate import acled, timex
from eventwire.records import Timex

TIMEML = FIXTURES / "timeml"


def test_eval_timeml_reader_keeps_offsets_into_the_plain_text() -> None:
    doc = timex.read_tml(TIMEML / "wire" / "attack.tml")
    assert doc.dct == dt.date(2020, 1, 5)
    assert [g.text for g in doc.timexes] == [
        "late on Saturday",
        "two days earlier",
        "three months",
        "next week",
        "last year",
    ]
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text
    assert "<EVENT" not in doc.text and "officials said" in doc.text


def _t(start: int, end: int, value: str, type_: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), type_, value, "day", None, "test")  # type: ignore[arg-type]


def test_eval_tempeval_counts_strict_relaxed_value_and_type() -> None:
    doc = timex.Document(
        "d",
        "a" * 100,
        None,
        (
            timex.Gold(0, 10, "", "DATE", "2020-01-01"),
            timex.Gold(20, 30, "", "DURATION", "P2D"),
            timex.Gold(40, 50, "", "DATE", "2019"),
        ),
    )
    found = [
        _t(0, 10, "2020-01-01"),  # exact span, right value
        _t(22, 30, "P2D", "DATE"),  # overlapping span, right value, wrong type
        _t(60, 70, "2018"),  # spurious
    ]
    s = timex.compare(doc, found)
    assert (s.gold, s.system, s.strict, s.relaxed, s.value, s.type) == (3, 3, 1, 2, 2, 1)
    p, r, f = s.f1(s.value)
    assert (round(p, 3), round(r, 3), round(f, 3)) == (0.667, 0.667, 0.667)
    assert [e[1] for e in s.errors] == ["missed", "spurious"]


def test_eval_timex_command_scores_each_folder(tmp_path: Path) -> None:
    (tmp_path / "A").mkdir()
    (tmp_path / "B").mkdir()
    source = (TIMEML / "wire" / "attack.tml").read_text(encoding="utf-8")
    (tmp_path / "A" / "one.tml").write_text(source, encoding="utf-8")
    (tmp_path / "B" / "two.tml").write_text(source, encoding="utf-8")
    done = run_cli("eval", "timex", str(tmp_path), "--json", "--errors", str(tmp_path / "errors.tsv"))
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert list(scores) == ["A", "B", "all"]
    assert scores["all"]["gold"] == 10
    # Every gold expression is found with its value; "the autumn" is the only extra one.
    assert scores["A"]["relaxed"] == {"precision": 0.8333, "recall": 1.0, "f1": 0.9091}
    assert scores["A"]["value"]["recall"] == 1.0
    assert "spurious\tthe autumn" in (tmp_path / "errors.tsv").read_text(encoding="utf-8")


def test_eval_timex_bad_gold_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="E115"):
        timex.read_tml(tmp_path / "bad.tml")
    done = run_cli("eval", "timex", str(tmp_path))
    assert done.returncode == 2
    assert "E115" in done.stderr and "bad.tml" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "bad.tml").unlink()
    done = run_cli("eval", "timex", str(tmp_path))
    assert done.returncode == 2 and "E116" in done.stderr


GEO = FIXTURES / "geoparse"


def test_eval_geoparse_readers_take_both_gold_formats() -> None:
    from eventwire.evaluate import places as score_places

    [lgl] = score_places.read(GEO / "mini-lgl.xml")
    assert [(g.text, g.feature) for g in lgl.toponyms] == [
        ("Alexandria", "PPL"),
        ("Rapides Parish", "ADM2"),
        ("Louisiana", "ADM1"),
    ]
    [virus] = score_places.read(GEO / "mini-geovirus.xml")
    # GeoVirus counts offsets from 1: the reader finds the name where the offsets point.
    for g in virus.toponyms:
        assert virus.text[g.start : g.end] == g.text
    assert [g.text for g in virus.toponyms] == ["Kenya", "Garissa", "Nairobi", "Uganda"]


def test_eval_geoparse_counts_recognition_and_distance() -> None:
    from eventwire.evaluate import places as score_places
    from eventwire.gazetteer import open_gazetteer
    from eventwire.records import Place

    doc = score_places.Document(
        "d",
        "x" * 60,
        (
            score_places.Gold(0, 5, "", 0.0, 0.0, "PPL"),
            score_places.Gold(10, 15, "", 0.0, 0.0, "PPL"),
            score_places.Gold(20, 25, "", None, None, ""),
        ),
    )

    def at(lat: float) -> Place:
        return Place(0, 5, "", "", "city", "", "", None, "", None, lat, 0.0, 1)

    s = score_places.Score()
    score_places._count(s, doc, [(0, 5), (12, 15), (40, 45)], [at(1.0), at(2.0), None], open_gazetteer())
    assert (s.gold, s.system, s.strict, s.relaxed) == (3, 3, 1, 2)
    assert s.located == 2 and s.unresolved == 0
    assert s.within() == 0.5  # 1 degree (111 km) is within 161 km, 2 degrees (222 km) is not
    assert [round(e) for e in s.errors_km] == [111, 222]


def test_eval_places_command_on_gold_we_wrote() -> None:
    done = run_cli("eval", "places", str(GEO / "mini-lgl.xml"), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)["mini-lgl.xml"]
    assert scores["resolution"]["spans"] == 3
    assert scores["resolution"]["accuracy_161km"] == 1.0
    assert scores["strict"]["recall"] == 1.0


def test_eval_acled_scores_the_first_factual_event_per_row(tmp_path: Path) -> None:
    out = tmp_path / "errors.tsv"
    done = run_cli("eval", "acled", str(FIXTURES / "acled" / "mini.csv"), "--json", "--errors", str(out))
    assert done.returncode == 0, done.stderr
    score = json.loads(done.stdout)["mini.csv"]
    assert (score["rows"], score["no_factual_event"]) == (2, 1)
    # the shooting is right on type, date, fatalities and place; the weather note has no event
    for field in ("event_type", "sub_event_type", "event_date", "fatalities", "admin1", "location_25km"):
        assert score["accuracy"][field] == 0.5, field
    assert ["Protests", "NONE", 1] in score["confusion"]["event_type"]
    misses = [line.split("\t") for line in out.read_text().splitlines()]
    assert ["mini.csv", "TST2", "event_type", "Protests", "NONE"] in misses


def test_eval_acled_names_a_file_without_acled_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,hello\n", encoding="utf-8")
    done = run_cli("eval", "acled", str(bad))
    assert done.returncode == 2
    assert "E115" in done.stderr and "bad.csv" in done.stderr and "Traceback" not in done.stderr


def test_eval_acled_drops_acled_date_suffixes() -> None:
    assert acled.actor_name("Police Forces of Kenya (2013-)") == "Police Forces of Kenya"
    assert acled.actor_name("Military Forces of Myanmar (2016-2021)") == "Military Forces of Myanmar"
    assert acled.actor_name("Al Shabaab") == "Al Shabaab"
