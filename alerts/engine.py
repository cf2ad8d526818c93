"""From stored quotes to alert and delivery rows, and from a delivery row to one send.

Idempotent by construction: an alert is unique per (rule, quote cluster); a delivery per
idempotency key (`alert-<id>-<channel>`); a send claims its row first, so two workers never
send the same row at once.

Life of a delivery row (every delay is a row that beat's sweep picks up, never a Celery ETA):

    pending --(send_after = created + group_wait)--> sending --> sent
       ^   \\-- silenced (a silence matches at send time)
       |    \\- held     (the channel's rate cap is reached: the digest carries it)
       |     \\ pending  (quiet hours: next_attempt_at = end of the quiet window)
     retry <-- transient TransportError (backoff, or the service's Retry-After)
     failed <- permanent TransportError or MAX_ATTEMPTS; `mouthpiece alerts retry ID` resends

At least once, and no second message: the row is claimed (status `sending`, committed) before
the send and marked `sent` after it. A worker killed between the two leaves a `sending` row that
the sweep reclaims after `stale_claim()` (longer than any channel timeout) and sends again. If the
kill came before the service accepted the message, that is the only message. The remaining
window is a kill after the service accepted but before `sent` was committed; there each
channel de-duplicates what it can: the outbox rewrites the same file for the same key, email
reuses a Message-ID derived from the key (mail stores and clients collapse it); a Slack webhook
has no idempotency key, so a second post is possible in that window (milliseconds wide).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alerts.channels.base import TransportError
from alerts.echoes import alert_echoes
from alerts.echoes import facts_of as narrative_facts_of
from alerts.grouping import also_reported_by
from alerts.message import AlertMessage
from alerts.novelty import Novelty, assess, index_quotes, speaker_key
from alerts.quiet import ChannelPolicy
from alerts.rules import EchoFact, QuoteFacts, Rule
from alerts.silences import active as active_silences
from alerts.silences import describe as describe_silence
from alerts.silences import first_matching
from alerts.silences import matching as matching_silence
from config.leaders import Leader
from config.sources import Source as SourceConfig
from storage.models import Alert, Article, Delivery, Quote, Silence, Source, utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def stale_claim() -> timedelta:
    """How long a claimed delivery may stay `sending` before the sweep sends it again."""
    from config.settings import get_settings

    return timedelta(seconds=get_settings().stale_claim)

DIGEST_ONLY = "digest"


def backoff(attempts: int, base: float | None = None) -> timedelta:
    """base, 2 x base, 4 x base, ... capped at one hour (base: MOUTHPIECE_RETRY_BASE, 30 s)."""
    if base is None:
        from config.settings import get_settings

        base = get_settings().retry_base
    return timedelta(seconds=min(3600.0, base * 2 ** max(0, attempts - 1)))


def current_role(leader: Leader | None, on: datetime | None) -> str | None:
    return leader.role_on((on or utcnow()).date()) if leader is not None else None


def facts_for(quote: Quote | dict[str, Any], article: Article, source: Source, source_cfg: SourceConfig | None,
              leader: Leader | None, is_new: bool, frames: tuple[str, ...] = (),
              echoes: tuple[EchoFact, ...] = ()) -> QuoteFacts:
    """What a rule sees of a quote: a stored row, or a dict of `quotes.extract` (before storing)."""
    q: dict[str, Any] = quote if isinstance(quote, dict) else {"speaker_id": quote.speaker_id, "topics": quote.topics,
                                               "lang": quote.lang, "type": quote.type, "text": quote.text}
    day = (article.published_at or article.first_seen_at).date()
    roles = tuple(r.title for r in leader.roles if r.active(day)) if leader else ()
    return QuoteFacts(
        speaker_id=q["speaker_id"],
        speaker_country=leader.country if leader else None,
        speaker_roles=roles,
        topics=tuple(q["topics"] or ()),
        source_id=source.id,
        source_kind=source_cfg.kind if source_cfg else source.kind,
        source_country=source_cfg.country if source_cfg else source.country,
        lang=q["lang"],
        type=q["type"],
        text=q["text"],
        is_new=is_new,
        published=day,
        frames=frames,
        echoes=echoes,
    )


QuoteKey = tuple[str | None, str | None, str]  # speaker id, speaker name, text: a quote across re-extractions


def quote_key(quote: Quote | dict[str, Any]) -> QuoteKey:
    if isinstance(quote, dict):
        return quote["speaker_id"], quote.get("speaker"), quote["text"]
    return quote.speaker_id, quote.speaker_name, quote.text


def match_rules(quotes: Iterable[Quote | dict[str, Any]], article: Article, source: Source,
                source_cfg: SourceConfig | None, rules: list[Rule],
                leaders: dict[str, Leader]) -> dict[QuoteKey, frozenset[str]]:
    """Which rules' conditions (all but novelty) each quote meets. Pure, and meant to run
    before the caller writes anything: a rule's regex runs in RE2 (linear in the quote), and no
    rule is ever evaluated while a write transaction is held (issue 11)."""
    out: dict[QuoteKey, frozenset[str]] = {}
    for quote in quotes:
        speaker = quote["speaker_id"] if isinstance(quote, dict) else quote.speaker_id
        facts = facts_for(quote, article, source, source_cfg, leaders.get(speaker or ""), is_new=True)
        out[quote_key(quote)] = frozenset(
            r.id for r in rules
            if r.enabled and r.model_copy(update={"new_only": False, "frames": [], "echo_of": None}).matches(facts))
    return out


@dataclass
class NewDelivery:
    delivery_id: int
    channel: str


def build_message(alert: Alert, rule: Rule, quote: Quote, article: Article, source: Source,
                  leader: Leader | None, channel: str, echoes: list[dict[str, Any]] | None = None) -> AlertMessage:
    return AlertMessage(
        # the id alone repeats after a database reset (a new alert 1 would reuse the Message-ID
        # of the old one, and mail clients would fold them together); the id with its creation
        # time is unique and stays the same for every retry of this delivery
        idempotency_key=f"alert-{alert.id}-{channel}-{alert.created_at:%Y%m%dT%H%M%S%f}",
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
        echoes=list(echoes or []),
    )


def lock_speaker(session: Session, quote: Quote) -> None:
    """Serialise clustering per speaker until commit, so two workers extracting two reprints at
    once cannot both start a cluster. PostgreSQL: a transaction advisory lock. SQLite: writers
    are already serialised by the database lock (extraction writes before it reads)."""
    key = speaker_key(quote.speaker_id, quote.speaker_name)
    if key is None or session.get_bind().dialect.name != "postgresql":
        return
    n = int.from_bytes(hashlib.blake2b(f"cluster:{key}".encode(), digest_size=8).digest(), "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": n})


def cluster_quotes(session: Session, quotes: Iterable[Quote]) -> None:
    """Signature, LSH bands and cluster for each quote that has none yet (extraction time)."""
    todo = [q for q in quotes if q.cluster_id is None or q.minhash is None]
    # transaction locks, held until commit, each taken once and all before the batch is indexed
    # (its one flush comes at the end), in one order everywhere so two workers never deadlock
    first: dict[str, Quote] = {}
    for q in todo:
        first.setdefault(speaker_key(q.speaker_id, q.speaker_name) or "", q)
    for key in sorted(first):
        if key:
            lock_speaker(session, first[key])
    if todo:
        index_quotes(session, todo)


def evaluate_article(session: Session, article_id: int, rules: list[Rule], leaders: dict[str, Leader],
                     sources: dict[str, SourceConfig], channels_for: Callable[[Rule], list[str]],
                     group_wait: timedelta, now: datetime | None = None,
                     matched: dict[QuoteKey, frozenset[str]] | None = None,
                     quotes: list[Quote] | None = None) -> list[int]:
    """Create the alerts (and their outbox rows) that this article's quotes deserve.

    The rules are matched first, before this function writes anything (or taken from
    `matched`, computed by the caller before its own writes: `match_rules`); only novelty,
    clustering and the alert rows need the write transaction. `quotes`: the article's quote
    rows when the caller has just stored them (else they are read). Returns the ids of
    deliveries that are due now; later ones are swept by beat."""
    article = session.get(Article, article_id)
    if article is None:
        return []
    source = session.get(Source, article.source_id)
    assert source is not None
    due: list[int] = []
    if quotes is None:
        quotes = list(session.scalars(select(Quote).where(Quote.article_id == article_id, Quote.start >= 0)))
    # by position in the text, as the rules have always seen them
    quotes = sorted((q for q in quotes if q.start >= 0), key=lambda q: q.start)
    hits = dict(matched) if matched is not None else {}
    missing = [q for q in quotes if quote_key(q) not in hits]
    if missing:
        hits.update(match_rules(missing, article, source, sources.get(source.id), rules, leaders))
    cluster_quotes(session, quotes)
    # frames and echoes only when a rule asks for them: a transcript can hold thousands of quotes
    narrative = narrative_facts_of(session, [q.id for q in quotes]) \
        if any(r.enabled and (r.frames or r.echo_of) for r in rules) else {}
    # the alerts these quotes' clusters already have, and the active silences: read once for
    # the article (a hit per quote and rule was a query each), kept up to date below
    hit_rules = {r for q in quotes for r in hits[quote_key(q)]}
    alerted: set[tuple[str, int]] = set()
    if hit_rules:
        clusters = sorted({q.cluster_id or q.id for q in quotes})
        for i in range(0, len(clusters), 500):
            alerted.update((r, c) for r, c in session.execute(select(Alert.rule_id, Alert.cluster_id).where(
                Alert.cluster_id.in_(clusters[i:i + 500]), Alert.rule_id.in_(sorted(hit_rules)))))
    silences: list[Silence] | None = None  # read at the first alert
    for quote in quotes:
        leader = leaders.get(quote.speaker_id or "")
        novelty: dict[int, Novelty] = {}
        frames, echoes = narrative.get(quote.id, ((), ()))
        for rule in rules:
            if not rule.enabled or rule.id not in hits[quote_key(quote)]:
                continue
            # frames and echoes are known only once the quote is stored and indexed: the rules
            # that ask for them check them here (their text conditions already passed, in RE2)
            if rule.needs_narratives() and not rule.model_copy(update={"new_only": False}).matches(
                    facts_for(quote, article, source, sources.get(source.id), leader, is_new=True,
                              frames=frames, echoes=echoes)):
                continue
            cluster = quote.cluster_id or quote.id
            if (rule.id, cluster) in alerted:
                continue  # the statement already alerted: this reprint is "also reported by"
            if rule.novelty_days not in novelty:
                novelty[rule.novelty_days] = assess(session, quote, days=rule.novelty_days)
            nov = novelty[rule.novelty_days]
            if rule.new_only and not nov.is_new:
                log.info("quote %s matches %s but is not new: %s", quote.id, rule.id, nov.reason)
                continue
            if silences is None:
                silences = active_silences(session, now or utcnow())
            # the echoes were read with the frames: a quote with none needs no query for them
            ids = _create_alert(session, rule, quote, article, source, leader, nov, cluster,
                                channels_for, group_wait, now or utcnow(), silences,
                                no_echoes=quote.id in narrative and not echoes)
            alerted.add((rule.id, cluster))  # made here, or by another worker just before
            if group_wait.total_seconds() <= 0:
                due += ids
    return due


def _create_alert(session: Session, rule: Rule, quote: Quote, article: Article, source: Source,
                  leader: Leader | None, nov: Novelty, cluster: int, channels_for: Callable[[Rule], list[str]],
                  group_wait: timedelta, now: datetime, silences: list[Silence], no_echoes: bool = False) -> list[int]:
    """The alert row and its deliveries. `no_echoes`: the caller knows the quote has no echo rows."""
    status, reason = "pending", None
    silence = first_matching(silences, quote.speaker_id, rule.id)
    channels = [] if rule.channels == [DIGEST_ONLY] else [c for c in channels_for(rule) if c != DIGEST_ONLY]
    if silence is not None:
        status, reason = "silenced", describe_silence(silence)
    elif not channels:
        status, reason = "held", "the rule sends to the digest only"
    alert = Alert(rule_id=rule.id, cluster_id=cluster, quote_id=quote.id, severity=rule.severity,
                  status=status, reason=reason, created_at=now, send_after=now + group_wait,
                  novelty=nov.to_dict())
    try:
        with session.begin_nested():
            session.add(alert)
            session.flush()
    except IntegrityError:  # another worker created it first
        return []
    speaker = leader.name if leader else (quote.speaker_name or "?")
    log.info("alert %s (%s): rule %s, %s on %s; %s", alert.id, status, rule.id, speaker,
             ", ".join(quote.topics or []), nov.reason)
    if status != "pending":
        return []
    ids = []
    echoes = [] if no_echoes else alert_echoes(session, quote.id)
    for channel in channels:
        msg = build_message(alert, rule, quote, article, source, leader, channel, echoes)
        d = Delivery(idempotency_key=msg.idempotency_key, alert_id=alert.id, channel=channel,
                     payload=msg.to_dict(), status="pending", next_attempt_at=alert.send_after, created_at=now)
        session.add(d)
        session.flush()
        ids.append(d.id)
    return ids


def rule_channels(rule: Rule, settings: Any = None) -> list[str]:
    """Where a rule's alerts go: "default" is every configured service (the outbox only when none
    is); "digest" means no immediate send."""
    from alerts.channels import configured_channels, effective_channels

    services = [c for c in configured_channels(settings) if c != "outbox"]
    wanted: list[str] = []
    for c in rule.channels:
        if c == DIGEST_ONLY:
            continue
        wanted += services if c == "default" else [c]
    if all(c == DIGEST_ONLY for c in rule.channels):
        return []
    return effective_channels(wanted, settings)  # nothing configured: the outbox, never nowhere


def evaluate_configured(session: Session, article_id: int, group_wait: timedelta,
                        matched: dict[QuoteKey, frozenset[str]] | None = None,
                        quotes: list[Quote] | None = None) -> list[int]:
    """`evaluate_article` with the deployment's rules, leaders, sources and channels."""
    from alerts.rules import load_rules
    from config.leaders import load_leaders
    from config.sources import load_sources

    return evaluate_article(session, article_id, load_rules(), {ld.id: ld for ld in load_leaders()},
                            {c.id: c for c in load_sources()}, rule_channels, group_wait, matched=matched,
                            quotes=quotes)


def match_configured(session: Session, article_id: int, quotes: list[dict[str, Any]]) -> dict[QuoteKey, frozenset[str]]:
    """`match_rules` with the deployment's rules, for quotes not stored yet (reads only)."""
    from alerts.rules import load_rules
    from config.leaders import load_leaders
    from config.sources import load_sources

    article = session.get(Article, article_id)
    source = session.get(Source, article.source_id) if article is not None else None
    if article is None or source is None:
        return {}
    cfg = {c.id: c for c in load_sources()}.get(source.id)
    return match_rules(quotes, article, source, cfg, load_rules(), {ld.id: ld for ld in load_leaders()})


# -- sending ------------------------------------------------------------------------------------
def _due(now: datetime) -> Any:
    """A row that may be claimed now (alert and digest rows alike)."""
    return (((Delivery.status.in_(["pending", "retry"]))
             & ((Delivery.next_attempt_at.is_(None)) | (Delivery.next_attempt_at <= now)))
            | ((Delivery.status == "sending") & (Delivery.claimed_at < now - stale_claim())))


def due_deliveries(session: Session, now: datetime | None = None, limit: int = 200) -> list[int]:
    """Alert deliveries (and operator alerts, alerts/ops.py) to (re)send now: due pending/retry
    rows (group wait over, quiet hours over, retry time reached), and claims left by a dead
    worker. Digest rows have their own."""
    q = (select(Delivery.id).where(Delivery.digest_id.is_(None), _due(now or utcnow()))
         .order_by(Delivery.id).limit(limit))
    return list(session.scalars(q))


def record_failure(d: Delivery, e: TransportError, what: str = "delivery") -> None:
    """A failed send: permanent (or out of attempts) -> failed, visible in `alerts failed`;
    transient -> retry after the service's Retry-After, else exponential backoff."""
    d.last_error = str(e)[:2000]
    if e.permanent or d.attempts >= MAX_ATTEMPTS:
        d.status = "failed"
        log.error("%s %s via %s failed permanently: %s", what, d.id, d.channel, e)
        return
    wait = timedelta(seconds=e.retry_after) if e.retry_after else backoff(d.attempts)
    d.status, d.next_attempt_at = "retry", utcnow() + wait
    log.warning("%s %s via %s failed, retry in %ss: %s", what, d.id, d.channel, int(wait.total_seconds()), e)


def claim(session: Session, delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Atomically move a due row to `sending`; None when someone else has it or it is done."""
    from storage.db import relax_commit

    now = now or utcnow()
    # The claim need not wait for the disk: lost with a database crash, the row is due again
    # (see `send` for what comes after it).
    relax_commit(session)
    res = session.execute(
        update(Delivery).where(Delivery.id == delivery_id, _due(now))
        .values(status="sending", claimed_at=now, attempts=Delivery.attempts + 1, queued_at=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if not res.rowcount:  # type: ignore[attr-defined]
        return None
    d = session.get(Delivery, delivery_id, populate_existing=True)
    return d


def _settle_alert(session: Session, alert_id: int) -> None:
    alert = session.get(Alert, alert_id)
    if alert is None:
        return
    states = list(session.scalars(select(Delivery.status).where(Delivery.alert_id == alert_id)))
    if "sent" in states:
        alert.status = "sent"
    elif states and all(s == "silenced" for s in states):
        alert.status = "silenced"
    elif states and all(s in ("held", "silenced") for s in states):
        alert.status = "held"


def _sent_recently(session: Session, channel: str, window: timedelta, now: datetime, me: int) -> int:
    since = now - window
    return int(session.scalar(select(func.count(Delivery.id)).where(
        Delivery.channel == channel, Delivery.alert_id.is_not(None), Delivery.id != me,
        ((Delivery.status == "sent") & (Delivery.sent_at >= since))
        | ((Delivery.status == "sending") & (Delivery.claimed_at >= since)))) or 0)


def _gate(session: Session, d: Delivery, alert: Alert, policy: ChannelPolicy | None, now: datetime) -> str | None:
    """Silence, quiet hours, rate cap: the status to park the claimed row in, or None to send."""
    quote = session.get(Quote, alert.quote_id)
    silence = matching_silence(session, quote.speaker_id if quote else None, alert.rule_id, now)
    if silence is not None:
        d.status, d.reason = "silenced", describe_silence(silence)
        return d.status
    if policy and policy.quiet_hours:
        until = policy.quiet_hours.until(now)
        if until is not None:
            d.status, d.next_attempt_at, d.attempts = "pending", until, max(0, d.attempts - 1)
            d.reason = f"quiet hours on {d.channel} until {until:%Y-%m-%d %H:%M %Z}"
            return "delayed"
    if policy and policy.rate_cap:
        cap = policy.rate_cap
        n = _sent_recently(session, d.channel, cap.window, now, d.id)
        if n >= cap.max:
            d.status = "held"
            d.reason = (f"rate cap on {d.channel}: {n} sent in the last {cap.per} (max {cap.max}); "
                        f"held for the digest")
            return d.status
    return None


def send(session: Session, delivery_id: int, get_channel: Callable[[str], Any],
         policies: dict[str, ChannelPolicy] | None = None, now: datetime | None = None) -> str:
    """Claim one due delivery, apply silences / quiet hours / rate cap, send it, record the
    outcome. Returns the new status ("skipped" when it was not due or someone else has it)."""

    if policies is None:
        from alerts.quiet import load_channel_policies

        policies = load_channel_policies()
    d = claim(session, delivery_id, now)
    if d is None:
        return "skipped"
    now = now or utcnow()
    alert = session.get(Alert, d.alert_id) if d.alert_id else None
    if alert is not None:
        # What is written before the send (a parked status, the message as it goes out) need
        # not wait for the disk either: lost with a database crash, the row is claimed again
        # and the sweep sends it. The outcome of the send is committed in a transaction of its
        # own, as usual, and that commit makes everything before it durable too.
        from storage.db import relax_commit

        relax_commit(session)
        parked = _gate(session, d, alert, policies.get(d.channel), now)
        if parked is not None:
            _settle_alert(session, alert.id)
            session.commit()
            log.info("delivery %s via %s %s: %s", d.id, d.channel, parked, d.reason)
            return parked
        payload = dict(d.payload)
        payload["also_reported_by"] = also_reported_by(session, alert)
        d.payload = payload
        session.commit()  # the claim and the message as it goes out
    try:
        channel = get_channel(d.channel)
        receipt = channel.send(AlertMessage.from_dict(d.payload))
    except TransportError as e:
        record_failure(d, e)
        session.commit()
        return d.status
    d.status, d.sent_at, d.receipt, d.last_error, d.reason = "sent", utcnow(), str(receipt)[:500], None, None
    if d.alert_id:
        _settle_alert(session, d.alert_id)
    session.commit()
    log.info("delivery %s sent via %s (%s)", d.id, d.channel, receipt)
    return "sent"


def failed_deliveries(session: Session) -> list[Delivery]:
    return list(session.scalars(select(Delivery).where(Delivery.status == "failed").order_by(Delivery.id)))


def retry(session: Session, delivery_id: int, now: datetime | None = None) -> Delivery:
    """Make a failed (or held/silenced) delivery due again now. Raises LookupError/ValueError."""
    d = session.get(Delivery, delivery_id)
    if d is None:
        raise LookupError(f"no delivery {delivery_id}")
    if d.status in ("sent", "sending"):
        raise ValueError(f"delivery {delivery_id} is {d.status}; not sent again")
    d.status, d.next_attempt_at, d.attempts, d.reason = "pending", now or utcnow(), 0, "retried by hand"
    session.flush()
    return d
