"""Command line: thin click commands over the library.

Each submodule adds its commands to the one ``main`` group (``app``) as it is imported; they
are imported here in the order the commands have always been registered in.
"""

from __future__ import annotations

# isort: off
from .app import main, run
from . import code, evaluate, ingest, bench, gazetteer, serve, store, review  # noqa: F401
# isort: on

__all__ = ["main", "run"]
