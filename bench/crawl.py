"""Crawl benchmark against the fixture sites served locally (no network).

    .venv/bin/python bench/crawl.py [--articles 300]

1. Every fixture site in tests/sites/ (the configured sources re-hosted on 127.0.0.1): the
   requests of the first crawl and of a re-crawl (which should be discovery requests only).
2. A scaled site: the demo feed with --articles generated articles, for articles/s.
3. A Telegram channel of --posts posts (one every 45 minutes, served by mouthpiece.telegram_site):
   a first crawl with --since 30 days (paged back with ?before=), then a poll after 3 new
   posts (one request, 3 articles), and the time to parse one t.me/s page of 20 posts.
   `--only telegram` runs this part alone.
Each crawl runs in a forked child (as the worker runs it in a child process); peak memory is
the largest child's maximum RSS. Delays are 0 here: this measures the crawler, not politeness.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import crawlers.article  # noqa: E402,F401  (loaded once; each forked crawl reuses it)
from crawlers.localsites import configured_sources, local_source, write_sources  # noqa: E402
from mouthpiece.sites import SITES_DIR, FixtureSite  # noqa: E402

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "CONCURRENT_REQUESTS": 16, "LOG_LEVEL": "ERROR"}


def _child(q: Any, sid: str, since: str | None = None) -> None:
    from config.settings import reset_settings
    from crawlers.run import crawl
    from storage.db import reset_engines

    reset_settings()
    reset_engines()
    q.put(crawl(sid, since=since, settings=FAST))


def run(sid: str, since: str | None = None) -> tuple[dict[str, Any], float]:
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    t = time.perf_counter()
    p = ctx.Process(target=_child, args=(q, sid, since))
    p.start()
    summary = q.get(timeout=600)
    p.join()
    return summary, time.perf_counter() - t


def scaled_site(root: Path, n: int) -> None:
    """The demo site with n articles in its feed, each a distinct text."""
    shutil.copytree(SITES_DIR / "demo", root)
    tpl = (root / "news/lukashenko-nato-borders-1001.html").read_text(encoding="utf-8")
    items = []
    for i in range(n):
        name = f"gen-{i}.html"
        page = tpl.replace("/news/lukashenko-nato-borders-1001.html", f"/news/{name}")
        page = page.replace("NATO", f"NATO ({i} {i * 7919 % 10007})")
        (root / "news" / name).write_text(page, encoding="utf-8")
        items.append(f"<item><title>Item {i}</title><link>{{{{BASE}}}}/news/{name}</link>"
                     f"<pubDate>Wed, 25 Nov 2026 11:54:00 +0300</pubDate></item>")
    feed = root / "feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("<!--NEW-ITEMS-->", "\n".join(items)),
                    encoding="utf-8")


def telegram(tmp: Path, posts: int) -> None:
    """A local channel of `posts` posts: backfill 30 days, a poll with 3 new posts, parse speed."""
    from datetime import UTC, datetime, timedelta

    from crawlers.parsers.telegram import parse_channel
    from mouthpiece.telegram_site import generated_channel

    ch = generated_channel("bench_channel", "Bench channel", posts)
    site = FixtureSite(tmp / "empty-site")
    (tmp / "empty-site").mkdir(exist_ok=True)
    site.start()
    ch.mount(site)
    try:
        write_sources(tmp / "config", [{"id": "bench_channel", "name": "Bench channel", "kind": "telegram",
                                        "channel": "bench_channel", "country": "BY", "languages": ["ru"],
                                        "preview_url": f"{site.base}/s/bench_channel", "allow_private": True,
                                        "download_delay": 0}])
        since = (datetime.now(UTC) - timedelta(days=30)).isoformat(timespec="seconds")
        in_range = sum(1 for p in ch.posts if p.date >= datetime.fromisoformat(since))
        with_text = sum(1 for p in ch.posts if p.date >= datetime.fromisoformat(since) and p.text)
        s1, t1 = run("bench_channel", since=since)
        print(f"\nTelegram channel, {posts} posts (one every 45 min), {in_range} in the last 30 days "
              f"({with_text} with text):")
        print(f"  first crawl --since 30 days: {s1['requests']} requests, {len(s1['new_article_ids'])} articles, "
              f"{s1['skipped_media']} media-only skipped, {t1:.2f} s (including process start)")
        for i in range(3):
            ch.add(f"Новость {i}\n\n«Мы продолжим работу, номер {i}», — сказал Глава государства.")
        site.reset_log()
        s2, t2 = run("bench_channel")
        print(f"  poll after 3 new posts:      {s2['requests']} request(s) {site.paths_requested()}, "
              f"{len(s2['new_article_ids'])} articles, {t2:.2f} s")
        page = ch.render(None)
        parse_channel(page)
        rounds = 200
        t, c = time.perf_counter(), time.process_time()
        for _ in range(rounds):
            parsed = parse_channel(page)
        dt, dc = (time.perf_counter() - t) / rounds, (time.process_time() - c) / rounds
        # CPU time too: on a machine shared with other work, wall time also counts the waiting
        print(f"  parse one t.me/s page of {len(parsed.posts) + len(parsed.skipped)} posts "
              f"({len(page) / 1024:.0f} KiB): {dt * 1000:.2f} ms wall, {dc * 1000:.2f} ms CPU (mean of {rounds})")
    finally:
        site.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="articles on the scaled site")
    ap.add_argument("--posts", type=int, default=2000, help="posts in the Telegram channel")
    ap.add_argument("--only", choices=["telegram"], help="run one part only")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mouthpiece-bench-crawl-"))
    os.environ.update({"DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite'}",
                       "MOUTHPIECE_CONFIG_DIR": str(tmp / "config"), "MOUTHPIECE_DATA_DIR": str(tmp / "data")})
    from config.settings import reset_settings
    from storage.db import reset_engines, upgrade

    reset_settings()
    reset_engines()
    upgrade()
    if a.only == "telegram":
        try:
            telegram(tmp, a.posts)
        finally:
            reset_engines()
            shutil.rmtree(tmp, ignore_errors=True)
        return 0
    configured = configured_sources(Path(__file__).resolve().parents[1] / "config" / "sources.yaml")
    ids = sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir() and p.name in configured)
    sites = {sid: FixtureSite(SITES_DIR / sid).start() for sid in ids}
    gen_root = tmp / "scaled"
    scaled_site(gen_root, a.articles)
    scaled = FixtureSite(gen_root).start()
    try:
        sources = [local_source(configured[sid], SITES_DIR / sid, sites[sid].base) for sid in ids]
        sources.append({"id": "scaled", "name": "Scaled demo site", "kind": "demo", "country": "BY",
                        "discovery": [{"type": "feed", "url": scaled.base + "/feed.xml"}],
                        "allow_private": True, "download_delay": 0})
        write_sources(tmp / "config", sources)

        print(f"{'source':<18}{'1st crawl req':>14}{'articles':>10}{'re-crawl req':>14}{'article fetches':>17}")
        tot1 = tot2 = tot_art = tot_refetch = 0
        for sid in ids:
            s1, _ = run(sid)
            sites[sid].reset_log()
            s2, _ = run(sid)
            refetch = s2["article_requests"]
            print(f"{sid:<18}{s1['requests']:>14}{len(s1['new_article_ids']):>10}{s2['requests']:>14}{refetch:>17}")
            tot1 += s1["requests"]
            tot2 += s2["requests"]
            tot_art += len(s1["new_article_ids"])
            tot_refetch += refetch
        print(f"{'all ' + str(len(ids)) + ' sites':<18}{tot1:>14}{tot_art:>10}{tot2:>14}{tot_refetch:>17}")

        s1, t1 = run("scaled")
        n = len(s1["new_article_ids"])
        scaled.reset_log()
        s2, t2 = run("scaled")
        print(f"\nscaled site, {a.articles} articles in one feed:")
        print(f"  first crawl: {s1['requests']} requests, {n} articles stored in {t1:.2f} s "
              f"= {n / t1:.1f} articles/s (including process start)")
        print(f"  re-crawl:    {s2['requests']} requests ({scaled.paths_requested()}), "
              f"{s2['article_requests']} article fetches, {t2:.2f} s")
        telegram(tmp, a.posts)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"\npeak memory (largest crawl process, max RSS): {peak:.0f} MiB")
    finally:
        for s in [*sites.values(), scaled]:
            s.stop()
        reset_engines()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
