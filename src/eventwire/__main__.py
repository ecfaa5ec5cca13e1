"""``python -m eventwire``: the command line."""

from .cli import run

run()
