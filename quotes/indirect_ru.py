"""Russian indirect and mixed quotes: "X заявил, что ...", "по словам X, ...", "как заявил X, ..."."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from quotes.cues import RU_INDIRECT, WORD_RE, _morph
from quotes.cues import ru_lemma as ru_lemma_of
from quotes.doc import Doc, Speaker
from quotes.model import QuoteType
from quotes.packs import get_pack
from quotes.people import ru_role_only
from quotes.text import quote_spans, sentences, strip_span, word_count

Span = tuple[int, int, QuoteType, str | None, str | None, str | None]

_PREP = {"с", "со", "у", "к", "ко", "от", "для", "о", "об", "обо", "по", "при", "за", "про", "между", "перед",
         "над", "под", "без", "после", "до", "из", "на", "в", "во", "через"}
_CUE_HINT = re.compile(
    r"(?i)(?<!\w)(?:по\s+(?:словам|мнению|данным|оценке)|[а-яё]+л[аи]?(?:сь|ся)?\s[^.!?:]{0,100}:\s|об\s+этом|такое\s+мнение|такую\s+(?:оценку|позицию|точку)|по\s+(?:его|ее|её)\s"
    r"|как\s+(?:заявил|сказал|отметил|подчеркнул|сообщил|пояснил|добавил|указал)"
    r"|[а-яё]+(?:ил|ил[аи]|ит|ят|ет|ут|ют|ает|яет|ует|ал|ал[аи]|ял|ял[аи]|ел|ел[аи]|нул|нула|нули)(?:ся|сь)?\s*,?\s+(?:[^.!?]{0,60}?,\s*)?что)"
    r"|,\s*(?:[—–]\s*)?[а-яё]+(?:л|ла|ли|ет|ит)\s"
    r"|[а-яё]+(?:л|ла|ли|ет|ит)(?::|\s+[—–])\s"
    r"|(?:уверен|убежден|убеждён|согласен)[аы]?\s*,?\s+что"
)


def _has_quote(text: str) -> bool:
    return bool(re.search(r"[«»“”„\"]", text))


def _direct_quote(text: str) -> bool:
    """Is this clause a direct quote (opening with a quotation mark: the direct extractor's), rather
    than reported speech that holds a quoted word ("отвергает какое-либо "замораживание" ...")?"""
    return bool(re.match(r"\s*[«“„\"]", text)) or (_has_quote(text) and not re.search(r"\w", re.sub(
        r"[«“„\"][^«»“”„\"]*[»”\"]", "", text)))


_PREDICATIVES = get_pack("ru").words("cue_predicatives")


@lru_cache(maxsize=100_000)
def _cue_verb(word: str) -> bool:
    if word.lower() in _PREDICATIVES:
        return True  # "Лавров уверен, что ...": a short adjective reports a view like a verb
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
    named = [p for p in parses if "Name" in p.tag or "Surn" in p.tag]
    if named and w[:1].isupper():
        parses = named  # "Марка Рютте": the first name's cases, not the noun "марка"
    elif w[:1].isupper() and re.search(r"(?:ов|ев|ёв|ин|ын)$", w):
        return True  # a surname the dictionary lacks ("Токаев" is not the genitive of "токай")
    if any(getattr(p.tag, "case", None) == "nomn" for p in parses):
        return True
    if w[:1].isupper() and not any(p.is_known for p in parses) and not _OBLIQUE_END.search(w):
        return True  # a foreign surname the dictionary lacks ("Исиба"): its case is only guessed
    return all(p.tag.POS is None for p in parses)


# endings of a dative, instrumental or prepositional form ("Шольцу", "Шольцем"), which a guessed
# surname in a subject's slot must not have
_OBLIQUE_END = re.compile(r"(?:у|ю|ом|ем|ым|им|ой|ей|ою|ею)$")


def _subject(doc: Doc, s: int, e: int) -> Speaker | None:
    subs = _subjects(doc, s, e)
    return subs[0] if subs else None


def _subjects(doc: Doc, s: int, e: int) -> list[Speaker]:
    """Nominative speakers before the verb: the subject first, then co-speakers ("как и X и Y").
    The comma segment nearest the verb that names someone wins ("..., а Токаев подчеркнул")."""
    cands = [(pos, sp) for pos, sp in doc.candidates(s, e) if _nominative(doc, pos, e)]
    if not cands:
        return []
    cuts = [s] + [m.end() for m in re.finditer(r",\s*(?:(?:а|но|и|однако|тогда как)\s+)?", doc.text[s:e])]
    cuts = [s] + [s + c for c in cuts[1:]]
    for cut in reversed(cuts):
        seg = [(pos, sp) for pos, sp in cands if pos >= cut]
        if seg:
            if not re.match(r"(?i)\s*(?:так\s+же\s+)?как\s+и\b|\s*вместе\s+с", doc.text[cut:e]):
                cands = seg  # else an apposition of co-speakers: "Он, так же как и X и Y, подчеркивает"
            break
    out: list[Speaker] = []
    for _pos, sp in cands:
        if all(o.name != sp.name for o in out):
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
        if pi in skip or _whole_quote(text, ps, pe):
            continue  # a paragraph in quotation marks: its "он заявил, что" is the speaker's own words
        for s, e in sentences(text, ps, pe):
            if inside(s) and inside(e - 1):
                continue
            seg = text[s:e]
            named = _naming(doc, s, e, inside)
            if named is not None:
                if not any(_restates(text, named[0], named[1], d[0], d[1]) for d in direct):
                    emit(*named)  # else a headline over the story that quotes the same words: the story's is the record
                continue
            if not _CUE_HINT.search(seg):
                continue
            body_end = e
            # Об этом заявил X: the previous sentence is what X said
            m = _OB_ETOM.match(seg)
            verb = None
            if m:
                for w in list(WORD_RE.finditer(text, s + m.end(), e))[:8]:
                    if _cue_verb(w.group()):
                        verb = w
                        break
            if m and verb is not None:
                subs = _subjects(doc, verb.end(), e)
                prev = _prev_sentence(text, paras, pi, s)
                if subs and prev and not inside(prev[0]):
                    emit(prev[0], prev[1], subs[0], verb.group(), subs[1:])
                continue
            # X сравнила инфляцию с пульсом: CONTENT (the content after the colon, without marks)
            m = next((c for c in re.finditer(r":\s+(?=[^\s«“„\"])", seg) if not _in_marks(seg, c.start())), None)
            if m and word_count(seg[m.end():]) >= 3:
                first = doc.speaker_in(s, s + m.start())
                verb = next((w for w in list(WORD_RE.finditer(text, first[1], s + m.start()))[:4]
                             if _cue_verb(w.group())), None) if first and ru_role_only(text[s:first[1]]) else None
                if first and verb is not None:
                    emit(s + m.end(), _end(text, s + m.end(), body_end), first[0], verb.group())
                    continue
            # [Во вторник] он рассказал: CONTENT / он рассказал – CONTENT: the reporting verb right before
            # a colon or a spaced dash, its subject anywhere before it (after an adverbial of time or place)
            m = next((c for c in _VERB_SEP.finditer(seg) if _cue_verb(c.group(1)) and not _in_marks(seg, c.start())
                      and not inside(s + c.start())), None)
            if m and word_count(seg[m.end():]) >= 3:
                subs = _subjects(doc, s, s + m.start(1))
                if subs:
                    emit(s + m.end(), _end(text, s + m.end(), body_end), subs[0], m.group(1), subs[1:])
                    continue
            # CLAUSE, по ее словам, CLAUSE: the pronoun's speaker said the whole sentence
            m = re.search(r"(?i),\s*по\s+(его|ее|её)\s+(?:словам|мнению|убеждению)\s*,", seg)
            if m and m.start() > 0:
                sp = doc.nearest_before(s, "m" if m.group(1).lower() == "его" else "f")
                if sp:
                    emit(s, _end(text, s, body_end), sp, "по словам")
                continue
            # по его словам / по её мнению, CLAUSE
            m = re.match(r"(?i)\s*по\s+(его|ее|её)\s+(?:словам|мнению|данным|оценке|убеждению)\s*,\s*", seg)
            if m:
                sp = doc.nearest_before(s, "m" if m.group(1).lower() == "его" else "f")
                if sp:
                    a = s + m.end()
                    emit(a, _end(text, a, body_end), sp, "по словам")
                continue
            # по словам X, CLAUSE
            m = re.search(r"(?i)(?<!\w)по\s+(?:словам|мнению|данным|оценке)\s+", seg)
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
            # CLAUSE, заявил X (на ...).
            # the comma + verb that is a reporting verb ("..., выйдет через пару дней, сообщила Захарова")
            m = next((x for x in _INVERTED.finditer(seg) if _cue_verb(x.group(1))), None)
            if m and not _direct_quote(seg[:m.start()]) and not inside(s):
                subs = _subjects(doc, s + m.end(1), e)
                # "Особое внимание, отметил Лукашенко, новый министр должен ...": the attribution is a
                # parenthesis inside the reported sentence, whose words go on after the speaker
                par = _parenthesis_end(doc, s + m.end(1), e)
                if subs and par is not None and word_count(text[par:e]) >= 1:
                    emit(s, e, subs[0], m.group(1), subs[1:])
                    continue
                if subs and word_count(seg[:m.start()]) >= 3:
                    emit(s, s + m.start(), subs[0], m.group(1), subs[1:])
                    continue
            # X заявил(, ...), что CLAUSE  (several in one sentence: "Путин отметил, что A, а Лукашенко — что B")
            verbs = []
            for w in WORD_RE.finditer(text, s, e):
                if inside(w.start()) or not _cue_verb(w.group()):
                    continue
                after = re.match(r"\s*(?:[^.!?«»]{0,60}?)?,\s*что(?:\s+|,\s*)", text[w.end():e])
                if after and any(_cue_verb(v.group()) for v in WORD_RE.finditer(text, w.end(), w.end() + after.start(0)
                                                                                 + after.group().rfind(","))):
                    after = None  # "сказал Лукашенко, а Токаев подчеркнул, что": the nearer verb owns the clause
                # (a capitalised one is a name: "рассказал РИА Новости, что" tells the agency)
                if after and any(v.group()[:1].islower() and ru_lemma_of(v.group()) in _CONTENT_NOUNS
                                 for v in WORD_RE.finditer(text, w.end(), w.end() + after.group().rfind(","))):
                    after = None  # "прокомментировал сообщения СМИ, что ...": the clause is what the reports say
                if after and re.search(r"(?i)виновн\w*\s+в\s+том", text[w.end():w.end() + after.end()]):
                    after = None  # "присяжные признали его виновным в том, что ...": a verdict, not speech
                if after:
                    verbs.append((w, w.end() + after.end(), after))
            seg_start = s
            for k, (w, a, after) in enumerate(verbs):
                end = _end(text, a, body_end)
                if k + 1 < len(verbs):
                    nxt = verbs[k + 1][0].start()
                    cut = text.rfind(",", a, nxt)
                    if cut > a:
                        end = min(end, cut)
                subs = _subjects(doc, seg_start, w.start())
                if not subs:
                    # inverted: "заявил Лукашенко, что"
                    subs = _subjects(doc, w.end(), w.end() + after.start() + len(after.group()))
                if subs:
                    emit(a, end, subs[0], w.group(), subs[1:])
                seg_start = end
    return out


_NAMING = get_pack("ru").words("naming_verbs")


@lru_cache(maxsize=100_000)
def _naming_verb(word: str) -> bool:
    p = _morph().parse(word.lower())[0]
    return str(p.normal_form) in _NAMING and "VERB" in p.tag


def _naming(doc: Doc, s: int, e: int, inside: Callable[[int], bool]) -> tuple[int, int, Speaker, str] | None:
    """"[Глава МИД России] Сергей Лавров назвал заявления Варшавы «истерикой, ...»": the sentence's subject, a
    person (after nothing but a role), names the thing in their words; the object and the words in quotation
    marks after the verb are that person's (a mixed quote), when no reporting verb in the sentence says more. A
    naming verb of packs/ru/naming_verbs.txt."""
    text = doc.text
    lead = re.match(r"[^\w«“„\"]*", text[s:e])
    a = s + (lead.end() if lead else 0)
    for w in list(WORD_RE.finditer(text, a, e))[:12]:
        if inside(w.start()) or not _naming_verb(w.group()):
            continue
        if any(_cue_verb(v.group()) for v in WORD_RE.finditer(text, a, e) if not _in_marks(text[a:e], v.start() - a)):
            return None  # "назвал санкции «войной» и заявил, что ...": the reporting verb's clause is the statement
        found = doc.speaker_span(a, w.start(), last=True, allow_role=False)
        if found is None or text[found[2]:w.start()].strip() or not ru_role_only(text[a:found[1]]) or \
                not _nominative(doc, found[1], w.start()):
            return None
        for q in quote_spans(text, w.end(), e):
            if q.depth != 0 or q.close is None:
                continue
            obj = word_count(text[w.end():q.open])
            rest = text[q.close + 1:e].lstrip()
            if rest and rest[0] not in ".,;:!?…)—–-":
                return None  # the marks sit inside the object ("назвал заявления о "превентивных ударах" попыткой ..."): others' words
            if 1 <= obj <= 25 and word_count(text[q.cs:q.ce]) >= 1 and not inside(q.cs):
                return w.end(), q.close + 1, found[0], w.group()
            return None
        return None
    return None


def _restates(text: str, a: int, b: int, qa: int, qb: int) -> bool:
    """Does the quote text[qa:qb] hold most of the words in marks of text[a:b] ("назвала решение «очередной
    провокацией»" over "«Это очередная провокация, ...», — заявила Захарова")?"""
    marked = " ".join(text[q.cs:q.ce] for q in quote_spans(text, a, b) if q.depth == 0)
    words = {w.lower()[:5] for w in WORD_RE.findall(marked) if len(w) >= 4}
    return bool(words) and len(words & {w.lower()[:5] for w in WORD_RE.findall(text[qa:qb]) if len(w) >= 4}) >= 0.5 * len(words)


# "Об этом заявил X" / "Такое мнение выразил X" / "Такую оценку дал X": the sentence before is X's
_OB_ETOM = re.compile(r"(?i)\s*(?:об\s+этом|такое\s+мнение|такую\s+(?:оценку|позицию|точку\s+зрения))\s+")
# a word (a reporting verb, checked apart) followed by a colon or a spaced dash and the content
_VERB_SEP = re.compile(r"(?i)(?<![\w-])([а-яё]+)(?::\s+|\s+[—–]\s+)(?=[^\s«“„\"])")
# nouns whose "что"-clause is their own content, not the verb's: "прокомментировал сообщения, что ..."
_CONTENT_NOUNS = set(get_pack("ru").words("content_nouns"))
_INVERTED = re.compile(
    r",\s*(?:[—–]\s*)?([а-яё]+(?:л|ла|ли|ет|ит))\s+(?=[^.!?]{0,80}?[А-ЯЁ]|(?:[а-яё]+(?:ий|ый|ой|ая)\s+)?"
    r"(?:премьер|президент|министр|глава|лидер|пресс-секретар|генсек|посол|канцлер|дипломат|спикер|"
    r"председател|представител|политик)|(?:он|она)(?![а-яё]))"
)


def _in_marks(seg: str, pos: int) -> bool:
    """Is `pos` inside quotation marks ("Путин написал статью "Россия – Казахстан: союз ..."")?"""
    head = seg[:pos]
    return head.count("«") > head.count("»") or head.count('"') % 2 == 1 or head.count("“") > head.count("”")


def _whole_quote(text: str, ps: int, pe: int) -> bool:
    """Is the paragraph one quotation ("«Фридрих Мерц хочет ... Он заявил, что ...»"), after any emoji
    or bullet, closed at its end or not at all?"""
    a = ps
    while a < pe and not (text[a].isalnum() or text[a] in "«“„\"—–-"):
        a += 1
    if a >= pe or text[a] not in "«“„\"":
        return False
    spans = [q for q in quote_spans(text, a, pe) if q.depth == 0]
    if not spans or spans[0].open != a:
        return False
    q = spans[0]
    return q.close is None or not re.search(r"\w", text[q.close + 1:pe])


def _parenthesis_end(doc: Doc, a: int, e: int) -> int | None:
    """Where a parenthetical attribution ends ("..., отметил Лукашенко, | новый министр ..."): the comma
    right after the speaker's name, when only the name (and a role) stands between the verb and it."""
    text = doc.text
    comma = text.find(",", a, e)
    if comma < 0 or comma - a > 80 or re.search(r"(?i)(?<!\w)(?:на|в|во|по|при|после|журналистам|изданию)\s", text[a:comma]):
        return None
    if not doc.speaker_in(a, comma):
        return None
    nxt = re.match(r"\s*([а-яё]+)", text[comma + 1:e])
    if nxt and (_gerund(nxt.group(1)) or _past_verb(nxt.group(1))):
        return None  # "..., сообщил X, назвав ...": the reporter's sentence goes on, not the speaker's
    return comma + 1


def _prev_sentence(text: str, paras: list[tuple[int, int]], pi: int, s: int) -> tuple[int, int] | None:
    """The sentence before the one at `s` (in the same paragraph, else the previous paragraph's last)."""
    ps, pe = paras[pi]
    sents = [x for x in sentences(text, ps, pe) if x[1] <= s]
    if not sents and pi > 0:
        sents = sentences(text, *paras[pi - 1])
    if not sents:
        return None
    a, b = sents[-1]
    if text[a] in "«“\"„—–":
        return None  # a direct quote: the direct extractor has it
    return a, b


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
    end = a + m.start() if m else e
    # "..., назвав подобные утверждения «чепухой»": a gerund phrase is the reporter's, not the clause
    for m3 in re.finditer(r",\s+([а-яё]+)(?=\s)", text[a:end]):
        if _gerund(m3.group(1)):
            end = a + m3.start()
            break
    # "заявил, что «...», и предупредил Запад": a coordinated past-tense predicate ends the clause
    for m2 in re.finditer(r"[»”\"]?,\s+(?:и|а|но)\s+([а-яё]+)", text[a:end]):
        if _past_verb(m2.group(1)):
            return a + m2.start() + (1 if text[a + m2.start()] in "»”\"" else 0)
    return end


@lru_cache(maxsize=100_000)
def _past_verb(word: str) -> bool:
    p = _morph().parse(word)[0]
    return "VERB" in p.tag and "past" in p.tag


@lru_cache(maxsize=100_000)
def _gerund(word: str) -> bool:
    p = _morph().parse(word)[0]
    return "GRND" in p.tag
