"""Quote extraction: own gold set, unit patterns, hostile input, and ../shared regression."""
from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.leaders import load_leaders, load_registry
from config.loader import ConfigError
from config.topics import load_topics
from quotes import Context, extract
from tests.quotes.scoring import score_span, totals

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "quotes"
SHARED = ROOT.parent / "shared" / "eval"
RUNNER = ROOT / "tests" / "quotes" / "run_extract.py"


def _score_own(lang: str) -> dict[str, float]:
    tot: collections.Counter[str] = collections.Counter()
    golds = sorted(DATA.glob(f"{lang}*.gold.json"))
    assert len(golds) >= 30
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = (DATA / gold["file"]).read_text(encoding="utf-8")
        preds = [q.to_dict() for q in extract(text)]
        for p in preds:
            assert text[p["start"]:p["end"]] == p["text"]
        tot += score_span(gold["quotes"], preds, [])
    return totals(tot)


@pytest.mark.parametrize(("lang", "floor"), [("en", 0.95), ("ru", 0.99)])
def test_own_gold_set(lang: str, floor: float) -> None:
    res = _score_own(lang)
    # reached: e2e F1 1.000 and every type recall 1.000 in both languages with the rules alone (EN en33-en60:
    # wire-copy titles, appositives and role nouns; 0.882 on the 52 documents before that work). EN with the
    # learned model added (the default since issue 12): 0.986, direct recall 0.977 -- the model joins a quote
    # split by its attribution into one, as PolNeAR annotates it, where this gold has two; floor 0.03 below.
    assert res["e2e_f1"] >= floor, res
    for k in ("direct_recall", "indirect_recall", "mixed_recall"):
        assert res.get(k, 1.0) >= 0.95, res


def test_offsets_and_contract() -> None:
    text = "“NATO is at our gates,” Lukashenko said. He added that Kyiv was to blame."
    qs = extract(text)
    assert [q.type for q in qs] == ["direct", "indirect"]
    for q in qs:
        assert text[q.start:q.end] == q.text
        assert q.speaker_id == "lukashenko" and q.lang == "en"
        assert set(q.to_dict()) >= {"speaker", "speaker_id", "text", "type", "cue", "start", "end", "topics", "lang"}
    assert qs[0].topics == ["NATO"] and "Ukraine" in qs[1].topics


def test_head_of_state_by_country() -> None:
    text = "“We will not allow a war,” the head of state said."
    assert extract(text, context=Context(country="BY"))[0].speaker_id == "lukashenko"
    assert extract(text, context=Context(country="RU"))[0].speaker_id == "putin"
    assert extract(text) == []  # no country, nobody named: no guess


def test_title_by_date() -> None:
    text = "«Альянс готов к диалогу», — заявил генсек НАТО."
    assert extract(text, context=Context(published=date(2020, 5, 1)))[0].speaker_id == "stoltenberg"
    assert extract(text, context=Context(published=date(2025, 5, 1)))[0].speaker_id == "rutte"


def test_russian_topics_inflected() -> None:
    qs = extract("Лукашенко заявил, что на Украине идет война, а альянс наращивает силы.")
    assert qs and set(qs[0].topics) == {"NATO", "Ukraine"}


def test_lang_detection() -> None:
    assert extract("«Мы готовы», — сказал Песков журналистам.")[0].lang == "ru"


def test_registry_forms() -> None:
    reg = load_registry()
    text = "встреча с Владимиром Путиным и А.Лукашенко, Лукашэнка"
    ids = [m.leader_id for m in reg.find_names(text)]
    assert ids == ["putin", "lukashenko", "lukashenko"]
    required = {"putin", "peskov", "lavrov", "zakharova", "shoigu", "medvedev", "belousov", "lukashenko",
                "khrenin", "volfovich", "gulevich", "ryzhenkov", "makei", "zas", "golovchenko", "turchin",
                "zelensky", "kuleba", "sybiha", "stoltenberg", "rutte"}
    assert required <= {ld.id for ld in load_leaders()}
    assert {t.id for t in load_topics()} >= {"NATO", "Ukraine"}


def test_config_error_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "leaders.yaml"
    bad.write_text("leaders:\n  - id: x\n    name: X\n    country: Belarus\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_leaders(bad)
    assert ":4:" in str(e.value) and "country" in str(e.value)


def test_custom_topics(tmp_path: Path) -> None:
    from quotes.topics import TopicMatcher

    p = tmp_path / "topics.yaml"
    p.write_text("topics:\n  - id: Gas\n    terms: {en: [gas, pipeline], ru: [газ]}\n", encoding="utf-8")
    tm = TopicMatcher(load_topics(p))
    assert extract("Putin said that the pipeline would be finished.", topics=tm)[0].topics == ["Gas"]
    assert extract("Путин заявил, что поставки газа продолжатся в полном объеме.", topics=tm)[0].topics == ["Gas"]


_HOSTILE = st.text(
    alphabet=st.sampled_from(list("“”«»„‘’\"'‹›—–-:,.!? \n\n\tabcXYZ Лукашенко said заявил что that Putin Вопрос:")),
    max_size=300,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _HOSTILE))
def test_hostile_text_never_raises(text: str) -> None:
    for q in extract(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text


def _shared_totals(gold_dir: Path) -> dict[str, float]:
    cmd = f"{sys.executable} {RUNNER} {{files}}"
    out = subprocess.run(
        [sys.executable, str(SHARED / "score_quotes.py"), str(gold_dir), "--cmd", cmd, "--json"],
        capture_output=True, text=True, timeout=900, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "score_quotes.py").exists(), reason="../shared is absent")
def test_shared_dev_floor() -> None:
    res = _shared_totals(SHARED / "quotes" / "dev")
    # reached: span e2e F1 1.000 with the rules alone, 0.968 with the learned model added (the default:
    # one extra, "implied"-like prose the gold does not count), every type recall 1.000, transcripts bag F1 0.988
    assert res["e2e_f1"] >= 0.93, res
    assert res["indirect_recall"] >= 0.99 and res["mixed_recall"] >= 0.99, res
    assert res["bag_f1"] >= 0.985, res


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "score_quotes.py").exists(), reason="../shared is absent")
def test_shared_dev_ru_floor() -> None:
    res = _shared_totals(SHARED / "quotes" / "dev-ru")
    # floor reached: e2e F1 1.000, direct and indirect recall 1.000
    assert res["e2e_f1"] >= 0.99, res
    assert res["direct_recall"] >= 0.99 and res["indirect_recall"] >= 0.99, res


def _score_heldout(lang: str) -> dict[str, float]:
    tot: collections.Counter[str] = collections.Counter()
    golds = sorted((DATA / "heldout").glob(f"{lang}_*.gold.json"))
    assert len(golds) >= 25
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = (DATA / "heldout" / gold["file"]).read_text(encoding="utf-8")
        tot += score_span(gold["quotes"], [q.to_dict() for q in extract(text)], [])
    return totals(tot)


@pytest.mark.parametrize(("lang", "floor"), [("en", 0.91), ("ru", 0.99)])
def test_heldout_style_gold_set(lang: str, floor: float) -> None:
    """Wire copy and analysis written apart from the rules (tests/quotes/heldout_source.py).
    Reached: EN e2e F1 1.000 with the rules alone (0.982 before the wire-copy attribution work), RU 0.991 (before natasha's NER and the Russian fixes: 0.929; before
    the generalisation work: 0.839 and 0.736). Every type's recall: EN >= 0.967, RU >= 0.980. EN with the learned
    model added (the default since issue 12): 0.948, the model's extras being topics of speech ("commented on
    the talks") that PolNeAR counts and this gold does not."""
    res = _score_heldout(lang)
    assert res["e2e_f1"] >= floor, res
    for k in ("direct_recall", "indirect_recall", "mixed_recall"):
        assert res.get(k, 1.0) >= 0.96, res


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text)]


def test_russian_names_by_ner() -> None:
    """People not in the registry whose first name pymorphy3 does not know (natasha's PER)."""
    text = ("«Это провокация», — заявила Захарова. Ранее глава МИД Литвы Кястутис Будрис заявил, что пункты "
            "пропуска останутся закрытыми до особого распоряжения.")
    assert ("Кястутис Будрис", "пункты пропуска останутся закрытыми до особого распоряжения") in _said(text)
    text = ("Медведев пригрозил ответом. Президент Франции Эммануэль Макрон заявил, что Европа должна быть "
            "готова. «Мы не можем позволить Украине капитулировать», — сказал Макрон журналистам.")
    assert all(sp == "Эммануэль Макрон" for sp, _ in _said(text)) and len(_said(text)) == 2


def test_russian_known_gaps() -> None:
    # a name in quotation marks, then a verb without a comma or dash: no quote
    text = "Белорусская служба «Радыё Свабода» сообщает, что Лукашенко пообещал наладить выпуск ракет."
    assert all(t != "Радыё Свабода" for _, t in _said(text))
    # role after the verb in inverted order
    text = ("Премьер-министр Белоруссии Роман Головченко приехал в Москву. Следующее заседание Совмина "
            "пройдет осенью в Минске, уточнил белорусский премьер.")
    assert ("Roman Golovchenko", "Следующее заседание Совмина пройдет осенью в Минске") in _said(text)
    # the last paragraph of a multi-paragraph quote has only the closing mark
    text = "Президент Путин сказал:\n\n«Мы не отказывались от переговоров.\n\nСегодня ситуация другая»."
    assert ("Vladimir Putin", "Сегодня ситуация другая") in _said(text)
    # a vocative is no speaker; interview answers alternate with questions
    text = ("Лукашенко ответил на вопросы журналиста.\n\n— Александр Григорьевич, многие считают, что Беларусь "
            "утратила суверенитет. Что бы вы ответили?\n\n— Пусть приедут и посмотрят.\n\n— А ядерное "
            "оружие?\n\n— Решение принимается совместно, — ответил президент.")
    said = _said(text)
    assert all(sp == "Alexander Lukashenko" for sp, _ in said), said
    assert ("Alexander Lukashenko", "Пусть приедут и посмотрят.") in said
