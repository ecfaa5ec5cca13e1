"""Serve: the stored events over HTTP (a JSON API with its OpenAPI spec) and the dashboard.

Reads: the SQLite store (``store.records``, ``store.stats``, ``store.record``), each request
in one snapshot of it. Writes: new articles, coded by the pipeline and stored as ``ingest``
stores them, when the operator set a token. Every query is parameterised SQL; the dashboard
renders every stored string as text. The server fetches no URL: an article's ``url`` is
metadata only.

In front of the application (``app_for``), plain ASGI layers answer what needs no database:
a Host that is not this server's (400: DNS rebinding), a write without the token (401/403,
before a byte of its body is read), more requests than ``Limits.concurrency`` at once (503
with Retry-After once one has waited ``Limits.queue_timeout``), a body over the limit (413)
or slower than ``Limits.body_timeout`` (408). ``TimedHeaders`` bounds the time a connection
may take to send a request's headers, which uvicorn alone does not.

The package by concept: ``settings`` (limits, the store's readers, write tokens), ``query``
(the filters and parameters of reads), ``spec`` (the answers' models and the typed OpenAPI
spec), ``intake`` (POST /api/articles), ``layers`` (the ASGI layers and uvicorn's protocol),
``app`` (the routes, and the application behind its layers).
"""

# what the cli uses (and uvicorn's worker processes: "eventwire.serve:from_env")
from .app import app_for, from_env
from .layers import host_name, uvicorn_options
from .settings import Limits, token_from

__all__ = [
    "Limits",
    "app_for",
    "from_env",
    "host_name",
    "token_from",
    "uvicorn_options",
]
