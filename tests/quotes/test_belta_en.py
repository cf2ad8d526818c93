"""BelTA-style English wire copy (issue 12): Lukashenko named as "the head of state", "the Belarusian
leader", "the President" or "Belarusian President Aleksandr Lukashenko" in a Belarusian source; wire
datelines, "according to", press services. Texts written here in that style, not copied."""
from __future__ import annotations

from datetime import date

from quotes import Context, extract
from quotes.learned.extractor import _ner_name

BY = Context(country="BY", published=date(2025, 3, 12), lang="en")


def _said(text: str, context: Context = BY) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text, context=context)]


def test_head_of_state_noted_that() -> None:
    text = ("MINSK, 12 March (BelTA) - Belarusian President Aleksandr Lukashenko met with the chairman of the "
            "State Control Committee on Wednesday. The head of state noted that discipline in the regions had "
            "improved.")
    assert _said(text) == [("Alexander Lukashenko", "discipline in the regions had improved")]


def test_belarusian_leader_stressed_after_content_without_dateline() -> None:
    text = ("MINSK, 4 May (BelTA) - The country must keep its grain reserves intact, the Belarusian leader "
            "stressed at a government meeting on Monday.")
    assert _said(text) == [("Alexander Lukashenko", "The country must keep its grain reserves intact")]


def test_bare_president_and_head_of_state_told_reporters() -> None:
    text = ("The President visited a dairy farm in Grodno Oblast. “Farmers should be paid on time, without "
            "excuses,” the head of state told reporters.\n\n“We will not let anyone wreck the harvest,” the "
            "President said.")
    said = _said(text)
    assert ("Alexander Lukashenko", "Farmers should be paid on time, without excuses") in said
    assert ("Alexander Lukashenko", "We will not let anyone wreck the harvest") in said


def test_split_quote_around_the_cue_keeps_both_pieces() -> None:
    """Both pieces are his (joined into one quote as PolNeAR annotates it, or apart as the rules find them)."""
    text = "“Our farmers did a great job this year,” Aleksandr Lukashenko stressed. “But we cannot rest on our laurels.”"
    said = _said(text)
    for piece in ("Our farmers did a great job this year", "But we cannot rest on our laurels."):
        assert any(s == "Alexander Lukashenko" and piece in t for s, t in said), said


def test_according_to_reports_its_own_sentence_only() -> None:
    text = ("MINSK, 2 July (BelTA) - Aleksandr Lukashenko held a meeting on the pharmaceutical industry. "
            "According to the head of state, domestic medicines must become cheaper.")
    assert _said(text) == [("Alexander Lukashenko", "domestic medicines must become cheaper")]


def test_pronoun_after_the_belarusian_leader() -> None:
    text = ("Speaking at a ceremony in the Palace of Independence, the Belarusian leader emphasized that the "
            "country would remain a peaceful state. He added that Belarus had never threatened its neighbours.")
    assert _said(text) == [("Alexander Lukashenko", "the country would remain a peaceful state"),
                           ("Alexander Lukashenko", "Belarus had never threatened its neighbours")]


def test_unattributed_quote_paragraph_continues_the_speaker() -> None:
    text = ("“Prices must be under control,” the head of state said.\n\n"
            "“Every minister is personally responsible for this. Report to me in a month.”")
    assert [s for s, _ in _said(text)] == ["Alexander Lukashenko", "Alexander Lukashenko"]


def test_press_service_of_the_head_of_state_is_not_him() -> None:
    text = "Industrial output grew by 4 percent in the first quarter, the press service of the head of state said."
    assert all(s != "Alexander Lukashenko" for s, _ in _said(text))


def test_head_of_state_outside_a_belarusian_source_is_not_lukashenko() -> None:
    text = "“We will not let anyone wreck the harvest,” the head of state said."
    assert all(s != "Alexander Lukashenko" for s, _ in _said(text, Context(country="RU", lang="en")))


def test_ner_name_drops_openers_and_party_labels_and_keeps_initials() -> None:
    text = "Neither Donald J. Trump nor Presumptive Democratic nominee spoke. Republican Marco Rubio did."
    assert _ner_name(text, 0, 16) is not None
    s, e = _ner_name(text, 0, 16) or (0, 0)
    assert text[s:e] == "Donald J. Trump"
    a = text.index("Presumptive")
    assert _ner_name(text, a, a + len("Presumptive Democratic")) is None
    a = text.index("Republican")
    s, e = _ner_name(text, a, a + len("Republican Marco Rubio")) or (0, 0)
    assert text[s:e] == "Marco Rubio"


def test_inverted_attribution_after_a_long_title() -> None:
    """'CLAUSE, Minister of Foreign Affairs of Belarus Maxim Ryzhenkov said': the parser hangs the long
    title on the clause and leaves the verb without a subject; the person right before it speaks."""
    for lead in ("MINSK, 28 November (BelTA) - ", ""):
        text = (f"{lead}Belarus will never agree to be a buffer zone between East and West, Minister of Foreign "
                "Affairs of Belarus Maxim Ryzhenkov said at a meeting with foreign ambassadors.")
        said = [(q.speaker, q.text) for q in extract(text, lang="en", context=Context(country="BY"))]
        assert said == [("Maxim Ryzhenkov", "Belarus will never agree to be a buffer zone between East and West")]


def test_topic_subheadings_over_quotes_keep_the_posts_speaker() -> None:
    # an MFA channel's post: the headline quotes the minister, then "🔹 On <topic>:" lines over his quotes
    from quotes import extract

    text = ("🇧🇾 Maxim Ryzhenkov: «Belarus has never been a threat to its neighbours»\n\n"
            "📍 Minister of Foreign Affairs Maxim Ryzhenkov gave an interview to a news agency.\n\n"
            "Key points:\n\n🔹 On the situation in the region:\n\n"
            "«What we see on our western borders is not defence, it is militarisation.»\n\n"
            "🔹 On relations with neighbours:\n\n«Our door remains open. We are ready to restore border crossings.»")
    said = [(q.speaker, q.text) for q in extract(text, lang="en")]
    assert said == [
        ("Maxim Ryzhenkov", "Belarus has never been a threat to its neighbours"),
        ("Maxim Ryzhenkov", "What we see on our western borders is not defence, it is militarisation."),
        ("Maxim Ryzhenkov", "Our door remains open. We are ready to restore border crossings.")]
