"""Novelty: is this quote something the speaker has not said lately?

Near-duplicates are found with MinHash over normalised word shingles (datasketch). Reprints of
one statement share a cluster id; an alert fires once per cluster and rule."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from datasketch import MinHash
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Quote

NUM_PERM = 64
THRESHOLD = 0.5  # estimated Jaccard over 3-word shingles at which two quotes are "the same"
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_words(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return _WORD.findall(t)


def shingles(text: str, k: int = 3) -> set[str]:
    words = normalise_words(text)
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM)
    for s in shingles(text):
        m.update(s.encode("utf-8"))
    return m


@dataclass(frozen=True)
class Novelty:
    is_new: bool
    cluster_id: int | None  # the cluster of the nearest earlier quote when not new
    nearest_quote_id: int | None
    similarity: float
    reason: str


def assess(session: Session, quote: Quote, days: int = 30, now: datetime | None = None) -> Novelty:
    """Compare `quote` with the same speaker's quotes of the last `days` days."""
    if quote.speaker_id is None and not quote.speaker_name:
        return Novelty(True, None, None, 0.0, "no attributed speaker to compare with")
    since = (now or quote.created_at) - timedelta(days=days)
    q = select(Quote).where(Quote.id != quote.id, Quote.created_at >= since, Quote.id < quote.id)
    q = q.where(Quote.speaker_id == quote.speaker_id) if quote.speaker_id else q.where(
        Quote.speaker_name == quote.speaker_name)
    mine = minhash(quote.text)
    sim, other = 0.0, None
    for row in session.scalars(q):
        s = float(mine.jaccard(minhash(row.text)))
        if s > sim:
            sim, other = s, row
    if other is not None and sim >= THRESHOLD:
        return Novelty(False, other.cluster_id or other.id, other.id, sim,
                       f"near-duplicate (similarity {sim:.2f}) of quote {other.id} from "
                       f"{other.created_at:%Y-%m-%d}")
    if other is None:
        reason = f"first statement by this speaker in the last {days} days"
    else:
        reason = (f"nearest earlier statement in {days} days has similarity {sim:.2f} "
                  f"(quote {other.id}: \u201c{other.text[:120]}\u201d)")
    return Novelty(True, None, other.id if other else None, sim, reason)
