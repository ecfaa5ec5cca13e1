"""The generic actors of ``data/actors/generic.yaml``: the kinds a phrase's head and modifiers
name ("Iraqi forces", "gunmen", "villagers"), filled with a country or place; the word lists
of the resolver; ACLED's associated actors; the interaction code of two inter codes. A leaf
of the package: it reads tables only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import tables
from ..errors import TableError
from ..vocab import Inter

GENERIC = "actors/generic.yaml"


@dataclass(frozen=True)
class Kind:
    name: str
    inter: int
    state: bool
    antecedent: bool
    heads: frozenset[str]
    modifiers: frozenset[str]
    group: bool = False
    unnamed: str = ""
    alone: frozenset[str] = frozenset()
    sector: str = ""
    unless: frozenset[str] = frozenset()  # modifiers that say the head is not this kind's
    doing: frozenset[str] = frozenset()  # what people hit were doing ("people protesting")


def iso_codes(value: object, table: str, where: str, key: str) -> list[str]:
    """A table's list of ISO alpha-2 country codes, or the reason it is none."""
    if not isinstance(value, list) or not all(isinstance(c, str) and len(c) == 2 for c in value):
        raise TableError(table, where, f"{key} must be a list of ISO alpha-2 country codes")
    return value


def generic_table() -> dict[str, Any]:
    """generic.yaml, read (and cached) by the tables module."""
    return tables.load_yaml(GENERIC, ("kinds", "part_words"))


@tables.made_from_tables
@cache
def doer_heads() -> frozenset[str]:
    """The nouns of doers the text does not name ("gunmen", "attackers"): the heads of the
    kinds read as an antecedent told before."""
    return frozenset(h for k in kinds() if k.antecedent for h in k.heads)


@tables.made_from_tables
@cache
def state_modifiers() -> frozenset[str]:
    """Words that make a noun a state's forces ("army drones", "military helicopters")."""
    return frozenset(m for k in kinds() if k.state for m in k.modifiers)


@cache
def kind_words() -> frozenset[str]:
    """The common nouns and modifiers of generic actors ("gang", "militia", "army")."""
    return frozenset(w for k in kinds() for w in k.heads | k.modifiers)


@tables.table
def troops_of() -> dict[str, str]:
    table = generic_table().get("troops_of", {})
    if not isinstance(table, dict):
        raise TableError(GENERIC, str(tables.path_of(GENERIC)), "troops_of must map ISO codes to ISO codes")
    return {str(k): str(v) for k, v in table.items()}


@tables.table
def security_police() -> frozenset[str]:
    codes = generic_table().get("security_forces_police", [])
    return frozenset(iso_codes(codes, GENERIC, "security_forces_police", "security_forces_police"))


@cache
def police_kind() -> Kind:
    return next(k for k in kinds() if k.state and "police" in k.heads)


@tables.table
def kinds() -> tuple[Kind, ...]:
    data = generic_table()
    return tuple(
        Kind(
            k["name"],
            int(k["inter"]),
            bool(k["state"]),
            bool(k["antecedent"]),
            frozenset(k["heads"]),
            frozenset(k.get("modifiers", [])),
            bool(k.get("group", False)),
            str(k.get("unnamed", "")),
            frozenset(k.get("alone", [])),
            str(k.get("sector", "")),
            frozenset(k.get("unless", [])),
            frozenset(k.get("doing", [])),
        )
        for k in data["kinds"]
    )


def civilians() -> Kind:
    """The generic kind for civilians (inter 7), as the table defines it."""
    return next(k for k in kinds() if k.inter == 7)


def generic_name(inter: Inter, place: str) -> str:
    """The name ``generic.yaml`` gives an actor of a kind that a place names, such as
    "Civilians ({place})" for inter 7: actor names come from the table, not from Python."""
    kind = next(
        k for k in kinds() if k.inter == inter and "{place}" in k.name and not k.group and not k.state
    )
    return kind.name.replace("{place}", place)


@dataclass(frozen=True)
class Associate:
    name: str
    heads: frozenset[str]
    modifiers: frozenset[str]


@tables.table
def associates() -> tuple[Associate, ...]:
    items = generic_table().get("associates", [])
    lines = tables.item_lines(GENERIC, "associates")
    out = []
    for n, a in enumerate(items):
        if (
            not isinstance(a, dict)
            or not isinstance(a.get("name"), str)
            or not (a.get("heads") or a.get("modifiers"))
        ):
            where = f"{tables.path_of(GENERIC)}:{lines[n] if n < len(lines) else n + 1}"
            raise TableError(GENERIC, where, "an associate needs a name and heads or modifiers")
        out.append(Associate(a["name"], frozenset(a.get("heads", [])), frozenset(a.get("modifiers", []))))
    return tuple(out)


@tables.table
def vigilante() -> tuple[str, frozenset[str]]:
    """ACLED's associate for a crowd punishing people it accuses, and the words that say so."""
    data = generic_table().get("vigilante", {})
    return str(data.get("name", "")), frozenset(data.get("words", []))


@tables.table
def word_list(key: str) -> frozenset[str]:
    """One of generic.yaml's word lists (part_words, site_words, people_heads, not_groups, instruments,
    state_first_in_clashes, force_heads, enemy_heads, civilian_heads, side_prepositions,
    member_words, kin_groups), as a set."""
    return frozenset(generic_table().get(key, []))


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction code: the two inter codes, lower first (10 for a sole actor 1)."""
    if inter2 == 0:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
