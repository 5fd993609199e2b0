"""Armed and extremist groups: one name per well-known group, and the kind of perpetrator a text describes.

Two hand-written tables (``data/types/groups.tsv``, ``data/types/perpetrator_kinds.tsv``), read once:
the names let "ISIS", "Islamic State" and "Daesh" be one actor (and a group that fights in one country
places a story that names none); the kinds give GTD's generic names
("White extremists", "Left-Wing Militants") to perpetrators a text describes but does not name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("sitrep").joinpath(f"data/types/{name}").read_text("utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Alias (lower case) -> the group's one name (``data/types/groups.tsv``)."""
    out: dict[str, str] = {}
    for name, aliases, *_home in _rows("groups.tsv"):
        for alias in (name, *aliases.split("|")):
            out.setdefault(alias.lower(), name)
    return out


@lru_cache(maxsize=1)
def alias_pattern() -> re.Pattern[str]:
    """Every alias, longest first; an all-capital alias ("ELF") only in capitals."""
    aliases = {a for _name, line, *_home in _rows("groups.tsv") for a in line.split("|")}
    alts = [re.escape(a) if a.isupper() else "(?i:" + re.escape(a) + ")"
            for a in sorted(aliases, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


def canonical(name: str) -> str | None:
    """The one name of a well-known group written ``name`` ("Daesh", "the ISIS-K"); None for others."""
    table = _table()
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    found = table.get(bare.lower())
    if found:
        return found
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", bare)  # "Name (ACRONYM)": either half may be known
    if m:
        short = m.group(2)
        return table.get(m.group(1).lower()) or (table.get(short.lower()) if short.isupper() else None)
    return None


@lru_cache(maxsize=1)
def _homes() -> dict[str, str]:
    """Group name -> the ISO code of the one country it fights in (third column of groups.tsv)."""
    return {row[0]: row[2].strip() for row in _rows("groups.tsv") if len(row) > 2 and row[2].strip()}


def home_countries(text: str) -> set[str]:
    """The countries of the single-country groups ``text`` names ("Houthi forces": Yemen)."""
    homes = _homes()
    found = {canonical(m.group(0)) for m in alias_pattern().finditer(text)}
    return {homes[name] for name in found if name in homes}


@lru_cache(maxsize=1)
def kinds() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    """The generic perpetrator names and their cues (``data/types/perpetrator_kinds.tsv``)."""
    return tuple((name, float(w), re.compile(rx, re.I)) for name, w, rx in _rows("perpetrator_kinds.tsv"))


def kinds_in(text: str) -> list[tuple[str, int, int]]:
    """(generic name, start, end) of each kind of perpetrator the text describes, the best first.

    A description of the perpetrators beats a motive read from the target; then the earliest wins.
    """
    found: dict[str, tuple[float, int, int]] = {}
    for name, weight, rx in kinds():
        m = rx.search(text)
        if m and (name not in found or (-weight, m.start()) < (-found[name][0], found[name][1])):
            found[name] = (weight, m.start(), m.end())
    best = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    top = best[0][1][0] if best else 0.0
    return [(name, s, e) for name, (w, s, e) in best if w == top]


def describes(name: str) -> bool:
    """Whether a would-be group name only describes a kind ("White Racists", "Black Militants")."""
    return any(weight >= 2 and rx.fullmatch(name.strip()) for _kind, weight, rx in kinds())
