"""Evaluation against third-party gold data: one module per stage being scored.

Each module reads one gold format, runs the stage on the gold's text and returns a plain
report (counts and ratios) that the CLI prints; nothing here is used by the pipeline.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# the record fields every whole-pipeline score compares (each adds its own around them)
RECORD_FIELDS = (
    "event_date",
    "fatalities",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "admin1",
)


@dataclass
class Extraction:
    """Counts of found against gold mentions: the part every stage's score shares."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # same span
    relaxed: int = 0  # overlapping span, each matched once

    def f1(self, hits: int) -> tuple[float, float, float]:
        """(precision, recall, F1) of ``hits`` over all found and all gold mentions."""
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def in_part(name: str, part: tuple[int, int]) -> bool:
    """Whether a gold document belongs to part k of the fixed n-way split by its name (an MD5
    of the name), so that a tuning part and a held-out part stay the same from run to run."""
    k, n = part
    return int(hashlib.md5(name.encode()).hexdigest(), 16) % n == k
