"""Signals the crawler sends, for whoever runs it to connect to (Scrapy's signal manager).

The crawler knows nothing of Celery: the task layer connects `article_stored` to "queue its
extraction" (tasks/crawl.py), the CLI's `crawl` extracts at the end instead, and the crawl-run
extension counts them."""
from __future__ import annotations

# Sent once per article the pipeline stored or changed, after its transaction committed.
# Receivers get: article_id (int), created (bool), changed (bool), spider.
article_stored = object()
