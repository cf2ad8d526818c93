"""Novelty and clusters: has the speaker said this lately, and which reprints belong together?

Each quote gets a MinHash signature (datasketch, `NUM_PERM` permutations) over 3-word shingles
of its normalised text: NFKC, lower case, ё -> е, and Cyrillic words lemmatised with pymorphy3
(so "границах" and "границы" are one word). The signature is cut into LSH bands (`BANDS` x
`ROWS`, datasketch's optimum for `THRESHOLD`); each band is hashed together with the speaker,
and stored in `quote_bands(band_hash, quote_id)`. Two quotes by one speaker whose estimated
Jaccard similarity is above the threshold share a band hash with high probability, so finding
near-duplicates is one indexed query, whatever the number of stored quotes and whichever
worker process asks.

- Clusters (`index_quote`, at extraction): a quote joins the cluster of its most similar earlier
  quote by the same speaker from the last `CLUSTER_DAYS` days (>= `THRESHOLD`), else starts its
  own (cluster id = its own id). Reprints of one statement across articles and sources share one
  cluster, independent of any rule.
- Novelty (`assess`, per rule with its `novelty_days`): a quote is new unless the same speaker
  said a near-duplicate in the last N days *outside its own cluster* (reprints of the statement
  itself do not make it old). The reason names the nearest earlier quote and its similarity.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, cast

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from storage.models import Article, Quote, QuoteBand, Source

NUM_PERM = 64
THRESHOLD = 0.5  # estimated Jaccard over 3-word shingles at which two quotes are "the same"
BANDS, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)  # (14, 4) for 64 / 0.5
CLUSTER_DAYS = 7  # reprints of one statement arrive within days; later repeats start a new cluster
NEAREST_SCAN = 300  # when LSH finds nothing, compare with this many recent quotes for the reason
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a Cyrillic word (pymorphy3); other words unchanged."""
    if not _CYRILLIC.search(word):
        return word
    return str(_morph().parse(word)[0].normal_form).replace("ё", "е")


def normalise_words(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return [lemma(w) for w in _WORD.findall(t)]


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = normalise_words(text)
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations() -> Any:
    # drawn from the same seed every time: made once, not for every quote (half a millisecond)
    m = MinHash(num_perm=NUM_PERM)
    return m.scheme, m.permutations


def minhash(text: str) -> MinHash:
    scheme, perms = _permutations()
    m = MinHash(num_perm=NUM_PERM, permutations=perms, scheme=scheme)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def signature(text: str) -> np.ndarray[Any, np.dtype[np.uint32]]:
    return np.asarray(minhash(text).hashvalues, dtype=np.uint32)


def pack(sig: np.ndarray[Any, Any]) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def unpack(data: bytes) -> np.ndarray[Any, np.dtype[np.uint32]]:
    return np.frombuffer(data, dtype="<u4")


def similarity(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal MinHash values)."""
    return float(np.count_nonzero(a == b)) / len(a)


def speaker_key(speaker_id: str | None, speaker_name: str | None) -> str | None:
    if speaker_id:
        return speaker_id
    if speaker_name:
        return "name:" + unicodedata.normalize("NFKC", speaker_name).casefold()
    return None


def band_hashes(key: str, sig: np.ndarray[Any, Any]) -> list[int]:
    """One signed 64-bit hash per band, salted with the speaker: buckets never mix speakers."""
    raw = np.asarray(sig, dtype="<u4")
    out = []
    for b in range(BANDS):
        h = hashlib.blake2b(raw[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8,
                            key=f"{key}\0{b}".encode()[:64])
        out.append(int.from_bytes(h.digest(), "little", signed=True))
    return out


@dataclass(frozen=True)
class Candidate:
    quote_id: int
    cluster_id: int
    created_at: datetime
    similarity: float


def _rank(rows: Iterable[Any], sig: np.ndarray[Any, Any]) -> list[Candidate]:
    out = [Candidate(r.id, r.cluster_id or r.id, r.created_at, similarity(sig, unpack(r.minhash)))
           for r in rows if r.minhash]
    out.sort(key=lambda c: (-c.similarity, -c.quote_id))
    return out


def candidates(session: Session, key: str, sig: np.ndarray[Any, Any], *, since: datetime,
               before_id: int | None = None, exclude_cluster: int | None = None) -> list[Candidate]:
    """Earlier quotes by this speaker that share an LSH band with `sig`, most similar first."""
    ids = select(QuoteBand.quote_id).where(QuoteBand.band_hash.in_(band_hashes(key, sig))).distinct()
    q = select(Quote.id, Quote.cluster_id, Quote.created_at, Quote.minhash).where(
        Quote.id.in_(ids), Quote.created_at >= since)
    if before_id is not None:
        q = q.where(Quote.id < before_id)
    found = _rank(session.execute(q), sig)
    if exclude_cluster is not None:
        found = [c for c in found if c.cluster_id != exclude_cluster]
    return found


def _recent(session: Session, quote: Quote, sig: np.ndarray[Any, Any], since: datetime,
            exclude_cluster: int | None) -> Candidate | None:
    """The most similar of the speaker's latest quotes (bounded scan, for the reason text)."""
    q = select(Quote.id, Quote.cluster_id, Quote.created_at, Quote.minhash).where(
        Quote.id < quote.id, Quote.created_at >= since, Quote.minhash.is_not(None))
    q = q.where(Quote.speaker_id == quote.speaker_id) if quote.speaker_id else q.where(
        Quote.speaker_name == quote.speaker_name)
    rows = session.execute(q.order_by(Quote.id.desc()).limit(NEAREST_SCAN))
    ranked = [c for c in _rank(rows, sig) if c.cluster_id != exclude_cluster]
    return ranked[0] if ranked else None


def ensure_signature(session: Session, quote: Quote, flush: bool = True,
                     bands_out: list[dict[str, int]] | None = None) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """The quote's signature, computed, stored and banded if it was not yet (`flush=False`:
    left for the caller's next flush; `bands_out`: the band rows are appended there for the
    caller to insert, rather than added to the session as objects)."""
    if quote.minhash:
        return unpack(quote.minhash)
    sig = signature(quote.text)
    quote.minhash = pack(sig)
    key = speaker_key(quote.speaker_id, quote.speaker_name)
    if quote.id is None:
        session.flush()
    if key:
        rows = [{"band_hash": h, "quote_id": quote.id} for h in dict.fromkeys(band_hashes(key, sig))]
        if bands_out is not None:
            bands_out.extend(rows)
        else:
            session.add_all(QuoteBand(**r) for r in rows)
    if flush:
        session.flush()
    return sig


def index_quote(session: Session, quote: Quote) -> int:
    """Store the quote's signature and bands, and give it a cluster: the cluster of its most
    similar earlier quote by the same speaker in `CLUSTER_DAYS` days, else its own id. One
    flush at the end writes the signature and the cluster together (the search looks only at
    earlier quotes, so it needs neither flushed first)."""
    return index_quotes(session, [quote])[0]


@dataclass
class _Unflushed:
    """A quote indexed in this batch whose signature and bands are not flushed yet: what the
    database would answer about it, for the later quotes of the batch."""

    quote: Quote
    bands: frozenset[int]
    sig: np.ndarray[Any, Any]


def index_quotes(session: Session, quotes: Iterable[Quote]) -> list[int]:
    """`index_quote` for several quotes (in order), with one flush at the end: the quotes of an
    article go out in one UPDATE and one INSERT of bands, not one pair each. A later quote of
    the batch is compared with the earlier ones exactly as if they had been flushed: the
    database answers for stored quotes, `_Unflushed` for this batch's (a shared band hash, the
    same time bound and id order), so the clusters are those of one flush per quote."""
    pending: list[_Unflushed] = []
    linked: dict[int, set[int]] = {}  # article id -> the articles linked as reprints (asked once)
    band_rows: list[dict[str, int]] = []
    out = []
    with session.no_autoflush:
        for quote in quotes:
            had = bool(quote.minhash)
            sig = ensure_signature(session, quote, flush=False, bands_out=band_rows)
            key = speaker_key(quote.speaker_id, quote.speaker_name)
            bands = frozenset(band_hashes(key, sig)) if key else frozenset()
            if quote.cluster_id is None:
                best = None
                if key:
                    since = (quote.created_at or _utcnow()) - timedelta(days=CLUSTER_DAYS)
                    found = candidates(session, key, sig, since=since, before_id=quote.id)
                    stored = {c.quote_id for c in found}
                    found += [Candidate(p.quote.id, p.quote.cluster_id or p.quote.id, p.quote.created_at,
                                        similarity(sig, p.sig)) for p in pending
                              if p.bands & bands and p.quote.created_at >= since and p.quote.id < quote.id
                              and p.quote.id not in stored]
                    found.sort(key=lambda c: (-c.similarity, -c.quote_id))
                    best = found[0] if found and found[0].similarity >= THRESHOLD else None
                reprint = None
                if best is None:
                    if quote.article_id not in linked:
                        linked[quote.article_id] = _linked_articles(session, quote.article_id)
                    reprint = reprinted_cluster(session, quote, key, linked[quote.article_id])
                quote.cluster_id = best.cluster_id if best else (reprint or quote.id)
            if not had and key:
                pending.append(_Unflushed(quote, bands, sig))
            out.append(quote.cluster_id)
    session.flush()
    if band_rows:  # one executemany of plain rows: an ORM object per band cost more than the insert
        session.connection().execute(insert(cast(Table, QuoteBand.__table__)), band_rows)
    return out


REPRINT_CONTAINMENT = 0.6  # share of the shorter quote's shingles in the longer one


def _linked_articles(session: Session, article_id: int) -> set[int]:
    """The articles this one reprints or is reprinted by, and the other reprints of its original."""
    art = session.get(Article, article_id)
    if art is None:
        return set()
    linked = set(session.scalars(select(Article.id).where(Article.reprint_of_id == art.id)))
    if art.reprint_of_id:
        linked.add(art.reprint_of_id)
        linked |= set(session.scalars(select(Article.id).where(Article.reprint_of_id == art.reprint_of_id,
                                                                Article.id != art.id)))
    return linked


def reprinted_cluster(session: Session, quote: Quote, key: str | None,
                      linked: set[int] | None = None) -> int | None:
    """The cluster of the same statement in the article this one reprints or is reprinted by
    (storage.articles.link_reprint: a Telegram post and its website article). A website cuts and
    trims the post's quote, so the two are below THRESHOLD as Jaccard similarity: here the
    shorter one contained in the longer one is enough, because the articles are already linked.
    `linked`: `_linked_articles` of the quote's article, when the caller has it already."""
    if key is None:
        return None
    if linked is None:
        linked = _linked_articles(session, quote.article_id)
    if not linked:
        return None
    rows = session.scalars(select(Quote).where(Quote.article_id.in_(linked), Quote.id < quote.id,
                                               Quote.cluster_id.is_not(None)).order_by(Quote.id))
    mine = shingles(quote.text)
    best: tuple[float, int] | None = None
    for other in rows:
        if speaker_key(other.speaker_id, other.speaker_name) != key:
            continue
        theirs = shingles(other.text)
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        c = len(small & large) / len(small) if small else 0.0
        if c >= REPRINT_CONTAINMENT and (best is None or c > best[0]):
            best = (c, other.cluster_id or other.id)
    return best[1] if best else None


def _utcnow() -> datetime:
    from storage.models import utcnow

    return utcnow()


@dataclass(frozen=True)
class Novelty:
    is_new: bool
    cluster_id: int | None  # the cluster of the nearest earlier quote when not new
    nearest_quote_id: int | None
    similarity: float
    reason: str
    nearest_text: str | None = None
    nearest_source: str | None = None
    nearest_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"is_new": self.is_new, "reason": self.reason, "similarity": round(self.similarity, 3),
                "nearest_quote_id": self.nearest_quote_id, "nearest_text": self.nearest_text,
                "nearest_source": self.nearest_source, "nearest_date": self.nearest_date}


def _describe(session: Session, quote_id: int) -> tuple[str, str, str]:
    row = session.execute(
        select(Quote.text, Source.name, Article.published_at, Article.first_seen_at)
        .join(Article, Article.id == Quote.article_id).join(Source, Source.id == Article.source_id)
        .where(Quote.id == quote_id)).one()
    when = row.published_at or row.first_seen_at
    return str(row.text), str(row.name), f"{when:%Y-%m-%d}"


def assess(session: Session, quote: Quote, days: int = 30, now: datetime | None = None) -> Novelty:
    """Is `quote` new rhetoric: no near-duplicate by the same speaker in the last `days` days,
    other than reprints in its own cluster?"""
    key = speaker_key(quote.speaker_id, quote.speaker_name)
    if key is None:
        return Novelty(True, None, None, 0.0, "no attributed speaker to compare with")
    sig = ensure_signature(session, quote)
    since = (now or quote.created_at or _utcnow()) - timedelta(days=days)
    own = quote.cluster_id
    found = candidates(session, key, sig, since=since, before_id=quote.id, exclude_cluster=own)
    best = found[0] if found else None
    if best is not None and best.similarity >= THRESHOLD:
        text, src, day = _describe(session, best.quote_id)
        return Novelty(False, best.cluster_id, best.quote_id, best.similarity,
                       f"not new: near-duplicate (similarity {best.similarity:.2f}) of an earlier statement "
                       f"({src}, {day}): \u201c{_short(text)}\u201d", _short(text), src, day)
    if best is None:
        best = _recent(session, quote, sig, since, own)
    if best is None:
        return Novelty(True, None, None, 0.0,
                       f"new: first statement by this speaker in the last {days} days")
    text, src, day = _describe(session, best.quote_id)
    return Novelty(True, None, best.quote_id, best.similarity,
                   f"new: the nearest earlier statement in the last {days} days has similarity "
                   f"{best.similarity:.2f} (below {THRESHOLD:.2f}) ({src}, {day}): \u201c{_short(text)}\u201d",
                   _short(text), src, day)


def _short(text: str, n: int = 160) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "\u2026"
