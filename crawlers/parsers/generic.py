"""The generic chain: JSON-LD, meta tags, htmldate, trafilatura. Used for unknown sites and to
fill whatever a site parser did not find."""
from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from crawlers.parsers.base import Page, Parsed, Parser, dedupe, split_authors
from crawlers.parsers.text import join, norm, paragraphs, text_of

_SITE_SUFFIX = re.compile(r"\s+[|•·—–-]\s+[^|•·—–-]{2,60}$")


def title(page: Page) -> str | None:
    for value in (page.meta("og:title", "twitter:title"), _ld_str(page.ld("headline"))):
        if value:
            return value
    h1 = page.first("h1")
    if h1 is not None and text_of(h1):
        return text_of(h1)
    t = page.doc.find(".//title")
    if t is not None and norm(t.text_content()):
        return _SITE_SUFFIX.sub("", norm(t.text_content())) or None
    return None


def published(page: Page) -> datetime | None:
    for value in (
        _ld_str(page.ld("datePublished")),
        page.meta("article:published_time", "datePublished", "pubdate", "date", "dc.date",
                  "DC.date.issued", "mediator_published_time", "og:published_time"),
        _ld_str(page.ld("dateCreated")),
    ):
        dt = page.date(value)
        if dt:
            return dt
    for el in page.css(("time[itemprop=datePublished]", "time[pubdate]", "[itemprop=datePublished]")):
        dt = page.date(el.get("datetime") or el.get("content") or text_of(el))
        if dt:
            return dt
    return _htmldate(page, original=True)


def modified(page: Page) -> datetime | None:
    for value in (_ld_str(page.ld("dateModified")), page.meta("article:modified_time", "og:updated_time",
                                                              "dateModified")):
        dt = page.date(value)
        if dt:
            return dt
    return None


def authors(page: Page) -> list[str]:
    names = split_authors(page.ld("author"))
    if not names:
        for el in page.doc.iterfind(".//meta[@name='author']"):
            names += split_authors(el.get("content"))
        for el in page.doc.iterfind(".//meta[@property='article:author']"):
            names += split_authors(el.get("content"))
    if not names:
        for el in page.css(("[rel=author]", "[itemprop=author] [itemprop=name]")):
            if el.tag != "link":
                names += split_authors(text_of(el))
    return dedupe(names)


def _ld_str(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return str(value) if value else None


def _htmldate(page: Page, original: bool) -> datetime | None:
    try:
        from htmldate import find_date

        found = find_date(page.doc, extensive_search=False, original_date=original, url=page.url,
                          outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception:
        return None
    if not found:
        return None
    if found.endswith("T00:00:00"):
        found = found[:10]
    return page.date(found)


def trafilatura_body(page: Page) -> str:
    """trafilatura's main text (favouring precision), from the page without its furniture, in the
    body format (paragraphs, one blank line), without the boilerplate lines trafilatura keeps
    (crawlers/parsers/boilerplate.py)."""
    from copy import deepcopy

    import trafilatura

    from crawlers.parsers.boilerplate import clean_paragraphs, strip_furniture

    doc = deepcopy(page.doc)
    strip_furniture(doc)
    try:
        xml = trafilatura.extract(doc, url=page.url, output_format="xml", include_comments=False,
                                  include_tables=True, include_images=False, include_formatting=False,
                                  include_links=False, deduplicate=False, with_metadata=False, favor_precision=True)
    except Exception:
        return ""
    if not xml:
        return ""
    try:
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return ""
    if root is None:
        return ""
    main = root.find("main")
    paras = paragraphs(main if main is not None else root)
    return join(clean_paragraphs(paras, title(page)))


_BE = re.compile(r"[ўі]", re.I)
_CYR = re.compile(r"[а-яёўі]", re.I)
_LAT = re.compile(r"[a-z]", re.I)


def detect_lang(text: str) -> str | None:
    sample = text[:4000]
    cyr, lat = len(_CYR.findall(sample)), len(_LAT.findall(sample))
    if cyr + lat < 20:
        return None
    if cyr > lat:
        be, ru_only = len(_BE.findall(sample)), len(re.findall(r"[иъщ]", sample, re.I))
        return "be" if be > ru_only else "ru"
    return "en"


def declared_lang(page: Page) -> str | None:
    html = page.doc if page.doc.tag == "html" else page.doc.find(".//html")
    for value in (
        html.get("lang") if html is not None else None,
        page.meta("inLanguage", "og:locale", "language"),
        _ld_str(page.ld("inLanguage")),
    ):
        if value and re.match(r"^[a-zA-Z]{2}", value.strip()):
            return value.strip()[:2].lower()
    return None


class GenericParser(Parser):
    """Any site: metadata chain plus trafilatura."""

    VERSION = "generic"

    @classmethod
    def name(cls) -> str:
        return "trafilatura"

    def parse(self, page: Page) -> Parsed:
        return Parsed(title=title(page), published_at=published(page), modified_at=modified(page),
                      authors=authors(page), body=trafilatura_body(page), parser=self.name())
