"""Engines and sessions. SQLite by default (a file under ./data/), PostgreSQL via DATABASE_URL."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the crawler child process, the worker and the CLI read while one writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def normalise_url(url: str) -> str:
    # psycopg 3 is the installed driver; accept the common postgres:// spellings.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


# Connections a forked child inherited: kept referenced so the child never uses or closes them.
_INHERITED: list[Any] = []


def forget_inherited_connections(engines: list[Engine]) -> None:
    """In a forked child: give each engine a fresh, empty pool. An SQLite connection opened
    before fork() must never be used after it in the child ("Do not open an SQLite database
    connection, then fork()": the two processes then share one file handle and lock state, and
    the database reads as locked or "file is not a database"); a PostgreSQL socket shared by two
    processes garbles both sides. The inherited connections stay referenced so that not even
    their garbage collection touches the parent's handles (SQLAlchemy's own advice for
    multiprocessing, with close=False)."""
    for engine in engines:
        _INHERITED.append(engine.pool)
        engine.pool = engine.pool.recreate()


_ENGINES: list[Engine] = []


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    if url is None:
        from config.settings import get_settings

        url = get_settings().resolved_database_url()
    url = normalise_url(url)
    _ensure_sqlite_dir(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    _ENGINES.append(engine)
    return engine


@lru_cache(maxsize=8)
def _factory(url: str | None) -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One transaction: commit on success, roll back on error."""
    session = _factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def relax_commit(session: Session) -> None:
    """For this transaction only (PostgreSQL): commit without waiting for the WAL to reach the
    disk (`synchronous_commit = off`). A commit then costs a round trip, not an fsync (7 ms and
    more on a busy disk: a crawl storing one article per transaction waited on little else). What
    may be lost is the last fraction of a second of such commits if the database server itself
    crashes, never consistency; use it only for writes the pipeline re-derives: a stored article
    not there is stored again by the next crawl, an extraction not there is queued again by the
    sweep (its alert rows with it). SQLite needs nothing: WAL with synchronous=NORMAL does not
    sync each commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def reset_engines() -> None:
    """Forget cached engines (tests switch databases)."""
    get_engine.cache_clear()
    _factory.cache_clear()
    _ENGINES.clear()


# Every fork (Celery's pool processes, the embedded beat) starts with empty pools.
os.register_at_fork(after_in_child=lambda: forget_inherited_connections(list(_ENGINES)))


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Run Alembic migrations up to `revision` on the configured database."""
    from alembic import command
    from alembic.config import Config

    here = Path(__file__).resolve().parent
    cfg = Config()
    cfg.set_main_option("script_location", str(here / "migrations"))
    if url is None:
        from config.settings import get_settings

        url = get_settings().resolved_database_url()
    url = normalise_url(url)
    _ensure_sqlite_dir(url)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, revision)
