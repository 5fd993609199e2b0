"""Word lists and tables the readers use, one data file each, loaded once per process.

English reading lives in ``data/lang/en/``, each other language read beside it in
``data/lang/<code>/`` with the same file names, so that a language is a set of data files. A file is
UTF-8 text: one entry per line, columns separated by tabs, ``#`` starting a comment line; a list
file (``words``) reads its first column and may also hold several space-separated words per line.
Tables that are no language's reading (the gazetteer's aliases) live in their own folder under ``data/``,
named with ``folder=`` ("gazetteer" reads ``data/gazetteer/``); they have the same format.
"""
from __future__ import annotations

import functools
from importlib import resources


class MissingLexicon(FileNotFoundError):
    """A data file a reader needs is not in the package."""


@functools.cache
def rows(name: str, *, lang: str = "en", folder: str | None = None) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/lang/<lang>/<name>.tsv`` (or ``.txt``; ``data/<folder>/`` when a folder is
    named), comments and blank lines skipped."""
    where = folder or f"lang/{lang}"
    base = resources.files("sitrep").joinpath("data", *where.split("/"))
    for ext in (".tsv", ".txt"):
        path = base.joinpath(name + ext)
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            break
    else:
        owner = f"folder {folder!r}" if folder else f"language {lang!r}"
        raise MissingLexicon(f"no lexicon {name!r} for {owner}: expected src/sitrep/data/{where}/{name}.tsv")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(out)


@functools.cache
def words(name: str, *, lang: str = "en", folder: str | None = None) -> frozenset[str]:
    """Every word of a list file (first column; several space-separated words per line allowed)."""
    return frozenset(w for r in rows(name, lang=lang, folder=folder) for w in r[0].split())


@functools.cache
def mapping(name: str, *, lang: str = "en", folder: str | None = None) -> dict[str, str]:
    """First column -> second column."""
    out: dict[str, str] = {}
    for r in rows(name, lang=lang, folder=folder):
        if len(r) < 2:
            raise ValueError(f"data/{folder or 'lang/' + lang}/{name}: row {r!r} needs two tab-separated "
                             "columns")
        out[r[0]] = r[1]
    return out


@functools.cache
def grouped(name: str, *, lang: str = "en", folder: str | None = None) -> dict[str, str]:
    """word -> class for rows ``class<TAB>word word word`` (a word in two classes: the later one)."""
    out: dict[str, str] = {}
    for r in rows(name, lang=lang, folder=folder):
        if len(r) < 2:
            raise ValueError(f"data/{folder or 'lang/' + lang}/{name}: row {r!r} needs a class and its words")
        for w in r[1].split():
            out[w] = r[0]
    return out


@functools.cache
def classes(name: str, *, lang: str = "en", folder: str | None = None) -> dict[str, frozenset[str]]:
    """class -> its words, for a file whose rows are ``class<TAB>word word word``."""
    out: dict[str, set[str]] = {}
    for r in rows(name, lang=lang, folder=folder):
        if len(r) < 2:
            raise ValueError(f"data/{folder or 'lang/' + lang}/{name}: row {r!r} needs a class and its words")
        out.setdefault(r[0], set()).update(r[1].split())
    return {c: frozenset(ws) for c, ws in out.items()}
