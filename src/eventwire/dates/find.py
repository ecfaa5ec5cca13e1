"""The finding API: every temporal expression of a text as ``Timex`` records in text order,
its sentences, and the publication date a text implies."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from typing import Any, Literal, cast

from ..nlp import dateline, dateline_end
from ..nlp.sentences import sentence_starts
from ..records import Timex
from .context import NORMS, Context, _unknown
from .days import nearest_year, weekday_before
from .patterns import Rule, _anywhere, _finditer, _patterns, rules

# Normalisers whose value comes from what was told before: they never become the reference.
ANAPHORIC = frozenset({"relative", "complement", "period_anaphor"})
COUNTED_ON = frozenset({"after", "later", "earlier", "before"})  # not "ago": the report's day


def extract(text: str, dct: dt.date | None) -> list[Timex]:
    """All temporal expressions of ``text``, normalised, in text order.

    text (str): the article text. dct (date | None): publication date, if known.
    RETURNS (list[Timex]): non-overlapping; at each place the longest match wins.
    """
    compiled, lex = rules()
    reporting, cues, outside, leads, gap = _patterns()
    spans: list[tuple[int, int, Rule, dict[str, str]]] = []
    anywhere = _anywhere()
    places = None if anywhere is None else [m.start() for m in anywhere.finditer(text)]
    for rule in compiled:
        for m in _finditer(rule.regex, text, places):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            # "for three years", "on Friday": the preposition is not part of the expression
            lead = outside.match(text, m.start(), m.end())
            start = lead.end() if lead and lead.end() < m.end() else m.start()
            spans.append((start, m.end(), rule, groups))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, Rule, dict[str, str]]] = []
    end = -1
    for span in spans:
        if span[0] >= end:
            chosen.append(span)
            end = span[1]
    ctx = Context(dct, lex, text, cues=cues, leads=leads, gap=gap, starts=sentence_starts(text))
    out = []
    for start, stop, rule, groups in chosen:
        ctx.at = start
        anchor = (ctx.last or ctx.dct) if rule.norm == "complement" else None
        if rule.norm == "relative" and text[start:stop].lower().split()[-1] in COUNTED_ON:
            anchor = ctx.last or ctx.dct  # "two days after": counted from the day named last
        try:
            res = NORMS[rule.norm](ctx, groups, text[start:stop])
        except (ValueError, OverflowError, KeyError):
            # An impossible date ("February 30", year 99999): keep the mention, unresolved.
            res = _unknown("XXXX-XX-XX")
        told = reporting.search(text[max(0, start - 60) : start])
        if res.date is not None and res.precision == "day" and not told and rule.norm != "complement":
            ctx.last = res.date  # (not the earlier event "two days after" points back to)
        if res.date is not None and not told:
            ctx.told = res.date
        if re.search(r"-[QH]\d$", res.value) and rule.norm not in ANAPHORIC:
            ctx.period = (start, res.value)
        kind = cast(Literal["DATE", "TIME", "DURATION", "SET"], res.type)
        out.append(
            Timex(start, stop, text[start:stop], kind, res.value, res.precision, res.date, rule.name, anchor)
        )
    return _counted_from_own_day(out, chosen, ctx)


def _counted_from_own_day(
    out: list[Timex], chosen: list[tuple[int, int, Rule, dict[str, str]]], ctx: Context
) -> list[Timex]:
    """ "The day after police opened fire, demonstrators blocked roads on Tuesday": a
    complement counts back from the day its own sentence names later, when it names one,
    else from the one it named before it."""
    fixed = list(out)
    for n, (t, (start, _, rule, groups)) in enumerate(zip(out, chosen, strict=True)):
        if rule.norm == "part_of_day" and groups.get("partword", "").lower() in NIGHT_BEFORE:
            fixed[n] = _night_before_the_day_said(t, out[n + 1 :], ctx)
            continue
        sentence = bisect.bisect_right(ctx.starts, t.start)
        if rule.norm == "anaphor":
            # "the army said on Wednesday that a drone strike the previous day ...": the day
            # before the one its sentence named, a speaker's day too
            said = next((o for o in reversed(out[:n]) if _a_day_of(o, sentence, t, ctx)), None)
            if said is not None and said.date is not None:
                ctx.last, ctx.at = said.date, start
                res = NORMS[rule.norm](ctx, groups, t.text)
                fixed[n] = replace(t, value=res.value, precision=res.precision, date=res.date)
            continue
        if rule.norm != "complement":
            continue

        # (else the day its sentence named before it, a speaker's too: "the army said on
        # Wednesday that a drone strike the previous day ...": Tuesday)
        later = next((o for o in out[n + 1 :] if _a_day_of(o, sentence, t, ctx)), None)
        own = later or next((o for o in reversed(out[:n]) if _a_day_of(o, sentence, t, ctx)), None)
        if own is None or own.date is None:
            continue
        ctx.last, ctx.at = own.date, start
        res = NORMS[rule.norm](ctx, groups, t.text)
        if own is later and res.date is not None and not _opens_its_sentence(t, sentence, ctx):
            # "The killings came two weeks after gunmen killed nine people ... on June 2": a
            # day told after the expression in mid-sentence is the day of the deed it points
            # back to (its own clause runs on to it); the deed told before it came that many
            # days after, or some weeks after, which names it no day
            came = own.date + (own.date - res.date) if res.precision == "day" else None
            fixed[n] = replace(t, value=own.value, precision=own.precision, date=own.date, anchor=came)
            continue
        fixed[n] = replace(t, value=res.value, precision=res.precision, date=res.date, anchor=own.date)
    return fixed


CLAUSE_OPENERS = re.compile(r"(?:^|[,;:(\u2014-]|\bthat)$", re.IGNORECASE)


def _opens_its_sentence(t: Timex, sentence: int, ctx: Context) -> bool:
    """Whether ``t`` opens its sentence or a clause of it ("The day after police opened fire,
    ...", "ISLAMABAD (AP) - Two days after the vote, ...", "Police said that two days
    after ..."), where the day told later is the clause it modifies."""
    begin = max(ctx.starts[sentence - 1] if sentence else 0, dateline_end(ctx.text) if sentence <= 1 else 0)
    before = ctx.text[begin : t.start].strip(" \n\t\"'“‘")
    return bool(CLAUSE_OPENERS.search(before))


def _a_day_of(o: Timex, sentence: int, t: Timex, ctx: Context) -> bool:
    """Whether ``o`` is a day named in sentence ``sentence`` other than by ``t``'s rule."""
    return (
        bisect.bisect_right(ctx.starts, o.start) == sentence
        and o.rule != t.rule
        and o.precision == "day"
        and o.date is not None
    )


NIGHT_BEFORE = ("overnight", "last night")  # the night before the day they are told on


def _night_before_the_day_said(t: Timex, after: list[Timex], ctx: Context) -> Timex:
    """ "Strikes killed 15 overnight, officials said on Saturday": the night before the day
    its sentence says it was told, not before the report's day (which may be later)."""
    sentence = bisect.bisect_right(ctx.starts, t.start)
    said = next(
        (
            o
            for o in after
            if bisect.bisect_right(ctx.starts, o.start) == sentence
            and o.precision == "day"
            and o.date is not None
            and o.rule in ("weekday", "weekday_with_date", "month_day")
        ),
        None,
    )
    if said is None or said.date is None or (ctx.dct is not None and said.date > ctx.dct):
        return t
    night = said.date - dt.timedelta(days=1)
    return replace(t, value=f"{night.isoformat()}TNI", date=night, anchor=said.date)


# --- publication date inference -----------------------------------------------------------


def infer_published(text: str, today: dt.date | None = None) -> dt.date | None:
    """The publication date implied by the text, or None.

    A dateline's whole date is the day ("Maputo, 14 Jul 2025 (Lusa) -"). A weekday named
    beside a calendar date fixes the year ("Monday (Feb 20)"). Otherwise each
    month-day mention is tried as the DCT in each year: the weekday mentions must then land on
    other mentioned dates (news says "on Saturday" for a date it also gives as "January 4"),
    the other dates must lie just before it, and — following AP style, which writes the year
    only when it is not the current one — the year must be later than every year written out
    alone; of the years that fit, the one nearest the latest year written out (with its month
    too: "elections in December 2024").
    """
    today = today or dt.date.today()
    found = extract(text, None)
    opening = dateline(text)
    # (with no DCT, only a date told with its year has a day: "14 Jul 2025", not "14 Jul")
    full = [
        t.date
        for t in found
        if opening is not None and t.end <= opening.end() and t.date and t.precision == "day"
    ]
    if full:  # "Maputo, 14 Jul 2025 (Lusa) -": the day the report was filed
        return min(full[0], today)
    years = [int(t.value) for t in found if t.rule == "season_year" and t.value.isdigit()]
    floor = max((y for y in years if y <= today.year), default=1900)
    # (a year told with its month may lie ahead: "due to hold elections in December 2024")
    told = [int(t.value[:4]) for t in found if t.rule == "month_year" and t.value[:4].isdigit()]
    near = max([*years, *told], default=floor)
    compiled, lex = rules()
    paired = [t.date for t in found if t.rule == "weekday_with_date" and t.date]
    filed = _filed_on(text, lex)
    if paired and filed:
        # "Niamey, March 13 (AFP) - ... on Tuesday, March 11": the dateline's day, in the
        # year that puts it nearest the first day the weekdays fix (a later one may be a
        # day still to come: "a funeral is planned for Monday, March 17")
        anchor = min(paired)
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(dt.date(year, *filed))
            except ValueError:
                continue
        if candidates:
            return min(min(candidates, key=lambda d: abs((d - anchor).days)), today)
    if paired:
        # Weekdays named after the anchor date ("officials said on Saturday") move it on.
        anchor = max(paired)
        later = [
            anchor + dt.timedelta(days=(int(lex["weekday"][w.lower()]) - anchor.weekday()) % 7)
            for t in found
            if t.rule in ("weekday", "clock_weekday") and t.start > 0
            for w in re.findall(r"[A-Za-z]+", t.text)
            if w.lower() in lex["weekday"]
        ]
        return min(max([anchor, *later]), today)
    mds = [
        (int(_lex_word(lex, "month", t)), int(re.findall(r"\d+", t.text)[-1]))
        for t in found
        if t.rule in ("month_day", "day_month")
    ]
    weekdays = [
        int(lex["weekday"][w.lower()])
        for t in found
        if t.rule in ("weekday", "clock_weekday")
        for w in re.findall(r"[A-Za-z]+", t.text)
        if w.lower() in lex["weekday"]
    ]
    if not mds or not weekdays or not years:
        return None  # without a year written out any of many years fits: no guess
    best: tuple[int, int, int, int] | None = None
    answer: dt.date | None = None
    # (a dateline's day is the day the report was filed: the only day it can be)
    days = {filed} if filed is not None and filed in set(mds) else set(mds)
    for year in range(today.year, floor, -1):
        for month, day in days:
            try:
                dct = dt.date(year, month, day)
            except ValueError:
                continue
            if dct > today:
                continue
            placed = {nearest_year(m, d, dct) for m, d in mds}
            if None in placed or any(p and p > dct for p in placed):
                continue
            hits = sum(weekday_before(dct, w) in placed for w in weekdays)
            spread = sum((dct - p).days for p in placed if p)
            # most hits, tightest cluster, then the year nearest the latest one written out
            key = (hits, -spread, -abs(year - near), -year)
            if hits and (best is None or key > best):
                best, answer = key, dct
    return answer


def _filed_on(text: str, lex: dict[str, dict[str, Any]]) -> tuple[int, int] | None:
    """(month, day) a dateline gives ("Niamey, March 13 (AFP) -", "Maputo, 14 Jul (Lusa) -"),
    else None."""
    m = dateline(text)
    if m is None:
        return None
    for said in re.finditer(r"([A-Za-z]+)\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Za-z]+)", m.group(0)):
        month, day = (said[1], said[2]) if said[1] else (said[4], said[3])
        if month.lower() in lex["month"]:
            return int(lex["month"][month.lower()]), int(day)
    return None


def _lex_word(lex: dict[str, dict[str, Any]], table: str, timex: Timex) -> Any:
    for word in re.findall(r"[A-Za-z]+", timex.text):
        if word.lower() in lex[table]:
            return lex[table][word.lower()]
    raise ValueError(timex.text)
