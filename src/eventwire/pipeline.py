"""Runs the stages in order and gives every input a status.

ingest → nlp → dates → places → events → actors → dedup. One bad article never stops the
batch: its error becomes its status and the rest go on.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from . import actors, dates, dedup, errors, events, nlp, places
from .errors import EventwireError, InputError
from .gazetteer import Gazetteer, open_gazetteer
from .records import Actor, Article, Event, Parsed, Place, Status

log = logging.getLogger("eventwire")
PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
REMOTE = "Remote explosive/landmine/IED"


@dataclass(frozen=True)
class Result:
    status: Status
    article: Article | None
    events: tuple[Event, ...]


def prepare(article: Article) -> Article:
    """Fill a missing publication date from the text (and say so), before any dating."""
    if article.published is not None:
        return article
    inferred = dates.infer_published(article.text)
    if inferred is not None:
        return replace(article, published=inferred, published_basis="inferred")
    note = (
        "publication date unknown and not inferable from the text; events without a "
        "date in the text are dated to the coding day with time_precision 3 "
        "(date_basis 'unknown')"
    )
    return replace(article, warnings=(*article.warnings, note))


def run(items: Iterable[Article | InputError], batch_size: int = 16, workers: int = 1) -> Iterator[Result]:
    """Code every article; yields one Result per input item, in order. With ``workers`` > 1
    the batches are coded by that many processes, each loading the model once."""
    if workers > 1:
        yield from _run_pool(items, batch_size, workers)
        return
    gaz = open_gazetteer()
    for batch in batches(items, batch_size):
        yield from _run_batch(batch, gaz)


def batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_pool(items: Iterable[Article | InputError], batch_size: int, workers: int) -> Iterator[Result]:
    """The batches coded in worker processes (started fresh: nothing of the parent's model is
    shipped), at most two per worker in flight."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_warm) as pool:
        yield from in_order(lambda b: pool.apply_async(code_batch, (b,)).get, items, batch_size, 2 * workers)


def in_order(
    submit: Callable[[list[Article | InputError]], Callable[[], list[Result]]],
    items: Iterable[Article | InputError],
    batch_size: int,
    in_flight: int,
) -> Iterator[Result]:
    """Every item's result, in input order, from batches handed to ``submit`` (which returns
    a call that waits for the batch's results), with at most ``in_flight`` batches waiting,
    so a feed of any length streams through a process pool or a cluster."""
    pending: collections.deque[Callable[[], list[Result]]] = collections.deque()
    for batch in batches(items, batch_size):
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from pending.popleft()()
    while pending:
        yield from pending.popleft()()


def _warm() -> None:
    """A worker loads the model and the gazetteer once, before its first batch."""
    nlp.load()
    open_gazetteer()


def code_batch(batch: list[Article | InputError]) -> list[Result]:
    """One batch's results (what a worker process sends back: plain picklable records)."""
    return list(_run_batch(batch, open_gazetteer()))


def _run_batch(batch: list[Article | InputError], gaz: Gazetteer) -> Iterator[Result]:
    limit = nlp.max_chars()
    batch = [
        InputError(a.origin, errors.E_TOO_LONG.format(chars=len(a.text), limit=limit))
        if isinstance(a, Article) and len(a.text) > limit
        else a
        for a in batch
    ]
    articles = [prepare(a) for a in batch if isinstance(a, Article)]
    parsed = iter(nlp.parse(articles, cues=events.cue_lemmas()))
    for item in batch:
        if isinstance(item, InputError):
            yield Result(Status(item.origin, "failed", item.reason), None, ())
            continue
        p = next(parsed)
        try:
            found = code_parsed(p, gaz)
        except EventwireError:
            raise  # a broken data table stops the run: every article would fail the same way
        except Exception as err:  # a bug on one article must not lose the batch
            log.debug("coding failed for %s", p.article.origin, exc_info=True)
            yield Result(
                Status(p.article.origin, "failed", f"E199 internal error: {err!r}", 0, p.article.id),
                p.article,
                (),
            )
            continue
        yield Result(Status(p.article.origin, "coded", "", len(found), p.article.id), p.article, tuple(found))


def code_parsed(parsed: Parsed, gaz: Gazetteer) -> list[Event]:
    """All event records of one parsed article (every modality; callers filter)."""
    return [e for e, _ in mentions(parsed, gaz)]


def mentions(parsed: Parsed, gaz: Gazetteer) -> list[tuple[Event, tuple[int, ...]]]:
    """Each event record of one parsed article with the character offsets of the trigger
    words that mention it (what coreference scoring aligns to gold mentions)."""
    article = parsed.article
    timexes = dates.extract(article.text, article.published)
    topo = places.find(parsed, gaz)
    resolver = actors.Resolver(parsed, gaz, topo.focus)
    drafts = []
    for f in events.find(parsed, timexes, topo):
        draft = _draft(parsed, f, topo, resolver, gaz)
        if draft is not None:
            drafts.append(draft)
    merged = dedup.merge(drafts)
    out: dict[str, tuple[Event, tuple[int, ...]]] = {}
    for d in merged:
        e = _finish(d.event, d.lemma)
        # two triggers of a sentence that made the same record are one event
        _, seen = out.get(e.event_id, (e, ()))
        out[e.event_id] = (e, tuple(sorted({*seen, *d.triggers})))
    return list(out.values())


def _draft(
    parsed: Parsed, f: events.Found, topo: places.Toponyms, resolver: actors.Resolver, gaz: Gazetteer
) -> dedup.Draft | None:
    """One mention as a provisional record; ACLED's type refinements wait for the merge."""
    article = parsed.article
    place: Place | None = f.place or (places.country_place(gaz, topo.focus) if topo.focus else None)
    cc = place.country_code if place else topo.focus
    rule = f.rule
    violent = rule.disorder_type.startswith("Political violence")
    date, precision, basis = _date(article, f)
    resolver = resolver.on(date)
    actor1 = resolver.resolve(f.agent, cc, violent)
    if not cc and actor1 is not None and actor1.inter == 1 and actor1.country_code:
        cc = actor1.country_code  # no place known: a state's forces act at home
    actor2 = resolver.victim(resolver.resolve(f.target, cc, violent), cc)
    for v in f.victims:
        actor2 = actor2 or resolver.victim(resolver.resolve(v, cc, violent), cc)
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
    if actor1 is None and violent:
        actor1 = resolver.blamed(f.sentence, cc, actor2) or resolver.doer(f.sentence, cc, actor2)
    country_name = resolver.country_name(cc, False) if cc else "Unknown"
    if rule.event_type == "Protests":
        force = resolver.resolve(f.intervention, cc, True) if f.intervention not in (None, -1) else None
        if actor1 is None or actor1.inter not in (5, 6):
            actor1 = Actor(f"Protesters ({country_name})", 6, cc)
        actor2 = force
    elif rule.event_type == "Riots" and actor2 is None and f.intervention not in (None, -1):
        actor2 = resolver.resolve(f.intervention, cc, True)  # the police who met the riot
    if (
        actor1 is None
        and not violent
        and actor2 is not None
        and f.target is not None
        and parsed.tokens[f.target].dep == "nsubjpass"
    ):
        actor1, actor2 = actor2, None  # "more troops are expected to be deployed"
    if actor1 is None:
        if rule.event_type == "Riots":
            actor1 = Actor(f"Rioters ({country_name})", 5, cc)
        elif violent or rule.sub_event_type == "Looting/property destruction":
            # houses burned by someone unnamed: ACLED still codes it, to an unidentified group
            actor1 = Actor(f"Unidentified Armed Group ({country_name})", 3, cc)
        else:
            return None  # a development with no actor is not an ACLED event
    if actor2 is not None and actor2.name == actor1.name:
        actor2 = None
    modality = f.modality
    speaker = resolver.resolve(events.speaker(parsed, f.trigger), cc, violent)
    if violent and modality == "asserted" and speaker is not None and speaker.name == actor1.name:
        modality = "claimed"  # the perpetrator's own account
    sub = rule.sub_event_type
    if rule.event_type == "Protests" and f.intervention is not None:
        sub = "Protest with intervention"
    sent = parsed.sents[f.sentence]
    start, end = _trim(article.text, sent.start, sent.end)
    joint = rule.lemma not in events.refine_table()["mutual"]  # "X and Y clashed": two sides
    generic = f.generic
    confidence = {"asserted": 0.8, "claimed": 0.6}.get(modality, 0.5)
    confidence -= 0.1 * (place is None or place.precision >= 3) + 0.1 * (basis != "clause")
    confidence -= 0.1 * generic
    event = Event(
        event_id="",
        article_ids=(article.id,),
        event_date=date.isoformat(),
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
        country=place.country if place else "",
        iso=place.iso if place else None,
        admin1=place.admin1 if place else "",
        admin2="",
        location=place.name if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.precision if place else 4,
        geonameid=place.geonameid if place else None,
        fatalities=f.fatalities,
        notes="",
        source=article.source,
        source_url=article.url,
        plover_type=rule.plover_type,
        plover_mode=rule.plover_mode,
        plover_context=(),
        modality=modality,
        evidence=((article.text[start:end], start, end),),
        confidence=round(max(confidence, 0.1), 2),
        date_basis=basis,
        published=article.published.isoformat() if article.published else "",
        published_basis=article.published_basis,
        region=gaz.countries[cc].region if cc in gaz.countries else "",
    )
    headline = f.sentence == 0 and not article.text[start:end].endswith((".", '"', "”"))
    return dedup.Draft(
        event,
        basis,
        f.fatality_kind,
        generic,
        _family(rule.disorder_type, rule.event_type),
        headline,
        f.dependent,
        rule.priority,
        sent.paragraph,
        events.definite(parsed, f.trigger),
        events.indefinite(parsed, f.trigger),
        rule.lemma,
        rule.sub_event_type == "Armed clash" and rule.lemma in events.refine_table()["mutual"],
        (parsed.tokens[f.trigger].start,),
    )


def _family(disorder: str, event_type: str) -> str:
    return "violence" if disorder.startswith("Political violence") else event_type


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _date(article: Article, f: events.Found) -> tuple[dt.date, int, str]:
    """(date, ACLED time_precision, basis) for a mention."""
    if f.date is not None and f.date.date is not None:
        return f.date.date, PRECISION.get(f.date.precision, 3), f.date_basis
    if article.published is not None:
        # Unstated in the text: the report's own date, within its week.
        return article.published, 2, "vague" if f.date_basis == "vague" else "published"
    return dt.date.today(), 3, "vague" if f.date_basis == "vague" else "unknown"


def _swap(e: Event) -> Event:
    """The record with actor 1 and actor 2 (and their associates) exchanged."""
    return replace(
        e,
        actor1=e.actor2,
        assoc_actor_1=e.assoc_actor_2,
        inter1=e.inter2,
        actor2=e.actor1,
        assoc_actor_2=e.assoc_actor_1,
        inter2=e.inter1,
    )


def _finish(event: Event, lemma: str) -> Event:
    """ACLED's rules that need the whole merged record, then id and notes."""
    e = event
    sub = e.sub_event_type
    cues = events.refine_table()
    if (
        (e.disorder_type.startswith("Political violence") or sub == "Looting/property destruction")
        and e.inter1 in (5, 6, 7)
        and sub not in ("Excessive force against protesters",)
    ):
        # Crowds, protesters or residents doing violence or wrecking property: a riot, not a
        # battle (ACLED); which kind of riot is decided below.
        sub = "Mob violence"
        name = e.actor1.split(" (")[-1].rstrip(")")
        e = replace(e, actor1=f"Rioters ({name})", inter1=5)
        if not e.actor2 or e.actor2.startswith(dedup.UNKNOWN_ACTOR):
            # a crowd turning on people it does not name, or on "alleged robbers": civilians
            # (ACLED), not an armed group
            e = replace(e, actor2=f"Civilians ({name})", inter2=7)
    elif sub in ("Arrests", "Abduction/forced disappearance") and (
        e.fatalities > 0 or _says(e, cues["abuse_words"])
    ):
        # people arrested or abducted and then found dead or tortured: an attack (ACLED)
        sub = "Attack"
        if not e.actor2 or e.inter2 == 6:
            e = replace(e, actor2=f"Civilians ({e.country or 'Unknown'})", inter2=7)
    elif sub == "Arrests" and e.inter1 in (2, 3, 4, 5, 7):
        # only state forces arrest (ACLED); an armed group or a crowd detaining people abducts them
        sub = "Abduction/forced disappearance"
        if not e.actor2 or e.inter2 in (0, 6):
            e = replace(e, actor2=f"Civilians ({e.country or 'Unknown'})", inter2=7)
    elif sub == "Arrests" and e.inter2 == 6:
        # Protesters arrested: a protest with intervention, with the protesters as actor 1.
        sub = "Protest with intervention"
        e = _swap(e)
    elif sub == "Armed clash" and e.inter2 == 7 and lemma in cues["mutual"]:
        pass  # a clash has two armed sides, whatever the victims
    elif sub == "Armed clash" and (e.inter2 == 7 or (not e.actor2 and lemma not in cues["armed_targets"])):
        # armed actors against civilians, or against no armed side anyone names ("attacked
        # the village"): violence against civilians
        sub = "Attack"
        if not e.actor2:
            e = replace(e, actor2=f"Civilians ({e.country or 'Unknown'})", inter2=7)
    elif sub == "Attack" and e.inter2 in (1, 2, 3, 4, 8):
        sub = "Armed clash"
    elif (
        sub in ("Attack", "Looting/property destruction", "Abduction/forced disappearance", REMOTE)
        and not e.actor2
    ):
        # a bomb or raid that hits no one the text names: ACLED codes it against civilians
        e = replace(e, actor2=f"Civilians ({e.country or 'Unknown'})", inter2=7)
    elif sub == "Violent demonstration" or (
        sub in ("Peaceful protest", "Protest with intervention") and _violent_crowd(e)
    ):
        sub = "Violent demonstration"
        if e.inter1 in (6, 7):  # the crowd that turned violent: rioters
            e = replace(e, actor1="Rioters (" + e.actor1.split(" (")[-1], inter1=5)
    elif sub in ("Peaceful protest", "Protest with intervention") and e.fatalities > 0:
        sub = "Excessive force against protesters"
        if e.actor2:  # the force is the actor; the protesters are its target
            e = _swap(e)
    if sub in ("Violent demonstration", "Mob violence"):
        # ACLED: rioting that is part of a demonstration is a violent demonstration; crowd
        # violence with no demonstration told (stones thrown at police, a brawl) is mob violence
        sub = "Violent demonstration" if _says(e, cues["demonstration_words"]) else "Mob violence"
    name, words = actors.vigilante()
    if sub == "Mob violence" and name and not e.assoc_actor_1 and _says(e, words):
        e = replace(e, assoc_actor_1=name.replace("{place}", e.country or "Unknown"))
    if (
        sub == "Armed clash"
        and e.inter2 == 1
        and e.inter1 != 1
        and e.country in actors.word_list("state_first_in_clashes")
        and not e.actor1.startswith(dedup.UNKNOWN_ACTOR)  # unknown gunmen keep their place
    ):
        e = _swap(e)
    if sub != e.sub_event_type:
        event_type, disorder = events.acled_types()[sub]
        e = replace(e, sub_event_type=sub, event_type=event_type, disorder_type=disorder)
    targeting = (
        "Civilian targeting" if e.inter2 == 7 and e.disorder_type.startswith("Political violence") else ""
    )
    e = replace(
        e,
        interaction=actors.interaction(e.inter1, e.inter2),
        civilian_targeting=targeting,
        plover_context=events.contexts(
            (text for text, _, _ in e.evidence), e.modality, e.event_date, e.published
        ),
    )
    # everything that tells two events of one sentence apart, so that ids are unique (the
    # store keys events by them) and the same on every run
    spans = ",".join(str(start) for _, start, _ in e.evidence)
    key = f"{e.article_ids[0]}|{spans}|{e.sub_event_type}|{e.event_date}|{e.modality}|{e.actor1}|{e.actor2}"
    digest = hashlib.sha1(f"{key}|{e.location}|{e.fatalities}".encode()).hexdigest()[:12]
    return replace(e, event_id=f"EW-{digest}", notes=notes(e, lemma))


def _says(e: Event, words: frozenset[str]) -> bool:
    found = {w.lower().strip(".,;:\"'") for text, _s, _e in e.evidence for w in text.split()}
    return bool(found & words)


def _violent_crowd(e: Event) -> bool:
    """The evidence says the protest itself turned violent ("violent demonstration",
    "hurled stones", "burning tyres")."""
    return _says(e, events.refine_table()["violent_protest"])


def notes(e: Event, lemma: str = "") -> str:
    """An ACLED-style one-sentence summary of the record ("Other" events say their trigger)."""
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
