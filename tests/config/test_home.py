""".env and the data folder do not depend on the current folder by accident (issue 10, item 7):
the nearest `.env` from the current folder up, else the checkout, is home; `data/` there is
the default data folder. Run from a subfolder, a command finds the same channels and data; the
rule is config/settings.py's docstring and README's."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import CHECKOUT, find_home, load_settings
from tests.support.services import REPO

HOOK = "https://hooks.slack.example/services/T000/B000/HOMETEST"


def test_home_is_the_nearest_env_then_the_checkout(tmp_path: Path) -> None:
    deploy = tmp_path / "deploy"
    (deploy / "logs" / "today").mkdir(parents=True)
    (deploy / ".env").write_text("SLACK_WEBHOOK_URL=x\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert find_home(deploy) == deploy
    assert find_home(deploy / "logs" / "today") == deploy
    assert find_home(elsewhere, checkout=REPO) == REPO  # a clone: where `make run` keeps its data
    assert find_home(elsewhere, checkout=None) == elsewhere  # an installed package
    assert find_home(elsewhere, checkout=tmp_path / "site-packages") == elsewhere
    assert CHECKOUT == REPO


def test_relative_data_dir_is_relative_to_where_it_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deploy = tmp_path / "deploy"
    (deploy / "sub").mkdir(parents=True)
    (deploy / ".env").write_text("MOUTHPIECE_DATA_DIR=mydata\n")
    monkeypatch.delenv("MOUTHPIECE_DATA_DIR", raising=False)
    s = load_settings(cwd=deploy / "sub")
    assert s.data_dir == deploy / "mydata" and s.env_file == deploy / ".env"
    (deploy / ".env").write_text("SMTP_FROM=x@example.org\n")
    assert load_settings(cwd=deploy / "sub").data_dir == deploy / "data"  # the default: data/ at home
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", "here")  # typed in the shell: the shell's folder
    assert load_settings(cwd=deploy / "sub").data_dir == deploy / "sub" / "here"


def test_cli_from_a_subfolder_finds_the_env_and_its_data(tmp_path: Path) -> None:
    deploy = tmp_path / "deploy"
    deep = deploy / "reports" / "2026"
    deep.mkdir(parents=True)
    (deploy / ".env").write_text(f"SLACK_WEBHOOK_URL={HOOK}\nMOUTHPIECE_DATA_DIR=mydata\n")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MOUTHPIECE_", "SLACK_", "SMTP_", "APPRISE_", "ALERT_"))
           and k not in ("DATABASE_URL", "BROKER_URL")}
    snaps = []
    for cwd in (deploy, deep):
        r = subprocess.run([sys.executable, "-m", "mouthpiece.cli", "status", "--json"], env=env, cwd=cwd,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        snaps.append(json.loads(r.stdout))
    for snap in snaps:
        assert snap["settings"] == {"home": str(deploy), "env_file": str(deploy / ".env"),
                                    "data_dir": str(deploy / "mydata")}
        assert "slack" in snap["channels"], "the channels of .env, not the outbox"
        assert HOOK not in json.dumps(snap)
    assert (deploy / "mydata" / "mouthpiece.sqlite").exists()
    assert not (deep / "mydata").exists() and not (deep / "data").exists()
