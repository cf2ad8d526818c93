"""What every Mouthpiece spider shares: the source config, the seen-URL skip, conditional GET
on discovery URLs (feeds, sitemaps, listing pages), and turning an article response into an item.

State kept between crawls lives in `Source.http_cache` (a JSON column):
  {discovery_url: {"etag", "last_modified", "lastmod"}, ...,
   "__robots__": {netloc: {"body", "fetched"}},
   "__failed__": {article_url: attempts},
   "__cursor__": {...}}  (a source's own position, e.g. a Telegram channel's last post id)
A discovery URL's validators are only saved when every article it listed was fetched (or given
up on), so a 304 next time never hides an article that failed this time."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from scrapy.http import Response

from config.sources import Discovery, Source, get_source
from crawlers.urls import canonical
from storage.articles import seen_urls, site_of, storage_key
from storage.db import session_scope
from storage.models import Source as SourceRow

log = logging.getLogger(__name__)

ROBOTS_KEY = "__robots__"
FAILED_KEY = "__failed__"
CURSOR_KEY = "__cursor__"
MAX_ARTICLE_ATTEMPTS = 3  # an article URL that failed this often is skipped (listed in CrawlRun)


def requested_url(response: Response) -> str:
    """The URL that was asked for (before redirects), else the response's own."""
    return response.request.url if response.request is not None else response.url


def parse_since(since: str | datetime | None) -> datetime | None:
    if since is None or since == "":
        return None
    d = since if isinstance(since, datetime) else datetime.fromisoformat(str(since))
    return d if d.tzinfo else d.replace(tzinfo=UTC)


class SourceSpider(scrapy.Spider):
    """Base for spiders that crawl one configured source."""

    name = "base"

    def __init__(self, source_id: str, since: str | None = None, config_path: str | None = None,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.source: Source = get_source(source_id, config_path)
        self.since = parse_since(since)
        self.validators: dict[str, dict[str, Any]] = {}
        self.new_validators: dict[str, dict[str, Any]] = {}
        self.robots_cache: dict[str, Any] = {}
        self.new_robots: dict[str, Any] = {}
        self.failed_attempts: dict[str, int] = {}
        self.discovery_requests = 0
        self.discovery_ok: set[str] = set()     # discovery roots that answered (200 or 304)
        self.discovery_failed: list[str] = []
        self.dirty: set[str] = set()            # discovery URLs whose validators must not be saved
        self.article_requests = 0
        self.articles_found = 0                 # article links listed by discovery (seen or not)
        self.skipped_seen = 0
        self.skipped_failed = 0
        self.failed: list[str] = []
        self.refused: list[str] = []
        self.blocked: dict[str, Any] | None = None
        self.article_done = 0
        self.emitted: set[str] = set()          # article URLs listed so far in this crawl
        self.site_parsed = 0                    # articles read by a site-specific parser
        self.drift: list[dict[str, Any]] = []   # {"url", "fields"}: what a site parser missed
        self.root_of: dict[str, str] = {}       # discovery URL -> the configured URL it came from
        # the sites (registrable domain[:port]) this source crawls: a page's declared canonical
        # URL is its key only on one of them (storage.articles.storage_key)
        self.allowed_sites = frozenset(x for x in (site_of(u) for u in self.source.start_urls) if x)
        with session_scope() as s:
            row = s.get(SourceRow, source_id)
            cache = dict(row.http_cache or {}) if row is not None else {}
        self.robots_cache = dict(cache.pop(ROBOTS_KEY, {}) or {})
        self.failed_attempts = dict(cache.pop(FAILED_KEY, {}) or {})
        self.cursor: dict[str, Any] = dict(cache.pop(CURSOR_KEY, {}) or {})
        self.validators = {k: v for k, v in cache.items() if isinstance(v, dict)}

    async def start(self) -> Any:
        for req in self.start_requests():
            yield req

    def start_requests(self) -> Iterator[scrapy.Request]:
        return iter(())

    def next_cursor(self) -> dict[str, Any] | None:
        """The position to save for the next crawl (None: keep the old one)."""
        return None

    def progress(self) -> dict[str, Any]:
        """The CLI's progress bar: article fetches requested and done."""
        return {"requested": self.article_requests, "done": self.article_done, "note": ""}

    # -- discovery ---------------------------------------------------------------------------
    def discovery_request(self, url: str, callback: Any, *, root: str | None = None,
                          conditional: bool = True, **meta: Any) -> scrapy.Request:
        """A request for a feed/sitemap/listing, conditional when we have validators for it.
        `root` is the configured discovery URL it descends from (itself for the first page)."""
        headers = {}
        v = self.validators.get(url, {}) if conditional else {}
        if v.get("etag"):
            headers["If-None-Match"] = v["etag"]
        if v.get("last_modified"):
            headers["If-Modified-Since"] = v["last_modified"]
        self.discovery_requests += 1
        self.root_of[url] = root or url
        return scrapy.Request(url, callback=callback, headers=headers, dont_filter=True,
                              errback=self.on_discovery_error, priority=10,
                              meta={"handle_httpstatus_list": [304], "discovery": True,
                                    "root": root or url, **meta})

    def not_modified(self, response: Response) -> bool:
        """True (and the old validators kept) when the server answered 304."""
        self.discovery_ok.add(response.meta.get("root", response.url))
        if response.status == 304:
            self.logger.info("%s: unchanged (304) %s", self.source.id, response.url)
            self.keep_validators(requested_url(response))
            return True
        return False

    def keep_validators(self, url: str, **extra: Any) -> None:
        old = dict(self.validators.get(url, {}))
        old.update(extra)
        self.new_validators[url] = old

    def remember_validators(self, response: Response, **extra: Any) -> None:
        etag = response.headers.get(b"ETag")
        lm = response.headers.get(b"Last-Modified")
        v: dict[str, Any] = {k: val.decode("latin-1") for k, val in (("etag", etag), ("last_modified", lm)) if val}
        v.update({k: val for k, val in extra.items() if val is not None})
        if v:
            self.new_validators[requested_url(response)] = v

    def mark_dirty(self, url: str | None) -> None:
        """Do not save validators for this discovery URL nor for its root (index, listing page 1),
        so the next crawl reads them again in full."""
        if url:
            self.dirty.add(url)
            self.dirty.add(self.root_of.get(url, url))

    def saved_validators(self) -> dict[str, dict[str, Any]]:
        return {u: v for u, v in self.new_validators.items() if u not in self.dirty}

    def follows(self, d: Discovery, url: str) -> bool:
        from config.patterns import cached

        return d.follow is None or cached(d.follow).search(url)

    def too_old(self, when: datetime | None) -> bool:
        if self.since is None or when is None:
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when < self.since

    def follow_articles(self, links: list[tuple[str, dict[str, Any]]], via: str) -> Iterator[scrapy.Request]:
        """Request each article link not stored yet (the seen-URL skip). `via` is the discovery
        URL that listed them: if one of them fails, its validators are not saved."""
        pairs = [(canonical(u), u, hint) for u, hint in links]
        with session_scope() as s:
            seen = seen_urls(s, [c for c, _, _ in pairs] + [u for _, u, _ in pairs], source_id=self.source.id)
        for url, raw, hint in pairs:
            if url in self.emitted:
                continue
            self.emitted.add(url)
            self.articles_found += 1
            if url in seen or raw in seen:
                self.skipped_seen += 1
                continue
            if self.too_old(hint.get("published")):
                self.mark_dirty(via)  # a later crawl without --since must see this entry again
                continue
            if self.failed_attempts.get(url, 0) >= MAX_ARTICLE_ATTEMPTS:
                self.skipped_failed += 1
                continue
            self.article_requests += 1
            yield scrapy.Request(url, callback=self.parse_article, errback=self.on_article_error,
                                 meta={"hint": hint, "found_url": raw, "via": via})

    # -- articles ----------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        from crawlers.article import BlockedPageError, NotHTMLError, extract_article

        self.article_done += 1
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if ctype and "html" not in ctype and "xml" not in ctype and "text/plain" not in ctype:
            self.article_failed(response, f"not HTML ({ctype})", permanent=True)
            return
        try:
            art = extract_article(response.body, response.url, source=self.source,
                                  headers={k.decode("latin-1"): v[0].decode("latin-1")
                                           for k, v in response.headers.items() if v})
        except BlockedPageError as e:
            self.article_failed(response, f"bot wall page: {e}")
            self.note_blocked(f"bot wall page instead of {response.url}")
            return
        except NotHTMLError as e:
            self.article_failed(response, f"not HTML: {e}", permanent=True)
            return
        except Exception as e:  # a broken page must not stop the crawl; say which and why
            self.article_failed(response, f"could not extract: {e}")
            return
        if not art.body.strip():
            self.article_failed(response, "no article body")
            return
        self.note_drift(response.url, art)
        hint = response.meta.get("hint", {})
        published = art.published_at or hint.get("published")
        if self.too_old(published):
            self.logger.debug("%s: %s is older than --since; not stored", self.source.id, response.url)
            return
        self.failed_attempts.pop(canonical(response.meta.get("found_url") or response.url), None)
        key, elsewhere = storage_key(canonical(response.url),
                                     canonical(art.canonical_url) if art.canonical_url else None,
                                     self.allowed_sites)
        extra: dict[str, Any] = {}
        if elsewhere:  # another site's URL (a reprint's original, or a lie): a link, never the key
            self.logger.info("%s: %s declares canonical %s off its site; kept as a reprint link",
                             self.source.id, response.url, elsewhere)
            if getattr(self, "crawler", None) is not None:
                self.crawler.stats.inc_value("mouthpiece/canonical_elsewhere")
            extra["canonical_elsewhere"] = elsewhere
        yield {
            "source_id": self.source.id,
            "canonical_url": key,
            "urls": [canonical(u) for u in dict.fromkeys(
                u for u in (response.meta.get("found_url"), response.url, requested_url(response)) if u)],
            "title": art.title or hint.get("title") or "",
            "body": art.body,
            "published_at": published,
            "modified_at": art.modified_at,
            "authors": art.authors,
            "lang": art.lang or (self.source.languages[0] if self.source.languages else None),
            "extra": extra or None,
            "decode_warning": art.decode_warning,
            "_via": response.meta.get("via"),
            "_found_url": response.meta.get("found_url"),
        }

    def note_drift(self, url: str, art: Any) -> None:
        """Count what the site parser read, and what it missed (parser drift: the page was stored
        from the generic extractor for those fields)."""
        if art.parser.split("+")[0] in ("generic", "trafilatura", "GenericParser"):
            return
        self.site_parsed += 1
        if art.drift:
            self.drift.append({"url": url, "fields": list(art.drift)})
            self.logger.warning("%s: parser %s found no %s on %s; stored from the generic extractor "
                                "(parser drift: has the site changed its layout?)", self.source.id,
                                art.parser, ", ".join(art.drift), url)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[dict[str, Any]]:
        """A response without a callback is an article page: what `scrapy parse URL` shows."""
        yield from self.parse_article(response)

    def article_failed(self, response: Response | None, why: str, *, url: str | None = None,
                       permanent: bool = False, via: str | None = None) -> None:
        url = url or (response.meta.get("found_url") or response.url if response is not None else "?")
        key = canonical(url)
        self.failed.append(url)
        n = self.failed_attempts[key] = (MAX_ARTICLE_ATTEMPTS if permanent else
                                         self.failed_attempts.get(key, 0) + 1)
        via = via or (response.meta.get("via") if response is not None else None)
        if via and n < MAX_ARTICLE_ATTEMPTS:
            self.mark_dirty(via)  # look at that feed/sitemap/listing again next time
        log.warning("%s: skipped %s: %s%s", self.source.id, url, why,
                    " (will not retry)" if n >= MAX_ARTICLE_ATTEMPTS else f" (attempt {n})")

    def on_article_error(self, failure: Any) -> None:
        self.article_done += 1
        req = getattr(failure, "request", None)
        url = req.meta.get("found_url") or req.url if req is not None else "?"
        resp = getattr(getattr(failure, "value", None), "response", None)
        why = f"HTTP {resp.status}" if resp is not None else failure.getErrorMessage()
        refused = "refused address" in failure.getErrorMessage()
        self.article_failed(None, why, url=url, via=req.meta.get("via") if req is not None else None,
                            permanent=refused)

    def on_discovery_error(self, failure: Any) -> None:
        req = getattr(failure, "request", None)
        url = req.url if req is not None else "?"
        resp = getattr(getattr(failure, "value", None), "response", None)
        why = f"HTTP {resp.status}" if resp is not None else failure.getErrorMessage()
        self.failed.append(url)
        self.discovery_failed.append(f"{url} ({why})")
        gone = resp is not None and resp.status in (404, 410)
        if req is not None and not (gone and self.root_of.get(req.url, req.url) != req.url):
            self.mark_dirty(req.url)  # a missing next page is no reason to re-read page 1 in full
        log.warning("%s: discovery request failed %s: %s", self.source.id, url, why)

    # kept for spiders written against the first version
    on_error = on_discovery_error

    # -- bot walls ---------------------------------------------------------------------------
    def note_blocked(self, why: str, pause: timedelta | None = None) -> None:
        """A bot wall: stop this crawl now; run.py pauses the source and says so."""
        if self.blocked is not None:
            return
        pause = pause or timedelta(minutes=self.source.pause_minutes)
        self.blocked = {"reason": why, "pause_seconds": pause.total_seconds()}
        log.error("%s: BLOCKED: %s; stopping this crawl and pausing the source for %s",
                  self.source.id, why, pause)
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.engine is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(crawler.engine.close_spider_async(reason="blocked"))
