"""Hostile inputs mixed with good articles: generated JSON values, encodings and file-system
objects through ``ingest.read``, the pipeline and the store, and the same through the
commands. Nothing may stop the run: every input ends with a status that names it, every good
article is coded, and a re-run finishes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import run_cli

from eventwire import ingest, pipeline, store
from eventwire.errors import InputError
from eventwire.records import Article


def story(n: int) -> str:
    return f"Gunmen killed {n + 2} villagers near Garissa, Kenya, on 3 May 2024, officials said."


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
hostile_lines = st.one_of(
    st.integers(1_000, 60_000).map(lambda n: "[" * n + "]" * n),
    st.integers(4_301, 6_000).map(lambda n: '{"text": "' + story(0) + '", "id": ' + "9" * n + "}"),
    # json.dumps writes a lone surrogate as the escape \udXXX, as a broken exporter does
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF).map(
        lambda c: json.dumps({"text": story(1) + c})
    ),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF).map(
        lambda c: json.dumps({"text": story(1), "url": c})
    ),
    json_values.map(json.dumps),  # any JSON value: no text, a list, a number, an object in text
    st.text(max_size=40).filter(lambda t: "\n" not in t and "\r" not in t),  # not JSON at all
)
SPECIAL = ("fifo", "loop", "dangling", "device", "io-error")
inputs = st.lists(
    st.one_of(
        st.just(("good",)),
        st.tuples(st.just("feed"), st.lists(st.one_of(st.just(None), hostile_lines), min_size=1, max_size=6)),
        # (bytes that are no text: random bytes may spell "a\ta a a", a text of four words)
        st.tuples(st.just("bytes"), st.binary(max_size=300).map(lambda b: b"\xff" + b)),
        st.tuples(st.just("encoded"), st.sampled_from(["utf-16", "utf-32", "utf-8-sig", "latin-1"])),
        st.tuples(st.just("special"), st.sampled_from(SPECIAL)),
    ),
    min_size=1,
    max_size=8,
)


def _write(folder: Path, plan: list[tuple[Any, ...]]) -> tuple[list[Path], int]:
    """The files of ``plan`` in ``folder``, and how many good articles they hold (a None line
    of a feed is a good article; every good one has a text of its own)."""
    paths, good = [], 0
    for n, (kind, *args) in enumerate(plan):
        path = folder / f"{n:02d}.{'jsonl' if kind == 'feed' else 'txt'}"
        paths.append(path)
        if kind == "good":
            path.write_text(story(100 + good), encoding="utf-8")
            good += 1
        elif kind == "feed":
            lines = []
            for line in args[0]:
                if line is None:
                    line, good = json.dumps({"text": story(100 + good)}), good + 1
                lines.append(line)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        elif kind == "bytes":
            path.write_bytes(args[0])
        elif kind == "encoded":
            text = story(100 + good)
            path.write_bytes(text.encode(args[0]))
            good += args[0] != "latin-1"  # pure ASCII in Latin-1 is UTF-8 too
            if args[0] == "latin-1":
                path.write_bytes((text + " Café").encode("latin-1"))  # é: not UTF-8
        elif args[0] == "fifo":
            os.mkfifo(path)
        else:
            target = {"loop": path, "dangling": folder / "gone", "device": "/dev/zero"}
            path.symlink_to(target.get(args[0], "/proc/self/mem"))
    return paths, good


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(plan=inputs)
def test_hostile_inputs_never_stop_the_run_and_each_ends_with_a_status(
    plan: list[tuple[Any, ...]], nlp_loaded: Any
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths, good = _write(folder, plan)
        items = list(ingest.read([str(folder)], ingest.Options(published=None)))
        origins = [i.origin for i in items]
        for path in paths:  # each input named by at least one status
            assert any(o == str(path) or o.startswith(f"{path}:") for o in origins), (path, origins)
        assert sum(isinstance(i, Article) for i in items) == good
        conn = store.open_store(Path(tmp) / "s.db")
        try:
            taken, summary = store.take(conn, items, pipeline.run, "hostile")
            assert [t.origin for t in taken] == origins
            assert summary.coded == good and summary.failed == len(items) - good
            again, _ = store.take(conn, list(ingest.read([str(folder)])), pipeline.run, "again")
            assert [t.outcome for t in again] == [
                "skipped" if t.outcome == "coded" else t.outcome for t in taken
            ]
        finally:
            conn.close()


def test_hostile_mix_through_the_commands_codes_every_good_input_on_every_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    plan: list[tuple[Any, ...]] = [
        ("good",),
        (
            "feed",
            [None, "[" * 100_000 + "]" * 100_000, None, '{"text": "x", "id": ' + "1" * 5000 + "}", None],
        ),
        ("feed", [json.dumps({"text": story(9) + "\ud800"}), None]),
        ("encoded", "utf-16"),
        *(("special", kind) for kind in SPECIAL),
        ("good",),
    ]
    paths, good = _write(folder, plan)
    db = str(tmp_path / "h.db")
    for attempt in range(2):
        result = run_cli("ingest", str(folder), "--db", db)
        assert "internal error" not in result.stderr and result.returncode == 0, result.stderr
        assert f"{good if attempt == 0 else 0} coded" in result.stderr, result.stderr
    statuses = [
        json.loads(line) for line in run_cli("status", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    failed = {s["origin"] for s in statuses if s["status"] == "failed"}
    assert {str(folder / f"{n:02d}.txt") for n in range(4, 9)} <= failed
    assert {f"{paths[1]}:2", f"{paths[1]}:4", f"{paths[2]}:1"} <= failed
    assert sum(s["status"] == "coded" for s in statuses) == good
    coded = run_cli("code", str(folder), "--format", "jsonl")
    assert coded.returncode == 0 and "internal error" not in coded.stderr
    assert f"coded {good} of {good + len(failed)} inputs" in coded.stderr, coded.stderr


def test_hostile_outcomes_name_what_was_wrong(tmp_path: Path) -> None:
    """The reasons a user reads for the mix above: one per kind, none a traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, [("special", kind) for kind in SPECIAL])
    said = {Path(e.origin).name: e.reason for e in ingest.read([str(folder)]) if isinstance(e, InputError)}
    assert said == {
        "00.txt": "E127 not a regular file (a FIFO); only files and folders are read from a folder",
        "01.txt": "E126 cannot be read: a symbolic link that loops back on itself",
        "02.txt": "E126 cannot be read: a link to nothing",
        "03.txt": "E127 not a regular file (a device); only files and folders are read from a folder",
        "04.txt": "E126 cannot be read: Input/output error",
    }
