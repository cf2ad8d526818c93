"""Tag the stored quotes again with narratives.yaml as it is now: frames, echoes and versions.

Quotes are tagged when they are extracted, with the frames of that day. After a frame is added or
its patterns change (a user's edit, or an upgrade), `retag` brings what is stored to what the current
file computes, by running `alerts.echoes.index_article` again over each article: it is idempotent
(each quote's rows are brought to the computed set), so a retag that is interrupted is simply run
again, and a second run changes nothing.

- Two passes: the frames of every quote first (`tag_article`), then echoes and versions
  (`index_article`), so that every lookup sees every statement with its new frames and the same
  document frequencies a later run sees (echo scores depend on them): a second retag, or the
  extraction task indexing an article again, gives the same rows. Articles go oldest first.
- One transaction per article: a service running beside it (SQLite has one writer) waits for one
  article at most, and an article that fails is reported and skipped, never half-written.
- No rule runs and nothing is sent: `mouthpiece rules test` replays the rules over the result.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.echoes import index_article, reset_live_index, tag_article
from config.leaders import load_leaders
from config.narratives import NarrativesFile, load_narratives
from storage.db import session_scope
from storage.models import Article, Quote, QuoteEcho, QuoteFrame

log = logging.getLogger(__name__)


@dataclass
class Tally:
    """What the store holds: quotes with a frame, (quote, frame) pairs, echo and version rows."""
    framed: int
    frame_pairs: int
    echoes: int
    versions: int

    @classmethod
    def of(cls, s: Session) -> Tally:
        kinds = dict(s.execute(select(QuoteEcho.kind, func.count()).group_by(QuoteEcho.kind)).all())
        return cls(s.scalar(select(func.count(func.distinct(QuoteFrame.quote_id)))) or 0,
                   s.scalar(select(func.count()).select_from(QuoteFrame)) or 0,
                   kinds.get("echo", 0), kinds.get("version", 0))


@dataclass
class RetagResult:
    articles: int
    quotes: int
    before: Tally
    after: Tally
    seconds: float
    failed: list[tuple[int, str]] = field(default_factory=list)  # (article id, why)


def articles_to_retag(s: Session, since: datetime | None = None) -> list[int]:
    """Ids of the articles with quotes at their place in the text, oldest statement first (the
    time a quote is said at is its article's publication, else its first sight)."""
    when = func.coalesce(Article.published_at, Article.first_seen_at)
    q = (select(Article.id).where(select(Quote.id).where(Quote.article_id == Article.id, Quote.start >= 0)
                                  .exists())
         .order_by(when, Article.id))
    if since is not None:
        q = q.where(when >= since)
    return list(s.scalars(q))


def retag(url: str | None = None, *, since: datetime | None = None, cfg: NarrativesFile | None = None,
          progress: Callable[[int, int], None] | None = None) -> RetagResult:
    """Re-run frame tagging, echo and version linking over the stored articles (all, or those said
    since `since`); `progress(done, total)` after each article of each pass."""
    cfg = cfg or load_narratives()
    leaders = {ld.id: ld for ld in load_leaders()}
    t0 = time.monotonic()
    with session_scope(url) as s:
        before = Tally.of(s)
        ids = articles_to_retag(s, since)
    failed: dict[int, str] = {}

    def step(aid: int, work: Callable[[Session, int], int]) -> int:
        try:
            with session_scope(url) as s:
                return work(s, aid)
        except Exception as e:  # one article's failure must not stop the rest; it is reported
            log.exception("retag: article %s failed", aid)
            failed[aid] = f"{type(e).__name__}: {e}"
            reset_live_index()  # it may hold statements of the rolled-back transaction
            return 0

    for n, aid in enumerate(ids, 1):
        step(aid, lambda s, a: tag_article(s, a, leaders, cfg))
        if progress is not None:
            progress(n, 2 * len(ids))
    # the process's echo index holds the frames as they were: load it again from the database
    reset_live_index()
    quotes = 0
    for n, aid in enumerate(ids, len(ids) + 1):
        if aid not in failed:
            quotes += step(aid, lambda s, a: index_article(s, a, leaders, cfg, tagged=True).get("quotes", 0))
        if progress is not None:
            progress(n, 2 * len(ids))
    with session_scope(url) as s:
        after = Tally.of(s)
    return RetagResult(len(ids), quotes, before, after, time.monotonic() - t0, sorted(failed.items()))
