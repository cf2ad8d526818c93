"""Fixtures shared by the storage tests."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import upgrade
from tests.support.services import fresh_pg_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database of each kind: SQLite in tmp_path, a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'db.sqlite'}"
        upgrade(url)
        yield url
    else:
        with fresh_pg_database() as url:
            upgrade(url)
            yield url
