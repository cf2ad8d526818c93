"""Russian Telegram and news layouts found reading RIA Novosti posts (issue 12, i12's recall work):
one general rule each. The texts are written here in those styles, not copied from the corpus."""
from __future__ import annotations

from quotes import Context, extract


def _said(text: str, country: str | None = "RU") -> list[tuple[str | None, str, str]]:
    return [(q.speaker, q.type, q.text) for q in extract(text, lang="ru", context=Context(country=country))]


def test_summary_of_statements_bullets_are_the_speakers() -> None:
    text = ("**Главное из заявлений Пескова на брифинге:**\n\n"
            "▪️ О переговорах: Москва открыта для диалога без предварительных условий\n\n"
            "**О визитах**\n\n"
            "▪️ Визит президента в Индию готовится, точных дат пока нет")
    said = _said(text)
    assert [(s, t) for s, _, t in said] == [
        ("Dmitry Peskov", "Москва открыта для диалога без предварительных условий"),
        ("Dmitry Peskov", "Визит президента в Индию готовится, точных дат пока нет")]


def test_headline_quote_speaker_in_the_caption_line() -> None:
    text = "**\"Решения принимаются в Москве, а не за океаном\"**\n\nЛавров о переговорах с Вашингтоном."
    assert _said(text) == [("Sergei Lavrov", "direct", "Решения принимаются в Москве, а не за океаном")]


def test_first_person_blockquote_after_a_lede_about_its_speaker() -> None:
    text = ("Депутат Госдумы Антропенко в беседе с РИА Новости раскритиковал новые правила продажи билетов.\n\n"
            "Мы не можем допустить, чтобы дети оставались без праздника. Это наша общая задача")
    assert _said(text) == [("Антропенко", "direct",
                            "Мы не можем допустить, чтобы дети оставались без праздника. Это наша общая задача")]


def test_dash_attribution_by_role_noun_refers_back() -> None:
    text = ("Сенатор Климов предложил изменить порядок выдачи виз.\n\n"
            "\"Нынешняя система устарела и требует пересмотра\", - сказал парламентарий РИА Новости.")
    assert _said(text) == [("Климов", "direct", "Нынешняя система устарела и требует пересмотра")]


def test_parenthetical_attribution_inside_the_reported_sentence() -> None:
    text = "Особое внимание, отметил Лукашенко, новый министр должен уделить сфере образования."
    assert _said(text, "BY") == [("Alexander Lukashenko", "indirect", text.rstrip("."))]


def test_parenthetical_po_ee_slovam_and_feminine_subject() -> None:
    text = ("Москалькова опубликовала список военнопленных.\n\n"
            "Она отметила, что обмен может состояться в ближайшее время.\n\n"
            "Родственники, по ее словам, получат уведомления заранее.")
    said = [(s, t) for s, _, t in _said(text)]
    assert said == [("Москалькова", "обмен может состояться в ближайшее время"),
                    ("Москалькова", "Родственники, по ее словам, получат уведомления заранее")]


def test_quote_cited_through_a_pronoun() -> None:
    text = ("Асад пообещал победить терроризм.\n\n"
            "\"Мы не отступим, пока не освободим всю страну\", - приводит его слова государственное агентство.")
    assert _said(text) == [("Асад", "direct", "Мы не отступим, пока не освободим всю страну")]


def test_colon_after_a_long_clause_with_the_verb_after_the_subject() -> None:
    text = "Маск отреагировал на новости о снижении призывного возраста на Украине: \"Сколько еще должно умереть?\""
    assert _said(text) == [("Маск", "direct", "Сколько еще должно умереть?")]


def test_predicative_uverena_chto() -> None:
    text = "Захарова уверена, что переговоры возобновятся до конца года."
    assert _said(text) == [("Maria Zakharova", "indirect", "переговоры возобновятся до конца года")]


def test_interviewers_questions_are_nobodys_quotes() -> None:
    text = ("Лукашенко дал интервью.\n\n— Вы бы встретились с Зеленским?\n\n"
            "— А почему нет? Если это поможет, я готов встречаться с кем угодно.")
    said = _said(text, "BY")
    assert all("встретились" not in t for _, _, t in said)


def test_no_quote_from_a_name_in_marks_or_a_body() -> None:
    text = ("Военный представитель движения «Ансар Алла» заявил, что операции продолжатся.\n\n"
            "Пожар потушен, сообщает Государственная пожарная служба.")
    assert _said(text) == []


def test_reporting_verb_before_a_colon_or_dash_after_an_adverbial() -> None:
    """'Во вторник он рассказал – ...': the verb right before a colon or a spaced dash introduces the
    content, its subject (here a pronoun) after an adverbial of time rather than first in the sentence."""
    for sep in (":", " –"):
        text = ("Губернатор Олег Карпов провел совещание с аграриями.\n\n"
                f"В среду он сообщил{sep} урожай зерна в области превысил прошлогодний на десять процентов.")
        assert _said(text) == [("Олег Карпов", "indirect",
                                "урожай зерна в области превысил прошлогодний на десять процентов")]


def test_a_dash_after_a_word_that_is_no_reporting_verb_is_no_attribution() -> None:
    text = "Вице-премьер Иван Сидоров приехал в Омск. В среду он осмотрел – вместе с мэром – новый мост через Иртыш."
    assert _said(text) == []


def test_the_agency_told_is_no_content_noun() -> None:
    """'рассказал РИА Новости, что': "Новости" names the agency, not reports whose clause it is
    ("прокомментировал новости, что ..." stays nobody's quote)."""
    text = "Житель Суджи Андрей Новицкий рассказал РИА Новости, что обстрелы не прекращались всю ночь."
    assert _said(text) == [("Андрей Новицкий", "indirect", "обстрелы не прекращались всю ночь")]
    assert _said("Песков прокомментировал новости, что визит в Индию перенесен на весну.") == []


def test_foreign_surname_the_dictionary_lacks_after_a_role() -> None:
    """'..., заявил министр обороны Индонезии Шафри Шамсуддин': a foreign name pymorphy3 only guesses
    at (as a place or body's oblique form) is a person in a role's slot, and the inverted subject."""
    text = "Индонезия не будет вступать в военные блоки, заявил министр обороны Индонезии Шафри Шамсуддин."
    assert [(s, t) for s, _, t in _said(text)] == [("Шафри Шамсуддин", "Индонезия не будет вступать в военные блоки")]
    # a dative after the speaker is no second subject
    assert [s for s, _, _ in _said("Переговоры были трудными, сказал Путин Шольцу по телефону.")] == ["Vladimir Putin"]
