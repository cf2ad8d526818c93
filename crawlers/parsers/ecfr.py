"""ecfr.eu (European Council on Foreign Relations) commentary/analysis. WordPress-style pages:
tag/type listings `/post_tag/<tag>/type/<type>/page/N/` (SELECTORS.md). V1: `h1`, JSON-LD/meta
dates, authors from `div.article-authors a`, body `div.article-content` / `div.entry-content`.
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(The European Council on Foreign Relations does not take collective positions|"
                    r"Sign up|Subscribe to)", re.I)


class V1(Parser):
    TITLE = ("h1.article-title", "h1")
    AUTHORS = ("div.article-authors a.author-name", "div.article-authors a")
    BODY = ("div.article-content", "div.entry-content")
    DROP = ("div.newsletter", "div.share", "aside", "div.author-box")
    STOP = ("div.author-box",)

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register("ecfr", "European Council on Foreign Relations", ["ecfr.eu"], [V1], country="INT",
                     tz="Europe/Berlin", kind="think_tank")
