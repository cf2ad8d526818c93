"""One source-health definition (storage/sources.py) for `status`, `sources list`, the metrics
and the digest; the CLI shows a short summary in its tables and the cause in full beneath."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from crawlers.localsites import write_sources
from storage.db import get_engine, upgrade
from storage.models import Source

NOW = datetime.now(UTC).replace(microsecond=0)  # the CLI assesses health as of now
URL = "https://www.example-state-media.by/ru/rss/politics/president/feed.xml?lang=ru&format=atom"
ERROR = (f"discovery failed: {URL} (DNS lookup failed: no results for hostname lookup: "
         "www.example-state-media.by.), https://www.example-state-media.by/sitemap.xml (HTTP 503)")


def _source(sid: str, **state: Any) -> Source:
    return Source(id=sid, name=sid.upper(), kind="state_media", country="BY", enabled=True, interval_minutes=30,
                  silent_after_hours=48, http_cache={}, **{"consecutive_failures": 0, **state})


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'mp.sqlite'}"
    upgrade(url)
    with Session(get_engine(url)) as s:
        s.add_all([
            _source("ok", last_crawl_at=NOW, last_success_at=NOW, last_new_article_at=NOW),
            _source("degraded", consecutive_failures=1, last_crawl_at=NOW, last_error=ERROR,
                    last_success_at=NOW - timedelta(hours=2), last_new_article_at=NOW - timedelta(hours=3)),
            _source("failing", consecutive_failures=5, last_crawl_at=NOW, last_error="HTTP 503",
                    last_success_at=NOW - timedelta(days=2), last_new_article_at=NOW - timedelta(days=2)),
            _source("silent", last_crawl_at=NOW, last_success_at=NOW, last_new_article_at=NOW - timedelta(days=5)),
            _source("paused", paused_until=NOW + timedelta(hours=1), pause_reason="bot wall page",
                    last_crawl_at=NOW),
        ])
        s.commit()
    return url


def test_status_metrics_and_the_digest_use_the_same_words(db: str) -> None:
    from alerts.digest import Period, collect
    from config.digests import DigestConfig
    from storage.sources import source_health

    with Session(get_engine(db)) as s:
        status = {h["id"]: h["status"] for h in source_health(s, NOW)}
        cfg = DigestConfig(name="daily", title="Daily", timezone="UTC", send_hour=4)
        data = collect(s, cfg, Period(NOW - timedelta(days=1), NOW), leaders={}, now=NOW)
    assert status == {"ok": "ok", "degraded": "degraded", "failing": "failing", "silent": "silent",
                      "paused": "paused"}
    # the digest lists the troubled ones, in the same words
    assert {i.source_id: i.problem for i in data.sources} == {k: v for k, v in status.items() if v != "ok"}
    h = data.headline
    assert (h.sources_failing, h.sources_degraded, h.sources_silent) == (2, 1, 1)
    degraded = next(i for i in data.sources if i.source_id == "degraded")
    assert degraded.last_error == ERROR  # the cause whole, for the template to cut where it must


def _run(tmp_path: Path, db: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": db, "MOUTHPIECE_CONFIG_DIR": str(tmp_path / "cfg"),
           "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "100", "BROKER_URL": ""}
    p = subprocess.run([sys.executable, "-m", "mouthpiece.cli", *args], env=env, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    return p.stdout + p.stderr


@pytest.mark.parametrize("command", [["sources", "list"], ["status"]])
def test_the_cli_shows_a_summary_in_the_table_and_the_cause_whole(tmp_path: Path, db: str,
                                                                 command: list[str]) -> None:
    write_sources(tmp_path / "cfg", [
        {"id": sid, "name": sid.upper(), "kind": "state_media", "country": "BY",
         "discovery": [{"type": "feed", "url": f"https://{sid}.example/feed.xml"}]}
        for sid in ("ok", "degraded", "failing", "silent", "paused")])
    out = _run(tmp_path, db, *command)
    lines = out.splitlines()
    row = next(ln for ln in lines if re.search(r"\bdegraded\b.*last crawl failed", ln))
    assert URL not in row, "the table holds the summary, not the error"
    # the cause, whole, on a line of its own: never folded into a column, never cut mid-URL
    assert any(URL in ln and ln.strip().startswith("degraded (degraded):") for ln in lines), out
    assert len(lines) < 40, f"{len(lines)} lines for five sources:\n{out}"
