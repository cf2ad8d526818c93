"""heldout-2: the gold of issue 12, annotated before the extractor ran on it (tests/data/quotes/heldout-2,
README.md there). Three parts:

- ria/   RIA Novosti Telegram posts from ../shared/data/ru-telegram, chosen by fixed seeds; the repo keeps
         only their ids, a hash of each text and the quotes' offsets (`ria.json`: 60 posts annotated
         first; `ria-b.json`: 40 more annotated after the pattern work, before it ran on them;
         `ria-c.json`: 40 more, kept apart from the Russian recall work of i12, annotated before any
         extractor ran on them);
         `materialize_ria` writes NAME.txt + NAME.gold.json from ../shared at evaluation time;
- by/    Belarusian state media posts written for the issue (tests/quotes/heldout2_by.py);
- wire/  English wire copy and transcripts, Russian transcripts (tests/quotes/heldout2_wire.py).

`python tests/quotes/heldout2.py` rewrites by/ and wire/ from their sources.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "quotes" / "heldout-2"
RIA_FILE = "ria-novosti-2024-11-26--12-04.json"
RIA_SEED, RIA_COUNT = 12, 60  # random.Random(12).sample(sorted ids, 60): the first 40, then 20 more


def find_shared() -> Path | None:
    """../shared beside the checkout; for a git worktree, beside the main checkout."""
    cands = [ROOT.parent / "shared"]
    try:
        common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        if common:
            cands.append((ROOT / common).resolve().parent.parent / "shared")
    except (OSError, subprocess.SubprocessError):
        pass
    for c in cands:
        if (c / "eval" / "score_quotes.py").is_file():
            return c
    return None


def ria_posts(shared: Path) -> dict[int, str]:
    rows = json.loads((shared / "data" / "ru-telegram" / RIA_FILE).read_text(encoding="utf-8"))
    return {int(r["message_id"]): str(r["text"]) for r in rows}


def ria_sample(posts: dict[int, str]) -> list[int]:
    return random.Random(RIA_SEED).sample(sorted(posts), RIA_COUNT)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def materialize_ria(dest: Path, shared: Path, part: str = "ria", spec_file: Path | None = None) -> int:
    """Write NAME.txt + NAME.gold.json (+ meta) of one part ("ria": ria/ria.json, "ria-b":
    ria/ria-b.json, "ria-c": ria/ria-c.json; or any such `spec_file`) into `dest` from ../shared;
    the number of posts."""
    spec_file = spec_file or DATA / "ria" / f"{part}.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    posts = ria_posts(shared)
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for doc in spec["posts"]:
        text = posts.get(doc["message_id"])
        if text is None or sha(text) != doc["sha256_16"]:
            raise SystemExit(f"{RIA_FILE}: post {doc['message_id']} is missing or changed; {spec_file} needs the "
                             "file as annotated")
        name = f"ria_{doc['message_id']}"
        quotes = [{**q, "text": text[q["start"]:q["end"]]} for q in doc["quotes"]]
        (dest / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = {"id": name, "file": f"{name}.txt", "lang": "ru", "source": spec["source"], "quotes": quotes}
        (dest / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        (dest / f"{name}.meta.json").write_text(json.dumps(spec["meta"]), encoding="utf-8")
        n += 1
    return n


def _gold(name: str, file: str, text: str, quotes: list[Any], lang: str, source: str) -> dict[str, Any]:
    out = []
    pos = 0
    for q in quotes:
        speaker, typ, qt = q[0], q[1], q[2]
        d: dict[str, Any] = {"speaker": speaker, "type": typ, "text": qt}
        i = text.find(qt, pos)
        if i < 0 and not file.endswith(".html"):
            raise ValueError(f"{name}: quote not in text: {qt!r}")
        if i >= 0 and not file.endswith(".html"):
            d.update(start=i, end=i + len(qt))
            pos = i
        if len(q) > 3 and q[3]:
            d["optional"] = True
        out.append(d)
    return {"id": name, "file": file, "lang": lang, "source": source, "quotes": out}


def write_sources() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.quotes.heldout2_by import BY
    from tests.quotes.heldout2_wire import WIRE

    by = DATA / "by"
    by.mkdir(parents=True, exist_ok=True)
    for name, text, quotes in BY:
        (by / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        gold = _gold(name, f"{name}.txt", text, quotes, "ru", "written for issue 12 (Belarusian state media style)")
        (by / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        (by / f"{name}.meta.json").write_text(json.dumps({"country": "BY"}), encoding="utf-8")
    write_wire(DATA / "wire", WIRE, "written for issue 12 (wire and transcript label styles)")


def write_wire(wire: Path, texts: list[Any], source: str, lang: str | None = None) -> None:
    """Write NAME.EXT + NAME.gold.json (+ meta when a country is given) of each (name, ext,
    country, text, quotes) into `wire`; `lang` None: Russian when the text has Cyrillic letters."""
    wire.mkdir(parents=True, exist_ok=True)
    for name, ext, country, text, quotes in texts:
        file = f"{name}.{ext}"
        (wire / file).write_text(text + "\n", encoding="utf-8")
        lang_ = lang or ("ru" if any("а" <= c <= "я" for c in text.lower()) else "en")
        gold = _gold(name, file, text, quotes, lang_, source)
        (wire / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        if country:
            (wire / f"{name}.meta.json").write_text(json.dumps({"country": country}), encoding="utf-8")


if __name__ == "__main__":
    os.chdir(ROOT)
    write_sources()
