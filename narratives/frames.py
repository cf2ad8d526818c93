"""Frame tagging: which narrative frames a quote uses, and the words that matched (pure).

`FrameTagger(frames, hedges)` compiles the patterns of `config/narratives.yaml` once: every
term (a word, a phrase, a prefix) gets an id, and three indexes map a token's lemma (or its
prefixes) to the term ids it can start. Tagging a text is then one pass over its tokens with
dict lookups, plus a check per pattern whose every group was hit: are all groups within the
pattern's window, and no `unless` term (or hedge) in or near that span?
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from config.narratives import Frame
from narratives.lemmas import Token, lemma, normalise, tokens

VETO_REACH = 3  # words on each side of a match where a hedge still vetoes it (`unless`: half the window)
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class FrameMatch:
    frame: str
    words: tuple[str, ...]  # the words of the text that made the match, in text order
    start: int  # character span of the match in the text
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"frame": self.frame, "words": list(self.words), "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class _Part:
    """One word of a term: an exact lemma, or a prefix of the word or its lemma."""

    key: str
    prefix: bool


@dataclass(frozen=True)
class _Pattern:
    frame: str
    groups: tuple[frozenset[int], ...]
    window: int
    unless: frozenset[int]


def _compile_term(term: str) -> tuple[_Part, ...]:
    parts = []
    for w in term.split():
        low = normalise(w).replace("'", "").replace("’", "")
        if low.endswith("*"):
            parts.append(_Part(low.rstrip("*"), True))
        else:
            parts.append(_Part(lemma(low), False))
    return tuple(parts)


class FrameTagger:
    """Tags texts with frames; build once per configuration (it holds the compiled indexes)."""

    def __init__(self, frames: Sequence[Frame], hedges: Mapping[str, list[str]] | None = None):
        self.frame_ids = [f.id for f in frames]
        self._terms: list[tuple[_Part, ...]] = []
        self._term_ids: dict[tuple[_Part, ...], int] = {}
        self._exact: dict[str, list[int]] = defaultdict(list)  # first word's lemma -> term ids
        self._prefix: dict[str, list[int]] = defaultdict(list)  # first word's prefix -> term ids
        self._patterns: dict[str, list[_Pattern]] = {"en": [], "ru": []}
        # per language: term id -> (pattern index, group index) of every group it belongs to
        self._term_groups: dict[str, dict[int, list[tuple[int, int]]]] = {"en": {}, "ru": {}}
        self._cands: dict[tuple[str, str], tuple[int, ...]] = {}  # (word, lemma) -> term ids it can start
        for f in frames:
            for lang, pats in f.patterns.items():
                for p in pats:
                    groups = tuple(frozenset(self._term(t) for t in g) for g in p.all)
                    self._patterns[lang].append(
                        _Pattern(f.id, groups, p.window, frozenset(self._term(t) for t in p.unless)))
        self._hedges = {lang: frozenset(self._term(t) for t in ts) for lang, ts in (hedges or {}).items()}
        for code, compiled in self._patterns.items():
            for pi, cp in enumerate(compiled):
                for gi, g in enumerate(cp.groups):
                    for tid in g:
                        self._term_groups[code].setdefault(tid, []).append((pi, gi))
        self._prefix_lens = sorted({len(k) for k in self._prefix})

    def _term(self, term: str) -> int:
        parts = _compile_term(term)
        tid = self._term_ids.get(parts)
        if tid is None:
            tid = self._term_ids[parts] = len(self._terms)
            self._terms.append(parts)
            first = parts[0]
            if first.prefix:
                self._prefix[first.key].append(tid)
            else:
                self._exact[first.key].append(tid)
        return tid

    def _hits(self, toks: list[Token]) -> dict[int, list[tuple[int, int]]]:
        """term id -> (first token, last token) of each occurrence."""
        hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
        n = len(toks)
        cache = self._cands
        terms = self._terms
        for i, tok in enumerate(toks):
            cands = cache.get((tok.low, tok.lemma))
            if cands is None:
                found = list(self._exact.get(tok.lemma, ()))
                for k in self._prefix_lens:
                    if k > len(tok.low) and k > len(tok.lemma):
                        break
                    for key in {tok.low[:k], tok.lemma[:k]}:
                        found.extend(self._prefix.get(key, ()))
                cands = tuple(dict.fromkeys(found))
                if len(cache) >= 200_000:
                    cache.clear()
                cache[(tok.low, tok.lemma)] = cands
            for tid in cands:
                parts = terms[tid]
                m = len(parts)
                if m == 1:  # the index lookup was the whole match
                    hits[tid].append((i, i))
                    continue
                if i + m > n:
                    continue
                for j in range(1, m):  # the first word matched already (the index); inline: hot loop
                    p, t = parts[j], toks[i + j]
                    if not (t.low.startswith(p.key) or t.lemma.startswith(p.key) if p.prefix else t.lemma == p.key):
                        break
                else:
                    hits[tid].append((i, i + m - 1))
        return hits

    def tag_tokens(self, toks: list[Token], lang: str) -> list[FrameMatch]:
        pats = self._patterns.get(lang) or []
        if not toks or not pats:
            return []
        hits = self._hits(toks)
        if not hits:
            return []
        hedges = self._hedges.get(lang, frozenset())
        touched: dict[int, list[list[tuple[int, int]]]] = {}
        groups_of = self._term_groups.get(lang, {})
        for tid, spans in hits.items():
            for pi, gi in groups_of.get(tid, ()):
                per = touched.get(pi)
                if per is None:
                    per = touched[pi] = [[] for _ in pats[pi].groups]
                per[gi].extend(spans)
        found: dict[str, FrameMatch] = {}
        for pi in sorted(touched):
            p = pats[pi]
            if p.frame in found:
                continue
            spans_per_group = touched[pi]
            if not all(spans_per_group):
                continue
            spans_per_group = [sorted(set(g)) for g in spans_per_group]
            m = self._within(spans_per_group, p.window)
            if m is None:
                continue
            lo, hi, used = m
            if self._vetoed(hits, p.unless, lo, hi, max(VETO_REACH, p.window // 2)) or \
                    self._vetoed(hits, hedges, lo, hi, VETO_REACH):
                continue
            words = tuple(toks[j].text for a, b in sorted(set(used)) for j in range(a, b + 1))
            end_tok = toks[hi]
            found[p.frame] = FrameMatch(p.frame, words, toks[lo].start, end_tok.start + len(end_tok.text))
        return [found[f] for f in self.frame_ids if f in found]

    @staticmethod
    def _within(groups: list[list[tuple[int, int]]], window: int
                ) -> tuple[int, int, list[tuple[int, int]]] | None:
        """The tightest choice of one span per group, anchored on each span of the first group,
        whose overall extent is at most `window` words."""
        best: tuple[int, int, list[tuple[int, int]]] | None = None
        for anchor in groups[0]:
            used = [anchor]
            for spans in groups[1:]:
                near = min(spans, key=lambda s: max(abs(s[0] - anchor[1]), abs(anchor[0] - s[1])))
                used.append(near)
            lo, hi = min(s[0] for s in used), max(s[1] for s in used)
            if hi - lo + 1 <= window and (best is None or hi - lo < best[1] - best[0]):
                best = (lo, hi, used)
        return best

    @staticmethod
    def _vetoed(hits: dict[int, list[tuple[int, int]]], veto: frozenset[int], lo: int, hi: int,
                reach: int) -> bool:
        for t in veto:
            for a, b in hits.get(t, ()):
                if b >= lo - reach and a <= hi + reach:
                    return True
        return False

    def tag(self, text: str, lang: str | None = None) -> list[FrameMatch]:
        """The frames `text` uses, in the order of the configuration, each with its words.

        `lang` picks the patterns (en or ru); without it, the script of most words decides."""
        toks = tokens(text)
        return self.tag_tokens(toks, lang or guess_lang(toks))


def guess_lang(toks: Iterable[Token]) -> str:
    cyr = lat = 0
    for t in toks:
        if "\u0400" <= t.low[0] <= "\u04ff":
            cyr += 1
        else:
            lat += 1
    return "ru" if cyr > lat else "en"
