"""A forked process must never use an SQLite connection its parent opened (issue 10: `mouthpiece
run` published on the SQLite broker, then forked the embedded beat, and beat's first sweep
failed with "database is locked" / "file is not a database" from then on). Celery forks its
pool processes and the embedded beat; each must open connections of its own, for the broker
and for storage alike."""
from __future__ import annotations

import json
import os
from pathlib import Path

from kombu.connection import Connection
from sqlalchemy import text

import tasks.app  # noqa: F401  (registers the broker's after-fork hook, as the worker does)
from storage.db import get_engine
from tasks.app import _transport_options


def _raw(connection: object) -> int:
    return id(connection.connection.dbapi_connection)  # type: ignore[attr-defined]


def _broker_conn_id(url: str) -> int:
    with Connection(url, transport_options=_transport_options(url)) as conn:  # type: ignore[no-untyped-call]
        q = conn.SimpleQueue("fork-test")
        q.put({"from": os.getpid()})
        q.close()
        return _raw(conn.default_channel.session.connection())


def test_forked_child_opens_its_own_sqlite_connections(tmp_path: Path) -> None:
    broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
    engine = get_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as c:  # the parent uses both, then returns the connections to the pools
        c.execute(text("CREATE TABLE t (x INTEGER)"))
        c.commit()
        parent_db = _raw(c)
    parent_broker = _broker_conn_id(broker)

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: what Celery's pool process or the embedded beat does
        code = 0
        try:
            with engine.connect() as c:
                c.execute(text("INSERT INTO t VALUES (1)"))
                c.commit()
                child_db = _raw(c)
            child_broker = _broker_conn_id(broker)
            os.write(w, json.dumps({"db": child_db, "broker": child_broker}).encode())
        except BaseException as e:
            os.write(w, json.dumps({"error": repr(e)}).encode())
            code = 1
        os._exit(code)
    os.close(w)
    _, status = os.waitpid(pid, 0)
    got = json.loads(os.read(r, 65536) or b"{}")
    os.close(r)
    assert os.waitstatus_to_exitcode(status) == 0, got
    assert got["db"] != parent_db, "the child reused the parent's storage connection"
    assert got["broker"] != parent_broker, "the child reused the parent's SQLite broker connection"
    # and the parent's own connections still work afterwards
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM t")).scalar() == 1
    _broker_conn_id(broker)
