"""Suite-format JSON Lines: external ids kept, bad rows reported alone with file:line."""
from __future__ import annotations

import json

from sitrep.errors import EmptyInput, InputError
from sitrep.ingest import read_sources

TEXT = "A bus crashed into a river near the border on Sunday, killing three passengers, police said."


def write(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_rows_keep_their_ids_and_fields(tmp_path):
    src = write(tmp_path / "s.jsonl", json.dumps({"id": "x-1", "title": "Bus crash", "text": TEXT,
                                                   "url": "https://n.example/bus", "published": "2020-05-03",
                                                   "outlet": "Example News"}))
    [item] = read_sources([src])
    art = item.article
    assert art.external_ids == ["x-1"] and art.title == "Bus crash" and art.outlet == "Example News"
    assert art.published == "2020-05-03" and art.published_from == "metadata"
    assert art.url == "https://n.example/bus" and item.source == f"{src}:1 (id x-1)"


def test_jsonl_same_text_under_two_ids_is_one_article_answering_to_both(tmp_path):
    src = write(tmp_path / "s.jsonl", json.dumps({"id": "first", "text": TEXT}),
                json.dumps({"id": "second", "text": "  " + TEXT.upper()}))
    a, b = read_sources([src])
    # One Ingested per row, each with its own external id; the store merges them under one article id.
    assert a.article.id == b.article.id
    assert (a.article.external_ids, b.article.external_ids) == (["first"], ["second"])


def test_jsonl_bad_rows_are_reported_and_the_others_read(tmp_path):
    src = write(tmp_path / "s.jsonl", json.dumps({"id": "ok-1", "text": TEXT}), "{not json",
                json.dumps({"id": "empty", "text": "   "}), json.dumps(["a", "list"]),
                "", json.dumps({"id": "ok-2", "text": TEXT + " More."}))
    items = list(read_sources([src]))
    assert [i.ok for i in items] == [True, False, False, False, True]
    assert type(items[1].error) is InputError and str(items[1].error).startswith(f"{src}:2: not valid JSON")
    assert isinstance(items[2].error, EmptyInput) and items[2].source == f"{src}:3 (id empty)"
    assert "not an object" in str(items[3].error)
    assert items[4].article.external_ids == ["ok-2"]


def test_jsonl_dateline_in_text_fills_a_missing_date(tmp_path):
    body = "Bus crash kills three\n\n3 May 2020\n\n" + TEXT
    src = write(tmp_path / "s.jsonl", json.dumps({"id": "d", "title": None, "text": body, "published": None}))
    [item] = read_sources([src])
    assert item.article.published == "2020-05-03" and item.article.published_from == "dateline"
    assert item.article.title == "Bus crash kills three"


def test_jsonl_url_path_fills_a_missing_date(tmp_path):
    row = {"id": "u", "text": TEXT, "published": None, "url": "https://news.example.org/2020/05/03/bus-crash/"}
    [item] = read_sources([write(tmp_path / "s.jsonl", json.dumps(row))])
    assert (item.article.published, item.article.published_from) == ("2020-05-03", "url")


def test_jsonl_suite_reader_finds_the_same_date(tmp_path):
    from sitrep.evaluate import Suite, suite_articles

    row = {"id": "u", "title": None, "text": TEXT, "published": None, "outlet": None,
           "url": "https://news.example.org/2020/05/03/bus-crash/"}
    write(tmp_path / "articles.jsonl", json.dumps(row))
    suite = {"name": "t", "task": "article-figures", "gold_fields": {}}
    (tmp_path / "suite.json").write_text(json.dumps(suite))
    [art], _, _ = suite_articles(Suite.load(tmp_path))
    assert (art.published, art.published_from) == ("2020-05-03", "url")
