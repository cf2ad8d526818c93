"""What an alert says, independent of the channel that carries it.

Every string here except the fixed labels may come from a scraped page: channels
must treat all of them as hostile (escape for HTML, Slack mrkdwn, email headers).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class AlertMessage:
    idempotency_key: str  # stable per alert x channel; a channel may use it to de-duplicate
    rule_id: str
    rule_name: str
    severity: str  # "info" | "warning" | "critical"
    speaker: str
    speaker_role: str | None
    quote_text: str
    quote_type: str  # direct | indirect | mixed
    lang: str
    topics: list[str]
    source_name: str
    url: str
    article_title: str
    published_at: str | None  # ISO 8601 with offset
    first_seen_at: str  # ISO 8601 with offset
    novelty_reason: str
    also_reported_by: list[str] = field(default_factory=list)

    @property
    def subject(self) -> str:
        topics = ", ".join(self.topics) or "statement"
        return f"[{self.severity}] {self.speaker} on {topics}: {self.quote_text[:80]}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AlertMessage:
        return cls(**d)
