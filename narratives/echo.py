"""How much a statement echoes an earlier one, and whether two quotes are one statement (pure).

An echo needs a shared frame and shared words. The score (0..1) is

    cosine(terms) x (1 - FRAME_WEIGHT + FRAME_WEIGHT x Jaccard(frames))

where the cosine is over IDF-weighted binary term vectors: within one language the terms are
content-word lemmas plus the language-independent keys (`features.Features.keys`), across
languages the keys alone (concepts, transliterated names, numbers, dates). Without a shared
frame, or with no shared term at all, the score is 0. The weights and the default threshold
were calibrated on the tune half of the echo gold (`make eval-echo` reports the other half).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from narratives.features import Features

FRAME_WEIGHT = 0.3  # a shared frame gates; sharing all frames (Jaccard 1) keeps the full cosine
CROSS_BOOST = 1.0  # 1.25 was tried: same P@1 and recall on the tune half, lower pair precision
VERSION_MIN = 0.35  # cosine over keys at which two quotes by one speaker are one statement
VERSION_LENGTH_RATIO = 2.2  # translations differ in length, but not by more than this


@dataclass(frozen=True)
class Echo:
    score: float
    frames: tuple[str, ...]
    words: tuple[str, ...]  # the shared terms, most telling (highest IDF) first
    cross: bool  # across languages

    def evidence(self) -> dict[str, object]:
        return {"frames": list(self.frames), "words": list(self.words), "cross_language": self.cross}


@dataclass(frozen=True)
class Statement:
    """A quote as echo detection sees it."""

    features: Features
    frames: frozenset[str]
    extra: dict[str, object] = field(default_factory=dict, compare=False)


Idf = Callable[[str], float]


def flat_idf(term: str) -> float:
    return 1.0


PRIOR_DOCS = 50  # pretend statements that contain no term: a small pool gives no wild IDF


def idf_from_counts(df: dict[str, int], n: int, prior: int = PRIOR_DOCS) -> Idf:
    """BM25's IDF (always > 0) from document frequencies over `n` statements (the candidates,
    not the new statement), with `prior` empty statements added: over a pool of two, a shared
    word would otherwise weigh less than any other, and over thousands the prior vanishes."""
    total = n + prior
    memo: dict[str, float] = {}  # one lookup scores thousands of candidates sharing terms

    def idf(term: str) -> float:
        v = memo.get(term)
        if v is None:
            d = df.get(term, 0)
            v = memo[term] = math.log(1.0 + (total - d + 0.5) / (d + 0.5))
        return v
    return idf


def _cosine(a: frozenset[str], b: frozenset[str], idf: Idf) -> tuple[float, list[str]]:
    shared = a & b
    if not shared:
        return 0.0, []
    num = sum(idf(t) ** 2 for t in shared)
    den = math.sqrt(sum(idf(t) ** 2 for t in a)) * math.sqrt(sum(idf(t) ** 2 for t in b))
    return (num / den if den else 0.0), sorted(shared, key=lambda t: (-idf(t), t))


def echo_score(new: Statement, old: Statement, idf: Idf = flat_idf, *,
               frame_weight: float = FRAME_WEIGHT, require_frame: bool = True) -> Echo:
    shared_frames = new.frames & old.frames
    if require_frame and not shared_frames:
        return Echo(0.0, (), (), False)
    cross = new.features.lang != old.features.lang
    cos, words = _cosine(new.features.terms(cross), old.features.terms(cross), idf)
    if cross:
        cos = min(1.0, cos * CROSS_BOOST)
    if not words:
        return Echo(0.0, tuple(sorted(shared_frames)), (), cross)
    union = new.frames | old.frames
    jac = len(shared_frames) / len(union) if union else 0.0
    score = cos * (1.0 - frame_weight + frame_weight * jac)
    return Echo(round(score, 4), tuple(sorted(shared_frames)), tuple(words[:12]), cross)


def same_statement(a: Statement, b: Statement, idf: Idf = flat_idf) -> Echo | None:
    """Two versions (one per language) of one statement by the same speaker: they share names,
    numbers and concepts enough, use the same frames, and are of comparable length. The caller
    checks speaker and time (within the configured `version_hours`)."""
    if a.features.lang == b.features.lang:
        return None
    if a.frames != b.frames:
        return None
    la, lb = max(a.features.length, 1), max(b.features.length, 1)
    if max(la, lb) / min(la, lb) > VERSION_LENGTH_RATIO:
        return None
    cos, words = _cosine(a.features.keys, b.features.keys, idf)
    if cos < VERSION_MIN or len(words) < 2:
        return None
    return Echo(round(cos, 4), tuple(sorted(a.frames)), tuple(words[:12]), True)


def rank(new: Statement, candidates: Iterable[tuple[object, Statement]], idf: Idf = flat_idf,
         min_score: float = 0.0, limit: int = 3) -> list[tuple[object, Echo]]:
    """The best-scoring candidates (id, statement) at or above `min_score`, best first."""
    scored = [(cid, echo_score(new, st, idf)) for cid, st in candidates]
    kept = [(cid, e) for cid, e in scored if e.score >= min_score and e.score > 0]
    kept.sort(key=lambda x: -x[1].score)
    return kept[:limit]
