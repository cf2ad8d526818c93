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

from typing import Any, Protocol, runtime_checkable

from alerts.message import AlertMessage


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
    """One way of sending an alert. `send` returns a receipt or raises `TransportError`."""

    name: str

    def send(self, msg: AlertMessage) -> str: ...
