"""The trigger lexicon and cue tables of the events stage, loaded and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import tables, vocab
from ..errors import TableError

WORDS = re.compile(r"\w+")  # runs of word characters, as context cues are matched

TRIGGERS = "events/triggers.tsv"


PARTICLE = "prt:"  # a cue term naming a particle the verb must have ("prt:down": "shot down")
OBJECT = "obj:"  # a cue term naming the verb's own object ("obj:firearm": "seized 500 firearms")
COLUMNS = ("lemma", "pos", "cue", "block", "sub_event_type", "plover_type", "plover_mode", "role", "priority")


PLOVER = vocab.allowed("plover_type")  # the schema's, which every trigger row must use


# PLOVER's contexts (manual v0.7, "Context codes that can be used with any category")
CONTEXTS = (
    "political",
    "military",
    "intelligence",
    "peacekeeping",
    "economic",
    "diplomatic",
    "resource",
    "culture",
    "disease",
    "enviro_disaster",
    "migration",
    "humanitarian",
    "legal",
    "human_rights",
    "rights_freedoms",
    "gender",
    "lgbt",
    "terrorism",
    "human_security",
    "religion_ethnicity",
    "government",
    "election",
    "legislative",
    "cbrn",
    "cyber",
    "political_institutions",
    "corruption",
    "crime",
    "crime_murder",
    "crime_theft",
    "crime_drugs",
    "crime_sexual",
    "future",
    "historical",
    "hypothetical",
)
FROM_RECORD = ("future", "historical", "hypothetical")  # set from the record, never from cues


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    cue: frozenset[str]
    block: frozenset[str]
    sub_event_type: str
    event_type: str
    disorder_type: str
    plover_type: str
    plover_mode: str | None
    role: str
    priority: int
    particles: frozenset[str] = frozenset()  # the verb's own particles the row needs ("prt:down")
    objects: frozenset[str] = frozenset()  # its own object must be one of these ("obj:firearm")


@tables.table
def acled_types() -> dict[str, tuple[str, str]]:
    """ACLED's vocabulary: sub-event type -> (event type, disorder type), each a value the
    record schema allows (a table that names another is refused)."""
    name = "events/acled.yaml"
    table = tables.load_yaml(name, ("sub_event_types",))["sub_event_types"]
    out = {sub: (pair[0], pair[1]) for sub, pair in table.items()}
    for field, values in (
        ("sub_event_type", list(out)),
        ("event_type", [t for t, _ in out.values()]),
        ("disorder_type", [d for _, d in out.values()]),
    ):
        unknown = sorted(set(values) - set(vocab.allowed(field)))
        if unknown:
            raise TableError(name, str(tables.path_of(name)), f"{field} {unknown} not in the record schema")
    return out


@tables.table
def lexicon() -> dict[str, tuple[Trigger, ...]]:
    """Trigger rows by lemma, validated against ACLED and PLOVER vocabularies."""
    acled = acled_types()
    rows = tables.load_tsv(TRIGGERS, COLUMNS)
    tables.check_values(TRIGGERS, rows, "sub_event_type", acled)
    tables.check_values(TRIGGERS, rows, "plover_type", PLOVER)
    tables.check_values(TRIGGERS, rows, "role", ("event", "effect"))
    tables.check_values(TRIGGERS, rows, "pos", ("VERB", "NOUN", "ADJ"))
    out: dict[str, list[Trigger]] = {}
    for r in rows:
        event_type, disorder = acled[r["sub_event_type"]]
        terms = frozenset(filter(None, r["cue"].split("|")))
        particles = frozenset(t.removeprefix(PARTICLE) for t in terms if t.startswith(PARTICLE))
        objects = frozenset(t.removeprefix(OBJECT) for t in terms if t.startswith(OBJECT))
        out.setdefault(r["lemma"], []).append(
            Trigger(
                r["lemma"],
                r["pos"],
                frozenset(t for t in terms if not t.startswith((PARTICLE, OBJECT))),
                frozenset(filter(None, r["block"].split("|"))),
                r["sub_event_type"],
                event_type,
                disorder,
                r["plover_type"],
                r["plover_mode"] or None,
                r["role"],
                int(r["priority"]),
                particles,
                objects,
            )
        )
    return {k: tuple(v) for k, v in out.items()}


REFINE_KEYS = (
    "death_words",
    "loss_words",
    "vague_leads",
    "locative_preps",
    "natural_causes",
    "blaze_words",
    "accident_verbs",
    "vehicles",
    "vehicle_owners",
    "aircraft",
    "remote_words",
    "crowd_people",
    "deliberate_verbs",
    "custody_words",
    "unopposed",
    "occurrence_verbs",
    "doer_nouns",
    "armed_people",
    "again_words",
    "flight_verbs",
    "repel_verbs",
    "statement_nouns",
    "distance_units",
    "town_parts",
    "anchor_preps",
    "spoils_verbs",
    "plight_verbs",
    "toll_verbs",
    "withdrawals",
    "retreat_verbs",
    "state_words",
    "counter_prefixes",
    "judicial_verbs",
    "states",
    "positions",
    "kind_heads",
    "occasions",
    "made_by_verbs",
    "arrest_ways",
    "instrument_verbs",
    "responsibility",
    "mutual",
    "armed_targets",
    "abuse_words",
    "demonstration_words",
    "light_verbs",
    "victim_verbs",
    "agentive_verbs",
    "other_deeds",
    "aggregate_heads",
    "aggregate_agents",
    "intervention",
    "intervention_verbs",
    "demand_verbs",
    "grievance_preps",
    "scene_words",
    "support_verbs",
    "allegation_words",
    "reputation_words",
    "speech_verbs",
    "reaction_verbs",
)


@tables.table
def refine_table() -> dict[str, frozenset[str]]:
    data = tables.load_yaml("events/refine.yaml", REFINE_KEYS)
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


@tables.table
def modality_table() -> dict[str, object]:
    return tables.load_yaml(
        "events/modality.yaml",
        (
            "aux",
            "governors",
            "adverbs",
            "markers",
            "noun_modifiers",
            "negations",
            "realis",
            "reported",
            "content_nouns",
            "confirm_verbs",
        ),
    )


@dataclass(frozen=True)
class Attempts:
    """Deeds done only by succeeding, and the words that tell them only tried or foiled."""

    tried: frozenset[str]  # "tried to kidnap", "an attempted abduction"
    foiled: frozenset[str]  # "police thwarted a kidnapping"
    outcomes: frozenset[str]  # the ACLED sub-event types done only by succeeding


@tables.table
def attempts() -> Attempts:
    """``tried``, ``foiled`` and ``tried_outcomes`` of data/events/modality.yaml, checked: the
    outcomes are ACLED sub-event types."""
    name = "events/modality.yaml"
    outcomes = tables.words(name, "tried_outcomes")
    unknown = sorted(set(outcomes) - set(acled_types()))
    if unknown:
        raise TableError(
            name, str(tables.path_of(name)), f"tried_outcomes {unknown} are no ACLED sub-event types"
        )
    return Attempts(
        frozenset(tables.words(name, "tried", lower=True)),
        frozenset(tables.words(name, "foiled", lower=True)),
        frozenset(outcomes),
    )


@tables.table
def context_cues() -> dict[str, re.Pattern[str]]:
    """One whole-word pattern per PLOVER context, from data/events/contexts.yaml."""
    cues = tables.load_yaml("events/contexts.yaml", ("cues",))["cues"]
    unknown = sorted(set(cues) - set(CONTEXTS) | set(cues) & set(FROM_RECORD))
    if unknown:
        raise TableError(
            "events/contexts.yaml", "cues", f"not PLOVER contexts with cues: {', '.join(unknown)}"
        )
    return {
        name: re.compile(r"\b(?:" + "|".join(re.escape(str(w)) for w in words) + r")\b", re.IGNORECASE)
        for name, words in cues.items()
    }


@cache
def context_matcher() -> tuple[dict[str, frozenset[str]], int]:
    """Every context cue (lowercase, as written) -> the contexts it stands for, with those of
    the cues inside it ("water supply" is also "water"), and the most words a cue has: the
    evidence is scanned once, run of words by run of words, not once per context."""
    context_cues()  # checked there
    cues = tables.load_yaml("events/contexts.yaml", ("cues",))["cues"]
    by_word: dict[str, set[str]] = {}
    for name, words in cues.items():
        for w in words:
            by_word.setdefault(str(w).lower(), set()).add(name)
    inside = {
        w: frozenset(c for v, cs in by_word.items() if re.search(r"\b" + re.escape(v) + r"\b", w) for c in cs)
        for w in by_word
    }
    return inside, max(len(WORDS.findall(w)) for w in by_word)
