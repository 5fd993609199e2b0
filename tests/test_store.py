"""The store: schema, round trips, idempotent ingestion, transactions, queries.

Tests taking the ``store`` fixture run on every back-end (DuckDB, and Postgres when a test server is
there: ``conftest.any_store``); the others are about DuckDB files.
"""
from __future__ import annotations

import duckdb
import pytest

from sitrep.errors import NotFound, SchemaError, StoreError
from sitrep.records import (
    Actor,
    Article,
    EventMention,
    EventType,
    Figure,
    Incident,
    Place,
    Reconciled,
    Report,
    Source,
)
from sitrep.store import Added, Store, default_db_path, schema

TEXT_A = "Gunmen opened fire at a concert hall on Friday, killing at least 60 people, officials said."
TEXT_B = "A car bomb exploded near a market in the city centre on Monday; 12 people were wounded."
TEXT_C = "Protesters gathered outside parliament on Tuesday. Police arrested 30 people."


def article(text: str, **kw) -> Article:
    return Article.from_text(text, title=kw.pop("title", text[:30]), published="2024-03-23", **kw)


def report(a: Article, *, killed: int = 60, place: str = "Springfield",
           main_date: str = "2024-03-22") -> Report:
    fig = Figure(category="killed", low=killed, high=killed, text=f"at least {killed}", start=40, end=52,
                 sentence=a.text, qualifier="at least", attribution="officials", attribution_kind="authority",
                 article_id=a.id, published="2024-03-23")
    m1 = EventMention(id=f"{a.id}#0", article_id=a.id, main=True,
                      type=EventType(label="armed assault", acled_event_type="Violence against civilians",
                                     acled_sub_event_type="Attack", gtd_attack_type="Armed Assault"),
                      date=main_date, date_precision="day", date_text="Friday",
                      place=Place(text=place, city=place, admin1="North", country="Freedonia",
                                  country_code="FD", lat=10.5, lon=20.25, precision="city"),
                      actors=[Actor(role="perpetrator", name="gunmen")], figures=[fig], start=0,
                      end=len(a.text), summary=a.text, totals={"killed": killed})
    m2 = EventMention(id=f"{a.id}#1", article_id=a.id, main=False, date="2004", date_precision="year")
    return Report(article_id=a.id, kind="news", paraphrase_score=0.1, paraphrase_evidence=["rare words"],
                  mentions=[m1, m2], published="2024-03-23")


def incident(iid: str, arts: list[Article], *, killed: int | None = 60, date: str | None = "2024-03-22",
             country: str = "Freedonia", city: str = "Springfield", label: str = "armed assault",
             main: bool = True, title: str = "Concert hall attack") -> Incident:
    figures = {}
    if killed is not None:
        claim = Figure(category="killed", low=killed, high=killed, text=str(killed), start=0, end=2,
                       article_id=arts[0].id)
        figures["killed"] = Reconciled(category="killed", low=killed - 1, best=killed, high=killed + 5,
                                       qualifier="at least", rule="max of authority claims", claims=[claim],
                                       history=[{"time": "2024-03-23", "article_id": arts[0].id,
                                                 "value": killed}])
    sources = [Source(article_id=arts[0].id)]
    sources += [Source(article_id=a.id, relation="copy-of", of_article=arts[0].id, score=0.9,
                       evidence=["same"]) for a in arts[1:]]
    return Incident(
        id=iid, mention_ids=[f"{a.id}#0" for a in arts], main=main,
        type=EventType(label=label, acled_event_type="Violence against civilians",
                       acled_sub_event_type="Attack", gtd_attack_type="Armed Assault/Bombing"),
        date=date, date_precision="day",
        place=Place(city=city, admin1="North", country=country, country_code="FD", lat=1.5, lon=2.5,
                    precision="city"),
        actors=[Actor(role="perpetrator", name="Group X"),
                Actor(role="claimed_by", name="Group X", how="statement")],
        figures=figures, sources=sources, title=title)


@pytest.fixture
def store(any_store):
    return any_store


@pytest.fixture
def filled(store):
    a, b, c = article(TEXT_A, external_ids=["feed-1"]), article(TEXT_B), article(TEXT_C, language="fr")
    store.add_articles([a, b, c])
    store.save_reports([report(a), report(b, killed=3)])
    store.save_incidents([
        incident("inc00001aaaa", [a], killed=60, date="2024-03-22", title="Concert hall attack"),
        incident("inc00002bbbb", [b], killed=3, date="2023-05", country="Sylvania", city="Ogdenville",
                 label="bombing", title="Market bombing"),
        incident("inc00003cccc", [a], killed=None, date="2004", main=False, title="School siege"),
    ])
    return store, (a, b, c)


# --- schema, paths ----------------------------------------------------------------------------

def test_store_default_path_env_and_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("SITREP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "sitrep" / "sitrep.duckdb"


def test_store_uses_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "sub" / "env.duckdb"))
    with Store() as s:
        assert s.path == str(tmp_path / "sub" / "env.duckdb")
    assert (tmp_path / "sub" / "env.duckdb").exists()


def test_store_migrations_record_version(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s.schema_version() == schema.VERSION
    con = duckdb.connect(str(path))
    versions = con.execute("SELECT version, applied_at FROM schema_migrations ORDER BY version").fetchall()
    con.close()
    assert [v for v, _ in versions] == list(range(1, schema.VERSION + 1))
    assert all(at for _, at in versions)
    with Store(path) as s:  # reopening applies nothing twice
        assert s.schema_version() == schema.VERSION


def test_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (?, 'later')", [schema.VERSION + 1])
    con.close()
    with pytest.raises(SchemaError, match="newer than this Sitrep"):
        Store(path)
    with pytest.raises(SchemaError, match="upgrade Sitrep"):
        Store(path, read_only=True)


def test_store_refuses_foreign_duckdb(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INT)")
    con.close()
    with pytest.raises(SchemaError, match="not a Sitrep database"):
        Store(path)


@pytest.mark.parametrize("content", [b"hello, this is text\n" * 20, b"SQLite format 3\x00" + b"\x00" * 200])
def test_store_non_duckdb_file_error(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as e:
        Store(path)
    assert str(path) in str(e.value) and "not a DuckDB database" in str(e.value) and "--db" in str(e.value)
    assert path.read_bytes() == content  # untouched


def test_store_read_only_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no database yet"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_store_read_only_refuses_writes(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add_articles([article(TEXT_A)])
    with Store(path, read_only=True) as ro:
        assert len(ro.articles()) == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.add_articles([article(TEXT_B)])


# --- articles ---------------------------------------------------------------------------------

def test_store_article_round_trip(store):
    a = article(TEXT_A, url="https://example.org/a", outlet="Example", author="A. Writer",
                published_from="metadata", source="a.txt", external_ids=["e1", "e2"],
                ingested_at="2024-03-23T10:00:00+00:00")
    assert store.add_articles([a]) == [Added(a.id, "new", "e1")]
    assert store.get_article(a.id) == a
    assert store.get_article("e2") == a
    assert store.articles() == [a]
    assert store.external_ids() == {a.id: ["e1", "e2"]}


def test_store_keeps_article_text_once(store):
    a = article(TEXT_A)
    store.add_articles([a])
    with store._connect() as con:
        record = con.execute("SELECT record FROM articles").fetchone()[0]
    assert TEXT_A not in record  # the text column holds it; the record JSON does not repeat it
    assert store.get_article(a.id).text == TEXT_A


def test_store_add_sets_ingested_at_without_mutating(store):
    a = article(TEXT_A)
    store.add_articles([a])
    assert a.ingested_at is None
    assert store.get_article(a.id).ingested_at


def test_store_add_is_idempotent(store):
    a = article(TEXT_A, external_ids=["x1"])
    store.add_articles([a])
    # Same text, whitespace and case aside: same id, nothing new.
    again = article(TEXT_A.upper().replace(" ", "  "), external_ids=["x1"])
    assert again.id == a.id
    assert store.add_articles([again]) == [Added(a.id, "duplicate", None)]
    alias = article(TEXT_A, external_ids=["x2"])
    assert store.add_articles([alias]) == [Added(a.id, "alias", "x2")]
    assert store.stats()["articles"] == 1
    assert store.external_ids([a.id]) == {a.id: ["x1", "x2"]}
    assert store.get_article("x2").text == TEXT_A  # the first text stays


def test_store_add_duplicates_within_batch(store):
    a = article(TEXT_A)
    got = store.add_articles([a, article(TEXT_A), article(TEXT_A, external_ids=["z"])])
    assert [g.status for g in got] == ["new", "duplicate", "alias"]
    assert store.stats()["articles"] == 1


def test_store_external_id_is_not_stolen(store):
    a, b = article(TEXT_A, external_ids=["same"]), article(TEXT_B, external_ids=["same"])
    store.add_articles([a])
    assert store.add_articles([b])[0].status == "new"
    assert store.get_article("same").id == a.id


def test_store_add_is_all_or_nothing(store):
    store.add_articles([article(TEXT_A)])
    before = store.stats()
    bad = Article(id="abad", text="   ")
    with pytest.raises(StoreError, match="abad"):
        store.add_articles([article(TEXT_B), bad, article(TEXT_C)])
    with pytest.raises(StoreError, match="external id"):
        store.add_articles([article(TEXT_B), Article.from_text(TEXT_C, external_ids=[""])])
    assert store.stats() == before


def test_store_get_article_not_found(store):
    with pytest.raises(NotFound, match="nope"):
        store.get_article("nope")


def test_store_articles_unprocessed_paging(store):
    arts = [article(f"Report number {i} about a flood in the valley.", ingested_at=f"2024-01-0{i}")
            for i in range(1, 6)]
    foreign = article("Un incendie a détruit une usine.", language="fr", ingested_at="2024-01-09")
    store.add_articles(arts + [foreign])
    assert [a.id for a in store.articles(limit=2, offset=1)] == [arts[1].id, arts[2].id]
    assert [a.id for a in store.articles(ids=[arts[4].id, arts[0].id])] == [arts[0].id, arts[4].id]
    store.save_reports([Report(article_id=arts[0].id), Report(article_id=arts[2].id)])
    todo = {a.id for a in store.articles(unprocessed=True)}
    assert todo == {arts[1].id, arts[3].id, arts[4].id}
    assert store.count_articles(unprocessed=True) == 3
    assert store.count_articles(unprocessed=True, include_foreign=True) == 4
    assert store.count_articles() == 6 and store.count_articles(ids=[arts[0].id, "none"]) == 1
    assert foreign.id in {a.id for a in store.articles(unprocessed=True, include_foreign=True)}


# --- reports ----------------------------------------------------------------------------------

def test_store_report_round_trip_and_tables(store):
    a = article(TEXT_A)
    store.add_articles([a])
    r = report(a)
    store.save_reports([r])
    assert store.get_report(a.id) == r
    assert store.reports() == [r]
    assert store.get_report("missing") is None
    stats = store.stats()
    assert (stats["reports"], stats["event_mentions"], stats["figure_claims"]) == (1, 2, 1)


def test_store_title_figure_round_trips_spanless(store):
    # a figure read from the title (extract/title.py): start = end = -1, the title as its sentence
    a = article(TEXT_A, title="60 dead in concert hall attack")
    store.add_articles([a])
    r = report(a)
    title_fig = Figure(category="injured", low=145, high=145, text="145 hurt", start=-1, end=-1,
                       sentence=a.title, article_id=a.id, published="2024-03-23")
    r.mentions[0].figures.insert(0, title_fig)
    store.save_reports([r])
    assert store.get_report(a.id) == r
    with store._connect() as con:
        rows = con.execute("SELECT start, \"end\", sentence FROM figure_claims WHERE category = 'injured'")
        assert rows.fetchall() == [(-1, -1, a.title)]
    from sitrep.web import views

    inc = incident("inc00009title", [a])
    inc.figures["killed"].claims.append(title_fig)
    store.save_incidents([inc])
    links = [c["link"] for f in views.detail_view(store, inc.id)["figure_list"] for c in f["claims"]]
    assert sorted(links) == [f"/articles/{a.id}", f"/articles/{a.id}#c0"]  # no "#c-1" anchor


def test_store_save_reports_replaces(store):
    a = article(TEXT_A)
    store.add_articles([a])
    store.save_reports([report(a)])
    newer = report(a, killed=70)
    newer.mentions = newer.mentions[:1]
    store.save_reports([newer])
    assert store.get_report(a.id) == newer
    assert store.stats()["event_mentions"] == 1


def test_store_save_reports_rolls_back(store):
    a, b = article(TEXT_A), article(TEXT_B)
    store.add_articles([a, b])
    store.save_reports([report(a)])
    before = (store.stats(), store.reports())
    broken = report(b)
    broken.mentions[0].figures[0].low = "sixty"  # a bad record in the middle of the batch
    with pytest.raises(StoreError, match="not an integer"):
        store.save_reports([report(a, killed=99), broken])
    # An article that is not stored is refused after the deletes began: the transaction undoes them.
    with pytest.raises(StoreError, match="add the articles first"):
        store.save_reports([report(a, killed=99), Report(article_id="aunknown")])
    assert (store.stats(), store.reports()) == before


def test_store_save_reports_rolls_back_on_database_error(store):
    a, b = article(TEXT_A), article(TEXT_B)
    store.add_articles([a, b])
    store.save_reports([report(a)])
    before = (store.stats(), store.reports())
    clash = report(b)
    clash.mentions[1].id = clash.mentions[0].id  # duplicate primary key: fails inside DuckDB
    with pytest.raises(StoreError, match="nothing was written"):
        store.save_reports([report(a, killed=5), clash])
    assert (store.stats(), store.reports()) == before


# --- incidents --------------------------------------------------------------------------------

def test_store_incident_round_trip(filled):
    store, (a, b, _) = filled
    inc = incident("inc00001aaaa", [a, b])
    store.save_incidents([inc])
    assert store.get_incident("inc00001aaaa") == inc
    assert store.get_incident("inc00001") == inc  # a unique prefix
    assert [i.id for i in store.incidents_for_article(b.id)] == ["inc00001aaaa", "inc00002bbbb"]
    assert {i.id for i in store.incidents_for_article("feed-1")} == {"inc00001aaaa", "inc00003cccc"}


def test_store_get_incident_not_found_and_ambiguous(filled):
    store, _ = filled
    with pytest.raises(NotFound, match="zzz"):
        store.get_incident("zzz")
    with pytest.raises(NotFound, match="ambiguous"):
        store.get_incident("inc000")
    with pytest.raises(NotFound):
        store.get_incident("inc00")  # too short for a prefix


def test_store_save_incidents_upsert_and_replace_all(filled):
    store, (a, b, _) = filled
    store.save_incidents([incident("inc00001aaaa", [a], killed=61)])
    assert store.get_incident("inc00001aaaa").best("killed") == 61
    assert store.count_incidents(main_only=False) == 3
    store.save_incidents([incident("inc00009zzzz", [b])], replace_all=True)
    assert [i.id for i in store.incidents(main_only=False)] == ["inc00009zzzz"]
    assert store.stats()["incident_members"] == 1


def test_store_save_incidents_rolls_back(filled):
    store, (a, _, _) = filled
    before = store.incidents(main_only=False, limit=None)
    bad = incident("inc00004dddd", [a])
    bad.place.lat = "north"
    with pytest.raises(StoreError, match="inc00004dddd"):
        store.save_incidents([incident("inc00005eeee", [a]), bad], replace_all=True)
    assert store.incidents(main_only=False, limit=None) == before


def test_store_unchanged_incident_keeps_updated_at(filled):
    store, (a, _, _) = filled

    def stamp() -> str:
        with store._connect() as con:
            return con.execute("SELECT updated_at FROM incidents WHERE id = 'inc00001aaaa'").fetchone()[0]

    with store._connect() as con:
        con.execute("UPDATE incidents SET updated_at = 'then' WHERE id = 'inc00001aaaa'")
    store.save_incidents([incident("inc00001aaaa", [a], killed=60, date="2024-03-22",
                                   title="Concert hall attack")])
    assert stamp() == "then"
    store.save_incidents([incident("inc00001aaaa", [a], killed=65)])
    assert stamp() != "then"


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["inc00001aaaa", "inc00002bbbb"]),
    ({"main_only": False}, ["inc00001aaaa", "inc00002bbbb", "inc00003cccc"]),
    ({"since": "2024-01-01"}, ["inc00001aaaa"]),
    ({"until": "2023-12-31"}, ["inc00002bbbb"]),
    ({"since": "2023-05-20", "until": "2023-05-21"}, ["inc00002bbbb"]),  # a month-precision date overlaps
    ({"until": "2023-05"}, ["inc00002bbbb"]),
    ({"type": "BOMBING"}, ["inc00002bbbb"]),
    ({"type": "violence against civilians"}, ["inc00001aaaa", "inc00002bbbb"]),
    ({"country": "sylvania"}, ["inc00002bbbb"]),
    ({"country": "FD"}, ["inc00001aaaa", "inc00002bbbb"]),
    ({"min_killed": 10}, ["inc00001aaaa"]),
    ({"q": "ogdenVILLE"}, ["inc00002bbbb"]),
    ({"q": "concert hall"}, ["inc00001aaaa"]),
    ({"q": "car bomb exploded"}, ["inc00002bbbb"]),  # words only in the member article's text
    ({"q": "100%_"}, []),
])
def test_store_incident_filters(filled, filters, expected):
    store, _ = filled
    got = [i.id for i in store.incidents(**filters)]
    assert got == expected
    assert store.count_incidents(**filters) == len(expected)


def test_store_incident_order_and_paging(filled):
    store, _ = filled
    ids = [i.id for i in store.incidents(main_only=False, order="date_asc")]
    assert ids == ["inc00003cccc", "inc00002bbbb", "inc00001aaaa"]
    assert [i.id for i in store.incidents(main_only=False, order="date_asc", limit=1, offset=1)] == [ids[1]]
    assert [i.id for i in store.incidents(order="killed_desc")] == ["inc00001aaaa", "inc00002bbbb"]
    assert store.count_incidents(limit=1) == 2  # paging does not change the count
    with pytest.raises(ValueError, match="date_desc"):
        store.incidents(order="sideways")


def test_store_stats_counts_tables(filled):
    store, _ = filled
    stats = store.stats()
    assert set(stats) == set(schema.TABLES)
    assert stats["articles"] == 3 and stats["article_ids"] == 1 and stats["incidents"] == 3
    assert stats["incident_members"] == 3


def test_store_file_persists_between_opens(tmp_path):
    path = tmp_path / "s.duckdb"
    a = article(TEXT_A)
    with Store(path) as s:
        s.add_articles([a])
        s.save_reports([report(a)])
        s.save_incidents([incident("inc00001aaaa", [a])])
    with Store(path, read_only=True) as s:
        assert s.get_article(a.id) == s.articles()[0]
        assert s.get_report(a.id) == report(a)
        assert s.get_incident("inc00001aaaa") == incident("inc00001aaaa", [a])


def test_store_closed_memory_store_refuses(tmp_path):
    s = Store(":memory:")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.stats()


def test_store_migrates_older_file(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.add_articles([article(TEXT_A)])
    later = "ALTER TABLE articles ADD COLUMN topic VARCHAR;"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, later])
    monkeypatch.setattr(schema, "VERSION", len(schema.MIGRATIONS))
    with Store(path, read_only=True) as s:  # even a reader upgrades an older file, once
        assert s.schema_version() == schema.VERSION
        assert len(s.articles()) == 1
    con = duckdb.connect(str(path), read_only=True)
    cols = {r[0] for r in con.execute("DESCRIBE articles").fetchall()}
    con.close()
    assert "topic" in cols


def test_store_failed_migration_leaves_file_usable(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.add_articles([article(TEXT_A)])
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, "ALTER TABLE nowhere ADD COLUMN x INT;"])
    monkeypatch.setattr(schema, "VERSION", len(schema.MIGRATIONS))
    with pytest.raises(SchemaError, match="undone"):
        Store(path)
    monkeypatch.undo()
    with Store(path) as s:
        assert s.schema_version() == schema.VERSION and len(s.articles()) == 1


def test_store_threads_share_a_file(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "s.duckdb"
    writer, reader = Store(path), None
    writer.add_articles([article(TEXT_A)])
    reader = Store(path, read_only=True)
    texts = [f"Item {i}: a landslide blocked the road near the village." for i in range(20)]

    def write(i: int) -> int:
        writer.add_articles([article(texts[i])])
        return 1

    def read(_: int) -> int:
        return len(reader.articles())

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(write if i % 2 else read, i) for i in range(20)]
        results = [f.result() for f in futures]  # no errors from mixing read-only and read-write
    assert all(r >= 1 for r in results)
    assert len(reader.articles()) == 11

