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


# Paraphrases of each frame's concept with none of its telling phrases, written for this test from the
# frame descriptions (not taken from any gold item), and near misses that share the words but not the claim.
CONCEPT_PARAPHRASES = [
    ("en", "Russia reserves the right to strike back at the countries whose weapons are allowed to hit its territory.",
     "western_escalation"),
    ("ru", "Россия ответит на удары британскими ракетами, которым Лондон разрешил лететь по нашим городам.",
     "western_escalation"),
    ("ru", "Немецкие крылатые ракеты могут полететь вглубь России, предупредил Песков.", "western_escalation"),
    ("en", "Zelensky does what he is told: every decision in Kyiv is dictated by Washington.", "ukraine_puppet"),
    ("ru", "Администрация Байдена делает все, чтобы не дать войне на Украине закончиться.", "proxy_war"),
    ("en", "Some forces abroad would like to influence the processes in Belarus to suit their political interests.",
     "colour_revolution"),
    ("en", "The Kiev authorities tried to crush the people of that territory by force.", "russian_speakers_persecuted"),
    ("ru", "Киевские власти силой отбирают храмы у верующих канонической церкви.", "russian_speakers_persecuted"),
    ("en", "The alliance's military presence keeps mounting, a direct threat to Russia's security.", "nato_threat"),
    ("ru", "Наращивание военного присутствия НАТО создает угрозу для Союзного государства.", "nato_threat"),
    ("ru", "У России есть новейшее оружие, которое гарантирует адекватный ответ на любую агрессию.",
     "nuclear_deterrence"),
    ("en", "Russia will honour its allied obligations and come to the aid of Belarus.", "union_state_shield"),
    ("ru", "Заморозка конфликта даст Киеву лишь передышку, чтобы перевооружиться, заявил Лавров.",
     "peace_on_russian_terms"),
    ("en", "Because of the sanctions our farmers took over the domestic market, Putin said.", "sanctions_backfire"),
    # idioms of the rhetoric, written for this test from the frame descriptions
    ("ru", "Нам обещали, что альянс не сдвинется ни на дюйм, а теперь он подобрался к нашим границам.", "nato_threat"),
    ("en", "They were told in London to fight on rather than sign what had been initialled in Istanbul.", "proxy_war"),
    ("ru", "Украинцы гибнут за чужие интересы, сказал Лукашенко.", "proxy_war"),
    ("ru", "Срок полномочий Зеленского истек, и его подпись ничего не стоит.", "kyiv_illegitimate"),
    ("en", "Kyiv decides nothing: the strings are pulled elsewhere.", "ukraine_puppet"),
    ("ru", "На белорусской границе соседи роют окопы и ставят противотанковые заграждения.", "border_provocations"),
    ("ru", "Европейцы сами себя наказали санкциями, заявила Захарова.", "sanctions_backfire"),
    ("en", "Despite the sanctions, our economy grew by four percent.", "sanctions_backfire"),
    ("ru", "Наш ядерный потенциал остудит горячие головы, заявил Медведев.", "nuclear_deterrence"),
    # sanctions_backfire without "backfire": the economic war failed, the pressure made us stronger, who punished
    # whom, and the two halves (they pay and freeze / our goods found buyers) that are weak alone
    ("ru", "Их экономическая война против нас провалилась, заявил Медведев.", "sanctions_backfire"),
    ("ru", "Западное давление только укрепило нас: мы нашли новые рынки на востоке.", "sanctions_backfire"),
    ("ru", "Так кто кого наказал? — спросила Захарова.", "sanctions_backfire"),
    ("ru", "Германия переживает деиндустриализацию, а наша экономика растет, сказал Путин.", "sanctions_backfire"),
    ("en", "Europeans pay three times more for gas, while our oil found other buyers in Asia, the minister said.",
     "sanctions_backfire"),
    ("en", "In spite of all the Western sanctions, Belarus's industry grew by eight percent, the premier said.",
     "sanctions_backfire"),
    # nuclear_deterrence: "remember, we have...", a nuclear power cannot be defeated, nobody will dare (a sentence
    # after the weapon), the unstoppable missile
    ("ru", "Не забывайте: у России есть Сармат, и шутить с нами не надо.", "nuclear_deterrence"),
    ("en", "Russia is a nuclear power and cannot be defeated on the battlefield, Medvedev said.", "nuclear_deterrence"),
    ("en", "Our nuclear triad is fully renewed. That is why no one will dare to attack us.", "nuclear_deterrence"),
    ("ru", "Орешник нечем сбить, и на Западе это прекрасно понимают, сказал Лукашенко.", "nuclear_deterrence"),
    # border_provocations: a neighbour's drills or fortifications with the speaker's reading (what for? we attack no
    # one), fortifying and drilling at once, thousands of troops moved
    ("en", "Lithuania keeps flying drones along our border. What for? We are not going to attack anyone, Lukashenko said.",
     "border_provocations"),
    ("ru", "Поляки строят стены и минные поля на границе и проводят рядом учения.", "border_provocations"),
    ("ru", "Польша перебросила к белорусской границе тысячи солдат и тяжелую технику.", "border_provocations"),
    # nato_threat: besieged, the line of contact doubled, drills as preparation for confrontation
    ("en", "The Americans want to keep Russia under siege, ringed with their bases, Lavrov said.", "nato_threat"),
    ("en", "With Finland in the alliance, our line of contact with NATO has doubled, Medvedev said.", "nato_threat"),
    ("ru", "Учения альянса у наших границ — это подготовка к конфронтации с Россией, заявил Грушко.", "nato_threat"),
    # ukraine_puppet, proxy_war, kyiv_illegitimate in other words
    ("ru", "Решения за Киев принимаются в Вашингтоне, а не на Банковой, сказал Лавров.", "ukraine_puppet"),
    ("en", "Ministers in Kyiv are appointed after calls from the US embassy, Lukashenko said.", "ukraine_puppet"),
    ("ru", "Украина давно утратила государственность, заявил Медведев.", "ukraine_puppet"),
    ("en", "The Anglo-Saxons do not want peace: they need the bloodletting to go on, Medvedev said.", "proxy_war"),
    ("ru", "Самозванец Зеленский цепляется за кресло, запретив выборы, заявил Володин.", "kyiv_illegitimate"),
    ("en", "Those who came to power in Kyiv on the back of the coup never had a legitimate mandate.", "kyiv_illegitimate"),
    ("ru", "Европа сама себе выстрелила в ногу, отказавшись от нашего газа, заявил Лукашенко.", "sanctions_backfire"),
    ("ru", "Санкционное давление беспрецедентное, но мы выстояли и даже нарастили экспорт, сказал Путин.",
     "sanctions_backfire"),
    ("en", "The West expected our economy to collapse within months. It did not happen, Putin said.", "sanctions_backfire"),
    ("ru", "Никто не решится напасть на Беларусь, пока у нас есть Орешник, заявил Лукашенко.", "nuclear_deterrence"),
    ("ru", "Если кто-то нападет на Беларусь, ответ будет мгновенным, с применением ядерного оружия, заявил Лукашенко.",
     "nuclear_deterrence"),
    ("en", "Zelensky is just an actor reading a script written in Washington, Medvedev said.", "ukraine_puppet"),
    ("ru", "Киев сделает все, что скажут в Вашингтоне, заявил Лавров.", "ukraine_puppet"),
    ("ru", "Нам говорили: ни одного солдата НАТО восточнее Германии. А теперь их танки стоят под Псковом.", "nato_threat"),
    ("en", "Finland's accession is a direct threat to our security, and we will respond, Peskov said.", "nato_threat"),
    ("ru", "Британские военные фактически управляют ударами по нашей территории, заявил Шойгу.", "proxy_war"),
    ("ru", "У Зеленского больше нет мандата, юридически он никто, сказал Путин.", "kyiv_illegitimate"),
    ("ru", "Санкции? Мы научились с ними жить, а Запад навсегда потерял наш рынок, сказал Лукашенко.",
     "sanctions_backfire"),
    ("ru", "Немецкие заводы закрываются, а наш ВВП растет, сказал Медведев.", "sanctions_backfire"),
    ("en", "As long as we have nuclear weapons, nobody will touch us, Lukashenko said.", "nuclear_deterrence"),
    ("ru", "ГПК: польские военные вновь провели демонстративные учения у самой границы с Беларусью.",
     "border_provocations"),
]
NEAR_MISSES = [
    ("en", "Republicans say the bill infringes on Americans' constitutional right to bear arms."),
    ("en", "Special Operations forces of the United States were deployed on missions across the globe."),
    ("en", "Germany helped build a NATO rapid response force while arming the Kurds."),
    ("ru", "Рейтер: в США не видят рисков ядерной войны из-за разрешения Киеву бить ATACMS."),
    ("en", "Sanctions were imposed against Russia at the instruction of the US, Putin said."),
    ("ru", "Российские самолеты близко подходили к самолетам НАТО."),
    ("en", "Despite the sanctions on Iran, its oil exports grew."),
    ("ru", "Новый закон не решает проблем Украины с энергетикой."),
    # a sanctions package reported, growth that is not ours, restrictions of another kind, trade figures
    ("en", "The EU introduced the 14th package of sanctions; Germany's industrial production grew 2 percent."),
    ("en", "COVID restrictions made us stronger as a team, the coach said."),
    ("ru", "ЕС ввел четырнадцатый пакет санкций против России."),
    ("ru", "Экспорт Беларуси в Россию вырос на 14 процентов, сообщил Лукашенко."),
    ("ru", "Правительство выделило новый пакет помощи аграриям, сообщил министр."),
    # "stronger" alone is also the West's call for more pressure
    ("en", "Western pressure on Moscow must become stronger, Kallas said, calling for new sanctions."),
    ("en", "New export restrictions on chips make the sanctions regime stronger, the US Treasury said."),
    ("ru", "Давление Запада на Москву должно стать сильнее, заявила Каллас."),
    # the nuclear words without the deterrent: a decree reported, a power plant, remembrance, a comment refused
    ("en", "Putin signed a decree approving the updated Basic Principles of State Policy on Nuclear Deterrence."),
    ("ru", "Путин подписал указ об Основах государственной политики в области ядерного сдерживания, документ опубликован."),
    ("en", "The nuclear power plant in Zaporizhzhia lost power again, the IAEA said."),
    ("ru", "Помните о жертвах Чернобыля: у нас есть долг перед ними, заявил Лукашенко."),
    ("en", "Peskov said the Kremlin would comment on the nuclear doctrine when the work was completed."),
    ("ru", "Лавров предупредил, что разговоры о возвращении ядерного оружия Киеву — игра с огнем."),
    # a neighbour fortifying or drilling, reported neutrally; Belarus's own exercises; "forces" is not "forced"
    ("en", "The EU allocated extra funds to Poland to strengthen its eastern border, the commissioner said."),
    ("en", "Lithuania held drills near the border this week, the Lithuanian army said."),
    ("ru", "Польша закрыла пункты пропуска на границе на время учений «Запад-2025»."),
    ("ru", "Литва начала строить противотанковые рвы вдоль границы, сообщило министерство обороны Литвы."),
    ("en", "The Polish border guards forced the smugglers' van to stop, the agency said."),
    # NATO's own view (a threat TO the bloc), a denial of any wish to fight it ("military" is no "militarisation")
    ("ru", "Генсек НАТО: Россия остается угрозой для безопасности стран блока."),
    ("en", "Putin: We have no intention of attacking NATO countries; Russia has no interest in fighting NATO, military or economic."),
    ("en", "NATO does not seek confrontation with Russia, the Secretary General said after the exercises."),
    # decisions in Washington on aid, an appointment, statehood kept, a coup elsewhere, Kyiv's own "no peace"
    ("en", "Decisions are made in Washington by Congress on the Ukraine aid bill, the senator said."),
    ("en", "The Ukrainian ambassador was appointed by Zelensky after a call with the US embassy."),
    ("ru", "Украина утратила часть территорий, но сохранила государственность, заявил Зеленский."),
    ("en", "The junta in Niger came to power in a coup and has no legitimate mandate, the ECOWAS said."),
    ("en", "We do not want peace at any price, Zelensky said: Ukraine will fight for its land."),
    ("en", "Economists expected the US economy to crash in 2023. It did not happen, the Fed chair said."),
    ("en", "Any Russian nuclear attack would be met with a devastating response, Sullivan said."),
    ("en", "Washington will do whatever it takes to help Kyiv, Blinken said."),
    ("en", "Factories are closing in Ohio, while our GDP grew, the Democratic senator said."),
    ("ru", "Никто не тронет ваши сбережения, заверил министр финансов России."),
    ("ru", "Польша провела показательные выступления пограничников на празднике в Белостоке."),
    ("ru", "Посмотрим, что скажут в Вашингтоне о помощи Киеву, сказал Зеленский."),
    ("en", "The IAEA has no mandate to inspect the sites in Ukraine, the agency said."),
    ("en", "Polish officers trained on Patriot missiles in Germany, NATO said, before the batteries went to Ukraine."),
    ("ru", "Европа отказалась от российского газа и перешла на СПГ, сообщил Еврокомиссар."),
    ("ru", "Экс-генсек НАТО допускает сценарий, при котором Украина пойдет на территориальные уступки."),
    # an analyst describing the line does not assert it (`distancing` vetoes the sentence)
    ("en", "The Belarusian president is a mouthpiece for Moscow's views on NATO expansion towards its borders."),
]


@pytest.mark.parametrize("lang,text,frame", CONCEPT_PARAPHRASES)
def test_a_frame_is_found_by_its_concept_without_its_telling_phrases(lang: str, text: str, frame: str) -> None:
    assert frame in {m.frame for m in configured_tagger().tag(text, lang)}


@pytest.mark.parametrize("lang,text", NEAR_MISSES)
def test_the_concepts_words_without_the_claim_are_no_frame(lang: str, text: str) -> None:
    assert configured_tagger().tag(text, lang) == []
