"""Tag the unlabeled text outside the frame gold, to check a pattern change for precision.

    .venv/bin/python scripts/frames_unlabeled.py --out after.json [--against before.json]

The texts: every blank-line paragraph of the RIA posts (../shared/data/ru-telegram) and every line of
the PolNeAR train texts that the gold does not reference. `--out` writes {reference: [frames]} of the
tagged ones; `--against` (the same run on the previous configuration) prints every tag that was added or
removed, with its text, so that each new tag can be read and judged by the README's rules.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

import yaml  # noqa: E402
from narratives_gold import (  # noqa: E402
    DEFAULT_SHARED,
    GOLD_DIR,
    polnear_items,
    ria_items,
    shared_available,
)

from narratives import configured_tagger  # noqa: E402


def unlabeled_texts(shared: Path = DEFAULT_SHARED) -> dict[str, tuple[str, str]]:
    """reference -> (text, lang) of every RIA paragraph and PolNeAR train line outside the gold."""
    gold = yaml.safe_load((GOLD_DIR / "frames_gold.yaml").read_text(encoding="utf-8"))["items"]
    refs = {it["ref"] for it in gold if "ref" in it}
    # a quote's span (`ria:<id>@<start>-<end>`) keeps its whole post out: a blind split's quote stays unseen
    posts = {r.partition("@")[0] + "/" for r in refs if "@" in r and r.startswith("ria:")}
    out = {ref: (para, "ru") for ref, para in ria_items(shared)
           if ref not in refs and ref[:ref.index("/") + 1] not in posts}
    out.update((ref, (line, "en")) for ref, line in polnear_items(shared, "polnear-train")
               if ref not in refs and line.strip())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = ap.parse_args()
    if not shared_available(args.shared):
        print(f"no shared data at {args.shared}: nothing to tag")
        return 0
    texts = unlabeled_texts(args.shared)
    tagger = configured_tagger()
    tags = {ref: [m.frame for m in tagger.tag(text, lang)] for ref, (text, lang) in texts.items()}
    tags = {ref: frames for ref, frames in tags.items() if frames}
    args.out.write_text(json.dumps(tags, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(texts)} unlabeled texts, {len(tags)} tagged")
    if args.against:
        old = json.loads(args.against.read_text(encoding="utf-8"))
        added = removed = 0
        for ref in sorted(set(old) | set(tags)):
            was, now = set(old.get(ref, [])), set(tags.get(ref, []))
            for f in sorted(now - was):
                added += 1
                print(f"+ {f} {ref}: {texts[ref][0][:300]}")
            for f in sorted(was - now):
                removed += 1
                print(f"- {f} {ref}: {texts[ref][0][:300]}")
        print(f"{added} tags added, {removed} removed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
