"""Issue 11, item 1: no page of one source can rewrite another source's article, nor make its
crawl skip a URL; a declared canonical URL off the page's own site is a link, never the key."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from storage.articles import OtherSourceArticle, seen_urls, site_of, storage_key, upsert_article
from storage.db import session_scope
from storage.models import Article, Source

A_URL = "https://a.example/news/1"


def _store(s, source_id: str, key: str, body: str, urls: list[str] | None = None):  # type: ignore[no-untyped-def]
    return upsert_article(s, source_id=source_id, canonical_url=key, urls=urls or [key], title=f"{source_id} title",
                          body=body, published_at=datetime(2026, 11, 30, tzinfo=UTC), modified_at=None,
                          authors=[], lang="en")


def _sources(db_url: str) -> None:
    with session_scope(db_url) as s:
        for sid in ("a", "b"):
            s.add(Source(id=sid, name=sid.upper(), kind="state_media", country="BY", http_cache={}))


def test_a_page_of_source_b_cannot_overwrite_an_article_of_source_a(db_url: str) -> None:
    _sources(db_url)
    with session_scope(db_url) as s:
        a_id = _store(s, "a", A_URL, "The real statement.").article_id
    with session_scope(db_url) as s, pytest.raises(OtherSourceArticle, match="source 'a'"):
        _store(s, "b", A_URL, "A forged statement.", urls=["https://b.example/evil", A_URL])
    with session_scope(db_url) as s:
        a = s.get(Article, a_id)
        assert a is not None and a.body == "The real statement." and a.title == "a title"
        assert s.scalars(select(Article.id)).all() == [a_id]


def test_an_alias_of_another_source_is_not_matched(db_url: str) -> None:
    """B stored a page found under A's (not yet published) URL: A's later article is its own."""
    _sources(db_url)
    with session_scope(db_url) as s:
        b = _store(s, "b", "https://b.example/claim", "B's page.", urls=["https://b.example/claim", A_URL])
    with session_scope(db_url) as s:
        assert seen_urls(s, [A_URL], source_id="a") == set(), "A's crawl must not skip its own article"
        assert seen_urls(s, [A_URL], source_id="b") == {A_URL}
        a = _store(s, "a", A_URL, "The real statement.")
    assert a.created and a.article_id != b.article_id
    with session_scope(db_url) as s:
        assert s.get(Article, b.article_id).body == "B's page."  # type: ignore[union-attr]


def test_site_of() -> None:
    assert site_of("https://en.kremlin.ru/events/1") == site_of("http://kremlin.ru/") == "kremlin.ru"
    assert site_of("https://eng.belta.by/x") == "belta.by"
    assert site_of("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert site_of("http://127.0.0.1:8001/a") == "127.0.0.1:8001" != site_of("http://127.0.0.1:8002/a")
    assert site_of("https://a.example:443/x") == "a.example"
    assert site_of("javascript:alert(1)") is None and site_of("") is None and site_of("http://[::1") is None


def test_storage_key_uses_a_declared_canonical_only_on_the_pages_own_allowed_site() -> None:
    allowed = {"kremlin.ru"}
    page = "http://kremlin.ru/events/president/news/70001"
    # same site (another subdomain): the declared URL is the key
    assert storage_key(page, "http://en.kremlin.ru/events/president/news/70001", allowed) == (
        "http://en.kremlin.ru/events/president/news/70001", None)
    # another publisher (a hijack, or a reprint pointing at its original): a link, not the key
    assert storage_key(page, A_URL, allowed) == (page, A_URL)
    assert storage_key(page, A_URL, allowed | {"a.example"}) == (page, A_URL)
    # the page's own site, but not one this source crawls
    assert storage_key("https://a.example/x", "https://a.example/y", allowed) == ("https://a.example/x",
                                                                                 "https://a.example/y")
    # another port of 127.0.0.1 is another site
    assert storage_key("http://127.0.0.1:8002/b", "http://127.0.0.1:8001/a", {"127.0.0.1:8002"}) == (
        "http://127.0.0.1:8002/b", "http://127.0.0.1:8001/a")
    assert storage_key(page, None, allowed) == (page, None)
    assert storage_key(page, "not a url", allowed) == (page, "not a url")
