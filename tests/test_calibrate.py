"""Confidence: a model over what a record shows, fitted on gold by `eval articles --calibrate`,
judged by its reliability table, and used by the coder once a team installs its weights."""

from __future__ import annotations

import json
import math
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from tests.conftest import code_text, run_cli

from eventwire.article.confidence import FEATURES, confidence, features
from eventwire.evaluate.calibrate import fit, reliability

ATTACK = "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said."


def test_calibrate_fit_learns_what_tells_right_records_from_wrong(nlp_loaded: Any) -> None:
    _, found = code_text(ATTACK, "attack", "2021-03-05")
    dated = found[0]
    undated = replace(dated, event_date=None, date_basis="unknown")
    rated = [(dated, True)] * 12 + [(dated, False)] * 2 + [(undated, False)] * 6 + [(undated, True)]
    weights = fit(rated)
    assert set(weights) == set(FEATURES)
    assert weights["undated"] < -1 and weights["bias"] > 0
    assert weights["protest"] == 0  # no record shows it: nothing learnt
    table = reliability(
        [(replace(dated, confidence=c), ok) for c, ok in ((0.85, True), (0.8, False), (0.31, False))]
    )
    assert table == [
        {"from": 0.3, "records": 1, "matched": 0, "share": 0.0},
        {"from": 0.8, "records": 2, "matched": 1, "share": 0.5},
    ]


def test_calibrate_shipped_model_trusts_a_dated_record_more_than_an_undated_one(nlp_loaded: Any) -> None:
    _, [dated] = code_text(ATTACK, "attack", "2021-03-05")
    assert 0 < confidence(replace(dated, event_date=None, date_basis="unknown")) < dated.confidence < 1
    assert dated.confidence == confidence(dated)  # the coder's figure is the model's


def test_calibrate_eval_articles_prints_reliability_and_writes_weights_the_coder_uses(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "kenya.json").write_text(json.dumps({"published": "2021-03-05", "text": ATTACK}))
    _, [record] = code_text(ATTACK, "kenya", "2021-03-05")
    (gold / "kenya.gold.json").write_text(json.dumps([record.to_dict()]))
    # an article with no date anywhere: its record matches nothing
    (gold / "nodate.txt").write_text("Gunmen killed three traders in Mandera, Kenya, police said.")
    (gold / "nodate.gold.json").write_text("[]")
    weights = tmp_path / "weights.yaml"
    done = run_cli("eval", "articles", str(gold), "--calibrate", str(weights))
    assert done.returncode == 0, done.stderr
    assert (
        "records of confidence >= 0.8 match gold" in done.stdout and "from   records  matched" in done.stdout
    )
    assert "confidence weights fitted on 2 records of 2 articles" in done.stderr
    fitted = yaml.safe_load(weights.read_text())
    assert fitted["version"] == 1 and set(fitted["weights"]) == set(FEATURES)
    assert fitted["weights"]["undated"] < 0
    # installed as the user's own table, the weights are the coder's
    data = tmp_path / "data" / "article"
    data.mkdir(parents=True)
    shutil.copy(weights, data / "confidence.yaml")
    env_before = os.environ.get("EVENTWIRE_DATA")
    os.environ["EVENTWIRE_DATA"] = str(tmp_path / "data")
    try:
        coded = run_cli("code", str(gold / "kenya.json"), "--format", "jsonl")
    finally:
        if env_before is None:
            del os.environ["EVENTWIRE_DATA"]
        else:
            os.environ["EVENTWIRE_DATA"] = env_before
    [line] = coded.stdout.splitlines()
    z = sum(fitted["weights"][k] * x for k, x in features(record).items())
    assert json.loads(line)["confidence"] == round(1 / (1 + math.exp(-z)), 2) != record.confidence


def test_calibrate_refuses_to_fit_on_records_that_are_all_right(nlp_loaded: Any, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "kenya.json").write_text(json.dumps({"published": "2021-03-05", "text": ATTACK}))
    _, [record] = code_text(ATTACK, "kenya", "2021-03-05")
    (gold / "kenya.gold.json").write_text(json.dumps([record.to_dict()]))
    done = run_cli("eval", "articles", str(gold), "--calibrate", str(tmp_path / "w.yaml"))
    assert done.returncode == 1 and "needs records of ours both right and wrong" in done.stderr
    assert not (tmp_path / "w.yaml").exists()


def test_calibrate_a_teams_gate_keeps_back_records_it_trusts_less(nlp_loaded: Any, tmp_path: Path) -> None:
    article = tmp_path / "kenya.json"
    article.write_text(json.dumps({"published": "2021-03-05", "text": ATTACK}))
    shipped = yaml.safe_load(
        (Path(__file__).parents[1] / "src/eventwire/data/article/confidence.yaml").read_text()
    )
    assert shipped["gate"] == 0  # the shipped table prints every record
    data = tmp_path / "data" / "article"
    data.mkdir(parents=True)

    def code_with_gate(gate: object) -> Any:
        (data / "confidence.yaml").write_text(yaml.safe_dump({**shipped, "gate": gate}))
        env_before = os.environ.get("EVENTWIRE_DATA")
        os.environ["EVENTWIRE_DATA"] = str(tmp_path / "data")
        try:
            return run_cli("code", str(article), "--format", "jsonl")
        finally:
            if env_before is None:
                del os.environ["EVENTWIRE_DATA"]
            else:
                os.environ["EVENTWIRE_DATA"] = env_before

    [line] = code_with_gate(0.0).stdout.splitlines()
    sure = json.loads(line)["confidence"]
    assert code_with_gate(min(0.99, sure + 0.01)).stdout.strip() == ""
    assert len(code_with_gate(max(0.0, sure - 0.01)).stdout.splitlines()) == 1
    refused = code_with_gate(1.5)
    assert refused.returncode != 0 and "gate must be a number from 0 up to 1" in refused.stderr
