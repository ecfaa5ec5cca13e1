"""Score the places stage on geoparsing gold (the XML of LGL and GeoVirus).

Recognition: system toponyms against gold spans, strict (same span) and relaxed (overlap).
Resolution: each gold span is resolved by the places stage (recognition left out), and the
distance to the gold coordinates is measured: accuracy within 161 km (100 miles, the
field's usual threshold; an unresolved span counts as a miss), mean and median error.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import ingest, nlp, places
from ..errors import E_GOLD, InputError
from ..gazetteer import Gazetteer, distance_km, key, open_gazetteer
from . import Extraction, in_part


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    latitude: float | None  # None where the gold gives no coordinates
    longitude: float | None
    feature: str  # GeoNames feature code where the gold has one ("PPL", "ADM1", ...)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    toponyms: tuple[Gold, ...]


def _float(node: ET.Element | None, tag: str) -> float | None:
    value = node.findtext(tag) if node is not None else None
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read(path: Path) -> Iterator[Document]:
    """Articles of an LGL-style (``<toponym>`` with ``<gaztag>``) or GeoVirus-style
    (``<location>``) XML file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(str(path), E_GOLD.format(detail=f"XML that does not parse ({err})")) from err
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        name = article.get("docid") or article.findtext("source") or f"{path.name}#{n}"
        out = []
        for node in [*article.iter("toponym"), *article.iter("location")]:
            try:
                start, end = int(node.findtext("start") or ""), int(node.findtext("end") or "")
            except ValueError:
                continue
            named = node.findtext("name") or node.findtext("phrase") or ""
            if named and text[start:end] != named:  # GeoVirus counts from 1: find the name
                near = [i for i in range(max(0, start - 3), start + 4) if text.startswith(named, i)]
                if near:
                    start = min(near, key=lambda i: abs(i - start))
                    end = start + len(named)
            tag = node.find("gaztag")
            where = tag if tag is not None else node
            out.append(
                Gold(
                    start,
                    end,
                    text[start:end],
                    _float(where, "lat"),
                    _float(where, "lon"),
                    (tag.findtext("fcode") or "") if tag is not None else "",
                )
            )
        yield Document(name, text, tuple(sorted(out, key=lambda g: g.start)))


@dataclass
class Score(Extraction):
    located: int = 0  # gold spans with coordinates
    unresolved: int = 0
    errors_km: list[float] = field(default_factory=list)
    seconds: float = 0.0
    # (document, toponym, our reading, error in km, why we read it so: with ``explain``)
    misses: list[tuple[str, str, str, float | None, str]] = field(default_factory=list)
    by_feature: Counter[str] = field(default_factory=Counter)
    hits_by_feature: Counter[str] = field(default_factory=Counter)
    # misses that read the span as the country or area the gold names, whose point the gold
    # puts elsewhere in it (another convention of where a country lies, not a misreading)
    centres: int = 0

    def within(self, limit: float = 161.0) -> float:
        return sum(e <= limit for e in self.errors_km) / self.located if self.located else 0.0

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "system": self.system}
        for label, hits in (("strict", self.strict), ("relaxed", self.relaxed)):
            p, r, f = self.f1(hits)
            out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        out["resolution"] = {
            "spans": self.located,
            "unresolved": self.unresolved,
            "accuracy_161km": round(self.within(), 4),
            "mean_km": round(statistics.fmean(self.errors_km), 1) if self.errors_km else None,
            "median_km": round(statistics.median(self.errors_km), 1) if self.errors_km else None,
            "misses_at_another_centre": self.centres,
        }
        return out


def report(name: str, s: Score) -> list[str]:
    lines = [f"{name}: {s.gold} gold toponyms, {s.system} found"]
    for label, hits in (("strict recognition", s.strict), ("relaxed recognition", s.relaxed)):
        p, r, f = s.f1(hits)
        lines.append(f"  {label:<20} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    res = s.summary()["resolution"]
    lines.append(
        f"  resolution (gold spans, {s.located} with coordinates, {s.unresolved} unresolved): "
        f"accuracy@161km {res['accuracy_161km']:.3f}, mean {res['mean_km']} km, median {res['median_km']} km"
    )
    if s.centres:
        lines.append(
            f"    of the misses, {s.centres} read the span as the very country or area the gold names, "
            "its point over 161 km from the gold's (another convention of its centre)"
        )
    for feature, n in s.by_feature.most_common(6):
        lines.append(
            f"    {feature or '?':<6} {n:5d} spans, accuracy@161km {s.hits_by_feature[feature] / n:.3f}"
        )
    if s.seconds:
        lines.append(f"  speed               {s.gold / s.seconds:,.0f} toponyms/s (parse included)")
    return lines


def evaluate(path: Path, part: tuple[int, int] = (0, 1), explain: bool = False) -> Score:
    """Recognise and resolve every article of a gold file with the places stage; with
    ``explain``, each miss carries the reasons for our reading (``places.explain``)."""
    gaz = open_gazetteer()
    docs = [d for d in read(path) if d.text.strip() and in_part(d.name, part)]
    out = Score()
    began = time.perf_counter()
    opts = ingest.Options(min_words=1)
    articles = [ingest.make_article(d.name, d.text, {}, opts) for d in docs]
    for doc, parsed in zip(docs, nlp.parse(articles), strict=True):
        topo = places.find(parsed, gaz)
        named = [p for p in topo.places if p not in topo.references]  # "the town" is no toponym
        found = [(p.start, p.end) for p in (*named, *topo.demonyms)] + [(s, e) for s, e, _ in topo.unresolved]
        spans = [(g.start, g.end) for g in doc.toponyms]
        rows = places.records(parsed, gaz, spans, why=True) if explain else []
        whys = {(int(str(r["start"])), int(str(r["end"]))): str(r["why"]) for r in rows}
        _count(out, doc, found, places.resolve(parsed, spans, gaz), gaz, whys)
    out.seconds = time.perf_counter() - began
    return out


def _count(
    out: Score,
    doc: Document,
    found: list[tuple[int, int]],
    resolved: list[Any],
    gaz: Gazetteer,
    whys: dict[tuple[int, int], str] | None = None,
) -> None:
    out.gold += len(doc.toponyms)
    out.system += len(found)
    gold_spans = [(g.start, g.end) for g in doc.toponyms]
    out.strict += len(set(found) & set(gold_spans))
    used: set[int] = set()
    for s, e in gold_spans:
        match = next((i for i, (fs, fe) in enumerate(found) if i not in used and fs < e and s < fe), None)
        if match is not None:
            used.add(match)
            out.relaxed += 1
    for g, place in zip(doc.toponyms, resolved, strict=True):
        why = (whys or {}).get((g.start, g.end), "")
        if g.latitude is None or g.longitude is None:
            continue
        out.located += 1
        out.by_feature[g.feature] += 1
        point = places.point(place, gaz) if place is not None else None
        if point is None:
            out.unresolved += 1
            out.misses.append((doc.name, g.text, "unresolved", None, why))
            continue
        error = distance_km(point[0], point[1], g.latitude, g.longitude)
        out.errors_km.append(error)
        if error <= 161:
            out.hits_by_feature[g.feature] += 1
        else:
            out.misses.append((doc.name, g.text, f"{place.name} ({place.country_code})", round(error), why))
            out.centres += place.kind in ("country", "region", "admin1") and key(place.name) == key(g.text)
