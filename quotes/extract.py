"""quotes.extract: text -> quotes. Pure: no I/O beyond loading the (cached) configuration."""
from __future__ import annotations

from config.leaders import Registry, load_registry
from quotes.direct import find_direct
from quotes.doc import Doc
from quotes.model import Context, Quote, QuoteType
from quotes.text import detect_lang, paragraphs, sentences, strip_span
from quotes.topics import TopicMatcher, default_matcher
from quotes.transcript import find_turns


def extract(
    text: str,
    *,
    lang: str | None = None,
    context: Context | None = None,
    registry: Registry | None = None,
    topics: TopicMatcher | None = None,
) -> list[Quote]:
    """Every quote in `text` by a named person: direct, indirect, mixed, and transcript turns.

    Offsets index `text` exactly: text[q.start:q.end] == q.text (without quotation marks).
    """
    if not isinstance(text, str) or not text.strip():
        return []
    ctx = context or Context()
    lang = lang or ctx.lang or detect_lang(text)
    reg = registry or load_registry()
    tm = topics or default_matcher()
    doc = Doc(text, lang, ctx, reg)
    paras = paragraphs(text)
    out: list[Quote] = []

    turns, covered = find_turns(doc, paras)
    parsed = None
    if lang == "ru":
        from quotes.ner_ru import add_ner_names

        add_ner_names(doc, paras, covered)
    if lang == "en":
        from quotes.indirect_en import parse_cue_sentences

        parsed = parse_cue_sentences(doc, paras, covered)
    for t in turns:
        if t.speaker is None or t.speaker.name is None:
            continue
        s, e = strip_span(text, t.start, t.end, " \t\n\u00a0")
        if e > s:
            out.append(_quote(text, t.speaker.name, t.speaker.leader_id, s, e, "direct", "transcript", lang, tm))

    spans: list[tuple[int, int, QuoteType, str | None, str | None, str | None]] = []
    for c in find_direct(doc, paras, covered):
        sp = c.speaker
        assert sp is not None
        spans.append((c.cs, c.ce, "direct", sp.name, sp.leader_id, c.cue))

    indirect: list[tuple[int, int, QuoteType, str | None, str | None, str | None]] = []
    if lang == "en":
        from quotes.indirect_en import find_indirect_en

        indirect = find_indirect_en(doc, paras, covered, spans, parsed)
    else:
        from quotes.indirect_ru import find_indirect_ru

        indirect = find_indirect_ru(doc, paras, covered, spans)

    # an indirect clause that holds a direct quote is one mixed quote
    merged = []
    for d in spans:
        if any(i[0] <= d[0] and d[1] <= i[1] for i in indirect):
            continue
        merged.append(d)
    merged.extend(indirect)
    merged.sort(key=lambda m: m[0])
    for s, e, typ, name, lid, cue in merged:
        ctx_s, ctx_e = _sentence_around(text, paras, s, e)
        out.append(_quote(text, name, lid, s, e, typ, cue, lang, tm, text[ctx_s:ctx_e]))
    out.sort(key=lambda q: q.start)
    return out


def _sentence_around(text: str, paras: list[tuple[int, int]], s: int, e: int) -> tuple[int, int]:
    for ps, pe in paras:
        if ps <= s <= pe:
            for a, b in sentences(text, ps, pe):
                if a <= s < b:
                    return a, max(b, e)
            return ps, pe
    return s, e


def _quote(
    text: str,
    name: str | None,
    lid: str | None,
    s: int,
    e: int,
    typ: QuoteType,
    cue: str | None,
    lang: str,
    tm: TopicMatcher,
    context: str = "",
) -> Quote:
    body = text[s:e]
    topics = tm.topics(body, lang)
    for t in tm.topics(context, lang) if context else []:
        if t not in topics:
            topics.append(t)
    return Quote(name, lid, body, typ, cue, s, e, topics, lang)
