"""Issue 11, items 4 and 6 at the command line: input is read up to MOUTHPIECE_MAX_INPUT_MB,
a text file in another encoding gets a clear error and --encoding."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mouthpiece.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAID = "Лукашенко заявил: «НАТО у наших границ».\n"


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from config.settings import reset_settings

    reset_settings()
    yield
    reset_settings()


def test_dev_zero_is_refused_after_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOUTHPIECE_MAX_INPUT_MB", "1")
    for cmd in ("article", "extract"):
        p = subprocess.run([sys.executable, "-m", "mouthpiece.cli", cmd, "/dev/zero"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 1, (cmd, p.stderr)
        assert "/dev/zero: larger than 1 MB; not read (MOUTHPIECE_MAX_INPUT_MB" in p.stderr, p.stderr


def test_stdin_is_read_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    res = CliRunner().invoke(app, ["extract", "-"], input=SAID.encode())
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.splitlines()[0])["text"] == "НАТО у наших границ"
    monkeypatch.setenv("MOUTHPIECE_MAX_INPUT_MB", "0.001")
    from config.settings import reset_settings

    reset_settings()
    res = CliRunner().invoke(app, ["extract", "-"], input=b"x" * 5000)
    assert res.exit_code == 1 and "stdin: larger than 0.001 MB" in res.output


def test_a_cp1251_text_file_gets_a_clear_error_and_encoding_option(tmp_path: Path) -> None:
    f = tmp_path / "said.txt"
    f.write_bytes(SAID.encode("cp1251"))
    res = CliRunner().invoke(app, ["extract", str(f)])
    assert res.exit_code == 1
    assert f"{f}: not valid utf-8 (byte 0xcb at offset 0); it looks like cp1251: run again with --encoding cp1251" \
        in " ".join(res.output.split()), res.output
    res = CliRunner().invoke(app, ["extract", "--encoding", "cp1251", str(f)])
    assert res.exit_code == 0 and json.loads(res.stdout.splitlines()[0])["speaker_id"] == "lukashenko"
    res = CliRunner().invoke(app, ["extract", "--encoding", "klingon", str(f)])
    assert res.exit_code == 2 and "not an encoding" in res.output


def test_article_encoding_overrides_the_pages_declaration(tmp_path: Path) -> None:
    page = ("<html><head><meta charset='utf-8'><title>Лукашенко о НАТО</title></head><body><article>"
            + "".join(f"<p>Абзац {i}: Лукашенко заявил, что НАТО приближается к нашим границам.</p>" for i in range(5))
            + "</article></body></html>")
    f = tmp_path / "page.html"
    f.write_bytes(page.encode("cp1251"))  # says UTF-8, is not
    res = CliRunner().invoke(app, ["article", "--encoding", "cp1251", str(f)])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["title"] == "Лукашенко о НАТО" and d["decode_warning"] is None
