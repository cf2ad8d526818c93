"""`channels.yaml`: per-channel delivery policy — quiet hours in a time zone and a rate cap.

    channels:
      slack:
        quiet_hours: {start: "22:00", end: "07:00", timezone: Europe/Minsk}
        rate_cap: {max: 10, per: 1h}      # more than this in the window goes to the digest
      email:
        rate_cap: {max: 30, per: 1d}

Quiet hours delay a send to the end of the quiet window (the delivery row's next_attempt_at;
beat's sweep sends it then); they never drop it. A send over the rate cap is not sent: the
delivery is `held` with the reason, and the alert shows in the next digest. Channels not listed
have no quiet hours and no cap. Mistakes are reported as file:line: field.
"""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.loader import config_path, load_yaml, time_zone

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


MAX_DURATION = timedelta(days=3650)  # beyond ten years a silence or a backtest window means "forever": say so


def parse_duration(text: str) -> timedelta:
    """"90s", "15m", "1h", "2d", "1w" -> timedelta, at most ten years; ValueError otherwise."""
    m = _DURATION.match(text or "")
    if not m or int(m.group(1)) <= 0:
        raise ValueError(f"not a duration like 30m, 1h, 2d or 1w: {text!r}")
    seconds = int(m.group(1)) * _UNITS[m.group(2)]
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"{text.strip()!r} is longer than ten years (3650d), the longest duration accepted")
    return timedelta(seconds=seconds)


class QuietHours(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: time
    end: time
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        return time_zone(v)

    def until(self, now: datetime) -> datetime | None:
        """The end of the quiet window `now` is in (aware, UTC-comparable), or None."""
        tz = ZoneInfo(self.timezone)
        local = now.astimezone(tz)
        t = local.time().replace(tzinfo=None)
        if self.start == self.end:
            return None
        if self.start < self.end:  # e.g. 12:00-14:00
            inside = self.start <= t < self.end
            end_day = local.date()
        else:  # over midnight, e.g. 22:00-07:00
            inside = t >= self.start or t < self.end
            end_day = local.date() + timedelta(days=1) if t >= self.start else local.date()
        if not inside:
            return None
        return datetime.combine(end_day, self.end, tzinfo=tz)


class RateCap(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max: int = Field(ge=1)
    per: str = "1h"

    @field_validator("per")
    @classmethod
    def _duration(cls, v: str) -> str:
        parse_duration(v)
        return v

    @property
    def window(self) -> timedelta:
        return parse_duration(self.per)


class ChannelPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quiet_hours: QuietHours | None = None
    rate_cap: RateCap | None = None


class ChannelsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channels: dict[str, ChannelPolicy] = Field(default_factory=dict)

    @field_validator("channels")
    @classmethod
    def _known(cls, v: dict[str, ChannelPolicy]) -> dict[str, ChannelPolicy]:
        from alerts.channels import channel_names

        bad = [k for k in v if k not in channel_names()]
        if bad:
            raise ValueError(f"unknown channel(s) {bad}; use any of {list(channel_names())}")
        return v


def load_channel_policies(path: str | Path | None = None) -> dict[str, ChannelPolicy]:
    return load_yaml(path or config_path("channels.yaml"), ChannelsFile).channels
