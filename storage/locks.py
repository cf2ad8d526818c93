"""Leases in the database: a named lock that expires, so a crashed holder frees it."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Lock, utcnow


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
