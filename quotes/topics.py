"""Topic tagging: English terms by word match, Russian terms by lemma (pymorphy3)."""
from __future__ import annotations

import re
from functools import lru_cache

from config.topics import Topic
from quotes.cues import WORD_RE, ru_lemma


class TopicMatcher:
    def __init__(self, topics: list[Topic]):
        self.en: list[tuple[str, re.Pattern[str]]] = []
        self.ru: list[tuple[str, list[tuple[str, ...]]]] = []
        for t in topics:
            en = t.terms.get("en", [])
            if en:
                alts = []
                for term in sorted(en, key=len, reverse=True):
                    words = [re.escape(w) for w in term.split()]
                    pat = r"\s+".join(words)
                    # acronyms match case-sensitively; others any case, with plural/possessive endings
                    alts.append(pat if term.isupper() else "(?i:" + pat + ")")
                self.en.append((t.id, re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?:s|’s|'s|es)?(?!\w)")))
            ru = t.terms.get("ru", [])
            if ru:
                self.ru.append((t.id, [tuple(ru_lemma(w) for w in WORD_RE.findall(term)) for term in ru]))

    def topics(self, text: str, lang: str) -> list[str]:
        out: list[str] = []
        for tid, rx in self.en:
            if rx.search(text):
                out.append(tid)
        if lang == "ru" or re.search(r"[А-Яа-яЁё]", text):
            lemmas = [ru_lemma(w) for w in WORD_RE.findall(text)]
            for tid, terms in self.ru:
                if tid in out:
                    continue
                for term in terms:
                    n = len(term)
                    if any(tuple(lemmas[i:i + n]) == term for i in range(len(lemmas) - n + 1)):
                        out.append(tid)
                        break
        return out


@lru_cache(maxsize=8)
def default_matcher(path: str | None = None) -> TopicMatcher:
    from config.topics import load_topics

    return TopicMatcher(load_topics(path))
