"""Source rows: sync from sources.yaml, scheduling state and health."""
from __future__ import annotations

import logging
from dataclasses import dataclass
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


# The states a source can be in, worst first; every view (status, sources list, metrics, the
# digest) uses these words and `assess` below, nothing else.
PROBLEM_STATES = ("failing", "paused", "degraded", "silent")
STATES = (*PROBLEM_STATES, "never crawled", "disabled", "ok")


@dataclass(frozen=True)
class Health:
    """A source's state, a short summary of what is wrong (a few words, no URL), and the cause
    in full (the last error or the pause reason: may be long, may hold URLs)."""

    status: str
    summary: str | None = None
    cause: str | None = None

    @property
    def problem(self) -> str | None:
        """Summary and cause in one line."""
        if self.summary and self.cause:
            return f"{self.summary}: {self.cause}"
        return self.summary or self.cause

    @property
    def is_problem(self) -> bool:
        return self.status in PROBLEM_STATES


def assess(s: Source, now: datetime, first_crawl_at: datetime | None = None) -> Health:
    """The one definition of source health:

    - disabled: switched off in sources.yaml;
    - paused: a bot wall paused it (until `paused_until`);
    - failing: FAILING_AFTER or more failed crawls in a row;
    - degraded: the last crawl(s) failed, fewer than FAILING_AFTER in a row;
    - never crawled: no crawl finished yet;
    - silent: crawls succeed, but no new article for longer than its `silent_after_hours`
      (counted from the last new article, else from its first crawl);
    - ok."""
    failures = s.consecutive_failures or 0
    silent_h = s.silent_after_hours or 48
    if not s.enabled:
        return Health("disabled")
    if s.paused_until and s.paused_until > now:
        return Health("paused", f"paused until {s.paused_until.isoformat(timespec='minutes')}", s.pause_reason)
    if failures >= FAILING_AFTER:
        return Health("failing", f"{failures} failed crawls in a row", s.last_error)
    if failures > 0:
        return Health("degraded", "last crawl failed" if failures == 1 else f"{failures} failed crawls in a row",
                      s.last_error)
    if s.last_crawl_at is None and s.last_success_at is None:
        return Health("never crawled")
    ref = s.last_new_article_at or first_crawl_at or s.last_success_at
    if ref is not None and now - ref > timedelta(hours=silent_h):
        return Health("silent", f"no new article for more than {silent_h} h" if s.last_new_article_at
                      else f"no article yet after {silent_h} h")
    return Health("ok")


def source_health(session: Session, now: datetime | None = None, *, enabled_only: bool = False) -> list[dict[str, Any]]:
    """One dict per source, for `mouthpiece status`, `sources list`, the metrics and the digest:
    `status` (see `assess`), `summary` (short), `cause` (in full), `problem` (both in one line)."""
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
    q = select(Source).order_by(Source.id)
    if enabled_only:
        q = q.where(Source.enabled.is_(True))
    out = []
    for s in session.scalars(q):
        h = assess(s, now, first_runs.get(s.id))
        run = last_runs.get(s.id)
        out.append({
            "id": s.id, "name": s.name, "kind": s.kind, "country": s.country, "enabled": s.enabled,
            "status": h.status, "summary": h.summary, "cause": h.cause, "problem": h.problem,
            "articles": counts.get(s.id, 0),
            "last_crawl_at": s.last_crawl_at, "last_success_at": s.last_success_at,
            "last_new_article_at": s.last_new_article_at, "consecutive_failures": s.consecutive_failures or 0,
            "last_error": s.last_error, "paused_until": s.paused_until, "pause_reason": s.pause_reason,
            "silent_after_hours": s.silent_after_hours or 48, "next_crawl_at": s.next_crawl_at,
            "parser_drift": s.parser_drift or 0, "drift": drift_summary(run),
            "last_run": None if run is None else {
                "status": run.status, "started_at": run.started_at, "finished_at": run.finished_at,
                "requests": run.requests, "articles_new": run.articles_new, "error": run.error},
        })
    return out


def drift_summary(run: CrawlRun | None) -> str:
    """The last crawl's parser drift in a few words: "2 of 5 articles (body 2, title 1)", or ""."""
    d = dict((run.stats or {}).get("parser_drift") or {}) if run is not None else {}
    if not d.get("articles"):
        return ""
    fields = ", ".join(f"{'date' if f == 'published_at' else f} {n}" for f, n in sorted(d.get("fields", {}).items()))
    return f"{d['articles']} of {d.get('parsed', '?')} articles ({fields})"
