"""chathamhouse.org (Chatham House, Drupal). V1: `h1`, meta/JSON-LD dates, authors from
`div.person-teaser__name` in the byline, body `div.wysiwyg` inside the article, without the
"Related content" and "Further reading" blocks.
"""
from __future__ import annotations

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register


class V1(Parser):
    TITLE = ("h1.hero__title", "h1")
    PUBLISHED = ("div.hero__meta time[datetime]",)
    AUTHORS = ("div.byline div.person-teaser__name",)
    BODY = ("article div.wysiwyg", "div.wysiwyg")
    DROP = ("div.related-content", "div.further-reading", "aside")
    STOP = ("div.related-content",)


PUBLISHER = register("chathamhouse", "Chatham House", ["chathamhouse.org"], [V1], country="GB",
                     tz="Europe/London", kind="think_tank")
