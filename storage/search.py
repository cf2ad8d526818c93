"""Reading quotes back: the one query interface of the CLI (`mouthpiece quotes`) and the web app.

- `QuoteFilter` holds what an analyst can ask: speaker, country, topic, source, language, type,
  a time window on when the statement was made (`said_at`: the article's publication time, else
  when it was first seen), full text, and "new only" (the first statement of its cluster).
- `search` returns one page of `QuoteRow`s, newest statement first, with a total capped at
  `COUNT_CAP` (counting a million matches exactly would cost more than the page; full-text
  matches on PostgreSQL at `PG_TEXT_COUNT_CAP`);
  `stream` yields every match in the same order in batches (CSV/JSONL export, flat memory).
- Full text: `index_quotes` keeps the index of each quote's text, speaker names and article
  title. On SQLite it is the FTS5 table `quotes_fts` holding terms stemmed here with Snowball
  (Russian for Cyrillic words, English for Latin ones), because FTS5's own tokenizers stem
  neither Russian nor (beyond Porter on ASCII) English well; on PostgreSQL the tsvector columns
  `quotes.search_en` and `quotes.search_ru` (the `english` and `russian` configurations,
  GIN-indexed). Both are written by migration 0010_fulltext for the quotes stored before it and
  by `storage.quotes.replace_quotes` since.
- Topics: `index_quotes` also writes `quote_topics` (one row per topic of a quote, with its
  speaker and said_at), which a topic filter reads instead of testing every row's JSON.
"""
from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import snowballstemmer
from sqlalchemy import Select, Table, and_, bindparam, exists, func, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from storage.models import Article, Quote, QuoteTopic, Speaker

COUNT_CAP = 10_000  # totals above this are shown as "10000+"
# PostgreSQL counts full-text matches by testing rows one by one (its GIN index gives the set but
# not its size): 10,000 matches of a common word cost ~200 ms on a million quotes, 1,000 ~20 ms
PG_TEXT_COUNT_CAP = 1_000
STREAM_BATCH = 1000  # rows fetched at a time by `stream`
MAX_SEARCH_TERMS = 20  # a longer full-text query is cut (each term is one more index lookup)
QUOTE_TYPES = ("direct", "indirect", "mixed", "transcript")

# The search index's own objects, which the ORM models do not declare (tests comparing the
# migrations with the models leave them out; see `include_object`).
FTS_TABLE = "quotes_fts"
PG_COLUMNS = ("search_en", "search_ru")

_WORD = re.compile(r"[^\W_]+")
_CYR = re.compile(r"[а-яёіўєїґ]")
_LATIN = re.compile(r"[A-Za-z]")
_EN = snowballstemmer.stemmer("english")
_RU = snowballstemmer.stemmer("russian")


# -- terms --------------------------------------------------------------------------------------
@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """One lower-cased word's stem: Russian Snowball for Cyrillic, English (Porter2) otherwise."""
    if _CYR.search(word):
        return str(_RU.stemWord(word.replace("ё", "е")))
    if word.isascii() and word.isalpha():
        return str(_EN.stemWord(word))
    return word


def terms(*texts: str | None) -> list[str]:
    """The stemmed terms of `texts`, in order. Single letters are dropped (English 's of a
    possessive, Russian one-letter prepositions), in the index and in queries alike."""
    out: list[str] = []
    for t in texts:
        if t:
            out += [stem(w) for w in _WORD.findall(t.lower()) if len(w) > 1]
    return out


def fts5_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression: every term of the query, each quoted (so nothing the user
    types is read as FTS5 syntax), all required. None when the query has no terms."""
    words = list(dict.fromkeys(terms(query)))[:MAX_SEARCH_TERMS]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """For Alembic's comparison of the database with the models: the search index is managed by
    migration 0010 and `index_quotes`, not declared in the models."""
    if type_ == "table" and name and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and name in PG_COLUMNS:
        return False
    if type_ == "index" and name and name.startswith("ix_quotes_search_"):
        return False
    return True


# -- the index ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Registry id -> every name of the leader (so "Лукашенко" finds an English quote by him)."""
    from config.leaders import load_leaders

    try:
        return {ld.id: " ".join(dict.fromkeys([ld.name, *ld.aliases])) for ld in load_leaders()}
    except Exception:  # a broken leaders.yaml must not stop indexing; names come from the rows
        return {}


def reset_aliases() -> None:
    _aliases.cache_clear()


# PostgreSQL indexes a chunk of quotes in one statement, on the server: the document is the
# quote, the speaker's names (as stored, canonical, and every alias: a JSON map of id -> names
# passed in) and the article title.
_PG_INDEX = text("""
UPDATE quotes AS q
SET said_at = d.said, search_en = to_tsvector('english', d.doc), search_ru = to_tsvector('russian', d.doc)
FROM (
  SELECT q2.id, coalesce(a.published_at, a.first_seen_at) AS said,
         concat_ws(E'\\n', q2.text, q2.speaker_name, s.name, CAST(:names AS jsonb) ->> q2.speaker_id, a.title) AS doc
  FROM quotes AS q2 JOIN articles AS a ON a.id = q2.article_id LEFT JOIN speakers AS s ON s.id = q2.speaker_id
  WHERE q2.id = ANY(:ids)
) AS d
WHERE q.id = d.id
""")


# The topic rows of quotes (QuoteTopic), from their JSON `topics`, speaker and said_at, made on
# the server; `{where}` selects the quotes. A topic is matched case-insensitively (as the JSON
# text was), so it is stored in lower case; anything but a JSON list gives no rows.
TOPIC_ROWS_SQL = {
    "postgresql": """
INSERT INTO quote_topics (quote_id, topic, speaker_id, said_at)
SELECT DISTINCT q.id, lower(left(t.topic, 100)), q.speaker_id, q.said_at
FROM quotes AS q CROSS JOIN LATERAL json_array_elements_text(
  CASE WHEN json_typeof(q.topics) = 'array' THEN q.topics ELSE '[]'::json END) AS t(topic)
WHERE {where}
""",
    "sqlite": """
INSERT INTO quote_topics (quote_id, topic, speaker_id, said_at)
SELECT DISTINCT q.id, lower(substr(t.value, 1, 100)), q.speaker_id, q.said_at
FROM quotes AS q, json_each(CASE WHEN json_valid(q.topics) AND json_type(q.topics) = 'array'
                            THEN q.topics ELSE '[]' END) AS t
WHERE t.type = 'text' AND {where}
""",
}


def _index_topics(conn: Connection, ids: list[int]) -> None:
    pg = conn.dialect.name == "postgresql"
    # "is one of :ids": PostgreSQL binds the list as an array, SQLite as one JSON text
    among = "= ANY(:ids)" if pg else "IN (SELECT value FROM json_each(:ids))"
    for i in range(0, len(ids), 5000):
        chunk = ids[i:i + 5000]
        bound = {"ids": chunk if pg else json.dumps(chunk)}
        conn.execute(text(f"DELETE FROM quote_topics WHERE quote_id {among}"), bound)
        conn.execute(text(TOPIC_ROWS_SQL[conn.dialect.name].format(where=f"q.id {among}")), bound)


def index_quotes(conn: Connection, ids: Iterable[int], *, topics: bool = True) -> int:
    """(Re)write the search index and `said_at` of these quotes from their rows, their speaker
    and their article, and (`topics`; not before migration 0013 made its table) their topic
    rows. Returns how many quotes were indexed."""
    ids = list(ids)
    done = 0
    names = _aliases()
    if conn.dialect.name == "postgresql":
        for i in range(0, len(ids), 5000):
            done += conn.execute(_PG_INDEX, {"names": json.dumps(names), "ids": ids[i:i + 5000]}).rowcount or 0
        if topics:
            _index_topics(conn, ids)
        return done
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = conn.execute(
            select(Quote.id, Quote.text, Quote.speaker_id, Quote.speaker_name, Speaker.name, Article.title,
                   Article.published_at, Article.first_seen_at)
            .join(Article, Article.id == Quote.article_id)
            .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
            .where(Quote.id.in_(chunk))
        ).all()
        if not rows:
            continue
        params = []
        for qid, qtext, sid, sname, canon, title, published, seen in rows:
            who = " ".join(x for x in (sname, canon, names.get(sid or "")) if x)
            params.append({"id": qid, "said": published or seen, "terms": " ".join(terms(qtext, who, title))})
        table = typing.cast(Table, Quote.__table__)
        conn.execute(table.update().where(table.c.id == bindparam("qid")).values(said_at=bindparam("said")),
                     [{"qid": p["id"], "said": p["said"]} for p in params])
        conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), [{"id": p["id"]} for p in params])
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (rowid, terms) VALUES (:id, :terms)"),
                     [{"id": p["id"], "terms": p["terms"]} for p in params])
        done += len(rows)
    if topics:
        _index_topics(conn, ids)
    return done


# -- queries ------------------------------------------------------------------------------------
@dataclass
class QuoteFilter:
    speaker_ids: list[str] = field(default_factory=list)  # registry ids (any of them)
    speaker_name: str | None = None  # a name not in the registry: matches quotes.speaker_name
    country: str | None = None  # the speaker's country (leaders.yaml)
    topic: str | None = None
    source: str | None = None
    lang: str | None = None
    type: str | None = None
    since: datetime | None = None  # said_at >= since
    until: datetime | None = None  # said_at < until
    search: str | None = None  # full text
    new_only: bool = False  # only the first statement of each cluster
    article_id: int | None = None


@dataclass
class QuoteRow:
    id: int
    said_at: datetime | None
    speaker_id: str | None
    speaker: str | None  # the registry's canonical name, else the name found in the text
    country: str | None
    text: str
    type: str
    cue: str | None
    topics: list[str]
    lang: str
    source_id: str
    article_id: int
    title: str
    url: str
    cluster_id: int | None
    start: int
    end: int

    @property
    def new(self) -> bool:
        return self.cluster_id is None or self.cluster_id == self.id

    def as_dict(self) -> dict[str, Any]:
        # by hand: dataclasses.asdict deep-copies every value, the larger part of an export's time
        d = {k: getattr(self, k) for k in _ROW_FIELDS}
        d["said_at"] = self.said_at.isoformat() if self.said_at else None
        d["topics"] = list(self.topics)
        d["new"] = self.new
        return d


_ROW_FIELDS = [f.name for f in fields(QuoteRow)]
EXPORT_FIELDS = ["id", "said_at", "speaker_id", "speaker", "country", "text", "type", "cue", "topics", "lang",
                 "source_id", "article_id", "title", "url", "cluster_id", "new", "start", "end"]


@dataclass
class Page:
    rows: list[QuoteRow]
    total: int  # capped at cap + 1 (then `total_capped`)
    offset: int
    limit: int
    cap: int = COUNT_CAP

    @property
    def total_capped(self) -> bool:
        return self.total > self.cap

    @property
    def total_label(self) -> str:
        return f"{self.cap:,}+" if self.total_capped else f"{self.total:,}"


_COLUMNS: tuple[Any, ...] = (Quote.id, Quote.said_at, Quote.speaker_id, func.coalesce(Speaker.name, Quote.speaker_name),
            Speaker.country, Quote.text, Quote.type, Quote.cue, Quote.topics, Quote.lang, Article.source_id,
            Quote.article_id, Article.title, Article.url, Quote.cluster_id, Quote.start, Quote.end)


def _topic_ids(f: QuoteFilter) -> Select[Any]:
    """The ids of quotes with the filter's topic, narrowed in the topic index itself by what it
    holds beside the topic (speaker, said_at), so that it yields only matching rows."""
    stmt = select(QuoteTopic.quote_id).where(QuoteTopic.topic == (f.topic or "").lower()[:100])
    if f.speaker_ids:
        stmt = stmt.where(QuoteTopic.speaker_id.in_(f.speaker_ids))
    if f.since:
        stmt = stmt.where(QuoteTopic.said_at >= f.since)
    if f.until:
        stmt = stmt.where(QuoteTopic.said_at < f.until)
    return stmt


def _where(stmt: Select[Any], f: QuoteFilter, dialect: str, text_cond: Any = None) -> Select[Any]:
    conds: list[Any] = []
    if f.speaker_ids:
        conds.append(Quote.speaker_id.in_(f.speaker_ids))
    if f.speaker_name:
        conds.append(Quote.speaker_name == f.speaker_name)
    if f.country:
        conds.append(Quote.speaker_id.in_(select(Speaker.id).where(Speaker.country == f.country.upper())))
    if f.topic:
        conds.append(Quote.id.in_(_topic_ids(f)))
    if f.source:
        conds.append(Article.source_id == f.source)
    if f.lang:
        conds.append(Quote.lang == f.lang)
    if f.type:
        conds.append(Quote.type == f.type)
    if f.since:
        conds.append(Quote.said_at >= f.since)
    if f.until:
        conds.append(Quote.said_at < f.until)
    if f.article_id is not None:
        conds.append(Quote.article_id == f.article_id)
    if f.new_only:
        conds.append(or_(Quote.cluster_id.is_(None), Quote.cluster_id == Quote.id))
    if f.search is not None:
        conds.append(text_cond if text_cond is not None else _text_match(f.search, dialect))
    return stmt.where(and_(*conds)) if conds else stmt


# How a full-text query is run on SQLite, by how many quotes its terms match (FTS5 counts that
# from its index in a millisecond or two). Newest first means ordering by said_at, which the FTS
# index does not hold, so:
#  - few matches (<= LIST_MAX): fetch them by id and sort them;
#  - more (<= SET_MAX): collect their ids once (about 0.5 us each), walk the said_at index newest
#    first, keep members;
#  - very many: walk the said_at index and ask FTS5 about each row (a match is near: 50 hits
#    come within a few thousand rows), instead of collecting a hundred thousand ids first.
LIST_MAX = 2_000
SET_MAX = 100_000


@dataclass
class _TextPlan:
    cond: Any  # the WHERE condition for a page
    members: Any  # for counts, which visit every match: the ids, looked up or as a set
    walk: Any  # for exports: the set, walked in said_at order when nothing else narrows the rows
    fts_total: int | None  # the number of matches when the text is the only filter (capped)


def _only_text(f: QuoteFilter) -> bool:
    return not (f.speaker_ids or f.speaker_name or f.country or f.topic or f.source or f.lang or f.type
                or f.new_only or f.article_id is not None)


def _text_plan(session: Session, f: QuoteFilter) -> _TextPlan | None:
    if f.search is None or session.get_bind().dialect.name != "sqlite":
        return None
    expr = fts5_query(f.search)
    if expr is None:
        return _TextPlan(text("0"), text("0"), text("0"), 0)
    n = session.scalar(text(f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :e "
                            f"LIMIT {max(SET_MAX, COUNT_CAP) + 1})").bindparams(e=expr)) or 0
    matches = f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts)"
    members = Quote.id.in_(text(matches[1:-1]).bindparams(fts=expr))
    # the unary + keeps SQLite from looking the ids up one by one: it walks the said_at index
    # (newest first, as the page is ordered) and keeps the rows in the set
    walk = text(f"+quotes.id IN {matches}").bindparams(fts=expr)
    only = _only_text(f)
    total = min(n, COUNT_CAP + 1) if only and f.since is None and f.until is None else None
    walk_export = walk if only else members
    if n <= LIST_MAX:
        return _TextPlan(members, members, members, total)
    if n <= SET_MAX:
        return _TextPlan(walk, walk, walk_export, total)
    probe = text(f"EXISTS (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :probe "
                 f"AND {FTS_TABLE}.rowid = quotes.id)").bindparams(probe=expr)
    return _TextPlan(probe, walk, walk_export, total)


def _text_match(query: str, dialect: str) -> Any:
    if dialect == "postgresql":
        if not terms(query):
            return text("false")
        en = text("quotes.search_en @@ websearch_to_tsquery('english', :q_en)").bindparams(q_en=query)
        ru = text("quotes.search_ru @@ websearch_to_tsquery('russian', :q_ru)").bindparams(q_ru=query)
        # One column where one is enough (half the work per row, one GIN index): PostgreSQL's
        # russian configuration reads Latin words exactly as the english one does, so a query
        # in Latin letters matches the same rows in both; a Cyrillic word is stemmed only by
        # the russian one, so its column matches every row the english one (which keeps the
        # word as written) would.
        if not _CYR.search(query.lower()):
            return en
        if not _LATIN.search(query):
            return ru
        return or_(en, ru)
    expr = fts5_query(query)
    if expr is None:
        return text("0")
    return Quote.id.in_(text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts").bindparams(fts=expr))


def _base_unfiltered() -> Select[Any]:
    return (select(*_COLUMNS).join(Article, Article.id == Quote.article_id)
            .outerjoin(Speaker, Speaker.id == Quote.speaker_id))


def _base(f: QuoteFilter, dialect: str) -> Select[Any]:
    return _where(_base_unfiltered(), f, dialect)


def _ordered(stmt: Select[Any]) -> Select[Any]:
    # newest statement first; one article's quotes in reading order
    return stmt.order_by(Quote.said_at.desc(), Quote.article_id.desc(), Quote.start, Quote.id)


def _row(r: Sequence[Any]) -> QuoteRow:
    values = list(r)
    values[8] = list(values[8] or [])
    return QuoteRow(*values)


def search(session: Session, f: QuoteFilter, *, limit: int = 50, offset: int = 0) -> Page:
    """One page of matching quotes, newest statement first, and the (capped) number of matches.

    In two steps: the page's ids (ordering only quote columns, joining articles only for a
    source filter), then those rows with their article and speaker."""
    dialect = session.get_bind().dialect.name
    plan = _text_plan(session, f)
    ids_stmt: Select[Any] = select(Quote.id)
    if f.source:
        ids_stmt = ids_stmt.join(Article, Article.id == Quote.article_id)
    ids_stmt = _ordered(_where(ids_stmt, f, dialect, plan.cond if plan else None)).limit(limit).offset(offset)
    ids = list(session.scalars(ids_stmt))
    by_id = {r[0]: _row(r) for r in session.execute(_base(QuoteFilter(), dialect).where(Quote.id.in_(ids)))} \
        if ids else {}
    rows = [by_id[i] for i in ids if i in by_id]
    cap = PG_TEXT_COUNT_CAP if dialect == "postgresql" and f.search is not None else COUNT_CAP
    if plan is not None and plan.fts_total is not None:
        total = plan.fts_total
    else:
        counted: Select[Any] = select(Quote.id)
        if f.source:
            counted = counted.join(Article, Article.id == Quote.article_id)
        counted = _where(counted, f, dialect, plan.members if plan else None)
        total = session.scalar(select(func.count()).select_from(counted.limit(cap + 1).subquery())) or 0
    return Page(rows, int(total), offset, limit, cap)


def stream(session: Session, f: QuoteFilter, *, limit: int | None = None) -> Iterator[QuoteRow]:
    """Every match (up to `limit`), newest first, fetched `STREAM_BATCH` rows at a time through a
    server-side cursor, so an export of any size holds one batch in memory."""
    dialect = session.get_bind().dialect.name
    plan = _text_plan(session, f)
    stmt = _ordered(_where(_base_unfiltered(), f, dialect, plan.walk if plan else None))
    if limit is not None:
        stmt = stmt.limit(limit)
    # Core rows through the session's connection (no ORM row processing), server-side cursor
    result = session.connection().execute(stmt.execution_options(stream_results=True,
                                                                  max_row_buffer=STREAM_BATCH))
    for part in result.partitions(STREAM_BATCH):
        for r in part:
            yield _row(r)


def get_quote(session: Session, quote_id: int) -> QuoteRow | None:
    r = session.execute(_base(QuoteFilter(), session.get_bind().dialect.name).where(Quote.id == quote_id)).first()
    return _row(r) if r else None


def reprints(session: Session, row: QuoteRow, limit: int = 100) -> list[QuoteRow]:
    """The other quotes of its cluster (the same statement seen again), oldest first."""
    if row.cluster_id is None:
        return []
    dialect = session.get_bind().dialect.name
    stmt = _base(QuoteFilter(), dialect).where(Quote.cluster_id == row.cluster_id, Quote.id != row.id)
    return [_row(r) for r in session.execute(stmt.order_by(Quote.said_at, Quote.id).limit(limit))]


def article_quotes(session: Session, article_id: int) -> list[QuoteRow]:
    """The article's quotes in reading order (history rows moved out of the text are left out)."""
    stmt = _base(QuoteFilter(article_id=article_id), session.get_bind().dialect.name)
    return [_row(r) for r in session.execute(stmt.where(Quote.start >= 0).order_by(Quote.start))
            if r is not None]


def first_of_cluster(session: Session, cluster_id: int) -> int | None:
    """The id of the first statement of a cluster (the one "new" refers to)."""
    q2 = aliased(Quote)
    return session.scalar(select(Quote.id).where(Quote.cluster_id == cluster_id, ~exists().where(
        q2.cluster_id == cluster_id, q2.id < Quote.id)).limit(1))


# -- speakers -----------------------------------------------------------------------------------
def speaker_filter(value: str, leaders: Sequence[Any]) -> tuple[list[str], str | None]:
    """(registry ids, None) for an id, name, surname or alias of a leader (Latin or Cyrillic, any
    case, Russian case forms too); ([], value) for a name the registry does not know, which then
    matches the speaker name as the quotes store it."""
    want = " ".join(value.split()).casefold().replace("ё", "е")
    if not want:
        return [], None
    for ld in leaders:
        names = {ld.id, ld.name, ld.surname, *ld.aliases, *getattr(ld, "forms_ru", [])}
        if want in {n.casefold().replace("ё", "е") for n in names}:
            return [ld.id], None
    return [], " ".join(value.split())


# -- what users type ----------------------------------------------------------------------------
_AGO = re.compile(r"^\s*(\d{1,5})\s*([hdwm])\s*$", re.I)
_AGO_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1), "m": timedelta(days=30)}


def parse_when(value: str, *, end: bool = False, now: datetime | None = None) -> datetime:
    """A point in time from "2026-11-01", "2026-11-01T12:00", "+03:00" offsets, or an age like
    "7d", "12h", "2w", "3m" (30-day months) before now. A bare date as an end (`end=True`,
    --until) means the end of that day (UTC), so the day itself is included. ValueError with
    the accepted forms otherwise."""
    text_ = (value or "").strip()
    m = _AGO.match(text_)
    if m:
        n = int(m.group(1))
        if n > 36500:
            raise ValueError(f"{value!r} is too far back")
        return (now or datetime.now(UTC)) - n * _AGO_UNITS[m.group(2).lower()]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text_):
            d = datetime.fromisoformat(text_).replace(tzinfo=UTC)
            return d + timedelta(days=1) if end else d
        d = datetime.fromisoformat(text_)
    except ValueError:
        raise ValueError(f"not a date like 2026-11-01 (or 2026-11-01T12:00) nor an age like 7d, 12h, 2w: "
                         f"{value!r}") from None
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def paragraph(body: str, start: int, end: int, limit: int = 1500) -> tuple[str, str, str]:
    """(text before, the quote's span, text after) within the paragraph that holds the span,
    cut to about `limit` characters on each side."""
    if not (0 <= start <= end <= len(body)):
        return "", "", ""
    left = body.rfind("\n", 0, start) + 1
    right = body.find("\n", end)
    right = len(body) if right < 0 else right
    left = max(left, start - limit)
    right = min(right, end + limit)
    return body[left:start], body[start:end], body[end:right]


def export_lines(rows: Iterable[QuoteRow], fmt: str) -> Iterator[str]:
    """CSV (with a header) or JSONL lines, each ending in a newline, for the CLI and the web."""
    import csv
    import io

    if fmt == "jsonl":
        for r in rows:
            yield json.dumps(r.as_dict(), ensure_ascii=False) + "\n"
        return
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r} (csv or jsonl)")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EXPORT_FIELDS)
    for r in rows:
        d = r.as_dict()
        d["topics"] = ";".join(r.topics)
        # a cell starting with = + - @ is a formula to a spreadsheet: scraped text must not run
        w.writerow([_cell(d[k]) for k in EXPORT_FIELDS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():  # the header alone, when nothing matched
        yield buf.getvalue()


def _cell(v: Any) -> Any:
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return "" if v is None else v


def parse_filter(*, speaker: str | None = None, country: str | None = None, topic: str | None = None,
                 source: str | None = None, lang: str | None = None, type_: str | None = None,
                 since: str | None = None, until: str | None = None, search: str | None = None,
                 new_only: bool = False) -> QuoteFilter:
    """A QuoteFilter from what a user typed (CLI options, web query parameters): ValueError with
    the field's name when a value is not understood."""
    from config.leaders import load_leaders

    f = QuoteFilter(country=(country or "").strip().upper() or None, topic=(topic or "").strip() or None,
                    source=(source or "").strip() or None, lang=(lang or "").strip().lower() or None,
                    type=(type_ or "").strip().lower() or None, new_only=new_only,
                    search=(search or "").strip() or None)
    if speaker and speaker.strip():
        f.speaker_ids, f.speaker_name = speaker_filter(speaker, load_leaders())
    if f.type and f.type not in QUOTE_TYPES:
        raise ValueError(f"type: {f.type!r} is not one of {', '.join(QUOTE_TYPES)}")
    for name, value in (("since", since), ("until", until)):
        if value and value.strip():
            try:
                setattr(f, name, parse_when(value, end=name == "until"))
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from None
    return f
