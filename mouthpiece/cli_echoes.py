"""`mouthpiece echoes`: which statements of watched speakers echo earlier ones of reference
speakers (alerts/echoes.py), with lag, score, shared frames and words."""
from __future__ import annotations

import csv
import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from mouthpiece.cli_alerts import _safe, err, out


def echoes(
    speaker: Annotated[str | None, typer.Option(help="only echoes by or of this speaker id (leaders.yaml), e.g. lukashenko")] = None,
    since: Annotated[str, typer.Option(help="how far back: 12h, 30d, 8w (by when the echoing statement was made)")] = "30d",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl")] = "table",
    limit: Annotated[int, typer.Option(help="at most this many echoes (1-100000)", min=1, max=100_000)] = 200,
) -> None:
    """Echoes: statements by speakers of the watched countries (default Belarus) that repeat an
    earlier statement by a speaker of the reference countries (default Russia), newest first."""
    from alerts.echoes import describe_lag, echo_views, frame_labels, speaker_names
    from alerts.quiet import parse_duration
    from config.leaders import load_leaders
    from mouthpiece.cli import _fail, _ready
    from storage.db import session_scope
    from storage.models import utcnow

    if fmt not in ("table", "csv", "jsonl"):
        _fail(f"--format: {fmt!r} is not one of table, csv, jsonl")
    try:
        span = parse_duration(since)
    except ValueError as e:
        _fail(f"--since: {e}")
        return
    if speaker is not None and speaker not in {ld.id for ld in load_leaders()}:
        _fail(f"--speaker: {speaker!r} is not a speaker id of leaders.yaml (e.g. lukashenko, putin)")
    _ready()
    with session_scope() as s:
        views = echo_views(s, since=utcnow() - span, speaker=speaker, names=speaker_names(), limit=limit)
    if fmt == "jsonl":
        for v in views:
            sys.stdout.write(json.dumps(v.to_dict(), ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        cols = ["spoken_at", "speaker", "text", "echoed_at", "echoed_speaker", "echoed_text", "lag", "score",
                "frames", "words", "cross_language", "url", "echoed_url"]
        w.writerow(cols)
        for v in views:
            d = v.to_dict()
            w.writerow([";".join(d[c]) if isinstance(d[c], list) else d[c] for c in cols])
        return
    labels = frame_labels()
    t = Table("when", "speaker", "echoes", "lag", "score", "frames", "statement / echoed statement")
    for v in views:
        t.add_row(f"{v.spoken_at:%Y-%m-%d %H:%M}", _safe(v.speaker, 40), _safe(v.echoed_speaker, 40),
                  describe_lag(v.lag_seconds), f"{v.score:.2f}",
                  _safe(", ".join(labels.get(f, f) for f in v.frames), 120),
                  f"\u201c{_safe(v.text, 160)}\u201d\n\u201c{_safe(v.echoed_text, 160)}\u201d"
                  + (" (other language)" if v.cross_language else ""))
    out.print(t)
    err.print(f"{len(views)} echo(es) in the last {since}" + (f" involving {speaker}" if speaker else ""))
