"""One event mention as a provisional record: its actors, date, place and evidence.

Reads: one ``events.Found`` with the article's parse, places and actor resolver. Writes: a
``drafts.Draft`` (the record plus what merging needs). ACLED's rules that need the whole
event wait until the mentions of one event are merged (``acled``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .. import actors, events, places
from ..events.anchors import clause_verb, framed
from ..gazetteer import Gazetteer, ascii_name
from ..records import Actor, Article, Event, Parsed, Place, Timex
from ..vocab import ARMED, CROWDS, EMERGENCY, FACTUAL, FORCES, INTERVENTION, NON_STATE_ARMED, TERRITORY, Inter
from . import eventness
from .drafts import Draft, known

PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def draft(
    parsed: Parsed,
    f: events.Found,
    topo: places.Toponyms,
    resolver: actors.Resolver,
    gaz: Gazetteer,
    lead: Timex | None = None,
) -> Draft | None:
    """One mention as a provisional record; ACLED's type refinements wait for the merge.
    ``lead``: the date of the news the lead tells, which a mention with no date of its own
    takes."""
    article = parsed.article
    if _demanded(parsed, f.trigger):
        return None  # ("placards demanding an end to the bombing": the protest's cause, told elsewhere)
    if _in_support(parsed, f.trigger):
        return None  # ("Somali forces backed by US air strikes recaptured the town": one deed)
    if _sent_to_the_scene(parsed, f):
        return None  # ("security forces had been deployed to the area": the answer to a deed told)
    told = eventness.kind(parsed, f)
    if told in ("aggregate", "habitual"):
        f = replace(f, date=None, date_basis="vague")  # a tally or a habit: never an event alone
    # (a toll told on its own, "A 64-year-old woman and a 58-year-old man died," is of the
    # event it follows, wherever that is: not the story's home country by default)
    home = places.country_place(gaz, topo.home) if topo.home and not f.dependent else None
    place: Place | None = f.place or home
    if f.place is not None and (_distance(article.text, f.place) or 0.0) > NEAR_KM:
        place = places.province_place(gaz, f.place) or place  # "87 km south of Maiduguri": Borno
    cc = place.country_code if place else topo.focus
    rule = f.rule
    violent = rule.disorder_type.startswith("Political violence")
    date, precision, basis = _date(article, f, lead)
    resolver = resolver.on(date)
    actor1 = resolver.resolve(f.agent, cc, violent)
    if not cc and actor1 is not None and actor1.inter == 1 and actor1.country_code:
        cc = actor1.country_code  # no place known: a state's forces act at home
    actor2 = resolver.victim(resolver.resolve(f.target, cc, violent, struck=True), cc)
    # (a town attacked is its people, unless the dead it names are armed: "attacked the town
    # of Kadugli, killing 12 soldiers" was a fight with the army)
    town = f.target is not None and places.unit_word(parsed.tokens[f.target].lemma)
    hit = [(v, resolver.resolve(v, cc, violent, struck=True)) for v in f.victims]
    # (the dead of a fight between two sides are theirs, not civilians': "clashes between
    # Moundang and Moussey communities left eleven people dead")
    fight = rule.sub_event_type == "Armed clash" and rule.lemma in events.refine_table()["mutual"]
    first = next((v for v, _ in hit if v != f.target), None)  # the first dead named apart from it
    for v, found in hit:
        dead = resolver.victim(found, cc)
        if fight and f.agent is not None and dead is not None and dead.inter == Inter.CIVILIANS:
            continue
        # (the dead themselves armed, not "a police officer's wife")
        own = not any(parsed.tokens[c].dep == "poss" for c in parsed.children(v))
        armed_dead = (
            dead is not None and dead.inter in ARMED and own and (actor1 is None or dead.name != actor1.name)
        )
        # (the dead say whose the thing hit was: "two police officers were killed when gunmen
        # attacked their patrol" hit the police, not the army a patrol would default to)
        branch = (
            v == first  # (not "two soldiers were killed and an officer wounded")
            and actor2 is not None
            and dead is not None
            and own
            and actor2.inter == dead.inter == Inter.STATE
            and actor2.country_code == dead.country_code
            and actor2.name != dead.name
            and f.target is not None
            # (the thing hit is theirs by a pronoun: "their patrol", "its convoy"; a bare
            # "officers" at "a police station" stays the station's police)
            and any(
                parsed.tokens[c].dep == "poss" and parsed.tokens[c].pos == "PRON"
                for c in parsed.children(f.target)
            )
        )
        if actor2 is None or (town and actor2.inter == Inter.CIVILIANS and armed_dead) or branch:
            actor2 = dead or actor2
    enemy_dead = False  # the dead are of the side that attacked the one that repelled it
    if actor1 is None and rule.lemma in events.refine_table()["repel_verbs"] and actor2 is not None:
        # "soldiers repelled an attack on their base, killing 15 Islamic State fighters": the
        # attack no one is named for was made by the side whose dead the repelling side counts
        enemy = next(
            (a for _, a in hit if a is not None and a.inter in NON_STATE_ARMED and a.name != actor2.name),
            None,
        )
        if enemy is not None:
            actor1, enemy_dead = enemy, True
    if rule.sub_event_type in TERRITORY:
        # "seized the town of Rubaya from the Congolese army": the side that lost it; a town
        # taken is no one's people ("overran an army base": the army's)
        loser = resolver.resolve(events.prep_object(parsed, f.trigger, ("from",)), cc, violent)
        actor2 = loser or (actor2 if actor2 is not None and actor2.inter != Inter.CIVILIANS else None)
    if rule.sub_event_type == "Armed clash" and rule.lemma in events.refine_table()["mutual"]:
        # a fight whose sides the parse lost ("near X village (Y Township), Myanmar military
        # and AA clashed"): the armed actors its sentence names
        sent = parsed.sents[f.sentence]
        named = [
            a
            for a in resolver.armed_named(sent.start, sent.end, cc)
            if actor1 is None or a.name != actor1.name
        ]
        if actor1 is None and len(named) > 1:
            actor1, named = named[0], named[1:]
        if actor2 is None and named:
            actor2 = named[0]
    rivals = (
        rule.lemma in events.refine_table()["mutual"]
        and f.agent is not None
        and any(parsed.tokens[c].lemma == "rival" for c in parsed.children(f.agent))
    )
    if (
        rivals
        and actor1 is not None
        and actor1.inter in ARMED
        and (actor2 is None or actor2.inter == Inter.CIVILIANS)
    ):
        actor2 = actor1  # "rival gangs exchanged fire, two people were killed": gangs on both sides
    if actor2 is None and rule.sub_event_type == "Agreement" and f.agent is not None:
        # "Sudan's army and the Rapid Support Forces agreed to a ceasefire": the other party
        other = next((c for c in parsed.children(f.agent) if parsed.tokens[c].dep == "conj"), None)
        actor2 = resolver.resolve(other, cc, violent)
    if actor1 is None and violent:
        actor1 = resolver.blamed(f.sentence, cc, actor2, f.trigger) or resolver.doer(
            f.sentence, cc, actor2, f.trigger
        )
    country_name = resolver.country_name(cc, False) if cc else "Unknown"
    if rule.event_type == "Protests" and _no_gathering(parsed, f, actor1):
        return None  # "gunmen who blocked a highway pulled passengers off two buses": no protest
    if rule.event_type == "Protests":
        force = resolver.resolve(f.intervention, cc, True) if f.intervention not in (None, -1) else None
        if actor1 is not None and actor1.inter in (1, 2, 3) and rule.sub_event_type == INTERVENTION:
            force = force or actor1  # "troops fired tear gas into the crowd": the force, not the crowd
        if actor1 is None or actor1.inter not in CROWDS:
            actor1 = Actor(actors.generic_name(Inter.PROTESTERS, country_name), Inter.PROTESTERS, cc)
        actor2 = force
    elif rule.event_type == "Riots" and actor2 is None and f.intervention not in (None, -1):
        actor2 = resolver.resolve(f.intervention, cc, True)  # the police who met the riot
    unnamed = False  # an arrest nobody is told as making ("three of those arrested")
    if actor1 is None and rule.sub_event_type == "Arrests":
        # "two residents were arrested": only a state's forces arrest (ACLED), here its police
        arrester = resolver.arrester(f.sentence, cc)
        unnamed = arrester is None and f.agent is None
        actor1 = arrester or resolver.police(cc)
    if rule.sub_event_type == "Arrests" and _at_a_gathering(parsed, f.trigger):
        # "detained six young men at a protest", "dispersed the crowd and detained six": the
        # people held are the gathering's (the arrests are the force it met)
        actor2 = Actor(actors.generic_name(Inter.PROTESTERS, country_name), Inter.PROTESTERS, cc)
    caught = rule.sub_event_type == "Disrupted weapons use" and rule.lemma in events.INTERCEPTIONS
    if caught and actor1 is not None and actor1.sector == "government" and actor1.country_code:
        # "Russia reported shooting down a dozen drones": its forces caught them
        actor1 = resolver.state(actor1.country_code, cc, True, parsed.tokens[f.trigger].start)
    if actor1 is None and caught:
        # "Another Ukrainian drone was shot down, the Russian Defense Ministry said": the state
        # that tells of catching it caught it; the weapon's side (actor 2) did not
        said = resolver.resolve(events.speaker(parsed, f.trigger), cc, False)
        if said is not None and said.inter in FORCES and said.country_code:
            actor1 = resolver.state(said.country_code, cc, True, parsed.tokens[f.trigger].start)
    if rule.plover_mode == EMERGENCY:
        # "the state of emergency was extended": only a state's authorities impose one, and
        # what they impose it on is no actor
        actor2 = None
        if actor1 is None and cc:
            actor1 = resolver.state(cc, cc, False, parsed.tokens[f.trigger].start)
    if (
        actor1 is None
        and not violent
        and not caught
        and actor2 is not None
        and f.target is not None
        and parsed.tokens[f.target].dep == "nsubjpass"
    ):
        actor1, actor2 = actor2, None  # "more troops are expected to be deployed"
    faceless = (actor1 is None and f.agent is None) or unnamed  # "two protesters were shot dead"
    if actor1 is None:
        if rule.event_type == "Riots":
            actor1 = Actor(actors.generic_name(Inter.RIOTERS, country_name), Inter.RIOTERS, cc)
        elif violent or rule.sub_event_type == "Looting/property destruction":
            # houses burned by someone unnamed: ACLED still codes it, to an unidentified group
            actor1 = Actor(
                actors.generic_name(Inter.POLITICAL_MILITIA, country_name), Inter.POLITICAL_MILITIA, cc
            )
        else:
            return None  # a development with no actor is not an ACLED event
    suspect = ""
    if actor1.inter in NON_STATE_ARMED and known(actor1.name) and resolver.suspected(actor1):
        # "suspected Boko Haram fighters abducted six people": a group only suspected is not
        # blamed (ACLED codes an unidentified group; the notes name the suspect); a mention
        # that names it plainly, or its claim, names it again when the mentions are joined
        suspect = actor1.name
        actor1 = Actor(
            actors.generic_name(Inter.POLITICAL_MILITIA, country_name), Inter.POLITICAL_MILITIA, cc
        )
    if actor2 is not None and actor2.name == actor1.name and not rivals:
        actor2 = None
    home_forces = any(
        a is not None and a.inter == 1 and a.country_code == topo.focus != "" for a in (actor1, actor2)
    )
    # "Pakistan ... killing civilians in air strikes across the border", in a report from
    # Pakistan: the story's own state's forces acting beyond its border, in a country the
    # text does not name (not "Hezbollah fired rockets across the border" in Israel's)
    beyond = (
        f.place is None
        and actor1 is not None
        and actor1.inter == 1
        and actor1.country_code == topo.focus != ""
        and eventness.abroad(parsed, f)
    )
    if beyond:
        place = None
    # (where the text names only peoples, not with two states' forces told: "French Barkhane
    # forces and the Nigerien army" say nothing of which state's ground it was)
    sides = {a.country_code for a in (actor1, actor2) if a is not None}
    one_state = bool(topo.home) or _states_told(parsed, f.trigger, topo) <= sides | {"", cc}
    if place is None and not beyond and home_forces and one_state:
        place = places.country_place(gaz, cc)  # "Chadian soldiers were ambushed": a state's forces at home
    modality = f.modality
    said_by = events.speaker(parsed, f.trigger)
    if said_by is None:  # (not "or": a speaker may be the text's first token, index 0)
        said_by = _according_to(parsed, f.trigger)
    speaker = resolver.resolve(said_by, cc, violent)
    if speaker is not None and not known(speaker.name):
        speaker = None  # ("a rights group said": no side of the deed)
    if (
        f.agent is None
        and rule.sub_event_type == "Air/drone strike"
        and not known(actor1.name)
        and speaker is not None
        and speaker.inter == Inter.STATE
        and speaker.sector != "government"
        and said_by is not None
        and parsed.tokens[said_by].lemma in actors.word_list("force_heads")  # ("officials said": a source)
    ):
        # "the army said air strikes near Arbinda had neutralised dozens of terrorists": an
        # army tells its own air strikes
        actor1 = speaker
    if violent and modality in FACTUAL and speaker is not None and speaker.name == actor1.name:
        # the perpetrator's own account ("the Arakan Army claimed to have killed 35 soldiers")
        modality = "claimed"
        if actor1.inter not in FORCES and f.fatalities:
            # "Al Shabaab said its fighters killed 40 soldiers": an armed group's count of its
            # own kills is the toll only when nobody else gives one
            f = replace(f, fatality_kind="boast")
    elif (
        violent
        and f.fatalities
        and speaker is not None
        and speaker.inter in NON_STATE_ARMED
        and actor2 is not None
        and actor2.inter in ARMED
        and actor2.name != speaker.name
    ):
        f = replace(f, fatality_kind="boast")  # "according to the KNDF, 20 junta soldiers were killed"
    if (
        enemy_dead
        and modality in FACTUAL
        and speaker is not None
        and actor2 is not None
        and speaker.name == actor2.name
    ):
        modality = "claimed"  # "..., killing 15 Islamic State fighters, the army said": its own count
    if f.fatality_kind == "boast" and _disowned(parsed, f.sentence):
        # "... The claim could not be independently verified": the report stands behind no
        # toll of this event, so ACLED's most conservative figure is none
        f = replace(f, fatalities=0, fatality_kind="none")
    if f.fatality_kind == "none" and _unharmed(parsed, f.sentence):
        # "State media reported the attack but said no one had been hurt": a figure of none,
        # which a side's claim of its enemies' dead ("claiming two policemen were killed") does not beat
        f = replace(f, fatalities=0, fatality_kind="explicit")
    if modality == "asserted" and f.agent is not None and _blamed(parsed, f.agent):
        modality = "claimed"  # "the statement blamed the attacks on X": someone's word that X did it
    sub = rule.sub_event_type
    if rule.event_type == "Protests" and f.intervention is not None:
        sub = INTERVENTION
    sent = parsed.sents[f.sentence]
    start, end = _trim(article.text, sent.start, sent.end)
    joint = rule.lemma not in events.refine_table()["mutual"]  # "X and Y clashed": two sides
    generic = f.generic
    event = Event(
        event_id="",
        article_ids=(article.id,),
        event_date=date.isoformat() if date else None,
        time_precision=precision,
        disorder_type=rule.disorder_type,
        event_type=rule.event_type,
        sub_event_type=sub,
        actor1=actor1.name,
        assoc_actor_1="; ".join(
            resolver.associates([f.agent] if f.agent is not None else [], cc, actor1, joint)
        ),
        inter1=actor1.inter,
        actor2=actor2.name if actor2 else "",
        assoc_actor_2="; ".join(
            resolver.associates([h for h in (f.target, *f.victims) if h is not None], cc, actor2, joint)
        ),
        inter2=actor2.inter if actor2 else 0,
        interaction=0,
        civilian_targeting="",
        **located(place),
        admin2="",
        fatalities=f.fatalities,
        notes="",
        source=article.source,
        source_url=article.url,
        plover_type=rule.plover_type,
        plover_mode=rule.plover_mode,
        plover_context=(),
        modality=modality,
        evidence=((article.text[start:end], start, end),),
        confidence=0.0,  # set once the record is whole (article.confidence)
        date_basis="unknown" if date is None and basis == "vague" else basis,
        published=article.published.isoformat() if article.published else "",
        published_basis=article.published_basis,
        region=gaz.countries[cc].region if cc in gaz.countries else "",
    )
    headline = f.sentence == 0 and not article.text[start:end].endswith((".", '"', "”"))
    counted = f.fatalities > 0 and f.fatality_kind == "explicit"  # a toll told as a number
    return Draft(
        event,
        basis,
        f.fatality_kind,
        generic,
        _family(rule, actor1.inter, actor2.inter if actor2 and not joint else 0),
        headline,
        f.dependent or _meets_the_crowd_before(parsed, f, sub),
        rule.priority,
        sent.paragraph,
        # (a sentence that only restates the deed before it, "The strike took place on Sunday",
        # refers back to it)
        events.definite(parsed, f.trigger) or parsed.tokens[f.trigger].sent != f.sentence,
        events.indefinite(parsed, f.trigger),
        rule.lemma,
        rule.sub_event_type == "Armed clash" and rule.lemma in events.refine_table()["mutual"],
        (parsed.tokens[f.trigger].start,),
        plural=told == "plural",
        tally=told in ("aggregate", "habitual"),
        fresh=eventness.fresh(parsed, f.sentence),
        apart=eventness.apart(parsed, f.trigger),
        framed=framed(f.date),  # "the day after police opened fire": told as what came before
        sentence=f.sentence,
        verbless=not any(t.pos in ("VERB", "AUX") for t in parsed.tokens[sent.first : sent.last + 1]),
        afar=_afar(article.text, f.place) if f.place is not None else "",
        placed=f.place is not None,
        shared=f.shared,
        hit=_hit_name(parsed, f.target),
        villages=_village(parsed, f.target),
        dead_side=_dead_side(parsed, f),
        dead=_named_dead(parsed, f),
        more=counted and _also(parsed, f.trigger),
        counted=int(counted),
        # (a count of both sides' dead is the fuller figure of the deed's toll told before)
        # (so is a toll the sentence brings an earlier count to: "bringing the toll to six")
        revised=counted and (_revised(parsed, f.trigger) or f.sides or f.brought),
        faceless=faceless,
        relative=_relative(parsed, f),
        back=any(
            parsed.tokens[c].dep in ("prt", "advmod") and parsed.tokens[c].lemma == "back"
            for c in parsed.children(f.trigger)
        ),
        single=parsed.tokens[f.trigger].tag in ("NN", "NNP"),
        several=parsed.tokens[f.trigger].tag in ("NNS", "NNPS"),
        latest=any(
            parsed.tokens[c].text.lower() in eventness.cues().latest for c in parsed.children(f.trigger)
        ),
        suspect=suspect,
    )


def _no_gathering(parsed: Parsed, f: events.Found, actor1: Actor | None) -> bool:
    """A protest's word that tells no gathering: armed people who "blocked a highway" (rebels
    or militias named, or told as armed people: not a people's "militia" the kind names by
    default, "farmers", nor "a group of civil servants"), or kidnappers "marching the victims
    into the bush"."""
    toks = parsed.tokens
    cues = events.refine_table()
    doer = f.agent
    if doer is not None and toks[f.trigger].dep == "relcl" and toks[doer].tag == "WP":
        doer = toks[f.trigger].head  # ("gunmen who blocked a highway": the gunmen)
    armed_doer = (
        doer is not None
        and (doer != f.agent or toks[doer].head == f.trigger)  # (its own subject, not a "by" elsewhere)
        and actor1 is not None
        and actor1.inter in (Inter.REBELS, Inter.POLITICAL_MILITIA)
        and (known(actor1.name) or _armed_word(toks[doer].text, cues["armed_people"] | cues["doer_nouns"]))
    )
    people = events.counts()["persons"] | {"they", "them"}
    marched_off = f.rule.lemma == "march" and any(
        toks[c].dep == "dobj" and toks[c].lemma in people for c in parsed.children(f.trigger)
    )
    return armed_doer or marched_off


def _armed_word(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``words`` or its plural ("Gunmen", which the tagger may
    leave a proper noun, uninflected)."""
    w = word.lower()
    return w in words or w.removesuffix("s") in words or (w.endswith("men") and w[:-3] + "man" in words)


def _relative(parsed: Parsed, f: events.Found) -> bool:
    """The deed is told in a relative clause, or one that shares its subject ("workers who
    blocked a highway and attacked a factory")."""
    tok = parsed.tokens[f.trigger]
    shared = f.agent is None or parsed.tokens[f.agent].lemma.lower() in ("who", "that", "which")
    return tok.dep in ("relcl", "conj") and shared


def _revised(parsed: Parsed, trigger: int) -> bool:
    """ "The death toll rose to five": the figure is a newer count of the dead told before
    (article/en.yaml revisions), the verb the first above the trigger's phrase."""
    toks = parsed.tokens
    chain = [trigger, *parsed.ancestors(trigger)]
    verb = next((n for n, a in enumerate(chain) if toks[a].pos in ("VERB", "AUX")), None)
    # (the toll is what rose: the verb's subject, not "fighters mounted the attack")
    return (
        verb is not None
        and verb > 0
        and toks[chain[verb - 1]].dep == "nsubj"
        and toks[chain[verb]].lemma.lower() in eventness.cues().revisions
    )


def _also(parsed: Parsed, trigger: int) -> bool:
    """ "Three attackers were also killed": the deed's own words say its dead are more than
    those told before, not the same dead told again."""
    toks = parsed.tokens
    # (or the verb its noun hangs on: "three soldiers were also killed in the exchange of fire")
    words = {trigger, parsed.through_preps(trigger, 2)[-1]}
    return any(
        toks[c].lemma.lower() == "also" and toks[c].dep == "advmod" for w in words for c in parsed.children(w)
    )


def _named_dead(parsed: Parsed, f: events.Found) -> tuple[str, ...]:
    """The people a deadly deed killed that the text names as its victims ("Ali Musa, 17,
    died", "killed the journalist Ali Musa"), lower case; not a person the victims are told
    by ("two bodyguards of Governor Zulum")."""
    if not f.fatalities:
        return ()
    toks = parsed.tokens
    heads = {w for v in f.victims for w in (v, *(c for c in parsed.children(v) if toks[c].dep == "appos"))}
    return tuple(
        sorted(
            {
                e.text.lower()
                for e in parsed.ents
                if e.label == "PERSON" and heads & set(range(e.first, e.last + 1))
            }
        )
    )


def _hit_name(parsed: Parsed, target: int | None) -> str:
    """The proper name of what a deed hit ("attacked Ngamgam", "attacked Ngamgam
    settlement"), lower case, whether or not any gazetteer knows the place; "" for none."""
    if target is None:
        return ""
    toks = parsed.tokens
    words = [c for c in parsed.children(target) if toks[c].dep == "compound" and toks[c].pos == "PROPN"]
    if toks[target].pos == "PROPN":
        words.append(target)
    return " ".join(toks[w].text for w in sorted(words)).lower()


def _dead_side(parsed: Parsed, f: events.Found) -> str:
    """Whose dead the mention's own toll counts: the attackers', the others', or ""."""
    if f.fatality_kind != "explicit" or not f.fatalities or not f.victims:
        return ""
    table = events.refine_table()
    attackers = table["armed_people"] | table["doer_nouns"]
    toks = parsed.tokens
    # ("the bodies of five militants": whose bodies; "two of the attackers": who)
    heads = [
        events.prep_object(parsed, v, ("of",)) or v
        if toks[v].lemma in ("body", "corpse") or toks[v].pos == "NUM"
        else v
        for v in f.victims
    ]
    lemmas = {toks[v].lemma for v in heads}
    if lemmas & {"person", "people", "man", "men", "one", "who", "body", "corpse"}:
        return ""  # ("at least three people have been killed": maybe the attackers themselves)
    armed = {lemma in attackers for lemma in lemmas}
    return "" if len(armed) > 1 else ("attackers" if armed == {True} else "others")


def _village(parsed: Parsed, target: int | None) -> tuple[str, ...]:
    """The name of the settlement a deed hit ("attacked the village of Pobe-Mengao"), lower
    case, whether or not any gazetteer knows it; () for none."""
    toks = parsed.tokens
    if target is None or toks[target].lemma not in places.settlement_words():
        return ()
    named = [
        o
        for c in parsed.children(target)
        if toks[c].dep == "prep" and toks[c].lemma == "of"
        for o in parsed.children(c)
        if toks[o].dep == "pobj" and toks[o].pos == "PROPN"
    ]
    if not named:
        return ()
    name = named[0]
    first = min(j for j in parsed.subtree(name) if j <= name)  # ("Pobe", "-", "Mengao"; not "in ...")
    return (" ".join(parsed.article.text[toks[first].start : toks[name].end].split()).lower(),)


# "some 50 km west of Baghdad", "a few miles from the town of": a place told by a distance
DISTANCE = re.compile(r"(?:(\d+(?:\.\d+)?)\s*(?:-\s*)?)?\b(km|kilomet(?:er|re)s?|miles?)\b[^.;]{0,30}$")
NEAR_KM = 25  # ACLED's "near": farther than this from the town, say only its province


def _states_told(parsed: Parsed, trigger: int, topo: places.Toponyms) -> set[str]:
    """The countries named, or told by their people, in the deed's own clause: not in who
    said it ("..., a Malian security source said")."""
    toks = parsed.tokens
    verb = clause_verb(parsed, trigger)
    speech = events.refine_table()["speech_verbs"]
    said = {j for c in parsed.children(verb) if toks[c].lemma in speech for j in parsed.subtree(c)}
    own = set(parsed.subtree(verb)) - said
    return {p.country_code for p in (*topo.places, *topo.demonyms) if parsed.token_at(p.start) in own}


def _unharmed(parsed: Parsed, sentence: int) -> bool:
    """The sentence says the deed hurt no one ("no one had been hurt", "no casualties")."""
    sent = parsed.sents[sentence]
    return bool(eventness.cues().unharmed.search(parsed.article.text, sent.start, sent.end))


def located(place: Place | None) -> dict[str, Any]:
    """A record's place fields for ``place`` (none: the country is not known either)."""
    if place is None:
        return {
            "country": "",
            "iso": None,
            "admin1": "",
            "location": "",
            "latitude": None,
            "longitude": None,
            "geo_precision": 4,
            "geonameid": None,
        }
    admin1 = places.acled_admin1(place.country_code, place.admin1)
    return {
        "country": place.country,
        "iso": place.iso,
        "admin1": admin1,
        # a record placed at its province names it as its admin1 does ("Idleb", not "Idlib");
        # ACLED writes place names without diacritics
        "location": admin1 if place.kind == "admin1" else ascii_name(place.name),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.precision,
        "geonameid": place.geonameid,
    }


def _off(text: str, place: Place) -> re.Match[str] | None:
    """The words that place the event some way off the town ("some 60 km north of"), if any."""
    return DISTANCE.search(text, max(0, place.start - 50), place.start)


def _distance(text: str, place: Place) -> float | None:
    """How far from the town the text tells the event, in km (0 when it gives no figure);
    None when it is not told as a distance."""
    m = _off(text, place)
    if m is None:
        return None
    if m[1] is None:
        return 0.0
    return float(m[1]) * (1.609 if m[2].startswith("mile") else 1.0)


def _afar(text: str, place: Place) -> str:
    """How the text places the event off the town ("60 km north of baquba"), lower case;
    "" when it places it at the town."""
    m = _off(text, place)
    return "" if m is None else " ".join(f"{m[0]}{place.name}".lower().split())


def _according_to(parsed: Parsed, i: int) -> int | None:
    """The source an "according to" phrase in the trigger's sentence names."""
    sent = parsed.sents[parsed.tokens[i].sent]
    for j in range(sent.first, sent.last):
        if parsed.tokens[j].text.lower() == "according" and parsed.tokens[j + 1].text.lower() == "to":
            return next((c for c in parsed.children(j + 1) if parsed.tokens[c].dep == "pobj"), None)
    return None


SHORT_ASIDE = 10  # words: "The claim could not be independently verified", not a claim of its own
# a sentence that tells a claim of its own before its aside disowns that claim, not ours
OWN_CLAIM = re.compile(r"\b(?:said|says|told|claimed|claims|reported|alleged|added)\b", re.IGNORECASE)


def _demanded(parsed: Parsed, i: int) -> bool:
    """A deed's noun that a demand names ("demanding an end to the bombing", "called for an
    inquiry into the killings"): what the speakers want, which tells nothing of the deed."""
    toks = parsed.tokens
    if toks[i].pos != "NOUN":
        return False
    table = events.refine_table()
    # (not a reaction or a blame: "condemned the latest attack on Thursday" dates it)
    wants = table["demand_verbs"] - table["reaction_verbs"] - table["blame_verbs"]
    verb = next((a for a in parsed.ancestors(i) if toks[a].pos in ("VERB", "AUX")), None)
    if verb is not None and toks[verb].lemma in wants:
        return True
    # ("demonstrated against the Turkish strikes", "in protest over the killing"): the
    # crowd's grievance, an event told elsewhere or before, not a new one
    prep = toks[i].head
    return (
        toks[i].dep == "pobj"
        and toks[prep].lemma in table["grievance_preps"]
        and prep != i
        and toks[toks[prep].head].text.lower() in table["demonstration_words"]
    )


def _in_support(parsed: Parsed, i: int) -> bool:
    """A deed's noun told as the backing of another's doers ("forces backed by US air strikes",
    "supported by artillery"): part of the deed those doers did, not one of its own."""
    toks = parsed.tokens
    if toks[i].pos != "NOUN" or toks[i].dep != "pobj" or toks[toks[i].head].lemma != "by":
        return False
    verb = toks[toks[i].head].head
    return toks[verb].dep == "acl" and toks[verb].lemma in events.refine_table()["support_verbs"]


def _sent_to_the_scene(parsed: Parsed, f: events.Found) -> bool:
    """Forces sent to a place named only as the one told before ("had been deployed to the
    area", "to the village"): a response to that deed, not a change of activity of its own."""
    if f.rule.plover_mode != "troops" or f.place is not None:
        return False
    toks = parsed.tokens
    where = events.prep_object(parsed, f.trigger, ("to",))
    # (a bare "the area", not "the disputed island of Migingo" nor "the region")
    return (
        where is not None
        and toks[where].lemma in events.refine_table()["scene_words"]
        and [(toks[c].dep, toks[c].lemma) for c in parsed.children(where)] == [("det", "the")]
    )


def _meets_the_crowd_before(parsed: Parsed, f: events.Found, sub: str) -> bool:
    """A force's dispersal told with no crowd of its own after a sentence that told one
    ("hundreds of protesters blocked roads ... Police fired tear gas and live rounds into
    the air"): it met that crowd, whatever day its sentence names for something else."""
    if sub != INTERVENTION or f.rule.event_type != "Protests":
        return False
    table = events.refine_table()
    crowd = eventness.cues().gatherings | table["demonstration_words"] | table["crowd_people"]

    toks = parsed.tokens

    def crowded(tokens: Iterable[int]) -> bool:
        return any(toks[t].lemma in crowd or toks[t].text.lower() in crowd for t in tokens)

    # (its own clause: not "a medical source said 14 protesters were injured" beside it)
    other = {
        j
        for c in parsed.children(f.trigger)
        if toks[c].dep in ("conj", "ccomp", "parataxis", "advcl") and toks[c].pos in ("VERB", "AUX")
        for j in parsed.subtree(c)
    }
    # (what a force fires is its weapon, "fired tear gas and live rounds", not whom it
    # dispersed: "Supporters who tried to follow the van were dispersed")
    fired = toks[f.trigger].lemma in table["instrument_verbs"]
    whom = any(
        toks[c].dep == "nsubjpass"
        or (toks[c].dep == "dobj" and not fired and toks[c].lemma not in table["intervention"])
        for c in parsed.children(f.trigger)
    )
    # (this paragraph's sentences before it and the last paragraph's, read back from it: a
    # long report's earlier sentences are not read again for each dispersal)
    para = parsed.sents[f.sentence].paragraph
    before = itertools.takewhile(
        lambda s: s.paragraph >= para - 1, (parsed.sents[n] for n in range(f.sentence - 1, -1, -1))
    )
    return (
        not whom
        and not crowded(set(parsed.subtree(f.trigger)) - other)
        and any(crowded(range(s.first, s.last + 1)) for s in before)
    )


def _at_a_gathering(parsed: Parsed, i: int) -> bool:
    """The arrest is told at a gathering ("detained six young men at a protest") or with the
    dispersal of a crowd ("soldiers dispersed the crowd and detained six")."""
    toks = parsed.tokens
    met = eventness.cues().gatherings | events.refine_table()["crowd_people"]
    at = any(
        toks[o].lemma in met
        for c in parsed.children(i)
        if toks[c].dep == "prep" and toks[c].lemma in ("at", "during")
        for o in parsed.children(c)
        if toks[o].dep == "pobj"
    )
    head = toks[i].head
    joined = toks[i].dep == "conj" and any(
        toks[o].dep == "dobj" and toks[o].lemma in met for o in parsed.children(head)
    )
    return at or joined


def _disowned(parsed: Parsed, sentence: int) -> bool:
    """Whether the sentence, or the next of its paragraph when it speaks of the figure ("The
    claim could not be independently verified"), disowns a figure it told."""
    cues = eventness.cues()
    text = parsed.article.text
    own = parsed.sents[sentence]
    if cues.unverified.search(text[own.start : own.end]):
        return True
    # (the next sentence from the text: the parse keeps only sentences that may tell events)
    rest = text[own.end : own.end + 400].split("\n\n", 1)[0]
    aside = re.match(r"\s*[^.!?]*[.!?]", rest)
    found = cues.unverified.search(aside[0]) if aside else None
    if aside is None or found is None:
        return False
    # the aside's own clause ("The government did not comment on the claim, and Reuters
    # could not verify it": "and Reuters could not verify it")
    opening = max(aside[0].rfind(",", 0, found.start()), aside[0].rfind(";", 0, found.start()))
    appositive = re.match(r"\s*an?\s", aside[0][opening + 1 :])  # (", a claim AFP could not verify")
    if opening > 0 and appositive and OWN_CLAIM.search(aside[0], 0, opening):
        return False  # "herders said several of those killed were civilians, a claim AFP could not verify"
    # (to the clause's end: "The claim could not be independently verified, and the regime
    # did not comment")
    close = [i for i in (aside[0].find(",", found.end()), aside[0].find(";", found.end())) if i > 0]
    words = aside[0][opening + 1 : min(close, default=len(aside[0]))].split()
    said = {w.lower().strip(".,;:\"'") for w in words}
    return len(words) <= SHORT_ASIDE and bool(said & cues.unverified_of)


def _blamed(parsed: Parsed, agent: int) -> bool:
    """The agent is who a deed is put on ("blamed the attacks on Kataib Hezbollah")."""
    toks = parsed.tokens
    prep = toks[toks[agent].head]
    if toks[agent].dep != "pobj" or prep.text.lower() != "on":
        return False
    verb = toks[prep.head] if toks[prep.head].dep != "dobj" else toks[toks[prep.head].head]
    return verb.lemma in events.refine_table()["blame_verbs"]


def _family(rule: events.Trigger, inter1: int, side: int) -> str:
    """The kind of event a mention may merge with; ``side``: the inter code of the other
    side of a fight ("clashes between police and demonstrators"), else 0."""
    violent = rule.disorder_type.startswith("Political violence")
    if (violent or rule.event_type == "Strategic developments") and (inter1 in CROWDS or side in CROWDS):
        # a crowd's violence or wrecking ("clashes broke out between protesters and police",
        # "protesters burned tyres") is its riot
        return "Riots"
    return "violence" if violent else rule.event_type


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _date(article: Article, f: events.Found, lead: Timex | None) -> tuple[dt.date | None, int, str]:
    """(date, ACLED time_precision, basis) for a mention; no date when neither the text nor
    the publication date fixes one (never the day of coding)."""
    if f.modality in ("planned", "hypothetical") and f.date_basis != "clause" and article.published:
        # what is expected or feared with no day of its own is told as of the report, not on a
        # day the story told before ("forces are expected to be deployed following a New Year's
        # attack")
        return article.published, 2, "published"
    if f.date is not None and f.date.date is not None:
        day, precision = f.date.date, PRECISION.get(f.date.precision, 3)
        if precision > 1 and article.published is not None and day > article.published:
            day = article.published  # "this month" is the 15th only once the 15th has come
        return day, precision, f.date_basis
    if f.date_basis == "before":
        return None, 3, "before"  # earlier than the story: none of its days is this deed's
    if lead is not None and lead.date is not None and f.date_basis != "vague":
        # told with no date of its own: the day of the news the lead tells ("across Iraq
        # Saturday ... In another incident, three people were killed in Sadiyah")
        return lead.date, PRECISION.get(lead.precision, 3), "discourse"
    if article.published is not None:
        # Unstated in the text: the report's own date, within its week.
        return article.published, 2, "vague" if f.date_basis == "vague" else "published"
    # (a tally or a habit stays one with no date to place it: not an undated event)
    return None, 3, "vague" if f.date_basis == "vague" else "unknown"
