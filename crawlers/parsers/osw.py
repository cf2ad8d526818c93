"""osw.waw.pl (Centre for Eastern Studies, Warsaw; Drupal). Analyses at
/en/publikacje/analyses/YYYY-MM-DD/<slug> and /en/publikacje/osw-commentary/... (SELECTORS.md).
V1: `h1`, date from `span.date-display-single[content]` or the URL, authors from
`div.field-name-field-autorzy a`, body `div.field-name-body`, lead `div.field-name-field-lead` kept.
"""
from __future__ import annotations

import re
from datetime import datetime

from crawlers.parsers.base import Page, Parser
from crawlers.parsers.registry import register

_URL_DATE = re.compile(r"/publikacje/[^/]+/(\d{4}-\d{2}-\d{2})/")


class V1(Parser):
    TITLE = ("h1.page-title", "h1")
    PUBLISHED = ("span.date-display-single",)
    AUTHORS = ("div.field-name-field-autorzy a",)
    LEAD = ("div.field-name-field-lead",)
    BODY = ("div.field-name-body",)
    DROP = ("div.share", "div.print")

    def published(self, page: Page) -> datetime | None:
        found = super().published(page)
        if found is None and page.url:
            m = _URL_DATE.search(page.url)
            found = page.date(m.group(1)) if m else None
        return found


PUBLISHER = register("osw", "Centre for Eastern Studies (OSW)", ["osw.waw.pl"], [V1], country="PL",
                     tz="Europe/Warsaw", languages=("en", "pl"), kind="think_tank")
