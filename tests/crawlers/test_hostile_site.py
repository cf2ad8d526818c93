"""Issue 11: a crawl of the hostile fixture site (tests/support/hostile.py) ends in bounded time,
stores nothing it should not, reaches no private service, and leaves every other source's
articles byte-identical."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from alerts.mentions import neutralise
from alerts.rules import QuoteFacts, Rule
from mouthpiece.sites import SITES_DIR, FixtureSite
from tests.crawlers.conftest import run_crawl
from tests.crawlers.test_politeness import demo_source
from tests.support.hostile import HostileSite, hostile_source, secret_service

COLUMNS = ("id", "source_id", "canonical_url", "url", "title", "authors", "published_at", "modified_at",
           "first_seen_at", "lang", "body", "content_hash", "reprint_of_id", "extra", "decode_warning")
BOUND = 90  # seconds: the whole hostile crawl, slow-loris and 200 MB stream included


def _snapshot(env: Any, source_id: str) -> dict[str, tuple[Any, ...]]:
    from storage.models import Article, ArticleAlias

    with env.session() as s:
        arts = s.scalars(select(Article).where(Article.source_id == source_id)).all()
        out = {a.canonical_url: tuple(getattr(a, c) for c in COLUMNS) for a in arts}
        aliases = s.execute(select(ArticleAlias.url, ArticleAlias.article_id)
                            .join(Article, Article.id == ArticleAlias.article_id)
                            .where(Article.source_id == source_id)).all()
        out["__aliases__"] = tuple(sorted(aliases))
    return out


def test_hostile_site_crawl(env: Any, tmp_path: Path) -> None:
    from storage.models import Article

    victim = FixtureSite(SITES_DIR / "demo").start()
    secret = secret_service(tmp_path / "secret").start()
    hostile = HostileSite(victim.base, secret.base).start()
    try:
        env.sources(demo_source(victim.base), hostile_source(hostile.base))
        first = run_crawl("demo")
        assert first["ok"] and len(first["new_article_ids"]) == 2
        before = _snapshot(env, "demo")

        summary = run_crawl("hostile", timeout=BOUND, DOWNLOAD_TIMEOUT=3)
        assert summary["ok"], summary["error"]

        # nothing reached the other local service, in any spelling of its address
        assert secret.paths_requested() == []
        # the 200 MB body was cut off at the page limit; the slow-loris at the download timeout
        assert hostile.streamed.get("/huge.html", 0) < 50 * 1024 * 1024
        assert hostile.streamed.get("/slow.html", 0) <= 10
        # every other source's articles are byte-identical, aliases included
        assert _snapshot(env, "demo") == before

        with env.session() as s:
            arts = {a.url.rsplit("/", 1)[-1]: a for a in s.scalars(
                select(Article).where(Article.source_id == "hostile"))}
        stored = sorted(arts)
        assert stored == ["claim.html", "hidden.html", "hijack.html", "mentions.html", "mojibake.html",
                          "redos.html", "reprint.html"], stored
        # hijack, claim and reprint: stored under their own URL, the declared one kept as a link
        for name, target in (("hijack.html", "/news/lukashenko-nato-borders-1001.html"),
                             ("claim.html", "/news/future-statement-2001.html"),
                             ("reprint.html", "/news/khrenin-ukraine-1003.html")):
            a = arts[name]
            assert a.canonical_url == hostile.base + "/" + name
            assert a.extra == {"canonical_elsewhere": victim.base + target}
        # the broken page: right text, and the repair on record
        moj = arts["mojibake.html"]
        assert moj.title == "Лукашенко: НАТО приближается к нашим границам"
        assert moj.decode_warning == "1 invalid UTF-8 byte sequence replaced (U+FFFD)"
        assert "Ð" not in moj.body and "НАТО наращивает силы" in moj.body
        # invisible text is not body text
        for hidden in ("in a template", "hidden block", "Invisible words"):
            assert hidden not in arts["hidden.html"].body
        # mention bait is stored as said; what leaves for a chat service is defused
        bait = arts["mentions.html"].body
        assert "@everyone" in bait and "<!channel>" in bait
        out = neutralise(bait)
        assert not re.search(r"(?<![\w\u2060])@(everyone|here|room|pul_1)\b|<!channel>|<@U|<@1|<at>", out)
        # ReDoS bait through catastrophic rules: answered at once (RE2)
        rules = [Rule(id=f"r{i}", name="R", regex=p, new_only=False)
                 for i, p in enumerate([r"(a+)+$", r"^(\w+\s?)*$", r"(.*a){20}"])]
        for para in arts["redos.html"].body.split("\n\n"):
            facts = QuoteFacts(speaker_id=None, speaker_country=None, speaker_roles=(), topics=(), source_id="h",
                               source_kind="state_media", source_country="BY", lang="en", type="direct", text=para)
            [r.matches(facts) for r in rules]

        # the refusals are on record, each with its reason
        refused = set(summary["refused_urls"])
        for spelled in ("2130706433", "0x7f000001", "[::ffff:127.0.0.1]", "localhost.", "127.0.0.1:6379",
                        "169.254.169.254", f"127.0.0.1:{secret.base.rsplit(':', 1)[1]}"):
            assert any(spelled in u for u in refused), (spelled, refused)
        failed = " ".join(summary.get("failed_urls") or [])
        for page in ("/deep.html", "/huge.html", "/slow.html"):
            assert page in failed, (page, failed)

        # the victim's next crawl still finds and stores its own articles (nothing "already stored")
        again = run_crawl("demo")
        assert again["ok"]
        assert _snapshot(env, "demo") == before

        _extract_with_catastrophic_rules(env, [arts["redos.html"].id, arts["mentions.html"].id])
    finally:
        hostile.stop()
        secret.stop()
        victim.stop()


RULES = """rules:
  - id: redos-nested
    name: nested quantifiers
    regex: '(a+)+$'
    new_only: false
    channels: [apprise]
  - id: redos-words
    name: words, exponential in re
    regex: '^(\\w+\\s?)*$'
    new_only: false
    channels: [apprise]
  - id: anything-by-lukashenko
    name: anything Lukashenko says
    speaker: {ids: [lukashenko]}
    new_only: false
    channels: [apprise]
"""


def _extract_with_catastrophic_rules(env: Any, article_ids: list[int]) -> None:
    """The worker's extraction task on the ReDoS and mention bait, with rules that a
    backtracking engine could not finish: each returns, and what would go to a chat service is
    defused."""
    from alerts.channels.apprise_channel import AppriseChannel  # noqa: F401  (the channel module)
    from alerts.mentions import neutralise
    from alerts.message import AlertMessage
    from alerts.render import render_text
    from config.loader import clear_cache
    from storage.models import Delivery, Quote
    from tasks.pipeline import extract_quotes

    (env.cfg / "rules.yaml").write_text(RULES, encoding="utf-8")
    clear_cache()
    for aid in article_ids:
        extract_quotes(aid)  # the task body, run here; it queues nothing while the group wait lasts
    with env.session() as s:
        texts = [q.text for q in s.scalars(select(Quote).where(Quote.article_id.in_(article_ids)))]
        payloads = [d.payload for d in s.scalars(select(Delivery))]
    # an ordinary sentence; `re` did not finish `^(\\w+\\s?)*$` on it in 60 s
    assert any(t.startswith("NATO is moving its forces closer") for t in texts), texts
    assert any("@everyone" in t for t in texts), texts
    bait = [p for p in payloads if "@everyone" in p["quote_text"]]
    assert bait, "the mention bait alerts (rule anything-by-lukashenko)"
    for p in bait:
        out = neutralise(render_text(AlertMessage.from_dict(p)))
        assert not re.search(r"(?<![\w\u2060])@(everyone|here|room|pul_1)\b|<!channel>|<@U|<@1|<at>", out), out
