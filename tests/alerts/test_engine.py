"""The alert engine on a real SQLite database and real channels (outbox files, a local Slack
webhook stand-in): clusters, silences, quiet hours, rate cap, Retry-After through the sweep's
query, failed deliveries and `alerts retry`, the backtest, and config errors with file:line."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from alerts.engine import due_deliveries, evaluate_article, send
from alerts.quiet import ChannelPolicy, QuietHours, RateCap, load_channel_policies
from alerts.rules import Rule, load_rules
from config.leaders import load_leaders
from config.loader import ConfigError
from storage.db import reset_engines, session_scope, upgrade
from storage.models import Alert, Article, Delivery, Quote, Source, Speaker, utcnow
from tests.support.servers import WebhookServer

LEADERS = {ld.id: ld for ld in load_leaders()}
RULE = Rule(id="by", name="BY on NATO", speaker={"countries": ["BY"]}, topics={"any": ["NATO", "Ukraine"]},
            channels=["slack"])
TEXT = "NATO is building up its forces near our western borders, and we cannot ignore it"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from config.settings import reset_settings
    from tests.support.seed import seeded_database

    yield seeded_database(f"sqlite:///{tmp_path / 'a.sqlite'}",
                          [("belta", "BelTA", "BY"), ("sb", "SB Belarus Today", "BY"), ("tass", "TASS", "BY")],
                          tmp_path / "data", monkeypatch)
    reset_engines()
    reset_settings()


_n = iter(range(1, 10_000))


def store(url: str, source: str, text: str = TEXT, speaker: str = "lukashenko", topics: tuple[str, ...] = ("NATO",),
          seen: datetime | None = None) -> int:
    i = next(_n)
    with session_scope(url) as s:
        art = Article(source_id=source, canonical_url=f"https://{source}.example/{i}", url=f"https://{source}.example/{i}",
                      title=f"t{i}", body=text, content_hash=str(i), first_seen_at=seen or utcnow(),
                      published_at=seen or utcnow())
        s.add(art)
        s.flush()
        s.add(Quote(article_id=art.id, speaker_id=speaker, speaker_name=LEADERS[speaker].name, text=text,
                    type="direct", start=0, end=len(text), topics=list(topics), lang="en"))
        return art.id


def evaluate(url: str, article_id: int, rules: list[Rule] | None = None, wait: float = 0,
             channels: list[str] | None = None, now: datetime | None = None) -> list[int]:
    with session_scope(url) as s:
        return evaluate_article(s, article_id, rules or [RULE], LEADERS, {}, lambda r: channels or ["slack"],
                                timedelta(seconds=wait), now=now)


class Slack:
    def __init__(self, url: str) -> None:
        from alerts.channels.slack import SlackChannel
        from config.settings import Settings

        self.channel = SlackChannel.from_settings(Settings(_env_file=None, SLACK_WEBHOOK_URL=url))  # type: ignore[call-arg]

    def __call__(self, name: str) -> Any:
        assert name == "slack"
        return self.channel


def deliver(url: str, did: int, hook: WebhookServer, policies: dict[str, ChannelPolicy] | None = None,
            now: datetime | None = None) -> str:
    with session_scope(url) as s:
        return send(s, did, Slack(hook.url), policies or {}, now=now)


def rows(url: str) -> list[Delivery]:
    with session_scope(url) as s:
        return list(s.scalars(select(Delivery).order_by(Delivery.id)))


def alerts(url: str) -> list[Alert]:
    with session_scope(url) as s:
        return list(s.scalars(select(Alert).order_by(Alert.id)))


def test_reprints_form_one_cluster_and_show_as_also_reported_by(db: str, webhook_server: WebhookServer) -> None:
    first = evaluate(db, store(db, "belta"), wait=60)
    assert first == [], "nothing is due before the group wait passes"
    assert evaluate(db, store(db, "sb", TEXT + ".")) == []
    assert evaluate(db, store(db, "tass", "NATO is building up its forces near our western borders and we "
                                           "cannot ignore it!")) == []
    assert len(alerts(db)) == 1
    [d] = rows(db)
    assert due_deliveries_at(db, utcnow()) == []
    later = utcnow() + timedelta(seconds=61)
    assert due_deliveries_at(db, later) == [d.id]
    assert deliver(db, d.id, webhook_server, now=later) == "sent"
    [req] = webhook_server.requests
    assert "SB Belarus Today" in req.body.decode() and "TASS" in req.body.decode()
    assert rows(db)[0].payload["also_reported_by"] == ["SB Belarus Today", "TASS"]
    assert alerts(db)[0].status == "sent"
    # a different statement by the same speaker is a new cluster and a new alert
    evaluate(db, store(db, "sb", "We will never allow a war with Ukraine to reach Belarusian soil", topics=("Ukraine",)))
    assert len(alerts(db)) == 2
    reason = alerts(db)[1].novelty["reason"]
    assert reason.startswith("new: the nearest earlier statement") and "similarity 0.00" in reason


def due_deliveries_at(url: str, now: datetime) -> list[int]:
    with session_scope(url) as s:
        return due_deliveries(s, now)


def test_repeat_after_the_cluster_window_is_not_new(db: str) -> None:
    old = utcnow() - timedelta(days=10)
    aid = store(db, "belta", seen=old)
    with session_scope(db) as s:
        for q in s.scalars(select(Quote)):
            q.created_at = old
    evaluate(db, aid)
    evaluate(db, store(db, "sb"))
    [a] = alerts(db)
    with session_scope(db) as s:
        clusters = list(s.scalars(select(Quote.cluster_id).order_by(Quote.id)))
    assert clusters[0] != clusters[1], "10 days later is a new cluster..."
    # ...but not new rhetoric within the rule's 30 days: no second alert
    assert a.cluster_id == clusters[0]


def test_silence_at_creation_and_at_send_time(db: str, webhook_server: WebhookServer) -> None:
    from alerts.silences import add

    with session_scope(db) as s:
        sil = add(s, speaker_id="lukashenko", rule_id=None, duration=timedelta(days=2), reason="visit")
        sil_id = sil.id
    evaluate(db, store(db, "belta"))
    [a] = alerts(db)
    assert a.status == "silenced" and "visit" in (a.reason or "") and rows(db) == []
    with session_scope(db) as s:
        from alerts.silences import remove

        assert remove(s, sil_id)
    [did] = evaluate(db, store(db, "belta", "We will never allow a war with Ukraine to reach Belarusian soil"))
    with session_scope(db) as s:
        add(s, speaker_id=None, rule_id="by", duration=timedelta(hours=1))
    assert deliver(db, did, webhook_server) == "silenced"
    assert webhook_server.requests == []
    assert alerts(db)[1].status == "silenced"


def test_quiet_hours_delay_and_never_drop(db: str, webhook_server: WebhookServer) -> None:
    quiet = {"slack": ChannelPolicy(quiet_hours=QuietHours(start="22:00", end="07:00", timezone="Europe/Minsk"))}
    night = datetime(2026, 5, 1, 21, 30, tzinfo=UTC)  # 00:30 in Minsk
    [did] = evaluate(db, store(db, "belta"), now=night)
    assert deliver(db, did, webhook_server, quiet, now=night) == "delayed"
    [d] = rows(db)
    assert d.status == "pending" and d.attempts == 0 and "quiet hours" in (d.reason or "")
    assert d.next_attempt_at == datetime(2026, 5, 2, 4, 0, tzinfo=UTC)  # 07:00 Minsk
    assert due_deliveries_at(db, night + timedelta(hours=6)) == []
    morning = datetime(2026, 5, 2, 4, 0, 1, tzinfo=UTC)
    assert due_deliveries_at(db, morning) == [did]
    assert deliver(db, did, webhook_server, quiet, now=morning) == "sent"
    assert len(webhook_server.requests) == 1


def test_rate_cap_overflows_into_the_digest(db: str, webhook_server: WebhookServer) -> None:
    cap = {"slack": ChannelPolicy(rate_cap=RateCap(max=2, per="1h"))}
    texts = ["NATO is building up its forces near our western borders",
             "Ukraine must stop the war and sit down at the negotiating table",
             "NATO exercises in Poland and Lithuania threaten the security of Belarus"]
    ids = [i for t in texts for i in evaluate(db, store(db, "belta", t, topics=("NATO", "Ukraine")))]
    assert [deliver(db, i, webhook_server, cap) for i in ids] == ["sent", "sent", "held"]
    held = rows(db)[2]
    assert "rate cap" in (held.reason or "") and "digest" in (held.reason or "")
    assert alerts(db)[2].status == "held"
    assert len(webhook_server.requests) == 2


def test_429_retry_after_is_honoured_by_the_sweep(db: str, webhook_server: WebhookServer) -> None:
    [did] = evaluate(db, store(db, "belta"))
    webhook_server.fail_next(1, 429, retry_after=2)
    t0 = utcnow()
    assert deliver(db, did, webhook_server) == "retry"
    [d] = rows(db)
    assert d.next_attempt_at is not None
    assert timedelta(seconds=1.5) <= d.next_attempt_at - t0 <= timedelta(seconds=3)
    assert due_deliveries_at(db, utcnow()) == [], "the sweep does not resend before Retry-After"
    assert due_deliveries_at(db, t0 + timedelta(seconds=3)) == [did]
    assert deliver(db, did, webhook_server, now=t0 + timedelta(seconds=3)) == "sent"
    assert [r.headers.get("Content-Type", "").split(";")[0] for r in webhook_server.requests] == \
        ["application/json"] * 2
    assert rows(db)[0].attempts == 2


def test_permanent_failure_listed_and_retried_by_cli(db: str, webhook_server: WebhookServer,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from mouthpiece.cli import app

    [did] = evaluate(db, store(db, "belta"))
    webhook_server.fail_next(1, 404)
    assert deliver(db, did, webhook_server) == "failed"
    monkeypatch.setenv("SLACK_WEBHOOK_URL", webhook_server.url)
    from config.settings import reset_settings

    reset_settings()
    runner = CliRunner()
    res = runner.invoke(app, ["alerts", "failed"])
    assert res.exit_code == 0 and f"{did}" in res.output and "slack" in res.output
    res = runner.invoke(app, ["alerts", "retry", str(did)])
    assert res.exit_code == 0, res.output
    assert "sent" in res.output
    assert rows(db)[0].status == "sent" and len(webhook_server.requests) == 2
    res = runner.invoke(app, ["alerts", "retry", str(did)])
    assert res.exit_code != 0, "a sent delivery is not sent again"
    assert len(webhook_server.requests) == 2
    monkeypatch.setenv("COLUMNS", "300")
    res = runner.invoke(app, ["alerts", "list"])
    assert res.exit_code == 0 and "slack=sent" in res.output


def test_silence_cli(db: str) -> None:
    from mouthpiece.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["silence", "add", "--speaker", "Lukashenko", "--for", "2d", "--reason", "summit"])
    assert res.exit_code == 0, res.output
    assert "lukashenko" in res.output
    res = runner.invoke(app, ["silence", "list"])
    assert "lukashenko" in res.output and "summit" in res.output
    assert runner.invoke(app, ["silence", "add", "--speaker", "Nobody", "--for", "2d"]).exit_code == 2
    assert runner.invoke(app, ["silence", "add", "--speaker", "putin", "--for", "soon"]).exit_code == 2
    assert runner.invoke(app, ["silence", "remove", "1"]).exit_code == 0
    assert "no silences" in runner.invoke(app, ["silence", "list"]).output


def test_backtest_prints_what_would_fire_and_sends_nothing(db: str) -> None:
    from mouthpiece.cli import app

    for src in ("belta", "sb", "tass"):
        store(db, src)
    store(db, "belta", "We will never allow a war with Ukraine to reach Belarusian soil", topics=("Ukraine",))
    store(db, "belta", "The harvest this year was the best in a decade", topics=())
    store(db, "tass", "NATO keeps expanding to the east", speaker="putin")
    res = CliRunner().invoke(app, ["rules", "test", "--since", "30d"])
    assert res.exit_code == 0, res.output
    assert "replayed 6 quotes" in res.output and "nothing was sent" in res.output
    line = next(ln for ln in res.output.splitlines() if ln.strip().startswith("│ by-nato-ukraine") or
                ln.strip().startswith("by-nato-ukraine"))
    assert " 2 " in line, res.output  # two statements; the two reprints do not fire again
    assert "western borders" in res.output and "Belarusian soil" in res.output
    assert alerts(db) == [] and rows(db) == []
    res = CliRunner().invoke(app, ["rules", "test", "--rule", "nope"])
    assert res.exit_code == 2


def test_rules_check_and_config_errors_name_file_line_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mouthpiece.cli import app

    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - id: r1\n    name: R\n    topics:\n      any: [NATO]\n    severity: loud\n")
    with pytest.raises(ConfigError) as e:
        load_rules(bad)
    assert str(e.value).startswith(f"{bad}:6: rules[0].severity:")
    bad.write_text("rules:\n  - id: r1\n    name: R\n    regex: '(unclosed'\n")
    with pytest.raises(ConfigError, match=r"rules\.yaml:4: rules\[0\]\.regex: .*regular expression"):
        load_rules(bad)
    bad.write_text("rules:\n  - id: r1\n    name: R\n    speakr: {ids: [x]}\n")
    with pytest.raises(ConfigError, match=r"rules\.yaml:4: rules\[0\]\.speakr"):
        load_rules(bad)
    ch = tmp_path / "channels.yaml"
    ch.write_text("channels:\n  slack:\n    quiet_hours:\n      start: '22:00'\n      end: '07:00'\n"
                  "      timezone: Mars/Olympus\n")
    with pytest.raises(ConfigError, match=r"channels\.yaml:6: channels\.slack\.quiet_hours\.timezone: .*time zone"):
        load_channel_policies(ch)
    ch.write_text("channels:\n  slack:\n    rate_cap: {max: 0}\n")
    with pytest.raises(ConfigError, match=r"channels\.yaml:3: channels\.slack\.rate_cap\.max"):
        load_channel_policies(ch)
    ch.write_text("channels:\n  pager:\n    rate_cap: {max: 1}\n")
    with pytest.raises(ConfigError, match=r"channels\.yaml:\d+: channels"):
        load_channel_policies(ch)
    # the CLI: defaults pass; a broken deployment file fails with file:line: field
    res = CliRunner().invoke(app, ["rules", "check"])
    assert res.exit_code == 0 and "by-nato-ukraine" in res.output and "OK" in res.output, res.output
    monkeypatch.setenv("MOUTHPIECE_CONFIG_DIR", str(tmp_path))
    from config.settings import reset_settings

    reset_settings()  # a new process reads the environment afresh; this one must be told
    res = CliRunner().invoke(app, ["rules", "check"])
    assert res.exit_code != 0 and isinstance(res.exception, ConfigError)
    assert "rules.yaml:4: rules[0].speakr" in str(res.exception)
    bad.unlink()
    res = CliRunner().invoke(app, ["rules", "check"])
    assert isinstance(res.exception, ConfigError) and "channels.yaml:2: channels" in str(res.exception)


def test_digest_only_rule_is_held_without_deliveries(db: str) -> None:
    r = RULE.model_copy(update={"id": "quiet", "channels": ["digest"]})
    assert evaluate(db, store(db, "belta"), rules=[r]) == []
    [a] = alerts(db)
    assert a.status == "held" and rows(db) == []


def test_rule_channels_default_to_the_outbox_when_nothing_is_configured(make_settings: Any) -> None:
    from alerts.engine import rule_channels

    bare = make_settings()
    assert rule_channels(RULE.model_copy(update={"channels": ["default"]}), bare) == ["outbox"]
    assert rule_channels(RULE.model_copy(update={"channels": ["slack", "digest"]}), bare) == ["outbox"]
    assert rule_channels(RULE.model_copy(update={"channels": ["digest"]}), bare) == []
    hooked = make_settings(SLACK_WEBHOOK_URL="http://127.0.0.1:9/services/x")
    assert rule_channels(RULE.model_copy(update={"channels": ["default"]}), hooked) == ["slack"]


def test_message_ids_do_not_repeat_after_a_database_reset(db: str, tmp_path: Path) -> None:
    """Alert 1 of a new database is not alert 1 of the old one: its email must not reuse the old
    Message-ID (mail clients fold messages with one Message-ID together), nor its outbox file."""
    from alerts.channels.email import message_id_for
    from alerts.channels.outbox import outbox_name

    evaluate(db, store(db, "belta"), channels=["email"])
    reset = f"sqlite:///{tmp_path / 'after-reset.sqlite'}"  # the database deleted and created again
    upgrade(reset)
    with session_scope(reset) as s:
        s.add(Source(id="belta", name="BelTA", kind="state_media", country="BY", http_cache={}))
        for ld in LEADERS.values():
            s.add(Speaker(id=ld.id, name=ld.name, country=ld.country))
    evaluate(reset, store(reset, "belta"), channels=["email"])
    [old], [new] = rows(db), rows(reset)
    assert old.alert_id == new.alert_id == 1
    assert message_id_for(old.idempotency_key, "example.org") != message_id_for(new.idempotency_key, "example.org")
    assert outbox_name(old.idempotency_key) != outbox_name(new.idempotency_key)
    # and a retry of one delivery keeps its key: the same Message-ID, the same outbox file
    with session_scope(db) as s:
        assert s.get(Delivery, old.id).idempotency_key == old.idempotency_key  # type: ignore[union-attr]
