"""Where an extraction worker's time goes: the worker path in one process, no broker round trips.

    .venv/bin/python bench/worker.py [--articles 300] [--database sqlite|postgresql+psycopg://...]
                                     [--profile out.prof] [--retag]

Stores `--articles` bench articles (bench/ingest.py's generator, parsed by the crawler's own
`extract_article`) with `upsert_article`, then runs the `extract_quotes` task body for each
(extraction, quotes, clustering, narratives, rules, alert rows), as a worker does. Prints time
and SQL statements per article for both steps, and with `--profile` writes a cProfile of the
extraction step (`python -m pstats FILE`, or snakeviz). The first articles pay for loading the
models: they are extracted before the clock starts. `--retag` then times `mouthpiece quotes retag`
over the whole store (its frames pass and its echoes pass).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import ScratchDatabase  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/test",
                    help="a PostgreSQL server URL (a fresh database is made on it) or 'sqlite'")
    ap.add_argument("--profile", help="write a cProfile of the extraction step here")
    ap.add_argument("--top", type=int, default=25, help="statements shown, most frequent first")
    ap.add_argument("--retag", action="store_true", help="also time `mouthpiece quotes retag` over the store")
    a = ap.parse_args()

    import sqlalchemy as sa
    from ingest import article_html  # bench/ingest.py
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    work = Path(tempfile.mkdtemp(prefix="mouthpiece-worker-"))
    cfg = work / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text("sources:\n" + "".join(
        f"  - {{id: bench{s}, name: Bench {s}, kind: state_media, country: BY, languages: [en], "
        f"discovery: [{{type: feed, url: 'http://127.0.0.1:9/feed{s}.xml'}}], allow_private: true}}\n"
        for s in range(4)))
    scratch: ScratchDatabase | None = None
    if a.database == "sqlite":
        db_url = f"sqlite:///{work / 'mouthpiece.db'}"
    else:
        scratch = ScratchDatabase(a.database, "mp_worker")
        db_url = scratch.url
    os.environ.update({"DATABASE_URL": db_url, "MOUTHPIECE_CONFIG_DIR": str(cfg), "MOUTHPIECE_DATA_DIR": str(work),
                       "MOUTHPIECE_GROUP_WAIT": "60", "BROKER_URL": "memory://"})
    for k in ("SMTP_URL", "SLACK_WEBHOOK_URL", "APPRISE_URLS"):
        os.environ.pop(k, None)

    from config.sources import load_sources
    from crawlers.article import extract_article
    from storage.articles import upsert_article
    from storage.db import reset_engines, session_scope, upgrade
    from storage.sources import sync_sources
    from tasks.pipeline import extract_quotes

    reset_engines()
    upgrade(db_url)
    with session_scope() as s:
        sync_sources(s, load_sources())

    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(" ".join(statement.split())[:100])

    rng = random.Random(7)
    total = a.articles + a.warmup
    pages = []
    for i in range(total):
        slug, html = article_html(i, rng)
        url = f"http://127.0.0.1:9/a/{slug}.html"
        pages.append((i % 4, url, html.replace("{{BASE}}", "http://127.0.0.1:9")))

    event.listen(Engine, "before_cursor_execute", count)
    ids = []
    t = time.perf_counter()
    for src, url, html in pages:
        art = extract_article(html, url=url)
        with session_scope() as s:
            r = upsert_article(s, source_id=f"bench{src}", canonical_url=art.canonical_url or url, urls=[url],
                               title=art.title, body=art.body, published_at=art.published_at,
                               modified_at=art.modified_at, authors=list(art.authors), lang=art.lang or "en")
        ids.append(r.article_id)
    store_s = time.perf_counter() - t
    stored = len(seen)
    seen.clear()

    for aid in ids[: a.warmup]:
        extract_quotes.run(aid)
    seen.clear()
    # CPU time, not wall time: what the process computes, whatever else runs on the machine
    prof = cProfile.Profile(time.process_time) if a.profile else None
    t, cpu = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    for aid in ids[a.warmup:]:
        extract_quotes.run(aid)
    if prof:
        prof.disable()
        prof.dump_stats(a.profile)
    extract_s, extract_cpu = time.perf_counter() - t, time.process_time() - cpu
    event.remove(Engine, "before_cursor_execute", count)

    from sqlalchemy import func, select

    from storage.models import Alert, Quote

    with session_scope() as s:
        quotes = s.scalar(select(func.count()).select_from(Quote))
        alerts = s.scalar(select(func.count()).select_from(Alert))
    n = a.articles
    print(f"database: {sa.make_url(db_url).get_backend_name()}; {n} articles timed after {a.warmup} warm-up ones; "
          f"{quotes} quotes, {alerts} alerts in all")
    print(f"parse + store: {store_s / total * 1000:.1f} ms and {stored / total:.1f} statements per article")
    print(f"extract task:  {extract_s / n * 1000:.1f} ms ({extract_cpu / n * 1000:.1f} ms of this process's CPU) "
          f"and {len(seen) / n:.1f} statements per article "
          f"({n / extract_s:.1f} articles/s in one process)")
    kinds = Counter(seen)
    for stmt, k in kinds.most_common(a.top):
        print(f"  {k / n:6.2f}  {stmt}")
    if a.retag:
        from alerts.retag import retag

        cpu = time.process_time()
        res = retag()
        cpu = time.process_time() - cpu
        print(f"retag: {res.articles} articles, {res.quotes} quotes in {res.seconds:.1f} s "
              f"({res.articles / res.seconds:.1f} articles/s, {cpu / max(res.articles, 1) * 1000:.1f} ms CPU per "
              f"article); quotes with a frame {res.before.framed} -> {res.after.framed}, "
              f"echoes {res.before.echoes} -> {res.after.echoes}")
    reset_engines()
    if scratch is not None:
        scratch.drop()


if __name__ == "__main__":
    main()
