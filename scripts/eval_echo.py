"""Echo detection against the echo gold: precision@1 and recall at a threshold.

    .venv/bin/python scripts/eval_echo.py [--split all|tune|heldout] [--threshold X] [--calibrate]

Each watched (Belarusian) statement is scored against every reference (Russian) statement of
the 30 days before it, exactly as the worker does: frames from config/narratives.yaml, features,
and the worker's lookup (`narratives.index.EchoIndex` holding every gold statement, so the IDF
is over all of them, as a worker's is over all it holds). At threshold t:
- precision@1: of the watched statements whose best candidate scores >= t, the share whose
  best candidate is a labelled echo;
- recall: the share of labelled echo pairs scoring >= t;
- pair precision: of all (watched, reference) pairs scoring >= t, the share labelled echoes.
`--calibrate` picks the threshold with the best precision@1 among those keeping recall >= 0.70
on the tune split (watched statements at even positions) and reports it on the held-out (odd)
ones.
"""
from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from narratives_gold import DEFAULT_SHARED, GOLD_DIR, resolve, shared_available  # noqa: E402

from config.narratives import load_narratives  # noqa: E402
from narratives import configured_tagger  # noqa: E402
from narratives.echo import Statement  # noqa: E402
from narratives.features import features  # noqa: E402
from narratives.index import EchoIndex  # noqa: E402
from narratives.lemmas import tokens  # noqa: E402


def _when(s: str) -> datetime:
    d = datetime.fromisoformat(s)
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def load(shared: Path = DEFAULT_SHARED) -> tuple[dict[str, Any], dict[str, Any], dict[tuple[str, str], bool], list[str]]:
    g = yaml.safe_load((GOLD_DIR / "echo_gold.yaml").read_text(encoding="utf-8"))

    def one(it: dict[str, Any]) -> dict[str, Any]:
        if "ref" in it:
            r = resolve(it["ref"], shared)
            return {**it, "text": r["text"], "lang": r["lang"], "when": _when(r["date"])}
        return {**it, "when": _when(str(it["date"]) + "T12:00:00+00:00")}

    ref = {k: one(v) for k, v in g["reference"].items()}
    watched = {k: one(v) for k, v in g["watched"].items()}
    labels = {(b, r): bool(y) for b, r, y in g["pairs"]}
    return ref, watched, labels, list(g["watched"])


def statements(items: dict[str, Any]) -> dict[str, Statement]:
    tagger = configured_tagger()
    out = {}
    for k, it in items.items():
        toks = tokens(it["text"])
        frames = frozenset(m.frame for m in tagger.tag_tokens(toks, it["lang"], it["text"]))
        out[k] = Statement(features(it["text"], it["lang"], toks), frames)
    return out


def score_all(shared: Path = DEFAULT_SHARED, within_days: int = 30) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], bool], list[str], dict[str, Any]]:
    ref, watched, labels, order = load(shared)
    rs, ws = statements(ref), statements(watched)
    idx = EchoIndex(configured_tagger().frame_ids, ["RU", "BY"])
    keys: dict[int, tuple[str, str]] = {}  # index key -> (ref|watched, gold id)
    everything = [("ref", k, ref[k]["when"], st) for k, st in rs.items()] + \
        [("watched", k, watched[k]["when"], st) for k, st in ws.items()]
    for n, (side, k, when, st) in enumerate(sorted(everything, key=lambda x: (x[2], x[0], x[1]))):
        keys[n] = (side, k)
        idx.add(int(when.timestamp()), "RU" if side == "ref" else "BY", st.features.lang, st.frames,
                st.features.lemmas, st.features.keys, key=n)
    scores: dict[tuple[str, str], float] = {}
    for b, w in ws.items():
        t = watched[b]["when"]
        for r in rs:  # every pair in the window, 0 where the lookup finds nothing
            if t - timedelta(days=within_days) <= ref[r]["when"] < t:
                scores[(b, r)] = 0.0
        for h in idx.lookup(int(t.timestamp()), within_days * 86400, w.features.lang, w.frames, w.features.lemmas,
                            w.features.keys, ["RU"], limit=100_000):
            scores[(b, keys[h.id][1])] = h.score
    missing = [p for p, y in labels.items() if y and p not in scores]
    if missing:
        print(f"note: {len(missing)} labelled echoes fall outside the window: {missing}")
    return scores, labels, order, {"ref": ref, "watched": watched, "rs": rs, "ws": ws}


def metrics(scores: dict[tuple[str, str], float], labels: dict[tuple[str, str], bool], bs: list[str],
            t: float) -> dict[str, float]:
    tops = 0
    right = 0
    for b in bs:
        cand = [(s, r) for (bb, r), s in scores.items() if bb == b and s >= t and s > 0]
        if cand:
            tops += 1
            best = max(cand)[1]
            right += labels.get((b, best), False)
    pos = [p for p, y in labels.items() if y and p[0] in bs]
    found = [p for p in pos if scores.get(p, 0.0) >= t and scores.get(p, 0.0) > 0]
    above = [p for p, s in scores.items() if p[0] in bs and s >= t and s > 0]
    pp = sum(labels.get(p, False) for p in above) / len(above) if above else 1.0
    return {"p_at_1": right / tops if tops else 1.0, "recall": len(found) / len(pos) if pos else 1.0,
            "pair_precision": pp, "watched": len(bs), "with_top": tops, "echo_pairs": len(pos)}


def report(name: str, m: dict[str, float], t: float) -> None:
    print(f"{name}: threshold {t:.2f}: precision@1 {m['p_at_1']:.3f} ({m['with_top']} watched statements "
          f"with a candidate above it, of {m['watched']}), recall {m['recall']:.3f} (of {m['echo_pairs']} echo "
          f"pairs), pair precision {m['pair_precision']:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["all", "tune", "heldout"], default="heldout")
    ap.add_argument("--threshold", type=float, default=None, help="default: echo.min_score of narratives.yaml")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    if not shared_available(a.shared):
        print(f"skipped: the shared data is not at {a.shared}")
        return 0
    cfg = load_narratives()
    scores, labels, order, ctx = score_all(a.shared, cfg.echo.within_days)
    tune = [b for i, b in enumerate(order) if i % 2 == 0]
    held = [b for i, b in enumerate(order) if i % 2 == 1]
    t = a.threshold if a.threshold is not None else cfg.echo.min_score
    if a.calibrate:
        # the target is precision@1 at recall >= 0.70: the best precision@1 among the
        # thresholds that keep that recall on the tune split (ties: the higher recall)
        best: tuple[bool, float, float, float] | None = None
        for k in range(1, 96):
            m = metrics(scores, labels, tune, k / 100)
            key = (m["recall"] >= 0.70, m["p_at_1"], m["recall"])
            if best is None or key > best[:3]:
                best = (*key, k / 100)
        assert best is not None
        t = best[3]
        print(f"calibrated on the tune split ({len(tune)} watched statements): threshold {t:.2f}")
        report("tune", metrics(scores, labels, tune, t), t)
        report("held-out", metrics(scores, labels, held, t), t)
        return 0
    bs = {"all": order, "tune": tune, "heldout": held}[a.split]
    report(a.split, metrics(scores, labels, bs, t), t)
    if a.errors:
        for b in bs:
            ranked = sorted(((s, r) for (bb, r), s in scores.items() if bb == b), reverse=True)[:3]
            want = [r for (bb, r), y in labels.items() if bb == b and y]
            fr = sorted(ctx["ws"][b].frames)
            print(f"  {b} {fr} want {want}: " + ", ".join(
                f"{r}={s:.2f}{sorted(ctx['rs'][r].frames)}" for s, r in ranked))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
