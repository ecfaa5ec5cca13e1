"""Mentions of one event become one record; different events stay apart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import eventwire
from eventwire import dedup, tables
from eventwire.errors import TableError
from eventwire.records import Event


def _factual(text: str, published: str = "2020-01-07") -> list[eventwire.Event]:
    return [e for e in eventwire.code(text, published=published) if e.modality in ("asserted", "claimed")]


def test_dedup_follow_up_sentence_joins_the_event() -> None:
    events = _factual(
        "Rockets hit near the Baghdad Green Zone in Iraq late on Saturday. "
        "The Baghdad attack wounded two Iraqi soldiers."
    )
    assert len(events) == 1
    assert len(events[0].evidence) == 2
    assert events[0].location == "Baghdad"


def test_dedup_two_places_same_day_stay_two_events() -> None:
    events = _factual(
        "Rockets landed near Balad Air Base in Iraq on Saturday. "
        "On Saturday rockets also hit near the Baghdad Green Zone."
    )
    assert sorted(e.location for e in events) == ["Baghdad", "Balad"]


def test_dedup_a_new_tally_is_a_new_event() -> None:
    events = _factual(
        "Extremists attacked the Bardo Museum in Tunis on Wednesday, where 22 people were killed.\n\n"
        "In addition, an attack on a beach hotel near Sousse killed 38 people.",
        published="2015-03-20",
    )
    assert sorted(e.fatalities for e in events) == [22, 38]


def test_dedup_history_told_by_the_year_is_no_record() -> None:
    # ACLED codes a recalled event from its own day or month, never from a year alone
    events = _factual(
        "Tunisia suffered major extremist attacks in 2015, including at the Bardo Museum in Tunis, "
        "where 22 people were killed."
    )
    assert events == []


def test_dedup_protesters_turning_violent_is_a_riot() -> None:
    events = _factual(
        "Protesters hurled stones and burned tyres in Kisumu, Kenya, on Monday "
        "during a violent demonstration."
    )
    assert events[0].event_type == "Riots"
    assert events[0].sub_event_type == "Violent demonstration"
    assert events[0].inter1 == 5


def test_dedup_abduction_and_killing_in_one_raid_are_one_acled_attack() -> None:
    # ACLED codes a raid that killed and kidnapped as one attack ("attacked the village of
    # Barkaram, killing 2 civilians and kidnapping 2": an Attack, in its own notes)
    events = _factual(
        "Gunmen killed 11 villagers and abducted four women in an attack on a village in Borno "
        "state, Nigeria, on Saturday."
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 11)]


@pytest.mark.parametrize(
    "text",
    [
        # Within one report ACLED takes the lowest figure.
        "Militants stormed the village of Mailari in Borno state, Nigeria, on Saturday. A local leader "
        "said six people had died but a survivor said up to 19 were killed.",
        # A conflict-wide toll is a summary, not this event's toll.
        "Militants killed six villagers in Mailari, Borno state, Nigeria, on Saturday.\n\n"
        "The conflict has left around 20,000 people dead since 2009.",
    ],
)
def test_dedup_event_toll(text: str) -> None:
    assert [e.fatalities for e in _factual(text)] == [6]


def test_dedup_arrested_protesters_make_a_protest_with_intervention() -> None:
    events = _factual("Police arrested 20 protesters in Khartoum, Sudan, on Monday.")
    assert events[0].sub_event_type == "Protest with intervention"
    assert (events[0].actor1, events[0].actor2) == ("Protesters (Sudan)", "Police Forces of Sudan")
    assert events[0].interaction == 16


def test_dedup_a_clash_between_clans_stays_a_clash() -> None:
    events = _factual(
        "A clash between Jimo and Agoro clans in Kisumu, Kenya, on Monday left one villager dead."
    )
    assert events[0].sub_event_type == "Armed clash"


def _report(article: str, event_id: str, **changes: object) -> Event:
    [base] = eventwire.code(
        "On 3 March 2021, gunmen killed four farmers in Garissa, Kenya.", published="2021-03-05"
    )
    return replace(base, article_ids=(article,), event_id=event_id, **changes)  # type: ignore[arg-type]


def test_dedup_across_articles_never_joins_one_articles_two_events() -> None:
    # a summary report (b) matches both of article a's attacks, a day apart: a's two events
    # must not become one through it, whichever order the records come in
    a1 = _report("a", "EW-1", event_date="2021-03-03")
    a2 = _report("a", "EW-2", event_date="2021-03-04")
    b = _report("b", "EW-3", event_date="2021-03-03", time_precision=2)
    for records in ([a1, a2, b], [b, a2, a1]):
        merged = dedup.across(records)
        assert len(merged) == 2
        assert sorted(len(e.article_ids) for e in merged) == [1, 2]


def test_dedup_across_articles_keeps_apart_what_differs() -> None:
    here = _report("a", "EW-1")
    far = _report("b", "EW-2", latitude=(here.latitude or 0) + 1.0)  # ~110 km north
    other_day = _report("c", "EW-3", event_date="2021-03-06")
    other_target = _report("d", "EW-4", actor2="Police Forces of Kenya", inter2=1)
    assert len(dedup.across([here, far, other_day, other_target])) == 4
    same = _report("e", "EW-5", fatalities=6, actor1="Al Shabaab", inter1=2)
    [merged] = dedup.across([same, here])
    assert (merged.actor1, merged.fatalities, merged.article_ids) == ("Al Shabaab", 4, ("a", "e"))
    assert merged.to_dict()["evidence"][1]["article_id"] == "e"
    # its notes tell the doer and the toll it keeps, not those of the report it took them from
    assert "by Al Shabaab" in merged.notes and "4 fatalities." in merged.notes


def _said(text: str) -> tuple[tuple[str, int, int], ...]:
    return ((text, 0, len(text)),)


def test_dedup_across_articles_needs_shared_words_where_only_the_province_is_known() -> None:
    province = {"geo_precision": 3, "location": "Garissa", "admin1": "Garissa"}
    a = _report("a", "EW-1", evidence=_said("Gunmen killed four farmers at Bura Dhima market."), **province)
    b = _report("b", "EW-2", evidence=_said("Gunmen shot dead a herder near Modogashe borehole."), **province)
    c = _report(
        "c", "EW-3", evidence=_said("Four farmers were killed at Bura Dhima market by gunmen."), **province
    )
    # two killings in one province on one day told with different places are two events
    assert len(dedup.across([a, b])) == 2
    # the same market named in both reports makes them one
    assert sorted(len(e.article_ids) for e in dedup.across([a, b, c])) == [1, 2]


def test_dedup_across_articles_never_joins_reports_with_no_country() -> None:
    nowhere = {"country": "", "iso": None, "admin1": "", "location": "", "geo_precision": 4}
    nowhere.update(latitude=None, longitude=None, geonameid=None)
    a, b = (_report(x, f"EW-{x}", **nowhere) for x in "ab")
    assert len(dedup.across([a, b])) == 2


def test_dedup_across_articles_two_reports_naming_different_days_stay_two() -> None:
    a = _report("a", "EW-1", event_date="2021-03-03", date_basis="clause")
    b = _report("b", "EW-2", event_date="2021-03-04", date_basis="clause")
    assert len(dedup.across([a, b])) == 2
    # a report dated only by its publication may be a day off
    c = _report("c", "EW-3", event_date="2021-03-04", date_basis="published")
    assert sorted(len(e.article_ids) for e in dedup.across([a, c])) == [2]


def test_dedup_across_articles_grid_blocking_pairs_as_comparing_all(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    rng = random.Random(3)
    base = _report("a", "EW-0")
    records = []
    for k in range(400):
        day = f"2021-03-{rng.randint(1, 28):02d}"
        lat, lon = (None, None) if rng.random() < 0.1 else (rng.uniform(-2, 2), 40 + rng.uniform(-2, 2))
        records.append(
            replace(
                base,
                event_id=f"EW-{k:03d}",
                article_ids=(f"a{k % 150}",),
                event_date=day,
                time_precision=rng.choice([1, 1, 1, 2, 3]),
                geo_precision=rng.choice([1, 1, 2, 3, 4]) if lat is not None else 4,
                latitude=lat,
                longitude=lon,
                geonameid=rng.randrange(30),
                fatalities=rng.randrange(4),
            )
        )

    def every_pair(ordered: list[Event], block: list[int]) -> Iterator[tuple[int, int]]:
        for k, i in enumerate(block):
            for j in block[k + 1 :]:
                yield i, j

    def grouping() -> list[list[str]]:
        return sorted(sorted(e.event_id for e in g) for g in dedup.clusters(records))

    blocked = grouping()
    monkeypatch.setattr(dedup, "_candidates", every_pair)
    assert grouping() == blocked
    assert any(len(g) > 1 for g in blocked)


def test_dedup_across_articles_reports_naming_different_villages_stay_two() -> None:
    province = {"geo_precision": 3, "location": "Tillaberi", "admin1": "Tillaberi", "country": "Niger"}
    said = (
        "On 27 April 2020, soldiers burned eight motorbikes belonging to villagers in {} (Tera, Tillaberi)."
    )
    a = _report("a", "EW-1", evidence=_said(said.format("Wibora")), **province)
    b = _report("b", "EW-2", evidence=_said(said.format("Amarsingue")), **province)
    c = _report("c", "EW-3", evidence=_said(said.format("Wibora")), **province)
    # the same words but another village: another event the gazetteer could not place
    assert len(dedup.across([a, b])) == 2
    assert sorted(len(e.article_ids) for e in dedup.across([a, b, c])) == [1, 2]


def test_dedup_place_words_are_a_table_a_user_extends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (tables.DATA / "dedup" / "en.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "dedup" / "en.yaml"
    mine.parent.mkdir()
    said = "Soldiers burned motorbikes beside Wibora, near the village of Muaja and in Amarsingue."
    assert [m[1] for m in dedup.place_named().finditer(said)] == ["Muaja", "Amarsingue"]
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path))
    try:
        mine.write_text(shipped.replace("[in, near,", "[in, beside, near,"), encoding="utf-8")
        tables.clear()
        assert [m[1] for m in dedup.place_named().finditer(said)] == ["Wibora", "Muaja", "Amarsingue"]
        # YAML reads a bare on as true: a word list must hold words
        mine.write_text(shipped.replace("[in, near,", "[in, on, near,"), encoding="utf-8")
        tables.clear()
        with pytest.raises(TableError, match=r"dedup/en.yaml.*place_prepositions"):
            dedup.place_named()
    finally:
        monkeypatch.delenv("EVENTWIRE_DATA")
        tables.clear()
