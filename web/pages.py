"""The reading pages: quotes (search, export), a quote, an article with its quotes highlighted,
a speaker, alerts, digests, sources. Every query goes through storage/ (search.py for quotes)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, RedirectResponse, Response, StreamingResponse
from sqlalchemy import or_, select

from config.settings import get_settings
from web import auth
from web.app import reader, render
from web.views import Pager, frames_chart, highlight, unplaced, weekly_chart

router = APIRouter()

PER_PAGE = 50
ROW_ID_MAX = 2**63 - 1
EXPORT_MAX = 1_000_000  # rows in one export
FILTERS = ("speaker", "country", "topic", "source", "lang", "type", "since", "until", "q", "new_only")


def _params(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "").strip()[:500] for k in FILTERS if request.query_params.get(k)}


def _filter(params: dict[str, str]) -> Any:
    from storage.search import parse_filter

    return parse_filter(speaker=params.get("speaker"), country=params.get("country"), topic=params.get("topic"),
                        source=params.get("source"), lang=params.get("lang"), type_=params.get("type"),
                        since=params.get("since"), until=params.get("until"), search=params.get("q"),
                        new_only=params.get("new_only") in ("1", "on", "true"))


def _choices() -> dict[str, Any]:
    from config.leaders import load_leaders
    from config.topics import load_topics
    from storage.db import session_scope
    from storage.models import Source

    with session_scope() as s:
        sources = [(r.id, r.name) for r in s.scalars(select(Source).order_by(Source.id))]
    leaders = load_leaders()
    return {"leaders": [(ld.id, ld.name) for ld in sorted(leaders, key=lambda ld: ld.name)],
            "countries": sorted({ld.country for ld in leaders}),
            "topics": [t.id for t in load_topics()], "sources": sources,
            "types": ["direct", "indirect", "mixed", "transcript"], "langs": ["en", "ru"]}


@router.get("/")
def home(who: auth.Principal = Depends(reader)) -> Response:
    return RedirectResponse("/quotes", status_code=303)


@router.get("/quotes")
def quotes_page(request: Request, page: int = 1, who: auth.Principal = Depends(reader)) -> Response:
    from storage.db import session_scope
    from storage.search import search

    params = _params(request)
    page = min(max(1, page), 10_000)
    try:
        f = _filter(params)
    except ValueError as e:
        return render(request, "quotes.html", status_code=400, title="Quotes", params=params, error=str(e),
                      rows=[], pager=Pager(1, PER_PAGE, 0, False), **_choices())
    with session_scope() as s:
        result = search(s, f, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pager = Pager(page, PER_PAGE, result.total, result.total_capped)
    return render(request, "quotes.html", title="Quotes", params=params, error=None, rows=result.rows,
                  pager=pager, total_label=result.total_label, **_choices())


@router.get("/quotes.{fmt}")
def export(request: Request, fmt: str, limit: int = Query(EXPORT_MAX, ge=1, le=EXPORT_MAX),
           who: auth.Principal = Depends(reader)) -> Response:
    """Every quote the filter matches (up to `limit`), streamed: one batch of rows in memory at a
    time."""
    from storage.db import session_scope
    from storage.search import export_lines, stream

    if fmt not in ("csv", "jsonl"):
        raise HTTPException(404)
    try:
        f = _filter(_params(request))
    except ValueError as e:
        raise HTTPException(400, str(e)) from None

    def body() -> Iterator[bytes]:
        # lines are sent in chunks of about 64 kB: each chunk is one hop from the thread that reads
        # the database to the event loop, so a chunk per line would cost more than the query
        with session_scope() as s:
            chunk: list[str] = []
            size = 0
            for line in export_lines(stream(s, f, limit=limit), fmt):
                chunk.append(line)
                size += len(line)
                if size >= 65536:
                    yield "".join(chunk).encode("utf-8")
                    chunk, size = [], 0
            if chunk:
                yield "".join(chunk).encode("utf-8")

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(body(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="quotes-{stamp}.{fmt}"'})


def _alerts_for(s: Any, quote_id: int, cluster_id: int | None) -> list[dict[str, Any]]:
    from storage.models import Alert, Delivery

    conds = [Alert.quote_id == quote_id]
    if cluster_id is not None:
        conds.append(Alert.cluster_id == cluster_id)
    out = []
    for a in s.scalars(select(Alert).where(or_(*conds)).order_by(Alert.id.desc()).limit(100)):
        ds = list(s.scalars(select(Delivery).where(Delivery.alert_id == a.id).order_by(Delivery.id)))
        out.append({"alert": a, "deliveries": ds, "reason": (a.novelty or {}).get("reason")})
    return out


def _echoes_of(s: Any, quote_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """What the quote echoes (earlier statements), what echoes it (later ones), and its frames."""
    from alerts.echoes import describe_lag, echo_views, frame_labels, shown_words, speaker_names
    from storage.models import QuoteNarrative

    labels, names = frame_labels(), speaker_names()

    def row(v: Any, other: int, speaker: str, text: str, url: str) -> dict[str, Any]:
        return {"id": other, "speaker": speaker, "text": text, "url": url, "lag": describe_lag(v.lag_seconds),
                "score": round(v.score, 3), "frames": [labels.get(f, f) for f in v.frames],
                "words": shown_words(v.words)[:8], "cross": v.cross_language}

    echoes = [row(v, v.echoed_quote_id, v.echoed_speaker, v.echoed_text, v.echoed_url)
              for v in echo_views(s, quote_ids=[quote_id], names=names, limit=20)]
    echoed_by = [row(v, v.quote_id, v.speaker, v.text, v.url)
                 for v in echo_views(s, echoed_quote_ids=[quote_id], names=names, limit=20)]
    narr = s.get(QuoteNarrative, quote_id)
    frames = [labels.get(f["frame"], f["frame"]) for f in (narr.frames if narr else None) or []]
    return echoes, echoed_by, frames


@router.get("/quotes/{quote_id}")
def quote_page(request: Request, quote_id: int = PathParam(ge=1, le=ROW_ID_MAX), who: auth.Principal = Depends(reader)) -> Response:
    from storage.db import session_scope
    from storage.models import Article
    from storage.search import get_quote, paragraph, reprints

    with session_scope() as s:
        row = get_quote(s, quote_id)
        if row is None:
            raise HTTPException(404, f"no quote {quote_id}")
        art = s.get(Article, row.article_id)
        before, span, after = paragraph(art.body if art else "", row.start, row.end)
        again = reprints(s, row)
        alerts = _alerts_for(s, row.id, row.cluster_id)
        echoes, echoed_by, frames = _echoes_of(s, row.id)
    why = next((a["reason"] for a in alerts if a["reason"]), None)
    if why is None:
        why = ("the first statement of its cluster (no alert rule matched it)" if row.new
               else f"not new: it restates quote {row.cluster_id}")
    return render(request, "quote.html", title=f"Quote {row.id}", q=row, before=before, span=span, after=after,
                  reprints=again, alerts=alerts, why=why, echoes=echoes, echoed_by=echoed_by, frames=frames)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: int = PathParam(ge=1, le=ROW_ID_MAX), who: auth.Principal = Depends(reader)) -> Response:
    from storage.db import session_scope
    from storage.models import Article
    from storage.search import article_quotes

    with session_scope() as s:
        art = s.get(Article, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id}")
        quotes = article_quotes(s, article_id)
        pieces = highlight(art.body, quotes)
        return render(request, "article.html", title=art.title or f"Article {art.id}", art=art, pieces=pieces,
                      quotes=quotes, unplaced=unplaced(art.body, quotes, pieces))


@router.get("/speakers/{speaker_id}")
def speaker_page(request: Request, speaker_id: str, who: auth.Principal = Depends(reader)) -> Response:
    from alerts.echoes import frame_labels
    from config.leaders import load_leaders
    from storage.db import session_scope
    from storage.models import Quote, QuoteNarrative, Speaker
    from storage.search import QuoteFilter, search

    leader = next((ld for ld in load_leaders() if ld.id == speaker_id), None)
    today = datetime.now(UTC).date()
    start = datetime.combine(today - timedelta(weeks=26), datetime.min.time(), tzinfo=UTC)
    with session_scope() as s:
        row = s.get(Speaker, speaker_id)
        if row is None and leader is None:
            raise HTTPException(404, f"no speaker {speaker_id}")
        recent = s.execute(select(Quote.said_at, Quote.topics).where(
            Quote.speaker_id == speaker_id, Quote.said_at >= start).limit(200_000)).all()
        latest = search(s, QuoteFilter(speaker_ids=[speaker_id]), limit=20)
        said_frames = s.execute(select(QuoteNarrative.spoken_at, QuoteNarrative.frames).join(
            Quote, Quote.id == QuoteNarrative.quote_id).where(
            Quote.speaker_id == speaker_id, QuoteNarrative.spoken_at >= start).limit(200_000)).all()
    topics: Counter[str] = Counter(t for _, ts in recent for t in (ts or []))
    chart = weekly_chart((d.date() for d, _ in recent if d is not None), today=today)
    fchart = frames_chart(((d.date(), [f["frame"] for f in fr or []]) for d, fr in said_frames if d is not None),
                          frame_labels(), today=today)
    return render(request, "speaker.html", title=leader.name if leader else (row.name if row else speaker_id),
                  speaker_id=speaker_id, leader=leader, row=row, chart=chart, fchart=fchart,
                  topics=topics.most_common(),
                  latest=latest, total_recent=len(recent))


@router.get("/alerts")
def alerts_page(request: Request, who: auth.Principal = Depends(reader)) -> Response:
    from alerts.rules import load_rules
    from alerts.silences import active
    from config.leaders import load_leaders
    from storage.db import session_scope
    from storage.models import Alert, Delivery, Quote

    with session_scope() as s:
        items = []
        for a, q in s.execute(select(Alert, Quote).join(Quote, Quote.id == Alert.quote_id)
                              .order_by(Alert.id.desc()).limit(200)):
            ds = list(s.scalars(select(Delivery).where(Delivery.alert_id == a.id).order_by(Delivery.id)))
            items.append({"alert": a, "quote": q, "deliveries": ds, "reason": (a.novelty or {}).get("reason")})
        silences = active(s)
    try:
        rules = [r.id for r in load_rules()]
    except Exception:  # a broken rules.yaml still lets the page show the alerts
        rules = []
    return render(request, "alerts.html", title="Alerts", items=items, silences=silences, rules=rules,
                  leaders=[(ld.id, ld.name) for ld in sorted(load_leaders(), key=lambda ld: ld.name)],
                  notice=request.query_params.get("done", "")[:300])


_DIGEST_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_DIGEST_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGEST_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-[a-z0-9_-]{1,40})?\.(?:html|png)$")


def _digest_root() -> Path:
    return get_settings().data_dir / "digests"


@router.get("/digests")
def digests_page(request: Request, who: auth.Principal = Depends(reader)) -> Response:
    from storage.db import session_scope
    from storage.models import Digest

    root = _digest_root()
    with session_scope() as s:
        rows = {Path(d.archive_path).resolve(): d for d in s.scalars(select(Digest).order_by(Digest.id.desc())
                                                                      .limit(1000)) if d.archive_path}
    found = []
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and _DIGEST_NAME.match(p.name)):
            for html in sorted(folder.glob("*.html"), reverse=True)[:400]:
                if _DIGEST_DAY.match(html.stem):
                    d = rows.get(html.resolve())
                    found.append({"name": folder.name, "day": html.stem, "status": d.status if d else "preview",
                                  "stats": (d.stats if d else {}) or {}})
    found.sort(key=lambda x: (x["day"], x["name"]), reverse=True)
    return render(request, "digests.html", title="Digests", digests=found)


@router.get("/digests/{name}/{day}")
def digest_page(request: Request, name: str, day: str, who: auth.Principal = Depends(reader)) -> Response:
    if not _DIGEST_NAME.match(name) or not _DIGEST_DAY.match(day):
        raise HTTPException(404)
    folder = _digest_root() / name
    if not (folder / f"{day}.html").is_file():
        raise HTTPException(404, f"no digest {name} for {day}")
    charts = sorted(p.name for p in folder.glob(f"{day}-*.png") if _DIGEST_FILE.match(p.name))
    return render(request, "digest.html", title=f"Digest {name} {day}", name=name, day=day, charts=charts)


@router.get("/digests/{name}/{day}/file/{filename}")
def digest_file(name: str, day: str, filename: str, who: auth.Principal = Depends(reader)) -> Response:
    """The archived digest (HTML, shown sandboxed: no scripts, no forms) and its chart PNGs."""
    if not (_DIGEST_NAME.match(name) and _DIGEST_DAY.match(day) and _DIGEST_FILE.match(filename)
            and filename.startswith(day)):
        raise HTTPException(404)
    path = _digest_root() / name / filename
    if not path.is_file():
        raise HTTPException(404)
    if filename.endswith(".html"):
        return FileResponse(path, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; "
                                     "style-src 'unsafe-inline'; frame-ancestors 'self'"})
    return FileResponse(path, media_type="image/png")


@router.get("/sources")
def sources_page(request: Request, who: auth.Principal = Depends(reader)) -> Response:
    from storage.db import session_scope
    from storage.models import Article, CrawlRun
    from storage.sources import source_health

    days = 14
    today = datetime.now(UTC).date()
    start = datetime.combine(today - timedelta(days=days - 1), datetime.min.time(), tzinfo=UTC)
    with session_scope() as s:
        health = source_health(s)
        per_day: dict[str, Counter[str]] = defaultdict(Counter)
        for sid, seen in s.execute(select(Article.source_id, Article.first_seen_at)
                                   .where(Article.first_seen_at >= start).limit(500_000)):
            per_day[sid][seen.date().isoformat()] += 1
        failures: dict[str, list[CrawlRun]] = defaultdict(list)
        for run in s.scalars(select(CrawlRun).where(CrawlRun.status.in_(("failed", "blocked")))
                             .order_by(CrawlRun.id.desc()).limit(500)):
            if len(failures[run.source_id]) < 5:
                failures[run.source_id].append(run)
    labels = [(today - timedelta(days=days - 1 - i)).isoformat() for i in range(days)]
    return render(request, "sources.html", title="Sources", health=health, labels=labels, per_day=per_day,
                  failures=failures)
