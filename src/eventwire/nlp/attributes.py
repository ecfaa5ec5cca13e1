"""The model's attribute_ruler and lemmatizer, applied by lookup (``AttributeRules``): the
same rules, the same result, faster.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

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
