"""The `mouthpiece` command. Every command explains itself with --help; a test checks that
each one is documented in README.md."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from config.loader import ConfigError
from mouthpiece import cli_echoes
from mouthpiece.cli_alerts import alerts_app, rules_app, silence_app
from mouthpiece.cli_quotes import quotes_app
from mouthpiece.cli_web import users_app, web

app = typer.Typer(
    help="Mouthpiece watches what political leaders say: it crawls state media and think tanks, "
    "extracts quotes by named leaders, and alerts on new rhetoric.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
sources_app = typer.Typer(help="Configured sources and their health.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(sources_app, name="sources")
app.add_typer(alerts_app, name="alerts")
app.add_typer(silence_app, name="silence")
app.add_typer(rules_app, name="rules")
app.add_typer(quotes_app, name="quotes")
app.add_typer(users_app, name="users")
app.command()(web)
app.command("echoes")(cli_echoes.echoes)

console = Console(stderr=True, soft_wrap=True)
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="jsonl (one JSON object per line) or table")]


def _setup_logging(level: str = "INFO") -> None:
    from config.logs import configure

    configure(level)


def _fail(msg: str, code: int = 2) -> None:
    from rich.markup import escape

    console.print(f"[red]error:[/red] {escape(msg)}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _ready(broker: bool = False, data_dir: bool = False) -> None:
    """Storage is usable and its schema current (created on a new data folder); a problem
    stops the command with one line (mouthpiece/preflight.py)."""
    from mouthpiece.preflight import ready_storage

    ready_storage(broker=broker, data_dir=data_dir)


# -- database -----------------------------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="target revision")) -> None:
    """Create or migrate the schema (SQLite under ./data/ by default, DATABASE_URL otherwise)."""
    from config.settings import get_settings
    from mouthpiece.preflight import ready_storage

    url = get_settings().resolved_database_url()
    ready_storage(revision=revision)
    console.print(f"database at {_redact(url)} is at revision {revision}", soft_wrap=True)


def _where(s: Any) -> dict[str, str | None]:
    """Where the settings came from (config/settings.py says how home is found)."""
    return {"home": str(s.home) if s.home else None, "env_file": str(s.env_file) if s.env_file else None,
            "data_dir": str(s.data_dir)}


def _redact(url: str) -> str:
    from config.logs import redact

    return redact(url)


# -- pure commands: article and quote extraction --------------------------------------------------
def _read_body(path: Path, url: str | None = None, encoding: str | None = None) -> tuple[str, Any]:
    """The text that quote offsets index: extracted article body for HTML, the text otherwise
    (UTF-8 unless `encoding` says). At most MOUTHPIECE_MAX_INPUT_MB are read (mouthpiece/inputs.py)."""
    from mouthpiece.inputs import decode_text, read_input

    data = read_input(path)
    if path.suffix.lower() in (".html", ".htm"):
        from crawlers.article import extract_article

        art = extract_article(data, url, encoding=encoding)
        return art.body, art
    return decode_text(data, path, encoding), None


PathsArg = Annotated[list[Path], typer.Argument(
    help="files (`-` reads stdin): .html/.htm go through article extraction, anything else is read as text",
    dir_okay=False)]
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", help="the files' encoding when it is not UTF-8 (or, for HTML, not what the page declares), "
    "e.g. cp1251")]


@app.command()
def extract(
    paths: PathsArg,
    fmt: FormatOpt = "jsonl",
    country: Annotated[str | None, typer.Option(help="publishing country (ISO alpha-2), resolves titles "
                                                "like 'the head of state'")] = None,
    lang: Annotated[str | None, typer.Option(help="the text's language, e.g. en, ru, be (detected from the text "
                                             "when omitted or when no language pack covers it)")] = None,
    encoding: EncodingOpt = None,
    explain: Annotated[bool, typer.Option("--explain", help="print each quote with the extractor that found it "
                                          "and why its speaker was chosen")] = False,
) -> None:
    """Print every quote in PATHS: speaker, text, type, cue, offsets, topics, language, extractor, reason."""
    from mouthpiece.inputs import InputError, check_encoding
    from quotes import Context
    from quotes import extract as run_extract
    from quotes.learned.tagger import ModelError

    try:
        check_encoding(encoding)
    except InputError as e:
        _fail(str(e))
    failed = 0
    for p in paths:
        try:
            text, art = _read_body(p, encoding=encoding)
        except InputError as e:  # says the file already
            console.print(f"[red]{escape(str(e))}[/red]", highlight=False)
            failed += 1
            continue
        except (OSError, UnicodeDecodeError, ValueError) as e:
            console.print(f"[red]{escape(str(p))}: {escape(str(e))}[/red]", highlight=False)
            failed += 1
            continue
        published = art.published_at.date() if art is not None and art.published_at else None
        ctx = Context(country=country, published=published, lang=lang or (art.lang if art else None))
        try:
            quotes = run_extract(text, lang=lang, context=ctx)
        except ModelError as e:  # a missing or corrupt model file: say which, stop
            console.print(f"[red]{e}[/red]", highlight=False)
            raise typer.Exit(2) from None
        for q in quotes:
            d = {"file": str(p), **q.to_dict()}
            if explain:
                sys.stdout.write(f"{p.name}\t{q.speaker or '?'}\t{q.type}\t[{q.extractor}]\t{q.text[:100]!r}\n"
                                 f"\twhy: {q.reason}\n")
            elif fmt == "jsonl":
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(f"{p.name}\t{q.speaker or '?'}\t{q.type}\t{q.text[:100]}\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def article(
    paths: Annotated[list[Path], typer.Argument(help="saved HTML pages (`-` reads stdin)", dir_okay=False)],
    url: Annotated[str | None, typer.Option(help="the page's URL (only with one path)")] = None,
    fmt: FormatOpt = "jsonl",
    encoding: EncodingOpt = None,
) -> None:
    """Print title, date, authors, language and body text of each saved article page."""
    from crawlers.article import extract_article
    from mouthpiece.inputs import InputError, check_encoding, read_input

    if url and len(paths) > 1:
        _fail("--url needs exactly one path")
    try:
        check_encoding(encoding)
    except InputError as e:
        _fail(str(e))
    failed = 0
    for p in paths:
        try:
            art = extract_article(read_input(p), url, encoding=encoding)
        except InputError as e:
            console.print(f"[red]{escape(str(e))}[/red]", highlight=False)
            failed += 1
            continue
        except Exception as e:  # one broken page must not stop the batch
            console.print(f"[red]{p}: {e}[/red]", highlight=False)
            failed += 1
            continue
        d = art.to_contract(str(p))
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{p.name}\t{d['published_at']}\t{d['title']}\n")
    if failed:
        raise typer.Exit(1)


# -- sources and crawling -------------------------------------------------------------------------
@sources_app.command("list")
def sources_list() -> None:
    """List the configured sources with kind, country, discovery, interval and health."""
    from rich.markup import escape
    from rich.table import Table

    from config.sources import load_sources
    from mouthpiece.preflight import StorageProblem

    health: dict[str, dict[str, Any]] = {}
    try:
        _ready()
        from storage.db import session_scope
        from storage.sources import source_health

        with session_scope() as s:
            health = {h["id"]: h for h in source_health(s)}
    except StorageProblem as e:  # the configuration alone, and why there is no health
        console.print(f"[yellow]health unavailable: {escape(str(e))}[/yellow]", highlight=False, soft_wrap=True)
    colours = {"ok": "green", "silent": "yellow", "degraded": "yellow", "failing": "red", "paused": "red"}
    t = Table("id", "kind", "country", "languages", "discovery", "every", "health", "articles",
              "last success", "problem")
    for col in t.columns:  # one line per source: causes, whole, go beneath the table
        col.no_wrap = True
    rows = []
    for src in load_sources():
        h = health.get(src.id, {"id": src.id, "status": "never crawled"})
        rows.append(h)
        st = h.get("status", "never crawled")
        last = h.get("last_success_at")
        t.add_row(src.id, src.kind, src.country, ",".join(src.languages),
                  ", ".join(d.type for d in src.discovery) or f"t.me/s/{src.channel}",
                  f"{src.interval_minutes} min", f"[{colours.get(st, 'dim')}]{st}[/]", str(h.get("articles", 0)),
                  last.strftime("%Y-%m-%d %H:%M") if last else "-", h.get("summary") or "")
    out = Console(width=max(Console().width, 160))
    out.print(t)
    from mouthpiece.status import print_causes

    print_causes(out, rows)


@app.command()
def crawl(
    source: Annotated[str, typer.Argument(help="a source id from sources.yaml (see `mouthpiece sources list`)")],
    since: Annotated[str | None, typer.Option(help="backfill: read back to this ISO date (feeds, sitemaps, listings; "
                                             "a Telegram channel pages back with ?before= and stops at the first "
                                             "older post)")] = None,
    extract_too: Annotated[bool, typer.Option("--extract/--no-extract",
                                              help="extract quotes from new articles afterwards")] = True,
) -> None:
    """Crawl one source now (in this process), store its new articles, and report.
    With --since DATE it backfills: sitemaps, feeds and listings are read back to DATE.
    It holds the source's crawl lease, as the service's crawls do: one crawl per source at a time."""
    from config.sources import get_source

    _setup_logging("WARNING")
    get_source(source)
    if since:
        from datetime import datetime

        try:
            datetime.fromisoformat(since)
        except ValueError:
            _fail(f"--since: not an ISO date: {since!r}")
    _ready(broker=extract_too)
    from storage.db import session_scope
    from storage.locks import CRAWL_LEASE, close_interrupted_runs, crawl_lock, lease, process_owner

    # a crawl killed with SIGKILL frees the lease: at once on this machine, within CRAWL_LEASE elsewhere
    with lease(crawl_lock(source), process_owner("cli"), CRAWL_LEASE) as held:
        if not held:
            _fail(f"a crawl of {source} is already running (the service's, or another `mouthpiece crawl`): "
                  "wait until it ends (`mouthpiece status` shows it)", 1)
        with session_scope() as s:
            close_interrupted_runs(s, source)
        summary = _crawl_with_progress(source, since)
    _report_cli_crawl(source, summary, extract_too)


def _crawl_with_progress(source: str, since: str | None) -> dict[str, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from crawlers.run import crawl as run_crawl

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[info]}"), TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task(f"crawling {source}", total=None, info="discovering…")

        def on_progress(p: dict[str, Any]) -> None:
            total = p["requested"] or (0 if p["finished"] else None)
            note = f", {p['note']}" if p.get("note") else ""
            bar.update(task, total=total, completed=p["done"],
                       info=f"{p['found']} listed, {p['stored']} new{note}")

        return run_crawl(source, since=since, settings={"LOG_LEVEL": "WARNING"}, progress=on_progress)


def _report_cli_crawl(source: str, summary: dict[str, Any], extract_too: bool) -> None:
    from rich.markup import escape

    skipped = f", {summary['skipped_media']} media-only posts skipped" if summary.get("skipped_media") else ""
    console.print(f"{source}: {summary['requests']} requests, {len(summary['new_article_ids'])} new articles, "
                  f"{len(summary['changed_article_ids'])} updated, {summary['skipped_seen']} already stored, "
                  f"{summary['failed_count']} failed{skipped}")
    if summary.get("blocked"):
        console.print(f"[red]source paused: {escape(summary['blocked']['reason'])}[/red]", highlight=False)
    elif summary.get("error") and summary["ok"]:
        console.print(f"[yellow]{escape(summary['error'])}[/yellow]", highlight=False, soft_wrap=True)
    drift = summary.get("parser_drift") or {}
    if drift.get("articles"):
        fields = ", ".join(f"{f} {n}" for f, n in sorted(drift.get("fields", {}).items()))
        console.print(f"[yellow]parser drift: {drift['articles']} of {drift['parsed']} articles were read by the "
                      f"generic extractor ({escape(fields)} missing from the site parser)[/yellow]", highlight=False)
    if summary.get("run_id"):
        from tasks.pipeline import raise_operator_alerts

        if raise_operator_alerts(summary["run_id"], send_now=True):
            console.print("[yellow]operator alert sent (config/ops.yaml: parser-drift)[/yellow]")
    todo = summary["new_article_ids"] + summary["changed_article_ids"]
    if extract_too and todo:
        from tasks.pipeline import extract_quotes

        n = sum(max(0, extract_quotes.run(aid)) for aid in todo)
        console.print(f"{n} quotes extracted")
    if not summary["ok"]:
        _fail(f"{source}: {summary.get('error') or 'crawl failed'}", 1)


# -- the service ----------------------------------------------------------------------------------
@app.command()
def run(
    concurrency: Annotated[int, typer.Option(help="worker processes (1-64)", min=1, max=64)] = 2,
    loglevel: Annotated[str, typer.Option(help="DEBUG, INFO, WARNING")] = "INFO",
    beat: Annotated[bool, typer.Option("--beat/--no-beat", help="embed the scheduler (one per deployment)")] = True,
    queues: Annotated[str, typer.Option(help="comma-separated queues to consume")] = "default,crawl",
) -> None:
    """Start the service: a Celery worker with the scheduler embedded. Ctrl-C stops it cleanly
    (running tasks finish; queued ones stay in the broker for the next start)."""
    from config.settings import get_settings

    s = get_settings()
    _ready(broker=True, data_dir=True)
    from tasks.app import app as celery_app

    w = _where(s)
    console.print(f"home:    {w['home']} (.env: {w['env_file'] or 'none'})", highlight=False)
    console.print(f"data:    {w['data_dir']}", highlight=False)
    console.print(f"storage: {_redact(s.resolved_database_url())}")
    console.print(f"broker:  {_redact(s.resolved_broker_url())}")
    if s.metrics_port:
        from mouthpiece.metrics import serve

        serve(s.metrics_port)
    # The worker forks its pool and the embedded beat next: nothing here may keep a broker
    # connection open (prepare_broker closes its own). Beat runs every entry at start.
    from tasks.app import prepare_broker

    prepare_broker()
    argv = ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}", "-Q", queues,
            "--hostname", f"mouthpiece-{os.getpid()}@%h"]
    if beat:
        argv += ["-B", "--schedule", str((s.data_dir / "celerybeat-schedule").resolve())]
    celery_app.worker_main(argv)


@app.command()
def digest(
    name: Annotated[str | None, typer.Option("--name", help="digest name from digests.yaml (default: the first)")] = None,
    date: Annotated[str | None, typer.Option("--date", help="the morning it is for, YYYY-MM-DD in its time zone "
                                             "(default: without --send, the period in progress; with "
                                             "--send, the latest one that is over)")] = None,
    send: Annotated[bool, typer.Option("--send", help="record it and send it to its channels (once per "
                                       "period, and only once the period is over)")] = False,
) -> None:
    """Build a daily digest. Without --send, a preview: write data/digests/<name>/<YYYY-MM-DD>.html
    and .md (open the HTML in a browser), by default for the period in progress (everything
    since the last digest went out). With --send, also email/Slack it. A period that already
    went out is never sent twice and its archive is kept as sent."""
    from datetime import date as date_cls

    from config.digests import get_digest

    _setup_logging("WARNING")
    try:
        cfg = get_digest(name)
    except KeyError as e:
        _fail(str(e.args[0]))
        return
    end = None
    if date:
        try:
            end = cfg.due_at(date_cls.fromisoformat(date))
        except ValueError:
            _fail(f"--date must be YYYY-MM-DD, not {date!r}")
    _ready(data_dir=True)
    from tasks.digests import DigestNotDue
    from tasks.digests import run as run_digest

    try:
        r = run_digest(cfg.name, end, send=send)
    except DigestNotDue as e:
        _fail(str(e))
        return
    from datetime import datetime

    from storage.models import utcnow

    in_progress = datetime.fromisoformat(r["period_end"]) > utcnow()
    console.print(f"digest {r['name']}: {r['period_start']} to {r['period_end']}"
                  + (" (in progress: a preview of what it holds so far)" if in_progress else ""), highlight=False)
    if r["status"] == "already" and not send:
        console.print(r["message"], highlight=False)
    console.print(f"archive: {r['html']}", highlight=False, soft_wrap=True)
    console.print(f"         {r['md']}", highlight=False, soft_wrap=True)
    if send:
        from alerts.digest_delivery import send_digest_delivery
        from storage.db import session_scope

        for did in r["deliveries"]:
            with session_scope() as s:
                console.print(f"delivery {did}: {send_digest_delivery(s, did)}")
        console.print(r["message"], highlight=False)


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False) -> None:
    """Sources and their health, queue depths, the last alert and digest, and failures."""
    from rich.table import Table

    from mouthpiece.status import print_causes, queue_depths, snapshot
    from storage.db import session_scope

    _ready()
    with session_scope() as s:
        snap = snapshot(s)
    snap["queues"] = queue_depths()
    from config.settings import get_settings

    st = get_settings()
    snap["storage"], snap["broker"] = _redact(st.resolved_database_url()), _redact(st.resolved_broker_url())
    snap["settings"] = _where(st)
    from alerts.channels import configured_channels

    snap["channels"] = configured_channels(st)
    if as_json:
        sys.stdout.write(json.dumps(snap, default=str, indent=1) + "\n")
        return
    out = Console(width=max(Console().width, 140))
    w = snap["settings"]
    out.print(f"home {w['home']}   .env {w['env_file'] or 'none'}   data {w['data_dir']}   "
              f"channels {', '.join(snap['channels'])}", highlight=False)
    out.print(f"storage {snap['storage']}   broker {snap['broker']}", highlight=False)
    out.print("queues: " + ", ".join(f"{q} {'unreachable' if n is None else n}" for q, n in snap["queues"].items()))
    c = snap["counts"]
    out.print(f"articles {c['articles']}  quotes {c['quotes']}  alerts {c['alerts']}  deliveries: sent "
              f"{c['deliveries_sent']}, pending {c['deliveries_pending']}, failed {c['deliveries_failed']}")
    t = Table("source", "state", "articles", "last success", "failures", "drift", "problem")
    for col in t.columns:
        col.no_wrap = True
    for r in snap["sources"]:
        # parser drift: articles the site parser could not read since the start (last crawl: how many)
        drift = str(r["parser_drift"]) + (f" (last crawl {r['drift']})" if r["drift"] else "")
        t.add_row(r["id"], r["status"], str(r["articles"]), str(r["last_success_at"] or "-")[:19],
                  str(r["consecutive_failures"]), drift, r["summary"] or "")
    out.print(t)
    print_causes(out, snap["sources"])
    la = snap["last_alert"]
    out.print("last alert: " + (f"#{la['id']} {la['rule']} {la['status']} {str(la['created_at'])[:19]} "
                                f"{la['speaker']}: {la['text']}" if la else "none"), markup=False, highlight=False)
    ld = snap["last_digest"]
    out.print("last digest: " + (f"{ld['name']} {ld['status']} up to {str(ld['period_end'])[:19]} {ld['archive'] or ''}"
                                 if ld else "none"), markup=False, highlight=False)
    for f in snap["failed_deliveries"]:
        out.print(f"failed delivery #{f['id']} via {f['channel']} after {f['attempts']} attempts: {f['error']}",
                  markup=False, highlight=False)
    for q, h in snap["heartbeats"].items():
        age = h["processed_age_s"]
        out.print(f"heartbeat {q}: " + (f"processed {int(age)}s ago by {h['worker']}" if age is not None
                                        else "never processed"), highlight=False)


@app.command()
def health(
    active: Annotated[bool, typer.Option("--active", help="send a heartbeat task now and wait for a worker "
                                         "to process it (instead of checking beat's last one)")] = False,
    queue: Annotated[list[str] | None, typer.Option(help="queue(s) to check with --active")] = None,
    timeout: Annotated[float, typer.Option(help="seconds to wait with --active (at most 3600)", min=0.1,
                                           max=3600)] = 30.0,
) -> None:
    """Exit 0 when workers are processing tasks (not merely alive); 1 with the reason otherwise."""
    import time

    from mouthpiece.status import healthy
    from storage.db import session_scope
    from storage.models import Heartbeat, utcnow
    from tasks.pipeline import send_heartbeat

    _ready(broker=active)
    if active:
        queues = queue or ["default", "crawl"]
        # a heartbeat of the queue processed after this moment (ours, or one of beat's ahead of
        # it) proves a worker consumes it now; one processed before proves nothing
        asked = utcnow()
        for q in queues:
            send_heartbeat(q)
        deadline = time.monotonic() + timeout
        done: set[str] = set()
        while time.monotonic() < deadline:
            with session_scope() as s:
                done = {q for q in queues if (h := s.get(Heartbeat, q)) is not None
                        and h.processed_at is not None and h.processed_at >= asked}
            if done == set(queues):
                console.print(f"ok: {', '.join(queues)} processed a heartbeat")
                return
            time.sleep(0.5)
        _fail(f"no worker processed a heartbeat on {', '.join(sorted(set(queues) - done))} within {timeout:g}s", 1)
    with session_scope() as s:
        ok, problems = healthy(s)
    if not ok and any("not processed" in p for p in problems):
        from mouthpiece.status import queue_depths

        with session_scope() as s:  # say how much waits ahead of the heartbeat, when the broker answers
            ok, problems = healthy(s, depths=queue_depths())
    if not ok:
        _fail("; ".join(problems), 1)
    console.print("ok: workers processed their last heartbeats")


@app.command()
def metrics(
    port: Annotated[int, typer.Option(help="port for /metrics", min=1, max=65535)] = 9108,
    addr: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
) -> None:
    """Serve Prometheus metrics (articles, quotes, alerts, deliveries, latency, source health,
    queue depth) read from storage and the broker."""
    import time

    from mouthpiece.metrics import serve

    _ready()  # before logging is set up: a problem is one line, not Alembic's INFO lines first
    _setup_logging("INFO")
    if serve(port, addr) is None:
        raise typer.Exit(1)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


@app.command()
def demo(
    keep: Annotated[bool, typer.Option("--keep/--no-keep", help="keep the demo's data (in the folder "
                                       "`demo` inside the data folder) to look at afterwards")] = True,
) -> None:
    """Serve the fixture site on 127.0.0.1, crawl it, extract quotes, alert, and print it all.
    Its data goes to a folder of its own, `demo` inside the data folder (MOUTHPIECE_DATA_DIR,
    ./data by default), never into the service's database; the end says how to look at it."""
    from config.settings import get_settings
    from mouthpiece.demo import run_demo

    _setup_logging("WARNING")
    s = get_settings()
    sys.exit(run_demo(s.data_dir / "demo", keep=keep, hint_database_url=bool(s.database_url)))


def main() -> None:
    """The entry point: every failure a user can meet ends in one line and a non-zero exit."""
    from rich.markup import escape

    from mouthpiece.preflight import StorageProblem, describe

    try:
        app()
    except ConfigError as e:
        console.print(f"[red]config error:[/red] {escape(str(e))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except StorageProblem as e:
        console.print(f"[red]error:[/red] {escape(str(e))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        console.print("interrupted", highlight=False)
        sys.exit(130)
    except Exception as e:
        try:
            from config.settings import get_settings

            debug = get_settings().debug
        except Exception:  # the settings themselves may be what is broken
            debug = bool(os.environ.get("MOUTHPIECE_DEBUG"))
        if debug:
            raise
        try:
            line = describe(e)
        except Exception:  # describing must never hide the error itself
            line = None
        if line is None:
            line = (f"unexpected error: {e.__class__.__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''} "
                    "(a bug: run again with MOUTHPIECE_DEBUG=1 to see where, and report it)")
        console.print(f"[red]error:[/red] {escape(line)}", highlight=False, soft_wrap=True)
        sys.exit(1 if line.startswith("unexpected") else 2)


if __name__ == "__main__":
    main()
