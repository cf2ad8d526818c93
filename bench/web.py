"""The web app on 1,000,000 quotes: search page p95 (target <= 150 ms server time) and a streamed
CSV export of 100,000 rows (target: peak RSS of the server < 300 MB).

    .venv/bin/python bench/web.py                           # SQLite file in /tmp, 1,000,000 quotes
    DATABASE_URL=postgresql://postgres@127.0.0.1/bench .venv/bin/python bench/web.py   # PostgreSQL too
    DATABASE_URL=... .venv/bin/python bench/web.py --no-sqlite                         # PostgreSQL only
    .venv/bin/python bench/web.py --n 100000 --requests 50  # smaller

Builds (once; `--rebuild` to redo) a database migrated to head holding N synthetic quotes in
N/5 articles from 12 sources over two years: 70% English, 30% Russian, words drawn Zipf-like
from a vocabulary of synthetic words plus real ones (NATO, forces, угроза, альянс...), speakers
Zipf-distributed over the leaders of leaders.yaml and 40 others, 0-2 topics each. Rows are
inserted in bulk, then indexed by the real `storage.search.index_quotes` (said_at, FTS5 of
stemmed terms / tsvector columns). Then it starts the real server (`mouthpiece web`, uvicorn)
on 127.0.0.1 and times, over HTTP, the Quotes page for speaker + topic + last 30 days, and for a
full-text word (common and rare words), printing p50 / p95 / max of the server's time (its
Server-Timing header) and of the whole request. Last, it streams `/quotes.csv?limit=100000` and
prints the rows, the bytes, the time and the server process's peak RSS (VmHWM) before and after.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from config.leaders import load_leaders  # noqa: E402
from storage.db import get_engine, normalise_url, upgrade  # noqa: E402
from storage.search import index_quotes  # noqa: E402

EN_REAL = ["nato", "alliance", "forces", "border", "borders", "threat", "threats", "sanctions", "army", "ukraine",
           "war", "peace", "security", "economy", "harvest", "west", "missiles", "exercises", "respond", "union"]
RU_REAL = ["нато", "альянс", "альянса", "угроза", "угрозы", "граница", "границы", "войска", "санкции", "армия",
           "украина", "война", "мир", "безопасность", "экономика", "урожай", "запад", "ракеты", "учения"]
TOPICS = ["NATO", "Ukraine", "economy", "sanctions", "elections", "energy"]
SOURCES = [f"src{i:02d}" for i in range(12)]
SPAN_DAYS = 730


def _vocab(rng: random.Random, letters: str, n: int) -> list[str]:
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(n)]


def _text(rng: random.Random, vocab: list[str], real: list[str]) -> str:
    words = []
    for _ in range(rng.randint(10, 28)):
        if rng.random() < 0.06:
            words.append(rng.choice(real))
        else:
            words.append(vocab[min(int(rng.paretovariate(1.05)) - 1, len(vocab) - 1) if rng.random() < 0.4
                               else rng.randrange(len(vocab))])
    return " ".join(words).capitalize()


def build(url: str, n: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    upgrade(url)
    engine = get_engine(url)
    leaders = load_leaders()
    speakers = [(ld.id, ld.name, ld.country) for ld in leaders] + [
        (f"other{i:02d}", f"Other Speaker {i}", rng.choice(["BY", "RU", "UA"])) for i in range(40)]
    # Zipf over speakers, Lukashenko first (he is who the analyst asks about)
    order = sorted(speakers, key=lambda s: s[0] != "lukashenko")
    weights = [1 / (i + 1) for i in range(len(order))]
    en_vocab = _vocab(rng, "abcdefghijklmnopqrstuvwxyz", 8000)
    ru_vocab = _vocab(rng, "абвгдежзийклмнопрстуфхцчшщыэюя", 8000)
    now = datetime.now(UTC)
    n_art = max(1, n // 5)
    sqlite = url.startswith("sqlite")

    def ts(d: datetime) -> Any:  # as SQLAlchemy stores a datetime on SQLite (naive UTC text)
        return d.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else d

    started = time.perf_counter()
    with engine.begin() as c:
        for sid in SOURCES:
            c.execute(sa.text("INSERT INTO sources (id, name, kind, country, enabled, interval_minutes, "
                              "consecutive_failures, http_cache) VALUES (:id, :id, 'state_media', 'BY', true, 30, 0, "
                              "'{}')"), {"id": sid})
        c.execute(sa.text("INSERT INTO speakers (id, name, country) VALUES (:id, :name, :country)"),
                  [{"id": a, "name": b, "country": cc} for a, b, cc in speakers])
    art_time: list[datetime] = []
    batch: list[dict[str, Any]] = []
    with engine.begin() as c:
        for i in range(1, n_art + 1):
            when = now - timedelta(seconds=rng.uniform(0, SPAN_DAYS * 86400))
            art_time.append(when)
            batch.append({"id": i, "s": rng.choice(SOURCES), "u": f"https://bench.example/{i}", "t": f"Article {i} "
                          + " ".join(rng.choice(EN_REAL) for _ in range(4)), "p": ts(when), "b": "", "h": f"{i:x}"})
            if len(batch) == 5000 or i == n_art:
                c.execute(sa.text("INSERT INTO articles (id, source_id, canonical_url, url, title, authors, "
                                  "published_at, first_seen_at, body, content_hash) VALUES (:id, :s, :u, :u, :t, "
                                  "'[]', :p, :p, :b, :h)"), batch)
                batch = []
    print(f"  {n_art:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with engine.begin() as c:
        for qid in range(1, n + 1):
            art = rng.randint(1, n_art)
            ru = rng.random() < 0.3
            sid = rng.choices(order, weights)[0]
            topics = rng.sample(TOPICS, rng.choice([0, 1, 1, 2]))
            batch.append({"id": qid, "a": art, "sid": sid[0], "sn": sid[1],
                          "t": _text(rng, ru_vocab, RU_REAL) if ru else _text(rng, en_vocab, EN_REAL),
                          "ty": rng.choice(["direct", "direct", "indirect", "mixed"]), "st": qid, "en": qid + 1,
                          "tp": "[" + ", ".join(f'"{t}"' for t in topics) + "]", "l": "ru" if ru else "en",
                          "cl": qid if rng.random() < 0.9 else max(1, qid - rng.randint(1, 50)),
                          "c": ts(art_time[art - 1])})
            if len(batch) == 10000 or qid == n:
                c.execute(sa.text('INSERT INTO quotes (id, article_id, speaker_id, speaker_name, text, type, start, '
                                  '"end", topics, lang, cluster_id, created_at) VALUES (:id, :a, :sid, :sn, :t, :ty, '
                                  ':st, :en, :tp, :l, :cl, :c)'), batch)
                batch = []
    print(f"  {n:,} quotes in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    step = 20_000
    for lo in range(1, n + 1, step):
        with engine.begin() as c:
            index_quotes(c, range(lo, min(n, lo + step - 1) + 1))
        if (lo // step) % 10 == 0:
            print(f"  indexed {min(n, lo + step - 1):,} ({time.perf_counter() - started:.0f} s)", flush=True)
    with engine.begin() as c:
        if c.dialect.name == "sqlite":
            c.execute(sa.text("ANALYZE"))
            c.execute(sa.text("INSERT INTO quotes_fts(quotes_fts) VALUES ('optimize')"))
    if engine.dialect.name == "postgresql":
        # what autovacuum does on a deployed server (it is off on this test machine's): without it
        # the million index UPDATEs leave every row's old version for each scan to step over
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(sa.text("VACUUM ANALYZE"))
    print(f"  indexed in {time.perf_counter() - started:.0f} s", flush=True)


def _count(url: str) -> int:
    try:
        with get_engine(url).connect() as c:
            return int(c.scalar(sa.text("SELECT count(*) FROM quotes")) or 0)
    except sa.exc.SQLAlchemyError:
        return 0


def _vm(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def measure(url: str, requests: int, export_rows: int) -> dict[str, Any]:
    port = 18000 + os.getpid() % 1000
    data = Path(tempfile.mkdtemp(prefix="mouthpiece-bench-web-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOUTHPIECE_")}
    env.update(DATABASE_URL=url, MOUTHPIECE_DATA_DIR=str(data))
    log = (data / "web.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mouthpiece.cli", "web", "--port", str(port)], env=env, cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + 120
        while "serving on http" not in (data / "web.log").read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start:\n" + (data / "web.log").read_text())
            time.sleep(0.3)
        with httpx.Client(base_url=base, timeout=120) as client:
            client.get("/quotes")  # warm up: imports, templates, first connection
            rng = random.Random(7)
            speakers = ["lukashenko", "putin", "khrenin", "medvedev", "lavrov"]
            cases = {
                "speaker + topic + 30 days": lambda i: {"speaker": speakers[i % len(speakers)],
                                                        "topic": TOPICS[i % 2], "since": "30d"},
                "full text, a common word (nato)": lambda i: {"q": "NATO"},
                "full text, a rarer word (угрозы)": lambda i: {"q": "угрозы"},
                "full text, two words (army border)": lambda i: {"q": "army border"},
            }
            for name, params in cases.items():
                server, total = [], []
                matched = ""
                for i in range(requests):
                    p = params(i)
                    if rng.random() < 0.2:
                        p["page"] = str(rng.randint(2, 3))
                    t0 = time.perf_counter()
                    r = client.get("/quotes", params=p)
                    total.append((time.perf_counter() - t0) * 1000)
                    r.raise_for_status()
                    m = re.search(r"dur=([\d.]+)", r.headers.get("server-timing", ""))
                    server.append(float(m.group(1)) if m else float("nan"))
                    if not matched:
                        mm = re.search(r"of ([\d,+]+) quotes", r.text)
                        matched = mm.group(1) if mm else "0"
                out[name] = (server, total, matched)
            rss_before = _vm(proc.pid, "VmRSS")
            t0 = time.perf_counter()
            rows = size = 0
            with client.stream("GET", "/quotes.csv", params={"limit": str(export_rows)}) as r:
                r.raise_for_status()
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    rows += chunk.count(b"\n")
            out["export"] = {"rows": rows - 1, "bytes": size, "seconds": time.perf_counter() - t0,
                             "rss_before": rss_before, "peak": _vm(proc.pid, "VmHWM")}
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()
    return out


def report(label: str, n: int, res: dict[str, Any], requests: int) -> None:
    print(f"\n{label}: {n:,} quotes, {requests} requests per case (server time from Server-Timing; "
          "total = over HTTP)")
    print(f"  {'case':38} {'matches':>9} {'p50':>8} {'p95':>8} {'max':>8} {'total p95':>10}")
    for name, value in res.items():
        if name == "export":
            continue
        server, total, matched = value
        print(f"  {name:38} {matched:>9} {statistics.median(server):7.1f}ms {_pct(server, 95):7.1f}ms "
              f"{max(server):7.1f}ms {_pct(total, 95):9.1f}ms")
    e = res["export"]
    print(f"  CSV export: {e['rows']:,} rows, {e['bytes'] / 1e6:.1f} MB in {e['seconds']:.1f} s "
          f"({e['rows'] / e['seconds']:,.0f} rows/s); server RSS {e['rss_before']:.0f} MB before, "
          f"peak {e['peak']:.0f} MB (target < 300 MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--export", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "mouthpiece-bench-web.sqlite")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true", help="PostgreSQL (DATABASE_URL) only")
    args = ap.parse_args()
    targets = [] if args.no_sqlite else [("SQLite", f"sqlite:///{args.db}")]
    if os.environ.get("DATABASE_URL"):
        targets.append(("PostgreSQL", normalise_url(os.environ["DATABASE_URL"])))
    for label, url in targets:
        have = _count(url)
        if args.rebuild or have != args.n:
            if have:
                if url.startswith("sqlite"):
                    args.db.unlink(missing_ok=True)
                else:
                    with get_engine(url).begin() as c:
                        c.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                    from storage.db import reset_engines

                    reset_engines()
            print(f"{label}: building {args.n:,} quotes ...", flush=True)
            build(url, args.n)
        report(label, args.n, measure(url, args.requests, args.export), args.requests)


if __name__ == "__main__":
    main()
