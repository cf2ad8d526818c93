"""What every channel is, and how a channel says that a send failed.

A channel turns an `AlertMessage` into one message on one service and returns a receipt
(a message id, or the best stable identifier the service gives). It raises
`TransportError` when the send failed; `permanent` decides the retry policy:

- transient (`permanent=False`): the delivery task retries with backoff, waiting at least
  `retry_after` seconds when the service said how long (Slack's 429 Retry-After);
- permanent (`permanent=True`): retrying cannot help (bad address, revoked webhook,
  rejected credentials, a channel that is not configured); the delivery is marked failed
  and stays visible until someone fixes the cause and retries it by hand.

Error messages never contain secrets (SMTP passwords, webhook URLs).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

from alerts.message import AlertMessage, DigestMessage
from config.settings import Settings


class TransportError(Exception):
    """A send failed. `permanent` says whether a retry could succeed."""

    def __init__(self, message: str, permanent: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        return not self.permanent

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable with its class and fields, so that it survives a Celery result backend.
        return (_rebuild, (type(self), self.message, self.permanent, self.retry_after))

    def __str__(self) -> str:
        kind = "permanent" if self.permanent else "transient"
        after = f", retry after {self.retry_after:g}s" if self.retry_after is not None else ""
        return f"{self.message} ({kind}{after})"



def _rebuild(
    cls: type[TransportError], message: str, permanent: bool, retry_after: float | None
) -> TransportError:
    err = Exception.__new__(cls)
    TransportError.__init__(err, message, permanent, retry_after)
    return err


class TransientError(TransportError):
    """Worth retrying: connection refused, timeout, 4xx SMTP reply, HTTP 429/5xx."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message, permanent=False, retry_after=retry_after)



class PermanentError(TransportError):
    """Not worth retrying until a person changes something."""

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True, retry_after=None)



class ChannelConfigError(PermanentError):
    """The channel is unknown, or lacks the settings it needs (SMTP_URL, a webhook URL...)."""


@runtime_checkable
class Channel(Protocol):
    """One way of sending alerts and digests; one module of this package each, registered by
    naming its class `CHANNEL` there (alerts/channels/__init__.py finds it).

    `send` and `send_digest` return a receipt or raise `TransportError`."""

    name: ClassVar[str]
    order: ClassVar[int]  # where it comes in listings ("outbox" last)
    DIGEST_PARTS: ClassVar[tuple[str, ...]]  # the DigestMessage fields it sends

    @classmethod
    def is_configured(cls, settings: Settings, recipients: Sequence[str] = ()) -> bool:
        """Whether `settings` hold what it needs (not whether the service is up). `recipients`:
        addresses a message brings along (a digest's own list), for channels that address people."""
        ...

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Channel: ...

    def send(self, msg: AlertMessage) -> str: ...

    def send_digest(self, digest: DigestMessage) -> str: ...
