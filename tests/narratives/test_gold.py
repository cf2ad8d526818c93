"""The gold sets resolve and the measured figures hold their floor (reads ../shared; skips
without it). The figures themselves are printed by `make eval-frames` and `make eval-echo`."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.support.services import REPO

sys.path.insert(0, str(REPO / "scripts"))

from narratives_gold import shared_available  # noqa: E402

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not shared_available(), reason="../shared (RIA posts, PolNeAR dev) is absent")]


def _run(*args: str) -> str:
    r = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_frame_gold_has_150_quotes_in_both_languages_and_f1_holds() -> None:
    from narratives_gold import load_frames_gold

    items = load_frames_gold()
    assert len(items) >= 150 and {it["lang"] for it in items} == {"en", "ru"}
    out = _run("scripts/eval_frames.py", "--split", "all")
    f1 = float(out.strip().splitlines()[-1].split()[-2])
    assert f1 >= 0.85, out  # measured 0.914 (first measurement, see notes)


def test_echo_gold_has_60_pairs_with_cross_language_and_hard_negatives() -> None:
    import yaml

    g = yaml.safe_load((REPO / "tests" / "data" / "narratives" / "echo_gold.yaml").read_text(encoding="utf-8"))
    assert len(g["pairs"]) >= 60
    assert sum(1 for _b, _r, y in g["pairs"] if not y) >= 15
    out = _run("scripts/eval_echo.py", "--split", "all")
    line = out.strip().splitlines()[-1]
    p1 = float(line.split("precision@1 ")[1].split()[0])
    recall = float(line.split("recall ")[1].split()[0])
    assert p1 >= 0.7 and recall >= 0.65, line  # measured 0.792 / 0.718 on all, see notes


def test_every_gold_reference_resolves_and_kremlin_paragraphs_are_one_line() -> None:
    from narratives_gold import SPLITS, load_frames_gold

    items = load_frames_gold()
    for split in SPLITS:
        assert any(it[split] for it in items), split
    # (a quote's span, `kremlin:<stem>@<start>-<end>`, may hold a transcript turn's several paragraphs)
    kremlin = [it for it in items if it["id"].startswith("kremlin:") and "@" not in it["id"]]
    assert kremlin and all(it["text"] and "\n" not in it["text"] and it["lang"] == "en" for it in kremlin)
    # held-out 4 was picked to hold at least 80 items, 20 with a frame
    h4 = [it for it in items if it["heldout4"]]
    assert len(h4) >= 80 and sum(1 for it in h4 if it["frames"]) >= 20


def test_heldout7_resolves_its_quote_gold_paragraphs_and_f1_holds() -> None:
    from narratives_gold import load_frames_gold

    h7 = [it for it in load_frames_gold() if it["heldout7"]]
    assert len(h7) >= 80 and any(it["id"].startswith("evalq:dev-ru/") and it["lang"] == "ru" for it in h7)
    out = _run("scripts/eval_frames.py", "--split", "heldout7")
    f1 = float(out.strip().splitlines()[-1].split()[-2])
    # first measurement 0.267 (6 gold frames in 148 items); 0.286 once the CSTO's name stopped counting as
    # an allied obligation (seen), see notes/i15b.md
    assert f1 >= 0.255, out


# The own-text splits, each written blind to the patterns (figures: overall F1).
# heldout8: 0.615 first, before the round; 0.748 blind after its first part; a dev split since (0.996).
# heldout9: 0.554 before the round, 0.687 and 0.757 blind after its first and second parts; dev since (0.996).
# heldout10: 0.625 before the round, 0.722 and 0.732 blind after its second and third parts; dev since round 4 (0.986).
# heldout11: 0.750 before round 4, 0.795 blind after it; dev since round 5 (0.905).
# heldout12 (a third bare quotes): 0.704 before round 4, 0.772 after it, 0.772 after round 5, 0.790 after round 6,
# 0.815 with the learned backstop (narratives/learned.py); errors never read.
# bare1 (bare quotes, a dev split): 0.657 first, 0.767 after round 4's first part, 1.000 after its bare-quote part.
# heldout13 (2024-2025 events, a third bare quotes): 0.807 before round 6, 0.838 after it, 0.848 with the learned
# backstop; errors never read.
# heldout14 (real sources' layouts, 40% bare quotes): 0.870 before round 6, 0.894 after it and with the backstop;
# errors never read.
# heldout15 (2024-2026 statements, a third bare; written after the backstop was merged): 0.839 first (0.807 by the
# patterns alone; en 0.813, ru 0.863); errors never read.
@pytest.mark.parametrize("split, framed_per_lang, floor", [("heldout8", 50, 0.95), ("heldout9", 40, 0.95),
                                                          ("heldout10", 40, 0.95), ("heldout11", 45, 0.93),
                                                          ("heldout12", 45, 0.80), ("bare1", 35, 0.95),
                                                          ("heldout13", 45, 0.83), ("heldout14", 40, 0.87),
                                                          ("heldout15", 40, 0.81)])
def test_own_text_splits_are_framed_rich_in_both_languages_and_f1_holds(split: str, framed_per_lang: int,
                                                                        floor: float) -> None:
    from narratives_gold import load_frames_gold

    items = [it for it in load_frames_gold() if it[split]]
    for lang in ("en", "ru"):
        framed = [it for it in items if it["lang"] == lang and it["frames"]]
        assert len(framed) >= framed_per_lang and len({f for it in framed for f in it["frames"]}) == 13, lang
    out = _run("scripts/eval_frames.py", "--split", split)
    f1 = float(out.strip().splitlines()[-1].split()[-2])
    assert f1 >= floor, out


# What the worker stores: the frames of the quotes the extractor finds, each in its sentence (--via-quotes).
# heldout8: 0.537 with the quote's words alone, 0.570 in their sentence, 0.878 once "Путин: ..." lines gave quotes.
# dev2 (real RIA posts and kremlin.ru pages): 0.933.
@pytest.mark.parametrize("split, floor", [("heldout8", 0.85), ("dev2", 0.9)])
def test_the_frames_the_worker_stores_through_the_quote_extractor_hold(split: str, floor: float) -> None:
    out = _run("scripts/eval_frames.py", "--split", split, "--via-quotes")
    assert "through the quote extractor" in out
    f1 = float(out.strip().splitlines()[-1].split()[-2])
    assert f1 >= floor, out


def test_real_quotes_as_stored_rarely_get_a_frame_they_do_not_state() -> None:
    """realq1: 614 real quotes exactly as the extractor stores them, 4 framed (blind). The tagger's false frames
    there: 2 at the first measurement, before round 6 and after it."""
    out = _run("scripts/eval_frames.py", "--split", "realq1")
    fp = sum(int(m) for m in re.findall(r"fp (\d+)", out))
    assert fp <= 3, out
