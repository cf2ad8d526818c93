"""English indirect and mixed quotes.

Only sentences that hold a cue (a reporting verb form, "according to", "in his words", a speech
noun before a quoted fragment) are parsed with spaCy. The parse decides whether a cue verb takes a
clause and who its subject is; the clause's extent is decided by rules over the text (the small
model's attachments are unreliable at clause edges).
"""
from __future__ import annotations

import re
from typing import Any

from quotes.cues import EN_VERB_FORMS, EN_VERBS
from quotes.doc import Doc, is_headline
from quotes.model import QuoteType
from quotes.nlp import pos
from quotes.text import after_dateline, sentences, strip_span, word_count

Span = tuple[int, int, QuoteType, str | None, str | None, str | None]

_CUE_RX = re.compile(
    r"\b(?:" + "|".join(sorted((w for w in EN_VERB_FORMS if w not in {"made", "making", "words"}), key=len,
                               reverse=True))
    + r"|made\s+it\s+(?:clear|explicit|plain)|making\s+it\s+(?:clear|explicit|plain)|in\s+(?:his|her)\s+words"
    r"|in\s+the\s+words\s+of|(?:concerns?|fears?|claims?|warnings?|allegations?|remarks?|comments?)\s+"
    r"(?:about|over|of|that))\b",
    re.IGNORECASE,
)
_LEMMA = {
    "said": "say", "says": "say", "saying": "say", "told": "tell", "tells": "tell", "telling": "tell",
    "wrote": "write", "writes": "write", "made": "make", "making": "make",
}
# where an indirect clause ends: a new coordinated clause, a participial adjunct, a dash, a semicolon
_END = re.compile(
    r",[”\"’]?\s+(?:and|but|while|whereas|although|though|yet|so|as|because)\s+(?!that\b)"
    r"|,\s+(?:(?:strongly|clearly|apparently|thereby|perhaps|possibly|implicitly|again)\s+)?[a-z]+ing\b"
    r"|,\s+it\s+is\b|;\s|\s[–—]\s|\s-\s|,\s+(?:which|who)\s+(?:is|was|has|had)\b|,\s+according\s+to\b"
)
_THAT_GAP = 9  # words allowed between the verb and "that" (adverbs, "at the summit", "in early May")
_MODAL = {"to", "can", "could", "might", "may", "would", "should", "must"}
_NEG = {"not", "n't", "never"}


def _lemma(tok: Any) -> str:
    low = str(tok.lower_)
    if low in _LEMMA:
        return _LEMMA[low]
    for suf, rep in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if low.endswith(suf):
            base = low[: -len(suf)] + rep
            for cand in (base, base + "e"):
                if cand in EN_VERBS:
                    return cand
    return low


_CONJ = re.compile(r",[”\"’]?\s+(?:and|but|while|whereas|although|though|yet)\s")


def _clause_end(text: str, s: int, e: int) -> int:
    pos = s + 1
    while True:
        m = _END.search(text, pos, e)
        if m is None:
            return e
        # '…, but the Poles "must take the first step."': a coordinated clause with a quoted fragment
        # and no reporting verb of its own is still the speaker's
        nxt = _END.search(text, m.end(), e)
        rest = text[m.end():nxt.start() if nxt else e]
        if _CONJ.match(m.group()) and re.search(r"[“\"«]", rest) and not any(
                w.lower() in EN_VERB_FORMS for w in re.findall(r"[A-Za-z]+", rest)):
            pos = m.end()
            continue
        return m.start()


def _has_quote(text: str) -> bool:
    return bool(re.search(r"[“”«»„‘’\"]|(?<!\w)'|'(?!\w)", text))


Parsed = list[tuple[int, int, Any]]
_NOT_PERSON = {"ORG", "GPE", "FAC", "LOC", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
_QUOTED = re.compile(r"[“«„\"][^“”«»„\"\n]{0,600}[”»\"“]")


# the words of _CUE_RX, looked up in a set (the regex, a 200-way alternation, cost 5% of English
# extraction when it scanned every sentence); "States" of "the United States" is no cue (the cue
# "states" triggered 80 of PolNeAR dev's 1,041 parses, 7 of them with an attribution, all through
# another cue); the words that open _CUE_RX's phrases send a sentence to the regex
_CUE_WORDS = frozenset(w for w in EN_VERB_FORMS if w not in {"made", "making", "words"})
_PHRASE_STARTS = frozenset({"made", "making", "in", "concern", "concerns", "fear", "fears", "claim", "claims",
                            "warning", "warnings", "allegation", "allegations", "remark", "remarks", "comment",
                            "comments"})
_AZ = re.compile(r"[A-Za-z]+")


def _has_cue(text: str, s: int, e: int) -> bool:
    phrase = False
    for m in _AZ.finditer(text, s, e):
        w = m.group()
        low = w.lower()
        if low in _CUE_WORDS and w != "States":
            return True
        phrase = phrase or low in _PHRASE_STARTS
    return phrase and any(m.group() != "States" for m in _CUE_RX.finditer(text, s, e))


# the part of a sentence that a quotation left open before it ends: a closing mark with no opening
# one before it (the sentence splitter cut a quotation: '... the American people,” Sen. X said.'),
# or an opening mark with no closing one after it ('Trump said, “When people come back ...')
_OPEN_TAIL = re.compile(r"(?:“|«|„|(?<![\w.,!?])\")[^“”«»„\"]*$")
_CLOSE_HEAD = re.compile(r"^[^“”«»„\"]*(?:”|»|(?<=[\w.,!?])\")")


def _outside_quotes(sent: str) -> tuple[str, bool]:
    """The words of a sentence outside quotation marks, including quotations that began in an
    earlier sentence or go on into a later one; and whether the sentence opens with a quotation."""
    out = _QUOTED.sub(" ", sent)
    if out == sent and not any(c in sent for c in "“”«»„\""):
        return sent, False
    head = _CLOSE_HEAD.match(out)
    if head:
        out = " " * head.end() + out[head.end():]
    out = _OPEN_TAIL.sub(" ", out)
    return out, bool(head) or sent.lstrip()[:1] in "“«„\""


def _worth_parsing(text: str, s: int, e: int) -> bool:
    """A sentence whose words outside quotation marks are only a short attribution ('," he said.')
    holds no indirect clause: skip its parse (the direct extractor needs none)."""
    outside, opens_quoted = _outside_quotes(text[s:e])
    if outside == text[s:e]:
        return True
    if re.search(r"\bthat\b|\baccording\b", outside, re.IGNORECASE):
        return True
    if word_count(outside) <= 9:
        return False
    # '“...,” said James Acton, a physicist who is co-director of ...': after a quotation, one reporting
    # verb among its first words and the rest an apposition of the speaker: no clause to parse
    words = [m.group() for m in _AZ.finditer(outside)]
    cues = [i for i, w in enumerate(words) if w.lower() in _CUE_WORDS and w != "States"]
    return not (opens_quoted and len(cues) == 1 and cues[0] <= 4
                and not _PHRASE_STARTS.intersection(w.lower() for w in words))


# where a parsed sentence's NER windows are kept (spaCy Doc.user_data): [(window start, NER'd Doc)]
NER_WINDOWS = "mouthpiece_ner_windows"
# NER reads an unknown name with a couple of words either side: on PolNeAR dev, 12/8 characters tell
# people from places as well as 60/40 did (quotes.learned.extractor reads sources the same way)
NER_BEFORE, NER_AFTER = 12, 8


def ner_windows(text: str, s: int, e: int, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Windows of text[s:e] around the given words (NER_BEFORE/NER_AFTER characters either side, cut
    at word boundaries), overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for a, b in words:
        ws = max(s, a - NER_BEFORE)
        sp = text.find(" ", ws, a)
        ws = sp + 1 if ws > s and sp >= 0 else ws
        we = min(e, b + NER_AFTER)
        sp = text.rfind(" ", b, we)
        we = sp if we < e and sp > b else we
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


def parse_cue_sentences(doc: Doc, paras: list[tuple[int, int]], skip: set[int]) -> Parsed:
    """Parse the sentences that hold a cue (tagger, parser, NER), and give the document the people
    that NER finds there (PERSON) and drop capitalised runs that it calls something else."""
    text = doc.text
    sents: list[tuple[int, int]] = []
    for pi, (ps, pe) in enumerate(paras):
        if pi in skip:
            continue
        if is_headline(text[ps:pe]):
            continue
        for s, e in sentences(text, ps, pe):
            if _has_cue(text, s, e) and _worth_parsing(text, s, e):
                sents.append((s, e))
    if not sents:
        return []
    from quotes.nlp import english

    nlp = english()
    ner = nlp.get_pipe("ner") if "ner" in nlp.component_names else None
    out: Parsed = []
    people: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    need_ner: list[tuple[int, int, Any]] = []  # (window start, window end, the sentence's parse)
    for (s, e), sdoc in zip(sents, nlp.pipe([text[s:e] for s, e in sents], batch_size=64), strict=True):
        out.append((s, e, sdoc))
        # NER only where a name may be unknown (a capitalised word that is no registry name or title),
        # and only on a few words around it: NER has its own tok2vec, and on whole sentences it cost
        # as much as the tagger and parser together (PolNeAR dev: 780 of 1,041 parsed sentences)
        if ner is not None:
            windows = ner_windows(text, s, e, doc.unknown_name_words(s, e))
            sdoc.user_data[NER_WINDOWS] = []
            need_ner.extend((ws, we, sdoc) for ws, we in windows)
    if ner is not None and need_ner:
        wdocs = ner.pipe((nlp.make_doc(text[ws:we]) for ws, we, _d in need_ner), batch_size=64)
        for (s, _we, sent), sdoc in zip(need_ner, wdocs, strict=True):
            sent.user_data[NER_WINDOWS].append((s, sdoc))
            for ent in sdoc.ents:
                a, b = s + ent.start_char, s + ent.end_char
                if ent.label_ == "PERSON":
                    a, b = strip_span(text, a, b, " ’'")
                    if re.search(r"[’']s$", text[a:b]):
                        b -= 2
                    if b > a and text[a].isupper():
                        people.append((a, b))
                elif ent.label_ in _NOT_PERSON:
                    other.append((a, b))
    doc.veto(other)
    doc.add_names(people)
    return out


def find_indirect_en(
    doc: Doc, paras: list[tuple[int, int]], skip: set[int], direct: list[Span], parsed: Parsed | None = None
) -> list[Span]:
    if parsed is None:
        parsed = parse_cue_sentences(doc, paras, skip)
    out: list[Span] = []
    direct_ranges = [(d[0], d[1]) for d in direct]
    for s, e, sdoc in parsed:
        out.extend(_sentence(doc, s, e, sdoc, direct_ranges))
    return out


def _inside_direct(pos: int, direct: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in direct)


def _co_speakers(doc: Doc, s: int, tok: Any) -> list[tuple[str | None, str | None]]:
    """Further speakers coordinated with the subject: "Putin and Lukashenko said that ..."."""
    cur = tok
    for _ in range(3):
        subj = [c for c in cur.children if c.dep_ == "nsubj"]
        if subj:
            break
        if cur.dep_ not in ("conj", "advcl", "xcomp") or cur.head is cur:
            return []
        cur = cur.head
    else:
        return []
    out: list[tuple[str | None, str | None]] = []
    stack = [c for c in subj[0].children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        found = doc.speaker_in(s + c.left_edge.idx, s + c.idx + len(c.text), last=True, allow_role=False,
                               head=s + c.idx)
        if found and found[0].name:
            out.append((found[0].name, found[0].leader_id))
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _run_on(tok: Any) -> bool:
    """A reporting verb that continues its subject's sentence after a reported clause, attached by the
    parser inside that clause: "Khrenin reported that brigades had been redeployed and said ..."."""
    return bool(
        tok.dep_ == "conj" and tok.tag_ == "VBD" and tok.lower_ in EN_VERB_FORMS and tok.i > 0
        and tok.doc[tok.i - 1].lower_ == "and" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    )


def _outer_cue(tok: Any) -> Any:
    """For a run-on reporting verb, the reporting verb whose clause the parser put it in."""
    if not _run_on(tok):
        return None
    cur = tok.head
    for _ in range(4):
        if cur.dep_ == "ccomp" and cur.head.lower_ in EN_VERB_FORMS and cur.head.i < tok.i:
            return cur.head
        if cur.head is cur:
            break
        cur = cur.head
    return None


# the verbs that report a clause before them ("CLAUSE, Lukashenko said")
_INVERTED_LEMMAS = {"say", "add", "note", "stress", "tell", "insist", "warn", "argue", "claim", "state", "declare",
                    "explain", "emphasise", "emphasize", "maintain", "assert", "believe", "think"}


def _inverted_speaker(doc: Doc, s: int, tok: Any, sent_start: int) -> tuple[str | None, str | None] | None:
    """'CLAUSE, Minister of Foreign Affairs of Belarus Maxim Ryzhenkov said': a reporting verb left with
    no subject of its own (a long title before the name misleads the parser, which hangs the title on
    the clause) takes the person named right before it, after the comma that ends the clause."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    text = doc.text
    v = s + tok.idx
    comma = text.rfind(",", sent_start, v)
    if comma < 0 or re.search(r"\b(?:and|but|while|or)\b", text[comma:v]):
        return None
    found = doc.speaker_span(comma + 1, v, last=True, allow_role=False)
    if found is None or found[0].name is None or text[found[2]:v].strip():
        return None
    return found[0].name, found[0].leader_id


def _subject_speaker(doc: Doc, s: int, tok: Any, sent_start: int) -> tuple[str | None, str | None] | None:
    """Speaker of cue verb `tok`: its subject, climbing through participles; None: not a person."""
    cur = _outer_cue(tok) or tok
    for _ in range(5):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subj) > 1 and subj[0].i < subj[-1].i:
            # "KYIV, Nov 30 (Reuters) - Ukraine's foreign minister said": a dateline parsed as a second
            # subject; the one nearest the verb is the speaker
            subj = subj[-1:]
        if subj:
            sb = subj[0]
            a = s + sb.left_edge.idx
            b = s + sb.right_edge.idx + len(sb.right_edge.text)
            if sb.lower_ in ("it", "there", "this", "that", "which", "who") and sb.dep_ == "nsubj":
                if sb.lower_ in ("who",):
                    # "X, who said that" -> the noun the relative clause hangs on
                    head = cur.head
                    a = s + head.left_edge.idx
                    b = s + head.idx + len(head.text)
                    found = doc.speaker_in(a, b, last=True, allow_role=False)
                    return (found[0].name, found[0].leader_id) if found else None
                break
            found = doc.speaker_in(a, b, last=True, head=s + sb.idx)
            if found:
                return found[0].name, found[0].leader_id
            return None
        if cur.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "prep", "pobj") and cur.head is not cur:
            if cur.dep_ == "acl" and pos(cur.head) in ("PROPN", "NOUN"):
                hd = cur.head
                a = s + hd.left_edge.idx
                b = s + hd.idx + len(hd.text)
                found = doc.speaker_in(a, b, last=True)
                return (found[0].name, found[0].leader_id) if found else None
            cur = cur.head
            continue
        break
    # no usable subject: the nearest person earlier in the sentence
    found = doc.speaker_in(sent_start, s + tok.idx, last=True, allow_role=False)
    if found:
        return found[0].name, found[0].leader_id
    return None


def _sentence(doc: Doc, s: int, e: int, sdoc: Any, direct: list[tuple[int, int]]) -> list[Span]:
    text = doc.text
    out: list[Span] = []
    toks = list(sdoc)
    sent_end = s + len(sdoc.text.rstrip())
    # drop the final period from clause ends
    body_end = sent_end
    while body_end > s and text[body_end - 1] in ".!?…":
        body_end -= 1
    taken: list[tuple[int, int]] = []

    def emit(a: int, b: int, who: tuple[str | None, str | None] | None, cue: str,
             also: list[tuple[str | None, str | None]] | None = None) -> None:
        a, b = strip_span(text, a, b, " \t\n\u00a0,;:—–-")
        a = after_dateline(text, a, b)
        while b > a and text[b - 1] in ".":
            b -= 1
        if who is None or who[0] is None or b <= a or word_count(text[a:b]) < 3:
            return
        if re.match(r"(?i)(?:what|how|why|whether|who|whom|where|when|which)\b", text[a:b]):
            return  # "said what he thinks" reports no content
        if _inside_direct(a, direct) or any(x <= a and b - 1 < y for x, y in direct):
            return  # the clause is (part of) a direct quote: the direct extractor has it
        if text[a] in "“‘\"'«„":
            for x, _y in direct:
                if a < x <= a + 1:
                    return
        if any(x <= a < y or a <= x < b for x, y in taken):
            return
        taken.append((a, b))
        typ: QuoteType = "mixed" if _has_quote(text[a:b]) else "indirect"
        if text[a] in "“\"«" and text[b - 1] in "”\"»" and not _has_quote(text[a + 1:b - 1]):
            a, b, typ = a + 1, b - 1, "direct"  # said that "…": the whole clause is quoted
        for one in [who, *(also or [])]:
            if one[0] is not None and (one is who or one[0] != who[0]):
                out.append((a, b, typ, one[0], one[1], cue))

    # according to X, CLAUSE / CLAUSE, according to X / in his words, CLAUSE
    for m in re.finditer(r"\b(?:[Aa]ccording to|[Ii]n the words of)\s+", text[s:e]):
        a = s + m.end()
        comma = text.find(",", a, sent_end)
        nm_end = comma if comma > 0 else body_end
        found = doc.speaker_in(a, nm_end, allow_role=True)
        if not found:
            continue
        who = (found[0].name, found[0].leader_id)
        if m.start() == 0 or text[s:s + m.start()].strip() == "":
            if comma > 0:
                emit(comma + 1, _clause_end(text, comma + 1, body_end), who, "according to")
        else:
            cstart = s
            emit(cstart, s + m.start(), who, "according to")
    for m in re.finditer(r"\b[Ii]n (his|her) (?:words|view|opinion),\s*", text[s:e]):
        sp = doc.nearest_before(s + m.start(), "m" if m.group(1) == "his" else "f")
        if sp:
            a = s + m.end()
            emit(a, _clause_end(text, a, body_end), (sp.name, sp.leader_id), "in his words")
    # As Ryhor Astapenia of Chatham House has argued, CLAUSE
    for m in re.finditer(r"(?:^|,\s+|;\s+)[Aa]s\s+([^,;]{3,90}?)\s+(?:has\s+|had\s+|have\s+)?(?:put\s+it|"
                         r"argued|noted|said|observed|pointed\s+out|written|wrote|claimed|warned|stressed|"
                         r"explained|suggested|insisted|emphasi[sz]ed)\s*,\s*", text[s:e]):
        found = doc.speaker_in(s + m.start(1), s + m.end(1), allow_role=True)
        if found:
            a = s + m.end()
            emit(a, _clause_end(text, a, body_end), (found[0].name, found[0].leader_id), "as ... argued")

    for i, tok in enumerate(toks):
        low = tok.lower_
        # speech nouns that govern a quoted fragment: "concerns about the potential ‘dismemberment’ of ..."
        if low in ("concerns", "concern", "fears", "claims", "warnings", "allegations", "remarks", "comments",
                   "fear", "claim", "warning") and i + 1 < len(toks) and toks[i + 1].lower_ in (
                "about", "over", "of", "that"):
            a = s + toks[i + 1].idx + len(toks[i + 1].text)
            b = _clause_end(text, a, body_end)
            if _has_quote(text[a:b]):
                found = doc.speaker_in(s, s + tok.idx, last=True, allow_role=False)
                if found:
                    emit(a, b, (found[0].name, found[0].leader_id), low)
            continue
        if low not in EN_VERB_FORMS or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
            continue
        lemma = _lemma(tok)
        if lemma not in EN_VERBS and lemma != "make":
            continue
        kids = {c.lower_ for c in tok.children if c.dep_ in ("aux", "neg")}
        if kids & _MODAL or kids & _NEG:
            continue
        if tok.tag_ == "VB" and not kids & {"did", "do", "does"}:
            continue
        vend = s + tok.idx + len(tok.text)
        if lemma == "make":
            mm = re.match(r"\s+it\s+(?:clear|explicit|plain)\s+that\s+", text[vend:e])
            if not mm:
                continue
            mstart = vend + mm.end()
            emit(mstart, _clause_end(text, mstart, body_end), _subject_speaker(doc, s, tok, s), "made it clear")
            continue
        # the clause: "that" within a few words, or a ccomp right after the verb
        cl: int | None = None
        for j in range(i + 1, min(len(toks), i + 1 + _THAT_GAP)):
            t2 = toks[j]
            if t2.lower_ == "that" and t2.dep_ in ("mark", "nsubj", "det", "dobj", "nsubjpass") and (
                t2.dep_ == "mark" or j == i + 1 or toks[j - 1].is_punct or pos(toks[j - 1]) in ("ADV", "NOUN",
                                                                                                "PROPN")):
                cl = s + t2.idx + len(t2.text)
                break
            if t2.is_punct and t2.text in ",;:" and j > i + 1:
                break
            if pos(t2) in ("VERB", "AUX") and t2.tag_ in ("VBD", "VBZ", "VBP"):
                break  # another clause ("said, while Tokayev stressed that")
        if cl is None:
            cc = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
            if cc and cc[0].left_edge.i <= i + 2 and lemma not in ("tell", "ask", "urge", "write"):
                cl = s + cc[0].left_edge.idx
            else:
                # inverted: "CLAUSE, Lukashenko said (at ...)."
                before = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i]
                subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
                if before and subj and lemma in _INVERTED_LEMMAS:
                    comma = text.rfind(",", s, s + subj[0].left_edge.idx)
                    if comma > s:
                        emit(s, comma, _subject_speaker(doc, s, tok, s), tok.text)
                elif lemma in _INVERTED_LEMMAS and not subj and (before or tok.head.i < tok.i):
                    # no subject parsed ("CLAUSE, Minister of Foreign Affairs of Belarus Maxim Ryzhenkov
                    # said": the title hung on the clause): the person right before the verb speaks
                    inv = _inverted_speaker(doc, s, tok, s)
                    comma = text.rfind(",", s, s + tok.idx)
                    if inv is not None and comma > s:
                        emit(s, comma, inv, tok.text)
                continue
        if _inside_direct(cl, direct):
            continue
        end = _clause_end(text, cl, body_end)
        # a run-on reporting verb ('… and said …') or any verb after a closing mark ('"…" and warned')
        for t2 in toks[i + 1:]:
            if s + t2.idx <= cl or s + t2.idx >= end or t2.i < 2:
                continue
            prev = t2.doc[t2.i - 1]
            outer = _outer_cue(t2)
            if prev.lower_ == "and" and t2.tag_ == "VBD" and (
                    (outer is not None and outer.i == tok.i) or t2.doc[t2.i - 2].text in ('"', "”", "’")):
                end = s + prev.idx
                break
        # "said that “...” and warned the West": a verb coordinated with the cue verb ends the clause
        for c in tok.children:
            if c.dep_ == "conj" and c.i > i and pos(c) in ("VERB", "AUX") and s + c.idx > cl and not (
                    s + c.idx < end and any(x.dep_ == "nsubj" for x in c.children)):
                ccs = [x for x in tok.children if x.dep_ in ("cc", "punct") and x.i < c.i and s + x.idx > cl]
                cut = s + (ccs[0].idx if ccs else c.idx)
                end = min(end, cut)
        group = _group_subject(doc, s, tok)
        if group:
            emit(cl, end, group[0], tok.text, group[1:])
            continue
        emit(cl, end, _subject_speaker(doc, s, tok, s), tok.text, _co_speakers(doc, s, tok))
    return out


_GROUP = re.compile(r"(?i)(?:both|the\s+two)(?:\s+(?:leaders|presidents|heads\s+of\s+state|ministers|"
                    r"foreign\s+ministers|politicians|men|women|officials))?|the\s+(?:leaders|presidents|"
                    r"heads\s+of\s+state)")


def _group_subject(doc: Doc, s: int, tok: Any) -> list[tuple[str | None, str | None]]:
    """"Both leaders noted that ...": the people coordinated in the nearest earlier sentence."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return []
    sb = subj[0]
    a, b = s + sb.left_edge.idx, s + sb.right_edge.idx + len(sb.right_edge.text)
    if sb.lower_ == "they" and b - a == 4:
        return [(p.name, p.leader_id) for p in doc.pair_before(a)]
    if not _GROUP.fullmatch(doc.text[a:b]):
        return []
    return [(p.name, p.leader_id) for p in doc.group_before(a)]
