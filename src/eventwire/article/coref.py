"""Within-article coreference: the mentions of one event become one record.

Reads: ``Draft`` records (one per mention). Writes: merged drafts, each with every evidence
span. ACLED's unit holds: one record per actor pair, place and day. Two mentions merge when
they are the same kind of event (any two acts of political violence by the same actors count
as one), on the same or an unstated day, at the same or a containing place. A summary
("attacks in recent weeks which killed a contractor") joins the event it summarises when one
matches, else is dropped; a follow-up ("14 officers were injured") joins the nearest event
before it, else is dropped. Drafts are visited in text order, so the result depends on
nothing but the article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from .. import events, places
from ..events import refine_table
from ..events.fatalities import counts
from ..gazetteer import distance_km
from ..records import Event
from ..vocab import CROWDS, FACTUAL, FORCES, LOOTING, NON_STATE_ARMED, TERRITORY, Inter
from . import eventness
from .absorb import absorb
from .drafts import (
    BOMBS,
    CROWD,
    Draft,
    crowds_deed,
    known,
    other_items,
    side,
    told_together,
    with_sides,
)
from .tolls import _another_pair, _another_toll, _toll_of_a_summary

LOOSE = ("discourse", "published", "unknown")  # dated by no words of its own
WEEK = 7  # days within which a deed told with no day of its own may be one its own words date
NEAR_TOWN_KM = 50  # a place told as near a town may be another town this close to it
CITY_KM = 12  # a place this close to a city's point is a part of it


def merge(drafts: Sequence[Draft]) -> list[Draft]:
    """Merge drafts of the same event; the result is in text order of first mention."""
    groups: list[Draft] = []
    for d in drafts:
        if _second(d):
            continue
        fits = [
            n
            for n, g in enumerate(groups)
            if (compatible(g, d) or _retold(g, d) or _same_dead(g, d)) and not other_items(g, d)
        ]
        if d.definite:  # "the gun battle": the event of that kind told before, else any
            fits += [n for n, g in enumerate(groups) if _refers_back(g, d) and n not in fits]
        if d.fresh:  # "In another attack, ...": nothing told before
            fits = [n for n in fits if groups[n].sentence >= d.sentence]
        if d.apart:  # "in a separate attack": only an event first told as separate too
            fits = [n for n in fits if groups[n].sentence >= d.sentence or groups[n].apart]
        if d.latest and fits:  # "the latest attack": the news, not an attack it recalls
            last = max(groups[n].event.event_date or "" for n in fits)
            fits = [n for n in fits if (groups[n].event.event_date or "") == last]
        if not fits and _recalls(d, drafts):
            continue
        if fits:
            # of several that fit, the one told as the same kind ("the encounter" is the
            # encounter, not the IED blast told before it), then by the same doer named (not
            # an unnamed "enemy" told since), then the one told last before it, by paragraphs
            # (its story goes on), then on the same day (the news, not an attack told as a
            # day before it), then with the same word
            best = min(
                fits,
                key=lambda n: (
                    # ("Two soldiers were killed in the exchange of fire": the fight its own
                    # paragraph told, not one of that kind told paragraphs before; a named kind
                    # of deed, "the drone strike", is that kind's first)
                    d.definite and d.mutual and groups[n].paragraph != d.paragraph,
                    # (a bare "the attack" is first its own paragraph's deed, of whatever kind:
                    # "a drone dropped explosives on a post ... The army attributed the attack
                    # to the ELN", after a clash told paragraphs before)
                    d.definite and d.generic and groups[n].paragraph != d.paragraph,
                    groups[n].event.sub_event_type != d.event.sub_event_type,
                    known(d.event.actor1) and groups[n].event.actor1 != d.event.actor1,
                    abs(d.paragraph - groups[n].paragraph),
                    groups[n].event.event_date != d.event.event_date,
                    groups[n].lemma != d.lemma,
                    fits.index(n),
                ),
            )
            groups[best] = absorb(groups[best], d)
        else:
            groups.append(d)
    groups = _rejoined(groups)
    groups = _summed_by(groups, drafts)  # (before the summaries join: "on protests" then fits)
    for k, d in enumerate(drafts):
        if not _second(d):
            continue
        if d.dependent and d.event.fatalities and _toll_of_a_summary(drafts[:k], d):
            continue
        options = [
            n
            for n, g in enumerate(groups)
            if _same_kind(g, d) and _same_area(g, d) and _same_modality(g, d) and not other_items(g, d)
        ]
        before = [n for n, g in enumerate(groups) if g.event.evidence[0][1] < d.event.evidence[0][1]]
        if d.dependent:
            # the last told before it; if that one, in another paragraph, told no dead, the
            # last that told this toll ("A drone strike ... killed 13 people, as the army and
            # the RSF battled ... [paragraph] ... 13 people had died"; not "A house was hit in
            # Kizomys. An elderly woman died")
            earlier = [n for n in options if n in before]
            same = [
                n for n in earlier if d.event.fatalities and groups[n].event.fatalities == d.event.fatalities
            ]
            deathless = (
                bool(earlier)
                and groups[earlier[-1]].event.fatalities == 0
                and groups[earlier[-1]].paragraph != d.paragraph
            )
            options = (same[-1:] if deathless else []) or earlier[-1:] or options[:1]
        fitting = [
            n for n in options if d.event.fatalities and groups[n].event.fatalities == d.event.fatalities
        ]
        chosen = fitting or options
        if d.tally and not (d.definite and d.single):
            # "27 civilians have been killed since August" tells no one deed: its words are no
            # deed's evidence, unless they place one its own words left in no province ("The
            # attack was the third this year" still tells the attack)
            if chosen and _places_unplaced(groups[chosen[0]], d):
                groups[chosen[0]] = absorb(groups[chosen[0]], d)
            continue
        if chosen:
            groups[chosen[0]] = absorb(groups[chosen[0]], d)
        elif d.plural and any(g.family == d.family and not set(g.triggers) & set(d.triggers) for g in groups):
            pass  # several events told together, each told on its own too: a summary of them
            # (not the other places of one mention: "three bombs in Kabul and Jalalabad")
        elif (
            d.date_basis != "vague"  # (a tally or a habit: "300 officers have died during the revolt")
            and ((d.headline or d.plural) or (d.dependent and (d.event.fatalities or not before)))
            and (_says_enough(d) or not d.verbless)
        ):
            # the only report of this event ("two people died in clashes", "an armed group
            # shot and injured a woman" where the parse missed the shooting)
            groups.append(d)
        # else: a summary or follow-up that matches nothing is not an event of its own
    return _summaries_dropped(_unplaced(_told_apart(groups)))


def _summaries_dropped(groups: list[Draft]) -> list[Draft]:
    """The groups but a lead that sums deeds the article then tells one by one ("Russian
    attacks killed four people in Kharkiv and Kherson on Sunday and overnight ... a bomb killed
    two in Kharkiv ... artillery killed a man in Kherson ... a drone killed a driver"): the
    deeds are the events, and the sum would count their dead twice. Only a plural deed whose
    toll is exactly that of two or more deeds told after it, within a day of it, in its country."""
    out = []
    for g in groups:
        e = g.event
        parts = [
            h
            for h in groups
            if h is not g
            and h.sentence > g.sentence
            and h.family == g.family == "violence"
            and h.event.country == e.country
            and h.event.fatalities > 0
            and _days_apart(g, h) <= 1
            and _same_modality(g, h)
            # (the lead's doer's deeds, not another side's told the same day)
            and (h.event.actor1 == e.actor1 or not known(e.actor1) or not known(h.event.actor1))
        ]
        summed = g.several and e.fatalities > 0 and len(parts) >= 2
        if summed and sum(h.event.fatalities for h in parts) == e.fatalities:
            continue
        out.append(g)
    return out


def _recalls(d: Draft, drafts: Sequence[Draft]) -> bool:
    """ "The attack was claimed by al-Shabab" after "the 2013 attack on the Westgate mall": a
    deed named again with no day of its own is the one told before by its year or as
    history, not news of the report's day."""
    return (
        d.definite
        and d.date_basis != "clause"
        and any(
            x.date_basis == "vague" and x.single and x.lemma == d.lemma and x.sentence < d.sentence
            for x in drafts
        )
    )


def _rejoined(groups: list[Draft]) -> list[Draft]:
    """Two records of one side's deed that only later mentions showed to be one: "Russian
    troops fired at Kherson ... 'The enemy hit residential areas' ... the Russians had been
    shelling Kherson all night" (the quote, placed nowhere, took the later mention before the
    lead could)."""
    out: list[Draft] = []
    for g in groups:
        home = next(
            (
                n
                for n, h in enumerate(out)
                if known(g.event.actor1)
                and h.event.actor1 == g.event.actor1
                and not (g.fresh or g.apart)  # ("In a separate attack, ...": told as another)
                and compatible(h, g)
            ),
            None,
        )
        if home is None:
            out.append(g)
        else:
            out[home] = absorb(out[home], g)
    return out


def _told_apart(groups: list[Draft]) -> list[Draft]:
    """Several events told together that the text then tells one by one ("killed 23 in
    attacks on three villages in Zamfara ... In Kadawa, 10 people were killed"): the parts
    are the events, the summary none (its toll is theirs, told again)."""
    return [
        g
        for g in groups
        if not (
            g.plural
            and any(
                h is not g
                and not h.plural
                and h.family == g.family
                and h.sentence > g.sentence
                and h.event.event_date == g.event.event_date
                and h.event.country == g.event.country
                and g.event.admin1 in ("", h.event.admin1)
                for h in groups
            )
        )
    ]


def _summed_by(groups: list[Draft], drafts: Sequence[Draft]) -> list[Draft]:
    """A summary of one day's killings by a named side ("security forces opened fire on
    protesters across Myanmar on Wednesday, killing nine") says who did the deaths it sums
    that the text tells after it with no doer ("two people were killed in Mandalay"), and
    whom they hit when it names a crowd: only when every death told after it that day, in
    its country, is among its own."""
    out = list(groups)
    for s in drafts:
        e = s.event
        # (or a crackdown told as the crowds': "police fired at protesters in several cities,
        # killing eight ... five people were killed in Nairobi")
        crackdown = e.inter1 in CROWDS and e.inter2 in FORCES
        if (
            not s.summary
            or not e.fatalities
            or not (crackdown or (s.family == "violence" and known(e.actor1)))
        ):
            continue
        told = max(s.triggers, default=-1)
        after = [
            n
            for n, g in enumerate(out)
            # (its own words after the summary's: a summary joins the first it sums)
            if min(set(g.triggers) - set(s.triggers), default=-1) > told
            and g.family == "violence"
            and g.event.sub_event_type in SHOOTINGS  # (a bomb told after it is another deed)
            and g.event.fatalities
            and g.event.country == e.country
            and g.event.event_date == e.event_date
            and _same_modality(g, s)
        ]
        if not after or sum(out[n].event.fatalities for n in after) > e.fatalities:
            continue
        for n in after:
            g = out[n].event
            if crackdown:
                # the crowd's dead, by the force (not "when gunmen attacked a bar": a doer of its own)
                if out[n].faceless and not known(g.actor1) and g.inter2 == Inter.CIVILIANS:
                    out[n] = replace(out[n], event=_as_crackdown(g, e), family=s.family)
                continue
            sides: dict[str, object] = {}
            if not known(g.actor1) and g.geo_precision < 4:  # (one it cannot place says too little)
                sides.update(actor1=e.actor1, inter1=e.inter1)
            if e.inter2 in CROWDS and g.inter2 == Inter.CIVILIANS:
                sides.update(actor2=e.actor2, inter2=e.inter2)  # the people killed were the crowd's
            if sides:
                out[n] = replace(out[n], event=replace(g, **sides))  # type: ignore[arg-type]
    return out


def _as_crackdown(g: Event, summary: Event) -> Event:
    """Deaths told with no doer as a crackdown's: the crowd the summary names and the force
    that fired on it, of the summary's kind (ACLED: excessive force against protesters)."""
    sub = summary.sub_event_type
    event_type, disorder = events.acled_types()[sub]
    sides = with_sides(g, side(summary, 1), side(summary, 2))
    return replace(sides, sub_event_type=sub, event_type=event_type, disorder_type=disorder)


SHOOTINGS = ("Attack", "Armed clash")  # deeds a crackdown's summary may sum


def _unplaced(groups: list[Draft]) -> list[Draft]:
    """A record with neither a place below its country nor a day of its own ("police used
    tear gas", "at least 200 people were arrested") tells more of an event the article
    places: it joins the nearest such event of its kind in its country, told before it if
    one is; it stands alone only when the article places no event of its kind."""
    out = list(groups)
    for g in groups:
        if not _loose(g):
            continue
        homes = [
            h
            for h in out
            if h is not g
            and not _loose(h)
            and h.event.country == g.event.country
            and _same_modality(h, g)
            and _kin(h, g)
            and not _other_dead(h, g)
            and not _two_deeds_two_tolls(h, g)
            and not other_items(h, g)
            # (a day the text gives it rules out a deed of months before: "the bombing of the
            # market" on Saturday is not "the fighting [that] began in January")
            and not (g.date_basis == "discourse" and _days_apart(h, g) > 1)
        ]
        if not homes:
            continue
        home = min(homes, key=lambda h: (h.sentence > g.sentence, abs(h.sentence - g.sentence)))
        out[out.index(home)] = absorb(home, replace(g, dependent=True))
        out.remove(g)
    return out


def _other_dead(a: Draft, b: Draft) -> bool:
    """Two counts of the dead that cannot be one event's ("killed four soldiers" and "an
    attack ... that killed three soldiers")."""
    return (
        a.fatality_kind == b.fatality_kind == "explicit"
        and a.event.fatalities > 0
        and b.event.fatalities > 0
        and a.event.fatalities != b.event.fatalities
    )


def _loose(g: Draft) -> bool:
    return (g.event.geo_precision >= 4 or not g.event.location) and g.date_basis != "clause"


def _kin(home: Draft, g: Draft) -> bool:
    """Kinds of record one event may be told as: the same kind; a protest told as a riot;
    the arrests of a crowd or the force used on it (police "took 200 people away"). Of
    other kinds of record only the same one: troops "deployed to the village" are not the
    arrests made there."""
    if home.family == g.family:
        return home.family != "Strategic developments" or home.event.sub_event_type == g.event.sub_event_type
    if home.family == "violence" and g.event.sub_event_type in PART_OF_ATTACK:
        # homes burnt or goods looted in an attack are part of it, and so are the arrests its
        # doers made ("raided the village and arrested ten"); the arrest of its doers by
        # another side ("they were later arrested by police") is the answer to it, apart
        # (nor the arrests another named side made: "authorities had arrested more than 10,000
        # people" told after the cartels' fighting)
        other = known(g.event.actor1) and g.event.actor1 != home.event.actor1 and not g.faceless
        # (nor arrests no one is told as making, "24 people were arrested", in a paragraph of
        # their own after an unnamed or armed side's deed: the police made them, in answer to
        # it or to something else; "raided a village ... ten were detained" are the raid's)
        answer = g.faceless and home.event.inter1 not in FORCES and g.paragraph != home.paragraph
        return not (
            g.event.sub_event_type == "Arrests" and (g.event.actor2 == home.event.actor1 or other or answer)
        )
    if home.event.event_type not in CROWD and home.event.inter1 not in CROWDS | {Inter.CIVILIANS}:
        # (a crowd's deed is its riot: "protesters torched a police station"; so is people's
        # clash with the police, which the record rules make one: "supporters clashed with police")
        return False
    if g.event.event_type in CROWD or g.event.sub_event_type == "Arrests":
        return True
    # the force used on the crowd ("50 people were injured"); a killing is an event of its own,
    # and may be what the crowd protests about ("accused police of murdering the man")
    return g.event.sub_event_type == "Attack" and g.event.fatalities == 0 and g.event.modality == "asserted"


def _says_enough(d: Draft) -> bool:
    """A verbless line that stands alone must say who, where or how many: "Names of the dead"
    over a list tells no event."""
    e = d.event
    return e.fatalities > 0 or e.geo_precision < 4 or known(e.actor1)


def _places_unplaced(g: Draft, tally: Draft) -> bool:
    """A tally names the province of a deed told with no place below its country ("abducted
    six people near Ngaoui ... more than 200 kidnapped in the Adamawa Region since 2024")."""
    return (
        g.event.geo_precision == 4
        and tally.event.geo_precision == 3
        and g.event.country == tally.event.country
    )


def _second(d: Draft) -> bool:
    """Drafts that only add to events found elsewhere: merged after all the others."""
    return d.summary or d.dependent or d.headline


MERGE_APART = ("Abduction/forced disappearance", "Sexual violence")
# (the weapons its doers seized in it too: "killed 30 soldiers and seized weapons")
PART_OF_ATTACK = ("Looting/property destruction", "Arrests", "Disrupted weapons use")


def _refers_back(g: Draft, d: Draft) -> bool:
    """A definite mention of political violence ("the gun battle") joins the violent event
    before it in the same or the previous paragraph, whatever its weapons."""
    return (
        g.family == d.family == "violence"
        and d.paragraph - g.paragraph in (0, 1)
        and _same_day(g, d)
        and g.event.sub_event_type not in MERGE_APART
        and (_same_area(g, d) or _unplaced_same(g, d))
        and _same_modality(g, d)
        and _same_actors(g, d)
    )


def _unplaced_same(g: Draft, d: Draft) -> bool:
    """ "Pakistani jets bombed villages in Paktika ... Pakistani officials said the strikes had
    targeted TTP hideouts": a definite mention of the same kind that its words place nowhere
    closer than a country is that deed, wherever the deed was."""
    return (
        d.definite
        and not d.placed  # ("In Iraq, the drone strikes killed three": Iraq's, not Syria's)
        and d.event.geo_precision == 4
        and g.event.geo_precision < 4
        and g.event.sub_event_type == d.event.sub_event_type
    )


def _same_kind(a: Draft, b: Draft) -> bool:
    subs = {a.event.sub_event_type, b.event.sub_event_type}
    if subs & set(PART_OF_ATTACK) and {a.family, b.family} == {"violence", "Strategic developments"}:
        # Homes burnt, goods looted or people seized and tortured in an attack are part of it
        # (same attackers); so is harm told after an arrest with nobody else named as doing
        # it ("... arrested a family of five. Three of those arrested were later found dead").
        if "Disrupted weapons use" in subs:
            # weapons seized in the deed its sentence tells ("killed 30 soldiers and seized
            # weapons"), not missiles shot down, which a toll told after did not kill
            return a.event.actor1 == b.event.actor1 and a.sentence == b.sentence
        together = told_together(a, b) or told_together(b, a)
        if a.event.actor1 == b.event.actor1 and (known(a.event.actor1) or together):
            return True  # ("gunmen raided a village and burned houses": one subject, one raid)
        later = b if b.event.evidence[0][1] > a.event.evidence[0][1] else a
        first = a if later is b else b
        if (
            later.event.sub_event_type == LOOTING
            and later.faceless
            and first.family == "violence"
            and later.paragraph == first.paragraph
        ):
            return True  # "... when Wazalendo fighters attacked M23 positions. Several houses were burned"
        harm = later.dependent or later.event.fatalities > 0 or later.lemma in refine_table()["abuse_words"]
        # (the people held are the ones hurt: "Three of those arrested were later found dead";
        # not "Khan was arrested in Islamabad ... At least one person was killed" in the riot)
        held = later.lemma in refine_table()["abuse_words"] or says(
            later.event, refine_table()["custody_words"]
        )
        return (
            held
            and first.event.sub_event_type == "Arrests"
            and later.family == "violence"
            and harm
            and not known(later.event.actor1)
            and later.paragraph == first.paragraph
        )
    if _crowd_arrests(a.event, b.event) or _crowd_killed(a, b) or _arrests_told_with(a, b):
        return True  # the arrests at a gathering are the intervention in it, not an event
    if {a.family, b.family} == {"Riots", "violence"} and (a.dependent or b.dependent):
        return True  # "One person was killed" told after a riot: its toll
    if crowds_deed(a, b) or crowds_deed(b, a):
        return True  # "police fired tear gas to disperse workers who attacked a factory": one riot
    if _crowds_damage(a, b) or _crowds_damage(b, a):
        return True  # "young men burned tyres and threw stones at police during a protest": one riot
    if {a.family, b.family} <= set(CROWD):
        # one gathering, told as a rally, then as the rally the police dispersed, or as the
        # riot its stones and clashes made: ACLED's one event with the sub-type of the most
        # that happened to it
        return True
    if a.family != b.family:
        return False
    if subs & set(MERGE_APART) and len(subs) > 1:
        # the killings and the abductions of one raid are two ACLED events; the torture of
        # the people abducted is part of their abduction, and so is a raid that killed no
        # one, told next as how they were taken ("abducted three quarry workers ... The
        # gunmen stormed a quarry ... and drove off with three men"; not "attacked the
        # village ... One man was killed and one abducted", the attack told first)
        raid = b if a.event.sub_event_type in MERGE_APART else a
        taken = a if raid is b else b
        deadly = counts()["fatal"] | counts()["killing"]
        bloodless = (
            raid.event.fatalities == 0
            and raid.fatality_kind not in TOLD_FIGURES
            and raid.lemma not in deadly  # ("no one has been arrested for that killing")
            and _one_sided(raid)
            and raid.sentence == taken.sentence + 1
        )
        return bool({a.lemma, b.lemma} & refine_table()["abuse_words"]) or bloodless
    if a.family == "violence":
        # One record per actor pair, place and day, whatever the weapons.
        return (
            a.event.sub_event_type == b.event.sub_event_type
            or subs <= BOMBS
            or a.generic
            or b.generic
            or a.dependent  # ("the death toll rose to five": a toll, of whatever deed)
            or b.dependent
            or a.mutual
            or b.mutual
            or _same_known_pair(a.event, b.event)
            or _one_sides_blast(a, b)
            or (_one_sided(a) and _one_sided(b))
        )
    if a.event.plover_type != b.event.plover_type and a.lemma != b.lemma:
        return False  # a boycott of a vote is not the vote
    return a.event.sub_event_type == b.event.sub_event_type or a.generic or b.generic


def _one_sides_blast(a: Draft, b: Draft) -> bool:
    """One named side's explosions told in one sentence ("a Ukrainian drone dropped an
    explosive device on his car"): the drone's strike, not a bomb besides it."""
    ea, eb = a.event, b.event
    return (
        a.sentence == b.sentence
        and ea.event_type == eb.event_type == "Explosions/Remote violence"
        and known(ea.actor1)
        and ea.actor1 == eb.actor1
    )


def _one_sided(d: Draft) -> bool:
    """An attack, or a "clash" the record will code as the attack it is ("opened fire,
    killing 11 guests in a massacre")."""
    return d.event.sub_event_type == "Attack" or no_other_side(d.event, d.lemma)


def no_other_side(e: Event, lemma: str) -> bool:
    """A "clash" (trigger ``lemma``) with no armed side against the attackers: civilians hit
    (unless the word says both sides fought), or nobody named that fights back ("attacked
    the village"). ACLED codes it as violence against civilians."""
    cues = refine_table()
    return e.sub_event_type == "Armed clash" and (
        (e.inter2 == 7 and lemma not in cues["mutual"])
        or (not e.actor2 and lemma not in cues["armed_targets"])
    )


def _crowds_damage(gathering: Draft, deed: Draft) -> bool:
    """Property a gathering's people destroyed, told in the sentence that tells the gathering
    or its violence ("dozens of young men burned tyres and threw stones at security forces
    during a protest"): part of the riot, not an event of its own."""
    return (
        gathering.family in CROWD
        and deed.event.sub_event_type == "Looting/property destruction"
        and gathering.sentence == deed.sentence
        # (or by no one the text names: "blocked roads with burning tyres")
        and (deed.event.inter1 in (Inter.RIOTERS, Inter.PROTESTERS, Inter.CIVILIANS) or deed.faceless)
    )


def _arrests_told_with(a: Draft, b: Draft) -> bool:
    """Arrests told in the sentence that tells a riot or a protest ("youths blocked a road,
    killed two men ..., police said, adding that 12 people had been arrested"; "soldiers
    dispersed the crowd and detained six"): the force met that crowd."""
    arrests, crowd = (a, b) if a.event.sub_event_type == "Arrests" else (b, a)
    return (
        arrests.event.sub_event_type == "Arrests"
        and (crowd.family in CROWD or crowd.event.inter1 in CROWDS)
        and min(crowd.triggers, default=0) < min(arrests.triggers, default=0)  # (told after the riot)
        and told_together(crowd, arrests)
    )


def _crowd_arrests(a: Event, b: Event) -> bool:
    """A gathering and arrests that its report ties to it ("detained several of the
    protesters"; not "police arrested two commanders" on the same day)."""
    arrests = a if a.sub_event_type == "Arrests" else b
    crowd = b if arrests is a else a
    return (
        arrests.sub_event_type == "Arrests"
        and crowd.event_type in CROWD
        and (arrests.inter2 == 6 or says(arrests, refine_table()["demonstration_words"]))
    )


def _crowd_killed(a: Draft, b: Draft) -> bool:
    """A gathering and the force that killed some of it ("police shot dead two protesters as
    thousands marched"; "the demonstrations began peacefully"): one ACLED event, excessive
    force against protesters. Protesters shot dead with no shooter told die in the gathering
    that the force met ("police fired tear gas at protesters ... two protesters were shot
    dead"); gunmen who shot them did a deed of their own."""
    killing = a if a.family == "violence" else b
    crowd = b if killing is a else a
    return (
        killing.family == "violence"
        and crowd.family == "Protests"
        and killing.event.inter2 == 6
        and killing.event.fatalities > 0
        and (crowd.event.actor2 in ("", killing.event.actor1) or killing.faceless)
    )


def says(e: Event, words: frozenset[str]) -> bool:
    """Whether the record's evidence has one of ``words``."""
    return bool(evidence_words(e) & words)


def evidence_words(e: Event) -> set[str]:
    """The words of the record's evidence, lower case, without their punctuation."""
    return {w for text, _s, _e in e.evidence for w in words_of(text)}


def words_of(text: str) -> set[str]:
    """The words of ``text``, lower case, without their punctuation."""
    return {w.lower().strip(".,;:\"'") for w in text.split()}


def _same_area(a: Draft, b: Draft) -> bool:
    ea, eb = a.event, b.event
    if _spot(ea) is not None and _spot(ea) == _spot(eb):
        # "in Baghdad" is not "some 50 km west of Baghdad"; but a place that far off is only
        # told as the province, which a lead may name alone ("in Borno ... 87 km south of
        # Maiduguri")
        if a.afar and b.afar and a.afar != b.afar:
            return False  # "60 km north of Baquba" is not "40 km northeast of Baquba"
        # (or told again, by the town it is measured from, after the lead named the province:
        # "killed 15 farmers in Borno state ... The attackers arrived in a village 20 km
        # from Maiduguri")
        again = (b if b.sentence >= a.sentence else a).definite and (_province(ea) or _province(eb))
        # ("a roadside bomb ... outside of Garissa" is "about 10 km outside of Garissa": near
        # the town, however far the first telling leaves it)
        vague = (ea if not a.afar else eb).geo_precision == 2
        return bool(a.afar) == bool(b.afar) or vague or ea.geo_precision == eb.geo_precision == 3 or again
    if 4 in (ea.geo_precision, eb.geo_precision) or not ea.location or not eb.location:
        return not ea.country or not eb.country or ea.country == eb.country
    # "fighting in Marib province ... the battle near Majzar": the province holds the town
    # the event is told again at; "a raid near the capital ... Saturday's raid in Afgoi town,
    # 30km from the capital": the town is near the one told (definite mentions: another event
    # there is "an attack")
    later = b if b.sentence >= a.sentence else a
    if ea.country != eb.country:
        return False
    if ea.location == eb.location and ea.admin1 == eb.admin1 and not (a.afar and b.afar and a.afar != b.afar):
        return True  # "in Sinjar district" and "near Sinuni", placed at Sinjar town: one name
    holds = ea.admin1 == eb.admin1 != "" and (_province(ea) or _province(eb))
    earlier = a if later is b else b
    if holds and (
        later.definite or _same_toll_by(a, b) or _told_by_the_lead(earlier, later) or _same_group_hit(a, b)
    ):
        return True
    if ea.latitude is None or ea.longitude is None or eb.latitude is None or eb.longitude is None:
        return False
    if not later.definite:
        return _placed_by_the_lead(a, b)
    # (a town told as near one may be up to 50 km off; a place told as a part of a city is
    # that city: "a car bomb ... in the Iraqi capital ... The blast in the Shiite
    # neighborhood of Sadr City"; two towns are two, however close: Jabalia, Gaza City)
    if 2 in (ea.geo_precision, eb.geo_precision):
        near = NEAR_TOWN_KM
    elif says(later.event, eventness.cues().quarters):
        near = CITY_KM
    else:
        return False
    return distance_km(ea.latitude, ea.longitude, eb.latitude, eb.longitude) <= near


def _same_group_hit(a: Draft, b: Draft) -> bool:
    """The same named armed group hit, told in the next paragraph ("Jihadists killed 13 members
    of Burkina Faso's civilian auxiliary force in Tapoa province ... The VDP were escorting a
    convoy when they were attacked north of Diapaga")."""
    ea, eb = a.event, b.event
    return (
        ea.actor2 == eb.actor2
        and known(ea.actor2)
        and ea.inter2 in NON_STATE_ARMED
        and abs(a.paragraph - b.paragraph) <= 1
    )


def _told_by_the_lead(first: Draft, later: Draft) -> bool:
    """ "Another group said it had captured a military outpost in western Rakhine state", then
    "the AA said its fighters had captured an army outpost near Gwa on Tuesday": a lead that
    names only the province and no day of a deed the body tells where and when it was."""
    # (or one told as a province in its own sentence, not "at Kherson", with its day, told
    # again that day in the next paragraph: "Tribal fighters attacked a checkpoint ... in Deir
    # Ezzor province on Monday" ... "attacked its checkpoint at the entrance of the town of Dhiban")
    dated = (
        bool(words_of(first.event.evidence[0][0]) & places.area_words())
        and first.event.event_date == later.event.event_date is not None
        and later.paragraph - first.paragraph <= 1
    )
    return (
        first.sentence < eventness.cues().lead_sentences
        and (first.date_basis in LOOSE or dated)
        and first.event.geo_precision == 3
        and first.event.admin1 == later.event.admin1 != ""
        and first.event.sub_event_type == later.event.sub_event_type
        and not later.indefinite  # ("another air strike")
        and _days_apart(first, later) <= WEEK  # (not a deed the body recalls from months before)
        # (a place taken is told once, a lead's one killing by its toll; a lead's "Russians
        # fired 92 times at Kherson region" sums the body's shelling)
        and (
            first.event.sub_event_type in TERRITORY
            or _one_toll(first, later)
            or (dated and not later.event.fatalities)
        )
    )


def _one_toll(first: Draft, later: Draft) -> bool:
    """ "Gunmen shot dead a member of a reconciliation committee in Daraa province ... was
    shot by two men outside his home in Jasim": the same explicit toll of one deed."""
    return (
        not first.summary
        and (later.definite or bool(later.dead))  # (the same dead: "Khaled al-Masri, 52, was shot")
        and first.fatality_kind in ("explicit", "enumerated")
        and later.fatality_kind in ("explicit", "enumerated")
        and first.event.fatalities == later.event.fatalities > 0
    )


def _placed_by_the_lead(a: Draft, b: Draft) -> bool:
    """The lead places a named side's deed only near a town ("settlers torched cars in a
    village near Ramallah overnight") and the body names the village, near that town ("In
    Turmus Ayya, northeast of Ramallah, Israeli settlers set fire to four cars"): one deed."""
    first, later = (a, b) if a.sentence <= b.sentence else (b, a)
    ef, el = first.event, later.event
    return (
        first.sentence < eventness.cues().lead_sentences
        and ef.geo_precision == 2
        and not first.afar
        and known(ef.actor1)
        and ef.actor1 == el.actor1
        and distance_km(ef.latitude, ef.longitude, el.latitude, el.longitude) <= NEAR_TOWN_KM  # type: ignore[arg-type]
    )


def _same_toll_by(a: Draft, b: Draft) -> bool:
    """The same named side's deed with the same toll, each counted on its own ("a Russian
    strike on the Kharkiv region killed two people ... Russia shelled the town of Kupiansk,
    killing a man and a woman"): one deed told at its province and at its town."""
    ea, eb = a.event, b.event
    counted = ("explicit", "enumerated")
    # (or both by no one named, each dated by its own words: "Suspected insurgents killed
    # three villagers in Cabo Delgado this week ... armed men attacked Litamanda on Sunday,
    # killing three men"; not a lead dated only by its report, "Gunmen killed two police
    # officers in Daraa, a monitor said on Wednesday ... On Saturday, gunmen killed two")
    dated = a.date_basis == b.date_basis == "clause"
    same_doer = ea.actor1 == eb.actor1 if known(ea.actor1) else dated and not known(eb.actor1)
    return (
        same_doer
        and ea.actor2 == eb.actor2  # ("killed two soldiers ... killed two civilians": two deeds)
        # (of one family: "attacked Litamanda, killing three" is a clash until ACLED's
        # rules find no side that fought back)
        and (ea.event_type == eb.event_type or a.family == b.family == "violence")
        and ea.fatalities == eb.fatalities > 0
        and a.fatality_kind in counted
        and b.fatality_kind in counted
    )


def _spot(e: Event) -> tuple[object, ...] | None:
    """The place an event is at: its gazetteer row, else (a district with no row of its own,
    "in Bijapur district") its name and point."""
    if e.geonameid is not None:
        return (e.geonameid,)
    if e.latitude is None or e.geo_precision == 4:
        return None
    return (e.country, e.admin1, e.location, e.latitude, e.longitude)


def _province(e: Event) -> bool:
    return e.geo_precision == 3 and e.location == e.admin1


def _same_day(a: Draft, b: Draft) -> bool:
    if a.event.event_date == b.event.event_date and a.event.time_precision == b.event.time_precision == 1:
        return True
    # (one sentence's one time, a month's too: "In March, a suicide bomber killed 21 ..., in
    # an attack claimed by IS")
    if (
        a.sentence == b.sentence
        and a.event.event_date == b.event.event_date
        and a.event.time_precision == b.event.time_precision
    ):
        return True
    if _ended(a, b) or _ended(b, a):
        return True
    if _refines(a, b) or _refines(b, a):
        return True
    # A mention with no date of its own is an event already dated: the one it refers back to
    # ("the drone strike"), or one told in the same or the previous paragraph.
    if a.date_basis not in LOOSE and b.date_basis not in LOOSE:
        return False
    if "clause" in (a.date_basis, b.date_basis) and _days_apart(a, b) > WEEK and a.sentence != b.sentence:
        return False  # (a deed its own words date months before is not the news told loosely)
    later = b if b.paragraph >= a.paragraph else a
    earlier = a if later is b else b
    # (an event told first with no place below its country may be the one placed here:
    # "was the scene of an attack by the ADF")
    apart = earlier.event.geo_precision < 4 and earlier.event.geonameid != later.event.geonameid
    if later.indefinite and apart and (later.fatality_kind == "explicit" or later.event.geo_precision <= 2):
        return False  # "an attack on a beach hotel near Sousse killed 38": another event
    if (
        earlier.sentence < eventness.cues().lead_sentences
        and earlier.event.geo_precision >= 4
        and a.event.event_date == b.event.event_date
    ):
        return True  # a lead that names no place below its country, told again where it was
    if _told_by_the_lead(earlier, later):
        return True
    if abs(a.paragraph - b.paragraph) <= 1 or later.definite:
        return True
    # ACLED's unit: the same side's same deed at the same spot on the day the report gives
    # both is one event however far apart it tells them ("Russians fired 13 shells at
    # Kherson" ... a quote ... "the Russians had been shelling the region all night,
    # including Kherson")
    ea, eb = a.event, b.event
    return (
        ea.event_date == eb.event_date
        and known(ea.actor1)
        and ea.actor1 == eb.actor1
        and ea.sub_event_type == eb.sub_event_type
        and _spot(ea) is not None
        and _spot(ea) == _spot(eb)
    )


def _refines(coarse: Draft, fine: Draft) -> bool:
    """``fine`` gives the day of the week or month ``coarse`` told, as the deed told just after
    or again by name ("killed 12 civilians in a raid on a hamlet last week ... The troops
    surrounded the settlement on Wednesday morning")."""
    c, f = coarse.event, fine.event
    if c.time_precision not in (2, 3) or f.time_precision != 1 or not c.event_date or not f.event_date:
        return False
    if abs(coarse.paragraph - fine.paragraph) > 1 and not fine.definite:
        return False
    # (the later one adds no dead of its own: "On Monday, bandits killed five more villagers"
    # and "the militants ambushed a convoy, killing three" are other deeds)
    later, earlier = (fine, coarse) if fine.sentence > coarse.sentence else (coarse, fine)
    own_dead = later.fatality_kind == "explicit" and later.event.fatalities not in (
        0,
        earlier.event.fatalities,
    )
    if own_dead or later.more or later.fresh or later.apart or later.indefinite:
        return False
    day, told = dt.date.fromisoformat(f.event_date), dt.date.fromisoformat(c.event_date)
    if c.time_precision == 2:
        # (or in the seven days up to it: "this week" in a Thursday's report holds the Sunday)
        return day.isocalendar()[:2] == told.isocalendar()[:2] or 0 <= (told - day).days < 7
    return (day.year, day.month) == (told.year, told.month)


def _ended(first: Draft, then: Draft) -> bool:
    """``then`` is the end of ``first``, the next day, by forces who killed its doers:
    "Al-Shabab stormed a hotel on Friday night ... Security forces ended the siege on Saturday
    morning after killing the four attackers" (ACLED: one event, on the day it began)."""
    ef, et = first.event, then.event
    return (
        then.sentence > first.sentence
        and bool(ef.event_date and et.event_date)
        and str(et.event_date) > str(ef.event_date)
        and _days_apart(first, then) == 1
        and ef.time_precision == et.time_precision == 1
        and et.inter2 in NON_STATE_ARMED
        and known(ef.actor1)
        and et.actor2 == ef.actor1
        and not (then.indefinite or then.apart or then.fresh)
        and says(et, eventness.cues().endings)  # ("ended the siege", not a raid of its own)
    )


def _same_modality(a: Draft, b: Draft) -> bool:
    return (a.event.modality in FACTUAL) == (b.event.modality in FACTUAL)


def _same_known_pair(a: Event, b: Event) -> bool:
    pair_a = {a.actor1, a.actor2}
    return all(known(x) for x in pair_a) and pair_a == {b.actor1, b.actor2}


def _same_actors(a: Draft, b: Draft) -> bool:
    """The same acting side (either side of a clash); an unidentified actor fits any. Victims
    are not compared: reports of one event name different ones."""
    if (
        a.headline
        or b.headline
        or {a.family, b.family} <= set(CROWD)
        or crowds_deed(a, b)
        or crowds_deed(b, a)
        or _crowds_damage(a, b)
        or _crowds_damage(b, a)
    ):
        return True  # (one crowd is told as protesters, demonstrators, rioters, workers)
    ea, eb = a.event, b.event
    if _armed_against_state_on_civilians(a, b) or _armed_against_state_on_civilians(b, a):
        return False
    if _forces_pursue_the_raiders(a, b) or _forces_pursue_the_raiders(b, a):
        return False
    if not known(ea.actor1) or not known(eb.actor1) or _crowd_arrests(ea, eb) or _arrests_told_with(a, b):
        return True
    # Reports of a clash name either side first ("our troops killed 13 militants").
    return ea.actor1 in (eb.actor1, eb.actor2) or eb.actor1 == ea.actor2


def _armed_against_state_on_civilians(a: Draft, b: Draft) -> bool:
    """``a`` is told of armed people the text does not name hitting a state's forces
    ("militants stormed a police post") and ``b`` of another of its forces hitting civilians
    ("accused Pakistan of killing civilians in air strikes"): two sides' deeds, however
    unnamed the first."""
    ea, eb = a.event, b.event
    return (
        not known(ea.actor1)
        and not a.faceless
        and ea.inter1 in NON_STATE_ARMED
        and eb.inter1 in FORCES
        and eb.inter2 == Inter.CIVILIANS
        and ea.inter2 in FORCES  # (the state's post or patrol it hit)
        and eb.actor1 != ea.actor2  # ("gunmen fired on the troops ... troops killed three": one fight)
    )


def _forces_pursue_the_raiders(a: Draft, b: Draft) -> bool:
    """``a`` is told of armed people the text does not name hitting civilians ("militants
    killed 11 civilians in an attack on Toumour") and ``b`` of a state's
    forces killing such armed people ("soldiers pursued the terrorists, killing 15 of them"):
    the raid and the pursuit are two events, not one fight told from two sides."""
    ea, eb = a.event, b.event
    return (
        not known(ea.actor1)
        and ea.inter1 in NON_STATE_ARMED
        and ea.inter2 == Inter.CIVILIANS
        and eb.inter1 in FORCES
        and eb.inter2 in NON_STATE_ARMED
        and eb.sub_event_type == "Attack"
    )


def compatible(a: Draft, b: Draft) -> bool:
    return (
        not other_items(a, b)
        and _same_kind(a, b)
        and _same_area(a, b)
        and _same_day(a, b)
        and _same_modality(a, b)
        and _same_actors(a, b)
        and not _another_toll(a, b)
        and not _another_pair(a, b)
        and not _two_deeds_two_tolls(a, b)
    )


TOLD_FIGURES = ("explicit", "vague")  # a toll told as a figure, "14", or as a word, "dozens"


def _two_deeds_two_tolls(a: Draft, b: Draft) -> bool:
    """ "Jihadists killed four soldiers in an attack on an army post, as a landmine killed
    five scrap-metal collectors" ("as its drones had killed dozens of fighters"): two deeds of
    other kinds in one sentence, each with its own toll, are two events."""
    return (
        a.sentence == b.sentence
        and a.event.sub_event_type != b.event.sub_event_type
        and a.fatality_kind in TOLD_FIGURES
        and b.fatality_kind in TOLD_FIGURES
        and "explicit" in (a.fatality_kind, b.fatality_kind)
        and a.event.fatalities > 0
        and b.event.fatalities > 0
    )


def _retold(a: Draft, b: Draft) -> bool:
    """One deed told again by another source, who gives its day or place otherwise: the same
    named target hit, by the same side, with the same explicit toll ("attacked Ngamgam ...
    on Monday and killed 20 farmers"; a source: "on 25 June ... attacked Ngamgam settlement
    about 50 km east of Damasak and killed 20 farmers")."""
    ea, eb = a.event, b.event
    if not a.hit or a.hit != b.hit or ea.fatalities != eb.fatalities or ea.fatalities == 0:
        return False
    if a.fatality_kind != "explicit" or b.fatality_kind != "explicit":
        return False
    return (
        _days_apart(a, b) <= 1
        and ea.country == eb.country
        and _same_kind(a, b)
        and _same_modality(a, b)
        and _same_actors(a, b)
    )


def _same_dead(a: Draft, b: Draft) -> bool:
    """A person dies once: two deeds that killed the same named person ("killed a teenager
    near Jenin ... Ahmad Abu Odeh, 16, died after he was shot"; "Abu Odeh was killed when
    clashes broke out in Qabatiya") are one event, told as an attack and as a clash, near
    the city and in the town, whatever kind and place each telling gives."""
    if not a.dead or not b.dead or a.event.country != b.event.country or not _same_modality(a, b):
        return False
    return _days_apart(a, b) <= 1 and any(_same_person(x, y) for x in a.dead for y in b.dead)


def _days_apart(a: Draft, b: Draft) -> int:
    """Days between two drafts' dates; 0 when either is undated."""
    ea, eb = a.event, b.event
    if not ea.event_date or not eb.event_date:
        return 0
    return abs((dt.date.fromisoformat(ea.event_date) - dt.date.fromisoformat(eb.event_date)).days)


def _same_person(x: str, y: str) -> bool:
    """ "ahmad saleh abu odeh" and "abu odeh": the shorter name ends the longer; a
    one-word name only when it is the whole of both ("Ahmed" is many people)."""
    short, long = sorted((x.split(), y.split()), key=len)
    if len(short) < 2:
        return short == long
    return long[-len(short) :] == short
