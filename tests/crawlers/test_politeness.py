"""Politeness, robustness and security of real crawls against a local HTTP server (FixtureSite):
Retry-After on 429/503, a 403 burst pauses the source, robots.txt Crawl-delay and Disallow,
private/metadata addresses refused, broken and non-HTML pages skipped, source health."""
from __future__ import annotations

import time
from datetime import timedelta
from email.utils import formatdate
from typing import Any

import pytest
from sqlalchemy import select

from mouthpiece.sites import FixtureSite, Override
from tests.crawlers.conftest import run_crawl

ARTICLES = ["/news/lukashenko-nato-borders-1001.html", "/news/harvest-results-1002.html"]


def demo_source(base: str, **kw: Any) -> dict[str, Any]:
    return {"id": kw.pop("id", "demo"), "name": "Minsk Herald", "kind": "state_media", "country": "BY",
            "discovery": [{"type": "feed", "url": base + "/feed.xml"}], "allow_private": True,
            "download_delay": 0, **kw}


class TimedSite(FixtureSite):
    """A FixtureSite that also records when each request arrived."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.times: list[tuple[str, float]] = []

    def _record(self, method: str, path: str, status: int) -> None:
        self.times.append((path, time.monotonic()))
        super()._record(method, path, status)


def _row(env: Any, sid: str = "demo") -> Any:
    from storage.models import Source

    with env.session() as s:
        return s.get(Source, sid)


def _stored(env: Any) -> list[str]:
    from storage.models import Article

    with env.session() as s:
        return sorted(s.scalars(select(Article.url)))


def test_retry_after_on_429_is_honoured(env, site_copy) -> None:
    site, _ = site_copy("demo")
    timed = TimedSite(site.root).start()
    try:
        timed.overrides[ARTICLES[0]] = Override(429, {"Retry-After": "1"}, b"slow down", times=1)
        env.sources(demo_source(timed.base))
        summary = run_crawl("demo")
        assert summary["ok"] and len(summary["new_article_ids"]) == 2
        hits = [t for p, t in timed.times if p == ARTICLES[0]]
        assert len(hits) == 2, "retried once"
        assert hits[1] - hits[0] >= 0.95, "waited for Retry-After"
    finally:
        timed.stop()


def test_503_with_http_date_retry_after_then_success(env, site_copy) -> None:
    site, _ = site_copy("demo")
    site.overrides["/feed.xml"] = Override(503, {"Retry-After": formatdate(time.time() + 1, usegmt=True)},
                                           times=1)
    env.sources(demo_source(site.base))
    summary = run_crawl("demo")
    assert summary["ok"] and len(summary["new_article_ids"]) == 2
    assert site.paths_requested().count("/feed.xml") == 2


def test_retry_after_parsing() -> None:
    from crawlers.middlewares import retry_after_seconds

    assert retry_after_seconds(b"120") == 120
    assert 59 <= retry_after_seconds(formatdate(time.time() + 60, usegmt=True)) <= 61
    assert retry_after_seconds("garbage") is None and retry_after_seconds(None) is None


def test_403_burst_pauses_the_source(env, site_copy) -> None:
    site, root = site_copy("demo")
    feed = root / "feed.xml"
    feed.write_text(feed.read_text().replace("<!--NEW-ITEMS-->", (root / "new-item.xml").read_text()))
    for p in ARTICLES + ["/news/khrenin-ukraine-1003.html"]:
        site.overrides[p] = Override(403, {}, b"Forbidden")
    env.sources(demo_source(site.base, pause_minutes=30))
    summary = run_crawl("demo")
    assert not summary["ok"] and summary["blocked"]
    assert "403" in summary["error"]
    row = _row(env)
    assert row.paused_until is not None and "403" in (row.pause_reason or "")
    from storage.models import utcnow
    from storage.sources import due_sources, source_health

    assert timedelta(minutes=29) < row.paused_until - utcnow() <= timedelta(minutes=30)
    with env.session() as s:
        assert "demo" not in [x.id for x in due_sources(s)]
        (h,) = source_health(s)
        assert h["status"] == "paused" and "403" in h["problem"]


def test_robots_crawl_delay_and_disallow(env, site_copy) -> None:
    site, root = site_copy("demo")
    (root / "robots.txt").write_text("User-agent: *\nCrawl-delay: 0.4\nDisallow: /news/harvest\n")
    timed = TimedSite(root).start()
    try:
        env.sources(demo_source(timed.base))
        summary = run_crawl("demo", CONCURRENT_REQUESTS_PER_DOMAIN=8)
        assert summary["ok"]
        assert _stored(env) == [timed.base + ARTICLES[0]], "the disallowed article is not fetched"
        assert "/news/harvest-results-1002.html" not in timed.paths_requested()
        times = [t for p, t in timed.times if p != "/robots.txt"]
        assert len(times) == 2
        assert all(b - a >= 0.38 for a, b in zip(times, times[1:], strict=False)), "Crawl-delay spacing"
        from storage.models import CrawlRun

        with env.session() as s:
            run = s.scalars(select(CrawlRun)).one()
            assert run.stats["crawl_delays"] == {timed.base.split("//")[1]: 0.4}
    finally:
        timed.stop()


def test_private_address_refused_without_allow_private(env, site_copy) -> None:
    site, _ = site_copy("demo")
    env.sources(demo_source(site.base, allow_private=False))
    summary = run_crawl("demo")
    assert not summary["ok"]
    assert summary["refused_urls"] == [site.base + "/feed.xml"]
    assert "loopback" in summary["error"], summary["error"]
    assert site.paths_requested() == [], "nothing reached the private address"
    assert _row(env).consecutive_failures == 1


def test_redirect_to_cloud_metadata_is_refused_even_with_allow_private(env, site_copy) -> None:
    site, _ = site_copy("demo")
    site.overrides[ARTICLES[1]] = Override(302, {"Location": "http://169.254.169.254/latest/meta-data/"})
    env.sources(demo_source(site.base))
    summary = run_crawl("demo")
    assert summary["ok"]
    assert summary["refused_urls"] == ["http://169.254.169.254/latest/meta-data/"]
    assert _stored(env) == [site.base + ARTICLES[0]]


def test_address_rules() -> None:
    from crawlers.security import url_problem

    for bad in ("http://127.0.0.1/", "http://10.1.2.3/x", "http://192.168.0.1/", "http://[::1]/",
                "http://169.254.169.254/latest/meta-data/", "http://[::ffff:127.0.0.1]/", "http://localhost/",
                "http://metadata.google.internal/", "http://100.100.100.200/", "http://0.0.0.0/",
                "file:///etc/passwd", "data:text/html,hi", "ftp://example.org/", "http://172.16.5.4/"):
        assert url_problem(bad), bad
    assert url_problem("http://8.8.8.8/") is None
    assert url_problem("http://127.0.0.1/", allow_private=True) is None
    assert url_problem("http://169.254.169.254/", allow_private=True)


def test_broken_pages_do_not_stop_the_crawl(env, site_copy) -> None:
    """A PDF, a truncated page, a 500 and a dead link in the feed: the good article is stored,
    the others are reported; the PDF is not fetched again on the next crawl."""
    site, root = site_copy("demo")
    good = (root / "news/lukashenko-nato-borders-1001.html").read_bytes()
    cut = good.replace(b"/news/lukashenko-nato-borders-1001.html", b"/news/cut.html")
    (root / "news/cut.html").write_bytes(cut[: len(cut) * 2 // 3])
    (root / "news/report.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    site.overrides["/news/error.html"] = Override(500, {}, b"oops")
    items = "".join(f"<item><title>{n}</title><link>{{{{BASE}}}}/news/{n}</link></item>"
                    for n in ("cut.html", "report.pdf", "error.html", "missing.html"))
    feed = root / "feed.xml"
    feed.write_text(feed.read_text().replace("<!--NEW-ITEMS-->", items))
    env.sources(demo_source(site.base))
    summary = run_crawl("demo")
    assert summary["ok"]
    stored = _stored(env)
    assert site.base + ARTICLES[0] in stored and site.base + ARTICLES[1] in stored
    failed = " ".join(summary["failed_urls"])
    for n in ("report.pdf", "error.html", "missing.html"):
        assert n in failed
    assert site.base + "/news/cut.html" in stored or "cut.html" in failed
    site.reset_log()
    run_crawl("demo")
    assert "/news/report.pdf" not in site.paths_requested(), "a non-HTML link is given up at once"


def test_a_failing_source_does_not_stop_others_and_health(env, site_copy) -> None:
    site, _ = site_copy("demo")
    dead = FixtureSite(site.root).start()
    dead_base = dead.base
    dead.stop()  # connection refused from now on
    env.sources(demo_source(dead_base, id="down"), demo_source(site.base))
    assert not run_crawl("down")["ok"]
    assert run_crawl("demo")["ok"]
    from storage.models import Source, utcnow
    from storage.sources import source_health

    with env.session() as s:
        health = {h["id"]: h for h in source_health(s)}
    assert health["down"]["status"] == "degraded" and health["down"]["consecutive_failures"] == 1
    assert health["demo"]["status"] == "ok" and health["demo"]["articles"] == 2
    with env.session() as s:
        s.get(Source, "demo").last_new_article_at = utcnow() - timedelta(hours=49)
        health = {h["id"]: h for h in source_health(s)}
    assert health["demo"]["status"] == "silent" and "48 h" in health["demo"]["problem"]


def test_allow_private_is_a_list_of_host_port_pairs_matched_as_written() -> None:
    """Issue 11, item 3: an allowed fixture site does not open 127.0.0.1 as a whole."""
    from config.sources import Source
    from crawlers.security import private_allowed, url_problem

    src = Source(id="x", name="X", kind="demo", country="BY", allow_private=True,
                 discovery=[{"type": "feed", "url": "http://127.0.0.1:8001/feed.xml"}])
    ok = src.private_endpoints
    assert ok == {("127.0.0.1", 8001)}
    assert private_allowed("http://127.0.0.1:8001/a", ok)
    for other in ("http://127.0.0.1:6379/", "http://127.0.0.1/", "http://2130706433:8001/",
                  "http://0x7f000001:8001/", "http://[::ffff:127.0.0.1]:8001/", "http://localhost.:8001/",
                  "http://localhost:8001/", "http://127.1:8001/", "http://017700000001:8001/"):
        assert not private_allowed(other, ok), other
        assert url_problem(other, allow_private=private_allowed(other, ok)), other
    listed = Source(id="y", name="Y", kind="demo", country="BY", allow_private=["127.0.0.1:9000", "[::1]:9001"],
                    discovery=[{"type": "feed", "url": "http://127.0.0.1:9000/feed.xml"}])
    assert listed.private_endpoints == {("127.0.0.1", 9000), ("::1", 9001)}
    with pytest.raises(ValueError, match="not host:port"):
        Source(id="z", name="Z", kind="demo", country="BY", allow_private=["127.0.0.1"],
               discovery=[{"type": "feed", "url": "http://127.0.0.1:9000/feed.xml"}])


def test_a_refusal_hint_fits_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    """A name that does not resolve is not a private address: no allow_private hint then; a
    private address gets one (the guard's own log line, from a real Scrapy crawler)."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import Request
    from scrapy.utils.test import get_crawler

    from crawlers.failures import cause
    from crawlers.middlewares import AddressGuardMiddleware
    from crawlers.security import url_problem

    guard = AddressGuardMiddleware(get_crawler(settings_dict={}))
    dns = url_problem("http://no-such-host.invalid/")
    assert dns and "cannot resolve" in dns and "allow_private" not in cause(dns)
    private = url_problem("http://127.0.0.1:6379/")
    assert private and "loopback" in private
    with caplog.at_level("WARNING", logger="crawlers.middlewares"):
        for url, why in (("http://no-such-host.invalid/", dns), ("http://127.0.0.1:6379/", private)):
            with pytest.raises(IgnoreRequest):
                guard._refuse(Request(url), why)
    dns_line, private_line = (r.getMessage() for r in caplog.records)
    assert "cannot resolve" in dns_line and "allow_private" not in dns_line
    assert "loopback" in private_line and "allow_private" in private_line and "host:port" in private_line
