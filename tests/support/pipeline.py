"""A whole Mouthpiece deployment for tests: fixture site, config, SMTP, storage, broker, and
helpers to drive a cycle and to check that nothing was lost or sent twice."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from celery import Celery
from sqlalchemy import func, select, update

from mouthpiece.demo import demo_sources
from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.support.servers import SMTPServer
from tests.support.services import REPO


def copy_demo_site(dest: Path, with_new_item: bool = False) -> Path:
    shutil.copytree(SITES_DIR / "demo", dest)
    if with_new_item:
        add_feed_item(dest, (dest / "new-item.xml").read_text())
    return dest


def add_feed_item(site_root: Path, item_xml: str) -> None:
    feed = site_root / "feed.xml"
    feed.write_text(feed.read_text().replace("<!--NEW-ITEMS-->", item_xml + "\n<!--NEW-ITEMS-->"))


@dataclass
class Deployment:
    root: Path
    site: FixtureSite
    smtp: SMTPServer
    env: dict[str, str]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def apply_env(self) -> None:
        os.environ.update(self.env)
        from config.settings import reset_settings
        from storage.db import reset_engines

        reset_settings()
        reset_engines()

    def send(self, task: str, queue: str = "default") -> None:
        Celery(broker=self.env["BROKER_URL"]).send_task(task, queue=queue)

    def cycle(self) -> None:
        """What beat does every minute, made due now."""
        from storage.db import session_scope
        from storage.models import Source

        with session_scope() as s:
            s.execute(update(Source).values(next_crawl_at=None))
        self.send("tasks.pipeline.schedule_due_sources")

    def beat(self, name: str = "beat") -> subprocess.Popen[bytes]:
        log = open(self.root / f"{name}.log", "ab")
        p = subprocess.Popen([sys.executable, "-m", "celery", "-A", "tasks.app", "beat", "--loglevel=INFO",
                              "--schedule", str(self.root / f"{name}-{uuid.uuid4().hex[:6]}.schedule")],
                             env={**os.environ, **self.env}, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.procs.append(p)
        return p

    def stop_procs(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()


def deployment_env(root: Path, site: FixtureSite, smtp: SMTPServer, db_url: str, broker_url: str,
                   interval: int = 60, **extra: str) -> dict[str, str]:
    cfg = root / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "sources.yaml").write_text(demo_sources(site.base, interval))
    # These deployments count alert emails: no digest (beat builds one at start when today's
    # send time passed recently), which has tests of its own.
    (cfg / "digests.yaml").write_text("digests: []\n")
    env = {
        "DATABASE_URL": db_url,
        "BROKER_URL": broker_url,
        "MOUTHPIECE_CONFIG_DIR": str(cfg),
        "MOUTHPIECE_DATA_DIR": str(root / "data"),
        "MOUTHPIECE_GROUP_WAIT": "0",
        "MOUTHPIECE_RETRY_BASE": "1",
        "MOUTHPIECE_SWEEP_EVERY": "2",
        "MOUTHPIECE_SCHEDULE_EVERY": "2",
        "MOUTHPIECE_EXTRACT_STALE": "3",
        "MOUTHPIECE_METRICS_PORT": "0",
        "SMTP_URL": smtp.url,
        "ALERT_EMAIL_TO": "analyst@example.org",
    }
    env.update(extra)
    return env


def finished_crawls() -> int:
    from storage.db import session_scope
    from storage.models import CrawlRun

    with session_scope() as s:
        return s.scalar(select(func.count()).select_from(CrawlRun).where(CrawlRun.finished_at.is_not(None))) or 0


def settled() -> bool:
    """Every stored article extracted and every delivery finished (sent or failed)."""
    from storage.db import session_scope
    from storage.models import Article, Delivery

    try:
        with session_scope() as s:
            pending_articles = s.scalar(select(func.count()).select_from(Article).where(
                (Article.extracted_hash.is_(None)) | (Article.extracted_hash != Article.content_hash)))
            pending_deliveries = s.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.status.in_(["pending", "sending", "retry"])))
            articles = s.scalar(select(func.count()).select_from(Article))
    except Exception:  # storage restarting
        return False
    return bool(articles) and pending_articles == 0 and pending_deliveries == 0


def outcome() -> dict[str, int]:
    from storage.db import session_scope
    from storage.models import Alert, Article, Delivery, Quote

    with session_scope() as s:
        return {
            "articles": s.scalar(select(func.count()).select_from(Article)) or 0,
            "quotes": s.scalar(select(func.count()).select_from(Quote)) or 0,
            "alerts": s.scalar(select(func.count()).select_from(Alert)) or 0,
            "sent": s.scalar(select(func.count()).select_from(Delivery).where(Delivery.status == "sent")) or 0,
            "failed": s.scalar(select(func.count()).select_from(Delivery).where(Delivery.status == "failed")) or 0,
        }


def assert_once_each(smtp: SMTPServer, expected_alerts: int) -> None:
    """Nothing lost (every alert sent) and nothing twice (one message per alert)."""
    o = outcome()
    assert o["alerts"] == expected_alerts, o
    assert o["sent"] == expected_alerts and o["failed"] == 0, o
    ids = [m.message["Message-ID"] for m in smtp.messages]
    assert len(ids) == expected_alerts, f"{len(ids)} messages for {expected_alerts} alerts"
    assert len(set(ids)) == len(ids), "a message was sent twice"
