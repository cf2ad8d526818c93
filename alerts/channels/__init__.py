"""Notification channels: `email`, `slack`, `apprise`, and `outbox` (always available).

    from alerts.channels import get_channel, configured_channels, TransportError

    for name in effective_channels(rule.channels, settings):
        receipt = get_channel(name, settings).send(message)   # raises TransportError

Each channel is one module here; see `base.py` for the `Channel` protocol and the meaning of
`TransportError.permanent` / `.retry_after`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from alerts.channels.base import (
    Channel,
    ChannelConfigError,
    PermanentError,
    TransientError,
    TransportError,
)
from config.settings import Settings, get_settings

CHANNEL_NAMES: tuple[str, ...] = ("email", "slack", "apprise", "outbox")


def _email(s: Settings) -> Channel:
    from alerts.channels.email import EmailChannel

    return EmailChannel.from_settings(s)


def _slack(s: Settings) -> Channel:
    from alerts.channels.slack import SlackChannel

    return SlackChannel.from_settings(s)


def _apprise(s: Settings) -> Channel:
    from alerts.channels.apprise_channel import AppriseChannel

    return AppriseChannel.from_settings(s)


def _outbox(s: Settings) -> Channel:
    from alerts.channels.outbox import OutboxChannel

    return OutboxChannel.from_settings(s)


_FACTORIES: dict[str, Callable[[Settings], Channel]] = {
    "email": _email,
    "slack": _slack,
    "apprise": _apprise,
    "outbox": _outbox,
}


def is_configured(name: str, settings: Settings | None = None) -> bool:
    """Whether the settings hold what channel `name` needs (not whether the service is up)."""
    s = settings or get_settings()
    if name == "email":
        return bool(s.smtp_url and s.alert_email_to and s.alert_email_to.strip())
    if name == "slack":
        return bool(s.slack_webhook_url and s.slack_webhook_url.strip())
    if name == "apprise":
        return bool(s.apprise_urls and s.apprise_urls.strip())
    return name == "outbox"


def configured_channels(settings: Settings | None = None) -> list[str]:
    """The channels whose settings are present, in CHANNEL_NAMES order; "outbox" always."""
    return [name for name in CHANNEL_NAMES if is_configured(name, settings)]


def effective_channels(requested: Iterable[str], settings: Settings | None = None) -> list[str]:
    """Where an alert for a rule listing `requested` channels actually goes: the requested
    ones that are configured, or ["outbox"] when none is (so nothing is silently dropped)."""
    chosen = [n for n in dict.fromkeys(requested) if n in CHANNEL_NAMES and is_configured(n, settings)]
    return chosen or ["outbox"]


def get_channel(name: str, settings: Settings | None = None) -> Channel:
    """The channel called `name`, built from `settings` (default: `get_settings()`).

    Raises `ChannelConfigError` (a permanent `TransportError`) for an unknown name or a
    channel whose settings are missing or malformed."""
    factory = _FACTORIES.get(name)
    if factory is None:
        raise ChannelConfigError(f"unknown channel {name!r} (known: {', '.join(CHANNEL_NAMES)})")
    s = settings or get_settings()
    if not is_configured(name, s):
        raise ChannelConfigError(f"channel {name!r} is not configured")
    return factory(s)


__all__ = [
    "CHANNEL_NAMES",
    "Channel",
    "ChannelConfigError",
    "PermanentError",
    "TransientError",
    "TransportError",
    "configured_channels",
    "effective_channels",
    "get_channel",
    "is_configured",
]
