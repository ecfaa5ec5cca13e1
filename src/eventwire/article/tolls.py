"""The figures of dead within an article: whose toll a figure told after a tally is, when a
second explicit toll tells another event, and how two mentions' tallies combine when they
merge (``coref``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..vocab import FORCES, Inter

if TYPE_CHECKING:
    from .drafts import Draft


def _toll_of_a_summary(before: Sequence[Draft], d: Draft) -> bool:
    """ "Over the past day, Russians fired 92 times at the region ... Three civilians were
    killed": a toll told right after a tally is the tally's, not the toll of an event told
    later."""
    prior = [x for x in before if x.event.evidence[0][1] < d.event.evidence[0][1]]
    last = max(prior, key=lambda x: x.event.evidence[0][1], default=None)
    return last is not None and last.date_basis == "vague" and d.sentence - 1 <= last.sentence <= d.sentence


def _another_toll(a: Draft, b: Draft) -> bool:
    """ "killed four soldiers in an attack ... after an attack on a base that killed three
    soldiers": a deed told with "an" and its own toll, another than the one told, is another
    event (an update of the toll is told of "the attack" or with "the toll")."""
    later = b if b.sentence >= a.sentence else a
    earlier = a if later is b else b
    return (
        later.indefinite
        and later.fatality_kind == earlier.fatality_kind == "explicit"
        and later.event.fatalities != earlier.event.fatalities
        and later.sentence != earlier.sentence
    )


def _another_pair(a: Draft, b: Draft) -> bool:
    """ "Gang members stormed the town, killing seven people ... Police arrived hours later
    and exchanged fire with the gang, killing four": an attack on civilians and a fight of
    a state's forces with the attackers, each with its own dead, are two events (ACLED's
    one event per pair of sides)."""
    one, fight = (a, b) if b.mutual else (b, a)
    forces = {fight.event.inter1, fight.event.inter2} & FORCES
    return (
        fight.mutual
        and not one.mutual
        and one.event.sub_event_type in ("Attack", "Armed clash")  # (no stray shell or bullet)
        and one.event.inter2 == Inter.CIVILIANS
        and not one.faceless  # (its doers are told: "gang members stormed the town")
        and bool(forces)
        and one.event.inter1 not in forces
        and one.fatality_kind == fight.fatality_kind == "explicit"
        and one.event.fatalities > 0
        and fight.event.fatalities > 0
        and one.sentence != fight.sentence
    )


def fatalities(a: tuple[int, str], b: tuple[int, str]) -> tuple[int, str]:
    """Combine the event's tally so far (``a``, its first mentions) with another mention's:
    explicit figures beat vaguer ones, and named victims add up to a floor (Muhandis, then
    "Muhandis and Soleimani": 2). Of two explicit figures the first told stands (the lead's
    "at least 12", not the army's 13 or "two bodies have just been found"): never a sum."""
    rank = {"explicit": 3, "enumerated": 2, "vague": 1, "boast": 0.5, "none": 0}
    if rank[a[1]] != rank[b[1]]:
        best = max(a, b, key=lambda x: rank[x[1]])
        other = min(a, b, key=lambda x: rank[x[1]])
        if best[1] == "explicit" and other[1] == "enumerated":
            return max(best[0], other[0]), "explicit"
        return best
    if a[1] == "explicit" and a[0] > 0:
        return a
    return max(a[0], b[0]), a[1]
