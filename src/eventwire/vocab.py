"""The vocabulary every stage shares, written once: ACLED's inter codes and the sets of them
the rules use, the modalities, and ACLED's and PLOVER's types as the record schema
(``data/event.schema.json``) lists them, against which the data tables are checked.
"""

from __future__ import annotations

import json
from enum import IntEnum
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args


class Inter(IntEnum):
    """ACLED's inter codes: what kind of actor a side is (0: there is no second side)."""

    NONE = 0
    STATE = 1
    REBELS = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL = 8  # other states' forces, international forces, private security


FORCES = frozenset({Inter.STATE, Inter.EXTERNAL})  # a state's (or states') forces
NON_STATE_ARMED = frozenset({Inter.REBELS, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA})
ARMED = FORCES | NON_STATE_ARMED  # sides that can fight back
CROWDS = frozenset({Inter.RIOTERS, Inter.PROTESTERS})
UNARMED = CROWDS | {Inter.CIVILIANS}

Modality = Literal["asserted", "claimed", "denied", "planned", "hypothetical"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)
FACTUAL: tuple[Modality, ...] = ("asserted", "claimed")  # told as having happened


@cache
def schema() -> dict[str, Any]:
    """The event record's JSON schema, as shipped."""
    loaded: dict[str, Any] = json.loads(
        (resources.files("eventwire") / "data" / "event.schema.json").read_text()
    )
    return loaded


def allowed(field: str) -> tuple[str, ...]:
    """The values the record schema allows a field (its enum, or its items' enum)."""
    spec = schema()["properties"][field]
    return tuple(spec.get("enum") or spec.get("items", {}).get("enum", ()))


# the sub-event types of territory changing hands
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
GATHERINGS = ("Protests", "Riots")  # the event types of crowds
LOOTING = "Looting/property destruction"
INTERVENTION = "Protest with intervention"
EMERGENCY = "state-of-emergency"  # the PLOVER mode of curfews and states of emergency (triggers.tsv)
