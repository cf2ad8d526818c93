"""Pure helpers for the pages: article text cut into plain and highlighted pieces, pagination,
chart geometry, safe links. No I/O; the templates escape every piece of text they get."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from storage.search import QuoteRow


@dataclass
class Piece:
    text: str
    quote: QuoteRow | None = None


def highlight(body: str, quotes: Sequence[QuoteRow]) -> list[Piece]:
    """The body as pieces, each quote's span a piece of its own. A span out of the body's range
    or overlapping an earlier one is left unhighlighted (listed on the page instead)."""
    pieces: list[Piece] = []
    at = 0
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if q.start < at or q.end > len(body) or q.start >= q.end:
            continue
        if q.start > at:
            pieces.append(Piece(body[at:q.start]))
        pieces.append(Piece(body[q.start:q.end], q))
        at = q.end
    if at < len(body):
        pieces.append(Piece(body[at:]))
    return pieces


def unplaced(body: str, quotes: Sequence[QuoteRow], pieces: Sequence[Piece]) -> list[QuoteRow]:
    placed = {p.quote.id for p in pieces if p.quote is not None}
    return [q for q in quotes if q.id not in placed]


@dataclass
class Pager:
    page: int
    per_page: int
    total: int
    capped: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first(self) -> int:
        return 0 if self.total == 0 else (self.page - 1) * self.per_page + 1

    def last(self, shown: int) -> int:
        return self.first + shown - 1 if shown else 0


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string of the non-empty `params` with `changes` applied."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def safe_href(url: str | None) -> str | None:
    """An http(s) URL fit for an href (a scraped `javascript:` link is not one)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        return None
    return url.strip()


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    top: int
    ticks: list[tuple[float, str]]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _week_starts(today: date, weeks: int) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, this week's last."""
    monday = _monday(today)
    return [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def _week_ticks(starts: list[date], slot: float, left: float = 0) -> list[tuple[float, str]]:
    """About six dated ticks along a row of week slots."""
    return [(left + i * slot, starts[i].strftime("%d %b")) for i in range(0, len(starts), max(1, len(starts) // 6))]


def weekly_chart(days: Iterable[date], *, today: date, weeks: int = 26, width: int = 640,
                 height: int = 160) -> Chart:
    """Statements per week (Monday to Sunday) over the last `weeks` weeks, as SVG bar geometry."""
    starts = _week_starts(today, weeks)
    counts: Counter[date] = Counter()
    first = starts[0]
    for d in days:
        if d >= first:
            counts[_monday(d)] += 1
    top = max([1, *counts.values()])
    plot_h = height - 24
    slot = width / weeks
    bars = []
    for i, s in enumerate(starts):
        n = counts.get(s, 0)
        h = plot_h * n / top
        bars.append(Bar(x=i * slot + 1, y=plot_h - h, width=max(1.0, slot - 2), height=h,
                        label=f"week of {s.isoformat()}: {n}", count=n))
    return Chart(bars, width, height, top, _week_ticks(starts, slot))


@dataclass
class Cell:
    x: float
    y: float
    width: float
    height: float
    opacity: float
    label: str
    count: int


@dataclass
class FramesChart:
    """Frames per week: a row per frame (most used first), a cell per week, darker = more."""

    rows: list[tuple[float, str]]  # (y of the row's label, the frame's label)
    cells: list[Cell]
    width: int
    height: int
    top: int
    ticks: list[tuple[float, str]]
    left: int


def frames_chart(said: Iterable[tuple[date, Sequence[str]]], labels: dict[str, str], *, today: date,
                 weeks: int = 26, rows: int = 8, width: int = 640, left: int = 230, row_h: int = 18) -> FramesChart:
    """How often each frame was used per week (Monday to Sunday) over the last `weeks` weeks,
    from (day, frames) of a speaker's statements, as SVG geometry; the `rows` most used frames."""
    starts = _week_starts(today, weeks)
    first = starts[0]
    counts: Counter[tuple[str, date]] = Counter()
    total: Counter[str] = Counter()
    for d, frames in said:
        if d < first:
            continue
        wk = _monday(d)
        for f in dict.fromkeys(frames):
            counts[(f, wk)] += 1
            total[f] += 1
    shown = [f for f, _n in sorted(total.items(), key=lambda x: (-x[1], x[0]))[:rows]]
    top = max([1, *counts.values()])
    slot = (width - left) / weeks
    cells, row_labels = [], []
    for r, f in enumerate(shown):
        y = r * row_h + 4
        lab = labels.get(f, f)
        row_labels.append((y + row_h * 0.7, lab if len(lab) <= 40 else lab[:39] + "…"))
        for i, s in enumerate(starts):
            n = counts.get((f, s), 0)
            if n:
                cells.append(Cell(x=left + i * slot + 1, y=y, width=max(1.0, slot - 2), height=row_h - 3,
                                  opacity=round(0.25 + 0.75 * n / top, 2),
                                  label=f"{labels.get(f, f)}, week of {s.isoformat()}: {n}", count=n))
    height = len(shown) * row_h + 26
    return FramesChart(row_labels, cells, width, height, top, _week_ticks(starts, slot, left), left)


def fmt_time(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "-"
