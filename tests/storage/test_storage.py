"""Storage on both databases: migrations match the models, upserts are idempotent."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from storage.articles import seen_urls, upsert_article
from storage.db import get_engine, session_scope
from storage.locks import acquire, release
from storage.models import Article, ArticleAlias, Base, Source
from storage.search import include_object


def test_migrations_match_models(db_url: str) -> None:
    with get_engine(db_url).connect() as conn:
        # the full-text index is the migration's own (storage/search.py include_object)
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def _article(session, **kw):  # type: ignore[no-untyped-def]
    base = dict(source_id="s1", canonical_url="https://x.example/a", urls=["https://x.example/a?utm_source=rss"],
                title="T", body="Body one.", published_at=datetime(2026, 11, 25, 11, 54,
                                                                     tzinfo=timezone(timedelta(hours=3))),
                modified_at=None, authors=["A"], lang="en")
    base.update(kw)
    return upsert_article(session, **base)


def test_upsert_is_idempotent_and_keeps_first_seen(db_url: str) -> None:
    with session_scope(db_url) as s:
        s.add(Source(id="s1", name="S", kind="state_media", country="BY", http_cache={}))
    with session_scope(db_url) as s:
        r1 = _article(s)
    with session_scope(db_url) as s:
        first_seen = s.get(Article, r1.article_id).first_seen_at
        r2 = _article(s)
    assert r1.created and not r2.created and not r2.changed and r1.article_id == r2.article_id
    with session_scope(db_url) as s:
        r3 = _article(s, body="Body two, edited.")
        assert r3.changed and not r3.created
    with session_scope(db_url) as s:
        art = s.get(Article, r1.article_id)
        assert art.first_seen_at == first_seen
        assert art.published_at == datetime(2026, 11, 25, 8, 54, tzinfo=UTC)
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        assert s.scalar(select(func.count()).select_from(ArticleAlias)) == 2
        assert seen_urls(s, ["https://x.example/a?utm_source=rss", "https://x.example/b"], source_id="s1") == {
            "https://x.example/a?utm_source=rss"}


def test_lease_lock(db_url: str) -> None:
    with session_scope(db_url) as s:
        assert acquire(s, "crawl:x", "a", timedelta(minutes=1))
        assert not acquire(s, "crawl:x", "b", timedelta(minutes=1))
        assert acquire(s, "crawl:x", "a", timedelta(minutes=1)), "the holder may renew"
        release(s, "crawl:x", "a")
        assert acquire(s, "crawl:x", "b", timedelta(seconds=-1)), "free after release"
        assert acquire(s, "crawl:x", "c", timedelta(minutes=1)), "an expired lease can be taken"
