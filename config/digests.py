"""`digests.yaml`: the daily digests: who gets them, when, and what they cover.

Each digest covers the period since its last send (the watermark), so nothing falls between two
digests; it is due at `send_hour` o'clock in its `timezone`. Secrets (SMTP_URL, the Slack webhook)
come from the environment; only recipients and choices live here.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from config.loader import config_path, load_yaml, time_zone

# "default", or a channel's name (alerts/channels/: the registry lives above this layer, so an
# unknown name is reported when the digest is sent, and left out)
DigestChannel = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
EmptyDay = Literal["send", "brief", "skip"]


class Coverage(BaseModel):
    """Which speakers' quotes a digest shows. Empty lists mean every registry speaker."""

    model_config = ConfigDict(extra="forbid")
    ids: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)

    def covers(self, speaker_id: str | None, country: str | None) -> bool:
        if speaker_id is None:
            return False
        if not self.ids and not self.countries:
            return True
        return speaker_id in self.ids or (country is not None and country in self.countries)


class Comparison(BaseModel):
    """The charts: quote volume of two countries' leaders on some topics, over `days` days."""

    model_config = ConfigDict(extra="forbid")
    countries: list[str] = Field(default_factory=lambda: ["BY", "RU"], min_length=1, max_length=4)
    topics: list[str] = Field(default_factory=lambda: ["NATO", "Ukraine"], min_length=1, max_length=4)
    days: int = Field(default=30, ge=2, le=366)


class DigestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    title: str = "Mouthpiece daily digest"
    # "default": every configured channel (email when SMTP_URL and recipients are set, Slack
    # when SLACK_WEBHOOK_URL is, Apprise when APPRISE_URLS is); with none, the archive alone
    # ("outbox").
    channels: list[DigestChannel] = Field(default_factory=lambda: list[DigestChannel](["default"]), min_length=1)
    recipients: list[str] = Field(default_factory=list)  # email; else ALERT_EMAIL_TO
    timezone: str = "UTC"
    send_hour: int = Field(default=7, ge=0, le=23)
    speakers: Coverage = Field(default_factory=Coverage)
    rules: list[str] = Field(default_factory=list)  # alert rules shown; empty: all
    # a day with no new statements and no alerts: the full digest, a short note, or nothing
    empty_day: EmptyDay = "brief"
    compare: Comparison = Field(default_factory=Comparison)
    max_quotes: int = Field(default=30, ge=1, le=500)  # in the email; the archive holds up to 500
    # public URL of the archive, e.g. "https://mp.example.org/digests/{name}/{date}.html"
    archive_url: str | None = None
    # on the very first run, send a digest whose due time passed less than this long ago
    catch_up_hours: int = Field(default=6, ge=0, le=168)
    enabled: bool = True

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        return time_zone(v)

    @field_validator("archive_url")
    @classmethod
    def _http_url(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("https://", "http://")):
            raise ValueError("archive_url must be an http(s) URL")
        return v

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def due_at(self, local_date: date) -> datetime:
        """The send time (aware, in the digest's zone) on the local date `local_date`."""
        return datetime.combine(local_date, time(self.send_hour), tzinfo=self.zone)

    def next_due(self, now: datetime) -> datetime:
        """The first send time after `now`: the end of the period in progress."""
        local = now.astimezone(self.zone)
        today = self.due_at(local.date())
        return today if today > local else self.due_at((local + timedelta(days=1)).date())

    def last_due(self, now: datetime) -> datetime:
        """The latest send time at or before `now` (aware, in the digest's zone)."""
        local = now.astimezone(self.zone)
        today = self.due_at(local.date())
        if today <= local:
            return today
        return self.due_at((local - timedelta(days=1)).date())


class DigestsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    digests: list[DigestConfig] = Field(default_factory=list)

    @field_validator("digests")
    @classmethod
    def _unique_names(cls, v: list[DigestConfig]) -> list[DigestConfig]:
        seen: set[str] = set()
        for d in v:
            if d.name in seen:
                raise ValueError(f"duplicate digest name {d.name!r}")
            seen.add(d.name)
        return v


def load_digests(path: str | Path | None = None) -> list[DigestConfig]:
    return _load(str(path or config_path("digests.yaml")))


@lru_cache(maxsize=8)
def _load(path: str) -> list[DigestConfig]:
    return load_yaml(path, DigestsFile).digests


def get_digest(name: str | None = None, path: str | Path | None = None) -> DigestConfig:
    """The digest called `name` (the first one when None); KeyError if there is none."""
    digests = load_digests(path)
    for d in digests:
        if name is None or d.name == name:
            return d
    known = ", ".join(d.name for d in digests) or "none configured"
    raise KeyError(f"no digest named {name!r} (known: {known})")
