"""The officials added to config/leaders.yaml (Belarusian generals and chairs, Moscow's envoys, deputies
and security chiefs): attributed by name and by title in both languages, with the country the echo
code stores for them (alerts.echoes reads `leader.country` of the quote's speaker_id), and a registry
whose titles name one person at a time."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from config.leaders import _CYR, WORD, _title_forms, load_leaders, ru_forms
from quotes import Context, extract

LEADERS = {ld.id: ld for ld in load_leaders()}
BY, RU = "BY", "RU"

# (text, source country, published, speaker_id): wire flashes, "заявил X", titles without a name
CASES = [
    ("Муравейко: НАТО наращивает группировку войск у наших границ.", BY, date(2025, 6, 2), "muraveiko"),
    ("«Мы видим, как у наших границ растет группировка НАТО», — заявил начальник Генштаба.", BY,
     date(2025, 6, 2), "muraveiko"),
    ("По словам Павла Муравейко, проверка затронет все соединения западного оперативного командования.", BY,
     date(2025, 6, 2), "muraveiko"),
    ("«Теракты готовились с территории Литвы», — заявил председатель КГБ.", BY, date(2023, 3, 1), "tertel"),
    ("Тертель заявил, что Запад готовит провокации на белорусской границе.", BY, date(2023, 3, 1), "tertel"),
    ("Председатель Госпогранкомитета Константин Молостов заявил, что Польша наращивает силы у границы.", BY,
     date(2024, 3, 1), "molostov"),
    ("Кочанова заявила, что Беларусь никому не угрожает.", BY, date(2023, 3, 1), "kochanova"),
    ("Эйсмонт заявила, что Лукашенко не планирует встреч с оппозицией.", BY, date(2023, 3, 1), "eismont"),
    ("Nebenzia told the Security Council that the West was prolonging the conflict in Ukraine.", None,
     date(2024, 3, 1), "nebenzia"),
    ("«Западные страны продолжают накачивать Украину оружием», — заявил Небензя.", RU, date(2024, 3, 1),
     "nebenzia"),
    ("«Никаких переговоров на этих условиях не будет», — заявил постпред России при ООН.", RU,
     date(2024, 3, 1), "nebenzia"),
    ("Рябков: Россия не намерена обсуждать стратегическую стабильность без учета позиции НАТО.", RU,
     date(2023, 3, 1), "ryabkov"),
    ("Ryabkov told reporters that Moscow would respond to any deployment of US missiles in Europe.", None,
     None, "ryabkov"),
    ("Gerasimov said NATO was preparing for a conflict with Russia.", None, date(2023, 3, 1), "gerasimov"),
    ("«Санкции бьют по самой Европе», — сказал спикер Госдумы.", RU, date(2023, 3, 1), "volodin"),
    ("«Санкции бьют по самой Европе», — сказала Матвиенко.", RU, date(2023, 3, 1), "matviyenko"),
    ("Патрушев заявил, что Запад создает риски для морских грузоперевозок.", RU, date(2023, 3, 1), "patrushev"),
    ("Дмитрий Патрушев заявил, что санкции не помешают экспорту зерна.", RU, date(2023, 3, 1), "patrushev_d"),
    ("«Это шаг к эскалации», — заявил посол России в США.", RU, date(2023, 3, 1), "antonov"),
    ("«Это шаг к эскалации», — заявил посол России в США.", RU, date(2025, 6, 1), "darchiev"),
    # titles tied to a role: Shoigu leads the Security Council since May 2024, Patrushev before him
    ("«Мы ответим», — заявил министр обороны России.", RU, date(2025, 3, 1), "belousov"),
    ("«Мы ответим», — заявил секретарь Совбеза России.", RU, date(2025, 3, 1), "shoigu"),
    ("«Мы ответим», — заявил секретарь Совбеза России.", RU, date(2020, 3, 1), "patrushev"),
]


@pytest.mark.parametrize(("text", "country", "published", "speaker_id"), CASES)
def test_new_officials_are_attributed_with_their_country(text: str, country: str | None, published: date | None,
                                                         speaker_id: str) -> None:
    qs = extract(text, context=Context(country=country, published=published))
    assert [q.speaker_id for q in qs] == [speaker_id], [(q.speaker, q.text) for q in qs]
    # what alerts.echoes stores as the quote's speaker_country (and echo detection compares)
    assert LEADERS[speaker_id].country == ("BY" if speaker_id in {
        "muraveiko", "tertel", "molostov", "kochanova", "eismont"} else "RU")


def test_titles_that_open_another_countrys_title_stay_unresolved() -> None:
    # no bare "начальник Генштаба" for Russian sources: Ukraine's chief is not Gerasimov
    assert extract("«Мы ответим», — заявил начальник Генштаба ВСУ.",
                   context=Context(country=RU, published=date(2023, 3, 1))) == []


def _spans(ld_id: str, role: str | None) -> list[tuple[date, date]]:
    rs = [r for r in LEADERS[ld_id].roles if role is None or r.title == role]
    return [(r.start or date.min, r.end or date.max) for r in rs] or [(date.min, date.max)]


def test_no_title_names_two_people_on_the_same_day() -> None:
    """A title (in any generated case form) held by two registry people must not be valid for both on one
    day in one country's sources (a `country` limit or a `role` with dates separates them); otherwise
    it resolves to nobody ("министр обороны России" after May 2024 was Shoigu's and Belousov's)."""
    forms: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for ld in LEADERS.values():
        for t in ld.titles:
            for f in _title_forms(t.text):
                forms[f.lower()].append((ld.id, t.country, t.role))
    clashes = []
    for form, holders in forms.items():
        for i, (a, ca, ra) in enumerate(holders):
            for b, cb, rb in holders[i + 1:]:
                if a == b or (ca and cb and ca != cb):
                    continue
                if any(s1 < e2 and s2 < e1 for s1, e1 in _spans(a, ra) for s2, e2 in _spans(b, rb)):
                    clashes.append((form, a, b))
    assert not clashes


def test_surnames_are_shared_only_by_namesakes_told_apart_by_first_name() -> None:
    last: dict[str, set[str]] = defaultdict(set)
    for ld in LEADERS.values():
        for alias in [*ld.aliases, *ld.forms_ru]:
            words = WORD.findall(alias.replace(".", ". "))
            for form in ru_forms(words[-1], ld.gender) if _CYR.search(words[-1]) else {words[-1]}:
                last[form.lower()].add(ld.id)
    shared = {k: v for k, v in last.items() if len(v) > 1}
    assert all(v == {"patrushev", "patrushev_d"} for v in shared.values()), shared
    # the son is named only with his first name: "Патрушев" alone is the father
    assert all(len(WORD.findall(a)) > 1 for a in LEADERS["patrushev_d"].aliases)


# --- the echo code's view: a Belarusian general's statement echoes a Russian envoy's -----------------

RU_BODY = ("«Размещение натовской инфраструктуры у границ Союзного государства и стягивание польских войск к "
           "белорусской границе - прямая угроза нашей безопасности», — заявил Небензя на заседании Совбеза ООН.")
BY_BODY = ("Муравейко: Польша стягивает войска к нашей границе, НАТО наращивает инфраструктуру у границ "
           "Союзного государства, это угроза.")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from config.settings import reset_settings
    from storage.db import reset_engines
    from tests.support.seed import seeded_database

    yield seeded_database(f"sqlite:///{tmp_path / 'e.sqlite'}", [("ria_ru", "ria_ru", RU), ("belta_ru", "belta_ru", BY)],
                          tmp_path / "data", monkeypatch)
    reset_engines()
    reset_settings()


def _store_extracted(url: str, source: str, country: str, body: str, when: datetime) -> tuple[int, int, str | None]:
    from storage.db import session_scope
    from storage.models import Article, Quote

    [q] = extract(body, context=Context(country=country, published=when.date()))
    with session_scope(url) as s:
        art = Article(source_id=source, canonical_url=f"https://{source}.example/1", url=f"https://{source}.example/1",
                      title="t", body=body, content_hash=source, first_seen_at=when, published_at=when, lang="ru")
        s.add(art)
        s.flush()
        row = Quote(article_id=art.id, speaker_id=q.speaker_id, speaker_name=q.speaker, text=q.text, type=q.type,
                    start=q.start, end=q.end, topics=q.topics, lang=q.lang)
        s.add(row)
        s.flush()
        return art.id, row.id, q.speaker_id


def test_a_belarusian_general_echoes_a_russian_envoy(db: str) -> None:
    from sqlalchemy import select

    from alerts.echoes import index_article
    from storage.db import session_scope
    from storage.models import QuoteEcho, QuoteNarrative

    t0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
    a_ru, q_ru, who_ru = _store_extracted(db, "ria_ru", RU, RU_BODY, t0)
    a_by, q_by, who_by = _store_extracted(db, "belta_ru", BY, BY_BODY, t0 + timedelta(days=3))
    assert (who_ru, who_by) == ("nebenzia", "muraveiko")
    for a in (a_ru, a_by):
        with session_scope(db) as s:
            index_article(s, a, LEADERS)
    with session_scope(db) as s:
        countries = dict(s.execute(select(QuoteNarrative.quote_id, QuoteNarrative.speaker_country)).all())
        assert countries == {q_ru: RU, q_by: BY}
        echoes = [(r.quote_id, r.echoed_quote_id) for r in s.scalars(select(QuoteEcho).where(QuoteEcho.kind == "echo"))]
    assert echoes == [(q_by, q_ru)]


@pytest.mark.parametrize(("text", "lang"), [
    ("«Запад ведёт войну против России», — заявила заместитель постпреда России при ООН.", "ru"),
    ("«Запад ведёт войну против России», — заявил заместитель председателя Совета Федерации.", "ru"),
    ("\"The West is waging war on Russia,\" the deputy speaker of the Federation Council said.", "en"),
    ("\"The West is waging war on Russia,\" the vice-speaker of the Federation Council said.", "en"),
])
def test_a_deputy_is_not_the_titles_holder(text: str, lang: str) -> None:
    """A deputy named only by the post they stand in for is someone else: no quote for the holder."""
    assert [q.speaker for q in extract(text, lang=lang)] == []
