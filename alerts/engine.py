"""From stored quotes to alert and delivery rows, and from a delivery row to one send.

Idempotent by construction: an alert is unique per (rule, quote cluster); a delivery per
idempotency key (alert x channel); a send claims its row first, so two workers never send
the same row at once."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alerts.message import AlertMessage
from alerts.novelty import assess
from alerts.rules import QuoteFacts, Rule
from config.leaders import Leader
from config.sources import Source as SourceConfig
from storage.models import Alert, Article, Delivery, Quote, Source, utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
STALE_CLAIM = timedelta(minutes=5)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at one hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def current_role(leader: Leader | None, on: datetime | None) -> str | None:
    if leader is None or not leader.roles:
        return None
    day = (on or utcnow()).date()
    active = [r for r in leader.roles if r.active(day)]
    return (active or leader.roles)[-1].title


def facts_for(quote: Quote, article: Article, source: Source, source_cfg: SourceConfig | None,
              leader: Leader | None, is_new: bool) -> QuoteFacts:
    day = (article.published_at or article.first_seen_at).date()
    roles = tuple(r.title for r in leader.roles if r.active(day)) if leader else ()
    return QuoteFacts(
        speaker_id=quote.speaker_id,
        speaker_country=leader.country if leader else None,
        speaker_roles=roles,
        topics=tuple(quote.topics or ()),
        source_id=source.id,
        source_kind=source.kind,
        source_country=source.country,
        lang=quote.lang,
        type=quote.type,
        text=quote.text,
        is_new=is_new,
        published=day,
    )


@dataclass
class NewDelivery:
    delivery_id: int
    channel: str


def build_message(alert: Alert, rule: Rule, quote: Quote, article: Article, source: Source,
                  leader: Leader | None, channel: str) -> AlertMessage:
    return AlertMessage(
        idempotency_key=f"alert-{alert.id}-{channel}",
        rule_id=rule.id,
        rule_name=rule.name,
        severity=rule.severity,
        speaker=leader.name if leader else (quote.speaker_name or "unknown speaker"),
        speaker_role=current_role(leader, article.published_at),
        quote_text=quote.text,
        quote_type=quote.type,
        lang=quote.lang,
        topics=list(quote.topics or []),
        source_name=source.name,
        url=article.canonical_url,
        article_title=article.title,
        published_at=article.published_at.isoformat() if article.published_at else None,
        first_seen_at=article.first_seen_at.isoformat(),
        novelty_reason=str((alert.novelty or {}).get("reason", "")),
    )


def evaluate_article(session: Session, article_id: int, rules: list[Rule], leaders: dict[str, Leader],
                     sources: dict[str, SourceConfig], channels_for: Any,
                     group_wait: timedelta) -> list[int]:
    """Create the alerts (and their outbox rows) that this article's quotes deserve.

    Returns the ids of deliveries that are due now; later ones are swept by beat."""
    article = session.get(Article, article_id)
    if article is None:
        return []
    source = session.get(Source, article.source_id)
    assert source is not None
    due: list[int] = []
    quotes = list(session.scalars(select(Quote).where(Quote.article_id == article_id).order_by(Quote.start)))
    for quote in quotes:
        leader = leaders.get(quote.speaker_id or "")
        for rule in rules:
            if not rule.enabled:
                continue
            pre = facts_for(quote, article, source, sources.get(source.id), leader, is_new=True)
            if not rule.model_copy(update={"new_only": False}).matches(pre):
                continue
            nov = assess(session, quote, days=rule.novelty_days)
            if rule.new_only and not nov.is_new:
                log.info("quote %s matches %s but is not new: %s", quote.id, rule.id, nov.reason)
                continue
            cluster = quote.cluster_id or quote.id
            if session.scalar(select(Alert.id).where(Alert.rule_id == rule.id, Alert.cluster_id == cluster)):
                continue
            now = utcnow()
            alert = Alert(rule_id=rule.id, cluster_id=cluster, quote_id=quote.id, severity=rule.severity,
                          status="pending", created_at=now, send_after=now + group_wait,
                          novelty={"reason": nov.reason, "similarity": round(nov.similarity, 3),
                                   "nearest_quote_id": nov.nearest_quote_id})
            try:
                with session.begin_nested():
                    session.add(alert)
                    session.flush()
            except IntegrityError:  # another worker created it first
                continue
            for channel in channels_for(rule):
                msg = build_message(alert, rule, quote, article, source, leader, channel)
                d = Delivery(idempotency_key=msg.idempotency_key, alert_id=alert.id, channel=channel,
                             payload=msg.to_dict(), status="pending", next_attempt_at=alert.send_after)
                session.add(d)
                session.flush()
                if group_wait.total_seconds() <= 0:
                    due.append(d.id)
            log.info("alert %s: rule %s, %s on %s (%s)", alert.id, rule.id, msg.speaker,
                     ", ".join(quote.topics or []), nov.reason)
    return due


def due_deliveries(session: Session, now: datetime | None = None, limit: int = 200) -> list[int]:
    """Deliveries to (re)send now: due pending/retry rows, and claims left by a dead worker."""
    now = now or utcnow()
    q = select(Delivery.id).where(
        ((Delivery.status.in_(["pending", "retry"])) & ((Delivery.next_attempt_at.is_(None)) |
                                                        (Delivery.next_attempt_at <= now)))
        | ((Delivery.status == "sending") & (Delivery.claimed_at < now - STALE_CLAIM))
    ).order_by(Delivery.id).limit(limit)
    return list(session.scalars(q))


def claim(session: Session, delivery_id: int) -> Delivery | None:
    """Atomically move a due row to `sending`; None when someone else has it or it is done."""
    now = utcnow()
    res = session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id,
               ((Delivery.status.in_(["pending", "retry"])) &
                ((Delivery.next_attempt_at.is_(None)) | (Delivery.next_attempt_at <= now)))
               | ((Delivery.status == "sending") & (Delivery.claimed_at < now - STALE_CLAIM)))
        .values(status="sending", claimed_at=now, attempts=Delivery.attempts + 1)
    )
    session.commit()
    if not res.rowcount:  # type: ignore[attr-defined]
        return None
    return session.get(Delivery, delivery_id)


def send(session: Session, delivery_id: int, get_channel: Any) -> str:
    """Send one claimed delivery and record the outcome. Returns the new status."""
    from alerts.channels.base import TransportError

    d = claim(session, delivery_id)
    if d is None:
        return "skipped"
    try:
        channel = get_channel(d.channel)
        receipt = channel.send(AlertMessage.from_dict(d.payload))
    except TransportError as e:
        d.last_error = str(e)[:2000]
        if e.permanent or d.attempts >= MAX_ATTEMPTS:
            d.status = "failed"
            log.error("delivery %s via %s failed permanently: %s", d.id, d.channel, e)
        else:
            wait = backoff(d.attempts)
            if e.retry_after:
                wait = max(wait, timedelta(seconds=e.retry_after))
            d.status, d.next_attempt_at = "retry", utcnow() + wait
            log.warning("delivery %s via %s failed, retry in %ss: %s", d.id, d.channel,
                        int(wait.total_seconds()), e)
        session.commit()
        return d.status
    d.status, d.sent_at, d.receipt, d.last_error = "sent", utcnow(), str(receipt)[:500], None
    if d.alert_id:
        alert = session.get(Alert, d.alert_id)
        if alert is not None:
            alert.status = "sent"
    session.commit()
    log.info("delivery %s sent via %s (%s)", d.id, d.channel, receipt)
    return "sent"
