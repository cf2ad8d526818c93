"""Parser drift (issue 14, item 4): a site parser whose selectors no longer find the title, date
or body of a page that the generic extractor can read. The article is stored from the generic
extractor, the source's drift counter goes up, the crawl run says which fields failed, status
and metrics show it, and drift on more than half of a run's articles raises an operator alert
(config/ops.yaml) through a real channel (the outbox)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from alerts.ops import OpsRule, drift_verdict
from crawlers.article import extract_article
from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.crawlers.conftest import CONFIG, configured_sources, local_source, run_crawl

SOURCES = configured_sources(CONFIG)
BELTA = SITES_DIR / "belta_en/president/view/lukashenko-nato-is-moving-closer-to-our-borders-170001-2026/index.html"
BELTA_URL = "https://eng.belta.by/president/view/lukashenko-nato-is-moving-closer-to-our-borders-170001-2026/"


def test_a_body_the_parser_cannot_find_comes_from_the_generic_extractor() -> None:
    page = BELTA.read_text(encoding="utf-8").replace("{{BASE}}", "https://eng.belta.by")
    fine = extract_article(page, BELTA_URL)
    assert fine.parser == "belta.V2" and fine.drift == []
    # the site renames its body container (and the parser's markers with it: an unknown layout)
    moved = page.replace("js-mediator-article", "article-body-2027")
    art = extract_article(moved, BELTA_URL)
    assert art.drift == ["body"] and art.parser.endswith("+trafilatura")
    assert art.title == fine.title and art.published_at == fine.published_at
    # the generic extractor still reads the speech
    assert "NATO" in art.body and len(art.body) > 0.5 * len(fine.body)
    # `mouthpiece article` keeps its contract: drift is not part of it
    assert "drift" not in art.to_contract() and set(art.to_contract()) == set(fine.to_contract())


def test_a_page_nobody_can_read_is_not_drift() -> None:
    art = extract_article("<html><head><title>x</title></head><body><div class='js-mediator-article'></div>"
                          "</body></html>", BELTA_URL)
    assert "body" not in art.drift  # the generic extractor found no body either


def test_the_verdict_is_more_than_half_of_the_articles_read() -> None:
    rule = OpsRule(id="parser-drift", name="drift", when="parser_drift", above=0.5, min_articles=2)
    stats = lambda d, p: {"parser_drift": {"articles": d, "parsed": p, "fields": {"body": d}}}  # noqa: E731
    assert drift_verdict(rule, stats(1, 2)) is None  # half is not more than half
    assert drift_verdict(rule, stats(2, 3)) is not None
    assert drift_verdict(rule, stats(1, 1)) is None  # too few articles to judge
    assert drift_verdict(rule, {}) is None
    v = drift_verdict(rule, stats(3, 4))
    assert v is not None and "3 of the 4 articles" in v.describe() and "body on 3" in v.describe()


def _demo_with_parser(site: FixtureSite, parser: str) -> dict[str, Any]:
    return {"id": "demo", "name": "Minsk Herald", "kind": "state_media", "country": "BY",
            "discovery": [{"type": "feed", "url": site.base + "/feed.xml"}],
            "allow_private": True, "download_delay": 0, "parser": parser}


def test_drift_is_counted_shown_and_raises_one_operator_alert(env, tmp_path: Path) -> None:
    from mouthpiece.metrics import registry
    from storage.models import Article, Delivery
    from storage.models import Source as SourceRow
    from storage.sources import source_health
    from tasks.pipeline import raise_operator_alerts

    with FixtureSite(SITES_DIR / "demo") as site:
        # the demo site read with BelTA's parser: a site whose layout is not the one the parser knows
        env.sources(_demo_with_parser(site, "belta"))
        summary = run_crawl("demo")
    assert summary["ok"], summary["error"]
    n = len(summary["new_article_ids"])
    assert n >= 2
    drift = summary["parser_drift"]
    assert drift["articles"] == drift["parsed"] == n
    assert drift["fields"]["body"] == n and len(drift["urls"]) == n
    with env.session() as s:
        arts = list(s.scalars(select(Article)))
        for a in arts:  # stored from the generic extractor: what it reads from the same page
            path = SITES_DIR / "demo" / a.canonical_url.split("/", 3)[3]
            generic = extract_article(path.read_bytes().replace(b"{{BASE}}", site.base.encode()), a.canonical_url,
                                      source=None)
            assert a.body == generic.body and a.body
        assert s.get(SourceRow, "demo").parser_drift == n
        row = next(r for r in source_health(s) if r["id"] == "demo")
        assert row["parser_drift"] == n and row["drift"].startswith(f"{n} of {n} articles") and "body" in row["drift"]
    samples = {(m.name, tuple(sm.labels.items())): sm.value for m in registry().collect() for sm in m.samples}
    assert samples[("mouthpiece_parser_drift", (("source", "demo"),))] == n

    ids = raise_operator_alerts(summary["run_id"], send_now=True)
    assert len(ids) == 1
    assert raise_operator_alerts(summary["run_id"], send_now=True) == []  # one alert per run
    with env.session() as s:
        d = s.get(Delivery, ids[0])
        assert d.status == "sent" and d.channel == "outbox" and d.alert_id is None
        sent = json.loads(Path(d.receipt).read_text(encoding="utf-8"))["alert"]
    assert sent["rule_id"] == "parser-drift" and f"{n} of the {n} articles" in sent["quote_text"]
    assert sent["url"] in drift["urls"]


def test_a_parser_that_fits_raises_nothing(env) -> None:
    from tasks.pipeline import raise_operator_alerts

    root = SITES_DIR / "belta_en"
    with FixtureSite(root) as site:
        env.sources(local_source(SOURCES["belta_en"], root, site.base))
        summary = run_crawl("belta_en")
    assert summary["ok"] and summary["new_article_ids"]
    assert summary["parser_drift"]["articles"] == 0 and summary["parser_drift"]["parsed"] >= 1
    assert raise_operator_alerts(summary["run_id"], send_now=True) == []


def test_cli_crawl_says_drift_and_sends_the_operator_alert(env, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    with FixtureSite(SITES_DIR / "demo") as site:
        env.sources(_demo_with_parser(site, "belta"))
        envs = {**os.environ, "DATABASE_URL": env.db_url, "MOUTHPIECE_CONFIG_DIR": str(env.cfg),
                "MOUTHPIECE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
        p = subprocess.run([sys.executable, "-m", "mouthpiece.cli", "crawl", "demo", "--no-extract"],
                           capture_output=True, text=True, env=envs, timeout=180)
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    n = (SITES_DIR / "demo" / "feed.xml").read_text(encoding="utf-8").count("<item>")
    assert f"parser drift: {n} of {n} articles" in out and "operator alert sent" in out, out
    sent = [json.loads(f.read_text(encoding="utf-8"))["alert"] for f in (tmp_path / "data" / "outbox").glob("*.json")]
    assert [m["rule_id"] for m in sent] == ["parser-drift"]
