"""Body extraction F1 on the project's own gold set (issue 14, item 5). Prints figures.

    .venv/bin/python bench/bodies.py [--extractor generic|site] [-v]

Pages and gold bodies:
- tests/data/bodies: pages written for the gold set in the designs of many kinds of news sites
  (tests/data/bodies/make_pages.py), with related links, captions, newsletter and donation
  boxes, share bars and bylines inside the body; gold = the article's paragraphs;
- tests/sites: every fixture page with a `.expected.json` (its `body` is the gold);
- ../shared/fixtures/real/kremlin (when present): the real en.kremlin.ru article pages; gold =
  the kremlin site parser's body (its selectors are pinned to these pages by the tests).

Score (as the public article-extraction benchmarks do): lower-cased word tokens, bag-of-words
overlap per page: precision = shared / extracted, recall = shared / gold, F1 per page; the table
gives the means over pages and the F1 of the mean precision and recall.

`--extractor generic` scores the generic extractor (what every site without its own parser
gets: crawlers.parsers.generic); `site` scores what `mouthpiece article` does (site parser by
URL, the generic chain for the rest)."""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawlers.article import extract_article  # noqa: E402
from tests.support.shared import shared_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "tests" / "data" / "bodies"
SITES = ROOT / "tests" / "sites"
KREMLIN = shared_path("fixtures", "real", "kremlin")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def score(extracted: str, gold: str) -> tuple[float, float, float]:
    e, g = tokens(extracted), tokens(gold)
    shared = sum((e & g).values())
    p = shared / sum(e.values()) if e else 0.0
    r = shared / sum(g.values()) if g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


Case = tuple[str, str, bytes, str | None, str]  # set, name, page, url, gold


def own_pages() -> Iterator[Case]:
    for page in sorted((OWN / "pages").glob("*.html")):
        yield "own", page.stem, page.read_bytes(), None, (OWN / "gold" / f"{page.stem}.txt").read_text(encoding="utf-8")


def fixture_pages() -> Iterator[Case]:
    for exp in sorted(SITES.rglob("*.expected.json")):
        data = json.loads(exp.read_text(encoding="utf-8"))
        stem = exp.name[: -len(".expected.json")]
        page = next((p for p in exp.parent.iterdir() if p.stem == stem and p.suffix == ".html"), None)
        if page is None or not data.get("body"):
            continue
        origin = "/".join(data["url"].split("/")[:3])
        yield ("fixtures", str(exp.parent.relative_to(SITES)), page.read_bytes().replace(b"{{BASE}}", origin.encode()),
               data["url"], data["body"])


def kremlin_pages() -> Iterator[Case]:
    if KREMLIN is None:
        return
    for page in sorted(KREMLIN.glob("en_news_5*.html")) + sorted(KREMLIN.glob("en_news_6*.html")):
        if "print" in page.name:
            continue
        num = page.name.split("_")[2]
        url = f"http://en.kremlin.ru/events/president/news/{num}"
        gold = extract_article(page.read_bytes(), url).body  # the kremlin site parser
        yield "kremlin (../shared)", page.stem, page.read_bytes(), url, gold


def extract(raw: bytes, url: str | None, how: str) -> str:
    source = SimpleNamespace(parser="generic") if how == "generic" else None
    return extract_article(raw, url, source=source).body


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractor", choices=["generic", "site"], default="generic")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per page")
    a = ap.parse_args()
    rows: dict[str, list[tuple[float, float, float]]] = {}
    for group, name, raw, url, gold in [*own_pages(), *fixture_pages(), *kremlin_pages()]:
        p, r, f = score(extract(raw, url, a.extractor), gold)
        rows.setdefault(group, []).append((p, r, f))
        if a.verbose:
            print(f"  {group:<20} {name[:60]:<60} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"body extraction, {a.extractor} extractor (token bag-of-words against gold bodies)")
    print(f"{'set':<22}{'pages':>6}{'P':>8}{'R':>8}{'F1 mean':>9}{'F1(P,R)':>9}")
    everything = [x for v in rows.values() for x in v]
    for group, vals in [*rows.items(), ("all", everything)]:
        n = len(vals)
        p = sum(v[0] for v in vals) / n
        r = sum(v[1] for v in vals) / n
        f = sum(v[2] for v in vals) / n
        print(f"{group:<22}{n:>6}{p:>8.3f}{r:>8.3f}{f:>9.3f}{(2 * p * r / (p + r) if p + r else 0):>9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
