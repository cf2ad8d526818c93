"""The tables. Natural keys are unique so that every stage can upsert and re-run safely."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class TZDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes on SQLite too (it drops the offset): stored as UTC, read back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A crawled site. Config lives in sources.yaml; this row holds its state and health."""

    __tablename__ = "sources"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(8))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    interval_minutes: Mapped[int] = mapped_column(Integer, default=30)
    next_crawl_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    last_crawl_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    last_new_article_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    paused_until: Mapped[datetime | None] = mapped_column(TZDateTime)
    pause_reason: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    # conditional GET validators per discovery URL: {url: {"etag":..., "last_modified":...}}
    http_cache: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # from sources.yaml: health turns "silent" after this many hours without a new article
    silent_after_hours: Mapped[int | None] = mapped_column(Integer)
    # articles whose site parser missed title, date or body (stored from the generic extractor)
    parser_drift: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running|ok|failed|skipped
    requests: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    articles_updated: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(TZDateTime, index=True)
    # the publisher's UTC offset (Minsk and Moscow: +180), so +03:00 can be shown back
    published_offset_minutes: Mapped[int | None] = mapped_column(Integer)
    modified_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    first_seen_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow, index=True)
    lang: Mapped[str | None] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # a reprint of an article first seen elsewhere (text fingerprint match)
    reprint_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    # MinHash signature of the body's word shingles (storage/articles.py), for reprint detection
    fingerprint: Mapped[list[int] | None] = mapped_column(JSON)
    # what the source knows beyond the text: {"telegram": {"channel", "post_id", "views",
    # "forwarded_from", "forwarded_url", "author", "edited", "media"}}
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # how the page's bytes were repaired, when they were ("3 invalid UTF-8 byte sequences
    # replaced (U+FFFD)"); None for a clean decode
    decode_warning: Mapped[str | None] = mapped_column(Text)
    extracted_hash: Mapped[str | None] = mapped_column(String(64))  # body hash quotes were extracted from
    # when its extraction task was queued: the sweep queues it again only once that is stale, so a
    # backlog is never flooded with duplicates of tasks that are merely waiting their turn
    extract_queued_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    aliases: Mapped[list[ArticleAlias]] = relationship(back_populates="article", cascade="all, delete-orphan")


class ArticleAlias(Base):
    """Every URL under which an article was found; the seen-URL skip consults it."""

    __tablename__ = "article_aliases"
    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    article: Mapped[Article] = relationship(back_populates="aliases")


class ArticleBand(Base):
    """MinHash LSH bands of an article body: a reprint shares at least one band hash with its
    original, so finding it is an indexed lookup rather than a scan of recent articles."""

    __tablename__ = "article_bands"
    band_hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


class Speaker(Base):
    __tablename__ = "speakers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # registry id, e.g. "lukashenko"
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(8))


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end", name="uq_quote_span"),
        Index("ix_quotes_speaker_time", "speaker_id", "created_at"),
        Index("ix_quotes_speaker_said", "speaker_id", "said_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("speakers.id"))
    speaker_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(String(100))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    lang: Mapped[str] = mapped_column(String(8))
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    # when the statement was made: its article's publication time, else when that was first seen
    # (storage/search.py index_quotes sets it; until then, when the row was made)
    said_at: Mapped[datetime | None] = mapped_column(TZDateTime, default=utcnow, index=True)
    # MinHash signature of the normalised (Russian: lemmatised) word shingles (alerts/novelty.py)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)


class QuoteBand(Base):
    """MinHash LSH bands of a quote, keyed by speaker: near-duplicates share a band hash, so
    novelty and clustering are indexed lookups rather than a scan of the speaker's quotes."""

    __tablename__ = "quote_bands"
    band_hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True,
                                          index=True)


class QuoteTopic(Base):
    """One topic of a quote, with the quote's speaker and said_at copied beside it: the search
    index for "speaker + topic + time window" (storage/search.py). Filtering the JSON `topics`
    column meant reading every row of the speaker's window to test its text; this index holds
    just the matching rows, in said_at order. Written by `index_quotes` with the rest of the
    search index."""

    __tablename__ = "quote_topics"
    __table_args__ = (
        Index("ix_quote_topics_speaker", "topic", "speaker_id", "said_at"),
        Index("ix_quote_topics_said", "topic", "said_at"),
    )
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(100), primary_key=True)  # lower case
    speaker_id: Mapped[str | None] = mapped_column(String(64))
    said_at: Mapped[datetime | None] = mapped_column(TZDateTime)


class User(Base):
    """Someone who may use the web app (`mouthpiece users add`): viewer reads, admin also acts."""

    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="viewer")  # viewer | admin
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    # bumped when the password or role changes: sessions signed before it end
    session_version: Mapped[int] = mapped_column(Integer, default=1)


class QuoteNarrative(Base):
    """What echo detection knows of a quote: its frames (with the words that matched), its
    content lemmas and language-independent keys (narratives/features.py), who said it (their
    country) and when. One row per quote, written at extraction."""

    __tablename__ = "quote_narratives"
    __table_args__ = (Index("ix_quote_narratives_country_time", "speaker_country", "spoken_at"),)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8))
    speaker_key: Mapped[str | None] = mapped_column(String(264))  # registry id, else "name:<name>"
    speaker_country: Mapped[str | None] = mapped_column(String(8))
    spoken_at: Mapped[datetime] = mapped_column(TZDateTime)  # the article's publication time
    frames: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{frame, words}]
    lemmas: Mapped[list[str]] = mapped_column(JSON, default=list)
    keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    length: Mapped[int] = mapped_column(Integer, default=0)


class QuoteFrame(Base):
    """(frame, quote): the candidate prefilter of echo detection, an indexed lookup by frame."""

    __tablename__ = "quote_frames"
    frame_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True, index=True)


class QuoteEcho(Base):
    """A quote echoing an earlier one (kind "echo": a watched country's speaker repeating a
    reference country's line) or the same statement in another language (kind "version")."""

    __tablename__ = "quote_echoes"
    __table_args__ = (UniqueConstraint("quote_id", "echoed_quote_id", "kind", name="uq_quote_echo"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    echoed_quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="echo")
    lag_seconds: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # shared frames and words
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("rule_id", "cluster_id", name="uq_alert_rule_cluster"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(100))
    cluster_id: Mapped[int] = mapped_column(Integer)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    severity: Mapped[str] = mapped_column(String(16), default="warning")
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|held|silenced
    novelty: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow, index=True)
    send_after: Mapped[datetime | None] = mapped_column(TZDateTime)
    reason: Mapped[str | None] = mapped_column(Text)  # why held or silenced


class Delivery(Base):
    """The outbox: one row per alert (or digest) x channel. Idempotency key is unique."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_channel_sent", "channel", "sent_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    # pending | sending | sent | failed (permanent) | retry (transient, next_attempt_at)
    # | held (rate cap: in the digest instead) | silenced
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(TZDateTime, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    queued_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # a deliver task is waiting for it
    sent_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    receipt: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)  # why held, silenced or delayed (quiet hours)


class Digest(Base):
    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("name", "period_start", "period_end", name="uq_digest_period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    period_start: Mapped[datetime] = mapped_column(TZDateTime)
    period_end: Mapped[datetime] = mapped_column(TZDateTime)
    status: Mapped[str] = mapped_column(String(16), default="built")  # built|sent
    archive_path: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)


class Silence(Base):
    __tablename__ = "silences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[str | None] = mapped_column(String(64))
    rule_id: Mapped[str | None] = mapped_column(String(100))
    until: Mapped[datetime] = mapped_column(TZDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(TZDateTime, default=utcnow)


class Heartbeat(Base):
    """Proof that tasks are processed: beat (or `mouthpiece health`) sends a heartbeat task per
    queue and the worker that runs it stamps this row."""

    __tablename__ = "heartbeats"
    queue: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(TZDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    worker: Mapped[str | None] = mapped_column(String(200))


class Lock(Base):
    """A lease held by one process (e.g. a source crawl, the beat): expires so a crash frees it."""

    __tablename__ = "locks"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(TZDateTime)


__all__ = [
    "Base", "Source", "CrawlRun", "Article", "ArticleAlias", "Speaker", "Quote", "QuoteBand", "Alert",
    "Delivery", "Digest", "Silence", "Lock", "Heartbeat", "User", "ArticleBand", "utcnow", "TZDateTime",
    "QuoteNarrative", "QuoteFrame", "QuoteEcho",
]
