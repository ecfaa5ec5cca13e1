"""How likely a record is right: a logistic model over what the record itself shows (is it
dated, by its own words, placed at a town, blamed on someone, told more than once ...),
with weights from ``data/article/confidence.yaml``, fitted on reviewed articles by
``eventwire eval articles GOLD --calibrate FILE`` (so a team refits it on its own gold).
"""

from __future__ import annotations

import math

from .. import tables
from ..errors import TableError
from ..records import Event

TABLE = "article/confidence.yaml"
# Each feature is between 0 and 1 and says something about the record alone, so that a
# record's confidence can be recomputed from the record (as the fitter does).
FEATURES = (
    "bias",
    "undated",  # neither the article nor its text dates it
    "dated_by_report",  # no day of its own: the report's day or the discourse's
    "discourse",  # dated by the day the text told before it
    "vague_time",  # dated only to a week or a month
    "town",  # placed at a town or village (geo_precision 1)
    "near_town",  # placed near a town (geo_precision 2)
    "province",  # placed no closer than its first-level area (geo_precision 3)
    "country_only",  # placed no closer than its country
    "claimed",  # someone's claim, not the reporter's statement
    "unidentified",  # actor 1 is an unidentified group
    "state_acts",  # actor 1 is a state's forces
    "civilians_act",  # actor 1 is civilians
    "one_sided",  # no actor 2
    "deaths",  # the record reports deaths
    "many_deaths",  # more than ten
    "background",  # an earlier event the article recalls
    "retold",  # told in more than one sentence
    "spans",  # how many sentences tell it (a quarter each, up to four)
    "battle",  # a battle
    "remote",  # an explosion or remote violence
    "on_civilians",  # violence against civilians
    "protest",  # a protest or riot (crowds: often several, often ongoing)
)


def features(e: Event) -> dict[str, float]:
    told = len({start for _, start, _ in e.evidence})
    return {
        "bias": 1.0,
        "undated": float(e.event_date is None),
        "dated_by_report": float(e.event_date is not None and e.date_basis not in ("clause", "review")),
        "discourse": float(e.event_date is not None and e.date_basis == "discourse"),
        "vague_time": float(e.event_date is not None and e.time_precision > 1),
        "town": float(e.geo_precision == 1),
        "near_town": float(e.geo_precision == 2),
        "province": float(e.geo_precision == 3),
        "country_only": float(e.geo_precision >= 4 or not e.country),
        "claimed": float(e.modality == "claimed"),
        "unidentified": float(e.actor1.startswith("Unidentified")),
        "state_acts": float(e.inter1 == 1),
        "civilians_act": float(e.inter1 == 7),
        "one_sided": float(not e.actor2),
        "deaths": float(e.fatalities > 0),
        "many_deaths": float(e.fatalities > 10),
        "background": float(e.background),
        "retold": float(told > 1),
        "spans": min(told, 4) / 4,
        "battle": float(e.event_type == "Battles"),
        "remote": float(e.event_type == "Explosions/Remote violence"),
        "on_civilians": float(e.event_type == "Violence against civilians"),
        "protest": float(e.event_type in ("Protests", "Riots")),
    }


@tables.table
def weights() -> dict[str, float]:
    """The model's weights, checked: every feature named, each a number."""
    data = tables.load_yaml(TABLE, ("weights",))
    given = data["weights"]
    path = str(tables.path_of(TABLE))
    if not isinstance(given, dict):
        raise TableError(TABLE, path, "weights must map each feature to a number")
    unknown = sorted(set(given) - set(FEATURES))
    if unknown:
        raise TableError(TABLE, path, f"unknown features {unknown}; known: {', '.join(FEATURES)}")
    missing = [f for f in FEATURES if f not in given]
    if missing:
        raise TableError(TABLE, path, f"no weight for {missing}")
    bad = [k for k, v in given.items() if isinstance(v, bool) or not isinstance(v, (int, float))]
    if bad:
        raise TableError(TABLE, path, f"weights of {bad} are not numbers")
    return {k: float(given[k]) for k in FEATURES}


@tables.table
def gate() -> float:
    """The confidence below which a record is not printed (the table's optional ``gate``; 0,
    the default, prints every record): a team that prefers fewer, surer records sets it."""
    data = tables.load_yaml(TABLE, ("weights",))
    given = data.get("gate", 0.0)
    if isinstance(given, bool) or not isinstance(given, (int, float)) or not 0 <= given < 1:
        raise TableError(
            TABLE, str(tables.path_of(TABLE)), f"gate must be a number from 0 up to 1, not {given!r}"
        )
    return float(given)


def confidence(e: Event) -> float:
    """The estimated chance that ``e`` is an event a careful coder would have written."""
    w = weights()
    z = sum(w[k] * x for k, x in features(e).items())
    return round(1 / (1 + math.exp(-z)), 2)
