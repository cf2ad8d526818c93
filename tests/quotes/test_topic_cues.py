"""English: what a person spoke about, or asked others to do, is no quote (the pack's topic_cues.txt);
the learned model, trained on PolNeAR, tags such objects as content. And the parse gate: sentences
that are a quotation and its attribution are not parsed (quotes.indirect_en._worth_parsing)."""
from __future__ import annotations

from quotes import Context, extract
from quotes.indirect_en import _outside_quotes, _worth_parsing


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text, lang="en", context=Context(country="BY"))]


def test_topics_and_requests_are_no_quotes() -> None:
    for sent in ("He also spoke about the situation on the border with Ukraine.",
                 "He commented on the talks later in the day.",
                 "He urged the EU not to forget political prisoners.",
                 "He drew attention to the situation in the agricultural sector."):
        text = f"Belarusian Foreign Minister Maxim Ryzhenkov met the ambassadors in Minsk. {sent}"
        assert _said(text) == [], sent


def test_a_reported_clause_after_the_same_verbs_stays() -> None:
    text = ("Belarusian Foreign Minister Maxim Ryzhenkov met the ambassadors in Minsk. "
            "He said that Belarus was ready to resume the talks on border crossings.")
    assert _said(text) == [("Maxim Ryzhenkov", "Belarus was ready to resume the talks on border crossings")]


def test_quotation_left_open_by_the_sentence_splitter_counts_as_quoted() -> None:
    outside, opens = _outside_quotes("the American people,” Sen. Claire McCaskill said.")
    assert outside.split() == ["Sen.", "Claire", "McCaskill", "said."] and opens
    outside, opens = _outside_quotes("Trump said, “When people come back from war")
    assert outside.split() == ["Trump", "said,"] and not opens


def test_parse_gate() -> None:
    long_tail = "“It is strange,” said James Acton, a physicist who is co-director of the Nuclear Policy Program."
    assert not _worth_parsing(long_tail, 0, len(long_tail))
    clause = "“It is strange,” said James Acton, who argued that the policy was too ambiguous to work."
    assert _worth_parsing(clause, 0, len(clause))
    plain = "Acton said the policy was too ambiguous to work."
    assert _worth_parsing(plain, 0, len(plain))
