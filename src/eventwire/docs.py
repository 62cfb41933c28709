"""The README's command reference, generated from each command's ``--help``.

``python -m eventwire.docs`` rewrites the part of README.md between
``<!-- commands:start -->`` and ``<!-- commands:end -->``; a test fails when it is stale.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click
import typer.main

START, END = "<!-- commands:start -->", "<!-- commands:end -->"


def command_help() -> dict[str, str]:
    """Plain-text help of every command, by name, in the order the CLI lists them."""
    from .cli import app

    os.environ["TERMINAL_WIDTH"] = "100"
    group = typer.main.get_command(app)
    root = click.Context(group, info_name="eventwire")
    out = {}
    for name in group.list_commands(root):
        cmd = group.get_command(root, name)
        ctx = click.Context(cmd, info_name=name, parent=root, terminal_width=100)
        formatter = click.HelpFormatter(width=100)
        click.Command.format_usage(cmd, ctx, formatter)
        click.Command.format_help_text(cmd, ctx, formatter)
        click.Command.format_options(cmd, ctx, formatter)
        out[name] = formatter.getvalue().rstrip()
    return out


def reference() -> str:
    parts = [START, ""]
    for name, text in command_help().items():
        parts += [f"### `eventwire {name}`", "", "```", text, "```", ""]
    parts.append(END)
    return "\n".join(parts)


def update(readme: Path) -> bool:
    """Rewrite the command reference in ``readme``; True when it changed."""
    text = readme.read_text("utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    new = pattern.sub(lambda _: reference(), text) if pattern.search(text) else text + "\n" + reference() + "\n"
    if new != text:
        readme.write_text(new, "utf-8")
    return new != text


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print(f"{path}: {'updated' if update(path) else 'up to date'}")
