"""Run one source's crawl in this process and return its record.

Twisted's reactor runs once per process, so the worker crawls in a child process
(`python -m tasks.crawl_child SOURCE_ID`, see tasks/crawl_child.py) and the tests fork. The
crawl-run extension (crawlers/extensions.py) writes the `CrawlRun` row; this returns it as a
summary dict."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from config.sources import Source, get_source
from crawlers.extensions import RUN_ID_STAT, summary_of
from crawlers.settings import scrapy_settings
from crawlers.signals import article_stored
from crawlers.spiders.base import SourceSpider
from crawlers.spiders.source import MultiSourceSpider
from storage.db import session_scope
from storage.models import CrawlRun, utcnow
from storage.models import Source as SourceRow
from storage.sources import sync_sources

log = logging.getLogger(__name__)

Progress = Callable[[dict[str, int]], None]
Stored = Callable[[int], None]


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


def source_overrides(source: Source) -> dict[str, Any]:
    """The Scrapy settings a source's politeness entries ask for."""
    # the private host:port pairs this source may reach (crawlers/security.py); the resolver is
    # process-wide, and one crawl is one process
    out: dict[str, Any] = {"MOUTHPIECE_PRIVATE_ENDPOINTS": sorted(f"{h}:{p}" for h, p in source.private_endpoints)}
    if source.download_delay is not None:
        out["DOWNLOAD_DELAY"] = source.download_delay
    if source.concurrency != 1:
        out["CONCURRENT_REQUESTS_PER_DOMAIN"] = source.concurrency
    if not source.autothrottle:
        out["AUTOTHROTTLE_ENABLED"] = False
    return out


def crawl(source_id: str, since: str | None = None, settings: dict[str, Any] | None = None,
          progress: Progress | None = None, *, run_id: int | None = None,
          on_stored: Stored | None = None) -> dict[str, Any]:
    """Crawl one source once, in this process (the Twisted reactor runs once per process).

    `progress`, if given, is called with {"found", "requested", "done", "stored", "finished"}
    as the crawl goes (the CLI's progress bar). `on_stored(article_id)` is called for each
    article stored or changed, once it is committed (the worker queues its extraction there).
    `run_id`: a `CrawlRun` row the caller made for this crawl; else one is made here, "running"
    until the crawl-run extension fills it in (a crawl killed meanwhile leaves it running, for
    the next crawl or the sweep to close: storage.locks.close_interrupted_runs)."""
    source = get_source(source_id)
    with session_scope() as s:
        sync_sources(s, [source])
        row = s.get(SourceRow, source_id)
        if row is not None and row.paused_until and row.paused_until > utcnow():
            log.warning("%s is paused until %s (%s); crawling anyway because it was asked for",
                        source_id, row.paused_until, row.pause_reason)
        if run_id is None and (settings or {}).get("MOUTHPIECE_CRAWL_RUNS", True):
            run = CrawlRun(source_id=source_id, status="running")
            s.add(run)
            s.flush()
            run_id = run.id

    overrides = source_overrides(source)
    overrides.update(settings or {})
    if run_id is not None:
        overrides["MOUTHPIECE_CRAWL_RUN_ID"] = run_id
    overrides.setdefault("LOG_INSTALL_ROOT_HANDLER", False)
    process = CrawlerProcess(scrapy_settings(**overrides))
    if not overrides["LOG_INSTALL_ROOT_HANDLER"]:
        quiet_scrapy(overrides.get("LOG_LEVEL"))
    crawler = process.create_crawler(spider_for(source))
    stored = [0]

    def _stored(article_id: int, created: bool = False, **_: Any) -> None:
        stored[0] += int(created)
        if on_stored is not None:
            on_stored(article_id)

    def _progress(*_: Any, finished: bool = False, **__: Any) -> None:
        sp = crawler.spider
        if progress is not None and isinstance(sp, SourceSpider):
            progress({"found": sp.articles_found, **sp.progress(), "stored": stored[0],
                      "finished": int(finished)})

    # the signal manager holds receivers weakly: both closures live as long as this call
    crawler.signals.connect(_stored, signal=article_stored)
    if progress is not None:
        for sig in (signals.response_received, signals.item_scraped, signals.request_scheduled):
            crawler.signals.connect(_progress, signal=sig)
    process.crawl(crawler, source_id=source_id, since=since)
    process.start()
    _progress(finished=True)

    recorded = crawler.stats.get_value(RUN_ID_STAT) if crawler.stats else None
    with session_scope() as s:
        done = s.get(CrawlRun, recorded) if recorded else None
        if done is None:
            raise RuntimeError(f"crawl of {source_id} left no record (is MOUTHPIECE_CRAWL_RUNS off?)")
        return summary_of(done)
