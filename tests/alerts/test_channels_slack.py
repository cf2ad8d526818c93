"""Slack channel against a real local HTTP server standing in for the incoming webhook."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from alerts.channels import get_channel
from alerts.channels.base import ChannelConfigError, PermanentError, TransientError
from alerts.channels.slack import SlackChannel, parse_retry_after, post_blocks
from alerts.render import clamp_blocks, slack_escape
from config.settings import Settings
from tests.alerts.conftest import hostile_alert, make_alert
from tests.support.servers import WebhookServer, free_port

LINK = re.compile(r"<https?://[^\s<>|]+\|[^<>]*>")


def texts(node: Any) -> list[str]:
    """Every "text" string in a Slack payload."""
    found: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "text" and isinstance(v, str):
                found.append(v)
            else:
                found.extend(texts(v))
    elif isinstance(node, list):
        for v in node:
            found.extend(texts(v))
    return found


def assert_inert(payload: dict[str, Any]) -> None:
    """No mention, broadcast or foreign link can be formed by any text in the payload."""
    for text in texts(payload):
        stripped = LINK.sub("", text)
        stripped = re.sub(r"(?m)^>", "", stripped)  # our blockquote markers
        assert "<" not in stripped and ">" not in stripped, text[:200]
        assert not re.search(r"&(?!amp;|lt;|gt;)", stripped), text[:200]
        assert not re.search(r"@(channel|here|everyone)\b", text, re.I), text[:200]
        for link in LINK.findall(text):
            assert link.startswith("<https://eng.belta.by/"), link
    assert_within_limits(payload)


def assert_within_limits(payload: dict[str, Any]) -> None:
    assert len(payload["text"]) <= 4000
    assert len(payload["blocks"]) <= 50
    for block in payload["blocks"]:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "section":
            if "text" in block:
                assert len(block["text"]["text"]) <= 3000
            assert len(block.get("fields", [])) <= 10
            for f in block.get("fields", []):
                assert len(f["text"]) <= 2000
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
            for e in block["elements"]:
                assert len(e["text"]) <= 2000


def test_alert_posts_block_kit_without_unfurling(webhook_server: WebhookServer) -> None:
    msg = make_alert()
    receipt = SlackChannel(webhook_server.url).send(msg)
    assert receipt.startswith("slack:")
    [req] = webhook_server.wait_for(1)
    assert req.path == webhook_server.path and req.headers["Content-Type"].startswith("application/json")
    body = req.json
    assert body["unfurl_links"] is False and body["unfurl_media"] is False
    joined = "\n".join(texts(body))
    assert msg.quote_text in joined and msg.speaker in joined and "President of Belarus" in joined
    assert "<https://eng.belta.by/president/view/lukashenko-nato-12345-2024/?utm=a&amp;x=1|" in joined
    assert "NATO, Ukraine" in joined and "Why new" in joined and "Sputnik Belarus" in joined
    assert body["blocks"][0]["type"] == "header"
    assert "Alexander Lukashenko" in body["text"]
    assert_inert(body)


def test_hostile_text_pings_nobody(webhook_server: WebhookServer) -> None:
    msg = hostile_alert()
    SlackChannel(webhook_server.url).send(msg)
    [req] = webhook_server.wait_for(1)
    body = req.json
    assert_inert(body)
    joined = "\n".join(texts(body))
    assert "&lt;!channel&gt;" in joined and "&lt;@U123ABC&gt;" in joined and "&lt;script&gt;" in joined
    # The 10,000-character quote was cut to the section limit, with an ellipsis.
    quote_section = body["blocks"][1]["text"]["text"]
    assert 2900 < len(quote_section) <= 3000 and quote_section.endswith("…")
    assert "\x1b" not in joined and "\u202e" not in joined


def test_javascript_url_is_not_linked(webhook_server: WebhookServer) -> None:
    SlackChannel(webhook_server.url).send(make_alert(url="javascript:alert(1)//<!channel>"))
    body = webhook_server.wait_for(1)[0].json
    joined = "\n".join(texts(body))
    assert "<javascript" not in joined and not LINK.search(joined)


def test_429_is_transient_with_retry_after(webhook_server: WebhookServer) -> None:
    webhook_server.fail_next(1, 429, retry_after=7)
    ch = SlackChannel(webhook_server.url)
    with pytest.raises(TransientError) as e:
        ch.send(make_alert())
    assert e.value.permanent is False and e.value.retry_after == 7.0
    ch.send(make_alert())  # the next try goes through
    assert len(webhook_server.wait_for(2)) == 2  # no hidden retries inside the client


def test_429_with_http_date(webhook_server: WebhookServer) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    webhook_server.fail_next(1, 429, retry_after=when)
    with pytest.raises(TransientError) as e:
        SlackChannel(webhook_server.url).send(make_alert())
    assert e.value.retry_after is not None and 100 < e.value.retry_after <= 120


@pytest.mark.parametrize(("status", "permanent"), [(500, False), (503, False), (404, True), (400, True), (403, True), (410, True)])
def test_http_errors(webhook_server: WebhookServer, status: int, permanent: bool) -> None:
    webhook_server.fail_next(1, status)
    with pytest.raises((TransientError, PermanentError)) as e:
        SlackChannel(webhook_server.url).send(make_alert())
    assert e.value.permanent is permanent and str(status) in str(e.value)
    assert webhook_server.path not in str(e.value)  # the webhook secret is not in the error
    assert len(webhook_server.requests) == 1


def test_unreachable_is_transient() -> None:
    with pytest.raises(TransientError, match="unreachable"):
        SlackChannel(f"http://127.0.0.1:{free_port()}/services/x").send(make_alert())


def test_bad_url_is_config_error() -> None:
    with pytest.raises(ChannelConfigError):
        SlackChannel("ftp://example.org/hook")


def test_post_blocks_clamps_for_the_digest(webhook_server: WebhookServer, make_settings: Callable[..., Settings]) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(f"item {i} <!here>")}} for i in range(60)]
    blocks.insert(0, {"type": "header", "text": {"type": "plain_text", "text": "H" * 200}})
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "&amp;" * 1000}})
    reply = post_blocks(blocks, "x" * 5000, settings=make_settings(SLACK_WEBHOOK_URL=webhook_server.url))
    assert reply == "ok"
    body = webhook_server.wait_for(1)[0].json
    assert_within_limits(body)
    assert len(body["blocks"]) == 50
    assert "more blocks not shown" in body["blocks"][-1]["elements"][0]["text"]


def test_clamp_never_cuts_an_entity() -> None:
    [block] = clamp_blocks([{"type": "section", "text": {"type": "mrkdwn", "text": "a" + "&lt;" * 1000}}])
    text = block["text"]["text"]
    assert len(text) <= 3000 and text.endswith("&lt;…")


def test_parse_retry_after() -> None:
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("1.5") == 1.5
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_registry_builds_slack(webhook_server: WebhookServer, make_settings: Callable[..., Settings]) -> None:
    ch = get_channel("slack", make_settings(SLACK_WEBHOOK_URL=webhook_server.url))
    assert ch.name == "slack" and webhook_server.path not in repr(ch)
    ch.send(make_alert())
    assert len(webhook_server.wait_for(1)) == 1
