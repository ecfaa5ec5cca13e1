"""The names of the actor dictionary, for the places stage: names that are actors, not
places, and the countries each actor implies or fights in."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from .. import tables

# read through the actors dictionary once issue 23's actors package lands


@cache
def _actor_keys() -> frozenset[str]:
    data = tables.load_yaml("actors/actors.yaml", ("actors",))
    return frozenset(n.lower() for a in data["actors"] for n in [a["name"], *a.get("aliases", [])])


@cache
def _actor_countries(local: bool = True, states: bool = True) -> dict[str, frozenset[str]]:
    """The countries the dictionary's actors belong to, by each name and alias (with
    ``local``, local ones too: "ASWJ" is Mozambique's insurgents or a Somali militia), in
    lowercase; acronyms as written. Without ``local``, the countries each fights in; without
    ``states``, no state's forces ("US troops" fight abroad too)."""
    data = tables.load_yaml("actors/actors.yaml", ("actors",))
    out: defaultdict[str, set[str]] = defaultdict(set)
    for a in data["actors"]:
        if not states and a.get("inter") == 1:
            continue
        home = [a["country"]] if a.get("country") else []
        if not local:
            # where a group fights; a foreign force (inter 8: Wagner, a UN mission's troops)
            # fights away from its own country
            home = a.get("active_in") or (home if a.get("inter") != 8 else [])
        named = [(n, home) for n in [a["name"], *a.get("aliases", [])]]
        if local:
            named += [(n, a.get("local_in") or home) for n in a.get("local_aliases", [])]
        for n, where in named:
            # an acronym only in its own case: "LeT" is Lashkar-e-Taiba, "Let" a word
            out[n if _acronym(n) else n.lower()].update(where)
    return {k: frozenset(v) for k, v in out.items()}


def _acronym(name: str) -> bool:
    return any(c.isupper() for c in name[1:]) and " " not in name
