"""Silences: "no alerts for this speaker (and/or rule) until then".

An alert created while a silence matches is recorded with status `silenced` (it still shows in
the digest); a delivery that comes due while one matches is marked `silenced` instead of sent.
A silence names a speaker, a rule, or both; expired silences simply stop matching."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.leaders import Leader
from storage.models import Silence, utcnow


def resolve_speaker(text: str, leaders: list[Leader]) -> str:
    """A registry id from an id, the canonical name, a surname or an alias (case-insensitive)."""
    want = text.strip().casefold()
    for ld in leaders:
        names = {ld.id, ld.name, ld.surname, *ld.aliases}
        if want in {n.casefold() for n in names}:
            return ld.id
    known = ", ".join(sorted(ld.id for ld in leaders))
    raise ValueError(f"unknown speaker {text!r} (known ids: {known})")


def add(session: Session, *, speaker_id: str | None, rule_id: str | None, duration: timedelta,
        reason: str | None = None, now: datetime | None = None) -> Silence:
    if not speaker_id and not rule_id:
        raise ValueError("a silence needs a speaker, a rule, or both")
    now = now or utcnow()
    row = Silence(speaker_id=speaker_id, rule_id=rule_id, until=now + duration, reason=reason, created_at=now)
    session.add(row)
    session.flush()
    return row


def active(session: Session, now: datetime | None = None) -> list[Silence]:
    now = now or utcnow()
    return list(session.scalars(select(Silence).where(Silence.until > now).order_by(Silence.id)))


def matching(session: Session, speaker_id: str | None, rule_id: str,
             now: datetime | None = None) -> Silence | None:
    """The first active silence covering this speaker and rule, if any."""
    return first_matching(active(session, now), speaker_id, rule_id)


def first_matching(silences: list[Silence], speaker_id: str | None, rule_id: str) -> Silence | None:
    """The first of these (active) silences covering this speaker and rule, if any."""
    for s in silences:
        if s.speaker_id and s.speaker_id != speaker_id:
            continue
        if s.rule_id and s.rule_id != rule_id:
            continue
        return s
    return None


def describe(s: Silence) -> str:
    what = " and ".join(x for x in (f"speaker {s.speaker_id}" if s.speaker_id else "",
                                    f"rule {s.rule_id}" if s.rule_id else "") if x)
    why = f" ({s.reason})" if s.reason else ""
    return f"silence {s.id}: {what} until {s.until:%Y-%m-%d %H:%M} UTC{why}"


def remove(session: Session, silence_id: int) -> bool:
    row = session.get(Silence, silence_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
