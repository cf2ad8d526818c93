"""The configured sources moved onto the project's fixture sites (tests/sites/<source>/, served
on 127.0.0.1 by mouthpiece.sites.FixtureSite): used by the crawl tests and bench/crawl.py."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from config.loader import config_path

# where the real discovery URL's file lives in a fixture site (feeds get a file extension there)
ALIASES = {"/events/president/news/feed": "/events/president/news/feed.atom",
           "/events/president/transcripts/feed": "/events/president/transcripts/feed.atom",
           "/rss": "/rss.xml", "/rss.html": "/rss.xml", "/rss/v2.xml": "/rss.xml", "/feed/": "/feed.xml"}
# on 127.0.0.1 the parser cannot be picked by domain: name it
PUBLISHER = {"kremlin_en": "kremlin", "kremlin_ru": "kremlin", "belta_en": "belta", "belta_ru": "belta",
             "tass_en": "tass", "tass_ru": "tass"}


def site_has(root: Path, path: str) -> bool:
    f = root / path.lstrip("/")
    return f.is_file() or (f / "index.html").is_file()


def local_source(source: dict[str, Any], root: Path, base: str) -> dict[str, Any]:
    """The configured source re-hosted on `base`: discovery URLs the fixture site has a file for
    (the others dropped), the parser by name, 127.0.0.1 allowed, no delay."""
    src = dict(source)
    if source.get("kind") == "telegram":  # the channel preview served by mouthpiece.telegram_site
        src.update(preview_url=f"{base}/s/{source['channel']}", allow_private=True, download_delay=0)
        return src
    disc = []
    for d in source["discovery"]:
        path = urlsplit(d["url"]).path or "/"
        path = path if site_has(root, path) else ALIASES.get(path, path)
        if site_has(root, path):
            disc.append({**d, "url": base + path, "follow": None})
    if not disc:  # the fixture site models a feed the config does not list
        for feed in ("/rss.xml", "/feed.xml"):
            if site_has(root, feed):
                disc.append({"type": "feed", "url": base + feed})
    src.update(discovery=disc, allow_private=True, download_delay=0,
               parser=source.get("parser") or PUBLISHER.get(source["id"], source["id"]))
    return src


def configured_sources(path: str | Path | None = None) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(Path(path or config_path("sources.yaml")).read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["sources"]}


def write_sources(cfg_dir: Path, sources: list[dict[str, Any]]) -> None:
    cfg_dir.mkdir(parents=True, exist_ok=True)
    (cfg_dir / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True),
                                          encoding="utf-8")
    from config.loader import clear_cache

    clear_cache()
