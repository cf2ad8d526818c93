"""Train the English attribution tagger on PolNeAR train and print its dev scores.

Usage: python scripts/train_quotes.py [--data ../shared/data/polnear] [--out quotes/learned/en]
       [--no-eval]   (`make train-quotes` runs it)

Reproducible: the lexicon is counted from the training split, the CRF is trained with L-BFGS
(deterministic) and a fixed feature set; the same data gives the same model file. PolNeAR text is
read, never written into the repository: only the trained weights and the lexicon are saved.
PolNeAR: Newell, Margolin, Ruths, "An Attribution Relations Corpus for Political News", LREC 2018.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.learned.brat import Attribution, load_split  # noqa: E402
from quotes.learned.features import Lexicon, bio, paragraph_features, tokens  # noqa: E402
from quotes.learned.tagger import MODEL_DIR  # noqa: E402
from quotes.text import paragraphs  # noqa: E402

SEED = 12
PARAMS = {"c1": 0.3, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def default_data() -> Path:
    env = os.environ.get("MOUTHPIECE_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "data" / "polnear"


def build_lexicon(arts: list[tuple[str, str, list[Attribution]]]) -> Lexicon:
    """Single words that head cue spans: `cues` when seen as a cue at least 3 times and in at least
    5% of their occurrences, `strong` when in at least half of them."""
    as_cue: collections.Counter[str] = collections.Counter()
    seen: collections.Counter[str] = collections.Counter()
    for _art, text, atts in arts:
        for w in _WORD.findall(text):
            seen[w.lower()] += 1
        for at in atts:
            for a, b in at.cue:
                for w in set(_WORD.findall(text[a:b])):
                    as_cue[w.lower()] += 1
    cues = {w for w, n in as_cue.items() if n >= 3 and n >= 0.05 * seen[w]}
    strong = {w for w in cues if as_cue[w] >= 5 and as_cue[w] >= 0.5 * seen[w]}
    return Lexicon(frozenset(cues), frozenset(strong))


def labelled(text: str, atts: list[Attribution]) -> list[tuple[str, int, int]]:
    """Character spans with their labels; contents first so that an outer attribution's content
    keeps its tokens when a nested attribution's source or cue lies inside it."""
    spans: list[tuple[str, int, int]] = []
    for at in sorted(atts, key=lambda a: -sum(e - s for s, e in a.content)):
        spans.extend(("CON", s, e) for s, e in at.content)
    for at in atts:
        spans.extend(("CUE", s, e) for s, e in at.cue)
        spans.extend(("SRC", s, e) for s, e in at.source)
    return spans


def sequences(arts: list[tuple[str, str, list[Attribution]]], lex: Lexicon):  # type: ignore[no-untyped-def]
    for _art, text, atts in arts:
        spans = labelled(text, atts)
        paras = paragraphs(text)
        for pi, (ps, pe) in enumerate(paras):
            toks = tokens(text, ps, pe)
            if not toks:
                continue
            prev_colon = pi > 0 and text[paras[pi - 1][1] - 1] == ":"
            inside = [(lab, max(s, ps), min(e, pe)) for lab, s, e in spans if s < pe and e > ps]
            yield paragraph_features(text, toks, lex, prev_colon), bio(toks, inside)


def train(data: Path, out: Path) -> dict[str, object]:
    import pycrfsuite

    random.seed(SEED)
    arts = load_split(data / "train")
    if not arts:
        raise SystemExit(f"train_quotes: no PolNeAR articles under {data / 'train'}")
    lex = build_lexicon(arts)
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_seq = n_tok = 0
    for feats, labels in sequences(arts, lex):
        trainer.append(feats, labels)
        n_seq += 1
        n_tok += len(labels)
    trainer.set_params(PARAMS)
    out.mkdir(parents=True, exist_ok=True)
    crf = out / "crf.model"
    tmp = out / "crf.model.tmp"
    print(f"train_quotes: {len(arts)} articles, {n_seq} paragraphs, {n_tok} tokens, "
          f"{len(lex.cues)} cue words; training CRF {PARAMS}", flush=True)
    trainer.train(str(tmp))
    os.replace(tmp, crf)
    meta = {
        "name": "mouthpiece-en-attribution",
        "kind": "linear-chain CRF (CRFsuite, L-BFGS), BIO labels for source, cue, content",
        "trained_on": "PolNeAR train (Newell, Margolin, Ruths, LREC 2018), first annotator per article",
        "articles": len(arts),
        "paragraphs": n_seq,
        "tokens": n_tok,
        "params": PARAMS,
        "seed": SEED,
        "date": dt.date.today().isoformat(),
        "train_seconds": round(time.perf_counter() - t0, 1),
        "sha256": hashlib.sha256(crf.read_bytes()).hexdigest(),
        "lexicon": lex.to_dict(),
    }
    (out / "model.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"train_quotes: wrote {crf} ({crf.stat().st_size / 1e6:.1f} MB) in {meta['train_seconds']} s")
    return meta


def token_scores(data: Path, out: Path) -> dict[str, float]:
    """Token-level precision/recall/F1 of each label on dev (a quick check; the scorer is the judge)."""
    from quotes.learned.tagger import AttributionTagger

    tg = AttributionTagger(out)
    arts = load_split(data / "dev")
    c: collections.Counter[str] = collections.Counter()
    for feats, gold in sequences(arts, tg.lexicon):
        pred = tg._tagger.tag(feats)
        for g, p in zip(gold, pred, strict=True):
            g, p = g[2:] or "O", p[2:] or "O"
            if p != "O":
                c["pred_" + p] += 1
            if g != "O":
                c["gold_" + g] += 1
            if g == p != "O":
                c["tp_" + g] += 1
    res = {}
    for k in ("SRC", "CUE", "CON"):
        p = c["tp_" + k] / max(1, c["pred_" + k])
        r = c["tp_" + k] / max(1, c["gold_" + k])
        res[k] = round(2 * p * r / (p + r) if p + r else 0.0, 3)
    return res


def scorer(data: Path, extractors: str) -> str:
    """The project's dev figure: ../shared/eval/score_quotes.py on polnear_gold.py's dev gold."""
    ev = data.parent.parent / "eval"
    py = sys.executable
    mp = str(Path(py).with_name("mouthpiece"))
    with tempfile.TemporaryDirectory() as gold:
        subprocess.run([py, str(ev / "polnear_gold.py"), str(data / "dev"), gold], check=True,
                       capture_output=True)
        env = dict(os.environ, MOUTHPIECE_EN_EXTRACTORS=extractors)
        p = subprocess.run([py, str(ev / "score_quotes.py"), gold, "--cmd", f"{mp} extract {{files}} --format jsonl"],
                           check=True, capture_output=True, text=True, env=env)
    return p.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data(), help="PolNeAR folder holding train/ and dev/")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder (default: the shipped one)")
    ap.add_argument("--no-eval", action="store_true", help="skip the dev evaluation")
    a = ap.parse_args()
    if not (a.data / "train").is_dir():
        raise SystemExit(f"train_quotes: PolNeAR not found at {a.data} (set --data or MOUTHPIECE_SHARED)")
    train(a.data, a.out)
    if a.no_eval:
        return
    print("dev token F1:", token_scores(a.data, a.out), flush=True)
    if a.out.resolve() == MODEL_DIR.resolve():
        for ex in ("rules", "model", "direct,model", "rules,model", "model,rules"):
            print(f"PolNeAR dev, MOUTHPIECE_EN_EXTRACTORS={ex:<13} {scorer(a.data, ex)}", flush=True)


if __name__ == "__main__":
    main()
