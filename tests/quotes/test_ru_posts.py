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


def test_live_blog_entries_are_label_lines_not_transcript_turns() -> None:
    # a time stamp heads each entry: "Name: ..." under it is that person's line, and no turn runs on
    # over the next entries (the reporter's "X заявил, что ..." is X's own indirect quote)
    text = ("Саммит ОДКБ: онлайн-трансляция\n\n"
            "10:02\nШойгу: подготовка к учениям идёт по плану, все контингенты прибыли.\n\n"
            "10:15\nПутин о безопасности: «Мы никому не угрожаем, но защитим союзников».\n\n"
            "10:20\nПутин: «Работа идёт в полном объёме».\n\n"
            "10:31\nЛукашенко заявил, что Минск готов принять следующий саммит.\n\n"
            "10:40\nЗаседание завершилось.")
    said = _said(text)
    assert [(s, t) for s, _, t in said] == [
        ("Sergei Shoigu", "подготовка к учениям идёт по плану, все контингенты прибыли."),
        ("Vladimir Putin", "Мы никому не угрожаем, но защитим союзников"),
        ("Vladimir Putin", "Работа идёт в полном объёме"),
        ("Alexander Lukashenko", "Минск готов принять следующий саммит")]


def test_time_stamp_on_the_label_line() -> None:
    text = ("Онлайн-трансляция\n\n14:32 Песков: Кремль пока не получал никаких предложений от Вашингтона\n\n"
            "14:40 МСК Лавров: «Ультиматумы с нами не работают»")
    assert [(s, t) for s, _, t in _said(text)] == [
        ("Dmitry Peskov", "Кремль пока не получал никаких предложений от Вашингтона"),
        ("Sergei Lavrov", "Ультиматумы с нами не работают")]


def test_gerund_clause_before_a_colon_says_how_its_subject_speaks() -> None:
    text = "Лукашенко, отвечая на вопрос Путина: «Мы это сделаем в срок»."
    assert [(s, t) for s, _, t in _said(text, "BY")] == [("Alexander Lukashenko", "Мы это сделаем в срок")]


def test_a_line_ending_in_a_colon_introduces_the_signed_quote_below() -> None:
    # the colon line is no quote; the signature below names the speaker, not the role the line mentions
    text = ("Цитата дня 💬\n\n«Диалог – это улица с двусторонним движением».\n\n"
            "— Максим Рыженков, министр иностранных дел Беларуси\n\n"
            "И ещё одна — от министра:\n\n«Каждое подразделение должно быть готово к действию за несколько часов».\n\n"
            "— Виктор Хренин, министр обороны")
    assert [(s, t) for s, _, t in _said(text, "BY")] == [
        ("Maxim Ryzhenkov", "Диалог – это улица с двусторонним движением"),
        ("Viktor Khrenin", "Каждое подразделение должно быть готово к действию за несколько часов")]


def test_a_topic_before_a_bullet_quote_keeps_the_posts_speaker() -> None:
    text = ("⚡️Лукашенко: «Своего мы не отдадим никому»\n\n"
            "🔻«Обстановка на границе не становится спокойнее», — подчеркнул Президент.\n\n"
            "🔻О пунктах пропуска: «Они сами закрыли границу, пусть сами и объясняют».")
    said = _said(text, "BY")
    assert ("Alexander Lukashenko", "Они сами закрыли границу, пусть сами и объясняют") in [(s, t) for s, _, t in said]


def test_naming_verb_with_words_in_marks_is_a_mixed_quote() -> None:
    text = ("⚡️Захарова назвала решение Евросоюза о новых санкциях «очередным актом экономического самоубийства»\n\n"
            "⚡️Глава МИД России Сергей Лавров назвал заявления Варшавы «истерикой, которую никто не воспринимает»")
    assert _said(text) == [
        ("Maria Zakharova", "mixed", "решение Евросоюза о новых санкциях «очередным актом экономического самоубийства»"),
        ("Sergei Lavrov", "mixed", "заявления Варшавы «истерикой, которую никто не воспринимает»")]


def test_naming_headline_restating_the_storys_quote_is_not_counted_twice() -> None:
    text = ("Захарова назвала решение Вильнюса «очередной провокацией»\n\n"
            "«Это очередная провокация, направленная на нагнетание напряженности», — заявила Захарова на брифинге.")
    assert [t for _, _, t in _said(text)] == ["Это очередная провокация, направленная на нагнетание напряженности"]


def test_naming_verb_beside_a_reporting_verb_leaves_the_statement_to_it() -> None:
    text = "Лукашенко назвал западные санкции «экономической войной» и заявил, что Беларусь «выстоит, как всегда»."
    assert [t for _, _, t in _said(text, "BY")] == ["Беларусь «выстоит, как всегда»"]


def test_words_in_marks_inside_the_named_thing_are_not_the_namers() -> None:
    # the marks are NATO's words ("превентивные удары"); Lavrov's naming, "попыткой выслужиться", has none
    text = "Лавров назвал заявления представителей НАТО о \"превентивных ударах\" по России попыткой выслужиться."
    assert all(k != "mixed" for _, k, _ in _said(text))
