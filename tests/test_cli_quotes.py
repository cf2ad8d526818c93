"""`mouthpiece quotes` and `mouthpiece quotes show` (issue 13, item 1) on a store filled through
the worker's storage calls; what each test expects is derived from tests/support/quote_data.py."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from config.settings import reset_settings
from mouthpiece.cli import app
from storage.db import reset_engines
from tests.support.quote_data import HOSTILE, NOW, SAMPLE, Store, fill


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    for k in ("DATABASE_URL", "BROKER_URL", "MOUTHPIECE_CONFIG_DIR"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "250")
    reset_settings()
    reset_engines()
    yield fill(f"sqlite:///{tmp_path / 'data' / 'mouthpiece.sqlite'}")
    reset_settings()
    reset_engines()


def _run(*args: str) -> str:
    res = CliRunner().invoke(app, ["quotes", *args])
    assert res.exit_code == 0, res.output
    return res.output


def _jsonl(*args: str) -> list[dict[str, object]]:
    return [json.loads(ln) for ln in _run(*args, "--format", "jsonl").splitlines() if ln.strip()]


def _expected(pred: object) -> list[str]:
    """Quote texts of SAMPLE matching pred(article, quote), newest article first, reading order."""
    out = []
    for a in sorted(SAMPLE, key=lambda a: a.days_ago):
        out += [q["text"] for q in sorted(a.quotes, key=lambda q: q["start"]) if pred(a, q)]  # type: ignore[operator]
    return out


def test_lukashenko_on_nato_this_month(store: Store) -> None:
    """The analyst's first question, with the speaker in Cyrillic."""
    got = [r["text"] for r in _jsonl("--speaker", "Лукашенко", "--topic", "nato", "--since", "30d")]
    assert got == _expected(lambda a, q: q["speaker_id"] == "lukashenko" and "NATO" in q["topics"]
                            and a.days_ago <= 30)
    rows = _jsonl("--speaker", "lukashenko", "--topic", "NATO", "--since", "30d", "--new-only")
    # the reprint (same cluster as article 1's statement) is not new
    assert [r["text"] for r in rows].count(SAMPLE[0].quotes[0]["text"]) == 1
    assert all(r["new"] for r in rows)


def test_each_filter(store: Store) -> None:
    assert [r["text"] for r in _jsonl("--lang", "ru")] == _expected(lambda a, q: q["lang"] == "ru")
    assert [r["text"] for r in _jsonl("--source", "ru_state")] == _expected(lambda a, q: a.source == "ru_state")
    assert [r["text"] for r in _jsonl("--country", "ru")] == _expected(lambda a, q: q["speaker_id"] == "putin")
    assert [r["text"] for r in _jsonl("--until", "40d")] == _expected(lambda a, q: a.days_ago > 40)
    old = (NOW.date().toordinal() - 30)
    from datetime import date

    until = date.fromordinal(old).isoformat()
    assert [r["text"] for r in _jsonl("--until", until)] == _expected(lambda a, q: a.days_ago > 31)
    assert _jsonl("--type", "indirect") == []
    # full text, with stemming in both languages
    assert [r["text"] for r in _jsonl("--search", "угроза")] == [SAMPLE[1].quotes[0]["text"]]
    assert {r["text"] for r in _jsonl("--search", "force")} == {SAMPLE[0].quotes[0]["text"]}
    assert [r["text"] for r in _jsonl("--search", "harvests")] == [SAMPLE[3].quotes[0]["text"]]
    assert len(_jsonl("--limit", "2")) == 2


def test_formats(store: Store) -> None:
    total = sum(len(a.quotes) for a in SAMPLE)
    table = _run()
    assert f"{total} of {total} shown" in table
    assert "<script>" in table, "the terminal shows scraped text as text"
    rows = list(csv.DictReader(io.StringIO(_run("--format", "csv"))))
    assert len(rows) == total and {r["text"] for r in rows} >= {HOSTILE}
    assert _run("--format", "csv", "--search", "nothingmatches") .splitlines()[0].startswith("id,said_at,")


def test_bad_input_says_which_option() -> None:
    for args, says in ((["--since", "yesterday"], "--since"), (["--type", "shouted"], "--type"),
                       (["--format", "xml"], "--format")):
        res = CliRunner().invoke(app, ["quotes", *args])
        assert res.exit_code == 2 and says in res.output, res.output


def test_show(store: Store) -> None:
    qid = store.qid(0, SAMPLE[0].quotes[0]["text"])
    out = _run("show", str(qid))
    assert "the head of state said" in out, "the quote is shown in its paragraph"
    assert SAMPLE[0].title in out and SAMPLE[0].url in out and "by_state" in out
    again = store.qid(2, SAMPLE[2].quotes[0]["text"])
    assert f"{again} " in out and SAMPLE[2].url in out, "the reprint in its cluster"
    assert f"#{store.alert_id} by-nato-ukraine" in out and "outbox=failed" in out
    assert "first statement by this speaker" in out
    hostile = _run("show", str(store.qid(2, HOSTILE)))
    assert HOSTILE in hostile
    res = CliRunner().invoke(app, ["quotes", "show", "999999"])
    assert res.exit_code == 2 and "no quote 999999" in res.output
