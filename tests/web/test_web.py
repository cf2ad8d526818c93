"""The web app (issue 13, items 3-4) in process: every page on a real store, escaping of scraped
text, the export, and access control (no users: this machine only; users: login, roles, CSRF,
failed-login limits, cookie flags)."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from config.settings import get_settings, reset_settings
from mouthpiece.cli import app as cli
from storage.db import reset_engines, session_scope
from storage.models import Silence
from tests.support.quote_data import HOSTILE, SAMPLE, Store, fill
from tests.support.services import fresh_pg_database
from web.app import create_app
from web.auth import add_user

LOCAL = ("127.0.0.1", 40000)
REMOTE = ("192.0.2.7", 40000)  # TEST-NET-1: never routed, only a label for the client address


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    for k in ("DATABASE_URL", "BROKER_URL", "MOUTHPIECE_CONFIG_DIR", "MOUTHPIECE_WEB_SECRET"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    reset_settings()
    reset_engines()
    yield fill(f"sqlite:///{tmp_path / 'data' / 'mouthpiece.sqlite'}")
    reset_settings()
    reset_engines()


def _client(client: tuple[str, int] = LOCAL) -> TestClient:
    return TestClient(create_app(get_settings()), client=client, follow_redirects=False)


def _text(html: str) -> str:
    """What a reader sees, roughly: tags dropped, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field in the form"
    return m.group(1)


def _user(name: str, role: str) -> None:
    with session_scope() as s:
        add_user(s, name, f"{name}-password", role)


def _login(c: TestClient, name: str) -> None:
    page = c.get("/login")
    r = c.post("/login", data={"name": name, "password": f"{name}-password", "csrf": _csrf(page.text), "next": "/alerts"})
    assert r.status_code == 303 and r.headers["location"] == "/alerts", r.text


@pytest.fixture
def pg_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    for k in ("BROKER_URL", "MOUTHPIECE_CONFIG_DIR", "MOUTHPIECE_WEB_SECRET"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("MOUTHPIECE_DATA_DIR", str(tmp_path / "data"))
    with fresh_pg_database() as url:
        monkeypatch.setenv("DATABASE_URL", url)
        reset_settings()
        reset_engines()
        yield fill(url)
    reset_settings()
    reset_engines()


def test_pages_on_a_store(store: Store) -> None:
    _check_pages(store)


def test_pages_on_postgresql(pg_store: Store) -> None:
    _check_pages(pg_store)


def _check_pages(store: Store) -> None:
    c = _client()
    first = store.qid(0, SAMPLE[0].quotes[0]["text"])
    r = c.get("/quotes", params={"speaker": "Лукашенко", "topic": "NATO", "since": "30d"})
    assert r.status_code == 200
    want = [q["text"] for a in sorted(SAMPLE, key=lambda a: a.days_ago) for q in a.quotes
            if q["speaker_id"] == "lukashenko" and "NATO" in q["topics"] and a.days_ago <= 30]
    seen = _text(r.text)
    assert all(t in seen for t in want) and f"of {len(want)} quotes" in seen
    assert "армия готова" not in seen, "a quote without the topic is left out"
    assert "угрозы со стороны" in _text(c.get("/quotes", params={"q": "угроза"}).text)
    # the quote page: context, why new, reprint, alert, link to the original
    page = c.get(f"/quotes/{first}").text
    assert "the head of state said" in _text(page) and "first statement by this speaker" in page
    again = store.qid(2, SAMPLE[2].quotes[0]["text"])
    assert f'href="/quotes/{again}"' in page and "ru_state" in page, "the reprint in its cluster"
    assert f'href="{SAMPLE[0].url}"' in page and "by-nato-ukraine" in page
    # the article page: every quote highlighted at its offsets, labelled with its speaker
    art = c.get(f"/articles/{store.article_ids[SAMPLE[0].url]}").text
    marks = re.findall(r'<span class="speaker-tag">([^<]*)</span><mark class="quote"[^>]*>([^<]*)</mark>', art)
    assert [(unescape(w), unescape(t)) for w, t in marks] == [(q["speaker"], q["text"]) for q in SAMPLE[0].quotes]
    speaker = c.get("/speakers/lukashenko").text
    assert "<svg" in speaker and "Лукашенко" in speaker and "President of Belarus" in speaker
    assert c.get("/speakers/nobody").status_code == 404
    assert "disk full" in c.get("/alerts").text
    assert c.get("/sources").status_code == 200 and "by_state" in c.get("/sources").text
    assert c.get("/digests").status_code == 200
    assert c.get("/quotes/99999999").status_code == 404 and c.get("/quotes/99999999999999999999").status_code == 422
    assert c.get("/quotes", params={"since": "yesterday"}).status_code == 400


def test_scraped_text_is_escaped_everywhere(store: Store) -> None:
    c = _client()
    hostile = store.qid(2, HOSTILE)
    for path in ("/quotes", f"/quotes/{hostile}", f"/articles/{store.article_ids[SAMPLE[2].url]}",
                 "/quotes?source=ru_state"):
        html = c.get(path).text
        assert "<script>alert" not in html and "<b>bold</b>" not in html, path
        assert "&lt;script&gt;alert" in html, path
        assert "script-src 'self'" in c.get(path).headers["content-security-policy"]


def test_export_follows_the_filter(store: Store) -> None:
    c = _client()
    r = c.get("/quotes.csv", params={"speaker": "lukashenko", "lang": "en"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    want = [q["text"] for a in SAMPLE for q in a.quotes if q["speaker_id"] == "lukashenko" and q["lang"] == "en"]
    assert sorted(row["text"] for row in rows) == sorted(want)
    lines = c.get("/quotes.jsonl", params={"q": "force"}).text.splitlines()
    assert len(lines) == 2  # the statement and its reprint
    assert c.get("/quotes.xml").status_code == 404


def test_without_users_only_this_machine_is_served(store: Store) -> None:
    assert _client(LOCAL).get("/quotes").status_code == 200
    r = _client(REMOTE).get("/quotes")
    assert r.status_code == 403 and "mouthpiece users add" in r.text
    res = CliRunner().invoke(cli, ["web", "--host", "0.0.0.0"])
    assert res.exit_code == 2 and "no users are configured" in res.output


def test_login_roles_and_csrf(store: Store) -> None:
    _user("vera", "viewer")
    _user("ada", "admin")
    c = _client(REMOTE)
    # not logged in: a page redirects to the login, anything else gets 401
    r = c.get("/quotes", headers={"accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=%2Fquotes")
    assert c.get("/quotes.csv").status_code == 401
    assert c.post("/alerts/silence", data={"speaker": "lukashenko"}).status_code == 401
    # a viewer reads, but cannot silence
    _login(c, "vera")
    assert c.get("/quotes").status_code == 200
    page = c.get("/alerts").text
    assert "Silence</button>" not in page
    r = c.post("/alerts/silence", data={"speaker": "lukashenko", "duration": "1h", "csrf": _csrf(page)})
    assert r.status_code == 403
    c.post("/logout", data={"csrf": _csrf(page)})
    # an admin silences, with the form's token; a forged POST (no token, or another's) fails
    _login(c, "ada")
    assert c.post("/alerts/silence", data={"speaker": "lukashenko", "duration": "1h"}).status_code == 403
    assert c.post("/alerts/silence", data={"speaker": "lukashenko", "duration": "1h",
                                           "csrf": "forged"}).status_code == 403
    page = c.get("/alerts").text
    r = c.post("/alerts/silence", data={"speaker": "Лукашенко", "duration": "2h", "csrf": _csrf(page)})
    assert r.status_code == 303
    with session_scope() as s:
        rows = s.query(Silence).all()
        assert [(x.speaker_id, x.reason) for x in rows] == [("lukashenko", "from the web app (by ada)")]
    assert "silence 1: speaker lukashenko" in _text(c.get(r.headers["location"]).text)
    # retry a failed delivery: due again
    r = c.post(f"/deliveries/{store.delivery_id}/retry", data={"csrf": _csrf(page)})
    assert r.status_code == 303 and "due again" in _text(c.get(r.headers["location"]).text)
    # a new password ends the sessions signed before it
    _user("ada", "admin")
    assert c.get("/quotes.csv").status_code == 401


def test_session_cookie_flags(store: Store) -> None:
    _user("ada", "admin")
    c = _client(REMOTE)
    page = c.get("/login")
    r = c.post("/login", data={"name": "ada", "password": "ada-password", "csrf": _csrf(page.text)})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "mouthpiece_session=" in cookie
    assert r.headers["location"] == "/"
    # the target after login is a path on this site only
    page = c.get("/login")
    r = c.post("/login", data={"name": "ada", "password": "ada-password", "csrf": _csrf(page.text),
                               "next": "//evil.example/x"})
    assert r.headers["location"] == "/"


def test_failed_logins_are_limited(store: Store) -> None:
    _user("ada", "admin")
    c = _client(REMOTE)
    token = _csrf(c.get("/login").text)
    codes = [c.post("/login", data={"name": "ada", "password": "wrong-guess", "csrf": token}).status_code
             for _ in range(6)]
    assert codes == [401] * 5 + [429]
    # even the right password waits now
    assert c.post("/login", data={"name": "ada", "password": "ada-password", "csrf": token}).status_code == 429
    # a login form without the session's token is refused
    assert _client(REMOTE).post("/login", data={"name": "ada", "password": "ada-password"}).status_code == 403


def test_users_cli(store: Store) -> None:
    r = CliRunner().invoke(cli, ["users", "add", "bob", "--role", "admin"], input="secret-password\n")
    assert r.exit_code == 0 and "user bob added" in r.output, r.output
    r = CliRunner().invoke(cli, ["users", "add", "bob"], input="short\n")
    assert r.exit_code == 2 and "shorter than 8" in r.output
    r = CliRunner().invoke(cli, ["users", "list"])
    assert "bob" in r.output and "admin" in r.output
    assert CliRunner().invoke(cli, ["users", "remove", "bob"]).exit_code == 0
    assert CliRunner().invoke(cli, ["users", "remove", "bob"]).exit_code == 2
