"""Temporal expressions: the table's own examples, and publication date inference."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import dates

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
