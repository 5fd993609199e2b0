"""Rule families: named groups of reading rules that can be switched off, to measure what each is worth.

Every family of rules a reader applies has a name in ``data/rules.tsv`` (with what it does and why it
is there). A reader asks ``rules.on("family")`` before applying one; ``SITREP_DISABLE_RULES``
(a comma-separated list of names, or the ``disable_rules`` setting) switches families off for a run,
and ``scripts/ablate.py`` uses it to print each family's effect on the dev and blind halves.
The environment is read at call time (cached per value), so worker processes and
``blind/validate`` inherit the switch.
"""
from __future__ import annotations

import functools
from importlib import resources

from sitrep import config

ENV = config.env_name("disable_rules")


class UnknownRule(KeyError):
    """A rule family that ``data/rules.tsv`` does not declare."""


@functools.cache
def families() -> dict[str, str]:
    """Every declared rule family with its description, in file order."""
    out: dict[str, str] = {}
    text = resources.files("sitrep").joinpath("data/rules.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, help_ = line.partition("\t")
        out[name.strip()] = help_.strip()
    return out


@functools.cache
def _parse(raw: str) -> frozenset[str]:
    names = frozenset(n.strip() for n in raw.split(",") if n.strip())
    unknown = sorted(names - families().keys())
    if unknown:
        from sitrep.errors import SitrepError

        raise SitrepError(f"{ENV} names unknown rule families {unknown}; "
                          f"the known ones are listed in src/sitrep/data/rules.tsv")
    return names


def disabled() -> frozenset[str]:
    """The families switched off for this run."""
    return _parse(str(config.get("disable_rules") or ""))


def on(name: str) -> bool:
    """Whether the rule family ``name`` applies in this run."""
    if name not in families():
        raise UnknownRule(f"rule family {name!r} is not declared in data/rules.tsv")
    return name not in disabled()
