"""Score event coreference (the dedup stage) on ECB+ in the format of ``../shared/dev/coref``.

Gold: ``NAME_text.txt`` (document, sentence, token, word per line) and
``NAME_event_gold_mentions.json`` (each event mention's document, token ids and cross-document
chain). Every document is rebuilt as an article (one paragraph per sentence; a first
sentence that is the page's URL becomes the article's URL, and a date in that URL its
publication date) and coded by the whole pipeline; the records of all documents together
are then grouped by the cross-article dedup, with no topic given.

Alignment: each record keeps the words that triggered it. A trigger word inside a gold
mention's tokens stands for that gold mention (once: a second trigger in the same gold
mention, or one already taken by another record, adds nothing); a trigger outside every
gold mention is a system mention of its own (it costs precision). Scores are MUC, B³ and
CEAF-e (φ4) and their mean, the CoNLL F1, computed as the reference scorer does on key and
response mention sets that differ (mentions missing from one side count as singletons
there). Three views: end to end (all gold mentions against our mentions), the mentions
both sides have (how well found mentions are grouped), and, for scale, two baselines on
the gold mentions (each mention alone; mentions of one topic with the same head lemma).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import time
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import dedup, events, ingest, nlp, pipeline
from ..errors import E_GOLD, E_GOLD_EMPTY, InputError
from ..gazetteer import open_gazetteer
from ..records import Event, Parsed
from . import in_part

Cluster = frozenset[Hashable]
URL_DATE = re.compile(
    r"/((?:19|20)\d\d)/([01]?\d|[A-Za-z]{3})/([0-3]?\d)/"  # /2009/02/04/, /2009/Feb/04/
    r"|[/_-]((?:19|20)\d\d)([01]\d)([0-3]\d)(?=\D)"  # /20111111.htm
)
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass(frozen=True)
class Document:
    name: str
    topic: str
    text: str
    spans: tuple[tuple[int, int], ...]  # character span of each token (by ECB+ token id)
    url: str = ""


@dataclass(frozen=True)
class Mention:
    document: str
    tokens: tuple[int, ...]
    chain: str
    text: str


@dataclass
class Score:
    documents: int = 0
    gold_mentions: int = 0
    our_mentions: int = 0
    aligned: int = 0
    records: int = 0
    failed: int = 0
    views: dict[str, dict[str, tuple[float, float, float]]] = field(default_factory=dict)
    errors: list[tuple[str, ...]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_mentions": self.gold_mentions,
            "our_mentions": self.our_mentions,
            "aligned_mentions": self.aligned,
            "records": self.records,
            "failed": self.failed,
            "views": {
                view: {
                    name: dict(zip(("recall", "precision", "f1"), prf, strict=True))
                    for name, prf in m.items()
                }
                for view, m in self.views.items()
            },
            "seconds": round(self.seconds, 1),
        }


def read(folder: Path) -> tuple[list[Document], list[Mention]]:
    """Every document and gold event mention of the ``*_text.txt`` / ``*_event_gold_mentions.json``
    pairs in ``folder``."""
    pairs = sorted(folder.glob("*_text.txt"))
    if not pairs:
        raise InputError(str(folder), E_GOLD_EMPTY.format(pattern="*_text.txt"))
    docs: list[Document] = []
    mentions: list[Mention] = []
    for text_path in pairs:
        gold_path = text_path.with_name(text_path.name.replace("_text.txt", "_event_gold_mentions.json"))
        docs += _documents(text_path)
        mentions += _mentions(gold_path)
    return docs, mentions


def _documents(path: Path) -> list[Document]:
    words: dict[str, list[tuple[int, str]]] = {}
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4:
                    continue  # the blank line between sentences
                try:
                    words.setdefault(cols[0], []).append((int(cols[1]), cols[3]))
                except ValueError as err:
                    raise InputError(str(path), E_GOLD.format(detail=f"line {n}: {err}")) from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), E_GOLD.format(detail=err)) from err
    return [_document(name, tokens) for name, tokens in words.items()]


def _document(name: str, tokens: list[tuple[int, str]]) -> Document:
    """The article text: one paragraph per sentence, tokens joined by spaces."""
    sentences: dict[int, list[int]] = {}
    for i, (sent, _) in enumerate(tokens):
        sentences.setdefault(sent, []).append(i)
    spans = [(-1, -1)] * len(tokens)
    parts: list[str] = []
    url = ""
    at = 0
    for n, ids in enumerate(sentences.values()):
        if n == 0 and tokens[ids[0]][1].lower().startswith("http"):
            url = "".join(tokens[i][1] for i in ids)
            continue
        if parts:
            parts.append("\n\n")
            at += 2
        for k, i in enumerate(ids):
            if k:
                parts.append(" ")
                at += 1
            word = tokens[i][1]
            spans[i] = (at, at + len(word))
            parts.append(word)
            at += len(word)
    return Document(name, name.split("_")[0], "".join(parts), tuple(spans), url)


def _mentions(path: Path) -> list[Mention]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [
            Mention(
                str(r["doc_id"]),
                tuple(int(t) for t in r["tokens_ids"]),
                str(r["coref_chain"]),
                str(r["tokens_str"]),
            )
            for r in rows
        ]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise InputError(str(path), E_GOLD.format(detail=err)) from err


def published(url: str) -> str:
    """The date in a news URL ("/2009/02/04/", "/2009/Feb/04/", "/20111111.htm"), as ISO
    text, else ""."""
    m = URL_DATE.search(url)
    if not m:
        return ""
    year, month, day = m.groups()[:3] if m.group(1) else m.groups()[3:]
    number = MONTHS.index(month.lower()[:3]) + 1 if month.isalpha() and month.lower()[:3] in MONTHS else month
    try:
        return dt.date(int(year), int(number), int(day)).isoformat()
    except ValueError:
        return ""


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) of the link-based MUC score (Vilain et al. 1995)."""
    return _prf(_muc_part(key, response), _muc_part(response, key))


def _muc_part(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    where = {m: n for n, c in enumerate(response) for m in c}
    hit = total = 0.0
    for c in key:
        pieces = {where.get(m, ("alone", m)) for m in c}
        hit += len(c) - len(pieces)
        total += len(c) - 1
    return hit, total


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) of B³ (Bagga and Baldwin 1998) over each side's own mentions."""
    return _prf(_b3_part(key, response), _b3_part(response, key))


def _b3_part(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float]:
    where = {m: c for c in response for m in c}
    hit = sum(len(c & where[m]) / len(c) for c in key for m in c if m in where)
    return hit, float(sum(len(c) for c in key))


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> tuple[float, float, float]:
    """(recall, precision, F1) of entity-based CEAF (Luo 2005, φ4), best one-to-one alignment."""
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0, 0.0, 0.0
    index = {m: n for n, c in enumerate(response) for m in c}
    sim = [[0.0] * len(response) for _ in key]
    for i, c in enumerate(key):
        for m in c:
            if m in index:
                j = index[m]
                sim[i][j] = 2 * len(c & response[j]) / (len(c) + len(response[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    best = float(sum(sim[i][j] for i, j in zip(rows, cols, strict=True)))
    return _prf((best, len(key)), (best, len(response)))


def _prf(recall: tuple[float, float], precision: tuple[float, float]) -> tuple[float, float, float]:
    r = recall[0] / recall[1] if recall[1] else 0.0
    p = precision[0] / precision[1] if precision[1] else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def scores(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, tuple[float, float, float]]:
    out = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    conll = sum(f for _, _, f in out.values()) / 3
    out["CoNLL"] = (0.0, 0.0, conll)
    return out


def chains(mentions: Iterable[Mention]) -> list[Cluster]:
    groups: dict[str, set[Hashable]] = {}
    for m in mentions:
        groups.setdefault(m.chain, set()).add((m.document, m.tokens))
    return [frozenset(c) for c in groups.values()]


def evaluate(folder: Path, part: tuple[int, int] = (0, 1)) -> Score:
    """Code the documents of one part of the split by topic and score their event chains."""
    began = time.perf_counter()
    docs, gold = read(folder)
    docs = [d for d in docs if in_part(d.topic, part)]
    names = {d.name for d in docs}
    gold = [m for m in gold if m.document in names]
    s = Score(documents=len(docs), gold_mentions=len(gold))
    coded = list(_code(docs, s))
    response, aligned_to = _response(docs, gold, coded)
    key = chains(gold)
    s.our_mentions = sum(len(c) for c in response)
    s.aligned = len(aligned_to)
    s.records = sum(len(found) for _, _, found in coded)
    s.views["end to end"] = scores(key, response)
    both = {m for c in response for m in c} & {m for c in key for m in c}
    s.views["found mentions only"] = scores(_only(key, both), _only(response, both))
    lemmas = _lemma_baseline(gold, coded)
    s.views["  baseline there: same head lemma"] = scores(_only(key, both), _only(lemmas, both))
    s.views["baseline: singletons"] = scores(key, [frozenset([m]) for c in key for m in c])
    s.views["baseline: same head lemma per topic"] = scores(key, lemmas)
    s.errors = _errors(gold, response)
    s.seconds = time.perf_counter() - began
    return s


def _code(
    docs: list[Document], s: Score
) -> Iterable[tuple[Document, Parsed, list[tuple[Event, tuple[int, ...]]]]]:
    gaz = open_gazetteer()
    articles = []
    kept = []
    for d in docs:
        meta = {"id": d.name, "url": d.url, "published": published(d.url)}
        try:
            articles.append(pipeline.prepare(ingest.make_article(d.name, d.text, meta, ingest.Options())))
            kept.append(d)
        except InputError:
            s.failed += 1
    for d, parsed in zip(kept, nlp.parse(articles, cues=events.cue_lemmas()), strict=True):
        yield d, parsed, pipeline.mentions(parsed, gaz)


def _response(
    docs: list[Document],
    gold: list[Mention],
    coded: list[tuple[Document, Parsed, list[tuple[Event, tuple[int, ...]]]]],
) -> tuple[list[Cluster], dict[Hashable, str]]:
    """Our mention clusters (gold keys where aligned) and which record took each gold mention."""
    owner: dict[tuple[str, int], tuple[str, tuple[int, ...]]] = {}
    for m in gold:
        for t in m.tokens:
            owner[(m.document, t)] = (m.document, m.tokens)
    triggers: dict[str, list[Hashable]] = {}
    taken: dict[Hashable, str] = {}
    ours: set[Hashable] = set()  # mentions outside every gold mention
    records: list[Event] = []
    for d, _, found in coded:
        order = sorted((start, i) for i, (start, _) in enumerate(d.spans) if start >= 0)
        starts = [start for start, _ in order]
        for event, offsets in found:
            records.append(event)
            own: list[Hashable] = []
            for offset in offsets:
                k = bisect.bisect_right(starts, offset) - 1
                token = order[k][1] if k >= 0 else -1
                mention: Hashable = owner.get((d.name, token), (d.name, ("ours", offset)))
                if mention == (d.name, ("ours", offset)):
                    ours.add(mention)
                if mention not in taken:
                    taken[mention] = event.event_id
                    own.append(mention)
            triggers[event.event_id] = own
    response = []
    for group in dedup.clusters(records):
        members = frozenset(m for e in group for m in triggers[e.event_id])
        if members:
            response.append(members)
    return response, {m: e for m, e in taken.items() if m not in ours}


def _only(clusters: Sequence[Cluster], keep: set[Hashable]) -> list[Cluster]:
    return [frozenset(c & keep) for c in clusters if c & keep]


def _lemma_baseline(gold: list[Mention], coded: list[tuple[Document, Parsed, Any]]) -> list[Cluster]:
    """Gold mentions grouped by topic and the lemma of their head word (a common baseline);
    in a sentence our coding left unparsed (no event cue), the mention's words instead."""
    heads: dict[tuple[str, int], str] = {}
    for d, parsed, _ in coded:
        by_start = {t.start: t for t in parsed.tokens}
        for m in (m for m in gold if m.document == d.name):
            toks = [by_start[d.spans[t][0]] for t in m.tokens if d.spans[t][0] in by_start]
            inside = {t.i for t in toks}
            roots = [t for t in toks if t.head not in inside or t.head == t.i]
            if roots:
                heads[(m.document, m.tokens[0])] = roots[-1].lemma.lower()
    groups: dict[tuple[str, str], set[Hashable]] = {}
    for m in gold:
        lemma = heads.get((m.document, m.tokens[0]), m.text.lower())
        groups.setdefault((m.document.split("_")[0], lemma), set()).add((m.document, m.tokens))
    return [frozenset(c) for c in groups.values()]


def _errors(gold: list[Mention], response: list[Cluster]) -> list[tuple[str, ...]]:
    """Each aligned gold mention whose chain we split or joined: document, words, gold chain,
    our cluster number."""
    where = {m: n for n, c in enumerate(response) for m in c}
    rows: list[tuple[str, ...]] = []
    for m in gold:
        n = where.get((m.document, m.tokens))
        if n is not None:
            rows.append((m.document, m.text, m.chain, str(n)))
    return rows


def report(name: str, s: Score) -> list[str]:
    lines = [
        f"{name}: {s.documents} documents ({s.failed} refused), {s.gold_mentions} gold event mentions, "
        f"{s.records} records of ours with {s.our_mentions} trigger mentions, "
        f"{s.aligned} aligned to gold ({s.aligned / s.gold_mentions if s.gold_mentions else 0:.3f} of gold)  "
        f"[{s.seconds:.1f} s]",
        f"  {'view':38} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6}   (F1; recall/precision in --json)",
    ]
    for view, m in s.views.items():
        cells = " ".join(f"{m[k][2]:{w}.3f}" for k, w in (("MUC", 6), ("B3", 6), ("CEAF-e", 7), ("CoNLL", 6)))
        lines.append(f"  {view:38} {cells}")
    return lines
