"""General English attribution patterns studied on PolNeAR train (issue 12); texts written here."""
from __future__ import annotations

from quotes import Context, extract
from quotes.text import after_dateline


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text, context=Context(lang="en"))]


def test_told_reporters_statement_and_spokesman() -> None:
    assert _said("“We are going to win this state,” Ted Cruz told reporters in Iowa.") == [
        ("Ted Cruz", "We are going to win this state")]
    assert _said("In a statement, Paul Ryan said the House would vote on the bill next week.") == [
        ("Paul Ryan", "the House would vote on the bill next week")]
    assert _said("Clinton's spokesman Brian Fallon said the emails were never classified.") == [
        ("Brian Fallon", "the emails were never classified")]


def test_quote_running_on_into_the_next_paragraph() -> None:
    said = _said("“The economy is strong.\n\n“Jobs are growing faster than ever,” Barack Obama said.")
    assert [s for s, _ in said] == ["Barack Obama", "Barack Obama"]


def test_wire_datelines() -> None:
    for text, rest in [("MINSK, 4 May (BelTA) - The country", "The country"),
                       ("NEW YORK (AP) — President Obama", "President Obama"),
                       ("Aug 27 (Reuters) - Hillary Clinton", "Hillary Clinton"),
                       ("WASHINGTON - The president", "The president"),
                       ("Trump - who said", "Trump - who said")]:
        assert text[after_dateline(text, 0, len(text)):] == rest
