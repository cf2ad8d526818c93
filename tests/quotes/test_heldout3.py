"""heldout-3 (tests/data/quotes/heldout-3/README.md): floors 0.03 under the first measurement, which
was taken once, after the gold was committed (../shared/eval/score_quotes.py: ria-d e2e F1 0.909,
wire-3 0.933); after their misses were looked at (README there) ria-d reached 1.000 and wire-3 0.947,
so the floors are under those. They catch regressions; they are not targets. ria-d needs ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.quotes.heldout3 import DATA, materialize_ria_d
from tests.quotes.test_heldout2 import SHARED, _score


def test_heldout3_wire() -> None:
    res = _score(DATA / "wire")
    assert res["e2e_f1"] >= 0.917, res


@pytest.mark.shared
@pytest.mark.skipif(SHARED is None, reason="../shared is absent")
def test_heldout3_ria_d(tmp_path: Path) -> None:
    assert SHARED is not None
    materialize_ria_d(tmp_path, SHARED)
    res = _score(tmp_path)
    assert res["e2e_f1"] >= 0.97, res
