"""Logging: readable lines by default, JSON with MOUTHPIECE_LOG_FORMAT=json, secrets redacted."""
from __future__ import annotations

import logging
import re
import sys
from urllib.parse import urlsplit

from config.settings import Settings, get_settings


def secrets(settings: Settings | None = None) -> list[str]:
    """The secret strings that must never reach a log line or `status`: passwords in URLs,
    webhook URLs as a whole (the URL is the credential), Apprise URLs."""
    s = settings or get_settings()
    out: list[str] = []
    for url in (s.database_url, s.broker_url, s.smtp_url):
        if url:
            pw = urlsplit(url).password
            if pw:
                out.append(pw)
    if s.slack_webhook_url:
        out.append(s.slack_webhook_url)
        path = urlsplit(s.slack_webhook_url).path
        if len(path) > 8:
            out.append(path)
    for u in re.split(r"[,\s]+", s.apprise_urls or ""):
        if u:
            out.append(u)
    return sorted({x for x in out if len(x) >= 4}, key=len, reverse=True)


_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")


def scrub(text: str, known: list[str]) -> str:
    """Replace each known secret, and any password in a URL, with ***."""
    for secret in known:
        text = text.replace(secret, "***")
    return _URL_PASSWORD.sub(r"\1***@", text)


def redact(text: str, settings: Settings | None = None) -> str:
    return scrub(text, secrets(settings))


class RedactFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._secrets = secrets()

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = scrub(msg, self._secrets)
        if clean != msg:
            record.msg, record.args = clean, None
        return True


def configure(level: str = "INFO", fmt: str | None = None) -> None:
    """Set up the root logger once: JSON or text, with the redaction filter on every handler."""
    fmt = (fmt or get_settings().log_format).lower()
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        from pythonjsonlogger.json import JsonFormatter

        handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(processName)s %(message)s",
                                           rename_fields={"asctime": "time", "levelname": "level",
                                                          "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter())
    # the handler filters too: a library that sets its own logger to DEBUG (Scrapy does, when a
    # crawl starts) must not print below the level asked for
    handler.setLevel(level.upper() if isinstance(level, str) else level)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
