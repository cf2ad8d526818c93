"""What an extractor finds: a `Candidate` (a quote's span, type, cue and the speaker expression or
speaker its rule linked to it), before the resolver settles who the speaker is. Pure data."""
from __future__ import annotations

from dataclasses import dataclass

from quotes.model import QuoteType


@dataclass(frozen=True)
class Speaker:
    name: str | None
    leader_id: str | None
    gender: str | None = None


@dataclass(frozen=True)
class Candidate:
    start: int  # the content's offsets in the text (without quotation marks)
    end: int
    type: QuoteType
    extractor: str  # the extractor that found it ("transcript", "direct", "indirect_en", "model", ...)
    cue: str | None = None  # the reporting verb or label ("said", "заявил", "transcript")
    # the speaker expression's offsets when the extractor knows them (a subject, a source span, a label)
    source: tuple[int, int] | None = None
    # the speaker the extractor's own rule fixed, if any (a transcript label, a speaker carried from the
    # previous quote); None leaves the choice to the resolver, which reads `source`
    speaker: Speaker | None = None
    link: str = ""  # how the extractor tied the quote to its speaker ("tail attribution", "label")
    score: float = 1.0  # the extractor's confidence (1.0 for rules)
    fragments: int = 1  # content pieces joined into this quote ("“A,” said X. “B”" is 2)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Attribution:
    """The resolver's answer for one candidate: who, and why (shown by `mouthpiece extract --explain`)."""

    speaker: str | None
    speaker_id: str | None
    reason: str
