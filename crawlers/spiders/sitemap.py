"""Sitemaps: <urlset> (with Google News <news:publication_date>), <sitemapindex>, gzip, lastmod.

Incremental: a child sitemap whose <lastmod> in the index has not changed since the last crawl
is not requested again; the others are fetched with conditional GET. With --since, child
sitemaps and URLs last modified before it are skipped (monthly archives, as on ria.ru)."""
from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import Any

import scrapy
from lxml import etree
from scrapy.http import Response

from config.sources import Discovery
from crawlers.spiders.base import requested_url
from crawlers.spiders.feed import parse_date

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False,
                          remove_comments=True)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_sitemap(body: bytes) -> tuple[str, list[dict[str, str]]]:
    """("urlset" | "sitemapindex" | "", entries): each entry has loc and maybe lastmod,
    publication_date and title (news sitemaps)."""
    if body[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            body = f.read(MAX_SITEMAP_BYTES + 1)[:MAX_SITEMAP_BYTES]
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError:
        return "", []
    if root is None:
        return "", []
    kind = _local(root.tag)
    out = []
    for el in root:
        if _local(el.tag) not in ("url", "sitemap"):
            continue
        entry: dict[str, str] = {}
        for child in el.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name in ("loc", "lastmod", "publication_date", "title") and text and name not in entry:
                entry[name] = text
        if entry.get("loc"):
            out.append(entry)
    return kind, out


class SitemapMixin:
    def sitemap_request(self: Any, d: Discovery) -> scrapy.Request:
        return self.discovery_request(str(d.url), self.parse_sitemap,
                                      discovery_index=self.source.discovery.index(d))

    def parse_sitemap(self: Any, response: Response) -> Iterator[Any]:
        if self.not_modified(response):
            return
        d = self.source.discovery[response.meta.get("discovery_index", 0)]
        root = response.meta.get("root", response.url)
        kind, entries = read_sitemap(response.body)
        if kind not in ("urlset", "sitemapindex"):
            if root == requested_url(response):
                self.discovery_ok.discard(root)
            self.discovery_failed.append(f"{response.url} (not a sitemap)")
            self.failed.append(response.url)
            self.logger.warning("%s: %s is not a sitemap", self.source.id, response.url)
            return
        self.remember_validators(response, lastmod=response.meta.get("lastmod"))
        if kind == "sitemapindex":
            for e in entries:
                child = response.urljoin(e["loc"])
                lastmod = e.get("lastmod")
                if self.too_old(parse_date(lastmod)):
                    self.mark_dirty(requested_url(response))  # seen again by a crawl without --since
                    continue
                old = self.validators.get(child, {})
                if lastmod and old.get("lastmod") == lastmod and child not in self.dirty:
                    self.keep_validators(child)  # unchanged since the last crawl: not fetched
                    continue
                yield self.discovery_request(child, self.parse_sitemap, root=root, lastmod=lastmod,
                                             discovery_index=response.meta.get("discovery_index", 0))
            return
        links = []
        for e in entries:
            url = response.urljoin(e["loc"])
            if not self.follows(d, url):
                continue
            published = parse_date(e.get("publication_date"))
            if self.too_old(published or parse_date(e.get("lastmod"))):
                self.mark_dirty(requested_url(response))
                continue
            links.append((url, {"title": e.get("title"), "published": published}))
        self.logger.info("%s: sitemap %s lists %d article URLs", self.source.id, response.url, len(links))
        yield from self.follow_articles(links, via=requested_url(response))
