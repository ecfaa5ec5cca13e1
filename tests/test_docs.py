"""Every option of every command is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from eventwire.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _options(group: click.Group = main, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out.extend(_options(command, f"{prefix}{name} "))
        for param in command.params:
            if isinstance(param, click.Option):
                out.extend((prefix + name, opt) for opt in param.opts if opt.startswith("--"))
    return out


@pytest.mark.parametrize(("command", "option"), _options())
def test_docs_readme_documents_every_option(command: str, option: str) -> None:
    assert f"`{option}" in README, f"eventwire {command} {option} is not in README.md"
