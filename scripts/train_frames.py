"""Train the learned frame backstop (narratives/model/frames.json) from the frame gold and the concept sentences.

    .venv/bin/python scripts/train_frames.py [--out narratives/model/frames.json] [--cv]

The data: every item of tests/data/narratives/frames_gold.yaml outside the blind splits (BLIND in
narratives_gold.py: nobody has read them, and a model trained on them could not be measured on them), its
`ria:`/`polnear:`/`kremlin:` references read from ../shared; every paraphrase of frame_concepts.yaml (a positive
for its frame) and every near miss (a negative; one that names its `frame` counts fully for that frame and at
0.3 for the others, which it says nothing about). The model: one L2-regularised logistic regression per frame
(C = 1) over binary features, the lemma of each content word and the bigram of each two in a row
(narratives/learned.py `features`, stop words from narratives/model/stopwords.yaml), fitted by L-BFGS from
zeros, so a re-run on the same data writes the same file. Weights below PRUNE are dropped, which keeps the
file at 2 MB instead of 8 and changes the decision on a handful of the 4,000-odd training items (printed).

`--cv` prints, per dev split, the F1 of the patterns alone and with the backstop at several thresholds, the
backstop trained without that split (leave-one-split-out): how the default threshold was chosen.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from narratives_gold import BLIND, DEFAULT_SHARED, GOLD_DIR, SPLITS, load_frames_gold  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

from config.narratives import load_narratives  # noqa: E402
from narratives import configured_tagger  # noqa: E402
from narratives.learned import FORMAT, MODEL_FILE, Feature, FrameModel, feature_key, features, seal  # noqa: E402
from narratives.lemmas import tokens  # noqa: E402

C = 1.0
THRESHOLD = 0.9
OTHER_FRAME_WEIGHT = 0.3  # a near miss of one frame, as a negative of the others
PRUNE = 0.02
STOPWORDS = Path(__file__).resolve().parents[1] / "narratives" / "model" / "stopwords.yaml"


def stopwords() -> list[str]:
    doc = yaml.safe_load(STOPWORDS.read_text(encoding="utf-8"))
    return sorted({w for ws in doc.values() for w in ws})


def training_items(shared: Path) -> list[tuple[str, set[str], str, str | None]]:
    """(text, frames, split, the frame a near miss is about) of every item the model may learn from."""
    out: list[tuple[str, set[str], str, str | None]] = []
    for x in load_frames_gold(shared):
        split = next((s for s in SPLITS if x[s]), "all")
        if split not in BLIND:
            out.append((x["text"], set(x["frames"]), split, None))
    conc = yaml.safe_load((GOLD_DIR / "frame_concepts.yaml").read_text(encoding="utf-8"))
    out += [(p["text"], {p["frame"]}, "concepts", None) for p in conc["paraphrases"]]
    out += [(p["text"], set(), "concepts", p.get("frame")) for p in conc["near_misses"]]
    return out


def data_digest(items: Sequence[tuple[str, set[str], str, str | None]]) -> str:
    """A digest of what the model learns from, so that a test can tell a model trained on older gold."""
    rows = [[text, sorted(frames), split, about] for text, frames, split, about in items]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def fit(feats: Sequence[set[Feature]], items: Sequence[tuple[str, set[str], str, str | None]],
        frames: Sequence[str]) -> tuple[dict[Feature, int], dict[str, np.ndarray]]:
    vocab: dict[Feature, int] = {}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in sorted(fs, key=feature_key):
            rows.append(r)
            cols.append(vocab.setdefault(f, len(vocab)))
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    out = {}
    for fr in frames:
        y = np.array([1.0 if fr in it[1] else 0.0 for it in items])
        w8 = np.array([1.0 if it[3] in (None, fr) else OTHER_FRAME_WEIGHT for it in items])

        def loss(wb: np.ndarray, y: np.ndarray = y, w8: np.ndarray = w8) -> tuple[float, np.ndarray]:
            w, b = wb[:-1], wb[-1]
            p = 1 / (1 + np.exp(-(x @ w + b)))
            nll = -np.sum(w8 * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))) + 0.5 / C * (w @ w)
            g = x.T @ (w8 * (p - y)) + w / C
            return float(nll), np.append(g, np.sum(w8 * (p - y)))

        out[fr] = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B",
                           options={"maxiter": 200}).x
    return vocab, out


def as_model(vocab: dict[Feature, int], weights: dict[str, np.ndarray], frames: Sequence[str], stop: Sequence[str],
             prune: float, facts: dict[str, object]) -> dict[str, Any]:
    inv = sorted(vocab, key=vocab.__getitem__)
    table: dict[str, list[list[float]]] = {}
    for fi, fr in enumerate(frames):
        w = weights[fr]
        for j in np.flatnonzero(np.abs(w[:-1]) >= prune):
            table.setdefault(feature_key(inv[j]), []).append([fi, round(float(w[j]), 5)])
    return seal({"format": FORMAT, "frames": list(frames), "threshold": THRESHOLD,
                 "bias": [round(float(weights[fr][-1]), 5) for fr in frames],
                 "stopwords": list(stop), "weights": dict(sorted(table.items())), "trained": facts})


def _decisions(model: FrameModel, texts: Sequence[str]) -> list[list[str]]:
    return [[x.frame for x in model.sure(tokens(t))] for t in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--cv", action="store_true", help="leave-one-split-out figures instead of training")
    a = ap.parse_args()
    stop = stopwords()
    stopset = frozenset(stop)
    items = training_items(a.shared)
    feats = [set(features(tokens(it[0]), stopset)) for it in items]
    frames = sorted({f for it in items for f in it[1]})
    if a.cv:
        return cross_validate(items, feats, frames, stop)
    vocab, weights = fit(feats, items, frames)
    facts = {"items": len(items), "gold_items": sum(it[2] != "concepts" for it in items),
             "concept_sentences": sum(it[2] == "concepts" for it in items), "features": len(vocab),
             "c": C, "prune": PRUNE, "excluded_splits": list(BLIND), "data_sha256": data_digest(items)}
    doc = as_model(vocab, weights, frames, stop, PRUNE, facts)
    unpruned = FrameModel(frames, doc["bias"], as_model(vocab, weights, frames, stop, 0.0, facts)["weights"],
                          stop, THRESHOLD)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    pruned = FrameModel.load(a.out)
    texts = [it[0] for it in items]
    changed = sum(x != y for x, y in zip(_decisions(pruned, texts), _decisions(unpruned, texts), strict=True))
    kept = sum(len(v) for v in doc["weights"].values())
    print(f"{a.out}: {len(frames)} frames, {len(items)} items, {len(vocab)} features, {kept} weights kept "
          f"(|w| >= {PRUNE}); pruning changed the decision on {changed} of the {len(items)} training items")
    return 0


def cross_validate(items: Sequence[tuple[str, set[str], str, str | None]], feats: Sequence[set[Feature]],
                   frames: Sequence[str], stop: Sequence[str]) -> int:
    cfg = load_narratives()
    patterns = configured_tagger(cfg.model_copy(update={"learned": cfg.learned.model_copy(update={"enabled": False})}))
    base = [{m.frame for m in patterns.tag(it[0])} for it in items]
    splits = sorted({it[2] for it in items} - {"concepts"})
    probs: dict[int, dict[str, float]] = {}
    for s in splits:
        train = [i for i, it in enumerate(items) if it[2] != s]
        vocab, weights = fit([feats[i] for i in train], [items[i] for i in train], frames)
        for i, it in enumerate(items):
            if it[2] == s:
                ids = [vocab[f] for f in feats[i] if f in vocab]
                probs[i] = {fr: 1 / (1 + math.exp(-(w[ids].sum() + w[-1]))) for fr, w in weights.items()}
    dev = [i for i, it in enumerate(items) if it[2] != "concepts"]
    print(f"patterns alone: tp {sum(len(base[i] & items[i][1]) for i in dev)}, "
          f"fp {sum(len(base[i] - items[i][1]) for i in dev)}, fn {sum(len(items[i][1] - base[i]) for i in dev)}")
    print("threshold  tp  fp  fn  per split: patterns -> with the backstop")
    for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        tot = [0, 0, 0]
        cells = []
        for s in splits:
            idx = [i for i, it in enumerate(items) if it[2] == s]
            f1s = []
            for extra in (False, True):
                tp = fp = fn = 0
                for i in idx:
                    got = base[i] | ({f for f, p in probs[i].items() if p >= t} if extra else set())
                    gold = items[i][1]
                    tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
                if extra:
                    tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
                f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
            cells.append(f"{s} {f1s[0]:.3f}->{f1s[1]:.3f}")
        print(f"{t:9.2f} {tot[0]:4d} {tot[1]:3d} {tot[2]:3d}  " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
