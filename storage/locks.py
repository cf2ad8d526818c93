"""Leases in the database: a named lock that expires, so a crashed holder frees it."""
from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import CrawlRun, Lock, utcnow

log = logging.getLogger(__name__)

# A crawl holds "crawl:<source>" and renews it every CRAWL_LEASE / 3: a crawl killed with SIGKILL
# (worker or CLI) frees its source within CRAWL_LEASE, and its run is then closed as interrupted.
CRAWL_LEASE = timedelta(seconds=90)
INTERRUPTED = ("interrupted: the crawl's process stopped before it finished (killed, or the machine "
               "restarted); the next crawl starts afresh")


def acquire(session: Session, name: str, owner: str, ttl: timedelta) -> bool:
    """Take the lock `name` for `owner` (or renew it if `owner` holds it). Commits."""
    now = utcnow()
    res = session.execute(
        update(Lock)
        .where(Lock.name == name, (Lock.expires_at < now) | (Lock.owner == owner))
        .values(owner=owner, expires_at=now + ttl)
    )
    if res.rowcount:  # type: ignore[attr-defined]
        session.commit()
        return True
    try:
        session.add(Lock(name=name, owner=owner, expires_at=now + ttl))
        session.commit()
        return True
    except IntegrityError:
        session.rollback()
        return False


def release(session: Session, name: str, owner: str) -> None:
    session.execute(delete(Lock).where(Lock.name == name, Lock.owner == owner))
    session.commit()


def crawl_lock(source_id: str) -> str:
    return f"crawl:{source_id}"


# Beat queues a source's crawl holding "crawl-queued:<source>" until the crawl starts, and queues
# no other meanwhile: behind a backlog (a crawl queue longer than a source's interval, say a
# Telegram channel polled every 2 minutes) each interval would add one more crawl of it. A task
# lost with the broker frees its source when this runs out.
CRAWL_QUEUED = timedelta(minutes=20)


def queued_lock(source_id: str) -> str:
    return f"crawl-queued:{source_id}"


def clear_queued(session: Session, source_id: str) -> None:
    """The source's queued crawl has started (whoever queued it). Commits."""
    session.execute(delete(Lock).where(Lock.name == queued_lock(source_id)))
    session.commit()


def process_owner(kind: str) -> str:
    """An owner name that says which process holds a lease: "<kind>:<host>:<pid>:<token>"."""
    return f"{kind}:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _died_here(owner: str) -> bool:
    """The owner is a process of this machine that no longer exists (killed with SIGKILL, say).
    Owners on other machines cannot be checked: their lease runs out instead."""
    parts = owner.split(":")
    if len(parts) != 4 or parts[1] != socket.gethostname() or not parts[2].isdigit():
        return False
    try:
        os.kill(int(parts[2]), 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, as another user's process
        return False
    return False


def _take_over_dead(session: Session, name: str, owner: str, ttl: timedelta) -> bool:
    row = session.get(Lock, name)
    if row is None or not _died_here(row.owner):
        return False
    res = session.execute(update(Lock).where(Lock.name == name, Lock.owner == row.owner)
                          .values(owner=owner, expires_at=utcnow() + ttl))
    session.commit()
    if res.rowcount:  # type: ignore[attr-defined]
        log.warning("lease %s: its holder %s is gone (killed?); taken over", name, row.owner)
        return True
    return False


@contextmanager
def lease(name: str, owner: str, ttl: timedelta) -> Iterator[bool]:
    """Hold the lease `name` while the block runs, renewed every ttl/3 by a thread, released at
    the end. Yields False, holding nothing, when another owner holds it."""
    from storage.db import session_scope

    with session_scope() as s:
        if not acquire(s, name, owner, ttl) and not _take_over_dead(s, name, owner, ttl):
            yield False
            return
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(ttl.total_seconds() / 3):
            try:
                with session_scope() as s:
                    if not acquire(s, name, owner, ttl):
                        log.warning("lease %s was taken over by another owner", name)
            except Exception as e:  # the database is away for a moment: try again next time
                log.warning("could not renew the lease %s: %s", name, e)

    keeper = threading.Thread(target=renew, name=f"lease {name}", daemon=True)
    keeper.start()
    try:
        yield True
    finally:
        stop.set()
        keeper.join(5)
        try:
            with session_scope() as s:
                release(s, name, owner)
        except Exception as e:  # it expires on its own
            log.warning("could not release the lease %s: %s", name, e)


def close_interrupted_runs(session: Session, source_id: str | None = None, now: datetime | None = None) -> int:
    """Mark "running" crawl runs whose crawl is gone as failed. With `source_id`, the caller
    holds that source's crawl lease, so every run of it still "running" is a leftover; without,
    a run counts as gone when its source's lease is free or expired. Commits. Returns how many."""
    now = now or utcnow()
    q = select(CrawlRun).where(CrawlRun.status == "running")
    if source_id is not None:
        q = q.where(CrawlRun.source_id == source_id)
    closed = 0
    for run in session.scalars(q):
        if source_id is None:
            held = session.get(Lock, crawl_lock(run.source_id))
            if held is not None and held.expires_at >= now:
                continue
        run.status, run.finished_at, run.error = "failed", now, INTERRUPTED
        closed += 1
    if closed:
        log.warning("closed %d crawl run(s) left running by a crawl that was killed", closed)
    session.commit()
    return closed
