"""Echo and version rows on both databases: computed at indexing, the same after a re-run, one
cluster (one alert) for one statement published in two languages, rules on frames and echoes."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from alerts.echoes import echo_views, index_article
from alerts.engine import evaluate_article
from alerts.rules import Rule
from config.leaders import load_leaders
from storage.db import reset_engines, session_scope
from storage.models import Alert, Article, Quote, QuoteEcho, QuoteFrame
from tests.support.seed import seeded_database
from tests.support.services import fresh_pg_database

LEADERS = {ld.id: ld for ld in load_leaders()}
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

PUTIN_RU = ("Размещение натовской инфраструктуры у границ Союзного государства и стягивание польских войск "
            "к белорусской границе - прямая угроза нашей безопасности.")
LUKA_RU = ("Польша стягивает войска к нашей границе, НАТО наращивает инфраструктуру у границ Союзного "
           "государства, это угроза.")
LUKA_EN = ("Poland is massing troops on our border, and NATO is building up its infrastructure at the borders "
           "of the Union State; this is a threat.")
OTHER_RU = "Урожай зерновых в этом году превысил девять миллионов тонн."


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from config.settings import reset_settings

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'e.sqlite'}"
        cm = None
    else:
        cm = fresh_pg_database()
        url = cm.__enter__()
    yield seeded_database(url, [(sid, sid, country) for sid, country in
                                (("kremlin_ru", "RU"), ("belta_ru", "BY"), ("belta_en", "BY"))],
                          tmp_path / "data", monkeypatch)
    reset_engines()
    reset_settings()
    if cm is not None:
        cm.__exit__(None, None, None)


_n = iter(range(1, 100_000))


def store(url: str, source: str, text: str, speaker: str, lang: str, when: datetime,
          body: str | None = None) -> tuple[int, int]:
    """An article holding one quote: `text` is the whole body, or the quote's place in `body`."""
    i = next(_n)
    body = text if body is None else body
    with session_scope(url) as s:
        art = Article(source_id=source, canonical_url=f"https://{source}.example/{i}", url=f"https://{source}.example/{i}",
                      title=f"t{i}", body=body, content_hash=str(i), first_seen_at=when, published_at=when, lang=lang)
        s.add(art)
        s.flush()
        start = body.index(text)
        q = Quote(article_id=art.id, speaker_id=speaker, speaker_name=LEADERS[speaker].name, text=text,
                  type="direct", start=start, end=start + len(text), topics=["NATO"], lang=lang)
        s.add(q)
        s.flush()
        return art.id, q.id


def index(url: str, article_id: int) -> dict[str, int]:
    with session_scope(url) as s:
        return index_article(s, article_id, LEADERS)


def test_an_echo_row_with_lag_frames_and_words_and_the_same_rows_after_a_rerun(db: str) -> None:
    a_ru, q_ru = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", T0)
    a_other, _ = store(db, "belta_ru", OTHER_RU, "lukashenko", "ru", T0 + timedelta(days=1))
    a_by, q_by = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", T0 + timedelta(days=4))
    for a in (a_ru, a_other, a_by):
        index(db, a)
    with session_scope(db) as s:
        rows = list(s.scalars(select(QuoteEcho).where(QuoteEcho.kind == "echo")))
        assert [(r.quote_id, r.echoed_quote_id) for r in rows] == [(q_by, q_ru)]
        first = [(r.id, r.score, r.lag_seconds, r.evidence) for r in rows]
        assert rows[0].lag_seconds == 4 * 86400
        assert "border_provocations" in rows[0].evidence["frames"]
        assert rows[0].evidence["words"]
        frames = set(s.scalars(select(QuoteFrame.frame_id).where(QuoteFrame.quote_id == q_by)))
        assert {"nato_threat", "border_provocations"} <= frames
        [view] = echo_views(s, quote_ids=[q_by], names={"putin": "Vladimir Putin"})
        assert view.echoed_speaker == "Vladimir Putin" and view.lag_seconds == 4 * 86400
    for a in (a_by, a_ru, a_by):  # re-runs, in any order
        index(db, a)
    with session_scope(db) as s:
        again = [(r.id, r.score, r.lag_seconds, r.evidence)
                 for r in s.scalars(select(QuoteEcho).where(QuoteEcho.kind == "echo"))]
    assert again == first


def test_a_quotes_frames_come_from_its_words_in_their_sentence_not_from_the_rest_of_the_article(db: str) -> None:
    # the reporting clause holds half the claim: the quote alone ("four million people ... abused for speaking
    # Russian") names neither Donbass nor a genocide
    said = "nearly four million people had been subjected to abuse for years simply for speaking Russian"
    body = ("Putin spoke of what he called genocide against the residents of Donbass, saying that " + said + ".\n\n"
            "He also said that NATO was building up its forces at the borders of the Union State, a direct threat.")
    a, q = store(db, "kremlin_ru", said, "putin", "en", T0, body=body)
    index(db, a)
    with session_scope(db) as s:
        assert set(s.scalars(select(QuoteFrame.frame_id).where(QuoteFrame.quote_id == q))) == \
            {"russian_speakers_persecuted"}


def test_a_reference_statement_stored_after_its_echo_is_still_linked(db: str) -> None:
    a_by, q_by = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", T0 + timedelta(days=2))
    index(db, a_by)
    a_ru, q_ru = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", T0)
    index(db, a_ru)
    with session_scope(db) as s:
        rows = [(r.quote_id, r.echoed_quote_id, r.lag_seconds) for r in s.scalars(select(QuoteEcho))]
    assert rows == [(q_by, q_ru, 2 * 86400)]


def test_a_statement_committed_below_the_highest_id_seen_reaches_the_index_at_the_next_sync(db: str) -> None:
    """Concurrent extractions commit out of id order: a row that appears below the highest quote
    id a process has seen changes the count and sum of the ids there, and the next sync reads
    the window again and puts it. With nothing late, a sync reads only the rows above."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from alerts.echoes import _LIVE

    a_ru, q_ru = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", T0)
    a_by, q_by = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", T0 + timedelta(days=1))
    index(db, a_ru)
    index(db, a_by)
    live = _LIVE[0]
    assert q_ru in live.idx and live.high >= q_by
    live.drop(q_ru)  # as if another process committed it only now
    live.seen.discard(q_ru)
    with session_scope(db) as s:
        live.sync(s)
    assert q_ru in live.idx
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        with session_scope(db) as s:
            live.sync(s)
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert len([st for st in seen if "quote_narratives" in st]) == 2, seen


def test_one_statement_in_two_languages_is_one_cluster_and_one_alert(db: str) -> None:
    rule = Rule(id="by", name="BY on NATO", speaker={"countries": ["BY"]}, frames=["nato_threat"], new_only=False,
                channels=["outbox"])
    a_ru, q_ru = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", T0)
    a_en, q_en = store(db, "belta_en", LUKA_EN, "lukashenko", "en", T0 + timedelta(hours=5))
    for a in (a_ru, a_en, a_en):
        with session_scope(db) as s:
            index_article(s, a, LEADERS)
            evaluate_article(s, a, [rule], LEADERS, {}, lambda r: ["outbox"], timedelta(0))
    with session_scope(db) as s:
        ru, en = s.get(Quote, q_ru), s.get(Quote, q_en)
        assert ru is not None and en is not None and ru.cluster_id == en.cluster_id
        versions = [(r.quote_id, r.echoed_quote_id) for r in s.scalars(
            select(QuoteEcho).where(QuoteEcho.kind == "version"))]
        assert versions == [(q_en, q_ru)]
        assert len(list(s.scalars(select(Alert)))) == 1


def test_rules_match_on_frames_and_echo_of(db: str) -> None:
    a_ru, _ = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", T0)
    a_by, q_by = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", T0 + timedelta(days=4))
    index(db, a_ru)
    index(db, a_by)
    echo_rule = Rule(id="echo", name="echo", speaker={"countries": ["BY"]},
                     echo_of={"country": "RU", "within": "30d", "min_score": 0.05}, new_only=False)
    too_soon = Rule(id="soon", name="soon", echo_of={"country": "RU", "within": "2d"}, new_only=False)
    wrong_frame = Rule(id="frame", name="frame", frames=["sanctions_backfire"], new_only=False)
    with session_scope(db) as s:
        fired = evaluate_article(s, a_by, [echo_rule, too_soon, wrong_frame], LEADERS, {}, lambda r: ["outbox"],
                                 timedelta(0))
        assert fired
        alerts = list(s.scalars(select(Alert)))
        assert [a.rule_id for a in alerts] == ["echo"]
        from storage.models import Delivery

        [d] = list(s.scalars(select(Delivery)))
        [echo] = d.payload["echoes"]
        assert echo["speaker"] == LEADERS["putin"].name and echo["lag"] == "4 days"
        assert echo["text"] == PUTIN_RU
    _ = q_by


def test_rules_test_backtests_frames_and_echo_of_also_on_quotes_stored_before_narratives(db: str) -> None:
    from alerts.backtest import run
    from storage.models import QuoteNarrative, utcnow

    now = utcnow()
    a_ru, _ = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", now - timedelta(days=6))
    a_by, q_by = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", now - timedelta(days=2))
    store(db, "belta_ru", OTHER_RU, "lukashenko", "ru", now - timedelta(days=1))
    # nothing indexed yet, as for quotes stored before the narratives migration
    rules = [Rule(id="echo", name="echo", speaker={"countries": ["BY"]}, echo_of={"country": "RU", "within": "30d"},
                  new_only=False),
             Rule(id="frame", name="frame", frames=["nato_threat"], new_only=False)]
    with session_scope(db) as s:
        bt = run(s, rules, LEADERS, {}, timedelta(days=30))  # replays by storage time: up to now
        assert [f.quote_id for f in bt.fires if f.rule_id == "echo"] == [q_by]
        assert bt.stats["frame"].fired == 2  # Putin's statement and Lukashenko's
        assert s.get(QuoteNarrative, q_by) is not None
    _ = (a_ru, a_by)


def test_the_echoes_command_in_csv_jsonl_and_table_and_its_mistakes(db: str) -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from mouthpiece.cli import app

    now = datetime.now(UTC)
    a_ru, _ = store(db, "kremlin_ru", PUTIN_RU, "putin", "ru", now - timedelta(days=5))
    a_by, _ = store(db, "belta_ru", LUKA_RU, "lukashenko", "ru", now - timedelta(days=1))
    index(db, a_ru)
    index(db, a_by)
    run = CliRunner().invoke
    res = run(app, ["echoes", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["speaker"], r["echoed_speaker"], r["lag"]) for r in rows] == [
        (LEADERS["lukashenko"].name, LEADERS["putin"].name, "4 days")]
    res = run(app, ["echoes", "--format", "jsonl", "--speaker", "putin"])
    assert [json.loads(ln)["echoed_text"] for ln in res.stdout.splitlines()] == [PUTIN_RU]
    assert run(app, ["echoes", "--since", "2d", "--format", "jsonl"]).stdout.count("\n") == 1
    res = run(app, ["echoes"])
    assert res.exit_code == 0 and "4 days" in res.stdout
    for bad, says in ((["--format", "xml"], "--format"), (["--since", "soon"], "--since"),
                      (["--speaker", "nobody"], "--speaker")):
        res = run(app, ["echoes", *bad])
        assert res.exit_code == 2 and says in res.output, res.output
