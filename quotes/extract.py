"""quotes.extract: text -> quotes. Pure: no I/O beyond loading the (cached) configuration."""
from __future__ import annotations

from typing import Any

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
        spans, indirect = _combine_en(doc, paras, covered, spans, indirect, parsed)
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


# Which English extractors run, in priority order (where quotes of two overlap, the earlier one's
# stays): "direct" (quotation marks, rules), "indirect" (rules over the parse), "model" (the CRF
# tagger of quotes/learned). "rules" stands for "direct,indirect". Until the extractor interface
# of issue 12 lands, MOUTHPIECE_EN_EXTRACTORS chooses (see quotes/learned/MODEL_CARD.md for the
# figures of each choice); the default keeps the rules alone.
EN_EXTRACTORS = ("direct", "indirect")


def _en_extractors() -> list[str]:
    from config.settings import get_settings

    raw = (get_settings().en_extractors or "").strip()
    names: list[str] = []
    for n in (raw.split(",") if raw else EN_EXTRACTORS):
        n = n.strip()
        names.extend(["direct", "indirect"] if n == "rules" else [n] if n else [])
    unknown = set(names) - {"direct", "indirect", "model"}
    if unknown:
        raise ValueError(f"MOUTHPIECE_EN_EXTRACTORS: unknown extractor(s) {sorted(unknown)}; "
                         "known: direct, indirect, model, rules")
    return names


Spans = list[tuple[int, int, QuoteType, str | None, str | None, str | None]]


def _combine_en(doc: Doc, paras: list[tuple[int, int]], covered: set[int], direct: Spans, indirect: Spans,
                parsed: list[tuple[int, int, Any]] | None) -> tuple[Spans, Spans]:
    """The English extractors' quotes, merged by priority; returns (direct, indirect and mixed)."""
    names = _en_extractors()
    found: dict[str, Spans] = {"direct": direct, "indirect": indirect}
    if "model" in names:
        from quotes.learned.extractor import find_learned_en

        learned = find_learned_en(doc, paras, covered, parsed or [])
        found["model"] = [q.span for q in learned]
        # a quote split by its attribution ("“A,” said X. “B”") is one quote: the model's joined
        # quote replaces the rules' pieces of it
        for q in learned:
            if q.fragments > 1 and "direct" in names:
                inside = [r for r in found["direct"] if q.span[0] <= r[0] and r[1] <= q.span[1]]
                if len(inside) >= 2:
                    found["direct"] = [r for r in found["direct"] if r not in inside] + [q.span]
    # overlap is settled between the rules and the model; the rules' own direct and indirect
    # quotes meet later, as before (an indirect clause holding a direct quote becomes mixed)
    kept: list[tuple[str, tuple[int, int, QuoteType, str | None, str | None, str | None]]] = []
    for n in names:
        group = "model" if n == "model" else "rules"
        others = [k for g, k in kept if g != group]
        for sp in found.get(n, []):
            if not any(sp[0] < k[1] and k[0] < sp[1] for k in others):
                kept.append((group, sp))
    out = [k for _, k in kept]
    return [q for q in out if q[2] == "direct"], [q for q in out if q[2] != "direct"]


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
