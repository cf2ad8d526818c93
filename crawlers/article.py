"""One HTML page in, one Article out: title, dates, authors, language, canonical URL, body text.

    extract_article(html, url=None, *, source=None, headers=None) -> Article
    decode_html(body, headers=None, declared=None) -> str

The body is plain text, one paragraph per block, paragraphs separated by exactly one blank line
("\\n\\n"), inline whitespace collapsed, no markup and no navigation. Kremlin transcripts keep
their bold speaker labels at the start of a paragraph ("Vladimir Putin: ...").

The parser is picked by the URL's domain (crawlers/parsers); whatever it does not find comes
from JSON-LD, meta tags, htmldate and trafilatura, in that order.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, time
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from crawlers.parsers import Page, Parsed, parser_for, publisher_for
from crawlers.parsers import generic as chain
from crawlers.parsers.text import TZ_BY_COUNTRY, iso, norm

__all__ = [
    "Article", "BlockedPageError", "ExtractionError", "NotHTMLError",
    "Decoded", "canonical_url", "decode_html", "decode_page", "extract_article",
]


class ExtractionError(ValueError):
    """The input cannot give an article (empty, unparseable)."""


class NotHTMLError(ExtractionError):
    """The input is not an HTML page (PDF, image, JSON, a feed or sitemap, binary)."""


class BlockedPageError(ExtractionError):
    """A bot wall / WAF page instead of the article ("Web Page Blocked", servicepipe)."""


@dataclass
class Article:
    url: str | None
    canonical_url: str | None
    title: str | None
    published_at: datetime | None  # tz-aware
    modified_at: datetime | None
    authors: list[str] = field(default_factory=list)
    lang: str | None = None
    body: str = ""
    parser: str = ""
    decode_warning: str | None = None  # the bytes needed repair (decode_page)
    # fields the site parser was meant to find and did not, filled from the generic extractor
    # instead (the site changed its layout: parser drift); not part of the `article` contract
    drift: list[str] = field(default_factory=list)

    def to_contract(self, file: str | None = None) -> dict[str, Any]:
        """The `mouthpiece article --format jsonl` object (DESIGN.md)."""
        return {
            "file": file,
            "url": self.canonical_url or self.url,
            "title": self.title,
            "published_at": iso(self.published_at),
            "authors": list(self.authors),
            "lang": self.lang,
            "body": self.body,
            "decode_warning": self.decode_warning,
        }

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published_at"], d["modified_at"] = iso(self.published_at), iso(self.modified_at)
        return d


# ------------------------------------------------------------------------------------ decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.I)
_WEAK = {"iso8859-1", "cp1252", "ascii"}  # what servers say by default; Cyrillic bytes override it


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _content_type(headers: Any) -> str | None:
    """Content-Type from a dict, Scrapy Headers, list of pairs, or a bare content-type string."""
    if headers is None:
        return None
    if isinstance(headers, bytes):
        return headers.decode("latin-1")
    if isinstance(headers, str):
        return headers
    items = headers.items() if isinstance(headers, Mapping) or hasattr(headers, "items") else headers
    for k, v in items:
        key = k.decode("latin-1") if isinstance(k, bytes) else str(k)
        if key.lower() == "content-type":
            if isinstance(v, list | tuple):
                v = v[0] if v else b""
            return v.decode("latin-1") if isinstance(v, bytes) else str(v)
    return None


def _sniff_cyrillic(body: bytes) -> str:
    """Undeclared, not UTF-8: windows-1251 vs KOI8-R vs windows-1252.

    Russian/Belarusian text is mostly lower case: cp1251 puts lower-case letters in 0xE0-0xFF,
    KOI8-R in 0xC0-0xDF. Latin-1 text has few high bytes and those are mostly accented letters
    next to ASCII letters.
    """
    high = [b for b in body if b >= 0x80]
    if not high:
        return "ascii"
    letters = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8, 0xA1, 0xA2, 0xB2, 0xB3))
    if letters / len(high) < 0.6:
        return "cp1252"
    words = re.findall(rb"[\xc0-\xff]{3,}", body)
    if len(words) < 2:
        return "cp1252"
    low_1251 = sum(1 for w in words for b in w if b >= 0xE0)
    low_koi = sum(1 for w in words for b in w if 0xC0 <= b < 0xE0)
    return "cp1251" if low_1251 >= low_koi else "koi8-r"


# invalid sequences among the non-ASCII characters of a page read as UTF-8: up to this share it
# is UTF-8 with a few stray bytes (repaired); above it, another encoding (guessed again). Text in
# a single-byte code page hardly ever forms a valid UTF-8 sequence, so its share is near 1.
MAX_BAD_RATE = 0.2


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # what was repaired, e.g. "2 invalid UTF-8 byte sequences replaced"


def _utf8_repaired(body: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (a bad copy-paste, a page cut mid-character) is still UTF-8:
    decode it with U+FFFD for each bad sequence, and say so. None when the bytes are clean
    UTF-8 (the caller decodes them) or so broken that they are some other encoding."""
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))  # U+FFFD already there is no error
    if bad == 0:
        return None
    good = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    if good == 0 or bad / (bad + good) > MAX_BAD_RATE:
        return None
    return Decoded(text, "utf-8", f"{bad} invalid UTF-8 byte sequence{'s' if bad != 1 else ''} replaced (U+FFFD)")


def decode_html(body: bytes, headers: Any = None, declared: str | None = None) -> str:
    """Bytes -> text (decode_page without the report)."""
    return decode_page(body, headers, declared).text


def decode_page(body: bytes | str, headers: Any = None, declared: str | None = None) -> Decoded:
    """Bytes -> text, and how. Order: `declared` (the source config, for sites that lie), BOM,
    HTTP charset, <meta charset>/<?xml encoding?>, then a UTF-8 / windows-1251 / KOI8-R / cp1252
    heuristic. A declared UTF-8 with a few invalid sequences (under MAX_BAD_RATE of its
    non-ASCII bytes) is decoded as UTF-8 with replacement and a warning, never re-guessed as a
    single-byte code page (which made "Лукашенко" into "Ð›ÑƒÐºÐ°ÑˆÐµÐ½ÐºÐ¾"); one that does not
    decode at all, or a default-ish Latin-1 on bytes that look Cyrillic, falls through to the
    next candidate.
    """
    if isinstance(body, str):
        return Decoded(body, "str")
    body = bytes(body)
    for bom, bom_enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                         (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return _replaced(body[len(bom):], bom_enc)
    ct = _content_type(headers)
    head = body[:4096]
    meta = _META_CHARSET.search(head) or _XML_DECL.search(head)
    candidates = [
        _codec(declared),
        _codec(m.group(1)) if ct and (m := _CT_CHARSET.search(ct)) else None,
        _codec(meta.group(1)) if meta else None,
    ]
    sniffed: str | None = None
    for enc in candidates:
        if not enc:
            continue
        if enc == "utf-8":
            try:
                return Decoded(body.decode("utf-8"), "utf-8")
            except UnicodeDecodeError:
                repaired = _utf8_repaired(body)
                if repaired is not None:
                    return repaired
                continue
        if enc in _WEAK:
            sniffed = sniffed or _sniff(body)
            if sniffed in ("cp1251", "koi8-r", "utf-8"):
                return _replaced(body, sniffed)
        return _replaced(body, enc)
    sniffed = sniffed or _sniff(body)
    return _replaced(body, sniffed)


def _replaced(body: bytes, enc: str) -> Decoded:
    """Decode with replacement; a warning when something had to be replaced."""
    if enc == "utf-8":
        try:
            return Decoded(body.decode("utf-8"), enc)
        except UnicodeDecodeError:
            repaired = _utf8_repaired(body)
            if repaired is not None:
                return repaired
    text = body.decode(enc, "replace")
    n = text.count("\ufffd")  # single-byte code pages cannot hold U+FFFD: each is a replacement
    if enc.startswith("utf-"):
        n -= body.decode(enc, "ignore").count("\ufffd")
    if n > 0:
        return Decoded(text, enc, f"{n} byte sequence{'s' if n != 1 else ''} invalid in {enc} replaced (U+FFFD)")
    return Decoded(text, enc)


def _sniff(body: bytes) -> str:
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        # a page cut mid-character (truncated download), or a few stray bytes, is still UTF-8
        if e.start >= len(body) - 3 and e.reason == "unexpected end of data":
            return "utf-8"
        if _utf8_repaired(body) is not None:
            return "utf-8"
    return _sniff_cyrillic(body)


# --------------------------------------------------------------------------------- validation

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF",
                 b"\x00\x00\x01\x00", b"OggS", b"ID3", b"\xd0\xcf\x11\xe0")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/octet-stream",
               "text/xml", "application/xml")
_FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
                        r"<(rss|feed|urlset|sitemapindex|rdf:RDF)\b", re.S | re.I)
_BLOCKED = ("Web Page Blocked", "servicepipe.ru", "window.servicepipe", "Attention Required! | Cloudflare",
            "Just a moment...</title>")


def _check_bytes(raw: bytes, content_type: str | None) -> None:
    if not raw.strip():
        raise ExtractionError("empty document")
    if raw.lstrip()[:4].startswith(_BINARY_MAGIC) or raw[:4] in _BINARY_MAGIC:
        raise NotHTMLError(f"not HTML: binary content ({raw[:8]!r}...)")
    if content_type:
        mime = content_type.split(";")[0].strip().lower()
        if mime and not mime.startswith(_HTML_TYPES) and not mime.endswith(("+xml", "/html")):
            raise NotHTMLError(f"not HTML: Content-Type {mime}")


# control characters other than tab, newline, form feed and carriage return (a regex: counting
# them character by character in Python cost more than a millisecond a page)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _check_text(text: str) -> None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ExtractionError("empty document")
    sample = stripped[:2048]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise NotHTMLError("not HTML: binary content")
    if stripped[0] in "{[" and "<" not in sample:
        raise NotHTMLError("not HTML: looks like JSON")
    m = _FEED_ROOT.match(sample)
    if m:
        raise NotHTMLError(f"not HTML: a <{m.group(1)}> document (feed or sitemap), not an article page")
    if "<" not in sample and "<" not in stripped[:65536]:
        raise NotHTMLError("not HTML: no markup")
    head = stripped[:200000]
    if any(b in head for b in _BLOCKED) and len(stripped) < 40000:
        raise BlockedPageError("bot wall / WAF page instead of the article")


def _parse(text: str) -> lxml.html.HtmlElement:
    # lxml refuses str input with an encoding declaration; strip it.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        doc = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(recover=True, huge_tree=True,
                                                                              remove_comments=True))
    except (etree.ParserError, ValueError) as e:
        raise ExtractionError(f"unparseable HTML: {e}") from None
    if doc is None:
        raise ExtractionError("unparseable HTML")
    return doc


MAX_NESTING = 250  # element depth: real article pages stay under ~60; text extraction fails past ~256


def nesting_depth(doc: Any) -> int:
    """How deep the element tree goes (one pass, no recursion)."""
    depth = deepest = 0
    for event, _el in etree.iterwalk(doc, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


# what a reader never sees, yet text extraction would take for the body: <template> contents,
# the `hidden` attribute, inline display:none / visibility:hidden
_INVISIBLE = etree.XPath(
    "//template | //body//*[@hidden] | "
    "//body//*[contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'display:none')]"
    " | //body//*[contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'),"
    " 'visibility:hidden')]")


def drop_invisible(doc: Any) -> int:
    """Remove invisible elements (their tail text stays); how many were removed."""
    n = 0
    for el in _INVISIBLE(doc):
        if el.getparent() is not None:
            el.drop_tree()
            n += 1
    return n


# ---------------------------------------------------------------------------------- canonical

def _clean(url: str) -> str:
    try:
        from courlan import normalize_url

        return str(normalize_url(url, strict=True))
    except Exception:
        return url


def canonical_url(page: Page, url: str | None) -> str | None:
    """rel=canonical if absolute and on http(s); og:url when canonical is relative or odd (wget
    mirrors rewrite it to "59844.html"); else the fetch URL. Tracking parameters are stripped."""
    canon = None
    link = page.doc.find(".//link[@rel='canonical']")
    href = norm(link.get("href")) if link is not None else ""
    og = page.meta("og:url") or ""
    if href.startswith(("http://", "https://")) and urlsplit(href).hostname:
        canon = href
    elif og.startswith(("http://", "https://")):
        canon = og
    elif href and url:
        canon = urljoin(url, href)
    canon = canon or url
    return _clean(canon) if canon else None


# ------------------------------------------------------------------------------------ extract

def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    source: Any = None,
    headers: Mapping[str, Any] | Any | None = None,
    encoding: str | None = None,
) -> Article:
    """Extract one article. `source` (config.sources.Source) may name a parser, an encoding
    override and a country (for the time zone of naive times); `encoding` overrides both the
page's declaration and the source's. Raises NotHTMLError for PDFs,
    images, feeds and other non-pages, BlockedPageError for WAF pages, ExtractionError when empty."""
    warning = None
    if isinstance(html, bytes | bytearray | memoryview):
        raw = bytes(html)
        _check_bytes(raw, _content_type(headers))
        decoded = decode_page(raw, headers, declared=encoding or getattr(source, "encoding", None))
        text, warning = decoded.text, decoded.warning
    elif isinstance(html, str):
        text = html
    else:
        raise TypeError(f"extract_article wants str or bytes, not {type(html).__name__}")
    _check_text(text)
    doc = _parse(text)
    depth = nesting_depth(doc)
    if depth > MAX_NESTING:  # lxml and trafilatura give up silently on such trees: say so
        raise ExtractionError(f"elements nested {depth} levels deep (more than {MAX_NESTING}): "
                              "not an article page, its text is not extracted")
    if drop_invisible(doc):  # every parser, trafilatura included, reads the cleaned page
        text = lxml.html.tostring(doc, encoding="unicode")

    page = Page(doc, text, url, None)
    if not url:
        og = page.meta("og:url")
        page.url = url = og if og and og.startswith("http") else None
    pub = publisher_for(url)
    if pub is None and getattr(source, "parser", None) and source.parser not in ("generic", "trafilatura"):
        from crawlers.parsers.registry import PUBLISHERS

        pub = PUBLISHERS.get(source.parser.split(".")[0])
    page.publisher = pub
    if pub is None and getattr(source, "country", None) in TZ_BY_COUNTRY:
        from crawlers.parsers.base import Publisher

        page.publisher = Publisher("source", str(getattr(source, "name", "source")), (), (),
                                   source.country, TZ_BY_COUNTRY[source.country],
                                   tuple(getattr(source, "languages", None) or ("en",)))

    parser = parser_for(url, page, name=getattr(source, "parser", None))
    parsed = parser.parse(page)
    missed = _missed(parser, parsed)
    _fill(parsed, page)
    # drift: what the site parser missed on a page the generic extractor can read
    drift = [f for f in missed if getattr(parsed, f)]

    lang = parsed.lang or chain.declared_lang(page)
    detected = chain.detect_lang(parsed.body or parsed.title or "")
    if detected and (lang is None or (lang in ("en", "ru", "be") and detected != lang and detected != "en"
                                      and lang == "en")):
        lang = detected
    return Article(
        url=url,
        canonical_url=canonical_url(page, url),
        title=parsed.title,
        published_at=parsed.published_at,
        modified_at=parsed.modified_at,
        authors=parsed.authors,
        lang=lang,
        body=parsed.body,
        parser=parsed.parser,
        decode_warning=warning,
        drift=drift,
    )


DRIFT_FIELDS = ("title", "published_at", "body")


def _missed(parser: Any, parsed: Parsed) -> list[str]:
    """The fields a site parser is meant to find (its selectors) that it found nothing for. The
    generic parser has no selectors to drift from."""
    if isinstance(parser, chain.GenericParser) or not hasattr(parser, "expects"):
        return []
    want = parser.expects()
    return [f for f in DRIFT_FIELDS if f in want and not getattr(parsed, f)]


def _fill(parsed: Parsed, page: Page) -> None:
    """Fill what the site parser missed from the generic chain."""
    if not parsed.title:
        parsed.title = chain.title(page)
    if parsed.published_at is None:
        parsed.published_at = chain.published(page)
    elif parsed.published_at.time() == time(0, 0):  # a date-only selector: take the time from metadata
        better = chain.published(page)
        if better and better.time() != time(0, 0) and better.date() == parsed.published_at.date():
            parsed.published_at = better
    if parsed.modified_at is None:
        parsed.modified_at = chain.modified(page)
    if not parsed.authors and parsed.parser != "trafilatura":
        parsed.authors = chain.authors(page)
    if not parsed.body and parsed.parser != "trafilatura":
        parsed.body = chain.trafilatura_body(page)
        parsed.parser += "+trafilatura"
    if parsed.title and parsed.body:  # trafilatura keeps the headline: it is the title, not body
        first, _, rest = parsed.body.partition("\n\n")
        if first == parsed.title and rest:
            parsed.body = rest
