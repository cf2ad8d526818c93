"""The value types that quote extraction returns. Pure data, no I/O."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

QuoteType = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class Context:
    """What is known about the document, used to resolve titles ("the head of state")."""

    country: str | None = None  # ISO 3166 alpha-2 of the publishing source, e.g. "BY", "RU"
    published: date | None = None
    lang: str | None = None  # declared language ("en", "ru", "be", ...); detected when no pack covers it
    # the leader whose channel published it (a source's `speaks_for`): counts as mentioned, so
    # a title that leader holds ("Глава государства" in pul_1's posts) is theirs
    speaks_for: str | None = None


@dataclass(frozen=True)
class Quote:
    speaker: str | None  # canonical English name from the registry, else best full name, else None
    speaker_id: str | None  # registry id (e.g. "lukashenko"), None for people not in it
    text: str  # the content without quotation marks; an indirect quote's reported clause
    type: QuoteType
    cue: str | None  # reporting verb / label that introduced it ("said", "заявил", "transcript")
    start: int  # offsets into the text given to extract(): text == source[start:end]
    end: int
    topics: list[str] = field(default_factory=list)
    lang: str = "en"
    extractor: str | None = None  # which extractor found it ("direct", "indirect_ru", "model", "transcript")
    reason: str | None = None  # why the resolver chose this speaker (shown by `mouthpiece extract --explain`)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
