"""People mentioned in a document: the shared part of name finding (quotes.names_en, quotes.names_ru)
and of speaker resolution (quotes.speakers).

A person not in the registry keeps the best full name the text offers; a later bare surname is the
same person. Each mention knows its country and role words (from the words around it), so that role
nouns ("the minister") and pronouns can be resolved to it.
"""
from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache

from config.leaders import Registry
from quotes.candidate import Speaker
from quotes.cues import WORD_RE, ru_name_parse, ru_surname_nom
from quotes.model import Context
from quotes.packs import all_packs, get_pack


@dataclass(order=True)
class Person:
    start: int
    end: int
    name: str = field(compare=False)
    leader_id: str | None = field(compare=False, default=None)
    gender: str | None = field(compare=False, default=None)
    quoted: bool = field(compare=False, default=False)  # inside quoted speech: not an antecedent
    country: str | None = field(compare=False, default=None)
    roles: str = field(compare=False, default="")  # lowercase role words known for this person
    speaker: bool = field(compare=False, default=False)  # was attributed a quote at this position
    title: bool = field(compare=False, default=False)  # a resolved title ("the head of state")


_EN_ROLE = re.compile(
    r"\b(?:the\s+)?(?:[A-Za-z]+\s+){0,3}?(?:president|minister|spokesman|spokeswoman|spokesperson|leader|premier|"
    r"chancellor|secretary|general|chief|ambassador|official|diplomat|envoy|commander|governor|mayor|"
    r"aide|adviser|advisor|head|ruler|analyst|expert|politician|scientist|researcher|economist|official|"
    r"chairman|chairwoman|director|prosecutor|ombudsman|commissioner|representative)\b",
    re.IGNORECASE,
)


# a role noun as Russian writes a speaker by role ("белорусский премьер", "— сказал парламентарий"): an
# optional adjective, then a stem of the pack's role_anaphors lexicon with an inflection ending
_RU_ROLE_ENDING = r"(?:ь|я|ю|ем|е|и|а|у|ом|ы|ой|й|ий|ого|ому|ым|ая|ую|ей|его|ему|им)?"
_RU_ROLE = re.compile(
    r"(?<![\w-])(?:[а-яё]+(?:ий|ый|ой|ого|ому|ым|ая|ей)\s+)?(?:"
    + "|".join(re.escape(w) for w in sorted(get_pack("ru").words("role_anaphors"), key=len, reverse=True))
    + ")" + _RU_ROLE_ENDING + r"(?![\w-])",
    re.IGNORECASE,
)
# the roles a surname may follow, in the nominative ("замгендиректора РЖД Колесников"; not "президенту
# Зурабишвили", where the role is the object of someone else's sentence)
RU_ROLE_ENDING = r"(?:ь|й|ий|ый|ая)?"
RU_ROLE_STEMS = "|".join(re.escape(w) for w in sorted(get_pack("ru").words("role_nouns"), key=len, reverse=True))
# a role standing before a name (a speaker label's, a sentence's subject): an optional adjective, a role
# stem in the nominative, up to six words qualifying it ("Глава МИД Беларуси ", "Замглавы МИД ",
# "Постпред РФ при ООН "); group 1 is the qualifying words (whoever uses it checks they hold no verb)
RU_ROLE_PREFIX = re.compile(
    r"(?i)(?:[а-яё-]+(?:ий|ый|ой|ая)[ \u00a0]+)?(?:" + RU_ROLE_STEMS + ")" + RU_ROLE_ENDING
    + r"((?:[ \u00a0]+[\w-]+){0,6}?)[ \u00a0]+")


def ru_role_only(prefix: str) -> bool:
    """Is what stands before a name nothing, or a role whose qualifying words hold no verb ("Замглавы МИД "
    in "Замглавы МИД Рябков предупредил ...", "Глава МИД Беларуси " in a speaker label)?"""
    if not prefix.strip():
        return True
    m = RU_ROLE_PREFIX.fullmatch(prefix)
    return m is not None and not any(ru_any_verb(w) for w in re.findall(r"[а-яё-]+", m.group(1).lower()))


@lru_cache(maxsize=100_000)
def ru_any_verb(word: str) -> bool:
    """Is the word's likeliest reading a verb?"""
    from quotes.cues import _morph

    return "VERB" in _morph().parse(word)[0].tag


# a role word -> what a person's roles must mention to be that role (None: any person)
_ROLE_FAMILY: list[tuple[str, tuple[str, ...] | None]] = [
    ("prime minister", ("prime minister", "premier", "head of government", "премьер", "председатель правительства")),
    ("premier", ("prime minister", "premier", "премьер")),
    ("премьер", ("prime minister", "premier", "премьер", "председатель правительства")),
    ("head of government", ("prime minister", "premier", "премьер")),
    ("president", ("president", "президент", "head of state", "глава государства")),
    ("президент", ("president", "президент", "глава государства")),
    ("spokes", ("spokes", "press secretary", "пресс-секретар", "представител")),
    ("пресс-секретар", ("spokes", "press secretary", "пресс-секретар", "представител")),
    ("представител", ("spokes", "press secretary", "пресс-секретар", "представител")),
    ("state secretary", ("state secretary", "госсекретар", "государственный секретарь")),
    ("госсекретар", ("state secretary", "госсекретар", "государственный секретарь")),
    ("генсек", ("secretary general", "генсек", "генеральный секретарь")),
    ("diplomat", ("foreign", "diplomat", "ambassador", "spokes", "иностранных", "мид")),
    ("дипломат", ("foreign", "diplomat", "ambassador", "иностранных", "мид", "дипломат")),
    ("chairman", ("chairman", "chairwoman", "chair", "председател")),
    ("chairwoman", ("chairman", "chairwoman", "chair", "председател")),
    ("director", ("director", "директор")),
    ("minister", ("minister", "министр")),
    ("министр", ("minister", "министр")),
    ("analyst", ("analyst", "expert", "scientist", "fellow", "researcher", "political", "политолог", "эксперт")),
    ("expert", ("analyst", "expert", "scientist", "fellow", "researcher", "политолог", "эксперт")),
    ("scientist", ("analyst", "expert", "scientist", "fellow", "researcher", "политолог")),
    ("политолог", ("politolog", "политолог", "эксперт", "аналитик", "analyst", "expert", "scientist")),
    ("эксперт", ("политолог", "эксперт", "аналитик", "директор", "analyst", "expert", "scientist", "fellow")),
    ("аналитик", ("политолог", "эксперт", "аналитик", "analyst", "expert")),
]


# country stems of every pack, Latin and Cyrillic (the context of a name may be in either script)
_NATION: list[tuple[str, str]] = [row for pk in all_packs() if "nationalities" in pk.lexicon_files
                                  for row in pk.table("nationalities")]


_EN_STOP = set(get_pack("en").words("stop_words"))


_EN_ORG = set(get_pack("en").words("org_words"))


_EN_WORD = re.compile(r"[^\W\d_][\w’'-]*")


# modifiers that make a role noun name one post ("the first deputy head"), not a kind of person
_EN_QUALIFIERS = {"first", "deputy", "vice", "acting", "assistant"}


# capitalised words that end a title before a name: "Agriculture Minister | Yuri Gorlov",
# "Economy Ministry Spokesman | Ivan Petrov", "Mr | Lukashenko"
_EN_TITLE_WORDS = set(get_pack("en").words("title_words"))


_EN_NOT_SURNAME = {
    "Executive", "Officer", "Inspector", "Assistant", "Manager", "Counsel", "Board", "Chamber", "Department",
    "Division", "Emeritus", "Elect", "Designate", "Candidate", "Nominee", "General", "Staff", "Justice",
}


# lower-case particles inside a name: "Ursula von der Leyen", "Charles de Gaulle"
_EN_PARTICLE_WORDS = {"von", "van", "der", "den", "de", "du", "da", "di", "la", "le", "bin", "al", "ibn", "dos", "del"}


_EN_PARTICLES = re.compile(r"(?:[ \u00a0](?:" + "|".join(sorted(_EN_PARTICLE_WORDS)) + r"))+[ \u00a0]")


# a middle name between a first name and a surname: an initial or a patronymic
_EN_MIDDLE = re.compile(r"[A-Z]|[A-Z][a-z]+(?:ovich|evich|yevich|ich|ovna|evna|yevna|ichna)")


def _nation(text: str) -> str | None:
    low = text.lower()
    best: tuple[int, str] | None = None
    for stem, cc in _NATION:
        i = low.rfind(stem)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, cc)
    return best[1] if best else None


def _family(phrase: str) -> tuple[str, ...] | None:
    low = phrase.lower()
    for key, need in _ROLE_FAMILY:
        if key in low:
            return need
    return None


def is_headline(par: str) -> bool:
    """A title-case line without final punctuation ("Lukashenko Says What Putin Thinks")."""
    if par.rstrip()[-1:] in ".!?…:\"”»’":
        return False
    words = re.findall(r"[^\W\d_][\w’'-]*", par)
    if not words or len(words) > 20:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


def ru_key(surname: str) -> str:
    """A case-independent key for a Russian (or foreign, Cyrillic) surname."""
    s = surname.lower()
    for suf, rep in (("ского", "ск"), ("скому", "ск"), ("ским", "ск"), ("ском", "ск"), ("ский", "ск"),
                     ("цкого", "цк"), ("цкому", "цк"), ("цким", "цк"), ("цком", "цк"), ("цкий", "цк")):
        if s.endswith(suf):
            return s[: len(s) - len(suf)] + rep
    for suf in ("ого", "ому", "ими", "ым", "ом", "ем", "ий", "ый", "ой", "а", "у", "е", "я", "ю", "ы", "и"):
        if s.endswith(suf) and len(s) - len(suf) >= 3:
            return s[: len(s) - len(suf)]
    return s


def en_key(surname: str) -> str:
    return re.sub(r"[’']s$", "", surname).lower()


def _last(name: str) -> str:
    return name.split()[-1] if name else ""


def _vocative(text: str, s: int, e: int, last: str) -> bool:
    """A name used to address someone, not a mention of a speaker: first name and patronymic before a
    comma or !/? («Александр Григорьевич, ...»), or a name opening a dialogue line or a quotation
    and followed by a comma ("— Владимир Владимирович, вы ...")."""
    if not re.match(r"\s*[,!?]", text[e:e + 3]):
        return False
    if re.search(r"(?:ович|евич|ьич|овна|евна|ична|инична)$", last.lower()):
        return True
    before = text[max(0, s - 4):s]
    return bool(re.search(r"(?:^|\n)\s*[—–]\s*$|[«“„\"]\s*$", before))


def ru_verb_gender(text: str, s: int, e: int) -> str | None:
    """A person's gender from the past-tense verb they are the subject of, right before the name
    ("сообщила РИА Новости активист Джихан Мухаммад") or right after it ("Мухаммад сообщила")."""
    before = re.search(r"(?<![а-яё])([а-яё]+л(а|ась|ся)?)[ \u00a0]+(?:\S+[ \u00a0]+){0,8}$", text[max(0, s - 120):s])
    after = re.match(r"[ \u00a0]+(?:\S+[ \u00a0]+)?([а-яё]+л(а|ась|ся)?)(?![а-яё])", text[e:e + 40])
    for m in (before, after):
        if m and _past_verb(m.group(1)):
            return "f" if m.group(2) in ("а", "ась") else "m"
    return None


def _past_verb(word: str) -> bool:
    from quotes.cues import _morph

    return any("VERB" in p.tag and "past" in p.tag for p in _morph().parse(word.lower())[:2])


def _gender_of_name(word: str) -> str | None:
    from quotes.cues import _morph

    for p in _morph().parse(word.lower())[:3]:
        if "Name" in p.tag:
            return "f" if "femn" in p.tag else "m"
    return None


class Mentions:
    """The people of one text and the bookkeeping every name finder and the resolver share."""

    text: str
    lang: str
    ctx: Context
    reg: Registry
    persons: list[Person]
    full_names: dict[str, str]  # surname key -> best full display name
    _meta: dict[str, tuple[str | None, str, str | None]]  # key -> (country, roles, gender)
    _mask: bytearray  # characters covered by a person mention
    titles: list[tuple[int, int, str]]
    _sent_starts: list[int]
    _heads: list[tuple[int, int]]
    _starts: list[int]

    def _reindex(self) -> None:
        self.persons.sort()
        self._starts = [p.start for p in self.persons]

    def _leader_roles(self, lid: str) -> str:
        ld = self.reg.leaders[lid]
        return " ".join([*(r.title.lower() for r in ld.roles), *(t.text.lower() for t in ld.titles)])

    def sent_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def _context(self, s: int, e: int) -> tuple[str | None, str]:
        """Country and role words around a name not in the registry (the words before it in its
        sentence, and an appositive after it: ", a Belarusian political analyst")."""
        si = self.sent_of(s)
        ss = self._sent_starts[si] if si >= 0 else 0
        before = self.text[max(ss, s - 70):s]
        after = ""
        m = re.match(r",\s+([^,.;:!?«»“”\"]{3,80})", self.text[e:e + 90])
        if m:
            after = m.group(1)
        ctx = (before + " " + after).lower()
        return _nation(ctx), ctx

    def _add_person(self, s: int, e: int, display: str, key: str, gender: str | None = None) -> None:
        best = self.full_names.get(key)
        if best is None or (len(display.split()) > len(best.split())) or (
                re.search(r"[A-Za-z]", display) and not re.search(r"[A-Za-z]", best)):
            self.full_names[key] = display
        country, roles = self._context(s, e)
        old = self._meta.get(key)
        if old:
            country = country or old[0]
            roles = (old[1] + " " + roles).strip()
            gender = gender or old[2]
        self._meta[key] = (country, roles, gender)
        self.persons.append(Person(s, e, display, None, gender, country=country, roles=roles))
        self._cover(s, e)

    def _cover(self, s: int, e: int) -> None:
        self._mask[s:e] = b"\x01" * (e - s)

    def _taken(self, s: int, e: int) -> bool:
        return 1 in self._mask[s:e]

    def taken(self, s: int, e: int) -> bool:
        """Is any character of text[s:e] part of a known person mention?"""
        return 1 in self._mask[s:e]

    def _in_head(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self._heads)

    def _surnames_alone(self, toks: list[re.Match[str]], key: object) -> None:
        keyf = key  # en_key or ru_key
        for m in toks:
            w = m.group()
            if not w[0].isupper() or self._taken(m.start(), m.end()):
                continue
            k = keyf(w)  # type: ignore[operator]
            disp = self.full_names.get(k)
            if disp:
                country, roles, gender = self._meta.get(k, (None, "", None))
                end = m.start() + len(re.sub(r"[’']s$", "", w))
                self.persons.append(Person(m.start(), end, disp, None, gender, country=country, roles=roles))
                self._cover(m.start(), end)

    def add_names(self, spans: list[tuple[int, int]]) -> None:
        """Person names found by NER (character spans of `text`): add those not known yet, then
        their bare surnames elsewhere in the text."""
        added = False
        for s, e in spans:
            if self._taken(s, e):
                continue
            words = self.text[s:e].split()
            if self.lang == "ru" and _vocative(self.text, s, e, words[-1]):
                continue
            if self.lang == "ru":
                first = words[0]
                nm = ru_name_parse(first) if len(words) > 1 else None
                case = nm[1] if nm else None
                last = ru_surname_nom(words[-1], case) if len(words) > 1 else words[-1]
                display = " ".join([nm[0] if nm else first, *words[1:-1], last]) if len(words) > 1 else last
                key = ru_key(words[-1])
                if len(words) == 1 and key not in self.full_names:
                    display = ru_surname_nom(words[0], None)
                self._add_person(s, e, display, key, ru_verb_gender(self.text, s, e)
                                 or (_gender_of_name(first) if len(words) > 1 else None))
            else:
                w = [re.sub(r"[’']s$", "", x) for x in words]
                if len(w) == 1 and en_key(w[0]) not in self.full_names:
                    continue  # a bare surname never seen in full: too weak alone
                self._add_person(s, s + len(" ".join(w)), " ".join(w) if len(w) > 1 else self.full_names[en_key(w[0])],
                                 en_key(w[-1]))
            added = True
        if added:
            toks = [m for m in (_EN_WORD if self.lang == "en" else WORD_RE).finditer(self.text)]
            self._surnames_alone(toks, en_key if self.lang == "en" else ru_key)
            # a title right before a name now known is that name's apposition, not a mention
            # ("глава офиса президента Украины Андрей Ермак")
            names = {p.start for p in self.persons if not p.title}
            self.persons = [p for p in self.persons if not (p.title and re.match(
                r"[ \u00a0]{1,2}[A-ZА-ЯЁ]", self.text[p.end:p.end + 3]) and (
                p.end + 1 in names or p.end + 2 in names))]
            self._reindex()

    def unknown_names(self, s: int, e: int) -> bool:
        """Does text[s:e] hold a capitalised word (not the first) that is no registry name or title?"""
        return bool(self.unknown_name_words(s, e, first_only=True))

    def unknown_name_words(self, s: int, e: int, first_only: bool = False) -> list[tuple[int, int]]:
        """The capitalised words of text[s:e] (not the first) that are no registry name or title."""
        out: list[tuple[int, int]] = []
        first = True
        for m in _EN_WORD.finditer(self.text, s, e):
            w = m.group()
            if first:
                first = False
                continue
            if not w[0].isupper() or w in _EN_STOP:
                continue
            i = bisect.bisect_right(self._starts, m.start()) - 1
            p = self.persons[i] if i >= 0 else None
            if p is not None and p.start <= m.start() < p.end and (p.leader_id or p.title):
                continue
            if w in _EN_ORG or (w.isupper() and len(w) > 1):
                continue
            out.append((m.start(), m.end()))
            if first_only:
                break
        return out

    def veto(self, spans: list[tuple[int, int]]) -> None:
        """Drop names (not from the registry) that NER calls something else (an organisation, a place)."""
        keep = []
        for p in self.persons:
            if p.leader_id is None and not p.title and not p.speaker and any(
                    s <= p.start and p.end <= e for s, e in spans) and not self._personal(p):
                continue
            keep.append(p)
        if len(keep) != len(self.persons):
            self.persons = keep
            self._mask = bytearray(len(self.text) + 1)
            for p in keep:
                self._cover(p.start, p.end)
            self._reindex()

    def _personal(self, p: Person) -> bool:
        """Is the name's context that of a person: a title right before it ("Economy Minister Ivan
        Petrov") or an appositive role after it ("Franak Viačorka, a senior adviser to ...")?"""
        if self.lang != "en":
            return False
        before = re.search(r"([A-Z][\w-]*)\.?[ \u00a0]$", self.text[max(0, p.start - 30):p.start])
        if before and before.group(1) in _EN_TITLE_WORDS:
            return True
        m = re.match(r",\s+(?:(?:a|an|the)\s+)?([^,.;:!?]{3,60})", self.text[p.end:p.end + 80])
        if m and _EN_ROLE.match(m.group(1)):
            return True
        # "the chairman of the State Border Committee, Konstantin Molostov, said"
        b = re.search(r"([^,.;:!?“”\"]{3,100}),[ \u00a0]+$", self.text[max(0, p.start - 110):p.start])
        return bool(b and re.match(r",", self.text[p.end:p.end + 1]) and _EN_ROLE.search(b.group(1)))

    def fork(self) -> Mentions:
        """A copy an extractor may annotate (quoted spans, speakers found) without changing what the
        other extractors see."""
        other = copy.copy(self)
        other.persons = [copy.copy(p) for p in self.persons]
        other._starts = list(self._starts)
        other._mask = bytearray(self._mask)
        other.full_names = dict(self.full_names)
        other._meta = dict(self._meta)
        other.titles = list(self.titles)
        return other

    def mark_quoted(self, s: int, e: int) -> None:
        for p in self.persons:
            if s <= p.start and p.end <= e:
                p.quoted = True

    def add_speaker(self, pos: int, sp: Speaker) -> None:
        if sp.name is None:
            return
        country, roles = None, ""
        if sp.leader_id:
            country, roles = self.reg.leaders[sp.leader_id].country, self._leader_roles(sp.leader_id)
        else:
            for p in self.persons:
                if p.name == sp.name:
                    country, roles = p.country, p.roles
                    break
        p = Person(pos, pos, sp.name, sp.leader_id, sp.gender, country=country, roles=roles, speaker=True)
        i = bisect.bisect_left(self._starts, pos)
        self.persons.insert(i, p)
        self._starts.insert(i, pos)
