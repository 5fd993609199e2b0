"""Settings, declared once with their defaults and help text.

Every setting can be given on the command line (``--name``) or in the environment
(``SITREP_<NAME>``); the CLI's help and the README's settings table are generated from
``SETTINGS``, and a test checks that the README lists every one.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", None, "DuckDB file to use, or a postgresql:// URL (a shared server store). Default: "
                        "$XDG_DATA_HOME/sitrep/sitrep.duckdb (~/.local/share/sitrep/sitrep.duckdb)."),
    Setting("processes", 1, "Worker processes for extraction (each holds the spaCy model, ~0.65 GB)."),
    Setting("batch_size", 8, "Articles per spaCy batch (8 is fastest with 2 processes here)."),
    Setting("allow_private", False, "Allow fetching URLs on private, loopback and link-local addresses."),
    Setting("max_bytes", 20_000_000, "Largest input file or download accepted, in bytes."),
    Setting("max_chars", 100_000,
            "Characters of one article's text that are read (parsed; at most 1,000,000, spaCy's limit); "
            "the rest is stored but not read."),
    Setting("timeout", 10.0, "Seconds before a URL fetch gives up."),
    Setting("token", None,
            "Bearer token that write endpoints of `sitrep serve` require (none: writes refused)."),
    Setting("cache", None, "Folder for the gazetteer index and other caches. Default: ~/.cache/sitrep."),
    Setting("disable_rules", "",
            "Rule families to switch off, comma-separated (names in src/sitrep/data/rules.tsv); "
            "for ablation runs."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def help_of(name: str) -> str:
    return _BY_NAME[name].help


def env_name(name: str) -> str:
    return "SITREP_" + name.upper()


def get(name: str) -> object:
    """A setting's value from the environment, else its default; a malformed value is a clear error."""
    s = _BY_NAME[name]
    raw = os.environ.get(env_name(name))
    if raw is None or raw == "":
        return s.default
    if isinstance(s.default, bool):
        return raw.lower() in ("1", "true", "yes", "on")
    kind = int if isinstance(s.default, int) else float if isinstance(s.default, float) else None
    if kind is None:
        return raw
    try:
        return kind(raw)
    except ValueError:
        from sitrep.errors import SitrepError

        raise SitrepError(f"{env_name(name)}={raw!r} is not a number; set it to a {kind.__name__} "
                          f"like {s.default!r}, or unset it") from None


def get_int(name: str) -> int:
    value = get(name)
    assert isinstance(value, int | float), name
    return int(value)


def get_float(name: str) -> float:
    value = get(name)
    assert isinstance(value, int | float), name
    return float(value)


def default_db_path() -> Path:
    """Where the database lives unless --db or SITREP_DB says otherwise."""
    env = os.environ.get("SITREP_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sitrep" / "sitrep.duckdb"
