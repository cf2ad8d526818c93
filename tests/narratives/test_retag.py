"""`mouthpiece quotes retag`: quotes stored with yesterday's frames get today's, with their echoes and
cross-language versions, on both databases; a second run changes nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import yaml
from sqlalchemy import select

from alerts.echoes import index_article
from alerts.retag import retag
from config.narratives import load_narratives, narratives_path
from storage.db import session_scope
from storage.models import QuoteEcho, QuoteFrame
from tests.narratives.test_echo_rows import (
    LEADERS,
    LUKA_EN,
    LUKA_RU,
    OTHER_RU,
    PUTIN_RU,
    T0,
    db,
    index,
    store,
)
from tests.support.services import REPO

__all__ = ["db"]  # the fixture, shared with test_echo_rows


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mouthpiece.cli", "quotes", "retag", *args], env=dict(os.environ),
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def _rows(url: str) -> tuple[list[tuple[int, str]], list[tuple[int, int, str, int, float]]]:
    with session_scope(url) as s:
        frames = sorted(s.execute(select(QuoteFrame.quote_id, QuoteFrame.frame_id)).tuples())
        echoes = sorted((r.quote_id, r.echoed_quote_id, r.kind, r.lag_seconds, round(r.score, 6))
                        for r in s.scalars(select(QuoteEcho)))
    return frames, echoes


def test_retag_brings_old_quotes_to_the_frames_of_now_and_a_second_run_changes_nothing(db: str,
                                                                                       tmp_path: Path) -> None:
    # the store as yesterday's narratives.yaml left it: one frame only, which none of these quotes uses
    old = yaml.safe_load(narratives_path().read_text(encoding="utf-8"))
    old["frames"] = [f for f in old["frames"] if f["id"] == "migrants_west_fault"]
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    yesterday = load_narratives(tmp_path / "old.yaml")
    put, _ = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", T0)
    luka, luka_q = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", T0 + timedelta(days=4))
    luka_en, luka_en_q = store(db, "belta_en", LUKA_EN, "lukashenko", "en", T0 + timedelta(days=4, hours=2))
    other, other_q = store(db, "belta_ru", OTHER_RU, "lukashenko", "ru", T0 + timedelta(days=5))
    for aid in (put, luka, luka_en, other):
        with session_scope(db) as s:
            index_article(s, aid, LEADERS, yesterday)
    frames, echoes = _rows(db)
    assert frames == [] and not [e for e in echoes if e[2] == "echo"]

    r = _cli()
    assert r.returncode == 0, r.stderr
    assert "retagged 4 article(s), 4 quote(s)" in r.stdout
    assert "quotes with a frame    0 -> 3" in r.stdout, r.stdout
    frames, echoes = _rows(db)
    framed = {q for q, _f in frames}
    assert luka_q in framed and luka_en_q in framed and other_q not in framed
    echo = [e for e in echoes if e[2] == "echo" and e[0] == luka_q]
    assert echo and echo[0][3] == 4 * 86400  # Lukashenko echoes Putin, four days later
    assert any(e[2] == "version" and e[0] == luka_en_q for e in echoes)  # one statement in two languages

    # a second run (in this process this time) leaves every row as it is
    res = retag(db)
    assert (res.articles, res.failed) == (4, []) and res.before == res.after
    assert _rows(db) == (frames, echoes)
    index(db, luka)  # and so does the extraction task's own indexing
    assert _rows(db) == (frames, echoes)


def test_retag_since_and_a_bad_date(db: str) -> None:
    store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", T0)
    r = _cli("--since", "2030-01-01")
    assert r.returncode == 0 and "retagged 0 article(s)" in r.stdout, r.stdout + r.stderr
    r = _cli("--since", "last tuesday")
    assert r.returncode == 2 and "--since" in r.stderr and "like 2026-11-01" in r.stderr
