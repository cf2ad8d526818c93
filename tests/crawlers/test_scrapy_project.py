"""The crawl record (a Scrapy extension), the stored-article signal, and Scrapy's own commands
inside the project (scrapy.cfg): what a parser author runs."""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.crawlers.conftest import FAST, REPO
from tests.crawlers.test_politeness import ARTICLES, demo_source


def _plain_scrapy(q: Any, source_id: str, extra: dict[str, Any]) -> None:
    """A crawl as plain Scrapy runs it: no crawlers.run, only the project's settings."""
    try:
        from config.settings import reset_settings
        from storage.db import reset_engines

        reset_settings()
        reset_engines()
        from scrapy.crawler import CrawlerProcess

        from crawlers.settings import scrapy_settings
        from crawlers.signals import article_stored
        from crawlers.spiderloader import SourceSpiderLoader

        stored: list[tuple[int, bool]] = []

        def on_stored(article_id: int, created: bool, **_: Any) -> None:
            stored.append((article_id, created))

        # the DNS guard is process-wide: a 127.0.0.1 site needs the process to allow it
        process = CrawlerProcess(scrapy_settings(**{**FAST, "MOUTHPIECE_ALLOW_PRIVATE": True, **extra}))
        crawler = process.create_crawler(SourceSpiderLoader.from_settings(None).load(source_id))
        crawler.signals.connect(on_stored, signal=article_stored)
        process.crawl(crawler)
        process.start()
        q.put(("ok", stored))
    except BaseException:
        q.put(("error", traceback.format_exc()))


def plain_scrapy(source_id: str, **extra: Any) -> list[tuple[int, bool]]:
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_plain_scrapy, args=(q, source_id, extra))
    p.start()
    try:
        kind, value = q.get(timeout=60)
    finally:
        p.join(10)
    assert kind == "ok", value
    return list(value)


def _runs(env: Any) -> list[Any]:
    from storage.models import CrawlRun

    with env.session() as s:
        runs = list(s.scalars(select(CrawlRun).order_by(CrawlRun.id)))
        s.expunge_all()
        return runs


def test_the_extension_records_a_crawl_and_the_signal_reports_each_stored_article(env) -> None:
    from storage.models import Article, Source

    with FixtureSite(SITES_DIR / "demo") as site:
        env.sources(demo_source(site.base))
        stored = plain_scrapy("demo")
    with env.session() as s:
        ids = sorted(s.scalars(select(Article.id)))
        src = s.get(Source, "demo")
        assert src.last_success_at is not None and src.consecutive_failures == 0
    assert sorted(a for a, _ in stored) == ids and all(created for _, created in stored)
    (run,) = _runs(env)
    assert (run.status, run.articles_new, run.error) == ("ok", len(ARTICLES), None)
    assert run.finished_at is not None and run.requests >= 3
    assert sorted(run.stats["new_article_ids"]) == ids
    assert run.stats["articles_listed"] == len(ARTICLES)


def test_the_extension_switches_off_from_settings(env) -> None:
    with FixtureSite(SITES_DIR / "demo") as site:
        env.sources(demo_source(site.base))
        stored = plain_scrapy("demo", MOUTHPIECE_CRAWL_RUNS=False)
    assert len(stored) == len(ARTICLES), "the pipeline still stores and reports"
    assert _runs(env) == []


def test_a_crawl_whose_process_died_is_marked_failed_by_the_task(env, monkeypatch) -> None:
    """The worker makes the run row before it starts the child; a child that never finishes
    the row (here: timed out against a site that never answers) gets it marked failed."""
    import socket

    hang = socket.socket()
    hang.bind(("127.0.0.1", 0))
    hang.listen(8)  # accepts connections, never answers
    try:
        base = f"http://127.0.0.1:{hang.getsockname()[1]}"
        env.sources(demo_source(base))
        monkeypatch.setenv("MOUTHPIECE_CRAWL_TIMEOUT", "3")
        from config.settings import reset_settings

        reset_settings()
        from tasks.pipeline import CrawlFailed, crawl_source

        with pytest.raises(CrawlFailed, match="timed out after 3s"):
            crawl_source.run("demo")
    finally:
        hang.close()
    (run,) = _runs(env)
    assert run.status == "failed" and "timed out after 3s" in run.error and run.finished_at is not None
    from storage.models import Source

    with env.session() as s:
        assert s.get(Source, "demo").consecutive_failures == 1


def _scrapy(env: Any, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Scrapy's own command line, run from the project folder as a parser author runs it."""
    environ = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, env=environ, capture_output=True,
                          text=True, timeout=timeout)


def test_scrapy_list_names_every_configured_source(env) -> None:
    env.sources(demo_source("http://127.0.0.1:9"), demo_source("http://127.0.0.1:9", id="demo2"))
    p = _scrapy(env, "list")
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["demo", "demo2"]


def test_scrapy_crawl_a_source_stores_and_records_like_the_worker(env) -> None:
    from storage.models import Article

    with FixtureSite(SITES_DIR / "demo") as site:
        env.sources(demo_source(site.base))
        p = _scrapy(env, "crawl", "demo", "-s", "MOUTHPIECE_ALLOW_PRIVATE=true")
    assert p.returncode == 0, p.stderr[-3000:]
    with env.session() as s:
        urls = sorted(s.scalars(select(Article.canonical_url)))
    assert urls == sorted(site.base + a for a in ARTICLES)
    (run,) = _runs(env)
    assert run.status == "ok" and run.articles_new == len(ARTICLES)


def test_scrapy_parse_shows_what_the_parser_makes_of_a_page_and_records_nothing(env) -> None:
    with FixtureSite(SITES_DIR / "demo") as site:
        env.sources(demo_source(site.base))
        p = _scrapy(env, "parse", site.base + ARTICLES[0], "-s", "MOUTHPIECE_ALLOW_PRIVATE=true")
    assert p.returncode == 0, p.stderr[-3000:]
    assert "Scraped Items" in p.stdout and "canonical_url" in p.stdout, p.stdout[-2000:]
    assert "Lukashenko" in p.stdout
    assert _runs(env) == []


def test_scrapy_cfg_names_the_project_settings() -> None:
    assert (Path(REPO) / "scrapy.cfg").read_text().count("crawlers.project_settings") == 1


def test_scrapy_shell_opens_a_page_with_its_sources_spider(env) -> None:
    with FixtureSite(SITES_DIR / "demo") as site:
        env.sources(demo_source(site.base))
        p = _scrapy(env, "shell", site.base + ARTICLES[0], "-s", "MOUTHPIECE_ALLOW_PRIVATE=true",
                    "-c", "(spider.name, response.status, response.css('h1::text').get())")
    assert p.returncode == 0, p.stderr[-3000:]
    assert "('demo', 200, 'Lukashenko: NATO is building up forces near our borders')" in p.stdout
    assert _runs(env) == []
