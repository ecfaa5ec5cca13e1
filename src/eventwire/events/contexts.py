"""PLOVER contexts of an event: the setting it happened in (election, land, disease ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..vocab import Modality
from .lexicon import CONTEXTS, WORDS, context_matcher

HISTORY = dt.timedelta(days=365)  # older than this before the report: a "historical" event


def contexts(
    sentences: Iterable[str], modality: Modality, event_date: str | None, published: str
) -> tuple[str, ...]:
    """The contexts whose cue words stand in the event's evidence, plus future (planned),
    hypothetical, and historical (more than a year before the report), in PLOVER's order."""
    text = " ".join(sentences).lower()
    contexts_of, longest = context_matcher()
    # each run of up to ``longest`` whole words, as written between them ("air strike",
    # "covid-19"), looked up: the same cues a whole-word pattern finds, at a tenth of the cost
    words = [(m.start(), m.end()) for m in WORDS.finditer(text)]
    found = {
        c
        for i, (start, _) in enumerate(words)
        for _, end in words[i : i + longest]
        for c in contexts_of.get(text[start:end], ())
    }
    if modality == "planned":
        found.add("future")
    if modality == "hypothetical":
        found.add("hypothetical")
    if (
        published
        and event_date
        and dt.date.fromisoformat(event_date) < dt.date.fromisoformat(published) - HISTORY
    ):
        found.add("historical")
    return tuple(name for name in CONTEXTS if name in found)
