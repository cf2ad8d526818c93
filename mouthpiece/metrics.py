"""Prometheus metrics, read from storage on each scrape.

Workers are separate processes (prefork, several containers), so counters kept in memory would
each tell part of the story. The database and the broker know the whole of it: every scrape
asks them, which makes the endpoint correct however many workers run."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, SummaryMetricFamily
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import func, select

log = logging.getLogger(__name__)


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (0.0, 0.0, 0.0)
    v = sorted(values)
    pick = lambda p: v[min(len(v) - 1, int(p * len(v)))]  # noqa: E731
    return pick(0.5), pick(0.95), sum(v)


class MouthpieceCollector(Collector):
    def collect(self) -> Iterator[Any]:
        from mouthpiece.status import queue_depths
        from storage.db import session_scope
        from storage.models import Alert, Article, CrawlRun, Delivery, Heartbeat, Quote, utcnow
        from storage.sources import source_health

        now = utcnow()
        try:
            with session_scope() as s:
                arts = CounterMetricFamily("mouthpiece_articles_crawled", "Articles stored", labels=["source"])
                for sid, n in s.execute(select(Article.source_id, func.count()).group_by(Article.source_id)):
                    arts.add_metric([sid], n)
                yield arts
                quotes = CounterMetricFamily("mouthpiece_quotes_extracted", "Quotes extracted", labels=["lang"])
                for lang, n in s.execute(select(Quote.lang, func.count()).group_by(Quote.lang)):
                    quotes.add_metric([lang or "?"], n)
                yield quotes
                alerts = CounterMetricFamily("mouthpiece_alerts", "Alerts by status", labels=["rule", "status"])
                for rule, st, n in s.execute(select(Alert.rule_id, Alert.status, func.count())
                                             .group_by(Alert.rule_id, Alert.status)):
                    alerts.add_metric([rule, st], n)
                yield alerts
                dels = CounterMetricFamily("mouthpiece_deliveries", "Deliveries by channel and status "
                                           "(sent, failed, pending, retry)", labels=["channel", "status"])
                for ch, st, n in s.execute(select(Delivery.channel, Delivery.status, func.count())
                                           .group_by(Delivery.channel, Delivery.status)):
                    dels.add_metric([ch, st], n)
                yield dels
                # latencies over the last 24 hours, from the rows' own timestamps
                since = now - timedelta(hours=24)
                crawl = SummaryMetricFamily("mouthpiece_crawl_seconds", "Crawl run duration (24h)")
                d = [(r.finished_at - r.started_at).total_seconds() for r in s.scalars(
                    select(CrawlRun).where(CrawlRun.started_at >= since, CrawlRun.finished_at.is_not(None)))
                    if r.finished_at is not None]
                crawl.add_metric([], len(d), sum(d))
                yield crawl
                tta = GaugeMetricFamily("mouthpiece_time_to_alert_seconds",
                                        "First seen to alert sent, 24h percentiles", labels=["quantile"])
                lat = [(dl.sent_at - a.first_seen_at).total_seconds() for dl, a in s.execute(
                    select(Delivery, Article).join(Alert, Delivery.alert_id == Alert.id)
                    .join(Quote, Alert.quote_id == Quote.id).join(Article, Quote.article_id == Article.id)
                    .where(Delivery.sent_at >= since)) if dl.sent_at is not None]
                p50, p95, _ = _percentiles(lat)
                tta.add_metric(["0.5"], p50)
                tta.add_metric(["0.95"], p95)
                yield tta
                health = GaugeMetricFamily("mouthpiece_source_consecutive_failures",
                                           "Consecutive failed crawls per source", labels=["source"])
                ok_age = GaugeMetricFamily("mouthpiece_source_seconds_since_success",
                                           "Seconds since the last successful crawl", labels=["source"])
                state = GaugeMetricFamily("mouthpiece_source_state", "1 for the source's current state",
                                          labels=["source", "state"])
                drift = CounterMetricFamily("mouthpiece_parser_drift", "Articles a source's site parser could "
                                            "not read (title, date or body missing; stored from the generic "
                                            "extractor)", labels=["source"])
                for row in source_health(s, now):
                    drift.add_metric([row["id"]], row["parser_drift"])
                    health.add_metric([row["id"]], row["consecutive_failures"])
                    if row["last_success_at"]:
                        ok_age.add_metric([row["id"]], (now - row["last_success_at"]).total_seconds())
                    state.add_metric([row["id"], row["status"]], 1)
                yield health
                yield drift
                yield ok_age
                yield state
                hb = GaugeMetricFamily("mouthpiece_heartbeat_age_seconds",
                                       "Seconds since a worker last processed this queue's heartbeat",
                                       labels=["queue"])
                for h in s.scalars(select(Heartbeat)):
                    if h.processed_at:
                        hb.add_metric([h.queue], (now - h.processed_at).total_seconds())
                yield hb
        except Exception as e:  # a scrape must answer even when the database is down
            log.warning("metrics: storage unavailable: %s", e)
            up = GaugeMetricFamily("mouthpiece_storage_up", "Whether storage answered the scrape")
            up.add_metric([], 0)
            yield up
            return
        up = GaugeMetricFamily("mouthpiece_storage_up", "Whether storage answered the scrape")
        up.add_metric([], 1)
        yield up
        depth = GaugeMetricFamily("mouthpiece_queue_depth", "Messages waiting in the broker", labels=["queue"])
        for queue, waiting in queue_depths().items():
            if waiting is not None:
                depth.add_metric([queue], waiting)
        yield depth


def registry() -> CollectorRegistry:
    reg = CollectorRegistry()
    reg.register(MouthpieceCollector())
    return reg


def serve(port: int, addr: str = "127.0.0.1") -> threading.Thread | None:
    """Serve /metrics in a daemon thread; returns None when the port is taken (say so, go on)."""
    from prometheus_client import start_http_server

    try:
        _server, thread = start_http_server(port, addr=addr, registry=registry())
    except OSError as e:
        log.warning("metrics: cannot listen on %s:%s (%s); metrics disabled", addr, port, e)
        return None
    log.info("metrics on http://%s:%s/metrics", addr, port)
    return thread
