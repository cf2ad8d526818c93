"""Frame tagging: which narrative frames a quote uses, and the words that matched (pure).

`FrameTagger(frames, hedges)` compiles the patterns of `config/narratives.yaml` once: every
term (a word, a phrase, a prefix) gets an id, and three indexes map a token's lemma (or its
prefixes) to the term ids whose anchor (the term's longest word) it can be. Tagging a text is then one pass over its tokens with
dict lookups, plus a check per pattern whose every group was hit: are all groups within the
pattern's window, and no `unless` term (or hedge) in or near that span, and no distancing term
("Moscow's views on", "Kremlin propaganda") in its sentence?

Then the frame's own conditions, per sentence of the match (split on . ! ? ; and line breaks):
an actor of its `context` must be in that sentence or within CONTEXT_REACH (2) sentences of it (the match's
own words count; a speaker's turn in a transcript names the actor a sentence or two before the claim) unless the
pattern is `standalone`, a wording that is the frame by itself (a stored quote says "they" and names nobody);
none of its `exclude` terms may be in it unless an actor of its `despite` groups is
too ("in Syria and in Ukraine"), and the weights of its distinct patterns that matched must reach its
`threshold`. A cue word alone ("expansion", "escalation", "coup") is common in all news; with
the actors of this rhetoric in the same sentence it is the frame.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from config.narratives import Frame
from narratives.learned import FrameModel
from narratives.lemmas import Token, lemma, tokens, word_low

CONTEXT_REACH = 2  # sentences on each side of a match where an actor of its context still counts
VETO_REACH = 3  # words on each side of a match where a hedge still vetoes it (`unless`: half the window)
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class FrameMatch:
    frame: str
    words: tuple[str, ...]  # the words of the text that made the match, in text order
    start: int  # character span of the match in the text
    end: int
    learned: bool = False  # found by the learned backstop (narratives/learned.py), not by a pattern

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"frame": self.frame, "words": list(self.words), "start": self.start, "end": self.end}
        if self.learned:
            out["learned"] = True
        return out


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
    weight: float = 1.0
    standalone: bool = False  # needs no actor of the frame's context


@dataclass(frozen=True)
class _FrameRule:
    """A frame's conditions beyond its patterns, in one language (term ids)."""

    context: frozenset[int] = field(default_factory=frozenset)  # empty: no actor needed
    exclude: frozenset[int] = field(default_factory=frozenset)
    despite: frozenset[int] = field(default_factory=frozenset)  # actors that lift an exclusion
    threshold: float = 1.0


# a sentence ends at . ! ? ; … or a line break followed by a word that starts with a capital or a
# digit, unless the full stop closes an abbreviation ("Mr. Putin", "U.S. officials", "г. Минск")
_SENT_END = re.compile(r"(?:[.!?;…]|\n)[^\w\n]*\n?[^\w]*(?=[A-ZА-ЯЁІЎЄЇҐ0-9])")
_ABBREV = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "u", "s", "г", "гг", "т", "д",
                     "им", "ул", "см", "др", "вв", "тыс", "млн", "млрд"})
_LAST_WORD = re.compile(r"(\w+)$")


def sentence_starts(text: str) -> list[int]:
    """Character offsets where the second, third... sentence of `text` begin (sorted)."""
    out = []
    for m in _SENT_END.finditer(text):
        if text[m.start()] == "." and "\n" not in m[0]:
            w = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
            if w is not None and w[1].lower() in _ABBREV:
                continue
        out.append(m.end())
    return out


def sentence_around(body: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence(s) of `body` holding the span [start, end): from the start of the sentence
    where it begins to the end of the one where it ends, at most `reach` characters beyond the
    span on either side (a page without full stops is not one long sentence)."""
    if not body or not 0 <= start < end <= len(body):
        return ""
    lo, hi = max(0, start - reach), min(len(body), end + reach)
    # a sentence start is seen by the capital that begins it: look up to the span's first letter ("▪️ЕС намерен")
    head = start
    while head < end - 1 and not body[head].isalnum():
        head += 1
    before = sentence_starts(body[lo:head + 1])
    s0 = lo + before[-1] if before else lo
    after = sentence_starts(body[end - 1:hi])
    e0 = end - 1 + after[0] if after else hi
    return body[s0:e0].strip()


def sentence_ids(toks: Sequence[Token], text: str) -> list[int]:
    """The sentence number of each token (all 0 without `text`)."""
    starts = sentence_starts(text) if text else []
    return [bisect_right(starts, t.start) for t in toks]


# the terms a word can anchor: one-word term ids, and (term id, anchor position, length, the other words as
# (position, key, prefix)) of the longer ones
_Cands = tuple[tuple[int, ...], tuple[tuple[int, int, int, tuple[tuple[int, str, bool], ...]], ...]]

_TERM_PUNCT = ",.;:!?\"«»()[]—–"


# words that begin or join hundreds of phrases: never a term's anchor while it has another word
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "to", "of", "in", "on", "at", "by", "for", "with", "and", "not", "no", "will", "would", "their",
    "they", "them", "we", "us", "our", "is", "be", "that", "this", "it", "its", "from", "as", "against",
    "и", "в", "на", "не", "с", "к", "у", "о", "по", "за", "из", "от", "до", "а", "но", "же", "мы", "наш", "они", "их",
    "это", "этот", "что", "как", "так", "весь", "быть", "свой", "против"})


def _specificity(part: _Part, common: frozenset[str] = frozenset()) -> int:
    """How few words a term's part matches: longer is rarer; a whole word beats a prefix of its length (the
    prefix matches it and more); a word of this rhetoric's actors (`common`: "Russia", "Belarus", "border" are in
    most of its texts) less, a function word least of all."""
    if not part.prefix and part.key in _FUNCTION_WORDS:
        return 0
    if part.key in common:
        return 1
    return 2 * len(part.key) + (0 if part.prefix else 1)


def _compile_term(term: str) -> tuple[_Part, ...]:
    parts = []
    for w in term.split():
        w = w.strip(_TERM_PUNCT)  # "сук, на котором": the text's tokens carry no punctuation either
        if not w or w == "*":
            continue
        # the text's own word normalisation ("Belarus's" is "belarus" in both); a prefix keeps its '*' apart
        if w.endswith("*"):
            parts.append(_Part(word_low(w.rstrip("*")), True))
        else:
            low = word_low(w)
            parts.append(_Part(lemma(low), False))
    if not parts:
        raise ValueError(f"term {term!r} has no word to match")
    return tuple(parts)


class FrameTagger:
    """Tags texts with frames; build once per configuration (it holds the compiled indexes)."""

    def __init__(self, frames: Sequence[Frame], hedges: Mapping[str, list[str]] | None = None,
                 actors: Mapping[str, Mapping[str, list[str]]] | None = None,
                 distancing: Mapping[str, list[str]] | None = None,
                 negations: Mapping[str, list[str]] | None = None, model: FrameModel | None = None):
        self.frame_ids = [f.id for f in frames]
        # the learned backstop adds a configured frame the patterns missed; a frame the user added is not in it
        self._model = model
        self._learnable = frozenset(self.frame_ids) & frozenset(model.frames) if model else frozenset()
        actors = actors or {}
        # per language: frame id -> its context, exclusions and threshold
        self._rules: dict[str, dict[str, _FrameRule]] = {"en": {}, "ru": {}}
        self._terms: list[tuple[_Part, ...]] = []
        self._term_ids: dict[tuple[_Part, ...], int] = {}
        # a term is looked up by one of its words, its anchor: its most specific word (`_specificity`: "promise*"
        # in "broke* the promise*", not "the" or "не", which begin hundreds of phrases and would make each of
        # their tokens try them all)
        self._exact: dict[str, list[int]] = defaultdict(list)  # anchor word's lemma -> term ids
        self._prefix: dict[str, list[int]] = defaultdict(list)  # anchor prefix -> term ids
        self._anchor: list[int] = []  # term id -> the anchor's position in the term
        self._patterns: dict[str, list[_Pattern]] = {"en": [], "ru": []}
        # per language: term id -> the patterns whose trigger group holds it. A pattern is looked at only when
        # a term of its trigger, the group least likely to be in a text (`_trigger`), is: most groups are
        # actors ("NATO", "Запад") found in every other news text, and trying every pattern of each of their
        # hits cost more than all the rest of tagging
        self._triggered: dict[str, dict[int, list[int]]] = {"en": {}, "ru": {}}
        self._cands: dict[str, _Cands] = {}  # a word as written -> the terms it can anchor (see _candidates)
        self._common = frozenset(p.key for langs in actors.values() for ts in langs.values() for t in ts
                                 for p in _compile_term(t))
        for f in frames:
            for lang, pats in f.patterns.items():
                for p in pats:
                    groups = tuple(frozenset(self._term(t) for t in g) for g in p.all)
                    self._patterns[lang].append(
                        _Pattern(f.id, groups, p.window, frozenset(self._term(t) for t in p.unless), p.weight,
                                 p.standalone))
            for lang in ("en", "ru"):
                ctx = [t for name in f.context for t in actors.get(name, {}).get(lang, [])]
                despite = [t for name in f.despite for t in actors.get(name, {}).get(lang, [])]
                self._rules[lang][f.id] = _FrameRule(frozenset(self._term(t) for t in ctx),
                                                     frozenset(self._term(t) for t in f.exclude.get(lang, [])),
                                                     frozenset(self._term(t) for t in despite), f.threshold)
        self._hedges = {lang: frozenset(self._term(t) for t in ts) for lang, ts in (hedges or {}).items()}
        # a negation right before an `unless` term turns it round ("NATO has ceased to be a defensive union")
        self._negations = {lang: frozenset(self._term(t) for t in ts) for lang, ts in (negations or {}).items()}
        self._distancing = {lang: frozenset(self._term(t) for t in ts) for lang, ts in (distancing or {}).items()}
        actor_terms = frozenset(t for rules in self._rules.values() for r in rules.values() for t in r.context)
        for code, compiled in self._patterns.items():
            for pi, cp in enumerate(compiled):
                for tid in self._trigger(cp, actor_terms):
                    self._triggered[code].setdefault(tid, []).append(pi)
        self._prefix_lens = sorted({len(k) for k in self._prefix})

    def _term(self, term: str) -> int:
        parts = _compile_term(term)
        tid = self._term_ids.get(parts)
        if tid is None:
            tid = self._term_ids[parts] = len(self._terms)
            self._terms.append(parts)
            k = max(range(len(parts)), key=lambda j: _specificity(parts[j], self._common))
            self._anchor.append(k)
            if parts[k].prefix:
                self._prefix[parts[k].key].append(tid)
            else:
                self._exact[parts[k].key].append(tid)
        return tid

    def _trigger(self, p: _Pattern, actors: frozenset[int]) -> frozenset[int]:
        """The pattern's group least likely to be in a text: one without an actor ("NATO", "Киев", "we" are
        in most texts of this rhetoric) or a function word, then the fewest terms."""
        def commonness(g: frozenset[int]) -> tuple[bool, int]:
            common = any(t in actors or _specificity(self._terms[t][self._anchor[t]]) == 0 for t in g)
            return common, len(g)
        return min(p.groups, key=commonness)

    def _hits(self, toks: list[Token]) -> dict[int, list[tuple[int, int]]]:
        """term id -> (first token, last token) of each occurrence."""
        hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
        n = len(toks)
        cache = self._cands
        for i, tok in enumerate(toks):
            cands = cache.get(tok.text)  # the written word decides its lower case and lemma
            if cands is None:
                if len(cache) >= 200_000:
                    cache.clear()
                cands = cache[tok.text] = self._candidates(tok)
            singles, multis = cands
            for tid in singles:  # the index lookup was the whole match
                hits[tid].append((i, i))
            for tid, k, m, rest in multis:
                s0 = i - k
                if s0 < 0 or s0 + m > n:
                    continue
                for off, key, prefix in rest:  # the anchor matched already (the index); inline: hot loop
                    t = toks[s0 + off]
                    if not (t.low.startswith(key) or t.lemma.startswith(key) if prefix else t.lemma == key):
                        break
                else:
                    hits[tid].append((s0, s0 + m - 1))
        return hits

    def _candidates(self, tok: Token) -> _Cands:
        """The terms a word can anchor: the one-word ones (matched by the lookup itself) and the longer ones, each
        with its anchor's position, its length and the other words to check (position, key, prefix)."""
        found = list(self._exact.get(tok.lemma, ()))
        for k in self._prefix_lens:
            if k > len(tok.low) and k > len(tok.lemma):
                break
            for key in {tok.low[:k], tok.lemma[:k]}:
                found.extend(self._prefix.get(key, ()))
        singles: list[int] = []
        multis: list[tuple[int, int, int, tuple[tuple[int, str, bool], ...]]] = []
        for tid in dict.fromkeys(found):
            parts = self._terms[tid]
            if len(parts) == 1:
                singles.append(tid)
            else:
                k = self._anchor[tid]
                multis.append((tid, k, len(parts),
                               tuple((j, p.key, p.prefix) for j, p in enumerate(parts) if j != k)))
        return tuple(singles), tuple(multis)

    def tag_tokens(self, toks: list[Token], lang: str, text: str = "") -> list[FrameMatch]:
        """The frames of a tokenised text, in the configuration's order; `text` (the one `toks` came from)
        gives the sentence boundaries that a frame's context and exclusions are checked in."""
        found = self._by_patterns(toks, lang, text)
        if not self._learnable or not toks:
            return found
        have = {m.frame for m in found}
        extra = [x for x in self._model.sure(toks, have) if x.frame in self._learnable] if self._model else []
        if not extra:
            return found
        by_frame = {m.frame: m for m in found}
        for x in extra:
            if not x.words:
                continue
            first, last = toks[x.words[0]], toks[x.words[-1]]
            by_frame[x.frame] = FrameMatch(x.frame, tuple(toks[j].text for j in x.words), first.start,
                                           last.start + len(last.text), learned=True)
        return [by_frame[f] for f in self.frame_ids if f in by_frame]

    def _by_patterns(self, toks: list[Token], lang: str, text: str) -> list[FrameMatch]:
        pats = self._patterns.get(lang) or []
        if not toks or not pats:
            return []
        hits = self._hits(toks)
        if not hits:
            return []
        hedges = self._hedges.get(lang, frozenset())
        negations = self._negations.get(lang, frozenset())
        # the negations' last tokens, in this text; none: no veto is turned round
        neg_ends = {b for t, spans in hits.items() if t in negations for _a, b in spans} if negations else set()
        distancing = self._distancing.get(lang, frozenset())
        if distancing and not any(t in distancing for t in hits):
            distancing = frozenset()  # none in the text: skip the per-match sentence check
        rules = self._rules.get(lang, {})
        triggered = self._triggered.get(lang, {})
        touched = sorted({pi for tid in hits for pi in triggered.get(tid, ())})
        starts_box: list[list[int]] = []  # sentence starts, computed once a frame needs them
        found: dict[str, FrameMatch] = {}
        score: dict[str, float] = defaultdict(float)
        for pi in touched:
            p = pats[pi]
            if p.frame in found and score[p.frame] >= (rules[p.frame].threshold if p.frame in rules else 1.0):
                continue  # decided already
            # every group's spans: the text's few distinct terms against each group
            spans_per_group = []
            for g in p.groups:
                spans = sorted({sp for tid in g if tid in hits for sp in hits[tid]} if len(g) <= len(hits) else
                               {sp for tid, sps in hits.items() if tid in g for sp in sps})
                if not spans:
                    break
                spans_per_group.append(spans)
            if len(spans_per_group) < len(p.groups):
                continue
            # the tightest placement first; when a veto, a distancing term, an exclusion or a missing actor rules it
            # out, the next one ("NATO is no longer a defensive union ... the Americans hem Russia in": the first
            # placement sits beside "defensive", the second stands)
            m = None
            for cand in self._within(spans_per_group, p.window):
                if self._passes(p, cand, hits, hedges, distancing, rules.get(p.frame), toks, text, starts_box,
                                neg_ends):
                    m = cand
                    break
            if m is None:
                continue
            lo, hi, used = m
            score[p.frame] += p.weight
            if p.frame not in found:
                words = tuple(toks[j].text for a, b in sorted(set(used)) for j in range(a, b + 1))
                end_tok = toks[hi]
                found[p.frame] = FrameMatch(p.frame, words, toks[lo].start, end_tok.start + len(end_tok.text))
        return [found[f] for f in self.frame_ids
                if f in found and score[f] >= (rules[f].threshold if f in rules else 1.0) - 1e-9]

    @staticmethod
    def _in_sentences(hits: dict[int, list[tuple[int, int]]], terms: frozenset[int], toks: list[Token],
                      starts: list[int], first: int, last: int) -> bool:
        # the text's few distinct terms against the set (an actor list has a hundred terms)
        for t, spans in hits.items():
            if t in terms:
                for a, _b in spans:
                    if first <= bisect_right(starts, toks[a].start) <= last:
                        return True
        return False

    def _passes(self, p: _Pattern, cand: tuple[int, int, list[tuple[int, int]]],
                hits: dict[int, list[tuple[int, int]]], hedges: frozenset[int], distancing: frozenset[int],
                rule: _FrameRule | None, toks: list[Token], text: str, starts_box: list[list[int]],
                neg_ends: set[int] | None = None) -> bool:
        """Whether one placement of a pattern stands: no `unless` term or hedge near it, no distancing term or
        exclusion in its sentence(s), an actor of the frame's context near it."""
        lo, hi, _used = cand
        if self._vetoed(hits, p.unless, lo, hi, max(VETO_REACH, p.window // 2), neg_ends) or \
                self._vetoed(hits, hedges, lo, hi, VETO_REACH):
            return False
        if not (distancing or (rule is not None and (rule.context and not p.standalone or rule.exclude))):
            return True
        if not starts_box:
            starts_box.append(sentence_starts(text) if text else [])
        starts = starts_box[0]
        first, last = bisect_right(starts, toks[lo].start), bisect_right(starts, toks[hi].start)
        # "the Kremlin's narrative of NATO encirclement": the line described, not asserted
        if distancing and self._in_sentences(hits, distancing, toks, starts, first, last):
            return False
        if rule is not None and rule.exclude and \
                self._in_sentences(hits, rule.exclude, toks, starts, first, last) and not (
                rule.despite and self._in_sentences(hits, rule.despite, toks, starts, first, last)):
            return False
        # the actor may be named a sentence or two before ("Our president set the conditions. Only on them can
        # there be talks.") or after ("The sanctions hurt those who imposed them. Europe lost 500 billion.")
        # a standalone pattern's wording is the frame by itself: a stored quote says "they", "их", names nobody
        return not (rule is not None and rule.context and not p.standalone and not self._in_sentences(
            hits, rule.context, toks, starts, first - CONTEXT_REACH, last + CONTEXT_REACH))

    @staticmethod
    def _within(groups: list[list[tuple[int, int]]], window: int
                ) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """The choices of one span per group, anchored on each span of the first group (the nearest span
        of every other group), whose overall extent is at most `window` words; tightest first."""
        out: list[tuple[int, int, list[tuple[int, int]]]] = []
        for anchor in groups[0]:
            used = [anchor]
            for spans in groups[1:]:
                near = min(spans, key=lambda s: max(abs(s[0] - anchor[1]), abs(anchor[0] - s[1])))
                used.append(near)
            lo, hi = min(s[0] for s in used), max(s[1] for s in used)
            if hi - lo + 1 <= window:
                out.append((lo, hi, used))
        if len(out) > 1:
            out.sort(key=lambda c: c[1] - c[0])  # stable: equally tight ones keep the text order
        return out

    @staticmethod
    def _vetoed(hits: dict[int, list[tuple[int, int]]], veto: frozenset[int], lo: int, hi: int,
                reach: int, neg_ends: set[int] | None = None) -> bool:
        if not veto:
            return False
        for t, spans in hits.items():
            if t in veto:
                for a, b in spans:
                    if b >= lo - reach and a <= hi + reach and not (neg_ends and a - 1 in neg_ends):
                        return True
        return False

    def tag(self, text: str, lang: str | None = None) -> list[FrameMatch]:
        """The frames `text` uses, in the order of the configuration, each with its words.

        `lang` picks the patterns (en or ru); without it, the script of most words decides."""
        toks = tokens(text)
        return self.tag_tokens(toks, lang or guess_lang(toks), text)


def quote_frames(tagger: FrameTagger, text: str, lang: str | None, around: str = "",
                 toks: list[Token] | None = None, around_toks: list[Token] | None = None) -> list[FrameMatch]:
    """A stored quote's frames: its words in their sentence (`around`, from `sentence_around`), not the
    quoted words alone. The reporting clause carries half the claim as often as not ("Putin spoke of genocide
    in Donbass, saying that four million people had been abused for speaking Russian": the quote is the second
    half). `toks`, `around_toks`: the tokens of the quote and of its sentence when the caller has them."""
    lang = lang if lang in ("en", "ru") else "en"
    if around and text in around:
        return tagger.tag_tokens(around_toks if around_toks is not None else tokens(around), lang, around)
    return tagger.tag_tokens(toks if toks is not None else tokens(text), lang, text)


def guess_lang(toks: Iterable[Token]) -> str:
    cyr = lat = 0
    for t in toks:
        if "\u0400" <= t.low[0] <= "\u04ff":
            cyr += 1
        else:
            lat += 1
    return "ru" if cyr > lat else "en"
