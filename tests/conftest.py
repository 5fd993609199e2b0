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


# --- Postgres: a real server, named by SITREP_TEST_POSTGRES (scripts/pg_throwaway.sh starts one) ---

def _pg_unavailable() -> str | None:
    import os

    if not os.environ.get("SITREP_TEST_POSTGRES"):
        return ("no Postgres server for the Postgres leg: start one with "
                "`eval \"$(bash scripts/pg_throwaway.sh start)\"` (sets SITREP_TEST_POSTGRES); CI does")
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        return "psycopg / psycopg-pool are not installed: pip install -e '.[scale]'"
    return None


@pytest.fixture
def pg_url():
    """A URL to a fresh, empty schema on the test server, dropped afterwards.

    Skips with the reason when there is no server, except where SITREP_REQUIRE_POSTGRES=1 (CI): there a
    missing server is a failure, so the Postgres leg cannot silently not run.
    """
    import os
    import uuid
    from urllib.parse import quote

    reason = _pg_unavailable()
    if reason:
        if os.environ.get("SITREP_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    import psycopg

    base = os.environ["SITREP_TEST_POSTGRES"]
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote('-csearch_path=' + name)}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {name} CASCADE")


#: Store back-ends the store suite runs on; the Postgres leg needs a server (hence slow).
BACKENDS = ["duckdb", pytest.param("postgres", marks=pytest.mark.slow)]


@pytest.fixture(params=BACKENDS)
def any_store(request):
    """An empty store on each back-end: DuckDB in memory, and Postgres on a fresh schema."""
    from sitrep.store import open_store

    if request.param == "duckdb":
        store = open_store(":memory:")
    else:
        store = open_store(request.getfixturevalue("pg_url"))
    with store:
        yield store
