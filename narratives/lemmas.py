"""Words and their lemmas, for frame patterns and echo similarity (pure; cached per word).

Cyrillic words get their pymorphy3 dictionary form ("границах" -> "граница"), Latin words their
Snowball (Porter2) English stem ("sanctions" -> "sanction"). Which one depends on the word's
script, not on the text's language, so "NATO" in a Russian text and "НАТО" each get theirs.
Both caches are plain dicts bounded by `CACHE_MAX`: tagging must reach thousands of quotes a
second, and a dict lookup is the cheapest memo there is.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

# a word: letters, digits, apostrophes, inner hyphens ("neo-Nazi", "по-европейски"); written as
# runs rather than a per-character alternation, which is 2-3x faster on the same matches
WORD = re.compile(r"[^\W_][\w'’]*(?:-\w[\w'’]*)*", re.UNICODE)
_CYR = re.compile(r"[\u0400-\u04ff]")
CACHE_MAX = 500_000
_LEMMA: dict[str, str] = {}
_WORDS: dict[str, tuple[str, str]] = {}  # a word as written -> (low, lemma)


class Token(NamedTuple):
    """A word (a tuple: made by the thousand per second, and a frozen dataclass is slower)."""

    text: str  # the word as written
    low: str  # lower case, ё -> е, apostrophes dropped
    lemma: str
    start: int  # character offset in the text


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def lemma(low: str) -> str:
    """The lemma of one lower-cased word (see the module doc)."""
    hit = _LEMMA.get(low)
    if hit is not None:
        return hit
    if _CYR.search(low):
        out = str(_morph().parse(low)[0].normal_form).replace("ё", "е")
    elif low.isdigit():
        out = low
    else:
        out = str(_stemmer().stemWord(low))
    if len(_LEMMA) >= CACHE_MAX:
        _LEMMA.clear()
    _LEMMA[low] = out
    return out


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("ё", "е")


def word_low(w: str) -> str:
    """A word as the tagger compares it: normalised, an English possessive dropped ("Zelensky's" is
    Zelensky), apostrophes removed. Patterns' terms go through it too, so "Belarus's" in a term is
    the "Belarus" of the text."""
    low = normalise(w)
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low.replace("'", "").replace("’", "")


def tokens(text: str) -> list[Token]:
    """Every word of `text` with its lemma and offset (offsets index `text` itself: NFKC and
    lower-casing are applied per word)."""
    out = []
    words = _WORDS
    make = Token._make  # skips NamedTuple.__new__'s argument parsing (hot: every word of every quote)
    for m in WORD.finditer(text):
        w = m[0]
        hit = words.get(w)
        if hit is None:
            low = word_low(w)
            hit = (low, lemma(low) if low else "")
            if len(words) >= CACHE_MAX:
                words.clear()
            words[w] = hit
        if hit[0]:
            out.append(make((w, hit[0], hit[1], m.start())))
    return out
