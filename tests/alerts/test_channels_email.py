"""Email channel against a real SMTP server (aiosmtpd on 127.0.0.1)."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest

from alerts.channels import get_channel
from alerts.channels.base import ChannelConfigError, PermanentError, TransientError, TransportError
from alerts.channels.email import EmailChannel, message_id_for, parse_recipients, parse_smtp_url, send_email
from config.settings import Settings
from tests.alerts.conftest import hostile_alert, make_alert
from tests.support.servers import SilentServer, SMTPServer, free_port, make_tls_files

# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def channel(server: SMTPServer, to: str = "analyst@example.org, desk@example.org") -> EmailChannel:
    return EmailChannel(server.url, "Mouthpiece <alerts@mouthpiece.example>", to)


def test_alert_arrives_multipart_with_quote_speaker_and_link(smtp_server: SMTPServer) -> None:
    msg = make_alert()
    receipt = channel(smtp_server).send(msg)

    [mail] = smtp_server.wait_for(1)
    assert mail.mail_from == "alerts@mouthpiece.example"
    assert mail.rcpt_tos == ["analyst@example.org", "desk@example.org"]
    em = mail.message
    assert em.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in em.iter_parts()] == ["text/plain", "text/html"]
    assert em["Message-ID"] == receipt == message_id_for(msg.idempotency_key, "mouthpiece.example")
    assert em["List-Unsubscribe"] == "<mailto:alerts@mouthpiece.example?subject=unsubscribe>"
    assert em["Auto-Submitted"] == "auto-generated"
    assert em["Subject"].startswith("[warning] Alexander Lukashenko on NATO, Ukraine: “NATO is pulling")

    text = mail.part("text/plain")
    for needle in (msg.quote_text, msg.speaker, "President of Belarus", msg.url, "BelTA", "NATO, Ukraine",
                   "direct quote (en)", "2024-05-01 10:02 UTC+03:00", "12 min after publication",
                   msg.novelty_reason, "Sputnik Belarus, Minsk-Novosti"):
        assert needle in text
    body = mail.part("text/html")
    assert msg.quote_text in body
    assert f'href="{html.escape(msg.url)}"' in body  # & escaped inside the attribute
    assert msg.speaker in body
    assert 'lang="en"' in body


def test_same_key_same_message_id(smtp_server: SMTPServer) -> None:
    ch = channel(smtp_server)
    first = ch.send(make_alert())
    again = ch.send(make_alert())
    other = ch.send(make_alert(idempotency_key="alert:43:email"))
    assert first == again != other
    ids = [m.message["Message-ID"] for m in smtp_server.wait_for(3)]
    assert ids == [first, first, other]


def test_hostile_text_is_inert(smtp_server: SMTPServer) -> None:
    msg = hostile_alert()
    assert len(msg.quote_text) == 10_000
    channel(smtp_server, to="analyst@example.org").send(msg)
    [mail] = smtp_server.wait_for(1)
    # Nobody else got it: the "Bcc:" in the speaker's name did not become a header.
    assert mail.rcpt_tos == ["analyst@example.org"]
    em = mail.message
    assert em["Bcc"] is None and em["X-Injected"] is None
    subject = em["Subject"]
    assert "\r" not in subject and "\n" not in subject and len(subject) <= 200
    raw_headers = mail.data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert not re.search(r"^(Bcc|X-Injected|Subject: fake)", raw_headers, re.M | re.I)

    body = mail.part("text/html")
    assert "<script" not in body.lower() and "<img" not in body.lower() and "<b>" not in body
    assert "&lt;script&gt;" in body and "&lt;!channel&gt;" in body
    assert "\x1b" not in body and "\u202e" not in body
    # The whole 10,000-character quote arrives in the text part (cleaned of control chars only).
    text = mail.part("text/plain")
    assert "\x1b" not in text
    assert text.count("<!channel>") >= msg.quote_text.count("<!channel>")


def test_inline_images_for_the_digest(smtp_server: SMTPServer, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings(SMTP_URL=smtp_server.url, ALERT_EMAIL_TO="a@example.org")
    mid = send_email(
        "Daily digest\r\nBcc: x@example.org",
        "Digest text",
        '<p>Digest</p><img src="cid:chart">',
        inline_images={"chart": PNG},
        settings=settings,
        idempotency_key="digest:2024-05-01",
    )
    [mail] = smtp_server.wait_for(1)
    em = mail.message
    assert em["Message-ID"] == mid
    assert em["Subject"] == "Daily digest Bcc: x@example.org"
    assert em.get_content_type() == "multipart/alternative"
    related = list(em.iter_parts())[1]
    assert related.get_content_type() == "multipart/related"
    parts = list(related.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/html", "image/png"]
    assert parts[1]["Content-ID"] == "<chart>"
    assert parts[1].get_content() == PNG


def test_dead_port_is_transient() -> None:
    ch = EmailChannel(f"smtp://127.0.0.1:{free_port()}", "a@example.org", "b@example.org")
    with pytest.raises(TransientError) as e:
        ch.send(make_alert())
    assert e.value.permanent is False and "refused" in str(e.value)


def test_silent_server_times_out_transient() -> None:
    with SilentServer() as silent:
        ch = EmailChannel(f"smtp://127.0.0.1:{silent.port}?timeout=0.3", "a@example.org", "b@example.org")
        with pytest.raises(TransientError, match="timed out"):
            ch.send(make_alert())


@pytest.mark.parametrize(
    ("reply", "permanent"),
    [("451 4.3.0 Try again later", False), ("452 4.3.1 Insufficient storage", False),
     ("554 5.7.1 Message rejected as spam", True), ("552 5.3.4 Message too big", True)],
)
def test_data_replies(smtp_server: SMTPServer, reply: str, permanent: bool) -> None:
    smtp_server.fail_next(1, reply)
    ch = channel(smtp_server)
    with pytest.raises(TransportError) as e:
        ch.send(make_alert())
    assert e.value.permanent is permanent
    assert reply.split()[0] in str(e.value)
    ch.send(make_alert())  # the next one goes through
    assert len(smtp_server.wait_for(1)) == 1


def test_bad_recipient_is_permanent(smtp_server: SMTPServer) -> None:
    smtp_server.reject_recipient("nobody@example.org")
    with pytest.raises(PermanentError, match="550"):
        channel(smtp_server, to="nobody@example.org").send(make_alert())


def test_greylisted_recipient_is_transient(smtp_server: SMTPServer) -> None:
    smtp_server.reject_recipient("grey@example.org", "450 4.2.0 Greylisted, come back later")
    with pytest.raises(TransientError, match="450"):
        channel(smtp_server, to="grey@example.org").send(make_alert())


def test_partly_refused_recipients_still_send_once(smtp_server: SMTPServer) -> None:
    smtp_server.reject_recipient("nobody@example.org")
    receipt = channel(smtp_server, to="nobody@example.org, analyst@example.org").send(make_alert())
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ["analyst@example.org"] and mail.message["Message-ID"] == receipt


def test_auth_good_and_bad() -> None:
    with SMTPServer(auth=("mp-user", "p@ss:w/rd")) as server:
        good = EmailChannel(f"smtp://mp-user:p%40ss%3Aw%2Frd@127.0.0.1:{server.port}", "a@example.org", "b@example.org")
        good.send(make_alert())
        [mail] = server.wait_for(1)
        assert mail.auth_user == "mp-user"
        bad = EmailChannel(f"smtp://mp-user:wrong@127.0.0.1:{server.port}", "a@example.org", "b@example.org")
        with pytest.raises(PermanentError) as e:
            bad.send(make_alert())
        assert "wrong" not in str(e.value)


def test_auth_unsupported_is_permanent(smtp_server: SMTPServer) -> None:
    ch = EmailChannel(f"smtp://u:p@127.0.0.1:{smtp_server.port}", "a@example.org", "b@example.org")
    with pytest.raises(PermanentError):
        ch.send(make_alert())


def test_starttls_unsupported_is_permanent(smtp_server: SMTPServer) -> None:
    ch = EmailChannel(f"smtp://127.0.0.1:{smtp_server.port}?starttls=1", "a@example.org", "b@example.org")
    with pytest.raises(PermanentError, match="STARTTLS|starttls"):
        ch.send(make_alert())


def test_parse_smtp_url() -> None:
    c = parse_smtp_url("smtp://mail.example.org")
    assert (c.host, c.port, c.implicit_tls, c.starttls, c.username) == ("mail.example.org", 25, False, False, None)
    c = parse_smtp_url("smtp://u%40x:p%2Fw@mail.example.org?starttls=1&timeout=5")
    assert (c.port, c.starttls, c.username, c.password, c.timeout) == (587, True, "u@x", "p/w", 5.0)
    assert "p/w" not in repr(c)
    c = parse_smtp_url("smtps://u:p@mail.example.org")
    assert (c.port, c.implicit_tls) == (465, True)
    for bad in ("http://mail.example.org", "smtp://", "smtp://h:notaport", "smtps://h?starttls=1"):
        with pytest.raises(ChannelConfigError):
            parse_smtp_url(bad)


def test_recipients() -> None:
    assert parse_recipients("a@x.org, Desk <b@x.org>,a@x.org,") == ["a@x.org", "b@x.org"]
    assert parse_recipients(["a@x.org"]) == ["a@x.org"]
    for bad in ("a@x.org\r\nBcc: c@x.org", "not-an-address"):
        with pytest.raises(ChannelConfigError):
            parse_recipients(bad)
    with pytest.raises(ChannelConfigError, match="no recipients"):
        EmailChannel("smtp://h", "a@x.org", None).send(make_alert())


def test_registry_builds_email_from_settings(smtp_server: SMTPServer, make_settings: Callable[..., Settings]) -> None:
    settings = make_settings(SMTP_URL=smtp_server.url, ALERT_EMAIL_TO="a@example.org", SMTP_FROM="mp@example.net")
    ch = get_channel("email", settings)
    assert ch.name == "email"
    receipt = ch.send(make_alert())
    [mail] = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ["a@example.org"] and receipt.endswith("@example.net>")


@pytest.mark.parametrize("mode", ["starttls", "implicit"])
def test_tls_with_auth(tmp_path: Path, mode: Literal["starttls", "implicit"]) -> None:
    files = make_tls_files(tmp_path / "tls")
    with SMTPServer(auth=("u", "pw"), tls=mode, tls_files=files) as server:
        url = server.url.replace("://", "://u:pw@", 1)
        assert url.startswith("smtps://" if mode == "implicit" else "smtp://")
        EmailChannel(url, "a@example.org", "b@example.org").send(make_alert())
        [mail] = server.wait_for(1)
        assert mail.auth_user == "u"


def test_untrusted_certificate_is_permanent(tmp_path: Path) -> None:
    files = make_tls_files(tmp_path / "tls")
    other = make_tls_files(tmp_path / "other")
    with SMTPServer(tls="starttls", tls_files=files) as server:
        url = server.url.replace(str(files.ca), str(other.ca))
        with pytest.raises(PermanentError, match="certificate"):
            EmailChannel(url, "a@example.org", "b@example.org").send(make_alert())
        with pytest.raises(ChannelConfigError, match="cafile"):
            EmailChannel(url.replace(str(other.ca), str(tmp_path / "missing.pem")), "a@example.org", "b@example.org").send(make_alert())


def test_auth_requires_tls_when_offered(tmp_path: Path) -> None:
    # A server that only allows AUTH after STARTTLS, and a URL that forgot starttls=1.
    with SMTPServer(auth=("u", "pw"), tls="starttls", tls_files=make_tls_files(tmp_path)) as server:
        with pytest.raises(PermanentError):
            EmailChannel(f"smtp://u:pw@127.0.0.1:{server.port}", "a@example.org", "b@example.org").send(make_alert())
