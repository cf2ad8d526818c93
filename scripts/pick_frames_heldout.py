"""Pick the candidates of a new frame held-out split (printed as gold lines to annotate by hand).

    .venv/bin/python scripts/pick_frames_heldout.py [--seed 6] [--ria 90] [--polnear 20]
    .venv/bin/python scripts/pick_frames_heldout.py --split heldout7 [--seed 7] [--train 25]

The rule (stated in the split's header in frames_gold.yaml): RIA paragraphs and PolNeAR dev lines
that no gold item references, that name a topic of the frames (TOPIC below), are at least 80
characters long, and whose word set overlaps no gold item's (nor an earlier pick's) by a Jaccard of
0.5 or more; a seeded random sample (random.Random(seed)) of each, then a sample of the RIA
paragraphs left (topic word or not) that name a Russian or Belarusian official (OFFICIAL_RU: the random sample has few
frames), then every RIA paragraph left with a word of the frames' vocabulary (FRAME_WORD_RU),
then a sample of kremlin.ru paragraphs naming a topic (TOPIC_KREMLIN). The tagger is not run.

`--split heldout7` (framed-rich, after heldout6 found 7 frames in 238 random items): every kremlin.ru
paragraph left naming a topic (Putin's own words), every PolNeAR dev line and every RIA paragraph left
that names a Russian or Belarusian official (OFFICIAL_EN / OFFICIAL_RU) and a topic, and a seeded
sample of `--train` such PolNeAR train lines, and every paragraph naming a topic of the quote gold's
plain-text articles (eval/quotes/dev and dev-ru: a RUSI commentary on Lukashenko, Russian news texts);
the same near-copy rule.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from narratives_gold import (  # noqa: E402
    DEFAULT_SHARED,
    EVALQ_DIR,
    KREMLIN_DIR,
    kremlin_paragraphs,
    load_frames_gold,
    polnear_items,
    ria_items,
    ria_paragraphs,
)

TOPIC_RU = re.compile(r"НАТО|Запад|Украин|Киев|Зеленск|санкци|ядерн|Белорус|Беларус|Лукашенк|Польш|Литв|Латви|"
                      r"границ|мигрант|Донбасс|русскоязычн|переговор|Орешник|ATACMS|эскалац|майдан|переворот|США|"
                      r"Европ|Грузи", re.I)
# the second sample: paragraphs naming a Russian or Belarusian official (where the frames are said)
OFFICIAL_RU = re.compile(r"Путин|Лавров|Захаров|Песков|Медведев|Лукашенк|Небенз|Рябков|Шойгу|Белоусов|Грушко|"
                         r"Полянск|Нарышкин|Володин|Матвиенко|Галузин|Шугаев|Кобахидзе|Мирзояев|Хренин|Вольфович")
# the third: every paragraph left with a word of the frames' vocabulary (all of them, not a sample)
FRAME_WORD_RU = re.compile(r"НАТО|санкци|Орешник|неонацис|нацис|марионет|переворот|ядерн|нелегитим|хунт|русскоязычн|"
                           r"мигрант|эскалац|прокси|Запад|провокац|Союзн\w+ государств|реали", re.I)
TOPIC_EN = re.compile(r"\b(Russia\w*|Putin|NATO|Ukrain\w*|Kremlin|Moscow|sanction\w*|nuclear|Crimea)\b")
# the fourth: kremlin.ru paragraphs (Putin's own words, English) naming a topic of the frames
TOPIC_KREMLIN = re.compile(r"\b(NATO|West\w*|Ukrain\w*|Kiev|Kyiv|sanction\w*|Belarus\w*|border\w*|nuclear|missile\w*|"
                           r"Donbass?|Crimea|coup|revolution|Maidan|Poland|Lithuania|Baltic|United States|Americans?|"
                           r"Europe\w*)\b")
# heldout7: English lines naming a Russian or Belarusian official (where the frames are said)
OFFICIAL_EN = re.compile(r"\b(Putin|Lavrov|Lukashenko|Peskov|Zakharova|Medvedev|Shoigu|Nebenzya|Ryabkov|Kremlin)\b")
_W = re.compile(r"\w+")


def words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _W.findall(text))


def near(ws: frozenset[str], seen: list[frozenset[str]]) -> bool:
    return any(len(ws & s) / max(1, len(ws | s)) >= 0.5 for s in seen)


def _kremlin_pool(shared: Path, used: set[str]) -> list[tuple[str, str]]:
    """(ref, paragraph) of every unused kremlin.ru paragraph of >= 80 characters naming a topic."""
    pool = []
    for f in sorted((shared / KREMLIN_DIR).iterdir()):
        if f.suffix not in (".html", ".xml") or "print" in f.stem:  # the print page repeats its article
            continue
        stem = f.name if f.suffix == ".xml" else f.stem
        for n, p in enumerate(kremlin_paragraphs(f)):
            ref = f"kremlin:{stem}:{n}"
            if ref not in used and len(p) >= 80 and TOPIC_KREMLIN.search(p):
                pool.append((ref, p))
    return pool


def _take(rnd: random.Random, pool: list[tuple[str, str]], k: int, seen: list[frozenset[str]],
          split: str) -> list[str]:
    """Shuffle `pool` and print up to `k` of it as gold lines to annotate, skipping near-copies
    of anything `seen` (which grows by what is taken); the refs taken."""
    rnd.shuffle(pool)
    taken: list[str] = []
    for ref, text in pool:
        if len(taken) == k:
            break
        ws = words(text)
        if near(ws, seen):
            continue
        seen.append(ws)
        taken.append(ref)
        print(f"  - {{ref: {ref}, frames: [], {split}: true}}  # {' '.join(text.split())}")
    return taken


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--ria", type=int, default=90)
    ap.add_argument("--polnear", type=int, default=20)
    ap.add_argument("--officials", type=int, default=60, help="then this many RIA paragraphs naming an official")
    ap.add_argument("--kremlin", type=int, default=50, help="then this many kremlin.ru paragraphs")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--split", default="heldout6", help="the split flag printed (heldout7: the framed-rich rule)")
    ap.add_argument("--train", type=int, default=25, help="heldout7: this many PolNeAR train lines")
    a = ap.parse_args()
    gold = load_frames_gold(a.shared)
    used = {x["id"] for x in gold}
    seen = [words(x["text"]) for x in gold]
    if a.split == "heldout7":
        return pick_rich(a, used, seen)
    ria, named = [], []
    for ref, p in ria_items(a.shared):
        if ref not in used and len(p) >= 80:
            if TOPIC_RU.search(p):
                ria.append((ref, p))
            if OFFICIAL_RU.search(p):
                named.append((ref, p))
    pol = [(ref, line) for ref, line in polnear_items(a.shared)
           if ref not in used and len(line) >= 80 and TOPIC_EN.search(line)]
    kremlin = _kremlin_pool(a.shared, used)
    rnd = random.Random(a.seed)
    taken: set[str] = set()
    every = len(ria)
    for which, k in (("ria", a.ria), ("polnear", a.polnear), ("officials", a.officials), ("frame words", every),
                     ("kremlin", a.kremlin)):
        pool = {"ria": ria, "polnear": pol, "kremlin": kremlin}.get(which) or [
            x for x in (named if which == "officials" else ria)
            if x[0] not in taken and (which == "officials" or FRAME_WORD_RU.search(x[1]))]
        taken.update(_take(rnd, pool, k, seen, a.split))
    return 0


def pick_rich(a: argparse.Namespace, used: set[str], seen: list[frozenset[str]]) -> int:
    """heldout7: official statements on the frames' topics from sources the gold barely uses."""
    kremlin = _kremlin_pool(a.shared, used)
    pol = {kind: [(ref, line) for ref, line in polnear_items(a.shared, kind)
                  if ref not in used and len(line) >= 80 and OFFICIAL_EN.search(line) and TOPIC_EN.search(line)]
           for kind in ("polnear", "polnear-train")}
    ria = [(ref, p) for ref, p in ria_items(a.shared)
           if ref not in used and len(p) >= 80 and OFFICIAL_RU.search(p) and TOPIC_RU.search(p)]
    evalq = []
    for f in sorted((a.shared / EVALQ_DIR).glob("*/*.txt")):
        topic = TOPIC_RU if f.parent.name == "dev-ru" else TOPIC_KREMLIN
        for n, p in enumerate(ria_paragraphs(f.read_text(encoding="utf-8"))):
            ref = f"evalq:{f.parent.name}/{f.stem}:{n}"
            if ref not in used and len(p) >= 80 and topic.search(p):
                evalq.append((ref, p))
    rnd = random.Random(a.seed)
    for pool, k in ((kremlin, len(kremlin)), (pol["polnear"], len(pol["polnear"])), (ria, len(ria)),
                    (pol["polnear-train"], a.train), (evalq, len(evalq))):
        _take(rnd, pool, k, seen, a.split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
