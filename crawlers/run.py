"""Run one source's crawl in this process and record it.

Celery workers call this in a child process (`python -m crawlers.run SOURCE_ID`): Twisted's
reactor cannot be restarted inside a long-lived worker. The last stdout line is a JSON summary."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from config.sources import Source, get_source
from crawlers.failures import unreachable
from crawlers.pipelines import ArticlePipeline
from crawlers.settings import scrapy_settings
from crawlers.spiders.base import CURSOR_KEY, FAILED_KEY, ROBOTS_KEY, SourceSpider
from crawlers.spiders.source import MultiSourceSpider
from storage.db import session_scope
from storage.models import CrawlRun, utcnow
from storage.models import Source as SourceRow
from storage.sources import record_crawl, sync_sources

log = logging.getLogger(__name__)

Progress = Callable[[dict[str, int]], None]


def quiet_scrapy(level: str | None) -> None:
    """Our handlers, Scrapy's level. Called after CrawlerProcess() because it resets the
    "scrapy" logger to DEBUG (its default logging config). Two Scrapy loggers report each failed
    request a second time, as ERROR and with a traceback, where the spider already says which
    URL failed and why: they speak only when something is really broken."""
    if level:
        logging.getLogger("scrapy").setLevel(level)
    for name in ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def spider_for(source: Source) -> type[SourceSpider]:
    """Telegram channels have their own spider; every other source uses the one spider that
    dispatches per discovery entry."""
    if source.kind == "telegram":
        from crawlers.spiders.telegram import TelegramSpider

        return TelegramSpider
    if not source.discovery:
        raise ValueError(f"source {source.id}: no discovery entries")
    return MultiSourceSpider


def crawl(source_id: str, since: str | None = None, settings: dict[str, Any] | None = None,
          progress: Progress | None = None) -> dict[str, Any]:
    """Crawl one source once, in this process (the Twisted reactor runs once per process).

    `progress`, if given, is called with {"found", "requested", "done", "stored"} as the crawl
    goes (the CLI's progress bar)."""
    source = get_source(source_id)
    with session_scope() as s:
        sync_sources(s, [source])
        row = s.get(SourceRow, source_id)
        if row is not None and row.paused_until and row.paused_until > utcnow():
            log.warning("%s is paused until %s (%s); crawling anyway because it was asked for",
                        source_id, row.paused_until, row.pause_reason)
        run = CrawlRun(source_id=source_id, status="running")
        s.add(run)
        s.flush()
        run_id = run.id

    pipeline_holder: dict[str, ArticlePipeline] = {}
    overrides = dict(settings or {})
    if source.download_delay is not None:
        overrides.setdefault("DOWNLOAD_DELAY", source.download_delay)
    overrides["MOUTHPIECE_ALLOW_PRIVATE"] = source.allow_private
    if source.concurrency != 1:
        overrides.setdefault("CONCURRENT_REQUESTS_PER_DOMAIN", source.concurrency)
    if not source.autothrottle:
        overrides.setdefault("AUTOTHROTTLE_ENABLED", False)
    overrides.setdefault("LOG_INSTALL_ROOT_HANDLER", False)
    process = CrawlerProcess(scrapy_settings(**overrides))
    if not overrides["LOG_INSTALL_ROOT_HANDLER"]:
        quiet_scrapy(overrides.get("LOG_LEVEL"))
    crawler = process.create_crawler(spider_for(source))

    def _grab_pipeline(spider: Any) -> None:
        for p in crawler.engine.scraper.itemproc.middlewares:
            if isinstance(p, ArticlePipeline):
                pipeline_holder["p"] = p

    def _progress(*_: Any, finished: bool = False, **__: Any) -> None:
        sp = crawler.spider
        if progress is not None and sp is not None:
            pipe = pipeline_holder.get("p")
            progress({"found": sp.articles_found, **sp.progress(),
                      "stored": len(pipe.new_ids) if pipe else 0, "finished": int(finished)})

    crawler.signals.connect(_grab_pipeline, signal=signals.spider_opened)
    if progress is not None:
        for sig in (signals.response_received, signals.item_scraped, signals.request_scheduled):
            crawler.signals.connect(_progress, signal=sig)
    process.crawl(crawler, source_id=source_id, since=since)
    process.start()

    spider: SourceSpider = crawler.spider
    _progress(finished=True)
    pipe = pipeline_holder.get("p")
    stats = crawler.stats.get_stats() if crawler.stats else {}
    requests = int(stats.get("downloader/request_count", 0))
    new_ids = pipe.new_ids if pipe else []
    changed_ids = pipe.changed_ids if pipe else []
    roots = source.start_urls
    answered = [u for u in roots if u in spider.discovery_ok]
    blocked = spider.blocked
    ok = bool(answered) and blocked is None
    error = None
    if blocked is not None:
        error = f"blocked: {blocked['reason']}"
    elif not answered:
        error = unreachable(spider.discovery_failed or [f"{u} (refused address)" for u in spider.refused])
    elif spider.discovery_failed:
        error = "partly failed: " + unreachable(spider.discovery_failed)  # ok, but said
    pause = timedelta(seconds=blocked["pause_seconds"]) if blocked else None
    with session_scope() as s:
        run = s.get(CrawlRun, run_id)
        assert run is not None
        run.finished_at = utcnow()
        run.status = "ok" if ok else ("blocked" if blocked else "failed")
        run.requests = requests
        run.articles_new = len(new_ids)
        run.articles_updated = len(changed_ids)
        run.error = error
        run.stats = {
            "discovery_requests": spider.discovery_requests,
            "article_requests": spider.article_requests,
            "articles_listed": spider.articles_found,
            "skipped_seen": spider.skipped_seen,
            "skipped_failed": spider.skipped_failed,
            "failed_urls": spider.failed[:50],
            "refused_urls": spider.refused[:50],
            "status_403": int(stats.get("mouthpiece/status_403", 0)),
            "retry_after": int(stats.get("mouthpiece/retry_after", 0)),
            "robots_requests": int(stats.get("robotstxt/request_count", 0)),
            "crawl_delays": stats.get("mouthpiece/crawl_delays", {}),
            "finish_reason": stats.get("finish_reason"),
        }
        if source.kind == "telegram":
            run.stats.update({"pages": spider.discovery_requests, "skipped_media": getattr(spider, "skipped_media", 0),
                              "edited_seen": getattr(spider, "edited_seen", 0)})
        row = s.get(SourceRow, source_id)
        if row is not None:
            cache = dict(row.http_cache or {})
            for url in spider.dirty:
                cache.pop(url, None)
            cache.update(spider.saved_validators())
            robots = dict(cache.get(ROBOTS_KEY) or {})
            robots.update(spider.new_robots)
            cache[ROBOTS_KEY] = robots
            cache[FAILED_KEY] = {u: n for u, n in spider.failed_attempts.items() if n}
            cursor = spider.next_cursor()
            if cursor is not None:
                cache[CURSOR_KEY] = cursor
            row.http_cache = cache
        record_crawl(s, source_id, ok=ok, new_articles=len(new_ids), error=error, pause_for=pause,
                     pause_reason=blocked["reason"] if blocked else None)
    if blocked:
        log.error("%s: crawl stopped and source paused for %s: %s", source_id, pause, blocked["reason"])
    summary = {
        "source_id": source_id, "run_id": run_id, "ok": ok, "requests": requests,
        "new_article_ids": new_ids, "changed_article_ids": changed_ids,
        "article_requests": spider.article_requests, "discovery_requests": spider.discovery_requests,
        "skipped_seen": spider.skipped_seen, "failed_urls": spider.failed, "refused_urls": spider.refused,
        "blocked": blocked, "error": error, "skipped_media": getattr(spider, "skipped_media", 0),
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Crawl one configured source once (used by the worker).")
    ap.add_argument("source_id")
    ap.add_argument("--since", help="ISO date: skip entries published before it (backfill bound)")
    ap.add_argument("--log-level", default="INFO")
    a = ap.parse_args(argv)
    # no timestamp: the worker that reads these lines logs them with its own (one per line)
    logging.basicConfig(level=a.log_level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    summary = crawl(a.source_id, since=a.since, settings={"LOG_LEVEL": a.log_level,
                                                         "MOUTHPIECE_ENQUEUE_EXTRACTION": True})
    print(json.dumps(summary))
    return 0 if summary["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
