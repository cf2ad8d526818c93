"""quotes.extract: text -> quotes. Pure: no I/O beyond loading the (cached) configuration.

The pipeline: choose the language pack (declared language, else detected; never Russian by
default), find the people in the text (the pack's name finder: quotes.doc), segment transcript
turns, run the pack's extractors in priority order (each `find(page) -> list[Candidate]`), settle
overlaps between them, and let one resolver name each speaker with its reason.
"""
from __future__ import annotations

import dataclasses
import logging
import re

from config.leaders import Registry, load_registry
from quotes.candidate import Attribution, Candidate
from quotes.doc import Doc
from quotes.extractors import Page, get_extractor
from quotes.model import Context, Quote, QuoteType
from quotes.packs import LanguagePack, UnknownLanguage, choose_pack
from quotes.resolve import Resolver
from quotes.text import paragraphs, quote_spans, sentences, word_count
from quotes.topics import TopicMatcher, default_matcher
from quotes.transcript import find_turns

log = logging.getLogger(__name__)


def extract(
    text: str,
    *,
    lang: str | None = None,
    context: Context | None = None,
    registry: Registry | None = None,
    topics: TopicMatcher | None = None,
) -> list[Quote]:
    """Every quote in `text` by a named person: direct, indirect, mixed, and transcript turns.

    Offsets index `text` exactly: text[q.start:q.end] == q.text (without quotation marks). Each
    quote says which extractor found it and why the resolver chose its speaker (`extractor`,
    `reason`). A text in a language no pack covers gives no quotes (and a log line saying so).
    """
    if not isinstance(text, str) or not text.strip():
        return []
    ctx = context or Context()
    try:
        pack, why = choose_pack(text, lang or ctx.lang)
    except UnknownLanguage as e:
        log.info("no quotes extracted: %s", e)
        return []
    code = pack.code
    log.debug("quotes: %s pack (%s)", code, why)
    reg = registry or load_registry()
    tm = topics or default_matcher()
    # Telegram's markdown (**bold**, __italic__, ~~strike~~, ||spoiler||) is layout, not words:
    # the extractors read a copy with its markers blanked, so offsets still index `text`
    page = read_page(_MARKDOWN.sub(lambda m: " " * len(m.group()), text), pack, ctx, reg)
    resolver = Resolver(page.names)
    out: list[Quote] = []
    for c in run_extractors(page, extractor_names(pack)):
        c = _trim_markdown(text, c)
        if c.end <= c.start:
            continue
        who = resolver.resolve(c)
        if who is None:
            continue
        # a turn's topics are its own; other quotes also take their sentence's ("..., he said of NATO")
        around = "" if c.extractor == "transcript" else text[slice(*_sentence_around(text, page.paras, c.start, c.end))]
        out.append(_quote(text, c, who, code, tm, around))
    out.sort(key=lambda q: q.start)
    return out


_MARKDOWN = re.compile(r"\*\*|__|~~|\|\|")


def _trim_markdown(text: str, c: Candidate) -> Candidate:
    """The quote without Telegram markers or spaces at its edges ("... 2 дня.**" -> "... 2 дня.")."""
    s, e = c.start, c.end
    while True:
        m = _MARKDOWN.match(text, s)
        if m and m.end() <= e:
            s = m.end()
        elif s < e and text[s].isspace():
            s += 1
        else:
            break
    while e > s and (text[e - 2:e] in ("**", "__", "~~", "||") or text[e - 1].isspace()):
        e -= 2 if text[e - 2:e] in ("**", "__", "~~", "||") else 1
    return c if (s, e) == (c.start, c.end) else dataclasses.replace(c, start=s, end=e)


def read_page(text: str, pack: LanguagePack, ctx: Context, reg: Registry) -> Page:
    """The document as the extractors see it: people (registry, names in the text, NER), paragraphs,
    transcript turns, and (English) the parse of the sentences that hold a cue."""
    doc = Doc(text, pack.code, ctx, reg)
    paras = paragraphs(text)
    turns, covered = find_turns(doc, paras)
    page = Page(doc, pack, paras, turns, covered)
    # people inside quotation marks are quoted, not antecedents: layout every extractor shares
    for pi, (ps, pe) in enumerate(paras):
        if pi not in covered:
            for q in quote_spans(text, ps, pe):
                if q.depth == 0 and word_count(text[q.cs:q.ce]) >= 3:
                    doc.mark_quoted(q.cs, q.ce)
    if pack.names == "ru":
        from quotes.ner_ru import add_ner_names

        add_ner_names(doc, paras, covered)
        doc.add_single_surnames()
    elif pack.names == "en":
        from quotes.indirect_en import parse_cue_sentences

        page.parsed = parse_cue_sentences(doc, paras, covered)
    return page


# MOUTHPIECE_EN_EXTRACTORS names the English extractors after the transcript turns, in priority
# order (where quotes of two overlap, the earlier one's stays): "direct" (quotation marks, rules),
# "indirect" (rules over the parse), "model" (the CRF tagger of quotes/learned); "rules" stands for
# "direct,indirect". The speaker-label lines ("label", "Lavrov: ...") run with any choice, before the
# model. Unset: the English pack's list (quotes/packs/pack.yaml). See
# quotes/learned/MODEL_CARD.md for the figures of each choice.
_EN_ALIASES = {"indirect": "indirect_en", "rules": "direct,indirect_en"}


def extractor_names(pack: LanguagePack) -> list[str]:
    names = list(pack.extractors)
    if pack.code != "en":
        return names
    from config.settings import get_settings

    raw = (get_settings().en_extractors or "").strip()
    if not raw:
        return names
    chosen: list[str] = []
    for n in raw.split(","):
        n = n.strip()
        chosen.extend(_EN_ALIASES.get(n, n).split(",") if n else [])
    unknown = set(chosen) - {"direct", "indirect_en", "label", "model", "post"}
    if unknown:
        raise ValueError(f"MOUTHPIECE_EN_EXTRACTORS: unknown extractor(s) {sorted(unknown)}; "
                         "known: direct, indirect, label, model, rules")
    if "label" in names and "label" not in chosen:
        # the speaker-label lines are layout, as the transcript turns: they run with any choice, after the
        # rules and before the model
        chosen.insert(chosen.index("model") if "model" in chosen else len(chosen), "label")
    return ["transcript", *chosen, *(["post"] if "post" in names else [])]


def run_extractors(page: Page, names: list[str]) -> list[Candidate]:
    """Every extractor's candidates, merged: transcript turns as they are; between the rules and
    the model, where quotes overlap the earlier extractor's stays (a model quote that joins two or
    more of the rules' direct pieces replaces them); an indirect clause that holds a direct quote of
    the rules is one mixed quote."""
    found: dict[str, list[Candidate]] = {}
    for n in names:
        got = get_extractor(n).find(page)
        found[n] = got
        page.earlier = page.earlier + got
    turns = found.pop("transcript", [])
    if "model" in found and "direct" in found:
        for q in found["model"]:
            if q.fragments > 1:
                inside = [r for r in found["direct"] if q.start <= r.start and r.end <= q.end]
                if len(inside) >= 2:
                    found["direct"] = [r for r in found["direct"] if r not in inside] + [q]
    kept: list[tuple[str, Candidate]] = []
    for n in found:
        group = "model" if n == "model" else "rules"
        others = [k for g, k in kept if g != group]
        for c in found[n]:
            if not any(c.overlaps(k) for k in others):
                kept.append((group, c))
    cands = [k for _, k in kept]
    direct = [c for c in cands if c.type == "direct"]
    reported = [c for c in cands if c.type != "direct"]
    merged = [d for d in direct if not any(i.start <= d.start and d.end <= i.end for i in reported)]
    merged.extend(reported)
    return sorted(turns + merged, key=lambda c: c.start)


def _sentence_around(text: str, paras: list[tuple[int, int]], s: int, e: int) -> tuple[int, int]:
    for ps, pe in paras:
        if ps <= s <= pe:
            for a, b in sentences(text, ps, pe):
                if a <= s < b:
                    return a, max(b, e)
            return ps, pe
    return s, e


def _quote(text: str, c: Candidate, who: Attribution, lang: str, tm: TopicMatcher, context: str = "") -> Quote:
    body = text[c.start:c.end]
    topics = tm.topics(body, lang)
    for t in tm.topics(context, lang) if context else []:
        if t not in topics:
            topics.append(t)
    typ: QuoteType = c.type
    return Quote(who.speaker, who.speaker_id, body, typ, c.cue, c.start, c.end, topics, lang,
                 extractor=c.extractor, reason=who.reason)
