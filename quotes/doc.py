"""A document's people and speaker resolution, composed from name finding per language
(quotes.names_en, quotes.names_ru), the shared mention bookkeeping (quotes.people) and speaker
expressions (quotes.speakers).

People come from the registry (names and titles), from capitalised name runs (English), from
first name + surname pairs and surnames in a speaker's slot (Russian, pymorphy3), and from NER on
the sentences that hold a cue (spaCy PERSON entities, natasha PER spans).
"""
from __future__ import annotations

from config.leaders import Registry
from quotes.candidate import Speaker as Speaker  # re-exported: the extractors import it from here
from quotes.model import Context
from quotes.names_en import EnglishNames
from quotes.names_ru import RussianNames
from quotes.people import Person as Person
from quotes.people import en_key as en_key
from quotes.people import is_headline as is_headline
from quotes.people import ru_key as ru_key
from quotes.speakers import SpeakerExpressions
from quotes.text import paragraphs, sentences


class Doc(EnglishNames, RussianNames, SpeakerExpressions):
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
