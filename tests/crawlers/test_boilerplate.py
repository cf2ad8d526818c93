"""The generic extractor's precision (issue 14, item 5): page furniture and boilerplate lines
are dropped, prose is kept; and the body F1 on the project's own gold set does not regress
(bench/bodies.py prints the figures)."""
from __future__ import annotations

import lxml.html
import pytest

from crawlers.parsers.boilerplate import clean_paragraphs, is_boilerplate, strip_furniture


@pytest.mark.parametrize("line", [
    "Subscribe to our newsletter", "Sign up to First Edition", "Follow Gulf Globe English:",
    "Read more: EU prepares new sanctions", "Подписывайтесь на РИА Новости в Telegram",
    "Читайте также: Лукашенко провел совещание", "Поддержите независимую журналистику",
    "Больше новостей в Telegram-канале ТАСС", "3 minute read", "5 минут чтения", "Версия для печати",
    "© ТАСС, 2026. При использовании материалов ссылка на ТАСС обязательна.",
    "The views expressed in this Commentary are the authors’, and do not represent those of RUSI.",
    "Carnegie does not take institutional positions on public policy issues.",
    "Source: Al Jazeera and news agencies", "Updated at 12.44 GMT", "March 12, 2026 4:02 am CET",
    "12.03.2026 11:30", "[1] https://president.gov.by/en/events/x ; https://t.me/pul_1",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Follow the money: the sanctions have pushed potash exports through Russian ports, and freight now takes "
    "a fifth of the price of a tonne delivered to Brazil, analysts estimate, up from a tenth before.",
    "Subscribers to the state newspaper fell by a third in two years, the ministry of information said.",
    "«Мы будем реагировать соразмерно», — заявил Глава государства.",
    "The meeting lasted until 11:30, when the delegations left for lunch.",
    "Read the full statement on the ministry's website, officials said, adding that it would be translated.",
    "2026 will be a decisive year for the Union State, Lukashenko said.",
    "«Поддержите наших аграриев», — призвал Президент.", "«Следите за руками», — пошутил Лукашенко.",
    "Support our farmers, the president told the governors.",
])
def test_prose_is_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_headline_kicker_and_repeated_labels() -> None:
    paras = ["Commentary", "Lukashenko Says What Putin Thinks", "First paragraph of the article.", "Share",
             "Second paragraph.", "Share"]
    assert clean_paragraphs(paras, "Lukashenko Says What Putin Thinks") == [
        "First paragraph of the article.", "Second paragraph."]
    # a transcript's speaker labels repeat too, and are kept
    turns = ["Vladimir Putin", "We discussed security.", "Alexander Lukashenko", "I agree.", "Vladimir Putin",
             "Thank you.", "Вопрос:", "Как дела?", "Вопрос:", "Хорошо."]
    assert clean_paragraphs(turns, None) == turns
    # a title later in the text is a sentence of the article, not the headline
    assert clean_paragraphs(["One.", "Two.", "Three.", "Title"], "Title") == ["One.", "Two.", "Three.", "Title"]


def test_furniture_is_stripped_but_never_the_body() -> None:
    body = " ".join(["The article's own text is long."] * 40)
    doc = lxml.html.fromstring(
        f'<html><body><div class="share-bar">Share on X</div><div class="article-body related-wrap"><p>{body}</p>'
        '<div class="newsletter-box"><p>Sign up</p></div></div><ul class="tags"><li>Belarus</li></ul></body></html>')
    strip_furniture(doc)
    text = doc.text_content()
    assert body in text  # the body container's class mentions "related": too much text to be furniture
    assert "Share on X" not in text and "Sign up" not in text and "Belarus" not in text


def test_a_short_article_in_a_container_named_like_furniture_is_kept() -> None:
    menu = "".join(f"<li><a href='/{i}'>Section number {i} of the site menu</a></li>" for i in range(200))
    body = "<p>The short article has two paragraphs of its own.</p><p>This is the second one, also short.</p>"
    doc = lxml.html.fromstring(f'<html><body><ul class="menu">{menu}</ul>'
                               f'<div class="entry-content social-share-enabled">{body}</div>'
                               '<div class="newsletter"><p>Sign up</p></div></body></html>')
    strip_furniture(doc)
    assert "The short article" in doc.text_content() and "Sign up" not in doc.text_content()


def test_own_gold_set_body_f1() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import bodies  # type: ignore[import-not-found]

    cases = [*bodies.own_pages(), *bodies.fixture_pages()]
    assert len(cases) >= 40
    scores = [bodies.score(bodies.extract(raw, url, "generic"), gold) for _g, _n, raw, url, gold in cases]
    mean_f1 = sum(f for _p, _r, f in scores) / len(scores)
    assert mean_f1 >= 0.97, mean_f1  # 0.928 before the precision work; 0.986 after (bench/bodies.py)
