"""Store articles: upsert on the canonical URL, one short transaction per article."""
from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy import update

from storage.articles import upsert_article
from storage.db import session_scope
from storage.models import Article, utcnow

log = logging.getLogger(__name__)


class ArticlePipeline:
    def __init__(self, enqueue: bool = False) -> None:
        self.new_ids: list[int] = []
        self.changed_ids: list[int] = []
        # Under the worker each stored article goes to extraction at once (after its commit),
        # so a long backfill feeds the other workers while it runs and an alert never waits
        # for the end of the crawl.
        self.enqueue = enqueue

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArticlePipeline:
        return cls(enqueue=crawler.settings.getbool("MOUTHPIECE_ENQUEUE_EXTRACTION"))

    def process_item(self, item: dict[str, Any], spider: Any = None) -> dict[str, Any]:
        meta = {k: item.pop(k) for k in [k for k in item if k.startswith("_")]}
        try:
            with session_scope() as s:
                res = upsert_article(s, **item)
                if self.enqueue and (res.created or res.changed):
                    # recorded with the article, so the sweep knows its task is on its way
                    s.execute(update(Article).where(Article.id == res.article_id)
                              .values(extract_queued_at=utcnow()))
        except Exception as e:  # a storage error loses nothing silently: the URL is retried next time
            if spider is not None and hasattr(spider, "article_failed"):
                spider.article_failed(None, f"could not store: {e!r}", url=meta.get("_found_url") or
                                      item["canonical_url"], via=meta.get("_via"))
            raise DropItem(f"could not store {item['canonical_url']}: {e}") from e
        if res.created:
            self.new_ids.append(res.article_id)
        elif res.changed:
            self.changed_ids.append(res.article_id)
        if self.enqueue and (res.created or res.changed):
            self._enqueue(res.article_id)
        if spider is not None:
            spider.crawler.stats.inc_value("mouthpiece/articles_new" if res.created else
                                           "mouthpiece/articles_seen")
        log.info("article %s %s: %s", res.article_id, "new" if res.created else
                 ("changed" if res.changed else "unchanged"), item["canonical_url"])
        item["article_id"] = res.article_id
        return item

    @staticmethod
    def _enqueue(article_id: int) -> None:
        try:
            from tasks.pipeline import extract_quotes

            extract_quotes.delay(article_id)
        except Exception as e:  # the broker is down: the crawl task and the sweep enqueue it later
            log.warning("article %s stored, extraction not queued yet: %s", article_id, e)
