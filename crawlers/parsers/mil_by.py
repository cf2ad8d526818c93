"""mil.by (Ministry of Defence of Belarus). Minsk time.

No scraper or saved page of mil.by was found (SELECTORS.md), so V1 claims only what is generic:
`[itemprop=articleBody]` / `article .text` containers and metadata; otherwise the generic chain
(JSON-LD, meta, htmldate) and trafilatura take over. Check against a real page before trusting it.
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(Поделиться|Share|Фото|Photo|Версия для печати)\b", re.I)


class V1(Parser):
    TITLE = ("article h1", "h1")
    PUBLISHED = ("article time[datetime]", "meta[property='article:published_time']")
    BODY = ("[itemprop=articleBody]", "article div.text", "article div.news-text")
    DROP = ("div.share", "div.gallery", "div.tags")
    STOP = ("div.tags", "div.share")

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register(
    "mil_by", "Ministry of Defence of Belarus (mil.by)", ["mil.by"], [V1],
    country="BY", tz="Europe/Minsk", languages=("ru", "en", "be"),
)
