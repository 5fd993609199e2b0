"""Text as linking and copy detection read it: function words, and the lines a site repeats.

Both must ignore what every page of a site carries (sign-in forms, a wire's standard footer, "Your
notification has been saved."): it says nothing about which event a page tells, and it made pages
of one outlet look alike (or like copies of each other) whatever they told.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources


@cache
def stop_words() -> frozenset[str]:
    """Function words that say nothing about which event a text tells (``data/link/stopwords.txt``)."""
    text = resources.files("sitrep").joinpath("data/link/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_LINE_SPACE = re.compile(r"\s+")
#: Shorter lines are never furniture.
MIN_LINE = 15


def line_key(line: str) -> str | None:
    """A line's key for counting (spaces and case folded, hashed short); None for a short line."""
    k = _LINE_SPACE.sub(" ", line).strip().lower()
    return hashlib.blake2b(k.encode(), digest_size=8).hexdigest() if len(k) >= MIN_LINE else None


def drop_shared_lines(texts: Sequence[str], min_df: int,
                      line_df: Mapping[str, int] | None = None) -> list[str]:
    """Texts without the lines (but the first: the title) that ``min_df`` or more texts share.

    Archived pages carry their site's furniture ("Your notification has been saved.", sign-in
    forms) and it outweighs a short story: two pages of one site looked alike whatever they told.
    ``line_df``: how many documents of the whole corpus hold each line (``LinkStats.lines``), where
    known; other lines are counted in ``texts``.
    """
    if min_df <= 1:
        return list(texts)
    split = [t.split("\n") for t in texts]
    keys = [[line_key(line) for line in lines] for lines in split]
    df = Counter(k for ks in keys for k in set(ks[1:]) if k)
    if line_df:
        for k in df:
            df[k] = line_df.get(k, df[k])
    if not df or max(df.values()) < min_df:
        return list(texts)
    return ["\n".join(line for n, (line, k) in enumerate(zip(lines, ks, strict=True))
                      if n == 0 or k is None or df.get(k, 0) < min_df)
            for lines, ks in zip(split, keys, strict=True)]
