"""What an alert (or a digest) says, independent of the channel that carries it.

Every string here except the fixed labels may come from a scraped page: channels
must treat all of them as hostile (escape for HTML, Slack mrkdwn, email headers).
"""
from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
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
    # earlier statements this one echoes: [{"speaker", "lag", "text", "url", "frames", "score"}]
    echoes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def subject(self) -> str:
        topics = ", ".join(self.topics) or "statement"
        return f"[{self.severity}] {self.speaker} on {topics}: {self.quote_text[:80]}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AlertMessage:
        return cls(**d)


@dataclass(frozen=True)
class DigestMessage:
    """One digest, rendered once for every channel; each channel sends the parts it can show
    (`Channel.DIGEST_PARTS`: only those are stored in its outbox row).

    `blocks` is a Block Kit summary for chat services; `archive` the archive file's path;
    `recipients` the digest's own addresses (else the channel's default)."""

    idempotency_key: str
    subject: str
    text: str = ""
    html: str | None = None
    images: dict[str, bytes] = field(default_factory=dict)
    blocks: list[dict[str, Any]] | None = None
    archive: str | None = None
    recipients: list[str] = field(default_factory=list)

    def to_dict(self, parts: Iterable[str] | None = None) -> dict[str, Any]:
        """JSON-ready (images as base64), with only `parts` (and the subject) when given."""
        keep = {"subject", *(parts if parts is not None else (f.name for f in fields(self)))}
        out: dict[str, Any] = {"kind": "digest"}
        for f in fields(self):
            if f.name in keep and f.name != "idempotency_key":
                value = getattr(self, f.name)
                if f.name == "images":
                    value = {k: base64.b64encode(v).decode("ascii") for k, v in value.items()}
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any], idempotency_key: str) -> DigestMessage:
        """From an outbox row's payload (rows written before the channel registry: their
        per-channel shapes are read too)."""
        images = {k: base64.b64decode(v) for k, v in (d.get("images") or {}).items()}
        return cls(idempotency_key=idempotency_key, subject=str(d.get("subject") or d.get("text") or ""),
                   text=str(d.get("text") or ""), html=d.get("html"), images=images, blocks=d.get("blocks"),
                   archive=d.get("archive"), recipients=list(d.get("recipients") or d.get("to") or []))
