"""ria.ru (RIA Novosti). Moscow time. Server-rendered, so trafilatura is the fallback.

V1: `h1.article__title` (or `div.article__title`), `meta[property=article:published_time]`
(RIA writes it as `20240312T1435+0300`) / `div.article__info-date a`, text blocks
`div.article__text` and quote blocks `div.article__quote-text` inside `div.article__body`.
Rubric and tags are in `window.dataLayer.push({'page_tags': ...})` (SELECTORS.md).
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(Читайте также|Подписывайтесь|Смотрите также)", re.I)


class V1(Parser):
    MARKERS = ("div.article__body",)
    TITLE = ("h1.article__title", "div.article__title", "h1")
    PUBLISHED = ("meta[property='article:published_time']", "div.article__info-date a")
    MODIFIED = ("meta[property='article:modified_time']",)
    AUTHORS = ("div.article__author-name",)
    BODY = ("div.article__body",)
    PARAGRAPHS = "div.article__text, div.article__quote-text, h3.article__h2, div.article__list-item"

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register(
    "ria", "RIA Novosti (ria.ru)", ["ria.ru"], [V1], country="RU", tz="Europe/Moscow", languages=("ru",),
)
