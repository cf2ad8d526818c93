"""Article queries: the seen-URL skip and the upsert on the canonical URL."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Article, ArticleAlias, utcnow


def content_hash(body: str) -> str:
    norm = re.sub(r"\s+", " ", body).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def seen_urls(session: Session, urls: list[str]) -> set[str]:
    """Which of these URLs are stored already, as an article's canonical URL or an alias."""
    if not urls:
        return set()
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        found.update(session.scalars(select(ArticleAlias.url).where(ArticleAlias.url.in_(chunk))))
        found.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk))))
    return found


@dataclass
class UpsertResult:
    article_id: int
    created: bool
    changed: bool  # body changed: quotes need re-extraction


def upsert_article(
    session: Session,
    *,
    source_id: str,
    canonical_url: str,
    urls: list[str],
    title: str,
    body: str,
    published_at: datetime | None,
    modified_at: datetime | None,
    authors: list[str],
    lang: str | None,
) -> UpsertResult:
    """Insert or update the article keyed by canonical URL; record every URL it was found under.

    The first-seen time is kept from the first insert, so a re-crawl never moves an article
    to a later day."""
    h = content_hash(body)
    art = session.scalar(select(Article).where(Article.canonical_url == canonical_url))
    if art is None:
        alias_hit = session.scalar(select(ArticleAlias).where(ArticleAlias.url.in_(urls + [canonical_url])))
        art = alias_hit.article if alias_hit else None
    created = art is None
    if art is None:
        art = Article(source_id=source_id, canonical_url=canonical_url, url=urls[0] if urls else canonical_url,
                      first_seen_at=utcnow(), content_hash=h, title=title, body=body)
        session.add(art)
    changed = created or art.content_hash != h
    art.title = title or art.title
    art.body = body
    art.content_hash = h
    art.published_at = published_at or art.published_at
    art.modified_at = modified_at or art.modified_at
    art.authors = authors or art.authors or []
    art.lang = lang or art.lang
    session.flush()
    known = {a.url for a in art.aliases}
    for u in {canonical_url, *urls}:
        if u and u not in known:
            if session.get(ArticleAlias, u) is None:
                session.add(ArticleAlias(url=u, article_id=art.id))
            known.add(u)
    session.flush()
    return UpsertResult(art.id, created, changed)
