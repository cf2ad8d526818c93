"""The daily digest: one period's data gathered from storage (`collect`), and its renderings
(HTML email / archive, Markdown archive, plain text, Slack Block Kit).

    data = collect(session, cfg, Period(start, end), leaders=...)
    charts = draw_charts(data)                       # {"volume": png, "heatmap": png}
    email = render_email(data, charts)               # subject, text, html (cid: images), images
    html = render_html(data, charts, inline=False)   # the archive: images as data: URIs

Every string that comes from a scraped page (quote text, speaker names not in the registry,
titles, source names, error messages) is treated as hostile: the HTML templates autoescape;
the Markdown template escapes every `{{ }}` through `md_escape` unless the value is an
`MdSafe` fragment built here from escaped parts; Slack texts go through `alerts.render`'s
`slack_escape`/`slack_fit`/`slack_link`. Links are only made for http(s) URLs.
"""
from __future__ import annotations

import base64
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import quote as url_quote
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.charts import COUNTRY_NAMES, heatmap_chart, volume_chart
from alerts.render import (
    TEMPLATES_DIR,
    clean,
    one_line,
    safe_url,
    slack_escape,
    slack_fit,
    slack_link,
    truncate,
)
from config.digests import DigestConfig
from config.leaders import Leader
from storage.models import Alert, Article, Quote, Source, Speaker
from storage.sources import PROBLEM_STATES, source_health

QUOTE_CHARS_EMAIL = 600
QUOTE_CHARS_ARCHIVE = 4000
ARCHIVE_MAX_QUOTES = 500
LIST_MAX = 50  # alerts and sources listed per section
EMAIL_HTML_BUDGET = 95_000  # bytes; Gmail clips a message body beyond ~102 KB
CHART_IDS = ("volume", "heatmap", "frames")


# ---------------------------------------------------------------------------------------------
# the data


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC-aware datetimes; `zone` names the digest's local time."""

    start: datetime
    end: datetime
    zone: str = "UTC"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def local_date(self) -> date:
        """The date the digest is for: the local date of its end (the morning it is sent)."""
        return self.end.astimezone(self.tz).date()

    def local(self, when: datetime | None) -> str:
        if when is None:
            return "never"
        return when.astimezone(self.tz).strftime("%Y-%m-%d %H:%M %Z")


@dataclass
class QuoteItem:
    quote_id: int
    cluster_id: int
    speaker_id: str | None
    speaker: str
    text: str
    type: str
    lang: str
    topics: list[str]
    url: str | None  # http(s) only
    raw_url: str
    source_name: str
    article_title: str
    published_at: datetime | None
    first_seen_at: datetime
    also_reported_by: list[str] = field(default_factory=list)
    reprints: int = 0  # other articles carrying the same statement
    # the same statement in other languages (cross-language versions in its cluster): (lang, text, url)
    versions: list[tuple[str, str, str | None]] = field(default_factory=list)


@dataclass
class SpeakerSection:
    speaker_id: str | None
    name: str
    country: str | None
    role: str | None
    quotes: list[QuoteItem]


@dataclass
class AlertItem:
    alert_id: int
    rule_id: str
    status: str
    severity: str
    speaker: str
    text: str
    url: str | None
    source_name: str
    created_at: datetime
    reason: str


@dataclass
class SourceItem:
    source_id: str
    name: str
    problem: str  # a state of storage.sources.PROBLEM_STATES: failing | paused | degraded | silent
    detail: str
    consecutive_failures: int
    last_success_at: datetime | None
    last_new_article_at: datetime | None
    last_error: str | None


@dataclass
class Headline:
    statements: int = 0  # new statements (quote clusters first seen in the period)
    quotes: int = 0  # quote rows in the period, reprints included
    speakers: int = 0
    articles: int = 0
    alerts_sent: int = 0
    alerts_held: int = 0
    alerts_pending: int = 0
    sources_failing: int = 0  # failing or paused
    sources_degraded: int = 0
    sources_silent: int = 0


@dataclass
class ChartData:
    days: list[date]
    # volume[topic][country] = statements per day
    volume: dict[str, dict[str, list[int]]]
    heat_rows: list[str]
    heat_columns: list[str]
    heat_counts: list[list[int]]
    # frames[frame label][country] = statements per day using the frame (the busiest frames)
    frames: dict[str, dict[str, list[int]]] = field(default_factory=dict)


@dataclass
class EchoItem:
    """A watched speaker's statement first seen in the period that echoes an earlier one."""

    speaker: str
    text: str
    url: str | None
    echoed_speaker: str
    echoed_text: str
    echoed_url: str | None
    lag: str
    score: float
    frames: list[str]
    words: list[str]
    cross_language: bool


@dataclass
class DigestData:
    name: str
    title: str
    period: Period
    headline: Headline
    speakers: list[SpeakerSection]
    alerts_sent: list[AlertItem]
    alerts_held: list[AlertItem]
    alerts_pending: list[AlertItem]
    sources: list[SourceItem]
    charts: ChartData
    empty_day: str = "brief"  # send | brief | skip
    echoes: list[EchoItem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing new: no new statements and no alerts in the period."""
        h = self.headline
        return h.statements == 0 and h.alerts_sent == 0 and h.alerts_held == 0 and h.alerts_pending == 0

    @property
    def brief(self) -> bool:
        return self.empty and self.empty_day == "brief"

    @property
    def skip(self) -> bool:
        return self.empty and self.empty_day == "skip"

    @property
    def date_label(self) -> str:
        return self.period.local_date.isoformat()

    @property
    def subject(self) -> str:
        h = self.headline
        if self.empty:
            return f"{self.title} — {self.date_label}: nothing new"
        parts = [f"{h.statements} new statement{'s' if h.statements != 1 else ''}"]
        if h.alerts_sent:
            parts.append(f"{h.alerts_sent} alert{'s' if h.alerts_sent != 1 else ''}")
        issues = h.sources_failing + h.sources_degraded + h.sources_silent
        if issues:
            parts.append(f"{issues} source issue{'s' if issues != 1 else ''}")
        return f"{self.title} — {self.date_label}: " + ", ".join(parts)

    def stats(self) -> dict[str, Any]:
        h = self.headline
        return {k: getattr(h, k) for k in h.__dataclass_fields__} | {"empty": self.empty}


def collect(
    session: Session,
    cfg: DigestConfig,
    period: Period,
    *,
    leaders: Mapping[str, Leader],
    now: datetime | None = None,
) -> DigestData:
    """One period's digest, read from storage: the new statements by speaker, the alerts, the
    sources in trouble (as `mouthpiece status` sees them at the period's end, or now if that
    is earlier), and 30 days of counts for the charts."""
    people = SpeakerBook(session, leaders)
    statements, quotes_seen = new_statements(session, cfg, period, people)
    sections = speaker_sections(statements, cfg, period, people, leaders)
    alerts = period_alerts(session, cfg, period, people)
    troubled = source_problems(session, period, min(period.end, now) if now else period.end)
    headline = Headline(
        statements=len(statements),
        quotes=quotes_seen,
        speakers=len(sections),
        articles=articles_seen(session, period),
        alerts_sent=len(alerts["sent"]),
        alerts_held=len(alerts["held"]),
        alerts_pending=len(alerts["pending"]),
        sources_failing=sum(1 for t in troubled if t.problem in ("failing", "paused")),
        sources_degraded=sum(1 for t in troubled if t.problem == "degraded"),
        sources_silent=sum(1 for t in troubled if t.problem == "silent"),
    )
    return DigestData(
        name=cfg.name, title=cfg.title, period=period, headline=headline, speakers=sections,
        alerts_sent=alerts["sent"], alerts_held=alerts["held"], alerts_pending=alerts["pending"],
        sources=troubled, charts=_chart_data(session, cfg, period, people),
        empty_day=cfg.empty_day, echoes=period_echoes(session, period, people),
    )


class SpeakerBook:
    """Names and countries of speaker ids: the leader registry first, then the stored rows."""

    def __init__(self, session: Session, leaders: Mapping[str, Leader]) -> None:
        self.leaders = leaders
        self.rows = {s.id: s for s in session.scalars(select(Speaker))}

    def country(self, speaker_id: str | None) -> str | None:
        if speaker_id is None:
            return None
        ld = self.leaders.get(speaker_id)
        if ld is not None:
            return ld.country
        row = self.rows.get(speaker_id)
        return row.country if row else None

    def name(self, speaker_id: str | None, fallback: str | None) -> str:
        ld = self.leaders.get(speaker_id or "")
        if ld is not None:
            return ld.name
        row = self.rows.get(speaker_id or "")
        return row.name if row else (fallback or "unknown speaker")


_Sighting = tuple[Quote, Article, Source]


def new_statements(session: Session, cfg: DigestConfig, period: Period,
                   people: SpeakerBook) -> tuple[list[QuoteItem], int]:
    """The statements first seen in the period by the speakers the digest covers (a statement is
    a quote cluster: its reprints count once, under its first sighting), and how many quote rows
    the period holds for them, reprints included."""
    in_period: list[_Sighting] = [(q, a, s) for q, a, s in session.execute(
        select(Quote, Article, Source)
        .join(Article, Quote.article_id == Article.id)
        .join(Source, Article.source_id == Source.id)
        .where(Article.first_seen_at >= period.start, Article.first_seen_at < period.end))]
    covered = [t for t in in_period if cfg.speakers.covers(t[0].speaker_id, people.country(t[0].speaker_id))]
    clusters = _sightings_by_cluster(session, {q.cluster_id or q.id for q, _a, _s in covered}, period.end)
    items = []
    for key, group in clusters.items():
        group.sort(key=lambda t: (t[1].first_seen_at, t[1].published_at or t[1].first_seen_at, t[0].id))
        if group[0][1].first_seen_at >= period.start:  # else said before: a reprint, not new rhetoric
            items.append(_statement(key, group, people))
    return items, len(covered)


def _sightings_by_cluster(session: Session, keys: set[int], before: datetime) -> dict[int, list[_Sighting]]:
    """Every sighting (quote, article, source) of the clusters `keys` seen before `before`."""
    members: dict[int, list[_Sighting]] = defaultdict(list)
    ordered = sorted(keys)
    for i in range(0, len(ordered), 500):  # bounded IN lists
        chunk = ordered[i:i + 500]
        for q, a, s in session.execute(
                select(Quote, Article, Source)
                .join(Article, Quote.article_id == Article.id)
                .join(Source, Article.source_id == Source.id)
                .where((Quote.cluster_id.in_(chunk)) | (Quote.id.in_(chunk)))
                .where(Article.first_seen_at < before)):
            key = q.cluster_id or q.id
            if key in keys:
                members[key].append((q, a, s))
    return members


def _statement(key: int, group: list[_Sighting], people: SpeakerBook) -> QuoteItem:
    """A statement as its first sighting, with who else reported it."""
    q, a, s = group[0]
    others: list[str] = []
    for _q2, _a2, s2 in group[1:]:
        if s2.name != s.name and s2.name not in others:
            others.append(s2.name)
    versions: list[tuple[str, str, str | None]] = []
    for q2, a2, _s2 in group[1:]:
        if q2.lang != q.lang and all(v[0] != q2.lang for v in versions):
            versions.append((q2.lang, q2.text, safe_url(a2.canonical_url or a2.url)))
    return QuoteItem(
        versions=versions,
        quote_id=q.id, cluster_id=key, speaker_id=q.speaker_id,
        speaker=people.name(q.speaker_id, q.speaker_name), text=q.text, type=q.type, lang=q.lang,
        topics=list(q.topics or []), url=safe_url(a.canonical_url or a.url), raw_url=a.canonical_url or a.url,
        source_name=s.name, article_title=a.title, published_at=a.published_at,
        first_seen_at=a.first_seen_at, also_reported_by=others,
        reprints=len({a2.id for _q2, a2, _s2 in group if a2.id != a.id}),
    )


def period_echoes(session: Session, period: Period, people: SpeakerBook) -> list[EchoItem]:
    """Echoes of reference speakers by statements first seen in the period ("Echoes of Moscow")."""
    from alerts.echoes import describe_lag, echo_views, frame_labels, shown_words

    labels = frame_labels()
    names = {sid: people.name(sid, sid) for sid in people.leaders}
    out: list[EchoItem] = []
    seen: set[tuple[int, int]] = set()
    for v in echo_views(session, seen_since=period.start, seen_until=period.end, names=names, limit=LIST_MAX * 4):
        key = (v.cluster_id, v.echoed_cluster_id)
        if key in seen:  # a reprint, or the other language version, of a pair already listed
            continue
        seen.add(key)
        out.append(EchoItem(v.speaker, v.text, safe_url(v.url), v.echoed_speaker, v.echoed_text,
                            safe_url(v.echoed_url), describe_lag(v.lag_seconds), v.score,
                            [labels.get(f, f) for f in v.frames], shown_words(v.words), v.cross_language))
    return out[:LIST_MAX]


def speaker_sections(statements: list[QuoteItem], cfg: DigestConfig, period: Period, people: SpeakerBook,
                     leaders: Mapping[str, Leader]) -> list[SpeakerSection]:
    """Statements grouped by speaker: the most active first, then the configured countries'
    order, then the name; each speaker's statements in the order they were first seen."""
    by_speaker: dict[str, list[QuoteItem]] = defaultdict(list)
    for it in statements:
        by_speaker[it.speaker_id or it.speaker].append(it)
    sections = []
    for quotes in by_speaker.values():
        quotes.sort(key=lambda it: it.first_seen_at)
        sid = quotes[0].speaker_id
        leader = leaders.get(sid or "")
        sections.append(SpeakerSection(
            speaker_id=sid, name=quotes[0].speaker, country=people.country(sid),
            role=leader.role_on(period.local_date) if leader else None, quotes=quotes,
        ))
    order = {c: i for i, c in enumerate(cfg.compare.countries)}
    sections.sort(key=lambda s: (-len(s.quotes), order.get(s.country or "", 99), s.name))
    return sections


def period_alerts(session: Session, cfg: DigestConfig, period: Period,
                  people: SpeakerBook) -> dict[str, list[AlertItem]]:
    """The alerts created in the period (of the digest's rules), as sent / held / pending; a
    silenced alert counts as held: the digest is where it is seen."""
    out: dict[str, list[AlertItem]] = {"sent": [], "held": [], "pending": []}
    for al, q, a, s in session.execute(
            select(Alert, Quote, Article, Source)
            .join(Quote, Alert.quote_id == Quote.id)
            .join(Article, Quote.article_id == Article.id)
            .join(Source, Article.source_id == Source.id)
            .where(Alert.created_at >= period.start, Alert.created_at < period.end)
            .order_by(Alert.created_at)):
        if cfg.rules and al.rule_id not in cfg.rules:
            continue
        bucket = "sent" if al.status == "sent" else "held" if al.status in ("held", "silenced") else "pending"
        out[bucket].append(AlertItem(
            alert_id=al.id, rule_id=al.rule_id, status=al.status, severity=al.severity,
            speaker=people.name(q.speaker_id, q.speaker_name), text=q.text, url=safe_url(a.canonical_url),
            source_name=s.name, created_at=al.created_at, reason=str((al.novelty or {}).get("reason", "")),
        ))
    return out


def source_problems(session: Session, period: Period, at: datetime) -> list[SourceItem]:
    """The enabled sources in trouble at `at`, in `storage.sources`' words (the same as
    `mouthpiece status`), with times in the digest's zone."""
    out = []
    for h in source_health(session, at, enabled_only=True):
        if h["status"] not in PROBLEM_STATES:
            continue
        if h["status"] == "paused":
            detail = f"paused until {period.local(h['paused_until'])}"
        elif h["status"] in ("failing", "degraded"):
            detail = f"{h['summary']}; last success {period.local(h['last_success_at'])}"
        else:
            detail = h["summary"] or ""
        out.append(SourceItem(
            source_id=h["id"], name=h["name"], problem=h["status"], detail=detail,
            consecutive_failures=h["consecutive_failures"], last_success_at=h["last_success_at"],
            last_new_article_at=h["last_new_article_at"], last_error=h["cause"]))
    return out


def articles_seen(session: Session, period: Period) -> int:
    return int(session.scalar(select(func.count(Article.id)).where(
        Article.first_seen_at >= period.start, Article.first_seen_at < period.end)) or 0)


def _chart_data(session: Session, cfg: DigestConfig, period: Period, people: SpeakerBook) -> ChartData:
    """Statements (clusters counted once, on the day first seen) per day, topic and country,
    and per speaker and topic, over the `compare.days` days ending with the period."""
    ndays = cfg.compare.days
    last_day = (period.end - timedelta(microseconds=1)).astimezone(period.tz).date()
    days = [last_day - timedelta(days=ndays - 1 - i) for i in range(ndays)]
    since = datetime.combine(days[0], datetime.min.time(), tzinfo=period.tz)
    topics, countries = cfg.compare.topics, cfg.compare.countries
    rows = session.execute(
        select(Quote.id, Quote.cluster_id, Quote.speaker_id, Quote.topics, Article.first_seen_at)
        .join(Article, Quote.article_id == Article.id)
        .where(Article.first_seen_at >= since, Article.first_seen_at < period.end)
        .where(Quote.speaker_id.is_not(None))
    ).all()
    first: dict[int, tuple[datetime, str | None, list[str]]] = {}
    for qid, cid, sid, qtopics, seen in rows:
        key = cid or qid
        if key not in first or seen < first[key][0]:
            first[key] = (seen, sid, list(qtopics or []))
    index = {d: i for i, d in enumerate(days)}
    volume = {t: {c: [0] * ndays for c in countries} for t in topics}
    heat: dict[str, Counter[str]] = defaultdict(Counter)
    for seen, sid, qtopics in first.values():
        country = people.country(sid)
        if sid is None or country not in countries:
            continue
        i = index.get(seen.astimezone(period.tz).date())
        for t in qtopics:
            if t in volume:
                if i is not None:
                    volume[t][country][i] += 1
                heat[sid][t] += 1
    frames = _frame_series(session, days, since, period, countries)
    order = {c: i for i, c in enumerate(countries)}
    ranked = sorted(heat, key=lambda sid: (order.get(people.country(sid) or "", 99), -sum(heat[sid].values()), sid))[:14]
    heat_rows = [f"{people.name(sid, sid)} ({people.country(sid)})" for sid in ranked]
    return ChartData(days=days, volume=volume, heat_rows=heat_rows, heat_columns=list(topics),
                     heat_counts=[[heat[sid][t] for t in topics] for sid in ranked], frames=frames)


FRAME_PANELS = 4  # the busiest frames charted


def _frame_series(session: Session, days: list[date], since: datetime, period: Period,
                  countries: list[str]) -> dict[str, dict[str, list[int]]]:
    """Statements per day using each frame, per speaker country, by when they were made (a
    statement and its reprints and language versions count once: one cluster), for the
    busiest frames of the window."""
    from alerts.echoes import frame_labels
    from storage.models import QuoteFrame, QuoteNarrative

    rows = session.execute(
        select(QuoteFrame.frame_id, QuoteNarrative.speaker_country, QuoteNarrative.spoken_at, Quote.cluster_id,
               Quote.id)
        .join(QuoteNarrative, QuoteNarrative.quote_id == QuoteFrame.quote_id)
        .join(Quote, Quote.id == QuoteFrame.quote_id)
        .where(QuoteNarrative.spoken_at >= since, QuoteNarrative.spoken_at < period.end,
               QuoteNarrative.speaker_country.in_(countries)))
    index = {d: i for i, d in enumerate(days)}
    seen: set[tuple[str, int]] = set()
    per: dict[str, dict[str, list[int]]] = {}
    for frame_id, country, spoken, cluster, qid in rows:
        day = index.get(spoken.astimezone(period.tz).date())
        if day is None or country is None or (frame_id, cluster or qid) in seen:
            continue
        seen.add((frame_id, cluster or qid))
        per.setdefault(frame_id, {c: [0] * len(days) for c in countries})[country][day] += 1
    labels = frame_labels()
    busiest = sorted(per, key=lambda f: (-sum(sum(v) for v in per[f].values()), f))[:FRAME_PANELS]
    return {labels.get(f, f): per[f] for f in busiest}


def draw_charts(data: DigestData) -> dict[str, bytes]:
    """The two PNGs: {"volume": ..., "heatmap": ...}."""
    c = data.charts
    names = " vs ".join(COUNTRY_NAMES.get(k, k) for k in next(iter(c.volume.values()), {}))
    charts = {
        "volume": volume_chart(c.days, c.volume, title=f"{names}: statements per day, last {len(c.days)} days"),
        "heatmap": heatmap_chart(c.heat_rows, c.heat_columns, c.heat_counts,
                                 title=f"Statements by speaker and topic, last {len(c.days)} days"),
    }
    if c.frames:
        charts["frames"] = volume_chart(c.days, c.frames, panel_prefix="", label_limit=80,
                                        title=f"{names}: narrative frames per day (by when said), "
                                              f"last {len(c.days)} days")
    return charts


# ---------------------------------------------------------------------------------------------
# escaping for Markdown

# Every ASCII punctuation character may be backslash-escaped in CommonMark; we escape the ones
# that can start or end markup. <, > and & become entities so no raw HTML survives.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:\"'$])")


class MdSafe(str):
    """A Markdown fragment already built from escaped parts (passes `md_escape` unchanged)."""

    __slots__ = ()


def md_escape(value: object) -> str:
    """Scraped text made inert in Markdown: one line, punctuation escaped, HTML as entities."""
    if isinstance(value, MdSafe):
        return str(value)
    if value is None:
        return ""
    text = one_line(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_link(url: str | None, label: object) -> MdSafe:
    """`[label](<url>)` for an http(s) URL, else the escaped label alone."""
    good = safe_url(url)
    text = md_escape(label) or md_escape(url)
    if good is None:
        return MdSafe(text)
    href = url_quote(good, safe="/:?#@!$&'*+,;=%~-._")  # ( ) < > [ ] and spaces percent-encoded
    return MdSafe(f"[{text}](<{href}>)")


def _md_finalize(value: object) -> object:
    if isinstance(value, MdSafe | int | float):
        return value
    return md_escape(value)


def _text_finalize(value: object) -> object:
    return value if isinstance(value, int | float) else clean(value)


@lru_cache(maxsize=4)
def _env(kind: str) -> Environment:
    if kind == "html":
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        )
    else:
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=False, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            finalize=_md_finalize if kind == "md" else _text_finalize,
        )
    env.filters["one_line"] = one_line
    env.filters["cut"] = lambda v, n: truncate(one_line(v), int(n))
    env.filters["md_link"] = md_link
    env.filters["country"] = lambda c: COUNTRY_NAMES.get(str(c), str(c or ""))
    return env


def _context(data: DigestData, max_quotes: int, quote_chars: int) -> dict[str, Any]:
    shown: list[SpeakerSection] = []
    left = max_quotes
    for sec in data.speakers:
        if left <= 0:
            break
        take = sec.quotes[:left]
        left -= len(take)
        shown.append(SpeakerSection(sec.speaker_id, sec.name, sec.country, sec.role, take))
    listed = sum(len(s.quotes) for s in shown)
    return {
        "d": data,
        "h": data.headline,
        "p": data.period,
        "speakers": shown,
        "omitted_quotes": data.headline.statements - listed,
        "quote_chars": quote_chars,
        "alerts_sent": data.alerts_sent[:LIST_MAX],
        "alerts_held": data.alerts_held[:LIST_MAX],
        "alerts_pending": data.alerts_pending[:LIST_MAX],
        "sources": data.sources[:LIST_MAX],
        "echoes": data.echoes[:LIST_MAX],
        "local": lambda when: MdSafe(data.period.local(when)),  # our own format: safe everywhere
        "brief": data.brief,
    }


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(data: DigestData, charts: Mapping[str, bytes], *, inline: bool = False,
                max_quotes: int = ARCHIVE_MAX_QUOTES, quote_chars: int = QUOTE_CHARS_ARCHIVE,
                archive_link: str | None = None) -> str:
    """The HTML digest. `inline=True` (email): images as `cid:<name>`; else embedded as
    `data:` URIs (the archive opens anywhere, offline)."""
    images = {k: (f"cid:{k}" if inline else _data_uri(v)) for k, v in charts.items()}
    return _env("html").get_template("digest.html").render(
        **_context(data, max_quotes, quote_chars), images=images, archive_link=safe_url(archive_link),
        email=inline,
    )


def render_markdown(data: DigestData, image_files: Mapping[str, str] | None = None,
                    *, max_quotes: int = ARCHIVE_MAX_QUOTES) -> str:
    """The Markdown archive; charts referenced by the relative file names in `image_files`."""
    images = {k: MdSafe(url_quote(v, safe="/-._")) for k, v in (image_files or {}).items()}
    return _env("md").get_template("digest.md").render(
        **_context(data, max_quotes, QUOTE_CHARS_ARCHIVE), images=images, MdSafe=MdSafe,
    )


def render_text(data: DigestData, *, max_quotes: int = ARCHIVE_MAX_QUOTES, quote_chars: int = QUOTE_CHARS_EMAIL,
                archive_link: str | None = None) -> str:
    return _env("text").get_template("digest.txt").render(
        **_context(data, max_quotes, quote_chars), archive_link=archive_link,
    )


@dataclass
class EmailParts:
    subject: str
    text: str
    html: str
    images: dict[str, bytes]

    @property
    def size(self) -> int:
        """Bytes of the HTML and text bodies (what Gmail's ~102 KB clipping counts)."""
        return len(self.html.encode("utf-8")) + len(self.text.encode("utf-8"))


def render_email(data: DigestData, charts: Mapping[str, bytes], *, max_quotes: int = 30,
                 archive_link: str | None = None) -> EmailParts:
    """Subject, text and HTML (images by `cid:`), fitted under the clipping budget by listing
    fewer quotes (the rest are counted and left to the archive)."""
    images = {} if data.brief else dict(charts)
    n, chars = max_quotes, QUOTE_CHARS_EMAIL
    while True:
        html = render_html(data, images, inline=True, max_quotes=n, quote_chars=chars, archive_link=archive_link)
        text = render_text(data, max_quotes=n, quote_chars=chars, archive_link=archive_link)
        parts = EmailParts(one_line(data.subject, 200), text, html, images)
        if parts.size <= EMAIL_HTML_BUDGET or (n <= 1 and chars <= 200):
            return parts
        n, chars = max(1, n * 2 // 3), max(200, chars * 3 // 4)


# ---------------------------------------------------------------------------------------------
# Slack


def slack_blocks(data: DigestData, archive_link: str | None, archive_path: str | None = None,
                 *, top: int = 8) -> tuple[list[dict[str, Any]], str]:
    """A Block Kit summary (headline numbers, the most active speakers, alerts, source health)
    and its fallback text. Every scraped string escaped."""
    h = data.headline
    blocks: list[dict[str, Any]] = [{
        "type": "header",
        "text": {"type": "plain_text", "emoji": True,
                 "text": one_line(f"{data.title} — {data.date_label}", 150)},
    }, {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": slack_escape(
            f"{data.period.local(data.period.start)} → {data.period.local(data.period.end)}")}],
    }]
    if data.empty:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "*Nothing new* in this period."}})
    fields = [
        f"*New statements*\n{h.statements}",
        f"*Quotes incl. reprints*\n{h.quotes}",
        f"*Speakers*\n{h.speakers}",
        f"*Articles*\n{h.articles}",
        f"*Alerts sent / held*\n{h.alerts_sent} / {h.alerts_held}",
        f"*Sources failing / degraded / silent*\n{h.sources_failing} / {h.sources_degraded} / {h.sources_silent}",
    ]
    blocks.append({"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]})
    if not data.brief:
        for sec in data.speakers[:top]:
            lines = [f"*{slack_fit(sec.name, 200)}* ({slack_fit(sec.country or '?', 8)}) — "
                     f"{len(sec.quotes)} new statement{'s' if len(sec.quotes) != 1 else ''}"]
            for q in sec.quotes[:2]:
                text = slack_fit(truncate(one_line(q.text), 280), 600)
                link = slack_link(q.url, q.source_name, 400)
                extra = f", also {q.reprints} reprint{'s' if q.reprints != 1 else ''}" if q.reprints else ""
                lines.append(f">“{text}” — {link}{extra}")
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}})
        if len(data.speakers) > top:
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                           f"and {len(data.speakers) - top} more speakers in the digest"}]})
    if data.sources:
        names = ", ".join(f"{s.name} ({s.problem})" for s in data.sources[:15])
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                       "text": ":warning: *Source health:* " + slack_fit(names, 2500)}})
    if archive_link and safe_url(archive_link):
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                       "text": "Full digest with charts: " + slack_link(archive_link, "open the archive", 2000)}})
    elif archive_path:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn",
                       "text": "Archive: " + slack_fit(archive_path, 1500)}]})
    fallback = slack_fit(data.subject, 3000)
    return blocks, fallback


def archive_link_for(cfg: DigestConfig, local_date: date) -> str | None:
    if not cfg.archive_url:
        return None
    return cfg.archive_url.replace("{name}", cfg.name).replace("{date}", local_date.isoformat())


def iter_quotes(data: DigestData) -> Iterable[QuoteItem]:
    for sec in data.speakers:
        yield from sec.quotes


__all__ = [
    "Period", "QuoteItem", "SpeakerSection", "AlertItem", "SourceItem", "Headline", "ChartData",
    "DigestData", "EmailParts", "MdSafe", "collect", "draw_charts", "render_html", "render_markdown",
    "render_text", "render_email", "slack_blocks", "md_escape", "md_link", "archive_link_for",
    "iter_quotes", "CHART_IDS",
]
