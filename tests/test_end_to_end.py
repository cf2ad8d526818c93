"""The whole pipeline on real parts: the fixture site over HTTP, a real Celery worker on Redis,
PostgreSQL, and an aiosmtpd SMTP server. A new article appears in the feed; an email arrives
that carries the quote, the speaker and the source link; the same cycle again sends nothing."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from celery import Celery
from sqlalchemy import select, update

from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.support.servers import SMTPServer
from tests.support.services import Worker, fresh_pg_database, fresh_redis_url, wait_for

pytestmark = pytest.mark.slow

SOURCES = """sources:
  - id: demo
    name: Minsk Herald
    kind: state_media
    country: BY
    languages: [en]
    discovery:
      - type: feed
        url: {base}/feed.xml
    interval_minutes: 60
    download_delay: 0
    allow_private: true
"""


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site_root = tmp_path / "site"
    shutil.copytree(SITES_DIR / "demo", site_root)
    cfg = tmp_path / "config"
    cfg.mkdir()
    with fresh_pg_database() as db_url, FixtureSite(site_root) as site, SMTPServer() as smtp:
        (cfg / "sources.yaml").write_text(SOURCES.format(base=site.base))
        e = {
            "DATABASE_URL": db_url,
            "BROKER_URL": fresh_redis_url(),
            "MOUTHPIECE_CONFIG_DIR": str(cfg),
            "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"),
            "MOUTHPIECE_GROUP_WAIT": "0",
            "SMTP_URL": smtp.url,
            "ALERT_EMAIL_TO": "analyst@example.org",
        }
        for k, v in e.items():
            monkeypatch.setenv(k, v)
        from config.settings import reset_settings
        from storage.db import reset_engines, upgrade

        reset_settings()
        reset_engines()
        upgrade(db_url)
        yield {"env": e, "site": site, "smtp": smtp, "root": site_root, "log": tmp_path / "worker.log"}
        reset_settings()
        reset_engines()


def _cycle(env: dict) -> None:
    """What beat does every minute, made due now."""
    from storage.db import session_scope
    from storage.models import Source

    with session_scope() as s:
        s.execute(update(Source).values(next_crawl_at=None))
    Celery(broker=env["env"]["BROKER_URL"]).send_task("tasks.pipeline.schedule_due_sources", queue="default")


def _finished_crawls() -> int:
    from storage.db import session_scope
    from storage.models import CrawlRun

    with session_scope() as s:
        return len(list(s.scalars(select(CrawlRun).where(CrawlRun.finished_at.is_not(None)))))


def _settled() -> bool:
    """No article waits for extraction and no delivery waits to be sent."""
    from storage.db import session_scope
    from storage.models import Article, Delivery

    with session_scope() as s:
        pending_articles = s.scalar(select(Article.id).where(
            (Article.extracted_hash.is_(None)) | (Article.extracted_hash != Article.content_hash)))
        pending_deliveries = s.scalar(select(Delivery.id).where(Delivery.status.in_(["pending", "sending", "retry"])))
    return pending_articles is None and pending_deliveries is None


def test_new_article_alerts_by_email_once(env: dict) -> None:
    site: FixtureSite = env["site"]
    smtp: SMTPServer = env["smtp"]
    with Worker(env["env"], log=env["log"]):
        # 1. first cycle: two articles in the feed; Lukashenko speaks on NATO and Ukraine
        _cycle(env)
        wait_for(lambda: _finished_crawls() >= 1, 90, what="the first crawl")
        wait_for(_settled, 90, what="extraction and delivery")
        mails = smtp.wait_for(1, timeout=30)
        bodies = [m.part("text/plain") for m in mails]
        htmls = [m.part("text/html") for m in mails]
        link = f"{site.base}/news/lukashenko-nato-borders-1001.html"
        assert any("NATO is building up its forces near our western borders" in b for b in bodies)
        assert all("Alexander Lukashenko" in b for b in bodies)
        assert all(link in b for b in bodies), "the canonical link, tracking parameters stripped"
        assert any(link in h for h in htmls)
        assert all(m.message.is_multipart() for m in mails)
        first = len(mails)

        # 2. the same cycle again: nothing new is fetched or sent
        site.reset_log()
        _cycle(env)
        wait_for(lambda: _finished_crawls() >= 2, 90, what="the second crawl")
        wait_for(_settled, 60, what="the second cycle to settle")
        time.sleep(2)
        assert len(smtp.messages) == first
        article_fetches = [p for p in site.paths_requested() if p.startswith("/news/")]
        assert article_fetches == [], "stored articles must not be fetched again"

        # 3. a new article appears in the feed: exactly one new email, for Khrenin on Ukraine
        feed = env["root"] / "feed.xml"
        feed.write_text(feed.read_text().replace("<!--NEW-ITEMS-->", (env["root"] / "new-item.xml").read_text()))
        _cycle(env)
        wait_for(lambda: _finished_crawls() >= 3, 90, what="the third crawl")
        mails = smtp.wait_for(first + 1, timeout=60)
        wait_for(_settled, 60, what="the third cycle to settle")
        time.sleep(2)
        new = smtp.messages[first:]
        assert len(new) == 1
        body = new[0].part("text/plain")
        assert "Viktor Khrenin" in body and "border with Ukraine remains tense" in body
        assert f"{site.base}/news/khrenin-ukraine-1003.html" in body
