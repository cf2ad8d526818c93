"""A reporting verb and a colon before the words, without quotation marks ("Замглавы МИД Рябков предупредил
Вашингтон: если ..."), is the subject's indirect quote, as "X заявил, что ..." is: the package types as
direct only words in quotation marks or under a speaker label. Verbs of the manner of speech
("возмутился", "отмахнулся", "съязвила") attribute a quote interrupted by its attribution. Texts written
here in the styles of news flashes and Telegram posts, not copied from any corpus."""
from __future__ import annotations

import pytest

from quotes import Context, extract


def _said(text: str, lang: str, country: str | None = None) -> list[tuple[str | None, str, str]]:
    return [(q.speaker, q.type, q.text) for q in extract(text, lang=lang, context=Context(country=country))]


@pytest.mark.parametrize(("text", "lang", "country", "speaker", "quote"), [
    ("Замглавы МИД Рябков предупредил Вашингтон: если американские ракеты полетят по нашим городам, это будет "
     "иметь последствия.", "ru", None, "Sergei Ryabkov",
     "если американские ракеты полетят по нашим городам, это будет иметь последствия"),
    ("Глава МИД Беларуси Рыженков напомнил коллегам: Минск открыт для диалога с соседями.", "ru", None,
     "Maxim Ryzhenkov", "Минск открыт для диалога с соседями"),
    ("Вспоминая август 2020 года, Президент отметил: всё было расписано заранее — методички из-за рубежа, "
     "деньги, кураторы.", "ru", "BY", "Alexander Lukashenko",
     "всё было расписано заранее — методички из-за рубежа, деньги, кураторы"),
    ("Lukashenko warned: Belarus will respond to any provocation on its border.", "en", None,
     "Alexander Lukashenko", "Belarus will respond to any provocation on its border"),
])
def test_verb_and_colon_give_the_subjects_indirect_quote(text: str, lang: str, country: str | None, speaker: str,
                                                         quote: str) -> None:
    assert _said(text, lang, country) == [(speaker, "indirect", quote)]


@pytest.mark.parametrize(("text", "lang", "country"), [
    # a body: the package gives organisations no quotes ("МИД России заявил, что ..." neither)
    ("В годовщину подписания Минского комплекса мер МИД России напомнил: Киев так и не выполнил ни одного пункта.",
     "ru", None),
    # a title alone with no source country is nobody known
    ("Вспоминая август 2020 года, Президент отметил: всё было расписано заранее.", "ru", None),
    # the words before the subject are a sentence of the reporter's, not a role
    ("Встретившись с Рябковым, послы обсудили: как вернуть переговоры в прежний формат.", "ru", None),
    ("The Foreign Ministry warned: Belarus will respond to any provocation on its border.", "en", None),
])
def test_verb_and_colon_without_a_person_give_no_quote(text: str, lang: str, country: str | None) -> None:
    assert _said(text, lang, country) == []


@pytest.mark.parametrize(("text", "speaker", "quotes"), [
    ("«Что вы на нас всё валите? — возмутился Лукашенко в разговоре с иностранными журналистами. — Это вы "
     "бомбили Ирак и Ливию».", "Alexander Lukashenko", ["Что вы на нас всё валите", "Это вы бомбили Ирак и Ливию"]),
    ("«Это не наш вопрос, — отмахнулся Песков. — Обращайтесь в Минобороны».", "Dmitry Peskov",
     ["Это не наш вопрос", "Обращайтесь в Минобороны"]),
    ("«Пусть сначала научатся считать», — съязвила Захарова.", "Maria Zakharova", ["Пусть сначала научатся считать"]),
    ("«Нам нечего бояться санкций», — усмехнулся Лавров.", "Sergei Lavrov", ["Нам нечего бояться санкций"]),
])
def test_verbs_of_the_manner_of_speech_attribute_direct_quotes(text: str, speaker: str, quotes: list[str]) -> None:
    assert _said(text, "ru") == [(speaker, "direct", q) for q in quotes]


def test_a_manner_verb_without_a_speaker_gives_no_quote() -> None:
    assert _said("«Нам нечего бояться санкций», — усмехнулся собеседник агентства.", "ru") == []
