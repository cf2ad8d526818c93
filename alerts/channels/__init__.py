"""Notification channels: each is one module of this package whose class is named `CHANNEL`
there (email, slack, apprise_channel, outbox); adding a channel is adding a module.

    from alerts.channels import get_channel, configured_channels, TransportError

    for name in effective_channels(rule.channels, settings):
        receipt = get_channel(name, settings).send(message)   # raises TransportError

A channel owns `is_configured`, `send` and `send_digest` (see `base.Channel`); `base.py` says
what `TransportError.permanent` / `.retry_after` mean for the retry policy.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from functools import lru_cache

from alerts.channels.base import (
    Channel,
    ChannelConfigError,
    PermanentError,
    TransientError,
    TransportError,
)
from config.settings import Settings, get_settings

OUTBOX = "outbox"  # always configured: alerts are never dropped for want of a channel


@lru_cache(maxsize=1)
def registry() -> dict[str, type[Channel]]:
    """Every channel class of this package, by name, in its `order`."""
    found: list[type[Channel]] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base":
            cls = getattr(importlib.import_module(f"{__name__}.{info.name}"), "CHANNEL", None)
            if cls is not None:
                found.append(cls)
    return {c.name: c for c in sorted(found, key=lambda c: (c.order, c.name))}


def channel_names() -> tuple[str, ...]:
    return tuple(registry())


def is_configured(name: str, settings: Settings | None = None, recipients: Sequence[str] = ()) -> bool:
    """Whether the settings hold what channel `name` needs (not whether the service is up)."""
    cls = registry().get(name)
    return cls is not None and cls.is_configured(settings or get_settings(), recipients)


def configured_channels(settings: Settings | None = None) -> list[str]:
    """The channels whose settings are present, in registry order; "outbox" always."""
    return [name for name in registry() if is_configured(name, settings)]


def effective_channels(requested: Iterable[str], settings: Settings | None = None) -> list[str]:
    """Where an alert for a rule listing `requested` channels actually goes: the requested
    ones that are configured, or ["outbox"] when none is (so nothing is silently dropped)."""
    chosen = [n for n in dict.fromkeys(requested) if is_configured(n, settings)]
    return chosen or [OUTBOX]


def get_channel(name: str, settings: Settings | None = None, recipients: Sequence[str] = ()) -> Channel:
    """The channel called `name`, built from `settings` (default: `get_settings()`).

    Raises `ChannelConfigError` (a permanent `TransportError`) for an unknown name or a
    channel whose settings are missing or malformed."""
    cls = registry().get(name)
    if cls is None:
        raise ChannelConfigError(f"unknown channel {name!r} (known: {', '.join(registry())})")
    s = settings or get_settings()
    if not cls.is_configured(s, recipients):
        raise ChannelConfigError(f"channel {name!r} is not configured")
    return cls.from_settings(s)


__all__ = [
    "OUTBOX",
    "Channel",
    "ChannelConfigError",
    "PermanentError",
    "TransientError",
    "TransportError",
    "channel_names",
    "configured_channels",
    "effective_channels",
    "get_channel",
    "is_configured",
    "registry",
]
