"""The `eventwire code` command end to end: every input kind, every format, bad inputs; the
country and format names every command takes; Ctrl-C and the progress bar of long work."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.conftest import FIXTURES, SCHEMA, run_cli

from eventwire.export import ACLED_COLUMNS

ARTICLE = (
    "Gunmen attacked the village of Kautikari in Borno state on Saturday, killing "
    "eleven farmers, residents said on Monday. The army said troops later repelled "
    "the attackers."
)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("inbox")
    (d / "a.txt").write_text(ARTICLE + " Source A.", encoding="utf-8")
    (d / "b.json").write_text(
        json.dumps(
            {
                "text": ARTICLE,
                "published": "2021-06-14",
                "source": "Test Wire",
                "url": "http://x/1",
                "id": "b1",
            }
        )
    )
    (d / "c.jsonl").write_text(
        json.dumps({"text": ARTICLE + " Source C.", "published": "2021-06-14"})
        + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text"})
        + "\n"
    )
    (d / "d.html").write_text(
        "<html><head><title>T</title><meta property='article:published_time' "
        "content='2021-06-14T10:00:00Z'></head><body><nav><a>Home</a></nav><article>"
        f"<p>{ARTICLE} Source D.</p></article><footer><p>Copyright.</p></footer></body></html>"
    )
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00data")
    (d / "latin1.txt").write_bytes("Des hommes armés ont attaqué le village.".encode("latin-1"))
    (d / "french.txt").write_text(
        "Des hommes armés ont attaqué le village de Kautikari samedi, "
        "tuant onze agriculteurs, selon les habitants du village."
    )
    (d / "nav.html").write_text(
        "<html><body><nav><a>Home</a><a>World</a></nav><script>var x = 1;</script></body></html>"
    )
    (d / "huge.txt").write_bytes(b"a " * 5_000_000)
    return d


@pytest.fixture(scope="module")
def batch(inbox: Path) -> tuple[list[dict[str, object]], str, int]:
    proc = run_cli("code", str(inbox), "--format", "jsonl", "--all", "--max-bytes", "9000000")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    return records, proc.stderr, proc.returncode


def test_cli_batch_codes_good_inputs_despite_bad_ones(
    batch: tuple[list[dict[str, object]], str, int],
) -> None:
    records, stderr, code = batch
    assert code == 0
    origins = {r["article_ids"][0] for r in records}  # type: ignore[index]
    assert "b1" in origins
    assert len(origins) == 4  # a.txt, b.json, c.jsonl line 1, d.html
    for record in records:
        jsonschema.validate(record, SCHEMA)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "E101"),
        ("binary.txt", "E102"),
        ("latin1.txt", "E103"),
        ("huge.txt", "E104"),
        ("nav.html", "E105"),
        ("c.jsonl:2", "E106"),
        ("c.jsonl:3", "E107"),
        ("french.txt", "E108"),
    ],
)
def test_cli_bad_input_gets_one_clear_line(
    batch: tuple[list[dict[str, object]], str, int], name: str, reason: str
) -> None:
    _, stderr, _ = batch
    lines = [line for line in stderr.splitlines() if f"{name}: {reason}" in line]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr


def test_cli_summary_counts_every_input(batch: tuple[list[dict[str, object]], str, int]) -> None:
    _, stderr, _ = batch
    assert "coded 4 of 12 inputs" in stderr


def test_cli_csv_has_acled_columns_in_order(inbox: Path) -> None:
    proc = run_cli("code", str(inbox / "b.json"), "--format", "csv", "--country-level")
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert rows[0][len(ACLED_COLUMNS)] == "article_ids"
    data = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert data and data[0]["event_date"] == "2021-06-12"
    assert data[0]["source"] == "Test Wire"
    assert data[0]["region"] == "Western Africa"
    assert data[0]["country"] == "Nigeria"


def test_cli_table_and_stdin(inbox: Path) -> None:
    proc = run_cli("code", "-", "--format", "table", "--published", "2021-06-14", stdin=ARTICLE.encode())
    assert proc.returncode == 0, proc.stderr
    assert "2021-06-12" in proc.stdout
    assert "Borno" in proc.stdout


def test_cli_default_hides_hypothetical(tmp_path: Path) -> None:
    text = (
        "Officials warned on Monday that militants could attack the town of Chibok. "
        "Police arrested three suspects in Maiduguri on Sunday."
    )
    (tmp_path / "x.txt").write_text(text)
    shown = run_cli("code", str(tmp_path / "x.txt"), "--format", "jsonl", "--published", "2021-06-14")
    every = run_cli(
        "code", str(tmp_path / "x.txt"), "--format", "jsonl", "--all", "--published", "2021-06-14"
    )
    modal = {json.loads(x)["modality"] for x in shown.stdout.splitlines()}
    assert modal <= {"asserted", "claimed"}
    assert "hypothetical" in {json.loads(x)["modality"] for x in every.stdout.splitlines()}
    assert "--all shows them" in shown.stderr


def test_cli_country_of_a_feed(tmp_path: Path) -> None:
    text = "On 3 March 2021, a mob beat a man to death in Likoni over a stolen phone."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"text": text, "country": "Kenya"}), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": text, "country": "Narnia"}), encoding="utf-8")
    plain = run_cli("code", str(tmp_path / "a.txt"), "--format", "jsonl", "--published", "2021-03-05")
    assert json.loads(plain.stdout.splitlines()[0])["actor1"] == "Rioters (Unknown)"
    done = run_cli("code", str(tmp_path / "a.txt"), "--format", "jsonl", "--country", "KE")
    assert json.loads(done.stdout.splitlines()[0])["actor1"] == "Rioters (Kenya)"
    # a JSON article's own field does the same; a country no one knows fails that input only
    both = run_cli("code", str(tmp_path / "b.json"), str(tmp_path / "c.json"), "--format", "jsonl")
    assert json.loads(both.stdout.splitlines()[0])["actor1"] == "Rioters (Kenya)"
    assert "c.json: E117 unknown country 'Narnia'" in both.stderr
    bad = run_cli("code", str(tmp_path / "a.txt"), "--country", "Narnia")
    assert bad.returncode == 2 and "E117" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("value", ["January 2020", "not a date", "2020-02-30"])
def test_cli_bad_published_is_an_argument_error(value: str) -> None:
    proc = run_cli("code", str(FIXTURES / "base-attacks.txt"), "--published", value)
    assert proc.returncode == 2
    assert "E109" in proc.stderr and repr(value) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_published_as_outlets_write_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Gunmen killed two farmers near Garissa, Kenya, on Friday.", encoding="utf-8"
    )
    proc = run_cli("code", str(tmp_path / "a.txt"), "--format", "jsonl", "--published", "January 5, 2020")
    assert proc.returncode == 0, proc.stderr
    [record] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert (record["published"], record["published_basis"]) == ("2020-01-05", "given")
    assert record["event_date"] == "2020-01-03"  # the Friday before


def test_cli_nothing_coded_exits_nonzero(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("   ")
    proc = run_cli("code", str(tmp_path / "e.txt"), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert "E101" in proc.stderr and "E111" in proc.stderr


def test_cli_text_longer_than_the_parser_takes_is_refused_alone(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("Police arrested ten people in Kano on Monday. " * 25_000)
    (tmp_path / "short.txt").write_text(ARTICLE)
    proc = run_cli("code", str(tmp_path), "--format", "jsonl", "--max-bytes", "3000000")
    assert "long.txt: E114" in proc.stderr
    assert proc.returncode == 0 and proc.stdout.strip()


def test_cli_jsonl_limit_is_per_article_not_per_file(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ARTICLE + f" Report {n}.", "published": "2021-06-14"}) for n in range(12)]
    lines.insert(5, json.dumps({"text": ARTICLE * 20}))
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    proc = run_cli("code", str(tmp_path / "feed.jsonl"), "--format", "jsonl", "--max-bytes", "1500")
    assert "feed.jsonl:6: E104" in proc.stderr
    assert "coded 12 of 13 inputs" in proc.stderr


def test_cli_dates_lists_every_expression_with_its_value(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Rebels shelled the town late on Saturday and again two days later. Talks resume next week.",
        encoding="utf-8",
    )
    (tmp_path / "none.txt").write_text("Nothing here says when anything happened.", encoding="utf-8")
    done = run_cli("dates", str(tmp_path / "a.txt"), str(tmp_path / "none.txt"), "--dct", "2020-01-05")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("late on Saturday", "DATE", "2020-01-04"),
        ("two days later", "DATE", "2020-01-06"),
        ("next week", "DATE", "2020-W02"),
    ]
    assert rows[0]["input"].endswith("a.txt") and rows[0]["start"] < rows[0]["end"]
    assert "none.txt: no temporal expressions found" in done.stderr
    assert "3 temporal expressions in 2 of 2 inputs" in done.stderr


def test_cli_dates_bad_dct_and_missing_dct(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gunmen attacked on Friday.", encoding="utf-8")
    done = run_cli("dates", str(tmp_path / "a.txt"), "--dct", "2020-02-30")
    assert done.returncode == 2 and "E109" in done.stderr
    done = run_cli("dates", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert done.returncode == 0
    assert "no DCT" in done.stderr
    assert json.loads(done.stdout)["value"] == "XXXX-WXX-5"
    done = run_cli("dates", str(tmp_path / "a.txt"), "--dct", "2020-01-05", "--format", "table")
    assert "2020-01-03" in done.stdout and "Friday" in done.stdout


def test_cli_places_lists_resolved_demonym_and_unresolved_toponyms(tmp_path: Path) -> None:
    text = "Iraqi police said gunmen attacked a checkpoint near Kirkuk, 240 km north of Baghdad."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    done = run_cli("places", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = {r["text"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert rows["Kirkuk"]["country"] == "IQ" and rows["Kirkuk"]["geo_precision"] == 2
    assert rows["Baghdad"]["latitude"] == pytest.approx(33.34, abs=0.05)
    assert rows["Iraqi"]["mention"] == "demonym" and rows["Iraqi"]["kind"] == "country"
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows.values())


def test_cli_places_mentions_resolve_given_spans_only(tmp_path: Path) -> None:
    text = "Flooding hit Zzyxqville and Kirkuk on Monday."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Zzyxqville", "Kirkuk")]
    (tmp_path / "m.jsonl").write_text(
        "".join(json.dumps({"start": s, "end": e}) + "\n" for s, e in spans), encoding="utf-8"
    )
    done = run_cli("places", str(tmp_path / "a.txt"), "--mentions", str(tmp_path / "m.jsonl"))
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["text"], r["resolved"]) for r in rows] == [("Zzyxqville", False), ("Kirkuk", True)]
    assert "1 toponyms resolved, 1 unresolved" in done.stderr
    (tmp_path / "bad.jsonl").write_text('{"start": 5}\n', encoding="utf-8")
    done = run_cli("places", str(tmp_path / "a.txt"), "--mentions", str(tmp_path / "bad.jsonl"))
    assert done.returncode == 2 and "bad.jsonl:1" in done.stderr and "E106" in done.stderr


def test_cli_places_explain_says_why_a_toponym_reads_as_it_does(tmp_path: Path) -> None:
    text = (
        "On 25 February 2019, in Mrauk-U Township, Rakhine State, the Myanmar army clashed with the AA "
        "near Muse."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    done = run_cli("places", str(tmp_path / "a.txt"), "--explain", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = {r["text"]: r for r in map(json.loads, done.stdout.splitlines())}
    # Myanmar's Muse is Mu-se in GeoNames: the gate left Pennsylvania's out and says so
    assert rows["Muse"]["name"] == "Mu-se" and "left out by the gate: Muse (US)" in rows["Muse"]["why"]
    township = rows["Mrauk-U Township"]
    assert township["name"] == "Mrauk U" and "without 'Township'" in township["why"]
    assert "focus MM" in township["why"] and "population" in township["why"]
    plain = run_cli("places", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert all("why" not in json.loads(line) for line in plain.stdout.splitlines())


def test_cli_places_explain_never_says_a_name_with_towns_has_none(tmp_path: Path) -> None:
    # no country named: a town of another country that nothing else supports, or that the
    # text puts in a town of this one, is passed over; the explanation says so, and does not
    # claim the gazetteer has no place of the name
    text = (
        "On 3 May 2024, raiders killed two people in Salima village in Laisamis sub county. "
        "Herders clashed at Laisamis and at Siana on Sunday."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    done = run_cli("places", str(tmp_path / "a.txt"), "--explain", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    unresolved = [r for r in rows if not r["resolved"] and "towns by its name" in r["why"]]
    assert unresolved, rows
    for row in unresolved:
        assert "no place of this name" not in row["why"]
        assert any(
            why in row["why"] for why in ("outside the story's focus", "fits the story", "holds it")
        ), row


def test_cli_places_explain_says_which_rule_left_a_namesake_out(tmp_path: Path) -> None:
    text = (
        "Traders said a mine exploded at Geneva, a hamlet near Garissa, on Sunday. Youths and police "
        "fought running battles in Nairobi's Eastleigh on Friday."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Herders and farmers clashed in Banga on Sunday.", encoding="utf-8")
    done = run_cli(
        "places", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--explain", "--format", "jsonl"
    )
    assert done.returncode == 0, done.stderr
    rows = {(Path(r["input"]).name, r["text"]): r for r in map(json.loads, done.stdout.splitlines())}
    assert (
        "told near Garissa; over 100 km from it: Geneva (AU), Geneva (CH)" in rows["a.txt", "Geneva"]["why"]
    )
    assert "a part of Nairobi the gazetteer does not know" in rows["a.txt", "Eastleigh"]["why"]
    banga = rows["b.txt", "Banga"]
    assert not banga["resolved"] and "namesakes in several countries, and the text names none" in banga["why"]


def test_cli_places_many_toponyms_none_lost(tmp_path: Path) -> None:
    towns = ["Kirkuk", "Mosul", "Erbil", "Basra", "Najaf", "Karbala", "Tikrit", "Fallujah"] * 150
    text = "Protests were held in " + ", in ".join(towns) + "."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    done = run_cli("places", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == len(towns) and all(r["resolved"] for r in rows)


def test_cli_ctrl_c_during_an_ingest_keeps_what_was_stored_and_a_rerun_resumes(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    import signal
    import sqlite3

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(1, 31):
        (inbox / f"a{n:02d}.txt").write_text(
            f"On 3 March 2021, gunmen killed {n} farmers near Garissa, Kenya, police said. Report {n}."
        )
    db = tmp_path / "events.db"
    exe = Path(sys.executable).parent / "eventwire"
    ingest = subprocess.Popen(
        [str(exe), "ingest", str(inbox), "--db", str(db)], stderr=subprocess.PIPE, text=True
    )
    assert ingest.stderr is not None
    stored = 0
    while stored < 3:  # a log line per article stored (stderr is no terminal)
        line = ingest.stderr.readline()
        assert line, f"the ingest ended before it was interrupted (status {ingest.wait()})"
        stored += "events stored" in line
    ingest.send_signal(signal.SIGINT)
    said = ingest.stderr.read()
    assert ingest.wait(60) == 130
    assert "interrupted;" in said and "The same command again goes on from there" in said
    with sqlite3.connect(db) as conn:
        kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 3 <= kept < 30
    again = run_cli("ingest", str(inbox), "--db", str(db))
    assert (
        again.returncode == 0
        and f"{30 - kept} coded" in again.stderr
        and f"{kept} stored already" in again.stderr
    )


def test_cli_a_feature_whose_extra_is_missing_names_the_extra_to_install() -> None:
    from eventwire import errors

    errors.needs("eventwire serve", "serve", "json")  # present: nothing to say
    with pytest.raises(errors.MissingExtra) as caught:
        errors.needs("eventwire serve", "serve", "json", "no_such_module_here")
    assert str(caught.value) == (
        "E150 eventwire serve needs eventwire's [serve] extra (no_such_module_here is not installed): "
        "pip install 'eventwire[serve]'"
    )


def test_cli_every_extra_a_feature_asks_for_exists_and_the_core_is_lean() -> None:
    import re
    import tomllib

    root = Path(__file__).parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    asked = {
        m.group(1)
        for path in (root / "src" / "eventwire").rglob("*.py")
        for m in re.finditer(r'needs\(\s*"[^"]*",\s*"(\w+)"', path.read_text(encoding="utf-8"))
    }
    # the E150 message tells users to install these: each must be an extra they can install
    assert asked and asked <= set(project["optional-dependencies"])
    core = {r.split("==")[0].lower() for r in project["dependencies"]}
    assert not core & {"fastapi", "uvicorn", "pyarrow", "distributed", "dask", "feedparser"}


# One place-less story: the country it is coded in is the one the feed's --country names.
MOB = "On 3 March 2021, a mob beat a man to death over a stolen {thing}."
# (what --country is given, the country records name) in every form a user may write it
COUNTRY_FORMS = [
    ("KE", "Kenya"),
    ("KEN", "Kenya"),
    ("Kenya", "Kenya"),
    ("kenya", "Kenya"),
    ("Russia", "Russia"),  # names pycountry does not know, as ACLED and the query filters write them
    ("DR Congo", "Democratic Republic of Congo"),
    ("congo", "Democratic Republic of Congo"),  # bare Congo is the Democratic Republic, everywhere
    ("Narnia", None),
]
# every command that takes --country, with each name of ACLED's CSV where it takes --format
COMMAND_FORMATS = [
    ("code", "csv"),
    ("code", "acled-csv"),
    ("ingest", None),
    ("query", "csv"),
    ("query", "acled-csv"),
    ("export", "csv"),
    ("export", "acled-csv"),
]


# names ACLED and texts give countries (pycountry's lookup alone knows none of them, or reads
# "Congo" as the Republic), and other forms users write
COUNTRY_NAMES = {
    "Russia": "RU",
    "Democratic Republic of Congo": "CD",
    "DR Congo": "CD",
    "Congo": "CD",
    "Republic of Congo": "CG",
    "Turkey": "TR",
    "Palestine": "PS",
    "Kosovo": "XK",
    "XK": "XK",
    "Burma": "MM",
    "UK": "GB",
    "The Gambia": "GM",
    "Swaziland": "SZ",
    "the Netherlands": "NL",
    "kenyan": "KE",
    "404": "KE",
}


def test_cli_a_country_is_read_one_way_by_every_reader(gaz: Any) -> None:
    from eventwire import ingest
    from eventwire.gazetteer.files import _Areas
    from eventwire.serve.query import _country

    in_files = _Areas(gaz.db)  # a gazetteer file's country column
    for value, cc in COUNTRY_NAMES.items():
        # a feed's --country and a JSON article's field; the query filters; the API's filter
        assert ingest.country_code(value) == gaz.country_code(value) == in_files.country(value) == cc, value
        assert _country(value) == gaz.country_named(value) == gaz.countries[cc].name, value
    assert ingest.country_code("Narnia") is None and in_files.country("Narnia") is None


@pytest.fixture(scope="module")
def countries_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of MOB told in four countries, each named by a JSON article's own field in a
    form pycountry's lookup alone would not take, or would read otherwise ("Congo")."""
    inbox = tmp_path_factory.mktemp("countries")
    for thing, country in (
        ("phone", "KEN"),
        ("bicycle", "Russia"),
        ("goat", "DR Congo"),
        ("radio", "Republic of Congo"),
    ):
        article = {"text": MOB.format(thing=thing), "published": "2021-03-05", "country": country}
        (inbox / f"{thing}.json").write_text(json.dumps(article), encoding="utf-8")
    db = inbox / "events.db"
    done = run_cli("ingest", str(inbox), "--db", str(db))
    assert done.returncode == 0 and "4 coded" in done.stderr, done.stderr
    return db


@pytest.mark.parametrize(("command", "fmt"), COMMAND_FORMATS)
@pytest.mark.parametrize(("given", "named"), COUNTRY_FORMS)
def test_cli_every_command_reads_a_country_and_a_format_name_alike(
    countries_db: Path, tmp_path: Path, command: str, fmt: str | None, given: str, named: str | None
) -> None:
    story = tmp_path / "mob.txt"
    story.write_text(MOB.format(thing="phone"), encoding="utf-8")
    db = tmp_path / "events.db"
    args = {
        "code": ["code", str(story), "--published", "2021-03-05"],
        "ingest": ["ingest", str(story), "--published", "2021-03-05", "--db", str(db)],
        "query": ["query", "--db", str(countries_db)],
        "export": ["export", "--db", str(countries_db)],
    }[command]
    # ACLED's form leaves out events located only to a country, as these are, unless asked
    shape = ["--format", fmt, "--country-level"] if fmt else []
    done = run_cli(*args, "--country", given, *shape)
    if named is None:  # an unknown country is an error that names it, never an empty table
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"'--country': E117 unknown country {given!r}" in done.stderr
        return
    assert done.returncode == 0, done.stderr
    if fmt is None:
        with sqlite3.connect(db) as conn:
            found = [json.loads(r) for (r,) in conn.execute("SELECT record FROM events")]
    else:
        rows = list(csv.reader(io.StringIO(done.stdout)))
        assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS  # one format under two names
        found = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert found and {r["country"] for r in found} == {named}, found


def test_cli_query_writes_as_export_does(countries_db: Path, tmp_path: Path) -> None:
    db = str(countries_db)
    plain = run_cli("query", "--db", db, "--format", "acled-csv")
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == 1  # the header alone
    assert "located only to a country (--country-level keeps them)" in plain.stderr
    kept = run_cli("query", "--db", db, "--format", "acled-csv", "--country-level")
    assert len(kept.stdout.splitlines()) > 4 and "left out" not in kept.stderr
    out = tmp_path / "events.csv"
    run_cli("query", "--db", db, "--format", "csv", "--country-level", "--excel", "--out", str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbfevent_id_cnty,")
    # binary on a terminal: each command says how it writes a file
    for args, says in (
        (["query", "--db", db], "give --out FILE or redirect stdout to a file"),
        (["export", "--db", db], "give --out FILE or redirect stdout to a file"),
        (["code", str(FIXTURES / "base-attacks.txt")], "parquet is binary: redirect stdout to a file"),
    ):
        done = _on_a_terminal(*args, "--format", "parquet")
        assert done.returncode == 2 and says in done.stderr, done.stderr


def _on_a_terminal(*args: str) -> subprocess.CompletedProcess[str]:
    """The command with its stdout on a terminal (a pseudo-terminal), stderr captured."""
    import pty

    exe = Path(sys.executable).parent / "eventwire"
    screen, tty = pty.openpty()
    try:
        return subprocess.run(
            [str(exe), *args], stdout=tty, stderr=subprocess.PIPE, text=True, timeout=300, check=False
        )
    finally:
        os.close(tty)
        os.close(screen)


def test_cli_ctrl_c_stops_watch_with_status_130_saying_what_was_stored(
    nlp_loaded: Any, tmp_path: Path
) -> None:
    from eventwire.bench import LocalSite, article_page, rss_feed

    site = LocalSite()
    site.add(
        "/a/1.html", article_page("Garissa", ["On 3 March 2021, gunmen killed two farmers near Garissa."])
    )
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss_feed(site.base, [("Garissa", f"{site.base}/a/1.html")]))
    exe = Path(sys.executable).parent / "eventwire"
    command = [
        str(exe),
        "watch",
        str(feed),
        "--db",
        str(tmp_path / "w.db"),
        "--every",
        "1h",
        "--host-delay",
        "0",
    ]
    watching = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert watching.stderr is not None
        line = ""
        while "feeds checked" not in line:  # the first pass is done: it waits for the next
            line = watching.stderr.readline()
            assert line, f"watch ended before it was interrupted (status {watching.wait()})"
        watching.send_signal(signal.SIGINT)
        said = watching.stderr.read()
        assert watching.wait(60) == 130
    finally:
        watching.kill()
        site.stop()
    assert "interrupted; 1 articles coded and stored" in said
    assert "The same command again goes on from there" in said and "Traceback" not in said


def test_cli_progress_bar_shows_the_model_loading_then_the_rate_and_time_left() -> None:
    from rich.console import Console

    from eventwire.cli.ingest import _Progress

    screen = io.StringIO()
    now = [100.0]
    bar = _Progress(
        10, Console(file=screen, force_terminal=True, color_system=None, width=160), lambda: now[0]
    )
    try:
        bar.bar.refresh()
        waiting = _plain(screen.getvalue())
        assert "loading the model" in waiting and "0/10" in waiting
        for done in range(1, 5):  # an article every half second
            now[0] += 0.5
            bar.advance(f"{done} coded, 0 skipped, 0 failed")
        screen.truncate(0)
        bar.bar.refresh()
    finally:
        bar.stop()
    going = _plain(screen.getvalue())
    assert "loading the model" not in going
    assert "4/10" in going and "2.0/s" in going  # the rate
    assert "ETA 0:00:03" in going  # six left at two a second
    assert "4 coded, 0 skipped, 0 failed" in going


def _plain(shown: str) -> str:
    """What a terminal shows, without the control sequences that draw it."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
