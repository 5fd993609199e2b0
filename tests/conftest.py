"""Shared fixtures. Model-loading tests are marked ``slow`` and run only with ``--slow``."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The evaluation suites, present beside a developer's checkout and in CI, absent in a user's clone.
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline (slow tests only)."""
    from sitrep import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only pipeline for fast tests that build Docs by hand."""
    from sitrep import nlp as nlp_module

    return nlp_module.blank()
