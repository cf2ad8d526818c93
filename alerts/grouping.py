"""Reprints: which other sources carried the statement of an alert's cluster.

The alert message lists the sources whose reprints arrived before the send (within group_wait:
first seen no later than the alert's `send_after`); the digest lists them all."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Alert, Article, Quote, Source


def reprint_sources(session: Session, cluster_id: int, *, exclude_source: str | None = None,
                    until: datetime | None = None) -> list[str]:
    """Names of the sources (other than `exclude_source`) that carried the cluster, first seen first."""
    q = (select(Source.id, Source.name, Article.first_seen_at)
         .join(Article, Article.source_id == Source.id).join(Quote, Quote.article_id == Article.id)
         .where((Quote.cluster_id == cluster_id) | (Quote.id == cluster_id))
         .order_by(Article.first_seen_at, Article.id))
    if until is not None:
        q = q.where(Article.first_seen_at <= until)
    names: dict[str, str] = {}
    for sid, name, _seen in session.execute(q):
        if sid != exclude_source and sid not in names:
            names[sid] = name
    return list(names.values())


def also_reported_by(session: Session, alert: Alert) -> list[str]:
    """The other sources of the alert's statement that arrived within its group wait."""
    src = session.scalar(select(Article.source_id).join(Quote, Quote.article_id == Article.id)
                         .where(Quote.id == alert.quote_id))
    return reprint_sources(session, alert.cluster_id, exclude_source=src,
                           until=alert.send_after or alert.created_at)
