"""`topics.yaml`: what quotes are about (NATO, Ukraine, ...), with terms in English and Russian."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.loader import config_path, load_yaml


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    terms: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("terms")
    @classmethod
    def _langs(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang, terms in v.items():
            if lang not in ("en", "ru"):
                raise ValueError(f"unknown language {lang!r} (use en or ru)")
            if any(not t.strip() for t in terms):
                raise ValueError(f"empty term in {lang}")
        return v


class TopicsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topics: list[Topic]

    @field_validator("topics")
    @classmethod
    def _unique_ids(cls, v: list[Topic]) -> list[Topic]:
        seen: set[str] = set()
        for t in v:
            if t.id in seen:
                raise ValueError(f"duplicate topic id {t.id!r}")
            seen.add(t.id)
        return v


@lru_cache(maxsize=8)
def _load(path: str) -> tuple[Topic, ...]:
    return tuple(load_yaml(path, TopicsFile).topics)


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """The topics from `path` (default: the deployment's topics.yaml), cached per path."""
    return list(_load(str(path or config_path("topics.yaml"))))
