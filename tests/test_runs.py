"""Runs that stop half-way never wedge the store or lose work: extraction commits per chunk and
resumes, linking is redone by the next run, an article whose extraction raises is set aside, and
articles can be removed. (The spaCy extraction is replaced by ``fakeread``; the real linking runs.)
The same with a real ``sitrep ingest`` killed by SIGKILL is in test_crash.py (slow)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from fakeread import install, story
from sitrep import pipeline
from sitrep.errors import NotFound, StoreLocked
from sitrep.pipeline import Pipeline, PipelineOptions, readable
from sitrep.records import Article
from sitrep.store import FAILED, Store, locks, schema
from storestate import content

TOWNS = ["Velmora", "Ostrand", "Kessik", "Darnholt", "Brisca", "Tollund", "Marrow", "Quenby"]


def articles(n: int, offset: int = 0) -> list[Article]:
    out = []
    for i in range(offset, offset + n):
        town = TOWNS[i % len(TOWNS)]
        text = story(town, 2 + i % 7, f"2024-0{1 + i % 8}-{10 + i % 9}", extra=f"Report number {i}.")
        out.append(Article.from_text(text, title=f"Attack in {town}", published=f"2024-0{1 + i % 8}-20"))
    return out


def run(path, arts, options=None):
    with Store(path) as s:
        p = Pipeline(s, options=options or PipelineOptions(batch_size=2))
        p.ingest_articles(arts)
        return p.process()


@pytest.fixture
def reference(tmp_path, monkeypatch):
    """The content of a run nothing interrupted."""
    install(monkeypatch)
    path = tmp_path / "reference.duckdb"
    summary = run(path, articles(80))
    assert summary.extracted == 80 and summary.main_incidents > 3
    return content(path)


def test_runs_extraction_commits_per_chunk_and_resumes(tmp_path, monkeypatch, reference):
    arts = articles(80)
    seen = []

    class Killed(BaseException):  # like SIGKILL, nothing in the pipeline may catch it
        pass

    def crash_after_two_chunks(a):
        seen.append(a.id)
        return Killed() if len(seen) > 64 else None

    install(monkeypatch, fail_on=crash_after_two_chunks)
    path = tmp_path / "killed.duckdb"
    with pytest.raises(Killed):
        run(path, arts)
    with Store(path) as s:
        done = s.count_articles() - s.count_articles(unprocessed=True)
        assert done == 64  # two chunks of 32 were committed before the crash
        assert s.count_incidents(main_only=False) == 0
    calls = install(monkeypatch)
    summary = run(path, arts)
    assert summary.extracted == 16 and sum(calls) == 16  # only what was left
    assert content(path) == reference


def test_runs_interrupted_linking_is_redone_by_the_next_run(tmp_path, monkeypatch, reference):
    install(monkeypatch)
    path = tmp_path / "unlinked.duckdb"

    def killed(*a, **k):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(Store, "save_incidents", killed)
        with pytest.raises(KeyboardInterrupt):
            run(path, articles(80))
    with Store(path) as s:
        assert s.count_incidents(main_only=False) == 0 and s.link_needed()
        assert s.health()["unlinked_mentions"] == 80
    summary = run(path, [])  # nothing new: the run still sees the link that is owed
    assert summary.extracted == 0 and summary.linked
    assert content(path) == reference
    with Store(path) as s:
        assert not s.link_needed()
    assert not run(path, []).linked  # and only once


def test_runs_new_articles_linked_after_a_crash_join_the_stored_incidents(tmp_path, monkeypatch):
    install(monkeypatch)
    ref, crashed = tmp_path / "ref.duckdb", tmp_path / "crashed.duckdb"
    first, second = articles(40), articles(40, offset=40)
    for path in (ref, crashed):
        run(path, first)
    run(ref, second)
    with monkeypatch.context() as m:
        m.setattr(Store, "save_incidents", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):
            run(crashed, second)
    run(crashed, [])
    assert content(crashed) == content(ref)


def test_runs_an_article_whose_extraction_raises_is_set_aside(tmp_path, monkeypatch, caplog):
    arts = articles(10)
    bad = arts[3]
    install(monkeypatch, fail_on=lambda a: ValueError("[E088] Text of length 1123315 exceeds maximum")
            if a.id == bad.id else None)
    path = tmp_path / "failed.duckdb"
    summary = run(path, arts)
    assert summary.extracted == 10 and summary.failed == 1
    assert bad.id in caplog.text and "sitrep remove" in caplog.text
    assert "Traceback" not in caplog.text
    with Store(path) as s:
        assert s.get_report(bad.id).kind == FAILED
        assert s.health()["failed"] == [bad.id]
        assert bad.id not in {a for i in s.incidents(main_only=False, limit=None) for a in i.article_ids}
    # later runs go past it: a new article is extracted and linked, the failed one is not retried
    calls = install(monkeypatch, fail_on=lambda a: AssertionError("retried") if a.id == bad.id else None)
    summary = run(path, articles(1, offset=50))
    assert summary.extracted == 1 and sum(calls) == 1
    with Store(path) as s:
        assert s.forget_failures() == 1
    assert run(path, []).extracted == 1  # --retry-failed: tried again (and read this time)


def test_runs_a_worker_that_dies_does_not_lose_the_chunk(tmp_path, monkeypatch):
    install(monkeypatch)
    calls = []

    def dead(batch, batch_size):
        calls.append(len(batch))
        if len(batch) > 1:
            raise MemoryError
        return [pipeline.Report(batch[0].id, relevant=False)]

    monkeypatch.setattr(pipeline, "_extract_batch", dead)
    out = pipeline.extract_reports(articles(5), options=PipelineOptions(batch_size=2))
    assert [r.kind for r in out] == ["news"] * 5 and calls == [5, 1, 1, 1, 1, 1]


def test_runs_remove_articles_and_relink(tmp_path, monkeypatch):
    install(monkeypatch)
    path = tmp_path / "remove.duckdb"
    lone = Article.from_text(story("Zennor", 9, "2023-11-02"), title="Attack in Zennor",
                             published="2023-11-03")
    arts = [*articles(16), lone]
    run(path, arts)
    with Store(path) as s:
        before = s.incidents(main_only=False, limit=None)
        alone = next(i for i in before if len(i.article_ids) == 1)
        shared = next(i for i in before if len(i.article_ids) > 1)
        victim = shared.article_ids[0]
        with pytest.raises(NotFound, match="nothing was removed"):
            s.remove_articles([alone.article_ids[0], "no-such-article"])
        assert s.count_articles() == 17
        assert s.remove_articles([alone.article_ids[0], victim]) == [alone.article_ids[0], victim]
        assert s.count_articles() == 15 and s.link_needed()
        ids = {i.id for i in s.incidents(main_only=False, limit=None)}
        assert alone.id not in ids  # made only of a removed article: gone at once
        assert not s.reports(article_ids=[victim]) and not s.external_ids([victim])
    run(path, [])
    with Store(path) as s:
        after = {i.id: i for i in s.incidents(main_only=False, limit=None)}
        assert shared.id in after and victim not in after[shared.id].article_ids
        assert not s.link_needed()


def test_runs_a_file_from_before_the_bookkeeping_still_sees_unlinked_mentions(tmp_path, monkeypatch):
    """A version-1 file left half-linked by the old code (mentions in no incident) is relinked."""
    install(monkeypatch)
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        Pipeline(s).ingest_articles(articles(6))
        s.save_reports([fakeread_report(a) for a in articles(6)])
    con = duckdb.connect(str(path))
    since = next(i + 1 for i, m in enumerate(schema.MIGRATIONS) if "store_state" in m)
    con.execute("DROP TABLE store_state")
    for table in schema.LINK_TABLES:  # (and what later migrations made)
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM schema_migrations WHERE version >= ?", [since])
    con.close()
    with Store(path) as s:
        assert s.schema_version() == schema.VERSION
        assert s.link_needed()  # its generations start equal; its unlinked mentions tell
    assert run(path, []).linked


def fakeread_report(a):
    from fakeread import read

    return read(a)


def test_runs_readable_cuts_a_prefix_at_a_paragraph_break():
    text = "First paragraph here.\n\nSecond one, longer than the first.\n\nThird."
    assert readable(text, 1000) == text
    # the paragraph break is too early: a word break
    assert readable(text, 50) == "First paragraph here.\n\nSecond one, longer than"
    cut = readable(text, 60)
    assert cut == "First paragraph here.\n\nSecond one, longer than the first." and text.startswith(cut)
    assert readable("word " * 100, 52) == ("word " * 10).rstrip()  # no paragraph: a word break
    assert readable("x" * 100, 10) == "x" * 10


def test_runs_readable_chars_setting_within_spacy_limit(monkeypatch):
    class Stub:
        max_length = 1_000_000

    monkeypatch.setattr(pipeline.nlp, "load", lambda: Stub())
    assert pipeline.readable_chars() == 100_000
    monkeypatch.setenv("SITREP_MAX_CHARS", "5000000")
    assert pipeline.readable_chars() == 1_000_000
    monkeypatch.setenv("SITREP_MAX_CHARS", "3000")
    assert pipeline.readable_chars() == 3000


def test_runs_long_text_is_parsed_only_up_to_the_cap(monkeypatch):
    seen = []

    class Stub:
        max_length = 1_000_000

        def pipe(self, texts, batch_size):
            for t in texts:
                seen.append(t)
                if len(t) > self.max_length:
                    raise ValueError("[E088]")
                yield None

    monkeypatch.setattr(pipeline.nlp, "load", lambda: Stub())
    monkeypatch.setattr(pipeline, "extract", lambda doc, a, title_doc=None: pipeline.Report(a.id))
    para = "Gunmen killed 4 people in Velmora on Monday, police said."
    long = Article.from_text("\n\n".join([para] * 40_000))  # 2.4 million characters
    assert len(long.text) > 2_000_000
    pipeline._extract_batch([long], 8)
    assert len(seen) == 1 and 75_000 < len(seen[0]) <= 100_000 and long.text.startswith(seen[0])


# --- one relink at a time -----------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from sitrep.store import Store
    with Store(sys.argv[1]).linking():
        print("holding", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def _holder(path, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_runs_a_second_relink_waits_for_the_first_or_says_why_not(tmp_path):
    path = tmp_path / "two.duckdb"
    Store(path).close()
    proc = _holder(path, 1.5)
    try:
        start = time.monotonic()
        with pytest.raises(StoreLocked, match="another sitrep process is linking.*is kept.*sitrep check"):
            with locks.file_lock(f"{path}.link.lock", timeout=0.2):
                pass
        with Store(path).linking():  # waits, then gets it
            assert time.monotonic() - start > 1.2
    finally:
        proc.wait(timeout=30)


def test_runs_the_lock_dies_with_its_holder(tmp_path):
    path = tmp_path / "killed.duckdb"
    Store(path).close()
    proc = _holder(path, 60)
    proc.kill()
    proc.wait(timeout=30)
    with locks.file_lock(f"{path}.link.lock", timeout=2):
        pass
