"""A learned backstop for the frame patterns: one logistic regression per frame over the lemmas of a
text's content words and their bigrams (pure; the weights are data in `narratives/model/frames.json`).

Why: a pattern finds a frame by its concept groups, and a paraphrase that falls outside every group
is a miss however plainly it says the frame ("the strings are pulled elsewhere"). The model weighs all
the words the gold and the concept sentences taught it at once. It only ever adds a frame the patterns
did not find, and only when it is sure (`threshold`, 0.9: chosen by leave-one-split-out cross-validation
on the dev splits of the frame gold, where lower thresholds began to add false frames); it never removes
one. `scripts/train_frames.py` trains it; its card is `narratives/model/MODEL_CARD.md`.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from narratives.lemmas import Token

MODEL_FILE = Path(__file__).with_name("model") / "frames.json"
FORMAT = 1
TOP_WORDS = 4  # the words a learned match reports: those that weighed most for it
# a text none of whose words weighs this much for any frame is not scored: on the 10,920 gold, RIA and PolNeAR
# texts this skips a third (most of the news a worker sees) and changes no decision (0.5 skips a fifth, 1.0
# changes 7)
CUE_WEIGHT = 0.8


class ModelError(RuntimeError):
    """The model file is missing, corrupt or of another format: its name says which file."""


@dataclass(frozen=True)
class Learned:
    """A frame the model is sure of: its probability and the words that weighed most for it."""

    frame: str
    p: float
    words: tuple[int, ...]  # token indexes, in text order


Feature = str | tuple[str, str]  # a lemma, or two in a row (written "a b" in the model file)


def features(toks: Sequence[Token], stop: frozenset[str]) -> dict[Feature, list[int]]:
    """feature -> the indexes of the tokens that make it: the lemma of every word that is not a
    stop word (nor one letter) and the bigram of each two such lemmas in a row."""
    out: dict[Feature, list[int]] = {}
    prev: tuple[str, int] | None = None
    for i, t in enumerate(toks):
        if len(t.low) < 2 or t.low in stop:
            continue
        out.setdefault(t.lemma, []).append(i)
        if prev is not None:
            out.setdefault((prev[0], t.lemma), []).extend((prev[1], i))
        prev = (t.lemma, i)
    return out


def feature_key(f: Feature) -> str:
    """A feature as the model file writes it (a lemma never holds a space)."""
    return f if isinstance(f, str) else f"{f[0]} {f[1]}"


class FrameModel:
    """The weights of one trained model; `sure(toks)` is what the tagger asks."""

    def __init__(self, frames: Sequence[str], bias: Sequence[float], weights: dict[str, list[list[float]]],
                 stop: Sequence[str], threshold: float):
        self.frames = list(frames)
        self.bias = list(bias)
        self.stop = frozenset(stop)
        self.threshold = threshold
        self._logit = math.log(threshold / (1 - threshold))  # compare scores, not probabilities
        # a row of weights (one per frame) per feature; a bigram is keyed by its tuple of lemmas, which
        # zip() makes and which hashes from the lemmas' cached hashes (a joined string would be hashed anew)
        self._row: dict[Feature, int] = {}
        self._matrix = np.zeros((max(1, len(weights)), len(self.frames)), dtype=np.float64)
        for r, (key, pairs) in enumerate(weights.items()):
            a, _, b = key.partition(" ")
            self._row[(a, b) if b else a] = r
            for i, w in pairs:
                self._matrix[r, int(i)] = float(w)
        self._bias = np.asarray(self.bias, dtype=np.float64)
        self._cues = frozenset(f for f, r in self._row.items() if isinstance(f, str) and
                               self._matrix[r].max() >= CUE_WEIGHT)

    @classmethod
    def load(cls, path: Path = MODEL_FILE, threshold: float | None = None) -> FrameModel:
        try:
            raw = path.read_bytes()
            doc = json.loads(raw)
        except (OSError, ValueError) as e:
            raise ModelError(f"{path}: cannot read the frame model ({e})") from e
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ModelError(f"{path}: not a frame model of format {FORMAT}")
        body = {k: v for k, v in doc.items() if k != "sha256"}
        if doc.get("sha256") != _digest(body):
            raise ModelError(f"{path}: the weights do not match their checksum (a truncated or edited file)")
        return cls(doc["frames"], doc["bias"], doc["weights"], doc["stopwords"],
                   threshold if threshold is not None else float(doc["threshold"]))

    def scores(self, toks: Sequence[Token]) -> list[float]:
        """Each frame's score (log-odds), in `frames` order. This runs on every quote: comprehensions turn
        the text's features into row numbers (a set: the features are binary, a word said twice counts
        once) and numpy sums the rows; adding a common word's weights frame by frame in Python cost more
        than all the pattern matching."""
        stop = self.stop
        lems = [t.lemma for t in toks if t.low not in stop and len(t.low) > 1]
        get = self._row.get
        found: set[int | None] = {get(x) for x in lems}
        found.update(map(get, zip(lems, lems[1:], strict=False)))
        found.discard(None)
        if not found:
            return list(self.bias)
        rows = [r for r in found if r is not None]
        total: list[float] = (self._matrix.take(rows, axis=0).sum(axis=0) + self._bias).tolist()
        return total

    def sure(self, toks: Sequence[Token], skip: set[str] | frozenset[str] = frozenset()) -> list[Learned]:
        """The frames (other than `skip`) whose probability reaches the threshold, each with the
        tokens of the features that weighed most for it."""
        out: list[Learned] = []
        if self._cues.isdisjoint([t.lemma for t in toks]):
            return out
        feats: dict[Feature, list[int]] | None = None
        for fi, s in enumerate(self.scores(toks)):
            frame = self.frames[fi]
            if s < self._logit or frame in skip:
                continue
            feats = feats if feats is not None else features(toks, self.stop)  # rare: only for a sure frame
            pull = sorted(((float(self._matrix[self._row[f], fi]), f) for f in feats if f in self._row),
                          key=lambda x: -x[0])
            idx = sorted({j for w, f in pull[:TOP_WORDS] if w > 0 for j in feats[f]})
            out.append(Learned(frame, 1 / (1 + math.exp(-s)), tuple(idx)))
        return out


def _digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def seal(body: dict[str, Any]) -> dict[str, Any]:
    """The model document as written: `body` with the checksum `load` verifies."""
    return {**body, "sha256": _digest(body)}


@lru_cache(maxsize=4)
def default_model(threshold: float | None = None) -> FrameModel | None:
    """The shipped model, loaded once per process; None when the file is absent (a deployment that
    removed it tags by patterns alone)."""
    if not MODEL_FILE.is_file():
        return None
    return FrameModel.load(MODEL_FILE, threshold)
