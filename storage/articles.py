"""Article queries: the seen-URL skip, the upsert on the canonical URL, and reprint detection.

A reprint (BelTA copy on belarus.by, a TASS story on another site) has another URL and often
another title and boilerplate, so the canonical URL cannot catch it. Each body gets a MinHash
signature of its word 3-shingles; a new article whose estimated Jaccard similarity
with an article of another source, published within REPRINT_WINDOW, reaches REPRINT_THRESHOLD is
linked to whichever of the two was published first (`Article.reprint_of_id`).

Trust (issue 11): a page says which URL it is (`<link rel=canonical>`, og:url), and a page can
lie. `storage_key` takes the declared URL as the article's key only when it is on the page's own
site (registrable domain, and port when one is given) and on a site its source crawls; otherwise
the key is the URL the page was fetched from and the declared one is kept as a reprint link
(`extra["canonical_elsewhere"]`). Every lookup is scoped to the source: a page of source B can
neither update an article of source A (`OtherSourceArticle`) nor make A's crawl skip a URL."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, cast
from urllib.parse import urlsplit

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from storage.models import Article, ArticleAlias, ArticleBand, Source, utcnow

NUM_PERM = 64
SHINGLE = 3
MIN_WORDS = 40           # shorter bodies are too generic to call a reprint
REPRINT_THRESHOLD = 0.6  # estimated Jaccard similarity of the shingle sets
REPRINT_WINDOW = timedelta(days=14)
REPRINT_CANDIDATES = 200
# A Telegram post and its later website article (storage.articles._post_and_article)
POST_WINDOW = timedelta(days=3)     # the website rewrites a post within days
POST_LEAD = timedelta(hours=6)      # ... and rarely publishes much before the channel
POST_CANDIDATES = 3000              # posts (or articles) of that window compared by signature
POST_EXACT = 10                     # the most similar checked exactly
POST_MIN_SIMILARITY = 1 / 32        # two signature values of 64 in common: a shared passage
POST_CONTAINMENT = 0.4              # of the shorter text's shingles in the longer one: a website keeps
                                    # the quote (cut) and rewrites the rest around it
BANDS, ROWS = 16, 4       # 16 bands of 4 values: a pair at similarity 0.6 shares a band with p ~ 0.9
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(body: str) -> str:
    norm = re.sub(r"\s+", " ", body).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


class OtherSourceArticle(ValueError):
    """The key is an article of another source: a page of this source may not change it."""

    def __init__(self, url: str, owner: str) -> None:
        self.url, self.owner = url, owner
        super().__init__(f"{url} is an article of source {owner!r}; not changed by another source")


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # the Public Suffix List snapshot shipped with tldextract: never fetched at run time
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def site_of(url: str | None) -> str | None:
    """The site a URL belongs to: its registrable domain (en.kremlin.ru -> kremlin.ru; an IP
    address or a single-label host as it is), with the port when it is not the scheme's
    default (two fixture sites on 127.0.0.1 are two sites). None for a URL without a host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
        port = parts.port
    except ValueError:
        return None
    if not host or parts.scheme.lower() not in _DEFAULT_PORTS:
        return None
    ext = _extractor()(host)
    domain = ext.top_domain_under_public_suffix or host
    if port is not None and port != _DEFAULT_PORTS[parts.scheme.lower()]:
        return f"{domain}:{port}"
    return domain


def storage_key(page_url: str, declared: str | None, allowed_sites: set[str] | frozenset[str]) -> tuple[str, str | None]:
    """(the URL to store the page under, a declared canonical URL that was not used, or None).

    The declared canonical is used only when it is on the page's own site and on one of the
    source's sites; anything else (another publisher's URL, another source's fixture port, a
    reprint pointing at its original) is returned second, to be kept as a reprint link."""
    if not declared or declared == page_url:
        return page_url, None
    site = site_of(declared)
    if site is not None and site == site_of(page_url) and site in allowed_sites:
        return declared, None
    return page_url, declared


def seen_urls(session: Session, urls: list[str], *, source_id: str) -> set[str]:
    """Which of these URLs this source has stored already, as an article's key or an alias.
    Another source's articles do not count: a page elsewhere claiming a URL must not make this
    source skip it."""
    if not urls:
        return set()
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        found.update(session.scalars(select(ArticleAlias.url).join(Article, Article.id == ArticleAlias.article_id)
                                     .where(ArticleAlias.url.in_(chunk), Article.source_id == source_id)))
        found.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk),
                                                                         Article.source_id == source_id)))
    return found


@lru_cache(maxsize=1)
def _perms() -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.RandomState(20260312)
    a = rng.randint(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
    b = rng.randint(0, _PRIME, size=NUM_PERM, dtype=np.uint64)
    return a, b


def fingerprint(body: str) -> list[int] | None:
    """MinHash signature (NUM_PERM values) of the body's lowercased word 3-shingles, or None for
    short bodies. The same universal hashing as datasketch's MinHash, without its import cost."""
    import numpy as np

    words = _WORD.findall(body.lower())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hv = np.array([int.from_bytes(hashlib.blake2b(x.encode("utf-8"), digest_size=4).digest(), "little")
                   for x in shingles], dtype=np.uint64)
    a, b = _perms()
    with np.errstate(over="ignore"):
        phv = ((np.outer(hv, a) + b) % np.uint64(_PRIME)) & np.uint64(_MAX_HASH)
    return [int(v) for v in phv.min(axis=0)]


def similarity(a: list[int] | None, b: list[int] | None) -> float:
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def band_hashes(fp: list[int]) -> list[int]:
    """The LSH band keys of a signature (signed 64-bit, as the index column stores them)."""
    out = []
    for b in range(BANDS):
        chunk = ",".join(str(v) for v in fp[b * ROWS:(b + 1) * ROWS])
        out.append(int.from_bytes(hashlib.blake2b(f"{b}:{chunk}".encode(), digest_size=8).digest(), "big",
                                  signed=True))
    return out


def index_bands(session: Session, art: Article, fresh: bool = False) -> None:
    """The article's LSH bands, replacing its old ones (`fresh`: it has none yet)."""
    if not fresh:
        session.execute(delete(ArticleBand).where(ArticleBand.article_id == art.id))
    if art.fingerprint:
        # plain rows in one executemany (the article is flushed already), not sixteen ORM objects
        # per stored article for the unit of work to track and flush
        session.connection().execute(insert(cast(Table, ArticleBand.__table__)),
                                     [{"band_hash": h, "article_id": art.id} for h in set(band_hashes(art.fingerprint))])


def _when(a: Article) -> datetime:
    return a.published_at or a.first_seen_at or utcnow()


def link_reprint(session: Session, art: Article) -> Article | None:
    """Find the article `art` reprints (or that reprints it) on another source, and link them.
    Returns the original when `art` is the reprint."""
    if not art.fingerprint:
        return None
    when = _when(art)
    window = (when - REPRINT_WINDOW, when + REPRINT_WINDOW)
    sharing = select(ArticleBand.article_id).where(ArticleBand.band_hash.in_(band_hashes(art.fingerprint)))
    q = (select(Article.id, Article.fingerprint)
         .where(Article.id.in_(sharing), Article.id != art.id, Article.source_id != art.source_id,
                or_(Article.published_at.between(*window),
                    Article.published_at.is_(None) & Article.first_seen_at.between(*window)))
         .order_by(Article.id.desc()).limit(REPRINT_CANDIDATES))
    best_id, best_sim = None, 0.0
    for other_id, other_fp in session.execute(q):
        sim = similarity(art.fingerprint, other_fp)
        if sim > best_sim:
            best_id, best_sim = other_id, sim
    best = session.get(Article, best_id) if best_id is not None else None
    if best is None or best_sim < REPRINT_THRESHOLD:
        best = _post_and_article(session, art, when)
        if best is None:
            return None
    # the earlier one is the original; follow an existing link to its root
    if (_when(best), best.id) <= (when, art.id):
        original = session.get(Article, best.reprint_of_id) if best.reprint_of_id else best
        art.reprint_of_id = original.id if original is not None else best.id
        return original
    if best.reprint_of_id is None:
        best.reprint_of_id = art.id
    return None


def _telegram_sources(session: Session) -> set[str]:
    return set(session.scalars(select(Source.id).where(Source.kind == "telegram")))


def shingle_set(body: str) -> set[str]:
    words = _WORD.findall(body.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def containment(small: set[str], large: set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not small or not large:
        return 0.0
    if len(small) > len(large):
        small, large = large, small
    return len(small & large) / len(small)


def _post_and_article(session: Session, art: Article, when: datetime) -> Article | None:
    """A Telegram post and the website article that rewrites it later (or the post of a website
    article): the post is short and the article longer and reworded, so their Jaccard similarity
    stays far below REPRINT_THRESHOLD and their LSH bands rarely meet. Instead: the articles of
    the other side (posts for an article, articles for a post) within POST_WINDOW, ranked by
    their MinHash similarity, and the best few checked exactly: the shorter text's shingles
    contained in the longer one's at POST_CONTAINMENT or more."""
    telegram = _telegram_sources(session)
    if not telegram:
        return None
    is_post = art.source_id in telegram
    if is_post:  # its website article comes later
        lo, hi, side = when - POST_LEAD, when + POST_WINDOW, Article.source_id.not_in(telegram)
    else:
        lo, hi, side = when - POST_WINDOW, when + POST_LEAD, Article.source_id.in_(telegram)
    q = (select(Article.id, Article.fingerprint)
         .where(side, Article.id != art.id, Article.fingerprint.is_not(None),
                or_(Article.published_at.between(lo, hi),
                    Article.published_at.is_(None) & Article.first_seen_at.between(lo, hi)))
         .order_by(Article.id.desc()).limit(POST_CANDIDATES))
    ranked = sorted(((similarity(art.fingerprint, fp), aid) for aid, fp in session.execute(q)), reverse=True)
    mine = shingle_set(art.body)
    best: tuple[float, int] | None = None
    for sim, aid in ranked[:POST_EXACT]:
        if sim < POST_MIN_SIMILARITY:
            break
        other = session.get(Article, aid)
        c = containment(mine, shingle_set(other.body)) if other is not None else 0.0
        if c >= POST_CONTAINMENT and (best is None or c > best[0]):
            best = (c, aid)
    return session.get(Article, best[1]) if best is not None else None


@dataclass
class UpsertResult:
    article_id: int
    created: bool
    changed: bool  # body changed: quotes need re-extraction
    reprint_of_id: int | None = None


def upsert_article(
    session: Session,
    *,
    source_id: str,
    canonical_url: str,
    urls: list[str],
    title: str,
    body: str,
    published_at: datetime | None,
    modified_at: datetime | None,
    authors: list[str],
    lang: str | None,
    extra: dict[str, Any] | None = None,
    decode_warning: str | None = None,
    extract_queued: bool = False,
) -> UpsertResult:
    """Insert or update this source's article keyed by `canonical_url` (the `storage_key`);
    record every URL it was found under. Raises OtherSourceArticle when the key is another
    source's article: nothing is changed then. `extract_queued`: the caller queues the
    extraction of a new or changed article once this commits, so it is marked queued in the
    same write (`Article.extract_queued_at`: the sweep leaves it alone unless the task is lost).

    The first-seen time is kept from the first insert, so a re-crawl never moves an article
    to a later day."""
    h = content_hash(body)
    holder = session.scalar(select(Article).where(Article.canonical_url == canonical_url))
    if holder is not None and holder.source_id != source_id:
        raise OtherSourceArticle(canonical_url, holder.source_id)
    art = holder
    if art is None:
        alias_hit = session.scalar(select(ArticleAlias).join(Article, Article.id == ArticleAlias.article_id)
                                   .where(ArticleAlias.url.in_(urls + [canonical_url]),
                                          Article.source_id == source_id).limit(1))
        art = alias_hit.article if alias_hit else None
    created = art is None
    if art is None:
        # a new article: its fingerprint goes in with the INSERT, and it has no alias or band
        # yet, so the queries that would say so are skipped (a crawl stores thousands; each
        # round trip counts)
        art = Article(source_id=source_id, canonical_url=canonical_url, url=urls[0] if urls else canonical_url,
                      first_seen_at=utcnow(), content_hash=h, title=title, body=body, fingerprint=fingerprint(body))
        session.add(art)
    changed = created or art.content_hash != h
    art.title = title or art.title
    art.body = body
    art.content_hash = h
    art.published_at = published_at or art.published_at
    if published_at is not None and published_at.utcoffset() is not None:
        art.published_offset_minutes = int(published_at.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    art.modified_at = modified_at or art.modified_at
    art.authors = authors or art.authors or []
    art.lang = lang or art.lang
    if extra:
        art.extra = {**(art.extra or {}), **extra}
    art.decode_warning = decode_warning
    if changed and extract_queued:
        art.extract_queued_at = utcnow()
    session.flush()
    known: set[str] = set() if created else {a.url for a in art.aliases}
    missing = [u for u in dict.fromkeys([canonical_url, *urls]) if u and u not in known]
    if missing:  # one query for all: a URL held as an alias by another source's article stays its
        taken = set(session.scalars(select(ArticleAlias.url).where(ArticleAlias.url.in_(missing))))
        session.add_all(ArticleAlias(url=u, article_id=art.id) for u in missing if u not in taken)
    if changed:
        if not created:
            art.fingerprint = fingerprint(body)
        index_bands(session, art, fresh=created)
        if art.reprint_of_id is None:
            link_reprint(session, art)
        session.flush()
    else:
        session.flush()
    return UpsertResult(art.id, created, changed, art.reprint_of_id)


def published_local(art: Article) -> datetime | None:
    """The publication time in the publisher's own UTC offset (e.g. 2026-03-12T16:40:00+03:00)."""
    from datetime import timezone

    if art.published_at is None:
        return None
    if art.published_offset_minutes is None:
        return art.published_at
    return art.published_at.astimezone(timezone(timedelta(minutes=art.published_offset_minutes)))
