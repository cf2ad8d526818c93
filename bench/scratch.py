"""A throw-away PostgreSQL database for one bench run, made on a server the user names and
dropped (even with connections still open) when the run ends."""
from __future__ import annotations

import os

import sqlalchemy as sa


class ScratchDatabase:
    def __init__(self, server_url: str, prefix: str) -> None:
        self.admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
        self.name = f"{prefix}_{os.getpid()}"
        with self.admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        self.url = server_url.rsplit("/", 1)[0] + "/" + self.name

    def drop(self) -> None:
        with self.admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()
