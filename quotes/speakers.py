"""Speaker expressions and what they refer to: names, titles resolved by the source's country and date
("глава государства", "Президент" alone), pronouns (the nearest compatible person, in Russian a
nominative mention), role nouns (the nearest person whose known roles and nationality fit), "both
leaders" and "they" (the people coordinated just before)."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from quotes.candidate import Speaker
from quotes.cues import EN_PRONOUNS, RU_PRONOUNS, WORD_RE
from quotes.packs import PackError, UnknownLanguage, get_pack
from quotes.people import _EN_QUALIFIERS, _EN_ROLE, _EN_WORD, _RU_ROLE, Mentions, Person, _family, _nation


@lru_cache(maxsize=8)
def _bare_title_re(forms: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    if not forms:
        return None
    alts = sorted((f for f, _ in forms), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")


@lru_cache(maxsize=50_000)
def _ru_genitive_qualifier(word: str) -> bool:
    """Is the word after a title a noun in the genitive ("страны", "Белоруссии", "республики")?"""
    from quotes.cues import _morph

    p = _morph().parse(word.lower())[0]
    return "NOUN" in p.tag and p.tag.case == "gent"


_OWNER_BEFORE = re.compile(
    r"(?i)(?:(?:представител\w*|пресс-секретар\w*|помощник\w*|советник\w*|спикер\w*|офис\w*|администраци\w*|"
    r"аппарат\w*|пресс-служб\w*|заместител\w*|зам|deputy|vice|(?:spokes(?:man|woman|person)|aide|advis[eo]r|office|"
    r"administration|press\s+(?:secretary|service|office))\s+(?:for|of|to))\s+|vice-)$")


class SpeakerExpressions(Mentions):
    def _add_bare_titles(self) -> None:
        """"Президент" / "The President" alone, capitalised, with no name, country or "of" after it:
        the source country's head of state (resolved like "глава государства" by country and date)."""
        try:
            forms = get_pack(self.lang).table("bare_titles")
        except (UnknownLanguage, PackError):
            return
        rx = _bare_title_re(forms)
        if rx is None:
            return
        mapped = {f: t for f, t in forms}
        for m in rx.finditer(self.text):
            s, e = m.span()
            if any(ts < e and s < te for ts, te, _ in self.titles):
                continue
            nxt = re.match(r"[ \u00a0]+([\w-]+)", self.text[e:e + 40])
            if nxt and (nxt.group(1)[:1].isupper() or nxt.group(1).lower() in ("of", "и", "and")):
                continue  # "Президент Франции", "President Putin", "President of Russia"
            if nxt and self.lang == "ru" and _ru_genitive_qualifier(nxt.group(1)):
                continue  # "Президент страны", "президента республики": a qualified title
            self.titles.append((s, e, mapped[m.group()]))
        self.titles.sort()

    def _add_titles(self) -> None:
        """Resolved titles ("the head of state", "белорусский лидер") are mentions too: antecedents."""
        self._starts = [p.start for p in self.persons]
        for ts, te, title in self.titles:
            if self._taken(ts, te) or self._owned_title(ts):
                continue
            if re.match(r"[ \u00a0]{1,2}[A-ZА-ЯЁ]", self.text[te:te + 3]) and any(
                    te < p.start <= te + 2 for p in self.persons):
                continue
            sp = self.resolve_title(title, ts)
            if sp is None or sp.leader_id is None:
                continue
            ld = self.reg.leaders[sp.leader_id]
            self.persons.append(Person(ts, te, ld.name, ld.id, ld.gender, country=ld.country,
                                       roles=self._leader_roles(ld.id), title=True))
            self._cover(ts, te)
        self._reindex()

    def _owned_title(self, ts: int) -> bool:
        """A title that only says whose someone is ("представитель главы государства", "an aide to
        the head of state", "заместитель постпреда России при ООН", "the deputy speaker of the Federation
        Council"): the speaker is the representative or the deputy, not the title's holder."""
        return bool(_OWNER_BEFORE.search(self.text[max(0, ts - 40):ts]))

    def nearest_before(self, pos: int, gender: str | None = None, floor: int = 0) -> Speaker | None:
        """A pronoun's antecedent: the nearest sentence before `pos` with a compatible person; in it,
        the (nearest) speaker, else the first person (the subject, in SVO news prose)."""
        i = bisect.bisect_left(self._starts, pos)
        group: list[Person] = []
        sent: int | None = None
        for p in reversed(self.persons[:i]):
            if p.start < floor:
                break
            if p.quoted or p.end > pos:
                continue
            if gender and p.gender and p.gender != gender:
                continue
            if self.lang == "ru" and not p.speaker and not p.title and not self._nominative_mention(p):
                continue  # "сторонники Трампа": a genitive is no antecedent of "он"
            si = self.sent_of(p.start)
            if sent is None:
                sent = si
            elif si != sent:
                break
            group.append(p)
        if not group:
            return None
        spk = [p for p in group if p.speaker]
        p = spk[0] if spk else group[-1]
        return Speaker(p.name, p.leader_id, p.gender)

    def _nominative_mention(self, p: Person) -> bool:
        """Is a Russian mention in its nominative form: the registry's (nominative) aliases, or the
        nominative display found for a name not in the registry, hold its last word? A name whose
        nominative the text does not give in Cyrillic passes."""
        words = WORD_RE.findall(self.text[p.start:p.end])
        if not words:
            return True
        if p.leader_id:
            ld = self.reg.leaders[p.leader_id]
            forms = {a.split()[-1].lower() for a in ld.aliases if re.search(r"[а-яё]", a.lower())}
        else:
            forms = {p.name.split()[-1].lower()} if re.search(r"[а-яё]", p.name.lower()) else set()
        return not forms or words[-1].lower().replace("ё", "е") in {f.replace("ё", "е") for f in forms}

    def group_before(self, pos: int, max_sents: int = 3) -> list[Speaker]:
        """The antecedent of "both leaders" / "the two presidents": the people coordinated in the nearest
        earlier sentence that names two or more ("Vladimir Putin and Alexander Lukashenko said ...")."""
        i = bisect.bisect_left(self._starts, pos)
        by_sent: dict[int, list[Person]] = {}
        for p in reversed(self.persons[:i]):
            if p.quoted or p.end > pos or (p.speaker and p.start == p.end):
                continue
            si = self.sent_of(p.start)
            if si not in by_sent and len(by_sent) >= max_sents:
                break
            by_sent.setdefault(si, []).insert(0, p)
        for si in sorted(by_sent, reverse=True):
            ps = by_sent[si]
            for a, b in zip(ps, ps[1:], strict=False):
                if a.name != b.name and re.fullmatch(r"\s+and\s+|\s*,\s*", self.text[a.end:b.start]):
                    return [Speaker(a.name, a.leader_id, a.gender), Speaker(b.name, b.leader_id, b.gender)]
        return []

    def pair_before(self, pos: int) -> list[Speaker]:
        """The antecedent of "they": the previous sentence names exactly two people, joined by "and"
        ("Tokayev and Lukashenko held talks. They agreed that ...")."""
        prev = self.sent_of(pos) - 1
        if prev < 0:
            return []
        i = bisect.bisect_left(self._starts, self._sent_starts[prev])
        ps: list[Person] = []
        for p in self.persons[i:]:
            if p.start >= pos or self.sent_of(p.start) != prev:
                break
            if not p.quoted and not (p.speaker and p.start == p.end) and all(q.name != p.name for q in ps):
                ps.append(p)
        if len(ps) != 2 or ps[0].end > ps[1].start or not re.fullmatch(r"\s+and\s+",
                                                                       self.text[ps[0].end:ps[1].start]):
            return []
        return [Speaker(p.name, p.leader_id, p.gender) for p in ps]

    def resolve_role(self, rs: int, re_: int) -> Speaker | None:
        """A role noun ("the minister", "the Russian top diplomat", "белорусский премьер"): the nearest
        person before it whose known roles and country fit."""
        phrase = self.text[rs:re_]
        fam = _family(phrase)
        nat = _nation(phrase)
        need = self._specific_role(phrase, re_)
        i = bisect.bisect_left(self._starts, rs)
        for p in reversed(self.persons[:i]):
            if p.quoted or p.end > rs:
                continue
            if nat and p.country and p.country != nat:
                continue
            if fam and p.roles and not any(f in p.roles for f in fam):
                continue
            if need and not self._holds(p, need):
                continue
            return Speaker(p.name, p.leader_id, p.gender)
        return self._role_named_after(rs, re_, fam, nat or _nation(self.text[max(0, rs - 25):rs]))

    def _role_named_after(self, rs: int, re_: int, fam: tuple[str, ...] | None, nat: str | None) -> Speaker | None:
        """A wire lede names the role first and the person in the next sentence ("Ukraine's foreign
        minister said that ... “...,” Andrii Sybiha told reporters"): with nobody before it, a role
        is the first person within the next two sentences whose known roles hold it and whose country
        fits."""
        if fam is None:
            return None
        last = self.sent_of(rs) + 2
        i = bisect.bisect_right(self._starts, re_)
        for p in self.persons[i:]:
            if self.sent_of(p.start) > last:
                break
            if p.quoted or p.title or p.start == p.end or not p.roles:
                continue
            if nat and p.country != nat:
                continue
            if any(f in p.roles for f in fam):
                return Speaker(p.name, p.leader_id, p.gender)
        return self._owner_in_role(fam, nat)

    def _owner_in_role(self, fam: tuple[str, ...] | None, nat: str | None) -> Speaker | None:
        """No one named before the role noun: the channel's owner (`Context.speaks_for`) when the
        role is theirs ("Президент" in a pul_1 post is Lukashenko)."""
        ld = self.reg.leaders.get(self.ctx.speaks_for or "")
        if ld is None or fam is None or (nat and ld.country != nat):
            return None
        day = self.ctx.published
        held = [r.title for r in ld.roles if day is None or r.active(day)]  # Medvedev was president
        roles = " ".join([*held, *(t.text for t in ld.titles if t.role is None or t.role in held)]).lower()
        return Speaker(ld.name, ld.id, ld.gender) if held and any(f in roles for f in fam) else None

    def _specific_role(self, phrase: str, end: int) -> list[str]:
        """The words a long role ("the first deputy head of the presidential administration") needs in a
        person's known roles or the words around their name; [] for a plain role noun ("the minister")."""
        if self.lang != "en":
            return []
        words = [w.lower() for w in _EN_WORD.findall(phrase)]
        need = [w for w in words[:-1] if w in _EN_QUALIFIERS] + words[-1:]  # "first", "deputy" + "head"
        comp = re.match(r"\s+of\s+(?:the\s+)?([A-Za-z][\w-]*)", self.text[end:end + 60])
        if comp and comp.group(1).lower() not in ("state", "government"):
            need.append(comp.group(1).lower())  # "... of the presidential administration"
        elif len(need) < 2:
            return []
        return need

    def _holds(self, p: Person, need: list[str]) -> bool:
        ctx = p.roles
        if p.start < p.end:  # the title before the name and the appositive after it, not the whole clause
            si = self.sent_of(p.start)
            lo = max(self._sent_starts[si] if si >= 0 else 0, p.start - 90)
            for q in self.persons[max(0, bisect.bisect_left(self._starts, p.start) - 3):]:
                if q.start >= p.start:
                    break
                if q.end > lo and q.end <= p.start:
                    lo = q.end  # another person's name: what precedes it is theirs
            before = self.text[lo:p.start]
            m = re.match(r",\s+([^,.;:!?«»“”\"]{3,90})", self.text[p.end:p.end + 100])
            ctx += " " + re.split(r"[,;:()—–]", before)[-1] + " " + (m.group(1) if m else "")
        have = set(_EN_WORD.findall(ctx.lower()))
        return all(w in have for w in need)

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
        if self.ctx.speaks_for and self.ctx.speaks_for not in recent:
            recent.append(self.ctx.speaks_for)  # the channel's owner: mentioned by every post, last
        lid = self.reg.resolve_title(title, self.ctx.country, self.ctx.published, recent)
        if lid is None:
            return None
        ld = self.reg.leaders[lid]
        return Speaker(ld.name, ld.id, ld.gender)

    def speaker_in(
        self, s: int, e: int, last: bool = False, allow_role: bool = True, include_quoted: bool = False,
        head: int | None = None,
    ) -> tuple[Speaker, int] | None:
        """The speaker named in text[s:e]: a person, a title, a pronoun or a role noun. With `head`
        (the offset of the phrase's head word), the expression that covers it wins."""
        found = self.speaker_span(s, e, last, allow_role, include_quoted, head)
        return (found[0], found[1]) if found else None

    def speaker_span(
        self, s: int, e: int, last: bool = False, allow_role: bool = True, include_quoted: bool = False,
        head: int | None = None,
    ) -> tuple[Speaker, int, int] | None:
        """As `speaker_in`, with the end of the expression: (speaker, start, end)."""
        exprs = self.expressions(s, e, allow_role, include_quoted)
        if not exprs:
            return None
        if head is not None:
            for pos, spk, end in exprs:
                if pos <= head < max(end, pos + 1):
                    return spk, pos, end
        pos, spk, end = exprs[-1] if last else exprs[0]
        return spk, pos, end

    def candidates(
        self, s: int, e: int, allow_role: bool = True, include_quoted: bool = False
    ) -> list[tuple[int, Speaker]]:
        """Every speaker expression in text[s:e], in text order: (start, speaker)."""
        return [(pos, sp) for pos, sp, _end in self.expressions(s, e, allow_role, include_quoted)]

    def expressions(
        self, s: int, e: int, allow_role: bool = True, include_quoted: bool = False
    ) -> list[tuple[int, Speaker, int]]:
        """Every speaker expression in text[s:e], in text order: (start, speaker, end). Pure: the
        document does not remember what was asked."""
        cands: list[tuple[int, int, Speaker | None, int]] = []  # (pos, priority, speaker, end)
        i = bisect.bisect_left(self._starts, s)
        for p in self.persons[i:]:
            if p.start >= e:
                break
            if p.end <= e and (include_quoted or not p.quoted) and not (p.speaker and p.start == p.end):
                cands.append((p.start, 0, Speaker(p.name, p.leader_id, p.gender), p.end))
        for ts, te, title in self.titles:
            if s <= ts and te <= e:
                if any(c[0] <= ts < c[3] or c[0] == ts for c in cands) or self._owned_title(ts):
                    continue
                if re.match(r"[ \u00a0]{1,2}[A-ZА-ЯЁ]", self.text[te:te + 3]) and any(
                        te < p.start <= te + 2 for p in self.persons):
                    continue  # "министр обороны Петер Кристенсен": the name that follows decides
                sp = self.resolve_title(title, ts)
                if sp:
                    cands.append((ts, 1, sp, te))
        seg = self.text[s:e]
        prons = EN_PRONOUNS if self.lang == "en" else RU_PRONOUNS
        for m in WORD_RE.finditer(seg):
            w = m.group().lower()
            if w in prons:
                sp = self.nearest_before(s + m.start(), prons[w])
                if sp:
                    cands.append((s + m.start(), 2, sp, s + m.end()))
        if allow_role and not cands:
            rx = _EN_ROLE if self.lang == "en" else _RU_ROLE
            for m in rx.finditer(seg):
                if self.lang == "en" and re.search(r"(?i)(?:^|\W)(?:a|an)\s+(?:[\w-]+\s+){0,3}$",
                                                   self.text[max(0, s + m.start() - 40):s + m.start()] + " ") or \
                        re.match(r"(?i)an?\s", m.group()):
                    continue  # "a senior adviser to ...": someone new, not a person named before
                sp = self.resolve_role(s + m.start(), s + m.end())
                if sp:
                    cands.append((s + m.start(), 3, sp, s + m.end()))
                    break
        cands.sort(key=lambda c: c[0])
        return [(c[0], c[2], c[3]) for c in cands if c[2] is not None]


# a role and up to six genitive words before a surname: "Премьер Словакии | Фицо", "директор НИЦ
# эпидемиологии и микробиологии имени Гамалеи | Гинцбург", "самарский губернатор | Федорищев"
