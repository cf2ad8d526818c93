"""Fundus-style parsers: a publisher is a registration plus dated parser versions.

A parser version is a class with CSS selectors as class attributes and optional method
overrides. Everything a version does not say comes from the generic chain, in this order:
per-source selectors, then JSON-LD, then meta tags, then htmldate (dates) / trafilatura (body).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cached_property
from typing import Any, ClassVar

from lxml.html import HtmlElement

from crawlers.parsers.text import css, join, norm, paragraphs, parse_date, text_of, zone

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "report", "scholarlyarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reportagenewsarticle", "backgroundnewsarticle", "liveblogposting", "techarticle",
}


@dataclass
class Parsed:
    """What a parser found on a page. None / empty = not found (the caller falls back)."""

    title: str | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    authors: list[str] = field(default_factory=list)
    body: str = ""
    lang: str | None = None
    parser: str = ""


@dataclass(frozen=True)
class Publisher:
    name: str  # registry key, e.g. "belta"
    title: str  # human name
    domains: tuple[str, ...]  # host suffixes: "kremlin.ru" covers en.kremlin.ru and www.kremlin.ru
    parsers: tuple[type[Parser], ...]  # oldest first
    country: str = "INT"
    tz: str | None = None  # IANA zone for naive page times (Minsk/Moscow: +03:00)
    languages: tuple[str, ...] = ("en",)
    kind: str = "state_media"

    def covers(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)


class Page:
    """One parsed document plus cached metadata lookups shared by the parser and fallbacks."""

    def __init__(self, doc: HtmlElement, html: str, url: str | None, publisher: Publisher | None = None):
        self.doc, self.html, self.url, self.publisher = doc, html, url, publisher

    @property
    def tz(self) -> tzinfo:
        return zone(self.publisher.tz if self.publisher else None)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.publisher.languages if self.publisher else ("en", "ru")

    def css(self, selectors: str | tuple[str, ...]) -> list[HtmlElement]:
        return css(self.doc, selectors)

    def first(self, selectors: str | tuple[str, ...]) -> HtmlElement | None:
        found = css(self.doc, selectors)
        return found[0] if found else None

    def meta(self, *keys: str) -> str | None:
        """content of the first meta[name|property|itemprop=key] that is not empty."""
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                for el in self.doc.iterfind(f".//meta[@{attr}='{key}']"):
                    value = norm(el.get("content"))
                    if value:
                        return value
        return None

    def date(self, value: str | None) -> datetime | None:
        return parse_date(value, self.tz, self.languages)

    @cached_property
    def json_ld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object on the page (graphs flattened), article types first."""
        objs: list[dict[str, Any]] = []

        def add(x: Any) -> None:
            if isinstance(x, list):
                for y in x:
                    add(y)
            elif isinstance(x, dict):
                objs.append(x)
                if "@graph" in x:
                    add(x["@graph"])

        for script in self.doc.iterfind(".//script[@type='application/ld+json']"):
            raw = (script.text or "").strip()
            if not raw:
                continue
            try:
                add(json.loads(raw, strict=False))
            except ValueError:
                try:  # common breakage: raw newlines/tabs or a trailing semicolon
                    add(json.loads(re.sub(r"[\x00-\x1f]+", " ", raw).rstrip(";"), strict=False))
                except ValueError:
                    continue

        def is_article(o: dict[str, Any]) -> bool:
            t = o.get("@type")
            types = t if isinstance(t, list) else [t]
            return any(isinstance(x, str) and x.lower() in ARTICLE_TYPES for x in types)

        return sorted(objs, key=lambda o: not is_article(o))

    def ld(self, key: str) -> Any:
        for o in self.json_ld:
            if o.get(key):
                return o[key]
        return None


class Parser:
    """One dated template of one publisher. Subclasses set selectors; methods may be overridden."""

    VERSION: ClassVar[str] = "V1"
    VALID_UNTIL: ClassVar[date | None] = None  # pages published before this date (None: still current)
    MARKERS: ClassVar[tuple[str, ...]] = ()  # CSS that identifies this template on a page
    TITLE: ClassVar[tuple[str, ...]] = ()
    PUBLISHED: ClassVar[tuple[str, ...]] = ()  # elements with [datetime] / [content] / text
    MODIFIED: ClassVar[tuple[str, ...]] = ()
    AUTHORS: ClassVar[tuple[str, ...]] = ()
    LEAD: ClassVar[tuple[str, ...]] = ()  # a standfirst outside the body container, kept as paragraph 1
    BODY: ClassVar[tuple[str, ...]] = ()  # the first match is the body container
    DROP: ClassVar[tuple[str, ...]] = ()  # removed inside the body
    STOP: ClassVar[tuple[str, ...]] = ()  # the body ends at the first match
    PARAGRAPHS: ClassVar[str | None] = None  # if set, only these elements inside BODY are paragraphs
    publisher: ClassVar[Publisher | None] = None

    @classmethod
    def name(cls) -> str:
        return f"{cls.publisher.name}.{cls.VERSION}" if cls.publisher else cls.__name__

    def matches(self, page: Page) -> bool:
        return bool(self.MARKERS) and page.first(self.MARKERS) is not None

    # -- fields --------------------------------------------------------------------------------
    def title(self, page: Page) -> str | None:
        el = page.first(self.TITLE) if self.TITLE else None
        return text_of(el) or None

    def published(self, page: Page) -> datetime | None:
        return self._date_from(page, self.PUBLISHED)

    def modified(self, page: Page) -> datetime | None:
        return self._date_from(page, self.MODIFIED)

    def authors(self, page: Page) -> list[str]:
        if not self.AUTHORS:
            return []
        names: list[str] = []
        for el in page.css(self.AUTHORS):
            names += split_authors(el.get("content") or el.get("title") or text_of(el))
        return dedupe(names)

    def body(self, page: Page) -> str:
        if not self.BODY:
            return ""
        container = page.first(self.BODY)
        if container is None:
            return ""
        lead = [text_of(el) for el in page.css(self.LEAD)] if self.LEAD else []
        if self.PARAGRAPHS:
            keep = container if not self.DROP else _without(container, self.DROP)
            paras = [text_of(p) for p in css(keep, self.PARAGRAPHS)]
            if self.STOP:
                stop_texts = {text_of(e) for e in css(container, self.STOP)}
                paras = _until(paras, stop_texts)
        else:
            paras = paragraphs(container, drop=self.DROP, stop=self.STOP)
        return join(lead + [p for p in paras if self.keep(p)])

    def keep(self, paragraph: str) -> bool:
        """Per-paragraph filter (subclasses drop "Read also:" lines and the like)."""
        return True

    def expects(self) -> tuple[str, ...]:
        """The fields this parser's own selectors (or methods) are meant to find: the ones whose
        absence on a page is drift (the site changed its layout), not a design choice."""
        cls, out = type(self), []
        for fld, selectors, method in (("title", self.TITLE, "title"), ("published_at", self.PUBLISHED, "published"),
                                       ("body", self.BODY, "body")):
            if selectors or getattr(cls, method) is not getattr(Parser, method) or cls.parse is not Parser.parse:
                out.append(fld)
        return tuple(out)

    def lang(self, page: Page) -> str | None:
        return None

    def parse(self, page: Page) -> Parsed:
        return Parsed(
            title=self.title(page),
            published_at=self.published(page),
            modified_at=self.modified(page),
            authors=self.authors(page),
            body=self.body(page),
            lang=self.lang(page),
            parser=self.name(),
        )

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _date_from(page: Page, selectors: tuple[str, ...]) -> datetime | None:
        for el in page.css(selectors) if selectors else []:
            for value in (el.get("datetime"), el.get("content"), el.get("data-date"), text_of(el)):
                dt = page.date(value)
                if dt:
                    return dt
        return None


def _without(el: HtmlElement, drop: tuple[str, ...]) -> HtmlElement:
    from copy import deepcopy

    el = deepcopy(el)
    for bad in css(el, drop):
        if bad is not el:
            bad.drop_tree()
    return el


def _until(paras: list[str], stops: set[str]) -> list[str]:
    out = []
    for p in paras:
        if p in stops:
            break
        out.append(p)
    return out


_BY = re.compile(r"^(by|автор[ы]?:?|текст:?)\s+", re.I)


def split_authors(value: Any) -> list[str]:
    """'By Jane Doe and John Roe' / ['Jane Doe', {'name': 'John Roe'}] -> ['Jane Doe', 'John Roe']."""
    if not value:
        return []
    if isinstance(value, dict):
        kind = value.get("@type")
        if kind in ("Organization", "NewsMediaOrganization", "Corporation") or (
                isinstance(kind, list) and "Organization" in kind):
            return []  # an agency byline ("TASS") is not an author
        return split_authors(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in split_authors(v)]
    s = norm(str(value))
    if not s or s.startswith(("http://", "https://")):
        return []
    s = _BY.sub("", s)
    parts = re.split(r"\s*(?:,|;|\band\b|&|\bи\b)\s*", s)
    return [p for p in (norm(x) for x in parts) if p and len(p) < 80]


def dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out
