"""A stand-in for t.me on 127.0.0.1: a channel's web preview, rendered from a list of posts.

    site = FixtureSite(SITES_DIR / "pul_1").start()
    ch = TelegramChannel.load(SITES_DIR / "pul_1" / "channel.yaml")
    ch.mount(site)                    # serves /s/pul_1 and /s/pul_1?before=<id>
    ch.add("«...», — заявил Глава государства.")   # the feed grows between crawls
    ch.edit(1003, "new text")                     # an edited post (marked "edited")

Pages carry the real preview's markup (crawlers/parsers/telegram.py reads it): the newest
PAGE_SIZE posts older than `before`, oldest first, a `tme_messages_more` link to page back,
the bubble tail SVG, emoji as `i.emoji > b`, forwarded-from, signature, views, the edited mark.
Used by the crawl tests, bench/crawl.py and `mouthpiece demo`.
"""
from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

PAGE_SIZE = 20
_EMOJI = re.compile(r"(?:[\U0001F1E6-\U0001F1FF]{2}|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u203C\u2049])"
                    r"[\uFE0F\u200D\U0001F3FB-\U0001F3FF\U0001F000-\U0001FAFF\u2640\u2642]*")
_URL = re.compile(r"https?://[^\s<>«»\"]+[^\s<>«»\".,;:!?)]")
_TAIL = ('<i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" '
         'viewBox="0 0 9 20"><g fill="none"><path class="background" fill="#ffffff" d="M8,1 L9,1 L9,20 L8,20 '
         'L8,18 C7.807,15.161 7.124,12.233 5.950,9.218 C5.046,6.893 3.504,4.733 1.325,2.738 L1.325,2.738 '
         'C0.917,2.365 0.89,1.732 1.263,1.325 C1.452,1.118 1.72,1 2,1 L8,1 Z"></path></g></svg></i>')


@dataclass
class FakePost:
    id: int
    date: datetime
    text: str = ""  # plain text: blank line = paragraph, newline = <br>; first line bold
    views: int = 1000
    author: str | None = None
    forwarded_from: str | None = None
    forwarded_url: str | None = None
    edited: bool = False
    media: str | None = None  # photo | video | poll | sticker
    poll: str | None = None  # the poll's question
    headline: bool = True  # render the first paragraph bold, as press pools do


def _emoji(s: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = "".join(f"{b:02X}" for b in m.group(0).encode("utf-8"))[:16]
        return (f'<i class="emoji" style="background-image:url(\'//telegram.org/img/emoji/40/{code}.png\')">'
                f"<b>{m.group(0)}</b></i>")
    return _EMOJI.sub(one, s)


def _inline(line: str) -> str:
    """Escape a line, then links as <a> and emoji as Telegram marks them up."""
    out, pos = [], 0
    for m in _URL.finditer(line):
        out.append(_emoji(html.escape(line[pos:m.start()], quote=False)))
        url = html.escape(m.group(0))
        out.append(f'<a href="{url}" target="_blank" rel="noopener">{url}</a>')
        pos = m.end()
    out.append(_emoji(html.escape(line[pos:], quote=False)))
    return "".join(out)


def text_html(text: str, headline: bool = True) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    parts = []
    for i, p in enumerate(paras):
        body = "<br/>".join(_inline(ln.strip()) for ln in p.split("\n"))
        parts.append(f"<b>{body}</b>" if i == 0 and headline and len(paras) > 1 else body)
    return "<br/><br/>".join(parts)


def _views(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f}M".replace(".0M", "M")
    if n >= 1000:
        return f"{n / 1e3:.1f}K".replace(".0K", "K")
    return str(n)


class TelegramChannel:
    """One public channel's posts; thread-safe (the server renders while a test adds posts)."""

    def __init__(self, name: str, title: str, posts: list[FakePost] | None = None, local_offset: int = 180):
        self.name, self.title = name, title
        self.posts: list[FakePost] = sorted(posts or [], key=lambda p: p.id)
        self.local_offset = local_offset  # minutes: the clock time shown next to the UTC datetime
        self.page_size = PAGE_SIZE
        self._lock = threading.Lock()

    # -- building -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> TelegramChannel:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        posts = []
        for p in data["posts"]:
            p = dict(p)
            d = p.pop("date")
            p["date"] = d if isinstance(d, datetime) else datetime.fromisoformat(str(d))
            posts.append(FakePost(**p))
        return cls(data["channel"], data["title"], posts)

    @property
    def last_id(self) -> int:
        return self.posts[-1].id if self.posts else 0

    def add(self, text: str = "", *, date: datetime | None = None, **kw: Any) -> FakePost:
        """Publish a new post (id = last + 1, date = now unless given)."""
        with self._lock:
            post = FakePost(id=self.last_id + 1, date=date or datetime.now(UTC), text=text, **kw)
            self.posts.append(post)
            return post

    def edit(self, post_id: int, text: str) -> FakePost:
        with self._lock:
            post = next(p for p in self.posts if p.id == post_id)
            post.text, post.edited = text, True
            return post

    def mount(self, site: Any) -> str:
        """Serve this channel on a FixtureSite; returns its preview URL."""
        site.routes[f"/s/{self.name}"] = self.handle
        return f"{site.base}/s/{self.name}"

    # -- serving --------------------------------------------------------------------------------
    def handle(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        before = query.get("before", [None])[0]
        try:
            limit = int(before) if before else None
        except ValueError:
            limit = None
        body = self.render(limit).encode("utf-8")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    def page(self, before: int | None) -> list[FakePost]:
        with self._lock:
            older = [p for p in self.posts if before is None or p.id < before]
            return older[-self.page_size:]

    def render(self, before: int | None = None) -> str:
        posts = self.page(before)
        name, title = html.escape(self.name), html.escape(self.title)
        head = [f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>{title} – Telegram</title>',
                f'<meta property="og:title" content="{title}">',
                '<meta property="og:site_name" content="Telegram">']
        more = ""
        if posts and posts[0].id > (self.posts[0].id if self.posts else 0):
            first = posts[0].id
            head.append(f'<link rel="prev" href="/s/{name}?before={first}">')
            more = (f'<div class="tme_messages_more_wrap"><a href="/s/{name}?before={first}" '
                    f'class="tme_messages_more js-messages_more" data-before="{first}"></a></div>')
        if posts:
            head.append(f'<link rel="canonical" href="/s/{name}?before={posts[-1].id + 1}">')
        head.append("</head>")
        body = ['<body class="widget_frame_base tgme_webpreview_body">',
                f'<header class="tgme_header"><div class="tgme_header_title">{title}</div></header>',
                '<main class="tgme_main"><div class="tgme_container">',
                '<section class="tgme_channel_history js-message_history">', more]
        body += [self.render_post(p) for p in posts]
        body += ["</section></div></main>",
                 f'<div class="tgme_channel_info"><div class="tgme_channel_info_header">'
                 f'<div class="tgme_channel_info_header_title"><span dir="auto">{title}</span></div>'
                 f'<div class="tgme_channel_info_header_username"><a href="https://t.me/{name}">@{name}</a>'
                 "</div></div></div>",
                 "</body>\n</html>\n"]
        return "\n".join(head + body)

    def render_post(self, p: FakePost) -> str:
        name, title = html.escape(self.name), html.escape(self.title)
        link = f"https://t.me/{name}/{p.id}"
        local = p.date.astimezone(UTC) + timedelta(minutes=self.local_offset)
        parts = ['<div class="tgme_widget_message_wrap js-widget_message_wrap">',
                 f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
                 f'data-post="{name}/{p.id}" data-view="eyJjIjotMTAwLCJwIjo{p.id}">',
                 f'<div class="tgme_widget_message_user"><a href="https://t.me/{name}"><i class="'
                 f'tgme_widget_message_user_photo bgcolor1" data-content="{title[:1]}"></i></a></div>',
                 '<div class="tgme_widget_message_bubble">', _TAIL,
                 f'<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" '
                 f'href="https://t.me/{name}"><span dir="auto">{title}</span></a></div>']
        if p.forwarded_from:
            who = f'<span dir="auto">{html.escape(p.forwarded_from)}</span>'
            parts.append('<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;' +
                         (f'<a class="tgme_widget_message_forwarded_from_name" href="{html.escape(p.forwarded_url)}">'
                          f"{who}</a>" if p.forwarded_url else
                          f'<span class="tgme_widget_message_forwarded_from_name">{who}</span>') + "</div>")
        if p.media == "photo":
            parts.append(f'<a class="tgme_widget_message_photo_wrap" href="{link}" style="width:800px;'
                         f"background-image:url('https://cdn4.telegram-cdn.org/file/{p.id}.jpg')\">"
                         '<div class="tgme_widget_message_photo" style="padding-top:66.625%"></div></a>')
        elif p.media == "video":
            parts.append(f'<a class="tgme_widget_message_video_player js-message_video_player" href="{link}">'
                         f"<i class=\"tgme_widget_message_video_thumb\" style=\"background-image:url("
                         f"'https://cdn4.telegram-cdn.org/file/{p.id}t.jpg')\"></i>"
                         '<div class="tgme_widget_message_video_wrap"><video src="https://cdn4.telegram-cdn.org/'
                         f'file/{p.id}.mp4" class="tgme_widget_message_video js-message_video" width="100%" '
                         'height="100%"></video></div><div class="message_video_play js-message_video_play"></div>'
                         '<time class="message_video_duration js-message_video_duration">1:12</time></a>')
        elif p.media == "sticker":
            parts.append('<div class="tgme_widget_message_sticker_wrap media_supported_cont"><picture class='
                         '"tgme_widget_message_tgsticker js-tgsticker_image" style="width:256px;"><source type='
                         '"application/x-tgsticker" srcset="https://cdn4.telegram-cdn.org/file/sticker.tgs">'
                         "</picture></div>")
        elif p.media == "poll":
            parts.append('<div class="tgme_widget_message_poll js-poll"><div class="tgme_widget_message_poll_'
                         f'question">{_inline(p.poll or "")}</div><div class="tgme_widget_message_poll_type">'
                         f'Anonymous Poll</div><a class="tgme_widget_message_poll_options" href="{link}">'
                         '<div class="tgme_widget_message_poll_option"><div class="tgme_widget_message_poll_'
                         'option_percent">64%</div><div class="tgme_widget_message_poll_option_value"><div '
                         'class="tgme_widget_message_poll_option_text">Да</div></div></div></a></div>')
        if p.text:
            parts.append(f'<div class="tgme_widget_message_text js-message_text" dir="auto">'
                         f"{text_html(p.text, p.headline)}</div>")
        meta = ["edited &nbsp;" if p.edited else ""]
        if p.author:
            meta.append(f'<span class="tgme_widget_message_from_author" dir="auto">{_inline(p.author)}</span>,&nbsp;')
        meta.append(f'<a class="tgme_widget_message_date" href="{link}"><time datetime="'
                    f'{p.date.astimezone(UTC).isoformat()}" class="time">{local:%H:%M}</time></a>')
        parts += ['<div class="tgme_widget_message_footer compact js-message_footer">',
                  '<div class="tgme_widget_message_info short js-message_info">',
                  f'<span class="tgme_widget_message_views">{_views(p.views)}</span><span class="copyonly"> views'
                  f'</span><span class="tgme_widget_message_meta">{"".join(meta)}</span>',
                  "</div></div></div></div></div>"]
        return "".join(parts)


def generated_channel(name: str, title: str, n: int, *, end: datetime | None = None,
                      every: timedelta = timedelta(minutes=45), first_id: int = 1) -> TelegramChannel:
    """A channel of n distinct posts, the newest at `end` (default now), one every `every`."""
    end = end or datetime.now(UTC).replace(microsecond=0)
    posts = []
    for i in range(n):
        pid = first_id + i
        when = end - every * (n - 1 - i)
        media = "photo" if i % 7 == 3 else ("sticker" if i % 50 == 17 else None)
        text = "" if media == "sticker" else (
            f"Сводка {pid}: Глава государства провёл совещание № {pid * 7919 % 10007}\n\n"
            f"«Мы продолжим работу по направлению {pid % 13}», — сказал Президент.\n"
            f"Подробности — на сайте 👇")
        posts.append(FakePost(id=pid, date=when, text=text, views=1000 + pid, media=media))
    return TelegramChannel(name, title, posts)
