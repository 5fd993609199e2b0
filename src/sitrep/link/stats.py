"""Corpus statistics linking weighs words and lines by: taken from a store, not from one block.

Linking's word weights (IDF: how many documents hold a word, out of how many), its rare words (a
word in at most ``rare_df`` documents pairs mentions across any dates: a follow-up months later),
its cap for undated mentions and its boilerplate lines (a line in ``boilerplate_df`` documents is
site furniture) all depend on the corpus. Computed from the reports one ``link`` call is given,
they made an incremental block (a sample of the store) link differently from a full relink. So
``link(..., stats=)`` takes them as input:

- a **document** is an article: its title and the first ``text_chars`` of its text, as linking
  reads a main mention (``doc_terms``);
- ``documents``: how many articles; ``words``: word -> articles holding it (the words linking's
  term vectors keep); ``lines``: line key (a short hash of the line, spaces and case folded) ->
  articles holding it, for lines of 15 characters or more after the title;
- the store keeps these as counts that only grow with each article stored (``Store.link_stats``),
  with the *postings* (word -> articles) of words in at most ``RARE_DF`` articles, so a block can
  fetch the stored articles a new one shares a rare word with (``Store.rare_neighbours``).

A ``LinkStats`` may hold only the words and lines of the articles being linked (a store answers for
those); a word or line it lacks is counted in the texts being linked instead.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.link.options import LinkOptions
from sitrep.link.text import line_key, stop_words
from sitrep.records import Article

__all__ = ["RARE_DF", "LinkStats", "doc_terms", "line_key", "words_of"]

#: Words in at most this many stored articles keep their postings (``LinkOptions.rare_df``).
RARE_DF = LinkOptions().rare_df
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)?")


def words_of(text: str) -> list[str]:
    """The tokens linking's term vectors count (function words and short words left out)."""
    stop = stop_words()
    return [tok for tok in _TOKEN.findall(text)
            if (low := tok.lower()) not in stop and (len(low) >= 3 or low.isdigit())]


def doc_text(article: Article, text_chars: int) -> str:
    """An article as linking reads its main mention: title, then the start of its text."""
    return (article.title or "") + "\n" + (article.text or "")[:text_chars]


def doc_terms(article: Article, text_chars: int = LinkOptions().text_chars) -> tuple[set[str], set[str]]:
    """(words, line keys) of one article's document (module doc)."""
    text = doc_text(article, text_chars)
    lines = {k for line in text.split("\n")[1:] if (k := line_key(line))}
    return {w.lower() for w in words_of(text)}, lines


@dataclass(slots=True)
class LinkStats:
    """Document frequencies of words and lines over ``documents`` articles (module doc)."""

    documents: int = 0
    words: dict[str, int] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of_articles(cls, articles: Iterable[Article],
                    text_chars: int = LinkOptions().text_chars) -> LinkStats:
        """The statistics of these articles alone (what a store holding just them would give)."""
        words: Counter[str] = Counter()
        lines: Counter[str] = Counter()
        n = 0
        for a in {a.id: a for a in articles}.values():
            w, ln = doc_terms(a, text_chars)
            words.update(w)
            lines.update(ln)
            n += 1
        return cls(n, dict(words), dict(lines))
