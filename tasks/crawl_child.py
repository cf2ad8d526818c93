"""The worker's crawl, in a child process (Twisted's reactor cannot restart inside a worker):

    python -m tasks.crawl_child SOURCE_ID --run-id N [--since DATE]

Runs `crawlers.run.crawl` and wires the crawler's `article_stored` signal to extraction, so
each stored article is queued as soon as it is committed. The crawl record is the `CrawlRun`
row N (crawlers/extensions.py); the exit code says ok (0) or not (2)."""
from __future__ import annotations

import argparse
import logging
import sys

from sqlalchemy import update

log = logging.getLogger("mouthpiece.tasks")


def queue_extraction(article_id: int, marked: bool = False) -> None:
    """Mark the article queued (the sweep leaves it alone unless the task is lost), then queue.
    `marked`: the crawl's pipeline marked it already, in the write that stored it."""
    from storage.db import session_scope
    from storage.models import Article, utcnow
    from tasks.pipeline import extract_quotes

    try:
        if not marked:
            with session_scope() as s:
                s.execute(update(Article).where(Article.id == article_id).values(extract_queued_at=utcnow()))
        extract_quotes.delay(article_id)
    except Exception as e:  # the broker or database is down: the sweep queues it once it is stale
        log.warning("article %s stored, extraction not queued yet: %s", article_id, e)


def queue_marked_extraction(article_id: int) -> None:
    queue_extraction(article_id, marked=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Crawl one configured source once (run by the worker).")
    ap.add_argument("source_id")
    ap.add_argument("--run-id", type=int, help="the CrawlRun row to fill in")
    ap.add_argument("--since", help="ISO date: skip entries published before it (backfill bound)")
    ap.add_argument("--log-level", default="INFO")
    a = ap.parse_args(argv)
    # no timestamp: the worker that reads these lines logs them with its own (one per line)
    logging.basicConfig(level=a.log_level, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from crawlers.run import crawl

    # the pipeline marks each article queued as it stores it (MOUTHPIECE_QUEUES_EXTRACTION),
    # and the signal after its commit queues the task
    summary = crawl(a.source_id, since=a.since, settings={"LOG_LEVEL": a.log_level,
                                                          "MOUTHPIECE_QUEUES_EXTRACTION": True},
                    run_id=a.run_id, on_stored=queue_marked_extraction)
    return 0 if summary["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
