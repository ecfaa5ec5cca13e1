"""Read access to the index: the ``Gazetteer`` and its queries (towns, near spellings,
countries, first- and second-level areas, regions)."""

from __future__ import annotations

import copy
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .countries import Country, country_terms, read_country, region_of, shared_country_names
from .names import Row, _area_stem, _edits, key, loose


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
class County:
    """A second-level area; ``at_town``: placed at a town of its name, not its towns' middle;
    ``own``: at its own towns, not at the middle of its first-level area's (a US county
    whose towns the index does not know)."""

    country_code: str
    admin1_code: str
    name: str
    latitude: float
    longitude: float
    at_town: bool
    own: bool = True


def _candidate(r: Row, exact: bool) -> Candidate:
    return Candidate(int(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4]), float(r[5]), int(r[6]), exact)


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

    def spelt_like(self, name: str) -> list[Candidate]:
        """Towns called ``name`` under the transliteration-tolerant key only, even where
        others bear it exactly ("Muse": Mu-se of Myanmar, beside Muse of the US)."""
        return list(self._memo("spelt_like", name, self._spelt_like))

    def _spelt_like(self, name: str) -> list[Candidate]:
        found = self.db.execute(
            "SELECT DISTINCT p.id, p.name, p.cc, p.admin1, p.lat, p.lon, p.population "
            "FROM names n JOIN places p ON p.id = n.id WHERE n.loose = ? AND n.key != ?",
            (loose(name), key(name)),
        ).fetchall()
        return [_candidate(r, False) for r in found]

    def similar(self, name: str, countries: Iterable[str]) -> list[Candidate]:
        """Towns of ``countries`` whose name is within one edit of ``name`` (two for names of
        ten letters or more) on the transliteration-tolerant key, nearest first: "Machokos"
        for Machakos, "Isiollo" for Isiolo. Only names of six letters or more: a short name is
        one edit from too many others."""
        return list(self._memo("similar", f"{name}\t{','.join(sorted(set(countries)))}", self._similar))

    def _similar(self, asked: str) -> list[Candidate]:
        name, countries = asked.rsplit("\t", 1)  # a name may hold a tab ("Zambe\tsia"); codes never
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
        name, countries = asked.rsplit("\t", 1)  # a name may hold a tab ("Zambe\tsia"); codes never
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
        "Kenyan"), or an ISO 3166 code ("KE", "KEN", "404"), as ``country_code`` reads it;
        None when it names none."""
        cc = self.country_code(value)
        return self.countries[cc].name if cc else None

    def country_code(self, value: str) -> str | None:
        """The ISO alpha-2 code of the country a user's ``value`` names ("Kenya", "DR Congo",
        "KE", "KEN"), as every command and the API read it (``read_country``: bare "Congo"
        is the Democratic Republic of Congo); None when it names none. Never a text's
        reading of a shared name (``reading``): a user's value has no text around it."""
        found: str | None = self._memo("country_code", value, self._read_country)
        return found

    def _read_country(self, value: str) -> str | None:
        return read_country(self.db, {cc: c.name for cc, c in self.countries.items()}, value)

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
        return tuple(County(r[0], r[1], r[2], r[3], r[4], r[5] == 2, r[5] >= 1) for r in rows)

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
