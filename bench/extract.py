"""Extraction throughput: articles/s and words/s for English and Russian, parsing included.

Runs on the project's own gold documents (tests/data/quotes) plus ../shared/eval/quotes when present.
Usage: python bench/extract.py [--repeat N] [--only TEXT]   (--only "PolNeAR": the sets whose label holds TEXT)
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

# one core means one BLAS thread: OpenBLAS (numpy, under natasha's NER) otherwise spreads tiny
# matrix products over every core and, with the other cores busy, runs several times slower
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes import extract  # noqa: E402
from quotes.text import detect_lang  # noqa: E402


def _docs() -> dict[str, list[str]]:
    docs: dict[str, list[str]] = {"en": [], "ru": []}
    paths = sorted((ROOT / "tests" / "data" / "quotes").glob("*.txt"))
    held = sorted((ROOT / "tests" / "data" / "quotes" / "heldout").glob("*.txt"))
    shared = ROOT.parent / "shared" / "eval" / "quotes"
    if shared.exists():
        paths += sorted(shared.glob("*/*.txt")) + sorted(shared.glob("*/*.html"))
    sys.path.insert(0, str(ROOT / "tests" / "quotes"))
    from run_extract import html_body

    for p in paths:
        raw = p.read_text(encoding="utf-8")
        text = html_body(raw)[0] if p.suffix == ".html" else raw  # (body, declared language)
        lang = detect_lang(text)
        docs[lang].append(text)
        if not any(q.cue == "transcript" for q in extract(text)):
            docs.setdefault(lang + " prose (no transcripts)", []).append(text)
    for p in held:  # wire copy and analysis of 160-600 words: the closest to real articles
        text = p.read_text(encoding="utf-8")
        docs.setdefault(detect_lang(text) + " held-out wire copy", []).append(text)
    # real US political news (PolNeAR dev, 84 articles), the learned model's home ground
    for p in sorted((ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text").glob("*.txt")):
        docs.setdefault("en PolNeAR dev news", []).append(p.read_text(encoding="utf-8"))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="", help="time only the sets whose label holds this text (e.g. PolNeAR)")
    a = ap.parse_args()
    docs = _docs()
    from quotes.extract import extractor_names
    from quotes.packs import get_pack

    print(f"English extractors: {','.join(extractor_names(get_pack('en')))} (MOUTHPIECE_EN_EXTRACTORS)")
    extract("Warm-up: “NATO,” Putin said that it was fine.")
    # loads natasha's NER too (lazily loaded, like the spaCy pipeline above: loading is not timed)
    extract("Прогрев: «НАТО», — заявил Путин. Эммануэль Макрон заявил, что всё хорошо.")
    for lang, texts in docs.items():
        if not texts or a.only.lower() not in lang.lower():
            continue
        words = sum(len(re.findall(r"\w+", t)) for t in texts)
        t0, c0 = time.perf_counter(), time.process_time()
        n = 0
        for _ in range(a.repeat):
            for t in texts:
                extract(t, lang=lang[:2])
                n += 1
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        # CPU seconds as well as wall time: on a shared machine the wall clock counts other jobs' turns
        print(f"{lang}: {len(texts)} docs, {words} words x{a.repeat}: "
              f"{n / dt:.1f} articles/s, {words * a.repeat / dt:,.0f} words/s wall (one process); "
              f"{words * a.repeat / cpu:,.0f} words per CPU-second")


if __name__ == "__main__":
    main()
