"""Print the extract contract JSONL for files (a stand-in for `mouthpiece extract --format jsonl`).

Usage: python tests/quotes/run_extract.py [--only EXTRACTOR] FILE...
.html files go through crawlers.article.extract_article (its body, and the page's declared
language), else a small BeautifulSoup conversion of kremlin.ru pages. A NAME.meta.json beside a
file gives what the pipeline knows of its source ({"country": "BY", "published": "2024-11-28"}),
as `mouthpiece extract --country` does. --only prints the quotes of one extractor ("direct",
"indirect_en", "indirect_ru", "transcript", "label", "post", "model") out of the full run, to score
each apart.
"""
from __future__ import annotations

import json
import os
import re
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from quotes import Context, extract  # noqa: E402


def html_body(html: str) -> str:
    """The text of a saved page (what quote offsets index)."""
    return html_page(html)[0]


def html_page(html: str) -> tuple[str, str | None]:
    """The text of a saved page and the language it declares."""
    try:
        from crawlers.article import extract_article

        art = extract_article(html, "")
        return str(art.body), art.lang
    except Exception:  # noqa: BLE001 - fall back to the small converter
        pass
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for t in soup.select("span.read__tooltip, .read__tooltip"):
        t.decompose()
    root = soup.select_one("div[itemprop=articleBody]") or soup.body or soup
    paras = []
    for p in root.find_all("p"):
        txt = re.sub(r"\s+", " ", p.get_text()).strip()
        if txt:
            paras.append(txt)
    return "\n\n".join(paras), None


def _context(path: str, lang: str | None) -> Context:
    meta_path = re.sub(r"\.(txt|html?|md)$", "", path) + ".meta.json"
    meta = {}
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
    pub = meta.get("published")
    return Context(country=meta.get("country"), published=date.fromisoformat(pub) if pub else None,
                   lang=meta.get("lang") or lang)


def main(argv: list[str]) -> None:
    only = None
    if argv[:1] == ["--only"]:
        only, argv = argv[1], argv[2:]
    for path in argv:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        text, lang = html_page(raw) if path.endswith((".html", ".htm")) else (raw, None)
        for q in extract(text, context=_context(path, lang)):
            if only and q.extractor != only:
                continue
            d = {"file": path, **q.to_dict()}
            print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
