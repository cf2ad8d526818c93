"""Real PostgreSQL, Redis and Celery workers for tests (no mocks, no eager mode)."""
from __future__ import annotations

import atexit
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1:6379")
REPO = Path(__file__).resolve().parents[2]


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (dropped afterwards), so parallel runs never collide."""
    name = f"mp_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        from storage.db import reset_engines

        reset_engines()
        with admin.connect() as c:
            c.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ), {"n": name})
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def fresh_redis_url(hold: float = 1800) -> str:
    """A Redis database number of this test's own, flushed first. Databases 1-15 are claimed
    through a key in database 0 (held `hold` seconds), so test runs in parallel on one Redis
    (several checkouts, several sessions) never flush each other's queues."""
    import redis

    admin = redis.Redis.from_url(f"redis://{REDIS_HOST}/0")
    deadline = time.monotonic() + 120
    while True:
        for db in random.sample(range(1, 16), 15):
            key = f"mouthpiece-test-claim:{db}"
            if admin.set(key, os.getpid(), nx=True, ex=int(hold)):
                redis.Redis.from_url(f"redis://{REDIS_HOST}/{db}").flushdb()
                atexit.register(_release_claim, key)
                return f"redis://{REDIS_HOST}/{db}"
        if time.monotonic() > deadline:
            raise RuntimeError("all 15 test Redis databases are claimed by other test runs")
        time.sleep(1)


def _release_claim(key: str) -> None:
    import redis

    try:
        admin = redis.Redis.from_url(f"redis://{REDIS_HOST}/0")
        if admin.get(key) == str(os.getpid()).encode():
            admin.delete(key)
    except redis.RedisError:
        pass  # the claim expires on its own


class Worker:
    """A real `celery worker` subprocess with the given environment."""

    def __init__(self, env: dict[str, str], queues: str = "default,crawl", concurrency: int = 2,
                 log: Path | None = None, extra: list[str] | None = None) -> None:
        self.env = {**os.environ, **env}
        self.log_path = log
        self.cmd = [sys.executable, "-m", "celery", "-A", "tasks.app", "worker", "-Q", queues,
                    f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip",
                    "--without-mingle", "--hostname", f"test-{uuid.uuid4().hex[:6]}@%h", *(extra or [])]
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = None

    def start(self) -> Worker:
        self._log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # type: ignore[assignment]
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=REPO, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        if self._log not in (None, subprocess.DEVNULL):
            self._log.close()  # type: ignore[union-attr]

    def __enter__(self) -> Worker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for(cond: Callable[[], object], timeout: float = 60, interval: float = 0.3, what: str = "") -> object:
    """Poll `cond` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or cond}")
