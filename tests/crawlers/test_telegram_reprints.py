"""A post and its website article are one statement (issue 14, item 3). The press pool posts
first; hours later the website rewrites it, shorter in its quote and with its own lead and
boilerplate. The two articles are linked as reprints, the alert goes out once, on the post (the
first sighting), and the digest credits both sources. Real crawls of the pul_1 channel and of a
website on 127.0.0.1, the extraction task, the outbox and the digest's own collection."""
from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mouthpiece.sites import SITES_DIR, FixtureSite
from storage.articles import (
    POST_CONTAINMENT,
    REPRINT_THRESHOLD,
    containment,
    fingerprint,
    shingle_set,
    similarity,
)
from tests.crawlers.conftest import CONFIG, configured_sources, local_source, run_crawl

SOURCES = configured_sources(CONFIG)

POST = ("Лукашенко о переговорах по Украине\n\n"
        "«Мы говорили и повторяем: эту войну надо заканчивать за столом переговоров. Чем раньше сядут, "
        "тем меньше людей погибнет. Беларусь готова предоставить площадку, как это было в Минске. "
        "Но решать должны сами украинцы и русские, без указок из Вашингтона и Брюсселя», — заявил "
        "Глава государства.\n\n"
        "🔹 По словам Президента, НАТО продолжает накачивать Украину оружием.")
# the website a few hours later: its own headline and lead, the quote cut, boilerplate around it
ARTICLE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Лукашенко: войну надо заканчивать за столом переговоров | Минский вестник</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Лукашенко: войну надо заканчивать за столом переговоров", "datePublished": "{published}"}}</script>
</head><body><nav><a href="/">Главная</a> <a href="/politics">Политика</a></nav>
<article><h1>Лукашенко: войну надо заканчивать за столом переговоров</h1>
<p>МИНСК, {day} (Минский вестник) – Президент Беларуси Александр Лукашенко вновь высказался о
конфликте в Украине во время рабочей поездки в Могилевскую область.</p>
<p>«Мы говорили и повторяем: эту войну надо заканчивать за столом переговоров. Чем раньше сядут,
тем меньше людей погибнет», – сказал белорусский лидер.</p>
<p>По его словам, Беларусь готова предоставить площадку, как это было в Минске, но решать должны
сами украинцы и русские.</p>
<p>Глава государства также осмотрел ход строительства нового жилого квартала и пообщался с
местными жителями о ценах и зарплатах.</p>
<p>Читайте также: Лукашенко провел совещание по вопросам уборочной кампании</p></article>
<footer>© 2026 Минский вестник</footer></body></html>"""


def _site(tmp: Path, published: datetime) -> Path:
    root = tmp / "site"
    shutil.copytree(SITES_DIR / "demo", root)
    (root / "news" / "peregovory-4001.html").write_text(
        ARTICLE.format(published=published.isoformat(), day=f"{published:%d.%m.%Y}"), encoding="utf-8")
    item = ("<item><title>Лукашенко: войну надо заканчивать за столом переговоров</title>"
            "<link>{{BASE}}/news/peregovory-4001.html</link>"
            f"<pubDate>{published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>")
    feed = (root / "feed.xml").read_text(encoding="utf-8")
    start, end = feed.index("<item>"), feed.rindex("</item>") + len("</item>")
    (root / "feed.xml").write_text(feed[:start] + item + feed[end:], encoding="utf-8")
    return root


def test_post_first_then_its_website_article_one_alert_digest_credits_both(env: Any, tmp_path: Path) -> None:
    from alerts.digest import Period, collect
    from config.digests import load_digests
    from config.leaders import load_leaders
    from storage.models import Alert, Article, Delivery, Quote
    from tasks.pipeline import extract_quotes

    posted = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=5)
    root = _site(tmp_path, posted + timedelta(hours=3))
    with FixtureSite(SITES_DIR / "pul_1") as tg, FixtureSite(root) as web:
        pid = tg.channels["pul_1"].add(POST, date=posted).id
        site = {"id": "minsk_herald", "name": "Минский вестник", "kind": "state_media", "country": "BY",
                "languages": ["ru"], "discovery": [{"type": "feed", "url": web.base + "/feed.xml"}],
                "allow_private": True, "download_delay": 0}
        env.sources(local_source(SOURCES["pul_1"], SITES_DIR / "pul_1", tg.base), site)
        assert run_crawl("pul_1")["ok"]
        with env.session() as s:
            post_id = s.scalar(select(Article.id).where(Article.canonical_url == f"https://t.me/pul_1/{pid}"))
        extract_quotes.run(post_id)  # the post is extracted (and alerts) before the website has it
        web_run = run_crawl("minsk_herald")
        assert web_run["ok"] and len(web_run["new_article_ids"]) == 1
        web_id = web_run["new_article_ids"][0]
        extract_quotes.run(web_id)

    with env.session() as s:
        post, article = s.get(Article, post_id), s.get(Article, web_id)
        # far below the reprint threshold as Jaccard similarity, linked by containment
        assert containment(shingle_set(post.body), shingle_set(article.body)) >= POST_CONTAINMENT
        assert similarity(fingerprint(post.body), fingerprint(article.body)) < REPRINT_THRESHOLD
        assert article.reprint_of_id == post.id and post.reprint_of_id is None
        quotes = {q.article_id: q for q in s.scalars(select(Quote).where(Quote.speaker_id == "lukashenko",
                                                                         Quote.text.contains("столом")))}
        assert set(quotes) == {post_id, web_id}
        # the website cut the quote: as Jaccard similarity the two are different statements ...
        from alerts.novelty import THRESHOLD, shingles

        a, b = shingles(quotes[post_id].text), shingles(quotes[web_id].text)
        assert len(a & b) / len(a | b) < THRESHOLD
        # ... but the articles are linked, so the cut quote joins the post's statement
        assert quotes[web_id].cluster_id == (quotes[post_id].cluster_id or quotes[post_id].id)
        cluster = quotes[post_id].cluster_id or quotes[post_id].id
        alerts = list(s.scalars(select(Alert).where(Alert.cluster_id == cluster)))
        assert len(alerts) == 1 and alerts[0].quote_id == quotes[post_id].id  # the first sighting
        web_quotes = set(s.scalars(select(Quote.id).where(Quote.article_id == web_id)))
        assert not list(s.scalars(select(Alert).where(Alert.quote_id.in_(web_quotes))))  # no second alert
        deliveries = list(s.scalars(select(Delivery).where(Delivery.alert_id == alerts[0].id)))
        assert deliveries and all(d.payload["url"] == f"https://t.me/pul_1/{pid}" for d in deliveries)

        cfg = load_digests()[0]
        now = datetime.now(UTC)
        data = collect(s, cfg, Period(now - timedelta(days=1), now + timedelta(minutes=1)),
                       leaders={ld.id: ld for ld in load_leaders()})
        items = [q for sec in data.speakers for q in sec.quotes if "столом" in q.text]
        assert len(items) == 1, [q.text for q in items]
        item = items[0]
        assert item.raw_url == f"https://t.me/pul_1/{pid}" and item.source_name == SOURCES["pul_1"]["name"]
        assert item.also_reported_by == ["Минский вестник"] and item.reprints == 1
    assert json.dumps(item.also_reported_by, ensure_ascii=False)
