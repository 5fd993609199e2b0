"""Settings: read from the environment, with a clear error for a malformed value."""
from __future__ import annotations

import pytest

from sitrep import config
from sitrep.errors import SitrepError


def test_config_malformed_number_names_the_variable_and_the_fix(monkeypatch):
    monkeypatch.setenv("SITREP_PROCESSES", "two")
    with pytest.raises(SitrepError, match="SITREP_PROCESSES='two' is not a number"):
        config.get_int("processes")


@pytest.mark.parametrize(("name", "raw", "want"), [
    ("processes", "2", 2), ("timeout", "2.5", 2.5), ("allow_private", "yes", True), ("processes", "", 1),
])
def test_config_reads_the_environment_else_the_default(monkeypatch, name, raw, want):
    monkeypatch.setenv(config.env_name(name), raw)
    assert config.get(name) == want
