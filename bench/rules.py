"""Rule evaluation time per quote, with patterns that are catastrophic for a backtracking
engine (issue 11). Prints figures; asserts nothing.

    .venv/bin/python bench/rules.py [--rules 20] [--repeat 200]

Each rule carries a regex (run by RE2, config/patterns.py) and keywords; quotes are ordinary
sentences, ReDoS bait (a run of one letter and a mismatch at the end) and long transcript turns.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.rules import QuoteFacts, Rule  # noqa: E402

PATTERNS = [r"(a+)+$", r"^(\w+\s?)*$", r"(.*a){20}", r"(x+x+)+y", r"\b(NATO|НАТО)\b", r"(?i)lukashenko\s+said",
            r"([a-zа-я]+)*!", r"^(\s*\w+,?)+\.$", r"(a|aa)+$", r"\bнаступлени\w*"]
SENTENCE = "NATO is moving its forces closer to our western borders, and we will answer every step. "


def quotes() -> dict[str, str]:
    return {"sentence (90 chars)": SENTENCE, "bait: 30 a's + '!'": "a" * 30 + "!",
            "bait: 5,000 a's + '!'": "a" * 5000 + "!", "turn: 2,000 chars": (SENTENCE * 23)[:2000],
            "turn: 20,000 chars": (SENTENCE * 223)[:20000], "page: 200,000 chars": (SENTENCE * 2223)[:200000]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=200)
    a = ap.parse_args()
    rules = [Rule(id=f"r{i}", name="R", regex=PATTERNS[i % len(PATTERNS)], keywords=["nato", "нато", "aaa"],
                  new_only=False) for i in range(a.rules)]
    from config.patterns import cached

    cached.cache_clear()
    start = time.perf_counter()
    for p in PATTERNS:
        cached(p, True)
    print(f"compiling {len(PATTERNS)} patterns for RE2: {(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"{'quote':24} {'median ms':>10} {'max ms':>10}   ({len(rules)} rules per quote, {a.repeat} runs)")
    for name, text in quotes().items():
        q = QuoteFacts(None, None, (), (), "s", "state_media", "BY", "en", "direct", text)
        runs = a.repeat if len(text) < 50_000 else max(5, a.repeat // 20)
        times = []
        for _ in range(runs):
            t = time.thread_time()
            for r in rules:
                r.matches(q)
            times.append((time.thread_time() - t) * 1000)
        print(f"{name:24} {statistics.median(times):10.3f} {max(times):10.3f}")


if __name__ == "__main__":
    main()
