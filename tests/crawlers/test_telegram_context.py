"""A channel's owner is context for its posts (issue 14, item 2): crawled from the project's
own pul_1 channel on 127.0.0.1, stored, then through the extraction task. In pul_1's posts the
head of state ("Глава государства", "Президент") is Lukashenko, named or not."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.crawlers.conftest import CONFIG, configured_sources, local_source, run_crawl

SOURCES = configured_sources(CONFIG)


def _quotes_by_post(env: Any) -> dict[int, list[tuple[str | None, str]]]:
    from storage.models import Article, Quote

    with env.session() as s:
        rows = s.execute(select(Article.canonical_url, Quote.speaker_id, Quote.text)
                         .join(Quote, Quote.article_id == Article.id))
        out: dict[int, list[tuple[str | None, str]]] = {}
        for url, speaker, text in rows:
            out.setdefault(int(url.rsplit("/", 1)[1]), []).append((speaker, text))
    return out


def _extract_all(env: Any) -> None:
    from storage.models import Article
    from tasks.pipeline import extract_quotes

    with env.session() as s:
        s.execute(update(Article).values(extracted_hash=None))
        ids = list(s.scalars(select(Article.id)))
    for aid in ids:
        extract_quotes.run(aid)


def test_the_head_of_state_in_a_pul_1_post_is_lukashenko(env: Any) -> None:
    channel = SITES_DIR / "pul_1"
    with FixtureSite(channel) as site:
        src = local_source(SOURCES["pul_1"], channel, site.base)
        assert src["speaks_for"] == "lukashenko"
        env.sources(src)
        ch = site.channels["pul_1"]
        # a post that names no one: only the channel says whose words these are
        bare = ch.add("Президент посетил Минский тракторный завод\n\n«Тракторы должны продаваться, "
                      "а не стоять на складах. Это касается всех», — сказал Президент.").id
        assert run_crawl("pul_1")["ok"]
        posts = ch.posts
    _extract_all(env)
    by_post = _quotes_by_post(env)
    # every post whose quote is introduced by the head of state's title, not by his name
    titled = [p.id for p in posts if p.text and "Лукашенко" not in p.text
              and any(t in p.text for t in ("— сказал Президент", "— заявил Глава государства"))]
    assert titled, "the fixture channel has posts that name the speaker only by title"
    for pid in titled:
        assert by_post.get(pid), f"post {pid}: no quote"
        assert {sp for sp, _ in by_post[pid]} == {"lukashenko"}, (pid, by_post[pid])

    # the same posts from a foreign channel that speaks for no one: a bare "Президент" names no one
    # (in a Belarusian source the head of state's title is Lukashenko's anyway)
    env.sources({**{k: v for k, v in src.items() if k != "speaks_for"}, "country": "LT"})
    from config.loader import clear_cache

    clear_cache()
    _extract_all(env)
    after = _quotes_by_post(env)
    assert bare in titled and by_post[bare][0][1].startswith("Тракторы должны продаваться")
    assert "lukashenko" not in {sp for sp, _ in after.get(bare, [])}, after.get(bare)
