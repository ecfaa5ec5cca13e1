"""The index of a list of the user's files: their places laid over a copy of the base
index (or of an index holding the first of them), each row tagged with its file so that
the files added last can be taken out again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from .build import PLACE_INDEXES, _build_base, cell_middle
from .cache import Source, _tidy, index_path
from .files import Entry, Loaded, _Areas, _csv_rows, _Faults, _geonames_rows
from .names import Row, _latin, area_words, ascii_name, key, loose

BATCH = 20_000  # rows written at a time: memory stays flat whatever the file's size
BIG = 64 << 20  # bytes of files past which the place indexes are rebuilt rather than kept


def build(path: Path, added: Sequence[Source] = (), tell: Callable[[str], None] | None = None) -> None:
    """Write the index to ``path`` (atomically: a half-built index is never used), with the
    places of the user's files ``added``; then delete the indexes of other versions."""
    _build(path, added, tell)
    _tidy(path, index_path(()), index_path())  # and the index of the list as it is now


def _build(
    path: Path,
    added: Sequence[Source],
    tell: Callable[[str], None] | None,
    known: Sequence[Source] = (),
) -> dict[str, Loaded]:
    """Write the index of ``added`` to ``path``, starting from a copy of the index that
    shares most of its first files (see ``_start``: adding a file beside a big one, or taking
    out the last added, reads no other file), else of the base index. A malformed file
    raises InputError and leaves every index as it was.

    RETURNS (dict): path -> what each file read brought."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not added:
        _build_base(path)
        return {}
    start, done, gone = _start(added, known)
    if not start.exists():
        if tell:
            tell("building the base gazetteer index (about 20 s)")
        _build_base(start)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    shutil.copyfile(start, tmp)
    db = sqlite3.connect(tmp)
    try:
        # the copy is thrown away if anything fails: no journal is needed
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;")
        _tag(db)
        for s in gone:
            _take_out(db, s)
        loaded = _load_all(db, added[done:], tell)
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)
    return loaded


def _same(a: Source, b: Source) -> bool:
    return (a.path, a.format, a.digest) == (b.path, b.format, b.digest)


def _start(added: Sequence[Source], known: Sequence[Source]) -> tuple[Path, int, list[Source]]:
    """The index to copy (that of the files listed before, ``known``, or of a first part of
    ``added``), how many first files of ``added`` it holds, and the files after those that
    it holds too, whose rows are taken out (as long as they are small: taking out a big
    file's rows costs more than reading the others again). Else the base index."""
    best: tuple[Path, int, list[Source]] = (index_path(()), 0, [])
    for held in (known, *(added[:n] for n in range(len(added) - 1, 0, -1))):
        common = 0
        while common < min(len(held), len(added)) and _same(held[common], added[common]):
            common += 1
        gone = list(held[common:])
        if common > best[1] and sum(s.size for s in gone) <= BIG and _holds(index_path(held), gone):
            best = (index_path(held), common, gone)
    return best


def _holds(path: Path, gone: Sequence[Source]) -> bool:
    """The index exists and holds the rows of ``gone``, tagged, to take out."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found = {(r[0], r[1]) for r in db.execute("SELECT path, digest FROM sources")} if gone else set()
        finally:
            db.close()
    except sqlite3.DatabaseError:  # missing (cannot be opened), damaged, or without such rows
        return False
    return all((s.path, s.digest) in found for s in gone)


TAGGED = ("places", "names", "admin2")  # the tables a user's file adds rows to


def _tag(db: sqlite3.Connection) -> None:
    """Columns that say which of the user's files brought each row (NULL: the base index),
    so that the rows of the files added last can be taken out again."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS sources (id INTEGER PRIMARY KEY, path TEXT, format TEXT, "
        "digest TEXT, places INTEGER, names INTEGER)"
    )
    for table in TAGGED:
        if "src" not in [r[1] for r in db.execute(f"PRAGMA table_info({table})")]:
            db.execute(f"ALTER TABLE {table} ADD COLUMN src INTEGER")


def _take_out(db: sqlite3.Connection, s: Source) -> None:
    """The rows one of the user's files brought: only the last files' rows are taken out, so
    that no later file's place rests on them (a later file's names of a place it held)."""
    row = db.execute(
        "SELECT max(id) FROM sources WHERE path = ? AND digest = ?", (s.path, s.digest)
    ).fetchone()
    if row[0] is None:  # the index's name says it holds the file: it is damaged
        raise sqlite3.DatabaseError(f"the index has no rows of {s.path}")
    for table in TAGGED:
        db.execute(f"DELETE FROM {table} WHERE src = ?", row)
    db.execute("DELETE FROM sources WHERE id = ?", row)


def _load_all(
    db: sqlite3.Connection, added: Sequence[Source], tell: Callable[[str], None] | None
) -> dict[str, Loaded]:
    db.execute("CREATE TEMP TABLE extra (key TEXT, loose TEXT, id INTEGER)")
    big = sum(s.size for s in added) > BIG
    if big:
        db.executescript("DROP INDEX names_key; DROP INDEX names_loose; DROP INDEX places_a1;")
    areas = _Areas(db)
    districts: dict[tuple[str, str, str], tuple[int, list[Row]]] = {}  # of CSV lists, first file first
    out = {}
    for s in added:
        started = time.monotonic()
        if tell:
            tell(f"reading {s.path} ({s.size / 1e6:,.1f} MB)")
        src = db.execute(
            "INSERT INTO sources (path, format, digest) VALUES (?,?,?)", (s.path, s.format, s.digest)
        ).lastrowid
        assert src is not None
        out[s.path] = _load(db, s, src, areas, districts, tell)
        counted = (out[s.path].places, out[s.path].names, src)
        db.execute("UPDATE sources SET places = ?, names = ? WHERE id = ?", counted)
        if tell:
            seconds = time.monotonic() - started
            tell(f"{out[s.path].places:,} places from {Path(s.path).name} in {seconds:.0f} s")
    if big:
        if tell:
            tell("indexing the names")
        db.executescript(PLACE_INDEXES)
    _add_districts(db, districts)  # looks towns up by name: once the names are indexed
    return out


def _load(
    db: sqlite3.Connection,
    s: Source,
    src: int,
    areas: _Areas,
    districts: dict[tuple[str, str, str], tuple[int, list[Row]]],
    tell: Callable[[str], None] | None,
) -> Loaded:
    """One file's places into the index, tagged ``src``: a place whose id the index holds
    already (a cities500 town in a GeoNames dump, a village listed twice) adds only the
    names it lacks."""
    faults, notes = _Faults(s.path), list[str]()
    path = Path(s.path)
    rows = (
        _geonames_rows(path, s.path, faults)
        if s.format == "geonames"
        else _csv_rows(path, s.path, faults, areas, notes)
    )
    counts = Counter[str]()
    pending: list[Entry] = []
    for entry in rows:
        if entry[8]:
            districts.setdefault((entry[2], entry[3], entry[8]), (src, []))[1].append(entry)
        pending.append(entry)
        if len(pending) >= BATCH:
            _write(db, pending, src, counts)
            pending = []
            if tell and counts["rows"] % 1_000_000 < BATCH:
                tell(f"... {counts['rows']:,} places read")
    _write(db, pending, src, counts)
    faults.check()
    added_names = db.execute(
        "INSERT INTO names SELECT key, loose, id, ? FROM (SELECT key, loose, id FROM extra "
        "EXCEPT SELECT key, loose, id FROM names WHERE id IN (SELECT id FROM extra))",
        (src,),
    ).rowcount
    db.execute("DELETE FROM extra")
    if counts["nameless"]:
        notes.append(
            f"{counts['nameless']:,} places have no name in Latin letters of 3 or more, which the "
            "gazetteer looks names up by: they were left out"
        )
    return Loaded(counts["places"], counts["names"] + max(added_names, 0), tuple(notes))


def _write(db: sqlite3.Connection, pending: list[Entry], src: int, counts: Counter[str]) -> None:
    """A batch of places: new ones with their names, known ones (by id) their names apart."""
    ids = [e[0] for e in pending]
    have: set[int] = set()
    for i in range(0, len(ids), 900):  # under SQLite's limit of variables
        chunk = ids[i : i + 900]
        have.update(
            r[0]
            for r in db.execute(f"SELECT id FROM places WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        )
    places: list[Row] = []
    names: list[tuple[str, str, int, int]] = []
    extra: list[tuple[str, str, int]] = []
    for gid, name, cc, admin1, lat, lon, population, called, _ in pending:
        seen: set[str] = set()
        keys = []
        for n in called:
            k = key(n)
            if k and len(k) > 2 and k not in seen and _latin(n):
                seen.add(k)
                keys.append((k, loose(n), gid))
        counts["rows"] += 1
        if not keys:
            counts["nameless"] += 1
        elif gid in have:
            extra.extend(keys)
        else:
            have.add(gid)
            places.append((gid, name, cc, admin1, lat, lon, population, src))
            names.extend((*k, src) for k in keys)
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    db.executemany("INSERT INTO extra VALUES (?,?,?)", extra)
    counts["places"] += len(places)
    counts["names"] += len(names)


def _add_districts(
    db: sqlite3.Connection, districts: dict[tuple[str, str, str], tuple[int, list[Row]]]
) -> None:
    """A CSV's second-level areas that the index lacks, placed as ``_build_counties`` places
    them: at the town of their name, else at the middle of their places."""
    for (cc, admin1, name), (src, members) in districts.items():
        stem = area_words().sub("", key(name))
        if db.execute(
            "SELECT 1 FROM admin2 WHERE key IN (?, ?) AND cc = ? AND admin1 = ?",
            (key(name), stem, cc, admin1),
        ).fetchone():
            continue
        # at the town of its name in its area where there is one ("Al Bab" at Al-Bab)
        town = db.execute(
            "SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.id "
            "WHERE n.key = ? AND p.cc = ? AND p.admin1 = ? ORDER BY p.population DESC LIMIT 1",
            (stem, cc, admin1),
        ).fetchone()
        lat, lon = (town[0], town[1]) if town else cell_middle(members)
        for k in {key(name), stem} - {""}:
            row = (k, cc, admin1, ascii_name(name), lat, lon, 2 if town is not None else 1, src)
            db.execute("INSERT INTO admin2 VALUES (?,?,?,?,?,?,?,?)", row)
