"""Statements per article on the hot paths, counted on PostgreSQL (what bench/ingest.py runs on):
each one is a round trip to the database, and a crawl stores thousands of articles, each
extracted and clustered. Counts, not times: they do not depend on how busy the machine is."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

from alerts.engine import cluster_quotes
from storage.articles import upsert_article
from storage.db import reset_engines, session_scope, upgrade
from storage.models import Article, Quote, Source, Speaker
from tests.support.services import fresh_pg_database

BODY = " ".join(f"word{i} of the long article body about the harvest in region {i}" for i in range(20))


@contextmanager
def counting() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(" ".join(statement.split())[:80])

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def test_storing_and_clustering_take_few_round_trips() -> None:
    with fresh_pg_database() as url:
        try:
            upgrade(url)
            with session_scope(url) as s:
                s.add(Source(id="s", name="S", kind="state_media", country="BY", http_cache={}))
                s.add(Speaker(id="lukashenko", name="Alexander Lukashenko", country="BY"))

            # a new article: look it up (URL, this source's aliases), insert it with its fingerprint,
            # its alias (unless another source's article holds that URL) and bands, look for the
            # article it reprints (and which sources are Telegram channels, whose posts a website
            # reprints cut); no query for what a new row cannot have (was 11)
            with counting() as seen, session_scope(url) as s:
                r = upsert_article(s, source_id="s", canonical_url="https://s.example/1", urls=["https://s.example/1"],
                                   title="t", body=BODY, published_at=None, modified_at=None, authors=[], lang="en")
            assert r.created and len(seen) <= 8, "\n".join(seen)
            # the same again: nothing changed, nothing written
            with counting() as seen, session_scope(url) as s:
                again = upsert_article(s, source_id="s", canonical_url="https://s.example/1",
                                       urls=["https://s.example/1"], title="t", body=BODY, published_at=None,
                                       modified_at=None, authors=[], lang="en")
            assert not again.changed and len(seen) <= 3, "\n".join(seen)

            # two quotes of one speaker: one speaker lock; per quote one search, the look for the
            # same statement in a linked reprint (its article, the linked ids), one update
            # (signature and cluster together) and one insert of its bands (was 2 + 2 * 6)
            with session_scope(url) as s:
                quotes = [Quote(article_id=r.article_id, speaker_id="lukashenko", speaker_name="Alexander Lukashenko",
                                text=text, type="direct", start=i, end=i + 1, topics=[], lang="en")
                          for i, text in enumerate(["NATO is building up its forces near our western borders",
                                                    "We do not want a war with Ukraine or with anyone else"])]
                s.add_all(quotes)
                s.flush()
                with counting() as seen:
                    cluster_quotes(s, quotes)
                assert len(seen) <= 1 + 2 * 5, "\n".join(seen)
                assert all(q.cluster_id == q.id and q.minhash for q in quotes)
                assert s.get(Article, r.article_id) is not None
        finally:
            reset_engines()
