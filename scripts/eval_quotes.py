"""Score quote extraction on every gold set there is (`make eval-quotes`).

Prints, for each set, the totals of ../shared/eval/score_quotes.py:
- PolNeAR dev (US political news; converted by ../shared/eval/polnear_gold.py);
- dev and dev-ru (../shared/eval/quotes);
- heldout-2 (tests/data/quotes/heldout-2: ria, ria-b, ria-c from ../shared, by, wire);
- heldout-3 (tests/data/quotes/heldout-3: ria-d from ../shared, wire-3);
- heldout-4 (tests/data/quotes/heldout-4: ru-4 and en-4, Telegram, transcript, briefing and live-blog styles);
- heldout-5 (tests/data/quotes/heldout-5: ru-5 and en-5, more real-source styles).
Sets that need ../shared are skipped without it. --by-extractor also scores each extractor's quotes
out of the full run (what each contributes; precision is then per extractor, recall of the whole
gold). --runner scores another checkout's extractor (the "before" figures: a `git archive main`
tree with this runner copied in).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.quotes.heldout2 import DATA, find_shared, materialize_ria  # noqa: E402
from tests.quotes.heldout3 import DATA as DATA3  # noqa: E402
from tests.quotes.heldout3 import materialize_ria_d  # noqa: E402

QUOTES_DATA = ROOT / "tests" / "data" / "quotes"

KEYS = ("det_f1", "e2e_p", "e2e_r", "e2e_f1", "direct_recall", "indirect_recall", "mixed_recall", "bag_r", "bag_f1")
EXTRACTORS = ("transcript", "direct", "indirect_en", "indirect_ru", "label", "post", "model")


def score(shared: Path, gold_dir: Path, runner: Path, only: str | None = None) -> dict[str, float]:
    cmd = f"{sys.executable} {runner}" + (f" --only {only}" if only else "") + " {files}"
    out = subprocess.run([sys.executable, str(shared / "eval" / "score_quotes.py"), str(gold_dir), "--cmd", cmd,
                          "--json"], capture_output=True, text=True, timeout=3600, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"score_quotes failed on {gold_dir}:\n{out.stderr[-3000:]}{out.stdout[-2000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def line(name: str, res: dict[str, float]) -> str:
    return f"{name:<22}" + "  ".join(f"{k} {res[k]:.3f}" for k in KEYS if k in res)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runner", type=Path, default=ROOT / "tests" / "quotes" / "run_extract.py")
    ap.add_argument("--sets", default="polnear,dev,dev-ru,heldout-2,heldout-3,heldout-4,heldout-5",
                    help="comma-separated: polnear, dev, dev-ru, heldout-2 (or its parts: ria, ria-b, ria-c, by, wire), "
                         "heldout-3 (or its parts: ria-d, wire-3), heldout-4 (or its parts: ru-4, en-4), heldout-5 (ru-5, en-5)")
    ap.add_argument("--by-extractor", action="store_true")
    ap.add_argument("--json", action="store_true", help="print all results as one JSON line at the end")
    a = ap.parse_args()
    shared = find_shared()
    wanted = [s.strip() for s in a.sets.split(",") if s.strip()]
    if "heldout-2" in wanted:
        i = wanted.index("heldout-2")
        wanted[i:i + 1] = ["ria", "ria-b", "ria-c", "by", "wire"]
    if "heldout-3" in wanted:
        i = wanted.index("heldout-3")
        wanted[i:i + 1] = ["ria-d", "wire-3"]
    for n in ("4", "5"):
        if f"heldout-{n}" in wanted:
            i = wanted.index(f"heldout-{n}")
            wanted[i:i + 1] = [f"ru-{n}", f"en-{n}"]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="eval-quotes-") as tmp:
        sets: list[tuple[str, Path]] = []
        for s in wanted:
            if s in ("by", "wire"):
                sets.append((f"heldout-2/{s}", DATA / s))
                continue
            if s == "wire-3":
                sets.append(("heldout-3/wire", DATA3 / "wire"))
                continue
            if s in ("ru-4", "en-4", "ru-5", "en-5"):
                sets.append((f"heldout-{s[-1]}/{s[:2]}", QUOTES_DATA / f"heldout-{s[-1]}" / s[:2]))
                continue
            if shared is None:
                print(f"{s:<22}skipped: ../shared is absent")
                continue
            if s == "ria-d":
                dest = Path(tmp) / s
                materialize_ria_d(dest, shared)
                sets.append(("heldout-3/ria", dest))
            elif s in ("ria", "ria-b", "ria-c"):
                dest = Path(tmp) / s
                materialize_ria(dest, shared, s)
                sets.append((f"heldout-2/{s}", dest))
            elif s in ("dev", "dev-ru"):
                sets.append((s, shared / "eval" / "quotes" / s))
            elif s == "polnear":
                dest = Path(tmp) / "pn-dev"
                subprocess.run([sys.executable, str(shared / "eval" / "polnear_gold.py"),
                                str(shared / "data" / "polnear" / "dev"), str(dest)], check=True, capture_output=True,
                               timeout=3600)
                sets.append(("polnear-dev", dest))
            else:
                raise SystemExit(f"unknown set {s!r}")
        if shared is None:
            raise SystemExit("../shared is absent: score_quotes.py lives there")
        for name, gold_dir in sets:
            res = score(shared, gold_dir, a.runner)
            results[name] = res
            print(line(name, res), flush=True)
            if a.by_extractor:
                for ex in EXTRACTORS:
                    r = score(shared, gold_dir, a.runner, only=ex)
                    if r.get("e2e_p") or r.get("bag_r"):
                        results[f"{name} [{ex}]"] = r
                        print(line(f"  only {ex}", r), flush=True)
    if a.json:
        print(json.dumps(results))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
