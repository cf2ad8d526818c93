"""Novelty: a near-duplicate by the same speaker is not new; different wording is."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerts.novelty import assess, minhash
from storage.db import session_scope, upgrade
from storage.models import Article, Quote, Source, Speaker, utcnow


def test_minhash_similarity_orders_sensibly() -> None:
    a = minhash("NATO is building up its forces near our western borders, and we cannot ignore it")
    b = minhash("NATO is building up its forces near our western borders and we cannot ignore it.")
    c = minhash("The grain harvest exceeded nine million tonnes for the first time")
    assert a.jaccard(b) > 0.8 > a.jaccard(c)


def test_assess_against_stored_quotes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.sqlite'}"
    upgrade(url)
    now = utcnow()
    with session_scope(url) as s:
        s.add(Source(id="s", name="S", kind="state_media", country="BY", http_cache={}))
        s.add(Speaker(id="lukashenko", name="Alexander Lukashenko", country="BY"))
        s.flush()
        art = Article(source_id="s", canonical_url="u", url="u", body="b", content_hash="h")
        s.add(art)
        s.flush()

        def q(text: str, age_days: float = 0) -> Quote:
            row = Quote(article_id=art.id, speaker_id="lukashenko", speaker_name="Alexander Lukashenko",
                        text=text, type="direct", start=len(text) + int(age_days * 1000), end=0, topics=[],
                        lang="en", created_at=now - timedelta(days=age_days))
            s.add(row)
            s.flush()
            row.cluster_id = row.id
            return row

        old = q("NATO is building up its forces near our western borders, and we cannot ignore it", 40)
        recent = q("We will never allow a war with Ukraine to reach Belarusian soil", 3)
        again = q("We will never allow a war with Ukraine to reach Belarusian soil!")
        novel = q("NATO is building up its forces near our western borders, and we cannot ignore it")
        n1 = assess(s, again, days=30)
        assert not n1.is_new and n1.cluster_id == recent.id and n1.similarity > 0.8
        assert "near-duplicate" in n1.reason
        n2 = assess(s, novel, days=30)
        assert n2.is_new, "the same words 40 days ago are outside the 30-day window"
        assert old.id
