"""The API in process: one error shape on every route, tokens, body limit, JSON twins, ingest."""
from __future__ import annotations

import re
import time
import warnings

import pytest
from fastapi.routing import APIRoute

import webfactory
from sitrep.api import create_app
from sitrep.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-not-a-default"


@pytest.fixture()
def env():
    store = Store(":memory:")
    ids = webfactory.build(store, extra=30)
    app = create_app(":memory:", store=store, token=TOKEN, max_body=20_000,
                     pipeline_factory=webfactory.FakePipeline)
    with TestClient(app) as client:
        yield client, ids, app


def assert_error_shape(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "message", "status"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["type"], str) and body["error"]["type"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def _wait(client, url: str) -> dict:
    for _ in range(200):
        job = client.get(url).json()
        if job["finished"]:
            return job
        time.sleep(0.02)
    raise AssertionError("job did not finish")


def test_api_error_shape_on_every_route(env):
    client, _ids, app = env
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 15
    for route in routes:
        path = re.sub(r"\{[^}]+\}", "no-such-thing", route.path)
        wrong = "DELETE"
        assert wrong not in route.methods
        assert_error_shape(client.request(wrong, path), 405)
        if "{" in route.path and "GET" in route.methods:
            err = assert_error_shape(client.get(path), 404)
            assert "no-such-thing" in err["message"]


def test_api_error_shape_unknown_route_validation_and_not_found(env):
    client, _ids, _app = env
    assert assert_error_shape(client.get("/no/such/page"), 404)["type"] == "NotFound"
    assert assert_error_shape(client.get("/api/v1/nothing"), 404)["type"] == "NotFound"
    err = assert_error_shape(client.get("/incidents.json?since=yesterday"), 422)
    assert err["type"] == "ValidationError" and "since" in err["message"]
    assert_error_shape(client.get("/incidents.json?min_killed=-3"), 422)
    assert_error_shape(client.get("/api/v1/incidents?limit=0"), 422)
    assert_error_shape(client.get("/api/v1/incidents?until=2024-13-01"), 422)
    assert_error_shape(client.get("/api/v1/articles?offset=-1"), 422)
    # past what SQL's 64-bit OFFSET holds (found by the schemathesis run): refused, not a 500
    for path in ("/api/v1/articles", "/api/v1/incidents"):
        assert_error_shape(client.get(f"{path}?offset=33739429191669617486450393088"), 422)
    assert assert_error_shape(client.get("/api/v1/incidents/nope"), 404)["type"] == "NotFound"
    assert_error_shape(client.get("/api/v1/articles/nope"), 404)


def test_api_browser_gets_html_error_page_with_same_fields(env):
    client, _ids, _app = env
    r = client.get("/incidents/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "NotFound" in r.text and "nope" in r.text


def test_api_writes_refused_without_configured_token():
    store = Store(":memory:")
    app = create_app(":memory:", store=store, token=None, pipeline_factory=webfactory.FakePipeline)
    with TestClient(app) as client:
        err = assert_error_shape(client.post("/api/v1/articles", json={"text": "Two killed."},
                                             headers={"Authorization": "Bearer anything"}), 403)
        assert "SITREP_TOKEN" in err["message"] and "--token" in err["message"]
        assert_error_shape(client.post("/ingest", data={"text": "Two killed.", "token": ""}), 403)
        assert "SITREP_TOKEN" in client.get("/ingest").text
        assert store.articles() == []


def test_api_writes_need_the_right_token(env):
    client, _ids, _app = env
    r = client.post("/api/v1/articles", json={"text": "Two people were killed."})
    assert assert_error_shape(r, 401)["type"] == "Unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"
    assert_error_shape(client.post("/api/v1/articles", json={"text": "x"},
                                   headers={"Authorization": "Bearer wrong"}), 401)
    assert_error_shape(client.post("/ingest", data={"text": "x", "token": "wrong"}), 401)


def test_api_body_size_limit(env):
    client, _ids, _app = env
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = client.post("/api/v1/articles", json={"text": "word " * 10_000}, headers=auth)
    err = assert_error_shape(big, 413)
    assert err["type"] == "PayloadTooLarge"

    def chunks():  # no Content-Length: the limit must count streamed bytes
        for _ in range(30):
            yield b"x" * 1000

    assert_error_shape(client.post("/api/v1/articles", content=chunks(),
                                   headers={**auth, "content-type": "application/json"}), 413)


def test_api_post_validation(env):
    client, _ids, _app = env
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error_shape(client.post("/api/v1/articles", content=b"{not json", headers={
        **auth, "content-type": "application/json"}), 422)
    empty = client.post("/api/v1/articles", json={}, headers=auth)
    assert "either" in assert_error_shape(empty, 422)["message"]
    assert_error_shape(client.post("/api/v1/articles", json={"text": "a", "url": "https://example.org"},
                                   headers=auth), 422)
    assert "http" in assert_error_shape(client.post("/api/v1/articles", json={"url": "file:///etc/passwd"},
                                                    headers=auth), 422)["message"]


def test_api_url_ingest_goes_through_the_ssrf_guard(env):
    client, _ids, _app = env
    r = client.post("/api/v1/articles?wait=20", json={"url": "http://127.0.0.1:9/secret"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    job = r.json()
    assert job["state"] == "error", job
    assert job["error"]["type"] == "BlockedAddress" and job["error"]["status"] == 403


def test_api_list_filters_and_paging(env):
    client, ids, _app = env
    d = client.get("/incidents.json?per_page=10").json()
    assert d["total"] == 32 and d["pages"] == 4 and len(d["items"]) == 10
    assert d["items"][0]["id"] == "i-hostile"  # newest first
    assert "i-older" not in {i["id"] for i in d["items"]}  # referenced-only incidents stay off the list
    page4 = client.get("/incidents.json?per_page=10&page=4").json()
    assert len(page4["items"]) == 2
    assert [i["id"] for i in client.get("/incidents.json?min_killed=10").json()["items"]] == ["i-market"]
    assert [i["id"] for i in client.get("/incidents.json?country=Pakistan").json()["items"]] == ["i-market"]
    assert [i["id"] for i in client.get("/incidents.json?type=bombing").json()["items"]] == ["i-market"]
    assert client.get("/incidents.json?since=2024-01-01&until=2024-05-31").json()["total"] == 2
    assert [i["id"] for i in client.get("/incidents.json?q=riverside").json()["items"]] == ["i-market"]
    # A browser form sends empty fields: they mean "no filter", not an error.
    assert client.get("/incidents?since=&until=&type=&country=&min_killed=&q=").status_code == 200
    api = client.get("/api/v1/incidents?limit=5&offset=5").json()
    assert api["total"] == 32 and len(api["items"]) == 5 and "figures" in api["items"][0]


def test_api_pages_render_their_json_twin(env):
    client, ids, _app = env
    html = client.get("/incidents?per_page=10").text
    for item in client.get("/incidents.json?per_page=10").json()["items"]:
        assert f'href="/incidents/{item["id"]}"' in html
    d = client.get("/incidents/i-market.json").json()
    page = client.get("/incidents/i-market").text
    assert [f["category"] for f in d["figure_list"]] == ["killed", "injured"]
    killed = d["figure_list"][0]
    assert (killed["low"], killed["best"], killed["high"]) == (12, 15, 15)
    assert [c["attribution"] for c in killed["claims"]] == ["police", "a hospital official"]
    for c in killed["claims"]:
        assert c["text"] in page and c["attribution"] in page
    assert [s["article_id"] for s in d["source_groups"]["copy-of"]] == [ids["copy"]]
    assert [s["article_id"] for s in d["source_groups"]["independent"]] == [ids["market"]]
    assert [i["id"] for i in d["referenced"]] == ["i-older"]
    assert '<svg class="map"' in page and '<svg class="chart"' in page and "<circle" in page
    # the chart's points are the page's JSON timeline; each names its source
    assert {"police", "a hospital official"} <= {e["attribution"] for e in d["timeline"]}
    assert page.count('<circle class="point"') == sum(1 for e in d["timeline"] if e["time"])
    assert "according to a hospital official" in page and 'class="label"' in page
    assert 'class="figure">rose to 15</mark>' in page  # the evidence sentence, highlighted
    art = client.get(f"/articles/{ids['market']}.json").json()
    assert art["processed"] and {i["id"] for i in art["incidents"]} == {"i-market", "i-older"}
    marked = [s["text"] for s in art["segments"] if s["kind"] == "figure"]
    assert "30 injured" in marked and "Lahore" in [s["text"] for s in art["segments"] if s["kind"] == "place"]
    assert "<mark class=\"place\"" in client.get(f"/articles/{ids['market']}").text


def test_api_article_page_shows_kind_and_paraphrase_signal(env):
    client, ids, _app = env
    rewrite = client.get(f"/articles/{ids['copy']}.json").json()
    assert rewrite["signals"]["paraphrase_likely"] and rewrite["signals"]["kind"] == "news report"
    page = client.get(f"/articles/{ids['copy']}").text
    assert "likely a machine rewrite" in page and "conflagration, edifice" in page
    original = client.get(f"/articles/{ids['market']}.json").json()
    assert not original["signals"]["paraphrase_likely"] and original["heading"]


def test_api_rest_get_incident_and_article(env):
    client, ids, _app = env
    inc = client.get("/api/v1/incidents/i-market").json()
    assert inc["figures"]["killed"]["best"] == 15 and inc["place"]["country_code"] == "PK"
    art = client.get(f"/api/v1/articles/{ids['market']}").json()
    assert art["article"]["outlet"] == "Daily Wire" and art["report"]["mentions"][0]["main"]
    listed = client.get("/api/v1/articles").json()["items"]
    assert {a["id"] for a in listed} == {ids["market"], ids["copy"], ids["hostile"]}
    assert all("text" not in a for a in listed)
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/incidents", "/api/v1/incidents/{incident_id}", "/api/v1/articles",
            "/api/v1/articles/{article_id}", "/api/v1/jobs/{job_id}"} <= set(schema["paths"])
    post = schema["paths"]["/api/v1/articles"]["post"]
    for code in ("401", "403", "413", "422"):
        content = post["responses"][code]["content"]["application/json"]
        assert content["schema"]["$ref"] == "#/components/schemas/Error"
    assert "HTTPValidationError" not in str(schema)  # FastAPI's own 422 shape is not what we answer
    assert_error_shape(client.get("/static/no-such-file.js"), 404)


def test_api_markup_in_articles_is_inert(env):
    client, ids, _app = env
    for url in (f"/articles/{ids['hostile']}", "/incidents/i-hostile", "/incidents"):
        r = client.get(url)
        assert "<script>" not in r.text.replace('<script src="/static/job.js"></script>', "")
        assert "<img src=x" not in r.text and "<b>city hall</b>" not in r.text
        assert "&lt;script&gt;" in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]


def test_api_ingest_pasted_article_with_markup_and_find_it(env):
    client, _ids, _app = env
    text = ("Protest <script>alert('x')</script> turns violent\n\n"
            "Two people were killed in <i>Harbor Town</i> on Tuesday, police said.")
    r = client.post("/ingest", data={"text": text, "token": TOKEN, "title": "", "url": ""},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ingest/jobs/")
    job = _wait(client, r.headers["location"] + ".json")
    assert job["state"] == "done" and job["results"][0]["status"] == "new"
    aid = job["results"][0]["article_id"]
    page = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page and "<i>Harbor" not in page
    assert client.get(r.headers["location"]).status_code == 200
    # The same text again is a duplicate, through the REST API.
    again = client.post("/api/v1/articles?wait=20", json={"text": text},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "duplicate"
    assert again.headers["location"] == f"/api/v1/jobs/{again.json()['id']}"


def test_api_ingest_error_is_reported_on_the_job(env):
    client, _ids, _app = env
    r = client.post("/api/v1/articles?wait=20", json={"text": "   \n  "},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422  # whitespace only: "either text or URL"
    r = client.post("/api/v1/articles", json={"text": "\x00\x01 binary?"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 202
    job = _wait(client, r.headers["location"])
    assert job["state"] == "error" and job["error"]["type"] == "BinaryInput", job
    assert job["error"]["status"] == 422 and "binary" in job["error"]["message"].lower()
    page = client.get(f"/ingest/jobs/{job['id']}").text
    assert "BinaryInput" in page


def test_api_ingest_form_errors_are_readable_pages(env):
    client, _ids, _app = env
    html = {"accept": "text/html"}
    r = client.post("/ingest", data={"text": "", "url": "", "token": TOKEN}, headers=html)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "either the article" in r.text and 'id="error"' in r.text
    r = client.post("/ingest", data={"text": "Two killed.", "token": "nope"}, headers=html)
    assert r.status_code == 401 and "wrong token" in r.text


def test_api_serve_binds_loopback_by_default():
    import inspect

    from sitrep.api import serve

    params = inspect.signature(serve).parameters
    assert params["host"].default == "127.0.0.1" and params["token"].default is None
