"""Slack through an incoming webhook (slack-sdk's WebhookClient): Block Kit, no unfurling.

Every scraped string is escaped by `alerts.render` (&, <, > become entities), so quotes that
contain `<!channel>`, `<!here>` or `<@U123>` ping nobody; blocks are kept within Block Kit's
limits. Failures: HTTP 429 is transient with the server's Retry-After; 5xx, timeouts and
connection errors are transient; any other 4xx (invalid_payload, no_service,
channel_not_found, action_prohibited, channel_is_archived) is permanent.

slack-sdk's own retry handlers are disabled: retries belong to the delivery task, which
records every attempt. The webhook URL is a secret and never appears in errors or logs.
"""
from __future__ import annotations

import hashlib
import http.client
import logging
import time
from collections.abc import Mapping, Sequence
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

from slack_sdk.errors import SlackRequestError
from slack_sdk.webhook import WebhookClient

from alerts.channels.base import ChannelConfigError, PermanentError, TransientError
from alerts.message import AlertMessage, DigestMessage
from alerts.render import (
    clamp_blocks,
    clamp_fallback,
    one_line,
    slack_alert_blocks,
    slack_fallback_text,
    slack_fit,
)
from config.settings import Settings, get_settings

log = logging.getLogger(__name__)

# slack-sdk logs the webhook URL and the body at DEBUG: keep its logger above that.
_sdk_log = logging.getLogger("mouthpiece.slack_sdk")
_sdk_log.setLevel(logging.INFO)

DEFAULT_TIMEOUT = 15


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name.lower():
            if isinstance(value, list | tuple):
                return str(value[0]) if value else None
            return str(value)
    return None


class SlackChannel:
    """Posts alerts to one Slack incoming webhook."""

    name: ClassVar[str] = "slack"
    order: ClassVar[int] = 20
    DIGEST_PARTS: ClassVar[tuple[str, ...]] = ("subject", "blocks")

    @classmethod
    def is_configured(cls, settings: Settings, recipients: Sequence[str] = ()) -> bool:
        return bool((settings.slack_webhook_url or "").strip())

    def __init__(self, webhook_url: str, *, timeout: int = DEFAULT_TIMEOUT) -> None:
        url = webhook_url.strip()
        if not url.lower().startswith(("https://", "http://")):
            raise ChannelConfigError("SLACK_WEBHOOK_URL must be an http(s) URL")
        self._client = WebhookClient(url, timeout=timeout, retry_handlers=[], logger=_sdk_log)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> SlackChannel:
        s = settings or get_settings()
        if not s.slack_webhook_url:
            raise ChannelConfigError("slack channel needs SLACK_WEBHOOK_URL")
        return cls(s.slack_webhook_url)

    def __repr__(self) -> str:
        return "SlackChannel(<webhook>)"

    def send(self, msg: AlertMessage) -> str:
        """Post one alert; returns a receipt `slack:<hash of the idempotency key>`."""
        self.post_blocks(slack_alert_blocks(msg), slack_fallback_text(msg))
        return "slack:" + hashlib.sha256(msg.idempotency_key.encode("utf-8")).hexdigest()[:24]

    def send_digest(self, digest: DigestMessage) -> str:
        """Post the digest's Block Kit summary; returns `slack:<idempotency key>`."""
        fallback = slack_fit(digest.subject, 3000)
        blocks = digest.blocks or [{"type": "section", "text": {"type": "mrkdwn", "text": fallback}}]
        self.post_blocks(blocks, fallback)
        return "slack:" + digest.idempotency_key

    def post_blocks(self, blocks: list[dict[str, Any]], text: str) -> str:
        """Post any Block Kit message (the digest uses this). `text` is the notification
        fallback. Both must already be escaped (`alerts.render.slack_escape`); they are cut to
        Block Kit's limits here. Returns Slack's reply body ("ok"). Raises `TransportError`."""
        body = {
            "text": clamp_fallback(text),
            "blocks": clamp_blocks(blocks),
            "unfurl_links": False,
            "unfurl_media": False,
        }
        try:
            resp = self._client.send_dict(body)
        except SlackRequestError as e:
            raise PermanentError(f"Slack webhook request invalid: {one_line(e, 200)}") from None
        except TimeoutError:
            raise TransientError("Slack webhook timed out") from None
        except http.client.HTTPException as e:  # a truncated or garbled reply
            raise TransientError(f"Slack webhook reply unreadable: {type(e).__name__}") from None
        except OSError as e:  # URLError, connection refused/reset, DNS, TLS
            reason = getattr(e, "reason", e)
            raise TransientError(f"Slack webhook unreachable: {type(e).__name__}: {one_line(reason, 200)}") from None
        status = resp.status_code
        reply = one_line(resp.body, 200)
        if 200 <= status < 300:
            return reply or "ok"
        if status == 429:
            retry_after = parse_retry_after(_header(resp.headers, "Retry-After"))
            raise TransientError(f"Slack rate limited the webhook (429 {reply})", retry_after=retry_after)
        if status >= 500 or status == 408:
            raise TransientError(f"Slack webhook answered {status} {reply}")
        raise PermanentError(f"Slack webhook answered {status} {reply}")


def post_blocks(blocks: list[dict[str, Any]], text: str, *, settings: Settings | None = None) -> str:
    """Post a Block Kit message to the configured webhook (for the digest). Raises
    `TransportError`; `ChannelConfigError` if SLACK_WEBHOOK_URL is unset."""
    return SlackChannel.from_settings(settings).post_blocks(blocks, text)


CHANNEL = SlackChannel

__all__ = ["SlackChannel", "parse_retry_after", "post_blocks"]
