"""Digest tasks: beat asks every minute which digests are due; each is built once per period.

    schedule_due_digests()            beat, every minute: enqueue build_digest for each digest
                                      whose send time (send_hour in its time zone) has passed and
                                      has not gone out; enqueue digest deliveries due for retry
    build_digest(name, period_end)    build + archive + outbox rows (one transaction), then
                                      enqueue one deliver_digest per row
    deliver_digest(delivery_id)       one channel send of one digest (claimed; retries are rows)
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from tasks.app import app

log = logging.getLogger("mouthpiece.tasks")


class DigestNotDue(ValueError):
    """Sending a period that has not ended would send it incomplete, once and for all."""


def _now() -> datetime:
    from storage.models import utcnow

    return utcnow()


@app.task(name="tasks.digests.schedule_due_digests")
def schedule_due_digests() -> dict[str, Any]:
    """Beat, every minute: the digests whose send time passed and that have not gone out."""
    from alerts.digest_delivery import due_digest_deliveries, existing_digest, watermark
    from config.digests import load_digests
    from storage.db import session_scope

    now = _now()
    due: list[tuple[str, str]] = []
    with session_scope() as s:
        for cfg in load_digests():
            if not cfg.enabled:
                continue
            end = cfg.last_due(now)
            if existing_digest(s, cfg.name, end) is not None:
                continue
            if watermark(s, cfg.name, end) is None and now - end > timedelta(hours=cfg.catch_up_hours):
                continue  # a new deployment: start with the next send time, not a stale one
            due.append((cfg.name, end.isoformat()))
        retries = due_digest_deliveries(s, now)
    for name, end_iso in due:
        build_digest.delay(name, end_iso)
    for did in retries:
        deliver_digest.delay(did)
    return {"digests": [n for n, _ in due], "deliveries": len(retries)}


@app.task(name="tasks.digests.build_digest")
def build_digest(name: str, period_end: str | None = None) -> dict[str, Any]:
    """Build digest `name` for the period ending at `period_end` (ISO 8601; default: its latest
    send time) and queue its deliveries. A period that already went out sends nothing again."""
    result = run(name, period_end, send=True)
    for did in result["deliveries"]:
        deliver_digest.delay(did)
    return result


@app.task(name="tasks.digests.deliver_digest")
def deliver_digest(delivery_id: int) -> str:
    from alerts.digest_delivery import send_digest_delivery
    from storage.db import session_scope

    with session_scope() as s:
        return send_digest_delivery(s, delivery_id)


def run(name: str | None, period_end: str | datetime | None, *, send: bool) -> dict[str, Any]:
    """Shared by the task and the CLI: build (and with `send`, record) one digest."""
    from alerts.digest_delivery import run_digest
    from config.digests import get_digest
    from config.leaders import load_leaders
    from storage.db import session_scope

    cfg = get_digest(name)
    now = _now()
    if period_end is None:
        # sending: the latest period that is over; a preview: the one in progress, which holds
        # what was found since the last digest went out
        end = cfg.last_due(now) if send else cfg.next_due(now)
    elif isinstance(period_end, datetime):
        end = period_end
    else:
        end = datetime.fromisoformat(period_end)
    if send and end > now:
        raise DigestNotDue(f"the period of digest {cfg.name} ending {end.isoformat(timespec='minutes')} is not "
                           "over yet, and a period goes out once, complete: run without --send for a preview, "
                           "or let the service send it when it is due")
    leaders = {ld.id: ld for ld in load_leaders()}
    with session_scope() as s:
        r = run_digest(s, cfg, end, leaders=leaders, send=send)
    log.info("digest %s: %s", cfg.name, r.message)
    return {
        "name": r.name, "status": r.status, "digest_id": r.digest_id, "deliveries": r.deliveries,
        "period_start": r.period.start.astimezone(r.period.tz).isoformat(),
        "period_end": r.period.end.astimezone(r.period.tz).isoformat(),
        "html": str(r.archive.html) if r.archive else None, "md": str(r.archive.md) if r.archive else None,
        "email_size": r.email_size, "message": r.message,
        "stats": r.data.stats() if r.data else {},
    }
