"""`make demo` as a newcomer meets it, then the commands the demo tells them to run next."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from mouthpiece.sites import SITES_DIR
from tests.support.services import REPO

pytestmark = pytest.mark.slow
SITES = REPO / "tests" / "sites" / "demo"


def _published(page: Path) -> datetime:
    return datetime.fromisoformat(re.search(r'"datePublished": "([^"]+)"', page.read_text()).group(1))  # type: ignore[union-attr]


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
    # it ends with the digest it wrote (its Markdown, rendered) and the command that opens the web app
    written = sorted((demo / "digests").rglob("*.md"))
    assert written and "The digest it wrote" in out and str(written[0]) in out
    first_heading = next(ln for ln in written[0].read_text().splitlines() if ln.startswith("# "))
    assert first_heading[2:].replace("\\", "") in out
    last = r.stdout.rstrip().splitlines()[-1].strip()
    assert last.startswith(f"MOUTHPIECE_DATA_DIR={demo} DATABASE_URL= ") and last.endswith("mouthpiece web"), last

    # the hint, pasted as it stands into the shell of a newcomer whose PATH does not hold the
    # venv (`make install` activates nothing), runs and shows the demo's alerts
    line = next(ln for ln in r.stdout.splitlines() if "alerts list" in ln and "MOUTHPIECE_DATA_DIR=" in ln)
    shell_env = {**_env(COLUMNS="200"), "PATH": "/usr/local/bin:/usr/bin:/bin"}
    alerts = subprocess.run(["bash", "-c", line.split("#")[0]], env=shell_env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=180)
    assert alerts.returncode == 0, f"{line}: {alerts.stderr}"
    assert alerts.stdout.count("by-nato-ukraine") == len(list((demo / "outbox").glob("alert-*.json"))), alerts.stdout
    # the Telegram-style channel: an alert quotes a leader from a post and links to the post
    outbox = [json.loads(p.read_text())["alert"] for p in sorted((demo / "outbox").glob("alert-*.json"))]
    posts = [m for m in outbox if m["url"].startswith("https://t.me/demo_pool/")]
    assert posts, [m["url"] for m in outbox]
    channel = yaml.safe_load((SITES_DIR / "demo_channel" / "channel.yaml").read_text(encoding="utf-8"))
    post_ids = {p["id"] for p in channel["posts"]}
    for m in posts:
        assert int(m["url"].rsplit("/", 1)[1]) in post_ids and m["speaker"] == "Alexander Lukashenko"
        assert f"https://t.me/demo_pool/{m['url'].rsplit('/', 1)[1]}" in r.stdout  # the demo printed it
        post = next(p for p in channel["posts"] if m["url"].endswith(f"/{p['id']}"))
        assert m["quote_text"] in post["text"]

    # what the hint says to run, runs and shows the demo's alerts
    with sqlite3.connect(demo / "mouthpiece.sqlite") as db:
        rules = [r for (r,) in db.execute("SELECT rule_id FROM alerts")]
    assert len(rules) == len(outbox) and set(rules) == {"by-nato-ukraine"}
    follow = _env(MOUTHPIECE_DATA_DIR=str(demo), DATABASE_URL="", COLUMNS="200")
    # nothing left waiting for a worker that the demo does not have
    status = _mp(follow, "status")
    assert status.returncode == 0 and "queues: default 0, crawl 0" in status.stdout, status.stdout + status.stderr
    alerts = _mp(follow, "alerts", "list")
    assert alerts.returncode == 0, alerts.stderr
    assert alerts.stdout.count("by-nato-ukraine") == len(rules), alerts.stdout
    # `digest` with no --date covers the period in progress: the demo's statements are in it
    digest = _mp(follow, "digest")
    assert digest.returncode == 0, digest.stderr
    assert "in progress" in digest.stderr
    md = Path(next(ln.split()[-1] for ln in digest.stderr.splitlines() if ln.strip().endswith(".md")))
    text = md.read_text()
    assert "Nothing new" not in text and "NATO is building up its forces" in text

    # the Kremlin-style statement and the later Belarusian one that echoes it: the lag is the
    # difference of the two fixture pages' publication dates
    kremlin, minsk = (_published(SITES / p) for p in ("kremlin/news/security-council-2001.html",
                                                       "news/lukashenko-nato-borders-1001.html"))
    lag = f"{round((minsk - kremlin).total_seconds() / 86400)} days"
    line = f"echoes Vladimir Putin, {lag} earlier"
    assert line in out, out
    payloads = [json.loads(p.read_text())["alert"] for p in (demo / "outbox").glob("alert-*.json")]
    echoing = [p for p in payloads if p.get("echoes")]
    assert len(echoing) == 1 and echoing[0]["speaker"] == "Alexander Lukashenko"
    assert echoing[0]["echoes"][0]["url"].endswith("/kremlin/news/security-council-2001.html")
    assert "## Echoes of Moscow" in text and f"echoes **Vladimir Putin**, {lag} earlier" in text
    echoes = _mp(follow, "echoes", "--since", "3650d", "--format", "jsonl")
    assert echoes.returncode == 0, echoes.stderr
    rows = [json.loads(ln) for ln in echoes.stdout.splitlines()]
    assert [(r["speaker"], r["echoed_speaker"], r["lag"]) for r in rows] == [
        ("Alexander Lukashenko", "Vladimir Putin", lag)]

    # --no-keep leaves nothing behind
    r = _mp(env, "demo", "--no-keep", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not demo.exists() and "removed" in r.stdout
