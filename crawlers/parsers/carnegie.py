"""carnegieendowment.org (Carnegie Endowment; Russia Eurasia Politika, Emissary).

V1 (2023-): the page embeds a JSON metadata block (`"authors"`, `"type"`, `"centers"`, `"programs"`,
`"regions"`, `"topics"`) in its text (SELECTORS.md, FIX carnegie_posts excerpt); authors come from
it first. Body: `div.post-body` / `[itemprop=articleBody]`, minus the "about the author" box.
"""
from __future__ import annotations

import json
import re

from crawlers.parsers.base import Page, Parser, dedupe, split_authors
from crawlers.parsers.registry import register

_META_BLOCK = re.compile(r'"authors"\s*:\s*(\[[^\]]*\])')
_NOISE = re.compile(r"^(Carnegie does not take institutional positions|About the Author|"
                    r"Read More|More Work From)", re.I)


class V1(Parser):
    TITLE = ("h1.post-title", "h1")
    PUBLISHED = ("div.post-date time[datetime]",)
    AUTHORS = ("div.post-authors a.post-author",)
    BODY = ("div.post-body", "[itemprop=articleBody]")
    DROP = ("div.about-author", "aside", "div.related")
    STOP = ("div.about-author",)

    def authors(self, page: Page) -> list[str]:
        m = _META_BLOCK.search(page.html)
        if m:
            try:
                names = split_authors(json.loads(m.group(1)))
            except ValueError:
                names = []
            if names:
                return dedupe(names)
        return super().authors(page)

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register("carnegie", "Carnegie Endowment for International Peace", ["carnegieendowment.org"], [V1],
                     country="US", tz="America/New_York", kind="think_tank")
