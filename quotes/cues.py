"""Reporting verbs and other cues, English and Russian: read from the language packs' data files
(quotes/packs/<lang>/), inflected and looked up here."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from quotes.packs import get_pack

_EN = get_pack("en")
_RU = get_pack("ru")

# English reporting verbs (lemmas). "made it clear/explicit" is handled separately.
EN_VERBS = set(_EN.words("cue_verbs"))
# verbs that take a that-clause only when the subject is a person ("suggest", "think" are weak)
EN_WEAK = set(_EN.words("weak_verbs"))
EN_VERB_FORMS = set(_EN.words("cue_verb_forms"))
_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "think": ("thought",),
              "make": ("made",), "tweet": ("tweeted",)}


def _inflect(lemma: str) -> set[str]:
    """Regular English verb forms (says, said/stated, saying/stating) plus a few irregular ones."""
    out = set()
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        out.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out.add(lemma[:-1] + "ies")
    else:
        out.add(lemma + "s")
    out.update(_IRREGULAR.get(lemma, ()))
    if lemma not in _IRREGULAR:
        if lemma.endswith("e"):
            out.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            out.add(lemma[:-1] + "ied")
        elif re.search(r"[^aeiou][aeiou][ptg]$", lemma) and lemma not in ("vomit", "edit"):
            out.add(lemma + lemma[-1] + "ed")
        else:
            out.add(lemma + "ed")
    out.add((lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing")
    return out


# every form of every reporting verb (the hand list above keeps its extras: "according", "words")
EN_VERB_FORMS |= {f for v in EN_VERBS - {"continue", "ask", "hope", "fear", "think", "believe", "agree", "point",
                                          "mention", "describe", "signal", "indicate", "write", "report"}
                  for f in _inflect(v)} | {"reported", "reports", "observes", "believes", "thinks", "writes",
                                           "wrote", "mentioned", "pointed", "indicated", "signalled", "signaled"}
EN_PRONOUNS = dict(_EN.table("pronouns"))

# Russian reporting verbs by lemma (pymorphy3 normal form)
RU_VERBS = set(_RU.words("cue_verbs"))
RU_INDIRECT = RU_VERBS - {"начать", "закончить", "продолжить", "продолжать", "запротестовать", "пошутить",
                           "отрезать", "цитировать", "процитировать", "попросить", "просить", "спросить",
                           "спрашивать", "ответить", "отвечать", "воскликнуть"}
RU_PRONOUNS = dict(_RU.table("pronouns"))


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def ru_parse(word: str) -> tuple[str, str]:
    """(lemma, tag) of the most likely parse."""
    p = _morph().parse(word.lower())[0]
    return str(p.normal_form), str(p.tag)


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str:
    return ru_parse(word)[0]


# Belarusian reporting verbs (pymorphy3 has no Belarusian dictionary)
BE_VERB_FORMS = set(_RU.words("cue_verbs_be"))


@lru_cache(maxsize=200_000)
def ru_is_verb_cue(word: str) -> bool:
    if word.lower() in BE_VERB_FORMS:
        return True
    for p in _morph().parse(word.lower())[:3]:
        if str(p.normal_form) in RU_VERBS and ("VERB" in p.tag or "GRND" in p.tag or "PRTF" in p.tag):
            return True
    return False


@lru_cache(maxsize=200_000)
def ru_name_parse(word: str) -> tuple[str, str] | None:
    """If `word` is a first name: (nominative, case). Else None."""
    for p in _morph().parse(word.lower())[:4]:
        if "Name" in p.tag and p.score >= 0.2 and "plur" not in p.tag:
            nf = str(p.normal_form).capitalize()
            if "ё" not in word.lower():
                nf = nf.replace("ё", "е")  # keep the text's spelling: "Артем", not "Артём"
            return nf, str(p.tag.case)
    return None


@lru_cache(maxsize=200_000)
def ru_surname_nom(word: str, case: str | None) -> str:
    """Nominative of a surname in `case` (best effort)."""
    low = word.lower()
    for p in _morph().parse(low)[:4]:
        if "Surn" in p.tag and "masc" in p.tag and (case is None or p.tag.case == case):
            nf = str(p.normal_form)
            return nf[:1].upper() + nf[1:]
    if case in ("gent", "accs") and low.endswith(("а", "я")) and len(low) > 3:
        return word[:-1]
    if case == "datv" and low.endswith(("у", "ю")) and len(low) > 3:
        return word[:-1]
    if case == "ablt" and low.endswith(("ом", "ым", "ем")) and len(low) > 4:
        return word[:-2]
    return word


WORD_RE = re.compile(r"[^\W\d_][\w-]*")
