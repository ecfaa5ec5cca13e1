"""Calibrate the records' confidence: fit the weights of ``article.confidence`` on records
scored against gold (matched or not), and say how well confidence tells right from wrong."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

from ..article.confidence import FEATURES, features
from ..records import Event

PRIOR = 1.0  # the weights' Gaussian prior (1 / variance): few records must not make wild weights


def fit(rated: Sequence[tuple[Event, bool]], prior: float = PRIOR) -> dict[str, float]:
    """The weights that make the confidence of ``rated`` records (each with whether it
    matched gold) most likely, by L2-penalised logistic regression (Newton's method; the
    bias is not penalised). A feature no record shows keeps the weight 0."""
    x = np.array([[features(e)[f] for f in FEATURES] for e, _ in rated], dtype=float)
    y = np.array([ok for _, ok in rated], dtype=float)
    penalty = np.full(len(FEATURES), prior)
    penalty[FEATURES.index("bias")] = 1e-6
    w = np.zeros(len(FEATURES))
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {f: round(float(v), 3) for f, v in zip(FEATURES, w, strict=True)}


def write(path: Path, weights: dict[str, float], fitted_on: str, gate: float = 0.0) -> None:
    """The weights as the table ``article/confidence.yaml`` (a user's copy under EVENTWIRE_DATA
    replaces the shipped one), with the confidence ``gate`` below which no record is printed."""
    table = {"version": 1, "fitted_on": fitted_on, "gate": gate, "weights": weights}
    text = yaml.safe_dump(table, sort_keys=False)
    path.write_text(
        "# The confidence model's weights (article/confidence.py): written by\n"
        "# `eventwire eval articles GOLD --calibrate FILE`; a feature's weight adds to the log-odds\n"
        "# that a record with it is right; gate: records of lower confidence are not printed (0:\n"
        "# every record is).\n" + text,
        encoding="utf-8",
    )


def reliability(rated: Sequence[tuple[Event, bool]]) -> list[dict[str, float]]:
    """Records and matches by tenth of confidence (0.8 holds 0.80-0.89; 1.0 is the last tenth's)."""
    tenths: dict[int, list[bool]] = {}
    for e, ok in rated:
        tenths.setdefault(min(int(e.confidence * 10 + 1e-9), 9), []).append(ok)
    return [
        {"from": t / 10, "records": len(oks), "matched": sum(oks), "share": round(sum(oks) / len(oks), 3)}
        for t, oks in sorted(tenths.items())
    ]
