"""A user's own gazetteer: GeoNames dumps and CSV lists of places added to the index.

Every test has a cache folder of its own (``EVENTWIRE_CACHE``), holding a link to one base
index built once for the module, so that the user's real index is never read or written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import run_cli

from eventwire import gazetteer
from eventwire.errors import InputError
from eventwire.gazetteer import overlay
from eventwire.gazetteer.cache import REGISTRY

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"
HEADER = "name,latitude,longitude,country,admin1\n"
GEONAMES_ROW = "\t".join(  # GeoNames' 19 columns: an invented village of Nineveh
    ["99000201", "Tall Zahrun", "Tall Zahrun", "", "36.30000", "43.10000", "P", "PPL", "IQ", "", "15"]
    + ["", "", "", "0", "", "250", "Asia/Baghdad", "2023-01-10\n"]
)


@pytest.fixture(scope="module")
def base_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base index (GeoNames alone), built once for the module (about 20 s)."""
    folder = tmp_path_factory.mktemp("base")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVENTWIRE_CACHE", str(folder))
        path = gazetteer.index_path(())
        overlay.build(path)
    return path


@pytest.fixture()
def cache(base_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own with the base index in it: a hard link will do, as
    an index is never written in place (a build writes a copy and renames it)."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("EVENTWIRE_CACHE", str(folder))
    try:
        os.link(base_index, folder / base_index.name)
    except OSError:
        shutil.copyfile(base_index, folder / base_index.name)
    gazetteer.open_gazetteer.cache_clear()
    yield folder
    gazetteer.open_gazetteer.cache_clear()  # no index of this folder for later tests


def _own(tmp_path: Path, name: str) -> Path:
    """A copy of a fixture file that the test may change."""
    return Path(shutil.copy(FIXTURES / name, tmp_path / name))


def _state(cache: Path) -> tuple[list[tuple[str, int]], bytes]:
    """The cache folder's indexes (name, inode) and the list of the user's files."""
    registry = cache / REGISTRY
    files = sorted((p.name, p.stat().st_ino) for p in cache.glob("gazetteer-*"))
    return files, registry.read_bytes() if registry.exists() else b""


@pytest.mark.parametrize("name", ["IQ-villages.txt", "IQ.zip"])
def test_user_gazetteer_geonames_dump_adds_its_villages(cache: Path, tmp_path: Path, name: str) -> None:
    assert gazetteer.open_gazetteer().places("Kharbat Sumaq") == []
    [(source, loaded)] = gazetteer.add([_own(tmp_path, name)])
    assert source.format == "geonames" and loaded is not None and loaded.places == 3
    gaz = gazetteer.open_gazetteer()
    [village] = gaz.places("Khirbat Sumaq")  # by an alternate name
    assert (village.geonameid, village.country_code, village.admin1_code) == (99000101, "IQ", "15")
    assert (village.latitude, village.longitude) == (36.5214, 42.6127)
    assert gaz.admin1_name("IQ", village.admin1_code) == "Nineveh"
    assert [c.name for c in gaz.places("Ayn Dhibyan")] == ["ʿAyn Dhibyān"]  # abandoned: kept
    assert gaz.places("Qasr Hamdan") == [] and gaz.places("Wadi Sumaq") == []  # historical; a valley
    # a cities500 town in the dump lends its alternate names only
    [kirkuk] = gaz.places("Karkuk Qadima")
    assert (kirkuk.geonameid, kirkuk.population) == (94787, 1031000)
    assert gaz.places("Tal Rzeiqa")[0].population == 850


def test_user_gazetteer_csv_list_adds_its_places(cache: Path, tmp_path: Path) -> None:
    [(source, loaded)] = gazetteer.add([_own(tmp_path, "settlements.csv")])  # UTF-8 with BOM, CRLF
    assert source.format == "csv" and loaded is not None and (loaded.places, loaded.notes) == (4, ())
    gaz = gazetteer.open_gazetteer()
    found = {
        name: [(c.name, c.country_code, c.admin1_code, c.latitude, c.longitude) for c in gaz.places(name)]
        for name in ("Tal Qarmuz", "Deir Shamran", "Bait Hanash", "Jubb Safa")
    }
    assert found == {
        "Tal Qarmuz": [("Tell Qarmuz", "SY", "09", 36.3812, 37.9104)],  # SYR, Aleppo
        "Deir Shamran": [("Deir Shamran", "SY", "12", 35.8321, 36.379)],  # Syria, Idlib
        "Bait Hanash": [("Bayt Hanash", "YE", "25", 13.6551, 44.087)],  # YE, Ta'izz
        "Jubb Safa": [("Jubb Safa", "SY", "09", 36.195, 37.4411)],  # Syrian Arab Republic, SY-HL
    }
    village = gaz.places("Tell Qarmuz")[0]
    assert village.geonameid < 0 and village.population == 0  # never a GeoNames id
    # its district, which GeoNames lacks, is known now
    assert [(c.name, c.admin1_code) for c in gaz.counties("Shamran Hills District")] == [
        ("Shamran Hills District", "12")
    ]
    # ids come from country, name and position: the same from build to build
    gazetteer.remove(["settlements.csv"])
    assert gazetteer.open_gazetteer().places("Tell Qarmuz") == []
    gazetteer.add([tmp_path / "settlements.csv"])
    assert gazetteer.open_gazetteer().places("Tell Qarmuz")[0].geonameid == village.geonameid


BAD = [
    (
        "lat.csv",
        HEADER + "Tell Amar,36.1,43.2,IQ,Nineveh\nTell Bamar,95.2,43.2,IQ,Nineveh\n",
        3,
        "latitude 95.2",
    ),
    ("lon.csv", HEADER + "Tell Amar,36.1,east,IQ,Nineveh\n", 2, "longitude 'east' is not a number"),
    ("cc.csv", HEADER + "Tell Amar,36.1,43.2,Narnia,Nineveh\n", 2, "unknown country 'Narnia'"),
    ("a1.csv", HEADER + "Tell Amar,36.34,43.13,IRQ,Tigris\n", 2, "'Tigris' is no first-level area of Iraq"),
    ("swap.csv", HEADER + "Tell Amar,43.13,36.34,IQ,Nineveh\n", 2, "look swapped"),
    ("zero.csv", HEADER + "Tell Amar,0,0,IQ,Nineveh\n", 2, "missing position"),
    ("short.csv", HEADER + "Tell Amar,36.1,43.2,IQ\n", 2, "4 fields; the header has 5"),
    ("head.csv", "name,latitude,longitude,admin1\nTell Amar,36.1,43.2,Nineveh\n", 1, "no country column"),
    ("enc.csv", HEADER + "Tell Amar,36.1,43.2,IQ,Nin\xe9veh\n", 2, "not UTF-8"),
    ("cols.txt", GEONAMES_ROW + GEONAMES_ROW.replace("\t\t250", "\t250"), 2, "18 tab-separated columns"),
    ("id.txt", GEONAMES_ROW + GEONAMES_ROW.replace("99000201", "9900x"), 2, "not a whole number"),
]


@pytest.mark.parametrize(("name", "text", "line", "reason"), BAD, ids=[b[0] for b in BAD])
def test_user_gazetteer_malformed_line_is_refused_and_nothing_changes(
    cache: Path, tmp_path: Path, name: str, text: str, line: int, reason: str
) -> None:
    gazetteer.add([_own(tmp_path, "settlements.csv")])
    before = _state(cache)
    bad = tmp_path / name
    bad.write_bytes(text.encode("latin-1") if name == "enc.csv" else text.encode())
    with pytest.raises(InputError) as refused:
        gazetteer.add([bad])
    message = str(refused.value)
    assert message.startswith(f"{bad}:{line}: E140") and reason in message, message
    assert _state(cache) == before  # the list and every index as they were
    assert not list(cache.glob("*.tmp*"))
    assert gazetteer.open_gazetteer().places("Tall Zahrun") == []


def test_user_gazetteer_refusal_lists_every_bad_line_and_a_hint(cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Tell Amar,36.1,43.2,IQ,Nineveh\nA,95,43,IQ,Nineveh\nB,36.34,43.13,IQ,Tigris\n")
    with pytest.raises(InputError) as refused:
        gazetteer.add([bad])
    message = str(refused.value)
    assert message.startswith(f"{bad}:3: E140") and "(also line 4:" in message
    assert "the nearest town GeoNames knows, Mosul, is in Nineveh" in message


def test_user_gazetteer_unreadable_or_unknown_files(cache: Path, tmp_path: Path) -> None:
    good = _own(tmp_path, "settlements.csv")
    (tmp_path / "notes.txt").write_text("villages to add later\n")
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as archive:
        archive.writestr("IQ.txt", GEONAMES_ROW)
        archive.writestr("SY.txt", GEONAMES_ROW)
    (tmp_path / "cut.zip").write_bytes((FIXTURES / "IQ.zip").read_bytes()[:300])
    cases = {
        "missing.csv": "E141 cannot read the gazetteer file: no such file",
        "notes.txt": "E142 not a gazetteer file eventwire reads (its first line has no header",
        "two.zip": "E142 not a gazetteer file eventwire reads (the zip holds 2 .txt files",
        "cut.zip": "E141 cannot read the gazetteer file: a damaged or truncated zip",
    }
    for name, reason in cases.items():
        with pytest.raises(InputError) as refused:
            gazetteer.add([good, tmp_path / name])  # nor is the good one added
        assert str(refused.value).startswith(f"{tmp_path / name}: {reason}"), refused.value
    assert gazetteer.sources() == ()


def test_user_gazetteer_index_name_follows_the_files(cache: Path, tmp_path: Path) -> None:
    base = gazetteer.index_path()
    assert base == gazetteer.index_path(())
    gazetteer.add([_own(tmp_path, "settlements.csv")])
    with_csv = gazetteer.index_path()
    assert with_csv != base and with_csv.exists() and base.exists()  # the base is kept to build on
    [(_, again)] = gazetteer.add([tmp_path / "settlements.csv"])  # unchanged: not read again
    assert again is None and gazetteer.index_path() == with_csv
    gazetteer.add([_own(tmp_path, "IQ.zip")])
    both = gazetteer.index_path()
    assert both not in (base, with_csv) and not with_csv.exists()
    gazetteer.remove([str(tmp_path / "settlements.csv"), "IQ.zip"])
    assert gazetteer.index_path() == base and not both.exists()
    assert not (cache / REGISTRY).exists()
    with pytest.raises(InputError, match="E145"):
        gazetteer.remove(["IQ.zip"])


def test_user_gazetteer_changed_or_missing_file_is_named(cache: Path, tmp_path: Path) -> None:
    own = _own(tmp_path, "settlements.csv")
    gazetteer.add([own])
    # touched, same bytes: as added, and its new time is remembered
    os.utime(own, ns=(1_000_000_000, 1_000_000_000))
    gazetteer.open_gazetteer.cache_clear()
    assert gazetteer.open_gazetteer().places("Tell Qarmuz")
    assert gazetteer.sources()[0].mtime_ns == 1_000_000_000
    with own.open("a", encoding="utf-8") as handle:
        handle.write("Tall Zahrun,36.3,43.1,IQ,Nineveh,,,\n")
    gazetteer.open_gazetteer.cache_clear()
    with pytest.raises(InputError) as changed:
        gazetteer.open_gazetteer()
    message = str(changed.value)
    assert message.startswith(f"{own}: E143") and f"gazetteer add {own}" in message
    assert f"gazetteer remove {own}" in message
    proc = run_cli("places", str(FIXTURES / "IQ-villages.txt"))  # stops before reading anything
    assert proc.returncode == 2 and "E143" in proc.stderr and "Traceback" not in proc.stderr
    gazetteer.add([own])  # the new version
    assert gazetteer.open_gazetteer().places("Tall Zahrun")[0].admin1_code == "15"
    own.unlink()
    gazetteer.open_gazetteer.cache_clear()
    with pytest.raises(InputError, match="E144 this gazetteer file is gone"):
        gazetteer.open_gazetteer()
    gazetteer.remove([str(own)])  # a file that is gone can be removed
    assert gazetteer.open_gazetteer().places("Tall Zahrun") == []


def test_user_gazetteer_commands(cache: Path, tmp_path: Path) -> None:
    own = _own(tmp_path, "settlements.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Tell Amar,95,43.2,IQ,Nineveh\n")
    refused = run_cli("gazetteer", "add", str(bad))
    assert (
        refused.returncode == 2 and f"{bad}:2: E140" in refused.stderr and "Traceback" not in refused.stderr
    )
    added = run_cli("gazetteer", "add", str(own))
    assert added.returncode == 0, added.stderr
    assert f"{own}: added (csv): 4 places, 9 names" in added.stderr
    listed = run_cli("gazetteer", "list", "--format", "jsonl")
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {k: row[k] for k in ("path", "format", "places", "state")} == {
        "path": str(own),
        "format": "csv",
        "places": 4,
        "state": "as added",
    }
    assert re.search(rf"index: {re.escape(str(gazetteer.index_path()))} \(\d+ MB\)", listed.stderr)
    table = run_cli("gazetteer", "list", "--format", "table")
    assert "as added" in table.stdout and "index: " in table.stdout
    removed = run_cli("gazetteer", "remove", "settlements.csv")
    assert removed.returncode == 0 and f"{own}: removed (4 places)" in removed.stderr
    table = run_cli("gazetteer", "list", "--format", "table")
    assert "no gazetteer files of your own" in table.stdout
    gazetteer.open_gazetteer.cache_clear()
    assert gazetteer.open_gazetteer().places("Tell Qarmuz") == []


def test_user_gazetteer_code_places_the_event_at_the_village(cache: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Gunmen killed three people in Tell Qarmuz, Syria on Monday.\n")
    (inbox / "b.txt").write_text("Gunmen killed three people in Kharbat Sumaq, Iraq on Monday.\n")

    def located() -> list[tuple[object, ...]]:
        proc = run_cli("code", str(inbox), "--format", "jsonl", "--published", "2024-03-06")
        assert proc.returncode == 0, proc.stderr
        records = [json.loads(line) for line in proc.stdout.splitlines()]
        keys = ("location", "admin1", "country", "latitude", "longitude", "geo_precision", "event_date")
        return [tuple(r[k] for k in keys) for r in records]

    before = located()
    assert len(before) == 2 and all(r[0] not in ("Tell Qarmuz", "Kharbat Sumaq") for r in before)
    gazetteer.add([_own(tmp_path, "settlements.csv"), _own(tmp_path, "IQ.zip")])
    assert located() == [
        ("Tell Qarmuz", "Aleppo", "Syria", 36.3812, 37.9104, 1, "2024-03-04"),
        ("Kharbat Sumaq", "Ninewa", "Iraq", 36.5214, 42.6127, 1, "2024-03-04"),  # ACLED's spelling
    ]


def _rows(path: Path) -> list[list[tuple[object, ...]]]:
    """Every row of the tables a user's file adds to, in one order, without their tags."""
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    queries = (
        "SELECT id, name, cc, admin1, lat, lon, population FROM places ORDER BY id",
        "SELECT key, loose, id FROM names ORDER BY key, id",
        "SELECT key, cc, admin1, name, lat, lon, town FROM admin2 ORDER BY key, cc, admin1, name",
    )
    try:
        return [db.execute(q).fetchall() for q in queries]
    finally:
        db.close()


def test_user_gazetteer_taking_out_the_last_file_equals_a_fresh_build(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gazetteer.add([_own(tmp_path, "IQ.zip"), _own(tmp_path, "settlements.csv")])
    before = _rows(gazetteer.index_path())
    more = tmp_path / "more.csv"
    more.write_text(
        "name,latitude,longitude,country,admin1,admin2,alternate_names\n"
        "Tell Qarmuz,36.3812,37.9104,SY,Aleppo,,Tell Karmuz Kabir\n"  # listed before: its names only
        # a CSV place never merges with a GeoNames one (other ids): a place of its own
        "Kharbat Sumaq,36.5214,42.6127,IQ,Nineveh,Sumaq District,\n"
        "Tall Zahrun,36.3,43.1,IQ,Nineveh,Sumaq District,\n"
    )
    [(_, loaded)] = gazetteer.add([more])
    assert loaded is not None and loaded.places == 2
    gaz = gazetteer.open_gazetteer()
    assert [c.name for c in gaz.places("Tell Karmuz Kabir")] == ["Tell Qarmuz"]
    assert [(c.name, c.admin1_code) for c in gaz.counties("Sumaq District")] == [("Sumaq District", "15")]

    def never(*args: object) -> None:
        raise AssertionError("the dump was read again")

    monkeypatch.setattr(overlay, "_geonames_rows", never)  # its rows are taken out instead
    gazetteer.remove(["more.csv"])
    assert _rows(gazetteer.index_path()) == before
    monkeypatch.undo()
    monkeypatch.setenv("EVENTWIRE_CACHE", str(cache))
    gazetteer.index_path().unlink()
    gazetteer.open_gazetteer.cache_clear()
    gazetteer.open_gazetteer()  # built again from the base index and both files
    assert _rows(gazetteer.index_path()) == before
