"""`mouthpiece health`: it says a queue is not consumed when no worker consumes it, whatever
beat keeps sending, and it counts a heartbeat that waited behind a backlog."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.support.services import REPO, Worker, fresh_redis_url


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROKER_URL")}
    env.update({"MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "MOUTHPIECE_METRICS_PORT": "0",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "BROKER_URL": fresh_redis_url()})
    return env


def _mp(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mouthpiece.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def _beat_sends_heartbeats(env: dict[str, str]) -> None:
    """What beat does every minute, in a process of its own."""
    r = subprocess.run([sys.executable, "-c", "from tasks.pipeline import send_heartbeats; send_heartbeats()"],
                       env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def _age_heartbeats(db_url: str, minutes: float) -> None:
    """Make every heartbeat row `minutes` older: the test cannot wait that long."""
    from storage.db import reset_engines, session_scope
    from storage.models import Heartbeat

    reset_engines()
    with session_scope(db_url) as s:
        for h in s.query(Heartbeat):
            h.sent_at -= timedelta(minutes=minutes)
            if h.processed_at is not None:
                h.processed_at -= timedelta(minutes=minutes)
    reset_engines()


def test_health_fails_once_workers_stop_though_beat_keeps_sending(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert _mp(env, "db", "upgrade").returncode == 0
    with Worker(env, log=tmp_path / "worker.log"):
        r = _mp(env, "health", "--active", "--timeout", "60")
        assert r.returncode == 0, r.stderr
    assert _mp(env, "health").returncode == 0

    # the worker is gone: an active check waits for a heartbeat processed now, not an old one
    r = _mp(env, "health", "--active", "--timeout", "3")
    assert r.returncode == 1 and "no worker processed a heartbeat" in r.stderr, r.stdout + r.stderr

    # beat goes on sending every minute; nobody consumes: after a few minutes, health says so
    _beat_sends_heartbeats(env)
    _age_heartbeats(env["DATABASE_URL"], 4)
    _beat_sends_heartbeats(env)  # the latest send is seconds old; the oldest unanswered is not
    r = _mp(env, "health")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "queue default: heartbeat sent" in r.stderr and "not processed" in r.stderr, r.stderr

    # a worker comes back: it works through the queued heartbeats and health is ok again
    with Worker(env, log=tmp_path / "worker2.log"):
        r = _mp(env, "health", "--active", "--timeout", "60")
        assert r.returncode == 0, r.stderr
    assert _mp(env, "health").returncode == 0


def test_a_heartbeat_processed_behind_a_backlog_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On `make run`'s first minutes the crawl queue holds a crawl per source: each heartbeat
    waits longer than beat's minute, so a newer one is always sent before it runs. Processing
    it still proves the queue is consumed."""
    from config.settings import reset_settings
    from storage.db import reset_engines, session_scope, upgrade
    from storage.models import Heartbeat, utcnow
    from tasks.pipeline import heartbeat

    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    reset_settings()
    reset_engines()
    try:
        upgrade(db_url)
        sent = utcnow() - timedelta(seconds=90)
        with session_scope() as s:  # heartbeat "a" sent 90 s ago, "b" a while later: both queued
            s.add(Heartbeat(queue="crawl", token="b", sent_at=sent, processed_at=None))
        heartbeat("crawl", "a")  # a worker reaches the older one
        with session_scope() as s:
            row = s.get(Heartbeat, "crawl")
            assert row is not None and row.processed_at is not None and row.processed_at >= sent
            s.execute(update(Heartbeat).values(processed_at=None))
    finally:
        reset_engines()
        reset_settings()


def test_a_crawl_queue_backed_up_but_consumed_is_healthy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first run online queues a crawl per source, each taking minutes: the crawl queue's
    heartbeat waits behind them for longer than health's three minutes. A crawl started lately
    proves a worker consumes the queue; none started lately while the heartbeat waits is stuck."""
    from mouthpiece.status import healthy
    from storage.models import CrawlRun, Heartbeat, Source, utcnow

    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    from storage.db import reset_engines, session_scope, upgrade

    upgrade(db_url)
    now = utcnow()
    try:
        with session_scope(db_url) as s:
            s.add(Source(id="s", name="S", kind="state_media", country="BY", http_cache={}))
            s.flush()
            s.add(Heartbeat(queue="default", token="d", sent_at=now, processed_at=now))
            s.add(Heartbeat(queue="crawl", token="c", sent_at=now - timedelta(minutes=8),
                            processed_at=now - timedelta(minutes=9)))
            s.add(CrawlRun(source_id="s", status="ok", started_at=now - timedelta(minutes=7),
                           finished_at=now - timedelta(minutes=6)))
        with session_scope(db_url) as s:
            ok, problems = healthy(s)
        assert not ok and "queue crawl" in problems[0], "no crawl started lately: the queue is stuck"
        with session_scope(db_url) as s:
            s.add(CrawlRun(source_id="s", status="running", started_at=utcnow() - timedelta(seconds=40)))
        with session_scope(db_url) as s:
            assert healthy(s) == (True, [])
    finally:
        reset_engines()
