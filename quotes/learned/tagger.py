"""The English attribution tagger: a linear-chain CRF (CRFsuite) that labels each token of a
paragraph as part of an attribution's source, cue or content (BIO), and the decoding of those
labels into attributions (content fragments, cue, source) by character offsets.

The model is a directory (see MODEL_DIR): `crf.model` (CRFsuite) and `model.json` (lexicon,
training facts and the model file's SHA-256, checked on load so that a truncated or corrupt file
fails with its name instead of tagging garbage). It is loaded once per process.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from quotes.cues import EN_VERB_FORMS
from quotes.learned.features import Lexicon, paragraph_features, tokens
from quotes.packs import get_pack

# a quotation mark or a colon; an apostrophe only at a word's edge (not "Trump's", "don’t")
_MARK = re.compile(r"[“”\"«»:]|(?<![A-Za-z])['‘’]|['‘’](?![A-Za-z])")
_WORD = re.compile(r"[A-Za-z]+")
MODEL_DIR = Path(__file__).with_name("en")
MAX_TOKENS = 3000  # a paragraph longer than this (hostile or broken input) is tagged in its first part


class ModelError(RuntimeError):
    """The model file is missing, corrupt or of another version."""


@dataclass
class Found:
    """One attribution as the tagger sees it; offsets index the document's text."""

    content: list[tuple[int, int]]  # one or more fragments ("“A,” said X. “B”" has two)
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    para: int = 0
    tokens: tuple[int, int] = (0, 0)  # the paragraph's tokens from the first content token to the last
    score: float = 1.0  # mean marginal probability of the labels over those tokens

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


class AttributionTagger:
    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        meta_path = model_dir / "model.json"
        crf_path = model_dir / "crf.model"
        for p in (meta_path, crf_path):
            if not p.is_file():
                raise ModelError(f"attribution model file missing: {p} (run `make train-quotes`)")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            self.lexicon = Lexicon.from_dict(meta["lexicon"])
            # what makes a paragraph worth tagging (_worth_tagging)
            self._gate = self.lexicon.strong | EN_VERB_FORMS | get_pack("en").words("gate_words")
            want = meta["sha256"]
        except (ValueError, KeyError, TypeError) as e:
            raise ModelError(f"attribution model metadata is corrupt: {meta_path}: {e}") from e
        data = crf_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != want:
            raise ModelError(f"attribution model file is corrupt (SHA-256 differs from {meta_path.name}): "
                             f"{crf_path}")
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(crf_path))
        except Exception as e:  # pycrfsuite raises ValueError/OSError on a file it cannot map
            raise ModelError(f"attribution model file cannot be read: {crf_path}: {e}") from e
        self.meta = meta

    def tag_paragraph(self, text: str, s: int, e: int, prev_colon: bool = False) -> tuple[list[tuple[int, int]],
                                                                                           list[str]]:
        toks = tokens(text, s, e)[:MAX_TOKENS]
        if not toks:
            return toks, []
        feats = paragraph_features(text, toks, self.lexicon, prev_colon)
        labels = list(self._tagger.tag(feats))
        return toks, labels

    def _worth_tagging(self, text: str, s: int, e: int) -> bool:
        """Only paragraphs with a quotation mark, a colon or a reporting cue can hold an attribution:
        the others are not tagged. The cues are the learnt strong cues and the rules' reporting verbs,
        not every learnt cue word ("about", "also", "are": 1,834 of PolNeAR dev's 1,942 paragraphs
        held one), and an apostrophe inside a word ("Trump's") is no quotation mark: 1,436 paragraphs
        are tagged, with the same dev scores. The pack's gate_words add speech nouns and verbs of
        proposing or believing ("speech", "plans", "proposed") that PolNeAR train attributes without
        a reporting verb."""
        if _MARK.search(text, s, e):
            return True
        gate = self._gate
        return any(m.group().lower() in gate for m in _WORD.finditer(text, s, e))

    def confidence(self, labels: list[str], t0: int, t1: int) -> float:
        """The mean marginal probability of the labels of tokens t0..t1-1 of the paragraph last tagged."""
        if t1 <= t0:
            return 0.0
        m = self._tagger.marginal
        return float(sum(m(labels[i], i) for i in range(t0, t1))) / (t1 - t0)

    def find(self, text: str, paras: list[tuple[int, int]]) -> list[Found]:
        out: list[Found] = []
        prev_src: tuple[int, int] | None = None
        for pi, (ps, pe) in enumerate(paras):
            prev_colon = pi > 0 and text[paras[pi - 1][1] - 1] == ":"
            if not prev_colon and not self._worth_tagging(text, ps, pe):
                prev_src = None
                continue
            toks, labels = self.tag_paragraph(text, ps, pe, prev_colon)
            found = decode(text, toks, labels, pi, prev_src if prev_colon or _opens_quote(text, ps) else None)
            for f in found:
                f.score = self.confidence(labels, *f.tokens)
            if found and out and _continues(text, out[-1], paras[pi - 1], found[0], ps):
                out[-1].content.extend(found[0].content)
                found = found[1:]
            out.extend(found)
            srcs = segments(toks, labels, "SRC")
            prev_src = srcs[-1] if srcs else None
        return out


def _continues(text: str, prev: Found, prev_para: tuple[int, int], cur: Found, ps: int) -> bool:
    """A quotation that runs on into the next paragraph: the previous paragraph ends inside the
    previous content with its quotation left open, and this one opens with a mark and content."""
    if prev.end < prev_para[1] - 2 or cur.start > ps + 1 or not _opens_quote(text, ps):
        return False
    if cur.source is not None and cur.source[0] >= ps:
        return False  # it has an attribution of its own
    body = text[prev.start:prev_para[1]]
    left_open = body.count("“") > body.count("”") or body.count('"') % 2 == 1
    return left_open or body.rstrip()[-1:] not in "”\"'’"


def _opens_quote(text: str, s: int) -> bool:
    return text[s:s + 1] in "“\"‘'«"


def segments(toks: list[tuple[int, int]], labels: list[str], kind: str) -> list[tuple[int, int]]:
    """(start, end) of each run labelled `kind`."""
    return [(r[3], r[4]) for r in _spans(toks, labels) if r[0] == kind]


def _spans(toks: list[tuple[int, int]], labels: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(kind, first token, last token + 1, start, end) of each labelled run, in order."""
    out: list[tuple[str, int, int, int, int]] = []
    for i, lab in enumerate(labels):
        if lab == "O":
            continue
        kind = lab[2:]
        if lab.startswith("I-") and out and out[-1][0] == kind and out[-1][2] == i:
            k, t0, _t1, a, _b = out[-1]
            out[-1] = (k, t0, i + 1, a, toks[i][1])
        else:
            out.append((kind, i, i + 1, toks[i][0], toks[i][1]))
    return out


def decode(text: str, toks: list[tuple[int, int]], labels: list[str], para: int,
           carried_source: tuple[int, int] | None = None) -> list[Found]:
    """Attributions from the labels of one paragraph. Content runs separated only by a cue and a
    source ("“A,” said X. “B”") are one attribution; each content takes the nearest source in the
    paragraph (else the source carried from the previous paragraph: "X continued:" + a quote)."""
    runs = _spans(toks, labels)
    contents = [r for r in runs if r[0] == "CON"]
    if not contents:
        return []
    groups: list[list[tuple[str, int, int, int, int]]] = []
    for ci, r in enumerate(contents):
        if groups:
            first, prev = groups[-1][0], groups[-1][-1]
            between = [x for x in runs if prev[2] <= x[1] and x[2] <= r[1]]
            gap_tokens = [i for i in range(prev[2], r[1]) if labels[i] == "O"]
            # the attribution between two fragments belongs to the first one when that one has no
            # cue of its own before it, and the second has none after it ("“A,” X said. “B,” he added.")
            cue_before = any(x[0] == "CUE" and x[2] <= first[1] and (not groups[-2:-1] or x[1] >= groups[-2][-1][2])
                             for x in runs)
            nxt = contents[ci + 1][1] if ci + 1 < len(contents) else len(toks)
            cue_after = any(x[0] == "CUE" and x[1] >= r[2] and x[2] <= nxt for x in runs)
            if between and all(x[0] in ("CUE", "SRC") for x in between) and all(
                    not text[toks[i][0]:toks[i][1]].isalnum() for i in gap_tokens) and not cue_before \
                    and not cue_after:
                groups[-1].append(r)
                continue
        groups.append([r])
    srcs = [r for r in runs if r[0] == "SRC"]
    cues = [r for r in runs if r[0] == "CUE"]
    out = []
    for g in groups:
        t0, t1 = g[0][1], g[-1][2]

        def dist(r: tuple[str, int, int, int, int], t0: int = t0, t1: int = t1) -> int:
            if r[2] <= t0:
                return t0 - r[2]
            if r[1] >= t1:
                return r[1] - t1
            return 0  # inside the group (between fragments)

        src = min(srcs, key=dist, default=None)
        cue = min(cues, key=dist, default=None)
        out.append(Found(
            content=[(r[3], r[4]) for r in g],
            cue=(cue[3], cue[4]) if cue else None,
            source=(src[3], src[4]) if src else carried_source,
            para=para,
            tokens=(min(t0, src[1] if src else t0), max(t1, src[2] if src else t1)),
        ))
    return out


@lru_cache(maxsize=2)
def load(model_dir: str | None = None) -> AttributionTagger:
    """The tagger, loaded once per process (per model directory)."""
    from config.settings import get_settings

    own = model_dir or get_settings().en_model
    return AttributionTagger(Path(own) if own else MODEL_DIR)
