"""Speaker-label lines (quotes.label): "Путин: ...", "⚡️Глава МИД Беларуси Рыженков: ...", "Lavrov: ...",
a single turn "В.ПУТИН: ..." are the labelled person's direct quote, to the end of the line; a label that
is a place, a body, a topic, a question or a heading is nobody's. Texts written here in the styles of
news flashes and Telegram posts, not copied from any corpus."""
from __future__ import annotations

import pytest

from quotes import Context, extract


def _said(text: str, lang: str, country: str | None = None) -> list[tuple[str | None, str, str, str]]:
    return [(q.speaker, q.type, q.text, q.extractor) for q in extract(text, lang=lang, context=Context(country=country))]


@pytest.mark.parametrize(("text", "lang", "speaker", "quote"), [
    ("Путин: Экономический блицкриг против России провалился. Наша экономика растёт.", "ru", "Vladimir Putin",
     "Экономический блицкриг против России провалился. Наша экономика растёт."),
    ("Лавров: Запад ведёт войну против России руками украинцев.", "ru", "Sergei Lavrov",
     "Запад ведёт войну против России руками украинцев."),
    ("Володин: разговоры в Европе о ... — дорога к глобальной катастрофе.", "ru", "Vyacheslav Volodin",
     "разговоры в Европе о ... — дорога к глобальной катастрофе."),
    ("Глава МИД Беларуси Рыженков: Запад должен начать диалог с Минском.", "ru", "Maxim Ryzhenkov",
     "Запад должен начать диалог с Минском."),
    ("Депутат Госдумы Антропенко: новые правила продажи билетов нужно пересмотреть.", "ru", "Антропенко",
     "новые правила продажи билетов нужно пересмотреть."),
    ("В.ПУТИН: Мы готовы к переговорам без предварительных условий.", "ru", "Vladimir Putin",
     "Мы готовы к переговорам без предварительных условий."),
    ("ПУТИН: Мы готовы к переговорам без предварительных условий.", "ru", "Vladimir Putin",
     "Мы готовы к переговорам без предварительных условий."),
    ("ЛУКАШЕНКО: Нам чужого не надо, но своё мы защитим.", "ru", "Alexander Lukashenko",
     "Нам чужого не надо, но своё мы защитим."),
    ("⚡️**Путин: Россия не допустит получения Киевом ядерного оружия**", "ru", "Vladimir Putin",
     "Россия не допустит получения Киевом ядерного оружия"),
    ("▪️Захарова: западные СМИ снова распространяют откровенную ложь;", "ru", "Maria Zakharova",
     "западные СМИ снова распространяют откровенную ложь"),
    ("Lavrov: The West is waging a war against Russia.", "en", "Sergei Lavrov",
     "The West is waging a war against Russia."),
    ("Kremlin spokesman Dmitry Peskov: Moscow remains open to dialogue.", "en", "Dmitry Peskov",
     "Moscow remains open to dialogue."),
    ("🇧🇾 Lukashenko: We do not need someone else's land, but we will defend our own.", "en",
     "Alexander Lukashenko", "We do not need someone else's land, but we will defend our own."),
])
def test_label_line_is_the_persons_direct_quote(text: str, lang: str, speaker: str, quote: str) -> None:
    assert _said(text, lang) == [(speaker, "direct", quote, "label")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Южная Корея: почему президент объявил военное положение", "ru"),
    ("Важно: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Итак: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Коротко: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Подробнее: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Итоги дня: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Мнение: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Видео: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Сводка МО: подразделения отразили 11 контратак за сутки.", "ru"),
    ("Москва: Запад ведёт войну против России руками украинцев.", "ru"),
    ("МИД России: Запад ведёт войну против России руками украинцев.", "ru"),  # a body, as everywhere
    ("Кремль: Запад ведёт войну против России руками украинцев.", "ru"),
    ("Минздрав: число заболевших гриппом выросло вдвое.", "ru"),
    ("Блумберг: Зеленский подал сигнал о готовности к переговорам.", "ru"),
    ("ВОПРОС: Когда состоится встреча двух президентов?", "ru"),
    ("Встреча с Путиным: главное из сказанного на форуме.", "ru"),
    ("Итоги встречи Путина и Си: новая эра отношений двух стран.", "ru"),
    ("Навальный: что известно о смерти политика", "ru"),
    ("Breaking News: The West is waging a war against Russia.", "en"),
    ("Live Updates: The West is waging a war against Russia.", "en"),
    ("Fact Check: The West is waging a war against Russia.", "en"),
    ("Washington: The talks failed again on Tuesday.", "en"),
    ("Question: When will the two presidents meet?", "en"),
    ("Russian Foreign Ministry: The West is waging a war against Russia.", "en"),
    ("Ted Cruz: Constitutional conservative or another career politician?", "en"),  # a question about him
    ("Навальный: кто стоит за отравлением политика?", "ru"),
])
def test_label_that_is_no_person_gives_no_quote(text: str, lang: str) -> None:
    assert _said(text, lang) == []


@pytest.mark.parametrize(("text", "speaker", "quote"), [
    ("МУРАВЕЙКО: Мы фиксируем наращивание группировки войск Польши и стран Балтии у наших границ.", "Pavel Muraveiko",
     "Мы фиксируем наращивание группировки войск Польши и стран Балтии у наших границ."),  # in the registry
    ("ШАМАНОВ: Мы фиксируем наращивание группировки войск Польши и стран Балтии у наших границ.", "Шаманов",
     "Мы фиксируем наращивание группировки войск Польши и стран Балтии у наших границ."),
    ("ЖУРАВЛЁВ: Подразделения отразили четыре контратаки противника.", "Журавлёв",
     "Подразделения отразили четыре контратаки противника."),
])
def test_a_single_turn_in_capitals_outside_the_registry_is_its_surnames(text: str, speaker: str, quote: str) -> None:
    assert _said(text, "ru") == [(speaker, "direct", quote, "label")]


@pytest.mark.parametrize("text", [
    "МОЛНИЯ: Запад ведёт войну против России руками украинцев.",
    "СРОЧНО: Запад ведёт войну против России руками украинцев.",
    "ВАЖНО: Запад ведёт войну против России руками украинцев.",
    "РЕПЛИКА: Запад ведёт войну против России руками украинцев.",
    "ВЕДУЩИЙ: Добрый вечер, это программа о главном.",
])
def test_a_capitals_heading_or_role_is_no_surname(text: str) -> None:
    assert _said(text, "ru") == []


@pytest.mark.parametrize(("text", "speaker", "quote"), [
    ("Карасин на заседании Совета Федерации подчеркнул, что повестка переговоров определена ещё летом.",
     "Карасин", "повестка переговоров определена ещё летом"),
    ("Журавлёв на пленарном заседании Госдумы заявил, что Европа сама выбрала путь конфронтации.",
     "Журавлёв", "Европа сама выбрала путь конфронтации"),
    # a place after the name: bare words are the reporter's heading, words in marks the person's
    ("Путин в Пекине: «Наши отношения с Китаем не направлены против третьих стран».", "Vladimir Putin",
     "Наши отношения с Китаем не направлены против третьих стран"),
    ("Журавлёв в Госдуме: «Натовские базы подошли к нашим границам вплотную».", "Журавлёв",
     "Натовские базы подошли к нашим границам вплотную"),
])
def test_a_surname_with_the_occasion_before_its_verb_is_the_speaker(text: str, speaker: str, quote: str) -> None:
    assert [(s, t) for s, _, t, _ in _said(text, "ru")] == [(speaker, quote)]


def test_a_poll_is_no_person_though_named_again() -> None:
    text = "Poll: Trump ties Clinton in a three-way race\n\nThe Morning Consult Poll found the two level."
    assert [x for x in _said(text, "en") if x[3] == "label"] == []


def test_a_question_in_the_speakers_own_voice_is_theirs() -> None:
    assert _said("Путин: Почему мы должны верить обещаниям Запада?", "ru") == [
        ("Vladimir Putin", "direct", "Почему мы должны верить обещаниям Запада?", "label")]


def test_the_resolver_names_the_label_as_the_reason() -> None:
    q = extract("Лавров: Запад ведёт войну против России руками украинцев.", lang="ru")[0]
    assert q.reason.startswith("label (speaker label 'Лавров' opening the line); speaker by registry name 'Лавров'")


def test_channel_boilerplate_below_the_label_is_nobodys() -> None:
    text = "Песков: цели СВО остаются неизменными.\n\nПодробнее в нашем канале."
    assert _said(text, "ru") == [("Dmitry Peskov", "direct", "цели СВО остаются неизменными.", "label")]
    for tail in ("Читайте также: как проходили переговоры в Стамбуле", "Подписывайтесь на наш канал",
                 "[РИА Новости: экономика](https://t.me/example/1)"):
        said = _said(f"Песков: цели СВО остаются неизменными.\n\n{tail}", "ru")
        assert [t for _, _, t, _ in said] == ["цели СВО остаются неизменными."], tail


def test_headline_label_takes_its_own_line_not_the_body() -> None:
    text = ("**Лавров: Запад ведёт войну против России руками украинцев**\n\n"
            "Министр иностранных дел выступил на пресс-конференции в Москве по итогам года.")
    assert _said(text, "ru") == [("Sergei Lavrov", "direct", "Запад ведёт войну против России руками украинцев",
                                  "label")]


def test_headline_restated_by_the_storys_own_quote_is_not_a_second_quote() -> None:
    text = ("Lukashenko: Belarus will never be dragged into a war\n\n"
            "MINSK, 2 December (BelTA) - Belarus will never be dragged into a war, Belarusian President "
            "Aleksandr Lukashenko said at a meeting with the military on 2 December.")
    said = _said(text, "en", "BY")
    assert [(s, x) for s, _, _, x in said] == [("Alexander Lukashenko", "indirect_en")]


def test_transcript_turns_stay_the_transcripts() -> None:
    text = ("В.Путин: Добрый день, уважаемые коллеги.\n\nВопрос: Когда состоится встреча?\n\n"
            "В.Путин: Пока рано об этом говорить.")
    assert {x for _, _, _, x in _said(text, "ru")} == {"transcript"}


def test_label_runs_with_any_english_extractor_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    from config.settings import reset_settings
    from quotes.extract import extractor_names
    from quotes.packs import get_pack

    for choice, want in (("rules", ["transcript", "direct", "indirect_en", "label"]),
                         ("direct,model", ["transcript", "direct", "label", "model"])):
        monkeypatch.setenv("MOUTHPIECE_EN_EXTRACTORS", choice)
        reset_settings()
        try:
            assert extractor_names(get_pack("en")) == want
        finally:
            monkeypatch.delenv("MOUTHPIECE_EN_EXTRACTORS")
            reset_settings()


@pytest.mark.parametrize(("text", "lang", "speaker", "quote"), [
    ("Захарова о событиях в Тбилиси: знакомый почерк — те же палатки, те же кураторы из посольств.", "ru",
     "Maria Zakharova", "знакомый почерк — те же палатки, те же кураторы из посольств."),
    ("Лавров — о переговорах: никакое «замораживание» конфликта нас не устроит.", "ru", "Sergei Lavrov",
     "никакое «замораживание» конфликта нас не устроит."),
    ("Путин о переговорах: мы готовы к диалогу, но без ультиматумов.", "ru", "Vladimir Putin",
     "мы готовы к диалогу, но без ультиматумов."),
    ("Лавров в интервью РИА Новости: никакое «замораживание» нас не устроит.", "ru", "Sergei Lavrov",
     "никакое «замораживание» нас не устроит."),
    ("Посол России в Беларуси Борис Грызлов в интервью «Известиям»: натовские базы подходят всё ближе.", "ru",
     "Борис Грызлов", "натовские базы подходят всё ближе."),
    ("Госсекретарь Совбеза Беларуси Александр Вольфович на ОНТ: у соседей наращивается группировка войск.", "ru",
     "Alexander Volfovich", "у соседей наращивается группировка войск."),
    ("⚡️Песков журналистам: Кремль пока не видит предпосылок для переговоров.", "ru", "Dmitry Peskov",
     "Кремль пока не видит предпосылок для переговоров."),
    ("Lavrov on talks: Russia is ready for dialogue without ultimatums.", "en", "Sergei Lavrov",
     "Russia is ready for dialogue without ultimatums."),
    ("Peskov to reporters: the Kremlin has no plans for a new mobilisation.", "en", "Dmitry Peskov",
     "the Kremlin has no plans for a new mobilisation."),
    # a surname alone before the tail, outside the registry: the label is the speaker's slot
    ("Шеин в своём телеграм-канале: просроченный президент ничего подписать не может.", "ru", "Шеин",
     "просроченный президент ничего подписать не может."),
    ("Гайдукевич в интервью «Беларусь 1»: Польша держит у нашей границы десятки тысяч военных.", "ru",
     "Гайдукевич", "Польша держит у нашей границы десятки тысяч военных."),
    # a programme or an outlet in quotation marks, and the statement in marks of its own
    ("Киселёв в «Вестях недели»: «После ракетных ударов на Западе вдруг стало тихо».", "ru", "Киселёв",
     "После ракетных ударов на Западе вдруг стало тихо"),
    ("Журавлёв на пленарном заседании: натовские базы подошли к нашим границам вплотную.", "ru", "Журавлёв",
     "натовские базы подошли к нашим границам вплотную."),
    # after a comma: the role, or what the person was doing when they spoke
    ("Шаманов, председатель комитета Госдумы по обороне: без американских спутников удары невозможны.", "ru",
     "Шаманов", "без американских спутников удары невозможны."),
    ("Захарова, официальный представитель МИД России: западные СМИ снова лгут.", "ru", "Maria Zakharova",
     "западные СМИ снова лгут."),
    ("Гайдукевич, выступая перед студентами: нам готовили киевский сценарий.", "ru", "Гайдукевич",
     "нам готовили киевский сценарий."),
    ("Lavrov, at a press conference in Moscow: the documents were initialled in Istanbul.", "en", "Sergei Lavrov",
     "the documents were initialled in Istanbul."),
    ("Lavrov, speaking to reporters in Ankara: the documents were initialled in Istanbul.", "en", "Sergei Lavrov",
     "the documents were initialled in Istanbul."),
    # a body's session, as an occasion; a note in brackets after the name
    ("Небензя в Совбезе ООН: с 2014 года украинская армия обстреливала жилые кварталы Донецка.", "ru",
     "Vassily Nebenzia", "с 2014 года украинская армия обстреливала жилые кварталы Донецка."),
    ("LAVROV (via interpreter): Under Ukraine's own constitution, his mandate ended in May.", "en", "Sergei Lavrov",
     "Under Ukraine's own constitution, his mandate ended in May."),
    ("В.ПУТИН (отвечая на вопрос): Перемирие ради перемирия нам не нужно.", "ru", "Vladimir Putin",
     "Перемирие ради перемирия нам не нужно."),
])
def test_label_with_the_words_topic_or_occasion_is_the_persons(text: str, lang: str, speaker: str, quote: str) -> None:
    assert _said(text, lang) == [(speaker, "direct", quote, "label")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Путин в Пекине: переговоры с Си продлились больше трёх часов.", "ru"),  # a place: the reporter's heading
    ("Журналисты о Путине: он снова удивил всех на пресс-конференции.", "ru"),
    ("Вопрос Лаврову о переговорах: когда закончится конфликт на Украине?", "ru"),
    ("МИД России о переговорах: Запад ведёт войну против России руками украинцев.", "ru"),  # a body
    ("Итоги дня о Путине: переговоры с Си продлились больше трёх часов.", "ru"),
    ("Навальный о котором все забыли: что известно о политике", "ru"),
    ("Путин о переговорах: главное из сказанного на форуме.", "ru"),  # a heading about his words
    ("Lavrov in Ankara: talks with Fidan lasted three hours.", "en"),
    ("Россия в «Евровидении»: конкурс снова обошёлся без российских артистов.", "ru"),  # no person
    ("Путин, Си и Моди: главное с саммита в Казани.", "ru"),
    ("Южная Корея (обновлено): президент объявил военное положение в стране.", "ru"),
    ("Москва, Кремль: Запад снова лжёт.", "ru"),
    ("Лавров, прилетевший в Анкару: переговоры с Фиданом продлились три часа.", "ru"),  # the reporter's
    ("Lavrov, who arrived in Ankara: talks with Fidan lasted three hours.", "en"),
    ("Путин в «Сириусе»: дети показали главе государства свои проекты.", "ru"),  # the reporter's words
    ("Reporters on Peskov: the Kremlin has no plans for a new mobilisation.", "en"),
    ("Russian Foreign Ministry on talks: The West is waging a war against Russia.", "en"),
])
def test_tailed_label_that_is_no_persons_words_gives_no_quote(text: str, lang: str) -> None:
    assert _said(text, lang) == []


def test_tailed_label_names_its_whole_label_as_the_reason() -> None:
    q = extract("Лавров в интервью РИА Новости: никакое «замораживание» нас не устроит.", lang="ru")[0]
    assert q.reason.startswith("label (speaker label 'Лавров в интервью РИА Новости' opening the line)")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tail_phrases_hold_no_verb(lang: str) -> None:
    """quotes.label_tail checks a tail for verbs from the end of its phrase: the phrases themselves must
    hold none, so that where the check starts, at the name or after the phrase, says nothing."""
    from quotes.cues import WORD_RE
    from quotes.label_tail import tail_verb
    from quotes.packs import get_pack

    verbs = [(p, w) for p in get_pack(lang).words("label_tails") for w in WORD_RE.findall(p)
             if tail_verb(lang, w) or tail_verb(lang, w.lower())]
    assert verbs == []
