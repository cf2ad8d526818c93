"""president.gov.by (Official website of the President of the Republic of Belarus). Minsk time.

V1 is the 2026 layout recorded by RC by_president.py: `<h1>`, JSON-LD `datePublished`, body
`section.page-details__content` up to `ul.tag-list`; tags (`.tag-list__it a`: "Speeches",
"Commentaries") tell a speech from a statement. The 2018 layout is only known from its home
page (`div.bm_s_item` listing blocks), not from an article page, so no parser claims it.
"""
from __future__ import annotations

import re
from datetime import datetime

from crawlers.parsers.base import Page, Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(Share|Поделиться|Print|Версия для печати|Photo:|Фото:)", re.I)


class V1(Parser):
    MARKERS = ("section.page-details__content",)
    TITLE = ("h1.page-details__title", "h1")
    PUBLISHED = ("div.page-details__date time[datetime]",)
    BODY = ("section.page-details__content",)
    DROP = ("ul.tag-list", "div.page-details__share", "div.page-details__gallery", "div.share")
    STOP = ("ul.tag-list",)

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)

    def published(self, page: Page) -> datetime | None:
        # the layout's date is JSON-LD `datePublished` (RC by_president.py); a dated element is
        # a fallback: a page with neither is drift
        ld = page.ld("datePublished")
        return page.date(ld if isinstance(ld, str) else None) or super().published(page)


PUBLISHER = register(
    "president_gov_by", "President of the Republic of Belarus (president.gov.by)", ["president.gov.by"], [V1],
    country="BY", tz="Europe/Minsk", languages=("en", "ru", "be"),
)
