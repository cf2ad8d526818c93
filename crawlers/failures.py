"""A failed crawl in plain words: one sentence per unreachable host, not one log line per URL.

Twisted and the resolver describe a failure per request ("DNS lookup failed: no results for
hostname lookup: kremlin.ru.", "[Errno -2] Name or service not known", "Connection was refused
by other side: 111"); an analyst needs to know which site could not be reached and the likely
cause, once."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# (pattern in the low-level message, what it means); first match wins
_CAUSES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"cannot resolve|dns lookup failed|name or service not known|no address associated|"
                r"temporary failure in name resolution|nodename nor servname", re.I),
     "its name does not resolve (no internet connection, or a DNS problem)"),
    (re.compile(r"connection was refused|connection refused", re.I),
     "the connection was refused (the site, or this port, is down)"),
    (re.compile(r"timed out|timeout", re.I), "it did not answer in time"),
    (re.compile(r"network is unreachable|no route to host", re.I), "the network is unreachable (no internet connection?)"),
    (re.compile(r"certificate|ssl|tls", re.I), "its TLS certificate was not accepted"),
    (re.compile(r"\bHTTP (\d{3})\b"), "it answered HTTP {0}"),
]


def cause(message: str) -> str:
    for pattern, meaning in _CAUSES:
        m = pattern.search(message)
        if m:
            return meaning.format(*m.groups())
    return message.strip() or "no answer"


_ENTRY = re.compile(r"^(?P<url>\S+) \((?P<why>.*)\)$", re.S)


def unreachable(failed: list[str]) -> str:
    """`failed` holds "URL (why)" entries (the spider's discovery failures); the result names
    each host once with its cause, e.g. "could not reach kremlin.ru: its name does not resolve
    (no internet connection, or a DNS problem)"."""
    by_host: dict[str, list[str]] = {}
    for entry in failed:
        m = _ENTRY.match(entry.strip())
        url, why = (m.group("url"), m.group("why")) if m else (entry, "")
        host = urlsplit(url).netloc or url
        by_host.setdefault(host, []).append(cause(why))
    parts = []
    for host, causes in by_host.items():
        distinct = list(dict.fromkeys(causes))
        parts.append(f"could not reach {host}: {'; '.join(distinct)}")
    return "; ".join(parts) or "no discovery URL answered"
