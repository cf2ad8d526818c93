"""Fixtures for the channel tests: real local servers, settings in a temp dir, sample alerts."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from alerts.message import AlertMessage
from config.settings import reset_settings
from tests.support.servers import SMTPServer, WebhookServer

_ENV = (
    "SMTP_URL", "SMTP_FROM", "ALERT_EMAIL_TO", "SLACK_WEBHOOK_URL", "APPRISE_URLS", "MOUTHPIECE_DATA_DIR",
)

HOSTILE_QUOTE = (
    "<!channel> <!here> <@U123ABC> <!subteam^S123> <#C123|general> @channel @here @everyone "
    "<script>alert('x')</script> <img src=x onerror=alert(1)> <https://evil.example/|click me> "
    "&amp; &lt;b&gt; ]]> --> \r\nBcc: victim@example.com\r\n\r\n\x1b[31mred\x1b[0m \u202eevil\u202c"
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No channel settings leak in from the environment (or get cached across tests)."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    reset_settings()
    yield
    reset_settings()


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    with SMTPServer() as server:
        yield server


@pytest.fixture
def webhook_server() -> Iterator[WebhookServer]:
    with WebhookServer() as server:
        yield server


def make_alert(**overrides: Any) -> AlertMessage:
    values: dict[str, Any] = dict(
        idempotency_key="alert:42:email",
        rule_id="belarus-nato-ukraine",
        rule_name="Belarusian leaders on NATO or Ukraine: new rhetoric",
        severity="warning",
        speaker="Alexander Lukashenko",
        speaker_role="President of Belarus",
        quote_text="NATO is pulling its forces to our borders, and we will respond.",
        quote_type="direct",
        lang="en",
        topics=["NATO", "Ukraine"],
        source_name="BelTA",
        url="https://eng.belta.by/president/view/lukashenko-nato-12345-2024/?utm=a&x=1",
        article_title="Lukashenko: NATO is pulling forces to our borders",
        published_at="2024-05-01T10:02:00+03:00",
        first_seen_at="2024-05-01T10:14:30+03:00",
        novelty_reason="No near-duplicate by this speaker in 30 days (nearest: 2024-04-02, similarity 0.41)",
        also_reported_by=["Sputnik Belarus", "Minsk-Novosti"],
    )
    values.update(overrides)
    return AlertMessage(**values)


def hostile_alert(**overrides: Any) -> AlertMessage:
    """Every scraped field hostile; a 10,000-character quote."""
    long_quote = (HOSTILE_QUOTE + " ") * (10_000 // (len(HOSTILE_QUOTE) + 1) + 1)
    values: dict[str, Any] = dict(
        speaker="Evil <!channel>\r\nBcc: victim@example.com",
        speaker_role="<@U999> & <script>x</script>",
        quote_text=long_quote[:10_000],
        topics=["NATO<!here>", "Ukraine\nX-Injected: 1"],
        source_name="<b>Source</b> & <!everyone>",
        article_title="Title <script>alert(1)</script>\r\nSubject: fake",
        novelty_reason="<!channel> reason\n<img src=x>",
        also_reported_by=["<@U1>", "A & B"],
        rule_name="rule <!here>",
    )
    values.update(overrides)
    return make_alert(**values)


@pytest.fixture
def alert() -> AlertMessage:
    return make_alert()
