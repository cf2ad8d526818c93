"""Context.speaks_for: the owner of the channel a text was posted in (a source's `speaks_for`)."""
from __future__ import annotations

from datetime import date

from quotes import Context, extract

BARE = "Президент посетил завод.\n\n«Никакой паники. Работаем по плану», — подчеркнул Президент."


def _speakers(text: str, **ctx: object) -> list[str | None]:
    return [q.speaker_id for q in extract(text, lang="ru", context=Context(lang="ru", **ctx))]  # type: ignore[arg-type]


def test_a_bare_role_noun_is_the_channel_owner_when_the_role_is_theirs() -> None:
    day = date(2026, 11, 20)
    assert _speakers(BARE, country="BY", published=day, speaks_for="lukashenko") == ["lukashenko"]
    # without the channel, a bare "Президент" names no one where no country says whose title it is
    assert "lukashenko" not in _speakers(BARE, country=None, published=day)
    # Medvedev was president until 2012: in his channel today "Президент" is not him
    assert "medvedev" not in _speakers(BARE, country="RU", published=day, speaks_for="medvedev")
    assert _speakers(BARE, country="RU", published=date(2010, 3, 1), speaks_for="medvedev") == ["medvedev"]


def test_someone_named_before_the_role_noun_still_wins() -> None:
    text = "Владимир Путин провёл совещание.\n\n«Мы никому не угрожаем», — подчеркнул президент."
    assert _speakers(text, country="BY", published=date(2026, 11, 20), speaks_for="lukashenko") == ["putin"]
