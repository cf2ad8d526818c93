"""Echoes through a real Celery worker (two pool processes, each with its own echo index, on
PostgreSQL and Redis): a Belarusian statement extracted after the Russian one it echoes gets
its echo row and one alert; the Russian statement extracted after its Belarusian echo is still
linked (the other process's index learns it by syncing); re-runs, racing in both processes and
after a worker restart (indexes loaded afresh), give the same echo rows and no alert twice.

A score uses the IDF of the statements stored, so the row linked before the third statement was
stored moves a little when it is re-run; against the same store, re-runs give the very same rows."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from celery import Celery
from sqlalchemy import func, select, update

from tests.support.services import Worker, fresh_pg_database, fresh_redis_url, wait_for

pytestmark = pytest.mark.slow

SOURCES = """sources:
  - {id: kremlin_ru, name: Kremlin, kind: state_media, country: RU, languages: [ru],
     discovery: [{type: feed, url: "http://127.0.0.1:9/k.xml"}], interval_minutes: 60}
  - {id: belta_ru, name: BelTA, kind: state_media, country: BY, languages: [ru],
     discovery: [{type: feed, url: "http://127.0.0.1:9/b.xml"}], interval_minutes: 60}
"""
RULES = """rules:
  - id: by-echoes-moscow
    name: A Belarusian leader echoes a Russian line
    severity: warning
    channels: [outbox]
    speaker: {countries: [BY]}
    echo_of: {country: RU, within: 30d}
    new_only: false
"""
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
PUTIN = ("МОСКВА, 10 марта. Президент России Владимир Путин заявил: «Размещение натовской инфраструктуры у "
         "границ Союзного государства и стягивание польских войск к белорусской границе - прямая угроза нашей "
         "безопасности». Других тем он не касался.")
LUKA = ("МИНСК, 14 марта. Президент Беларуси Александр Лукашенко заявил: «Польша стягивает войска к нашей "
        "границе, НАТО наращивает инфраструктуру у границ Союзного государства, это угроза». Затем он уехал.")
LUKA_LATER = ("МИНСК, 16 марта. Александр Лукашенко заявил: «Польша и Литва стягивают войска к белорусской "
              "границе, НАТО наращивает инфраструктуру, это прямая угроза нашей безопасности». Больше ничего.")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(SOURCES)
    (cfg / "rules.yaml").write_text(RULES)
    (cfg / "channels.yaml").write_text("channels: {}\n")
    with fresh_pg_database() as db_url:
        e = {"DATABASE_URL": db_url, "BROKER_URL": fresh_redis_url(), "MOUTHPIECE_CONFIG_DIR": str(cfg),
             "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "MOUTHPIECE_GROUP_WAIT": "0",
             "MOUTHPIECE_METRICS_PORT": "0"}
        for k, v in e.items():
            monkeypatch.setenv(k, v)
        from config.settings import reset_settings
        from config.sources import load_sources
        from storage.db import reset_engines, session_scope, upgrade
        from storage.sources import sync_sources

        reset_settings()
        reset_engines()
        upgrade(db_url)
        with session_scope() as s:
            sync_sources(s, load_sources())
        yield {"env": e, "log": tmp_path / "worker.log"}
        reset_settings()
        reset_engines()


def _store(source_id: str, slug: str, body: str, when: datetime) -> int:
    from storage.articles import upsert_article
    from storage.db import session_scope

    url = f"https://{source_id}.example/news/{slug}"
    with session_scope() as s:
        r = upsert_article(s, source_id=source_id, canonical_url=url, urls=[url], title=slug, body=body,
                           published_at=when, modified_at=None, authors=[], lang="ru")
        return int(r.article_id)


def _extract(env: dict[str, Any], *ids: int) -> None:
    """Queue the extraction of `ids` (all at once) and wait until every one is done."""
    from storage.db import session_scope
    from storage.models import Article

    with session_scope() as s:
        s.execute(update(Article).where(Article.id.in_(ids)).values(extracted_hash=None))
    app = Celery(broker=env["env"]["BROKER_URL"])
    for aid in ids:
        app.send_task("tasks.pipeline.extract_quotes", args=[aid], queue="default")

    def done() -> bool:
        with session_scope() as s:
            return not s.scalar(select(func.count()).select_from(Article).where(
                Article.id.in_(ids), Article.extracted_hash.is_(None)))
    wait_for(done, 120, what=f"the extraction of {ids}")


def _echo_rows() -> list[tuple[Any, ...]]:
    from storage.db import session_scope
    from storage.models import Quote, QuoteEcho

    with session_scope() as s:
        speaker = {q.id: q.speaker_id for q in s.scalars(select(Quote))}
        return [(r.id, speaker[r.quote_id], speaker[r.echoed_quote_id], r.lag_seconds, r.score,
                 r.evidence["frames"], r.evidence["words"])
                for r in s.scalars(select(QuoteEcho).where(QuoteEcho.kind == "echo").order_by(QuoteEcho.id))]


def _alerts() -> int:
    """The number of alerts, checking that no statement (rule x cluster) has two."""
    from storage.db import session_scope
    from storage.models import Alert

    with session_scope() as s:
        rows = [(a.rule_id, a.cluster_id) for a in s.scalars(select(Alert))]
    assert len(rows) == len(set(rows)), rows
    return len(rows)


def test_echoes_through_the_worker_are_linked_in_any_order_and_the_same_after_reruns(env: dict[str, Any]) -> None:
    a_ru = _store("kremlin_ru", "putin", PUTIN, T0)
    a_by = _store("belta_ru", "luka", LUKA, T0 + timedelta(days=4))
    a_late = _store("belta_ru", "luka-later", LUKA_LATER, T0 + timedelta(days=6))
    with Worker(env["env"], log=env["log"], concurrency=2):
        _extract(env, a_late)  # the Belarusian statement first: nothing to echo yet
        assert _echo_rows() == [] and _alerts() == 0
        _extract(env, a_ru)  # the Russian one, crawled later, is linked to it
        late = _echo_rows()
        assert [(by, ru, lag) for _i, by, ru, lag, *_ in late] == [("lukashenko", "putin", 6 * 86400)]
        _extract(env, a_by)  # this one is extracted after the Russian one: an echo and an alert
        first = _echo_rows()
        assert [(by, ru, lag) for _i, by, ru, lag, *_ in first] == [
            ("lukashenko", "putin", 6 * 86400), ("lukashenko", "putin", 4 * 86400)]
        assert all(r[5] and r[6] and r[4] >= 0.10 for r in first), first  # frames, words, score
        assert _alerts() == 1
        _extract(env, a_by, a_ru, a_late)  # re-runs, racing in both pool processes
        again = _echo_rows()
        assert [r[:4] + r[5:6] for r in again] == [r[:4] + r[5:6] for r in first]  # ids, pairs, lags, frames
        assert [r[4] for r in again] == pytest.approx([r[4] for r in first], abs=0.01)  # the IDF of 3, not 2
        assert again[1] == first[1]  # linked when all three were stored: the very same row
        # re-evaluated, the first Belarusian statement now echoes Moscow too: its own alert, once
        assert _alerts() == 2
        _extract(env, a_late, a_ru)
        assert _echo_rows() == again
    with Worker(env["env"], log=env["log"], concurrency=2):  # new processes load their index afresh
        _extract(env, a_late, a_by, a_ru)
        assert _echo_rows() == again
        assert _alerts() == 2
