"""Running a digest: its period (the watermark), its archive, its outbox rows, and their sends.

- The period of a digest due at `end` starts where the last digest that went out ended (the
  watermark), so nothing falls between two digests; the very first one covers one day.
- A digest is a row unique on (name, period_start, period_end). Building it and creating its
  deliveries (one outbox row per channel, idempotency key `digest:<name>:<end>:<channel>`)
  happen in one transaction; a second run for the same period finds the row and sends nothing.
- Statuses: `queued` (deliveries created), `sent` (all delivered), `failed` (a delivery failed
  permanently), `skipped` (an empty day configured to send nothing). All of them advance the
  watermark.
- A send claims its delivery row first (`alerts.engine.claim`), so two workers never send the
  same digest; transient failures wait in the row (`retry`, `next_attempt_at`) for the beat.
"""
from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alerts.channels import OUTBOX, get_channel, registry
from alerts.digest import (
    DigestData,
    Period,
    archive_link_for,
    collect,
    draw_charts,
    render_email,
    render_html,
    render_markdown,
    slack_blocks,
)
from alerts.message import DigestMessage
from config.digests import DigestConfig
from config.leaders import Leader
from config.settings import Settings, get_settings
from storage.models import Delivery, Digest, utcnow

log = logging.getLogger(__name__)

ADVANCES_WATERMARK = ("queued", "sent", "failed", "skipped")


# ---------------------------------------------------------------------------------------------
# the period


def watermark(session: Session, name: str, before: datetime) -> datetime | None:
    """The end of the latest digest `name` that went out and ended at or before `before`."""
    return session.scalar(
        select(Digest.period_end)
        .where(Digest.name == name, Digest.status.in_(ADVANCES_WATERMARK), Digest.period_end <= before)
        .order_by(Digest.period_end.desc())
        .limit(1)
    )


def existing_digest(session: Session, name: str, end: datetime) -> Digest | None:
    """The digest `name` that went out for a period ending at `end`, if any."""
    return session.scalar(
        select(Digest).where(Digest.name == name, Digest.period_end == end,
                             Digest.status.in_(ADVANCES_WATERMARK)).limit(1)
    )


def plan_period(session: Session, cfg: DigestConfig, end: datetime) -> Period:
    """The period of the digest due at `end`: the one already sent for it, else from the
    watermark (or one day back, the first time) to `end`."""
    row = existing_digest(session, cfg.name, end)
    if row is not None:
        return Period(row.period_start, row.period_end, cfg.timezone)
    start = watermark(session, cfg.name, end - timedelta(microseconds=1))
    if start is None:
        start = end - timedelta(days=1)
    return Period(start, end, cfg.timezone)


def overlapping(session: Session, name: str, period: Period) -> Digest | None:
    """A digest that went out and covers part of `period` (other than the exact same period)."""
    return session.scalar(
        select(Digest).where(
            Digest.name == name, Digest.status.in_(ADVANCES_WATERMARK),
            Digest.period_start < period.end, Digest.period_end > period.start,
            ~((Digest.period_start == period.start) & (Digest.period_end == period.end)),
        ).limit(1)
    )


# ---------------------------------------------------------------------------------------------
# the archive


def archive_dir(settings: Settings, name: str) -> Path:
    return Path(settings.data_dir) / "digests" / name


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # an archive is meant to be served and read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Archive:
    html: Path
    md: Path
    images: dict[str, Path]


def write_archive(data: DigestData, charts: Mapping[str, bytes], directory: Path,
                  archive_link: str | None = None) -> Archive:
    """`<dir>/<YYYY-MM-DD>.html` (images embedded) and `.md` (+ the PNGs beside it)."""
    stem = data.date_label
    images: dict[str, Path] = {}
    if not data.brief:
        for key, png in charts.items():
            images[key] = directory / f"{stem}-{key}.png"
            _write(images[key], png)
    html = directory / f"{stem}.html"
    md = directory / f"{stem}.md"
    _write(html, render_html(data, {} if data.brief else charts).encode("utf-8"))
    _write(md, render_markdown(data, {k: p.name for k, p in images.items()}).encode("utf-8"))
    return Archive(html, md, images)


# ---------------------------------------------------------------------------------------------
# channels


def recipients_for(cfg: DigestConfig, settings: Settings) -> list[str]:
    if cfg.recipients:
        return list(cfg.recipients)
    raw = settings.alert_email_to or ""
    return [a.strip() for a in raw.split(",") if a.strip()]


def channels_for(cfg: DigestConfig, settings: Settings) -> list[str]:
    """Where the digest goes: the configured channels among those asked for ("default": every
    configured channel but the outbox); the archive alone ("outbox") when none is configured."""
    known = registry()
    wanted: list[str] = []
    for c in cfg.channels:
        for name in ([n for n in known if n != OUTBOX] if c == "default" else [c]):
            if name not in known:
                log.warning("digest %s: unknown channel %s (known: %s); left out", cfg.name, name, ", ".join(known))
            elif known[name].is_configured(settings, cfg.recipients):
                if name not in wanted:
                    wanted.append(name)
            elif c != "default":
                log.warning("digest %s: channel %s is not configured; left out", cfg.name, name)
    return wanted or [OUTBOX]


# ---------------------------------------------------------------------------------------------
# a run


@dataclass
class RunResult:
    name: str
    period: Period
    archive: Archive | None
    digest_id: int | None = None
    status: str = "preview"  # preview | queued | skipped | already | covered
    deliveries: list[int] = field(default_factory=list)  # delivery ids due for sending
    data: DigestData | None = None
    email_size: int | None = None
    message: str = ""


def run_digest(
    session: Session,
    cfg: DigestConfig,
    end: datetime,
    *,
    leaders: Mapping[str, Leader],
    settings: Settings | None = None,
    send: bool = True,
    now: datetime | None = None,
) -> RunResult:
    """Build the digest due at `end`, write its archive, and (with `send`) record it and its
    outbox rows. Commits. Returns the deliveries to send now (none when already sent)."""
    s = settings or get_settings()
    now = now or utcnow()
    period = plan_period(session, cfg, end)
    row = existing_digest(session, cfg.name, end)
    if row is not None and row.archive_path and Path(row.archive_path).exists():
        # it went out: its archive is the record of what was sent, never rewritten
        html = Path(row.archive_path)
        result = RunResult(cfg.name, period, Archive(html, html.with_suffix(".md"), {}))
        result.digest_id, result.status = row.id, "already"
        result.deliveries = _unsent(session, row.id) if send else []
        result.message = (f"digest {cfg.name} for {period.local_date} already went out ({row.status}); "
                          "not sent again, its archive kept as sent")
        return result
    data = collect(session, cfg, period, leaders=leaders, now=now)
    charts = {} if data.brief else draw_charts(data)
    link = archive_link_for(cfg, period.local_date)
    archive = write_archive(data, charts, archive_dir(s, cfg.name), link)
    result = RunResult(cfg.name, period, archive, data=data)
    parts = render_email(data, charts, max_quotes=cfg.max_quotes, archive_link=link)
    result.email_size = parts.size
    if not send:
        result.message = f"archive written to {archive.html}"
        return result
    if row is not None:
        result.digest_id, result.status = row.id, "already"
        result.deliveries = _unsent(session, row.id)
        result.message = f"digest {cfg.name} for {period.local_date} already went out ({row.status}); not sent again"
        return result
    other = overlapping(session, cfg.name, period)
    if other is not None:
        result.status, result.digest_id = "covered", other.id
        result.message = (f"this period is already covered by digest #{other.id} "
                          f"({other.period_start.isoformat()} to {other.period_end.isoformat()}); not sent")
        return result

    digest = Digest(name=cfg.name, period_start=period.start, period_end=period.end, status="built",
                    archive_path=str(archive.html), stats=data.stats())
    try:
        with session.begin_nested():
            session.add(digest)
            session.flush()
    except IntegrityError:  # another worker is building the same period
        session.rollback()
        again = existing_digest(session, cfg.name, end)
        result.status, result.digest_id = "already", again.id if again else None
        result.message = "built concurrently elsewhere; not sent again"
        return result
    result.digest_id = digest.id
    if data.skip:
        digest.status = "skipped"
        session.commit()
        result.status, result.message = "skipped", "nothing new; this digest is configured to send nothing"
        return result
    key_end = period.end.astimezone(period.tz).isoformat()
    blocks, _fallback = slack_blocks(data, link, str(archive.html))
    message = DigestMessage(idempotency_key="", subject=parts.subject, text=parts.text, html=parts.html,
                            images=dict(parts.images), blocks=blocks, archive=str(archive.html),
                            recipients=recipients_for(cfg, s))
    for channel in channels_for(cfg, s):
        key = f"digest:{cfg.name}:{key_end}:{channel}"
        # each row keeps only what its channel sends (the images only in the email's)
        payload = message.to_dict(registry()[channel].DIGEST_PARTS)
        d = Delivery(idempotency_key=key, digest_id=digest.id, channel=channel, payload=payload,
                     status="pending", next_attempt_at=None)
        session.add(d)
        session.flush()
        result.deliveries.append(d.id)
    digest.status = "queued"
    session.commit()
    result.status = "queued"
    result.message = f"digest {cfg.name} for {period.local_date}: {len(result.deliveries)} deliveries queued"
    return result


def _unsent(session: Session, digest_id: int) -> list[int]:
    now = utcnow()
    return list(session.scalars(
        select(Delivery.id).where(
            Delivery.digest_id == digest_id, Delivery.status.in_(["pending", "retry"]),
            (Delivery.next_attempt_at.is_(None)) | (Delivery.next_attempt_at <= now),
        ).order_by(Delivery.id)
    ))


def due_digest_deliveries(session: Session, now: datetime | None = None) -> list[int]:
    """Digest deliveries due (pending, retry time reached, or a claim left by a dead worker)."""
    from alerts.engine import stale_claim

    now = now or utcnow()
    return list(session.scalars(
        select(Delivery.id).where(Delivery.digest_id.is_not(None)).where(
            ((Delivery.status.in_(["pending", "retry"]))
             & ((Delivery.next_attempt_at.is_(None)) | (Delivery.next_attempt_at <= now)))
            | ((Delivery.status == "sending") & (Delivery.claimed_at < now - stale_claim()))
        ).order_by(Delivery.id).limit(100)
    ))


# ---------------------------------------------------------------------------------------------
# one send


def _send_payload(d: Delivery, settings: Settings) -> str:
    """The row's channel sends the digest (ChannelConfigError, permanent, when it cannot)."""
    digest = DigestMessage.from_dict(d.payload or {}, d.idempotency_key)
    return get_channel(d.channel, settings, digest.recipients).send_digest(digest)


def send_digest_delivery(session: Session, delivery_id: int, settings: Settings | None = None,
                         sender: Callable[[Delivery, Settings], str] | None = None) -> str:
    """Claim and send one digest delivery; record the outcome. Returns the new status."""
    from alerts.channels.base import TransportError
    from alerts.engine import claim, record_failure

    s = settings or get_settings()
    d = claim(session, delivery_id)
    if d is None:
        return "skipped"
    if d.digest_id is None:
        raise ValueError(f"delivery {delivery_id} is not a digest delivery")
    try:
        receipt = (sender or _send_payload)(d, s)
    except TransportError as e:
        record_failure(d, e, "digest delivery")
    else:
        d.status, d.sent_at, d.receipt, d.last_error = "sent", utcnow(), str(receipt)[:500], None
        log.info("digest delivery %s sent via %s (%s)", d.id, d.channel, receipt)
    _settle(session, d.digest_id)
    session.commit()
    return d.status


def _settle(session: Session, digest_id: int) -> None:
    """The digest is `sent` once every delivery is, `failed` if one failed for good."""
    digest = session.get(Digest, digest_id)
    if digest is None:
        return
    statuses = list(session.scalars(select(Delivery.status).where(Delivery.digest_id == digest_id)))
    if statuses and all(st == "sent" for st in statuses):
        digest.status = "sent"
    elif any(st == "failed" for st in statuses) and not any(st in ("pending", "retry", "sending")
                                                            for st in statuses):
        digest.status = "failed"


__all__ = [
    "ADVANCES_WATERMARK", "Archive", "RunResult", "channels_for", "due_digest_deliveries",
    "existing_digest", "plan_period", "run_digest", "send_digest_delivery", "watermark", "write_archive",
]
