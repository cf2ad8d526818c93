"""What a quote carries that another quote can share, in one language or across two (pure).

- `lemmas`: content words (stop words dropped), for same-language similarity;
- `keys`: what survives translation: concepts of a small bilingual lexicon ("граница" and
  "border" are `c:border`), names by a transliterated consonant skeleton ("Зеленского" and
  "Zelensky's" are `n:zlnsk`), numbers (`#2024`) and dates (`d:12-06`).
The lexicon is deliberately small: the places, actors, weapons and verbs of this rhetoric.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from narratives.lemmas import Token, lemma, normalise, tokens

# concept -> (English words, Russian words); matched by stem / lemma like frame terms
LEXICON: dict[str, tuple[str, str]] = {
    "nato": ("NATO alliance", "НАТО альянс натовский"),
    "west": ("West Western", "Запад западный"),
    "usa": ("America American Americans Washington US USA", "США Америка американский американец Вашингтон"),
    "europe": ("Europe European Europeans EU Brussels", "Европа европейский европеец ЕС Евросоюз Брюссель"),
    "russia": ("Russia Russian Russians Moscow Kremlin", "Россия российский русский Москва Кремль"),
    "belarus": ("Belarus Belarusian Belarusians Minsk", "Беларусь Белоруссия белорусский белорус Минск"),
    "ukraine": ("Ukraine Ukrainian Ukrainians Kyiv Kiev", "Украина украинский украинец Киев киевский"),
    "poland": ("Poland Polish Poles Warsaw", "Польша польский поляк Варшава"),
    "lithuania": ("Lithuania Lithuanian Vilnius", "Литва литовский Вильнюс"),
    "latvia": ("Latvia Latvian Riga", "Латвия латвийский Рига"),
    "baltic": ("Baltic Baltics", "Прибалтика прибалтийский балтийский"),
    "germany": ("Germany German Berlin", "Германия немецкий Берлин"),
    "uk": ("Britain British London", "Британия британский Лондон Великобритания"),
    "france": ("France French Paris", "Франция французский Париж"),
    "donbas": ("Donbas Donbass Donetsk Luhansk Lugansk", "Донбасс донбасский Донецк Луганск ДНР ЛНР"),
    "crimea": ("Crimea", "Крым крымский"),
    "georgia": ("Georgia Georgian Tbilisi", "Грузия грузинский Тбилиси"),
    "union_state": ("Union", "Союзный"),
    "csto": ("CSTO", "ОДКБ"),
    "oreshnik": ("Oreshnik", "Орешник"),
    "atacms": ("ATACMS", "ATACMS атакмс"),
    "iskander": ("Iskander", "Искандер"),
    "nuclear": ("nuclear atomic", "ядерный атомный"),
    "weapon": ("weapon weapons arms", "оружие вооружение"),
    "missile": ("missile missiles rocket rockets", "ракета ракетный"),
    "long_range": ("long-range", "дальнобойный"),
    "troops": ("troops soldiers forces army", "войска военный армия солдат военнослужащий"),
    "border": ("border borders frontier", "граница приграничный приграничье"),
    "threat": ("threat threaten threatens danger", "угроза угрожать опасность"),
    "security": ("security", "безопасность"),
    "guarantee": ("guarantee guarantees", "гарантия гарантировать гарант"),
    "deterrence": ("deterrence deterrent deter", "сдерживание сдерживать"),
    "sanctions": ("sanctions sanction", "санкция санкционный"),
    "economy": ("economy economic", "экономика экономический"),
    "peace": ("peace peaceful", "мир мирный"),
    "negotiations": ("negotiations talks negotiate", "переговоры переговорный договариваться"),
    "ceasefire": ("ceasefire truce", "перемирие"),
    "war": ("war warfare", "война"),
    "conflict": ("conflict", "конфликт"),
    "escalation": ("escalation escalate escalating", "эскалация эскалационный"),
    "expansion": ("expansion expand expanding enlargement", "расширение расширяться расширять"),
    "east": ("east eastward eastern", "восток восточный"),
    "bases": ("bases base", "база"),
    "provocation": ("provocation provocations provoke", "провокация провоцировать"),
    "militarisation": ("militarisation militarization militarise", "милитаризация"),
    "proxy": ("proxy", "опосредованный прокси"),
    "nazi": ("Nazi Nazis neo-Nazi neo-Nazis", "нацист неонацист нацистский неонацистский"),
    "regime": ("regime junta", "режим хунта"),
    "legitimacy": ("legitimacy legitimate illegitimate", "легитимность легитимный нелегитимный"),
    "puppet": ("puppet puppets", "марионетка марионеточный"),
    "sovereignty": ("sovereignty sovereign independence", "суверенитет суверенный независимость"),
    "revolution": ("revolution coup Maidan", "революция переворот майдан"),
    "migrants": ("migrants migrant refugees refugee", "мигрант беженец"),
    "language": ("language", "язык"),
    "elections": ("elections election", "выборы"),
    "drones": ("drones drone UAV", "беспилотник дрон БПЛА"),
    "strikes": ("strike strikes", "удар"),
    "territory": ("territory territories", "территория"),
    "realities": ("realities reality", "реалия реальность"),
    "ground": ("ground", "земля"),
    "terms": ("terms conditions", "условие"),
    "shield": ("shield umbrella", "щит зонтик"),
    "exercises": ("exercises drills", "учения"),
    "world_war": ("world", "мировой"),
    "supply": ("supplies supply deliveries", "поставка поставлять"),
    "mines": ("mines landmines", "мина"),
    "genocide": ("genocide", "геноцид"),
    "persecution": ("persecution persecuted persecute", "преследование преследовать"),
    "church": ("church", "церковь"),
    "grain": ("grain", "зерно"),
    "gas": ("gas", "газ"),
    "oil": ("oil", "нефть"),
    "children": ("children", "ребенок дети"),
}
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
_MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
              "октябрь", "ноябрь", "декабрь"]

STOP_EN = set("""a an the and or but if of to in on for with at by from into onto about over after before
under between through during without within against as than then so such that this these those there
here it its is are was were be been being am do does did doing have has had having will would shall
should can could may might must not no nor only very also just too more most much many some any all
each every other another own same both either neither we our ours us you your yours he him his she her
hers they them their theirs i me my mine who whom whose which what when where why how said say says
told tell according added noted stressed stated declared one two three""".split())
STOP_RU = set("""и в во на не ни что это быть он она оно они мы вы я ты с со по к ко у о об обо из за от до
для как так также который весь свой этот тот его ее их а но или ли же бы то при над под между уже еще
только очень мочь сказать заявить отметить подчеркнуть сообщить говорить наш ваш сам самый год время
раз когда где чтобы если чем ведь вот да нет же один два три кто все всё себя её""".split())


@dataclass(frozen=True)
class Features:
    lang: str
    lemmas: frozenset[str]  # content-word lemmas
    keys: frozenset[str]  # language-independent: c:concept, n:name, #number, d:month-day
    length: int  # characters

    @cached_property
    def all_terms(self) -> frozenset[str]:
        return self.lemmas | self.keys

    def terms(self, cross: bool) -> frozenset[str]:
        """What to compare: keys alone across languages, lemmas and keys within one."""
        return self.keys if cross else self.all_terms


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """lemma (Russian) or stem (English) -> concept."""
    out: dict[str, str] = {}
    for concept, (en, ru) in LEXICON.items():
        for w in (en + " " + ru).split():
            out[lemma(normalise(w))] = concept
            out[normalise(w)] = concept
    return out


_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "u", "я": "a", "і": "i", "ў": "u", "є": "e", "ї": "i", "ґ": "g",
})
_VOWELS = re.compile(r"(?<!^)[aeiouyj]")


def skeleton(word: str) -> str:
    """A spelling-independent key for a name in either script: transliterate, fold the usual
    variants (kh/h, w/v, ts/c), drop vowels after the first letter, collapse doubles.
    "Зеленский", "Zelensky", "Zelenskyy" -> "zlnsk"; "Лукашенко", "Lukashenko" -> "lkshnk"."""
    w = normalise(word).translate(_TRANSLIT)
    w = w.replace("kh", "h").replace("w", "v").replace("ts", "c").replace("tz", "c").replace("x", "ks")
    w = re.sub(r"[^a-z]", "", w)
    w = _VOWELS.sub("", w)
    return re.sub(r"(.)\1+", r"\1", w)


def _date_key(toks: list[Token], i: int) -> str | None:
    """`d:MM-DD` for "6 декабря", "December 6", "6 December"."""
    t = toks[i]
    months = _MONTHS_RU if "\u0400" <= t.low[0] <= "\u04ff" else _MONTHS_EN
    if t.lemma in months or t.low in months:
        m = (months.index(t.lemma) if t.lemma in months else months.index(t.low)) + 1
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks) and toks[j].low.isdigit() and 1 <= int(toks[j].low) <= 31:
                return f"d:{m:02d}-{int(toks[j].low):02d}"
    return None


def features(text: str, lang: str | None = None, toks: list[Token] | None = None) -> Features:
    toks = toks if toks is not None else tokens(text)
    if lang is None:
        from narratives.frames import guess_lang

        lang = guess_lang(toks)
    lex = _lexicon()
    lemmas: set[str] = set()
    keys: set[str] = set()
    for i, t in enumerate(toks):
        if t.low.isdigit():
            keys.add("#" + (t.low.lstrip("0") or "0"))
            continue
        d = _date_key(toks, i)
        if d:
            keys.add(d)
        stop = STOP_RU if lang == "ru" else STOP_EN
        if t.lemma in stop or t.low in stop or len(t.low) < 3:
            continue
        lemmas.add(t.lemma)
        concept = lex.get(t.lemma) or lex.get(t.low)
        if concept:
            keys.add("c:" + concept)
        elif t.text[:1].isupper() and (i > 0 or len(t.low) > 3) and not d and t.low not in _MONTHS_EN:
            sk = skeleton(t.lemma if lang == "ru" else t.low)
            if len(sk) >= 3:
                keys.add("n:" + sk)
    return Features(lang, frozenset(lemmas), frozenset(keys), len(text))


def quote_features(text: str, lang: str | None, toks: list[Token] | None = None, sentence: str = "",
                   sentence_toks: list[Token] | None = None) -> Features:
    """A quote's features for echo similarity: its own words and those of its sentence (the
    reporting clause names who is meant: "about NATO", "of Poland"), as the issue asks. The
    length stays the quote's (versions compare lengths)."""
    own = features(text, lang, toks)
    if not sentence or sentence == text:
        return own
    ctx = features(sentence, own.lang, sentence_toks)
    return Features(own.lang, own.lemmas | ctx.lemmas, own.keys | ctx.keys, own.length)
