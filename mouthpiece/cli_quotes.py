"""`mouthpiece quotes`: list, search and export the quotes collected; `mouthpiece quotes show ID`.

Everything goes through storage/search.py, the query interface the web app uses too."""
from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

quotes_app = typer.Typer(help="Read, search and export the quotes collected.", invoke_without_command=True)

ROW_ID_MAX = 2**63 - 1


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _fail(msg: str, code: int = 2) -> None:
    from rich.markup import escape

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[red]error:[/red] {escape(msg)}")
    raise typer.Exit(code)


def _safe(value: object, limit: int | None = 100) -> str:
    """Scraped text for the terminal: one line, no control characters, no rich markup."""
    from rich.markup import escape

    from alerts.render import one_line

    return escape(one_line(value, limit))


@quotes_app.callback()
def quotes(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option(help="registry id or any alias, Latin or Cyrillic "
                                                "(leaders.yaml); another name matches as stored")] = None,
    country: Annotated[str | None, typer.Option(help="the speaker's country, e.g. BY")] = None,
    topic: Annotated[str | None, typer.Option(help="a topic id from topics.yaml, e.g. nato")] = None,
    source: Annotated[str | None, typer.Option(help="a source id from sources.yaml")] = None,
    lang: Annotated[str | None, typer.Option(help="en or ru")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="direct, indirect, mixed or transcript")] = None,
    since: Annotated[str | None, typer.Option(help="said on or after: 2026-11-01, or an age: 7d, 12h, 2w")] = None,
    until: Annotated[str | None, typer.Option(help="said before (a date: up to its end)")] = None,
    search: Annotated[str | None, typer.Option(help="full text over quote, speaker and article title, "
                                               "Russian and English word forms alike")] = None,
    new_only: Annotated[bool, typer.Option("--new-only", help="only the first statement of each "
                                           "cluster (not restatements or reprints)")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl")] = "table",
    limit: Annotated[int, typer.Option(help="at most this many, newest statement first (1-1000000)", min=1,
                                       max=1_000_000)] = 50,
) -> None:
    """List the quotes collected, newest statement first, filtered; as a table, CSV or JSONL.

    e.g. `mouthpiece quotes --speaker Лукашенко --topic nato --since 30d`."""
    if ctx.invoked_subcommand is not None:
        return
    from mouthpiece.preflight import ready_storage
    from storage.db import session_scope
    from storage.search import export_lines, parse_filter, stream
    from storage.search import search as run_search

    if fmt not in ("table", "csv", "jsonl"):
        _fail(f"--format: {fmt!r} is not table, csv or jsonl")
    try:
        f = parse_filter(speaker=speaker, country=country, topic=topic, source=source, lang=lang, type_=type_,
                         since=since, until=until, search=search, new_only=new_only)
    except ValueError as e:
        _fail(f"--{e}")
        return
    ready_storage()
    with session_scope() as s:
        if fmt != "table":
            for line in export_lines(stream(s, f, limit=limit), fmt):
                sys.stdout.write(line)
            sys.stdout.flush()
            return
        page = run_search(s, f, limit=min(limit, 10_000))
    out = _out()
    if not page.rows:
        out.print("no quotes match" + ("" if f.speaker_ids or not f.speaker_name else
                                       f" (speaker {_safe(f.speaker_name, 60)} is not in leaders.yaml; "
                                       "matched as the quotes store it)"))
        return
    t = Table("id", "said (UTC)", "speaker", "source", "type", "topics", "quote", show_lines=False)
    for r in page.rows:
        t.add_row(str(r.id), f"{r.said_at:%Y-%m-%d %H:%M}" if r.said_at else "", _safe(r.speaker or "?", 40),
                  _safe(r.source_id, 30), r.type + ("" if r.new else " (again)"), _safe(", ".join(r.topics), 40),
                  _safe(r.text, 300))
    out.print(t)
    out.print(f"{len(page.rows)} of {page.total_label} shown; `mouthpiece quotes show ID` for one in its article"
              + ("" if len(page.rows) >= page.total else ", --limit for more"))


@quotes_app.command("show")
def show(quote_id: Annotated[int, typer.Argument(help="a quote id from `mouthpiece quotes`", min=1,
                                                 max=ROW_ID_MAX)]) -> None:
    """One quote in its paragraph: its article, source and date, the reprints in its cluster, and
    the alerts it raised."""
    from sqlalchemy import or_, select

    from mouthpiece.preflight import ready_storage
    from storage.db import session_scope
    from storage.models import Alert, Article, Delivery
    from storage.search import get_quote, paragraph, reprints

    ready_storage()
    out = _out()
    with session_scope() as s:
        row = get_quote(s, quote_id)
        if row is None:
            _fail(f"no quote {quote_id}")
            return
        art = s.get(Article, row.article_id)
        body = art.body if art else ""
        before, span, after = paragraph(body, row.start, row.end)
        out.print(f"[bold]quote {row.id}[/bold]  {_safe(row.speaker or '?', 80)}"
                  + (f" ({row.speaker_id})" if row.speaker_id else "")
                  + f"  \\[{row.type}, {_safe(row.lang, 8)}]  topics: {_safe(', '.join(row.topics) or '-', 100)}")
        out.print(f"said {row.said_at:%Y-%m-%d %H:%M} UTC" if row.said_at else "said: date unknown")
        out.print("")
        if span:
            out.print(f"  {_safe(before, None)}[reverse]{_safe(span, None)}[/reverse]{_safe(after, None)}")
        else:
            out.print(f"  \u201c{_safe(row.text, None)}\u201d  (no longer at its place in the article)")
        out.print("")
        out.print(f"article {row.article_id}: {_safe(row.title, 200)}")
        out.print(f"  source {_safe(row.source_id, 60)}  {_safe(row.url, 500)}")
        again = reprints(s, row)
        out.print(f"\n[bold]{'new' if row.new else 'said before'}[/bold]: "
                  + ("the first statement of its cluster" if row.new
                     else f"cluster {row.cluster_id} began with quote {row.cluster_id}")
                  + f"; {len(again)} other quote(s) in the cluster")
        for r in again:
            out.print(f"  {r.id}  {r.said_at:%Y-%m-%d %H:%M}  {_safe(r.source_id, 30)}  {_safe(r.url, 200)}"
                      if r.said_at else f"  {r.id}  {_safe(r.source_id, 30)}  {_safe(r.url, 200)}")
        conds = [Alert.quote_id == row.id]
        if row.cluster_id is not None:
            conds.append(Alert.cluster_id == row.cluster_id)
        alerts = list(s.scalars(select(Alert).where(or_(*conds)).order_by(Alert.id)))
        out.print(f"\n[bold]alerts ({len(alerts)})[/bold]")
        for a in alerts:
            ds = s.scalars(select(Delivery).where(Delivery.alert_id == a.id).order_by(Delivery.id))
            out.print(f"  #{a.id} {_safe(a.rule_id, 60)} \\[{_safe(a.severity, 20)}] {a.status}"
                      + (f" ({_safe(a.reason, 120)})" if a.reason else "")
                      + " -> " + (", ".join(f"{d.channel}={d.status}" for d in ds) or "no deliveries"))
            reason = (a.novelty or {}).get("reason")
            if reason:
                out.print(f"      why new: {_safe(reason, 300)}")


@quotes_app.command("retag")
def retag(since: Annotated[str | None, typer.Option(help="only the articles said on or after: 2026-11-01, "
                                                    "or an age: 30d")] = None) -> None:
    """Tag the stored quotes again with narratives.yaml as it is now: their frames, their echoes
    of earlier statements and their versions in the other language.

    Quotes are tagged when they are extracted; run this after adding or editing a frame, or after
    an upgrade that changed the shipped frames. Articles go oldest first, one transaction each, so
    it can run beside the service, be interrupted and be run again (a second run changes
    nothing). It sends nothing: `mouthpiece rules test` shows what the rules would fire now."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from alerts.retag import retag as run_retag
    from config.loader import ConfigError
    from config.narratives import load_narratives
    from mouthpiece.preflight import ready_storage
    from storage.search import parse_when

    try:
        start = parse_when(since) if since else None
    except ValueError as e:
        _fail(f"--since: {e}")
        return
    try:
        cfg = load_narratives()
    except ConfigError as e:
        _fail(str(e))
        return
    ready_storage()
    err = Console(stderr=True, highlight=False)
    with Progress(TextColumn("retagging: frames, then echoes"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("retag", total=None)
        res = run_retag(since=start, cfg=cfg, progress=lambda done, total: bar.update(task, completed=done,
                                                                                       total=total))
    out = _out()
    b, a = res.before, res.after
    out.print(f"retagged {res.articles} article(s), {res.quotes} quote(s), in {res.seconds:.1f} s"
              + (f" (said since {start:%Y-%m-%d %H:%M} UTC)" if start else ""))
    out.print(f"  quotes with a frame    {b.framed} -> {a.framed}")
    out.print(f"  (quote, frame) pairs   {b.frame_pairs} -> {a.frame_pairs}")
    out.print(f"  echoes                 {b.echoes} -> {a.echoes}")
    out.print(f"  cross-language links   {b.versions} -> {a.versions}")
    if res.failed:
        for aid, why in res.failed[:10]:
            out.print(f"  [red]article {aid} failed[/red]: {_safe(why, 200)}")
        more = len(res.failed) - 10
        _fail(f"{len(res.failed)} article(s) failed and were left as they were"
              + (f" ({more} not listed; the log has them)" if more > 0 else ""), code=1)
