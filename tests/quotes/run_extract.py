"""Print the extract contract JSONL for files (a stand-in for `mouthpiece extract --format jsonl`).

Usage: python tests/quotes/run_extract.py FILE...
.html files go through crawlers.article.extract_article when it exists, else a small
BeautifulSoup conversion of kremlin.ru pages (drop tooltips, labels kept as "Label: text").
"""
from __future__ import annotations

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from quotes import extract  # noqa: E402


def html_body(html: str) -> str:
    try:
        from crawlers.article import extract_article  # type: ignore[import-not-found]

        return str(extract_article(html, "").body)
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
    return "\n\n".join(paras)


def main(paths: list[str]) -> None:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        text = html_body(raw) if path.endswith((".html", ".htm")) else raw
        for q in extract(text):
            d = {"file": path, **q.to_dict()}
            print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
