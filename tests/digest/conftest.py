"""A fresh SQLite database (migrated with Alembic) holding one day of fixture quotes."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from config.digests import DigestConfig
from config.leaders import load_leaders
from config.settings import reset_settings
from storage.db import get_engine, reset_engines, upgrade
from storage.models import Alert, Article, Quote, Source, Speaker

_ENV = ("SMTP_URL", "SMTP_FROM", "ALERT_EMAIL_TO", "SLACK_WEBHOOK_URL", "APPRISE_URLS", "MOUTHPIECE_DATA_DIR",
        "DATABASE_URL", "MOUTHPIECE_CONFIG_DIR")

# The digest is due at 07:00 Minsk time (04:00 UTC) on 2026-11-25: it covers the day before.
END = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)
DAY = timedelta(days=1)

HOSTILE = ("<script>alert('x')</script> <!channel> <!here> <@U123> @channel "
           "[click](javascript:alert(1)) ![img](http://evil.example/x.png) # Heading *bold* _it_ "
           "<img src=x onerror=alert(1)> | table | `code` \\ &amp; \r\n\r\n- list item")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    reset_settings()
    reset_engines()
    yield
    reset_settings()
    reset_engines()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'mp.sqlite'}"
    upgrade(url)
    return url


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    with Session(get_engine(db_url), expire_on_commit=False) as s:
        yield s


@pytest.fixture
def leaders() -> dict[str, Any]:
    return {ld.id: ld for ld in load_leaders()}


@pytest.fixture
def cfg() -> DigestConfig:
    return DigestConfig(name="daily", title="Daily digest", timezone="Europe/Minsk", send_hour=7,
                        speakers={"countries": ["BY", "RU"]}, recipients=["analyst@example.org"])


@dataclass
class Day:
    """What the fixture day holds, for the assertions."""

    new_statements: int
    quotes_in_period: int
    articles_in_period: int
    lukashenko_url: str
    reprint_sources: list[str]


def _article(s: Session, n: int, source: str, seen: datetime, title: str = "") -> Article:
    a = Article(source_id=source, canonical_url=f"https://{source}.example/news/{n}", url=f"https://{source}.example/news/{n}",
                title=title or f"Article {n}", published_at=seen - timedelta(minutes=5), first_seen_at=seen,
                lang="en", body="", content_hash=f"h{n}")
    s.add(a)
    s.flush()
    return a


def _quote(s: Session, art: Article, speaker: str, text: str, topics: list[str], cluster: int | None = None,
           start: int = 0) -> Quote:
    q = Quote(article_id=art.id, speaker_id=speaker, speaker_name=None, text=text, type="direct", cue="said",
              start=start, end=start + len(text), topics=topics, lang="en", cluster_id=cluster,
              created_at=art.first_seen_at)
    s.add(q)
    s.flush()
    if q.cluster_id is None:
        q.cluster_id = q.id
    return q


def fill_day(s: Session, hostile: bool = False) -> Day:
    now = END
    s.add_all([
        Source(id="belta", name="BelTA", kind="state_media", country="BY", enabled=True, interval_minutes=30,
               consecutive_failures=0, last_success_at=now - timedelta(hours=1),
               last_new_article_at=now - timedelta(hours=2), http_cache={}),
        Source(id="tass", name="TASS", kind="state_media", country="RU", enabled=True, interval_minutes=30,
               consecutive_failures=0, last_success_at=now - timedelta(hours=1),
               last_new_article_at=now - timedelta(hours=3), http_cache={}),
        Source(id="sb", name="SB Belarus Today", kind="state_media", country="BY", enabled=True,
               interval_minutes=30, consecutive_failures=0, last_success_at=now - timedelta(hours=1),
               last_new_article_at=now - timedelta(hours=1), http_cache={}),
        Source(id="mfa", name="MFA of Belarus", kind="government", country="BY", enabled=True,
               interval_minutes=60, consecutive_failures=4, last_success_at=now - timedelta(days=2),
               last_new_article_at=now - timedelta(days=2), last_error="HTTP 503 <b>down</b>", http_cache={}),
        Source(id="ria", name="RIA Novosti", kind="state_media", country="RU", enabled=True, interval_minutes=30,
               consecutive_failures=0, last_success_at=now - timedelta(hours=1),
               last_new_article_at=now - timedelta(days=5), http_cache={}),
    ])
    s.add_all([Speaker(id="lukashenko", name="Alexander Lukashenko", country="BY"),
               Speaker(id="putin", name="Vladimir Putin", country="RU"),
               Speaker(id="peskov", name="Dmitry Peskov", country="RU"),
               Speaker(id="zelensky", name="Volodymyr Zelensky", country="UA"),
               Speaker(id="khrenin", name="Viktor Khrenin", country="BY")])
    s.flush()
    day0 = END - DAY  # 2026-11-24 04:00 UTC
    # An old statement (10 days ago), reprinted today: not new rhetoric.
    old = _article(s, 1, "belta", END - timedelta(days=10))
    q_old = _quote(s, old, "lukashenko", "We will never allow NATO tanks near Brest.", ["NATO"])
    rep = _article(s, 2, "sb", day0 + timedelta(hours=3))
    _quote(s, rep, "lukashenko", "We will never allow NATO tanks near Brest.", ["NATO"], cluster=q_old.cluster_id)
    # New today: Lukashenko on NATO, first at BelTA, reprinted by SB and TASS.
    text = HOSTILE if hostile else "NATO is pulling its forces to our borders, and we will respond."
    a1 = _article(s, 3, "belta", day0 + timedelta(hours=2), "Lukashenko on NATO")
    q1 = _quote(s, a1, "lukashenko", text, ["NATO"])
    a2 = _article(s, 4, "sb", day0 + timedelta(hours=4))
    _quote(s, a2, "lukashenko", text, ["NATO"], cluster=q1.cluster_id)
    a3 = _article(s, 5, "tass", day0 + timedelta(hours=6))
    _quote(s, a3, "lukashenko", text, ["NATO"], cluster=q1.cluster_id)
    # Lukashenko on Ukraine (new), Khrenin on NATO (new), Putin on Ukraine, Peskov on NATO+Ukraine.
    a4 = _article(s, 6, "belta", day0 + timedelta(hours=8))
    _quote(s, a4, "lukashenko", "Ukraine must sit down at the negotiating table.", ["Ukraine"])
    _quote(s, a4, "khrenin", "The alliance is building up its presence in Poland.", ["NATO"], start=100)
    a5 = _article(s, 7, "tass", day0 + timedelta(hours=10))
    _quote(s, a5, "putin", "The special military operation will reach its goals.", ["Ukraine"])
    _quote(s, a5, "peskov", "NATO involvement in Ukraine is obvious.", ["NATO", "Ukraine"], start=100)
    # Zelensky (UA) is not covered by this digest (countries BY, RU).
    _quote(s, a5, "zelensky", "We need more air defence.", ["Ukraine"], start=200)
    # Outside the period: after the end (tomorrow's digest) and the day before (history for charts).
    late = _article(s, 8, "belta", END + timedelta(hours=1))
    _quote(s, late, "lukashenko", "Tomorrow's statement about NATO.", ["NATO"])
    for i in range(5):
        past = _article(s, 20 + i, "tass", END - timedelta(days=3 + i))
        _quote(s, past, "putin", f"Older Ukraine statement {i}.", ["Ukraine"])
    # Alerts created in the period: one sent, one held (rate-capped), one silenced.
    s.add_all([
        Alert(rule_id="by-nato-ukraine", cluster_id=q1.cluster_id, quote_id=q1.id, severity="warning",
              status="sent", novelty={"reason": "new"}, created_at=day0 + timedelta(hours=2, minutes=5)),
        Alert(rule_id="by-nato-ukraine", cluster_id=99991, quote_id=q1.id, severity="warning",
              status="held", novelty={"reason": "rate cap"}, created_at=day0 + timedelta(hours=9)),
        Alert(rule_id="by-nato-ukraine", cluster_id=99992, quote_id=q1.id, severity="warning",
              status="silenced", novelty={"reason": "silenced"}, created_at=day0 + timedelta(hours=9)),
        Alert(rule_id="by-nato-ukraine", cluster_id=99993, quote_id=q1.id, severity="warning",
              status="sent", novelty={"reason": "old"}, created_at=day0 - timedelta(hours=9)),
    ])
    s.commit()
    return Day(new_statements=5, quotes_in_period=8, articles_in_period=6,
               lukashenko_url="https://belta.example/news/3", reprint_sources=["SB Belarus Today", "TASS"])
