"""tass.com (EN) / tass.ru (RU). Moscow time. Three dated templates (SELECTORS.md: RC ru_tass_ru.py,
lobsterbush scrape_tass.py, older scrapers):

V1 (until 2021): `div.b-material-text__l.js-mediator-article > p`, date `span.b-material__date`
        (the 2018 World Cup design used `div.article__text > p`).
V2 (2021-2024): JSON-LD NewsArticle (headline, datePublished, sometimes articleBody), body `div.text-block p`.
V3 (2025-): Next.js, `p[class^=Paragraph_paragraph]`, stop at the paragraph starting "©"; the date is
        also in the escaped payload `\\"datePublished\\":\\"2026-08-16T00:02:03+03:00\\"`.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import ClassVar

from crawlers.parsers.base import Page, Parser
from crawlers.parsers.registry import register
from crawlers.parsers.text import css, join, text_of

_COPY = re.compile(r"^©")


class V1(Parser):
    VALID_UNTIL = date(2021, 1, 1)
    MARKERS: ClassVar[tuple[str, ...]] = ("div.b-material-text__l", "div.article__text")
    TITLE = ("h1.b-material__title", "h1")
    PUBLISHED: ClassVar[tuple[str, ...]] = ("span.b-material__date", "time[datetime]")
    BODY: ClassVar[tuple[str, ...]] = ("div.b-material-text__l.js-mediator-article", "div.b-material-text__l", "div.article__text")
    PARAGRAPHS = "p"

    def keep(self, paragraph: str) -> bool:
        return not _COPY.match(paragraph)


class V2(V1):
    VERSION = "V2"
    VALID_UNTIL = date(2025, 1, 1)
    MARKERS = ("div.text-block",)
    TITLE = ("h1.news-header__title", "h1")
    PUBLISHED = ()  # JSON-LD datePublished (generic chain)
    BODY = ("div.text-block",)


_PAYLOAD_DATE = re.compile(r'\\?"datePublished\\?"\s*:\s*\\?"([0-9T:+\-.Z]{10,35})\\?"')


class V3(Parser):
    VERSION = "V3"
    MARKERS = ("p[class^=Paragraph_paragraph]",)
    TITLE = ("h1[class^=NewsHeader_title]", "h1")

    def published(self, page: Page) -> datetime | None:
        value = page.ld("datePublished")
        if not value:
            m = _PAYLOAD_DATE.search(page.html)
            value = m.group(1) if m else None
        return page.date(value if isinstance(value, str) else None)

    def body(self, page: Page) -> str:
        out: list[str] = []
        for p in css(page.doc, "p[class^=Paragraph_paragraph]"):
            text = text_of(p)
            if _COPY.match(text):
                break
            out.append(text)
        return join(out)


PUBLISHER = register(
    "tass", "TASS (tass.com / tass.ru)", ["tass.com", "tass.ru"], [V1, V2, V3],
    country="RU", tz="Europe/Moscow", languages=("en", "ru"),
)
