"""`sources.yaml`: what to crawl, how articles are found, and how often."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from config.loader import ConfigError, config_path, load_yaml

SourceKind = Literal["state_media", "think_tank", "telegram", "demo"]
TELEGRAM_INTERVAL = 2  # minutes between polls of a Telegram channel (one request each)
DiscoveryKind = Literal["feed", "sitemap", "listing"]


_DEFAULT_PORTS = {"http": 80, "https": 443}


def url_endpoint(url: str) -> tuple[str, int] | None:
    """(host as written, lower-cased, without IPv6 brackets; port, the scheme's default when
    none is given) of a URL, or None when it has none."""
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.hostname.lower(), port


def parse_endpoint(entry: str) -> tuple[str, int]:
    """"127.0.0.1:8001", "[::1]:8001", "fixture.test:80" -> (host, port)."""
    m = re.fullmatch(r"\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})\s*", str(entry))
    if not m or not 0 < int(m.group(2)) < 65536 or m.group(1).endswith("."):
        raise ValueError(f"{entry!r} is not host:port (e.g. 127.0.0.1:8001)")
    return m.group(1).strip("[]").lower(), int(m.group(2))


class Discovery(BaseModel):
    """One way of finding article URLs: a feed, a sitemap, or a listing page."""

    model_config = ConfigDict(extra="forbid")
    type: DiscoveryKind
    url: HttpUrl
    # listing pages: CSS selectors for article links and the next page
    link_selector: str | None = None
    next_selector: str | None = None
    max_pages: int = Field(default=3, ge=1)
    # with --since, listings are paged further back, up to this many pages
    backfill_pages: int = Field(default=50, ge=1)
    # only follow article links matching this regex
    follow: str | None = None

    @field_validator("follow")
    @classmethod
    def _regex_compiles(cls, v: str | None) -> str | None:
        from config.patterns import check

        return check(v)  # run by RE2, in linear time (config/patterns.py)


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str
    kind: SourceKind
    country: str = Field(pattern=r"^[A-Z]{2}$|^INT$")
    languages: list[str] = Field(default_factory=lambda: ["en"])
    # how articles are found (feed / sitemap / listing); a `telegram` source has none: its
    # `channel` is read from its web preview, https://t.me/s/<channel>
    discovery: list[Discovery] = Field(default_factory=list)
    channel: str | None = Field(default=None, pattern=r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
    # where the channel preview is served (default https://t.me/s/<channel>; a local stand-in in tests)
    preview_url: HttpUrl | None = None
    # the leader whose words this source carries (a leaders.yaml id): pul_1 is Lukashenko's press
    # pool, so "Глава государства" in its posts is Lukashenko
    speaks_for: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")
    interval_minutes: int = Field(default=30, ge=1)
    enabled: bool = True
    # name of a registered parser in crawlers/parsers (None: pick by domain, else trafilatura)
    parser: str | None = None
    encoding: str | None = None  # declared when the site lies about it (mfa.gov.by: windows-1251)
    download_delay: float | None = Field(default=None, ge=0)
    # Politeness overrides, for sites you run yourself (fixture sites, benchmarks): requests in
    # flight at once to this source's host (default 1) and AutoThrottle (default on).
    concurrency: int = Field(default=1, ge=1, le=16)
    autothrottle: bool = True
    # private/loopback addresses are refused unless a source lists them: `host:port` entries
    # (e.g. ["127.0.0.1:8001"]), checked for every request, redirect and meta refresh, by the
    # host exactly as written. `true` (kept for old configs and the fixture sites) means the
    # host:port of each of the source's own discovery URLs, and nothing else.
    allow_private: bool | list[str] = False
    # expected publishing rhythm: health turns "silent" after this many hours without new articles
    silent_after_hours: int = Field(default=48, ge=1)
    # after a bot wall (repeated 403s, a WAF page) the source is paused this long
    pause_minutes: int = Field(default=60, ge=1)

    @field_validator("allow_private")
    @classmethod
    def _endpoints(cls, v: bool | list[str]) -> bool | list[str]:
        if isinstance(v, list):
            for entry in v:
                parse_endpoint(entry)  # ValueError says what is wrong with it
        return v

    @property
    def private_endpoints(self) -> frozenset[tuple[str, int]]:
        """The (host, port) pairs at private addresses this source may fetch from."""
        if self.allow_private is True:
            return frozenset(e for e in (url_endpoint(u) for u in self.start_urls) if e)
        if not self.allow_private:
            return frozenset()
        return frozenset(parse_endpoint(e) for e in self.allow_private)

    @model_validator(mode="after")
    def _kind_fields(self) -> Source:
        if self.kind == "telegram":
            if not self.channel:
                raise ValueError("a telegram source needs `channel` (the name in t.me/<channel>)")
            if self.discovery:
                raise ValueError("a telegram source has no `discovery`: its channel preview is read")
            if "interval_minutes" not in self.model_fields_set:
                self.interval_minutes = TELEGRAM_INTERVAL
        else:
            if not self.discovery:
                raise ValueError("discovery: at least one feed, sitemap or listing is needed")
            if self.channel or self.preview_url:
                raise ValueError("`channel` and `preview_url` are for kind: telegram")
        return self

    @property
    def start_urls(self) -> list[str]:
        """The URLs a crawl starts from: discovery URLs, or the channel preview."""
        if self.kind == "telegram":
            return [str(self.preview_url) if self.preview_url else f"https://t.me/s/{self.channel}"]
        return [str(d.url) for d in self.discovery]


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[Source]

    @field_validator("sources")
    @classmethod
    def _unique_ids(cls, v: list[Source]) -> list[Source]:
        seen: set[str] = set()
        for s in v:
            if s.id in seen:
                raise ValueError(f"duplicate source id {s.id!r}")
            seen.add(s.id)
        return v


def load_sources(path: str | Path | None = None) -> list[Source]:
    return load_yaml(path or config_path("sources.yaml"), SourcesFile).sources


def get_source(source_id: str, path: str | Path | None = None) -> Source:
    p = path or config_path("sources.yaml")
    for s in load_sources(p):
        if s.id == source_id:
            return s
    raise ConfigError(p, None, "sources", f"no source with id {source_id!r}")
