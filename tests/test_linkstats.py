"""The store's link statistics, on each back-end: the counts of every stored article, kept on ingest
and removal, and counted for a file from before them (migration 4)."""
from __future__ import annotations

import duckdb

from linkstream import stream
from sitrep.link.stats import RARE_DF, LinkStats, doc_terms
from sitrep.store import Store, schema


def test_linkstats_store_counts_equal_the_articles_own(any_store):
    arts, _reps = stream(200, seed=4)
    s = any_store
    s.add_articles(arts[:120])
    s.add_articles(arts[100:])  # an overlap: stored once, counted once
    assert s.link_stats() == LinkStats.of_articles(arts)
    s.remove_articles([arts[0].id])
    assert s.link_stats() == LinkStats.of_articles(arts[1:])
    sub = s.link_stats(arts[5:7])
    assert sub.documents == 199 and set(sub.words) == set().union(*(doc_terms(a)[0] for a in arts[5:7]))


def test_linkstats_rare_neighbours_share_a_rare_word(any_store):
    arts, _reps = stream(300, seed=6)
    s = any_store
    s.add_articles(arts)
    stats = s.link_stats()
    a = arts[10]
    words = doc_terms(a)[0]
    want = {b.id for b in arts if any(stats.words[w] <= RARE_DF for w in words & doc_terms(b)[0])}
    assert s.rare_neighbours([a.id]) == want and a.id in want


def test_linkstats_migration_counts_a_file_from_before(tmp_path):
    arts, _reps = stream(60, seed=1)
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.add_articles(arts)
    con = duckdb.connect(str(path))
    for table in schema.LINK_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM store_state WHERE key = 'link_documents'")
    con.execute("DELETE FROM schema_migrations WHERE version >= 4")
    con.close()
    with Store(path) as s:
        assert s.schema_version() == schema.VERSION
        assert s.link_stats() == LinkStats.of_articles(arts)


def _postings(store: Store) -> list[tuple[str, str]]:
    with store._connect() as con:
        return sorted(tuple(r) for r in con.execute("SELECT word, article_id FROM link_postings").fetchall())


def test_linkstats_removal_gives_back_the_postings_of_words_rare_again(any_store):
    arts, _reps = stream(300, seed=6)
    s = any_store
    s.add_articles(arts)
    stats = s.link_stats()
    # An article holding a word one past rare: removing it makes the word rare again.
    word, victim = next((w, a) for a in arts for w in sorted(doc_terms(a)[0])
                        if stats.words[w] == RARE_DF + 1)
    assert not any(w == word for w, _a in _postings(s))
    s.remove_articles([victim.id])
    rest = [a for a in arts if a.id != victim.id]
    with Store(":memory:") as fresh:
        fresh.add_articles(rest)
        assert _postings(s) == _postings(fresh)
    held = {a for w, a in _postings(s) if w == word}
    assert len(held) == RARE_DF and victim.id not in held
    assert s.rare_neighbours([next(iter(held))]) >= held
