"""The extractors: each implements `find(page) -> list[Candidate]` and is named in a language pack's
`extractors` list (quotes/packs/pack.yaml), which sets their priority.

A `Page` is one document as the extractors see it: the text's people (`names`, a quotes.doc.Doc
built by the pack's name finder), its paragraphs, the paragraphs that are transcript turns, the
analyses that several extractors share (the English parse), and the candidates of the extractors
that ran before (read-only: the Russian indirect rules skip what a direct quote holds).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from quotes.candidate import Candidate
from quotes.doc import Doc
from quotes.packs import LanguagePack
from quotes.text import strip_span


@dataclass
class Page:
    names: Doc
    pack: LanguagePack
    paras: list[tuple[int, int]]
    turns: list[Any] = field(default_factory=list)  # quotes.transcript.Turn, in text order
    transcript_paras: set[int] = field(default_factory=set)
    parsed: list[tuple[int, int, Any]] = field(default_factory=list)  # English: (start, end, spaCy doc)
    earlier: list[Candidate] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.names.text

    def view(self) -> Doc:
        """The document's people for one extractor: a private copy (extractors change no shared
        state), holding the speakers of the quotes found before it, as antecedents ("..., he said")."""
        doc = self.names.fork()
        assert isinstance(doc, Doc)
        text = doc.text
        for c in self.earlier:
            if c.speaker is None or c.extractor == "transcript":
                continue
            at = c.start - 1 if c.type == "direct" and c.start > 0 and text[c.start - 1] in "«“„\"‘'" else c.start
            doc.add_speaker(at, c.speaker)
        return doc

    @property
    def lang(self) -> str:
        return self.names.lang


class Extractor(Protocol):
    name: str

    def find(self, page: Page) -> list[Candidate]: ...


def _span_candidates(spans: list[tuple[int, int, Any, str | None, str | None, str | None]], extractor: str,
                     link: str) -> list[Candidate]:
    """The rules' (start, end, type, name, id, cue) tuples as candidates whose speaker the rule fixed."""
    from quotes.candidate import Speaker

    return [Candidate(s, e, typ, extractor, cue=cue, speaker=Speaker(name, lid), link=link)
            for s, e, typ, name, lid, cue in spans]


class TranscriptExtractor:
    """Speaker-labelled turns ("President of Russia Vladimir Putin:", "В.ПУТИН:"): each labelled turn
    whose label names a person is a direct quote; question and moderator turns are nobody's."""

    name = "transcript"

    def find(self, page: Page) -> list[Candidate]:
        out = []
        for t in page.turns:
            if t.speaker is None or t.speaker.name is None:
                continue
            s, e = strip_span(page.text, t.start, t.end, " \t\n\u00a0")
            if e > s:
                out.append(Candidate(s, e, "direct", self.name, cue="transcript", source=(t.label_start, t.label_end),
                                     speaker=t.speaker, link=f"transcript label {t.label!r}"))
        return out


class DirectExtractor:
    """Quotation marks in every style, split and multi-paragraph quotes, dash attribution, dialogue
    dashes and colon introductions (quotes.direct)."""

    name = "direct"

    def find(self, page: Page) -> list[Candidate]:
        from quotes.candidate import Speaker
        from quotes.direct import find_direct

        out = []
        for c in find_direct(page.view(), page.paras, page.transcript_paras):
            sp = c.speaker
            assert sp is not None
            link = ("carried from the quote before" if c.inherited else "dialogue dash" if c.dash
                    else f"cue {c.cue!r}" if c.cue else "quotation marks")
            out.append(Candidate(c.cs, c.ce, "direct", self.name, cue=c.cue, speaker=Speaker(sp.name, sp.leader_id,
                                                                                              sp.gender), link=link))
        return out


class IndirectEnExtractor:
    """English reported speech over the dependency parse: "X said (that) ...", "according to X"."""

    name = "indirect_en"

    def find(self, page: Page) -> list[Candidate]:
        from quotes.indirect_en import find_indirect_en

        direct = [(c.start, c.end, c.type, None, None, c.cue) for c in page.earlier if c.type == "direct"]
        spans = find_indirect_en(page.view(), page.paras, page.transcript_paras, direct, page.parsed)  # type: ignore[arg-type]
        return _span_candidates(spans, self.name, "subject of the reporting verb")


class IndirectRuExtractor:
    """Russian reported speech: "X заявил, что ...", "по словам X", "как отметил X"."""

    name = "indirect_ru"

    def find(self, page: Page) -> list[Candidate]:
        from quotes.indirect_ru import find_indirect_ru

        direct = [(c.start, c.end, c.type, None, None, c.cue) for c in page.earlier if c.type == "direct"]
        spans = find_indirect_ru(page.view(), page.paras, page.transcript_paras, direct)  # type: ignore[arg-type]
        return _span_candidates(spans, self.name, "subject of the reporting verb")


class LearnedEnExtractor:
    """The CRF attribution tagger trained on PolNeAR (quotes/learned): source, cue and content spans."""

    name = "model"

    def find(self, page: Page) -> list[Candidate]:
        from quotes.candidate import Speaker
        from quotes.learned.extractor import find_learned_en

        out = []
        for q in find_learned_en(page.view(), page.paras, page.transcript_paras, page.parsed):
            s, e, typ, name, lid, cue = q.span
            out.append(Candidate(s, e, typ, self.name, cue=cue, speaker=Speaker(name, lid), link="tagged source span",
                                 score=q.score, fragments=q.fragments))
        return out


def _post() -> Extractor:
    from quotes.post import PostLayoutExtractor

    return PostLayoutExtractor()


def _label() -> Extractor:
    from quotes.label import LabelLineExtractor

    return LabelLineExtractor()


EXTRACTORS: dict[str, Callable[[], Extractor]] = {
    "transcript": TranscriptExtractor,
    "direct": DirectExtractor,
    "indirect_en": IndirectEnExtractor,
    "indirect_ru": IndirectRuExtractor,
    "model": LearnedEnExtractor,
    "post": _post,
    "label": _label,
}


def get_extractor(name: str) -> Extractor:
    try:
        return EXTRACTORS[name]()
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None
