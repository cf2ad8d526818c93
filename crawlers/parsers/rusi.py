"""rusi.org (Royal United Services Institute) commentary. London.

Only the URL shape is on record (`/explore-our-research/publications/commentary/<slug>`), so V1
reads metadata first (JSON-LD, og/article meta) and takes the body from the `article` rich-text
container, dropping the author bio and "further reading" blocks; trafilatura otherwise.
"""
from __future__ import annotations

import re

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register

_NOISE = re.compile(r"^(The views expressed in this Commentary|Have an idea for a Commentary|WRITTEN BY|"
                    r"Further Reading|Footnotes)", re.I)


class V1(Parser):
    TITLE = ("h1",)
    AUTHORS = ("div.author-card__name", "a.author-card__name")
    BODY = ("div.rich-text", "article div.body", "[itemprop=articleBody]")
    DROP = ("div.author-bio", "aside", "div.further-reading", "div.newsletter-signup")
    STOP = ("div.further-reading", "div.author-bio")

    def keep(self, paragraph: str) -> bool:
        return not _NOISE.search(paragraph)


PUBLISHER = register("rusi", "RUSI", ["rusi.org"], [V1], country="GB", tz="Europe/London", kind="think_tank")
