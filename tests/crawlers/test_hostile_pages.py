"""Issue 11, items 4 and 6, on single pages: a stray byte does not turn a page into mojibake,
deep nesting is reported, invisible text is not body text."""
from __future__ import annotations

import pytest

from crawlers.article import ExtractionError, decode_page, extract_article

PARAS = "".join(f"<p>Абзац {i}: Лукашенко заявил, что НАТО приближается к нашим границам, и Беларусь ответит.</p>"
                for i in range(4))
PAGE = f"<html><head><meta charset='utf-8'><title>Лукашенко о НАТО</title></head><body><article>{PARAS}</article></body></html>"


def test_declared_utf8_with_a_stray_byte_is_repaired_not_reguessed() -> None:
    raw = PAGE.encode("utf-8")
    at = raw.index("Абзац 2".encode())
    broken = raw[:at] + b"\xff" + raw[at:]
    for headers in ({"Content-Type": "text/html; charset=utf-8"}, None):
        d = decode_page(broken, headers)
        assert d.encoding == "utf-8" and d.warning == "1 invalid UTF-8 byte sequence replaced (U+FFFD)"
        assert "Лукашенко о НАТО" in d.text and "Ð" not in d.text
    art = extract_article(broken, "http://x.example/a")
    assert art.title == "Лукашенко о НАТО" and art.decode_warning and "Абзац 3" in art.body
    assert art.to_contract()["decode_warning"] == art.decode_warning
    clean = extract_article(raw, "http://x.example/a")
    assert clean.decode_warning is None


def test_a_page_really_in_cp1251_is_still_read_as_cp1251() -> None:
    raw = PAGE.replace("utf-8", "windows-1251").encode("cp1251")
    d = decode_page(raw, {"Content-Type": "text/html; charset=utf-8"})  # the server lies
    assert d.encoding == "cp1251" and "Лукашенко" in d.text and d.warning is None


def test_deep_nesting_is_reported_not_silently_empty() -> None:
    html = "<html><body>" + "<div>" * 10_000 + PARAS + "</div>" * 10_000 + "</body></html>"
    with pytest.raises(ExtractionError, match="nested .* levels deep"):
        extract_article(html, "http://x.example/a")
    shallow = "<html><body>" + "<div>" * 100 + PARAS + "</div>" * 100 + "</body></html>"
    assert "Абзац 3" in extract_article(shallow, "http://x.example/a").body


def test_template_and_hidden_text_is_not_body_text() -> None:
    html = (f"<html><head><title>T</title></head><body><article>{PARAS}"
            "<template><p>Лукашенко заявил: «Шаблон».</p></template>"
            "<div hidden><p>Лукашенко заявил: «Скрытый текст».</p></div>"
            "<p style='DISPLAY: none'>Лукашенко заявил: «Невидимый».</p>"
            "<p style='visibility:hidden'>Лукашенко заявил: «Тоже невидимый».</p>"
            "</article></body></html>")
    body = extract_article(html, "http://x.example/a").body
    assert "Абзац 3" in body
    for hidden in ("Шаблон", "Скрытый", "Невидимый", "Тоже невидимый"):
        assert hidden not in body
