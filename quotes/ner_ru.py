"""Russian person names by natasha's NER (slovnet, the news model that ships inside the package).

NER costs a few milliseconds a sentence, so it runs only where it can change an attribution: a
sentence that holds a cue (a quotation mark, a reporting verb, "по словам") and a pair of adjacent
capitalised words, not yet known as a person, that both look like parts of a name (a first name,
surname or patronymic for pymorphy3, or a word it does not know: "Кястутис Будрис", "Эммануэль
Макрон", "Андрей Ермак"). The PER spans it finds there become people of the document (best full
name in the nominative, then their bare surnames elsewhere), so that they win attributions and
serve as antecedents.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from quotes.cues import _morph, ru_is_verb_cue
from quotes.doc import Doc
from quotes.text import sentences

_CAP = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?(?![\w-])")
_GAP = re.compile(r"[ \u00a0]+")
_CUE = re.compile(r"[«»“”„\"]|(?i:(?<!\w)по\s+(?:словам|мнению|данным|оценке)(?!\w))")
_WORD = re.compile(r"[а-яё]+(?:ся|сь)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def tagger() -> Any:
    """natasha's news NER tagger, loaded once on first use."""
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=100_000)
def _name_kind(word: str) -> int:
    """1: a possible part of a person's name (a first name, surname or patronymic for pymorphy3, or
    a word it does not know); -1: a place, organisation or abbreviation; 0: another word."""
    morph = _morph()
    low = word.lower()
    parses = morph.parse(low)[:3]
    if any(t in p.tag for p in parses for t in ("Name", "Surn", "Patr")):
        return 1
    if any(t in parses[0].tag for t in ("Geox", "Orgn", "Abbr")):
        return -1
    return 0 if morph.word_is_known(low) else 1


def _has_cue(text: str, s: int, e: int) -> bool:
    if _CUE.search(text, s, e) or text[s] in "—–":
        return True
    return any(ru_is_verb_cue(m.group()) for m in _WORD.finditer(text, s, e) if len(m.group()) > 4)


def ner_sentences(doc: Doc, paras: list[tuple[int, int]], skip: set[int]) -> list[tuple[int, int]]:
    """The sentences worth NER: a cue and an unknown capitalised pair that may be a name."""
    text = doc.text
    out: list[tuple[int, int]] = []
    for pi, (ps, pe) in enumerate(paras):
        if pi in skip:
            continue
        for s, e in sentences(text, ps, pe):
            caps = list(_CAP.finditer(text, s, e))
            for a, b in zip(caps, caps[1:], strict=False):
                if not _GAP.fullmatch(text, a.end(), b.start()):
                    continue
                kinds = (_name_kind(a.group()), _name_kind(b.group()))
                if -1 in kinds:
                    continue
                free = [k for m, k in zip((a, b), kinds, strict=True) if not doc.taken(m.start(), m.end())]
                if 1 in free:
                    if _has_cue(text, s, e):
                        out.append((s, e))
                    break
    return out


def add_ner_names(doc: Doc, paras: list[tuple[int, int]], skip: set[int]) -> None:
    """Give `doc` the PER names natasha finds in the sentences that need it."""
    sents = ner_sentences(doc, paras, skip)
    if not sents:
        return
    ner = tagger()
    spans: list[tuple[int, int]] = []
    for s, e in sents:
        for sp in ner(doc.text[s:e]).spans:
            if sp.type == "PER":
                a, b = s + sp.start, s + sp.stop
                if len(doc.text[a:b].split()) >= 2 and doc.text[a].isupper():
                    spans.append((a, b))
    doc.add_names(spans)
