"""Publisher registration and parser lookup (by URL domain, then page markers / date)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from urllib.parse import urlsplit

from crawlers.parsers.base import Page, Parser, Publisher

PUBLISHERS: dict[str, Publisher] = {}


def register(
    name: str,
    title: str,
    domains: Sequence[str],
    parsers: Sequence[type[Parser]],
    *,
    country: str = "INT",
    tz: str | None = None,
    languages: Sequence[str] = ("en",),
    kind: str = "state_media",
) -> Publisher:
    """Declare a publisher: its domains, zone, languages and parser versions (oldest first)."""
    if name in PUBLISHERS:
        raise ValueError(f"publisher {name!r} registered twice")
    pub = Publisher(name, title, tuple(d.lower() for d in domains), tuple(parsers), country, tz,
                    tuple(languages), kind)
    for cls in parsers:
        if cls.publisher is not None and cls.publisher.name != name:
            raise ValueError(f"{cls.__name__} already belongs to {cls.publisher.name}")
        cls.publisher = pub
    PUBLISHERS[name] = pub
    return pub


def publisher_for(url: str | None) -> Publisher | None:
    """The publisher whose domain is the longest suffix of the URL's host."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    best: Publisher | None = None
    best_len = -1
    for pub in PUBLISHERS.values():
        for d in pub.domains:
            if (host == d or host.endswith("." + d)) and len(d) > best_len:
                best, best_len = pub, len(d)
    return best


def _version_for(pub: Publisher, page: Page | None, when: date | None) -> type[Parser]:
    versions = list(pub.parsers)
    if page is not None:
        for cls in reversed(versions):  # newest template whose markers are on the page
            if cls.MARKERS and cls().matches(page):
                return cls
    if when is None and page is not None and len(versions) > 1:
        from crawlers.parsers import generic

        found = generic.published(page)
        when = found.date() if found else None
    if when is not None:
        for cls in versions:  # oldest version still valid at the page's date
            if cls.VALID_UNTIL is None or when < cls.VALID_UNTIL:
                return cls
    return versions[-1]


def parser_for(url: str | None, page: Page | None = None, when: date | datetime | None = None,
               name: str | None = None) -> Parser:
    """The parser for a URL: the publisher by domain, the version by page markers, else by the
    page date (VALID_UNTIL), else the newest. Unknown domains get the generic trafilatura parser.

    name: a registered publisher name (Source.parser) that overrides the domain lookup;
    "generic"/"trafilatura" forces the generic parser.
    """
    from crawlers.parsers.generic import GenericParser

    if name in ("generic", "trafilatura"):
        return GenericParser()
    pub = PUBLISHERS.get(name.split(".")[0]) if name else None
    if name and pub is None:
        raise KeyError(f"no parser named {name!r}; known: {', '.join(sorted(PUBLISHERS))}")
    if pub is not None and name and "." in name:
        version = name.split(".", 1)[1]
        for cls in pub.parsers:
            if cls.VERSION == version:
                return cls()
        raise KeyError(f"publisher {pub.name!r} has no version {version!r}")
    pub = pub or publisher_for(url)
    if pub is None:
        return GenericParser()
    if isinstance(when, datetime):
        when = when.date()
    return _version_for(pub, page, when)()


def publishers() -> list[Publisher]:
    return list(PUBLISHERS.values())
