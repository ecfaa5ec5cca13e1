"""Two drafts of one event joined: the evidence of both and whichever of each field is the
more specific (its kind, place, day, sides, toll and modality).
"""

from __future__ import annotations

from dataclasses import replace

from .. import places
from ..vocab import ARMED, CROWDS, FORCES, INTERVENTION, TERRITORY, Inter
from .drafts import AREA_FIELDS, BOMBS, CROWD, Draft, crowds_deed, known, told_together
from .tolls import fatalities


def absorb(g: Draft, d: Draft) -> Draft:
    """``g`` with ``d``'s evidence and whichever of each field is more specific."""
    a, b = g.event, d.event
    fields: dict[str, object] = {}
    summary = d.summary
    stronger = (d.priority > g.priority and not d.generic) or (g.generic and not d.generic)
    # (violence told after an arrest or another development makes it violent, unless it only
    # adds hurt to it and no dead: "police arrested 20 people ... 14 police officers were
    # injured" are still arrests, with no armed side that fought)
    hurt_only = d.dependent and a.event_type == "Strategic developments" and b.fatalities == 0
    # (protesters shot dead by no one the text names die in the protest the force met: it
    # stays a protest, with their deaths)
    crowd_dead = d.faceless and g.family == "Protests"
    violent = g.family != "violence" and d.family == "violence" and not hurt_only and not crowd_dead
    # (a gathering whose people killed: "youths blocked a road, killed two men": its riot)
    violent = violent or (
        g.family == "Protests" and d.family == "Riots" and b.fatalities > 0 and not d.faceless
    )
    stronger = (stronger and d.family == g.family) or violent
    if d.family == g.family and g.mutual != d.mutual:
        # Shells or air strikes in a clash are part of the clash: ACLED codes one armed clash.
        stronger = d.mutual
    if "Looting/property destruction" in (a.sub_event_type, b.sub_event_type) and {g.family, d.family} & set(
        CROWD
    ):
        # ("burned tyres and threw stones ... during a protest": the crowd's riot, its damage part of it)
        stronger = d.family in CROWD and g.family not in CROWD
    if {a.sub_event_type, b.sub_event_type} & set(TERRITORY) and told_together(g, d):
        # a place its sentence tells as taken in a fight ("captured the headquarters after
        # weeks of fighting") is ACLED's territory event, whatever fighting it took
        stronger = b.sub_event_type in TERRITORY
    # (a summary's weapons refine a bare "attack", "killed in a series of airstrikes"; no
    # other kind of it told apart does: "since government forces retook it in 2018")
    weapons = told_together(g, d) or b.event_type == "Explosions/Remote violence"
    if stronger and (not summary or (g.generic and not d.mutual and weapons)):
        fields.update(
            disorder_type=b.disorder_type,
            event_type=b.event_type,
            sub_event_type=b.sub_event_type,
            plover_type=b.plover_type,
            plover_mode=b.plover_mode,
        )
    afar = g.afar
    # (a tally or a habit tells at most the province of this event, not its town: "so many
    # attacks ... in Damboa LGA")
    # (or the part of the same city: "in Karachi ... in the Gulzarnagar area")
    quarter = b.geo_precision == a.geo_precision and places.quarter_of(b.location, a.location)
    if (b.geo_precision < a.geo_precision or quarter) and (d.date_basis != "vague" or b.geo_precision >= 3):
        fields.update({k: getattr(b, k) for k in AREA_FIELDS})
        afar = d.afar
    date_basis = g.date_basis
    if g.date_basis != "clause" and d.date_basis == "clause":
        fields.update(event_date=b.event_date, time_precision=b.time_precision, date_basis="clause")
        date_basis = "clause"
    elif date_basis == d.date_basis == "clause" and b.time_precision < a.time_precision and b.event_date:
        # "last week ... The troops surrounded the settlement on Wednesday morning": the day
        fields.update(event_date=b.event_date, time_precision=b.time_precision)
    elif _done_by(g, d):
        # dated by the report, though it was claimed, condemned or told of a day before it
        fields.update(event_date=b.event_date, time_precision=b.time_precision, date_basis=b.date_basis)
        date_basis = d.date_basis
    # The attacked side fought back, or the armed side is named later: "police intervened,
    # shooting dead two of the assailants"; "they exchanged gunfire with the security
    # forces"; "... attack Fino. Four police and one reservist killed". The other side of the
    # fight is the armed one, not the people or the place first attacked.
    # (not the same deed told again of two unnamed groups: "a strike killed two members of an
    # armed group ... a Turkish drone struck a vehicle, killing two fighters": the drone's side
    # did it, to them)
    retold = not known(a.actor1) and a.sub_event_type == b.sub_event_type and a.fatalities == b.fatalities > 0
    # (told as fighting back, its doers are the other side, though both go unnamed: "gunmen
    # attacked the village ..., and local militiamen fought back")
    answered = (b.actor2 == a.actor1 and b.actor1 not in ("", a.actor1)) or (d.back and bool(b.actor1))
    fought_back = answered and b.inter1 in ARMED and not retold
    joined = d.mutual and b.actor1 == a.actor1
    dead = b.fatalities > 0 and (b.actor1 == a.actor1 or not known(b.actor1))
    armed_target = b.inter2 in ARMED and (joined or dead)
    bombing = a.sub_event_type in BOMBS  # (a bomb's victims fight no one back)
    # (a side's own account of a fight does not make the civilians the report says it killed
    # into fighters, nor itself their killer: "killed 12 civilians in a raid ... the army said
    # it had neutralised several terrorists"; a claim of the deed itself still names its doer)
    own_account = (
        b.modality == "claimed"
        and a.modality == "asserted"
        and a.inter2 == Inter.CIVILIANS
        and b.inter2 in ARMED
    )
    if (
        (fought_back or armed_target)
        and not own_account
        and not hurt_only
        and a.inter2 not in ARMED | CROWDS
        and not summary
        and not bombing
    ):
        # (a crowd fired on does not fight back: "attacks on a police station" after it are
        # the crowd's, told as another event)
        side = (b.actor1, b.inter1) if fought_back else (b.actor2, b.inter2)
        fields.update(actor2=side[0], inter2=side[1])
    elif (
        (not known(a.actor1) or g.headline)
        and not own_account  # (the army's account of its pursuit is not its deed on the civilians)
        and known(b.actor1)
        and b.actor1 != a.actor2
        and not (bombing and b.actor2 == a.actor1)  # ("a third bomber was shot dead by soldiers")
        and d.date_basis != "vague"  # a group named in a tally or a habit did not do this
        and not d.plural
        # (people with no arms named, "our men held their position", do not take an armed
        # side's deed over: that is the attacked side, misread)
        and (b.inter1 in ARMED or a.inter1 not in ARMED)
    ):
        fields.update(actor1=b.actor1, inter1=b.inter1)
        if b.modality == "claimed":
            fields.update(modality="claimed")  # who did it is someone's claim or blame
    # "clashes between AFC/M23 rebels and Wazalendo fighters ... when Wazalendo fighters
    # attacked M23 positions": the side told as attacking began the fight, ACLED's actor 1
    # (or a fight whose one side only is named, "fighting began in January, when White Army
    # fighters overran an army outpost": the side named is the one told attacking)
    swapped = known(a.actor1) and known(a.actor2) and (b.actor1, b.actor2) == (a.actor2, a.actor1)
    began = (
        g.mutual
        and not d.mutual
        and (swapped or (not known(a.actor1) and known(b.actor1) and b.actor1 == a.actor2))
        and b.modality == "asserted"
    )
    if began:
        fields.update(actor1=b.actor1, inter1=b.inter1, actor2=b.actor2, inter2=b.inter2)
    # (the people a tally counts are not hit by this event: "fighting continued in Khartoum
    # ... the conflict has killed more than 600 people"; the war's other side may be its own)
    tallied = d.date_basis == "vague" and b.inter2 == Inter.CIVILIANS
    if not a.actor2 and b.actor2 and b.actor2 != fields.get("actor1", a.actor1) and not tallied:
        fields.update(actor2=b.actor2, inter2=b.inter2)
    fat, kind = a.fatalities, g.fatality_kind
    perpetrator_claim = b.modality == "claimed" and a.modality == "asserted" and kind == "explicit"
    # (added only to the one toll told before: "killed two policemen ... two insurgents were
    # also killed", not to a lead's total its parts follow, "18 dead ... we lost five
    # soldiers ... our troops also killed 13")
    # (the other side's dead, each counted on its own: "killing two soldiers ... Four attackers
    # were killed in the exchange of fire")
    other_side = bool(g.dead_side and d.dead_side and g.dead_side != d.dead_side)
    # (or the doer's own dead after the others': "security forces killed eight militants ...
    # Two soldiers were martyred in the exchange of fire")
    own_dead = g.dead_side == "others" and bool(b.actor2) and b.actor2 == a.actor1 != a.actor2
    other_side = other_side or own_dead
    if (
        (d.more or other_side)
        and (d.dependent or d.definite)  # of this deed ("also killed in the attack"), not another's
        and not perpetrator_claim  # ("JNIM claimed the ambush, saying it had killed more than 40")
        and not d.apart
        and g.counted == 1
        and not summary
        and g.fatality_kind == "explicit"
        and a.evidence[0][1] < b.evidence[0][1]
    ):
        fat = a.fatalities + b.fatalities  # other dead of the same event: ACLED counts them all
    elif (
        d.revised
        and not summary
        and not perpetrator_claim
        and a.evidence[0][1] < b.evidence[0][1]
        and b.fatalities > a.fatalities  # (a toll that rose)
    ):
        fat, kind = b.fatalities, "explicit"  # the final figure, told after the first
    elif g.summary and not summary and b.fatalities:
        fat, kind = b.fatalities, d.fatality_kind  # a part of several events told together: its own toll
    elif not summary and not perpetrator_claim:  # summaries and claims never set the toll
        fat, kind = fatalities((a.fatalities, g.fatality_kind), (b.fatalities, d.fatality_kind))
    fields.update(fatalities=fat)
    blamed = a.modality == "claimed" and known(a.actor1) and b.actor1 != a.actor1
    if (
        not summary
        and not d.dependent
        and "claimed" in (a.modality, b.modality)
        and "modality" not in fields
        and not blamed  # an unclaimed report of the deed does not confirm who is blamed for it
    ):
        fields.update(modality="asserted" if "asserted" in (a.modality, b.modality) else "claimed")
    evidence = tuple(sorted(set(a.evidence) | set(b.evidence), key=lambda e: e[1]))
    fields.update(evidence=evidence)
    arrests, crowd = (a, b) if a.sub_event_type == "Arrests" else (b, a)
    met = (
        arrests.sub_event_type == "Arrests"
        and crowd.event_type == "Protests"
        and arrests.inter1 in FORCES
        and arrests.inter2 == Inter.PROTESTERS  # (held at it: not "after a man who was arrested died")
    )
    if met:
        # "police arrested 12 people at a protest against fuel prices": the force met the
        # protest, ACLED's protest with intervention (not arrests of their own)
        sub = INTERVENTION if crowd.sub_event_type == "Peaceful protest" else crowd.sub_event_type
        fields.update(
            disorder_type=crowd.disorder_type,
            event_type=crowd.event_type,
            sub_event_type=sub,
            plover_type=crowd.plover_type,
            plover_mode=crowd.plover_mode,
            actor1=crowd.actor1,
            inter1=crowd.inter1,
            actor2=arrests.actor1,
            inter2=arrests.inter1,
        )
    merged = replace(a, **fields)  # type: ignore[arg-type]
    family = "violence" if "violence" in (g.family, d.family) else "Protests" if met else g.family
    if crowds_deed(g, d) or crowds_deed(d, g):
        family = "Riots" if "Riots" in (g.family, d.family) else "Protests"  # (the crowd's deed is its riot)
    elif merged.event_type in CROWD and {g.family, d.family} & set(CROWD):
        family = merged.event_type  # (its damage joined a crowd's: "burned tyres and threw stones")
    return replace(
        g,
        event=merged,
        date_basis=date_basis,
        fatality_kind=kind,
        generic=g.generic and d.generic,
        family=family,
        headline=g.headline and d.headline,
        dependent=False,
        priority=max(g.priority, d.priority),
        paragraph=max(g.paragraph, d.paragraph),
        sentence=min(g.sentence, d.sentence),
        plural=g.plural and d.plural,
        fresh=g.fresh and d.fresh,
        apart=g.apart,
        framed=g.framed,
        mutual=g.mutual or (d.mutual and not summary),
        triggers=tuple(sorted({*g.triggers, *d.triggers})),
        afar=afar,
        villages=tuple(dict.fromkeys((*g.villages, *d.villages))),
        dead_side=g.dead_side
        if d.dead_side in ("", g.dead_side)
        else (d.dead_side if not g.dead_side else ""),
        dead=tuple(sorted({*g.dead, *d.dead})),
        counted=g.counted + d.counted,
        suspect=g.suspect or d.suspect,
    )


def _done_by(g: Draft, d: Draft) -> bool:
    """``d`` tells the deed that ``g`` dates only to the report's day as done by an earlier
    day ("the government condemned the latest attack on Thursday", a week's precision)."""
    a, b = g.event, d.event
    return (
        g.date_basis != "clause"
        and a.event_date == a.published  # (by the report, or the dateline's day)
        and d.date_basis == "discourse"
        and b.time_precision == 2
        and bool(a.event_date and b.event_date)
        and str(b.event_date) < str(a.event_date)
    )
