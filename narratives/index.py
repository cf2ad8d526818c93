"""An in-memory inverted index that finds echo candidates without scanning (pure; numpy).

Statements get consecutive ids in the order they are added, which must be the order of the
time they were made (`add` refuses an older one: a caller loading history sorts it first).
For each term there is a posting list of ids (a growing `array`, viewed by numpy without a
copy), so the statements of a time window are one `searchsorted` away in every list. A lookup:

1. the window [t - within, t) as an id range (over the running maximum of the times, which is
   sorted; see `disorder` below), the statements outside it masked out;
2. for each term of the new statement, its postings in that range, weighted by IDF^2: a
   term-at-a-time accumulation of the cosine's numerator (numpy `bincount`);
3. candidates that share no frame (a bitmask per statement) or are not of a reference country
   are dropped; the cosine is completed with the stored norms and scaled by frame agreement
   exactly like `narratives.echo.echo_score`;
4. the best `limit` at or above `min_score`.

Norms are computed with the IDF known when a statement is added (the IDF of later additions
drifts slightly; `refresh_norms` recomputes them all). The worker (`alerts/echoes.py`) holds
one of these per process, loaded from the database and kept in step with it, and the
1,000,000-quote bench measures the same `lookup`.

Crawl order is not speech order: a statement may be older than the newest one held. Up to
`disorder` seconds older (default 3 days: sources publish and are crawled hours apart) it is
added like any other: ids follow the running maximum of the times, and a window's id range
reaches `disorder` further, its statements filtered by their own time. Older ones (a backfill,
a re-extraction of an old article) go to a small `late` list, scored the same way by a plain
loop; whoever holds the index rebuilds it when that list grows (`late_count`). A statement can be
`remove`d (its row changed or is gone): it is no candidate any more, though its words still
count in the IDF until the next rebuild. Statements may carry a `key` (the quote id) that hits
return instead of the internal id.
"""
from __future__ import annotations

import math
from array import array
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from narratives.echo import CROSS_BOOST, FRAME_WEIGHT, PRIOR_DOCS

SLACK = 0.8  # candidates ranked by stored norms down to this share of min_score are scored exactly


@dataclass(frozen=True)
class Hit:
    id: int  # the statement's key (the internal id when it was added without one)
    score: float


@dataclass(frozen=True)
class _Late:
    """A statement added out of time order."""

    key: int
    when: int
    mask: int
    country: int
    lang: int
    terms: frozenset[Hashable]  # lemmas and keys
    keys: frozenset[Hashable]
    norm: float
    cross_norm: float


class EchoIndex:
    def __init__(self, frames: Sequence[str], countries: Sequence[str], disorder: int = 3 * 86400):
        if len(frames) > 62:
            raise ValueError("at most 62 frames fit the bitmask")
        self.frame_bit = {f: 1 << i for i, f in enumerate(frames)}
        self.country_code = {c: i + 1 for i, c in enumerate(countries)}  # 0: unknown
        self.term_id: dict[Hashable, int] = {}  # a lemma, a key (narratives.features) or any token
        self.term_of: list[Hashable] = []  # term id -> the term
        self.postings: list[array[int]] = []  # term id -> statement ids (ascending)
        self.times = array("q")  # statement id -> epoch seconds (ascending up to `disorder`)
        self.ceiling = array("q")  # statement id -> the largest time up to it (ascending)
        self.disorder = disorder
        self.masks = array("q")  # frames bitmask
        self.country = array("B")
        self.langs = array("b")  # 0 en, 1 ru, 2 other
        self.norms = array("d")  # sqrt(sum idf^2) over the statement's terms, same language
        self.cross_norms = array("d")  # the same over its language-independent keys only
        self.terms: list[array[int]] = []  # statement id -> its term ids (for refresh_norms)
        self.key_tids: set[int] = set()  # term ids of language-independent keys
        self.keys = array("q")  # statement id -> the key hits report
        self.sid_of: dict[int, int] = {}  # key -> statement id (statements added with a key)
        self.late: dict[int, _Late] = {}  # key -> a statement added out of time order
        self.late_df: dict[Hashable, int] = {}  # document frequencies of the late statements' terms

    def __len__(self) -> int:
        return len(self.times) + len(self.late)

    @property
    def late_count(self) -> int:
        return len(self.late)

    def __contains__(self, key: int) -> bool:
        return key in self.sid_of or key in self.late

    def _idf(self, df: int) -> float:
        total = len(self.times) + len(self.late) + PRIOR_DOCS
        return math.log(1.0 + (total - df + 0.5) / (df + 0.5))

    def _tdf(self, tid: int) -> int:
        """Document frequency of a term id, counting the late statements too."""
        n = len(self.postings[tid])
        return n + self.late_df.get(self.term_of[tid], 0) if self.late_df else n

    def _df(self, t: Hashable) -> int:
        tid = self.term_id.get(t)
        return (len(self.postings[tid]) if tid is not None else 0) + self.late_df.get(t, 0)

    def idf(self, term: Hashable) -> float:
        """The IDF a lookup weighs `term` with now (for evidence: which shared words tell most)."""
        return self._idf(self._df(term))

    def _mask(self, frames: Iterable[str]) -> int:
        m = 0
        for f in frames:
            m |= self.frame_bit.get(f, 0)
        return m

    def add(self, when: int, country: str | None, lang: str, frames: Iterable[str], lemmas: Iterable[Hashable],
            keys: Iterable[Hashable], *, key: int | None = None) -> int:
        """Store one statement made at epoch second `when`. Without a `key`, it must not be older
        than the last one added (a bulk load sorts its history first); with one, an older
        statement goes to the `late` list. A key already held is replaced."""
        if key is not None and key in self:
            self.remove(key)
        if self.times and when < self.ceiling[-1] - self.disorder:
            if key is None:
                raise ValueError("statements must be added in time order (sort the history first)")
            return self._add_late(key, when, country, lang, frames, lemmas, keys)
        sid = len(self.times)
        self.keys.append(sid if key is None else key)
        if key is not None:
            self.sid_of[key] = sid
        tids = []
        key_tids = []
        for t in set(lemmas) | set(keys):
            tid = self.term_id.get(t)
            if tid is None:
                tid = self.term_id[t] = len(self.postings)
                self.postings.append(array("i"))
                self.term_of.append(t)
            self.postings[tid].append(sid)
            tids.append(tid)
        for t in set(keys):
            key_tids.append(self.term_id[t])
        self.key_tids.update(key_tids)
        self.times.append(when)
        self.ceiling.append(max(when, self.ceiling[-1]) if self.ceiling else when)
        self.masks.append(self._mask(frames))
        self.country.append(self.country_code.get(country or "", 0))
        self.langs.append({"en": 0, "ru": 1}.get(lang, 2))
        self.norms.append(math.sqrt(sum(self._idf(self._tdf(t)) ** 2 for t in tids)))
        self.cross_norms.append(math.sqrt(sum(self._idf(self._tdf(t)) ** 2 for t in key_tids)))
        self.terms.append(array("i", tids))
        return sid

    def _add_late(self, key: int, when: int, country: str | None, lang: str, frames: Iterable[str],
                  lemmas: Iterable[Hashable], keys: Iterable[Hashable]) -> int:
        ks = frozenset(keys)
        terms = frozenset(lemmas) | ks
        for t in terms:
            self.late_df[t] = self.late_df.get(t, 0) + 1
        w = {t: self.idf(t) ** 2 for t in terms}
        self.late[key] = _Late(key, when, self._mask(frames), self.country_code.get(country or "", 0),
                               {"en": 0, "ru": 1}.get(lang, 2), terms, ks, math.sqrt(sum(w.values())),
                               math.sqrt(sum(w[t] for t in ks)))
        return -1

    def remove(self, key: int) -> None:
        """No candidate any more (its row changed or is gone)."""
        sid = self.sid_of.pop(key, None)
        if sid is not None:
            self.masks[sid] = 0  # a statement without frames is never a candidate
            self.country[sid] = 0
        late = self.late.pop(key, None)
        if late is not None:
            for t in late.terms:
                n = self.late_df.get(t, 0) - 1
                if n > 0:
                    self.late_df[t] = n
                else:
                    self.late_df.pop(t, None)

    def refresh_norms(self) -> None:
        """Norms with the IDF of now (after a bulk load, or when the index has grown a lot)."""
        keys = self.key_tids
        for sid, tids in enumerate(self.terms):
            w = [self._idf(self._tdf(t)) ** 2 for t in tids]
            self.norms[sid] = math.sqrt(sum(w))
            self.cross_norms[sid] = math.sqrt(sum(x for t, x in zip(tids, w, strict=True) if t in keys))
        for k, st in list(self.late.items()):
            wl = {t: self.idf(t) ** 2 for t in st.terms}
            self.late[k] = _Late(st.key, st.when, st.mask, st.country, st.lang, st.terms, st.keys,
                                 math.sqrt(sum(wl.values())), math.sqrt(sum(wl[t] for t in st.keys)))

    def lookup(self, when: int, within: int, lang: str, frames: Iterable[str], lemmas: Iterable[Hashable],
               keys: Iterable[Hashable], countries: Iterable[str], *, min_score: float = 0.0,
               limit: int = 3) -> list[Hit]:
        """The statements of `countries` made in [when - within, when) that the new statement
        echoes best (same score as `echo_score`, up to the IDF drift of stored norms)."""
        qmask = self._mask(frames)
        if not qmask or not len(self):
            return []
        wanted_codes = {self.country_code[c] for c in countries if c in self.country_code}
        late = self._late_hits(when, within, lang, qmask, lemmas, keys, wanted_codes, min_score) \
            if self.late else []
        hits = self._lookup(when, within, lang, qmask, lemmas, keys, wanted_codes, min_score=min_score,
                            limit=limit) if self.times else []
        if late:
            hits = sorted(hits + late, key=lambda h: -h.score)[:limit]
        return hits

    def _late_hits(self, when: int, within: int, lang: str, qmask: int, lemmas: Iterable[Hashable],
                   keys: Iterable[Hashable], wanted: set[int], min_score: float) -> list[Hit]:
        """The late statements' scores, the same formula as the index's (a plain loop: few)."""
        qkeys = frozenset(keys)
        qterms = frozenset(lemmas) | qkeys
        qlang = {"en": 0, "ru": 1}.get(lang, 2)
        w = {t: self.idf(t) ** 2 for t in qterms}
        qn, qn_cross = math.sqrt(sum(w.values())), math.sqrt(sum(w[t] for t in qkeys))
        out = []
        for st in self.late.values():
            if not (when - within <= st.when < when) or not st.mask & qmask or st.country not in wanted:
                continue
            cross = st.lang != qlang
            shared = (qkeys & st.keys) if cross else (qterms & st.terms)
            if not shared:
                continue
            # the norm with the IDF of now (few late statements: always exact)
            norm = math.sqrt(sum(self.idf(t) ** 2 for t in (st.keys if cross else st.terms)))
            qnorm = qn_cross if cross else qn
            if not shared or not norm or not qnorm:
                continue
            cos = sum(w[t] for t in shared) / (norm * qnorm)
            if cross:
                cos = min(1.0, cos * CROSS_BOOST)
            jac = bin(st.mask & qmask).count("1") / bin(st.mask | qmask).count("1")
            score = cos * (1.0 - FRAME_WEIGHT + FRAME_WEIGHT * jac)
            if score >= min_score and score > 0:
                out.append(Hit(st.key, round(score, 4)))
        return out

    def _lookup(self, when: int, within: int, lang: str, qmask: int, lemmas: Iterable[Hashable],
                keys: Iterable[Hashable], wanted_codes: set[int], *, min_score: float, limit: int) -> list[Hit]:
        ceiling = np.frombuffer(self.ceiling, dtype=np.int64)
        # ids whose running maximum is past the window's start, up to those made `disorder`
        # after its end (a statement added that much out of order may still be in it)
        lo, hi = (int(x) for x in ceiling.searchsorted(np.array([when - within, when + self.disorder],
                                                                  dtype=np.int64)))
        if lo >= hi:
            return []
        times_w = np.frombuffer(self.times, dtype=np.int64)[lo:hi]
        qlang = {"en": 0, "ru": 1}.get(lang, 2)
        width = hi - lo
        bounds = np.array([lo, hi], dtype=np.int32)
        # the candidates first: a shared frame and a reference country, over the window's ids
        masks_w = np.frombuffer(self.masks, dtype=np.int64)[lo:hi]
        wanted = np.zeros(256, dtype=bool)  # country code -> wanted (a table beats np.isin)
        wanted[list(wanted_codes)] = True
        ok = ((masks_w & qmask) != 0) & wanted[np.frombuffer(self.country, dtype=np.uint8)[lo:hi]] \
            & (times_w >= when - within) & (times_w < when)
        if not ok.any():
            return []
        # then term-at-a-time into dense accumulators over the window (bincount: no sorting)
        keyset = set(keys)
        offs: list[Any] = []
        weights: list[float] = []
        lens: list[int] = []
        key_offs: list[Any] = []
        key_weights: list[float] = []
        key_lens: list[int] = []
        qnorm = qnorm_cross = 0.0
        late_df = self.late_df
        for t in set(lemmas) | keyset:
            tid = self.term_id.get(t)
            df = len(self.postings[tid]) if tid is not None else 0
            if late_df:
                df += late_df.get(t, 0)
            w2 = self._idf(df) ** 2
            qnorm += w2
            is_key = t in keyset
            if is_key:
                qnorm_cross += w2
            if tid is None:
                continue
            post = np.frombuffer(self.postings[tid], dtype=np.int32)
            # the needles in the postings' own dtype: mixed dtypes make numpy copy the whole list
            a, b = (int(x) for x in post.searchsorted(bounds))
            if a == b:
                continue
            offs.append(post[a:b])
            weights.append(w2)
            lens.append(b - a)
            if is_key:
                key_offs.append(post[a:b])
                key_weights.append(w2)
                key_lens.append(b - a)
        if not offs:
            return []
        same_all = np.bincount(np.concatenate(offs) - lo, weights=np.repeat(weights, lens), minlength=width)
        cross_all = (np.bincount(np.concatenate(key_offs) - lo, weights=np.repeat(key_weights, key_lens),
                                 minlength=width) if key_offs else np.zeros(width))
        pos = np.nonzero(ok & ((same_all > 0) | (cross_all > 0)))[0]
        if not len(pos):
            return []
        cand = pos + lo
        same, cross = same_all[pos], cross_all[pos]
        masks = masks_w[pos]
        shared = masks & qmask
        is_cross = np.frombuffer(self.langs, dtype=np.int8)[cand] != qlang
        norms = np.where(is_cross, np.frombuffer(self.cross_norms, dtype=np.float64)[cand],
                         np.frombuffer(self.norms, dtype=np.float64)[cand])
        num = np.where(is_cross, cross, same)
        qn = np.where(is_cross, math.sqrt(qnorm_cross), math.sqrt(qnorm))
        with np.errstate(divide="ignore", invalid="ignore"):
            cos = np.where(norms > 0, num / (norms * qn), 0.0)
        cos = np.where(is_cross, np.minimum(1.0, cos * CROSS_BOOST), cos)
        jac = np.bitwise_count(shared) / np.bitwise_count(masks | qmask)
        score = cos * (1.0 - FRAME_WEIGHT + FRAME_WEIGHT * jac)
        # the stored norms carry the IDF of when each statement was added: good enough to rank,
        # not to report. The best few (with slack) are scored again with the IDF of now, so a
        # score depends on what the index holds, not on the order it was filled in.
        pre = limit * 3 + 8
        keep = np.nonzero((score >= min_score * SLACK) & (score > 0))[0]
        if len(keep) > pre:
            keep = keep[np.argpartition(-score[keep], pre - 1)[:pre]]
        ids = np.frombuffer(self.keys, dtype=np.int64)
        out = []
        for i in keep:
            sid = int(cand[i])
            tids = self.terms[sid]
            if is_cross[i]:
                norm = math.sqrt(sum(self._idf(self._tdf(t)) ** 2 for t in tids if t in self.key_tids))
            else:
                norm = math.sqrt(sum(self._idf(self._tdf(t)) ** 2 for t in tids))
            c = float(num[i]) / (norm * float(qn[i])) if norm > 0 else 0.0
            if is_cross[i]:
                c = min(1.0, c * CROSS_BOOST)
            sc = c * (1.0 - FRAME_WEIGHT + FRAME_WEIGHT * float(jac[i]))
            if sc >= min_score and sc > 0:
                out.append(Hit(int(ids[sid]), round(sc, 4)))
        out.sort(key=lambda h: (-h.score, h.id))
        return out[:limit]
