"""The server's read snapshot answers exactly as the store does, and follows writes to the file."""
from __future__ import annotations

import itertools
import threading
import warnings

import pytest

import webfactory
from sitrep.api import create_app
from sitrep.errors import NotFound
from sitrep.store import Store
from sitrep.web import views
from sitrep.web.snapshot import Reads, Snapshot

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture()
def filed(tmp_path):
    store = Store(str(tmp_path / "web.duckdb"))
    ids = webfactory.build(store, extra=12)
    return store, ids


@pytest.mark.parametrize("most", [
    1, pytest.param(2, marks=pytest.mark.slow, id="pairs")])  # every pair of filters: ~20 s
def test_web_snapshot_filters_match_the_store(filed, most):
    store, _ids = filed
    snap = Snapshot.load(store)
    options = {
        "since": [None, "2022-01-10", "2024-05", "2024-06-01"],
        "until": [None, "2022-01-05", "2024-05-31", "2023"],
        "type": [None, "bombing", "PROTEST", "earthquake"],
        "country": [None, "pakistan", "PK", "Nowhere"],
        "min_killed": [None, 0, 3, 13],
        "q": [None, "riverside", "city hall", "number 1", "springfield", "zzz"],
    }
    checked = 0
    for main_only in (True, False):
        for combo in itertools.product(*options.values()):
            kw = {k: v for k, v in zip(options, combo, strict=True) if v is not None}
            if len(kw) > most:
                continue
            want = [i.id for i in store.incidents(**kw, main_only=main_only, limit=None)]
            assert [i.id for i in snap.incidents(**kw, main_only=main_only, limit=None)] == want, kw
            assert snap.count_incidents(**kw, main_only=main_only) == len(want)
            checked += 1
    assert checked > (100 if most == 2 else 30)
    page = [i.id for i in store.incidents(limit=5, offset=3)]
    assert [i.id for i in snap.incidents(limit=5, offset=3)] == page


def test_web_snapshot_lookups_match_the_store(filed):
    store, ids = filed
    snap = Snapshot.load(store)
    for aid in ids.values():
        if aid.startswith("a"):
            assert [i.id for i in snap.incidents_for_article(aid)] == [
                i.id for i in store.incidents_for_article(aid)]
    assert snap.get_incident("i-market") == store.get_incident("i-market")
    with pytest.raises(NotFound):
        snap.get_incident("i-extra")  # an ambiguous prefix
    with pytest.raises(NotFound):
        snap.get_incident("nothing-like-it")
    assert views.detail_view(snap, "i-market") == views.detail_view(store, "i-market")
    assert views.article_view(snap, ids["market"]) == views.article_view(store, ids["market"])


def test_web_snapshot_is_rebuilt_when_the_file_changes(filed):
    store, _ids = filed
    reads = Reads(store, threading.RLock())
    first = reads.current()
    assert isinstance(first, Snapshot) and reads.current() is first
    store.save_incidents([webfactory.Incident(id="i-new", date="2025-01-01", title="Brand new")])
    second = reads.current()
    assert second is not first and second.get_incident("i-new").title == "Brand new"


def test_web_pages_of_a_file_store_follow_an_ingest(filed):
    store, _ids = filed
    app = create_app(store.path, store=store, token="t0ken", pipeline_factory=webfactory.FakePipeline)
    with TestClient(app) as client:
        assert client.get("/incidents.json").json()["total"] == 14
        r = client.post("/api/v1/articles?wait=20", json={"text": "Ten people were hurt in a crash."},
                        headers={"Authorization": "Bearer t0ken"})
        aid = r.json()["results"][0]["article_id"]
        assert client.get(f"/articles/{aid}.json").json()["article"]["id"] == aid
        assert client.get(f"/api/v1/articles/{aid}").json()["report"]["relevant"] is False


def test_web_snapshot_stays_readable_while_a_job_holds_the_lock(filed):
    store, _ids = filed
    lock = threading.RLock()
    reads = Reads(store, lock)
    first = reads.current()
    store.save_incidents([webfactory.Incident(id="i-late", date="2025-02-02", title="Late")])
    held, release = threading.Event(), threading.Event()

    def job():
        with lock:
            held.set()
            release.wait(10)

    t = threading.Thread(target=job)
    t.start()
    held.wait(5)
    try:
        assert reads.current() is first  # stale but immediate
    finally:
        release.set()
        t.join()
    assert reads.current().get_incident("i-late").title == "Late"


def test_web_list_suggests_types_and_countries_from_the_snapshot(filed):
    store, _ids = filed
    d = views.list_view(Snapshot.load(store), views.Filters())
    assert d["facets"]["types"][0] == "protest"  # the most frequent first
    assert set(d["facets"]["types"]) == {"protest", "bombing", "armed assault"}
    assert d["facets"]["countries"] == ["Pakistan"]
    app = create_app(store.path, store=store)
    with TestClient(app) as client:
        assert '<option value="Pakistan">' in client.get("/incidents").text
