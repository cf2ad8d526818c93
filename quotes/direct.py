"""Direct quotes: quotation marks in every style, split and multi-paragraph quotes, Russian dash
attribution and dialogue dashes, colon introductions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quotes.cues import EN_VERB_FORMS, WORD_RE, _morph, ru_is_verb_cue
from quotes.doc import Doc, Speaker
from quotes.packs import get_pack
from quotes.text import ABBR, QSpan, quote_spans, strip_span, word_count


@dataclass
class Cand:
    cs: int
    ce: int
    para: int
    speaker: Speaker | None = None
    cue: str | None = None
    cont_prev: bool = False  # continues an unclosed quote from the previous paragraph
    unclosed: bool = False
    dash: bool = False
    inherited: bool = False


_TAIL_LEAD = re.compile(r"[\s,.!?…:;—–\-]*")
_SENT_STOP = re.compile(r"[.!?…](?=\s|$)|[\n]")


def _cue_in(doc: Doc, s: int, e: int, max_words: int = 6) -> str | None:
    words = list(WORD_RE.finditer(doc.text, s, e))[:max_words]
    for w in words:
        t = w.group()
        if doc.lang == "en":
            if t.lower() in EN_VERB_FORMS:
                return t
        elif ru_is_verb_cue(t):
            return t
    return None


@lru_cache(maxsize=4)
def _idioms(code: str) -> tuple[str, ...]:
    return tuple(sorted(get_pack(code).words("speech_idioms"), key=len, reverse=True))


def _speech_idiom(doc: Doc, s: int, e: int) -> str | None:
    """"Putin put it bluntly at the Council: “...”": an idiom of speech right after the subject (no reporting
    verb among its words, and an occasion may run long before the colon)."""
    head = doc.text[s:e].lstrip().lower()
    return next((i for i in _idioms(doc.lang) if head.startswith(i) and not head[len(i):len(i) + 1].isalnum()), None)


def _cue_last(doc: Doc, s: int, e: int, max_words: int = 4) -> str | None:
    words = list(WORD_RE.finditer(doc.text, s, e))[-max_words:]
    for w in reversed(words):
        t = w.group()
        if (doc.lang == "en" and t.lower() in EN_VERB_FORMS) or (doc.lang != "en" and ru_is_verb_cue(t)):
            return t
    return None


def tail_attribution(doc: Doc, pos: int, pe: int, spans: list[QSpan]) -> tuple[Speaker, str, int] | None:
    """Attribution after a closing mark: '," the head of state said.' / ', — заявил Лукашенко.'"""
    text = doc.text
    m = _TAIL_LEAD.match(text, pos, pe)
    s = m.end() if m else pos
    if doc.lang != "en" and not re.search(r"[,—–-]", text[pos:s]) and text[pos - 2:pos - 1] not in ",!?…":
        # Russian puts a comma or a dash between the closing mark and the attribution («...», —
        # заявил X; «...!» — воскликнул X): «Радыё Свабода» сообщает, что ... is a name in marks
        return None
    if doc.lang == "en" and re.match(r"(?:while|whereas|and|but|although|though|as|because|when|after|before|"
                                     r"since|if|so)\b", text[s:s + 10]):
        return None  # '…umbrella," while Lavrov claimed that …': a new clause, not this quote's source
    e = _sentence_stop(text, s, pe)
    for q in spans:
        if s <= q.open < e and word_count(text[q.cs:q.ce]) >= 4:
            e = q.open
            break
    e = min(e, s + 200)
    if e <= s:
        return None
    cue = _cue_in(doc, s, e)
    if not cue and doc.lang != "en":
        # «...», — приводит его слова агентство / цитирует ее издание: the pronoun is the speaker
        pm = _CITES_PRONOUN.match(text, s, e)
        if pm:
            g = 1 if pm.group(1) else 2
            sp = doc.nearest_before(pos, "m" if pm.group(g).lower() == "его" else "f")
            if sp is not None:
                return sp, "приводит слова", s + pm.start(g)
    if not cue:
        return _appositive_attribution(doc, s, e)
    found = doc.speaker_in(s, e)
    if not found:
        return None
    return found[0], cue, found[1]


_CITES_PRONOUN = re.compile(r"(?i)(?:приводит|приводят|цитирует|цитируют|передает|передают)\s+(его|ее|её)(?:\s+слова)?(?!\w)"
                            r"|(?:(его|ее|её)\s+слова\s+(?:приводит|приводят|передает|передают))")


def _sentence_stop(text: str, s: int, pe: int) -> int:
    """Where the sentence that starts at `s` ends: not at an abbreviation ("Mr.") or an initial ("G.")."""
    for stop in _SENT_STOP.finditer(text, s, pe):
        if stop.group() == ".":
            wm = re.search(r"(?:^|[^\w.])([\w.]+)$", text[max(s, stop.start() - 12):stop.start()])
            if wm and (wm.group(1).lower() in ABBR or re.fullmatch(r"[A-ZА-ЯЁ]", wm.group(1))):
                continue
        return stop.start()
    return pe


# between a name and its reporting verb: nothing, or an appositive (", head of the State Control
# Committee,")
_APPOS_GAP = re.compile(r"\s*(?:,[^,;:.!?“”«»\"]{1,90})?,?\s*")


def _appositive_attribution(doc: Doc, s: int, e: int, max_words: int = 16) -> tuple[Speaker, str, int] | None:
    """A long subject before the verb: '," State Secretary of the Security Council Alexander Volfovich
    said.' / '," Irina Kostevich, head of the State Control Committee, said.' / '," the spokesman for the
    ministry, Anton Bychkovsky, said.' The verb must follow a person (or their appositive) directly."""
    text = doc.text
    for w in list(WORD_RE.finditer(text, s, e))[:max_words]:
        t = w.group()
        if not ((doc.lang == "en" and t.lower() in EN_VERB_FORMS) or (doc.lang != "en" and ru_is_verb_cue(t))):
            continue
        found = doc.speaker_span(s, w.start(), last=True, allow_role=False)
        if not found or not _APPOS_GAP.fullmatch(text, found[2], w.start()):
            return None
        return found[0], t, found[1]
    return None


def head_attribution(doc: Doc, ps: int, qopen: int) -> tuple[Speaker, str, int] | None:
    """Attribution before an opening mark: 'Lukashenko said: “' / 'X: «' / 'Putin said, “'."""
    text = doc.text
    head = text[ps:qopen]
    hm = re.search(r"(:|,)[\s—–\-]*$", head)
    if not hm:
        return None
    # the clause start: after the last sentence end or closing mark
    cut = max(head.rfind(". "), head.rfind("! "), head.rfind("? "), head.rfind("»"), head.rfind("”"))
    s = ps + (cut + 1 if cut >= 0 else 0)
    e = ps + hm.start()
    if e <= s:
        return None
    colon = hm.group(1) == ":"
    cue = _cue_last(doc, s, e, 6 if colon else 3)
    if not colon and not cue:
        return None
    if colon and not cue:
        # "Маск отреагировал на новости о призывах ...: «...»": a reporting verb right after the
        # clause's subject, however long the clause after it
        first = doc.speaker_in(s, e)
        if first and not text[s:first[1]].strip():
            cue = _cue_in(doc, first[1], e, 4)
            if not cue:
                whole = doc.speaker_span(s, e)
                cue = _speech_idiom(doc, whole[2], e) if whole else None
            if cue:
                return first[0], cue, first[1]
    if colon and not cue and word_count(text[s:e]) > 6:
        return None
    if cue and doc.lang != "en":
        # "Лукашенко, отвечая на реплику Путина: «...»": a gerund's clause says how its subject speaks, the
        # person before it; whom it names ("реплику Путина") is not the speaker
        g = _gerund_subject(doc, s, e, cue)
        if g is not None:
            return g
    found = doc.speaker_in(s, e, last=True)
    if not found:
        return None
    return found[0], cue or ":", found[1]


def _gerund_subject(doc: Doc, s: int, e: int, cue: str) -> tuple[Speaker, str, int] | None:
    """The person that opens text[s:e] right before ", <gerund>" when the cue is that gerund."""
    if "GRND" not in _morph().parse(cue.lower())[0].tag:
        return None
    hits = list(re.finditer(r"(?<![\w-])" + re.escape(cue) + r"(?![\w-])", doc.text[s:e]))
    if not hits:
        return None
    m = hits[-1]  # the cue found last in the clause (_cue_last)
    found = doc.speaker_span(s, s + m.start(), allow_role=False)
    if found is None or doc.text[s:found[1]].strip() or not re.fullmatch(r"[ \u00a0]*,[ \u00a0]*",
                                                                           doc.text[found[2]:s + m.start()]):
        return None
    return found[0], cue, found[1]


def _signature_below(doc: Doc, paras: list[tuple[int, int]], pi: int, close: int) -> Speaker | None:
    """The person a signature line right below a paragraph that is one quote names: "— Александр
    Лукашенко, на совещании по ...", "— Maxim Ryzhenkov, Minister of Foreign Affairs" (a dash, the name
    first, no reporting verb, no question, no quotation marks)."""
    text = doc.text
    ps, pe = paras[pi]
    if pi + 1 >= len(paras) or not re.fullmatch(r"[\s.!?…]*", text[close + 1:pe]):
        return None
    a, b = paras[pi + 1]
    m = re.match(r"[—–-][ \u00a0]*", text[a:b])
    if m is None or re.search(r"[?«»“”„\"]", text[a:b]) or word_count(text[a:b]) > 20:
        return None
    found = doc.speaker_span(a + m.end(), b, allow_role=False)
    if found is None or found[1] != a + m.end() or _cue_in(doc, a + m.end(), b, 8):
        return None  # "— заявил Лукашенко": an attribution, direct's tail; "— Лукашенко сказал ...": a sentence
    return found[0]


def _topic_heading(doc: Doc, ps: int, pe: int) -> bool:
    """A short line ending in a colon that names nobody and reports no speech ("🔹 On the situation in the
    region:", "О санкциях:", "Key points:"): the topic of what follows."""
    text = doc.text
    line = text[ps:pe].rstrip(" \t\u00a0*_")
    if not line.endswith(":") or word_count(line) > 10 or re.search(r"[«»“”„\"]", line):
        return False
    if any(ps <= p.start < pe and p.start < p.end for p in doc.persons) or any(ps <= ts < pe for ts, _, _ in doc.titles):
        return False
    return _cue_in(doc, ps, pe, 10) is None


def _last_speaker_before(doc: Doc, cands: list[Cand], pos: int) -> Speaker | None:
    """The speaker of the last attributed quote before `pos`, when no other person is named after it."""
    prev = [c for c in cands if c.speaker is not None and c.speaker.name and c.ce <= pos]
    if not prev:
        return None
    last = max(prev, key=lambda c: c.ce)
    sp = last.speaker
    assert sp is not None
    for p in doc.persons:
        if last.ce <= p.start < pos and p.start < p.end and not p.quoted and (p.name, p.leader_id) != (sp.name, sp.leader_id):
            return None
    return sp


def colon_paragraph_speaker(doc: Doc, ps: int, pe: int) -> tuple[Speaker, str, int] | None:
    """A paragraph that ends with a colon introduces the next paragraph's speech."""
    text = doc.text
    if not text[ps:pe].rstrip().endswith(":"):
        return None
    cut = max(text.rfind(". ", ps, pe), text.rfind("! ", ps, pe), text.rfind("? ", ps, pe))
    s = cut + 1 if cut >= 0 else ps
    cue = _cue_last(doc, s, pe, 4)
    if cue is None:
        # no reporting verb: the sentence's subject speaks ("Песков на вопрос о том, встретится ли
        # Путин с бизнесом:"), when it opens the sentence
        first = doc.speaker_in(s, pe)
        if first and not text[s:first[1]].strip():
            return first[0], ":", first[1]
    found = doc.speaker_in(s, pe, last=True)
    if not found:
        return None
    return found[0], cue or ":", found[1]


_EDITOR_NOTE = re.compile(r"\s*\([^()]{0,400}?[—–]\s*[A-ZА-ЯЁ]\.\s*(?:[A-ZА-ЯЁ]\.)?\s*\)\.?")
_DASH_SEP = re.compile(r"(?<=[,.!?…])\s*[—–]\s*")


def dash_paragraph(doc: Doc, pi: int, ps: int, pe: int, intro: tuple[Speaker, str, int] | None) -> list[Cand]:
    """'— Речь,— сказал Путин.— Речь.' dialogue paragraphs."""
    text = doc.text
    m = re.match(r"[—–]\s*", text[ps:pe])
    if not m:
        return []
    body = ps + m.end()
    # speech/author segments
    speech: list[tuple[int, int]] = []
    attrib: tuple[Speaker, str, int] | None = None
    cur = body
    pos = body
    for sep in _DASH_SEP.finditer(text, body, pe):
        if sep.start() < pos:
            continue
        nxt_sep = _DASH_SEP.search(text, sep.end(), pe)
        seg_end = nxt_sep.start() if nxt_sep else pe
        seg_end_full = seg_end
        cue = _cue_in(doc, sep.end(), seg_end, 4)
        if cue and word_count(text[sep.end():seg_end]) <= 16:
            found = doc.speaker_in(sep.end(), seg_end_full)
            if found and attrib is None:
                attrib = (found[0], cue, found[1])
            speech.append((cur, sep.start()))
            cur = nxt_sep.end() if nxt_sep else pe
            pos = cur
    if cur < pe:
        speech.append((cur, pe))
    if attrib is None:
        attrib = intro
    if attrib is None:
        return []
    out = []
    for s, e in speech:
        # editor's notes "(... — А. К.)" are not speech
        pieces = []
        last = s
        for note in _EDITOR_NOTE.finditer(text, s, e):
            pieces.append((last, note.start()))
            last = note.end()
        pieces.append((last, e))
        for a, b in pieces:
            a, b = strip_span(text, a, b)
            if b > a and word_count(text[a:b]) >= 1:
                out.append(Cand(a, b, pi, attrib[0], attrib[1], dash=True))
    return out


_INNER = re.compile(r"[,.!?…]\s*[—–]\s*([^—–«»“”\n]{2,80}?)[,.:]\s*[—–]\s*")


def _inner_attribution(
    doc: Doc, cs: int, ce: int
) -> tuple[Speaker, str, tuple[int, int], tuple[int, int]] | None:
    """«Мы готовы к диалогу, — сказал Песков, — но не на любых условиях»: one pair of marks, two parts."""
    text = doc.text
    for m in _INNER.finditer(text, cs, ce):
        cue = _cue_in(doc, m.start(1), m.end(1), 3)
        if not cue:
            continue
        found = doc.speaker_in(m.start(1), m.end(1), include_quoted=True)
        if not found:
            continue
        a1, b1 = strip_span(text, cs, m.start())
        a2, b2 = strip_span(text, m.end(), ce)
        if b1 > a1 and b2 > a2:
            return found[0], cue, (a1, b1), (a2, b2)
    return None


def find_direct(doc: Doc, paras: list[tuple[int, int]], skip: set[int]) -> list[Cand]:
    text = doc.text
    cands: list[Cand] = []
    all_spans: list[list[QSpan]] = []
    for pi, (ps, pe) in enumerate(paras):
        spans = [] if pi in skip else [q for q in quote_spans(text, ps, pe) if q.depth == 0]
        all_spans.append(spans)
        for q in spans:
            if word_count(text[q.cs:q.ce]) >= 3:
                doc.mark_quoted(q.cs, q.ce)
    prev_unclosed = False
    dash_turns: dict[int, Cand | None] = {}  # dialogue lines: their first attributed part, if any
    for pi, (ps, pe) in enumerate(paras):
        if pi in skip:
            prev_unclosed = False
            continue
        spans = all_spans[pi]
        intro = colon_paragraph_speaker(doc, *paras[pi - 1]) if pi > 0 and pi - 1 not in skip else None
        if text[ps] in "—–" and re.match(r"[—–]\s", text[ps:ps + 2]):
            dc = dash_paragraph(doc, pi, ps, pe, intro)
            dash_turns[pi] = dc[0] if dc else None
            if dc:
                doc.mark_quoted(dc[0].cs, dc[-1].ce)
                for c in dc:
                    if c.speaker:
                        doc.add_speaker(c.ce, c.speaker)
                cands.extend(dc)
                prev_unclosed = False
                continue
        this_unclosed = False
        if prev_unclosed and not (spans and spans[0].open == ps):
            # the last paragraph of a multi-paragraph quote, opened without its mark: "...реалии»."
            close = _stray_close(text, ps, pe, spans)
            if close is not None:
                cs, ce = strip_span(text, ps, close, " \t\u00a0,;:")
                if ce > cs:
                    c = Cand(cs, ce, pi, cont_prev=True)
                    got = tail_attribution(doc, close + 1, pe, spans)
                    if got:
                        c.speaker, c.cue = got[0], got[1]
                    doc.mark_quoted(cs, ce)
                    cands.append(c)
        for qi, q in enumerate(spans):
            cs, ce = strip_span(text, q.cs, q.ce, " \t\u00a0,;:")
            if ce <= cs:
                continue
            inner = _inner_attribution(doc, cs, ce)
            if inner:
                sp, cue, (a1, b1), (a2, b2) = inner
                cands.append(Cand(a1, b1, pi, sp, cue))
                cands.append(Cand(a2, b2, pi, sp, cue))
                doc.add_speaker(q.open, sp)
                continue
            c = Cand(cs, ce, pi, unclosed=q.close is None)
            c.cont_prev = qi == 0 and prev_unclosed and q.open == ps
            if q.close is None:
                this_unclosed = True
            else:
                got = tail_attribution(doc, q.close + 1, pe, spans)
                if got:
                    c.speaker, c.cue = got[0], got[1]
            if c.speaker is None:
                got = head_attribution(doc, ps, q.open)
                if got:
                    c.speaker, c.cue = got[0], got[1]
            if c.speaker is None and q.open == ps and len(spans) == 1 and q.close is not None:
                # a quote paragraph signed below ("«...»" / "— Виктор Хренин, министр обороны"): the signature
                # names its speaker, whatever the line before it introduced ("И слово министру:")
                sig = _signature_below(doc, paras, pi, q.close)
                if sig is not None:
                    c.speaker, c.cue = sig, "—"
            if c.speaker is None and intro and q.open == ps:
                c.speaker, c.cue = intro[0], intro[1]
            if c.speaker is None and qi == 0 and len(spans) == 1 and q.close is not None and re.fullmatch(
                    r"[\s.!?…]*", text[q.close + 1:pe]) and (
                    (q.open == ps and pi > 0 and pi - 1 not in skip and _topic_heading(doc, *paras[pi - 1]))
                    or (q.open > ps and _topic_heading(doc, ps, q.open))):
                # a post's topic over a quote, on the line above ("🔹 On relations with neighbours:" / "«Our door
                # remains open ...»") or before it ("🔻О закрытых пунктах пропуска: «...»"): the speaker is the
                # one quoted before it, when nobody else is named between
                c.speaker = _last_speaker_before(doc, cands, paras[pi - 1][0] if q.open == ps else ps)
                c.cue = ":" if c.speaker is not None else None
            if c.speaker:
                doc.add_speaker(q.open, c.speaker)
            cands.append(c)
        prev_unclosed = this_unclosed
    cands.extend(_interview_turns(doc, paras, dash_turns, {c.para for c in cands}))
    cands.sort(key=lambda c: c.cs)
    _inherit(cands)
    out = []
    for c in cands:
        if c.speaker is None:
            continue
        n = word_count(text[c.cs:c.ce])
        if n < (4 if c.inherited else 1 if c.dash else 2):
            continue
        out.append(c)
    return out


def _interview_turns(
    doc: Doc, paras: list[tuple[int, int]], turns: dict[int, Cand | None], used: set[int]
) -> list[Cand]:
    """An interview in dialogue lines: questions (every one holds a "?") alternate with answers, and
    one answer is attributed ("— ..., — ответил президент."): the other answers are that speaker's."""
    out: list[Cand] = []
    order = sorted(turns)
    blocks: list[list[int]] = []
    for pi in order:
        if blocks and blocks[-1][-1] == pi - 1:
            blocks[-1].append(pi)
        else:
            blocks.append([pi])
    for block in blocks:
        said = {k: turns[pi] for k, pi in enumerate(block) if turns[pi] is not None}
        if len(block) < 3 or not said:
            continue
        first = next(iter(said.values()))
        assert first is not None and first.speaker is not None
        parity = {k % 2 for k in said}
        if len(parity) != 1 or any(c is None or c.speaker is None or c.speaker.name != first.speaker.name
                                   for c in said.values()):
            continue
        p = parity.pop()
        asks = [pi for k, pi in enumerate(block) if k % 2 != p]
        if not asks or any("?" not in doc.text[slice(*paras[pi])] for pi in asks):
            continue
        for k, pi in enumerate(block):
            if k % 2 == p and k not in said and pi not in used:
                out.extend(dash_paragraph(doc, pi, *paras[pi], (first.speaker, first.cue or "—", paras[pi][0])))
    return out


def _stray_close(text: str, ps: int, pe: int, spans: list[QSpan]) -> int | None:
    """A closing mark (» ”) in a paragraph with no opening mark before it, outside every span."""
    for i in range(ps, pe):
        c = text[i]
        if c in "«„“" or any(q.open <= i <= (q.close if q.close is not None else pe) for q in spans):
            return None
        if c in "»”":
            return i
    return None


def _inherit(cands: list[Cand]) -> None:
    """Split and multi-paragraph quotes share one attribution."""
    # chains over paragraphs (backwards: attribution usually comes at the end)
    for i in range(len(cands) - 1, 0, -1):
        a, b = cands[i - 1], cands[i]
        if b.cont_prev and a.unclosed and a.speaker is None and b.speaker is not None:
            a.speaker, a.cue = b.speaker, b.cue
    for i in range(1, len(cands)):
        a, b = cands[i - 1], cands[i]
        if b.cont_prev and a.unclosed and b.speaker is None and a.speaker is not None:
            b.speaker, b.cue = a.speaker, a.cue
    # within a paragraph: "...," he said. "..."
    for i, c in enumerate(cands):
        if c.speaker is not None or c.dash:
            continue
        for j in range(i - 1, -1, -1):
            if cands[j].para != c.para:
                break
            if cands[j].speaker is not None:
                c.speaker, c.cue, c.inherited = cands[j].speaker, cands[j].cue, True
                break
        if c.speaker is None:
            for j in range(i + 1, len(cands)):
                if cands[j].para != c.para:
                    break
                if cands[j].speaker is not None:
                    c.speaker, c.cue, c.inherited = cands[j].speaker, cands[j].cue, True
                    break
