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
        # whole-download bounds (MOUTHPIECE_DOWNLOAD_TIMEOUT, MOUTHPIECE_MAX_PAGE_MB): a body
        # past the size is cancelled as it streams, a response still arriving after the time too
        "DOWNLOAD_TIMEOUT": s.download_timeout,
        "DOWNLOAD_MAXSIZE": int(s.max_page_mb * 1024 * 1024),
        "DOWNLOAD_WARNSIZE": int(min(2.0, s.max_page_mb) * 1024 * 1024),
        "REDIRECT_MAX_TIMES": 5,
        "RETRY_TIMES": 2,
        # 429 and 503 are retried by PolitenessMiddleware, which honours Retry-After
        "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
        "DOWNLOADER_MIDDLEWARES": {
            "crawlers.middlewares.AddressGuardMiddleware": 60,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawlers.middlewares.PolitenessMiddleware": 100,
        },
        # connect-time check of every resolved address (DNS rebinding); see crawlers/security.py
        "TWISTED_DNS_RESOLVER": "crawlers.security.GuardedResolver",
        # private host:port pairs one crawl may reach (a source's allow_private); the legacy
        # MOUTHPIECE_ALLOW_PRIVATE=true (Scrapy's command line on a fixture site) means the
        # spider's source's own discovery host:port pairs
        "MOUTHPIECE_PRIVATE_ENDPOINTS": [],
        "MOUTHPIECE_ALLOW_PRIVATE": False,
        "ROBOTSTXT_PARSER": "scrapy.robotstxt.ProtegoRobotParser",
        "ROBOTS_CACHE_HOURS": 24,
        "MOUTHPIECE_MAX_CRAWL_DELAY": 60,
        "MOUTHPIECE_MAX_RETRY_AFTER": 600,
        "MOUTHPIECE_RETRY_AFTER_TIMES": 3,
        "MOUTHPIECE_BACKOFF_BASE": 5.0,
        "MOUTHPIECE_BLOCK_AFTER_403": 3,
        "DOWNLOAD_FAIL_ON_DATALOSS": True,
        "METAREFRESH_ENABLED": True,
        "REDIRECT_ENABLED": True,
        "COOKIES_ENABLED": False,
        # Scrapy's telnet console, its remote-control HTTP server and the file:// / data:
        # handlers are attack surface we never use.
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "s3": None, "ftp": None},
        "DNSCACHE_ENABLED": True,
        "ITEM_PIPELINES": {"crawlers.pipelines.ArticlePipeline": 300},
        # one CrawlRun row per crawl of a source (crawlers/extensions.py)
        "EXTENSIONS": {"crawlers.extensions.CrawlRunRecorder": 500},
        "MOUTHPIECE_CRAWL_RUNS": True,
        "LOG_LEVEL": "INFO",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }
    settings.update(overrides)
    return settings
