"""Token features for the English attribution tagger: cheap, lexical, computed per paragraph.

No parse: tagging every sentence with spaCy's tok2vec would cost more than the whole extraction
budget (10,000 words/s per core), so the model sees words, their shapes, the reporting-cue lexicon
learnt from the training data, quotation-mark state and sentence position, within a window.
Optional parse features (POS and dependency of sentences the pipeline parses anyway) are added
where a parse is given.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# a word (with inner apostrophes, dots of abbreviations, hyphens), or one other non-space character
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[’'\-][^\W_]+)*|\S")
_OPEN = set("“‘«„")
_CLOSE = set("”’»")
_SENT_END = {".", "!", "?", "…"}
PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "you"}


@dataclass(frozen=True)
class Lexicon:
    """Words learnt from the training data: reporting cues (lower-case single words)."""

    cues: frozenset[str]
    strong: frozenset[str]  # cues that are attribution cues in most of their occurrences

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Lexicon:
        return cls(frozenset(d["cues"]), frozenset(d["strong"]))

    def to_dict(self) -> dict[str, list[str]]:
        return {"cues": sorted(self.cues), "strong": sorted(self.strong)}


def tokens(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN.finditer(text, s, e)]


def _shape(w: str) -> str:
    if w.isalpha():
        if w.islower():
            return "x"
        if w.isupper():
            return "X" if len(w) > 1 else "X1"
        if w[0].isupper():
            return "Xx"
        return "xX"
    if w.isdigit():
        return "d"
    if any(c.isalpha() for c in w):
        return "Xx-" if w[0].isupper() else "x-"
    return "p"


def _quote_marks(text: str, toks: list[tuple[int, int]]) -> list[str]:
    """Per token: 'o' opening mark, 'c' closing mark, 'i' inside a quotation, '' outside.
    Straight double quotes alternate; curly ones say which way they face."""
    out = []
    depth = 0
    for a, b in toks:
        w = text[a:b]
        if b - a == 1 and (w == '"' or w in _OPEN or (w in _CLOSE and w != "’")):
            if w == '"':
                w = "”" if depth > 0 else "“"
            if w in _OPEN:
                out.append("o")
                depth = min(depth + 1, 2)
            else:
                out.append("c")
                depth = max(depth - 1, 0)
            continue
        if w == "’" and depth > 0 and (b >= len(text) or not text[b].isalnum()):
            out.append("c")
            depth -= 1
            continue
        out.append("i" if depth > 0 else "")
    return out


def paragraph_features(
    text: str,
    toks: list[tuple[int, int]],
    lex: Lexicon,
    prev_colon: bool = False,
    parse: Mapping[int, tuple[str, str, str]] | None = None,
) -> list[list[str]]:
    """Features of each token of one paragraph. `parse` maps a token's start offset to (tag, dep,
    head word) where the sentence was parsed."""
    words = [text[a:b] for a, b in toks]
    low = [w.lower() for w in words]
    n = len(toks)
    qm = _quote_marks(text, toks)
    cue = [w in lex.cues for w in low]
    strong = [w in lex.strong for w in low]
    # sentence index of each token, and distance to the nearest cue left/right in the sentence
    sent_start = [True] * n
    for i in range(1, n):
        sent_start[i] = words[i - 1] in _SENT_END and (words[i][:1].isupper() or qm[i] == "o" or words[i] in "“\"")
    left = [99] * n
    right = [99] * n
    last = -1
    for i in range(n):
        if sent_start[i]:
            last = -1
        if last >= 0:
            left[i] = i - last
        if cue[i]:
            last = i
    nxt = -1
    for i in range(n - 1, -1, -1):
        if nxt >= 0:
            right[i] = nxt - i
        if cue[i]:
            nxt = i
        if sent_start[i]:
            nxt = -1
    para_quote = bool(n) and qm[0] == "o"
    paren = [False] * n
    depth = 0
    for i in range(n):
        if words[i] == "(":
            depth += 1
        elif words[i] == ")" and depth:
            depth -= 1
        paren[i] = depth > 0
    shapes = [_shape(w) for w in words]
    # tokens to the end of the sentence (1 = the last), and position in a run of capitalised words
    sent_end = [0] * n
    k = 0
    for i in range(n - 1, -1, -1):
        k += 1
        sent_end[i] = k if k <= 12 else 0
        if sent_start[i]:
            k = 0
    caprun = [""] * n
    for i in range(n):
        if shapes[i] in ("Xx", "Xx-", "X") and not sent_start[i]:
            before = i > 0 and shapes[i - 1] in ("Xx", "Xx-", "X") and not sent_start[i - 1]
            after = i + 1 < n and shapes[i + 1] in ("Xx", "Xx-", "X") and not sent_start[i + 1]
            caprun[i] = ("I" if before else "B") + ("I" if after else "L")
    # the strings of each token's features are built a column at a time (list comprehensions), then
    # gathered per token: the same features as a token-at-a-time loop, in a third of the time
    qcol = ["q=" + q for q in qm]
    scol = ["s=" + sh for sh in shapes]
    wcol = ["w=" + w for w in low]
    lb = [_bucket(d) for d in left]
    rb = [_bucket(d) for d in right]
    ends = ["se=" + _bucket(k) if k else "" for k in sent_end]
    neigh: list[list[str]] = [[] for _ in range(n)]
    for k in (-3, -2, -1, 1, 2, 3):
        wk, qk, sk, ck = f"w{k}=", f"q{k}=", f"s{k}=", f"cue{k}"
        edge = f"w{k}=^" if k < 0 else f"w{k}=$"
        near = -3 < k < 3
        for i in range(n):
            j = i + k
            out = neigh[i]
            if 0 <= j < n:
                out.append(wk + low[j])
                if near:
                    out.append(qk + qm[j])
                    out.append(sk + shapes[j])
                if cue[j]:
                    out.append(ck)
            else:
                out.append(edge)
    feats: list[list[str]] = []
    for i in range(n):
        w = low[i]
        f = ["b", wcol[i], scol[i], qcol[i]]
        if len(w) > 3:
            f.append("x3=" + w[-3:])
        if cue[i]:
            f.append("cue")
        if strong[i]:
            f.append("strong")
        f.append("L=" + lb[i])
        f.append("R=" + rb[i])
        if left[i] < 99:  # which cue, how far: content follows "said", a topic follows "criticized"
            f.append("Lc=" + lb[i] + "|" + low[i - left[i]])
        if right[i] < 99:
            f.append("Rc=" + rb[i] + "|" + low[i + right[i]])
        if paren[i]:
            f.append("paren")
        if sent_start[i]:
            f.append("ss")
        if i == 0:
            f.append("ps")
            if prev_colon:
                f.append("after:")
        if para_quote:
            f.append("pq")
        f.extend(neigh[i])
        if ends[i]:
            f.append(ends[i])
        if caprun[i]:
            f.append("cap=" + caprun[i])
        if i > 0:
            f.append("ww=" + low[i - 1] + "|" + w)
        if i + 1 < n:
            f.append("wn=" + w + "|" + low[i + 1])
        if parse is not None:
            p = parse.get(toks[i][0])
            if p is not None:
                tag, dep, head = p
                f.extend(("t=" + tag, "d=" + dep, "hd=" + dep + "|" + ("cue" if head in lex.cues else "-")))
        feats.append(f)
    return feats


def _bucket(d: int) -> str:
    if d >= 99:
        return "none"
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    return "13+"


def bio(toks: list[tuple[int, int]], spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """BIO labels of tokens from labelled character spans; the first label given to a token wins."""
    labels = ["O"] * len(toks)
    for lab, s, e in spans:
        prev_in = False
        for i, (a, b) in enumerate(toks):
            if b <= s or a >= e:
                prev_in = False
                continue
            if labels[i] == "O":
                labels[i] = ("I-" if prev_in else "B-") + lab
            prev_in = True
    return labels
