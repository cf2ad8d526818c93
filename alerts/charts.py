"""The digest's pictures: PNG bytes drawn with matplotlib's Agg canvas (no pyplot, no display).

- `volume_chart`: daily quote volume over the last N days, one panel per topic, one line per
  country (Belarus against Russia on NATO and on Ukraine);
- `heatmap_chart`: speakers x topics, the number of statements in the same window.

Figures are built with the object API (`Figure` + `FigureCanvasAgg`), so charts can be drawn
in worker threads without touching global state. Labels never go through mathtext (a `$` in
a name is shown as typed). PNGs are palette-quantised to keep the email small.
"""
from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

COUNTRY_NAMES = {"BY": "Belarus", "RU": "Russia", "UA": "Ukraine", "INT": "International"}
COLORS = ["#c0392b", "#2c3e50", "#2980b9", "#27ae60"]
DPI = 100


def _label(text: str, limit: int = 40) -> str:
    """Text for a chart label: one line, cut, with `$` escaped so mathtext never parses it."""
    one = " ".join(str(text).split())
    if len(one) > limit:
        one = one[: limit - 1] + "…"
    return one.replace("$", r"\$")


def _png(fig: Figure, colors: int = 64) -> bytes:
    FigureCanvasAgg(fig)  # attaches the Agg canvas to the figure
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    # Palette quantisation: a flat-colour chart loses nothing visible and shrinks 3-5x.
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    out = io.BytesIO()
    img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT).save(out, format="PNG", optimize=True)
    return out.getvalue()


def volume_chart(
    days: Sequence[date],
    series: Mapping[str, Mapping[str, Sequence[int]]],
    *,
    title: str = "Quote volume",
    panel_prefix: str = "on ",
    label_limit: int = 40,
) -> bytes:
    """One panel per topic (or frame); in each, one line per country. `series[topic][country]`
    holds one count per day of `days`. Panels are titled `panel_prefix + topic`."""
    topics = list(series)
    n = max(1, len(topics))
    fig = Figure(figsize=(6.4, 1.55 + 1.35 * n), dpi=DPI)
    axes = fig.subplots(n, 1, sharex=True, squeeze=False)[:, 0]
    x = list(range(len(days)))
    for ax, topic in zip(axes, topics or [""], strict=False):
        lines = series.get(topic, {})
        top = 0
        for i, (country, counts) in enumerate(lines.items()):
            values = list(counts)
            top = max([top, *values])
            ax.plot(x, values, color=COLORS[i % len(COLORS)], linewidth=1.8, marker="o", markersize=2.5,
                    label=_label(COUNTRY_NAMES.get(country, country)))
            ax.fill_between(x, values, color=COLORS[i % len(COLORS)], alpha=0.08)
        ax.set_title(_label(f"{panel_prefix}{topic}", label_limit), loc="left", fontsize=9)
        ax.set_ylim(0, max(2, top) * 1.15)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelsize=8)
        if lines:
            ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=len(lines))
    if days:
        step = max(1, len(days) // 6)
        ticks = list(range(0, len(days), step))
        if ticks[-1] != len(days) - 1:
            ticks.append(len(days) - 1)
        axes[-1].set_xticks(ticks, labels=[days[t].strftime("%d %b") for t in ticks])
    fig.suptitle(_label(title, 80), fontsize=10, x=0.01, ha="left")
    fig.tight_layout()
    return _png(fig)


def heatmap_chart(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    title: str = "Statements by speaker and topic",
) -> bytes:
    """A speakers x topics grid of counts, each cell labelled with its number."""
    nrows, ncols = max(1, len(rows)), max(1, len(columns))
    grid = [list(r) for r in counts] if rows and columns else [[0] * ncols]
    fig = Figure(figsize=(2.6 + 1.0 * ncols, 1.0 + 0.32 * nrows), dpi=DPI)
    ax = fig.subplots()
    top = max([1, *(v for r in grid for v in r)])
    ax.imshow(grid, cmap="Reds", vmin=0, vmax=top, aspect="auto")
    ax.set_xticks(range(ncols), labels=[_label(c, 20) for c in columns] or [""], fontsize=8)
    ax.set_yticks(range(nrows), labels=[_label(r, 36) for r in rows] or [""], fontsize=8)
    ax.xaxis.tick_top()
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                    color="white" if v > top * 0.6 else "#222222")
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    if not rows:
        ax.text(0, 0, "no statements", ha="center", va="center", fontsize=8, color="#777777")
    fig.suptitle(_label(title, 80), fontsize=10, x=0.01, ha="left")
    fig.tight_layout()
    return _png(fig, colors=32)


__all__ = ["volume_chart", "heatmap_chart", "COUNTRY_NAMES"]
