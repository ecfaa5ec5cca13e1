"""Stage 6b, article: the decisions that need the whole article.

Reads: ``Parsed`` (and, through the earlier stages, its dates, places and actors). Writes:
the article's event records, each with the offsets of the trigger words that mention it.
Which mentions are specific events that happened (not generic, habitual, aggregate,
threatened or hypothetical), which are one event (one record, all its spans, one reconciled
toll), who did it (agency in the text, never the reporting source), the event's own date and
most specific place; then ACLED's record rules. Submodules: ``mention`` (a mention as a
provisional record, a ``drafts.Draft``), ``eventness`` (tallies, habits and summaries,
new-event openings; cue words in ``data/article/en.yaml``), ``coref`` (the mentions of one
event as one record), ``absorb`` (two drafts joined), ``tolls`` (their figures of dead) and
``acled`` (the record rules, id and notes).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from .. import actors, dates, events, places
from ..events.anchors import framed
from ..gazetteer import Gazetteer, distance_km
from ..nlp import round_up_items
from ..records import Actor, Event, Parsed, Place, Timex
from ..vocab import FACTUAL, LOOTING, Inter
from . import coref, eventness, split
from .acled import finish, identified, joined, notes
from .confidence import gate
from .drafts import Draft, known
from .mention import draft, located

RECENT = dt.timedelta(days=1)  # a day before the news is still the news (overnight events)
STALE = dt.timedelta(days=31)  # with no day in the lead, the report's month is still its news
HISTORY = dt.timedelta(days=3653)  # recalled deeds older than ten years are history, not data
SEAT = "Government of "  # an actor whose decisions are made in its capital

__all__ = ["finish", "joined", "notes", "records"]


def _damage_of_a_deed(found: list[events.Found]) -> list[events.Found]:
    """ "A Ukrainian drone attack set off a fire at an oil refinery": damage whose doer is a
    deed the text tells (the attack) is that deed's, not a record of its own."""
    # (not a crowd's gathering: "protesters ... looted two shops" is the riot's)
    deeds = {f.trigger for f in found if events.acled_types()[f.rule.sub_event_type][0] in events.VIOLENT}
    return [f for f in found if f.rule.sub_event_type != LOOTING or f.agent not in deeds]


def _in_the_paragraphs_country(
    found: list[events.Found], parsed: Parsed, topo: places.Toponyms, gaz: Gazetteer
) -> list[events.Found]:
    """A deed its sentence places nowhere, told after one its paragraph placed abroad ("an
    Israeli drone struck a car between Nabatieh and Kfar Roummane ... The Israeli military
    said it had killed a Hezbollah operative", in a story from Gaza), is in that country, not
    in the story's own."""
    out = []
    last: dict[int, Place] = {}  # each paragraph's last deed placed below its country
    for f in found:
        para = parsed.sents[f.sentence].paragraph
        abroad = last.get(para)
        placeless = f.place is None and not f.dependent and topo.home
        if placeless and abroad is not None and abroad.country_code not in ("", topo.home):
            f = replace(f, place=places.country_place(gaz, abroad.country_code))
        # (a deed's own place: not a tally's, "Ankara has carried out frequent strikes", nor
        # a country named as whose, nor what a group is, "which is fighting in Mogadishu")
        own = f.date_basis != "vague" and f.modality in FACTUAL and not f.generic
        if f.place is not None and f.place.precision < 4 and own:
            last[para] = f.place
        out.append(f)
    return out


def _counted_from_the_deed_before(found: list[events.Found]) -> list[events.Found]:
    """ "The insurgents first struck at Kaya [on Sunday] ... they returned to a village two days
    after and killed 14": a bare "N days after" counts from the deed told before it, not from
    the last day the text named (which may be another deed's, or a speaker's)."""
    out = list(found)
    for n, f in enumerate(found):
        t = f.date
        if t is None or t.rule != "relative_to_event" or t.anchor is None or t.date is None:
            continue
        if not isinstance(t.date, dt.date) or not t.text.lower().endswith("after"):
            continue
        before = [
            g
            for g in found[:n]
            if g.sentence < f.sentence
            and g.date_basis == "clause"  # (its own day, not one it took from the text before it)
            and g.date is not None
            and g.date.date is not None
            and g.date.precision == "day"
            and g.date.rule != "relative_to_event"
        ]
        if before and before[-1].date is not None and before[-1].date.date is not None:
            day = before[-1].date.date + (t.date - t.anchor)
            out[n] = replace(f, date=replace(t, date=day, value=day.isoformat(), anchor=before[-1].date.date))
    return out


def records(parsed: Parsed, gaz: Gazetteer) -> list[tuple[Event, tuple[int, ...]]]:
    """Each event record of one parsed article with the character offsets of the trigger
    words that mention it (what coreference scoring aligns to gold mentions)."""
    article = parsed.article
    gaz = gaz.reading(article.text)  # ("Congo": the one the text's other names point to)
    timexes = dates.extract(article.text, article.published)
    topo = places.find(parsed, gaz)
    resolver = actors.Resolver(parsed, gaz, topo.focus)
    found = [g for f in events.find(parsed, timexes, topo) for g in split.by_place(parsed, f, topo)]
    found = _damage_of_a_deed(_counted_from_the_deed_before(found))
    found = _in_the_paragraphs_country(found, parsed, topo, gaz)
    lead = _lead(parsed, found)
    items = round_up_items(article.text)
    # (a round-up's item that opens on its place, "CHAD (Lac province) - Boko Haram fighters
    # attacked an army position", "ERBIL - ...", is that place's country's story: its army,
    # its places)
    homes = {
        p: replace(topo, home=cc, focus=cc) for p, m in items.items() if (cc := _item_country(topo, gaz, m))
    }
    drafts = [
        d
        for f in found
        if (d := draft(parsed, f, homes.get(parsed.sents[f.sentence].paragraph, topo), resolver, gaz, lead))
        is not None
    ]
    drafts = [replace(d, item=d.paragraph) if d.paragraph in items else d for d in drafts]
    labels = {
        p: label
        for p, m in items.items()
        if (label := (_label(topo, m.start(2)) if m[2] else None) or _label(topo, m.start(1))) is not None
    }
    out: dict[str, tuple[Event, tuple[int, ...]]] = {}
    merged = _claimed(coref.merge(drafts), resolver.claimants(topo.focus), parsed)
    # the story's one province, for records placed nowhere, unless their own sentences name
    # a place: another record's ("the June 2 strikes ... after fighters attacked the
    # checkpoint near Kidal") or only the country; its one town when no record is placed
    # and their sentences name none ("in Mrauk-U township ... they stepped on a landmine"),
    # for an event beside one placed at the town may be elsewhere ("in a separate attack")
    placed = any(d.event.geo_precision < 4 for d in merged)
    town, story = places.story_town(topo), places.story_province(gaz, topo)
    filed = places.filed_town(topo, article.text, gaz)
    # (a country that only says whose something is, "Mozambique's defence ministry", names no place)
    starts = [s.start for s in parsed.sents]
    named = sorted(p.start for p in topo.places if p.kind != "country" or not _whose(parsed, p))
    for d in merged:
        beside = _beside_a_place(d, parsed, starts, named)
        if placed and beside:
            province = None
        elif placed or beside:
            province = story or filed
        else:
            province = town or story or filed
        e = _recalled(d, lead.date if lead else None, article.published, parsed.sents[-1].paragraph > 0)
        if e is not None and d.item in labels:
            # a round-up's incident its words place nowhere is at least where its item opens
            # ("KIRKUK – Gunmen ... shot dead a shopkeeper"): that town's area, or that province
            e = _provincial(e, labels[d.item], gaz)
        if e is not None and e.geo_precision == 4:
            e = _measured(e, d.villages, article.text, topo, gaz)
        elif e is not None and e.geo_precision == 1:
            e = _namesake(e, article.text, topo, gaz)
        if e is not None and not placed and province is not None:
            # (a story that places none of its records, in the one province their own sentence
            # names: "gunmen who blocked a highway in Balochistan, Pakistan, ... shot dead
            # four": there, and it says where it was)
            areas = sorted(p.start for p in topo.places if p.kind == "admin1" and p.admin1 == province.admin1)
            if _beside_a_place(d, parsed, starts, areas):
                e = _provincial(e, province, gaz)
        if e is None or not _says_who_or_where(replace(d, event=e), merged, parsed):
            continue
        e = _provincial(_seated(_contested(e, d, parsed), gaz), province, gaz)
        if e.geo_precision == 4:
            e = _provincial(e, _village_province(d, parsed, topo, gaz, starts), gaz)
        e = finish(e, d.lemma)
        if not e.country and parsed.sents[-1].paragraph > 0:
            continue  # a report's event in no country: its place was not found (a note's may be)
        if e.background and e.geo_precision == 4 and e.time_precision >= 3:
            # an earlier event the article recalls with neither its day nor a place below its
            # country ("In March, a Turkish strike killed four YBS members", "in March 2022,
            # troops killed more than 500 people"): ACLED coded it from its own reports at the
            # time; a record that says this little would only count it again
            continue
        if e.confidence < gate():
            continue  # a team that prefers fewer, surer records set the table's gate
        if d.suspect and not known(e.actor1):
            e = replace(e, notes=f"{e.notes} Suspected perpetrator: {d.suspect}.")
        if d.shared and e.fatalities < d.shared:
            e = replace(e, notes=f"{e.notes} A toll of {d.shared} told for several places, shared evenly.")
        # two triggers of a sentence that made the same record are one event
        _, seen = out.get(e.event_id, (e, ()))
        out[e.event_id] = (e, tuple(sorted({*seen, *d.triggers})))
    return _one_per_pair_place_and_day(list(out.values()))


def _one_per_pair_place_and_day(
    found: list[tuple[Event, tuple[int, ...]]],
) -> list[tuple[Event, tuple[int, ...]]]:
    """ACLED's event is one kind of deed by one pair of actors at one place on one day: the
    records of an article that agree on all of them and on the toll (told in the lead and
    again in the body, where coreference did not join them; or a deed and a second one
    that killed no one) are one record with both records' evidence, in the place of the
    first. Two tolls stay two records: two deeds ("a second bomber struck a mosque,
    killing three"), whose sum ACLED would code, or one deed's rival counts, whose lowest it
    would, and nothing here tells which. Only records placed at a town: two placed no
    closer than a province may be two villages the text names and the gazetteer does not
    know."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for n, (e, _) in enumerate(found):
        # (a deed told as fact and again as a side's claim is one deed: "claimed" says less)
        told = "factual" if e.modality in FACTUAL else e.modality
        key = (e.event_date, e.sub_event_type, e.actor1, e.actor2, e.geonameid, told)
        alone = e.event_date is None or e.geo_precision > 2 or e.geonameid is None
        groups.setdefault((n,) if alone else key, []).append(n)
    out: list[tuple[int, tuple[Event, tuple[int, ...]]]] = []
    for members in groups.values():
        tolls = {found[n][0].fatalities for n in members} - {0}
        if len(members) == 1 or len(tolls) > 1:
            out += [(n, found[n]) for n in members]
            continue
        one = identified(joined([found[n][0] for n in members]))
        out.append((members[0], (one, tuple(sorted({t for n in members for t in found[n][1]})))))
    return [record for _, record in sorted(out, key=lambda r: r[0])]


def _label(topo: places.Toponyms, start: int) -> Place | None:
    """The place a round-up's item opens on, at precision 2 at best (it names the area of the
    incident, not its spot)."""
    label = next((p for p in topo.starting(start, start + 40) if p.start == start and p.precision < 4), None)
    return replace(label, precision=max(label.precision, 2)) if label is not None else None


def _item_country(topo: places.Toponyms, gaz: Gazetteer, item: re.Match[str]) -> str:
    """The country a round-up's item opens on ("CHAD (Lac province) -", "ERBIL -"), or ""."""
    label = next((p for p in topo.starting(item.start(1), item.end()) if p.country_code), None)
    if label is not None:
        return label.country_code
    named = gaz.country(item[1].strip().title())
    return named[0] if named is not None and named[1] == "name" else ""


def _claimed(merged: list[Draft], claims: list[tuple[int, Actor]], parsed: Parsed) -> list[Draft]:
    """ "A roadside bomb killed six soldiers ... ISWAP later claimed responsibility": the claim
    is of the last violent deed told before it, last told in its paragraph or the one before,
    when the text names no one who did it (ACLED's actor 1, the record a claim)."""
    out = list(merged)
    starts = [s.start for s in parsed.sents]
    for sentence, group in claims:
        start = parsed.sents[sentence].start
        para = parsed.sents[sentence].paragraph
        told = [
            n
            for n, d in enumerate(out)
            if d.family == "violence"
            # (told before the claim, and maybe again in it: "saying eight were killed")
            and min(d.triggers, default=start) < start
            and para - _last_paragraph(d, start, parsed, starts) <= 1
            and d.event.modality in FACTUAL
        ]
        if not told:
            continue
        last = max(told, key=lambda n: max(t for t in out[n].triggers if t < start))
        e = out[last].event
        if known(group.name) and not known(e.actor1) and group.name != e.actor2:
            out[last] = replace(
                out[last], event=replace(e, actor1=group.name, inter1=group.inter, modality="claimed")
            )
    return out


def _last_paragraph(d: Draft, before: int, parsed: Parsed, starts: list[int]) -> int:
    """The paragraph that last told ``d`` before character ``before`` (-1: none did);
    ``starts``: the sentences' first characters."""
    told = [t for t in d.triggers if t < before]
    return parsed.sents[bisect_right(starts, max(told)) - 1].paragraph if told else -1


def _contested(e: Event, d: Draft, parsed: Parsed) -> Event:
    """ "Each side blamed the other for the shelling": a one-sided deed the sides put on each
    other, in a sentence that names it as the deed told ("the shelling"), is no named side's,
    whichever of them one source blames (not a fight, whose two sides are known, nor another
    deed the sides accuse each other of: "... accuse each other of attacking the plant")."""
    if not known(e.actor1) or e.event_type not in (
        "Explosions/Remote violence",
        "Violence against civilians",
    ):
        return e
    told = [(s, end) for t, s, end in e.evidence if eventness.cues().contested.search(t)]
    named = [parsed.tokens[parsed.token_at(t)] for t in d.triggers if any(s <= t < end for s, end in told)]
    the = [
        tok
        for tok in named
        if tok.pos == "NOUN" and any(parsed.tokens[c].lemma == "the" for c in parsed.children(tok.i))
    ]
    if not the:
        return e
    unknown = actors.generic_name(Inter.POLITICAL_MILITIA, e.country or "Unknown")
    return replace(e, actor1=unknown, inter1=Inter.POLITICAL_MILITIA, assoc_actor_1="", modality="asserted")


def _whose(parsed: Parsed, p: Place) -> bool:
    """The country's name only qualifies a noun ("Mozambique's defence ministry", "Iraq
    government forces")."""
    tok = parsed.tokens[parsed.token_at(p.end - 1)]
    return tok.dep in ("poss", "compound", "amod") or tok.text in ("'s", "’s")


def _village_province(
    d: Draft, parsed: Parsed, topo: places.Toponyms, gaz: Gazetteer, starts: list[int]
) -> Place | None:
    """The first-level area of a record placed nowhere whose sentence names a place no
    gazetteer knows: the one that every place of its paragraph lies in ("The air force on
    Monday bombed positions on islands near Kaiga-Kindjiria, north-west of Bol": Lac, where
    Bol is; ACLED codes a village it cannot find to its province, at precision 3)."""
    own = sorted(n for t in d.triggers if (n := bisect_right(starts, t) - 1) >= 0)
    sents = [parsed.sents[n] for n in own]
    if len({s.paragraph for s in sents}) != 1:
        return None
    if not any(s.start <= u < s.end for s in sents for u, _, _ in topo.unresolved):
        return None
    n = own[0]
    first, last = n, n
    while first > 0 and parsed.sents[first - 1].paragraph == parsed.sents[n].paragraph:
        first -= 1
    while last + 1 < len(parsed.sents) and parsed.sents[last + 1].paragraph == parsed.sents[n].paragraph:
        last += 1
    return places.story_province(gaz, topo, parsed.sents[first].start, parsed.sents[last].end)


def _beside_a_place(d: Draft, parsed: Parsed, starts: list[int], named: list[int]) -> bool:
    """Whether a sentence that tells the event names a place: another record's, or the
    country it says the event was in ("also killed a trader in Nigeria"). ``starts``: the
    sentences' first characters; ``named``: the places' first characters, both in order."""
    for t in d.triggers:
        n = bisect_right(starts, t) - 1
        if n < 0 or t >= parsed.sents[n].end:
            continue
        k = bisect_left(named, parsed.sents[n].start)
        if k < len(named) and named[k] < parsed.sents[n].end:
            return True
    return False


def _measured(e: Event, villages: tuple[str, ...], text: str, topo: places.Toponyms, gaz: Gazetteer) -> Event:
    """An event at a village no gazetteer has, near the known town the text measures it
    from ("attacked the village of Pobe-Mengao ... Djibo is 25 kilometres from Pobe-Mengao"),
    at precision 2."""
    for village in villages:
        told = places.measured_from(text, topo, village)
        if told is not None and e.country in ("", told[0].country):
            return _placed(e, told[0], gaz)
    return e


MEASURE_SLACK_KM = 25  # how far a town may lie beyond the distance the text tells from another


def _namesake(e: Event, text: str, topo: places.Toponyms, gaz: Gazetteer) -> Event:
    """An event at a town the text measures from another ("the village of Kaya, some 20 km
    north of Djibo") that lies much farther from it than told: a namesake of the village (the
    city of Kaya is 125 km off), so the event is near the town measured from, at precision 2."""
    told = places.measured_from(text, topo, e.location)
    if told is None or e.latitude is None or e.longitude is None:
        return e
    town, km = told
    if town.latitude is None or town.longitude is None:
        return e
    if distance_km(e.latitude, e.longitude, town.latitude, town.longitude) <= km + MEASURE_SLACK_KM:
        return e
    return _placed(e, town, gaz)


def _placed(e: Event, place: Place, gaz: Gazetteer) -> Event:
    """``e`` at ``place``, with its country's region."""
    return replace(e, **located(place), region=gaz.countries[place.country_code].region)


def _seated(e: Event, gaz: Gazetteer) -> Event:
    """A national government's decision that the text places only in its country, or
    nowhere ("Iraq's parliament voted to expel foreign troops"), at the capital, where it
    was made (ACLED), with geo_precision 2: the text names no town."""
    if e.event_type != "Strategic developments" or e.geo_precision != 4 or not e.actor1.startswith(SEAT):
        return e
    cc = actors.names.country_of(e.actor1)
    seat = places.capital_place(gaz, cc) if cc else None
    if seat is None or e.country not in ("", seat.country):
        return e
    return _placed(e, seat, gaz)


def _provincial(e: Event, province: Place | None, gaz: Gazetteer) -> Event:
    """A record placed no closer than its country, at the story's one town or in its one
    first-level area, the least the text says: "in Mrauk-U township, Rakhine state ... they
    stepped on a landmine" with the blast's clause placing nothing, near Mrauk U at
    precision 2; "near Kone Mon Village, in Hsipaw Township, in northern Shan State, two men
    were found dead", with neither village nor township in the gazetteer, Shan at
    precision 3."""
    if e.geo_precision != 4 or e.location not in ("", e.country) or province is None:
        return e
    if e.country not in ("", province.country):
        return e
    return _placed(e, province, gaz)


def _lead(parsed: Parsed, found: list[events.Found]) -> Timex | None:
    """The day of the news the lead tells: the first day named for a specific event of the
    opening sentences ("... across Iraq Saturday, police said"), not after the report (a
    day to come is no news: "the parties reached an agreement on 4 February")."""
    published = parsed.article.published
    for f in found:
        if f.sentence >= eventness.cues().lead_sentences:
            break
        if (
            f.date is not None
            and f.date_basis == "clause"
            and f.date.precision == "day"
            and (published is None or f.date.date is None or f.date.date <= published)
            and eventness.kind(parsed, f) in ("specific", "plural")
            and not framed(f.date)  # (the shooting "the day after" which the news happened)
        ):
            return f.date
    return None


def _says_who_or_where(d: Draft, merged: list[Draft], parsed: Parsed) -> bool:
    """Whether a record says enough to stand. One that names neither its perpetrator nor a
    place below the country ("an attack in Colombia") is, in a report that places its other
    events or runs to several paragraphs, most often a recap of an event told elsewhere, a
    misread word, or an event whose place we could not find (ACLED codes no event without at
    least its first-level area; the dev news gold places every event it has). Only a
    one-paragraph note that places nothing else (a note on a village no gazetteer knows)
    keeps it: there it is the event. A group told as suspected ("suspected Boko Haram
    fighters abducted six") says who as much as one named."""
    e = d.event
    if known(e.actor1) or d.suspect or e.geo_precision < 4:
        return True
    placed = any(o.event.geo_precision < 4 for o in merged if o is not d)
    return not placed and parsed.sents[-1].paragraph == 0


def _recalled(d: Draft, news: dt.date | None, published: dt.date | None, report: bool = True) -> Event | None:
    """The record, marked ``background`` when it is an earlier event the article recalls
    (dated by its own words to days before the news the lead tells); None for one the
    article dates only by a neighbouring sentence (ACLED codes a recalled event from its own
    month and place) and for history, more than ten years before the news or, when the lead
    names no day, before the report ("the republic ceased to exist in 1919 when Polish
    forces took it"). In a ``report`` of several paragraphs whose lead names no day, a deed
    over a month before the report is recalled too; a one-paragraph note's deeds are its
    news ("residents say ten people were killed in March and April"). A deed the text tells
    as what another came after ("the riot erupted the day after four were killed") is
    recalled whenever it is dated before the news."""
    e = d.event
    day = dt.date.fromisoformat(e.event_date) if e.event_date else None
    if day is None and d.date_basis == "before":
        return None  # an earlier deed the text does not date: no record to place in time
    now = news or published
    if day is not None and now is not None and day < now - HISTORY:
        return None
    if report and news is None and published is not None and day is not None and day < published - STALE:
        news = published  # no day in the lead: a deed told a month before the report is recalled
    if d.framed and now is not None and day is not None and day < now:
        return replace(e, background=True)  # "the riot erupted the day after four were killed"
    if news is None or day is None or day >= news - RECENT:
        return e
    if d.date_basis != "clause":
        return None
    return replace(e, background=True)
