"""The `mouthpiece` command. Every command explains itself with --help; a test checks that
each one is documented in README.md."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from config.loader import ConfigError

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

console = Console(stderr=True)
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="jsonl (one JSON object per line) or table")]


def _setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _fail(msg: str, code: int = 2) -> None:
    console.print(f"[red]error:[/red] {msg}", markup=True, highlight=False)
    raise typer.Exit(code)


# -- database -----------------------------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="target revision")) -> None:
    """Create or migrate the schema (SQLite under ./data/ by default, DATABASE_URL otherwise)."""
    from config.settings import get_settings
    from storage.db import upgrade

    url = get_settings().resolved_database_url()
    upgrade(url, revision)
    console.print(f"database at {_redact(url)} is at revision {revision}")


def _redact(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# -- pure commands: article and quote extraction --------------------------------------------------
def _read_body(path: Path, url: str | None = None) -> tuple[str, Any]:
    """The text that quote offsets index: extracted article body for HTML, raw UTF-8 otherwise."""
    if path.suffix.lower() in (".html", ".htm"):
        from crawlers.article import extract_article

        art = extract_article(path.read_bytes(), url)
        return art.body, art
    return path.read_text(encoding="utf-8"), None


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="files: .html/.htm go through article extraction, "
                                                "anything else is read as UTF-8 text", exists=True,
                                                dir_okay=False)],
    fmt: FormatOpt = "jsonl",
    country: Annotated[str | None, typer.Option(help="publishing country (ISO alpha-2), resolves titles "
                                                "like 'the head of state'")] = None,
    lang: Annotated[str | None, typer.Option(help="en or ru (detected when omitted)")] = None,
) -> None:
    """Print every quote in PATHS: speaker, text, type, cue, offsets, topics, language."""
    from quotes import Context
    from quotes import extract as run_extract

    failed = 0
    for p in paths:
        try:
            text, art = _read_body(p)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            console.print(f"[red]{p}: {e}[/red]", highlight=False)
            failed += 1
            continue
        published = art.published_at.date() if art is not None and art.published_at else None
        ctx = Context(country=country, published=published, lang=lang or (art.lang if art else None))
        for q in run_extract(text, lang=lang, context=ctx):
            d = {"file": str(p), **q.to_dict()}
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(f"{p.name}\t{q.speaker or '?'}\t{q.type}\t{q.text[:100]}\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def article(
    paths: Annotated[list[Path], typer.Argument(help="saved HTML pages", exists=True, dir_okay=False)],
    url: Annotated[str | None, typer.Option(help="the page's URL (only with one path)")] = None,
    fmt: FormatOpt = "jsonl",
) -> None:
    """Print title, date, authors, language and body text of each saved article page."""
    from crawlers.article import extract_article

    if url and len(paths) > 1:
        _fail("--url needs exactly one path")
    failed = 0
    for p in paths:
        try:
            art = extract_article(p.read_bytes(), url)
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
    """List the configured sources with kind, country, discovery and interval."""
    from rich.table import Table

    from config.sources import load_sources

    t = Table("id", "kind", "country", "languages", "discovery", "every")
    for s in load_sources():
        t.add_row(s.id, s.kind, s.country, ",".join(s.languages), ", ".join(d.type for d in s.discovery),
                  f"{s.interval_minutes} min")
    Console().print(t)


@app.command()
def crawl(
    source: Annotated[str, typer.Argument(help="a source id from sources.yaml (see `mouthpiece sources list`)")],
    since: Annotated[str | None, typer.Option(help="backfill: skip articles published before this ISO date")] = None,
    extract_too: Annotated[bool, typer.Option("--extract/--no-extract",
                                              help="extract quotes from new articles afterwards")] = True,
) -> None:
    """Crawl one source now (in this process), store its new articles, and report."""
    from config.sources import get_source
    from crawlers.run import crawl as run_crawl
    from storage.db import upgrade

    _setup_logging("WARNING")
    get_source(source)
    upgrade()
    with console.status(f"crawling {source}…"):
        summary = run_crawl(source, since=since, settings={"LOG_LEVEL": "WARNING"})
    console.print(f"{source}: {summary['requests']} requests, {len(summary['new_article_ids'])} new articles, "
                  f"{summary['skipped_seen']} already stored, {len(summary['failed_urls'])} failed")
    if extract_too:
        from tasks.pipeline import extract_quotes

        n = sum(max(0, extract_quotes.run(aid)) for aid in summary["new_article_ids"] + summary["changed_article_ids"])
        console.print(f"{n} quotes extracted")
    if not summary["ok"]:
        _fail(summary.get("error") or "crawl failed", 1)


# -- the service ----------------------------------------------------------------------------------
@app.command()
def run(
    concurrency: Annotated[int, typer.Option(help="worker processes")] = 2,
    loglevel: Annotated[str, typer.Option(help="DEBUG, INFO, WARNING")] = "INFO",
    beat: Annotated[bool, typer.Option("--beat/--no-beat", help="embed the scheduler (one per deployment)")] = True,
    queues: Annotated[str, typer.Option(help="comma-separated queues to consume")] = "default,crawl",
) -> None:
    """Start the service: a Celery worker with the scheduler embedded. Ctrl-C stops it cleanly
    (running tasks finish; queued ones stay in the broker for the next start)."""
    from config.settings import get_settings
    from storage.db import upgrade

    s = get_settings()
    s.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade()
    from tasks.app import app as celery_app

    console.print(f"storage: {_redact(s.resolved_database_url())}")
    console.print(f"broker:  {_redact(s.resolved_broker_url())}")
    if beat:
        # schedule at once rather than a minute after start; beat takes over from here
        celery_app.send_task("tasks.pipeline.schedule_due_sources")
    argv = ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}", "-Q", queues,
            "--hostname", f"mouthpiece-{os.getpid()}@%h"]
    if beat:
        argv += ["-B", "--schedule", str((s.data_dir / "celerybeat-schedule").resolve())]
    celery_app.worker_main(argv)


@app.command()
def demo(
    keep: Annotated[bool, typer.Option(help="keep the demo database in ./data/demo afterwards")] = True,
) -> None:
    """Serve the fixture site on 127.0.0.1, crawl it, extract quotes, alert, and print it all."""
    from mouthpiece.demo import run_demo

    _setup_logging("WARNING")
    sys.exit(run_demo())


def main() -> None:
    try:
        app()
    except ConfigError as e:
        console.print(f"[red]config error:[/red] {e}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
