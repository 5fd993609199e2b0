"""The store's link statistics: word and line counts over every stored article (``sitrep.link.stats``).

Kept up to date in the transaction that stores (or removes) articles, on both back-ends (the SQL
runs on DuckDB and Postgres; ``insert`` is the back-end's bulk insert):

- ``link_words`` (word, df) and ``link_lines`` (line key, df): how many stored articles hold each;
- ``link_postings`` (word, article_id): which articles hold a word, for words held by at most
  ``RARE_DF`` articles; a word past that has its postings dropped (counts only grow with new
  articles, so it never becomes rare again);
- ``store_state.link_documents``: how many articles are counted.

Removing an article counts it out again; a word it takes back under ``RARE_DF`` gets its postings
back from the articles still stored (``repost``: a scan of those whose title or text start holds the
word), so a store's postings are always those a store built from its articles alone would hold.
Migration 4 counts the articles stored before it (``backfill``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from sitrep.link.options import LinkOptions
from sitrep.link.stats import RARE_DF, LinkStats, doc_terms, line_key, words_of
from sitrep.records import Article

_IN = "(SELECT unnest(?::VARCHAR[]))"
_CHUNK = 2000

Insert = Callable[..., None]


def _terms(title: str | None, text: str | None) -> tuple[set[str], set[str]]:
    return doc_terms(Article(id="", text=text or "", title=title), LinkOptions().text_chars)


def _update(con, insert: Insert, table: str, key: str, counts: Counter[str],
            sign: int) -> dict[str, tuple[int, int]]:
    """Add ``sign`` x counts to ``table``'s df; returns key -> (df before, df after)."""
    keys = sorted(counts)
    if not keys:
        return {}
    old = dict(con.execute(f"SELECT {key}, df FROM {table} WHERE {key} IN " + _IN, [keys]).fetchall())
    out = {k: (int(old.get(k, 0)), int(old.get(k, 0)) + sign * c) for k, c in counts.items()}
    if old:
        con.execute(f"DELETE FROM {table} WHERE {key} IN " + _IN, [sorted(old)])
    insert(con, table, [(k, after) for k, (_b, after) in sorted(out.items()) if after > 0])
    return out


def count(con, insert: Insert, articles: Sequence[tuple[str, str | None, str | None]],
          sign: int = 1) -> set[str]:
    """Count (``sign`` 1) or count out (-1) these (id, title, text) articles. Returns the words a
    count-out took back to at most ``RARE_DF`` articles, whose postings were dropped (``repost``)."""
    back: set[str] = set()
    for lo in range(0, len(articles), _CHUNK):
        part = articles[lo:lo + _CHUNK]
        terms = [(aid, *_terms(title, text)) for aid, title, text in part]
        words: Counter[str] = Counter(w for _a, ws, _l in terms for w in ws)
        lines: Counter[str] = Counter(k for _a, _w, ls in terms for k in ls)
        df = _update(con, insert, "link_words", "word", words, sign)
        _update(con, insert, "link_lines", "line", lines, sign)
        if sign > 0:
            insert(con, "link_postings", [(w, aid) for aid, ws, _l in terms for w in sorted(ws)
                                          if df[w][1] <= RARE_DF])
            gone = sorted(w for w, (before, after) in df.items() if after > RARE_DF >= before > 0)
            if gone:
                con.execute("DELETE FROM link_postings WHERE word IN " + _IN, [gone])
        else:
            con.execute("DELETE FROM link_postings WHERE article_id IN " + _IN, [[a for a, _t, _x in part]])
            back |= {w for w, (before, after) in df.items() if before > RARE_DF >= after > 0}
        con.execute("UPDATE store_state SET value = value + ? WHERE key = 'link_documents'",
                    [sign * len(part)])
    return back


#: An article's lower-cased title and text start hold a string (the text's first ``?`` characters).
_HOLDS = "strpos(lower(coalesce(title, '') || ' ' || substr(coalesce(text, ''), 1, ?)), ?) > 0"


def repost(con, insert: Insert, words: set[str]) -> None:
    """Post again the stored articles holding these words (back to at most ``RARE_DF`` articles after
    a removal). The SQL keeps the articles whose lower-cased title or text start holds one of them as
    a substring; ``doc_terms`` then says which hold it as a word."""
    chars = LinkOptions().text_chars
    ordered = sorted(words)
    for lo in range(0, len(ordered), 50):
        part = ordered[lo:lo + 50]
        test = " OR ".join([_HOLDS] * len(part))
        rows = con.execute("SELECT id, title, text FROM articles WHERE " + test + " ORDER BY id",
                           [v for w in part for v in (chars, w)]).fetchall()
        wanted = set(part)
        insert(con, "link_postings", [(w, aid) for aid, title, text in rows
                                      for w in sorted(_terms(title, text)[0] & wanted)])


def backfill(con, insert: Insert) -> None:
    """Count every stored article (migration 4: a store from before the link statistics)."""
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    for lo in range(0, len(ids), _CHUNK):
        count(con, insert, con.execute("SELECT id, title, text FROM articles WHERE id IN " + _IN
                                       + " ORDER BY id", [ids[lo:lo + _CHUNK]]).fetchall())


def stats(con, articles: Sequence[Article] | None, texts: Sequence[str] = ()) -> LinkStats:
    """The stored counts: all, or those of these articles' words and lines and of these ``texts``
    (a node's text as linking reads it: a referenced mention's span; its lines after the first)."""
    row = con.execute("SELECT value FROM store_state WHERE key = 'link_documents'").fetchone()
    n = int(row[0]) if row else 0
    if articles is None:
        return LinkStats(n, dict(con.execute("SELECT word, df FROM link_words").fetchall()),
                         dict(con.execute("SELECT line, df FROM link_lines").fetchall()))
    words: set[str] = set()
    lines: set[str] = set()
    for a in articles:
        w, ln = doc_terms(a)
        words |= w
        lines |= ln
    for t in texts:
        words.update(w.lower() for w in words_of(t))
        lines.update(k for line in t.split("\n")[1:] if (k := line_key(line)))
    return LinkStats(
        n, dict(con.execute("SELECT word, df FROM link_words WHERE word IN " + _IN,
                            [sorted(words)]).fetchall()),
        dict(con.execute("SELECT line, df FROM link_lines WHERE line IN " + _IN, [sorted(lines)]).fetchall()))


def neighbours(con, article_ids: list[str]) -> set[str]:
    """Articles sharing a posted (rare) word with one of these."""
    if not article_ids:
        return set()
    return {r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM link_postings WHERE word IN "
        "(SELECT word FROM link_postings WHERE article_id IN " + _IN + ")", [article_ids]).fetchall()}
