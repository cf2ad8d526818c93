"""Real local servers for tests: an SMTP server (aiosmtpd) and an HTTP webhook receiver.

Both bind 127.0.0.1 on a free port, run in a background thread, record what they receive,
and can be told to fail the next N requests. Use them as context managers:

    with SMTPServer() as smtp:
        ... send to smtp.url ...                 # "smtp://127.0.0.1:PORT"
        [mail] = smtp.wait_for(1)                # ReceivedMail, .message is an EmailMessage

    with WebhookServer() as hook:
        ... post JSON to hook.url ...            # "http://127.0.0.1:PORT/services/T0/B0/secret"
        hook.fail_next(1, 429, retry_after=7)    # then answer 429 with Retry-After: 7
        [req] = hook.wait_for(1)                 # RecordedRequest, .json is the parsed body

`free_port()` gives a port nobody listens on (connection refused); `SilentServer` accepts TCP
connections and never says anything (timeouts).
"""
from __future__ import annotations

import email
import email.policy
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (nothing listens on it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait(predicate: Any, timeout: float, what: str) -> None:
    from tests.support.services import wait_for

    wait_for(predicate, timeout, interval=0.01, what=what)


# ---------------------------------------------------------------------------------------------
# SMTP


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    auth_user: str | None = None

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg

    def part(self, content_type: str) -> str:
        """The decoded body of the first part of this content type (e.g. "text/html")."""
        for p in self.message.walk():
            if p.get_content_type() == content_type and not p.is_multipart():
                assert isinstance(p, EmailMessage)
                return str(p.get_content())
        raise KeyError(content_type)


class _Handler:
    def __init__(self, server: SMTPServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        reply = self.server.rejected_recipients.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        with self.server.lock:
            if self.server._data_replies:
                return self.server._data_replies.pop(0)
            login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
            self.server.messages.append(
                ReceivedMail(
                    mail_from=str(envelope.mail_from),
                    rcpt_tos=list(envelope.rcpt_tos),
                    data=bytes(envelope.original_content or b""),
                    auth_user=login.decode() if isinstance(login, bytes) else None,
                )
            )
        return "250 Message accepted for delivery"


@dataclass(frozen=True)
class TlsFiles:
    ca: Path  # the CA certificate clients should trust (SMTP_URL ?cafile=)
    cert: Path  # the server certificate for 127.0.0.1 / localhost, signed by the CA
    key: Path

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.cert, self.key)
        return ctx


def make_tls_files(directory: Path) -> TlsFiles:
    """A throwaway CA and a server certificate for 127.0.0.1 and localhost (valid 1 day)."""
    import ipaddress
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)

    def build(subject: str, issuer: x509.Name | None, key: Any, signer: Any, ca: bool) -> x509.Certificate:
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
        b = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(issuer or name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if ca:
            b = b.add_extension(
                x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                              key_encipherment=False, data_encipherment=False, key_agreement=False,
                              encipher_only=False, decipher_only=False), critical=True)
        else:
            b = b.add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]), critical=False)
        return b.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = build("Mouthpiece test CA", None, ca_key, ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = build(HOST, ca_cert.subject, key, ca_key, ca=False)
    directory.mkdir(parents=True, exist_ok=True)
    files = TlsFiles(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    files.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return files


class SMTPServer:
    """aiosmtpd on 127.0.0.1:<free port>, recording every accepted message.

    `auth=(user, password)` advertises AUTH PLAIN/LOGIN and checks them (without TLS unless
    `tls` is set). `tls="starttls"` offers STARTTLS (AUTH only after it); `tls="implicit"`
    speaks TLS from the first byte (smtps://). Both need `tls_files` (`make_tls_files`)."""

    def __init__(
        self,
        auth: tuple[str, str] | None = None,
        tls: Literal["starttls", "implicit"] | None = None,
        tls_files: TlsFiles | None = None,
    ) -> None:
        if tls and tls_files is None:
            raise ValueError("tls needs tls_files (make_tls_files(tmp_path))")
        self.tls = tls
        self.tls_files = tls_files
        self.messages: list[ReceivedMail] = []
        self.rejected_recipients: dict[str, str] = {}
        self._data_replies: list[str] = []
        self.lock = threading.Lock()
        self.auth = auth
        self.port = 0
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        """smtp://, smtp://...?starttls=1 or smtps://, trusting the test CA when TLS is on."""
        if self.tls is None:
            return f"smtp://{HOST}:{self.port}"
        assert self.tls_files is not None
        ca = f"cafile={self.tls_files.ca}"
        if self.tls == "starttls":
            return f"smtp://{HOST}:{self.port}?starttls=1&{ca}"
        return f"smtps://{HOST}:{self.port}?{ca}"

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            self.auth is not None
            and isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.auth[0]
            and auth_data.password.decode() == self.auth[1]
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def start(self, port: int | None = None) -> SMTPServer:
        """Listen on a free port, or on `port` (to come back where clients expect it)."""
        kwargs: dict[str, Any] = {}
        if self.auth is not None:
            # (aiosmtpd only counts STARTTLS as TLS; an smtps:// connection is TLS from the start)
            kwargs.update(authenticator=self._authenticate, auth_require_tls=self.tls == "starttls")
        if self.tls == "starttls":
            assert self.tls_files is not None
            kwargs.update(tls_context=self.tls_files.server_context())
        elif self.tls == "implicit":
            assert self.tls_files is not None
            kwargs.update(ssl_context=self.tls_files.server_context())
        last: Exception | None = None
        for _ in range(5):  # the free port may be taken between free_port() and bind()
            self.port = port or free_port()
            controller = Controller(_Handler(self), hostname=HOST, port=self.port, **kwargs)
            try:
                controller.start()
            except (OSError, RuntimeError, TimeoutError) as e:
                last = e
                continue
            self._controller = controller
            return self
        raise RuntimeError(f"could not start the SMTP server: {last}")

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SMTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail_next(self, n: int = 1, reply: str = "451 4.3.0 Temporary failure, try again later") -> None:
        """Answer the next `n` DATA commands with `reply` (e.g. "554 5.7.1 Rejected")."""
        with self.lock:
            self._data_replies.extend([reply] * n)

    def reject_recipient(self, address: str, reply: str = "550 5.1.1 No such user") -> None:
        self.rejected_recipients[address.lower()] = reply

    def wait_for(self, n: int, timeout: float = 5.0) -> list[ReceivedMail]:
        """Wait until at least `n` messages arrived; returns all of them."""
        _wait(lambda: len(self.messages) >= n, timeout, f"{n} message(s)")
        with self.lock:
            return list(self.messages)


class SilentServer:
    """Accepts TCP connections and never answers: clients time out waiting for a greeting."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind((HOST, 0))
        self._sock.listen(16)
        self.port = int(self._sock.getsockname()[1])

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# HTTP webhook


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class WebhookServer:
    """An HTTP server standing in for a Slack incoming webhook (or any JSON webhook).

    It records every request (also the failed ones, in `requests`) and answers 200 "ok",
    unless told otherwise with `fail_next`/`respond_next`."""

    path = "/services/T0000/B0000/not-a-real-secret"

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._replies: list[_Reply] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with outer.lock:
                    outer.requests.append(
                        RecordedRequest(self.command, self.path, {k: v for k, v in self.headers.items()}, body)
                    )
                    reply = outer._replies.pop(0) if outer._replies else _Reply(200, b"ok")
                self.send_response(reply.status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(reply.body)))
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(reply.body)

            do_POST = _handle
            do_PUT = _handle
            do_GET = _handle

        self._httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def url(self) -> str:
        """A Slack-webhook-looking URL on this server."""
        return self.base_url + self.path

    def start(self) -> WebhookServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> WebhookServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def respond_next(self, n: int, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
        """Answer the next `n` requests with this status, body and headers."""
        with self.lock:
            self._replies.extend(_Reply(status, body.encode(), dict(headers or {})) for _ in range(n))

    def fail_next(self, n: int = 1, status: int = 500, retry_after: float | str | None = None) -> None:
        """Answer the next `n` requests with an error: 429 (with Retry-After) or 500 by default."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = {429: "rate_limited", 404: "no_service", 400: "invalid_payload"}.get(status, "internal_error")
        self.respond_next(n, status, body, headers)

    def wait_for(self, n: int, timeout: float = 5.0) -> list[RecordedRequest]:
        _wait(lambda: len(self.requests) >= n, timeout, f"{n} request(s)")
        with self.lock:
            return list(self.requests)

    def json_bodies(self) -> list[Any]:
        with self.lock:
            return [r.json for r in self.requests]


@contextmanager
def smtp_server(auth: tuple[str, str] | None = None) -> Iterator[SMTPServer]:
    with SMTPServer(auth=auth) as server:
        yield server


@contextmanager
def webhook_server() -> Iterator[WebhookServer]:
    with WebhookServer() as server:
        yield server
