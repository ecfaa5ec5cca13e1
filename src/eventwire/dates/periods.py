"""Normalisers of expressions counted from a reference or naming a span: "two days later",
"last week", "the third quarter", "the year-ago quarter", durations, sets, years and decades."""

from __future__ import annotations

import datetime as dt
import re

from ..records import Precision
from .context import Context, Resolved, _day, _key, _lex, _num, _ref, _unknown, norm, number
from .days import _month_day, _period_year


def _shift(ref: dt.date, unit: str, n: int) -> tuple[dt.date, Precision]:
    if unit.startswith("PT"):
        return ref, "day"
    amount, code = int(re.sub(r"\D", "", unit)), re.sub(r"[P\d]", "", unit)
    if code == "D":
        return ref + dt.timedelta(days=n * amount), "day"
    if code == "W":
        return ref + dt.timedelta(weeks=n * amount), "week"
    if code in ("M", "Q"):
        months = ref.year * 12 + ref.month - 1 + n * amount * (3 if code == "Q" else 1)
        return dt.date(months // 12, months % 12 + 1, 15), "month"
    years = n * amount * {"Y": 1, "DE": 10, "CE": 100}[code]
    return dt.date(ref.year + years, 7, 1), "year"


def _shift_period(value: str, years: int) -> str:
    """ "1989-Q3" moved by ``years``: the year-ago quarter."""
    return f"{int(value[:4]) + years:04d}{value[4:]}"


@norm("relative")
def _relative(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    unit = str(_lex(ctx, "unit", g.get("unit") or g["plural"]))
    direction = int(_lex(ctx, "direction", g["direction"]))
    n = _num(ctx, g) if "num" in g or "plural" not in g else None
    if unit.startswith("PT") and (ctx.last or ctx.dct):  # "minutes later": the same day
        return _day(ctx.last or ctx.dct)  # type: ignore[arg-type]
    if n is None:  # "several years ago", "days later"
        return _unknown("PAST_REF" if direction < 0 else "FUTURE_REF")
    # "a year ago" in a report on a quarter means the year-ago quarter.
    if unit == "P1Y" and ctx.period and ctx.at - ctx.period[0] < 600:
        return _period_value(_shift_period(ctx.period[1], direction * n))
    # "ago" counts back from the DCT; "earlier/later" from the event just told. With none
    # told, "two days later" is not two days after the report: that day has not come.
    ref = ctx.dct if _key(g["direction"]) == "ago" else (ctx.last or ctx.dct)
    if ref is None or (ctx.last is None and direction > 0):
        return _unknown("XXXX-XX-XX")
    date, precision = _shift(ref, unit, direction * n)
    return _value(date, precision)


@norm("complement")
def _complement(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "The vote comes two days after a US airstrike": the date of what follows the
    expression, counted back (or on, for "before") from the event being told."""
    ref = ctx.last or ctx.dct
    if "hours" in g:  # "came hours after a roadside bomb killed two soldiers": the same day
        return _day(ref) if ref else _unknown("XXXX-XX-XX")
    unit = str(_lex(ctx, "unit", g.get("unit") or g["one"]))
    direction = int(_lex(ctx, "direction", g["direction"]))
    n = _num(ctx, g)
    if ref is None or n is None:
        return _unknown("XXXX-XX-XX")
    date, precision = _shift(ref, unit, -direction * n)
    return _value(date, precision)


def _value(date: dt.date, precision: Precision) -> Resolved:
    if precision == "day":
        return _day(date)
    if precision == "week":
        iso = date.isocalendar()
        return Resolved(f"{iso.year}-W{iso.week:02d}", "week", date)
    if precision == "month":
        return Resolved(f"{date.year}-{date.month:02d}", "month", date.replace(day=15))
    return Resolved(str(date.year), "year", dt.date(date.year, 7, 1))


def _period_value(value: str) -> Resolved:
    """A quarter, half or season of a known year, dated to its middle."""
    year, part = int(value[:4]), value[5:]
    months = {"Q1": 2, "Q2": 5, "Q3": 8, "Q4": 11, "H1": 4, "H2": 10, "SP": 4, "SU": 7, "FA": 10, "WI": 1}
    return Resolved(value, "year", dt.date(year, months.get(part, 7), 15))


@norm("period")
def _period(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "last week", "this year", "next month", "last quarter", "this summer"."""
    if ctx.dct is None:
        return _unknown("XXXX")
    shift = int(_lex(ctx, "shift", g["shift"])) if "shift" in g else 0
    # "the next year", "the previous week": counted from the time just told ("in 1918 ...
    # the republic ceased to exist the next year"), not from the report
    told = re.match(r"the\s+(?:next|previous|following)\b", text, re.IGNORECASE)
    ref = ctx.told if shift and ctx.told and told else ctx.dct
    if "season" in g:
        season = str(_lex(ctx, "season", g["season"]))
        year = ref.year + shift
        return _period_value(f"{year}-{season}")
    period = str(_lex(ctx, "period", g["period"]))
    if period == "Q":
        quarter = ref.year * 4 + (ref.month - 1) // 3 + shift
        return _period_value(f"{quarter // 4:04d}-Q{quarter % 4 + 1}")
    if period in ("W", "WE"):
        date = ref + dt.timedelta(weeks=shift)
        if period == "WE":
            # a weekend is its Saturday; "over the weekend" said on a weekday, of the past, is
            # the one before it ("the army said on Tuesday it killed 45 over the weekend")
            date += dt.timedelta(days=5 - date.weekday())
            told_this = text.lower().startswith("this")
            if not shift and date > ref and not told_this and ctx.tense() == "past":
                date -= dt.timedelta(weeks=1)
        iso = date.isocalendar()
        found = Resolved(f"{iso.year}-W{iso.week:02d}" + ("-WE" if period == "WE" else ""), "week", date)
        first = date - dt.timedelta(days=date.weekday())
        last = first + dt.timedelta(days=6)
    else:
        date, precision = _shift(ref, {"M": "P1M", "Y": "P1Y"}[period], shift)
        found = _value(date, precision)
        first = date.replace(day=1) if period == "M" else date.replace(month=1, day=1)
        last = _month_end(date) if period == "M" else date.replace(month=12, day=31)
    side = re.match(r"(?:the\s+)?(earlier|later)\b", text, re.IGNORECASE)
    if side and not shift:
        # "earlier this month": a day of the month before the report, not its middle, which
        # may lie after the report
        if side[1].lower() == "earlier":
            last = ref - dt.timedelta(days=1)
        else:
            first = ref + dt.timedelta(days=1)
        if first <= last:
            found = Resolved(found.value, found.precision, first + (last - first) / 2)
    return found


def _month_end(day: dt.date) -> dt.date:
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


@norm("told_period")
def _told_period(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "later that month", "the following year": the period of the date told last, moved."""
    ref = ctx.told or ctx.dct
    if ref is None:
        return _unknown("XXXX")
    unit = {"year": "P1Y", "month": "P1M", "week": "P1W"}[_key(g["period"])]
    date, precision = _shift(ref, unit, int(_lex(ctx, "relperiod", g["relperiod"])))
    return _value(date, precision)


@norm("part_of_year")
def _part_of_year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the third quarter", "third-quarter", "the first half of 1990", "the early summer"."""
    if "season" in g:
        code = str(_lex(ctx, "season", g["season"]))
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        span = (first, first + 2)
    elif "month" in g:  # "the quarter ended Sept. 30": the quarter of its last day
        end = _month_day(ctx, int(_lex(ctx, "month", g["month"])), int(g["day"]), None)
        if end.date is None:
            return _unknown("XXXX-QX")
        # A fiscal quarter keeps its own number ("its fourth quarter ended Sept. 30").
        n = int(_lex(ctx, "ordinal", g["ordinal"])) if "ordinal" in g else (end.date.month - 1) // 3 + 1
        return _period_value(f"{end.date.year:04d}-Q{n}")
    else:
        n = int(_lex(ctx, "ordinal", g["ordinal"]))
        half = _key(g["part"]).startswith("half")
        if n > (2 if half else 4):
            return _unknown("XXXX")
        code = f"H{n}" if half else f"Q{n}"
        span = ((n - 1) * 6 + 1, n * 6) if half else ((n - 1) * 3 + 1, n * 3)
    year = int(g["year"]) if "year" in g else _period_year(ctx, *span, slack=6)
    if year is None:
        return _unknown(f"XXXX-{code}")
    return _period_value(f"{year:04d}-{code}")


@norm("period_anaphor")
def _period_anaphor(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the quarter", "the latest period", "the year-ago quarter": the quarter or half told
    last (a year back for "year-ago"), else the last one completed before the DCT."""
    back = int(_lex(ctx, "year_back", g["year_back"])) if "year_back" in g else 0
    if ctx.period:
        return _period_value(_shift_period(ctx.period[1], back))
    if ctx.dct is None:
        return _unknown("XXXX-QX")
    quarter = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 - 1
    return _period_value(f"{quarter // 4 + back:04d}-Q{quarter % 4 + 1}")


@norm("this_year")
def _this_year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the year", "the full year", "year-end": the year of the DCT."""
    if ctx.dct is None:
        return _unknown("XXXX")
    if "edge" in g:
        return _day(dt.date(ctx.dct.year, *(int(x) for x in str(_lex(ctx, "edge", g["edge"])).split("-"))))
    return _value(ctx.dct, "year")


@norm("duration")
def _duration(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "three years", "two-hour", "the past few weeks" (PXW), "the nine months" (P9M)."""
    unit = str(_lex(ctx, "unit", g["unit"])) if "unit" in g else str(_lex(ctx, "plural", g["plural"]))
    n = _num(ctx, g)
    amount = "X" if n is None or "plural" in g else str(n * int(re.sub(r"\D", "", unit)))
    if "num" in g and "1/2" in g["num"] and n is not None:
        return _half_more(unit, n)
    code = re.sub(r"[PT\d]", "", unit)
    return Resolved(f"{'PT' if unit.startswith('PT') else 'P'}{amount}{code}", "none", None, "DURATION")


def _half_more(unit: str, n: int) -> Resolved:
    """ "2 1/2 years" -> P2Y6M; other halves in the next smaller unit."""
    smaller = {"P1Y": ("Y", "6M"), "P1M": ("M", "15D"), "P1D": ("D", "T12H"), "P1W": ("W", "3D")}
    if unit in smaller:
        big, half = smaller[unit]
        return Resolved(f"P{n}{big}{half}", "none", None, "DURATION")
    return Resolved(f"PT{n}H30M", "none", None, "DURATION")


@norm("set")
def _set(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "every year", "each month", "daily", "each July", "every Friday"."""
    if "setword" in g:
        return Resolved(str(_lex(ctx, "setword", g["setword"])), "none", None, "SET")
    if "monthname" in g:
        return Resolved(f"XXXX-{int(_lex(ctx, 'monthname', g['monthname'])):02d}", "none", None, "SET")
    if "weekday" in g:
        return Resolved(f"XXXX-WXX-{int(_lex(ctx, 'weekday', g['weekday'])) + 1}", "none", None, "SET")
    unit = str(_lex(ctx, "unit", g["unit"]))
    return Resolved(unit, "none", None, "SET")


@norm("ref")
def _reference(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "now", "recently", "the future": TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF."""
    return _unknown(str(_lex(ctx, "ref", g["ref"])))


@norm("year")
def _year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    year = int(g["year"])
    if "decade" in g:
        return Resolved(str(year)[:3], "none", None)
    if "season" in g:
        return _period_value(f"{year}-{_lex(ctx, 'season', g['season'])}")
    return Resolved(str(year), "year", dt.date(year, 7, 1))


@norm("spelled_year")
def _spelled_year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    century = number(g["century"], ctx.lex) or 0
    rest = number(g["num"], ctx.lex) or 0 if "num" in g else 0
    year = century * (100 if century < 100 else 1) + rest
    return Resolved(str(year), "year", dt.date(year, 7, 1))


@norm("decade")
def _decade(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the '90s" -> 199, "the 20th century" -> 19."""
    if "century" in g:
        ordinal = int(re.sub(r"\D", "", g["century"]))
        return _unknown(f"{ordinal - 1:02d}")
    short = int(g["short"])
    ref = _ref(ctx) or dt.date.today()
    century = ref.year // 100 - (short * 1 > ref.year % 100)
    return _unknown(f"{century:02d}{short // 10}")
