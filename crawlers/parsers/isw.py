"""understandingwar.org (Institute for the Study of War). Daily "Russian Offensive Campaign
Assessment" at /research/russia-ukraine/russian-offensive-campaign-assessment-<month>-<d>-<yyyy>/
(2026; older: /backgrounder/...). Fixed section headings (Toplines, Key Takeaways, ...,
Significant Activity in Belarus) are kept as paragraphs for segmentation; the numbered endnotes
(`[N] url ; url`) are cut. V1: `h1`, meta/JSON-LD date, authors from the byline
("Authors: A, B, and C"), body `div.field-name-body` / `div.entry-content`.
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Page, Parser, dedupe, split_authors
from crawlers.parsers.registry import register
from crawlers.parsers.text import text_of

_ENDNOTE = re.compile(r"^\[\d+\]\s*(https?://|www\.)")


class V1(Parser):
    TITLE = ("h1.page-title", "h1")
    BODY = ("div.field-name-body", "div.entry-content", "article div.content")
    DROP = ("div.share", "div.newsletter", "div.byline")
    STOP = ("div.endnotes", "hr.endnotes")

    def authors(self, page: Page) -> list[str]:
        el = page.first(("div.byline", "p.byline"))
        text = re.sub(r"^(Authors?|By):?\s*", "", text_of(el), flags=re.I)
        names = split_authors(re.sub(r",?\s+and\s+", ", ", text))
        return dedupe(names)

    def keep(self, paragraph: str) -> bool:
        return not _ENDNOTE.match(paragraph)


PUBLISHER = register("isw", "Institute for the Study of War", ["understandingwar.org", "criticalthreats.org"],
                     [V1], country="US", tz="America/New_York", kind="think_tank")
