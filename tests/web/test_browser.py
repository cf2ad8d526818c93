"""The web app in a real browser (issue 13, item 5): Playwright drives Debian's chromium (never a
downloaded browser) against `mouthpiece web` serving the demo's data. As an analyst would: log
in, search for a speaker, open a quote, see its span highlighted in the article, export CSV, then
log in as an admin and silence a speaker. Assertions are on what the page shows; a screenshot of
each page goes to tests/artifacts/ (the README's pictures are copies of these)."""
from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storage.db import reset_engines, session_scope
from storage.search import QuoteFilter, stream
from tests.support.servers import free_port
from tests.support.services import REPO, wait_for
from web.auth import add_user

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "tests" / "artifacts"

pytestmark = [pytest.mark.slow]

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the dev dependencies hold it
    sync_playwright = None  # type: ignore[assignment]

if sync_playwright is None or not Path(CHROMIUM).exists():
    pytestmark.append(pytest.mark.skip(
        reason="browser tests need Debian's chromium (apt-get install chromium; .ci/run installs it) and the "
               "playwright package (make install)"))


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MOUTHPIECE_") and k not in ("DATABASE_URL", "BROKER_URL")}
    env.update(MOUTHPIECE_DATA_DIR=str(data), COLUMNS="200")
    return env


def _mp(env: dict[str, str], *args: str) -> str:
    r = subprocess.run([sys.executable, "-m", "mouthpiece.cli", *args], env=env, cwd=REPO,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The demo's data, two users, and `mouthpiece web` serving it on a free port."""
    root = tmp_path_factory.mktemp("web-demo")
    _mp(_env(root), "demo")
    data = root / "demo"
    env = _env(data)
    url = f"sqlite:///{data / 'mouthpiece.sqlite'}"
    with session_scope(url) as s:
        add_user(s, "vera", "vera-password", "viewer")
        add_user(s, "ada", "ada-password", "admin")
        # what the demo stored, read back through the query interface: the test expects that
        nato = [r.as_dict() for r in stream(s, QuoteFilter(speaker_ids=["lukashenko"], topic="nato"))]
    reset_engines()
    assert nato, "the demo stored no statement by Lukashenko on NATO"
    port = free_port()
    log = (root / "web.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mouthpiece.cli", "web", "--port", str(port)], env=env,
                            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "serving on http" in (root / "web.log").read_text() or proc.poll() is not None,
                 timeout=60)
        assert proc.poll() is None, (root / "web.log").read_text()
        # "serving" is said once the port listens: a user who opens the URL then gets the page
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        yield {"base": f"http://127.0.0.1:{port}", "nato": nato, "data": data}
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert sync_playwright is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _login(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/quotes")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(f"{name}-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"{name} (")).to_be_visible()


def test_an_analyst_reads_exports_and_silences(demo: dict[str, Any], browser: Any) -> None:
    base, first = demo["base"], demo["nato"][0]
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    page = ctx.new_page()

    _login(page, base, "vera")
    # keyboard: the first Tab reaches the skip link
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")

    # search for a speaker by a Cyrillic alias and a topic
    page.get_by_label("Speaker").fill("Лукашенко")
    page.get_by_label("Topic").select_option("NATO" if "NATO" in first["topics"] else first["topics"][0])
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.quotes tbody tr")
    expect(rows).to_have_count(len(demo["nato"]))
    expect(rows.first).to_contain_text(first["speaker"])
    _shot(page, "quotes")

    # open the quote: its context, why it was new, its article
    page.get_by_role("link", name=first["text"][:40]).first.click()
    expect(page.get_by_role("heading", name=f"Quote {first['id']}")).to_be_visible()
    expect(page.locator("blockquote.context mark")).to_have_text(first["text"])
    expect(page.get_by_role("heading", name="Why new")).to_be_visible()
    expect(page.locator("p.why")).to_contain_text("new")
    _shot(page, "quote")

    # the article with the quote highlighted at its offsets, labelled with its speaker
    page.get_by_role("link", name=first["title"]).click()
    span = page.locator(f"#q{first['id']} mark.quote")
    expect(span).to_be_visible()
    expect(span).to_have_text(first["text"])
    expect(page.locator(f"#q{first['id']} .speaker-tag")).to_have_text(first["speaker"])
    bg = span.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), "the span is highlighted"
    _shot(page, "article")

    # export the current filter as CSV
    page.goto(f"{base}/quotes?speaker=lukashenko")
    with page.expect_download() as dl:
        page.get_by_role("link", name="CSV").click()
    rows_csv = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    assert first["text"] in {r["text"] for r in rows_csv}
    assert {r["speaker_id"] for r in rows_csv} == {"lukashenko"}

    # the other pages, for the record
    for path, name, heading in (("/speakers/lukashenko", "speaker", first["speaker"]),
                                ("/sources", "sources", "Sources"), ("/digests", "digests", "Digests")):
        page.goto(base + path)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        _shot(page, name)

    # a viewer sees no silence form; an admin silences a speaker
    page.goto(f"{base}/alerts")
    expect(page.get_by_role("heading", name="Latest alerts")).to_be_visible()
    expect(page.get_by_role("button", name="Silence")).to_have_count(0)
    page.get_by_role("button", name="Log out").click()
    _login(page, base, "ada")
    page.goto(f"{base}/alerts")
    page.locator("form[action='/alerts/silence'] select[name=speaker]").select_option("lukashenko")
    page.get_by_label("For").fill("2h")
    page.get_by_label("Reason").fill("browser test")
    page.get_by_role("button", name="Silence").click()
    expect(page.get_by_role("status")).to_contain_text("speaker lukashenko")
    expect(page.get_by_text("speaker lukashenko, rule *")).to_be_visible()
    _shot(page, "alerts")
    ctx.close()
