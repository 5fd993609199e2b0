"""URL fetching: address checks on every hop, redirect limit, size cap, timeout, User-Agent; all offline."""
from __future__ import annotations

import httpx
import pytest

from sitrep.errors import BlockedAddress, FetchError, TooLarge
from sitrep.ingest import USER_AGENT, IngestOptions, read_sources
from sitrep.ingest.fetch import check_url, fetch, is_public

PUBLIC = {"news.example": ["93.184.216.34"], "other.example": ["2606:4700::6810:85e5"],
          "sneaky.example": ["93.184.216.34", "10.1.2.3"], "internal.example": ["192.168.1.10"]}


def resolver(host: str) -> list[str]:
    return PUBLIC[host]


def page(body: bytes = b"hello", **headers) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "text/plain", **headers})


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost.localdomain.invalid/", "http://10.0.0.5/x", "http://172.16.3.4/",
    "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
    "http://[fe80::1]/", "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/",
])
def test_fetch_refuses_non_public_addresses(url):
    def hosts(host):
        return ["127.0.0.1"]  # a name like localhost resolves to loopback

    with pytest.raises(BlockedAddress) as err:
        check_url(url, resolver=hosts)
    assert "--allow-private" in str(err.value) and url in str(err.value)


def test_fetch_refuses_a_name_that_resolves_to_a_private_address():
    with pytest.raises(BlockedAddress, match="192.168.1.10"):
        check_url("https://internal.example/story", resolver=resolver)
    # One private address among public ones is enough to refuse.
    with pytest.raises(BlockedAddress, match="10.1.2.3"):
        check_url("https://sneaky.example/", resolver=resolver)


def test_fetch_allow_private_lets_private_addresses_through():
    check_url("http://127.0.0.1:8000/", allow_private=True)
    assert not is_public("10.0.0.1") and is_public("93.184.216.34") and is_public("2606:4700::6810:85e5")


def test_fetch_refuses_other_schemes():
    with pytest.raises(FetchError, match="scheme"):
        check_url("file:///etc/passwd")


def test_fetch_refuses_a_redirect_to_a_private_address():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/meta-data/"})

    with pytest.raises(BlockedAddress, match="169.254.169.254"):
        fetch("https://news.example/a", transport=httpx.MockTransport(handler), resolver=resolver)
    assert seen == ["https://news.example/a"]  # the private target was never contacted


def test_fetch_follows_a_few_redirects_and_sends_an_honest_user_agent():
    agents = []

    def handler(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        n = int(request.url.path.strip("/") or 0)
        if n < 3:
            return httpx.Response(301, headers={"location": f"/{n + 1}"})
        return page(b"final")

    got = fetch("https://news.example/0", transport=httpx.MockTransport(handler), resolver=resolver,
                user_agent=USER_AGENT)
    assert got.body == b"final" and got.url == "https://news.example/3"
    assert set(agents) == {USER_AGENT} and USER_AGENT.startswith("sitrep/")


def test_fetch_stops_after_the_redirect_limit():
    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"/{n + 1}"})

    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch("https://news.example/0", transport=httpx.MockTransport(handler), resolver=resolver)


def test_fetch_caps_size_while_streaming():
    sent = []

    def chunks():
        for _ in range(100):
            sent.append(1)
            yield b"x" * 1000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers={"content-type": "text/plain"})

    with pytest.raises(TooLarge, match="5,000"):
        fetch("https://news.example/big", max_bytes=5000, transport=httpx.MockTransport(handler),
              resolver=resolver)
    assert len(sent) < 100  # refused mid-stream, not after reading it all


def test_fetch_refuses_a_declared_length_over_the_cap():
    def handler(request: httpx.Request) -> httpx.Response:
        return page(b"x" * 10, **{"content-length": "999999999"})

    with pytest.raises(TooLarge, match="999,999,999 bytes"):
        fetch("https://news.example/", max_bytes=1000, transport=httpx.MockTransport(handler),
              resolver=resolver)


def test_fetch_timeout_says_so():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(FetchError) as err:
        fetch("https://news.example/slow", timeout=2.5, transport=httpx.MockTransport(handler),
              resolver=resolver)
    assert str(err.value) == ("https://news.example/slow: timed out after 2.5 s "
                              "(try again later, or raise SITREP_TIMEOUT)")


def test_fetch_http_error_status_is_a_fetch_error():
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch("https://news.example/gone", transport=httpx.MockTransport(lambda r: httpx.Response(404)),
              resolver=resolver)


def test_fetch_url_source_becomes_an_article_with_its_metadata(tmp_path):
    from pathlib import Path

    html = (Path(__file__).parent / "fixtures" / "ingest" / "page.html").read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=html, headers={"content-type": "text/html; charset=utf-8"})

    items = list(read_sources(["https://news.example/mall"], transport=httpx.MockTransport(handler),
                              resolver=resolver))
    assert len(items) == 1 and items[0].ok
    art = items[0].article
    assert art.url == "https://news.example/mall" and art.outlet == "The Daily Bugle"
    assert art.published == "2023-05-04" and art.published_from == "html"


def test_fetch_blocked_url_is_one_error_and_the_next_source_still_runs():
    items = list(read_sources(["http://127.0.0.1/admin", "-"], stdin=__import__("io").StringIO("Two hurt.")))
    assert isinstance(items[0].error, BlockedAddress) and items[0].source == "http://127.0.0.1/admin"
    assert items[1].ok and items[1].article.text == "Two hurt."


def test_fetch_allow_private_option_reaches_the_fetcher():
    def handler(request: httpx.Request) -> httpx.Response:
        return page(b"Local story text.")

    items = list(read_sources(["http://127.0.0.1:8080/x"], options=IngestOptions(allow_private=True),
                              transport=httpx.MockTransport(handler)))
    assert items[0].ok and items[0].article.text == "Local story text."


def test_fetch_default_transport_rechecks_the_address_when_it_connects():
    # DNS rebinding: the first answer is public, the one at connect time is loopback. The default transport
    # connects only to addresses it has checked itself, so the second answer is refused, not contacted.
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def rebinding(host: str) -> list[str]:
        return next(answers)

    with pytest.raises(BlockedAddress) as err:
        fetch("http://rebind.example:9/", resolver=rebinding, timeout=2)
    assert str(err.value).startswith("http://rebind.example:9/: rebind.example resolves to non-public")


def test_fetch_default_transport_connects_to_the_checked_address():
    # A real (local) server: the name is resolved by our resolver and the socket goes to that address.
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hosts = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            hosts.append(self.headers["Host"])
            body = b"Local text about a flood."
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        got = fetch(f"http://story.example:{port}/", allow_private=True, timeout=5,
                    resolver=lambda host: ["127.0.0.1"])
    finally:
        server.shutdown()
        server.server_close()
    assert got.body == b"Local text about a flood." and got.charset == "utf-8"
    assert hosts == [f"story.example:{port}"]


def test_fetch_a_server_trickling_bytes_hits_the_overall_timeout():
    import time

    def trickle():
        for _ in range(50):
            time.sleep(0.05)
            yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=trickle(), headers={"content-type": "text/plain"})

    with pytest.raises(FetchError, match="timed out after 0.2 s"):
        fetch("https://news.example/drip", timeout=0.2, transport=httpx.MockTransport(handler),
              resolver=resolver)
