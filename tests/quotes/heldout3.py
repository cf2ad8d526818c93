"""heldout-3: quote gold annotated before the extractor ran on it (i12, session 17;
tests/data/quotes/heldout-3/README.md). Two parts:

- ria/   40 RIA Novosti Telegram posts from ../shared/data/ru-telegram, chosen by a fixed seed (15)
         among the posts no other gold set uses; the repo keeps only their ids, a hash of each text
         and the quotes' offsets (`ria/ria-d.json`), and `materialize_ria_d` writes NAME.txt +
         NAME.gold.json from ../shared at evaluation time;
- wire/  English wire copy and transcripts in BelTA, president.gov.by, TASS and kremlin.ru styles
         (tests/quotes/heldout3_wire.py).

`python tests/quotes/heldout3.py` rewrites wire/ from its source.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "quotes" / "heldout-3"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.quotes.heldout2 import materialize_ria, write_wire  # noqa: E402


def materialize_ria_d(dest: Path, shared: Path) -> int:
    """Write NAME.txt + NAME.gold.json (+ meta) of heldout-3/ria into `dest` from ../shared; the
    number of posts."""
    return materialize_ria(dest, shared, spec_file=DATA / "ria" / "ria-d.json")


def write_sources() -> None:
    from tests.quotes.heldout3_wire import WIRE

    write_wire(DATA / "wire", WIRE, "written for heldout-3 (BelTA, TASS, kremlin.ru styles)", lang="en")


if __name__ == "__main__":
    os.chdir(ROOT)
    write_sources()
