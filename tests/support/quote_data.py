"""A small store of quotes for the CLI and web tests of reading (issue 13), written through the
same storage calls the worker uses. Tests derive what they expect from `SAMPLE`, not from counts
typed by hand."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from config.leaders import load_leaders
from storage.articles import upsert_article
from storage.db import session_scope, upgrade
from storage.models import Alert, Delivery, Quote, Source
from storage.quotes import ensure_speakers, replace_quotes

NOW = datetime.now(UTC).replace(microsecond=0)
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@dataclass
class Art:
    source: str
    url: str
    title: str
    days_ago: float
    lang: str
    body: str
    quotes: list[dict[str, Any]] = field(default_factory=list)


def _q(body: str, speaker_id: str | None, speaker: str, text: str, topics: list[str], lang: str,
       type_: str = "direct") -> dict[str, Any]:
    start = body.index(text)
    return {"speaker_id": speaker_id, "speaker": speaker, "text": text, "type": type_, "cue": "said",
            "start": start, "end": start + len(text), "topics": topics, "lang": lang}


def _art(source: str, url: str, title: str, days_ago: float, lang: str, body: str,
         quotes: list[tuple[str | None, str, str, list[str]]]) -> Art:
    return Art(source, url, title, days_ago, lang, body,
               [_q(body, sid, name, text, topics, lang) for sid, name, text, topics in quotes])


B1 = ("Minsk, 25 November.\n"
      "\u201cNATO is building up its forces near our western borders,\u201d the head of state said.\n"
      "He added: \u201cWe will respond calmly but firmly.\u201d\n"
      "Putin said earlier: \u201cWe will answer any threat.\u201d")
B2 = ("Минск, 20 ноября.\n"
      "Лукашенко заявил, что \u00abугрозы со стороны альянса растут\u00bb.\n"
      "По его словам, \u00abармия готова ответить на любую провокацию\u00bb.")
B3 = ("A reprint.\n"
      "\u201cNATO is building up its forces near our western borders,\u201d Lukashenko said.\n"
      "Someone wrote: \u201c" + HOSTILE + "\u201d")
B4 = ("Two months ago.\n"
      "\u201cThe harvest was good this year,\u201d Lukashenko said.")

SAMPLE = [
    _art("by_state", "https://by.example/news/1", "Lukashenko on the western border", 3, "en", B1, [
        ("lukashenko", "Alexander Lukashenko", "NATO is building up its forces near our western borders", ["NATO"]),
        ("lukashenko", "Alexander Lukashenko", "We will respond calmly but firmly.", ["NATO"]),
        ("putin", "Vladimir Putin", "We will answer any threat.", []),
    ]),
    _art("by_state", "https://by.example/news/2", "Лукашенко о безопасности", 9, "ru", B2, [
        ("lukashenko", "Александр Лукашенко", "угрозы со стороны альянса растут", ["NATO"]),
        ("lukashenko", "Александр Лукашенко", "армия готова ответить на любую провокацию", []),
    ]),
    _art("ru_state", "https://ru.example/a/3", "Reprint: " + HOSTILE, 2, "en", B3, [
        ("lukashenko", "Alexander Lukashenko", "NATO is building up its forces near our western borders", ["NATO"]),
        (None, "Someone", HOSTILE, []),
    ]),
    _art("by_state", "https://by.example/news/4", "Harvest", 60, "en", B4, [
        ("lukashenko", "Alexander Lukashenko", "The harvest was good this year,", []),
    ]),
]


@dataclass
class Store:
    url: str
    quote_ids: dict[tuple[str, str], int]  # (article url, quote text) -> id
    article_ids: dict[str, int]
    alert_id: int
    delivery_id: int

    def qid(self, art: int, text: str) -> int:
        return self.quote_ids[(SAMPLE[art].url, text)]


def fill(url: str) -> Store:
    """Migrate `url` and store SAMPLE; the reprint (article 3) joins article 1's cluster, and
    the first NATO quote has an alert with a failed outbox delivery."""
    upgrade(url)
    leaders = {ld.id: ld for ld in load_leaders()}
    quote_ids: dict[tuple[str, str], int] = {}
    article_ids: dict[str, int] = {}
    with session_scope(url) as s:
        for sid, country in (("by_state", "BY"), ("ru_state", "RU")):
            if s.get(Source, sid) is None:
                s.add(Source(id=sid, name=f"{sid} site", kind="state_media", country=country, http_cache={}))
        ensure_speakers(s, [(i, leaders[i].name, leaders[i].country) for i in ("lukashenko", "putin")])
    for a in SAMPLE:
        with session_scope(url) as s:
            r = upsert_article(s, source_id=a.source, canonical_url=a.url, urls=[a.url], title=a.title, body=a.body,
                               published_at=NOW - timedelta(days=a.days_ago), modified_at=None, authors=[],
                               lang=a.lang)
            article_ids[a.url] = r.article_id
            for row in replace_quotes(s, r.article_id, a.quotes):
                quote_ids[(a.url, row.text)] = row.id
    first = quote_ids[(SAMPLE[0].url, SAMPLE[0].quotes[0]["text"])]
    again = quote_ids[(SAMPLE[2].url, SAMPLE[2].quotes[0]["text"])]
    with session_scope(url) as s:
        for qid in quote_ids.values():
            row = s.get(Quote, qid)
            assert row is not None
            row.cluster_id = first if qid == again else qid
        alert = Alert(rule_id="by-nato-ukraine", cluster_id=first, quote_id=first, severity="warning", status="sent",
                      novelty={"new": True, "reason": "new: first statement by this speaker in the last 30 days"})
        s.add(alert)
        s.flush()
        d = Delivery(idempotency_key=f"alert-{alert.id}-outbox", alert_id=alert.id, channel="outbox",
                     status="failed", attempts=3, last_error="disk full", payload={})
        s.add(d)
        s.flush()
        alert_id, delivery_id = alert.id, d.id
    return Store(url, quote_ids, article_ids, alert_id, delivery_id)
