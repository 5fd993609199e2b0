"""Every CLI command and every setting is documented in the README; every command has help text."""
from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from sitrep.cli import app
from sitrep.config import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands():
    return get_command(app).commands


def test_cli_every_command_is_in_the_readme():
    missing = [name for name in commands() if f"`sitrep {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_cli_every_command_has_help_text():
    assert all((cmd.help or "").strip() for cmd in commands().values())


def test_cli_every_setting_is_in_the_readme():
    table = re.findall(r"^\| `(\w+)` \|", README, flags=re.M)
    assert sorted(table) == sorted(s.name for s in SETTINGS)


def test_cli_readme_commands_match_ci():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash setup.sh" in README and "bash setup.sh" in ci
    assert ".venv/bin/python -m pytest --slow" in README and ".venv/bin/python -m pytest --slow" in ci

