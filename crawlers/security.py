"""Where the crawler may connect: public internet addresses only (issue 7, SSRF).

A feed or a redirect can point anywhere, including 127.0.0.1, the LAN, or the cloud metadata
service at 169.254.169.254. Two checks stop that:

- `AddressGuardMiddleware` (crawlers/middlewares.py) resolves the host of every request (every
  redirect is a new request, so it passes here too) and refuses it with a clear log line;
- `GuardedResolver` filters the addresses the reactor connects to, so a DNS answer that changes
  between the check and the connection (DNS rebinding) is refused as well.

A source may list private `host:port` pairs in `allow_private` (the tests and `mouthpiece demo`
serve sites on 127.0.0.1); each request is allowed a private address only when its host, exactly
as written, and its port are on that list: another port of 127.0.0.1 (Redis on 6379), the same
address written another way (2130706433, 0x7f000001, [::ffff:127.0.0.1], `localhost.`), a redirect
or a meta refresh elsewhere are refused. `allow_private: true` means the source's own discovery
host:port pairs. Cloud metadata endpoints are always refused.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy.resolver import CachingHostnameResolver, HostResolution
from twisted.internet.interfaces import IResolutionReceiver
from zope.interface import implementer

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = {"http", "https"}
# names that resolve to internal services on common clouds / hosts
METADATA_NAMES = {"metadata", "metadata.google.internal", "metadata.goog", "instance-data",
                  "instance-data.ec2.internal"}
BLOCKED_NAMES = {"localhost", "localhost.localdomain", *METADATA_NAMES}
# cloud metadata endpoints that are not covered by "private"/"link-local" ranges everywhere
METADATA_ADDRESSES = {ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "192.0.0.192")}


class RefusedAddress(Exception):
    """The URL points at an address the crawler must not connect to."""


def address_problem(addr: str, allow_private: bool = False) -> str | None:
    """Why this IP address is refused (None: it is a public address). `allow_private` lifts the
    private/loopback/link-local ban, but cloud metadata endpoints stay refused."""
    try:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {addr!r}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if allow_private:
        return None
    for attr, what in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                       ("is_private", "private"), ("is_multicast", "multicast"),
                       ("is_unspecified", "unspecified"), ("is_reserved", "reserved")):
        if getattr(ip, attr):
            return f"{ip} is a {what} address"
    if not ip.is_global:  # shared address space (100.64/10), documentation ranges, ...
        return f"{ip} is not a public address"
    return None


def host_problem(host: str, allow_private: bool = False) -> str | None:
    """A check on the host name alone (before resolution)."""
    h = host.strip("[]").rstrip(".").lower()
    if not h:
        return "no host"
    if h in METADATA_NAMES:
        return f"{h} is a cloud metadata host name"
    if not allow_private and (h in BLOCKED_NAMES or h.endswith((".localhost", ".internal"))):
        return f"{h} is an internal host name"
    try:
        ipaddress.ip_address(h.split("%", 1)[0])
    except ValueError:
        return None
    return address_problem(h, allow_private)


UNRESOLVED = "cannot resolve"  # url_problem's answer for a name with no address (not a refusal)


def url_problem(url: str, resolve: bool = True, allow_private: bool = False) -> str | None:
    """Why the crawler must not fetch this URL (scheme, host name, resolved addresses), or None."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"scheme {parts.scheme!r} is not allowed"
    host = parts.hostname or ""
    why = host_problem(host, allow_private)
    if why or not resolve:
        return why
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except OSError as e:
        return f"{UNRESOLVED} {host}: {e}"
    for info in infos:
        why = address_problem(str(info[4][0]), allow_private)
        if why:
            return f"{host} resolves to {why.split(' is ', 1)[0]}: {why}"
    return None


@implementer(IResolutionReceiver)
class _FilteringReceiver:
    def __init__(self, receiver: Any, host: str, allow_private: bool = False) -> None:
        self.receiver = receiver
        self.allow_private = allow_private
        self.host = host
        self.refused: list[str] = []

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802 (Twisted interface)
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        why = address_problem(getattr(address, "host", ""), self.allow_private)
        if why:
            self.refused.append(why)
            return
        self.receiver.addressResolved(address)

    def resolutionComplete(self) -> None:  # noqa: N802
        if self.refused:
            log.warning("refused to connect to %s: %s", self.host, "; ".join(self.refused))
        self.receiver.resolutionComplete()


class GuardedResolver(CachingHostnameResolver):
    """Scrapy's caching resolver that drops non-public addresses at connection time
    (unless the crawl's settings say MOUTHPIECE_ALLOW_PRIVATE)."""

    def __init__(self, reactor: Any, cache_size: int, allow_private: bool = False,
                 private_hosts: frozenset[str] = frozenset()) -> None:
        super().__init__(reactor, cache_size)
        self.allow_private = allow_private
        self.private_hosts = private_hosts  # hosts whose private addresses this crawl may reach

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        s = crawler.settings
        size = s.getint("DNSCACHE_SIZE") if s.getbool("DNSCACHE_ENABLED") else 0
        hosts = frozenset(h for h, _ in endpoints_setting(s.getlist("MOUTHPIECE_PRIVATE_ENDPOINTS")))
        return cls(reactor, size, allow_private=s.getbool("MOUTHPIECE_ALLOW_PRIVATE"), private_hosts=hosts)

    def resolveHostName(self, resolutionReceiver: Any, hostName: str, *args: Any, **kw: Any) -> Any:  # noqa: N802,N803
        # the port is not known here: the middleware checked host:port before the request went out
        allow = self.allow_private or hostName.lower().strip("[]") in self.private_hosts
        why = host_problem(hostName, allow)
        receiver = _FilteringReceiver(resolutionReceiver, hostName, allow)
        if why:
            receiver.refused.append(why)
            resolutionReceiver.resolutionBegan(HostResolution(hostName))
            receiver.resolutionComplete()
            return resolutionReceiver
        # Twisted's interface stubs declare the methods without `self`, so mypy misreads the call
        return self.original_resolver.resolveHostName(receiver, hostName, *args, **kw)  # type: ignore[arg-type]


def endpoints_setting(entries: list[str]) -> frozenset[tuple[str, int]]:
    """MOUTHPIECE_PRIVATE_ENDPOINTS ("host:port" strings) as (host, port) pairs."""
    from config.sources import parse_endpoint

    return frozenset(parse_endpoint(e) for e in entries)


def private_allowed(url: str, endpoints: frozenset[tuple[str, int]]) -> bool:
    """Whether this URL's host (exactly as written) and port are on the allowed list."""
    from config.sources import url_endpoint

    return url_endpoint(url) in endpoints
