"""Reading attribution corpora in brat standoff (PolNeAR): each attribution relation as offsets of
its source, cue and content spans. Used by training and evaluation only; pure parsing, no data."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Frags = list[tuple[int, int]]


@dataclass
class Attribution:
    content: Frags
    cue: Frags = field(default_factory=list)
    source: Frags = field(default_factory=list)


def parse_ann(path: Path) -> list[Attribution]:
    """The attribution relations of one .ann file (E lines linking T spans); those without a content
    span are dropped (they attribute nothing that could be a quote)."""
    spans: dict[str, Frags] = {}
    events: list[dict[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("T") and "\t" in line:
                tid, mid, *_ = line.rstrip("\n").split("\t")
                _label, rng = mid.split(" ", 1)
                spans[tid] = [(int(a), int(b)) for a, b in (f.split() for f in rng.split(";"))]
            elif line.startswith("E"):
                parts = line.rstrip("\n").split("\t")[1].split()
                events.append(dict(p.split(":", 1) for p in parts))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if not content:
            continue
        out.append(Attribution(content, spans.get(ev.get("Cue", ""), []), spans.get(ev.get("Source", ""), [])))
    return out


def load_split(split: Path) -> list[tuple[str, str, list[Attribution]]]:
    """(article id, text, attributions) for every article of a PolNeAR split (SPLIT/text/*.txt and
    SPLIT/attributions/*_ANNOTATOR.ann). Like ../shared/eval/polnear_gold.py, the first annotator's
    file (sorted by name) is the one used, so that training labels agree with the gold it is scored on."""
    anns: dict[str, list[Path]] = {}
    for a in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(a.name.rsplit("_", 1)[0], []).append(a)
    out = []
    for art, files in sorted(anns.items()):
        txt = split / "text" / (art + ".txt")
        if txt.exists():
            out.append((art, txt.read_text(encoding="utf-8"), parse_ann(files[0])))
    return out
