"""Fetching URLs safely: no private addresses, few redirects, a size cap, a time cap, an honest User-Agent.

Every hop is checked: the host is resolved (with an injectable resolver) and refused if any of its
addresses is loopback, private, link-local, multicast, reserved or unspecified, unless the caller
allows private addresses. Redirects are followed by hand so each target is checked before it is
contacted. The transport is injectable (``httpx.MockTransport`` in tests), so nothing here needs a
network to be tested.

The default transport connects through the same check (``GuardedTransport``): the socket goes to an
address that was checked, never to a second DNS answer, so DNS rebinding does not get past it.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from sitrep.errors import BlockedAddress, FetchError, TooLarge

log = logging.getLogger(__name__)

#: host -> its IP addresses (strings). The default asks the system resolver.
Resolver = Callable[[str], Iterable[str]]

_REDIRECTS = {301, 302, 303, 307, 308}
_SIZE_FIX = "raise SITREP_MAX_BYTES if the page is really this large"
_PRIVATE_FIX = ("only public addresses are fetched; to fetch it anyway, give `sitrep ingest` or "
                "`sitrep serve` --allow-private, or set SITREP_ALLOW_PRIVATE=1")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded resource: the final URL after redirects, its media type and charset, the body."""

    url: str
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    body: bytes
    status: int = 200  # 304: not modified since the validators sent (``headers``); the body is empty
    etag: str | None = None  # the validators to send next time (conditional GET)
    last_modified: str | None = None


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """True for a globally routable unicast address; False for loopback, private, link-local and the like."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def check_url(url: str, *, resolver: Resolver | None = None, allow_private: bool = False) -> list[str]:
    """The addresses of a URL's host; FetchError for a non-http(s) URL, BlockedAddress for a private one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme!r}",
                         "only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(url, "the URL has no host", "write it as https://host/path")
    return checked_addresses(parts.hostname, source=url, resolver=resolver, allow_private=allow_private)


def checked_addresses(host: str, *, source: str, resolver: Resolver | None = None,
                      allow_private: bool = False) -> list[str]:
    """Every address of ``host``, refusing them all if any one is not public (unless allowed)."""
    try:
        addresses = [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        try:
            addresses = list((resolver or system_resolver)(host))
        except (OSError, UnicodeError) as e:
            raise FetchError(source, f"cannot resolve host {host!r}: {e}",
                             "check the URL and your network") from e
    if not addresses:
        raise FetchError(source, f"host {host!r} has no address", "check the URL")
    if allow_private:
        return addresses
    for address in addresses:
        try:
            public = is_public(address)
        except ValueError as e:
            raise FetchError(source, f"host {host!r} resolved to an invalid address {address!r}") from e
        if not public:
            raise BlockedAddress(source, f"{host} resolves to non-public address {address}", _PRIVATE_FIX)
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses checked at connect time, so a second DNS answer cannot differ."""

    def __init__(self, resolver: Resolver | None, allow_private: bool):
        self.resolver, self.allow_private = resolver, allow_private

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, source=host, resolver=self.resolver,
                                      allow_private=self.allow_private)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        assert error is not None  # checked_addresses never returns an empty list
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, whose connections go through the address check (TLS still checks the name)."""

    def __init__(self, *, resolver: Resolver | None = None, allow_private: bool = False):
        super().__init__(trust_env=False)
        # HTTPTransport takes no network backend; its connection pool (httpcore's public class) does.
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=_GuardedBackend(resolver, allow_private))


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = 20_000_000,
    timeout: float = 10.0,
    max_redirects: int = 3,
    user_agent: str = "sitrep",
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver | None = None,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """Download ``url`` within the limits, checking every redirect hop; raise FetchError (or a subclass).

    ``headers`` adds request headers (``If-None-Match``, ``If-Modified-Since`` for a conditional GET).
    """
    headers = {"User-Agent": user_agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
               "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1", **(headers or {})}
    deadline = time.monotonic() + timeout
    current = url
    if transport is None:
        transport = GuardedTransport(resolver=resolver, allow_private=allow_private)
    with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, headers=headers,
                      trust_env=False) as client:
        for _hop in range(max_redirects + 1):
            check_url(current, resolver=resolver, allow_private=allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        log.debug("redirect %s -> %s", url, current)
                        continue
                    if response.status_code >= 400:
                        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                        raise FetchError(url, status, "check the URL; the server refused or does not have it")
                    body = _read_capped(response, url=url, max_bytes=max_bytes, deadline=deadline,
                                        timeout=timeout)
                    media, charset = _content_type(response.headers.get("content-type", ""))
                    return Fetched(url=str(response.url), content_type=media, charset=charset, body=body,
                                   status=response.status_code, etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified"))
            except BlockedAddress as e:  # from the connection itself: name the input, not the host
                raise BlockedAddress(url, e.reason, e.fix) from e
            except httpx.TimeoutException as e:
                raise _timed_out(url, timeout) from e
            except httpx.TooManyRedirects as e:  # not raised with follow_redirects=False; kept for safety
                raise FetchError(url, "too many redirects") from e
            except httpx.HTTPError as e:
                raise FetchError(url, f"cannot fetch: {e.__class__.__name__}: {e}",
                                 "check the URL and your network") from e
    raise FetchError(url, f"more than {max_redirects} redirects (last to {current})",
                     "fetch the final URL directly")


def _read_capped(
    response: httpx.Response, *, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    """The body, refusing it as soon as it passes ``max_bytes`` or the whole fetch passes its time."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(url, f"{int(declared):,} bytes, over the {max_bytes:,}-byte cap", _SIZE_FIX)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(url, f"more than {max_bytes:,} bytes, over the cap", _SIZE_FIX)
        # httpx's timeout is per read; a server trickling bytes would otherwise hold us forever.
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _timed_out(url: str, timeout: float) -> FetchError:
    return FetchError(url, f"timed out after {timeout:g} s", "try again later, or raise SITREP_TIMEOUT")


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset
