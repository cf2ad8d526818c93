"""Interview and transcript turns (quotes.transcript): "Q:"/"A:" labels, a Russian interview in
dialogue dashes, a moderator the intro names, a reporter's label with the outlet, a heading label,
an asker who names themself. Texts written here, apart from the heldout-4 gold."""
from __future__ import annotations

from quotes import Context, extract


def _said(text: str, country: str | None = None) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text, context=Context(country=country))]


def test_qa_labels_answers_are_the_interviewee_s() -> None:
    text = ("Foreign Minister Sergei Lavrov gave an interview to our newspaper ahead of the summit.\n\n"
            "Q: Mr Minister, what do you expect from the summit?\n\n"
            "A: We expect a frank conversation. Nobody should hope for miracles.\n\n"
            "We are ready to listen to every side.\n\n"
            "Q: And the sanctions?\n\n"
            "A: Sanctions have never worked against Russia and they will not work now.")
    said = _said(text)
    assert ("Sergei Lavrov", "We expect a frank conversation. Nobody should hope for miracles.\n\n"
                             "We are ready to listen to every side.") in said
    assert ("Sergei Lavrov", "Sanctions have never worked against Russia and they will not work now.") in said
    assert all(s not in ("A", "Q") for s, _ in said)
    assert all("summit?" not in t for _, t in said)


def test_answer_label_without_an_interviewee_is_nobody_s() -> None:
    text = ("Readers asked, the ministry answered.\n\nQ: When will the bridge open?\n\n"
            "A: The bridge will open in the spring after the final inspection.\n\n"
            "Q: Will it be free?\n\nA: Yes, the crossing will be free for residents.")
    assert all(s not in ("A", "Q") for s, _ in _said(text))


def test_russian_answer_labels() -> None:
    text = ("Министр иностранных дел Белоруссии Максим Рыженков ответил на вопросы нашего издания.\n\n"
            "Вопрос: Как вы оцениваете отношения с Польшей?\n\n"
            "Ответ: Отношения сложные, но мы открыты к диалогу.\n\n"
            "Вопрос: А с Литвой?\n\n"
            "Ответ: С Литвой ситуация такая же, граница должна работать.")
    said = _said(text, "BY")
    assert [t for _, t in said if "Отношения" in t or "Литвой ситуация" in t] == [
        "Отношения сложные, но мы открыты к диалогу.", "С Литвой ситуация такая же, граница должна работать."]
    assert {s for s, t in said if "Отношения" in t or "Литвой ситуация" in t} == {"Maxim Ryzhenkov"}


def test_russian_dash_interview_answers_with_their_paragraphs() -> None:
    text = ("Армия меняется\n\n"
            "Министр обороны Виктор Хренин в интервью нашему изданию рассказал о переменах в армии.\n\n"
            "— Виктор Геннадьевич, зачем так часто проводить проверки?\n\n"
            "— Проверка — это лучший экзамен. Её не отрепетируешь.\n\n"
            "Поэтому проверок будет больше.\n\n"
            "— Как вы оцениваете обстановку на границе?\n\n"
            "— Она остаётся напряжённой, но мы всё контролируем.")
    said = _said(text, "BY")
    assert said == [("Viktor Khrenin", "Проверка — это лучший экзамен. Её не отрепетируешь.\n\nПоэтому проверок будет больше."),
                    ("Viktor Khrenin", "Она остаётся напряжённой, но мы всё контролируем.")]


def test_news_dash_quotes_are_no_interview() -> None:
    # attributed dialogue lines in a news story: quotes.direct's, each with its own attribution
    text = ("Песков в интервью телеканалу прокомментировал переговоры.\n\n"
            "— Когда будет следующий раунд?\n\n"
            "— Пока рано говорить, — сказал Песков.\n\n"
            "— А что с обменом?\n\n"
            "— Этот вопрос обсуждается, — ответил он.")
    quotes = extract(text)
    assert [(q.text, q.extractor) for q in quotes if q.extractor != "post"] == [
        ("Пока рано говорить", "direct"), ("Этот вопрос обсуждается", "direct")]


def test_dash_paragraphs_without_interview_shape_are_no_interview() -> None:
    # no questions: a list in dashes, not an interview
    text = ("Министр обороны Виктор Хренин в интервью рассказал о планах на год.\n\n"
            "— строительство новых полигонов;\n\n— закупка беспилотников;\n\n"
            "— обучение резервистов;\n\n— учения с Россией.")
    assert _said(text, "BY") == []


def test_moderator_label_is_the_moderator_the_intro_names_and_reporter_with_outlet() -> None:
    text = ("TRANSCRIPT: PRESIDENT'S MEETING WITH STUDENTS\n\n"
            "The meeting was moderated by Press Secretary Natalya Eismont.\n\n"
            "MODERATOR: Good afternoon. Let us begin with the first question.\n\n"
            "REPORTER (BBC): Mr President, will the border reopen?\n\n"
            "PRESIDENT LUKASHENKO: It is not up to us. Our checkpoints are open.\n\n"
            "REPORTER (Xinhua): What about trade with China?\n\n"
            "PRESIDENT LUKASHENKO: Trade with China keeps growing every year.")
    said = _said(text)
    assert said == [("Natalya Eismont", "Good afternoon. Let us begin with the first question."),
                    ("Alexander Lukashenko", "It is not up to us. Our checkpoints are open."),
                    ("Alexander Lukashenko", "Trade with China keeps growing every year.")]


def test_question_turn_of_a_journalist_who_names_himself() -> None:
    text = ("Vladimir Putin: Good afternoon. We have had useful talks today.\n\n"
            "Alexander Lukashenko: I agree, the talks were very useful.\n\n"
            "Question: Good afternoon. Ivan Sidorov, Channel One. Vladimir Vladimirovich, what about gas prices?\n\n"
            "Vladimir Putin: Gas prices will stay as they are.")
    said = _said(text)
    assert ("Ivan Sidorov", "Good afternoon. Ivan Sidorov, Channel One. Vladimir Vladimirovich, what about gas "
                            "prices?") in said
    text = text.replace("Ivan Sidorov, Channel One. ", "")
    assert all(s != "Vladimir Putin" or "gas prices?" not in t for s, t in _said(text))


def test_russian_question_turn_of_a_journalist_who_names_himself() -> None:
    text = ("В.Путин: Добрый день. Переговоры прошли полезно.\n\nА.Лукашенко: Согласен, переговоры были полезными.\n\n"
            "Вопрос: Добрый день. Павел Зарубин, «Россия-1». Владимир Владимирович, что с ценами на газ?\n\n"
            "В.Путин: Цены останутся прежними.")
    assert [s for s, _ in _said(text)] == ["Vladimir Putin", "Alexander Lukashenko", "Павел Зарубин", "Vladimir Putin"]


def test_qa_intro_naming_the_journalists_and_a_question_label_without_colon() -> None:
    # the interviewers named after their role are not the interviewee; "QWhy?" (the colon lost with the
    # page's bold) is a question turn of a labelled-answer interview
    text = ("Q&A with Foreign Minister Sergei Lavrov.\n\n"
            "On the plane back to Moscow, he spoke with Reuters reporter John Smith and BBC editor Jane Doe.\n\n"
            "QWhat do you expect from the summit?\n\n"
            "A: We expect a frank conversation about security.\n\n"
            "QAnd the sanctions?\n\n"
            "A: Sanctions have never worked against Russia.")
    assert _said(text) == [("Sergei Lavrov", "We expect a frank conversation about security."),
                           ("Sergei Lavrov", "Sanctions have never worked against Russia.")]


def test_a_remark_that_opens_with_a_topic_and_a_comma_names_nobody() -> None:
    text = ("Vladimir Putin: Good afternoon. We have had useful talks today.\n\n"
            "Alexander Lukashenko: I agree, the talks were very useful.\n\n"
            "Remark: Regarding Gazprom, Mr President.\n\n"
            "Vladimir Putin: Ah yes, Gazprom. One more question, and then about Gazprom.")
    assert all(s != "Regarding Gazprom" for s, _ in _said(text))


def test_meeting_record_roster_names_the_president_and_country_labels_are_turns() -> None:
    # a roster line (dot leaders) is no turn; it names "The President"; "Mr. X (Country) (spoke in ...)"
    # is a label
    text = ("Security Council\n4512th meeting\n\n"
            "President:  Mr. Tomas Lindqvist ........ (Sweden)\n\n"
            "Members:    France ........ Mr. Dupont\n\n"
            "The President: I give the floor to the representative of France.\n\n"
            "Mr. Dupont (France) (spoke in French): France supports the draft resolution. We call on all "
            "members to vote in favour.\n\n"
            "The President: I thank the representative of France.")
    said = _said(text)
    assert said == [("Tomas Lindqvist", "I give the floor to the representative of France."),
                    ("Dupont", "France supports the draft resolution. We call on all members to vote in favour."),
                    ("Tomas Lindqvist", "I thank the representative of France.")]


def test_chair_the_intro_names_and_a_record_field_and_a_vote_table() -> None:
    text = ("Стенограмма заседания\n\n"
            "Заседание ведёт председатель Государственной Думы Вячеслав Викторович Володин.\n\n"
            "Председательствующий: Коллеги, переходим к голосованию.\n\n"
            "И.Сидоров: Фракция поддерживает законопроект.\n\n"
            "Председательствующий: Ставлю на голосование.\n\n"
            "РЕЗУЛЬТАТЫ ГОЛОСОВАНИЯ (12 час. 10 мин.)\nЗа\t300 чел.\nРезультат: принято\n\n"
            "Председательствующий: Закон принят.")
    said = _said(text)
    assert [t for s, t in said if s == "Vyacheslav Volodin"] == [
        "Коллеги, переходим к голосованию.", "Ставлю на голосование.", "Закон принят."]
    assert all(s != "Результат" and "300" not in t for s, t in said)


def test_press_conference_in_dialogue_dashes_is_the_spokesman_s() -> None:
    text = ("Итоги учений\n\n"
            "В министерстве прошла пресс-конференция по итогам учений. В ней приняли участие командующий "
            "войсками генерал-майор Игорь Смирнов и официальный представитель министерства полковник "
            "Олег Васильев.\n\n"
            "— Сколько военнослужащих участвовало в учениях?\n\n"
            "— Около пяти тысяч человек.\n\n"
            "— Были ли нарушения?\n\n"
            "— Нет, всё прошло по плану.\n\n"
            "В заключение Смирнов отметил, что войска выполнили все задачи.")
    said = _said(text)
    assert [(s, t) for s, t in said if s == "Олег Васильев"] == [
        ("Олег Васильев", "Около пяти тысяч человек."), ("Олег Васильев", "Нет, всё прошло по плану.")]
    assert all("войска выполнили" not in t for s, t in said if s == "Олег Васильев")


def test_qa_under_a_title_label_is_the_expert_s() -> None:
    # "Expert Q&A: ..." on the first line is the title, not a turn; the intro below it names the expert
    text = ("Expert Q&A: What the new missile deployment means for the region\n\n"
            "We asked Dr. Helen Marsh, a senior fellow at the institute, what this changes.\n\n"
            "Q: How should we read the deployment?\n\n"
            "A: Partly as theatre, partly as real capability.\n\n"
            "Q: Who controls the missiles?\n\n"
            "A: Moscow does, without a doubt.")
    said = _said(text)
    assert said == [("Helen Marsh", "Partly as theatre, partly as real capability."),
                    ("Helen Marsh", "Moscow does, without a doubt.")]


def test_a_turn_with_an_ellipsis_is_no_roster_line() -> None:
    text = ("Vladimir Putin: Good afternoon. We have had useful talks today.\n\n"
            "Alexander Lukashenko: Well... we will see what the talks bring.\n\n"
            "Vladimir Putin: We agreed on gas prices.")
    assert ("Alexander Lukashenko", "Well... we will see what the talks bring.") in _said(text)
