"""`mouthpiece demo`: one full cycle against the project's own fixture site, on this machine.

It serves tests/sites/demo (a news site, with a Kremlin-style section under /kremlin/ whose
statement a later Belarusian one echoes) and tests/sites/demo_channel (a Telegram channel's t.me/s
preview, mouthpiece/telegram_site.py) on 127.0.0.1, points three demo sources at them, runs
crawl -> extract -> echoes -> alerts -> delivery through the same task code the worker runs, and
prints what it found."""
from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from mouthpiece.sites import SITES_DIR, FixtureSite

DEMO_SOURCE = """sources:
  - id: demo
    name: Minsk Herald (demo fixture site)
    kind: state_media
    country: BY
    languages: [en]
    discovery:
      - type: feed
        url: {base}/feed.xml
    interval_minutes: {interval}
    download_delay: 0
    allow_private: true
"""
# Posts at https://t.me/demo_pool/<id>, read from the preview served at `tg`
DEMO_CHANNEL = """  - id: demo_channel
    name: Пул Минского вестника (demo Telegram channel)
    kind: telegram
    channel: demo_pool
    preview_url: {tg}/s/demo_pool
    country: BY
    languages: [ru]
    speaks_for: lukashenko
    interval_minutes: {interval}
    download_delay: 0
    allow_private: true
"""
# the Kremlin-style site of the demo: the statement the later Belarusian one echoes
KREMLIN_SOURCE = """  - id: demo_kremlin
    name: President of Russia (demo fixture site)
    kind: state_media
    country: RU
    languages: [en]
    discovery:
      - type: feed
        url: {base}/kremlin/feed.xml
    interval_minutes: {interval}
    download_delay: 0
    allow_private: true
"""


def command_name() -> str:
    """How to type this `mouthpiece` in the user's shell: the bare name when it is on PATH (an
    activated venv, an image), else the console script's path (`.venv/bin/mouthpiece` after
    `make install`), so that a hint printed for copy and paste runs as it stands."""
    script = Path(sys.argv[0])
    if script.name != "mouthpiece" or not script.exists():  # `python -m mouthpiece.cli`
        script = Path(sys.executable).with_name("mouthpiece")
        if not script.exists():
            return f"{sys.executable} -m mouthpiece.cli"
    on_path = shutil.which("mouthpiece")
    if on_path and Path(on_path).resolve() == script.resolve():
        return "mouthpiece"
    script = script.absolute()
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


DIGEST_LINES = 60  # of the digest's Markdown printed at the end


def demo_sources(base: str, interval: int = 5, channel: str | None = None, kremlin: bool = False) -> str:
    """sources.yaml for the demo site served at `base` (also used by the tests); when `channel`
    (the base URL of the demo channel's preview) is given, the demo Telegram channel; with
    `kremlin`, the site's Kremlin-style section as a second (Russian) source."""
    out = DEMO_SOURCE.format(base=base, interval=interval)
    out += KREMLIN_SOURCE.format(base=base, interval=interval) if kremlin else ""
    return out + (DEMO_CHANNEL.format(tg=channel, interval=interval) if channel else "")


def run_demo(data: Path, keep: bool = True, hint_database_url: bool = False) -> int:
    """One full cycle in `data` (a folder of its own, emptied first). `hint_database_url`: the
    user's DATABASE_URL points elsewhere, so the hints printed at the end override it."""
    from mouthpiece.preflight import check_folder

    out = Console(soft_wrap=True)
    data = data.resolve()
    check_folder(data.parent)
    shutil.rmtree(data, ignore_errors=True)
    check_folder(data, "demo folder")
    cfg = Path(tempfile.mkdtemp(prefix="mouthpiece-demo-config-"))
    site_root = Path(tempfile.mkdtemp(prefix="mouthpiece-demo-site-"))
    shutil.copytree(SITES_DIR / "demo", site_root, dirs_exist_ok=True)
    # the third article appears in the feed, as a newly published one would
    feed = site_root / "feed.xml"
    feed.write_text(feed.read_text().replace("<!--NEW-ITEMS-->", (site_root / "new-item.xml").read_text()))

    with FixtureSite(site_root) as site, FixtureSite(SITES_DIR / "demo_channel") as tg:
        (cfg / "sources.yaml").write_text(demo_sources(site.base, channel=tg.base, kremlin=True))
        os.environ.update({
            "MOUTHPIECE_DATA_DIR": str(data),
            "DATABASE_URL": f"sqlite:///{data / 'mouthpiece.sqlite'}",
            "MOUTHPIECE_CONFIG_DIR": str(cfg),
            "MOUTHPIECE_GROUP_WAIT": "0",
            # no worker here: the sweep below extracts what the crawl stored, at once
            "MOUTHPIECE_EXTRACT_STALE": "0",
        })
        os.environ.pop("BROKER_URL", None)
        from config.settings import reset_settings
        from storage.db import reset_engines, upgrade

        reset_settings()
        reset_engines()
        upgrade()
        from tasks.app import CRAWL_QUEUE, DEFAULT_QUEUE, app

        # The demo drives the same tasks in this process, one after another, so it needs no
        # worker; the service (`mouthpiece run`) and the tests use a real worker.
        app.conf.task_always_eager = True
        app.conf.task_eager_propagates = True
        from tasks.pipeline import crawl_source, sweep

        out.print(f"[bold]Serving the demo site at {site.base}[/bold] (feed: {site.base}/feed.xml)")
        out.print(f"[bold]and a Telegram-style channel at {tg.base}/s/demo_pool[/bold] "
                  "(its posts are https://t.me/demo_pool/<id>)")
        crawl_source.delay("demo_channel")  # channels often carry the words first
        # the Kremlin-style site first: its statement is stored (and extracted) before the later
        # Belarusian one, as it would be when it was published days earlier
        crawl_source.delay("demo_kremlin")
        crawl_source.delay("demo")
        # The crawl's child process queued each article's extraction for a worker; there is none
        # here: drop those messages (nobody would take them, and while they wait the sweep takes
        # the extractions for queued, not lost) and let the sweep run them in this process.
        with app.connection_for_write() as conn:
            for q in (DEFAULT_QUEUE, CRAWL_QUEUE):
                conn.default_channel.queue_purge(q)
        sweep.delay()
        report(out)
        digest = _digest_preview()
        out.print(f"\n{len(site.requests)} HTTP requests served by the site, {len(tg.requests)} by the channel")
    shutil.rmtree(cfg, ignore_errors=True)
    shutil.rmtree(site_root, ignore_errors=True)
    if not keep:
        shutil.rmtree(data, ignore_errors=True)
        out.print(f"The demo's data in {data} was removed (--no-keep).")
        return 0
    env = f"MOUTHPIECE_DATA_DIR={shlex.quote(str(data))}" + (" DATABASE_URL=" if hint_database_url else "")
    mp = command_name()
    out.print(f"\n[bold]The demo's data is in {data}[/bold] (kept; the next demo starts afresh, "
              f"`{mp} demo --no-keep` cleans up). Every command reads it when pointed there:", highlight=False)
    out.print(f"  {env} {mp} alerts list     # the alerts and where each went\n"
              f"  {env} {mp} digest          # today's digest so far, as HTML and Markdown\n"
              f"  ls {shlex.quote(str(data / 'outbox'))}   # the alerts as files (no email or Slack configured)",
              highlight=False, markup=False)
    out.print("Without MOUTHPIECE_DATA_DIR the commands read the service's own data (see README).", highlight=False)
    if digest:
        _print_digest(out, digest)
    out.print("\n[bold]Read, search and export what the demo found[/bold], in the terminal or in the web app "
              "(then open http://127.0.0.1:8000/):", highlight=False)
    out.print(f"  {env} {mp} quotes --speaker lukashenko --topic nato\n"
              f"  {env} {mp} web", highlight=False, markup=False)
    return 0


def _print_digest(out: Console, paths: dict[str, str | None]) -> None:
    """The digest the demo wrote, as Markdown rendered for the terminal (its first lines)."""
    from rich.markdown import Markdown

    md, html = paths.get("md"), paths.get("html")
    out.print(f"\n[bold]The digest it wrote[/bold] ({html}, and {md}):", highlight=False)
    if md and Path(md).is_file():
        lines = Path(md).read_text(encoding="utf-8").splitlines()
        text = "\n".join(ln for ln in lines[:DIGEST_LINES] if not ln.startswith("!["))
        out.print(Markdown(text, hyperlinks=False), soft_wrap=False)
        if len(lines) > DIGEST_LINES:
            out.print(f"... ({len(lines) - DIGEST_LINES} more lines in {md})", highlight=False, markup=False)


def _digest_preview() -> dict[str, str | None] | None:
    """The digest of the period in progress, which holds what the demo just found: its HTML and
    Markdown archive files."""
    from config.digests import load_digests
    from tasks.digests import run as run_digest

    digests = load_digests()
    if not digests:
        return None
    r = run_digest(digests[0].name, None, send=False)
    return {"html": r.get("html"), "md": r.get("md")}


def report(out: Console) -> None:
    from sqlalchemy import select

    from alerts.echoes import alert_echoes
    from storage.articles import published_local
    from storage.db import session_scope
    from storage.models import Alert, Article, Delivery, Quote

    with session_scope() as s:
        arts = list(s.scalars(select(Article).order_by(Article.published_at)))
        out.print(f"\n[bold]Articles ({len(arts)})[/bold]")
        for a in arts:
            when = published_local(a)
            out.print(f"  {when.isoformat(timespec='minutes') if when else '(no date)'}  {a.title}\n"
                      f"      {a.canonical_url}",
                      highlight=False, markup=False)
        qs = list(s.scalars(select(Quote).order_by(Quote.article_id, Quote.start)))
        out.print(f"\n[bold]Quotes ({len(qs)})[/bold]")
        for q in qs:
            out.print(f"  [{q.type}] {q.speaker_name or '?'}: \u201c{q.text}\u201d  (topics: "
                      f"{', '.join(q.topics) or '-'})", highlight=False, markup=False)
        alerts = list(s.scalars(select(Alert).order_by(Alert.id)))
        out.print(f"\n[bold]Alerts ({len(alerts)})[/bold]")
        for al in alerts:
            quote = s.get(Quote, al.quote_id)
            assert quote is not None
            out.print(f"  #{al.id} {al.rule_id} [{al.severity}] {quote.speaker_name}: \u201c{quote.text}\u201d",
                      highlight=False, markup=False)
            art = s.get(Article, quote.article_id)
            out.print(f"      why new: {al.novelty.get('reason')}", highlight=False, markup=False)
            if art is not None:
                out.print(f"      link: {art.canonical_url}", highlight=False, markup=False)
            for e in alert_echoes(s, al.quote_id):
                out.print(f"      echoes {e['speaker']}, {e['lag']} earlier: \u00ab{e['text']}\u00bb "
                          f"({', '.join(e['frames'])}; {e['url']})", highlight=False, markup=False)
            for d in s.scalars(select(Delivery).where(Delivery.alert_id == al.id)):
                out.print(f"      -> {d.channel}: {d.status} {d.receipt or d.last_error or ''}",
                          highlight=False, markup=False)
