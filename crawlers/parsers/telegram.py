"""t.me/s/<channel>: the web preview of a public Telegram channel (no account, no API key).

One page holds up to 20 posts, oldest first; `a.tme_messages_more[data-before]` pages back
(`?before=<id>`). Each post is `div.tgme_widget_message[data-post="<channel>/<id>"]`.

V1: the `tgme_widget_message` layout, checked against real pages and single-message fragments
from 2018-2023 (../shared/fixtures/real/telegram) and against 2025-2026 snippets in public
scrapers, which add the "edited" word inside `span.tgme_widget_message_meta`.

    parse_channel(html, channel=None) -> ChannelPage   (raises LayoutError)

What a post gives: text with its paragraphs (a blank line) and line breaks (<br>) kept, emoji
kept (`i.emoji > b` holds the character), links as their text; captions of photos, videos and
documents are the same `tgme_widget_message_text`; a poll is its question. Forwarded-from, the
author signature, views and the edited marker are metadata. A post with no text (a photo, a
sticker, a voice message) is not an article: the page lists it in `skipped`.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from crawlers.parsers.base import Page, Parsed, Parser
from crawlers.parsers.registry import register
from crawlers.parsers.text import norm

TITLE_MAX = 140


class LayoutError(ValueError):
    """The page is not a channel preview we can read: no posts, or an unknown layout."""


@dataclass
class Post:
    channel: str
    id: int
    url: str  # https://t.me/<channel>/<id>
    published_at: datetime | None  # UTC, as Telegram gives it
    text: str  # paragraphs separated by a blank line, line breaks kept
    title: str  # the first line, cut at TITLE_MAX
    author: str | None = None  # the post's signature
    forwarded_from: str | None = None
    forwarded_url: str | None = None
    views: int | None = None
    edited: bool = False
    media: list[str] = field(default_factory=list)  # photo, video, document, poll, ...

    def meta(self) -> dict[str, Any]:
        """What the article stores beside its text (Article.extra)."""
        d = asdict(self)
        for k in ("text", "title", "published_at", "url", "id"):
            d.pop(k)
        return {k: v for k, v in d.items() if v not in (None, [], False)} | {"post_id": self.id}


@dataclass
class ChannelPage:
    channel: str | None
    title: str | None  # the channel's name
    posts: list[Post]
    skipped: list[int]  # ids of posts with no text (media only, stickers, service messages)
    before: int | None  # the id to page back from (?before=), None at the channel's start

    @property
    def ids(self) -> list[int]:
        return sorted([p.id for p in self.posts] + self.skipped)


# XPath over class tokens: faster than cssselect per call, and the layout is all classes
def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_MESSAGES = etree.XPath(f"//div[{_cls('tgme_widget_message')} and @data-post]")
_HISTORY = etree.XPath(f"//*[{_cls('tgme_channel_history')} or {_cls('js-message_history')}"
                       f" or {_cls('tgme_widget_message_wrap')}]")
_MORE = etree.XPath(f"//a[{_cls('tme_messages_more')} and @data-before]/@data-before")
_PREV = etree.XPath("//link[@rel='prev']/@href")
_CHANNEL_TITLE = etree.XPath(f"//div[{_cls('tgme_channel_info_header_title')}]"
                             " | //meta[@property='og:title']/@content")
_BLOCKS = frozenset("div p blockquote pre ul ol li h1 h2 h3 h4 h5 h6 table tr".split())
_SKIP = frozenset("script style svg img video audio picture canvas source template button".split())
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_VIEWS_RE = re.compile(r"^([\d.,]+)\s*([KMB]?)$", re.I)


def message_text(el: HtmlElement) -> str:
    """A message's text: <br> is a line break, a blank line between paragraphs, source
    whitespace (the markup's own newlines and indentation) collapsed, emoji and link text kept."""
    out: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None:
            return
        tag = tag.lower()
        if tag in _SKIP:
            return
        if tag == "br":
            out.append("\n")
            return
        block = tag in _BLOCKS and node is not el
        if block:
            out.append("\n")
        if node.text:
            out.append(_SPACES.sub(" ", node.text.replace("\n", " ")))
        for child in node:
            walk(child)
            if child.tail:
                out.append(_SPACES.sub(" ", child.tail.replace("\n", " ")))
        if block:
            out.append("\n")

    walk(el)
    raw = _INVISIBLE.sub("", "".join(out))
    lines = [ln.strip() for ln in raw.split("\n")]
    paras: list[list[str]] = [[]]
    for ln in lines:
        if ln:
            paras[-1].append(ln)
        elif paras[-1]:
            paras.append([])
    return "\n\n".join("\n".join(p) for p in paras if p)


def title_of(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    if len(first) <= TITLE_MAX:
        return first
    cut = first[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return (cut or first[:TITLE_MAX]) + "…"


def parse_views(value: str | None) -> int | None:
    """'37.2K' -> 37200, '1.1M' -> 1100000, '746' -> 746."""
    m = _VIEWS_RE.match(norm(value)) if value else None
    if not m:
        return None
    num, unit = m.group(1).replace(",", "."), m.group(2).upper()
    try:
        n = float(num) if unit else float(num.replace(".", ""))
    except ValueError:
        return None
    return int(round(n * {"": 1, "K": 1e3, "M": 1e6, "B": 1e9}[unit]))


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else None


def _one_line(el: HtmlElement) -> str:
    return norm(el.text_content())


_MEDIA_CLASSES = {
    "photo": ("tgme_widget_message_photo_wrap",),
    "video": ("tgme_widget_message_video_player", "tgme_widget_message_roundvideo_player"),
    "document": ("tgme_widget_message_document_wrap",),
    "voice": ("tgme_widget_message_voice_player",),
    "sticker": ("tgme_widget_message_sticker_wrap",),
    "poll": ("tgme_widget_message_poll",),
    "link_preview": ("tgme_widget_message_link_preview",),
}
_WANTED = frozenset({"tgme_widget_message_text", "tgme_widget_message_poll_question", "tgme_widget_message_views",
                     "tgme_widget_message_meta", "tgme_widget_message_from_author",
                     "tgme_widget_message_forwarded_from_name", "tgme_widget_message_reply",
                     *(c for cs in _MEDIA_CLASSES.values() for c in cs)})
_NOT_OWN_TEXT = ("tgme_widget_message_reply", "tgme_widget_message_link_preview")
# the element a class is read from, where the layout fixes it
_TAG_OF = {"tgme_widget_message_text": "div", "tgme_widget_message_poll_question": "div",
           "tgme_widget_message_views": "span", "tgme_widget_message_meta": "span",
           "tgme_widget_message_from_author": "span"}


def _index(msg: HtmlElement) -> tuple[dict[str, list[HtmlElement]], str | None]:
    """One walk over a message: its elements by the class tokens the parser reads (document
    order), and the first time[datetime]. A page has 20 messages: one walk each instead of a
    dozen XPath scans keeps a page well under 20 ms."""
    by: dict[str, list[HtmlElement]] = {}
    when: str | None = None
    for el in msg.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if when is None and tag == "time" and el.get("datetime"):
            when = el.get("datetime")
        cls = el.get("class")
        if cls:
            for c in cls.split():
                if c in _WANTED and _TAG_OF.get(c, tag) == tag:
                    by.setdefault(c, []).append(el)
    return by, when


def _inside(el: HtmlElement, stop: HtmlElement, classes: tuple[str, ...]) -> bool:
    for a in el.iterancestors():
        if a is stop:
            return False
        if any(c in (a.get("class") or "").split() for c in classes):
            return True
    return False


def parse_post(msg: HtmlElement) -> Post | int | None:
    """One `tgme_widget_message`: a Post, its id when it has no text, None when it is broken."""
    channel, _, sid = (msg.get("data-post") or "").rpartition("/")
    if not channel or not sid.isdigit():
        return None
    pid = int(sid)
    by, when = _index(msg)
    # the message's own text: not a replied-to message's, not a link preview's
    texts = [t for t in by.get("tgme_widget_message_text", []) if not _inside(t, msg, _NOT_OWN_TEXT)]
    # a caption nested in a caption wrapper (albums): the outermost holds it once
    outer = [t for t in texts if not any(o is not t and t in o.iterancestors() for o in texts)]
    text = "\n\n".join(s for s in (message_text(t) for t in outer) if s)
    media = [kind for kind, classes in _MEDIA_CLASSES.items() if any(c in by for c in classes)]
    if not text:
        polls = by.get("tgme_widget_message_poll_question", [])
        text = message_text(polls[0]) if polls else ""
    if not text:
        return pid
    meta = by.get("tgme_widget_message_meta", [])
    # "edited" is loose text in the meta span, beside the signature and the date link
    edited = bool(meta) and any(re.search(r"\bedited\b", s or "", re.I)
                                for s in [meta[0].text, *(c.tail for c in meta[0])])
    authors = by.get("tgme_widget_message_from_author", [])
    forward = by.get("tgme_widget_message_forwarded_from_name", [])
    views = by.get("tgme_widget_message_views", [])
    fwd_url = forward[0].get("href") if forward else None
    return Post(
        channel=channel, id=pid, url=f"https://t.me/{channel}/{pid}",
        published_at=_datetime(when),
        text=text, title=title_of(text),
        author=_one_line(authors[0]) or None if authors else None,
        forwarded_from=_one_line(forward[0]) or None if forward else None,
        forwarded_url=fwd_url if fwd_url and fwd_url.startswith(("https://", "http://")) else None,
        views=parse_views(views[0].text_content()) if views else None,
        edited=edited, media=media,
    )


def parse_document(doc: HtmlElement, channel: str | None = None) -> ChannelPage:
    msgs = _MESSAGES(doc)
    if not msgs:
        if _HISTORY(doc):
            raise LayoutError("no posts on the channel page")
        raise LayoutError("unknown layout: no tgme_widget_message posts and no message history "
                          "(not a t.me/s/ channel preview, or Telegram changed its markup)")
    posts: list[Post] = []
    skipped: list[int] = []
    broken = 0
    for msg in msgs:
        p = parse_post(msg)
        if isinstance(p, Post):
            if channel and p.channel.lower() != channel.lower():
                continue  # another channel's post (a quoted message): not this channel's words
            posts.append(p)
        elif isinstance(p, int):
            skipped.append(p)
        else:
            broken += 1
    if broken == len(msgs):
        raise LayoutError(f"unknown layout: {broken} messages without a readable data-post id")
    posts.sort(key=lambda p: p.id)
    more = _MORE(doc) or [re.sub(r".*[?&]before=", "", h) for h in _PREV(doc) if "before=" in h]
    before = int(more[0]) if more and str(more[0]).isdigit() else None
    titles = [norm(t if isinstance(t, str) else t.text_content()) for t in _CHANNEL_TITLE(doc)]
    name = channel or (posts[0].channel if posts else None)
    return ChannelPage(channel=name, title=next((t for t in titles if t), None), posts=posts,
                       skipped=sorted(set(skipped)), before=before)


def parse_channel(html: str | bytes, channel: str | None = None) -> ChannelPage:
    """Parse a t.me/s/<channel> page (or a saved single-message fragment)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not html.strip():
        raise LayoutError("empty page")
    try:
        doc = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(recover=True, huge_tree=True,
                                                                              remove_comments=True))
    except (etree.ParserError, ValueError) as e:
        raise LayoutError(f"unparseable page: {e}") from None
    return parse_document(doc, channel)


class V1(Parser):
    """For `mouthpiece article` on a saved page: a page of many posts gives its newest post
    (the crawler stores every post as its own article)."""

    MARKERS = ("div.tgme_widget_message[data-post]",)

    def parse(self, page: Page) -> Parsed:
        try:
            posts = parse_document(page.doc).posts
        except LayoutError:
            return Parsed(parser=self.name())
        if not posts:
            return Parsed(parser=self.name())
        p = posts[-1]
        return Parsed(title=p.title, published_at=p.published_at, authors=[p.author] if p.author else [],
                      body=p.text, parser=self.name())


PUBLISHER = register(
    "telegram", "Telegram channel web preview (t.me/s)", ["t.me", "telegram.me"], [V1],
    country="INT", tz="UTC", languages=("ru", "en"), kind="telegram",
)
