"""The daily digest, end to end against real storage, a real SMTP server and a real webhook."""
from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.digest import Period, collect, draw_charts, render_html, slack_blocks
from alerts.digest_delivery import plan_period, run_digest, send_digest_delivery
from config.digests import DigestConfig
from config.settings import Settings
from storage.models import Delivery, Digest
from tests.digest.conftest import DAY, END, fill_day
from tests.support.servers import SMTPServer, WebhookServer


def _period() -> Period:
    return Period(END - DAY, END, "Europe/Minsk")


def _png_ok(data: bytes) -> tuple[int, int]:
    img = Image.open(io.BytesIO(data))
    img.load()
    assert img.format == "PNG"
    return img.size


def test_a_day_of_quotes_gives_the_expected_sections(session: Session, cfg: DigestConfig,
                                                     leaders: dict[str, Any]) -> None:
    day = fill_day(session)
    data = collect(session, cfg, _period(), leaders=leaders)
    h = data.headline
    assert (h.statements, h.quotes, h.articles) == (day.new_statements, day.quotes_in_period, day.articles_in_period)
    assert (h.alerts_sent, h.alerts_held, h.sources_failing, h.sources_silent) == (1, 2, 1, 1)
    names = [s.name for s in data.speakers]
    assert names[0] == "Alexander Lukashenko"  # most active first
    assert set(names) == {"Alexander Lukashenko", "Viktor Khrenin", "Vladimir Putin", "Dmitry Peskov"}
    assert "Volodymyr Zelensky" not in names  # not covered (countries BY, RU)
    luka = data.speakers[0]
    texts = [q.text for q in luka.quotes]
    assert "We will never allow NATO tanks near Brest." not in texts  # an old statement reprinted
    assert "Tomorrow's statement about NATO." not in texts  # after the period
    first = luka.quotes[0]
    assert first.url == day.lukashenko_url and first.source_name == "BelTA"
    assert first.also_reported_by == day.reprint_sources and first.reprints == 2
    assert first.first_seen_at == END - DAY + timedelta(hours=2)
    assert {s.source_id: s.problem for s in data.sources} == {"mfa": "failing", "ria": "silent"}
    # chart data: the 30 days ending with the period; Putin's older statements counted
    assert len(data.charts.days) == 30 and data.charts.days[-1].isoformat() == "2026-11-25"
    assert sum(data.charts.volume["Ukraine"]["RU"]) == 2 + 5
    assert sum(data.charts.volume["NATO"]["BY"]) == 3  # the old Brest one, today's two
    assert data.charts.heat_rows[0].startswith("Alexander Lukashenko (BY)")


def test_archive_html_parses_and_its_images_decode(session: Session, cfg: DigestConfig, leaders: dict[str, Any],
                                                   make_settings: Callable[..., Settings]) -> None:
    fill_day(session)
    r = run_digest(session, cfg, END, leaders=leaders, settings=make_settings(), send=False)
    assert r.archive is not None
    assert r.archive.html.name == "2026-11-25.html" and r.archive.html.parent.name == "daily"
    assert r.archive.md.exists()
    soup = BeautifulSoup(r.archive.html.read_text(encoding="utf-8"), "html.parser")
    for section in ("headline", "rhetoric", "compare", "alerts", "sources"):
        assert soup.find(id=section) is not None, section
    assert soup.select_one(".n-statements").get_text() == "5"
    assert len(soup.select(".quote")) == 5
    links = [a["href"] for a in soup.select("a.source")]
    assert "https://belta.example/news/3" in links
    assert "also reported by SB Belarus Today, TASS (2 reprints)" in soup.get_text(" ")
    assert len(soup.select(".alerts-sent li")) == 1 and len(soup.select(".alerts-held li")) == 2
    imgs = soup.select("img.chart")
    assert len(imgs) == 2
    for img in imgs:
        src = str(img["src"])
        assert src.startswith("data:image/png;base64,")
        w, h = _png_ok(base64.b64decode(src.split(",", 1)[1]))
        assert w >= 300 and h >= 100
    # the Markdown archive refers to PNGs written beside it
    md = r.archive.md.read_text(encoding="utf-8")
    for ref in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md):
        _png_ok((r.archive.md.parent / ref).read_bytes())
    assert "[BelTA\\: Lukashenko on NATO](<https://belta.example/news/3>)" in md


def test_email_arrives_with_inline_images_and_twice_sends_once(
        session: Session, cfg: DigestConfig, leaders: dict[str, Any], make_settings: Callable[..., Settings]) -> None:
    fill_day(session)
    with SMTPServer() as smtp, WebhookServer() as hook:
        settings = make_settings(SMTP_URL=smtp.url, SMTP_FROM="mouthpiece@example.org",
                                 SLACK_WEBHOOK_URL=hook.url)
        cfg = cfg.model_copy(update={"archive_url": "https://mp.example.org/digests/{name}/{date}.html"})
        r = run_digest(session, cfg, END, leaders=leaders, settings=settings)
        assert r.status == "queued" and len(r.deliveries) == 2
        for did in r.deliveries:
            assert send_digest_delivery(session, did, settings) == "sent"
        [mail] = smtp.wait_for(1)
        assert mail.rcpt_tos == ["analyst@example.org"]
        msg = mail.message
        assert "5 new statements" in str(msg["Subject"])
        html = mail.part("text/html")
        text = mail.part("text/plain")
        assert "https://belta.example/news/3" in text and "https://belta.example/news/3" in html
        cids = set(re.findall(r'src="cid:([^"]+)"', html))
        assert cids == {"volume", "heatmap"}
        inline = {str(p["Content-ID"]).strip("<>"): p.get_content() for p in msg.walk()
                  if p.get_content_maintype() == "image"}
        assert set(inline) == cids
        for data in inline.values():
            _png_ok(data)
        assert len(mail.data) < 100_000, len(mail.data)  # under Gmail's clipping size, images included
        [req] = hook.wait_for(1)
        body = req.json
        assert any("https://mp.example.org/digests/daily/2026-11-25.html" in str(b) for b in body["blocks"])

        # the same period again: found, nothing sent
        again = run_digest(session, cfg, END, leaders=leaders, settings=settings)
        assert again.status == "already" and again.deliveries == []
        for did in again.deliveries:
            send_digest_delivery(session, did, settings)
        assert session.scalar(select(func.count(Digest.id))) == 1
        assert session.scalar(select(func.count(Delivery.id))) == 2
        assert session.get(Digest, r.digest_id).status == "sent"  # type: ignore[union-attr]
        # a re-sent claim of a sent row does nothing either
        assert send_digest_delivery(session, r.deliveries[0], settings) == "skipped"
        import time
        time.sleep(0.3)
        assert len(smtp.messages) == 1 and len(hook.requests) == 1

        # the next digest starts where this one ended (the watermark), even two days later
        nxt = plan_period(session, cfg, END + 2 * DAY)
        assert nxt.start == END and nxt.end == END + 2 * DAY


def test_hostile_quote_text_is_inert_everywhere(session: Session, cfg: DigestConfig, leaders: dict[str, Any],
                                                make_settings: Callable[..., Settings]) -> None:
    fill_day(session, hostile=True)
    r = run_digest(session, cfg, END, leaders=leaders, settings=make_settings(), send=False)
    assert r.archive is not None and r.data is not None
    soup = BeautifulSoup(r.archive.html.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("script") is None
    assert not [i for i in soup.find_all("img") if "chart" not in (i.get("class") or [])]
    assert "<script>alert('x')</script>" in soup.get_text()  # shown as text
    assert all(str(a["href"]).startswith("https://") for a in soup.find_all("a"))
    # Markdown: rendered by a CommonMark parser, no HTML, no injected link, image or heading
    md_html = MarkdownIt("commonmark").render(r.archive.md.read_text(encoding="utf-8"))
    md_soup = BeautifulSoup(md_html, "html.parser")
    assert md_soup.find("script") is None
    assert {str(a["href"]) for a in md_soup.find_all("a")} <= {
        "https://belta.example/news/3", "https://belta.example/news/6", "https://tass.example/news/7"}
    assert [i["src"] for i in md_soup.find_all("img")] == ["2026-11-25-volume.png", "2026-11-25-heatmap.png"]
    assert "Heading" not in " ".join(h.get_text() for h in md_soup.find_all(["h1", "h2", "h3", "h4"]))
    assert "<script>alert('x')</script>" in md_soup.get_text()
    # Slack: no live mention, no injected link
    blocks, fallback = slack_blocks(r.data, None, "data/digests/daily/2026-11-25.html")
    flat = str(blocks) + fallback
    assert "<!channel>" not in flat and "<!here>" not in flat and "<@U123>" not in flat
    assert "&lt;!channel&gt;" in flat
    assert "<script>" not in flat
    # email text part: no header injection possible (it is a body); HTML part escaped
    html = render_html(r.data, draw_charts(r.data), inline=True)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("mode", ["send", "brief", "skip"])
def test_an_empty_day_sends_what_is_configured(session: Session, cfg: DigestConfig, leaders: dict[str, Any],
                                               make_settings: Callable[..., Settings], mode: str) -> None:
    cfg = cfg.model_copy(update={"empty_day": mode})
    with SMTPServer() as smtp:
        settings = make_settings(SMTP_URL=smtp.url)
        r = run_digest(session, cfg, END, leaders=leaders, settings=settings)
        assert r.data is not None and r.data.empty
        for did in r.deliveries:
            send_digest_delivery(session, did, settings)
        if mode == "skip":
            assert r.status == "skipped" and r.deliveries == []
            assert smtp.messages == []
        else:
            [mail] = smtp.wait_for(1)
            assert "nothing new" in str(mail.message["Subject"])
            images = [p for p in mail.message.walk() if p.get_content_maintype() == "image"]
            assert len(images) == (2 if mode == "send" else 0)
        # either way the watermark advanced: tomorrow's digest covers one day
        assert plan_period(session, cfg, END + DAY).start == END


def test_cli_writes_the_archive_and_says_where(db_url: str, session: Session, tmp_path: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from config.settings import reset_settings
    from mouthpiece.cli import app

    fill_day(session)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    reset_settings()
    res = CliRunner().invoke(app, ["digest", "--name", "daily", "--date", "2026-11-25"])
    assert res.exit_code == 0, res.output
    html = tmp_path / "data" / "digests" / "daily" / "2026-11-25.html"
    assert html.exists() and (html.with_suffix(".md")).exists()
    assert str(html) in res.output.replace("\n", "")
    assert session.scalar(select(func.count(Digest.id))) == 0  # a preview records nothing


def test_beat_finds_the_due_digest_once(session: Session, cfg: DigestConfig, leaders: dict[str, Any],
                                        make_settings: Callable[..., Settings]) -> None:
    from alerts.digest_delivery import existing_digest

    # 06:59 Minsk: yesterday's send time is the latest; 07:00: today's.
    assert cfg.last_due(END - timedelta(minutes=1)) == END - DAY
    assert cfg.last_due(END) == END
    assert cfg.last_due(END + timedelta(hours=5)) == END
    assert existing_digest(session, cfg.name, END) is None
    run_digest(session, cfg, END, leaders=leaders, settings=make_settings())
    assert existing_digest(session, cfg.name, cfg.last_due(END + timedelta(hours=5))) is not None


def test_twice_sends_once_on_postgresql(cfg: DigestConfig, leaders: dict[str, Any],
                                        make_settings: Callable[..., Settings]) -> None:
    from storage.db import get_engine, upgrade
    from tests.support.services import fresh_pg_database

    try:
        ctx = fresh_pg_database()
        url = ctx.__enter__()
    except Exception as e:  # noqa: BLE001 - no server here
        pytest.skip(f"PostgreSQL not available: {e}")
    try:
        upgrade(url)
        with Session(get_engine(url), expire_on_commit=False) as s, SMTPServer() as smtp:
            fill_day(s)
            settings = make_settings(SMTP_URL=smtp.url)
            for _ in range(2):
                r = run_digest(s, cfg, END, leaders=leaders, settings=settings)
                for did in r.deliveries:
                    assert send_digest_delivery(s, did, settings) == "sent"
            smtp.wait_for(1)
            assert len(smtp.messages) == 1
            assert plan_period(s, cfg, END + DAY).start == END
    finally:
        ctx.__exit__(None, None, None)


def test_sending_a_period_that_is_not_over_is_refused(db_url: str, session: Session, tmp_path: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`digest --send --date <a future day>` would send an incomplete period once and for all:
    later alerts would reach no emailed digest. It is refused, and nothing is recorded."""
    from datetime import date

    from typer.testing import CliRunner

    from config.settings import reset_settings
    from mouthpiece.cli import app

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    reset_settings()
    later = (date.today() + timedelta(days=3)).isoformat()
    res = CliRunner().invoke(app, ["digest", "--name", "daily", "--date", later, "--send"])
    assert res.exit_code == 2, res.output
    assert "not over yet" in res.output and "without --send" in res.output
    assert session.scalar(select(func.count(Digest.id))) == 0
    assert session.scalar(select(func.count(Delivery.id))) == 0
    assert not (tmp_path / "data" / "digests" / "daily" / f"{later}.html").exists()
    # a preview of that period is fine, and says it is in progress
    res = CliRunner().invoke(app, ["digest", "--name", "daily", "--date", later])
    assert res.exit_code == 0, res.output
    assert "in progress" in res.output


def test_a_period_that_went_out_keeps_its_archive(session: Session, cfg: DigestConfig, leaders: dict[str, Any],
                                                  make_settings: Callable[..., Settings]) -> None:
    """The archive of a sent digest is the record of what was sent: building the same period
    again (a preview, a second --send) leaves it as it is."""
    fill_day(session)
    settings = make_settings()
    first = run_digest(session, cfg, END, leaders=leaders, settings=settings)
    assert first.status == "queued" and first.archive is not None
    for did in first.deliveries:
        assert send_digest_delivery(session, did, settings) == "sent"
    sent = first.archive.html.read_bytes()
    # more turns up in that period after it went out (a late crawl of that day)
    from tests.digest.conftest import _article, _quote

    late = _article(session, 99, "belta", END - timedelta(hours=2))
    _quote(session, late, "lukashenko", "A late statement on NATO exercises near Grodno.", ["NATO"])
    session.commit()
    for send in (False, True):
        again = run_digest(session, cfg, END, leaders=leaders, settings=settings, send=send)
        assert again.status == "already" and again.deliveries == []
        assert again.archive is not None and again.archive.html == first.archive.html
        assert first.archive.html.read_bytes() == sent
