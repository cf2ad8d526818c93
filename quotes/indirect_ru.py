"""Russian indirect and mixed quotes: "X заявил, что ...", "по словам X, ...", "как заявил X, ..."."""
from __future__ import annotations

import re

from quotes.cues import RU_INDIRECT, WORD_RE, _morph
from quotes.doc import Doc, Speaker
from quotes.model import QuoteType
from quotes.text import sentences, strip_span, word_count

Span = tuple[int, int, QuoteType, str | None, str | None, str | None]

_PREP = {"с", "со", "у", "к", "ко", "от", "для", "о", "об", "обо", "по", "при", "за", "про", "между", "перед",
         "над", "под", "без", "после", "до", "из", "на", "в", "во", "через"}
_CUE_HINT = re.compile(
    r"(?i)(?<!\w)(?:по\s+словам|как\s+(?:заявил|сказал|отметил|подчеркнул|сообщил|пояснил|добавил|указал)"
    r"|[а-яё]+(?:ил|ил[аи]|ит|ят|ет|ут|ют|ает|яет|ует|ал|ал[аи]|ел|ел[аи]|нул|нула|нули)(?:ся|сь)?\s*,?\s+(?:[^.!?]{0,60}?,\s*)?что)"
)


def _has_quote(text: str) -> bool:
    return bool(re.search(r"[«»“”„\"]", text))


def _cue_verb(word: str) -> bool:
    for p in _morph().parse(word.lower())[:3]:
        if str(p.normal_form) in RU_INDIRECT and ("VERB" in p.tag or "GRND" in p.tag) and "INFN" not in p.tag:
            return True
    return False


def _nominative(doc: Doc, pos: int, end_hint: int) -> bool:
    """Is the speaker expression at `pos` in the nominative (not after a preposition, not oblique)?"""
    text = doc.text
    prev = re.search(r"([\w-]+)\s+$", text[max(0, pos - 30):pos])
    if prev and prev.group(1).lower() in _PREP:
        return False
    m = WORD_RE.match(text, pos)
    if not m:
        return True
    w = m.group()
    if w.lower() in ("он", "она"):
        return True
    parses = _morph().parse(w.lower())[:4]
    if any(getattr(p.tag, "case", None) == "nomn" for p in parses):
        return True
    return all(p.tag.POS is None for p in parses)


def _subject(doc: Doc, s: int, e: int) -> Speaker | None:
    subs = _subjects(doc, s, e)
    return subs[0] if subs else None


def _subjects(doc: Doc, s: int, e: int) -> list[Speaker]:
    """Nominative speakers before the verb: the subject first, then co-speakers ("как и X и Y")."""
    out: list[Speaker] = []
    for pos, sp in doc.candidates(s, e):
        if _nominative(doc, pos, e) and all(o.name != sp.name for o in out):
            out.append(sp)
    return out


def find_indirect_ru(doc: Doc, paras: list[tuple[int, int]], skip: set[int], direct: list[Span]) -> list[Span]:
    text = doc.text
    out: list[Span] = []
    dr = [(d[0], d[1]) for d in direct]

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in dr)

    def emit(a: int, b: int, sp: Speaker | None, cue: str, also: list[Speaker] | None = None) -> None:
        a, b = strip_span(text, a, b, " \t\n\u00a0,;:—–-")
        while b > a and text[b - 1] in ".":
            b -= 1
        if sp is None or sp.name is None or b <= a or word_count(text[a:b]) < 3:
            return
        if inside(a) or any(x <= a < y for x, y, *_ in out):
            return
        typ: QuoteType = "mixed" if _has_quote(text[a:b]) else "indirect"
        for one in [sp, *(also or [])]:
            out.append((a, b, typ, one.name, one.leader_id, cue))
        doc.add_speaker(a, sp)

    for pi, (ps, pe) in enumerate(paras):
        if pi in skip:
            continue
        for s, e in sentences(text, ps, pe):
            if inside(s) and inside(e - 1):
                continue
            seg = text[s:e]
            if not _CUE_HINT.search(seg):
                continue
            body_end = e
            # по словам X, CLAUSE
            m = re.search(r"(?i)(?<!\w)по\s+словам\s+", seg)
            if m:
                a = s + m.end()
                comma = _comma_after_name(text, a, e)
                if comma:
                    found = doc.speaker_in(a, comma)
                    if found:
                        emit(comma + 1, _end(text, comma + 1, body_end), found[0], "по словам")
                        continue
            m = re.search(r"(?i)(?<!\w)как\s+([а-яё]+)\s+", seg)
            if m and _cue_verb(m.group(1)):
                a = s + m.end()
                comma = _comma_after_name(text, a, e)
                if comma:
                    found = doc.speaker_in(a, comma)
                    if found:
                        emit(comma + 1, _end(text, comma + 1, body_end), found[0], m.group(1))
                        continue
            # X заявил(, ...), что CLAUSE
            for w in WORD_RE.finditer(text, s, e):
                if inside(w.start()) or not _cue_verb(w.group()):
                    continue
                after = re.match(r"\s*(?:[^.!?«»]{0,60}?)?,\s*что\s+", text[w.end():e])
                if not after:
                    continue
                a = w.end() + after.end()
                subs = _subjects(doc, s, w.start())
                if not subs:
                    # inverted: "заявил Лукашенко, что"
                    subs = _subjects(doc, w.end(), w.end() + after.start() + len(after.group()))
                if subs:
                    emit(a, _end(text, a, body_end), subs[0], w.group(), subs[1:])
                break
    return out


def _comma_after_name(text: str, a: int, e: int) -> int | None:
    depth = 0
    for i in range(a, min(e, a + 200)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            return i
    return None


def _end(text: str, a: int, e: int) -> int:
    m = re.search(r";\s|\s[—–]\s(?=[а-яё]+\s+[А-ЯЁ])", text[a:e])
    return a + m.start() if m else e
