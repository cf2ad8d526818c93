"""Document state shared by the extractors: people mentioned, and speaker resolution."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from config.leaders import Registry
from quotes.cues import EN_PRONOUNS, RU_PRONOUNS, WORD_RE, ru_name_parse, ru_surname_nom
from quotes.model import Context


@dataclass(order=True)
class Person:
    start: int
    end: int
    name: str = field(compare=False)
    leader_id: str | None = field(compare=False, default=None)
    gender: str | None = field(compare=False, default=None)
    quoted: bool = field(compare=False, default=False)  # inside quoted speech: not an antecedent


@dataclass
class Speaker:
    name: str | None
    leader_id: str | None
    gender: str | None = None


_EN_ROLE = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][a-z]+\s+){0,2}(?:president|minister|spokesman|spokeswoman|spokesperson|leader|premier|"
    r"chancellor|secretary|general|chief|ambassador|official|diplomat|envoy|commander|governor|mayor|"
    r"aide|adviser|advisor|head)\b",
    re.IGNORECASE,
)
_RU_ROLE = re.compile(
    r"(?<![\w-])(?:президент|министр|премьер|премьер-министр|глава|лидер|пресс-секретарь|генсек|посол|"
    r"генерал|канцлер|дипломат|политик|губернатор|мэр|помощник|советник|председатель|спикер)"
    r"(?:а|у|ом|е|ы|ой|ем|я|ю)?(?![\w-])",
    re.IGNORECASE,
)
_EN_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?\b([A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-zA-Z’'-]+){1,2})\b"
)
_EN_NOT_NAME = {
    "The", "This", "That", "These", "Those", "In", "On", "At", "But", "And", "As", "If", "It", "He", "She",
    "We", "They", "I", "A", "An", "Russia", "Russian", "Belarus", "Belarusian", "Ukraine", "Ukrainian",
    "NATO", "President", "Minister", "Kremlin", "State", "Prime", "Foreign", "Defence", "Defense", "General",
    "Secretary", "Security", "Council", "Collective", "Treaty", "Organization", "United", "Nations", "Union",
    "European", "West", "Western", "Moscow", "Minsk", "Kyiv", "Kiev", "Washington", "Central", "Asian",
    "Major", "Chief", "Staff", "Republic", "Federation", "Ministry", "Mr", "Ms", "Mrs", "Dr", "Sweden",
    "Finland", "Poland", "Image", "Main", "Credit", "Commentary", "Research", "Fellow", "Thank", "Question",
}


class Doc:
    def __init__(self, text: str, lang: str, ctx: Context, reg: Registry):
        self.text, self.lang, self.ctx, self.reg = text, lang, ctx, reg
        self.persons: list[Person] = []
        self.full_names: dict[str, str] = {}  # surname key -> best full display name
        for m in reg.find_names(text):
            ld = reg.leaders[m.leader_id]
            self.persons.append(Person(m.start, m.end, ld.name, ld.id, ld.gender))
        self.titles = reg.find_titles(text)
        if lang == "ru":
            self._find_ru_names()
        self.persons.sort()
        self._starts = [p.start for p in self.persons]

    # --- people not in the registry -----------------------------------------------------------
    def _find_ru_names(self) -> None:
        text = self.text
        taken = {i for p in self.persons for i in range(p.start, p.end)}
        toks = [m for m in WORD_RE.finditer(text) if m.group()[0].isupper()]
        i = 0
        while i < len(toks) - 1:
            a, b = toks[i], toks[i + 1]
            gap = text[a.end():b.start()]
            if a.start() in taken or b.start() in taken or not re.fullmatch(r"[ \u00a0]", gap):
                i += 1
                continue
            latin = re.match(r"\s*\(([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\)", text[b.end():b.end() + 60])
            nm = ru_name_parse(a.group())
            if not latin and (nm is None or not re.match(r"[А-ЯЁ]", b.group())):
                i += 1
                continue
            if latin:
                display = latin.group(1)
            else:
                first, case = nm if nm else (a.group(), None)
                display = f"{first} {ru_surname_nom(b.group(), case)}"
            gender = None
            if nm:
                g = _gender_of_name(a.group())
                gender = g
            key = self._key(b.group())
            best = self.full_names.get(key)
            if best is None or (latin and not re.search(r"[A-Za-z]", best)):
                self.full_names[key] = display
            self.persons.append(Person(a.start(), b.end(), display, None, gender))
            i += 2
        # surnames alone that were seen in full earlier
        for m in toks:
            if m.start() in taken:
                continue
            key = self._key(m.group())
            if key in self.full_names and not any(p.start <= m.start() < p.end for p in self.persons):
                self.persons.append(Person(m.start(), m.end(), self.full_names[key], None, None))
        # update displays to the best (Latin) name per surname
        for p in self.persons:
            if p.leader_id is None:
                k = self._key(p.name.split()[-1]) if p.name else ""
                for key, disp in self.full_names.items():
                    if key == k or self._key(_last(p.name)) == key:
                        p.name = disp

    @staticmethod
    def _key(surname: str) -> str:
        s = surname.lower()
        for suf in ("ым", "ом", "ем", "а", "у", "е", "я", "ю"):
            if s.endswith(suf) and len(s) - len(suf) >= 4:
                return s[: len(s) - len(suf)]
        return s

    def mark_quoted(self, s: int, e: int) -> None:
        for p in self.persons:
            if s <= p.start and p.end <= e:
                p.quoted = True

    def add_speaker(self, pos: int, sp: Speaker) -> None:
        if sp.name is None:
            return
        p = Person(pos, pos, sp.name, sp.leader_id, sp.gender)
        i = bisect.bisect_left(self._starts, pos)
        self.persons.insert(i, p)
        self._starts.insert(i, pos)

    # --- resolution ------------------------------------------------------------------------------
    def nearest_before(self, pos: int, gender: str | None = None, floor: int = 0) -> Speaker | None:
        i = bisect.bisect_left(self._starts, pos)
        for p in reversed(self.persons[:i]):
            if p.start < floor:
                break
            if p.quoted or p.end > pos:
                continue
            if gender and p.gender and p.gender != gender:
                continue
            return Speaker(p.name, p.leader_id, p.gender)
        return None

    def resolve_title(self, title: str, pos: int) -> Speaker | None:
        recent: list[str] = []
        i = bisect.bisect_left(self._starts, pos)
        for p in reversed(self.persons[:i]):
            if p.leader_id and p.leader_id not in recent:
                recent.append(p.leader_id)
        # mentions later in the text also count (headline-first, name later)
        for p in self.persons[i:]:
            if p.leader_id and p.leader_id not in recent:
                recent.append(p.leader_id)
        lid = self.reg.resolve_title(title, self.ctx.country, self.ctx.published, recent)
        if lid is None:
            return None
        ld = self.reg.leaders[lid]
        return Speaker(ld.name, ld.id, ld.gender)

    def speaker_in(
        self, s: int, e: int, last: bool = False, allow_role: bool = True, include_quoted: bool = False
    ) -> tuple[Speaker, int] | None:
        """The speaker named in text[s:e]: a person, a title, a pronoun or a role noun."""
        cands = self.candidates(s, e, allow_role, include_quoted)
        if not cands:
            return None
        pos, spk = cands[-1] if last else cands[0]
        return spk, pos

    def candidates(
        self, s: int, e: int, allow_role: bool = True, include_quoted: bool = False
    ) -> list[tuple[int, Speaker]]:
        """Every speaker expression in text[s:e], in text order."""
        cands: list[tuple[int, int, Speaker | None]] = []  # (pos, priority, speaker)
        i = bisect.bisect_left(self._starts, s)
        for p in self.persons[i:]:
            if p.start >= e:
                break
            if p.end <= e and (include_quoted or not p.quoted):
                cands.append((p.start, 0, Speaker(p.name, p.leader_id, p.gender)))
        for ts, te, title in self.titles:
            if s <= ts and te <= e:
                if any(c[0] <= ts < c[0] + 1 for c in cands):
                    continue
                if re.match(r"[ \u00a0]{1,2}[A-ZА-ЯЁ]", self.text[te:te + 3]) and any(
                        te < p.start <= te + 2 for p in self.persons):
                    continue  # "министр обороны Петер Кристенсен": the name that follows decides
                sp = self.resolve_title(title, ts)
                if sp:
                    cands.append((ts, 1, sp))
        seg = self.text[s:e]
        prons = EN_PRONOUNS if self.lang == "en" else RU_PRONOUNS
        for m in WORD_RE.finditer(seg):
            w = m.group().lower()
            if w in prons:
                sp = self.nearest_before(s + m.start(), prons[w])
                if sp:
                    cands.append((s + m.start(), 2, sp))
        if self.lang == "en":
            for m in _EN_NAME.finditer(seg):
                words = m.group(1).split()
                if words[0] in _EN_NOT_NAME or words[-1] in _EN_NOT_NAME:
                    continue
                pos = s + m.start(1)
                if any(abs(c[0] - pos) < len(m.group(1)) for c in cands):
                    continue
                cands.append((pos, 1, Speaker(m.group(1), None, None)))
        if allow_role and not cands:
            rx = _EN_ROLE if self.lang == "en" else _RU_ROLE
            for m in rx.finditer(seg):
                sp = self.nearest_before(s + m.start())
                if sp:
                    cands.append((s + m.start(), 3, sp))
        cands.sort(key=lambda c: c[0])
        return [(c[0], c[2]) for c in cands if c[2] is not None]


def _last(name: str) -> str:
    return name.split()[-1] if name else ""


def _gender_of_name(word: str) -> str | None:
    from quotes.cues import _morph

    for p in _morph().parse(word.lower())[:3]:
        if "Name" in p.tag:
            return "f" if "femn" in p.tag else "m"
    return None
