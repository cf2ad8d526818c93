"""The Celery app. Redis + PostgreSQL in production; with no configuration, a SQLite-backed
broker that needs no server and keeps queued tasks across a restart."""
from __future__ import annotations

import logging
import os
import sqlite3
from typing import Any

from celery import Celery, signals
from kombu import Queue

from config.settings import get_settings

log = logging.getLogger("mouthpiece.tasks")

CRAWL_QUEUE = "crawl"
DEFAULT_QUEUE = "default"  # extract + alerts + delivery + digests
# Bounds of one pool process (a worker with the models loaded holds about 300 MB).
WORKER_MAX_MEMORY_KIB = 1_000_000
WORKER_MAX_TASKS = 20_000


def _transport_options(url: str) -> dict[str, object]:
    if url.startswith(("redis://", "rediss://")):
        # Never long ETAs: delays are rows swept by beat. The visibility timeout stays above the
        # longest task so an unacked crawl is not handed to a second worker while it runs.
        return {"visibility_timeout": 3600}
    if url.startswith("sqla+sqlite:///"):
        # The SQLite transport hands every option but kombu's own to SQLAlchemy's
        # create_engine(); it keeps unacked messages in memory and puts them back on a clean
        # shutdown, and the sweep re-derives any work a crash lost from the database.
        # A polling transport: whenever the consumer cannot take another message (every pool
        # process busy, its prefetch used up) or the queues are empty, it sleeps
        # `polling_interval` (kombu's default, 1 s). A pool process that finished its task
        # then waited up to that second for the next one: with tasks of a tenth of a second,
        # most of the embedded service's time. A short interval and a few messages prefetched
        # per process (`_prefetch_multiplier`) keep the pool fed; an idle service polls a
        # few times a second, a query each. (Set on the transport class: this transport would
        # hand a `polling_interval` option to create_engine(), which refuses it.)
        from kombu.transport import sqlalchemy as ksqla

        ksqla.Transport.polling_interval = SQLITE_POLL
        return {"creator": _sqlite_broker_connect(url.split("///", 1)[1])}
    return {}


SQLITE_POLL = 0.2  # seconds between the SQLite broker's polls when it has nothing to hand out


def _prefetch_multiplier(url: str) -> int:
    """Messages a pool process may have reserved: one with a push broker (Redis hands out the
    next message the moment a task is acked, and a crawl worker must not hoard crawls), a few
    with the SQLite broker, whose consumer polls (see `_transport_options`): enough that the
    pool never waits for a poll. Reserved messages are unacked (acks_late): on a crash they
    are redelivered, or, with SQLite, re-derived by the sweep."""
    return 4 if url.startswith("sqla+sqlite:///") else 1


def _sqlite_broker_connect(path: str) -> Any:
    def connect() -> sqlite3.Connection:
        """The consumer, beat and every pool process share one file: wait for its lock rather
        than fail after SQLite's default 5 s, and use WAL (it stays set in the file) so that the
        consumer's polling never blocks the publishers. Made on first use, so that importing
        the app creates no file."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        con = sqlite3.connect(path, timeout=30, check_same_thread=False)
        con.execute("PRAGMA journal_mode=WAL")
        return con

    return connect


def prepare_broker() -> None:
    """Before `mouthpiece run` forks its worker and beat: with the SQLite broker, create its
    tables and one row per queue now. kombu creates a queue's row on first use, and when the
    worker and the beat do that at the same moment the loser's session is left broken (a UNIQUE
    violation kombu does not expect) and every later publish fails ("channel disconnected").
    Nothing stays open: a forked child must not inherit a connection."""
    if not get_settings().resolved_broker_url().startswith("sqla+sqlite:///"):
        return
    from kombu.transport.sqlalchemy import Channel

    with app.connection_for_write() as conn:
        for q in (DEFAULT_QUEUE, CRAWL_QUEUE):
            conn.default_channel._new_queue(q)
    for engine, _ in Channel._engines.values():
        engine.dispose()


def _forget_inherited_broker_connections() -> None:
    """After fork(): the child must not reuse the SQLite broker connections of its parent.
    kombu's SQLAlchemy transport caches one engine per URL at class level, so a child (the
    embedded beat, each pool process) would otherwise pick up the parent's pooled connection
    and the two processes would share one SQLite handle: "database is locked", then "file is not
    a database", and beat stops scheduling (issue 10)."""
    from kombu.transport.sqlalchemy import Channel

    from storage.db import forget_inherited_connections

    forget_inherited_connections([engine for engine, _ in Channel._engines.values()])


def _survive_redis_restart() -> None:
    """When Redis goes away, kombu's Redis QoS keeps using the channel whose connection is gone:
    putting unacked messages back, or acking a task that finished meanwhile, raises an
    AttributeError that kills the worker ("Unrecoverable error", kombu issue #582). Those
    messages are safe in Redis's unacked index (restored after the visibility timeout; every
    task is idempotent), and the sweep re-derives lost work from the database anyway: log,
    and let the consumer reconnect."""
    from kombu.transport import redis as kredis

    if getattr(kredis.QoS, "_mouthpiece_patched", False):
        return

    def tolerant(name: str) -> None:
        original = getattr(kredis.QoS, name)

        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return original(self, *args, **kwargs)
            except AttributeError as e:
                log.warning("broker connection lost during %s; the message stays in Redis's "
                            "unacked index and will be redelivered: %s", name, e)
                if name == "restore_unacked":
                    self._delivered.clear()
                return None

        setattr(kredis.QoS, name, call)

    for name in ("restore_unacked", "ack", "reject"):
        tolerant(name)
    setattr(kredis.QoS, "_mouthpiece_patched", True)  # noqa: B010


def make_app() -> Celery:
    s = get_settings()
    if s.resolved_broker_url().startswith(("redis://", "rediss://")):
        _survive_redis_restart()
    app = Celery("mouthpiece", broker=s.resolved_broker_url(), include=["tasks.pipeline", "tasks.digests"])
    app.conf.update(
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        enable_utc=True,
        # Every task is idempotent (it re-reads its row and skips finished work), so a task
        # lost with its worker is redelivered rather than dropped.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # a task still running when the broker connection drops is cancelled and redelivered
        # rather than acked later through a dead channel
        worker_cancel_long_running_tasks_on_connection_loss=True,
        worker_prefetch_multiplier=_prefetch_multiplier(s.resolved_broker_url()),
        task_soft_time_limit=600,
        task_time_limit=660,
        # A pool process is replaced when it outgrows WORKER_MAX_MEMORY_KIB (after its task), not
        # every few hundred tasks: each new one loads the spaCy and natasha models again (seconds
        # of CPU: at 200 tasks a child, a tenth or more of an extraction worker's time).
        worker_max_tasks_per_child=WORKER_MAX_TASKS,
        worker_max_memory_per_child=WORKER_MAX_MEMORY_KIB,
        broker_connection_retry_on_startup=True,
        broker_transport_options=_transport_options(s.resolved_broker_url()),
        task_default_queue=DEFAULT_QUEUE,
        # explicit routing keys: without them Celery binds both queues to the default key
        task_queues=[Queue(DEFAULT_QUEUE, routing_key=DEFAULT_QUEUE), Queue(CRAWL_QUEUE, routing_key=CRAWL_QUEUE)],
        task_default_routing_key=DEFAULT_QUEUE,
        task_routes={"tasks.pipeline.crawl_source": {"queue": CRAWL_QUEUE}},
        beat_schedule={
            "schedule-due-sources": {"task": "tasks.pipeline.schedule_due_sources", "schedule": s.schedule_every},
            "sweep": {"task": "tasks.pipeline.sweep", "schedule": s.sweep_every},
            "heartbeats": {"task": "tasks.pipeline.send_heartbeats", "schedule": 60.0},
            "digests": {"task": "tasks.digests.schedule_due_digests", "schedule": 60.0},
        },
        beat_scheduler="tasks.beat:LockedScheduler",
        beat_max_loop_interval=30,
        worker_hijack_root_logger=False,
    )
    return app


def queue_depths(timeout: float = 3.0) -> dict[str, int | None]:
    """Messages waiting per queue (None when the broker cannot be reached). Tasks a worker has
    already taken (running, or prefetched) are not counted."""
    out: dict[str, int | None] = {}
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            ch = conn.default_channel
            for q in (DEFAULT_QUEUE, CRAWL_QUEUE):
                try:
                    out[q] = int(ch.queue_declare(queue=q, passive=True).message_count)
                except Exception:
                    out[q] = 0
    except Exception:
        return {q: None for q in (DEFAULT_QUEUE, CRAWL_QUEUE)}
    return out


@signals.setup_logging.connect
def _setup_logging(loglevel: Any = None, **_: Any) -> None:
    # our handler (text or JSON, secrets redacted) instead of Celery's
    from config.logs import configure

    configure(loglevel or "INFO")


app = make_app()
os.register_at_fork(after_in_child=_forget_inherited_broker_connections)
