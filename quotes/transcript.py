"""Speaker-labelled transcripts: 'President of Russia Vladimir Putin: ...', 'PRESIDENT BIDEN:',
'В.Путин: ...'. A turn runs over unlabelled paragraphs until the next label."""
from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.doc import Doc, Speaker
from quotes.packs import get_pack

_LABEL = re.compile(r"([^\n:]{1,100}?)\s*:[ \t\u00a0]+(?=\S)")
_CONNECT = {"of", "the", "and", "for", "de", "von", "van", "der", "da", "al", "on", "at", "и", "по", "в", "на",
            "in", "to"}
_ANON = {w for lang in ("en", "ru") for w in get_pack(lang).words("label_anonymous")}
_ROLEWORD = {"president", "minister", "prime", "secretary", "general", "chairman", "press", "spokesman",
             "deputy", "director", "governor", "head", "editor", "correspondent", "mr", "ms", "mrs", "dr"}


@dataclass
class Turn:
    label: str
    speaker: Speaker | None  # None: anonymous ("Question")
    start: int  # content start
    end: int
    label_start: int = 0  # the label's offsets
    label_end: int = 0


def _label_ok(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 10:
        return False
    if re.search(r"[,;!?«»“”\"()\[\]]", label):
        return False
    if re.search(r"\.", re.sub(r"\b\w\.", "", label)):
        return False  # periods only in initials
    first, last = words[0], re.sub(r"^\w\.", "", words[-1]) or words[-1]
    if not (first[0].isupper() and last[:1].isupper()):
        return False
    lower = [w for w in words if not w[0].isupper()]
    return len(lower) <= 3 and all(w in _CONNECT or "-" in w for w in lower)


def _label_speaker(doc: Doc, ls: int, le: int) -> Speaker | None:
    label = doc.text[ls:le]
    words = re.findall(r"[\w.-]+", label)
    if words and all(w.lower().strip(".") in _ANON for w in words[:1]):
        return None
    found = doc.speaker_in(ls, le, last=True, allow_role=False)
    if found and found[0].leader_id:
        return found[0]
    names: list[str] = []
    for w in reversed(label.split()):
        if not w[:1].isupper() or w.lower().strip(".") in _ROLEWORD:
            break
        names.insert(0, w)
        if len(names) == 2:
            break
    if names and names[0] in ("Of", "The"):
        names = names[1:]
    if not names:
        return Speaker(label.strip(), None, None)
    return Speaker(" ".join(names[-3:]).title() if label.isupper() else " ".join(names[-3:]), None, None)


def find_turns(doc: Doc, paras: list[tuple[int, int]]) -> tuple[list[Turn], set[int]]:
    """Turns and the indexes of the paragraphs they cover (empty when the text is no transcript)."""
    text = doc.text
    labels: dict[int, tuple[int, int, int]] = {}
    for pi, (ps, pe) in enumerate(paras):
        m = _LABEL.match(text, ps, pe)
        if m and _label_ok(m.group(1)):
            labels[pi] = (ps, ps + len(m.group(1)), m.end())
    anon = sum(1 for ls, le, _ in labels.values() if text[ls:le].split()[0].lower() in _ANON)
    if len(labels) < 3 and not (len(labels) >= 2 and anon):
        return [], set()
    turns: list[Turn] = []
    covered: set[int] = set()
    cur: Turn | None = None
    for pi, (_ps, pe) in enumerate(paras):
        if pi in labels:
            ls, le, cs = labels[pi]
            cur = Turn(text[ls:le], _label_speaker(doc, ls, le), cs, pe, ls, le)
            turns.append(cur)
            covered.add(pi)
        elif cur is not None:
            cur.end = pe
            covered.add(pi)
    return turns, covered
