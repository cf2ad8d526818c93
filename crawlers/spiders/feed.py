"""A generic feed spider: RSS 2.0 and Atom (feedparser), for any source with a `feed` discovery."""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import scrapy
from scrapy.http import Response

from crawlers.spiders.base import SourceSpider


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return datetime.fromtimestamp(calendar.timegm(t), tz=UTC)
    return None


class FeedSpider(SourceSpider):
    name = "feed"

    def start_requests(self) -> Iterator[scrapy.Request]:
        for d in self.source.discovery:
            if d.type == "feed":
                yield self.discovery_request(str(d.url), self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.logger.info("%s: feed unchanged (304) %s", self.source.id, response.url)
            self.new_validators[response.url] = self.validators.get(response.url, {})
            return
        self.remember_validators(response)
        parsed = feedparser.parse(response.body)
        if parsed.bozo and not parsed.entries:
            self.failed.append(response.url)
            self.logger.warning("%s: unreadable feed %s: %s", self.source.id, response.url,
                                parsed.get("bozo_exception"))
            return
        links = []
        for e in parsed.entries:
            link = e.get("link") or e.get("id")
            if not link:
                continue
            links.append((response.urljoin(link), {"title": e.get("title"), "published": _entry_time(e)}))
        self.logger.info("%s: feed %s lists %d entries", self.source.id, response.url, len(links))
        yield from self.follow_articles(links)
