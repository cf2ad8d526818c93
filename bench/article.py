"""Articles/s for extract_article over the fixture pages (tests/sites) and, when present, the real
en.kremlin.ru pages in ../shared. Prints figures; not a timed test.

    .venv/bin/python bench/article.py [--rounds N]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from crawlers.article import extract_article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "fixtures" / "real" / "kremlin"


def fixture_pages() -> list[tuple[bytes, str]]:
    out = []
    for exp in sorted((ROOT / "tests" / "sites").rglob("*.expected.json")):
        url = json.loads(exp.read_text(encoding="utf-8"))["url"]
        stem = exp.name[: -len(".expected.json")]
        page = next(p for p in exp.parent.iterdir() if p.stem == stem and p.suffix == ".html")
        origin = "/".join(url.split("/")[:3])
        out.append((page.read_bytes().replace(b"{{BASE}}", origin.encode()), url))
    return out


def run(name: str, pages: list[tuple[bytes, str | None]], rounds: int) -> None:
    if not pages:
        print(f"{name}: no pages")
        return
    for raw, url in pages:  # warm-up (imports, dateparser, cssselect caches)
        extract_article(raw, url)
    size = sum(len(r) for r, _ in pages)
    t = time.perf_counter()
    for _ in range(rounds):
        for raw, url in pages:
            extract_article(raw, url)
    dt = time.perf_counter() - t
    n = len(pages) * rounds
    print(f"{name}: {len(pages)} pages x {rounds} rounds, {size / 1024:.0f} KiB/round: "
          f"{n / dt:.1f} articles/s, {size * rounds / dt / 1e6:.2f} MB/s, {1000 * dt / n:.1f} ms/article")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    a = ap.parse_args()
    run("fixture sites", list(fixture_pages()), a.rounds)
    real = [(p.read_bytes(), None) for p in sorted(SHARED.glob("en_news_5*.html"))] if SHARED.exists() else []
    run("real en.kremlin.ru pages", real, max(1, a.rounds // 4))


if __name__ == "__main__":
    main()
