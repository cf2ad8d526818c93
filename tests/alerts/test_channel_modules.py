"""One channel registry: each channel is one module that owns `is_configured`, `send` and
`send_digest`; adding a module adds a channel everywhere (alerts, digests, `channels.yaml`)."""
from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

import alerts.channels as channels
from alerts.channels import configured_channels, get_channel, registry
from alerts.message import DigestMessage
from config.settings import Settings
from tests.support.servers import WebhookServer


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    from storage.db import get_engine, upgrade

    url = f"sqlite:///{tmp_path / 'mp.sqlite'}"
    upgrade(url)
    with Session(get_engine(url), expire_on_commit=False) as s:
        yield s


def test_every_module_registers_its_channel_with_the_whole_interface() -> None:
    assert list(registry()) == ["email", "slack", "apprise", "outbox"]
    for name, cls in registry().items():
        assert cls.name == name
        for method in ("is_configured", "from_settings", "send", "send_digest"):
            assert callable(getattr(cls, method, None)), f"{name} lacks {method}"
        assert "subject" in cls.DIGEST_PARTS


PAGER = '''
    """A pager: one module, nothing else touched."""
    from typing import ClassVar

    SENT: list = []


    class PagerChannel:
        name: ClassVar[str] = "pager"
        order: ClassVar[int] = 40
        DIGEST_PARTS: ClassVar[tuple[str, ...]] = ("subject", "text")

        @classmethod
        def is_configured(cls, settings, recipients=()):
            return True

        @classmethod
        def from_settings(cls, settings=None):
            return cls()

        def send(self, msg):
            SENT.append(("alert", msg.idempotency_key))
            return "pager:" + msg.idempotency_key

        def send_digest(self, digest):
            SENT.append(("digest", digest.subject))
            return "pager:" + digest.idempotency_key


    CHANNEL = PagerChannel
'''


@pytest.fixture
def pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The channels package with one more module in it (on a second search path)."""
    extra = tmp_path / "more_channels"
    extra.mkdir()
    (extra / "pager.py").write_text(textwrap.dedent(PAGER), encoding="utf-8")
    monkeypatch.setattr(channels, "__path__", [*channels.__path__, str(extra)])
    registry.cache_clear()
    import importlib

    yield importlib.import_module("alerts.channels.pager")
    registry.cache_clear()
    import sys

    sys.modules.pop("alerts.channels.pager", None)


def test_a_new_channel_is_one_module(pager: Any, make_settings: Callable[..., Settings], tmp_path: Path) -> None:
    from alerts.quiet import ChannelsFile
    from tests.alerts.conftest import make_alert

    s = make_settings()
    assert configured_channels(s) == ["pager", "outbox"]
    get_channel("pager", s).send(make_alert())
    assert pager.SENT[-1][0] == "alert"
    ChannelsFile.model_validate({"channels": {"pager": {}}})  # channels.yaml knows it too
    # and the digest's "default" takes it
    from alerts.digest_delivery import channels_for
    from config.digests import DigestConfig

    assert channels_for(DigestConfig(name="d"), s) == ["pager"]


def test_apprise_carries_the_digest_too(make_settings: Callable[..., Settings]) -> None:
    with WebhookServer() as hook:
        s = make_settings(APPRISE_URLS=f"json://127.0.0.1:{hook.port}/digest")
        msg = DigestMessage(idempotency_key="digest:daily:2026-11-25:apprise", subject="Daily — 2026-11-25: 3 new",
                            text="Lukashenko said <!channel> something new.", html="<p>x</p>",
                            images={"volume": b"\x89PNG"})
        stored = msg.to_dict(registry()["apprise"].DIGEST_PARTS)
        assert set(stored) == {"kind", "subject", "text"}, "each row keeps only what its channel sends"
        again = DigestMessage.from_dict(stored, msg.idempotency_key)
        receipt = get_channel("apprise", s).send_digest(again)
        assert receipt.startswith("apprise:1:")
        [req] = hook.wait_for(1)
        assert req.json["title"] == msg.subject
        # the text as the digest has it, its mention defused (alerts/mentions.py, issue 11)
        assert req.json["message"] == "Lukashenko said <\u2060!channel> something new."


def test_a_digest_goes_through_every_configured_channel(session: Session, make_settings: Callable[..., Settings],
                                                        tmp_path: Path) -> None:
    """run_digest makes one outbox row per configured channel; sending one row is its
    channel's send_digest."""
    from alerts.digest_delivery import run_digest, send_digest_delivery
    from config.digests import DigestConfig
    from storage.models import Delivery

    with WebhookServer() as hook:
        s = make_settings(APPRISE_URLS=f"json://127.0.0.1:{hook.port}/d")
        from datetime import UTC, datetime

        r = run_digest(session, DigestConfig(name="daily", empty_day="send"), datetime(2026, 11, 25, 7, tzinfo=UTC),
                       leaders={}, settings=s)
        rows = {session.get(Delivery, d).channel: d for d in r.deliveries}  # type: ignore[union-attr]
        assert set(rows) == {"apprise"}
        assert send_digest_delivery(session, rows["apprise"], s) == "sent"
        [req] = hook.wait_for(1)
        assert "nothing new" in req.json["title"]
