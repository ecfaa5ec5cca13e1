"""``serve``: the HTTP API and the dashboard, optionally watching feeds too."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .. import errors, store
from .app import _say, main
from .ingest import _pass_line
from .options import _db_option, _every_option


def _can_listen(host: str, port: int) -> None:
    """Fail before starting when the address cannot be listened on (in use, not ours)."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from err


def _watching(path: Path, sources: Sequence[str], policy: Any, interval: float) -> None:
    """``serve --watch``: passes in a thread of the server's process, each reported on stderr."""
    from .. import watch

    conn = store.open_store(path)
    watcher = watch.Watcher(conn, sources, policy)
    while True:
        try:
            done = watcher.run_pass()
            _say(_pass_line(path, done))
        except Exception as err:  # the server goes on; the next pass tries again
            _say(f"watch pass failed: {err!r}")
            done = None
        time.sleep(max(0.0, interval - (done.seconds if done else 0.0)))


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File whose first line is the token that POST /api/articles needs (else $EVENTWIRE_TOKEN; "
    "with neither, writes are disabled).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=5_000_000,
    show_default=True,
    metavar="BYTES",
    help="Largest request body accepted (413 beyond it).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Server processes (one per core answers more queries at once).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header names this (repeatable; * for any); the listen "
    "address, localhost, 127.0.0.1 and ::1 are always allowed, others get 400.",
)
@click.option(
    "--header-timeout",
    type=click.IntRange(1),
    metavar="SECONDS",
    help="Time a connection has to send a request's headers, from its opening or the previous "
    "answer (default 10); then it is closed.",
)
@click.option(
    "--body-timeout",
    type=click.FloatRange(0, min_open=True),
    metavar="SECONDS",
    help="Time a request's whole body has to arrive (default 60; 408 beyond it).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1),
    metavar="N",
    help="Requests each server process answers at once (default twice the cores, at least 4).",
)
@click.option(
    "--queue-timeout",
    type=click.FloatRange(0, min_open=True),
    metavar="SECONDS",
    help="How long a request past --concurrency waits for its turn before a 503 with Retry-After "
    "(default 1).",
)
@click.option(
    "--watch",
    "sources",
    multiple=True,
    metavar="FEED_OR_LIST",
    help="Also follow this feed or list of URLs, as `eventwire watch` does (repeatable); the server "
    "never fetches from loopback, private or link-local addresses.",
)
@_every_option("With --watch: time between the starts of two passes.")
def serve_command(
    db: str | None,
    host: str,
    port: int,
    token_file: Path | None,
    max_body: int,
    workers: int,
    allowed_hosts: tuple[str, ...],
    header_timeout: int | None,
    body_timeout: float | None,
    concurrency: int | None,
    queue_timeout: float | None,
    sources: tuple[str, ...],
    interval: float,
) -> None:
    """The HTTP API (OpenAPI spec at /openapi.json) and the dashboard (at /) for the database."""
    errors.needs("eventwire serve", "serve", "fastapi", "uvicorn", "httptools")
    if sources:
        errors.needs("serve --watch", "watch", "feedparser", "httpx")
    import uvicorn

    from .. import serve

    token = serve.token_from(token_file, os.environ.get("EVENTWIRE_TOKEN"))
    path = store.db_path(db)
    given = {
        "header_timeout": header_timeout,
        "body_timeout": body_timeout,
        "concurrency": concurrency,
        "queue_timeout": queue_timeout,
    }
    limits = serve.Limits(
        max_body=max_body,
        allowed_hosts=(*serve.Limits().allowed_hosts, host, *allowed_hosts),
        **{k: v for k, v in given.items() if v is not None},  # type: ignore[arg-type]
    )
    app = serve.app_for(path, token, limits)  # checks, creates or migrates the store, once
    if sources:
        from .. import watch

        policy = watch.Policy(private_ok=False)
        threading.Thread(target=_watching, args=(path, sources, policy, interval), daemon=True).start()
    _can_listen(host, port)
    writes = "read only (no token set)"
    if token:
        named = sum(bool(name) for name in token.values())
        writes = f"writes need a token: {len(token)} given, {named} naming their reviewer"
    procs = "1 process" if workers == 1 else f"{workers} processes"
    _say(f"serving {path} on http://{host}:{port}/ ({writes}, {procs}); Ctrl-C stops")
    if serve.host_name(host) in ("0.0.0.0", "::") and not allowed_hosts:
        _say("other machines reach it by a name or address: give each with --allowed-host (else 400)")
    options = {"host": host, "port": port, "log_level": "warning", **serve.uvicorn_options(limits)}
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # each worker process builds the same app from these
    os.environ.update(EVENTWIRE_SERVE_DB=str(path.resolve()), EVENTWIRE_SERVE_LIMITS=limits.to_env())
    if token_file is not None:
        os.environ["EVENTWIRE_SERVE_TOKEN_FILE"] = str(token_file.resolve())
    uvicorn.run("eventwire.serve:from_env", factory=True, workers=workers, **options)
