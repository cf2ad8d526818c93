"""Scrapy's view of the project: one spider per configured source, named by its id.

With it, Scrapy's own commands work inside the project (scrapy.cfg points here through
`crawlers.project_settings`): `scrapy list` lists the sources of sources.yaml (or
`MOUTHPIECE_CONFIG_DIR`'s), `scrapy crawl SOURCE` crawls one and records it like the worker
does, `scrapy parse URL` runs a page through the source's article parser, `scrapy shell URL`
opens it with the source's settings."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider

from config.sources import Source, load_sources
from crawlers.run import source_overrides, spider_for


def spider_class(source: Source) -> type[Spider]:
    """The source's spider: its id as the name, its politeness entries as custom settings."""
    base = spider_for(source)
    hosts = sorted({urlsplit(u).hostname or "" for u in source.start_urls} - {""})

    def __init__(self: Any, source_id: str | None = None, **kw: Any) -> None:
        base.__init__(self, source_id or source.id, **kw)

    return type(source.id, (base,), {
        "name": source.id, "hosts": hosts, "custom_settings": source_overrides(source), "__init__": __init__,
        "__doc__": f"{source.name}: {', '.join(d.type for d in source.discovery)}",
    })


class SourceSpiderLoader:
    """Implements Scrapy's SpiderLoaderProtocol over sources.yaml."""

    def __init__(self, sources: list[Source]) -> None:
        self._sources = {s.id: s for s in sources}

    @classmethod
    def from_settings(cls, settings: Any) -> SourceSpiderLoader:
        return cls(load_sources())

    def list(self) -> list[str]:
        return sorted(self._sources)

    def load(self, spider_name: str) -> type[Spider]:
        source = self._sources.get(spider_name)
        if source is None:
            raise KeyError(f"Spider not found: {spider_name} (the sources are: {', '.join(self.list())})")
        return spider_class(source)

    def find_by_request(self, request: Request) -> list[str]:  # type: ignore[valid-type]
        """The sources whose start URLs are on the request's host (or a parent domain)."""
        host = (urlsplit(request.url).hostname or "").lower()
        out = []
        for sid, source in self._sources.items():
            for url in source.start_urls:
                h = (urlsplit(url).hostname or "").lower().removeprefix("www.")
                if h and (host == h or host.endswith("." + h) or host.removeprefix("www.") == h):
                    out.append(sid)
                    break
        return out
