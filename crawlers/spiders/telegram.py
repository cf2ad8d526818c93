"""Telegram channels, read from their public web preview https://t.me/s/<channel>.

A poll is one request: the preview lists the newest 20 posts. Every post newer than the highest
post id stored for the channel (the source's cursor) becomes an article at
https://t.me/<channel>/<id>; an older post that carries the "edited" mark is upserted again, so
its article follows the edit (unchanged text is a no-op). When more than a page of posts came
out since the last poll, the spider pages back with ?before=<id> until it meets the cursor.

Backfill (`--since DATE`) pages back the same way and stops at the first post older than DATE;
that post and everything older are left alone.

The cursor only moves when every post up to it was stored: a page that failed (HTTP error,
unknown layout) or a post that could not be stored leaves it where it was, so the next poll
fetches them again and nothing is lost. A first page without posts, or with a layout the parser
does not know, fails the crawl run with the reason.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.parsers.generic import detect_lang
from crawlers.parsers.telegram import LayoutError, Post, parse_channel
from crawlers.spiders.base import SourceSpider
from storage.articles import seen_urls
from storage.db import session_scope

CATCH_UP_PAGES = 25  # pages a poll may go back to meet the cursor (500 posts since the last poll)
BACKFILL_PAGES = 2000  # pages a --since backfill may go back (40,000 posts)


class TelegramSpider(SourceSpider):
    name = "telegram"

    def __init__(self, source_id: str, since: str | None = None, config_path: str | None = None,
                 **kw: Any) -> None:
        super().__init__(source_id, since, config_path, **kw)
        self.root = self.source.start_urls[0]
        last = self.cursor.get("last_id")
        self.last_id: int | None = int(last) if isinstance(last, int) else None
        self.pages_done = 0
        self.skipped_media = 0
        self.edited_seen = 0
        self.stored_max: int | None = None  # highest post id handed to the pipeline
        self.failed_posts: list[int] = []
        self.complete = False  # the pages fetched reach down to the cursor (or to --since)
        self.newest: datetime | None = None
        self.oldest: datetime | None = None

    # -- requests ------------------------------------------------------------------------------
    def start_requests(self) -> Iterator[scrapy.Request]:
        yield self.page_request(None)

    def page_request(self, before: int | None) -> scrapy.Request:
        url = self.root + (("&" if "?" in self.root else "?") + f"before={before}" if before else "")
        return self.discovery_request(url, self.parse_page, root=self.root, conditional=False, before=before)

    # -- pages ---------------------------------------------------------------------------------
    def parse_page(self, response: Response) -> Iterator[Any]:
        self.pages_done += 1
        self.article_done = self.pages_done
        first = response.meta.get("before") is None
        try:
            page = parse_channel(response.body, channel=self.source.channel)
        except LayoutError as e:
            self.page_failed(response.url, str(e))
            return
        if first:
            self.discovery_ok.add(self.root)
        new_skipped = [i for i in page.skipped if self.last_id is None or i > self.last_id]
        self.skipped_media += len(new_skipped)
        stop_at_since = False
        candidates: list[Post] = []
        for post in sorted(page.posts, key=lambda p: p.id, reverse=True):  # newest first
            if post.published_at is not None:
                self.newest = max(self.newest or post.published_at, post.published_at)
                self.oldest = min(self.oldest or post.published_at, post.published_at)
            if self.too_old(post.published_at):
                stop_at_since = True  # the first post older than --since: stop here, cleanly
                break
            candidates.append(post)
        self.articles_found += len(candidates)
        yield from self.items_for(candidates)
        ids = page.ids
        oldest_id = ids[0] if ids else None
        reached_cursor = self.last_id is not None and oldest_id is not None and oldest_id <= self.last_id
        if stop_at_since or page.before is None or (not self.since and (self.last_id is None or reached_cursor)):
            self.complete = True
            self.logger.info("%s: %d page(s) read, stopped: %s", self.source.id, self.pages_done,
                             "older than --since" if stop_at_since else
                             "start of the channel" if page.before is None else "reached the last stored post")
            return
        limit = BACKFILL_PAGES if self.since else CATCH_UP_PAGES
        if self.discovery_requests >= limit:
            self.logger.warning("%s: stopped after %d pages (limit); older posts are left for the next crawl",
                                self.source.id, self.discovery_requests)
            return
        yield self.page_request(page.before)

    def items_for(self, posts: list[Post]) -> Iterator[dict[str, Any]]:
        """New posts, and stored ones that were edited since (the upsert keeps unchanged text as is)."""
        with session_scope() as s:
            stored = seen_urls(s, [p.url for p in posts], source_id=self.source.id)
        for post in posts:
            new = post.url not in stored
            if not new and not post.edited:
                self.skipped_seen += 1
                continue
            if not new:
                self.edited_seen += 1
            self.stored_max = max(self.stored_max or post.id, post.id)
            yield self.item(post)

    def item(self, post: Post) -> dict[str, Any]:
        return {
            "source_id": self.source.id,
            "canonical_url": post.url,
            "urls": [post.url],
            "title": post.title,
            "body": post.text,
            "published_at": post.published_at,
            "modified_at": None,
            "authors": [post.author] if post.author else [],
            "lang": detect_lang(post.text) or (self.source.languages[0] if self.source.languages else None),
            "extra": {"telegram": post.meta()},
            "_via": self.root,
            "_found_url": post.url,
            "_post_id": post.id,
        }

    # -- failures ------------------------------------------------------------------------------
    def page_failed(self, url: str, why: str) -> None:
        self.failed.append(url)
        self.discovery_failed.append(f"{url} ({why})")
        self.logger.error("%s: channel page %s unreadable: %s; nothing stored from it", self.source.id, url, why)

    def article_failed(self, response: Response | None, why: str, *, url: str | None = None,
                       permanent: bool = False, via: str | None = None) -> None:
        post_id = (url or "").rstrip("/").rpartition("/")[2]
        if post_id.isdigit():
            self.failed_posts.append(int(post_id))
        super().article_failed(response, why, url=url, permanent=permanent, via=via)

    # -- what run.py saves ---------------------------------------------------------------------
    def next_cursor(self) -> dict[str, Any] | None:
        """{"last_id": N}: the highest post id below which everything is stored, or None to keep
        the old cursor (a page failed before the fetched pages met it)."""
        if not self.complete:
            return None
        top = max(x for x in (self.last_id, self.stored_max) if x is not None) if (
            self.last_id is not None or self.stored_max is not None) else None
        if top is None:
            return None
        if self.failed_posts:
            top = min(top, min(self.failed_posts) - 1)
            if self.last_id is not None:
                top = max(top, self.last_id)
        return {"last_id": top}

    def progress(self) -> dict[str, Any]:
        """Pages for the CLI's bar; with --since the total is estimated from the dates covered."""
        total = self.discovery_requests
        note = ""
        if self.since and self.newest and self.oldest and self.newest > self.oldest and not self.complete:
            covered = (self.newest - self.oldest).total_seconds()
            wanted = (self.newest - self.since).total_seconds()
            total = max(total, math.ceil(self.pages_done * wanted / covered))
        if self.oldest:
            note = f"back to {self.oldest:%Y-%m-%d %H:%M}"
        if self.complete:
            total = self.pages_done
        return {"requested": total, "done": self.pages_done, "note": note}
