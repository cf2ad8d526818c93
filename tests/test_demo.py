"""`make demo` as a newcomer meets it, then the commands the demo tells them to run next."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.services import REPO

pytestmark = pytest.mark.slow


def _mp(env: dict[str, str], *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mouthpiece.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=180)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MOUTHPIECE_") and k not in ("DATABASE_URL", "BROKER_URL")}
    env.update(extra)
    return env


def test_demo_data_goes_where_it_says_and_the_next_commands_show_it(tmp_path: Path) -> None:
    data = tmp_path / "mydata"
    env = _env(MOUTHPIECE_DATA_DIR=str(data), DATABASE_URL="postgresql://elsewhere.invalid/prod")
    # run from another folder: nothing may land in the current directory
    r = _mp(env, "demo", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    demo = data / "demo"
    out = r.stdout.replace("\n", " ")
    assert f"The demo's data is in {demo}" in out
    # the hint overrides the DATABASE_URL that points at the real deployment
    assert f"MOUTHPIECE_DATA_DIR={demo} DATABASE_URL= " in out
    assert (demo / "mouthpiece.sqlite").exists() and list((demo / "outbox").glob("alert-*.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mydata"], "the demo wrote outside its data folder"

    # the hint, pasted as it stands into the shell of a newcomer whose PATH does not hold the
    # venv (`make install` activates nothing), runs and shows the demo's three alerts
    line = next(ln for ln in r.stdout.splitlines() if "alerts list" in ln and "MOUTHPIECE_DATA_DIR=" in ln)
    shell_env = {**_env(COLUMNS="200"), "PATH": "/usr/local/bin:/usr/bin:/bin"}
    alerts = subprocess.run(["bash", "-c", line.split("#")[0]], env=shell_env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=180)
    assert alerts.returncode == 0, f"{line}: {alerts.stderr}"
    assert alerts.stdout.count("by-nato-ukraine") == 3, alerts.stdout
    follow = _env(MOUTHPIECE_DATA_DIR=str(demo), DATABASE_URL="", COLUMNS="200")
    # nothing left waiting for a worker that the demo does not have
    status = _mp(follow, "status")
    assert status.returncode == 0 and "queues: default 0, crawl 0" in status.stdout, status.stdout + status.stderr
    alerts = _mp(follow, "alerts", "list")
    assert alerts.returncode == 0, alerts.stderr
    assert alerts.stdout.count("by-nato-ukraine") == 3, alerts.stdout
    # `digest` with no --date covers the period in progress: the demo's statements are in it
    digest = _mp(follow, "digest")
    assert digest.returncode == 0, digest.stderr
    assert "in progress" in digest.stderr
    md = Path(next(ln.split()[-1] for ln in digest.stderr.splitlines() if ln.strip().endswith(".md")))
    text = md.read_text()
    assert "Nothing new" not in text and "NATO is building up its forces" in text

    # --no-keep leaves nothing behind
    r = _mp(env, "demo", "--no-keep", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not demo.exists() and "removed" in r.stdout
