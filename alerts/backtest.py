"""`mouthpiece rules test`: replay stored quotes through the rules and report what would have
fired, and how often. It sends nothing and creates no alert; the only things it may write are the
novelty index (MinHash signature and LSH bands) and, for rules with `frames:` or `echo_of:`, the
frames and echoes (alerts/echoes.py) of quotes stored before those indexes existed.

Replay follows the live semantics: quotes in the order they were stored; a rule fires once per
quote cluster (later reprints are counted, not fired); `new_only` rules skip quotes whose speaker
said a near-duplicate in the rule's `novelty_days` outside the cluster."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.echoes import ensure_indexed
from alerts.echoes import facts as narrative_facts
from alerts.engine import facts_for
from alerts.novelty import Novelty, assess, ensure_signature, index_quote
from alerts.rules import Rule
from config.leaders import Leader
from config.sources import Source as SourceConfig
from storage.models import Article, Quote, Source, utcnow


@dataclass(frozen=True)
class Fire:
    rule_id: str
    quote_id: int
    cluster_id: int
    at: datetime
    speaker: str
    source: str
    text: str
    reason: str


@dataclass
class RuleStats:
    rule_id: str
    name: str
    matched: int = 0  # quotes matching every condition but novelty
    fired: int = 0
    reprints: int = 0  # matched a cluster that had already fired
    not_new: int = 0
    per_day: Counter[str] = field(default_factory=Counter)


@dataclass
class Backtest:
    since: datetime
    until: datetime
    quotes: int
    stats: dict[str, RuleStats]
    fires: list[Fire]

    @property
    def days(self) -> float:
        return max((self.until - self.since).total_seconds() / 86400, 1e-9)


def run(session: Session, rules: list[Rule], leaders: dict[str, Leader], sources: dict[str, SourceConfig],
        since: timedelta, rule_id: str | None = None, now: datetime | None = None) -> Backtest:
    now = now or utcnow()
    start = now - since
    chosen = [r for r in rules if r.enabled and (rule_id is None or r.id == rule_id)]
    if rule_id is not None and not chosen:
        known = ", ".join(r.id for r in rules)
        raise LookupError(f"no enabled rule {rule_id!r} (rules: {known})")
    # index quotes stored before the novelty index existed (oldest first, so clusters form)
    back = start - timedelta(days=max((r.novelty_days for r in chosen), default=30))
    for q in session.scalars(select(Quote).where(Quote.created_at >= back, Quote.minhash.is_(None))
                             .order_by(Quote.id)):
        if q.cluster_id is None:
            index_quote(session, q)
        else:
            ensure_signature(session, q)
    session.flush()
    narrative = any(r.frames or r.echo_of for r in chosen)
    if narrative:
        # frames and echoes of quotes stored before narratives existed (like the novelty index)
        ensure_indexed(session, session.scalars(select(Quote).where(
            Quote.created_at >= back, Quote.start >= 0).order_by(Quote.id)), leaders)
        session.flush()

    stats = {r.id: RuleStats(r.id, r.name) for r in chosen}
    fires: list[Fire] = []
    fired: set[tuple[str, int]] = set()
    rows = session.execute(
        select(Quote, Article, Source).join(Article, Article.id == Quote.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(Quote.created_at >= start, Quote.created_at <= now, Quote.start >= 0).order_by(Quote.id))
    n = 0
    for quote, article, source in rows:
        n += 1
        leader = leaders.get(quote.speaker_id or "")
        frames, echoes = narrative_facts(session, quote.id) if narrative else ((), ())
        facts = facts_for(quote, article, source, sources.get(source.id), leader, is_new=True,
                          frames=frames, echoes=echoes)
        novelty: dict[int, Novelty] = {}
        for rule in chosen:
            if not rule.model_copy(update={"new_only": False}).matches(facts):
                continue
            st = stats[rule.id]
            st.matched += 1
            cluster = quote.cluster_id or quote.id
            if (rule.id, cluster) in fired:
                st.reprints += 1
                continue
            if rule.novelty_days not in novelty:
                novelty[rule.novelty_days] = assess(session, quote, days=rule.novelty_days)
            nov = novelty[rule.novelty_days]
            if rule.new_only and not nov.is_new:
                st.not_new += 1
                continue
            fired.add((rule.id, cluster))
            st.fired += 1
            at = article.first_seen_at
            st.per_day[f"{at:%Y-%m-%d}"] += 1
            fires.append(Fire(rule.id, quote.id, cluster, at,
                              leader.name if leader else (quote.speaker_name or "?"), source.name,
                              quote.text, nov.reason))
    return Backtest(start, now, n, stats, fires)
