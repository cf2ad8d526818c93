"""Quotes that only a post's layout attributes (Telegram channels of state media, issue 12 item 4).

A paragraph that is nothing but a quote (in marks, or a dialogue dash line), with no attribution of
its own, belongs to the speaker the layout names:
- a first line that names one person and holds no quote ("Лукашенко расставил акценты",
  "Глава государства — о воспитании молодежи:"): every such paragraph after it;
- a signature line after it that opens with a dash and a name ("— Александр Лукашенко на встрече с
  ..."): the quote paragraphs right before it;
- the paragraph before it, when that one ends attributing a quote to a person ("..., сообщил РИА
  Новости депутат Игорь Антропенко."): a paragraph quoted without marks (Telegram's blockquote,
  whose formatting is lost in the text; it has no final full stop or speaks in the first person),
  or in marks.

Pure: reads the page and the candidates of the extractors that ran before, changes neither.
"""
from __future__ import annotations

import re
from functools import lru_cache

from quotes.candidate import Candidate, Speaker
from quotes.cues import EN_VERB_FORMS, WORD_RE, ru_is_verb_cue
from quotes.doc import Person
from quotes.extractors import Page
from quotes.text import quote_spans, strip_span, word_count

# what may lead a quote paragraph: emoji, bullets, arrows, dashes (not letters, digits or marks)
_LEAD = re.compile(r"[^\w«“„\"'(\[—–-]*")
_FIRST_PERSON = re.compile(r"(?i)(?<![\w-])(?:я|мы|мне|нам|нас|меня|наш[а-я]*|мо[йяеи][а-я]*|i|we|our|us|my)(?![\w-])")
_MAX_HEAD_WORDS = 25
# a Telegram message holds at most 4,096 characters: longer texts are articles, whose paragraphs
# without marks are the author's, and whose first line is a headline about many people
POST_MAX_CHARS = 4096


class PostLayoutExtractor:
    name = "post"

    def find(self, page: Page) -> list[Candidate]:
        text = page.text
        paras = page.paras
        if not paras or len(text) > POST_MAX_CHARS:
            return []  # a post, not an article: the layout rules hold only there
        taken = [(c.start, c.end) for c in page.earlier]
        by_para = [[c for c in page.earlier if ps <= c.start < pe + 1] for ps, pe in paras]
        head = self._head_speaker(page)
        out: list[Candidate] = []
        for pi, (ps, pe) in enumerate(paras):
            if pi in page.transcript_paras or by_para[pi] or (pi == 0 and head is not None):
                continue
            body = self._quote_paragraph(text, ps, pe)
            if body is None:
                continue
            s, e, marked = body
            if any(a < e and s < b for a, b in taken) or word_count(text[s:e]) < 4:
                continue
            sp, link = None, ""
            sig = self._signature(page, pi)
            if sig is not None:
                sp, link = sig, "signature line after the quote"
            elif head is not None and (marked or text[ps] in "—–"):
                sp, link = head, "speaker named in the post's first line"
            elif pi > 0 and pi - 1 not in page.transcript_paras:
                prev = self._attributed_end(page, by_para[pi - 1], paras[pi - 1])
                if prev is not None and (marked or self._unmarked_quote(text, s, e)):
                    sp, link = prev, "quote paragraph after its speaker's attribution"
                elif pi == 1 and not marked and text[e - 1] not in ".!?…:" and _FIRST_PERSON.search(text, s, e):
                    # a first-person blockquote right after a lede about someone ("Профессор ... отказалась
                    # от членства ..."): the person the lede opens with
                    subj = self._subject(page, paras[pi - 1])
                    if subj is not None:
                        sp, link = subj, "first-person quote paragraph after a paragraph about its speaker"
            if sp is None:
                continue
            out.append(Candidate(s, e, "direct", self.name, cue=None, speaker=sp, link=link))
            taken.append((s, e))
        return out

    @staticmethod
    def _quote_paragraph(text: str, ps: int, pe: int) -> tuple[int, int, bool] | None:
        """The content of a paragraph that is one quote: «...» (after an emoji or a bullet), a dialogue
        dash line, or plain text (the caller decides whether plain text is a quote); marked or not."""
        lead = _LEAD.match(text, ps, pe)
        a = lead.end() if lead else ps
        if a >= pe:
            return None
        spans = [q for q in quote_spans(text, a, pe) if q.depth == 0]
        if spans and spans[0].open == a:
            q = spans[0]
            close = q.close if q.close is not None else pe
            rest = text[close + 1:pe] if q.close is not None else ""
            if re.fullmatch(r"[\s.!?…]*", rest):
                s, e = strip_span(text, q.cs, q.ce, " \t\u00a0,;:")
                return (s, e, True) if e > s else None
            return None
        if text[a] in "—–-" and re.match(r"[—–-]\s", text[a:a + 2]):
            s, e = strip_span(text, a + 1, pe, " \t\u00a0")
            if _cue_words(text, s, e):
                return None  # "— сказал он": an attribution, not a quote
            return (s, e, True) if e > s else None
        if a > ps:
            return None  # a list item ("▪️...") or a footnote ("*деятельность Meta ..."), no blockquote
        s, e = strip_span(text, a, pe, " \t\u00a0")  # quoted words inside are the speaker's too
        if _cue_words(text, s, e) or e <= s:
            return None
        return s, e, False

    @staticmethod
    def _unmarked_quote(text: str, s: int, e: int) -> bool:
        """Telegram's blockquotes lose their formatting: the quoted paragraph keeps no final stop, or
        speaks in the first person."""
        return text[e - 1] not in ".!?…:" or bool(_FIRST_PERSON.search(text, s, e))

    @staticmethod
    def _head_speaker(page: Page) -> Speaker | None:
        """The one person a short first line names near its start, when it holds no quote."""
        text = page.text
        ps, pe = page.paras[0]
        if len(page.paras) < 2 or len(text[ps:pe].split()) > _MAX_HEAD_WORDS or re.search(r"[«»“”„\"]", text[ps:pe]):
            return None
        people = [p for p in page.names.persons if ps <= p.start < pe and not p.quoted and p.start < p.end]
        names = {(p.name, p.leader_id) for p in people}
        if len(names) != 1 or len(text[ps:people[0].start].split()) > 6:
            return None
        p = people[0]
        return Speaker(p.name, p.leader_id, p.gender)

    @staticmethod
    def _subject(page: Page, para: tuple[int, int]) -> Speaker | None:
        """The person a paragraph names first, within its first eight words."""
        ps, pe = para
        people = [p for p in page.names.persons if ps <= p.start < pe and p.start < p.end and not p.quoted]
        if not people or len(page.text[ps:people[0].start].split()) > 8:
            return None
        p = people[0]
        return Speaker(p.name, p.leader_id, p.gender)

    @staticmethod
    def _signature(page: Page, pi: int) -> Speaker | None:
        """The paragraph after `pi` (and any quote paragraphs between) is '— Name ...'."""
        text = page.text
        for pj in range(pi + 1, min(pi + 4, len(page.paras))):
            ps, pe = page.paras[pj]
            m = re.match(r"[—–-]\s*", text[ps:pe])
            if m:
                p = _person_at(page, ps + m.end())
                return Speaker(p.name, p.leader_id, p.gender) if p else None
            lead = _LEAD.match(text, ps, pe)
            a = lead.end() if lead else ps
            if a >= pe or text[a] not in "«“„\"":
                return None
        return None

    @staticmethod
    def _attributed_end(page: Page, cands: list[Candidate], para: tuple[int, int]) -> Speaker | None:
        """The speaker of the quote that ends the paragraph, when its attribution closes it."""
        if not cands:
            return None
        last = max(cands, key=lambda c: c.end)
        tail = page.text[last.end:para[1]]
        if last.speaker is None or last.speaker.name is None or len(tail.split()) > 25:
            return None
        return last.speaker


def _cue_words(text: str, s: int, e: int) -> bool:
    """Does the paragraph attribute speech (a reporting verb in its first words), rather than speak?
    A verb in the first or second person ("Мы считаем", "I said") is the speaker's own."""
    for w in list(WORD_RE.finditer(text, s, e))[:12]:
        t = w.group()
        if t.lower() in EN_VERB_FORMS and not re.search(r"(?i)(?<!\w)(?:i|we|you)\s+$", text[max(s, w.start() - 6):w.start()]):
            return True
        if ru_is_verb_cue(t) and _attributing(t):
            return True
    return False


@lru_cache(maxsize=20_000)
def _attributing(word: str) -> bool:
    """A reporting verb as news attributes speech: past tense or a gerund ("заявил", "рассказали",
    "отметив"); the present ("признают", "Мы считаем") is the speaker's own voice."""
    from quotes.cues import _morph

    p = _morph().parse(word.lower())[0]
    return "past" in p.tag or "GRND" in p.tag


def _person_at(page: Page, pos: int) -> Person | None:
    for p in page.names.persons:
        if pos <= p.start <= pos + 2 and p.start < p.end:
            return p
    return None
