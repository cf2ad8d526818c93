"""English name finding: capitalised runs cut at titles ("Agriculture Minister | Yuri Gorlov"), stop
words, organisations; first names with an initial or patronymic joined to a registry surname."""
from __future__ import annotations

import re

from quotes.people import (
    _EN_MIDDLE,
    _EN_NOT_SURNAME,
    _EN_ORG,
    _EN_PARTICLE_WORDS,
    _EN_PARTICLES,
    _EN_STOP,
    _EN_TITLE_WORDS,
    _EN_WORD,
    Mentions,
    Person,
    en_key,
)


class EnglishNames(Mentions):
    def _find_en_names(self) -> None:
        text = self.text
        toks = list(_EN_WORD.finditer(text))
        runs: list[list[re.Match[str]]] = []
        cur: list[re.Match[str]] = []
        for t in toks:
            w = t.group()
            if w[0].isupper() and not self._taken(t.start(), t.end()):
                gap = text[cur[-1].end():t.start()] if cur else ""
                if cur and (re.fullmatch(r"[ \u00a0]", gap) or _EN_PARTICLES.fullmatch(gap) or (
                        re.fullmatch(r"\.[ \u00a0]", gap) and re.fullmatch(r"[A-Z]", cur[-1].group()))) and not re.search(
                        r"[’']s$", cur[-1].group()):
                    cur.append(t)  # "Yuri Gorlov", "John F. Kennedy"
                    continue
                if cur:
                    runs.append(cur)
                cur = [t]
            else:
                if cur and w in _EN_PARTICLE_WORDS:
                    continue  # "von der": the next capitalised word decides
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        leaders_at = {p.start: p for p in self.persons if p.leader_id}
        for run in runs:
            if self._in_head(run[0].start()):
                continue
            # a title ends before the name: "Agriculture Minister Yuri Gorlov" -> "Yuri Gorlov"
            cut = max((i for i, m in enumerate(run) if m.group() in _EN_TITLE_WORDS), default=-1)
            titled = cut >= 0 and cut < len(run) - 1
            run = run[cut + 1:]
            while run and run[0].group() in _EN_STOP:
                run = run[1:]
            if run and self._absorb(run, leaders_at):
                continue
            while run and run[-1].group() in _EN_STOP:
                run = run[:-1]
            if not (2 if not titled else 1) <= len(run) <= 4 or (len(run) == 4 and not any(
                    re.fullmatch(r"[A-Z]", m.group()) for m in run[1:-1])):
                continue
            if len(run) == 1 and (re.search(r"[’']s$", run[0].group()) or len(run[0].group()) < 3
                                  or run[0].group() in _EN_NOT_SURNAME):
                continue  # "Prime Minister Gorlov" is a name; "Chief Executive" is not
            words = [re.sub(r"[’']s$", "", m.group()) for m in run]
            if any(w in _EN_ORG or w in _EN_STOP or (w.isupper() and len(w) > 1) for w in words):
                continue
            prev = text[max(0, run[0].start() - 5):run[0].start()]
            gender = "m" if re.search(r"Mr\.?\s$", prev) else "f" if re.search(r"M(?:r)?s\.?\s$", prev) else None
            end = run[-1].start() + len(words[-1])
            self._add_person(run[0].start(), end, re.sub(r"\s+", " ", text[run[0].start():end]), en_key(words[-1]),
                             gender)
        self._surnames_alone(toks, en_key)

    def _absorb(self, run: list[re.Match[str]], leaders_at: dict[int, Person]) -> bool:
        """A first name with a middle initial or patronymic before a registry surname is part of that
        mention ("Alexander G. Lukashenko", "Alexander Grigoryevich Lukashenko")."""
        after = re.match(r"\.?[ \u00a0]", self.text[run[-1].end():run[-1].end() + 2])
        if not after:
            return False
        p = leaders_at.get(run[-1].end() + after.end())
        if p is None or p.leader_id is None:
            return False
        words = [m.group() for m in run]
        first_ok = self.reg.is_first_name_of(words[0], p.leader_id) or bool(re.fullmatch(r"[A-Z]", words[0]))
        if not first_ok or not all(_EN_MIDDLE.fullmatch(w) for w in words[1:]):
            return False
        p.start = run[0].start()
        self._cover(p.start, p.end)
        return True
