"""Speaker-label lines: a line that opens with a person's name (or role + name, or a transcript-style
label) and a colon, then their words, with no quotation marks: the layout of news flashes and
Telegram posts ("Путин: Экономический блицкриг против России провалился.", "⚡️Глава МИД Беларуси
Рыженков: ...", "Lavrov: The West is waging a war against Russia.", a single turn "В.ПУТИН: ...").

The name may be followed by the topic or the occasion of the words, from packs/<lang>/label_tails.txt
("Путин о переговорах:", "Лавров — о переговорах:", "Лавров в интервью РИА Новости:", "Lavrov on talks:",
"Peskov to reporters:"), a tail with no verb; a place ("Путин в Пекине:") is no such tail.

The words after the colon, to the end of the line, are that person's direct quote (a headline's only:
the body below it is the reporter's). The label must be a person and nothing else: one person named
last in it, in the nominative, with nothing before the name but a role ("Депутат Госдумы Антропенко",
"Russian Foreign Minister Sergei Lavrov"). A place, a body or a topic ("Южная Корея:", "МИД России:",
"Сводка МО:", "Важно:"), a question label ("ВОПРОС:") or a heading about the person ("Навальный: что
известно") is no one's quote. Full transcripts are quotes.transcript's: their paragraphs are skipped.

Pure: reads the page and the candidates of the extractors that ran before, changes neither.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial

from quotes.candidate import Candidate, Speaker
from quotes.cues import WORD_RE
from quotes.extractors import Page
from quotes.label_tail import tail_holds_verb, tail_pattern, tail_start
from quotes.packs import LanguagePack
from quotes.people import _EN_ROLE, ru_role_only
from quotes.post import _FIRST_PERSON, _SECOND_PERSON
from quotes.text import line_head, line_label, strip_span, wholly_quoted, word_count

# an English one: "Russian Foreign Minister", "Kremlin spokesman", "Foreign Minister of Belarus"
_EN_OF = re.compile(r"(?:[ \u00a0]+(?:of|for|to)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w'’-]*(?:[ \u00a0]+[A-Z][\w'’-]*){0,3})?"
                    r"[ \u00a0]+")
_SPACE_BEFORE_WORD = re.compile(r"[ \u00a0]+(?=\w)")
_MIN_WORDS = 3
_RESTATED = 0.5  # the share of a headline's words (stems of four letters or more) a quote restating it holds


class LabelLineExtractor:
    name = "label"

    def find(self, page: Page) -> list[Candidate]:
        text = page.text
        out: list[Candidate] = []
        for pi, (ps, pe) in enumerate(page.paras):
            if pi in page.transcript_paras:
                continue  # a transcript's turns: quotes.transcript
            lab = line_label(text, ps, pe)
            sp = self._label_person(page, lab[0], lab[1]) if lab is not None else None
            if lab is not None and sp is not None:
                ls, le, cs = lab
                ne = le
            else:
                tailed = self._tailed(page, ps, pe)
                if tailed is None:
                    continue
                ls, ne, le, cs, sp = tailed
            s, e = strip_span(text, cs, pe, " \t\u00a0;,")
            s, e = wholly_quoted(text, s, e) or (s, e)
            if e <= s or word_count(text[s:e]) < _MIN_WORDS or text[e - 1] == ":":
                continue  # too short for a statement, or a line that introduces what follows
            if _heading(page.pack, text[s:e]):
                continue  # "Навальный: что известно о ...": a heading about the person
            if text[e - 1] == "?" and not _FIRST_PERSON.search(text, s, e) and not _SECOND_PERSON.search(text, s, e):
                continue  # "Ted Cruz: Constitutional conservative or career politician?": a question about them
            if any(c.start < e and s < c.end for c in page.earlier):
                continue  # the line's marks or reporting verb already attribute it
            if any(_restates(text[s:e], text[c.start:c.end]) for c in page.earlier if _same(c.speaker, sp)):
                continue  # a headline over the story that quotes the same words: the story's quote is the record
            out.append(Candidate(s, e, "direct", self.name, cue=":", source=(ls, ne), speaker=sp,
                                 link=f"speaker label {text[ls:le]!r} opening the line"))
        return out

    def _tailed(self, page: Page, ps: int, pe: int) -> tuple[int, int, int, int, Speaker] | None:
        """A label whose person is followed by the topic or the occasion of the words ("Путин о
        переговорах:", "Лавров — о переговорах:", "Лавров в интервью РИА Новости:", "Peskov to
        reporters:"): the label's start, the name's end, the label's end, where the words start, and
        the person. The tail opens with a label_tails phrase (after an optional dash) and holds no verb: read by
        quotes.label_tail, as the Russian name finder reads it of a surname alone."""
        text = page.text
        head = line_head(text, ps, pe)
        if head is None:
            return None
        ls, le, cs = head
        # the words wholly in quotation marks are the person's whatever the tail says of them ("Путин в
        # Пекине: «...»"); bare words after a tail that is only a place are the reporter's heading
        quoted = wholly_quoted(text, *strip_span(text, cs, pe, " \t\u00a0;,")) is not None
        tails, role_only = tail_pattern(page.pack), partial(_role_only, page)
        # where the name may end: before a tail phrase, at the label's comma, and (words wholly quoted) at
        # any space before a word, where the rest, whatever it says, must hold no verb
        spaces = {m.start() for m in _SPACE_BEFORE_WORD.finditer(text, ls + 1, le)} if quoted else set()
        ends = {m.start() for m in tails.finditer(text, ls, le)} | spaces
        comma = text.find(",", ls, le)
        if comma > ls:
            ends.add(comma)  # "Картаполов, председатель комитета Госдумы по обороне:"
        for ne in sorted(ends):
            ts = ne if ne in spaces else tail_start(text, ne, le, tails, role_only)
            if ts is None:
                continue
            if re.search(r"[«»“”\"—–,]", text[ls:ne]) or word_count(text[ls:ne]) > 8:
                return None  # the name part is a plain label, as line_label's
            sp = self._label_person(page, ls, ne)
            if sp is None:
                continue
            if tail_holds_verb(page.lang, text, ts, le):
                return None  # "Путин прибыл в ...:", "Lavrov on why he said ...": a sentence, not a label
            return ls, ne, le, cs, sp
        return None

    @staticmethod
    def _label_person(page: Page, ls: int, le: int) -> Speaker | None:
        """The person the label is: named last in it (by the registry, the name finder or NER), alone,
        in the nominative, after nothing but a role."""
        doc = page.names
        text = page.text
        label = text[ls:le]
        first = re.match(r"[\w-]+", label)
        if first is None or first.group().lower() in _anonymous(page.pack):
            return None  # "ВОПРОС:", "Question:"
        people = [p for p in doc.persons if ls <= p.start and p.end <= le and p.start < p.end and not p.quoted]
        if not people or len({(p.name, p.leader_id) for p in people}) != 1:
            return None
        p = people[-1]
        if p.title or p.end != le or p.name is None:
            return None  # "Президент:", "Встреча Путина и Си:": a title alone, or a name not last
        if page.lang == "ru" and not doc._nominative_mention(p):
            return None  # "Встреча с Путиным:": the label is about him, not his
        prefix = text[ls:people[0].start]
        if not _role_only(page, prefix, ls):
            return None
        if page.lang != "ru" and p.leader_id is None and not prefix.strip() and not any(
                q.name == p.name and q.start < q.end and not ls <= q.start < le for q in doc.persons):
            return None  # English capitalises a heading's every word ("Fact Check:", "Live Updates:"): a
            # name alone outside the registry is a person when the text names them again
        return Speaker(p.name, p.leader_id, p.gender)


def _role_only(page: Page, prefix: str, ls: int) -> bool:
    """Is what stands before the name in the label nothing, a role, or a registry title?"""
    if not prefix.strip():
        return True
    if any(ts == ls and te <= ls + len(prefix) and not prefix[te - ls:].strip() for ts, te, _ in page.names.titles):
        return True
    if page.lang == "ru":
        return ru_role_only(prefix)
    m = _EN_ROLE.match(prefix)
    return m is not None and m.start() == 0 and _EN_OF.fullmatch(prefix, m.end()) is not None


def _same(a: Speaker | None, b: Speaker) -> bool:
    return a is not None and (a.leader_id == b.leader_id if a.leader_id or b.leader_id else a.name == b.name)


def _stems(s: str) -> set[str]:
    return {w.lower()[:5] for w in WORD_RE.findall(s) if len(w) >= 4}


def _restates(statement: str, quote: str) -> bool:
    """Does a quote of the same speaker hold most of the statement's words ("Lukashenko: Belarus will not
    be dragged into war" over "Belarus will not be dragged into a war, ... Lukashenko said")?"""
    words = _stems(statement)
    return bool(words) and len(words & _stems(quote)) >= _RESTATED * len(words)


def _heading(pack: LanguagePack, statement: str) -> bool:
    low = statement.lower()
    return any(low.startswith(h) and not low[len(h):len(h) + 1].isalpha() for h in _headings(pack))


@lru_cache(maxsize=8)
def _headings(pack: LanguagePack) -> tuple[str, ...]:
    return tuple(sorted(pack.words("label_headings"), key=len, reverse=True))


@lru_cache(maxsize=8)
def _anonymous(pack: LanguagePack) -> frozenset[str]:
    return pack.words("label_anonymous")
