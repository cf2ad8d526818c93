"""Real crawls of the fixture sites over HTTP into SQLite: discovery by feed, sitemap (index,
news) and listing; incremental re-crawl; dates with their offset; cp1251; reprints."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.crawlers.conftest import CONFIG, configured_sources, local_source, run_crawl

SOURCES = configured_sources(CONFIG)
SITE_IDS = sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir() and p.name in SOURCES)


def _expected(root: Path) -> dict[str, dict]:
    """Expected article JSON per local path (from the real URL in each expected file)."""
    out = {}
    for p in root.rglob("*.expected.json"):
        want = json.loads(p.read_text(encoding="utf-8"))
        parts = want["url"].split("/", 3)
        out["/" + (parts[3] if len(parts) > 3 else "")] = want
    return out


def _roots(sid: str) -> set[str]:
    """The paths a crawl of the local site starts from: discovery URLs, or a channel preview."""
    src = local_source(SOURCES[sid], SITES_DIR / sid, "")
    return {d["url"] for d in src.get("discovery", [])} | ({src["preview_url"]} if src.get("preview_url") else set())


def _articles(env) -> list:
    from storage.models import Article

    with env.session() as s:
        return list(s.scalars(select(Article).order_by(Article.id)))


def test_every_fixture_site_has_a_source() -> None:
    assert {p.name for p in SITES_DIR.iterdir() if p.is_dir()} - {"demo", "demo_channel", "hostile"} <= set(SOURCES)


def test_crawl_every_fixture_site_then_recrawl_fetches_no_article(env) -> None:
    """Each fixture site once end to end: every article its feed/sitemap/listing links to is
    stored with the expected title, date (offset kept) and body; then a re-crawl of all of them
    fetches only discovery URLs: zero article fetches."""
    sites: dict[str, FixtureSite] = {}
    try:
        for sid in SITE_IDS:
            sites[sid] = FixtureSite(SITES_DIR / sid).start()
        env.sources(*[local_source(SOURCES[sid], SITES_DIR / sid, sites[sid].base) for sid in SITE_IDS])
        from storage.articles import published_local

        for sid in SITE_IDS:
            summary = run_crawl(sid)
            assert summary["ok"], (sid, summary["error"])
            assert summary["new_article_ids"], f"{sid}: no article stored"
        arts = _articles(env)
        by_url = {a.canonical_url: a for a in arts}
        checked = 0
        for sid in SITE_IDS:
            base = sites[sid].base
            for path, want in _expected(SITES_DIR / sid).items():
                url = base + path
                art = by_url.get(url) or next((a for a in arts if a.url.rstrip("/") == url.rstrip("/")), None)
                if art is None:
                    continue  # not linked from the site's discovery files
                assert art.source_id == sid
                assert art.title == want["title"], url
                assert art.body == want["body"], url
                assert published_local(art).isoformat() == want["published_at"], url
                assert art.first_seen_at is not None
                checked += 1
        assert checked >= len(SITE_IDS), f"only {checked} expected articles were reached"

        for s in sites.values():
            s.reset_log()
        for sid in SITE_IDS:
            summary = run_crawl(sid)
            assert summary["ok"] and summary["new_article_ids"] == [], sid
        fetched = {sid: [p for p in s.paths_requested()] for sid, s in sites.items()}
        for sid, paths in fetched.items():
            roots = _roots(sid)
            articles = [p for p in paths if p not in roots and not p.endswith((".xml", ".atom"))]
            assert articles == [], f"{sid}: re-crawl fetched {articles}"
            assert "/robots.txt" not in paths, f"{sid}: robots.txt is cached between crawls"
        assert len(_articles(env)) == len(arts)
    finally:
        for s in sites.values():
            s.stop()


def test_since_bounds_the_backfill(env) -> None:
    """tass_en's news sitemap lists a 2018 and a 2023 article; --since 2020 stores only the 2023 one."""
    with FixtureSite(SITES_DIR / "tass_en") as site:
        src = local_source(SOURCES["tass_en"], SITES_DIR / "tass_en", site.base)
        src["discovery"] = [d for d in src["discovery"] if d["type"] == "sitemap"]
        env.sources(src)
        summary = run_crawl("tass_en", since="2020-01-01")
        assert summary["ok"]
        assert [a.canonical_url for a in _articles(env)] == [site.base + "/politics/1900001"]
        assert "/politics/1000001" not in site.paths_requested()
        # without the bound, the older one is backfilled too
        run_crawl("tass_en")
        assert len(_articles(env)) == 2


def test_sitemap_index_child_unchanged_is_not_refetched(env) -> None:
    with FixtureSite(SITES_DIR / "tass_ru") as site:
        src = local_source(SOURCES["tass_ru"], SITES_DIR / "tass_ru", site.base)
        env.sources(src)
        assert run_crawl("tass_ru")["new_article_ids"]
        site.reset_log()
        assert run_crawl("tass_ru")["ok"]
        assert site.paths_requested() == ["/sitemap.xml"], "the index is 304 or lists an unchanged child"


def test_listing_pagination_up_to_max_pages(env, site_copy) -> None:
    site, root = site_copy("ecfr")
    # page 2 and 3 exist with one article each; max_pages 2 stops before page 3
    listing = (root / "post_tag/belarus/type/commentary/page/1/index.html").read_text(encoding="utf-8")
    art = (root / "article/the-belarus-factor/index.html").read_text(encoding="utf-8")
    for n in (2, 3):
        page = root / f"post_tag/belarus/type/commentary/page/{n}"
        page.mkdir(parents=True)
        (page / "index.html").write_text(
            listing.replace("/article/the-belarus-factor/", f"/article/older-{n}/")
            .replace("/page/2/", f"/page/{n + 1}/"), encoding="utf-8")
        (root / f"article/older-{n}").mkdir()
        (root / f"article/older-{n}/index.html").write_text(
            art.replace("the-belarus-factor", f"older-{n}").replace("The Belarus factor", f"Older piece {n}"),
            encoding="utf-8")
    src = local_source(SOURCES["ecfr"], root, site.base)
    src["discovery"][0]["max_pages"] = 2
    env.sources(src)
    summary = run_crawl("ecfr")
    assert summary["ok"]
    urls = sorted(a.canonical_url for a in _articles(env))
    assert urls == sorted([site.base + "/article/the-belarus-factor/", site.base + "/article/older-2/"])
    assert "/post_tag/belarus/type/commentary/page/3/" not in site.paths_requested()
    # re-crawl: page 1 lists nothing new, so page 2 is not requested again
    site.reset_log()
    assert run_crawl("ecfr")["ok"]
    assert site.paths_requested() == ["/post_tag/belarus/type/commentary/page/1/"]


def test_cp1251_site_decodes(env) -> None:
    with FixtureSite(SITES_DIR / "mfa_gov_by") as site:
        env.sources(local_source(SOURCES["mfa_gov_by"], SITES_DIR / "mfa_gov_by", site.base))
        assert run_crawl("mfa_gov_by")["ok"]
        (art,) = _articles(env)
        want = json.loads((SITES_DIR / "mfa_gov_by/press/news_mfa/a1b2c3d4e5f60718.expected.json")
                          .read_text(encoding="utf-8"))
        assert art.title == want["title"] and art.body == want["body"]
        assert "�" not in art.body and any("а" <= ch <= "я" for ch in art.body)


def test_reprint_on_another_site_is_linked(env, site_copy) -> None:
    """A BelTA article reprinted (new title, extra boilerplate) on another site, crawled later,
    is linked to the original; an unrelated article is not."""
    orig_site = FixtureSite(SITES_DIR / "belta_en").start()
    site, root = site_copy("demo")
    try:
        belta = local_source(SOURCES["belta_en"], SITES_DIR / "belta_en", orig_site.base)
        page = (SITES_DIR / "belta_en/president/view/lukashenko-nato-is-moving-closer-to-our-borders-170001-2026"
                "/index.html").read_text(encoding="utf-8")
        (root / "news/reprint-2001.html").write_text(
            page.replace("Lukashenko: NATO is moving closer to our borders",
                         "Belarus president warns of NATO build-up")
            .replace("{{BASE}}/president/view/lukashenko-nato-is-moving-closer-to-our-borders-170001-2026/",
                     "{{BASE}}/news/reprint-2001.html"), encoding="utf-8")
        feed = root / "feed.xml"
        feed.write_text(feed.read_text(encoding="utf-8").replace(
            "<!--NEW-ITEMS-->", "<item><title>Reprint</title><link>{{BASE}}/news/reprint-2001.html</link>"
            "<pubDate>Thu, 12 Mar 2026 12:30:00 +0300</pubDate></item>"), encoding="utf-8")
        demo = {"id": "demo", "name": "Minsk Herald", "kind": "state_media", "country": "BY",
                "discovery": [{"type": "feed", "url": site.base + "/feed.xml"}],
                "allow_private": True, "download_delay": 0, "parser": "belta"}
        env.sources(belta, demo)
        assert run_crawl("belta_en")["ok"]
        assert run_crawl("demo")["ok"]
        arts = {a.canonical_url: a for a in _articles(env)}
        original = next(a for a in arts.values() if a.source_id == "belta_en")
        reprint = arts[site.base + "/news/reprint-2001.html"]
        assert reprint.reprint_of_id == original.id
        assert original.reprint_of_id is None
        assert all(a.reprint_of_id is None for u, a in arts.items() if a.id not in (original.id, reprint.id))
    finally:
        orig_site.stop()


def test_published_offset_is_kept(env) -> None:
    from storage.articles import published_local

    with FixtureSite(SITES_DIR / "kremlin_en") as site:
        env.sources(local_source(SOURCES["kremlin_en"], SITES_DIR / "kremlin_en", site.base))
        assert run_crawl("kremlin_en")["ok"]
        (art,) = _articles(env)
        assert art.published_offset_minutes == 180
        local = published_local(art)
        assert isinstance(local, datetime) and local.isoformat().endswith("+03:00")


@pytest.mark.parametrize("sid", SITE_IDS)
def test_local_source_has_discovery(sid: str) -> None:
    assert _roots(sid), sid
