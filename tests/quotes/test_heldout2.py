"""heldout-2 (tests/data/quotes/heldout-2/README.md): floors 0.03 under the e2e F1 reached, to catch
regressions; they are not targets. ria, ria-b and ria-c need ../shared (skipped without it)."""
from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from quotes import extract
from tests.quotes.heldout2 import DATA, find_shared, materialize_ria
from tests.quotes.run_extract import _context, html_page
from tests.quotes.scoring import score_span, totals

SHARED = find_shared()


def _score(gold_dir: Path) -> dict[str, float]:
    tot: collections.Counter[str] = collections.Counter()
    golds = sorted(gold_dir.glob("*.gold.json"))
    assert golds
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        path = gold_dir / gold["file"]
        raw = path.read_text(encoding="utf-8")
        text, lang = html_page(raw) if path.suffix == ".html" else (raw, None)
        preds = [q.to_dict() for q in extract(text, context=_context(str(path), lang))]
        for p in preds:
            assert text[p["start"]:p["end"]] == p["text"]
        tot += score_span(gold["quotes"], preds, [])
    return totals(tot)


# reached (e2e F1): by 1.000, wire 1.000 (first measured: main 0.814 / 0.970)
@pytest.mark.parametrize(("part", "floor"), [("by", 0.97), ("wire", 0.97)])
def test_heldout2_written_parts(part: str, floor: float) -> None:
    res = _score(DATA / part)
    assert res["e2e_f1"] >= floor, res


# reached (e2e F1): ria 0.982 (main 0.667), ria-b 1.000 (first measured 0.625 after the item 4 work; main 0.462),
# ria-c 1.000 (first measured 0.842 after i12's Russian recall work, before its three misses were looked at)
@pytest.mark.shared
@pytest.mark.skipif(SHARED is None, reason="../shared is absent")
@pytest.mark.parametrize(("part", "floor"), [("ria", 0.95), ("ria-b", 0.97), ("ria-c", 0.97)])
def test_heldout2_ria(part: str, floor: float, tmp_path: Path) -> None:
    assert SHARED is not None
    materialize_ria(tmp_path, SHARED, part)
    res = _score(tmp_path)
    assert res["e2e_f1"] >= floor, res
