"""The article stage on composed news: which mentions are events, which are one event, who
did it, and when."""

from __future__ import annotations

import datetime as dt

import pytest

import eventwire
from eventwire import dates, events, ingest, nlp, places
from eventwire.vocab import FACTUAL


def _factual(text: str, published: str | None = "2024-03-13") -> list[eventwire.Event]:
    return [e for e in eventwire.code(text, published=published) if e.modality in FACTUAL]


def test_article_a_tally_is_no_event() -> None:
    events = _factual(
        "Insurgents have killed more than 400 soldiers in Borno State, Nigeria, this year, "
        "according to a ministry report released on Tuesday."
    )
    assert events == []


def test_article_a_count_of_deeds_joined_by_and_counts_every_noun_it_joins() -> None:
    events = _factual(
        "Police arrested five militants in Quetta, Pakistan, on Saturday.\n\n"
        "The arrested men are wanted for their involvement in multiple attacks and assaults on "
        "security forces and civilians in Balochistan."
    )
    assert [e.sub_event_type for e in events] == ["Arrests"]
    # a noun that counts itself is not counted by the other's word
    events = _factual(
        "Two rival gangs clashed in Kayole, Nairobi, Kenya, on Saturday.\n\n"
        "Several injuries and one fatality were reported."
    )
    assert [e.fatalities for e in events] == [1]


def test_article_a_tally_beside_the_news_sets_no_toll() -> None:
    events = _factual(
        "Gunmen killed five villagers in Gwoza, Borno State, Nigeria on Tuesday, police said.\n\n"
        "At least 219 people have been killed in the state so far this year."
    )
    assert [e.fatalities for e in events] == [5]


def test_article_one_attack_told_in_lead_body_and_update_is_one_record() -> None:
    events = _factual(
        "Gunmen attacked a police station in Gwoza, Borno State, Nigeria on Tuesday, killing four "
        "officers, police said.\n\n"
        "The attackers stormed the station at dawn and set fire to two vehicles, a police "
        "spokesman said.\n\n"
        "The attack came as the army stepped up operations in the state."
    )
    assert len(events) == 1
    assert events[0].fatalities == 4 and events[0].event_date == "2024-03-12"
    assert len(events[0].evidence) >= 2


def test_article_another_attack_is_another_record() -> None:
    events = _factual(
        "Gunmen killed four farmers in Gwoza, Borno State, Nigeria on Tuesday, police said.\n\n"
        "In another attack, gunmen killed two traders in Bama."
    )
    assert sorted(e.fatalities for e in events) == [2, 4]
    assert {e.event_date for e in events} == {"2024-03-12"}  # the lead's day


def test_article_the_source_is_never_the_perpetrator() -> None:
    [event] = _factual(
        "Unidentified gunmen killed six people at a market in Gwoza, Borno State, Nigeria on "
        "Tuesday, a police spokesman said in a statement.\n\n"
        "Boko Haram has carried out many attacks in the region."
    )
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"
    assert event.fatalities == 6


def test_article_indefinite_gunmen_are_not_the_group_named_before() -> None:
    events = _factual(
        "Jamaat-ul-Ahrar, a faction of the Pakistani Taliban, claimed responsibility for an attack "
        "that killed four policemen in Kohat, Pakistan on Sunday.\n\n"
        "Also on Sunday, two gunmen opened fire on a police van in Karachi, killing two policemen.",
        published="2017-05-21",
    )
    by_place = {e.location: e.actor1 for e in events}
    assert by_place["Kohat"] == "JuA: Jamaat-ul-Ahrar"
    assert by_place["Karachi"] == "Unidentified Armed Group (Pakistan)"


def test_article_an_age_is_not_a_toll() -> None:
    events = _factual(
        "Israeli troops shot dead Othman Abu Khurog, 17, near Jenin in the West Bank on Tuesday, "
        "the health ministry said.",
        published="2023-08-23",
    )
    assert events and all(e.fatalities <= 1 for e in events)


def test_article_an_undated_article_gives_undated_events() -> None:
    [event] = _factual(
        "Gunmen killed four farmers in Gwoza, Borno State, Nigeria on Tuesday, police said.",
        published=None,
    )
    assert event.event_date is None and event.date_basis == "unknown"
    assert "unknown date" in event.notes


def test_article_an_earlier_event_keeps_its_own_date_and_is_background() -> None:
    events = _factual(
        "Gunmen killed four soldiers at a base near Gwoza, Borno State, Nigeria on Tuesday, the "
        "army said.\n\n"
        "On March 5, insurgents killed six farmers in Bama."
    )
    recalled = [e for e in events if e.background]
    assert [e.event_date for e in recalled] == ["2024-03-05"]
    assert [e.event_date for e in events if not e.background] == ["2024-03-12"]


def test_article_a_fight_between_two_sides_names_both_not_the_dead() -> None:
    [event] = _factual(
        "Fighting overnight between the Yemeni government forces and Houthi rebels in Marib "
        "province, Yemen killed at least 11 fighters, a military official said.",
        published="2020-06-07",
    )
    assert (event.actor1, event.actor2, event.fatalities) == (
        "Military Forces of Yemen",
        "Houthi Movement",
        11,
    )


def test_article_a_round_up_total_is_no_incident_toll() -> None:
    events = _factual(
        "At least 12 people were killed in three separate attacks across Borno State, Nigeria on "
        "Tuesday, officials said.\n\n"
        "In Gwoza, gunmen killed two farmers.\n\n"
        "In another attack, insurgents killed four traders in Bama."
    )
    assert 12 not in {e.fatalities for e in events}
    assert {2, 4} <= {e.fatalities for e in events}


def test_article_a_groups_official_killed_is_a_civilian_victim() -> None:
    [event] = _factual(
        "A senior RENAMO official was murdered by unknown assailants in Tete, Mozambique on Monday."
    )
    assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians (Mozambique)")


def test_article_a_killing_a_crowd_protests_about_is_not_its_intervention() -> None:
    events = _factual(
        "On Monday, residents in Nakuru, Kenya demonstrated at the police station after a man who "
        "was arrested died in custody. The demonstrators accused police of murdering the man."
    )
    protests = [e for e in events if e.event_type == "Protests"]
    assert protests and protests[0].sub_event_type == "Peaceful protest"


def test_article_people_arrested_by_no_one_named_were_arrested_by_the_police() -> None:
    [event] = _factual("On Tuesday, two traders were arrested in Kano, Nigeria over a land dispute.")
    assert (event.sub_event_type, event.actor1) == ("Arrests", "Police Forces of Nigeria")


def test_article_a_deed_blamed_on_a_group_is_claimed() -> None:
    events = _factual(
        "Rockets hit a base near Baghdad, Iraq on Saturday, the army said.\n\n"
        "A statement blamed the attack on Kataib Hezbollah."
    )
    [event] = [e for e in events if e.actor1 == "Kataib Hezbollah"]
    assert event.modality == "claimed"


def test_article_a_week_after_an_earlier_blast_dates_each_event_on_its_own() -> None:
    events = _factual(
        "Almost a week after nine people were killed in a bomb blast in Gwoza, Borno State, "
        "Nigeria, two policemen were injured in a roadside bomb blast in Bama on Sunday, police "
        "said.",
        published="2024-03-12",
    )
    dates = {e.location: (e.event_date, e.background) for e in events}
    # never a week after the news: the injuries are Sunday's, the deaths a week earlier
    assert dates["Bama"] == ("2024-03-10", False)
    assert dates["Gwoza"][1] is True and dates["Gwoza"][0] < "2024-03-10"
    assert all(e.event_date is not None and e.event_date <= "2024-03-12" for e in events)


@pytest.mark.parametrize(
    "told",
    [
        "nine people were killed",
        # the parser reads "after nine people" as a phrase, and the verb as having no subject
        "nine people, including a driver, were feared killed",
    ],
)
def test_article_the_dead_of_an_after_clause_are_its_events(told: str) -> None:
    events = _factual(
        f"Almost a week after {told} in a bomb blast in Gwoza, Borno State, Nigeria, two "
        "policemen were injured in a roadside bomb blast in Bama on Sunday, police said.",
        published="2024-03-12",
    )
    assert {e.location: e.fatalities for e in events} == {"Gwoza": 9, "Bama": 0}


def test_article_the_day_after_a_shooting_dates_the_shooting_a_day_earlier() -> None:
    events = _factual(
        "Protesters set fire to the police headquarters in Kasserine, Tunisia on Sunday.\n\n"
        "The riot erupted the day after four people were killed when police opened fire on "
        "demonstrators in the town.",
        published="2024-03-12",
    )
    killing = [e for e in events if e.fatalities == 4]
    assert killing and killing[0].event_date == "2024-03-09"


def test_article_a_rally_its_dispersal_and_its_arrests_are_one_event() -> None:
    events = _factual(
        "Police in Minsk, Belarus, prevented several hundred opposition supporters from holding "
        "a rally on Monday and detained several of them.\n\n"
        "The rally was planned to mark the anniversary of independence.\n\n"
        "About a dozen protesters were detained."
    )
    assert [(e.event_type, e.location) for e in events] == [("Protests", "Minsk")]


def test_article_history_recalled_is_no_record() -> None:
    events = [
        e
        for e in eventwire.code(
            "Police dispersed a rally in Minsk, Belarus on Monday.\n\n"
            "The rally marked the day in 1918 when politicians declared a republic. The republic "
            "ceased to exist the next year when Soviet forces captured the territory.",
            published="2019-03-26",
        )
    ]
    # (not 1919, nor 2020 counted from the report: no record for the capture at all)
    assert [(e.event_type, e.event_date) for e in events] == [("Protests", "2019-03-25")]


def test_article_the_battle_told_again_at_its_town_is_one_event() -> None:
    events = _factual(
        "Fighting overnight between government forces and Houthi rebels in Yemen's province of "
        "Marib killed at least 11 fighters, a military official said on Sunday.\n\n"
        '"Nine rebels and two soldiers were killed and dozens were wounded in the battle near '
        'the district of Majzar," the official said.',
        published="2020-06-07",
    )
    clashes = [e for e in events if e.event_type == "Battles"]
    assert len(clashes) == 1 and clashes[0].fatalities == 11
    assert len(clashes[0].evidence) == 2


def test_article_a_round_up_lead_sets_no_toll_and_a_place_afar_is_another_place() -> None:
    events = _factual(
        "At least 10 people were killed in separate bombing and shooting incidents across Iraq "
        "on Saturday, police said.\n\n"
        "Five people were killed when a roadside bomb exploded near a medical centre in Baquba.\n\n"
        "In Baghdad, gunmen shot dead a government employee in his car.\n\n"
        "Three people were wounded when a bomb planted in a parked car in Fallhjah city, some "
        "50 km west of Baghdad, went off, a police source said.",
        published="2013-08-25",
    )
    tolls = sorted((e.location, e.sub_event_type, e.fatalities) for e in events)
    assert ("Baqubah", "Remote explosive/landmine/IED", 5) in tolls  # the lead's 10 is the day's
    # the shooting in Baghdad; the car bomb in the town 50 km off (Al Fallujah), not Baghdad's
    assert [t for t in tolls if t[0] == "Baghdad"] == [("Baghdad", "Attack", 1)]
    assert ("Al Fallujah", "Remote explosive/landmine/IED", 0) in tolls


def test_article_a_spelled_toll_opening_the_sentence_and_the_town_its_province_holds() -> None:
    [event] = _factual(
        "Sixteen Nigerien soldiers were killed and another reported missing, following an ambush "
        "on Saturday by armed men in the Tillia area, in the Tahoua region of Niger.",
        published="2021-05-02",
    )
    assert (event.fatalities, event.location, event.admin1) == (16, "Tillia", "Tahoua")
    assert event.event_type == "Battles"  # soldiers ambushed: not an attack on civilians


def test_article_the_town_a_province_holds_in_the_same_phrase_is_the_place() -> None:
    [event] = _factual(
        "Gunmen killed nine guards on Friday. The ambush on an army convoy in the Tillia area, in "
        "the Tahoua region near Mali, worried officials in Niger.",
        published="2021-05-02",
    )
    # (the town over the province; "the Tillia area" is near the town: ACLED's precision 2)
    assert (event.location, event.admin1, event.geo_precision) == ("Tillia", "Tahoua", 2)


def test_article_a_protester_killed_by_a_police_tear_gas_canister_is_excessive_force() -> None:
    [event] = _factual(
        "A young man has been killed by a police tear gas canister in the southern town of "
        "Kebili, Tunisia, on Sunday, the official news agency said.",
        published="2011-02-07",
    )
    assert event.sub_event_type == "Excessive force against protesters"
    assert (event.actor1, event.actor2) == ("Protesters (Tunisia)", "Police Forces of Tunisia")
    assert event.fatalities == 1


def test_article_who_killed_in_an_attack_made_the_attack() -> None:
    [event] = _factual(
        "Colombia's ELN guerrilla group has killed four soldiers in an attack with explosives in "
        "Tame, Arauca, on Thursday, the army said.",
        published="2024-11-22",
    )
    assert event.actor1.startswith("ELN") and event.fatalities == 4


def test_article_a_two_village_total_is_no_village_toll_and_no_fewer_than_is_a_floor() -> None:
    events = _factual(
        "No fewer than 29 persons were killed in two Borno villages when suspected Boko Haram "
        "insurgents attacked the villages on Monday.\n\n"
        "In the deadlier of the two attacks, the insurgents attacked Ngamgam in Mobbar Local "
        "Government Area of Borno State, Nigeria, and killed 20 farmers.\n\n"
        "On Monday, the insurgents also attacked a village in Guzamala Local "
        "Government Area of the state, killing nine persons.",
        published="2019-06-26",
    )
    tolls = sorted((e.location, e.fatalities) for e in events)
    assert tolls == [("Guzamala", 9), ("Mobbar", 20)]  # never 29 for one village, nor 0


def test_article_a_separate_attack_is_one_event_of_its_own() -> None:
    events = _factual(
        "Bandits killed three people in Kaduna State, Nigeria on Monday.\n\n"
        "Gunmen killed two farmers in a separate attack in Makurdi, Benue State on Tuesday."
    )
    assert sorted((e.admin1, e.fatalities) for e in events) == [("Benue", 2), ("Kaduna", 3)]


def test_article_the_day_after_a_shooting_the_protest_is_a_day_later() -> None:
    events = _factual(
        "The day after police opened fire on protesters in Nairobi, Kenya, killing two, "
        "demonstrators blocked roads in Nairobi on Tuesday.",
    )
    assert sorted((e.event_date, e.fatalities) for e in events) == [("2024-03-11", 2), ("2024-03-12", 0)]


def test_article_arrests_on_a_protest_day_are_not_the_protest_unless_told_so() -> None:
    events = _factual(
        "Hundreds of people protested in Kabul, Afghanistan on Monday against rising prices.\n\n"
        "Police in Kabul arrested two Taliban commanders on Monday."
    )
    assert sorted(e.sub_event_type for e in events) == ["Arrests", "Peaceful protest"]


def test_article_protesters_reacting_to_a_killing_do_not_make_it_excessive_force() -> None:
    events = _factual(
        "Soldiers shot dead three men in Srinagar, India on Friday, prompting protesters to take "
        "to the streets."
    )
    killing = [e for e in events if e.fatalities == 3]
    assert killing and killing[0].sub_event_type != "Excessive force against protesters"


def test_article_history_is_no_record_even_when_the_lead_names_no_day() -> None:
    events = _factual(
        "Gunmen killed two villagers in Zaria, Kaduna State, Nigeria.\n\n"
        "In April 2009, soldiers killed 30 people in Zaria, Kaduna State."
    )
    assert all(e.event_date is None or e.event_date >= "2014" for e in events)


def test_article_the_day_a_speaker_spoke_is_not_the_day_of_the_attack() -> None:
    [event] = _factual(
        "A local official said on Thursday that suspected Boko Haram fighters attacked Njaba "
        "village in Borno State, Nigeria, killing 47 villagers.",
        published="2015-03-06",
    )
    # the attack's own day is not given: the report's week, never the day of speaking
    assert event.event_date != "2015-03-05" and event.time_precision > 1


def test_article_rockets_fired_at_a_place_are_one_shelling() -> None:
    events = _factual(
        "Iraqi bases came under rocket fire on Saturday.\n\n"
        "Rockets fired at the ultra-secure Baghdad Green Zone fell near coalition facilities at "
        "around 7.45 p.m. Saturday.",
        published="2020-01-05",
    )
    assert [(e.sub_event_type, e.location) for e in events] == [
        ("Shelling/artillery/missile attack", "Baghdad")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Floods killed 30 people in Sindh province, Pakistan on Monday, officials said.",
        "A landslide killed 12 villagers in Kasese district, Uganda on Tuesday.",
        "Five people died in a road accident in Kano, Nigeria on Friday.",
        "A blaze killed three children in Lagos, Nigeria on Friday.",
        "A court in Kano, Nigeria on Monday sentenced a man to death for killing his neighbour.",
    ],
    ids=["flood", "landslide", "accident", "blaze", "court"],
)
def test_article_hazards_accidents_and_court_cases_are_no_political_violence(text: str) -> None:
    assert _factual(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Three people were killed when militants set fire to houses in Gwoza, Borno State, Nigeria "
        "on Friday.",
        "Israeli fire killed two Palestinians in Jenin, West Bank on Monday.",
        "A storm of bullets killed three protesters in Khartoum, Sudan on Monday.",
    ],
    ids=["set-fire", "army-fire", "bullets"],
)
def test_article_fire_by_armed_men_is_still_their_deed(text: str) -> None:
    # armed men's fire is their deed however it is worded: one record, an armed actor's
    events = _factual(text)
    assert len(events) == 1 and events[0].inter1 in (1, 2, 3, 8)


def test_article_a_dateline_with_its_region_is_no_subject_and_a_people_hit_are_civilians() -> None:
    # "JENIN, West Bank —" is where the story was filed, not who killed; "three Palestinians"
    # killed are civilians, not the Palestinian state's forces; a refugee camp is no army camp
    events = _factual(
        "JENIN, West Bank — Israeli forces killed three Palestinians in a raid on the Jenin refugee "
        "camp on Tuesday, the health ministry said.",
        published="2023-10-31",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Military Forces of Israel", "Civilians (Palestine)", 3)
    ]


def test_article_a_roadside_bomb_is_an_explosion() -> None:
    events = _factual("KABUL — A roadside bomb killed four soldiers in Kandahar province on Sunday.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Remote explosive/landmine/IED", 4)]


def test_article_a_visit_elsewhere_does_not_place_the_attack_nor_history_date_it() -> None:
    # the province of the prime minister's visit is not where the bomb went off, and "seven
    # years ago" inside "plagued by violence since ..." dates nothing that follows
    events = _factual(
        "Two bombs killed two rangers in Yala, Thailand on Saturday, police said.\n\n"
        "One bomb wounded four rangers in Yala, a province plagued by violence since a separatist "
        "rebellion resurfaced seven years ago.\n\n"
        "A second bomb exploded just 1 km from the first, killing two rangers.\n\n"
        "The attacks coincided with a visit by the prime minister to the nearby province of Narathiwat.",
        published="2011-04-30",
    )
    assert [(e.event_date, e.location, e.fatalities) for e in events] == [("2011-04-30", "Yala", 2)]


def test_article_a_tally_of_such_attacks_sets_no_toll_and_no_day_to_come() -> None:
    # "such attacks ... more than 20 people have died in them this month": a tally, not a second
    # event (nor one dated to the 15th, two days after the report)
    events = _factual(
        "BAGHDAD — Two rockets hit the Green Zone on Wednesday. No one was hurt. Such attacks have "
        "become near-daily occurrences, and more than 20 people have died in them this month."
    )
    assert [(e.event_date, e.sub_event_type, e.fatalities) for e in events] == [
        ("2024-03-13", "Shelling/artillery/missile attack", 0)
    ]


def test_article_a_government_air_strike_is_its_forces() -> None:
    events = _factual("DAMASCUS — Government air strikes killed 15 civilians in Idlib on Thursday.")
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Military Forces of Syria", "Civilians (Syria)", 15)
    ]


def test_article_the_dateline_city_says_the_country_of_an_ambiguous_name() -> None:
    # Beni is a Bolivian department and a Congolese town: a story filed from Goma means the town
    events = _factual(
        "GOMA — Suspected ADF rebels killed 18 villagers in Beni territory overnight, the governor's "
        "office reported on Sunday."
    )
    assert [(e.location, e.country, e.actor2) for e in events] == [
        ("Beni", "Democratic Republic of Congo", "Civilians (Democratic Republic of Congo)")
    ]


def test_article_two_towns_with_their_own_tolls_in_one_sentence_are_two_events() -> None:
    events = _factual("BAMAKO — Bombs in Gao and Timbuktu killed five and three people on Sunday.")
    assert sorted((e.location, e.fatalities) for e in events) == [("Gao", 5), ("Timbuktu", 3)]


def test_article_a_toll_told_for_two_towns_is_shared_evenly_and_said() -> None:
    events = _factual("MAIDUGURI — Gunmen killed 12 people in Bama and Gwoza on Monday, police said.")
    assert sorted((e.location, e.fatalities) for e in events) == [("Bama", 6), ("Gwoza", 6)]
    assert all("A toll of 12 told for several places, shared evenly." in e.notes for e in events)


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # the town an attack verb takes as its object, whatever the tagger called it
        ("KYIV — Russian missiles struck Kharkiv overnight, killing three people.", "Kharkiv"),
        ("KHARTOUM — The RSF shelled El Fasher on Monday, killing 11 people, activists said.", "El Fasher"),
    ],
)
def test_article_the_town_struck_is_the_place(text: str, location: str) -> None:
    assert [e.location for e in _factual(text)] == [location]


def test_article_a_groups_own_count_yields_to_the_toll_told() -> None:
    # "its fighters" are Al Shabaab's; its claim of 40 is no toll when "the death toll rose to 14"
    events = _factual(
        "MOGADISHU — Al Shabaab fighters attacked a military base in Lower Shabelle on Tuesday, the "
        "army said. The death toll rose to 14 on Wednesday, officials said. Al Shabaab said its "
        "fighters killed 40 soldiers."
    )
    assert [(e.actor1, e.fatalities) for e in events] == [("Al Shabaab", 14)]


def test_article_a_groups_own_count_is_the_toll_when_no_one_else_gives_one() -> None:
    # ACLED codes the claim when it is the only figure ("Al Shabaab claims it has killed 6")
    events = _factual(
        "MOGADISHU — Al Shabaab fighters attacked a military base in Lower Shabelle on Tuesday. "
        "Al Shabaab said its fighters killed 6 soldiers."
    )
    assert [(e.actor1, e.fatalities) for e in events] == [("Al Shabaab", 6)]


def test_article_tear_gas_fired_at_protesters_tells_the_protest_and_its_arrests_join_it() -> None:
    events = _factual(
        "LAHORE — Police fired tear gas at protesters in Lahore on Saturday, and 30 people were "
        "arrested, officials said. The protesters had gathered to demand the release of a jailed leader."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location) for e in events] == [
        ("Protest with intervention", "Protesters (Pakistan)", "Police Forces of Pakistan", "Lahore")
    ]


def test_article_the_force_used_on_a_riot_is_part_of_the_riot() -> None:
    # "Police fired tear gas to disperse the crowd" is the riot's intervention, not a protest
    # of its own placed nowhere; the killing the day before is its own event
    events = _factual(
        "Protesters torched a police station in Kef, Tunisia, on Saturday, a day after police shot "
        "dead four demonstrators in the town. Police fired tear gas to disperse the crowd."
    )
    assert sorted((e.event_date, e.sub_event_type, e.fatalities) for e in events) == [
        ("2024-03-08", "Excessive force against protesters", 4),
        ("2024-03-09", "Violent demonstration", 0),
    ]


def test_article_people_described_by_a_past_abduction_tell_no_abduction() -> None:
    events = _factual(
        "The Nigerian army said on Friday it had rescued 20 kidnapped students from bandits in "
        "Kaduna State and arrested three suspects."
    )
    assert all(e.sub_event_type != "Abduction/forced disappearance" for e in events)


def test_article_protesters_shot_dead_at_a_march_is_one_event_of_excessive_force() -> None:
    # the tally "since the protests began" is no event of its own
    events = _factual(
        "NAIROBI — Police shot dead two protesters in Nairobi on Tuesday as thousands marched against "
        "a new finance bill. Rights groups said at least 23 people have been killed since the "
        "protests began last month."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Excessive force against protesters", "Protesters (Kenya)", "Police Forces of Kenya", 2)
    ]


def test_article_the_dead_of_both_sides_left_by_a_clash_add_up() -> None:
    events = eventwire.code(
        "MANILA — Soldiers clashed with Abu Sayyaf militants in Sulu on Thursday, leaving three "
        "soldiers and seven militants dead, the military said.",
        published="2024-03-13",
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 10)]


def test_article_a_village_far_off_a_town_is_placed_in_its_province_on_its_own_day() -> None:
    # "Njaba village" is no Njaba district of another state; "about 87 km south of Maiduguri" is
    # too far to say Maiduguri: Borno, as the lead says; "on Tuesday, Xinhua reported" dates the
    # attack (the parser hangs the day on "reported"), and "at about 5.30 a.m." names no day
    events = _factual(
        "At least 47 villagers were killed in the latest attack by Boko Haram in Nigeria's "
        "northeastern state of Borno, a local security source said.\n\n"
        "Ahmed Haruna, a member of the civilian joint task force in Damboa area of Borno said on "
        "Thursday, suspected Boko Haram fighters attacked Njaba village, about 87 km south of "
        "Maiduguri, the state capital, on Tuesday, Xinhua reported.\n\n"
        "The incident was not immediately reported to local officials until Thursday, Haruna said.\n\n"
        "The fighters arrived in the village at about 5.30 a.m. and started shooting people going to "
        "the mosque.",
        published="2015-03-06",
    )
    assert [(e.event_date, e.location, e.admin1, e.geo_precision, e.fatalities) for e in events] == [
        ("2015-03-03", "Borno", "Borno", 3, 47)
    ]


@pytest.mark.parametrize(
    ("text", "country", "location"),
    [
        # the country a dateline names counts; a bare city's namesake abroad does not
        ("TRIPOLI, Lebanon — Gunmen killed two soldiers in Bab al-Tabbaneh on Sunday.", "Lebanon", "Lebanon"),
        (
            "ALEXANDRIA, La. — A gunman shot dead two people at a church in Pineville on Sunday.",
            "United States",
            "Pineville",
        ),
        ("GAO, Mali — Gunmen killed 12 people in Ansongo on Monday.", "Mali", "Ansongo"),
        # a lead clause before a colon is no dateline
        (
            "Militants stormed an army base in Borno, Nigeria: at least 12 soldiers were killed on Monday.",
            "Nigeria",
            "Borno",
        ),
    ],
)
def test_article_datelines_that_name_a_country_and_leads_that_are_none(
    text: str, country: str, location: str
) -> None:
    assert [(e.country, e.location) for e in _factual(text)] == [(country, location)]


def test_article_three_towns_told_together_share_the_toll() -> None:
    events = _factual(
        "Government air strikes killed 10 people in Gao and Kidal and Timbuktu, Mali on Monday."
    )
    assert sorted((e.location, e.fatalities) for e in events) == [("Gao", 4), ("Kidal", 3), ("Timbuktu", 3)]


def test_article_as_well_as_keeps_the_subject_of_a_well_parsed_verb() -> None:
    # "soldiers as well as police officers were killed": nothing to mend; both are the dead
    events = _factual("In Gao, Mali, soldiers as well as police officers were killed on Monday.")
    assert [e.fatalities for e in events] == [3]


def test_article_live_fire_into_a_crowd_of_people_protesting_is_one_event_of_excessive_force() -> None:
    # the people shot are protesters ("people protesting"); the troops who fired into the crowd
    # are the force, and the later "demonstrations began peacefully" is the same gathering
    events = _factual(
        "Dec. 30 (UPI) -- Sudanese security forces shot and killed four people protesting military "
        "rule Thursday, a doctors' group said.\n\nThe group said troops fired live bullets and tear gas "
        "into the crowd of demonstrators in Omdurman.\n\nThe demonstrations began peacefully, "
        "witnesses said.",
        published="2021-12-30",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities) for e in events] == [
        (
            "Excessive force against protesters",
            "Protesters (Sudan)",
            "Military Forces of Sudan",
            "Omdurman",
            4,
        ),
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "riot police" tells no riot of the police; the crowd is actor 1; "the Senegalese
        # capital" is Dakar; a crowd told as demonstrators, then protestors, is one crowd
        (
            "Senegalese riot police fired volleys of tear gas at stone-throwing demonstrators after "
            "prayers at a mosque in the Senegalese capital on Sunday.\n\nSome protestors threw rocks "
            "as police fired rubber bullets.",
            "2012-02-19",
            ("Violent demonstration", "Rioters (Senegal)", "Police Forces of Senegal", "Dakar"),
        ),
        # a clash between police and protesters is the protesters' riot
        (
            "QUITO: Clashes broke out between protesters and police in Quito on Thursday. Police "
            "fired tear gas at protesters who threw stones near the seat of government.",
            "2019-10-05",
            ("Violent demonstration", "Rioters (Ecuador)", "Police Forces of Ecuador", "Quito"),
        ),
    ],
)
def test_article_a_crowd_in_a_fight_with_police_is_one_riot_of_the_crowd(
    text: str, published: str, expected: tuple[str, str, str, str]
) -> None:
    events = _factual(text, published=published)
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location) for e in events] == [expected]


def test_article_the_present_tense_past_the_lead_tells_how_things_stand_not_an_event() -> None:
    # the strike stays an air strike: "fighting since the coup" and the experts' present tense
    # are no clash it was part of
    events = _factual(
        "A Myanmar military air strike on a village in Sagaing region killed ten civilians on "
        "Tuesday, locals said.\n\nFighting has ravaged the country since a coup in 2021.\n\n"
        "Rights groups accuse the military of razing villages.\n\nBattling fierce opposition on the "
        "ground, experts say the army is resorting to artillery strikes and air power.",
        published="2023-06-28",
    )
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Air/drone strike", "Military Forces of Myanmar", 10)
    ]


def test_article_deaths_in_an_after_clause_are_the_earlier_event_not_the_riot() -> None:
    events = _factual(
        "Young protesters set the police headquarters in the Tunisian town of Kef on fire on Sunday. "
        "The riot erupted the day after four people were killed when police opened fire on "
        "demonstrators in the town.",
        published="2011-02-07",
    )
    assert sorted((e.event_date, e.sub_event_type, e.fatalities) for e in events) == [
        ("2011-02-05", "Excessive force against protesters", 4),
        ("2011-02-06", "Violent demonstration", 0),
    ]


def test_article_protesters_burning_tyres_riot_and_wreck_no_civilians_property() -> None:
    events = _factual(
        "Hundreds of protesters burned tyres and blocked main roads in Nasiriyah on Monday.",
        published="2020-01-20",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Violent demonstration", "Rioters (Iraq)", "")
    ]


def test_article_an_attempt_foiled_is_no_attack_that_happened() -> None:
    events = eventwire.code(
        "Security forces foiled an attempt by al-Shabab fighters to launch a suicide attack on a "
        "political conference in the town of Adado on Wednesday.",
        published="2024-03-13",
    )
    # the attack is told, as aimed at: planned, never a record of a bombing that happened
    assert {e.modality for e in events if e.sub_event_type == "Suicide bomb"} == {"planned"}


def test_article_a_raid_near_the_capital_told_again_in_its_town_is_one_event() -> None:
    events = _factual(
        "Al-Shabab fighters have killed at least eight Somali officers in a raid on a police station "
        "near the capital Mogadishu on Saturday, a police officer said.\n\nAl-Shabab claimed "
        "responsibility for Saturday's raid in Afgoi town, 30km southwest of Mogadishu.",
        published="2015-06-20",
    )
    assert [(e.location, e.geo_precision, e.fatalities) for e in events] == [("Afgooye", 1, 8)]


def test_article_the_dead_after_an_agency_dateline_with_a_hyphen_are_counted() -> None:
    events = _factual(
        "MANILA (XINHUA) - Two army soldiers and four New People's Army (NPA) fighters have been "
        "killed in a clash in southern Philippines' Malaybalay City, the military said on Friday.",
        published="2019-02-15",
    )
    assert [(e.location, e.fatalities) for e in events] == [("Malaybalay", 6)]


def test_article_a_town_that_only_says_which_way_a_province_lies_is_not_the_place() -> None:
    events = _factual(
        "A clash between soldiers and NPA rebels took place on Jan 30 in Camarines Sur province, "
        "south of Manila, killing at least six.",
        published="2019-02-15",
    )
    assert events and all(e.location != "Manila" for e in events)


def test_article_rebels_killed_in_an_encounter_with_security_forces_were_killed_by_the_forces() -> None:
    events = _factual(
        "Five Naxalites were killed in an encounter with security forces in Chhattisgarh's Bijapur "
        "district on Sunday, police said.",
        published="2025-01-12",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Armed clash", "Police Forces of India", "CPI (Maoist): Communist Party of India (Maoist)", 5)
    ]


def test_article_the_town_people_fled_to_is_not_where_the_attack_was() -> None:
    events = _factual(
        "Gunmen shot dead four people in a village in Burkina Faso on Sunday, said a Djibo resident "
        "who fled to Ouagadougou.",
        published="2019-10-28",
    )
    assert events and all(e.location != "Ouagadougou" for e in events)


def test_article_two_places_told_as_distances_from_one_town_are_two_events() -> None:
    # neither town is in the gazetteer: both fall back to the province, yet "60 km north" and
    # "40 km northeast" of Baquba are two places
    events = _factual(
        "Baghdad : Five people were killed when a roadside bomb exploded in Baquba on Saturday, police "
        "said.\\n\\nIn another incident, three people were killed in a roadside bomb explosion at a "
        "market in Sadiyahh town, some 60 km north of Baquba. A group of gunmen shot dead a policeman "
        "near his house in Maqdadiyahh city, some 40 km northeast of Baquba, the police source said.",
        published="2013-08-25",
    )
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Armed clash", 1),
        ("Remote explosive/landmine/IED", 3),
        ("Remote explosive/landmine/IED", 5),
    ]


def test_article_rounds_of_tear_gas_shells_are_no_shelling() -> None:
    events = eventwire.code(
        "Hundreds of police fired several rounds of tear gas shells at small groups of protesters "
        "in central Kathmandu on Saturday.",
        published="2006-01-21",
    )
    assert events and all(e.event_type != "Explosions/Remote violence" for e in events)


def test_article_a_days_tally_of_shelling_is_no_event_down_to_its_weapons() -> None:
    # "launching 502 shells from mortars, artillery" shares the time of "over the past day"
    events = _factual(
        "Over the past day, Russians fired 92 times at Kherson Region, launching 502 shells from "
        "mortars, artillery, Hrad, UAVs and aircraft.",
        published="2023-09-18",
    )
    assert events == []


@pytest.mark.parametrize(
    "text",
    [
        "The killing of four democracy activists in Yangon on 25 July 2022 drew condemnation.",
        "The execution of four democracy activists in Yangon on 25 July 2022 drew condemnation.",
    ],
)
def test_article_the_killing_of_four_people_is_four_fatalities(text: str) -> None:
    [event] = _factual(text, published="2022-07-27")
    assert (event.sub_event_type, event.fatalities, event.event_date) == ("Attack", 4, "2022-07-25")


def test_article_a_list_of_deeds_in_a_sanctions_notice_is_no_event() -> None:
    events = _factual(
        'The EU also listed officers in Kachin State, "where they oversaw air strikes, massacres, '
        'raids, arson", the bloc said.',
        published="2023-02-21",
    )
    assert [e.sub_event_type for e in events if e.event_type != "Strategic developments"] == []


def test_article_with_no_day_in_the_lead_a_deed_years_before_the_report_is_recalled() -> None:
    events = _factual(
        "Tunisia's president has decided to extend the state of emergency for three more months.\n\n"
        "The decision comes after a police commander was stabbed to death in Tunis earlier this month.\n\n"
        "In June 2015 an attack on a beach hotel near Sousse killed 38 people. Another attack on a "
        "bus in Tunis killed 12 guards.",
        published="2017-11-10",
    )
    # the hotel attack is dated by its own words: recalled; the bus attack only by the
    # sentence before it: not coded from this article
    recalled = [(e.location, e.event_date[:7], e.fatalities) for e in events if e.background]
    assert recalled == [("Sousse", "2015-06", 38)]
    assert 12 not in [e.fatalities for e in events]


def test_article_a_deed_told_earlier_this_month_is_one_event_not_a_tally() -> None:
    [stabbing] = _factual(
        "The decision comes after a police commander was stabbed to death by a suspected "
        "extremist near Parliament in Tunis earlier this month.",
        published="2017-11-10",
    )
    assert (stabbing.event_date, stabbing.time_precision, stabbing.fatalities) == ("2017-11-05", 3, 1)
    tally = "Insurgents have killed more than 40 soldiers in Borno this month, the army said."
    assert _factual(tally, published="2017-11-10") == []  # the month itself: a tally


def test_article_a_national_governments_decision_is_placed_at_its_capital() -> None:
    [vote] = _factual(
        "Iraq's parliament voted on Sunday to expel foreign troops from the country, state media said.",
        published="2020-01-06",
    )
    assert (vote.actor1, vote.location, vote.admin1, vote.geo_precision) == (
        "Government of Iraq",
        "Baghdad",
        "Baghdad",
        2,
    )
    [deployment] = _factual(  # the army's moves are not made in the capital
        "The Kenyan army on Friday deployed more troops to the border with Somalia.", published="2020-01-06"
    )
    assert deployment.location != "Nairobi"


def test_article_officials_involved_in_executions_last_july_date_the_executions() -> None:
    # the participle tells who the officials are: its date is the executions', and the list
    # of deeds beside them neither makes events nor turns the executions into air strikes
    [executions] = _factual(
        "The EU also listed officials in Yangon Region involved in the executions of four democracy "
        'activists in July 2022 and "in Kachin State, where they oversaw air strikes, massacres, '
        'raids, arson", the EU said.',
        published="2023-02-21",
    )
    assert (executions.sub_event_type, executions.fatalities, executions.event_date[:7]) == (
        "Attack",
        4,
        "2022-07",
    )


def test_article_a_dateline_with_a_spaced_hyphen_is_no_part_of_the_actor() -> None:
    # "HEBRON, Occupied Palestine - Israeli occupation forces": the region of the dateline is
    # not the country of the forces the sentence names
    [event] = _factual(
        "HEBRON, Occupied Palestine - Israeli occupation forces shot dead two Palestinians in "
        "Hebron on Monday, medics said."
    )
    assert (event.actor1, event.fatalities, event.location) == ("Military Forces of Israel", 2, "Hebron")


def test_article_a_toll_over_weeks_is_a_tally_and_sets_no_toll() -> None:
    # a subhead's tally is no toll of the raid the lead tells
    events = _factual(
        "Gunmen raided a village near Gusau, Nigeria on Monday and burned houses, residents said.\n\n"
        "45 dead in two weeks\n\n"
        "The raid lasted several hours."
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 0)]
    assert _factual("Gunmen have killed 40 villagers in Zamfara, Nigeria in three weeks, police said.") == []


def test_article_an_attack_counted_among_others_in_weeks_is_still_an_attack() -> None:
    [event] = _factual(
        "Militants fired rockets at an army base in Bannu, Pakistan on Monday, the third attack "
        "on the base in two weeks, officials said."
    )
    assert event.location == "Bannu"


def test_article_the_dead_of_an_age_range_are_counted() -> None:
    [event] = _factual(
        "A local official said four people aged 23 to 28 were killed during a raid by gunmen in "
        "Gusau, Nigeria on Monday."
    )
    assert event.fatalities == 4


def test_article_deaths_across_the_country_are_a_tally_but_a_nationwide_march_is_an_event() -> None:
    assert _factual("Bandit attacks have killed 30 policemen across the country, officials said.") == []
    [event] = _factual("Teachers held demonstrations across Kenya and in Nairobi on Monday over pay.")
    assert event.event_type == "Protests"
    [event] = _factual("Nurses held demonstrations across the country on Monday over unpaid salaries.")
    assert event.event_type == "Protests"


def test_article_gunfire_and_the_massacre_it_made_are_one_attack() -> None:
    [event] = _factual(
        "Gunmen stormed a wedding party in Celaya, Mexico on Sunday and opened fire, killing nine "
        "guests in a massacre, officials said."
    )
    assert (event.sub_event_type, event.fatalities) == ("Attack", 9)


def test_article_a_place_said_to_be_the_scene_of_battles_adds_no_battle() -> None:
    [event] = _factual(
        "Gunmen killed seven people at a bar in Celaya, Mexico on Sunday, police said.\n\n"
        "Guanajuato has been the scene of bloody turf battles between two cartels."
    )
    assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians (Mexico)")
    [event] = _factual("There were clashes between rival gangs in Celaya, Mexico on Sunday.")
    assert event.event_type == "Battles"


def test_article_the_martyred_are_dead() -> None:
    [event] = _factual("Two soldiers were martyred in a suicide blast in Bannu, Pakistan, on Monday.")
    assert (event.sub_event_type, event.fatalities) == ("Suicide bomb", 2)


def test_article_shell_casings_found_at_the_scene_are_no_weapons_seizure() -> None:
    events = _factual(
        "Gunmen killed five people at a bar in Celaya, Mexico on Sunday, police said. "
        "Police recovered shells from four guns at the scene."
    )
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_article_an_earlier_attack_with_its_own_toll_is_neither_merged_nor_dated_to_the_news() -> None:
    # "an attack ... that killed three soldiers", told in the past perfect: another, earlier
    # attack than the lead's (four killed), and no day of the story is its day
    events = _factual(
        "Rebels killed four soldiers in an attack with explosives near Kidal, Mali on Tuesday, "
        "the army said.\n\n"
        "It was the first attack since talks resumed this month.\n\n"
        "The talks had stalled for months after an attack on a base in Kidal that killed three soldiers.",
        published="2024-03-15",
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2024-03-12", 4)]
    assert not any("three soldiers" in text for text, _, _ in events[0].evidence)


def test_article_a_past_perfect_in_reported_speech_is_the_news_itself() -> None:
    [event] = _factual(
        "Gunmen killed five villagers in Gusau, Nigeria on Tuesday, police said.\n\n"
        "Residents said the gunmen had burned several houses.",
        published="2024-03-15",
    )
    assert (event.event_date, event.fatalities) == ("2024-03-12", 5)


def test_article_the_clash_told_again_joins_the_clash_not_the_bomb_before_it() -> None:
    events = _factual(
        "A roadside bomb wounded two policemen in Gao, Mali on Sunday, police said.\n\n"
        "Earlier in the day, five militants were killed in a clash with soldiers near Gao.\n\n"
        "The bodies of five militants were recovered after the clash, the police chief said.",
        published="2024-03-15",
    )
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Armed clash", 5),
        ("Remote explosive/landmine/IED", 0),
    ]


def test_article_a_country_after_a_town_and_a_comma_is_the_country_whatever_the_tagger_says() -> None:
    # the small model tags both "Gao" and "Mali" here as persons
    [event] = _factual("A roadside bomb wounded two policemen in Gao, Mali on Sunday, police said.")
    assert (event.country, event.location, event.actor2) == ("Mali", "Gao", "Police Forces of Mali")


def test_article_the_toll_of_a_daily_tally_is_not_the_next_attacks() -> None:
    events = _factual(
        "Over the past day, Russian troops fired 40 shells at Dnipropetrovsk region, Ukraine. Four "
        "civilians were killed and six wounded, the governor said.\n\n"
        "The enemy fired 10 shells at Nikopol.",
        published="2024-03-15",
    )
    assert [(e.location, e.fatalities) for e in events] == [("Nikopol", 0)]


def test_article_the_attack_told_again_is_the_news_not_the_separate_attack_a_day_before() -> None:
    events = _factual(
        "Gunmen killed four soldiers in a raid on an army base in Djibo, Burkina Faso on Monday, a "
        "day after 10 people died in a separate attack in the same region.\n\n"
        "The pre-dawn attack saw gunmen on motorbikes storm the base, a security source said."
    )
    told_again = [e.fatalities for e in events if any("pre-dawn" in text for text, _, _ in e.evidence)]
    assert told_again == [4]


def test_article_the_border_the_attackers_fled_to_is_not_the_country_of_the_attack() -> None:
    # "Burkinabe soldiers" (read by the tagger as an organisation) say the country; "the
    # Malian border" only which way the attackers went
    [event] = _factual(
        "At least four Burkinabe soldiers were killed Monday when gunmen raided a military base in "
        "the north, security sources said. The attackers fled towards the Malian border.",
        published="2019-01-29",
    )
    assert (event.country, event.actor2, event.fatalities) == (
        "Burkina Faso",
        "Military Forces of Burkina Faso",
        4,
    )


def test_article_a_verdict_and_a_reputation_are_no_events() -> None:
    # the crime a court judges, and what a group is known for, are not deeds told as news
    assert _factual("Three men were found guilty on Thursday of attacks on the army in Bannu, Pakistan") == []
    assert _factual("The group, based in Quetta, Pakistan, is blamed for attacks on Shiite Muslims.") == []
    assert (
        _factual(
            "The militants have been responsible for the killing of security men and civilians in "
            "Quetta, Pakistan, the minister said."
        )
        == []
    )
    # a present tense that tells one deed is still the deed
    [event] = _factual("Residents accuse police of torching houses in Rumuruti, Kenya on Monday.")
    assert event.sub_event_type == "Looting/property destruction"


def test_article_admin1_is_written_as_acled_writes_it() -> None:
    # GeoNames calls it "Nairobi County"; ACLED's admin1 column, "Nairobi"
    [event] = _factual("Police shot dead two protesters in Kibera, Nairobi, Kenya on Tuesday.")
    assert event.admin1 == "Nairobi"


def test_article_the_martyred_named_later_are_no_new_event_at_their_home_town() -> None:
    # "the martyred soldiers" are the dead told before; "a resident of Mansehra" is a home
    events = _factual(
        "Four soldiers were martyred in a suicide blast in Bannu, Pakistan on Monday, the military "
        "said.\n\n"
        "The martyred soldiers were identified as Lance Naik Shahzaib, a resident of Mansehra, and "
        "Sepoy Ali, a resident of Kohat."
    )
    assert [(e.location, e.fatalities) for e in events] == [("Bannu", 4)]


def test_article_no_country_from_a_foreigners_demonym_but_a_states_forces_act_at_home() -> None:
    # the victim's nationality is not the country of the event: say less
    mob = _factual("A Malawian man died when an angry mob set him ablaze in Thom village on Monday.")
    assert mob and all(e.country == "" for e in mob)
    # "Chadian soldiers" with no town known: the event is in Chad, at country precision
    ambush = _factual("Militants ambushed Chadian soldiers near Tetewa on Monday, killing six soldiers.")
    assert [(e.country, e.geo_precision) for e in ambush] == [("Chad", 4)]


def test_article_an_event_placed_nowhere_takes_the_one_province_of_the_story() -> None:
    text = (
        "On 24 January 2020, near Kone Mon Village, in Hsipaw Township, in northern Shan State, "
        "two men and one woman were found dead with gunshot injuries."
    )
    dead = _factual(text, "2020-01-26")
    assert [(e.country, e.admin1, e.geo_precision) for e in dead] == [("Myanmar", "Shan", 3)]
    # where the wounded died is not where they were attacked
    hospital = _factual("Two people died in hospital in Chibok after gunmen attacked Maiduguri on Monday.")
    assert [e.location for e in hospital] == ["Maiduguri"]


def test_article_an_event_placed_nowhere_in_a_story_of_one_town_is_near_that_town() -> None:
    events = _factual(
        "On 9 March 2019, in Mrauk-U township, Rakhine state, the army forced three villagers to "
        "work as guides. While walking, they stepped on a landmine, killing one and injuring one.",
        "2019-03-11",
    )
    assert [(e.location, e.admin1, e.geo_precision) for e in events] == [("Mrauk U", "Rakhine", 2)]


def test_article_the_town_put_in_the_province_of_the_sentence_is_the_place() -> None:
    events = _factual(
        "On 30 August 2018, near Sinli Bum in Kutkai township, Shan State, KIA troops exchanged "
        "fire for several hours with Myanmar army troops.",
        "2018-09-01",
    )
    assert [(e.location, e.admin1, e.geo_precision) for e in events] == [("Kutkai", "Shan", 2)]
    # a village no gazetteer knows, put in a town: coded at the town, under its own name
    raid = _factual(
        "Two people were killed after armed men raided Salima village in Laisamis sub county on Monday.",
        "2018-04-13",
    )
    assert [(e.country, e.location, e.geo_precision) for e in raid] == [("Kenya", "Salima", 2)]


def test_article_records_write_places_as_acled_does() -> None:
    # ACLED's country names and place names without diacritics (GeoNames: "Palestinian
    # Territory", "Janīn")
    jenin = _factual("Israeli forces killed two Palestinians in Jenin on Monday, the health ministry said.")
    assert [(e.location, e.country, e.actor2) for e in jenin] == [
        ("Janin", "Palestine", "Civilians (Palestine)")
    ]


def test_article_an_event_between_two_towns_is_one_event_near_the_first() -> None:
    ambush = _factual("A convoy was ambushed on the road between Gao and Ansongo in Mali on Monday.")
    assert [(e.location, e.geo_precision) for e in ambush] == [("Gao", 2)]


def test_article_a_town_named_for_its_area_is_the_area_at_precision_2() -> None:
    # an LGA or district called after its seat: ACLED codes the seat at geo_precision 2,
    # whatever the tagger took the name for ("Giwa" as a person)
    for text, town in [
        (
            "Bandits attacked villages in Igabi and Giwa local government areas of Kaduna state "
            "on Sunday, killing five people.",
            "Igabi",
        ),
        (
            "Bandits attacked villages in Giwa local government area of Kaduna state on Sunday, "
            "killing five people.",
            "Giwa",
        ),
    ]:
        [event] = _factual(text, published="2020-03-02")
        assert (event.location, event.admin1, event.geo_precision) == (town, "Kaduna", 2), text


def test_article_two_triggers_of_one_blast_in_a_district_are_one_record() -> None:
    [event] = _factual("Five people were killed in an IED blast in Bijapur district on Sunday.")
    # (a district is coded at its town, or the middle of its towns: ACLED's precision 2)
    assert event.fatalities == 5 and event.geo_precision == 2


def test_article_a_pursuit_to_arrest_the_attackers_is_no_clash() -> None:
    events = _factual(
        "Bandits attacked Kujemi village in Maru Local Government Area of Zamfara State on "
        "Sunday, killing the village head and one other person, police said.\n\n"
        "He added that the persons were killed during the attack and the security agents are on "
        "the trail of the attackers to arrest them.",
        published="2020-03-02",
    )
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Nigeria)")]


def test_article_a_tally_in_another_district_does_not_place_the_event() -> None:
    [event] = _factual(
        "Boko Haram fighters attacked a village near Chibok, Borno State on Sunday and killed "
        "14 people, a resident said.\n\n"
        "So many attacks and innocent lives have been lost in Damboa LGA but it is usually not "
        "reported.",
        published="2017-06-03",
    )
    assert event.location == "Chibok" and event.fatalities == 14


def test_article_the_incident_told_again_after_a_series_keeps_its_place() -> None:
    [event] = _factual(
        "A pre-dawn raid by al-Shabaab on a military base in southern Somalia has left at least "
        "18 people dead, officials said on Sunday.\n\n"
        "The incident was the latest in a series of insurgent attacks across the country. It "
        "took place in the Lower Shabelle province, on the outskirts of the regional capital "
        "Marka.",
        published="2019-09-22",
    )
    assert event.admin1 == "Lower Shabelle" and event.geo_precision <= 3


def test_article_one_attack_retold_by_a_source_with_another_day_is_one_record() -> None:
    # the same named village hit, by the same side, with the same toll: one deed, though the
    # source dates it a day later and places it by a town 50 km off
    events = _factual(
        "Boko Haram insurgents attacked Ngamgam in Mobbar Local Government Area of "
        "Borno State on Monday and killed 20 farmers.\n\n"
        "The area is troubled by Boko Haram and its sister organisation, Islamic State of West "
        "Africa Province (ISWAP).\n\n"
        "A security source said that on 25 June, 2019, suspected members of the deadly "
        "terrorist group attacked Ngamgam settlement about 50 kilometres east of Damasak and "
        "killed 20 farmers.\n\n"
        "The source said the killing led to a mass exodus of people from the village into Damasak.",
        published="2019-06-26",
    )
    [event] = events
    assert event.fatalities == 20 and event.admin1 == "Borno"
    # "the terrorist group" is the one told as attacking, not the one named since in passing
    assert "Boko Haram" in event.actor1
    # where the villagers fled is not where they were killed
    assert event.location != "Damasak"


def test_article_where_people_fled_and_where_the_source_lives_place_no_event() -> None:
    events = _factual(
        "Gunmen attacked the town of Arbinda on Saturday night and killed 11 people, a local "
        "source said.\n\n"
        "The local source said that after the attackers departed, the population started to "
        "leave the town to take refuge in Djibo, particularly after the bodies were discovered.\n\n"
        "The gunmen returned to Arbinda on Sunday morning, where they shot in the air for "
        "several hours before leaving, said the source, who is a Djibo resident.",
        published="2019-10-28",
    )
    assert {e.location for e in events} == {"Aribinda"}
    assert max(e.fatalities for e in events) == 11


def test_article_what_left_people_dead_is_the_cause_not_the_dead() -> None:
    for text, dead in [
        (
            "Two Boko Haram attacks near Chibok, Borno State have left at least 21 person dead, "
            "TheCable reports.",
            21,
        ),
        ("Two Boko Haram attacks near Chibok, Borno State have left dozens dead, TheCable reports.", 12),
    ]:
        [event] = _factual(text, published="2017-06-03")
        assert event.fatalities == dead, text


def test_article_a_deed_with_no_day_of_its_own_is_dated_by_the_day_it_was_reported() -> None:
    [event] = _factual(
        "As reported on 5 April 2020, the Chadian army attacked a Boko Haram base on an island of Lake Chad.",
        published="2020-04-07",
    )
    assert (event.event_date, event.time_precision) == ("2020-04-05", 2)  # by then, not on it
    # a day after the report (an agreement to come) is not the news the note tells
    [event] = _factual(
        "As reported on January 31, members of the Arab and Boulala communities clashed near "
        "Djokhana (Dababa, Hadjer-Lamis) over water wells, six people were reportedly killed. "
        "The opposing parties reached an agreement on 4 February.",
        published="2020-02-02",
    )
    assert event.event_date == "2020-01-31" and event.fatalities == 6


def test_article_a_misspelt_town_near_a_named_one_is_found_and_the_distance_is_its_landmark() -> None:
    # "Fallhjah" is one edit from Al Fallujah, outside the provinces the story names but near
    # Baghdad; "some 50 km west of Baghdad" only says where the town named lies
    events = _factual(
        "Three people were killed when a bomb planted in a parked car in Fallhjah city, some 50 "
        "km west of Baghdad, went off on Saturday, police said.\n\n"
        "In Baquba, in Diyala province, a roadside bomb killed two people on Saturday.",
        published="2013-08-25",
    )
    assert sorted((e.location, e.admin1) for e in events) == [
        ("Al Fallujah", "Anbar"),
        ("Baqubah", "Diyala"),
    ]


def test_article_the_enemy_is_the_side_last_told_acting() -> None:
    # a Ukrainian official's "the enemy" is the Russian forces the report has told firing
    events = _factual(
        "Over the past day, Russians fired 92 times at Kherson Region, launching 502 shells "
        "from mortars and artillery.\n\n"
        "The enemy fired 13 shells at Kherson on Sunday night, the head of the regional "
        "administration said.",
        published="2023-09-18",
    )
    assert events and {e.actor1 for e in events} == {"Military Forces of Russia"}


def test_article_a_district_in_brackets_places_an_unknown_village_at_its_seat() -> None:
    # ACLED's "Village (District, Province)": an unknown village is in its district, coded at
    # the seat the district is named after, at geo_precision 2 (not Cocoa, Florida)
    [event] = _factual(
        "On 16 June 2020, members of an Islamist militia killed a man in Koko (Mocimboa Da "
        "Praia) and burned houses.",
        published="2020-06-18",
    )
    assert (event.country, event.admin1, event.geo_precision) == ("Mozambique", "Cabo Delgado", 2)
    assert event.location == "Mocimboa da Praia"
    # a group's short name in brackets is no district
    [event] = _factual(
        "On 30 October 2019, Boko Haram (JAS) militants abducted three people travelling "
        "between Ngouboua and Tchoukoualia (Mamdi, Lac).",
        published="2019-11-01",
    )
    assert (event.country, event.admin1) == ("Chad", "Lac")


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested two men over Monday's attack on a church in Lagos, Nigeria.",
        "Police arrested two men in connection with Monday's bombing of a church in Lagos, Nigeria.",
        "Soldiers arrested ten suspects following the attack on a market in Maiduguri, Nigeria, on Monday.",
    ],
)
def test_article_who_answered_an_attack_did_not_make_it(text: str) -> None:
    # the arrests are the forces'; the attack they answer is nobody's the text names
    records = _factual(text, "2020-06-01")
    forces = "Police" if text.startswith("Police") else "Military"
    assert sorted((r.event_type == "Strategic developments", r.actor1) for r in records) == [
        (False, "Unidentified Armed Group (Nigeria)"),
        (True, f"{forces} Forces of Nigeria"),
    ]


def test_article_a_day_that_names_another_deed_dates_neither_the_clause_nor_the_story() -> None:
    # "the Monday shooting" is Monday's; the arrests and the boy's death told after it are
    # the lead's Tuesday news, and the death is the lead's killing, not a second one on Monday
    text = (
        "Soldiers killed a teenager near the West Bank city of Jenin on Tuesday, "
        "the health ministry said.\n\n"
        "Meanwhile, troops made two arrests in the deadly Monday shooting of a settler "
        "near the city of Hebron.\n\n"
        '"The boy died after he was shot in the head by the soldiers," the ministry said.'
    )
    records = _factual(text, "2023-08-23")
    assert sorted((r.sub_event_type, r.event_date, r.fatalities) for r in records) == [
        ("Arrests", "2023-08-22", 0),
        ("Attack", "2023-08-22", 1),
    ]


def test_article_what_is_expected_is_dated_to_the_report_not_to_a_day_told_before() -> None:
    # "following a New Year's attack": that day is the attack's; the deployment is expected
    text = (
        "Rockets hit the US embassy in Baghdad, Iraq, on January 1.\n\n"
        "An additional 4,000 forces are expected to be deployed to the region following "
        "the New Year's attack on the embassy."
    )
    planned = [e for e in eventwire.code(text, published="2020-01-05") if e.modality == "planned"]
    assert [(e.event_date, e.time_precision) for e in planned] == [("2020-01-05", 2)]


def test_article_one_sides_deed_at_one_place_on_the_reports_day_is_one_record_however_far_apart() -> None:
    # the shelling of Kherson told in the lead and again three paragraphs on, with its toll:
    # one record (ACLED's unit: one side, one place, one day), not a second without deaths
    text = (
        "Russian troops fired 13 shells at Kherson, Ukraine, officials said.\n\n"
        "The head of the regional military administration reported this on Telegram.\n\n"
        '"The enemy hit residential areas of the settlements of the region," he wrote.\n\n'
        "Later he wrote that the Russians had been shelling Kherson all night. "
        "A 72-year-old man was killed in Kherson."
    )
    records = [e for e in _factual(text, "2023-09-18") if e.location == "Kherson"]
    assert [(r.actor1, r.fatalities) for r in records] == [("Military Forces of Russia", 1)]


def test_article_a_named_groups_two_attacks_are_a_summary_of_the_two_told_after() -> None:
    # the parser hangs "Two" on "Haram", not on "attacks": still two attacks, whose 21 dead
    # are the sum of the tolls told after, no one event's toll
    events = _factual(
        "Two Boko Haram attacks on villages near Chibok, Borno State, have left at least 21 people "
        "dead, residents said on Friday.\n\n"
        "Boko Haram fighters killed seven people in Chibok on Sunday.\n\n"
        "Boko Haram fighters killed 14 people in Gwoza on Wednesday.",
        published="2017-06-03",
    )
    assert sorted((e.event_date, e.fatalities) for e in events) == [("2017-05-28", 7), ("2017-05-31", 14)]


@pytest.mark.parametrize(
    ("before", "actor1"),
    [
        # "they" with no subject in their sentence: the one doer of the sentence before
        ("Boko Haram fighters killed seven people in Chibok, Borno State, on Sunday.", "Boko Haram"),
        # two doers before: which one "they" are, the text does not say
        (
            "Gunmen attacked a checkpoint in Gwoza, Borno State, on Sunday and soldiers returned fire.",
            "Unidentified Armed Group",
        ),
        # nor when the one doer is a state's force and another armed side is told beside it
        (
            "Soldiers killed seven Boko Haram fighters in Chibok, Borno State, on Sunday.",
            "Unidentified Armed Group",
        ),
    ],
)
def test_article_they_with_no_subject_in_their_sentence_are_the_one_doer_before(
    before: str, actor1: str
) -> None:
    events = _factual(f"{before}\n\nOn Wednesday they killed 14 people in Bama.", published="2017-06-03")
    later = [e for e in events if e.event_date == "2017-05-31"]
    assert len(later) == 1 and later[0].fatalities == 14 and actor1 in later[0].actor1, later


def test_article_the_arrest_of_attackers_by_another_side_is_no_part_of_their_attack() -> None:
    events = _factual(
        "Three soldiers attacked a minibus in Moatize, Tete province, Mozambique, on 3 February, "
        "wounding its driver. Police later arrested the three soldiers.",
        published="2016-02-05",
    )
    attack = [e for e in events if e.sub_event_type != "Arrests"]
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert [e.actor1 for e in attack] == ["Military Forces of Mozambique"]
    assert [(e.actor1, e.actor2) for e in arrests] == [
        ("Police Forces of Mozambique", "Military Forces of Mozambique")
    ]


def test_article_a_named_person_killed_twice_in_the_telling_died_once() -> None:
    events = _factual(
        "Soldiers killed a Palestinian teenager near the West Bank city of Jenin on Tuesday, the "
        "health ministry said.\n\n"
        '"Ahmad Saleh Abu Odeh, 16, died after he was shot in the chest," the ministry said.\n\n'
        "Abu Odeh was killed when clashes broke out in the town of Qabatiya, south of Jenin, which "
        "troops had raided to arrest a suspect.",
        published="2023-08-23",
    )
    fatal = [e for e in events if e.fatalities]
    assert [(e.fatalities, e.event_date, e.location) for e in fatal] == [(1, "2023-08-22", "Qabatiyah")]


def test_article_two_deaths_told_by_the_same_person_they_served_are_two() -> None:
    # the governor is who the dead worked for, not one of the dead
    events = _factual(
        "Gunmen killed two bodyguards of Governor Babagana Zulum near Baga, Borno State, on Monday. "
        "Soldiers killed a driver of Governor Babagana Zulum in a clash in Monguno on Monday.",
        published="2023-08-23",
    )
    assert sorted(e.fatalities for e in events if e.fatalities) == [1, 2]


def test_article_people_killed_on_suspicion_of_a_link_to_a_group_are_civilians() -> None:
    events = _factual(
        "Soldiers killed three herders allegedly linked to Al Shabaab near Mandera, Kenya on Monday."
    )
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Kenya)")]


def test_article_two_people_of_one_family_name_killed_in_two_towns_are_two_deaths() -> None:
    events = _factual(
        "Gunmen shot dead Ahmed Musa in Gwoza, Borno State, on Tuesday.\n\n"
        "Soldiers killed Ibrahim Musa in a clash in Bama, Borno State, on Tuesday.",
        published="2023-08-23",
    )
    assert sorted(e.location for e in events if e.fatalities == 1) == ["Bama", "Gwoza"]


def test_article_attacks_troops_could_be_exposed_to_are_no_event() -> None:
    events = _factual(
        "Ministers were told that engineers sent to Helmand, Afghanistan, could be exposed to "
        "ambushes by insurgents once the bridge project begins."
    )
    assert events == []
    # (a modal over something else leaves a past attack as told)
    [attack] = _factual(
        "Residents could not return to their homes in Gao, Mali, after Tuesday's attack on the "
        "market killed five people."
    )
    assert attack.fatalities == 5


def test_article_an_arrest_warrant_is_no_arrest() -> None:
    text = "A court in Bukavu, Congo, issued an arrest warrant for a militia leader on Friday."
    assert _factual(text) == []
    # (the deed itself is one)
    [event] = _factual("Police arrested a student protest leader in Bukavu, Congo, on Friday.")
    assert event.sub_event_type == "Arrests"


def test_article_a_reports_event_in_no_country_is_not_printed() -> None:
    # Nothing places the clash ("Barangay Tinulasan" is in no gazetteer): a report of several
    # paragraphs gives no record in no country, which no map, admin1 or table can show; a
    # one-paragraph note keeps it, as the event it is about.
    clash = (
        "Seven members of the MILF were killed in clashes with BIFF fighters in Barangay "
        "Tinulasan on Friday, the military said."
    )
    assert _factual(clash + "\n\nThe firefight erupted early on Friday morning, a commander said.") == []
    [event] = _factual(clash)
    assert event.actor1.startswith("BIFF") and event.fatalities == 7


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Gunmen killed a Turkish engineer in Mogadishu, Somalia on Monday.", "Civilians (Turkey)"),
        ("Two Chinese nationals were kidnapped by gunmen in Kaduna, Nigeria on Monday.", "Civilians (China)"),
        ("Gunmen killed two farmers in Kaduna, Nigeria on Monday.", "Civilians (Nigeria)"),
    ],
)
def test_article_civilians_are_coded_by_their_nationality(text: str, victims: str) -> None:
    [event] = _factual(text)
    assert event.actor2 == victims


def test_article_a_separate_attack_is_its_own_event_with_what_its_paragraph_tells() -> None:
    events = _factual(
        "Militants stormed an army post in Kismayo, Somalia, late on Friday, killing four "
        "soldiers, a commander said on Saturday.\n\n"
        "The raid on the post was the second in the port this month.\n\n"
        "Hotel bombing\n\n"
        "Two guests also died in a separate attack on a hotel in Kismayo. A suicide bomber walked "
        "into the hotel lobby on Friday before detonating his vest.",
        published="2024-03-16",
    )
    told = sorted((e.sub_event_type, e.actor2, e.fatalities) for e in events)
    # (the bombing's own victims are its, not the army post's)
    assert told == [("Armed clash", "Military Forces of Somalia", 4), ("Suicide bomb", "", 2)], told


def test_article_a_toll_over_a_months_long_unrest_is_no_event() -> None:
    events = _factual(
        "The government said more than 300 police officers have been killed during the "
        "years-long insurgency in Sistan, Iran.",
        published="2021-05-06",
    )
    assert events == []
    # (nor when the deaths are told by a word that only counts them)
    died = "Officials said more than 300 police officers had died during the years-long revolt in Sistan."
    assert _factual(died, published="2021-05-06") == []


def test_article_the_shooting_a_protest_came_the_day_after_is_background() -> None:
    events = _factual(
        "The day after police opened fire on protesters in Nairobi, Kenya, killing two, "
        "demonstrators blocked roads in Nairobi on Tuesday.",
    )
    told = sorted((e.event_date, e.sub_event_type, e.background) for e in events)
    assert told == [
        ("2024-03-11", "Excessive force against protesters", True),
        # (roads blocked, no barricade, stone or fire told: a protest, not a riot)
        ("2024-03-12", "Peaceful protest", False),
    ]


def test_article_an_event_whose_sentence_names_no_place_is_in_the_one_province_of_its_story() -> None:
    events = _factual(
        "Gunmen killed five villagers in Gwoza, Borno State, Nigeria on Tuesday, police said.\n\n"
        "In a separate attack on Wednesday, Boko Haram insurgents killed 14 farmers in a village, "
        "residents said.",
        published="2024-03-14",
    )
    placed = sorted((e.location, e.admin1, e.geo_precision, e.fatalities) for e in events)
    # (the province, not a village of it: the text names none)
    assert placed == [("Borno", "Borno", 3, 14), ("Gwoza", "Borno", 1, 5)]


def test_article_where_those_who_condemn_an_attack_are_is_not_where_it_happened() -> None:
    events = _factual(
        "Rebels killed 12 villagers near Beni, Congo, on Sunday. Officials in Kinshasa condemned the attack.",
        published="2024-05-07",
    )
    assert [(e.location, e.fatalities) for e in events] == [("Beni", 12)]
    # (those who do the deed are where it is: "residents of Kisii staged a protest")
    [protest] = _factual("Residents of Kisii, Kenya, staged a protest on Monday.", published="2024-05-07")
    assert protest.location == "Kisii"


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 12 people in Kisumu, Kenya, on 3 May 2021. Five police officers were injured.",
        "Police arrested 12 people in Kisumu, Kenya, on 3 May 2021, a rights group said. "
        "The ministry said five police officers were injured.",
    ],
)
def test_article_injured_police_after_arrests_invent_no_armed_group(text: str) -> None:
    # the injuries only add to the arrests: nobody fought back, and nothing makes it a clash
    [event] = _factual(text, "2021-05-04")
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Arrests",
        "Police Forces of Kenya",
        "Civilians (Kenya)",
    )


def test_article_weapons_seized_near_a_town_take_no_territory() -> None:
    # "seized two rifles" in a sentence that names a town is no town seized, and the killing
    # told before it stays an attack on civilians, not gunmen overrunning the army
    found = _factual(
        "Gunmen killed two farmers near Garissa, Kenya, on 3 March 2021, police said.\n\n"
        "Officers later arrested three suspects in a nearby market town and seized two rifles.",
        published="2021-03-05",
    )
    assert "Non-state actor overtakes territory" not in {e.sub_event_type for e in found}
    [attack] = [e for e in found if e.fatalities]
    assert (attack.sub_event_type, attack.actor2, attack.fatalities) == ("Attack", "Civilians (Kenya)", 2)


def test_article_one_strike_told_in_two_countries_is_an_event_in_each() -> None:
    # an event lies in one country: sites struck in two share the toll evenly, as ACLED codes it
    found = _factual(
        "US aircraft struck three militia sites in western Iraq and two in eastern Syria on "
        "3 March 2021, killing 25 fighters, the militia said.",
        published="2021-03-05",
    )
    assert sorted((e.country, e.fatalities) for e in found) == [("Iraq", 13), ("Syria", 12)]
    assert all("A toll of 25 told for several places, shared evenly." in e.notes for e in found)


def test_article_a_crackdown_told_across_a_country_is_the_deeds_its_cities_tell() -> None:
    events = _factual(
        "Security forces opened fire on protesters across Myanmar on Wednesday, killing nine "
        "people, witnesses said.\n\n"
        "Two people were killed in Mandalay, a witness said. One person was killed when police "
        "opened fire in Yangon.\n\n"
        "In the central town of Monywa, six people were shot dead, a local journalist said.",
        published="2021-03-03",
    )
    # each city its own toll (not the nine at the first city), the protesters shot by the side
    # the lead names where the city's own sentence names none
    assert sorted((e.location, e.fatalities, e.actor1, e.actor2) for e in events) == [
        ("Mandalay", 2, "Protesters (Myanmar)", "Military Forces of Myanmar"),
        ("Monywa", 6, "Protesters (Myanmar)", "Military Forces of Myanmar"),
        ("Yangon", 1, "Protesters (Myanmar)", "Police Forces of Myanmar"),
    ]
    assert {e.sub_event_type for e in events} == {"Excessive force against protesters"}
    # gunfire "on protests" hits several gatherings, and one sentence may tell two cities'
    # dead: each its own event, with its own toll
    events = _factual(
        "YANGON (Reuters) - Myanmar security forces opened fire on protests against military rule "
        "on Wednesday, killing nine people, witnesses said.\n\n"
        "Two people were killed in Mandalay, a witness said, and one person was killed when police "
        "opened fire in Yangon.\n\n"
        "In the central town of Monywa, six people were shot dead, a local journalist said.",
        published="2021-03-03",
    )
    assert sorted((e.location, e.fatalities, e.actor2) for e in events) == [
        ("Mandalay", 2, "Military Forces of Myanmar"),
        ("Monywa", 6, "Military Forces of Myanmar"),
        ("Yangon", 1, "Police Forces of Myanmar"),
    ]


def test_article_a_crackdown_in_several_cities_is_each_citys_deaths() -> None:
    # the cities' own tolls, told with the verb left out after the first; the deaths told with
    # no doer are the crackdown's, not an armed group's attacks on civilians
    events = _factual(
        "NAIROBI, Kenya (AP) - Police fired tear gas and live bullets at protesters in several "
        "cities on Tuesday, killing at least eight people, a human rights group said.\n\n"
        "Amnesty International Kenya said five people were killed in Nairobi, two in Nakuru and one "
        "in Kisumu.",
        published="2024-06-26",
    )
    assert sorted((e.location, e.fatalities, e.actor1, e.actor2) for e in events) == [
        ("Kisumu", 1, "Protesters (Kenya)", "Police Forces of Kenya"),
        ("Nairobi", 5, "Protesters (Kenya)", "Police Forces of Kenya"),
        ("Nakuru", 2, "Protesters (Kenya)", "Police Forces of Kenya"),
    ]
    assert {e.sub_event_type for e in events} == {"Excessive force against protesters"}


@pytest.mark.parametrize(
    ("text", "records"),
    [
        (
            "Gunmen killed five people in Gao and three in Timbuktu on Monday, officials said.",
            [("Gao", 5), ("Timbuktu", 3)],
        ),
        # the figures divide a toll told for the country
        (
            "Jihadists killed eight civilians in Mali on Monday: five in Gao, two in Timbuktu and one "
            "in Mopti.",
            [("Gao", 5), ("Mopti", 1), ("Timbuktu", 2)],
        ),
        # a figure of something else is no list of places
        (
            "Gunmen killed five people in Gao on Monday and wounded three in hospital, officials said.",
            [("Gao", 5)],
        ),
    ],
)
def test_article_tolls_told_place_by_place_without_the_verb(
    text: str, records: list[tuple[str, int]]
) -> None:
    events = _factual("BAMAKO, Mali (AFP) - " + text, published="2024-06-26")
    assert (
        sorted((e.location, e.fatalities) for e in events if e.event_type == "Violence against civilians")
        == records
    )


@pytest.mark.parametrize(
    "text",
    [
        "The attack took place on Monday evening in the village of Bankass in Mali, killing 12 "
        "people, an official said.",
        "The attack on Bankass in central Mali, which killed 12 people, happened on Monday evening, "
        "an official said.",
    ],
)
def test_article_the_day_a_deed_took_place_is_its_day(text: str) -> None:
    # "took place on Monday": the deed's day, not the day it was told
    [e] = _factual("BAMAKO (AFP) - " + text, published="2024-06-26")
    assert (e.event_date, e.fatalities) == ("2024-06-24", 12)


def test_article_the_attackers_told_again_at_a_village_near_a_town_is_the_leads_attack() -> None:
    # "the attackers" did the deed told before: the lead's, told again at the village near the
    # state capital, not a second attack (with no toll) at the capital
    text = (
        "MAIDUGURI, Nigeria (Reuters) - Suspected Islamist militants killed at least 15 farmers in "
        "northeast Nigeria's Borno state on Saturday, residents said.\n\n"
        "The attackers arrived on motorcycles in Kwaljiri village, about 20 km from the state "
        "capital Maiduguri, and opened fire on farmers working in their fields, a militia leader said."
    )
    assert [(e.location, e.geo_precision, e.fatalities) for e in _factual(text, published="2024-06-26")] == [
        ("Maiduguri", 2, 15)
    ]
    # gunmen who came back did another deed
    text = (
        "MAIDUGURI, Nigeria (Reuters) - Gunmen killed five farmers in Konduga in Borno state on "
        "Saturday, residents said.\n\n"
        "On Monday the gunmen returned and killed three traders in Bama, residents said."
    )
    assert sorted((e.location, e.fatalities) for e in _factual(text, published="2024-06-26")) == [
        ("Bama", 3),
        ("Konduga", 5),
    ]


def test_article_a_lead_at_the_province_told_again_at_the_district_is_one_record() -> None:
    # the body's "killed the militants" refers back to the lead's two
    events = _factual(
        "Local tribesmen shot dead two militants after a fierce gunbattle in Khyber Pakhtunkhwa "
        "province on Saturday, police said.\n\n"
        "The men of the Wazir tribe in Bannu district killed the militants, a police official said.",
        published="2024-10-19",
    )
    assert [(e.location, e.fatalities, e.actor1) for e in events] == [
        ("Bannu District", 2, "Wazir Tribal Militia (Pakistan)")
    ]
    # one side's deed with one toll, told at the region and at the town
    events = _factual(
        "A late-night Russian strike on the northeastern region of Kharkiv killed two people, the "
        "regional governor said on Friday.\n\n"
        "Governor Oleh Syniehubov said Russia shelled the town of Kupiansk late on Thursday, "
        "killing a man and a woman.",
        published="2024-03-08",
    )
    assert [(e.location, e.fatalities, e.actor1) for e in events] == [
        ("Kupyansk", 2, "Military Forces of Russia")
    ]


def test_article_a_round_up_of_a_province_each_with_its_own_toll_and_doer() -> None:
    events = _factual(
        "KABUL (Reuters) - A roadside bomb killed two policemen in Kandahar province on Monday, a "
        "provincial spokesman said.\n\n"
        "In neighbouring Helmand province, Taliban fighters attacked a checkpoint in Nad Ali "
        "district, killing four soldiers, officials said. Three attackers were also killed.\n\n"
        "Separately, a suicide bomber blew himself up near a mosque in the eastern city of "
        "Jalalabad, wounding six worshippers.",
        published="2019-05-08",
    )
    # "Taliban fighters" names the Taliban before August 2021 (the state's forces after it);
    # the attackers "also" killed are more dead of the fight, not its toll told again
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", "Unidentified Armed Group (Afghanistan)", 2),
        ("Armed clash", "Taliban", 7),
        ("Suicide bomb", "Unidentified Armed Group (Afghanistan)", 0),
    ]
    assert {e.event_date for e in events} == {"2019-05-06"}


def test_article_a_claim_told_the_next_day_is_the_attack_with_its_official_toll() -> None:
    events = _factual(
        "NIAMEY, Niger (AFP) - Suspected jihadists attacked an army post near Tillia in western "
        "Niger on Tuesday, the defence ministry said, adding that 11 soldiers were killed.\n\n"
        "The Islamic State group claimed the attack on Wednesday, saying its fighters had killed "
        "30 soldiers and seized weapons.",
        published="2024-05-09",
    )
    # the day of the claim is not the attack's, and the claimant's own count is not its toll
    assert [(e.event_date, e.location, e.fatalities, e.modality) for e in events] == [
        ("2024-05-07", "Tillia", 11, "claimed")
    ]
    assert events[0].actor1.startswith("Islamic State")


def test_article_a_toll_that_rose_is_the_final_figure_and_the_latest_attack_is_the_news() -> None:
    events = _factual(
        "MAIDUGURI, Nigeria (AP) — Two people were killed and 10 injured when a bomb exploded at "
        "a busy market in Maiduguri on Friday, police said.\n\n"
        "The death toll rose to five on Saturday, hospital officials said.",
        published="2024-05-09",
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2024-05-03", 5)]
    events = _factual(
        "BOGOTA (AFP) — Rebels have killed four soldiers in an attack with explosives in a rural "
        "part of Colombia's northwest, the army said.\n\n"
        "The army did not say when the attack took place. Peace talks were stalled for several "
        "months last year after an attack on a military base that killed three soldiers.\n\n"
        "The government condemned the latest attack on Thursday, accusing the ELN guerrilla "
        "group of making war.",
        published="2024-11-22",
    )
    # condemned on Thursday: done by then, not on the day of the report; the attack last year
    # is not the latest, and (placed nowhere, by no one) no record
    assert [(e.event_date, e.time_precision, e.fatalities, e.actor1) for e in events] == [
        ("2024-11-21", 2, 4, "ELN - National Liberation Army")
    ]


def test_article_a_group_named_for_its_habits_is_not_blamed_and_the_same_city_is_that_city() -> None:
    events = _factual(
        "KABUL, Afghanistan (AP) — A bomb hidden in a motorcycle exploded near a police vehicle in "
        "the eastern city of Jalalabad on Tuesday, killing three policemen, a provincial spokesman "
        "said.\n\n"
        "No one immediately claimed responsibility for the bombing, but the Taliban frequently "
        "target security forces in the province. The Islamic State group has also carried out "
        "attacks in Jalalabad.\n\n"
        "The blast came two days after a suicide bomber killed 14 people at a wedding in the same "
        "city.",
        published="2019-05-08",
    )
    assert [(e.event_date, e.actor1, e.location, e.fatalities, e.background) for e in events] == [
        ("2019-05-07", "Unidentified Armed Group (Afghanistan)", "Jalalabad", 3, False),
        ("2019-05-05", "Unidentified Armed Group (Afghanistan)", "Jalalabad", 14, True),
    ]


def test_article_a_cattle_camp_is_no_army_camp() -> None:
    [event] = _factual(
        "Gunmen killed 12 people in an attack on a cattle camp in Jonglei state, South Sudan, on "
        "Sunday, the UN mission said.",
        published="2019-05-08",
    )
    assert (event.sub_event_type, event.actor2, event.fatalities) == ("Attack", "Civilians (South Sudan)", 12)


@pytest.mark.parametrize(
    ("text", "record"),
    [
        # the weapon that names the strikes is no deed of its own, and a missile strike is
        # ACLED's shelling, artillery or missile attack
        (
            "Russian missile and drone strikes hit Kyiv overnight, killing four people.",
            (
                "Shelling/artillery/missile attack",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Kyiv",
                4,
            ),
        ),
        # a town the tagger took for an organisation, struck: where, in the country it lies in
        (
            "Russian missile strikes on Dnipro killed 11 civilians on Monday.",
            (
                "Shelling/artillery/missile attack",
                "Military Forces of Russia",
                "Civilians (Ukraine)",
                "Dnipro",
                11,
            ),
        ),
        (
            "A bomb attack on a market in Maiduguri killed five people on Monday.",
            (
                "Remote explosive/landmine/IED",
                "Unidentified Armed Group (Nigeria)",
                "Civilians (Nigeria)",
                "Maiduguri",
                5,
            ),
        ),
    ],
)
def test_article_strikes_named_by_their_weapon_are_one_deed_where_they_hit(
    text: str, record: tuple[str, str, str, str, int]
) -> None:
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities) for e in _factual(text)] == [
        record
    ]


def test_article_strikes_on_a_territory_hit_its_people_not_its_forces() -> None:
    [event] = _factual("Israeli air strikes on Gaza killed 20 people on Saturday, the health ministry said.")
    assert (event.actor1, event.actor2, event.fatalities) == (
        "Military Forces of Israel",
        "Civilians (Palestine)",
        20,
    )
    assert event.country == "Palestine"  # where they hit, though only the territory is named


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # a district only one country has, in a story that names none; the dead "also"
        # killed in the exchange of fire are more dead of it
        (
            "Security forces killed 15 militants in an operation in North Waziristan on Wednesday, "
            "the military said. Three soldiers were also killed in the exchange of fire.",
            [("Armed clash", "Military Forces of Pakistan", "North Waziristan District", 18)],
        ),
        # troops arriving after the attackers fled tell when they fled: no event of their own
        (
            "Gunmen stormed a church in Makurdi, Benue State, on Sunday, killing at least 12 "
            "worshippers, police said. The attackers, suspected to be herdsmen, fled before "
            "soldiers arrived.",
            [("Attack", "Unidentified Armed Group (Nigeria)", "Makurdi", 12)],
        ),
        # people who clashed with police, tear gas and the dead: one riot
        (
            "Hundreds of opposition supporters clashed with police in Nairobi on Tuesday. Police "
            "fired tear gas and live bullets; two protesters were shot dead, a hospital official "
            "said.",
            [("Violent demonstration", "Rioters (Kenya)", "Nairobi", 2)],
        ),
        # "the country's capital" is the story's country's; a separate attack's "also" compares
        # it with the others, it adds nothing to its own toll
        (
            "Gunmen killed two police officers in Somalia's capital on Saturday.\n\n"
            "Three people have also been killed in a separate suicide attack on a restaurant in "
            "the country's capital on Saturday.",
            [
                ("Armed clash", "Unidentified Armed Group (Somalia)", "Mogadishu", 2),
                ("Suicide bomb", "Unidentified Armed Group (Somalia)", "Mogadishu", 3),
            ],
        ),
        # attacks on three villages, then one village's toll: the village's record, its toll
        (
            "Gunmen killed 23 people in attacks on three villages in Zamfara State on Sunday, police "
            "said. In Gusau, 10 people were killed.",
            [("Attack", "Unidentified Armed Group (Nigeria)", "Gusau", 10)],
        ),
        # a village no gazetteer knows does not borrow the town of the next part of the sentence:
        # its ten dead are in the state the summary names (the other parts' tolls, told without
        # a verb, are not read)
        (
            "Gunmen killed 23 people in attacks on three villages in Zamfara State on Sunday, police "
            "said. In Kadawa, 10 people were killed; in Maru, eight; and in Tsafe, five.",
            [("Attack", "Unidentified Armed Group (Nigeria)", "Zamfara", 10)],
        ),
        # soldiers who shot a bomber did not set off the bombs
        (
            "Two suicide bombers blew themselves up at a market in Konduga on Saturday, killing 12 "
            "people. A third bomber was shot dead by soldiers before she could detonate her explosives.",
            [("Suicide bomb", "Unidentified Armed Group (Nigeria)", "Konduga", 12)],
        ),
        # shots fired in the air are no air strike
        (
            "Bandits fired in the air as they stormed Kayawa village in Diffa region, Niger, on Sunday "
            "and looted shops.",
            [("Attack", "Unidentified Armed Group (Niger)", "Diffa", 0)],
        ),
        # a group named after the bombing, for its habits, did not send the bomber
        (
            "A suicide bomber killed at least 12 people at a crowded market in Maiduguri on Tuesday, "
            "police said. The bomber, a young woman, detonated her explosives as traders were setting "
            "up their stalls. No group claimed responsibility, but Boko Haram has carried out similar "
            "bombings in the city.",
            [("Suicide bomb", "Unidentified Armed Group (Nigeria)", "Maiduguri", 12)],
        ),
        # weapons the attackers seized are part of their attack; the army's toll, not the
        # attackers' boast
        (
            "Al-Shabaab militants attacked a military base near Baidoa on Monday, officials said.\n\n"
            "The group said in a statement that its fighters killed 30 soldiers and seized weapons.\n\n"
            "An army officer said five soldiers and 12 militants died in the fighting.",
            [("Armed clash", "Al Shabaab", "Baidoa", 17)],
        ),
        # protesters shot dead by no one named die in the protest the police met, not in the
        # city told next
        (
            "Police fired tear gas at thousands of protesters in Nairobi on Wednesday.\n\n"
            "At least two protesters were shot dead, a rights group said.\n\n"
            "Protests also took place in Mombasa on Wednesday.",
            [
                ("Excessive force against protesters", "Protesters (Kenya)", "Nairobi", 2),
                ("Peaceful protest", "Protesters (Kenya)", "Mombasa", 0),
            ],
        ),
        # a side's count of its enemies' dead that the report disowns is no toll
        (
            "Resistance fighters ambushed a military column in Demoso township, Kayah State, on Monday, "
            "the Karenni Nationalities Defence Force said.\n\nAccording to the KNDF, 20 junta soldiers "
            "were killed in the ambush. The claim could not be independently verified.",
            [("Armed clash", "Military Forces of Myanmar", "Dimawso", 0)],
        ),
    ],
)
def test_article_reports_as_a_coder_reads_them(text: str, records: list[tuple[str, str, str, int]]) -> None:
    assert [(e.sub_event_type, e.actor1, e.location, e.fatalities) for e in _factual(text)] == records


def test_article_a_town_taken_is_taken_from_a_side() -> None:
    # the town's people lose nothing; the side it was taken from does
    [event] = _factual("Malian troops recaptured the town of Kidal on Tuesday.", published="2024-05-08")
    assert (event.sub_event_type, event.actor2) == ("Government regains territory", "")
    [event] = _factual("M23 rebels seized the town of Bunagana from the Congolese army on Tuesday.")
    assert (event.actor1, event.actor2) == (
        "M23 - March 23 Movement",
        "Military Forces of the Democratic Republic of Congo",
    )


def test_article_a_claim_that_names_no_deed_claims_the_last_one_told() -> None:
    [event] = _factual(
        "A roadside bomb killed six soldiers in Borno State on Monday, the army said. The Islamic "
        "State West Africa Province later claimed responsibility.",
        published="2024-05-08",
    )
    assert (event.actor1, event.modality, event.fatalities) == ("Islamic State (West Africa)", "claimed", 6)
    # no claim, and a group named for its habits: nobody's
    [event] = _factual(
        "A suicide bomber killed 12 people at a market in Maiduguri on Monday. No group has "
        "claimed responsibility, but Boko Haram often carries out such attacks.",
        published="2024-05-08",
    )
    assert (event.actor1, event.modality) == ("Unidentified Armed Group (Nigeria)", "asserted")


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # a present perfect with its own toll is news, not a habit
        (
            "Militants have staged attacks on police checkpoints in Balochistan, killing six "
            "officers, officials said.",
            [("Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan", 6)],
        ),
        # one side's two tolls of two in a province and a town of it: two deeds on other people
        (
            "Al-Shabaab fighters killed two soldiers in Lower Shabelle region on Monday. On Monday, "
            "al-Shabaab killed two civilians in Afgoye.",
            [("Al Shabaab", "Military Forces of Somalia", 2), ("Al Shabaab", "Civilians (Somalia)", 2)],
        ),
        # "the passengers" were told of for the first time: another deed
        (
            "Militants killed five soldiers in Borno state on Monday. In Konduga, gunmen stopped a bus "
            "on Monday and killed the passengers.",
            [
                ("Unidentified Armed Group (Nigeria)", "Military Forces of Nigeria", 5),
                ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 3),
            ],
        ),
        # fighters who mounted the attack revise no toll
        (
            "Boko Haram fighters killed 10 people in Gwoza on Sunday. The fighters mounted the attack "
            "at night, killing seven people.",
            [
                (
                    "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah "
                    "lid-Dawatai wal-Jihad",
                    "Civilians (Nigeria)",
                    10,
                )
            ],
        ),
        # a bomb told after a crackdown is no shooting of the crackdown's
        (
            "Soldiers opened fire on protesters across Myanmar on Wednesday, killing nine. In "
            "Mandalay, two people were killed when a bomb exploded near a police station.",
            [("Unidentified Armed Group (Myanmar)", "Civilians (Myanmar)", 2)],
        ),
        # a country fought with is its forces, only one struck "on" is a place
        (
            "Ukrainian troops clashed with Russia near Bakhmut on Monday.",
            [("Military Forces of Ukraine", "Military Forces of Russia", 0)],
        ),
    ],
)
def test_article_what_the_wire_rules_leave_alone(text: str, records: list[tuple[str, str, int]]) -> None:
    assert [(e.actor1, e.actor2, e.fatalities) for e in _factual(text, published="2024-05-08")] == records


def test_article_a_town_whose_name_the_tokenizer_cut_at_its_hyphen_is_found() -> None:
    [event] = _factual(
        "Rebels seized the town of Kaga-Bandoro in the Central African Republic on Tuesday, a "
        "military source said.",
        published="2012-12-25",
    )
    assert (event.location, event.geo_precision, event.country) == (
        "Kaga-Bandoro",
        1,
        "Central African Republic",
    )


@pytest.mark.parametrize(
    "text",
    [
        "A bus collided with a truck near Kano on Monday, killing 12 passengers.",
        "A car was hit by a truck in Kano on Monday, killing the driver.",
        "A bus overturned near Kano on Monday, killing 12 passengers.",
        "A truck killed three pedestrians in Kano on Monday.",
        "Lightning hit a house in Kano on Monday.",
    ],
)
def test_article_a_road_accident_is_no_event(text: str) -> None:
    assert _factual(text) == []


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # a vehicle that hits a mine, or carries the bomb, is no accident
        (
            "A bus hit a landmine near Kano on Monday, killing 12 passengers.",
            [("Remote explosive/landmine/IED", "Civilians (Nigeria)", 12)],
        ),
        (
            "A car packed with explosives exploded in Mogadishu on Monday, killing five soldiers.",
            [("Remote explosive/landmine/IED", "Military Forces of Somalia", 5)],
        ),
        # "killing them": the people the deed before it hit (not the bus they rode in)
        (
            "A police vehicle ran over two protesters in Nairobi on Monday, killing them.",
            [("Excessive force against protesters", "Police Forces of Kenya", 2)],
        ),
        (
            "Gunmen opened fire on five soldiers in Zamfara on Monday, killing them.",
            [("Armed clash", "Military Forces of Nigeria", 5)],
        ),
        (
            "Gunmen stopped a bus in Zamfara on Monday and killed them.",
            [("Attack", "Civilians (Nigeria)", 0)],
        ),
        # insurgents who struck a village attacked it; a house hit in a war zone was shelled
        (
            "Insurgents struck a village near Chibok in Borno State on Sunday and burned houses, "
            "residents said.",
            [("Attack", "Civilians (Nigeria)", 0)],
        ),
        (
            "A private house was hit in Kherson on Monday. An elderly woman died on the spot from her "
            "injuries.",
            [("Shelling/artillery/missile attack", "Civilians (Ukraine)", 1)],
        ),
    ],
)
def test_article_vehicles_and_the_people_a_deed_hit(text: str, records: list[tuple[str, str, int]]) -> None:
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in _factual(text)] == records


def test_article_a_siege_ended_the_next_morning_is_one_event_with_its_risen_toll() -> None:
    events = _factual(
        "MOGADISHU, Somalia (AP) — Al-Shabab extremists stormed a hotel in Somalia's capital on Friday "
        "night, killing at least 10 people in a siege that lasted several hours, police said.\n\n"
        "Security forces ended the siege on Saturday morning after killing the four attackers, police "
        "spokesman Abdifatah Aden said. The death toll rose to 21 on Saturday, officials said.",
        published="2022-08-21",
    )
    assert [(e.event_date, e.actor1, e.actor2, e.location, e.fatalities) for e in events] == [
        ("2022-08-19", "Al Shabaab", "Military Forces of Somalia", "Mogadishu", 21)
    ]


def test_article_an_agreement_has_both_parties_and_a_wars_tally_hits_no_one_in_a_battle() -> None:
    events = _factual(
        "Sudan's army and the paramilitary Rapid Support Forces agreed on Saturday to a seven-day "
        "ceasefire, mediators said.\n\n"
        "Fighting continued in Khartoum on Sunday, with residents reporting air strikes and artillery "
        "fire in the south of the city.\n\n"
        "The conflict, which began on April 15, has killed more than 600 people.",
        published="2023-05-21",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Agreement", "Military Forces of Sudan", "RSF: Rapid Support Forces", 0),
        ("Armed clash", "Unidentified Armed Group (Sudan)", "", 0),
    ]


def test_article_an_attack_named_again_after_its_year_is_no_news_of_the_day() -> None:
    # a sentence for an attack of 2013, then "the attack": neither is an event of the report
    events = _factual(
        "A court in Nairobi on Monday sentenced three men to life in prison for their role in the 2013 "
        "attack on the Westgate shopping mall, in which 67 people were killed.\n\n"
        "The attack was claimed by al-Shabab.",
        published="2022-11-15",
    )
    assert events == []


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # the person told before, attacked where the next sentence says: one killing, there
        (
            "Gunmen shot dead a local councillor in the Mexican state of Guerrero on Wednesday, the state "
            "prosecutor's office said.\n\nThe councillor, who belonged to the ruling Morena party, was "
            "attacked as he left his home in the town of Chilapa.",
            [("Attack", "Unidentified Armed Group (Mexico)", "Civilians (Mexico)", "Chilapa de Alvarez", 1)],
        ),
        # two crowds that fought each other are rioters on both sides
        (
            "Supporters of two rival parties clashed in the town of Kishoreganj, Bangladesh, on Tuesday "
            "ahead of local elections, leaving one man dead and 20 injured, police said.",
            [("Mob violence", "Rioters (Bangladesh)", "Rioters (Bangladesh)", "Kishorganj", 1)],
        ),
    ],
)
def test_article_whom_a_deed_hit_and_where(text: str, records: list[tuple[str, str, str, str, int]]) -> None:
    events = _factual(text, published="2022-11-15")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities) for e in events] == records


@pytest.mark.parametrize(
    ("text", "published", "record"),
    [
        # the day the army spoke is not the day of the strikes it reports "over the weekend";
        # who killed in air strikes made them
        (
            "The army said on Tuesday it had killed 45 terrorists in air strikes on their hideouts in "
            "the Sambisa forest in Borno state over the weekend.",
            "2023-11-01",
            ("2023-10-28", 2, "Air/drone strike", "Military Forces of Nigeria", 45),
        ),
        # a government's helicopters are its armed forces; the dead the parser gave to the
        # speaker are the dead of the bombs
        (
            "Syrian government helicopters dropped barrel bombs on the rebel-held town of Daraya on "
            "Thursday, killing at least seven people, the Syrian Observatory for Human Rights said.",
            "2023-11-01",
            ("2023-10-26", 1, "Air/drone strike", "Military Forces of Syria", 7),
        ),
    ],
)
def test_article_a_reported_deeds_day_doer_and_dead(
    text: str, published: str, record: tuple[str, int, str, str, int]
) -> None:
    [e] = _factual(text, published=published)
    assert (e.event_date, e.time_precision, e.sub_event_type, e.actor1, e.fatalities) == record


def test_article_missiles_shot_down_are_disrupted_weapons_use_not_a_strike_by_the_defender() -> None:
    events = _factual(
        "Russian missiles struck energy infrastructure in the western Ukrainian city of Lviv early on "
        "Wednesday, the regional governor said. No casualties were reported.\n\n"
        "Ukraine's air force said it had shot down 18 of the 24 missiles launched overnight.",
        published="2023-03-02",
    )
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", "Military Forces of Russia", 0),
        ("Disrupted weapons use", "Military Forces of Ukraine", 0),
    ]


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # a bombing that "came hours after" another is the same day's; the blast in a part of
        # the city is the city's bombing told again
        (
            "BAGHDAD (AP) — A car bomb exploded near a crowded market in the Iraqi capital on Thursday, "
            "killing at least 15 people and wounding 40, police and hospital officials said.\n\n"
            "The blast in the Shiite neighborhood of Sadr City came hours after a roadside bomb killed "
            "two soldiers in the northern city of Mosul.",
            [
                ("2023-03-02", "Civilians (Iraq)", "Baghdad", 15),
                ("2023-03-02", "Military Forces of Iraq", "Mosul", 2),
            ],
        ),
        # rival gangs that exchanged fire are gangs on both sides, not gangs and their dead
        (
            "Two people were killed and several others injured when rival gangs exchanged fire in the "
            "Haitian capital's Carrefour-Feuilles neighborhood on Tuesday, residents said.",
            [("2023-02-28", "Unidentified Armed Group (Haiti)", "Port-au-Prince - Feuilles", 2)],
        ),
    ],
)
def test_article_the_days_and_sides_of_bombings_and_gang_fights(
    text: str, records: list[tuple[str, str, str, int]]
) -> None:
    events = _factual(text, published="2023-03-02")
    assert [(e.event_date, e.actor2, e.location, e.fatalities) for e in events] == records


@pytest.mark.parametrize(("km", "records"), [(25, [("Djibo", 2, 11)]), (95, [])])
def test_article_a_village_no_gazetteer_has_is_placed_near_the_town_it_is_measured_from(
    km: int, records: list[tuple[str, int, int]]
) -> None:
    # within 50 km, near that town (precision 2); farther, never there (placed no closer than
    # its country beside a placed record, it is not printed)
    events = _factual(
        "Gunmen attacked the village of Pobe-Mengao in northern Burkina Faso on Saturday, killing 11 "
        "people, a local source said.\n\n"
        f"Residents fled to the town of Djibo, which is {km} kilometres from Pobe-Mengao.",
        published="2019-10-28",
    )
    attacks = [e for e in events if e.sub_event_type == "Attack"]
    assert [(e.location, e.geo_precision, e.fatalities) for e in attacks] == records


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # a separate attack stays apart, and a raid of the next day is no end of the first
        (
            "Al-Shabaab fighters attacked a police station in Mogadishu, Somalia, on Monday. In a separate "
            "attack, al-Shabaab fighters stormed a hotel in Mogadishu on Monday.",
            [("2024-03-11", "Armed clash", 0), ("2024-03-11", "Attack", 0)],
        ),
        (
            "ISWAP fighters attacked a military base in Monguno, Borno State, on Monday, killing five "
            "soldiers. On Tuesday, Nigerian troops killed 40 ISWAP fighters in Monguno.",
            [("2024-03-11", "Armed clash", 5), ("2024-03-12", "Armed clash", 40)],
        ),
        # a strike told beside an interception is a strike (and the interception one of its own)
        (
            "Air defences intercepted 20 drones over Kyiv on Monday, but a missile hit an apartment block "
            "in Kharkiv, killing three people.",
            [
                ("2024-03-11", "Disrupted weapons use", 0),
                ("2024-03-11", "Shelling/artillery/missile attack", 3),
            ],
        ),
        # a claim of "Sunday's bombing" dates the bombing to Sunday
        (
            "Islamic State claimed Sunday's bombing of a church in Jolo, Philippines.",
            [("2024-03-10", "Remote explosive/landmine/IED", 0)],
        ),
        # two towns are two places, however close
        (
            "An Israeli air strike killed 10 people in Jabalia, Gaza, on Monday. In Gaza City, the air "
            "strike on a school killed six people on Monday.",
            [("2024-03-11", "Air/drone strike", 10), ("2024-03-11", "Air/drone strike", 6)],
        ),
        # the people fired at, not the bullets fired
        (
            "Gunmen fired dozens of bullets at two policemen in Kano, Nigeria, on Monday, killing them.",
            [("2024-03-11", "Armed clash", 2)],
        ),
        # a drone that crashed into a block was sent; a bus that overturned was not
        (
            "A Ukrainian drone crashed into an apartment block in Belgorod, Russia, on Monday, killing two.",
            [("2024-03-11", "Air/drone strike", 2)],
        ),
        # no violence: a deal struck, power cuts, a proposal shot down; an officer shot down is
        # shot, not a weapon caught
        ("Taliban fighters struck a deal with tribal elders in Kandahar, Afghanistan, on Monday.", []),
        ("Power cuts hit homes and hospitals in Lagos, Nigeria, on Monday.", []),
        ("Parliament shot down the proposal in Kampala, Uganda, on Monday.", []),
        (
            "Gunmen shot down a police officer in Peshawar, Pakistan, on Monday.",
            [("2024-03-11", "Armed clash", 0)],
        ),
        # a claim of something else that could not be verified leaves the toll
        (
            "Al-Shabaab said its fighters killed 40 Kenyan soldiers in Lamu, Kenya, on Monday. The group's "
            "claim that it also captured armoured vehicles could not be independently verified.",
            [("2024-03-11", "Armed clash", 40)],
        ),
    ],
)
def test_article_what_each_rule_leaves_alone(text: str, records: list[tuple[str, str, int]]) -> None:
    assert [(e.event_date, e.sub_event_type, e.fatalities) for e in _factual(text)] == records


def test_article_a_habit_since_a_dated_event_is_a_tally_not_an_event() -> None:
    events = _factual(
        "Separately, Russian shelling killed two people in the southern city of Kherson on Thursday, "
        "the regional governor said.\n\n"
        "Russia has repeatedly struck Ukrainian cities since its full-scale invasion in February 2022, "
        "killing thousands of civilians, according to the U.N.",
        published="2023-10-06",
    )
    assert [(e.event_date, e.location, e.fatalities) for e in events] == [("2023-10-05", "Kherson", 2)]


@pytest.mark.parametrize(
    ("text", "published", "record"),
    [
        # "took control of", "took over": a place taken; a company or a situation is none
        (
            "Islamist fighters took over the town of Mocimboa da Praia in Mozambique on Wednesday.",
            "2022-06-14",
            (
                "Non-state actor overtakes territory",
                "Unidentified Armed Group (Mozambique)",
                "Mocimboa da Praia",
            ),
        ),
        (
            "Rebels took control of Goma, Congo, on Tuesday.",
            "2022-06-14",
            (
                "Non-state actor overtakes territory",
                "Unidentified Armed Group (Democratic Republic of Congo)",
                "Goma",
            ),
        ),
        # a headquarters captured after weeks of fighting: taken, not only fought over
        (
            "The Arakan Army said on Sunday it had captured a military headquarters in Paletwa township in "
            "Myanmar's Chin State after weeks of fighting. The junta did not respond to a request for "
            "comment.",
            "2024-01-15",
            ("Non-state actor overtakes territory", "ULA/AA: United League of Arakan/Arakan Army", "Chin"),
        ),
        # a town no one fought for: a non-violent transfer of territory (ACLED)
        (
            "M23 rebels took control of the town of Rutshuru in Congo's North Kivu province on Sunday "
            "without a fight after the army withdrew, residents said.",
            "2022-06-14",
            ("Non-violent transfer of territory", "M23 - March 23 Movement", "Rutshuru"),
        ),
    ],
)
def test_article_a_place_taken(text: str, published: str, record: tuple[str, str, str]) -> None:
    [e] = _factual(text, published=published)
    assert (e.sub_event_type, e.actor1, e.location) == record


@pytest.mark.parametrize(
    "text",
    [
        "The new CEO took over the company on Monday.",
        "Police took control of the situation in Nairobi on Monday.",
    ],
)
def test_article_a_company_or_a_situation_taken_is_no_territory(text: str) -> None:
    assert [e for e in _factual(text) if e.event_type == "Battles"] == []


@pytest.mark.parametrize(
    ("text", "published", "records"),
    [
        # the day of the deed, not of the series it is counted in
        (
            "Gunmen killed a prominent human rights lawyer in the southern Mexican state of Oaxaca on "
            "Tuesday, the state prosecutor said, the third activist killed in the state this year.",
            "2023-05-10",
            [("2023-05-09", "Attack", "Oaxaca", 1)],
        ),
        # a death in the riot an arrest set off is the riot's, not the arrest's
        (
            "Thousands of supporters of former Prime Minister Imran Khan clashed with police in Lahore on "
            "Wednesday after he was arrested in Islamabad on corruption charges. Police fired tear gas and "
            "protesters set fire to vehicles. At least one person was killed, officials said.",
            "2023-05-10",
            [("2023-05-10", "Violent demonstration", "Lahore", 1), ("2023-05-10", "Arrests", "Islamabad", 0)],
        ),
    ],
)
def test_article_a_deeds_own_day_and_own_dead(
    text: str, published: str, records: list[tuple[str, str, str, int]]
) -> None:
    events = _factual(text, published=published)
    assert [(e.event_date, e.sub_event_type, e.location, e.fatalities) for e in events] == records


def test_article_a_namesake_far_from_the_town_the_text_measures_it_from_is_no_place_of_the_event() -> None:
    # the city of Kaya lies 125 km from Djibo: the village "20 km north of Djibo" is near Djibo
    [event] = _factual(
        "Gunmen attacked the village of Kaya, some 20 km north of Djibo, in Burkina Faso on Saturday, "
        "killing 11 people.",
        published="2019-10-28",
    )
    assert (event.location, event.geo_precision, event.admin1) == ("Djibo", 2, "Sahel")


def test_article_a_quoted_toll_is_the_shellings_and_a_drone_is_caught_by_who_tells_it() -> None:
    # the deaths in the governor's quote are Kupyansk's, not the story's home country's; the
    # Ukrainian drone was caught by Russia, whose ministry tells it, and is Ukraine's (actor 2)
    events = _factual(
        'Kharkiv region Governor Oleh Syniehubov said Russia launched a "series of shelling" attacks on '
        "the town of Kupyansk late on Thursday night.\n\n"
        '"Houses and cars were damaged. A 64-year-old woman and a 58-year-old man died," he wrote on '
        "Telegram.\n\n"
        "Meanwhile, in Moscow, the Russian Defense Ministry said it intercepted 16 Ukrainian drones in the "
        "early hours of Friday. Another Ukrainian drone was shot down over the western Belgorod border "
        "region, the Russian Defense Ministry said.",
        published="2024-03-08",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities) for e in events] == [
        (
            "Shelling/artillery/missile attack",
            "Unidentified Armed Group (Ukraine)",
            "Civilians (Ukraine)",
            "Kupyansk",
            2,
        ),
        ("Disrupted weapons use", "Military Forces of Russia", "Military Forces of Ukraine", "Russia", 0),
    ]


def test_article_a_strike_told_beside_fighting_between_two_sides_is_neither_sides() -> None:
    # "as fighting between federal forces and Fano militiamen showed no sign of easing": the
    # state of the war, no event, and no doer for the strike (two sides are named)
    [e] = _factual(
        "ADDIS ABABA (Reuters) - A drone strike on a busy market in Ethiopia's Amhara region killed "
        "at least 11 people on Monday, residents said, as fighting between federal forces and Fano "
        "militiamen showed no sign of easing.",
        published="2025-02-12",
    )
    assert (e.sub_event_type, e.actor1, e.fatalities) == (
        "Air/drone strike",
        "Unidentified Armed Group (Ethiopia)",
        11,
    )


def test_article_a_commanders_boast_of_his_fighters_kills_is_his_groups_claim() -> None:
    # "his fighters": the speaker's side; the figure the report could not verify is no toll
    text = (
        "ADDIS ABABA (Reuters) - A Fano commander, Desalegn Tilahun, told Reuters by phone that his "
        "fighters had overrun an army camp near Dembecha in Ethiopia's Amhara region on Tuesday and "
        "killed more than 50 soldiers. The government did not comment on the claim, and Reuters "
        "could not verify it."
    )
    [e] = eventwire.code(text, published="2025-02-12")
    assert (e.actor1, e.actor2, e.fatalities, e.modality) == (
        "Fano Militia",
        "Military Forces of Ethiopia",
        0,
        "claimed",
    )
    # a family is no band of fighters
    [e] = _factual(
        "ADDIS ABABA (Reuters) - A Fano commander said his family had been killed near Dembecha in "
        "Ethiopia's Amhara region on Tuesday.",
        published="2025-02-12",
    )
    assert e.actor1 == "Unidentified Armed Group (Ethiopia)"


def test_article_with_no_date_a_tally_stays_a_tally_and_a_month_names_no_year() -> None:
    # with no publication date, a tally is still no event, and "In January" is a time of its
    # own that no year places (not the year another paragraph named)
    events = eventwire.code(
        "ADDIS ABABA (Reuters) - Fano, a network of Amhara militias, took up arms against the "
        "government in 2023.\n\n"
        "The United Nations said last week that at least 70 civilians had been killed in drone "
        "strikes in Ethiopia's Amhara region since the start of the year. In January, a drone strike "
        "on a minibus near Bure killed at least six people, according to residents.",
        published=None,
    )
    assert [(e.event_date, e.location, e.fatalities) for e in events if e.modality in FACTUAL] == [
        (None, "Bure", 6)
    ]


def test_article_an_ied_naxalites_triggered_killed_the_jawans_it_hit() -> None:
    # armed people "triggered" the bomb (a vehicle that triggers one is hit by it); the dead
    # jawans are police; the dateline's day is the filing day, not the blast's
    [e] = _factual(
        "Raipur, Jan 30 (PTI) Two jawans of the District Reserve Guard (DRG) were killed and three "
        "others injured when Naxalites triggered an improvised explosive device (IED) in "
        "Chhattisgarh's Sukma district on Monday, police said.",
        published="2024-01-30",
    )
    assert (e.event_date, e.sub_event_type, e.actor1, e.actor2, e.fatalities) == (
        "2024-01-29",
        "Remote explosive/landmine/IED",
        "CPI (Maoist): Communist Party of India (Maoist)",
        "Police Forces of India",
        2,
    )


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "On Tuesday, security personnel came under attack from Maoists in a forest near Sukma, an "
            "official said.",
            [("CPI (Maoist): Communist Party of India (Maoist)", "Police Forces of India")],
        ),
        # criticism is no gunfire ("came under fire" alone tells no event)
        ("On Tuesday, the minister came under fire from opposition parties in Sukma, an official said.", []),
        ("On Tuesday, the Indian army came under fire from Amnesty International in Sukma.", []),
    ],
)
def test_article_coming_under_fire_from_someone_is_their_attack(
    text: str, sides: list[tuple[str, str]]
) -> None:
    events = _factual("Raipur, Jan 30 (PTI) " + text, published="2024-01-30")
    assert [(e.actor1, e.actor2) for e in events] == sides


def test_article_a_group_told_as_al_qaedas_affiliate_is_not_al_qaeda() -> None:
    [e] = _factual(
        "BAMAKO (Reuters) - Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al Qaeda's affiliate in the "
        "Sahel, said on Monday that its fighters had carried out an ambush near Ansongo in Mali on "
        "Sunday.",
        published="2024-02-20",
    )
    assert e.actor1 == "JNIM: Group for Support of Islam and Muslims"


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # both sides' dead, each told by its own verb, are the event's
        (
            "Militants attacked an army post near Ansongo in Mali on Sunday, the army said. Seven "
            'soldiers were killed and 11 wounded, and 18 assailants were "neutralised" when troops '
            "fought back, the statement said.",
            25,
        ),
        # a subset told with "including" is not added
        (
            "Militants attacked an army post near Ansongo in Mali on Sunday. Five people were killed, "
            "including three soldiers, the army said.",
            5,
        ),
    ],
)
def test_article_the_dead_of_both_sides_of_a_fight_add_up(text: str, dead: int) -> None:
    [e] = _factual("BAMAKO (Reuters) - " + text, published="2024-02-20")
    assert e.fatalities == dead


def test_article_soldiers_who_killed_and_lost_men_in_fighting_fought_it() -> None:
    [e] = _factual(
        "NIAMEY (Reuters) - Soldiers killed 12 militants and lost two of their own in fighting on "
        "Saturday near Ayorou in Niger, the ministry said.",
        published="2024-02-20",
    )
    assert (e.actor1, e.actor2, e.fatalities) == (
        "Military Forces of Niger",
        "Unidentified Armed Group (Niger)",
        14,
    )


def test_article_air_strikes_officials_tell_are_not_theirs() -> None:
    # "security officials said": a source, not the doer of a drone strike
    [e] = _factual(
        "ERBIL (Reuters) - A drone strike killed two members of a Yazidi armed group in northern "
        "Iraq's Sinjar district on Monday, security officials said.",
        published="2024-08-20",
    )
    assert e.actor1 == "Unidentified Armed Group (Iraq)"


def test_article_air_strikes_an_army_tells_are_its_own() -> None:
    # the army tells its own strikes; "several dozen" is dozens (12), not several (3)
    [e] = _factual(
        "OUAGADOUGOU (AFP) - The army said in a statement on Sunday that air strikes near Arbinda in "
        'Burkina Faso on Friday had "neutralised several dozen terrorists".',
        published="2023-11-06",
    )
    assert (e.sub_event_type, e.actor1, e.fatalities) == (
        "Air/drone strike",
        "Military Forces of Burkina Faso",
        12,
    )


def test_article_settlers_told_near_a_town_in_the_lead_and_at_their_village_after_are_one_deed() -> None:
    # the lead places the arson only near Ramallah; the body names the village near it
    events = _factual(
        "RAMALLAH, Palestinian Territories (AFP) - Israeli forces arrested nine Palestinians in Hebron "
        "on Tuesday, while settlers torched cars in a village near Ramallah overnight.\n\n"
        "In Turmus Ayya, northeast of Ramallah, Israeli settlers set fire to four cars and sprayed "
        "graffiti on the walls of homes overnight, the head of the village council said.",
        published="2024-07-09",
    )
    arson = [e for e in events if e.sub_event_type == "Looting/property destruction"]
    assert [(e.actor1, e.location, e.admin1) for e in arson] == [
        ("Settlers (Israel)", "Turmus‘ayya", "West Bank")
    ]


def test_article_a_toll_since_a_day_is_a_tally_not_an_event_of_that_day() -> None:
    # "since October 7" starts a tally; the West Bank is a province of its own now, so the
    # tally would otherwise stand as an event there
    events = _factual(
        "RAMALLAH (AFP) - Israeli forces killed a man in Jenin in the occupied West Bank on Monday, "
        "the health ministry said.\n\n"
        "The health ministry says around 120 Palestinians have been killed in the West Bank since "
        "October 7.",
        published="2023-10-31",
    )
    assert [(e.event_date, e.location, e.fatalities) for e in events] == [("2023-10-30", "Janin", 1)]


def test_article_the_same_checkpoint_hit_before_is_in_the_town_of_the_news() -> None:
    events = eventwire.code(
        "MOGADISHU, Sept 24 (Reuters) - A suicide car bomber struck a military checkpoint in the "
        "Somali capital Mogadishu on Tuesday, killing at least five people, police said. Several of "
        "the wounded died at Medina hospital.\n\n"
        "The same checkpoint was hit in March by a suicide bomber in an attack claimed by al Shabaab "
        "that killed nine people, police said at the time.",
        published="2024-09-24",
    )
    assert sorted((e.event_date, e.location, e.fatalities, e.background) for e in events) == [
        ("2024-03-15", "Mogadishu", 9, True),
        ("2024-09-24", "Mogadishu", 5, False),
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # "Regime shelling killed ...", parsed with "Regime" the subject of "killed"
        (
            "Regime shelling killed a woman and her two children in the Syrian town of Ariha on "
            "Tuesday, a war monitor said.",
            ("Military Forces of Syria", "Civilians (Syria)"),
        ),
        # fighters "from" a named group are that group's
        (
            "On Monday, Russian air strikes on the outskirts of Jisr al-Shughur in Syria's Idlib "
            "province killed four fighters from Hayat Tahrir al-Sham (HTS), the jihadist group that "
            "controls much of the region, a war monitor said.",
            ("Military Forces of Russia", "HTS: Hayat Tahrir al Sham"),
        ),
    ],
)
def test_article_who_shelled_and_who_was_hit_in_syria(text: str, sides: tuple[str, str]) -> None:
    [e] = _factual("Beirut (AFP) - " + text, published="2023-08-29")
    assert (e.actor1, e.actor2) == sides


def test_article_a_claim_of_kills_and_a_monitors_count_of_the_dead() -> None:
    # "put the army's losses at three dead": the monitor's figure, not the attackers' boast
    [e] = _factual(
        "Beirut (AFP) - HTS said in a statement that its fighters had attacked an army position near "
        "Saraqeb in Syria late on Monday and killed seven soldiers. The Observatory put the army's "
        "losses at three dead.",
        published="2023-08-29",
    )
    assert (e.actor1, e.fatalities) == ("HTS: Hayat Tahrir al Sham", 3)


def test_article_tolls_place_by_place_where_the_first_place_is_unknown() -> None:
    # Mbau is in no gazetteer: its eight dead are not Oicha's; the lead's total over "two
    # localities" is the sum of the parts, no event of its own
    events = _factual(
        "GOMA, Congo (AP) — Rebels killed 13 people in attacks on two localities in eastern Congo's "
        "North Kivu province, an army spokesman said Thursday.\n\n"
        "Fighters of the Allied Democratic Forces attacked Mbau and Oicha in Beni territory late "
        "Tuesday, killing eight people in Mbau and five in Oicha, the spokesman said.",
        published="2024-05-16",
    )
    assert [(e.location, e.fatalities) for e in events] == [("Hyosha", 5)]


def test_article_a_strike_told_in_the_lead_and_placed_and_dated_after_is_one_record() -> None:
    # the lead's dead are counted though the parser made them the speakers; "The strike took
    # place on Sunday" dates the lead's strike and places it near Ye-U; bodies recovered "by
    # the following morning" are not dead of another day; "for fear of arrest" is no arrest
    text = (
        "BANGKOK (AP) — An airstrike by Myanmar's military on a Buddhist monastery sheltering "
        "displaced villagers in the northwestern Sagaing region killed at least 14 people, including "
        "six children, a local resistance group and an aid worker said.\n\n"
        "The strike took place on Sunday at around 2 p.m. in a village about 10 kilometers north of "
        "Ye-U, according to a member of the local People's Defense Force.\n\n"
        "An aid worker said 14 bodies had been recovered by the following morning. He spoke on "
        "condition of anonymity for fear of arrest by the authorities."
    )
    events = _factual(text, published="2024-11-13")
    assert [(e.event_date, e.actor1, e.location, e.geo_precision, e.fatalities) for e in events] == [
        ("2024-11-10", "Military Forces of Myanmar", "Ye-u", 2, 14)
    ]


def test_article_a_group_named_with_a_possessive_is_found_by_its_name() -> None:
    # "People's Defense Force": the alias keyed as the text's words are, without the "'s"
    [e] = _factual(
        "BANGKOK (AP) — The People's Defense Force said Wednesday that its fighters had taken full "
        "control of the town of Kyunhla in Myanmar's Sagaing region on Tuesday.",
        published="2024-11-13",
    )
    assert e.actor1 == "PDF - People's Defense Force"


def test_article_a_states_military_telling_its_own_aircraft_struck() -> None:
    # "its aircraft" of the Israeli military that speaks: Israel's, not Lebanon's forces
    [e] = eventwire.code(
        "BEIRUT, April 17 (Reuters) - The Israeli military said its aircraft had struck a Hezbollah "
        "cell in the Bint Jbeil area of southern Lebanon on Tuesday.",
        published="2024-04-17",
    )
    assert (e.actor1, e.actor2) == ("Military Forces of Israel", "Hezbollah")


@pytest.mark.parametrize(
    "text",
    [
        # a running count by a news agency, and fire exchanged "near-daily"
        "More than 350 people have been killed in Lebanon, according to a Reuters tally, while "
        "Israel says 10 soldiers and eight civilians have been killed on its side.",
        "Hezbollah and Israel have exchanged near-daily fire across the border for months.",
        # people who fled are no event (ACLED codes no displacement)
        "Tens of thousands of people have fled their homes in southern Lebanon.",
    ],
)
def test_article_tallies_habits_and_flight_are_no_events(text: str) -> None:
    assert _factual("BEIRUT, April 17 (Reuters) - " + text, published="2024-04-17") == []


def test_article_a_claim_in_a_statement_days_later_is_the_claimed_attacks() -> None:
    # "claimed responsibility for the Kolofata attack in a statement released on Monday": the
    # claimer did the Sunday attack (not the town it is named for), and Monday is the
    # statement's day; "our men", the attacked side quoted, take no attack over
    text = (
        "YAOUNDE, Sept 17 (AFP) - Three Cameroonian soldiers were killed when jihadists attacked a "
        "military post in Kolofata, in the country's Far North region, late on Sunday, security "
        "sources said.\n\n"
        '"Our men held their position and repelled them after more than an hour of fighting," an '
        "army officer told AFP.\n\n"
        "The Islamic State West Africa Province (ISWAP) claimed responsibility for the Kolofata "
        "attack in a statement released on Monday through its propaganda channels."
    )
    [e] = _factual(text, published="2024-09-17")
    assert (e.event_date, e.sub_event_type, e.actor1, e.actor2, e.fatalities) == (
        "2024-09-15",
        "Armed clash",
        "Islamic State (West Africa)",
        "Military Forces of Cameroon",
        3,
    )


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "SANAA (Reuters) - Government forces repelled an overnight Houthi attack on their positions "
            "in Raghwan district in Yemen's Marib province, killing 12 attackers, a military official "
            "said.",
            ("Houthi Movement", "Military Forces of Yemen"),
        ),
        # attackers not named: the side that fought them stays the one told
        (
            "KABUL (AP) - Soldiers repelled the attackers near Kunduz in Afghanistan on Monday, "
            "officials said.",
            ("Military Forces of Afghanistan", "Unidentified Armed Group (Afghanistan)"),
        ),
    ],
)
def test_article_an_attack_repelled_is_the_attackers_fight(text: str, sides: tuple[str, str]) -> None:
    [e] = _factual(text, published="2024-05-28")
    assert (e.actor1, e.actor2) == sides


@pytest.mark.parametrize(
    "text",
    [
        "Russian air defences shot down 12 Ukrainian drones over the Belgorod region overnight, the "
        "ministry said.",
        "Russia's defence ministry said on Monday that air defence systems had destroyed 12 Ukrainian "
        "drones over the Belgorod region overnight.",
    ],
)
def test_article_drones_shot_down_or_destroyed_by_air_defences(text: str) -> None:
    [e] = _factual("MOSCOW, June 3 (Reuters) - " + text, published="2024-06-03")
    assert (e.sub_event_type, e.actor1, e.actor2) == (
        "Disrupted weapons use",
        "Military Forces of Russia",
        "Military Forces of Ukraine",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Belgorod region has been hit almost daily by shelling and drone attacks since the war began.",
        "The governor said last week that more than 200 civilians had been killed in the region since "
        "the war began.",
        "Kyiv does not usually comment on attacks inside Russia.",
    ],
)
def test_article_what_happens_daily_or_since_a_war_began_is_no_event(text: str) -> None:
    # (told past the lead, after the news)
    lead = "MOSCOW, June 3 (Reuters) - A Ukrainian drone killed a man in Shebekino in Russia on Sunday. "
    events = _factual(lead + "The governor said so.\n\nHe spoke on Telegram. " + text, published="2024-06-03")
    assert [(e.location, e.fatalities) for e in events] == [("Shebekino", 1)]


def test_article_drones_destroyed_region_by_region_and_a_drones_bomb() -> None:
    # the interceptions place by place (the drones counted are no dead); the device a drone
    # dropped is the drone's strike; "Russia reported shooting down" is Russia's forces'
    text = (
        "MOSCOW, June 3 (Reuters) - A man was killed when a Ukrainian drone dropped an explosive "
        "device on his car in the Russian border town of Shebekino on Sunday, the governor said, as "
        "Russia reported shooting down more than a dozen Ukrainian drones overnight.\n\n"
        "Russia's defence ministry said on Monday that air defence systems had destroyed 12 Ukrainian "
        "drones over the Belgorod region and three over the neighbouring Kursk region overnight."
    )
    events = _factual(text, published="2024-06-03")
    assert sorted((e.sub_event_type, e.actor1, e.admin1, e.fatalities) for e in events) == [
        ("Air/drone strike", "Military Forces of Ukraine", "Belgorod Oblast", 1),
        ("Disrupted weapons use", "Military Forces of Russia", "Belgorod Oblast", 0),
        ("Disrupted weapons use", "Military Forces of Russia", "Kursk Oblast", 0),
    ]


def test_article_a_patrol_that_came_under_fire_is_where_the_ambush_was() -> None:
    # "The patrol came under fire on Tuesday about 15 km from Bocaranga" restates the ambush
    # the lead told with no place
    text = (
        "BANGUI, Central African Republic (AP) — A United Nations peacekeeper was killed and two others "
        "were wounded when their patrol was ambushed in the northwest of Central African Republic, the "
        "U.N. mission said Wednesday.\n\n"
        "The patrol came under fire on Tuesday morning about 15 kilometers (9 miles) from the town of "
        "Bocaranga, in Ouham-Pende prefecture, the mission said in a statement."
    )
    [e] = _factual(text, published="2024-03-20")
    assert (e.event_date, e.location, e.geo_precision, e.fatalities) == ("2024-03-19", "Bocaranga", 2, 1)


def test_article_the_toll_from_a_raid_is_that_raids_and_cycles_of_raids_are_none() -> None:
    # "the death toll from a cattle raid has risen to 17": one raid's toll, not a tally; "cycles
    # of cattle raiding ... kill hundreds every year": a run of events, none of its own
    text = (
        "BOR, South Sudan (Reuters) - The death toll from a cattle raid in South Sudan's Jonglei state "
        "has risen to 17, a local official said on Thursday.\n\n"
        "Attackers raided cattle camps near Bor at dawn on Tuesday, shooting herders, he said.\n\n"
        "Cycles of cattle raiding and revenge attacks between the Murle and the Dinka communities of "
        "Jonglei kill hundreds of people every year."
    )
    events = _factual(text, published="2024-03-14")
    assert [(e.event_date, e.fatalities) for e in events] == [("2024-03-12", 17)]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # the attackers' dead, told after the soldiers', are more of the event's dead
        (
            "QUETTA, Pakistan (Reuters) - Militants attacked a paramilitary post near Turbat in "
            "Pakistan's Balochistan province on Sunday, killing two soldiers, officials said.\n\n"
            "Four attackers were killed in the exchange of fire, the military said.",
            6,
        ),
        # "three people" may be the attackers themselves: no sum
        (
            "MOGADISHU (Reuters) - At least three people have been killed in an Al-Shabaab attack on a "
            "police station in Mogadishu, Somalia, on Sunday, police said.\n\n"
            "Three Al-Shabaab fighters were killed in the assault, a police officer said.",
            3,
        ),
    ],
)
def test_article_the_other_sides_dead_told_after(text: str, dead: int) -> None:
    [e] = _factual(text, published="2024-09-24")
    assert e.fatalities == dead


def test_article_clashes_that_raged_from_monday_in_a_named_suburb() -> None:
    # the day the relative clause gives the clashes (not the truce's), at the suburb named
    [e] = _factual(
        "TRIPOLI, July 9 (Reuters) - Nine people were killed in clashes between two powerful armed "
        "groups in the eastern Tripoli suburb of Tajoura that raged from Monday afternoon until a "
        "truce took hold early on Tuesday, Libya's emergency medical service said.",
        published="2024-07-09",
    )
    assert (e.event_date, e.location, e.fatalities) == ("2024-07-08", "Tajura'", 9)


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # the wounded told beside the dead are no dead; a comparison is no event; a figure with
        # a day of its own does not take the deed's day
        (
            "NAIROBI, Kenya (AP) — Police shot dead five protesters in Nairobi on Tuesday, a rights "
            "group said, and 30 in Mombasa were wounded.",
            [("Nairobi", 5)],
        ),
        (
            "NAIROBI, Kenya (AP) — Five people were killed in Nairobi on Tuesday, up from two in Nakuru "
            "last week, police said.",
            [("Nairobi", 5)],
        ),
        (
            "BAMAKO (AFP) — Gunmen killed five people in Gao on Monday, three in Timbuktu on Tuesday "
            "and two in Mopti on Wednesday, officials said.",
            [("Gao", 5)],
        ),
        # a killing with a doer of its own is not the crackdown's
        (
            "NAIROBI, Kenya (AP) — Police fired tear gas and live bullets at protesters in several "
            "cities on Tuesday, killing at least eight people, a rights group said. Five people were "
            "killed in Nairobi when gunmen attacked a bar on Tuesday night, police said.",
            [("Kenya", 8), ("Nairobi", 5)],
        ),
    ],
)
def test_article_what_the_place_by_place_rules_leave_alone(text: str, records: list[tuple[str, int]]) -> None:
    events = _factual(text, published="2024-06-03")
    assert sorted((e.location, e.fatalities) for e in events) == records


@pytest.mark.parametrize(
    ("text", "record"),
    [
        # two speakers' counts are rival claims, not both sides' dead
        (
            "ADDIS ABABA (Reuters) - A Fano commander said his fighters had killed 30 soldiers near "
            "Dembecha in Ethiopia on Tuesday, while the army said its troops had killed 100 Fano "
            "militiamen.",
            ("Fano Militia", 30),
        ),
        # Islamic State's branches are named by it
        (
            "MAPUTO (Reuters) - Islamic State's affiliate in Mozambique claimed responsibility for an "
            "attack on a village near Macomia in Cabo Delgado on Sunday.",
            ("Islamic State (Mozambique)", 0),
        ),
        # rockets fired "from" a place hit somewhere else
        (
            "JERUSALEM (Reuters) - Palestinian militants fired rockets from the Gaza Strip at southern "
            "Israel on Tuesday, the military said.",
            ("Unidentified Armed Group (Palestine)", 0),
        ),
        # fighting that spread to a town is an event there, not a trend
        (
            "KHARTOUM (Reuters) - Fighting between the army and the RSF spread to Singa in Sennar state, "
            "residents said on Saturday.",
            ("Military Forces of Sudan", 0),
        ),
    ],
)
def test_article_what_the_side_and_trend_rules_leave_alone(text: str, record: tuple[str, int]) -> None:
    [e] = _factual(text, published="2024-06-03")
    assert (e.actor1, e.fatalities) == record
    assert e.location != "Gaza Strip"  # (where rockets hit, not where they were fired from)


def test_article_a_day_told_of_the_deed_before_the_clause_telling_its_noun() -> None:
    # "clashes that followed the arrest ... on Monday killed 12 ... on Wednesday": Wednesday;
    # "since Saturday, when RSF fighters stormed the camp": Saturday is the storming's
    events = _factual(
        "BAMAKO (AFP) - Clashes that followed the arrest of a militia leader on Monday killed 12 "
        "people in Bankass in Mali on Wednesday, officials said.",
        published="2024-06-03",
    )
    assert [(e.event_date, e.fatalities) for e in events if e.fatalities] == [("2024-05-29", 12)]
    [e] = _factual(
        "KHARTOUM (Reuters) - Fighting has escalated around El Fasher in Sudan since Saturday, when "
        "RSF fighters stormed the Abu Shouk camp, killing 20 people, residents said.",
        published="2024-06-03",
    )
    assert (e.event_date, e.fatalities) == ("2024-06-01", 20)


def test_article_a_wars_toll_told_by_its_magnitude_joins_no_event() -> None:
    events = _factual(
        "In South Kordofan, the army said it had repelled an assault on the town of Dilling, "
        "Sudan, on Monday by the RSF, killing dozens of attackers.\n\n"
        "Since the army recaptured the capital in March, the war has shifted west. It has killed "
        "tens of thousands of people and uprooted 13 million."
    )
    assert [(e.location, e.fatalities) for e in events] == [("Dilling", 12)]


def test_article_a_town_attacked_where_soldiers_died_was_a_fight_with_the_army() -> None:
    events = _factual("Rebels attacked the town of Kadugli, Sudan, on Monday, killing 12 soldiers.")
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [
        ("Armed clash", "Military Forces of Sudan", 12)
    ]
    events = _factual("Rebels attacked the village of Kadugli, Sudan, on Monday, killing 12 villagers.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Sudan)")]


def test_article_drones_launched_by_a_side_are_its_strike_and_a_trend_beside_them_no_fight() -> None:
    events = _factual(
        "Drones launched by the paramilitary Rapid Support Forces struck the city of Kosti, "
        "Sudan, overnight, killing four civilians, a doctor said on Tuesday, as fighting for "
        "control of the White Nile region intensified."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities) for e in events] == [
        ("Air/drone strike", "RSF: Rapid Support Forces", "Civilians (Sudan)", "Kosti", 4)
    ]


def test_article_a_dateline_with_a_year_is_no_place_of_the_event() -> None:
    events = _factual(
        "Khartoum, March 3, 2025 (AFP) - Drones struck the city of Kosti overnight, killing "
        "four civilians, a doctor said.",
        published="2025-03-03",
    )
    assert [(e.location, e.event_date) for e in events] == [("Kosti", "2025-03-02")]


def test_article_under_fire_from_armed_men_is_a_fight_and_from_critics_none() -> None:
    events = _factual(
        "A police patrol came under fire from suspected militants near Bannu, Pakistan, on "
        "Monday, officials said."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Armed clash", "Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan")
    ]
    assert _factual("The minister came under fire from critics in Nairobi, Kenya, on Monday.") == []


def test_article_deaths_told_with_a_stretch_are_its_tally() -> None:
    events = _factual(
        "Gunmen stormed a bar in Jenin, West Bank, on Monday, killing two people, police said.\n\n"
        "Violence has surged in the West Bank since the Gaza war began in October 2023, with at "
        "least 970 Palestinians killed by Israeli troops or settlers, according to the health "
        "ministry."
    )
    assert [(e.location, e.fatalities) for e in events] == [("Janin", 2)]


def test_article_drones_shot_down_are_no_strike_of_their_own() -> None:
    events = _factual(
        "Ukraine's air force said it had shot down 25 of 36 attack drones launched by Russia "
        "overnight, most of them over the Kyiv and Poltava regions."
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Disrupted weapons use", "Military Forces of Ukraine")
    ]


def test_article_a_gang_raid_and_the_police_fight_after_it_are_two_events() -> None:
    events = _factual(
        "PORT-AU-PRINCE, Haiti (AP) — Gang members armed with assault rifles stormed the town of "
        "Mirebalais on Saturday, killing at least nine people, police said.\n\n"
        "Police officers arrived hours later and exchanged fire with the gang, killing three "
        "gang members, a police spokesman said."
    )
    got = sorted((e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events)
    assert got == [
        ("Armed clash", "Police Forces of Haiti", "Unidentified Armed Group (Haiti)", 3),
        ("Attack", "Unidentified Armed Group (Haiti)", "Civilians (Haiti)", 9),
    ]


def test_article_a_protest_called_is_planned_not_held() -> None:
    events = _factual(
        "A students' union has called a sit-in in Peshawar, Pakistan, on Friday to demand the "
        "release of detained activists."
    )
    assert events == []


def test_article_a_side_that_repelled_an_unclaimed_attack_was_attacked() -> None:
    events = _factual(
        "Members of the VDP repelled an attack on their post at Titao, Burkina Faso, on "
        "Saturday, losing four of their men."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        (
            "Armed clash",
            "Unidentified Armed Group (Burkina Faso)",
            "VDP: Volunteers for the Defense of the Homeland",
            4,
        )
    ]


def test_article_a_bomb_on_a_militia_that_fights_beside_the_army_stays_a_bomb() -> None:
    events = _factual(
        "On Tuesday, a roadside bomb struck a vehicle carrying members of the Civilian Joint "
        "Task Force, a militia that fights alongside the army, about 20 km outside Damboa in "
        "Borno state, Nigeria, killing three of them."
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Remote explosive/landmine/IED", 3)]


def test_article_a_strike_told_twice_by_its_town_and_its_district_is_one() -> None:
    events = _factual(
        "ERBIL, Iraq (Reuters) - A drone strike killed two members of a Yazidi armed group "
        "linked to the Kurdistan Workers' Party (PKK) in northern Iraq's Sinjar district on "
        "Monday, while a roadside bomb killed three Iraqi soldiers in the western desert, security "
        "officials said.\n\n"
        "The Kurdistan Region's Counter-Terrorism Service said that a Turkish army drone had "
        "struck a vehicle near the town of Sinjar, killing two fighters.",
        published="2024-08-20",
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    # one strike, Turkey's; the group hit is linked to the PKK, not the PKK
    assert [(e.actor1, e.actor2, e.fatalities) for e in strikes] == [
        ("Military Forces of Turkey", "Unidentified Armed Group (Iraq)", 2)
    ]
    # the bomb "in the western desert" is not at Sinjar, which its sentence gives the strike
    # (placed nowhere closer than Iraq, by no one named, it is no record at all)
    assert not [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]


def test_article_a_village_of_a_town_is_coded_at_the_town_as_near_it() -> None:
    events = _factual(
        "LAS NAVAS, Northern Samar — Two soldiers and a rebel were killed in an encounter between "
        "government troops and members of the New People's Army (NPA) in a mountain village of "
        "this town on Sunday morning, the Army said."
    )
    assert [(e.location, e.geo_precision, e.fatalities) for e in events] == [("Las Navas", 2, 3)]


def test_article_an_accused_strike_is_claimed_and_no_part_of_a_militant_raid() -> None:
    events = _factual(
        "PESHAWAR, Pakistan, Jan 22 (Reuters) - Militants stormed a police post in Dera Ismail "
        "Khan district overnight, killing four policemen, officials said on Wednesday, as "
        "Afghanistan's Taliban government accused Pakistan of killing civilians in air strikes.",
        published="2025-01-22",
    )
    raid = [e for e in events if e.actor2 == "Police Forces of Pakistan"]
    assert [(e.sub_event_type, e.actor1, e.fatalities, e.modality) for e in raid] == [
        ("Armed clash", "Unidentified Armed Group (Pakistan)", 4, "asserted")
    ]
    assert all(e.modality == "claimed" for e in events if e.sub_event_type == "Air/drone strike")


def test_article_an_attack_blamed_on_a_group_is_put_on_it_not_done_to_it() -> None:
    events = _factual("An attack blamed on al Shabaab killed five soldiers near Mandera, Kenya, on Monday.")
    assert [(e.actor1, e.actor2, e.modality) for e in events] == [
        ("Al Shabaab", "Military Forces of Kenya", "claimed")
    ]


def test_article_review_mends_of_the_made_by_and_under_fire_rules() -> None:
    # "supplied by" says whose the drones were, not who struck
    events = _factual("Drones supplied by Iran struck Kharkiv, Ukraine, overnight, killing three civilians.")
    assert all("Iran" not in e.actor1 for e in events)
    # criticism from rebel leaders is no fight; fire from herdsmen on a convoy is theirs
    assert not _factual(
        "The army came under fire from rebel leaders and rights groups in Khartoum, Sudan, on "
        "Monday over the deaths of civilians."
    )
    events = _factual(
        "An army convoy came under fire from Fulani herdsmen near Bokkos, Nigeria, on Monday, "
        "killing two soldiers."
    )
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Fulani Ethnic Militia (Nigeria)", "Military Forces of Nigeria", 2)
    ]


def test_article_review_mends_of_the_repel_town_and_place_rules() -> None:
    # the enemy dead the repelling army counts are its claim, and theirs the attack was
    events = _factual(
        "Soldiers repelled an attack on their base near Menaka, Mali, on Monday, killing 15 "
        "Islamic State fighters, the army said."
    )
    assert [(e.actor1, e.actor2, e.fatalities, e.modality) for e in events] == [
        ("Islamic State (Mali)", "Military Forces of Mali", 15, "claimed")
    ]
    # a police officer's wife is no police officer
    events = _factual(
        "Gunmen attacked the village of Mangu, Nigeria, on Monday, killing a police officer's "
        "wife and her two children."
    )
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Nigeria)")]
    # "this town" after a town was named is that town; a named suburb is itself
    events = _factual(
        "KABUL (Reuters) - A suicide bomber killed six people at a mosque in Kunduz, Afghanistan, "
        "on Saturday. Hours later, a second blast hit a market in this town, killing two."
    )
    assert events and all(e.location == "Kunduz" for e in events)  # (not the dateline's Kabul)
    events = _factual("Russian forces shelled the Kyiv suburb of Bucha, Ukraine, on Monday, killing two.")
    assert [(e.location, e.geo_precision) for e in events] == [("Bucha", 1)]
    # a bomb "nearby" in a "while" clause is near the place told
    events = _factual(
        "A drone strike killed two fighters in Sinjar, Iraq, on Monday, while a roadside bomb "
        "killed three soldiers nearby."
    )
    assert sorted((e.sub_event_type, e.location) for e in events) == [
        ("Air/drone strike", "Sinjar"),
        ("Remote explosive/landmine/IED", "Sinjar"),
    ]
    # an acronym inside a hyphenated word of small letters is still named
    events = _factual("A joint army-VDP-police patrol was ambushed near Djibo, Burkina Faso, on Monday.")
    assert [e.actor2 for e in events] == ["VDP: Volunteers for the Defense of the Homeland"]


def test_article_two_days_after_counts_from_the_deed_told_before() -> None:
    # not from the last day the text named, which was no deed's ("the governor visited")
    events = _factual(
        "Gunmen attacked the village of Kaya near Chibok, Nigeria, on Sunday, killing seven "
        "people.\n\nOn Wednesday, the governor visited Chibok.\n\nA resident said the gunmen "
        "returned to Mbalala, another village near Chibok, two days after and killed 14 people.",
        published="2017-06-03",
    )
    assert sorted((e.event_date, e.fatalities) for e in events) == [("2017-05-28", 7), ("2017-05-30", 14)]


def test_article_its_drones_and_its_attack_are_the_speakers() -> None:
    events = _factual(
        "The army said its drones had struck RSF positions east of El Fasher, Sudan, on Sunday, "
        "destroying combat vehicles."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Air/drone strike", "Military Forces of Sudan", "RSF: Rapid Support Forces")
    ]
    events = _factual(
        "Al Shabaab said its attack on a base near Mogadishu, Somalia, on Sunday killed 20 soldiers."
    )
    assert [(e.actor1, e.modality) for e in events] == [("Al Shabaab", "claimed")]


def test_article_arrests_made_in_raids_or_on_charges_are_arrests() -> None:
    events = _factual(
        "Police arrested 14 workers in Gazipur, Bangladesh, overnight on charges of vandalism and "
        "assaulting police, the official said on Tuesday."
    )
    assert [e.sub_event_type for e in events] == ["Arrests"]
    events = _factual("Police detained 30 men in house-to-house raids in Kano, Nigeria, on Monday.")
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_article_regime_shelling_read_as_an_auxiliary_is_shelling_by_the_state() -> None:
    events = _factual(
        "Regime shelling killed three civilians in Syria's Idlib province on Tuesday, a monitor said."
    )
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", "Military Forces of Syria", 3)
    ]


def test_article_second_review_mends() -> None:
    # "its attack" after another side is named as its subject is that side's
    events = _factual(
        "The Sudanese army said the RSF had launched its attack on El Fasher, Sudan, at dawn on "
        "Tuesday, killing 12 civilians."
    )
    assert [e.actor1 for e in events] == ["RSF: Rapid Support Forces"]
    # "the claim could not be verified" after a speaker's aside still disowns the boast before
    events = _factual(
        "Al Shabaab said its fighters killed 30 soldiers in an attack on a base near Afgoye, "
        "Somalia, on Tuesday. The army said it had no immediate comment, and the claim could not "
        "be independently verified."
    )
    assert [e.fatalities for e in events] == [0]
    # a riot told after an arrest's charges is still a riot
    events = _factual(
        "Police arrested 30 protesters on charges of rioting and assaulting police after "
        "demonstrators set fire to a police station in Kano, Nigeria, on Tuesday."
    )
    assert "Violent demonstration" in [e.sub_event_type for e in events]


def test_dates_an_undated_report_takes_its_datelines_day_in_the_year_its_weekdays_fix() -> None:
    import datetime as dt

    from eventwire.dates import infer_published

    text = (
        "Niamey, March 13 (AFP) - Suspected jihadists killed 12 soldiers near Ayorou on Tuesday, "
        "March 11, the army said. A funeral is planned for Monday, March 17."
    )
    assert str(infer_published(text, today=dt.date(2026, 12, 7))) == "2025-03-13"


def test_article_forces_a_speaker_calls_its_own_are_the_speakers_side() -> None:
    # a ministry's "its forces" are its state's forces, not those of the country they fought in
    events = _factual(
        "Turkey's defence ministry said on Tuesday its forces had killed 13 PKK militants in northern Iraq."
    )
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Turkey", "PKK - Kurdistan Workers' Party")
    ]
    # the police's "their officers" are the police
    events = _factual("Police in Kenya said their officers shot dead two robbers in Nairobi on Monday.")
    assert [e.actor1 for e in events] == ["Police Forces of Kenya"]


def test_article_a_claim_is_of_the_deed_its_paragraph_or_the_one_before_last_told() -> None:
    text = (
        "PESHAWAR, Pakistan, March 13 (Reuters) - Militants stormed a police post in northwest "
        "Pakistan overnight, killing four policemen, officials said on Wednesday.\n\n"
        "Dozens of fighters attacked the post in Dera Ismail Khan district shortly after "
        "midnight and retreated after a gunbattle, a police officer said.\n\n"
        "The Pakistani Taliban claimed responsibility, saying eight policemen had been killed."
    )
    events = _factual(text)
    assert [(e.actor1, e.fatalities, e.modality) for e in events] == [
        ("TTP: Tehreek-i-Taliban Pakistan", 4, "claimed")
    ]


def test_article_strikes_across_the_border_are_not_in_the_storys_country() -> None:
    lead = (
        "PESHAWAR, Pakistan, March 13 (Reuters) - Militants killed four policemen in Bannu "
        "overnight, officials said, as Afghanistan's Taliban government accused Pakistan of "
        "killing civilians in air strikes across the border."
    )
    # told again with its place: one record, there
    events = _factual(
        lead + "\n\nA Taliban spokesman said Pakistani jets had bombed villages in Barmal district "
        "of Paktika province on Tuesday night, killing 15 civilians."
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert [(e.country, e.admin1, e.fatalities) for e in strikes] == [("Afghanistan", "Paktika", 15)]
    # told only so: no air strike placed in Pakistan
    events = _factual(lead + "\n\nPolice said the attackers fled towards the mountains.")
    assert [(e.actor1, e.location) for e in events] == [("Unidentified Armed Group (Pakistan)", "Bannu")]


def test_article_troops_deployed_after_an_attack_are_not_the_arrests_made_later() -> None:
    events = _factual(
        "JOS, Nigeria (AP) - Gunmen killed 14 people in Hurti village in Plateau state on Monday, "
        "officials said Tuesday. Police said officers had been deployed to the village and that no "
        "arrests had been made. Two suspects were arrested in Bokkos on Tuesday morning, police said."
    )
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert len(arrests) == 1
    assert not any("no arrests" in text for text, _, _ in arrests[0].evidence)


def test_article_an_arrest_in_no_known_country_is_still_the_polices() -> None:
    events = _factual("Two men were arrested on Monday.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Arrests", "Police Forces of Unknown")]


def test_article_a_deed_some_weeks_before_the_news_keeps_its_own_day() -> None:
    events = _factual(
        "JOS, Nigeria (AP) - Gunmen killed 14 people in Hurti, a village in Plateau state, late "
        "on Monday, officials said on Tuesday.\n\n"
        "The killings came two weeks after gunmen killed nine people in Mushu, another village "
        "in Bokkos, on March 1.",
        published="2024-03-13",
    )
    assert [(e.event_date, e.fatalities, e.background) for e in events] == [
        ("2024-03-11", 14, False),
        ("2024-03-01", 9, True),
    ]


def test_article_a_deed_counted_in_a_run_keeps_its_day() -> None:
    events = _factual(
        "Gunmen killed four people in Bannu, Pakistan, on Monday, police said, in the third attack "
        "this month."
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2024-03-11", 4)]


def test_article_drones_no_one_owns_in_the_text_are_no_states() -> None:
    # bare drones over Kharkiv are not Ukraine's own
    events = _factual("Drones set fire to a warehouse in Kharkiv, Ukraine, on Monday.")
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Ukraine)"]
    # an armed group's "its drones" are its own, the record its claim
    events = _factual("The RSF said its drones hit Port Sudan airport on Monday.")
    assert [(e.actor1, e.modality) for e in events] == [("RSF: Rapid Support Forces", "claimed")]


def test_article_the_citys_district_is_a_quarter_of_the_one_city_the_text_leaves_it_to() -> None:
    # the dateline's city, not Istanbul abroad where talks were held, nor a namesake town
    events = _factual(
        "ODESA, Ukraine (AP) - Russian drones attacked the port overnight, officials said. Talks on "
        "grain exports were held in Istanbul last week.\n\n"
        "Debris fell in the city's Prymorskyi district on Monday, injuring two people."
    )
    assert {(e.country, e.location) for e in events if e.geo_precision == 1} == {
        ("Ukraine", "Odesa - Prymorskyi")
    }
    # Kyiv and Kharkiv both named: no city, and no town of the district's name in Donetsk
    events = _factual(
        "KYIV, Ukraine (AP) - Russian glide bombs struck Ukraine's second-largest city, Kharkiv, "
        "on Monday, killing two people, officials said.\n\n"
        "One of the bombs hit an apartment building in the city's Kyivskyi district, the mayor said."
    )
    assert [(e.location, e.admin1, e.actor1) for e in events] == [
        ("Kharkiv", "Kharkiv", "Military Forces of Russia")
    ]


def test_article_an_arrest_on_charges_of_assault_is_an_arrest() -> None:
    events = _factual(
        "DHAKA, March 13 (Reuters) - Workers blocked a highway in Gazipur on Monday, police said.\n\n"
        "Police arrested 14 workers in Gazipur overnight on charges of vandalism and assaulting "
        "police, the official said on Tuesday."
    )
    assert "Arrests" in [e.sub_event_type for e in events]
    assert not [e for e in events if e.event_type in ("Battles", "Violence against civilians")]


def test_article_a_crowds_deed_told_with_its_gathering_is_its_riot() -> None:
    events = _factual(
        "DHAKA, March 13 (Reuters) - Bangladeshi police fired tear gas to disperse garment workers "
        "who blocked a highway and attacked a factory in Gazipur on Monday, police said.\n\n"
        "In Dhaka, hundreds of students formed a human chain at the university on Monday."
    )
    assert sorted((e.sub_event_type, e.location) for e in events) == [
        ("Peaceful protest", "Dhaka"),
        ("Violent demonstration", "Gazipur"),
    ]


def test_article_a_lead_that_names_only_the_province_of_a_place_taken_is_the_bodys_capture() -> None:
    events = _factual(
        "BANGKOK, March 13 (Reuters) - An ethnic armed group said it had captured a military "
        "outpost in western Rakhine state, Myanmar.\n\n"
        "In Rakhine, the Arakan Army said its fighters had captured an army outpost near the town "
        "of Gwa on Tuesday after several days of fighting."
    )
    assert [(e.sub_event_type, e.location, e.event_date) for e in events] == [
        ("Non-state actor overtakes territory", "Gwa", "2024-03-12")
    ]


def test_article_arrests_and_seizures_by_the_authorities_are_not_the_cartels_fighting() -> None:
    events = _factual(
        "MEXICO CITY, March 13 (Reuters) - Fighting broke out in Culiacan, Sinaloa, on Monday "
        "between rival factions of the Sinaloa Cartel, officials said. Authorities arrested 30 "
        "people and seized 500 firearms in the city on Tuesday, the security minister said."
    )
    # (the firearms seized in the arrests are part of them: one arrest, as ACLED codes it)
    assert sorted(e.sub_event_type for e in events) == ["Armed clash", "Arrests"]


def test_article_a_day_that_names_its_deed_is_the_deeds() -> None:
    events = _factual(
        "Hezbollah and Israel have exchanged near-daily fire since the day after Hamas' Oct. 7 "
        "attack on Israel sparked the war in Gaza."
    )
    assert [e.event_date for e in events if e.actor1 == "Hamas"] == ["2023-10-07"]


def test_article_third_review_mends() -> None:
    # "they" of a killing is the doers told before: the shelling's toll, not another event
    events = _factual(
        "KHERSON, Ukraine (AP) - Russian troops shelled Kherson on Sunday, officials said, as the "
        "governor said they killed three civilians and wounded 10."
    )
    assert [(e.actor1, e.fatalities) for e in events] == [("Military Forces of Russia", 3)]
    # a deed joined by "and" to a verb of accusing is still told
    events = _factual(
        "Police accused the gang of extortion and shot dead two of its members in Kingston, "
        "Jamaica, on Monday."
    )
    assert [(e.actor1, e.fatalities) for e in events] == [("Police Forces of Jamaica", 2)]
    # an ordinal deed keeps its own day
    events = _factual(
        "The first raid on Tuesday killed seven civilians in Gao, Mali, residents said on Thursday.",
        "2024-03-15",
    )
    assert [e.event_date for e in events] == ["2024-03-12"]
    # "two days after" opening a sentence after its dateline counts back from the day told later
    events = _factual(
        "ISLAMABAD (AP) - Two days after the vote, gunmen killed five polling officials in Bannu, "
        "Pakistan, on Sunday.",
        "2024-06-20",
    )
    assert [e.event_date for e in events] == ["2024-06-16"]
    # across the border into the story's country: there
    events = _factual(
        "JERUSALEM (AP) - Hezbollah fired rockets across the border on Monday, wounding three soldiers."
    )
    assert [e.country for e in events] == ["Israel"]
    # a human chain to pass sandbags is no protest; seizing villagers with their guns is an abduction
    events = _factual(
        "Volunteers formed a human chain to pass sandbags and evacuate residents from flooded homes "
        "in Sylhet, Bangladesh, on Monday. Gunmen seized 12 villagers and their firearms in Gwoza, "
        "Nigeria, on Sunday."
    )
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]
    # bare drones after a dateline are no state's either
    events = _factual("KYIV, Ukraine (AP) - Drones set fire to a warehouse in Kharkiv on Monday.")
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Ukraine)"]


def test_article_set4_tuning_mends() -> None:
    # a toll of thousands, however told, is a tally; "they" is not the person who speaks
    events = _factual(
        "ABUJA, Nigeria (AP) - Gunmen killed eight people in a raid on Yankara village, about 10 "
        "kilometers north of Faskari in Katsina state, on Sunday night, shooting at residents and "
        "setting fire to shops, police spokesman Yusuf Bala said.\n\n"
        "They abducted 15 people, mostly women and children, Bala said.\n\n"
        "Amnesty International says more than 2,600 people were killed in bandit attacks across "
        "the northwest in the first half of the year."
    )
    assert [(e.sub_event_type, e.fatalities) for e in events if e.fatalities] == [("Attack", 8)]
    assert not [e for e in events if e.actor1.startswith("Police")]
    # a place that opens the sentence is where what its speaker says happened
    events = _factual(
        "In neighboring Zamfara state, Nigeria, the air force said its jets killed at least 30 "
        "bandits in strikes on their hideouts in the Dansadau forest on Saturday."
    )
    assert [(e.actor1, e.admin1) for e in events] == [("Military Forces of Nigeria", "Zamfara")]
    # a blockade its report calls peaceful is a peaceful protest
    events = _factual(
        "On Monday, hundreds of Faskari residents in Katsina, Nigeria, blocked the main road for "
        "several hours. The protest ended peacefully after the district head addressed the crowd."
    )
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]


def test_article_set4_tuning_mends_syria() -> None:
    events = _factual(
        "Beirut, March 13 (AFP) - Unidentified gunmen shot dead a member of a local reconciliation "
        "committee in Syria's southern Daraa province, a war monitor said Wednesday.\n\n"
        "Khaled al-Masri, 52, was shot by two men on a motorcycle outside his home in the town of "
        "Jasim on Monday evening and died on the way to hospital, the monitor said. Daraa has seen "
        "near-daily shootings since "
        "government forces retook it in 2018.\n\n"
        "In neighbouring Sweida province, hundreds of people gathered in the main square of the "
        "provincial capital on Tuesday for the weekly protest against the government that began "
        "last August. Security forces did not intervene."
    )
    assert sorted((e.sub_event_type, e.actor1, e.location, e.event_date) for e in events) == [
        ("Attack", "Unidentified Armed Group (Syria)", "Jasim", "2024-03-11"),
        ("Peaceful protest", "Protesters (Syria)", "As-Sweida", "2024-03-12"),
    ]


def test_article_set4_tuning_mends_sides_and_tolls() -> None:
    # a group named as whose the town is, is no side of the bombing (the parse may lose the
    # subject); the figures of two towns are each town's, not the first's total
    events = _factual(
        "Port Sudan, March 13 (AFP) - Drones launched by the Rapid Support Forces struck two cities "
        "in White Nile state on Sunday, killing four people in Kosti and two in Rabak.\n\n"
        "In Darfur, army warplanes on Saturday bombed Nyala, the RSF's main stronghold in the "
        "region, killing seven civilians."
    )
    assert sorted((e.location, e.fatalities) for e in events) == [("Kosti", 4), ("Nyala", 7), ("Rabak", 2)]
    assert [e.actor1 for e in events if e.location == "Nyala"] == ["Unidentified Armed Group (Sudan)"]
    # "blamed the attack on X ... on Saturday": X did it, not the day
    events = _factual("Sudan's army blamed the attack on the RSF's fighters in Nyala, Sudan, on Saturday.")
    assert [e.actor1 for e in events] == ["RSF: Rapid Support Forces"]


def test_article_a_deed_of_the_when_clause_after_since_keeps_that_day() -> None:
    events = _factual(
        "BANGKOK, Jan 21 (Reuters) - Security forces repelled attacks near Myawaddy, Myanmar, on "
        "Monday, state media said.\n\n"
        "Fighting has intensified around Myawaddy since April last year, when the KNLA briefly "
        "took control of the town.",
        "2025-01-21",
    )
    taken = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert [(e.event_date[:7], e.background) for e in taken] == [("2024-04", True)]
    assert all(e.event_date != "2024-04-15" for e in events if e.sub_event_type == "Armed clash")


def test_article_the_attackers_are_the_gunmen_told_before_not_a_group_named_in_background() -> None:
    events = _factual(
        "MEXICO CITY (AP) - Gunmen killed five men at a car wash in Culiacan, the capital of "
        "Mexico's Sinaloa state, officials said, as a war between factions of the Sinaloa cartel "
        "entered its seventh month.\n\n"
        "The attackers arrived in two pickup trucks on Saturday afternoon and opened fire on "
        "employees and customers, prosecutors said.\n\n"
        "Sinaloa has been gripped by violence since September, when one faction began fighting "
        "the other."
    )
    assert [(e.actor1, e.event_date, e.fatalities) for e in events] == [
        ("Unidentified Armed Group (Mexico)", "2024-03-09", 5)
    ]


def test_article_homes_burnt_in_a_raid_are_dated_by_the_raid_not_the_officials_day() -> None:
    events = _factual(
        "JOS, Nigeria (AP) - Gunmen attacked a farming village in central Nigeria's Plateau state, "
        "killing at least 14 people and setting fire to dozens of homes, local officials said "
        "Tuesday.\n\n"
        "The attackers arrived on motorcycles late Monday and opened fire on residents of Hurti, "
        "a village in the Bokkos area, a youth leader said.",
        "2024-03-13",
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2024-03-11", 14)]


def test_article_the_dead_of_both_sides_told_with_the_auxiliary_left_out_are_all_counted() -> None:
    events = _factual(
        "QUETTA: Four Frontier Corps personnel were martyred and nine terrorists killed when "
        "militants attacked an FC checkpost near Surab, Pakistan, late on Tuesday night."
    )
    assert [e.fatalities for e in events] == [13]


def test_article_soldiers_who_raid_a_rebels_camp_fight_them_and_an_aircrafts_kill_is_a_strike() -> None:
    events = _factual(
        "On Wednesday, soldiers raided a separatist camp near Bali, Cameroon, killing three "
        "fighters, according to a military source."
    )
    assert [(e.sub_event_type, e.actor2) for e in events] == [
        ("Armed clash", "Unidentified Armed Group (Cameroon)")
    ]
    events = _factual(
        "The army said its aircraft had destroyed a logistics base near Djibo, Burkina Faso, on "
        "Saturday, killing around 20 militants."
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Air/drone strike", "Military Forces of Burkina Faso")
    ]
    # a launcher seized with the men arrested: part of the arrest, not an abduction
    events = _factual(
        "The Lebanese army said it had arrested four men in the Baalbek area of Lebanon on Monday "
        "and seized a launcher."
    )
    assert sorted(e.sub_event_type for e in events) == ["Arrests"]


def test_article_a_deed_each_side_blames_on_the_other_is_no_sides() -> None:
    events = _factual(
        "GOMA, Congo, March 13 (Reuters) - Shells fell on the market in Sange, South Kivu, on "
        "Saturday, killing nine civilians, a civil society leader said. Each side blamed the other "
        "for the shelling.\n\n"
        "An M23 spokesman said only two people had died in Sange and accused the Wazalendo of "
        "firing from positions inside the town."
    )
    assert [(e.actor1, e.fatalities) for e in events] == [
        ("Unidentified Armed Group (Democratic Republic of Congo)", 9)
    ]


def test_article_fourth_review_mends() -> None:
    # an abduction told after a raid stays an abduction
    events = _factual(
        "KATSINA, Nigeria - Bandits stormed a mosque in Faskari on Friday. They abducted 40 worshippers."
    )
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]
    # a place that opens the report does not win over the deed's own
    events = _factual(
        "GUSAU, Nigeria - In Abuja, the defence headquarters said troops killed 30 bandits in an "
        "operation in Zamfara state on Monday."
    )
    assert [e.admin1 for e in events] == ["Zamfara"]
    # fighting begun on a day of its own is an event; a massacre's toll told after its day stands
    events = _factual(
        "M23 rebels and the Congolese army began fighting on Tuesday morning near the town of Sake, Congo."
    )
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    events = _factual(
        "MAIDUGURI - Boko Haram fighters stormed the town of Gamboru, Nigeria, on Saturday. The "
        "assault killed more than 1,200 people."
    )
    assert [e.fatalities for e in events] == [1200]
    # a mutual accusation about another deed leaves this one's doer; a call for a peaceful
    # protest does not make stoning peaceful; angry residents who shoot are a mob
    events = _factual(
        "KHERSON, Ukraine - Russian forces shelled the town of Kherson on Monday, killing two. "
        "Russia and Ukraine accuse each other of attacking the Zaporizhzhia nuclear plant."
    )
    assert [e.actor1 for e in events] == ["Military Forces of Russia"]
    events = _factual(
        "Despite calls for a peaceful protest, demonstrators stoned police vehicles in Lima, Peru, on Monday."
    )
    assert [e.sub_event_type for e in events] == ["Violent demonstration"]
    events = _factual("Angry residents shot dead two suspected thieves in Spanish Town, Jamaica, on Monday.")
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    # the doers the text ties to a group are that group's; a new killing with its own day is
    # no lead's retelling; a plane crash is no air strike
    events = _factual(
        "MAIDUGURI, Nigeria - Gunmen killed 12 villagers in Kukawa, Borno state, on Sunday. Police "
        "said the gunmen were members of ISWAP. The attackers also burned dozens of homes."
    )
    assert [e.actor1 for e in events] == ["Islamic State (West Africa)"]
    events = _factual(
        "BEIRUT - Gunmen killed two police officers in Daraa province, Syria, a war monitor said on "
        "Wednesday.\n\nOn Saturday, gunmen killed two police officers in the town of Nawa."
    )
    assert len(events) == 2
    assert (
        _factual("A passenger plane crashed in Badakhshan, Afghanistan, on Sunday, killing six people.") == []
    )


def test_article_a_deed_told_as_another_clashed_is_where_they_clashed() -> None:
    # "as rival groups clashed in Eldoret town", "who had arrested a man in Ruiru": the clause
    # of another deed tells where this one happened (not one of "after": see Shebekino)
    events = _factual(
        "Several people were injured on Saturday when they were pelted with stones as two rival "
        "political groups clashed in Eldoret town, Kenya.\n\n"
        "On Sunday, rioters attacked two prison warders who had arrested a man in Ruiru.",
        published="2020-02-25",
    )
    assert {e.location for e in events} == {"Eldoret", "Ruiru"}


def test_article_where_the_abducted_were_taken_is_not_where_they_were_abducted() -> None:
    [event] = _factual(
        "Al Shabaab militants attacked a mast outside of Garissa in Kenya on Monday. The attackers "
        "abducted several workers and took them into Somalia.",
        published="2020-02-25",
    )
    assert (event.country, event.location, event.geo_precision) == ("Kenya", "Garissa", 2)


def test_article_two_states_forces_say_no_ground_of_either() -> None:
    # "French ... forces and the Nigerien army": whose forces, not whose ground ("Chadian
    # soldiers were ambushed" alone is Chad's: see the Burkinabe soldiers)
    [event] = _factual(
        "French Operation Barkhane forces and the Nigerien army killed ten suspected militants in "
        "the tri-state border area on Friday.",
        published="2020-02-25",
    )
    assert event.country != "France"


@pytest.mark.parametrize(
    ("text", "country", "not_at"),
    [
        # strikes told "as" rockets were fired elsewhere are not at the rockets' target
        (
            "Israeli jets struck Hezbollah targets overnight as the group fired rockets at Kiryat "
            "Shmona, the army said.",
            "Israel",
            "Qiryat Shmona",
        ),
        # what a man had done on another day is not where he was shot
        (
            "Soldiers shot dead a man who had been arrested in Goma last year, Congolese officials said.",
            "",
            "Goma",
        ),
    ],
)
def test_article_a_clause_of_another_time_or_from_afar_lends_no_place(
    text: str, country: str, not_at: str
) -> None:
    events = _factual(text, published="2024-03-13")
    assert events and all(e.location != not_at for e in events if e.actor1.startswith("Military Forces"))


def test_article_the_doers_came_into_a_country_where_they_struck() -> None:
    [event] = _factual(
        "Militants who infiltrated into Pakistan from Afghanistan attacked a checkpoint on Tuesday, "
        "killing five soldiers.",
        published="2024-03-13",
    )
    assert event.country == "Pakistan"


def test_article_the_speakers_country_is_no_other_state_beside_the_forces() -> None:
    [event] = _factual(
        "Chadian soldiers were ambushed by Boko Haram on Tuesday, killing five, a Nigerian official said.",
        published="2024-03-13",
    )
    assert event.country == "Chad"


def test_article_a_denied_report_of_a_killing_is_no_event_and_a_confirmed_one_is() -> None:
    # a rumour told only as what its doer denies is not reported as having happened (no
    # record with 11 dead); one a witness tells as done is; one the police confirm is asserted
    events = eventwire.code(
        "The military denied reports circulating on social media that its troops had executed 11 "
        "detainees near Gangaw in Myanmar last week.",
        published="2025-02-10",
    )
    assert [e.modality for e in events] == ["denied"]
    told = _factual(
        "Witnesses said troops executed 11 detainees near Gangaw in Myanmar last week. "
        "The military denied the reports.",
        published="2025-02-10",
    )
    assert [(e.sub_event_type, e.fatalities) for e in told] == [("Attack", 11)]
    confirmed = _factual(
        "Police confirmed reports that gunmen had abducted 15 students from a school in Kaduna State, "
        "Nigeria, on Thursday.",
        published="2025-02-10",
    )
    assert [e.modality for e in confirmed] == ["asserted"]


def test_article_no_one_hurt_beats_the_attackers_own_count() -> None:
    [event] = _factual(
        "On Friday, fighters of a People's Defense Force unit attacked a police station in Magway "
        "region, Myanmar, with explosive-laden drones, the group said, claiming that two policemen "
        "had been killed. State media reported the attack but said no one had been hurt.",
        published="2025-02-10",
    )
    assert event.fatalities == 0


def test_article_a_front_line_flaring_is_no_clash_and_huthi_shells_are_the_huthis() -> None:
    events = _factual(
        "Huthi shelling killed two children in Qataba in Yemen's southern Dhale province on Sunday, "
        "local officials said, as fighting flared on several front lines.",
        published="2025-10-06",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Shelling/artillery/missile attack", "Houthi Movement", "Civilians (Yemen)")
    ]


def test_article_a_crowd_that_burned_tyres_and_threw_stones_is_one_riot() -> None:
    # the tyres burned, the stones, the protest, the shots in the air and the arrests: one event
    events = _factual(
        "In Aden, Yemen, dozens of young men burned tyres and threw stones at security forces on "
        "Saturday evening during a protest against power cuts, witnesses said. Security forces "
        "fired into the air and arrested several people.",
        published="2025-10-06",
    )
    assert [(e.sub_event_type, e.location) for e in events] == [("Violent demonstration", "Aden")]


def test_article_a_bureaus_dateline_is_not_the_storys_country() -> None:
    events = _factual(
        "BANGKOK (AP) — A Myanmar military air strike on a crowded market in the central town of "
        "Myaing killed at least 14 people on Saturday, residents said.\n\n"
        "The bombs hit the morning market in Magway region shortly after 9 a.m., a resident said.",
        published="2025-02-10",
    )
    assert [(e.country, e.admin1, e.fatalities) for e in events] == [("Myanmar", "Magway", 14)]


def test_article_a_raid_on_civilians_told_again_by_day_and_by_the_armys_own_account_is_one() -> None:
    # the lead's week, the body's day, the army's "neutralised terrorists" (its own account,
    # dated by its statement): one attack on civilians, on the day the body gives
    events = _factual(
        "Soldiers killed at least nine civilians in a raid on a hamlet near Kidal in northern Mali "
        "last week, residents said, while the army said it had neutralised terrorists in the area.\n\n"
        "The troops surrounded the hamlet on Wednesday morning, rounded up men and shot them, two "
        "residents said.\n\n"
        "In a statement on Thursday, the army said it had conducted a reconnaissance mission near "
        "Kidal and had neutralised several terrorists.",
        published="2025-05-06",
    )
    assert [(e.sub_event_type, e.actor2, e.event_date, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Mali)", "2025-04-30", 9)
    ]


def test_article_a_group_that_has_planted_mines_in_the_area_is_not_blamed_for_an_unclaimed_blast() -> None:
    [event] = _factual(
        "A minibus hit a roadside bomb near Niono in central Mali on Saturday, killing three "
        "passengers, the transport union said. No group claimed the blast, but JNIM has planted "
        "explosives on roads in the area as part of a blockade.",
        published="2025-05-06",
    )
    assert (event.actor1, event.fatalities) == ("Unidentified Armed Group (Mali)", 3)


def test_article_a_claim_the_other_side_denies_gives_no_toll() -> None:
    [event] = _factual(
        "BAMAKO, May 6 (Reuters) - JNIM said on Monday it had killed 10 soldiers in an attack on an "
        "army post in Sokolo, Mali, on Sunday. The army denied that any attack had taken place.",
        published="2025-05-06",
    )
    assert (event.modality, event.fatalities) == ("claimed", 0)


def test_article_a_ministry_of_the_country_is_no_place_told_beside_a_clash() -> None:
    # "Mozambique's defence ministry" says whose the statement is: the clash with no place of
    # its own falls in the one province of the story
    events = _factual(
        "Insurgents beheaded three men during a raid on Quiterajo (Macomia, Cabo Delgado) on Saturday, "
        "local sources said.\n\n"
        "On Friday, government troops clashed with insurgents near a village of Palma district, "
        "killing six of them, according to a statement from Mozambique's defence ministry.",
        published="2025-05-26",
    )
    clash = [e for e in events if e.sub_event_type == "Armed clash"]
    assert [(e.admin1, e.geo_precision) for e in clash] == [("Cabo Delgado", 3)]


def test_article_a_round_ups_items_are_apart_and_each_at_its_label() -> None:
    # one incident per paragraph, each opening on its own place: never merged (the same toll
    # and day say nothing), each placed at least where its item opens
    events = _factual(
        "BAGHDAD, July 23 – The following are security incidents reported across Iraq on Monday.\n\n"
        "DIYALA – Two soldiers were killed when a roadside bomb struck their patrol on Monday, a "
        "security source said.\n\n"
        "ERBIL – A Turkish drone struck a vehicle in the mountains on Monday, killing two members of "
        "the PKK, officials said.\n\n"
        "KIRKUK – Gunmen shot dead two shopkeepers in a market on Monday night.",
        published="2024-07-23",
    )
    assert sorted((e.sub_event_type, e.admin1, e.fatalities) for e in events) == [
        ("Air/drone strike", "Erbil", 2),
        ("Attack", "Kirkuk", 2),
        ("Remote explosive/landmine/IED", "Diyala", 2),
    ]


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # the army's pursuit of the attackers is its own fight (by its account), not its deed on
        # the civilians, nor the jihadists' raid told again
        (
            "Jihadists killed 15 civilians in an attack on the village of Kompienga in Burkina Faso on "
            "Sunday, residents said. The army said its troops pursued the attackers and killed 10 of them.",
            {("Unidentified Armed Group (Burkina Faso)", 15), ("Military Forces of Burkina Faso", 10)},
        ),
        # "five more" on another day is another deed, not the day of the month's first
        (
            "Bandits killed 12 villagers in Tsafe, Nigeria, earlier this month, residents said.\n\n"
            "On Monday, bandits killed five more villagers in Tsafe.",
            {("Unidentified Armed Group (Nigeria)", 12), ("Unidentified Armed Group (Nigeria)", 5)},
        ),
        # a passive toll in a clause of "while" is the deed's own
        (
            "Jihadists attacked an army post in Arbinda, Burkina Faso, on Sunday, residents said, while 14 "
            "soldiers were killed, according to security sources.",
            {("Unidentified Armed Group (Burkina Faso)", 14)},
        ),
        # one school, one abduction: no habit
        (
            "Gunmen have abducted students from a school in Kuriga, Kaduna State, Nigeria, police said on "
            "Thursday.",
            {("Unidentified Armed Group (Nigeria)", 0)},
        ),
    ],
)
def test_article_what_the_review_found_the_new_rules_must_leave_alone(
    text: str, tolls: set[tuple[str, int]]
) -> None:
    # (every record with its doer and toll: none blames another side, none is left out)
    assert {(e.actor1, e.fatalities) for e in _factual(text, published="2024-03-13")} == tolls


def test_article_an_ambush_of_a_named_militia_told_in_the_lead_and_the_body_is_one() -> None:
    # the lead's "civilian auxiliary force" is the VDP the body names; the body takes the
    # lead's day, not the day the sources spoke; the claim names the doer
    events = _factual(
        "Ouagadougou, Sept 16, 2025 (AFP) - Jihadists killed 13 members of Burkina Faso's civilian "
        "auxiliary force in an ambush in the eastern Tapoa province on Sunday, security sources told "
        "AFP on Tuesday.\n\n"
        "The Volunteers for the Defence of the Homeland (VDP) were escorting a supply convoy when they "
        "were attacked about 25 kilometres north of Diapaga, a security source said.\n\n"
        "JNIM claimed the ambush on Monday.",
        published="2025-09-16",
    )
    assert [(e.actor1, e.actor2, e.event_date, e.fatalities) for e in events] == [
        (
            "JNIM: Group for Support of Islam and Muslims",
            "VDP: Volunteers for the Defense of the Homeland",
            "2025-09-14",
            13,
        )
    ]


def test_article_a_speaker_who_opens_the_text_is_still_the_speaker() -> None:
    # (the speaker is the text's first token: index 0 is a speaker too)
    [event] = _factual(
        "JNIM said on Monday it had killed 10 soldiers in an attack on an army post in Sokolo, Mali, "
        "on Sunday.",
        published="2025-05-06",
    )
    assert (event.actor1, event.modality) == ("JNIM: Group for Support of Islam and Muslims", "claimed")


def test_article_a_raid_the_pursuit_and_a_deed_timed_after_it_are_three_events() -> None:
    # "after the attack" only times the pursuit and the lynching (no fourth record, none with the
    # crowd as raiders); the pursuit is the army's fight, not the raid on the village, and lies
    # where the raid was; the rifles taken in it are part of it, not a seizure of their own
    events = _factual(
        "Insurgents killed two villagers in an attack on a village in Memba district, Nampula "
        "province, Mozambique, on Thursday, police said. Soldiers pursued the attackers after the "
        "attack, killing four of them and recovering two rifles, the army said on Friday. Two days "
        "after the attack, on Saturday, a crowd in Nampula beat to death two men accused of spying "
        "for the insurgents.",
        published="2025-03-17",
    )
    got = [(e.sub_event_type, e.actor1, e.fatalities, e.event_date, e.admin1) for e in events]
    assert got == [
        ("Attack", "Unidentified Armed Group (Mozambique)", 2, "2025-03-13", "Nampula"),
        ("Armed clash", "Military Forces of Mozambique", 4, "2025-03-13", "Nampula"),
        ("Mob violence", "Rioters (Mozambique)", 2, "2025-03-15", "Nampula"),
    ]


def test_article_a_part_of_a_toll_is_no_toll_and_a_day_first_dateline_dates_the_weekdays() -> None:
    # "two of whom were beheaded" tells how some of the three died; "14 Jul 2025" in the
    # dateline is the day the report was filed, so "on Saturday" is July 12
    [event] = _factual(
        "Maputo, 14 Jul 2025 (Lusa) - Armed insurgents killed three civilians, two of whom were "
        "beheaded, in an attack on a village in Cabo Delgado province, Mozambique, on Saturday, "
        "local sources said.",
        published=None,
    )
    assert (event.fatalities, event.event_date) == (3, "2025-07-12")


def test_article_fighting_that_intensified_in_a_region_is_no_event_and_a_gerund_has_its_by() -> None:
    # "as fighting also intensified in the Kordofan region" is the war's course (the shelling
    # stays a shelling); "shelling by the faction of the SPLM-N" is the SPLM-N's, not that of
    # the RSF it "has allied itself with"
    events = _factual(
        "Shelling by the Rapid Support Forces killed 12 people in the Abu Shouk camp near El Fasher, "
        "Sudan, on Monday, volunteers said, as fighting also intensified in the Kordofan region. In "
        "South Kordofan, shelling by the faction of the Sudan People's Liberation Movement-North led "
        "by Abdelaziz al-Hilu, which has allied itself with the RSF, killed two children in Kadugli "
        "on Sunday.",
        published="2025-08-19",
    )
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", "RSF: Rapid Support Forces", 12),
        ("Shelling/artillery/missile attack", "SPLM-N: Sudan People's Liberation Movement-North", 2),
    ]


def test_article_people_killed_and_abducted_in_one_raid_are_one_event_and_a_deployment_has_no_dead() -> None:
    # ACLED codes the raid once (an attack); the dead a spokesman confirms are the raid's, not
    # those of the teams "deployed to the area"
    events = _factual(
        "Bandits killed nine people and abducted about 30 others in an attack on a village in Maru, "
        "Zamfara State, Nigeria, on Saturday. A police spokesman confirmed the attack on Sunday, saying "
        "seven people had been killed and that tactical teams had been deployed to the area.",
        published="2025-08-19",
    )
    assert [(e.sub_event_type, e.fatalities, e.event_date) for e in events] == [("Attack", 9, "2025-08-16")]


def test_article_a_military_strike_people_displaced_by_fighting_and_resistance_forces() -> None:
    # "a military air strike" is the military's; "displaced by fighting" tells no clash to
    # merge into it; "resistance forces" fight the junta, they are not its army; "In November"
    # told in March, of a strike that killed, is last November, not the report's day
    events = _factual(
        "A military air strike on a monastery in Sagaing Region, Myanmar, killed 11 civilians on "
        "Saturday, residents said. Around 200 people displaced by fighting had been sheltering there. "
        "Resistance forces said they had attacked a junta outpost in Shwebo with drones on Friday, "
        "killing seven soldiers. In November, an air strike on a market in Shwebo killed 14 people.",
        published="2025-03-03",
    )
    got = [(e.sub_event_type, e.actor1, e.fatalities, e.event_date[:7]) for e in events]
    assert got[0] == ("Air/drone strike", "Military Forces of Myanmar", 11, "2025-03")
    assert got[1][1] != "Military Forces of Myanmar" and got[1][2] == 7
    assert got[2][2:] == (14, "2024-11")
    assert len(events) == 3


def test_article_a_toll_between_two_years_is_a_tally() -> None:
    events = _factual(
        "Gunmen killed 17 people in an attack on a village in Plateau state, Nigeria, on Sunday, police "
        "said. Amnesty International says more than 2,600 people were killed in Benue and Plateau "
        "between 2023 and mid-2025.",
        published="2025-11-24",
    )
    assert [e.fatalities for e in events] == [17]


def test_article_bodies_found_later_bring_the_toll_and_gunmen_blocking_a_road_do_not_protest() -> None:
    # "Two more bodies ... bringing the toll to six" is the attack's toll, not a second attack
    # on the day they were found; gunmen who block a highway hold up buses, they do not protest
    events = _factual(
        "Gunmen who blocked a highway in Balochistan, Pakistan, pulled passengers off two buses and shot "
        "dead four of them late on Sunday, officials said.\n\n"
        "Two more bodies were found on Monday morning in a dry riverbed near the road, an official said, "
        "bringing the toll to six.",
        published="2025-09-22",
    )
    assert [(e.sub_event_type, e.fatalities, e.event_date) for e in events] == [("Attack", 6, "2025-09-21")]


def test_article_a_toll_that_would_be_is_no_toll() -> None:
    [event] = _factual(
        "Fighting between two armed groups killed nine people in Tibu, Colombia, on Saturday, the "
        "governor said. Community leaders said the crossfire would bring the toll to 11, but the "
        "government did not confirm it.",
        published="2025-08-26",
    )
    assert event.fatalities == 9


def test_article_rockets_fired_only_if_and_a_day_the_victims_were_working_on() -> None:
    # "if rockets are fired again" is no rocket fire; "five farmers who were working on their
    # fields ... on Monday" were killed on Monday; a launcher seized in an arrest is that arrest
    events = _factual(
        "In Benue state, Nigeria, armed herders killed five farmers who were working on their fields "
        "near Yelwata on Monday, police said. Also on Monday, the army said it had arrested four men "
        "in Makurdi and seized a launcher. Officials have threatened to strike the herders' camps if "
        "rockets are fired again.",
        published="2024-06-18",
    )
    got = [(e.sub_event_type, e.event_date) for e in events]
    assert got == [("Attack", "2024-06-17"), ("Arrests", "2024-06-17")]


def test_article_the_days_of_a_story_are_not_those_of_what_it_recalls() -> None:
    # the Trujillo blast "in the early hours of Wednesday" is Wednesday's; the clashes told
    # after a paragraph on a killing "on Monday" ("the third worker killed this month") are the
    # strike's day, not Monday's, and the arrests at them are not the gunmen's
    events = _factual(
        "Lima, May 21 (EFE).- Thousands of transport workers went on strike in Lima, Peru, on Wednesday, "
        "and police clashed with protesters who tried to march on Congress.\n\n"
        "The strike was called after a bus driver was shot dead in Lima on Monday by gunmen on a "
        "motorcycle, the third transport worker killed in Lima this month.\n\n"
        "Police fired tear gas when several hundred demonstrators threw stones at officers. 24 people "
        "were arrested.\n\n"
        "In the northern city of Trujillo, an explosive device was detonated in the early hours of "
        "Wednesday outside the offices of a bus company, police said.",
        published="2025-05-21",
    )
    days = {e.sub_event_type: e.event_date for e in events}
    assert days["Remote explosive/landmine/IED"] == "2025-05-21"
    assert any(e.event_type in ("Riots", "Protests") for e in events)
    assert all(e.actor1 != "Police Forces of Peru" for e in events if e.fatalities)
    assert all(e.event_date == "2025-05-21" for e in events if e.event_type in ("Riots", "Protests"))


def test_article_a_recalled_event_with_neither_day_nor_place_is_no_record() -> None:
    # the news and a recalled strike in Sinjar on a day of its own are records; "In March, a
    # Turkish strike killed four YBS members near Khanasor" (no day, no place we know) is not:
    # ACLED coded it at the time from its own reports
    events = _factual(
        "A drone strike killed two members of a Yazidi armed group in Sinjar, Iraq, on Sunday, a "
        "security official said. In Kirkuk, a roadside bomb wounded a policeman on Sunday.\n\n"
        "In March, a Turkish strike killed four YBS members near Khanasor. On May 3, another strike "
        "killed three fighters in Sinjar.",
        published="2025-07-07",
    )
    assert [(e.fatalities, e.background) for e in events if e.fatalities] == [(2, False), (3, True)]


def test_article_a_town_taken_after_troops_withdrew_is_one_unopposed_transfer_and_al_qaeda_in_yemen() -> None:
    events = _factual(
        "In East Gojjam, Ethiopia, Fano fighters took control of the town of Debre Werk on Sunday after "
        "government troops withdrew overnight, residents said.",
        published="2025-10-20",
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Non-violent transfer of territory", "Fano Militia")
    ]
    # "Al-Qaeda" in Yemen is AQAP, as ACLED codes it (elsewhere, Al Qaeda)
    [yemen] = _factual(
        "Three fighters were killed in a drone attack claimed by Al-Qaeda in Abyan, southern Yemen, "
        "on Monday.",
        published="2025-01-14",
    )
    assert yemen.actor1 == "AQAP: Al Qaeda in the Arabian Peninsula"


def test_article_a_lead_that_sums_the_deeds_told_after_it_is_no_event_of_its_own() -> None:
    # the four dead of the lead are the two, one and one told after it: three records, not four
    # with the sum counted twice
    events = _factual(
        "KYIV, Oct 7 (Reuters) - Russian attacks killed four people in Ukraine's Kharkiv and Kherson "
        "regions on Sunday and overnight, officials said on Monday.\n\n"
        "A Russian guided aerial bomb hit a residential area of Kharkiv on Sunday afternoon, killing two "
        "people, the regional governor said.\n\n"
        "In the southern city of Kherson, Russian artillery fire killed a 68-year-old man in his home "
        "overnight. Earlier on Sunday, a Russian drone dropped explosives on a car in Antonivka, a suburb "
        "east of the city, killing its driver.",
        published="2024-10-07",
    )
    assert sorted(e.fatalities for e in events) == [1, 1, 2]


def test_article_a_crowd_that_kills_riots_and_a_road_blocked_by_marchers_is_a_protest() -> None:
    # the youths who blocked a road killed two men: their riot with its dead, never deaths at a
    # protest put on the police; teachers who block an avenue by marching protest peacefully
    [riot] = [
        e
        for e in _factual(
            "On Monday morning, youths in Mangu, Plateau state, Nigeria, blocked a road, killed two men "
            "they accused of being herders and set a vehicle on fire, police said, adding that 12 people "
            "had been arrested. In Jos, hundreds of women marched to the Government House on Monday.",
            published="2025-11-24",
        )
        if e.fatalities or e.sub_event_type == "Arrests"
    ]
    # (the arrests told after the riot in its sentence are the police's answer to it, not a
    # record of their own, nor the women's march's)
    assert (riot.event_type, riot.actor1, riot.fatalities) == ("Riots", "Rioters (Nigeria)", 2)
    # kidnappers "marching the victims into the bush" hold no march
    assert not _factual(
        "The kidnappers arrived on motorcycles near Ngaoui, Cameroon, on Thursday night and fired into "
        "the air before marching the victims into the bush.",
        published="2025-04-14",
    )
    [march] = _factual(
        "In Tuxtla Gutierrez, Mexico, thousands of teachers marched on Monday to demand the repeal of a "
        "pension law, blocking the main avenue for several hours.",
        published="2025-06-10",
    )
    assert march.sub_event_type == "Peaceful protest"


def test_article_an_armys_own_dead_and_the_bodies_the_attackers_left_are_the_ambushs_toll() -> None:
    # five soldiers and the 14 bodies the attackers "left on the ground": 19 dead, as ACLED
    # counts both sides, not the five of the lead
    events = _factual(
        "Bamako, Oct 17, 2024 (AFP) - Five Malian soldiers were killed when a supply convoy was "
        "ambushed near Boni, in Mali's Mopti region, on Tuesday, the army said.\n\n"
        "Five soldiers were killed and eight wounded, the statement said, adding that the attackers "
        '"left 14 bodies on the ground" as they withdrew.',
        published=None,
    )
    assert [e.fatalities for e in events] == [19]


def test_article_what_the_review_of_the_fourth_session_found_the_new_rules_must_leave_alone() -> None:
    # a toll brought to a month's figure is no toll of the deed told; one brought to the deed's is
    def brought(text: str) -> list[tuple[int, bool]]:
        article = ingest.make_article("t", text, {}, ingest.Options(published=dt.date(2025, 6, 10)))
        parsed = next(nlp.parse([article]))
        topo = places.find(parsed)
        return [(f.fatalities, f.brought) for f in events.find(parsed, dates.extract(text, None), topo)]

    assert brought("Two more bodies were found in Gusau, Nigeria, bringing the toll to six.") == [(6, True)]
    # (a death told with its own count still brings the deed's toll: an update, not a new event)
    assert brought(
        "One of the wounded died overnight in Gusau, Nigeria, bringing the death toll to five."
    ) == [(5, True)]
    assert brought("Two bodies were found in Gusau, bringing the toll from attacks this month to 85.") == [
        (2, False)
    ]
    # the police who shot protesters at a blockade are no protesters' deed of their own
    shot = _factual(
        "Protesters blocked the road in Kisumu, Kenya, on Tuesday and police shot dead two of them, "
        "witnesses said.",
        published="2025-06-11",
    )
    assert [e.actor1 for e in shot if e.fatalities] == ["Police Forces of Kenya"]
    # the bodies attackers left in a village they massacred are the victims, not the attackers
    [massacre] = _factual(
        "Gunmen killed 14 villagers in Solhan, Burkina Faso, on Saturday. The attackers left 14 bodies "
        "in the village square, a resident said.",
        published="2025-06-10",
    )
    assert massacre.fatalities == 14
    # a town taken after troops withdrew following heavy fighting was fought for
    [taken] = _factual(
        "M23 rebels seized the town of Kamanyola in South Kivu, Congo, on Sunday after government "
        "troops withdrew following two days of heavy fighting.",
        published="2025-10-20",
    )
    assert taken.sub_event_type == "Non-state actor overtakes territory"


def test_article_the_damage_a_strike_did_is_part_of_it() -> None:
    # "The strikes hit two villages ..., destroying a school": the strike's damage, no record of
    # its own for an unnamed wrecker
    events = _factual(
        "Myanmar military jets bombed two villages in Kayin state on Sunday, killing six civilians, an aid "
        "group said. The strikes hit Kyondoe and Min Ywar in Kawkareik township, destroying a monastery "
        "school and about a dozen houses.",
        published="2025-01-21",
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Air/drone strike", "Military Forces of Myanmar")
    ]


def test_article_a_named_camp_is_no_army_camp() -> None:
    # "the Zamzam camp" (a camp for the displaced) is its people's: an attack on civilians, not
    # a clash with the army; an army camp is told as one
    [camp] = _factual(
        "In April, an RSF assault on the Zamzam camp, south of El Fasher, Sudan, killed hundreds of "
        "people, the UN said.",
        published="2025-04-20",
    )
    assert (camp.sub_event_type, camp.actor2) == ("Attack", "Civilians (Sudan)")
    [army] = _factual(
        "Jihadists attacked a military camp near Djibo, Burkina Faso, on Sunday, killing 12 soldiers.",
        published="2025-04-20",
    )
    assert army.actor2 == "Military Forces of Burkina Faso"


def test_article_a_tally_is_no_evidence_of_the_deed_but_may_place_it() -> None:
    # a tally of the conflict's dead tells no one deed: its sentence is not shown as the
    # evidence of the shelling it follows
    [shelling] = _factual(
        "Regime shelling killed a woman and her two children in Ariha, in Syria's Idlib province, "
        "on Tuesday, a war monitor said. The Observatory says at least 27 civilians have been "
        "killed by regime bombardment of the region since the start of August.",
        published="2023-08-29",
    )
    assert shelling.fatalities == 3
    assert [text for text, _, _ in shelling.evidence] == [
        "Regime shelling killed a woman and her two children in Ariha, in Syria's Idlib province, "
        "on Tuesday, a war monitor said."
    ]
    # unless it names the province of a deed told nowhere closer than its country: then it
    # is the evidence of that place
    [abduction] = _factual(
        "Armed men abducted six people from a herders' camp in Cameroon on Thursday night, "
        "officials said. More than 200 people have been kidnapped for ransom in the Adamawa Region "
        "since January 2024.",
        published="2025-04-14",
    )
    assert (abduction.admin1, len(abduction.evidence)) == ("Adamawa", 2)


def test_article_a_local_papers_own_town_places_what_its_story_places_nowhere() -> None:
    # a local paper files from its own town: a protest its story places nowhere else is there
    [protest] = _factual(
        "KISUMU — Police yesterday fired teargas to disperse hundreds of traders protesting against "
        "the demolition of their stalls at the main bus park.\n\nThe traders blocked the road with "
        "stones before officers moved in, a witness said.",
        published="2025-07-16",
    )
    assert (protest.location, protest.geo_precision) == ("Kisumu", 2)
    # a wire's dateline is its bureau's: the strike is in southern Lebanon, not in Beirut
    [strike] = _factual(
        "BEIRUT (AFP) - An Israeli drone strike killed three people in a car in southern Lebanon on "
        "Monday, the health ministry said.",
        published="2025-07-15",
    )
    assert (strike.location, strike.geo_precision) == ("Lebanon", 4)
    # nor is a capital's, where wires file from though a feed strips the agency
    [base] = _factual(
        "MOGADISHU — Al-Shabaab militants attacked a military base in southern Somalia on Monday, "
        "killing four soldiers, officials said.",
        published="2026-01-10",
    )
    assert (base.location, base.geo_precision) == ("Somalia", 4)


def test_article_a_toll_of_a_conflict_told_by_the_day_it_began_is_a_tally() -> None:
    # "(260 killed) in the ethnic violence ... that broke out in May 2023": the conflict's
    # toll, neither a toll nor a doer of the shooting the story tells
    events = _factual(
        "Two farmers were injured when armed miscreants opened fire on paddy fields near Phubala in "
        "Manipur's Bishnupur district on Sunday, police said. More than 260 people have been killed in "
        "the ethnic violence between the Meitei and Kuki-Zo communities that broke out in May 2023.",
        published="2026-08-04",
    )
    assert [(e.actor1, e.fatalities) for e in events] == [("Unidentified Armed Group (India)", 0)]
    # a clause of another noun's beginning leaves the deed a deed
    for text, dead in (
        (
            "Insurgents attacked a camp in Macomia for families displaced by the insurgency that began "
            "in 2017, killing five people, local sources said.",
            5,
        ),
        (
            "Gunmen killed eight miners at a gold mine in Zamfara that started operating in 2021, "
            "police said.",
            8,
        ),
    ):
        assert [e.fatalities for e in _factual(text, published="2026-01-10")] == [dead]


def test_article_a_round_ups_item_that_opens_on_a_country_is_that_countrys() -> None:
    # "CHAD (Lac province) - ... attacked an army position": Chad's army, in Chad's Lac, not
    # the army of the brief's first country
    events = _factual(
        "SAHEL SECURITY BRIEF | Thursday, 5 March 2026\n\n"
        "MALI (Ségou region) - Militants ambushed an army convoy near Niono on Tuesday afternoon, "
        "killing six soldiers, local sources said.\n\n"
        "CHAD (Lac province) - Boko Haram fighters attacked an army position on an island overnight "
        "from Tuesday to Wednesday, killing seven soldiers, an army spokesman said.",
        published="2026-03-05",
    )
    chad = [e for e in events if e.fatalities == 7]
    assert [(e.country, e.admin1, e.actor2) for e in chad] == [("Chad", "Lac", "Military Forces of Chad")]
    mali = [e for e in events if e.fatalities == 6]
    assert [(e.country, e.actor2) for e in mali] == [("Mali", "Military Forces of Mali")]


def test_article_the_damage_a_deed_did_is_that_deeds() -> None:
    # "a Ukrainian drone attack set off a fire at an oil refinery": one drone strike, not a
    # second record of property destruction by an unidentified group
    events = _factual(
        "In Russia, a Ukrainian drone attack set off a fire at an oil refinery in Saratov overnight, "
        "the regional governor said on Sunday.",
        published="2025-12-15",
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Air/drone strike", "Military Forces of Ukraine")
    ]


def test_article_an_armys_own_dead_told_after_the_militants_it_killed_add_up() -> None:
    # the army's statement: eight militants ("khwarij", the state's word for the TTP) killed,
    # then two soldiers in the same exchange: one clash with the TTP, ten dead
    events = _factual(
        'Meanwhile, the military\'s media wing said security forces killed eight "khwarij" in an '
        "intelligence-based operation in the Datta Khel area of North Waziristan on Sunday night. "
        "Two soldiers were martyred in the exchange of fire, the ISPR said.",
        published="2026-05-05",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Armed clash", "Military Forces of Pakistan", "TTP: Tehreek-i-Taliban Pakistan", 10)
    ]


def test_article_a_passenger_convoy_is_no_army() -> None:
    [attack] = _factual(
        "Gunmen attacked a passenger convoy near Bagan in Kurram on Monday, killing six passengers.",
        published="2026-05-05",
    )
    assert (attack.sub_event_type, attack.actor2) == ("Attack", "Civilians (Pakistan)")


def test_article_a_junta_airstrike_is_the_military_s() -> None:
    [strike] = _factual(
        "A junta airstrike on Monday night killed 13 civilians in a fishing village in Rakhine State, "
        "a resident said.",
        published="2026-03-17",
    )
    assert (strike.actor1, strike.fatalities) == ("Military Forces of Myanmar", 13)
    # an anti-junta attack is the junta's enemies'
    [attack] = _factual(
        "An anti-junta drone attack on a police station in Sagaing Region's Kalay township killed two "
        "policemen on Monday.",
        published="2026-01-10",
    )
    assert attack.actor1 == "Unidentified Armed Group (Myanmar)"


def test_article_groups_under_the_names_wire_copy_gives_them() -> None:
    # "the AFC/M23 rebel coalition", "the Dawlah Islamiyah-Maute Group" (actors.yaml aliases)
    [taken] = _factual(
        "In Masisi territory, North Kivu, the AFC/M23 rebel coalition said on Saturday that its "
        "fighters had taken control of Nyabiondo.",
        published="2026-04-13",
    )
    assert taken.actor1 == "M23 - March 23 Movement"
    [clash] = _factual(
        "Three members of the Dawlah Islamiyah-Maute Group were killed in a clash with government "
        "troops in Butig, Lanao del Sur, on Saturday, the military said Monday.",
        published="2025-11-17",
    )
    assert (clash.actor2, clash.fatalities) == ("Islamic State (Philippines)", 3)


def test_article_a_protest_is_dated_by_its_own_day_not_by_what_it_protests() -> None:
    # "protesting last week's killings ... on Monday": Monday's riot, one record
    events = _factual(
        "In Jos, the Plateau State capital, youths protesting last week's killings blocked the "
        "Jos-Bauchi road on Monday morning and pelted police officers with stones.",
        published="2026-06-23",
    )
    assert [(e.event_date, e.sub_event_type) for e in events] == [("2026-06-22", "Violent demonstration")]


def test_article_two_deeds_of_one_sentence_each_with_its_own_toll_are_two() -> None:
    # the attack in Iraq and the landmine in Syria's desert: two events, neither toll added to
    # the other; the attackers killed in the exchange of fire add to the attack's
    events = _factual(
        "Baghdad (AFP) - Islamic State group jihadists killed four Iraqi soldiers in an attack on an "
        "army post in the Tarmiyah area on Tuesday, security officials said, as a landmine killed five "
        "scrap-metal collectors in Syria's desert. Two of the attackers were killed in the exchange of "
        "fire, the Security Media Cell said.",
        published="2026-07-08",
    )
    # (the landmine, placed no closer than a country by an unnamed hand, is not printed)
    assert [(e.sub_event_type, e.fatalities) for e in events if e.country == "Iraq"] == [("Armed clash", 6)]
    # the same toll told for each does not make them one
    events = _factual(
        "Baghdad (AFP) - Islamic State group jihadists killed four Iraqi soldiers in an attack on an "
        "army post in Tarmiyah on Tuesday, security officials said, as a roadside bomb killed four "
        "shepherds near Daquq.",
        published="2026-07-08",
    )
    assert sorted((e.sub_event_type, e.location, e.fatalities) for e in events) == [
        ("Armed clash", "At Tarmiyah", 4),
        ("Remote explosive/landmine/IED", "Daquq", 4),
    ]


def test_article_the_sides_of_another_fight_are_not_a_strikes_doers() -> None:
    # "Fighting between X and the SDF killed 22, while a drone strike killed three": the
    # strike is not the SDF's
    events = _factual(
        "Fighting between Turkey-backed Syrian factions and the Kurdish-led Syrian Democratic Forces (SDF) "
        "near the Tishrin dam in northern Syria killed 22 fighters on Monday, a war monitor said, while a "
        "drone strike near Manbij killed three people.",
        published="2025-01-14",
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert [(e.actor1, e.fatalities) for e in strikes] == [("Unidentified Armed Group (Syria)", 3)]


def test_article_a_claim_of_more_dead_adds_nothing_to_the_toll() -> None:
    events = _factual(
        "Jihadists killed 13 members of Burkina Faso's civilian auxiliary force in an ambush near Diapaga "
        "on Sunday, security sources said. The Group for the Support of Islam and Muslims (JNIM) claimed "
        'the ambush on Monday, saying in a statement that it had killed "more than 40 militiamen".',
        published="2025-09-16",
    )
    assert [e.fatalities for e in events] == [13]


def test_article_a_lead_told_by_its_province_and_day_is_the_deed_its_next_paragraph_places() -> None:
    # the lead names only Deir Ezzor province ("Deir Ezzor" is news copy's spelling of GeoNames'
    # Deir ez-Zor: places.yaml admin1_variants) and Monday; the next paragraph tells the same
    # attack at Dhiban: one clash, at the town
    events = _factual(
        "BEIRUT, Nov 5 (AFP) - Tribal fighters attacked a checkpoint of the Kurdish-led Syrian Democratic "
        "Forces in eastern Syria's Deir Ezzor province on Monday, sparking clashes that left six people "
        "dead, a war monitor said.\n\nIn a statement, the SDF said fighters from the Aqidat tribe attacked "
        "its checkpoint at the entrance of the town of Dhiban with machineguns.",
        published="2024-11-05",
    )
    assert [(e.sub_event_type, e.admin1, e.location, e.fatalities) for e in events] == [
        ("Armed clash", "Deir-ez-Zor", "Dhiban", 6)
    ]


def test_article_is_fighters_are_the_islamic_states() -> None:
    [raid] = _factual(
        "The Kurdish-led Syrian Democratic Forces said they killed three IS members in a raid near "
        "Shuhayl, in Deir Ezzor province, on Sunday.",
        published="2026-07-08",
    )
    assert (raid.sub_event_type, raid.actor2, raid.admin1) == (
        "Armed clash",
        "Islamic State (Syria)",
        "Deir-ez-Zor",
    )


def test_article_a_countrys_independence_day_is_no_fourth_of_july() -> None:
    # Georgia's Independence Day rally, "late on Tuesday": the Tuesday, not 4 July
    events = _factual(
        "Tbilisi - Police used water cannon against protesters outside the Parliament building late on "
        "Tuesday, after an Independence Day rally that drew tens of thousands of people. A group of "
        "protesters threw fireworks and bottles at police lines.",
        published="2026-05-27",
    )
    assert [(e.event_date, e.sub_event_type) for e in events] == [("2026-05-26", "Violent demonstration")]


def test_article_a_states_aircraft_that_struck_made_a_strike_not_a_crash() -> None:
    # "US aircraft struck ..., killing at least 25": the strike's dead (the bundled Kirkuk
    # example's, shared between the two countries); a plane that crashed killed in an accident
    events = _factual(
        "Two days later, US aircraft struck three Kataib Hezbollah sites in western Iraq and two in "
        "eastern Syria, killing at least 25 fighters, the militia said.",
        published="2019-12-28",
    )
    assert sorted((e.country, e.fatalities) for e in events) == [("Iraq", 13), ("Syria", 12)]
    assert _factual("A passenger plane crashed into a village in Idlib on Sunday, killing 25 people.") == []


def test_article_a_groups_claim_told_as_saying_is_its_boast_not_the_toll() -> None:
    # the commander's count of attackers killed adds to the soldiers'; the claim "saying its
    # fighters had killed more than 30" is the perpetrator's own count and adds nothing
    events = _factual(
        "At least five Somali soldiers were killed on Sunday when al-Shabaab fighters attacked a military "
        'base on the outskirts of Bulo Burte in the Hiraan region, officials said. "Eight of the '
        'attackers were killed and their bodies are lying outside the base," a commander said. '
        'Al-Shabaab claimed responsibility on its radio, saying its fighters had killed "more than 30" '
        "soldiers.",
        published="2026-01-19",
    )
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [("Armed clash", "Al Shabaab", 13)]


def test_article_a_killing_told_as_the_latest_of_a_run_keeps_its_toll_and_day() -> None:
    [killing] = _factual(
        "Gunmen killed three farmers near Tillaberi, Niger, on Sunday, officials said, the latest "
        "in a series of attacks that have left more than 60 people dead in the region this year.",
        published="2025-05-13",
    )
    assert (killing.fatalities, killing.event_date) == (3, "2025-05-11")


def test_article_a_state_of_emergency_no_one_is_told_imposing_is_the_states() -> None:
    [emergency] = _factual("The state of emergency in Lima was extended on Monday for 30 days.", "2025-05-13")
    assert (emergency.sub_event_type, emergency.actor1, emergency.actor2) == (
        "Change to group/activity",
        "Government of Peru",
        "",
    )


def test_article_a_round_up_item_opening_on_a_colon_is_its_areas_news() -> None:
    events = _factual(
        "Afghanistan security round-up\n\n"
        "KABUL: A bomb killed two people in a market in Kabul on Monday, police said.\n\n"
        "PAKTIKA: The defence ministry accused Pakistan of carrying out air strikes on Monday that "
        "killed four civilians in Urgun district.",
        published="2025-06-17",
    )
    strike = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike and strike[0].admin1 == "Paktika" and strike[0].fatalities == 4


def test_article_figures_told_per_place_after_an_unknown_district_keep_to_the_known_one() -> None:
    events = _factual(
        "Air strikes killed five civilians in Zarghun district and three in Ghazni city, "
        "Afghanistan, on Monday, the ministry said.",
        published="2025-06-17",
    )
    assert [(e.location, e.fatalities) for e in events] == [("Ghazni", 3)]


def test_article_two_deeds_with_their_own_tolls_in_one_sentence_stay_two() -> None:
    events = _factual(
        "Militants killed 14 soldiers in an attack on an army post in Djibo, Burkina Faso, on "
        "Sunday, as the army said its drones had killed dozens of fighters in the north of the "
        "country.\n\n"
        "The army said drone strikes on Saturday had neutralised dozens of terrorists gathered "
        "near Arbinda.",
        published="2025-03-10",
    )
    kinds = sorted((e.sub_event_type, e.event_date, e.fatalities) for e in events)
    assert kinds == [("Air/drone strike", "2025-03-08", 12), ("Armed clash", "2025-03-09", 14)]


def test_article_a_town_on_a_road_between_two_others_is_not_either_of_them() -> None:
    [attack] = _factual(
        "Fighters stormed an army post in Kantchari, on the main road between Fada N'Gourma and "
        "the border with Niger, on Sunday, killing six soldiers, Burkina Faso's army said.",
        published="2025-03-10",
    )
    assert attack.location != "Fada N'gourma" and attack.fatalities == 6


def test_article_deaths_after_an_earlier_deed_are_that_deeds_not_the_news() -> None:
    events = _factual(
        "The attack came two weeks after militants overran a police post in Sebba, Burkina Faso, "
        "on Feb. 22, killing nine police officers, according to a local official.",
        published="2025-03-10",
    )
    post = [e for e in events if e.location == "Sebba"]
    assert post and (post[0].sub_event_type, post[0].fatalities) == ("Armed clash", 9)


def test_article_a_site_manned_by_a_group_is_theirs_and_a_nigerian_word_is_not_a_cameroonian_group() -> None:
    [bomb] = _factual(
        "A female suicide bomber blew herself up at a checkpoint manned by vigilantes at the "
        "entrance of Kolofata, Cameroon, on Saturday, killing two of them.",
        published="2025-05-04",
    )
    assert bomb.actor1 == "Unidentified Armed Group (Cameroon)"
    assert bomb.actor2 != "Military Forces of Cameroon"


def test_article_a_tally_that_places_a_deed_lends_it_no_side() -> None:
    events = _factual(
        "A suicide bomber blew herself up at a checkpoint manned by vigilantes on Saturday, "
        "killing two of them, Cameroonian officials said.\n\n"
        "The military says troops in the Far North Region have killed more than 80 terrorists "
        "since January.",
        published="2025-05-04",
    )
    bomb = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert bomb and bomb[0].actor2 != "Military Forces of Cameroon"


def test_article_the_number_of_dead_brought_to_a_figure_is_the_toll() -> None:
    [clash] = _factual(
        "Clashes between the ELN and FARC dissidents in Tibu, Colombia, on Friday left four "
        "combatants dead. A girl was killed by a stray bullet inside her home, bringing the number "
        "of dead to five, community leaders said.",
        published="2025-09-22",
    )
    assert clash.fatalities == 5


def test_article_the_attack_blamed_is_its_own_paragraphs_deed() -> None:
    events = _factual(
        "On Friday, clashes between the ELN and FARC dissidents in Tibu, Colombia, left four "
        "combatants dead.\n\n"
        "On Saturday, a drone dropped explosives on a military post in El Tarra, wounding three "
        "soldiers. The army attributed the attack to the ELN.",
        published="2025-09-22",
    )
    drone = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert drone and drone[0].actor1 == "ELN - National Liberation Army"


def test_article_the_side_told_as_attacking_in_a_clash_is_actor_one() -> None:
    [clash] = _factual(
        "At least nine people were killed on Sunday in clashes between M23 rebels and Wazalendo "
        "fighters in Minova, South Kivu, DR Congo. The fighting began at dawn when Wazalendo "
        "fighters attacked M23 positions on the hills.",
        published="2025-03-24",
    )
    assert (clash.actor1, clash.actor2) == ("Wazalendo", "M23 - March 23 Movement")


def test_article_houses_burned_by_no_one_after_a_fight_are_part_of_it() -> None:
    events = _factual(
        "Wazalendo fighters attacked M23 positions in Minova, South Kivu, DR Congo, on Sunday, "
        "killing six. Several houses were burned and families fled towards Goma.\n\n"
        "In Goma, students burned tyres on Monday to protest against rising prices.",
        published="2025-03-24",
    )
    assert "Looting/property destruction" not in [e.sub_event_type for e in events]


def test_article_a_victim_told_by_who_is_counted() -> None:
    [killing] = _factual(
        "Students mourned a classmate, who was shot dead on Saturday night by a soldier in Uvira, DR Congo.",
        published="2025-03-24",
    )
    assert killing.fatalities == 1


def test_article_a_deed_after_one_abroad_in_its_paragraph_is_abroad() -> None:
    events = _factual(
        "Israeli strikes killed three people in Khan Younis, Gaza, on Tuesday.\n\n"
        "Separately, an Israeli drone struck a car near Nabatieh, Lebanon, killing one man. The "
        "Israeli military said it had killed a Hezbollah operative.",
        published="2025-07-22",
    )
    lebanon = [e for e in events if e.country == "Lebanon"]
    assert len(lebanon) == 1 and lebanon[0].fatalities == 1
    assert all(e.fatalities == 3 for e in events if e.country == "Palestine")


def test_article_a_group_that_did_similar_deeds_did_not_do_this_one() -> None:
    [bomb] = _factual(
        "Three police officers were killed when their vehicle hit a roadside bomb near Elwak in "
        "Mandera county, Kenya, on Monday. No one claimed the attack, but al-Shabab has carried "
        "out similar attacks in the border region.",
        published="2025-02-18",
    )
    assert bomb.actor1 == "Unidentified Armed Group (Kenya)"


def test_article_a_killing_protesters_demand_justice_for_is_no_mobs() -> None:
    events = _factual(
        "Around 200 people formed a human chain in Dhaka, Bangladesh, on Monday, demanding justice "
        "for two youths who were shot dead in Khagrachhari in December.",
        published="2026-01-20",
    )
    assert "Rioters (Bangladesh)" not in [e.actor1 for e in events]


def test_article_a_deed_told_in_the_when_clause_of_a_run_since_a_month_is_not_the_news() -> None:
    events = _factual(
        "On 14 February, after the army withdrew from the locality, 3R elements looted the health "
        "centre in Bang, Central African Republic, according to partners.\n\n"
        "This is the second major security incident in the sub-prefecture since December 2025, "
        "when 3R elements attacked Ngaoundaye town and killed five people.",
        published="2026-02-17",
    )
    # (the December attack, told with neither its day nor its town, is not coded again)
    assert [(e.event_date, e.sub_event_type, e.fatalities) for e in events] == [
        ("2026-02-14", "Looting/property destruction", 0)
    ]


def test_article_the_tigray_army_is_tigrays_forces_not_ethiopias() -> None:
    events = _factual(
        "At least six people were killed on Sunday in clashes between the Tigray Army and Fano "
        "militiamen near Korem, Ethiopia, a local administrator said.",
        published="2025-11-17",
    )
    assert events and "Military Forces of Ethiopia" not in {events[0].actor1, events[0].actor2}


def test_article_what_a_group_is_doing_told_of_it_is_no_event() -> None:
    events = _factual(
        "The Somali militant group, which is fighting to topple the federal government in "
        "Mogadishu, has carried out dozens of attacks in Kenya since 2011.",
        published="2025-03-05",
    )
    assert events == []


def test_article_a_clashs_sides_keep_their_order_whatever_the_distance_told_between() -> None:
    [clash] = _factual(
        "On Monday, fighting between the army and the RSF around El-Khuwei, about 110 kilometres "
        "west of El Obeid, Sudan, killed at least 21 combatants.",
        published="2026-10-06",
    )
    assert (clash.actor1, clash.actor2) == ("Military Forces of Sudan", "RSF: Rapid Support Forces")


def test_article_a_toll_told_again_is_the_deed_with_that_toll_and_blame_told_next() -> None:
    events = _factual(
        "A drone strike on a market in El Fula, Sudan, killed 13 people on Sunday, medics said, as "
        "the army and the RSF battled for control of the road to El Obeid.\n\n"
        "The RSF blamed the army for the strike. A medical source said 13 people had died.",
        published="2026-10-06",
    )
    strike = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike and (strike[0].actor1, strike[0].fatalities) == ("Military Forces of Sudan", 13)
    assert [e.fatalities for e in events if e.sub_event_type == "Armed clash"] in ([], [0])


def test_article_a_death_told_right_after_a_deed_is_its_whatever_toll_came_before() -> None:
    events = _factual(
        "Russian shelling killed a 70-year-old man in Kherson, Ukraine, on Monday, the regional "
        "governor said.\n\n"
        "A private house was hit by Russian shelling in Bilozerka on Monday. An elderly woman died "
        "on the spot from her injuries.",
        published="2023-09-19",
    )
    assert sorted((e.location, e.fatalities) for e in events) == [("Bilozerka", 1), ("Kherson", 1)]


def test_article_a_groups_own_count_the_report_cannot_verify_is_no_toll() -> None:
    events = _factual(
        "KIA fighters captured an army outpost near Bhamo, Myanmar, on Monday.\n\n"
        "The KIA said its troops had overrun the outpost on Monday morning, killing about 30 "
        "regime soldiers. The claim could not be independently verified, and the regime did not "
        "comment.",
        published="2026-01-27",
    )
    assert events and all(e.fatalities == 0 for e in events)


def test_article_people_who_fled_earlier_fighting_tell_no_fight_of_this_strike() -> None:
    [strike] = _factual(
        "A junta air strike on a camp for displaced people near Myitkyina, Myanmar, on Sunday "
        "killed 10 civilians.\n\n"
        "A fighter jet dropped two bombs on the camp, which shelters about 800 people who fled "
        "earlier fighting.",
        published="2026-01-27",
    )
    assert (strike.sub_event_type, strike.fatalities) == ("Air/drone strike", 10)


def test_article_arrests_at_a_protest_are_the_force_it_met() -> None:
    [held] = _factual(
        "Police arrested 12 people at a protest against fuel prices in Lagos, Nigeria, on Monday.",
        published="2026-01-27",
    )
    assert (held.sub_event_type, held.actor1, held.actor2) == (
        "Protest with intervention",
        "Protesters (Nigeria)",
        "Police Forces of Nigeria",
    )
    events = _factual(
        "About 100 young people gathered in Lashio, Myanmar, on Monday. Soldiers dispersed the "
        "crowd and detained six.",
        published="2026-01-27",
    )
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


def test_article_raiders_and_armed_rustlers_hit_are_armed_not_civilians() -> None:
    events = _factual(
        "Police officers who pursued the raiders engaged them in a gun battle near Marigat, Kenya, "
        "on Monday. Two of the bandits were killed.\n\n"
        "In Uganda, the army said its soldiers had killed three armed cattle rustlers in Moroto on "
        "Monday.",
        published="2026-06-03",
    )
    assert {e.sub_event_type for e in events} == {"Armed clash"}


def test_article_a_deed_the_text_dates_is_not_folded_into_one_of_months_before() -> None:
    events = _factual(
        "MALAKAL - Nyaduoth Gai was selling tea in the market on Saturday morning when bombs fell."
        "\n\nAt least 11 civilians were killed in the bombing of the market, according to the "
        "county commissioner.\n\n"
        "The latest round of fighting in Upper Nile began in January, when White Army fighters "
        "overran an army outpost at Kiech Kuon, near Nasir, South Sudan, killing nine soldiers, "
        "according to the army.",
        published="2026-04-02",
    )
    assert ("2026-01", 11) not in [(e.event_date[:7], e.fatalities) for e in events]


def test_article_what_a_group_did_throughout_a_war_is_no_event() -> None:
    events = _factual(
        "The White Army, a militia of armed Nuer youth, fought alongside Machar's forces "
        "throughout that war in South Sudan.",
        published="2026-04-02",
    )
    assert events == []


def test_article_a_deed_a_demand_names_lends_no_place() -> None:
    events = _factual(
        "On Saturday, a bombing killed 11 civilians at a market in Ulang county, South Sudan.\n\n"
        "In Malakal on Wednesday, about 150 women marched to the UN base, carrying placards "
        "demanding an end to the bombing.",
        published="2026-04-02",
    )
    assert all(e.location != "Malakal" for e in events if e.fatalities)


def test_article_one_figure_for_two_countries_is_no_record() -> None:
    events = _factual(
        'Turkey\'s defence ministry said on Tuesday its forces had "neutralised" 13 PKK and YPG '
        "militants in northern Iraq and Syria, without giving locations.",
        published="2024-08-14",
    )
    assert events == []


def test_article_a_states_named_forces_police_are_its_police() -> None:
    [arrests] = _factual(
        "Taliban police arrested five journalists in Kabul on Monday.", published="2026-06-16"
    )
    assert arrests.actor1 == "Police Forces of Afghanistan"


def test_article_a_march_against_strikes_is_a_protest_not_a_strike() -> None:
    # the strikes are the crowd's grievance, told as what it marched against: no air strike,
    # and the city is Syria's Raqqa, though the only country word is "Turkish"
    events = _factual(
        "Hundreds of people marched through Raqqa on Sunday against the Turkish drone strikes.",
        published="2025-01-13",
    )
    assert [(e.event_type, e.actor1, e.country, e.location) for e in events] == [
        ("Protests", "Protesters (Syria)", "Syria", "Ar Raqqah")
    ]


def test_article_a_dispersal_told_after_a_riot_is_part_of_it_whatever_day_its_sentence_names() -> None:
    # the tear gas met the crowd of the sentence before; "on Tuesday" is the day a wounded
    # protester died, not a second protest; the burning tyres are the crowd's, not looting
    events = _factual(
        "In Basra, hundreds of protesters blocked roads with burning tyres and threw stones at "
        "police outside the governorate building on Sunday night, demanding jobs.\n\n"
        "Police fired tear gas and live rounds into the air; a doctor said 11 protesters were "
        "hurt and that one of them died in hospital on Tuesday.",
        published="2025-07-09",
    )
    assert [(e.event_date, e.sub_event_type, e.location, e.fatalities) for e in events] == [
        ("2025-07-06", "Violent demonstration", "Basrah", 1)
    ]


def test_article_whom_a_crowd_clashed_with_is_never_the_doer() -> None:
    # the parser hangs "clashed" on "shortages": the police it clashed with are the other
    # side, the protesters before it the crowd, and a crowd that clashes is a riot
    events = _factual(
        "A roadside bomb killed two soldiers near Mosul on Sunday, officials said, as protesters "
        "angry about power shortages clashed with police in Basra.",
        published="2025-07-07",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events if e.location == "Basrah"] == [
        ("Violent demonstration", "Rioters (Iraq)", "Police Forces of Iraq")
    ]


def test_article_one_sentences_month_is_one_time_for_its_deed_and_its_attack() -> None:
    # "In March" dates both the bombing and "an attack claimed by": one event, with its toll
    events = _factual(
        "In March, a suicide bomber killed 14 people outside a bank in the city of Herat as "
        "soldiers queued for their pay, in an attack claimed by the Islamic State group.",
        published="2024-06-20",
    )
    assert [(e.sub_event_type, e.fatalities, e.time_precision) for e in events] == [("Suicide bomb", 14, 3)]


def test_article_the_side_told_attacking_in_a_fight_named_by_one_side_is_actor_1() -> None:
    # "fighting began ..., when White Army fighters overran an army outpost": the White Army
    # attacked, the army was attacked, never the other way round
    events = _factual(
        "The latest fighting in Upper Nile began in January, when White Army fighters overran "
        "an army outpost near Nasir, killing six soldiers, the army said.",
        published="2026-03-20",
    )
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("White Army", "Military Forces of South Sudan", 6)
    ]


def test_article_a_weeks_lead_toll_by_no_one_named_is_the_bodys_deed_with_that_toll() -> None:
    # the lead's "this week" holds Sunday's raid in a Thursday report; its three dead are the
    # raid's three, not three more
    events = _factual(
        "PEMBA, Mozambique, June 13 (Reuters) - Suspected insurgents killed four villagers in "
        "Mozambique's northern Cabo Delgado province this week, local sources said.\n\n"
        "In the deadliest incident, armed men raided Litamanda, a village in Macomia district, "
        "on Sunday, killing four farmers, two residents said.",
        published="2024-06-13",
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2024-06-09", 4)]


def test_article_an_attack_the_attacked_fought_back_is_a_battle() -> None:
    # the villagers' militia answered the raiders: two armed sides, ACLED's armed clash, not
    # an attack on civilians, whoever the dead were
    events = _factual(
        "Gunmen raided the village of Doungous, Chad, on Sunday, and local militiamen fought "
        "back. Nine people were killed.",
        published="2019-05-07",
    )
    assert [(e.event_type, e.inter2, e.fatalities) for e in events] == [("Battles", 3, 9)]


def test_article_the_dead_of_a_fight_between_two_groups_make_no_civilian_side() -> None:
    # the people a clash between two armed groups left dead are no third side: never
    # "Civilians" as the other side of a fight
    events = _factual(
        "Clashes between two armed groups in Zawiya, Libya, on Sunday killed seven people, "
        "among them a boy, the health ministry said.",
        published="2025-06-16",
    )
    assert [(e.sub_event_type, e.inter2 != 7, e.fatalities) for e in events] == [("Armed clash", True, 7)]


def test_article_a_curfew_imposed_is_one_record() -> None:
    # "imposed a curfew": the state's one change of activity, not also a sanction
    events = _factual(
        "Gunmen killed five people in Mangu, Plateau state, Nigeria, on Sunday. The state "
        "government imposed a 24-hour curfew on the town.",
        published="2025-11-25",
    )
    assert sorted(e.sub_event_type for e in events) == ["Attack", "Change to group/activity"]


def test_article_a_class_of_deeds_and_a_rate_are_no_events_but_a_ranked_deed_keeps_its_day() -> None:
    # "some of the deadliest attacks" is a class, "attacks doubled" a statistic: no records
    # dated to the report; "the deadliest attack in a decade" is one deed, on its own day
    assert (
        _factual(
            "The Bastar region has witnessed some of the deadliest Maoist attacks.", published="2026-04-01"
        )
        == []
    )
    assert (
        _factual(
            "Attacks on police rose sharply in Khyber Pakhtunkhwa, the report said.", published="2026-01-03"
        )
        == []
    )
    events = _factual(
        "Maoists carried out the deadliest attack in a decade in Bastar on Monday, killing 12 soldiers.",
        published="2026-04-01",
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2026-03-30", 12)]
    # (a shell that fell is the deed, not a rate)
    events = _factual(
        "On Tuesday, an artillery shell fell into Kwayt Chay village in Rakhine State, Myanmar, "
        "and injured a man.",
        published="2020-10-15",
    )
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_article_the_toll_from_the_attack_told_before_is_its_toll() -> None:
    # "the death toll from the attack rose to 12": that attack's newer count, not a tally;
    # "the toll from the war" is one
    events = _factual(
        "Gunmen attacked a passenger bus near Quetta, Pakistan, on Monday. The death toll from the "
        "attack rose to 12 on Tuesday.",
        published="2026-01-03",
    )
    assert [(e.event_date, e.fatalities) for e in events] == [("2025-12-29", 12)]


def test_article_a_killing_counted_in_a_run_keeps_its_own_day() -> None:
    # "..., the third candidate killed this month": the month counts the run; Sunday is the day
    events = _factual(
        "Gunmen shot dead a local politician in Guerrero state, Mexico, on Sunday, the third "
        "candidate killed this month.",
        published="2024-06-10",
    )
    assert [(e.event_date, e.time_precision) for e in events] == [("2024-06-09", 1)]


def test_article_forces_sent_to_the_scene_answer_the_deed_but_a_deployment_elsewhere_is_one() -> None:
    # "deployed to the area" after a raid: the response, no record; troops sent to a named
    # town are a change of activity of their own
    events = _factual(
        "Gunmen killed 17 people in a raid on a village in Zamfara state, Nigeria, on Saturday, "
        "police said. Security forces had been deployed to the area, a police spokesman said.",
        published="2024-03-04",
    )
    assert [e.sub_event_type for e in events] == ["Attack"]
    events = _factual(
        "Kenya deployed 400 police officers to the border town of Mandera on Monday.", published="2024-03-05"
    )
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]


def test_article_weapons_joined_in_one_phrase_are_one_strike() -> None:
    # "Russian drones and missiles struck Odesa": one strike, Russia's, with its toll; "the
    # attack" after it is the same strike
    events = _factual(
        "Russian drones and missiles struck the Ukrainian city of Odesa overnight, killing three "
        "people, the regional governor said on Tuesday. The attack damaged a residential building.",
        published="2025-08-12",
    )
    assert [(e.actor1, e.location, e.fatalities) for e in events] == [
        ("Military Forces of Russia", "Odesa", 3)
    ]


def test_article_the_dead_say_whose_the_thing_hit_was() -> None:
    # "attacked their patrol": the police officers' patrol, not the army a patrol defaults to
    events = _factual(
        "Two police officers were killed when gunmen attacked their patrol in Bannu, Pakistan, on Sunday.",
        published="2024-06-10",
    )
    assert [(e.actor2, e.fatalities) for e in events] == [("Police Forces of Pakistan", 2)]


def test_article_riot_police_make_no_riot() -> None:
    # "riot police" are the force's kind, not the crowd's violence: a protest they blocked
    # and tear-gassed is a protest with intervention
    events = _factual(
        "Protesters tried to march to parliament in Nairobi, Kenya, on Tuesday but were blocked by "
        "riot police, who fired tear gas.",
        published="2025-01-22",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya")
    ]


def test_article_rebel_positions_are_the_rebels_not_civilians() -> None:
    # "attacked rebel positions": a fight with an armed group, never the army attacking civilians
    events = _factual("Troops attacked rebel positions near Goma, Congo, on Sunday.", published="2024-06-10")
    assert [(e.sub_event_type, e.inter2) for e in events] == [("Armed clash", 3)]


def test_article_the_backing_of_a_deeds_doers_is_part_of_it() -> None:
    # "backed by US air strikes": the recapture is the event, not a US air strike of its own
    # (which the story's "US" had placed in the United States)
    events = _factual(
        "Somali forces backed by US air strikes recaptured the town of Harardhere from al-Shabab on "
        "Sunday, the government said.",
        published="2024-06-10",
    )
    assert [e.sub_event_type for e in events] == ["Government regains territory"]
    assert all(e.country != "United States" for e in events)


def test_article_kinds_of_deed_joined_stay_apart() -> None:
    # only weapons fold into one strike: killings and abductions are two kinds of deed
    events = _factual(
        "Gunmen carried out killings and abductions in Zamfara, Nigeria, on Sunday.", published="2024-06-10"
    )
    assert sorted(e.sub_event_type for e in events) == ["Abduction/forced disappearance", "Attack"]


def test_article_a_group_only_suspected_is_not_blamed_but_noted() -> None:
    # "suspected Boko Haram fighters": an unidentified group, the suspect in the notes (and
    # the record stands although its place is only the province); a plain naming blames it
    events = _factual(
        "Suspected Boko Haram fighters abducted six people in Cameroon's Far North region on "
        "Monday, a traditional chief said.",
        published="2024-09-17",
    )
    assert [(e.actor1, e.admin1) for e in events] == [("Unidentified Armed Group (Cameroon)", "Extreme-Nord")]
    assert "Suspected perpetrator: " in events[0].notes and "Boko Haram" in events[0].notes
    named = _factual(
        "Boko Haram fighters abducted six people in Cameroon's Far North region on Monday, a "
        "traditional chief said.",
        published="2024-09-17",
    )
    assert ["Boko Haram" in e.actor1 and "Suspected" not in e.notes for e in named] == [True]
    # the other side of a fight may be only suspected too: it is still who was fought
    fought = _factual(
        "Soldiers clashed with suspected Islamic State militants near Rutba in Iraq on Saturday, "
        "killing four of them.",
        published="2025-07-06",
    )
    assert [(e.actor1, e.actor2) for e in fought] == [("Military Forces of Iraq", "Islamic State (Iraq)")]


def test_article_one_deed_by_one_pair_at_one_town_on_one_day_is_one_record() -> None:
    # the IED told in the lead ("two days after a roadside bomb ...") and again in the body
    # with the group's claim: one record (ACLED's event: one pair, one place, one day), with
    # both sentences as evidence and the claim's word ("claimed") kept
    events = _factual(
        "NAIROBI, March 4 (Reuters) - Al Shabaab militants abducted three quarry workers near the "
        "town of El Wak in Kenya's Mandera county on Sunday and took them into Somalia, police "
        "said, two days after a roadside bomb killed two police officers outside of Garissa.\n\n"
        "The gunmen stormed a quarry about 5 km from El Wak shortly after dawn, police said.\n\n"
        "On Friday, an improvised explosive device hit a police vehicle on the Garissa-Dadaab road "
        "about 10 km outside of Garissa, killing two officers and wounding three, according to a "
        "police report seen by Reuters. Al Shabaab said on its Andalus radio station that it had "
        "killed seven Kenyan crusader soldiers in the attack.",
        published="2025-03-04",
    )
    bombs = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert [(e.location, e.event_date, e.fatalities, e.modality) for e in bombs] == [
        ("Garissa", "2025-02-28", 2, "claimed")
    ]
    starts = [start for _, start, _ in bombs[0].evidence]
    assert starts[0] == 0 and len(starts) >= 2 and starts == sorted(starts)
    assert "(claimed). 2 fatalities." in bombs[0].notes
    # two deeds at one town on one day with their own tolls stay two (never the lower toll
    # of the two for both)
    bombs = _factual(
        "A suicide bomber blew herself up at a market in Maiduguri, Nigeria, on Monday, killing "
        "five people. Hours later, a second suicide bomber struck a mosque in Maiduguri, killing "
        "three worshippers.",
        published="2024-06-11",
    )
    assert sorted(e.fatalities for e in bombs) == [3, 5]


def test_article_the_place_of_a_deed_told_after_another_is_not_the_others() -> None:
    # "The clash came a week after two soldiers were killed in an ambush ... in Tubaran": the
    # clash told again is the one in Butig, not a second clash in Tubaran
    events = _factual(
        "Soldiers clashed with Dawlah Islamiyah militants in Butig, Lanao del Sur, on Saturday, "
        "killing two militants, the army said. The clash came a week after two soldiers were "
        "killed in an ambush by the same group in neighboring Tubaran town, an army spokesman said.",
        published="2025-11-16",
    )
    assert sorted((e.location, e.event_date, e.fatalities) for e in events) == [
        ("Butig", "2025-11-15", 2),
        ("Tubaran", "2025-11-08", 2),
    ]


def test_article_a_deed_told_in_a_relative_clause_of_the_speaker_is_where_its_clause_says() -> None:
    events = _factual(
        "ISLAMABAD: Gunmen shot dead two policemen in Bannu on Monday, officials said.\n\n"
        "Activists of the Baloch Yakjehti Committee who staged a sit-in in Quetta on Tuesday said "
        "police had beaten them with batons.",
        published="2025-06-11",
    )
    [protest] = [e for e in events if e.event_type == "Protests"]
    # the sit-in's own clause places and dates it; the activists spoke, they are no reporter
    assert (protest.location, protest.event_date) == ("Quetta", "2025-06-10")


def test_article_a_village_no_gazetteer_knows_is_in_its_paragraphs_province() -> None:
    events = _factual(
        "N'DJAMENA, Oct 14 (Reuters) - Gunmen killed three herders near Abeche in eastern Chad on "
        "Saturday, officials said.\n\n"
        "The air force on Monday bombed positions of the jihadists on islands near Kaiga-Kindjiria, "
        "north-west of Bol, the army said.",
        published="2025-10-14",
    )
    [strike] = [e for e in events if e.sub_event_type == "Air/drone strike"]
    # Bol's province, at ACLED's precision 3: not the country, and not Bol itself
    assert (strike.admin1, strike.geo_precision) == ("Lac", 3)


def test_article_a_group_only_suspected_is_suspected_in_the_words_that_refer_back_to_it() -> None:
    [event] = _factual(
        "NAIROBI, March 4 (Reuters) - Suspected al Shabaab militants abducted three quarry "
        "workers near the town of El Wak in Kenya's Mandera county on Sunday, police said.\n\n"
        "The gunmen stormed a quarry about 5 km from El Wak shortly after dawn and drove off with "
        "three men towards the border, a police commander said.",
        published="2025-03-04",
    )
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.actor1 == "Unidentified Armed Group (Kenya)"
    assert "Suspected perpetrator: Al Shabaab" in event.notes


def test_article_a_raid_that_killed_no_one_is_the_abduction_it_made() -> None:
    text = (
        "NAIROBI, March 4 (Reuters) - Gunmen abducted three quarry workers near the town of El Wak "
        "in Kenya's Mandera county on Sunday, police said.\n\n"
        "The gunmen stormed a quarry near El Wak shortly after dawn{} and drove off with three men "
        "towards the border, a police commander said."
    )
    [event] = _factual(text.format(""), published="2025-03-04")
    assert event.sub_event_type == "Abduction/forced disappearance"
    # the killings of a raid and its abductions are two ACLED events
    killed = _factual(text.format(", killing two guards,"), published="2025-03-04")
    assert sorted(e.sub_event_type for e in killed) == ["Abduction/forced disappearance", "Attack"]


def test_article_a_bomb_outside_a_town_is_the_one_told_later_at_a_distance_from_it() -> None:
    events = _factual(
        "NAIROBI, March 4 (Reuters) - Kenyan police reinforced patrols in Garissa county on "
        "Sunday, two days after a roadside bomb killed two police officers outside of Garissa.\n\n"
        "On Friday, an improvised explosive device hit a police vehicle about 10 km outside of "
        "Garissa, killing two officers and wounding three, according to a police report. Al "
        "Shabaab said on its radio station that it had killed seven Kenyan soldiers in the attack.",
        published="2025-03-04",
    )
    [bomb] = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert (bomb.actor1, bomb.fatalities, bomb.modality) == ("Al Shabaab", 2, "claimed")


def test_article_a_village_of_a_sentence_that_opens_on_its_area_lies_in_it() -> None:
    [event] = _factual(
        "In Sagaing Region, members of a junta-backed militia killed five villagers and burned "
        "40 houses in a raid on Nyaung Pin Thar village in Shwebo Township on Friday, a local "
        "resistance group said.",
        published="2026-03-16",
    )
    # Yangon has a village of that name; this one is in Sagaing, near Shwebo
    assert (event.admin1, event.location) == ("Sagaing", "Shwebo")
