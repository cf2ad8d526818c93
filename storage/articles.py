"""Article queries: the seen-URL skip, the upsert on the canonical URL, and reprint detection.

A reprint (BelTA copy on belarus.by, a TASS story on another site) has another URL and often
another title and boilerplate, so the canonical URL cannot catch it. Each body gets a MinHash
signature of its word 3-shingles; a new article whose estimated Jaccard similarity
with an article of another source, published within REPRINT_WINDOW, reaches REPRINT_THRESHOLD is
linked to whichever of the two was published first (`Article.reprint_of_id`)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from storage.models import Article, ArticleAlias, ArticleBand, utcnow

NUM_PERM = 64
SHINGLE = 3
MIN_WORDS = 40           # shorter bodies are too generic to call a reprint
REPRINT_THRESHOLD = 0.6  # estimated Jaccard similarity of the shingle sets
REPRINT_WINDOW = timedelta(days=14)
REPRINT_CANDIDATES = 200
BANDS, ROWS = 16, 4       # 16 bands of 4 values: a pair at similarity 0.6 shares a band with p ~ 0.9
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(body: str) -> str:
    norm = re.sub(r"\s+", " ", body).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def seen_urls(session: Session, urls: list[str]) -> set[str]:
    """Which of these URLs are stored already, as an article's canonical URL or an alias."""
    if not urls:
        return set()
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        found.update(session.scalars(select(ArticleAlias.url).where(ArticleAlias.url.in_(chunk))))
        found.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk))))
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
        session.add_all([ArticleBand(band_hash=h, article_id=art.id) for h in set(band_hashes(art.fingerprint))])


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
        return None
    # the earlier one is the original; follow an existing link to its root
    if (_when(best), best.id) <= (when, art.id):
        original = session.get(Article, best.reprint_of_id) if best.reprint_of_id else best
        art.reprint_of_id = original.id if original is not None else best.id
        return original
    if best.reprint_of_id is None:
        best.reprint_of_id = art.id
    return None


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
) -> UpsertResult:
    """Insert or update the article keyed by canonical URL; record every URL it was found under.

    The first-seen time is kept from the first insert, so a re-crawl never moves an article
    to a later day."""
    h = content_hash(body)
    art = session.scalar(select(Article).where(Article.canonical_url == canonical_url))
    if art is None:
        alias_hit = session.scalar(select(ArticleAlias).where(ArticleAlias.url.in_(urls + [canonical_url])))
        art = alias_hit.article if alias_hit else None
    created = art is None
    if art is None:
        # a new article: its fingerprint goes in with the INSERT, and nothing of it is stored yet
        # (no alias: the lookup above found none; no band), so the queries that would say so
        # are skipped (a crawl stores thousands; each round trip counts)
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
    session.flush()
    known: set[str] = set() if created else {a.url for a in art.aliases}
    for u in {canonical_url, *urls}:
        if u and u not in known:
            if created or session.get(ArticleAlias, u) is None:
                session.add(ArticleAlias(url=u, article_id=art.id))
            known.add(u)
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
