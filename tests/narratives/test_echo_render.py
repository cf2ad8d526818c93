"""Echoes carry scraped text (the echoed quote, its speaker's name when not in the registry, its
URL) into alerts and the digest: hostile text there comes out inert too."""
from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from alerts.digest import EchoItem, render_html, render_markdown, render_text
from alerts.render import clean, console_line, slack_alert_blocks, slack_fallback_text
from alerts.render import render_html as render_alert_html
from alerts.render import render_text as render_alert_text
from tests.alerts.conftest import make_alert
from tests.alerts.test_channels_render import hostile
from tests.alerts.test_channels_slack import assert_inert
from tests.test_hostile_outputs import BASELINE_HEADINGS, CHARTS, FILES, URL, digest_of

ECHO_URL = "https://eng.belta.by/president/view/echoed-statement-70001/"  # the host assert_inert allows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile, speaker=hostile)
def test_a_hostile_echo_is_inert_in_every_alert_output(text: str, speaker: str) -> None:
    msg = make_alert(echoes=[
        {"speaker": speaker, "lag": text[:20], "text": text, "url": ECHO_URL, "frames": [speaker[:30]], "score": 0.4},
        {"speaker": speaker, "lag": "2 days", "text": text, "url": "javascript:alert(1)", "frames": [], "score": 0.3},
    ])
    soup = BeautifulSoup(render_alert_html(msg), "html.parser")
    assert soup.find("script") is None
    assert all(not k.lower().startswith("on") for t in soup.find_all(True) for k in t.attrs)
    assert {a.get("href") for a in soup.find_all("a")} <= {msg.url, ECHO_URL}
    assert "echoes " in soup.get_text()
    text_out = render_alert_text(msg)
    assert clean(text_out) == text_out and "javascript:alert(1)\n" not in text_out  # unsafe links not printed
    line = console_line(msg)
    assert "\n" not in line and "\r" not in line
    assert_inert({"text": slack_fallback_text(msg), "blocks": slack_alert_blocks(msg)})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile, speaker=hostile)
def test_a_hostile_echo_is_inert_in_the_digest(text: str, speaker: str) -> None:
    data = digest_of("q", "s", "o")
    data.echoes = [EchoItem(speaker or "x", text, URL, speaker, text, None, "4 days", 0.5, [speaker[:40]],
                            [text[:10]], True)]
    soup = BeautifulSoup(render_html(data, CHARTS), "html.parser")
    assert soup.find("script") is None
    assert {a.get("href") for a in soup.find_all("a")} <= {URL}
    assert soup.find(id="echoes") is not None and len(soup.select(".echo")) == 1
    md = BeautifulSoup(MarkdownIt("commonmark").render(render_markdown(data, FILES)), "html.parser")
    assert md.find("script") is None and {a.get("href") for a in md.find_all("a")} <= {URL}
    assert len(md.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])) == BASELINE_HEADINGS
    out = render_text(data)
    assert "ECHOES OF MOSCOW" in out and "\x00" not in out and "\x1b" not in out
