"""The channel registry and the error type the delivery task relies on."""
from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from alerts.channels import (
    Channel,
    ChannelConfigError,
    PermanentError,
    TransientError,
    TransportError,
    configured_channels,
    effective_channels,
    get_channel,
)
from config.settings import Settings


def test_nothing_configured_means_outbox(make_settings: Callable[..., Settings]) -> None:
    s = make_settings()
    assert configured_channels(s) == ["outbox"]
    assert effective_channels(["email", "slack"], s) == ["outbox"]
    for name in ("email", "slack", "apprise"):
        with pytest.raises(ChannelConfigError) as e:
            get_channel(name, s)
        assert e.value.permanent


def test_everything_configured(make_settings: Callable[..., Settings]) -> None:
    s = make_settings(
        SMTP_URL="smtp://127.0.0.1:2525", ALERT_EMAIL_TO="a@example.org",
        SLACK_WEBHOOK_URL="https://hooks.slack.com/services/T/B/x", APPRISE_URLS="json://127.0.0.1:9/x",
    )
    assert configured_channels(s) == ["email", "slack", "apprise", "outbox"]
    assert effective_channels(["slack", "email", "slack", "nope"], s) == ["slack", "email"]
    for name in configured_channels(s):
        ch = get_channel(name, s)
        assert isinstance(ch, Channel) and ch.name == name


def test_email_needs_recipients(make_settings: Callable[..., Settings]) -> None:
    assert configured_channels(make_settings(SMTP_URL="smtp://127.0.0.1:2525")) == ["outbox"]


def test_unknown_channel(make_settings: Callable[..., Settings]) -> None:
    with pytest.raises(ChannelConfigError, match="unknown channel 'pager'"):
        get_channel("pager", make_settings())


def test_malformed_settings_are_permanent(make_settings: Callable[..., Settings]) -> None:
    s = make_settings(SMTP_URL="http://nope", ALERT_EMAIL_TO="a@example.org")
    with pytest.raises(TransportError) as e:
        get_channel("email", s)
    assert e.value.permanent


def test_errors_pickle_and_describe_themselves() -> None:
    for err in (TransientError("slow down", retry_after=7), PermanentError("gone"),
                ChannelConfigError("bad"), TransportError("x", permanent=False)):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert (back.message, back.permanent, back.retry_after) == (err.message, err.permanent, err.retry_after)
    assert str(TransientError("slow down", retry_after=7)) == "slow down (transient, retry after 7s)"
    assert TransientError("x").transient and not PermanentError("x").transient
