"""Frame tagging: the shipped frames tag their own examples, a user's frame works, mistakes in
narratives.yaml name file:line: field, denials and hedges veto a match, words are recorded."""
from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import ConfigError
from config.narratives import load_narratives
from narratives import FrameTagger, configured_tagger
from narratives.features import features, skeleton

SHIPPED = load_narratives()


def test_at_least_twelve_frames_each_with_both_languages_and_examples() -> None:
    assert len(SHIPPED.frames) >= 12
    for f in SHIPPED.frames:
        assert f.patterns.get("en") and f.patterns.get("ru"), f.id
        assert f.examples.get("en") and f.examples.get("ru"), f.id


@pytest.mark.parametrize("frame", SHIPPED.frames, ids=lambda f: f.id)
def test_each_frame_tags_its_own_examples(frame) -> None:  # type: ignore[no-untyped-def]
    tagger = configured_tagger()
    for lang, examples in frame.examples.items():
        for text in examples:
            got = {m.frame: m for m in tagger.tag(text, lang)}
            assert frame.id in got, (lang, text)
            assert got[frame.id].words and all(w in text for w in got[frame.id].words)


def test_words_and_span_point_into_the_text() -> None:
    text = "Заявил, что Польша стягивает войска к белорусской границе."
    [m] = [m for m in configured_tagger().tag(text, "ru") if m.frame == "border_provocations"]
    assert {"Польша", "границе"} <= set(m.words)
    assert text[m.start:m.end].startswith("Польша") and text[m.start:m.end].endswith("границе")


def test_unless_and_hedges_veto_a_match() -> None:
    t = configured_tagger()
    assert "nato_threat" in {m.frame for m in t.tag("NATO keeps expanding towards our borders.", "en")}
    assert "nato_threat" not in {m.frame for m in t.tag(
        "NATO is a defensive alliance and poses no threat as it expands, the Secretary General said.", "en")}
    said = "Санкции бьют по самим европейцам."
    assert "sanctions_backfire" in {m.frame for m in t.tag(said, "ru")}
    assert "sanctions_backfire" not in {m.frame for m in t.tag("Санкции якобы бьют по самим европейцам.", "ru")}


def test_russian_inflections_match_by_lemma_and_english_by_stem() -> None:
    t = configured_tagger()
    for text in ("Марионеточный режим Киева", "Киевом управляют марионетки Запада"):
        assert "ukraine_puppet" in {m.frame for m in t.tag(text, "ru")}, text
    assert "sanctions_backfire" in {m.frame for m in t.tag("The sanctions backfired on Europe.", "en")}


def test_a_users_own_frame_is_loaded_and_tagged(tmp_path: Path) -> None:
    p = tmp_path / "narratives.yaml"
    p.write_text("""frames:
  - id: grain_corridor
    label: The grain corridor serves the West
    description: Ukrainian grain goes to Europe, not to the poor.
    patterns:
      en:
        - all: [[grain, wheat], [Europe, European, West]]
          window: 8
      ru:
        - all: [[зерно, пшеница], [Европа, Запад]]
""")
    cfg = load_narratives(p)
    tagger = FrameTagger(cfg.frames, dict(cfg.hedges))
    assert [m.frame for m in tagger.tag("Зерно уходит в Европу, а не бедным странам.", "ru")] == ["grain_corridor"]
    assert [m.frame for m in tagger.tag("The wheat ends up in European ports.", "en")] == ["grain_corridor"]
    assert tagger.tag("Погода в Минске солнечная.", "ru") == []


@pytest.mark.parametrize("body, line, field", [
    ("frames:\n  - id: Bad-Id\n    label: x x x\n    description: d d\n    patterns: {en: [{all: [[a1]]}]}\n",
     2, "frames[0].id"),
    ("frames:\n  - id: ok\n    label: x x x\n    description: d d\n    patterns:\n      de:\n        - all: [[x1]]\n",
     7, "frames[0].patterns.de"),
    ("frames:\n  - id: ok\n    label: x x x\n    description: d d\n    patterns:\n      en:\n        - all: [[in*side]]\n",
     7, "frames[0].patterns.en[0].all"),
    ("frames:\n  - id: ok\n    label: x x x\n    description: d d\n    patterns:\n      en:\n        - all: [[abc]]\n"
     "          window: 500\n", 8, "frames[0].patterns.en[0].window"),
    ("frames:\n  - id: ok\n    label: x x x\n    description: d d\n    patterns:\n      en:\n        - all: [[abc]]\n"
     "          windw: 5\n", 8, "frames[0].patterns.en[0].windw"),
])
def test_a_mistake_names_file_line_and_field(tmp_path: Path, body: str, line: int, field: str) -> None:
    p = tmp_path / "narratives.yaml"
    p.write_text(body)
    with pytest.raises(ConfigError) as e:
        load_narratives(p)
    assert str(e.value).startswith(f"{p}:{line}: {field}"), str(e.value)


def test_duplicate_frame_ids_are_refused(tmp_path: Path) -> None:
    one = "  - id: a\n    label: x x x\n    description: d d\n    patterns: {en: [{all: [[abc]]}]}\n"
    p = tmp_path / "narratives.yaml"
    p.write_text("frames:\n" + one + one)
    with pytest.raises(ConfigError, match="duplicate frame id"):
        load_narratives(p)


def test_names_numbers_and_dates_survive_translation() -> None:
    assert skeleton("Зеленский") == skeleton("Zelensky") == skeleton("Zelenskyy")
    assert skeleton("Лукашенко") == skeleton("Lukashenko")
    ru = features("6 декабря Лукашенко и Зеленский говорили о Польше и 2024 годе.", "ru").keys
    en = features("On December 6 Lukashenko and Zelensky spoke about Poland and 2024.", "en").keys
    assert {"d:12-06", "#2024", "c:poland", "n:" + skeleton("Lukashenko")} <= ru & en
