"""Crawl tests run real crawls against real local HTTP servers (FixtureSite) into a SQLite
database in tmp. Each crawl runs in a forked child, as the worker runs it in a child process:
Twisted's reactor cannot be restarted inside one process."""
from __future__ import annotations

import multiprocessing
import shutil
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import crawlers.article  # noqa: F401  (imported once here, so each forked crawl starts fast)
import crawlers.run  # noqa: F401
from crawlers.localsites import configured_sources, local_source, write_sources  # noqa: F401
from mouthpiece.sites import SITES_DIR, FixtureSite

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "config" / "sources.yaml"
# fast and deterministic in tests; Crawl-delay and Retry-After are still honoured
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "LOG_LEVEL": "WARNING", "RETRY_TIMES": 0, "MOUTHPIECE_BACKOFF_BASE": 0.2, "DOWNLOAD_TIMEOUT": 10}
def _child(q: Any, source_id: str, since: str | None, settings: dict[str, Any]) -> None:
    try:
        from config.settings import reset_settings
        from storage.db import reset_engines

        reset_settings()
        reset_engines()
        from crawlers.run import crawl

        q.put(("ok", crawl(source_id, since=since, settings={**FAST, **settings})))
    except BaseException:  # report it to the parent, whatever it is
        q.put(("error", traceback.format_exc()))


def run_crawl(source_id: str, since: str | None = None, timeout: float = 60, **settings: Any) -> dict[str, Any]:
    """One crawl in a forked child; returns the crawl summary."""
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q, source_id, since, settings))
    p.start()
    try:
        kind, value = q.get(timeout=timeout)
    finally:
        p.join(10)
        if p.is_alive():
            p.kill()
    if kind != "ok":
        raise AssertionError(f"crawl of {source_id} raised:\n{value}")
    return value


class Env:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.cfg = tmp / "config"
        self.db_url = f"sqlite:///{tmp / 'crawl.sqlite'}"

    def sources(self, *sources: dict[str, Any]) -> None:
        write_sources(self.cfg, list(sources))

    def session(self) -> Any:
        from storage.db import session_scope

        return session_scope()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    e = Env(tmp_path)
    e.cfg.mkdir()
    monkeypatch.setenv("DATABASE_URL", e.db_url)
    monkeypatch.setenv("MOUTHPIECE_CONFIG_DIR", str(e.cfg))
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    from config.settings import reset_settings
    from storage.db import reset_engines, upgrade

    reset_settings()
    reset_engines()
    upgrade(e.db_url)
    yield e
    reset_engines()
    reset_settings()
    from config.loader import clear_cache

    clear_cache()


@pytest.fixture
def site_copy(tmp_path: Path) -> Any:
    """Copy a fixture site into tmp (so a test can change it) and serve it."""
    started: list[FixtureSite] = []

    def make(name: str) -> tuple[FixtureSite, Path]:
        root = tmp_path / "sites" / name
        shutil.copytree(SITES_DIR / name, root)
        site = FixtureSite(root).start()
        started.append(site)
        return site, root

    yield make
    for s in started:
        s.stop()
