"""Quote rows for an article: replaced on re-extraction without losing alerted history."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Alert, Quote, Speaker
from storage.search import index_quotes


def ensure_speakers(session: Session, speakers: Iterable[tuple[str, str, str | None]]) -> None:
    """Insert missing speaker rows; another worker inserting the same one at once is fine."""
    for sid, name, country in speakers:
        if session.get(Speaker, sid) is None:
            try:
                with session.begin_nested():
                    session.add(Speaker(id=sid, name=name, country=country))
            except IntegrityError:
                pass


def replace_quotes(session: Session, article_id: int, quotes: list[dict[str, Any]],
                   inserted: list[Quote] | None = None) -> list[Quote]:
    """Make the article's quote rows equal `quotes`; `inserted`, when given, receives the rows
    that were inserted (rather than kept).

    A quote already stored with the same speaker and text keeps its row (and so its alerts);
    gone quotes are deleted unless an alert points at them."""
    existing = list(session.scalars(select(Quote).where(Quote.article_id == article_id)))
    by_key = {(q.speaker_id, q.speaker_name, q.text): q for q in existing}
    alerted = set(session.scalars(select(Alert.quote_id).where(Alert.quote_id.in_([q.id for q in existing])))
                  ) if existing else set()
    kept: list[Quote] = []
    keep_ids: set[int] = set()
    fresh: list[dict[str, Any]] = []
    for d in quotes:
        row = by_key.pop((d["speaker_id"], d["speaker"], d["text"]), None)
        if row is not None:
            row.start, row.end, row.type, row.cue = d["start"], d["end"], d["type"], d["cue"]
            row.topics, row.lang = list(d["topics"]), d["lang"]
            kept.append(row)
            keep_ids.add(row.id)
        else:
            fresh.append(d)
    for q in by_key.values():
        if q.id not in alerted:
            session.delete(q)
        else:  # keep for history but move its span out of the way of new rows
            q.start, q.end = -q.id, -q.id
    session.flush()
    for d in fresh:
        row = Quote(article_id=article_id, speaker_id=d["speaker_id"], speaker_name=d["speaker"],
                    text=d["text"], type=d["type"], cue=d["cue"], start=d["start"], end=d["end"],
                    topics=list(d["topics"]), lang=d["lang"])
        session.add(row)
        kept.append(row)
        if inserted is not None:
            inserted.append(row)
    session.flush()
    # the full-text index and said_at, in the same transaction as the rows (storage/search.py)
    index_quotes(session.connection(), [q.id for q in kept])
    return kept
