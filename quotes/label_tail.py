"""What may follow a person's name in a speaker label before the colon: the label's tail.

A speaker label line opens with a person and a colon ("Лавров: ...", "В.ПУТИН: ..."); the name may be
followed by the topic or the occasion of the words ("Путин о переговорах:", "Лавров — о переговорах:",
"Peskov to reporters:", a tail phrase from packs/<lang>/label_tails.txt) or, after a comma, by the person's
role ("Картаполов, председатель комитета Госдумы по обороне:"). Whatever else stands there must hold no
verb: "Путин прибыл в ...:" is a sentence, not a label.

Two readers ask this of the same lines, and must get one answer:
- quotes.label (the label extractor): which person labels the line, so that the words after the colon
  are theirs;
- quotes.names_ru (the Russian name finder): is a capitalised word alone a surname because it labels
  its line ("Слуцкий в своём телеграм-канале: ...")? Only then does it become a person.
Each used to read the tail its own way; this module is that reading, once. What each reader does around
it stays its own: where the label's line starts and ends, which name ends it tries, and whether words
wholly in quotation marks make any tail the person's ("Путин в Пекине: «...»").

Pure: text and offsets in, offsets and answers out.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from quotes.cues import EN_VERBS, WORD_RE
from quotes.packs import LanguagePack
from quotes.people import ru_any_verb
from quotes.text import label_tails


@lru_cache(maxsize=8)
def tail_pattern(pack: LanguagePack) -> re.Pattern[str]:
    """The pack's tail phrases as a pattern that matches a tail opening right after the name (quotes.text.
    label_tails: a comma, or spaces and an optional dash, then the phrase as group 1)."""
    return label_tails(pack.words("label_tails"))


def tail_start(text: str, ne: int, le: int, tails: re.Pattern[str],
               role_only: Callable[[str, int], bool]) -> int | None:
    """After a name ending at `ne`, in a label ending at `le`: is text[ne:le] a tail a person's label may
    carry? Where the rest of it starts, the words that must hold no verb (tail_holds_verb): after a tail
    phrase ("Путин| о| переговорах", "Lavrov| on| talks"); nothing after a comma and a role, which
    `role_only(words, where they start)` has read ("Картаполов|, председатель комитета Госдумы по
    обороне", returns `le`). None: no such tail.

    The phrases of label_tails.txt hold no verb themselves (tests/quotes/test_label_lines.py checks it),
    so the verb check may as well start at `ne`."""
    m = tails.match(text, ne, le)
    if m is not None:
        return m.end(1)
    if text[ne:ne + 1] == "," and role_only(text[ne + 1:le].strip() + " ", ne + 1):
        return le
    return None


def tail_holds_verb(lang: str, text: str, start: int, end: int) -> bool:
    """Does a word of text[start:end] read as a verb ("Путин прибыл в ...:", "Lavrov on why he said ...:")?"""
    return any(tail_verb(lang, w) for w in WORD_RE.findall(text, start, end))


def tail_verb(lang: str, word: str) -> bool:
    """Is the word a verb: Russian by its likeliest reading, English a lower-case reporting verb or an auxiliary."""
    low = word.lower()
    if lang == "ru":
        return ru_any_verb(low)
    return word[:1].islower() and (low in EN_VERBS or low.rstrip("s") in EN_VERBS or low[:-2] in EN_VERBS
                                   or low[:-1] in EN_VERBS or low in ("is", "was", "will", "has", "had", "says"))
