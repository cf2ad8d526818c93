"""Task wrappers: take an id, re-read storage, do one step, commit, then enqueue the next.

Every task is idempotent, so a redelivered task (acks_late + a dead worker) does no harm."""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError

from storage.models import utcnow
from tasks.app import app

log = logging.getLogger("mouthpiece.tasks")

# Declarative retry for the database going away (a PostgreSQL restart) or losing a race with
# another worker: every task is idempotent, so running it again is always safe. Short
# countdowns only; long waits are rows swept by beat.
DB_RETRY = dict(autoretry_for=(OperationalError, IntegrityError, InterfaceError), retry_backoff=2,
                retry_backoff_max=60, retry_jitter=True, max_retries=10)



def _crawl_timeout() -> int:
    from config.settings import get_settings

    return get_settings().crawl_timeout


# Celery's limits are fixed when the task is declared: the hard limit backs up the child's own
# timeout (read at each crawl), so a worker never hangs on a crawl whatever happens.
_TIMEOUT_AT_START = _crawl_timeout()


def _group_wait() -> timedelta:
    from config.settings import get_settings

    return timedelta(seconds=get_settings().group_wait)


@app.task(name="tasks.pipeline.schedule_due_sources", **DB_RETRY)
def schedule_due_sources() -> list[str]:
    """Beat, every minute: enqueue a crawl for each source whose interval has passed."""
    from config.sources import load_sources
    from storage.db import session_scope
    from storage.locks import CRAWL_QUEUED, acquire, queued_lock, release
    from storage.models import Source
    from storage.sources import due_sources, sync_sources

    configs = load_sources()
    with session_scope() as s:
        sync_sources(s, configs)
        candidates = [(src.id, src.next_crawl_at, src.interval_minutes) for src in due_sources(s)]
    ids, waiting = [], []
    for sid, seen_next, minutes in candidates:
        owner = f"beat:{uuid.uuid4().hex[:12]}"
        with session_scope() as s:
            # its last crawl still waits in the queue (storage/locks.py, CRAWL_QUEUED): that one
            # will see whatever is new; it stays due and is queued once that crawl has started
            if not acquire(s, queued_lock(sid), owner, CRAWL_QUEUED):
                waiting.append(sid)
                continue
            # claim the slot atomically: of two schedulers racing, only one moves next_crawl_at
            cond = Source.next_crawl_at.is_(None) if seen_next is None else Source.next_crawl_at == seen_next
            res = s.execute(update(Source).where(Source.id == sid, cond)
                            .values(next_crawl_at=utcnow() + timedelta(minutes=minutes)))
            if res.rowcount:  # type: ignore[attr-defined]
                ids.append(sid)
            else:
                release(s, queued_lock(sid), owner)
    for sid in ids:  # after commit: a task never runs before the row it reads exists
        crawl_source.delay(sid)
    if ids:
        log.info("scheduled crawls: %s", ", ".join(ids))
    if waiting:
        log.debug("due, but their last crawl is still queued: %s", ", ".join(waiting))
    return ids


class CrawlFailed(Exception):
    """The crawl ran and failed (no discovery URL answered, a bot wall): the task is marked
    failed, Celery logs the reason once in one line ("raised expected"), and the source's
    health shows it."""


@app.task(name="tasks.pipeline.crawl_source", soft_time_limit=_TIMEOUT_AT_START + 60,
          time_limit=_TIMEOUT_AT_START + 120, throws=(CrawlFailed,))
def crawl_source(source_id: str, since: str | None = None) -> dict[str, Any]:
    """Crawl one source in a child process (Twisted's reactor cannot restart in a worker),
    holding the source's crawl lease (renewed while it runs, so a killed crawl frees it)."""
    from storage.db import session_scope
    from storage.locks import (
        CRAWL_LEASE,
        clear_queued,
        close_interrupted_runs,
        crawl_lock,
        lease,
        process_owner,
    )

    with session_scope() as s:  # beat may queue the next crawl of this source from now on
        clear_queued(s, source_id)
    with lease(crawl_lock(source_id), process_owner("worker"), CRAWL_LEASE) as held:
        if not held:
            log.info("crawl of %s already running elsewhere; skipped", source_id)
            return {"source_id": source_id, "skipped": True}
        with session_scope() as s:
            close_interrupted_runs(s, source_id)
        summary = _crawl_in_child(source_id, since)
    if summary.get("run_id"):
        raise_operator_alerts(summary["run_id"])
    # The crawl queued each article's extraction as it stored it; whatever it could not queue
    # (the broker was down, the child died) the sweep picks up once it is stale.
    if not summary.get("ok"):
        raise CrawlFailed(f"{source_id}: {summary.get('error') or 'crawl failed'}")
    return summary


def raise_operator_alerts(run_id: int, send_now: bool = False) -> list[int]:
    """Operator alerts (config/ops.yaml) for a finished crawl run: parser drift over half of its
    articles. Deliveries are queued (or, with `send_now`, sent in this process: the CLI)."""
    from alerts.ops import ops_channels, raise_for_run
    from storage.db import session_scope

    try:
        with session_scope() as s:
            ids = raise_for_run(s, run_id, ops_channels)
            _mark_queued(s, [] if send_now else ids)
    except Exception as e:  # an operator alert must never fail the crawl it judges
        log.warning("operator alerts for crawl run %s not raised: %s", run_id, e)
        return []
    for did in ids:  # after commit
        if send_now:
            deliver.run(did)
        else:
            deliver.delay(did)
    return ids


def _crawl_in_child(source_id: str, since: str | None) -> dict[str, Any]:
    """The crawl in a child forked from this process (`tasks.crawl_child.run_forked`): its
    crawl-run extension fills in the `CrawlRun` row made here; a child that died without doing
    so (killed, out of memory, timed out) gets the row marked failed here."""
    from config.sources import get_source
    from crawlers.extensions import summary_of
    from storage.db import session_scope
    from storage.models import CrawlRun
    from storage.sources import sync_sources

    timeout = _crawl_timeout()
    with session_scope() as s:
        sync_sources(s, [get_source(source_id)])
        run = CrawlRun(source_id=source_id, status="running")
        s.add(run)
        s.flush()
        run_id = run.id
    from tasks.crawl_child import run_forked

    argv = [source_id, "--run-id", str(run_id), "--log-level", "WARNING"]
    if since:
        argv += ["--since", since]
    try:
        code, child_log = run_forked(argv, timeout)
    except SoftTimeLimitExceeded:
        code, child_log = None, ""
    if code is None:
        log.error("crawl of %s timed out after %ss", source_id, timeout)
        _record_failure(source_id, run_id, f"timed out after {timeout}s")
        return {"source_id": source_id, "run_id": run_id, "ok": False, "error": f"timed out after {timeout}s"}
    with session_scope() as s:
        row = s.get(CrawlRun, run_id)
        finished = row is not None and row.status != "running"
    if not finished:
        err = (child_log.strip().splitlines() or ["no output"])[-1]
        log.error("crawl of %s failed (exit %s): %s", source_id, code, err)
        _record_failure(source_id, run_id, f"the crawler exited {code}: {err}")
    with session_scope() as s:
        row = s.get(CrawlRun, run_id)
        assert row is not None
        summary = summary_of(row)
    _report_crawl(source_id, summary, child_log)
    return summary


_CHILD_LEVEL = {"WARNING": logging.WARNING, "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


def _report_crawl(source_id: str, summary: dict[str, Any], child_log: str) -> None:
    """The crawl in the worker's log: the child's warnings once each with the worker's one
    timestamp (the child prints none), then one line that says how it went. When the whole
    crawl failed, that line says why in plain words, and the per-URL warnings behind it are
    left to DEBUG: an unreachable site is said once, not once per URL."""
    failed = not summary.get("ok")
    for line in child_log.splitlines()[-200:]:
        level = _CHILD_LEVEL.get(line.split(" ", 1)[0])
        if level is None:
            continue
        if failed and level == logging.WARNING:
            level = logging.DEBUG
        log.log(level, "crawl %s: %s", source_id, line.split(" ", 1)[1])
    if failed:
        log.warning("crawl %s failed: %s", source_id, summary.get("error") or "no reason given")
    else:
        log.info("crawl %s: %s requests, %d new articles%s", source_id, summary.get("requests"),
                 len(summary.get("new_article_ids", [])),
                 f" ({summary['error']})" if summary.get("error") else "")


def _record_failure(source_id: str, run_id: int, error: str) -> None:
    from storage.db import session_scope
    from storage.models import CrawlRun
    from storage.sources import record_crawl

    with session_scope() as s:
        run = s.get(CrawlRun, run_id)
        if run is not None:
            run.status, run.error, run.finished_at = "failed", error, utcnow()
        record_crawl(s, source_id, ok=False, new_articles=0, error=error)


def enqueue_pending_extractions() -> list[int]:
    """Queue extraction for articles not extracted yet whose task was never queued, or was
    queued longer ago than MOUTHPIECE_EXTRACT_STALE and is not in the queue any more (so it was
    lost: a dead worker, a broker restart). Articles merely waiting in a backlog are left alone."""
    from config.settings import get_settings
    from storage.db import session_scope
    from storage.models import Article
    from tasks.app import DEFAULT_QUEUE, queue_depths

    now = utcnow()
    stale = now - timedelta(seconds=get_settings().extract_stale)
    # A task queued long ago may only be waiting behind a backlog (10,000 articles at once take
    # minutes): while the queue holds messages, the task is among them (first in, first out),
    # and queueing it again would only lengthen the backlog (each sweep added up to 1000
    # duplicates). Once the queue has drained, a task queued long ago and not done was lost.
    drained = queue_depths(timeout=2).get(DEFAULT_QUEUE) == 0
    lost: ColumnElement[bool] = Article.extract_queued_at.is_(None)
    if drained:
        lost = lost | (Article.extract_queued_at <= stale)
    with session_scope() as s:
        q = select(Article.id).where(
            (Article.extracted_hash.is_(None)) | (Article.extracted_hash != Article.content_hash), lost)
        ids = list(s.scalars(q.order_by(Article.id).limit(1000)))
        if ids:
            s.execute(update(Article).where(Article.id.in_(ids)).values(extract_queued_at=now))
    for aid in ids:  # after commit
        extract_quotes.delay(aid)
    return ids


def _mark_queued(session: Any, delivery_ids: list[int]) -> None:
    from storage.models import Delivery

    if delivery_ids:
        session.execute(update(Delivery).where(Delivery.id.in_(delivery_ids)).values(queued_at=utcnow()))


@app.task(name="tasks.pipeline.extract_quotes", **DB_RETRY)
def extract_quotes(article_id: int) -> int:
    """Extract the article's quotes, replacing the old ones; cluster them (MinHash LSH) and
    evaluate the alert rules in the same transaction, so that no alert is lost between the two
    and "extracted" means "evaluated"; then enqueue the deliveries that are due at once."""
    from alerts.echoes import index_article
    from alerts.engine import evaluate_configured, match_configured
    from config.leaders import load_leaders
    from config.sources import load_sources
    from quotes import Context, extract
    from storage.db import relax_commit, session_scope
    from storage.models import Article, Source
    from storage.quotes import ensure_speakers, replace_quotes

    leaders = {ld.id: ld for ld in load_leaders()}
    configs = {c.id: c for c in load_sources()}
    with session_scope() as s:
        # lost with a database crash, the extraction (and its alerts) is queued again by the
        # sweep: its commit need not wait for the disk
        relax_commit(s)
        # The article's row is locked until this commits (PostgreSQL; SQLite serialises writers
        # anyway): a second task for it (the sweep re-queues an extraction that runs longer than
        # MOUTHPIECE_EXTRACT_STALE, a redelivery) waits here, then finds it done, instead of
        # doing the whole extraction again beside it.
        art = s.get(Article, article_id, with_for_update=True)
        if art is None:
            return 0
        if art.extracted_hash == art.content_hash:
            return -1  # done already (a redelivered task)
        src = s.get(Source, art.source_id)
        cfg = configs.get(art.source_id)
        # a channel's owner (`speaks_for`, e.g. pul_1 -> lukashenko) is context for every post
        speaks_for = cfg.speaks_for if cfg is not None and cfg.speaks_for in leaders else None
        ctx = Context(country=(cfg.country if cfg else None) or (src.country if src else None),
                      published=art.published_at.date() if art.published_at else None, lang=art.lang,
                      speaks_for=speaks_for)
        found = [q.to_dict() for q in extract(art.body, lang=art.lang, context=ctx)]
        for d in found:
            if d["speaker_id"] not in leaders:
                d["speaker_id"] = None
        # the rules run here, before the first write of this transaction (issue 11): the write
        # lock is then held only for storing quotes, clusters and alert rows
        matched = match_configured(s, article_id, found)
        ensure_speakers(s, {(d["speaker_id"], leaders[d["speaker_id"]].name, leaders[d["speaker_id"]].country)
                            for d in found if d["speaker_id"] in leaders})
        inserted: list[Any] = []
        rows = replace_quotes(s, article_id, found, inserted)
        # frames, echoes and cross-language versions before the rules, which may ask for them
        # (both take the rows just stored rather than reading them again)
        index_article(s, article_id, leaders, quotes=rows, new=[q.id for q in inserted])
        due = evaluate_configured(s, article_id, _group_wait(), matched=matched, quotes=rows)
        _mark_queued(s, due)
        art.extracted_hash = art.content_hash
        n = len(rows)
    for did in due:  # after commit; later ones are rows the sweep sends
        deliver.delay(did)
    log.info("article %s: %d quotes, %d deliveries due now", article_id, n, len(due))
    return n


@app.task(name="tasks.pipeline.evaluate_alerts", **DB_RETRY)
def evaluate_alerts(article_id: int) -> list[int]:
    """Run the rules over the article's quotes again (extraction already did; idempotent: an
    alert is unique per rule x cluster), e.g. after the rules changed."""
    from alerts.engine import evaluate_configured
    from storage.db import session_scope

    with session_scope() as s:
        due = evaluate_configured(s, article_id, _group_wait())
        _mark_queued(s, due)
    for did in due:
        deliver.delay(did)
    return due


@app.task(name="tasks.pipeline.deliver", **DB_RETRY)
def deliver(delivery_id: int) -> str:
    """Send one outbox row through its channel: claim, silences / quiet hours / rate cap, send,
    record (retries and delays are rows the sweep picks up, not ETAs)."""
    from alerts.channels import get_channel
    from alerts.engine import send
    from storage.db import session_scope

    with session_scope() as s:
        return send(s, delivery_id, get_channel)


@app.task(name="tasks.pipeline.sweep", **DB_RETRY)
def sweep() -> dict[str, int]:
    """Beat, every 30 s: send what is due (group wait over, quiet hours over, retry time
    reached, a claim left by a dead worker) and pick up articles whose extraction was lost."""
    from alerts.engine import due_deliveries, stale_claim
    from storage.db import session_scope
    from storage.models import Delivery

    with session_scope() as s:
        due = due_deliveries(s)
        # skip rows whose deliver task is still waiting in the queue (a backlog, not a loss)
        waiting = set(s.scalars(select(Delivery.id).where(
            Delivery.id.in_(due), Delivery.queued_at > utcnow() - stale_claim()))) if due else set()
        ids = [d for d in due if d not in waiting]
        _mark_queued(s, ids)
    for did in ids:
        deliver.delay(did)
    from storage.locks import close_interrupted_runs

    with session_scope() as s:
        close_interrupted_runs(s)  # runs of crawls killed elsewhere, once their lease ran out
    lost = enqueue_pending_extractions()
    return {"deliveries": len(ids), "extractions": len(lost)}


@app.task(name="tasks.pipeline.heartbeat", **DB_RETRY)
def heartbeat(queue: str, token: str) -> str:
    """Stamp the heartbeat row for `queue`: proof that a worker is consuming it. Any heartbeat
    counts, also one processed after a newer one was sent: behind a backlog (a queue of
    crawls) each heartbeat waits longer than beat's minute, and one that only its own token
    could stamp would never prove anything there. Queues are first in, first out, so the
    newer ones are behind it and nothing stays pending."""
    import socket

    from storage.db import session_scope
    from storage.models import Heartbeat

    with session_scope() as s:
        s.execute(update(Heartbeat).where(Heartbeat.queue == queue)
                  .values(processed_at=utcnow(), worker=socket.gethostname()))
    return token


@app.task(name="tasks.pipeline.send_heartbeats")
def send_heartbeats() -> None:
    """Beat, every minute: one heartbeat task per queue (see `mouthpiece health`)."""
    from tasks.app import CRAWL_QUEUE, DEFAULT_QUEUE

    for q in (DEFAULT_QUEUE, CRAWL_QUEUE):
        send_heartbeat(q)


def send_heartbeat(queue: str) -> str:
    """Send one heartbeat task to `queue`. The row's `sent_at` is when the oldest heartbeat not
    processed yet was sent: a heartbeat sent while another is pending leaves it, so a queue no
    worker consumes shows its age growing however often beat sends (were it moved to each new
    send, `mouthpiece health` could never see a heartbeat older than beat's minute)."""
    from storage.db import session_scope
    from storage.models import Heartbeat

    token = uuid.uuid4().hex
    now = utcnow()
    with session_scope() as s:
        row = s.get(Heartbeat, queue)
        if row is None:
            s.add(Heartbeat(queue=queue, token=token, sent_at=now))
        else:
            pending = row.processed_at is None or row.processed_at < row.sent_at
            row.token = token
            if not pending:
                row.sent_at = now
    heartbeat.apply_async((queue, token), queue=queue, expires=300)
    return token
