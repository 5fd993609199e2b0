"""Incremental linking: a batch reads only its block, rewrites only its incidents, and agrees with a full
relink (generated streams of reports, tests/linkstream.py; no model needed)."""
from __future__ import annotations

import pytest

from linkstream import stream
from sitrep.blocks import block_of
from sitrep.evaluate.metrics import bcubed
from sitrep.pipeline import Pipeline
from sitrep.store import Store


def _feed(store, arts, reps) -> None:
    store.add_articles(arts)
    store.save_reports(reps)


def _incidents(store) -> dict[str, dict]:
    return {i.id: i.to_dict() for i in store.incidents(main_only=False, limit=None)}


def run_both(n: int, batch: int, *, seed: int = 3, stores=None):
    """One stream into two stores: linked incrementally batch by batch, and by a full relink each time."""
    arts, reps = stream(n, seed=seed)
    inc, full = stores or (Store(":memory:"), Store(":memory:"))
    for lo in range(0, n, batch):
        a, r = arts[lo:lo + batch], reps[lo:lo + batch]
        for s in (inc, full):
            _feed(s, a, r)
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
