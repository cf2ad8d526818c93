"""Apprise channel through a real local HTTP server (Apprise's json:// target)."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from alerts.channels import get_channel
from alerts.channels.apprise_channel import AppriseChannel, split_urls
from alerts.channels.base import ChannelConfigError, TransientError
from config.settings import Settings
from tests.alerts.conftest import hostile_alert, make_alert
from tests.support.servers import WebhookServer, free_port


def json_url(server: WebhookServer, path: str = "hook") -> str:
    return f"json://127.0.0.1:{server.port}/{path}"


def test_alert_arrives_as_plain_text(webhook_server: WebhookServer) -> None:
    msg = make_alert()
    receipt = AppriseChannel(json_url(webhook_server)).send(msg)
    assert receipt.startswith("apprise:1:")
    [req] = webhook_server.wait_for(1)
    body = req.json
    assert body["title"].startswith("[warning] Alexander Lukashenko on NATO, Ukraine")
    for needle in (msg.quote_text, msg.speaker, msg.url, "BelTA"):
        assert needle in body["message"]


def test_two_targets(make_settings: Callable[..., Settings]) -> None:
    with WebhookServer() as a, WebhookServer() as b:
        ch = get_channel("apprise", make_settings(APPRISE_URLS=f"{json_url(a)}, {json_url(b)}"))
        ch.send(make_alert())
        assert len(a.wait_for(1)) == 1 and len(b.wait_for(1)) == 1


def test_hostile_text_stays_plain(webhook_server: WebhookServer) -> None:
    AppriseChannel(json_url(webhook_server)).send(hostile_alert())
    body = webhook_server.wait_for(1)[0].json
    assert "\n" not in body["title"] and "\r" not in body["title"] and len(body["title"]) <= 200
    assert "\x1b" not in body["message"] and "\u202e" not in body["message"]


def test_server_error_is_transient(webhook_server: WebhookServer) -> None:
    webhook_server.fail_next(5, 500)
    with pytest.raises(TransientError):
        AppriseChannel(json_url(webhook_server)).send(make_alert())


def test_unreachable_is_transient() -> None:
    with pytest.raises(TransientError):
        AppriseChannel(f"json://127.0.0.1:{free_port()}/x").send(make_alert())


def test_bad_url_is_a_config_error() -> None:
    with pytest.raises(ChannelConfigError, match="entry 1"):
        AppriseChannel("notascheme://token-secret")
    with pytest.raises(ChannelConfigError):
        AppriseChannel("  ")


def test_split_urls() -> None:
    assert split_urls(" json://a/b, ntfy://topic  mailto://x ") == ["json://a/b", "ntfy://topic", "mailto://x"]
