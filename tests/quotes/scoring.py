"""The matching of ../shared/eval/score_quotes.py (span gold, names folded the same way), for the
project's own gold sets."""
from __future__ import annotations

import collections
import re
import unicodedata
from typing import Any

TOKEN = re.compile(r"\w+", re.UNICODE)
FOLD = {"lukashenka": "lukashenko", "zelenskyy": "zelensky", "zelenskiy": "zelensky", "zelenski": "zelensky",
        "hulevich": "gulevich", "hrenin": "khrenin", "volfovich": "volfovich", "peskova": "peskov",
        "лукашенко": "lukashenko", "путин": "putin", "песков": "peskov", "зеленский": "zelensky",
        "лавров": "lavrov", "захарова": "zakharova", "хренин": "khrenin", "вольфович": "volfovich",
        "рыженков": "ryzhenkov", "гулевич": "gulevich", "шойгу": "shoigu", "медведев": "medvedev"}


def tokens(s: str | None) -> list[str]:
    return [t.lower() for t in TOKEN.findall(unicodedata.normalize("NFKC", s or ""))]


CYR = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)) | {
    "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya",
    "ё": "e", "ь": "", "ъ": "", "і": "i", "ў": "u", "є": "ye", "ї": "yi", "ґ": "g"}


def latin(word: str) -> str:
    """Cyrillic -> Latin (passport-style), as score_quotes.py folds names."""
    w = "".join(CYR.get(c, c) for c in word)
    return re.sub(r"(?:iy|ii|ij|yi|yy)$", "y", w)


def who(name: str | None) -> str | None:
    if not name:
        return None
    words = [w for w in tokens(name) if not w.isdigit()]
    if not words:
        return None
    last = words[-1]
    if last in FOLD:
        return FOLD[last]
    last = latin("".join(c for c in unicodedata.normalize("NFKD", last) if not unicodedata.combining(c)))
    return FOLD.get(last, last)


def score_span(gold: list[dict[str, Any]], preds: list[dict[str, Any]], log: list[str]) -> collections.Counter[str]:
    golds = [dict(q, tok=tokens(q["text"])) for q in gold]
    ps = [dict(p, tok=tokens(p.get("text"))) for p in preds]
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(ps):
            o = sum((collections.Counter(g["tok"]) & collections.Counter(p["tok"])).values())
            if g["tok"] and p["tok"] and o / len(g["tok"]) >= 0.3 and o / len(p["tok"]) >= 0.3:
                pairs.append((o / max(len(g["tok"]), len(p["tok"])), gi, pi))
    pairs.sort(reverse=True)
    gm: dict[int, int] = {}
    pm: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi not in gm and pi not in pm:
            gm[gi], pm[pi] = pi, gi
    c: collections.Counter[str] = collections.Counter()
    for gi, g in enumerate(golds):
        if g.get("optional"):
            continue
        c["gold"] += 1
        c["gold_" + g["type"]] += 1
        if gi in gm:
            c["det_tp"] += 1
            ok = who(ps[gm[gi]].get("speaker")) == who(g["speaker"])
            c["e2e_tp"] += ok
            c["e2e_tp_" + g["type"]] += ok
            if not ok:
                log.append(f"wrong speaker {ps[gm[gi]].get('speaker')!r} for {g['speaker']}: {g['text'][:60]!r}")
        else:
            log.append(f"missed [{g['type']}] {g['speaker']}: {g['text'][:60]!r}")
    for pi, p in enumerate(ps):
        if pi in pm and golds[pm[pi]].get("optional"):
            continue
        c["pred"] += 1
        if pi not in pm:
            log.append(f"extra {p.get('speaker')!r}: {(p.get('text') or '')[:60]!r}")
    return c


def totals(c: collections.Counter[str]) -> dict[str, float]:
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    ep, er = c["e2e_tp"] / max(1, c["pred"]), c["e2e_tp"] / max(1, c["gold"])
    res = {"e2e_p": ep, "e2e_r": er, "e2e_f1": f1(ep, er)}
    for k in ("direct", "indirect", "mixed"):
        if c["gold_" + k]:
            res[k + "_recall"] = c["e2e_tp_" + k] / c["gold_" + k]
    return res
