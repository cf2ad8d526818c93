"""`narratives.yaml`: the narrative frames that quotes are tagged with, and the echo settings.

A frame (e.g. "NATO encirclement as a threat") has an id, a label, a description, per-language
patterns and examples. A pattern is a list of word groups that must all occur within `window`
words of each other; a group is a list of terms (a word, a phrase, or a prefix ending in `*`),
any of which satisfies it. Russian terms are matched by pymorphy3 lemma, English ones by
Snowball stem (`narratives/lemmas.py`), so one form covers every inflection. `unless` terms veto
a match found near them (negations, denials). Users add frames to their own copy of the file.

Precision comes from three more parts of a frame, all in the data file:
- `context`: names of `actors` groups (Russia, the West, Ukraine, NATO, Belarus's neighbours...);
  a match counts only when a term of one of them occurs in the same sentence (the match's own
  words count). Words like "expansion", "provocation" or "coup" are everywhere in the news; the
  frame is about them only where these actors are;
- `exclude`: terms that veto the frame in the sentence where they occur (another conflict or
  region: Syria, Korea, Gaza...; the other side's view), unless an actor of its `despite`
  groups is in that sentence too ("in Syria and in Ukraine");
- `distancing` (top level): terms that name the rhetoric as someone else's ("Moscow's views on",
  "Kremlin propaganda") veto every frame in their sentence;
- `threshold` with per-pattern `weight`: the weights of the distinct patterns matched must reach
  it, so a weak cue (weight 0.5) needs a second one, while a telling phrase (weight 1) suffices.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from config.loader import config_path, load_yaml

Lang = Literal["en", "ru"]
MAX_WINDOW = 60  # words: a pattern spread wider than this is no longer one statement


def _terms(v: list[str], what: str) -> list[str]:
    for t in v:
        if not t.strip() or t.strip() == "*":
            raise ValueError(f"empty {what}")
        if any("*" in w.rstrip("*") for w in t.split()):
            raise ValueError(f"{what} {t!r}: '*' may only end a word")
        if any(w.endswith("*") and len(w.rstrip("*")) < 3 for w in t.split()) or len(t.strip()) < 2:
            raise ValueError(f"{what} {t!r} is too short to match anything specific (a prefix needs 3 letters)")
    return [" ".join(t.split()) for t in v]


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    all: list[list[str]] = Field(min_length=1, max_length=5)
    window: int = Field(default=12, ge=1, le=MAX_WINDOW)
    unless: list[str] = Field(default_factory=list)
    weight: float = Field(default=1.0, gt=0.0, le=10.0)  # towards the frame's `threshold`
    # a wording specific enough to need no actor of the frame's `context` (a bare quote says "they", "их")
    standalone: bool = False

    @field_validator("all")
    @classmethod
    def _groups(cls, v: list[list[str]]) -> list[list[str]]:
        out = []
        for g in v:
            if not g:
                raise ValueError("empty word group")
            out.append(_terms(g, "term"))
        return out

    @field_validator("unless")
    @classmethod
    def _unless(cls, v: list[str]) -> list[str]:
        return _terms(v, "unless term")


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    label: str = Field(min_length=3, max_length=120)
    description: str = Field(min_length=3)
    patterns: dict[Lang, list[Pattern]]
    examples: dict[Lang, list[str]] = Field(default_factory=dict)
    context: list[str] = Field(default_factory=list)  # names of `actors` groups; empty: none needed
    exclude: dict[Lang, list[str]] = Field(default_factory=dict)  # veto the frame in their sentence
    despite: list[str] = Field(default_factory=list)  # `actors` groups that lift an exclusion in that sentence
    threshold: float = Field(default=1.0, gt=0.0, le=10.0)  # sum of matched patterns' weights

    @field_validator("exclude", mode="before")
    @classmethod
    def _splice(cls, v: object) -> object:
        """A nested list (a YAML alias of a shared list such as `*elsewhere_en`) is spliced in."""
        if isinstance(v, dict):
            return {k: [t for x in ts for t in (x if isinstance(x, list) else [x])] if isinstance(ts, list) else ts
                    for k, ts in v.items()}
        return v

    @field_validator("exclude")
    @classmethod
    def _exclude(cls, v: dict[Lang, list[str]]) -> dict[Lang, list[str]]:
        return {k: _terms(t, "exclude term") for k, t in v.items()}

    @field_validator("patterns")
    @classmethod
    def _some(cls, v: dict[Lang, list[Pattern]]) -> dict[Lang, list[Pattern]]:
        if not any(v.values()):
            raise ValueError("a frame needs at least one pattern")
        return v


class EchoSettings(BaseModel):
    """Who echoes whom, and how alike two statements must be (see narratives/echo.py)."""

    model_config = ConfigDict(extra="forbid")
    watched: list[str] = Field(default_factory=lambda: ["BY"])  # countries whose statements echo
    reference: list[str] = Field(default_factory=lambda: ["RU"])  # countries echoed
    within_days: int = Field(default=30, ge=1, le=365)
    min_score: float = Field(default=0.10, ge=0.0, le=1.0)  # calibrated: scripts/eval_echo.py --calibrate
    max_per_quote: int = Field(default=3, ge=1, le=20)
    version_hours: int = Field(default=48, ge=1, le=24 * 14)  # one statement in two languages


class LearnedSettings(BaseModel):
    """The learned backstop (narratives/learned.py): adds a frame the patterns missed when it is sure."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    # None: the model's own (0.9, chosen by cross-validation); lower finds more and is wrong more often
    threshold: float | None = Field(default=None, ge=0.5, le=0.999)


class NarrativesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hedges: dict[Lang, list[str]] = Field(default_factory=dict)
    # words that attribute the line to someone else ("Moscow's views on", "Kremlin propaganda"): they veto
    # every frame in their sentence, since an analyst describing the rhetoric does not assert it
    distancing: dict[Lang, list[str]] = Field(default_factory=dict)
    # words that, right before a pattern's `unless` term, turn it round: "ceased to be a defensive union" is the
    # frame, not the denial "defensive" stands for (hedges and distancing are not turned round)
    negations: dict[Lang, list[str]] = Field(default_factory=dict)
    # named groups of actor/target terms per language, which frames require as `context`
    actors: dict[str, dict[Lang, list[str]]] = Field(default_factory=dict)
    # shared exclusion lists, for frames to reference by YAML alias (`exclude: {en: [*elsewhere_en]}`)
    elsewhere: dict[Lang, list[str]] = Field(default_factory=dict)
    echo: EchoSettings = Field(default_factory=EchoSettings)
    learned: LearnedSettings = Field(default_factory=LearnedSettings)
    frames: list[Frame] = Field(min_length=1)

    @field_validator("hedges", "negations", "distancing")
    @classmethod
    def _term_lists(cls, v: dict[Lang, list[str]], info: ValidationInfo) -> dict[Lang, list[str]]:
        what = {"hedges": "hedge", "negations": "negation", "distancing": "distancing term"}[info.field_name or ""]
        return {k: _terms(t, what) for k, t in v.items()}

    @field_validator("elsewhere")
    @classmethod
    def _elsewhere(cls, v: dict[Lang, list[str]]) -> dict[Lang, list[str]]:
        return {k: _terms(t, "term") for k, t in v.items()}

    @field_validator("actors")
    @classmethod
    def _actors(cls, v: dict[str, dict[Lang, list[str]]]) -> dict[str, dict[Lang, list[str]]]:
        return {name: {k: _terms(t, "actor term") for k, t in langs.items()} for name, langs in v.items()}

    @model_validator(mode="after")
    def _unique(self) -> NarrativesFile:
        ids = [f.id for f in self.frames]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate frame id(s): {dup}")
        for i, f in enumerate(self.frames):
            for fld, j, name in [("context", j, n) for j, n in enumerate(f.context)] + \
                    [("despite", j, n) for j, n in enumerate(f.despite)]:
                if name not in self.actors:
                    # raised as the frame's own field, so the error names the line of that name
                    raise ValidationError.from_exception_data("NarrativesFile", [{
                        "type": "value_error", "loc": ("frames", i, fld, j), "input": name,
                        "ctx": {"error": ValueError(f"unknown actors group {name!r} (known: {sorted(self.actors)})")}}])
        return self

    def context_terms(self, frame: Frame) -> dict[str, list[str]]:
        """lang -> the actor terms of the frame's `context` groups."""
        out: dict[str, list[str]] = {}
        for name in frame.context:
            for lang, terms in self.actors.get(name, {}).items():
                out.setdefault(lang, []).extend(terms)
        return out


def narratives_path() -> Path:
    return config_path("narratives.yaml")


def load_narratives(path: str | Path | None = None) -> NarrativesFile:
    """The frames and echo settings from `path` (default: the deployment's narratives.yaml);
    `load_yaml` keeps the result until the file changes."""
    return load_yaml(path or narratives_path(), NarrativesFile)


def load_frames(path: str | Path | None = None) -> list[Frame]:
    return list(load_narratives(path).frames)
