"""Speaker-labelled transcripts: 'President of Russia Vladimir Putin: ...', 'PRESIDENT BIDEN:',
'В.Путин: ...'. A turn runs over unlabelled paragraphs until the next label.

A live blog is no transcript: a line under an entry's time ("14:21" / "Лукашенко: «...»") is that entry,
a speaker label line (quotes.label), and no turn runs over an entry's time."""
from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.doc import Doc, Speaker
from quotes.packs import get_pack
from quotes.text import time_stamp_only

_LABEL = re.compile(r"([^\n:]{1,100}?)\s*:[ \t\u00a0]+(?=\S)")
_LABEL_ALONE = re.compile(r"([^\n:]{1,100}?)\s*:")
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


def _titled(label: str) -> bool:
    """A title + name label ("President of Russia Vladimir Putin", "Prime Minister of India Narendra
    Modi", "Президент России Владимир Путин"): a role word, then a capitalised name last."""
    words = [w.lower().strip(".") for w in label.split()]
    return len(words) >= 3 and any(w in _ROLEWORD for w in words[:-1]) and label.split()[-1][:1].isupper()


def _is_transcript(doc: Doc, labels: dict[int, tuple[int, int, int]], speakers: dict[int, Speaker | None],
                   anon: int) -> bool:
    """Three labels make a transcript, or two with a question among them; so do press statements:
    two labels naming two people by title and name, or by registry name, and a single statement
    under a title + name label of a leader in the registry."""
    if len(labels) >= 3 or (len(labels) >= 2 and anon):
        return True
    named = [(doc.text[ls:le], speakers[pi]) for pi, (ls, le, _) in labels.items()]
    people = [(lab, sp) for lab, sp in named if sp is not None and sp.name]
    if len(labels) == 2 and len(people) == 2 and people[0][1].name != people[1][1].name:
        return all(_titled(lab) or sp.leader_id for lab, sp in people)
    if len(labels) == 1 and people:
        lab, sp = people[0]
        return _titled(lab) and sp.leader_id is not None
    return False


def find_turns(doc: Doc, paras: list[tuple[int, int]]) -> tuple[list[Turn], set[int]]:
    """Turns and the indexes of the paragraphs they cover (empty when the text is no transcript)."""
    text = doc.text
    labels: dict[int, tuple[int, int, int]] = {}
    stamps = {pi for pi, (ps, pe) in enumerate(paras) if time_stamp_only(text, ps, pe)}
    for pi, (ps, pe) in enumerate(paras):
        if pi - 1 in stamps:
            continue  # a live blog's entry under its time: no turn
        m = _LABEL.match(text, ps, pe)
        if m and _label_ok(m.group(1)):
            labels[pi] = (ps, ps + len(m.group(1)), m.end())
            continue
        # a label alone on its line ("<p><b>Vladimir Putin:</b></p><p>...</p>"): the turn starts below
        m = _LABEL_ALONE.fullmatch(text, ps, pe)
        if m and _label_ok(m.group(1)) and pi + 1 < len(paras):
            labels[pi] = (ps, ps + len(m.group(1)), paras[pi + 1][0])
    anon = sum(1 for ls, le, _ in labels.values() if text[ls:le].split()[0].lower() in _ANON)
    speakers = {pi: _label_speaker(doc, ls, le) for pi, (ls, le, _) in labels.items()}
    if not _is_transcript(doc, labels, speakers, anon):
        return [], set()
    turns: list[Turn] = []
    covered: set[int] = set()
    cur: Turn | None = None
    for pi, (_ps, pe) in enumerate(paras):
        if pi in stamps:
            cur = None  # a live blog's next entry: the turn before it has ended
        elif pi in labels:
            ls, le, cs = labels[pi]
            cur = Turn(text[ls:le], speakers[pi], cs, pe, ls, le)
            turns.append(cur)
            covered.add(pi)
        elif cur is not None:
            cur.end = pe
            covered.add(pi)
    return turns, covered
