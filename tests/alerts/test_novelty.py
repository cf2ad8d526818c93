"""Novelty: a near-duplicate by the same speaker is not new; different wording is."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerts.novelty import assess, index_quote, minhash
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
            index_quote(s, row)
            return row

        old = q("NATO is building up its forces near our western borders, and we cannot ignore it", 40)
        recent = q("We will never allow a war with Ukraine to reach Belarusian soil", 3)
        again = q("We will never allow a war with Ukraine to reach Belarusian soil!")
        novel = q("NATO is building up its forces near our western borders, and we cannot ignore it")
        n1 = assess(s, again, days=30)
        assert again.cluster_id == recent.id, "a reprint within days joins the cluster"
        assert n1.is_new, "reprints of the statement itself do not make it old"
        assert not n1.nearest_quote_id
        assert novel.cluster_id == novel.id, "the 40-day-old wording is outside the cluster window"
        repeat = q("We will never allow a war with Ukraine to reach the soil of Belarus", 0)
        repeat.cluster_id = repeat.id  # as if said again after the cluster window
        n3 = assess(s, repeat, days=30)
        assert not n3.is_new and n3.cluster_id == recent.id and n3.similarity > 0.5
        assert "near-duplicate" in n3.reason
        n2 = assess(s, novel, days=30)
        assert n2.is_new, "the same words 40 days ago are outside the 30-day window"
        assert old.id


def test_russian_is_lemmatised_before_shingling() -> None:
    from alerts.novelty import normalise_words

    assert normalise_words("НАТО стягивает войска к нашим границам") == \
        normalise_words("НАТО стягивает войска к нашей границе")[:3] + ["к", "наш", "граница"]
    a = minhash("НАТО стягивает свои войска к нашим западным границам, и мы не можем это игнорировать")
    b = minhash("НАТО стягивает свои войска к нашей западной границе, и мы не можем этого игнорировать")
    assert a.jaccard(b) > 0.5, "inflection alone does not make a statement new"
