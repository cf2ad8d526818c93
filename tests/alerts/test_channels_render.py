"""Random hostile text through every rendering: it must come out inert.

Email HTML: no element or attribute that the template did not put there, and the quote read
back from the HTML equals the (control-character-free) quote. Email headers: one line, no
injected header. Slack: no mention, broadcast or foreign link; within Block Kit limits.
"""
from __future__ import annotations

import email
import email.policy
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alerts.channels.email import EmailChannel, clean_subject
from alerts.message import AlertMessage
from alerts.render import (
    alert_context,
    clean,
    console_line,
    email_subject,
    render_html,
    render_text,
    slack_alert_blocks,
    slack_fallback_text,
)
from tests.alerts.conftest import make_alert
from tests.alerts.test_channels_slack import assert_inert

FRAGMENTS = [
    "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C1|x>", "<!subteam^S1>", "@channel", "@here",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</blockquote>", "</td></tr></table>",
    '"><svg onload=x>', "'", '"', "&", "&amp;", "&lt;", "<", ">", "|", "*", "_", "~", "`", ">>>",
    "<https://evil.example|click>", "<mailto:x@y|x>", "javascript:alert(1)", "\r\n", "\n", "\r", "\u2028",
    "\x85", "\x00", "\x1b[2J", "\u202e", "Bcc: victim@example.com", "=?utf-8?q?x?=", "\t", "{{ 7*7 }}",
    "{% raw %}", "Лукашенко", "北约", "🇧🇾",
]

hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=30).map("".join)


class Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.hrefs: list[str | None] = []
        self.quote: list[str] = []
        self._in_quote = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(k for k, _ in attrs))))
        self.hrefs.extend(v for k, v in attrs if k == "href")
        self._in_quote = tag == "blockquote"

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._in_quote = False

    def handle_data(self, data: str) -> None:
        if self._in_quote:
            self.quote.append(data)


def parse(html_text: str) -> Structure:
    p = Structure()
    p.feed(html_text)
    p.close()
    return p


BASELINE = parse(render_html(make_alert()))
ALLOWED_TAGS = set(BASELINE.tags)


def hostile_message(quote: str, speaker: str, other: str, long: bool) -> AlertMessage:
    return make_alert(
        quote_text=(quote * (10_000 // max(1, len(quote)) + 1))[:10_000] if long and quote else quote,
        speaker=speaker,
        speaker_role=other or None,
        topics=[other, speaker],
        source_name=other,
        article_title=other + speaker,
        novelty_reason=other,
        also_reported_by=[other, quote[:50]],
        rule_name=other,
        severity=other[:10] or "info",
        quote_type=speaker[:10],
        lang=other[:10],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quote=hostile, speaker=hostile, other=hostile, long=st.booleans())
def test_random_hostile_text_is_inert_everywhere(quote: str, speaker: str, other: str, long: bool) -> None:
    msg = hostile_message(quote, speaker, other, long)

    # Email HTML: only the template's own elements and attributes; links only to the article.
    page = parse(render_html(msg))
    assert set(page.tags) <= ALLOWED_TAGS
    assert len(page.tags) <= len(BASELINE.tags)
    assert [t for t, _ in page.tags].count("blockquote") == 1
    assert all(h == msg.url for h in page.hrefs)
    assert "".join(page.quote) == alert_context(msg)["quote_text"]

    # Subject and headers: one line; nothing the scraped text says becomes a header.
    subject = email_subject(msg)
    assert "\r" not in subject and "\n" not in subject and len(subject) <= 150
    em, rcpts = EmailChannel("smtp://127.0.0.1:1", "a@example.org", "b@example.org").build_message(
        subject, render_text(msg), render_html(msg), idempotency_key=msg.idempotency_key,
        headers={"X-Mouthpiece-Rule": msg.rule_name},
    )
    assert rcpts == ["b@example.org"]
    parsed = email.message_from_bytes(em.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None
    assert sorted(set(parsed.keys())) == sorted(set(em.keys()))
    # (exact round trip, up to the leading space CPython's folder adds before a long word)
    assert str(parsed["Subject"]).lstrip() == clean_subject(subject) == em["Subject"]
    assert str(parsed["X-Mouthpiece-Rule"]).lstrip() == em["X-Mouthpiece-Rule"]

    # Text renderings: no control characters but newline and tab.
    text = render_text(msg)
    assert clean(text) == text
    line = console_line(msg)
    assert "\n" not in line and "\r" not in line and clean(line) == line

    # Slack: inert and within limits.
    assert_inert({"text": slack_fallback_text(msg), "blocks": slack_alert_blocks(msg)})
