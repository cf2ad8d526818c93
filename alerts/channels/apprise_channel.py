"""Any Apprise URL (Telegram, Teams, Matrix, ntfy, Discord, JSON/form webhooks...).

`APPRISE_URLS` holds one or more Apprise URLs separated by commas or spaces. The alert goes
as plain text (title = the email subject, body = the text rendering), so no target parses
markup from scraped text, and with every mention defused (`alerts.mentions`: Discord's
`@everyone`, Telegram's `@user`, Teams' `<at>`, Matrix's `@room` ping nobody). A URL Apprise cannot parse is a permanent configuration error;
a failed notification is transient, because Apprise reports no reason. With several URLs, a
partial failure is also transient (the retry reaches the successful targets again: at least
once) - give each target its own delivery if that matters.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from typing import ClassVar

import apprise

from alerts.channels.base import ChannelConfigError, TransientError
from alerts.mentions import neutralise
from alerts.message import AlertMessage, DigestMessage
from alerts.render import email_subject, render_text
from config.settings import Settings, get_settings

log = logging.getLogger(__name__)

BODY_MAX = 30_000  # Apprise splits or truncates per service; this bounds what we hand it
_SPLIT = re.compile(r"[\s,]+")


def split_urls(value: str) -> list[str]:
    return [u for u in _SPLIT.split(value.strip()) if u]


class AppriseChannel:
    """Sends alerts to every URL in APPRISE_URLS."""

    name: ClassVar[str] = "apprise"
    order: ClassVar[int] = 30
    DIGEST_PARTS: ClassVar[tuple[str, ...]] = ("subject", "text")

    @classmethod
    def is_configured(cls, settings: Settings, recipients: Sequence[str] = ()) -> bool:
        return bool((settings.apprise_urls or "").strip())

    def __init__(self, urls: str | list[str]) -> None:
        self.urls = split_urls(urls) if isinstance(urls, str) else [u.strip() for u in urls if u.strip()]
        if not self.urls:
            raise ChannelConfigError("apprise channel needs APPRISE_URLS")
        for i, url in enumerate(self.urls, 1):
            if apprise.Apprise.instantiate(url) is None:
                # the URL may hold a token: name its position and scheme only
                scheme = url.split("://", 1)[0] if "://" in url else "?"
                raise ChannelConfigError(f"APPRISE_URLS entry {i} ({scheme}://...) is not a valid Apprise URL")

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> AppriseChannel:
        s = settings or get_settings()
        if not s.apprise_urls:
            raise ChannelConfigError("apprise channel needs APPRISE_URLS")
        return cls(s.apprise_urls)

    def __repr__(self) -> str:
        return f"AppriseChannel({len(self.urls)} url(s))"

    def send(self, msg: AlertMessage) -> str:
        """Notify every target; returns `apprise:<n>:<hash of the idempotency key>`."""
        body = render_text(msg)
        if len(body) > BODY_MAX:
            body = body[: BODY_MAX - 1] + "…"
        self.notify(email_subject(msg), body)
        return f"apprise:{len(self.urls)}:" + hashlib.sha256(msg.idempotency_key.encode("utf-8")).hexdigest()[:24]

    def send_digest(self, digest: DigestMessage) -> str:
        """The digest's plain text to every target."""
        body = digest.text if len(digest.text) <= BODY_MAX else digest.text[: BODY_MAX - 1] + "…"
        self.notify(digest.subject, body)
        return f"apprise:{len(self.urls)}:" + hashlib.sha256(digest.idempotency_key.encode("utf-8")).hexdigest()[:24]

    def notify(self, title: str, body: str) -> None:
        """Send plain text, mentions defused, to every target. Raises `TransientError` if any
        target failed."""
        title, body = neutralise(title), neutralise(body)
        ap = apprise.Apprise()
        if not ap.add(self.urls):
            raise ChannelConfigError("APPRISE_URLS holds a URL Apprise cannot use")
        result = ap.notify(
            body=body, title=title, body_format=apprise.NotifyFormat.TEXT, interpret_escapes=False
        )
        if not result:
            failed = getattr(result, "failed_count", None)
            detail = f"{failed} of {len(self.urls)} target(s) failed" if failed is not None else "failed"
            raise TransientError(f"Apprise notification {detail}")


CHANNEL = AppriseChannel

__all__ = ["AppriseChannel", "split_urls"]
