"""Scrapy settings: polite by default (robots.txt, 1 req/s per domain, AutoThrottle,
an identifiable User-Agent) and bounded (size, time, redirects)."""
from __future__ import annotations

from typing import Any

from config.settings import get_settings


def scrapy_settings(**overrides: Any) -> dict[str, Any]:
    s = get_settings()
    settings: dict[str, Any] = {
        "BOT_NAME": "mouthpiece",
        "SPIDER_MODULES": ["crawlers.spiders"],
        "USER_AGENT": f"Mouthpiece/0.1 (+https://github.com/mouthpiece; {s.contact})",
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": 1.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": 30,
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 2 * 1024 * 1024,
        "REDIRECT_MAX_TIMES": 5,
        "RETRY_TIMES": 2,
        "COOKIES_ENABLED": False,
        # Scrapy's telnet console, its remote-control HTTP server and the file:// / data:
        # handlers are attack surface we never use.
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "s3": None, "ftp": None},
        "ITEM_PIPELINES": {"crawlers.pipelines.ArticlePipeline": 300},
        "LOG_LEVEL": "INFO",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }
    settings.update(overrides)
    return settings
