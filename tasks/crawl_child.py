"""The worker's crawl, in a child process (Twisted's reactor cannot restart inside a worker):

    python -m tasks.crawl_child SOURCE_ID --run-id N [--since DATE]

Runs `crawlers.run.crawl` and wires the crawler's `article_stored` signal to extraction, so
each stored article is queued as soon as it is committed. The crawl record is the `CrawlRun`
row N (crawlers/extensions.py); the exit code says ok (0) or not (2).

The worker does not start that command: it forks (`run_forked`). A fresh interpreter spent 2-3 s
of CPU importing Scrapy, Twisted and SQLAlchemy before each crawl; a fork of the worker's pool
process, which imported them once (`warm_up`), starts at once. The pool process itself never
runs a crawl, so every child gets a reactor that was never started, as a fresh process would."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import tempfile

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
    # force: a child forked from a worker replaces the worker's handlers with this one
    logging.basicConfig(level=a.log_level, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s", force=True)
    from crawlers.run import crawl

    # the pipeline marks each article queued as it stores it (MOUTHPIECE_QUEUES_EXTRACTION),
    # and the signal after its commit queues the task
    summary = crawl(a.source_id, since=a.since, settings={"LOG_LEVEL": a.log_level,
                                                          "MOUTHPIECE_QUEUES_EXTRACTION": True},
                    run_id=a.run_id, on_stored=queue_marked_extraction)
    return 0 if summary["ok"] else 2


def warm_up() -> None:
    """Import what a crawl imports, in the process that forks the crawls, so that each child
    starts with them loaded."""
    import crawlers.article  # noqa: F401
    import crawlers.run  # noqa: F401
    import crawlers.spiders.source  # noqa: F401


def _forked_main(argv: list[str], err_fd: int) -> None:
    """In the forked child: stderr to the parent's file (read back as a subprocess's stderr),
    stdout nowhere (a worker's stdout is a logging proxy), then the crawl."""
    os.dup2(err_fd, 2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115 (lives as the child does)
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    sys.exit(main(argv))


def run_forked(argv: list[str], timeout: float) -> tuple[int | None, str]:
    """Run `main(argv)` in a child forked from this process: (its exit code, or None when it
    was killed after `timeout` seconds; what it wrote to stderr). Whatever stops the wait (a
    task's soft time limit) kills the child first."""
    import billiard

    warm_up()
    with tempfile.TemporaryFile() as err:
        # fork: the point is the loaded modules. billiard (Celery's multiprocessing) rather than
        # multiprocessing, which refuses children to a daemonic process, and a prefork pool
        # process is one; both run the after-fork hooks (Celery's producer pool, storage.db's
        # and the broker's engines) in the child
        p = billiard.get_context("fork").Process(target=_forked_main, args=(argv, err.fileno()),
                                                 name=f"crawl {argv[0]}")
        p.start()
        try:
            p.join(timeout)
            code = None if p.is_alive() else p.exitcode
        finally:
            if p.is_alive():  # SIGKILL (billiard's Process has no kill()): no graceful stop
                os.kill(p.pid, signal.SIGKILL)
                p.join(10)
        err.seek(0)
        return code, err.read().decode("utf-8", "replace")


if __name__ == "__main__":
    sys.exit(main())
