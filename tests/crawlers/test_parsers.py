"""Article extraction: every fixture site page in tests/sites/<source>/ against its expected JSON,
the real en.kremlin.ru pages in ../shared (skipped when absent), encodings and broken inputs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawlers.article import (
    BlockedPageError,
    ExtractionError,
    NotHTMLError,
    decode_html,
    extract_article,
)
from crawlers.parsers import parser_for, publishers

SITES = Path(__file__).resolve().parents[1] / "sites"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "real" / "kremlin"
EXPECTED = sorted(p for p in SITES.rglob("*.expected.json") if "demo" not in p.relative_to(SITES).parts[:1])


def _page_for(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    return next(p for p in expected.parent.iterdir() if p.stem == stem and p.suffix in (".html", ".htm"))


def _load(expected: Path) -> tuple[bytes, dict]:
    want = json.loads(expected.read_text(encoding="utf-8"))
    scheme, _, host = want["url"].split("/", 3)[:3]
    # fixture pages link with {{BASE}} (the local server fills it in); here the real site's origin
    raw = _page_for(expected).read_bytes().replace(b"{{BASE}}", f"{scheme}//{host}".encode())
    return raw, want


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: str(p.relative_to(SITES).parent))
def test_fixture_page(expected: Path) -> None:
    raw, want = _load(expected)
    art = extract_article(raw, want["url"])
    got = art.to_dict()
    for key in ("title", "published_at", "authors", "body", "lang", "canonical_url", "parser"):
        if key in want:
            assert got[key] == want[key], key
    assert "\n\n\n" not in art.body and "<" not in art.body.replace("<…>", "")
    assert art.published_at is not None and art.published_at.tzinfo is not None


def test_every_publisher_has_a_fixture() -> None:
    # *.posts.json: a page of many posts (a Telegram channel preview, tests/crawlers/test_telegram.py)
    fixtures = EXPECTED + sorted(SITES.rglob("*.posts.json"))
    covered = {json.loads(p.read_text(encoding="utf-8"))["parser"].split(".")[0] for p in fixtures}
    assert {p.name for p in publishers()} <= covered


def test_every_fixture_site_has_discovery_files() -> None:
    for site in SITES.iterdir():
        if site.is_dir() and site.name != "demo" and not (site / "channel.yaml").exists():
            feeds = [p for p in site.rglob("*") if p.suffix in (".xml", ".atom") or p.name == "index.html"
                     and not p.with_name("index.expected.json").exists()]
            assert feeds, f"{site.name}: no feed, sitemap or listing page"


def test_versions_are_picked_by_page_and_date() -> None:
    from datetime import date

    assert parser_for("https://tass.com/politics/1").name() == "tass.V3"
    assert parser_for("https://tass.com/politics/1", when=date(2018, 5, 1)).name() == "tass.V1"
    assert parser_for("https://tass.com/politics/1", when=date(2023, 5, 1)).name() == "tass.V2"
    assert parser_for("https://www.belta.by/x", when=date(2021, 5, 1)).name() == "belta.V1"
    assert parser_for("https://en.kremlin.ru/events/president/news/1").name() == "kremlin.V1"
    assert parser_for("https://example.org/a").name() == "trafilatura"
    assert parser_for("http://127.0.0.1:8000/x", name="belta").name() == "belta.V2"


def test_source_parser_and_country_apply_on_a_local_host() -> None:
    """Fixture sites are served from 127.0.0.1: the Source config names the parser."""
    from config.sources import Source

    exp = SITES / "belta_ru/president/view/lukashenko-nato-priblizhaetsja-k-nashim-granitsam-470001-2021"
    raw, want = _load(exp / "index.expected.json")
    src = Source(id="belta_ru", name="BelTA", kind="state_media", country="BY", languages=["ru"],
                 parser="belta", discovery=[{"type": "feed", "url": "http://127.0.0.1:1/rss.xml"}])
    art = extract_article(raw, "http://127.0.0.1:8000/president/view/x/", source=src)
    assert (art.title, art.body, art.parser) == (want["title"], want["body"], "belta.V1")
    assert art.published_at.isoformat() == want["published_at"]


# --------------------------------------------------------------------------- real kremlin pages

REAL = {
    "en_news_59844_answers_to_media_questions_putin_lukashenko_2019-02-15.html":
        ("Answers to media questions", "2019-02-15T15:00:00+03:00"),
    "en_news_59844_print.html": ("Answers to media questions", "2019-02-15T15:00:00+03:00"),
    "en_news_52830_interview_to_bloomberg.html": ("Interview to Bloomberg", "2016-09-05T10:30:00+03:00"),
    "en_news_54271_interview_to_mir.html": ("Interview to Mir broadcasting company", "2017-04-12T12:00:00+03:00"),
    "en_news_55882_valdai_2017.html": ("Meeting of the Valdai International Discussion Club",
                                       "2017-10-19T20:10:00+03:00"),
    "en_news_59455_annual_news_conference_2018.html": ("Vladimir Putin’s annual news conference",
                                                       "2018-12-20T15:50:00+03:00"),
}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_kremlin_page(name: str) -> None:
    path = SHARED / name
    if not path.exists():
        pytest.skip("../shared/fixtures/real/kremlin is absent")
    art = extract_article(path.read_bytes(), None)
    title, published = REAL[name]
    assert art.title == title
    assert art.published_at is not None and art.published_at.isoformat() == published
    assert art.canonical_url and art.canonical_url.startswith("http://en.kremlin.ru/events/president/news/")
    assert art.parser == "kremlin.V1" and art.lang == "en"
    body = art.body
    assert "\n\n\n" not in body and not re.search(r"<[a-z/][^>]*>", body)
    assert all(p == p.strip() and "\n" not in p and "  " not in p for p in body.split("\n\n"))
    # labels intact, tooltips gone, slider / "See also" / tags / publication status dropped
    assert re.search(r"(?m)^(President of Russia )?Vladimir Putin: \S", body)
    assert "tooltip" not in body and "Lukashenko AlexanderPresident" not in body
    assert "Publication status" not in body and "See also" not in body and "Direct link" not in body
    assert "Creative Commons" not in body and "Version for People with Disabilities" not in body


@pytest.mark.shared
def test_real_kremlin_lukashenko_turns() -> None:
    path = SHARED / "en_news_59844_answers_to_media_questions_putin_lukashenko_2019-02-15.html"
    if not path.exists():
        pytest.skip("../shared/fixtures/real/kremlin is absent")
    paras = extract_article(path.read_bytes()).body.split("\n\n")
    assert paras[1] == "Question: Mr Lukashenko, Mr Putin,"
    assert paras[3].startswith("President of the Republic of Belarus Alexander Lukashenko: The President and I "
                               "just a moment ago said")
    assert "Alexander Lukashenko: I would immediately add, not even Russia." in paras
    assert paras[-1].startswith("We should also sort out in a business-like")


# ------------------------------------------------------------------------------ encodings, errors

RU = "<html><head><title>Новости</title></head><body><h1>Лукашенко: НАТО придвигается к нашим границам</h1>" \
     "<p>«НАТО придвигается к нашим границам», – заявил Глава государства. Президент подчеркнул, что " \
     "Беларусь ни на кого нападать не собирается.</p></body></html>"


@pytest.mark.parametrize("headers", [None, {"Content-Type": "text/html"}, {"content-type": "text/html; charset=utf-8"},
                                     {"Content-Type": "text/html; charset=ISO-8859-1"}])
def test_undeclared_cp1251_decodes(headers: dict | None) -> None:
    raw = RU.encode("cp1251")
    assert decode_html(raw, headers) == RU
    art = extract_article(raw, "https://mfa.gov.by/press/news_mfa/0123456789abcdef.html", headers=headers)
    assert art.title == "Лукашенко: НАТО придвигается к нашим границам"
    assert "«НАТО придвигается к нашим границам»" in art.body and art.lang == "ru"


def test_declared_and_other_encodings() -> None:
    koi = "<html><body><p>Президент Беларуси Александр Лукашенко провёл совещание с военными.</p></body></html>"
    assert decode_html(koi.encode("koi8-r")) == koi
    assert decode_html(RU.encode("utf-8")) == RU
    assert decode_html(b"\xef\xbb\xbf" + RU.encode("utf-8")) == RU
    meta = RU.replace("<head>", '<head><meta charset="windows-1251">')
    assert decode_html(meta.encode("cp1251")) == meta
    assert decode_html(RU.encode("cp1251"), declared="windows-1251") == RU
    assert decode_html("Café crème".encode("cp1252"), "text/html") == "Café crème"
    # a UTF-8 page cut inside a multibyte character is still UTF-8
    assert decode_html(RU.encode("utf-8")[:-len("</p></body></html>") - 1]).startswith("<html><head><title>Новости")


def test_mfa_fixture_served_with_a_wrong_charset_header() -> None:
    page = SITES / "mfa_gov_by/press/news_mfa/a1b2c3d4e5f60718.html"
    raw = page.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    art = extract_article(raw, "https://mfa.gov.by/press/news_mfa/a1b2c3d4e5f60718.html",
                          headers={"Content-Type": "text/html; charset=utf-8"})
    assert art.title == "О заявлении официального представителя МИД Беларуси"


def test_truncated_html() -> None:
    exp = SITES / "kremlin_en/events/president/news/70001/index.expected.json"
    raw, want = _load(exp)
    cut = raw[: raw.index(b"We do not want war") + 30]  # mid-paragraph, every tag left open
    art = extract_article(cut, want["url"])
    assert art.title == want["title"] and art.published_at.isoformat() == want["published_at"]
    assert art.body.startswith(want["body"].split("We do not want war")[0].rstrip())
    assert art.body.endswith("We do not want war. But we are")
    for n in (200, 1000, 3000):  # cut anywhere: no crash
        try:
            extract_article(raw[:n], want["url"])
        except ExtractionError:
            pass


@pytest.mark.parametrize("raw,headers", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>", None),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
    (b'{"datePublished": "2026-03-12"}', {"Content-Type": "application/json"}),
    (b"<html><body><p>x</p></body></html>", {"Content-Type": "application/pdf"}),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>', None),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', None),
    (b"plain text, no markup at all", None),
    (b"\x00\x01\x02\x03binary\x00\x00", None),
])
def test_non_html_is_a_clear_error(raw: bytes, headers: dict | None) -> None:
    with pytest.raises(NotHTMLError, match="not HTML"):
        extract_article(raw, "https://eng.belta.by/x", headers=headers)


def test_empty_and_blocked_pages() -> None:
    with pytest.raises(ExtractionError, match="empty"):
        extract_article(b"  \n ", "https://eng.belta.by/x")
    with pytest.raises(BlockedPageError):
        extract_article("<html><body><h1>Web Page Blocked</h1><p>Attack ID: 1</p></body></html>",
                        "https://president.gov.by/en/events/x")
    with pytest.raises(TypeError):
        extract_article(123)  # type: ignore[arg-type]


def test_contract_shape() -> None:
    raw, want = _load(SITES / "tass_ru/politika/27000001/index.expected.json")
    d = extract_article(raw, want["url"]).to_contract("page.html")
    assert list(d) == ["file", "url", "title", "published_at", "authors", "lang", "body", "decode_warning"]
    assert d["url"] == "https://tass.ru/politika/27000001" and d["published_at"] == "2026-08-16T00:02:03+03:00"
    json.dumps(d)


def test_generic_fallback_uses_trafilatura() -> None:
    html = ("<html lang='en'><head><title>A think piece | Example</title>"
            "<meta property='article:published_time' content='2026-03-01T10:00:00Z'>"
            "<meta name='author' content='Jane Roe'></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
            "<article><h1>A think piece</h1>"
            + "".join(f"<p>Paragraph {i}: Lukashenko said that the West was preparing for a long confrontation "
                      f"with Belarus and Russia, and that NATO was moving closer.</p>" for i in range(6))
            + "</article><footer>© Example 2026. All rights reserved.</footer></body></html>")
    art = extract_article(html, "https://example.org/think-piece")
    assert art.parser == "trafilatura" and art.title == "A think piece" and art.authors == ["Jane Roe"]
    assert art.published_at.isoformat() == "2026-03-01T10:00:00+00:00"
    paras = art.body.split("\n\n")
    assert len(paras) == 6 and paras[0].startswith("Paragraph 0: Lukashenko said")


def test_every_configured_source_has_a_site_parser() -> None:
    from config.sources import load_sources
    from crawlers.parsers import publisher_for

    for src in load_sources():
        if src.kind != "demo":
            assert publisher_for(src.start_urls[0]) is not None, src.id
