"""The learned English extractor: attributions found by the CRF tagger, speakers resolved through
the document's people (registry, names in the text, NER names, pronouns, titles and roles)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotes.doc import Doc, Person, Speaker, en_key, is_headline
from quotes.indirect_en import NER_WINDOWS
from quotes.learned.tagger import Found, load
from quotes.model import QuoteType
from quotes.packs import get_pack
from quotes.people import _EN_ORG, _EN_STOP, _EN_TITLE_WORDS
from quotes.text import after_dateline, strip_span, word_count

Span = tuple[int, int, QuoteType, str | None, str | None, str | None]
_MARKS = "“”\"‘’'«»„"
_STRIP = " \t\n\u00a0,;:—–-"
_THAT = re.compile(r"that\s+")


@dataclass(frozen=True)
class LearnedQuote:
    span: Span  # (start, end, type, speaker name, registry id, cue), as the rules' extractors give
    score: float  # the tagger's confidence (mean marginal probability over the attribution)
    fragments: int  # content pieces joined: 2+ for a quote split by its attribution
    source: tuple[int, int] | None = None  # the source span the speaker was resolved from


def find_learned_en(doc: Doc, paras: list[tuple[int, int]], skip: set[int],
                    parsed: Sequence[tuple[int, int, Any]] = ()) -> list[LearnedQuote]:
    """Quotes the tagger finds in the paragraphs not in `skip` (transcript turns), each with the
    speaker its source resolves to; quotes with no person are dropped. Content fragments of one
    attribution ("“A,” said X. “B”") are one quote whose offsets run from the first to the last.
    `parsed` holds the sentences the pipeline parsed (offsets, spaCy doc), whose entities are reused."""
    text = doc.text
    keep = [p for i, p in enumerate(paras) if i not in skip and not is_headline(text[p[0]:p[1]])]
    found = load().find(text, keep)
    for f in found:
        signed = _trailing_source(text, f, keep)
        if signed and (f.source is None or f.source[0] < text.rfind("\n", 0, f.start)):
            f.source = signed  # the signature beats a source carried from the paragraph before
        elif f.source is None:
            f.source = _subject_before(doc, f)
    ner = _source_persons(doc, [f.source for f in found if f.source is not None], parsed)
    out: list[LearnedQuote] = []
    for f in found:
        if f.source is not None and _OBJECT.match(text, f.source[0], f.source[1]):
            continue  # "watching him closely to make sure ...": an object is no source
        if f.cue is not None and _INFERENCE.search(text, f.cue[0], f.cue[1]):
            continue  # "..., strongly implying that ...": the writer's reading, not the speaker's words
        if f.cue is not None and f.cue[0] < f.start and _TOPIC_CUE.fullmatch(text, f.cue[0], f.start) and \
                not _THAT.match(text, f.start):
            continue  # "spoke about the situation", "urged the EU to ...": a topic or a request, no quote
        if f.cue is not None and _ACCORDING.match(text, f.cue[0], f.cue[1]) and _SENT_END.search(
                text, f.end, f.cue[0]):
            continue  # "X held a meeting. According to him, ...": "according to" reports its own sentence
        sp = _speaker(doc, f, ner)
        if sp is None or sp.name is None:
            continue
        sp = Speaker(_TRAILING_CUE.sub("", sp.name), sp.leader_id, sp.gender)
        span = _content(text, f.start, f.end)
        if span is None:
            continue
        s, e, typ = span
        cue = text[f.cue[0]:f.cue[1]] if f.cue else None
        out.append(LearnedQuote((s, e, typ, sp.name, sp.leader_id, cue), f.score, len(f.content), f.source))
    return out


# the dash that signs a quotation with its author's name: "“...” ― Steve Quinlan."
_SIGNED = re.compile(r"[”\"’.,]*[ \u00a0]*[―—–-][ \u00a0]*((?:[A-Z][\w’'.-]*[ \u00a0]+){0,3}[A-Z][\w’'-]+)\.?[ \u00a0]*$")
_ACCORDING = re.compile(r"(?i)according\b")
_SENT_END = re.compile(r"[.!?][”\"’]?\s")
# the cue and all that stands between it and the content, when that is a topic cue (pack's topic_cues)
# (an adverb the tagger takes into the cue may stand before it: "also spoke about")
_TOPIC_CUE = re.compile(r"(?:(?:also|then|again|later|further|briefly|[a-z]+ly)\s+)*(?:" + "|".join(
    r"\s+".join(map(re.escape, p.split())) for p in sorted(get_pack("en").words("topic_cues"), key=len, reverse=True))
    + r")[\s,]*", re.IGNORECASE)
_INFERENCE = re.compile(r"\bimpl(?:y|ies|ied|ying)\b", re.IGNORECASE)
# a headline's verb caught in a capitalised name ("Lindsey Graham Says")
_TRAILING_CUE = re.compile(r"[ \u00a0]+(?:Says|Said|Tells|Told|Warns|Calls|Slams|Goes)$")
# an object pronoun opening the source; "her" only alone, since "her colleague, X" is a possessive
_OBJECT = re.compile(r"(?:him|them|me|us)\b|her\W*$", re.IGNORECASE)


def _trailing_source(text: str, f: Found, paras: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The name that signs a quotation at the end of its paragraph ("“...” ― Steve Quinlan"), which
    the tagger leaves without a source."""
    for ps, pe in paras:
        if ps <= f.end <= pe:
            m = _SIGNED.match(text, f.end, pe)
            return (m.start(1), m.end(1)) if m else None
    return None


def _subject_before(doc: Doc, f: Found) -> tuple[int, int] | None:
    """For a quotation with a cue but no source ("Mr. Trump ..., asserting, ''Of course ...''"): the
    first person named in the same sentence before the cue, the subject in news prose."""
    if f.cue is None or not doc._sent_starts:
        return None
    sent = doc._sent_starts[max(0, doc.sent_of(f.cue[0]))]
    for p in doc.persons:
        if sent <= p.start and p.end <= min(f.cue[0], f.start) and not p.quoted and not p.title:
            return p.start, p.end
    return None


# NER reads a source with a couple of words either side: on PolNeAR dev, 12/8 characters tell people
# from places as well as 60/40 did (same scores) at half the NER time
_NER_BEFORE, _NER_AFTER = 12, 8
_NOT_PERSON = {"ORG", "GPE", "FAC", "LOC", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
_CAP = re.compile(r"\b[A-Z][a-z]")


def _source_persons(doc: Doc, sources: list[tuple[int, int]], parsed: Sequence[tuple[int, int, Any]] = ()
                    ) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """PERSON entities (spaCy NER) inside each source span that holds a capitalised word that is no
    registry name: the names the rules' capitalised runs get wrong ("Fort Pierce", "Loyola Law
    School") are told apart from people. Sentences the pipeline parsed and ran NER on (`parsed`,
    spaCy docs with their entities) are read as they are; NER runs on the other sources' phrases.
    Entities NER calls no person are listed under the key (-1, -1)."""
    text = doc.text
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    todo: list[tuple[int, int]] = []
    windows: list[tuple[int, int]] = []
    done: list[tuple[int, int, int, Any]] = []  # (source start, source end, window start, spaCy doc)
    starts = [p[0] for p in parsed]
    for a, b in sources:
        i = bisect.bisect_right(starts, a) - 1
        if i >= 0 and a < parsed[i][1]:
            # a parsed sentence: NER ran around the names in it unknown to the document
            for ws, wdoc in parsed[i][2].user_data.get(NER_WINDOWS, ()):
                if ws < b and a < ws + len(wdoc.text):
                    done.append((a, b, ws, wdoc))
            continue
        if not any(not _known(doc, m.start()) for m in _CAP.finditer(text, a, b)):
            continue
        ws = max(0, a - _NER_BEFORE)
        sp = text.find(" ", ws, a)
        ws = sp + 1 if ws > 0 and sp >= 0 else ws
        todo.append((a, b))
        windows.append((ws, min(len(text), b + _NER_AFTER)))
    if todo:
        from quotes.nlp import english

        nlp = english()
        if "ner" in nlp.component_names:
            ner = nlp.get_pipe("ner")
            for (a, b), (ws, _we), sdoc in zip(todo, windows, ner.pipe(nlp.make_doc(text[x:y]) for x, y in windows),
                                               strict=True):
                done.append((a, b, ws, sdoc))
    for a, b, ws, sdoc in done:
        people = []
        for ent in sdoc.ents:
            s, e = ws + ent.start_char, ws + ent.end_char
            if ent.label_ in _NOT_PERSON and s < b and a < e:
                out.setdefault((-1, -1), []).append((s, e))
            if ent.label_ == "PERSON" and a <= s and e <= b:
                s, e = strip_span(text, s, e, " ’'")
                if re.search(r"[’']s$", text[s:e]):
                    e -= 2
                if e > s and text[s].isupper():
                    people.append((s, e))
        out.setdefault((a, b), []).extend(people)  # a source may span several NER windows
    return out


def _content(text: str, a: int, b: int) -> tuple[int, int, QuoteType] | None:
    a, b = strip_span(text, a, b, _STRIP)
    while b > a and text[b - 1] in ".":
        b -= 1
    if b <= a or word_count(text[a:b]) < 2:
        return None
    inner_a, inner_b = a, b
    if text[a] in _MARKS:
        inner_a = a + 1
    while inner_b > inner_a and text[inner_b - 1] in _MARKS + ".,!?":
        inner_b -= 1
    body = text[inner_a:inner_b]
    if text[a] in _MARKS and not re.search(r"[“”\"«»]", body):
        s, e = strip_span(text, inner_a, inner_b, _STRIP)
        if text[e:e + 1] in "?!":
            e += 1
        return (s, e, "direct") if e > s else None
    a = after_dateline(text, a, b)
    m = _THAT.match(text, a, b)
    if m and word_count(text[m.end():b]) >= 2:
        a = m.end()  # the reported clause, without its complementiser (PolNeAR's content has it)
    typ: QuoteType = "mixed" if re.search(r"[“”\"«»]", text[a:b]) else "indirect"
    return a, b, typ


def _known(doc: Doc, pos: int) -> bool:
    """Is the word at `pos` part of a registry name or a title?"""
    return any(p.start <= pos < p.end and (p.leader_id or p.title) for p in doc.persons)


_RELATIVE = {"who", "whom", "which", "that"}


def _speaker(doc: Doc, f: Found, ner: dict[tuple[int, int], list[tuple[int, int]]]) -> Speaker | None:
    """The person a source span names: the longest name in it (as the gold takes the longest
    PERSON entity: "Trump campaign spokesman Jason Miller" is Miller), else a title, pronoun or
    role noun resolved by the document; "who" is the person the relative clause hangs on."""
    if f.source is None:
        return None
    a, b = f.source
    text = doc.text
    if text[a:b].lower() in _RELATIVE:
        sent = doc._sent_starts[max(0, doc.sent_of(a))] if doc._sent_starts else 0
        before = [p for p in doc.persons if sent <= p.start and p.end <= a and not p.quoted]
        if before and a - before[-1].end <= 40:
            p = before[-1]
            return Speaker(p.name, p.leader_id, p.gender)
        return None
    people: list[tuple[int, int, Speaker]] = []
    if f.source in ner:
        for span in ner[f.source]:
            cleaned = _ner_name(text, *span)
            if cleaned is None:
                continue
            s, e = cleaned
            known = [p for p in doc.persons if (p.start <= s < p.end or s <= p.start < e) and not p.title]
            if known:
                people.append((s, e, Speaker(known[0].name, known[0].leader_id, known[0].gender)))
                continue
            words = text[s:e].split()
            full = doc.full_names.get(en_key(words[-1]))
            people.append((s, e, Speaker(full if full and len(words) == 1 else " ".join(words), None)))
    other = ner.get((-1, -1), [])

    def vetoed(p: Person) -> bool:  # a capitalised run that NER calls an organisation or a place,
        # or that ends in an organisation's word ("Morning Consult", "Information Act")
        if p.leader_id:
            return False
        words = text[p.start:p.end].split()  # empty for a speaker marker of no width
        return bool(words) and words[-1] in _ORG_WORDS or any(s <= p.start and p.end <= e for s, e in other)

    for p in doc.persons:
        if a <= p.start and p.end <= b and not p.quoted and not p.title and not vetoed(p):
            if not any(x[0] <= p.start < x[1] for x in people):
                people.append((p.start, p.end, Speaker(p.name, p.leader_id, p.gender)))
    if people:
        return max(people, key=lambda x: (x[1] - x[0], x[0]))[2]
    cands = doc.candidates(a, b, allow_role=True)
    for pos, sp in cands:
        if not any(p.start == pos and vetoed(p) for p in doc.persons):
            return sp
    return _bare_name(doc, a, b, other)


_INITIAL_AFTER = re.compile(r"\.[ \u00a0]+[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)*")


def _ner_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """A PERSON entity cut to the name: NER takes a sentence opener or a party label into it
    ("Neither Donald J", "Presumptive Democratic", "Republican Donald J") and stops at a middle
    initial's full stop. Leading stop words and titles go (the pack's lexicons), a cut initial takes
    its surname back ("Donald J. Trump"), and an entity ending in an organisation's word ("... for
    International Studies") or left with nothing is no person."""
    words = list(re.finditer(r"\S+", text[s:e]))
    while words and (words[0].group() in _EN_STOP or words[0].group() in _EN_TITLE_WORDS) and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    s2 = s + words[0].start()
    if re.fullmatch(r"[A-Z]", words[-1].group()):
        m = _INITIAL_AFTER.match(text, e)
        if m:
            e = m.end()
    last = re.sub(r"[’']s$", "", text[s2:e].split()[-1])
    if last in _ORG_WORDS or last in _EN_ORG or last in _EN_STOP or last in _EN_TITLE_WORDS:
        return None
    return s2, e


_HONORIFIC = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.?|Senator|Governor)[ \u00a0]+")
_NAME = re.compile(r"[A-Z][a-z]*(?:[’'-][A-Z]?[a-z]+)*(?:[ \u00a0]+[A-Z][a-z]*(?:[’'-][A-Z]?[a-z]+)*){0,2}")
_NOT_NAME = {"The", "This", "That", "These", "Those", "It", "They", "He", "She", "We", "I", "But", "And", "A", "An",
             "In", "On", "At", "As", "If", "When", "While", "Some", "Many", "Most", "Other", "Others", "Officials",
             "Democrats", "Republicans", "Critics", "Experts", "Analysts", "Supporters", "Aides", "Sources"}


def _bare_name(doc: Doc, a: int, b: int, other: list[tuple[int, int]]) -> Speaker | None:
    """A source that is nothing but a capitalised name the name finder did not know ("Kamarck
    noted that ...", "Mr. Fowler argued"): the name, completed from the document when it was given
    in full earlier. A lone word counts only after an honorific or when the text also gives it
    after a first name ("Elaine Kamarck"), so that "Very", "Baltic" or "Belarus" are not people. A
    person the name finder knows in full ("Don Fowler") outweighs NER, which often takes a
    sentence's first surname for a place or an organisation; otherwise names NER calls an
    organisation or a place, and possessives, are not people."""
    text = doc.text
    m = _HONORIFIC.match(text, a)
    s = m.end() if m else a
    if _NAME.fullmatch(text, s, b) is None:
        return None
    words = text[s:b].split()
    if words[0] in _NOT_NAME or words[-1] in _ORG_WORDS:
        return None
    vetoed = any(x <= s and b <= y for x, y in other)
    if len(words) > 1:
        return None if vetoed else Speaker(" ".join(words), None)
    full = doc.full_names.get(en_key(words[0]))
    if full and len(full.split()) > 1:
        return Speaker(full, None)
    given = re.search(r"\b[A-Z][a-z]+(?:[ \u00a0][A-Z]\.)?[ \u00a0]" + re.escape(words[0]) + r"\b", text)
    if given and given.group().split()[0] not in _NOT_NAME and not vetoed:
        return Speaker(given.group(), None)
    return Speaker(words[0], None) if m and not vetoed else None


_ORG_WORDS = {"Ministry", "Office", "Department", "Committee", "House", "Party", "Council", "Agency", "News",
              "Times", "Post", "Campaign", "Foundation", "Institute", "Center", "Centre", "Service", "Union",
              "Act", "Consult", "Veterans", "Democrat", "Democrats", "Republican", "Republicans", "Association",
              "Caucus", "Convention", "Court", "Group", "Bank", "Fund", "Project", "Network", "Institution"}
