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


def test_a_speakers_own_denial_of_an_accusation_is_no_hedge() -> None:
    # "голословно обвиняют" is how Minsk rejects the accusation and blames the West: the frame itself
    said = "Беларусь голословно обвиняют в миграционном кризисе, который создал Запад своими войнами."
    assert "migrants_west_fault" in {m.frame for m in configured_tagger().tag(said, "ru")}


def test_a_term_written_with_a_possessive_matches_the_text_as_it_is_tokenised(tmp_path: Path) -> None:
    t = _tagger(tmp_path, """frames:
  - id: walls
    label: Walls on the border
    description: d d
    patterns:
      en:
        - all: [["Belarus's border*"], [wall, walls]]
        - all: [["dragon's teeth"]]
      ru:
        - all: [[стена]]
""")
    assert [m.frame for m in t.tag("They build walls on Belarus's borders.", "en")] == ["walls"]
    assert [m.frame for m in t.tag("A wall on Belarus' border.", "en")] == ["walls"]
    assert [m.frame for m in t.tag("Rows of dragon's teeth appeared.", "en")] == ["walls"]
    # a comma inside a term is no part of a word: "сук, на котором" matches the text's "сук, на котором"
    t = _tagger(tmp_path, """frames:
  - id: branch
    label: Cutting the branch
    description: d d
    patterns:
      en: [{all: [["the branch, on which"]]}]
      ru: [{all: [["сук, на котором"]]}]
""")
    assert [m.frame for m in t.tag("Они рубят сук, на котором сидят.", "ru")] == ["branch"]


def test_a_vetoed_placement_gives_way_to_the_next_one(tmp_path: Path) -> None:
    t = _tagger(tmp_path, """frames:
  - id: f
    label: Expansion
    description: d d
    patterns:
      en:
        - all: [[NATO], [expansion, infrastructure]]
          window: 8
          unless: [defensive]
      ru:
        - all: [[НАТО]]
""")
    # the tightest placement ("NATO expansion") sits beside "defensive"; the second one stands on its own
    text = ("NATO expansion is defensive, its spokesman told reporters in Brussels on Monday. "
            "Yet NATO keeps moving its infrastructure up to our borders.")
    assert [m.frame for m in t.tag(text, "en")] == ["f"]
    assert [m.words for m in t.tag(text, "en")] == [("NATO", "infrastructure")]
    assert t.tag("NATO expansion is defensive, its spokesman said.", "en") == []


def test_the_ukrainian_parliament_and_church_are_ukrainian_actors(tmp_path: Path) -> None:
    body = """actors:
  ukraine: {en: [placeholder]}  # the shipped group is passed to the tagger below
frames:
  - id: f
    label: Kyiv's decisions
    description: d d
    context: [ukraine]
    patterns:
      en: [{all: [[decision]]}]
      ru: [{all: [[решение]]}]
"""
    p = tmp_path / "narratives.yaml"
    p.write_text(body)
    t = FrameTagger(load_narratives(p).frames, {}, {k: dict(v) for k, v in SHIPPED.actors.items()})
    for lang, text in [("en", "The Rada's decision."), ("en", "A decision on the UOC."),
                       ("ru", "Решение Верховной рады."), ("ru", "Решение об УПЦ."), ("ru", "Решение Рады.")]:
        assert [m.frame for m in t.tag(text, lang)] == ["f"], text
    assert t.tag("The committee's decision.", "en") == []


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


ACTORS_FILE = """actors:
  ukraine: {en: [Ukraine, Kyiv], ru: [Украина, Киев]}
  elsewhere: {en: [Syria]}
frames:
  - id: escalation
    label: Weapons escalate the war
    description: d d
    context: [ukraine]
    exclude: {en: [Syria, Korea]}
    despite: [ukraine]
    threshold: 1.0
    patterns:
      en:
        - all: [[missiles], [escalat*]]
          window: 8
        - all: [[mercenar*]]
          weight: 0.5
        - all: [[instructors]]
          weight: 0.5
"""


def _tagger(tmp_path: Path, body: str) -> FrameTagger:
    p = tmp_path / "narratives.yaml"
    p.write_text(body)
    cfg = load_narratives(p)
    return FrameTagger(cfg.frames, dict(cfg.hedges), {k: dict(v) for k, v in cfg.actors.items()})


def test_a_frame_needs_an_actor_of_its_context_in_the_sentence(tmp_path: Path) -> None:
    t = _tagger(tmp_path, ACTORS_FILE)
    assert [m.frame for m in t.tag("Missiles for Kyiv mean escalation.", "en")] == ["escalation"]
    # the cue words alone, with no actor of this rhetoric: some other conflict
    assert t.tag("New missiles mean escalation, the analyst said.", "en") == []
    # the actor one or two sentences before still counts ("it" refers back; a speaker's turn names the
    # actor, then argues); three sentences before does not
    assert t.tag("Kyiv asked again. These missiles mean escalation.", "en")
    assert t.tag("Kyiv asked again. Nothing else. These missiles mean escalation.", "en")
    assert not t.tag("Kyiv asked again. Nothing else. Or more. These missiles mean escalation.", "en")


def test_an_exclusion_vetoes_its_sentence_unless_a_despite_actor_is_there_too(tmp_path: Path) -> None:
    t = _tagger(tmp_path, ACTORS_FILE.replace("context: [ukraine]", "context: []"))
    assert t.tag("Missiles mean escalation.", "en")
    assert t.tag("Missiles in Syria mean escalation.", "en") == []
    assert t.tag("Missiles in Syria and Ukraine mean escalation.", "en")
    # only the match's own sentence: Korea in another sentence does not veto
    assert t.tag("Korea held talks. Missiles mean escalation.", "en")


def test_weak_cues_add_up_to_the_threshold(tmp_path: Path) -> None:
    t = _tagger(tmp_path, ACTORS_FILE)
    assert t.tag("Mercenaries went to Ukraine.", "en") == []  # 0.5 < 1
    assert [m.frame for m in t.tag("Mercenaries and instructors went to Ukraine.", "en")] == ["escalation"]


def test_sentences_split_on_stops_but_not_abbreviations() -> None:
    from narratives.frames import sentence_ids
    from narratives.lemmas import tokens

    text = "Mr. Putin spoke. The U.S. officials left; then they came back!\nНовый абзац"
    ids = sentence_ids(tokens(text), text)
    # "Mr." and "U.S." end no sentence; ";" before a lower-case word does not either; a line break does
    assert ids == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2], ids


@pytest.mark.parametrize("body, line, field", [
    (ACTORS_FILE.replace("context: [ukraine]", "context: [ukraine, russia]"), 8, "frames[0].context[1]"),
    (ACTORS_FILE.replace("despite: [ukraine]", "despite: [west]"), 10, "frames[0].despite[0]"),
    (ACTORS_FILE.replace("threshold: 1.0", "threshold: 0"), 11, "frames[0].threshold"),
    (ACTORS_FILE.replace("weight: 0.5\n        - all: [[instructors]]", "weight: -1\n        - all: [[instructors]]"),
     17, "frames[0].patterns.en[1].weight"),
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
    ("learned:\n  treshold: 0.8\nframes:\n  - id: ok\n    label: x x x\n    description: d d\n"
     "    patterns: {en: [{all: [[abc]]}]}\n", 2, "learned.treshold"),
    ("learned: {threshold: 0.2}\nframes:\n  - id: ok\n    label: x x x\n    description: d d\n"
     "    patterns: {en: [{all: [[abc]]}]}\n", 1, "learned.threshold"),
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


def test_the_sentence_around_a_quote_is_bounded_and_its_words_join_the_quotes() -> None:
    from narratives.features import quote_features
    from narratives.frames import sentence_around

    body = "Вчера было тепло. Лукашенко заявил о Польше: «Они стягивают войска». Потом он уехал."
    q = "Они стягивают войска"
    i = body.index(q)
    sent = sentence_around(body, i, i + len(q))
    assert sent == "Лукашенко заявил о Польше: «Они стягивают войска»."
    f = quote_features(q, "ru", sentence=sent)
    assert "польша" in f.lemmas and "c:poland" in f.keys and f.length == len(q)
    assert sentence_around("x" * 5000, 2000, 2010) == "x" * 610  # no full stop: 300 either side
    assert sentence_around(body, 5, 500) == ""  # a span outside the body
    # a Telegram bullet before the quote: the paragraph above is another sentence (and another speaker)
    post = ("Россия отвергает замораживание конфликта, заявил Нарышкин;\n\n▪️ЕС направит миллиард евро на оружие "
            "для Украины, заявил Рейндерс;")
    i = post.index("▪️ЕС")
    assert sentence_around(post, i, post.index(", заявил Рейндерс")) == \
        "ЕС направит миллиард евро на оружие для Украины, заявил Рейндерс;"
