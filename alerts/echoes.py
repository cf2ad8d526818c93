"""Frames, echoes and cross-language versions of stored quotes (extraction time, in its transaction).

For each quote of an article, `index_article`:
1. tags its frames and computes its features (narratives/, pure) into `quote_narratives` and
   `quote_frames`;
2. links versions: the same speaker's quote in the other language within `version_hours`
   that `narratives.echo.same_statement` accepts is one statement; the new quote joins that
   quote's cluster (so a rule alerts once per statement, not once per language) and a
   `quote_echoes` row of kind "version" records the link;
3. finds echoes: for a quote by a speaker of a watched country, the earlier quotes (within
   `within_days`) by speakers of a reference country that share a frame, scored by
   `narratives.echo.echo_score` with IDF over those candidates; the best `max_per_quote` at or
   above `min_score` become rows of kind "echo". A reference quote that arrives after the
   watched one it was echoed by (crawl order is not speech order) is linked the same way.

Re-running it gives the same rows: each quote's rows are brought to the computed set (updated
in place, stale ones deleted), never appended twice (unique quote, echoed quote, kind).
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from alerts.novelty import speaker_key
from alerts.rules import EchoFact
from config.leaders import Leader
from config.narratives import NarrativesFile, load_narratives
from narratives import configured_tagger
from narratives.echo import Echo, Statement, idf_from_counts, same_statement
from narratives.features import Features, quote_features
from narratives.frames import quote_frames, sentence_around
from narratives.index import EchoIndex, Hit
from narratives.lemmas import tokens
from storage.models import Article, Quote, QuoteEcho, QuoteFrame, QuoteNarrative, utcnow

log = logging.getLogger(__name__)

def statement_of(row: Any) -> Statement:
    """A `quote_narratives` row (or a result row with its columns) as echo scoring sees it."""
    return Statement(Features(row.lang, frozenset(row.lemmas or ()), frozenset(row.keys or ()), row.length),
                     frozenset(f["frame"] for f in row.frames or ()))


def _upsert_narrative(session: Session, quote: Quote, article: Article, leader: Leader | None,
                      cfg: NarrativesFile, row: QuoteNarrative | None, have: set[str]) -> QuoteNarrative:
    """Write the quote's narrative row and frame rows (`row`, `have`: what is stored already)."""
    toks = tokens(quote.text)
    # frames and similarity from the speaker's words in their sentence (see narratives.frames.quote_frames)
    around = sentence_around(article.body or "", quote.start, quote.end)
    around_toks = tokens(around) if around else None  # read by both
    matches = quote_frames(configured_tagger(cfg), quote.text, quote.lang, around, toks, around_toks)
    feats = quote_features(quote.text, quote.lang, toks, around, around_toks)
    if row is None:
        row = QuoteNarrative(quote_id=quote.id)
        session.add(row)
    row.lang = feats.lang
    row.speaker_key = speaker_key(quote.speaker_id, quote.speaker_name)
    row.speaker_country = leader.country if leader else None
    row.spoken_at = article.published_at or article.first_seen_at or utcnow()
    row.frames = [{"frame": m.frame, "words": list(m.words), **({"learned": True} if m.learned else {})}
                  for m in matches]
    row.lemmas = sorted(feats.lemmas)
    row.keys = sorted(feats.keys)
    row.length = feats.length
    want = {m.frame for m in matches}
    if have - want:
        session.execute(delete(QuoteFrame).where(QuoteFrame.quote_id == quote.id,
                                                 QuoteFrame.frame_id.in_(have - want)))
    session.add_all(QuoteFrame(frame_id=f, quote_id=quote.id) for f in sorted(want - have))
    return row


_COLUMNS = (QuoteNarrative.quote_id, QuoteNarrative.lang, QuoteNarrative.spoken_at, QuoteNarrative.frames,
            QuoteNarrative.lemmas, QuoteNarrative.keys, QuoteNarrative.length)
_INDEXED = (*_COLUMNS, QuoteNarrative.speaker_country)  # what the process's index is made from

LATE_MAX = 5_000  # statements more than `disorder` (3 days) out of order before a rebuild from the database
SYNC_BACK = 2_000  # quote ids below the highest seen that a sync looks at again (see _LiveIndex.sync)
LATER_MAX = 200  # watched quotes a late reference quote is compared with (bounded work)


def _epoch(t: datetime) -> int:
    if t.tzinfo is None:  # SQLite hands back naive UTC
        t = t.replace(tzinfo=UTC)
    return int(t.timestamp())


class _LiveIndex:
    """The process's `narratives.index.EchoIndex` over the stored statements of the watched and
    reference countries that have a frame: the lookup `bench/echo.py` measures, here kept in
    step with the database.

    - Loaded once per process (per database and narratives.yaml), oldest first, on first use.
    - `put` adds or replaces one statement (this transaction's quotes, before their lookups, so
      that a re-run sees the same document frequencies as the first run).
    - `sync`, once per article, reads what other processes stored since: quote ids above the
      highest seen, and, because concurrent transactions commit out of id order, the last
      SYNC_BACK ids again (ids only) when their count and sum differ from those seen; rows seen
      already are skipped by a signature of their content.
    - A hit is checked against its row before it is used (`_verified`): a row gone (a rolled
      back transaction, a deleted quote) or changed elsewhere is dropped or re-put, and the
      lookup runs again.
    Scores use the index's IDF over all statements held, so they move slightly as the store
    grows; a re-run against the same store gives the same rows."""

    def __init__(self, cfg: NarrativesFile, owner: tuple[int, str]):
        self.owner = owner
        self.countries = set(cfg.echo.watched) | set(cfg.echo.reference)
        self.idx = EchoIndex([f.id for f in cfg.frames], sorted(self.countries))
        self.sig: dict[int, tuple[Any, ...]] = {}  # quote id -> what its entry was made from
        self.seen: set[int] = set()  # quote ids of the last SYNC_BACK read (any country), for sync
        self.high = 0

    def put(self, qid: int, spoken_at: datetime, country: str | None, lang: str, frames: Sequence[str],
            lemmas: Sequence[str], keys: Sequence[str]) -> None:
        if country not in self.countries or not frames:
            self.drop(qid)
            return
        # the words by hash: a copy of every statement's terms would double the index's memory
        sig = (_epoch(spoken_at), country, lang, tuple(sorted(frames)), hash(tuple(sorted(lemmas))),
               hash(tuple(sorted(keys))))
        if self.sig.get(qid) == sig:
            return
        self.idx.add(sig[0], country, lang, frames, lemmas, keys, key=qid)
        self.sig[qid] = sig

    def drop(self, qid: int) -> None:
        if qid in self.idx:
            self.idx.remove(qid)
        self.sig.pop(qid, None)

    def put_row(self, r: Any) -> None:
        self.put(r.quote_id, r.spoken_at, r.speaker_country, r.lang, [f["frame"] for f in r.frames or ()],
                 r.lemmas or (), r.keys or ())

    def load(self, session: Session) -> None:
        q = (select(*_INDEXED)
             .where(QuoteNarrative.speaker_country.in_(sorted(self.countries)))
             .order_by(QuoteNarrative.spoken_at, QuoteNarrative.quote_id))
        for r in session.execute(q).yield_per(5000):
            self.put_row(r)
        self.high = session.scalar(select(func.max(QuoteNarrative.quote_id))) or 0
        self.seen = set(session.scalars(select(QuoteNarrative.quote_id).where(
            QuoteNarrative.quote_id > self.high - SYNC_BACK)))
        self.idx.refresh_norms()

    def sync(self, session: Session) -> None:
        lo = self.high - SYNC_BACK
        # Most syncs find nothing committed out of order below the highest id seen: a count
        # and a sum of the ids there say so, and then only the ids above it are read (reading
        # the last SYNC_BACK ids for each article cost more than the rest of the sync).
        mine = [i for i in self.seen if lo < i <= self.high]
        n, total = session.execute(select(func.count(), func.coalesce(func.sum(QuoteNarrative.quote_id), 0))
                                   .where(QuoteNarrative.quote_id > lo, QuoteNarrative.quote_id <= self.high)).one()
        if (n, total) == (len(mine), sum(mine)):
            # only rows above it are new: read them at once, ids and all
            rows = list(session.execute(select(*_INDEXED).where(QuoteNarrative.quote_id > self.high)
                                        .order_by(QuoteNarrative.spoken_at, QuoteNarrative.quote_id)))
            self._saw({r.quote_id for r in rows})
            for r in rows:
                self.put_row(r)
            return
        # a late commit, or a row gone: every id of the window again, and the window as it is now
        ids = set(session.scalars(select(QuoteNarrative.quote_id).where(QuoteNarrative.quote_id > lo)))
        new = sorted(ids - self.seen)
        self.seen = set()
        self._saw(ids)
        for i in range(0, len(new), 500):
            q = (select(*_INDEXED)
                 .where(QuoteNarrative.quote_id.in_(new[i:i + 500]))
                 .order_by(QuoteNarrative.spoken_at, QuoteNarrative.quote_id))
            for r in session.execute(q):
                self.put_row(r)

    def _saw(self, ids: set[int]) -> None:
        self.seen |= ids
        self.high = max(self.high, max(ids, default=0))
        if len(self.seen) > 2 * SYNC_BACK:  # ids below the window are never asked about again
            self.seen = {i for i in self.seen if i > self.high - SYNC_BACK}


_LIVE: list[_LiveIndex] = []  # one, for the database and narratives.yaml of the last use


def _live(session: Session, cfg: NarrativesFile) -> _LiveIndex:
    owner = (id(cfg), str(session.get_bind().engine.url))
    live = _LIVE[0] if _LIVE else None
    if live is None or live.owner != owner or live.idx.late_count > LATE_MAX:
        _LIVE.clear()
        live = _LiveIndex(cfg, owner)
        _LIVE.append(live)
        with session.no_autoflush:
            live.load(session)
    return live


def reset_live_index() -> None:
    """Forget the process's echo index (the next use loads it again)."""
    _LIVE.clear()


def _evidence(new: Statement, old: Statement, score: float, idx: EchoIndex) -> Echo:
    """The echo row's evidence: shared frames, and the shared terms that tell most (highest IDF)."""
    cross = new.features.lang != old.features.lang
    shared = new.features.terms(cross) & old.features.terms(cross)
    words = sorted(shared, key=lambda t: (-idx.idf(t), t))[:12]
    return Echo(score, tuple(sorted(new.frames & old.frames)), tuple(words), cross)


def _verified(session: Session, live: _LiveIndex, hits: list[Hit]) -> tuple[dict[int, Any], bool]:
    """The rows of the hits (quote id -> row), and whether the index had to be corrected (a hit's
    row gone or changed since it was put): then the caller looks up again."""
    if not hits:
        return {}, False
    ids = [h.id for h in hits]
    rows = {r.quote_id: r for r in session.execute(
        select(*_INDEXED).where(QuoteNarrative.quote_id.in_(ids)))}
    stale = False
    for qid in ids:
        r = rows.get(qid)
        if r is None:
            live.drop(qid)
            stale = True
            continue
        before = live.sig.get(qid)
        live.put_row(r)
        if live.sig.get(qid) != before:
            stale = True
    return rows, stale


def _lookup(session: Session, live: _LiveIndex, st: Statement, at: datetime, until: datetime,
            countries: Sequence[str], min_score: float, limit: int, exclude: int) -> list[tuple[Any, Hit]]:
    """Statements of `countries` made in [at, until] that `st` echoes best: (row, hit), best first."""
    f = st.features
    for _attempt in range(3):
        hits = [h for h in live.idx.lookup(_epoch(until) + 1, _epoch(until) + 1 - _epoch(at), f.lang, st.frames,
                                           f.lemmas, f.keys, countries, min_score=min_score, limit=limit + 1)
                if h.id != exclude][:limit]
        rows, stale = _verified(session, live, hits)
        if not stale:
            return [(rows[h.id], h) for h in hits]
    return [(rows[h.id], h) for h in hits if h.id in rows]


def _echoes_for(session: Session, row: QuoteNarrative, cfg: NarrativesFile,
                live: _LiveIndex | None = None) -> dict[int, tuple[Echo, int]]:
    st = statement_of(row)
    if row.speaker_country not in cfg.echo.watched or not st.frames:
        return {}
    live = live or _live(session, cfg)
    since = row.spoken_at - timedelta(days=cfg.echo.within_days)
    found = _lookup(session, live, st, since, row.spoken_at, cfg.echo.reference, cfg.echo.min_score,
                    cfg.echo.max_per_quote, row.quote_id)
    return {r.quote_id: (_evidence(st, statement_of(r), h.score, live.idx),
                         int((row.spoken_at - r.spoken_at).total_seconds())) for r, h in found}


def _echoed_later(session: Session, row: QuoteNarrative, cfg: NarrativesFile,
                  live: _LiveIndex | None = None) -> None:
    """A reference quote stored after watched quotes that echo it (crawl order is not speech
    order): the index finds the watched statements of the following `within_days` it scores
    with (the score is symmetric), and the pair is added where it is among that quote's best
    `max_per_quote`."""
    if row.speaker_country not in cfg.echo.reference or not row.frames:
        return
    live = live or _live(session, cfg)
    old = statement_of(row)
    until = row.spoken_at + timedelta(days=cfg.echo.within_days)
    later = [(w, h) for w, h in _lookup(session, live, old, row.spoken_at, until, cfg.echo.watched,
                                        cfg.echo.min_score, LATER_MAX, row.quote_id)
             if w.spoken_at > row.spoken_at]
    for w, h in later:
        have = {r.echoed_quote_id: r for r in session.scalars(
            select(QuoteEcho).where(QuoteEcho.quote_id == w.quote_id, QuoteEcho.kind == "echo"))}
        if row.quote_id in have:
            continue
        if len(have) >= cfg.echo.max_per_quote:
            worst = min(have.values(), key=lambda r: (r.score, r.echoed_quote_id))
            if worst.score >= h.score:
                continue
            session.delete(worst)
        e = _evidence(statement_of(w), old, h.score, live.idx)
        lag = int((w.spoken_at - row.spoken_at).total_seconds())
        session.add(QuoteEcho(quote_id=w.quote_id, echoed_quote_id=row.quote_id, kind="echo", lag_seconds=lag,
                              score=e.score, evidence=e.evidence()))
    session.flush()


def _set_rows(session: Session, rows: dict[int, QuoteEcho], quote_id: int, kind: str,
              found: dict[int, tuple[Echo, int]]) -> None:
    """Make the quote's rows of `kind` (`rows`: echoed quote id -> the stored row) equal `found`
    (echoed quote id -> (echo, lag))."""
    for qid, r in rows.items():
        if qid not in found:
            session.delete(r)
    for qid, (e, lag) in found.items():
        old = rows.get(qid)
        if old is None:
            session.add(QuoteEcho(quote_id=quote_id, echoed_quote_id=qid, kind=kind, lag_seconds=lag,
                                  score=e.score, evidence=e.evidence()))
        else:
            old.lag_seconds, old.score, old.evidence = lag, e.score, e.evidence()


def _idf(statements: Sequence[Statement]) -> Any:
    """IDF over a few statements (a speaker's around one, for versions; see idf_from_counts)."""
    df: Counter[str] = Counter()
    for st in statements:
        df.update(st.features.lemmas | st.features.keys)
    return idf_from_counts(dict(df), len(statements))


@dataclass(frozen=True)
class _Said:
    """A statement as version matching needs it (plain values: this runs per quote of a transcript)."""

    quote_id: int
    spoken_at: datetime
    statement: Statement


def _version_pool(session: Session, rows: Sequence[QuoteNarrative], exclude: Sequence[int],
                  cfg: NarrativesFile) -> dict[str, dict[str, list[_Said]]]:
    """speaker key -> language -> the stored statements (other articles) of the article's
    speakers made within `version_hours` of its statements: one query for the whole article."""
    keys = sorted({r.speaker_key for r in rows if r.speaker_key})
    pool: dict[str, dict[str, list[_Said]]] = defaultdict(lambda: defaultdict(list))
    if not keys:
        return pool
    hours = timedelta(hours=cfg.echo.version_hours)
    times = [r.spoken_at for r in rows]
    q = select(*_COLUMNS, QuoteNarrative.speaker_key).where(
        QuoteNarrative.speaker_key.in_(keys), QuoteNarrative.spoken_at >= min(times) - hours,
        QuoteNarrative.spoken_at <= max(times) + hours, QuoteNarrative.quote_id.not_in(list(exclude)))
    langs = {r.lang for r in rows}
    if len(langs) == 1:
        # a version is in another language (`_version_of`): when the article's statements are
        # all in one, the speaker's statements in that language are never candidates, and they
        # are most of them (a speaker quoted all day by one language's press)
        q = q.where(QuoteNarrative.lang != langs.pop())
    found = session.execute(q.order_by(QuoteNarrative.quote_id.desc()).limit(5000))
    for r in found:
        pool[r.speaker_key][r.lang].append(_Said(r.quote_id, r.spoken_at, statement_of(r)))
    return pool


def _version_of(quote_id: int, spoken_at: datetime, st: Statement, by_lang: dict[str, list[_Said]],
                cfg: NarrativesFile) -> tuple[_Said, Echo] | None:
    """The earlier statement (of `by_lang`: the speaker's statements around this one, by
    language) that is this statement in another language, if any."""
    hours = timedelta(hours=cfg.echo.version_hours)
    cands = [c for lang, said in by_lang.items() if lang != st.features.lang for c in said
             if c.quote_id < quote_id and abs(c.spoken_at - spoken_at) <= hours][:200]
    if not cands:
        return None
    idf = _idf([c.statement for c in cands])
    best: tuple[_Said, Echo] | None = None
    for c in cands:
        e = same_statement(st, c.statement, idf)
        if e is not None and (best is None or e.score > best[1].score):
            best = (c, e)
    return best


def _stored(ids: Sequence[int], session: Session, *, echoes: bool
            ) -> tuple[dict[int, QuoteNarrative], dict[int, set[str]], dict[tuple[int, str], dict[int, QuoteEcho]]]:
    """What is stored for these quotes: narrative rows, frame ids, and (`echoes`) echo and version rows
    by (quote id, kind) and echoed quote id; a few queries per 500 quotes."""
    narr: dict[int, QuoteNarrative] = {}
    have: dict[int, set[str]] = defaultdict(set)
    stored: dict[tuple[int, str], dict[int, QuoteEcho]] = defaultdict(dict)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        narr.update((r.quote_id, r) for r in session.scalars(
            select(QuoteNarrative).where(QuoteNarrative.quote_id.in_(chunk))))
        for fid, qid in session.execute(select(QuoteFrame.frame_id, QuoteFrame.quote_id)
                                        .where(QuoteFrame.quote_id.in_(chunk))):
            have[qid].add(fid)
        if echoes:
            for er in session.scalars(select(QuoteEcho).where(QuoteEcho.quote_id.in_(chunk))):
                stored[(er.quote_id, er.kind)][er.echoed_quote_id] = er
    return narr, have, stored


def _article_quotes(session: Session, article_id: int, quotes: Sequence[Quote] | None = None) -> list[Quote]:
    """The article's quotes at their place in its text, oldest id first."""
    if quotes is None:
        quotes = list(session.scalars(select(Quote).where(Quote.article_id == article_id, Quote.start >= 0)))
    return sorted((q for q in quotes if q.start >= 0), key=lambda q: q.id)


def tag_article(session: Session, article_id: int, leaders: dict[str, Leader], cfg: NarrativesFile) -> int:
    """Only the frames of the article's quotes (their narrative and frame rows), no echo lookup: the
    first pass of `alerts.retag`, so that its echo pass sees every statement with its new frames.
    Returns how many quotes have a frame."""
    article = session.get(Article, article_id)
    if article is None:
        return 0
    quotes = _article_quotes(session, article_id)
    narr, have, _ = _stored([q.id for q in quotes], session, echoes=False)
    with session.no_autoflush:
        rows = [_upsert_narrative(session, q, article, leaders.get(q.speaker_id or ""), cfg, narr.get(q.id),
                                  have[q.id]) for q in quotes]
    session.flush()
    return sum(1 for r in rows if r.frames)


def index_article(session: Session, article_id: int, leaders: dict[str, Leader],
                  cfg: NarrativesFile | None = None, quotes: Sequence[Quote] | None = None,
                  new: Iterable[int] = (), tagged: bool = False) -> dict[str, int]:
    """Frames, versions and echoes of the article's quotes (see the module doc). Returns counts.
    `quotes`: the article's quote rows when the caller has just stored them (else they are read);
    `new`: the ids of those inserted in this transaction, which have no rows of their own yet;
    `tagged`: `tag_article` has just written their frames (alerts.retag), so stored rows are reused.

    What is stored for the article is read in a few queries up front and everything is written
    in one flush at the end: a transcript can hold thousands of quotes."""
    cfg = cfg or load_narratives()
    article = session.get(Article, article_id)
    if article is None:
        return {}
    quotes = _article_quotes(session, article_id, quotes)
    counts = {"quotes": len(quotes), "framed": 0, "echoes": 0, "versions": 0}
    if not quotes:
        return counts
    ids = [q.id for q in quotes]
    fresh = set(new)
    # a new article's quotes have nothing stored to read
    narr, have, stored = _stored([i for i in ids if i not in fresh], session, echoes=True)
    with session.no_autoflush:
        rows = [row if tagged and (row := narr.get(q.id)) is not None else
                _upsert_narrative(session, q, article, leaders.get(q.speaker_id or ""), cfg, narr.get(q.id), have[q.id])
                for q in quotes]
        # the statements in the process's echo index before any lookup: what other processes
        # stored since, then these (so that a re-run sees the IDF the first run saw); flushed
        # first, as a hit is checked against its row
        session.flush()
        live = _live(session, cfg)
        live.sync(session)
        for row in rows:
            live.put_row(row)
        # the speakers' statements around these: stored ones, then this article's as they come
        pool = _version_pool(session, rows, ids, cfg)
        by_id = {q.id: q for q in quotes}
        for q, row in zip(quotes, rows, strict=True):
            counts["framed"] += bool(row.frames)
            key, spoken, st = row.speaker_key, row.spoken_at, statement_of(row)
            version = _version_of(q.id, spoken, st, pool[key], cfg) if key else None
            if key:
                pool[key][st.features.lang].append(_Said(q.id, spoken, st))
            found: dict[int, tuple[Echo, int]] = {}
            if version is not None:
                other, e = version
                found[other.quote_id] = (e, int((spoken - other.spoken_at).total_seconds()))
                partner = by_id.get(other.quote_id) or session.get(Quote, other.quote_id)
                if q.cluster_id is None and partner is not None:
                    # one statement, one cluster: rules alert once per (rule, cluster)
                    q.cluster_id = partner.cluster_id or partner.id
                counts["versions"] += 1
            _set_rows(session, stored[(q.id, "version")], q.id, "version", found)
            echoes = _echoes_for(session, row, cfg, live)
            _set_rows(session, stored[(q.id, "echo")], q.id, "echo", echoes)
            counts["echoes"] += len(echoes)
            _echoed_later(session, row, cfg, live)
    session.flush()
    if counts["echoes"] or counts["versions"]:
        log.info("article %s: %d quotes with frames, %d echoes, %d cross-language versions", article_id,
                 counts["framed"], counts["echoes"], counts["versions"])
    return counts


def ensure_indexed(session: Session, quotes: Iterable[Quote], leaders: dict[str, Leader],
                   cfg: NarrativesFile | None = None) -> None:
    """Index quotes stored before narratives existed (backtests over old data); oldest first."""
    cfg = cfg or load_narratives()
    todo = sorted({q.article_id for q in quotes if session.get(QuoteNarrative, q.id) is None})
    for aid in todo:
        index_article(session, aid, leaders, cfg)


def facts_of(session: Session, quote_ids: Sequence[int]
             ) -> dict[int, tuple[tuple[str, ...], tuple[EchoFact, ...]]]:
    """Frames and echoes of many quotes at once (two queries per 500), for the rules."""
    out: dict[int, tuple[tuple[str, ...], tuple[EchoFact, ...]]] = {}
    frames: dict[int, tuple[str, ...]] = {}
    echoes: dict[int, list[EchoFact]] = defaultdict(list)
    ids = list(quote_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for qid, fr in session.execute(select(QuoteNarrative.quote_id, QuoteNarrative.frames)
                                       .where(QuoteNarrative.quote_id.in_(chunk))):
            frames[qid] = tuple(f["frame"] for f in fr or [])
        for e_qid, lag, score, country, key in session.execute(
                select(QuoteEcho.quote_id, QuoteEcho.lag_seconds, QuoteEcho.score, QuoteNarrative.speaker_country,
                       QuoteNarrative.speaker_key)
                .join(QuoteNarrative, QuoteNarrative.quote_id == QuoteEcho.echoed_quote_id)
                .where(QuoteEcho.quote_id.in_(chunk), QuoteEcho.kind == "echo")):
            echoes[e_qid].append(EchoFact(country, key, lag, score))
    for qid in ids:
        out[qid] = (frames.get(qid, ()), tuple(echoes.get(qid, ())))
    return out


def facts(session: Session, quote_id: int) -> tuple[tuple[str, ...], tuple[EchoFact, ...]]:
    """The quote's frames and its echoes, for the rules."""
    row = session.get(QuoteNarrative, quote_id)
    frames = tuple(f["frame"] for f in (row.frames if row else []) or [])
    rows = session.execute(
        select(QuoteEcho, QuoteNarrative).join(QuoteNarrative, QuoteNarrative.quote_id == QuoteEcho.echoed_quote_id)
        .where(QuoteEcho.quote_id == quote_id, QuoteEcho.kind == "echo")).all()
    return frames, tuple(EchoFact(n.speaker_country, n.speaker_key, e.lag_seconds, e.score) for e, n in rows)


@dataclass(frozen=True)
class EchoView:
    """An echo as alerts, the digest and the CLI show it."""

    quote_id: int
    echoed_quote_id: int
    speaker: str
    echoed_speaker: str
    text: str
    echoed_text: str
    url: str
    echoed_url: str
    spoken_at: datetime
    echoed_at: datetime
    lag_seconds: int
    score: float
    frames: tuple[str, ...]
    words: tuple[str, ...]
    cross_language: bool
    cluster_id: int = 0  # the echoing statement's cluster (its versions and reprints share it)
    echoed_cluster_id: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"quote_id": self.quote_id, "echoed_quote_id": self.echoed_quote_id, "speaker": self.speaker,
                "echoed_speaker": self.echoed_speaker, "text": self.text, "echoed_text": self.echoed_text,
                "url": self.url, "echoed_url": self.echoed_url, "spoken_at": self.spoken_at.isoformat(),
                "echoed_at": self.echoed_at.isoformat(), "lag_seconds": self.lag_seconds,
                "lag": describe_lag(self.lag_seconds), "score": round(self.score, 3),
                "frames": list(self.frames), "words": list(self.words), "cross_language": self.cross_language}


def shown_words(words: Sequence[str]) -> list[str]:
    """Evidence terms for people: concepts without their "c:" tag, names and dates left out
    (their skeletons read badly), lemmas and numbers as they are."""
    out = []
    for w in words:
        if w.startswith(("n:", "d:")):
            continue
        w = w[2:].replace("_", " ") if w.startswith("c:") else w
        if w not in out:
            out.append(w)
    return out


def describe_lag(seconds: int) -> str:
    """"4 days", "1 day", "7 hours", "35 minutes": the largest unit that fits, rounded (3 days
    and 19 hours read as "4 days")."""
    s = abs(int(seconds))
    for unit, n in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if s >= n:
            k = int(s / n + 0.5)
            return f"{k} {unit}{'' if k == 1 else 's'}"
    return "moments"


@lru_cache(maxsize=1)
def _echo_join() -> tuple[Any, tuple[Any, ...]]:
    """The echo rows joined to both quotes, articles and narratives, and the aliases, built once:
    an alias proxies every column of its table, so building this join took milliseconds of
    Python per call, more than the query itself (an alert asks for its quote's echoes)."""
    from sqlalchemy.orm import aliased

    q1, q2 = aliased(Quote), aliased(Quote)
    a1, a2 = aliased(Article), aliased(Article)
    n1, n2 = aliased(QuoteNarrative), aliased(QuoteNarrative)
    stmt = (select(QuoteEcho, q1, q2, a1, a2, n1, n2)
            .join(q1, q1.id == QuoteEcho.quote_id).join(q2, q2.id == QuoteEcho.echoed_quote_id)
            .join(a1, a1.id == q1.article_id).join(a2, a2.id == q2.article_id)
            .join(n1, n1.quote_id == q1.id).join(n2, n2.quote_id == q2.id)
            .where(QuoteEcho.kind == "echo"))
    return stmt, (q1, q2, a1, a2, n1, n2)


def echo_views(session: Session, *, quote_ids: Sequence[int] | None = None,
               echoed_quote_ids: Sequence[int] | None = None, since: datetime | None = None,
               until: datetime | None = None, seen_since: datetime | None = None,
               seen_until: datetime | None = None, speaker: str | None = None,
               names: dict[str, str] | None = None, limit: int = 1000) -> list[EchoView]:
    """Echo rows joined to both quotes and their articles, newest first; `since`/`until` bound
    when the echoing statement was made, `seen_since`/`seen_until` when its article was first seen;
    `quote_ids` picks echoing statements, `echoed_quote_ids` echoed ones."""
    stmt, (q1, q2, a1, a2, n1, n2) = _echo_join()
    if quote_ids is not None:
        stmt = stmt.where(QuoteEcho.quote_id.in_(list(quote_ids)))
    if echoed_quote_ids is not None:
        stmt = stmt.where(QuoteEcho.echoed_quote_id.in_(list(echoed_quote_ids)))
    if since is not None:
        stmt = stmt.where(n1.spoken_at >= since)
    if until is not None:
        stmt = stmt.where(n1.spoken_at < until)
    if seen_since is not None:
        stmt = stmt.where(a1.first_seen_at >= seen_since)
    if seen_until is not None:
        stmt = stmt.where(a1.first_seen_at < seen_until)
    if speaker:
        stmt = stmt.where((q1.speaker_id == speaker) | (q2.speaker_id == speaker))
    stmt = stmt.order_by(n1.spoken_at.desc(), QuoteEcho.score.desc()).limit(max(1, min(limit, 100_000)))
    names = names or {}
    out = []
    for e, qa, qb, aa, ab, na, nb in session.execute(stmt):
        out.append(EchoView(
            qa.id, qb.id, names.get(qa.speaker_id or "", qa.speaker_name or "?"),
            names.get(qb.speaker_id or "", qb.speaker_name or "?"), qa.text, qb.text, aa.canonical_url,
            ab.canonical_url, na.spoken_at, nb.spoken_at, e.lag_seconds, e.score,
            tuple(e.evidence.get("frames") or ()), tuple(e.evidence.get("words") or ()),
            bool(e.evidence.get("cross_language")), qa.cluster_id or qa.id, qb.cluster_id or qb.id))
    return out


def versions_of(session: Session, quote_ids: Sequence[int]) -> dict[int, list[int]]:
    """quote id -> the ids of its versions in other languages (both directions)."""
    out: dict[int, list[int]] = {}
    if not quote_ids:
        return out
    rows = session.execute(select(QuoteEcho.quote_id, QuoteEcho.echoed_quote_id).where(
        QuoteEcho.kind == "version",
        QuoteEcho.quote_id.in_(list(quote_ids)) | QuoteEcho.echoed_quote_id.in_(list(quote_ids))))
    for a, b in rows:
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return out


def speaker_names() -> dict[str, str]:
    from config.leaders import load_leaders

    return {ld.id: ld.name for ld in load_leaders()}


def frame_labels(cfg: NarrativesFile | None = None) -> dict[str, str]:
    return {f.id: f.label for f in (cfg or load_narratives()).frames}


def alert_echoes(session: Session, quote_id: int, limit: int = 3) -> list[dict[str, Any]]:
    """The quote's echoes as an alert carries them: speaker, lag, the echoed words, link, frames."""
    labels = frame_labels()
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for v in echo_views(session, quote_ids=[quote_id], names=speaker_names(), limit=limit * 3):
        if v.echoed_cluster_id in seen:  # the same Russian statement in its other language
            continue
        seen.add(v.echoed_cluster_id)
        out.append({"speaker": v.echoed_speaker, "lag": describe_lag(v.lag_seconds), "text": v.echoed_text,
                    "url": v.echoed_url, "frames": [labels.get(f, f) for f in v.frames],
                    "score": round(v.score, 3), "cross_language": v.cross_language})
    return out[:limit]
