"""`mouthpiece demo`: one full cycle against the project's own fixture site, on this machine.

It serves tests/sites/demo on 127.0.0.1, points a demo source at it, runs crawl -> extract ->
alerts -> delivery through the same task code the worker runs, and prints what it found."""
from __future__ import annotations

import os
import shutil
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


def demo_sources(base: str, interval: int = 5) -> str:
    """sources.yaml for the demo site served at `base` (also used by the tests)."""
    return DEMO_SOURCE.format(base=base, interval=interval)


def run_demo(data_dir: str | Path = "data/demo") -> int:
    out = Console(soft_wrap=True)
    data = Path(data_dir).resolve()
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    cfg = Path(tempfile.mkdtemp(prefix="mouthpiece-demo-config-"))
    site_root = Path(tempfile.mkdtemp(prefix="mouthpiece-demo-site-"))
    shutil.copytree(SITES_DIR / "demo", site_root, dirs_exist_ok=True)
    # the third article appears in the feed, as a newly published one would
    feed = site_root / "feed.xml"
    feed.write_text(feed.read_text().replace("<!--NEW-ITEMS-->", (site_root / "new-item.xml").read_text()))

    with FixtureSite(site_root) as site:
        (cfg / "sources.yaml").write_text(demo_sources(site.base))
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
        from tasks.app import app

        # The demo drives the same tasks in this process, one after another, so it needs no
        # worker; the service (`mouthpiece run`) and the tests use a real worker.
        app.conf.task_always_eager = True
        app.conf.task_eager_propagates = True
        from tasks.pipeline import crawl_source, sweep

        out.print(f"[bold]Serving the demo site at {site.base}[/bold] (feed: {site.base}/feed.xml)")
        crawl_source.delay("demo")
        sweep.delay()
        report(out)
        out.print(f"\n{len(site.requests)} HTTP requests served; data in {data}")
    shutil.rmtree(cfg, ignore_errors=True)
    shutil.rmtree(site_root, ignore_errors=True)
    return 0


def report(out: Console) -> None:
    from sqlalchemy import select

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
            q = s.get(Quote, al.quote_id)
            assert q is not None
            out.print(f"  #{al.id} {al.rule_id} [{al.severity}] {q.speaker_name}: \u201c{q.text}\u201d",
                      highlight=False, markup=False)
            out.print(f"      why new: {al.novelty.get('reason')}", highlight=False, markup=False)
            for d in s.scalars(select(Delivery).where(Delivery.alert_id == al.id)):
                out.print(f"      -> {d.channel}: {d.status} {d.receipt or d.last_error or ''}",
                          highlight=False, markup=False)
