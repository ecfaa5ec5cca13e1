"""Score the dates stage on TimeML (``.tml``) gold, with TempEval-3's metrics.

Extraction is scored strictly (identical character span) and relaxed (any overlap, each
expression matched at most once); value and type are scored on relaxed matches and
reported as F1 over all system and gold expressions, as TempEval-3 does (attribute F1 =
relaxed F1 x attribute accuracy).
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import dates
from ..errors import E_GOLD, E_GOLD_EMPTY, InputError
from ..ingest import parse_date
from ..records import Timex
from . import Extraction, in_part


@dataclass(frozen=True)
class Gold:
    """One gold TIMEX3: character offsets into the document text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[Gold, ...]


def read_tml(path: Path) -> Document:
    """The text inside <TEXT>, its TIMEX3s and the DCT of one TimeML file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(str(path), E_GOLD.format(detail=f"TimeML that does not parse ({err})")) from err
    body = root.find("TEXT")
    if body is None:
        raise InputError(str(path), E_GOLD.format(detail="TimeML without a <TEXT> element"))
    dct_node = root.find("DCT/TIMEX3")
    dct = parse_date(dct_node.get("value", "")) if dct_node is not None else None
    parts: list[str] = []
    found: list[Gold] = []

    def walk(node: ET.Element) -> None:
        begin = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "TIMEX3":
            stop = sum(map(len, parts))
            text = "".join(parts)[begin:stop]
            found.append(Gold(begin, stop, text, node.get("type", ""), node.get("value", "")))

    parts.append(body.text or "")
    for child in body:
        walk(child)
        parts.append(child.tail or "")
    return Document(path.stem, "".join(parts), dct, tuple(sorted(found, key=lambda g: g.start)))


def corpus(folder: Path, part: tuple[int, int] = (0, 1)) -> Iterator[Document]:
    """Every ``.tml`` file under ``folder``, in name order; with ``part`` (k, n) only those
    in part k of a fixed n-way split by file name, so that a tuning half and a held-out
    half stay the same from run to run."""
    paths = sorted(folder.rglob("*.tml")) if folder.is_dir() else [folder]
    if not paths:
        raise InputError(str(folder), E_GOLD_EMPTY.format(pattern="*.tml"))
    for path in paths:
        if in_part(path.stem, part):
            yield read_tml(path)


@dataclass
class Score(Extraction):
    """Counts for one set of documents; ratios are computed on demand."""

    value: int = 0
    type: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)
    by_type: Counter[str] = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for name in ("system", "gold", "strict", "relaxed", "value", "type", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.by_type.update(other.by_type)

    def summary(self) -> dict[str, Any]:
        """Counts and TempEval-3 ratios as plain data."""
        out: dict[str, Any] = {"gold": self.gold, "system": self.system}
        for label, hits in self.measures().items():
            p, r, f = self.f1(hits)
            out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        out["expressions_per_second"] = round(self.system / self.seconds) if self.seconds else None
        return out

    def measures(self) -> dict[str, int]:
        return {"strict": self.strict, "relaxed": self.relaxed, "value": self.value, "type": self.type}


def score(doc: Document) -> Score:
    """Tag one document and compare with its gold expressions."""
    began = time.perf_counter()
    found = dates.extract(doc.text, doc.dct)
    return compare(doc, found, time.perf_counter() - began)


def compare(doc: Document, found: list[Timex], seconds: float = 0.0) -> Score:
    """TempEval-3 counts for system expressions ``found`` against the gold of ``doc``."""
    out = Score(system=len(found), gold=len(doc.timexes), seconds=seconds)
    used: set[int] = set()
    for g in doc.timexes:
        match = _overlap(g, found, used)
        if match is None:
            out.errors.append((doc.name, "missed", g.text, g.value))
            continue
        used.add(match)
        t = found[match]
        out.relaxed += 1
        out.strict += (t.start, t.end) == (g.start, g.end)
        out.type += t.type == g.type
        if t.value == g.value:
            out.value += 1
        else:
            out.errors.append((doc.name, "value", f"{t.text} -> {t.value}", f"{g.text} = {g.value}"))
        out.by_type[g.type] += 1
    for i, t in enumerate(found):
        if i not in used:
            out.errors.append((doc.name, "spurious", t.text, t.value))
    return out


def _overlap(g: Gold, found: list[Timex], used: set[int]) -> int | None:
    best, size = None, 0
    for i, t in enumerate(found):
        if i in used or t.end <= g.start or t.start >= g.end:
            continue
        shared = min(t.end, g.end) - max(t.start, g.start)
        if shared > size:
            best, size = i, shared
    return best


def evaluate(docs: Iterable[Document]) -> Score:
    total = Score()
    for doc in docs:
        total.add(score(doc))
    return total


def evaluate_folders(gold: Path, part: tuple[int, int] = (0, 1)) -> dict[str, Score]:
    """Scores per sub-folder of ``gold`` that holds .tml files, then for all of them."""
    dates.extract("warm up: compile the table before timing", None)
    folders = sorted({p.relative_to(gold).parts[0] for p in gold.rglob("*.tml")} if gold.is_dir() else set())
    groups = [f for f in folders if (gold / f).is_dir()]
    out: dict[str, Score] = {}
    if len(groups) > 1:
        for name in groups:
            out[name] = evaluate(corpus(gold / name, part))
        total = Score()
        for s in out.values():
            total.add(s)
        out["all"] = total
    else:
        out[gold.name or str(gold)] = evaluate(corpus(gold, part))
    return out


def report(name: str, s: Score) -> list[str]:
    """Lines of the TempEval-3 table for one set of documents."""
    lines = [f"{name}: {s.gold} gold, {s.system} found"]
    labels = {"strict": "strict extraction", "relaxed": "relaxed extraction"}
    for label, hits in s.measures().items():
        p, r, f = s.f1(hits)
        lines.append(f"  {labels.get(label, label):<19} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if s.seconds:
        lines.append(f"  speed               {s.system / s.seconds:,.0f} expressions/s")
    return lines
