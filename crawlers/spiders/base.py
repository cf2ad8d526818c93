"""What every Mouthpiece spider shares: the source config, the seen-URL skip, conditional GET
on discovery URLs, and turning an article response into an item."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import scrapy
from scrapy.http import Response

from config.sources import Source, get_source
from crawlers.urls import canonical
from storage.articles import seen_urls
from storage.db import session_scope
from storage.models import Source as SourceRow

log = logging.getLogger(__name__)


class SourceSpider(scrapy.Spider):
    """Base for spiders that crawl one configured source."""

    name = "source"

    def __init__(self, source_id: str, since: str | None = None, config_path: str | None = None,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.source: Source = get_source(source_id, config_path)
        self.since = datetime.fromisoformat(since) if since else None
        self.validators: dict[str, dict[str, str]] = {}
        self.new_validators: dict[str, dict[str, str]] = {}
        self.discovery_requests = 0
        self.article_requests = 0
        self.skipped_seen = 0
        self.failed: list[str] = []
        with session_scope() as s:
            row = s.get(SourceRow, source_id)
            if row is not None and row.http_cache:
                self.validators = dict(row.http_cache)

    async def start(self) -> Any:
        for req in self.start_requests():
            yield req

    def start_requests(self) -> Iterator[scrapy.Request]:
        return iter(())

    # -- discovery ---------------------------------------------------------------------------
    def discovery_request(self, url: str, callback: Any, **meta: Any) -> scrapy.Request:
        """A request for a feed/sitemap/listing, conditional when we have validators for it."""
        headers = {}
        v = self.validators.get(url, {})
        if v.get("etag"):
            headers["If-None-Match"] = v["etag"]
        if v.get("last_modified"):
            headers["If-Modified-Since"] = v["last_modified"]
        self.discovery_requests += 1
        return scrapy.Request(url, callback=callback, headers=headers, dont_filter=True,
                              errback=self.on_error,
                              meta={"handle_httpstatus_list": [304], "discovery": True, **meta})

    def remember_validators(self, response: Response) -> None:
        etag = response.headers.get(b"ETag")
        lm = response.headers.get(b"Last-Modified")
        if etag or lm:
            self.new_validators[response.url] = {
                k: v.decode("latin-1") for k, v in (("etag", etag), ("last_modified", lm)) if v
            }

    def follow_articles(self, links: list[tuple[str, dict[str, Any]]]) -> Iterator[scrapy.Request]:
        """Request each article link not stored yet (the seen-URL skip)."""
        pairs = [(canonical(u), hint) for u, hint in links]
        wanted = [u for u, _ in pairs]
        with session_scope() as s:
            seen = seen_urls(s, wanted)
        emitted: set[str] = set()
        for url, hint in pairs:
            if url in seen or url in emitted:
                self.skipped_seen += url in seen
                continue
            if self.since and hint.get("published") and hint["published"] < self.since:
                continue
            emitted.add(url)
            self.article_requests += 1
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                                 meta={"hint": hint, "found_url": url})

    # -- articles ----------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        from crawlers.article import extract_article

        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if ctype and "html" not in ctype and "xml" not in ctype:
            self.failed.append(response.url)
            log.warning("%s: skipped %s: not HTML (%s)", self.source.id, response.url, ctype)
            return
        try:
            art = extract_article(response.body, response.url, source=self.source,
                                  headers={k.decode("latin-1"): v[0].decode("latin-1")
                                           for k, v in response.headers.items() if v})
        except Exception as e:  # a broken page must not stop the crawl; say which and why
            self.failed.append(response.url)
            log.warning("%s: could not extract %s: %s", self.source.id, response.url, e)
            return
        if not art.body.strip():
            self.failed.append(response.url)
            log.warning("%s: no article body in %s", self.source.id, response.url)
            return
        hint = response.meta.get("hint", {})
        yield {
            "source_id": self.source.id,
            "canonical_url": canonical(art.canonical_url or response.url),
            "urls": [u for u in {response.meta.get("found_url"), response.url,
                                 response.request.url} if u],
            "title": art.title or hint.get("title") or "",
            "body": art.body,
            "published_at": art.published_at or hint.get("published"),
            "modified_at": art.modified_at,
            "authors": art.authors,
            "lang": art.lang or (self.source.languages[0] if self.source.languages else None),
        }

    def on_error(self, failure: Any) -> None:
        req = getattr(failure, "request", None)
        url = req.url if req is not None else "?"
        self.failed.append(url)
        log.warning("%s: request failed %s: %s", self.source.id, url, failure.getErrorMessage())
