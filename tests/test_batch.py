"""Batch extraction: inputs cut into stable shards, Parquet reports written whole, reruns skip finished
shards, and on a real two-CPU Ray cluster the same reports as one process."""
from __future__ import annotations

import json

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from sitrep import batch  # noqa: E402  (after the optional-dependency check)
from sitrep.errors import SitrepError  # noqa: E402
from sitrep.records import Article, EventMention, Report  # noqa: E402

# Texts written for these tests (invented towns and people).
STORIES = [
    "Two people were killed and five injured when a gunman opened fire at a bakery in Dorrow on Saturday, "
    "police said. The suspect, identified as Amos Kettridge, 41, was arrested at the scene.",
    "A fire at a textile warehouse in Pellingham killed three workers on Tuesday, the fire service said.",
    "Police in Vantley said a 19-year-old man was shot and wounded outside a petrol station late Friday.",
    "The town council of Marrowby approved a new budget for its libraries on Monday.",
    "At least 12 people died after a bus fell into a ravine near Oskarth on Sunday, officials said; "
    "20 passengers were taken to hospital.",
    "A car bomb exploded near a checkpoint in Tessaly on Wednesday, killing four soldiers, the army said.",
    "Farmers in Quillon protested against water prices on Thursday; no one was hurt.",
    "Three men were arrested in Brackwater on Saturday after a robbery at a jewellery shop, police said.",
]


def _rows(n: int) -> list[dict]:
    return [{"id": f"row{i}", "title": f"Report {i}", "text": STORIES[i % len(STORIES)] + f" (Item {i}.)",
             "published": f"2024-06-{1 + i % 27:02d}", "outlet": "Example Times"} for i in range(n)]


def _jsonl(tmp_path, n: int):
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in _rows(n)) + "\n", encoding="utf-8")
    return p


def _articles(path) -> list[Article]:
    return [i.article for i in batch.read_inputs([str(path)]) if i.article is not None]


def test_batch_shards_are_stable_and_ordered(tmp_path):
    arts = _articles(_jsonl(tmp_path, 10))
    one = list(batch.shard_articles(arts, 4))
    assert [len(s.articles) for s in one] == [4, 4, 2]
    assert [a.id for s in one for a in s.articles] == [a.id for a in arts]
    again = list(batch.shard_articles(_articles(tmp_path / "in.jsonl"), 4))
    assert [s.id for s in again] == [s.id for s in one]  # same input, same shards
    assert len({s.id for s in one}) == 3
    with pytest.raises(SitrepError, match="at least 1"):
        list(batch.shard_articles(arts, 0))


def test_batch_parquet_input_reads_as_jsonl(tmp_path):
    rows = _rows(5)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    from_parquet = _articles(tmp_path / "in.parquet")
    from_jsonl = _articles(_jsonl(tmp_path, 5))
    strip = [(a.id, a.title, a.published, a.outlet, a.external_ids) for a in from_jsonl]
    assert [(a.id, a.title, a.published, a.outlet, a.external_ids) for a in from_parquet] == strip


def test_batch_parquet_without_text_is_a_clear_error(tmp_path):
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "bad.parquet")
    (tmp_path / "junk.parquet").write_bytes(b"not parquet at all")
    inputs = [str(tmp_path / "bad.parquet"), str(tmp_path / "junk.parquet")]
    errs = [i.error for i in batch.read_inputs(inputs)]
    assert "no 'text' column" in str(errs[0]) and "bad.parquet" in str(errs[0])
    assert "not a readable Parquet file" in str(errs[1]) and "junk.parquet" in str(errs[1])


def test_batch_folder_of_files(tmp_path):
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(_rows(2)), tmp_path / "b.parquet")
    assert len(_articles(tmp_path)) == 3
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no readable files" in str(next(batch.read_inputs([str(empty)])).error)


def test_batch_shard_file_round_trip(tmp_path):
    arts = _articles(_jsonl(tmp_path, 3))
    reps = [Report(article_id=arts[0].id, relevant=True, kind="news",
                   mentions=[EventMention(id=f"{arts[0].id}#0", article_id=arts[0].id, main=True)]),
            Report(article_id=arts[1].id, relevant=False)]  # arts[2]: no report (not extracted)
    batch.write_shard(tmp_path / "out", "s1", arts, reps)
    assert batch.shards(tmp_path / "out") == ["s1"]
    [(got_arts, got_reps)] = list(batch.read_shards(tmp_path / "out"))
    assert got_arts == arts and got_reps == reps
    assert not list((tmp_path / "out" / "reports").glob(".*"))  # no temporary file left
    with pytest.raises(SitrepError, match="sitrep batch INPUT"):
        list(batch.read_shards(tmp_path / "nothing"))


def test_batch_rerun_skips_finished_shards(tmp_path, monkeypatch):
    """The skip logic alone: extraction is replaced by a recorder (the slow test below runs the real one)."""
    src = _jsonl(tmp_path, 10)
    calls: list[int] = []

    def fake(shard, options):
        calls.append(len(shard.articles))
        return [Report(article_id=a.id, relevant=False) for a in shard.articles]

    monkeypatch.setattr(batch, "_extract", fake)
    opts = batch.BatchOptions(shard_size=4, ray=False)
    first = batch.run_batch([str(src)], tmp_path / "out", options=opts)
    assert (first.shards, first.skipped, first.extracted, calls) == (3, 0, 10, [4, 4, 2])
    # A shard lost (an interrupted run): only it is redone.
    (tmp_path / "out" / "reports" / f"{batch.shards(tmp_path / 'out')[0]}.parquet").unlink()
    again = batch.run_batch([str(src)], tmp_path / "out", options=opts)
    assert (again.skipped, again.extracted) == (2, 4)
    assert calls == [4, 4, 2, 4]
    third = batch.run_batch([str(src)], tmp_path / "out", options=opts)
    assert (third.skipped, third.extracted, len(calls)) == (3, 0, 4)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert sum(s["articles"] for s in manifest["shards"]) == 10


def test_batch_store_batch_adds_articles_and_reports(tmp_path):
    from sitrep.store import Store

    arts = _articles(_jsonl(tmp_path, 3))
    reps = [Report(article_id=a.id, relevant=False) for a in arts[:2]]
    batch.write_shard(tmp_path / "out", "s1", arts, reps)
    with Store(":memory:") as s:
        want = sorted(a.id for a in arts[:2])
        assert sorted(batch.store_batch(s, tmp_path / "out")) == want
        assert sorted(batch.store_batch(s, tmp_path / "out")) == want  # again: nothing doubles
        assert s.count_articles() == 3 and sorted(r.article_id for r in s.reports()) == sorted(
            a.id for a in arts[:2])


@pytest.mark.slow
def test_batch_on_two_cpu_ray_cluster_equals_one_process(tmp_path):
    """A real local Ray cluster with two CPUs (two actors) gives exactly the single-process reports."""
    pytest.importorskip("ray")
    from sitrep.pipeline import extract_reports

    src = _jsonl(tmp_path, 24)
    summary = batch.run_batch([str(src)], tmp_path / "ray", options=batch.BatchOptions(shard_size=6, cpus=2))
    assert (summary.shards, summary.extracted) == (4, 24)
    got = {r.article_id: r.to_dict() for _a, reps in batch.read_shards(tmp_path / "ray") for r in reps}
    expected = {r.article_id: r.to_dict() for r in extract_reports(_articles(src))}
    assert got == expected
    assert sum(1 for r in got.values() if r["mentions"]) >= 4  # real extraction found incidents
    assert batch.run_batch([str(src)], tmp_path / "ray",
                           options=batch.BatchOptions(shard_size=6, cpus=2)).skipped == 4


def test_batch_link_command_stores_and_links(tmp_path):
    """`sitrep link DIR` on a batch folder: stored and linked into incidents; a second time, a no-op."""
    from typer.testing import CliRunner

    from linkstream import stream
    from sitrep.cli import app
    from sitrep.store import Store

    arts, reps = stream(120, seed=6)
    batch.write_shard(tmp_path / "out", "s1", arts[:60], reps[:60])
    batch.write_shard(tmp_path / "out", "s2", arts[60:], reps[60:])
    db = str(tmp_path / "l.duckdb")
    runner = CliRunner()
    first = runner.invoke(app, ["--db", db, "link", str(tmp_path / "out")])
    assert first.exit_code == 0, first.output
    with Store(db, read_only=True) as s:
        linked = {i.id: i.mention_ids for i in s.incidents(main_only=False, limit=None)}
        assert s.count_articles() == 120 and len(s.reports()) == 120
    assert linked and sum(len(m) for m in linked.values()) >= 120  # every main mention is in an incident
    again = runner.invoke(app, ["--db", db, "link", str(tmp_path / "out")])
    assert again.exit_code == 0, again.output
    with Store(db, read_only=True) as s:
        assert {i.id: i.mention_ids for i in s.incidents(main_only=False, limit=None)} == linked
