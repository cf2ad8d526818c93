"""Source rows: sync from sources.yaml, scheduling state and health."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.sources import Source as SourceConfig
from storage.models import Source, utcnow


def sync_sources(session: Session, configs: list[SourceConfig]) -> list[Source]:
    """Upsert one row per configured source (state is kept; config fields follow the YAML)."""
    rows = []
    for c in configs:
        row = session.get(Source, c.id)
        if row is None:
            row = Source(id=c.id, consecutive_failures=0, http_cache={})
            session.add(row)
        row.name, row.kind, row.country = c.name, c.kind, c.country
        row.enabled, row.interval_minutes = c.enabled, c.interval_minutes
        rows.append(row)
    session.flush()
    return rows


def due_sources(session: Session, now: datetime | None = None) -> list[Source]:
    now = now or utcnow()
    q = select(Source).where(Source.enabled.is_(True))
    out = []
    for s in session.scalars(q):
        if s.paused_until and s.paused_until > now:
            continue
        if s.next_crawl_at is None or s.next_crawl_at <= now:
            out.append(s)
    return out


def record_crawl(session: Session, source_id: str, *, ok: bool, new_articles: int, error: str | None,
                 pause_for: timedelta | None = None, pause_reason: str | None = None) -> None:
    s = session.get(Source, source_id)
    if s is None:
        return
    now = utcnow()
    s.last_crawl_at = now
    if ok:
        s.last_success_at = now
        s.consecutive_failures = 0
        s.last_error = None
        if new_articles:
            s.last_new_article_at = now
    else:
        s.consecutive_failures = (s.consecutive_failures or 0) + 1
        s.last_error = error
    if pause_for:
        s.paused_until = now + pause_for
        s.pause_reason = pause_reason
