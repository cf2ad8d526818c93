"""Echo lookup among 1,000,000 stored quotes (target p99 <= 20 ms) and frame tagging speed
(target >= 5,000 quotes/s per core).

    .venv/bin/python bench/echo.py                       # 1,000,000 quotes, 1,000 lookups
    .venv/bin/python bench/echo.py --n 100000 --lookups 300 --db 20000

1. Lookup (`narratives.index.EchoIndex`): N synthetic statements over three years, in time
   order, 60% by Russian, 30% by Belarusian, 10% by other speakers, half in English and half in
   Russian; each has 12-30 content lemmas drawn from a Zipf-distributed 40,000-word
   vocabulary, 2-8 language-independent keys (concepts, names, numbers) from 3,000, and 0-3
   of the 13 frames (skewed: NATO and escalation frames are common). A lookup is one new
   Belarusian statement against the Russian ones of the 30 days before it, prefiltered by
   shared frames, scored like `narratives.echo.echo_score`. Prints p50 / p99 / max and memory.
2. The worker's path (`alerts.echoes._echoes_for`: the same index, loaded from a SQLite file of
   `--db` quotes, plus checking each hit against its row), load time, p50 / p99.
3. Frame tagging (`narratives.FrameTagger`) on one core: the own-text quotes of the frame gold
   (English and Russian, nearly all with a frame, long), repeated, first with a cold lemma cache,
   then warm; quotes per second. With ../shared present, also the RIA paragraphs (Russian news,
   mostly without a frame), and the worker's own path: the quotes the extractor finds in RIA
   posts, each tagged in its sentence as `alerts.echoes` does.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "scripts")]

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from narratives_gold import BLIND  # noqa: E402

from config.narratives import load_frames  # noqa: E402
from narratives import FrameTagger, configured_tagger  # noqa: E402
from narratives.index import EchoIndex  # noqa: E402

DAY = 86400
START = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())
VOCAB, KEYS = 40_000, 3_000
FRAME_WEIGHTS = [8, 6, 4, 4, 3, 3, 5, 2, 4, 1, 1, 1, 6]


class Synth:
    def __init__(self, seed: int, frames: list[str]):
        self.rng = np.random.default_rng(seed)
        self.frames = frames
        p = np.array(FRAME_WEIGHTS[: len(frames)] + [1] * max(0, len(frames) - len(FRAME_WEIGHTS)), dtype=float)
        self.frame_p = p / p.sum()

    def batch(self, n: int) -> list[tuple[list[int], list[int], list[str]]]:
        """n statements at once (numpy in bulk: one statement at a time is 50x slower). Lemmas
        are ints >= 1, keys ints <= -1: the index takes any hashable term."""
        r = self.rng
        nl, nk = r.integers(12, 31, n), r.integers(2, 9, n)
        lem = np.minimum(r.zipf(1.3, int(nl.sum())), VOCAB).tolist()
        key = (-np.minimum(r.zipf(1.5, int(nk.sum())), KEYS)).tolist()
        nf = r.choice([0, 1, 1, 2, 2, 3], size=n)
        fr = r.choice(len(self.frames), size=(n, 3), p=self.frame_p).tolist()
        out = []
        a = b = 0
        for i in range(n):
            frames = list(dict.fromkeys(self.frames[j] for j in fr[i][: nf[i]]))
            out.append((lem[a:a + nl[i]], key[b:b + nk[i]], frames))
            a += nl[i]
            b += nk[i]
        return out

    def statement(self) -> tuple[list[int], list[int], list[str]]:
        return self.batch(1)[0]


def bench_lookup(n: int, lookups: int, seed: int) -> None:
    frames = [f.id for f in load_frames()]
    idx = EchoIndex(frames, ["RU", "BY", "XX"])
    syn = Synth(seed, frames)
    span = 3 * 365 * DAY
    t0 = time.perf_counter()
    times = np.sort(syn.rng.integers(0, span, n)) + START
    countries = syn.rng.choice(["RU", "BY", "XX"], size=n, p=[0.6, 0.3, 0.1])
    langs = syn.rng.choice(["en", "ru"], size=n)
    tl, cl, ll = times.tolist(), countries.tolist(), langs.tolist()
    for start in range(0, n, 50_000):
        for j, (lemmas, keys, fr) in enumerate(syn.batch(min(50_000, n - start))):
            i = start + j
            idx.add(tl[i], cl[i], ll[i], fr, lemmas, keys)
        if (start + 50_000) % 250_000 == 0:
            print(f"  built {start + 50_000:,} statements ({time.perf_counter() - t0:.0f} s)", flush=True)
    idx.refresh_norms()
    build = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lat, found, cands = [], 0, []
    for _ in range(lookups):
        lemmas, keys, fr = syn.statement()
        fr = fr or [frames[0]]
        when = START + int(syn.rng.integers(30 * DAY, span))
        s = time.perf_counter()
        hits = idx.lookup(when, 30 * DAY, str(syn.rng.choice(["en", "ru"])), fr, lemmas, keys, ["RU"],
                          min_score=0.10, limit=3)
        lat.append((time.perf_counter() - s) * 1000)
        found += bool(hits)
    lat.sort()
    _ = cands
    print(f"echo lookup, in-memory index: {n:,} stored statements (built in {build:.0f} s, peak RSS "
          f"{rss:,.0f} MB), {lookups} lookups: p50 {statistics.median(lat):.2f} ms, "
          f"p99 {lat[int(0.99 * (len(lat) - 1))]:.2f} ms, max {lat[-1]:.2f} ms; "
          f"{found / lookups:.0%} found an echo above 0.10")


def bench_db(n: int, lookups: int, seed: int) -> None:
    """The worker's path: rows in quote_narratives / quote_frames, `alerts.echoes._echoes_for`."""
    import os
    import tempfile

    from sqlalchemy import insert

    d = tempfile.mkdtemp(prefix="mouthpiece-bench-echo-")
    url = f"sqlite:///{d}/echo.sqlite"
    os.environ["DATABASE_URL"] = url
    from alerts.echoes import _echoes_for
    from config.narratives import load_narratives
    from storage.db import reset_engines, session_scope, upgrade
    from storage.models import Article, Quote, QuoteFrame, QuoteNarrative, Source

    reset_engines()
    upgrade(url)
    cfg = load_narratives()
    frames = [f.id for f in load_frames()]
    syn = Synth(seed, frames)
    rng = random.Random(seed)
    span = 120 * DAY
    base = datetime(2024, 1, 1, tzinfo=UTC)
    t0 = time.perf_counter()
    with session_scope(url) as s:
        s.add(Source(id="x", name="x", kind="state_media", country="RU", http_cache={}))
        s.flush()
        s.add(Article(id=1, source_id="x", canonical_url="u", url="u", title="", body="", content_hash="h"))
        s.flush()
        quotes, narr, qf = [], [], []
        for i in range(1, n + 1):
            lemmas_i, keys_i, fr = syn.statement()
            lemmas, keys = [f"w{x}" for x in lemmas_i], [f"c:k{-x}" for x in keys_i]
            quotes.append({"id": i, "article_id": 1, "text": "x", "type": "direct", "start": i, "end": i + 1,
                           "topics": [], "lang": "ru"})
            narr.append({"quote_id": i, "lang": rng.choice(["en", "ru"]), "speaker_key": "s",
                         "speaker_country": rng.choices(["RU", "BY", "XX"], [6, 3, 1])[0],
                         "spoken_at": base + timedelta(seconds=rng.randrange(span)), "frames":
                         [{"frame": f, "words": []} for f in fr], "lemmas": lemmas, "keys": keys, "length": 200})
            qf += [{"frame_id": f, "quote_id": i} for f in fr]
        s.execute(insert(Quote), quotes)
        s.execute(insert(QuoteNarrative), narr)
        s.execute(insert(QuoteFrame), qf)
    build = time.perf_counter() - t0
    lat = []
    with session_scope(url) as s:
        t0 = time.perf_counter()
        from alerts.echoes import _live, reset_live_index

        reset_live_index()
        _live(s, cfg)
        load = time.perf_counter() - t0
        for _ in range(lookups):
            lemmas_i, keys_i, fr = syn.statement()
            lemmas, keys = [f"w{x}" for x in lemmas_i], [f"c:k{-x}" for x in keys_i]
            row = QuoteNarrative(quote_id=0, lang="ru", speaker_key="b", speaker_country="BY",
                                 spoken_at=base + timedelta(seconds=rng.randrange(30 * DAY, span)),
                                 frames=[{"frame": f, "words": []} for f in (fr or [frames[0]])],
                                 lemmas=lemmas, keys=keys, length=200)
            st = time.perf_counter()
            _echoes_for(s, row, cfg)
            lat.append((time.perf_counter() - st) * 1000)
            s.expunge_all()
    lat.sort()
    print(f"echo lookup, the worker's path (alerts.echoes: the process's EchoIndex, loaded from SQLite in "
          f"{load:.1f} s, each hit checked against its row): {n:,} stored quotes (written in {build:.0f} s), "
          f"{lookups} lookups: p50 {statistics.median(lat):.1f} ms, p99 {lat[int(0.99 * (len(lat) - 1))]:.1f} ms")
    reset_engines()


def bench_tagging(rounds: int) -> None:
    from narratives import lemmas as lem

    gold = Path(__file__).resolve().parents[1] / "tests" / "data" / "narratives" / "frames_gold.yaml"
    # Blind splits being written or not yet measured are never tagged by a tool, not even for speed:
    # an item flagged with one of BLIND is skipped before its text is touched.
    items = [(it["text"], it["lang"]) for it in yaml.safe_load(gold.read_text(encoding="utf-8"))["items"]
             if "text" in it and not any(it.get(k) for k in BLIND)]
    tagger = configured_tagger()
    lem._LEMMA.clear()
    s = time.perf_counter()
    for text, lang in items:
        tagger.tag(text, lang)
    cold = len(items) / (time.perf_counter() - s)
    s = time.perf_counter()
    n = 0
    for _ in range(rounds):
        for text, lang in items:
            tagger.tag(text, lang)
            n += 1
    warm = n / (time.perf_counter() - s)
    print(f"frame tagging, one core: {warm:,.0f} quotes/s with a warm lemma cache ({n:,} quotes of "
          f"{len(items)} distinct texts, English and Russian); {cold:,.0f} quotes/s the first time each word "
          f"is seen (pymorphy3 / Snowball per new word)")
    ria = Path(__file__).resolve().parents[2] / "shared" / "data" / "ru-telegram" / "ria-novosti-2024-11-26--12-04.json"
    if not ria.is_file():
        ria = Path("/work/shared/data/ru-telegram/ria-novosti-2024-11-26--12-04.json")
    if ria.is_file():
        import json
        import re

        paras = [p.strip()[:2000] for post in json.loads(ria.read_text(encoding="utf-8"))
                 for p in re.split(r"\n\s*\n", post.get("text") or "") if p.strip()]
        for p in paras:  # warm the lemma cache, as a running worker has it
            tagger.tag(p, "ru")
        s = time.perf_counter()
        framed = 0
        for p in paras:
            framed += bool(tagger.tag(p, "ru"))
        rate = len(paras) / (time.perf_counter() - s)
        print(f"frame tagging, one core, RIA paragraphs: {rate:,.0f} quotes/s warm ({len(paras):,} paragraphs, "
              f"mean {sum(map(len, paras)) / len(paras):.0f} characters, {framed / len(paras):.0%} with a frame)")
        bench_worker_quotes(tagger, [post.get("text") or "" for post in json.loads(ria.read_text(encoding="utf-8"))])


def bench_worker_quotes(tagger: FrameTagger, posts: list[str]) -> None:
    """What the worker tags: each quote the extractor finds in a RIA post, in its sentence (alerts.echoes does
    this for every stored quote), with the tokens the worker has already made."""
    from narratives.frames import quote_frames, sentence_around
    from narratives.lemmas import tokens
    from quotes import extract

    work = []
    for body in posts:
        for q in extract(body, lang="ru"):
            around = sentence_around(body, q.start, q.end)
            work.append((q.text, around, tokens(q.text), tokens(around) if around else None))
    if not work:
        return
    for text, around, toks, around_toks in work:  # warm
        quote_frames(tagger, text, "ru", around, toks, around_toks)
    s = time.perf_counter()
    framed = 0
    for text, around, toks, around_toks in work:
        framed += bool(quote_frames(tagger, text, "ru", around, toks, around_toks))
    rate = len(work) / (time.perf_counter() - s)
    print(f"frame tagging, one core, the worker's path: {rate:,.0f} quotes/s warm ({len(work):,} quotes extracted "
          f"from {len(posts):,} RIA posts, each in its sentence, mean {sum(len(w[1] or w[0]) for w in work) / len(work):.0f} "
          f"characters, {framed / len(work):.0%} with a frame)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument("--db", type=int, default=20_000, help="quotes in the database-path bench (0: skip)")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    bench_tagging(a.rounds)
    if a.db:
        bench_db(a.db, min(a.lookups, 300), a.seed)
    bench_lookup(a.n, a.lookups, a.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
