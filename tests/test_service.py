"""The service's own surface: run/stop, status, health, metrics, logs, secrets."""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.support.servers import free_port
from tests.support.services import REPO, Worker, fresh_redis_url, wait_for

SECRET_PW = "s3cr3t-pw-123"
SECRET_HOOK = "https://hooks.slack.example/services/T000/B000/XXXXSECRET"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BROKER_URL")}
    env.update({"MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "MOUTHPIECE_METRICS_PORT": "0",
                "SMTP_URL": f"smtp://user:{SECRET_PW}@127.0.0.1:1", "SLACK_WEBHOOK_URL": SECRET_HOOK})
    env.update(extra)
    return env


def _mp(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mouthpiece.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)


def test_run_starts_schedules_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    """`mouthpiece run` with no configuration: SQLite storage and broker, embedded beat."""
    env = _env(tmp_path, MOUTHPIECE_CONFIG_DIR=str(tmp_path / "cfg"))
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "sources.yaml").write_text("sources: []\n")
    log = tmp_path / "run.log"
    with open(log, "wb") as out:
        p = subprocess.Popen([sys.executable, "-m", "mouthpiece.cli", "run", "--concurrency", "1"], env=env,
                             cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(lambda: "schedule_due_sources" in log.read_text(errors="replace") and
                     "succeeded" in log.read_text(errors="replace"), 90, what="the first scheduling")
        finally:
            os.killpg(p.pid, signal.SIGINT)
            rc = p.wait(60)
    text = log.read_text(errors="replace")
    assert rc == 0, text[-2000:]
    assert "Warm shutdown" in text
    assert (tmp_path / "data" / "mouthpiece.sqlite").exists() and (tmp_path / "data" / "broker.sqlite").exists()
    assert SECRET_PW not in text and SECRET_HOOK not in text


def test_status_health_and_secrets(tmp_path: Path) -> None:
    env = _env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    env["BROKER_URL"] = fresh_redis_url()
    assert _mp(env, "db", "upgrade").returncode == 0
    r = _mp(env, "status", "--json")
    assert r.returncode == 0, r.stderr
    snap = json.loads(r.stdout)
    assert {"sources", "counts", "queues", "last_alert", "last_digest", "heartbeats"} <= set(snap)
    assert snap["queues"] == {"default": 0, "crawl": 0}
    assert SECRET_PW not in r.stdout + r.stderr and SECRET_HOOK not in r.stdout + r.stderr
    human = _mp(env, "status")
    assert human.returncode == 0 and "queues: default 0, crawl 0" in human.stdout

    # no worker: passive check fails, and says why; an active check times out
    r = _mp(env, "health")
    assert r.returncode == 1 and "no heartbeat" in r.stderr
    r = _mp(env, "health", "--active", "--timeout", "3")
    assert r.returncode == 1 and "no worker processed a heartbeat" in r.stderr
    # a real worker consuming both queues: the active check passes, then the passive one
    with Worker(env, log=tmp_path / "worker.log"):
        r = _mp(env, "health", "--active", "--timeout", "60")
        assert r.returncode == 0, r.stderr
    assert _mp(env, "health").returncode == 0


def test_metrics_endpoint(tmp_path: Path) -> None:
    env = _env(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert _mp(env, "db", "upgrade").returncode == 0
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "mouthpiece.cli", "metrics", "--port", str(port)], env=env,
                         cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def scrape() -> str | None:
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
            except OSError:
                return None
        body = wait_for(scrape, 60, what="the metrics endpoint")
        assert "mouthpiece_storage_up 1.0" in body
        for name in ("mouthpiece_queue_depth", "mouthpiece_time_to_alert_seconds", "mouthpiece_crawl_seconds"):
            assert name in body
    finally:
        p.terminate()
        p.wait(10)


def test_json_logs_redact_secrets(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from config.logs import configure
    from config.settings import reset_settings

    monkeypatch.setenv("SMTP_URL", f"smtps://user:{SECRET_PW}@mail.example:465")
    monkeypatch.setenv("SLACK_WEBHOOK_URL", SECRET_HOOK)
    reset_settings()
    try:
        configure("INFO", "json")
        logging.getLogger("mouthpiece.test").warning("posting to %s with %s", SECRET_HOOK,
                                                    f"smtps://user:{SECRET_PW}@mail.example:465")
        line = capsys.readouterr().err.strip().splitlines()[-1]
        rec = json.loads(line)
        assert rec["level"] == "WARNING" and rec["logger"] == "mouthpiece.test"
        assert SECRET_PW not in line and SECRET_HOOK not in line and "***" in rec["message"]
    finally:
        configure("WARNING", "text")
        reset_settings()
