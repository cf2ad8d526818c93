"""Fixtures shared across the test folders."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings(**env-style names) with the data dir in tmp_path and no `.env` file."""

    def make(**env: Any) -> Settings:
        values: dict[str, Any] = {"MOUTHPIECE_DATA_DIR": str(tmp_path / "data")}
        values.update(env)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return make
