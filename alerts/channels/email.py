"""Email through SMTP (smtplib): multipart text + HTML, one message per alert.

`SMTP_URL` forms:

    smtp://host[:port]                    plain SMTP (port 25)
    smtp://user:pass@host:587?starttls=1  STARTTLS, then AUTH (user/pass percent-decoded)
    smtps://user:pass@host[:465]          implicit TLS
    ...?timeout=20                        socket timeout in seconds (default 30)
    ...?cafile=/etc/ssl/private-ca.pem    trust this CA bundle for TLS (default: system CAs)

Recipients come from `ALERT_EMAIL_TO` (comma-separated) unless given explicitly; the sender
from `SMTP_FROM`. The Message-ID is derived from the idempotency key, so a retried alert
carries the same Message-ID as the first attempt (mail clients and archives collapse them).

Failures: connection refused, timeouts, DNS errors, dropped connections and 4xx replies are
transient; 5xx replies, rejected credentials, refused recipients and a server lacking
STARTTLS/AUTH are permanent. A failure after the server accepted the message (e.g. during
QUIT) is not a failure.
"""
from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, getaddresses, parseaddr
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from alerts.channels.base import ChannelConfigError, PermanentError, TransientError, TransportError
from alerts.message import AlertMessage, DigestMessage
from alerts.render import email_subject, one_line, render_html, render_text, safe_cid
from config.settings import Settings, get_settings

log = logging.getLogger(__name__)

SUBJECT_MAX = 200
DEFAULT_TIMEOUT = 30.0
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    implicit_tls: bool = False  # smtps://
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    cafile: str | None = None

    def tls_context(self) -> ssl.SSLContext:
        try:
            return ssl.create_default_context(cafile=self.cafile)
        except (OSError, ssl.SSLError) as e:
            raise ChannelConfigError(f"SMTP_URL cafile unusable: {type(e).__name__}") from None

    def __repr__(self) -> str:  # never print the password
        auth = f"{self.username}:***@" if self.username else ""
        scheme = "smtps" if self.implicit_tls else "smtp"
        return f"SmtpConfig({scheme}://{auth}{self.host}:{self.port}, starttls={self.starttls})"


def parse_smtp_url(url: str) -> SmtpConfig:
    """Parse `SMTP_URL`; raises `ChannelConfigError` (permanent) when it is malformed."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise ChannelConfigError(f"SMTP_URL is malformed: {e}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps"):
        raise ChannelConfigError(f"SMTP_URL must start with smtp:// or smtps://, not {scheme or '(none)'}://")
    if not parts.hostname:
        raise ChannelConfigError("SMTP_URL has no host")
    query = {k.lower(): v[-1] for k, v in parse_qs(parts.query).items()}
    starttls = query.get("starttls", "").lower() in _TRUE
    try:
        timeout = float(query.get("timeout", DEFAULT_TIMEOUT))
    except ValueError:
        raise ChannelConfigError("SMTP_URL timeout= must be a number of seconds") from None
    is_ssl = scheme == "smtps"
    if is_ssl and starttls:
        raise ChannelConfigError("SMTP_URL: smtps:// is already TLS; drop starttls=1")
    return SmtpConfig(
        host=parts.hostname,
        port=port or (465 if is_ssl else 587 if starttls else 25),
        implicit_tls=is_ssl,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        timeout=timeout,
        cafile=query.get("cafile") or None,
    )


def parse_recipients(value: str | Iterable[str] | None) -> list[str]:
    """Addresses from a comma-separated string or a list; raises `ChannelConfigError` if none
    or if one is malformed (header injection attempts included)."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        if any(c in item for c in "\r\n\0"):
            raise ChannelConfigError("recipient list contains a line break")
        for _name, addr in getaddresses([item]):
            addr = addr.strip()
            if not addr:
                continue
            if "@" not in addr or any(c.isspace() for c in addr) or addr.count("@") != 1:
                raise ChannelConfigError(f"not an email address: {addr!r}")
            if addr not in out:
                out.append(addr)
    return out


def header_text(value: object, limit: int = SUBJECT_MAX) -> str:
    """Scraped text for a header: one line (CR, LF and other breaks become spaces), control
    characters removed, cut; a literal RFC 2047 opener `=?` gets a zero-width space so that
    readers show it as typed instead of decoding an encoded-word smuggled in by the page."""
    return one_line(value, limit).replace("=?", "=\u200b?")


def clean_subject(subject: str, limit: int = SUBJECT_MAX) -> str:
    """The Subject header for `subject` (see `header_text`); never empty."""
    return header_text(subject, limit) or "(no subject)"


def set_text_header(em: EmailMessage, name: str, value: str) -> None:
    """Set a free-text header (already one line) encoded and folded by `email.header.Header`.

    The default policy's folder can split a base64 encoded-word across lines when ASCII
    punctuation meets non-ASCII text (CPython 3.11), which garbles the subject the analyst
    sees; Header's older folder round-trips exactly, and the generator keeps its lines."""
    if value.isascii():
        em[name] = value
        return
    em.set_raw(name, Header(value, "utf-8", header_name=name).encode(linesep="\n"))


def message_id_for(key: str, domain: str) -> str:
    """A stable Message-ID for an idempotency key: the same key gives the same id."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"<mouthpiece.{digest}@{domain}>"


def _sniff_image_subtype(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return "png"


def _code_error(what: str, code: int, reply: bytes | str) -> TransportError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    message = f"{what}: {code} {one_line(text, 300)}"
    if 400 <= code < 500:
        return TransientError(message)
    return PermanentError(message)


class EmailChannel:
    """Sends alerts and digests through one SMTP server."""

    name: ClassVar[str] = "email"
    order: ClassVar[int] = 10
    DIGEST_PARTS: ClassVar[tuple[str, ...]] = ("subject", "text", "html", "images", "recipients")

    @classmethod
    def is_configured(cls, settings: Settings, recipients: Sequence[str] = ()) -> bool:
        return bool(settings.smtp_url and (any(r.strip() for r in recipients) or
                                           (settings.alert_email_to or "").strip()))

    def __init__(
        self,
        smtp: SmtpConfig | str,
        sender: str,
        recipients: str | Iterable[str] | None,
        *,
        unsubscribe_url: str | None = None,
    ) -> None:
        self.smtp = parse_smtp_url(smtp) if isinstance(smtp, str) else smtp
        if any(c in sender for c in "\r\n\0"):
            raise ChannelConfigError("SMTP_FROM contains a line break")
        display, addr = parseaddr(sender)
        if "@" not in addr:
            raise ChannelConfigError(f"SMTP_FROM is not an email address: {sender!r}")
        self.sender_name = display
        self.sender_addr = addr
        self.domain = addr.rsplit("@", 1)[1] or "localhost"
        self.recipients = parse_recipients(recipients)
        # List-Unsubscribe: an https URL when the deployment has one, else a mailto: to the sender.
        self.unsubscribe_url = unsubscribe_url
        self.unsubscribe_mailto = f"mailto:{addr}?subject=unsubscribe"

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> EmailChannel:
        s = settings or get_settings()
        if not s.smtp_url:
            raise ChannelConfigError("email channel needs SMTP_URL")
        return cls(s.smtp_url, s.smtp_from, s.alert_email_to)

    def __repr__(self) -> str:
        return f"EmailChannel({self.smtp!r}, to={self.recipients})"

    # -- the Channel interface -----------------------------------------------------------------

    def send(self, msg: AlertMessage) -> str:
        """Send one alert; returns its Message-ID."""
        unsubscribe = self.unsubscribe_url or self.unsubscribe_mailto
        return self.send_email(
            subject=email_subject(msg),
            text=render_text(msg, unsubscribe=unsubscribe),
            html=render_html(msg, unsubscribe=unsubscribe),
            idempotency_key=msg.idempotency_key,
            headers={
                "X-Mouthpiece-Rule": msg.rule_id,
                "X-Mouthpiece-Severity": msg.severity,
            },
        )

    def send_digest(self, digest: DigestMessage) -> str:
        """Send a digest (HTML with its charts inline, and text) to its own recipients, else
        ALERT_EMAIL_TO; returns its Message-ID."""
        return self.send_email(
            digest.subject, digest.text, digest.html, digest.recipients or None, digest.images,
            idempotency_key=digest.idempotency_key, headers={"X-Mouthpiece-Digest": digest.idempotency_key},
        )

    # -- generic sending -----------------------------------------------------------------------

    def build_message(
        self,
        subject: str,
        text: str,
        html: str | None = None,
        to: str | Iterable[str] | None = None,
        inline_images: Mapping[str, bytes] | None = None,
        *,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[EmailMessage, list[str]]:
        recipients = parse_recipients(to) if to is not None else self.recipients
        if not recipients:
            raise ChannelConfigError("email has no recipients (set ALERT_EMAIL_TO)")
        em = EmailMessage(policy=SMTP_POLICY)
        set_text_header(em, "Subject", clean_subject(subject))
        em["From"] = Address(display_name=header_text(self.sender_name, 100), addr_spec=self.sender_addr)
        em["To"] = ", ".join(recipients)
        em["Date"] = format_datetime(datetime.now(UTC))
        key = idempotency_key or hashlib.sha256(f"{subject}\0{text}\0{html}".encode()).hexdigest()
        em["Message-ID"] = message_id_for(key, self.domain)
        unsub = [f"<{self.unsubscribe_mailto}>"]
        if self.unsubscribe_url:
            unsub.insert(0, f"<{self.unsubscribe_url}>")
            if self.unsubscribe_url.startswith("https://"):
                em["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        em["List-Unsubscribe"] = ", ".join(unsub)
        em["List-Id"] = f"Mouthpiece alerts <alerts.mouthpiece.{self.domain}>"
        em["Auto-Submitted"] = "auto-generated"
        em["X-Auto-Response-Suppress"] = "All"
        for name, value in (headers or {}).items():
            set_text_header(em, name, header_text(value, 200))
        if idempotency_key:
            set_text_header(em, "X-Mouthpiece-Key", header_text(idempotency_key, 200))

        em.set_content(text, subtype="plain", charset="utf-8")
        if html is not None:
            em.add_alternative(html, subtype="html", charset="utf-8")
            if inline_images:
                html_part = list(em.iter_parts())[-1]
                for cid, data in inline_images.items():
                    html_part.add_related(
                        data,
                        maintype="image",
                        subtype=_sniff_image_subtype(data),
                        cid=f"<{safe_cid(cid)}>",
                        filename=f"{safe_cid(cid)}.{_sniff_image_subtype(data)}",
                        disposition="inline",
                    )
        elif inline_images:
            raise ValueError("inline images need an HTML part")
        return em, recipients

    def send_email(
        self,
        subject: str,
        text: str,
        html: str | None = None,
        to: str | Iterable[str] | None = None,
        inline_images: Mapping[str, bytes] | None = None,
        *,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> str:
        """Send a multipart text (+HTML, + inline `cid:` images) email; returns its Message-ID.

        `inline_images` maps a content id to image bytes (PNG, JPEG or GIF); the HTML refers
        to one as `<img src="cid:ID">`. Raises `TransportError`."""
        em, recipients = self.build_message(
            subject, text, html, to, inline_images, idempotency_key=idempotency_key, headers=headers
        )
        self._deliver(em, recipients)
        return str(em["Message-ID"])

    # -- SMTP -----------------------------------------------------------------------------------

    def _connect(self) -> smtplib.SMTP:
        c = self.smtp
        if c.implicit_tls:
            return smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=c.tls_context())
        return smtplib.SMTP(c.host, c.port, timeout=c.timeout)

    def _deliver(self, em: EmailMessage, recipients: list[str]) -> None:
        c = self.smtp
        where = f"SMTP {c.host}:{c.port}"
        conn: smtplib.SMTP | None = None
        try:
            conn = self._connect()
            conn.ehlo_or_helo_if_needed()
            if c.starttls:
                conn.starttls(context=c.tls_context())
                conn.ehlo()
            if c.username:
                conn.login(c.username, c.password or "")
            refused = conn.send_message(em, from_addr=self.sender_addr, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as e:
            raise _refused_error(where, e.recipients) from None
        except smtplib.SMTPAuthenticationError as e:
            if 400 <= e.smtp_code < 500:
                raise _code_error(f"{where} authentication", e.smtp_code, e.smtp_error) from None
            raise PermanentError(f"{where} rejected the credentials: {e.smtp_code}") from None
        except smtplib.SMTPNotSupportedError as e:
            raise PermanentError(f"{where}: {one_line(e, 200)}") from None
        except smtplib.SMTPSenderRefused as e:
            raise _code_error(f"{where} refused sender {self.sender_addr}", e.smtp_code, e.smtp_error) from None
        except smtplib.SMTPResponseException as e:  # SMTPDataError, SMTPConnectError, HELO errors
            raise _code_error(where, e.smtp_code, e.smtp_error) from None
        except smtplib.SMTPServerDisconnected as e:
            raise TransientError(f"{where} disconnected: {one_line(e, 200)}") from None
        except ssl.SSLCertVerificationError as e:
            raise PermanentError(f"{where} TLS certificate rejected: {one_line(e.verify_message, 200)}") from None
        except TimeoutError:
            raise TransientError(f"{where} timed out after {c.timeout:g}s") from None
        except ConnectionRefusedError:
            raise TransientError(f"{where} refused the connection") from None
        except (OSError, smtplib.SMTPException) as e:  # DNS, resets, TLS handshake, other
            raise TransientError(f"{where}: {type(e).__name__}: {one_line(e, 200)}") from None
        finally:
            if conn is not None and conn.sock is not None:
                _quietly_quit(conn)
        if refused:
            # Some recipients took the message: a retry would send it to them twice. Log the rest.
            log.warning("%s accepted %s but refused %s", where, em["Message-ID"], _describe(refused))


def _quietly_quit(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()


def _describe(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{addr}: {code} {one_line(reply.decode('utf-8', 'replace'), 120)}" for addr, (code, reply) in refused.items()
    )


def _refused_error(where: str, refused: Mapping[str, tuple[int, bytes]]) -> TransportError:
    message = f"{where} refused every recipient: {_describe(refused)}"
    if refused and all(400 <= code < 500 for code, _ in refused.values()):
        return TransientError(message)
    return PermanentError(message)


def send_email(
    subject: str,
    text: str,
    html: str | None = None,
    to: str | Iterable[str] | None = None,
    inline_images: Mapping[str, bytes] | None = None,
    *,
    settings: Settings | None = None,
    idempotency_key: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> str:
    """Send one email through the configured SMTP server (for the digest); returns its
    Message-ID. `to` defaults to ALERT_EMAIL_TO. Raises `TransportError`."""
    return EmailChannel.from_settings(settings).send_email(
        subject, text, html, to, inline_images, idempotency_key=idempotency_key, headers=headers
    )


CHANNEL = EmailChannel

__all__ = [
    "EmailChannel",
    "SmtpConfig",
    "clean_subject",
    "header_text",
    "message_id_for",
    "parse_recipients",
    "parse_smtp_url",
    "send_email",
]
