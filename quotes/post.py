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
from quotes.packs import LanguagePack, get_pack
from quotes.text import quote_spans, strip_span, word_count

# what may lead a quote paragraph: emoji, bullets, arrows, dashes (not letters, digits or marks)
_LEAD = re.compile(r"[^\w«“„\"'(\[—–-]*")
_FIRST_PERSON = re.compile(r"(?i)(?<![\w-])(?:я|мы|мне|нам|нас|меня|наш[а-я]*|мо[йяеи][а-я]*|i|we|our|us|my)(?![\w-])")
_SECOND_PERSON = re.compile(r"(?i)(?<![\w-])(?:вы|вам|вас|ваш[а-я]*|вами|you|your)(?![\w-])")
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
        head_colon = head is not None and _ends_with_colon(text, *paras[0])
        summary = self._summary_head(page)
        if summary is not None:
            head = None  # a summary's head line: its bullets are the statements, its subheadings nobody's
        lede = self._subject(page, paras[0]) if len(paras) > 1 else None
        out: list[Candidate] = []
        for pi, (ps, pe) in enumerate(paras):
            if pi in page.transcript_paras or by_para[pi] or (pi == 0 and head is not None):
                continue
            if summary is not None and summary[2] < pi <= max(summary[1]) and pi not in summary[1]:
                continue  # a subheading between a summary's bullets
            if summary is not None and pi in summary[1]:
                got = self._bullet(text, ps, pe)
                if got is not None and not any(a < got[1] and got[0] < b for a, b in taken):
                    out.append(Candidate(got[0], got[1], "indirect", self.name, cue=None, speaker=summary[0],
                                         link="bullet of a summary of the speaker's statements"))
                    taken.append(got)
                    by_para[pi].append(out[-1])
                continue
            if _boilerplate(page.pack, text, ps, pe):
                continue  # "Подробнее в нашем канале.", a link: the channel's own line
            body = self._quote_paragraph(text, ps, pe)
            if body is None:
                continue
            s, e, marked = body
            if any(a < e and s < b for a, b in taken) or word_count(text[s:e]) < 4:
                continue
            if text[e - 1] == "?" and _SECOND_PERSON.search(text, s, e):
                continue  # an interviewer's question ("— Вы бы встретились с Зеленским?"), not the speaker's
            if text[ps] in "—–-" and _person_at(page, s) is not None:
                continue  # "— Александр Лукашенко на встрече ...": a signature line, not a quote
            sp, link = None, ""
            sig = self._signature(page, pi)
            first_person = _first_person(text, s, e)
            # the previous paragraph's own attribution (the extractors' before this one, not this one's;
            # nor a speaker label's, whose quote is its own line: "Песков: ...", then the reporter's body)
            prev = self._attributed_end(page, [c for c in by_para[pi - 1] if c.extractor not in (self.name, "label")],
                                        paras[pi - 1]) if pi > 0 and pi - 1 not in page.transcript_paras else None
            before = _latest_speaker(by_para[:pi])
            if sig is not None:
                sp, link = sig, "signature line after the quote"
            elif head is not None and (marked or text[ps] in "—–" or (head_colon and self._unmarked_quote(text, s, e))):
                sp, link = head, "speaker named in the post's first line"
            elif prev is not None and (marked or self._unmarked_quote(text, s, e)):
                sp, link = prev, "quote paragraph after its speaker's attribution"
            elif pi == 0 and marked and len(paras) > 1:
                # a quote as the post's headline ("**«Кандидат не понравился властям...»**"), its speaker
                # in the next line ("Путин про выборы в Румынии.", "..., рассказал РИА Новости X.")
                sp = self._caption_speaker(page, paras[1])
                link = "headline quote, speaker in the next line"
            elif pi > 0 and _ends_with_colon(text, *paras[pi - 1]) and (marked or first_person):
                sp = self._colon_speaker(page, paras[pi - 1])
                link = "quote paragraph after its speaker's line ending in a colon"
            elif pi > 0 and before is not None and (marked or (first_person and text[e - 1] not in ".!?…:")
                                                    or (first_person and by_para[pi - 1])):
                # Telegram's blockquote between the reporter's paragraphs: the speaker of the quotes
                # before it ("..., заявил X. <paragraph about X> <blockquote in the first person>")
                sp, link = before, "quote paragraph after a paragraph that quotes its speaker"
            elif pi > 0 and lede is not None and before is None and not marked and first_person and (
                    pi == 1 or text[e - 1] not in ".!?…:"):
                # a first-person blockquote after a lede about someone ("Лукашенко назначил ... \n Просто
                # по-мужски хочу сказать: ..."): the person the lede opens with
                sp, link = lede, "first-person quote paragraph after a paragraph about its speaker"
            elif pi > 0 and marked and before is None and lede is not None:
                # a paragraph in quotation marks in a post about one person, nobody else quoted before it
                sp, link = lede, "quote paragraph in a post whose first paragraph opens with its speaker"
            if sp is None:
                continue
            out.append(Candidate(s, e, "direct", self.name, cue=None, speaker=sp, link=link))
            taken.append((s, e))
            by_para[pi].append(out[-1])
        return out

    def _summary_head(self, page: Page) -> tuple[Speaker, set[int], int] | None:
        """"Главное из заявлений Путина на сессии ОДКБ:" / "Другие заявления Пескова на брифинге:" and
        the bullet paragraphs after it (subheadings ending in a colon between them): the one person the
        line names, and those paragraphs' indexes."""
        text = page.text
        for hi, (ps, pe) in enumerate(page.paras[:2]):
            if not _ends_with_colon(text, ps, pe) or len(text[ps:pe].split()) > _MAX_HEAD_WORDS:
                continue
            low = text[ps:pe].lower()
            if not any(re.search(r"(?<![а-яё])" + n, low) for n in _SUMMARY_NOUNS):
                continue
            people = [p for p in page.names.persons if ps <= p.start < pe and not p.quoted and p.start < p.end]
            if len({(p.name, p.leader_id) for p in people}) != 1 or people[0].name is None:
                return None
            bullets: set[int] = set()
            for pj in range(hi + 1, len(page.paras)):
                a, b = page.paras[pj]
                lead = _LEAD.match(text, a, b)
                if lead and lead.end() > a and re.search(r"[^\s*_]", text[a:lead.end()]) and text[a] not in "—–-":
                    bullets.add(pj)
                elif (_ends_with_colon(text, a, b) or (len(text[a:b].split()) <= 12 and not re.search(
                        r"[.!?…]\s*$", text[a:b]))) and len(text[a:b].split()) <= _MAX_HEAD_WORDS:
                    continue  # a subheading ("**Об "Орешнике":**", "**О киевском режиме и Западе**")
                else:
                    break
            p = people[0]
            return (Speaker(p.name, p.leader_id, p.gender), bullets, hi) if bullets else None
        return None

    @staticmethod
    def _bullet(text: str, ps: int, pe: int) -> tuple[int, int] | None:
        """A bullet's statement: after the bullet mark and a topic prefix ("О визите Шольца: ...")."""
        lead = _LEAD.match(text, ps, pe)
        a = lead.end() if lead else ps
        m = re.match(r"(?:Об?|Про)\s[^:\n]{0,100}:\s*", text[a:pe])
        if m:
            a += m.end()
        s, e = strip_span(text, a, pe, " \t\u00a0;.*")
        return (s, e) if e > s and word_count(text[s:e]) >= 3 else None

    def _caption_speaker(self, page: Page, para: tuple[int, int]) -> Speaker | None:
        """The speaker of a headline quote: the one the next paragraph's attribution names, or the person
        a caption line opens with ("Путин про выборы в Румынии.", "Лавров — о переговорах")."""
        ps, pe = para
        got = [c for c in page.earlier if ps <= c.start < pe and c.speaker is not None and c.speaker.name]
        if got:
            return got[0].speaker
        p = _person_at(page, ps)
        if p is not None and re.match(r"\s*(?:[—–-]\s*)?(?:о|об|про)\s|\s*:", page.text[p.end:pe]):
            return Speaker(p.name, p.leader_id, p.gender)
        return None

    def _colon_speaker(self, page: Page, para: tuple[int, int]) -> Speaker | None:
        """The person named in the last sentence of a paragraph that ends in a colon ("Вот что сказал
        Лукашенко:", "Путин на встрече с выпускниками:")."""
        ps, pe = para
        text = page.text
        cut = max(text.rfind(". ", ps, pe), text.rfind("! ", ps, pe), text.rfind("? ", ps, pe), ps - 1) + 1
        people = [p for p in page.names.persons if cut <= p.start < pe and not p.quoted and p.start < p.end]
        if len({(p.name, p.leader_id) for p in people}) != 1:
            return None
        p = people[0]
        return Speaker(p.name, p.leader_id, p.gender)

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
        if e <= s or _cue_words(text, s, e) or _ends_with_colon(text, s, e):
            return None  # an attribution; or a line that introduces what follows ("И слово министру:")
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


_SUMMARY_NOUNS = tuple(sorted(get_pack("ru").words("summary_nouns")))


def _boilerplate(pack: LanguagePack, text: str, ps: int, pe: int) -> bool:
    """A channel's own line ("Подробнее в нашем канале", "Подписывайтесь", a link): nobody's quote."""
    if re.search(r"https?://|www\.|t\.me/|\]\(", text[ps:pe]):
        return True
    lead = _LEAD.match(text, ps, pe)
    low = text[lead.end() if lead else ps:pe].lower()
    return any(low.startswith(w) and (w[-1] == ":" or not low[len(w):len(w) + 1].isalpha())
               for w in _boilerplate_words(pack))


@lru_cache(maxsize=8)
def _boilerplate_words(pack: LanguagePack) -> frozenset[str]:
    return pack.words("boilerplate")


def _ends_with_colon(text: str, ps: int, pe: int) -> bool:
    """Does the paragraph end in a colon (Telegram's bold markers and spaces aside)?"""
    return bool(re.search(r":[\s*_]*$", text[ps:pe]))


def _first_person(text: str, s: int, e: int) -> bool:
    """Does the paragraph speak in the first person, outside the names and titles in marks in it
    ("в фильмах «Мое сердце биться перестало»" is a title, not the writer's voice)?"""
    outside = re.sub(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”", " ", text[s:e])
    return bool(_FIRST_PERSON.search(outside))


def _latest_speaker(paras: list[list[Candidate]]) -> Speaker | None:
    """The speaker of the last named quote in these paragraphs (in text order)."""
    cands = [c for group in paras for c in group if c.speaker is not None and c.speaker.name]
    return max(cands, key=lambda c: c.start).speaker if cands else None


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
