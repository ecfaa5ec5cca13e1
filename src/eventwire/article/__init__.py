"""Stage 6b, article: the decisions that need the whole article.

Reads: ``Parsed`` (and, through the earlier stages, its dates, places and actors). Writes:
the article's event records, each with the offsets of the trigger words that mention it.
Which mentions are specific events that happened (not generic, habitual, aggregate,
threatened or hypothetical), which are one event (one record, all its spans, one reconciled
toll), who did it (agency in the text, never the reporting source), the event's own date and
most specific place; then ACLED's record rules. Submodules: ``mention`` (a mention as a
provisional record) and ``acled`` (the record rules, id and notes).
"""

from __future__ import annotations

from .. import actors, dates, events, places
from ..gazetteer import Gazetteer
from ..records import Event, Parsed
from . import coref
from .acled import finish, notes
from .mention import draft

__all__ = ["finish", "notes", "records"]


def records(parsed: Parsed, gaz: Gazetteer) -> list[tuple[Event, tuple[int, ...]]]:
    """Each event record of one parsed article with the character offsets of the trigger
    words that mention it (what coreference scoring aligns to gold mentions)."""
    article = parsed.article
    timexes = dates.extract(article.text, article.published)
    topo = places.find(parsed, gaz)
    resolver = actors.Resolver(parsed, gaz, topo.focus)
    drafts = []
    for f in events.find(parsed, timexes, topo):
        d = draft(parsed, f, topo, resolver, gaz)
        if d is not None:
            drafts.append(d)
    out: dict[str, tuple[Event, tuple[int, ...]]] = {}
    for d in coref.merge(drafts):
        e = finish(d.event, d.lemma)
        # two triggers of a sentence that made the same record are one event
        _, seen = out.get(e.event_id, (e, ()))
        out[e.event_id] = (e, tuple(sorted({*seen, *d.triggers})))
    return list(out.values())
