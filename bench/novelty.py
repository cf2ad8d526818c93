"""Novelty lookup at scale: p50 / p99 with 1,000,000 stored quotes (target: p99 <= 10 ms).

    .venv/bin/python bench/novelty.py                 # 1,000,000 quotes, SQLite file in /tmp
    .venv/bin/python bench/novelty.py --n 100000 --lookups 500

Builds (once; `--rebuild` to redo) a SQLite database with the project's schema holding N
synthetic quotes by 50 speakers over 60 days: sentences drawn from a 6,000-word vocabulary,
5% of them reprints (a word or two changed) of an earlier quote. Every stored quote carries
its real MinHash signature (`alerts.novelty.signature`) and LSH bands, as extraction writes
them. Then it times what the pipeline does per new quote: the indexed LSH lookup plus ranking
(`alerts.novelty.candidates`), for queries that are half reprints of stored quotes and half
fresh text, and prints p50, p99, max, the share that found a near-duplicate, and memory
(peak RSS of this process, and the database file size).
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.novelty import THRESHOLD, band_hashes, candidates, pack, signature  # noqa: E402

SPEAKERS = [f"speaker{i:02d}" for i in range(50)]
VOCAB_SIZE = 6000


def _vocab(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(VOCAB_SIZE)]


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    n = rng.randint(12, 30)
    # Zipf-like: common words recur, as in real speech
    return " ".join(vocab[min(int(rng.paretovariate(1.1)) - 1, VOCAB_SIZE - 1) if rng.random() < 0.4
                          else rng.randrange(VOCAB_SIZE)] for _ in range(n))


def _reprint(rng: random.Random, text: str, vocab: list[str]) -> str:
    words = text.split()
    for _ in range(rng.randint(0, 2)):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    return " ".join(words)


def _sig_row(args: tuple[int, str, str]) -> tuple[int, bytes, list[int]]:
    qid, speaker, text = args
    sig = signature(text)
    return qid, pack(sig), list(dict.fromkeys(band_hashes(speaker, sig)))


def build(path: Path, n: int, seed: int = 7) -> None:
    from storage.db import upgrade

    if path.exists():
        path.unlink()
    upgrade(f"sqlite:///{path}")
    rng = random.Random(seed)
    vocab = _vocab(rng)
    con = sqlite3.connect(path)
    con.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000000;")
    con.execute("INSERT INTO sources (id, name, kind, country, enabled, interval_minutes, consecutive_failures,"
                " http_cache) VALUES ('bench', 'Bench', 'state_media', 'BY', 1, 60, 0, '{}')")
    con.executemany("INSERT INTO speakers (id, name, country) VALUES (?, ?, 'BY')", [(s, s) for s in SPEAKERS])
    n_articles = max(1, n // 100)
    now = datetime.now(UTC)
    con.executemany(
        "INSERT INTO articles (id, source_id, canonical_url, url, title, authors, first_seen_at, body, content_hash)"
        " VALUES (?, 'bench', ?, ?, '', '[]', ?, '', '')",
        [(i + 1, f"https://bench.example/{i}", f"https://bench.example/{i}",
          (now - timedelta(days=60) + timedelta(seconds=i * 5184000 / n_articles)).isoformat(" "))
         for i in range(n_articles)])
    con.commit()
    t0 = time.perf_counter()
    recent: list[tuple[str, str]] = []
    batch = 20_000
    with multiprocessing.Pool() as pool:
        for lo in range(0, n, batch):
            rows = []
            for qid in range(lo + 1, min(n, lo + batch) + 1):
                if recent and rng.random() < 0.05:
                    speaker, base = rng.choice(recent)
                    text = _reprint(rng, base, vocab)
                else:
                    speaker, text = rng.choice(SPEAKERS), _sentence(rng, vocab)
                    recent.append((speaker, text))
                    if len(recent) > 5000:
                        recent.pop(0)
                rows.append((qid, speaker, text))
            sigs = pool.map(_sig_row, rows, chunksize=500)
            created = [(now - timedelta(days=60) + timedelta(seconds=qid * 5184000 / n)).isoformat(" ")
                       for qid, _s, _t in rows]
            con.executemany(
                "INSERT INTO quotes (id, article_id, speaker_id, speaker_name, text, type, start, \"end\", topics,"
                " lang, cluster_id, created_at, minhash) VALUES (?, ?, ?, ?, ?, 'direct', ?, ?, '[]', 'en', ?, ?, ?)",
                [(qid, (qid - 1) // 100 + 1, sp, sp, text, qid, qid, qid, c, mh)
                 for (qid, sp, text), c, (_q, mh, _b) in zip(rows, created, sigs, strict=True)])
            con.executemany("INSERT INTO quote_bands (band_hash, quote_id) VALUES (?, ?)",
                            [(h, qid) for qid, _mh, bands in sigs for h in bands])
            con.commit()
            done = min(n, lo + batch)
            rate = done / (time.perf_counter() - t0)
            print(f"\rbuilt {done:,} / {n:,} quotes ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    con.execute("ANALYZE")
    con.commit()
    con.close()


def _count(path: Path) -> int:
    try:
        con = sqlite3.connect(path)
        n = int(con.execute("SELECT count(*) FROM quotes").fetchone()[0])
        con.close()
        return n
    except sqlite3.Error:
        return -1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="stored quotes")
    ap.add_argument("--lookups", type=int, default=2000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/mouthpiece-bench-novelty.sqlite"))
    ap.add_argument("--rebuild", action="store_true")
    a = ap.parse_args()

    if a.rebuild or _count(a.db) != a.n:
        t = time.perf_counter()
        build(a.db, a.n)
        print(f"build: {a.n:,} quotes in {time.perf_counter() - t:.0f}s", file=sys.stderr)

    from sqlalchemy import text as sql_text

    from storage.db import session_scope

    url = f"sqlite:///{a.db}"
    rng = random.Random(11)
    vocab = _vocab(random.Random(7))
    with session_scope(url) as s:
        ids = ",".join(str(rng.randint(a.n // 2 + 1, a.n)) for _ in range(a.lookups // 2))  # in the window
        stored = s.execute(sql_text(f"SELECT id, speaker_id, text FROM quotes WHERE id IN ({ids})")).all()
    queries = [(sp, _reprint(rng, t, vocab)) for _id, sp, t in stored]
    queries += [(rng.choice(SPEAKERS), _sentence(rng, vocab)) for _ in range(a.lookups - len(queries))]
    rng.shuffle(queries)
    sigs = []
    t_sig = time.perf_counter()
    for sp, t in queries:
        sigs.append((sp, signature(t)))
    sig_ms = (time.perf_counter() - t_sig) * 1000 / len(queries)

    since = datetime.now(UTC) - timedelta(days=30)
    times: list[float] = []
    hits = 0
    cands = 0
    with session_scope(url) as s:
        for sp, sig in sigs[:50]:  # warm the connection and the page cache a little
            candidates(s, sp, sig, since=since)
        for sp, sig in sigs:
            t0 = time.perf_counter()
            found = candidates(s, sp, sig, since=since)
            times.append((time.perf_counter() - t0) * 1000)
            cands += len(found)
            hits += bool(found and found[0].similarity >= THRESHOLD)
    times.sort()
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    db_mb = sum(p.stat().st_size for p in a.db.parent.glob(a.db.name + "*")) / 2**20
    print(f"stored quotes: {_count(a.db):,} (50 speakers, 60 days; SQLite {a.db})")
    print(f"lookups: {len(times)} (half reprints of quotes stored in the window, half fresh text), 30-day window")
    print(f"novelty lookup (indexed LSH bands + ranking): p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
          f"max {times[-1]:.2f} ms  [target p99 <= 10 ms: {'OK' if p99 <= 10 else 'MISSED'}]")
    print(f"signature (normalise + shingle + MinHash) per quote: {sig_ms:.2f} ms")
    print(f"near-duplicates found: {hits}/{len(times)}; candidates per lookup: {cands / len(times):.2f}")
    print(f"memory: peak RSS {rss_mb:.0f} MB (this process); database on disk {db_mb:.0f} MB")


if __name__ == "__main__":
    main()
