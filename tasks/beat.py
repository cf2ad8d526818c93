"""A beat scheduler that sends tasks only while it holds the database lease "beat".

Run two beats by mistake (two `mouthpiece run`, or a scaled beat container) and the second one
waits: it takes over only when the first stops renewing its lease. Scheduling itself is also
atomic per source, so even a split second of overlap cannot double-enqueue a crawl."""
from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from celery.beat import PersistentScheduler

log = logging.getLogger("mouthpiece.beat")

LEASE = timedelta(seconds=90)
RETRY_EVERY = 10.0


class LockedScheduler(PersistentScheduler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.owner = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.holding = False
        super().__init__(*args, **kwargs)

    def _renew(self) -> bool:
        from storage.db import session_scope
        from storage.locks import acquire

        try:
            with session_scope() as s:
                held = acquire(s, "beat", self.owner, LEASE)
        except Exception as e:  # the database is down: do not schedule blind
            log.warning("beat: cannot reach the database to renew the lease: %s", e)
            held = False
        if held != self.holding:
            log.info("beat %s %s the scheduler lease", self.owner, "holds" if held else "lost")
            if held:
                self._all_due_now()
        elif not held:
            log.info("beat %s: another beat holds the lease; standing by", self.owner)
        self.holding = held
        return held

    def _all_due_now(self) -> None:
        """On taking the lease, run every entry at once: a fresh `mouthpiece run` schedules
        its crawls, sweeps and heartbeats in its first seconds rather than a minute later (all
        are idempotent, so a restart that repeats them costs nothing)."""
        long_ago = self.app.now() - timedelta(days=1)
        for name, entry in self.schedule.items():
            if name in self.app.conf.beat_schedule:  # ours, not Celery's daily backend_cleanup
                entry.last_run_at = long_ago

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if not self._renew():
            return RETRY_EVERY
        # never sleep past the lease: renew well before it runs out
        return min(float(super().tick(*args, **kwargs)), LEASE.total_seconds() / 3)

    def close(self) -> None:
        if self.holding:
            from storage.db import session_scope
            from storage.locks import release

            try:
                with session_scope() as s:
                    release(s, "beat", self.owner)
            except Exception as e:
                log.warning("beat: could not release the lease: %s", e)
        super().close()
