"""The web app's echoes (issue 15): a quote's page shows whom it echoes (speaker, lag, score,
frames, link) and who echoed it later; a speaker's page has a frames-per-week chart. A real
SQLite store, filled through the worker's own storage and indexing calls."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from alerts.echoes import frame_labels, index_article
from config.leaders import load_leaders
from config.settings import get_settings, reset_settings
from storage.articles import upsert_article
from storage.db import reset_engines, session_scope
from storage.quotes import replace_quotes
from tests.support.quote_data import NOW, Store, fill
from web.app import create_app

LEADERS = {ld.id: ld for ld in load_leaders()}
PUTIN = ("Размещение натовской инфраструктуры у границ Союзного государства и стягивание польских войск к "
         "белорусской границе - прямая угроза нашей безопасности")
LUKA = ("Польша стягивает войска к нашей границе, НАТО наращивает инфраструктуру у границ Союзного государства, "
        "это угроза")
HOSTILE_LUKA = LUKA + " <script>alert(1)</script>"


def _article(url: str, source: str, days_ago: float, speaker: str, text: str) -> tuple[int, int]:
    body = f"Заявление. {LEADERS[speaker].name} заявил: «{text}». Конец."
    start = body.index(text)
    with session_scope() as s:
        r = upsert_article(s, source_id=source, canonical_url=url, urls=[url], title=url, body=body,
                           published_at=NOW - timedelta(days=days_ago), modified_at=None, authors=[], lang="ru")
        [q] = replace_quotes(s, r.article_id, [{
            "speaker_id": speaker, "speaker": LEADERS[speaker].name, "text": text, "type": "direct", "cue": "заявил",
            "start": start, "end": start + len(text), "topics": ["NATO"], "lang": "ru"}])
        return r.article_id, q.id


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, int, int]]:
    for k in ("DATABASE_URL", "BROKER_URL", "MOUTHPIECE_CONFIG_DIR", "MOUTHPIECE_WEB_SECRET"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    reset_settings()
    reset_engines()
    st = fill(f"sqlite:///{tmp_path / 'data' / 'mouthpiece.sqlite'}")
    a_ru, q_ru = _article("https://ru.example/putin", "ru_state", 10, "putin", PUTIN)
    a_by, q_by = _article("https://by.example/luka", "by_state", 6, "lukashenko", HOSTILE_LUKA)
    for a in (a_ru, a_by):
        with session_scope() as s:
            index_article(s, a, LEADERS)
    yield st, q_ru, q_by
    reset_settings()
    reset_engines()


def _client() -> TestClient:
    return TestClient(create_app(get_settings()), client=("127.0.0.1", 40000), follow_redirects=False)


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_a_quote_page_shows_its_echoes_and_who_echoed_it(store: tuple[Store, int, int]) -> None:
    _st, q_ru, q_by = store
    labels = frame_labels()
    c = _client()
    page = c.get(f"/quotes/{q_by}").text
    section = page.split("Echoes of earlier statements (1)")[1].split("</section>")[0]
    text = _text(section)
    assert LEADERS["putin"].name in text and "4 days earlier" in text
    with session_scope() as s:
        from sqlalchemy import select

        from storage.models import QuoteEcho

        score = s.scalar(select(QuoteEcho.score).where(QuoteEcho.quote_id == q_by, QuoteEcho.kind == "echo"))
    assert score is not None and f"{score:.3f}" in text, "the score"
    assert labels["border_provocations"] in text and labels["nato_threat"] in text
    assert f'href="/quotes/{q_ru}"' in section and 'href="https://ru.example/putin"' in section
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    back = c.get(f"/quotes/{q_ru}").text
    later = _text(back.split("Echoed later by (1)")[1].split("</section>")[0])
    assert LEADERS["lukashenko"].name in later and "4 days later" in later
    assert f'href="/quotes/{q_by}"' in back
    # a quote that echoes nothing says so
    plain = _client().get(f"/quotes/{_st.qid(3, 'The harvest was good this year,')}").text
    assert "Echoes of earlier statements (0)" in plain and "None found" in plain


def test_a_speaker_page_has_a_frames_per_week_chart(store: tuple[Store, int, int]) -> None:
    labels = frame_labels()
    html = _client().get("/speakers/lukashenko").text
    chart = html.split("<h2>Narrative frames per week")[1].split("</section>")[0]
    assert '<svg class="chart frames"' in chart
    monday = (NOW - timedelta(days=6)).date()
    monday -= timedelta(days=monday.weekday())
    titles = [unescape(t) for t in re.findall(r"<title>([^<]*)</title>", chart)]
    assert f"{labels['nato_threat']}, week of {monday.isoformat()}: 1" in titles, titles
    assert f"{labels['border_provocations']}, week of {monday.isoformat()}: 1" in titles
    # a speaker with no framed statement: no chart, a sentence
    with session_scope() as s:
        from storage.quotes import ensure_speakers

        ensure_speakers(s, [("tsikhanouskaya", "Sviatlana Tsikhanouskaya", "BY")])
    other = _client().get("/speakers/tsikhanouskaya")
    assert other.status_code == 200 and "No statement with a narrative frame" in other.text

