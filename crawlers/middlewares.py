"""Downloader middlewares: where the crawler may connect, and how politely it does so.

- `AddressGuardMiddleware`: every request (and so every redirect) to a non-public address is
  refused unless the source allows it (crawlers/security.py).
- `PolitenessMiddleware`: robots.txt (cached between crawls, so a re-crawl does not fetch it
  again within ROBOTS_CACHE_HOURS), its Crawl-delay applied per domain (Scrapy ignores it),
  Retry-After on 429/503, and a 403 burst (a bot wall) that stops the crawl and pauses the source.
"""
from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from datetime import UTC, timedelta
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet import threads

from crawlers.security import UNRESOLVED, endpoints_setting, private_allowed, url_problem

log = logging.getLogger(__name__)


class AddressGuardMiddleware:
    """Refuse requests to private, loopback, link-local and metadata addresses (SSRF)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.legacy_allow = crawler.settings.getbool("MOUTHPIECE_ALLOW_PRIVATE")
        self.endpoints = endpoints_setting(crawler.settings.getlist("MOUTHPIECE_PRIVATE_ENDPOINTS"))
        self._verdicts: dict[str, str | None] = {}

    def allowed_endpoints(self) -> frozenset[tuple[str, int]]:
        """The private host:port pairs of this crawl: the settings' and the spider's source's
        (its own discovery host:port pairs only, when MOUTHPIECE_ALLOW_PRIVATE is on)."""
        source = getattr(self.crawler.spider, "source", None)
        own: frozenset[tuple[str, int]] = frozenset()
        if source is not None:
            own = source.private_endpoints
            if self.legacy_allow and not own:
                from config.sources import url_endpoint

                own = frozenset(e for e in (url_endpoint(u) for u in source.start_urls) if e)
        return self.endpoints | own

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            self._refuse(request, f"scheme {parts.scheme!r} is not allowed")
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._verdicts:
            allow = private_allowed(request.url, self.allowed_endpoints())
            self._verdicts[key] = await maybe_deferred_to_future(
                threads.deferToThread(url_problem, request.url, True, allow))
        why = self._verdicts[key]
        if why and why.startswith(UNRESOLVED):
            # no address at all (offline, a DNS problem): a failed request like any other, not a
            # refusal, so no advice to switch the guard off; failing here spares the downloader's
            # retries of a lookup that just failed
            raise IgnoreRequest(why)
        if why:
            self._refuse(request, why)

    def _refuse(self, request: Request, why: str) -> None:
        spider = self.crawler.spider
        sid = getattr(getattr(spider, "source", None), "id", "?")
        # the hint fits the reason: a name that does not resolve is no matter for allow_private
        hint = ""
        if any(w in why for w in ("loopback", "private", "link-local", "internal host", "not a public")):
            hint = " (list its host:port in the source's allow_private only if it is a site you run)"
        log.warning("%s: refused %s: %s%s", sid, request.url, why, hint)
        self.crawler.stats.inc_value("mouthpiece/refused_address")
        if spider is not None and hasattr(spider, "refused"):
            spider.refused.append(request.url)
        raise IgnoreRequest(f"refused address: {why}")


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    v = value.decode("latin-1") if isinstance(value, bytes) else value
    v = v.strip()
    if v.isdigit():
        return float(v)
    try:
        when = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class PolitenessMiddleware(RobotsTxtMiddleware):
    """robots.txt with Crawl-delay, per-domain spacing, Retry-After, and the 403 circuit breaker.

    Settings: ROBOTS_CACHE_HOURS (24), MOUTHPIECE_MAX_CRAWL_DELAY (60 s),
    MOUTHPIECE_MAX_RETRY_AFTER (600 s: longer waits pause the source instead),
    MOUTHPIECE_RETRY_AFTER_TIMES (3), MOUTHPIECE_BACKOFF_BASE (5 s, when no Retry-After),
    MOUTHPIECE_BLOCK_AFTER_403 (3 consecutive 403s on a domain)."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        s = crawler.settings
        self.robots_ttl = s.getfloat("ROBOTS_CACHE_HOURS", 24.0) * 3600
        self.max_crawl_delay = s.getfloat("MOUTHPIECE_MAX_CRAWL_DELAY", 60.0)
        self.max_retry_after = s.getfloat("MOUTHPIECE_MAX_RETRY_AFTER", 600.0)
        self.retry_times = s.getint("MOUTHPIECE_RETRY_AFTER_TIMES", 3)
        self.backoff_base = s.getfloat("MOUTHPIECE_BACKOFF_BASE", 5.0)
        self.block_after = s.getint("MOUTHPIECE_BLOCK_AFTER_403", 3)
        self.crawl_delays: dict[str, float] = {}
        self._next_at: dict[str, float] = {}  # netloc -> monotonic time of the next allowed request
        self._last_at: dict[str, float] = {}
        self._403s: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> PolitenessMiddleware:
        return cls(crawler)

    # -- robots.txt, cached across crawls in Source.http_cache ----------------------------------
    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            cached = self._robots_cache().get(netloc)
            if cached and time.time() - float(cached.get("fetched", 0)) < self.robots_ttl:
                cached_rp: RobotParser = build_from_crawler(self._parserimpl, self.crawler,
                                                            cached["body"].encode("utf-8"))
                self._parsers[netloc] = cached_rp
                self._note_delay(netloc, cached_rp)
                self.crawler.stats.inc_value("mouthpiece/robots_cached")
                return cached_rp
        rp = await super().robot_parser(request)
        if rp is not None and netloc not in self.crawl_delays:
            self._note_delay(netloc, rp)
        return rp

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        # RFC 9309 §2.3.1: a 4xx robots.txt means "no rules"; a 5xx means "disallow everything"
        if 200 <= response.status < 300:
            body = response.body
        elif response.status >= 500:
            body = b"User-agent: *\nDisallow: /\n"
        else:
            body = b""
        spider = self.crawler.spider
        if spider is not None and hasattr(spider, "new_robots") and response.status < 500:
            spider.new_robots[netloc] = {"body": body.decode("utf-8", "replace"), "fetched": time.time()}
        response = response.replace(body=body)
        await super()._parse_robots(response, netloc, request)

    def _robots_cache(self) -> dict[str, Any]:
        return getattr(self.crawler.spider, "robots_cache", None) or {}

    def _note_delay(self, netloc: str, rp: Any) -> None:
        ua = self._robotstxt_useragent or self._default_useragent
        delay = None
        try:
            delay = rp.crawl_delay(ua)
        except Exception:  # parsers without crawl_delay support
            delay = None
        if delay:
            if delay > self.max_crawl_delay:
                log.warning("%s asks for Crawl-delay %.0fs; capped at %.0fs", netloc, delay,
                            self.max_crawl_delay)
                delay = self.max_crawl_delay
            log.info("%s: robots.txt Crawl-delay %.2fs applied", netloc, delay)
            self.crawl_delays[netloc] = float(delay)
            # in the stats at once: the crawl-run extension reads them when the spider closes
            self.crawler.stats.set_value("mouthpiece/crawl_delays", dict(self.crawl_delays))

    # -- requests --------------------------------------------------------------------------------
    async def process_request(self, request: Request, spider: Any = None) -> None:
        await super().process_request(request)
        netloc = urlparse_cached(request).netloc
        if request.meta.get("dont_obey_robotstxt"):
            return  # robots.txt itself
        await self._wait_turn(netloc)

    async def _wait_turn(self, netloc: str) -> None:
        """Space requests to one domain by its Crawl-delay, and hold them until a Retry-After ends.
        Each request reserves its slot before sleeping, so concurrent ones queue up in order."""
        now = time.monotonic()
        delay = self.crawl_delays.get(netloc, 0.0)
        start = max(now, self._next_at.get(netloc, 0.0))
        if delay and netloc in self._last_at:
            start = max(start, self._last_at[netloc] + delay)
        self._last_at[netloc] = start
        if start > now:
            self.crawler.stats.inc_value("mouthpiece/politeness_waits")
            await asyncio.sleep(start - now)

    # -- responses -------------------------------------------------------------------------------
    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        netloc = urlparse_cached(request).netloc
        if request.meta.get("dont_obey_robotstxt"):
            return response  # robots.txt itself: its status is interpreted in _parse_robots
        if response.status in (429, 503):
            return self._retry_later(request, response, netloc)
        if response.status == 403:
            n = self._403s[netloc] = self._403s.get(netloc, 0) + 1
            self.crawler.stats.inc_value("mouthpiece/status_403")
            if n >= self.block_after:
                self._blocked(f"{n} consecutive 403 responses from {netloc} (a bot wall?)")
            return response
        if 200 <= response.status < 400:
            self._403s[netloc] = 0
        return response

    def _retry_later(self, request: Request, response: Response, netloc: str) -> Request | Response:
        tries = request.meta.get("retry_after_times", 0)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        header = wait is not None
        if wait is None:
            wait = self.backoff_base * (2 ** tries)
        self.crawler.stats.inc_value(f"mouthpiece/status_{response.status}")
        if header and wait > self.max_retry_after:
            self._blocked(f"{netloc} answered {response.status} with Retry-After {wait:.0f}s",
                          pause=timedelta(seconds=wait))
            return response
        if tries >= self.retry_times:
            log.warning("gave up on %s after %d retries (%s)", request.url, tries, response.status)
            return response
        self._next_at[netloc] = max(self._next_at.get(netloc, 0.0), time.monotonic() + wait)
        log.info("%s answered %s; retrying %s in %.1fs%s", netloc, response.status, request.url, wait,
                 " (Retry-After)" if header else " (backoff)")
        self.crawler.stats.inc_value("mouthpiece/retry_after")
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_times"] = tries + 1
        retry.priority = request.priority + 1
        return retry

    def _blocked(self, why: str, pause: timedelta | None = None) -> None:
        spider = self.crawler.spider
        if spider is not None and hasattr(spider, "note_blocked"):
            spider.note_blocked(why, pause)

