"""The learned backstop (narratives/learned.py): it adds a frame the patterns miss, with the words that
weighed for it, never takes one away, can be switched off in narratives.yaml, and a damaged model file
fails with its name instead of tagging garbage."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from config.narratives import load_narratives
from narratives import configured_tagger
from narratives.frames import FrameTagger
from narratives.learned import MODEL_FILE, FrameModel, ModelError, default_model

SHIPPED = load_narratives()
# sentences written for this test (in no gold set) that say a frame in words none of its patterns holds
MISSED_BY_PATTERNS = [
    ("ru", "ukraine_puppet", "Киевский режим давно не решает ничего сам, все указания приходят из-за океана."),
    ("en", "sanctions_backfire",
     "Those who introduced the restrictions have shot themselves in the foot: their own industry is suffering."),
]


def _patterns_only() -> FrameTagger:
    cfg = SHIPPED.model_copy(update={"learned": SHIPPED.learned.model_copy(update={"enabled": False})})
    return configured_tagger(cfg)


@pytest.mark.parametrize(("lang", "frame", "text"), MISSED_BY_PATTERNS)
def test_the_model_adds_a_frame_the_patterns_miss_with_its_words(lang: str, frame: str, text: str) -> None:
    assert frame not in {m.frame for m in _patterns_only().tag(text, lang)}
    got = {m.frame: m for m in configured_tagger().tag(text, lang)}
    assert frame in got and got[frame].learned
    m = got[frame]
    assert m.words and all(w in text for w in m.words)
    assert text[m.start:m.end].startswith(m.words[0]) and text[m.start:m.end].endswith(m.words[-1])
    assert m.to_dict()["learned"] is True


def test_the_model_never_removes_a_pattern_frame_and_stays_quiet_on_plain_news() -> None:
    with_model, alone = configured_tagger(), _patterns_only()
    for f in SHIPPED.frames:
        for lang, examples in f.examples.items():
            for text in examples:
                assert {m.frame for m in alone.tag(text, lang)} <= {m.frame for m in with_model.tag(text, lang)}
    for text in ("The central bank kept its key rate at 16 percent, citing slowing inflation.",
                 "Минский тракторный завод отправил партию техники в Казахстан.",
                 "NATO foreign ministers met in Brussels to discuss the alliance's budget."):
        assert with_model.tag(text) == alone.tag(text)


def test_a_user_frame_the_model_never_saw_is_left_to_its_patterns() -> None:
    model = default_model()
    assert model is not None
    frame = SHIPPED.frames[0].model_copy(update={"id": "my_frame"})
    tagger = FrameTagger([frame], model=model)
    text = MISSED_BY_PATTERNS[0][2]
    assert tagger.tag(text, "ru") == []


def test_a_damaged_model_file_is_refused_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "frames.json"
    shutil.copy(MODEL_FILE, bad)
    doc = json.loads(bad.read_text(encoding="utf-8"))
    doc["bias"][0] += 5.0  # an edited weight: the checksum no longer holds
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ModelError, match=str(bad)):
        FrameModel.load(bad)
    bad.write_text(MODEL_FILE.read_text(encoding="utf-8")[:1000], encoding="utf-8")  # truncated
    with pytest.raises(ModelError, match="cannot read"):
        FrameModel.load(bad)
    with pytest.raises(ModelError, match="cannot read"):
        FrameModel.load(tmp_path / "absent.json")


def test_the_model_card_states_what_it_was_trained_on() -> None:
    card = (MODEL_FILE.parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    facts = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["trained"]
    assert f"{facts['items']:,}" in card and "heldout12" in card


def test_the_shipped_model_was_trained_on_the_gold_as_it_is_now() -> None:
    """Annotating or adding concept sentences without `make train-frames` leaves the model behind the gold."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from narratives_gold import DEFAULT_SHARED, shared_available
    from train_frames import data_digest, training_items

    if not shared_available():
        pytest.skip("../shared is absent: the gold's references cannot be read")
    facts = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["trained"]
    items = training_items(DEFAULT_SHARED)
    assert facts["data_sha256"] == data_digest(items), (
        "the frame gold or the concept sentences changed since the model was trained: run make train-frames")
