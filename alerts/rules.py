"""`rules.yaml`: a small declarative language for what deserves an alert.

A rule matches a quote in context (speaker, topics, source, language, type, text, novelty);
every condition left out matches anything. Pure logic: no I/O beyond loading the YAML."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from alerts.quiet import parse_duration
from config.loader import config_path, load_yaml
from config.patterns import UserPattern, cached, check

Severity = Literal["info", "warning", "critical"]


@dataclass(frozen=True)
class QuoteFacts:
    """Everything a rule may look at, gathered by the caller from storage."""

    speaker_id: str | None
    speaker_country: str | None
    speaker_roles: tuple[str, ...]
    topics: tuple[str, ...]
    source_id: str
    source_kind: str
    source_country: str
    lang: str
    type: str
    text: str
    is_new: bool = True
    published: date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    frames: tuple[str, ...] = ()  # narrative frames (config/narratives.yaml)
    echoes: tuple[EchoFact, ...] = ()  # earlier statements this one echoes


@dataclass(frozen=True)
class EchoFact:
    """One echo of the quote, as `echo_of` sees it (alerts/echoes.py fills these)."""

    country: str | None  # the echoed speaker's country
    speaker: str | None
    lag_seconds: int
    score: float


class SpeakerMatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)  # substring match, case-insensitive


class TopicMatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    any: list[str] = Field(default_factory=list)
    all: list[str] = Field(default_factory=list)


class SourceMatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)


class EchoOf(BaseModel):
    """`echo_of: {country: RU, within: 30d, min_score: 0.2}`: the quote echoes an earlier
    statement by a speaker of `country` made at most `within` before it, scoring >= min_score."""

    model_config = ConfigDict(extra="forbid")
    country: list[str] = Field(default_factory=lambda: ["RU"])
    within: str = "30d"
    min_score: float = Field(default=0.0, ge=0.0, le=1.0)

    @field_validator("country", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("country")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not re.fullmatch(r"[A-Z]{2}|INT", c)]
        if bad:
            raise ValueError(f"not a two-letter country code: {bad}")
        return v

    @field_validator("within")
    @classmethod
    def _duration(cls, v: str) -> str:
        parse_duration(v)
        return v

    def holds(self, echoes: tuple[EchoFact, ...]) -> bool:
        limit = parse_duration(self.within).total_seconds()
        return any(e.country in self.country and 0 <= e.lag_seconds <= limit and e.score >= self.min_score
                   for e in echoes)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str
    description: str = ""
    enabled: bool = True
    severity: Severity = "warning"
    channels: list[str] = Field(default_factory=lambda: ["default"])
    speaker: SpeakerMatch = Field(default_factory=SpeakerMatch)
    topics: TopicMatch = Field(default_factory=TopicMatch)
    source: SourceMatch = Field(default_factory=SourceMatch)
    languages: list[str] = Field(default_factory=list)
    types: list[Literal["direct", "indirect", "mixed"]] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)  # any of them, case-insensitive substring
    regex: str | None = None
    frames: list[str] = Field(default_factory=list)  # any of these narrative frames
    echo_of: EchoOf | None = None
    new_only: bool = True  # novelty: only quotes the speaker has not said lately
    novelty_days: int = Field(default=30, ge=1)

    @field_validator("regex")
    @classmethod
    def _regex_compiles(cls, v: str | None) -> str | None:
        # a pattern the linear-time engine cannot run is a config error (file:line: field)
        return check(v)

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, v: list[str]) -> list[str]:
        known = {"default", "email", "slack", "apprise", "outbox", "digest"}
        bad = [c for c in v if c not in known]
        if bad:
            raise ValueError(f"unknown channel(s) {bad}; use any of {sorted(known)}")
        return v

    @field_validator("frames")
    @classmethod
    def _known_frames(cls, v: list[str]) -> list[str]:
        if v:
            from config.narratives import load_frames

            known = {f.id for f in load_frames()}
            bad = [f for f in v if f not in known]
            if bad:
                raise ValueError(f"unknown frame(s) {bad}; narratives.yaml has {sorted(known)}")
        return v

    @cached_property
    def _pattern(self) -> UserPattern | None:
        # RE2 (config/patterns.py): linear in the quote's length, whatever the pattern
        return cached(self.regex, True) if self.regex else None

    def needs_narratives(self) -> bool:
        """Whether the rule asks for frames or echoes, known only after the quote is indexed."""
        return bool(self.frames) or self.echo_of is not None

    def matches(self, q: QuoteFacts) -> bool:
        """Every given condition must hold (novelty is checked by the caller: it needs storage)."""
        if not self.enabled:
            return False
        sp = self.speaker
        if sp.ids and q.speaker_id not in sp.ids:
            return False
        if sp.countries and q.speaker_country not in sp.countries:
            return False
        if sp.roles and not any(r.lower() in role.lower() for r in sp.roles for role in q.speaker_roles):
            return False
        topics = {t.lower() for t in q.topics}
        if self.topics.any and not topics & {t.lower() for t in self.topics.any}:
            return False
        if self.topics.all and not {t.lower() for t in self.topics.all} <= topics:
            return False
        src = self.source
        if src.ids and q.source_id not in src.ids:
            return False
        if src.kinds and q.source_kind not in src.kinds:
            return False
        if src.countries and q.source_country not in src.countries:
            return False
        if self.languages and q.lang not in self.languages:
            return False
        if self.types and q.type not in self.types:
            return False
        text = q.text.lower()
        if self.keywords and not any(k.lower() in text for k in self.keywords):
            return False
        if self._pattern is not None and not self._pattern.search(q.text):
            return False
        if self.frames and not set(self.frames) & set(q.frames):
            return False
        if self.echo_of is not None and not self.echo_of.holds(q.echoes):
            return False
        return not (self.new_only and not q.is_new)


class RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[Rule]

    @model_validator(mode="after")
    def _unique(self) -> RulesFile:
        ids = [r.id for r in self.rules]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate rule id(s): {sorted(dup)}")
        return self


def load_rules(path: str | Path | None = None) -> list[Rule]:
    return load_yaml(path or config_path("rules.yaml"), RulesFile).rules
