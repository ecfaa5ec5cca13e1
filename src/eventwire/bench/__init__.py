"""``eventwire bench``: what eventwire costs, measured in fresh processes on generated or given
articles.

Submodules: ``parse`` (the pipeline's speed and memory against a plain spaCy parse, and the
generated corpus), ``api`` (``bench serve``: the HTTP API under load, the server's memory,
the dashboard's first render), ``feeds`` (``bench watch``: following feeds on loopback sites).
"""

from __future__ import annotations

from .api import CHROMIUM, CHROMIUM_ARGS, free_port, load, serve_report, serve_run, serving, synthetic_store
from .feeds import LocalSite, article_page, rss_feed, watch_report, watch_run
from .parse import corpus, folder_corpus, report, run

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "LocalSite",
    "article_page",
    "corpus",
    "folder_corpus",
    "free_port",
    "load",
    "report",
    "rss_feed",
    "run",
    "serve_report",
    "serve_run",
    "serving",
    "synthetic_store",
    "watch_report",
    "watch_run",
]
