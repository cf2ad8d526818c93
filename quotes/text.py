"""Segmentation helpers: language, paragraphs, sentences, quotation marks. Pure functions."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CYR = re.compile(r"[А-Яа-яЁёІіЎўЄєЇї]")
_LAT = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """'ru' when Cyrillic letters make up at least a third of the letters (sampled), else 'en'."""
    sample = text[:20000]
    cyr = len(_CYR.findall(sample))
    lat = len(_LAT.findall(sample))
    return "ru" if cyr and cyr >= (cyr + lat) / 3 else "en"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding whitespace."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


ABBR = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "sgt", "st", "no", "vs", "jr", "sr", "prof", "gov",
    "sen", "rep", "capt", "adm", "u.s", "e.g", "i.e", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "г", "гг", "т", "т.е", "т.д", "т.п", "им", "ул", "англ", "см", "ср",
    "млн", "млрд", "тыс", "руб", "долл", "гос", "пр", "др",
}
_SENT_END = re.compile(r"[.!?…]+[»”\"’)]*(?=\s+[\"“«„(‘'—–\-]?\s*[A-ZА-ЯЁ0-9])|[.!?…]+[»”\"’)]*(?=\s*$)")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end] (rule-based; abbreviations and initials kept together)."""
    out = []
    s = start
    for m in _SENT_END.finditer(text, start, end):
        e = m.end()
        # the word before the period
        wm = re.search(r"([\w.]+)\.$", text[max(start, m.start() - 12):m.start() + 1])
        if m.group().startswith(".") and wm:
            w = wm.group(1).lower()
            if w in ABBR or (len(w) == 1 and w.isalpha()):
                continue
        if e > s:
            out.append((s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if b > a]


# --- quotation marks --------------------------------------------------------------------------------

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‹": "›", "‘": "’", '"': '"', "'": "'", "‚": "‘"}
ALL_MARKS = set("“”«»„‹›‘’\"'‚")
OPENERS = set(OPEN_CLOSE)


@dataclass
class QSpan:
    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None: runs to paragraph end
    cs: int  # content start
    ce: int  # content end
    depth: int  # 0 = top level


def _is_word(ch: str) -> bool:
    return ch.isalnum()


# after a closing mark: a comma or a dash, then a verb in the past or present ("», заявил", "» — отметила")
_REPORTING_AFTER = re.compile(r"[ \u00a0]*(?:,|[—–-])[ \u00a0]*(?:[—–-][ \u00a0]*)?[а-яё]+(?:л|ла|ли|ит|ет)(?![а-яё])")


def quote_spans(text: str, start: int, end: int) -> list[QSpan]:
    """Quoted spans in text[start:end], with nesting; unclosed top-level quotes run to `end`."""
    stack: list[tuple[str, int]] = []
    out: list[QSpan] = []
    i = start
    while i < end:
        c = text[i]
        if c not in ALL_MARKS:
            i += 1
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        # word-internal apostrophes are never marks
        if c in "’'" and _is_word(prev) and _is_word(nxt):
            i += 1
            continue
        closed = False
        for k in range(len(stack) - 1, -1, -1):
            op, pos = stack[k]
            want = OPEN_CLOSE[op]
            ok = c == want or (op == "„" and c == "”") or (op == "“" and c == "“" and False)
            if not ok:
                continue
            if c in "\"'" and not (not prev.isspace() or nxt.isspace() or nxt in ".,;:!?)"):
                break  # looks like an opening straight quote
            if c == "’" and _is_word(nxt):
                break
            # close this one (and drop anything unclosed inside it)
            del stack[k:]
            out.append(QSpan(pos, i, pos + 1, i, k))
            closed = True
            break
        if closed:
            i += 1
            continue
        if c in OPENERS:
            if c in "‘'\"" and _is_word(prev):
                i += 1
                continue  # apostrophe after a word (plural possessive), or a stray mark
            if nxt.isspace() and c in "\"'‘":
                i += 1
                continue
            stack.append((c, i))
        i += 1
    # unclosed: only the outermost runs to the paragraph end (multi-paragraph quotes), unless a reporting
    # verb follows an inner quote's close: «... развитие «на земле», заявил Рябков. — the agency wrote one »
    # for two, and the words after it are the reporter's
    if stack:
        op, pos = stack[0]
        inner = [q.close for q in out if q.open > pos and q.close is not None and text[q.close] == "»"]
        j = inner[-1] if inner else None
        if op == "«" and j is not None and _REPORTING_AFTER.match(text, j + 1, end):
            out.append(QSpan(pos, j, pos + 1, j, 0))
        elif op in "“«„\"":
            out.append(QSpan(pos, None, pos + 1, end, 0))
    out.sort(key=lambda q: q.open)
    return out


def strip_span(text: str, s: int, e: int, chars: str = " \t\n\u00a0,;:—–-") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# a wire dateline before a story's first sentence: "MINSK, 4 May (BelTA) - ", "NEW YORK (AP) — ",
# "Aug 27 (Reuters) - ". Content that starts a paragraph begins after it.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’ -]{1,40}(?:,[ \u00a0]*[A-Z][a-z]+\.?[ \u00a0]+\d{1,2}|,[ \u00a0]*\d{1,2}[ \u00a0]+[A-Z][a-z]+)?"
    r"|[A-Z][a-z]{2,8}\.?[ \u00a0]+\d{1,2})"
    r"[ \u00a0]*(?:\([A-Za-z .&-]{2,30}\)[ \u00a0]*)?[-–—][ \u00a0]*")


def after_dateline(text: str, a: int, b: int) -> int:
    """`a`, moved past a wire dateline that opens text[a:b] (a dateline needs its dash and either an
    upper-case place or an agency in parentheses)."""
    m = DATELINE.match(text, a, b)
    if m is None or "(" not in m.group() and not re.match(r"[A-Z]{2,}", m.group()):
        return a
    return m.end() if m.end() < b else a


# --- speaker labels ---------------------------------------------------------------------------------

# what may lead a line before its first word: emoji, bullets, arrows, Telegram's markers (blanked to
# spaces); not a dash (a dialogue line) or a quotation mark
_LINE_LEAD = re.compile(r"[^\w«“„\"'(\[—–-]*")
_LINE_LABEL = re.compile(r"([^\n:]{1,80}?)[ \t\u00a0]*:[ \t\u00a0]+(?=\S)")


# a live blog's entry time ("14:32", "11:35 GMT", "[14:32]", "14:32 МСК"): on a line of its own, it heads the
# entry below it; at a line's start, the entry follows it ("14:32 Путин: ...")
TIME_STAMP = re.compile(r"\[?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\]?"
                        r"(?:[ \u00a0]*\(?(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|МСК|мск|ET|EST|EDT|PT)\)?)?(?![\w:])")


def time_stamp_only(text: str, ps: int, pe: int) -> bool:
    """Is the line text[ps:pe] nothing but a live blog's entry time?"""
    a = _LINE_LEAD.match(text, ps, pe).end()  # type: ignore[union-attr]  # an emoji, Telegram's markers
    while pe > a and text[pe - 1] in " \t\u00a0*_":
        pe -= 1
    return TIME_STAMP.fullmatch(text, a, pe) is not None


def after_time_stamp(text: str, a: int, b: int) -> int:
    """`a`, moved past a live blog's entry time that opens text[a:b] ("14:32 Путин: ..."), when words follow."""
    m = TIME_STAMP.match(text, a, b)
    if m is None:
        return a
    e = m.end()
    while e < b and text[e] in " \t\u00a0—–-|":
        e += 1
    return e if e > m.end() and e < b else a


def _line_opening(text: str, ps: int, pe: int, pattern: re.Pattern[str], max_words: int,
                  forbidden: str) -> tuple[int, int, int] | None:
    a = _LINE_LEAD.match(text, ps, pe).end()  # type: ignore[union-attr]
    a = _LINE_LEAD.match(text, after_time_stamp(text, a, pe), pe).end()  # type: ignore[union-attr]
    m = pattern.match(text, a, pe)
    if m is None:
        return None
    label = m.group(1)
    # a note in brackets after the label ("LAVROV (via interpreter):", "Mr NEBENZIA (Russian Federation):") is
    # no part of it
    note = re.fullmatch(r"(.*?\S)[ \u00a0]*\([^()\n]{1,40}\)", label)
    label = note.group(1) if note else label
    if len(label.split()) > max_words or re.search(forbidden, label):
        return None
    if "." in re.sub(r"(?<!\w)\w\.", "", label):
        return None  # periods only after initials ("В.ПУТИН", "Д. Песков")
    return a, a + len(label), m.end()


def line_label(text: str, ps: int, pe: int) -> tuple[int, int, int] | None:
    """A line that opens with a short label and a colon ("Путин: ...", "⚡️Глава МИД Беларуси Рыженков:
    ...", "В.ПУТИН: ...", "Lavrov: ..."): the label's start and end, and where the words after the
    colon start. Layout only: whether the label names a person is the reader's question."""
    return _line_opening(text, ps, pe, _LINE_LABEL, 8, r"[,;!?«»“”\"()\[\]—–]")


_LINE_HEAD = re.compile(r"((?:[^\n:«“„\"]|[«“„\"][^\n«»“”„\"]{1,40}[»”\"]){1,140}?)[ \t\u00a0]*:[ \t\u00a0]+(?=\S)")


@lru_cache(maxsize=8)
def label_tails(phrases: frozenset[str]) -> re.Pattern[str]:
    """A speaker label's tail opening (quotes.label): a space, an optional dash, one of the phrases (longest
    first; packs/<lang>/label_tails.txt), as group 1."""
    alt = "|".join(r"[ \u00a0]+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?i)(?:,[ \u00a0]+|[ \u00a0]+(?:[—–-][ \u00a0]+)?)((?:" + alt + r")(?![\w-]))")


def wholly_quoted(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The words inside the quotation marks when one top-level quote (quote_spans) holds the whole of text[s:e]
    (a full stop may follow it: "«После того как ...»."), else None: «a» b «c» is two quotes."""
    end = e - 1 if e - s > 2 and text[e - 1] in ".!?…" else e
    for q in quote_spans(text, s, e):
        if q.depth == 0 and q.open == s and q.close is not None and q.close == end - 1 and q.ce - q.cs >= 1:
            return q.cs, q.ce
    return None


def line_head(text: str, ps: int, pe: int) -> tuple[int, int, int] | None:
    """A line that opens with a longer label and a colon, in which a dash, one comma or a name in quotation
    marks may stand ("Лавров — о переговорах: ...", "Грызлов в интервью «Известиям»: ...", "Lavrov, at a
    press conference:"): as `line_label`, with up to 16 words; no sentence ends inside it. Layout only."""
    return _line_opening(text, ps, pe, _LINE_HEAD, 16, r"[;!?()\[\]]|,.*,")
