"""Alerts on real parts: a Celery worker subprocess on Redis, PostgreSQL, aiosmtpd, a local
Slack-webhook stand-in. Articles are stored as the crawler stores them; the worker extracts,
clusters, alerts and delivers.

- three sources reprint one statement within the group window: exactly one alert, one message,
  "also reported by" the other two;
- hostile quote text goes through the whole pipeline without pinging anyone or injecting HTML;
- a worker SIGKILLed while the SMTP server stalls on DATA: exactly one message in the end.
"""
from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from celery import Celery
from sqlalchemy import func, select

from tests.support.servers import SMTPServer, WebhookServer, free_port
from tests.support.services import Worker, fresh_pg_database, fresh_redis_url, wait_for

pytestmark = pytest.mark.slow

SOURCES = """sources:
{items}"""
ITEM = """  - id: {id}
    name: {name}
    kind: state_media
    country: BY
    languages: [en]
    discovery:
      - type: feed
        url: http://127.0.0.1:9/{id}.xml
    interval_minutes: 60
"""
NAMES = {"belta": "BelTA", "sb": "SB Belarus Today", "minsknews": "Minsk News"}
STATEMENT = ("\u201cNATO is building up its forces near our borders with Ukraine, and we will not stand by "
             "and watch,\u201d Alexander Lukashenko said on Friday.")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(SOURCES.format(items="".join(ITEM.format(id=k, name=v)
                                                                   for k, v in NAMES.items())))
    (cfg / "channels.yaml").write_text("channels: {}\n")
    with fresh_pg_database() as db_url:
        e = {
            "DATABASE_URL": db_url,
            "BROKER_URL": fresh_redis_url(),
            "MOUTHPIECE_CONFIG_DIR": str(cfg),
            "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"),
            "MOUTHPIECE_GROUP_WAIT": "0",
        }
        for k, v in e.items():
            monkeypatch.setenv(k, v)
        for k in ("SMTP_URL", "ALERT_EMAIL_TO", "SLACK_WEBHOOK_URL", "APPRISE_URLS"):
            monkeypatch.delenv(k, raising=False)
        from config.settings import reset_settings
        from config.sources import load_sources
        from storage.db import reset_engines, session_scope, upgrade
        from storage.sources import sync_sources

        reset_settings()
        reset_engines()
        upgrade(db_url)
        with session_scope() as s:
            sync_sources(s, load_sources())
        yield {"env": e, "log": tmp_path / "worker.log", "tmp": tmp_path}
        reset_settings()
        reset_engines()


def _store(source_id: str, slug: str, body: str) -> int:
    from storage.articles import upsert_article
    from storage.db import session_scope

    url = f"https://{source_id}.example/news/{slug}"
    with session_scope() as s:
        r = upsert_article(s, source_id=source_id, canonical_url=url, urls=[url], title=f"{slug} title",
                           body=body, published_at=datetime(2026, 5, 1, 10, 0, tzinfo=UTC), modified_at=None,
                           authors=[], lang="en")
        return int(r.article_id)


def _send(env: dict[str, Any], task: str, *args: Any) -> None:
    Celery(broker=env["env"]["BROKER_URL"]).send_task(task, args=list(args), queue="default")


def _count(model: Any, *where: Any) -> int:
    from storage.db import session_scope

    with session_scope() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _delivery_states() -> list[tuple[str, str, int]]:
    from storage.db import session_scope
    from storage.models import Delivery

    with session_scope() as s:
        return [(d.channel, d.status, d.attempts) for d in s.scalars(select(Delivery).order_by(Delivery.id))]


def test_three_reprints_in_the_group_window_give_one_alert(env: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.models import Alert, Article, Quote

    with SMTPServer() as smtp:
        e = {**env["env"], "SMTP_URL": smtp.url, "ALERT_EMAIL_TO": "analyst@example.org",
             "MOUTHPIECE_GROUP_WAIT": "4"}
        ids = [_store(src, f"lukashenko-nato-{i}", f"MINSK, 1 May. {STATEMENT} Other news followed.")
               for i, src in enumerate(NAMES)]
        with Worker(e, log=env["log"], concurrency=2):
            for aid in ids:  # all at once: two worker processes race on the same statement
                _send(env, "tasks.pipeline.extract_quotes", aid)
            wait_for(lambda: _count(Article, Article.extracted_hash.is_not(None)) == 3, 60, what="extraction")
            assert _count(Quote) == 3
            from storage.db import session_scope

            with session_scope() as s:
                clusters = set(s.scalars(select(Quote.cluster_id)))
            assert len(clusters) == 1, "three reprints, one cluster"
            assert _count(Alert) == 1
            time.sleep(4.5)  # the group wait passes; beat's sweep sends
            _send(env, "tasks.pipeline.sweep")
            wait_for(lambda: _delivery_states() == [("email", "sent", 1)], 30, what="the send")
            # later sweeps and a re-evaluation send nothing more
            for aid in ids:
                _send(env, "tasks.pipeline.evaluate_alerts", aid)
            _send(env, "tasks.pipeline.sweep")
            time.sleep(3)
        assert len(smtp.messages) == 1
        assert _count(Alert) == 1
        body = smtp.messages[0].part("text/plain")
        assert "NATO is building up its forces near our borders with Ukraine" in body
        others = [n for n in NAMES.values() if n not in body.split("Also reported by")[0]]
        assert "Also reported by" in body or "also reported by" in body.lower()
        tail = body.lower().split("also reported by", 1)[1]
        assert sum(n.lower() in tail for n in NAMES.values()) == 2, (others, body)


HOSTILE = ("Alexander Lukashenko said that NATO <!channel> <!here> <@U123ABC> <script>alert('x')</script> "
           "<img src=x onerror=alert(1)> was moving troops to the border with Ukraine.")


def test_hostile_quote_text_through_the_pipeline(env: dict[str, Any]) -> None:
    with SMTPServer() as smtp, WebhookServer() as hook:
        e = {**env["env"], "SMTP_URL": smtp.url, "ALERT_EMAIL_TO": "analyst@example.org",
             "SLACK_WEBHOOK_URL": hook.url}
        aid = _store("belta", "hostile", f"MINSK, 1 May. {HOSTILE} Nothing else.")
        with Worker(e, log=env["log"]):
            _send(env, "tasks.pipeline.extract_quotes", aid)
            wait_for(lambda: sorted(s for _c, s, _a in _delivery_states()) == ["sent", "sent"], 60,
                     what="both deliveries")
        [req] = hook.requests
        raw = req.body.decode()
        for ping in ("<!channel>", "<!here>", "<@U123ABC>"):
            assert ping not in raw, f"{ping} would ping people"
        assert "&lt;!channel&gt;" in raw
        assert req.json["unfurl_links"] is False and req.json["unfurl_media"] is False
        [mail] = smtp.messages
        html = mail.part("text/html")
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "<img src=x" not in html
        assert "\n" not in str(mail.message["Subject"]).strip()


class _StallingSMTP(SMTP):
    """Answers the first DATA command only after `release` is set (or never)."""

    stall: threading.Event
    seen_data: threading.Event

    async def smtp_DATA(self, arg: str) -> None:
        if not self.seen_data.is_set():
            self.seen_data.set()
            while not self.stall.is_set():
                await asyncio.sleep(0.05)
            return  # the client is gone by now: nothing was transmitted, nothing is delivered
        await super().smtp_DATA(arg)


class StallingSMTPServer(SMTPServer):
    def __init__(self) -> None:
        super().__init__()
        self.seen_data = threading.Event()
        self.stall = threading.Event()

    def start(self) -> StallingSMTPServer:
        from tests.support.servers import _Handler

        outer = self

        class C(Controller):
            def factory(self) -> SMTP:
                smtp = _StallingSMTP(self.handler, **self.SMTP_kwargs)
                smtp.seen_data, smtp.stall = outer.seen_data, outer.stall
                return smtp

        self.port = free_port()
        self._controller = C(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self


def test_worker_killed_mid_delivery_sends_exactly_one_message(env: dict[str, Any]) -> None:
    from storage.models import Delivery

    with StallingSMTPServer() as smtp:
        e = {**env["env"], "SMTP_URL": smtp.url + "?timeout=60", "ALERT_EMAIL_TO": "analyst@example.org",
             "MOUTHPIECE_STALE_CLAIM": "3"}
        aid = _store("belta", "crash", f"MINSK, 1 May. {STATEMENT}")
        w = Worker(e, log=env["log"]).start()
        try:
            _send(env, "tasks.pipeline.extract_quotes", aid)
            assert smtp.seen_data.wait(60), "the delivery reached DATA"
            assert _delivery_states() == [("email", "sending", 1)]
            w.stop(signal.SIGKILL)  # the whole worker, mid-send
        finally:
            w.stop()
        smtp.stall.set()
        assert smtp.messages == []
        with Worker(e, log=env["log"]):
            _send(env, "tasks.pipeline.sweep")  # too early: the claim is not stale yet
            time.sleep(1.5)
            assert _delivery_states() == [("email", "sending", 1)]
            time.sleep(2)
            _send(env, "tasks.pipeline.sweep")
            wait_for(lambda: _delivery_states() == [("email", "sent", 2)], 30, what="the resend")
            _send(env, "tasks.pipeline.sweep")
            time.sleep(2)
        assert len(smtp.messages) == 1
        assert _count(Delivery, Delivery.status == "sent") == 1
