"""kremlin.ru / en.kremlin.ru (President of Russia). Same template and numeric ids on both hosts.

V1: the "read__" template (checked against real 2016-2020 pages in ../shared/fixtures/real/kremlin;
RC's 2026 collector still uses the same selectors). Transcripts keep the bold speaker label at the
start of the paragraph ("President of the Republic of Belarus Alexander Lukashenko: ...",
"В.Путин: ..."); the nested person tooltip and every .masha-ignore block (photo slider, "See also",
tags, publication status) are dropped.
"""
from __future__ import annotations

import re
from datetime import datetime

from crawlers.parsers.base import Page, Parser
from crawlers.parsers.registry import register
from crawlers.parsers.text import text_of


class V1(Parser):
    MARKERS = ("div.read__meta", "time.read__published")
    TITLE = ("h1.entry-title", "h1[itemprop=name]", "h1")
    LEAD = ("div.read__lead",)
    BODY = ("div[itemprop=articleBody]", "div.read__internal_content", "div.entry-content")
    DROP = (".masha-ignore", ".read__tooltip", "span.tooltip_person", "div.read__cut", "div.slider",
            "div.read__bottommeta", "div.read__tags", "div.read__status", "div.read__share")
    STOP = ("div.read__bottommeta", "div.read__bottom")

    def published(self, page: Page) -> datetime | None:
        el = page.first(("time.read__published", "div.read__meta time[datetime]"))
        if el is None:
            return None
        day = el.get("datetime") or text_of(el)
        clock = text_of(page.first("div.read__meta div.read__time"))
        if re.fullmatch(r"\d{1,2}:\d{2}", clock) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or ""):
            return page.date(f"{day}T{clock.zfill(5)}:00")
        return page.date(day)

    def modified(self, page: Page) -> datetime | None:
        # <div class="read__updated">Last updated at <time datetime="2019-02-15">February 15, 2019, 19:28</time>
        el = page.first(("div.read__updated time",))
        if el is None:
            return None
        return page.date(text_of(el)) or page.date(el.get("datetime"))

    def lang(self, page: Page) -> str | None:
        host = (page.url or "").split("//")[-1]
        return "en" if host.startswith("en.") else None

    def keep(self, paragraph: str) -> bool:
        return paragraph not in ("<…>", "<...>")


PUBLISHER = register(
    "kremlin", "President of Russia (kremlin.ru)", ["kremlin.ru", "en.kremlin.ru"], [V1],
    country="RU", tz="Europe/Moscow", languages=("en", "ru"),
)
