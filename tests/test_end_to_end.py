"""The whole pipeline on real parts: the fixture site over HTTP, a real Celery worker on Redis,
PostgreSQL, and an aiosmtpd SMTP server. A new article appears in the feed; an email arrives
that carries the quote, the speaker and the source link; the same cycle again sends nothing."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mouthpiece.sites import FixtureSite
from storage.db import upgrade
from tests.support.pipeline import (
    Deployment,
    add_feed_item,
    copy_demo_site,
    deployment_env,
    finished_crawls,
    settled,
)
from tests.support.servers import SMTPServer
from tests.support.services import Worker, fresh_pg_database, fresh_redis_url, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    saved = dict(os.environ)
    site_root = copy_demo_site(tmp_path / "site")
    with fresh_pg_database() as db_url, FixtureSite(site_root) as site, SMTPServer() as smtp:
        d = Deployment(tmp_path, site, smtp, deployment_env(tmp_path, site, smtp, db_url, fresh_redis_url()))
        d.apply_env()
        upgrade(db_url)
        try:
            yield d
        finally:
            os.environ.clear()
            os.environ.update(saved)
            from config.settings import reset_settings
            from storage.db import reset_engines

            reset_settings()
            reset_engines()


def test_new_article_alerts_by_email_once(deployment: Deployment) -> None:
    d, site, smtp = deployment, deployment.site, deployment.smtp
    with Worker(d.env, log=d.root / "worker.log"):
        # 1. first cycle: two articles in the feed; Lukashenko speaks on NATO and Ukraine
        d.cycle()
        wait_for(lambda: finished_crawls() >= 1, 90, what="the first crawl")
        wait_for(settled, 90, what="extraction and delivery")
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
        d.cycle()
        wait_for(lambda: finished_crawls() >= 2, 90, what="the second crawl")
        wait_for(settled, 60, what="the second cycle to settle")
        time.sleep(2)
        assert len(smtp.messages) == first
        article_fetches = [p for p in site.paths_requested() if p.startswith("/news/")]
        assert article_fetches == [], "stored articles must not be fetched again"

        # 3. a new article appears in the feed: exactly one new email, for Khrenin on Ukraine
        add_feed_item(d.root / "site", (d.root / "site" / "new-item.xml").read_text())
        d.cycle()
        wait_for(lambda: finished_crawls() >= 3, 90, what="the third crawl")
        smtp.wait_for(first + 1, timeout=60)
        wait_for(settled, 60, what="the third cycle to settle")
        time.sleep(2)
        new = smtp.messages[first:]
        assert len(new) == 1
        body = new[0].part("text/plain")
        assert "Viktor Khrenin" in body and "border with Ukraine remains tense" in body
        assert f"{site.base}/news/khrenin-ukraine-1003.html" in body
