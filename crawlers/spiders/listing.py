"""Listing pages: article links by CSS selector, the next page by selector, up to max_pages.

Incremental: pagination stops at the first page that lists nothing new, so a re-crawl of an
unchanged listing costs one (conditional) request. With --since it pages back further
(backfill_pages) while pages still list articles that are not stored."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from config.sources import Discovery
from crawlers.spiders.base import requested_url
from crawlers.urls import canonical
from storage.articles import seen_urls
from storage.db import session_scope


class ListingMixin:
    def listing_request(self: Any, d: Discovery) -> scrapy.Request:
        return self.discovery_request(str(d.url), self.parse_listing, page=1,
                                      discovery_index=self.source.discovery.index(d))

    def parse_listing(self: Any, response: Response) -> Iterator[Any]:
        if self.not_modified(response):
            return
        d: Discovery = self.source.discovery[response.meta.get("discovery_index", 0)]
        page = int(response.meta.get("page", 1))
        if not hasattr(response, "css"):
            self.discovery_ok.discard(response.meta.get("root", response.url))
            self.discovery_failed.append(f"{response.url} (not an HTML listing)")
            self.failed.append(response.url)
            return
        self.remember_validators(response)
        hrefs = response.css(d.link_selector or "a[href]").xpath("descendant-or-self::a/@href").getall()
        links: list[tuple[str, dict[str, Any]]] = []
        for href in hrefs:
            url = response.urljoin(href.strip())
            if url.startswith(("http://", "https://")) and self.follows(d, url):
                links.append((url, {}))
        with session_scope() as s:
            seen = seen_urls(s, [canonical(u) for u, _ in links], source_id=self.source.id)
        fresh = [u for u, _ in links if canonical(u) not in seen]
        self.logger.info("%s: listing %s (page %d) lists %d article links, %d new",
                         self.source.id, response.url, page, len(links), len(fresh))
        yield from self.follow_articles(links, via=requested_url(response))
        limit = d.backfill_pages if self.since else d.max_pages
        if not d.next_selector or page >= limit or not links:
            return
        if not fresh:
            return  # everything on this page is stored already: older pages are too
        nxt = response.css(d.next_selector).xpath("@href").get()
        if nxt:
            yield self.discovery_request(response.urljoin(nxt), self.parse_listing, conditional=False,
                                         root=response.meta.get("root"), page=page + 1,
                                         discovery_index=response.meta.get("discovery_index", 0))
