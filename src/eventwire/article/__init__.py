"""Stage 6b, article: the decisions that need the whole article.

Reads: ``Parsed`` (and, through the earlier stages, its dates, places and actors). Writes:
the article's event records, each with the offsets of the trigger words that mention it.
Which mentions are specific events that happened (not generic, habitual, aggregate,
threatened or hypothetical), which are one event (one record, all its spans, one reconciled
toll), who did it (agency in the text, never the reporting source), the event's own date and
most specific place; then ACLED's record rules. Submodules: ``mention`` (a mention as a
provisional record), ``eventness`` (tallies, habits and summaries, new-event openings; cue
words in ``data/article/en.yaml``), ``coref`` (the mentions of one event as one record) and
``acled`` (the record rules, id and notes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .. import actors, dates, events, places
from ..gazetteer import Gazetteer
from ..records import Event, Parsed, Timex
from . import coref, eventness
from .acled import finish, notes
from .mention import draft

RECENT = dt.timedelta(days=1)  # a day before the news is still the news (overnight events)
HISTORY = dt.timedelta(days=3653)  # recalled deeds older than ten years are history, not data

__all__ = ["finish", "notes", "records"]


def records(parsed: Parsed, gaz: Gazetteer) -> list[tuple[Event, tuple[int, ...]]]:
    """Each event record of one parsed article with the character offsets of the trigger
    words that mention it (what coreference scoring aligns to gold mentions)."""
    article = parsed.article
    timexes = dates.extract(article.text, article.published)
    topo = places.find(parsed, gaz)
    resolver = actors.Resolver(parsed, gaz, topo.focus)
    found = events.find(parsed, timexes, topo)
    lead = _lead(parsed, found)
    drafts = [d for f in found if (d := draft(parsed, f, topo, resolver, gaz, lead)) is not None]
    out: dict[str, tuple[Event, tuple[int, ...]]] = {}
    merged = coref.merge(drafts)
    # a report of several paragraphs, or one that places an event, tells where its events were
    placed = parsed.sents[-1].paragraph > 0 or any(d.event.geo_precision < 4 for d in merged)
    for d in merged:
        e = _recalled(d, lead.date if lead else None)
        if e is None or (placed and not _says_who_or_where(e)):
            continue
        e = finish(e, d.lemma)
        # two triggers of a sentence that made the same record are one event
        _, seen = out.get(e.event_id, (e, ()))
        out[e.event_id] = (e, tuple(sorted({*seen, *d.triggers})))
    return list(out.values())


def _lead(parsed: Parsed, found: list[events.Found]) -> Timex | None:
    """The day of the news the lead tells: the first day named for a specific event of the
    opening sentences ("... across Iraq Saturday, police said")."""
    for f in found:
        if f.sentence >= eventness.cues().lead_sentences:
            break
        if (
            f.date is not None
            and f.date_basis == "clause"
            and f.date.precision == "day"
            and eventness.kind(parsed, f) in ("specific", "plural")
        ):
            return f.date
    return None


def _says_who_or_where(e: Event) -> bool:
    """In an article that places its events, a record must name its perpetrator or a place
    below the country: "an attack in Colombia" by no one named is then a recap of an event
    placed elsewhere, or a misread word, and tells an analyst nothing to act on. (In a text
    that places nothing, such as a one-event note on a village no gazetteer knows, it is the
    event.)"""
    return coref.known(e.actor1) or e.geo_precision < 4


def _recalled(d: coref.Draft, news: dt.date | None) -> Event | None:
    """The record, marked ``background`` when it is an earlier event the article recalls
    (dated by its own words to days before the news); None for one the article dates only by
    a neighbouring sentence (ACLED codes a recalled event from its own month and place) and
    for history ("the republic ceased to exist in 1919 when Polish forces took it")."""
    e = d.event
    if news is None or e.event_date is None or dt.date.fromisoformat(e.event_date) >= news - RECENT:
        return e
    if d.date_basis != "clause" or dt.date.fromisoformat(e.event_date) < news - HISTORY:
        return None
    return replace(e, background=True)
