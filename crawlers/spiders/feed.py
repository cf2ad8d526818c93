"""Feeds: RSS 2.0 and Atom (feedparser), for any source with a `feed` discovery."""
from __future__ import annotations

import calendar
import email.utils
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import scrapy
from scrapy.http import Response

from config.sources import Discovery
from crawlers.spiders.base import requested_url


def parse_date(text: str | None) -> datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) date, keeping its UTC offset."""
    if not text:
        return None
    t = text.strip()
    try:
        d = datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        try:
            d = email.utils.parsedate_to_datetime(t)
        except (TypeError, ValueError):
            return None
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published", "updated"):
        d = parse_date(entry.get(key))
        if d is not None:
            return d
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return datetime.fromtimestamp(calendar.timegm(t), tz=UTC)
    return None


class FeedMixin:
    """parse_feed for SourceSpider subclasses."""

    def feed_request(self: Any, d: Discovery) -> scrapy.Request:
        return self.discovery_request(str(d.url), self.parse_feed, discovery_index=self.source.discovery.index(d))

    def parse_feed(self: Any, response: Response) -> Iterator[Any]:
        if self.not_modified(response):
            return
        d = self.source.discovery[response.meta.get("discovery_index", 0)]
        parsed = feedparser.parse(response.body)
        if parsed.bozo and not parsed.entries:
            self.discovery_ok.discard(response.meta.get("root", response.url))
            self.discovery_failed.append(f"{response.url} (unreadable feed)")
            self.failed.append(response.url)
            self.logger.warning("%s: unreadable feed %s: %s", self.source.id, response.url,
                                parsed.get("bozo_exception"))
            return
        self.remember_validators(response)
        links = []
        for e in parsed.entries:
            link = e.get("link") or e.get("id")
            if not link:
                continue
            url = response.urljoin(link)
            if self.follows(d, url):
                links.append((url, {"title": e.get("title"), "published": _entry_time(e)}))
        self.logger.info("%s: feed %s lists %d entries", self.source.id, response.url, len(links))
        yield from self.follow_articles(links, via=requested_url(response))
