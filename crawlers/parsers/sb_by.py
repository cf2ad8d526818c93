"""sb.by (SB. Belarus Segodnya, the presidential administration's daily). Minsk time.

V1 (tsimafeip/SB-belarus sb_scraper.py, 2021-22): metadata in the data attributes of
`div.item-ajax.article-accord` (`data-title-h1`, `data-title`, `data-id`); dates are ISO with offset;
tags in `div.tags-list`. The body container class is not recorded there: V1 tries
`[itemprop=articleBody]` and `div.article-text` inside the article block, then trafilatura.
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Page, Parser
from crawlers.parsers.registry import register
from crawlers.parsers.text import norm

_NOISE = re.compile(r"^(Читайте также|Read also|Подписывайтесь|Фото:|Photo:)", re.I)


class V1(Parser):
    MARKERS = ("div.item-ajax.article-accord",)
    TITLE = ("h1",)
    PUBLISHED = ("div.item-ajax time[datetime]", "meta[property='article:published_time']")
    AUTHORS = ("div.item-ajax div.author-name", "div.item-ajax a.author-name")
    BODY = ("div.item-ajax [itemprop=articleBody]", "div.item-ajax div.article-text", "[itemprop=articleBody]")
    DROP = ("div.tags-list", "div.article-read-also", "div.share", "div.banner")
    STOP = ("div.tags-list",)

    def title(self, page: Page) -> str | None:
        block = page.first(("div.item-ajax.article-accord", "div.item-ajax"))
        if block is not None:
            value = norm(block.get("data-title-h1") or block.get("data-title"))
            if value:
                return value
        return super().title(page)

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register(
    "sb_by", "SB. Belarus Segodnya (sb.by)", ["sb.by"], [V1],
    country="BY", tz="Europe/Minsk", languages=("ru", "en"),
)
