"""Stage 5, events: event mentions clause by clause, with modality, roles and fatalities.

Reads: ``Parsed``, the article's ``Timex`` list and ``Toponyms``. Writes: ``Found``
records (one per event trigger; consequences such as "killed" or "wounded" attach to the
nearest trigger of their sentence). The trigger lexicon is ``data/events/triggers.tsv`` and
the modality cues ``data/events/modality.yaml``. Submodules: ``lexicon`` (tables), ``roles``,
``modality``, ``fatalities`` and ``anchors`` (date and place of a trigger).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..places import Toponyms
from ..records import Parsed, Place, Timex, Token
from ..vocab import GATHERINGS, LOOTING, TERRITORY, Modality
from .anchors import event_date, event_place, head_of
from .contexts import contexts
from .fatalities import count, counts, number
from .lexicon import Trigger, acled_types, attempts, lexicon, modality_table, refine_table
from .modality import modality
from .roles import definite, indefinite, prep_object, roles, sides, speaker, victim_phrase

__all__ = [
    "INTERCEPTIONS",
    "Found",
    "Trigger",
    "acled_types",
    "attempts",
    "contexts",
    "counts",
    "definite",
    "event_date",
    "event_place",
    "find",
    "indefinite",
    "lexicon",
    "modality",
    "modality_table",
    "prep_object",
    "refine_table",
    "roles",
    "speaker",
]

AGENT_DEPS = ("nsubj", "agent", "poss")


@dataclass(frozen=True)
class Found:
    """One event mention before actor resolution (token indices into the parse)."""

    trigger: int
    rule: Trigger
    modality: Modality
    agent: int | None
    target: int | None
    victims: tuple[int, ...]
    fatalities: int
    fatality_kind: str
    date: Timex | None
    date_basis: str
    place: Place | None
    sentence: int
    generic: bool
    dependent: bool = False  # says more about an event told elsewhere ("14 were injured")
    intervention: int | None = None  # for protests: head of the force acting against them
    shared: int = 0  # a toll told for several places, of which ``fatalities`` is this one's share
    sides: bool = False  # its toll counts the dead of both sides ("five soldiers ... 14 attackers")
    # its sentence brings an earlier count to a toll ("bringing the toll to six")
    brought: bool = False


def find(parsed: Parsed, timexes: Sequence[Timex], topo: Toponyms) -> list[Found]:
    """Event mentions of an article, in text order.

    parsed (Parsed): the parse. timexes (Sequence[Timex]): the dates stage's output.
    topo (Toponyms): the places stage's output.
    RETURNS (list[Found]): one per event trigger (effects folded in).
    """
    lex = lexicon()
    hits: list[tuple[int, Trigger]] = []
    for tok in parsed.tokens:
        if tok.start < topo.dateline_end or tok.ent in ("DATE", "TIME"):
            continue  # "On 5 March": a month, not a march
        pos = "VERB" if tok.pos == "AUX" else tok.pos
        if pos == "PROPN" or (tok.pos == "AUX" and tok.tag == "VBG" and tok.lemma.endswith("ing")):
            pos = "NOUN"  # ("Regime shelling killed three", the parser's auxiliary "shelling")
        rows = lex.get(tok.lemma, ())
        if not rows and tok.pos == "PROPN":  # the lemmatizer leaves proper nouns inflected
            rows = lex.get(tok.lemma.rstrip("s"), ())
        if rows and (
            _alleged(parsed, tok.i)
            or _judged(parsed, tok.i)
            or _natural(parsed, tok.i)
            or _state(tok)
            or _modifier(parsed, tok)
            or _plight(parsed, tok)
        ):
            continue
        for rule in rows:
            if rule.pos == pos and _cue_holds(parsed, tok.i, rule):
                if rule.plover_mode == "firearms" and _into_the_air(parsed, tok.i):
                    continue  # "fired into the air": a warning, no fight (a crowd's, an intervention)
                hits.append((tok.i, rule))
                break
    hits = _ways_of_arrest(parsed, _uncaught(parsed, _joined_weapons(parsed, _weapons_folded(parsed, hits))))
    hits = _spoils_folded(parsed, hits)
    hits = _withdrawals_folded(parsed, hits)
    anchors = {i: j for i, rule in hits if (j := _time_anchor(parsed, i, rule, hits)) is not None}
    hits = [(i, rule) for i, rule in hits if i not in anchors]
    out: list[Found] = []
    at = [i for i, _ in hits]  # (in token order: each sentence's hits are one slice)
    told_in: set[int] = set()  # paragraphs with an event told in an earlier sentence
    mark = 0
    for sent_no, sent in enumerate(parsed.sents):
        in_sent = hits[bisect_left(at, sent.first) : bisect_right(at, sent.last)]
        told_in.update(parsed.sents[o.sentence].paragraph for o in out[mark:])
        mark = len(out)
        events = [(i, r) for i, r in in_sent if r.role == "event"]
        # "Rockets fired at the Green Zone": the verb tells the rockets' event again
        named = {i for i, _ in events}
        events = [(i, r) for i, r in events if not _restated(parsed, i, named)]
        events = [(i, r) for i, r in events if not _object_of_its_deed(parsed, i, r, events)]
        effects = [(i, r) for i, r in in_sent if r.role == "effect"]
        if not events and not effects and out and _restates(parsed, sent.first, sent.last):
            # ("The incident was the latest in a series of attacks. It took place in ...": the
            # incident, not the series)
            prev = next((o for o in reversed(out) if o.date_basis != "vague"), out[-1])
            said, basis = event_date(parsed, sent.first, timexes)
            out.append(
                replace(
                    prev,
                    agent=None,
                    target=None,
                    victims=(),
                    fatalities=0,
                    fatality_kind="none",
                    sentence=sent_no,
                    date=said,
                    date_basis=basis if said is not None else prev.date_basis,
                    place=event_place(parsed, sent.first, topo),
                    generic=True,
                    dependent=True,
                )
            )
            continue
        fatal_lemmas, non_lethal = counts()["fatal"], counts()["non_lethal_modes"]
        fatal = [h for h in effects if h[1].lemma in fatal_lemmas]
        lethal = [e for e in events if e[1].plover_mode not in non_lethal]
        # ("the attackers fled before soldiers arrived": a time told by a deed, not a deed)
        deeds = [h for h in effects if h[1].lemma in fatal_lemmas or not _timed_by(parsed, h[0])]
        if (not events and deeds) or (fatal and events and not lethal):
            # "seized six men and slaughtered them": the killing is an event of its own.
            events = sorted(
                [*events, max(deeds or effects, key=lambda h: (h[1].lemma in fatal_lemmas, -h[0]))]
            )
            effects = [h for h in effects if h not in events]
        # "The riot erupted the day after four people were killed": the deaths of an earlier
        # event, which its clause tells when no lethal trigger of that clause does ("after a
        # man who was arrested died in custody": the arrest in it is no killing)
        lethal = [e for e in events if e[1].plover_mode not in non_lethal]
        earlier = [
            h
            for h in effects
            if h[1].lemma in fatal_lemmas and all(_apart(parsed, h[0], e) for e, _ in lethal)
        ]
        if earlier:
            events = sorted([*events, earlier[0]])
            effects = [h for h in effects if h != earlier[0]]
        # "Two people were killed in Mandalay, and one when police opened fire in Yangon":
        # deaths told at a place of their own, outside the deed's clause, are another event
        elsewhere = [
            h for h in effects if h[1].lemma in fatal_lemmas and _placed_apart(parsed, h[0], lethal, topo)
        ]
        events = sorted([*events, *elsewhere])
        effects = [h for h in effects if h not in elsewhere]
        # "Militants killed four policemen, officials said, as the Taliban accused Pakistan of
        # killing civilians in air strikes": a killing told with its own doer, in a clause
        # apart from every deed of the sentence, is an event of its own
        doers = [h for h in effects if h[1].lemma in fatal_lemmas and _done_apart(parsed, h[0], lethal)]
        # "youths blocked a road, killed two men and set a vehicle on fire": the crowd killed, a
        # deed of its own, not deaths at its protest
        doers += [
            h
            for h in effects
            if h[1].lemma in fatal_lemmas and h not in doers and _crowds_own(parsed, h[0], events)
        ]
        events = sorted([*events, *doers])
        effects = [h for h in effects if h not in doers]
        # "..., residents said, while the army said it had neutralised terrorists": a rival
        # account of the deed, whose dead are not the deed's victims as the report tells them
        effects = [h for h in effects if not _in_contrast(parsed, h[0], events)]
        # "took to the streets, demanding justice for a man killed by police": a death the
        # crowd protests, told with no day nor deed of its own, is no death at its protest
        effects = [h for h in effects if not any(_asked_over(parsed, h[0], e) for e, _ in events)]
        owned: dict[int, list[int]] = {i: [] for i, _ in events}
        for i, _ in effects if events else ():  # (an arrival that only tells a time: nothing)
            # Deaths belong to the killing, not to an abduction or arrest in the same sentence.
            pool = [e for e in events if e[1].plover_mode not in non_lethal] or events
            if parsed.tokens[i].lemma not in fatal_lemmas:
                pool = events
            pool = [e for e in pool if not _apart(parsed, i, e[0])] or pool
            # (of two as near, the deed joined to it, "shot and killed", then the one its own
            # clause tells: "one was killed when police fired", then the nearer in the text:
            # "The attack came two weeks after militants overran a post ..., killing nine")
            mine = set(parsed.subtree(i))
            nearest = min(
                pool,
                key=lambda e: (
                    parsed.distance(i, e[0]),
                    not _joined(parsed, i, e[0]),
                    e[0] not in mine,
                    abs(i - e[0]),
                ),
            )[0]
            owned[nearest].append(i)
        for i, rule in events:
            found = _mention(parsed, i, rule, owned[i], timexes, topo, sent_no, [e for e, _ in events])
            dated = found.date_basis == "clause" and found.date is not None and found.date.precision == "day"
            if _aggregate(parsed, i, found.agent, rule.plover_type) and not dated:
                # ("On 26 August, multiple clashes broke out" is one day's fighting: ACLED's event)
                found = replace(found, date=None, date_basis="vague")
            told = sent.paragraph in told_in
            if (
                rule.role == "effect"
                and found.agent is None
                and (
                    (
                        rule.lemma not in counts()["killing"]
                        and (found.fatalities == 0 or rule.lemma in refine_table()["death_words"])
                    )
                    or (told and _passive(parsed, i))  # "... clashed in Baoul. 7 people were killed."
                )
            ):
                found = replace(found, dependent=True)  # injuries or deaths of an event told before
            # "died in hospital in Chibok" is not where it happened; "In Hsipaw Township, two
            # men were found dead" is
            after = found.place is not None and found.place.start > parsed.tokens[i].start
            if rule.role == "effect" and rule.lemma in refine_table()["death_words"] and after:
                found = replace(found, place=None)
            if sent_no > 0 and found.fatalities and found.brought:
                # "Two more bodies were found on Monday, bringing the toll to six": the toll of
                # an event told before, whatever day the bodies were found
                found = replace(found, dependent=True)
            if found.place is None:  # "soldiers pursued the attackers after the attack": its place
                found = replace(found, place=_anchored_place(parsed, i, anchors, out))
            out.append(found)
    return out


def told_toll(parsed: Parsed, i: int) -> int | None:
    """The figure a death toll is told at: "the death toll rose to 14", "the toll stood at 40",
    "put the toll at 40", "bringing the death toll to 15", "put its losses at three dead"."""
    toks = parsed.tokens
    if toks[i].lemma == "dead" and toks[i].pos == "ADJ":  # "put the army's losses at three dead"
        counted = [c for c in parsed.children(i) if toks[c].dep == "nummod" and toks[c].pos == "NUM"]
        return next((n for c in counted if (n := number(toks[c].text)) is not None), None)
    toll = i if _toll_noun(parsed, i) else toks[i].head if toks[i].dep == "compound" else None
    if toll is None or not _toll_noun(parsed, toll):
        return None
    figures = [
        c
        for holder in (toll, toks[toll].head)
        for prep in parsed.children(holder)
        if toks[prep].dep == "prep" and toks[prep].lemma in ("to", "at")
        for c in parsed.children(prep)
        if toks[c].dep == "pobj" and toks[c].pos == "NUM"
    ]
    return next((n for c in figures if (n := number(toks[c].text)) is not None), None)


def _alleged(parsed: Parsed, i: int) -> bool:
    """A deed someone is described by or accused of, not an event told: "a man suspected of
    kidnapping a child", "three men accused of murdering a chief", "the group has been accused
    of rape"."""
    words, repute = refine_table()["allegation_words"], refine_table()["reputation_words"]
    head = parsed.tokens[parsed.tokens[i].head]
    # "on charges of vandalism and assaulting police", the deed parsed as joined to "on"
    charged = any(
        parsed.tokens[c].dep == "pobj" and parsed.tokens[c].lemma in words for c in parsed.children(head.i)
    )
    if parsed.tokens[i].dep == "conj" and head.dep == "prep" and charged:
        return True
    # (or hung on the verb, the "and" on the charges' "on")
    cc = parsed.tokens[i - 1] if i > 0 else None
    if cc is not None and cc.dep == "cc" and cc.head != cc.i and parsed.tokens[cc.head].pos != "VERB":
        # (not "police accused the gang of extortion and shot dead two of its members")
        joined = parsed.tokens[cc.head]
        if joined.lemma in words or any(
            parsed.tokens[c].dep == "pobj" and parsed.tokens[c].lemma in words
            for c in parsed.children(joined.i)
        ):
            return True
    below = i
    named = True  # (the deed is what the "of" names, not a clause below it: "after demonstrators set fire")
    for a in parsed.ancestors(i)[:6]:
        tok = parsed.tokens[a]
        if tok.lemma in words and tok.dep in ("acl", "amod", "relcl", "appos"):
            return True
        if tok.lemma in words and tok.pos == "NOUN" and parsed.tokens[below].lemma in ("of", "for") and named:
            return True  # "arrested on suspicion of killing a trader"
        named = named and parsed.tokens[below].dep in ("pobj", "pcomp", "conj", "prep", "dobj")
        if tok.lemma in repute and parsed.tokens[below].lemma in ("of", "for") and _known_for(parsed, a, i):
            # "the group has been accused of killings and rape", "this group is blamed for
            # attacks on Shiites", "they have been responsible for the killing of security
            # men": a reputation, not an event ("on 3 April, police were accused of beating
            # traders" is one)
            return True
        below = a
        if tok.dep in ("ROOT", "ccomp"):
            return False
    return False


def _restated(parsed: Parsed, i: int, triggers: set[int]) -> bool:
    """A verb that tells again the event of the trigger it hangs on or whose subject it has:
    "rockets fired at the Green Zone" (a reduced relative clause, or the parser's main verb
    of the rockets), "a bomb planted in a car"."""
    tok = parsed.tokens[i]
    if tok.pos != "VERB":
        return False
    if tok.dep == "acl" and tok.head in triggers and tok.head != i:
        return True
    if tok.lemma not in refine_table()["instrument_verbs"]:
        return False  # "the strikes ... after the militia attacked": the parser's subject
    return any(parsed.tokens[c].dep == "nsubj" and c in triggers for c in parsed.children(i))


def _object_of_its_deed(parsed: Parsed, i: int, rule: Trigger, events: list[tuple[int, Trigger]]) -> bool:
    """A noun that is the object of a verb telling the same kind of deed, with nothing of its
    own: "opened fire" (the verb and its fire), "fired rockets": one mention, not two."""
    tok = parsed.tokens[i]
    return (
        tok.pos == "NOUN"
        and tok.dep == "dobj"
        and parsed.tokens[tok.head].pos == "VERB"
        # (not one with a target of its own: "a 'series of shelling' attacks on the town")
        and not any(parsed.tokens[c].dep == "prep" for c in parsed.children(i))
        and any(j == tok.head and r.sub_event_type == rule.sub_event_type for j, r in events)
    )


def _judged(parsed: Parsed, i: int) -> bool:
    """The crime a court or the police deal with: "sentenced to death for killing his
    neighbour", "charged with murder" (the deed is not told as news)."""
    tok = parsed.tokens[i]
    prep = parsed.tokens[tok.head]
    words = refine_table()["judicial_verbs"]
    # ("found guilty on Thursday of attacks": the parser may hang "of" on "found")
    kids = parsed.children(prep.head)
    verdict = {prep.head, *(c for c in kids if parsed.tokens[c].dep in ("oprd", "acomp"))}
    return (
        tok.dep in ("pobj", "pcomp")
        and prep.lemma in ("for", "of", "with", "over", "to")  # ("sentenced to death")
        and any(parsed.tokens[v].lemma in words for v in verdict)
    )


def _plight(parsed: Parsed, tok: Token) -> bool:
    """A bare deed noun that is what people fled or were displaced by ("200 people displaced
    by fighting", "villagers who fled violence"): the war they suffer, no event told."""
    if tok.pos not in ("NOUN", "VERB") or parsed.children(tok.i):
        return False
    head = parsed.tokens[tok.head]
    if tok.dep == "pobj" and head.lemma in ("by", "from"):
        head = parsed.tokens[head.head]
    elif tok.dep != "dobj":
        return False
    return head.lemma in refine_table()["plight_verbs"]


def _state(tok: Token) -> bool:
    """A participle before its noun that names a lasting state ("the occupied territory"),
    or one that tells where the noun's people are posted ("the area, where a police patrol was
    stationed", "soldiers stationed in Diffa"): a description, not a deed told."""
    if tok.dep == "amod" and tok.lemma in refine_table()["states"]:
        return True
    return tok.dep in ("acl", "relcl") and tok.tag == "VBN" and tok.lemma in refine_table()["positions"]


def _apart(parsed: Parsed, i: int, j: int) -> bool:
    """Token ``i`` lies in a clause that tells an earlier or later event ("after four people
    were killed", "before ...") that token ``j`` is outside of."""
    toks = parsed.tokens
    for a in [i, *parsed.ancestors(i)]:
        if a == j:
            return False
        marks = {toks[c].lemma for c in parsed.children(a) if toks[c].dep == "mark"}
        if toks[a].dep == "advcl" and marks & {"after", "before", "since"}:
            return a not in parsed.ancestors(j)
    return False


def _asked_over(parsed: Parsed, i: int, j: int) -> bool:
    """Token ``i`` lies in what the doers of ``j`` ask for ("took to the streets, demanding
    justice for a man killed by police"): a death they protest, not one at their protest."""
    up = parsed.ancestors(i)
    if j not in up:
        return False
    demands = refine_table()["demand_verbs"]
    return any(parsed.tokens[a].lemma in demands for a in up[: up.index(j)])


def _in_contrast(parsed: Parsed, i: int, events: Sequence[tuple[int, Trigger]]) -> bool:
    """Token ``i`` lies in what another source says in a clause of "while" or "whereas" that
    holds none of the sentence's deeds ("..., while the army said it had neutralised
    terrorists in the area")."""
    toks = parsed.tokens
    for a in [i, *parsed.ancestors(i)]:
        marks = {toks[c].lemma.lower() for c in parsed.children(a) if toks[c].dep == "mark"}
        if toks[a].dep == "advcl" and marks & {"while", "whereas"}:
            # (another source's words: "while 14 soldiers were killed" is the deed's own toll)
            said = toks[a].lemma in refine_table()["speech_verbs"] and a != i
            inside = set(parsed.subtree(a))
            return said and bool(events) and not any(e in inside for e, _ in events)
    return False


def _crowds_own(parsed: Parsed, i: int, events: Sequence[tuple[int, Trigger]]) -> bool:
    """A killing verb joined by "and" to a gathering's verb, so done by the gathering's own
    subject ("youths blocked a road, killed two men ...")."""
    tok = parsed.tokens[i]
    own_subject = any(parsed.tokens[c].dep in ("nsubj", "nsubjpass") for c in parsed.children(i))
    if tok.pos != "VERB" or tok.dep != "conj" or own_subject:
        return False  # ("protesters blocked the road and police shot dead two of them")
    first = tok.head
    return any(
        e == first and rule.event_type in GATHERINGS and rule.role == "event" for e, rule in events
    ) and any(parsed.tokens[c].dep == "nsubj" for c in parsed.children(first))


def _done_apart(parsed: Parsed, i: int, lethal: Sequence[tuple[int, Trigger]]) -> bool:
    """Deaths at token ``i`` told with a subject of their own ("militants killed four"), each
    lethal deed of the sentence in a clause with a subject of its own outside theirs ("as the
    Taliban accused Pakistan of ... air strikes"; not "claimed the attack, saying its fighters
    had killed 30", where the attack is what the claim is of)."""
    toks = parsed.tokens
    # (a pronoun is the doers told before: "shelled Kherson, as the governor said they killed three")
    if not lethal or not any(toks[c].dep == "nsubj" and toks[c].pos != "PRON" for c in parsed.children(i)):
        return False
    mine, above = set(parsed.subtree(i)), {i, *parsed.ancestors(i)}

    def own_clause(e: int) -> bool:  # a verb with its own subject between the deed and the deaths
        for a in [e, *parsed.ancestors(e)]:
            if a in above:
                return False
            if toks[a].pos in ("VERB", "AUX") and any(
                toks[c].dep in ("nsubj", "nsubjpass") for c in parsed.children(a)
            ):
                return True
        return False

    return all(e not in mine and own_clause(e) for e, _ in lethal)


def _placed_apart(parsed: Parsed, i: int, lethal: Sequence[tuple[int, Trigger]], topo: Toponyms) -> bool:
    """Deaths at token ``i`` told at a town in their own clause that no lethal deed of the
    sentence has in its clause, each deed outside theirs and at a town of its own."""
    if not lethal:
        return False
    sent = parsed.sent_of(i)
    towns = [
        (head_of(parsed, p.start, p.end), p.name)
        for p in topo.starting(sent.start, sent.end)
        if p.precision <= 2 and p.start >= topo.dateline_end
    ]
    mine = _own_clause(parsed, i)
    for e, _ in lethal:
        theirs = _own_clause(parsed, e)
        here = {name for at, name in towns if at in mine and at not in theirs}
        there = {name for at, name in towns if at in theirs}
        if e in mine or i in theirs or not here or not there or here & there:
            return False
    return True


VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
REMOTE_VIOLENCE = "Explosions/Remote violence"  # (the weapons a deed is done with, not its kind of harm)


def _weapons_folded(parsed: Parsed, hits: list[tuple[int, Trigger]]) -> list[tuple[int, Trigger]]:
    """ "missile strikes", "drone attacks", "a bomb attack": the weapon that names the deed's
    noun is no deed of its own (the noun's row reads the weapon as its cue)."""
    kinds = acled_types()
    violent = {i: rule for i, rule in hits if kinds[rule.sub_event_type][0] in VIOLENT}
    weapons = {i: noun for i in violent if (noun := _named_noun(parsed, i)) is not None and noun in violent}
    out = []
    for i, rule in hits:
        if i in weapons:
            continue
        # (the more specific row of the two names the deed: "a landmine blast" is the mine's)
        named = [
            violent[w] for w, noun in weapons.items() if noun == i and violent[w].priority > rule.priority
        ]
        out.append((i, max(named, key=lambda r: r.priority) if named else rule))
    return out


def _joined_weapons(parsed: Parsed, hits: list[tuple[int, Trigger]]) -> list[tuple[int, Trigger]]:
    """ "Russian drones and missiles struck Odesa": the weapons joined in one phrase tell one
    deed, the first's (and its doer's, "Russian"), not one each."""
    kinds = acled_types()
    toks = parsed.tokens
    # (weapons: not "carried out killings and abductions", two kinds of deed)
    remote = {
        i for i, rule in hits if kinds[rule.sub_event_type][0] == REMOTE_VIOLENCE and toks[i].pos == "NOUN"
    }
    # (joined bare, as the doer or the thing done of one verb: not "responsible for the raid,
    # as well as the June 2 strikes", two deeds)
    joined = {
        i
        for i in remote
        if toks[i].dep == "conj"
        and toks[i].head in remote
        and toks[toks[i].head].dep in ("nsubj", "nsubjpass", "dobj")
        and not any(toks[c].dep in ("det", "compound", "nummod") for c in parsed.children(i))
    }
    return [(i, rule) for i, rule in hits if i not in joined]


INTERCEPTIONS = frozenset({"shoot", "intercept", "destroy"})  # trigger lemmas of weapons caught in flight


def _ways_of_arrest(parsed: Parsed, hits: list[tuple[int, Trigger]]) -> list[tuple[int, Trigger]]:
    """The hits but a raid or an operation an arrest was made in ("arrested 12 men in
    house-to-house raids"): the way of the arrests, which ACLED codes as arrests, not a
    deed of its own (a raid that killed is its own event: "killed two and arrested five in
    a raid" keeps the killing)."""
    toks = parsed.tokens
    arrests = {i for i, rule in hits if rule.sub_event_type == "Arrests" and toks[i].pos == "VERB"}
    kinds = acled_types()
    out = []
    for i, rule in hits:
        prep = toks[toks[i].head]
        way = (
            toks[i].pos == "NOUN"
            and toks[i].lemma in refine_table()["arrest_ways"]
            and toks[i].dep == "pobj"
            and prep.lemma in ("in", "during")
            # (or hung on the people arrested: "arrested 12 men in raids")
            and (prep.head in arrests or (toks[prep.head].dep == "dobj" and toks[prep.head].head in arrests))
            and kinds[rule.sub_event_type][0] in VIOLENT
        )
        if not way:
            out.append((i, rule))
    return out


def _spoils_folded(parsed: Parsed, hits: list[tuple[int, Trigger]]) -> list[tuple[int, Trigger]]:
    """The hits but weapons taken, or people carried off, in the fight or killing told with
    them ("killing 15 of them and recovering weapons and motorbikes", "have killed nine
    people and abducted about 30 others in an attack"): part of that event, as ACLED codes it
    (weapons seized or people abducted in a clause of their own stay events of their own)."""
    toks = parsed.tokens
    kinds = acled_types()
    non_lethal = counts()["non_lethal_modes"]
    fights = {
        i
        for i, rule in hits
        if kinds[rule.sub_event_type][0] in VIOLENT
        and rule.plover_mode not in non_lethal
        and rule.sub_event_type != "Abduction/forced disappearance"
    }
    spoils = refine_table()["spoils_verbs"]

    # (and weapons seized in the arrest they are joined to: "arrested four men ... and seized
    # a launcher" is one arrest, as ACLED codes it)
    arrests = {i for i, rule in hits if rule.sub_event_type == "Arrests"}

    def wrecked(i: int, rule: Trigger) -> bool:
        # "The strikes hit two villages, destroying a school": the damage the deed did
        tok = toks[i]
        if rule.sub_event_type != LOOTING or tok.tag != "VBG" or tok.dep != "advcl":
            return False
        doers = [c for c in parsed.children(tok.head) if toks[c].dep in ("nsubj", "nsubjpass")]
        return tok.head in fights or any(c in fights for c in doers)

    def taken(i: int, rule: Trigger) -> bool:
        if wrecked(i, rule):
            return True
        seized = rule.sub_event_type == "Disrupted weapons use" and rule.lemma in spoils
        abducted = rule.sub_event_type == "Abduction/forced disappearance" and toks[i].pos == "VERB"
        # (joined, with no subject of its own: not "troops killed 15 and police seized weapons")
        joined = (
            toks[i].dep == "conj"
            and toks[i].head != i
            and not any(toks[c].dep in ("nsubj", "nsubjpass") for c in parsed.children(i))
        )
        in_fight = (seized or abducted) and toks[i].head in fights
        in_arrest = seized and toks[i].head in arrests
        return joined and (in_fight or in_arrest)

    return [(i, rule) for i, rule in hits if not taken(i, rule)]


def _withdrawals_folded(parsed: Parsed, hits: list[tuple[int, Trigger]]) -> list[tuple[int, Trigger]]:
    """The hits but a side's withdrawal told in the sentence of the territory the other took
    ("Fano fighters took control of the town after government troops withdrew"): one
    transfer of territory, as ACLED codes it, not a withdrawal of its own."""
    taken = {parsed.sent_of(i).first for i, rule in hits if rule.sub_event_type in TERRITORY}
    return [
        (i, rule)
        for i, rule in hits
        if not (rule.plover_mode == "withdraw" and parsed.sent_of(i).first in taken)
    ]


def _uncaught(parsed: Parsed, hits: list[tuple[int, Trigger]]) -> list[tuple[int, Trigger]]:
    """The hits but the weapons an interception caught ("shot down 18 of the 24 missiles
    launched overnight", "intercepted 20 drones"): what it stopped is no strike of its own
    (a strike told beside it is: "... but a missile hit an apartment block")."""
    catches = [
        i
        for i, rule in hits
        if rule.sub_event_type == "Disrupted weapons use" and rule.lemma in INTERCEPTIONS
    ]
    caught = {
        j
        for c in catches
        for o in parsed.children(c)
        # (a count the parser hangs loose: "shot down 25 of 36 drones")
        if parsed.tokens[o].dep == "dobj"
        or (parsed.tokens[o].dep == "npadvmod" and parsed.tokens[o].tag == "CD")
        for j in parsed.subtree(o)
    }
    kinds = acled_types()
    return [(i, r) for i, r in hits if i not in caught or kinds[r.sub_event_type][0] not in VIOLENT]


def _named_noun(parsed: Parsed, i: int) -> int | None:
    """The noun a word names the kind of ("missile" in "missile strikes" and in "air and
    missile strikes"), else None."""
    toks = parsed.tokens
    tok = toks[i]
    if tok.dep == "conj" and tok.head != i:
        tok = toks[tok.head]  # (joined to the first of the kinds)
    if tok.dep in ("compound", "amod", "nmod") and tok.head != tok.i and toks[tok.head].pos == "NOUN":
        return tok.head
    return None


def _time_anchor(parsed: Parsed, i: int, rule: Trigger, hits: list[tuple[int, Trigger]]) -> int | None:
    """An event told in an earlier sentence, named again only to time another ("Two days after
    the attack, on Saturday, a crowd beat two men to death"): "the attack", with no number or
    clause of its own, is no new event (nor the crowd's). Returns the earlier trigger it
    names (the last told by its word, else of its kind), or None."""
    toks = parsed.tokens
    tok = toks[i]
    if tok.pos != "NOUN" or tok.dep != "pobj" or toks[tok.head].lemma not in refine_table()["anchor_preps"]:
        return None
    kids = [toks[c] for c in parsed.children(i)]
    if not any(k.dep == "det" and k.lemma in ("the", "this", "that") for k in kids):
        return None
    # ("after the attack that killed five", "after the attack on a church on Sunday": told anew)
    if any(k.dep in ("nummod", "relcl", "acl", "appos") for k in kids):
        return None
    if any(toks[j].ent == "DATE" for j in parsed.subtree(i)):
        return None
    first = parsed.sent_of(i).first
    told = [(j, r) for j, r in hits if j < first]
    same = [j for j, _ in told if toks[j].lemma == tok.lemma] or [
        j for j, r in told if r.sub_event_type == rule.sub_event_type
    ]
    return same[-1] if same else None


def _anchored_place(parsed: Parsed, i: int, anchors: dict[int, int], out: list[Found]) -> Place | None:
    """The place of the event a deed is timed by ("pursued the terrorists after the attack,
    killing 15"): where that deed happened too, when its own clause names none."""
    toks = parsed.tokens
    sent = parsed.sent_of(i)
    mine = set(parsed.subtree(i))
    over, cur = {i}, i  # the deed and the verbs it hangs on
    while toks[cur].head != cur and len(over) < 8:
        cur = toks[cur].head
        over.add(cur)
    for anchor, earlier in anchors.items():
        if sent.first <= anchor <= sent.last and (anchor in mine or toks[toks[anchor].head].head in over):
            return next(
                (f.place for f in reversed(out) if f.trigger == earlier and f.place is not None), None
            )
    return None


def _timed_by(parsed: Parsed, i: int) -> bool:
    """The word's clause only tells when something else happened ("before soldiers arrived",
    "until police came")."""
    toks = parsed.tokens
    return toks[i].dep == "advcl" and any(
        toks[c].dep == "mark" and toks[c].lemma in ("before", "until", "till") for c in parsed.children(i)
    )


def _joined(parsed: Parsed, a: int, b: int) -> bool:
    """Two verbs of one subject joined by "and" ("shot and killed"; not "two were killed in
    Mandalay and one was killed in Yangon")."""
    toks = parsed.tokens
    for later, first in ((a, b), (b, a)):
        if toks[later].dep == "conj" and toks[later].head == first:
            return not any(toks[c].dep in ("nsubj", "nsubjpass") for c in parsed.children(later))
    return False


def _own_clause(parsed: Parsed, i: int) -> set[int]:
    """The tokens under ``i`` but not in a clause joined to it by "and" ("two were killed in
    Mandalay, and one was killed in Yangon": the first clause alone)."""
    toks = parsed.tokens
    joined = [c for c in parsed.children(i) if toks[c].dep == "conj" and toks[c].pos in ("VERB", "AUX")]
    return set(parsed.subtree(i)).difference(*(parsed.subtree(c) for c in joined))


def _modifier(parsed: Parsed, tok: Token) -> bool:
    """A noun that only says what kind of force or gear its head is: "riot police", "attack
    helicopters" (not "a bomb attack" or "a protest camp", where the event is told)."""
    head = parsed.tokens[tok.head]
    return tok.dep == "compound" and tok.head != tok.i and head.lemma in refine_table()["kind_heads"]


def _natural(parsed: Parsed, i: int) -> bool:
    """Deaths a hazard, an accident or a disease caused: "floods killed 30", "died in a road
    accident", "a blaze killed three children" (not "killed in a blaze set by gunmen")."""
    table = refine_table()
    causes, blaze = table["natural_causes"], table["blaze_words"]
    for c in parsed.children(i):
        t = parsed.tokens[c]
        if t.dep == "nsubj" and t.lemma in causes:
            return True
        if t.dep in ("prep", "agent") and t.lemma in ("in", "by", "from", "during"):
            objects = {parsed.tokens[o].lemma for o in parsed.children(c) if parsed.tokens[o].dep == "pobj"}
            if objects & (causes - blaze):
                return True
    if _by_vehicle(parsed, i, i):
        return True  # "a truck killed three pedestrians"
    tok = parsed.tokens[i]
    if tok.dep not in ("advcl", "xcomp", "conj", "acl") or tok.head == i:
        return False
    # "a bus collided with a truck, killing 12 passengers": the deaths are the accident's
    head = parsed.tokens[tok.head]
    if head.pos == "NOUN":  # (a parse of "a bus overturned ..., killing" as two phrases of "bus")
        head = next(
            (parsed.tokens[c] for c in parsed.children(head.i) if parsed.tokens[c].dep == "acl"), head
        )
    if head.i == i or (head.lemma in lexicon() and head.lemma not in table["victim_verbs"]):
        return False  # (the deed the deaths follow: "a car exploded, killing five soldiers")
    subject = [c for c in parsed.children(head.i) if parsed.tokens[c].dep == "nsubj"]
    crashed = head.lemma in table["accident_verbs"] and (
        not subject or parsed.tokens[subject[0]].pos == "PRON" or _plain_vehicle(parsed, subject[0])
    )  # ("a drone crashed into an apartment block" was sent)
    return crashed or _by_vehicle(parsed, head.i, i)


def _by_vehicle(parsed: Parsed, i: int, deed: int) -> bool:
    """Whether the verb at ``i`` is done by a vehicle with no force or weapon named for it
    and no other deed told in its clause ("a truck killed", "was hit by a car"; not "a
    police vehicle", "an army truck", "a car bomb", "a car packed with explosives", "a bus
    hit a landmine" or a car that rammed soldiers). ``deed``: the trigger whose deaths
    these are."""
    if parsed.tokens[i].lemma in refine_table()["deliberate_verbs"]:
        return False
    toks = parsed.tokens
    doers = [c for c in parsed.children(i) if toks[c].dep == "nsubj"]
    agents = [c for c in parsed.children(i) if toks[c].dep == "agent"]  # ("was hit by a car")
    doers += [o for c in agents for o in parsed.children(c) if toks[o].dep == "pobj"]
    if not any(_plain_vehicle(parsed, o) for o in doers):
        return False
    words = lexicon()  # (the costlier test last: most deeds have no vehicle for a doer)
    return not any(toks[t].lemma in words for t in parsed.subtree(i) if t not in (i, deed))


def _plain_vehicle(parsed: Parsed, i: int) -> bool:
    """A vehicle with no owner named for it ("a truck"; not "a police vehicle", "its aircraft",
    "US aircraft": a state's, whose "aircraft struck a village, killing 25" is a strike)."""
    table = refine_table()
    kids = [parsed.tokens[m] for m in parsed.children(i)]
    mods = {m.lemma for m in kids if m.dep in ("compound", "amod")}
    owned = any(m.dep == "poss" or (m.dep in ("compound", "amod") and m.ent in ("NORP", "GPE")) for m in kids)
    return parsed.tokens[i].lemma in table["vehicles"] and not mods & table["vehicle_owners"] and not owned


def _known_for(parsed: Parsed, a: int, deed: int) -> bool:
    """The word at ``a`` ("accused", "blamed", "responsible") is said in the perfect, or in
    the present of deeds in a bare plural: what someone is known for, not a deed told as done
    on a day ("residents accuse police of torching houses" tells one)."""
    toks = parsed.tokens
    verb = toks[a].head if toks[a].dep == "acomp" else a
    auxes = [toks[c] for v in {a, verb} for c in parsed.children(v) if toks[c].dep in ("aux", "auxpass")]
    if any(x.lemma == "have" for x in auxes):
        return True
    present = any(x.tag in ("VBZ", "VBP") for x in auxes) or toks[verb].tag in ("VBZ", "VBP")
    bare = toks[deed].tag == "NNS" and not any(
        toks[c].dep in ("det", "nummod", "poss") for c in parsed.children(deed)
    )
    return present and bare


def _passive(parsed: Parsed, i: int) -> bool:
    return any(parsed.tokens[c].dep in ("nsubjpass", "auxpass") for c in parsed.children(i))


def _aggregate(parsed: Parsed, i: int, agent: int | None, plover: str = "") -> bool:
    """A summary of many events: "a string of rocket attacks", "the insurgency has killed"."""
    table = refine_table()
    tok = parsed.tokens[i]
    if tok.dep == "compound":  # "rocket attacks": judge the phrase by its head
        i, tok = tok.head, parsed.tokens[tok.head]
    if agent is not None and parsed.tokens[agent].lemma in table["aggregate_agents"]:
        return True
    if tok.pos == "ADJ":  # "the conflict has left 20,000 people dead"
        verb = next((a for a in parsed.ancestors(i) if parsed.tokens[a].pos in ("VERB", "AUX")), tok.head)
        subject = next((c for c in parsed.children(verb) if parsed.tokens[c].dep == "nsubj"), None)
        if subject is not None and parsed.tokens[subject].lemma in table["aggregate_agents"]:
            return True
    for c in parsed.children(i):  # "had already sanctioned a total of 93 individuals"
        child = parsed.tokens[c]
        # (but "protested the growing number of casinos" is one protest about many things)
        if (child.dep == "dobj" and child.lemma in table["aggregate_heads"] and plover != "PROTEST") or (
            child.dep == "advmod" and child.lemma in ("already", "previously", "far")
        ):
            return True
    if (
        tok.dep == "conj"
        and tok.head != i
        and parsed.tokens[tok.head].pos in ("NOUN", "PROPN")
        and not any(parsed.tokens[c].dep in ("det", "nummod", "amod") for c in parsed.children(i))
        and _aggregate(parsed, tok.head, None, plover)
    ):
        # "multiple attacks and assaults": the first noun's word counts the second too (not
        # "several injuries and one fatality", which counts its own)
        return True
    if tok.tag in ("NNS", "NNPS") or tok.pos == "PROPN" and tok.text.endswith("s"):
        head = parsed.tokens[tok.head]
        if (
            head.dep == "prep"
            and head.lemma == "of"
            and parsed.tokens[head.head].lemma in table["aggregate_heads"]
        ):
            return True
        return any(parsed.tokens[c].lemma in table["aggregate_heads"] for c in parsed.children(i))
    return False


RESTATING = ("happen", "occur", "take", "come")


def _deed_noun(parsed: Parsed, i: int) -> bool:
    """Whether the noun at ``i`` names a deed of the trigger table ("abduction", "raid")."""
    tok = parsed.tokens[i]
    return tok.pos == "NOUN" and any(
        r.pos == "NOUN" and r.role == "event" for r in lexicon().get(tok.lemma, ())
    )


def cue_lemmas() -> frozenset[str]:
    """Lemmas without which a sentence holds no event mention of its own: every trigger,
    effect ("killed", "injured") and restating verb ("it happened at dawn")."""
    table = counts()
    effects: frozenset[str] = table["fatal"] | table["killing"]
    return frozenset(lexicon()) | effects | frozenset(RESTATING)


def _restates(parsed: Parsed, first: int, last: int) -> bool:
    """A sentence like "It took place in Lower Shabelle", "The incident happened at dawn" or
    "The patrol came under fire on Tuesday" (after the ambush it was told as)."""
    toks = parsed.tokens
    for t in toks[first : last + 1]:
        # (or told by someone: "The patrol came under fire ..., the mission said")
        said = t.dep in ("ccomp", "parataxis") and toks[t.head].lemma in refine_table()["speech_verbs"]
        if (t.dep == "ROOT" or said) and t.lemma in RESTATING:
            if t.lemma == "come":  # "The patrol came under fire on Tuesday about 15 km from Bocaranga"
                return any(parsed.tokens[c].lemma == "under" for c in parsed.children(t.i))
            return t.lemma != "take" or any(parsed.tokens[c].lemma == "place" for c in parsed.children(t.i))
    return False


def _near(parsed: Parsed, i: int) -> set[str]:
    """Lemmas close to token i in its sentence: within 3 tokens, 2 dependency steps, or at
    the head of the prepositional phrases it stands in."""
    sent = parsed.sent_of(i)
    lo, hi = max(sent.first, i - 3), min(sent.last, i + 3)
    near = {parsed.tokens[j].lemma for j in range(lo, hi + 1) if j != i}
    # two dependency steps: head and its head, dependents and theirs, and the head's other
    # dependents (walked directly: measuring the path to every word of the sentence was slow)
    steps = set(parsed.children(i))
    for c in list(steps):
        steps.update(parsed.children(c))
    head = parsed.tokens[i].head
    if head != i:
        steps.add(head)
        steps.update(parsed.children(head))
        if parsed.tokens[head].head != head:
            steps.add(parsed.tokens[head].head)
    near.update(parsed.tokens[j].lemma for j in steps if j != i)
    # "killed as a result of a strike": the deed a prepositional phrase of up to two
    # prepositions tells the cause of
    chain = parsed.through_preps(i)
    if len(chain) > 1:
        near.add(parsed.tokens[chain[-1]].lemma)
    # "extended the state of emergency", "dropped a number of bombs", "fired rounds of tear gas
    # shells": the object's "of" noun, with the nouns that name its kind
    for obj in parsed.children(i):
        if parsed.tokens[obj].dep in ("dobj", "nsubjpass"):
            for of in parsed.children(obj):
                if parsed.tokens[of].lemma == "of":
                    for n in parsed.children(of):
                        near.add(parsed.tokens[n].lemma)
                        near.update(
                            parsed.tokens[k].lemma
                            for k in parsed.children(n)
                            if parsed.tokens[k].dep in ("compound", "amod")
                        )
    return {w for lemma in near for w in re.split(r"[-\s]", lemma)} | near


def _cue_holds(parsed: Parsed, i: int, rule: Trigger) -> bool:
    near = _near(parsed, i)
    if rule.block & near:
        return False
    # the verb's own particles ("shot down"), then one of the other cues if any
    if rule.particles and not rule.particles <= {
        parsed.tokens[c].lemma for c in parsed.children(i) if parsed.tokens[c].dep in ("prt", "advmod")
    }:
        return False
    # (its own object, not one of a verb beside it: "arrested 30 people and seized 500 firearms")
    if rule.objects and not rule.objects & {
        parsed.tokens[c].lemma.lower() for c in parsed.children(i) if parsed.tokens[c].dep == "dobj"
    }:
        return False
    return not rule.cue or bool(rule.cue & near)


def _into_the_air(parsed: Parsed, i: int) -> bool:
    """The shots were fired into the air ("security forces fired into the air"), at no one."""
    toks = parsed.tokens
    kids = parsed.children(i)
    shots = [c for c in kids if toks[c].dep == "dobj"]
    if any(toks[c].lemma not in ("shot", "round", "bullet", "fire") for c in shots):
        return False
    # ("opened fire into the air": the shots' phrase may hold where they went)
    preps = [c for k in (i, *shots) for c in parsed.children(k) if toks[c].dep == "prep"]
    aimed = [o for c in preps for o in parsed.children(c) if toks[o].dep == "pobj"]
    return any(toks[o].lemma == "air" for o in aimed) and not any(
        toks[c].lemma in ("at", "on", "upon", "towards", "toward") for c in preps
    )


def _air_strike() -> Trigger:
    """The trigger row of an air strike (the table's "airstrike")."""
    return next(r for r in lexicon()["airstrike"] if r.pos == "NOUN")


def _mention(
    parsed: Parsed,
    i: int,
    rule: Trigger,
    effects: list[int],
    timexes: Sequence[Timex],
    topo: Toponyms,
    sent_no: int,
    others: Sequence[int] = (),
) -> Found:
    agent, target = roles(parsed, i)
    if rule.lemma in refine_table()["mutual"]:
        agent, target = sides(parsed, i, agent, target)
    victims_told = (
        refine_table()["death_words"] | refine_table()["loss_words"] | refine_table()["flight_verbs"]
    )
    if rule.lemma in victims_told and rule.role == "effect":
        agent = None  # "two of the wounded died", "residents fled": the subject is a victim
    if (
        rule.role == "effect"
        and agent is not None
        and parsed.tokens[agent].lemma.lower() in refine_table()["aircraft"]
        # (not a crash: "a passenger plane crashed, killing six")
        and parsed.tokens[parsed.tokens[agent].head].lemma not in refine_table()["accident_verbs"]
    ):
        rule = _air_strike()  # "its aircraft had destroyed a base, killing around 20": an air strike
    # "foiled an attempted abduction of two aid workers": the deed foiled is no side, nor are
    # the people it was aimed at
    foiling = rule.lemma in attempts().foiled
    deed = target if target is not None and foiling and _deed_noun(parsed, target) else None
    if target is not None and (parsed.tokens[target].lemma in rule.cue or deed is not None):
        # "opened fire on residents", "set fire to homes": the object belongs to the trigger
        target = prep_object(parsed, target, ("on", "at", "to")) or prep_object(parsed, i, ("on", "at", "to"))
    victims: list[int] = []
    tallies: list[tuple[int, str]] = []
    totals: list[int] = []  # tolls told as the event's whole ("bringing the toll to six")
    groups: list[tuple[int, tuple[int, str]]] = []  # each victim phrase counted, with its count
    speakers: set[int | None] = set()  # who tells each count
    for e in [i, *effects]:
        phrase = victim_phrase(parsed, e, own=e == i)
        toll = told_toll(parsed, e)
        if toll is not None:
            tallies.append((toll, "explicit"))
            totals.append(toll)
        if phrase is None or phrase == deed:
            continue
        # "police fatally shot a man", "shot dead two protesters" (the parser may hang "dead"
        # on the victims)
        fatally = any(
            parsed.tokens[c].lemma in ("fatally", "mortally", "dead") for c in parsed.children(e)
        ) or any(
            parsed.tokens[c].lemma == "dead" and e < c < phrase
            for c in (parsed.children(phrase) if phrase is not None else ())
        )
        if parsed.tokens[e].lemma in counts()["fatal"] or fatally:  # "police fatally shot a man"
            tallies.append(count(parsed, phrase, e))
            groups.append((phrase, tallies[-1]))
            speakers.add(speaker(parsed, e))
        victims.append(phrase)
    if rule.role == "effect" and victims and target is None:
        target = victims[0]
    brought = _bringing_tolls(parsed, i)
    if victims and not totals:  # ("... were found, Ahmed said, bringing the toll to six")
        totals = [n for t in brought if (n := told_toll(parsed, t)) is not None]
        tallies.extend((n, "explicit") for n in totals)
    explicit = [n for n, kind in tallies if kind == "explicit"]
    # (two sides' counts told by two speakers are rival claims: "a Fano commander said his
    # fighters killed 30 soldiers, while the army said it killed 100 militiamen")
    # (a count no speaker is found for is the one before it told on: "..., the statement said,
    # adding that the attackers left 14 bodies")
    both = _both_sides(parsed, groups) if len(speakers - {None}) <= 1 else None
    if both is not None:
        fatalities, kind = both, "explicit"
    elif totals:  # ("two more bodies were found, bringing the toll to six": six, not two)
        fatalities, kind = max(totals), "explicit"
    elif explicit:
        fatalities, kind = min(explicit), "explicit"
    elif tallies:
        fatalities, kind = max(tallies)
    else:
        fatalities, kind = 0, "none"
    # (a decision's day is the day it was said; a deed's, such as burning homes, is not)
    announced = rule.event_type == "Strategic developments" and rule.plover_type != "ASSAULT"
    # (what a crowd protests, "protesting last week's killings", is its cause, not its deed:
    # its day is not the protest's)
    gathering = rule.event_type in GATHERINGS
    dated_by = [
        e
        for e in effects
        if not (gathering and parsed.tokens[e].head == i and parsed.tokens[e].dep == "dobj")
    ]
    date, basis = event_date(parsed, i, timexes, dated_by, announced)
    force = _intervention(parsed, i) if gathering else None
    return Found(
        trigger=i,
        rule=rule,
        modality=modality(parsed, i, rule.sub_event_type),
        agent=agent,
        target=target,
        victims=tuple(victims),
        fatalities=fatalities,
        fatality_kind=kind,
        date=date,
        date_basis=basis,
        place=event_place(parsed, i, topo, others),
        sentence=sent_no,
        generic=not (rule.cue or rule.particles) and rule.priority <= 5,
        intervention=force,
        sides=both is not None,
        brought=bool(brought),
    )


def _toll_noun(parsed: Parsed, i: int) -> bool:
    """ "toll", or "the number of dead" ("bringing the number of dead to five")."""
    toks = parsed.tokens
    if toks[i].lemma == "toll":
        return True
    return toks[i].lemma == "number" and any(
        toks[o].lemma in refine_table()["death_words"]
        for c in parsed.children(i)
        if toks[c].dep == "prep" and toks[c].lemma == "of"
        for o in parsed.children(c)
        if toks[o].dep == "pobj"
    )


def _bringing_tolls(parsed: Parsed, i: int) -> list[int]:
    """The tolls of the trigger's sentence that a deed brings to a figure ("bringing the toll
    to six", "taking the death toll to 15"): the whole of the event the sentence adds to."""
    sent = parsed.sent_of(i)
    toks = parsed.tokens
    return [
        t
        for t in range(sent.first, sent.last + 1)
        if _toll_noun(parsed, t)
        and toks[t].dep == "dobj"
        and toks[toks[t].head].lemma in refine_table()["toll_verbs"]
        # (not a toll some would make: "which would bring the toll to 11")
        and not any(toks[c].dep == "aux" and toks[c].tag == "MD" for c in parsed.children(toks[t].head))
        # (nor a period's or a campaign's: "bringing the toll from attacks this month to 85")
        and not any(
            toks[c].dep == "prep"
            and toks[c].lemma not in ("to", "at", "of" if toks[t].lemma == "number" else "to")
            for c in parsed.children(t)
        )
        and not any(toks[j].ent == "DATE" for j in parsed.subtree(toks[t].head))
    ]


def _both_sides(parsed: Parsed, groups: list[tuple[int, tuple[int, str]]]) -> int | None:
    """ "Seven soldiers were killed ... and 18 assailants were neutralised": the dead of the
    attackers and of the attacked, each counted by its own verb, are all the event's dead
    (ACLED); None unless both sides are counted so."""
    attackers = refine_table()["armed_people"] | refine_table()["doer_nouns"]

    def armed(p: int) -> bool:
        # (or the bodies armed people left behind: "the attackers left 14 bodies on the ground")
        tok = parsed.tokens[p]
        head = parsed.tokens[tok.head]
        left_by = head.lemma == "leave" and any(
            parsed.tokens[c].dep == "nsubj" and parsed.tokens[c].lemma in attackers
            for c in parsed.children(head.i)
        )
        # (as they fled or withdrew: after a massacre, "left 14 bodies in the square" are the victims)
        fleeing = any(
            parsed.tokens[j].lemma in refine_table()["retreat_verbs"] for j in parsed.subtree(head.i)
        )
        return tok.lemma in attackers or (tok.lemma == "body" and left_by and fleeing)

    counted = [(armed(p), n) for p, (n, kind) in groups if kind == "explicit" and n]
    theirs = [n for armed, n in counted if armed]
    ours = [n for armed, n in counted if not armed]
    return min(theirs) + min(ours) if theirs and ours else None


BACKGROUND = ("after", "before", "when", "since")


def _grievance(parsed: Parsed, i: int) -> bool:
    """What the protest is about, not what was done to it: "demanding the arrest of their
    teacher", "calling for the release of an MP", "a man who was arrested the day before",
    "after being arrested for a traffic violation", "the confiscated farmlands"."""
    demands = refine_table()["demand_verbs"]
    for a in [i, *parsed.ancestors(i)]:
        tok = parsed.tokens[a]
        if a != i and tok.lemma in demands:
            return True
        if tok.dep in ("relcl", "acl", "amod") or (
            tok.dep == "advcl" and any(parsed.tokens[c].lemma in BACKGROUND for c in parsed.children(a))
        ):
            return True
        if tok.dep == "pcomp" and parsed.tokens[tok.head].lemma in BACKGROUND:
            return True
    return False


def _negated(parsed: Parsed, i: int) -> bool:
    """The word, or the verb it hangs on, is negated ("security forces did not intervene")."""
    verb = i if parsed.tokens[i].pos in ("VERB", "AUX") else parsed.tokens[i].head
    return any(parsed.tokens[c].dep == "neg" for c in parsed.children(verb))


def _intervention(parsed: Parsed, i: int) -> int | None:
    """Head of the force that acted against the protest in this sentence or the next one of
    its paragraph ("... staged a demonstration. Security forces intervened."), if any (-1:
    cues of an intervention but no named force)."""
    table = refine_table()
    sent = parsed.sent_of(i)
    last = sent.last
    after = parsed.tokens[sent.last].sent + 1
    if after < len(parsed.sents) and parsed.sents[after].paragraph == sent.paragraph:
        last = parsed.sents[after].last
    topic = set(parsed.subtree(i))  # "protested the arrest of an MP": the arrest is the topic
    toks = [
        t
        for t in parsed.tokens[sent.first : last + 1]
        if t.i not in topic and not _grievance(parsed, t.i) and not _negated(parsed, t.i)
    ]
    if not any(t.lemma in table["intervention"] for t in toks):
        return None
    for t in toks:
        if t.pos == "VERB" and t.lemma in table["intervention_verbs"]:
            subj = next((c for c in parsed.children(t.i) if parsed.tokens[c].dep == "nsubj"), None)
            if subj is not None:
                return subj
    return -1
