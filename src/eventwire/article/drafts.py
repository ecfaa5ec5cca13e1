"""A mention as a provisional record, with what merging needs to know about how it was
found (``coref`` merges them, ``absorb`` joins two), and the names every step reads.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..records import Event
from ..vocab import Inter

UNKNOWN_ACTOR = "Unidentified Armed Group"
BOMBS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})  # "the bomber detonated his vest"
UNNAMED = "Unidentified "  # the start of every unidentified kind's name
CROWD = ("Protests", "Riots")  # one gathering told as a protest, a riot and its arrests
AREA_FIELDS = (
    "country",
    "iso",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "region",
)


@dataclass(frozen=True)
class Draft:
    """An event record plus what merging needs to know about how it was found."""

    event: Event
    date_basis: str  # clause | discourse | vague | published | unknown
    fatality_kind: str  # explicit | enumerated | vague | boast (the perpetrator's own count) | none
    generic: bool  # the trigger row was a default ("attack"), not a specific cue
    family: str  # violence | the ACLED event type for others
    headline: bool = False  # from a headline, which restates the lead in other words
    dependent: bool = False  # only adds to an event told elsewhere
    priority: int = 0  # the trigger row's priority: the more specific type wins
    paragraph: int = 0
    definite: bool = False  # "the strike": refers back to an event told before
    indefinite: bool = False  # "an attack", "another attack": a new event
    lemma: str = ""  # the trigger's lemma
    mutual: bool = False  # a fight between two sides ("clashed", "fighting broke out")
    triggers: tuple[int, ...] = ()  # character offsets of the words that found it
    plural: bool = False  # several events counted together ("two attacks left 21 dead")
    tally: bool = False  # a tally or a habit ("27 civilians have been killed since August")
    fresh: bool = False  # its sentence opens on a new event ("In another attack, ...")
    apart: bool = False  # named as another event ("killed in a separate attack")
    framed: bool = False  # told as what another came after ("the day after police opened fire")
    sentence: int = 0  # the first sentence that tells it
    verbless: bool = False  # told in a line with no verb ("Names of the dead")
    afar: str = ""  # placed by a distance from the town named: "50 km west of baghdad"
    placed: bool = False  # its own sentence told its place (else the story's or the lead's)
    shared: int = 0  # the toll told for several places this one's share was divided from
    hit: str = ""  # the proper name of what the deed hit ("ngamgam"), placed or not
    dead: tuple[str, ...] = ()  # names of the people it killed, lower case ("abu odeh")
    more: bool = False  # its dead are more than those told before ("three attackers were also killed")
    revised: bool = False  # its toll is a newer count of the dead told before ("the toll rose to five")
    latest: bool = False  # told as the latest of its kind ("the latest attack"): the newest told
    counted: int = 0  # explicit tolls of dead told in its mentions
    faceless: bool = False  # nobody told or found as doing it ("two protesters were shot dead")
    single: bool = False  # told by a singular noun ("the 2013 attack"), not a verb or a plural
    several: bool = False  # told by a plural noun ("Russian attacks killed four"): maybe a sum
    villages: tuple[str, ...] = ()  # settlements it hit by name ("the village of pobe-mengao")
    # whose dead its own toll counts: "attackers" ("four attackers were killed"), "others"
    # ("killing two soldiers"), "" when it counts none or both
    dead_side: str = ""
    # told in a relative clause or one sharing its subject ("workers who blocked a highway and
    # attacked a factory"): the deed of the people the sentence names, not of others
    relative: bool = False
    # told as the attacked side's answer ("local militiamen fought back", "returned fire"):
    # its doers are the other side of the deed told before
    back: bool = False
    # the paragraph of a round-up that opens on its own place ("ERBIL – A Turkish drone ..."),
    # one incident per paragraph; -1 elsewhere
    item: int = -1
    # the named group its doers were only suspected to be ("suspected Boko Haram fighters"),
    # coded unidentified: the notes name it
    suspect: str = ""

    @property
    def summary(self) -> bool:
        """A tally, a habit or several events told together: its toll and kind are no one's."""
        return self.date_basis == "vague" or self.plural


def known(name: str) -> bool:
    """A named actor: not "Unidentified Armed Group", nor any other unidentified kind
    ("Unidentified Communal Militia": tribesmen a later sentence names)."""
    return bool(name) and not name.startswith(UNNAMED)


Side = tuple[str, str, int]  # an actor, its associates and its inter code


def side(e: Event, n: int) -> Side:
    """Side ``n`` (1 or 2) of a record."""
    if n == 1:
        return e.actor1, e.assoc_actor_1, e.inter1
    return e.actor2, e.assoc_actor_2, e.inter2


def with_sides(e: Event, one: Side, two: Side) -> Event:
    """The record with ``one`` as its actor 1 and ``two`` as its actor 2."""
    return replace(
        e,
        actor1=one[0],
        assoc_actor_1=one[1],
        inter1=one[2],
        actor2=two[0],
        assoc_actor_2=two[1],
        inter2=two[2],
    )


def crowds_deed(gathering: Draft, deed: Draft) -> bool:
    """A deed of violence done by people or a crowd, told in the sentence of their gathering
    ("police fired tear gas to disperse workers who attacked a factory"): its riot (ACLED),
    not an event of its own."""
    return (
        gathering.family in CROWD
        and deed.family == "violence"
        and gathering.sentence == deed.sentence
        and deed.relative  # (not "as ruling party activists attacked a journalist nearby")
        and deed.event.event_type not in CROWD  # (not one told as the gathering already)
        and deed.event.inter1 in (Inter.RIOTERS, Inter.CIVILIANS)  # ("workers who attacked")
    )


def told_together(g: Draft, d: Draft) -> bool:
    """Whether a sentence that tells ``d`` tells ``g`` too (one of its mentions is in it)."""
    return g.sentence == d.sentence or any(s <= t < e for t in g.triggers for _, s, e in d.event.evidence)


def other_items(a: Draft, b: Draft) -> bool:
    """Told in two items of a round-up: two incidents, whatever they share."""
    return a.item >= 0 and b.item >= 0 and a.item != b.item
