"""The rule language: every condition given must hold; those left out match anything."""
from __future__ import annotations

from alerts.rules import QuoteFacts, Rule, load_rules


def facts(**kw: object) -> QuoteFacts:
    base: dict[str, object] = dict(speaker_id="lukashenko", speaker_country="BY",
                                   speaker_roles=("President of the Republic of Belarus",),
                                   topics=("NATO",), source_id="belta_en", source_kind="state_media",
                                   source_country="BY", lang="en", type="direct",
                                   text="NATO is moving closer to our borders", is_new=True)
    base.update(kw)
    return QuoteFacts(**base)  # type: ignore[arg-type]


def test_default_rule_belarus_on_nato_or_ukraine() -> None:
    rule = next(r for r in load_rules() if r.id == "by-nato-ukraine")
    assert rule.matches(facts())
    assert rule.matches(facts(topics=("Ukraine",)))
    assert not rule.matches(facts(topics=()))
    assert not rule.matches(facts(speaker_id="putin", speaker_country="RU"))
    assert not rule.matches(facts(is_new=False)), "repeats are not new rhetoric"


def test_each_condition() -> None:
    r = Rule(id="r", name="R", speaker={"roles": ["president"]}, topics={"all": ["NATO", "Ukraine"]},
             source={"kinds": ["state_media"], "countries": ["BY"]}, languages=["ru"], types=["indirect"],
             keywords=["границ"], regex=r"\bНАТО\b", new_only=False)
    ok = facts(topics=("NATO", "Ukraine"), lang="ru", type="indirect", text="НАТО у нашей границы", is_new=False)
    assert r.matches(ok)
    assert not r.matches(facts(**{**ok.__dict__, "speaker_roles": ("Minister of Defence",)}))
    assert not r.matches(facts(**{**ok.__dict__, "topics": ("NATO",)}))
    assert not r.matches(facts(**{**ok.__dict__, "source_kind": "think_tank"}))
    assert not r.matches(facts(**{**ok.__dict__, "lang": "en"}))
    assert not r.matches(facts(**{**ok.__dict__, "type": "direct"}))
    assert not r.matches(facts(**{**ok.__dict__, "text": "НАТО далеко от нас"}))
    assert not r.matches(facts(**{**ok.__dict__, "text": "натовская граница"}))


def test_disabled_rule_never_matches() -> None:
    assert not Rule(id="r", name="R", enabled=False).matches(facts())
