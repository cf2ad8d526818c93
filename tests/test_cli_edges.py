"""CLI edges (issue 10, item 8): numbers out of range get a clear error, not a traceback nor
"unlimited"; a CLI crawl takes the source's crawl lease; a crawl killed with SIGKILL does not
leave its run "running" forever, nor its source locked."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.servers import SilentServer, free_port
from tests.support.services import REPO, wait_for

SOURCE = """sources:
  - id: slow
    name: A slow site
    kind: state_media
    country: BY
    languages: [en]
    discovery: [{{type: feed, url: "http://127.0.0.1:{port}/feed.xml"}}]
    interval_minutes: 60
    download_delay: 0
    allow_private: true
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MOUTHPIECE_") and k not in ("DATABASE_URL", "BROKER_URL")}
    env.update(MOUTHPIECE_DATA_DIR=str(tmp_path / "data"), MOUTHPIECE_CONFIG_DIR=str(tmp_path / "config"),
               COLUMNS="200")
    (tmp_path / "config").mkdir(exist_ok=True)
    return env


def _mp(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mouthpiece.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, says", [
    (["silence", "add", "--speaker", "lukashenko", "--for", "99999999999d"], "longer than ten years"),
    (["alerts", "list", "--limit", "1e20"], "--limit"),
    (["alerts", "list", "--limit", "100000000000000000000"], "--limit"),
    (["alerts", "list", "--limit", "-5"], "--limit"),
    (["alerts", "list", "--limit", "0"], "--limit"),
    (["alerts", "retry", "99999999999999999999"], "delivery_id"),
    (["silence", "remove", "-3"], "silence_id"),
    (["rules", "test", "--since", "99999999999w"], "longer than ten years"),
    (["alerts", "list", "--status", "snet"], "--status"),
])
def test_numbers_out_of_range_are_refused_clearly(tmp_path: Path, args: list[str], says: str) -> None:
    r = _mp(_env(tmp_path), *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "unexpected error" not in r.stderr, r.stderr
    assert says in r.stderr, r.stderr


def test_an_empty_alert_list_says_so(tmp_path: Path) -> None:
    """Not an empty table with folded headers: what a newcomer sees before the first alert."""
    env = _env(tmp_path)
    r = _mp(env, "alerts", "list")
    assert r.returncode == 0 and r.stdout.startswith("no alerts yet"), r.stdout + r.stderr
    r = _mp(env, "alerts", "list", "--status", "held")
    assert r.returncode == 0 and r.stdout.strip() == "no alerts with status held", r.stdout + r.stderr


def _runs(data: Path) -> list[tuple[str, str, str | None]]:
    if not (data / "mouthpiece.sqlite").exists():
        return []
    con = sqlite3.connect(data / "mouthpiece.sqlite", timeout=30)
    try:
        return [tuple(r) for r in con.execute("SELECT source_id, status, error FROM crawl_runs ORDER BY id")]
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def test_a_cli_crawl_takes_the_lease_and_a_killed_one_frees_it(tmp_path: Path) -> None:
    env = _env(tmp_path)
    data = tmp_path / "data"
    with SilentServer() as silent:
        (tmp_path / "config" / "sources.yaml").write_text(SOURCE.format(port=silent.port))
        p = subprocess.Popen([sys.executable, "-m", "mouthpiece.cli", "crawl", "slow", "--no-extract"], env=env,
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for(lambda: any(r[1] == "running" for r in _runs(data)), 60, what="the crawl to start")
            # while it runs, a second crawl of the same source is refused: one crawl per source
            second = _mp(env, "crawl", "slow", "--no-extract")
            assert second.returncode == 1 and "already running" in second.stderr, second.stderr
        finally:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(10)
    assert _runs(data) == [("slow", "running", None)]
    # the next crawl (the site is down now: it fails at once) finds the lease of a dead process,
    # takes it, and closes the killed crawl's run
    (tmp_path / "config" / "sources.yaml").write_text(SOURCE.format(port=free_port()))
    started = time.monotonic()
    again = _mp(env, "crawl", "slow", "--no-extract")
    assert again.returncode == 1 and "connection was refused" in again.stderr, again.stderr
    assert time.monotonic() - started < 60
    runs = _runs(data)
    assert [r[1] for r in runs] == ["failed", "failed"], runs
    assert "interrupted" in (runs[0][2] or "")


def test_the_sweep_closes_runs_whose_crawl_is_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On another machine the owner's process cannot be checked: its lease runs out, and then
    the sweep (every 30 s) closes its run."""
    from config.settings import reset_settings
    from storage.db import reset_engines, session_scope, upgrade
    from storage.locks import CRAWL_LEASE, close_interrupted_runs
    from storage.models import CrawlRun, Lock, Source, utcnow

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    reset_settings()
    reset_engines()
    upgrade(url)
    now = utcnow()
    with session_scope(url) as s:
        for sid in ("gone", "alive"):
            s.add(Source(id=sid, name=sid, kind="state_media", country="BY", http_cache={}))
            s.flush()
            s.add(CrawlRun(source_id=sid, status="running", started_at=now - timedelta(minutes=5)))
        s.add(Lock(name="crawl:gone", owner="worker-elsewhere-1-x", expires_at=now - timedelta(seconds=1)))
        s.add(Lock(name="crawl:alive", owner="worker-elsewhere-2-y", expires_at=now + CRAWL_LEASE))
    with session_scope(url) as s:
        assert close_interrupted_runs(s) == 1
        got = {r.source_id: (r.status, r.error) for r in s.query(CrawlRun)}
    assert got["alive"] == ("running", None)
    assert got["gone"][0] == "failed" and "interrupted" in (got["gone"][1] or "")
    reset_engines()
    reset_settings()


def test_cli_crawl_prints_no_scrapy_chatter_nor_article_bodies(tmp_path: Path) -> None:
    """`mouthpiece crawl` asks for WARNING: Scrapy's INFO and DEBUG lines (its settings, stats
    and every scraped item with its whole body) stay out of the terminal."""
    from mouthpiece.demo import demo_sources
    from mouthpiece.sites import FixtureSite
    from tests.support.pipeline import copy_demo_site

    env = _env(tmp_path)
    with FixtureSite(copy_demo_site(tmp_path / "site")) as site:
        (tmp_path / "config" / "sources.yaml").write_text(demo_sources(site.base))
        r = _mp(env, "crawl", "demo", "--no-extract")
    assert r.returncode == 0, r.stderr
    out = r.stdout + r.stderr
    assert "2 new articles" in out, out
    chatter = [ln for ln in out.splitlines() if " INFO " in ln or " DEBUG " in ln or "Scraped from" in ln]
    assert chatter == [], "\n".join(chatter[:10])
    assert "NATO is building up its forces" not in out, "an article body was printed"


def test_a_crawl_of_a_name_that_does_not_resolve_gives_no_advice_to_lower_the_guard(tmp_path: Path) -> None:
    """Offline, `mouthpiece crawl` once said "cannot resolve kremlin.ru ... (set allow_private:
    true on the source to allow it)": advice that would switch off a protection to fix DNS."""
    env = _env(tmp_path)
    (tmp_path / "config" / "sources.yaml").write_text("""sources:
  - id: nowhere
    name: A site whose name does not resolve
    kind: state_media
    country: BY
    languages: [en]
    discovery: [{type: feed, url: "https://news.nowhere.invalid/feed.xml"}]
    interval_minutes: 60
""")
    r = _mp(env, "crawl", "nowhere")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "allow_private" not in out and "refused" not in out, out
    assert "could not reach news.nowhere.invalid: its name does not resolve" in out, out
    assert out.count("WARNING") <= 1, out  # the failed request, once
