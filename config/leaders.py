"""`leaders.yaml`: the people whose quotes Mouthpiece attributes, and the registry that finds them.

The registry is pure (no I/O after loading): it finds leader mentions in text (Latin and Cyrillic
aliases, generated Russian case forms, initials such as "В.Путин") and resolves titles
("the head of state", "глава государства") by the publishing source's country and date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.loader import config_path, load_yaml

_CYR = re.compile(r"[А-Яа-яЁёІіЎўЄєЇїҐґ]")
WORD = re.compile(r"[^\W\d_](?:[\w]|[-‐](?=\w))*")
_PREV = re.compile(r"(?:([^\W\d_][\w-]*)[ \t\u00a0]+|([A-ZА-ЯЁ])\.[ \t\u00a0]?)$")


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    title: str
    start: date | None = Field(default=None, alias="from")
    end: date | None = Field(default=None, alias="to")

    def active(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


class Title(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=2)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$|^INT$")
    role: str | None = None  # the role (by its title) this title names; default: any role


class Leader(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$|^INT$")
    gender: Literal["m", "f"] | None = None
    roles: list[Role] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    forms_ru: list[str] = Field(default_factory=list)
    titles: list[Title] = Field(default_factory=list)

    def role_on(self, day: date) -> str | None:
        """The title this leader held on `day` (the latest role when none was active then)."""
        if not self.roles:
            return None
        active = [r for r in self.roles if r.active(day)]
        return (active or self.roles)[-1].title

    def active(self, on: date | None, role: str | None = None) -> bool:
        roles = [r for r in self.roles if role is None or r.title == role]
        if on is None or not roles:
            return True
        return any(r.active(on) for r in roles)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


class LeadersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    leaders: list[Leader]

    @field_validator("leaders")
    @classmethod
    def _title_roles(cls, v: list[Leader]) -> list[Leader]:
        for ld in v:
            names = {r.title for r in ld.roles}
            for t in ld.titles:
                if t.role is not None and t.role not in names:
                    raise ValueError(f"{ld.id}: title {t.text!r} names unknown role {t.role!r}")
        return v

    @field_validator("leaders")
    @classmethod
    def _unique_ids(cls, v: list[Leader]) -> list[Leader]:
        seen: set[str] = set()
        for ld in v:
            if ld.id in seen:
                raise ValueError(f"duplicate leader id {ld.id!r}")
            seen.add(ld.id)
        return v


# --- Russian case forms ------------------------------------------------------------------------

_SOFT_HUSH = "гкхжшчщ"


def ru_forms(word: str, gender: str | None = "m") -> set[str]:
    """Singular case forms of a Russian name word by suffix rules (names decline regularly)."""
    w = word
    low = w.lower()
    out = {w}
    if not _CYR.search(w) or len(w) < 2:
        return out
    last = low[-1]
    if low.endswith(("ский", "цкий", "ской")):
        stem = w[:-2]
        out |= {stem + s for s in ("ого", "ому", "им", "ом")}
    elif low.endswith(("ова", "ева", "ёва", "ина", "ына")) and gender == "f":
        out |= {w[:-1] + "ой", w[:-1] + "у"}
    elif last == "а":
        stem = w[:-1]
        y = "и" if low[-2] in _SOFT_HUSH else "ы"
        out |= {stem + s for s in (y, "е", "у", "ой")}
    elif last == "я":
        stem = w[:-1]
        out |= {stem + s for s in ("и", "ю", "ей", "е")}
    elif low.endswith("ий"):
        stem = w[:-2]
        out |= {stem + s for s in ("ия", "ию", "ием", "ии")}
    elif last == "й":
        stem = w[:-1]
        out |= {stem + s for s in ("я", "ю", "ем", "е")}
    elif last == "ь":
        stem = w[:-1]
        out |= {stem + s for s in ("я", "ю", "ем", "е")}
    elif last in "оеиуэюы":
        pass  # indeclinable (Лукашенко, Шойгу, Рютте)
    elif gender != "f":
        ins = "ым" if low.endswith(("ов", "ев", "ёв", "ин", "ын")) else "ом"
        out |= {w + s for s in ("а", "у", ins, "е")}
    return out


def _title_forms(text: str) -> set[str]:
    """A Russian title in its cases: inflect the leading nominative words ("глава государства")."""
    words = text.split()
    if not _CYR.search(text):
        return {text}
    out = {text}
    # inflect the first word (head noun), and a leading adjective together with its noun
    first = words[0].lower()
    if first.endswith(("ский", "цкий", "ый", "ий", "ой")) and len(words) >= 2:
        adj_stem = words[0][:-2]
        adj_endings = ["ого", "ому", "им", "ом"]
        for adj_end, noun in zip(adj_endings, _ordered_forms(words[1]), strict=False):
            out.add(" ".join([adj_stem + adj_end, noun, *words[2:]]))
    else:
        for f in ru_forms(words[0]):
            out.add(" ".join([f, *words[1:]]))
    return out


def _ordered_forms(word: str) -> list[str]:
    """gen, dat, ins, prep forms of a masculine noun, in that order (for adjective agreement)."""
    low = word.lower()
    if low.endswith("ь"):
        stem = word[:-1]
        return [stem + "я", stem + "ю", stem + "ем", stem + "е"]
    return [word + "а", word + "у", word + "ом", word + "е"]


# --- the registry --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    leader_id: str
    kind: str  # "name" | "title"


class Registry:
    """Finds leaders in text and resolves titles. Built once from LeadersFile."""

    def __init__(self, leaders: list[Leader]):
        self.leaders: dict[str, Leader] = {ld.id: ld for ld in leaders}
        # surname-like token -> leader ids; first-name tokens -> leader ids
        self._last: dict[str, set[str]] = {}
        self._first: dict[str, set[str]] = {}
        title_keys: dict[str, list[tuple[str, Title]]] = {}
        for ld in leaders:
            for alias in [*ld.aliases, *ld.forms_ru]:
                words = WORD.findall(alias.replace(".", ". "))
                if not words:
                    continue
                *firsts, last = words
                for form in ru_forms(last, ld.gender) if _CYR.search(last) else {last}:
                    self._last.setdefault(form.lower(), set()).add(ld.id)
                for fw in firsts:
                    for form in ru_forms(fw, ld.gender) if _CYR.search(fw) else {fw}:
                        self._first.setdefault(form.lower(), set()).add(ld.id)
            for t in ld.titles:
                for form in _title_forms(t.text):
                    title_keys.setdefault(form.lower(), []).append((ld.id, t))
        self._titles = title_keys
        alts = sorted(title_keys, key=len, reverse=True)
        self._title_re = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?![\w-])",
            re.IGNORECASE,
        ) if alts else None
        # the first words titles can open with: find_titles tries the alternation only where one
        # stands (trying it at every character cost 12 ms per article); None: some title opens
        # with no word, so every position is tried
        firsts = [WORD.match(a) for a in alts]
        self._title_first: frozenset[str] | None = (
            frozenset(m.group().lower() for m in firsts if m) if all(firsts) else None)

    # names ---------------------------------------------------------------------------------
    def ids_for_token(self, token: str) -> set[str]:
        return self._last.get(token.lower(), set())

    def is_first_name_of(self, token: str, leader_id: str) -> bool:
        return leader_id in self._first.get(token.lower(), set())

    def find_names(self, text: str) -> list[Mention]:
        """Leader name mentions: surname tokens (capitalised), extended left over first names/initials."""
        out: list[Mention] = []
        for m in WORD.finditer(text):
            tok = m.group()
            if not tok[0].isupper():
                continue
            ids = self._last.get(tok.lower())
            if not ids:
                continue
            cands = sorted(ids)
            start = m.start()
            for _ in range(3):
                prev = _PREV.search(text, max(0, start - 40), start)
                if not prev:
                    break
                word, initial = prev.group(1), prev.group(2)
                if word:
                    hit = [i for i in cands if self.is_first_name_of(word, i)]
                else:
                    hit = [i for i in cands if any(w[:1] == initial.lower() for w in self._first_words(i))]
                if not hit:
                    break
                cands = hit
                start = prev.start()
            out.append(Mention(start, m.end(), cands[0], "name"))
        return out

    def _first_words(self, leader_id: str) -> set[str]:
        return {k for k, v in self._first.items() if leader_id in v}

    # titles --------------------------------------------------------------------------------
    def find_titles(self, text: str) -> list[tuple[int, int, str]]:
        if self._title_re is None:
            return []
        if self._title_first is None:
            return [(m.start(), m.end(), re.sub(r"\s+", " ", m.group().lower())) for m in self._title_re.finditer(text)]
        out: list[tuple[int, int, str]] = []
        end = 0
        for w in WORD.finditer(text):
            if w.start() < end or w.group().lower() not in self._title_first:
                continue
            m = self._title_re.match(text, w.start())
            if m:
                out.append((m.start(), m.end(), re.sub(r"\s+", " ", m.group().lower())))
                end = m.end()
        return out

    def resolve_title(
        self,
        title: str,
        country: str | None = None,
        published: date | None = None,
        recent: list[str] | None = None,
    ) -> str | None:
        """Which leader a title names: by source country and date; ties go to the most recent mention."""
        entries = self._titles.get(re.sub(r"\s+", " ", title.lower()), [])
        cands: list[str] = []
        named_role: dict[str, str | None] = {}
        for lid, t in entries:
            if t.country is not None and t.country != country:
                # without the source's country, a country-bound title needs its holder in the text
                if country is not None or lid not in (recent or []):
                    continue
            if not self.leaders[lid].active(published, t.role):
                continue
            if lid not in cands:
                cands.append(lid)
                named_role[lid] = t.role
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        for r in recent or []:
            if r in cands:
                return r
        if published is None:
            # prefer the holder whose role is current (open-ended)
            # (of the role the title names: a past president who holds another office is not it)
            current = [c for c in cands if any(r.end is None and named_role[c] in (None, r.title)
                                               for r in self.leaders[c].roles)]
            if len(current) == 1:
                return current[0]
        return None


def load_leaders(path: str | Path | None = None) -> list[Leader]:
    return _load(str(path or config_path("leaders.yaml")))


@lru_cache(maxsize=8)
def _load(path: str) -> list[Leader]:
    return load_yaml(path, LeadersFile).leaders


@lru_cache(maxsize=8)
def _registry(path: str) -> Registry:
    return Registry(_load(path))


def load_registry(path: str | Path | None = None) -> Registry:
    """The (cached) registry for `path`, default the deployment's leaders.yaml."""
    return _registry(str(path or config_path("leaders.yaml")))
