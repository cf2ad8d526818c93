"""Narratives (pure): frame tagging, echo scoring and the echo index.

- `frames`: which frames of `config/narratives.yaml` a quote uses, with the words that matched.
- `learned`: the backstop that adds a frame the patterns missed when a trained model is sure of it.
- `features`: what two quotes can share across languages (lemmas, names, places, numbers).
- `echo`: how much one quote echoes another, and whether two quotes are one statement.
- `index`: an in-memory inverted index that finds echo candidates without a scan.
"""
from __future__ import annotations

from config.narratives import NarrativesFile, load_narratives
from narratives.frames import FrameMatch, FrameTagger
from narratives.learned import default_model

_TAGGERS: dict[int, tuple[NarrativesFile, FrameTagger]] = {}


def configured_tagger(cfg: NarrativesFile | None = None) -> FrameTagger:
    """The tagger for the deployment's narratives.yaml (or `cfg`), compiled once per loaded file:
    `load_narratives` returns the same object until the file changes."""
    cfg = cfg or load_narratives()
    hit = _TAGGERS.get(id(cfg))
    if hit is None or hit[0] is not cfg:
        if len(_TAGGERS) > 8:
            _TAGGERS.clear()
        hit = _TAGGERS[id(cfg)] = (cfg, FrameTagger(
            cfg.frames, {str(k): v for k, v in cfg.hedges.items()},
            {name: {str(k): v for k, v in langs.items()} for name, langs in cfg.actors.items()},
            {str(k): v for k, v in cfg.distancing.items()},
            {str(k): v for k, v in cfg.negations.items()},
            default_model(cfg.learned.threshold) if cfg.learned.enabled else None))
    return hit[1]


__all__ = ["FrameMatch", "FrameTagger", "configured_tagger"]
