"""Fetching URLs safely: no private addresses, few redirects, a size cap, a time cap, an honest User-Agent.

Every hop is checked: the host is resolved (with an injectable resolver) and refused if any of its
addresses is loopback, private, link-local, multicast, reserved or unspecified, unless the caller
allows private addresses. Redirects are followed by hand so each target is checked before it is
contacted. The transport is injectable (``httpx.MockTransport`` in tests), so nothing here needs a
network to be tested.

Known limit: the address is checked when resolved here, and httpx resolves the host again when it
connects; a DNS server that answers differently the second time (DNS rebinding) is not caught.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep.errors import BlockedAddress, FetchError, TooLarge

log = logging.getLogger(__name__)

#: host -> its IP addresses (strings). The default asks the system resolver.
Resolver = Callable[[str], Iterable[str]]

_REDIRECTS = {301, 302, 303, 307, 308}
_PRIVATE_FIX = "only public addresses are fetched; pass --allow-private to fetch it anyway"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded resource: the final URL after redirects, its media type and charset, the body."""

    url: str
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    body: bytes


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


def check_url(url: str, *, resolver: Resolver | None = None, allow_private: bool = False) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to an address we do not fetch."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme!r}",
                         "only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchError(url, "the URL has no host", "write it as https://host/path")
    if allow_private:
        return
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = list((resolver or system_resolver)(host))
        except (OSError, UnicodeError) as e:
            raise FetchError(url, f"cannot resolve host {host!r}: {e}",
                             "check the URL and your network") from e
    if not addresses:
        raise FetchError(url, f"host {host!r} has no address", "check the URL")
    for address in addresses:
        try:
            public = is_public(address)
        except ValueError as e:
            raise FetchError(url, f"host {host!r} resolved to an invalid address {address!r}") from e
        if not public:
            raise BlockedAddress(url, f"{host} resolves to non-public address {address}", _PRIVATE_FIX)


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
) -> Fetched:
    """Download ``url`` within the limits, checking every redirect hop; raise FetchError (or a subclass)."""
    headers = {"User-Agent": user_agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
               "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1"}
    deadline = time.monotonic() + timeout
    current = url
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
                    return Fetched(url=str(response.url), content_type=media, charset=charset, body=body)
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
        raise TooLarge(url, f"{int(declared):,} bytes, over the {max_bytes:,}-byte cap", "raise --max-bytes")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(url, f"more than {max_bytes:,} bytes, over the cap", "raise --max-bytes")
        # httpx's timeout is per read; a server trickling bytes would otherwise hold us forever.
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _timed_out(url: str, timeout: float) -> FetchError:
    return FetchError(url, f"timed out after {timeout:g} s", "try again later, or raise --timeout")


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset
