"""CLI commands about alerts: `mouthpiece alerts ...`, `mouthpiece silence ...`, `mouthpiece rules ...`."""
from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

alerts_app = typer.Typer(help="Alerts and their deliveries.", no_args_is_help=True)
silence_app = typer.Typer(help="Silence alerts for a speaker or rule for a while.", no_args_is_help=True)
rules_app = typer.Typer(help="Alert rules: check and backtest.", no_args_is_help=True)



class _Lazy:
    """A console made at use (so COLUMNS and redirections at call time count)."""

    def __init__(self, **kw: bool) -> None:
        self.kw = kw

    def print(self, *args: object, **kw: object) -> None:
        Console(highlight=False, soft_wrap=True, **self.kw).print(*args, **kw)  # type: ignore[arg-type]


class AlertStatus(StrEnum):
    """An alert's states (storage/models.py Alert.status): a typo is refused, not an empty list."""

    pending = "pending"
    sent = "sent"
    held = "held"
    silenced = "silenced"


ROW_ID_MAX = 2**63 - 1  # the largest id a database row can have (SQLite and PostgreSQL BIGINT)

out = _Lazy()
err = _Lazy(stderr=True)


def _fail(msg: str, code: int = 2) -> None:
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(msg)}", markup=True)
    raise typer.Exit(code)


def _safe(value: object, limit: int = 100) -> str:
    """Scraped text for the terminal: one line, no control characters, no rich markup."""
    from rich.markup import escape

    from alerts.render import one_line

    return escape(one_line(value, limit))


def _ready() -> None:
    """Storage is usable and its schema current; otherwise one line says why (preflight)."""
    from mouthpiece.preflight import ready_storage

    ready_storage()


# -- alerts --------------------------------------------------------------------------------------
@alerts_app.command("list")
def alerts_list(
    status: Annotated[AlertStatus | None, typer.Option(help="only alerts in this state")] = None,
    limit: Annotated[int, typer.Option(help="how many, newest first (1-10000)", min=1, max=10_000)] = 50,
) -> None:
    """List recent alerts: rule, speaker, status, and each channel's delivery state."""
    from sqlalchemy import select

    from storage.db import session_scope
    from storage.models import Alert, Delivery, Quote

    _ready()
    t = Table("id", "created (UTC)", "rule", "severity", "status", "speaker", "deliveries", "quote", "reason")
    with session_scope() as s:
        q = select(Alert, Quote).join(Quote, Quote.id == Alert.quote_id).order_by(Alert.id.desc()).limit(limit)
        if status:
            q = q.where(Alert.status == status.value)
        rows = 0
        for a, qt in s.execute(q):
            rows += 1
            ds = s.scalars(select(Delivery).where(Delivery.alert_id == a.id).order_by(Delivery.id))
            t.add_row(str(a.id), f"{a.created_at:%Y-%m-%d %H:%M}", a.rule_id, a.severity, a.status,
                      _safe(qt.speaker_id or qt.speaker_name or "?", 40),
                      ", ".join(f"{d.id}:{d.channel}={d.status}" for d in ds),
                      _safe(qt.text, 80), _safe(a.reason or "", 80))
    if not rows:  # an empty table says nothing about why
        out.print(f"no alerts with status {status.value}" if status else
                  "no alerts yet (`mouthpiece status` shows what the sources are doing)")
        return
    out.print(t)


@alerts_app.command("failed")
def alerts_failed() -> None:
    """List deliveries that failed permanently (or ran out of attempts), with the error."""
    from alerts.engine import failed_deliveries
    from storage.db import session_scope

    _ready()
    t = Table("delivery", "alert", "channel", "attempts", "last attempt (UTC)", "error")
    with session_scope() as s:
        rows = failed_deliveries(s)
        for d in rows:
            t.add_row(str(d.id), str(d.alert_id or f"digest {d.digest_id}"), d.channel, str(d.attempts),
                      f"{d.claimed_at:%Y-%m-%d %H:%M}" if d.claimed_at else "", _safe(d.last_error or "", 200))
    if not rows:
        out.print("no failed deliveries")
        return
    out.print(t)
    out.print("resend one with: mouthpiece alerts retry ID")


@alerts_app.command("retry")
def alerts_retry(
    delivery_id: Annotated[int, typer.Argument(help="a delivery id from `mouthpiece alerts failed`", min=1,
                                               max=ROW_ID_MAX)],
    now: Annotated[bool, typer.Option("--now/--queue", help="send in this process now, or leave it "
                                      "to the running service's sweep")] = True,
) -> None:
    """Resend a failed (or held) delivery with the same idempotency key."""
    from alerts.channels import get_channel
    from alerts.engine import retry, send
    from storage.db import session_scope
    from storage.models import Delivery

    _ready()
    with session_scope() as s:
        try:
            d = retry(s, delivery_id)
        except LookupError as e:
            _fail(str(e.args[0]))
            return
        except ValueError as e:
            _fail(str(e))
            return
        is_digest = d.digest_id is not None
    if not now:
        out.print(f"delivery {delivery_id} queued; the sweep sends it within a minute")
        return
    with session_scope() as s:
        if is_digest:
            from alerts.digest_delivery import send_digest_delivery

            status = send_digest_delivery(s, delivery_id)
        else:
            status = send(s, delivery_id, get_channel)
        row = s.get(Delivery, delivery_id)
        detail = (row.last_error or row.reason or row.receipt or "") if row else ""
    out.print(f"delivery {delivery_id}: {status} {_safe(detail, 200)}")
    if status == "failed":
        raise typer.Exit(1)


# -- silences ------------------------------------------------------------------------------------
@silence_app.command("add")
def silence_add(
    speaker: Annotated[str | None, typer.Option(help="leader id, name or alias (see leaders.yaml)")] = None,
    duration: Annotated[str, typer.Option("--for", help="how long: 30m, 6h, 2d, 1w")] = "1d",
    rule: Annotated[str | None, typer.Option(help="only this rule id (default: every rule)")] = None,
    reason: Annotated[str | None, typer.Option(help="why, for the record")] = None,
) -> None:
    """Silence alerts for a speaker (and/or a rule) for a while; silenced alerts go to the digest."""
    from alerts.quiet import parse_duration
    from alerts.rules import load_rules
    from alerts.silences import add, describe, resolve_speaker
    from config.leaders import load_leaders
    from storage.db import session_scope

    try:
        span = parse_duration(duration)
        speaker_id = resolve_speaker(speaker, load_leaders()) if speaker else None
    except ValueError as e:
        _fail(str(e))
        return
    if rule is not None and rule not in {r.id for r in load_rules()}:
        _fail(f"unknown rule {rule!r}")
    if not speaker_id and not rule:
        _fail("give --speaker, --rule, or both")
    _ready()
    with session_scope() as s:
        row = add(s, speaker_id=speaker_id, rule_id=rule, duration=span, reason=reason)
        out.print(_safe(describe(row), 500))


@silence_app.command("list")
def silence_list(
    all_: Annotated[bool, typer.Option("--all", help="include expired silences")] = False,
) -> None:
    """List active silences (with --all, expired ones too)."""
    from sqlalchemy import select

    from storage.db import session_scope
    from storage.models import Silence, utcnow

    _ready()
    t = Table("id", "speaker", "rule", "until (UTC)", "reason", "state")
    now = utcnow()
    with session_scope() as s:
        q = select(Silence).order_by(Silence.id)
        if not all_:
            q = q.where(Silence.until > now)
        rows = list(s.scalars(q))
        for r in rows:
            t.add_row(str(r.id), r.speaker_id or "*", r.rule_id or "*", f"{r.until:%Y-%m-%d %H:%M}",
                      _safe(r.reason or "", 80), "active" if r.until > now else "expired")
    if not rows:
        out.print("no silences")
        return
    out.print(t)


@silence_app.command("remove")
def silence_remove(silence_id: Annotated[int, typer.Argument(help="id from `mouthpiece silence list`", min=1,
                                                             max=ROW_ID_MAX)]) -> None:
    """End a silence now."""
    from alerts.silences import remove
    from storage.db import session_scope

    _ready()
    with session_scope() as s:
        if not remove(s, silence_id):
            _fail(f"no silence {silence_id}")
    out.print(f"silence {silence_id} removed")


# -- rules ---------------------------------------------------------------------------------------
@rules_app.command("check")
def rules_check() -> None:
    """Validate rules.yaml, channels.yaml, ops.yaml and narratives.yaml; a mistake names file, line and field."""
    from alerts.engine import rule_channels
    from alerts.quiet import load_channel_policies
    from alerts.rules import load_rules
    from config.leaders import load_leaders
    from config.loader import config_path
    from config.sources import load_sources

    rules = load_rules()
    policies = load_channel_policies()
    leader_ids = {ld.id for ld in load_leaders()}
    source_ids = {s.id for s in load_sources()}
    warnings = 0
    for r in rules:
        goes = rule_channels(r)
        out.print(f"{r.id}: {'enabled' if r.enabled else 'disabled'}, {r.severity}, "
                  f"channels {r.channels} -> {goes or ['digest']}"
                  + (f", new within {r.novelty_days} days" if r.new_only else "")
                  + (", regex run by RE2 in linear time" if r.regex else ""))
        for sid in r.speaker.ids:
            if sid not in leader_ids:
                warnings += 1
                err.print(f"warning: {r.id}: speaker id {sid!r} is not in leaders.yaml")
        for src in r.source.ids:
            if src not in source_ids:
                warnings += 1
                err.print(f"warning: {r.id}: source id {src!r} is not in sources.yaml")
    for name, p in policies.items():
        bits = []
        if p.quiet_hours:
            q = p.quiet_hours
            bits.append(f"quiet {q.start:%H:%M}-{q.end:%H:%M} {q.timezone}")
        if p.rate_cap:
            bits.append(f"at most {p.rate_cap.max} per {p.rate_cap.per}")
        out.print(f"channel {name}: {', '.join(bits) or 'no limits'}")
    from alerts.ops import load_ops_rules, ops_channels
    from config.narratives import load_narratives

    for o in load_ops_rules():  # operator alerts (parser drift), to the operators' channel
        out.print(f"operator {o.id}: {'enabled' if o.enabled else 'disabled'}, {o.when} over {o.above:.0%} "
                  f"of a crawl's articles (at least {o.min_articles}), channels {o.channels} -> "
                  f"{ops_channels(o.channels)}")
    for sid in {s.speaks_for for s in load_sources() if s.speaks_for} - leader_ids:
        warnings += 1
        err.print(f"warning: sources.yaml: speaks_for {sid!r} is not in leaders.yaml (ignored)")
    narratives = load_narratives()
    out.print(f"{len(rules)} rule(s) OK ({config_path('rules.yaml')}), "
              f"channel policy OK ({config_path('channels.yaml')}), "
              f"operator rules OK ({config_path('ops.yaml')}), "
              f"{len(narratives.frames)} narrative frame(s) OK ({config_path('narratives.yaml')}), {warnings} warning(s)")


@rules_app.command("test")
def rules_test(
    since: Annotated[str, typer.Option(help="how far back to replay: 12h, 30d, 8w")] = "30d",
    rule: Annotated[str | None, typer.Option(help="only this rule id")] = None,
    show: Annotated[int, typer.Option(help="list at most this many would-be alerts per rule (0-1000)", min=0,
                                      max=1000)] = 20,
) -> None:
    """Backtest: replay stored quotes through the rules and print what would have fired and how
    often. Sends nothing and creates no alerts."""
    from alerts.backtest import run
    from alerts.quiet import parse_duration
    from alerts.rules import load_rules
    from config.leaders import load_leaders
    from config.sources import load_sources
    from storage.db import session_scope

    try:
        span = parse_duration(since)
    except ValueError as e:
        _fail(f"--since: {e}")
        return
    rules = load_rules()
    _ready()
    with session_scope() as s:
        try:
            bt = run(s, rules, {ld.id: ld for ld in load_leaders()}, {c.id: c for c in load_sources()}, span, rule)
        except LookupError as e:
            _fail(str(e.args[0]))
            return
    out.print(f"replayed {bt.quotes} quotes stored {bt.since:%Y-%m-%d %H:%M} .. {bt.until:%Y-%m-%d %H:%M} UTC "
              f"({bt.days:.1f} days); nothing was sent")
    t = Table("rule", "would fire", "per day", "busiest day", "matched", "reprints (same cluster)", "not new")
    for st in bt.stats.values():
        busiest = st.per_day.most_common(1)
        t.add_row(st.rule_id, str(st.fired), f"{st.fired / bt.days:.2f}",
                  f"{busiest[0][0]} ({busiest[0][1]})" if busiest else "-", str(st.matched), str(st.reprints),
                  str(st.not_new))
    out.print(t)
    for st in bt.stats.values():
        fires = [f for f in bt.fires if f.rule_id == st.rule_id]
        if not fires:
            continue
        out.print(f"\n{st.rule_id}: {st.fired} alert(s)" + (f", first {show}:" if st.fired > show else ":"))
        for f in fires[:show]:
            out.print(f"  {f.at:%Y-%m-%d %H:%M}  {_safe(f.speaker, 40)} ({_safe(f.source, 40)}): "
                      f"\u201c{_safe(f.text, 120)}\u201d")
            out.print(f"      {_safe(f.reason, 200)}")
