"""Temporal expressions: the table's own examples, and publication date inference."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import dates
from eventwire.dates import context, days
from eventwire.nlp.sentences import sentence_starts

DCT = dt.date(2020, 1, 5)


def _examples() -> list[tuple[str, str, str]]:
    rules, _ = dates.rules()
    return [(r.name, text, value) for r in rules for text, value in r.examples.items()]


@pytest.mark.parametrize(("rule", "text", "value"), _examples())
def test_dates_table_examples(rule: str, text: str, value: str) -> None:
    # Context: a previous sentence names 29 December 2019 as the date of the event told.
    lead = "It began on December 29. Then "
    found = dates.extract(f"{lead}{text} the town fell.", DCT)
    # The example is covered to its end (less a leading word the table keeps outside, as
    # in "on 14/12"); its first expression comes from the rule, with the value given.
    stop = len(lead) + len(text)
    hits = [t for t in found if len(lead) <= t.start < stop]
    assert hits and hits[-1].end == stop, f"{rule}: {text!r} not extracted whole: {[t.text for t in found]}"
    assert (hits[0].rule, hits[0].value) == (rule, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rockets hit on Saturday. The statement on Sunday said so. The January 5 statement "
            "and January 4 attack, under a 2014 deal.",
            dt.date(2020, 1, 5),
        ),
        ("The EU on Monday (Feb 20) imposed sanctions.", dt.date(2023, 2, 20)),
        (
            "Militants attacked on Friday, December 27, 2019, officials said on Saturday.",
            dt.date(2019, 12, 28),
        ),
        ("Militants attacked late on Saturday, residents said on Sunday.", None),
        # no year written: Saturday 18 November fits 2023, 2017, 2006, ...
        ("The navy on Saturday foiled a hijack attempt. On November 18 it rescued a ship.", None),
        # a dateline's whole date, day first
        ("Maputo, 14 Jul 2025 (Lusa) - Insurgents attacked a village on Saturday.", dt.date(2025, 7, 14)),
        # Thursday 14 March is 2019's and 2024's: the year of elections still to come, not the
        # first year after a 2018 deal
        (
            "BOR, March 14 (Reuters) - Raiders struck on Tuesday, an official said on Thursday. "
            "A 2018 peace deal holds, and elections are due in December 2024.",
            dt.date(2024, 3, 14),
        ),
    ],
)
def test_dates_infer_published(text: str, expected: dt.date | None) -> None:
    assert dates.infer_published(text, today=dt.date(2026, 11, 25)) == expected


def test_dates_relative_uses_last_mentioned_date_not_dct() -> None:
    found = dates.extract("On December 29 the strikes came, two days after an attack two days earlier.", DCT)
    values = [t.value for t in found]
    assert values[0] == "2019-12-29"
    assert "2019-12-27" in values


def test_dates_unresolvable_without_dct_is_marked_not_invented() -> None:
    found = dates.extract("Gunmen attacked late on Saturday.", None)
    assert found[0].date is None
    assert found[0].precision == "none"
    assert found[0].value.startswith("XXXX")


def _values(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in dates.extract(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The tense decides which side of the DCT an underspecified date falls on.
        ("The talks will resume on Friday.", ("Friday", "2020-01-10")),
        ("The talks resumed on Friday.", ("Friday", "2020-01-03")),
        ("The vote is expected in March.", ("March", "2020-03")),
        ("The vote was held in March.", ("March", "2019-03")),
        ("The offer was extended to Dec. 15.", ("Dec. 15", "2019-12-15")),
        ("Shareholders must reply by Feb. 10.", ("Feb. 10", "2020-02-10")),
    ],
)
def test_dates_tense_places_underspecified_dates(text: str, expected: tuple[str, str]) -> None:
    assert expected in _values(text)


def test_dates_days_later_than_no_day_told_is_not_after_the_report() -> None:
    # A deed "two days later" than nothing the text names is not two days after the report
    # (a day that has not come); once a day is told, it counts from that day.
    [alone] = dates.extract("The gunmen returned two days later and killed 14 people.", DCT)
    assert alone.date is None
    assert _values("Gunmen attacked a village on Thursday. They returned two days later.") == [
        ("Thursday", "2020-01-02"),
        ("two days later", "2020-01-04"),
    ]


def test_dates_relative_days_count_from_the_day_just_told() -> None:
    # Saturday is 4 January; "two days earlier" is 2 January, "the next day" 5 January.
    text = (
        "Rockets hit the base late on Saturday. Two days earlier a convoy was hit. The next day, talks began."
    )
    assert _values(text) == [
        ("late on Saturday", "2020-01-04"),
        ("Two days earlier", "2020-01-02"),
        ("The next day", "2020-01-03"),
    ]


def test_dates_year_ago_quarter_follows_the_quarter_told() -> None:
    text = (
        "Profit rose in the third quarter. A year earlier, it had fallen. "
        "In the year-ago quarter, sales fell."
    )
    assert _values(text, dt.date(1989, 10, 26)) == [
        ("the third quarter", "1989-Q3"),
        ("A year earlier", "1988-Q3"),
        ("the year-ago quarter", "1988-Q3"),
    ]


@pytest.mark.parametrize(
    "text",
    ["February 30", "on 31/31/2020", "March 0", "the 45th century", "year 99999", "Feb. 30, 2020", "39 June"],
)
def test_dates_impossible_dates_are_kept_unresolved_not_invented(text: str) -> None:
    for t in dates.extract(f"It happened {text}.", DCT):
        assert t.date is None or t.date.year < 10000
        assert context.VALUE.fullmatch(t.value), t.value
        assert not re.search(r"-02-3\d|-\d\d-00|-\d\d-3[2-9]", t.value), t.value


def test_dates_movable_holidays() -> None:
    assert days.easter(2019) == dt.date(2019, 4, 21)
    assert days.easter(2024) == dt.date(2024, 3, 31)
    assert days.holiday_on("11-4-3", 2019) == dt.date(2019, 11, 28)  # Thanksgiving
    assert days.holiday_on("05-L-0", 2020) == dt.date(2020, 5, 25)  # Memorial Day


# --- properties: the normaliser never raises and always writes well-formed TIMEX3 -----------

PHRASES = st.sampled_from(
    [
        "{m} {d}",
        "{d} {m} {y}",
        "{m} {d}, {y}",
        "on {d}/{n}",
        "{d}/{n}/{y}",
        "{w}",
        "last {w}",
        "{num} days earlier",
        "{num} weeks ago",
        "{num} years",
        "the {o} quarter",
        "{o}-quarter",
        "mid-{y}",
        "the {y}s",
        "{c}th century",
        "{h} p.m. {w}",
        "{w} night",
        "in {m}",
        "every {w}",
        "the year-ago period",
        "Christmas {y}",
        "Thanksgiving",
    ]
)
MONTHS = ["January", "Feb.", "March", "Apr.", "May", "June", "Sept.", "December"]
WEEKDAYS = ["Monday", "Friday", "Sun.", "Saturday"]


@st.composite
def phrases(draw: st.DrawFn) -> str:
    template = draw(PHRASES)
    return template.format(
        m=draw(st.sampled_from(MONTHS)),
        d=draw(st.integers(0, 39)),
        n=draw(st.integers(0, 39)),
        y=draw(st.integers(1600, 2099)),
        w=draw(st.sampled_from(WEEKDAYS)),
        num=draw(st.sampled_from(["two", "twenty four", "a few", "several", "3", "1,500", "2 1/2"])),
        o=draw(st.sampled_from(["first", "second", "fourth", "third"])),
        c=draw(st.integers(1, 29)),
        h=draw(st.integers(0, 19)),
    )


def _well_formed(text: str, found: list[Any]) -> None:
    end = -1
    for t in found:
        assert t.type in context.TYPES
        assert context.VALUE.fullmatch(t.value), (t.text, t.value)
        assert text[t.start : t.end] == t.text and t.start >= end
        end = t.end
        if t.date is not None:
            assert t.precision != "none"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(phrases(), min_size=1, max_size=4),
    st.dates(dt.date(1600, 1, 1), dt.date(2099, 12, 31)) | st.none(),
)
def test_dates_normaliser_property_on_date_phrases(parts: list[str], dct: dt.date | None) -> None:
    text = "Then " + ". Then ".join(parts) + " the town fell."
    found = dates.extract(text, dct)
    assert found, text
    _well_formed(text, found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.dates() | st.none())
def test_dates_normaliser_property_on_any_text(text: str, dct: dt.date | None) -> None:
    _well_formed(text, dates.extract(text, dct))


def test_dates_sentences_do_not_end_at_abbreviations() -> None:
    text = "U.S. forces struck on Friday. Gen. Smith said talks on Nov. 5 will go on.\nNext line"
    assert sentence_starts(text) == [text.index("Gen."), text.index("Next")]
    # "will" governs "Nov. 5" although "Nov." ends in a full stop.
    assert ("Nov. 5", "2020-11-05") in _values(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The group was founded in 2009. In the past year it has killed 200 people.", ["2009", "2019"]),
        ("Raids began in 2015. It ended the next year.", ["2015", "2016"]),
        ("In the years after the war, many fled.", ["PXY"]),
        ("The attack came the week before last.", []),
        ("The attack was not reported until Thursday, due to poor telecommunication.", ["2020-01-02"]),
        ("The curfew will last until Thursday.", ["2020-01-09"]),
    ],
)
def test_dates_anaphoric_periods_count_from_what_they_point_to(text: str, expected: list[str]) -> None:
    # "the next year" counts from the year just told; "the past year" from the report
    assert [t.value for t in dates.extract(text, DCT)] == expected


@pytest.mark.parametrize(
    ("text", "value", "day"),
    [
        ("earlier this month", "2017-11", dt.date(2017, 11, 5)),  # between the 1st and the report
        ("later this month", "2017-11", dt.date(2017, 11, 20)),
        ("earlier this year", "2017", dt.date(2017, 6, 6)),
        ("earlier this week", "2017-W45", dt.date(2017, 11, 7)),  # Monday 6 to Thursday 9
        ("this month", "2017-11", dt.date(2017, 11, 15)),  # the whole month: its middle
    ],
)
def test_dates_earlier_this_month_is_a_day_before_the_report(text: str, value: str, day: dt.date) -> None:
    [found] = dates.extract(f"It happened {text}.", dt.date(2017, 11, 10))
    assert (found.value, found.date) == (value, day)


@pytest.mark.parametrize(
    ("text", "dct", "value", "day"),
    [
        # the weekend before a weekday report, told in the past; the one after, told as ahead
        (
            "Gunmen killed 15 civilians over the weekend, sources said Monday.",
            "2019-10-28",
            "2019-W43-WE",
            "2019-10-26",
        ),
        ("Protests are planned for the weekend.", "2019-10-23", "2019-W43-WE", "2019-10-26"),
        ("Police arrested 20 people last weekend.", "2019-10-23", "2019-W42-WE", "2019-10-19"),
    ],
)
def test_dates_a_weekend_is_its_saturday_past_or_ahead(text: str, dct: str, value: str, day: str) -> None:
    [t] = [t for t in dates.extract(text, dt.date.fromisoformat(dct)) if "weekend" in t.text]
    assert (t.value, t.date.isoformat() if t.date else None) == (value, day)


@pytest.mark.parametrize(
    "text",
    [
        "The opposition has called for protests this weekend.",
        "Police are bracing for protests over the weekend.",
    ],
)
def test_dates_a_weekend_ahead_of_a_weekday_report_is_the_coming_one(text: str) -> None:
    [t] = [t for t in dates.extract(text, dt.date(2019, 10, 23)) if "weekend" in t.text]
    assert t.date == dt.date(2019, 10, 26)


@pytest.mark.parametrize(
    ("text", "night"),
    [
        # the night before the day its sentence says it was told, though the report is later
        (
            "Israeli air strikes killed 15 people in Rafah overnight, health officials said on Saturday.",
            "2024-06-14",
        ),
        # with no such day, the night before the report
        ("Air strikes killed 15 people in Rafah overnight, health officials said.", "2024-06-19"),
    ],
)
def test_dates_overnight_is_the_night_before_the_day_it_was_told(text: str, night: str) -> None:
    [t] = [t for t in dates.extract(text, dt.date(2024, 6, 20)) if t.text == "overnight"]
    assert t.date == dt.date.fromisoformat(night)


def test_dates_a_day_told_after_a_mid_sentence_complement_is_the_deed_it_points_back_to() -> None:
    found = dates.extract(
        "The vote comes two days after a US airstrike killed Soleimani in Baghdad on Friday.",
        dt.date(2020, 1, 5),
    )
    complement = next(t for t in found if t.rule == "relative_complement")
    # the strike was on Friday; the vote two days after it
    assert (complement.value, complement.anchor) == ("2020-01-03", dt.date(2020, 1, 5))
    # an opening complement still counts back from the day its sentence names
    found = dates.extract(
        "The day after police opened fire, demonstrators blocked roads in Kef on Tuesday.",
        dt.date(2020, 1, 2),
    )
    complement = next(t for t in found if t.rule == "relative_complement")
    assert (complement.value, complement.anchor) == ("2019-12-30", dt.date(2019, 12, 31))


def test_dates_a_live_blog_entry_time_is_the_report_day_not_a_clock_in_a_sentence() -> None:
    text = (
        "Main developments of the day.\n\n"
        "21:50 — Police cleared the highway.\n\n"
        "07:30 – Rescuers searched the rubble.\n\n"
        "The meeting ended at 10:30 - a statement said."
    )
    found = [(t.text, t.value, t.rule) for t in dates.extract(text, DCT) if t.rule == "entry_time"]
    assert found == [("21:50", "2020-01-05", "entry_time"), ("07:30", "2020-01-05", "entry_time")]
