"""ACLED's record rules that need the whole merged record, the event id and the notes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import replace

from .. import actors, events
from ..records import Event
from ..vocab import ARMED, CROWDS, INTERVENTION, TERRITORY, UNARMED, Inter
from . import coref, eventness
from .confidence import confidence
from .drafts import UNKNOWN_ACTOR, known, side, with_sides

REMOTE = "Remote explosive/landmine/IED"


def _swap(e: Event) -> Event:
    """The record with actor 1 and actor 2 (and their associates) exchanged."""
    return with_sides(e, side(e, 2), side(e, 1))


@functools.cache
def _phrases(phrases: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(phrases))) + r")\b", re.I)


def _told(e: Event, phrases: frozenset[str]) -> bool:
    """Whether the record's evidence has one of ``phrases`` as whole words."""
    return any(_phrases(phrases).search(text) for text, _s, _e in e.evidence)


def finish(event: Event, lemma: str) -> Event:
    """ACLED's rules that need the whole merged record, then id and notes."""
    e = event
    sub = e.sub_event_type
    cues = events.refine_table()
    if sub == "Armed clash" and lemma in cues["mutual"] and e.inter2 in CROWDS and e.inter1 not in UNARMED:
        e = _swap(e)  # "clashes between police and demonstrators": the crowd's riot, the crowd first
    shooting = (
        e.plover_mode == "firearms"
        and e.disorder_type.startswith("Political violence")
        and lemma not in cues["mutual"]  # (not rival crowds that "clashed")
        and not coref.says(e, cues["crowd_people"])  # (nor "angry residents shot dead two thieves")
    )
    if e.inter1 == Inter.CIVILIANS and shooting and e.inter2 in (0, Inter.CIVILIANS):
        # "shot by two men on a motorcycle": people who shoot someone are an armed group the
        # text does not name, not a mob (a crowd that fought the police stays a riot)
        armed = actors.generic_name(Inter.POLITICAL_MILITIA, _crowd_place(e))
        e = replace(e, actor1=armed, inter1=Inter.POLITICAL_MILITIA)
    unopposed = _told(e, cues["unopposed"]) or (
        _told(e, cues["withdrawals"]) and not _told(e, cues["mutual"])
    )
    if sub in TERRITORY and unopposed:
        sub = "Non-violent transfer of territory"  # taken with no one fighting for it (ACLED)
    elif (
        (e.disorder_type.startswith("Political violence") or sub == "Looting/property destruction")
        and e.inter1 in UNARMED
        and sub not in ("Excessive force against protesters",)
    ):
        # Crowds, protesters or residents doing violence or wrecking property: a riot, not a
        # battle (ACLED); which kind of riot is decided below.
        sub = "Mob violence"
        name = _crowd_place(e)
        e = _crowd(e, Inter.RIOTERS)
        protest = coref.says(e, cues["demonstration_words"])
        if lemma in cues["mutual"] and not e.actor2:
            # two crowds that fought each other ("supporters of rival parties clashed"): rioters
            # on both sides (ACLED), not a crowd and its victims
            e = replace(e, actor2=actors.generic_name(Inter.RIOTERS, name), inter2=Inter.RIOTERS)
        elif (e.actor2.startswith(UNKNOWN_ACTOR) and lemma not in cues["mutual"]) or (
            not e.actor2 and not protest
        ):
            # a crowd turning on people it does not name, or on "alleged robbers": civilians
            # (ACLED), not an armed group; protesters burning tyres turn on no one. Gunmen the
            # crowd clashed with fought back: they stay an armed group
            e = replace(e, actor2=actors.generic_name(Inter.CIVILIANS, name), inter2=Inter.CIVILIANS)
    elif sub in ("Arrests", "Abduction/forced disappearance") and (
        e.fatalities > 0 or coref.says(e, cues["abuse_words"])
    ):
        # people arrested or abducted and then found dead or tortured: an attack (ACLED)
        sub = "Attack"
        if not e.actor2 or e.inter2 == 6:
            e = _against(e, Inter.CIVILIANS)
    elif sub == "Arrests" and e.inter1 in (2, 3, 4, 5, 7):
        # only state forces arrest (ACLED); an armed group or a crowd detaining people abducts them
        sub = "Abduction/forced disappearance"
        if not e.actor2 or e.inter2 in (0, 6):
            e = _against(e, Inter.CIVILIANS)
    elif sub == "Arrests" and e.inter2 == 6:
        # Protesters arrested: a protest with intervention, with the protesters as actor 1.
        sub = "Protest with intervention"
        e = _swap(e)
    elif sub == "Armed clash" and e.inter2 == 7 and lemma in cues["mutual"]:
        pass  # a clash has two armed sides, whatever the victims
    elif coref.no_other_side(e, lemma):
        sub = "Attack"
        if not e.actor2:
            e = _against(e, Inter.CIVILIANS)
    elif sub == "Attack" and e.inter2 in ARMED:
        sub = "Armed clash"
    elif (
        sub in ("Attack", "Armed clash")
        and e.inter1 == 1
        and (e.inter2 == 6 or (e.fatalities > 0 and coref.says(e, eventness.cues().crowd_control)))
    ):
        # "killed by a police tear gas canister", "soldiers shot dead two demonstrators",
        # "police opened fire on protests": a protest event, the protesters as actor 1
        sub = "Excessive force against protesters" if e.fatalities > 0 else "Protest with intervention"
        e = _swap(_against(e, Inter.PROTESTERS))
    elif sub == "Armed clash" and e.inter2 == 6:
        sub = "Attack"  # an armed group firing on a crowd: the crowd does not fight back
    elif (
        sub in ("Attack", "Looting/property destruction", "Abduction/forced disappearance", REMOTE)
        and not e.actor2
    ):
        # a bomb or raid that hits no one the text names: ACLED codes it against civilians
        e = _against(e, Inter.CIVILIANS)
    elif sub == "Violent demonstration" or (
        sub in ("Peaceful protest", "Protest with intervention") and _violent_crowd(e)
    ):
        sub = "Violent demonstration"
        if e.inter1 in (6, 7):  # the crowd that turned violent: rioters
            e = _crowd(e, Inter.RIOTERS)
    elif sub in ("Peaceful protest", "Protest with intervention") and e.fatalities > 0:
        sub = "Excessive force against protesters"  # a protest event: the protesters are actor 1
    elif sub == "Peaceful protest" and e.inter2 == Inter.STATE:
        sub = INTERVENTION  # a force met it ("blocked by riot police, who fired tear gas")
    if sub in ("Violent demonstration", "Mob violence"):
        # ACLED: rioting that is part of a demonstration is a violent demonstration; crowd
        # violence with no demonstration told (stones thrown at police, a brawl) is mob violence
        sub = "Violent demonstration" if coref.says(e, cues["demonstration_words"]) else "Mob violence"
    name, words = actors.vigilante()
    if sub == "Mob violence" and name and not e.assoc_actor_1 and coref.says(e, words):
        e = replace(e, assoc_actor_1=name.replace("{place}", e.country or "Unknown"))
    if (
        sub == "Armed clash"
        and e.inter2 == 1
        and e.inter1 != 1
        and e.country in actors.word_list("state_first_in_clashes")
        and not e.actor1.startswith(UNKNOWN_ACTOR)  # unknown gunmen keep their place
    ):
        e = _swap(e)
    crowd = {"Protests": Inter.PROTESTERS, "Riots": Inter.RIOTERS}.get(events.acled_types()[sub][0])
    if crowd is not None and e.inter1 in CROWDS and e.inter1 != crowd:
        # a protest's crowd are protesters, a riot's rioters, whatever word named them ("80
        # youths rallied at a pagoda": protesters)
        e = _crowd(e, crowd)
    if sub != e.sub_event_type:
        event_type, disorder = events.acled_types()[sub]
        e = replace(e, sub_event_type=sub, event_type=event_type, disorder_type=disorder)
    e = replace(
        e,
        interaction=actors.interaction(e.inter1, e.inter2),
        civilian_targeting=targeting(e.inter2, e.disorder_type),
        plover_context=events.contexts(
            (text for text, _, _ in e.evidence), e.modality, e.event_date, e.published
        ),
    )
    return identified(replace(e, notes=notes(e, lemma), confidence=confidence(e)))


def identified(e: Event) -> Event:
    """The record with its id: everything that tells two events of one sentence apart, so
    that ids are unique (the store keys events by them) and the same on every run."""
    spans = ",".join(str(start) for _, start, _ in e.evidence)
    key = f"{e.article_ids[0]}|{spans}|{e.sub_event_type}|{e.event_date}|{e.modality}|{e.actor1}|{e.actor2}"
    digest = hashlib.sha1(f"{key}|{e.location}|{e.fatalities}".encode()).hexdigest()[:12]
    return replace(e, event_id=f"EW-{digest}")


def _crowd_place(e: Event) -> str:
    """The place a crowd of actor 1 is of: the one its generic name gives ("Residents
    (Kenya)", as generic.yaml's templates end), else the event's country."""
    named = re.fullmatch(r".+ \(([^()]+)\)", e.actor1)
    return named[1] if named else e.country or "Unknown"


def _crowd(e: Event, inter: Inter) -> Event:
    """``e`` with its actor 1 the crowd of ``inter`` (rioters, protesters) of its place."""
    return replace(e, actor1=actors.generic_name(inter, _crowd_place(e)), inter1=inter)


def _violent_crowd(e: Event) -> bool:
    """The evidence says the protest itself turned violent ("violent demonstration",
    "hurled stones", "burning tyres"), not only a disruption when it also says it was
    peaceful ("running battles ... The protest ended peacefully"). A road blocked is no
    violence: ACLED's violent demonstrations barricade or burn it."""
    cues = eventness.cues()
    # (not the force's gear: "blocked by riot police")
    said = {w for text, _s, _e in e.evidence for w in coref.words_of(cues.riot_forces.sub(" ", text))}
    violence = said & cues.violent_protest
    peaceful = any(cues.peaceful.search(text) for text, _s, _e in e.evidence)
    return bool(violence) and not (violence <= cues.disruptive and peaceful)


def notes(e: Event, lemma: str = "") -> str:
    """An ACLED-style one-sentence summary of the record ("Other" events say their trigger)."""
    if e.event_date is None:
        day = "On an unknown date"
    else:
        when = dt.date.fromisoformat(e.event_date)
        day = {
            1: f"On {when.day} {when:%B %Y}",
            2: f"Around {when.day} {when:%B %Y}",
        }.get(e.time_precision, f"In {when:%B %Y}")
    where = e.location or e.country or "an unknown location"
    if e.admin1 and e.admin1 != e.location:
        where += f" ({e.admin1})"
    prefix = "near " if e.geo_precision == 2 else "in "
    against = f" against {e.actor2}" if e.actor2 else ""
    said = {
        "claimed": " (claimed)",
        "denied": " (denied)",
        "planned": " (planned)",
        "hypothetical": " (hypothetical)",
    }.get(e.modality, "")
    fat = {0: " No fatalities reported.", 1: " 1 fatality."}.get(e.fatalities, f" {e.fatalities} fatalities.")
    what = (
        e.sub_event_type.lower() if e.sub_event_type != "Other" or not lemma else f"{lemma} ({e.plover_type})"
    )
    return f"{day}, {what} by {e.actor1}{against} {prefix}{where}{said}.{fat}"


def targeting(inter2: int, disorder_type: str) -> str:
    """ACLED's civilian_targeting: political violence whose other side is civilians."""
    return "Civilian targeting" if inter2 == 7 and disorder_type.startswith("Political violence") else ""


def _against(e: Event, inter: Inter) -> Event:
    """``e`` with actor 2 the generic actor of kind ``inter`` in the event's country."""
    return replace(e, actor2=actors.generic_name(inter, e.country or "Unknown"), inter2=inter)


def joined(group: list[Event]) -> Event:
    """One record for several records of one event: the most precise one's fields, a named
    actor 1 over an unidentified one, every article and evidence span (in text order within
    one article), and the lowest figure of dead any gives (ACLED's conservative count; a
    record that gives none is not a zero); ``claimed`` when any is (a deed told as fact and
    as a side's claim: the claim says less), background only when every one is (news when
    any report tells it as news). Its notes say what it keeps; its id is the first
    record's; its confidence is that of what it now shows."""
    if len(group) == 1:
        return group[0]
    best = min(group, key=lambda e: (e.time_precision, e.geo_precision, e.event_id))
    named = [e for e in group if known(e.actor1)] or [best]
    side = min(named, key=lambda e: e.event_id)
    figures = [e.fatalities for e in group if e.fatalities > 0]
    spans = list(
        dict.fromkeys(
            (span, article)
            for e in group
            for span, article in zip(e.evidence, e.span_articles(), strict=True)
        )
    )
    if len({article for _, article in spans}) == 1:
        spans.sort(key=lambda s: s[0][1])
    one = replace(
        best,
        event_id=group[0].event_id,
        article_ids=tuple(sorted({a for e in group for a in e.article_ids})),
        actor1=side.actor1,
        assoc_actor_1=side.assoc_actor_1,
        inter1=side.inter1,
        interaction=actors.interaction(side.inter1, best.inter2),
        fatalities=min(figures) if figures else 0,
        evidence=tuple(span for span, _ in spans),
        evidence_articles=tuple(article for _, article in spans),
        modality=next((e.modality for e in group if e.modality == "claimed"), best.modality),
        background=all(e.background for e in group),
    )
    one = replace(one, confidence=confidence(one))  # (told more often: surer)
    if (one.fatalities, one.actor1, one.modality) == (best.fatalities, best.actor1, best.modality):
        return one
    # (the summary told of the kept record's toll and doer; what the article stage added
    # after it, "Suspected perpetrator: ...", stays)
    summary = notes(best)
    added = best.notes[len(summary) :] if best.notes.startswith(summary) else ""
    return replace(one, notes=notes(one) + added)
