"""mfa.gov.by (Ministry of Foreign Affairs of Belarus). Pages are windows-1251 (decode_html).

V1 (RC by_mfa.py, 2026): `<h1>`, date `span.date._big` ("12 March 2024" / "12 марта 2024"),
the body follows the date up to the print link `<a href="/print/...">` or
`div.content-page__social`.
"""
from __future__ import annotations

from crawlers.parsers.base import Parser
from crawlers.parsers.registry import register


class V1(Parser):
    MARKERS = ("span.date._big",)
    TITLE = ("div.content-page h1", "h1")
    PUBLISHED = ("span.date._big", "span.date")
    BODY = ("div.content-page", "main")
    DROP = ("h1", "span.date", "div.breadcrumbs", "ul.breadcrumbs", "div.content-page__gallery")
    STOP = ("a[href^='/print/']", "div.content-page__social", "div.print")


PUBLISHER = register(
    "mfa_gov_by", "Ministry of Foreign Affairs of Belarus (mfa.gov.by)", ["mfa.gov.by"], [V1],
    country="BY", tz="Europe/Minsk", languages=("en", "ru"),
)
