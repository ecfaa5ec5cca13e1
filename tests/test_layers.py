"""The file tree reads as the pipeline: a stage imports the stages before it, never one after
(a change to a later stage cannot break an earlier one, and the tree shows where a change goes)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parent.parent / "src" / "eventwire"
# in pipeline order; stages of one rank may import each other
STAGES = {
    "ingest": 0,
    "nlp": 1,
    "dates": 2,
    "places": 3,
    "events": 4,
    "actors": 5,
    "article": 6,
    "dedup": 7,
    "review": 8,
    "export": 8,
    "store": 9,
}
# what every stage may read: the records, the tables and their checks, the shared vocabulary,
# the gazetteer's index and the actor dictionary (names the parser and the places stage know)
SHARED = {"errors", "tables", "records", "vocab", "gazetteer", "actors.names", "actors.generic"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module under eventwire) of every eventwire import of one file."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    package = parts[:-1]  # the package a relative import starts from
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                if node.module:
                    found.append((node.lineno, ".".join([*base, node.module])))
                else:  # from .. import dates, tables
                    found += [(node.lineno, ".".join([*base, a.name])) for a in node.names]
            elif node.module and node.module.startswith("eventwire."):
                found.append((node.lineno, node.module.removeprefix("eventwire.")))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name.removeprefix("eventwire."))
                for a in node.names
                if a.name.startswith("eventwire.")
            ]
    return found


def _shared(module: str) -> bool:
    return any(module == s or module.startswith(f"{s}.") for s in SHARED)


def test_layers_no_stage_imports_a_later_stage() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        stage = path.relative_to(SRC).parts[0].removesuffix(".py")
        if stage not in STAGES:
            continue  # pipeline, cli, serve, watch, bench, evaluate: above every stage
        for line, module in _imports(path):
            top = module.split(".")[0]
            if top in STAGES and STAGES[top] > STAGES[stage] and not _shared(module):
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert wrong == []


def test_layers_the_check_reads_relative_imports() -> None:
    # the check above would pass on a tree it cannot read: it must see a stage's own imports
    found = dict(_imports(SRC / "nlp" / "__init__.py"))
    assert "actors.names" in found.values() and "tables" in found.values()
    assert "dates.patterns" in {m for _, m in _imports(SRC / "dates" / "find.py")}
