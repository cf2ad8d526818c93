"""Run one source's crawl in this process and record it.

Celery workers call this in a child process (`python -m crawlers.run SOURCE_ID`): Twisted's
reactor cannot be restarted inside a long-lived worker. The last stdout line is a JSON summary."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from scrapy.crawler import CrawlerProcess

from config.sources import Source, get_source
from crawlers.pipelines import ArticlePipeline
from crawlers.settings import scrapy_settings
from crawlers.spiders.base import SourceSpider
from crawlers.spiders.feed import FeedSpider
from storage.db import session_scope
from storage.models import CrawlRun, utcnow
from storage.models import Source as SourceRow
from storage.sources import record_crawl, sync_sources

log = logging.getLogger(__name__)

SPIDERS: dict[str, type[SourceSpider]] = {"feed": FeedSpider}


def spider_for(source: Source) -> type[SourceSpider]:
    kinds = {d.type for d in source.discovery}
    for kind in ("feed", "sitemap", "listing"):
        if kind in kinds and kind in SPIDERS:
            return SPIDERS[kind]
    raise ValueError(f"source {source.id}: no spider for discovery {sorted(kinds)}")


def crawl(source_id: str, since: str | None = None, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    source = get_source(source_id)
    with session_scope() as s:
        sync_sources(s, [source])
        run = CrawlRun(source_id=source_id, status="running")
        s.add(run)
        s.flush()
        run_id = run.id

    pipeline_holder: dict[str, ArticlePipeline] = {}
    spider_cls = spider_for(source)
    overrides = dict(settings or {})
    if source.download_delay is not None:
        overrides.setdefault("DOWNLOAD_DELAY", source.download_delay)
    process = CrawlerProcess(scrapy_settings(**overrides), install_root_handler=False)
    crawler = process.create_crawler(spider_cls)

    def _grab_pipeline(spider: Any) -> None:
        for p in crawler.engine.scraper.itemproc.middlewares:
            if isinstance(p, ArticlePipeline):
                pipeline_holder["p"] = p

    from scrapy import signals

    crawler.signals.connect(_grab_pipeline, signal=signals.spider_opened)
    process.crawl(crawler, source_id=source_id, since=since)
    process.start()

    spider: SourceSpider = crawler.spider
    pipe = pipeline_holder.get("p")
    stats = crawler.stats.get_stats() if crawler.stats else {}
    requests = int(stats.get("downloader/request_count", 0))
    new_ids = pipe.new_ids if pipe else []
    changed_ids = pipe.changed_ids if pipe else []
    discovery_failed = [u for u in spider.failed if u in {str(d.url) for d in source.discovery}]
    ok = not discovery_failed and spider.discovery_requests > 0
    status_403 = int(stats.get("downloader/response_status_count/403", 0))
    error = None if ok else f"discovery failed: {', '.join(discovery_failed) or 'no discovery URL'}"
    with session_scope() as s:
        run = s.get(CrawlRun, run_id)
        assert run is not None
        run.finished_at = utcnow()
        run.status = "ok" if ok else "failed"
        run.requests = requests
        run.articles_new = len(new_ids)
        run.articles_updated = len(changed_ids)
        run.error = error
        run.stats = {
            "discovery_requests": spider.discovery_requests,
            "article_requests": spider.article_requests,
            "skipped_seen": spider.skipped_seen,
            "failed_urls": spider.failed[:50],
            "status_403": status_403,
        }
        row = s.get(SourceRow, source_id)
        if row is not None:
            cache = dict(row.http_cache or {})
            cache.update(spider.new_validators)
            row.http_cache = cache
        record_crawl(s, source_id, ok=ok, new_articles=len(new_ids), error=error)
    summary = {
        "source_id": source_id, "run_id": run_id, "ok": ok, "requests": requests,
        "new_article_ids": new_ids, "changed_article_ids": changed_ids,
        "skipped_seen": spider.skipped_seen, "failed_urls": spider.failed, "error": error,
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Crawl one configured source once (used by the worker).")
    ap.add_argument("source_id")
    ap.add_argument("--since", help="ISO date: skip entries published before it (backfill bound)")
    ap.add_argument("--log-level", default="INFO")
    a = ap.parse_args(argv)
    logging.basicConfig(level=a.log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    summary = crawl(a.source_id, since=a.since, settings={"LOG_LEVEL": a.log_level})
    print(json.dumps(summary))
    return 0 if summary["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
