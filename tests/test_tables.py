"""Every shipped data table loads and validates; a broken user table is named in the error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from eventwire import actors, dates, events, export, gazetteer, nlp, places, tables
from eventwire.actors import mentions
from eventwire.article import confidence
from eventwire.errors import TableError
from eventwire.events.fatalities import counts
from eventwire.events.lexicon import CONTEXTS, context_cues
from eventwire.gazetteer import build
from eventwire.places import words as place_words


def _clear() -> None:
    tables.clear()


def test_tables_shipped_tables_load() -> None:
    _clear()
    assert len(events.lexicon()) > 50
    assert dates.rules()[0]
    assert counts()["numbers"]["twelve"] == 12 and counts()["vague"]["dozens"] == 12
    assert len(actors.dictionary()) > 100
    assert actors.kinds()
    assert set(context_cues()) <= set(CONTEXTS)
    assert nlp.lemma_fixes()["raped"] == "rape"
    assert set(confidence.weights()) == set(confidence.FEATURES)
    assert export.source_scales()["reuters"] == "International"


def test_tables_every_trigger_row_uses_acled_vocabulary() -> None:
    acled = tables.load_yaml("events/acled.yaml")["sub_event_types"]
    for rows in events.lexicon().values():
        for row in rows:
            assert row.sub_event_type in acled
            assert acled[row.sub_event_type][0] == row.event_type


@contextmanager
def _user_table(name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A user's own copy of one data table, as an EVENTWIRE_DATA override."""
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path))
    _clear()
    try:
        yield
    finally:
        monkeypatch.delenv("EVENTWIRE_DATA")
        _clear()


def _triggers_with(row: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AbstractContextManager[None]:
    """The shipped trigger table plus one row."""
    shipped = (tables.DATA / "events" / "triggers.tsv").read_text(encoding="utf-8")
    return _user_table("events/triggers.tsv", shipped + row + "\n", tmp_path, monkeypatch)


def test_tables_user_override_with_bad_value_names_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        _triggers_with("skirmish\tNOUN\t\t\tSkirmish\tASSAULT\t\tevent\t5", tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"events/triggers.tsv.*Skirmish"),
    ):
        events.lexicon()


def test_tables_user_override_extends_the_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _triggers_with(
        "skirmish\tNOUN\t\t\tArmed clash\tASSAULT\tfirearms\tevent\t6", tmp_path, monkeypatch
    ):
        assert events.lexicon()["skirmish"][0].sub_event_type == "Armed clash"


def test_tables_tsv_without_version_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        _user_table("places/countries.tsv", "cc\taliases\tdemonyms\tarticle\n", tmp_path, monkeypatch),
        pytest.raises(TableError, match="version"),
    ):
        tables.load_tsv("places/countries.tsv", ("cc",))


def test_tables_spellings_are_letter_pairs_a_user_extends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert gazetteer.loose("Bouake") == gazetteer.loose("Buake")
    shipped = (tables.DATA / "places" / "places.yaml").read_text(encoding="utf-8")
    mine = shipped.replace("spellings: [[ou, u], [ee, i]]", "spellings: [[ou, u], [ee, i], [q, k]]")
    with _user_table("places/places.yaml", mine, tmp_path, monkeypatch):
        assert gazetteer.loose("Qalat") == gazetteer.loose("Kalat")
    bad = shipped.replace("spellings: [[ou, u], [ee, i]]", "spellings: [[ou, u, x]]")
    with (
        _user_table("places/places.yaml", bad, tmp_path, monkeypatch),
        pytest.raises(TableError, match="spellings"),
    ):
        gazetteer.loose("Qalat")


@pytest.mark.parametrize(
    ("shipped_line", "bad_line", "key"),
    [
        # a pair of endings needs both
        ("community_forms: [[ska, ka],", "community_forms: [[ska], [ska, ka],", "community_forms"),
        # YAML reads a bare on as true: a word list of places.yaml must hold words
        ('struck_preps: ["on", "of"]', "struck_preps: [on, of]", "struck_preps"),
    ],
)
def test_tables_a_bad_places_word_table_is_refused_by_its_key(
    shipped_line: str, bad_line: str, key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (tables.DATA / "places" / "places.yaml").read_text(encoding="utf-8")
    bad = shipped.replace(shipped_line, bad_line)
    assert bad != shipped
    with (
        _user_table("places/places.yaml", bad, tmp_path, monkeypatch),
        pytest.raises(TableError, match=rf"places/places.yaml.*{key}"),
    ):
        place_words._community_forms()
        place_words._context_words()


@pytest.mark.parametrize(
    ("shipped_line", "bad_line", "says"),
    [
        # YAML reads a bare on as true: a word list of words.yaml must hold words
        ("within_preps: [in, inside,", "within_preps: [on, inside,", "within_preps: True is no word"),
        ("town_nouns: [town, city, village]", "town_nouns: town", "town_nouns needs a list of words"),
    ],
)
def test_tables_a_bad_places_word_list_is_named_by_its_line(
    shipped_line: str, bad_line: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (tables.DATA / "places" / "words.yaml").read_text(encoding="utf-8")
    bad = shipped.replace(shipped_line, bad_line)
    assert bad != shipped
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if text.startswith(bad_line))
    with (
        _user_table("places/words.yaml", bad, tmp_path, monkeypatch),
        pytest.raises(TableError, match=rf"places/words.yaml \(.*words.yaml:{line}\): {says}"),
    ):
        place_words.direction()


def test_tables_contexts_outside_plover_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        _user_table("events/contexts.yaml", "version: 1\ncues:\n  weather: [rain]\n", tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"events/contexts.yaml.*weather"),
    ):
        context_cues()


ENTRY = "  - {name: %s, aliases: [%s], country: IQ, inter: %s}\n"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        # the same alias for two actors: both lines named
        (
            ENTRY % ("Group A", "the Lions", 2) + ENTRY % ("Group B", "The Lions", 3),
            r"actors.yaml:4.*Group A \(line 3\)",
        ),
        (ENTRY % ("Group A", "GA", 9), r"actors.yaml:3.*inter 9 is not an ACLED inter code"),
        (
            "  - {name: Group A, aliases: [GA], inter: 2, since: 2020-13-01}\n",
            r"actors.yaml:3.*since '2020-13-01' is not a date",
        ),
        (
            "  - {name: Group A, local_aliases: [GA], inter: 2}\n",
            r"actors.yaml:3.*local aliases need the country",
        ),
        # two readings of one alias must differ in period, country scope or rank
        (
            "  - {name: Group A, aliases: [GA], inter: 2, since: 2019-01-01}\n"
            "  - {name: Group B, aliases: [GA], inter: 2, since: 2020-06-01}\n",
            r"actors.yaml:4.*'GA' already names Group A \(line 3\)",
        ),
        (ENTRY % ("Group A", "'!!!'", 2), r"actors.yaml:3.*has no letters"),
        (
            "  - {name: Group A, aliases: [GA], country: NG, active_in: [Nigeria], inter: 2}\n",
            r"actors.yaml:3.*active_in must be a list of ISO",
        ),
        (
            "  - {name: Group A, aliases: [GA, inter: 2\n",
            r"actors.yaml:\d+\): not valid YAML: expected ',' or ']'",
        ),
    ],
)
def test_tables_bad_actor_dictionary_names_file_and_line(
    entries: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "version: 1\nactors:\n" + entries
    with (
        _user_table("actors/actors.yaml", text, tmp_path, monkeypatch),
        pytest.raises(TableError, match=message),
    ):
        actors.dictionary()


def test_tables_state_forces_of_every_country_are_generated() -> None:
    _clear()
    names = actors.dictionary()
    assert len(names) > 10_000
    assert names["kenya police"][0].name == "Police Forces of Kenya"
    assert names[actors.name_key("Nigerien soldiers")][0].name == "Military Forces of Niger"
    assert names[actors.name_key("U.S. army")][0].name == "Military Forces of the United States"
    assert names[actors.name_key("Fiji navy")][0].name == "Military Forces of Fiji"  # no adjective known
    # actors.yaml's own entry for the words wins over the generated one
    assert names["tatmadaw"] == names["myanmar military"]


def test_tables_bad_state_force_template_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (tables.DATA / "actors" / "generic.yaml").read_text(encoding="utf-8")
    line = shipped.splitlines().index('  - name: "Police Forces of {name}"') + 1
    text = shipped.replace('  - name: "Police Forces of {name}"', '  - name: "Police Forces"')
    with (
        _user_table("actors/generic.yaml", text, tmp_path, monkeypatch),
        pytest.raises(TableError, match=rf"generic.yaml:{line}\b.*a name with \{{name\}}"),
    ):
        actors.dictionary()


def test_tables_bad_associate_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = (tables.DATA / "actors" / "generic.yaml").read_text(encoding="utf-8")
    entry = next(x for x in shipped.splitlines() if x.startswith('  - {name: "Lawyers'))
    line = shipped.splitlines().index(entry) + 1
    text = shipped.replace(entry, '  - {name: "Lawyers ({place})"}')
    with (
        _user_table("actors/generic.yaml", text, tmp_path, monkeypatch),
        pytest.raises(TableError, match=rf"generic.yaml:{line}\b.*heads or modifiers"),
    ):
        actors.associates()


def test_tables_actor_names_in_other_scripts_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "version: 1\nactors:\n" + ENTRY % ("Kataib Hezbollah", "كتائب حزب الله, ကချင်", 3)
    with _user_table("actors/actors.yaml", text, tmp_path, monkeypatch):
        names = actors.dictionary()
        assert names[actors.name_key("كتائب حزب الله")][0].name == "Kataib Hezbollah"
        assert names[actors.name_key("ကချင်")][0].name == "Kataib Hezbollah"
        assert actors.name_key("كتائب حزب الله") != actors.name_key("ကချင်")  # not both emptied
        assert actors.name_key("Việt Minh") == actors.name_key("viet-minh")  # Latin accents go
        words = tuple(w for _, _, w in mentions._words("مقاتلو كتائب حزب الله هاجموا"))
        node = actors.alias_trie()
        for word in words[1:4]:
            node = node[word]
        assert node[""][0].name == "Kataib Hezbollah"


def test_tables_acled_admin1_names_load_and_a_bad_row_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clear()
    assert places.acled_admin1("KE", "Nairobi County") == "Nairobi"
    assert places.acled_admin1("KE", "Mombasa") == "Mombasa"  # a name ACLED shares is kept
    bad = "# version: 1\ncc\tgeonames\tacled\nKenya\tNairobi County\tNairobi\n"
    with (
        _user_table("places/admin1_acled.tsv", bad, tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"places/admin1_acled.tsv.*row 1"),
    ):
        places.acled_admin1("KE", "Nairobi County")


def test_tables_a_shared_country_name_must_say_which_country_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clear()
    assert gazetteer.shared_country_names()["congo"] == "CD"
    shipped = (tables.DATA / "places" / "places.yaml").read_text(encoding="utf-8")
    bad = shipped.replace("shared_country_names: {congo: CD", "shared_country_names: {congo: Kinshasa")
    with (
        _user_table("places/places.yaml", bad, tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"places/places.yaml.*shared_country_names"),
    ):
        gazetteer.shared_country_names()


@pytest.mark.parametrize(
    ("weights", "says"),
    [
        ("{bias: 1, undated: -2, moonphase: 1}", "unknown features .'moonphase'."),
        ("{bias: 1}", "no weight for .'undated'"),
        ("[1, 2]", "weights must map each feature"),
    ],
)
def test_tables_a_bad_confidence_model_is_refused_by_its_table(
    weights: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        _user_table("article/confidence.yaml", f"version: 1\nweights: {weights}\n", tmp_path, monkeypatch),
        pytest.raises(TableError, match=f"article/confidence.yaml.*{says}"),
    ):
        confidence.weights()


def test_tables_an_outlet_scale_outside_acleds_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = "# version: 1\noutlet\tsource_scale\nThe Daily Planet\tGlobal\n"
    with (
        _user_table("export/outlets.tsv", table, tmp_path, monkeypatch),
        pytest.raises(TableError, match="export/outlets.tsv.*'Global'"),
    ):
        export.source_scales()


def test_tables_acled_types_outside_the_record_schema_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (tables.DATA / "events" / "acled.yaml").read_text(encoding="utf-8")
    table = shipped.replace("Armed clash:", "Skirmish:", 1)
    assert table != shipped
    with (
        _user_table("events/acled.yaml", table, tmp_path, monkeypatch),
        pytest.raises(
            TableError, match=r"events/acled.yaml.*sub_event_type \['Skirmish'\] not in the record schema"
        ),
    ):
        events.acled_types()


def test_tables_the_shared_vocabulary_is_the_record_schemas() -> None:
    from eventwire import vocab

    assert vocab.allowed("modality") == vocab.MODALITIES
    assert set(vocab.FACTUAL) < set(vocab.MODALITIES)
    # ACLED's table and the schema name the same sub-event types, neither more
    assert set(events.acled_types()) == set(vocab.allowed("sub_event_type"))
    assert sorted(vocab.ARMED | vocab.UNARMED) == list(range(1, 9))  # every side is one or the other
    assert not vocab.ARMED & vocab.UNARMED


def test_tables_every_table_has_a_stage_that_loads_and_checks_it() -> None:
    import importlib
    import inspect
    import pkgutil

    import eventwire

    for module in pkgutil.walk_packages(eventwire.__path__, "eventwire."):
        if not module.name.endswith("__main__"):  # (that one runs the command line)
            importlib.import_module(module.name)  # each stage registers its loaders as it is imported
    tables.clear()
    tables.READ.clear()
    for load in tables.LOADERS:
        if not inspect.signature(load.__wrapped__).parameters:  # those taking a word read as called
            load()
    shipped = {
        str(p.relative_to(tables.DATA))
        for p in tables.DATA.rglob("*")
        if p.suffix in (".yaml", ".tsv") and p.parent != tables.DATA
    }
    assert shipped - tables.READ == set()  # no table that nothing reads (or checks)


def test_tables_a_users_copy_must_keep_every_list_of_the_shipped_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    table = yaml.safe_load((tables.DATA / "events" / "refine.yaml").read_text(encoding="utf-8"))
    del table["blame_verbs"]  # a list the code reads that the loader names no check for
    with (
        _user_table("events/refine.yaml", yaml.safe_dump(table), tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"events/refine.yaml.*missing keys \['blame_verbs'\]"),
    ):
        events.refine_table()


def test_tables_a_copy_holding_a_key_that_moved_is_refused_naming_its_new_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a copy made before stop words moved to the dedup stage would be read without them
    shipped = (tables.DATA / "events" / "refine.yaml").read_text(encoding="utf-8")
    old = shipped + "dedup_stop_words: [said, gunmen]\n"
    with (
        _user_table("events/refine.yaml", old, tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"'dedup_stop_words' to dedup/en.yaml \(as 'stop_words'\)"),
    ):
        events.refine_table()
    with _user_table("events/refine.yaml", shipped, tmp_path, monkeypatch):
        assert "death_words" in events.refine_table()


def test_tables_sentence_abbreviations_are_words_and_no_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "He lives at No. 5 Main Rd. in Garissa. Gunmen came."
    assert nlp.sentence_starts(text) == [text.index("Gunmen")]
    shipped = (tables.DATA / "nlp" / "sentences.yaml").read_text(encoding="utf-8")
    bad = shipped.replace('"no"', "no")
    assert bad != shipped
    line = next(n for n, t in enumerate(bad.splitlines(), 1) if ", no, " in t)
    with (
        _user_table("nlp/sentences.yaml", bad, tmp_path, monkeypatch),
        pytest.raises(
            TableError, match=rf"sentences.yaml:{line}\): abbreviations: False is no lower-case word"
        ),
    ):
        nlp.sentence_starts(text)


def test_tables_a_user_town_noun_reaches_every_pattern_made_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.places.context import _town_or_where

    assert not _town_or_where().search("raided the hamlet of ")
    shipped = (tables.DATA / "places" / "words.yaml").read_text(encoding="utf-8")
    mine = shipped.replace(
        "town_nouns: [town, city, village]", "town_nouns: [town, city, village, hamlet, c.p.]"
    )
    assert mine != shipped
    with _user_table("places/words.yaml", mine, tmp_path, monkeypatch):
        assert _town_or_where().search("raided the hamlet of ")
        assert not _town_or_where().search("raided the cxp. of ")  # a word, not a pattern
    assert not _town_or_where().search("raided the hamlet of ")


def test_tables_a_page_boilerplate_word_that_is_no_class_word_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.ingest import page

    shipped = (tables.DATA / "ingest" / "pages.yaml").read_text(encoding="utf-8")
    bad = shipped.replace("[ticker,", '["tick\'er",')
    assert bad != shipped
    with (
        _user_table("ingest/pages.yaml", bad, tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"pages.yaml.*tick'er. is no class word"),
    ):
        page.read_page("<html><body><p>Gunmen killed two farmers near Garissa on Monday.</p></body></html>")


def test_tables_a_tried_outcome_that_is_no_acled_type_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = (tables.DATA / "events" / "modality.yaml").read_text(encoding="utf-8")
    table = shipped.replace(
        "tried_outcomes: [Abduction/forced disappearance,", "tried_outcomes: [Kidnapping,", 1
    )
    assert table != shipped
    with (
        _user_table("events/modality.yaml", table, tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"events/modality.yaml.*tried_outcomes \['Kidnapping'\]"),
    ):
        events.attempts()


def test_tables_a_spelling_of_an_area_the_index_does_not_know_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = {("salah ad din", "IQ", "Salah ad Din")}
    shipped = (tables.DATA / "places" / "places.yaml").read_text(encoding="utf-8")
    block = re.search(r"^admin1_variants:\n(?:  .*\n)+", shipped, re.MULTILINE)
    assert block is not None

    def variants(spelt: str) -> str:
        return shipped.replace(block.group(0), f"admin1_variants:\n  IQ: {{{spelt}}}\n")

    with _user_table("places/places.yaml", variants("Salahuddin: Salah ad Din"), tmp_path, monkeypatch):
        assert ("salahuddin", "IQ", "Salah ad Din") in build.admin1_variants(known)
    with (
        _user_table("places/places.yaml", variants("Salahuddin: Saladin City"), tmp_path, monkeypatch),
        pytest.raises(TableError, match=r"places/places.yaml.*admin1_variants IQ.*Saladin City"),
    ):
        build.admin1_variants(known)
