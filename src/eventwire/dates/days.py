"""Normalisers of expressions that name a day or a time of day: calendar dates, months,
weekdays, clock times, parts of the day, holidays, "today" and "the next day"; and how a date
named without its year is placed before or after the DCT."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .. import tables
from .context import Context, Resolved, Tense, _day, _lex, _ref, _unknown, norm
from .patterns import TABLE


def window(tense: Tense | None) -> tuple[int, int]:
    """Days before and after the reference a date named without its year may lie: the year
    before it in the past tense (or a few days after: reports lag), the year after it in the
    future (or a deadline just passed), else mostly before."""
    return {"past": (-366, 3), "future": (-7, 366)}.get(tense or "", (-366, 14))


def nearest_year(month: int, day: int, ref: dt.date, tense: Tense | None = None) -> dt.date | None:
    """The date of month-day nearest to ``ref`` within the ``window`` of the tense."""
    low, high = window(tense)
    best: dt.date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        delta = (cand - ref).days
        if low <= delta <= high and (best is None or abs(delta) < abs((best - ref).days)):
            best = cand
    return best


def _period_year(ctx: Context, first: int, last: int, slack: int = 0) -> int | None:
    """The year of a part of a year (months first..last) named without one: the current
    year, or the one before or after it when the tense puts the part on the other side.
    ``slack``: months a part may have ended before the DCT and still be the one meant in
    the future tense ("third-quarter results will be released" in November)."""
    ref = _ref(ctx)
    if ref is None:
        return None
    tense = ctx.tense()
    if tense == "past" and first > ref.month:
        return ref.year - 1
    if tense == "future" and last + slack < ref.month:
        return ref.year + 1
    return ref.year


@norm("calendar")
def _calendar(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    month = int(_lex(ctx, "month", g["month"]))
    if "day" not in g:
        return _month(month, int(g["year"]))
    return _month_day(ctx, month, int(g["day"]), g.get("year"))


def _month(month: int, year: int | None) -> Resolved:
    if year is None:
        return _unknown(f"XXXX-{month:02d}")
    return Resolved(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 15))


def _month_day(ctx: Context, month: int, day: int, year: str | None) -> Resolved:
    """A calendar day; without a year, the one the tense and the DCT point to."""
    if year is not None:
        try:
            return _day(dt.date(int(year), month, day))
        except ValueError:
            return _unknown(f"{year}-{month:02d}-XX")
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # "February 30": no such day, ever
        return _unknown("XXXX-XX-XX")
    ref = _ref(ctx)
    found = nearest_year(month, day, ref, ctx.tense() if ctx.dct else None) if ref else None
    return _day(found) if found else _unknown(f"XXXX-{month:02d}-{day:02d}")


@norm("month")
def _month_alone(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "in June", "last June", "June last year", "mid-November": a month of a year."""
    month = int(_lex(ctx, "monthname", g["monthname"]))
    ref = _ref(ctx)
    if ref is None:
        return _unknown(f"XXXX-{month:02d}")
    if "shift" in g:
        shift = int(_lex(ctx, "shift", g["shift"]))
        if "of_year" in g:  # "June last year": the year moves, not the month
            return _month(month, ref.year + shift)
        if shift < 0:
            return _month(month, ref.year - (month >= ref.month))
        if shift > 0:
            return _month(month, ref.year + (month <= ref.month))
        return _month(month, ref.year)
    return _month(month, _period_year(ctx, month, month))


@norm("numeric")
def _numeric(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """07/02 is 7 February where the table says dmy, unless only the other order is a date."""
    a, b = int(g["first"]), int(g["second"])
    order = str(tables.load_yaml(TABLE).get("numeric_order", "dmy"))
    day, month = (a, b) if order == "dmy" else (b, a)
    if month > 12 and day <= 12:
        day, month = month, day
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return _unknown("XXXX-XX-XX")
    return _month_day(ctx, month, day, g.get("year"))


@norm("weekday_date")
def _weekday_date(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    month, day = int(_lex(ctx, "month", g["month"])), int(g["day"])
    if "year" in g:
        return _calendar(ctx, g, text)
    weekday = int(_lex(ctx, "weekday", g["weekday"]))
    ref = _ref(ctx)
    if ref:
        found = nearest_year(month, day, ref)
        if found and found.weekday() == weekday:
            return _day(found)
    # The weekday fixes the year: the latest one (up to a year after the reference).
    year = year_of_weekday(month, day, weekday, (ref or dt.date.today()).year + (1 if ref else 0))
    return _day(dt.date(year, month, day)) if year else _unknown(f"XXXX-{month:02d}-{day:02d}")


def year_of_weekday(month: int, day: int, weekday: int, latest: int) -> int | None:
    """The latest year <= ``latest`` in which month-day falls on ``weekday``."""
    for year in range(latest, latest - 30, -1):
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def weekday_before(ref: dt.date, weekday: int, shift: int = 0) -> dt.date:
    """The ``weekday`` on or before ``ref`` (shift 1: the one after ``ref``)."""
    if shift > 0:
        return ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    back = (ref.weekday() - weekday) % 7
    return ref - dt.timedelta(days=back + (7 if shift < 0 and back == 0 else 0))


def _weekday_day(ctx: Context, g: dict[str, str]) -> Resolved:
    weekday = int(_lex(ctx, "weekday", g["weekday"]))
    if ctx.dct is None:
        return _unknown(f"XXXX-WXX-{weekday + 1}")
    if "shift" in g:
        return _day(weekday_before(ctx.dct, weekday, int(_lex(ctx, "shift", g["shift"]))))
    if ctx.tense() == "future" and weekday != ctx.dct.weekday():
        return _day(weekday_before(ctx.dct, weekday, 1))
    return _day(weekday_before(ctx.dct, weekday))


@norm("weekday")
def _weekday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    return _weekday_day(ctx, g)


def _base_day(ctx: Context, g: dict[str, str]) -> Resolved:
    """The day a time of day belongs to: a weekday, a day word, else the date told last."""
    if "weekday" in g:
        return _weekday_day(ctx, g)
    if "month" in g:
        return _month_day(ctx, int(_lex(ctx, "month", g["month"])), int(g["day"]), None)
    if "dayword" in g:
        return _dayword(ctx, g, "")
    ref = ctx.last or ctx.dct
    return _day(ref) if ref else _unknown("XXXX-XX-XX")


@norm("clock")
def _clock(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    day = _base_day(ctx, g)
    if "clockword" in g:
        hour, minute = (int(x) for x in str(_lex(ctx, "clockword", g["clockword"])).split(":"))
    else:
        hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        minute = int(g.get("minute") or 0)
    return _at(day, f"{hour:02d}:{minute:02d}")


def _at(day: Resolved, time: str) -> Resolved:
    if day.date is None:
        return Resolved(f"{day.value}T{time}", "none", None, "TIME")
    return Resolved(f"{day.date.isoformat()}T{time}", "day", day.date, "TIME")


@norm("part_of_day")
def _part_of_day(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "Thursday evening", "this morning", "tonight": the day with a TIMEX3 part code."""
    if "partword" in g:
        offset, part = str(_lex(ctx, "partword", g["partword"])).split(":")
        g = {"dayword": "today"} if int(offset) == 0 else {"dayword": "yesterday"}
        return _at(_dayword(ctx, g, text), part)
    if "relday" in g:  # "the next morning": from the day told last
        ref = ctx.last or ctx.dct
        if ref is None:
            return _at(_unknown("XXXX-XX-XX"), str(_lex(ctx, "part", g["part"])))
        day = _day(ref + dt.timedelta(days=int(_lex(ctx, "relday", g["relday"]))))
        return _at(day, str(_lex(ctx, "part", g["part"])))
    if "weekday" not in g and "dayword" not in g:  # "this morning"
        g = {**g, "dayword": "today"}
    return _at(_base_day(ctx, g), str(_lex(ctx, "part", g["part"])))


@norm("holiday")
def _holiday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    rule = str(_lex(ctx, "holiday", g["holiday"]))
    if re.fullmatch(r"\d\d-\d\d", rule):
        month, day = (int(x) for x in rule.split("-"))
        return _month_day(ctx, month, day, g.get("year"))
    # A movable feast: the year is the one given, else the one whose date is nearest the DCT.
    ref = _ref(ctx)
    if "year" in g:
        return _day(holiday_on(rule, int(g["year"])))
    if ref is None:
        return _unknown("XXXX-XX-XX")
    low, high = window(ctx.tense())
    days = [holiday_on(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    fitting = [d for d in days if low <= (d - ref).days <= high] or days
    return _day(min(fitting, key=lambda d: abs((d - ref).days)))


def holiday_on(rule: str, year: int) -> dt.date:
    """The date of a movable holiday rule ("11-4-3", "05-L-0", "easter-2") in ``year``."""
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
    month, nth, weekday = rule.split("-")
    first = dt.date(year, int(month), 1)
    if nth == "L":
        after = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
        return after - dt.timedelta(days=(after.weekday() - int(weekday) - 1) % 7 + 1)
    return first + dt.timedelta(days=(int(weekday) - first.weekday()) % 7 + 7 * (int(nth) - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@norm("dayword")
def _dayword(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    if ctx.dct is None:
        return _unknown("XXXX-XX-XX")
    return _day(ctx.dct + dt.timedelta(days=int(_lex(ctx, "dayword", g["dayword"]))))


@norm("report_day")
def _report_day(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """The report's own day (a live blog's entry, "07:30 — ...")."""
    return _day(ctx.dct) if ctx.dct is not None else _unknown("XXXX-XX-XX")


@norm("anaphor")
def _anaphor(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    ref = ctx.last or ctx.dct
    if ref is None:
        return _unknown("XXXX-XX-XX")
    return _day(ref + dt.timedelta(days=int(_lex(ctx, "anaphor", g["anaphor"]))))
