"""Before a command touches storage: is the data folder usable, is the database a database?

Every problem becomes one line that says what is wrong and what to do, and nothing is written
before the checks pass: a damaged file stays as it was, and no empty database is left behind.
A missing or empty database is not a problem: its schema is created (nothing can be lost)."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from alembic.util.exc import CommandError

SQLITE_MAGIC = b"SQLite format 3\x00"


class StorageProblem(Exception):
    """The data folder, the database or the task queue cannot be used; the message says why
    and what to do, in one line."""


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL (database or `sqla+sqlite` broker), else None."""
    for prefix in ("sqlite:///", "sqla+sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url[len(prefix):].split("?", 1)[0]
            return Path(path) if path and path != ":memory:" else None
    return None


def check_folder(folder: Path, what: str = "data folder") -> None:
    """The folder exists (created if missing) and this process can create files in it."""
    folder = folder.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageProblem(f"the {what} {folder} is a file, not a folder: set MOUTHPIECE_DATA_DIR "
                             "to a folder") from None
    except OSError as e:
        raise StorageProblem(f"cannot create the {what} {folder} ({e.strerror}): create it, or set "
                             "MOUTHPIECE_DATA_DIR to a folder you can write") from None
    try:  # os.access is not enough: root passes it on a read-only mount or an immutable folder
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".mouthpiece-write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise StorageProblem(f"the {what} {folder} is not writable ({e.strerror}); Mouthpiece keeps its "
                             "database, queue, outbox and digests there: make it writable, or set "
                             "MOUTHPIECE_DATA_DIR to another folder") from None


def check_sqlite(path: Path, what: str) -> None:
    """An SQLite file is usable: absent or empty (a new one is made), or a writable SQLite
    database. Damaged files are left alone and named."""
    path = path.resolve()
    check_folder(path.parent, "folder of " + what)
    if not path.exists():
        return
    if path.is_dir():
        raise StorageProblem(f"{what} {path} is a folder, not a file: move it away, or set "
                             "MOUTHPIECE_DATA_DIR to another folder")
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise StorageProblem(f"cannot read {what} {path} ({e.strerror})") from None
    if head and head != SQLITE_MAGIC:
        raise StorageProblem(damaged(path, what))
    if not os.access(path, os.W_OK):
        raise StorageProblem(f"{what} {path} is read-only: make it writable (Mouthpiece records what it "
                             "does there), or set MOUTHPIECE_DATA_DIR to another folder")


def damaged(path: Path, what: str) -> str:
    return (f"{what} {path} is not an SQLite database (damaged?) and was left as it is: move it aside "
            f"(mv {path} {path}.damaged) to start a new one, or set MOUTHPIECE_DATA_DIR to another folder")


def describe(error: BaseException) -> str | None:
    """One line for a storage or broker error met later (a database that broke while in use, a
    server that is down); None when it is not one of those."""
    from sqlalchemy.exc import SQLAlchemyError

    from config.logs import redact
    from config.settings import get_settings

    s = get_settings()
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    first = text[0] if text else error.__class__.__name__
    db = s.resolved_database_url()
    broker = s.resolved_broker_url()
    low = first.lower()
    sqlite_db, sqlite_broker = sqlite_file(db), sqlite_file(broker)
    if "file is not a database" in low or "malformed" in low:
        # which of the two files: the one whose header is wrong, else the database
        for path, what in ((sqlite_db, "the database"), (sqlite_broker, "the task queue")):
            if path is not None and path.exists():
                try:
                    with open(path, "rb") as f:
                        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                            return damaged(path, what)
                except OSError:
                    pass
        if sqlite_db is not None:
            return damaged(sqlite_db, "the database")
    if "readonly database" in low or "read-only" in low or "unable to open database file" in low:
        where = sqlite_db.parent if sqlite_db else s.data_dir.resolve()
        return (f"cannot write in {where} ({first}): make it writable, or set MOUTHPIECE_DATA_DIR to "
                "another folder")
    if isinstance(error, SQLAlchemyError):
        return (f"the database {redact(db)} failed: {redact(first)}. Is it running, and is DATABASE_URL "
                "right? (`mouthpiece status` shows what is configured)")
    from kombu.exceptions import OperationalError as BrokerError

    if isinstance(error, BrokerError | ConnectionError):
        return (f"cannot reach the task queue {redact(broker)}: {redact(first)}. Is it running, and is "
                "BROKER_URL right?")
    return None


def check_storage(broker: bool = False, data_dir: bool = False) -> None:
    """Check without writing anything. `broker`: the command also publishes tasks; `data_dir`:
    it writes files there (outbox, digests, the beat schedule)."""
    from config.settings import get_settings

    s = get_settings()
    if data_dir:
        check_folder(s.data_dir)
    db_file = sqlite_file(s.resolved_database_url())
    if db_file is not None:
        check_sqlite(db_file, "the database")
    if broker and (broker_file := sqlite_file(s.resolved_broker_url())) is not None:
        check_sqlite(broker_file, "the task queue")


def ready_storage(broker: bool = False, data_dir: bool = False, revision: str = "head") -> None:
    """Check, then create or migrate the schema (a no-op when it is current)."""
    from sqlalchemy.exc import SQLAlchemyError

    from storage.db import upgrade

    check_storage(broker, data_dir)
    try:
        upgrade(revision=revision)
    except SQLAlchemyError as e:
        raise StorageProblem(describe(e) or str(e)) from None
    except CommandError as e:  # Alembic: a revision it does not know
        raise StorageProblem(unknown_revision(e, revision)) from None


def unknown_revision(error: Exception, asked: str) -> str:
    """The database is at a schema revision this code has no migration for (a newer Mouthpiece
    or another branch made it), or the revision asked for does not exist. Nothing was changed."""
    from config.logs import redact
    from config.settings import get_settings

    found = re.search(r"revision identified by '([^']+)'", str(error))
    rev = found.group(1) if found else None
    if rev is not None and rev == asked:
        return f"there is no schema revision {rev}: `mouthpiece db upgrade` with no argument migrates to the latest"
    url = get_settings().resolved_database_url()
    where = sqlite_file(url)
    aside = f"move it aside (mv {where} {where}.newer) to start a new one, or " if where else ""
    return (f"the database {redact(url)} is at schema revision {rev or '?'}, which this version of Mouthpiece "
            f"does not know (a newer version, or another branch, made it) and was left as it is: run the version "
            f"that made it, {aside}set DATABASE_URL or MOUTHPIECE_DATA_DIR to another database")
