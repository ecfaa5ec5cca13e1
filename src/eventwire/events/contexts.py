"""PLOVER contexts of an event: the setting it happened in (election, land, disease ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..records import Modality
from .lexicon import CONTEXTS, context_matcher

HISTORY = dt.timedelta(days=365)  # older than this before the report: a "historical" event


def contexts(
    sentences: Iterable[str], modality: Modality, event_date: str | None, published: str
) -> tuple[str, ...]:
    """The contexts whose cue words stand in the event's evidence, plus future (planned),
    hypothetical, and historical (more than a year before the report), in PLOVER's order."""
    text = " ".join(sentences)
    pattern, contexts_of = context_matcher()
    found = {c for m in pattern.finditer(text) for c in contexts_of.get(m.group(1).lower(), ())}
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
