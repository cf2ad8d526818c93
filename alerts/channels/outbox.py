"""The channel that always works: alerts as files under `<data_dir>/outbox/` and a console line.

Each alert becomes `<name>.json` (the AlertMessage, plus the time written) and `<name>.txt`
(the text rendering), where `<name>` comes from the idempotency key: a repeat writes the same
files again (atomically), never a second pair. One line per alert goes to the console
(stdout) and the log, with control characters removed so scraped text cannot drive the
terminal. Used when no channel is configured, and by `mouthpiece demo`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, TextIO

from alerts.channels.base import TransientError
from alerts.message import AlertMessage, DigestMessage
from alerts.render import console_line, one_line, render_text
from config.settings import Settings, get_settings

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def outbox_name(idempotency_key: str) -> str:
    """A file-name stem for a key: readable part + hash (distinct keys never collide)."""
    readable = _UNSAFE.sub("_", idempotency_key).strip("._")[:80] or "alert"
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:16]
    return f"{readable}-{digest}"


def _write_atomic(path: Path, data: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class OutboxChannel:
    """Writes alerts to a directory and echoes a line to the console."""

    name: ClassVar[str] = "outbox"
    order: ClassVar[int] = 90
    DIGEST_PARTS: ClassVar[tuple[str, ...]] = ("subject", "archive")

    @classmethod
    def is_configured(cls, settings: Settings, recipients: Sequence[str] = ()) -> bool:
        return True  # a folder under the data dir: always there

    def __init__(self, directory: Path | str, *, echo: bool = True, stream: TextIO | None = None) -> None:
        self.directory = Path(directory)
        self.echo = echo
        self.stream = stream

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> OutboxChannel:
        s = settings or get_settings()
        return cls(Path(s.data_dir) / "outbox")

    def __repr__(self) -> str:
        return f"OutboxChannel({str(self.directory)!r})"

    def path_for(self, msg: AlertMessage) -> Path:
        return self.directory / f"{outbox_name(msg.idempotency_key)}.json"

    def send(self, msg: AlertMessage) -> str:
        """Write (or rewrite) the alert's files; returns the JSON file's path."""
        path = self.path_for(msg)
        repeat = path.exists()
        record = {"written_at": datetime.now(UTC).isoformat(timespec="seconds"), "alert": msg.to_dict()}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomic(path.with_suffix(".txt"), render_text(msg))
            _write_atomic(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        except OSError as e:  # a full disk or a read-only mount may clear up
            raise TransientError(f"outbox write failed: {type(e).__name__}: {e.strerror or e}") from None
        line = console_line(msg) + (" (again)" if repeat else "") + f" -> {path}"
        log.debug("%s", line)
        if self.echo:
            print(line, file=self.stream or sys.stdout, flush=True)
        return str(path)

    def send_digest(self, digest: DigestMessage) -> str:
        """The digest is its archive (written when it was built): say where it is."""
        line = one_line(f"digest {digest.subject} -> {digest.archive or ''}", 1000).replace("\x1b", "")
        log.info("%s", line)
        if self.echo:
            print(line, file=self.stream or sys.stdout, flush=True)
        return str(digest.archive or "")


CHANNEL = OutboxChannel

__all__ = ["OutboxChannel", "outbox_name"]
