"""Russian name finding: first name + surname pairs (pymorphy3), a Latin spelling in brackets, and
surnames alone in a speaker's slot ("заявил Патрушев", "Премьер Словакии Фицо")."""
from __future__ import annotations

import re
from functools import lru_cache

from quotes.cues import WORD_RE, ru_is_verb_cue, ru_name_parse, ru_surname_nom
from quotes.label_tail import tail_holds_verb, tail_pattern, tail_start
from quotes.packs import get_pack
from quotes.people import (
    RU_ROLE_ENDING,
    RU_ROLE_STEMS,
    Mentions,
    _gender_of_name,
    _last,
    _vocative,
    ru_key,
    ru_role_only,
    ru_verb_gender,
)
from quotes.text import line_head, line_label, strip_span, wholly_quoted

# a role and up to six genitive words before a surname: "Премьер Словакии | Фицо", "директор НИЦ
# эпидемиологии и микробиологии имени Гамалеи | Гинцбург", "самарский губернатор | Федорищев"
_RU_ROLE_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?:" + RU_ROLE_STEMS + ")" + RU_ROLE_ENDING +
    r"(?:[ \u00a0]+(?!(?:заявил|сказал|сообщил|отметил)\b)[\w«»\"-]+){0,6}?[ \u00a0]+$")


_SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|енко|ук|юк|швили|дзе|ян)$")
_RU_NOT_NAMES = set(get_pack("ru").words("not_names"))
_RU_OCCASION = re.compile(r"[ \u00a0]+(?:в|во|на)[ \u00a0]+")


def _occasion_verb(text: str, end: int) -> re.Match[str] | None:
    """After a surname, an occasion and then a reporting verb ("Косачёв на заседании Совета Федерации
    подчеркнул", "Володин на пленарном заседании заявил"): the verb (group 1), at most six words on, with
    no punctuation before it."""
    m = _RU_OCCASION.match(text, end, end + 8)
    if m is None:
        return None
    for k, w in enumerate(re.finditer(r"[^ \u00a0\n]+", text[m.end():m.end() + 120])):
        word = re.match(r"[\w«»\"-]+", w.group())
        if k > 6 or word is None:
            return None
        if k and ru_is_verb_cue(word.group()):
            return re.match(r"([а-яё-]+)", word.group())
        if word.end() != len(w.group()):
            return None  # a comma or a full stop: the occasion has ended without a verb
    return None


_RU_TAILS = tail_pattern(get_pack("ru"))


def _ru_role_only(prefix: str, _at: int) -> bool:
    return ru_role_only(prefix)


@lru_cache(maxsize=50_000)
def _ru_name_like(word: str) -> bool:
    """Does pymorphy3 read the word as a person's name (a surname or first name), or not know it at
    all, rather than as a place, an organisation or a known common word?"""
    from quotes.cues import _morph

    parses = _morph().parse(word.lower())[:4]
    if not parses:
        return False
    best = parses[0]
    # a place or body the dictionary knows; a guess from the ending alone ("Исиба" read as an
    # organisation's genitive like "Ниссана") says nothing about a foreign surname
    if best.is_known and any(t in best.tag for t in ("Geox", "Orgn", "Abbr", "Trad")):
        return False
    if any("Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag for p in parses):
        return True
    return not best.is_known or best.tag.POS is None  # "Фицо", "Боррель": foreign surnames it guesses at


@lru_cache(maxsize=50_000)
def _ru_verb_first(word: str) -> bool:
    from quotes.cues import _morph

    return "VERB" in _morph().parse(word.lower())[0].tag


@lru_cache(maxsize=50_000)
def _ru_not_place(word: str) -> bool:
    """A capitalised word that pymorphy3 does not read as a place, body or abbreviation."""
    from quotes.cues import _morph

    parses = _morph().parse(word.lower())[:3]
    return "ADJF" not in parses[0].tag and not any(t in p.tag for p in parses for t in ("Geox", "Orgn", "Abbr"))


@lru_cache(maxsize=50_000)
def _ru_noun(word: str) -> bool:
    from quotes.cues import _morph

    return "NOUN" in _morph().parse(word.lower())[0].tag


@lru_cache(maxsize=50_000)
def _ru_past_or_present(word: str) -> bool:
    from quotes.cues import _morph

    return any("VERB" in p.tag and "INFN" not in p.tag for p in _morph().parse(word.lower())[:3])


@lru_cache(maxsize=50_000)
def _ru_past_verb(word: str) -> bool:
    from quotes.cues import _morph

    return any("VERB" in p.tag and "past" in p.tag for p in _morph().parse(word.lower())[:2])


@lru_cache(maxsize=50_000)
def _ru_known_surname(word: str) -> bool:
    """pymorphy3 reads the word as a surname in the nominative (its dictionary of surnames)."""
    from quotes.cues import _morph

    return any("Surn" in p.tag and "nomn" in p.tag for p in _morph().parse(word.lower())[:6])


@lru_cache(maxsize=50_000)
def _ru_surname_gender(word: str) -> str | None:
    from quotes.cues import _morph

    for p in _morph().parse(word.lower())[:3]:
        if "Surn" in p.tag:
            return "f" if "femn" in p.tag else "m"
    return None


class RussianNames(Mentions):
    def _find_ru_names(self) -> None:
        text = self.text
        toks = [m for m in WORD_RE.finditer(text) if m.group()[0].isupper()]
        i = 0
        while i < len(toks) - 1:
            a, b = toks[i], toks[i + 1]
            gap = text[a.end():b.start()]
            # up to three spaces: Telegram's bold markers around a surname are blanked ("Олаф **Шольц**")
            if self._taken(a.start(), b.end()) or not re.fullmatch(r"[ \u00a0]{1,3}", gap):
                i += 1
                continue
            latin = re.match(r"\s*\(([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\)", text[b.end():b.end() + 60])
            nm = ru_name_parse(a.group())
            if not latin and (nm is None or not re.match(r"[А-ЯЁ]", b.group()) or ru_name_parse(b.group())):
                i += 1
                continue
            if _vocative(text, a.start(), b.end(), b.group()):
                i += 2
                continue
            if latin:
                display = latin.group(1)
            else:
                first, case = nm if nm else (a.group(), None)
                display = f"{first} {ru_surname_nom(b.group(), case)}"
            # the verb the person is the subject of is surer than a foreign first name's guessed gender
            # ("сообщила ... Джихан Мухаммад")
            gender = ru_verb_gender(text, a.start(), b.end()) or (_gender_of_name(a.group()) if nm else None)
            self._add_person(a.start(), b.end(), display, ru_key(b.group()), gender)
            i += 2
        self._surnames_alone(toks, ru_key)
        # the best (Latin) display per surname everywhere
        for p in self.persons:
            if p.leader_id is None and p.name:
                k = ru_key(_last(p.name))
                for key, disp in self.full_names.items():
                    if key == k and disp != p.name and re.search(r"[A-Za-z]", disp):
                        p.name = disp

    def add_single_surnames(self) -> None:
        """Russian: surnames alone in a speaker's slot (after NER has had its say on full names)."""
        if self.lang != "ru":
            return
        toks = [m for m in WORD_RE.finditer(self.text) if m.group()[0].isupper()]
        before = len(self.persons)
        self._ru_single_surnames(toks)
        if len(self.persons) != before:
            self._surnames_alone(toks, ru_key)
            self._reindex()

    def _labels_line(self, s: int, e: int) -> bool:
        """Is text[s:e] the whole label of the line it opens ("⚡️Володин: ..."), or its name before a tail
        ("Слуцкий в своём телеграм-канале: ...", "Киселёв в «Вестях недели»: ...")?"""
        text = self.text
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        le = len(text) if le < 0 else le
        if re.match(r"[ \t\u00a0]*:", text[e:e + 4]):
            lab = line_label(text, ls, le)
            return lab is not None and lab[:2] == (s, e)
        head = line_head(text, ls, le)
        if head is None or head[0] != s:
            return False
        # "Слуцкий о ...", "Картаполов, председатель комитета Госдумы по обороне: ..." (quotes.label_tail)
        ts = tail_start(text, e, head[1], _RU_TAILS, _ru_role_only)
        if ts is None:
            if not wholly_quoted(text, *strip_span(text, head[2], le, " \t\u00a0;,")):
                return False  # "Путин в Пекине: переговоры ..." is a heading; "Путин в Пекине: «...»" his words
            ts = e
        return not tail_holds_verb("ru", text, ts, head[1])

    def _ru_single_surnames(self, toks: list[re.Match[str]]) -> None:
        """A surname alone in a speaker's slot is a person (news agencies name most people so):
        right after a reporting verb or "по словам/мнению" ("заявил Патрушев", "по мнению Нехаммера"),
        right before one ("Фицо сообщил", "Лавров ранее заявлял"), or closing a role ("Премьер
        Словакии Фицо", "директор НИЦ ... имени Гамалеи Гинцбург"). The word must read as a name
        to pymorphy3 (a surname or first name, or a word it does not know), not a place or body."""
        text = self.text
        for k, m in enumerate(toks):
            w = m.group()
            if self._taken(m.start(), m.end()) or len(w) < 3:
                continue
            if w.isupper():
                # "МУРАВЕЙКО: Мы фиксируем ...": a transcript turn's label, in capitals
                cap = w.capitalize()
                if (len(w) >= 4 and re.fullmatch(r"[А-ЯЁ]+", w) and cap not in _RU_NOT_NAMES and _ru_not_place(cap)
                        and _ru_name_like(cap) and re.match(r"[ \t\u00a0]*:", text[m.end():m.end() + 4]) and self._labels_line(m.start(), m.end())):
                    self._add_person(m.start(), m.end(), cap, ru_key(cap), _ru_surname_gender(cap))
                continue
            if not re.match(r"[А-ЯЁ][а-яё]", w):
                continue
            if w in _RU_NOT_NAMES or (m.end() < len(text) and text[m.end()] in "»”\""):
                continue  # not a name, or the last word of a name in marks ("«Ансар Алла»")
            # "Рябков" is also the genitive plural of "рябок", "Богомаз" an icon painter: a surname's
            # ending, or the slot right after a reporting verb, is enough for a word that names no place
            name_like = _ru_name_like(w) or bool(_SURNAME_END.search(w))
            nxt = k + 1 < len(toks) and re.fullmatch(r"[ \u00a0]", text[m.end():toks[k + 1].start()])
            if nxt:
                continue  # "Гамалеи Гинцбург": the last word of a capitalised run decides
            before = text[max(0, m.start() - 120):m.start()]
            after = text[m.end():m.end() + 40]
            case = None
            slot = False
            pw = re.search(r"([а-яёА-ЯЁ-]+)[ \u00a0]+(?:(?:РИА[ \u00a0]Новости|ТАСС|журналистам|агентству|"
                           r"изданию|ранее|также|в[ \u00a0]интервью)[ \u00a0]+)?$", before)
            if pw and ru_is_verb_cue(pw.group(1)) and (name_like or (_ru_not_place(w) and re.match(
                    r"[ \u00a0]*(?:[.,;:!?)\n]|$|[ \u00a0]+(?:в|на|по|из|о|об|с|со|во)[ \u00a0])", after))):
                slot = True  # "заявил Патрушев"
            elif self._labels_line(m.start(), m.end()) and _ru_not_place(w) and (
                    _ru_known_surname(w) or (bool(_SURNAME_END.search(w)) and _ru_name_like(w))):
                # "Володин: разговоры в Европе о ...": a surname alone labelling the line it opens (a news
                # flash), written as said: the nominative
                self._add_person(m.start(), m.end(), w, ru_key(w), _ru_surname_gender(w))
                continue
            elif not name_like:
                continue
            elif re.search(r"(?i)по[ \u00a0]+(?:словам|мнению|оценке|данным)[ \u00a0]+$", before):
                slot, case = True, "gent"  # "по мнению Нехаммера"
            else:
                nv = re.match(r"[ \u00a0]+(?:(?:ранее|также|уже|в[ \u00a0]+\w+|журналистам)[ \u00a0]+)?([а-яё-]+)", after)
                if nv and not ru_is_verb_cue(nv.group(1)):
                    # "Косачёв на заседании Совета Федерации подчеркнул": the occasion between name and verb
                    nv = _occasion_verb(text, m.end()) or nv
                if nv and ru_is_verb_cue(nv.group(1)) and _ru_past_or_present(nv.group(1)):
                    slot = True  # "Фицо сообщил"
                elif (nv and _ru_past_verb(nv.group(1)) and _ru_known_surname(w)
                      and re.search(r"(?:^|[.!?…]\s+|\n\s*|(?:^|\s)(?:А|Но|И)[ \u00a0]+)$", before)):
                    # "Москалькова опубликовала список ...": a known surname that opens a sentence as the
                    # subject of a verb is a person, whom a later "Она отметила, что" refers to
                    slot = True
                else:
                    rb = _RU_ROLE_BEFORE.search(before)
                    # "Премьер Словакии Фицо"; not "Президент посетил Шкловский": no verb between
                    # (by the first reading: "иностранных дел" holds no verb "деть")
                    slot = bool(rb) and not any(_ru_verb_first(x) for x in re.findall(r"[а-яё-]+", rb.group()
                                                                                      if rb else "")[1:])
            nn = re.match(r"[ \u00a0]+([а-яё-]+)", after)
            if not slot or (nn and _ru_noun(nn.group(1))):
                continue  # "Шкловский район": an adjective before its noun, no surname
            # "сообщила ... Алибекова": a woman's surname is its own nominative (not "Алибеков"'s genitive)
            fem = bool(re.search(r"(?:ла|лась)[ \u00a0]+(?:\S+[ \u00a0]+){0,8}$", before) or re.match(
                r"[ \u00a0]+\w+(?:ла|лась)(?!\w)", after))
            nom = w if fem and case is None else ru_surname_nom(w, case)
            self._add_person(m.start(), m.end(), nom, ru_key(w), "f" if fem else _ru_surname_gender(w))
