"""Operator alerts (`config/ops.yaml`): about Mouthpiece itself, sent to the operators' channel.

The one rule today is parser drift: a crawl in which more than `above` of the articles a site
parser read came out without a title, a date or a body (each was stored from the generic
extractor instead; crawlers/article.py). One alert per rule and crawl run, by its idempotency
key; its delivery rows (no alert row: there is no quote) are sent like any other, retried by the
sweep, and listed by `mouthpiece alerts failed` when they fail.

Pure decisions (`drift_verdict`) are separate from the rows (`raise_for_run`)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.message import AlertMessage
from alerts.rules import Severity
from config.loader import config_path, load_yaml
from storage.models import CrawlRun, Delivery, Source, utcnow

log = logging.getLogger(__name__)

OPS_KINDS = ("parser_drift",)


class OpsRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str
    when: Literal["parser_drift"]
    above: float = Field(default=0.5, ge=0, lt=1)  # share of a run's articles
    min_articles: int = Field(default=2, ge=1)
    severity: Severity = "warning"
    enabled: bool = True
    channels: list[str] = Field(default_factory=lambda: ["default"])

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, v: list[str]) -> list[str]:
        known = {"default", "email", "slack", "apprise", "outbox"}
        bad = [c for c in v if c not in known]
        if bad:
            raise ValueError(f"unknown channel(s) {bad}; use any of {sorted(known)}")
        return v


class OpsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[OpsRule] = Field(default_factory=list)


def load_ops_rules(path: str | Path | None = None) -> list[OpsRule]:
    return load_yaml(path or config_path("ops.yaml"), OpsFile).rules


@dataclass(frozen=True)
class Verdict:
    drifted: int
    parsed: int
    fields: dict[str, int]

    def describe(self) -> str:
        fields = ", ".join(f"{'date' if f == 'published_at' else f} on {n}" for f, n in sorted(self.fields.items()))
        return (f"{self.drifted} of the {self.parsed} articles its site parser read came out without "
                f"what the parser looks for ({fields}); they were stored from the generic extractor")


def drift_verdict(rule: OpsRule, stats: dict[str, Any]) -> Verdict | None:
    """A Verdict when the run's drift is over the rule's line (more than `above`), else None."""
    d = dict(stats.get("parser_drift") or {})
    drifted, parsed = int(d.get("articles") or 0), int(d.get("parsed") or 0)
    if parsed < rule.min_articles or drifted <= rule.above * parsed:
        return None
    return Verdict(drifted, parsed, {str(k): int(v) for k, v in dict(d.get("fields") or {}).items()})


def message(rule: OpsRule, run: CrawlRun, source: Source, v: Verdict, channel: str,
            url: str) -> AlertMessage:
    return AlertMessage(
        idempotency_key=f"ops-{rule.id}-run-{run.id}-{channel}-{run.started_at:%Y%m%dT%H%M%S%f}",
        rule_id=rule.id, rule_name=rule.name, severity=rule.severity,
        speaker="Mouthpiece (operator alert)", speaker_role=None,
        quote_text=f"{source.name}: {v.describe()}. The site may have changed its layout: check the "
                   f"parser against a fresh page (mouthpiece article URL).",
        quote_type="operator", lang="en", topics=["parser drift"], source_name=source.name, url=url,
        article_title=f"Parser drift on {source.id} (crawl run #{run.id})",
        published_at=None, first_seen_at=(run.finished_at or utcnow()).isoformat(),
        novelty_reason=f"{v.drifted}/{v.parsed} articles drifted (over {rule.above:.0%})",
    )


def raise_for_run(session: Session, run_id: int, channels_for: Callable[[list[str]], list[str]],
                  rules: list[OpsRule] | None = None) -> list[int]:
    """The operator alerts one finished crawl run deserves: delivery rows, due now. Idempotent:
    a run already judged gets no second row (unique idempotency key)."""
    run = session.get(CrawlRun, run_id)
    if run is None or run.status == "running":
        return []
    source = session.get(Source, run.source_id)
    if source is None:
        return []
    stats = dict(run.stats or {})
    ids: list[int] = []
    for rule in rules if rules is not None else load_ops_rules():
        if not rule.enabled:
            continue
        v = drift_verdict(rule, stats)
        if v is None:
            continue
        urls = list((stats.get("parser_drift") or {}).get("urls") or [])
        for channel in channels_for(rule.channels):
            msg = message(rule, run, source, v, channel, urls[0] if urls else "")
            if session.scalar(select(Delivery.id).where(Delivery.idempotency_key == msg.idempotency_key)):
                continue
            d = Delivery(idempotency_key=msg.idempotency_key, channel=channel, payload=msg.to_dict(),
                         status="pending", next_attempt_at=utcnow())
            session.add(d)
            session.flush()
            ids.append(d.id)
        log.warning("operator alert %s on %s (crawl run %s): %s", rule.id, source.id, run.id, v.describe())
    return ids


def ops_channels(requested: list[str]) -> list[str]:
    """"default" is every configured service; with none, the outbox (never nowhere)."""
    from alerts.channels import configured_channels, effective_channels

    services = [c for c in configured_channels() if c != "outbox"]
    wanted: list[str] = []
    for c in requested:
        wanted += services if c == "default" else [c]
    return effective_channels(wanted)
