"""Source rows: sync from sources.yaml, scheduling state and health."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.sources import Source as SourceConfig
from storage.models import Article, CrawlRun, Source, utcnow

log = logging.getLogger(__name__)

FAILING_AFTER = 3  # consecutive failed crawls before a source counts as failing (not degraded)


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
        row.silent_after_hours = c.silent_after_hours
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
        log.error("source %s PAUSED until %s: %s", source_id, s.paused_until.isoformat(timespec="seconds"),
                  pause_reason)


def source_health(session: Session, now: datetime | None = None) -> list[dict[str, Any]]:
    """One dict per source for `mouthpiece status`, `sources list` and the digest:
    status is "ok", "never crawled", "paused", "failing" (FAILING_AFTER+ failed crawls in a row),
    "degraded" (the last crawl failed), "silent" (no new article for longer than the source's
    silent_after_hours) or "disabled"; `problem` says why in words."""
    now = now or utcnow()
    counts = dict(session.execute(select(Article.source_id, func.count()).group_by(Article.source_id)).all())
    last_runs: dict[str, CrawlRun] = {}
    latest = select(CrawlRun.source_id, func.max(CrawlRun.id)).group_by(CrawlRun.source_id)
    ids = [rid for _, rid in session.execute(latest)]
    if ids:
        for r in session.scalars(select(CrawlRun).where(CrawlRun.id.in_(ids))):
            last_runs[r.source_id] = r
    first_runs = dict(session.execute(select(CrawlRun.source_id, func.min(CrawlRun.started_at))
                                      .group_by(CrawlRun.source_id)).all())
    out = []
    for s in session.scalars(select(Source).order_by(Source.id)):
        silent_h = s.silent_after_hours or 48
        since_new = s.last_new_article_at
        silent = False
        if s.last_success_at is not None:
            # never produced an article: silent once it has been crawled for that long
            ref = since_new or first_runs.get(s.id) or s.last_success_at
            silent = (now - ref) > timedelta(hours=silent_h)
        problem = None
        if not s.enabled:
            status = "disabled"
        elif s.paused_until and s.paused_until > now:
            status, problem = "paused", f"paused until {s.paused_until.isoformat(timespec='minutes')}: {s.pause_reason}"
        elif (s.consecutive_failures or 0) >= FAILING_AFTER:
            status, problem = "failing", f"{s.consecutive_failures} failed crawls in a row: {s.last_error}"
        elif (s.consecutive_failures or 0) > 0:
            status, problem = "degraded", f"last crawl failed: {s.last_error}"
        elif s.last_crawl_at is None:
            status = "never crawled"
        elif silent:
            status = "silent"
            problem = (f"no new article for more than {silent_h} h" if since_new else
                       f"no article yet after {silent_h} h")
        else:
            status = "ok"
        run = last_runs.get(s.id)
        out.append({
            "id": s.id, "name": s.name, "kind": s.kind, "country": s.country, "enabled": s.enabled,
            "status": status, "problem": problem, "articles": counts.get(s.id, 0),
            "last_crawl_at": s.last_crawl_at, "last_success_at": s.last_success_at,
            "last_new_article_at": s.last_new_article_at, "consecutive_failures": s.consecutive_failures or 0,
            "last_error": s.last_error, "paused_until": s.paused_until, "pause_reason": s.pause_reason,
            "silent_after_hours": silent_h, "next_crawl_at": s.next_crawl_at,
            "last_run": None if run is None else {
                "status": run.status, "started_at": run.started_at, "finished_at": run.finished_at,
                "requests": run.requests, "articles_new": run.articles_new, "error": run.error},
        })
    return out
