"""The spider every source uses: each of its discovery entries (feed, sitemap, listing) is
requested and parsed by its own mixin; the articles they find are fetched once."""
from __future__ import annotations

from collections.abc import Iterator

import scrapy

from crawlers.spiders.base import SourceSpider
from crawlers.spiders.feed import FeedMixin
from crawlers.spiders.listing import ListingMixin
from crawlers.spiders.sitemap import SitemapMixin


class MultiSourceSpider(FeedMixin, SitemapMixin, ListingMixin, SourceSpider):
    name = "source"

    def start_requests(self) -> Iterator[scrapy.Request]:
        for d in self.source.discovery:
            if d.type == "feed":
                yield self.feed_request(d)
            elif d.type == "sitemap":
                yield self.sitemap_request(d)
            elif d.type == "listing":
                yield self.listing_request(d)
