"""The REST API against its own contract: schemathesis generates requests from ``/openapi.json`` of a
live ``sitrep serve`` (loopback only, a bounded number of cases) and checks that no answer is a 500,
every status and body is the documented one (errors in the one error shape), and no write gets in
without the token. Slow: a real server process."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

import webfactory
from sitrep.store import Store

pytestmark = pytest.mark.slow

TOKEN = "contract-test-token"
CASES = 250  # bounded: the whole run stays under a minute or two


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("contract") / "served.duckdb"
    with Store(db) as store:
        webfactory.build(store, extra=5)
    port = _free_port()
    log = (db.parent / "server.log").open("w")  # a file, not a pipe: a full pipe would stall the server
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "--db", str(db), "serve",
                             "--port", str(port)],
                            env={**os.environ, "SITREP_TOKEN": TOKEN}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, (db.parent / "server.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.3)
    yield base, db
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)
        raise AssertionError("sitrep serve did not stop on SIGTERM within 30 s") from None
    finally:
        log.close()


def _shape(response) -> None:
    """Every error: JSON ``{"error": {"type", "message", "status"}}`` with the response's own status."""
    if response.status_code < 400:
        return
    kind = response.headers.get("content-type") or ""
    kind = kind[0] if isinstance(kind, list) else kind  # schemathesis keeps each header's values in a list
    assert kind.startswith("application/json"), response.text[:300]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "status"}, body
    assert body["error"]["status"] == response.status_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_api_contract_generated_requests_meet_the_schema(server):
    base, db = server
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    with Store(db, read_only=True) as s:
        before = s.stats()
    seen: dict[int, int] = {}
    writes: list[int] = []

    @settings(max_examples=CASES, deadline=None, database=None, derandomize=True,  # the same cases each run
              suppress_health_check=list(HealthCheck))
    @given(case=schema.as_strategy())
    def check(case):
        response = case.call(base_url=base, timeout=30)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
        _shape(response)
        if case.method.upper() == "POST":
            writes.append(response.status_code)
        case.validate_response(response, checks=[checks.not_a_server_error, checks.status_code_conformance,
                                                 checks.content_type_conformance,
                                                 checks.response_schema_conformance])

    check()
    assert sum(seen.values()) >= 50 and any(code >= 400 for code in seen)
    # writes: generated tokens are never the server's; every one refused, nothing written
    assert writes and all(code in (401, 403, 413, 422) for code in writes), writes
    with Store(db, read_only=True) as s:
        assert s.stats() == before


def test_api_contract_writes_without_the_token_are_refused(server):
    base, db = server
    body = {"text": "Gunmen killed four people in Velmora on Monday, police said."}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic " + TOKEN},
                    {"Authorization": "Bearer"}):
        r = httpx.post(base + "/api/v1/articles", json=body, headers=headers, timeout=30)
        assert r.status_code == 401, (headers, r.text)
        _shape(r)
    with Store(db, read_only=True) as s:
        assert all("Velmora" not in a.text for a in s.articles())
