"""Frozen records that flow between the stages.

Every stage reads records and writes new ones; nothing past the nlp stage touches a spaCy
``Doc``. Character offsets always index ``Article.text``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from .vocab import Modality

# Going down into these from the trigger leaves its clause: a reduced clause ("blocked roads
# leading to the town") or what is asked or said ("calling on the government to help them
# on their Haj to Mecca"): a place or date there is that clause's own.
DOWN_CLAUSES = ("acl", "xcomp", "ccomp")

PlaceKind = Literal["city", "admin1", "admin2", "country", "region", "facility"]
Precision = Literal["day", "week", "month", "year", "none"]
DateBasis = Literal["metadata", "inferred", "given", "unknown"]


@dataclass(frozen=True)
class Article:
    """One input article. ``published`` is None when neither metadata nor text gives it."""

    id: str
    text: str
    origin: str
    title: str = ""
    published: dt.date | None = None
    published_basis: DateBasis = "unknown"
    source: str = ""
    url: str = ""
    warnings: tuple[str, ...] = ()
    country: str = ""  # ISO alpha-2 of the feed's country, a prior when the text names none


@dataclass(frozen=True)
class Token:
    """One token of the parse, with its head as an index into ``Parsed.tokens``."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int
    end: int
    ent: str
    sent: int


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    first: int  # token index of the first token
    last: int  # token index of the last token


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    first: int
    last: int
    paragraph: int


@dataclass(frozen=True)
class Parsed:
    """The nlp stage's output: the article plus a picklable copy of the parse."""

    article: Article
    tokens: tuple[Token, ...]
    sents: tuple[Sentence, ...]
    ents: tuple[Entity, ...]

    def sent_of(self, token: int) -> Sentence:
        return self.sents[self.tokens[token].sent]

    def ancestors(self, token: int) -> list[int]:
        return list(self._chains[token])

    def through_preps(self, token: int, links: int = 4) -> list[int]:
        """The token and the words above it through prepositional links, at most ``links``
        ("strike" <- of <- result <- as <- "killed"): the last is what the phrase hangs on."""
        chain = [token]
        for _ in range(links):
            tok = self.tokens[chain[-1]]
            if tok.dep not in ("pobj", "prep") or tok.head == chain[-1]:
                break
            chain.append(tok.head)
        return chain

    @cached_property
    def _chains(self) -> list[tuple[int, ...]]:
        """Every token's heads up to its root (at most 64), worked out once: the dependency
        path helpers ask for them thousands of times per article."""
        out: list[tuple[int, ...]] = []
        for token in range(len(self.tokens)):
            chain: list[int] = []
            cur = token
            while self.tokens[cur].head != cur and len(chain) < 64:
                cur = self.tokens[cur].head
                chain.append(cur)
            out.append(tuple(chain))
        return out

    def children(self, token: int) -> list[int]:
        return list(self._kids[token])

    @cached_property
    def _kids(self) -> list[list[int]]:
        """Every token's dependents in text order (a head is always in its token's sentence)."""
        out: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                out[t.head].append(t.i)
        return out

    def subtree(self, token: int) -> list[int]:
        sent = self.sent_of(token)
        return [
            t.i
            for t in self.tokens[sent.first : sent.last + 1]
            if t.i == token or token in self.ancestors(t.i)
        ]

    def distance(self, a: int, b: int) -> int:
        """Length of the dependency path between two tokens of one sentence (99 if none)."""
        if self.tokens[a].sent != self.tokens[b].sent:
            return 99
        up_a = [a, *self.ancestors(a)]
        up_b = [b, *self.ancestors(b)]
        pos_b = {t: n for n, t in enumerate(up_b)}
        for n, t in enumerate(up_a):
            if t in pos_b:
                return n + pos_b[t]
        return 99

    def clause_distance(self, a: int, b: int) -> int:
        """Path length from token a to b, where leaving a's own clause (going up an advcl,
        ccomp, relcl, acl or verb conj edge) costs three steps: a date or place named in
        the trigger's clause beats one in the clause around it."""
        if self.tokens[a].sent != self.tokens[b].sent:
            return 99
        up_a = [a, *self.ancestors(a)]
        up_b = [b, *self.ancestors(b)]
        pos_b = {t: n for n, t in enumerate(up_b)}
        cost = 0
        for t in up_a:
            if t in pos_b:
                # Down into another noun's relative clause: a date there is that clause's own
                # ("protesters, who oppose the takeover of October 25, gathered"); a reduced
                # clause ("blocked roads leading to the town on Tuesday") costs a clause.
                down = up_b[: pos_b[t]]
                if any(self.tokens[x].dep == "relcl" for x in down):
                    return 99
                return cost + pos_b[t] + 3 * sum(self.tokens[x].dep in DOWN_CLAUSES for x in down)
            cost += 3 if self.tokens[t].dep in ("advcl", "ccomp", "relcl", "acl", "conj", "parataxis") else 1
        return 99

    @cached_property
    def _ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    def token_at(self, char: int) -> int:
        """Index of the token that covers (or first follows) a character offset."""
        # a bisection, not a scan: long documents ask this for every date and place
        return min(bisect.bisect_right(self._ends, char), len(self.tokens) - 1)


@dataclass(frozen=True)
class Timex:
    """A temporal expression, normalised (TIMEX3 ``value``) against the DCT or context."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    precision: Precision
    date: dt.date | None  # the representative day; None when unresolvable
    rule: str
    # for "two days after <event>": the day counted from (that of the clause it modifies)
    anchor: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The TIMEX3 fields a user reads: span, text, type and value, and the rule used."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class Place:
    """A toponym resolved to the gazetteer. ``precision`` is ACLED geo_precision (4: country)."""

    start: int
    end: int
    text: str
    name: str
    kind: PlaceKind
    country: str
    country_code: str
    iso: int | None
    admin1: str
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    precision: int
    population: int = 0


@dataclass(frozen=True)
class Actor:
    """A canonical actor with its ACLED inter code."""

    name: str
    inter: int
    country_code: str = ""
    sector: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Event:
    """One event record; ``to_dict`` gives the schema record (schema/event.schema.json)."""

    event_id: str
    article_ids: tuple[str, ...]
    event_date: str | None  # None: neither metadata nor text fixes it (never the coding day)
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int
    actor2: str
    assoc_actor_2: str
    inter2: int
    interaction: int
    civilian_targeting: str
    country: str
    iso: int | None
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    geonameid: int | None
    fatalities: int
    notes: str
    source: str
    source_url: str
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]
    modality: Modality
    evidence: tuple[tuple[str, int, int], ...]
    confidence: float
    date_basis: str = "text"
    published: str = ""  # the article's publication date, YYYY-MM-DD or ""
    published_basis: str = "unknown"  # metadata | given | inferred | unknown
    region: str = ""  # ACLED region of the country
    evidence_articles: tuple[str, ...] = ()  # each span's article, when not all the first's
    background: bool = False  # a specific earlier event the article recalls, dated from its own words
    review_status: str = ""  # a stored record's review (review.STATUSES); "": never stored

    def span_articles(self) -> tuple[str, ...]:
        """The article of each evidence span, in order."""
        return self.evidence_articles or (self.article_ids[0],) * len(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        """The schema record, with list-valued fields as lists."""
        out: dict[str, Any] = {
            "event_id": self.event_id,
            "article_ids": list(self.article_ids),
            "event_date": self.event_date,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "country": self.country,
            "iso": self.iso,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "geonameid": self.geonameid,
            "fatalities": self.fatalities,
            "notes": self.notes,
            "source": self.source,
            "source_url": self.source_url,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "plover_context": list(self.plover_context),
            "modality": self.modality,
            "evidence": [
                {"text": text, "start": start, "end": end, "article_id": article}
                for (text, start, end), article in zip(self.evidence, self.span_articles(), strict=True)
            ],
            "confidence": self.confidence,
            "date_basis": self.date_basis,
            "published": self.published,
            "published_basis": self.published_basis,
            "region": self.region,
            "background": self.background,
        }
        if self.review_status:
            out["review_status"] = self.review_status
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """The record ``to_dict`` wrote, read back (the store keeps records as JSON)."""
        fields = dict(d)
        fields["article_ids"] = tuple(d["article_ids"])
        fields["plover_context"] = tuple(d["plover_context"])
        fields["evidence"] = tuple((e["text"], e["start"], e["end"]) for e in d["evidence"])
        articles = tuple(e["article_id"] for e in d["evidence"])
        fields["evidence_articles"] = () if set(articles) <= {d["article_ids"][0]} else articles
        return cls(**fields)


@dataclass(frozen=True)
class Status:
    """How one input ended: coded (with its event count), skipped (why) or failed (error)."""

    origin: str
    status: Literal["coded", "skipped", "failed"]
    reason: str = ""
    events: int = 0
    article_id: str = ""
