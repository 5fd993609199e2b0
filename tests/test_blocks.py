"""Incremental linking: a batch reads only its block, rewrites only its incidents, and agrees with a full
relink (generated streams of reports, tests/linkstream.py; no model needed)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from linkstream import CITED, stream
from sitrep.blocks import _ref_reports, block_of
from sitrep.evaluate.metrics import bcubed
from sitrep.link import LinkOptions, LinkStats
from sitrep.pipeline import Pipeline, link_incidents
from sitrep.records import Article
from sitrep.store import Store


def _feed(store, arts, reps) -> None:
    store.add_articles(arts)
    store.save_reports(reps)


def _incidents(store) -> dict[str, dict]:
    return {i.id: i.to_dict() for i in store.incidents(main_only=False, limit=None)}


def run_both(n: int, batch: int, *, seed: int = 3, stores=None, cited: float = 0.0, before_last=None):
    """One stream into two stores: linked incrementally batch by batch, and by a full relink each time.
    ``before_last(store, articles, reports)``: called with the incremental store and the last batch, stored
    but not linked yet."""
    arts, reps = stream(n, seed=seed, cited=cited)
    inc, full = stores or (Store(":memory:"), Store(":memory:"))
    for lo in range(0, n, batch):
        a, r = arts[lo:lo + batch], reps[lo:lo + batch]
        for s in (inc, full):
            _feed(s, a, r)
        if before_last and lo + batch >= n:
            before_last(inc, a, r)
        Pipeline(inc).link([x.article_id for x in r])
        Pipeline(full).relink()
    return inc, full


def test_blocks_block_reads_nearby_dates_and_whole_incidents():
    arts, reps = stream(900, seed=5)  # about 60 days of news
    with Store(":memory:") as s:
        _feed(s, arts[:880], reps[:880])
        Pipeline(s).relink()
        new_a, new_r = arts[880:], reps[880:]
        _feed(s, new_a, new_r)
        block = block_of(s, new_r, {a.id: a for a in new_a})
        assert {a.id for a in new_a} <= block.article_ids
        assert 20 < len(block.main_articles) < 450  # the last weeks, not the whole store
        incidents = s.incidents(main_only=False, limit=None)
        # Every stored main incident holding a block article is in the block, with all its articles.
        for inc in incidents:
            if inc.main and set(inc.article_ids) & block.main_articles:
                assert inc.id in block.incident_ids and set(inc.article_ids) <= block.main_articles
        # An article two months older than the batch is in it only through an incident it shares.
        first_new = min(a.published for a in new_a)
        old = {a.id for a in arts[:880] if a.published < "2024-01-20"}
        assert first_new > "2024-02-20" and old
        pulled = {x for i in incidents if i.id in block.incident_ids for x in i.article_ids}
        assert not (old & block.main_articles) - pulled


def agreement(inc, full) -> tuple[float, float]:
    """B-cubed F1 of the incremental partition of mentions against the full relink's, and the share
    of incidents identical in every field."""
    got, want = _incidents(inc), _incidents(full)
    f1 = bcubed([d["mention_ids"] for d in want.values()], [d["mention_ids"] for d in got.values()])["b3_f1"]
    same = sum(1 for k, d in want.items() if got.get(k) == d) / max(len(want), 1)
    return f1, same


def test_blocks_incremental_agrees_with_full_relink_small():
    inc, full = run_both(300, 60)
    f1, same = agreement(inc, full)
    # Equal: both link with the store's word and line counts (link.stats), not the block's own.
    assert f1 == 1.0 and same == 1.0, (f1, same)
    assert sum(1 for d in _incidents(full).values() if len(d["mention_ids"]) > 1) > 20  # real merges


def _cited(store) -> list[str]:
    """The mention ids of the largest referenced incident (the much-cited past event)."""
    refs = [i for i in store.incidents(main_only=False, limit=None) if not i.main]
    return max(refs, key=lambda i: len(i.mention_ids)).mention_ids


def test_blocks_much_cited_incident_is_read_through_its_first_members():
    k = LinkOptions().ref_members
    seen = {}

    def look(store, arts, reps):
        members = _cited(store)
        seen["stored"] = len(members)
        block = block_of(store, reps, {a.id: a for a in arts})
        firsts = {m.rpartition("#")[0] for m in sorted(members)[:k]}
        stored_read = {m.rpartition("#")[0] for m in members} & block.ref_articles
        seen["read"], seen["firsts"] = len(stored_read), stored_read == firsts
        seen["cites"] = sum(1 for r in reps if any(m.place and m.place.city == CITED[0] and m.date == CITED[1]
                                                   for m in r.mentions if not m.main))

    # 400 articles, 3 in 10 naming one past event: a referenced incident of about 100 members
    inc, full = run_both(400, 100, seed=4, cited=0.3, before_last=look)
    assert seen["stored"] > 2 * k and seen["cites"] > 10
    # the block reads the stored incident through its first k members, not all of them ...
    assert seen["read"] == k and seen["firsts"], seen
    # ... and links as a full relink does: every new citation joins it, in both stores
    assert len(_cited(full)) == len(_cited(inc)) > seen["stored"] + 10
    assert agreement(inc, full) == (1.0, 1.0)


def test_link_riders_take_no_part():
    """A stored referenced incident past ``ref_members`` links through its first members only: the
    others' reports change nothing, passed in (a full relink) or not (a block)."""
    arts, reps = stream(200, seed=4, cited=0.3)
    articles = {a.id: a for a in arts}
    opts = LinkOptions(ref_members=5, stories=False)  # as a block links references
    stats = LinkStats.of_articles(arts)
    refs = [replace(r, mentions=[m for m in r.mentions if not m.main]) for r in reps]
    refs = [r for r in refs if r.mentions]
    first = link_incidents(refs[:-10], articles, options=opts, stats=stats)
    big = max(first, key=lambda i: len(i.mention_ids))
    assert not big.main and len(big.mention_ids) > 15
    riding = set(sorted(big.mention_ids)[5:])
    full = link_incidents(refs, articles, existing=first, options=opts, stats=stats)
    part = link_incidents([r for r in refs if {m.id for m in r.mentions} - riding], articles,
                          existing=first, options=opts, stats=stats)
    assert [i.to_dict() for i in full] == [i.to_dict() for i in part]
    after = next(i for i in full if i.id == big.id)
    assert set(big.mention_ids) < set(after.mention_ids)  # the riders stayed, new citations joined
    assert set(big.article_ids) < set(after.article_ids)


def test_blocks_locks_come_from_the_main_part():
    """``relink_block`` takes its locks from a block read without its reference part (read once,
    under the locks): the keys are the whole block's."""
    arts, reps = stream(600, seed=6, cited=0.3)
    with Store(":memory:") as s:
        _feed(s, arts[:550], reps[:550])
        Pipeline(s).relink()
        new_a, new_r = arts[550:], reps[550:]
        _feed(s, new_a, new_r)
        whole = block_of(s, new_r, {a.id: a for a in new_a})
        main = block_of(s, new_r, {a.id: a for a in new_a}, refs=False)
    assert whole.places and len(whole.ref_articles) > 20  # the batch cites past events
    assert main.keys() == whole.keys()
    assert main.main_articles == whole.main_articles and not main.ref_articles


def test_blocks_article_read_for_its_references_alone():
    """An article a block reads only for its references comes with its referenced mentions alone."""
    arts, reps = stream(200, seed=4, cited=0.3)
    with Store(":memory:") as s:
        _feed(s, arts, reps)
        cited = [r for r in reps if any(not m.main for m in r.mentions)][:5]
        got = {r.article_id: r for r in _ref_reports(s, [r.article_id for r in cited])}
    assert len(got) == len(cited)
    for r in cited:
        assert got[r.article_id] == replace(r, mentions=[m for m in r.mentions if not m.main])


def test_link_stats_count_the_words_of_reference_spans():
    """The counts a block links with hold every word of a reference's span, also past the
    ``text_chars`` of its article's document (a full relink, with all the counts, has them too)."""
    chars = LinkOptions().text_chars
    far = "Filler words about the weather. " * (chars // 30 + 10)
    span = "It recalled the Zarquonville siege of 1987."
    long_art = Article.from_text(far + span, title="A long report")
    short_art = Article.from_text(f"Residents of Zarquonville met on Monday. {span}", title="Meeting")
    with Store(":memory:") as s:
        s.add_articles([long_art, short_art])
        assert "zarquonville" not in s.link_stats([long_art]).words
        stats = s.link_stats([long_art], texts=[long_art.text[len(far):]])
        assert stats.words["zarquonville"] == 1  # the short article's document holds it
        assert stats.words == {**s.link_stats([long_art]).words, **stats.words}


def test_blocks_incidents_outside_the_block_are_not_rewritten():
    arts, reps = stream(900, seed=8)
    with Store(":memory:") as s:
        _feed(s, arts[:850], reps[:850])
        Pipeline(s).relink()
        with s._connect() as con:
            con.execute("UPDATE incidents SET updated_at = 'before'")
        before = _incidents(s)
        _feed(s, arts[850:], reps[850:])
        block = block_of(s, reps[850:], {a.id: a for a in arts[850:]})
        Pipeline(s).link([r.article_id for r in reps[850:]])
        after = _incidents(s)
        with s._connect() as con:
            stamps = dict(con.execute("SELECT id, updated_at FROM incidents").fetchall())
    outside = [k for k in before if k not in block.incident_ids]
    assert len(outside) > len(before) / 2
    assert all(after[k] == before[k] and stamps[k] == "before" for k in outside)
    assert set(after) - set(before)  # the batch made incidents of its own


def test_blocks_save_incidents_drop_in_one_write():
    arts, reps = stream(40, seed=2)
    with Store(":memory:") as s:
        _feed(s, arts, reps)
        Pipeline(s).relink()
        before = s.incidents(main_only=False, limit=None)
        keep, gone = before[0], before[1]
        keep.title = "renamed"
        s.save_incidents([keep], drop=[gone.id])
        after = {i.id: i for i in s.incidents(main_only=False, limit=None)}
        assert gone.id not in after and after[keep.id].title == "renamed"
        assert len(after) == len(before) - 1


@pytest.mark.slow
def test_blocks_incremental_agrees_with_full_relink_few_thousand():
    inc, full = run_both(3000, 250, seed=11)
    f1, same = agreement(inc, full)
    # Measured 0.9986 and 99.5% (2026-12-02; 0.840 and 74% when a block used its own word
    # statistics): not equal, since a change of the store's counts re-weighs pairs outside the
    # block too, which only a full relink sees (BENCHMARKS.md, incremental linking).
    assert f1 >= 0.998 and same >= 0.99, (f1, same)
