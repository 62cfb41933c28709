"""The docs are tested: every command has help with an example, and the README is current."""

from pathlib import Path

import pytest

from eventwire.docs import END, START, command_help, reference

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("name,text", sorted(command_help().items()))
def test_every_command_has_help_with_an_example(name, text):
    assert "Example:" in text, f"`eventwire {name} --help` needs an example"


def test_readme_command_reference_is_current():
    text = README.read_text("utf-8")
    current = text[text.index(START) : text.index(END) + len(END)]
    assert current == reference(), "README is stale: run `python -m eventwire.docs README.md`"


def test_readme_setup_is_two_commands():
    text = README.read_text("utf-8")
    assert "make demo" in text and "make test" in text
