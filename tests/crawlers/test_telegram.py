"""Telegram channels: the t.me/s parser on real pages (../shared, skipped when absent) and on the
project's own channel, and real crawls of that channel served on 127.0.0.1 by
mouthpiece.telegram_site: incremental polls, a feed that grows, edits, backfill with ?before=,
429, and pages that fail the run without losing anything."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawlers.parsers.telegram import LayoutError, parse_channel, parse_views
from mouthpiece.sites import SITES_DIR, FixtureSite, Override
from tests.crawlers.conftest import CONFIG, configured_sources, local_source, run_crawl
from tests.support.shared import shared_path

REAL = shared_path("fixtures", "real", "telegram")
needs_real = pytest.mark.skipif(REAL is None, reason="../shared/fixtures/real/telegram is absent")
POSTS_FIXTURES = sorted(SITES_DIR.rglob("*.posts.json"))


def _real(name: str) -> Any:
    assert REAL is not None
    return parse_channel((REAL / name).read_bytes())


# ------------------------------------------------------------------------------- real pages

@pytest.mark.shared
@needs_real
def test_real_channel_page() -> None:
    page = _real("full.html")
    assert page.channel == "topwar_official" and page.title == "Военное обозрение"
    assert len(page.posts) == 12 and page.before == 70989
    ids = [p.id for p in page.posts]
    assert ids == sorted(ids) and ids[0] == 70989
    for p in page.posts:
        assert p.url == f"https://t.me/topwar_official/{p.id}"
        assert p.published_at is not None and p.published_at.utcoffset().total_seconds() == 0
        assert p.text and "  " not in p.text and "\n\n\n" not in p.text and "<" not in p.text
    first = page.posts[0]
    assert first.published_at.isoformat() == "2023-02-28T07:47:53+00:00"
    assert first.views == 37200 and first.media == ["photo"]  # a photo's caption is the text
    # <br/> is a line break; the markup's own newlines and indentation are not
    assert first.text.startswith("В Санкт-Петербурге в небо над городом подняли истребители")
    assert "сообщает Baza.\nСудя по сервису Flightradar" in first.text
    fwd = {p.id: (p.forwarded_from, p.forwarded_url) for p in page.posts if p.forwarded_from}
    assert fwd[70996] == ("Военкор Ярем", "https://t.me/yaremshooter/1066")
    assert fwd[71007] == ("Пул N3", "https://t.me/dimsmirnov175/44655")


@pytest.mark.shared
@needs_real
def test_real_single_messages() -> None:
    text = _real("message_text.html").posts[0]
    paras = text.text.split("\n\n")
    assert paras[0] == "Неопознанный летающий объект замечен в 160 – 200 км от Петербурга"
    assert len(paras) == 3 and paras[2].endswith("«Звуки как на параде».")
    assert text.title == paras[0] and text.views == 33400

    fwd = _real("message_media_forwarded_from.html").posts[0]
    assert (fwd.forwarded_from, fwd.forwarded_url) == ("Пул N3", "https://t.me/dimsmirnov175/44604")
    hidden = _real("message_voice.html").posts[0]  # forwarded from a user who hides the link
    assert hidden.forwarded_from == "Спортивный Екб" and hidden.forwarded_url is None
    assert "Обсудили:\n\n- Сталина не забыть\n- Плохие фильмы\n- Смешные переводы" in hidden.text
    assert hidden.text.endswith("Слушайте: @kakberadio\nПишите нам: @kakberadiobot")  # links as text

    signed = _real("message_with_from_author.html").posts[0]
    assert signed.author == "🅰️rkadiy Ivanov" and signed.text == "test" and signed.views == 1

    poll = _real("message_poll.html").posts[0]
    assert poll.text == "Как лучше?" and poll.media == ["poll"]
    assert "Несколько постов" not in poll.text

    album = _real("message_media_photo_and_video.html").posts[0]  # the caption is nested twice
    assert album.text.count("Ночью над Белгородом сбили 3 беспилотника") == 1
    assert album.text.endswith("#Белгород #Беспилотники\n\n@anna_news")

    edited = _real("message_link_preview_video.html").posts[0]
    assert edited.edited and "😁" in edited.text
    preview = _real("message_link_preview.html").posts[0]
    assert preview.text == "https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/"  # not the preview's text
    assert _real("message_media_file.html").posts[0].media == ["document"]


@pytest.mark.shared
@needs_real
@pytest.mark.parametrize("name", ["message_sticker.html", "message_media_round_video.html"])
def test_real_media_only_posts_are_skipped(name: str) -> None:
    page = _real(name)
    assert page.posts == [] and len(page.skipped) == 1


@pytest.mark.shared
@needs_real
def test_real_fragments_that_are_not_messages_are_an_unknown_layout() -> None:
    with pytest.raises(LayoutError, match="unknown layout"):
        _real("media_photo.html")


# ----------------------------------------------------------------------- the project's fixture

@pytest.mark.parametrize("expected", POSTS_FIXTURES, ids=lambda p: str(p.relative_to(SITES_DIR)))
def test_channel_fixture_page(expected: Path) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    page = parse_channel(expected.with_name(expected.name.replace(".posts.json", ".html")).read_bytes())
    got = [{"url": p.url, "published_at": p.published_at.isoformat(), "title": p.title, "text": p.text,
            "author": p.author, "forwarded_from": p.forwarded_from, "forwarded_url": p.forwarded_url,
            "views": p.views, "edited": p.edited, "media": p.media} for p in page.posts]
    assert (page.channel, page.title, page.before, page.skipped) == (
        want["channel"], want["title"], want["before"], want["skipped"])
    assert got == want["posts"]


def test_the_page_layout_quirks_of_the_fixture() -> None:
    page = parse_channel((SITES_DIR / "pul_1" / "s" / "pul_1.html").read_bytes(), "pul_1")
    by_id = {p.id: p for p in page.posts}
    assert "Глава государства об Украине" not in by_id[7008].text  # a reply's quoted post
    assert "Совещание по экономическим вопросам" not in by_id[7011].text  # a link preview
    assert by_id[7019].text.count("Лукашенко на МТЗ") == 1  # an album caption's wrapper
    assert by_id[7010].edited and by_id[7004].author == "Дмитрий Жук"
    assert page.skipped == [7003, 7009, 7016]  # photo, sticker and video without a caption


def test_empty_and_unknown_pages() -> None:
    with pytest.raises(LayoutError, match="no posts"):
        parse_channel('<html><body><section class="tgme_channel_history js-message_history"></section>'
                      "</body></html>")
    with pytest.raises(LayoutError, match="unknown layout"):
        parse_channel("<html><body><h1>Telegram</h1><div class='tgme_page'>Channel</div></body></html>")
    with pytest.raises(LayoutError, match="empty"):
        parse_channel(b"   ")


def test_views() -> None:
    assert [parse_views(v) for v in ("746", "37.2K", "1.1M", "12K", "", "n/a")] == [746, 37200, 1100000, 12000,
                                                                                      None, None]


def test_article_command_on_a_saved_channel_page() -> None:
    from crawlers.article import extract_article

    art = extract_article((SITES_DIR / "pul_1" / "s" / "pul_1.html").read_bytes(), "https://t.me/s/pul_1")
    assert art.parser == "telegram.V1" and art.title == "Александр Лукашенко ответил на вопросы журналистов " \
                                                        "после посещения завода."
    assert art.published_at is not None and art.published_at.isoformat() == "2026-11-25T10:15:00+00:00"


# ------------------------------------------------------------------------------------- config

def test_telegram_sources_in_the_default_config() -> None:
    from config.sources import load_sources

    tg = {s.id: s for s in load_sources(CONFIG) if s.kind == "telegram"}
    assert {sid: (s.channel, s.country) for sid, s in tg.items()} == {
        "pul_1": ("pul_1", "BY"), "government_by": ("government_by", "BY"), "rian_ru": ("rian_ru", "RU"),
        "tass_agency": ("tass_agency", "RU"), "mid_russia": ("MID_Russia", "RU"),
        "medvedev_telegram": ("medvedev_telegram", "RU")}
    assert all(s.interval_minutes == 2 and s.start_urls == [f"https://t.me/s/{s.channel}"] for s in tg.values())
    assert tg["pul_1"].speaks_for == "lukashenko"


def test_telegram_source_config_mistakes(tmp_path: Path) -> None:
    from config.loader import ConfigError
    from config.sources import load_sources

    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - id: x\n    name: X\n    kind: telegram\n    country: BY\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="channel"):
        load_sources(bad)
    bad.write_text("sources:\n  - id: x\n    name: X\n    kind: state_media\n    country: BY\n"
                   "    channel: pul_1\n    discovery: [{type: feed, url: 'https://x.org/rss'}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="telegram"):
        load_sources(bad)


# ------------------------------------------------------------------------------------ crawling

SOURCES = configured_sources(CONFIG)


@pytest.fixture
def channel(env, tmp_path: Path) -> Any:
    site = FixtureSite(SITES_DIR / "pul_1").start()
    env.sources(local_source(SOURCES["pul_1"], SITES_DIR / "pul_1", site.base))
    site.ch = site.channels["pul_1"]
    yield site
    site.stop()


def _articles(env: Any) -> dict[int, Any]:
    from storage.models import Article

    with env.session() as s:
        arts = list(s.scalars(select(Article)))
        for a in arts:
            s.expunge(a)
    return {int(a.canonical_url.rsplit("/", 1)[1]): a for a in arts}


def _cursor(env: Any) -> Any:
    from storage.models import Source

    with env.session() as s:
        row = s.get(Source, "pul_1")
        return (row.http_cache or {}).get("__cursor__")


def test_poll_stores_posts_then_only_new_ones_with_one_request(env, channel) -> None:
    first = run_crawl("pul_1")
    assert first["ok"], first["error"]
    arts = _articles(env)
    assert sorted(arts) == [7001, 7002, 7004, 7005, 7006, 7007, 7008, 7010, 7011, 7012, 7013, 7014, 7015,
                            7017, 7018, 7019, 7020]
    assert first["skipped_media"] == 3 and _cursor(env) == {"last_id": 7020}
    a = arts[7002]
    assert a.canonical_url == "https://t.me/pul_1/7002" and a.source_id == "pul_1" and a.lang == "ru"
    assert a.published_at.isoformat() == "2026-11-20T06:40:00+00:00"
    assert a.title == "Лукашенко о ситуации у границ"
    assert a.body.split("\n\n")[1].startswith("«Мы видим, как НАТО наращивает группировку")
    assert a.extra["telegram"] == {"channel": "pul_1", "post_id": 7002, "views": 51900, "media": ["photo"]}
    assert arts[7004].authors == ["Дмитрий Жук"]
    assert arts[7005].extra["telegram"]["forwarded_from"] == "Пресс-служба Президента Республики Беларусь"
    assert arts[7007].body == "Как вы оцениваете итоги уборочной кампании?"

    channel.reset_log()
    for i in range(3):
        channel.ch.add(f"Новость {i}\n\n«Мы будем работать дальше, номер {i}», — сказал Глава государства.")
    second = run_crawl("pul_1")
    assert second["ok"] and second["requests"] == 1 and channel.paths_requested() == ["/s/pul_1"]
    assert len(second["new_article_ids"]) == 3 and _cursor(env) == {"last_id": 7023}
    assert sorted(_articles(env))[-3:] == [7021, 7022, 7023]

    channel.reset_log()
    third = run_crawl("pul_1")  # nothing new: one request, nothing stored
    assert third["ok"] and third["requests"] == 1 and third["new_article_ids"] == []


def test_more_than_a_page_since_the_last_poll_pages_back_to_the_cursor(env, channel) -> None:
    assert run_crawl("pul_1")["ok"]
    for i in range(45):
        channel.ch.add(f"Сообщение {i}: Президент провёл встречу номер {i}.")
    channel.reset_log()
    summary = run_crawl("pul_1")
    assert summary["ok"] and len(summary["new_article_ids"]) == 45
    assert channel.paths_requested() == ["/s/pul_1", "/s/pul_1?before=7046", "/s/pul_1?before=7026"]
    assert _cursor(env) == {"last_id": 7065}


def test_edited_post_updates_its_article_and_reextraction_is_idempotent(env, channel) -> None:
    from storage.models import Quote
    from tasks.pipeline import extract_quotes

    assert run_crawl("pul_1")["ok"]
    aid = _articles(env)[7019].id
    assert extract_quotes.run(aid) >= 1
    assert extract_quotes.run(aid) == -1  # same text: nothing to do
    channel.ch.edit(7019, "Лукашенко на МТЗ\n\n«Завод должен продавать тракторы, а не складировать их. "
                          "НАТО нам не указ», — сказал Глава государства коллективу.")
    summary = run_crawl("pul_1")
    assert summary["ok"] and summary["changed_article_ids"] == [aid] and summary["new_article_ids"] == []
    art = _articles(env)[7019]
    assert "тракторы" in art.body and art.extra["telegram"]["edited"] is True
    n = extract_quotes.run(aid)
    assert n >= 1 and extract_quotes.run(aid) == -1
    with env.session() as s:
        quotes = list(s.scalars(select(Quote).where(Quote.article_id == aid)))
        assert len(quotes) == n and any("НАТО нам не указ" in q.text for q in quotes)
        assert not any("складировать его" in q.text for q in quotes)  # the old version's quote is gone
    assert run_crawl("pul_1")["changed_article_ids"] == []  # edited, but unchanged since: a no-op


def test_backfill_pages_back_with_before_and_stops_at_the_first_older_post(env, channel) -> None:
    channel.ch.page_size = 5
    channel.reset_log()
    summary = run_crawl("pul_1", since="2026-11-22T00:00:00+00:00")
    assert summary["ok"], summary["error"]
    arts = _articles(env)
    assert sorted(arts) == [7010, 7011, 7012, 7013, 7014, 7015, 7017, 7018, 7019, 7020]
    assert all(a.published_at >= datetime(2026, 11, 22, tzinfo=UTC) for a in arts.values())
    # 7016-7020, 7011-7015, 7006-7010: the third page holds the first older post (7008); no fourth
    assert channel.paths_requested() == ["/robots.txt", "/s/pul_1", "/s/pul_1?before=7016",
                                         "/s/pul_1?before=7011"]
    assert _cursor(env) == {"last_id": 7020}
    # a deeper backfill adds the older posts; stored ones are not stored again
    summary = run_crawl("pul_1", since="2026-11-01")
    assert summary["ok"] and len(summary["new_article_ids"]) == 7
    assert "/s/pul_1?before=7006" in channel.paths_requested()


def test_a_page_without_posts_fails_the_run_and_loses_nothing(env, channel) -> None:
    assert run_crawl("pul_1")["ok"]
    stored = len(_articles(env))
    for i in range(3):
        channel.ch.add(f"Новое сообщение {i}")
    channel.overrides["/s/pul_1"] = Override(200, {"Content-Type": "text/html; charset=utf-8"},
                                             b'<html><body><section class="tgme_channel_history js-message_history">'
                                             b"</section></body></html>", times=1)
    bad = run_crawl("pul_1")
    assert not bad["ok"] and "no posts on the channel page" in bad["error"]
    assert len(_articles(env)) == stored and _cursor(env) == {"last_id": 7020}
    from storage.models import CrawlRun

    with env.session() as s:
        run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        assert run.status == "failed" and "no posts" in run.error
    channel.overrides["/s/pul_1"] = Override(200, {"Content-Type": "text/html; charset=utf-8"},
                                             b"<html><body><div class='tgme_page'>Preview unavailable</div>"
                                             b"</body></html>", times=1)
    bad = run_crawl("pul_1")
    assert not bad["ok"] and "unknown layout" in bad["error"]
    good = run_crawl("pul_1")  # the layout is back: the three posts were not lost
    assert good["ok"] and len(good["new_article_ids"]) == 3


def test_429_with_retry_after_is_honoured_and_the_user_agent_has_a_contact(env, channel) -> None:
    assert run_crawl("pul_1")["ok"]
    channel.ch.add("Ещё одно сообщение")
    channel.reset_log()
    channel.overrides["/s/pul_1"] = Override(429, {"Retry-After": "1"}, b"Too Many Requests", times=1)
    summary = run_crawl("pul_1")
    assert summary["ok"] and len(summary["new_article_ids"]) == 1
    assert [st for _, p, st in channel.requests if p.startswith("/s/pul_1")] == [429, 200]
    from config.settings import get_settings

    ua = channel.user_agents[-1]
    assert ua.startswith("Mouthpiece/") and get_settings().contact in ua


def test_cli_backfill_shows_progress_and_a_summary(env, channel, tmp_path: Path) -> None:
    channel.ch.page_size = 5
    envs = {**os.environ, "DATABASE_URL": env.db_url, "MOUTHPIECE_CONFIG_DIR": str(env.cfg),
            "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "160"}
    p = subprocess.run([sys.executable, "-m", "mouthpiece.cli", "crawl", "pul_1", "--since", "2026-11-24",
                        "--no-extract"], capture_output=True, text=True, env=envs, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "crawling pul_1" in p.stderr and "back to 2026-11-2" in p.stderr
    assert "pul_1: 3 requests, 5 new articles" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
