"""Behind a backlog, beat and the sweep add no duplicates: a source whose crawl still waits in
the crawl queue is not queued again every interval, and an extraction task that waits its
turn in a long default queue is not queued again as if it had been lost. Real broker (Redis),
no worker consuming while the backlog stands; beat's steps run as beat runs them, in a process
of their own."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from sqlalchemy import select, update

from storage.db import reset_engines, session_scope, upgrade
from storage.models import Article, Source, utcnow
from tests.support.services import REPO, Worker, fresh_redis_url, wait_for

SOURCE = """sources:
  - id: down
    name: A site that is down
    kind: state_media
    country: BY
    languages: [en]
    discovery: [{{type: feed, url: "http://127.0.0.1:{port}/feed.xml"}}]
    interval_minutes: 2
    allow_private: true
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    from tests.support.servers import free_port

    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(SOURCE.format(port=free_port()))
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    upgrade(db)
    reset_engines()
    return {**{k: v for k, v in os.environ.items() if not k.startswith("MOUTHPIECE_")},
            "DATABASE_URL": db, "BROKER_URL": fresh_redis_url(), "MOUTHPIECE_CONFIG_DIR": str(cfg),
            "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "MOUTHPIECE_EXTRACT_STALE": "60",
            "MOUTHPIECE_METRICS_PORT": "0"}


def _py(env: dict[str, str], code: str) -> object:
    """Run `code` (which ends by printing one JSON value) with the deployment's environment."""
    p = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.strip().splitlines()[-1])


def _depth(env: dict[str, str], queue: str) -> int:
    return int(redis.Redis.from_url(env["BROKER_URL"]).llen(queue))


def _due_again(db: str) -> None:
    """The source's interval has passed (the test cannot wait two minutes)."""
    with session_scope(db) as s:
        s.execute(update(Source).values(next_crawl_at=utcnow() - timedelta(seconds=1)))


SCHEDULE = "import json; from tasks.pipeline import schedule_due_sources as f; print(json.dumps(f()))"
SWEEP_EXTRACTIONS = ("import json; from tasks.pipeline import enqueue_pending_extractions as f; "
                     "print(json.dumps(f()))")


def test_a_source_is_not_queued_again_while_its_crawl_waits(env: dict[str, str], tmp_path: Path) -> None:
    db = env["DATABASE_URL"]
    try:
        assert _py(env, SCHEDULE) == ["down"]
        _due_again(db)
        assert _py(env, SCHEDULE) == [], "queued a second crawl while the first still waits"
        _due_again(db)
        assert _py(env, SCHEDULE) == []
        assert _depth(env, "crawl") == 1
        # a worker takes the crawl (the site is down: it fails); then the source is queued again
        with Worker(env, queues="crawl", concurrency=1, log=tmp_path / "worker.log"):
            wait_for(lambda: _depth(env, "crawl") == 0, 60, what="the worker taking the crawl")
            _due_again(db)
            assert wait_for(lambda: _py(env, SCHEDULE) == ["down"], 30, interval=1, what="the next schedule")
    finally:
        reset_engines()


def test_the_sweep_leaves_an_extraction_waiting_in_a_backlog_alone(env: dict[str, str]) -> None:
    db = env["DATABASE_URL"]
    try:
        with session_scope(db) as s:
            s.add(Source(id="down", name="down", kind="state_media", country="BY", interval_minutes=2,
                         http_cache={}, consecutive_failures=0))
            s.flush()
            art = Article(source_id="down", canonical_url="http://x.example/1", url="http://x.example/1", title="t",
                          body="text", content_hash="h1", extract_queued_at=utcnow() - timedelta(minutes=10))
            s.add(art)
            s.flush()
            aid = art.id
        # its task, queued ten minutes ago, still waits in the queue behind others
        _py(env, f"from tasks.pipeline import extract_quotes; extract_quotes.delay({aid}); print(1)")
        assert _depth(env, "default") == 1
        assert _py(env, SWEEP_EXTRACTIONS) == [], "queued again a task that waits in the backlog"
        assert _depth(env, "default") == 1
        # the broker lost the queue (a restart without persistence): now it is lost, and queued again
        redis.Redis.from_url(env["BROKER_URL"]).delete("default")
        assert _py(env, SWEEP_EXTRACTIONS) == [aid]
        assert _depth(env, "default") == 1
        # an article whose task was never queued (the broker was down) is queued whatever waits
        with session_scope(db) as s:
            s.execute(update(Article).where(Article.id == aid).values(extract_queued_at=None))
        assert _py(env, SWEEP_EXTRACTIONS) == [aid]
    finally:
        reset_engines()


def test_pool_processes_are_replaced_for_memory_not_every_few_hundred_tasks() -> None:
    """Each new pool process loads the language models again (seconds of CPU); at 200 tasks a
    child that was a tenth or more of an extraction worker's time in bench/ingest.py."""
    from tasks.app import app

    assert app.conf.worker_max_tasks_per_child >= 10_000
    assert 500_000 <= app.conf.worker_max_memory_per_child <= 2_000_000  # KiB: above the ~300 MB a worker needs


def test_a_second_extraction_of_one_article_waits_for_the_first_and_does_nothing(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The sweep queues an extraction again once it is MOUTHPIECE_EXTRACT_STALE old and the queue
    has drained, which it also is while a long one still runs; a redelivery can do the same. The
    second task must not extract the article again beside the first (on PostgreSQL, where
    workers run in parallel)."""
    import threading

    from config.settings import reset_settings
    from storage.models import Quote
    from tasks.pipeline import extract_quotes
    from tests.support.services import fresh_pg_database

    speech = "\n\n".join(f"“The harvest in district {i} grew by {i % 7 + 2} percent this year, and the farmers "
                         f"of region {i} deserve every word of praise,” Alexander Lukashenko said." for i in range(300))
    with fresh_pg_database() as db:
        monkeypatch.setenv("DATABASE_URL", db)
        monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("MOUTHPIECE_GROUP_WAIT", "600")
        reset_settings()
        reset_engines()
        try:
            upgrade(db)
            with session_scope() as s:
                s.add(Source(id="s", name="S", kind="state_media", country="BY", interval_minutes=60,
                             http_cache={}, consecutive_failures=0))
                s.flush()
                art = Article(source_id="s", canonical_url="http://x.example/1", url="http://x.example/1",
                              title="t", body=speech, content_hash="h1", lang="en")
                s.add(art)
                s.flush()
                aid = art.id
            results: list[int] = []
            first = threading.Thread(target=lambda: results.append(extract_quotes(aid)))
            first.start()
            import time

            time.sleep(1.0)  # the first holds the article; the second arrives while it works
            second = extract_quotes(aid)
            first.join(300)
            assert sorted([results[0], second]) == [-1, 300], (results, second)
            with session_scope() as s:
                assert len(list(s.scalars(select(Quote).where(Quote.article_id == aid)))) == 300
        finally:
            reset_engines()
            reset_settings()
