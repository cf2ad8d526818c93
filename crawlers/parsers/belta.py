"""eng.belta.by / belta.by (BelTA, Belarusian state news agency). Minsk time (+03:00).

Evidence (SELECTORS.md): RC by_belta.py (2026), the belta_presidential_appointments spider (2026)
and the riskweb media_belta spider (2021).
V1 (until 2022): ru rubric pages, body `div.text p`, date `div.date_full` ("08 января 2021, 19:51").
V2 (2022-): body `div.js-mediator-article` (en) / `div[itemprop=articleBody]` (ru), ISO date in
`meta[name=mediator_published_time]`; the body is cut at the messenger invite / tags block.
BelTA reports speech in the third person with quoted passages (“...,” the head of state said).
"""
from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(Read also|Читайте также|Подписывайтесь|Subscribe to|Follow us|Фото|Photo|Video)\b"
                    r"|^(BelTA|БЕЛТА)\s*$", re.I)


class V1(Parser):
    VALID_UNTIL: ClassVar[date | None] = date(2022, 1, 1)
    MARKERS: ClassVar[tuple[str, ...]] = ("div.news_body div.text",)
    TITLE = ("h1",)
    PUBLISHED = ("meta[name=mediator_published_time]", "div.date_full", "div.date")
    AUTHORS = ("div.person_fio[title]",)
    BODY = ("div.news_body div.text", "div.text")
    DROP: ClassVar[tuple[str, ...]] = ("div.video_add", "div.news_tags_block", "div.invite_in_messagers", "div.news_img", "script")
    STOP: ClassVar[tuple[str, ...]] = ("div.news_tags_block", "div.news_tags", "div.invite_in_messagers")

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


class V2(V1):
    VERSION = "V2"
    VALID_UNTIL = None
    MARKERS = ("div.js-mediator-article", "div.news_text_block [itemprop=articleBody]")
    BODY = ("div.js-mediator-article", "div[itemprop=articleBody]")
    DROP = V1.DROP + ("div.clear", "div.news_tags", "div.advertising", "div.read_also")
    STOP = ("div.invite_in_messagers", "div.news_tags", "div.news_tags_block", "div.clear")


PUBLISHER = register(
    "belta", "BelTA (Belarusian Telegraph Agency)", ["belta.by", "eng.belta.by"], [V1, V2],
    country="BY", tz="Europe/Minsk", languages=("en", "ru"),
)
