"""A user's own gazetteer files as read: their format (a GeoNames dump, or a zip of one;
a CSV list of settlements), and every line checked, a malformed one named with its line."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import math
import re
import sqlite3
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import tables
from ..errors import E_GAZ_FORMAT, E_GAZ_LINE, E_GAZ_READ, InputError, TableError
from .build import distance_km
from .cache import Source, _digest
from .countries import read_country
from .names import WORDS, _word_list, area_words, key, loose

HISTORICAL = frozenset({"PPLH", "PPLCH"})  # populated places of the past: ancient towns, old capitals
MAX_FAULTS = 20  # malformed lines listed in one refusal


@dataclass(frozen=True)
class Loaded:
    """What reading one file brought into the index."""

    places: int
    names: int
    notes: tuple[str, ...]  # warnings for the user (rows left out, coordinates to check)


# A place as a file gives it: id, name, country, admin1 code, latitude, longitude,
# population, every name it is called by, and (CSV) its second-level area.
Entry = tuple[int, str, str, str, float, float, int, list[str], str]


def _source(given: Path) -> Source:
    """``given`` as a Source: its format, size, time and digest (InputError if it cannot be
    read or is of no format we read)."""
    path = Path(given).expanduser().resolve()
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            raise InputError(str(given), E_GAZ_READ.format(detail="not a regular file"))
        fmt = _format_of(path, str(given))
        digest = _digest(path)
    except FileNotFoundError as err:
        raise InputError(str(given), E_GAZ_READ.format(detail="no such file")) from err
    except (OSError, zipfile.BadZipFile) as err:
        raise InputError(str(given), E_GAZ_READ.format(detail=getattr(err, "strerror", None) or err)) from err
    added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return Source(str(path), fmt, found.st_size, found.st_mtime_ns, digest, added)


def _format_of(path: Path, origin: str) -> str:
    """ "geonames" or "csv", from the file's first line (GeoNames' 19 tab-separated columns,
    or a CSV header naming at least a name and a latitude)."""
    inside = ""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = _member(archive, origin)
            inside = f" ({member.filename} in the zip)"
            with archive.open(member) as handle:
                first = handle.readline(1 << 16)
    else:
        with path.open("rb") as handle:
            first = handle.readline(1 << 16)
    if first.startswith(b"PK\x03\x04"):  # a zip with no directory at its end: cut short
        raise InputError(origin, E_GAZ_READ.format(detail="a damaged or truncated zip"))
    try:
        line = first.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError as err:
        detail = f"its first line{inside} is not UTF-8 text (UTF-16? binary?); save it as UTF-8"
        raise InputError(origin, E_GAZ_FORMAT.format(detail=detail)) from err
    if line.count("\t") == 18:
        return "geonames"
    columns = _header(line)
    if not inside and {"name", "latitude"} <= set(columns.values()):
        return "csv"
    if not line.strip():
        raise InputError(origin, E_GAZ_FORMAT.format(detail=f"the first line{inside} is empty"))
    shape = (
        f"{line.count(chr(9)) + 1} tab-separated columns"
        if "\t" in line
        else "no header with name and latitude"
    )
    raise InputError(origin, E_GAZ_FORMAT.format(detail=f"its first line{inside} has {shape}"))


def _member(archive: zipfile.ZipFile, origin: str) -> zipfile.ZipInfo:
    """The one GeoNames .txt in a zip (IQ.zip holds IQ.txt and readme.txt)."""
    found = [
        i
        for i in archive.infolist()
        if not i.is_dir()
        and i.filename.lower().endswith(".txt")
        and Path(i.filename).name.lower() != "readme.txt"
    ]
    if len(found) != 1:
        names = ", ".join(i.filename for i in found) or "none"
        detail = f"the zip holds {len(found)} .txt files besides readme.txt ({names}), not one"
        raise InputError(origin, E_GAZ_FORMAT.format(detail=detail))
    return found[0]


def _lines(path: Path, origin: str) -> Iterator[tuple[int, str]]:
    """(number, text) of each line of ``path``, or of the GeoNames .txt in it when it is a
    zip: read a line at a time (a 1.5 GB dump is never held) and decoded as UTF-8, a byte
    order mark read past."""
    n = 0
    try:
        with contextlib.ExitStack() as stack:
            if zipfile.is_zipfile(path):
                archive = stack.enter_context(zipfile.ZipFile(path))
                handle: Iterable[bytes] = stack.enter_context(archive.open(_member(archive, origin)))
            else:
                handle = stack.enter_context(path.open("rb"))
            for n, raw in enumerate(handle, 1):
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as err:
                    detail = f"not UTF-8 (byte {err.start + 1} of the line); save the file as UTF-8"
                    raise InputError(f"{origin}:{n}", E_GAZ_LINE.format(detail=detail)) from err
                yield n, text.removeprefix("\ufeff") if n == 1 else text
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as err:
        detail = f"{getattr(err, 'strerror', None) or err} (after line {n:,})"
        raise InputError(origin, E_GAZ_READ.format(detail=detail)) from err


class _Faults:
    """The malformed lines of one file, gathered so that one refusal lists up to 20 of them."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.lines: list[tuple[int, str]] = []

    def add(self, n: int, detail: str) -> None:
        self.lines.append((n, detail))
        if len(self.lines) >= MAX_FAULTS:
            self.check()

    def check(self) -> None:
        if not self.lines:
            return
        n, detail = self.lines[0]
        more = "; ".join(f"line {k}: {d}" for k, d in self.lines[1:])
        if more:
            stop = f"; reading stopped at {MAX_FAULTS} such lines" if len(self.lines) >= MAX_FAULTS else ""
            detail += f" (also {more}{stop})"
        raise InputError(f"{self.origin}:{n}", E_GAZ_LINE.format(detail=detail))


def _point(lat_text: str, lon_text: str) -> tuple[float, float] | str:
    """(latitude, longitude), or what is wrong with them."""
    values = []
    for what, text, limit in (("latitude", lat_text, 90), ("longitude", lon_text, 180)):
        try:
            value = float(text)
        except ValueError:
            return f"{what} {text.strip()!r} is not a number"
        if not -limit <= value <= limit:  # NaN too
            return f"{what} {text.strip()} is outside -{limit}..{limit}"
        values.append(value)
    return values[0], values[1]


def _geonames_rows(path: Path, origin: str, faults: _Faults) -> Iterator[Entry]:
    """The populated places (feature class P, but not the historical ones) of a GeoNames
    dump; every line is checked, whatever its class."""
    for n, line in _lines(path, origin):
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != 19:
            if line.strip():
                faults.add(n, f"{len(cols)} tab-separated columns; GeoNames' lines have 19")
            continue
        at = _point(cols[4], cols[5])
        if isinstance(at, str):
            faults.add(n, at)
            continue
        try:
            gid, population = int(cols[0]), int(cols[14] or 0)
        except ValueError:
            faults.add(n, f"geonameid {cols[0]!r} or population {cols[14]!r} is not a whole number")
            continue
        if gid <= 0:
            faults.add(n, f"geonameid {gid} is not positive")
        elif cols[6] == "P" and cols[7] not in HISTORICAL and cols[8]:
            yield (
                gid,
                cols[1],
                cols[8],
                cols[10],
                at[0],
                at[1],
                population,
                [cols[1], cols[2], *cols[3].split(",")],
                "",
            )


FIELDS = ("name", "latitude", "longitude", "country", "admin1", "admin2", "alternate_names", "population")
REQUIRED = ("name", "latitude", "longitude", "country", "admin1")
ALSO_CALLED = re.compile(r"[;|]")


@tables.table
def csv_fields() -> dict[str, str]:
    """A CSV header's column name, as a ``key`` -> the field it gives: the names humanitarian
    lists write (``csv_columns`` of gazetteer.yaml); other columns are read past."""
    table = tables.load_yaml(WORDS, ("csv_columns",))["csv_columns"]
    if not isinstance(table, dict) or set(table) != set(FIELDS) or not all(map(_word_list, table.values())):
        raise TableError(WORDS, "csv_columns", f"must give the header names of each of {list(FIELDS)}")
    if unkeyed := sorted(str(w) for names in table.values() for w in names if w != key(w)):
        raise TableError(
            WORDS, "csv_columns", f"write header names as keys (lower case, no punctuation): {unkeyed}"
        )
    return {alias: field for field, aliases in table.items() for alias in aliases}


def _delimiter(header: str) -> str:
    """The CSV's delimiter: a comma, or a semicolon or tab where the header has more of those."""
    return max(",;\t", key=header.count)


def _header(line: str) -> dict[int, str]:
    """Column number -> field, for the columns of a CSV header that we read."""
    try:
        cells = next(csv.reader([line], delimiter=_delimiter(line)), [])
    except csv.Error:  # a NUL byte, a stray carriage return: no header
        return {}
    fields = csv_fields()
    return {i: fields[key(c)] for i, c in enumerate(cells) if key(c) in fields}


def _csv_rows(path: Path, origin: str, faults: _Faults, areas: _Areas, notes: list[str]) -> Iterator[Entry]:
    """The places of a CSV list; every row is checked (a name, a position, a country and a
    first-level area we know) and a row's id is made from its country, name and position, so
    that it stays the same from build to build and never meets a GeoNames id."""
    lines = _lines(path, origin)
    first = next(lines, (1, ""))[1]
    columns = _header(first)
    fields = list(columns.values())
    for field in REQUIRED:
        if field not in fields:
            faults.add(1, f"the header has no {field} column (it has: {first.strip()[:200]})")
    for field in set(fields):
        if fields.count(field) > 1:
            faults.add(1, f"the header has {fields.count(field)} {field} columns")
    faults.check()
    at = {field: i for i, field in columns.items()}
    width = len(next(csv.reader([first], delimiter=_delimiter(first))))
    far: list[int] = []
    for n, row, began in _records(
        csv.reader((text for _, text in lines), delimiter=_delimiter(first)), faults
    ):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            opened = f" (a quote opened on line {began} and not closed?)" if began < n else ""
            faults.add(n, f"{len(row)} fields; the header has {width}{opened}")
            continue
        name = row[at["name"]].strip()
        where = _point(row[at["latitude"]], row[at["longitude"]])
        cc = areas.country(row[at["country"]])
        if not name:
            faults.add(n, "the name is empty")
        elif isinstance(where, str):
            faults.add(n, where)
        elif where == (0.0, 0.0):
            faults.add(n, "latitude and longitude are both 0, which marks a missing position")
        elif cc is None:
            value = row[at["country"]].strip()
            faults.add(n, f"unknown country {value!r}: give an ISO 3166 code (IQ, IRQ) or a country name")
        else:
            lat, lon = where
            admin1 = areas.admin1(cc, row[at["admin1"]])
            population = row[at["population"]].strip() if "population" in at else ""
            if admin1 is None:
                faults.add(n, areas.unknown_admin1(cc, row[at["admin1"]], lat, lon))
            elif areas.swapped(cc, lat, lon):
                faults.add(n, f"latitude and longitude look swapped: {lon}, {lat} lies in {areas.names[cc]}")
            elif population and not population.isdigit():
                faults.add(n, f"population {population!r} is not a whole number")
            else:
                if areas.far(cc, lat, lon):
                    far.append(n)
                called = [
                    name,
                    *ALSO_CALLED.split(row[at["alternate_names"]] if "alternate_names" in at else ""),
                ]
                seed = f"{cc}\t{key(name)}\t{lat:.4f}\t{lon:.4f}"
                gid = -(int(hashlib.sha1(seed.encode()).hexdigest()[:13], 16) + 1)
                admin2 = row[at["admin2"]].strip() if "admin2" in at else ""
                yield gid, name, cc, admin1, lat, lon, int(population or 0), called, admin2
    if far:
        lines_at = ", ".join(map(str, far[:10])) + (", ..." if len(far) > 10 else "")
        notes.append(
            f"{len(far)} places lie 2 degrees (some 200 km) or more from every GeoNames town of "
            f"their country (lines {lines_at}): check their coordinates"
        )


def _records(reader: Any, faults: _Faults) -> Iterator[tuple[int, list[str], int]]:
    """(line number, fields, line the record began on) of each CSV record after the header,
    which was read apart; a line the csv module cannot read (a NUL byte) is a fault."""
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            faults.add(reader.line_num + 1, f"not CSV: {err}")
            last = reader.line_num
            continue
        yield reader.line_num + 1, row, last + 2
        last = reader.line_num


class _Areas:
    """What a CSV row's country and first-level area are checked against: the countries,
    areas and towns of the index being built."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.names = {str(r[0]): str(r[1]) for r in db.execute("SELECT cc, name FROM countries")}
        self.codes: dict[tuple[str, str], str] = {}  # (cc, area name) -> admin1 code, first code first
        self.loose_codes: dict[tuple[str, str], str] = {}
        self.area_of: dict[tuple[str, str], str] = {}  # (cc, admin1 code) -> its name, "" if none
        for cc, code, name in db.execute("SELECT cc, code, name FROM admin1 ORDER BY cc, code"):
            self.area_of[(cc, code)] = name
            if name:
                self.codes.setdefault((cc, name), code)
                self.loose_codes.setdefault((cc, loose(area_words().sub("", key(name)))), code)
        self._countries: dict[str, str | None] = {}
        self._areas: dict[tuple[str, str], str | None] = {}
        self._cells: dict[str, set[tuple[int, int]]] = {}

    def country(self, value: str) -> str | None:
        """The ISO alpha-2 code of an ISO code (IQ, IRQ) or a country name, as every command
        reads a country (``read_country``); None if unknown."""
        if value not in self._countries:
            self._countries[value] = read_country(self.db, self.names, value)
        return self._countries[value]

    def admin1(self, cc: str, value: str) -> str | None:
        """The GeoNames admin1 code of an area's name (GeoNames', ISO's, with or without
        "Province"), its ISO 3166-2 code (IQ-NI) or its GeoNames code; "" for an empty cell;
        None if unknown."""
        if (cc, value) not in self._areas:
            self._areas[(cc, value)] = self._admin1(cc, value.strip())
        return self._areas[(cc, value)]

    def _admin1(self, cc: str, value: str) -> str | None:
        import pycountry

        if not value:
            return ""
        if (cc, value) in self.area_of:  # GeoNames' own code ("15")
            return value
        called = [value]
        with contextlib.suppress(LookupError):  # an ISO 3166-2 code ("IQ-NI")
            sub = pycountry.subdivisions.lookup(value)
            if sub.country_code == cc:
                called.append(str(sub.name))
        for name in called:
            for k in dict.fromkeys((key(name), area_words().sub("", key(name)))):
                for (found,) in self.db.execute(
                    "SELECT name FROM admin1_names WHERE cc = ? AND key IN (?, ?)", (cc, k, loose(k))
                ):
                    if (cc, found) in self.codes:
                        return self.codes[(cc, found)]
                if (cc, loose(k)) in self.loose_codes:
                    return self.loose_codes[(cc, loose(k))]
        return None

    def unknown_admin1(self, cc: str, value: str, lat: float, lon: float) -> str:
        """Why an area name was refused, with what would do: the area of the nearest town and
        the country's area names."""
        towns = self.db.execute("SELECT name, admin1, lat, lon FROM places WHERE cc = ? AND id > 0", (cc,))
        nearest = min(towns, key=lambda r: distance_km(lat, lon, r[2], r[3]), default=None)
        known = sorted({name for (c, name) in self.codes if c == cc})
        hint = ""
        if nearest is not None and self.area_of.get((cc, nearest[1])):
            hint = f"; the nearest town GeoNames knows, {nearest[0]}, is in {self.area_of[(cc, nearest[1])]}"
        return (
            f"{value.strip()!r} is no first-level area of {self.names[cc]} that the gazetteer knows{hint} "
            f"(known: {', '.join(known[:40])}{', ...' if len(known) > 40 else ''}; "
            "an empty cell adds the place without one)"
        )

    def _near(self, cc: str, lat: float, lon: float) -> bool:
        """Within two 1-degree cells (some 200 km) of a GeoNames town of the country."""
        if cc not in self._cells:
            rows = self.db.execute("SELECT lat, lon FROM places WHERE cc = ? AND id > 0", (cc,))
            self._cells[cc] = {(math.floor(r[0]), math.floor(r[1])) for r in rows}
        cells, a, b = self._cells[cc], math.floor(lat), math.floor(lon)
        return any((a + i, b + j) in cells for i in range(-2, 3) for j in range(-2, 3))

    def far(self, cc: str, lat: float, lon: float) -> bool:
        """Far from every GeoNames town of a country that has some."""
        return not self._near(cc, lat, lon) and bool(self._cells[cc])

    def swapped(self, cc: str, lat: float, lon: float) -> bool:
        """Far from the country, while the point with latitude and longitude swapped is in it."""
        return abs(lon) <= 90 and not self._near(cc, lat, lon) and self._near(cc, lon, lat)
