"""The actor dictionary, ``data/actors/actors.yaml``, read one way and checked: what each
alias key may name (with the state forces ``generic.yaml`` makes for every country), and the
views the earlier stages read: the names the nlp stage's EntityRuler tags, and the names and
countries the places stage weighs. A leaf of the package (tables and the gazetteer's country
names only), so that the nlp and places stages read it without the resolver.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .. import gazetteer, tables
from ..errors import TableError
from .generic import GENERIC, generic_table, iso_codes

DICTIONARY = "actors/actors.yaml"
APOSTROPHES = "'’‘`ʼʻ"
# a word's possessive ending, which the text's words drop ("KIA's battalion"): aliases too
POSSESSIVE = re.compile("[" + APOSTROPHES + "][sS](?![A-Za-z])")
INTERS = range(1, 9)


@dataclass(frozen=True)
class Named:
    name: str
    inter: int
    country: str
    sector: str
    parent: str
    since: dt.date | None = None  # the entry holds from this day (a name that changed meaning)
    until: dt.date | None = None
    local: bool = False  # found through an alias that names it only in some countries
    local_in: tuple[str, ...] = ()  # those countries (its own when none are listed)
    former: tuple[tuple[dt.date, str], ...] = ()  # (last day, name) of earlier names

    def holds(self, cc: str, day: dt.date | None) -> bool:
        """Whether this entry is what its alias means in country ``cc`` on ``day``."""
        if self.local and cc not in (self.local_in or (self.country,)):
            return False
        if day is None:
            return True
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def name_on(self, day: dt.date | None) -> str:
        """The name the actor went by on ``day`` (ACLED renames groups: ISGS → IS Sahel)."""
        for last, name in sorted(self.former):
            if day is not None and day <= last:
                return name
        return self.name

    @property
    def rank(self) -> tuple[bool, bool]:
        """A local alias beats a global one, a dated entry an undated one, where both hold."""
        return (self.local, self.since is not None or self.until is not None)


def pick(candidates: tuple[Named, ...], cc: str, day: dt.date | None) -> Named | None:
    """What an alias names in country ``cc`` on ``day``: None when it names nothing there."""
    held = [n for n in candidates if n.holds(cc, day)]
    return max(held, key=lambda n: n.rank) if held else None


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of an actor name, in any script
    (accents are dropped from Latin letters only: other scripts' marks are letters' parts)."""
    if name.isascii() and name.isalnum():
        return name.lower()  # most words: the long way gives the same
    kept, base = [], ""
    for c in unicodedata.normalize("NFKD", name):
        if not unicodedata.combining(c):
            base = c
        elif base and ord(base) < 0x250:
            continue
        kept.append(c)
    text = unicodedata.normalize("NFC", "".join(c for c in kept if c not in APOSTROPHES).lower())
    # letters, digits and marks of any script stay; everything else separates words
    return " ".join("".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text).split())


def _day(value: object, where: str, key: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise TableError(DICTIONARY, where, f"{key} {value!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Entry:
    """One entry of actors.yaml, checked: the actor, its names (its own, then its aliases),
    the aliases that name it only in some countries, and the countries it fights in."""

    actor: Named
    names: tuple[str, ...]
    local_aliases: tuple[str, ...]
    active_in: tuple[str, ...]


def _entry(entry: object, where: str) -> Entry:
    """One dictionary entry, or the reason it is bad."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise TableError(DICTIONARY, where, "an entry needs a name")
    if entry.get("inter") not in INTERS:
        raise TableError(DICTIONARY, where, f"inter {entry.get('inter')!r} is not an ACLED inter code (1-8)")
    lists = []
    for key in ("aliases", "local_aliases"):
        names = entry.get(key, [])
        if not isinstance(names, list) or not all(isinstance(a, str) for a in names):
            raise TableError(DICTIONARY, where, f"{key} must be a list of names")
        lists.append(names)
    former = []
    for old in entry.get("former", []):
        if not isinstance(old, dict) or not isinstance(old.get("name"), str) or "until" not in old:
            raise TableError(DICTIONARY, where, "former names need a name and an until date")
        last = _day(old["until"], where, "until")
        assert last is not None
        former.append((last, old["name"]))
    local_in = iso_codes(entry.get("local_in", []), DICTIONARY, where, "local_in")
    active_in = iso_codes(entry.get("active_in", []), DICTIONARY, where, "active_in")
    if lists[1] and not (entry.get("country") or local_in):
        raise TableError(DICTIONARY, where, "local aliases need the country they hold in")
    actor = Named(
        entry["name"],
        int(entry["inter"]),
        entry.get("country", ""),
        entry.get("sector", ""),
        entry.get("parent", ""),
        _day(entry.get("since"), where, "since"),
        _day(entry.get("until"), where, "until"),
        former=tuple(former),
        local_in=tuple(local_in),
    )
    return Entry(actor, (entry["name"], *lists[0]), tuple(lists[1]), tuple(active_in))


def _clash(a: Named, b: Named) -> bool:
    """Two entries an alias cannot tell apart: same rank, same scope, periods overlapping."""
    if (
        a.name == b.name
        or a.rank != b.rank
        or (a.local and not set(a.local_in or (a.country,)) & set(b.local_in or (b.country,)))
    ):
        return False
    lo = max(a.since or dt.date.min, b.since or dt.date.min)
    hi = min(a.until or dt.date.max, b.until or dt.date.max)
    return lo <= hi


def _read() -> Iterator[tuple[Entry, str, int]]:
    """actors.yaml's entries in order, with where each stands, each checked as it is reached
    (so a bad entry is named before any clash of aliases after it)."""
    entries = tables.load_yaml(DICTIONARY, ("actors",))["actors"]
    lines = tables.item_lines(DICTIONARY, "actors")
    for n, entry in enumerate(entries or []):
        line = lines[n] if n < len(lines) else n + 1
        where = f"{tables.path_of(DICTIONARY)}:{line}"
        yield _entry(entry, where), where, line


@tables.table
def entries() -> tuple[Entry, ...]:
    """Every entry of actors.yaml, checked, in the table's order."""
    return tuple(entry for entry, _, _ in _read())


@tables.table
def dictionary() -> dict[str, tuple[Named, ...]]:
    """What each alias key may name (entries told apart by country and date); a bad entry
    stops with the file and line named."""
    out: dict[str, list[tuple[Named, int]]] = {}
    for entry, where, line in _read():
        actor = entry.actor
        aliases = [(a, actor) for a in entry.names] + [
            (a, replace(actor, local=True)) for a in entry.local_aliases
        ]
        for alias, named in aliases:
            # keyed as the text's words are: "People's Defense Force" without its possessive
            k = name_key(POSSESSIVE.sub("", alias))
            if not k:
                raise TableError(DICTIONARY, where, f"alias {alias!r} has no letters or digits")
            for other, other_line in out.get(k, []):
                if _clash(named, other):
                    raise TableError(
                        DICTIONARY, where, f"alias {alias!r} already names {other.name} (line {other_line})"
                    )
            if all(o != named for o, _ in out.get(k, [])):
                out.setdefault(k, []).append((named, line))
    for k, named in state_forces().items():
        if k not in out:  # actors.yaml names it otherwise: its entry wins
            out[k] = [(named, 0)]
    return {k: tuple(n for n, _ in v) for k, v in out.items()}


@tables.table
def state_forces() -> dict[str, Named]:
    """The forces and government of every country, by alias key ("Nigerien soldiers",
    "Kenya police"), from the templates of generic.yaml; an alias two countries would share
    ("Congolese army") names neither."""
    templates = generic_table().get("state_forces", [])
    lines = tables.item_lines(GENERIC, "state_forces")
    out: dict[str, Named] = {}
    shared: set[str] = set()
    for n, t in enumerate(templates):
        where = f"{tables.path_of(GENERIC)}:{lines[n] if n < len(lines) else n + 1}"
        if (
            not isinstance(t, dict)
            or "{name}" not in str(t.get("name", ""))
            or not isinstance(t.get("aliases"), list)
        ):
            raise TableError(GENERIC, where, "a state force needs a name with {name} and a list of aliases")
        for c in gazetteer.country_terms():
            country = f"the {c.name}" if c.article == "the" else c.name
            named = Named(t["name"].replace("{name}", country), 1, c.code, str(t.get("sector", "")), "")
            for alias in t["aliases"]:
                fills = (*c.adjectives, *c.names) if "{adjective}" in alias else c.names
                # ("Congo's army": whose, the text decides, through the index's reading of it)
                fills = tuple(f for f in fills if gazetteer.key(f) not in gazetteer.shared_country_names())
                for fill in fills:
                    k = name_key(alias.replace("{adjective}", fill).replace("{country}", fill))
                    if k in out and out[k].name != named.name:
                        shared.add(k)
                    out[k] = named
    return {k: v for k, v in out.items() if k not in shared}


@tables.table
def alias_trie() -> dict[str, Any]:
    """The dictionary's aliases as a tree of words: each node maps the next word to a node,
    and ``""`` to the actors of the alias that ends there."""
    root: dict[str, Any] = {}
    for alias, named in dictionary().items():
        node = root
        for word in alias.split():
            node = node.setdefault(word, {})
        node[""] = named
    return root


def every_name() -> tuple[str, ...]:
    """Every actor's name and aliases, in the table's order (not the local aliases: the
    nlp stage's EntityRuler has always been built without them)."""
    return tuple(name for entry in entries() for name in entry.names)


def country_of(name: str) -> str | None:
    """The country (ISO alpha-2) of the actor ACLED calls ``name`` ("Government of Iraq
    (2018-)" -> "IQ"), when the dictionary gives it one: a record's actor is known by its
    name, never by cutting the name apart."""
    return _countries_by_name().get(name)


@tables.made_from_tables
@cache
def _countries_by_name() -> dict[str, str]:
    found: defaultdict[str, set[str]] = defaultdict(set)
    for candidates in dictionary().values():
        for n in candidates:
            if n.country:
                found[n.name].add(n.country)
    return {name: next(iter(ccs)) for name, ccs in found.items() if len(ccs) == 1}


@tables.made_from_tables
@cache
def actor_keys() -> frozenset[str]:
    """Every actor's name and aliases, in lowercase: words the places stage reads as no place."""
    return frozenset(n.lower() for n in every_name())


@tables.made_from_tables
@cache
def actor_countries(local: bool = True, states: bool = True) -> dict[str, frozenset[str]]:
    """The countries the dictionary's actors belong to, by each name and alias (with
    ``local``, local ones too: "ASWJ" is Mozambique's insurgents or a Somali militia), in
    lowercase; acronyms as written. Without ``local``, the countries each fights in; without
    ``states``, no state's forces ("US troops" fight abroad too)."""
    out: defaultdict[str, set[str]] = defaultdict(set)
    for entry in entries():
        a = entry.actor
        if not states and a.inter == 1:
            continue
        home = [a.country] if a.country else []
        if not local:
            # where a group fights; a foreign force (inter 8: Wagner, a UN mission's troops)
            # fights away from its own country
            home = list(entry.active_in) or (home if a.inter != 8 else [])
        named = [(n, home) for n in entry.names]
        if local:
            named += [(n, list(a.local_in) or home) for n in entry.local_aliases]
        for n, where in named:
            # an acronym only in its own case: "LeT" is Lashkar-e-Taiba, "Let" a word
            out[n if _acronym(n) else n.lower()].update(where)
    return {k: frozenset(v) for k, v in out.items()}


def _acronym(name: str) -> bool:
    return any(c.isupper() for c in name[1:]) and " " not in name
