"""The Celery app. Redis + PostgreSQL in production; with no configuration, a SQLite-backed
broker that needs no server and keeps queued tasks across a restart."""
from __future__ import annotations

from celery import Celery
from kombu import Queue

from config.settings import get_settings

CRAWL_QUEUE = "crawl"
DEFAULT_QUEUE = "default"  # extract + alerts + delivery + digests


def _transport_options(url: str) -> dict[str, object]:
    if url.startswith(("redis://", "rediss://")):
        # Never long ETAs: delays are rows swept by beat. The visibility timeout stays above the
        # longest task so an unacked crawl is not handed to a second worker while it runs.
        return {"visibility_timeout": 3600}
    # The SQLite transport hands every option to SQLAlchemy's create_engine(); it keeps unacked
    # messages in memory and puts them back on a clean shutdown, and the sweep re-derives any
    # work a crash lost from the database.
    return {}


def make_app() -> Celery:
    s = get_settings()
    s.data_dir.mkdir(parents=True, exist_ok=True)
    app = Celery("mouthpiece", broker=s.resolved_broker_url(), include=["tasks.pipeline"])
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
        worker_prefetch_multiplier=1,
        task_soft_time_limit=600,
        task_time_limit=660,
        worker_max_tasks_per_child=200,
        broker_connection_retry_on_startup=True,
        broker_transport_options=_transport_options(s.resolved_broker_url()),
        task_default_queue=DEFAULT_QUEUE,
        # explicit routing keys: without them Celery binds both queues to the default key
        task_queues=[Queue(DEFAULT_QUEUE, routing_key=DEFAULT_QUEUE), Queue(CRAWL_QUEUE, routing_key=CRAWL_QUEUE)],
        task_default_routing_key=DEFAULT_QUEUE,
        task_routes={"tasks.pipeline.crawl_source": {"queue": CRAWL_QUEUE}},
        beat_schedule={
            "schedule-due-sources": {"task": "tasks.pipeline.schedule_due_sources", "schedule": 60.0},
            "sweep": {"task": "tasks.pipeline.sweep", "schedule": 30.0},
        },
        worker_hijack_root_logger=False,
    )
    return app


app = make_app()
