"""Shared fixtures: the real spaCy model and the real gazetteer index, loaded once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads((resources.files("eventwire") / "data" / "event.schema.json").read_text())


@pytest.fixture(scope="session")
def gaz() -> Any:
    from eventwire.gazetteer import open_gazetteer

    return open_gazetteer()


@pytest.fixture(scope="session")
def nlp_loaded() -> Any:
    from eventwire import nlp

    return nlp.load()


@pytest.fixture()
def fixture_text() -> str:
    return (FIXTURES / "base-attacks.txt").read_text(encoding="utf-8")


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console command as a user would."""
    exe = Path(sys.executable).parent / "eventwire"
    return subprocess.run(
        [str(exe), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )
