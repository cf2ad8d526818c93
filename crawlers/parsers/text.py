"""HTML -> body text, and date strings -> tz-aware datetimes. Shared by every parser.

Body format (the quote extractor depends on it): plain text, one paragraph per block element,
paragraphs separated by exactly one blank line, inline whitespace collapsed to one space.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from lxml import etree
from lxml.html import HtmlElement

# elements that start and end a paragraph (HTML, plus trafilatura's XML output tags)
BLOCK = frozenset(
    "p div section article main header footer aside li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote "
    "pre table thead tbody tr td th caption address center details summary hr body html "
    "doc head item list quote row cell lb".split()
)
# elements whose content is never body text
SKIP = frozenset(
    "script style noscript template iframe svg button form input select textarea nav figure "
    "figcaption img video audio object embed canvas map picture source meta link title".split()
)
_WS = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def norm(text: str | None) -> str:
    """Collapse every run of whitespace (incl. NBSP, thin spaces) to one space; drop soft hyphens."""
    if not text:
        return ""
    return _WS.sub(" ", _INVISIBLE.sub("", text)).strip()


def css(root: HtmlElement, selectors: str | Iterable[str]) -> list[HtmlElement]:
    """All elements matching any selector, in document order, without duplicates."""
    if isinstance(selectors, str):
        selectors = (selectors,)
    found: dict[int, HtmlElement] = {}
    for sel in selectors:
        for el in _compiled(sel)(root):
            found.setdefault(id(el), el)
    if len(found) < 2:
        return list(found.values())
    order = {id(el): i for i, el in enumerate(root.iter())}
    return sorted(found.values(), key=lambda el: order.get(id(el), 0))


@lru_cache(maxsize=512)
def _compiled(selector: str) -> etree.XPath:
    from cssselect import HTMLTranslator

    return etree.XPath(HTMLTranslator().css_to_xpath(selector))


def text_of(el: HtmlElement | None, drop: Iterable[str] = ()) -> str:
    """The element's text on one line (drop: selectors removed first, on a copy)."""
    if el is None:
        return ""
    if drop:
        el = _pruned(el, drop)
    return norm(" ".join(paragraphs(el)))


def _pruned(el: HtmlElement, drop: Iterable[str]) -> HtmlElement:
    from copy import deepcopy

    el = deepcopy(el)
    for bad in css(el, tuple(drop)):
        if bad is not el:
            bad.drop_tree()
    return el


def paragraphs(
    root: HtmlElement,
    drop: Iterable[str] = (),
    stop: Iterable[str] = (),
    keep_figures: bool = False,
) -> list[str]:
    """Walk `root` and return its paragraphs: text of each block, inline markup flattened.

    drop: selectors whose elements (and their text) are left out.
    stop: selectors; the walk ends at the first matching element (in document order).
    """
    # keep the element proxies alive while their ids are used (lxml recycles proxies)
    drop_els = css(root, tuple(drop)) if drop else []
    stop_els = css(root, tuple(stop)) if stop else []
    dropped = {id(e) for e in drop_els}
    stops = {id(e) for e in stop_els}
    skip = SKIP - {"figure", "figcaption"} if keep_figures else SKIP
    out: list[str] = []
    buf: list[str] = []
    stopped = False

    def flush() -> None:
        t = norm("".join(buf))
        buf.clear()
        if t:
            out.append(t)

    def walk(el: HtmlElement) -> None:
        nonlocal stopped
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment / processing instruction: only its tail counts (added by the parent)
            return
        if id(el) in stops:
            stopped = True
            return
        tag = tag.lower().rpartition("}")[2]
        if tag in skip or id(el) in dropped:
            return
        block = tag in BLOCK
        if block or tag == "br":
            flush()
            if tag in ("br", "lb", "hr"):
                return
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if stopped:
                return
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    del drop_els, stop_els
    return out


def join(paras: Iterable[str]) -> str:
    return "\n\n".join(p for p in (norm(x) for x in paras) if p)


# --------------------------------------------------------------------------------------- dates

TZ_BY_COUNTRY = {"RU": "Europe/Moscow", "BY": "Europe/Minsk", "UA": "Europe/Kyiv", "PL": "Europe/Warsaw"}


@lru_cache(maxsize=32)
def zone(name: str | None) -> tzinfo:
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except Exception:  # no tz database: Minsk and Moscow have been +03:00 since 2014
        return UTC if name == "UTC" else timezone(timedelta(hours=3))


_ISO_HINT = re.compile(r"^\d{4}-?\d{2}-?\d{2}")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def parse_date(value: str | None, tz: str | tzinfo | None = None, languages: Iterable[str] = ("en", "ru")) -> datetime | None:
    """ISO 8601 or a human date ("17 марта 2018 года", "February 15, 2019, 19:28") -> aware datetime.

    A naive result gets the publisher's zone (Minsk/Moscow for BY/RU sources, else UTC).
    """
    s = norm(value)
    if not s or len(s) > 80 or _TIME_ONLY.match(s):
        return None
    zinfo = tz if isinstance(tz, tzinfo) else zone(tz)
    dt: datetime | None = None
    if _ISO_HINT.match(s):
        iso = s.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", s) else s
        try:
            dt = datetime.fromisoformat(iso)
        except ValueError:
            dt = None
    if dt is None:
        dt = _dateparser(s, tuple(dict.fromkeys((*languages, "en", "ru"))))
    if dt is None or not (1990 <= dt.year <= 2100):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zinfo)
    return dt


def _dateparser(s: str, languages: tuple[str, ...]) -> datetime | None:
    import dateparser

    s = re.sub(r"\s+(года|г\.)(?=[\s,]|$)", "", s)
    langs = [lang for lang in languages if lang in ("en", "ru", "be", "pl", "uk")]
    try:
        return dateparser.parse(
            s,
            languages=langs or None,
            settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False, "REQUIRE_PARTS": ["year"]},
        )
    except Exception:
        return None


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None
