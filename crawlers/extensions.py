"""The crawl-run record: one `CrawlRun` row per crawl of a source, written by a Scrapy extension.

Whoever starts the crawl (the worker's child process, `mouthpiece crawl`, `scrapy crawl SOURCE`)
gets the same record. When the spider closes, the extension fills in the row the caller made
(`MOUTHPIECE_CRAWL_RUN_ID`: the worker makes it first, so that it can mark a crawl whose
process died) or a new one: status, counts, error, the per-crawl stats, and the source's state
for next time (conditional-GET validators, robots.txt cache, failed URLs, health). A spider that
made no discovery request did not crawl (`scrapy parse URL`, `scrapy shell`): no record.
Switched off with `MOUTHPIECE_CRAWL_RUNS = False` (NotConfigured).

To record something new about a crawl, add a key to `CrawlRunRecorder.run_stats` (JSON in
`crawl_runs.stats`) or, for a column, set it in `CrawlRunRecorder.fill`."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawlers.failures import unreachable
from crawlers.signals import article_stored
from crawlers.spiders.base import CURSOR_KEY, FAILED_KEY, ROBOTS_KEY, SourceSpider
from storage.db import session_scope
from storage.models import CrawlRun, utcnow
from storage.models import Source as SourceRow
from storage.sources import record_crawl

log = logging.getLogger(__name__)

RUN_ID_STAT = "mouthpiece/crawl_run_id"  # where the caller finds the row (crawler.stats)
LIST_MAX = 50  # URLs kept per list in the record


@dataclass
class Outcome:
    """How one crawl ended, in the words `status` and the digest show."""

    status: str  # ok | failed | blocked
    error: str | None
    pause: timedelta | None = None
    pause_reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def outcome_of(spider: SourceSpider) -> Outcome:
    """ok when at least one discovery URL answered and no bot wall stopped the crawl; a partial
    failure is ok but says so."""
    blocked = spider.blocked
    if blocked is not None:
        return Outcome("blocked", f"blocked: {blocked['reason']}",
                       timedelta(seconds=blocked["pause_seconds"]), blocked["reason"])
    if not any(u in spider.discovery_ok for u in spider.source.start_urls):
        return Outcome("failed", unreachable(spider.discovery_failed or
                                             [f"{u} (refused address)" for u in spider.refused]))
    if spider.discovery_failed:
        return Outcome("ok", "partly failed: " + unreachable(spider.discovery_failed))
    return Outcome("ok", None)


class CrawlRunRecorder:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.run_id: int | None = crawler.settings.getint("MOUTHPIECE_CRAWL_RUN_ID") or None
        self.new_ids: list[int] = []
        self.changed_ids: list[int] = []
        self.started_at: datetime | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlRunRecorder:
        if not crawler.settings.getbool("MOUTHPIECE_CRAWL_RUNS", True):
            raise NotConfigured("MOUTHPIECE_CRAWL_RUNS is off")
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.article_stored, signal=article_stored)
        return ext

    # -- signals ---------------------------------------------------------------------------
    def spider_opened(self, spider: Any) -> None:
        if not isinstance(spider, SourceSpider):
            return  # a foreign spider: nothing to record
        self.started_at = utcnow()

    def article_stored(self, article_id: int, created: bool, changed: bool, **_: Any) -> None:
        (self.new_ids if created else self.changed_ids).append(article_id)

    def spider_closed(self, spider: Any, reason: str = "") -> None:
        if self.started_at is None or not spider.discovery_requests:
            return
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        result = outcome_of(spider)
        with session_scope() as s:
            run = s.get(CrawlRun, self.run_id) if self.run_id else None
            if run is None:
                run = CrawlRun(source_id=spider.source.id, started_at=self.started_at)
                s.add(run)
            self.fill(run, spider, stats, result)
            s.flush()
            self.run_id = run.id
            self.save_source_state(s, spider)
            record_crawl(s, spider.source.id, ok=result.ok, new_articles=len(self.new_ids), error=result.error,
                         pause_for=result.pause, pause_reason=result.pause_reason)
        self.crawler.stats.set_value(RUN_ID_STAT, self.run_id)
        if result.status == "blocked":
            log.error("%s: crawl stopped and source paused for %s: %s", spider.source.id, result.pause,
                      result.pause_reason)

    # -- what is recorded ------------------------------------------------------------------
    def fill(self, run: CrawlRun, spider: SourceSpider, stats: dict[str, Any], result: Outcome) -> None:
        run.finished_at = utcnow()
        run.status = result.status
        run.requests = int(stats.get("downloader/request_count", 0))
        run.articles_new = len(self.new_ids)
        run.articles_updated = len(self.changed_ids)
        run.error = result.error
        run.stats = self.run_stats(spider, stats)

    def run_stats(self, spider: SourceSpider, stats: dict[str, Any]) -> dict[str, Any]:
        return {
            "discovery_requests": spider.discovery_requests,
            "article_requests": spider.article_requests,
            "articles_listed": spider.articles_found,
            "skipped_seen": spider.skipped_seen,
            "skipped_failed": spider.skipped_failed,
            "articles_failed": len(spider.failed),
            "failed_urls": spider.failed[:LIST_MAX],
            "refused_urls": spider.refused[:LIST_MAX],
            "new_article_ids": list(self.new_ids),
            "changed_article_ids": list(self.changed_ids),
            "blocked": spider.blocked,
            "status_403": int(stats.get("mouthpiece/status_403", 0)),
            "retry_after": int(stats.get("mouthpiece/retry_after", 0)),
            "robots_requests": int(stats.get("robotstxt/request_count", 0)),
            "crawl_delays": stats.get("mouthpiece/crawl_delays", {}),
            "finish_reason": stats.get("finish_reason"),
            "parser_drift": drift_stats(spider),
            # Telegram channels: pages read, media-only posts skipped, edited posts seen
            **({"pages": spider.discovery_requests, "skipped_media": getattr(spider, "skipped_media", 0),
                "edited_seen": getattr(spider, "edited_seen", 0)} if spider.source.kind == "telegram" else {}),
        }

    @staticmethod
    def save_source_state(session: Any, spider: SourceSpider) -> None:
        """What the next crawl starts from: validators of discovery URLs that were read in full,
        robots.txt bodies, and how often each failed article URL has failed."""
        row = session.get(SourceRow, spider.source.id)
        if row is None:
            return
        cache = dict(row.http_cache or {})
        for url in spider.dirty:
            cache.pop(url, None)
        cache.update(spider.saved_validators())
        robots = dict(cache.get(ROBOTS_KEY) or {})
        robots.update(spider.new_robots)
        cache[ROBOTS_KEY] = robots
        cache[FAILED_KEY] = {u: n for u, n in spider.failed_attempts.items() if n}
        row.parser_drift = (row.parser_drift or 0) + len(spider.drift)
        cursor = spider.next_cursor()
        if cursor is not None:  # a source's own position (a Telegram channel's last post)
            cache[CURSOR_KEY] = cursor
        row.http_cache = cache


def drift_stats(spider: SourceSpider) -> dict[str, Any]:
    """Parser drift in one crawl: of the articles a site parser read, how many it missed a title,
    a date or a body on (each stored from the generic extractor), per field, and where."""
    fields: dict[str, int] = {}
    for d in spider.drift:
        for f in d["fields"]:
            fields[f] = fields.get(f, 0) + 1
    return {"articles": len(spider.drift), "parsed": spider.site_parsed, "fields": fields,
            "urls": [d["url"] for d in spider.drift[:LIST_MAX]]}


def summary_of(run: CrawlRun) -> dict[str, Any]:
    """The crawl summary callers print or return, read back from the row."""
    st = dict(run.stats or {})
    return {
        "source_id": run.source_id, "run_id": run.id, "ok": run.status == "ok", "status": run.status,
        "requests": run.requests, "new_article_ids": list(st.get("new_article_ids", [])),
        "changed_article_ids": list(st.get("changed_article_ids", [])),
        "article_requests": st.get("article_requests", 0), "discovery_requests": st.get("discovery_requests", 0),
        "skipped_seen": st.get("skipped_seen", 0), "failed_count": st.get("articles_failed", 0),
        "failed_urls": list(st.get("failed_urls", [])), "refused_urls": list(st.get("refused_urls", [])),
        "blocked": st.get("blocked"), "error": run.error, "skipped_media": st.get("skipped_media", 0),
        "parser_drift": st.get("parser_drift") or {"articles": 0, "parsed": 0, "fields": {}, "urls": []},
    }
