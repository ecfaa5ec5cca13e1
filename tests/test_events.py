"""Event mentions: modality, fatalities and types, on sentences we composed."""

from __future__ import annotations

import datetime as dt

import pytest

import eventwire
from eventwire import dates, events, ingest, nlp, places
from eventwire.records import Parsed


def _parse(text: str) -> Parsed:
    article = ingest.make_article("t", text, {}, ingest.Options(published=dt.date(2020, 1, 5)))
    return next(nlp.parse([article]))


def _found(text: str, gaz: object) -> list[events.Found]:
    p = _parse(text)
    return events.find(p, dates.extract(text, dt.date(2020, 1, 5)), places.find(p, gaz))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Militants attacked the police station on Friday.", "asserted"),
        ("Militants allegedly attacked the police station on Friday.", "claimed"),
        ("Militants will attack the police station, officials said.", "planned"),
        ("Officials said militants could attack the police station.", "hypothetical"),
        ("The group has been shown to be capable of attacking police stations.", "hypothetical"),
        ("The militia denied attacking the police station.", "denied"),
        ("Militants did not attack the police station on Friday.", "denied"),
        ("More troops are expected to be deployed to the region.", "planned"),
        ("Activists called for more protests on Thursday.", "planned"),
        ("It is not known whether the coalition will halt the training.", "hypothetical"),
        # an aside in brackets, a coordinated deed and a verb the trigger modifies do not count
        ("Gunmen (possibly militants; not confirmed) shot dead a local official on Friday.", "asserted"),
        ("Gunmen set fire to huts and beheaded eight civilians on Friday.", "asserted"),
        ("On Friday activists demonstrated in Kitale, demanded police action.", "asserted"),
        # what a deed was for, or what it kept from happening, did not happen
        ("Security agents are on the trail of the attackers to arrest them.", "planned"),
        ("Troops were sent in order to arrest the gunmen.", "planned"),
        ("Elders met on Friday to forestall a further attack on the villages.", "hypothetical"),
        # but the aim of a deed told as done, and the means of one, were done
        ("Hundreds of people camped outside the offices on Monday to protest the results.", "asserted"),
        ("On Monday police prevented the miners from entering by opening fire on them.", "asserted"),
        # an abduction, an arrest or a town taken only tried did not happen; an attack tried did
        ("Gunmen tried to kidnap four young men near the market on Saturday.", "planned"),
        ("Police attempted to arrest the suspect on Friday, but he escaped.", "planned"),
        ("An attempted abduction of two aid workers failed on Monday.", "planned"),
        ("Rebels tried to seize the town on Sunday but were pushed back.", "planned"),
        ("Militants tried to storm an army base on Saturday, killing two soldiers.", "asserted"),
        ("Gunmen managed to kidnap four young men near the market on Saturday.", "asserted"),
        ("Police thwarted a kidnapping of three pupils on Monday.", "planned"),
    ],
)
def test_events_modality(text: str, modality: str, gaz: object) -> None:
    found = _found(text, gaz)
    assert found, text
    assert found[0].modality == modality


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Rockets hit the base on Friday, killing a civilian contractor.", 1),
        ("Gunmen killed dozens of villagers in an attack on Friday.", 12),
        ("Gunmen killed six people in the attack, but a survivor said up to 19 were killed.", 6),
        ("Shelling killed five people and wounded 22 on Monday, including five children.", 5),
        ("Shelling wounded 22 people on Monday.", 0),
        ("Gunmen attacked the village on Friday; no one was killed.", 0),
        ("At least 47 villagers were killed in the attack on Tuesday.", 47),
        ("A police commander was stabbed to death near the parliament on Friday.", 1),
        ("Police fatally shot a man selling sanitizers on Monday.", 1),
        ("Police shot and killed a 23 year-old student on Monday.", 1),
        ("Unknown gunmen shot dead a businessman on Thursday night.", 1),
        ("Militants attacked the post on Friday. Two Kenyan police killed in the attack.", 2),
        ("Demonstrators took one of the suspects to the scene and killed him on Friday.", 1),
        ("Gunmen attacked the camp on Friday. One killed in the attack and others wounded.", 1),
        ("On Friday, seven bodies were found in the bush near the village.", 7),
        ("On Friday, a mob stoned a 19-year-old teen to death in Komarock.", 1),
        ("On Friday, a man and his 12-year-old son were killed by gunmen in Baragoi.", 2),
        ("On Friday, 32 sheep were killed by gunmen near the village.", 0),
        ("On Friday, militants planted an IED near Litri, leading to several fatalities.", 3),
        ("On Friday, at least four soldiers and thirteen militants were killed in the fighting.", 17),
        ("On Friday, the guard shot and killed a civilian passing the palace in N'Djamena.", 1),
        ("On Friday, the body of a young man was found with gunshot wounds.", 1),
        ("Three women were reported killed in an attack on Kapau on Tuesday.", 3),
        # companions add to the victims; their number is not the whole toll
        ("A soldier, along with two civilians, was killed in a blast on Monday.", 3),
        ("The village head, alongside one Musa Bello, was killed by bandits on Sunday.", 2),
    ],
)
def test_events_fatalities_by_acled_rules(text: str, fatalities: int, gaz: object) -> None:
    found = _found(text, gaz)
    assert found, text
    assert max(f.fatalities for f in found) == fatalities


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("A US air strike hit the convoy on Friday.", "Air/drone strike"),
        ("Teachers went on strike over pay on Friday.", "Peaceful protest"),
        ("Russian shelling hit the city on Monday.", "Shelling/artillery/missile attack"),
        ("Police arrested 56 suspects on Tuesday.", "Arrests"),
        ("Gunmen abducted 20 students from a school on Friday.", "Abduction/forced disappearance"),
        ("A roadside bomb exploded near a patrol on Friday.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a market on Friday.", "Suicide bomb"),
        ("On Friday the army dropped several bombs on the village.", "Air/drone strike"),
        ("On Friday soldiers fired 60mm rounds at rebel positions.", "Shelling/artillery/missile attack"),
        ("On Friday a march was held in Nampula.", "Peaceful protest"),
        (
            "On Friday the government extended the state of emergency by three months.",
            "Change to group/activity",
        ),
        ("On Friday villagers handed over eleven firearms to the governor.", "Disrupted weapons use"),
        ("On Friday soldiers forced ten villagers to serve as porters.", "Abduction/forced disappearance"),
        (
            "On Friday about 200 troops established a new camp west of the village.",
            "Headquarters or base established",
        ),
        ("On Friday the two sides reached an agreement to end hostilities.", "Agreement"),
        ("On Friday the military regained control over three positions.", "Government regains territory"),
        ("On Friday a peace walk was held by students in Yangon.", "Peaceful protest"),
    ],
)
def test_events_types_from_trigger_table(text: str, sub_event_type: str, gaz: object) -> None:
    found = _found(text, gaz)
    assert sub_event_type in {f.rule.sub_event_type for f in found}, text


def test_events_two_days_earlier_is_relative_to_the_event_told(gaz: object) -> None:
    text = (
        "On December 29, US aircraft struck militia positions after the militia fired "
        "rockets at a base two days earlier."
    )
    found = _found(text, gaz)
    by_lemma = {f.rule.lemma: f for f in found}
    assert by_lemma["strike"].date is not None and by_lemma["strike"].date.value == "2019-12-29"
    assert by_lemma["rocket"].date is not None and by_lemma["rocket"].date.value == "2019-12-27"


def _records(text: str) -> list[eventwire.Event]:
    return [e for e in eventwire.code(text, published="2021-05-05") if e.modality in ("asserted", "claimed")]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor2", "fatalities"),
    [
        # an attack on a place, nobody armed named: violence against civilians (ACLED)
        (
            "On 3 October 2020, militants attacked the village of Naunde, Mozambique.",
            "Attack",
            "Civilians",
            0,
        ),
        # an ambush names a fight with an armed side even when the side is not named
        ("On 3 October 2020, gunmen staged an ambush near Mueda, Mozambique.", "Armed clash", "", 0),
        # the intervention is told in the next sentence of the paragraph
        (
            "On 11 March 2021, students staged a demonstration in Nairobi, Kenya. "
            "Police intervened and dispersed the crowd with teargas.",
            "Protest with intervention",
            "Police Forces of Kenya",
            0,
        ),
        # deaths told in the next sentence belong to the clash, not to an event of their own
        (
            "On 13 December 2020, pastoralists and farmers clashed in the canton of Delbian near Lai, "
            "Chad. Seven people were reportedly killed.",
            "Armed clash",
            None,
            7,
        ),
        ("A farmer was attacked and killed near Naivasha, Kenya, on Friday.", "Attack", "Civilians", 1),
        (
            "On 2 May 2021, soldiers arrested five villagers in Mopti, Mali, and tortured them.",
            "Attack",
            "Civilians",
            0,
        ),
        # shells fired in a clash are part of the clash (ACLED codes one armed clash)
        (
            "On 28 March 2020, an artillery shell fell into Ponnagyun, Myanmar, while the military and the "
            "Arakan Army clashed. One civilian died.",
            "Armed clash",
            None,
            1,
        ),
        # the two sides of a fight, named with "between"; gang members shot by police are an armed side
        (
            "On 8 July 2020, fighting broke out between the army and the KIA near Hpakant, Myanmar.",
            "Armed clash",
            "KIO/KIA",
            0,
        ),
        (
            "On 28 October 2018, police shot dead six gang members in Nairobi, Kenya.",
            "Armed clash",
            "Unidentified Armed Group",
            6,
        ),
        # people arrested and later found dead: one attack on civilians by the arresting force
        (
            "On 12 September 2018, security forces arrested a family of five in El Wak, Kenya. Three of "
            "those arrested were later found dead.",
            "Attack",
            "Civilians",
            3,
        ),
        # only state forces arrest: an armed group detaining people abducts them
        (
            "On 4 January 2019, the KIA arrested 18 villagers near Kutkai, Myanmar.",
            "Abduction/forced disappearance",
            "Civilians",
            0,
        ),
        # abducted and tortured: an attack
        (
            "On 18 March 2019, TNLA soldiers abducted and tortured two men in Namtu, Myanmar.",
            "Attack",
            "Civilians",
            0,
        ),
        # the attacked side fought back: one armed clash with the police, not an attack
        (
            "On 3 March 2019, five attackers armed with knives attacked a polling station in Hola, Kenya, "
            "stabbing one person. Police intervened, shooting dead two of the assailants.",
            "Armed clash",
            "Police Forces of Kenya",
            2,
        ),
        (
            "On 3 March 2019, militiamen raided several villages in Marakwet East, Kenya, but were "
            "repulsed by the police.",
            "Armed clash",
            "Police Forces of Kenya",
            0,
        ),
        # what a protest demands is not an intervention against it
        (
            "On 27 November 2020, pupils staged a protest at a police station in Kagio, Kenya, "
            "demanding the arrest of their teacher.",
            "Peaceful protest",
            "",
            0,
        ),
        # nor is a death it demands justice for, told with no day of its own, a death at it
        (
            "Hundreds of people took to the streets of Nairobi on 7 January 2020, demanding justice "
            "for a man killed by police in Kisumu.",
            "Peaceful protest",
            "",
            0,
        ),
        # the victim's description is not an event
        (
            "On 24 October 2019, a man suspected of kidnapping a child was killed by police "
            "in Homa Bay, Kenya.",
            "Attack",
            "Civilians",
            1,
        ),
        # residents or community members killing someone: mob violence (rioters), not an armed group
        (
            "On 6 July 2020, community members killed four suspected thieves in Wanguru, Kenya.",
            "Mob violence",
            "Civilians",
            4,
        ),
        (
            "On 3 October 2020, houses were burned in Naunde, Mozambique.",
            "Looting/property destruction",
            None,
            0,
        ),
    ],
)
def test_events_acled_rules_on_whole_records(
    text: str, sub_event_type: str, actor2: str | None, fatalities: int
) -> None:
    records = _records(text)
    assert len(records) == 1, [(e.sub_event_type, e.evidence) for e in records]
    e = records[0]
    assert (e.sub_event_type, e.fatalities) == (sub_event_type, fatalities), text
    if actor2 is not None:
        assert e.actor2.startswith(actor2) if actor2 else e.actor2 == "", e.actor2
    if sub_event_type == "Looting/property destruction":
        assert e.actor1.startswith("Unidentified Armed Group")  # coded although nobody is named


ODD_SHAPES = """NIGERIA: GUNMEN KILL THREE IN BORNO

Gwoza. Monday. Three dead.

• Gunmen killed three farmers near Gwoza on Monday, police said.
• Police arrested two suspects in Maiduguri on Tuesday.
- Curfew in Bama
* Markets closed

Date | Place | Killed | Wounded
2024-03-11 | Gwoza | 3 | 1
2024-03-12 | Bama | 0 | 4

Killed: 3. Wounded: 5. Arrested: 2.
Source: police; residents; Reuters
"""


def test_events_headlines_bullets_and_flattened_tables() -> None:
    # fragments without verbs and table cells hold no event of their own; the bulleted
    # sentences do, and the headline's "three dead" is the same attack, not a second one
    found = eventwire.code(ODD_SHAPES, published="2024-03-13")
    assert [(e.sub_event_type, e.event_date, e.location, e.fatalities) for e in found] == [
        ("Attack", "2024-03-11", "Gwoza", 3),
        ("Arrests", "2024-03-12", "Maiduguri", 0),
    ]
    for e in found:
        for text, start, end in e.evidence:
            assert ODD_SHAPES[start:end] == text


TOWNS = ("Gwoza", "Bama", "Dikwa", "Monguno", "Damboa", "Konduga", "Biu", "Mafa")


def test_events_a_2000_sentence_document_keeps_every_event() -> None:
    # 200 attacks on 200 different days among 1,800 sentences of filler: nothing merged by
    # mistake, nothing lost (the speed of long documents is measured by `eventwire bench`)
    start = dt.date(2023, 1, 1)
    sentences = []
    want = {}
    for n in range(2000):
        day = start + dt.timedelta(days=n // 10)
        if n % 10 == 0:
            where, dead = TOWNS[(n // 10) % len(TOWNS)], n % 7 + 2
            sentences.append(f"On {day:%B} {day.day}, {day.year}, gunmen killed {dead} villagers in {where}.")
            want[day.isoformat()] = ("Attack", where, dead)
        else:
            sentences.append("Traders returned to the market and the roads stayed open.")
    text = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, 2000, 5))
    found = eventwire.code(text, published="2023-08-01")
    assert {e.event_date: (e.sub_event_type, e.location, e.fatalities) for e in found} == want
    assert len(found) == 200


def test_events_plover_contexts_from_cues_and_the_record() -> None:
    [clash] = eventwire.code(
        "On Monday, herders and farmers clashed over grazing land near Makurdi, Nigeria, killing four.",
        published="2024-03-13",
    )
    assert clash.plover_context == ("resource",)
    [vote] = eventwire.code(
        "On Monday, gunmen attacked voters queuing at a polling station in Kisumu, Kenya.",
        published="2024-03-13",
    )
    assert "election" in vote.plover_context
    [old] = eventwire.code(
        "In March 2019, gunmen killed two traders in Gwoza, Nigeria.", published="2024-03-13"
    )
    assert "historical" in old.plover_context and "crime_theft" not in old.plover_context
    planned = [
        e
        for e in eventwire.code(
            "Troops will be deployed to Gwoza, Nigeria, next week.", published="2024-03-13"
        )
        if e.modality == "planned"
    ]
    assert planned and "future" in planned[0].plover_context


@pytest.mark.parametrize(
    "text",
    [
        "A human rights group said the water supply was cut during the campaign rally.",
        "Food aid workers and press freedom of expression groups condemned the election violence.",
        "Nothing to see here.",
    ],
)
def test_events_contexts_in_one_scan_are_those_of_every_cue(text: str) -> None:
    from eventwire.events.contexts import contexts
    from eventwire.events.lexicon import context_cues

    found = set(contexts([text], "asserted", None, ""))
    assert found == {name for name, pattern in context_cues().items() if pattern.search(text)}


@pytest.mark.parametrize(
    ("text", "record"),
    [
        # "as a result of" puts the strike four links from the killing: the killing still
        # says which strike it is
        (
            "One person was killed on Sunday as a result of a Russian strike on Bilozerka, "
            "Kherson region, Ukraine.",
            ("Air/drone strike", "Military Forces of Russia", "Civilians (Ukraine)", 1),
        ),
        # "overnight" between the strikes and their target: the parser hangs "on Houthi
        # positions" on "launched", and the positions are still what the strikes hit
        (
            "The Saudi-led coalition launched 14 airstrikes overnight on Houthi positions "
            "in Majzar, Marib, Yemen.",
            ("Air/drone strike", "Military Forces of Saudi Arabia", "Houthi Movement", 0),
        ),
    ],
)
def test_events_an_attack_read_across_the_prepositions_between_its_words(
    text: str, record: tuple[str, str, str, int]
) -> None:
    (event,) = _records(text)
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == record


def test_events_where_forces_are_posted_is_no_deployment() -> None:
    # the patrol's post describes the place of the shooting; no deployment was told
    records = _records(
        "On Sunday, two gunmen opened fire on a police van in the Bahadurabad area of Karachi, "
        "Pakistan, where a police patrol was stationed, killing two policemen."
    )
    assert [(r.sub_event_type, r.fatalities) for r in records] == [("Armed clash", 2)]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Syrian warplanes struck the town of Binnish in Idlib province, Syria, on Monday.", "Idleb"),
        ("Rebels attacked soldiers in Bamenda, in Cameroon's North-West region, on Monday.", "Northwest"),
        ("Gunmen attacked a checkpoint near Gedo, Oromia region, Ethiopia, on Monday.", "Oromia"),
    ],
)
def test_events_records_name_first_level_areas_as_acled_does(text: str, admin1: str) -> None:
    assert [r.admin1 for r in _records(text)] == [admin1]


def test_events_a_record_placed_at_its_province_names_it_as_acled_does() -> None:
    (record,) = _records("Syrian warplanes struck villages in Idlib province, Syria, on Monday.")
    assert (record.location, record.admin1, record.geo_precision) == ("Idleb", "Idleb", 3)


def test_events_people_feared_dead_are_a_toll_someone_reports() -> None:
    # "feared dead" is a probable toll, which ACLED counts: the clash is printed, claimed,
    # with its two dead; what residents fear is still no event
    (record,) = _records(
        "Two people are feared dead after clashes between rival groups in Lamu, Kenya, on Monday."
    )
    assert (record.sub_event_type, record.fatalities, record.modality) == ("Armed clash", 2, "claimed")
    assert _records("Residents fear an attack on the village of Kapedo, Kenya.") == []


def test_events_a_foiled_abduction_blames_no_one_for_attacking_its_targets() -> None:
    coded = [
        e
        for e in eventwire.code(
            "Police foiled an attempted abduction of two aid workers in Goma, Democratic Republic of "
            "Congo, on Monday.",
            published="2024-05-10",
        )
        if e.modality in ("asserted", "claimed")
    ]
    # the police fought would-be abductors; they attacked no aid workers, and nobody was abducted
    assert coded and all(e.inter2 != 7 for e in coded)
    assert all(e.sub_event_type != "Abduction/forced disappearance" for e in coded)


def test_events_shells_that_killed_are_a_shelling_and_spent_shells_are_none() -> None:
    shelled = eventwire.code(
        "Aden, Oct 6, 2025 (AFP) - Qataba in Yemen was last hit on September 14, when Huthi shells "
        "killed a woman in the town's main market, according to local officials.",
        published="2025-10-06",
    )
    assert [(e.sub_event_type, e.actor1) for e in shelled] == [
        ("Shelling/artillery/missile attack", "Houthi Movement")
    ]
    found = eventwire.code(
        "Police found spent shells at the scene in Aden, Yemen, on Monday after gunmen killed a trader.",
        published="2025-10-06",
    )
    assert [e.sub_event_type for e in found] == ["Attack"]


def test_events_tear_gas_shells_are_no_shelling() -> None:
    events = eventwire.code(
        "Security forces in Imphal, India, fired tear gas shells on Monday to disperse a mob that "
        "torched houses.",
        published="2024-07-23",
    )
    assert "Shelling/artillery/missile attack" not in {e.sub_event_type for e in events}


def test_events_fire_opened_into_the_air_is_no_clash() -> None:
    events = eventwire.code(
        "Police opened fire into the air to scatter a crowd of traders in Kano, Nigeria, on Tuesday.",
        published="2024-03-13",
    )
    assert [e.sub_event_type for e in events] == []


def test_events_live_rounds_fired_at_a_crowd_are_no_shelling() -> None:
    events = eventwire.code(
        "KISUMU - Youths blocked roads in Kisumu on Tuesday. Police fired live rounds to disperse "
        "them and one young man was killed, a witness said.",
        published="2025-08-20",
    )
    assert events and not [e for e in events if e.event_type == "Explosions/Remote violence"]
    # a mortar's rounds still are
    [shelling] = eventwire.code(
        "Militants fired mortar rounds at the army base in Kismayo on Tuesday, killing two soldiers.",
        published="2025-08-20",
    )
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"


def test_events_their_bodies_are_as_many_as_the_people_told_just_before() -> None:
    [event] = eventwire.code(
        "QUETTA: On Monday, armed men stopped a passenger coach near Kalat and took five men off "
        "the bus, officials said. Their bodies, bearing gunshot wounds, were found in nearby hills "
        "on Monday night.",
        published="2025-06-11",
    )
    assert event.fatalities == 5
