"""Ingest benchmark: fixture articles through the whole pipeline, as it is deployed.

    .venv/bin/python bench/ingest.py [--articles 10000] [--latency-articles 300] [--sources 4]
                                     [--embedded] [--extract-workers N]

A short run that still gives every figure: `--articles 1000 --latency-articles 150` (a few
minutes).

A local fixture site publishes the articles into the feeds of several sources; beat schedules
every few seconds with a one-minute poll interval per source. Two layouts:

  Redis + PostgreSQL (default; --database, --redis): the production layout of
               docker-compose.yml in miniature: a crawl worker (two crawls at a time, each in a
               child process: `--crawl-workers`) and an extraction worker with one pool process
               per core (`--extract-workers`, default the machine's cores), and beat
  --embedded   `mouthpiece run` exactly as `make run` starts it: SQLite storage and broker in a
               fresh data dir, one worker (both queues, its default concurrency unless
               `--extract-workers`) with beat embedded

With Redis + PostgreSQL, beat starts at the moment the bulk is published (the workers a few
seconds before), so its first crawls find the bulk whatever the timing; with --embedded, beat
starts with the worker, and a source whose empty feed was crawled just before the publication
gets its share a poll interval (a minute) later.

First most articles appear at once; then the rest trickle in a few at a time. The headline, at
the end:

  end to end   articles extracted per second, from the moment the bulk is published in the
               feeds to the last article extracted (quotes stored, rules evaluated) and every
               alert sent: what an analyst waits for
  crawl rate   articles stored per second of crawling (the crawler alone, process start
               included), which bounds nothing by itself: extraction is the slow part
  latency      p50 and p95 from an article's appearance in its feed to its alert being sent,
               in the trickle phase (target p95 <= 75 s with a one-minute poll)

It also prints each worker's peak memory and whether memory grows (worker RSS, first against
last third).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scratch import ScratchDatabase  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from mouthpiece.sites import FixtureSite  # noqa: E402

SPEAKERS = [  # (intro, attribution) pairs: Belarusian, Russian and unregistered speakers
    ("Belarusian President Alexander Lukashenko", "the head of state said"),
    ("Defence Minister Viktor Khrenin", "Viktor Khrenin said"),
    ("Security Council State Secretary Alexander Volfovich", "Alexander Volfovich stressed"),
    ("Russian President Vladimir Putin", "Vladimir Putin said"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov told reporters"),
    ("Agriculture Minister Yuri Gorlov", "Yuri Gorlov said"),
]
TOPICS = ["NATO is moving its forces closer to our western border", "the war in Ukraine must end with talks",
          "the harvest in the Gomel region was better than expected", "new factories will open next spring",
          "the Alliance keeps building up its presence in Poland", "Kyiv has refused every offer of dialogue"]
WORDS = ("region district plant harvest border army exercise talks union treaty budget market export "
         "school hospital road railway energy grain milk tractor bridge council delegation").split()


def article_html(i: int, rng: random.Random) -> tuple[str, str]:
    intro, attribution = rng.choice(SPEAKERS)
    slug = f"news-{i}"
    paras = [f"<p>MINSK, {i % 28 + 1} November (Bench Herald) – {intro} held a meeting on {rng.choice(WORDS)} "
             f"issues in {rng.choice(WORDS)} number {i}.</p>"]
    for k in range(rng.randint(1, 3)):
        claim = rng.choice(TOPICS)
        detail = " ".join(rng.choice(WORDS) for _ in range(12))
        paras.append(f"<p>“{claim.capitalize()}, and statement {i}-{k} about {detail} will not change "
                     f"that,” {attribution}.</p>")
        paras.append(f"<p>The meeting also discussed {' '.join(rng.choice(WORDS) for _ in range(40))}.</p>")
    title = f"{intro}: statement {i}"
    html = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<link rel=\"canonical\" href=\"{{{{BASE}}}}/a/{slug}.html\">"
            f"<meta name=\"mediator_published_time\" content=\"2026-11-26T10:00:00+03:00\"></head><body>"
            f"<nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1><div class=\"article-body\">"
            f"{''.join(paras)}</div></article><footer>© Bench Herald</footer></body></html>")
    return slug, html


def write_feed(root: Path, source: int, items: list[tuple[str, str]]) -> None:
    entries = "".join(f"<item><title>{t}</title><link>{{{{BASE}}}}/a/{slug}.html</link><guid>{slug}</guid>"
                      f"<pubDate>{format_datetime(datetime.now(UTC))}</pubDate></item>" for slug, t in items)
    tmp = root / f"feed{source}.xml.tmp"
    tmp.write_text(f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench {source}</title>"
                   f"{entries}</channel></rss>")
    tmp.replace(root / f"feed{source}.xml")


def rss_kb(pid: int) -> int:
    """Resident memory of a process and its children (the prefork pool), in KiB."""
    total = 0
    pids = [pid]
    try:
        kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(k) for k in kids]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def tree_cpu(pid: int) -> float:
    """CPU seconds used by a process and its descendants: the live ones, and those that ended
    and were waited for (a crawl's child process counts once its pool process has reaped it)."""
    total, todo = 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
            todo += [int(k) for k in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError, IndexError):
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--sources", type=int, default=4)
    ap.add_argument("--latency-articles", type=int, default=300,
                    help="articles published a few at a time after the bulk, for feed-to-alert latency")
    ap.add_argument("--batch", type=int, default=10, help="articles per batch in the latency phase")
    ap.add_argument("--every", type=float, default=7.0, help="mean seconds between latency batches")
    ap.add_argument("--embedded", action="store_true",
                    help="`mouthpiece run` with SQLite storage and broker (the default setup)")
    ap.add_argument("--extract-workers", type=int, default=None,
                    help="pool processes that extract (default: one per core; --embedded: mouthpiece "
                         "run's default)")
    ap.add_argument("--crawl-workers", type=int, default=2,
                    help="crawls at once (Redis + PostgreSQL; docker-compose.yml's worker-crawl runs 2)")
    ap.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/test",
                    help="a PostgreSQL server (a fresh database is made on it)")
    ap.add_argument("--redis", default=None,
                    help="a Redis database for the broker (default: one claimed as the tests claim theirs)")
    a = ap.parse_args()


    from storage.db import reset_engines, session_scope, upgrade

    work = Path(tempfile.mkdtemp(prefix="mouthpiece-ingest-"))
    site = work / "site"
    (site / "a").mkdir(parents=True)
    rng = random.Random(7)
    slugs: list[tuple[str, str]] = []
    for i in range(a.articles):
        slug, html = article_html(i, rng)
        (site / "a" / f"{slug}.html").write_text(html)
        slugs.append((slug, f"statement {i}"))
    for s in range(a.sources):
        write_feed(site, s, [])
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")

    scratch: ScratchDatabase | None = None
    if a.embedded:
        db_url = f"sqlite:///{work / 'data' / 'mouthpiece.sqlite'}"
    else:
        scratch = ScratchDatabase(a.database, "mp_bench")
        db_url = scratch.url
        if a.redis is None:
            # a database of its own among those the tests claim (tests/support/services.py):
            # never flush a queue another checkout's tests are using
            from tests.support.services import fresh_redis_url

            a.redis = fresh_redis_url(hold=7200)
        else:
            import redis as redislib

            redislib.Redis.from_url(a.redis).flushdb()
    procs: list[subprocess.Popen[bytes]] = []
    cores = os.cpu_count() or 2
    # stopped early (Ctrl-C, a timeout's SIGTERM): the workers and the database go all the same
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with FixtureSite(site) as fx:
            cfg = work / "config"
            cfg.mkdir()
            (cfg / "sources.yaml").write_text("sources:\n" + "".join(
                f"  - {{id: bench{s}, name: Bench {s}, kind: state_media, country: BY, languages: [en], "
                f"discovery: [{{type: feed, url: '{fx.base}/feed{s}.xml'}}], interval_minutes: 1, "
                f"download_delay: 0, concurrency: 8, autothrottle: false, allow_private: true}}\n" for s in range(a.sources)))
            env = {**os.environ, "MOUTHPIECE_CONFIG_DIR": str(cfg),
                   "MOUTHPIECE_DATA_DIR": str(work / "data"), "MOUTHPIECE_GROUP_WAIT": "0",
                   "MOUTHPIECE_SCHEDULE_EVERY": "5", "MOUTHPIECE_SWEEP_EVERY": "5", "MOUTHPIECE_METRICS_PORT": "0",
                   "MOUTHPIECE_LOG_FORMAT": "text"}
            for k in ("SMTP_URL", "SLACK_WEBHOOK_URL", "APPRISE_URLS", "DATABASE_URL", "BROKER_URL"):
                env.pop(k, None)
            if not a.embedded:
                env.update({"DATABASE_URL": db_url, "BROKER_URL": a.redis})
            os.environ.update({k: env[k] for k in ("MOUTHPIECE_CONFIG_DIR", "MOUTHPIECE_DATA_DIR")})
            os.environ.pop("DATABASE_URL", None)
            os.environ.pop("BROKER_URL", None)
            reset_engines()
            upgrade(db_url)
            logs = work / "logs"
            logs.mkdir()
            if a.embedded:
                # `make run`: one worker, both queues, beat embedded, SQLite broker
                cmd = [str(Path(sys.executable).parent / "mouthpiece"), "run", "--loglevel", "WARNING"]
                if a.extract_workers:
                    cmd += ["--concurrency", str(a.extract_workers)]
                procs.append(subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=open(logs / "worker0.log", "wb"),
                                              stderr=subprocess.STDOUT))
                layout = f"mouthpiece run (SQLite), concurrency {a.extract_workers or 'default'}"
            else:
                # docker-compose.yml's layout: crawls never starve the extraction queue, and the
                # extraction worker has a pool process per core
                n = a.extract_workers or cores
                for w, (queues, conc) in enumerate((("crawl", a.crawl_workers), ("default", n))):
                    procs.append(subprocess.Popen(
                        [sys.executable, "-m", "celery", "-A", "tasks.app", "worker", "-Q", queues,
                         "--concurrency", str(conc), "--loglevel", "WARNING", "--hostname", f"bench{w}@%h"],
                        env=env, cwd=ROOT, stdout=open(logs / f"worker{w}.log", "wb"), stderr=subprocess.STDOUT))
                layout = (f"Redis + PostgreSQL, a crawl worker of {a.crawl_workers} processes and an extraction "
                      f"worker of {n}")
            workers = procs[:1] if a.embedded else procs[:2]
            print(f"layout: {layout}; {cores} cores")
            time.sleep(5)

            from storage.models import Alert, Article, CrawlRun, Delivery, Quote

            appeared: dict[str, float] = {}
            feeds: dict[int, list[tuple[str, str]]] = {s: [] for s in range(a.sources)}
            samples: list[tuple[float, list[int]]] = []

            def publish(batch: list[tuple[str, str]]) -> None:
                now = time.time()
                for item in batch:
                    n = sum(len(v) for v in feeds.values())
                    feeds[n % a.sources].append(item)
                    appeared[f"{fx.base}/a/{item[0]}.html"] = now
                for s in range(a.sources):
                    write_feed(site, s, feeds[s])

            def progress() -> tuple[int, int]:
                with session_scope(db_url) as s:
                    extracted = s.scalar(select(func.count()).select_from(Article)
                                         .where(Article.extracted_hash == Article.content_hash)) or 0
                    pending = s.scalar(select(func.count()).select_from(Delivery)
                                       .where(Delivery.status.in_(["pending", "retry", "sending"]))) or 0
                return extracted, pending

            def wait_until(target: int, t0: float, label: str) -> float:
                """Poll until `target` articles are extracted and no delivery is pending; returns the
                time the last one was seen extracted (polled every half second near the end)."""
                extracted_at = 0.0
                while True:
                    now = time.time()
                    samples.append((now - t0, [rss_kb(p.pid) for p in workers]))
                    extracted, pending = progress()
                    if extracted >= target and not extracted_at:
                        extracted_at = now
                    print(f"\r{label}: {now - t0:6.0f}s extracted {extracted:6d}/{target} deliveries pending "
                          f"{pending:4d}", end="", flush=True)
                    if extracted >= target and pending == 0:
                        print()
                        return extracted_at
                    if now - t0 > 3600:
                        raise SystemExit("\nstopped after an hour")
                    time.sleep(0.5 if extracted >= target * 0.95 else 2)

            # 1. throughput: most articles at once, a backlog the workers drain as fast as they can
            bulk = slugs[: a.articles - a.latency_articles]
            t0 = time.time()
            cpu0s = [tree_cpu(p.pid) for p in procs]
            print(f"throughput phase: {len(bulk)} articles published at once in {a.sources} feeds at {fx.base}")
            publish(bulk)
            if not a.embedded:
                # beat from the publication on: its first crawls then find the bulk. Started with
                # the workers, it could crawl a source's empty feed just before the publication
                # (a crawl starts within a second of its task), and that source's articles waited
                # for its next poll a minute later, which is poll phase, not throughput (the
                # latency phase measures that). Its start-up is inside the measured time.
                procs.append(subprocess.Popen([sys.executable, "-m", "celery", "-A", "tasks.app", "beat",
                                               "--loglevel", "WARNING", "--schedule", str(work / "beat.schedule")],
                                              env=env, cwd=ROOT, stdout=open(logs / "beat.log", "wb"),
                                              stderr=subprocess.STDOUT))
                cpu0s.append(0.0)
            last_extracted = wait_until(len(bulk), t0, "throughput")
            # the service's own CPU for the bulk (crawls, extraction, deliveries, beat; not the
            # database server's): what the figure costs, whatever else the machine was running
            cpu_each = [tree_cpu(p.pid) - c for p, c in zip(procs, cpu0s, strict=True)]
            cpu_bulk = sum(cpu_each)
            done = time.time()
            with session_scope(db_url) as s:
                first_seen = s.scalar(select(func.min(Article.first_seen_at)))
                last_seen = s.scalar(select(func.max(Article.first_seen_at)))
            end_to_end = len(bulk) / max(last_extracted - t0, 1e-9)
            stored_span = (last_seen - first_seen).total_seconds()
            latency_from = time.time()

            # 2. latency: the rest trickle in, a few at a time at moments unrelated to the poll
            rest = slugs[len(bulk):]
            t1 = time.time()
            print(f"latency phase: {len(rest)} articles in batches of {a.batch} every ~{a.every:g} s")
            for i in range(0, len(rest), a.batch):
                publish(rest[i:i + a.batch])
                time.sleep(a.every * rng.uniform(0.5, 1.5))
                samples.append((time.time() - t0, [rss_kb(p.pid) for p in workers]))
            wait_until(a.articles, t1, "latency")

            with session_scope(db_url) as s:
                rows = s.execute(select(Article.canonical_url, Delivery.sent_at).join(Quote, Quote.article_id == Article.id)
                                 .join(Alert, Alert.quote_id == Quote.id).join(Delivery, Delivery.alert_id == Alert.id)
                                 .where(Delivery.sent_at.is_not(None))).all()
                n_alerts = s.scalar(select(func.count()).select_from(Alert)) or 0
                runs = [(r.finished_at - r.started_at).total_seconds() for r in s.scalars(
                    select(CrawlRun).where(CrawlRun.finished_at.is_not(None), CrawlRun.articles_new > 0))]
                crawled = s.scalar(select(func.sum(CrawlRun.articles_new))) or 0
                n_quotes = s.scalar(select(func.count()).select_from(Quote)) or 0
            lat = sorted(sent.timestamp() - appeared[url] for url, sent in rows
                         if url in appeared and appeared[url] >= latency_from)
            print(f"articles: {a.articles}, quotes: {n_quotes}, alerts: {n_alerts}")
            print("== headline ==")
            print(f"end to end: {end_to_end:.1f} articles/s ({len(bulk)} articles from their publication in the "
                  f"feeds to the last one extracted in {last_extracted - t0:.0f} s; every "
                  f"alert sent {done - t0:.0f} s after publication; target >= 20)")
            print(f"service CPU: {cpu_bulk / max(len(bulk), 1) * 1000:.0f} ms per article in the bulk "
                  f"({cpu_bulk:.0f} s over {last_extracted - t0:.0f} s on {cores} cores; the database server's not "
                  f"counted): at most {cores * len(bulk) / max(cpu_bulk, 1e-9):.0f} articles/s if it had every core")
            names = ["mouthpiece run"] if a.embedded else ["crawl worker", "extraction worker", "beat"]
            print("  by process: " + ", ".join(f"{n} {c / max(len(bulk), 1) * 1000:.0f} ms"
                                             for n, c in zip(names, cpu_each, strict=True)))
            if runs:
                print(f"crawl rate: {crawled / max(sum(runs), 1e-9):.1f} articles/s while crawling ({len(runs)} crawls "
                      f"that found new articles, {sum(runs):.0f} s in all, process start included); the bulk was "
                      f"stored over {stored_span:.0f} s")
            if lat:
                p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
                print(f"feed -> alert sent: p50 {statistics.median(lat):.1f} s, p95 {p95:.1f} s "
                      f"(poll interval 60 s; target p95 <= 75 s) over {len(lat)} alerts")
            for w in range(len(workers)):
                series = [kb[w] for _, kb in samples if kb[w]]
                third = max(1, len(series) // 3)
                # the models load lazily on a worker's first tasks: compare the warm middle with the end
                middle, last = statistics.mean(series[third:2 * third] or series), statistics.mean(series[-third:])
                print(f"worker {w}: peak RSS {max(series) / 1024:.0f} MiB; mean RSS middle third "
                      f"{middle / 1024:.0f} MiB, last third {last / 1024:.0f} MiB "
                      f"({'grows' if last > middle * 1.2 else 'stable'})")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        reset_engines()
        if scratch is not None:
            scratch.drop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
