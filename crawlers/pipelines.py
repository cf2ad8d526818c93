"""Store articles: upsert on the canonical URL, one short transaction per article."""
from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

from crawlers.signals import article_stored
from storage.articles import OtherSourceArticle, upsert_article
from storage.db import relax_commit, session_scope
from storage.sources import sync_sources

log = logging.getLogger(__name__)


class ArticlePipeline:
    """Upserts each item, then announces what it stored (`crawlers.signals.article_stored`) so
    that the layer running the crawl can act on it at once: under the worker each stored article
    goes to extraction as soon as it is committed, so a long backfill feeds the other workers
    while it runs and an alert never waits for the end of the crawl."""

    def __init__(self, crawler: Any = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArticlePipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler is not None else None)
        source = getattr(spider, "source", None)
        if source is not None:  # the source row the articles belong to (and its health)
            with session_scope() as s:
                sync_sources(s, [source])

    def process_item(self, item: dict[str, Any], spider: Any = None) -> dict[str, Any]:
        meta = {k: item.pop(k) for k in [k for k in item if k.startswith("_")]}
        # whoever runs the crawl queues each stored article's extraction (the worker's crawl):
        # the article is marked queued with its own write, not in a transaction of its own
        queued = self.crawler is not None and self.crawler.settings.getbool("MOUTHPIECE_QUEUES_EXTRACTION")
        try:
            with session_scope() as s:
                relax_commit(s)  # an article lost with a database crash is stored by the next crawl
                res = upsert_article(s, **item, extract_queued=queued)
        except OtherSourceArticle as e:  # never retried: the URL is not this source's to store
            if self.crawler is not None:
                self.crawler.stats.inc_value("mouthpiece/refused_other_source")
            if spider is not None and hasattr(spider, "article_failed"):
                spider.article_failed(None, str(e), url=meta.get("_found_url") or item["canonical_url"],
                                      via=meta.get("_via"), permanent=True)
            raise DropItem(str(e)) from e
        except Exception as e:  # a storage error loses nothing silently: the URL is retried next time
            if spider is not None and hasattr(spider, "article_failed"):
                spider.article_failed(None, f"could not store: {e!r}", url=meta.get("_found_url") or
                                      item["canonical_url"], via=meta.get("_via"))
            raise DropItem(f"could not store {item['canonical_url']}: {e}") from e
        if self.crawler is not None:
            self.crawler.stats.inc_value("mouthpiece/articles_new" if res.created else "mouthpiece/articles_seen")
            if res.created or res.changed:
                self.crawler.signals.send_catch_log(article_stored, article_id=res.article_id,
                                                    created=res.created, changed=res.changed, spider=spider)
        log.info("article %s %s: %s", res.article_id, "new" if res.created else
                 ("changed" if res.changed else "unchanged"), item["canonical_url"])
        item["article_id"] = res.article_id
        return item
