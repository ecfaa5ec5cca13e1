"""Where an article names actors, found once per article: the dictionary's names by
character span (one pass over its words), and the phrase around a head word: its words, the
name it gives, the people or country its modifiers say, whether it refers back ("the
militants"), whose clause or weapon it is.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..gazetteer import Gazetteer
from ..nlp import dateline_end
from ..records import Actor, Parsed
from .generic import kind_words, word_list
from .names import APOSTROPHES, Named, alias_trie, dictionary, name_key

ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['`][A-Za-z0-9]+)*")
BREAKS = re.compile(r"[,;:\[\]\"“”—–]|\n\s*\n")  # (brackets may stand in a name: "CPI (Maoist)")
NamedSpan = tuple[int, int, tuple[Named, ...]]  # a name's offsets, and what it may name
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# before a name: it names the parent of the group told beside it ("the People's Defense Force,
# the armed wing of the opposition National Unity Government")
PARENT = re.compile(
    r"\b(?:wing|affiliate|branch|offshoot|ally|proxy|arm)\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# after a name: it names the backer or parent of the group the phrase is about
BACKER = re.compile(
    r"\s*-\s*(?:backed|linked|allied|aligned|affiliated|inspired|funded|supported)\b"
    r"|['’]s\s+(?:affiliate|branch|wing|offshoot|arm|ally|allies|franchise|proxy|proxies)\b",
    re.IGNORECASE,
)


# before a name: the group the phrase is about is tied to it, not it ("a Yazidi armed group
# linked to the PKK", "a militia backed by Iran")
TIED_TO = re.compile(
    r"\b(?:(?:linked|tied|allied|affiliated|aligned|close)\s+(?:to|with)|backed\s+by)\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,4}[\w'’-]+\s*\()?$",  # (and its acronym after it: "Workers' Party (PKK")
    re.IGNORECASE,
)


def backs(span: NamedSpan, text: str) -> bool:
    """Whether the name at ``span`` is told as the backer or parent of another group ("al
    Qaeda's affiliate", "IRGC-backed", "a group linked to the PKK"); not Islamic State's,
    whose branches ACLED names by it ("Islamic State's affiliate in Mozambique": Islamic
    State (Mozambique))."""
    start, end, named = span
    if any(n.name.startswith("Islamic State") for n in named):
        return False
    return bool(BACKER.match(text, end, end + 20) or TIED_TO.search(text, max(0, start - 80), start))


def _words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word: a run of letters, digits and marks of any script,
    apostrophes inside it kept ("Kata'ib" is one word, keyed "kataib")."""
    if text.isascii():  # the same words, found faster
        return [
            (m.start(), m.end() - 2 if m.group().endswith(("'s", "'S", "`s", "`S")) else m.end(), key)
            for m in ASCII_WORD.finditer(text)
            if (
                key := name_key(m.group()[:-2] if m.group().endswith(("'s", "'S", "`s", "`S")) else m.group())
            )
        ]
    out = []
    start = -1
    for n, c in enumerate(f"{text} "):
        inside = unicodedata.category(c)[0] in "LNM" or (
            c in APOSTROPHES
            and start >= 0
            and n + 1 < len(text)
            and unicodedata.category(text[n + 1])[0] in "LN"
        )
        if inside and start < 0:
            start = n
        elif not inside and start >= 0:
            end = n
            if end - start > 2 and text[end - 1] in "sS" and text[end - 2] in APOSTROPHES:
                end -= 2  # "KIA's battalion": the name without its possessive
            key = name_key(text[start:end])
            if key:
                out.append((start, end, key))
            start = -1
    return out


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is joined by hyphens to capitals on both sides (a middle part of
    one hyphenated word in capitals), not an acronym of its own ("AA-held" keeps its AA)."""
    # (in a word in capitals: "army-VDP-police" is three words, "PORT-AU-PRINCE" one)
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isupper()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isupper()
    return before and after


def find_named(text: str) -> tuple[NamedSpan, ...]:
    """Every dictionary actor mentioned (longest match first), by character span: one pass
    over the words of the text, whatever the size of the dictionary."""
    words = _words(text)
    trie = alias_trie()
    out: list[NamedSpan] = []
    n = 0
    while n < len(words):
        ends: list[tuple[int, tuple[Named, ...]]] = []  # aliases starting here, by end
        node: dict[str, Any] | None = trie
        for k in range(n, len(words)):
            if k > n and BREAKS.search(text, words[k - 1][1], words[k][0]):
                break  # "in the West Bank, troops made arrests": a name never spans a comma
            node = node.get(words[k][2]) if node is not None else None
            if node is None:
                break
            if "" in node:
                ends.append((k + 1, node[""]))
        found = None
        for end, actor in reversed(ends):  # longest first
            alias_chars = sum(len(w[2]) for w in words[n:end]) + end - n - 1
            said = text[words[n][0] : words[end - 1][1]]
            if alias_chars <= 3 and not (said.isupper() or any(c.isupper() for c in said[1:])):
                continue  # short acronyms (AA, IS, KH; LeT, JuA) only in capitals
            if alias_chars <= 3 and _inside_a_word(text, words[n][0], words[end - 1][1]):
                continue  # "PORT-AU-PRINCE" names no African Union
            if all(a.since or a.until for a in actor):
                # a name of some days only ("Taliban fighters": the state's forces since
                # August 2021): on other days the shorter name inside it names its actor
                actor += tuple(a for shorter, names in ends if shorter < end for a in names if a not in actor)
            found = (words[n][0], words[end - 1][1], actor, end)
            break
        if found is None:
            n += 1
            continue
        out.append(found[:3])
        n = found[3]
    return tuple(out)


@dataclass(frozen=True)
class Mentions:
    """What one article tells of its actors whatever event is resolved: the dictionary's
    names in it, where its text after the dateline begins (``filed``), and what each person
    it names acts for, by surname (``people``)."""

    parsed: Parsed
    gaz: Gazetteer
    filed: int
    named_spans: tuple[NamedSpan, ...]
    people: Mapping[str, Actor] = field(default_factory=dict)

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _, _ in self.named_spans]  # (in text order, none overlapping)

    def starting(self, lo: int, hi: int) -> range:
        """Indices in ``named_spans`` of the names that start in [lo, hi): a bisection, not a
        scan (a long report names hundreds of actors)."""
        return range(bisect_left(self._starts, lo), bisect_left(self._starts, hi))

    def span(self, head: int) -> list[int]:
        """Tokens of the phrase, leaving out relative clauses and most prepositional phrases."""
        p = self.parsed
        out = [head]
        stack = [head]
        while stack:
            cur = stack.pop()
            for c in p.children(cur):
                t = p.tokens[c]
                if t.dep in ("relcl", "acl", "advcl", "punct", "cc", "conj") or (
                    t.dep == "prep" and t.text.lower() not in ("of",)
                ):
                    continue
                out.append(c)
                stack.append(c)
        if p.tokens[head].start >= self.filed:
            # a dateline the parser hung on the phrase ("RAMALLAH, Occupied Palestine -
            # Israeli occupation forces") is not one of its words
            out = [j for j in out if p.tokens[j].start >= self.filed]
        return sorted(out)

    def named_in(self, span: list[int], head: int) -> list[int]:
        """Indices in ``named_spans`` of the name the phrase gives: one, or two joined by
        "or" ("presumed ISWAP or Boko Haram militants"); none when it names no actor."""
        toks = self.parsed.tokens
        at = toks[head].start
        spans = self.named_spans
        last = bisect_right(self._starts, at) - 1
        own = last if last >= 0 and at < spans[last][1] else None
        if own is not None:
            first = self.parsed.token_at(spans[own][0])
            if first not in span and toks[first].dep == "conj":
                # "Mozambican and Rwandan troops": the first people named leads, not the name
                # the second makes with the head
                return []
        if own is None:
            lo, hi = toks[span[0]].start, toks[span[-1]].end
            text = self.parsed.article.text
            # The head's own name wins over a backer named in a modifier ("IRGC-backed militia",
            # "al Qaeda's affiliate in the Sahel": another group)
            # (a name among the phrase's own words: not one between them that the parse hung
            # elsewhere, "the army and the RSF around El-Khuwei, about 110 km west of El Obeid")
            words = set(span)
            inside = [
                n
                for n in self.starting(lo, hi)
                if spans[n][1] <= hi
                and not backs(spans[n], text)
                and self.parsed.token_at(spans[n][0]) in words
            ]
            if not inside:
                return []
            # (a name before the head names it, not one in a phrase the parse hung after it: "the
            # National Liberation Army (ELN) guerrilla group and dissidents of the former FARC")
            before = [n for n in inside if spans[n][1] <= at]
            own = before[-1] if before and self._in_a_phrase_of(spans[inside[-1]][0], head) else inside[-1]
        for other in (own - 1, own + 1):
            if 0 <= other < len(spans):
                first, second = sorted((own, other))
                between = self.parsed.article.text[spans[first][1] : spans[second][0]]
                if re.fullmatch(r"\s*(?:or|and/or|/)\s*", between):
                    return [first, second]
        return [own]

    def _in_a_phrase_of(self, start: int, head: int) -> bool:
        """The name starting at character ``start`` hangs on the head through "of" or "from"
        (a phrase the parse may have misplaced), not as its appositive ("the U.N. mission,
        MONUSCO")."""
        toks = self.parsed.tokens
        for a in self.parsed.ancestors(self.parsed.token_at(start)):
            if a == head:
                return False
            if toks[a].dep == "prep" and toks[a].lemma in ("of", "from"):
                return True
        return False

    def people_in(self, span: list[int], head: int) -> str:
        """The name of a people among the modifiers ("Pokot militants", "the Bahgere clan")."""
        for j in span:
            t = self.parsed.tokens[j]
            if j == head or not t.text[:1].isupper() or t.dep not in ("compound", "amod", "nmod"):
                continue
            if t.start < self.filed or t.ent in NOT_NAMES:
                # "PESHAWAR, Oct 19 (PTI) Local tribesmen": a dateline's or a date's words name
                # no people
                continue
            if (
                self.opens_sentence(j)
                and t.ent != "NORP"
                and (t.dep == "amod" or t.lemma.lower() in kind_words())
            ):
                continue  # "Gang members", "Local tribesmen": a capital the sentence gives, not a name
            owner = self.parsed.tokens[t.head]
            if (
                t.lemma in word_list("not_groups")
                or self.gaz.country(t.text)
                or name_key(t.text) in dictionary()
                # ("South Sudan's Murle community": a word of a country's name, not a people)
                or (t.dep == "compound" and t.head > j and self.gaz.country(f"{t.text} {owner.text}"))
            ):
                continue
            # A people is a NORP, or an untagged proper noun; acronyms and organisations
            # (RENAMO, RMJ) are groups we do not know, not peoples.
            if t.ent == "NORP" or (t.ent == "" and t.pos in ("PROPN", "NOUN") and not t.text.isupper()):
                return t.text
            if not t.text.isupper() and self.parsed.tokens[head].lemma in word_list("people_heads"):
                return t.text
        return ""

    def opens_sentence(self, j: int) -> bool:
        """Whether token j is the first word of its sentence, or of the text after a dateline."""
        toks = self.parsed.tokens
        first = self.parsed.sent_of(j).first
        return j == first or (j > first and toks[j - 1].start < self.filed <= toks[j].start)

    def modifiers(self, span: list[int], head: int, event_cc: str) -> tuple[str, set[str]]:
        """(country its words name, lemmas of its modifiers). A people's name says a country
        only of the event's or one beside it ("Somali herders" in Kenya, ACLED's Somalia); far
        off it is the name of a people of where the event is ("the Kaiowa-Guarani Indian tribe"
        of Brazil is no Indian nationals)."""
        cc = ""
        lemmas: set[str] = set()
        people_heads = word_list("people_heads")
        home = self.gaz.countries.get(event_cc)
        near = {event_cc, *home.neighbours} if home is not None else None
        for j in span:
            t = self.parsed.tokens[j]
            if j != head:
                lemmas.add(t.lemma)
            if t.ent in ("GPE", "NORP") or t.pos == "PROPN" or t.tag == "JJ":
                # (a name of two words first: "South Sudan's Murle community" is not Sudan's)
                pair = (
                    self.gaz.country(f"{t.text} {self.parsed.tokens[j + 1].text}") if j + 1 in span else None
                )
                found = pair or self.gaz.country(t.text)
                of_a_people = self.parsed.tokens[t.head].lemma in people_heads
                if found and not cc and not (of_a_people and near is not None and found[0] not in near):
                    cc = found[0]
        return cc, lemmas

    def definite(self, head: int) -> bool:
        """ "the militants", "these gunmen", "its fighters": a phrase that refers back to
        someone told before."""
        toks = self.parsed.tokens
        return any(
            (toks[c].dep == "det" and toks[c].lemma in ("the", "this", "that", "these", "those"))
            or (toks[c].dep == "poss" and toks[c].text.lower() in ("its", "their"))
            for c in self.parsed.children(head)
        )

    def relcl_owner(self, head: int) -> int | None:
        """For "X, a group whose commander was killed": the noun the clause describes, and
        through an apposition the name it restates."""
        p = self.parsed
        cur = head
        for _ in range(3):
            if p.tokens[cur].dep == "relcl":
                owner = p.tokens[cur].head
                if p.tokens[owner].dep == "appos":
                    owner = p.tokens[owner].head
                return owner
            if p.tokens[cur].head == cur:
                return None
            cur = p.tokens[cur].head
        return None

    def conjuncts(self, head: int) -> list[int]:
        """The nouns joined to a phrase's head ("women and children", "X, Y and Z")."""
        out = [c for c in self.parsed.children(head) if self.parsed.tokens[c].dep == "conj"]
        for c in list(out):
            out.extend(self.conjuncts(c))
        return out

    def source(self, head: int) -> int | None:
        """Who a weapon came from: the object of "from" or of "fired by" after a rocket,
        shell or bullet (the weapons of ``generic.yaml``)."""
        p = self.parsed
        if p.tokens[head].lemma not in word_list("instruments"):
            return None
        for c in p.children(head):
            t = p.tokens[c]
            if t.dep == "prep" and t.text.lower() == "from":
                return next((j for j in p.children(c) if p.tokens[j].dep == "pobj"), None)
            if t.dep == "acl":
                by = next((j for j in p.children(c) if p.tokens[j].dep == "agent"), None)
                if by is not None:
                    return next((j for j in p.children(by) if p.tokens[j].dep == "pobj"), None)
        return None

    def group_of(self, head: int) -> int | None:
        """The group a phrase says its people belong to: "insurgents (allegedly) belonging to
        ASWJ", "militants linked to Al Shabaab", "fighters loyal to the TNLA" (generic.yaml
        member_words, each with the prepositions "to" and "with")."""
        p = self.parsed
        words = word_list("member_words")
        for c in p.children(head):
            if p.tokens[c].dep in ("acl", "amod") and p.tokens[c].lemma in words:
                for prep in p.children(c):
                    if p.tokens[prep].dep == "prep" and p.tokens[prep].lemma in ("to", "with"):
                        return next((o for o in p.children(prep) if p.tokens[o].dep == "pobj"), None)
        return None


def read(parsed: Parsed, gaz: Gazetteer) -> Mentions:
    """The article's names and dateline (the people it names are resolved with them: see
    ``resolve.told``)."""
    text = parsed.article.text
    return Mentions(parsed, gaz, dateline_end(text), find_named(text))
