"""What `mouthpiece status` and the metrics endpoint report, read from storage and the broker."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Alert, Article, CrawlRun, Delivery, Digest, Heartbeat, Quote, utcnow
from storage.sources import source_health

QUEUES = ("default", "crawl")


def queue_depths(timeout: float = 3.0) -> dict[str, int | None]:
    """Messages waiting per queue, None when the broker cannot be reached (tasks/app.py; the
    Celery app is made on first use, not when this module is imported)."""
    from tasks.app import queue_depths as depths

    return depths(timeout)


def print_causes(console: Any, rows: list[dict[str, Any]]) -> None:
    """Below a table of sources: each troubled source's cause in full, on lines of its own that
    the terminal may wrap but nothing cuts (an error names URLs; a table cell would cut or fold
    them). The table itself shows the short summary."""
    troubled = [r for r in rows if r.get("cause")]
    if troubled:
        console.print("why:", highlight=False)
    for r in troubled:
        console.print(f"  {r['id']} ({r['status']}): {' '.join(str(r['cause']).split())}",
                      markup=False, highlight=False, soft_wrap=True)


def _age(t: datetime | None, now: datetime) -> float | None:
    return None if t is None else (now - t).total_seconds()


def snapshot(session: Session) -> dict[str, Any]:
    now = utcnow()
    count = lambda model, *where: session.scalar(select(func.count()).select_from(model).where(*where)) or 0  # noqa: E731
    last_alert = session.scalars(select(Alert).order_by(Alert.id.desc()).limit(1)).first()
    last_digest = session.scalars(select(Digest).order_by(Digest.id.desc()).limit(1)).first()
    failed = list(session.scalars(select(Delivery).where(Delivery.status == "failed").order_by(Delivery.id.desc()).limit(10)))
    beats = {h.queue: {"sent_at": h.sent_at, "processed_at": h.processed_at, "worker": h.worker,
                       "lag_s": _age(h.sent_at, h.processed_at) if h.processed_at and h.processed_at >= h.sent_at else None,
                       "processed_age_s": _age(h.processed_at, now)}
             for h in session.scalars(select(Heartbeat))}
    quote = session.get(Quote, last_alert.quote_id) if last_alert else None
    return {
        "now": now,
        "sources": source_health(session, now),
        "counts": {
            "articles": count(Article), "quotes": count(Quote), "alerts": count(Alert),
            "deliveries_sent": count(Delivery, Delivery.status == "sent"),
            "deliveries_pending": count(Delivery, Delivery.status.in_(["pending", "retry", "sending"])),
            "deliveries_failed": count(Delivery, Delivery.status == "failed"),
        },
        "last_alert": None if last_alert is None else {
            "id": last_alert.id, "rule": last_alert.rule_id, "status": last_alert.status,
            "created_at": last_alert.created_at, "speaker": quote.speaker_name if quote else None,
            "text": (quote.text[:140] if quote else None)},
        "last_digest": None if last_digest is None else {
            "id": last_digest.id, "name": last_digest.name, "status": last_digest.status,
            "period_end": last_digest.period_end, "archive": last_digest.archive_path},
        "failed_deliveries": [{"id": d.id, "channel": d.channel, "attempts": d.attempts,
                               "error": d.last_error} for d in failed],
        "heartbeats": beats,
    }


def healthy(session: Session, max_age: timedelta = timedelta(minutes=3),
            depths: dict[str, int | None] | None = None) -> tuple[bool, list[str]]:
    """Healthy when no queue has a heartbeat waiting longer than `max_age` (the row keeps the
    send time of the oldest one not processed, tasks/pipeline.py `send_heartbeat`) and each
    processed one recently. `depths` (messages waiting per queue) only words the reason."""
    now = utcnow()
    problems = []
    rows = {h.queue: h for h in session.scalars(select(Heartbeat))}
    for q in QUEUES:
        h = rows.get(q)
        if h is None:
            problems.append(f"queue {q}: no heartbeat yet")
        elif h.processed_at is None or h.processed_at < h.sent_at:
            if now - h.sent_at > max_age and q == "crawl" and session.scalar(
                    select(func.count()).select_from(CrawlRun).where(CrawlRun.started_at >= now - max_age)):
                # the heartbeat waits behind crawls (a first run queues one per source, and a real
                # site's crawl takes minutes), but a worker started one lately: consumed, not stuck
                continue
            if now - h.sent_at > max_age:
                waiting = (depths or {}).get(q)
                problems.append(f"queue {q}: heartbeat sent {int((now - h.sent_at).total_seconds())}s ago "
                                "and not processed: no worker consumes the queue"
                                + (f", or the {waiting} tasks waiting in it are too many for its workers"
                                   if waiting else ""))
        elif now - h.processed_at > max_age + timedelta(minutes=1):
            problems.append(f"queue {q}: last heartbeat processed {int((now - h.processed_at).total_seconds())}s "
                            "ago: is beat running?")
    return (not problems, problems)
