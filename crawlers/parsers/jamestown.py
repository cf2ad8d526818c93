"""jamestown.org (Jamestown Foundation, Eurasia Daily Monitor; WordPress). V1: `h1`, meta/JSON-LD
date, authors from the byline `a[rel=author]` / `div.author-name`, body `div.entry-content`
without the share row, "Related" block and the author bio.
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(Share this|Related|Subscribe to Eurasia Daily Monitor|Eurasia Daily Monitor Volume:)", re.I)


class V1(Parser):
    TITLE = ("h1.entry-title", "h1")
    AUTHORS = ("div.byline a[rel=author]", "div.author-name")
    BODY = ("div.entry-content",)
    DROP = ("div.sharedaddy", "div.jp-relatedposts", "div.author-bio", "div.share")
    STOP = ("div.jp-relatedposts", "div.author-bio")

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register("jamestown", "Jamestown Foundation", ["jamestown.org"], [V1], country="US",
                     tz="America/New_York", kind="think_tank")
