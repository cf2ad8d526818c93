"""Document state shared by the extractors: people mentioned, and speaker resolution.

People come from the registry (names and titles), from capitalised name runs (English), from
first name + surname pairs (Russian, pymorphy3), and from NER on the sentences that hold a cue
(spaCy PERSON entities, natasha PER spans). A person not in the registry keeps the best full name
the text offers; a later bare surname is the same person. Pronouns resolve to the nearest sentence
with a compatible person, preferring that sentence's speaker, else its first person (the subject);
role nouns ("the minister", "президент") resolve to the nearest person whose known roles and
nationality fit.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from config.leaders import Registry
from quotes.candidate import Speaker as Speaker  # re-exported: the extractors import it from here
from quotes.cues import EN_PRONOUNS, RU_PRONOUNS, WORD_RE, ru_is_verb_cue, ru_name_parse, ru_surname_nom
from quotes.model import Context
from quotes.packs import PackError, UnknownLanguage, all_packs, get_pack
from quotes.text import paragraphs, sentences


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
_RU_ROLE = re.compile(
    r"(?<![\w-])(?:[а-яё]+(?:ий|ый|ой|ого|ому|ым|ая|ей)\s+)?(?:президент|министр|премьер|премьер-министр|глава|"
    r"лидер|пресс-секретар|генсек|госсекретар|посол|генерал|канцлер|дипломат|политик|губернатор|мэр|помощник|"
    r"советник|председател|спикер|представител|политолог|эксперт|аналитик|экономист|директор)"
    r"(?:ь|я|ю|ем|е|и|а|у|ом|ы|ой)?(?![\w-])",
    re.IGNORECASE,
)
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


class Doc:
    def __init__(self, text: str, lang: str, ctx: Context, reg: Registry):
        self.text, self.lang, self.ctx, self.reg = text, lang, ctx, reg
        self.persons: list[Person] = []
        self.full_names: dict[str, str] = {}  # surname key -> best full display name
        self._meta: dict[str, tuple[str | None, str, str | None]] = {}  # display -> (country, roles, gender)
        self._mask = bytearray(len(text) + 1)  # characters covered by a person mention
        for m in reg.find_names(text):
            ld = reg.leaders[m.leader_id]
            self.persons.append(Person(m.start, m.end, ld.name, ld.id, ld.gender, country=ld.country,
                                       roles=self._leader_roles(ld.id)))
            self._cover(m.start, m.end)
        self.titles = reg.find_titles(text)
        self._add_bare_titles()
        self._sent_starts: list[int] = []
        self._heads: list[tuple[int, int]] = []
        for ps, pe in paragraphs(text):
            if is_headline(text[ps:pe]):
                self._heads.append((ps, pe))
            self._sent_starts.extend(a for a, _b in sentences(text, ps, pe))
        if lang == "ru":
            self._find_ru_names()
        else:
            self._find_en_names()
        self.persons.sort()
        self._add_titles()
        self._reindex()

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

    # --- people not in the registry: English -------------------------------------------------
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
                self._add_person(s, e, display, key, _gender_of_name(first) if len(words) > 1 else None)
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
            return True
        return False

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

    # --- people not in the registry: Russian -------------------------------------------------
    def _find_ru_names(self) -> None:
        text = self.text
        toks = [m for m in WORD_RE.finditer(text) if m.group()[0].isupper()]
        i = 0
        while i < len(toks) - 1:
            a, b = toks[i], toks[i + 1]
            gap = text[a.end():b.start()]
            if self._taken(a.start(), b.end()) or not re.fullmatch(r"[ \u00a0]", gap):
                i += 1
                continue
            latin = re.match(r"\s*\(([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\)", text[b.end():b.end() + 60])
            nm = ru_name_parse(a.group())
            if not latin and (nm is None or not re.match(r"[А-ЯЁ]", b.group()) or ru_name_parse(b.group())):
                i += 1
                continue
            if _vocative(text, a.start(), b.end(), b.group()):
                i += 2
                continue
            if latin:
                display = latin.group(1)
            else:
                first, case = nm if nm else (a.group(), None)
                display = f"{first} {ru_surname_nom(b.group(), case)}"
            self._add_person(a.start(), b.end(), display, ru_key(b.group()), _gender_of_name(a.group()) if nm else None)
            i += 2
        self._surnames_alone(toks, ru_key)
        # the best (Latin) display per surname everywhere
        for p in self.persons:
            if p.leader_id is None and p.name:
                k = ru_key(_last(p.name))
                for key, disp in self.full_names.items():
                    if key == k and disp != p.name and re.search(r"[A-Za-z]", disp):
                        p.name = disp

    def add_single_surnames(self) -> None:
        """Russian: surnames alone in a speaker's slot (after NER has had its say on full names)."""
        if self.lang != "ru":
            return
        toks = [m for m in WORD_RE.finditer(self.text) if m.group()[0].isupper()]
        before = len(self.persons)
        self._ru_single_surnames(toks)
        if len(self.persons) != before:
            self._surnames_alone(toks, ru_key)
            self._reindex()

    def _ru_single_surnames(self, toks: list[re.Match[str]]) -> None:
        """A surname alone in a speaker's slot is a person (news agencies name most people so):
        right after a reporting verb or "по словам/мнению" ("заявил Патрушев", "по мнению Нехаммера"),
        right before one ("Фицо сообщил", "Лавров ранее заявлял"), or closing a role ("Премьер
        Словакии Фицо", "директор НИЦ ... имени Гамалеи Гинцбург"). The word must read as a name
        to pymorphy3 (a surname or first name, or a word it does not know), not a place or body."""
        text = self.text
        for k, m in enumerate(toks):
            w = m.group()
            if self._taken(m.start(), m.end()) or len(w) < 3 or w.isupper() or not re.match(r"[А-ЯЁ][а-яё]", w):
                continue
            if w in _RU_NOT_NAMES or not _ru_name_like(w):
                continue
            nxt = k + 1 < len(toks) and re.fullmatch(r"[ \u00a0]", text[m.end():toks[k + 1].start()])
            if nxt:
                continue  # "Гамалеи Гинцбург": the last word of a capitalised run decides
            before = text[max(0, m.start() - 120):m.start()]
            after = text[m.end():m.end() + 40]
            case = None
            slot = False
            pw = re.search(r"([а-яёА-ЯЁ-]+)[ \u00a0]+(?:(?:РИА[ \u00a0]Новости|ТАСС|журналистам|агентству|"
                           r"изданию|ранее|также|в[ \u00a0]интервью)[ \u00a0]+)?$", before)
            if pw and ru_is_verb_cue(pw.group(1)):
                slot = True  # "заявил Патрушев"
            elif re.search(r"(?i)по[ \u00a0]+(?:словам|мнению|оценке|данным)[ \u00a0]+$", before):
                slot, case = True, "gent"  # "по мнению Нехаммера"
            else:
                nv = re.match(r"[ \u00a0]+(?:(?:ранее|также|уже|в[ \u00a0]+\w+|журналистам)[ \u00a0]+)?([а-яё-]+)", after)
                if nv and ru_is_verb_cue(nv.group(1)) and _ru_past_or_present(nv.group(1)):
                    slot = True  # "Фицо сообщил"
                else:
                    rb = _RU_ROLE_BEFORE.search(before)
                    # "Премьер Словакии Фицо"; not "Президент посетил Шкловский": no verb between
                    slot = bool(rb) and not any(_ru_past_or_present(x) for x in re.findall(r"[а-яё-]+", rb.group()
                                                                                           if rb else "")[1:])
            nn = re.match(r"[ \u00a0]+([а-яё-]+)", after)
            if not slot or (nn and _ru_noun(nn.group(1))):
                continue  # "Шкловский район": an adjective before its noun, no surname
            # "сообщила ... Алибекова": a woman's surname is its own nominative (not "Алибеков"'s genitive)
            fem = bool(re.search(r"(?:ла|лась)[ \u00a0]+(?:\S+[ \u00a0]+){0,8}$", before) or re.match(
                r"[ \u00a0]+\w+(?:ла|лась)(?!\w)", after))
            nom = w if fem and case is None else ru_surname_nom(w, case)
            self._add_person(m.start(), m.end(), nom, ru_key(w), "f" if fem else _ru_surname_gender(w))

    def _add_titles(self) -> None:
        """Resolved titles ("the head of state", "белорусский лидер") are mentions too: antecedents."""
        self._starts = [p.start for p in self.persons]
        for ts, te, title in self.titles:
            if self._taken(ts, te):
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

    # --- resolution ------------------------------------------------------------------------------
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
        return None

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
        cands = self.candidates(s, e, allow_role, include_quoted)
        if not cands:
            return None
        if head is not None:
            for pos, spk, end in self._spans:
                if pos <= head < max(end, pos + 1):
                    return spk, pos
        pos, spk = cands[-1] if last else cands[0]
        return spk, pos

    def mention_end(self, pos: int) -> int | None:
        """The end of the speaker expression that `speaker_in` or `candidates` last found at `pos`."""
        for p, _spk, end in self._spans:
            if p == pos:
                return end
        return None

    def candidates(
        self, s: int, e: int, allow_role: bool = True, include_quoted: bool = False
    ) -> list[tuple[int, Speaker]]:
        """Every speaker expression in text[s:e], in text order."""
        cands: list[tuple[int, int, Speaker | None, int]] = []  # (pos, priority, speaker, end)
        i = bisect.bisect_left(self._starts, s)
        for p in self.persons[i:]:
            if p.start >= e:
                break
            if p.end <= e and (include_quoted or not p.quoted) and not (p.speaker and p.start == p.end):
                cands.append((p.start, 0, Speaker(p.name, p.leader_id, p.gender), p.end))
        for ts, te, title in self.titles:
            if s <= ts and te <= e:
                if any(c[0] <= ts < c[3] or c[0] == ts for c in cands):
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
        self._spans = [(c[0], c[2], c[3]) for c in cands if c[2] is not None]
        return [(c[0], c[2]) for c in cands if c[2] is not None]


# a role and up to six genitive words before a surname: "Премьер Словакии | Фицо", "директор НИЦ
# эпидемиологии и микробиологии имени Гамалеи | Гинцбург", "самарский губернатор | Федорищев"
_RU_ROLE_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?:премьер(?:-министр)?|президент|министр|глава|лидер|пресс-секретарь|генсек|посол|канцлер|"
    r"губернатор|мэр|директор|председатель|спикер|депутат|сенатор|помощник|советник|замминистра|замглавы|"
    r"политолог|эксперт|аналитик|руководитель|генерал|командующий|главком|врио)"
    r"(?:[ \u00a0]+(?!(?:заявил|сказал|сообщил|отметил)\b)[\w«»\"-]+){0,6}?[ \u00a0]+$")
_RU_NOT_NAMES = set(get_pack("ru").words("not_names"))


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


@lru_cache(maxsize=50_000)
def _ru_name_like(word: str) -> bool:
    """Does pymorphy3 read the word as a person's name (a surname or first name), or not know it at
    all, rather than as a place, an organisation or a known common word?"""
    from quotes.cues import _morph

    parses = _morph().parse(word.lower())[:4]
    if not parses:
        return False
    best = parses[0]
    if any(t in best.tag for t in ("Geox", "Orgn", "Abbr", "Trad")):
        return False
    if any("Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag for p in parses):
        return True
    return not best.is_known or best.tag.POS is None  # "Фицо", "Боррель": foreign surnames it guesses at


@lru_cache(maxsize=50_000)
def _ru_noun(word: str) -> bool:
    from quotes.cues import _morph

    return "NOUN" in _morph().parse(word.lower())[0].tag


@lru_cache(maxsize=50_000)
def _ru_past_or_present(word: str) -> bool:
    from quotes.cues import _morph

    return any("VERB" in p.tag and "INFN" not in p.tag for p in _morph().parse(word.lower())[:3])


@lru_cache(maxsize=50_000)
def _ru_surname_gender(word: str) -> str | None:
    from quotes.cues import _morph

    for p in _morph().parse(word.lower())[:3]:
        if "Surn" in p.tag:
            return "f" if "femn" in p.tag else "m"
    return None


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


def _last(name: str) -> str:
    return name.split()[-1] if name else ""


def _gender_of_name(word: str) -> str | None:
    from quotes.cues import _morph

    for p in _morph().parse(word.lower())[:3]:
        if "Name" in p.tag:
            return "f" if "femn" in p.tag else "m"
    return None
