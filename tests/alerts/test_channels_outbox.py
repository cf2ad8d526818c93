"""Outbox channel: files under <data_dir>/outbox/, one pair per idempotency key, a console line."""
from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from alerts.channels import get_channel
from alerts.channels.outbox import OutboxChannel, outbox_name
from alerts.message import AlertMessage
from config.settings import Settings
from tests.alerts.conftest import hostile_alert, make_alert


def test_writes_json_and_text(tmp_path: Path) -> None:
    out = io.StringIO()
    msg = make_alert()
    receipt = OutboxChannel(tmp_path / "outbox", stream=out).send(msg)
    path = Path(receipt)
    assert path.parent == tmp_path / "outbox" and path.suffix == ".json"
    record = json.loads(path.read_text("utf-8"))
    assert AlertMessage.from_dict(record["alert"]) == msg
    text = path.with_suffix(".txt").read_text("utf-8")
    assert msg.quote_text in text and msg.url in text and msg.speaker in text
    line = out.getvalue()
    assert line.count("\n") == 1 and "Alexander Lukashenko" in line and str(path) in line


def test_repeat_writes_the_same_files(tmp_path: Path) -> None:
    ch = OutboxChannel(tmp_path, stream=io.StringIO())
    first = ch.send(make_alert())
    second = ch.send(make_alert())
    third = ch.send(make_alert(idempotency_key="alert:43:outbox"))
    assert first == second != third
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".json", ".txt", ".txt"]
    assert "(again)" in ch.stream.getvalue()  # type: ignore[union-attr]


def test_names_are_safe_and_distinct() -> None:
    assert outbox_name("alert:1:email") != outbox_name("alert_1_email")
    name = outbox_name("../../etc/passwd\0" + "x" * 500)
    assert "/" not in name and "\0" not in name and len(name) < 120 and not name.startswith(".")


def test_hostile_console_line_is_one_clean_line(tmp_path: Path) -> None:
    out = io.StringIO()
    OutboxChannel(tmp_path, stream=out).send(hostile_alert(idempotency_key="../x"))
    line = out.getvalue()
    assert line.count("\n") == 1 and "\x1b" not in line and "\r" not in line and len(line) < 700
    assert [p.parent for p in tmp_path.iterdir()] == [tmp_path, tmp_path]


def test_registry_outbox_uses_data_dir(make_settings: Callable[..., Settings], capsys: pytest.CaptureFixture[str]) -> None:
    settings = make_settings()
    receipt = get_channel("outbox", settings).send(make_alert())
    assert Path(receipt).parent == Path(settings.data_dir) / "outbox"
    assert "ALERT [warning]" in capsys.readouterr().out
