"""Rule families: declared once in data/rules.tsv, switched off by SITREP_DISABLE_RULES."""
from __future__ import annotations

import pytest

from sitrep import rules
from sitrep.errors import SitrepError


@pytest.fixture
def two_families(monkeypatch):
    monkeypatch.setattr(rules, "families", lambda: {"alpha": "first", "beta": "second"})
    rules._parse.cache_clear()
    yield
    rules._parse.cache_clear()


def test_rules_every_family_is_on_by_default(two_families, monkeypatch):
    monkeypatch.delenv(rules.ENV, raising=False)
    assert rules.on("alpha") and rules.on("beta")


def test_rules_the_environment_switches_a_family_off(two_families, monkeypatch):
    monkeypatch.setenv(rules.ENV, " beta ,")
    assert rules.on("alpha") and not rules.on("beta")


def test_rules_an_unknown_name_in_the_environment_is_a_clear_error(two_families, monkeypatch):
    monkeypatch.setenv(rules.ENV, "gamma")
    with pytest.raises(SitrepError, match=r"unknown rule families \['gamma'\].*rules.tsv"):
        rules.disabled()


def test_rules_asking_for_an_undeclared_family_fails_loudly(two_families):
    with pytest.raises(rules.UnknownRule, match="delta"):
        rules.on("delta")


def test_rules_the_data_file_declares_names_with_help():
    for name, help_ in rules.families().items():
        assert name and " " not in name and help_, name
