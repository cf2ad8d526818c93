"""The quote query interface (storage/search.py) on both databases: filters, full text with
English and Russian stemming, the index kept by replace_quotes, migration 0010 indexing quotes
stored before it, streaming."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, text
from sqlalchemy.engine import Connection

from config.leaders import load_leaders
from storage.articles import upsert_article
from storage.db import get_engine, session_scope, upgrade
from storage.models import Article, Quote, Source
from storage.quotes import ensure_speakers, replace_quotes
from storage.search import QuoteFilter, fts5_query, search, speaker_filter, stream, terms
from tests.support.services import fresh_pg_database

NOW = datetime.now(UTC).replace(microsecond=0)


def _q(speaker_id: str | None, speaker: str, text_: str, start: int, topics: list[str], lang: str = "en",
       type_: str = "direct") -> dict[str, Any]:
    return {"speaker_id": speaker_id, "speaker": speaker, "text": text_, "type": type_, "cue": "said",
            "start": start, "end": start + len(text_), "topics": topics, "lang": lang}


ARTICLES = [
    # (source, url, title, days ago, lang, quotes)
    ("by_state", "https://a.example/1", "Lukashenko on the western border", 3, "en", [
        _q("lukashenko", "Alexander Lukashenko", "NATO is building up its forces near our borders", 0, ["nato"]),
        _q("putin", "Vladimir Putin", "We will answer any threat", 60, []),
    ]),
    ("by_state", "https://a.example/2", "Лукашенко о безопасности", 10, "ru", [
        _q("lukashenko", "Александр Лукашенко", "Угрозы со стороны альянса растут", 0, ["nato"], "ru", "indirect"),
    ]),
    ("ru_state", "https://b.example/3", "Old statement", 45, "en", [
        _q("lukashenko", "Alexander Lukashenko", "The forces of NATO are a threat", 0, ["nato"]),
        _q(None, "John Doe", "Nothing to see here", 40, []),
    ]),
]


def _fill(url: str) -> dict[str, int]:
    ids: dict[str, int] = {}
    with session_scope(url) as s:
        for sid in ("by_state", "ru_state"):
            s.add(Source(id=sid, name=sid, kind="state_media", country="BY", http_cache={}))
        leaders = {ld.id: ld for ld in load_leaders()}
        ensure_speakers(s, [(i, leaders[i].name, leaders[i].country) for i in ("lukashenko", "putin")])
    for source, link, title, ago, lang, quotes in ARTICLES:
        with session_scope(url) as s:
            r = upsert_article(s, source_id=source, canonical_url=link, urls=[link], title=title, body="x" * 200,
                               published_at=NOW - timedelta(days=ago), modified_at=None, authors=[], lang=lang)
            for row in replace_quotes(s, r.article_id, quotes):
                ids[row.text] = row.id
    return ids


def _texts(url: str, **kw: Any) -> list[str]:
    with session_scope(url) as s:
        return [r.text for r in search(s, QuoteFilter(**kw)).rows]


def test_full_text_totals_are_capped_where_counting_costs(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL counts full-text matches row by row, so it stops sooner and says so ("1+");
    SQLite reads the count off its FTS5 index."""
    import storage.search as search_mod

    _fill(db_url)
    monkeypatch.setattr(search_mod, "PG_TEXT_COUNT_CAP", 1)
    with session_scope(db_url) as s:
        page = search(s, QuoteFilter(search="force"))
        unfiltered = search(s, QuoteFilter())
    assert len(page.rows) == 2 and unfiltered.total == 5 and not unfiltered.total_capped
    if db_url.startswith("postgresql"):
        assert page.total_capped and page.total_label == "1+"
    else:
        assert not page.total_capped and page.total_label == "2"


def test_terms_stem_both_languages() -> None:
    assert terms("forces") == terms("force") == ["forc"]
    assert terms("угрозы") == terms("угроза") == terms("угрозой")
    assert terms("NATO's") == ["nato"]  # the possessive's s is dropped
    assert fts5_query('a "b) OR c*') == '"or"'  # every term quoted: no FTS5 syntax gets through
    assert fts5_query("!!") is None


def test_filters_and_full_text(db_url: str) -> None:
    ids = _fill(db_url)
    # newest statement first; said_at is the article's publication time
    assert _texts(db_url, speaker_ids=["lukashenko"]) == [
        "NATO is building up its forces near our borders", "Угрозы со стороны альянса растут",
        "The forces of NATO are a threat"]
    assert _texts(db_url, speaker_ids=["lukashenko"], topic="nato", since=NOW - timedelta(days=30)) == [
        "NATO is building up its forces near our borders", "Угрозы со стороны альянса растут"]
    assert _texts(db_url, until=NOW - timedelta(days=30)) == ["The forces of NATO are a threat",
                                                              "Nothing to see here"]
    assert _texts(db_url, source="ru_state", lang="en", type="direct") == ["The forces of NATO are a threat",
                                                                            "Nothing to see here"]
    assert _texts(db_url, country="RU") == ["We will answer any threat"]
    assert _texts(db_url, speaker_name="John Doe") == ["Nothing to see here"]
    # English stemming: "force" finds "forces"; Russian: "угроза" finds "Угрозы"
    assert set(_texts(db_url, search="force")) == {"NATO is building up its forces near our borders",
                                                   "The forces of NATO are a threat"}
    assert _texts(db_url, search="угроза") == ["Угрозы со стороны альянса растут"]
    # the speaker's names and the article title are searchable too, in either script
    assert "Угрозы со стороны альянса растут" in _texts(db_url, search="Lukashenko")
    assert _texts(db_url, search="безопасность") == ["Угрозы со стороны альянса растут"]
    assert _texts(db_url, search="Lukashenko угроза") == ["Угрозы со стороны альянса растут"]  # both scripts
    assert _texts(db_url, search="western border") == ["NATO is building up its forces near our borders",
                                                       "We will answer any threat"]  # both in that article
    assert _texts(db_url, search="zzz") == [] and _texts(db_url, search="?!") == []
    with session_scope(db_url) as s:
        page = search(s, QuoteFilter(), limit=2, offset=1)
        assert page.total == 5 and len(page.rows) == 2 and page.total_label == "5"
        assert [r.id for r in stream(s, QuoteFilter())] == [r.id for r in search(s, QuoteFilter()).rows]
        row = search(s, QuoteFilter(search="answer")).rows[0]
        assert (row.speaker, row.country, row.source_id) == ("Vladimir Putin", "RU", "by_state")
        assert row.id == ids["We will answer any threat"]


def test_new_only_and_deleted_quotes(db_url: str) -> None:
    ids = _fill(db_url)
    first, later = ids["NATO is building up its forces near our borders"], ids["The forces of NATO are a threat"]
    with session_scope(db_url) as s:  # the later one is a restatement of the first (one cluster)
        s.get(Quote, first).cluster_id = first  # type: ignore[union-attr]
        s.get(Quote, later).cluster_id = first  # type: ignore[union-attr]
    assert later not in [r.id for r in _rows(db_url, new_only=True)]
    assert first in [r.id for r in _rows(db_url, new_only=True)]
    with session_scope(db_url) as s:  # an article deleted takes its quotes out of the index
        s.execute(delete(Article).where(Article.canonical_url == "https://a.example/1"))
    assert _texts(db_url, search="force") == ["The forces of NATO are a threat"]
    if db_url.startswith("sqlite"):
        with get_engine(db_url).connect() as c:
            assert c.scalar(text("SELECT count(*) FROM quotes_fts")) == 3


def _rows(url: str, **kw: Any) -> list[Any]:
    with session_scope(url) as s:
        return search(s, QuoteFilter(**kw)).rows


@contextmanager
def _article_at(url: str, revision: str, title: str) -> Iterator[Connection]:
    """A database migrated to `revision` holding one source and one article (id 1, published
    2026-01-05), and a connection to add rows as that revision had them."""
    upgrade(url, revision)
    with get_engine(url).begin() as c:
        c.execute(text("INSERT INTO sources (id, name, kind, country, enabled, interval_minutes, "
                       "consecutive_failures, http_cache) VALUES ('s', 's', 'x', 'BY', true, 5, 0, '{}')"))
        c.execute(text("INSERT INTO articles (id, source_id, canonical_url, url, title, authors, published_at, "
                       "first_seen_at, body, content_hash) VALUES (1, 's', 'u', 'u', :t, '[]', :p, :p, 'b', 'h')"),
                  {"t": title, "p": datetime(2026, 1, 5, tzinfo=UTC)})
        yield c


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_migration_indexes_quotes_stored_before_it(kind: str, tmp_path: Path) -> None:
    def run(url: str) -> None:
        with _article_at(url, "0009_article_trust", "Заголовок") as c:  # the revision before full text
            c.execute(text("INSERT INTO quotes (article_id, speaker_id, speaker_name, text, type, start, \"end\", "
                           "topics, lang, created_at) VALUES (1, NULL, 'Иван', 'Мы укрепляем границы', 'direct', "
                           "0, 5, '[]', 'ru', :p)"), {"p": datetime(2026, 11, 1, tzinfo=UTC)})
        upgrade(url)
        rows = _rows(url, search="граница")
        assert [r.text for r in rows] == ["Мы укрепляем границы"]
        assert rows[0].said_at == datetime(2026, 1, 5, tzinfo=UTC), "said_at is the publication time"

    if kind == "sqlite":
        run(f"sqlite:///{tmp_path / 'old.sqlite'}")
    else:
        with fresh_pg_database() as url:
            run(url)


def test_speaker_filter_resolves_aliases() -> None:
    leaders = load_leaders()
    for name in ("lukashenko", "Лукашенко", "ЛУКАШЕНКО", "Alexander  Lukashenko", "Lukashenka", "Лукашенко"):
        assert speaker_filter(name, leaders) == (["lukashenko"], None), name
    assert speaker_filter("Someone Else", leaders) == ([], "Someone Else")


@pytest.mark.parametrize("list_max, set_max", [(0, 100), (0, 0)])
def test_every_full_text_plan_gives_the_same_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     list_max: int, set_max: int) -> None:
    """SQLite runs a full-text query one of three ways by how many quotes match (ids looked up,
    a set walked in said_at order, FTS5 asked row by row): each gives the same rows and totals."""
    import storage.search as search_mod

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    upgrade(url)
    _fill(url)
    cases: list[dict[str, Any]] = [dict(search="force"), dict(search="NATO", speaker_ids=["lukashenko"]),
                                   dict(search="threat", since=NOW - timedelta(days=60)), dict(search="угроза"),
                                   dict(search="Lukashenko", lang="en")]
    with session_scope(url) as s:
        want = [(search(s, QuoteFilter(**c)).total, [r.id for r in search(s, QuoteFilter(**c)).rows],
                 [r.id for r in stream(s, QuoteFilter(**c))]) for c in cases]
    monkeypatch.setattr(search_mod, "LIST_MAX", list_max)
    monkeypatch.setattr(search_mod, "SET_MAX", set_max)
    with session_scope(url) as s:
        got = [(search(s, QuoteFilter(**c)).total, [r.id for r in search(s, QuoteFilter(**c)).rows],
                [r.id for r in stream(s, QuoteFilter(**c))]) for c in cases]
    assert got == want
    assert all(w[1] for w in want)


def test_topic_index_follows_the_quotes(db_url: str) -> None:
    """The topic filter reads quote_topics: any case of the topic finds it, a re-extraction that
    changes a quote's topics moves it, and a deleted quote leaves no topic row behind."""
    ids = _fill(db_url)
    assert _texts(db_url, topic="NATO") == _texts(db_url, topic="nato") == [
        "NATO is building up its forces near our borders", "Угрозы со стороны альянса растут",
        "The forces of NATO are a threat"]
    assert _texts(db_url, topic="nato", speaker_ids=["putin"]) == [] and _texts(db_url, topic="energy") == []
    assert _texts(db_url, topic="nato", until=NOW - timedelta(days=30)) == ["The forces of NATO are a threat"]
    with session_scope(db_url) as s:
        art = s.get(Quote, ids["NATO is building up its forces near our borders"]).article_id  # type: ignore[union-attr]
        replace_quotes(s, art, [
            _q("lukashenko", "Alexander Lukashenko", "NATO is building up its forces near our borders", 0,
               ["Ukraine"]),
        ])
    assert _texts(db_url, topic="ukraine") == ["NATO is building up its forces near our borders"]
    assert "NATO is building up its forces near our borders" not in _texts(db_url, topic="nato")
    with session_scope(db_url) as s:
        s.execute(delete(Quote).where(Quote.id == ids["NATO is building up its forces near our borders"]))
    with session_scope(db_url) as s:
        left = s.execute(text("SELECT quote_id, topic FROM quote_topics ORDER BY quote_id")).all()
    assert sorted(t for _, t in left) == ["nato", "nato"]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_migration_fills_the_topic_index(kind: str, tmp_path: Path) -> None:
    """0013 makes topic rows for the quotes stored before it; a topics value that is not a JSON
    list gives none instead of failing the upgrade."""
    def run(url: str) -> None:
        with _article_at(url, "0011_narratives", "T") as c:
            for i, topics in enumerate(['["NATO", "Ukraine"]', '{"not": "a list"}', "[]", '["nato", "NATO"]']):
                c.execute(text("INSERT INTO quotes (article_id, speaker_name, text, type, start, \"end\", topics, "
                               "lang, created_at, said_at) VALUES (1, 'Иван', :t, 'direct', :s, :e, :tp, 'ru', :p, :p)"),
                          {"t": f"quote {i}", "s": i * 10, "e": i * 10 + 5, "tp": topics,
                           "p": datetime(2026, 1, 5, tzinfo=UTC)})
        upgrade(url)
        assert [r.text for r in _rows(url, topic="Nato")] == ["quote 0", "quote 3"]
        assert [r.text for r in _rows(url, topic="ukraine", since=datetime(2026, 1, 1, tzinfo=UTC))] == ["quote 0"]

    if kind == "sqlite":
        run(f"sqlite:///{tmp_path / 'old.sqlite'}")
    else:
        with fresh_pg_database() as url:
            run(url)
