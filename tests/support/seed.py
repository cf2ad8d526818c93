"""A database for tests that store quotes: migrated, with the given sources and every registry leader as a
speaker (what the crawler and the worker would have written before the first article)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest


def seeded_database(url: str, sources: Iterable[tuple[str, str, str]], data_dir: Path,
                    monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the settings at `url` (and `data_dir`), migrate it, add `sources` as (id, name, country) and the
    leaders of config/leaders.yaml; returns `url`. The caller resets the engines and settings when done."""
    from config.leaders import load_leaders
    from config.settings import reset_settings
    from storage.db import reset_engines, session_scope, upgrade
    from storage.models import Source, Speaker

    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(data_dir))
    reset_settings()
    reset_engines()
    upgrade(url)
    with session_scope(url) as s:
        for sid, name, country in sources:
            s.add(Source(id=sid, name=name, kind="state_media", country=country, http_cache={}))
        for ld in load_leaders():
            s.add(Speaker(id=ld.id, name=ld.name, country=ld.country))
    return url
