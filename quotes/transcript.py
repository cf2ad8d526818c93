"""Speaker-labelled transcripts: 'President of Russia Vladimir Putin: ...', 'PRESIDENT BIDEN:',
'В.Путин: ...'. A turn runs over unlabelled paragraphs until the next label.

A live blog is no transcript: a line under an entry's time ("14:21" / "Лукашенко: «...»") is that entry,
a speaker label line (quotes.label), and no turn runs over an entry's time."""
from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.doc import Doc, Speaker
from quotes.packs import get_pack
from quotes.people import Person
from quotes.text import sentences, time_stamp_only, word_count

_LABEL = re.compile(r"([^\n:]{1,100}?)\s*:[ \t\u00a0]+(?=\S)")
_LABEL_ALONE = re.compile(r"([^\n:]{1,100}?)\s*:")
_CONNECT = {"of", "the", "and", "for", "de", "von", "van", "der", "da", "al", "on", "at", "и", "по", "в", "на",
            "in", "to"}
_PACKS = [get_pack(lang) for lang in ("en", "ru")]
_ANON = {w for p in _PACKS for w in p.words("label_anonymous")}
_ANSWER = {w for p in _PACKS for w in p.words("label_answer")}  # "A:", "Ответ:": the interviewee's
_QUESTION = {w for p in _PACKS for w in p.words("label_question")}  # "Q:", "Вопрос:": the interviewer's
_MODERATOR = {w for p in _PACKS for w in p.words("label_moderator")}
_HEADINGS = {w for p in _PACKS for w in p.words("transcript_headings")}  # "TRANSCRIPT:" over the document
_INTRO_CUES = [(cue, part) for p in _PACKS for cue, part in p.table("intro_cues")]
_PARENS = re.compile(r"(?:\s*\([^()\n]{1,60}\))+\s*$")  # "REPORTER (Reuters)": the outlet, after the role;
# "Mr. Nebenzia (Russian Federation) (spoke in Russian)": the country and the language
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.")
# a roster's dot leaders ("President: Ms. Vanessa Frazier ........ (Malta)", "America .. Mrs. Thomas"), not
# an ellipsis ("Well... we will see")
_LEADERS = re.compile(r"\.{4,}|(?<=\s)\.\.(?=\s)")
_SPEECH_END = re.compile(r"[.!?…»”\")]\s*$")
_ROLEWORD = {"president", "minister", "prime", "secretary", "general", "chairman", "press", "spokesman",
             "deputy", "director", "governor", "head", "editor", "correspondent", "mr", "ms", "mrs", "dr"}


@dataclass
class Turn:
    label: str
    speaker: Speaker | None  # None: anonymous ("Question")
    start: int  # content start
    end: int
    label_start: int = 0  # the label's offsets
    label_end: int = 0


def _label_ok(label: str) -> bool:
    label = _PARENS.sub("", label)
    if label.lower() in _HEADINGS:
        return False  # "TRANSCRIPT: PRESIDENT'S MEETING WITH ...": the document's heading
    words = label.split()
    if not words or len(words) > 10:
        return False
    if re.search(r"[,;!?«»“”\"()\[\]&]", label):
        return False  # "&": "Expert Q&A: ...", a heading
    if re.search(r"\.", re.sub(r"\b\w\.", "", _HONORIFIC.sub("", label))):
        return False  # periods only in initials
    first, last = words[0], re.sub(r"^\w\.", "", words[-1]) or words[-1]
    if not (first[0].isupper() and last[:1].isupper()):
        return False
    lower = [w for w in words if not w[0].isupper()]
    return len(lower) <= 3 and all(w in _CONNECT or "-" in w for w in lower)


def _label_speaker(doc: Doc, ls: int, le: int, parts: dict[str, Speaker] | None = None) -> Speaker | None:
    parts = parts or {}
    label = _PARENS.sub("", doc.text[ls:le])
    le = ls + len(label)
    first = label.split()[0].lower() if label.split() else ""
    role = parts.get("role:" + re.sub(r"^the\s+", "", label.strip().lower()))
    if role is not None:
        return role  # "The President:" of a record whose roster names the President
    if first in _ANSWER:
        return parts.get("interviewee")  # "A:", "Ответ:": the person the intro names as interviewed
    if first in _QUESTION:
        return parts.get("interviewer")  # "Q:": the journalist the intro names, else nobody's
    if first in _MODERATOR:
        return parts.get("moderator")  # "MODERATOR:": the person the intro names as moderator
    words = re.findall(r"[\w.-]+", label)
    if words and all(w.lower().strip(".") in _ANON for w in words[:1]):
        return None
    if re.fullmatch(r"\s*\w\.?\s*", label):
        return None  # a one-letter label is no one's name
    found = doc.speaker_in(ls, le, last=True, allow_role=False)
    if found and found[0].leader_id:
        return found[0]
    names: list[str] = []
    for w in reversed(label.split()):
        if not w[:1].isupper() or w.lower().strip(".") in _ROLEWORD:
            break
        names.insert(0, w)
        if len(names) == 2:
            break
    if names and names[0] in ("Of", "The"):
        names = names[1:]
    if not names:
        return Speaker(label.strip(), None, None)
    return Speaker(" ".join(names[-3:]).title() if label.isupper() else " ".join(names[-3:]), None, None)


def _intro_parts(doc: Doc, paras: list[tuple[int, int]], end: int, fallback: bool) -> dict[str, Speaker]:
    """Who the intro (the paragraphs before `end`) names as the interviewee, the interviewer and the
    moderator. The interviewer and the moderator: the person named next after their cue in its
    sentence ("our correspondent Ivan Petrov", "moderated by Press Secretary Natalya Eismont"; the
    interviewer only when the intro names one). The interviewee: the first other person in a sentence
    that holds an interview cue ("Defence Minister Viktor Khrenin spoke to our correspondent", "в
    интервью"); else, when the intro has such a cue or the turns are labelled answers (`fallback`),
    the first other person the intro names ("Q&A with Vice President Joe Biden.")."""
    text = doc.text
    people = [p for p in doc.persons if p.start < end and p.name and not p.quoted]
    sents = [se for ps, pe in paras if pe <= end for se in sentences(text, ps, pe)]

    def cued(part: str) -> list[tuple[int, int, int]]:  # (sentence start, sentence end, cue start)
        out: list[tuple[int, int, int]] = []
        for ss, se in sents:
            low = text[ss:se].lower()
            for cue, cue_part in _INTRO_CUES:
                if cue_part == part:
                    out.extend((ss, se, ss + m.start()) for m in re.finditer(r"(?<!\w)" + re.escape(cue), low))
        return sorted(out)

    def after(ss: int, se: int, at: int) -> list[Person]:
        out = [p for p in people if at <= p.start and p.end <= se]
        # "Вячеслав Викторович Володин": the name and patronymic, then the surname the registry knows
        if len(out) > 1 and out[0].leader_id is None and out[1].leader_id and not text[out[0].end:out[1].start].strip():
            out = out[1:]
        return out

    found: dict[str, Speaker] = {}
    asking: list[Person] = []
    for ss, se, at in cued("interviewer"):
        nxt = after(ss, se, at)
        if nxt:
            asking.append(nxt[0])
    if len({(p.name, p.leader_id) for p in asking}) == 1:
        found["interviewer"] = Speaker(asking[0].name, asking[0].leader_id, asking[0].gender)
    for ss, se, at in cued("moderator"):
        nxt = after(ss, se, at)
        if nxt:
            found["moderator"] = Speaker(nxt[0].name, nxt[0].leader_id, nxt[0].gender)
            break
    asked = {(p.name, p.leader_id) for p in asking}
    others = [p for p in people if (p.name, p.leader_id) not in asked]
    interview = cued("interviewee")
    briefing = cued("briefing")
    for ss, se, _at in interview + briefing:
        inside = after(ss, se, ss)
        inside = [p for p in inside if (p.name, p.leader_id) not in asked]
        if inside:
            found["interviewee"] = Speaker(inside[0].name, inside[0].leader_id, inside[0].gender)
            break
    else:
        # a press conference whose sentence names nobody: its spokesman answers the journalists
        speaking = [nxt[0] for ss, se, at in cued("spokesman") for nxt in [after(ss, se, at)] if nxt]
        if briefing and speaking:
            others = [p for p in speaking if (p.name, p.leader_id) not in asked] or others
        if others and (interview or briefing or fallback):
            found["interviewee"] = Speaker(others[0].name, others[0].leader_id, others[0].gender)
    return found


def _same(a: Speaker | None, b: Speaker | None) -> bool:
    return a is not None and b is not None and (a.leader_id == b.leader_id if a.leader_id or b.leader_id
                                                else a.name == b.name)


_GLUED_Q = re.compile(r"(\w)(?=[A-ZА-ЯЁ][a-zа-яё'’])")
_DASH_LINE = re.compile(r"[—–][ \t\u00a0]+")


def _dash_interview(doc: Doc, paras: list[tuple[int, int]]) -> tuple[list[Turn], set[int]]:
    """An interview in dialogue dashes ("— Виктор Геннадьевич, ...?" / "— Знаете, ..."), its
    interviewee named only in the intro ("Министр обороны Виктор Хренин в интервью нашему изданию
    рассказал ..."): the dash paragraphs alternate, question first, every question holds a "?"; no
    dash paragraph attributes itself ("— ..., — сказал он": news dialogue, quotes.direct's); an answer
    runs over the plain paragraphs after it. Answers are the interviewee's; questions the interviewer's
    the intro names, else nobody's."""
    from quotes.direct import dash_paragraph

    text = doc.text
    dash = {pi for pi, (ps, pe) in enumerate(paras) if _DASH_LINE.match(text, ps, pe)}
    if len(dash) < 4:
        return [], set()
    first = min(dash)
    if first == 0:
        return [], set()
    parts = _intro_parts(doc, paras, paras[first][0], fallback=False)
    interviewee = parts.get("interviewee")
    if interviewee is None:
        return [], set()
    turns: list[Turn] = []
    covered: set[int] = set()
    k = 0
    for pi in range(first, len(paras)):
        ps, pe = paras[pi]
        if pi in dash:
            question = k % 2 == 0
            if question and "?" not in text[ps:pe]:
                break
            if dash_paragraph(doc, pi, ps, pe, None):
                return [], set()  # an attributed dialogue line: the reporter's dialogue, not an interview
            cs = _DASH_LINE.match(text, ps, pe).end()  # type: ignore[union-attr]
            turns.append(Turn("—", parts.get("interviewer") if question else interviewee, cs, pe, ps, ps + 1))
            k += 1
        elif turns and k % 2 == 0 and re.search(r"[.!?…»”\"]\s*$", text[ps:pe]) \
                and not _reports(doc, ps, pe):
            turns[-1].end = pe  # the answer goes on
        else:
            break
        covered.add(pi)
    if k % 2:  # a last question with no answer is no turn of the interview
        lp = _para_of(paras, turns.pop().label_start)
        covered = {i for i in covered if i < lp}
    if len(turns) < 4:
        return [], set()
    return turns, covered


def _reports(doc: Doc, ps: int, pe: int) -> bool:
    """A plain paragraph after the dialogue in which the reporter speaks again: it holds a
    reporting verb and a speaker ("Подводя итоги, начальник Генштаба отметил, что ...", "В
    заключение Смирнов отметил"): the answers speak in the first person."""
    from quotes.cues import EN_VERB_FORMS, ru_is_verb_cue

    words = re.findall(r"\w+", doc.text[ps:pe])
    if not any(w.lower() in EN_VERB_FORMS if doc.lang == "en" else ru_is_verb_cue(w) for w in words):
        return False
    return bool(doc.candidates(ps, pe))


def _para_of(paras: list[tuple[int, int]], pos: int) -> int:
    return next(i for i, (ps, pe) in enumerate(paras) if ps <= pos <= pe)


_VOCATIVE = re.compile(r"(?:vich|vna|ichna|вич|вна|ична)$", re.I)  # a patronymic: "Alexander Grigoryevich," addresses


def _self_named(doc: Doc, cs: int, pe: int, speakers: dict[int, Speaker | None]) -> Speaker | None:
    """A question turn whose asker names themself in one of its first sentences ("Question: Good
    afternoon. Pavel Zarubin, Rossiya-1 TV channel. ...", "Вопрос: Павел Зарубин, «Россия-1». ..."): a
    short sentence that opens with a person's name and a comma. Not a leader or a speaker of the
    transcript (they are addressed: "Vladimir Vladimirovich, ..."), not a name with a patronymic."""
    text = doc.text
    labelled = [sp for sp in speakers.values() if sp is not None]
    for ss, se in sentences(text, cs, pe)[:3]:
        ss = ss + len(text[ss:se]) - len(text[ss:se].lstrip())
        if word_count(text[ss:se]) > 12 or text[ss:se].rstrip().endswith("?"):
            continue
        for p in doc.persons:
            if p.start == ss and p.name and not p.quoted and not p.title and p.leader_id is None:
                if text[p.end:p.end + 1] != "," or _VOCATIVE.search(text[p.start:p.end]):
                    break
                sp = Speaker(p.name, None, p.gender)
                if any(_same(sp, o) for o in labelled):
                    break
                return sp
    return None


def _titled(label: str) -> bool:
    """A title + name label ("President of Russia Vladimir Putin", "Prime Minister of India Narendra
    Modi", "Президент России Владимир Путин"): a role word, then a capitalised name last."""
    words = [w.lower().strip(".") for w in label.split()]
    return len(words) >= 3 and any(w in _ROLEWORD for w in words[:-1]) and label.split()[-1][:1].isupper()


def _is_transcript(doc: Doc, labels: dict[int, tuple[int, int, int]], speakers: dict[int, Speaker | None],
                   anon: int) -> bool:
    """Three labels make a transcript, or two with a question among them; so do press statements:
    two labels naming two people by title and name, or by registry name, and a single statement
    under a title + name label of a leader in the registry."""
    if len(labels) >= 3 or (len(labels) >= 2 and anon):
        return True
    named = [(doc.text[ls:le], speakers[pi]) for pi, (ls, le, _) in labels.items()]
    people = [(lab, sp) for lab, sp in named if sp is not None and sp.name]
    if len(labels) == 2 and len(people) == 2 and people[0][1].name != people[1][1].name:
        return all(_titled(lab) or sp.leader_id for lab, sp in people)
    if len(labels) == 1 and people:
        lab, sp = people[0]
        return _titled(lab) and sp.leader_id is not None
    return False


def _roster_person(doc: Doc, cs: int, pe: int) -> Speaker | None:
    """The person of a roster line's content ("Ms. Vanessa Frazier ........ (Malta)")."""
    inside = [p for p in doc.persons if cs <= p.start and p.end <= pe and p.name]
    if len(inside) == 1:
        return Speaker(inside[0].name, inside[0].leader_id, inside[0].gender)
    if inside:
        return None
    m = _LEADERS.search(doc.text, cs, pe)
    name = _HONORIFIC.sub("", doc.text[cs:m.start() if m else pe]).strip()
    words = name.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return Speaker(name, None, None)
    return None


def _not_a_turn(text: str, pi: int, cs: int, pe: int) -> bool:
    """A label line that is no one's turn: a record's field ("Результат: принято", "Status:
    adopted": a word or two in lower case, no sentence), or the document's title ("Interview: What
    the deployment means", its first line, no sentence end)."""
    body = text[cs:pe].strip()
    if _SPEECH_END.search(body):
        return False
    return (word_count(body) <= 2 and body[:1].islower()) or pi == 0


def _ends_turn(text: str, ps: int, pe: int) -> bool:
    """A paragraph no turn runs over: a heading in capitals ("РЕЗУЛЬТАТЫ ГОЛОСОВАНИЯ (15 час.)"), a
    table's row ("За<TAB>402 чел.")."""
    line = text[ps:pe]
    if "\t" in line:
        return True
    bare = re.sub(r"\([^()]*\)", "", line)
    letters = [c for c in bare if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters) and word_count(bare) >= 2 \
        and not _SPEECH_END.search(bare.rstrip())


def find_turns(doc: Doc, paras: list[tuple[int, int]]) -> tuple[list[Turn], set[int]]:
    """Turns and the indexes of the paragraphs they cover (empty when the text is no transcript).
    A roster line ("President: Ms. Vanessa Frazier ........ (Malta)", dot leaders) is no turn: it
    names who holds the role, and a label of that role ("The President:") is that person's."""
    text = doc.text
    labels: dict[int, tuple[int, int, int]] = {}
    roster: dict[str, Speaker] = {}
    stamps = {pi for pi, (ps, pe) in enumerate(paras) if time_stamp_only(text, ps, pe)}
    for pi, (ps, pe) in enumerate(paras):
        if pi - 1 in stamps:
            continue  # a live blog's entry under its time: no turn
        m = _LABEL.match(text, ps, pe)
        if m and _label_ok(m.group(1)):
            if _LEADERS.search(text, m.end(), pe):
                person = _roster_person(doc, m.end(), pe)
                if person is not None:
                    roster.setdefault("role:" + m.group(1).strip().lower(), person)
                continue
            if _not_a_turn(text, pi, m.end(), pe):
                continue
            labels[pi] = (ps, ps + len(m.group(1)), m.end())
            continue
        # a label alone on its line ("<p><b>Vladimir Putin:</b></p><p>...</p>"): the turn starts below
        m = _LABEL_ALONE.fullmatch(text, ps, pe)
        if m and _label_ok(m.group(1)) and pi + 1 < len(paras):
            labels[pi] = (ps, ps + len(m.group(1)), paras[pi + 1][0])
    answers = any(text[ls:le].split()[0].lower() in _ANSWER for ls, le, _ in labels.values())
    if answers:
        # answers labelled "A:", questions whose label lost its colon with the page's bold ("QWhy?")
        for pi, (ps, pe) in enumerate(paras):
            m = _GLUED_Q.match(text, ps, pe)
            if pi not in labels and m and m.group(1).lower() in _QUESTION:
                labels[pi] = (ps, m.end(1), m.end(1))
    anon = sum(1 for ls, le, _ in labels.values() if text[ls:le].split()[0].lower() in _ANON | _QUESTION)
    parts: dict[str, Speaker] = {}
    if labels:
        parts = _intro_parts(doc, paras, min(ls for ls, _, _ in labels.values()), fallback=answers)
        parts.update(roster)
    speakers = {pi: _label_speaker(doc, ls, le, parts) for pi, (ls, le, _) in labels.items()}
    if not _is_transcript(doc, labels, speakers, anon):
        return _dash_interview(doc, paras)
    for pi, (ls, le, cs) in labels.items():
        if speakers[pi] is None and text[ls:le].split()[0].lower() in _ANON | _QUESTION:
            speakers[pi] = _self_named(doc, cs, paras[pi][1], speakers)
    turns: list[Turn] = []
    covered: set[int] = set()
    cur: Turn | None = None
    for pi, (_ps, pe) in enumerate(paras):
        if pi in stamps or (pi not in labels and _ends_turn(text, *paras[pi])):
            cur = None  # a live blog's next entry, a heading, a table: the turn before it has ended
        elif pi in labels:
            ls, le, cs = labels[pi]
            cur = Turn(text[ls:le], speakers[pi], cs, pe, ls, le)
            turns.append(cur)
            covered.add(pi)
        elif cur is not None:
            cur.end = pe
            covered.add(pi)
    return turns, covered
